"""Names in alphabetical order, Ukrainian included, as a database can sort them.

`collation_key` is the Unicode Collation Algorithm's key of a name (pyuca, DUCET);
`register_key` packs a student's (surname, first name) keys into bytes whose plain byte order
(SQLite's BLOB comparison, PostgreSQL's bytea) is the order of the tuples, so a class register
can be paged by the database (`ORDER BY sort_key, id … LIMIT`) instead of sorting in Python."""

from __future__ import annotations

import functools
import unicodedata

from pyuca import Collator

# Dictionaries and class registers ignore the apostrophe (Мар'яна sorts as Марʼяна, Маряна).
_APOSTROPHES = str.maketrans("", "", "'\u2019\u02bc`\u00b4")
# Each weight of a key as 3 bytes, shifted by one, so that the separator between the surname
# and the first name (three zero bytes) sorts below every weight: a surname that is a prefix of
# another sorts first, exactly as the shorter tuple does. (UCA weights fit in 16 bits; 0 is
# pyuca's level separator inside a key.)
_WEIGHT_BYTES = 3
_SEPARATOR = bytes(_WEIGHT_BYTES)


@functools.cache
def _collator() -> Collator:
    return Collator()  # the Unicode Collation Algorithm's default table (DUCET)


def collation_key(text: str) -> tuple[int, ...]:
    """A sort key for a name in alphabetical order, Ukrainian included: ґ after г, є after е,
    і and ї after и, й after ї (code points would put ґ, є, і, ї after я). Case and spacing
    only break ties; apostrophes are ignored."""
    cleaned = " ".join(unicodedata.normalize("NFD", text).translate(_APOSTROPHES).split())
    return tuple(_collator().sort_key(cleaned))


def _packed(key: tuple[int, ...]) -> bytes:
    return b"".join((weight + 1).to_bytes(_WEIGHT_BYTES, "big") for weight in key)


def register_key(first_name: str | None, last_name: str | None) -> bytes:
    """The register's order (surname, then first name) as bytes: for any two students,
    comparing these bytes gives the order of (collation_key(surname), collation_key(first
    name)); the user id breaks the remaining ties."""
    surname, first = collation_key(last_name or ""), collation_key(first_name or "")
    return _packed(surname) + _SEPARATOR + _packed(first)
