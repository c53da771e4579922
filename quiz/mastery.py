"""Mastery that means something: Bayesian Knowledge Tracing (BKT) per topic × level, the
rules that move a student between levels, and the order in which topics open.

**BKT.** For each topic × level we keep p = the probability that the student knows it. Each
closed question is one observation; then the student may have learnt from it:

    after a right answer:  p' = p(1−S) / (p(1−S) + (1−p)G)
    after a wrong one:     p' = pS / (pS + (1−p)(1−G))
    then learning:         p'' = p' + (1−p')T

with p(L0) = 0.2 (before any answer), T = p(learn) = 0.15, S = p(slip) = 0.1 and G = p(guess)
= 0.05 for a typed number (nobody types 2,585 by luck) or 1/k for k options to choose from.

**Right with help.** A question answered right after a hint, or on the second try (whose
feedback carried a hint), is an observation of its own: a student who knows the level still
answers right with probability 1−S, but one who does not now gets there more often, because
the hint did part of the work. So it updates like a right answer with a larger guess,
G_help = 0.3 (for k options at least 1/(k−1), one wrong option being out after a first try;
never more than 1/2, so a right answer always counts for knowing). From p = 0.2 a clean right
answer gives 0.845, a right answer with help 0.514, a wrong one 0.172.

**Levels.** A level is mastered at p ≥ 0.95, and never with fewer than 3 answers at it; only
then does the next level open. A student whose p at their level is below 0.3 after at least 3
answers there goes back a level (to practise what the level builds on; one more right answer
there and they try again). A student answering everything right meets 3 questions per level.

**The path.** Topics open in the order of the talk: probability → surprise → entropy →
cross-entropy → KL divergence; each opens once level 1 of the one before it is mastered. The
next step on the path is the open topic with the lowest level still to master (the talk's order
breaks ties): every topic at level 1 first, then the weird die of level 2 for each, then level 3.

**One number per topic** for every view (students, teachers, charts, CSV): the mean of p over
the three levels, a level not yet tried counting at p(L0); None before any answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from quiz import reviews
from quiz.questions import LEVELS, TOPICS

PRIOR = 0.2  # p(L0)
LEARN = 0.15  # p(T)
SLIP = 0.1  # p(S)
GUESS_TYPED = 0.05  # p(G) for a typed number
HELP_GUESS = 0.3  # p(G) for a right answer with help
MAX_GUESS = 0.5

MASTERED_AT = 0.95
MIN_ANSWERS = 3
DROP_BELOW = 0.3
MIN_LEVEL, MAX_LEVEL = LEVELS[0], LEVELS[-1]
PATH: tuple[str, ...] = TOPICS  # the talk's order

GLYPHS = ("⬜", "🟥", "🟧", "🟨", "🟩")  # none yet, weak, so-so, good, mastered


class Outcome(StrEnum):
    """How a question ended (one BKT observation and one FSRS rating)."""

    RIGHT = "right"  # right on the first try, no hint
    HELPED = "helped"  # right after a hint or on the second try
    WRONG = "wrong"  # two wrong tries, a skip, or the solution asked for


def outcome_of(correct: bool, *, try_number: int = 1, hints_used: int = 0) -> Outcome:
    """The outcome of a question closed by an answer on try `try_number` after `hints_used`
    hints (a skip is `correct=False`)."""
    if try_number < 1 or hints_used < 0:
        raise ValueError("try_number starts at 1 and hints_used cannot be negative")
    if not correct:
        return Outcome.WRONG
    return Outcome.RIGHT if try_number == 1 and hints_used == 0 else Outcome.HELPED


# ---------------------------------------------------------------- BKT


@dataclass(frozen=True)
class BKT:
    """The parameters of one knowledge-tracing model (defaults: a typed number)."""

    prior: float = PRIOR
    learn: float = LEARN
    slip: float = SLIP
    guess: float = GUESS_TYPED
    help_guess: float = HELP_GUESS

    def __post_init__(self) -> None:
        for name in ("prior", "learn", "slip", "guess", "help_guess"):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise ValueError(f"{name} must lie strictly between 0 and 1, not {value}")
        if self.guess + self.slip >= 1.0 or self.help_guess + self.slip >= 1.0:
            raise ValueError("guess + slip must stay below 1, or a right answer means nothing")
        if self.help_guess < self.guess:
            raise ValueError("help cannot make a lucky right answer less likely")

    @classmethod
    def for_question(cls, choices: int | None = None) -> BKT:
        """The model for a typed answer (`choices=None`) or a choice among `choices` options."""
        if choices is None:
            return cls()
        if isinstance(choices, bool) or choices < 2:
            raise ValueError("a multiple-choice question has at least 2 options")
        guess = 1.0 / choices
        help_guess = min(MAX_GUESS, max(HELP_GUESS, guess, 1.0 / (choices - 1)))
        return cls(guess=min(guess, MAX_GUESS), help_guess=help_guess)

    def observe(self, p: float, outcome: Outcome | str) -> float:
        """p(knows) after one closed question, including the chance to learn from it."""
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must lie between 0 and 1")
        outcome = Outcome(outcome)
        if outcome is Outcome.WRONG:
            known, unknown = p * self.slip, (1.0 - p) * (1.0 - self.guess)
        else:
            guess = self.guess if outcome is Outcome.RIGHT else self.help_guess
            known, unknown = p * (1.0 - self.slip), (1.0 - p) * guess
        posterior = known / (known + unknown)
        return posterior + (1.0 - posterior) * self.learn


TYPED = BKT()


# ---------------------------------------------------------------- one topic × level


@dataclass(frozen=True)
class LevelState:
    """What we know of one student on one topic × level."""

    p: float = PRIOR
    answers: int = 0  # closed questions at this level
    mastered_at: datetime | None = None  # first called mastered; its review card dates from then
    card: Mapping[str, Any] | None = None  # the FSRS card (quiz.reviews), once mastered

    @property
    def mastered(self) -> bool:
        return is_mastered(self.p, self.answers)

    @property
    def review_due_at(self) -> datetime | None:
        return reviews.due_at(self.card) if self.card is not None else None


def is_mastered(p: float, answers: int) -> bool:
    """p ≥ 0.95, and never with fewer than 3 answers at the level."""
    return answers >= MIN_ANSWERS and p >= MASTERED_AT


def is_struggling(p: float, answers: int) -> bool:
    """p < 0.3 after at least 3 answers: time to go back a level."""
    return answers >= MIN_ANSWERS and p < DROP_BELOW


# ---------------------------------------------------------------- one topic


@dataclass(frozen=True)
class TopicState:
    """One student on one topic: the level to ask next and every level's state."""

    level: int = MIN_LEVEL
    levels: Mapping[int, LevelState] = field(default_factory=dict)

    def at(self, level: int) -> LevelState:
        return self.levels.get(level, LevelState())

    @property
    def answers(self) -> int:
        return sum(state.answers for state in self.levels.values())

    @property
    def done(self) -> bool:
        """Every level mastered: nothing left but reviews."""
        return all(self.at(level).mastered for level in LEVELS)


