"""The SQLite files on disk: who may read them, and consistent copies of them.

The database holds minors' names and answers, so it, its WAL and shared-memory files and its
backups are mode 0600 (owner only) in folders of mode 0700. The database file is created here,
0600, before SQLite first opens it: SQLite gives the -wal and -shm files it creates later the
mode of the database file, whatever the umask. Files and folders found too open on start are
tightened, and the change is logged. A folder the bot did not create and that others share
(the working directory, the home folder, /tmp, someone else's) is never changed, only warned
about: keep the database in a folder of its own."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
OTHERS = 0o077  # the group's and everyone else's permission bits
SIDE_FILES = ("-wal", "-shm", "-journal")
BACKUP_FOLDER = "backups"
BACKUP_SUFFIX = ".sqlite3"
BUSY_TIMEOUT_SECONDS = 30.0


class BackupError(RuntimeError):
    """The copy could not be made or failed its integrity check; nothing was left behind."""


@dataclass(frozen=True)
class Tightened:
    path: Path
    before: int
    after: int


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    return Path(database)


def make_private_folder(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents, each 0700; returns the folders created."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for created in reversed(missing):
        created.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        os.chmod(created, PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask
    return missing


def create_private_file(path: Path) -> bool:
    """Create an empty file readable by its owner only, if there is none; True if created."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(descriptor)
    return True


def tighten(path: Path) -> Tightened | None:
    """Take every permission of the group and of others away from `path` (the owner keeps
    theirs), logging the change; None when there was nothing to take."""
    before = stat.S_IMODE(path.stat().st_mode)
    if not before & OTHERS:
        return None
    after = before & ~OTHERS
    os.chmod(path, after)
    log.warning(
        "Permissions of %s were %04o, now %04o: it holds students' data", path, before, after
    )
    return Tightened(path, before, after)


def is_shared_folder(folder: Path) -> bool:
    """A folder that is not only the bot's: the working directory, the home folder, a sticky
    folder such as /tmp, or one owned by someone else."""
    resolved = folder.resolve()
    if resolved in (Path.cwd().resolve(), Path.home().resolve(), Path(resolved.anchor)):
        return True
    info = resolved.stat()
    return bool(info.st_mode & stat.S_ISVTX) or info.st_uid != os.geteuid()


def secure_sqlite_files(url: str) -> list[Tightened]:
    """Before the first connection: the database's folder exists (0700 when created here),
    the database file exists (0600 when created here), and the database, its side files,
    the backups folder and the backups in it lose any permission of others. Returns what was
    tightened (each change is also logged). Nothing to do for PostgreSQL or in-memory SQLite."""
    path = sqlite_path(url)
    if path is None:
        return []
    folder = path.parent
    make_private_folder(folder)
    create_private_file(path)
    candidates: list[Path] = []
    if not is_shared_folder(folder):
        candidates.append(folder)
    elif stat.S_IMODE(folder.stat().st_mode) & OTHERS:
        log.warning(
            "The database is in %s, a folder others can open; keep it in a folder of its own "
            "(the default ./data is made 0700)",
            folder,
        )
    candidates += [path, *(path.with_name(path.name + side) for side in SIDE_FILES)]
    backups = folder / BACKUP_FOLDER
    if backups.is_dir():
        candidates += [backups, *sorted(backups.iterdir())]
    existing = [p for p in candidates if p.is_file() or p.is_dir()]
    return [change for change in map(tighten, existing) if change is not None]


# ---------------------------------------------------------------- backups


def default_backup_path(database: Path, now: datetime) -> Path:
    """`<database folder>/backups/<name>-<UTC timestamp>.sqlite3`."""
    stamp = now.strftime("%Y%m%d-%H%M%SZ")
    return database.parent / BACKUP_FOLDER / f"{database.stem}-{stamp}{BACKUP_SUFFIX}"


def backup_sqlite(database: Path, destination: Path) -> Path:
    """Copy the database consistently while the bot may be writing to it, with SQLite's
    online backup API: the copy is one snapshot (every transaction committed before it
    began, none after), checked with `PRAGMA integrity_check`, self-contained (no -wal file
    needed), mode 0600 in a 0700 folder. It is written beside `destination` and renamed into
    place only when complete, so a failed run never leaves a half copy or replaces a good one.
    Returns `destination`; raises FileNotFoundError or BackupError."""
    if not database.is_file():
        raise FileNotFoundError(f"there is no database at {database}")
    make_private_folder(destination.parent)
    partial = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    try:
        _copy(database, partial)
        os.chmod(partial, PRIVATE_FILE)
        os.replace(partial, destination)
    except BaseException:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in SIDE_FILES)):
            leftover.unlink(missing_ok=True)
        raise
    return destination


def _copy(database: Path, target: Path) -> None:
    source = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        copy = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            # One step (pages=-1) under one read transaction: a consistent snapshot, and in
            # WAL mode the bot keeps writing meanwhile.
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # the source's WAL flag came along
            verdict = copy.execute("PRAGMA integrity_check").fetchone()
        finally:
            copy.close()
    except sqlite3.Error as error:
        raise BackupError(f"could not copy {database}: {error}") from error
    finally:
        source.close()
    if verdict is None or verdict[0] != "ok":
        raise BackupError(f"the copy of {database} failed its integrity check: {verdict}")
