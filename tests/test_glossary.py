"""One name per idea (quiz.glossary), everywhere a user reads: menus, buttons and messages
(bot/texts), question texts, hints, solutions and answer buttons, grader feedback and parser
messages, lessons, the lab's report and chart labels, and the printed worksheet."""

from __future__ import annotations

import io
import itertools

import pytest
from pypdf import PdfReader

from bot.features.lab import report as lab_report
from bot.features.lab.handlers import PRESETS, preset_text
from bot.features.lab.parsing import parse_lab
from bot.features.learn import lessons
from bot.features.worksheet.content import WORKSHEET_TOPICS, Variant, Worksheet, build_items
from bot.features.worksheet.render import render_key, render_sheets
from bot.texts import CATALOGS, t
from quiz import glossary
from quiz.answers import MESSAGES
from quiz.grading import FEEDBACK
from quiz.questions import LANGS, LEVELS, TOPICS, generate


def test_the_terms_are_the_talk_s() -> None:
    assert [glossary.term(c, "uk") for c in glossary.CONCEPTS] == [
        "ймовірність",
        "сюрприз",
        "ентропія",
        "перехресна ентропія",
        "дивергенція Кульбака–Лейблера (KL)",
    ]
    assert [glossary.term(c, "en") for c in glossary.CONCEPTS] == [
        "probability",
        "surprise",
        "entropy",
        "cross-entropy",
        "Kullback–Leibler (KL) divergence",
    ]
    assert glossary.CONCEPTS == TOPICS
    with pytest.raises(ValueError, match="unknown concept"):
        glossary.term("logarithm", "uk")
    with pytest.raises(ValueError, match="unknown language"):
        glossary.term("entropy", "ru")


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("Несподіванка і крос-ентропія", "uk", ["Несподіванка", "крос-ентропія"]),
        ("KL-дивергенція, дивергенція KL", "uk", ["KL-дивергенція", "дивергенція KL"]),
        ("Кульбака-Лейблера", "uk", ["Кульбака-Лейблера"]),
        ("з ймовірністю 1/4", "uk", ["з ймовірністю"]),  # after a consonant: «з імовірністю»
        ("яка імовірність", "uk", ["яка імовірність"]),  # after a vowel: «ймовірність»
        ("з імовірністю 1/4, яка ймовірність, Ймовірність", "uk", []),
        ("дивергенція Кульбака–Лейблера (KL); KL = H(p, q) − H(p)", "uk", []),
        (
            "the KL divergence, cross entropy, surprisal",
            "en",
            ["KL divergence", "cross entropy", "surprisal"],
        ),
        ("Kullback–Leibler (KL) divergence and cross-entropy", "en", []),
    ],
)
def test_other_spellings_are_found(text: str, lang: str, found: list[str]) -> None:
    assert glossary.other_spellings(text, lang) == found


def _assert_one_name(texts: dict[str, str], lang: str, *, euphony: bool = True) -> None:
    bad = {
        where: glossary.other_spellings(text, lang, euphony=euphony)
        for where, text in texts.items()
    }
    assert not {where: found for where, found in bad.items() if found}


@pytest.mark.parametrize("lang", LANGS)
def test_every_bot_text_uses_the_glossary(lang: str) -> None:
    _assert_one_name(CATALOGS[lang], lang)
    for topic in TOPICS:
        assert t(lang, f"topic.{topic}") == glossary.topic_name(topic, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_grader_and_parser_messages_use_the_glossary(lang: str) -> None:
    index = LANGS.index(lang)
    _assert_one_name({key: pair[index] for key, pair in FEEDBACK.items()}, lang)
    _assert_one_name({key: pair[index] for key, pair in MESSAGES.items()}, lang)


@pytest.mark.parametrize(("topic", "level"), list(itertools.product(TOPICS, LEVELS)))
def test_every_question_uses_the_glossary(topic: str, level: int) -> None:
    for lang, seed in itertools.product(LANGS, range(60)):
        q = generate(topic, level, seed=seed, lang=lang, choices=True)
        parts = {"text": q.text, "solution": q.solution, **dict(enumerate(q.hints))}
        parts.update({f"choice {i}": label for i, label in enumerate(q.choices or ())})
        _assert_one_name({f"{q.family} {seed} {k}": v for k, v in parts.items()}, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_lessons_use_the_glossary(lang: str) -> None:
    pages = {
        f"{number}.{page} {answer}": lessons.caption(lang, number, page, answer)
        for number, page in lessons.all_pages()
        for answer in lessons.states(number, page)
    }
    _assert_one_name(pages, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_lab_report_and_its_chart_labels_use_the_glossary(lang: str) -> None:
    for name in PRESETS:
        spec = parse_lab(preset_text(name, lang))
        chart = lab_report.chart_data(spec, lang)
        _assert_one_name(
            {
                "report": lab_report.render(spec, lang, preset_text(name, lang)),
                "chart": " | ".join(
                    [chart.caption, chart.ylabel, chart.truth_legend, chart.belief_legend]
                ),
            },
            lang,
        )


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_worksheet_and_its_key_use_the_glossary(lang: str) -> None:
    variants = tuple(
        Variant(None, "", seed, build_items(topic=topic, count=6, seed=seed, lang=lang, base=None))
        for seed, topic in enumerate(WORKSHEET_TOPICS)
    )
    sheet = Worksheet("9-Б", "ABCD2345", "SHEET123", "mixed", lang, variants)
    for name, pdf in (("sheets", render_sheets(sheet, None)), ("key", render_key(sheet, None))):
        reader = PdfReader(io.BytesIO(pdf))
        printed = "\n".join(page.extract_text() for page in reader.pages)
        # the PDF breaks lines where it likes: join them before looking for two-word terms
        # (table cells then run into each other, so й/і is checked in the source texts only)
        _assert_one_name({name: " ".join(printed.split())}, lang, euphony=False)
