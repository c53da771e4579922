"""Does "mastered" mean mastered? Simulated students against the mastery model (issue 10).

Run: `python bench/learning_sim.py [--students 2000] [--budget 30] [--seed 1]`.

Each simulated student's true knowledge of each level follows a known BKT process: they know a
level from the start with probability p(L0) and, after each question they did not know, learn
it with probability p(T). A student who knows it answers right unless they slip (p(S)); one who
does not gets it right only by luck (p(G)). A wrong first try earns a second try with a hint,
right with probability 1 − p(S) if they know the level and p(G_help) if not. The answers go
through `quiz/` exactly as the bot's do: a question from `quiz.questions.generate`, the typed
text (the answer formatted as a student would type it, or a wrong number) graded by
`quiz.grading.grade`, the outcome (right, right with help, wrong) given to the model.

Two models watch the same answers:
- BKT: `quiz.mastery` (per topic × level; mastered at p ≥ 0.95 with ≥ 3 answers);
- the old moving average (the bot before issue 10, reproduced here as it was): one number per
  topic shared by all levels, m ← m + 0.25·(credit − m) with credit 1 for right, 0.5 for right
  with help (the old bot's "after a hint"; it had no second try), 0 for wrong; the next level
  offered at m ≥ 0.7.

Every student answers `--budget` questions at each level (what-if: we keep asking even after a
model has called it), so both models are judged on identical sequences. The old model starts
level 2 from the value it had when it called level 1 (as the bot did).

Reported per model, per level and pooled:
- questions to mastery: the mean number of questions at the level until the model calls it
  mastered (among the students it calls within the budget), and how many it calls at all;
- false mastery: among those calls, the share where the student does not know the level at the
  moment of the call (after that question) — goal ≤ 5 %;
- missed mastery after 15 questions: among students who know the level after 15 questions, the
  share the model has not called mastered within those 15 — goal ≤ 10 %.

Two populations: students whose true parameters are exactly the model's defaults, and students
whose parameters vary (p(L0) 0.05–0.4, p(T) 0.05–0.3, p(S) 0.02–0.2, each drawn per student), so
the figures also show what happens when the model's assumptions are only roughly right.
"""

from __future__ import annotations

import argparse
import inspect
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz import mastery, questions
from quiz.grading import grade
from quiz.mastery import Outcome, TopicState, Try, outcome_of
from quiz.numbers import format_number
from quiz.questions import LEVELS, TOPICS, generate

BANK_HAS_CHOICES = "choices" in inspect.signature(generate).parameters

GOAL_FALSE = 0.05
GOAL_MISSED = 0.10
MISSED_AFTER = 15

# The old moving average, as quiz/mastery.py had it before issue 10.
OLD_STEP = 0.25
OLD_HINT_CREDIT = 0.5
OLD_LEVEL_UP = 0.7


@dataclass(frozen=True)
class Truth:
    """One simulated student's true learning parameters."""

    prior: float
    learn: float
    slip: float
    guess: float
    help_guess: float


def default_truth() -> Truth:
    model = mastery.TYPED
    return Truth(model.prior, model.learn, model.slip, model.guess, model.help_guess)


def varied_truth(rng: random.Random) -> Truth:
    model = mastery.TYPED
    return Truth(
        prior=rng.uniform(0.05, 0.4),
        learn=rng.uniform(0.05, 0.3),
        slip=rng.uniform(0.02, 0.2),
        guess=model.guess,
        help_guess=model.help_guess,
    )


@dataclass
class Step:
    """One question at a level: its tries, whether the student knew the level after it, and
    how many options it offered (None: a typed answer)."""

    tries: list[Try]
    knows_after: bool
    options: int | None = None


@dataclass
class Counter:
    graded: int = 0
    grader_disagreed: int = 0


