"""Texts of /game, «Будь моделлю» (Be the model). Keys are shared by UK and EN; placeholders
in {braces}. Numbers come formatted by `quiz.numbers.format_number`, fractions as `1/6`;
nothing typed by a student is ever put in here except through the feature's escaping."""

UK: dict[str, str] = {
    # nouns after a number (bot.texts.count_phrase): 1 кидок; після 2 кидків
    "n.roll": "кидок|кидки|кидків|кидка",
    "n.roll_after": "кидка|кидків|кидків|кидка",
    "menu.game": "Будь моделлю: кубик 🎲 і сюрприз",
    "game.intro": (
        "🎲 <b>Будь моделлю</b>\n\n"
        "У мене є кубик. Ти — модель: скажи, наскільки ймовірне кожне число, "
        "це твої переконання q. Я кидаю справжній кубик Telegram, а ти отримуєш "
        "<b>сюрприз</b> −log q(грань). Менше сюрпризу — краща модель!\n\n"
        "Який кубик кидаємо?"
    ),
    "game.button.weird": "🎲 Дивний кубик 1, 2, 3, 4, 4, 4",
    "game.button.mystery": "❓ Таємничий кубик",
    "game.button.continue": "▶️ Продовжити гру ({done} з {total})",
    "game.die.weird": (
        "🎲 <b>Дивний кубик</b>: грані 1, 2, 3, 4, 4, 4. "
        "Коли кубик Telegram показує 5 чи 6, на нашому кубику це 4."
    ),
    "game.die.mystery": (
        "❓ <b>Таємничий кубик</b>: його грані — секрет до кінця гри 🤫 "
        "Може випасти будь-яке число від 1 до 6."
    ),
    "game.ask_belief": (
        "Які твої переконання q: наскільки ймовірне кожне число 1–6?\n"
        "Натисни кнопку або напиши по числу на грань, починаючи з 1:\n"
        "• <code>1 1 1 3</code> — ваги (4 утричі частіше за 1, а 5 і 6 — ніколи)\n"
        "• <code>1/6 1/6 1/6 1/2</code> — ймовірності (разом 1)"
    ),
    "game.button.fair": "⚖️ Чесний: по 1/6",
    "game.button.four": "4️⃣ Четвірка ймовірна",
    "game.button.last": "↩️ Мої останні переконання",
    "game.button.roll": "🎲 Кинути ({number} з {total})",
    "game.button.change": "✏️ Змінити переконання",
    "game.button.train": "🧠 Навчити модель",
    "game.button.new": "🎲 Нова гра",
    "game.belief": "Твої переконання q: {belief}",
    "game.belief.weights": "(ваги {typed} я перетворив на ймовірності)",
    "game.zero_warning": (
        "⚠️ q({faces}) = 0, а {faces_word} може випасти! Тоді твій сюрприз −log 0 = ∞ — "
        "нескінченний, і середній теж. Ризикнеш чи зміниш переконання?"
    ),
    "game.faces_word.one": "це число",
    "game.faces_word.many": "ці числа",
    "game.ready": "Кидок {number} з {total} — тисни 🎲",
    "game.rolled": "🎲 Кубик Telegram показав {value}",
    "game.rolled.mapped": "🎲 Кубик Telegram показав {value} — на нашому кубику це <b>{face}</b>",
    "game.rolled.same": "🎲 Випало <b>{face}</b>",
    "game.surprise": "😮 Сюрприз: −{log} q({face}) = −{log}({q}) = <b>{surprise}</b>",
    "game.surprise.infinite": (
        "😱 Сюрприз: −{log} q({face}) = −{log} 0 = <b>∞</b>. "
        "Твої переконання казали, що {face} не випаде ніколи!"
    ),
    "game.average": "📈 Середній сюрприз після {count}: <b>{average}</b>",
    "game.done": "🏁 <b>Гру закінчено: {count}!</b>",
    "game.summary.average": "Твій середній сюрприз: <b>{average}</b>.",
    "game.summary.entropy": (
        "📊 H(p) = <b>{h}</b> — ентропія: середній сюрприз того, хто знає кубик. "
        "Менше не зможе ніхто."
    ),
    "game.summary.cross_entropy": (
        "🤔 H(p, q) = <b>{ce}</b> — перехресна ентропія: скільки в середньому коштують "
        "твої переконання."
    ),
    "game.summary.kl": (
        "📏 Різниця H(p, q) − H(p) = <b>{kl}</b> — це <b>дивергенція Кульбака–Лейблера (KL)</b> "
        "D(p‖q): зайвий сюрприз через хибні переконання."
    ),
    "game.summary.kl_zero": (
        "✅ D(p‖q) = 0: твої переконання збігаються з кубиком — жодного зайвого сюрпризу."
    ),
    "game.summary.last_belief": "(H(p, q) і D(p‖q) — для твоїх останніх переконань.)",
    "game.summary.revealed": "🤫 Таємничий кубик мав грані: <b>{faces}</b>.",
    "game.chart_caption": (
        "📈 Твій середній сюрприз після кожного кидка, ентропія H(p) і перехресна ентропія "
        "H(p, q). Проміжок між ними — дивергенція Кульбака–Лейблера (KL)."
    ),
    "game.chart.title": "Середній сюрприз, {units}",
    "game.chart.xlabel": "кидок",
    "game.chart.average": "твій середній сюрприз",
    "game.chart.entropy": "H(p): найкраще можливе",
    "game.chart.cross_entropy": "H(p, q): ціна твоїх переконань",
    "game.chart.kl": "D(p‖q) = H(p, q) − H(p)",
    "game.train.text": (
        "🧠 <b>Крихітна модель вивчає кубик</b>\n"
        "Дані: твої {rolls} і ще {simulated}, які для неї накидав комп’ютер тим самим кубиком.\n"
        "Спершу модель вважає всі числа однаково ймовірними. Потім робить {steps} кроків "
        "градієнтного спуску: кожен крок трохи зменшує її середній сюрприз на даних — "
        "перехресну ентропію.\n"
        "Функція втрат: {start} → <b>{end}</b>; нижче ентропії цих даних H = {h} "
        "вона не опуститься.\n"
        "Навчилась: {learned}\n"
        "Насправді: {truth}"
    ),
    "game.train.llm": (
        "🤖 Так само вчаться мовні моделі на кшталт ChatGPT: та сама функція втрат, "
        "перехресна ентропія, тільки не для наступної грані, а для наступного слова. "
        "Навчання робить їхній сюрприз від справжніх текстів усе меншим."
    ),
    "game.train.chart_caption": (
        "Ліворуч: функція втрат на кожному кроці спускається до ентропії. "
        "Праворуч: чого навчилась модель і якою є правда."
    ),
    "game.train.loss_title": "Функція втрат (перехресна ентропія), {units}",
    "game.train.step": "крок",
    "game.train.loss": "втрати моделі",
    "game.train.entropy": "ентропія H",
    "game.train.probs_title": "Ймовірності граней",
    "game.train.learned": "навчилась",
    "game.train.truth": "правда",
    "game.no_game": "Ця гра вже закінчилась 🙂 Нова: /game",
    "game.already_rolled": "Цей кидок уже зроблено 🙂",
    "game.need_belief": "Спершу обери свої переконання 👆",
    "game.not_in_group": (
        "«Будь моделлю» — гра для двох: тебе і мене 🙂 Напиши мені /game в особисті: {link}"
    ),
    "game.err.too_long": "Задовго 🙂 Напиши до {limit} символів, наприклад <code>1 1 1 3</code>",
    "game.err.count": (
        "Потрібно від 2 до 6 чисел — по одному на грань, починаючи з 1 (а в тебе {count}). "
        "Наприклад: <code>1 1 1 3</code>"
    ),
    "game.err.not_number": (
        "«{token}» — не схоже на число. Пиши так: <code>1 1 1 3</code> або <code>1/6 1/2</code>"
    ),
    "game.err.negative": "Ймовірність не буває від’ємною, а тут «{token}».",
    "game.err.too_big": "«{token}» — забагато. Ваги — до {limit}.",
    "game.err.all_zero": "Усі нулі — так не можна: щось же має випасти 🙂",
    "game.err.sum": (
        "Ймовірності разом дають {total}, а мають дати 1. "
        "Або напиши ваги цілими числами: <code>1 1 1 3</code>"
    ),
}

