"""The tiny model: softmax over the faces, gradient descent on cross-entropy. Training lowers
the loss towards the entropy and learns the die's probabilities."""

from __future__ import annotations

import doctest
import itertools
import math

import pytest

import quiz.training
from quiz import calculator
from quiz.dice_game import MYSTERY_DICE, NUMBERS, WEIRD_DIE, simulate_faces
from quiz.training import in_base, train_softmax


def test_the_doctests_hold() -> None:
    assert doctest.testmod(quiz.training).failed == 0


@pytest.mark.parametrize("die", [WEIRD_DIE, *MYSTERY_DICE], ids=lambda die: die.key)
def test_on_2000_simulated_rolls_it_learns_the_die_within_0_05(die: object) -> None:
    faces = simulate_faces(die, 2000, seed=2024)  # type: ignore[arg-type]
    run = train_softmax(faces, NUMBERS)
    truth = die.distribution()  # type: ignore[attr-defined]
    for number in NUMBERS:
        assert abs(run.probabilities[number] - float(truth[number])) < 0.05, number


def test_the_loss_falls_at_every_step_towards_the_entropy() -> None:
    faces = simulate_faces(WEIRD_DIE, 2000, seed=7)
    run = train_softmax(faces, NUMBERS)
    assert run.steps == 300
    assert run.losses[0] == pytest.approx(math.log(6))  # the uniform start: ln 6 nats
    assert all(later <= earlier for earlier, later in itertools.pairwise(run.losses))
    assert run.losses[-1] - run.entropy < 0.01
    assert run.losses[-1] >= run.entropy  # Gibbs: no belief beats the data's own entropy
    truth = calculator.entropy(WEIRD_DIE.distribution(), "e")
    assert run.entropy == pytest.approx(truth, abs=0.05)  # 2000 rolls: close, not exact


def test_the_loss_is_the_cross_entropy_of_the_data_and_the_learned_belief() -> None:
    faces = [1, 1, 2, 4, 4, 4]
    run = train_softmax(faces, NUMBERS, steps=5)
    frequencies = {n: faces.count(n) / len(faces) for n in NUMBERS}
    expected = calculator.cross_entropy(frequencies, run.probabilities, "e")
    assert run.losses[-1] == pytest.approx(expected, rel=1e-9)
    assert run.frequencies == pytest.approx(frequencies)


def test_a_face_never_seen_gets_small_but_never_zero_probability() -> None:
    run = train_softmax(simulate_faces(WEIRD_DIE, 500, seed=1), NUMBERS)
    assert 0 < run.probabilities[5] < 0.01


def test_losses_convert_to_bits_and_hartleys() -> None:
    assert in_base(math.log(2), "2") == pytest.approx(1.0)
    assert in_base(math.log(10), "10") == pytest.approx(1.0)
    assert in_base(1.5, "e") == pytest.approx(1.5)
    with pytest.raises(ValueError):
        in_base(1.0, "3")


@pytest.mark.parametrize(
    ("samples", "outcomes", "kwargs"),
    [
        ([], NUMBERS, {}),
        ([7], NUMBERS, {}),
        ([1], (1,), {}),
        ([1], (1, 1, 2), {}),
        ([1], NUMBERS, {"steps": 0}),
        ([1], NUMBERS, {"steps": 10**6}),
        ([1], NUMBERS, {"learning_rate": 0}),
    ],
)
def test_bad_training_requests_are_refused(
    samples: list[int], outcomes: tuple[int, ...], kwargs: dict[str, float]
) -> None:
    with pytest.raises(ValueError):
        train_softmax(samples, outcomes, **kwargs)  # type: ignore[arg-type]
