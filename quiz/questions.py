"""The question bank's public face: five topics × three levels, in Ukrainian and English.

``generate(topic, level=1, seed=None, lang="uk", base=None, *, choices=False) -> Question``

The questions themselves are written by families, one module each in `quiz/bank/families/`
(see `quiz.bank`); this module keeps the contract of SPEC §2 and of the `Question` contract v2.

Every question carries ``params``, a JSON-serialisable dict that alone determines the answer
(`answer_from_params` recomputes it with `quiz.calculator`). Outcomes are strings, exact
probabilities are ``"a/b"`` strings; ``base`` is ``"2"`` (bits), ``"e"`` (nats) or ``"10"``
(hartleys). The kinds and their formulas over the params keys:

``"probability"``   keys ``p``, ``event``
    answer = P(event) = Σ_{x ∈ event} p(x)
``"surprisal"``     keys ``p``, ``event``, ``base``
    answer = −log_base P(event)
``"entropy"``       keys ``p``, ``base``
    answer = H(p) = −Σ_x p(x)·log_base p(x)   (terms with p(x) = 0 are 0)
``"cross_entropy"`` keys ``p`` (the truth), ``q`` (the belief), ``base``
    answer = H(p, q) = −Σ_x p(x)·log_base q(x)
``"kl_divergence"`` keys ``p``, ``q``, ``base``
    answer = D(p‖q) = Σ_x p(x)·log_base(p(x)/q(x)) = H(p, q) − H(p)
``"conditional_probability"`` keys ``p``, ``event``, ``given``
    answer = P(event | given) = P(event ∩ given) / P(given)
``"at_least_once"`` keys ``p``, ``event``, ``n`` (independent tries)
    answer = 1 − (1 − P(event))ⁿ
``"sequence_probability"`` keys ``p``, ``sequence`` (outcomes of independent tries)
    answer = Π_{x ∈ sequence} p(x)
``"draws_probability"`` keys ``counts`` ({colour: whole number}), ``sequence`` (colours drawn
    one after another without putting them back)
    answer = Π_i counts_i(x_i) / total_i, each draw removing its marble
``"sequence_surprisal"`` keys ``p``, ``sequence``, ``base``
    answer = Σ_{x ∈ sequence} −log_base p(x) = −log_base Π p(x)
``"sentence_surprisal"`` keys ``probs`` (the probability a model gave each next word), ``base``
    answer = Σ_i −log_base probs_i (the model's loss on the sentence)
``"sentence_cross_entropy"`` keys ``probs``, ``base``
    answer = (1/n)·Σ_i −log_base probs_i (the loss per word: the cross-entropy of the model on
    this text)
``"probability_from_surprisal"`` keys ``p``, ``event``, ``base`` (the question shows the surprise S)
    answer = P(event) = base^(−S)
``"outcomes_from_surprisal"`` keys ``p`` (equally likely outcomes), ``base`` (shows S of one)
    answer = 1/p(x) = base^S
``"outcomes_from_entropy"`` keys ``p`` (equally likely outcomes), ``base`` (shows H(p))
    answer = base^H(p) = the number of outcomes
``"convert_units"`` keys ``value`` ("a/b" or a decimal string), ``from`` (its base), ``base``
    answer = value · ln(from) / ln(base)
``"compare_cross_entropy"`` keys ``p``, ``q``, ``base`` (answered with a button)
    answer = the index in ("entropy", "cross_entropy", "equal") of the larger of H(p) and
    H(p, q), or of "equal" (Gibbs: H(p, q) ≥ H(p), equal exactly when p = q)
``"concept"`` keys ``fact``, ``options`` (answered with a button)
    answer = options.index(FACT_ANSWERS[fact]) (`quiz.bank.kinds.FACT_ANSWERS`)

``p`` and ``q`` always have the same outcomes, and q(x) > 0 wherever p(x) > 0, so no answer is
infinite. Levels grow in difficulty: fair dice, coins and bags → the weird die (4 on several faces)
→ two dice, several rolls, sentences of a language model, spinners and the weather; a level-3
question always takes more steps than any level-1 question of its topic.

Each question states how precisely to answer (`quiz.precision`: to hundredths, to thousandths,
three significant figures, or a whole number) and is graded exactly so (`quiz.grading`).

Determinism: a question is drawn with ``random.Random(seed)``; the draw depends neither on ``lang``
(the two languages of one seed are translations of each other) nor on an explicit ``base`` (which
replaces the drawn default; only a unit conversion's starting unit may then differ). With
``base=None`` levels 1 and 2 use bits and level 3 draws a base. ``seed=None`` draws a seed and
records it.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quiz import bank
from quiz import calculator as calc
from quiz.bank.kinds import KINDS, answer_from_params
from quiz.choices import nice_fraction, numeric_choices
from quiz.grading import LOG_KINDS, grade, mistakes
from quiz.precision import CHOICE_KINDS, precision_for, rounded_text

TOPICS: tuple[str, ...] = ("probability", "surprisal", "entropy", "cross_entropy", "kl_divergence")
# Kinds whose answer is in a log unit (bits, nats, hartleys): `Question.base` and `.unit` name it.
UNIT_KINDS: frozenset[str] = LOG_KINDS | {"convert_units"}
LEVELS: tuple[int, ...] = (1, 2, 3)
LANGS: tuple[str, ...] = ("uk", "en")

__all__ = [
    "KINDS",
    "LANGS",
    "LEVELS",
    "TOPICS",
    "Question",
    "answer_from_params",
    "answer_text",
    "generate",
]


@dataclass(frozen=True)
class Question:
    """One question. ``params`` fully determines ``answer`` (see the module docstring).

    ``base`` is ``"2" | "e" | "10"`` when the answer is in a log unit, else ``None``; ``unit``
    is the English unit name (``"bits" | "nats" | "hartleys"``) or ``None``; use
    `quiz.calculator.unit_name` for the localised form.

    Contract v2: ``hints`` (at least two: the idea, then the first step with this question's
    numbers; ``hint == hints[0]``), ``choices`` (answer-button labels, each ≤ 100 characters,
    2–10 of them, or ``None`` for a typed answer) with ``correct_choice`` (the index of the
    right label), ``family`` (the bank family that wrote it) and ``steps`` (how many computation
    steps its worked solution takes).
    """

    topic: str
    level: int
    seed: int
    lang: str
    text: str
    answer: float
    hint: str
    solution: str
    params: dict[str, Any]
    base: str | None = None
    unit: str | None = None
    hints: tuple[str, ...] = ()
    choices: tuple[str, ...] | None = None
    correct_choice: int | None = None
    family: str = ""
    steps: int = 1

    def __hash__(self) -> int:
        # params is a dict, so the generated hash would fail; these fields determine the rest.
        return hash((self.topic, self.level, self.seed, self.lang, self.base, self.choices))


def generate(
    topic: str,
    level: int = 1,
    seed: int | None = None,
    lang: str = "uk",
    base: calc.Base | None = None,
    *,
    choices: bool = False,
) -> Question:
    """A question on `topic` at `level` (1–3) in `lang` ("uk" or "en"). With `choices=True` it
    comes as multiple choice (conceptual questions always do).

    >>> q = generate("entropy", 1, seed=3, lang="en", base=2)
    >>> q == generate("entropy", 1, seed=3, lang="en", base="2")
    True
    >>> q.answer == answer_from_params(q.params)
    True
    >>> mc = generate("surprisal", 2, seed=5, choices=True)
    >>> len(mc.choices) >= 2 and mc.choices[mc.correct_choice] in mc.choices
    True
    """
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}: use one of {', '.join(TOPICS)}")
    if isinstance(level, bool) or level not in LEVELS:
        raise ValueError(f"unknown level {level!r}: use 1, 2 or 3")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'uk' or 'en'")
    wanted = None if base is None else calc.normalise_base(base)
    if seed is None:
        seed = secrets.randbelow(2**31)
    elif isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    rendered = bank.render(topic, level, seed, wanted)
    params = _copied(rendered.params)  # a caller mutating it cannot change the cache
    answer_base = params.get("base") if params["kind"] in UNIT_KINDS else None
    hints = tuple(hint[lang] for hint in rendered.hints)
    labels, correct = _choices(rendered, (topic, level, seed, wanted, lang), wanted=choices)
    return Question(
        topic=topic,
        level=level,
        seed=seed,
        lang=lang,
        text=rendered.text[lang],
        answer=rendered.answer,
        hint=hints[0],
        solution=rendered.solution[lang],
        params=params,
        base=answer_base,
        unit=calc.unit_name(answer_base, "en") if answer_base else None,
        hints=hints,
        choices=labels,
        correct_choice=correct,
        family=rendered.family,
        steps=rendered.steps,
    )


_ATOMS = (str, int, float, bool, type(None))


def _copied(value: Any) -> Any:
    """`copy.deepcopy` of params, made of dicts, lists and plain values (several times faster)."""
    kind = type(value)
    if kind is dict:
        return {key: _copied(item) for key, item in value.items()}
    if kind is list:
        return [_copied(item) for item in value]
    if kind in _ATOMS:
        return value
    return copy.deepcopy(value)


_ChoiceKey = tuple[str, int, int, str | None, str]  # topic, level, seed, base asked for, lang
_CHOICES: dict[_ChoiceKey, tuple[tuple[str, ...], int]] = {}


def _choices(
    rendered: bank.Rendered, key: _ChoiceKey, *, wanted: bool
) -> tuple[tuple[str, ...] | None, int | None]:
    lang, seed = key[4], key[2]
    if rendered.options is not None:
        return tuple(option[lang] for option in rendered.options), int(rendered.answer)
    if not wanted:
        return None, None
    hit = _CHOICES.get(key)
    if hit is None:
        probe = _Probe(rendered.answer, lang, rendered.params)
        hit = numeric_choices(
            rendered.params,
            rendered.answer,
            lang,
            seed,
            mistakes(rendered.params, rendered.answer),
            lambda label: grade(probe, label).correct,
        )
        if len(_CHOICES) > bank.CACHE_LIMIT:
            _CHOICES.clear()
        _CHOICES[key] = hit
    return hit


@dataclass(frozen=True)
class _Probe:
    """Just enough of a question to grade a label typed in (no buttons yet)."""

    answer: float
    lang: str
    params: Mapping[str, Any]


def answer_text(question: Question) -> str:
    """The right answer as a person reads it, rounded as the question asks: the right button's
    label, or the number with its unit (`≈ 2,58 біта` for log₂ 6 asked to hundredths), a
    probability as its fraction and the rounded decimal (`1/6 ≈ 0,17`)."""
    choice = question.choices is not None and question.correct_choice is not None
    if choice and question.params.get("kind") in CHOICE_KINDS:
        return question.choices[question.correct_choice]
    kind = question.params.get("kind")
    shown = rounded_text(question.answer, precision_for(kind, question.answer), question.lang)
    exact = float(shown.replace(",", ".").replace("−", "-")) == question.answer
    if question.base is not None:
        unit = calc.unit_name(question.base, question.lang, shown)
        return f"{shown} {unit}" if exact else f"≈ {shown} {unit}"
    fraction = nice_fraction(question.answer)
    if fraction is None or fraction.denominator == 1:
        return shown if exact else f"≈ {shown}"
    return f"{fraction.numerator}/{fraction.denominator} {'=' if exact else '≈'} {shown}"
