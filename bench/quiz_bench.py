"""Speed of the quiz core: `generate`, `parse_answer`, `grade` (a benchmark, not a test).

Run: `python bench/quiz_bench.py [--rounds N]`. Each call is timed on its own with
`time.perf_counter_ns`; the script prints the median and 90th percentile per call, the target from
issue 2 (generate ≤ 200 µs, parse ≤ 30 µs, grade ≤ 60 µs) and the ratio to same-run baselines
(`float("0.5")` and `Fraction("1/6")`), so a slow or busy machine shows up in the baselines too.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz.answers import AnswerError, parse_answer
from quiz.grading import grade
from quiz.questions import LEVELS, TOPICS, Question, generate

TARGETS_US = {"generate": 200.0, "parse_answer": 30.0, "grade": 60.0}

TYPICAL_ANSWERS = (
    "0,5", "1/6", "0.17", "16,7%", "2,585", "2.585 біт", "-log2(1/6)", "log2(6)", "log(6, 2)",
    "ln 2", "1,79", "½", "−0,5", "log_2 6", "1 - 1/6", "2^-1", "0,08", "abc", "3", "log₂6",
)  # fmt: skip


def time_calls(calls: Sequence[Callable[[], Any]], rounds: int) -> list[int]:
    """Nanoseconds per call, each call timed alone, `rounds` passes over `calls`."""
    clock = time.perf_counter_ns
    samples: list[int] = []
    gc.disable()  # a collection in the middle of one call would be noise, not its cost
    try:
        for _ in range(rounds):
            for call in calls:
                start = clock()
                call()
                samples.append(clock() - start)
    finally:
        gc.enable()
    return samples


def percentile(samples: list[int], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _safe_parse(text: str) -> None:
    with contextlib.suppress(AnswerError):
        parse_answer(text)


def _answers_for(question: Question) -> list[str]:
    """A mix a class would send: exact, rounded, a classic slip, a miss, something unreadable."""
    answer = question.answer
    return [repr(answer), f"{answer:.2f}".replace(".", ","), f"{-answer:.3f}", "7", "abc"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="passes over each call list")
    args = parser.parse_args(argv)
    rounds = max(1, args.rounds)

    keys = list(itertools.product(TOPICS, LEVELS, ("uk", "en"), range(40)))
    generate_calls = [
        (lambda t=t, lv=lv, lang=lang, s=s: generate(t, lv, seed=s, lang=lang))
        for t, lv, lang, s in keys
    ]
    # The first pass renders and caches each question (the generator's design); report it apart.
    first_pass = time_calls(generate_calls, 1)

    questions = [generate(t, lv, seed=s, lang=lang) for t, lv, lang, s in keys[::7]]
    grade_calls = [
        (lambda q=q, text=text: grade(q, text)) for q in questions for text in _answers_for(q)
    ]
    parse_calls = [(lambda text=text: _safe_parse(text)) for text in TYPICAL_ANSWERS]

    results = {
        "float('0.5') baseline": time_calls([lambda: float("0.5")] * 50, rounds * 20),
        "Fraction('1/6') baseline": time_calls([lambda: Fraction("1/6")] * 50, rounds * 20),
        "generate": time_calls(generate_calls, max(1, rounds // 4)),
        "parse_answer": time_calls(parse_calls, rounds * 25),
        "grade": time_calls(grade_calls, max(1, rounds // 2)),
    }
    float_base = statistics.median(results["float('0.5') baseline"])
    fraction_base = statistics.median(results["Fraction('1/6') baseline"])

    print(f"Python {sys.version.split()[0]}; times per call in µs (median, p90, calls)")
    print(f"{'':26} {'median':>8} {'p90':>8} {'calls':>7}  {'target':>7}  ×float  ×Fraction")
    for name, samples in results.items():
        median = statistics.median(samples) / 1000
        p90 = percentile(samples, 0.9) / 1000
        line = f"{name:26} {median:8.2f} {p90:8.2f} {len(samples):7d}"
        if name in TARGETS_US:
            target = TARGETS_US[name]
            verdict = "ok" if median <= target else "SLOW"
            line += f"  ≤{target:5.0f} {verdict:4}"
            line += f" {median * 1000 / float_base:6.0f} {median * 1000 / fraction_base:8.1f}"
        print(line)
    first_median = statistics.median(first_pass) / 1000
    print(
        f"{'generate, first render':26} {first_median:8.2f} "
        f"{percentile(first_pass, 0.9) / 1000:8.2f} {len(first_pass):7d}  (cold: builds the cache)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
