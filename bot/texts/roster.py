"""Texts of looking after a class (teacher feature): removing a student, archiving and
restoring a class. Names are escaped by the caller."""

UK: dict[str, str] = {
    "teacher.btn.remove": "🚪 Вилучити з класу",
    "teacher.btn.remove_yes": "Так, вилучити",
    "teacher.btn.archive": "🗄 Архівувати клас",
    "teacher.btn.archive_yes": "Так, архівувати",
    "teacher.btn.restore": "↩️ Повернути з архіву",
    "teacher.btn.keep": "Ні, залишити",
    "teacher.remove.confirm": (
        "Вилучити <b>{student}</b> з класу <b>{name}</b>?\n"
        "Учень зникне зі звітів класу й більше не отримуватиме його домашок і нагадувань. "
        "Його власні відповіді залишаться в нього; повернутися можна за кодом класу."
    ),
    "teacher.remove.done": "✅ <b>{student}</b> більше не в класі <b>{name}</b>.",
    "teacher.archive.confirm": (
        "Архівувати клас <b>{name}</b>?\n"
        "До нього не можна буде приєднатися, нових домашок і нагадувань не буде. "
        "Учні й звіти залишаться — клас буде в кінці списку /classes, "
        "і його можна повернути з архіву."
    ),
    "teacher.archive.done": (
        "🗄 Клас <b>{name}</b> в архіві. Звіт і далі відкривається в /classes."
    ),
    "teacher.archive.restored": "↩️ Клас <b>{name}</b> знову активний.",
    "teacher.archive.note": "🗄 <i>Клас в архіві: приєднання, домашки й нагадування вимкнено.</i>",
    "teacher.classes.archived_title": "🗄 <b>Архів</b>",
    "teacher.join.archived": (
        "Клас <b>{name}</b> в архіві — до нього вже не можна приєднатися. "
        "Спитай у вчителя, до якого класу приєднатися тепер."
    ),
}

EN: dict[str, str] = {
    "teacher.btn.remove": "🚪 Remove from class",
    "teacher.btn.remove_yes": "Yes, remove",
    "teacher.btn.archive": "🗄 Archive class",
    "teacher.btn.archive_yes": "Yes, archive",
    "teacher.btn.restore": "↩️ Restore from archive",
    "teacher.btn.keep": "No, keep",
    "teacher.remove.confirm": (
        "Remove <b>{student}</b> from the class <b>{name}</b>?\n"
        "They disappear from the class's reports and get none of its homework or reminders. "
        "Their own answers stay theirs; they can rejoin with the class code."
    ),
    "teacher.remove.done": "✅ <b>{student}</b> is no longer in the class <b>{name}</b>.",
    "teacher.archive.confirm": (
        "Archive the class <b>{name}</b>?\n"
        "Nobody can join it, and it gets no new homework or reminders. "
        "Its students and reports stay: it is listed last in /classes, "
        "and you can restore it."
    ),
    "teacher.archive.done": (
        "🗄 The class <b>{name}</b> is archived. Its report still opens from /classes."
    ),
    "teacher.archive.restored": "↩️ The class <b>{name}</b> is active again.",
    "teacher.archive.note": "🗄 <i>Archived class: joining, homework and reminders are off.</i>",
    "teacher.classes.archived_title": "🗄 <b>Archive</b>",
    "teacher.join.archived": (
        "The class <b>{name}</b> is archived — it cannot be joined any more. "
        "Ask your teacher which class to join now."
    ),
}
