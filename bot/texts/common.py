"""Texts shared by every feature. Keys are shared by UK and EN; placeholders in {braces}."""

UK: dict[str, str] = {
    "error.generic": (
        "Ой, у мене щось зламалося 🙈 Твої відповіді збережені. Спробуй ще раз або напиши /help."
    ),
}

EN: dict[str, str] = {
    "error.generic": (
        "Oops, something broke on my side 🙈 Your answers are saved. "
        "Please try again or send /help."
    ),
}
