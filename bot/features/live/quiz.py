"""/live quiz [topic] [n]: n rounds in the class group. Each round is one question of the bank
as multiple choice: a native Telegram quiz poll (non-anonymous, so the bot learns who answered
what through `poll_answer`) when it fits Telegram's poll limits, inline buttons otherwise.
Under it one round message with the teacher's Stop button; after 30 s (or Stop) that same
message is edited into the results: how many chose each option, the right one and why, the
fastest right first names. After the last round, a leaderboard.

Every answer of a class member is stored as an attempt the moment it comes (store first, then
reply), so it counts in their progress and in the class report; everyone else plays along."""

from __future__ import annotations

import html
import logging
import random
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, User
from telegram.constants import ParseMode, PollType
from telegram.error import BadRequest

from bot.context import QuizContext
from bot.features.live import state
from bot.features.live.state import LiveQuiz, QuizAnswer, QuizRound, edit_html, player_name
from bot.features.student.service import record_answer, send_html, topic_name, writing
from bot.texts import t
from db.models import OpenQuestion
from db.repositories import attempts, games
from db.repositories import mastery as mastery_repo
from quiz import questions
from quiz.grading import grade

log = logging.getLogger(__name__)

ROUND_SECONDS = "live.round_seconds"  # bot_data override (tests); SPEC: 30 s a round
DEFAULT_ROUND_SECONDS = 30
# Telegram's limits for a quiz poll (checked before sending: a question that does not fit is
# asked with inline buttons instead). The sandbox enforces the same numbers.
POLL_QUESTION_LIMIT = 300
POLL_OPTION_LIMIT = 100
POLL_OPTIONS = (2, 10)
POLL_EXPLANATION_LIMIT = 200
POLL_EXPLANATION_LINE_FEEDS = 2
OPEN_PERIOD = (5, 600)
FASTEST = 3
LEADERS = 15
WHY_CAP = 900  # characters of the worked solution shown under the results


def round_seconds(context: QuizContext) -> float:
    return float(context.bot_data.get(ROUND_SECONDS, DEFAULT_ROUND_SECONDS))


def fits_poll(question: str, labels: tuple[str, ...], explanation: str | None) -> bool:
    """Whether Telegram takes this as a quiz poll (characters as Telegram counts them)."""
    low, high = POLL_OPTIONS
    return (
        0 < len(question.strip()) <= POLL_QUESTION_LIMIT
        and low <= len(labels) <= high
        and len(set(labels)) == len(labels)
        and all(0 < len(label.strip()) <= POLL_OPTION_LIMIT for label in labels)
        and (explanation is None or _fits_explanation(explanation))
    )


def _fits_explanation(explanation: str) -> bool:
    return (
        len(explanation) <= POLL_EXPLANATION_LIMIT
        and explanation.count("\n") <= POLL_EXPLANATION_LINE_FEEDS
    )


def _level(number: int, total: int) -> int:
    """Questions get a little harder: level 1 first, level 2 in the second half."""
    return 1 + (2 * (number - 1)) // total if total > 1 else 1


def _question(game: LiveQuiz, number: int) -> questions.Question:
    topic = game.topic if game.topic in questions.TOPICS else random.choice(questions.TOPICS)
    seed = random.randrange(2**31)
    return questions.generate(
        topic, _level(number, game.total), seed, game.lang, game.base, choices=True
    )


# ---------------------------------------------------------------- a round


async def start_round(context: QuizContext, game: LiveQuiz) -> None:
    """Ask the next question (a poll when it fits, buttons otherwise), put the round message
    with the Stop button under it, and set the round's timer."""
    number = len(game.rounds) + 1
    question = _question(game, number)
    assert question.choices is not None and question.correct_choice is not None
    round_ = QuizRound(
        number=number,
        question=question,
        labels=tuple(question.choices),
        correct=question.correct_choice,
        started_at=context.now,
    )
    game.rounds.append(round_)
    seconds = round_seconds(context)
    message = await _ask_by_poll(context, game, round_, seconds)
    card = "live.quiz.card.poll"
    if message is None:
        message = await context.bot.send_message(
            game.chat_id,
            _question_html(game, round_),
            parse_mode=ParseMode.HTML,
            reply_markup=_answer_buttons(game, round_),
        )
        card = "live.quiz.card.buttons"
    round_.question_message_id = message.message_id
    stop = InlineKeyboardButton(
        t(game.lang, "live.button.stop"), callback_data=f"lv:stop:{game.sid}:{number}"
    )
    round_.card_message_id = await send_html(
        context,
        game.chat_id,
        t(game.lang, card, number=number, total=game.total, seconds=round(seconds)),
        InlineKeyboardMarkup([[stop]]),
    )
    if context.job_queue is not None:
        round_.job = context.job_queue.run_once(
            _on_time_up,
            seconds,
            data=(game.chat_id, game.sid, number),
            name=f"live:{game.chat_id}:{number}",
        )


