"""The question bank: five topics × three levels, in Ukrainian and English.

``generate(topic, level=1, seed=None, lang="uk", base=None) -> Question``

Every question carries ``params``, a JSON-serialisable dict that alone determines the answer
(`answer_from_params` recomputes it with `quiz.calculator`). Outcomes are strings, exact
probabilities are ``"a/b"`` strings. The kinds and their formulas over the params keys:

``"probability"``   keys ``p``, ``event``
    answer = P(event) = Σ_{x ∈ event} p(x)
``"surprisal"``     keys ``p``, ``event``, ``base``
    answer = −log_base P(event) = −log_base Σ_{x ∈ event} p(x)
``"entropy"``       keys ``p``, ``base``
    answer = H(p) = −Σ_x p(x)·log_base p(x)   (terms with p(x) = 0 are 0)
``"cross_entropy"`` keys ``p`` (the truth), ``q`` (the belief), ``base``
    answer = H(p, q) = −Σ_x p(x)·log_base q(x)
``"kl_divergence"`` keys ``p`` (the truth), ``q`` (the belief), ``base``
    answer = D(p‖q) = Σ_x p(x)·log_base(p(x)/q(x)) = H(p, q) − H(p)

``base`` is ``"2"`` (bits), ``"e"`` (nats) or ``"10"`` (hartleys); ``p`` and ``q`` always have
the same outcomes, and q(x) > 0 wherever p(x) > 0, so no answer is infinite.

Levels grow in difficulty:

1. a fair coin or a fair die (4 to 20 faces);
2. the *weird die*: the value 4 on 2–4 of its six faces, other values on the rest;
3. two dice (pairs and sums), two rolls of the weird die, a spinner with unequal sectors,
   a bag of coloured marbles, a weather forecast; beliefs compared with a rival's.

Determinism: a question is drawn with ``random.Random(seed)``; the draw does not depend on
``lang`` (the two languages of one seed are translations of each other) nor on an explicit
``base`` (which only replaces the drawn default). With ``base=None`` levels 1 and 2 use bits
and level 3 draws a base from the seed. ``seed=None`` draws a seed and records it.

Speed: the scenario pools are built at import and each rendering is cached, so `generate`
is a seeded pick plus a dictionary lookup.
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, product
from typing import Any

from quiz import calculator as calc
from quiz.numbers import format_number

TOPICS: tuple[str, ...] = ("probability", "surprisal", "entropy", "cross_entropy", "kl_divergence")
LEVELS: tuple[int, ...] = (1, 2, 3)
LANGS: tuple[str, ...] = ("uk", "en")
KINDS: tuple[str, ...] = TOPICS

F = Fraction


@dataclass(frozen=True)
class Question:
    """One question. ``params`` fully determines ``answer`` (see the module docstring).

    ``base`` is ``"2" | "e" | "10"`` for log kinds and ``None`` for probability; ``unit`` is
    the English unit name (``"bits" | "nats" | "hartleys"``) or ``None``; use
    `quiz.calculator.unit_name` for the localised form.
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

    def __hash__(self) -> int:
        # params is a dict, so the generated hash would fail; these fields determine the rest.
        return hash((self.topic, self.level, self.seed, self.lang, self.base))


# =========================================================================== objects

Texts = dict[str, str]  # {"uk": ..., "en": ...}


@dataclass(frozen=True)
class Thing:
    """Something random: its distribution, how to introduce it and how to name its outcomes.

    ``items`` lists equally likely elementary results (faces, marbles, pairs of faces) as
    outcomes, when there are such, so solutions can count "k of n"; ``None`` otherwise.
    """

    p: dict[str, Fraction]
    intro: Texts
    labels: dict[str, Texts]  # outcome -> {"uk": label, "en": label}
    trial: Texts  # "per roll" in the question about average surprise
    items: tuple[str, ...] | None = None
    pairs: bool = False  # outcomes are pairs of rolls: count, do not list


@dataclass(frozen=True)
class Event:
    outcomes: tuple[str, ...]
    clause: Texts  # "випаде парне число" / "you roll an even number"


@dataclass(frozen=True)
class Belief:
    q: dict[str, Fraction]
    says: Texts  # "But you think it is an ordinary die:"
    rival: tuple[dict[str, Fraction], Texts] | None = None  # another belief to compare with


@dataclass(frozen=True)
class Scenario:
    thing: Thing
    event: Event | None = None
    belief: Belief | None = None
    extra: dict[str, Any] = field(default_factory=dict)


KEYCAPS = {str(n): f"{n}\ufe0f\u20e3" for n in range(1, 10)} | {"10": "🔟"}


def _same(text: str) -> Texts:
    return {"uk": text, "en": text}


def _uniform(outcomes: Sequence[str]) -> dict[str, Fraction]:
    return {o: F(1, len(outcomes)) for o in outcomes}


def _from_items(items: Sequence[str], outcomes: Sequence[str]) -> dict[str, Fraction]:
    return {o: F(items.count(o), len(items)) for o in outcomes}


def _value_labels(outcomes: Sequence[str], keycaps: bool) -> dict[str, Texts]:
    return {o: _same(KEYCAPS[o] if keycaps and o in KEYCAPS else o) for o in outcomes}


TRIAL_ROLL = {"uk": "за один кидок", "en": "per roll"}

# --------------------------------------------------------------------------- coins and dice

COIN = Thing(
    p={"heads": F(1, 2), "tails": F(1, 2)},
    intro={
        "uk": "🪙 Звичайна чесна монетка: орел або решка, порівну.",
        "en": "🪙 An ordinary fair coin: heads or tails, equally likely.",
    },
    labels={"heads": {"uk": "орел", "en": "heads"}, "tails": {"uk": "решка", "en": "tails"}},
    trial={"uk": "за одне підкидання", "en": "per toss"},
    items=("heads", "tails"),
)


def fair_die(n: int) -> Thing:
    faces = tuple(str(v) for v in range(1, n + 1))
    if n == 6:
        intro = {
            "uk": "🎲 Звичайний чесний кубик: грані від 1 до 6.",
            "en": "🎲 An ordinary fair die: faces 1 to 6.",
        }
    else:
        intro = {
            "uk": f"🎲 Чесний кубик з {n} гранями: числа від 1 до {n}.",
            "en": f"🎲 A fair {n}-sided die: numbers 1 to {n}.",
        }
    return Thing(_uniform(faces), intro, _value_labels(faces, n <= 10), TRIAL_ROLL, faces)


def _show_faces(faces: Sequence[str]) -> str:
    return ", ".join(faces)


