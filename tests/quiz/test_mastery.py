"""Mastery: Bayesian Knowledge Tracing against values computed by hand, the level rules on
scripted answer sequences, the order in which topics open, and the one number per topic."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from quiz.mastery import (
    BKT,
    PATH,
    PRIOR,
    TYPED,
    LevelState,
    Outcome,
    TopicState,
    Try,
    is_mastered,
    is_open,
    mastery_glyph,
    next_level,
    next_step,
    outcome_of,
    record,
    record_question,
    record_try,
    replay,
    topic_mastery,
)

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
RIGHT, HINTED = Try(True), Try(True, helped=True)  # right at once; right after a hint
WRONG, WRONG_AGAIN = Try(False), Try(False, helped=True)  # a wrong try; a wrong second try
SECOND = Try(True, helped=True)  # right on the second try (its feedback carried a hint)


# ---------------------------------------------------------------- BKT by hand


def test_a_right_typed_answer_from_the_prior() -> None:
    # posterior 0.2·0.9 / (0.2·0.9 + 0.8·0.05) = 0.18/0.22 = 9/11; learning: 9/11 + (2/11)·0.15
    assert TYPED.observe(0.2, [RIGHT]) == pytest.approx(9.3 / 11, abs=1e-12)  # 0.845454…


def test_a_wrong_typed_answer_from_the_prior() -> None:
    # 0.2·0.1 / (0.2·0.1 + 0.8·0.95) = 0.02/0.78 = 1/39; learning: 1/39 + (38/39)·0.15
    assert TYPED.observe(0.2, [WRONG]) == pytest.approx(6.7 / 39, abs=1e-12)  # 0.171795…


def test_a_right_answer_after_a_hint_counts_for_less() -> None:
    # guess with help 0.3: 0.18 / (0.18 + 0.8·0.3) = 3/7; learning: 3/7 + (4/7)·0.15
    hinted = TYPED.observe(0.2, [HINTED])
    assert hinted == pytest.approx(3.6 / 7, abs=1e-12)  # 0.514286…
    assert TYPED.observe(0.2, [WRONG]) < hinted < TYPED.observe(0.2, [RIGHT])


def test_wrong_then_right_on_the_second_try() -> None:
    # after the wrong try 1/39 (above); the right try with help:
    # (1/39)·0.9 / ((1/39)·0.9 + (38/39)·0.3) = 0.9/12.3 = 3/41; learning: (3 + 38·0.15)/41
    assert TYPED.evidence(0.2, WRONG) == pytest.approx(1 / 39, abs=1e-12)
    assert TYPED.observe(0.2, [WRONG, SECOND]) == pytest.approx(8.7 / 41, abs=1e-12)  # 0.212195…


def test_wrong_twice() -> None:
    # (1/39)·0.1 / ((1/39)·0.1 + (38/39)·0.7) = 0.1/26.7; learning: (0.1 + 26.6·0.15)/26.7
    assert TYPED.observe(0.2, [WRONG, WRONG_AGAIN]) == pytest.approx(4.09 / 26.7, abs=1e-12)
    assert TYPED.observe(0.2, [WRONG, WRONG_AGAIN]) < TYPED.observe(0.2, [WRONG])


def test_three_right_answers_in_a_row() -> None:
    p1 = 9.3 / 11
    post2 = p1 * 0.9 / (p1 * 0.9 + (1 - p1) * 0.05)  # 0.989947…
    p2 = post2 + (1 - post2) * 0.15  # 0.991455…
    post3 = p2 * 0.9 / (p2 * 0.9 + (1 - p2) * 0.05)
    p3 = post3 + (1 - post3) * 0.15  # 0.999593…
    p = PRIOR
    seen = []
    for _ in range(3):
        p = TYPED.observe(p, [RIGHT])
        seen.append(p)
    assert seen == pytest.approx([p1, p2, p3], abs=1e-12)
    assert seen[1] == pytest.approx(0.991455, abs=1e-6)
    assert seen[2] == pytest.approx(0.999593, abs=1e-6)


def test_multiple_choice_guesses_one_in_k() -> None:
    four = BKT.for_question(4)
    assert (four.guess, four.help_guess) == (0.25, pytest.approx(1 / 3))
    # 0.18 / (0.18 + 0.8·0.25) = 9/19; learning: 9/19 + (10/19)·0.15
    assert four.observe(0.2, [RIGHT]) == pytest.approx(10.5 / 19, abs=1e-12)  # 0.552632…
    assert four.observe(0.2, [RIGHT]) < TYPED.observe(0.2, [RIGHT])  # a lucky click is likelier
    two = BKT.for_question(2)
    assert (two.guess, two.help_guess) == (0.5, 0.5)
    assert two.observe(0.2, [HINTED]) > 0.2  # a right answer is still evidence of knowing
    assert BKT.for_question(None) == TYPED


def test_outcomes_of_a_closed_question() -> None:
    assert outcome_of(RIGHT) is Outcome.RIGHT
    assert outcome_of(HINTED) is Outcome.HELPED
    assert outcome_of(SECOND) is Outcome.HELPED
    assert outcome_of(WRONG) is Outcome.WRONG
    assert outcome_of(WRONG_AGAIN) is Outcome.WRONG
    assert outcome_of(None) is Outcome.WRONG  # left after a wrong try


@pytest.mark.parametrize(
    "kwargs",
    [
        {"prior": 0.0},
        {"learn": 1.0},
        {"slip": -0.1},
        {"guess": 0.6, "slip": 0.5},
        {"help_guess": 0.01},
    ],
)
def test_impossible_parameters_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        BKT(**kwargs)


def test_bad_input_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        TYPED.observe(1.5, [RIGHT])
    with pytest.raises(ValueError, match="at least 2 options"):
        BKT.for_question(1)
    with pytest.raises(ValueError, match="level"):
        record(TopicState(), 4, RIGHT, NOW)
    with pytest.raises(ValueError, match="at least one try"):
        record_question(TopicState(), 1, [], NOW)


# ---------------------------------------------------------------- the level rules


QUESTIONS = {
    "R": [RIGHT],  # right at once
    "H": [HINTED],  # right after a hint
    "S": [WRONG, SECOND],  # right on the second try
    "W": [WRONG],  # wrong, then skipped (a skip adds nothing new after the wrong try: left)
    "X": [WRONG, WRONG_AGAIN],  # wrong twice
}


def play(questions: str, topic: TopicState | None = None) -> tuple[TopicState, list[int]]:
    """Answer at the current level each time, e.g. "RRSH". Returns the state and the level
    each question was asked at."""
    state = topic or TopicState()
    asked = []
    for i, letter in enumerate(questions):
        asked.append(state.level)
        when = NOW + timedelta(minutes=i)
        state = record_question(state, state.level, QUESTIONS[letter], when)
    return state, asked


def test_mastered_only_with_three_answers_even_when_p_is_high() -> None:
    state, _ = play("RR")
    assert state.at(1).p >= 0.95 and state.at(1).answers == 2
    assert not state.at(1).mastered and state.level == 1
    state, asked = play("RRR")
    assert state.at(1).mastered and state.level == 2
    assert asked == [1, 1, 1]
    assert state.at(1).mastered_at == NOW + timedelta(minutes=2)


def test_everything_right_takes_three_questions_per_level() -> None:
    state, asked = play("R" * 9)
    assert asked == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert state.level == 3 and state.done
    assert all(state.at(level).card is not None for level in (1, 2, 3))


def test_help_and_mistakes_take_longer() -> None:
    state, asked = play("RWR")
    assert state.level == 1 and 0.9 < state.at(1).p < 0.95  # a mistake costs one more answer
    state, asked = play("RWRRR")
    assert asked == [1, 1, 1, 1, 2]
    state, _ = play("HHH")
    assert state.at(1).p < 0.95 and state.level == 1  # after hints only: not yet mastered
    state, asked = play("HHHH")
    assert state.level == 2 and asked == [1, 1, 1, 1]  # one more right answer after a hint
    state, _ = play("SSSSSS")
    assert state.level == 1 and state.at(1).p < 0.8  # second tries alone say little


def test_a_struggling_student_goes_back_a_level_and_tries_again() -> None:
    state, _ = play("RRR")  # level 1 mastered
    state, asked = play("XWX", state)
    assert asked == [2, 2, 2]
    assert state.at(2).p < 0.3 and state.at(2).answers == 3
    assert state.level == 1  # back to practise what level 2 builds on
    state, asked = play("RW", state)
    assert asked == [1, 2]  # level 1 still mastered → level 2 again; still struggling → back
    assert state.level == 1


def test_two_wrong_answers_are_not_enough_to_go_back() -> None:
    state, _ = play("RRR")
    state, _ = play("XX", state)
    assert state.at(2).p < 0.3 and state.level == 2


def test_level_one_is_the_floor_and_level_three_the_ceiling() -> None:
    state, _ = play("WWWW")
    assert state.level == 1
    state, _ = play("R" * 12)
    assert state.level == 3
    assert next_level(1, LevelState(p=0.1, answers=5)) == 1
    assert next_level(3, LevelState(p=0.99, answers=5)) == 3
    assert is_mastered(0.95, 3) and not is_mastered(0.9499, 30) and not is_mastered(0.999, 2)


def test_a_review_of_an_old_level_leaves_the_current_level_alone() -> None:
    state, _ = play("RRR")  # now at level 2, with a card for level 1
    card_before = state.at(1).card
    later = NOW + timedelta(days=2)
    state = record(state, 1, WRONG, later)
    assert state.level == 2
    assert state.at(1).card != card_before and state.at(1).answers == 4
    assert state.at(1).mastered_at == NOW + timedelta(minutes=2)  # first mastery stays


def test_review_cards_date_from_the_first_mastery() -> None:
    state, _ = play("RR")
    assert state.at(1).card is None and state.at(1).review_due_at is None
    state, _ = play("R", state)
    mastered_at = state.at(1).mastered_at
    assert mastered_at is not None
    assert state.at(1).review_due_at == mastered_at + timedelta(days=2)  # FSRS: Good → 2 days


def test_replay_gives_what_answering_one_by_one_gives() -> None:
    minute = timedelta(minutes=1)
    closed = [("entropy", 1, [RIGHT], NOW), ("entropy", 1, [WRONG, SECOND], NOW + minute)]
    closed += [("probability", 1, [WRONG], NOW), ("entropy", 1, [RIGHT], NOW + 2 * minute)]
    states = replay(closed)
    one_by_one, _ = play("RSR")
    assert states["entropy"] == one_by_one
    assert states["probability"].at(1).answers == 1


def test_a_try_that_leaves_the_question_open_is_evidence_only() -> None:
    state = record_try(TopicState(), 1, WRONG)
    assert state.at(1).p == pytest.approx(1 / 39) and state.at(1).answers == 0
    left = record(state, 1, None, NOW)  # a new question asked instead: closed as it was
    assert left.at(1).p == pytest.approx(6.7 / 39) and left.at(1).answers == 1


# ---------------------------------------------------------------- the path


def mastered_level_one(*topics: str) -> dict[str, TopicState]:
    return {topic: play("RRR")[0] for topic in topics}


def test_topics_open_in_the_order_of_the_talk() -> None:
    assert PATH == ("probability", "surprisal", "entropy", "cross_entropy", "kl_divergence")
    assert next_step({}) == ("probability", 1)
    assert [is_open(topic, {}) for topic in PATH] == [True, False, False, False, False]
    states = mastered_level_one("probability")
    assert is_open("surprisal", states) and not is_open("entropy", states)
    assert next_step(states) == ("surprisal", 1)  # level 1 of the next topic before level 2
    states = mastered_level_one(*PATH)
    assert next_step(states) == ("probability", 2)  # then the weird die, topic by topic
    states["probability"] = play("RRR", states["probability"])[0]
    assert next_step(states) == ("surprisal", 2)


def test_a_topic_stays_open_and_the_path_ends() -> None:
    states = mastered_level_one("probability")
    states["probability"] = record(states["probability"], 1, WRONG, NOW)  # a slip in a review
    assert is_open("surprisal", states)
    done = {topic: play("R" * 9)[0] for topic in PATH}
    assert next_step(done) is None
    # Level 1 forgotten (a review went badly) is for the reviews to mend, not a path step.
    entropy = done["entropy"]
    forgot = replace(entropy.at(1), p=0.5)
    done["entropy"] = replace(entropy, levels={**entropy.levels, 1: forgot})
    assert next_step(done) is None
    top = replace(entropy.at(3), p=0.5)  # the top level forgotten: practise it again
    done["entropy"] = replace(entropy, levels={**entropy.levels, 3: top})
    assert next_step(done) == ("entropy", 3)


# ---------------------------------------------------------------- one number per topic


def test_one_number_per_topic_is_the_mean_over_levels() -> None:
    assert topic_mastery(TopicState()) is None
    one_right, _ = play("R")
    assert topic_mastery(one_right) == pytest.approx((9.3 / 11 + 0.2 + 0.2) / 3)
    level_one, _ = play("RRR")
    assert 0.45 < topic_mastery(level_one) < 0.48  # type: ignore[operator]
    everything, _ = play("R" * 9)
    assert topic_mastery(everything) >= 0.95  # type: ignore[operator]
    assert mastery_glyph(topic_mastery(level_one)) == "🟧"
    assert mastery_glyph(topic_mastery(everything)) == "🟩"
    assert mastery_glyph(None) == "⬜"