async def _ask_by_poll(
    context: QuizContext, game: LiveQuiz, round_: QuizRound, seconds: float
) -> Message | None:
    """The question as a native quiz poll, if it fits Telegram's limits; None otherwise (and
    if Telegram refuses it after all: the round goes on with buttons, it does not fail)."""
    poll_text = f"{round_.number}/{game.total}. {round_.question.text}"
    hint = round_.question.hints[0]
    explanation = hint if _fits_explanation(hint) else None
    if not fits_poll(poll_text, round_.labels, explanation):
        return None
    try:
        message = await context.bot.send_poll(
            game.chat_id,
            poll_text,
            list(round_.labels),
            is_anonymous=False,
            type=PollType.QUIZ,
            correct_option_ids=[round_.correct],
            explanation=explanation,
            open_period=min(max(round(seconds), OPEN_PERIOD[0]), OPEN_PERIOD[1]),
        )
    except BadRequest:
        log.warning("Telegram refused a quiz poll; asking with buttons", exc_info=True)
        return None
    assert message.poll is not None
    round_.poll_id = message.poll.id
    state.polls_of(context)[message.poll.id] = game.chat_id
    return message


def _question_html(game: LiveQuiz, round_: QuizRound) -> str:
    header = t(
        game.lang,
        "live.quiz.header",
        number=round_.number,
        total=game.total,
        topic=topic_name(game.lang, round_.question.topic),
    )
    return f"{header}\n\n{html.escape(round_.question.text)}"


def _answer_buttons(game: LiveQuiz, round_: QuizRound) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=f"lv:a:{game.sid}:{round_.number}:{index}")]
            for index, label in enumerate(round_.labels)
        ]
    )


async def _on_time_up(context: QuizContext) -> None:
    assert context.job is not None
    chat_id, sid, number = context.job.data  # type: ignore[misc]
    game = state.running(context, chat_id)
    if isinstance(game, LiveQuiz) and game.sid == sid:
        for round_ in game.rounds:
            if round_.job is context.job:
                round_.job = None  # it is running now: there is nothing left to cancel
        await end_round(context, game, number)


# ---------------------------------------------------------------- answers


async def answer(
    context: QuizContext, game: LiveQuiz, number: int, user: User, option: int, *, by_poll: bool
) -> str:
    """One player's answer to round `number`, by button or poll (whichever the round was
    asked with); the first one counts. Returns the text key of what to tell them."""
    async with game.lock:
        round_ = game.current
        if round_ is None or round_.number != number or not round_.open:
            return "live.answer.late"
        if (round_.poll_id is not None) != by_poll:
            return "live.answer.stale"
        if user.id in round_.answers:
            return "live.answer.again"
        if not 0 <= option < len(round_.labels):
            return "live.answer.stale"
        now = context.now
        right = option == round_.correct
        round_.answers[user.id] = QuizAnswer(option=option, at=now, right=right)
        game.names[user.id] = player_name(user)
        await _store_answer(context, game, round_, user.id, option, now)
    return "live.answer.counted"


async def _store_answer(
    context: QuizContext,
    game: LiveQuiz,
    round_: QuizRound,
    user_id: int,
    option: int,
    now: datetime,
) -> None:
    """A class member's answer is an attempt like any other: graded, with mastery and
    homework credit (student.service.record_answer). Non-members just play."""
    question = round_.question
    label = round_.labels[option]
    async with writing(context) as session:
        member = game.members.get(user_id)
        if member is None:
            member = bool(await games.members_among(session, game.class_id, [user_id]))
            game.members[user_id] = member
        if not member:
            return
        asked = OpenQuestion(  # never added to the session: the attempt's description
            user_id=user_id,
            topic=question.topic,
            level=question.level,
            seed=question.seed,
            lang=question.lang,
            base=game.base,
            params=question.params,
            hints_used=0,
            homework_id=None,
            asked_at=round_.started_at,
        )
        found = attempts.Answering(
            question=asked,
            topic=await mastery_repo.topic_of(session, user_id, question.topic),
            in_a_class=True,
        )
        verdict = grade(question, label)
        await record_answer(session, found, label, verdict, now, choices=len(round_.labels))
        await session.commit()


