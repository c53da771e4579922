"""Texts of the class dashboard (the Mini App) and of the buttons that open it. Plain text:
the page's templates escape them (unlike chat texts, these are not Telegram HTML)."""

UK: dict[str, str] = {
    "teacher.btn.dashboard": "🖥 Відкрити панель класу",
    "teacher.btn.dashboard_all": "🖥 Панель: усі класи",
    "dash.title": "Панель вчителя",
    "dash.classes": "Твої класи",
    "dash.no_classes": "Ще немає жодного класу. Створи його в чаті з ботом: /newclass 7-Б",
    "dash.class_line": "код {code} · {students} · основа {base}",
    "dash.back": "Назад",
    "dash.heatmap": "Опанування тем",
    "dash.sort_hint": (
        "Натисни на заголовок стовпця, щоб упорядкувати; на учня — щоб побачити його відповіді."
    ),
    "dash.col_name": "Учень",
    "dash.short.probability": "Ймов.",
    "dash.short.surprisal": "Сюрпр.",
    "dash.short.entropy": "Ентр.",
    "dash.short.cross_entropy": "Перехр.",
    "dash.short.kl_divergence": "KL",
    "dash.col_accuracy": "Точн.",
    "dash.legend": "Як читати таблицю",
    "dash.legend_cell": (
        "Колір і велике число — опанування теми, від 0 до 100: наскільки ймовірно, що учень "
        "уже вміє тему (середнє за трьома рівнями; рівень опановано від 95 і щонайменше трьох "
        "відповідей; відповідь після підказки важить менше). Мале число — правильні "
        "відповіді з усіх спроб цієї теми."
    ),
    "dash.legend_accuracy": (
        "Точн. — частка правильних відповідей з усіх спроб (пропуск — не правильна); "
        "під нею — скільки було спроб."
    ),
    "dash.band.none": "ще не пробували",
    "dash.band.0": "слабко",
    "dash.band.1": "так собі",
    "dash.band.2": "добре",
    "dash.band.3": "опановано",
    "dash.empty_class": (
        "У класі ще немає учнів. Вони приєднуються кодом {code} (/join {code}) або за посиланням:"
    ),
    "dash.homework": "Домашні завдання",
    "dash.homework_none": "Домашніх завдань ще не було. Задай у чаті: /assign",
    "dash.homework_line": "{topic} · {tasks} · до {due}",
    "dash.homework_progress": "виконали {finished} з {total}",
    "dash.homework_overdue": "термін минув",
    "dash.homework_finished_at": "готово {at}",
    "dash.homework_more": "…і ще {count}",
    "dash.settings": "Налаштування класу",
    "dash.base_label": "Основа логарифма в питаннях учнів:",
    "dash.archive": "Архівувати клас",
    "dash.archive_confirm": (
        "Архівувати клас «{name}»? Приєднання, домашні й нагадування вимкнуться; звіт і "
        "відповіді залишаться, і клас можна повернути."
    ),
    "dash.restore": "Повернути з архіву",
    "dash.restored": "Клас знову активний.",
    "dash.archived_note": "Клас в архіві: приєднання, домашні й нагадування вимкнено.",
    "dash.archived_badge": "архів",
    "dash.archived": "Клас архівовано.",
    "dash.remove": "Вилучити з класу",
    "dash.remove_confirm": "Вилучити учня {student} з класу «{name}»?",
    "dash.removed": "Учня вилучено з класу.",
    "dash.saved": "Збережено.",
    "dash.failed": "Не вдалося. Спробуй ще раз.",
    "dash.student_topics": "Теми",
    "dash.attempts": "Усі відповіді: {count}",
    "dash.no_attempts": "Ще жодної спроби.",
    "dash.more": "Показати ще",
    "dash.more_students": "Показати ще · {shown} з {total}",
    "dash.typed": "Відповідь учня",
    "dash.right": "Правильна відповідь",
    "dash.mistake": "Помилка",
    "dash.hints": "підказок: {n}",
    "dash.error.401": "Не вдалося перевірити вхід. Відкрий панель знову з чату з ботом.",
    "dash.error.403": "Панель класу — лише для вчителів.",
    "dash.error.404": "Не знаходжу такого класу чи учня серед твоїх.",
    "dash.error.400": "Неправильний запит.",
}

