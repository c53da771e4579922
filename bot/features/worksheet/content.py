"""What goes on a worksheet: `count` questions from the question bank, in the class's log base
and the teacher's language. Nothing is stored: one number, the variant `seed`, determines the
whole sheet, and it is printed in the footer so the teacher can print the same sheet again."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from quiz.bank.core import CHOOSE
from quiz.questions import TOPICS, Question, answer_text, generate

MIXED = "mixed"
WORKSHEET_TOPICS: tuple[str, ...] = (*TOPICS, MIXED)
MAX_COUNT = 40
COUNT_CHOICES = (5, 10, 15, 20)
MAX_SEED = 10**9
_RETRIES = 6  # tries per slot to avoid printing the same question twice

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


@dataclass(frozen=True)
class Item:
    number: int
    question: Question
    answer_text: str  # the answer as printed: "2,585 біта" / "1/3 ≈ 0,3333" / "Б) Нуль"
    text: str  # the question as printed: answer buttons become lettered options


@dataclass(frozen=True)
class Worksheet:
    class_name: str
    class_code: str
    topic: str
    lang: str
    seed: int
    items: tuple[Item, ...]


def level_for(index: int, count: int) -> int:
    """Difficulty grows through the sheet: the first third level 1, then 2, then 3."""
    return 1 + (3 * index) // count


def topic_for(topic: str, index: int) -> str:
    """A mixed sheet walks the talk's path in order, again and again."""
    return TOPICS[index % len(TOPICS)] if topic == MIXED else topic


def build(
    *,
    class_name: str,
    class_code: str,
    base: str | None,
    lang: str,
    topic: str,
    count: int,
    seed: int,
) -> Worksheet:
    """The sheet for this variant `seed`: the same arguments give the same questions."""
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
        items.append(Item(index + 1, question, printed_answer(question), printed_text(question)))
    return Worksheet(class_name, class_code, topic, lang, seed, tuple(items))


LETTERS = {"uk": "АБВГДЕЄЖЗИ", "en": "ABCDEFGHIJ"}
CIRCLE = {"uk": "Обведи правильну відповідь.", "en": "Circle the right answer."}


def printed_text(question: Question) -> str:
    """The question for paper: a question answered with a button lists its options, lettered,
    instead of asking for a button."""
    if question.choices is None:
        return question.text
    letters = LETTERS[question.lang]
    options = [f"{letters[i]}) {label}" for i, label in enumerate(question.choices)]
    asked = question.text.removesuffix(CHOOSE[question.lang]).rstrip()
    return "\n".join([asked, *options, CIRCLE[question.lang]])


def printed_answer(question: Question) -> str:
    """`2,585 біта` for a log question, `1/3 ≈ 0,3333` for a probability, `Б) Нуль` for a
    question answered by choosing."""
    if question.choices is not None and question.correct_choice is not None:
        return f"{LETTERS[question.lang][question.correct_choice]}) {answer_text(question)}"
    return answer_text(question)
