"""Texts of the worksheet feature. Keys are shared by UK and EN; placeholders in {braces}.

`ws.pdf.*` texts are printed in the PDF (plain text, no HTML); the rest are Telegram messages
in HTML, with class names escaped by the feature.
"""

UK: dict[str, str] = {
    "ws.teachers_only": (
        "📄 Аркуші із завданнями друкують учителі для своїх класів. "
        "А тобі — /quiz, щоб потренуватися, або /learn, щоб повторити уроки 🙂"
    ),
    "ws.no_classes": (
        "У тебе ще немає класів. Створи клас командою /newclass <i>назва</i>, "
        "а тоді друкуй аркуші: /worksheet <i>код</i> <i>тема</i> <i>кількість</i>."
    ),
    "ws.pick_class": "📄 Аркуш із завданнями. Для якого класу?",
    "ws.not_your_class": ("Серед твоїх класів немає коду «{code}». Обери клас 👇"),
    "ws.pick_topic": "📄 Клас «{name}». Яка тема?",
    "ws.bad_topic": "Я не знаю теми «{value}». Обери тему 👇",
    "ws.pick_count": "📄 Клас «{name}», тема «{topic}». Скільки завдань?",
    "ws.bad_count": "Кількість завдань — ціле число від 1 до {limit}. Обери 👇",
    "ws.bad_seed": "Номер варіанта — ціле число, наприклад seed=123456.",
    "ws.caption": (
        "📄 Клас «{name}» · {topic} · {questions} · варіант {seed}\n"
        "Відповіді — на останній сторінці. Щоб надрукувати цей самий варіант ще раз: "
        "/worksheet {code} {topic_key} {count} seed={seed}"
    ),
    "ws.stale_button": "Ця кнопка вже не працює 🙂 Надішли /worksheet ще раз.",
    # ---- printed in the PDF ----
    "ws.pdf.title": "Аркуш із завданнями: {topic}",
    "ws.pdf.class": "Клас: {name} ({code})",
    "ws.pdf.student": "Ім'я: ______________________________    Дата: ______________",
    "ws.pdf.intro": (
        "Розв'яжи завдання. Кожне каже, як записати відповідь: дробом, числом з потрібним "
        "округленням або вибором варіанта. Логарифми: log₂ — біти, ln — нати, lg — гартлі."
    ),
    "ws.pdf.answer_line": "Моя відповідь: ____________________",
    "ws.pdf.answers_title": "Відповіді та короткі розв'язання",
    "ws.pdf.answer": "{number}. Відповідь: {answer}",
    "ws.pdf.footer": "Surprise Quiz · варіант {seed} · сторінка {page} з {pages}",
    "ws.pdf.subject": "Аркуш із завданнями Surprise Quiz",
}

EN: dict[str, str] = {
    "ws.teachers_only": (
        "📄 Worksheets are printed by teachers for their classes. "
        "For you there is /quiz to practise, or /learn to go over the lessons 🙂"
    ),
    "ws.no_classes": (
        "You have no classes yet. Create one with /newclass <i>name</i>, "
        "then print worksheets: /worksheet <i>code</i> <i>topic</i> <i>count</i>."
    ),
    "ws.pick_class": "📄 A worksheet. For which class?",
    "ws.not_your_class": "None of your classes has the code “{code}”. Choose a class 👇",
    "ws.pick_topic": "📄 Class “{name}”. Which topic?",
    "ws.bad_topic": "I don't know the topic “{value}”. Choose a topic 👇",
    "ws.pick_count": "📄 Class “{name}”, topic “{topic}”. How many questions?",
    "ws.bad_count": "The number of questions is a whole number from 1 to {limit}. Choose 👇",
    "ws.bad_seed": "The variant number is a whole number, for example seed=123456.",
    "ws.caption": (
        "📄 Class “{name}” · {topic} · {questions} · variant {seed}\n"
        "The answers are on the last page. To print this same variant again: "
        "/worksheet {code} {topic_key} {count} seed={seed}"
    ),
    "ws.stale_button": "This button doesn't work any more 🙂 Send /worksheet again.",
    # ---- printed in the PDF ----
    "ws.pdf.title": "Worksheet: {topic}",
    "ws.pdf.class": "Class: {name} ({code})",
    "ws.pdf.student": "Name: ______________________________    Date: ______________",
    "ws.pdf.intro": (
        "Solve the problems. Each says how to write its answer: a fraction, a number rounded as "
        "asked, or one of its options. Logarithms: log₂ gives bits, ln gives nats, lg gives "
        "hartleys."
    ),
    "ws.pdf.answer_line": "My answer: ____________________",
    "ws.pdf.answers_title": "Answers and short solutions",
    "ws.pdf.answer": "{number}. Answer: {answer}",
    "ws.pdf.footer": "Surprise Quiz · variant {seed} · page {page} of {pages}",
    "ws.pdf.subject": "A Surprise Quiz worksheet",
}
