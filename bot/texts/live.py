"""Texts of /live: games in a class's group chat. Keys are shared by UK and EN; placeholders in
{braces}. Group messages carry first names and scores only — never a surname, never a typed
answer, never another class's data. Texts after `live.answer.` and `live.dice.you.` are
shown in a button's pop-up: plain text, at most 200 characters."""

UK: dict[str, str] = {
    "menu.live": "Ігри в групі класу (/live)",
    "live.howto_private": (
        "🎮 <b>Ігри в групі класу</b>\n"
        "1. Додайте мене в групу вашого класу.\n"
        "2. Надішліть там <code>/live КОД</code> (код класу) — я прив’яжу групу до класу.\n"
        "3. Далі: <code>/live quiz [тема] [кількість]</code> — вікторина, "
        "<code>/live dice [кидки]</code> — гра з кубиком, <code>/live stop</code> — стоп.\n"
        "Відповіді учнів класу зараховуються в їхній прогрес."
    ),
    "live.greeting": (
        "Привіт! Я Surprise Quiz 🎲 Вчителю: надішліть тут <code>/live КОД</code> "
        "(код класу), і я прив’яжу цю групу до класу. Потім — вікторина "
        "<code>/live quiz</code> чи гра з кубиком <code>/live dice</code>."
    ),
    "live.bound": (
        "✅ Групу прив’язано до класу «{name}».\n"
        "<code>/live quiz [тема] [кількість]</code> — вікторина, "
        "<code>/live dice [кидки]</code> — гра з кубиком."
    ),
    "live.status": (
        "🎮 Це група класу «{name}». Вчителю: <code>/live quiz [тема] [кількість]</code> · "
        "<code>/live dice [кидки]</code> · <code>/live stop</code>"
    ),
    "live.not_bound": (
        "Ця група ще не прив’язана до класу 🙂 Вчитель класу надсилає тут <code>/live КОД</code>."
    ),
    "live.bind_refused": ("Прив’язати групу може лише вчитель класу, з кодом свого класу 🙂"),
    "live.only_teacher": "Запускати ігри тут може лише вчитель цього класу 🙂",
    "live.busy": "Гра вже йде 🙂 Зупинити: <code>/live stop</code>",
    "live.stopped": "⏹ Гру зупинено.",
    "live.nothing_to_stop": "Зараз немає гри 🙂",
    "live.usage": (
        "Не розумію 🤔 Так: <code>/live quiz [тема] [кількість]</code> · "
        "<code>/live dice [кидки]</code> · <code>/live stop</code>"
    ),
    "live.bad_count": "Кількість — від 1 до {most} 🙂",
    "live.unknown_topic": "Не знаю такої теми 🤔 Теми: {topics}",
    "live.button.stop": "⏹ Стоп (вчитель)",
    "live.button.next": "▶️ Далі: питання {number} з {total} (вчитель)",
    "live.answer.counted": "Відповідь прийнято ✅ Результати — наприкінці раунду.",
    "live.answer.again": "Ти вже відповів(-ла) 🙂 Зараховується перша відповідь.",
    "live.answer.late": "Цей раунд уже закінчився 🙂",
    "live.answer.teacher_only": "Ця кнопка — для вчителя 🙂",
    "live.answer.stale": "Ця гра вже закінчилась 🙂",
    # quiz rounds
    "live.quiz.header": "❓ <b>Питання {number} з {total}</b> · {topic}",
    "live.quiz.card.poll": (
        "⏱ Питання {number} з {total}: {seconds} с. Відповідайте в опитуванні 👆"
    ),
    "live.quiz.card.buttons": "⏱ Питання {number} з {total}: {seconds} с. Тисніть відповідь 👆",
    "live.quiz.results": "📊 <b>Питання {number} з {total}: результати</b>",
    "live.quiz.option": "{mark} {label} — {count}",
    "live.quiz.right": "✅ Правильна відповідь: <b>{label}</b>",
    "live.quiz.why": "💡 <b>Чому</b>\n{why}",
    "live.quiz.fastest": "⚡ Найшвидші правильні: {names}",
    "live.quiz.nobody_right": "Цього разу правильно не відповів ніхто — наступне буде вашим!",
    "live.quiz.answered": "Відповідей: {count}",
    "live.quiz.leaderboard": "🏆 <b>Підсумки вікторини</b>",
    "live.quiz.leader": "{place} {name} — {score} з {total}",
    "live.quiz.no_players": "Ніхто не відповідав 🤷 Спробуємо ще раз?",
    "live.saved": "Результати учнів класу зараховано в їхній прогрес 📊",
    # the dice game
    "live.dice.title": "🎲 <b>Гра з кубиком</b> · кидків: {done} з {total}",
    "live.dice.rules": (
        "Кубик дивний: 1, 2, 3, 4, 4, 4 (5 і 6 — це 4). Оберіть переконання кнопкою. "
        "Рахунок — сума ваших сюрпризів −log q(грань): <b>хто менше здивується, той виграв</b>."
    ),
    "live.dice.roll": "Кидок {number}: 🎲 {value} → <b>{face}</b>",
    "live.dice.nobody": "Гравців ще немає — тисніть кнопку переконань 👇",
    "live.dice.row": "{place} {name} {belief} — {total}",
    "live.dice.winner": "🏆 Найменше здивувалися: {names}!",
    "live.dice.lesson": (
        "🎯 «Дивний кубик» — це правда: у середньому такі переконання дають найменший "
        "сюрприз, H(p) = {h} за кидок. Будь-які інші коштують більше — на дивергенцію "
        "Кульбака–Лейблера (KL)."
    ),
    "live.belief.fair": "⚖️ чесний",
    "live.belief.four": "4️⃣ четвірка ймовірна",
    "live.belief.weird": "🎯 дивний кубик",
    "live.belief.allfour": "🙈 лише четвірки",
    "live.button.roll": "🎲 Кинути {number} з {total} (вчитель)",
    "live.dice.you.joined": "Ти граєш, твої переконання: {belief}",
    "live.dice.you.changed": "Нові переконання: {belief}. Вони діють з наступного кидка.",
    "live.dice.you.too_late": "Гра вже почалась — приєднуйся до наступної 🙂",
}

