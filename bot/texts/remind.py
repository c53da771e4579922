"""Texts of /remind and the daily review nudge. Keys are shared by UK and EN."""

UK: dict[str, str] = {
    "remind.choose": (
        "⏰ <b>Нагадування про повторення</b>\n"
        "Раз на день, коли настане час щось повторити, я напишу тобі в обраний час. "
        "Якщо повторювати нічого — мовчу."
    ),
    "remind.current": "Зараз нагадую о <b>{time}</b>. Інший час: /remind 18:30",
    "remind.current_off": "Зараз нагадування вимкнені. Обери час або напиши /remind 18:30",
    "remind.quiet_note": "🌙 У тиху годину ({quiet}) я не пишу.",
    "remind.set": (
        "⏰ Готово! Нагадуватиму о <b>{time}</b>, коли буде що повторити, — "
        "не частіше разу на день. Вимкнути: /remind off"
    ),
    "remind.off": "🔕 Нагадування вимкнено. Увімкнути знову: /remind 18:00",
    "remind.was_off": "🔕 Нагадування й так вимкнені. Увімкнути: /remind 18:00",
    "remind.bad_time": (
        "🤔 Не розумію час «{value}». Напиши, наприклад, /remind 18:00 або /remind off — "
        "або натисни кнопку:"
    ),
    "remind.quiet": ("🌙 {time} — тиха година ({quiet}): тоді я нікому не пишу. Обери інший час:"),
    "remind.nudge": (
        "🔁 Час повторити: {reviews}. Кілька хвилин — і знання залишаться з тобою надовго!"
    ),
    "button.remind_off": "🔕 Вимкнути",
}

EN: dict[str, str] = {
    "remind.choose": (
        "⏰ <b>Review reminders</b>\n"
        "Once a day, when something is due for review, I'll message you at the time you pick. "
        "If nothing is due, I stay quiet."
    ),
    "remind.current": "Now I remind you at <b>{time}</b>. Another time: /remind 18:30",
    "remind.current_off": "Reminders are off now. Pick a time or send /remind 18:30",
    "remind.quiet_note": "🌙 I don't write during quiet hours ({quiet}).",
    "remind.set": (
        "⏰ Done! I'll remind you at <b>{time}</b> when something is due for review — "
        "at most once a day. To stop: /remind off"
    ),
    "remind.off": "🔕 Reminders are off. To turn them on again: /remind 18:00",
    "remind.was_off": "🔕 Reminders were already off. To turn them on: /remind 18:00",
    "remind.bad_time": (
        "🤔 I don't understand the time “{value}”. Send, for example, /remind 18:00 or "
        "/remind off — or press a button:"
    ),
    "remind.quiet": (
        "🌙 {time} is in quiet hours ({quiet}): I message nobody then. Pick another time:"
    ),
    "remind.nudge": (
        "🔁 Time to review: {reviews}. A few minutes now, and it stays with you for long!"
    ),
    "button.remind_off": "🔕 Turn off",
}