# ---------------------------------------------------------------- the end of a round


async def end_round(context: QuizContext, game: LiveQuiz, number: int) -> bool:
    """Close round `number` (time is up, or the teacher pressed Stop): stop the poll or take
    the buttons away, edit the round message into the results, and after the last round post
    the leaderboard. False when that round is not open (a second Stop, a late timer)."""
    async with game.lock:
        round_ = game.current
        if round_ is None or round_.number != number or not round_.open:
            return False
        round_.open = False
        if round_.job is not None:
            round_.job.schedule_removal()
            round_.job = None
    await _close_question(context, game, round_)
    last = number >= game.total
    next_button = None
    if not last:
        label = t(game.lang, "live.button.next", number=number + 1, total=game.total)
        next_button = InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=f"lv:next:{game.sid}:{number + 1}")]]
        )
    await edit_html(
        context, game.chat_id, round_.card_message_id, results_text(game, round_), next_button
    )
    if last:
        state.finish(context, game)
        await send_html(context, game.chat_id, leaderboard_text(game))
    return True


async def _close_question(context: QuizContext, game: LiveQuiz, round_: QuizRound) -> None:
    if round_.poll_id is not None:
        state.polls_of(context).pop(round_.poll_id, None)
        try:
            await context.bot.stop_poll(game.chat_id, round_.question_message_id)
        except BadRequest as exc:
            if "already been closed" not in str(exc).lower():
                raise  # the poll's open period ended it a moment earlier: fine
        return
    try:
        await context.bot.edit_message_reply_markup(
            game.chat_id, round_.question_message_id, reply_markup=None
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def results_text(game: LiveQuiz, round_: QuizRound) -> str:
    lang = game.lang
    counts = [0] * len(round_.labels)
    for given in round_.answers.values():
        counts[given.option] += 1
    lines = [t(lang, "live.quiz.results", number=round_.number, total=game.total)]
    for index, (label, count) in enumerate(zip(round_.labels, counts, strict=True)):
        mark = "✅" if index == round_.correct else "▫️"
        lines.append(t(lang, "live.quiz.option", mark=mark, label=html.escape(label), count=count))
    lines.append(t(lang, "live.quiz.answered", count=len(round_.answers)))
    lines.append(t(lang, "live.quiz.right", label=html.escape(round_.labels[round_.correct])))
    fastest = sorted((given.at, user) for user, given in round_.answers.items() if given.right)[
        :FASTEST
    ]
    if fastest:
        names = ", ".join(game.names[user] for _, user in fastest)
        lines.append(t(lang, "live.quiz.fastest", names=names))
    else:
        lines.append(t(lang, "live.quiz.nobody_right"))
    lines += ["", t(lang, "live.quiz.why", why=html.escape(_why(round_.question)))]
    return "\n".join(lines)


def _why(question: questions.Question) -> str:
    """The worked solution, cut at a line end if it is long (the message must stay short)."""
    solution = question.solution
    if len(solution) <= WHY_CAP:
        return solution
    cut = solution[:WHY_CAP].rsplit("\n", 1)[0]
    return cut + "\n…"


def scores(game: LiveQuiz) -> list[tuple[int, int, float]]:
    """(user, right answers, seconds spent on them) for every player, best first: more right
    answers, then faster ones."""
    table: dict[int, tuple[int, float]] = {}
    for round_ in game.rounds:
        for user, given in round_.answers.items():
            right, seconds = table.get(user, (0, 0.0))
            if given.right:
                right += 1
                seconds += (given.at - round_.started_at).total_seconds()
            table[user] = (right, seconds)
    ranked = sorted(table.items(), key=lambda item: (-item[1][0], item[1][1], game.names[item[0]]))
    return [(user, right, seconds) for user, (right, seconds) in ranked]


def leaderboard_text(game: LiveQuiz) -> str:
    lang = game.lang
    ranked = scores(game)
    if not ranked:
        return t(lang, "live.quiz.no_players")
    lines = [t(lang, "live.quiz.leaderboard")]
    places = state.places([(right, seconds) for _, right, seconds in ranked])
    for place, (user, right, _seconds) in zip(places, ranked[:LEADERS], strict=False):
        medal = state.medal(place) if right else f"{place + 1}."
        lines.append(
            t(
                lang,
                "live.quiz.leader",
                place=medal,
                name=game.names[user],
                score=right,
                total=len(game.rounds),
            )
        )
    if any(game.members.values()):
        lines += ["", t(lang, "live.saved")]
    return "\n".join(lines)