def weird_die(faces: tuple[str, ...]) -> Thing:
    """A six-faced die whose faces show `faces`; p covers the values 1..6 (zeros included),
    so an ordinary-die belief has the same outcomes."""
    values = tuple(str(v) for v in range(1, 7))
    intro = {
        "uk": f"🎲 Дивний кубик! На його гранях: {_show_faces(faces)}.",
        "en": f"🎲 A weird die! Its faces show {_show_faces(faces)}.",
    }
    return Thing(_from_items(faces, values), intro, _value_labels(values, True), TRIAL_ROLL, faces)


def _pair(a: str, b: str) -> str:
    return f"{a}-{b}"


def two_rolls(faces: tuple[str, ...], intro: Texts, trial: Texts) -> Thing:
    """Two independent rolls of a die with `faces`; outcomes are "a-b" for values a, b."""
    values = list(dict.fromkeys(sorted(faces, key=int)))
    items = tuple(_pair(a, b) for a, b in product(faces, faces))
    outcomes = [_pair(a, b) for a, b in product(values, values)]
    labels = {
        _pair(a, b): {"uk": f"({a}; {b})", "en": f"({a}, {b})"} for a, b in product(values, values)
    }
    return Thing(
        _from_items(items, outcomes),
        intro,
        labels,
        trial,
        items,
        pairs=True,
    )


def two_dice_sum() -> Thing:
    sums = [str(a + b) for a, b in product(range(1, 7), range(1, 7))]
    outcomes = [str(s) for s in range(2, 13)]
    intro = {
        "uk": "🎲🎲 Кидаємо два чесні кубики і дивимося на суму очок.",
        "en": "🎲🎲 You roll two fair dice and look at the sum.",
    }
    labels = {o: {"uk": f"сума {o}", "en": f"sum {o}"} for o in outcomes}
    return Thing(
        _from_items(sums, outcomes),
        intro,
        labels,
        TRIAL_ROLL,
        tuple(sums),
    )


# --------------------------------------------------------------------------- spinner, bag, weather

COLOURS: dict[str, dict[str, str]] = {
    # emoji, uk nominative (sector, masc.), uk locative, uk accusative (marble, fem.),
    # uk plural (marbles), en
    "red": {"emoji": "🔴", "nom": "червоний", "loc": "червоному", "acc": "червону",
            "pl": "червоні", "en": "red"},
    "blue": {"emoji": "🔵", "nom": "синій", "loc": "синьому", "acc": "синю",
             "pl": "сині", "en": "blue"},
    "green": {"emoji": "🟢", "nom": "зелений", "loc": "зеленому", "acc": "зелену",
              "pl": "зелені", "en": "green"},
    "yellow": {"emoji": "🟡", "nom": "жовтий", "loc": "жовтому", "acc": "жовту",
               "pl": "жовті", "en": "yellow"},
}  # fmt: skip


def spinner(sectors: Sequence[tuple[str, Fraction]]) -> Thing:
    p = dict(sectors)
    labels = {
        c: {"uk": f"{COLOURS[c]['emoji']} {COLOURS[c]['nom']}",
            "en": f"{COLOURS[c]['emoji']} {COLOURS[c]['en']}"}
        for c in p
    }  # fmt: skip
    intro = {
        "uk": "🎡 Колесо зі стрілкою, сектори різного розміру. Ймовірності секторів:",
        "en": "🎡 A spinner with unequal sectors. The chance of each sector:",
    }
    return Thing(p, intro, labels, {"uk": "за одне обертання", "en": "per spin"})


def _uk_plural(n: int, forms: tuple[str, str, str]) -> str:
    """The Ukrainian noun form after the number n: (1 кулька, 2 кульки, 5 кульок)."""
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def marble_bag(counts: Sequence[tuple[str, int]]) -> Thing:
    items = tuple(c for c, n in counts for _ in range(n))
    lines_uk = "\n".join(f"{COLOURS[c]['emoji']} {COLOURS[c]['pl']} — {n}" for c, n in counts)
    lines_en = "\n".join(f"{COLOURS[c]['emoji']} {COLOURS[c]['en']} — {n}" for c, n in counts)
    n = len(items)
    marbles = _uk_plural(n, ("кулька", "кульки", "кульок"))
    intro = {
        "uk": f"👜 У мішечку {n} {marbles}:\n{lines_uk}\nТи навмання витягуєш одну.",
        "en": f"👜 A bag holds {n} marbles:\n{lines_en}\nYou pull one out without looking.",
    }
    labels = {
        c: {"uk": f"{COLOURS[c]['emoji']} {COLOURS[c]['nom']}",
            "en": f"{COLOURS[c]['emoji']} {COLOURS[c]['en']}"}
        for c, _ in counts
    }  # fmt: skip
    outcomes = [c for c, _ in counts]
    return Thing(
        _from_items(items, outcomes),
        intro,
        labels,
        {"uk": "за одну витягнуту кульку", "en": "per marble"},
        items,
    )


WEATHER_LABELS = {
    "sun": {"uk": "☀️ сонце", "en": "☀️ sun"},
    "clouds": {"uk": "☁️ хмари", "en": "☁️ clouds"},
    "rain": {"uk": "🌧 дощ", "en": "🌧 rain"},
}


def weather(p: Mapping[str, Fraction]) -> Thing:
    intro = {
        "uk": "🌦 Погода в нашому місті за багато років (як часто буває):",
        "en": "🌦 Our town's weather over many years (how often each day is):",
    }
    labels = {o: WEATHER_LABELS[o] for o in p}
    return Thing(dict(p), intro, labels, {"uk": "за один день", "en": "per day"})


# =========================================================================== events

Pred = Callable[[int], bool]

# (predicate on a die value, uk clause, en clause)
DIE_EVENTS: tuple[tuple[Pred, str, str], ...] = (
    (lambda v: v == 6, "випаде шістка", "you roll a 6"),
    (lambda v: v == 4, "випаде четвірка", "you roll a 4"),
    (lambda v: v == 1, "випаде одиниця", "you roll a 1"),
    (lambda v: v != 4, "випаде будь-що, крім 4", "you roll anything but a 4"),
    (lambda v: v % 2 == 0, "випаде парне число", "you roll an even number"),
    (lambda v: v % 2 == 1, "випаде непарне число", "you roll an odd number"),
    (lambda v: v > 3, "випаде число, більше за 3", "you roll more than 3"),
    (lambda v: v > 4, "випаде число, більше за 4", "you roll more than 4"),
    (lambda v: v <= 2, "випаде число, не більше за 2", "you roll at most 2"),
    (lambda v: v < 5, "випаде число, менше за 5", "you roll less than 5"),
    (lambda v: v in (1, 6), "випаде 1 або 6", "you roll a 1 or a 6"),
    (lambda v: v in (2, 3, 5), "випаде просте число (2, 3 або 5)",
     "you roll a prime number (2, 3 or 5)"),
    (lambda v: v % 3 == 0, "випаде число, кратне 3", "you roll a multiple of 3"),
)  # fmt: skip


