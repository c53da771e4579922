"""Texts of the homework feature. Keys are shared by UK and EN; placeholders in {braces}."""

UK: dict[str, str] = {
    # /assign
    "hw.teachers_only": "Цю команду можуть використовувати лише вчителі 🙂",
    "hw.no_classes": "У тебе ще немає класів. Створи клас: /newclass &lt;назва&gt;",
    "hw.unknown_class": "Я не знайшов твого класу з кодом «{code}». Обери клас 👇",
    "hw.pick_class": "📚 Нова домашка. Для якого класу?",
    "hw.pick_topic": "📚 Клас «{name}». Яка тема?",
    "hw.unknown_topic": "Я не знаю теми «{value}». Обери тему 👇",
    "hw.pick_count": "📚 Клас «{name}», тема «{topic}». Скільки правильних відповідей треба?",
    "hw.bad_count": "Кількість задач має бути числом від 1 до {max}. Обери 👇",
    "hw.pick_due": (
        "📚 Клас «{name}», тема «{topic}», {tasks}.\n"
        "До коли? Натисни кнопку або напиши дату й час ({tz}), наприклад:\n"
        "<code>завтра 18:00</code> · <code>пт 18:00</code> · <code>1 грудня 18:00</code> · "
        "<code>01.12</code> (тоді о 18:00) · <code>2026-12-01 18:00</code>"
    ),
    "hw.due_format": "Не розумію цю дату 🤔 Приклади нижче; передумали — /cancel.",
    "hw.due_invalid": "Такої дати чи часу не буває 🙂 Перевір день, місяць і години.",
    "hw.due_past": (
        "Цей час уже минув ⏰ Обери час у майбутньому (дату без року я беру найближчу)."
    ),
    "hw.due_far": "Це надто далеко: термін — не більше ніж рік від сьогодні.",
    "hw.quick.t18": "Завтра 18:00",
    "hw.quick.d3": "Через 3 дні, 18:00",
    "hw.quick.w1": "Через тиждень, 18:00",
    "hw.assigned": (
        "✅ Домашку задано!\nКлас «{name}»: тема «{topic}», {answers}, до {due} ({tz}).\n{notice}"
    ),
    "hw.notice_now": "Повідомлю учнів: {students}.",
    "hw.notice_later": "Учнів: {students}. Зараз тихі години, тож повідомлю їх о {at}.",
    "hw.notice_none": (
        "У класі ще немає учнів: вони побачать домашку, коли приєднаються (/homework)."
    ),
    "hw.notice_never": (
        "Учнів: {students}. До терміну тривають тихі години, тож я їм не писатиму: "
        "домашку видно в /homework."
    ),
    "hw.notified": "📨 Повідомлено учнів: {sent} з {total}.",
    "hw.notified_blocked": "🚫 Не вдалося написати (заблокували бота): {names}",
    "hw.expired": "Цей крок уже неактуальний. Почни знову: /assign",
    "hw.archived": (
        "Клас «{name}» в архіві, тож нових домашок для нього не буде. "
        "Повернути клас з архіву можна у звіті: /class"
    ),
    # messages to students
    "hw.student_notice": (
        "📚 Нова домашка від класу «{name}»!\n"
        "Тема: <b>{topic}</b> · правильних відповідей: {count}\n"
        "Термін: {due}"
    ),
    "hw.student_reminder": (
        "⏰ Нагадування про домашку класу «{name}»: <b>{topic}</b>, зроблено {done}/{count}.\n"
        "Термін: {due}. Ти встигнеш! 💪"
    ),
    "hw.button.start": "▶️ Почати домашку",
    "hw.button.continue": "▶️ Продовжити",
    # /homework
    "hw.none": ("Домашки поки немає 🙂 Якщо вчитель дав код класу, приєднайся: /join &lt;код&gt;"),
    "hw.list_header": "📚 <b>Твоя домашка</b>",
    "hw.list_open": "⏳ «{topic}» ({name}): {done}/{count}, до {due}",
    "hw.list_overdue": "⌛ «{topic}» ({name}): {done}/{count}, термін минув {due}",
    "hw.list_done": "✅ «{topic}» ({name}): {count}/{count}, виконано {at}",
    "hw.not_member": "Ця домашка не для тебе або клас уже не твій 🙂 Подивись /homework",
    "hw.already_done": "🎉 Цю домашку вже виконано! Молодець! Більше практики: /quiz",
    "hw.gone": "Цієї домашки вже немає. Подивись /homework",
    # /homeworks and the summary
    "hw.report_none": "У класі «{name}» ще немає домашок. Задай: /assign {code}",
    "hw.report_pick": "Обери клас, щоб побачити домашки 👇",
    "hw.report_header": "📋 <b>Домашки класу «{name}»</b> (час: {tz})",
    "hw.report_homework": "\n<b>«{topic}» ×{count}</b>, до {due}{progress}",
    "hw.report_progress": " — виконали {finished} з {total}",
    "hw.report_done": "✅ {student}: {done}/{count}, {at}",
    "hw.report_open": "⏳ {student}: {done}/{count}",
    "hw.report_blocked": "🚫 {student}: {done}/{count} (заблокував бота)",
    "hw.report_empty": "   (учнів немає)",
    "hw.summary": (
        "📋 <b>Термін домашки минув</b>: клас «{name}», «{topic}» ×{count}, {due}\n{progress}"
    ),
    "hw.summary_progress": "Виконали: {finished} з {total}",
    "hw.summary_nobody": "У класі немає учнів.",
    "hw.summary_finished": "\n✅ <b>Виконали</b>: {names}",
    "hw.summary_open": "\n⏳ <b>Не виконали</b>: {names}",
    "hw.summary_blocked": "\n🚫 <b>Недосяжні</b> (заблокували бота): {names}",
    "hw.summary_csv": "Таблиця: клас «{name}», «{topic}»",
    "hw.csv.header": "учень;id;зроблено;треба;виконано о;стан",
    "hw.csv.finished": "виконав",
    "hw.csv.open": "не виконав",
    "hw.csv.blocked": "недосяжний",
}

