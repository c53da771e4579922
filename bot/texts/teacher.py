"""Texts of the teacher feature. Keys are shared by UK and EN; placeholders in {braces}.
Values that come from users (names) are escaped by the caller before they are filled in."""

UK: dict[str, str] = {
    # roles
    "teacher.only_teachers": (
        "Ця команда для вчителів 🙂 Якщо ти учень, спробуй /quiz. "
        "Якщо ти вчитель, попроси в адміністратора посилання-запрошення."
    ),
    "teacher.only_admins": "Запрошувати вчителів можуть лише адміністратори бота.",
    "teacher.no_class": (
        "Не знаходжу класу з кодом <code>{code}</code> серед твоїх класів. Перевір код 🙂"
    ),
    "teacher.stale_button": "Ця кнопка вже не діє. Спробуй команду ще раз.",
    "teacher.gone": "Цей клас недоступний.",
    "teacher.cancel_button": "✖️ Скасувати",
    "teacher.cancelled": "Гаразд, скасовано.",
    "teacher.no_classes": "У тебе ще немає класів. Створи перший: /newclass 7-Б",
    "teacher.pick_class": "Обери клас:",
    # invites
    "teacher.invite.created": (
        "🔑 Одноразове посилання для нового вчителя:\n{link}\n\n"
        "Діє до {expires} ({tz}). Хто перший його відкриє, той стане вчителем — "
        "тож надішли його лише тому, кого запрошуєш."
    ),
    "teacher.invite.ok": (
        "🎓 Вітаю, тепер ти вчитель у Surprise Quiz!\n"
        "Створи клас: /newclass 7-Б — я дам код, посилання і QR-код для учнів. "
        "Усі команди вчителя є в меню."
    ),
    "teacher.invite.used": "Це запрошення вже використали. Попроси в адміністратора нове.",
    "teacher.invite.expired": "Термін дії запрошення минув. Попроси в адміністратора нове.",
    "teacher.invite.unknown": "Таке запрошення не знайдено. Перевір посилання або попроси нове.",
    "teacher.invite.already": "Ти вже вчитель 🙂 Запрошення залишається невикористаним.",
    # classes
    "teacher.newclass.ask": "Як назвемо клас? Надішли назву, наприклад: 7-Б або Інформатика 10.",
    "teacher.newclass.empty": (
        "Назва порожня. Надішли, будь ласка, назву класу (до {limit} символів)."
    ),
    "teacher.newclass.too_many": "У тебе вже {classes} — це максимум.",
    "teacher.newclass.done": (
        "✅ Клас <b>{name}</b> створено!\n\n"
        "Код для учнів: <code>{code}</code>\n"
        "Посилання: {link}\n\n"
        "Учні приєднуються за посиланням, QR-кодом або командою <code>/join {code}</code>. "
        "Прогрес класу: <code>/class {code}</code>"
    ),
    "teacher.qr.caption": (
        "📱 Наведи камеру, щоб приєднатися до класу «{name}»\nабо надішли боту: /join {code}"
    ),
    # Drawn on the QR picture (plain text, no HTML).
    "teacher.qr.image_code": "Код: {code}",
    "teacher.qr.image_join": "Наведи камеру або надішли боту /join {code}",
    "teacher.classes.title": "📚 <b>Твої класи</b>",
    "teacher.classes.line": (
        "• <b>{name}</b> — <code>{code}</code> · учнів: {students} · основа log: {base}"
    ),
    "teacher.classes.hint": "Натисни клас, щоб відкрити його.",
    "teacher.card": (
        "🏫 <b>{name}</b>\n"
        "Код: <code>{code}</code>\n"
        "Посилання: {link}\n"
        "Учнів: {students}\n"
        "Основа логарифма в задачах: {base}"
    ),
    "teacher.btn.report": "📊 Прогрес",
    "teacher.btn.qr": "📱 QR-код",
    "teacher.btn.settings": "⚙️ Основа log",
    "teacher.btn.back": "◀️ Назад",
    # joining
    "teacher.join.ask": (
        "Надішли код класу, який дав учитель (8 символів, наприклад <code>AB3K7QXZ</code>)."
    ),
    "teacher.join.unknown": (
        "Не знаходжу класу з кодом <code>{code}</code> 🤔 Перевір код у вчителя і надішли ще раз."
    ),
    "teacher.join.done": (
        "🎉 Ти в класі <b>{name}</b>! Учитель бачитиме твій прогрес.\nПочнімо? Надішли /quiz"
    ),
    "teacher.join.already": "Ти вже в класі <b>{name}</b> 🙂 Надішли /quiz, щоб тренуватися.",
    "teacher.join.own": (
        "Це твій власний клас <b>{name}</b> 🙂 Учні приєднуються за цим посиланням або кодом."
    ),
    # settings
    "teacher.settings.pick_base": (
        "Клас <b>{name}</b>: зараз задачі з логарифмом за основою {base}.\nОбери основу:"
    ),
    "teacher.settings.done": (
        "✅ Клас <b>{name}</b>: тепер задачі з логарифмом за основою {base}."
    ),
    "teacher.settings.bad_base": "Основа може бути 2, e або 10. Обери кнопкою:",
    "teacher.base.2": "2 (біти)",
    "teacher.base.e": "e (нати)",
    "teacher.base.10": "10 (гартлі)",
    # report
    "teacher.report.empty": (
        "У класі <b>{name}</b> ще немає учнів. Поділися кодом <code>{code}</code> "
        "або посиланням: {link}"
    ),
    "teacher.report.header": "📊 <b>{name}</b> · учнів: {students} · сторінка {page}/{pages}",
    "teacher.report.legend": (
        "опанування — імовірність, що учень уміє тему (середнє за 3 рівнями) · точність — "
        "частка правильних спроб (у дужках — спроби) · р. — рівень, на якому учень зараз · "
        "⬜ ще не пробували 🟥 слабко 🟧 так собі 🟨 добре 🟩 опановано"
    ),
    "teacher.report.topic_line": (
        "{glyph} {topic} · р. {level} — опанування {mastery} · точність {accuracy} ({attempts})"
    ),
    "teacher.report.no_attempts": "⬜ ще жодної спроби",
    "teacher.report.pick_student": "Натисни на учня, щоб побачити його останні відповіді.",
    "teacher.report.chart_caption": "🗺 <b>{name}</b>: опанування тем (0–100 %)",
    "teacher.report.csv_caption": "📄 Таблиця для Excel / Google Таблиць: <b>{name}</b>",
    "teacher.report.csv_failed": (
        "😕 Не вдалося підготувати файл таблиці для <b>{name}</b>. "
        "Надішліть /class {code} ще раз — спробую знову."
    ),
    "teacher.report.chart_truncated": " (перші {students})",
    "teacher.report.student_title": "👤 <b>{student}</b> · {name}",
    "teacher.report.student_none": "Ще жодної спроби.",
    "teacher.report.student_recent": "Останні відповіді:",
    "teacher.report.skipped": "пропущено",
    "teacher.report.level": "рівень {level}",
    "teacher.report.try": "спроба {n}",
    "teacher.report.right_answer": "✔️ Правильна відповідь: {answer}",
    "teacher.duration.seconds": "{s} с",
    "teacher.duration.minutes": "{m} хв {s} с",
    "teacher.duration.hours": "{h} год {m} хв",
    "teacher.report.not_member": "Цей учень більше не в класі.",
    "teacher.chart.title": "{name}: опанування тем",
    "teacher.chart.no_data": "немає спроб",
    "teacher.csv.student_id": "ID учня",
    "teacher.csv.name": "Учень",
    "teacher.csv.topic": "Тема",
    "teacher.csv.level": "Рівень",
    "teacher.csv.attempts": "Спроби",
    "teacher.csv.correct": "Правильно",
    "teacher.csv.accuracy": "Точність, %",
    "teacher.csv.mastery": "Опанування, %",
    "teacher.csv.last": "Остання спроба",
}

