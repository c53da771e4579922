"""Texts of privacy: the pointer from a group to the private chat, and /forget_me."""

UK: dict[str, str] = {
    "group.teacher_private": (
        "Дані класу (імена, відповіді, звіти) я надсилаю лише в особистий чат: {link}"
    ),
    "group.private_only": "Задачі й прогрес — в особистому чаті зі мною: {link}",
}

EN: dict[str, str] = {
    "group.teacher_private": (
        "I send class data (names, answers, reports) only in a private chat: {link}"
    ),
    "group.private_only": "Questions and progress are in a private chat with me: {link}",
}
