"""Numbers as people read them: a decimal comma in Ukrainian, a point in English."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence


def format_number(value: float, lang: str = "uk", digits: int = 4) -> str:
    """Round to `digits` significant digits (at most `digits` decimals for small
    magnitudes), drop trailing zeros, and use the language's decimal mark.

    >>> format_number(2.584962500721156, "uk")
    '2,585'
    >>> format_number(0.5, "en")
    '0.5'
    >>> format_number(math.inf, "en")
    '∞'
    """
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if text.startswith("-"):
        text = "−" + text[1:]
    return text.replace(".", ",") if lang == "uk" else text


def format_percent(fraction: float, lang: str = "uk", digits: int = 0) -> str:
    """0.756 → '76 %' (uk: a narrow no-break space before %) or '76%' (en)."""
    text = f"{fraction * 100:.{digits}f}"
    if lang == "uk":
        return text.replace(".", ",") + "\u202f%"
    return text + "%"


def plural_form(count: float | str, lang: str, forms: Sequence[str]) -> str:
    """The form of a noun that agrees with ``count`` (a number or its formatted text).

    Ukrainian ``forms`` are (one, few, many) or (one, few, many, fractional): 1, 21, 101 take
    *one*; 2–4, 22–24 (not 12–14) take *few*; 0, 5–20, 25… take *many*; a fractional number
    takes the genitive singular, which is the *few* form unless a fourth form is given
    (2,5 задачі, but 2,5 біта). Any other language uses English (one, other).

    >>> [plural_form(n, "uk", ("задача", "задачі", "задач")) for n in (1, 3, 5, 11, 22, 2.5)]
    ['задача', 'задачі', 'задач', 'задач', 'задачі', 'задачі']
    >>> plural_form(1, "en", ("task", "tasks")), plural_form("1,5", "en", ("task", "tasks"))
    ('task', 'tasks')
    """
    whole = whole_number(count)
    if lang != "uk":
        return forms[0] if whole == 1 else forms[1]
    if whole is None:
        return forms[3] if len(forms) > 3 else forms[1]
    n = abs(whole)
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def whole_number(count: float | str) -> int | None:
    """The integer a count shows, or None if it shows a fractional number."""
    if isinstance(count, str):
        text = count.strip().replace("−", "-")
        if "," in text or "." in text:
            return None
        try:
            return int(text)
        except ValueError:
            return None
    if isinstance(count, float) and not count.is_integer():
        return None
    return int(count)


def split_numbers(text: str) -> list[str]:
    """Numbers as typed on a phone, one token each: separated by spaces or `;`; a comma
    followed by a space separates (`0.5, 0.5`); a token with several commas and no spaces is
    a list (`1,1,1,3`); a single comma between digits stays a decimal comma (`0,5`).

    >>> split_numbers("1,1,1,3"), split_numbers("0,5; 0,5"), split_numbers("1/2, 1/2")
    (['1', '1', '1', '3'], ['0,5', '0,5'], ['1/2', '1/2'])
    """
    text = re.sub(r",(\s|$)", r" \1", text.replace(";", " "))
    tokens: list[str] = []
    for token in text.split():
        if token.count(",") >= 2:
            tokens.extend(piece for piece in token.split(",") if piece)
        else:
            tokens.append(token)
    return tokens
