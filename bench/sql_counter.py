"""Run `python -m bot` counting every SQL statement and commit it makes (bench-only
instrumentation, `bench/bot_bench.py --count-sql`): SIGUSR1 writes the counts so far to the
file named by SQL_COUNTS_FILE, so the bench reads them before and after its timed rounds.
Statements deferred to a later trip (`db.sqlite_thread`) count as statements; `trips` are the
SQLite connection thread's round trips (statements and commits that went to it); `pings` are
PostgreSQL connections pinged as they left the pool (db.session._ping_on_checkout).

    python bench/sql_counter.py        # instead of python -m bot"""

from __future__ import annotations

import json
import os
import runpy
import signal
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from db import session, sqlite_thread
from db.sqlite_thread import OneTripConnection

counts = {
    "statements": 0,
    "commits": 0,
    "checkouts": 0,
    "pings": 0,
    "connects": 0,
    "trips": 0,
}


def _count(kind: str) -> Any:
    def listener(*_: object) -> None:
        counts[kind] += 1

    return listener


def _write(*_: object) -> None:
    Path(os.environ["SQL_COUNTS_FILE"]).write_text(json.dumps(counts))


event.listen(Engine, "before_cursor_execute", _count("statements"))
event.listen(Engine, "commit", _count("commits"))
event.listen(Pool, "checkout", _count("checkouts"))
event.listen(Pool, "connect", _count("connects"))
signal.signal(signal.SIGUSR1, _write)


class _CountingConnection(OneTripConnection):
    def defer(self, *args: Any) -> None:
        counts["statements"] += 1
        super().defer(*args)

    async def _execute(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        counts["trips"] += 1
        return await super()._execute(fn, *args, **kwargs)


def _counting_ping(driver_connection: Any) -> None:
    counts["pings"] += 1
    _ping(driver_connection)


# db.session's checkout listener looks its ping up when it pings (PostgreSQL).
_ping = session._ping
session._ping = _counting_ping

# db.sqlite_thread.creator looks the class up when it connects.
sqlite_thread.OneTripConnection = _CountingConnection  # type: ignore[misc]

if __name__ == "__main__":
    runpy.run_module("bot", run_name="__main__", alter_sys=True)