def die_events(thing: Thing, chosen: Sequence[int] | None = None) -> list[Event]:
    """Events over a die's values whose probability lies strictly between 0 and 1."""
    events = []
    indices = range(len(DIE_EVENTS)) if chosen is None else chosen
    for i in indices:
        pred, uk, en = DIE_EVENTS[i]
        outcomes = tuple(o for o in thing.p if pred(int(o)))
        prob = sum((thing.p[o] for o in outcomes), F(0))
        if 0 < prob < 1:
            events.append(Event(outcomes, {"uk": uk, "en": en}))
    return events


PairPred = Callable[[int, int], bool]

# (predicate on the two values, clauses for two dice at once, clauses for one die rolled twice)
PAIR_EVENTS: tuple[tuple[PairPred, tuple[str, str], tuple[str, str]], ...] = (
    (lambda a, b: a + b == 7, ("сума буде 7", "the sum is 7"),
     ("сума двох кидків буде 7", "the two rolls add up to 7")),
    (lambda a, b: a + b == 8, ("сума буде 8", "the sum is 8"),
     ("сума двох кидків буде 8", "the two rolls add up to 8")),
    (lambda a, b: a + b == 2, ("сума буде 2", "the sum is 2"),
     ("сума двох кидків буде 2", "the two rolls add up to 2")),
    (lambda a, b: a + b >= 10, ("сума буде 10 або більше", "the sum is 10 or more"),
     ("сума двох кидків буде 10 або більше", "the two rolls add up to 10 or more")),
    (lambda a, b: a == b == 6, ("на обох кубиках випаде 6", "both dice show a 6"),
     ("обидва рази випаде 6", "you roll a 6 both times")),
    (lambda a, b: a == b == 4, ("на обох кубиках випаде 4", "both dice show a 4"),
     ("обидва рази випаде 4", "you roll a 4 both times")),
    (lambda a, b: 4 in (a, b), ("хоча б на одному кубику випаде 4", "at least one die shows a 4"),
     ("хоча б раз випаде 4", "you roll a 4 at least once")),
    (lambda a, b: 4 not in (a, b), ("на жодному кубику не випаде 4", "neither die shows a 4"),
     ("жодного разу не випаде 4", "you never roll a 4")),
    (lambda a, b: a == b, ("на кубиках випадуть однакові числа", "both dice show the same number"),
     ("обидва рази випаде те саме число", "both rolls show the same number")),
    (lambda a, b: a % 2 == 0 and b % 2 == 0, ("обидва числа будуть парні", "both numbers are even"),
     ("обидва рази випаде парне число", "both rolls are even")),
    (lambda a, b: a > b, ("на першому кубику буде більше, ніж на другому",
                          "the first die shows more than the second"),
     ("першого разу випаде більше, ніж другого", "the first roll is higher than the second")),
)  # fmt: skip


def pair_events(
    thing: Thing, twice: bool = False, chosen: Sequence[int] | None = None
) -> list[Event]:
    """Events over two dice (or one die rolled `twice`) whose probability lies strictly
    between 0 and 1; outcomes are "a-b". `chosen` picks rows of PAIR_EVENTS."""
    events = []
    rows = PAIR_EVENTS if chosen is None else [PAIR_EVENTS[i] for i in chosen]
    for pred, dice, rolls in rows:
        uk, en = rolls if twice else dice
        outcomes = tuple(o for o in thing.p if pred(*map(int, o.split("-"))))
        prob = sum((thing.p[o] for o in outcomes), F(0))
        if 0 < prob < 1:
            events.append(Event(outcomes, {"uk": uk, "en": en}))
    return events


COIN_EVENTS = [
    Event(("heads",), {"uk": "випаде орел", "en": "you get heads"}),
    Event(("tails",), {"uk": "випаде решка", "en": "you get tails"}),
]


def colour_events(thing: Thing, marbles: bool) -> list[Event]:
    events = []
    colours = list(thing.p)
    for c in colours:
        if marbles:
            uk, en = f"витягнеш {COLOURS[c]['acc']} кульку", f"you pull out a {c} marble"
        else:
            uk = f"стрілка зупиниться на {COLOURS[c]['loc']} секторі"
            en = f"the arrow stops on {c}"
        events.append(Event((c,), {"uk": uk, "en": en}))
    for a, b in combinations(colours[:3], 2):
        if marbles:
            uk = f"витягнеш {COLOURS[a]['acc']} або {COLOURS[b]['acc']} кульку"
            en = f"you pull out a {a} or a {b} marble"
        else:
            uk = f"стрілка зупиниться на {COLOURS[a]['loc']} або {COLOURS[b]['loc']} секторі"
            en = f"the arrow stops on {a} or {b}"
        events.append(Event((a, b), {"uk": uk, "en": en}))
    return events


WEATHER_EVENTS = [
    Event(("rain",), {"uk": "завтра буде дощ", "en": "it rains tomorrow"}),
    Event(("sun",), {"uk": "завтра буде сонце", "en": "tomorrow is sunny"}),
    Event(("sun", "clouds"), {"uk": "завтра не буде дощу", "en": "it does not rain tomorrow"}),
]


# =========================================================================== the pools

WEIRD_FACES: tuple[tuple[str, ...], ...] = tuple(
    tuple(sorted((*others, *("4",) * fours), key=int))
    for fours in (3, 2, 4)
    for others in combinations(("1", "2", "3", "5", "6"), 6 - fours)
)
WEIRD_DICE = tuple(weird_die(faces) for faces in WEIRD_FACES)
DICE_N = (4, 6, 8, 10, 12, 20)
FAIR_DICE = {n: fair_die(n) for n in DICE_N}
D6 = FAIR_DICE[6]

TWO_DICE = two_rolls(
    tuple(str(v) for v in range(1, 7)),
    {
        "uk": "🎲🎲 Кидаємо два чесні кубики: 36 рівноможливих пар.",
        "en": "🎲🎲 You roll two fair dice: 36 equally likely pairs.",
    },
    {"uk": "за один кидок двох кубиків", "en": "per roll of both dice"},
)
WEIRD_TWICE = tuple(
    two_rolls(
        faces,
        {
            "uk": f"🎲 Дивний кубик з гранями {_show_faces(faces)} кидаємо двічі.",
            "en": f"🎲 You roll a weird die with faces {_show_faces(faces)} twice.",
        },
        {"uk": "за два кидки", "en": "per pair of rolls"},
    )
    for faces in (("1", "2", "3", "4", "4", "4"), ("1", "4", "4", "5", "6", "6"),
                  ("2", "3", "4", "4", "4", "4"))
)  # fmt: skip
SUM_OF_TWO = two_dice_sum()

