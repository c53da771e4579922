"""Texts of the lab feature. Keys are shared by UK and EN; placeholders in {braces}.

Values that come from the student (labels, tokens, the echoed input) are HTML-escaped by the
feature before they are put in; numbers come formatted by `quiz.numbers.format_number`.
"""

UK: dict[str, str] = {
    "lab.howto": (
        "🔬 <b>Лабораторія сюрпризу</b>\n\n"
        "Напиши кубик або будь-який розподіл — я порахую ймовірності, сюрпризи й ентропію.\n\n"
        "• <code>/lab 1 2 3 4 4 4</code> — грані кубика\n"
        "• <code>/lab 1/2 1/4 1/4</code> — ймовірності (разом мають дати 1)\n"
        "• <code>/lab сонце=0,7 дощ=0,3</code> — ймовірності з назвами\n"
        "• <code>/lab 1 2 3 4 4 4 | 1 2 3 4 5 6</code> — правда | твої переконання: "
        "перехресна ентропія і KL\n"
        "• додай <code>base=e</code> чи <code>base=10</code> — нати чи гартлі "
        "(без цього — біти)\n\n"
        "До {outcomes} результатів, назва — до {label} символів.\n"
        "Або натисни готовий приклад 👇"
    ),
    "lab.preset.fair": "🎲 Чесний кубик",
    "lab.preset.weird": "🎲 Дивний кубик",
    "lab.preset.coin": "🪙 Монетка",
    "lab.preset.weird_fair": "🤔 Дивний кубик, а віриш у чесний",
    "lab.coin_faces": "орел решка",
    "lab.title": "🔬 <b>Лабораторія сюрпризу</b> · {units}",
    "lab.echo": "<code>/lab {spec}</code>",
    "lab.section.truth": "<b>Ймовірність і сюрприз кожного результату:</b>",
    "lab.section.both": "<b>Правда p, переконання q і твій сюрприз −log q:</b>",
    "lab.faces": "Граней: {count}.",
    "lab.row": "• <b>{label}</b>: p = {p} → S = {s} {unit}",
    "lab.row.also": "• <b>{label}</b>: p = {p} → S = {s} {unit} = {s2} {unit2}",
    "lab.row.never": "• <b>{label}</b>: p = 0 — ніколи не трапляється",
    "lab.row.both": "• <b>{label}</b>: p = {p}, q = {q} → −log q = {s}",
    "lab.row.both_never": "• <b>{label}</b>: p = 0, q = {q} — не трапляється",
    "lab.entropy": "📊 Ентропія H(p) = <b>{h} {unit}</b> — середній сюрприз.",
    "lab.entropy.max": "Найбільша можлива для {n} результатів — {hmax} {unit}.",
    "lab.entropy.both": "📊 H(p) = <b>{h} {unit}</b> — сюрприз того, хто знає правду.",
    "lab.cross_entropy": (
        "🤔 H(p, q) = <b>{ce} {unit}</b> — твій середній сюрприз з переконаннями q."
    ),
    "lab.kl": "📏 D(p‖q) = <b>{kl} {unit}</b> — зайвий сюрприз через хибні переконання.",
    "lab.kl.zero": "✅ Твої переконання збігаються з правдою — жодного зайвого сюрпризу.",
    "lab.infinite": (
        "⚠️ Твої переконання дають результату «{label}» нуль, а він трапляється "
        "(p = {p}). Сюрприз −log 0 нескінченний, тому H(p, q) = D(p‖q) = ∞.\n"
        "Дай кожному можливому результату хоч трохи ймовірності!"
    ),
    "lab.chart_caption": "Сюрприз кожного результату, {units}",
    "lab.chart.truth": "−log p",
    "lab.chart.belief": "−log q",
    "lab.chart.ylabel": "сюрприз, {units}",
    "lab.stale_button": "Ця кнопка вже не працює 🙂 Надішли /lab.",
    # ---- errors ----
    "lab.err.too_long": "Задовго 🙂 Напиши до {limit} символів, наприклад /lab 1 2 3 4 4 4",
    "lab.err.too_many": "Забагато результатів: {count}. У лабораторії — до {limit}.",
    "lab.err.two_bars": (
        "Риска «|» може бути лише одна: правда | переконання. "
        "Наприклад: /lab 1 2 3 4 4 4 | 1 2 3 4 5 6"
    ),
    "lab.err.empty": "Тут порожньо. Спробуй /lab 1 2 3 4 4 4",
    "lab.err.empty_truth": ("Перед «|» бракує правди. Наприклад: /lab 1 2 3 4 4 4 | 1 2 3 4 5 6"),
    "lab.err.empty_belief": (
        "Після «|» бракує переконань. Наприклад: /lab 1 2 3 4 4 4 | 1 2 3 4 5 6"
    ),
    "lab.err.base": "Основа логарифма може бути лише 2, e або 10, наприклад base=e.",
    "lab.err.not_number": ("«{token}» — не схоже на ймовірність. Пиши так: 0,5 або 1/6 чи 25%."),
    "lab.err.negative": "Ймовірність не буває від'ємною, а тут «{token}».",
    "lab.err.above_one": "Ймовірність не буває більшою за 1, а тут «{token}».",
    "lab.err.sum": (
        "Ймовірності разом дають {total}, а мають дати рівно 1. "
        "Наприклад: /lab 1/2 1/4 1/4 (для третин пиши 1/3, а не 0,33)."
    ),
    "lab.err.long_label": "Назва «{label}» задовга: до {limit} символів.",
    "lab.err.bad_label": (
        "Не розумію «{label}». Назва результату — це букви, цифри чи емодзі, "
        "наприклад /lab 1 2 3 4 4 4 або /lab орел решка."
    ),
    "lab.err.named": "Не розумію «{token}». Пиши назву=ймовірність, наприклад сонце=0,7",
    "lab.err.duplicate": "Назва «{label}» трапляється двічі — у кожного результату своя.",
    "lab.err.count_mismatch": (
        "Ймовірностей у правді: {truth}, а в переконаннях: {belief}. Їх має бути порівну."
    ),
}