EN: dict[str, str] = {
    "teacher.btn.dashboard": "🖥 Open the class dashboard",
    "teacher.btn.dashboard_all": "🖥 Dashboard: all classes",
    "dash.title": "Teacher's dashboard",
    "dash.classes": "Your classes",
    "dash.no_classes": "No classes yet. Create one in the chat with the bot: /newclass 7-B",
    "dash.class_line": "code {code} · {students} · base {base}",
    "dash.back": "Back",
    "dash.heatmap": "Topic mastery",
    "dash.sort_hint": "Tap a column heading to sort by it; tap a student to see their answers.",
    "dash.col_name": "Student",
    "dash.short.probability": "Prob.",
    "dash.short.surprisal": "Surpr.",
    "dash.short.entropy": "Entr.",
    "dash.short.cross_entropy": "Cross",
    "dash.short.kl_divergence": "KL",
    "dash.col_accuracy": "Acc.",
    "dash.legend": "How to read the table",
    "dash.legend_cell": (
        "The colour and the big number are the topic's mastery, 0 to 100: how likely it is "
        "that the student knows the topic (the mean over its three levels; a level is mastered "
        "at 95 after at least three answers; an answer after a hint counts for less). The small "
        "numbers are right answers out of all attempts on the topic."
    ),
    "dash.legend_accuracy": (
        "Acc. is the share of right answers among all attempts (a skip is not right); "
        "below it, the number of attempts."
    ),
    "dash.band.none": "not tried",
    "dash.band.0": "weak",
    "dash.band.1": "so-so",
    "dash.band.2": "good",
    "dash.band.3": "mastered",
    "dash.empty_class": (
        "No students yet. They join with the code {code} (/join {code}) or by the link:"
    ),
    "dash.homework": "Homework",
    "dash.homework_none": "No homework yet. Set some in the chat: /assign",
    "dash.homework_line": "{topic} · {tasks} · due {due}",
    "dash.homework_progress": "{finished} of {total} finished",
    "dash.homework_overdue": "past due",
    "dash.homework_finished_at": "done {at}",
    "dash.homework_more": "…and {count} more",
    "dash.settings": "Class settings",
    "dash.base_label": "Log base in the students' questions:",
    "dash.archive": "Archive the class",
    "dash.archive_confirm": (
        "Archive the class “{name}”? Joining, homework and reminders stop; the report and the "
        "answers stay, and the class can be restored."
    ),
    "dash.restore": "Restore from the archive",
    "dash.restored": "The class is active again.",
    "dash.archived_note": "An archived class: joining, homework and reminders are off.",
    "dash.archived_badge": "archived",
    "dash.archived": "The class is archived.",
    "dash.remove": "Remove from the class",
    "dash.remove_confirm": "Remove {student} from the class “{name}”?",
    "dash.removed": "The student was removed from the class.",
    "dash.saved": "Saved.",
    "dash.failed": "That did not work. Please try again.",
    "dash.student_topics": "Topics",
    "dash.attempts": "All answers: {count}",
    "dash.no_attempts": "No attempts yet.",
    "dash.more": "Show more",
    "dash.more_students": "Show more · {shown} of {total}",
    "dash.typed": "Typed",
    "dash.right": "Right answer",
    "dash.mistake": "Mistake",
    "dash.hints": "hints: {n}",
    "dash.error.401": (
        "Could not check who you are. Open the dashboard again from the chat with the bot."
    ),
    "dash.error.403": "The class dashboard is for teachers only.",
    "dash.error.404": "I can't find that class or student among yours.",
    "dash.error.400": "A malformed request.",
}
