"""The question bank: one family of questions per module in `quiz/bank/families/`, registered here.

A family module defines ``FAMILY = Family(name, slots, make)``: the (topic, level) slots it serves
with a weight, and ``make(rng, ask) -> Built`` that draws its numbers from the seeded generator and
writes the question, its hints and its worked solution in both languages. Adding a family is adding
a file there; `FAMILIES` finds every module (in name order, so seeds keep their questions).

`render(topic, level, seed, base)` is what `quiz.questions.generate` builds on:
- a seeded `random.Random(seed)` draws the default base (bits on levels 1–2, mostly bits and now and
  then nats or hartleys on level 3), then a family by weight, then the family's numbers;
- the **give-away guard**: no number printed in the question (in either language) may be a right
  answer to it — in any of the three bases, so an explicit base never changes which question a
  seed gives — else the family draws again from the same generator;
- renderings are cached (both languages at once), so a repeated question costs a lookup.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import random
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quiz import calculator as calc
from quiz.bank import families as _families
from quiz.bank.core import Ask, Bi, Built, Family
from quiz.bank.kinds import answer_from_params
from quiz.precision import CHOICE_KINDS, WHOLE_KINDS, precision_for, spec_accepts, tolerance

LEVEL3_BASES = ("2", "2", "e", "10")  # mostly bits, nats like the talk, now and then hartleys
MAX_DRAWS = 40  # give-away redraws; a family that needs more is a bug the tests catch
CACHE_LIMIT = 20_000


def _discover() -> dict[str, Family]:
    found: dict[str, Family] = {}
    modules = sorted(info.name for info in pkgutil.iter_modules(_families.__path__))
    for module_name in modules:
        if module_name.startswith("_"):
            continue
        module = importlib.import_module(f"{_families.__name__}.{module_name}")
        family = getattr(module, "FAMILY", None)
        if not isinstance(family, Family):
            raise RuntimeError(f"{module.__name__} defines no FAMILY")
        if family.name in found:
            raise RuntimeError(f"two families are called {family.name!r}")
        found[family.name] = family
    return found


FAMILIES: dict[str, Family] = _discover()


def _slots() -> dict[tuple[str, int], tuple[tuple[Family, int], ...]]:
    slots: dict[tuple[str, int], list[tuple[Family, int]]] = {}
    for family in FAMILIES.values():
        for slot, weight in family.slots.items():
            if weight > 0:
                slots.setdefault(slot, []).append((family, weight))
    return {slot: tuple(entries) for slot, entries in slots.items()}


SLOTS = _slots()


@dataclass(frozen=True)
class Rendered:
    """A question in both languages, with everything `generate` needs."""

    family: str
    params: dict[str, Any]
    answer: float
    text: Bi
    hints: tuple[Bi, ...]
    solution: Bi
    steps: int
    options: tuple[Bi, ...] | None


_CACHE: OrderedDict[tuple[str, int, int, str | None], Rendered] = OrderedDict()


def render(topic: str, level: int, seed: int, base: str | None) -> Rendered:
    """The question of this seed (see the module docstring); `base` None means the drawn one."""
    key = (topic, level, seed, base)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    rendered = _draw(topic, level, seed, base)
    _CACHE[key] = rendered
    if len(_CACHE) > CACHE_LIMIT:
        _CACHE.popitem(last=False)
    return rendered


def _draw(topic: str, level: int, seed: int, base: str | None) -> Rendered:
    rng = random.Random(seed)
    drawn = rng.choice(LEVEL3_BASES) if level == 3 else "2"
    ask = Ask(topic, level, base or drawn)
    entries = SLOTS[topic, level]
    families = [family for family, _ in entries]
    weights = [weight for _, weight in entries]
    for _ in range(MAX_DRAWS):
        family = rng.choices(families, weights)[0]
        built = family.make(rng, ask)
        answer = answer_from_params(built.params)
        if built.options is not None or not gives_away(built, answer):
            break
    return Rendered(
        family=family.name,
        params=built.params,
        answer=answer,
        text=built.text,
        hints=built.hints,
        solution=built.solution,
        steps=built.steps,
        options=built.options,
    )


# --------------------------------------------------------------------------- the give-away guard

_PRINTED = re.compile(r"(\d+(?:[.,](\d+))?)(?:\s*/\s*(\d+))?(\s*%)?")

Printed = tuple[float, int | None, int | None]  # value, decimal places, significant digits


def printed_values(text: str) -> set[float]:
    """Every number a text shows, read as a student could type it: 2,585, 1/6 (and its 1 and 6),
    16,7 % (as 0,167 and as 16,7)."""
    return {value for value, _, _ in printed_numbers(text)}


def printed_numbers(text: str) -> set[Printed]:
    """`printed_values` with how each was written (places and significant digits of a decimal,
    None for a fraction's value), so the guard can grade them as the grader would."""
    numbers: set[Printed] = set()
    for match in _PRINTED.finditer(text):
        literal = match.group(1)
        places = len(match.group(2) or "")
        significant = len(literal.replace(",", "").replace(".", "").lstrip("0")) or 1
        number = float(literal.replace(",", "."))
        numbers.add((number, places, significant))
        if match.group(3):
            denominator = float(match.group(3))
            numbers.add((denominator, 0, len(match.group(3).lstrip("0")) or 1))
            if denominator:
                numbers.add((number / denominator, None, None))
        if match.group(4):
            numbers.add((number / 100, places + 2, significant))
    return numbers


def _answers_in_every_base(params: Mapping[str, Any], answer: float) -> list[float]:
    kind = params.get("kind")
    if "base" not in params or kind == "convert_units":
        return [answer]
    nats = answer * math.log(calc.BASE_VALUES[params["base"]])
    return [nats / math.log(value) for value in calc.BASE_VALUES.values()]


def gives_away(built: Built, answer: float) -> bool:
    """Does the question print a number that would be graded as its answer?"""
    kind = built.params.get("kind")
    if kind in CHOICE_KINDS:
        return False
    printed = printed_numbers(built.text.uk) | printed_numbers(built.text.en)
    if "base" in built.params:
        # the text names its base ("log base 2", "base 10"): count both, whichever is asked, so
        # an explicit base never changes which question a seed gives
        printed |= {(2.0, 0, 1), (10.0, 0, 2)}
    for truth in _answers_in_every_base(built.params, answer):
        allowed = tolerance(precision_for(kind, truth), truth)
        for value, places, significant in printed:
            if abs(value - truth) <= allowed:
                return True
            if kind not in WHOLE_KINDS and spec_accepts(value, truth, places, significant):
                return True
    return False
