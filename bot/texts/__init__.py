"""Every text a user can see, in Ukrainian and English.

Each feature keeps its texts in its own module here (`common`, `student`, `teacher`,
`homework`), as two dicts `UK` and `EN` with the same keys; `t(lang, key, **values)` formats
one. A test checks that both languages have the same keys and the same placeholders.
A number with a noun goes through `count_phrase`, so the noun agrees with it ("3 задачі").
"""

from __future__ import annotations

from bot.texts import (
    check,
    common,
    counts,
    dashboard,
    game,
    homework,
    lab,
    learn,
    live,
    privacy,
    remind,
    roster,
    student,
    teacher,
    worksheet,
)
from quiz.numbers import format_number, plural_form

LANGUAGES = ("uk", "en")
_MODULES = (
    common,
    student,
    teacher,
    roster,
    homework,
    learn,
    lab,
    worksheet,
    check,
    privacy,
    counts,
    dashboard,
    game,
    live,
    remind,
)


def _merge() -> dict[str, dict[str, str]]:
    catalogs: dict[str, dict[str, str]] = {"uk": {}, "en": {}}
    for module in _MODULES:
        for lang, texts in (("uk", module.UK), ("en", module.EN)):
            clash = catalogs[lang].keys() & texts.keys()
            if clash:
                raise RuntimeError(f"text keys defined twice: {sorted(clash)}")
            catalogs[lang].update(texts)
    return catalogs


CATALOGS = _merge()


def t(lang: str, key: str, /, **values: object) -> str:
    """The text `key` in `lang` (English when the language is unknown), with `values` filled in."""
    catalog = CATALOGS.get(lang, CATALOGS["en"])
    template = catalog.get(key)
    if template is None:
        template = CATALOGS["en"][key]
    return template.format(**values) if values else template


def count_phrase(lang: str, count: float, key: str, /) -> str:
    """`count` followed by the noun `key` (an "n.*" key of `bot.texts.counts`) in the form
    that agrees with it: count_phrase("uk", 3, "n.task") == "3 задачі", "1 student" in English.
    Whole numbers print as they are; fractional ones with the language's decimal mark."""
    catalog_lang = lang if lang in CATALOGS else "en"
    forms = t(catalog_lang, key).split("|")
    whole = float(count).is_integer()
    shown = str(int(count)) if whole else format_number(count, catalog_lang)
    return f"{shown} {plural_form(shown, catalog_lang, forms)}"
