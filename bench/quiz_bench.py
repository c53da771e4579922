"""Speed of the quiz core: `generate`, `parse_answer`, `grade` (a benchmark, not a test).

Run: `python bench/quiz_bench.py [--fresh N] [--rounds N]`. Each call is timed on its own with
`time.perf_counter_ns`; the script prints the median and 90th percentile per call, the targets of
issues 2 and 9 (generate ≤ 200 µs, parse ≤ 30 µs, grade ≤ 60 µs) and the ratio to same-run baselines
(`float("0.5")` and `Fraction("1/6")`), so a slow or busy machine shows up in the baselines too,
as does the load average printed before and after.

The headline `generate` row is what the bot pays: a **fresh seed** for every question (the bot
draws a new one each time), never seen before in this process, all topics × levels × both
languages mixed — the bank caches what it renders, so a repeated seed would only time a lookup.
The cached re-render (the same seed again, as when the bot grades a stored question) is its own
row, and the fresh medians per topic × level are printed too, so no slow corner hides in the mix.
`grade` grades fresh questions with the answers a class would send.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz.answers import AnswerError, parse_answer
from quiz.grading import grade
from quiz.questions import LANGS, LEVELS, TOPICS, Question, generate

TARGETS_US = {"generate, fresh seed": 200.0, "parse_answer": 30.0, "grade": 60.0}
SLOT_GOAL_US = 400.0  # no topic × level far above the mix

TYPICAL_ANSWERS = (
    "0,5", "1/6", "0.17", "16,7%", "2,585", "2.585 біт", "-log2(1/6)", "log2(6)", "log(6, 2)",
    "ln 2", "1,79", "½", "−0,5", "log_2 6", "1 - 1/6", "2^-1", "0,08", "abc", "3", "log₂6",
)  # fmt: skip

Key = tuple[str, int, str, int]  # topic, level, lang, seed


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


def percentile(samples: Sequence[int], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def fresh_seeds(rng: random.Random) -> Iterator[int]:
    """Seeds never drawn before in this process, from the bot's range."""
    seen: set[int] = set()
    while True:
        seed = rng.randrange(10**12)
        if seed not in seen:
            seen.add(seed)
            yield seed


def fresh_keys(per_slot: int, seeds: Iterator[int], rng: random.Random) -> list[Key]:
    """`per_slot` keys per topic × level (languages alternating), each with its own new seed,
    in a shuffled order so that slots and languages mix."""
    keys = [
        (topic, level, LANGS[i % len(LANGS)], next(seeds))
        for topic, level in itertools.product(TOPICS, LEVELS)
        for i in range(per_slot)
    ]
    rng.shuffle(keys)
    return keys


def _generate_call(key: Key, *, choices: bool = False) -> Callable[[], Any]:
    topic, level, lang, seed = key
    return lambda: generate(topic, level, seed=seed, lang=lang, choices=choices)


def _safe_parse(text: str) -> None:
    with contextlib.suppress(AnswerError):
        parse_answer(text)


def _answers_for(question: Question) -> list[str]:
    """A mix a class would send: exact, rounded, a classic slip, a miss, something unreadable."""
    answer = question.answer
    return [repr(answer), f"{answer:.2f}".replace(".", ","), f"{-answer:.3f}", "7", "abc"]


def _row(name: str, samples: Sequence[int], bases: tuple[float, float], note: str = "") -> str:
    median = statistics.median(samples) / 1000
    p90 = percentile(samples, 0.9) / 1000
    line = f"{name:26} {median:8.2f} {p90:8.2f} {len(samples):7d}"
    if name in TARGETS_US:
        target = TARGETS_US[name]
        verdict = "ok" if median <= target else "SLOW"
        line += f"  ≤{target:5.0f} {verdict:4}"
        line += f" {median * 1000 / bases[0]:6.0f} {median * 1000 / bases[1]:8.1f}"
    return line + (f"  {note}" if note else "")


def _slot_table(keys: Sequence[Key], samples: Sequence[int]) -> list[str]:
    """Fresh medians (and p90) per topic × level, both languages together."""
    by_slot: dict[tuple[str, int], list[int]] = {}
    for (topic, level, _, _), sample in zip(keys, samples, strict=True):
        by_slot.setdefault((topic, level), []).append(sample)
    lines = [
        f"generate, fresh seed, per topic × level: median / p90 in µs (goal: median ≤ "
        f"{SLOT_GOAL_US:.0f})",
        f"{'':16}" + "".join(f"{'level ' + str(level):>16}" for level in LEVELS),
    ]
    for topic in TOPICS:
        cells = []
        for level in LEVELS:
            slot = by_slot[topic, level]
            median = statistics.median(slot) / 1000
            flag = "!" if median > SLOT_GOAL_US else " "
            cells.append(f"{median:7.0f}{flag}/{percentile(slot, 0.9) / 1000:6.0f}")
        lines.append(f"{topic:16}" + "".join(f"{cell:>16}" for cell in cells))
    return lines


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} cores)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", type=int, default=200, help="fresh seeds per topic × level")
    parser.add_argument("--rounds", type=int, default=40, help="passes over each cached call list")
    parser.add_argument("--seed", type=int, default=None, help="seed of the seeds (default: new)")
    args = parser.parse_args(argv)
    rounds, per_slot = max(1, args.rounds), max(2, args.fresh)
    rng = random.Random(args.seed)
    seeds = fresh_seeds(rng)
    print(f"Python {sys.version.split()[0]}; before: {_load()}")

    # Warm up imports and module-level tables on keys that are not timed.
    for key in fresh_keys(2, seeds, rng):
        generate(key[0], key[1], seed=key[3], lang=key[2])

    keys = fresh_keys(per_slot, seeds, rng)
    fresh = time_calls([_generate_call(key) for key in keys], 1)
    cached = time_calls([_generate_call(key) for key in keys[:1200]], max(1, rounds // 4))
    choice_keys = fresh_keys(max(2, per_slot // 4), seeds, rng)
    fresh_choices = time_calls([_generate_call(key, choices=True) for key in choice_keys], 1)

    graded = [generate(t, lv, seed=s, lang=lang) for t, lv, lang, s in fresh_keys(20, seeds, rng)]
    grade_calls = [
        (lambda q=q, text=text: grade(q, text)) for q in graded for text in _answers_for(q)
    ]
    parse_calls = [(lambda text=text: _safe_parse(text)) for text in TYPICAL_ANSWERS]
    float_base = time_calls([lambda: float("0.5")] * 50, rounds * 20)
    fraction_base = time_calls([lambda: Fraction("1/6")] * 50, rounds * 20)
    parse = time_calls(parse_calls, rounds * 25)
    grades = time_calls(grade_calls, max(1, rounds // 2))
    bases = (statistics.median(float_base), statistics.median(fraction_base))

    print("times per call in µs (median, p90, calls)")
    print(f"{'':26} {'median':>8} {'p90':>8} {'calls':>7}  {'target':>7}  ×float  ×Fraction")
    print(_row("float('0.5') baseline", float_base, bases))
    print(_row("Fraction('1/6') baseline", fraction_base, bases))
    print(_row("generate, fresh seed", fresh, bases, "(new seed each call: what the bot pays)"))
    print(_row("generate, same seed again", cached, bases, "(cached re-render, e.g. grading)"))
    print(_row("generate, fresh, choices", fresh_choices, bases, "(choices=True, live quiz)"))
    print(_row("parse_answer", parse, bases))
    print(_row("grade", grades, bases, "(fresh questions, typical answers)"))
    print()
    print("\n".join(_slot_table(keys, fresh)))
    print(f"after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
