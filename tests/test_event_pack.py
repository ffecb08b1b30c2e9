"""An event's print pack, read back as a printer and a reader would: pages rendered to images
(labels inside their cells, the QR code decoding to the event's link) and their text (a letter to
each official with its own salutation, no writer's data unless pasted, and pasted names kept nowhere).
"""
from __future__ import annotations

import io
import logging
import subprocess
from datetime import date

import pypdf
import zxingcpp
import pytest
from flask_babel import force_locale
from PIL import Image
from reportlab.lib.units import mm
from sqlalchemy import select

from events import pack, services
from events.pack import LABEL_SHEETS
from letters.pdf.papers import PAPERS
from extensions import db
from models import Event, Group
from organisers.audit import COMMAND_LINE
from tests.helpers import audit_actions

ATTENDEES = "Jane Roe, 12 High Street, Leeds LS1 1AA, United Kingdom\n\nOmar Quill; 3 Mill Lane; York YO1 7HH\n"


def _event(demo, *, writers=3, language="en", phones=True, group=None) -> Event:
    data = services.EventData(title="Write for Rights evening", held_on=date(2026, 12, 10), expected_writers=writers,
                              cases=[services.CaseChoice(demo.id, language)], place="Central Library",
                              phones_welcome=phones)
    event = services.create_event(data, group=group, actor=COMMAND_LINE)
    db.session.commit()
    return event


def _pdf(event, **options) -> bytes:
    out = io.BytesIO()
    pack.write_pack(out, event, **options)
    return out.getvalue()


def _texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _image(pdf: bytes, page: int, dpi: int = 72) -> Image.Image:
    """One page as a greyscale image, drawn by poppler as a printer driver would."""
    png = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray", "-png", "-"],
                         input=pdf, capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def _letter_pages(texts: list[str]) -> list[str]:
    return [page for page in texts if "(UA 118/21)" in page]


def test_the_pack_holds_n_letters_to_each_official_with_that_officials_salutation(app, demo):
    event = _event(demo, writers=3)
    letters = _letter_pages(_texts(_pdf(event)))
    assert len(letters) == 3 * len(demo.ordered_targets) == 6
    assert sum("Dear President," in page for page in letters) == 3
    assert sum("Dear Ambassador," in page for page in letters) == 3
    assert not any("Dear President," in page and "Dear Ambassador," in page for page in letters)


def test_a_case_in_russian_has_wholly_russian_letters(app, demo):
    letters = _letter_pages(_texts(_pdf(_event(demo, writers=2, language="ru"))))
    assert sum("Уважаемый господин Президент!" in page for page in letters) == 2
    assert sum("Уважаемый господин Посол!" in page for page in letters) == 2
    assert not any("Dear " in page or "Yours sincerely" in page for page in letters)


def test_without_pasted_attendees_the_letters_carry_lines_to_fill_in_and_no_ones_data(app, demo):
    texts = _texts(_pdf(_event(demo, writers=2)))
    for page in _letter_pages(texts):
        before_the_date = page.split("10 December 2026")[0]
        # The writer's block is blank lines only; the signature has its line too.
        assert set(before_the_date.split()) <= {"_" * 28}
        assert page.count("_" * 28) >= 4
        assert set(page.split("Yours sincerely,")[1].split()) == {"_" * 28}
    assert "@" not in "".join(texts)  # no one's email address either


def test_pasted_attendees_are_printed_on_their_letters_and_kept_nowhere(org_client, demo, caplog):
    event = _event(demo, writers=3)
    caplog.set_level(logging.DEBUG)
    # Read whole inside the request (buffered), as a server hands the body on in the request's own thread.
    response = org_client.post(f"/organisers/events/{event.id}/pack", data={"paper": "A4", "attendees": ATTENDEES},
                               buffered=True)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response.headers["Cache-Control"]
    letters = _letter_pages(_texts(response.data))
    # Each official gets a letter from each attendee; the third expected writer's are blank.
    assert sum("Jane Roe" in page and "12 High Street" in page for page in letters) == 2
    assert sum("Omar Quill" in page and "York YO1 7HH" in page for page in letters) == 2
    assert sum("Jane Roe" not in page and "Omar Quill" not in page for page in letters) == 2

    # Not in any table of the database, not in the audit's words, not in a log line.
    db.session.expire_all()
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)).all():
            assert "Jane Roe" not in repr(row) and "Omar" not in repr(row) and "High Street" not in repr(row), table
    assert "event.pack_printed" in audit_actions()
    assert "Jane" not in caplog.text and "High Street" not in caplog.text


