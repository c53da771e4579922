"""Texts of privacy: the pointer from a group to the private chat, and /forget_me.
Class names are escaped by the caller."""

UK: dict[str, str] = {
    "group.teacher_private": (
        "Дані класу (імена, відповіді, звіти) я надсилаю лише в особистий чат: {link}"
    ),
    "group.private_only": "Задачі й прогрес — в особистому чаті зі мною: {link}",
    "menu.forget_me": "Видалити все, що бот знає про мене",
    "forget.ask": "🗑 <b>Видалити все, що я зберігаю про тебе?</b> Ось що це:",
    "forget.item.profile": "• профіль: ім'я з Telegram, мова, налаштування",
    "forget.item.answers": "• твої відповіді: {count}",
    "forget.item.topics": "• прогрес за темами: {count}",
    "forget.item.classes": "• класи, у яких ти вчишся: {count}",
    "forget.item.homework": "• домашки з твоїм поступом: {count}",
    "forget.item.worksheets": "• друковані аркуші з твоїм ім'ям: {count}",
    "forget.item.games": "• ігри з кубиком і їхні кидки: {count}",
    "forget.item.invitations": "• запрошення вчителів (твої чи для тебе): {count}",
    "forget.item.archived_classes": (
        "• твої архівні класи: {count} — разом з їхніми домашками та списками учнів "
        "(учні збережуть свої відповіді)"
    ),
    "forget.warning": (
        "Це не скасувати: учитель більше не побачить твоїх результатів, а прогрес почнеться "
        "з нуля. Повідомлення в цьому чаті залишаться у твоєму Telegram — їх можна очистити."
    ),
    "forget.teacher": (
        "Ти більше не будеш учителем у боті: щоб повернутися, знадобиться нове запрошення."
    ),
    "forget.teacher_admin": (
        "Ти адміністратор бота (ADMIN_IDS), тож знову станеш учителем, щойно напишеш мені."
    ),
    "forget.yes": "🗑 Так, видалити все",
    "forget.no": "Ні, залишити",
    "forget.kept": "Гаразд, нічого не видаляю 🙂",
    "forget.expired": "Ця кнопка застаріла. Якщо хочеш видалити дані, надішли /forget_me ще раз.",
    "forget.still_teaching": (
        "Ти ведеш класи, де вчаться учні:\n{classes}\n\n"
        "Якби я видалив твої дані, зникли б і ці класи з домашками учнів, тож поки класи "
        "активні, я цього не роблю. Спершу заархівуй їх: /class → клас → "
        "«🗄 Архівувати клас». Потім /forget_me видалить тебе разом з архівними класами "
        "(учні збережуть свої відповіді)."
    ),
    "forget.done": "🧹 <b>Готово.</b> Я видалив усе, що зберігав про тебе:",
    "forget.done_nothing": "Я нічого про тебе не зберігаю 🙂",
    "forget.after": "Якщо напишеш мені знову, почнемо з чистого аркуша 🙂",
}

EN: dict[str, str] = {
    "group.teacher_private": (
        "I send class data (names, answers, reports) only in a private chat: {link}"
    ),
    "group.private_only": "Questions and progress are in a private chat with me: {link}",
    "menu.forget_me": "Delete everything the bot knows about me",
    "forget.ask": "🗑 <b>Delete everything I store about you?</b> This is it:",
    "forget.item.profile": "• your profile: your Telegram name, language, settings",
    "forget.item.answers": "• your answers: {count}",
    "forget.item.topics": "• progress in topics: {count}",
    "forget.item.classes": "• classes you joined: {count}",
    "forget.item.homework": "• homework with your progress: {count}",
    "forget.item.worksheets": "• printed worksheets with your name: {count}",
    "forget.item.games": "• dice games and their rolls: {count}",
    "forget.item.invitations": "• teacher invitations you made or used: {count}",
    "forget.item.archived_classes": (
        "• your archived classes: {count} — with their homework and lists of students "
        "(the students keep their own answers)"
    ),
    "forget.warning": (
        "This cannot be undone: your teacher will no longer see your results, and your "
        "progress starts from zero. The messages in this chat stay in your Telegram — you "
        "can clear them there."
    ),
    "forget.teacher": (
        "You will no longer be a teacher in the bot: to come back you need a new invitation."
    ),
    "forget.teacher_admin": (
        "You are an admin of the bot (ADMIN_IDS), so you are a teacher again as soon as you "
        "write to me."
    ),
    "forget.yes": "🗑 Yes, delete everything",
    "forget.no": "No, keep it",
    "forget.kept": "All right, I delete nothing 🙂",
    "forget.expired": "This button is out of date. To delete your data, send /forget_me again.",
    "forget.still_teaching": (
        "You teach classes with students in them:\n{classes}\n\n"
        "Deleting your data would delete these classes and your students' homework too, so "
        "I don't while they are active. Archive them first: /class → the class → "
        "“🗄 Archive class”. Then /forget_me deletes you together with your archived classes "
        "(the students keep their own answers)."
    ),
    "forget.done": "🧹 <b>Done.</b> I deleted everything I stored about you:",
    "forget.done_nothing": "I store nothing about you 🙂",
    "forget.after": "If you write to me again, we start from a clean slate 🙂",
}