EN: dict[str, str] = {
    # roles
    "teacher.only_teachers": (
        "This command is for teachers 🙂 If you are a student, try /quiz. "
        "If you are a teacher, ask an admin for an invitation link."
    ),
    "teacher.only_admins": "Only the bot's admins can invite teachers.",
    "teacher.no_class": (
        "I can't find a class with the code <code>{code}</code> among your classes. "
        "Please check the code 🙂"
    ),
    "teacher.stale_button": "This button no longer works. Please send the command again.",
    "teacher.gone": "This class is not available.",
    "teacher.cancel_button": "✖️ Cancel",
    "teacher.cancelled": "OK, cancelled.",
    "teacher.no_classes": "You have no classes yet. Create the first one: /newclass 7B",
    "teacher.pick_class": "Pick a class:",
    # invites
    "teacher.invite.created": (
        "🔑 A one-time link for a new teacher:\n{link}\n\n"
        "Valid until {expires} ({tz}). Whoever opens it first becomes a teacher, "
        "so send it only to the person you are inviting."
    ),
    "teacher.invite.ok": (
        "🎓 Welcome, you are now a teacher in Surprise Quiz!\n"
        "Create a class: /newclass 7B — I'll give you a code, a link and a QR code for students. "
        "All teacher commands are in the menu."
    ),
    "teacher.invite.used": "This invitation has already been used. Ask an admin for a new one.",
    "teacher.invite.expired": "This invitation has expired. Ask an admin for a new one.",
    "teacher.invite.unknown": "I don't know this invitation. Check the link or ask for a new one.",
    "teacher.invite.already": "You are already a teacher 🙂 The invitation stays unused.",
    # classes
    "teacher.newclass.ask": (
        "What should we call the class? Send a name, e.g. 7B or Computer Science 10."
    ),
    "teacher.newclass.empty": (
        "The name is empty. Please send the class name (up to {limit} characters)."
    ),
    "teacher.newclass.too_many": "You already have {classes}, which is the maximum.",
    "teacher.newclass.done": (
        "✅ Class <b>{name}</b> created!\n\n"
        "Code for students: <code>{code}</code>\n"
        "Link: {link}\n\n"
        "Students join with the link, the QR code or the command <code>/join {code}</code>. "
        "Class progress: <code>/class {code}</code>"
    ),
    "teacher.qr.caption": (
        "📱 Point your camera here to join the class “{name}”\nor send the bot: /join {code}"
    ),
    # Drawn on the QR picture (plain text, no HTML).
    "teacher.qr.image_code": "Code: {code}",
    "teacher.qr.image_join": "Scan it, or send the bot /join {code}",
    "teacher.classes.title": "📚 <b>Your classes</b>",
    "teacher.classes.line": (
        "• <b>{name}</b> — <code>{code}</code> · students: {students} · log base: {base}"
    ),
    "teacher.classes.hint": "Tap a class to open it.",
    "teacher.card": (
        "🏫 <b>{name}</b>\n"
        "Code: <code>{code}</code>\n"
        "Link: {link}\n"
        "Students: {students}\n"
        "Log base in questions: {base}"
    ),
    "teacher.btn.report": "📊 Progress",
    "teacher.btn.qr": "📱 QR code",
    "teacher.btn.settings": "⚙️ Log base",
    "teacher.btn.back": "◀️ Back",
    # joining
    "teacher.join.ask": (
        "Send the class code your teacher gave you (8 characters, e.g. <code>AB3K7QXZ</code>)."
    ),
    "teacher.join.unknown": (
        "I can't find a class with the code <code>{code}</code> 🤔 "
        "Check the code with your teacher and send it again."
    ),
    "teacher.join.done": (
        "🎉 You're in the class <b>{name}</b>! Your teacher will see your progress.\n"
        "Shall we start? Send /quiz"
    ),
    "teacher.join.already": "You're already in the class <b>{name}</b> 🙂 Send /quiz to practise.",
    "teacher.join.own": (
        "This is your own class <b>{name}</b> 🙂 Students join with this link or code."
    ),
    # settings
    "teacher.settings.pick_base": (
        "Class <b>{name}</b>: questions now use logarithms to base {base}.\nPick a base:"
    ),
    "teacher.settings.done": "✅ Class <b>{name}</b>: questions now use logarithms to base {base}.",
    "teacher.settings.bad_base": "The base can be 2, e or 10. Pick one:",
    "teacher.base.2": "2 (bits)",
    "teacher.base.e": "e (nats)",
    "teacher.base.10": "10 (hartleys)",
    # report
    "teacher.report.empty": (
        "The class <b>{name}</b> has no students yet. Share the code <code>{code}</code> "
        "or the link: {link}"
    ),
    "teacher.report.header": "📊 <b>{name}</b> · students: {students} · page {page}/{pages}",
    "teacher.report.legend": (
        "mastery: how likely the student knows the topic (the mean of its 3 levels) · accuracy: "
        "the share of right tries (attempts in brackets) · L: the level they are at · "
        "⬜ not tried 🟥 weak 🟧 so-so 🟨 good 🟩 mastered"
    ),
    "teacher.report.topic_line": (
        "{glyph} {topic} · L{level} — mastery {mastery} · accuracy {accuracy} ({attempts})"
    ),
    "teacher.report.no_attempts": "⬜ no attempts yet",
    "teacher.report.pick_student": "Tap a student to see their latest answers.",
    "teacher.report.chart_caption": "🗺 <b>{name}</b>: topic mastery (0–100 %)",
    "teacher.report.csv_caption": "📄 A table for Excel / Google Sheets: <b>{name}</b>",
    "teacher.report.csv_failed": (
        "😕 I could not make the table file for <b>{name}</b>. "
        "Send /class {code} again and I will try once more."
    ),
    "teacher.report.chart_truncated": " (first {students})",
    "teacher.report.student_title": "👤 <b>{student}</b> · {name}",
    "teacher.report.student_none": "No attempts yet.",
    "teacher.report.student_recent": "Latest answers:",
    "teacher.report.skipped": "skipped",
    "teacher.report.level": "level {level}",
    "teacher.report.try": "try {n}",
    "teacher.report.right_answer": "✔️ Right answer: {answer}",
    "teacher.duration.seconds": "{s} s",
    "teacher.duration.minutes": "{m} min {s} s",
    "teacher.duration.hours": "{h} h {m} min",
    "teacher.report.not_member": "This student is no longer in the class.",
    "teacher.chart.title": "{name}: topic mastery",
    "teacher.chart.no_data": "no attempts",
    "teacher.csv.student_id": "Student ID",
    "teacher.csv.name": "Student",
    "teacher.csv.topic": "Topic",
    "teacher.csv.level": "Level",
    "teacher.csv.attempts": "Attempts",
    "teacher.csv.correct": "Correct",
    "teacher.csv.accuracy": "Accuracy, %",
    "teacher.csv.mastery": "Mastery, %",
    "teacher.csv.last": "Last attempt",
}
