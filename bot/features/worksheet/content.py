"""What goes on a worksheet: for each student of the class their own variant — `count`
questions from the question bank, in the class's log base and the teacher's language.

One number, the print's `seed`, determines every variant: a student's variant seed is derived
from it and the student's id, so the same print can be made again, and two students never
share a variant by accident. The variants (seed and the questions' params) are also stored,
so `/check` grades the paper the student holds even if the question bank changes later."""

from __future__ import annotations

import random
import re
import secrets
from dataclasses import dataclass
from typing import Any

from quiz.bank.core import CHOOSE
from quiz.questions import TOPICS, Question, generate
from quiz.questions import answer_text as question_answer_text

MIXED = "mixed"
WORKSHEET_TOPICS: tuple[str, ...] = (*TOPICS, MIXED)
MAX_COUNT = 40
COUNT_CHOICES = (5, 10, 15, 20)
MAX_SEED = 10**9
_RETRIES = 6  # tries per slot to avoid printing the same question twice

# Option letters of multiple-choice questions on paper.
CHOICE_LETTERS = {"uk": "АБВГДЕЖЗИК", "en": "ABCDEFGHIJ"}

# Spellings a teacher may type, written without "_", "-" or spaces.
_TOPIC_ALIASES = {
    "surprise": "surprisal",
    "kl": "kl_divergence",
    "kldivergence": "kl_divergence",
    "ce": "cross_entropy",
    "crossentropy": "cross_entropy",
    "mix": MIXED,
    "all": MIXED,
}

# A line that only tells how to type an answer in the chat ("Відповідь: дріб (як 1/6) …",
# "Answer with a number … like log2(6)"): meaningless on paper, where one writes by hand.
_TYPING_HINT = re.compile(r"^\s*(Відповідь|Answer)\b.*(\bяк\b|\blike\b|\bas a\b)", re.IGNORECASE)
# "(як 0,17)", "(like log2(6))" with a number inside; "(як часто буває)" is prose and stays.
_TYPED_EXAMPLE = re.compile(r"\s*\((?:як|like)\s+(?=[^)]*\d)[^()]*(?:\([^()]*\))?[^()]*\)")


def normalise_topic(text: str) -> str | None:
    """`entropy`, `KL`, `cross-entropy`, `mixed` → a worksheet topic; None if unknown."""
    key = text.strip().lower()[:32]
    if key in WORKSHEET_TOPICS:
        return key
    squashed = key.replace("_", "").replace("-", "").replace(" ", "")
    for topic in WORKSHEET_TOPICS:
        if topic.replace("_", "") == squashed:
            return topic
    return _TOPIC_ALIASES.get(squashed)


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED)


def student_seed(sheet_seed: int, student_id: int) -> int:
    """The variant seed of one student on the print `sheet_seed` (stable across runs and
    machines: string seeding of `random.Random` is hashed with SHA-512)."""
    return random.Random(f"worksheet:{sheet_seed}:{student_id}").randrange(MAX_SEED)


@dataclass(frozen=True)
class Item:
    number: int
    question: Question
    answer_text: str  # the answer as printed in the key: "≈ 2,585 біта", "Б) 1/3"


@dataclass(frozen=True)
class Variant:
    student_id: int | None  # None: a sheet without a name (a class with no students yet)
    student_name: str
    seed: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Worksheet:
    class_name: str
    class_code: str
    code: str  # the sheet code printed on every page, typed with /check
    topic: str
    lang: str
    variants: tuple[Variant, ...]


def level_for(index: int, count: int) -> int:
    """Difficulty grows through the sheet: the first third level 1, then 2, then 3."""
    return 1 + (3 * index) // count


def topic_for(topic: str, index: int) -> str:
    """A mixed sheet walks the talk's path in order, again and again."""
    return TOPICS[index % len(TOPICS)] if topic == MIXED else topic


def build_items(
    *, topic: str, count: int, seed: int, lang: str, base: str | None
) -> tuple[Item, ...]:
    """The questions of the variant `seed`: the same arguments give the same questions."""
    if topic not in WORKSHEET_TOPICS:
        raise ValueError(f"unknown worksheet topic {topic!r}")
    if not 1 <= count <= MAX_COUNT:
        raise ValueError(f"count must be 1..{MAX_COUNT}, got {count}")
    rng = random.Random(seed)
    seen: set[str] = set()
    items: list[Item] = []
    for index in range(count):
        slot_topic, level = topic_for(topic, index), level_for(index, count)
        question = None
        for _ in range(_RETRIES):
            question = generate(
                slot_topic, level, seed=rng.randrange(MAX_SEED), lang=lang, base=base
            )
            if question.text not in seen:
                break
        assert question is not None
        seen.add(question.text)
        items.append(Item(index + 1, question, answer_text(question, lang)))
    return tuple(items)


def stored_items(items: tuple[Item, ...]) -> list[dict[str, Any]]:
    """What the database keeps of a variant's questions (see WorksheetVariant.items)."""
    return [
        {
            "topic": item.question.topic,
            "level": item.question.level,
            "seed": item.question.seed,
            "params": item.question.params,
        }
        for item in items
    ]


def choices_of(question: Question) -> tuple[str, ...]:
    """The option labels of a multiple-choice question; () for a typed answer. (Question
    gains `choices` with the question bank's contract v2; older questions have none.)"""
    return tuple(getattr(question, "choices", None) or ())


def choice_letter(lang: str, index: int) -> str:
    letters = CHOICE_LETTERS.get(lang, CHOICE_LETTERS["en"])
    return letters[index] if index < len(letters) else str(index + 1)


def answer_text(question: Question, lang: str) -> str:
    """`≈ 2,58 біта` for a log question, `1/3 ≈ 0,33` for a probability (rounded as the task
    asks, `quiz.questions.answer_text`), `Б) 1/3` for a choice."""
    choices = choices_of(question)
    correct = getattr(question, "correct_choice", None)
    if choices and correct is not None:
        return f"{choice_letter(lang, correct)}) {choices[correct]}"
    return question_answer_text(question)


def printed_text(text: str) -> str:
    """A question's text as it goes on paper: without the lines and examples that only say
    how to type an answer in the chat ("Відповідь: … (як log2(6))") or to press a button (the
    options are printed under the task)."""
    lines = [
        line
        for line in text.splitlines()
        if not _TYPING_HINT.match(line) and line.strip() not in (CHOOSE.uk, CHOOSE.en)
    ]
    return "\n".join(_TYPED_EXAMPLE.sub("", line) for line in lines).strip()
