"""`python -m bot backup [PATH]`: a consistent copy of the SQLite database, made while the bot
runs (see `db.files.backup_sqlite`). PATH may be a file or an existing folder; without it the
copy goes to `backups/` next to the database, named with the UTC time. Prints the copy's path.
Exit status: 0 done, 1 the copy failed, 2 nothing to copy here (PostgreSQL, in-memory SQLite,
an invalid DATABASE_URL)."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError

from bot.config import DatabaseSettings
from db.files import BackupError, backup_sqlite, default_backup_path, sqlite_path
from db.models import utcnow

EXIT_FAILED = 1
EXIT_NOT_APPLICABLE = 2

USAGE = """\
usage: python -m bot backup [PATH]
Copies the SQLite database (DATABASE_URL) consistently, even while the bot runs, to PATH (a file,
or a folder to put it in) or by default to backups/ next to the database; prints the copy's path.
The copy is readable by its owner only (0600)."""

PG_DUMP_HELP = """\
DATABASE_URL is a PostgreSQL database: back it up with PostgreSQL's own tool, which also takes a
consistent snapshot while the bot runs, e.g.
    pg_dump --format=custom --file=surprise-quiz-$(date +%F).dump "postgresql://USER@HOST/DBNAME"
(the URL of DATABASE_URL without "+asyncpg"); restore with pg_restore. Keep dumps readable by
their owner only: umask 077 before running it."""


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if len(argv) > 1:
        print(f"too many arguments\n{USAGE}", file=sys.stderr)
        return EXIT_NOT_APPLICABLE
    try:
        url = DatabaseSettings().database_url
    except ValidationError as exc:
        print(f"DATABASE_URL is not valid: {exc.errors()[0]['msg']}", file=sys.stderr)
        return EXIT_NOT_APPLICABLE
    if url.startswith("postgresql"):
        print(PG_DUMP_HELP, file=sys.stderr)
        return EXIT_NOT_APPLICABLE
    database = sqlite_path(url)
    if database is None:
        print("DATABASE_URL is not a SQLite file: there is nothing to copy.", file=sys.stderr)
        return EXIT_NOT_APPLICABLE
    destination = _destination(argv[0] if argv else None, database)
    try:
        copy = backup_sqlite(database, destination)
    except (FileNotFoundError, BackupError, OSError) as exc:
        print(f"The backup failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(copy)
    return 0


def _destination(argument: str | None, database: Path) -> Path:
    default = default_backup_path(database, utcnow())
    if argument is None:
        return default
    path = Path(argument).expanduser()
    return path / default.name if path.is_dir() else path
