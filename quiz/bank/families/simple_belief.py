"""Level 1 of cross-entropy and KL: a fair coin or a fair die, and a belief that it is not fair."""

from __future__ import annotations

import random
from fractions import Fraction

from quiz.bank.beliefs import belief_question
from quiz.bank.core import Ask, Built, F, Family, frac, pick, say, uniform
from quiz.bank.things import fair_die_intro

COIN_BELIEFS = (
    F(1, 4),
    F(1, 3),
    F(2, 3),
    F(3, 4),
    F(1, 5),
    F(2, 5),
    F(3, 5),
    F(4, 5),
    F(1, 10),
    F(9, 10),
    F(3, 8),
    F(5, 8),
    F(1, 8),
    F(7, 8),
    F(3, 10),
    F(7, 10),
)
FAVOURITE = (F(1, 2), F(1, 3), F(2, 5), F(3, 10), F(1, 4), F(3, 5))


def make(rng: random.Random, ask: Ask) -> Built:
    if rng.random() < 0.4:
        heads = pick(rng, COIN_BELIEFS)
        labels = {"heads": say("орел", "heads"), "tails": say("решка", "tails")}
        return belief_question(
            ask,
            p={"heads": F(1, 2), "tails": F(1, 2)},
            q={"heads": heads, "tails": 1 - heads},
            intro=say("🪙 Звичайна чесна монетка.", "🪙 An ordinary fair coin."),
            belief=say(
                f"Але ти думаєш, що орел випадає з імовірністю {frac(heads)}",
                f"But you think heads comes up with probability {frac(heads)}",
            ),
            trial=say("за одне підкидання", "per toss"),
            labels=labels,
        )
    n = pick(rng, (4, 6, 8))
    faces = [str(v) for v in range(1, n + 1)]
    while True:
        favourite = pick(rng, faces)
        chance = pick(rng, FAVOURITE)
        if chance != F(1, n) and chance < 1:
            break
    rest = (1 - chance) / (n - 1)
    q: dict[str, Fraction] = {f: (chance if f == favourite else rest) for f in faces}
    return belief_question(
        ask,
        p=uniform(faces),
        q=q,
        intro=fair_die_intro(n),
        belief=say(
            f"Але ти думаєш, що кубик хитрий: {favourite} випадає з імовірністю {frac(chance)}, "
            "а решта граней — порівну",
            f"But you think the die is tricky: {favourite} comes up with probability "
            f"{frac(chance)}, and the other faces share the rest equally",
        ),
        trial=say("за один кидок", "per roll"),
    )


FAMILY = Family(
    name="simple_belief", slots={("cross_entropy", 1): 6, ("kl_divergence", 1): 6}, make=make
)
