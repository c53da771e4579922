"""Mastery of a topic: a number in [0, 1] that moves towards 1 with each right answer and
towards 0 with each wrong or skipped one. Recent answers weigh more than old ones (an
exponential moving average), and a right answer after hints counts for less."""

from __future__ import annotations

# How much one answer moves mastery. 0.25 means about 8 right answers in a row take a new
# student from 0 to 0.9: enough practice to mean something, few enough to feel progress.
STEP = 0.25
HINT_DISCOUNT = 0.5  # a right answer after a hint earns half the credit
LEVEL_UP = 0.7  # mastery from which the next level is offered
LEVEL_DOWN = 0.3  # mastery below which we step back a level
MAX_LEVEL = 3

GLYPHS = ("⬜", "🟥", "🟧", "🟨", "🟩")  # none yet, weak, so-so, good, mastered


def answer_credit(correct: bool, hints_used: int = 0) -> float:
    """1 for a clean right answer, less after hints, 0 for wrong or skipped."""
    if hints_used < 0:
        raise ValueError("hints_used cannot be negative")
    if not correct:
        return 0.0
    return 1.0 if hints_used == 0 else HINT_DISCOUNT


def update_mastery(previous: float, correct: bool, hints_used: int = 0) -> float:
    """The new mastery after one answer."""
    if not 0.0 <= previous <= 1.0:
        raise ValueError("mastery must lie between 0 and 1")
    credit = answer_credit(correct, hints_used)
    return previous + STEP * (credit - previous)


def next_level(level: int, mastery: float) -> int:
    """The level to ask next: up when mastered, down when struggling, within 1..3."""
    if mastery >= LEVEL_UP:
        return min(MAX_LEVEL, level + 1)
    if mastery < LEVEL_DOWN:
        return max(1, level - 1)
    return max(1, min(MAX_LEVEL, level))


def mastery_bar(mastery: float, width: int = 10) -> str:
    """A bar of `width` cells, e.g. ▰▰▰▰▰▰▱▱▱▱ for 0.6."""
    filled = round(max(0.0, min(1.0, mastery)) * width)
    return "▰" * filled + "▱" * (width - filled)


# Where mastery changes colour, for every picture of it (glyphs, charts): weak, so-so, good,
# mastered.
BANDS = (0.3, 0.6, 0.85)


def mastery_band(mastery: float) -> int:
    """0 weak (< 0.3), 1 so-so (< 0.6), 2 good (< 0.85), 3 mastered."""
    return sum(mastery >= edge for edge in BANDS)


def mastery_glyph(mastery: float | None) -> str:
    """One coloured square for a class table: ⬜ no attempts, 🟥 < 0.3, 🟧 < 0.6, 🟨 < 0.85, 🟩."""
    if mastery is None:
        return GLYPHS[0]
    return GLYPHS[1 + mastery_band(mastery)]