@pytest.mark.parametrize(("country", "paper"), [("GB", "A4"), ("US", "LETTER")])
def test_every_label_stays_inside_its_cell(app, demo, country, paper):
    """Ink on the label sheet is only inside the labels (less a hair for the die cut), or in the
    sheet's top margin, where the test-print note goes, or its bottom margin, which names the sheet;
    and each letter has its label."""
    group = Group(name=f"Group in {country}", country=country)
    db.session.add(group)
    db.session.flush()
    event = _event(demo, writers=12, group=group)
    pdf = _pdf(event)
    sheet = LABEL_SHEETS[paper]
    assert pack.default_paper(event) == paper
    image = _image(pdf, 2)
    width, height = image.size
    pixels = image.load()
    page_height = height  # 72 dpi: a pixel is a point
    cells = [sheet.cell(index, page_height) for index in range(sheet.per_sheet)]
    inked_cells = set()
    bottom_margin = sheet.bottom_margin(page_height)
    assert bottom_margin > 30  # room below the labels for the sheet's name (A4: 15.15 mm, Letter: ½ in)
    for y in range(int(sheet.top) - 1, height - int(bottom_margin) + 1):
        for x in range(width):
            if pixels[x, y] >= 160:
                continue
            point_y = page_height - y
            inside = [index for index, (left, bottom, right, top) in enumerate(cells)
                      if left + 1 <= x <= right - 1 and bottom + 1 <= point_y <= top - 1]
            assert inside, f"ink at ({x}, {y}) pt outside every label on the {paper} sheet"
            inked_cells.add(inside[0])
    assert inked_cells == set(range(min(24, sheet.per_sheet)))  # 12 writers × 2 officials
    assert "TEST PRINT" in _texts(pdf)[1]
    # The bottom margin holds the sheet's name, and ink there stays inside the margin.
    margin_ink = [y for y in range(height - int(bottom_margin) + 1, height)
                  if any(pixels[x, y] < 160 for x in range(width))]
    assert margin_ink and min(margin_ink) > height - bottom_margin + 2 and max(margin_ink) < height - 2


@pytest.mark.parametrize(("country", "paper", "named"), [
    ("GB", "A4", "Avery L7160 / 3 × 7, 63.5 × 38.1 mm"), ("US", "LETTER", "Avery 5160 / 3 × 10, 2⅝ × 1 in")])
def test_the_label_sheet_names_the_product_it_fits(app, demo, org_client, country, paper, named):
    group = Group(name=f"Group in {country}", country=country)
    db.session.add(group)
    db.session.flush()
    event = _event(demo, writers=1, group=group)
    assert LABEL_SHEETS[paper].name == named
    texts = [text.replace("\xa0", " ") for text in _texts(_pdf(event))]  # the name is kept on one line
    assert f"Print on label sheets {named}, or any sheet of the same layout." in texts[1].replace("\n", " ")
    assert named in texts[0].replace("\n", " ")  # the first page says which pages go on which sheets
    form = org_client.get(f"/organisers/events/{event.id}/pack").get_data(as_text=True)
    assert named in form and "any sheet of the same layout fits" in form


def test_labels_are_a_test_print_only_while_the_case_is_in_test_mode(app, demo):
    event = _event(demo, writers=1)
    assert "TEST PRINT – DO NOT POST" in _texts(_pdf(event))[1]
    demo.is_test_mode = False
    db.session.commit()
    texts = _texts(_pdf(event))
    assert "TEST PRINT" not in texts[1] and "Berdimuhamedov" in texts[1]


