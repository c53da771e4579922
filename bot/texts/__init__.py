"""Every text a user can see, in Ukrainian and English.

Each feature keeps its texts in its own module here (`common`, `student`, `teacher`,
`homework`), as two dicts `UK` and `EN` with the same keys; `t(lang, key, **values)` formats
one. A test checks that both languages have the same keys and the same placeholders.
"""

from __future__ import annotations

from bot.texts import common, homework, lab, learn, student, teacher, worksheet

LANGUAGES = ("uk", "en")
_MODULES = (common, student, teacher, homework, learn, lab, worksheet)


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
