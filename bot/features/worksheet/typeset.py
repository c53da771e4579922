"""A question's text as typeset pieces for the Typst template (`worksheet.typ`).

The question bank writes for a chat: emoji, `1/6`, `−log₂ P`, `D(p‖q)`, lists of
"label — probability" lines. On paper that becomes real mathematics and pictures:
- formulas and fractions become Typst math (`{"m": "-log_2 P"}`), built only from the small
  set of shapes below and checked against a whitelist, so nothing from a question (let alone
  a user) is ever evaluated as Typst code: text always travels as data (`{"t": "..."}`);
- keycap digits become drawn die faces (`{"die": 3}`), coloured circles drawn dots;
- runs of "label — value" lines, and "label value · label value" lines, become tables;
- a question about a six-sided die gets a picture of its faces (`faces`).
Emoji the font cannot draw are dropped (`bot.render.fonts.printable`).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from bot.features.worksheet.content import Item, choice_letter, choices_of, printed_text
from bot.render.fonts import printable

Segment = dict[str, Any]
Block = dict[str, Any]

TABLE_COLUMNS = 8  # wider tables are split into rows of at most this many columns

_KEYCAP = re.compile(r"🔟|([0-9])\ufe0f?\u20e3")
_DOT_COLOURS = {
    "🔴": "#d7301f",
    "🔵": "#2b6cb0",
    "🟢": "#2f9e44",
    "🟡": "#f2c200",
    "🟠": "#f08c00",
    "🟣": "#7b3fb5",
    "🟤": "#8b5a2b",
    "⚫": "#222222",
    "⚪": "#ffffff",
}
_PICTURES = re.compile(r"🔟|[0-9]\ufe0f?\u20e3|" + "|".join(_DOT_COLOURS))

_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_LOG_ARGUMENT = r"\([\d/,. pqP]{1,24}\)|\d+(?:/\d+)?|[pqP](?![\w])"
_MATH = re.compile(
    r"(?P<kl>D\((?P<kl_a>[pq])\s*‖\s*(?P<kl_b>[pq])\))"
    r"|(?P<ce>H\((?P<ce_a>[pq]),\s*(?P<ce_b>[pq])\))"
    r"|(?P<hp>H\((?P<hp_a>[pq])\))"
    rf"|(?P<log>(?P<sign>[−-]\s?)?(?P<fn>log[₀-₉]+|ln|lg)\s?(?P<arg>{_LOG_ARGUMENT})?)"
    r"|(?P<frac>(?<![\d,./])\d{1,4}/\d{1,4}(?![\d/]))"
    r"|(?P<var>(?<![\w'’])[pqPH](?![\w'’]))"
)
# Everything a math piece may contain: digits, the letters of our formulas, and signs.
_SAFE_MATH = re.compile(r"^(?:log|ln|lg|[0-9pqPDH_ /(),.|=+-])+$")

_TABLE_ROW = re.compile(r"^(?P<label>.{1,48}?)\s+—\s+(?P<value>\d{1,4}(?:/\d{1,4})?|\d+[.,]\d+)$")
_INLINE_ITEM = re.compile(r"^(?P<label>.{1,32}?)\s+(?P<value>\d{1,4}/\d{1,4}|0)$")


# ---------------------------------------------------------------- inline pieces


def math_of(match: re.Match[str]) -> str:
    """The Typst math for one recognised formula."""
    if match.group("kl"):
        return f"D({match.group('kl_a')} || {match.group('kl_b')})"
    if match.group("ce"):
        return f"H({match.group('ce_a')}, {match.group('ce_b')})"
    if match.group("hp"):
        return f"H({match.group('hp_a')})"
    if match.group("log"):
        name = match.group("fn")
        if name.startswith("log"):
            name = "log_" + name[3:].translate(_SUBSCRIPTS)
        sign = "-" if match.group("sign") else ""
        argument = (match.group("arg") or "").replace(" ", "")
        return f"{sign}{name} {argument}".strip()
    return match.group(0)  # a fraction or a single letter is already Typst math


def segments(text: str) -> list[Segment]:
    """Inline pieces of one line: text, math, die faces and coloured dots."""
    pieces: list[Segment] = []
    position = 0
    for picture in _PICTURES.finditer(text):
        pieces.extend(_text_and_math(text[position : picture.start()]))
        pieces.append(_picture(picture.group(0)))
        position = picture.end()
    pieces.extend(_text_and_math(text[position:]))
    return _merged(pieces)


def _picture(emoji: str) -> Segment:
    if emoji in _DOT_COLOURS:
        return {"dot": _DOT_COLOURS[emoji]}
    keycap = _KEYCAP.match(emoji)
    number = 10 if emoji == "🔟" or keycap is None else int(keycap.group(1))
    return {"die": number} if 1 <= number <= 6 else {"num": str(number)}


def _text_and_math(text: str) -> list[Segment]:
    pieces: list[Segment] = []
    position = 0
    for match in _MATH.finditer(text):
        formula = math_of(match)
        if not _SAFE_MATH.match(formula):
            continue  # left as text
        pieces.append({"t": text[position : match.start()]})
        pieces.append({"m": formula})
        position = match.end()
    pieces.append({"t": text[position:]})
    return pieces


def _merged(pieces: list[Segment]) -> list[Segment]:
    """Drop what the font cannot draw, and empty or adjacent text pieces."""
    merged: list[Segment] = []
    for piece in pieces:
        if "t" in piece:
            shown = printable(piece["t"])
            if not shown:
                continue
            if merged and "t" in merged[-1]:
                merged[-1] = {"t": merged[-1]["t"] + shown}
                continue
            piece = {"t": shown}
        merged.append(piece)
    if merged and "t" in merged[0]:
        merged[0] = {"t": merged[0]["t"].lstrip()}  # the space an emoji at the start left
    return [piece for piece in merged if piece != {"t": ""}]


# ---------------------------------------------------------------- lines and tables


def blocks(text: str) -> list[Block]:
    """Paragraphs and tables of a question's printed text. A short line ending in ":" just
    before a table ("Правда, p:", "q:") names the table's row of values; a second table over
    the same outcomes (the belief q after the truth p) becomes another row of the first, so
    the two can be compared column by column."""
    out: list[Block] = []
    rows: list[tuple[str, str]] = []
    for line in [*text.splitlines(), ""]:
        if match := _TABLE_ROW.match(line.strip()):
            rows.append((match.group("label"), match.group("value")))
            continue
        if len(rows) >= 2:
            _add_table(out, rows)
        elif rows:
            out.append({"p": segments(" — ".join(rows[0]))})
        rows = []
        for block in _line_blocks(line):
            if "rows" in block:
                _add_table(out, block["rows"])
            else:
                out.append(block)
    return out


def _line_blocks(line: str) -> list[Block]:
    if not line.strip():
        return []
    head, _, tail = line.rpartition(": ") if " · " in line else ("", "", "")
    items = [_INLINE_ITEM.match(part.strip()) for part in tail.split(" · ")] if tail else []
    if len(items) >= 2 and all(items):
        pairs = [(item.group("label"), item.group("value")) for item in items if item]
        return [{"p": segments(head + ":")}, {"rows": pairs}]
    return [{"p": segments(line)}]


MAX_ROW_NAME = 24  # "Правда, p:" names a row; a longer sentence stays a paragraph


def _add_table(out: list[Block], rows: list[tuple[str, str]]) -> None:
    name: list[Segment] | None = None
    if out and "p" in out[-1] and _is_row_name(out[-1]["p"]):
        name = _trimmed(out.pop()["p"])
    labels = [label for label, _ in rows]
    values = [_value(value) for _, value in rows]
    earlier = next((block for block in reversed(out) if "table" in block), None)
    if earlier is not None and _widen(earlier["table"], labels):
        earlier["table"]["rows"].append({"name": name, "values": values})
        return
    out.append({"table": {"labels": labels, "rows": [{"name": name, "values": values}]}})


def _widen(table: dict[str, Any], labels: list[str]) -> bool:
    """Make `table` take a row over `labels`: the same outcomes, or more of them in the same
    order (the truth leaves out a value the die lacks, a belief lists it: its chance is 0)."""
    have: list[str] = table["labels"]
    if have == labels:
        return True
    if not set(have) < set(labels) or [label for label in labels if label in have] != have:
        return False
    for row in table["rows"]:
        by_label = dict(zip(have, row["values"], strict=True))
        row["values"] = [by_label.get(label, [{"t": "0"}]) for label in labels]
    table["labels"] = labels
    return True


def _is_row_name(line: list[Segment]) -> bool:
    text = "".join(piece.get("t", piece.get("m", "")) for piece in line)
    return text.rstrip().endswith(":") and len(text) <= MAX_ROW_NAME


def _trimmed(line: list[Segment]) -> list[Segment]:
    """The row name without its colon: "Правда, p:" → "Правда, p"."""
    last = line[-1]
    if "t" in last:
        rest = last["t"].rstrip().removesuffix(":").rstrip(" ,")
        return [*line[:-1], {"t": rest}] if rest else line[:-1]
    return line


def tables_for_print(block: Block) -> list[dict[str, Any]]:
    """A table split into chunks of at most TABLE_COLUMNS columns, its labels typeset."""
    labels: list[str] = block["table"]["labels"]
    rows: list[dict[str, Any]] = block["table"]["rows"]
    chunks = []
    for start in range(0, len(labels), TABLE_COLUMNS):
        end = start + TABLE_COLUMNS
        chunks.append(
            {
                "labels": [segments(label) for label in labels[start:end]],
                "rows": [{"name": row["name"], "values": row["values"][start:end]} for row in rows],
            }
        )
    return chunks


def _value(value: str) -> list[Segment]:
    return [{"m": value}] if "/" in value else [{"t": value}]


# ---------------------------------------------------------------- whole tasks


def die_faces(params: dict[str, Any]) -> list[int]:
    """The faces of the six-sided die a question is about, for its picture: from the
    probabilities of the values 1–6 (a pair "a-b" is two rolls of one die). [] when the
    question is about something else (a coin, a 20-sided die, sums of two dice)."""
    p: dict[str, Any] = params.get("p") or {}
    values: dict[int, Fraction] = {}
    for outcome, probability in p.items():
        first, _, second = str(outcome).partition("-")
        if not first.isdigit() or (second and not second.isdigit()):
            return []
        # Summing over the second roll of a pair leaves the probabilities of one roll.
        values[int(first)] = values.get(int(first), Fraction(0)) + Fraction(probability)
    if not values or not set(values) <= set(range(1, 7)):
        return []
    counts = {value: share * 6 for value, share in values.items()}
    if any(count.denominator != 1 for count in counts.values()) or sum(counts.values()) != 6:
        return []
    return [value for value in sorted(counts) for _ in range(int(counts[value]))]


def task(item: Item, lang: str) -> dict[str, Any]:
    """One printed task: its number, its text as blocks, its die picture, its options."""
    question = item.question
    options = [
        {"letter": choice_letter(lang, index), "label": segments(label)}
        for index, label in enumerate(choices_of(question))
    ]
    printed = [
        {"table": tables_for_print(block)} if "table" in block else block
        for block in blocks(printed_text(question.text))
    ]
    return {
        "n": item.number,
        "blocks": printed,
        "faces": die_faces(question.params),
        "choices": options,
    }
