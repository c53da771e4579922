"""Read what a student types on a phone and turn it into a number.

`parse_answer(text) -> float` accepts plain numbers (`0.5`, `0,5`, `1e-3`, `16,7%`, `½`, `−0.5`),
arithmetic (`1/6`, `6:3`, `6÷3`, `3·2`, `3×2`, `2^-1`, `2**3`, `2⁻¹`), logarithms (`log2(6)`,
`log_2 6`, `log₂6`, `log(6, 2)`, `ln 2`, `lg 100`, `log10(100)`; `log` alone is the natural
log), `sqrt(2)`, `√2`, `exp(1)`, the constants `e`, `pi`, `π`, implicit multiplication before a
function or a constant (`2ln2`, `2 log2(3)`, `2π`), repeating decimals (`0,1(6)`), a trailing
unit (`біт`, `bits`, `нат`, `nats`, `гартлі`, `hartleys`, `ban`) and a leading `=`/`≈`
(`H ≈ 1,79` reads the part after the last sign). It is a tokenizer and a recursive-descent
parser of our own: nothing here evaluates Python.

Reading rules where a phone keyboard makes the text ambiguous (all tested):
- A comma between two digits is a decimal comma: `0,5` = 0.5, `16,7%` = 0.167.
- A comma followed by a space (or `;`) separates the arguments of `log(value, base)`.
- Inside `log(...)` with no such separator, a comma between digits separates the arguments
  (`log(6,2)` = log₂6) — unless the number before it is 0 or the digits after it start with 0
  (`log(0,5)` = ln 0.5, `log(2,05)` = ln 2.05), because those are clearly decimals.
  `ln(6,2)` and `log2(6,5)` take one argument, so there the comma is decimal.
- A function written without brackets takes the number right after it, and a plain fraction of two
  numbers if one follows: `log2 1/6` = log₂(1/6), `ln2·3` = 3·ln 2, `-log2 1/6` = −log₂(1/6).
- `log 2(6)` (a space after `log`, then a whole number and a bracket) = log₂6, not ln 2 · 6.
- In Ukrainian (`lang="uk"`), where the comma is the decimal mark, `log(2,5)` could be log₅2 or
  ln 2,5: it is refused with both readings shown (`ambiguous_log`); `log(2; 5)`, `log(2, 5)` and
  `ln 2,5` are clear. Without a language (or in English) the rule above applies.
- A repeating decimal is exact: `0,1(6)` = 1/6, `0,(3)` = 1/3, `0.8(3)` = 5/6.
- A number followed by a bracket is never a product: `2(1/6)` is refused (`number_bracket`), and
  a bracket at the end that restates the number is a remark, not a factor: `0,5 (50%)` = 0.5,
  `1/6 (0,17)` = 1/6. Brackets after a bracket still multiply: `(1/2)(1/3)` = 1/6.
- `x` or `х` between numbers multiplies (`3x2` = 6).
- `-2^2` = −4 (the power binds tighter than the sign), `2^3^2` = 2^9, `2^-1` = 0.5.
- A whole number immediately followed by a vulgar fraction is a mixed number: `1½` = 1.5.
- Two numbers in a row (`2 3`, `1 000`) are refused rather than guessed.

Work is bounded on any input: at most 200 characters, 25 levels of nested brackets/powers,
magnitudes up to 1e100; every failure is an `AnswerError` with a `code` and a message in
Ukrainian and English written for a 13-year-old. Messages quote a short piece of the student's
text: escape them (`html.escape`) before sending with HTML formatting.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

MAX_LENGTH = 200
MAX_DEPTH = 25
MAX_MAGNITUDE = 1e100

_HINT_UK = "Напиши число, наприклад 0,5 або 1/6 чи log2(6)."
_HINT_EN = "Type a number, for example 0.5, 1/6 or log2(6)."

# code → (Ukrainian, English). `{detail}` is a short quote of the student's text.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (
        "Тут порожньо. " + _HINT_UK,
        "That's empty. " + _HINT_EN,
    ),
    "too_long": (
        f"Задовга відповідь (понад {MAX_LENGTH} символів). Напиши лише число, наприклад 2,585.",
        f"That answer is too long (over {MAX_LENGTH} characters). "
        "Type just the number, for example 2.585.",
    ),
    "unknown_word": (
        "Я не зрозумів «{detail}». " + _HINT_UK,
        "I don't understand “{detail}”. " + _HINT_EN,
    ),
    "bad_char": (
        "Символ «{detail}» тут не підходить. Пиши цифри, знаки + − · / ^ і дужки, "
        "наприклад 1/6 або 2^-1.",
        "The symbol “{detail}” doesn't fit here. Use digits, + − · / ^ and brackets, "
        "for example 1/6 or 2^-1.",
    ),
    "syntax": (
        "Я не можу прочитати вираз біля «{detail}». Спробуй простіше: 0,5, 1/6 або log2(6).",
        "I can't read the expression near “{detail}”. Try something simpler: 0.5, 1/6 or log2(6).",
    ),
    "missing_number": (
        "Після «{detail}» бракує числа. Наприклад: 1/6, -log2(1/6) або log2(6).",
        "A number is missing after “{detail}”. For example: 1/6, -log2(1/6) or log2(6).",
    ),
    "two_numbers": (
        "Бачу два числа поспіль: «{detail}». Дріб пиши як 1/6, десяткове число — як 0,5.",
        "I see two numbers in a row: “{detail}”. Write a fraction as 1/6 and a decimal as 0.5.",
    ),
    "unbalanced": (
        "Дужки не до пари: кожній «(» потрібна своя «)». Наприклад: log2(6).",
        "The brackets don't match: every “(” needs its own “)”. For example: log2(6).",
    ),
    "too_deep": (
        "Забагато дужок чи степенів одне в одному. Спрости вираз, наприклад -log2(1/6).",
        "Too many brackets or powers inside each other. Make it simpler, for example -log2(1/6).",
    ),
    "div_zero": (
        "Ділити на нуль не можна. Перевір, що стоїть після «/».",
        "You can't divide by zero. Check what comes after the “/”.",
    ),
    "log_domain": (
        "Логарифм буває лише від додатного числа: log2(1/6) можна, log2(0) чи log2(-1) — ні.",
        "A logarithm needs a positive number: log2(1/6) works, log2(0) or log2(-1) doesn't.",
    ),
    "log_base": (
        "Основа логарифма має бути додатною і не 1 — зазвичай 2, e або 10. "
        "Наприклад: log(6, 2) = log2(6).",
        "A logarithm's base must be positive and not 1 — usually 2, e or 10. "
        "For example: log(6, 2) = log2(6).",
    ),
    "sqrt_negative": (
        "Корінь із від'ємного числа тут не береться. Перевір знак.",
        "There is no square root of a negative number here. Check the sign.",
    ),
    "too_big": (
        "Це число завелике. У наших задачах відповіді невеликі, наприклад 2,585 або 0,17.",
        "That number is too big. Answers here are small, like 2.585 or 0.17.",
    ),
    "not_real": (
        "Такий вираз не дає звичайного числа. Спробуй записати інакше, наприклад 2^-1 чи 1/6.",
        "That expression doesn't give an ordinary number. Try another way, like 2^-1 or 1/6.",
    ),
    "ambiguous_log": (
        "«{detail}» можна прочитати двояко: логарифм {value} за основою {base} (кома розділяє "
        "число й основу) або ln {decimal_uk} (десяткова кома). Напиши log({value}; {base}) "
        "або ln({decimal_uk}).",
        "“{detail}” can be read two ways: the log of {value} to base {base} (the comma separates "
        "the number and the base) or ln {decimal_en} (a decimal comma). Write log({value}; {base}) "
        "or ln({decimal_en}).",
    ),
    "number_bracket": (
        "Після числа стоїть дужка: «{detail}». Якщо це множення, постав знак ·, наприклад "
        "2·(1/6). Якщо пояснення — напиши лише відповідь.",
        "A bracket right after a number: “{detail}”. If you mean a product, write the sign, "
        "like 2·(1/6). If it is a remark, type just the answer.",
    ),
    "arguments": (
        "У «{detail}» не та кількість чисел у дужках. Пиши log(6, 2) — це log₂6 — або log2(6).",
        "“{detail}” has the wrong number of values in its brackets. "
        "Write log(6, 2), which means log₂6, or log2(6).",
    ),
}


class AnswerError(ValueError):
    """A student's answer that can't be read as a number; `str(err)` is the English message."""

    def __init__(self, code: str, detail: str = "", **parts: str) -> None:
        if code not in MESSAGES:
            raise KeyError(f"unknown AnswerError code {code!r}")
        self.code = code
        # Quote at most 20 characters: enough to point at the problem, never a wall of text.
        self.detail = detail if len(detail) <= 20 else detail[:19] + "…"
        self.parts = parts  # more pieces some messages show (both readings of log(2,5))
        super().__init__(self.message("en"))

    def message(self, lang: str = "uk") -> str:
        uk, en = MESSAGES[self.code]
        template = en if lang == "en" else uk
        return template.format_map(_Blanks(detail=self.detail, **self.parts))

    def __str__(self) -> str:
        return self.message("en")


class _Blanks(dict[str, str]):
    """Fills a placeholder the error did not provide with nothing rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class ParsedAnswer:
    """What the grader may want to know besides the value.

    `percent`: a `%` was used; `fraction`: the whole answer is a plain fraction (`1/6`, `½`);
    `sig_digits`: significant digits typed when the answer is one decimal literal (`0,17` → 2),
    else None (an expression or a repeating decimal is exact); `decimals`: the decimal places of
    that literal's value (`0,17` → 2, `16,7%` → 3, `3` → 0), else None;
    `unit`: "bit" | "nat" | "hartley" | None.
    """

    value: float
    percent: bool = False
    fraction: bool = False
    sig_digits: int | None = None
    unit: str | None = None
    decimals: int | None = None


