"""Be the model, the maths: Telegram's dice value → the die's face, beliefs typed on a phone,
the surprise of each roll, running averages, and what a belief costs on average."""

from __future__ import annotations

import doctest
import math
from collections import Counter
from fractions import Fraction as F

import pytest

import quiz.dice_game
from quiz import calculator
from quiz.dice_game import (
    ALL_ON_FOUR,
    FAIR_BELIEF,
    FOUR_LIKELY,
    MYSTERY_DICE,
    NUMBERS,
    WEIRD_DIE,
    BeliefError,
    Die,
    belief_from_params,
    belief_to_params,
    check_belief,
    die_by_key,
    mystery_die,
    parse_belief,
    roll_surprise,
    running_averages,
    simulate_faces,
    total_surprise,
    verdict,
    zero_faces,
)


def test_the_doctests_hold() -> None:
    assert doctest.testmod(quiz.dice_game).failed == 0


# ---------------------------------------------------------------- dice


@pytest.mark.parametrize(("value", "face"), [(1, 1), (2, 2), (3, 3), (4, 4), (5, 4), (6, 4)])
def test_on_the_weird_die_five_and_six_show_a_four(value: int, face: int) -> None:
    assert WEIRD_DIE.face(value) == face


def test_the_weird_die_is_the_talks_die() -> None:
    assert WEIRD_DIE.distribution() == {1: F(1, 6), 2: F(1, 6), 3: F(1, 6), 4: F(1, 2), 5: 0, 6: 0}
    assert WEIRD_DIE.possible == (1, 2, 3, 4)
    assert WEIRD_DIE.describe() == "1, 2, 3, 4, 4, 4"


@pytest.mark.parametrize("value", [0, 7, -1, True, 2.5, "3"])
def test_a_dice_value_outside_one_to_six_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="1–6"):
        WEIRD_DIE.face(value)  # type: ignore[arg-type]


def test_a_die_must_have_six_faces_of_one_to_six() -> None:
    with pytest.raises(ValueError):
        Die("bad", (1, 2, 3))
    with pytest.raises(ValueError):
        Die("bad", (1, 2, 3, 4, 5, 7))


def test_mystery_dice_are_weird_dice_chosen_by_seed_and_found_by_key() -> None:
    chosen = {mystery_die(seed).key for seed in range(200)}
    assert chosen == {die.key for die in MYSTERY_DICE}
    assert mystery_die(12345) == mystery_die(12345)
    for die in MYSTERY_DICE:
        assert die_by_key(die.key) is die
    with pytest.raises(ValueError):
        die_by_key("loaded")


def test_simulated_rolls_follow_the_die() -> None:
    faces = simulate_faces(WEIRD_DIE, 6000, seed=3)
    counts = Counter(faces)
    assert set(counts) == {1, 2, 3, 4}
    assert abs(counts[4] / 6000 - 0.5) < 0.03
    assert simulate_faces(WEIRD_DIE, 50, seed=9) == simulate_faces(WEIRD_DIE, 50, seed=9)


# ---------------------------------------------------------------- beliefs typed by a student


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 1 1 3", {1: F(1, 6), 2: F(1, 6), 3: F(1, 6), 4: F(1, 2), 5: 0, 6: 0}),
        ("1,1,1,3", {1: F(1, 6), 2: F(1, 6), 3: F(1, 6), 4: F(1, 2), 5: 0, 6: 0}),
        ("1 1 1 1 1 1", FAIR_BELIEF),
        ("1/6 1/6 1/6 1/6 1/6 1/6", FAIR_BELIEF),
        ("1/6 1/6 1/6 1/2", {1: F(1, 6), 2: F(1, 6), 3: F(1, 6), 4: F(1, 2), 5: 0, 6: 0}),
        ("0,1 0,1 0,1 0,5 0,1 0,1", FOUR_LIKELY),
        ("0.1; 0.1; 0.1; 0.5; 0.1; 0.1", FOUR_LIKELY),
        ("10% 10% 10% 50% 10% 10%", FOUR_LIKELY),
        ("0 0 0 1", ALL_ON_FOUR),
        ("½ ½", {1: F(1, 2), 2: F(1, 2), 3: 0, 4: 0, 5: 0, 6: 0}),
    ],
)
def test_a_belief_can_be_typed_as_weights_or_probabilities(
    typed: str, expected: dict[int, F]
) -> None:
    assert parse_belief(typed).q == {n: F(expected[n]) for n in NUMBERS}


