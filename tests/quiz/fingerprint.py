"""The fingerprint of the question bank: a hash per (topic, level, lang, choices) group of 3,000
questions, so a change that alters any question (its text, answer, params, hints, choices…) shows.

`python -m tests.quiz.fingerprint > tests/quiz/bank_fingerprint.json` records it; it was first
recorded from main before the bank was made faster (issue 9), and `test_bank_fingerprint.py`
asserts that the bank still writes exactly those questions. Re-record it only for a change that is
meant to alter questions, and say so in the commit.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random

from quiz.questions import LANGS, LEVELS, TOPICS, Question, generate

SEEDS_PER_SLOT = 50
BASES = (None, None, None, "2", "e", "10")  # mostly the drawn base, sometimes an explicit one


def keys(topic: str, level: int) -> list[tuple[int, str | None]]:
    """(seed, base) pairs for a topic × level: small seeds and large ones, as the bot draws."""
    rng = random.Random(f"fingerprint:{topic}:{level}")
    seeds = [*range(10), *(rng.randrange(10**12) for _ in range(SEEDS_PER_SLOT - 10))]
    return [(seed, BASES[i % len(BASES)]) for i, seed in enumerate(seeds)]


def describe(question: Question) -> str:
    """Every field of a question, with the float answer exact (repr) and params in key order."""
    return repr(question)


def fingerprint() -> dict[str, str]:
    groups: dict[str, str] = {}
    for topic, level, lang, choices in itertools.product(TOPICS, LEVELS, LANGS, (False, True)):
        digest = hashlib.sha256()
        for seed, base in keys(topic, level):
            q = generate(topic, level, seed=seed, lang=lang, base=base, choices=choices)
            digest.update(describe(q).encode())
            digest.update(b"\0")
        groups[f"{topic}/{level}/{lang}/{'choices' if choices else 'typed'}"] = digest.hexdigest()[
            :16
        ]
    return groups


if __name__ == "__main__":
    print(json.dumps(fingerprint(), indent=1))
