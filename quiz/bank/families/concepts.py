"""Questions about the ideas themselves, answered with buttons: the surprise of a sure event, why
rarer means more surprising, why surprises of independent events add up, why machine learning adds
logs instead of multiplying probabilities, when entropy is largest, when KL is zero, whether it
can be negative or is symmetric, what a belief q(x) = 0 for a possible x costs."""

from __future__ import annotations

import random
from dataclasses import dataclass

from quiz.bank.core import CHOOSE, Ask, Bi, Built, Family, lines, say, worked
from quiz.bank.kinds import FACT_ANSWERS


@dataclass(frozen=True)
class Fact:
    key: str
    question: Bi
    options: tuple[tuple[str, Bi], ...]  # (option id, label) in the order shown
    hint: Bi
    why: Bi
    step: Bi  # the second hint: a concrete thing to try, never the answer itself


FACTS: dict[str, Fact] = {
    f.key: f
    for f in (
        Fact(
            "sure_event_surprise",
            say(
                "Подія точно станеться: P = 1. Який сюрприз −log P, коли вона стається?",
                "An event is certain: P = 1. What is its surprise −log P when it happens?",
            ),
            (
                ("negative", say("Від'ємний", "Negative")),
                ("zero", say("Нуль", "Zero")),
                ("one", say("Рівно 1", "Exactly 1")),
                ("infinite", say("Нескінченний", "Infinite")),
            ),
            say(
                "Чи здивує тебе те, що мало статися напевно? Чому дорівнює log 1?",
                "Would something certain surprise you? What is log 1?",
            ),
            say(
                "log 1 = 0, тож −log 1 = 0: те, що станеться напевно, не дивує зовсім.",
                "log 1 = 0, so −log 1 = 0: what is certain to happen does not surprise at all.",
            ),
            say(
                "У якому степені основа логарифма дає 1?",
                "To what power must the base be raised to give 1?",
            ),
        ),
        Fact(
            "rarer_event_surprise",
            say(
                "Подія A рідша за подію B: P(A) менша за P(B). Чий сюрприз більший, коли "
                "подія стається?",
                "Event A is rarer than event B: P(A) is smaller than P(B). Whose surprise is "
                "larger when it happens?",
            ),
            (
                ("smaller", say("Сюрприз B", "B's surprise")),
                ("larger", say("Сюрприз A", "A's surprise")),
                ("same", say("Однакові", "They are the same")),
            ),
            say(
                "Що рідше щось трапляється, то більше дивує. А як поводиться −log p, коли p "
                "меншає?",
                "The rarer something is, the more it surprises. What does −log p do as p gets "
                "smaller?",
            ),
            say(
                "−log p росте, коли p меншає: рідша подія A дивує більше.",
                "−log p grows as p gets smaller: the rarer event A surprises more.",
            ),
            say(
                "Спробуй числа: P(A) = 1/8, P(B) = 1/2. Порахуй −log₂ кожної.",
                "Try numbers: P(A) = 1/8, P(B) = 1/2. Work out −log₂ of each.",
            ),
        ),
        Fact(
            "independent_surprises",
            say(
                "Два незалежні кидки кубика. Як сюрприз від пари результатів пов'язаний із "
                "сюрпризами кожного кидка?",
                "Two independent rolls of a die. How is the surprise of the pair related to the "
                "surprise of each roll?",
            ),
            (
                ("multiply", say("Вони множаться", "They multiply")),
                ("add", say("Вони додаються", "They add up")),
                ("larger", say("Береться більший", "The larger one counts")),
            ),
            say(
                "Ймовірність пари — добуток p₁·p₂. А що логарифм робить з добутком?",
                "The pair's probability is the product p₁·p₂. What does a log do to a product?",
            ),
            say(
                "−log(p₁·p₂) = (−log p₁) + (−log p₂): сюрпризи незалежних подій додаються.",
                "−log(p₁·p₂) = (−log p₁) + (−log p₂): surprises of independent events add up.",
            ),
            say(
                "Дві шістки: P = 1/6 · 1/6 = 1/36. Порівняй −log₂(1/36) з −log₂(1/6).",
                "Two sixes: P = 1/6 · 1/6 = 1/36. Compare −log₂(1/36) with −log₂(1/6).",
            ),
        ),
        Fact(
            "why_add_logs",
            say(
                "Мовна модель оцінює текст з тисячі слів. Чому вона додає логарифми "
                "ймовірностей слів, а не множить самі ймовірності?",
                "A language model scores a text of a thousand words. Why does it add the logs of "
                "the words' probabilities instead of multiplying the probabilities?",
            ),
            (
                (
                    "bigger",
                    say(
                        "Так імовірності стають більшими за 1",
                        "So that probabilities become larger than 1",
                    ),
                ),
                (
                    "underflow",
                    say(
                        "Добуток тисячі малих імовірностей такий крихітний, що комп'ютер "
                        "округлює його до нуля",
                        "The product of a thousand small probabilities is so tiny that "
                        "a computer rounds it to zero",
                    ),
                ),
                ("whole", say("Логарифми завжди цілі числа", "Logs are always whole numbers")),
            ),
            say(
                "Помнож 0,01 на себе сто разів. Скільки нулів після коми? А що буде з "
                "логарифмом такого добутку?",
                "Multiply 0.01 by itself a hundred times. How many zeros after the point? And "
                "what happens to the log of that product?",
            ),
            say(
                "Добуток дуже малих чисел «зникає» (комп'ютер зберігає числа лише до певної "
                "малості), а сума логарифмів — звичайне число: ln 0,00005 ≈ −9,903.",
                "The product of tiny numbers vanishes (a computer stores numbers only down to "
                "some size), while the sum of logs is an ordinary number: ln 0.00005 ≈ −9.903.",
            ),
            say(
                "Добуток ста чисел 0,01 — це 10 у степені −200. А сума їхніх lg — лише −200.",
                "The product of a hundred 0.01s is 10 to the power −200. The sum of their lg "
                "is just −200.",
            ),
        ),
        Fact(
            "max_entropy",
            say(
                "Кубик з 6 гранями. Коли його ентропія найбільша?",
                "A die with 6 faces. When is its entropy largest?",
            ),
            (
                (
                    "one_likely",
                    say(
                        "Коли одна грань випадає майже завжди",
                        "When one face comes up almost always",
                    ),
                ),
                (
                    "two_values",
                    say(
                        "Коли на гранях лише два різні числа",
                        "When the faces show only two different numbers",
                    ),
                ),
                (
                    "all_equal",
                    say("Коли всі 6 граней рівноймовірні", "When all 6 faces are equally likely"),
                ),
            ),
            say(
                "Ентропія — середній сюрприз. Коли результат передбачити найважче?",
                "Entropy is the average surprise. When is the result hardest to predict?",
            ),
            say(
                "Для тієї самої кількості результатів ентропія найбільша, коли вони рівноймовірні: "
                "тоді H = log 6.",
                "For the same number of outcomes, entropy is largest when they are equally likely: "
                "then H = log 6.",
            ),
            say(
                "Кубик, що майже завжди показує 6, — чи часто він тебе дивує?",
                "A die that almost always shows 6 — does it often surprise you?",
            ),
        ),
        Fact(
            "constant_die_entropy",
            say(
                "На всіх шести гранях кубика — 4. Яка його ентропія?",
                "All six faces of a die show 4. What is its entropy?",
            ),
            (
                ("zero", say("Нуль", "Zero")),
                ("log6", say("log 6", "log 6")),
                ("one", say("1 біт", "1 bit")),
            ),
            say(
                "Чи буде тебе щось дивувати, якщо завжди випадає 4?",
                "Will anything surprise you if it always shows 4?",
            ),
            say(
                "Завжди випадає 4: p(4) = 1, сюрприз −log 1 = 0, тож і середній сюрприз H = 0.",
                "It always shows 4: p(4) = 1, surprise −log 1 = 0, so the average H = 0 too.",
            ),
            say(
                "Тут p(4) = 1, а інших чисел немає.",
                "Here p(4) = 1, and there are no other numbers.",
            ),
        ),
        Fact(
            "cross_entropy_vs_entropy",
            say(
                "Чи може перехресна ентропія H(p, q) бути меншою за ентропію H(p)?",
                "Can the cross-entropy H(p, q) be smaller than the entropy H(p)?",
            ),
            (
                (
                    "sometimes",
                    say(
                        "Так, якщо q вгадує краще за саму правду",
                        "Yes, if q guesses better than the truth itself",
                    ),
                ),
                ("never_less", say("Ні: H(p, q) ≥ H(p) завжди", "No: H(p, q) ≥ H(p) always")),
            ),
            say(
                "Порівняй: середній сюрприз того, хто знає правду, і того, хто помиляється.",
                "Compare the average surprise of someone who knows the truth with someone who "
                "is wrong.",
            ),
            say(
                "H(p, q) = H(p) + D(p‖q), а D(p‖q) ≥ 0. Найменший середній сюрприз — у того, хто "
                "вірить у правду.",
                "H(p, q) = H(p) + D(p‖q), and D(p‖q) ≥ 0. The smallest average surprise belongs "
                "to whoever believes the truth.",
            ),
            say(
                "Спробуй: p = (1/2, 1/2), q = (1/4, 3/4). Порахуй H(p) і H(p, q) у бітах.",
                "Try p = (1/2, 1/2), q = (1/4, 3/4). Work out H(p) and H(p, q) in bits.",
            ),
        ),
        Fact(
            "kl_zero",
            say(
                "Коли дивергенція Кульбака–Лейблера (KL) D(p‖q) дорівнює нулю?",
                "When is the Kullback–Leibler (KL) divergence D(p‖q) zero?",
            ),
            (
                ("uniform_q", say("Коли q — рівномірний розподіл", "When q is uniform")),
                ("p_equals_q", say("Лише коли q = p", "Only when q = p")),
                ("always", say("Завжди", "Always")),
            ),
            say(
                "D(p‖q) — зайвий сюрприз через хибну думку. Коли зайвого сюрпризу немає?",
                "D(p‖q) is the extra surprise a wrong belief costs. When is there no extra?",
            ),
            say(
                "Зайвого сюрпризу немає, лише коли думка q збігається з правдою p.",
                "There is no extra surprise only when the belief q is the truth p.",
            ),
            say(
                "D(p‖q) = Σ p·log(p/q). Коли кожен логарифм log(p/q) дорівнює нулю?",
                "D(p‖q) = Σ p·log(p/q). When is every log(p/q) zero?",
            ),
        ),
        Fact(
            "kl_negative",
            say("Чи може D(p‖q) бути від'ємною?", "Can D(p‖q) be negative?"),
            (
                ("sometimes", say("Так, якщо q більша за p", "Yes, if q is larger than p")),
                ("never", say("Ні, ніколи", "No, never")),
            ),
            say(
                "Чи може хибна думка в середньому дивувати менше, ніж правда?",
                "Can a wrong belief surprise less, on average, than the truth?",
            ),
            say(
                "D(p‖q) ≥ 0 завжди (нерівність Гіббса): окремі доданки бувають від'ємні, "
                "але сума — ні.",
                "D(p‖q) ≥ 0 always (Gibbs' inequality): single terms can be negative, the sum "
                "cannot.",
            ),
            say(
                "D(p‖q) = H(p, q) − H(p). Що більше: H(p, q) чи H(p)?",
                "D(p‖q) = H(p, q) − H(p). Which is larger: H(p, q) or H(p)?",
            ),
        ),
        Fact(
            "kl_symmetric",
            say("Чи завжди D(p‖q) = D(q‖p)?", "Is D(p‖q) = D(q‖p) always?"),
            (
                ("always", say("Так, завжди", "Yes, always")),
                ("not_always", say("Ні, зазвичай вони різні", "No, they usually differ")),
            ),
            say("У D(p‖q) ваги — p. А в D(q‖p)?", "In D(p‖q) the weights are p. And in D(q‖p)?"),
            say(
                "У D(p‖q) зважують за p, у D(q‖p) — за q, тож зазвичай вони різні: KL — не "
                "відстань.",
                "D(p‖q) weighs by p, D(q‖p) by q, so they usually differ: KL is not a distance.",
            ),
            say(
                "Спробуй: p = (1/2, 1/2), q = (1/4, 3/4). Порахуй обидві суми.",
                "Try p = (1/2, 1/2), q = (1/4, 3/4). Work out both sums.",
            ),
        ),
        Fact(
            "belief_zero",
            say(
                "Ти певен, що шістка не випадає ніколи: q(6) = 0. Але насправді шістка буває: "
                "p(6) більша за нуль. Чому дорівнює D(p‖q)?",
                "You are sure a 6 never comes up: q(6) = 0. But really a 6 can come up: p(6) is "
                "above zero. What is D(p‖q)?",
            ),
            (
                ("zero", say("Нулю", "Zero")),
                ("small", say("Трохи більше за нуль", "A little above zero")),
                ("infinite", say("Нескінченності", "Infinity")),
            ),
            say(
                "Який сюрприз −log q(6), коли шістка таки випадає, а ти вважав це неможливим?",
                "What is the surprise −log q(6) when a 6 does come up and you thought it "
                "impossible?",
            ),
            say(
                "−log 0 — нескінченність: коли «неможливе» стається, сюрприз безмежний. Тому "
                "моделі ніколи не дають імовірність рівно 0.",
                "−log 0 is infinite: when the “impossible” happens, the surprise is unbounded. "
                "That is why models never give a probability of exactly 0.",
            ),
            say(
                "Що робить −log x, коли x наближається до 0?",
                "What does −log x do as x gets close to 0?",
            ),
        ),
    )
}

