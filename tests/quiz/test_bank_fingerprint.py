"""The bank writes exactly the questions it wrote before it was made faster: every field of 3,000
questions (all topics × levels × languages, typed and multiple choice, small and large seeds,
drawn and explicit bases) hashes to the fingerprint recorded from main (`fingerprint.py`)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.quiz.fingerprint import fingerprint

RECORDED = Path(__file__).with_name("bank_fingerprint.json")


def test_every_question_is_the_one_main_wrote() -> None:
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    now = fingerprint()
    assert now.keys() == recorded.keys()
    changed = [group for group in recorded if now[group] != recorded[group]]
    assert changed == []
