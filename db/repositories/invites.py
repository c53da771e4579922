"""One-time teacher invitations.

Only a SHA-256 digest of each token is stored, so a copy of the database does not hold usable
links. Redeeming is one conditional UPDATE, so two people opening the same link at once cannot
both become teachers."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Invite, User

TOKEN_BYTES = 16  # 128 random bits; token_urlsafe gives 22 characters of A-Za-z0-9_-
LIFETIME = timedelta(days=7)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


async def create(
    session: AsyncSession, *, created_by: int, now: datetime, lifetime: timedelta = LIFETIME
) -> tuple[str, datetime]:
    """A fresh invite: returns the token (to put in the link; not stored) and its expiry."""
    token = new_token()
    expires_at = now + lifetime
    session.add(
        Invite(token=digest(token), created_by=created_by, created_at=now, expires_at=expires_at)
    )
    await session.flush()
    return token, expires_at


class Redeemed(Enum):
    OK = "ok"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


async def redeem(session: AsyncSession, token: str, *, user_id: int, now: datetime) -> Redeemed:
    """Use the invite for `user_id` and make them a teacher, if it is unused and not expired."""
    key = digest(token)
    result = await session.execute(
        update(Invite)
        .where(Invite.token == key, Invite.used_by.is_(None), Invite.expires_at > now)
        .values(used_by=user_id, used_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) == 1:
        await session.execute(
            update(User)
            .where(User.id == user_id)
            .values(role="teacher")
            .execution_options(synchronize_session=False)
        )
        return Redeemed.OK
    invite = await session.get(Invite, key)
    if invite is None:
        return Redeemed.UNKNOWN
    if invite.used_by is not None:
        return Redeemed.USED
    return Redeemed.EXPIRED
