"""Texts of /check: a student types the answers of a paper worksheet. Telegram HTML."""

UK: dict[str, str] = {
    "check.ask_code": (
        "📝 Надішли код аркуша — він угорі праворуч на твоєму аркуші, наприклад "
        "<code>K7QX3D</code>."
    ),
    "check.unknown": (
        "🤔 Не знаю аркуша з кодом «{code}». Перевір код угорі праворуч на аркуші "
        "й надішли його ще раз (або /cancel)."
    ),
    "check.not_yours": (
        "Аркуш <code>{code}</code> надруковано не для тебе: у кожного учня свій варіант "
        "зі своїм ім'ям. Якщо аркуша з твоїм ім'ям немає, попроси вчителя надрукувати ще раз."
    ),
    "check.intro": (
        "📝 Аркуш <code>{code}</code> · {topic} · завдань: {count} (перевірено: {done}).\n"
        "Пиши відповіді по одній, або всі одразу списком: <code>1) 0,5 2) 1/6 3) 2,58</code>. "
        "«-» — пропустити завдання. Кожне завдання перевіряється один раз."
    ),
    "check.next": "✏️ Завдання {number} з {count}: яка твоя відповідь?",
    "check.finished": (
        "🏁 Аркуш <code>{code}</code> перевірено: правильно {right} з {count}. "
        "Відповіді вже у твоєму /progress і у звіті вчителя."
    ),
    "check.already": "{number}. Уже перевірено раніше — відповідь не змінюється.",
    "check.unreadable": "{number}. 🤔 Не можу прочитати: {error} Напиши ще раз.",
    "check.letter": "у цьому завданні є варіанти — напиши букву ({letters}).",
    "check.skipped": "{number}. ⏭ Пропущено. Правильна відповідь: {answer}",
    "check.right": "{number}. ✅ Правильно!",
    "check.wrong": "{number}. ❌ {feedback} Правильна відповідь: {answer}",
}

EN: dict[str, str] = {
    "check.ask_code": (
        "📝 Send the sheet code — it is at the top right of your sheet, for example "
        "<code>K7QX3D</code>."
    ),
    "check.unknown": (
        "🤔 I don't know a sheet with the code “{code}”. Check the code at the top right of "
        "the sheet and send it again (or /cancel)."
    ),
    "check.not_yours": (
        "Sheet <code>{code}</code> was not printed for you: every student has their own "
        "variant with their name. If there is no sheet with your name, ask your teacher to "
        "print it again."
    ),
    "check.intro": (
        "📝 Sheet <code>{code}</code> · {topic} · tasks: {count} (checked: {done}).\n"
        "Send the answers one by one, or all at once as a list: "
        "<code>1) 0.5 2) 1/6 3) 2.58</code>. "
        "“-” skips a task. Each task is checked once."
    ),
    "check.next": "✏️ Task {number} of {count}: what is your answer?",
    "check.finished": (
        "🏁 Sheet <code>{code}</code> is checked: {right} of {count} right. "
        "The answers are in your /progress and your teacher's report."
    ),
    "check.already": "{number}. Already checked — the answer stays as it was.",
    "check.unreadable": "{number}. 🤔 I can't read that: {error} Type it again.",
    "check.letter": "this task has options — write a letter ({letters}).",
    "check.skipped": "{number}. ⏭ Skipped. The right answer: {answer}",
    "check.right": "{number}. ✅ Right!",
    "check.wrong": "{number}. ❌ {feedback} The right answer: {answer}",
}