EN: dict[str, str] = {
    "lab.howto": (
        "🔬 <b>The surprise lab</b>\n\n"
        "Type a die or any distribution — I'll work out the probabilities, the surprises "
        "and the entropy.\n\n"
        "• <code>/lab 1 2 3 4 4 4</code> — the faces of a die\n"
        "• <code>/lab 1/2 1/4 1/4</code> — probabilities (they must add up to 1)\n"
        "• <code>/lab sun=0.7 rain=0.3</code> — probabilities with names\n"
        "• <code>/lab 1 2 3 4 4 4 | 1 2 3 4 5 6</code> — truth | your beliefs: "
        "cross-entropy and KL\n"
        "• add <code>base=e</code> or <code>base=10</code> — nats or hartleys "
        "(bits otherwise)\n\n"
        "Up to {outcomes} outcomes, names up to {label} characters.\n"
        "Or tap a ready example 👇"
    ),
    "lab.preset.fair": "🎲 Fair die",
    "lab.preset.weird": "🎲 Weird die",
    "lab.preset.coin": "🪙 Coin",
    "lab.preset.weird_fair": "🤔 Weird die, believed fair",
    "lab.coin_faces": "heads tails",
    "lab.title": "🔬 <b>The surprise lab</b> · {units}",
    "lab.echo": "<code>/lab {spec}</code>",
    "lab.section.truth": "<b>Probability and surprise of each outcome:</b>",
    "lab.section.both": "<b>Truth p, beliefs q and your surprise −log q:</b>",
    "lab.faces": "Faces: {count}.",
    "lab.row": "• <b>{label}</b>: p = {p} → S = {s} {unit}",
    "lab.row.also": "• <b>{label}</b>: p = {p} → S = {s} {unit} = {s2} {unit2}",
    "lab.row.never": "• <b>{label}</b>: p = 0 — never happens",
    "lab.row.both": "• <b>{label}</b>: p = {p}, q = {q} → −log q = {s}",
    "lab.row.both_never": "• <b>{label}</b>: p = 0, q = {q} — never happens",
    "lab.entropy": "📊 Entropy H(p) = <b>{h} {unit}</b> — the average surprise.",
    "lab.entropy.max": "The most possible for {n} outcomes is {hmax} {unit}.",
    "lab.entropy.both": (
        "📊 H(p) = <b>{h} {unit}</b> — the surprise of someone who knows the truth."
    ),
    "lab.cross_entropy": "🤔 H(p, q) = <b>{ce} {unit}</b> — your average surprise with beliefs q.",
    "lab.kl": "📏 D(p‖q) = <b>{kl} {unit}</b> — the extra surprise wrong beliefs cost.",
    "lab.kl.zero": "✅ Your beliefs match the truth — no extra surprise at all.",
    "lab.infinite": (
        "⚠️ Your beliefs give the outcome «{label}» zero, yet it happens (p = {p}). "
        "The surprise −log 0 is infinite, so H(p, q) = D(p‖q) = ∞.\n"
        "Give every possible outcome at least a little probability!"
    ),
    "lab.chart_caption": "The surprise of each outcome, {units}",
    "lab.chart.truth": "−log p",
    "lab.chart.belief": "−log q",
    "lab.chart.ylabel": "surprise, {units}",
    "lab.stale_button": "This button doesn't work any more 🙂 Send /lab.",
    # ---- errors ----
    "lab.err.too_long": (
        "That's too long 🙂 Keep it under {limit} characters, e.g. /lab 1 2 3 4 4 4"
    ),
    "lab.err.too_many": "Too many outcomes: {count}. The lab takes up to {limit}.",
    "lab.err.two_bars": (
        "Only one bar «|», please: truth | beliefs. For example: /lab 1 2 3 4 4 4 | 1 2 3 4 5 6"
    ),
    "lab.err.empty": "That's empty. Try /lab 1 2 3 4 4 4",
    "lab.err.empty_truth": (
        "The truth is missing before «|». For example: /lab 1 2 3 4 4 4 | 1 2 3 4 5 6"
    ),
    "lab.err.empty_belief": (
        "The beliefs are missing after «|». For example: /lab 1 2 3 4 4 4 | 1 2 3 4 5 6"
    ),
    "lab.err.base": "The log base can only be 2, e or 10, for example base=e.",
    "lab.err.not_number": "«{token}» doesn't look like a probability. Write 0.5, 1/6 or 25%.",
    "lab.err.negative": "A probability can't be negative, but here is «{token}».",
    "lab.err.above_one": "A probability can't be more than 1, but here is «{token}».",
    "lab.err.sum": (
        "The probabilities add up to {total}, but they must make exactly 1. "
        "For example: /lab 1/2 1/4 1/4 (for thirds write 1/3, not 0.33)."
    ),
    "lab.err.long_label": "The name «{label}» is too long: up to {limit} characters.",
    "lab.err.bad_label": (
        "I don't understand «{label}». An outcome's name is letters, digits or an emoji, "
        "for example /lab 1 2 3 4 4 4 or /lab heads tails."
    ),
    "lab.err.named": "I don't understand «{token}». Write name=probability, e.g. sun=0.7",
    "lab.err.duplicate": "The name «{label}» appears twice — every outcome needs its own.",
    "lab.err.count_mismatch": (
        "The truth has {truth} probabilities and the beliefs have {belief}. "
        "They must have the same number."
    ),
}
