"""Run `python -m bot` counting every SQL statement and commit it makes (bench-only
instrumentation, `bench/bot_bench.py --count-sql`): SIGUSR1 writes the counts so far to the
file named by SQL_COUNTS_FILE, so the bench reads them before and after its timed rounds.

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

counts = {"statements": 0, "commits": 0, "checkouts": 0}


def _count(kind: str) -> Any:
    def listener(*_: object) -> None:
        counts[kind] += 1

    return listener


def _write(*_: object) -> None:
    Path(os.environ["SQL_COUNTS_FILE"]).write_text(json.dumps(counts))


event.listen(Engine, "before_cursor_execute", _count("statements"))
event.listen(Engine, "commit", _count("commits"))
event.listen(Pool, "checkout", _count("checkouts"))
signal.signal(signal.SIGUSR1, _write)

if __name__ == "__main__":
    runpy.run_module("bot", run_name="__main__", alter_sys=True)
