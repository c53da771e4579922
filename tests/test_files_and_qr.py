"""Files a teacher downloads have real names and extensions (`8-A_2026-11-29.csv`, ASCII,
with the class name transliterated), the QR picture for the classroom screen carries the class
name and code, and the terminal demo saves files under the names the bot gave them."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest
import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from bot.features.teacher.charts import QR_BOX, qr_texts
from bot.render.filenames import file_name, transliterate
from tests.conftest import MakeHarness
from tests.fakes import BotHarness
from tests.fakes.harness import BOT_USERNAME
from tests.test_cli import run_cli
from tests.test_teacher import MovableClock, create_class


@pytest.mark.parametrize(
    ("parts", "day", "extension", "expected"),
    [
        (("8-А",), date(2026, 11, 29), "csv", "8-A_2026-11-29.csv"),
        (("8-Б <фізмат>",), date(2026, 11, 29), "png", "8-B-fizmat_2026-11-29.png"),
        (("Їжачки", "entropy"), date(2027, 1, 5), "pdf", "Yizhachky_entropy_2027-01-05.pdf"),
        (("Щасливі п'ятикласники",), None, "csv", "Shchaslyvi-piatyklasnyky.csv"),
        (("7/В: «Ґава»",), None, "png", "7-V-Gava.png"),
        (("🎲🎲", "QR"), None, "png", "class_QR.png"),
        (("Year 8 (sets 1+2)",), date(2026, 1, 2), "csv", "Year-8-sets-1-2_2026-01-02.csv"),
        (("x" * 300,), None, "pdf", "x" * 40 + ".pdf"),
    ],
)
def test_file_names_are_ascii_with_the_class_name_and_a_real_extension(
    parts: tuple[str, ...], day: date | None, extension: str, expected: str
) -> None:
    assert file_name(*parts, day=day, extension=extension) == expected


def test_ukrainian_letters_follow_the_national_romanisation() -> None:
    assert transliterate("Юрій Єременко") == "Yurii Yeremenko"
    assert transliterate("Згорани Розгон Щербухи") == "Zghorany Rozghon Shcherbukhy"
    assert transliterate("Знам'янка Ґалаґан") == "Znamianka Galagan"


def dark_rows(image: Image.Image) -> np.ndarray:
    pixels = np.asarray(image.convert("L"))
    return np.flatnonzero((pixels < 128).any(axis=1))


async def test_the_qr_picture_shows_the_class_name_and_code_around_an_intact_code(
    harness: BotHarness,
) -> None:
    teacher = harness.teacher()
    code = await create_class(teacher, "8-Б <фізмат>")
    photo = teacher.last
    assert photo.kind == "photo" and photo.filename == "8-B-fizmat_QR.png"
    assert qr_texts("8-Б <фізмат> 🎲", code, "uk") == (
        "8-Б <фізмат>",
        f"Код: {code}",
        f"Наведи камеру або надішли боту /join {code}",
    )
    # The QR code of the join link is drawn whole, centred, with text above and below it.
    link = f"https://t.me/{BOT_USERNAME}?start=c_{code}"
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=QR_BOX, border=2)
    qr.add_data(link)
    qr.make(fit=True)
    matrix = qr.make_image().get_image().convert("L")
    with Image.open(io.BytesIO(photo.file_bytes or b"")) as picture:
        grey = picture.convert("L")
    left = (grey.width - matrix.width) // 2
    found = [
        top
        for top in range(grey.height - matrix.height)
        if np.array_equal(
            np.asarray(grey.crop((left, top, left + matrix.width, top + matrix.height))) < 128,
            np.asarray(matrix) < 128,
        )
    ]
    assert len(found) == 1
    top, bottom = found[0], found[0] + matrix.height
    rows = dark_rows(grey)
    assert (rows < top).any(), "the class name is drawn above the code"
    assert (rows > bottom).sum() > 60, "the class code and the join line are drawn below"


async def test_the_class_report_files_are_named_after_the_class_and_the_day(
    make_harness: MakeHarness,
) -> None:
    clock = MovableClock(datetime(2026, 11, 29, 9, 0, tzinfo=UTC))
    async with make_harness(clock=clock) as h:
        teacher = h.teacher()
        code = await create_class(teacher, "8-А")
        student = h.user(5001, "Оля", language_code="uk")
        await student.say(f"/join {code}")
        await student.say("/quiz entropy")
        await student.say("1")
        replies = await teacher.say(f"/class {code}")
        names = [message.filename for message in replies if message.kind != "text"]
        assert names == ["8-A_2026-11-29.png", "8-A_2026-11-29.csv"]


def test_the_demo_saves_files_under_their_own_names(tmp_path: Path) -> None:
    out = tmp_path / "files"
    result = run_cli(
        tmp_path, "demo", "--teacher", "--out", str(out), stdin="/newclass 8-А\n:quit\n"
    )
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == ["8-A_QR.png"]
    assert f"🖼 {out / '8-A_QR.png'}" in result.stdout
