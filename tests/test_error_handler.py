"""When a handler fails, the user still hears from the bot, and the bot keeps going."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.texts import t
from tests.fakes import BotHarness


async def test_a_button_that_answered_and_then_failed_still_gets_the_apology(
    harness: BotHarness,
) -> None:
    async def offer(update: Update, context: Any) -> None:
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="x:go")]])
        await update.effective_message.reply_text("Pick", reply_markup=markup)

    async def answer_then_explode(update: Update, context: Any) -> None:
        await update.callback_query.answer("working on it")
        raise RuntimeError("a bug after the press was answered")

    def install(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        app.add_handler(MessageHandler(filters.Regex("^offer$"), offer), group=-3)
        app.add_handler(CallbackQueryHandler(answer_then_explode, pattern="^x:"), group=-3)

    harness.on_build(install)
    olena = harness.user(1001, "Олена", language_code="uk")
    (menu,) = [m for m in await olena.say("offer") if m.text == "Pick"]

    replies = await olena.press(menu, "Go")

    assert t("uk", "error.not_saved") in [m.text for m in replies]
    assert await olena.say("/help")  # still answering