EN: dict[str, str] = {
    "n.roll": "roll|rolls",
    "n.roll_after": "roll|rolls",
    "menu.game": "Be the model: a die 🎲 and surprise",
    "game.intro": (
        "🎲 <b>Be the model</b>\n\n"
        "I have a die. You are the model: say how likely each number is — that is your "
        "belief q. I roll a real Telegram die, and you get the <b>surprise</b> −log q(face). "
        "Less surprise means a better model!\n\n"
        "Which die shall we roll?"
    ),
    "game.button.weird": "🎲 Weird die 1, 2, 3, 4, 4, 4",
    "game.button.mystery": "❓ Mystery die",
    "game.button.continue": "▶️ Continue the game ({done} of {total})",
    "game.die.weird": (
        "🎲 <b>The weird die</b>: faces 1, 2, 3, 4, 4, 4. "
        "When Telegram's die shows 5 or 6, on our die it is a 4."
    ),
    "game.die.mystery": (
        "❓ <b>The mystery die</b>: its faces are a secret until the end 🤫 "
        "Any number from 1 to 6 may come up."
    ),
    "game.ask_belief": (
        "What is your belief q: how likely is each number 1–6?\n"
        "Press a button or type one number per face, starting with 1:\n"
        "• <code>1 1 1 3</code> — weights (4 three times as often as 1, 5 and 6 never)\n"
        "• <code>1/6 1/6 1/6 1/2</code> — probabilities (adding up to 1)"
    ),
    "game.button.fair": "⚖️ Fair: 1/6 each",
    "game.button.four": "4️⃣ 4 is likely",
    "game.button.last": "↩️ My last belief",
    "game.button.roll": "🎲 Roll ({number} of {total})",
    "game.button.change": "✏️ Change my belief",
    "game.button.train": "🧠 Train a model",
    "game.button.new": "🎲 New game",
    "game.belief": "Your belief q: {belief}",
    "game.belief.weights": "(I turned the weights {typed} into probabilities)",
    "game.zero_warning": (
        "⚠️ q({faces}) = 0, yet {faces_word} can come up! Then your surprise is −log 0 = ∞ — "
        "infinite, and so is your average. Will you risk it or change your belief?"
    ),
    "game.faces_word.one": "this number",
    "game.faces_word.many": "these numbers",
    "game.ready": "Roll {number} of {total} — press 🎲",
    "game.rolled": "🎲 Telegram's die shows {value}",
    "game.rolled.mapped": "🎲 Telegram's die shows {value} — on our die that is a <b>{face}</b>",
    "game.rolled.same": "🎲 It's a <b>{face}</b>",
    "game.surprise": "😮 Surprise: −{log} q({face}) = −{log}({q}) = <b>{surprise}</b>",
    "game.surprise.infinite": (
        "😱 Surprise: −{log} q({face}) = −{log} 0 = <b>∞</b>. "
        "Your belief said {face} would never come up!"
    ),
    "game.average": "📈 Average surprise after {count}: <b>{average}</b>",
    "game.done": "🏁 <b>Game over: {count}!</b>",
    "game.summary.average": "Your average surprise: <b>{average}</b>.",
    "game.summary.entropy": (
        "📊 H(p) = <b>{h}</b> — the entropy: the average surprise of someone who knows the "
        "die. Nobody can do better."
    ),
    "game.summary.cross_entropy": (
        "🤔 H(p, q) = <b>{ce}</b> — the cross-entropy: what your belief costs on average."
    ),
    "game.summary.kl": (
        "📏 The gap H(p, q) − H(p) = <b>{kl}</b> is the <b>Kullback–Leibler (KL) divergence</b> "
        "D(p‖q): the extra surprise your wrong belief costs."
    ),
    "game.summary.kl_zero": (
        "✅ D(p‖q) = 0: your belief matches the die — no extra surprise at all."
    ),
    "game.summary.last_belief": "(H(p, q) and D(p‖q) are for your last belief.)",
    "game.summary.revealed": "🤫 The mystery die had the faces <b>{faces}</b>.",
    "game.chart_caption": (
        "📈 Your average surprise after each roll, the entropy H(p) and the cross-entropy "
        "H(p, q). The gap between them is the Kullback–Leibler (KL) divergence."
    ),
    "game.chart.title": "Average surprise, {units}",
    "game.chart.xlabel": "roll",
    "game.chart.average": "your average surprise",
    "game.chart.entropy": "H(p): the best possible",
    "game.chart.cross_entropy": "H(p, q): what your belief costs",
    "game.chart.kl": "D(p‖q) = H(p, q) − H(p)",
    "game.train.text": (
        "🧠 <b>A tiny model learns the die</b>\n"
        "Data: your {rolls} and {simulated} that a computer made for it with the same die.\n"
        "At first the model thinks every number is equally likely. Then it takes {steps} "
        "steps of gradient descent: each step makes its average surprise on the data — the "
        "cross-entropy — a little smaller.\n"
        "Loss: {start} → <b>{end}</b>; it can never go below the entropy of this data, H = {h}.\n"
        "Learned: {learned}\n"
        "Truth: {truth}"
    ),
    "game.train.llm": (
        "🤖 Language models like ChatGPT learn the same way: the same loss, cross-entropy, "
        "only over the next word instead of the next face. Training makes their surprise at "
        "real text smaller and smaller."
    ),
    "game.train.chart_caption": (
        "Left: the loss at each step comes down to the entropy. "
        "Right: what the model learned, and the truth."
    ),
    "game.train.loss_title": "Loss (cross-entropy), {units}",
    "game.train.step": "step",
    "game.train.loss": "the model's loss",
    "game.train.entropy": "entropy H",
    "game.train.probs_title": "Face probabilities",
    "game.train.learned": "learned",
    "game.train.truth": "truth",
    "game.no_game": "That game is over 🙂 A new one: /game",
    "game.already_rolled": "That roll has been made already 🙂",
    "game.need_belief": "First choose your belief 👆",
    "game.not_in_group": (
        "“Be the model” is a game for two: you and me 🙂 Send me /game here: {link}"
    ),
    "game.err.too_long": (
        "That's too long 🙂 Keep it under {limit} characters, e.g. <code>1 1 1 3</code>"
    ),
    "game.err.count": (
        "I need 2 to 6 numbers — one per face, starting with 1 (you sent {count}). "
        "For example: <code>1 1 1 3</code>"
    ),
    "game.err.not_number": (
        "«{token}» doesn't look like a number. Type <code>1 1 1 3</code> or <code>1/6 1/2</code>"
    ),
    "game.err.negative": "A probability can't be negative, but here is «{token}».",
    "game.err.too_big": "«{token}» is too much. Weights go up to {limit}.",
    "game.err.all_zero": "All zeros won't do: something has to come up 🙂",
    "game.err.sum": (
        "The probabilities add up to {total}, but they must make 1. "
        "Or type whole-number weights: <code>1 1 1 3</code>"
    ),
}
