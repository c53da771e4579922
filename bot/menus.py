"""The command menus Telegram shows next to the text field (setMyCommands), per role and
language. Everyone gets the student menu; teachers get theirs in their own chat (chat scope),
which Telegram prefers over the default scope.

Telegram picks the menu by the language of the user's app; a chat-scoped menu (set after
/lang or when someone becomes a teacher) follows the language they chose in the bot."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.texts import LANGUAGES, t

log = logging.getLogger(__name__)

# (command, text key of its description); the order is the order in the menu.
STUDENT_COMMANDS: list[tuple[str, str]] = [
    ("quiz", "menu.quiz"),
    ("hint", "menu.hint"),
    ("skip", "menu.skip"),
    ("progress", "menu.progress"),
    ("remind", "menu.remind"),
    ("learn", "menu.learn"),
    ("lab", "menu.lab"),
    ("game", "menu.game"),
    ("homework", "menu.homework"),
    ("check", "menu.check"),
    ("join", "menu.join"),
    ("lang", "menu.lang"),
    ("cancel", "menu.cancel"),
    ("help", "menu.help"),
    ("start", "menu.start"),
    ("forget_me", "menu.forget_me"),
]

TEACHER_COMMANDS: list[tuple[str, str]] = [
    ("newclass", "menu.newclass"),
    ("classes", "menu.classes"),
    ("class", "menu.class"),
    ("assign", "menu.assign"),
    ("homeworks", "menu.homeworks"),
    ("worksheet", "menu.worksheet"),
    ("settings", "menu.settings"),
    ("live", "menu.live"),
]

ADMIN_COMMANDS: list[tuple[str, str]] = [("invite_teacher", "menu.invite_teacher")]


def bot_commands(menu: list[tuple[str, str]], lang: str) -> list[BotCommand]:
    return [BotCommand(command, t(lang, key)) for command, key in menu]


def teacher_menu(*, admin: bool = False) -> list[tuple[str, str]]:
    """Teachers see their own commands first, then everything a student has."""
    return TEACHER_COMMANDS + (ADMIN_COMMANDS if admin else []) + STUDENT_COMMANDS


async def set_default_menus(bot: Bot, default_lang: str = "uk") -> None:
    """The student menu for everyone: one per language, and one for other languages."""
    scope = BotCommandScopeDefault()
    for lang in LANGUAGES:
        await bot.set_my_commands(
            bot_commands(STUDENT_COMMANDS, lang), scope=scope, language_code=lang
        )
    await bot.set_my_commands(bot_commands(STUDENT_COMMANDS, default_lang), scope=scope)


async def set_teacher_menu(bot: Bot, chat_id: int, lang: str, *, admin: bool = False) -> None:
    """The teacher menu in a teacher's private chat, in the language they use with the bot."""
    await _set_chat_menu(bot, chat_id, bot_commands(teacher_menu(admin=admin), lang))


async def set_student_menu(bot: Bot, chat_id: int, lang: str) -> None:
    """The student menu in one chat, after the student chose a language with /lang."""
    await _set_chat_menu(bot, chat_id, bot_commands(STUDENT_COMMANDS, lang))


async def remove_chat_menu(bot: Bot, chat_id: int) -> None:
    """Back to the default menu in this chat (its own menu said who they were)."""
    await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))


async def _set_chat_menu(bot: Bot, chat_id: int, commands: list[BotCommand]) -> None:
    # A menu is a convenience: failing to set one must not fail the command that asked.
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))
    except TelegramError:
        log.warning("Could not set the command menu of chat %s", chat_id, exc_info=True)
