"""The lessons' formula cards, typeset with Typst (`bot.render.formulas`) like the talk's notes.

Each function builds the Typst markup of one card in one language; words come from
`bot.texts.learn` (escaped), numbers from `maths` through `lessons.Fmt` (quoted inside math,
where Typst would otherwise set "2,585" as a list "2, 585")."""

from __future__ import annotations

from bot.features.learn import maths
from bot.features.learn.lessons import Fmt
from bot.features.learn.maths import FAIR, WEIRD
from bot.render.charts import BELIEF_COLOUR, TRUTH_COLOUR
from bot.render.formulas import escape, typeset
from bot.texts import t
from quiz import glossary
from quiz.questions import TOPICS

RULE_COUNT = 4
TRAP_COLOUR = "#C44E52"
GREY = "#9A9A9A"
RULE_FORMULAS = (
    "S(p) >= 0",
    "p_1 < p_2 ==> S(p_1) > S(p_2)",
    "S(1) = 0",
    "S(p dot q) = S(p) + S(q)",
)


def _text(lang: str, key: str, /, **values: object) -> str:
    return escape(t(lang, key, **values))


def _number(shown: str) -> str:
    """A formatted number inside math, kept as one upright piece."""
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _title(text: str) -> str:
    return f'#align(center)[#text(size: 15pt, weight: "bold")[{text}]]\n#v(2pt)\n'


def rules(lang: str, known: int, *, result: bool = False) -> bytes:
    """Lesson 2's rules for surprise: the first `known` found, the rest still "?"; with
    `result`, all four and the function that keeps them, S(p) = −log p."""
    rows = []
    for number in range(1, RULE_COUNT + 1):
        if number <= known:
            rule = _text(lang, f"learn.pic.rule.{number}")
            formula = RULE_FORMULAS[number - 1]
            rows.append(
                f'text(fill: rgb("{TRUTH_COLOUR}"))[✔], '
                f"[{number}) {rule} #linebreak() #h(1fr) #box[${formula}$]]"
            )
        else:
            unknown = _text(lang, "learn.pic.rule_unknown", number=number)
            rows.append(f'text(fill: rgb("{GREY}"))[?], text(fill: rgb("{GREY}"))[{unknown}]')
    body = _title(_text(lang, "learn.pic.rules_title"))
    body += (
        "#grid(columns: (auto, 1fr), column-gutter: 8pt, row-gutter: 14pt, "
        "align: (center + horizon, left + horizon),\n" + ",\n".join(rows) + ")\n"
    )
    if result:
        body += (
            '#v(12pt)\n#align(center)[#box(stroke: 1.5pt + rgb("'
            + BELIEF_COLOUR
            + '"), inset: 12pt, radius: 6pt)[#align(center)['
            + _text(lang, "learn.pic.rules_result")
            + ":\\ #text(size: 18pt)[$S(p) = -log p$]]]]\n"
        )
    return typeset(body)


def entropy_card(lang: str) -> bytes:
    f = Fmt(lang)
    faces = len(maths.FAIR_FACES)
    p_face = f.frac(maths.probability(FAIR, "1"))
    h_bits = f.bits(maths.entropy(FAIR))
    h_nats = f.nats(maths.entropy(FAIR, "e"))
    numerator, denominator = p_face.split("/")
    body = _title(_text(lang, "learn.pic.entropy_title"))
    body += "$ H(p) = - sum_x p(x) dot log p(x) = sum_x p(x) dot S(x) $\n#v(8pt)\n"
    body += f"*{_text(lang, 'learn.pic.fair_die_line')}:*\n"
    body += (
        f"$ H &= {faces} dot {numerator}/{denominator} dot log_2 {faces} = log_2 {faces}"
        f" approx {_number(h_bits)} \\\n"
        f"  &= ln {faces} approx {_number(h_nats)} $\n"
    )
    return typeset(body)


