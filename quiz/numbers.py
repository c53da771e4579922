"""Numbers as people read them: a decimal comma in Ukrainian, a point in English."""

from __future__ import annotations

import math


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
