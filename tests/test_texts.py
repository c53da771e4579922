"""Every text exists in Ukrainian and English with the same placeholders, Ukrainian texts are
in Ukrainian, and our HTML texts are markup Telegram accepts."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from types import ModuleType

import pytest

import bot.texts
from bot.sandbox.html import parse_html
from bot.texts import CATALOGS, count_phrase, counts, t

CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
HTML_MODULES = ("common", "student")  # sent with parse_mode HTML


def text_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"bot.texts.{info.name}")
        for info in pkgutil.iter_modules(bot.texts.__path__)
    ]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_text_module_is_in_the_catalog() -> None:
    modules = text_modules()
    assert {m.__name__.rsplit(".", 1)[-1] for m in modules} >= {"common", "student"}
    for module in modules:
        assert set(module.UK) <= set(CATALOGS["uk"]), module.__name__


@pytest.mark.parametrize("module", text_modules(), ids=lambda m: m.__name__)
def test_ukrainian_and_english_have_the_same_keys(module: ModuleType) -> None:
    assert set(module.UK) == set(module.EN), (
        f"only uk: {sorted(set(module.UK) - set(module.EN))}, "
        f"only en: {sorted(set(module.EN) - set(module.UK))}"
    )


@pytest.mark.parametrize("module", text_modules(), ids=lambda m: m.__name__)
def test_both_languages_fill_the_same_placeholders(module: ModuleType) -> None:
    for key in module.UK.keys() & module.EN.keys():
        assert placeholders(module.UK[key]) == placeholders(module.EN[key]), key


@pytest.mark.parametrize("module", text_modules(), ids=lambda m: m.__name__)
def test_ukrainian_texts_are_cyrillic(module: ModuleType) -> None:
    """A Ukrainian text with words must have Cyrillic in it, unless it is the same in both
    languages on purpose (a language's own name on its button, a formula)."""
    for key, text in module.UK.items():
        if text == module.EN.get(key) or not LATIN_WORD.search(text):
            continue
        assert CYRILLIC.search(text), f"{module.__name__}: {key} is not Ukrainian: {text!r}"


@pytest.mark.parametrize("module", text_modules(), ids=lambda m: m.__name__)
def test_english_texts_are_not_ukrainian(module: ModuleType) -> None:
    for key, text in module.EN.items():
        without_names = text.replace("Українська", "").replace("Обери мову", "")
        assert not CYRILLIC.search(without_names), f"{module.__name__}: {key}: {text!r}"


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("module_name", HTML_MODULES)
def test_html_texts_are_valid_telegram_markup(lang: str, module_name: str) -> None:
    module = importlib.import_module(f"bot.texts.{module_name}")
    catalog = module.UK if lang == "uk" else module.EN
    for key, template in catalog.items():
        filled = t(lang, key, **{name: "x" for name in placeholders(template)})
        parse_html(filled)  # raises on markup Telegram would refuse
        assert len(filled) <= 4096, key


def test_unknown_language_falls_back_to_english() -> None:
    assert t("de", "error.not_saved") == t("en", "error.not_saved")


# --- numbers and the nouns after them --------------------------------------------------


@pytest.mark.parametrize(
    ("count", "uk", "en"),
    [
        (0, "0 задач", "0 questions"),
        (1, "1 задача", "1 question"),
        (2, "2 задачі", "2 questions"),
        (4, "4 задачі", "4 questions"),
        (5, "5 задач", "5 questions"),
        (11, "11 задач", "11 questions"),
        (12, "12 задач", "12 questions"),
        (14, "14 задач", "14 questions"),
        (21, "21 задача", "21 questions"),
        (22, "22 задачі", "22 questions"),
        (25, "25 задач", "25 questions"),
        (111, "111 задач", "111 questions"),
        (112, "112 задач", "112 questions"),
        (2.5, "2,5 задачі", "2.5 questions"),
    ],
)
def test_a_count_agrees_with_its_noun(count: float, uk: str, en: str) -> None:
    assert count_phrase("uk", count, "n.task") == uk
    assert count_phrase("en", count, "n.task") == en


def test_masculine_nouns_take_their_own_forms() -> None:
    phrases = [count_phrase("uk", n, "n.student") for n in (1, 3, 5, 21, 2.5)]
    assert phrases == ["1 учень", "3 учні", "5 учнів", "21 учень", "2,5 учня"]
    assert count_phrase("uk", 3, "n.right_answer") == "3 правильні відповіді"
    assert count_phrase("en", 1, "n.right_answer") == "1 right answer"
    assert count_phrase("de", 2, "n.class") == "2 classes"  # an unknown language gets English


def test_every_noun_has_all_its_forms() -> None:
    for key in counts.UK:
        uk, en = counts.UK[key].split("|"), counts.EN[key].split("|")
        assert key.startswith("n.") and len(uk) in (3, 4) and len(en) == 2, key
        assert all(form.strip() == form and form for form in uk + en), key