def test_the_qr_code_opens_the_cases_form_tagged_with_the_event(app, demo):
    event = _event(demo, writers=1)
    pdf = _pdf(event)
    texts = _texts(pdf)
    summary = next(number for number, page in enumerate(texts, 1) if "What to ask" in page)
    url = f"{app.config['BASE_URL']}/campaigns/{demo.slug}/write?event={event.code}"
    assert url in texts[summary - 1].replace("\n", "")
    found = zxingcpp.read_barcodes(_image(pdf, summary, dpi=150))
    assert [result.text for result in found] == [url]


def test_no_qr_code_when_phones_are_not_welcome(app, demo):
    texts = _texts(_pdf(_event(demo, writers=1, phones=False)))
    assert "/write?event=" not in "".join(texts)


def test_the_pack_is_written_out_as_it_is_drawn(app, demo):
    event = _event(demo, writers=10)
    chunks = list(pack.pack_chunks(event))
    assert chunks[0].startswith(b"%PDF-")
    # A piece per finished page or sheet, not one file at the end.
    assert len([chunk for chunk in chunks if chunk]) > 20
    reader = pypdf.PdfReader(io.BytesIO(b"".join(chunks)), strict=True)
    assert len(reader.pages) == pack.pack_size(event).pages
    assert reader.metadata.title == "Print pack: Write for Rights evening"


def test_the_event_page_offers_the_pack_with_its_size_and_refuses_too_long_a_list(org_client, demo):
    event = _event(demo, writers=40)
    assert f"/organisers/events/{event.id}/pack" in org_client.get(f"/organisers/events/{event.id}").get_data(
        as_text=True)
    page = org_client.get(f"/organisers/events/{event.id}/pack")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<dd>80</dd>" in html and "js/pack.js" in html
    assert 'checked id="paper-0" name="paper" type="radio" value="A4"' in html  # no group: A4
    too_many = "\n".join(f"Writer {number}" for number in range(501))
    refused = org_client.post(f"/organisers/events/{event.id}/pack", data={"paper": "A4", "attendees": too_many})
    assert refused.status_code == 400 and "at most 500 attendees" in refused.get_data(as_text=True)
    assert org_client.get("/organisers/events/999999/pack").status_code == 404


def test_events_pack_on_the_command_line_writes_the_pdf(app, demo, tmp_path):
    event = _event(demo, writers=2)
    target = tmp_path / "pack.pdf"
    result = app.test_cli_runner().invoke(args=["events", "pack", str(event.id), "-o", str(target),
                                                "--paper", "letter"])
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(target)
    assert [round(value) for value in reader.pages[0].mediabox[2:]] == [612, 792]
    assert len(_letter_pages([page.extract_text() for page in reader.pages])) == 4
    missing = app.test_cli_runner().invoke(args=["events", "pack", "999999", "-o", str(tmp_path / "x.pdf")])
    assert missing.exit_code != 0 and "no event has the id 999999" in missing.output


def test_attendee_lines_read_as_a_name_then_address_parts():
    assert pack.read_attendees(" Ana  Pérez ,Calle Mayor 5;28013 Madrid\tSpain \n\n") == [
        pack.Attendee("Ana  Pérez", ("Calle Mayor 5", "28013 Madrid", "Spain"))]
    assert pack.read_attendees("") == []


