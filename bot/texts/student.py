"""Texts of the student feature. Keys are shared by UK and EN; placeholders in {braces}.

Messages are sent with parse_mode HTML: the markup here is ours, and every value filled in
that comes from a user (or from anywhere else) is escaped by the caller."""

UK: dict[str, str] = {
    # /start
    "start.hello": "Привіт, {name}! 👋",
    "start.hello_anonymous": "Привіт! 👋",
    "start.body": (
        "Я — <b>Surprise Quiz</b>, бот про те, навіщо логарифми штучному інтелекту.\n\n"
        "🎲 Звичайний кубик: кожна грань випадає з імовірністю 1/6.\n"
        "🎲 <b>Дивний кубик</b> 1, 2, 3, 4, 4, 4: четвірка випадає з імовірністю 1/2.\n"
        "😮 Що менш імовірна подія, то більше вона дивує: <b>сюрприз</b> = −log p.\n"
        "🤖 Середній сюрприз того, хто помиляється у своїх очікуваннях, — "
        "<b>перехресна ентропія</b>. Саме цю функцію втрат зменшують, коли навчають "
        "ChatGPT.\n\n"
        "Я даватиму задачі, перевірятиму відповіді й пояснюватиму помилки. Почнемо?"
    ),
    "start.unknown_payload": (
        "Це посилання мені не знайоме — можливо, воно застаріло 🤷 Але почати можна й так!"
    ),
    "button.begin": "🎲 Почати",
    "button.help": "❓ Допомога",
    # /help
    "help.text": (
        "<b>Що я вмію</b>\n"
        "/quiz — нове питання (можна з темою: /quiz entropy)\n"
        "/hint — підказка · /skip — пропустити · /cancel — відкласти питання\n"
        "/progress — твій прогрес, що робити далі, графік\n"
        "/remind 18:00 — щоденне нагадування про повторення (/remind off — вимкнути)\n"
        "/learn — п'ять уроків з малюнками · /lab — лабораторія з дивним кубиком\n"
        "/game — «Будь моделлю»: кидай справжній кубик 🎲 і рахуй сюрприз\n"
        "/homework — домашні завдання · /join КОД — приєднатися до класу\n"
        "/check КОД — перевірити відповіді паперового аркуша\n"
        "/lang uk або /lang en — мова · /forget_me — видалити мої дані\n\n"
        "<b>Як писати відповіді</b>\n"
        "Просто надішли число у відповідь на питання. Можна так:\n"
        "<code>0,5</code> або <code>0.5</code> · <code>1/6</code> · <code>16,7%</code> · "
        "<code>log2(6)</code> · <code>ln 2</code> · <code>2^-1</code> · <code>-log2(1/6)</code>\n"
        "Досить двох значущих цифр: 1/6 ≈ <code>0,17</code>.\n"
        "⚠️ <code>log</code> без основи — це натуральний логарифм ln; "
        "log за основою 2 пиши <code>log2</code>, за основою 10 — <code>lg</code>."
    ),
    # /help, added for teachers (and the last line for admins only)
    "help.teacher": (
        "<b>Для вчителя</b>\n"
        "/newclass 7-Б — створити клас: дам код, посилання і QR-код для учнів\n"
        "/classes — твої класи · /class КОД — прогрес класу: таблиця, графік, CSV\n"
        "/assign — задати домашку · /homeworks — хто її вже виконав\n"
        "/worksheet — аркуші для друку: свій варіант кожному учневі, відповіді окремо\n"
        "/settings — основа логарифма в задачах класу\n"
        "/live — вікторина й гра з кубиком у групі класу (там — лише імена й бали)\n"
        "У звіті /class: вилучити учня з класу, архівувати клас. "
        "Дані класу я показую лише тут, в особистому чаті, — не в групах."
    ),
    "help.admin": "/invite_teacher — одноразове посилання, щоб запросити вчителя",
    # /lang
    "lang.choose": "Обери мову · Choose your language:",
    "lang.unknown": "Я не знаю мови «{value}» 🙂 Обери одну з цих:",
    "lang.set": "Готово! Тепер я говорю українською 🇺🇦",
    "button.lang_uk": "🇺🇦 Українська",
    "button.lang_en": "🇬🇧 English",
    # /quiz and the question
    "quiz.choose_topic": "Обери тему 👇",
    "quiz.unknown_topic": "Я не знаю теми «{value}» 🤔 Обери одну з цих 👇",
    "question.header": "❓ <b>{topic}</b> · рівень {level}",
    "question.homework": "📚 Домашнє завдання",
    "question.review": "🔁 Повторення — щоб знання не вивітрились",
    "button.hint": "💡 Підказка",
    "button.skip": "⏭ Пропустити",
    "button.solution": "📖 Розв’язок",
    "button.continue": "▶️ Продовжити",
    "button.new_question": "🆕 Нове питання",
    "button.go_reviews": "🔁 Повторити",
    "button.go_next": "▶️ Почати",
    "button.go_practice": "🎲 Потренуватися",
    "button.next": "➡️ Наступне питання",
    "button.other_topic": "🔀 Інша тема",
    "button.progress": "📊 Мій прогрес",
    # /hint
    "hint.text": "💡 <b>Підказка {number} з {count}</b>\n{hint}",
    "hint.solution": (
        "📖 Ось розв’язок. Це питання піде без зарахування — наступне вийде! "
        "Правильна відповідь: <b>{answer}</b>"
    ),
    "hint.none": "Зараз немає питання, до якого потрібна підказка 🙂 Нове питання: /quiz",
    # /skip
    "skip.done": "⏭ Пропускаємо. Правильна відповідь: <b>{answer}</b>",
    "skip.none": "Немає чого пропускати 🙂 Нове питання: /quiz",
    # /cancel
    "cancel.done": ("Гаразд, питання відкладено 👌 Коли повернешся, /quiz запропонує його знову."),
    "quiz.open_question": (
        "У тебе є незакінчене питання: <b>{topic}</b>, рівень {level}. "
        "Продовжимо його чи візьмемо нове?"
    ),
    "cancel.none": "Нічого скасовувати 🙂 Нове питання: /quiz, допомога: /help",
    # answers
    "answer.no_question": (
        "Зараз немає відкритого питання 🙂 Натисни кнопку нижче або напиши /quiz."
    ),
    "answer.unparsed": "🤔 {error}\nПитання чекає на відповідь — спробуй ще раз.",
    "answer.paused": "Твоє питання відкладене 🙂 Продовжимо його чи візьмемо нове?",
    "try.again": "✍️ Спробуй ще раз — у тебе є ще одна спроба.",
    "news.mastered": "🏅 {topic}: рівень {level} опановано!",
    "news.level_up": "⬆️ Далі — рівень {level}.",
    "news.level_down": "↩️ Повернімося на рівень {level}, щоб закріпити основу, — і знову вгору.",
    "news.opened": "🔓 Відкрито нову тему: {topic}!",
    "answer.too_long": (
        "Це задовга відповідь 🙂 Досить числа, наприклад <code>0,5</code> або <code>1/6</code>."
    ),
    "feedback.right_answer": "Правильна відповідь: <b>{answer}</b>",
    "feedback.your_answer": "Твоя відповідь: {answer}",
    "feedback.solution": "<b>Розв’язання</b>\n{solution}",
    "feedback.homework_progress": "📚 Домашка «{topic}»: {done}/{count}",
    "feedback.homework_done": "🎉 Домашку «{topic}» виконано: {count}/{count}! Молодець!",
    # /progress
    "progress.title": "📊 <b>Твій прогрес</b>",
    "progress.empty": (
        "Тут поки порожньо 🙂 Відповідай на питання в /quiz — і тут з’явиться твій прогрес."
    ),
    "progress.day_streak": "🔥 Днів поспіль із правильною відповіддю: <b>{days}</b>",
    "progress.answer_streak": "🎯 Правильних відповідей поспіль: <b>{count}</b>",
    "progress.topic": (
        "<b>{topic}</b> · рівень {level}\n{bar} опанування {mastery}\n"
        "рівні: {levels}\nспроб: {attempts} · точність: {accuracy}"
    ),
    "progress.level_mastered": "{level} ✅",
    "progress.level_known": "{level} — {p}",
    "progress.level_new": "{level} —",
    "progress.level_locked": "{level} 🔒",
    "progress.legend": (
        "<i>Опанування — наскільки ймовірно, що ти вже вмієш тему (середнє за трьома "
        "рівнями; рівень опановано від 95 % і щонайменше трьох відповідей). "
        "Точність — частка правильних спроб.</i>"
    ),
    "progress.next_reviews": "👉 Далі: {reviews} — щоб знання не вивітрились.",
    "progress.next_step": "👉 Далі: {topic}, рівень {level}",
    "progress.all_done": "🏆 Усі теми опановано!",
    "progress.all_done_until": "🏆 Усі теми опановано! Наступне повторення — {when}.",
    "progress.chart_caption": "📈 Опанування тем і правильні відповіді за {days} днів",
    "chart.mastery_title": "Опанування тем",
    "chart.days_title": "Правильні відповіді за днями",
    "chart.topic": "опанування {mastery} · точність {accuracy} ({attempts})",
    "chart.untried": "ще не пробували",
}