SLOTS: dict[tuple[str, int], tuple[str, ...]] = {
    ("surprisal", 1): ("sure_event_surprise", "rarer_event_surprise"),
    ("surprisal", 2): ("independent_surprises", "why_add_logs"),
    ("entropy", 1): ("max_entropy", "constant_die_entropy"),
    ("cross_entropy", 1): ("cross_entropy_vs_entropy",),
    ("kl_divergence", 1): ("kl_zero", "kl_negative"),
    ("kl_divergence", 2): ("kl_symmetric", "belief_zero"),
}


def make(rng: random.Random, ask: Ask) -> Built:
    keys = SLOTS[ask.topic, ask.level]
    fact = FACTS[keys[rng.randrange(len(keys))]]
    ids = [option_id for option_id, _ in fact.options]
    params = {"kind": "concept", "fact": fact.key, "options": ids}
    right = ids.index(FACT_ANSWERS[fact.key])
    text = lines(fact.question, CHOOSE)
    solution, steps = worked([fact.why], fact.options[right][1])
    return Built(
        params,
        text,
        (fact.hint, fact.step),
        solution,
        steps,
        options=tuple(label for _, label in fact.options),
    )


FAMILY = Family(name="concepts", slots=dict.fromkeys(SLOTS, 1), make=make)
