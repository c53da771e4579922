"""editMessageMedia on the loopback Bot API server, through PTB's real HTTP stack: pictures
are replaced like Telegram replaces them, and refused where Telegram refuses."""

from __future__ import annotations

import struct
import zlib

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputMediaDocument
from telegram import InputMediaPhoto as Photo
from telegram.error import BadRequest

from bot.sandbox import BotApiSandbox
from tests.fakes import TOKEN

CHAT = 4242


def png(width: int, height: int, shade: int = 255) -> bytes:
    """A real grey PNG of the given size (the sandbox reads its header like Telegram would)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Next ▶", callback_data=data)]])


@pytest.fixture(autouse=True)
def chat(sandbox: BotApiSandbox) -> int:
    """The user's private chat exists once the user has written to the bot."""
    sandbox.user(CHAT, "Оля", "uk")
    sandbox.send_text(CHAT, "/learn")
    return CHAT


async def test_a_new_picture_caption_and_keyboard_replace_the_old_ones(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    first = await bot.send_photo(
        CHAT, png(40, 20), caption="<b>Page 1</b>", parse_mode="HTML", reply_markup=keyboard("1")
    )
    edited = await bot.edit_message_media(
        Photo(png(60, 30, 10), caption="<b>Page 2</b> · ймовірність", parse_mode="HTML"),
        chat_id=CHAT,
        message_id=first.message_id,
        reply_markup=keyboard("2"),
    )
    assert isinstance(edited, type(first))
    assert edited.caption == "Page 2 · ймовірність"
    assert edited.caption_entities[0].type == "bold"
    assert (edited.photo[-1].width, edited.photo[-1].height) == (60, 30)
    assert edited.photo[-1].file_id != first.photo[-1].file_id

    now = sandbox.message(CHAT, first.message_id)
    assert now is not None and now.edited and now.method == "editMessageMedia"
    assert now.kind == "photo" and now.file_bytes == png(60, 30, 10)
    assert now.text == "Page 2 · ймовірність" and now.source.startswith("<b>Page 2</b>")
    assert now.callback_data == ["2"]

    # Without a caption and a keyboard the message keeps neither, as on Telegram.
    bare = await bot.edit_message_media(Photo(png(8, 8)), chat_id=CHAT, message_id=first.message_id)
    assert bare.caption is None and bare.reply_markup is None


async def test_a_file_id_is_reused_and_the_very_same_edit_is_not_modified(
    sandbox: BotApiSandbox, bot: Bot
) -> None:
    picture = await bot.send_photo(CHAT, png(30, 30), caption="cached")
    file_id = picture.photo[-1].file_id
    page = await bot.send_photo(CHAT, png(30, 30, 0), caption="page")
    uploads_before = len(sandbox.calls_to("editMessageMedia"))

    edited = await bot.edit_message_media(
        Photo(file_id, caption="page 2"), chat_id=CHAT, message_id=page.message_id
    )
    assert edited.photo[-1].file_id == file_id
    assert sandbox.calls_to("editMessageMedia")[uploads_before].files == {}  # nothing uploaded
    assert sandbox.message(CHAT, page.message_id).file_bytes == png(30, 30)  # type: ignore[union-attr]

    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_media(
            Photo(file_id, caption="page 2"), chat_id=CHAT, message_id=page.message_id
        )
    # The same file with another caption is a change.
    await bot.edit_message_media(
        Photo(file_id, caption="page 3"), chat_id=CHAT, message_id=page.message_id
    )


async def test_a_text_message_can_be_given_a_picture(sandbox: BotApiSandbox, bot: Bot) -> None:
    text = await bot.send_message(CHAT, "🎉 Lesson done", reply_markup=keyboard("go"))
    edited = await bot.edit_message_media(
        Photo(png(20, 20), caption="Lesson 3"), chat_id=CHAT, message_id=text.message_id
    )
    assert edited.text is None and edited.caption == "Lesson 3" and edited.photo
    now = sandbox.message(CHAT, text.message_id)
    assert now is not None and now.kind == "photo" and now.text == "Lesson 3"


async def test_what_telegram_refuses_is_refused(sandbox: BotApiSandbox, bot: Bot) -> None:
    page = await bot.send_photo(CHAT, png(30, 30))
    message_id = page.message_id
    document = await bot.send_document(CHAT, b"notes", filename="notes.txt")

    refusals = {
        "message caption is too long": Photo(
            png(9, 9), caption="<b>x</b>" * 1025, parse_mode="HTML"
        ),
        "can't parse entities": Photo(png(9, 9), caption="1 < 2 <b", parse_mode="HTML"),
        "IMAGE_PROCESS_FAILED": Photo(b"not a picture at all"),
        "PHOTO_INVALID_DIMENSIONS": Photo(png(2100, 10)),
        "type of file mismatch": Photo(document.document.file_id),
        "wrong file identifier": Photo("AgADnot-a-file"),
    }
    for error, media in refusals.items():
        with pytest.raises(BadRequest, match=f"(?i){error}"):
            await bot.edit_message_media(media, chat_id=CHAT, message_id=message_id)

    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_media(Photo(png(9, 9)), chat_id=CHAT, message_id=9999)
    users_own = sandbox.send_text(CHAT, "my text")
    with pytest.raises(BadRequest, match="can't be edited"):
        await bot.edit_message_media(Photo(png(9, 9)), chat_id=CHAT, message_id=users_own)
    # Broken InputMedia objects, sent raw (PTB itself would not build them).
    async with httpx.AsyncClient() as client:
        for broken in ({"type": "photo"}, {"type": "sticker", "media": "x"}, "photo"):
            answer = await client.post(
                f"{sandbox.url}/bot{TOKEN}/editMessageMedia",
                json={"chat_id": CHAT, "message_id": message_id, "media": broken},
            )
            assert answer.status_code == 400
            assert "media" in answer.json()["description"].lower(), broken
    # Nothing of it changed the picture.
    assert sandbox.message(CHAT, message_id).file_bytes == png(30, 30)  # type: ignore[union-attr]


async def test_an_album_keeps_its_kind(sandbox: BotApiSandbox, bot: Bot) -> None:
    album = await bot.send_media_group(CHAT, [Photo(png(10, 10)), Photo(png(12, 12))])
    with pytest.raises(BadRequest, match="album"):
        await bot.edit_message_media(
            InputMediaDocument(b"a file", filename="a.txt"),
            chat_id=CHAT,
            message_id=album[0].message_id,
        )
    swapped = await bot.edit_message_media(
        Photo(png(14, 14)), chat_id=CHAT, message_id=album[0].message_id
    )
    assert swapped.photo[-1].width == 14 and swapped.media_group_id == album[0].media_group_id
