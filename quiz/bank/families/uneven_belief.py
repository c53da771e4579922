"""Level 3 of cross-entropy and KL: uneven chances (a spinner, the weather, a bag of marbles) and
a belief that is uneven too (a forecaster's, a friend's), or the sum of two dice against the
belief that 7 comes up half the time. For KL a uniform belief is fine: it still needs H(p)."""

from __future__ import annotations

import random
from fractions import Fraction

from quiz.bank.beliefs import belief_question
from quiz.bank.core import Ask, Built, F, Family, say, uniform
from quiz.bank.things import PAIRS, draw_uneven, draw_uneven_thing


def _distinct_groups(p: dict[str, Fraction], q: dict[str, Fraction]) -> int:
    return len({(p[o], q[o]) for o in p if p[o] > 0})


def make(rng: random.Random, ask: Ask) -> Built:
    if rng.random() < 0.12:
        return _sums(rng, ask)
    thing = draw_uneven_thing(rng)
    outcomes = list(thing.p)
    kl = ask.topic == "kl_divergence"
    while True:
        if kl and rng.random() < 0.25:
            q = uniform(outcomes)
            belief = say(
                "Але твій друг вважає, що всі варіанти однаково ймовірні",
                "But your friend thinks every option is equally likely",
            )
        else:
            q = draw_uneven(rng, outcomes, distinct=2)
            belief = thing.believer
        if q != thing.p and _distinct_groups(thing.p, q) >= 3:
            break
    return belief_question(
        ask,
        p=thing.p,
        q=q,
        intro=thing.intro + "\n" + thing.truth,
        belief=belief,
        trial=thing.trial,
        labels=thing.labels,
        show_truth=False,
    )


def _sums(rng: random.Random, ask: Ask) -> Built:
    sums = [a + b for a, b in PAIRS]
    outcomes = [str(s) for s in range(2, 13)]
    p = {s: F(sums.count(int(s)), 36) for s in outcomes}
    favourite = F(1, 2) if rng.random() < 0.5 else F(1, 3)
    rest = (1 - favourite) / 10
    q = {s: (favourite if s == "7" else rest) for s in outcomes}
    return belief_question(
        ask,
        p=p,
        q=q,
        intro=say(
            "🎲🎲 Кидаємо два чесні кубики й дивимося на суму (від 2 до 12); її ймовірності "
            "рахуємо з таблиці 6 × 6 рівноможливих пар.",
            "🎲🎲 You roll two fair dice and look at the sum (2 to 12); its probabilities come "
            "from the 6 × 6 table of equally likely pairs.",
        ),
        belief=say(
            "Але ти думаєш, що сума 7 випадає з імовірністю "
            f"{favourite.numerator}/{favourite.denominator}, а решта сум — порівну",
            "But you think a sum of 7 comes up with probability "
            f"{favourite.numerator}/{favourite.denominator}, and the other sums share the rest "
            "equally",
        ),
        trial=say("за один кидок двох кубиків", "per roll of both dice"),
    )


FAMILY = Family(
    name="uneven_belief", slots={("cross_entropy", 3): 6, ("kl_divergence", 3): 7}, make=make
)
