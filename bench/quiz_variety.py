"""Variety of the question bank: how many different questions a class really sees.

Run: `python bench/quiz_variety.py [--seeds N] [--markdown]`. For every topic × level × language
it generates the questions of seeds 0…N−1 (200 by default, as issue 9 measures) and prints the
number of distinct texts, the number of distinct answers (values equal to 9 significant digits
count as one; a question answered with a button counts by its right label) and the share of the
most common answer. It uses only `generate(topic, level,
seed=, lang=)` and `Question.text`/`.answer`, so it runs on any version of the bank.

Issue 9's goals: ≥ 30 distinct texts, ≥ 12 distinct answers, no answer above 15 %.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz.questions import LEVELS, TOPICS, generate

LANGS = ("uk", "en")
GOALS = {"texts": 30, "answers": 12, "top_share": 0.15}


def answer_key(question: object) -> str:
    """A question answered with a button counts by its right label; a number by its value."""
    choices = getattr(question, "choices", None)
    correct = getattr(question, "correct_choice", None)
    if choices and correct is not None and question.params.get("kind") in CHOICE_KINDS:
        return f"choice: {choices[correct]}"
    return f"{question.answer:.9g}"


CHOICE_KINDS = ("concept", "compare_cross_entropy")  # answered by choosing, not by a number


def measure(topic: str, level: int, lang: str, seeds: int) -> tuple[int, int, float]:
    """(distinct texts, distinct answers, share of the most common answer)."""
    questions = [generate(topic, level, seed=s, lang=lang) for s in range(seeds)]
    texts = {q.text for q in questions}
    answers = Counter(answer_key(q) for q in questions)
    top = answers.most_common(1)[0][1] / len(questions)
    return len(texts), len(answers), top


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    failures = 0
    header = ["topic", "level", "texts uk", "texts en", "answers uk", "answers en", "top uk",
              "top en"]  # fmt: skip
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
    else:
        print(f"{'topic':16} {'lvl':>3} {'texts uk/en':>12} {'answers uk/en':>14} {'top':>10}")
    for topic in TOPICS:
        for level in LEVELS:
            rows = [measure(topic, level, lang, args.seeds) for lang in LANGS]
            (tu, au, su), (te, ae, se) = rows
            bad = any(
                t < GOALS["texts"] or a < GOALS["answers"] or s > GOALS["top_share"]
                for t, a, s in rows
            )
            failures += bad
            mark = " ✗" if bad else ""
            if args.markdown:
                cells = [topic, str(level), str(tu), str(te), str(au), str(ae), f"{su:.0%}",
                         f"{se:.0%}"]  # fmt: skip
                print("| " + " | ".join(cells) + " |" + mark)
            else:
                print(
                    f"{topic:16} {level:3} {tu:5} / {te:<5} {au:6} / {ae:<6} "
                    f"{su:6.0%} / {se:<6.0%}{mark}"
                )
    print(f"\n{failures} of {len(TOPICS) * len(LEVELS)} topic × level rows miss a goal "
          f"(≥ {GOALS['texts']} texts, ≥ {GOALS['answers']} answers, top ≤ "
          f"{GOALS['top_share']:.0%}) over seeds 0–{args.seeds - 1}.")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
