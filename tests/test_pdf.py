"""Letter PDFs: personalisation, envelope windows, scripts, safety of supporter text, streaming."""
from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from letters.document import ComposedLetter, CoverSheet, Envelope
from letters.pdf import paper_for_country, render_letters_pdf, write_letters_pdf

MM = 72 / 25.4
INCH = 72.0

PRESIDENT = (
    "President of Turkmenistan",
    "Gurbanguly Berdimuhamedov",
    "Permanent Mission of Turkmenistan",
    "866 UN Plaza, Suite 540",
    "New York, NY 10017",
    "USA",
)
EMBASSY = (
    "His Excellency Meret ORAZOV",
    "Embassy of the Republic of Turkmenistan",
    "2207 Massachusetts Avenue NW",
    "Washington, D.C. 20008",
    "USA",
)
DEMANDS = (
    "I urge you to:\n"
    "• Ensure the urgent disclosure of information on the fate and whereabouts of Azat Isakov;\n"
    "• If he is in the custody of Turkmenistani law enforcement, ensure that he is protected from "
    "torture and other ill-treatment and that he has access to his family and any medical care "
    "he might require;\n"
    "• Release Azat Isakov immediately unless there is sufficient credible evidence to charge him "
    "with an internationally recognized criminal offence."
)


def make_letter(**changes: object) -> ComposedLetter:
    letter = ComposedLetter(
        language="en",
        sender_name="Morag Example",
        sender_address=("7 Thistle Lane", "Dundee DD1 4QB", "United Kingdom"),
        recipient_address=PRESIDENT,
        date_text="3 December 2021",
        subject="Azat Isakov (UA 118/21)",
        salutation="Dear President,",
        paragraphs=(
            "I am writing to express my deep concern for Azat Isakov, who has not been heard "
            "from since 20 October.",
            DEMANDS,
        ),
        personal_message="People in Dundee are following his case.",
        closing="Yours sincerely,",
        signature_name="Morag Example",
    )
    return dataclasses.replace(letter, **changes)


def make_cover(**changes: object) -> CoverSheet:
    cover = CoverSheet(
        campaign_title="TURKMENISTAN: Opposition Activist At Risk Of Torture",
        ua_number="UA 118/21",
        deadline_text="15 December 2021",
        envelopes=(
            Envelope("President of Turkmenistan", PRESIDENT),
            Envelope("Ambassador of Turkmenistan", EMBASSY, is_copy=True),
        ),
        postage_advice="A letter to the USA from the UK needs an international stamp.",
        posted_url="https://ua.example.org/posted/5f1c9a",
        posted_code="K7Q-4MX",
        notes=("Write in English or Russian.",),
    )
    return dataclasses.replace(cover, **changes)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_text(pdf: bytes, index: int = 0) -> str:
    return read(pdf).pages[index].extract_text()


def all_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in read(pdf).pages)