def next_level(level: int, state: LevelState) -> int:
    """The level to ask after a question at `level` (the student's current level)."""
    if state.mastered and level < MAX_LEVEL:
        return level + 1
    if is_struggling(state.p, state.answers) and level > MIN_LEVEL:
        return level - 1
    return level


def record(
    topic: TopicState,
    level: int,
    outcome: Outcome | str,
    now: datetime,
    *,
    model: BKT = TYPED,
) -> TopicState:
    """The topic after one question at `level` closed with `outcome` at `now`: BKT moves p;
    the first mastery makes the level a review card and a mastered level's card is rated by
    every answer; the level rules move the student only when they answered at their current
    level (a review of an older level leaves the current one alone)."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}: use 1, 2 or 3")
    outcome = Outcome(outcome)
    before = topic.at(level)
    after = replace(before, p=model.observe(before.p, outcome), answers=before.answers + 1)
    if before.card is not None:
        after = replace(after, card=reviews.review(before.card, outcome, now))
    elif after.mastered:
        after = replace(after, mastered_at=now, card=reviews.review(None, outcome, now))
    current = next_level(level, after) if level == topic.level else topic.level
    return TopicState(level=current, levels={**topic.levels, level: after})


def replay(
    closed: Iterable[tuple[str, int, Outcome | str, datetime]],
) -> dict[str, TopicState]:
    """Every topic's state after these closed questions (topic, level, outcome, when), oldest
    first: what the bot would have stored had it asked them all with these rules."""
    states: dict[str, TopicState] = {}
    for topic, level, outcome, at in closed:
        states[topic] = record(states.get(topic, TopicState()), level, outcome, at)
    return states


def topic_mastery(topic: TopicState) -> float | None:
    """The one number shown everywhere: mean p over the levels (untried ones at p(L0));
    None before any answer."""
    if topic.answers == 0:
        return None
    return sum(topic.at(level).p for level in LEVELS) / len(LEVELS)


# ---------------------------------------------------------------- the path


def is_open(topic: str, states: Mapping[str, TopicState]) -> bool:
    """The first topic is always open; each next one once level 1 of the one before it has
    been mastered (and it stays open)."""
    index = PATH.index(topic)
    if index == 0:
        return True
    before = states.get(PATH[index - 1], TopicState())
    return before.at(MIN_LEVEL).mastered_at is not None


def next_step(states: Mapping[str, TopicState]) -> tuple[str, int] | None:
    """The open topic with the lowest level still to master, in the talk's order; None when
    every topic is done."""
    steps = [
        (states.get(topic, TopicState()).level, index, topic)
        for index, topic in enumerate(PATH)
        if is_open(topic, states) and not states.get(topic, TopicState()).done
    ]
    if not steps:
        return None
    level, _, topic = min(steps)
    return topic, level


# ---------------------------------------------------------------- pictures of mastery


def mastery_bar(mastery: float, width: int = 10) -> str:
    """A bar of `width` cells, e.g. ▰▰▰▰▰▰▱▱▱▱ for 0.6."""
    filled = round(max(0.0, min(1.0, mastery)) * width)
    return "▰" * filled + "▱" * (width - filled)


# Where mastery changes colour, for every picture of it (glyphs, charts): weak, so-so, good,
# mastered. With one number per topic (mean p over three levels), one level mastered of three
# is about 0.47 (so-so), two about 0.73 (good), all three 0.95 or more.
BANDS = (0.3, 0.6, 0.9)


def mastery_band(mastery: float) -> int:
    """0 weak (< 0.3), 1 so-so (< 0.6), 2 good (< 0.9), 3 mastered."""
    return sum(mastery >= edge for edge in BANDS)


def mastery_glyph(mastery: float | None) -> str:
    """One coloured square for a class table: ⬜ no answers, 🟥 < 0.3, 🟧 < 0.6, 🟨 < 0.9, 🟩."""
    if mastery is None:
        return GLYPHS[0]
    return GLYPHS[1 + mastery_band(mastery)]
