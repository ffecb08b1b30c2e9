"""Every script a supporter may type prints right: the right glyphs, in order, joined, legible.

Each sample letter carries a supporter's name, address and message in one script, in a letter
of that script's language. What is checked, and how:
- every character code drawn maps to a real glyph of its embedded font subset (never .notdef,
  the empty box), read from the PDF with fontTools;
- each line drawn puts ink on the page (pdftoppm renders it; the pixel rows of each baseline
  are not blank);
- the text the PDF declares equals what was typed. Lines drawn glyph for glyph are read back
  with pypdf; lines whose drawing differs from the typed text (right-to-left, joined or
  reordered scripts) carry it as ActualText, which is read from the content stream. Both sides
  are compared after NFKC normalisation, which folds Arabic presentation forms back into
  letters, and with white space removed, since lines break where they must;
- right-to-left text is drawn in visual order, with Latin names and digits inside it left to
  right, and right-to-left paragraphs end flush right.
"""
from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from formatting import long_date
from letters.pdf import render_letters_pdf, unprintable
from letters.pdf.fonts import style_for
from letters.pdf.layout import lay_out_letter
from letters.pdf.papers import PAPERS
from letters.pdf.shaping import set_line
from tests.test_pdf import make_letter, positioned_lines, read_pgm

# (language, name, address lines, personal message): ordinary, polite words in each script.
SAMPLES = {
    "latin": ("en", "Nguyễn Thị Ánh Tuyết", ("Łąkowa 7", "Ærøskøbing", "Đà Nẵng"),
              "Chúng tôi rất lo lắng cho ông ấy. Ğüzel ş ç ő ű ė ų ș ț ŷ ẞ."),
    "cyrillic": ("ru", "Мария Иванова", ("ул. Садовая, д. 5", "Екатеринбург 620014"),
                 "Пожалуйста, сообщите семье, где находится Азат Исаков."),
    "greek": ("el", "Ελένη Παπαδοπούλου", ("Οδός Αθηνάς 12", "Θεσσαλονίκη 54622"),
              "Σας παρακαλώ να ενημερώσετε την οικογένειά του για την τύχη του."),
    "arabic": ("ar", "فاطمة الزهراء", ("شارع النيل 14", "القاهرة 11511"),
               "أرجو منكم الكشف عن مكان Azat Isakov منذ 20 أكتوبر 2021، وضمان سلامته."),
    "persian": ("fa", "مریم احمدی", ("خیابان آزادی ۱۲", "تهران"),
                "ما می‌خواهیم که خانواده‌اش از سرنوشت او آگاه شوند."),
    "hebrew": ("he", "רות כהן", ("רחוב הרצל 10", "תל אביב 6100000"),
               "אני מבקשת בכבוד לשחרר את Azat Isakov ולהבטיח את שלומו."),
    "chinese": ("zh", "王小明", ("北京市朝阳区建国路88号",),
                "我们恳请您尽快告知他的家人他的下落，并确保他的安全。"),
    "chinese-traditional": ("zh", "陳美玲", ("臺北市大安區和平東路一段162號",),
                            "我們懇請您儘快告知他的家人他的下落，並確保他的安全。"),
    "japanese": ("ja", "山田花子", ("東京都千代田区丸の内1-1",),
                 "彼のご家族に所在をお知らせくださいますよう、心からお願い申し上げます。"),
    "korean": ("ko", "김민지", ("서울특별시 종로구 세종대로 175",),
               "그의 가족에게 그의 행방을 알려 주시기를 정중히 부탁드립니다."),
    "devanagari": ("hi", "प्रिया शर्मा", ("क्षेत्र संख्या 12", "नई दिल्ली 110001"),
                   "कृपया उनके परिवार को उनकी स्थिति की जानकारी दें और उनकी सुरक्षा सुनिश्चित करें।"),
    "thai": ("th", "สมชาย ใจดี", ("ถนนสุขุมวิท 21", "กรุงเทพมหานคร 10110"),
             "ขอความกรุณาแจ้งให้ครอบครัวของเขาทราบถึงที่อยู่และความปลอดภัยของเขา"),
}


def _letter(sample: str):
    language, name, address, message = SAMPLES[sample]
    return make_letter(language=language, sender_name=name, signature_name=name,
                       sender_address=address, personal_message=message)


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _string_bytes(operand: object) -> bytes:
    original = getattr(operand, "original_bytes", None)
    return original if original is not None else bytes(operand)  # type: ignore[call-overload]