EN: dict[str, str] = {
    "hw.teachers_only": "Only teachers can use this command 🙂",
    "hw.no_classes": "You have no classes yet. Create one: /newclass &lt;name&gt;",
    "hw.unknown_class": "I found no class of yours with the code “{code}”. Choose a class 👇",
    "hw.pick_class": "📚 New homework. For which class?",
    "hw.pick_topic": "📚 Class “{name}”. Which topic?",
    "hw.unknown_topic": "I don't know the topic “{value}”. Choose a topic 👇",
    "hw.pick_count": "📚 Class “{name}”, topic “{topic}”. How many right answers are needed?",
    "hw.bad_count": "The number of questions must be a number from 1 to {max}. Choose 👇",
    "hw.pick_due": (
        "📚 Class “{name}”, topic “{topic}”, {tasks}.\n"
        "Due when? Press a button or type a date and time ({tz}), for example:\n"
        "<code>tomorrow 6pm</code> · <code>fri 18:00</code> · <code>1 December 18:00</code> · "
        "<code>01.12</code> (then at 18:00) · <code>2026-12-01 18:00</code>"
    ),
    "hw.due_format": "I can't read that date 🤔 Examples below; changed your mind? /cancel.",
    "hw.due_invalid": "That date or time does not exist 🙂 Check the day, month and hours.",
    "hw.due_past": (
        "That time has already passed ⏰ Choose a time in the future "
        "(a date without a year means the nearest one)."
    ),
    "hw.due_far": "That is too far away: the due time must be within a year from today.",
    "hw.quick.t18": "Tomorrow 18:00",
    "hw.quick.d3": "In 3 days, 18:00",
    "hw.quick.w1": "In a week, 18:00",
    "hw.assigned": (
        "✅ Homework set!\nClass “{name}”: topic “{topic}”, {answers}, due {due} ({tz}).\n{notice}"
    ),
    "hw.notice_now": "Students to notify: {students}.",
    "hw.notice_later": (
        "Students: {students}. It is quiet hours now, so I will notify them at {at}."
    ),
    "hw.notice_none": (
        "The class has no students yet: they will see it when they join (/homework)."
    ),
    "hw.notice_never": (
        "Students: {students}. It is quiet hours until the due time, so I will not message "
        "them: they can see it in /homework."
    ),
    "hw.notified": "📨 Students notified: {sent} of {total}.",
    "hw.notified_blocked": "🚫 Could not reach (they blocked the bot): {names}",
    "hw.expired": "That step is out of date. Start again: /assign",
    "hw.archived": (
        "The class “{name}” is archived, so it gets no new homework. "
        "You can restore it from its report: /class"
    ),
    "hw.student_notice": (
        "📚 New homework from class “{name}”!\n"
        "Topic: <b>{topic}</b> · right answers needed: {count}\n"
        "Due: {due}"
    ),
    "hw.student_reminder": (
        "⏰ A reminder about homework for class “{name}”: <b>{topic}</b>, done {done}/{count}.\n"
        "Due: {due}. You can make it! 💪"
    ),
    "hw.button.start": "▶️ Start homework",
    "hw.button.continue": "▶️ Continue",
    "hw.none": "No homework yet 🙂 If your teacher gave you a class code, join: /join &lt;code&gt;",
    "hw.list_header": "📚 <b>Your homework</b>",
    "hw.list_open": "⏳ “{topic}” ({name}): {done}/{count}, due {due}",
    "hw.list_overdue": "⌛ “{topic}” ({name}): {done}/{count}, was due {due}",
    "hw.list_done": "✅ “{topic}” ({name}): {count}/{count}, finished {at}",
    "hw.not_member": (
        "This homework is not for you, or the class is no longer yours 🙂 See /homework"
    ),
    "hw.already_done": "🎉 This homework is already done! Well done! More practice: /quiz",
    "hw.gone": "This homework no longer exists. See /homework",
    "hw.report_none": "Class “{name}” has no homework yet. Set some: /assign {code}",
    "hw.report_pick": "Choose a class to see its homework 👇",
    "hw.report_header": "📋 <b>Homework of class “{name}”</b> (times: {tz})",
    "hw.report_homework": "\n<b>“{topic}” ×{count}</b>, due {due}{progress}",
    "hw.report_progress": " — finished {finished} of {total}",
    "hw.report_done": "✅ {student}: {done}/{count}, {at}",
    "hw.report_open": "⏳ {student}: {done}/{count}",
    "hw.report_blocked": "🚫 {student}: {done}/{count} (blocked the bot)",
    "hw.report_empty": "   (no students)",
    "hw.summary": (
        "📋 <b>Homework is due</b>: class “{name}”, “{topic}” ×{count}, {due}\n{progress}"
    ),
    "hw.summary_progress": "Finished: {finished} of {total}",
    "hw.summary_nobody": "The class has no students.",
    "hw.summary_finished": "\n✅ <b>Finished</b>: {names}",
    "hw.summary_open": "\n⏳ <b>Not finished</b>: {names}",
    "hw.summary_blocked": "\n🚫 <b>Unreachable</b> (blocked the bot): {names}",
    "hw.summary_csv": "Spreadsheet: class “{name}”, “{topic}”",
    "hw.csv.header": "student;id;done;needed;finished at;status",
    "hw.csv.finished": "finished",
    "hw.csv.open": "not finished",
    "hw.csv.blocked": "unreachable",
}
