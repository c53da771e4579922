"""Independent rolls in a row: the probability of an exact sequence (multiply), or its total
surprise (add the surprises: −log of a product is a sum of −logs). At level 3 the solution says
why machine learning adds logs instead of multiplying small probabilities: the product underflows.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from quiz import calculator as calc
from quiz.bank.core import (
    LOG,
    UNIT_PHRASE,
    Ask,
    Bi,
    Built,
    F,
    Family,
    answer_format,
    approx,
    dist_params,
    exact_answer,
    frac,
    join,
    lines,
    log_of,
    num,
    pick,
    result,
    say,
    with_unit,
    worked,
)
from quiz.bank.things import (
    draw_weird_die,
    fair_die_intro,
    times_word,
    value_distribution,
    weird_die_intro,
)

COIN = {"heads": F(1, 2), "tails": F(1, 2)}
COIN_NAMES = {"heads": say("орел", "heads"), "tails": say("решка", "tails")}
UNDERFLOW = say(
    "Чому додаємо сюрпризи, а не множимо ймовірності? Для тисячі кидків добуток такий "
    "крихітний, що комп'ютер округлює його до нуля, а сума логарифмів — звичайне число. "
    "Тому моделі машинного навчання працюють з логарифмами: як у доповіді, "
    "ln 0,00005 ≈ −9,903.",
    "Why add surprises instead of multiplying probabilities? For a thousand rolls the product "
    "is so tiny that a computer rounds it to zero, while the sum of logs is an ordinary number. "
    "That is why machine-learning models work with logs: as in the talk, ln 0.00005 ≈ −9.903.",
)


def _die(rng: random.Random, weird: bool) -> tuple[Bi, tuple[int, ...]]:
    if weird:
        faces = draw_weird_die(rng, (6, 8))
        return weird_die_intro(faces), faces
    n = pick(rng, (4, 6, 8, 10))
    return fair_die_intro(n), tuple(range(1, n + 1))


def make(rng: random.Random, ask: Ask) -> Built:
    if ask.topic == "probability":
        return _probability(rng)
    return _surprise(rng, ask)


def _probability(rng: random.Random) -> Built:
    if rng.random() < 0.3:
        flips = rng.randint(2, 5)
        sequence = [pick(rng, ("heads", "tails")) for _ in range(flips)]
        p: dict[str, Fraction] = dict(COIN)
        names = [COIN_NAMES[o] for o in sequence]
        times = times_word(flips)
        intro = say(
            f"🪙 Чесну монетку підкидають {flips} {times}.",
            f"🪙 You toss a fair coin {flips} times.",
        )
        each = say(
            "кожне підкидання дає 1/2 на орла і 1/2 на решку.", "each toss is 1/2 heads, 1/2 tails."
        )
    else:
        intro, faces = _die(rng, weird=rng.random() < 0.5)
        values = sorted(set(faces))
        rolls = rng.randint(2, 3)
        sequence = [str(pick(rng, faces)) for _ in range(rolls)]
        p = value_distribution(faces, values)
        names = [Bi(o, o) for o in sequence]
        times = times_word(rolls)
        intro = intro + say(f"\nЙого кидають {rolls} {times}.", f"\nYou roll it {rolls} times.")
        each = join("; ", [f"p({o}) = {frac(p[o])}" for o in dict.fromkeys(sequence)])
    answer = math.prod((p[o] for o in sequence), start=Fraction(1))
    params = {"kind": "sequence_probability", "p": dist_params(p), "sequence": sequence}
    listed = join(", ", names)
    text = lines(
        intro,
        "",
        say(
            f"Яка ймовірність, що випаде саме така послідовність: {listed.uk}?",
            f"What is the probability of exactly this sequence: {listed.en}?",
        ),
        answer_format("sequence_probability", float(answer), fraction=True),
    )
    product = " · ".join(frac(p[o]) for o in sequence)
    hints = (
        say(
            "Кидки незалежні: ймовірність, що все станеться одне за одним, — добуток "
            "імовірностей кожного кидка.",
            "The rolls are independent: the chance that all of it happens in a row is the "
            "product of each roll's probability.",
        ),
        say("Ймовірності кидків: ", "The rolls' probabilities: ") + each,
    )
    solution, steps = worked(
        [
            say("Ймовірності кидків: ", "The rolls' probabilities: ") + each,
            f"P = {product} = {frac(answer)} " + approx(float(answer)),
        ],
        exact_answer(answer),
    )
    return Built(params, text, hints, solution, steps)


def _surprise(rng: random.Random, ask: Ask) -> Built:
    long = ask.level == 3
    intro, faces = _die(rng, weird=long or rng.random() < 0.6)
    values = sorted(set(faces))
    rolls = rng.randint(4, 6) if long else rng.randint(2, 3)
    p = value_distribution(faces, values)
    while True:  # level 3: outcomes of at least two different probabilities
        sequence = [str(pick(rng, faces)) for _ in range(rolls)]
        if not long or len({p[o] for o in sequence}) >= 2:
            break
    base = ask.base
    answer = math.fsum(calc.surprisal(p[o], base) for o in sequence)
    params = {
        "kind": "sequence_surprisal",
        "p": dist_params(p),
        "sequence": sequence,
        "base": base,
    }
    times = times_word(rolls)
    text = lines(
        intro,
        "",
        say(
            f"Кубик кинули {rolls} {times}, і випало: {', '.join(sequence)}. Який загальний "
            f"сюрприз від цієї послідовності? Дай відповідь {UNIT_PHRASE[base].uk}.",
            f"You roll the die {rolls} times and get: {', '.join(sequence)}. What is the total "
            f"surprise of this sequence? Give it {UNIT_PHRASE[base].en}.",
        ),
        answer_format("sequence_surprisal", answer),
    )
    distinct = list(dict.fromkeys(sequence))
    sign = LOG[base]
    first = sequence[0]
    hints = (
        say(
            "Кидки незалежні, тож імовірність послідовності — добуток, а сюрприз — сума "
            "сюрпризів: −log(p₁·p₂·…) = (−log p₁) + (−log p₂) + …",
            "The rolls are independent, so the sequence's probability is a product and its "
            "surprise a sum: −log(p₁·p₂·…) = (−log p₁) + (−log p₂) + …",
        ),
        say(
            f"Почни з першого кидка: випало {first}, p({first}) = {frac(p[first])}, "
            f"сюрприз −{sign}({frac(p[first])}).",
            f"Start with the first roll: {first}, p({first}) = {frac(p[first])}, "
            f"surprise −{sign}({frac(p[first])}).",
        ),
    )
    groups: dict[Fraction, list[str]] = {}
    for outcome in sequence:
        groups.setdefault(p[outcome], []).append(outcome)
    each = []
    for prob, rolled in groups.items():
        surprise = f"−{sign}({frac(prob)}) = {log_of(1 / prob, base)} "
        if len(rolled) == 1:
            head = say(
                f"Кидок {rolled[0]} (p = {frac(prob)}): сюрприз ",
                f"Roll {rolled[0]} (p = {frac(prob)}): surprise ",
            )
        else:
            shown = ", ".join(rolled)
            head = say(
                f"Кидки {shown} (p = {frac(prob)}): сюрприз кожного ",
                f"Rolls {shown} (p = {frac(prob)}): each surprise ",
            )
        each.append(head + surprise + result(calc.surprisal(prob, base), base))
    terms = [(len(rolled), num(calc.surprisal(prob, base))) for prob, rolled in groups.items()]
    total = join(" + ", [(f"{count} · " if count > 1 else "") + value for count, value in terms])
    sum_line = say("Разом: ", "Total: ") + total + " " + result(answer, base)
    steps_list = [
        say("Ймовірності: ", "Probabilities: ")
        + join("; ", [f"p({o}) = {frac(p[o])}" for o in distinct]),
        *each,
        sum_line,
    ]
    solution, steps = worked(steps_list, with_unit(answer, base))
    if long:
        solution = lines(solution, UNDERFLOW)
    return Built(params, text, hints, solution, steps)


FAMILY = Family(
    name="roll_sequence",
    slots={("probability", 2): 2, ("surprisal", 2): 2, ("surprisal", 3): 4},
    make=make,
)