def play_level(
    rng: random.Random,
    truth: Truth,
    topic: str,
    level: int,
    budget: int,
    counter: Counter,
    *,
    choices: bool = False,
) -> list[Step]:
    """`budget` questions at one level, answered by the true process, graded by quiz/. With
    `choices`, the bank's multiple-choice form: a student who does not know picks at random
    among the options not tried yet (two options allow no second try, as in the bot)."""
    knows = rng.random() < truth.prior
    steps = []
    for _ in range(budget):
        seed = rng.randrange(2**31)
        question = (
            generate(topic, level, seed, "uk", choices=True)
            if choices
            else generate(topic, level, seed, "uk")
        )
        options = list(getattr(question, "choices", None) or ())
        if options:
            tries = _pick_tries(rng, question, options, knows, truth.slip, counter)
        else:
            first = _answers_right(rng, knows, truth.slip, truth.guess)
            tries = [Try(_graded(question, first, rng, counter))]
            if not tries[0].correct:  # the second try, after the feedback with a hint
                second = _answers_right(rng, knows, truth.slip, truth.help_guess)
                tries.append(Try(_graded(question, second, rng, counter), helped=True))
        if not knows and rng.random() < truth.learn:
            knows = True
        steps.append(Step(tries, knows, len(options) or None))
    return steps


def _pick_tries(
    rng: random.Random, question, options: list[str], knows: bool, slip: float, counter: Counter
) -> list[Try]:  # type: ignore[no-untyped-def]
    right = question.correct_choice
    left = list(range(len(options)))
    tries: list[Try] = []
    while len(tries) < 2:
        pick = right if knows and rng.random() >= slip else rng.choice(left)
        left.remove(pick)
        verdict = grade(question, options[pick])
        counter.graded += 1
        counter.grader_disagreed += verdict.correct != (pick == right)
        tries.append(Try(verdict.correct, helped=bool(tries)))
        if verdict.correct or len(options) == 2:
            break
    return tries


def _answers_right(rng: random.Random, knows: bool, slip: float, guess: float) -> bool:
    return rng.random() < (1.0 - slip if knows else guess)


def _graded(question, right: bool, rng: random.Random, counter: Counter) -> bool:  # type: ignore[no-untyped-def]
    """What the student types, graded as the bot grades it."""
    if right:
        text = _right_text(question)
    else:  # a wrong number, well away from the answer
        text = format_number(question.answer * rng.choice((1.6, 2.5, 3.0)) + 0.37, "uk")
    verdict = grade(question, text)
    counter.graded += 1
    if verdict.error is not None or verdict.correct != right:
        counter.grader_disagreed += 1
    return verdict.correct


def _right_text(question) -> str:  # type: ignore[no-untyped-def]
    """The right answer as a student would type it."""
    answer_text = getattr(questions, "answer_text", None)
    if answer_text is not None:
        return str(answer_text(question))
    return format_number(question.answer, "uk").replace("−", "-")


# ---------------------------------------------------------------- the two models


def bkt_calls(steps: list[Step]) -> int | None:
    """The question (1-based) after which BKT first calls the level mastered, or None."""
    state = TopicState()
    now = datetime(2026, 12, 1, tzinfo=UTC)
    for n, step in enumerate(steps, start=1):
        model = mastery.BKT.for_question(step.options)
        state = mastery.record_question(
            state, 1, step.tries, now + timedelta(minutes=n), model=model
        )
        if state.at(1).mastered:
            return n
    return None


def old_calls(steps: list[Step], start: float) -> tuple[int | None, float]:
    """When the old moving average first offers the next level (from `start`), and its value
    then (or at the end of the budget)."""
    value = start
    for n, step in enumerate(steps, start=1):
        credit = {Outcome.RIGHT: 1.0, Outcome.HELPED: OLD_HINT_CREDIT, Outcome.WRONG: 0.0}
        value += OLD_STEP * (credit[outcome_of(step.tries[-1])] - value)
        if value >= OLD_LEVEL_UP:
            return n, value
    return None, value


# ---------------------------------------------------------------- figures