def test_whole_numbers_are_weights_and_other_numbers_probabilities() -> None:
    assert parse_belief("2 2 2 6").weights is True
    assert parse_belief("0,25 0,25 0,5").weights is False


def test_rounded_probabilities_are_scaled_to_add_up_to_exactly_one() -> None:
    q = parse_belief("0,33 0,33 0,34").q
    assert sum(q.values()) == 1
    assert q[3] == F(34, 100)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "count"),
        ("4", "count"),
        ("1 1 1 1 1 1 1", "count"),
        ("1 two 3", "not_number"),
        ("1 -1 1", "negative"),
        ("1 1 5000", "too_big"),
        ("0 0 0", "all_zero"),
        ("0,5 0,2", "sum"),
        ("1/6 1/6 1/6 1/6", "sum"),
        ("1 " * 100, "too_long"),
        ("log(0) 1", "not_number"),
        ("1e999 1", "not_number"),
    ],
)
def test_a_belief_we_cannot_read_names_the_problem(typed: str, code: str) -> None:
    with pytest.raises(BeliefError) as caught:
        parse_belief(typed)
    assert caught.value.code == code


def test_a_belief_survives_the_database_as_exact_fractions() -> None:
    params = belief_to_params(FOUR_LIKELY)
    assert params == {"1": "1/10", "2": "1/10", "3": "1/10", "4": "1/2", "5": "1/10", "6": "1/10"}
    assert belief_from_params(params) == FOUR_LIKELY


def test_a_belief_covers_one_to_six_and_adds_up_to_one() -> None:
    with pytest.raises(ValueError):
        check_belief({1: F(1, 2), 2: F(1, 2)})
    with pytest.raises(ValueError):
        check_belief({n: F(1, 5) for n in NUMBERS})


def test_zero_faces_are_the_possible_ones_a_belief_rules_out() -> None:
    q = parse_belief("1 1 1 0 1 1").q
    assert zero_faces(q, WEIRD_DIE.possible) == [4]
    assert zero_faces(parse_belief("1 1 1 3").q, WEIRD_DIE.possible) == []
    assert zero_faces(parse_belief("1 1 1 3").q) == [5, 6]


# ---------------------------------------------------------------- surprises


@pytest.mark.parametrize("base", ["2", "e", "10"])
def test_a_rolls_surprise_is_minus_log_q_of_the_face(base: str) -> None:
    for face in NUMBERS:
        expected = calculator.surprisal(FOUR_LIKELY[face], base)
        assert roll_surprise(FOUR_LIKELY, face, base) == pytest.approx(expected, rel=1e-12)


def test_a_face_the_belief_ruled_out_costs_an_infinite_surprise() -> None:
    assert roll_surprise(ALL_ON_FOUR, 1, "2") == math.inf
    assert roll_surprise(ALL_ON_FOUR, 4, "2") == 0.0


def test_running_averages_and_totals() -> None:
    assert running_averages([]) == []
    assert running_averages([2.0, 0.0, 1.0]) == [2.0, 1.0, 1.0]
    assert running_averages([1.0, math.inf, 1.0])[1:] == [math.inf, math.inf]
    assert total_surprise([1.0, 2.5]) == 3.5
    assert total_surprise(iter([1.0, math.inf])) == math.inf


def test_the_verdict_is_entropy_cross_entropy_and_their_gap() -> None:
    fair = verdict(WEIRD_DIE, FAIR_BELIEF, "2")
    assert fair.entropy == pytest.approx(1.7925, abs=1e-4)
    assert fair.cross_entropy == pytest.approx(math.log2(6), rel=1e-12)
    assert fair.kl == pytest.approx(fair.cross_entropy - fair.entropy, abs=1e-12)
    truth = verdict(WEIRD_DIE, WEIRD_DIE.distribution(), "e")
    assert truth.kl == 0.0
    assert truth.cross_entropy == pytest.approx(truth.entropy)
    ruled_out = verdict(WEIRD_DIE, parse_belief("1 1 1 0 1 1").q, "2")
    assert ruled_out.cross_entropy == math.inf and ruled_out.kl == math.inf


def test_over_many_rolls_the_average_surprise_approaches_the_cross_entropy() -> None:
    faces = simulate_faces(WEIRD_DIE, 20000, seed=11)
    average = running_averages([roll_surprise(FOUR_LIKELY, f, "2") for f in faces])[-1]
    assert average == pytest.approx(verdict(WEIRD_DIE, FOUR_LIKELY, "2").cross_entropy, abs=0.03)
