"""A language model reads a sentence word by word and gives each next word a probability. Its
loss on the sentence is the sum of its surprises (level 3, surprise); its loss per word — the
average surprise — is the cross-entropy of the model on this text (level 3, cross-entropy), the
very loss ChatGPT-like models are trained to make smaller."""

from __future__ import annotations

import math
import random

from quiz import calculator as calc
from quiz.bank.core import (
    LOG,
    UNIT_PHRASE,
    Ask,
    Built,
    F,
    Family,
    answer_format,
    frac,
    join,
    lines,
    log_of,
    name,
    num,
    result,
    say,
    with_unit,
    worked,
)
from quiz.numbers import plural_form

# The same number of words in both languages: a position's probability fits either sentence.
SENTENCES: tuple[tuple[str, str], ...] = (
    ("Я люблю математику", "I love maths"),
    ("Пес гавкає голосно", "Dogs bark loudly"),
    ("Кіт спить на дивані", "The cat sleeps here"),
    ("Завтра буде сонячний день", "Tomorrow will be sunny"),
    ("Модель вчиться на прикладах", "Models learn from examples"),
    ("Ми граємо у футбол", "We play football today"),
    ("Мама готує смачний борщ", "Mum cooks tasty borscht"),
    ("Цей кубик любить четвірки", "This die loves fours"),
    ("Наш клас пише контрольну завтра", "Our class writes tests tomorrow"),
    ("Сьогодні на уроці ми рахуємо", "Today in class we count"),
)
PROBABILITIES = (
    F(1, 2),
    F(1, 4),
    F(1, 8),
    F(1, 3),
    F(2, 3),
    F(3, 4),
    F(1, 5),
    F(2, 5),
    F(1, 10),
    F(1, 16),
    F(3, 8),
    F(1, 6),
    F(5, 6),
    F(9, 10),
)


def make(rng: random.Random, ask: Ask) -> Built:
    uk_sentence, en_sentence = SENTENCES[rng.randrange(len(SENTENCES))]
    uk_words, en_words = uk_sentence.split(), en_sentence.split()
    while True:
        probs = [PROBABILITIES[rng.randrange(len(PROBABILITIES))] for _ in uk_words]
        if len(set(probs)) >= 2:
            break
    base = ask.base
    per_word = ask.topic == "cross_entropy"
    surprises = [calc.surprisal(p, base) for p in probs]
    total = math.fsum(surprises)
    answer = total / len(probs) if per_word else total
    params = {
        "kind": "sentence_cross_entropy" if per_word else "sentence_surprisal",
        "probs": [frac(p) for p in probs],
        "base": base,
    }
    n = len(probs)
    words_uk = plural_form(n, "uk", ("слово", "слова", "слів"))
    table_uk = "\n".join(f"«{w}» — {frac(p)}" for w, p in zip(uk_words, probs, strict=True))
    table_en = "\n".join(f"“{w}” — {frac(p)}" for w, p in zip(en_words, probs, strict=True))
    intro = say(
        f"🤖 Мовна модель читає речення «{uk_sentence}» слово за словом. Перед кожним словом "
        f"вона каже, з якою ймовірністю саме воно буде наступним:\n{table_uk}",
        f"🤖 A language model reads the sentence “{en_sentence}” word by word. Before each "
        f"word it says how likely that word is to come next:\n{table_en}",
    )
    if per_word:
        ask_line = say(
            f"Яка втрата моделі на одне слово — її середній сюрприз, тобто "
            f"{name('cross_entropy').uk} між текстом і моделлю? Дай відповідь "
            f"{UNIT_PHRASE[base].uk}.",
            f"What is the model's loss per word — its average surprise, that is the "
            f"{name('cross_entropy').en} of the model on this text? Give it "
            f"{UNIT_PHRASE[base].en}.",
        )
        idea = say(
            "Втрата на слово — середній сюрприз: додай сюрпризи −log p усіх слів і поділи на "
            "кількість слів. Саме цю величину зменшують, коли навчають мовні моделі.",
            "The loss per word is the average surprise: add the surprises −log p of all the "
            "words and divide by the number of words. This is what training a language model "
            "makes smaller.",
        )
    else:
        ask_line = say(
            f"Який сюрприз моделі від усього речення — її втрата на ньому? Дай відповідь "
            f"{UNIT_PHRASE[base].uk}.",
            f"What is the model's surprise at the whole sentence — its loss on it? Give it "
            f"{UNIT_PHRASE[base].en}.",
        )
        idea = say(
            "Слова йдуть одне за одним, тож сюрпризи додаються: втрата на реченні — сума "
            "−log p усіх слів.",
            "The words come one after another, so the surprises add up: the loss on the "
            "sentence is the sum of −log p over its words.",
        )
    text = lines(intro, "", ask_line, answer_format(params["kind"], answer))
    first_p = probs[0]
    hints = (
        idea,
        say(
            f"Почни з першого слова, «{uk_words[0]}»: модель дала йому {frac(first_p)}, тож "
            f"його сюрприз −{LOG[base]}({frac(first_p)}).",
            f"Start with the first word, “{en_words[0]}”: the model gave it {frac(first_p)}, "
            f"so its surprise is −{LOG[base]}({frac(first_p)}).",
        ),
    )
    steps = [
        say(f"«{uk}»: ", f"“{en}”: ")
        + f"−{LOG[base]}({frac(p)}) = {log_of(1 / p, base)} "
        + result(value, base)
        for uk, en, p, value in zip(uk_words, en_words, probs, surprises, strict=True)
    ]
    summed = join(" + ", [num(value) for value in surprises])
    steps.append(say("Сума: ", "Sum: ") + summed + " " + result(total, base))
    if per_word:
        steps.append(
            say(f"На одне слово: поділимо на {n} {words_uk}: ", f"Per word: divide by {n}: ")
            + num(total)
            + f" / {n} "
            + result(answer, base)
        )
    solution, count = worked(steps, with_unit(answer, base))
    return Built(params, text, hints, solution, count)


FAMILY = Family(
    name="language_model",
    slots={("surprisal", 3): 3, ("cross_entropy", 3): 3},
    make=make,
)
