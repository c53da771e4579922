"""The inbox (every update Telegram sent us) and the outbox (every reply that reports a stored
result), the two tables that make handling exactly-once and replies guaranteed.
See `db/repositories/inbox.py` and `db/repositories/outbox.py`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utcnow


class InboxUpdate(Base):
    """One update, stored (and committed) before Telegram is told it arrived; `done_at` is set
    in the same transaction as the effects of handling it.

    `chat_id` and `user_id` are plain ids, not foreign keys: the update is stored before its
    sender has a row in `users` (handling it creates that row), and a group's chat id names no
    user. Deleting a user's data deletes their rows here by `user_id` explicitly. `payload` (the
    raw update: names, texts) is cleared once the update is done; done rows are pruned after
    `db.repositories.inbox.RETENTION`."""

    __tablename__ = "inbox_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(nullable=True, index=True)
    # On PostgreSQL, the replica handling it (`Replica.id`), set when it claims the update;
    # another replica may take it over once that one stops beating (db.repositories.replicas).
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)


class OutboxMessage(Base):
    """A message owed to a chat, written in the same transaction as the result it reports and
    deleted once Telegram has accepted it. Rows the sender gave up on stay, `status="failed"`
    with the reason, until pruned."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # The recipient when the chat is a user's private chat, so that deleting the user deletes
    # what we still owe them; None for group chats.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True
    )
    priority: Mapped[int] = mapped_column(Integer, default=0)  # 0 interactive, 1 bulk
    kind: Mapped[str] = mapped_column(String(16), default="message")  # message|document|photo
    text: Mapped[str] = mapped_column(Text, default="")  # the text, or a file's caption
    parse_mode: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reply_markup: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    file_name: Mapped[str | None] = mapped_column(String(128), nullable=True)
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    update_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # what caused it
    # The replica whose sender sends it (PostgreSQL; `Replica.id`); a live replica adopts the
    # rows of one that stopped beating.
    owner: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    failed_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Replica(Base):
    """A running bot process sharing the database (PostgreSQL): it claims updates and sends
    outbox rows under its `id`, and beats (`seen_at`, the database's clock) every few
    seconds. One that has not beaten for `db.repositories.replicas.LEASE` is taken for dead:
    the others take over its claims and its outbox rows. No user data."""

    __tablename__ = "replicas"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    started_at: Mapped[datetime] = mapped_column()
    seen_at: Mapped[datetime] = mapped_column(index=True)
