"""Small pure helpers of the teacher feature: cleaning what teachers and students type,
building links and parsing command arguments. No Telegram, no database."""

from __future__ import annotations

import re
import unicodedata

from db.repositories.classes import CODE_ALPHABET, CODE_LENGTH

MAX_NAME = 64  # a class name fits a button and a chart title
MAX_INPUT = 300  # anything longer is not a code or a name
MAX_CLASSES = 50  # per teacher: more is a runaway script, and buttons would not fit
JOIN_PREFIX = "c_"
INVITE_PREFIX = "t_"

_START_PAYLOAD = re.compile(r"start=([ct]_[A-Za-z0-9_-]{1,62})")
_CODE_JUNK = re.compile(r"[\s\-_.·–—]+")
_CODE_RE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
_SPACES = re.compile(r"\s+")

BASE_SYNONYMS: dict[str, str] = {
    "2": "2", "bit": "2", "bits": "2", "біт": "2", "біти": "2", "бiти": "2", "log2": "2",
    "e": "e", "е": "e", "ln": "e", "nat": "e", "nats": "e", "нат": "e", "нати": "e",
    "10": "10", "lg": "10", "log10": "10", "hartley": "10", "hartleys": "10", "гартлі": "10",
    "dit": "10", "dits": "10",
}  # fmt: skip


def clean_name(text: str) -> str:
    """A class name as we store it: no control or format characters, single spaces, capped."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text[:MAX_INPUT]
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return _SPACES.sub(" ", kept).strip()[:MAX_NAME].strip()


def normalize_code(text: str) -> str:
    """What a student typed → a join code candidate: the link or `c_` prefix removed, spaces
    and dashes dropped, upper case. `ab3k-7qxz` and `c_AB3K7QXZ` both give `AB3K7QXZ`."""
    text = text[:MAX_INPUT].strip()
    found = _START_PAYLOAD.search(text)
    if found:
        text = found.group(1)
    if text[:2].lower() == JOIN_PREFIX:
        text = text[2:]
    return _CODE_JUNK.sub("", text).upper()[:32]


def looks_like_code(code: str) -> bool:
    return bool(_CODE_RE.match(code))


def parse_base(text: str) -> str | None:
    """`2`, `e`, `10` and obvious synonyms (`bits`, `ln`, `lg`, `нати`…) → "2" | "e" | "10"."""
    word = text.strip().lower()
    if word.startswith("base"):
        word = word[4:].lstrip("=: ")
    elif word.startswith("основа"):
        word = word[6:].lstrip("=: ")
    return BASE_SYNONYMS.get(word)


def parse_settings_args(args: list[str]) -> tuple[str | None, str | None, bool]:
    """`/settings CODE base=e` → (code, base, base_given). The base may also come as
    `base e`, `base= e` or a bare `e`. `base_given` is True when something was offered as a
    base, so a wrong base can be told apart from a missing one."""
    if not args:
        return None, None, False
    if "=" in args[0] or parse_base(args[0]) is not None:
        # `/settings base=e` without a code: the class is asked for with buttons.
        return None, None, False
    code = normalize_code(args[0])
    rest = " ".join(args[1:])[:MAX_INPUT].strip()
    if not rest:
        return code, None, False
    return code, parse_base(rest.replace(" ", "")), True


def start_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def join_link(bot_username: str, code: str) -> str:
    return start_link(bot_username, JOIN_PREFIX + code)


def invite_link(bot_username: str, token: str) -> str:
    return start_link(bot_username, INVITE_PREFIX + token)


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, with an ellipsis when cut."""
    line = _SPACES.sub(" ", text).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
