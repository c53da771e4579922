"""This bot process as one replica among several sharing a PostgreSQL database (behind a load
balancer, each serving the webhook): it beats, takes over the outbox of replicas that
stopped, and leaves cleanly. Updates are claimed by `bot.inbox`; reminders, notices and
summaries are claimed by their own jobs (`db.repositories.reminders`, `…homework`), so each
goes out once whichever replica's job runs. See `db.repositories.replicas` for the rules."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from bot.outbox import OutboxSender
from db.repositories import replicas
from db.session import Database

log = logging.getLogger(__name__)

REPLICA_KEY = "replica"  # in bot_data


class ReplicaDuties:
    """Beat every `replicas.HEARTBEAT`; each beat also adopts the pending outbox rows of
    replicas that stopped beating (their messages go out from here, in the order written)."""

    def __init__(self, database: Database, sender: OutboxSender) -> None:
        assert database.replica_id is not None, "replicas share PostgreSQL"
        self.id = database.replica_id
        self._database = database
        self._sender = sender
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Announce this replica and adopt what dead ones left, then keep beating."""
        adopted = await self.beat()
        log.info("replica %s started (%d outbox message(s) taken over)", self.id, adopted)
        self._task = asyncio.create_task(self._beat_forever(), name="replica:beat")

    async def beat(self) -> int:
        async with self._database.writer() as session:
            await replicas.beat(session, self.id)
            rows = await replicas.adopt_outbox(session, self.id)
            await session.commit()
        if rows:
            log.info("replica %s took over %d outbox message(s)", self.id, len(rows))
            self._sender.admit(rows)
        return len(rows)

    async def _beat_forever(self) -> None:
        while True:
            await asyncio.sleep(replicas.HEARTBEAT.total_seconds())
            try:
                await self.beat()
            except Exception:  # the database is away: claims run out, others take over
                log.exception("replica %s could not beat", self.id)

    async def stop(self) -> None:
        """Stop beating and leave: the others take over this replica's leftovers at once."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        try:
            async with self._database.writer() as session:
                await replicas.leave(session, self.id)
                await replicas.forget_departed(session)
                await session.commit()
        except Exception:
            log.exception("replica %s could not leave cleanly", self.id)


def duties_of(application: Any) -> ReplicaDuties | None:
    return application.bot_data.get(REPLICA_KEY)
