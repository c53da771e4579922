"""Texts shared by every feature: the error message, topic names, command menus and the
last-resort replies. Keys are shared by UK and EN; placeholders in {braces}.
Topic names are the glossary's terms (`quiz.glossary`): one name per idea everywhere."""

from quiz.glossary import CONCEPTS, topic_name

UK: dict[str, str] = {
    "error.saved": (
        "Ой, у мене щось зламалося 🙈 Але твоє останнє повідомлення збережено. "
        "Продовжуй або напиши /help."
    ),
    "error.not_saved": (
        "Ой, у мене щось зламалося 🙈 Твоє останнє повідомлення не збережено — "
        "надішли його ще раз, будь ласка."
    ),
    # Topic names, as students and teachers see them everywhere: the glossary's terms.
    **{f"topic.{topic}": topic_name(topic, "uk") for topic in CONCEPTS},
    "topic.mixed": "Усе впереміш",
    # Command menus (setMyCommands descriptions).
    "menu.start": "Почати спочатку",
    "menu.help": "Допомога: команди і як писати відповіді",
    "menu.learn": "Уроки за доповіддю: від кубика до ChatGPT",
    "menu.quiz": "Нове питання",
    "menu.hint": "Підказка до питання",
    "menu.skip": "Пропустити питання",
    "menu.progress": "Мій прогрес",
    "menu.remind": "Щоденне нагадування про повторення",
    "menu.homework": "Мої домашні завдання",
    "menu.check": "Перевірити паперовий аркуш",
    "menu.join": "Приєднатися до класу за кодом",
    "menu.lab": "Лабораторія з дивним кубиком",
    "menu.lang": "Мова: українська або англійська",
    "menu.cancel": "Скасувати поточну дію",
    "menu.newclass": "Створити клас",
    "menu.classes": "Мої класи",
    "menu.class": "Прогрес класу: таблиця, графік, CSV",
    "menu.assign": "Задати домашнє завдання",
    "menu.homeworks": "Домашні завдання класу",
    "menu.worksheet": "Аркуші задач для друку",
    "menu.settings": "Налаштування класу (основа логарифма)",
    "menu.invite_teacher": "Запросити вчителя",
    # Last-resort replies for whatever no feature understood.
    "fallback.unknown_command": ("Я не знаю команди {command} 🤔 Ось що я вмію: /help"),
    "fallback.non_text": (
        "Я розумію лише текст 🙂 Напиши відповідь числом, наприклад 0,5 або 1/6. Допомога: /help"
    ),
    "fallback.empty": "Повідомлення порожнє 🙂 Напиши відповідь числом, наприклад 0,5.",
    "fallback.edited": (
        "Бачу, повідомлення змінено ✏️ Я читаю лише нові повідомлення — "
        "надішли відповідь ще раз, будь ласка."
    ),
    "fallback.stale_button": "Ця кнопка вже не діє 🙂",
}

EN: dict[str, str] = {
    "error.saved": (
        "Oops, something broke on my side 🙈 Your last message was saved, though. "
        "Carry on or send /help."
    ),
    "error.not_saved": (
        "Oops, something broke on my side 🙈 Your last message was not saved — "
        "please send it again."
    ),
    **{f"topic.{topic}": topic_name(topic, "en") for topic in CONCEPTS},
    "topic.mixed": "All mixed",
    "menu.start": "Start again",
    "menu.help": "Help: commands and how to type answers",
    "menu.learn": "Lessons after the talk: from a die to ChatGPT",
    "menu.quiz": "A new question",
    "menu.hint": "A hint for the question",
    "menu.skip": "Skip the question",
    "menu.progress": "My progress",
    "menu.remind": "A daily reminder to review",
    "menu.homework": "My homework",
    "menu.check": "Check a paper worksheet",
    "menu.join": "Join a class by its code",
    "menu.lab": "The weird die lab",
    "menu.lang": "Language: Ukrainian or English",
    "menu.cancel": "Cancel what is going on",
    "menu.newclass": "Create a class",
    "menu.classes": "My classes",
    "menu.class": "Class progress: table, chart, CSV",
    "menu.assign": "Set homework",
    "menu.homeworks": "A class's homework",
    "menu.worksheet": "Worksheets to print",
    "menu.settings": "Class settings (log base)",
    "menu.invite_teacher": "Invite a teacher",
    "fallback.unknown_command": (
        "I don't know the command {command} 🤔 Here is what I can do: /help"
    ),
    "fallback.non_text": (
        "I only understand text 🙂 Type your answer as a number, like 0.5 or 1/6. Help: /help"
    ),
    "fallback.empty": "That message is empty 🙂 Type your answer as a number, like 0.5.",
    "fallback.edited": (
        "I see you edited a message ✏️ I only read new messages — please send your answer again."
    ),
    "fallback.stale_button": "This button no longer works 🙂",
}
