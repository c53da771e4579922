"""How long typesetting a class's worksheets takes: one PDF with a named variant for each of
N students plus the separate answer key, as /worksheet makes them (the questions built, the
Typst template compiled, fonts loaded once per process like in the bot).

    python bench/worksheet_bench.py [--students 40] [--count 10] [--topic mixed] [--runs 5]

Goal (issue 12): a class of 40 renders in ≤ 5 s. Prints the median and the worst of the runs,
the first (cold) run separately, and the page counts."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.features.worksheet import content
from bot.features.worksheet.handlers import _variants
from bot.features.worksheet.render import render_key, render_sheets

NAMES = ["Олена Коваленко", "Тарас Шевчук", "Ґанна Їжакевич", "Максим Бондаренко"]


def one_class(students: int, count: int, topic: str, seed: int) -> tuple[float, int, int]:
    """Seconds to build and typeset the sheets and the key; their sizes in bytes."""
    roster = [(9000 + i, f"{NAMES[i % len(NAMES)]} {i}") for i in range(students)]
    started = time.perf_counter()
    variants = _variants(roster, topic=topic, count=count, seed=seed, lang="uk", base="2")
    sheet = content.Worksheet("8-А", "QHPH899U", "K7QX3D", topic, "uk", variants)
    sheets = render_sheets(sheet, "2")
    key = render_key(sheet, "2")
    return time.perf_counter() - started, len(sheets), len(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--topic", default="mixed")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold, size, key_size = one_class(args.students, args.count, args.topic, seed=0)
    times = [
        one_class(args.students, args.count, args.topic, seed=run)[0]
        for run in range(1, args.runs + 1)
    ]
    print(
        f"{args.students} students × {args.count} tasks ({args.topic}): "
        f"cold {cold:.2f} s; warm median {statistics.median(times):.2f} s, "
        f"worst {max(times):.2f} s over {args.runs} runs; "
        f"sheets {size / 1024:.0f} KiB, key {key_size / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
