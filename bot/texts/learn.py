"""Texts of the learn feature. Keys are shared by UK and EN; placeholders in {braces}.

Lesson pages are HTML (Telegram's subset). Every number in a page is a placeholder filled by
`bot.features.learn.lessons` from `quiz.calculator`, so the texts never disagree with the maths.
Units follow the language's grammar by hand: the values a page shows are known (e.g. 2,585 біта,
1 біт), only their digits are computed.
"""

UK: dict[str, str] = {
    # ---- navigation ----
    "learn.menu": (
        "📚 <b>Чому логарифми важливі в машинному навчанні</b>\n\n"
        "Від кубика до ChatGPT — п'ять коротких уроків, кожен на пару хвилин:\n\n"
        "1. Ймовірність 🎲\n"
        "2. Сюрприз 😮\n"
        "3. Ентропія 📊\n"
        "4. Перехресна ентропія 🤖\n"
        "5. Дивергенція Кульбака–Лейблера (KL) 📏\n\n"
        "Обери урок 👇"
    ),
    "learn.header": "<b>Урок {lesson}/{lessons} · {title}</b>   <i>стор. {page}/{pages}</i>",
    "learn.title.1": "Ймовірність",
    "learn.title.2": "Сюрприз",
    "learn.title.3": "Ентропія",
    "learn.title.4": "Перехресна ентропія",
    "learn.title.5": "Дивергенція Кульбака–Лейблера (KL)",
    "learn.btn.next": "Далі ▶",
    "learn.btn.back": "◀ Назад",
    "learn.btn.try": "🎯 Спробувати запитання",
    "learn.btn.menu": "📚 Усі уроки",
    "learn.btn.lesson": "{number}. {title}",
    "learn.stale_button": "Ця кнопка вже не працює 🙂 Надішли /learn, щоб відкрити уроки.",
    "learn.unknown_lesson": ("Такого уроку немає 🙂 Є уроки від 1 до {lessons}. Ось меню:"),
    "learn.the_end": "🎉 Це був останній урок! Спробуй /quiz або поекспериментуй у /lab.",
    # ---- lesson 1: probability ----
    "learn.1.1": (
        "🎲 Звичайний гральний кубик має 6 граней: 1, 2, 3, 4, 5, 6. "
        "Кожна випадає однаково часто, тому ймовірність кожної — "
        "<b>P = {p_face}</b> ≈ {p_face_dec}.\n\n"
        "Ймовірність — це число від 0 до 1:\n"
        "• <b>0</b> — подія неможлива (сімка на кубику не випаде);\n"
        "• <b>1</b> — подія гарантована (щось від 1 до 6 випаде точно).\n\n"
        "<b>Подія</b> — це кілька результатів разом. "
        "Подія «випало парне» — це 2, 4 або 6: три грані з шести, тож "
        "P(парне) = <b>{p_even}</b> = {p_even_dec}."
    ),
    "learn.1.2": (
        "🎲 А тепер <b>дивний кубик</b>. На його гранях написано 1, 2, 3, 4, 4, 4 — "
        "четвірка намальована аж на трьох гранях!\n\n"
        "• P(1) = P(2) = P(3) = <b>{p_one}</b> ≈ {p_one_dec}\n"
        "• P(4) = 3/6 = <b>{p_four}</b> = {p_four_dec} — половина всіх кидків!\n"
        "• P(5) = P(6) = <b>{p_five}</b> — таких граней просто немає.\n\n"
        "Разом усі ймовірності дають <b>{p_total}</b>. Так завжди: щось обов'язково випаде.\n\n"
        "Подія «випало більше за 2» — це 3 або 4: P = {p_gt2} ≈ {p_gt2_dec}."
    ),
    # ---- lesson 2: surprisal ----
    "learn.2.1": (
        "😮 Що рідша подія, то більше вона нас дивує. Сонце зійшло вранці — "
        "ніякого сюрпризу. Шістка випала п'ять разів поспіль — ого!\n\n"
        "Сюрприз міряють так:\n"
        "<b>S(x) = −log P(x)</b>\n\n"
        "• гарантована подія, P = 1: S = <b>{s_certain}</b> — зовсім не дивно;\n"
        "• звичайний кубик, будь-яка грань, P = 1/6: S = <b>{s_face}</b> біта;\n"
        "• дивний кубик, четвірка, P = 1/2: S = <b>{s_four}</b> біт;\n"
        "• дивний кубик, одиниця, P = 1/6: S = <b>{s_one}</b> біта.\n\n"
        "Одиниця на дивному кубику рідша за четвірку — тому й дивує більше."
    ),
    "learn.2.2": (
        "🔬 <b>Чому саме логарифм?</b>\n\n"
        "Ймовірності бувають крихітні, наприклад P = {tiny}. "
        "Нейромережа множить тисячі таких чисел — і комп'ютер не встигає за нулями: "
        "добуток {count} таких імовірностей він записує як <b>{product}</b>, "
        "хоча насправді це не нуль.\n\n"
        "Логарифм перетворює множення на додавання:\n"
        "<b>log(a · b) = log a + log b</b>\n\n"
        "ln({tiny}) ≈ <b>{ln_tiny}</b> — звичайне, зручне число. "
        "А {count} таких подій разом: {count} · ({ln_tiny}) ≈ {ln_many}. "
        "Жодної втрати точності!\n\n"
        "Тому сюрпризи незалежних подій просто <b>додаються</b>."
    ),
    "learn.2.3": (
        "🪙 <b>Біти</b>\n\n"
        "Одиниця сюрпризу залежить від основи логарифма:\n"
        "• основа 2 → <b>біти</b>;\n"
        "• основа e ≈ {e} → <b>нати</b> (натуральний логарифм ln);\n"
        "• основа 10 → <b>гартлі</b>.\n\n"
        "Чесна монетка: P(орел) = 1/2, тож S = −log₂(1/2) = <b>{coin_bits} біт</b>. "
        "Один біт — це сюрприз від одного підкидання чесної монетки.\n\n"
        "Два орли поспіль: P = {two_heads}, S = {two_heads_bits} біти = "
        "{coin_bits} + {coin_bits}.\n\n"
        "Той самий сюрприз одного орла в натах: −ln(1/2) ≈ {coin_nats} ната."
    ),
    # ---- lesson 3: entropy ----
    "learn.3.1": (
        "📊 <b>Ентропія</b> — це сюрприз, якого ти чекаєш <i>у середньому</i>, "
        "ще до кидка.\n\n"
        "<b>H(p) = −Σ P(x) · log P(x)</b>\n\n"
        "Тобто: сюрприз кожного результату множимо на його ймовірність і все додаємо.\n\n"
        "Звичайний кубик: кожна грань дає {s_face} біта сюрпризу і випадає з "
        "імовірністю 1/6. Шість однакових доданків:\n"
        "H = 6 · 1/6 · {s_face} = <b>{h_fair} біта</b>.\n\n"
        "Для чесного кубика ентропія дорівнює сюрпризу будь-якої грані."
    ),
    "learn.3.2": (
        "🎲 Дивний кубик 1, 2, 3, 4, 4, 4:\n"
        "• 1, 2, 3: P = 1/6, S = {s_one} біта → внесок 1/6 · {s_one} ≈ {c_one} кожна;\n"
        "• 4: P = 1/2, S = {s_four} біт → внесок 1/2 · {s_four} = {c_four}.\n\n"
        "H = 3 · {c_one} + {c_four} ≈ <b>{h_weird} біта</b>.\n\n"
        "Це менше, ніж {h_fair} біта у звичайного кубика. Дивний кубик "
        "передбачуваніший: четвірка випадає щодругого разу, тож у середньому він дивує менше.\n\n"
        "💡 Ентропія найбільша, коли всі результати рівноймовірні."
    ),
    # ---- lesson 4: cross-entropy ----
    "learn.4.1": (
        "🤔 Уяви: тобі дали дивний кубик, а ти думаєш, що він звичайний.\n"
        "• Твої переконання <b>q</b>: кожна грань 1/6.\n"
        "• Правда <b>p</b>: 1, 2, 3 — по 1/6, а 4 — 1/2.\n\n"
        "Дивуєшся ти за <i>своїми</i> переконаннями: −log₂ q(x) = {s_belief} біта "
        "на кожен кидок. А кидки випадають за правдою p.\n\n"
        "<b>Перехресна ентропія</b> — твій середній сюрприз:\n"
        "<b>H(p, q) = −Σ p(x) · log q(x) = {ce} біта</b>\n\n"
        "Це більше, ніж {h_weird} біта — сюрприз того, хто знає правду про кубик. "
        "Хибні переконання завжди коштують зайвого здивування."
    ),
    "learn.4.2": (
        "🤖 <b>Саме так навчають ChatGPT!</b>\n\n"
        "Нейромережа читає текст і щоразу вгадує наступне слово. Її переконання q — "
        "ймовірності для кожного можливого слова. Потім приходить справжнє слово, "
        "і мережа «дивується»: −log q(справжнє слово).\n\n"
        "«Кіт заснув на ...» — а далі справді було «дивані».\n"
        "• мережа дала «дивані» ймовірність {q_good} → сюрприз {s_good} біт;\n"
        "• дала лише {q_bad} → сюрприз {s_bad} біта.\n\n"
        "Середній сюрприз на мільйонах речень — це перехресна ентропія, "
        "<b>функція втрат</b>. Навчання крок за кроком підправляє мережу, щоб ця втрата "
        "меншала — щоб мережа дивувалася правді якомога менше."
    ),
    # ---- lesson 5: KL divergence ----
    "learn.5.1": (
        "📏 Скільки <i>зайвого</i> сюрпризу коштують хибні переконання?\n\n"
        "<b>Дивергенція Кульбака–Лейблера (KL)</b>:\n"
        "<b>D(p‖q) = H(p, q) − H(p)</b>\n\n"
        "Дивний кубик, а ти віриш, що він чесний:\n"
        "D = {ce} − {h_weird} ≈ <b>{kl} біта</b>.\n\n"
        "Стільки зайвих бітів здивування ти отримуєш у середньому на кожен кидок — "
        "лише тому, що помиляєшся щодо кубика.\n\n"
        "• D ≥ 0 завжди;\n"
        "• D = 0 лише тоді, коли q = p: правильні переконання нічого не коштують."
    ),
    "learn.5.2": (
        "⚠️ А якщо ти певен, що четвірка <i>ніколи</i> не випаде: q(4) = 0?\n\n"
        "Тоді, коли вона таки випаде, сюрприз −log 0 = <b>{inf}</b> — нескінченний! "
        "І KL теж {inf}.\n\n"
        "Мораль: ніколи не давай нуль тому, що може статися. Тому нейромережі "
        "не кажуть «точно ні» — лише «дуже малоймовірно».\n\n"
        "🧭 Увесь шлях: ймовірність → сюрприз → ентропія → перехресна ентропія → KL. "
        "H(p) залежить лише від даних, тож зменшуючи перехресну ентропію, мережа "
        "зменшує саме KL — наближає свої переконання до правди."
    ),
}