def _shown(page) -> tuple[dict[str, set[int]], list[str]]:
    """Codes drawn per font resource, and the ActualText of every marked span, in order."""
    content = ContentStream(page.get_contents(), page.pdf)
    codes: dict[str, set[int]] = {}
    actual: list[str] = []
    font = None
    for operands, operator in content.operations:
        if operator == b"Tf":
            font = str(operands[0])
        elif operator in (b"Tj", b"TJ"):
            strings = operands[0] if operator == b"TJ" else [operands[0]]
            for string in strings:
                if not isinstance(string, (int, float)) and hasattr(string, "__len__"):
                    codes.setdefault(font, set()).update(_string_bytes(string))
        elif operator == b"BDC" and len(operands) > 1 and "/ActualText" in operands[1]:
            actual.append(str(operands[1]["/ActualText"]))
    return codes, actual


def _declared_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    parts = []
    for page in reader.pages:
        parts.append(page.extract_text())
        parts.extend(_shown(page)[1])
    return "\n".join(parts)


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_code_drawn_has_a_real_glyph(sample: str) -> None:
    reader = PdfReader(io.BytesIO(render_letters_pdf([_letter(sample)])))
    checked = 0
    for page in reader.pages:
        codes, _ = _shown(page)
        fonts = page["/Resources"]["/Font"]
        for resource, used in codes.items():
            font = fonts[resource].get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                continue  # a standard PDF font: WinAnsi text, every code has its glyph
            data = descriptor.get_object()["/FontFile2"].get_object().get_data()
            subset = TTFont(io.BytesIO(data))
            cmap = subset["cmap"].getcmap(1, 0) or subset["cmap"].tables[0]
            for code in used:
                glyph = cmap.cmap.get(code)
                assert glyph is not None and subset.getGlyphID(glyph) != 0, (
                    f"{sample}: code {code} of {font['/BaseFont']} draws the empty box")
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_text_the_pdf_declares_is_what_was_typed(sample: str) -> None:
    language, name, address, message = SAMPLES[sample]
    pdf = render_letters_pdf([_letter(sample)])

    declared = _fold(_declared_text(pdf))
    for typed in (name, *address, message):
        assert _fold(typed) in declared, typed
    assert "?" not in declared and "\ufffd" not in declared
    assert not re.search("[\ue000-\uf8ff]", "".join(_shown(PdfReader(io.BytesIO(pdf)).pages[0])[1]))


ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "scripts"


def _need_pdftoppm() -> None:
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm (poppler-utils) is required in CI")
        pytest.skip("pdftoppm (poppler-utils) is not installed")


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_each_line_puts_ink_on_the_page(sample: str, tmp_path: Path) -> None:
    _need_pdftoppm()
    pdf = render_letters_pdf([_letter(sample)])
    source = tmp_path / "letter.pdf"
    source.write_bytes(pdf)
    dpi = 72
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(source),
                    str(tmp_path / "page")], check=True)
    width, height, pixels = read_pgm(next(tmp_path.glob("page*.pgm")).read_bytes())
    # Kept for a person to look at, like the browser tests' screenshots.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(ARTIFACTS / sample)], check=True)

    baselines = sorted({round(top) for _, _, top in positioned_lines(pdf)})
    assert len(baselines) >= 15
    for top in baselines:
        rows = range(max(0, top - 7), min(height, top + 1))
        dark = sum(1 for row in rows for value in pixels[row * width:(row + 1) * width] if value < 128)
        assert dark > 3, f"{sample}: nothing drawn on the line {top} pt from the top"


def test_right_to_left_lines_are_drawn_in_visual_order() -> None:
    style = style_for("שלום עולם", "he")
    hebrew = set_line("שלום עולם", style, rtl=True)
    # Drawn left to right: the last word first, each word's letters from its last one.
    assert "".join(str(piece.text) for piece in hebrew.pieces) == "םלוע םולש"
    assert hebrew.actual_text == "שלום עולם"

    style = style_for("نحن ندعم Azat Isakov منذ 2021", "ar")
    mixed = set_line("نحن ندعم Azat Isakov منذ 2021", style, rtl=True)
    drawn = [str(piece.text) for piece in mixed.pieces]
    latin = next(index for index, text in enumerate(drawn) if "Azat Isakov" in text)
    digits = next(index for index, text in enumerate(drawn) if "2021" in text)
    assert digits < latin < len(drawn) - 1, drawn  # the number left of the name, the first words right
    assert "Isakov Azat" not in "".join(drawn)