def units_card(lang: str) -> bytes:
    """The weird die in bits and nats side by side, the ln 6 ≈ H-in-bits trap in red."""
    f = Fmt(lang)
    h_bits = escape(f.num(maths.entropy(WEIRD), 5))
    h_nats = escape(f.num(maths.entropy(WEIRD, "e"), 5))
    ce_bits = escape(f.num(maths.cross_entropy(WEIRD, FAIR), 5))
    ln6 = escape(f.num(maths.cross_entropy(WEIRD, FAIR, "e"), 5))
    ln2 = escape(f.num(maths.ln2(), 5))
    faces = len(maths.FAIR_FACES)
    trap = f'text(fill: rgb("{TRAP_COLOUR}"), weight: "bold")'
    body = _title(_text(lang, "learn.pic.units_title"))
    body += (
        "#align(center)[#table(columns: (auto, auto, auto), inset: 8pt, align: center + horizon,"
        ' stroke: 0.6pt + rgb("#BBBBBB"),\n'
        f"[], [*{_text(lang, 'learn.pic.units_bits')}*], "
        f"[*{_text(lang, 'learn.pic.units_nats')}*],\n"
        f"[{_text(lang, 'learn.pic.units_h')}], {trap}[{h_bits}], [{h_nats}],\n"
        f"[{_text(lang, 'learn.pic.units_ce')}], [log₂ {faces} ≈ {ce_bits}], "
        f"{trap}[ln {faces} ≈ {ln6}],\n"
        ")]\n#v(6pt)\n"
    )
    body += f"#align(center)[#{trap}[⚠ {_text(lang, 'learn.pic.units_trap')}]]\n"
    body += f"#v(4pt)\n#align(center)[{_text(lang, 'learn.pic.units_factor')}, ln 2 ≈ {ln2}]\n"
    return typeset(body)


def limit_card(lang: str) -> bytes:
    f = Fmt(lang)
    rows = []
    for q in maths.TOWARDS_ZERO:
        rows.append(f"[{escape(f.num(q))}], [{escape(f.bits(maths.surprise(q)))}]")
    body = _title(_text(lang, "learn.pic.limit_title"))
    body += (
        "#align(center)[#table(columns: (auto, auto), inset: 7pt, align: center,"
        ' stroke: 0.6pt + rgb("#BBBBBB"),\n'
        "[$q(4)$], [$-log_2 q(4)$],\n" + ",\n".join(rows) + ")]\n#v(4pt)\n"
    )
    body += "#align(center)[#text(size: 16pt)[$ lim_(q -> 0^+) (-log q) = +infinity $]]\n"
    note = _text(lang, "learn.pic.limit_note")
    body += f'#align(center)[#text(fill: rgb("{TRAP_COLOUR}"))[{note}]]\n'
    return typeset(body)


PATH_FORMULAS = (
    "p(x)",
    "S(x) = -log p(x)",
    "H(p) = sum_x p(x) dot S(x)",
    "H(p, q) = -sum_x p(x) dot log q(x)",
    "D(p || q) = H(p, q) - H(p)",
)


def path_card(lang: str) -> bytes:
    """The talk's path, one step a row: probability → surprise → entropy → cross-entropy → KL."""
    rows = []
    for number, (concept, formula) in enumerate(zip(TOPICS, PATH_FORMULAS, strict=True), 1):
        name = escape(glossary.term(concept, lang))
        rows.append(
            f'box(fill: rgb("{TRUTH_COLOUR}"), radius: 50%, inset: 5pt)'
            f'[#text(fill: white, weight: "bold")[{number}]], '
            f"[*{name}* #linebreak() #h(1fr) #box[${formula}$]]"
        )
    body = _title(_text(lang, "learn.pic.path_title"))
    body += (
        "#grid(columns: (auto, 1fr), column-gutter: 10pt, row-gutter: 14pt, "
        "align: (center + horizon, left + horizon),\n" + ",\n".join(rows) + ")\n#v(8pt)\n"
    )
    note = _text(lang, "learn.pic.path_note")
    body += f'#align(center)[#text(fill: rgb("{BELIEF_COLOUR}"), weight: "bold")[{note}]]\n'
    return typeset(body)
