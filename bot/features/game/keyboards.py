"""The buttons of /game. Callback data: `g:<action>[:<game id>[:<more>]]`, at most ~30 bytes;
every id in it is checked against the presser's own games before anything happens."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.texts import t

PREFIX = "g:"
PRESETS = ("fair", "four")  # belief buttons besides "my last belief"


def choose_die(lang: str, open_game: tuple[int, int, int] | None) -> InlineKeyboardMarkup:
    """The two dice, and "continue" when a game is unfinished: (game id, done, total)."""
    rows = [
        [InlineKeyboardButton(t(lang, "game.button.weird"), callback_data="g:die:weird")],
        [InlineKeyboardButton(t(lang, "game.button.mystery"), callback_data="g:die:mystery")],
    ]
    if open_game is not None:
        game_id, done, total = open_game
        label = t(lang, "game.button.continue", done=done, total=total)
        rows.append([InlineKeyboardButton(label, callback_data=f"g:go:{game_id}")])
    return InlineKeyboardMarkup(rows)


def choose_belief(lang: str, game_id: int, *, has_last: bool) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(t(lang, "game.button.fair"), callback_data=f"g:q:{game_id}:fair"),
            InlineKeyboardButton(t(lang, "game.button.four"), callback_data=f"g:q:{game_id}:four"),
        ]
    ]
    if has_last:
        label = t(lang, "game.button.last")
        rows.append([InlineKeyboardButton(label, callback_data=f"g:q:{game_id}:last")])
    return InlineKeyboardMarkup(rows)


def roll(lang: str, game_id: int, number: int, total: int) -> InlineKeyboardMarkup:
    """Roll next, change the belief, and once there are rolls, train the model on them."""
    roll_label = t(lang, "game.button.roll", number=number, total=total)
    rows = [
        [InlineKeyboardButton(roll_label, callback_data=f"g:roll:{game_id}:{number}")],
        [InlineKeyboardButton(t(lang, "game.button.change"), callback_data=f"g:chg:{game_id}")],
    ]
    if number > 1:
        train = t(lang, "game.button.train")
        rows.append([InlineKeyboardButton(train, callback_data=f"g:train:{game_id}")])
    return InlineKeyboardMarkup(rows)


def finished(lang: str, game_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "game.button.train"), callback_data=f"g:train:{game_id}"
                )
            ],
            [InlineKeyboardButton(t(lang, "game.button.new"), callback_data="g:new")],
        ]
    )
