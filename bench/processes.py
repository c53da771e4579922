"""The bot (and the bare echo bot it is compared with) as processes of their own, as on a
user's server, and what they cost: CPU seconds and memory read from /proc.

Shared by bench/bot_bench.py, bench/burst_bench.py and bench/report_bench.py. The benches
keep the loopback Bot API server and the simulated students in their own process, so the
CPU a bot process uses is the bot's alone (all its threads: the event loop, aiosqlite's
thread, PTB's…), read from /proc/<pid>/stat (utime + stime, in clock ticks)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
TOKEN = "123456:BENCH-TOKEN"
# Settings a bench must control whatever the caller's shell has exported.
_OURS = ("TELEGRAM_", "DATABASE_URL", "ADMIN_IDS", "QUIET_HOURS", "WEBHOOK_", "REMINDER_")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (the machine is shared: figures need them)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def cpu_seconds(pid: int, tid: int | None = None) -> float:
    """User + system CPU time of the process (all its threads), or of one of its threads."""
    stat = Path(f"/proc/{pid}/stat" if tid is None else f"/proc/{pid}/task/{tid}/stat")
    # Fields after the command name (which may hold spaces, hence the last ')'): state is
    # field 3, utime 14 and stime 15 (man 5 proc).
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def main_thread_cpu(pid: int) -> float:
    """CPU time of the process's main thread: the event loop (the rest is in threads such
    as aiosqlite's connection thread or asyncio.to_thread's workers)."""
    return cpu_seconds(pid, pid)


def memory_mb(pid: int, key: str = "VmRSS") -> float:
    """VmRSS (now) or VmHWM (peak resident set so far) of the process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"{key} not in /proc/{pid}/status")


class Process:
    """A child process with its output in a log file; `stop()` asks it to end (SIGTERM, as
    systemd would) and kills it if it does not within `grace` seconds."""

    def __init__(self, name: str, process: asyncio.subprocess.Process, log: Path) -> None:
        self.name = name
        self.process = process
        self.log = log

    @property
    def pid(self) -> int:
        return self.process.pid

    def cpu(self) -> float:
        return cpu_seconds(self.pid)

    def loop_cpu(self) -> float:
        return main_thread_cpu(self.pid)

    def rss_mb(self) -> float:
        return memory_mb(self.pid, "VmRSS")

    def peak_rss_mb(self) -> float:
        return memory_mb(self.pid, "VmHWM")

    async def sql_counts(self) -> dict[str, int]:
        """Statements, commits and connection checkouts so far (bench/sql_counter.py)."""
        counts = self.log.with_suffix(".sql.json")
        counts.unlink(missing_ok=True)
        self.process.send_signal(signal.SIGUSR1)
        for _ in range(500):
            if counts.exists() and counts.stat().st_size:
                return dict(json.loads(counts.read_text()))
            await asyncio.sleep(0.01)
        raise TimeoutError(f"{self.name} wrote no SQL counts")

    def check_alive(self) -> None:
        if self.process.returncode is not None:
            tail = self.log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{tail}")

    async def stop(self, grace: float = 20.0) -> int:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), grace)
            except TimeoutError:
                self.kill()
                await self.process.wait()
        return self.process.returncode or 0

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGKILL)


def bot_environment(api_url: str, database_url: str, **settings: str | None) -> dict[str, str]:
    """The environment of a bot process: the caller's, minus any of our settings it had,
    plus these (TELEGRAM_RATE_LIMIT=0 and quiet hours off unless given; None leaves a
    setting unset, at the bot's default)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(_OURS)}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api_url,
        DATABASE_URL=database_url,
        TELEGRAM_RATE_LIMIT="0",
        QUIET_HOURS="off",
        ADMIN_IDS="",
        PYTHONUNBUFFERED="1",
    )
    for key, value in settings.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


async def start_process(
    name: str, args: list[str], env: Mapping[str, str], workdir: Path
) -> Process:
    """Run `python <args>` in `workdir` (so no .env of the caller's is read)."""
    log = workdir / f"{name}.log"
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            cwd=workdir,
            env={**env, "PYTHONPATH": str(ROOT)},
            stdin=asyncio.subprocess.DEVNULL,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )
    return Process(name, process, log)


async def start_bot(
    api_url: str,
    database_url: str,
    workdir: Path,
    name: str = "bot",
    *,
    count_sql: bool = False,
    **settings: str | None,
) -> Process:
    """`python -m bot`, the way a school runs it (with `count_sql`, through
    bench/sql_counter.py, which counts its SQL statements and commits)."""
    env = bot_environment(api_url, database_url, **settings)
    if not count_sql:
        return await start_process(name, ["-m", "bot"], env, workdir)
    env["SQL_COUNTS_FILE"] = str(workdir / f"{name}.sql.json")
    return await start_process(name, [str(ROOT / "bench" / "sql_counter.py")], env, workdir)


async def start_echo(api_url: str, workdir: Path) -> Process:
    """The framework's floor: bench/echo_bot.py, a bare python-telegram-bot echo bot."""
    env = bot_environment(api_url, "")
    return await start_process("echo", [str(ROOT / "bench" / "echo_bot.py")], env, workdir)


@contextlib.asynccontextmanager
async def fresh_database(
    workdir: Path, server_url: str | None, name: str = "bench"
) -> AsyncIterator[str]:
    """A database URL for one run: a new SQLite file in `workdir`, or, with `server_url`
    (postgresql+asyncpg://user@host:port/postgres), a new database on that server, dropped
    afterwards."""
    if not server_url:
        yield f"sqlite+aiosqlite:///{workdir}/{name}.sqlite3"
        return
    server = make_url(server_url)
    digest = hashlib.sha256(f"{workdir}/{name}/{time.time()}".encode()).hexdigest()[:16]
    database = f"bench_{digest}"
    await _postgres(server_url, f'CREATE DATABASE "{database}" TEMPLATE template0')
    try:
        yield server.set(database=database).render_as_string(hide_password=False)
    finally:
        await _postgres(server_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


async def _postgres(server_url: str, sql: str) -> None:
    import asyncpg  # the `postgres` extra

    server = make_url(server_url)
    connection = await asyncpg.connect(
        host=server.host,
        port=server.port,
        user=server.username,
        password=server.password,
        database=server.database or "postgres",
    )
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


class Profiler:
    """py-spy recording a process (`pip install py-spy`; needs ptrace rights): started
    before the timed part, stopped after it, writes a flame graph SVG (or, to a .txt file,
    the collapsed stacks, one line per stack with its sample count)."""

    def __init__(self, pid: int, output: Path) -> None:
        self.pid = pid
        self.output = output
        self._process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        beside_python = Path(sys.executable).parent / "py-spy"
        self._process = await asyncio.create_subprocess_exec(
            str(beside_python) if beside_python.exists() else "py-spy",
            "record",
            "--pid",
            str(self.pid),
            "--output",
            str(self.output),
            "--rate",
            "250",
            "--format",
            "raw" if self.output.suffix == ".txt" else "flamegraph",
            "--nonblocking",
            "--gil",  # only the thread holding the GIL: Python's CPU, not its waiting
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )

    async def stop(self) -> None:
        if self._process is None or self._process.returncode is not None:
            return
        self._process.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
        await asyncio.wait_for(self._process.wait(), 60)
