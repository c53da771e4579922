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
        "📄 Клас «{name}» · {topic} · {questions} · аркуш <code>{sheet}</code>\n"
        "{students} — у кожного свій варіант зі своїм ім'ям. Учні перевіряють себе так: "
        "<code>/check {sheet}</code>, і їхні відповіді з'являються у звіті класу.\n"
        "Ще раз ці самі варіанти: <code>/worksheet {code} {topic_key} {count} seed={seed}</code>"
    ),
    "ws.caption_no_students": (
        "📄 Клас «{name}» · {topic} · {questions} · аркуш <code>{sheet}</code>\n"
        "У класі ще немає учнів, тож це один аркуш без імені. Коли учні приєднаються, "
        "кожен отримає свій варіант зі своїм ім'ям і зможе перевірити себе командою /check."
    ),
    "ws.key_caption": (
        "🔑 Відповіді до аркуша <code>{sheet}</code> — окремим файлом, лише для тебе: "
        "не друкуй його для класу."
    ),
    "ws.stale_button": "Ця кнопка вже не працює 🙂 Надішли /worksheet ще раз.",
    # ---- printed in the PDFs (plain text, no HTML) ----
    "ws.pdf.title": "{topic}: аркуш",
    "ws.pdf.key_title_full": "{topic}: відповіді",
    "ws.pdf.class": "Клас {name} · код класу {code}",
    "ws.pdf.sheet_code": "Код аркуша",
    "ws.pdf.page": "Сторінка",
    "ws.pdf.name": "Ім'я",
    "ws.pdf.date": "Дата",
    "ws.pdf.no_name": "Без імені",
    "ws.pdf.outcome": "результат",
    "ws.pdf.chance": "ймовірність",
    "ws.pdf.answer": "Відповідь:",
    "ws.pdf.formulas": "Нагадування:",
    "ws.pdf.intro": (
        "Розв'язуй під кожним завданням, відповідь пиши в рамку так, як просить завдання "
        "(дріб або число з потрібним округленням). Потім перевір себе: надішли боту "
        "/check {code} і свої відповіді."
    ),
    "ws.pdf.key_title": "Відповіді",
    "ws.pdf.key_note": "лише для вчителя",
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
        "📄 Class “{name}” · {topic} · {questions} · sheet <code>{sheet}</code>\n"
        "{students}, each with their own variant and name. Students check "
        "themselves with <code>/check {sheet}</code>, and their answers appear in the class "
        "report.\nThese same variants again: "
        "<code>/worksheet {code} {topic_key} {count} seed={seed}</code>"
    ),
    "ws.caption_no_students": (
        "📄 Class “{name}” · {topic} · {questions} · sheet <code>{sheet}</code>\n"
        "The class has no students yet, so this is one sheet without a name. Once students "
        "join, each gets their own variant with their name and can check it with /check."
    ),
    "ws.key_caption": (
        "🔑 The answers to sheet <code>{sheet}</code>, as a separate file for you only: "
        "don't print it for the class."
    ),
    "ws.stale_button": "This button doesn't work any more 🙂 Send /worksheet again.",
    # ---- printed in the PDFs (plain text, no HTML) ----
    "ws.pdf.title": "{topic}: worksheet",
    "ws.pdf.key_title_full": "{topic}: answers",
    "ws.pdf.class": "Class {name} · class code {code}",
    "ws.pdf.sheet_code": "Sheet code",
    "ws.pdf.page": "Page",
    "ws.pdf.name": "Name",
    "ws.pdf.date": "Date",
    "ws.pdf.no_name": "No name",
    "ws.pdf.outcome": "outcome",
    "ws.pdf.chance": "probability",
    "ws.pdf.answer": "Answer:",
    "ws.pdf.formulas": "Reminder:",
    "ws.pdf.intro": (
        "Work under each task and write the answer in its box as the task asks (a fraction or "
        "a number rounded as asked). Then check yourself: send the bot /check {code} and your "
        "answers."
    ),
    "ws.pdf.key_title": "Answers",
    "ws.pdf.key_note": "for the teacher only",
}
