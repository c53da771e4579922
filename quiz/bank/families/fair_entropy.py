"""The entropy of n equally likely outcomes (a fair die, a coin, a spinner with equal sectors, a
raffle drum): every outcome has the same surprise, so the average is that surprise, log n."""

from __future__ import annotations

import random

from quiz.bank.core import (
    Ask,
    Bi,
    Built,
    Family,
    entropy_question,
    log_of,
    pick,
    result,
    say,
    uniform,
    with_unit,
    worked,
)
from quiz.bank.things import fair_die_intro
from quiz.numbers import plural_form

ALIKE = ("рівноможливий результат", "рівноможливі результати", "рівноможливих результатів")


def _thing(rng: random.Random) -> tuple[int, Bi, Bi]:
    """(n, intro, "per roll")"""
    kind = pick(rng, ("die", "die", "coin", "spinner", "raffle", "raffle", "cards"))
    if kind == "coin":
        return (
            2,
            say("🪙 Чесна монетка: орел або решка.", "🪙 A fair coin: heads or tails."),
            say("за одне підкидання", "per toss"),
        )
    if kind == "spinner":
        n = rng.randint(3, 10)
        return (
            n,
            say(
                f"🎡 Колесо зі стрілкою поділене на {n} однакових секторів.",
                f"🎡 A spinner is split into {n} equal sectors.",
            ),
            say("за одне обертання", "per spin"),
        )
    if kind == "raffle":
        n = rng.randint(5, 40)
        return (
            n,
            say(
                f"🎱 У лотерейному барабані {n} кульок з номерами; навмання витягують одну.",
                f"🎱 A raffle drum holds {n} numbered balls; one is drawn at random.",
            ),
            say("за одне витягування", "per draw"),
        )
    if kind == "cards":
        n = pick(rng, (36, 52))
        return (
            n,
            say(
                f"🃏 З добре перетасованої колоди з {n} карт витягують одну.",
                f"🃏 One card is drawn from a well-shuffled deck of {n} cards.",
            ),
            say("за одну карту", "per card"),
        )
    n = pick(rng, (4, 6, 8, 10, 12, 20))
    return n, fair_die_intro(n), say("за один кидок", "per roll")


def make(rng: random.Random, ask: Ask) -> Built:
    n, intro, trial = _thing(rng)
    base = ask.base
    p = uniform([str(v) for v in range(1, n + 1)])
    params, text, answer = entropy_question(intro, trial, p, base)
    hints = (
        say(
            "Ентропія — середній сюрприз: H = Σ p · (−log p). Коли всі результати рівноможливі, "
            "сюрприз у кожного однаковий — він і є середнім.",
            "Entropy is the average surprise: H = Σ p · (−log p). When all outcomes are equally "
            "likely, each has the same surprise — and that is the average.",
        ),
        say(
            f"Тут {n} {plural_form(n, 'uk', ALIKE)}, тож у кожного p = 1/{n}.",
            f"There are {n} equally likely outcomes here, so each has p = 1/{n}.",
        ),
    )
    solution, steps = worked(
        [
            say(
                f"Усі {n} {plural_form(n, 'uk', ('результат', 'результати', 'результатів'))} "
                f"рівноможливі: p = 1/{n}.",
                f"All {n} outcomes are equally likely: p = 1/{n}.",
            ),
            f"H = {n} · 1/{n} · {log_of(n, base)} = {log_of(n, base)} " + result(answer, base),
        ],
        with_unit(answer, base),
    )
    return Built(params, text, hints, solution, steps)


FAMILY = Family(name="fair_entropy", slots={("entropy", 1): 5}, make=make)