SPINNERS = tuple(
    spinner(s)
    for s in (
        (("red", F(1, 2)), ("blue", F(1, 4)), ("green", F(1, 8)), ("yellow", F(1, 8))),
        (("red", F(1, 3)), ("blue", F(1, 3)), ("green", F(1, 6)), ("yellow", F(1, 6))),
        (("red", F(1, 2)), ("blue", F(1, 3)), ("green", F(1, 6))),
        (("red", F(3, 8)), ("blue", F(3, 8)), ("green", F(1, 8)), ("yellow", F(1, 8))),
        (("red", F(1, 4)), ("blue", F(1, 4)), ("green", F(1, 4)), ("yellow", F(1, 4))),
        (("red", F(2, 5)), ("blue", F(3, 10)), ("green", F(1, 5)), ("yellow", F(1, 10))),
    )
)
BAGS = tuple(
    marble_bag(c)
    for c in (
        (("red", 5), ("blue", 3), ("green", 2)),
        (("red", 6), ("blue", 3), ("green", 1)),
        (("red", 4), ("blue", 4), ("green", 2)),
        (("red", 3), ("blue", 2), ("green", 1)),
        (("red", 7), ("blue", 2), ("green", 1)),
        (("red", 2), ("blue", 1), ("green", 1)),
    )
)
CLIMATES = (
    {"sun": F(1, 2), "clouds": F(1, 4), "rain": F(1, 4)},
    {"sun": F(1, 4), "clouds": F(1, 2), "rain": F(1, 4)},
    {"sun": F(3, 5), "clouds": F(1, 5), "rain": F(1, 5)},
)
FORECASTS = (
    {"sun": F(1, 3), "clouds": F(1, 3), "rain": F(1, 3)},
    {"sun": F(1, 2), "clouds": F(1, 4), "rain": F(1, 4)},
    {"sun": F(1, 4), "clouds": F(1, 4), "rain": F(1, 2)},
    {"sun": F(7, 10), "clouds": F(1, 10), "rain": F(1, 5)},
)


def _event_pool(level: int) -> list[Scenario]:
    pool: list[Scenario] = []
    if level == 1:
        pool += [Scenario(COIN, e) for e in COIN_EVENTS]
        pool += [Scenario(D6, e) for e in die_events(D6)]
        pool += [Scenario(FAIR_DICE[4], e) for e in die_events(FAIR_DICE[4], (0, 3, 4, 8))]
        pool += [Scenario(FAIR_DICE[8], e) for e in die_events(FAIR_DICE[8], (4, 7, 12))]
    elif level == 2:
        pool += [Scenario(d, e) for d in WEIRD_DICE for e in die_events(d)]
    else:
        pool += [Scenario(TWO_DICE, e) for e in pair_events(TWO_DICE)]
        pool += [Scenario(t, e) for t in WEIRD_TWICE for e in pair_events(t, True, (4, 5, 6, 7))]
        pool += [Scenario(s, e) for s in SPINNERS[:4] for e in colour_events(s, False)]
        pool += [Scenario(b, e) for b in BAGS for e in colour_events(b, True)]
        pool += [Scenario(weather(c), e) for c in CLIMATES for e in WEATHER_EVENTS]
    return pool


def _entropy_pool(level: int) -> list[Scenario]:
    if level == 1:
        low_high = Thing(
            {"low": F(1, 2), "high": F(1, 2)},
            {
                "uk": "🎲 Кидаємо чесний кубик, але записуємо лише: мало (1–3) чи багато (4–6).",
                "en": "🎲 You roll a fair die but only note: low (1–3) or high (4–6).",
            },
            {"low": {"uk": "мало", "en": "low"}, "high": {"uk": "багато", "en": "high"}},
            TRIAL_ROLL,
        )
        two_tosses = Thing(
            _uniform(["HH", "HT", "TH", "TT"]),
            {
                "uk": "🪙 Чесну монетку підкидаємо двічі і записуємо обидва результати.",
                "en": "🪙 You toss a fair coin twice and write down both results.",
            },
            {
                o: {
                    "uk": " ".join({"H": "орел", "T": "решка"}[c] for c in o),
                    "en": " ".join({"H": "heads", "T": "tails"}[c] for c in o),
                }
                for o in ("HH", "HT", "TH", "TT")
            },
            {"uk": "за два підкидання", "en": "per pair of tosses"},
        )
        thirds = Thing(
            _uniform(["1-2", "3-4", "5-6"]),
            {
                "uk": "🎲 Кидаємо чесний кубик, але записуємо лише групу: 1–2, 3–4 чи 5–6.",
                "en": "🎲 You roll a fair die but only note the group: 1–2, 3–4 or 5–6.",
            },
            {o: _same(o.replace("-", "–")) for o in ("1-2", "3-4", "5-6")},
            TRIAL_ROLL,
        )
        things = [COIN, low_high, two_tosses, thirds, *(FAIR_DICE[n] for n in DICE_N)]
        return [Scenario(t) for t in things]
    if level == 2:
        return [Scenario(d) for d in WEIRD_DICE]
    things = [SUM_OF_TWO, *WEIRD_TWICE[:1], *SPINNERS, *BAGS]
    things += [weather(c) for c in CLIMATES]
    return [Scenario(t) for t in things]


def _says(uk: str, en: str) -> Texts:
    return {"uk": uk, "en": en}