EN: dict[str, str] = {
    "menu.live": "Games in the class group (/live)",
    "live.howto_private": (
        "🎮 <b>Games in your class's group</b>\n"
        "1. Add me to your class's group chat.\n"
        "2. Send <code>/live CODE</code> there (the class code) — I link the group to the class.\n"
        "3. Then: <code>/live quiz [topic] [n]</code> — a quiz, "
        "<code>/live dice [rolls]</code> — the dice game, <code>/live stop</code> — stop.\n"
        "The answers of the class's students count in their progress."
    ),
    "live.greeting": (
        "Hi! I'm Surprise Quiz 🎲 Teacher: send <code>/live CODE</code> here (the class "
        "code) and I'll link this group to your class. Then a quiz with "
        "<code>/live quiz</code> or the dice game with <code>/live dice</code>."
    ),
    "live.bound": (
        "✅ This group is linked to the class “{name}”.\n"
        "<code>/live quiz [topic] [n]</code> — a quiz, "
        "<code>/live dice [rolls]</code> — the dice game."
    ),
    "live.status": (
        "🎮 This is the group of the class “{name}”. Teacher: "
        "<code>/live quiz [topic] [n]</code> · <code>/live dice [rolls]</code> · "
        "<code>/live stop</code>"
    ),
    "live.not_bound": (
        "This group is not linked to a class yet 🙂 The class's teacher sends "
        "<code>/live CODE</code> here."
    ),
    "live.bind_refused": "Only the class's teacher can link the group, with their class code 🙂",
    "live.only_teacher": "Only this class's teacher can start games here 🙂",
    "live.busy": "A game is on 🙂 To stop it: <code>/live stop</code>",
    "live.stopped": "⏹ The game is stopped.",
    "live.nothing_to_stop": "There is no game on 🙂",
    "live.usage": (
        "I don't understand 🤔 Like this: <code>/live quiz [topic] [n]</code> · "
        "<code>/live dice [rolls]</code> · <code>/live stop</code>"
    ),
    "live.bad_count": "The number goes from 1 to {most} 🙂",
    "live.unknown_topic": "I don't know that topic 🤔 Topics: {topics}",
    "live.button.stop": "⏹ Stop (teacher)",
    "live.button.next": "▶️ Next: question {number} of {total} (teacher)",
    "live.answer.counted": "Answer taken ✅ Results at the end of the round.",
    "live.answer.again": "You have answered already 🙂 Your first answer counts.",
    "live.answer.late": "This round is over 🙂",
    "live.answer.teacher_only": "This button is for the teacher 🙂",
    "live.answer.stale": "This game is over 🙂",
    "live.quiz.header": "❓ <b>Question {number} of {total}</b> · {topic}",
    "live.quiz.card.poll": "⏱ Question {number} of {total}: {seconds} s. Answer in the poll 👆",
    "live.quiz.card.buttons": "⏱ Question {number} of {total}: {seconds} s. Press your answer 👆",
    "live.quiz.results": "📊 <b>Question {number} of {total}: results</b>",
    "live.quiz.option": "{mark} {label} — {count}",
    "live.quiz.right": "✅ The right answer: <b>{label}</b>",
    "live.quiz.why": "💡 <b>Why</b>\n{why}",
    "live.quiz.fastest": "⚡ Fastest right answers: {names}",
    "live.quiz.nobody_right": "Nobody got it this time — the next one is yours!",
    "live.quiz.answered": "Answers: {count}",
    "live.quiz.leaderboard": "🏆 <b>Quiz results</b>",
    "live.quiz.leader": "{place} {name} — {score} of {total}",
    "live.quiz.no_players": "Nobody answered 🤷 Shall we try again?",
    "live.saved": "The class's students get these results in their progress 📊",
    "live.dice.title": "🎲 <b>The dice game</b> · rolls: {done} of {total}",
    "live.dice.rules": (
        "The die is weird: 1, 2, 3, 4, 4, 4 (5 and 6 count as 4). Pick a belief with a button. "
        "Your score is the sum of your surprises −log q(face): <b>the least surprised wins</b>."
    ),
    "live.dice.roll": "Roll {number}: 🎲 {value} → <b>{face}</b>",
    "live.dice.nobody": "No players yet — press a belief button 👇",
    "live.dice.row": "{place} {name} {belief} — {total}",
    "live.dice.winner": "🏆 The least surprised: {names}!",
    "live.dice.lesson": (
        "🎯 “Weird die” is the truth: on average that belief gets the least surprise, "
        "H(p) = {h} per roll. Any other belief costs more — by the Kullback–Leibler (KL) "
        "divergence."
    ),
    "live.belief.fair": "⚖️ fair",
    "live.belief.four": "4️⃣ 4 is likely",
    "live.belief.weird": "🎯 weird die",
    "live.belief.allfour": "🙈 only fours",
    "live.button.roll": "🎲 Roll {number} of {total} (teacher)",
    "live.dice.you.joined": "You're in, your belief: {belief}",
    "live.dice.you.changed": "New belief: {belief}. It counts from the next roll.",
    "live.dice.you.too_late": "The game has started — join the next one 🙂",
}