EN: dict[str, str] = {
    # ---- navigation ----
    "learn.menu": (
        "📚 <b>Why logarithms matter in machine learning</b>\n\n"
        "From a die to ChatGPT in five short lessons, a couple of minutes each:\n\n"
        "1. Probability 🎲\n"
        "2. Surprise 😮\n"
        "3. Entropy 📊\n"
        "4. Cross-entropy 🤖\n"
        "5. Kullback–Leibler (KL) divergence 📏\n\n"
        "Pick a lesson 👇"
    ),
    "learn.header": "<b>Lesson {lesson}/{lessons} · {title}</b>   <i>page {page}/{pages}</i>",
    "learn.title.1": "Probability",
    "learn.title.2": "Surprise",
    "learn.title.3": "Entropy",
    "learn.title.4": "Cross-entropy",
    "learn.title.5": "Kullback–Leibler (KL) divergence",
    "learn.btn.next": "Next ▶",
    "learn.btn.back": "◀ Back",
    "learn.btn.try": "🎯 Try a question",
    "learn.btn.menu": "📚 All lessons",
    "learn.btn.lesson": "{number}. {title}",
    "learn.stale_button": "This button doesn't work any more 🙂 Send /learn to open the lessons.",
    "learn.unknown_lesson": (
        "There is no such lesson 🙂 Lessons go from 1 to {lessons}. Here is the menu:"
    ),
    "learn.the_end": "🎉 That was the last lesson! Try /quiz, or experiment in /lab.",
    # ---- lesson 1: probability ----
    "learn.1.1": (
        "🎲 An ordinary die has 6 faces: 1, 2, 3, 4, 5, 6. Each comes up equally often, "
        "so each has probability <b>P = {p_face}</b> ≈ {p_face_dec}.\n\n"
        "A probability is a number from 0 to 1:\n"
        "• <b>0</b> — impossible (you will never roll a 7);\n"
        "• <b>1</b> — certain (you will surely roll something from 1 to 6).\n\n"
        "An <b>event</b> is several outcomes together. The event «even» is 2, 4 or 6: "
        "three faces out of six, so P(even) = <b>{p_even}</b> = {p_even_dec}."
    ),
    "learn.1.2": (
        "🎲 Now a <b>weird die</b>. Its faces read 1, 2, 3, 4, 4, 4 — the four is painted "
        "on three faces!\n\n"
        "• P(1) = P(2) = P(3) = <b>{p_one}</b> ≈ {p_one_dec}\n"
        "• P(4) = 3/6 = <b>{p_four}</b> = {p_four_dec} — half of all rolls!\n"
        "• P(5) = P(6) = <b>{p_five}</b> — there are no such faces at all.\n\n"
        "All the probabilities add up to <b>{p_total}</b>. Always: something must come up.\n\n"
        "The event «more than 2» is a 3 or a 4: P = {p_gt2} ≈ {p_gt2_dec}."
    ),
    # ---- lesson 2: surprisal ----
    "learn.2.1": (
        "😮 The rarer an event, the more it surprises us. The sun rose this morning — "
        "no surprise. Five sixes in a row — wow!\n\n"
        "Surprise is measured like this:\n"
        "<b>S(x) = −log P(x)</b>\n\n"
        "• a certain event, P = 1: S = <b>{s_certain}</b> — not surprising at all;\n"
        "• a fair die, any face, P = 1/6: S = <b>{s_face}</b> bits;\n"
        "• the weird die shows a four, P = 1/2: S = <b>{s_four}</b> bit;\n"
        "• the weird die shows a one, P = 1/6: S = <b>{s_one}</b> bits.\n\n"
        "A one is rarer than a four on the weird die — so it surprises more."
    ),
    "learn.2.2": (
        "🔬 <b>Why a logarithm?</b>\n\n"
        "Probabilities can be tiny, for example P = {tiny}. A neural network multiplies "
        "thousands of such numbers — and the computer runs out of zeros: the product of "
        "{count} such probabilities comes out as <b>{product}</b>, although it is not "
        "really zero.\n\n"
        "A logarithm turns multiplication into addition:\n"
        "<b>log(a · b) = log a + log b</b>\n\n"
        "ln({tiny}) ≈ <b>{ln_tiny}</b> — an ordinary, handy number. And {count} such "
        "events together: {count} · ({ln_tiny}) ≈ {ln_many}. No precision lost!\n\n"
        "That is why the surprises of independent events simply <b>add up</b>."
    ),
    "learn.2.3": (
        "🪙 <b>Bits</b>\n\n"
        "The unit of surprise depends on the base of the logarithm:\n"
        "• base 2 → <b>bits</b>;\n"
        "• base e ≈ {e} → <b>nats</b> (the natural log, ln);\n"
        "• base 10 → <b>hartleys</b>.\n\n"
        "A fair coin: P(heads) = 1/2, so S = −log₂(1/2) = <b>{coin_bits} bit</b>. "
        "One bit is the surprise of one flip of a fair coin.\n\n"
        "Two heads in a row: P = {two_heads}, S = {two_heads_bits} bits = "
        "{coin_bits} + {coin_bits}.\n\n"
        "The same surprise of one heads in nats: −ln(1/2) ≈ {coin_nats} nats."
    ),
    # ---- lesson 3: entropy ----
    "learn.3.1": (
        "📊 <b>Entropy</b> is the surprise you expect <i>on average</i>, before the roll.\n\n"
        "<b>H(p) = −Σ P(x) · log P(x)</b>\n\n"
        "That is: multiply each outcome's surprise by its probability and add it all up.\n\n"
        "A fair die: every face gives {s_face} bits of surprise and comes up with "
        "probability 1/6. Six equal terms:\n"
        "H = 6 · 1/6 · {s_face} = <b>{h_fair} bits</b>.\n\n"
        "For a fair die the entropy equals the surprise of any face."
    ),
    "learn.3.2": (
        "🎲 The weird die 1, 2, 3, 4, 4, 4:\n"
        "• 1, 2, 3: P = 1/6, S = {s_one} bits → each adds 1/6 · {s_one} ≈ {c_one};\n"
        "• 4: P = 1/2, S = {s_four} bit → adds 1/2 · {s_four} = {c_four}.\n\n"
        "H = 3 · {c_one} + {c_four} ≈ <b>{h_weird} bits</b>.\n\n"
        "That is less than the fair die's {h_fair} bits. The weird die is more "
        "predictable: a four comes up every other roll, so on average it surprises less.\n\n"
        "💡 Entropy is largest when all outcomes are equally likely."
    ),
    # ---- lesson 4: cross-entropy ----
    "learn.4.1": (
        "🤔 Imagine you are handed the weird die, but you think it is an ordinary one.\n"
        "• Your beliefs <b>q</b>: every face 1/6.\n"
        "• The truth <b>p</b>: 1, 2, 3 — 1/6 each, and 4 — 1/2.\n\n"
        "You are surprised by <i>your</i> beliefs: −log₂ q(x) = {s_belief} bits on every "
        "roll. But the rolls follow the truth p.\n\n"
        "<b>Cross-entropy</b> is your average surprise:\n"
        "<b>H(p, q) = −Σ p(x) · log q(x) = {ce} bits</b>\n\n"
        "That is more than {h_weird} bits — the surprise of someone who knows the truth "
        "about the die. Wrong beliefs always cost extra surprise."
    ),
    "learn.4.2": (
        "🤖 <b>This is exactly how ChatGPT is trained!</b>\n\n"
        "The network reads text and keeps guessing the next word. Its beliefs q are "
        "probabilities for every possible word. Then the real word comes, and the network "
        "is «surprised»: −log q(the real word).\n\n"
        "«The cat fell asleep on the ...» — and the text really said «sofa».\n"
        "• the network gave «sofa» probability {q_good} → surprise {s_good} bit;\n"
        "• it gave only {q_bad} → surprise {s_bad} bits.\n\n"
        "The average surprise over millions of sentences is the cross-entropy, the "
        "<b>loss function</b>. Training nudges the network step by step so that this loss "
        "shrinks — so that the truth surprises it as little as possible."
    ),
    # ---- lesson 5: KL divergence ----
    "learn.5.1": (
        "📏 How much <i>extra</i> surprise do wrong beliefs cost?\n\n"
        "<b>Kullback–Leibler (KL) divergence</b>:\n"
        "<b>D(p‖q) = H(p, q) − H(p)</b>\n\n"
        "The weird die, while you believe it is fair:\n"
        "D = {ce} − {h_weird} ≈ <b>{kl} bits</b>.\n\n"
        "That many extra bits of surprise you get on average on every roll — only "
        "because you are wrong about the die.\n\n"
        "• D ≥ 0 always;\n"
        "• D = 0 only when q = p: right beliefs cost nothing."
    ),
    "learn.5.2": (
        "⚠️ And what if you are sure a four can <i>never</i> come up: q(4) = 0?\n\n"
        "Then, when it does come up, the surprise −log 0 = <b>{inf}</b> — infinite! "
        "And the KL is {inf} too.\n\n"
        "The moral: never give zero to something that can happen. That is why neural "
        "networks never say «surely not» — only «very unlikely».\n\n"
        "🧭 The whole path: probability → surprise → entropy → cross-entropy → KL. "
        "H(p) depends only on the data, so by lowering the cross-entropy the network "
        "lowers exactly the KL — it brings its beliefs closer to the truth."
    ),
}