def positioned_lines(pdf: bytes, index: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, distance from the page top) of each line drawn on a page, in points."""
    page = read(pdf).pages[index]
    height = float(page.mediabox.height)
    lines: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            lines.append((text.strip(), x, height - y))

    page.extract_text(visitor_text=visit)
    return lines


def line_at(lines: list[tuple[str, float, float]], text: str) -> tuple[float, float]:
    for line, x, from_top in lines:
        if line == text:
            return x, from_top
    raise AssertionError(f"{text!r} not drawn as a line; lines: {[line for line, _, _ in lines]}")


def base_fonts(pdf: bytes, *, embedded_only: bool = False) -> set[str]:
    fonts: set[str] = set()
    for page in read(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            is_embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if is_embedded or not embedded_only:
                fonts.add(str(font["/BaseFont"]))
    return fonts


def test_letter_carries_the_supporter_the_recipient_and_the_appeal() -> None:
    text = page_text(render_letters_pdf([make_letter()]))

    for expected in (
        "Morag Example", "7 Thistle Lane", "Dundee DD1 4QB", "3 December 2021",
        *PRESIDENT, "Azat Isakov (UA 118/21)", "Dear President,",
        "People in Dundee are following his case.", "Yours sincerely,",
    ):
        assert expected in text


def test_demands_are_bullets_with_a_hanging_indent() -> None:
    lines = positioned_lines(render_letters_pdf([make_letter()]))
    # WinAnsi also puts the bullet at 0x7F (PDF 1.7, annex D), which pypdf reads as DEL.
    bullets = [(x, top) for text, x, top in lines if text in ("•", "\x7f")]
    first_item_x, first_item_top = line_at(lines, "If he is in the custody of Turkmenistani law "
                                                  "enforcement, ensure that he is protected from torture")
    continuation_x, continuation_top = line_at(lines, "and other ill-treatment and that he has access to "
                                                      "his family and any medical care he might require;")

    assert len(bullets) == 3
    assert bullets[1][1] == pytest.approx(first_item_top)
    assert bullets[1][0] < first_item_x
    assert continuation_x == pytest.approx(first_item_x)
    assert continuation_top > first_item_top


def test_cover_sheet_comes_first_then_one_page_per_short_letter() -> None:
    letters = [make_letter(sender_name=f"Supporter {n}", signature_name=f"Supporter {n}") for n in range(3)]
    pdf = render_letters_pdf(letters, cover=make_cover())

    assert len(read(pdf).pages) == 4
    cover = page_text(pdf, 0)
    for expected in (
        "Do not post this page", "UA 118/21", "TURKMENISTAN: Opposition Activist At Risk Of Torture",
        "How to send these letters", "Sign each letter", "Fold each letter in three",
        "one envelope per letter",
        "Post this letter to President of Turkmenistan:", "Send a copy to Ambassador of Turkmenistan:",
        *PRESIDENT, *EMBASSY,
        "A letter to the USA from the UK needs an international stamp.", "15 December 2021",
        "https://ua.example.org/posted/5f1c9a", "K7Q-4MX", "Write in English or Russian.",
    ):
        assert expected in cover
    assert "(target)" not in cover and "(copy)" not in cover
    for page in range(1, 4):
        assert f"Supporter {page - 1}" in page_text(pdf, page)


def test_cover_leaves_out_a_deadline_the_campaign_does_not_have() -> None:
    cover = page_text(render_letters_pdf([make_letter()], cover=make_cover(deadline_text="")), 0)

    assert "post them before" not in cover
    assert "K7Q-4MX" in cover


def test_long_letter_runs_on_to_a_numbered_second_page() -> None:
    long_body = tuple(
        f"Paragraph {n}: the authorities of Turkmenistan must disclose where Azat Isakov is held, "
        "allow him to see his family and a lawyer of his choice, and protect him from torture." * 2
        for n in range(14)
    )
    pdf = render_letters_pdf([make_letter(paragraphs=long_body)])

    reader = read(pdf)
    assert len(reader.pages) == 2
    first, second = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "1/2" in first and "2/2" in second
    assert "Dear President," in first
    assert "Yours sincerely," in second and "Morag Example" in second
    for index in range(2):
        body = [top for text, _, top in positioned_lines(pdf, index) if text not in ("1/2", "2/2")]
        assert max(body) <= (297 - 20) * MM, "text must stop at the bottom margin"


def test_short_letter_has_no_page_number() -> None:
    assert "1/1" not in page_text(render_letters_pdf([make_letter()]))


def test_markup_typed_by_a_supporter_prints_literally() -> None:
    typed = '<b>bold</b> <img src="file:///etc/passwd"> <font color=red>x</font> &amp;'
    pdf = render_letters_pdf([make_letter(personal_message=typed, sender_name="<i>Ann</i>")])

    text = page_text(pdf)
    assert "<b>bold</b>" in text
    assert '<img src="file:///etc/passwd">' in text
    assert "<font color=red>x</font>" in text
    assert "&amp;" in text
    assert "<i>Ann</i>" in text
    assert "/XObject" not in read(pdf).pages[0]["/Resources"]


def test_control_characters_are_dropped_not_fatal() -> None:
    message = "Line one\x00\x07\x1b[31m\u200b\ufeff\tend\r\nLine two\ud800"
    pdf = render_letters_pdf([make_letter(personal_message=message, sender_name="Ann\x0cBell")])

    text = page_text(pdf)
    assert "Line one[31m end" in text
    assert "Line two" in text
    assert "Ann Bell" in text
    assert "\x00" not in text and "\x1b" not in text


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=40), message=st.text(max_size=300),
       address=st.lists(st.text(max_size=60), max_size=8))
def test_any_text_a_supporter_types_renders(name: str, message: str, address: list[str]) -> None:
    pdf = render_letters_pdf([make_letter(sender_name=name, personal_message=message,
                                          sender_address=tuple(address))])

    assert "Yours sincerely," in all_text(pdf)


@pytest.mark.parametrize("message", [
    "Türkmen harplary: ň ý ş ž ç ä ö ü, Ň Ý Ş Ž Ç Ä Ö Ü",
    "Мы требуем немедленно освободить Азата Исакова.",
    "Ζητούμε την άμεση απελευθέρωσή του.",
])
def test_non_latin1_scripts_come_out_intact_from_an_embedded_noto_font(message: str) -> None:
    pdf = render_letters_pdf([make_letter(personal_message=message)])

    assert message in page_text(pdf)
    assert any("NotoSerif" in font for font in base_fonts(pdf, embedded_only=True))
    assert "?" not in page_text(pdf)


def test_spanish_needs_no_embedded_font() -> None:
    message = "¿Dónde está Azat? Señor Presidente, exigimos su liberación inmediata."
    pdf = render_letters_pdf([make_letter(personal_message=message, salutation="Señor Presidente:")])

    assert message in page_text(pdf)
    assert "¿Dónde" in page_text(pdf) and "Señor Presidente:" in page_text(pdf)
    assert base_fonts(pdf, embedded_only=True) == set()


def test_english_letter_embeds_no_font() -> None:
    pdf = render_letters_pdf([make_letter()])

    assert base_fonts(pdf) == {"/Times-Roman", "/Times-Bold"}
    assert base_fonts(pdf, embedded_only=True) == set()


def test_arabic_gets_a_face_that_has_its_letters() -> None:
    pdf = render_letters_pdf([make_letter(personal_message="حرية")])

    assert any("NotoSansArabic" in font for font in base_fonts(pdf, embedded_only=True))
    assert "?" not in page_text(pdf)


def test_chinese_in_a_latin_letter_falls_back_to_a_chinese_face() -> None:
    pdf = render_letters_pdf([make_letter(personal_message="自由 Azat")])

    assert "自由 Azat" in page_text(pdf)
    assert any("NotoSansSC" in font for font in base_fonts(pdf, embedded_only=True))


def test_characters_no_font_has_are_left_out_not_printed_as_question_marks() -> None:
    # The write form refuses these (letters.pdf.unprintable); text from elsewhere must not break.
    pdf = render_letters_pdf([make_letter(personal_message="Free him \U0001F600\U000E0100 now")])

    assert "Free him  now" in page_text(pdf)
    assert "?" not in page_text(pdf)


@pytest.mark.parametrize(("paper", "width", "height"), [("A4", 595.27, 841.89), ("LETTER", 612, 792)])
def test_paper_size(paper: str, width: float, height: float) -> None:
    pages = read(render_letters_pdf([make_letter()], paper=paper, cover=make_cover())).pages
    for page in pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)


@pytest.mark.parametrize(("country", "paper"), [
    ("US", "LETTER"), ("ca", "LETTER"), ("MX", "LETTER"), ("GB", "A4"), ("TM", "A4"), ("", "A4"),
])
def test_paper_for_country(country: str, paper: str) -> None:
    assert paper_for_country(country) == paper


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError):
        render_letters_pdf([make_letter()], paper="A5")


def test_no_letters_is_refused() -> None:
    with pytest.raises(ValueError):
        render_letters_pdf([], cover=make_cover())


@pytest.mark.parametrize("personal_message", ["", "Привет из Данди."])  # Times and Noto Serif
def test_recipient_shows_through_a_din_5008_window_on_a4(personal_message: str) -> None:
    lines = positioned_lines(render_letters_pdf([make_letter(personal_message=personal_message)]))

    # DIN 5008 form B address field: 20 mm from the left, 45 mm from the top, 85 x 45 mm.
    for address_line in (PRESIDENT[0], PRESIDENT[-1]):
        x, from_top = line_at(lines, address_line)
        assert 20 * MM <= x <= 105 * MM
        assert 45 * MM <= from_top <= 90 * MM
    sender_x, _ = line_at(lines, "Morag Example")
    assert sender_x > 105 * MM, "the sender block must not show through the window"


def test_recipient_shows_through_a_number_10_window_on_letter() -> None:
    lines = positioned_lines(render_letters_pdf([make_letter()], paper="LETTER"))

    # A tri-folded Letter page in a #10 window envelope shows about 1-4.25 in across, 2-3.2 in down.
    for address_line in (PRESIDENT[0], PRESIDENT[-1]):
        x, from_top = line_at(lines, address_line)
        assert 1 * INCH <= x <= 4.25 * INCH
        assert 2.04 * INCH <= from_top <= 3.17 * INCH


def test_metadata_names_the_campaign_and_no_supporter() -> None:
    metadata = read(render_letters_pdf([make_letter()], cover=make_cover())).metadata

    assert metadata.title == "Letters for UA 118/21"
    assert not any("Morag" in str(value) for value in metadata.values())


def test_rendered_page_is_not_blank(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm (poppler-utils) is required in CI")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "letter.pdf"
    source.write_bytes(render_letters_pdf([make_letter(personal_message="Привет, ň ş")]))

    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(source),
                    str(tmp_path / "page")], check=True)

    width, height, pixels = read_pgm(next(tmp_path.glob("page*.pgm")).read_bytes())
    dark = sum(1 for value in pixels if value < 128)
    assert (width, height) == (331, 468)  # A4 at 40 dpi
    assert 0.005 < dark / len(pixels) < 0.2


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and 8-bit pixels of a binary (P5) PGM, as pdftoppm -gray writes it."""
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    magic, width, height, maxval = fields
    assert magic == b"P5" and maxval == b"255"
    pixels = data[position + 1:]
    assert len(pixels) == int(width) * int(height)
    return int(width), int(height), pixels


def test_a_thousand_letters_stream_into_one_document(tmp_path: Path) -> None:
    alive: list[weakref.ref[ComposedLetter]] = []
    most_alive = 0

    def letters() -> Iterator[ComposedLetter]:
        nonlocal most_alive
        for n in range(1000):
            most_alive = max(most_alive, sum(1 for ref in alive if ref() is not None))
            letter = make_letter(sender_name=f"Supporter {n}", signature_name=f"Supporter {n}")
            alive.append(weakref.ref(letter))
            yield letter

    target = tmp_path / "evening.pdf"
    with target.open("wb") as out:
        write_letters_pdf(out, letters(), cover=make_cover())

    reader = PdfReader(target)
    assert len(reader.pages) == 1001
    assert "Supporter 999" in reader.pages[1000].extract_text()
    assert most_alive <= 2, "letters already drawn must not be kept"