def test_arabic_is_joined_and_ends_flush_right(tmp_path: Path) -> None:
    style = style_for("حرية", "ar")
    joined = set_line("حرية", style, rtl=True)
    isolated = sum(style.regular.measure(char) for char in "حرية")
    # Joined forms are narrower than the letters set apart, and are not the typed code points.
    assert joined.width < isolated
    assert "".join(str(piece.text) for piece in joined.pieces) != "حرية"[::-1]

    # The closing of an Arabic letter, and the message, end at the right margin.
    paper = PAPERS["A4"]
    closing = "وتفضلوا بقبول فائق الاحترام والتقدير،"
    letter = dataclasses.replace(_letter("arabic"), closing=closing)
    ops = [op for page in lay_out_letter(letter, paper) for op in page]
    right = paper.width - paper.right
    for typed in (closing, SAMPLES["arabic"][3]):
        line = next(op for op in ops if op.line.actual_text and typed.startswith(op.line.actual_text))
        assert line.line.is_rtl
        assert line.x + line.line.width * line.size == pytest.approx(right, abs=0.01)


def test_a_chinese_letter_writes_its_date_in_chinese_and_stays_small() -> None:
    # The date as compose writes it for a Chinese letter (formatting.long_date, Babel's zh).
    written = long_date(date(2026, 12, 4), "zh")
    assert written == "2026年12月4日"
    pdf = render_letters_pdf([make_letter(language="zh", date_text=written,
                                          personal_message=SAMPLES["chinese"][3])])

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "2026年12月4日" in text
    assert "?" not in text
    assert len(pdf) < 60_000, "only the glyphs used are embedded"


# An organisation's name too long for one line of the window, in an address of 7 lines (A4's
# window holds them at 10 pt and more) and of 6 (the #10 window is an inch high).
LONG_ADDRESSES = {
    "A4": ("President of Turkmenistan", "Gurbanguly Berdimuhamedov",
           "Permanent Mission of Turkmenistan to the United Nations", "866 UN Plaza, Suite 540",
           "New York, NY 10017", "USA"),
    "LETTER": ("President of Turkmenistan",
               "Permanent Mission of Turkmenistan to the United Nations Headquarters",
               "866 UN Plaza, Suite 540", "New York, NY 10017", "USA"),
}


def _address_sizes(pdf: bytes) -> list[tuple[str, float, float, float]]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    height = float(page.mediabox.height)
    found: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, height - y, size * tm[0]))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("paper", ["A4", "LETTER"])
def test_the_window_address_is_readable_and_wraps_evenly(paper: str) -> None:
    organisation = LONG_ADDRESSES[paper][1 if paper == "LETTER" else 2]
    pdf = render_letters_pdf([make_letter(recipient_address=LONG_ADDRESSES[paper])], paper=paper)
    lines = _address_sizes(pdf)
    window = PAPERS[paper]

    address = [line for line in lines if window.window_left <= line[1] < window.window_left + window.window_width
               and line[2] < window.window_top + window.window_height + 20]
    texts = [text for text, _, _, _ in address]
    assert organisation not in texts
    start = next(index for index, text in enumerate(texts) if text.startswith("Permanent Mission"))
    wrapped = texts[start:start + 2]
    # Two even lines, not a last word on its own.
    assert " ".join(wrapped) == organisation
    assert all(len(part.split()) >= 3 for part in wrapped), wrapped
    for text, x, from_top, size in address:
        assert size >= 10, f"{text!r} is set at {size} pt"
        assert window.window_top + size * 0.7 <= from_top <= window.window_top + window.window_height, text
        assert x >= window.window_left
    assert "USA" in texts


def test_the_write_form_refuses_what_no_font_prints(client, demo) -> None:
    from tests.test_hostile_input import WRITE, _valid

    data = _valid(demo, client)
    data["personal_message"] = "Free him now \U0001F600"
    response = client.post(WRITE, data=data)
    assert response.status_code == 400
    assert "We cannot print these characters in a letter" in response.get_data(as_text=True)

    data = _valid(demo, client)
    data["personal_message"] = SAMPLES["devanagari"][3] + " " + SAMPLES["korean"][3]
    assert client.post(WRITE, data=data).status_code == 303


def test_unprintable_names_only_what_no_font_has() -> None:
    every_sample = " ".join(part for sample in SAMPLES.values() for part in (sample[1], *sample[2], sample[3]))
    assert unprintable(every_sample) == []
    assert unprintable("ok \U0001F600 \U00013000") == ["\U0001F600", "\U00013000"]


def test_every_letter_language_has_faces_for_its_script_and_prints_its_own_words() -> None:
    from letters.languages import LANGUAGES
    from letters.pdf.fonts import SCRIPT_FONTS

    for language in LANGUAGES.values():
        assert language.script in SCRIPT_FONTS, f"{language.code}: add a row for {language.script} in fonts.py"
        assert unprintable(language.closing + language.salutation) == [], language.code
        pdf = render_letters_pdf([make_letter(language=language.code, closing=language.closing,
                                              salutation=language.salutation)])
        declared = _fold(_declared_text(pdf))
        assert _fold(language.closing) in declared and _fold(language.salutation) in declared, language.code


