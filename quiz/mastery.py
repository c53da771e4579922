"""Mastery that means something: Bayesian Knowledge Tracing (BKT) per topic × level, the
rules that move a student between levels, and the order in which topics open.

**BKT.** For each topic × level we keep p = the probability that the student knows it. Each
try at a question is evidence; when the question closes, the student may have learnt from it:

    after a right try:  p' = p(1−S) / (p(1−S) + (1−p)G)
    after a wrong try:  p' = pS / (pS + (1−p)(1−G))
    question closed:    p'' = p' + (1−p')T

with p(L0) = 0.2 (before any answer), T = p(learn) = 0.15, S = p(slip) = 0.1 and G = p(guess)
= 0.05 for a typed number (nobody types 2,585 by luck) or 1/k for k options to choose from.

**Right with help.** A try made after a hint, and every second try (its feedback carried the
next hint), is a try *with help*: a student who knows the level still gets it right with
probability 1−S, but one who does not now gets there more often, because the hint did part of
the work: G_help = 0.3 (for k options at least 1/(k−1), one wrong option being out after a first
try; never more than 1/2, so a right answer always counts for knowing). A wrong try with help
uses 1−G_help likewise. So, from p = 0.2: right at once → 0.845; right after a hint → 0.514;
wrong, then right on the second try → 0.212 (the wrong try counts too: most students who know a
level get it right the first time); wrong → 0.172; wrong twice → 0.153. A skip, or asking for
the solution, is a wrong try (with help if hints had been shown); a question left after a wrong
try (a new one asked instead) closes on the tries it had. `Outcome` sums a closed question up:
right, right with help, wrong; it rates the review card (quiz.reviews).

**Levels.** A level is mastered at p ≥ 0.95, and never with fewer than 3 answers (closed
questions) at it; only then does the next level open. A student whose p at their level is below
0.3 after at least 3 answers there goes back a level (to practise what the level builds on; one
more right answer there and they try again). Answering everything right takes 3 questions per
level when the answers are typed (or chosen among 4 or more options); a right choice among 2 or 3
options is weaker evidence, so such a level can take a fourth.

**The path.** Topics open in the order of the talk: probability → surprise → entropy →
cross-entropy → KL divergence; each opens once level 1 of the one before it is mastered. The
next step on the path is the open topic with the lowest level still to master (the talk's order
breaks ties): every topic at level 1 first, then the weird die of level 2 for each, then level 3.

**One number per topic** for every view (students, teachers, charts, CSV): the mean of p over
the three levels, a level not yet tried counting at p(L0); None before any answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
    """How a question ended (the rating of its review card)."""

    RIGHT = "right"  # right on the first try, no hint
    HELPED = "helped"  # right after a hint or on the second try
    WRONG = "wrong"  # two wrong tries, a skip, the solution asked for, or left after a wrong try


@dataclass(frozen=True)
class Try:
    """One try at a question: right or not, and with help (a hint shown before it, or a second
    try) or not. A skip is a wrong try."""

    correct: bool
    helped: bool = False


def outcome_of(last: Try | None) -> Outcome:
    """A closed question's outcome from its last try (None: left without a closing try)."""
    if last is None or not last.correct:
        return Outcome.WRONG
    return Outcome.HELPED if last.helped else Outcome.RIGHT


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

    def evidence(self, p: float, attempt: Try) -> float:
        """p(knows) given one more try (Bayes' rule; no learning yet)."""
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must lie between 0 and 1")
        guess = self.help_guess if attempt.helped else self.guess
        if attempt.correct:
            known, unknown = p * (1.0 - self.slip), (1.0 - p) * guess
        else:
            known, unknown = p * self.slip, (1.0 - p) * (1.0 - guess)
        return known / (known + unknown)

    def learned(self, p: float) -> float:
        """p(knows) after the question closed: the student may have learnt from it."""
        return p + (1.0 - p) * self.learn

    def observe(self, p: float, tries: Sequence[Try]) -> float:
        """p(knows) after a whole question: every try, then learning."""
        for attempt in tries:
            p = self.evidence(p, attempt)
        return self.learned(p)


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
        """The top level mastered: nothing left but reviews (a lower level that slipped in a
        review comes back as a review, not as a step on the path)."""
        return self.level == MAX_LEVEL and self.at(MAX_LEVEL).mastered


def next_level(level: int, state: LevelState) -> int:
    """The level to ask after a question at `level` (the student's current level)."""
    if state.mastered and level < MAX_LEVEL:
        return level + 1
    if is_struggling(state.p, state.answers) and level > MIN_LEVEL:
        return level - 1
    return level


def record_try(topic: TopicState, level: int, attempt: Try, *, model: BKT = TYPED) -> TopicState:
    """A try that leaves the question open (a wrong first try): its evidence, nothing more."""
    before = _level(topic, level)
    after = replace(before, p=model.evidence(before.p, attempt))
    return replace(topic, levels={**topic.levels, level: after})


def record(
    topic: TopicState,
    level: int,
    last: Try | None,
    now: datetime,
    *,
    model: BKT = TYPED,
) -> TopicState:
    """The topic after a question at `level` closed at `now` with the try `last` (None: left
    after a wrong try, which `record_try` already counted). BKT takes the evidence and the
    learning; the first mastery makes the level a review card, and a mastered level's card is
    rated by every question; the level rules move the student only when they answered at their
    current level (a review of an older level leaves the current one alone)."""
    before = _level(topic, level)
    p = before.p if last is None else model.evidence(before.p, last)
    after = replace(before, p=model.learned(p), answers=before.answers + 1)
    outcome = outcome_of(last)
    if before.card is not None:
        after = replace(after, card=reviews.review(before.card, outcome, now))
    elif after.mastered:
        after = replace(after, mastered_at=now, card=reviews.review(None, outcome, now))
    current = next_level(level, after) if level == topic.level else topic.level
    return TopicState(level=current, levels={**topic.levels, level: after})


def record_question(
    topic: TopicState, level: int, tries: Sequence[Try], now: datetime, *, model: BKT = TYPED
) -> TopicState:
    """A whole question: its tries in order, the last one closing it."""
    if not tries:
        raise ValueError("a question closes with at least one try")
    for attempt in tries[:-1]:
        topic = record_try(topic, level, attempt, model=model)
    return record(topic, level, tries[-1], now, model=model)


def _level(topic: TopicState, level: int) -> LevelState:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}: use 1, 2 or 3")
    return topic.at(level)


def replay(
    closed: Iterable[tuple[str, int, Sequence[Try], datetime]],
) -> dict[str, TopicState]:
    """Every topic's state after these questions (topic, level, tries, when closed), oldest
    first: what the bot would have stored had it asked them all with these rules."""
    states: dict[str, TopicState] = {}
    for topic, level, tries, at in closed:
        states[topic] = record_question(states.get(topic, TopicState()), level, tries, at)
    return states


def topic_mastery(topic: TopicState) -> float | None:
    """The one number shown everywhere: mean p over the levels (untried ones at p(L0));
    None before any answer."""
    return mean_mastery(topic.answers, {level: state.p for level, state in topic.levels.items()})


def mean_mastery(answers: int, p_known: Mapping[int, float]) -> float | None:
    """`topic_mastery` from a topic's answers (over all levels) and p per tried level, as a
    report grouped in SQL reads them."""
    if answers == 0:
        return None
    return sum(p_known.get(level, PRIOR) for level in LEVELS) / len(LEVELS)


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
