"""One name per idea, per language: the words menus, questions, lessons, worksheets and charts use.

The Ukrainian terms follow the talk's notes: ймовірність, сюрприз, ентропія, перехресна ентропія,
дивергенція Кульбака–Лейблера (KL). `term(concept, lang)` gives the term, `topic_name` the same
term capitalised as a heading or a button. `other_spellings(text, lang)` finds the spellings we
do not use (a test runs it over every text a user can see), so a second name cannot creep in.

>>> term("cross_entropy", "uk"), term("kl_divergence", "en")
('перехресна ентропія', 'Kullback–Leibler (KL) divergence')
>>> topic_name("surprisal", "uk")
'Сюрприз'
>>> other_spellings("Крос-ентропія і несподіванка", "uk")
['Крос-ентропія', 'несподіванка']

Ukrainian alternates й/і at the start of «ймовірність» for euphony: «з імовірністю» after a
consonant, «ймовірність» after a vowel or a pause. Both are the same term; the wrong one of the
pair for its neighbour counts as another spelling («з ймовірністю»).
"""

from __future__ import annotations

import re

CONCEPTS: tuple[str, ...] = (
    "probability",
    "surprisal",
    "entropy",
    "cross_entropy",
    "kl_divergence",
)

TERMS: dict[str, dict[str, str]] = {
    "probability": {"uk": "ймовірність", "en": "probability"},
    "surprisal": {"uk": "сюрприз", "en": "surprise"},
    "entropy": {"uk": "ентропія", "en": "entropy"},
    "cross_entropy": {"uk": "перехресна ентропія", "en": "cross-entropy"},
    "kl_divergence": {
        "uk": "дивергенція Кульбака–Лейблера (KL)",
        "en": "Kullback–Leibler (KL) divergence",
    },
}

# The same Ukrainian terms after "знайди" (the accusative case); English does not change.
ACCUSATIVE_UK: dict[str, str] = {
    "probability": "ймовірність",
    "surprisal": "сюрприз",
    "entropy": "ентропію",
    "cross_entropy": "перехресну ентропію",
    "kl_divergence": "дивергенцію Кульбака–Лейблера (KL)",
}

# How each idea is written as a formula (the same in both languages).
SYMBOLS: dict[str, str] = {
    "probability": "P",
    "surprisal": "−log p",
    "entropy": "H(p)",
    "cross_entropy": "H(p, q)",
    "kl_divergence": "D(p‖q)",
}

# Spellings of the same ideas that must not appear in what users see. The short symbol "KL"
# alone is part of the term and stays allowed ("KL = H(p, q) − H(p)").
_OTHER: dict[str, tuple[str, ...]] = {
    "uk": (
        r"несподіван\w*",  # несподіванка, несподіваність
        r"крос[-‐ ]?ентроп\w*",
        r"кросентроп\w*",
        r"\bKL[-‐ ]?дивергенц\w*",
        r"дивергенц\w* KL\b",
        r"Кульбака[-—‐]Лейблера",  # the term joins the two names with an en dash
        r"Кульбек\w*",
        r"відстан\w* Кульбака\w*",
    ),
    "en": (
        r"\bsurprisal\b",
        r"\bcross entropy\b",
        r"\bcrossentropy\b",
        r"\bKL[- ]divergence\b",
        r"\bKullback[-—‐]Leibler\b",
        r"\brelative entropy\b",
    ),
}
_OTHER_RE = {
    lang: re.compile("|".join(patterns), re.IGNORECASE) for lang, patterns in _OTHER.items()
}

# «з імовірністю» after a consonant, «ймовірність» after a vowel: the other one of the pair.
_CONSONANT_END = "бвгґджзклмнпрстфхцчшщь"
_VOWEL_END = "аеєиіїоуюя"
_EUPHONY = re.compile(
    rf"\b\w*[{_CONSONANT_END}]\s+ймовірн\w*|\b\w*[{_VOWEL_END}]\s+імовірн\w*", re.IGNORECASE
)


def term(concept: str, lang: str, case: str = "nominative") -> str:
    """The term for `concept` (one of `CONCEPTS`) in `lang` ("uk" or "en"), in lower case
    where the language writes it so; `case="accusative"` gives the Ukrainian form after a verb
    such as «знайди»."""
    try:
        names = TERMS[concept]
    except KeyError:
        raise ValueError(f"unknown concept {concept!r}: use one of {', '.join(CONCEPTS)}") from None
    if lang not in names:
        raise ValueError(f"unknown language {lang!r}: use 'uk' or 'en'")
    if case == "accusative" and lang == "uk":
        return ACCUSATIVE_UK[concept]
    if case not in ("nominative", "accusative"):
        raise ValueError(f"unknown case {case!r}: use 'nominative' or 'accusative'")
    return names[lang]


def topic_name(topic: str, lang: str) -> str:
    """The term as a heading or a button: capitalised."""
    name = term(topic, lang)
    return name[0].upper() + name[1:]


def other_spellings(text: str, lang: str, *, euphony: bool = True) -> list[str]:
    """Every spelling in `text` of one of our ideas that is not the glossary's term. `euphony`
    also checks й/і after its neighbour (leave it off for text whose words were not written
    next to each other, such as table cells read out of a PDF)."""
    found = [match.group(0) for match in _OTHER_RE[lang].finditer(text)]
    if lang == "uk" and euphony:
        found += [match.group(0) for match in _EUPHONY.finditer(text)]
    return found