def _belief_pool(level: int) -> list[Scenario]:
    pool: list[Scenario] = []
    if level == 1:
        for h in (F(3, 4), F(2, 3), F(1, 4), F(9, 10), F(3, 5), F(1, 3)):
            q = {"heads": h, "tails": 1 - h}
            pool.append(
                Scenario(
                    COIN,
                    belief=Belief(
                        q,
                        _says(
                            "Але ти думаєш, що монетка нечесна:",
                            "But you believe the coin is unfair:",
                        ),
                    ),
                )
            )
        faces = list(D6.p)
        guesses = (
            ({"6": F(1, 2)}, F(1, 10)),
            ({"6": F(1, 3)}, F(2, 15)),
            ({"1": F(1, 4)}, F(3, 20)),
            ({"2": F(2, 9), "4": F(2, 9), "6": F(2, 9)}, F(1, 9)),
            ({"4": F(1, 4), "5": F(1, 4), "6": F(1, 4)}, F(1, 12)),
        )
        for special, rest in guesses:
            q = {f: special.get(f, rest) for f in faces}
            pool.append(
                Scenario(
                    D6,
                    belief=Belief(
                        q,
                        _says(
                            "Але ти підозрюєш, що кубик «хитрий», і думаєш так:",
                            "But you suspect the die is tricky and believe:",
                        ),
                    ),
                )
            )
        d4 = FAIR_DICE[4]
        for q4 in ((F(1, 2), F(1, 4), F(1, 8), F(1, 8)), (F(1, 10), F(1, 5), F(3, 10), F(2, 5))):
            pool.append(
                Scenario(
                    d4,
                    belief=Belief(
                        dict(zip(d4.p, q4, strict=True)),
                        _says(
                            "Але ти думаєш, що кубик нечесний:",
                            "But you believe the die is unfair:",
                        ),
                    ),
                )
            )
        return pool
    if level == 2:
        for die, faces in zip(WEIRD_DICE, WEIRD_FACES, strict=True):
            fours = faces.count("4")
            pool.append(Scenario(die, belief=_fair_belief()))
            for j in (2, 3, 4):
                if j != fours:
                    pool.append(Scenario(die, belief=_told_belief(j)))
        return pool
    # level 3
    uniform_sums = _uniform(list(SUM_OF_TWO.p))
    pool.append(
        Scenario(
            SUM_OF_TWO,
            belief=Belief(
                uniform_sums,
                _says(
                    "Але ти думаєш, що всі 11 сум однаково ймовірні (по 1/11).",
                    "But you think all 11 sums are equally likely (1/11 each).",
                ),
            ),
        )
    )
    seven = {s: (F(1, 2) if s == "7" else F(1, 20)) for s in SUM_OF_TWO.p}
    pool.append(
        Scenario(
            SUM_OF_TWO,
            belief=Belief(
                seven,
                _says(
                    "Але ти думаєш, що сума 7 випадає в половині випадків, "
                    "а решта — порівну (по 1/20).",
                    "But you think a sum of 7 comes up half the time "
                    "and the rest equally (1/20 each).",
                ),
                rival=(
                    uniform_sums,
                    _says(
                        "твій друг, який думає, що всі суми однаково ймовірні,",
                        "your friend, who thinks all sums are equally likely,",
                    ),
                ),
            ),
        )
    )
    for i, s in enumerate(SPINNERS):
        uniform = _uniform(list(s.p))
        if s.p != uniform:
            pool.append(
                Scenario(
                    s,
                    belief=Belief(
                        uniform,
                        _says(
                            "Але ти думаєш, що всі сектори однакові:",
                            "But you think all sectors are the same size:",
                        ),
                    ),
                )
            )
        for other in SPINNERS[i + 1 :]:
            if list(other.p) == list(s.p):
                pool.append(
                    Scenario(
                        s,
                        belief=Belief(
                            dict(other.p),
                            _says(
                                "Але ти думаєш, що сектори такі:", "But you think the sectors are:"
                            ),
                            rival=(
                                uniform,
                                _says(
                                    "твій друг, який вважає всі сектори однаковими,",
                                    "your friend, who thinks all sectors are equal,",
                                ),
                            ),
                        ),
                    )
                )
    for b in BAGS:
        pool.append(
            Scenario(
                b,
                belief=Belief(
                    _uniform(list(b.p)),
                    _says(
                        "Але ти думаєш, що кульок кожного кольору порівну:",
                        "But you think there are equally many marbles of each colour:",
                    ),
                ),
            )
        )
    for climate in CLIMATES:
        for forecast in FORECASTS:
            if forecast != climate:
                pool.append(
                    Scenario(
                        weather(climate),
                        belief=Belief(
                            forecast,
                            _says(
                                "А синоптик щодня дає такий прогноз:",
                                "A forecaster gives the same forecast every day:",
                            ),
                            rival=(
                                _uniform(list(climate)),
                                _says(
                                    "синоптик, що щодня каже «усе порівну, по 1/3»,",
                                    "a forecaster who says “1/3 each” every day",
                                ),
                            ),
                        ),
                    )
                )
    return pool


def _fair_belief() -> Belief:
    return Belief(
        _uniform([str(v) for v in range(1, 7)]),
        _says(
            "Але ти думаєш, що це звичайний чесний кубик (кожне число 1–6 по 1/6).",
            "But you think it is an ordinary fair die (each number 1–6 has 1/6).",
        ),
    )


def _told_belief(fours: int) -> Belief:
    """A belief from hearing only that the value 4 is on `fours` faces: the rest share equally."""
    p4 = F(fours, 6)
    rest = (1 - p4) / 5
    q = {str(v): (p4 if v == 4 else rest) for v in range(1, 7)}
    return Belief(q, _says(
        f"Тобі сказали лише, що четвірка є на {fours} гранях, тож ти вважаєш решту чисел "
        f"(1, 2, 3, 5, 6) однаково ймовірними:",
        f"You were only told that 4 is on {fours} faces, so you think the other numbers "
        f"(1, 2, 3, 5, 6) are equally likely:"))  # fmt: skip


POOLS: dict[tuple[str, int], list[Scenario]] = {}
for _level in LEVELS:
    POOLS["probability", _level] = _event_pool(_level)
    POOLS["surprisal", _level] = _event_pool(_level)
    POOLS["entropy", _level] = _entropy_pool(_level)
    POOLS["cross_entropy", _level] = _belief_pool(_level)
    POOLS["kl_divergence", _level] = _belief_pool(_level)


# =========================================================================== rendering helpers

LOG_SIGN = {"2": "log₂", "e": "ln", "10": "log₁₀"}
LOG_TYPED = {"2": "log2(6)", "e": "ln(6)", "10": "lg(6)"}  # how to type one on a phone
BASE_PHRASE = {
    "uk": {
        "2": "у бітах (логарифм за основою 2)",
        "e": "у натах (натуральний логарифм ln, основа e)",
        "10": "у гартлі (логарифм за основою 10)",
    },
    "en": {
        "2": "in bits (log base 2)",
        "e": "in nats (natural log ln, base e)",
        "10": "in hartleys (log base 10)",
    },
}
ANSWER_HOW = {
    "uk": "Відповідь: число з 2–3 значущими цифрами (як 2,58 або 0,085) або вираз, як {typed}.",
    "en": "Answer with a number to 2–3 significant figures (like 2.58 or 0.085) "
    "or an expression like {typed}.",
}
PROBABILITIES = {"uk": "Ймовірності:", "en": "Probabilities:"}
PROB_HOW = {
    "uk": "Відповідь: дріб (як 1/6) або десяткове число (як 0,17).",
    "en": "Answer as a fraction (like 1/6) or a decimal (like 0.17).",
}


