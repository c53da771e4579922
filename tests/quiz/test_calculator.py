"""quiz.calculator: the talk's worked examples, the laws of information, and every refusal."""

from __future__ import annotations

import math
import re
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.calculator import (
    check_distribution,
    cross_entropy,
    cross_entropy_of_checked,
    distribution_to_params,
    entropy,
    entropy_of_checked,
    event_probability,
    event_probability_of_checked,
    format_fraction,
    kl_divergence,
    kl_divergence_of_checked,
    log_in_base,
    normalise_base,
    parse_distribution,
    parse_fraction,
    surprisal,
    unit_name,
)

FAIR_DIE = {str(v): F(1, 6) for v in range(1, 7)}
# The talk's weird die: faces 1, 2, 3, 4, 4, 4 (values 5 and 6 never come up).
WEIRD_DIE = {"1": F(1, 6), "2": F(1, 6), "3": F(1, 6), "4": F(1, 2), "5": F(0), "6": F(0)}
BASES = (2, "2", math.e, "e", 10, "10")

# ----------------------------------------------------------------------- worked examples


def test_a_fair_die_carries_log2_6_bits() -> None:
    assert entropy(FAIR_DIE) == pytest.approx(2.585, abs=5e-4)
    assert entropy(FAIR_DIE) == pytest.approx(math.log2(6))


def test_the_weird_die_has_entropy_1_792_bits_and_a_4_surprises_by_one_bit() -> None:
    assert entropy(WEIRD_DIE) == pytest.approx(1.792, abs=5e-4)
    assert surprisal(WEIRD_DIE["4"]) == 1.0
    assert surprisal(event_probability(WEIRD_DIE, ["1"])) == pytest.approx(math.log2(6))


def test_believing_the_weird_die_is_fair_costs_kl_bits() -> None:
    assert cross_entropy(WEIRD_DIE, FAIR_DIE) == pytest.approx(math.log2(6))
    assert kl_divergence(WEIRD_DIE, FAIR_DIE) == pytest.approx(math.log2(6) - 1.7925, abs=1e-4)


def test_the_talks_log_of_a_rare_event() -> None:
    # The notes: log(0.00005) = −9.90348755 with the natural log.
    assert surprisal(0.00005, "e") == pytest.approx(9.90348755, abs=1e-8)
    assert log_in_base(F(5, 100_000), math.e) == pytest.approx(-9.90348755, abs=1e-8)


def test_event_probability_is_exact_for_fractions_and_float_for_floats() -> None:
    even = event_probability(FAIR_DIE, ["2", "4", "6"])
    assert even == F(1, 2) and isinstance(even, F)
    assert event_probability(WEIRD_DIE, ["4", "4"]) == F(1, 2)  # repeats count once
    assert event_probability(WEIRD_DIE, []) == 0
    assert event_probability({1: 1}, [1]) == 1  # ints are exact too
    rain = event_probability({"rain": 0.3, "dry": 0.7}, ["rain"])
    assert isinstance(rain, float) and rain == pytest.approx(0.3)


def test_units_of_the_three_bases() -> None:
    assert surprisal(F(1, 2), 2) == 1.0
    assert surprisal(F(1, 10), 10) == pytest.approx(1.0)
    assert surprisal(1 / math.e, "e") == pytest.approx(1.0)
    assert surprisal(1) == 0.0 and math.copysign(1, surprisal(1)) == 1  # not −0.0


def test_outcomes_with_probability_zero_add_nothing() -> None:
    assert entropy({"H": 1, "T": 0}) == 0.0
    without_zeros = {k: v for k, v in WEIRD_DIE.items() if v > 0}
    assert entropy(WEIRD_DIE) == entropy(without_zeros)
    # p(5) = 0 while q(5) = 0: no term, so no 0·log 0 trouble and no infinity
    assert cross_entropy({"4": F(1), "5": F(0)}, {"4": F(1, 2), "5": F(1, 2)}) == 1.0
    assert kl_divergence({"4": F(1), "5": F(0)}, {"4": F(1), "5": F(0)}) == 0.0


def test_a_belief_that_rules_out_a_possible_outcome_is_infinitely_surprised() -> None:
    coin = {"H": F(1, 2), "T": F(1, 2)}
    certain = {"H": F(1), "T": F(0)}
    assert cross_entropy(coin, certain) == math.inf
    assert kl_divergence(coin, certain) == math.inf
    # The other way round is finite: the truth never shows what the belief rules out.
    assert kl_divergence(certain, coin) == pytest.approx(1.0)


