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
    writer = SpreadsheetWriter(header, lang)
    writer.write(rows)
    return writer.finish()


class SpreadsheetWriter:
    """`excel_csv` written part by part (a file of thousands of rows is built as its rows
    stream from the database)."""

    def __init__(self, header: Sequence[str], lang: str) -> None:
        # Encoded as it is written: a text buffer of Cyrillic would take 4 bytes a character.
        self._buffer = io.BytesIO()
        self._text = io.TextIOWrapper(self._buffer, encoding="utf-8-sig", newline="")
        delimiter = csv_delimiter(lang)
        self._writer = csv.writer(self._text, delimiter=delimiter, lineterminator="\r\n")
        self._writer.writerow([spreadsheet_safe(cell) for cell in header])

    def write(self, rows: Iterable[Sequence[object]]) -> None:
        self._writer.writerows(
            [spreadsheet_safe(c) if isinstance(c, str) else c for c in row] for row in rows
        )

    def finish(self) -> bytes:
        self._text.flush()
        return self._buffer.getvalue()
