"""`python -m bot demo` as a person would use it for the class games: dice and polls printed
sensibly, and `:group` — a class group with simulated classmates who play along."""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_cli import run_cli


def turns(transcript: str) -> dict[str, str]:
    """What followed each line the person typed (the last occurrence of each line)."""
    parts = re.split(r"^you> ", transcript, flags=re.MULTILINE)
    return {part.splitlines()[0]: part for part in parts[1:]}


def test_the_demo_rolls_dice_and_plays_a_dice_game_in_the_class_group(tmp_path: Path) -> None:
    lines = ["/newclass 7-Б", "/game", "#1", "#1", "#1", ":group", "/live dice 2", "#3", "#5"]
    script = "\n".join([*lines, "#5", ":private", "/progress", ":quit"])
    result = run_cli(tmp_path, "demo", "--teacher", "--out", "pics", stdin=script + "\n")
    assert result.returncode == 0, result.stderr
    said = turns(result.stdout)
    assert re.search(r"^bot> 🎲 [1-6]$", said["#1"], flags=re.MULTILINE)  # the /game roll
    group = said[":group"]
    assert "(ви в групі «7-Б · демо» з однокласниками: Софія, Петро, Іра)" in group
    [bind] = [text for line, text in said.items() if re.fullmatch(r"/live [A-Z0-9]{8}", line)]
    assert "✅ Групу прив’язано до класу «7-Б»" in bind  # the demo bound the group for you
    board = said["/live dice 2"]
    assert "[7-Б · демо] bot> 🎲 Гра з кубиком · кидків: 0 з 2" in board
    assert "[#3 🎯 дивний кубик]" in board
    assert "bot 🔔 Ти граєш, твої переконання: 🎯 дивний кубик" in said["#3"]
    last_roll = result.stdout.split("you> #5")[-1]
    assert re.search(r"\[7-Б · демо\] bot> 🎲 [1-6]", last_roll)
    assert "кидків: 2 з 2" in last_roll and "🏆 Найменше здивувалися:" in last_roll
    for classmate in ("Софія", "Петро", "Іра"):
        assert classmate in last_roll  # they joined the game by themselves


def test_the_demo_shows_a_quiz_poll_you_and_your_classmates_answer(tmp_path: Path) -> None:
    script = "/newclass 7-Б\n:group\n/live quiz probability 1\n#1\n#5\n:quit\n"
    result = run_cli(tmp_path, "demo", "--teacher", "--out", "pics", stdin=script)
    assert result.returncode == 0, result.stderr
    said = turns(result.stdout)
    asked = said["/live quiz probability 1"]
    assert "[7-Б · демо] bot> 📊 1/1. " in asked  # the poll, its options numbered to vote
    assert re.search(r"^\s+\[#1 .+\]$", asked, flags=re.MULTILINE)
    assert "⏱ Питання 1 з 1: 30 с." in asked and "[#5 ⏹ Стоп (вчитель)]" in asked
    stopped = said["#5"]
    counts = [int(n) for n in re.findall(r"^\s+(?:✅|▫️) .+ — (\d+)$", stopped, re.MULTILINE)]
    assert sum(counts) == 2 * 4  # the closed poll and the results: you and three classmates
    assert "📊 Питання 1 з 1: результати" in stopped and "Відповідей: 4" in stopped
    assert "🏆 Підсумки вікторини" in stopped
