"""A demo class for `python -m bot demo --teacher`: twelve students with two weeks of
practice (right answers typed in the forms students use, classic mistakes the grader
diagnoses, hints, skips) and homework, so a newcomer sees the report, the heatmap, homework
status and the dashboard at once.

Every answer goes through the same steps as a real one: the question comes from the question
bank at the level the student's mastery asks for, the text is graded by `quiz.grading.grade`,
and the attempt, the mastery and the homework credit are stored by the student feature's own
function. Deterministic for a given seed and start time."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.features.student import service as student_service
from db.models import Class, Homework
from db.repositories import attempts, classes, homework, users
from db.repositories import mastery as mastery_repo
from db.session import Database
from quiz import calculator as calc
from quiz.grading import grade, mistakes
from quiz.mastery import TopicState, Try, topic_mastery
from quiz.precision import precision_for, rounded_text
from quiz.questions import TOPICS, Question, generate

# (first name, surname): names of a Ukrainian class, with ґ, є, і, ї and an apostrophe, so
# the register order (surname, Ukrainian alphabet) is there to see.
STUDENTS = (
    ("Олена", "Коваль"),
    ("Тарас", "Бондаренко"),
    ("Андрій", "Ґудзь"),
    ("Марія", "Гаврилюк"),
    ("Іван", "Євтушенко"),
    ("Богдан", "Іваненко"),
    ("Дарина", "Їжакевич"),
    ("Остап", "Мар'яненко"),
    ("Юлія", "Шевченко"),
    ("Вікторія", "Ярошенко"),
    ("Назар", "Кравчук"),
    ("Софія", "Ємець"),
)
FIRST_STUDENT_ID = 7001
DAYS = 14
CLASS_NAME = {"uk": "8-А (демо)", "en": "8-A (demo)"}
ZONE = ZoneInfo("Europe/Kyiv")


@dataclass(frozen=True)
class Profile:
    """How a simulated student works: how able, how often they practise, hint habits."""

    skill: float  # 0..1: the chance of a right answer grows with it
    diligence: float  # the chance to practise on a given day
    hint_habit: float  # the chance to ask for a hint first


@dataclass(frozen=True)
class DemoClass:
    klass: Class
    student_ids: tuple[int, ...]
    homework: tuple[Homework, ...]
    answers: int


def _profiles(rng: random.Random) -> list[Profile]:
    return [
        Profile(
            skill=rng.uniform(0.3, 0.95),
            diligence=rng.uniform(0.35, 0.9),
            hint_habit=rng.uniform(0.0, 0.35),
        )
        for _ in STUDENTS
    ]


async def seed_demo_class(
    database: Database,
    teacher_id: int,
    *,
    now: datetime,
    lang: str = "uk",
    teacher_name: str = "",
    seed: int = 2026,
) -> DemoClass:
    """Create the class, its students, two homework tasks and two weeks of answers ending at
    `now`, for the teacher `teacher_id` (made a teacher if they are not one yet). The
    database must be migrated."""
    rng = random.Random(seed)
    today = now.astimezone(ZONE).replace(hour=0, minute=0, second=0, microsecond=0)
    first_day = today - timedelta(days=DAYS - 1)
    ids = tuple(FIRST_STUDENT_ID + i for i in range(len(STUDENTS)))
    async with database.session() as session:
        teacher = await users.upsert_from_profile(
            session, users.Profile(teacher_id, teacher_name, language_code=lang)
        )
        if not teacher.is_admin:
            await users.make_teacher(session, teacher_id)
        klass = await classes.create_class(
            session,
            teacher_id=teacher_id,
            name=CLASS_NAME.get(lang, CLASS_NAME["en"]),
            timezone=ZONE.key,
            now=first_day,
        )
        for user_id, (first, last) in zip(ids, STUDENTS, strict=True):
            profile = users.Profile(user_id, first, last, language_code="uk")
            await users.upsert_from_profile(session, profile)
            await classes.join(session, klass.id, user_id, now=first_day)
        works = await _set_homework(session, klass.id, first_day, today)
        answers = 0
        profiles = _profiles(rng)
        for day in range(DAYS):
            for user_id, profile in zip(ids, profiles, strict=True):
                if rng.random() > profile.diligence:
                    continue
                # After school, in the class's time zone.
                moment = first_day + timedelta(days=day, hours=rng.uniform(15, 21))
                for _ in range(rng.randint(2, 5)):
                    moment += timedelta(seconds=rng.uniform(40, 240))
                    if moment >= now:
                        break
                    topic = _topic_for(day, moment, works, rng)
                    answers += await _practise(session, user_id, profile, topic, moment, rng, lang)
        await session.commit()  # one transaction: the demo starts in seconds
    return DemoClass(klass, ids, works, answers)


async def _set_homework(
    session: AsyncSession, class_id: int, first_day: datetime, today: datetime
) -> tuple[Homework, ...]:
    """One homework already past (its summary counted as sent, so none arrives in the demo)
    and one due in two days, at 18:00 in the class's time zone like a teacher sets them."""
    past = await homework.create(
        session,
        class_id=class_id,
        topic="surprisal",
        count=5,
        due_at=first_day + timedelta(days=8, hours=18),
        created_at=first_day + timedelta(days=4, hours=9),
    )
    past.summary_sent_at = past.due_at
    current = await homework.create(
        session,
        class_id=class_id,
        topic="entropy",
        count=4,
        due_at=today + timedelta(days=2, hours=18),
        created_at=today - timedelta(days=3) + timedelta(hours=9),
    )
    return past, current


