"""The loopback Bot API server answers python-telegram-bot the way Telegram does.

Everything here goes through PTB's real HTTP stack (HTTPXRequest): a bare `Bot` for protocol
details, and the harness (the whole Application) for polling, restarts and users' actions."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, EndPointNotFound, Forbidden, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, TypeHandler, filters

from bot.sandbox import BotApiSandbox
from bot.texts import t
from db.repositories import users
from tests.conftest import MakeHarness
from tests.fakes import BotHarness

TOKEN = "123456:TEST-TOKEN"
# A 16×8 PNG and a CSV with bytes that are not UTF-8: uploads must arrive byte for byte.
PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x08\x08\x02\x00\x00\x00"
)
PNG = PNG_HEADER + bytes(range(256)) * 4
CSV = "учень;бали\nОлена;5\n".encode("cp1251") + b"\x00\xff\xfe"


async def until(condition: Callable[[], bool], timeout: float = 10) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)


def record_updates(harness: BotHarness) -> list[Update]:
    """A test-only handler in front of everything, on this and every restarted Application."""
    seen: list[Update] = []

    async def remember(update: Update, context: Any) -> None:
        seen.append(update)

    harness.on_build(lambda app: app.add_handler(TypeHandler(Update, remember), group=-5))
    return seen


# ---------------------------------------------------------------------- polling


async def test_every_update_is_handled_exactly_once_across_a_restart(
    harness: BotHarness,
) -> None:
    seen = record_updates(harness)
    sent = [harness.sandbox.send_text(1001 + n % 3, f"answer {n}") for n in range(30)]
    await harness.idle()
    await harness.restart()
    sent += [harness.sandbox.send_text(1001, f"later {n}") for n in range(5)]
    await harness.idle()

    await harness.stop()
    sent += [harness.sandbox.send_text(1002, f"while stopped {n}") for n in range(5)]
    await harness.start()
    await harness.idle()

    texts = [update.message.text for update in seen if update.message]
    assert len(texts) == len(sent) == 40
    assert len({update.update_id for update in seen}) == 40
    assert texts[-5:] == [f"while stopped {n}" for n in range(5)]
    assert set(harness.sandbox.deliveries.values()) == {1}
    assert harness.sandbox.unconfirmed_updates == 0


async def test_get_updates_honours_offset_limit_and_allowed_updates(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    first = sandbox.send_text(7, "one")
    sandbox.send_text(7, "two")
    sandbox.send_text(7, "three")

    batch = await bot.get_updates(limit=2, timeout=0)
    assert [u.message.text for u in batch] == ["one", "two"]
    again = await bot.get_updates(timeout=0)  # nothing confirmed yet: delivered again
    assert [u.message.text for u in again] == ["one", "two", "three"]
    assert again[0].message.message_id == first

    rest = await bot.get_updates(offset=batch[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in rest] == ["three"]
    await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0)
    assert sandbox.unconfirmed_updates == 0

    message_id = (await bot.send_message(7, "pick", reply_markup=_keyboard("x:1"))).message_id
    sandbox.send_text(7, "a message")
    sandbox.press(7, message_id, "x:1")
    only_presses = await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    assert [u.callback_query.data for u in only_presses] == ["x:1"]


async def test_a_waiting_long_poll_wakes_as_soon_as_a_user_writes(tmp_path: Any) -> None:
    harness = BotHarness(tmp_path, poll_timeout=30)
    seen = record_updates(harness)
    await harness.start()
    try:
        await harness.idle()
        await until(lambda: harness.sandbox.waiting_pollers > 0)
        began = time.monotonic()
        harness.sandbox.send_text(1001, "are you there?")
        async with asyncio.timeout(5):  # a missed wake-up would wait out the 30 s poll
            while not seen:
                await asyncio.sleep(0.005)
        assert time.monotonic() - began < 5
    finally:
        await harness.close()


async def test_stopping_the_server_ends_a_long_poll_at_once(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
    await until(lambda: sandbox.waiting_pollers > 0)
    async with asyncio.timeout(5):
        await sandbox.stop()
        assert await poll == ()


# ---------------------------------------------------------------------- files


async def test_photo_and_document_uploads_arrive_byte_for_byte_and_download_back(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "/progress")
    photo = await bot.send_photo(1001, photo=PNG, caption="<b>Прогрес</b>", parse_mode="HTML")
    document = await bot.send_document(1001, document=CSV, filename="class.csv")

    shown = sandbox.messages(1001)
    assert [(m.kind, m.file_bytes) for m in shown] == [("photo", PNG), ("document", CSV)]
    assert shown[1].filename == "class.csv"
    assert shown[0].text == "Прогрес" and photo.caption == "Прогрес"
    assert (photo.photo[-1].width, photo.photo[-1].height) == (16, 8)
    assert document.document.file_name == "class.csv"
    assert document.document.mime_type == "text/csv"

    downloaded = await (await bot.get_file(document.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == CSV


async def test_the_bot_can_download_a_photo_a_user_sent(sandbox: BotApiSandbox, bot: Bot) -> None:
    sandbox.send_photo(1001, PNG, caption="моя задача")
    (update,) = await bot.get_updates(timeout=0)
    assert update.message.caption == "моя задача"
    file = await update.message.photo[-1].get_file()
    assert bytes(await file.download_as_bytearray()) == PNG


async def test_a_media_group_of_photos_is_sent_as_separate_messages(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    from telegram import InputMediaPhoto

    sandbox.send_text(1001, "hi")
    sent = await bot.send_media_group(
        1001, [InputMediaPhoto(PNG, caption="1"), InputMediaPhoto(PNG + b"x")]
    )
    assert len(sent) == 2 and sent[0].media_group_id == sent[1].media_group_id
    assert [m.file_bytes for m in sandbox.messages(1001)] == [PNG, PNG + b"x"]


async def test_bytes_that_are_not_an_image_are_refused_as_a_photo(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "hi")
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(1001, photo=b"%PDF-1.7 not a picture")


# ---------------------------------------------------------------------- validation


async def test_text_limits_are_counted_after_html_is_parsed(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "hi")
    await bot.send_message(1001, "я" * 4096)
    await bot.send_message(1001, "<b>" + "я" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(1001, "я" * 4097)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(1001, "&lt;" * 4097, parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(1001, photo=PNG, caption="c" * 1025)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(1001, "  \n ")


async def test_unescaped_or_unknown_html_is_refused_like_telegram_does(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "hi")
    sent = await bot.send_message(1001, "<b>Привіт</b>, 5 &lt; 6", parse_mode="HTML")
    assert sent.text == "Привіт, 5 < 6"
    assert sent.text_html == "<b>Привіт</b>, 5 &lt; 6"
    for bad in ("p < q", "<b>bold", "<b><i>x</b></i>", "<br>", "<script>x</script>", "x</b>"):
        with pytest.raises(BadRequest, match="Can't parse entities"):
            await bot.send_message(1001, bad, parse_mode="HTML")
    # Without parse_mode the same characters are just text.
    assert (await bot.send_message(1001, "p < q")).text == "p < q"


async def test_callback_data_over_64_bytes_is_refused(sandbox: BotApiSandbox, bot: Bot) -> None:
    sandbox.send_text(1001, "hi")
    await bot.send_message(1001, "ok", reply_markup=_keyboard("ж" * 32))  # 64 bytes
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(1001, "too long", reply_markup=_keyboard("ж" * 33))  # 66 bytes
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(1001, "too long", reply_markup=_keyboard("q" * 65))
    with pytest.raises(BadRequest, match="Button_text_empty"):
        await bot.send_message(
            1001,
            "no label",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton(" ", callback_data="x")]]),
        )
    assert [m.text for m in sandbox.messages(1001)] == ["ok"]


async def test_unknown_chats_and_messages_are_refused(sandbox: BotApiSandbox, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(555, "a chat that never wrote to the bot")
    sandbox.send_text(1001, "hi")
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("new", chat_id=1001, message_id=99)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(1001, 99)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("no-such-query")
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")


async def test_edits_are_recorded_as_snapshots_and_a_no_op_edit_is_refused(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "hi")
    sent = await bot.send_message(1001, "Питання", reply_markup=_keyboard("q:hint"))
    await bot.edit_message_text("Питання (з підказкою)", chat_id=1001, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "Питання (з підказкою)", chat_id=1001, message_id=sent.message_id
        )
    first, edit = sandbox.messages(1001)
    assert (first.buttons, first.edited) == ([[("Go", "q:hint")]], False)
    # Like Telegram, an edit without reply_markup drops the keyboard.
    assert (edit.text, edit.buttons, edit.edited) == ("Питання (з підказкою)", [], True)
    assert sandbox.message(1001, sent.message_id) == edit


# ---------------------------------------------------------------------- faults


async def test_a_blocked_user_gives_403(sandbox: BotApiSandbox, bot: Bot) -> None:
    sandbox.send_text(1001, "hi")
    sandbox.block(1001)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1001, "reminder")
    sandbox.unblock(1001)
    await bot.send_message(1001, "reminder")


async def test_injected_failures_hit_only_the_chosen_method_chat_and_count(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "hi")
    sandbox.send_text(1002, "hi")
    sandbox.fail_next("sendMessage", status=429, retry_after=7, count=2, chat_id=1002)
    await bot.send_message(1001, "not affected")
    for _ in range(2):
        with pytest.raises(RetryAfter, match="Retry in 7 seconds"):
            await bot.send_message(1002, "flood")
    await bot.send_message(1002, "fine again")
    assert [c.status for c in sandbox.calls_to("sendMessage")] == [200, 429, 429, 200]


async def test_the_rate_limiter_waits_out_retry_after_and_delivers(
    make_harness: MakeHarness,
) -> None:
    async with make_harness(TELEGRAM_RATE_LIMIT=30) as harness:
        harness.sandbox.send_text(1001, "hi")
        await harness.idle()
        harness.sandbox.fail_next("sendMessage", status=429, retry_after=1)
        await harness.app.bot.send_message(1001, "reminder")
    attempts = [
        c for c in harness.sandbox.calls_to("sendMessage") if c.params["text"] == "reminder"
    ]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0


async def test_enforced_flood_limits_answer_429_with_retry_after(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    for user_id in (1, 2, 3):
        sandbox.send_text(user_id, "hi")
    sandbox.rate_limit(per_second=2, per_chat_per_second=1)
    await bot.send_message(1, "first")
    with pytest.raises(RetryAfter):
        await bot.send_message(1, "second to the same chat in the same second")
    await bot.send_message(2, "another chat")
    with pytest.raises(RetryAfter):
        await bot.send_message(3, "third message overall in the same second")


# ---------------------------------------------------------------------- users, via the harness


async def test_a_user_press_delivers_the_message_it_was_pressed_on(harness: BotHarness) -> None:
    presses: list[tuple[int, str]] = []

    async def offer(update: Update, context: Any) -> None:
        await update.effective_message.reply_text("Pick", reply_markup=_keyboard("t:pick:1"))

    async def pressed(update: Update, context: Any) -> None:
        query = update.callback_query
        presses.append((query.message.message_id, query.data))
        await query.answer("got it")

    def install(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        app.add_handler(MessageHandler(filters.Regex("^offer$"), offer), group=-3)
        app.add_handler(CallbackQueryHandler(pressed, pattern="^t:"), group=-3)

    harness.on_build(install)
    olena = harness.user(1001, "Олена")
    (menu,) = [m for m in await olena.say("offer") if m.text == "Pick"]
    await olena.press(menu, "Go")
    await olena.press_data(menu.message_id, "t:forged:999")

    assert presses == [(menu.message_id, "t:pick:1"), (menu.message_id, "t:forged:999")]
    assert olena.last_answer is not None and olena.last_answer.get("text") == "got it"
    with pytest.raises(LookupError):
        harness.sandbox.press(1001, 424242, "t:pick:1")  # no such bot message in that chat


async def test_the_visitor_is_stored_with_the_profile_telegram_sends(harness: BotHarness) -> None:
    await harness.user(1001, "Олена", language_code="en").say("hello")
    await harness.user(1002, "Taras", language_code="uk").send_sticker()
    async with harness.db.session() as session:
        olena = await users.get(session, 1001)
        taras = await users.get(session, 1002)
    assert olena is not None and olena.first_name == "Олена"
    assert taras is not None and taras.first_name == "Taras"


async def test_a_failing_handler_gets_the_error_reply_and_the_bot_keeps_going(
    harness: BotHarness,
) -> None:
    async def explode(update: Update, context: Any) -> None:
        raise RuntimeError("a bug in a handler")

    harness.on_build(
        lambda app: app.add_handler(MessageHandler(filters.Regex("^boom$"), explode), group=-3)
    )
    olena = harness.user(1001, "Олена", language_code="uk")
    replies = await olena.say("boom")
    assert t("uk", "error.not_saved") in [m.text for m in replies]
    assert await olena.say("/help")  # still answering


async def test_menus_are_set_at_start(harness: BotHarness) -> None:
    assert ("default", None, "uk") in harness.sandbox.commands
    assert ("default", None, "en") in harness.sandbox.commands


async def test_raw_updates_reach_the_bot_too(harness: BotHarness) -> None:
    seen = record_updates(harness)
    harness.sandbox.send_update(
        {
            "edited_message": {
                "message_id": 5,
                "date": 0,
                "edit_date": 1,
                "chat": {"id": 1001, "type": "private", "first_name": "Олена"},
                "from": {"id": 1001, "is_bot": False, "first_name": "Олена"},
                "text": "edited",
            }
        }
    )
    await harness.idle()
    assert [u.edited_message.text for u in seen] == ["edited"]


def _keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data=data)]])


async def test_texts_are_trimmed_and_deletions_recorded_like_telegram(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "hi")
    sent = await bot.send_message(1001, "\n  <b>Так</b> і ні  \n", parse_mode="HTML")
    assert sent.text == "Так і ні" and sent.text_html == "<b>Так</b> і ні"
    await bot.delete_message(1001, sent.message_id)
    assert sandbox.deleted == [(1001, sent.message_id)]
    assert sandbox.message(1001, sent.message_id) is None
    with pytest.raises(LookupError):
        sandbox.press(1001, sent.message_id, "gone")


async def test_while_a_webhook_is_set_get_updates_is_refused(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    from telegram.error import Conflict

    await bot.set_webhook("http://127.0.0.1:9/hook")  # nothing listens: updates stay pending
    sandbox.send_text(1001, "hi")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates(timeout=0)
    assert (await bot.get_webhook_info()).pending_update_count == 1
    await bot.delete_webhook()
    assert [u.message.text for u in await bot.get_updates(timeout=0)] == ["hi"]


async def test_idle_waits_for_a_job_that_is_still_sending(harness: BotHarness) -> None:
    olena = harness.user(1001, "Олена")
    await olena.say("hi")
    before = len(olena.messages)

    async def slow_reminder(context: Any) -> None:
        await asyncio.sleep(0.3)  # e.g. waiting out a 429 before sending
        await context.bot.send_message(1001, "⏰ reminder")

    assert harness.app.job_queue is not None
    harness.app.job_queue.run_once(slow_reminder, 0)
    await asyncio.sleep(0.05)  # the job has started
    await harness.idle()
    assert [m.text for m in olena.messages[before:]] == ["⏰ reminder"]


async def test_users_keep_their_profile_and_commands_carry_an_entity(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    sandbox.send_text(1001, "hi", first_name="Olena", language_code="en", username="olena13")
    sandbox.send_text(1001, "/start c_ABCD2345")
    sandbox.send_text(1001, "/quiz@surprise_quiz_bot entropy")
    first, start, quiz = await bot.get_updates(timeout=0)
    assert start.effective_user.to_dict() == first.effective_user.to_dict()
    assert start.effective_user.language_code == "en"
    assert start.effective_user.username == "olena13"
    assert first.message.entities == ()
    assert start.message.parse_entities(["bot_command"]).popitem()[1] == "/start"
    assert quiz.message.parse_entities(["bot_command"]).popitem()[1] == "/quiz@surprise_quiz_bot"


async def test_listeners_see_each_message_as_it_is_sent(sandbox: BotApiSandbox, bot: Bot) -> None:
    heard: list[tuple[int, str, bool]] = []
    sandbox.add_listener(lambda m: heard.append((m.chat_id, m.text, m.edited)))
    sandbox.send_text(1001, "hi")
    sent = await bot.send_message(1001, "one")
    await bot.edit_message_text("two", chat_id=1001, message_id=sent.message_id)
    assert heard == [(1001, "one", False), (1001, "two", True)]


async def test_users_can_edit_their_texts_and_send_documents(harness: BotHarness) -> None:
    seen = record_updates(harness)
    taras = harness.user(1002, "Тарас")
    await taras.say("0,5")
    assert taras.last_message_id is not None
    await taras.edit(taras.last_message_id, "0,25")
    await taras.send_document(b"\x00\x01", "answer.bin")
    edited, document = seen[1:]
    assert edited.edited_message.text == "0,25"
    assert edited.edited_message.message_id == taras.last_message_id
    assert document.message.document.file_name == "answer.bin"