def _frac(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def _num(value: float, lang: str) -> str:
    return format_number(value, lang)


def _approx(value: float, lang: str) -> str:
    """'= 0,5' when the rounding is exact, '≈ 0,1667' otherwise."""
    shown = _num(value, lang)
    exact = float(shown.replace(",", ".").replace("−", "-"))
    exact_enough = math.isclose(exact, value, rel_tol=1e-12, abs_tol=1e-15)
    return f"= {shown}" if exact_enough else f"≈ {shown}"


def _result(value: float, base: str, lang: str, equals: bool = True) -> str:
    """'= 1 біт' when exact, '≈ 1,585 біта' otherwise; without '=' if `equals` is False."""
    sign = _approx(value, lang).split(" ", 1)[0]
    if sign == "=" and not equals:
        return _with_unit(value, base, lang)
    return f"{sign} {_with_unit(value, base, lang)}"


def _log_of(x: Fraction, base: str) -> str:
    """'log₂ 6' or 'log₂(3/2)'."""
    sign = LOG_SIGN[base]
    return f"{sign} {x.numerator}" if x.denominator == 1 else f"{sign}({_frac(x)})"


def _with_unit(value: float, base: str, lang: str) -> str:
    shown = _num(value, lang)
    return f"{shown} {calc.unit_name(base, lang, shown)}"


def _show_dist(thing: Thing, dist: Mapping[str, Fraction], lang: str) -> str:
    """A distribution for a phone: one compact line for short labels, else one per line;
    outcomes with probability 0 are left out (the intro names all faces)."""
    shown = [(thing.labels[o][lang], v) for o, v in dist.items() if v > 0]
    values = {v for _, v in shown}
    if len(shown) > 6 and len(values) == 1:
        each = {"uk": "кожен результат", "en": "each outcome"}[lang]
        return f"{each} — {_frac(shown[0][1])}"
    if len(shown) <= 6 and all(len(label) <= 4 for label, _ in shown):
        return " · ".join(f"{label} {_frac(v)}" for label, v in shown)
    return "\n".join(f"{label} — {_frac(v)}" for label, v in shown)


def _list_items(thing: Thing, items: Sequence[str], lang: str) -> str:
    """Faces are listed one by one (4️⃣, 4️⃣, 4️⃣ shows the repeated face); other items
    with a long label are counted instead (🔴 червоний × 5)."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    parts = []
    for item, n in counts.items():
        label = thing.labels[item][lang]
        if n > 1 and len(label) > 4:
            parts.append(f"{label} × {n}")
        else:
            parts.extend([label] * n)
    return ", ".join(parts)


def _outcome_list(thing: Thing, outcomes: Sequence[str], lang: str) -> str:
    return ", ".join(thing.labels[o][lang] for o in outcomes)


def _group(pairs: Sequence[tuple[str, tuple[Fraction, ...]]]) -> list[tuple[list[str], tuple]]:
    """Group outcomes with equal probability tuples, keeping first-seen order."""
    groups: dict[tuple, list[str]] = {}
    for outcome, key in pairs:
        groups.setdefault(key, []).append(outcome)
    return [(outs, key) for key, outs in groups.items()]


def _times(count: int, body: str) -> str:
    return body if count == 1 else f"{count} × {body}"


# =========================================================================== rendering per kind


def _explain_probability(s: Scenario, lang: str) -> tuple[str, Fraction]:
    """One or two lines that find P(event), and its value."""
    thing, event = s.thing, s.event
    assert event is not None
    prob = calc.event_probability(thing.p, event.outcomes)
    assert isinstance(prob, Fraction)
    if thing.items is not None:
        hits = sum(1 for item in thing.items if item in event.outcomes)
        total = len(thing.items)
        fit_uk = _uk_plural(hits, ("підходить", "підходять", "підходять"))
        fit_en = "fits" if hits == 1 else "fit"
        raw = f"{hits}/{total}"
        value = raw if F(hits, total) == prob and raw == _frac(prob) else f"{raw} = {_frac(prob)}"
        if thing.pairs:
            line = {
                "uk": f"{fit_uk.capitalize()} {hits} з {total} рівноможливих пар граней.",
                "en": f"{hits} of the {total} equally likely pairs of faces {fit_en}.",
            }[lang]
        else:
            fits = _list_items(thing, [i for i in thing.items if i in event.outcomes], lang)
            line = {
                "uk": f"{fit_uk.capitalize()}: {fits} — це {hits} з {total} рівноможливих.",
                "en": f"{'This fits' if hits == 1 else 'These fit'}: {fits}, "
                f"that is {hits} of {total} equally likely.",
            }[lang]
        return f"{line}\nP = {value} {_approx(float(prob), lang)}", prob
    terms = " + ".join(_frac(thing.p[o]) for o in event.outcomes)
    names = _outcome_list(thing, event.outcomes, lang)
    if len(event.outcomes) == 1:
        line = {"uk": f"Беремо з таблиці: {names}.", "en": f"Read it from the table: {names}."}
    else:
        line = {"uk": f"Додаємо ймовірності: {names}.", "en": f"Add up the probabilities: {names}."}
    line = line[lang]
    eq = f"P = {terms}" + ("" if len(event.outcomes) == 1 else f" = {_frac(prob)}")
    return f"{line}\n{eq} {_approx(float(prob), lang)}", prob


def _intro(s: Scenario, lang: str, show_p: bool) -> str:
    intro = s.thing.intro[lang]
    if not show_p:
        return intro
    table = _show_dist(s.thing, s.thing.p, lang)
    if intro.endswith(":"):  # the intro already announces the table
        return f"{intro}\n{table}"
    return f"{intro}\n{_titled(PROBABILITIES[lang], table)}"


def _render_probability(s: Scenario, lang: str, base: str) -> tuple[str, str, str]:
    assert s.event is not None
    # Dice, marbles and pairs are counted from the intro; spinners and weather need their numbers.
    show_p = s.thing.items is None
    ask = {"uk": "Яка ймовірність, що {c}?", "en": "What is the probability that {c}?"}[lang]
    text = f"{_intro(s, lang, show_p)}\n\n{ask.format(c=s.event.clause[lang])}\n{PROB_HOW[lang]}"
    if s.thing.items is not None:
        hint = {
            "uk": "Порахуй, скільки рівноможливих варіантів підходить, і поділи на кількість усіх.",
            "en": "Count the equally likely results that fit and divide by how many there are.",
        }[lang]
    else:
        hint = {
            "uk": "Додай ймовірності всіх результатів, які підходять.",
            "en": "Add up the probabilities of all the results that fit.",
        }[lang]
    explain, _ = _explain_probability(s, lang)
    return text, hint, explain


def _render_surprisal(s: Scenario, lang: str, base: str) -> tuple[str, str, str]:
    assert s.event is not None
    ask = {
        "uk": "Наскільки ти здивуєшся, якщо {c}? Знайди сюрприз −{log} P {unit}.",
        "en": "How surprised are you if {c}? Find the surprise −{log} P {unit}.",
    }[lang].format(c=s.event.clause[lang], log=LOG_SIGN[base], unit=BASE_PHRASE[lang][base])
    how = ANSWER_HOW[lang].format(typed=LOG_TYPED[base])
    text = f"{_intro(s, lang, s.thing.items is None)}\n\n{ask}\n{how}"
    hint = {
        "uk": "Спершу знайди ймовірність P цієї події. Сюрприз = −{log} P: що рідша подія, "
        "то більший сюрприз.",
        "en": "First find the probability P of this event. Surprise = −{log} P: the rarer "
        "the event, the bigger the surprise.",
    }[lang].format(log=LOG_SIGN[base])
    explain, prob = _explain_probability(s, lang)
    value = calc.surprisal(prob, base)
    step2 = {"uk": "Сюрприз", "en": "Surprise"}[lang]
    inverse = 1 / prob
    formula = f"{step2} = −{LOG_SIGN[base]} P = −{LOG_SIGN[base]}({_frac(prob)})"
    formula += f" = {_log_of(inverse, base)}" if prob != 1 else ""
    result = {"uk": "Відповідь", "en": "Answer"}[lang]
    solution = f"1) {explain}\n2) {formula}\n"
    additivity = _additivity(s, lang, base)
    if additivity:
        solution += f"{additivity}\n"
    solution += f"3) {result}: {_result(value, base, lang, equals=False)}"
    return text, hint, solution


def _additivity(s: Scenario, lang: str, base: str) -> str:
    """For one exact pair of independent rolls: the two surprises add up (log of a product)."""
    assert s.event is not None
    if not s.thing.pairs or len(s.event.outcomes) != 1:
        return ""
    first, second = s.event.outcomes[0].split("-")
    marginal: dict[str, Fraction] = {}
    for outcome, prob in s.thing.p.items():
        a = outcome.split("-")[0]
        marginal[a] = marginal.get(a, F(0)) + prob
    pa, pb = marginal[first], marginal[second]
    sa, sb = calc.surprisal(pa, base), calc.surprisal(pb, base)
    return {
        "uk": "   Кидки незалежні: P = {pa} · {pb}, тож сюрпризи додаються: {sa} + {sb} {total}",
        "en": "   The rolls are independent: P = {pa} · {pb}, so the surprises add up: "
        "{sa} + {sb} {total}",
    }[lang].format(
        pa=_frac(pa),
        pb=_frac(pb),
        sa=_num(sa, lang),
        sb=_num(sb, lang),
        total=_approx(sa + sb, lang),
    )


def _render_entropy(s: Scenario, lang: str, base: str) -> tuple[str, str, str]:
    thing = s.thing
    ask = {
        "uk": "Яка ентропія H — середній сюрприз {trial}? Дай відповідь {unit}.",
        "en": "What is the entropy H, the average surprise {trial}? Give it {unit}.",
    }[lang].format(trial=thing.trial[lang], unit=BASE_PHRASE[lang][base])
    how = ANSWER_HOW[lang].format(typed=LOG_TYPED[base])
    text = f"{_intro(s, lang, True)}\n\n{ask}\n{how}"
    hint = {
        "uk": "Ентропія — це середній сюрприз: помнож сюрприз кожного результату −{log} p на "
        "його ймовірність p і додай. Однакові ймовірності можна згрупувати.",
        "en": "Entropy is the average surprise: multiply each outcome's surprise −{log} p by "
        "its probability p and add up. Group equal probabilities together.",
    }[lang].format(log=LOG_SIGN[base])
    log = LOG_SIGN[base]
    lines = [f"H = Σ p · (−{log} p) = Σ p · {log}(1/p)"]
    groups = _group([(o, (v,)) for o, v in thing.p.items() if v > 0])
    for outcomes, (v,) in groups:
        term = len(outcomes) * float(v) * calc.surprisal(v, base)
        body = f"{_frac(v)} · {_log_of(1 / v, base)}"
        lines.append(f"• {_times(len(outcomes), body)} {_approx(term, lang)}")
    value = calc.entropy(thing.p, base)
    total = {"uk": "Разом", "en": "Total"}[lang]
    lines.append(f"{total}: H {_result(value, base, lang)}")
    return text, hint, "\n".join(lines)


def _titled(title: str, table: str) -> str:
    """'p: 1️⃣ 1/6 · …' on one line, or the title above a multi-line table."""
    return f"{title}\n{table}" if "\n" in table else f"{title} {table}"


def _terms(s: Scenario, lang: str, base: str, kl: bool) -> list[str]:
    assert s.belief is not None
    p, q = s.thing.p, s.belief.q
    log = LOG_SIGN[base]
    lines = []
    groups = _group([(o, (p[o], q[o])) for o in p])
    zero = [o for outs, (pv, _) in groups if pv == 0 for o in outs]
    for outcomes, (pv, qv) in groups:
        if pv == 0:
            continue
        names = _outcome_list(s.thing, outcomes, lang)
        if kl:
            ratio = pv / qv
            term = len(outcomes) * float(pv) * calc.log_in_base(ratio, base)
            body = f"{_frac(pv)} · {log}(({_frac(pv)})/({_frac(qv)}))"
            if ratio == 1:
                body += " = 0"
                lines.append(f"• {names}: {_times(len(outcomes), body)}")
                continue
            body += f" = {_times(len(outcomes), _frac(pv))} · {_log_of(ratio, base)}"
        else:
            term = len(outcomes) * float(pv) * calc.surprisal(qv, base)
            body = f"{_frac(pv)} · {_log_of(1 / qv, base)}"
        lines.append(f"• {names}: {_times(len(outcomes), body)} {_approx(term, lang)}")
    if zero:
        names = _outcome_list(s.thing, zero, lang)
        lines.append({
            "uk": f"• {names}: p = 0, тож внеску немає",
            "en": f"• {names}: p = 0, so they add nothing",
        }[lang])  # fmt: skip
    return lines


def _render_belief(s: Scenario, lang: str, base: str, kl: bool) -> tuple[str, str, str]:
    assert s.belief is not None
    thing, belief = s.thing, s.belief
    unit = BASE_PHRASE[lang][base]
    rival_line = ""
    if belief.rival is not None:
        rq, who = belief.rival
        rv = calc.kl_divergence(thing.p, rq, base) if kl else calc.cross_entropy(thing.p, rq, base)
        what = {
            ("uk", True): "Для порівняння: {who} має зайвий сюрприз {v}.",
            ("uk", False): "Для порівняння: {who} має середній сюрприз {v}.",
            ("en", True): "To compare: {who} has an extra surprise of {v}.",
            ("en", False): "To compare: {who} has an average surprise of {v}.",
        }[lang, kl]
        rival_line = "\n" + what.format(who=who[lang], v=_with_unit(rv, base, lang))
    if kl:
        ask = {
            "uk": "Скільки зайвого сюрпризу {trial} у середньому коштує віра в q замість "
            "правди p? Знайди KL-дивергенцію D(p‖q) {unit}.",
            "en": "How much extra surprise {trial} does believing q instead of the truth p "
            "cost on average? Find the KL divergence D(p‖q) {unit}.",
        }[lang]
    else:
        ask = {
            "uk": "Який середній сюрприз {trial} у того, хто вірить у q, коли правда — p? "
            "Знайди перехресну ентропію H(p, q) {unit}.",
            "en": "What is the average surprise {trial} of someone who believes q when the "
            "truth is p? Find the cross-entropy H(p, q) {unit}.",
        }[lang]
    ask = ask.format(trial=thing.trial[lang], unit=unit)
    truth = {"uk": "Правда, p:", "en": "The truth, p:"}[lang]
    how = ANSWER_HOW[lang].format(typed=LOG_TYPED[base])
    text = (
        f"{thing.intro[lang]}\n{_titled(truth, _show_dist(thing, thing.p, lang))}\n\n"
        f"{belief.says[lang].rstrip(':.')}:\n{_titled('q:', _show_dist(thing, belief.q, lang))}"
        f"{rival_line}\n\n{ask}\n{how}"
    )
    log = LOG_SIGN[base]
    if kl:
        hint = {
            "uk": "KL = перехресна ентропія мінус ентропія: H(p, q) − H(p). Або одразу: "
            "Σ p · {log}(p/q), зважуючи за правдою p.",
            "en": "KL = cross-entropy minus entropy: H(p, q) − H(p). Or directly: "
            "Σ p · {log}(p/q), weighted by the truth p.",
        }[lang].format(log=log)
        head = f"D(p‖q) = Σ p · {log}(p/q)"
        value = calc.kl_divergence(thing.p, belief.q, base)
    else:
        hint = {
            "uk": "Сюрприз рахуй за своєю думкою q (−{log} q), а зважуй за правдою p: "
            "H(p, q) = Σ p · (−{log} q).",
            "en": "Take the surprise from your belief q (−{log} q) but weight it by the truth p: "
            "H(p, q) = Σ p · (−{log} q).",
        }[lang].format(log=log)
        head = f"H(p, q) = Σ p · (−{log} q) = Σ p · {log}(1/q)"
        value = calc.cross_entropy(thing.p, belief.q, base)
    lines = [head, *_terms(s, lang, base, kl)]
    total = {"uk": "Разом", "en": "Total"}[lang]
    symbol = "D(p‖q)" if kl else "H(p, q)"
    lines.append(f"{total}: {symbol} {_result(value, base, lang)}")
    if kl:
        h_pq = calc.cross_entropy(thing.p, belief.q, base)
        h_p = calc.entropy(thing.p, base)
        check = {"uk": "Перевірка", "en": "Check"}[lang]
        lines.append(
            f"{check}: H(p, q) − H(p) ≈ {_num(h_pq, lang)} − {_num(h_p, lang)} "
            f"{_approx(h_pq - h_p, lang)}"
        )
    return text, hint, "\n".join(lines)


RENDER: dict[str, Callable[[Scenario, str, str], tuple[str, str, str]]] = {
    "probability": _render_probability,
    "surprisal": _render_surprisal,
    "entropy": _render_entropy,
    "cross_entropy": lambda s, lang, base: _render_belief(s, lang, base, kl=False),
    "kl_divergence": lambda s, lang, base: _render_belief(s, lang, base, kl=True),
}


# =========================================================================== params and answers


def _params(topic: str, s: Scenario, base: str) -> dict[str, Any]:
    params: dict[str, Any] = {"kind": topic, "p": calc.distribution_to_params(s.thing.p)}
    if s.belief is not None:
        params["q"] = calc.distribution_to_params(s.belief.q)
    if s.event is not None:
        params["event"] = list(s.event.outcomes)
    if topic != "probability":
        params["base"] = base
    return params


def answer_from_params(params: Mapping[str, Any]) -> float:
    """Recompute a question's answer from its params alone (see the module docstring).

    >>> answer_from_params({"kind": "surprisal", "p": {"H": "1/2", "T": "1/2"},
    ...                     "event": ["H"], "base": "2"})
    1.0
    """
    if not isinstance(params, Mapping):
        raise ValueError("params must be a mapping")
    kind = params.get("kind")
    if kind not in KINDS:
        raise ValueError(f"unknown question kind {kind!r}: use one of {', '.join(KINDS)}")
    p = calc.parse_distribution(params.get("p", {}), "p")
    if kind in ("probability", "surprisal"):
        event = params.get("event")
        if not isinstance(event, list | tuple):
            raise ValueError("params need an 'event': a list of outcomes")
        prob = calc.event_probability(p, [str(o) for o in event])
        return float(prob) if kind == "probability" else calc.surprisal(prob, params.get("base"))
    base = params.get("base")
    if kind == "entropy":
        return calc.entropy(p, base)
    q = calc.parse_distribution(params.get("q", {}), "q")
    if kind == "cross_entropy":
        return calc.cross_entropy(p, q, base)
    return calc.kl_divergence(p, q, base)


# =========================================================================== generate

_Rendered = tuple[str, str, str, float, dict[str, Any]]
_CACHE: dict[tuple[str, int, int, str, str], _Rendered] = {}
_CACHE_LIMIT = 20_000  # pools × langs × bases is a few thousand; the cap only guards memory
_LEVEL3_BASES = ("2", "2", "e", "10")  # mostly bits, nats like the talk, now and then hartleys


def _rendered(topic: str, level: int, index: int, lang: str, base: str) -> _Rendered:
    key = (topic, level, index, lang, base)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    scenario = POOLS[topic, level][index]
    text, hint, solution = RENDER[topic](scenario, lang, base)
    params = _params(topic, scenario, base)
    answer = answer_from_params(params)
    rendered = (text, hint, solution, answer, params)
    if len(_CACHE) < _CACHE_LIMIT:
        _CACHE[key] = rendered
    return rendered


def _copy_params(params: dict[str, Any]) -> dict[str, Any]:
    # Each Question gets its own params so a caller mutating one cannot change the cache.
    return {k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v)
            for k, v in params.items()}  # fmt: skip


def generate(
    topic: str,
    level: int = 1,
    seed: int | None = None,
    lang: str = "uk",
    base: calc.Base | None = None,
) -> Question:
    """A question on `topic` at `level` (1–3) in `lang` ("uk" or "en").

    >>> q = generate("entropy", 1, seed=3, lang="en", base=2)
    >>> q == generate("entropy", 1, seed=3, lang="en", base="2")
    True
    >>> q.answer == answer_from_params(q.params)
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
    rng = random.Random(seed)
    index = rng.randrange(len(POOLS[topic, level]))
    drawn = rng.choice(_LEVEL3_BASES) if level == 3 else "2"
    chosen = wanted or drawn
    text, hint, solution, answer, params = _rendered(topic, level, index, lang, chosen)
    has_log = topic != "probability"
    return Question(
        topic=topic,
        level=level,
        seed=seed,
        lang=lang,
        text=text,
        answer=answer,
        hint=hint,
        solution=solution,
        params=_copy_params(params),
        base=chosen if has_log else None,
        unit=calc.unit_name(chosen, "en") if has_log else None,
    )
