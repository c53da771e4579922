"""Reading the answers a student types from a paper worksheet (`/check`), pure.

All at once as a numbered list — `1) 0,5  2) 1/6  3) log2(6)`, one per line or on one line,
with `1)`, `1.` or `1:` — or in order without numbers (one per line, or separated by `;`),
or one answer for the next unchecked task. A label `N)` inside an unclosed bracket is part
of an answer (`log(6, 2)`), not the start of task 2."""

from __future__ import annotations

import re

MAX_TEXT = 2000  # a list of 40 answers fits easily
MAX_ANSWER = 200  # the answer parser's own cap
SKIP_WORDS = frozenset({"-", "—", "–", "?", "пропуск", "пропустити", "skip", "pass"})

_LABEL = re.compile(r"(?:^|(?<=[\s;,]))(\d{1,2})\s?[).:](?=\s|$)")


def is_skip(text: str) -> bool:
    return text.strip().lower() in SKIP_WORDS


def numbered(text: str, count: int) -> dict[int, str] | None:
    """`{number: answer}` when `text` starts with a task number label; None otherwise."""
    text = text.strip()
    labels: list[re.Match[str]] = []
    for match in _LABEL.finditer(text):
        number = int(match.group(1))
        if not 1 <= number <= count or (labels and number <= int(labels[-1].group(1))):
            continue
        start = labels[-1].end() if labels else 0
        if _unclosed(text[start : match.start()]):
            continue  # "log(6, 2)": that ")" closes a bracket
        labels.append(match)
    if not labels or labels[0].start() != 0:
        return None
    answers: dict[int, str] = {}
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        answers[int(label.group(1))] = _clean(text[label.end() : end])
    return answers


def in_order(text: str) -> list[str]:
    """Answers without numbers: one per line, or separated by `;` on one line."""
    lines = [line for line in (_clean(line) for line in text.splitlines()) if line]
    if len(lines) == 1 and ";" in lines[0]:
        lines = [part for part in (_clean(part) for part in lines[0].split(";")) if part]
    return lines


def _unclosed(text: str) -> bool:
    return text.count("(") > text.count(")")


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ;,")[:MAX_ANSWER]