def _topic_for(day: int, moment: datetime, works: tuple[Homework, ...], rng: random.Random) -> str:
    """Topics in teaching order: the first days probability and surprise, the last ones KL;
    while homework is open, often its topic."""
    for work in works:
        if work.created_at <= moment < work.due_at and rng.random() < 0.5:
            return work.topic
    reached = min(len(TOPICS), 1 + day * len(TOPICS) // (DAYS - 3))
    weights = [1.0 + i for i in range(reached)]  # the newest topic is practised most
    return rng.choices(TOPICS[:reached], weights=weights)[0]


async def _practise(
    session: AsyncSession,
    user_id: int,
    profile: Profile,
    topic: str,
    moment: datetime,
    rng: random.Random,
    lang: str,
) -> int:
    """One question asked and answered (or skipped) at `moment`; 1 if an attempt was stored."""
    known = await attempts.asking(session, user_id)
    state = known.topics.get(topic, TopicState())
    level, mastery = state.level, topic_mastery(state) or 0.0
    question = generate(topic, level, rng.randrange(2**31), lang, known.base)
    thinking = timedelta(seconds=rng.uniform(25, 200))
    await attempts.put_open_question(
        session,
        user_id=user_id,
        topic=topic,
        level=question.level,
        seed=question.seed,
        lang=lang,
        base=known.base,
        params=question.params,
        asked_at=moment - thinking,
    )
    hinted = rng.random() < profile.hint_habit
    if hinted:
        await attempts.add_hint(session, user_id)
    chance = 0.25 + 0.6 * profile.skill + 0.15 * mastery + (0.1 if hinted else 0.0)
    if rng.random() < 0.05:
        stored = await _skip(session, user_id, moment)
    else:
        typed = _typed_answer(question, rng.random() < chance, rng, lang)
        stored = await _answer(session, user_id, question, typed, moment)
    return int(stored)


async def _answer(
    session: AsyncSession, user_id: int, question: Question, typed: str, moment: datetime
) -> bool:
    found = await attempts.answering(session, user_id)
    verdict = grade(question, typed)
    if found is None or verdict.error is not None:
        await attempts.close_open_question(session, user_id)
        return False
    # The student feature's own step: attempt, mastery and homework credit together (a whole
    # question with one try).
    choices = len(question.choices) if question.choices else None
    await student_service.record_answer(session, found, typed, verdict, moment, choices=choices)
    await attempts.close_open_question(session, user_id)
    return True


async def _skip(session: AsyncSession, user_id: int, moment: datetime) -> bool:
    found = await attempts.answering(session, user_id)
    if found is None:
        return False
    await attempts.record_attempt(
        session,
        found.question,
        text="",
        value=None,
        correct=False,
        skipped=True,
        answered_at=moment,
    )
    row = found.question
    await mastery_repo.record_question(
        session, user_id, row.topic, row.level, Try(False), moment, before=found.topic
    )
    await attempts.close_open_question(session, user_id)
    return True


def _typed_answer(question: Question, right: bool, rng: random.Random, lang: str) -> str:
    """What a student sends: the right button's label, or the answer rounded as the question
    asks (sometimes as an exact fraction or expression); or, when wrong, another button, one
    of the classic mistakes the grader knows (another log base, a lost minus, p and q
    swapped…), or a careless number."""
    if question.choices is not None and question.correct_choice is not None:
        if right:
            return question.choices[question.correct_choice]
        others = [c for i, c in enumerate(question.choices) if i != question.correct_choice]
        return rng.choice(others)
    if right:
        return _right_form(question, rng, lang)
    classic = mistakes(question.params, question.answer)
    if classic and rng.random() < 0.75:
        return _rounded(question, rng.choice(classic)[1], lang)
    return _rounded(question, question.answer * rng.choice((0.8, 1.3, 1.6, 0.5)), lang)


def _right_form(question: Question, rng: random.Random, lang: str) -> str:
    kind = question.params["kind"]
    exact = _exact_probability(question) if kind in ("probability", "surprisal") else None
    if exact is not None and kind == "probability" and rng.random() < 0.5:
        return f"{exact.numerator}/{exact.denominator}"
    if exact is not None and kind == "surprisal" and rng.random() < 0.3:
        sign = {"2": "log2", "e": "ln", "10": "lg"}[question.params["base"]]
        return f"-{sign}({exact.numerator}/{exact.denominator})"
    return _rounded(question, question.answer, lang)


def _rounded(question: Question, value: float, lang: str) -> str:
    """`value` rounded as the question asks (to hundredths, thousandths…), as typed."""
    if not math.isfinite(value):
        return "0"
    precision = precision_for(question.params.get("kind"), question.answer)
    return rounded_text(value, precision, lang).replace("−", "-")


def _exact_probability(question: Question) -> Fraction | None:
    try:
        p = calc.parse_distribution(question.params["p"])
        found = calc.event_probability(p, question.params["event"])
    except (KeyError, TypeError, ValueError):
        return None
    return found if isinstance(found, Fraction) else None