def test_tiny_exact_probabilities_beyond_float_range_still_have_a_surprise() -> None:
    assert surprisal(F(1, 10**400), 10) == pytest.approx(400.0)


# ----------------------------------------------------------------------- properties

weights = st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=8).filter(
    lambda ws: sum(ws) > 0
)


def _normalise(ws: list[int]) -> dict[str, F]:
    total = sum(ws)
    return {f"o{i}": F(w, total) for i, w in enumerate(ws)}


@st.composite
def two_distributions(draw: st.DrawFn, positive_q: bool = True) -> tuple[dict, dict]:
    n = draw(st.integers(min_value=1, max_value=8))
    p = draw(st.lists(st.integers(0, 50), min_size=n, max_size=n).filter(lambda w: sum(w) > 0))
    low = 1 if positive_q else 0
    q = draw(st.lists(st.integers(low, 50), min_size=n, max_size=n).filter(lambda w: sum(w) > 0))
    return _normalise(p), _normalise(q)


base_strategy = st.sampled_from(BASES)


@settings(max_examples=150, deadline=None)
@given(two_distributions(), base_strategy)
def test_gibbs_inequality_cross_entropy_is_at_least_entropy(pq: tuple, base) -> None:
    p, q = pq
    assert cross_entropy(p, q, base) >= entropy(p, base) - 1e-12


