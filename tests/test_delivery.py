"""Class-wide sends within Telegram's limits: paced, 429 waited out, 403 not retried, and a
class of 300 students notified completely."""

from __future__ import annotations

import asyncio
import itertools

from bot.delivery import Outgoing, Pacer, deliver
from db.repositories.outbox import BULK, INTERACTIVE
from tests.homework_helpers import Clock, kyiv, make_class, roster


class FakeTime:
    """A monotonic clock and a sleep that only moves it (no real waiting)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_the_pacer_spaces_sends_evenly_overall_and_per_chat() -> None:
    fake = FakeTime()
    pacer = Pacer(30, per_chat_interval=1.0, clock=fake, sleep=fake.sleep)
    times = []
    for chat in range(90):
        async with pacer.slot(chat):
            times.append(fake.now)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 1 / 30 - 1e-9
    # Never more than 30 in any one-second window.
    assert all(times[i + 30] - times[i] >= 1.0 - 1e-9 for i in range(len(times) - 30))
    # The same chat waits a second between two messages.
    async with pacer.slot(7):
        first = fake.now
    async with pacer.slot(7):
        assert fake.now - first >= 1.0


async def test_slow_answers_hold_back_new_sends() -> None:
    """If the server answers late, requests sent evenly may be counted bunched together: a
    new send waits while `rate` sends are in flight or were answered within the last second."""
    fake = FakeTime()
    pacer = Pacer(3, per_chat_interval=0, clock=fake, sleep=fake.sleep)
    for chat in range(3):
        await pacer.acquire(chat)  # three sends in flight, no answers yet
        fake.now += 0.4
    waiting = asyncio.create_task(pacer.acquire(99))
    await asyncio.sleep(0)
    assert not waiting.done()
    pacer.release(0)  # answered at t=101.2: the fourth may go one second later
    answered = fake.now
    await waiting
    assert fake.now >= answered + 1.0


async def test_no_overall_pacing_when_the_rate_is_zero_but_still_per_chat() -> None:
    fake = FakeTime()
    pacer = Pacer(0, per_chat_interval=1.0, clock=fake, sleep=fake.sleep)
    for chat in range(100):
        async with pacer.slot(chat):
            pass
    assert fake.now == 100.0
    async with pacer.slot(5):
        assert fake.now >= 101.0


async def test_a_retry_after_holds_every_sender() -> None:
    fake = FakeTime()
    pacer = Pacer(30, clock=fake, sleep=fake.sleep)
    pacer.hold(3)
    async with pacer.slot(1):
        assert fake.now >= 103.0


async def test_a_reply_goes_before_every_bulk_send_still_queued() -> None:
    pacer = Pacer(50, per_chat_interval=0)  # real time: a send every 20 ms
    order: list[str] = []

    async def send(name: str, chat: int, priority: int) -> None:
        async with pacer.slot(chat, priority):
            order.append(name)

    notices = [asyncio.create_task(send(f"notice {n}", 100 + n, BULK)) for n in range(5)]
    await asyncio.sleep(0)  # the notices queue up: the first is sent, the next waits its turn
    await asyncio.gather(send("feedback", 1, INTERACTIVE), *notices)
    assert order == ["notice 0", "notice 1", "feedback", "notice 2", "notice 3", "notice 4"]


async def test_a_chat_waiting_for_its_turn_holds_up_nobody_else() -> None:
    pacer = Pacer(30, per_chat_interval=0.3)  # real time
    async with pacer.slot(1):
        pass
    order: list[int] = []

    async def send(chat: int) -> None:
        async with pacer.slot(chat):
            order.append(chat)

    await asyncio.gather(send(1), send(2), send(3))  # chat 1 must wait; 2 and 3 need not
    assert order == [2, 3, 1]


async def test_groups_get_a_message_every_three_seconds() -> None:
    fake = FakeTime()
    pacer = Pacer(30, clock=fake, sleep=fake.sleep)
    async with pacer.slot(-1001):
        first = fake.now
    async with pacer.slot(-1001):
        assert fake.now - first >= 3.0


def _count_429(h) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for call in h.sandbox.calls if call.status == 429)


async def test_a_class_of_300_is_notified_completely_within_the_limits(make_harness) -> None:  # type: ignore[no-untyped-def]
    """Enforced limits on the server; paced sends never hit them (a fast rate keeps the test
    short; the 30/s figure is in bench/notify_bench.py and the next test)."""
    clock = Clock(kyiv("2026-11-27 10:00"))
    students = roster(300)
    async with make_harness(clock=clock, TELEGRAM_RATE_LIMIT=300) as h:
        class_ = await make_class(h, students)
        h.sandbox.rate_limit(per_second=330, per_chat_per_second=1)
        replies = await h.teacher().say(f"/assign {class_.code} entropy 5 2026-12-01 18:00")
        assert "300 з 300" in replies[-1].text
        for student in students:
            [notice] = h.sandbox.messages(student.id)
            assert "Нова домашка" in notice.text
        assert _count_429(h) == 0


async def test_at_30_per_second_the_pacing_never_trips_the_flood_limit(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    students = roster(75)
    async with make_harness(clock=clock, TELEGRAM_RATE_LIMIT=30) as h:
        class_ = await make_class(h, students)
        h.sandbox.rate_limit(per_second=30, per_chat_per_second=1)
        replies = await h.teacher().say(f"/assign {class_.code} entropy 5 2026-12-01 18:00")
        assert "75 з 75" in replies[-1].text
        assert _count_429(h) == 0
        sends = sorted(
            c.at for c in h.sandbox.calls if c.method == "sendMessage" and c.status == 200
        )
        assert all(sends[i + 30] - sends[i] > 1.0 for i in range(len(sends) - 30))


async def test_without_pacing_429s_are_waited_out_and_nothing_is_lost_or_doubled(
    make_harness,
) -> None:  # type: ignore[no-untyped-def]
    """TELEGRAM_RATE_LIMIT=0 (no AIORateLimiter, no overall pacing) against a server that
    allows 25/s: some sends get 429 retry_after, wait, and go through exactly once."""
    clock = Clock(kyiv("2026-11-27 10:00"))
    students = roster(40)
    async with make_harness(clock=clock, TELEGRAM_RATE_LIMIT=0) as h:
        class_ = await make_class(h, students)
        h.sandbox.rate_limit(per_second=25, per_chat_per_second=1)
        replies = await h.teacher().say(f"/assign {class_.code} entropy 5 2026-12-01 18:00")
        assert "40 з 40" in replies[-1].text
        assert _count_429(h) > 0
        for student in students:
            assert len(h.sandbox.messages(student.id)) == 1


async def test_with_ptbs_rate_limiter_a_429_is_retried_once_and_sent_once(make_harness) -> None:  # type: ignore[no-untyped-def]
    clock = Clock(kyiv("2026-11-27 10:00"))
    students = roster(3)
    async with make_harness(clock=clock, TELEGRAM_RATE_LIMIT=30) as h:
        class_ = await make_class(h, students)
        h.sandbox.fail_next("sendMessage", status=429, retry_after=1, chat_id=students[1].id)
        replies = await h.teacher().say(f"/assign {class_.code} entropy 5 2026-12-01 18:00")
        assert "3 з 3" in replies[-1].text
        for student in students:
            assert len(h.sandbox.messages(student.id)) == 1


async def test_bad_requests_fail_at_once_and_server_errors_are_retried(harness) -> None:  # type: ignore[no-untyped-def]
    students = roster(3)
    await make_class(harness, students)
    sandbox = harness.sandbox
    sandbox.fail_next(
        "sendMessage", status=400, chat_id=students[0].id, description="Bad Request: nope"
    )
    sandbox.fail_next("sendMessage", status=500, chat_id=students[1].id, count=2)
    outcomes: dict[int, str] = {}

    async def after(item: Outgoing, outcome) -> None:  # type: ignore[no-untyped-def]
        outcomes[item.chat_id] = f"{outcome.status}/{outcome.attempts}"

    items = [Outgoing(key=i, chat_id=s.id, text=f"hi {i}") for i, s in enumerate(students)]
    pacer = Pacer(0, per_chat_interval=0)
    report = await deliver(harness.app.bot, pacer, items, after=after)
    assert outcomes == {
        students[0].id: "failed/1",
        students[1].id: "sent/3",
        students[2].id: "sent/1",
    }
    assert (report.sent, report.failed) == (2, 1)
