"""The objects of the talk and every quantity the lessons show, computed by `quiz.calculator`.

Pages and pictures both take their numbers from here, so a picture can never disagree with
the page under it, nor either with the quiz that grades the student. Nothing is typed by
hand: a die is its six faces, and its probabilities are events over those faces."""

from __future__ import annotations

import math
from fractions import Fraction

from quiz import calculator

Distribution = dict[str, Fraction]

VALUES = tuple(str(value) for value in range(1, 7))  # what a face can show
FAIR_FACES = (1, 2, 3, 4, 5, 6)
WEIRD_FACES = (1, 2, 3, 4, 4, 4)  # the talk's weird die: the value 4 on three faces
# Lesson 4's belief: a glimpse of the weird die that caught only two of its fours.
MISREAD_FACES = (1, 2, 3, 4, 4, 5)
# Lesson 5's belief that a four can never come up: the faces 1, 2, 3, 5, 6.
NO_FOUR_FACES = (1, 2, 3, 5, 6)

TINY = 0.00005  # the notes' tiny probability: ln 0.00005 = −9.90348755
TINY_COUNT = 100  # how many of them the underflow picture multiplies
MARKED = (Fraction(1, 2), Fraction(1, 6), Fraction(1, 100))  # points on the −log p curve
TOWARDS_ZERO = (Fraction(1, 10), Fraction(1, 1000), Fraction(1, 1000000))  # q(4) → 0
ROLLS = 600  # a long run of the weird die

# Lesson 4's language model: "Коти сплять цілий день" / "Cats sleep all day", and the
# probability the model gave each real word before it came.
WORD_PROBABILITIES = (0.05, 0.2, 0.3, 0.6)
VOCABULARY = 10_000  # an untrained model spreads its belief evenly over this many words


def die(faces: tuple[int, ...]) -> Distribution:
    """P(value) for a die with these faces, each face equally likely: the probability of the
    event «a face showing this value comes up»."""
    physical = {index: Fraction(1, len(faces)) for index in range(len(faces))}
    return {
        value: Fraction(
            calculator.event_probability(
                physical, [i for i, face in enumerate(faces) if str(face) == value]
            )
        )
        for value in VALUES
    }


FAIR = die(FAIR_FACES)
WEIRD = die(WEIRD_FACES)
MISREAD = die(MISREAD_FACES)
NO_FOUR = die(NO_FOUR_FACES)


def probability(p: Distribution, *values: str) -> Fraction:
    return Fraction(calculator.event_probability(p, list(values)))


def surprise(prob: Fraction | float, base: str = "2") -> float:
    return calculator.surprisal(prob, base)


def entropy(p: Distribution, base: str = "2") -> float:
    return calculator.entropy(p, base)


def cross_entropy(p: Distribution, q: Distribution, base: str = "2") -> float:
    return calculator.cross_entropy(p, q, base)


def kl(p: Distribution, q: Distribution, base: str = "2") -> float:
    return calculator.kl_divergence(p, q, base)


def faces_showing(faces: tuple[int, ...], value: int) -> int:
    return faces.count(value)


def ln(value: float) -> float:
    """The natural log as the notes write it: ln x = −S(x) in nats."""
    return -calculator.surprisal(value, "e")


def ln2() -> float:
    """The factor between nats and bits: a value in nats = the value in bits · ln 2."""
    return surprise(Fraction(1, 2), "e")


def underflow_products(count: int = TINY_COUNT) -> list[float]:
    """The running product TINY, TINY², … as the computer's floats really hold it: it
    reaches exactly 0.0 long before `count` (this is the computer's answer, not ours)."""
    products, product = [], 1.0
    for _ in range(count):
        product *= TINY
        products.append(product)
    return products


def first_zero(products: list[float]) -> int:
    """How many factors it took for the float product to become 0.0 (1-based)."""
    return next(index for index, value in enumerate(products, start=1) if value == 0.0)


def log_sums(count: int = TINY_COUNT) -> list[float]:
    """ln(TINY) + ln(TINY) + …: the same product in log space, calm all the way."""
    return [ln(TINY) * k for k in range(1, count + 1)]


def word_surprises() -> list[float]:
    return [surprise(q, "e") for q in WORD_PROBABILITIES]


def average(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def untrained_loss() -> float:
    """A model that gives each of VOCABULARY words the same chance: −ln(1/VOCABULARY)."""
    return surprise(Fraction(1, VOCABULARY), "e")
