"""The layers point one way: bot → db → quiz. The domain stays pure."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_top_level_modules(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_quiz_imports_no_telegram_database_or_outer_layers() -> None:
    forbidden = {"telegram", "sqlalchemy", "alembic", "aiohttp", "bot", "db"}
    for path, names in imported_top_level_modules("quiz").items():
        assert not names & forbidden, f"{path} imports {names & forbidden}"


def test_db_does_not_know_telegram() -> None:
    forbidden = {"telegram", "bot"}
    for path, names in imported_top_level_modules("db").items():
        assert not names & forbidden, f"{path} imports {names & forbidden}"


def test_no_eval_or_symbolic_parsing_anywhere() -> None:
    banned = {"eval", "exec", "sympify", "parse_expr"}
    for package in ("quiz", "db", "bot"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                    assert name not in banned, f"{path}:{node.lineno} calls {name}"


def modules_loaded_by(program: str) -> set[str]:
    """The top-level packages a fresh interpreter has imported after running `program`."""
    program += "\nimport sys\nprint(' '.join(sorted({n.split('.')[0] for n in sys.modules})))\n"
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True
    )
    return set(done.stdout.split())


def test_the_bot_loads_typesetting_and_migrations_only_when_it_needs_them() -> None:
    """Every start pays for what it imports in memory (a school's server runs the bot for
    months): Typst (~7 MB), pypdf and Alembic (~10 MB) load with the first worksheet or formula
    card, or when the database needs a migration — not with the bot's code."""
    loaded = modules_loaded_by("import bot.app, bot.lifecycle")
    assert "bot" in loaded  # the program ran
    assert not loaded & {"typst", "pypdf", "alembic"}