@settings(max_examples=150, deadline=None)
@given(two_distributions(), base_strategy)
def test_kl_is_non_negative_and_equals_cross_entropy_minus_entropy(pq: tuple, base) -> None:
    p, q = pq
    kl = kl_divergence(p, q, base)
    assert kl >= 0
    assert kl == pytest.approx(cross_entropy(p, q, base) - entropy(p, base), abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(weights, base_strategy)
def test_kl_of_a_distribution_with_itself_is_exactly_zero(ws: list[int], base) -> None:
    p = _normalise(ws)
    assert kl_divergence(p, dict(p), base) == 0.0
    floats = {k: float(v) for k, v in p.items()}
    assert kl_divergence(floats, dict(floats), base) == 0.0


@settings(max_examples=150, deadline=None)
@given(two_distributions())
def test_kl_is_positive_when_the_belief_differs(pq: tuple) -> None:
    p, q = pq
    if p != q:
        assert kl_divergence(p, q) > 0
    else:
        assert kl_divergence(p, q) == 0


@settings(max_examples=150, deadline=None)
@given(weights, base_strategy)
def test_entropy_is_at_most_log_n_with_equality_for_uniform(ws: list[int], base) -> None:
    p = _normalise(ws)
    n = len(p)
    assert 0 <= entropy(p, base) <= log_in_base(n, base) + 1e-12
    uniform = {k: F(1, n) for k in p}
    assert entropy(uniform, base) == pytest.approx(log_in_base(n, base), abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(two_distributions())
def test_changing_the_base_rescales_by_a_constant(pq: tuple) -> None:
    p, q = pq
    assert entropy(p, "e") == pytest.approx(entropy(p, 2) * math.log(2), abs=1e-12)
    assert entropy(p, 10) == pytest.approx(entropy(p, "e") / math.log(10), abs=1e-12)
    in_nats = kl_divergence(p, q, "e")
    assert in_nats == pytest.approx(kl_divergence(p, q, 2) * math.log(2), abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(
    st.fractions(min_value=F(1, 10**6), max_value=1),
    st.fractions(min_value=F(1, 10**6), max_value=1),
    base_strategy,
)
def test_surprises_of_independent_events_add_up(a: F, b: F, base) -> None:
    assert surprisal(a * b, base) == pytest.approx(
        surprisal(a, base) + surprisal(b, base), rel=1e-12, abs=1e-12
    )


@settings(max_examples=100, deadline=None)
@given(weights, st.lists(st.booleans(), min_size=8, max_size=8))
def test_event_probability_and_its_complement_add_to_one(ws: list[int], pick: list[bool]) -> None:
    p = _normalise(ws)
    event = [o for o, chosen in zip(p, pick, strict=False) if chosen]
    complement = [o for o in p if o not in event]
    assert event_probability(p, event) + event_probability(p, complement) == 1


@settings(max_examples=100, deadline=None)
@given(weights)
def test_params_round_trip(ws: list[int]) -> None:
    p = _normalise(ws)
    assert parse_distribution(distribution_to_params(p)) == p


# ----------------------------------------------------------------------- checked once, fast


def _by_definition(kind: str, p: dict[str, F], q: dict[str, F], base) -> float:
    """The textbook sums, term by term on floats of the exact values (how the calculator
    computed them before exact distributions got their whole-number, cached path)."""
    log = {"2": math.log2, "e": math.log, "10": math.log10}[normalise_base(base)]
    terms = []
    for o, px in p.items():
        if px == 0:
            continue
        if kind != "entropy" and q[o] == 0:
            return math.inf
        if kind == "entropy":
            terms.append(float(px) * -log(float(px)))
        elif kind == "cross_entropy":
            terms.append(float(px) * -log(float(q[o])))
        else:
            terms.append(float(px) * log(float(px / q[o])))
    total = math.fsum(terms)
    return max(0.0, total) if kind == "kl_divergence" else total + 0.0


@settings(max_examples=200, deadline=None)
@given(two_distributions(positive_q=False), base_strategy)
def test_exact_distributions_give_the_very_floats_of_the_definition(pq: tuple, base) -> None:
    p, q = pq
    for _ in range(2):  # computed, then from the cache: the same float
        assert entropy(p, base) == _by_definition("entropy", p, q, base)
        assert cross_entropy(p, q, base) == _by_definition("cross_entropy", p, q, base)
        assert kl_divergence(p, q, base) == _by_definition("kl_divergence", p, q, base)


@settings(max_examples=100, deadline=None)
@given(two_distributions(), base_strategy)
def test_the_of_checked_forms_compute_what_the_checking_ones_do(pq: tuple, base) -> None:
    p, q = pq
    assert entropy_of_checked(p, base) == entropy(p, base)
    assert cross_entropy_of_checked(p, q, base) == cross_entropy(p, q, base)
    assert kl_divergence_of_checked(p, q, base) == kl_divergence(p, q, base)
    assert event_probability_of_checked(p, list(p)[:1]) == event_probability(p, list(p)[:1])


def test_the_of_checked_forms_still_compare_outcomes_and_bases() -> None:
    with pytest.raises(ValueError, match="missing from q"):
        cross_entropy_of_checked({"a": F(1)}, {"b": F(1)})
    with pytest.raises(ValueError, match="missing from p"):
        kl_divergence_of_checked({"a": F(1)}, {"a": F(1), "b": F(0)})
    with pytest.raises(ValueError, match="unknown log base"):
        entropy_of_checked(FAIR_DIE, 3)


def test_mixed_whole_numbers_and_fractions_take_the_general_path() -> None:
    assert entropy({"H": 1, "T": F(0)}) == 0.0
    assert cross_entropy({"H": F(1, 2), "T": F(1, 2)}, {"H": 1, "T": 0}) == math.inf
    assert kl_divergence({"H": 1, "T": 0}, {"H": F(1, 2), "T": F(1, 2)}) == 1.0


def test_a_parsed_distribution_is_a_fresh_dict_every_time() -> None:
    params = {"H": "1/2", "T": "1/2"}
    first = parse_distribution(params)
    first["H"] = F(0)
    assert parse_distribution(params) == {"H": F(1, 2), "T": F(1, 2)}
    assert parse_distribution(params) is not parse_distribution(params)


def test_a_refusal_is_never_remembered_as_an_answer() -> None:
    for _ in range(2):
        with pytest.raises(ValueError, match="add up to 5/6"):
            parse_distribution({"H": "1/2", "T": "1/3"})
        with pytest.raises(ValueError, match="string like '1/6'"):
            parse_fraction(["1/2"])  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="string like '1/6'"):
            parse_distribution({"H": ["1/2"]})  # type: ignore[dict-item]
        with pytest.raises(ValueError, match="must be a number"):
            surprisal(True)


# ----------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: entropy({"H": F(-1, 2), "T": F(3, 2)}), "negative"),
        (lambda: entropy({"H": F(1, 2), "T": F(1, 3)}), "add up to 5/6"),
        (lambda: entropy({"H": 0.5, "T": 0.6}), "add up to"),
        (lambda: entropy({}), "no outcomes"),
        (lambda: entropy([0.5, 0.5]), "mapping"),  # type: ignore[arg-type]
        (lambda: entropy({"H": "1/2", "T": "1/2"}), "must be a number"),  # type: ignore[dict-item]
        (lambda: entropy({"H": math.nan, "T": 0.5}), "finite"),
        (lambda: entropy({"H": True}), "must be a number"),
        (lambda: cross_entropy({"a": 1}, {"b": 1}), "missing from q: 'a'; missing from p: 'b'"),
        (lambda: kl_divergence({"a": 1, "b": 0}, {"a": 1}), "missing from q: 'b'"),
        (lambda: cross_entropy({"a": 1}, {"a": F(1, 2)}), "q add up to 1/2"),
        (lambda: surprisal(0), "(0, 1]"),
        (lambda: surprisal(F(3, 2)), "(0, 1]"),
        (lambda: surprisal(-0.1), "(0, 1]"),
        (lambda: surprisal(F(1, 2), base=3), "unknown log base"),
        (lambda: entropy(FAIR_DIE, base="ten"), "unknown log base"),
        (lambda: entropy(FAIR_DIE, base=True), "unknown log base"),
        (lambda: event_probability(FAIR_DIE, ["7"]), "'7', which is not an outcome"),
        (lambda: event_probability(FAIR_DIE, "6"), "collection of outcomes"),
        (lambda: event_probability(FAIR_DIE, 6), "collection of outcomes"),
        (lambda: log_in_base(0, 2), "positive"),
        (lambda: parse_fraction("1/0"), "not a fraction"),
        (lambda: parse_fraction("one half"), "not a fraction"),
        (lambda: parse_fraction("1" * 100), "too long"),
        (lambda: parse_distribution({"H": "1/2", "T": "1/3"}), "add up to 5/6"),
        (lambda: unit_name(2, "de"), "unknown language"),
    ],
)
def test_invalid_input_is_refused_with_a_clear_message(call, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_a_sum_within_the_tolerance_is_accepted() -> None:
    check_distribution({"a": 0.1, "b": 0.2, "c": 0.7 + 5e-10})
    with pytest.raises(ValueError):
        check_distribution({"a": 0.1, "b": 0.2, "c": 0.7 + 5e-9})


# ----------------------------------------------------------------------- helpers


def test_bases_normalise_to_three_names() -> None:
    assert [normalise_base(b) for b in BASES] == ["2", "2", "e", "e", "10", "10"]
    assert normalise_base(2.0) == "2" and normalise_base(" E ") == "e"


def test_fractions_in_params_are_always_a_over_b() -> None:
    assert format_fraction(F(2, 4)) == "1/2"
    assert format_fraction(1) == "1/1" and format_fraction(0) == "0/1"
    assert parse_fraction(" 3 / 4 ") == F(3, 4)


@pytest.mark.parametrize(
    ("base", "lang", "count", "expected"),
    [
        (2, "uk", None, "біти"),
        ("e", "uk", None, "нати"),
        (10, "uk", None, "гартлі"),
        (2, "en", None, "bits"),
        ("e", "en", None, "nats"),
        ("10", "en", None, "hartleys"),
        (2, "uk", 1, "біт"),
        (2, "uk", 3, "біти"),
        (2, "uk", 5, "бітів"),
        (2, "uk", 11, "бітів"),
        (2, "uk", 22, "біти"),
        (2, "uk", "2,585", "біта"),
        (2, "uk", 0.5, "біта"),
        ("e", "uk", 1, "нат"),
        ("e", "uk", "1,5", "ната"),
        ("e", "uk", 7, "натів"),
        (10, "uk", 1, "гартлі"),
        (2, "en", 1, "bit"),
        (2, "en", 1.0, "bit"),
        (2, "en", "2.5", "bits"),
        (10, "en", 1, "hartley"),
    ],
)
def test_unit_names_agree_with_their_number(base, lang: str, count, expected: str) -> None:
    assert unit_name(base, lang, count) == expected


def test_the_docstring_examples_hold() -> None:
    import doctest

    import quiz.calculator

    result = doctest.testmod(quiz.calculator)
    assert result.attempted > 20 and result.failed == 0
