"""Things several families roll, spin and draw: dice (fair and weird), events on a die, bags of
marbles, colours with their Ukrainian forms, and the counting line of a worked solution."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from quiz.bank.core import Bi, F, frac, pick, say
from quiz.numbers import plural_form

# --------------------------------------------------------------------------- dice


def faces_text(faces: Sequence[int]) -> str:
    return ", ".join(str(v) for v in faces)


def fair_die_intro(n: int) -> Bi:
    if n == 6:
        return say(
            "🎲 Звичайний чесний кубик: грані від 1 до 6.", "🎲 An ordinary fair die: faces 1 to 6."
        )
    return say(
        f"🎲 Чесний кубик з {n} гранями: на них числа від 1 до {n}.",
        f"🎲 A fair {n}-sided die: its faces show the numbers 1 to {n}.",
    )


def weird_die_intro(faces: Sequence[int]) -> Bi:
    n, shown = len(faces), faces_text(faces)
    return say(
        f"🎲 Дивний кубик з {n} гранями. На гранях: {shown}.",
        f"🎲 A weird die with {n} faces. They show: {shown}.",
    )


def draw_weird_die(rng: random.Random, sizes: Sequence[int] = (6, 8, 10, 12)) -> tuple[int, ...]:
    """A die of `n` faces with the value 4 on several of them (the talk's weird die and its
    cousins): 2 to n/2 fours, the other faces distinct values from 1..n, and sometimes one of
    them doubled. Sorted, as the talk writes it: 1, 2, 3, 4, 4, 4."""
    n = pick(rng, sizes)
    fours = rng.randint(2, n // 2)
    others = [v for v in range(1, n + 1) if v != 4]
    rest = n - fours
    if rest >= 3 and rng.random() < 0.4:
        chosen = rng.sample(others, rest - 1)
        chosen.append(chosen[0])  # one other value on two faces
    else:
        chosen = rng.sample(others, rest)
    return tuple(sorted([4] * fours + chosen))


def value_distribution(faces: Sequence[int], values: Sequence[int]) -> dict[str, Fraction]:
    """p over `values` (zeros included) for equally likely `faces`."""
    return {str(v): F(faces.count(v), len(faces)) for v in values}


def an(k: int) -> str:
    """'a 6', 'an 8', 'an 11', 'an 18'."""
    return f"an {k}" if str(k).startswith("8") or k in (11, 18) else f"a {k}"


@dataclass(frozen=True)
class DieEvent:
    test: Callable[[int], bool]
    clause: Bi  # "випаде парне число" / "you roll an even number"


def _event_kinds(rng: random.Random, top: int, present: Sequence[int]) -> DieEvent:
    kind = pick(rng, ("eq", "eq", "ne", "gt", "le", "ge", "between", "either", "parity", "mult"))
    k = pick(rng, present)
    if kind == "eq":
        return DieEvent(lambda v: v == k, say(f"випаде {k}", f"you roll {an(k)}"))
    if kind == "ne":
        return DieEvent(
            lambda v: v != k, say(f"випаде будь-що, крім {k}", f"you roll anything but {an(k)}")
        )
    if kind == "gt":  # never "more than top − 1", which is just "= top"
        k = rng.randint(1, max(1, top - 2))
        return DieEvent(
            lambda v: v > k, say(f"випаде число, більше за {k}", f"you roll more than {k}")
        )
    if kind == "le":  # never "at most 1", which is just "= 1"
        k = rng.randint(min(2, top - 1), top - 1)
        return DieEvent(
            lambda v: v <= k, say(f"випаде число, не більше за {k}", f"you roll at most {k}")
        )
    if kind == "ge":
        k = rng.randint(2, max(2, top - 1))
        return DieEvent(
            lambda v: v >= k, say(f"випаде число, не менше за {k}", f"you roll at least {k}")
        )
    if kind == "between":
        a = rng.randint(1, top - 1)
        b = rng.randint(a + 1, top)
        return DieEvent(
            lambda v: a <= v <= b,
            say(f"випаде число від {a} до {b} включно", f"you roll a number from {a} to {b}"),
        )
    if kind == "either" and len(present) > 1:
        a, b = sorted(rng.sample(present, 2))
        return DieEvent(
            lambda v: v in (a, b), say(f"випаде {a} або {b}", f"you roll {an(a)} or {an(b)}")
        )
    if kind == "parity":
        if rng.random() < 0.5:
            return DieEvent(
                lambda v: v % 2 == 0, say("випаде парне число", "you roll an even number")
            )
        return DieEvent(lambda v: v % 2 == 1, say("випаде непарне число", "you roll an odd number"))
    m = pick(rng, (3, 4, 5))
    return DieEvent(
        lambda v: v % m == 0, say(f"випаде число, кратне {m}", f"you roll a multiple of {m}")
    )


def draw_die_event(rng: random.Random, faces: Sequence[int]) -> DieEvent:
    """An event on one roll of a die with `faces` whose probability is strictly between 0 and 1."""
    top = max(faces)
    present = sorted(set(faces))
    for _ in range(50):
        event = _event_kinds(rng, top, present)
        hits = sum(1 for v in faces if event.test(v))
        if 2 * hits == len(faces) and rng.random() < 0.6:
            continue  # "one half" would otherwise be the answer to every other question
        if 0 < hits < len(faces):
            return event
    raise RuntimeError("no event fits this die")  # pragma: no cover — 50 draws always find one


def fitting(faces: Sequence[int], event: DieEvent) -> list[int]:
    return [v for v in faces if event.test(v)]


def count_line(fits: Sequence[int], n: int) -> Bi:
    """'Підходять 3 грані з 6 рівноможливих: 2, 4, 6.'"""
    k = len(fits)
    verb = plural_form(k, "uk", ("підходить", "підходять", "підходять"))
    faces = plural_form(k, "uk", ("грань", "грані", "граней"))
    fit = "fits" if k == 1 else "fit"
    shown = faces_text(fits)
    return say(
        f"{verb.capitalize()} {k} {faces} з {n} рівноможливих: {shown}.",
        f"{k} of the {n} equally likely faces {fit}: {shown}.",
    )


def times_word(count: int) -> str:
    """'раз', 'рази', 'разів' after `count` (3 рази, 5 разів)."""
    return plural_form(count, "uk", ("раз", "рази", "разів"))


# --------------------------------------------------------------------------- colours


@dataclass(frozen=True)
class Colour:
    key: str
    emoji: str
    marble: str  # feminine (кулька): червона
    marble_acc: str  # червону
    marbles: str  # plural label in a list: червоні
    sector_loc: str  # masculine locative (сектор): на червоному
    en: str


COLOURS: dict[str, Colour] = {
    c.key: c
    for c in (
        Colour("red", "🔴", "червона", "червону", "червоні", "червоному", "red"),
        Colour("blue", "🔵", "синя", "синю", "сині", "синьому", "blue"),
        Colour("green", "🟢", "зелена", "зелену", "зелені", "зеленому", "green"),
        Colour("yellow", "🟡", "жовта", "жовту", "жовті", "жовтому", "yellow"),
    )
}


def marbles_word(n: int) -> str:
    return plural_form(n, "uk", ("кулька", "кульки", "кульок"))


def bag_intro(counts: Sequence[tuple[str, int]]) -> Bi:
    total = sum(n for _, n in counts)
    uk = "\n".join(f"{COLOURS[c].emoji} {COLOURS[c].marbles} — {n}" for c, n in counts)
    en = "\n".join(f"{COLOURS[c].emoji} {COLOURS[c].en} — {n}" for c, n in counts)
    return say(
        f"👜 У мішечку {total} {marbles_word(total)}:\n{uk}",
        f"👜 A bag holds {total} marbles:\n{en}",
    )


def draw_bag(
    rng: random.Random, colours: int = 3, low: int = 1, high: int = 9
) -> list[tuple[str, int]]:
    keys = list(COLOURS)[:colours]
    return [(key, rng.randint(low, high)) for key in keys]


# --------------------------------------------------------------------------- two dice

PAIRS: tuple[tuple[int, int], ...] = tuple((a, b) for a in range(1, 7) for b in range(1, 7))


def pair_key(a: int, b: int) -> str:
    return f"{a}-{b}"


PAIR_KEYS: tuple[str, ...] = tuple(pair_key(a, b) for a, b in PAIRS)


def fair_pairs() -> dict[str, Fraction]:
    """The 36 equally likely pairs of two fair dice, as a distribution over `pair_key`s."""
    return dict.fromkeys(PAIR_KEYS, F(1, 36))


def pair_text(pairs: Sequence[tuple[int, int]]) -> Bi:
    """'(1; 6), (2; 5)' in Ukrainian (where the comma is the decimal mark), '(1, 6)' in English."""
    return say(
        ", ".join(f"({a}; {b})" for a, b in pairs), ", ".join(f"({a}, {b})" for a, b in pairs)
    )


@dataclass(frozen=True)
class PairEvent:
    test: Callable[[int, int], bool]
    clause: Bi  # present tense: "сума дорівнює 7" / "the sum is 7"


def draw_pair_event(rng: random.Random) -> PairEvent:
    """An event on two fair dice (a red one and a blue one), with 0 < P < 1."""
    kind = pick(
        rng,
        (
            "sum",
            "sum",
            "sum_ge",
            "sum_le",
            "double",
            "one_shows",
            "none_shows",
            "red_more",
            "both_even",
            "differ",
        ),
    )
    if kind == "sum":
        s = rng.randint(2, 12)
        return PairEvent(lambda a, b: a + b == s, say(f"сума дорівнює {s}", f"the sum is {s}"))
    if kind == "sum_ge":
        s = rng.randint(8, 12)
        return PairEvent(
            lambda a, b: a + b >= s, say(f"сума не менша за {s}", f"the sum is at least {s}")
        )
    if kind == "sum_le":
        s = rng.randint(2, 6)
        return PairEvent(
            lambda a, b: a + b <= s, say(f"сума не більша за {s}", f"the sum is at most {s}")
        )
    if kind == "double":
        return PairEvent(
            lambda a, b: a == b,
            say("на обох кубиках однакові числа", "both dice show the same number"),
        )
    k = rng.randint(1, 6)
    if kind == "one_shows":
        return PairEvent(
            lambda a, b: k in (a, b),
            say(f"хоча б на одному кубику {k}", f"at least one die shows {an(k)}"),
        )
    if kind == "none_shows":
        return PairEvent(
            lambda a, b: k not in (a, b),
            say(f"на жодному кубику немає {k}", f"neither die shows {an(k)}"),
        )
    if kind == "red_more":
        return PairEvent(
            lambda a, b: a > b,
            say(
                "на червоному кубику більше, ніж на синьому", "the red die shows more than the blue"
            ),
        )
    if kind == "both_even":
        return PairEvent(
            lambda a, b: a % 2 == 0 and b % 2 == 0,
            say("обидва числа парні", "both numbers are even"),
        )
    d = rng.randint(1, 4)
    return PairEvent(
        lambda a, b: abs(a - b) == d,
        say(f"числа на кубиках відрізняються на {d}", f"the two numbers differ by {d}"),
    )


TWO_DICE_INTRO = say(
    "🎲🎲 Кидаємо два чесні кубики, червоний і синій: усі пари чисел рівноможливі.",
    "🎲🎲 You roll two fair dice, a red one and a blue one: every pair of numbers is equally "
    "likely.",
)


def pair_count_step(fits: Sequence[tuple[int, int]], clause: Bi) -> Bi:
    """'Пари, де сума дорівнює 7: (1; 6), … — їх 6.' (long lists are counted, not listed)."""
    k = len(fits)
    if k <= 12:
        listed = pair_text(fits)
        return say(
            f"Пари, де {clause.uk}: {listed.uk} — їх {k}.",
            f"Pairs where {clause.en}: {listed.en} — {k} of them.",
        )
    return say(
        f"Пари, де {clause.uk}, порахуємо в таблиці 6 × 6: їх {k}.",
        f"Count the pairs where {clause.en} in the 6 × 6 table: {k} of them.",
    )


ALL_PAIRS_STEP = say(
    "Усього пар: 6 · 6 = 36, усі рівноможливі.", "There are 6 · 6 = 36 pairs, all equally likely."
)


# --------------------------------------------------------------------------- uneven distributions

SECTOR_LABELS = {
    c.key: say(f"{c.emoji} {_uk}", f"{c.emoji} {c.en}")
    for c, _uk in zip(COLOURS.values(), ("червоний", "синій", "зелений", "жовтий"), strict=True)
}
WEATHER_LABELS = {
    "sun": say("☀️ сонце", "☀️ sun"),
    "clouds": say("☁️ хмари", "☁️ clouds"),
    "rain": say("🌧 дощ", "🌧 rain"),
    "snow": say("❄️ сніг", "❄️ snow"),
}


def draw_parts(rng: random.Random, total: int, count: int, distinct: int) -> list[int]:
    """`count` positive whole parts of `total` with at least `distinct` different sizes,
    largest first."""
    while True:
        cuts = sorted(rng.sample(range(1, total), count - 1))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        if len(set(parts)) >= distinct:
            return sorted(parts, reverse=True)


def draw_uneven(
    rng: random.Random, outcomes: Sequence[str], distinct: int = 3
) -> dict[str, Fraction]:
    """An uneven distribution over `outcomes` with nice denominators (8, 10, 12, 16, 20)."""
    total = pick(rng, (8, 10, 12, 16, 20))
    parts = draw_parts(rng, total, len(outcomes), min(distinct, len(outcomes)))
    return {o: F(n, total) for o, n in zip(outcomes, parts, strict=True)}


def table(p: dict[str, Fraction], labels: dict[str, Bi]) -> Bi:
    """'🔴 червоний — 3/8' one per line (outcomes with p = 0 left out)."""
    rows = [labels[o] + f" — {frac(v)}" for o, v in p.items() if v > 0]
    return Bi("\n".join(r.uk for r in rows), "\n".join(r.en for r in rows))


@dataclass(frozen=True)
class Uneven:
    """Something with uneven chances: a spinner, the weather or a bag of marbles."""

    p: dict[str, Fraction]
    labels: dict[str, Bi]
    intro: Bi  # ends with the table
    trial: Bi  # "за одне обертання" / "per spin"
    truth: Bi  # says that the table is p
    believer: Bi  # who believes otherwise


TABLE_IS_P = say("Це справжні ймовірності p.", "These are the true probabilities p.")


def draw_spinner(rng: random.Random, distinct: int = 3) -> Uneven:
    keys = list(COLOURS)[: pick(rng, (3, 4))]
    p = draw_uneven(rng, keys, distinct)
    intro = say(
        "🎡 Колесо зі стрілкою, сектори різного розміру:\n",
        "🎡 A spinner with sectors of different sizes:\n",
    ) + table(p, SECTOR_LABELS)
    return Uneven(
        p,
        SECTOR_LABELS,
        intro,
        say("за одне обертання", "per spin"),
        TABLE_IS_P,
        say(
            "Але твій друг, який не бачив колеса, думає інакше",
            "But your friend, who hasn't seen the spinner, thinks otherwise",
        ),
    )


def draw_weather(rng: random.Random, distinct: int = 3) -> Uneven:
    keys = ["sun", "clouds", "rain"] + (["snow"] if rng.random() < 0.3 else [])
    p = draw_uneven(rng, keys, distinct)
    intro = say(
        "🌦 Погода в нашому місті за багато років (як часто буває такий день):\n",
        "🌦 Our town's weather over many years (how often each kind of day comes):\n",
    ) + table(p, WEATHER_LABELS)
    return Uneven(
        p,
        WEATHER_LABELS,
        intro,
        say("за один день", "per day"),
        TABLE_IS_P,
        say(
            "Але синоптик-початківець щодня дає інший прогноз",
            "But a beginner forecaster gives a different forecast every day",
        ),
    )


def draw_bag_uneven(rng: random.Random, distinct: int = 3) -> Uneven:
    while True:
        counts = draw_bag(rng, colours=pick(rng, (3, 4)), low=1, high=8)
        if len({n for _, n in counts}) >= min(distinct, len(counts)):
            break
    total = sum(n for _, n in counts)
    p = {c: F(n, total) for c, n in counts}
    labels = {
        c: say(f"{COLOURS[c].emoji} {COLOURS[c].marble}", f"{COLOURS[c].emoji} {COLOURS[c].en}")
        for c, _ in counts
    }
    intro = bag_intro(counts) + say(
        "\nТи навмання витягуєш одну (і повертаєш назад).",
        "\nYou pull one out without looking (and put it back).",
    )
    return Uneven(
        p,
        labels,
        intro,
        say("за одну витягнуту кульку", "per marble drawn"),
        say(
            "Справжні ймовірності p — частки кульок кожного кольору.",
            "The true probabilities p are the shares of each colour.",
        ),
        say(
            "Але твій друг, який не заглядав у мішечок, думає інакше",
            "But your friend, who hasn't looked into the bag, thinks otherwise",
        ),
    )


def draw_uneven_thing(rng: random.Random, distinct: int = 3) -> Uneven:
    maker = pick(rng, (draw_spinner, draw_weather, draw_bag_uneven))
    return maker(rng, distinct)
