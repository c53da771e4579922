"""Texts of /learn: five lessons after the talk's notes. Keys are shared by UK and EN;
placeholders in {braces}.

Pages are captions of pictures (Telegram's HTML subset, at most 900 characters of text with
the header, so a page fits a phone screen). Every number is a placeholder filled by
`bot.features.learn.lessons` from `quiz.calculator`; units come with their numbers in the
form that agrees with them ("1 біт", "2,585 біта"). Lesson 2's question pages have an intro
(`learn.2.N`), a question (`.q`), button labels (`.a.<answer>`) and a why per answer
(`.why.<answer>`). Picture labels are `learn.pic.*`. Terms follow the glossary."""

from __future__ import annotations

UK: dict[str, str] = {
    # ---- navigation ----
    "learn.menu": (
        "📚 <b>Чому логарифми важливі в машинному навчанні</b>\n\n"
        "Від кубика до ChatGPT — п'ять коротких уроків за доповіддю: ймовірність → сюрприз → "
        "ентропія → перехресна ентропія → дивергенція Кульбака–Лейблера (KL).\n\n"
        "На кожній сторінці — малюнок. Сюрприз ми виведемо разом, а в кінці кожного уроку "
        "чекають два запитання.\n\n"
        "Обери урок 👇"
    ),
    "learn.header": "<b>Урок {lesson}/{lessons} · {title}</b> · <i>стор. {page}/{pages}</i>",
    "learn.unit.bit": "біт|біти|бітів|біта",
    "learn.unit.nat": "нат|нати|натів|ната",
    "learn.btn.next": "Далі ▶",
    "learn.btn.back": "◀ Назад",
    "learn.btn.menu": "📚 Усі уроки",
    "learn.btn.lesson": "{number}. {title}",
    "learn.btn.lesson_done": "{number}. {title} ✅",
    "learn.btn.resume": "▶ Продовжити: урок {lesson}, стор. {page}",
    "learn.btn.check": "🎯 Перевір себе: 2 запитання",
    "learn.btn.next_lesson": "▶ Урок {number}: {title}",
    "learn.btn.practice": "✏️ Тренування",
    "learn.your_answer": "Твоя відповідь: <i>{answer}</i>",
    "learn.stale_button": "Ця кнопка вже не працює 🙂 Надішли /learn, щоб відкрити уроки.",
    "learn.unknown_lesson": "Такого уроку немає 🙂 Уроки — від 1 до {lessons}. Ось меню:",
    "learn.check.start": (
        "🎯 <b>Перевір себе:</b> два запитання з уроку «{title}». Відповідай, як у /quiz: "
        "числом або кнопкою. Запитання 1 з 2:"
    ),
    "learn.check.second": "🎯 Запитання 2 з 2 з уроку «{title}»:",
    "learn.check.done": "🎉 Урок {lesson} «{title}» пройдено! Далі — урок {next}: «{next_title}».",
    "learn.check.done_last": (
        "🏁 Усі п'ять уроків пройдено — від імовірності до дивергенції Кульбака–Лейблера (KL)!\n\n"
        "🎮 Тепер стань моделлю сам: /game.\n"
        "🎯 Або тренуйся далі: /quiz."
    ),
    # ---- lesson 1: probability ----
    "learn.1.1": (
        "🎲 У звичайного кубика {faces} граней, і жодна не має переваги. Тому кожна грань має "
        "ймовірність <b>{p_face}</b> ≈ {p_face_dec}.\n\n"
        "<b>Ймовірність</b> — це число від 0 до 1:\n"
        "• <b>0</b> — подія неможлива (сімка на кубику не випаде);\n"
        "• <b>1</b> — подія гарантована (якесь число від 1 до 6 випаде напевно).\n\n"
        "<b>Подія</b> — це кілька результатів разом. «Випало парне» — це 2, 4 або 6, "
        "{even_faces} грані з {faces}:\n"
        "P(парне) = <b>{p_even}</b> = {p_even_dec}."
    ),
    "learn.1.2": (
        "🎲 А тепер <b>дивний кубик</b> із доповіді. На його гранях 1, 2, 3, 4, 4, 4: "
        "четвірка намальована на {fours} гранях із {faces}!\n"
        "• P(1) = P(2) = P(3) = {p_one} ≈ {p_one_dec};\n"
        "• P(4) = {fours}/{faces} = <b>{p_four}</b>;\n"
        "• P(5) = P(6) = {p_five}: таких граней немає.\n\n"
        "Усі ймовірності разом дають {p_total}: щось випаде напевно.\n\n"
        "Подія «більше за 2» — це 3 або 4:\n"
        "P = {p_one} + {p_four} = <b>{p_gt2}</b> ≈ {p_gt2_dec}."
    ),
    "learn.1.3": (
        "📊 Усі ймовірності кубика разом — це його <b>розподіл</b>. На малюнку два розподіли: "
        "у звичайного кубика всі стовпчики однакові, у дивного четвірка височіє над рештою, "
        "а п'ятірки й шістки немає зовсім.\n\n"
        "Ймовірність {p_four} не означає, що четвірки чергуються з іншими гранями. Кидки "
        "незалежні: бувають і три четвірки поспіль, і жодної за п'ять кидків. Ймовірність — "
        "це частка в довгій серії: із {rolls} кидків четвірок буде <i>приблизно</i> "
        "{fours_expected}.\n\n"
        "💭 А тепер подумай: що на дивному кубику здивує тебе більше — четвірка чи одиниця? "
        "Про це наступний урок."
    ),
    # ---- lesson 2: surprise, reasoned out ----
    "learn.2.1": (
        "😮 Ймовірність каже, як часто щось трапляється. А як сильно воно нас <b>дивує</b>? "
        "Придумаймо міру сюрпризу S(p) самі, як це зробив клас на доповіді. Чотири "
        "запитання — і формула складеться."
    ),
    "learn.2.1.q": (
        "<b>Запитання 1.</b> Чи може сюрприз бути <b>від'ємним</b> — меншим, ніж «зовсім не дивно»?"
    ),
    "learn.2.1.a.yes": "Так, може",
    "learn.2.1.a.no": "Ні, не може",
    "learn.2.1.why.no": (
        "✅ Так! Найменше, що може бути, — «зовсім не дивно», тобто нуль. Здивуватися "
        "«на мінус два» неможливо.\n"
        "<b>Правило 1: S ≥ 0.</b>"
    ),
    "learn.2.1.why.yes": (
        "🤔 Сюрприз «мінус два» — що б це означало? Найменше, що може бути, — "
        "«зовсім не дивно», тобто нуль.\n"
        "<b>Правило 1: S ≥ 0.</b>"
    ),
    "learn.2.2": "Правило 1 уже є: сюрприз не буває від'ємним. Тепер порівняймо дві події.",
    "learn.2.2.q": (
        "<b>Запитання 2.</b> На дивному кубику одиниця має ймовірність {p_one}, а четвірка — "
        "{p_four}. Що має дивувати <b>більше</b>?"
    ),
    "learn.2.2.a.one": "Одиниця",
    "learn.2.2.a.four": "Четвірка",
    "learn.2.2.a.same": "Однаково",
    "learn.2.2.why.one": (
        "✅ Саме так! Четвірка випадає часто, її ми й чекаємо. Рідкісна одиниця дивує більше.\n"
        "<b>Правило 2: що менша ймовірність p, то більший сюрприз S(p).</b>"
    ),
    "learn.2.2.why.four": (
        "🤔 Четвірка випадає часто — на неї ми й чекаємо. А рідкісна одиниця застає зненацька.\n"
        "<b>Правило 2: що менша ймовірність p, то більший сюрприз S(p).</b>"
    ),
    "learn.2.2.why.same": (
        "🤔 Якби однаково, сюрприз не залежав би від імовірності. Але одиницю ти чекаєш менше, "
        "тож вона дивує більше.\n"
        "<b>Правило 2: що менша ймовірність p, то більший сюрприз S(p).</b>"
    ),
    "learn.2.3": "Уже є правила 1 і 2: сюрприз не від'ємний і більший для рідших подій.",
    "learn.2.3.q": (
        "<b>Запитання 3.</b> Подія <b>гарантована</b>, її ймовірність {p_sure}: на звичайному "
        "кубику випало якесь число від 1 до 6. Наскільки це дивує?"
    ),
    "learn.2.3.a.zero": "Зовсім не дивує",
    "learn.2.3.a.little": "Трохи",
    "learn.2.3.a.lot": "Дуже",
    "learn.2.3.why.zero": "✅ Звісно: це було відомо наперед.\n<b>Правило 3: S(1) = 0.</b>",
    "learn.2.3.why.little": (
        "🤔 Це було відомо ще до кидка — дивуватися нічому. Сюрприз гарантованої події "
        "нульовий.\n"
        "<b>Правило 3: S(1) = 0.</b>"
    ),
    "learn.2.3.why.lot": (
        "🤔 Це було відомо ще до кидка — дивуватися нічому. Сюрприз гарантованої події "
        "нульовий.\n"
        "<b>Правило 3: S(1) = 0.</b>"
    ),
    "learn.2.4": "Три правила є. Останнє запитання — про два кидки поспіль.",
    "learn.2.4.q": (
        "<b>Запитання 4.</b> Кидаємо кубик двічі. Кидки незалежні, тож імовірності множаться: "
        "дві шістки поспіль мають P = {p_six} · {p_six} = {p_two_sixes}.\n"
        "Кожна шістка дивує. Як отримати сюрприз від обох кидків разом: сюрпризи "
        "<b>додати</b> чи <b>помножити</b>?"
    ),
    "learn.2.4.a.add": "Додати",
    "learn.2.4.a.multiply": "Помножити",
    "learn.2.4.why.add": (
        "✅ Так! Спершу дивує перша шістка, потім ще й друга — сюрприз накопичується. "
        "Ймовірності множаться, а сюрпризи додаються.\n"
        "<b>Правило 4: S(p · q) = S(p) + S(q).</b>"
    ),
    "learn.2.4.why.multiply": (
        "🤔 Перевір на гарантованій події: S(1) = 0. Якби сюрпризи множились, то «шістка, а "
        "потім гарантована подія» дала б S · 0 = 0, ніби шістка зовсім не здивувала. Тож "
        "сюрпризи додаються.\n"
        "<b>Правило 4: S(p · q) = S(p) + S(q).</b>"
    ),
    "learn.2.5": (
        "🧩 Яка функція перетворює множення на додавання, як вимагає правило 4? "
        "<b>Логарифм</b>: log(a · b) = log a + log b.\n\n"
        "Але для p між 0 і 1 логарифм від'ємний: ln({half}) ≈ {ln_half}. А правило 1 каже "
        "S ≥ 0. Тому беремо логарифм зі знаком мінус:\n"
        "<b>S(p) = −log p</b>\n\n"
        "Перевіряємо всі правила:\n"
        "1. log p ≤ 0, тож −log p ≥ 0 ✔\n"
        "2. менше p — більше −log p ✔\n"
        "3. −log 1 = 0 ✔\n"
        "4. −log(p · q) = −log p − log q ✔\n\n"
        "Так і в нотатках доповіді: S(x) = −log P(X = x)."
    ),
    "learn.2.6": (
        "📈 Крива сюрпризу −log p. При p = 1 вона торкається нуля, а що ближче p до нуля, "
        "то вище злітає.\n\n"
        "Яку основу логарифма брати? Будь-яку: основа лише задає <b>одиницю</b> сюрпризу.\n"
        "• основа 2 → <b>біти</b>;\n"
        "• основа e ≈ {e} → <b>нати</b> (натуральний логарифм ln, як у нотатках);\n"
        "• основа 10 → <b>гартлі</b>.\n\n"
        "Точки на кривій:\n"
        "• p = {half}: {half_bits} = {half_nats};\n"
        "• p = {sixth}: {sixth_bits} = {sixth_nats};\n"
        "• p = {hundredth}: {hundredth_bits} = {hundredth_nats}.\n"
        "Зміна основи множить усі сюрпризи на одне число: 1 нат ≈ {bits_per_nat} біта."
    ),
    "learn.2.7": (
        "💻 Навіщо логарифми комп'ютерам? Ймовірності бувають крихітні, як у нотатках: "
        "P = {tiny}. А модель множить їх сотнями. Добуток {count} таких чисел комп'ютер "
        "записує як <b>{product}</b>: справжнє значення менше за найменше число, яке він "
        "може зберегти. Ліворуч на малюнку добуток обривається в нуль на {zero_at}-му "
        "множнику.\n\n"
        "Логарифми рятують: ln {tiny} = {ln_tiny} — звичайне число. Добуток стає сумою:\n"
        "ln(P · P · … · P) = {count} · ({ln_tiny_short}) ≈ <b>{ln_many}</b>.\n"
        "Праворуч ця сума спокійно спадає прямою. Тому моделі працюють з логарифмами "
        "ймовірностей."
    ),
    # ---- lesson 3: entropy ----
    "learn.3.1": (
        "📊 <b>Ентропія</b> — це сюрприз, якого чекаєш <i>у середньому</i>, ще до кидка. "
        "Сюрприз кожного результату множимо на його ймовірність і все додаємо:\n"
        "<b>H(p) = −Σ p(x) · log p(x)</b>\n\n"
        "Звичайний кубик: кожна грань має ймовірність {p_face} і дає той самий сюрприз "
        "−log₂({p_face}) = {s_face}. {faces} однакових доданків:\n"
        "H = {faces} · {p_face} · {s_face_num} = <b>{h_fair}</b>,\n"
        "або в натах: ln {faces} ≈ {h_fair_nats}.\n\n"
        "Як у нотатках: для чесного кубика сюрприз будь-якої грані дорівнює ентропії, S(x) = H."
    ),
    "learn.3.2": (
        "🎲 Дивний кубик 1, 2, 3, 4, 4, 4:\n"
        "• 1, 2, 3: p = {p_one}, сюрприз {s_one}, внесок {p_one} · {s_one_num} ≈ {c_one} "
        "кожна;\n"
        "• 4: p = {p_four}, сюрприз {s_four}, внесок {p_four} · {s_four_num} = {c_four}.\n"
        "H = {ones} · {c_one} + {c_four} ≈ <b>{h_weird}</b> (≈ {h_weird_nats}).\n\n"
        "Це менше, ніж {h_fair} у звичайного кубика. Дивний кубик передбачуваніший: "
        "четвірка — половина всіх кидків, тож у середньому він дивує менше.\n\n"
        "💡 Якщо кількість можливих результатів та сама, ентропія найбільша, коли всі вони "
        "рівноймовірні."
    ),
    # ---- lesson 4: cross-entropy ----
    "learn.4.1": (
        "🤔 Уяви: дивний кубик показали на мить, і ти встигаєш помітити лише дві четвірки. "
        "Тепер ти віриш, що грані такі: 1, 2, 3, 4, 4, 5. Це твої переконання <b>q</b>, а "
        "правда — <b>p</b>:\n"
        "• q: 1, 2, 3, 5 — по {q_one}, 4 — {q_four};\n"
        "• p: 1, 2, 3 — по {p_one}, 4 — {p_four}.\n\n"
        "Дивуєшся ти за <i>своїми</i> переконаннями: −log₂({q_one}) ≈ {s_q_one_bits} на 1, 2 "
        "чи 3 і −log₂({q_four}) ≈ {s_q_four_bits} на 4. А кидки випадають за правдою p. Твій "
        "середній сюрприз — <b>перехресна ентропія</b>:\n"
        "<b>H(p, q) = −Σ p(x) · log q(x)</b>\n"
        "= {ones} · {p_one} · {s_q_one} + {p_four} · {s_q_four} ≈ <b>{ce}</b>."
    ),
    "learn.4.2": (
        "⚖️ Три переконання про дивний кубик і середній сюрприз за кидок:\n"
        "• знаєш правду, q = p: H(p, p) = H(p) ≈ {h};\n"
        "• «1, 2, 3, 4, 4, 5»: H(p, q) ≈ {ce_misread};\n"
        "• «звичайний кубик»: H(p, q) = log₂ {faces} ≈ {ce_fair}.\n"
        "Хибні переконання завжди коштують зайвого сюрпризу, і що далі q від правди, "
        "то більше.\n\n"
        "⚠️ H(p, q) — це не ентропія q! Для «1, 2, 3, 4, 4, 5» H(q) ≈ {h_q}, а "
        "H(p, q) ≈ {ce_misread}. Лише коли q однакова для всіх {faces} граней, "
        "H(p, q) = log {faces} = H(q), хоч би яким був p."
    ),
    "learn.4.3": (
        "📐 Нотатки доповіді рахують у <b>натах</b> (ln), а ми досі рахували в бітах. "
        "Дивний кубик в обох одиницях поруч:\n"
        "• ентропія H(p) ≈ {h_bits} ≈ {h_nats};\n"
        "• з вірою в чесний кубик H(p, q) = log {faces}: {ce_bits} = {ce_nats}.\n\n"
        "⚠️ <b>Пастка:</b> ln {faces} ≈ {ln6}, а H(p) ≈ {h_bits}. Обидва числа ≈ {ln6_short}, але "
        "це дві різні величини в різних одиницях, збіг випадковий. Тому завжди пиши одиницю.\n\n"
        "Зміна основи — лише сталий множник: значення в натах = значення в бітах · ln 2, "
        "де ln 2 ≈ {ln2}:\n"
        "{h_bits_num} · {ln2} ≈ {h_nats_num}."
    ),
    "learn.4.4": (
        "🤖 <b>Так навчають мовні моделі.</b> Модель читає текст слово за словом. Перед "
        "кожним словом вона дає ймовірності всім можливим словам — це її переконання q. "
        "Потім з'являється справжнє слово, і сюрприз моделі — −ln q(слово).\n\n"
        "«Коти | сплять | цілий | день»: справжнім словам модель дала ймовірності {q1}, {q2}, "
        "{q3}, {q4}. "
        "Сюрпризи: {s1}, {s2}, {s3}, {s4} ната.\n\n"
        "<b>Втрата</b> — середній сюрприз на слово, тобто перехресна ентропія: "
        "({s1} + {s2} + {s3} + {s4}) / {words} ≈ <b>{loss}</b>. Модель, що ще не вчилася й "
        "дає всім {vocab} словам однаковий шанс, мала б ln {vocab} ≈ {loss_untrained}. "
        "Нижча втрата — модель менше дивується справжньому тексту, тобто краще його "
        "передбачає. Навчання крок за кроком зменшує саме втрату."
    ),
    # ---- lesson 5: KL divergence ----
    "learn.5.1": (
        "📏 Скільки <i>зайвого</i> сюрпризу коштують хибні переконання? Це <b>дивергенція "
        "Кульбака–Лейблера (KL)</b>, перехресна ентропія мінус ентропія:\n"
        "<b>D(p‖q) = H(p, q) − H(p)</b>\n\n"
        "Дивний кубик, у бітах:\n"
        "• віриш у звичайний кубик: D = {ce_fair} − {h} = <b>{kl_fair}</b>;\n"
        "• віриш у «1, 2, 3, 4, 4, 5»: D = {ce_misread} − {h} = <b>{kl_misread}</b>.\n"
        "Стільки зайвих бітів сюрпризу ти отримуєш у середньому на кожен кидок.\n\n"
        "• D ≥ 0 завжди;\n"
        "• D = 0 лише тоді, коли q = p: правильні переконання нічого не коштують.\n"
        "На малюнку: H(p, q) = H(p) + D(p‖q)."
    ),
    "learn.5.2": (
        "⚠️ А якщо вірити, що четвірка <i>ніколи</i> не випаде: q(4) = 0?\n\n"
        "log 0 не існує: 2 в жодному степені не дає 0. Але можна подивитися, що стається, коли "
        "q(4) <b>наближається</b> до нуля: q = {q1} → сюрприз {s1}; q = {q2} → {s2}; "
        "q = {q3} → {s3}. Сюрприз росте без межі:\n"
        "<b>−log q → +∞, коли q → 0</b>\n\n"
        "А справжня ймовірність четвірки — {p_four}! Тому D(p‖q) = {inf}: така помилка "
        "нескінченно дорога.\n\n"
        "Мораль: не давай нуль тому, що може статися. Тому нейромережі кажуть не «точно ні», "
        "а «дуже малоймовірно»."
    ),
    "learn.5.3": (
        "🧭 Увесь шлях доповіді:\n"
        "ймовірність p → сюрприз −log p → ентропія H(p), середній сюрприз → перехресна "
        "ентропія H(p, q), середній сюрприз того, хто вірить у q → дивергенція "
        "Кульбака–Лейблера (KL), зайвий сюрприз.\n\n"
        "<b>H(p, q) = H(p) + D(p‖q)</b>. H(p) залежить лише від даних. Тож коли навчання "
        "зменшує перехресну ентропію — функцію втрат ChatGPT і MidJourney, — воно зменшує "
        "саме KL: наближає переконання моделі до правди.\n\n"
        "🎮 Відчуй це сам: /game — будь моделлю з дивним кубиком.\n"
        "🎯 Потренуйся: /quiz."
    ),
    # ---- picture labels ----
    "learn.pic.fair": "Звичайний кубик",
    "learn.pic.weird": "Дивний кубик",
    "learn.pic.each": "кожна грань: P = {p}",
    "learn.pic.weird_sum": "P(4) = {fours}/{faces} = {p_four}",
    "learn.pic.probability": "ймовірність",
    "learn.pic.value": "що випало",
    "learn.pic.rules_title": "Якою має бути міра сюрпризу S(p)?",
    "learn.pic.rule.1": "не буває від'ємним",
    "learn.pic.rule.2": "рідша подія дивує більше",
    "learn.pic.rule.3": "гарантована подія не дивує",
    "learn.pic.rule.4": "незалежні події: сюрпризи додаються",
    "learn.pic.rule_unknown": "правило {number}: ?",
    "learn.pic.rules_result": "Усі чотири правила виконує",
    "learn.pic.curve_x": "ймовірність p",
    "learn.pic.bits": "біти (основа 2)",
    "learn.pic.nats": "нати (основа e)",
    "learn.pic.product": "Добуток P · P · … · P",
    "learn.pic.log_sum": "Сума ln P + ln P + … + ln P",
    "learn.pic.factors": "скільки множників",
    "learn.pic.terms": "скільки доданків",
    "learn.pic.zero": "{count}-й множник: 0!",
    "learn.pic.entropy_title": "Ентропія — середній сюрприз",
    "learn.pic.fair_die_line": "Звичайний кубик",
    "learn.pic.truth": "правда p (1, 2, 3, 4, 4, 4)",
    "learn.pic.belief": "переконання q (1, 2, 3, 4, 4, 5)",
    "learn.pic.gap_title": "Середній сюрприз за кидок, біти",
    "learn.pic.gap_truth": "правда, q = p",
    "learn.pic.gap_misread": "q: 1, 2, 3, 4, 4, 5",
    "learn.pic.gap_fair": "q: звичайний кубик",
    "learn.pic.entropy_part": "H(p)",
    "learn.pic.extra": "зайвий сюрприз",
    "learn.pic.units_title": "Дивний кубик: біти й нати",
    "learn.pic.units_bits": "біти (log₂)",
    "learn.pic.units_nats": "нати (ln)",
    "learn.pic.units_h": "Ентропія H(p)",
    "learn.pic.units_ce": "H(p, q), q — чесний кубик",
    "learn.pic.units_trap": "Пастка: майже однакові числа — різні величини!",
    "learn.pic.units_factor": "нати = біти · ln 2",
    "learn.pic.words": "Коти|сплять|цілий|день",
    "learn.pic.word_surprise": "сюрприз −ln q, нати",
    "learn.pic.loss": "втрата = середнє: {loss}",
    "learn.pic.limit_title": "Коли q(4) → 0",
    "learn.pic.limit_note": "log 0 не існує — лише границя",
    "learn.pic.path_title": "Шлях доповіді",
    "learn.pic.path_note": "Навчання моделі зменшує H(p, q), а отже KL",
}

