"""Names of the files the bot sends: `8-A_2026-11-29.csv`, `8-A_entropy_2026-11-29.pdf`.

A teacher downloads them to a school computer, a USB stick or a printer queue, where Cyrillic,
spaces and signs like `/` or `:` in a name break something sooner or later. So names are
ASCII: Ukrainian letters are transliterated (the official Ukrainian romanisation of 2010,
`8-А` → `8-A`, `Фізмат` → `Fizmat`), everything else becomes `-`, and parts are joined by `_`.
"""

from __future__ import annotations

import re
from datetime import date

MAX_PART = 40
_FALLBACK = "class"

# The 2010 national romanisation; the forms used at the start of a word are in _INITIAL
# (and зг is zgh, not zh).
_LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
    "ʼ": "",
    # Russian letters that turn up in names typed on other keyboards.
    "ы": "y",
    "э": "e",
    "ё": "io",
    "ъ": "",
}
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def transliterate(text: str) -> str:
    """Ukrainian letters in Latin ones, keeping capitals: `Фізмат 8-Б` → `Fizmat 8-B`."""
    out: list[str] = []
    previous = ""
    for ch in text:
        lower = ch.lower()
        at_word_start = not previous.isalpha()
        latin = (_INITIAL.get(lower) if at_word_start else None) or _LETTERS.get(lower)
        if lower == "г" and previous.lower() == "з":
            latin = "gh"  # зг → zgh, so that it does not read as zh (ж)
        if latin is None:
            out.append(ch)
        elif ch != lower and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
        if ch not in "'’ʼ":
            previous = ch
    return "".join(out)


def safe_part(text: str) -> str:
    """One part of a file name: transliterated, only `A-Za-z0-9-`, at most MAX_PART long."""
    ascii_text = _UNSAFE.sub("-", transliterate(text))
    ascii_text = re.sub(r"-{2,}", "-", ascii_text).strip("-")
    return ascii_text[:MAX_PART].rstrip("-")


def file_name(*parts: str, day: date | None = None, extension: str) -> str:
    """`file_name("8-А", day=date(2026, 11, 29), extension="csv")` → `8-A_2026-11-29.csv`.
    The first part names the thing (a class: `class` when nothing of it is printable, say
    only emoji); later parts with nothing printable are left out."""
    first, *rest = [safe_part(text) for text in parts] or [""]
    kept = [first or _FALLBACK, *(part for part in rest if part)]
    if day is not None:
        kept.append(day.isoformat())
    return "_".join(kept) + "." + extension.lstrip(".")