EN: dict[str, str] = {
    "start.hello": "Hi, {name}! 👋",
    "start.hello_anonymous": "Hi! 👋",
    "start.body": (
        "I am <b>Surprise Quiz</b>, a bot about why artificial intelligence needs logarithms.\n\n"
        "🎲 A normal die: each face comes up with probability 1/6.\n"
        "🎲 The <b>weird die</b> 1, 2, 3, 4, 4, 4: a four comes up with probability 1/2.\n"
        "😮 The less likely an event, the more it surprises us: <b>surprise</b> = −log p.\n"
        "🤖 The average surprise of someone whose beliefs are wrong is the "
        "<b>cross-entropy</b>. It is the very loss that is made smaller to train ChatGPT.\n\n"
        "I will give you problems, check your answers and explain mistakes. Shall we begin?"
    ),
    "start.unknown_payload": (
        "I don't know that link — maybe it has expired 🤷 But we can simply begin!"
    ),
    "button.begin": "🎲 Begin",
    "button.help": "❓ Help",
    "help.text": (
        "<b>What I can do</b>\n"
        "/quiz — a new question (a topic too: /quiz entropy)\n"
        "/hint — a hint · /skip — skip · /cancel — put the question away\n"
        "/progress — your progress, what to do next, a chart\n"
        "/remind 18:00 — a daily reminder to review (/remind off to stop)\n"
        "/learn — five lessons with pictures · /lab — the weird die lab\n"
        "/game — Be the model: roll a real die 🎲 and count the surprise\n"
        "/homework — homework · /join CODE — join a class\n"
        "/check CODE — check the answers of a paper worksheet\n"
        "/lang uk or /lang en — language · /forget_me — delete my data\n\n"
        "<b>How to type answers</b>\n"
        "Just send a number in reply to the question. Any of these work:\n"
        "<code>0.5</code> or <code>0,5</code> · <code>1/6</code> · <code>16.7%</code> · "
        "<code>log2(6)</code> · <code>ln 2</code> · <code>2^-1</code> · <code>-log2(1/6)</code>\n"
        "Two significant digits are enough: 1/6 ≈ <code>0.17</code>.\n"
        "⚠️ <code>log</code> alone means the natural log ln; "
        "for base 2 type <code>log2</code>, for base 10 <code>lg</code>."
    ),
    "help.teacher": (
        "<b>For teachers</b>\n"
        "/newclass 7B — create a class: you get a code, a link and a QR code for students\n"
        "/classes — your classes · /class CODE — class progress: table, chart, CSV\n"
        "/assign — set homework · /homeworks — who has finished it\n"
        "/worksheet — worksheets to print: a variant per student, the key separately\n"
        "/settings — the log base in the class's questions\n"
        "/live — a quiz and the dice game in the class's group (first names and scores only)\n"
        "In the /class report: remove a student, archive a class. "
        "I show class data only here, in the private chat — never in groups."
    ),
    "help.admin": "/invite_teacher — a one-time link to invite a teacher",
    "lang.choose": "Choose your language · Обери мову:",
    "lang.unknown": "I don't know the language “{value}” 🙂 Choose one of these:",
    "lang.set": "Done! I'll speak English now 🇬🇧",
    "button.lang_uk": "🇺🇦 Українська",
    "button.lang_en": "🇬🇧 English",
    "quiz.choose_topic": "Choose a topic 👇",
    "quiz.unknown_topic": "I don't know the topic “{value}” 🤔 Choose one of these 👇",
    "question.header": "❓ <b>{topic}</b> · level {level}",
    "question.homework": "📚 Homework",
    "question.review": "🔁 Review — so that it sticks",
    "button.hint": "💡 Hint",
    "button.skip": "⏭ Skip",
    "button.solution": "📖 Solution",
    "button.continue": "▶️ Continue",
    "button.new_question": "🆕 New question",
    "button.go_reviews": "🔁 Review now",
    "button.go_next": "▶️ Start",
    "button.go_practice": "🎲 Practise",
    "button.next": "➡️ Next question",
    "button.other_topic": "🔀 Another topic",
    "button.progress": "📊 My progress",
    "hint.text": "💡 <b>Hint {number} of {count}</b>\n{hint}",
    "hint.solution": (
        "📖 Here is the solution. This one goes without credit — you'll get the next one! "
        "The right answer: <b>{answer}</b>"
    ),
    "hint.none": "There is no question to give a hint for 🙂 A new question: /quiz",
    "skip.done": "⏭ Skipped. The right answer: <b>{answer}</b>",
    "skip.none": "There is nothing to skip 🙂 A new question: /quiz",
    "cancel.done": "OK, the question is put aside 👌 When you're back, /quiz offers it again.",
    "quiz.open_question": (
        "You have a question open: <b>{topic}</b>, level {level}. Continue it or take a new one?"
    ),
    "cancel.none": "Nothing to cancel 🙂 A new question: /quiz, help: /help",
    "answer.no_question": "There is no open question right now 🙂 Press the button or send /quiz.",
    "answer.unparsed": "🤔 {error}\nThe question is still waiting — try again.",
    "answer.paused": "Your question is put aside 🙂 Continue it or take a new one?",
    "try.again": "✍️ Try again — you have one more try.",
    "news.mastered": "🏅 {topic}: level {level} mastered!",
    "news.level_up": "⬆️ Next up: level {level}.",
    "news.level_down": "↩️ Let's go back to level {level} to firm up the basics, then up again.",
    "news.opened": "🔓 A new topic is open: {topic}!",
    "answer.too_long": (
        "That answer is too long 🙂 A number is enough, like <code>0.5</code> or <code>1/6</code>."
    ),
    "feedback.right_answer": "The right answer: <b>{answer}</b>",
    "feedback.your_answer": "Your answer: {answer}",
    "feedback.solution": "<b>Solution</b>\n{solution}",
    "feedback.homework_progress": "📚 Homework “{topic}”: {done}/{count}",
    "feedback.homework_done": "🎉 Homework “{topic}” done: {count}/{count}! Well done!",
    "progress.title": "📊 <b>Your progress</b>",
    "progress.empty": (
        "Nothing here yet 🙂 Answer a few questions in /quiz and your progress will show up here."
    ),
    "progress.day_streak": "🔥 Days in a row with a right answer: <b>{days}</b>",
    "progress.answer_streak": "🎯 Right answers in a row: <b>{count}</b>",
    "progress.topic": (
        "<b>{topic}</b> · level {level}\n{bar} mastery {mastery}\n"
        "levels: {levels}\nattempts: {attempts} · accuracy: {accuracy}"
    ),
    "progress.level_mastered": "{level} ✅",
    "progress.level_known": "{level} — {p}",
    "progress.level_new": "{level} —",
    "progress.level_locked": "{level} 🔒",
    "progress.legend": (
        "<i>Mastery: how likely it is that you know the topic already (the mean of its three "
        "levels; a level is mastered from 95 % and at least three answers). "
        "Accuracy: the share of your tries that were right.</i>"
    ),
    "progress.next_reviews": "👉 Next: {reviews} due — so that it sticks.",
    "progress.next_step": "👉 Next: {topic}, level {level}",
    "progress.all_done": "🏆 Every topic mastered!",
    "progress.all_done_until": "🏆 Every topic mastered! Next review: {when}.",
    "progress.chart_caption": "📈 Topic mastery and right answers over {days} days",
    "chart.mastery_title": "Topic mastery",
    "chart.days_title": "Right answers per day",
    "chart.topic": "mastery {mastery} · accuracy {accuracy} ({attempts})",
    "chart.untried": "not tried yet",
}
