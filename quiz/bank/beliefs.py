"""What the cross-entropy and KL families share: a truth p, a belief q, and the question "how
surprised is someone who believes q, on average?" (H(p, q)) or "how much extra does believing q
cost?" (D(p‖q)), with their worked sums."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from quiz import calculator as calc
from quiz.bank.core import (
    LOG,
    UNIT_PHRASE,
    Ask,
    Bi,
    Built,
    answer_format,
    dist_params,
    frac,
    group,
    join,
    lines,
    name,
    num,
    result,
    say,
    with_unit,
    worked,
)
from quiz.bank.sums import (
    term_lines,
    terms,
    total_line,
)


def show(p: Mapping[str, Fraction], labels: Mapping[str, Bi] | None = None) -> Bi:
    """'1, 2, 3 — по 1/6; 4 — 1/2' (equal probabilities together; zeros left out)."""
    parts = []
    for outcomes, value in group([(o, v) for o, v in p.items() if v > 0]):
        names = join(", ", [labels[o] if labels else o for o in outcomes])
        if len(outcomes) == 1:
            parts.append(names + f" — {frac(value)}")
        else:
            parts.append(names + say(f" — по {frac(value)}", f" — {frac(value)} each"))
    return join("; " if len(parts) <= 4 else "\n", parts)


def belief_question(
    ask: Ask,
    *,
    p: Mapping[str, Fraction],
    q: Mapping[str, Fraction],
    intro: Bi,
    belief: Bi,
    trial: Bi,
    labels: Mapping[str, Bi] | None = None,
    show_truth: bool = True,
) -> Built:
    """A cross-entropy question (topic "cross_entropy") or a KL one (topic "kl_divergence").
    `intro` describes the thing; `belief` is the sentence that introduces q ("Але ти думаєш, що
    монетка нечесна"), followed by q's table;
    `show_truth` adds the table of p (leave it out when the intro already gives it)."""
    base = ask.base
    kl = ask.topic == "kl_divergence"
    kind = "kl_divergence" if kl else "cross_entropy"
    # p and q are the bank's own: they are checked once, when `answer_from_params` parses the
    # params made of them, not again in every computation here
    compute = calc.kl_divergence_of_checked if kl else calc.cross_entropy_of_checked
    answer = compute(p, q, base)
    params = {"kind": kind, "p": dist_params(p), "q": dist_params(q), "base": base}
    truth_table = show(p, labels)
    belief_table = show(q, labels)
    truth = (
        say("Справжні ймовірності p: ", "The true probabilities p: ").map(
            lambda t: t if "\n" not in truth_table.en else t.rstrip() + "\n"
        )
        + truth_table
        if show_truth
        else None
    )
    sep = "\n" if "\n" in belief_table.en else " "
    if kl:
        ask_line = say(
            f"Скільки зайвого сюрпризу {trial.uk} у середньому коштує віра в q замість правди "
            f"p? Знайди {name('kl_divergence', 'accusative').uk} D(p‖q) {UNIT_PHRASE[base].uk}.",
            f"How much extra surprise {trial.en} does believing q instead of the truth p cost "
            f"on average? Find the {name('kl_divergence').en} D(p‖q) {UNIT_PHRASE[base].en}.",
        )
    else:
        ask_line = say(
            f"Який середній сюрприз {trial.uk} у того, хто вірить у q, коли правда — p? Знайди "
            f"{name('cross_entropy', 'accusative').uk} H(p, q) {UNIT_PHRASE[base].uk}.",
            f"What is the average surprise {trial.en} of someone who believes q when the truth "
            f"is p? Find the {name('cross_entropy').en} H(p, q) {UNIT_PHRASE[base].en}.",
        )
    text = lines(
        intro,
        truth,
        "",
        belief + f".\nq:{sep}" + belief_table,
        "",
        ask_line,
        answer_format(kind, answer),
    )
    sign = LOG[base]
    first = next((o for o in p if p[o] > 0 and p[o] != q[o]), next(o for o in p if p[o] > 0))
    first_name = labels[first] if labels else Bi(first, first)
    pv, qv = p[first], q[first]
    if kl:
        idea = say(
            f"D(p‖q) = Σ p · {sign}(p/q): для кожного результату справжня ймовірність p, "
            "помножена на логарифм відношення p/q. Або інакше: H(p, q) − H(p).",
            f"D(p‖q) = Σ p · {sign}(p/q): for each outcome the true probability p times the log "
            "of the ratio p/q. Or another way: H(p, q) − H(p).",
        )
        step = (
            say("Перший доданок, ", "The first term, ")
            + first_name
            + (f": {frac(pv)} · {sign}(({frac(pv)})/({frac(qv)})).")
        )
    else:
        idea = say(
            f"Сюрприз бери за своєю думкою q, тобто −{sign} q, а зважуй за правдою p: "
            f"H(p, q) = Σ p · (−{sign} q).",
            f"Take the surprise from your belief q, that is −{sign} q, but weigh it by the "
            f"truth p: H(p, q) = Σ p · (−{sign} q).",
        )
        step = (
            say("Перший доданок, ", "The first term, ")
            + first_name
            + (f": p = {frac(pv)}, q = {frac(qv)}, {frac(pv)} · (−{sign}({frac(qv)})).")
        )
    if kl:
        cross = calc.cross_entropy_of_checked(p, q, base)
        entropy = calc.entropy_of_checked(p, base)
        found = terms("kl_divergence", p, q, base)
        steps = [
            *term_lines(found, labels),
            total_line("D(p‖q)", answer, base, found),
            say("Перевірка: H(p, q) − H(p) ≈ ", "Check: H(p, q) − H(p) ≈ ")
            + num(cross)
            + " − "
            + num(entropy)
            + " "
            + result(cross - entropy, base),
        ]
    else:
        found = terms("cross_entropy", p, q, base)
        steps = [
            *term_lines(found, labels),
            total_line("H(p, q)", answer, base, found),
        ]
    solution, count = worked(steps, with_unit(answer, base))
    return Built(params, text, (idea, step), solution, count)
