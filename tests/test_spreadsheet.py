"""The CSV files teachers download open cleanly in Excel and never run a formula."""

from __future__ import annotations

import csv
import io

from bot.render.spreadsheet import excel_csv


def read_back(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # the BOM that makes Excel read UTF-8
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_ukrainian_files_use_semicolons_and_keep_cyrillic() -> None:
    data = excel_csv(["учень", "бали"], [["Олена Коваль", 5]], "uk")
    assert read_back(data, ";") == [["учень", "бали"], ["Олена Коваль", "5"]]


def test_english_files_use_commas() -> None:
    data = excel_csv(["student", "score"], [["Olena, K.", 5]], "en")
    assert read_back(data, ",") == [["student", "score"], ["Olena, K.", "5"]]


def test_a_name_that_looks_like_a_formula_is_neutralised() -> None:
    rows = [['=HYPERLINK("http://x")', 1], ["+1", 2], ["-2", 3], ["@SUM(A1)", 4]]
    data = excel_csv(["name", "n"], rows, "en")
    names = [row[0] for row in read_back(data, ",")[1:]]
    assert names == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)"]


def test_numbers_stay_numbers_even_when_negative() -> None:
    data = excel_csv(["x"], [[-1]], "en")
    assert read_back(data, ",")[1] == ["-1"]