EN: dict[str, str] = {
    # ---- navigation ----
    "learn.menu": (
        "📚 <b>Why logarithms matter in machine learning</b>\n\n"
        "From a die to ChatGPT in five short lessons after the talk: probability → surprise → "
        "entropy → cross-entropy → Kullback–Leibler (KL) divergence.\n\n"
        "Every page has a picture. We work out surprise together, and every lesson ends with "
        "two questions.\n\n"
        "Pick a lesson 👇"
    ),
    "learn.header": "<b>Lesson {lesson}/{lessons} · {title}</b> · <i>page {page}/{pages}</i>",
    "learn.unit.bit": "bit|bits",
    "learn.unit.nat": "nat|nats",
    "learn.btn.next": "Next ▶",
    "learn.btn.back": "◀ Back",
    "learn.btn.menu": "📚 All lessons",
    "learn.btn.lesson": "{number}. {title}",
    "learn.btn.lesson_done": "{number}. {title} ✅",
    "learn.btn.resume": "▶ Continue: lesson {lesson}, page {page}",
    "learn.btn.check": "🎯 Check yourself: 2 questions",
    "learn.btn.next_lesson": "▶ Lesson {number}: {title}",
    "learn.btn.practice": "✏️ Practice",
    "learn.your_answer": "Your answer: <i>{answer}</i>",
    "learn.stale_button": "This button doesn't work any more 🙂 Send /learn to open the lessons.",
    "learn.unknown_lesson": (
        "There is no such lesson 🙂 Lessons go from 1 to {lessons}. Here is the menu:"
    ),
    "learn.check.start": (
        "🎯 <b>Check yourself:</b> two questions on the lesson «{title}». Answer as in /quiz: "
        "with a number or a button. Question 1 of 2:"
    ),
    "learn.check.second": "🎯 Question 2 of 2 on the lesson «{title}»:",
    "learn.check.done": ("🎉 Lesson {lesson} «{title}» done! Next: lesson {next}, «{next_title}»."),
    "learn.check.done_last": (
        "🏁 All five lessons done — from probability to the Kullback–Leibler (KL) divergence!\n\n"
        "🎮 Now be the model yourself: /game.\n"
        "🎯 Or keep practising: /quiz."
    ),
    # ---- lesson 1: probability ----
    "learn.1.1": (
        "🎲 An ordinary die has {faces} faces, and none is favoured. So each face has "
        "probability <b>{p_face}</b> ≈ {p_face_dec}.\n\n"
        "A <b>probability</b> is a number from 0 to 1:\n"
        "• <b>0</b> — impossible (a die never shows a seven);\n"
        "• <b>1</b> — certain (some number from 1 to 6 surely comes up).\n\n"
        "An <b>event</b> is several outcomes together. «Even» means 2, 4 or 6, "
        "{even_faces} faces out of {faces}:\n"
        "P(even) = <b>{p_even}</b> = {p_even_dec}."
    ),
    "learn.1.2": (
        "🎲 Now the talk's <b>weird die</b>. Its faces read 1, 2, 3, 4, 4, 4: the four is "
        "painted on {fours} faces out of {faces}!\n"
        "• P(1) = P(2) = P(3) = {p_one} ≈ {p_one_dec};\n"
        "• P(4) = {fours}/{faces} = <b>{p_four}</b>;\n"
        "• P(5) = P(6) = {p_five}: there are no such faces.\n\n"
        "All the probabilities together make {p_total}: something surely comes up.\n\n"
        "The event «more than 2» is a 3 or a 4:\n"
        "P = {p_one} + {p_four} = <b>{p_gt2}</b> ≈ {p_gt2_dec}."
    ),
    "learn.1.3": (
        "📊 All the probabilities of a die together are its <b>distribution</b>. The picture "
        "shows two: the ordinary die's bars are all equal; on the weird die the four towers "
        "over the rest, and five and six are gone.\n\n"
        "A probability of {p_four} does not mean that fours take turns with the other faces. "
        "Rolls are independent: you can get three fours in a row, or none in five rolls. A "
        "probability is a share of a long run: in {rolls} rolls there will be "
        "<i>about</i> {fours_expected} fours.\n\n"
        "💭 Now think: on the weird die, which surprises you more — a four or a one? That is "
        "the next lesson."
    ),
    # ---- lesson 2: surprise, reasoned out ----
    "learn.2.1": (
        "😮 A probability says how often something happens. But how much does it "
        "<b>surprise</b> us? Let's invent a measure of surprise S(p) ourselves, as the class "
        "did at the talk. Four questions, and the formula builds itself."
    ),
    "learn.2.1.q": (
        "<b>Question 1.</b> Can a surprise be <b>negative</b> — less than «not surprised at all»?"
    ),
    "learn.2.1.a.yes": "Yes, it can",
    "learn.2.1.a.no": "No, it can't",
    "learn.2.1.why.no": (
        "✅ Right! The least you can be is «not surprised at all», that is zero. Being "
        "surprised «minus two» makes no sense.\n"
        "<b>Rule 1: S ≥ 0.</b>"
    ),
    "learn.2.1.why.yes": (
        "🤔 Imagine being surprised «minus two». What would that be? The least you can be is "
        "«not surprised at all», that is zero.\n"
        "<b>Rule 1: S ≥ 0.</b>"
    ),
    "learn.2.2": "We have rule 1: a surprise is never negative. Now compare two events.",
    "learn.2.2.q": (
        "<b>Question 2.</b> On the weird die a one has probability {p_one} and a four "
        "{p_four}. Which should surprise you <b>more</b>?"
    ),
    "learn.2.2.a.one": "The one",
    "learn.2.2.a.four": "The four",
    "learn.2.2.a.same": "The same",
    "learn.2.2.why.one": (
        "✅ Exactly! A four comes often, we expect it. A rare one surprises more.\n"
        "<b>Rule 2: the smaller the probability p, the larger the surprise S(p).</b>"
    ),
    "learn.2.2.why.four": (
        "🤔 A four comes often — it is what we expect. A rare one catches you off guard.\n"
        "<b>Rule 2: the smaller the probability p, the larger the surprise S(p).</b>"
    ),
    "learn.2.2.why.same": (
        "🤔 If they were the same, surprise would not depend on probability. But you expect "
        "a one less, so it surprises more.\n"
        "<b>Rule 2: the smaller the probability p, the larger the surprise S(p).</b>"
    ),
    "learn.2.3": "We have rules 1 and 2: a surprise is never negative and larger for rarer events.",
    "learn.2.3.q": (
        "<b>Question 3.</b> An event is <b>certain</b>, its probability is {p_sure}: an "
        "ordinary die showed some number from 1 to 6. How surprising is that?"
    ),
    "learn.2.3.a.zero": "Not at all",
    "learn.2.3.a.little": "A little",
    "learn.2.3.a.lot": "Very",
    "learn.2.3.why.zero": "✅ Of course: you knew it in advance.\n<b>Rule 3: S(1) = 0.</b>",
    "learn.2.3.why.little": (
        "🤔 You knew it before the roll — nothing to be surprised about. A certain event has "
        "zero surprise.\n"
        "<b>Rule 3: S(1) = 0.</b>"
    ),
    "learn.2.3.why.lot": (
        "🤔 You knew it before the roll — nothing to be surprised about. A certain event has "
        "zero surprise.\n"
        "<b>Rule 3: S(1) = 0.</b>"
    ),
    "learn.2.4": "Three rules so far. The last question is about two rolls in a row.",
    "learn.2.4.q": (
        "<b>Question 4.</b> We roll a die twice. The rolls are independent, so the "
        "probabilities multiply: two sixes in a row have P = {p_six} · {p_six} = "
        "{p_two_sixes}.\n"
        "Each six surprises you. How do you get the surprise of both rolls together: "
        "<b>add</b> the surprises or <b>multiply</b> them?"
    ),
    "learn.2.4.a.add": "Add",
    "learn.2.4.a.multiply": "Multiply",
    "learn.2.4.why.add": (
        "✅ Yes! Surprised by the first six, then by the second as well — surprise piles up. "
        "Probabilities multiply, surprises add.\n"
        "<b>Rule 4: S(p · q) = S(p) + S(q).</b>"
    ),
    "learn.2.4.why.multiply": (
        "🤔 Check it with a certain event: S(1) = 0. If surprises multiplied, «a six, then a "
        "certain event» would give S · 0 = 0, as if the six surprised nobody. So surprises "
        "add.\n"
        "<b>Rule 4: S(p · q) = S(p) + S(q).</b>"
    ),
    "learn.2.5": (
        "🧩 Which function turns multiplication into addition, as rule 4 asks? The "
        "<b>logarithm</b>: log(a · b) = log a + log b.\n\n"
        "But for p between 0 and 1 the logarithm is negative: ln({half}) ≈ {ln_half}. And "
        "rule 1 says S ≥ 0. So we take the logarithm with a minus sign:\n"
        "<b>S(p) = −log p</b>\n\n"
        "Checking every rule:\n"
        "1. log p ≤ 0, so −log p ≥ 0 ✔\n"
        "2. smaller p — larger −log p ✔\n"
        "3. −log 1 = 0 ✔\n"
        "4. −log(p · q) = −log p − log q ✔\n\n"
        "Just as in the talk's notes: S(x) = −log P(X = x)."
    ),
    "learn.2.6": (
        "📈 The surprise curve −log p. At p = 1 it touches zero, and the closer p gets to "
        "zero, the higher it climbs.\n\n"
        "Which base of the logarithm? Any: the base only sets the <b>unit</b> of surprise.\n"
        "• base 2 → <b>bits</b>;\n"
        "• base e ≈ {e} → <b>nats</b> (the natural log ln, as in the notes);\n"
        "• base 10 → <b>hartleys</b>.\n\n"
        "Points on the curve:\n"
        "• p = {half}: {half_bits} = {half_nats};\n"
        "• p = {sixth}: {sixth_bits} = {sixth_nats};\n"
        "• p = {hundredth}: {hundredth_bits} = {hundredth_nats}.\n"
        "Changing the base multiplies every surprise by the same number: 1 nat ≈ "
        "{bits_per_nat} bits."
    ),
    "learn.2.7": (
        "💻 Why do computers need logarithms? Probabilities can be tiny, as in the notes: "
        "P = {tiny}. And a model multiplies hundreds of them. The product of {count} such "
        "numbers comes out as <b>{product}</b>: the true value is smaller than the smallest "
        "number the computer can store. On the left of the picture the product drops to zero "
        "at factor {zero_at}.\n\n"
        "Logarithms save the day: ln {tiny} = {ln_tiny}, an ordinary number. The product "
        "becomes a sum:\n"
        "ln(P · P · … · P) = {count} · ({ln_tiny_short}) ≈ <b>{ln_many}</b>.\n"
        "On the right this sum goes calmly down a straight line. That is why models work with "
        "log probabilities."
    ),
    # ---- lesson 3: entropy ----
    "learn.3.1": (
        "📊 <b>Entropy</b> is the surprise you expect <i>on average</i>, before the roll. "
        "Multiply each outcome's surprise by its probability and add it all up:\n"
        "<b>H(p) = −Σ p(x) · log p(x)</b>\n\n"
        "An ordinary die: every face has probability {p_face} and gives the same surprise "
        "−log₂({p_face}) = {s_face}. {faces} equal terms:\n"
        "H = {faces} · {p_face} · {s_face_num} = <b>{h_fair}</b>,\n"
        "or in nats: ln {faces} ≈ {h_fair_nats}.\n\n"
        "As in the notes: for a fair die the surprise of any face equals the entropy, S(x) = H."
    ),
    "learn.3.2": (
        "🎲 The weird die 1, 2, 3, 4, 4, 4:\n"
        "• 1, 2, 3: p = {p_one}, surprise {s_one}, each adds {p_one} · {s_one_num} ≈ "
        "{c_one};\n"
        "• 4: p = {p_four}, surprise {s_four}, adds {p_four} · {s_four_num} = {c_four}.\n"
        "H = {ones} · {c_one} + {c_four} ≈ <b>{h_weird}</b> (≈ {h_weird_nats}).\n\n"
        "That is less than the ordinary die's {h_fair}. The weird die is more predictable: "
        "fours are half of all rolls, so on average it surprises less.\n\n"
        "💡 For the same number of possible outcomes, entropy is largest when all of them "
        "are equally likely."
    ),
    # ---- lesson 4: cross-entropy ----
    "learn.4.1": (
        "🤔 Imagine: the weird die is shown for a moment, and you catch only two fours. Now "
        "you believe its faces are 1, 2, 3, 4, 4, 5. These are your beliefs <b>q</b>; the "
        "truth is <b>p</b>:\n"
        "• q: 1, 2, 3, 5 — {q_one} each, 4 — {q_four};\n"
        "• p: 1, 2, 3 — {p_one} each, 4 — {p_four}.\n\n"
        "You are surprised by <i>your</i> beliefs: −log₂({q_one}) ≈ {s_q_one_bits} by a 1, 2 "
        "or 3 and −log₂({q_four}) ≈ {s_q_four_bits} by a 4. But the rolls follow the truth p. "
        "Your average surprise is the <b>cross-entropy</b>:\n"
        "<b>H(p, q) = −Σ p(x) · log q(x)</b>\n"
        "= {ones} · {p_one} · {s_q_one} + {p_four} · {s_q_four} ≈ <b>{ce}</b>."
    ),
    "learn.4.2": (
        "⚖️ Three beliefs about the weird die, and the average surprise per roll:\n"
        "• you know the truth, q = p: H(p, p) = H(p) ≈ {h};\n"
        "• «1, 2, 3, 4, 4, 5»: H(p, q) ≈ {ce_misread};\n"
        "• «an ordinary die»: H(p, q) = log₂ {faces} ≈ {ce_fair}.\n"
        "Wrong beliefs always cost extra surprise, and the further q is from the truth, "
        "the more.\n\n"
        "⚠️ H(p, q) is not the entropy of q! For «1, 2, 3, 4, 4, 5» H(q) ≈ {h_q}, while "
        "H(p, q) ≈ {ce_misread}. Only when q is the same for all {faces} faces is "
        "H(p, q) = log {faces} = H(q), whatever p is."
    ),
    "learn.4.3": (
        "📐 The talk's notes count in <b>nats</b> (ln); so far we counted in bits. The weird "
        "die in both units, side by side:\n"
        "• entropy H(p) ≈ {h_bits} ≈ {h_nats};\n"
        "• believing in a fair die, H(p, q) = log {faces}: {ce_bits} = {ce_nats}.\n\n"
        "⚠️ <b>A trap:</b> ln {faces} ≈ {ln6}, and H(p) ≈ {h_bits}. Both are ≈ {ln6_short}, "
        "but they are two different quantities in different units; the match is a "
        "coincidence. So always write the unit.\n\n"
        "Changing the base is just a constant factor: the value in nats = the value in bits "
        "· ln 2, where ln 2 ≈ {ln2}:\n"
        "{h_bits_num} · {ln2} ≈ {h_nats_num}."
    ),
    "learn.4.4": (
        "🤖 <b>This is how language models learn.</b> A model reads text word by word. "
        "Before each word it gives every possible word a probability — its beliefs q. The "
        "real word comes, and the model's surprise is −ln q(word).\n\n"
        "«Cats | sleep | all | day»: the model gave the real words the probabilities {q1}, "
        "{q2}, {q3}, {q4}. "
        "Surprises: {s1}, {s2}, {s3}, {s4} nats.\n\n"
        "The <b>loss</b> is the average surprise per word, that is the cross-entropy: "
        "({s1} + {s2} + {s3} + {s4}) / {words} ≈ <b>{loss}</b>. A model that has not learnt "
        "yet and gives all {vocab} words the same chance would have ln {vocab} ≈ "
        "{loss_untrained}. A lower loss means the model is less surprised by real text, that "
        "is, it predicts it better. Training lowers exactly this loss, step by step."
    ),
    # ---- lesson 5: KL divergence ----
    "learn.5.1": (
        "📏 How much <i>extra</i> surprise do wrong beliefs cost? That is the "
        "<b>Kullback–Leibler (KL) divergence</b>, cross-entropy minus entropy:\n"
        "<b>D(p‖q) = H(p, q) − H(p)</b>\n\n"
        "The weird die, in bits:\n"
        "• you believe in an ordinary die: D = {ce_fair} − {h} = <b>{kl_fair}</b>;\n"
        "• you believe in «1, 2, 3, 4, 4, 5»: D = {ce_misread} − {h} = <b>{kl_misread}</b>.\n"
        "That many extra bits of surprise you get on average on every roll.\n\n"
        "• D ≥ 0 always;\n"
        "• D = 0 only when q = p: right beliefs cost nothing.\n"
        "In the picture: H(p, q) = H(p) + D(p‖q)."
    ),
    "learn.5.2": (
        "⚠️ And what if you are sure a four can <i>never</i> come up: q(4) = 0?\n\n"
        "log 0 does not exist: no power of 2 gives 0. But we can watch what happens as q(4) "
        "<b>gets closer</b> to zero: q = {q1} → surprise {s1}; q = {q2} → {s2}; "
        "q = {q3} → {s3}. The surprise grows without bound:\n"
        "<b>−log q → +∞ as q → 0</b>\n\n"
        "And the real probability of a four is {p_four}! So D(p‖q) = {inf}: such a "
        "mistake is infinitely expensive.\n\n"
        "The moral: never give zero to something that can happen. That is why neural networks "
        "never say «surely not», only «very unlikely»."
    ),
    "learn.5.3": (
        "🧭 The whole path of the talk:\n"
        "probability p → surprise −log p → entropy H(p), the average surprise → "
        "cross-entropy H(p, q), the average surprise of someone who believes q → the "
        "Kullback–Leibler (KL) divergence, the extra surprise.\n\n"
        "<b>H(p, q) = H(p) + D(p‖q)</b>. H(p) depends only on the data. So when training "
        "lowers the cross-entropy — the loss of ChatGPT and MidJourney — it lowers exactly "
        "the KL: it brings the model's beliefs closer to the truth.\n\n"
        "🎮 Feel it yourself: /game — be the model with the weird die.\n"
        "🎯 Practise: /quiz."
    ),
    # ---- picture labels ----
    "learn.pic.fair": "An ordinary die",
    "learn.pic.weird": "The weird die",
    "learn.pic.each": "every face: P = {p}",
    "learn.pic.weird_sum": "P(4) = {fours}/{faces} = {p_four}",
    "learn.pic.probability": "probability",
    "learn.pic.value": "value rolled",
    "learn.pic.rules_title": "What must a measure of surprise S(p) be like?",
    "learn.pic.rule.1": "never negative",
    "learn.pic.rule.2": "a rarer event surprises more",
    "learn.pic.rule.3": "a certain event does not surprise",
    "learn.pic.rule.4": "independent events: surprises add",
    "learn.pic.rule_unknown": "rule {number}: ?",
    "learn.pic.rules_result": "All four rules are kept by",
    "learn.pic.curve_x": "probability p",
    "learn.pic.bits": "bits (base 2)",
    "learn.pic.nats": "nats (base e)",
    "learn.pic.product": "The product P · P · … · P",
    "learn.pic.log_sum": "The sum ln P + ln P + … + ln P",
    "learn.pic.factors": "number of factors",
    "learn.pic.terms": "number of terms",
    "learn.pic.zero": "factor {count}: 0!",
    "learn.pic.entropy_title": "Entropy is the average surprise",
    "learn.pic.fair_die_line": "An ordinary die",
    "learn.pic.truth": "truth p (1, 2, 3, 4, 4, 4)",
    "learn.pic.belief": "belief q (1, 2, 3, 4, 4, 5)",
    "learn.pic.gap_title": "Average surprise per roll, bits",
    "learn.pic.gap_truth": "the truth, q = p",
    "learn.pic.gap_misread": "q: 1, 2, 3, 4, 4, 5",
    "learn.pic.gap_fair": "q: an ordinary die",
    "learn.pic.entropy_part": "H(p)",
    "learn.pic.extra": "extra surprise",
    "learn.pic.units_title": "The weird die: bits and nats",
    "learn.pic.units_bits": "bits (log₂)",
    "learn.pic.units_nats": "nats (ln)",
    "learn.pic.units_h": "Entropy H(p)",
    "learn.pic.units_ce": "H(p, q), q a fair die",
    "learn.pic.units_trap": "A trap: nearly equal numbers, different quantities!",
    "learn.pic.units_factor": "nats = bits · ln 2",
    "learn.pic.words": "Cats|sleep|all|day",
    "learn.pic.word_surprise": "surprise −ln q, nats",
    "learn.pic.loss": "loss = average: {loss}",
    "learn.pic.limit_title": "As q(4) → 0",
    "learn.pic.limit_note": "log 0 does not exist — only a limit",
    "learn.pic.path_title": "The path of the talk",
    "learn.pic.path_note": "Training a model lowers H(p, q), and so the KL",
}
