"""CSV files a teacher opens by double-click in Excel or LibreOffice."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_delimiter(lang: str) -> str:
    """Excel opens a CSV by double-click with the system list separator, which is `;`
    wherever the decimal mark is a comma (Ukraine); `,` in English locales."""
    return ";" if lang == "uk" else ","


def spreadsheet_safe(text: str) -> str:
    """A text that Excel will not run as a formula: a student called `=HYPERLINK(…)` must
    not put a live link or a calculation into the teacher's spreadsheet (CSV injection)."""
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[object]], lang: str) -> bytes:
    """UTF-8 with a BOM (so Excel shows Cyrillic names), the language's list separator, and
    every text cell made formula-safe. Numbers are written as they are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter(lang), lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(c) if isinstance(c, str) else c for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