@dataclass
class Tally:
    students: int = 0
    calls: list[int] = field(default_factory=list)
    false_calls: int = 0
    known_at_15: int = 0
    missed_at_15: int = 0

    def add(self, steps: list[Step], called: int | None) -> None:
        self.students += 1
        if called is not None:
            self.calls.append(called)
            self.false_calls += not steps[called - 1].knows_after
        if len(steps) >= MISSED_AFTER and steps[MISSED_AFTER - 1].knows_after:
            self.known_at_15 += 1
            self.missed_at_15 += called is None or called > MISSED_AFTER

    def merge(self, other: Tally) -> None:
        self.students += other.students
        self.calls += other.calls
        self.false_calls += other.false_calls
        self.known_at_15 += other.known_at_15
        self.missed_at_15 += other.missed_at_15

    @property
    def mean_questions(self) -> float:
        return sum(self.calls) / len(self.calls) if self.calls else float("nan")

    @property
    def false_rate(self) -> float:
        return self.false_calls / len(self.calls) if self.calls else float("nan")

    @property
    def missed_rate(self) -> float:
        return self.missed_at_15 / self.known_at_15 if self.known_at_15 else float("nan")


def simulate(
    students: int, budget: int, seed: int, varied: bool, choices: bool = False
) -> tuple[dict[str, dict[int, Tally]], Counter]:
    rng = random.Random(seed)
    counter = Counter()
    tallies = {name: {level: Tally() for level in LEVELS} for name in ("BKT", "old average")}
    for n in range(students):
        truth = varied_truth(rng) if varied else default_truth()
        topic = TOPICS[n % len(TOPICS)]
        old_value = 0.0
        for level in LEVELS:
            steps = play_level(rng, truth, topic, level, budget, counter, choices=choices)
            tallies["BKT"][level].add(steps, bkt_calls(steps))
            called, value_then = old_calls(steps, old_value)
            tallies["old average"][level].add(steps, called)
            old_value = value_then  # one number per topic, carried into the next level
    return tallies, counter


def pooled(by_level: dict[int, Tally]) -> Tally:
    total = Tally()
    for tally in by_level.values():
        total.merge(tally)
    return total


def rows(tallies: dict[str, dict[int, Tally]]) -> Iterator[str]:
    yield (
        f"{'model':<12} {'level':>5} {'called':>8} {'questions':>10} "
        f"{'false mastery':>14} {'missed @15':>11}"
    )
    for name, by_level in tallies.items():
        for label, tally in [*((str(level), t) for level, t in by_level.items())]:
            yield _row(name, label, tally)
        yield _row(name, "all", pooled(by_level))


def _row(name: str, label: str, tally: Tally) -> str:
    called = f"{len(tally.calls)}/{tally.students}"
    return (
        f"{name:<12} {label:>5} {called:>8} {tally.mean_questions:>10.2f} "
        f"{tally.false_rate:>13.1%} {tally.missed_rate:>10.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--budget", type=int, default=30, help="questions per level")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.budget < MISSED_AFTER:
        parser.error(f"--budget must be at least {MISSED_AFTER}")
    started = time.perf_counter()
    failed = False
    runs = [(False, False, "the model's own parameters"), (True, False, "varied parameters")]
    if BANK_HAS_CHOICES:
        runs.append((False, True, "the model's own parameters, multiple choice"))
    for varied, choices, title in runs:
        tallies, counter = simulate(args.students, args.budget, args.seed, varied, choices)
        print(f"\n{args.students} simulated students, {title}; {args.budget} questions per level")
        for line in rows(tallies):
            print(line)
        bkt = pooled(tallies["BKT"])
        print(
            f"BKT goals: false mastery {bkt.false_rate:.1%} (≤ {GOAL_FALSE:.0%}), "
            f"missed after {MISSED_AFTER} {bkt.missed_rate:.1%} (≤ {GOAL_MISSED:.0%}); "
            f"{counter.graded} answers graded by quiz.grading, "
            f"{counter.grader_disagreed} graded otherwise than meant"
        )
        if not varied and not choices:
            failed = bkt.false_rate > GOAL_FALSE or bkt.missed_rate > GOAL_MISSED
    if not BANK_HAS_CHOICES:
        print("\n(this question bank has no multiple choice: that run is left out)")
    print(f"\n{time.perf_counter() - started:.1f} s")
    if failed:
        raise SystemExit("BKT misses a goal with its own parameters")


if __name__ == "__main__":
    main()