def test_solidarity_cards_greet_the_person_in_their_language_and_the_summary_says_where_they_go(app, demo):
    demo.solidarity_address = "Family of Azat Isakov\nc/o Example Section, 1 Rue Exemple\n1000 Bruxelles"
    demo.solidarity_language = "ru"
    db.session.commit()
    event = _event(demo, writers=6)
    pdf = _pdf(event)
    texts = _texts(pdf)
    greeting = "Мы помним о вас"
    cards = [number for number, text in enumerate(texts) if greeting in text]
    # Six writers, four cards a page: two pages, after the case's letters, the greeting on every card.
    assert len(cards) == 2 and cards[0] > max(n for n, t in enumerate(texts) if "(UA 118/21)" in t)
    assert texts[cards[0]].count(greeting) == 4
    # A card speaks the person's language alone: nothing of the English letter or the sheet's words.
    assert not any(word in texts[cards[0]] for word in ("Dear", "Yours", "UA 118/21", "Solidarity"))
    summary = next(text for text in texts if "For the table" in text)
    assert "Solidarity cards" in summary and "1000 Bruxelles" in summary
    assert pack.pack_size(event).pages == len(texts)
    # Cut lines halve the page both ways: grey dashes through its middle.
    image = _image(pdf, cards[0] + 1)
    middle = [min(image.getpixel((x, y)) for x in range(image.width // 2 - 2, image.width // 2 + 2))
              for y in range(image.height)]
    assert sum(1 for value in middle if value < 230) > image.height // 4


def test_no_solidarity_address_no_cards(app, demo):
    texts = _texts(_pdf(_event(demo, writers=4)))
    assert not any("Solidarity cards" in text for text in texts if "For the table" in text)
    assert pack.pack_size(_event(demo, writers=4)).pages == len(texts)


def test_the_poster_shows_each_cases_qr_code_large_for_the_room(app, demo, client):
    event = _event(demo, writers=20)
    with app.test_request_context():
        pdf = pack.render_poster(event)
    [text] = _texts(pdf)
    assert "Write a letter for Azat Isakov" in text and "UA 118/21" in text and "Write for Rights evening" in text
    [code] = zxingcpp.read_barcodes(_image(pdf, 1, dpi=100))
    assert code.text.endswith(f"/campaigns/{demo.slug}/write?event={event.code}")
    assert code.text in text.replace("\n", "")
    # Its page for organisers and coordinators; an event of paper letters only has no poster.
    from tests.helpers import log_in, make_organiser
    make_organiser()
    log_in(client)
    response = client.get(f"/organisers/events/{event.id}/poster")
    assert response.mimetype == "application/pdf" and "attachment" in response.headers["Content-Disposition"]
    paper_only = _event(demo, writers=5, phones=False)
    assert client.get(f"/organisers/events/{paper_only.id}/poster").status_code == 404


# --- right to left ---------------------------------------------------------------------------------

def _arabic_pack(app, event) -> bytes:
    with app.test_request_context("/"), force_locale("ar"):
        return _pdf(event)


def _line_starts(pdf: bytes, page: int) -> dict[float, list[float]]:
    """Where each piece of text starts on a page: baseline y → the x of each text object on it."""
    starts: dict[float, list[float]] = {}

    def visit(text, _cm, tm, _font, _size):
        if text.strip():
            starts.setdefault(round(tm[5], 1), []).append(round(tm[4], 1))
    pypdf.PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return {y: sorted(set(xs)) for y, xs in starts.items()}


def _ink_bands(image: Image.Image, left: int, right: int) -> list[tuple[int, int, int, int]]:
    """Rows of ink between x = left and right, as (top, bottom, leftmost, rightmost) pixels."""
    pixels = image.load()
    bands, current = [], None
    for y in range(image.size[1]):
        inked = [x for x in range(left, right) if pixels[x, y] < 160]
        if inked and current is None:
            current = [y, y, min(inked), max(inked)]
        elif inked:
            current[1], current[2], current[3] = y, min(current[2], min(inked)), max(current[3], max(inked))
        elif current is not None:
            bands.append(tuple(current))
            current = None
    return bands


def _lines_of(bands: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The bands that are lines of words, not a dot on a row of its own above or below one (the dot of an "i" in
    the event's random code, an Arabic letter's dots), which stands wherever its letter does."""
    return [band for band in bands if band[1] - band[0] > 2]


def test_in_arabic_the_coordinators_pages_start_each_line_at_the_right(app, demo):
    """The first page, the tally sheet and each case's summary, in Arabic: every line ends at the right
    margin (a Latin case title too), where in English every line starts at the left."""
    event = _event(demo, writers=2)
    paper = PAPERS["A4"]
    arabic, english = _arabic_pack(app, event), _pdf(event)
    for page in (1, 4):  # the first page; the summary, whose QR block has a page of its own test
        image = _image(arabic, page)
        # (Lines, not the dots and vowel marks a blank row of pixels may part from an Arabic line.)
        bands = [band for band in _ink_bands(image, 0, image.size[0]) if band[1] - band[0] >= 4]
        right_edge = image.size[0] - paper.right
        if page == 4:
            bands = [band for band in bands if band[1] < image.size[1] - paper.bottom - 40 * mm]  # above the QR
        assert len(bands) > 8
        # At the margin, or at an item's hanging indent (5 or 6 mm) beside its marker; a glyph's side
        # bearing (a list number's full stop) may leave a few points of paper.
        for top, _bottom, _leftmost, rightmost in bands:
            assert any(edge - 5 <= rightmost <= edge + 1 for edge in (right_edge, right_edge - 5 * mm,
                                                                      right_edge - 6 * mm)), (page, top, rightmost)
        assert sum(right_edge - 5 <= band[3] for band in bands) > len(bands) / 2
        # In English the same lines start at the left margin instead.
        english_bands = _ink_bands(_image(english, page), 0, image.size[0])
        assert all(abs(leftmost - paper.left) <= 2 for _t, _b, leftmost, _r in english_bands[:3])


def test_in_arabic_the_tally_table_runs_from_the_right(app, demo):
    event = _event(demo, writers=2)
    paper = PAPERS["A4"]
    width = paper.width - paper.left - paper.right
    name_cell_left = paper.left + width * (1 - 0.45)   # the official's column, now on the right
    total_cell_right = paper.left + width * 0.17       # the total's, now on the left
    for pdf, is_rtl in ((_arabic_pack(app, event), True), (_pdf(event), False)):
        rows = _line_starts(pdf, 2)
        header = [xs for xs in rows.values() if len(xs) == 3]
        assert header, rows
        total, letters, official = header[0] if is_rtl else list(reversed(header[0]))
        if is_rtl:
            assert official > name_cell_left and total < total_cell_right and total < letters < official
        else:
            assert official < paper.left + 3 * mm and total > paper.left + width * 0.83
        # Each official's row names them inside the official's column, whatever the script of the name.
        officials = [xs[0] for y, xs in rows.items() if len(xs) == 1 and min(header[0]) > 0]
        inside = [x for x in officials if (x > name_cell_left if is_rtl else x < name_cell_left)]
        assert len(inside) >= 2


def test_in_arabic_the_qr_code_stands_at_the_right_with_its_words_to_its_left(app, demo):
    event = _event(demo, writers=1)
    paper = PAPERS["A4"]
    for pdf, is_rtl in ((_arabic_pack(app, event), True), (_pdf(event), False)):
        summary = 4  # after the first page, the label sheet and the tally sheet
        image = _image(pdf, summary, dpi=72)
        found = zxingcpp.read_barcodes(_image(pdf, summary, dpi=150))
        assert [result.text for result in found] == [
            f"{app.config['BASE_URL']}/campaigns/{demo.slug}/write?event={event.code}"]
        position = found[0].position
        qr_left = min(position.top_left.x, position.bottom_left.x) / 150 * 72
        qr_right = max(position.top_right.x, position.bottom_right.x) / 150 * 72
        bottom_band = image.crop((0, int(image.size[1] - paper.bottom - 38 * mm), image.size[0],
                                  int(image.size[1] - paper.bottom)))
        if is_rtl:
            assert qr_left > image.size[0] / 2
            words = _lines_of(_ink_bands(bottom_band, int(paper.left), int(qr_left - 10)))
            # The words end just short of the code (its quiet zone and a 4 mm gap), line after line.
            assert words and all(qr_left - 4 * mm - 16 <= band[3] <= qr_left for band in words), words
        else:
            assert qr_right < image.size[0] / 2
            words = _lines_of(_ink_bands(bottom_band, int(qr_right + 10), image.size[0]))
            assert words and all(band[2] <= qr_right + 4 * mm + 16 for band in words), words
