"""Nouns that follow a number, for `bot.texts.count_phrase`.

Each value lists the noun's forms separated by "|". Ukrainian: one|few|many, as in
1 задача | 3 задачі | 5 задач, plus an optional fourth form for a fractional number (the
genitive singular) when it differs from the few form: 2,5 дня. English: one|other.
"""

UK: dict[str, str] = {
    "n.student": "учень|учні|учнів|учня",
    "n.task": "задача|задачі|задач",
    "n.question": "завдання|завдання|завдань",
    "n.right_answer": "правильна відповідь|правильні відповіді|правильних відповідей",
    "n.class": "клас|класи|класів|класу",
    "n.review": "повторення|повторення|повторень",
}

EN: dict[str, str] = {
    "n.student": "student|students",
    "n.task": "question|questions",
    "n.question": "question|questions",
    "n.right_answer": "right answer|right answers",
    "n.class": "class|classes",
    "n.review": "review|reviews",
}