UNITS: dict[str, str] = {
    **dict.fromkeys(("біт", "біти", "бітів", "біта", "bit", "bits"), "bit"),
    **dict.fromkeys(("нат", "нати", "натів", "ната", "nat", "nats"), "nat"),
    **dict.fromkeys(("гартлі", "hartley", "hartleys", "ban", "bans", "dit", "dits"), "hartley"),
}
_CONSTANTS: dict[str, float] = {"e": math.e, "pi": math.pi, "π": math.pi, "пі": math.pi}
# name → base of the logarithm (None: plain function, "log" may also take a base argument)
_FUNCTIONS: dict[str, float | None] = {
    "ln": math.e,
    "log": math.e,
    "lg": 10.0,
    "lb": 2.0,
    "ld": 2.0,
    "sqrt": None,
    "exp": None,
}
_VULGAR: dict[str, tuple[int, int]] = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
    "⅖": (2, 5), "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅐": (1, 7),
    "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8), "⅑": (1, 9), "⅒": (1, 10),
    "↉": (0, 3),
}  # fmt: skip

_TIMES_LETTERS = frozenset(("x", "х"))  # "3x2", "3х2" (Latin or Cyrillic) on a phone keyboard
_MINUSES = "−–—‐‑‒﹣－⁃"
_TIMES = "·×⋅∙✕✖∗＊"
_DIVIDES = "÷:∶⁄∕／"
_NORMALIZE = str.maketrans(
    {
        **dict.fromkeys(_MINUSES, "-"),
        **dict.fromkeys(_TIMES, "*"),
        **dict.fromkeys(_DIVIDES, "/"),
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
        "％": "%", "٪": "%", "，": ",", "；": ";", "（": "(", "）": ")", "＋": "+", "＾": "^",
        "≈": "=", "≅": "=", "~": "=", "＝": "=",
        "е": "e",  # a Cyrillic "е" typed on a Ukrainian keyboard means Euler's number
        # invisible characters some keyboards and copied formulas carry
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\u2061": None,
        "\u2062": None, "\ufeff": None, "\u00ad": None,
    }
)  # fmt: skip
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
    |(?P<logb>log(?:_\s*\{?\s*(?P<lb1>[0-9]+(?:\.[0-9]+)?|e)\s*\}?|(?P<lb2>[0-9]+)|(?P<lb3>[₀-₉]+)))
    |(?P<rep>(?P<rw>[0-9]*)[.,](?P<rd>[0-9]*)\((?P<rr>[0-9]{1,12})\))
    |(?P<num>(?:[0-9]+(?:[.,][0-9]+)?|\.[0-9]+)(?:e[-+]?[0-9]+)?)
    |(?P<vf>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒↉])
    |(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)
    |(?P<word>[^\W\d_]+)
    |(?P<pow>\*\*|\^)
    |(?P<op>[-+*/()%,;√])
    |(?P<bad>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# Token: (kind, value, text). Kinds: "num" (value float), "rep" (a repeating decimal, value
# float), "vf" (value float), "const", "func"
# (value: base or None, text: name), "logb" (value: base), "unit" (text: the word typed),
# "sup" (value: exponent), "^", and the one-character operators themselves.
Token = tuple[str, float | None, str]
_END: Token = ("end", None, "")
_STARTS_FACTOR = frozenset(("func", "logb", "const", "(", "√"))
_NUMBERS = frozenset(("num", "vf", "rep"))
# what may stand before a closing remark in brackets: "0,5 (50%)", "3 біти (log2 8)"
_BEFORE_REMARK = frozenset(("num", "vf", "rep", "%", "unit"))
_REMARK_AGREEMENT = 0.02  # "1/6 (0,17)": a remark may be a rounding of the answer


def parse_answer(text: str, lang: str | None = None) -> float:
    """The number a student typed (see the module docstring for what is accepted). `lang` is
    the language the student writes in: in Ukrainian `log(2,5)` is refused as ambiguous."""
    return parse_answer_details(text, lang).value


def parse_answer_details(text: str, lang: str | None = None) -> ParsedAnswer:
    """Like `parse_answer`, plus how the answer was written (percent, fraction, rounding, unit)."""
    tokens = _tokenize(text)
    remark_at = _closing_remark(tokens)
    if remark_at is None:
        return _details(tokens, lang)
    # "0,5 (50%)": a bracket after a number is a remark when it says the same thing, and a
    # refused product otherwise ("2(1/6)") — never silently 0,25.
    main = _details([*tokens[:remark_at], _END], lang)
    start = remark_at - 1
    while start > 0 and tokens[start][0] in ("%", "unit"):
        start -= 1
    quote = "".join(piece for _, _, piece in tokens[start:-1])
    try:
        aside = _details([*tokens[remark_at + 1 : -2], _END], lang)
    except AnswerError:
        raise AnswerError("number_bracket", quote) from None
    if not _agree(main.value, aside.value):
        raise AnswerError("number_bracket", quote)
    return main


def _details(tokens: list[Token], lang: str | None) -> ParsedAnswer:
    parser = _Parser(tokens, lang)
    try:
        value = parser.parse()
    except OverflowError:  # a safety net: the parser checks magnitudes as it goes
        raise AnswerError("too_big") from None
    except ZeroDivisionError:
        raise AnswerError("div_zero") from None
    except RecursionError:
        raise AnswerError("too_deep") from None
    sig_digits, decimals = _literal_digits(tokens, parser.percent)
    return ParsedAnswer(
        value=value,
        percent=parser.percent,
        fraction=_is_plain_fraction(tokens),
        sig_digits=sig_digits,
        unit=parser.unit,
        decimals=decimals,
    )


def _closing_remark(tokens: list[Token]) -> int | None:
    """The index of the "(" of a bracket that ends the text right after a number, if any."""
    if len(tokens) < 4 or tokens[-2][0] != ")":
        return None
    depth = 0
    for index in range(len(tokens) - 2, -1, -1):
        kind = tokens[index][0]
        if kind == ")":
            depth += 1
        elif kind == "(":
            depth -= 1
            if depth == 0:
                if index == 0 or tokens[index - 1][0] not in _BEFORE_REMARK:
                    return None
                if index >= 2 and tokens[index - 2][2] == "log" and tokens[index - 1][2].isdigit():
                    return None  # "log 2(6)" is log₂6 (see the module docstring)
                return index
    return None


def _agree(main: float, aside: float) -> bool:
    return abs(main - aside) <= _REMARK_AGREEMENT * max(abs(main), abs(aside))


def _tokenize(text: str) -> list[Token]:
    if not isinstance(text, str):
        raise AnswerError("empty")
    if len(text) > MAX_LENGTH * 4:  # don't even normalise a novel
        raise AnswerError("too_long")
    source = text.strip().lower().translate(_NORMALIZE)
    if "=" in source:  # "H = 1,79", "1/6 ≈ 0,17": the last non-empty part is the answer
        parts = [part for part in source.split("=") if part.strip()]
        source = parts[-1] if parts else ""
    source = source.strip()
    if source.endswith(".") and not source.endswith(".."):
        source = source[:-1].rstrip()  # a sentence-ending full stop: "0,5."
    if not source:
        raise AnswerError("empty")
    if len(source) > MAX_LENGTH:
        raise AnswerError("too_long")
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(source):
        kind = match.lastgroup
        piece = match.group()
        if kind == "ws":
            continue
        if kind == "num":
            append(("num", _number(piece), piece))
        elif kind == "op" or kind == "pow":
            append((piece if kind == "op" else "^", None, piece))
        elif kind == "word":
            append(_word(piece))
        elif kind == "logb":
            append(("logb", _log_base(match), piece))
        elif kind == "rep":
            append(("rep", _repeating(match), piece))
        elif kind == "vf":
            numerator, denominator = _VULGAR[piece]
            append(("vf", numerator / denominator, piece))
        elif kind == "sup":
            append(("sup", _superscript(piece), piece))
        else:
            raise AnswerError("bad_char", piece)
    append(_END)
    return tokens


def _number(piece: str) -> float:
    value = float(piece.replace(",", "."))
    if not value < MAX_MAGNITUDE:  # also catches inf from "1e999999"
        raise AnswerError("too_big")
    return value


def _repeating(match: re.Match[str]) -> float:
    """0,1(6) = 1/6: the digits before the bracket, then the bracket repeated for ever."""
    whole, fixed, period = match.group("rw") or "0", match.group("rd"), match.group("rr")
    once = int(whole + fixed + period) - int(whole + fixed)
    value = Fraction(once, 10 ** len(fixed) * (10 ** len(period) - 1))
    return float(value)


def _word(piece: str) -> Token:
    if piece in _TIMES_LETTERS:
        return ("*", None, piece)
    if piece in _FUNCTIONS:
        return ("func", _FUNCTIONS[piece], piece)
    if piece in _CONSTANTS:
        return ("const", _CONSTANTS[piece], piece)
    if piece in UNITS:
        return ("unit", None, piece)
    raise AnswerError("unknown_word", piece)


def _log_base(match: re.Match[str]) -> float:
    written = match.group("lb1") or match.group("lb2")
    if written is None:
        written = match.group("lb3").translate(_SUBSCRIPTS)
    base = math.e if written == "e" else float(written)
    if base <= 0 or base == 1:
        raise AnswerError("log_base")
    return base


def _superscript(piece: str) -> float:
    written = piece.translate(_SUPERSCRIPTS)
    if not re.fullmatch(r"[-+]?[0-9]{1,3}", written):
        raise AnswerError("syntax", piece)
    return float(written)


def _checked(value: float) -> float:
    if value != value:  # NaN
        raise AnswerError("not_real")
    if not -MAX_MAGNITUDE < value < MAX_MAGNITUDE:
        raise AnswerError("too_big")
    return value


class _Parser:
    """Recursive descent over the token list, evaluating as it goes.

    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary | <implicit> power)*
    unary   := ("-" | "+")* power
    power   := postfix ("^" unary | sup)?
    postfix := primary "%"?
    primary := num vf? | vf | const | "(" expr ")" | "√" power | func args | logb args
    """

    __slots__ = ("depth", "lang", "percent", "pos", "tokens", "unit")

    def __init__(self, tokens: list[Token], lang: str | None = None) -> None:
        self.tokens = tokens
        self.lang = lang
        self.pos = 0
        self.depth = 0
        self.percent = False
        self.unit: str | None = None

    def parse(self) -> float:
        if self.tokens[0][0] == "unit":
            raise AnswerError("missing_number", self.tokens[0][2])
        value = self._expr()
        kind = self.tokens[self.pos][0]
        if kind == "unit":
            self.unit = UNITS[self.tokens[self.pos][2]]
            self.pos += 1
            kind = self.tokens[self.pos][0]
        if kind != "end":
            raise self._unexpected()
        return _checked(value) + 0.0  # + 0.0 turns -0.0 into 0.0

    # -- grammar -----------------------------------------------------------------------------

    def _expr(self) -> float:
        value = self._term()
        tokens = self.tokens
        while True:
            kind = tokens[self.pos][0]
            if kind == "+":
                self.pos += 1
                value = _checked(value + self._term())
            elif kind == "-":
                self.pos += 1
                value = _checked(value - self._term())
            else:
                return value

    def _term(self) -> float:
        value = self._unary()
        tokens = self.tokens
        while True:
            kind = tokens[self.pos][0]
            if kind == "*":
                self.pos += 1
                value = _checked(value * self._unary())
            elif kind == "/":
                self.pos += 1
                divisor = self._unary()
                if divisor == 0:
                    raise AnswerError("div_zero")
                value = _checked(value / divisor)
            elif kind in _STARTS_FACTOR:
                if kind == "(" and tokens[self.pos - 1][0] in _BEFORE_REMARK:
                    # "2(1/6)", "0,5 (50%)·2": a number and a bracket are never a product
                    quote = "".join(piece for _, _, piece in tokens[self.pos - 1 : self.pos + 4])
                    raise AnswerError("number_bracket", quote)
                value = _checked(value * self._power())  # 2ln2, 2π, (1/2)(1/3)
            elif kind in _NUMBERS:
                raise AnswerError("two_numbers", f"{tokens[self.pos - 1][2]} {tokens[self.pos][2]}")
            else:
                return value

    def _unary(self) -> float:
        tokens = self.tokens
        sign = 1.0
        while tokens[self.pos][0] in ("-", "+"):
            if tokens[self.pos][0] == "-":
                sign = -sign
            self.pos += 1
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise AnswerError("too_deep")
        value = self._power()
        self.depth -= 1
        return sign * value

    def _power(self) -> float:
        base = self._postfix()
        kind = self.tokens[self.pos][0]
        if kind == "^":
            self.pos += 1
            return _power(base, self._unary())
        if kind == "sup":
            exponent = self.tokens[self.pos][1]
            self.pos += 1
            assert exponent is not None
            return _power(base, exponent)
        return base

    def _postfix(self) -> float:
        value = self._primary()
        if self.tokens[self.pos][0] == "%":
            self.pos += 1
            self.percent = True
            value /= 100
        return value

    def _primary(self) -> float:
        kind, value, text = self.tokens[self.pos]
        if kind == "num":
            self.pos += 1
            following = self.tokens[self.pos]
            if following[0] == "vf" and text.isdigit():
                self.pos += 1  # a mixed number: 1½
                assert following[1] is not None
                return value + following[1]
            assert value is not None
            return value
        if kind == "vf" or kind == "const" or kind == "rep":
            self.pos += 1
            assert value is not None
            return value
        if kind == "(":
            self.pos += 1
            inner = self._expr()
            self._expect_close()
            return inner
        if kind == "√":
            self.pos += 1
            return _sqrt(self._argument(bare_fraction=False))
        if kind == "func":
            self.pos += 1
            return self._function(text, value)
        if kind == "logb":
            self.pos += 1
            assert value is not None
            return _log(self._argument(bare_fraction=True), value)
        raise self._unexpected()

    # -- functions ---------------------------------------------------------------------------

    def _function(self, name: str, base: float | None) -> float:
        tokens = self.tokens
        if (
            name == "log"
            and tokens[self.pos][0] == "num"
            and tokens[self.pos][2].isdigit()
            and tokens[self.pos + 1][0] == "("
        ):
            # "log 2(6)" and "log 2 (6)" mean log₂6, not ln 2 · 6
            written_base = tokens[self.pos][1]
            self.pos += 1
            assert written_base is not None
            return _log(self._argument(bare_fraction=False), written_base)
        if name == "log" and tokens[self.pos][0] == "(":
            args = self._bracketed_log_arguments()
            if len(args) == 2:
                return _log(args[0], args[1])
            return _log(args[0], math.e)
        argument = self._argument(bare_fraction=base is not None)
        if base is not None:
            return _log(argument, base)
        if name == "sqrt":
            return _sqrt(argument)
        return _exp(argument)

    def _argument(self, *, bare_fraction: bool) -> float:
        """The argument of a function: a bracket, or (without one) the next power-level factor."""
        tokens = self.tokens
        start = self.pos
        kind = tokens[start][0]
        if kind in ("end", "unit", ")", "*", "/", "^", "%", ",", ";"):
            raise AnswerError("missing_number", tokens[start - 1][2])
        if kind == "(":
            # log2(6)^2 squares the logarithm, as in a textbook: the bracket alone is the argument
            self.pos += 1
            value = self._expr()
            self._expect_close()
            return value
        value = self._unary()
        # "log2 1/6" means log₂(1/6): a student writes the fraction as the argument.
        if (
            bare_fraction
            and self.pos == start + 1
            and kind == "num"
            and tokens[self.pos][0] == "/"
            and tokens[self.pos + 1][0] == "num"
            and tokens[self.pos + 2][0] not in ("^", "sup", "vf", "%")
        ):
            divisor = tokens[self.pos + 1][1]
            assert divisor is not None
            if divisor == 0:
                raise AnswerError("div_zero")
            self.pos += 2
            value /= divisor
        return value

    def _bracketed_log_arguments(self) -> list[float]:
        """`log(value)` or `log(value, base)`; see the module docstring for the comma rule."""
        open_at = self.pos
        self._split_decimal_comma_into_arguments(open_at)
        self.pos += 1
        args = [self._expr()]
        while self.tokens[self.pos][0] in (",", ";"):
            self.pos += 1
            args.append(self._expr())
        if len(args) > 2:
            raise AnswerError("arguments", "log(…)")
        self._expect_close()
        return args

    def _split_decimal_comma_into_arguments(self, open_at: int) -> None:
        tokens = self.tokens
        level = 0
        candidates: list[int] = []
        for index in range(open_at, len(tokens)):
            kind = tokens[index][0]
            if kind == "(":
                level += 1
            elif kind == ")":
                level -= 1
                if level == 0:
                    break
            elif level == 1:
                if kind in (",", ";"):
                    return  # an explicit separator: every digit comma is a decimal comma
                if kind == "num" and "," in tokens[index][2]:
                    candidates.append(index)
        if len(candidates) != 1:
            return
        index = candidates[0]
        text = tokens[index][2]
        if "e" in text:
            return
        whole, _, decimals = text.partition(",")
        if whole.strip("0") == "" or decimals.startswith("0"):
            return  # log(0,5) is ln 0.5; log(2,05) is ln 2.05
        if self.lang == "uk":  # the comma is the decimal mark here: both readings are natural
            raise AnswerError(
                "ambiguous_log",
                f"log({text})",
                value=whole,
                base=decimals,
                decimal_uk=text,
                decimal_en=text.replace(",", "."),
            )
        tokens[index : index + 1] = [
            ("num", float(whole), whole),
            (",", None, ","),
            ("num", float(decimals), decimals),
        ]

    # -- helpers -----------------------------------------------------------------------------

    def _expect_close(self) -> None:
        if self.tokens[self.pos][0] != ")":
            if self.tokens[self.pos][0] == "end":
                raise AnswerError("unbalanced")
            raise self._unexpected()
        self.pos += 1

    def _unexpected(self) -> AnswerError:
        kind, _, text = self.tokens[self.pos]
        if kind == "end":
            return AnswerError("missing_number", self.tokens[self.pos - 1][2] if self.pos else "")
        if kind == ")":
            return AnswerError("unbalanced")
        return AnswerError("syntax", text)


def _power(base: float, exponent: float) -> float:
    if base == 0 and exponent < 0:
        raise AnswerError("div_zero")
    if base < 0 and exponent != int(exponent):
        raise AnswerError("not_real")
    try:
        return _checked(math.pow(base, exponent))
    except OverflowError:
        raise AnswerError("too_big") from None


def _log(value: float, base: float) -> float:
    if value <= 0:
        raise AnswerError("log_domain")
    if base <= 0 or base == 1:
        raise AnswerError("log_base")
    if base == 2:
        return math.log2(value)
    if base == 10:
        return math.log10(value)
    if base == math.e:
        return math.log(value)
    return math.log(value) / math.log(base)


def _sqrt(value: float) -> float:
    if value < 0:
        raise AnswerError("sqrt_negative")
    return math.sqrt(value)


def _exp(value: float) -> float:
    if value > 230:  # e^230 ≈ 7.7e99: keep within MAX_MAGNITUDE
        raise AnswerError("too_big")
    return math.exp(value)


def _is_plain_fraction(tokens: list[Token]) -> bool:
    kinds = [kind for kind, _, _ in tokens if kind not in ("-", "+", "unit", "end")]
    if kinds == ["vf"]:
        return True
    return kinds == ["num", "/", "num"] and all(
        "." not in text and "," not in text and "e" not in text
        for kind, _, text in tokens
        if kind == "num"
    )


def _literal_digits(tokens: list[Token], percent: bool) -> tuple[int | None, int | None]:
    """(significant digits, decimal places of the value) of an answer that is one decimal
    literal (with sign, %, unit); (None, None) for an expression, which is exact."""
    literal = [text for kind, _, text in tokens if kind == "num"]
    others = [kind for kind, _, _ in tokens if kind not in ("num", "-", "+", "%", "unit", "end")]
    if len(literal) != 1 or others:
        return None, None
    mantissa, _, exponent = literal[0].partition("e")
    digits = mantissa.replace(",", "").replace(".", "").lstrip("0")
    _, mark, fraction_part = mantissa.replace(",", ".").partition(".")
    if not mark:
        fraction_part = ""
    decimals = len(fraction_part) - (int(exponent) if exponent else 0) + (2 if percent else 0)
    return max(1, len(digits)), max(0, decimals)