def test_the_cover_sheet_says_plainly_where_each_letter_goes(client, demo) -> None:
    from tests.test_hostile_input import WRITE, _valid

    response = client.post(WRITE, data=_valid(demo, client))
    assert response.status_code == 303
    pdf = client.get(response.headers["Location"] + "/letters.pdf").data
    cover = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    primary = next(target for target in demo.targets if target.kind.value == "primary")
    copy = next(target for target in demo.targets if target.kind.value != "primary")
    assert f"Post this letter to {primary.label}:" in " ".join(cover.split())
    assert f"Send a copy to {copy.label}:" in " ".join(cover.split())
    assert "(target)" not in cover and "(copy)" not in cover


def test_the_cover_sheet_speaks_the_supporters_language_to_its_last_line(client, demo) -> None:
    """The postage advice, the countries it names and the deadline are in the page's language too."""
    from tests.test_hostile_input import WRITE, _valid

    client.set_cookie("ui_lang", "es")
    response = client.post(WRITE, data=_valid(demo, client))
    assert response.status_code == 303
    pdf = client.get(response.headers["Location"] + "/letters.pdf").data
    cover = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())

    assert "Estas cartas van al extranjero (Estados Unidos)" in cover
    assert long_date(demo.deadline, "es") in cover
    assert "abroad" not in cover and long_date(demo.deadline, "en") not in cover


def test_a_font_whose_default_is_thin_is_cut_at_regular_weight(tmp_path: Path, monkeypatch) -> None:
    from letters.pdf.fonts import font_path

    monkeypatch.setenv("UADESK_FONT_CACHE", str(tmp_path))
    stale = tmp_path / "NotoSansHebrew-Regular-000000000000.ttf"
    stale.write_bytes(b"cut by an older version")

    cut = TTFont(str(font_path("NotoSansHebrew")))

    assert "fvar" not in cut, "a static font: its outlines are the Regular ones"
    assert cut["OS/2"].usWeightClass == 400
    assert cut["name"].getDebugName(6) == "NotoSansHebrew-Regular"
    assert not stale.exists()
    assert font_path("NotoSansHebrew").parent == tmp_path  # made once, then read from the cache


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_long_messages_wrap_inside_the_margins(sample: str) -> None:
    # Chinese, Japanese and Thai have no spaces between words: lines break between characters.
    letter = dataclasses.replace(_letter(sample), personal_message=" ".join([SAMPLES[sample][3]] * 2) * 3)
    paper = PAPERS["A4"]
    pages = lay_out_letter(letter, paper)
    body = [op for page in pages for op in page if op.y < paper.height - paper.body_top]
    assert len(body) > 12
    for op in body:
        assert op.x >= paper.left - 0.01, op.line.actual_text
        assert op.x + op.line.width * op.size <= paper.width - paper.right + 0.01, op.line.actual_text


def _font_files(pdf: bytes) -> dict[str, bytes]:
    """Each embedded subset's font program, by its name (the subset's tag and the font)."""
    files = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                files[str(font["/BaseFont"])] = descriptor.get_object()["/FontFile2"].get_object().get_data()
    return files


def test_supporters_of_one_campaign_share_its_subsets_and_keep_their_own_words() -> None:
    """The campaign's characters are embedded the same way for every supporter (built once and
    reused), the supporter's in a subset of their own; each letter still says what was typed."""
    body = ("我们写信是为了一位被任意拘留的记者。他因报道地方政府的腐败而被捕，至今没有见到律师，"
            "家人也不知道他被关押在哪里。我们恳请您立即公开他的下落，保证他不受酷刑，并无条件释放他。")
    letters = [make_letter(language="zh", sender_name=name, signature_name=name, sender_address=(address,),
                           salutation="尊敬的部长：", closing="此致敬礼", subject="关于一名记者的紧急呼吁",
                           paragraphs=(body,), personal_message=message)
               for name, address, message in (("王小明", "北京市朝阳区建国路88号", "请尽快释放他。"),
                                              ("陈美玲", "上海市徐汇区衡山路12号", "我们每天都在想念他。"))]
    first, second = (render_letters_pdf([letter]) for letter in letters)
    first_files, second_files = _font_files(first), _font_files(second)

    shared = {name for name in first_files if first_files[name] == second_files.get(name)}
    assert shared, "the campaign's subsets are the same for both supporters"
    assert first_files.keys() - shared and second_files.keys() - shared, "each supporter has a subset of their own"
    for letter, pdf in zip(letters, (first, second), strict=True):
        declared = _fold(_declared_text(pdf))
        for typed in (letter.sender_name, *letter.sender_address, letter.personal_message, body):
            assert _fold(typed) in declared
