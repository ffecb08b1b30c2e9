"""A UA sheet's text from where organisers get it: PDFs in one or two columns, text files, and text pasted
from web pages with the site around it. The PDFs are drawn here from an invented sheet (tests/pdf_sheets.py)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from campaigns.importer import parse_ua_text
from campaigns.importer.documents import (MAX_FILE_BYTES, MAX_PDF_PAGES, SheetUnreadable, is_web_furniture,
                                          join_hyphenated, text_from_file, text_from_pdf, without_web_furniture)
from tests.hostile import hostile, hostile_settings
from tests.pdf_sheets import FOOTER, HEADER, SHEET, Layout, long_sheet, sheet_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ua_texts"


def lines_of(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def raw_text(data: bytes) -> str:
    """What PDFium reads in the order the file drew it, as a reader without layout would."""
    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(document[index].get_textpage().get_text_range() for index in range(len(document)))
    finally:
        document.close()


# --- reading order ---------------------------------------------------------------------------------

def test_a_one_column_pdf_reads_as_the_sheet_was_written():
    text = text_from_pdf(sheet_pdf(long_sheet(40), Layout(columns=1)))
    # The lines wrapped to fit the page are whole paragraphs again; headings, address lines and
    # bullets stay lines of their own, in the order of the sheet.
    assert lines_of(text) == lines_of(long_sheet(40))
    assert "Minister of Justice Hédi KSOURI\nMinistry of Justice\n31 Boulevard Bab Benat\n1006 Tunis\nTunisia" in text


def test_two_columns_are_read_left_column_first_then_right():
    data = sheet_pdf(long_sheet(95), Layout(columns=2))
    assert len(pdfium.PdfDocument(data)) == 6
    # Drawn row by row, the file holds the columns interleaved: the order of the page must come from
    # where the text is, not from the order of the file.
    assert "URGENT ACTION London SW7 1QG" in raw_text(data).replace("\r\n", "\n").replace("\n", " ")
    text = text_from_pdf(data)
    assert lines_of(text) == lines_of(long_sheet(95))
    first_page_left = text.index("Dear Minister,")
    first_page_right = text.index("Ambassador Nadia HAMMAMI")
    assert first_page_left < first_page_right < text.index("ADDITIONAL INFORMATION")


def test_a_title_across_both_columns_is_read_before_them():
    page = io.BytesIO()
    canvas = Canvas(page, pagesize=A4)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(56, 780, "TUNISIA: A TITLE THAT RUNS ACROSS BOTH COLUMNS OF THE PAGE")
    canvas.setFont("Helvetica", 10)
    for row in range(8):
        canvas.drawString(56, 740 - 13 * row, f"Left column line {row + 1} of the first part, which it fills.")
        canvas.drawString(310, 740 - 13 * row, f"Right column line {row + 1} of the first part, filling it too.")
    canvas.drawString(56, 600, "A closing paragraph over the whole width of the page, after both columns end.")
    canvas.showPage()
    canvas.save()
    # Word for word in reading order (lines of one column that fill it are read as one paragraph).
    assert text_from_pdf(page.getvalue()).split() == " ".join([
        "TUNISIA: A TITLE THAT RUNS ACROSS BOTH COLUMNS OF THE PAGE",
        *(f"Left column line {row} of the first part, which it fills." for row in range(1, 9)),
        *(f"Right column line {row} of the first part, filling it too." for row in range(1, 9)),
        "A closing paragraph over the whole width of the page, after both columns end.",
    ]).split()


def test_columns_whose_lines_do_not_share_baselines_are_still_read_one_after_the_other():
    """Paragraphs spaced differently in each column put the lines of one beside the gaps of the other."""
    page = io.BytesIO()
    canvas = Canvas(page, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for row in range(12):
        canvas.drawString(56, 760 - 13 * row, f"Left column line {row + 1} of the first part, which it fills.")
    for row in range(10):
        canvas.drawString(310, 754 - 15.5 * row, f"Right column line {row + 1} of the first part, filling it too.")
    canvas.showPage()
    canvas.save()
    assert text_from_pdf(page.getvalue()).split() == " ".join(
        [f"Left column line {row} of the first part, which it fills." for row in range(1, 13)]
        + [f"Right column line {row} of the first part, filling it too." for row in range(1, 11)]).split()


def test_a_narrow_sidebar_is_read_before_the_main_column_beside_it():
    side = ("Take action now: write to the Minister of Justice before 14 December 2026 and ask for the release "
            "of the blogger held since October.")
    main = ("Salma Ben Youssef, a blogger from Sfax, was arrested at her home on 27 October 2026, the day after "
            "she wrote that bakeries in her neighbourhood had run out of subsidised bread. She is held at the "
            "women's prison of Manouba on a charge of spreading false news, which carries up to five years.")
    page = io.BytesIO()
    canvas = Canvas(page, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for row, line in enumerate(simpleSplit(side, "Helvetica", 10, 110)):
        canvas.drawString(56, 760 - 13 * row, line)
    for row, line in enumerate(simpleSplit(main, "Helvetica", 10, 340)):
        canvas.drawString(190, 760 - 13 * row, line)
    canvas.showPage()
    canvas.save()
    assert text_from_pdf(page.getvalue()).split() == f"{side} {main}".split()


@pytest.mark.parametrize("last", [
    ["Please take action before 15 January 2027."],
    ["PREFERRED LANGUAGE TO ADDRESS TARGET: Nepali,", "English. Please take action before 15 January 2027."],
])
def test_a_last_column_of_a_line_or_two_is_read_after_the_full_one(last):
    """The sheet ends a line or two into the right column, beside the first lines of a left column of prose."""
    left = ("Bishnu Tamang Lama, who leads a farmers' cooperative, has been held without charge since 14 November "
            "2026, after he called a meeting about land taken for a new road. His family has not been told where "
            "he is, and he needs medicine for his heart every day. A lawyer who asked at the district police "
            "office was told that no such person had been arrested.")
    page = io.BytesIO()
    canvas = Canvas(page, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for row, line in enumerate(simpleSplit(left, "Helvetica", 10, 230)):
        canvas.drawString(56, 760 - 13 * row, line)
    for row, line in enumerate(last):
        canvas.drawString(310, 760 - 13 * row, line)
    canvas.showPage()
    canvas.save()
    assert text_from_pdf(page.getvalue()).split() == f"{left} {' '.join(last)}".split()


def test_a_page_drawn_one_glyph_at_a_time_reads_as_words_in_column_order():
    """Some producers place every glyph on its own: words must not fall apart, nor columns mix."""
    page = io.BytesIO()
    canvas = Canvas(page, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for row in range(12):
        for x, side in ((56, "Left"), (310, "Right")):
            line = f"{side} column, line {row + 1}: drawn a glyph at a time."
            for character in line:
                canvas.drawString(x, 760 - 13 * row, character)
                x += stringWidth(character, "Helvetica", 10)
    canvas.showPage()
    canvas.save()
    assert text_from_pdf(page.getvalue()).split() == " ".join(
        [f"Left column, line {row}: drawn a glyph at a time." for row in range(1, 13)]
        + [f"Right column, line {row}: drawn a glyph at a time." for row in range(1, 13)]).split()


def test_labels_and_values_on_one_line_are_not_taken_for_two_columns():
    """An address block drawn as a table ("Email:" here, its value further right) is one column."""
    page = io.BytesIO()
    canvas = Canvas(page, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    rows = [("Name:", "Hédi KSOURI"), ("Office:", "Minister of Justice"), ("Email:", "cabinet@justice.example"),
            ("Fax:", "+216 71 568 000"), ("Salutation:", "Dear Minister,")]
    for index, (label, value) in enumerate(rows):
        canvas.drawString(56, 760 - 14 * index, label)
        canvas.drawString(200, 760 - 14 * index, value)
    canvas.showPage()
    canvas.save()
    assert lines_of(text_from_pdf(page.getvalue())) == [f"{label} {value}" for label, value in rows]


def test_running_headers_footers_and_page_numbers_are_left_out():
    data = sheet_pdf(long_sheet(95), Layout(columns=2))
    assert HEADER in raw_text(data) and "Page 3 of 6" in raw_text(data)
    text = text_from_pdf(data)
    assert HEADER not in text and FOOTER not in text
    assert "Page " not in text


def test_a_web_page_printed_to_pdf_loses_the_browser_s_date_line_and_address_line():
    header = "05/12/2026, 10:15 Urgent action: blogger detained | Amnesty Network Section"
    footer = "https://section.example/urgent-actions/blogger-detained {page}/{pages}"
    text = text_from_pdf(sheet_pdf(long_sheet(80), Layout(columns=1, header=header, footer=footer,
                                                          page_numbers=False)))
    assert "section.example/urgent-actions" not in text and "10:15" not in text
    assert lines_of(text) == lines_of(long_sheet(80))


def test_a_header_with_the_ua_number_is_kept_once_at_the_top():
    header = "UA 207/26 · Tunisia · Urgent Action"
    text = text_from_pdf(sheet_pdf(long_sheet(60), Layout(columns=2, header=header)))
    assert text.startswith(header + "\n") and text.count(header) == 1
    assert FOOTER not in text


def test_a_single_page_loses_its_small_print_footer_and_page_number_but_not_its_text():
    text = text_from_pdf(sheet_pdf(SHEET, Layout(columns=1)))
    assert FOOTER not in text and "Page 1 of 1" not in text and HEADER not in text
    assert lines_of(text) == lines_of(SHEET)


def test_what_a_pdf_gives_the_importer_is_the_same_sheet_in_either_layout():
    expected = parse_ua_text(SHEET)
    for layout in (Layout(columns=1), Layout(columns=2)):
        imported = parse_ua_text(text_from_pdf(sheet_pdf(long_sheet(30), layout)))
        assert imported.ua_number == expected.ua_number == "UA 207/26"
        assert imported.title == expected.title
        assert [t.name for t in imported.targets] == [t.name for t in expected.targets] == ["Hédi Ksouri"]
        assert [c.name for c in imported.copies] == [c.name for c in expected.copies]
        assert imported.demands == expected.demands and len(imported.demands) == 3
        assert imported.deadline == expected.deadline and imported.deadline is not None


# --- hyphenation -----------------------------------------------------------------------------------

def test_words_broken_at_a_line_end_are_joined_where_safe():
    assert join_hyphenated(["She has been in pre-trial deten-", "tion since 27 October."]) == [
        "She has been in pre-trial detention", "since 27 October."]
    # A capital after the hyphen is a double name; a prefix keeps its hyphen; a soft hyphen always goes.
    assert join_hyphenated(["Her lawyer, Jean-", "Pierre Mansour, said"]) == [
        "Her lawyer, Jean-Pierre", "Mansour, said"]
    assert join_hyphenated(["a self-", "imposed silence"]) == ["a self-imposed", "silence"]
    assert join_hyphenated(["Menschenrechts\u00ad", "organisation"]) == ["Menschenrechtsorganisation"]
    # Not a broken word: a dash after a space, numbers, list markers, a paragraph's end.
    for lines in (["Tunis -", "a city"], ["Tel: +216 71-", "568 000"], ["urging them to:", "- release her"],
                  ["COVID-", "19 rules"], ["the end of a para-", "", "graph"]):
        assert join_hyphenated(lines) == lines


def test_a_hyphenated_line_end_in_a_pdf_is_mended():
    sheet = SHEET.replace("Her lawyer was allowed to see her only once,",
                          "Her lawyer was al-\nlowed to see her only once,")
    text = text_from_pdf(sheet_pdf(sheet, Layout(columns=1)))
    assert "Her lawyer was allowed" in text and "al-" not in text and "\nlowed" not in text


# --- files that are not a readable sheet -------------------------------------------------------------

def _pdf(pages: int = 1, **canvas_options) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, **canvas_options)
    for number in range(pages):
        canvas.drawString(56, 760, f"Page text {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _refusal(data: bytes) -> str:
    with pytest.raises(SheetUnreadable) as refused:
        text_from_file(data)
    return refused.value.message


def test_files_that_cannot_be_read_are_refused_with_a_reason(app):
    assert "locked with a password" in _refusal(_pdf(encrypt=StandardEncryption("secret", canPrint=1)))
    assert "damaged" in _refusal(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert "damaged" in _refusal(_pdf()[:400])
    assert f"more than the {MAX_PDF_PAGES}" in _refusal(_pdf(MAX_PDF_PAGES + 1))
    assert "larger than 10 MB" in _refusal(b"%PDF-1.4\n" + b"0" * MAX_FILE_BYTES)
    assert "empty" in _refusal(b"  \n")
    assert "neither a PDF nor plain text" in _refusal(b"PK\x03\x04\x14\x00\x00\x00word/document.xml")
    assert "neither a PDF nor plain text" in _refusal(b"{\\rtf1\\ansi UA 207/26}")
    assert "neither a PDF nor plain text" in _refusal(b"\n<!DOCTYPE html><html><body>UA 207/26</body></html>")
    assert "not UTF-8" in _refusal("Salutation: Señor Ministro".encode("latin-1"))
    with pytest.raises(SheetUnreadable, match="not a PDF"):
        text_from_pdf(b"Just text, not a PDF")


def test_a_pdf_with_more_text_than_any_sheet_is_refused_before_it_is_all_read(app):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for page in range(6):  # six pages of print too small to read: 228,000 characters
        canvas.setFont("Helvetica", 2)
        for row in range(380):
            canvas.drawString(10, 836 - 2.2 * row, f"page {page} line {row:03d} " + "abcdefghij" * 9)
        canvas.showPage()
    canvas.save()
    assert "longer than any UA sheet" in _refusal(buffer.getvalue())


def test_a_pdf_without_text_says_it_may_be_a_scan(app):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.rect(56, 500, 300, 200, fill=1)  # a picture of a page, with no text in it
    canvas.showPage()
    canvas.save()
    assert "holds no text" in _refusal(buffer.getvalue())


def test_a_pdf_locked_only_against_copying_is_read():
    """Owner-password PDFs (printing allowed, editing not) open without a password, as readers open them."""
    text = text_from_file(_pdf(encrypt=StandardEncryption("", ownerPassword="owner", canPrint=1, canCopy=0)))
    assert text == "Page text 0"


def test_text_files_are_read_as_utf8_with_or_without_a_byte_order_mark():
    assert text_from_file("UA 207/26\nSalutation: Señor Ministro".encode("utf-8-sig")) == \
        "UA 207/26\nSalutation: Señor Ministro"


# --- text pasted from web pages --------------------------------------------------------------------

KAZAKHSTAN = (FIXTURES / "international_kazakhstan.txt").read_text(encoding="utf-8")

PAGES = {
    "en": ("Skip to main content\nMenu\nHome\nWhat We Do\nWhere We Work\nTake Action\nGet involved\nDonate\nSearch\n"
           "Home > Get involved > Urgent actions\n"
           "We use cookies to give you the best experience on our website. By continuing you accept our use of "
           "cookies.\nAccept all cookies\nCookie settings\n",
           "Share this:\nFacebook\nTwitter\nWhatsApp\nEmail\n"
           "Sign up for our newsletter\nYour email address\nSubscribe\n"
           "Stay connected\nGet the latest urgent actions in your inbox\n"
           "Privacy policy | Cookie policy | Terms of use\nAbout Us  Careers  Press Center  Privacy  Terms\n"
           "© 2026 Amnesty Network Section. All rights reserved.\n"),
    "de": ("Zum Inhalt springen\nHauptmenü\nStartseite\nMitmachen\nSpenden\nSuche\n"
           "Startseite › Mitmachen › Urgent Actions\n"
           "Diese Website verwendet Cookies, um dir die beste Nutzung zu ermöglichen.\nAlle akzeptieren\n"
           "Cookie-Einstellungen\n",
           "Teilen\nFacebook\nInstagram\nLink kopieren\n"
           "Newsletter abonnieren\nDeine E-Mail-Adresse\nJetzt anmelden\n"
           "Impressum\nDatenschutz\nBarrierefreiheit\nKontakt\n"),
    "fr": ("Aller au contenu principal\nMenu\nAccueil\nAgir\nFaire un don\nRechercher\n"
           "Accueil / Agir / Actions urgentes\n"
           "Nous utilisons des cookies pour mesurer l'audience de ce site.\nTout accepter\nTout refuser\n"
           "Paramètres des cookies\n",
           "Partager\nFacebook\nX\nCopier le lien\n"
           "Inscrivez-vous à notre newsletter\nVotre adresse e-mail\nJe m'inscris\n"
           "Mentions légales | Politique de confidentialité | Plan du site\n"),
    "es": ("Ir al contenido\nMenú\nInicio\nActúa\nDona ahora\nBuscar\n"
           "Inicio » Actúa » Acciones urgentes\n"
           "Utilizamos cookies propias y de terceros. Al continuar navegando aceptas su uso.\nAceptar todo\n"
           "Configuración de cookies\n",
           "Compartir\nFacebook\nWhatsApp\nCopiar enlace\n"
           "Suscríbete a nuestro boletín\nTu correo electrónico\nSuscríbete\n"
           "Aviso legal | Política de privacidad | Accesibilidad\n© Amnistía Internacional 2026\n"),
}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_web_page_around_a_pasted_sheet_is_left_out(language):
    before, after = PAGES[language]
    cleaned = without_web_furniture(before + "\n" + KAZAKHSTAN + "\n" + after)
    assert lines_of(cleaned) == lines_of(KAZAKHSTAN)


def test_sheets_without_a_web_page_around_them_are_unchanged():
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert without_web_furniture(text) == text, path.name
    assert without_web_furniture(SHEET) == SHEET


def test_what_the_cleaner_drops_from_any_sheet_in_the_fixtures_is_never_content():
    """Every sheet kept for the tests, whoever wrote it: what goes holds no address, number, greeting or UA."""
    content = re.compile(r"@|\d{3,}|\bUA\b|dear|salutation|write to|sincerely|urging|appell|estimad",
                         re.IGNORECASE)
    for path in sorted(FIXTURES.parent.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        kept = iter(without_web_furniture(text).split("\n"))
        following = next(kept, None)
        for line in text.split("\n"):
            if line == following:
                following = next(kept, None)
            elif not re.match(r"©|\(c\)\s|copyright\b", line, re.IGNORECASE):  # a copyright line holds its year
                assert not content.search(line), (path.name, line)


def test_lines_that_only_look_like_a_menu_are_kept():
    kept = ("Home Office\n2 Marsham Street\nLondon SW1P 4DF\nContact:\nEmail\nminister@justice.example\n"
            "Twitter\n@JusticeMinistry\nPress freedom is not a crime.\n"
            "Share this action with your friends and write a letter today.\n"
            "- release her immediately and share the results of the investigation with her family;\n"
            "Send your request to uaservice@section.example with 'Keep me updated on UA 207/26'.\n"
            "Prosecutor General / Procureur général\nAmnesty International | UA 207/26 | Tunisia\n"
            "Home > UA 207/26\n")
    assert without_web_furniture(kept) == kept
    # A row of share buttons on one line is left out, whatever separates them.
    assert without_web_furniture("Share: Facebook | X | WhatsApp | Email\nTeilen auf Facebook · Instagram\n"
                                 "Dear Minister,") == "Dear Minister,"
    # A heading that is also a menu item stays unless it is in the menu.
    assert without_web_furniture("Share this\nTake action\nWrite to the Minister of Justice.") == \
        "Take action\nWrite to the Minister of Justice."
    # A row of footer or menu links copied with one space between them goes as a whole; a line whose words
    # only partly are such links stays.
    assert without_web_furniture("Privacy policy Terms of use Contact us\nOur work Countries Get involved Donate\n"
                                 "Dear Minister,") == "Dear Minister,"
    assert without_web_furniture("Contact us about the Home Office\nNews Campaigns\n") == \
        "Contact us about the Home Office\nNews Campaigns\n"
    # The same single words beside a row of share buttons are buttons.
    assert lines_of(without_web_furniture("Share this\nTwitter\nEmail\nPrint\n\nDear Minister,")) == [
        "Dear Minister,"]


@pytest.mark.parametrize("menu", [
    "Get Involved | Our Stories | Careers | Contact Us | Privacy Policy | Terms of Use",
    "Donate · Our Campaigns · Press Room · Contact Us · Terms of Use",
    "Spenden | Unsere Themen | Presse | Kontakt | Datenschutz | Impressum",
    "Nous soutenir | Nos combats | Presse | Nous contacter | Mentions légales",
])
def test_a_menu_with_links_of_the_sites_own_is_furniture_and_no_official(menu):
    """A site's menu or footer row names links of its own beside the usual ones ("Our Stories", "Nos combats"):
    half of them furniture, the row is furniture, never the first line of an envelope above the sender's address."""
    assert is_web_furniture(menu)
    assert not is_web_furniture("Minister of Justice | Ministry of Justice | Kampala | Uganda")
    text = ("URGENT ACTION\n\nTEACHERS HELD WITHOUT CHARGE\n\nTwo teachers were arrested.\n\n"
            "Contact this official:\n\nMinister of Justice\nMr. John Example\nMinistry of Justice\nPO Box 12\n"
            "Kampala\nUganda\nEmail: minister@justice.example\n\n"
            f"Please check with our office if sending appeals after the above date.\n\n{menu}\n"
            "© 2019 Amnesty International of the USA, Inc. All rights reserved.\n"
            "Amnesty International USA, 5 Penn Plaza, New York, NY 10001\n")
    imported = parse_ua_text(text)
    assert [official.name for official in imported.targets + imported.copies] == ["John Example"]


def test_a_pasted_page_imports_like_the_sheet_alone(org_client):
    from models import Campaign
    from extensions import db
    from sqlalchemy import select

    before, after = PAGES["en"]
    response = org_client.post("/organisers/campaigns/import",
                               data={"source_text": before + KAZAKHSTAN + after})
    assert response.status_code == 303, response.get_data(as_text=True)
    campaign = db.session.scalar(select(Campaign))
    assert campaign.ua_number == "UA 131/26"
    unplaced = "\n".join(campaign.import_unplaced or [])
    for furniture in ("Skip to main content", "cookies", "newsletter", "Privacy policy", "Share this"):
        assert furniture not in unplaced
    assert campaign.source_text.startswith("Skip to main content")  # kept as the organiser pasted it


# --- hostile input ---------------------------------------------------------------------------------

_VALID = sheet_pdf(SHEET, Layout(columns=2))


@hostile_settings
@given(data=st.one_of(
    st.binary(max_size=4000).map(lambda noise: b"%PDF-1.7\n" + noise),
    # A real sheet with bytes changed or cut short: a damaged download.
    st.tuples(st.integers(0, len(_VALID) - 1), st.binary(min_size=1, max_size=64)).map(
        lambda change: _VALID[:change[0]] + change[1] + _VALID[change[0] + len(change[1]):]),
    st.integers(0, len(_VALID)).map(lambda end: _VALID[:end]),
    st.binary(max_size=2000)))
def test_any_file_is_read_or_refused_with_a_reason(app, data):
    try:
        text = text_from_file(data)
    except SheetUnreadable as refused:
        assert refused.message
    else:
        assert isinstance(text, str) and text.strip()


@hostile_settings
@given(text=st.one_of(hostile, st.lists(st.one_of(hostile, st.sampled_from(
    ["Share this", "Menu", "Home", "Twitter", "Email", "Accept all cookies", "Home > Actions", ""])),
    max_size=12).map("\n".join)))
def test_the_web_page_cleaner_only_ever_removes_whole_lines(text):
    cleaned = without_web_furniture(text)
    remaining = iter(text.split("\n"))
    kept = cleaned.split("\n") if cleaned else []
    assert all(line in remaining for line in kept)  # the lines left, in their order


@pytest.mark.parametrize("line", [
    "You May Also Be Interested In",
    "You might also be interested in",
    "Stay informed. Sign up for our emails",
    "Stay connected! Subscribe to our newsletter",
    "Email address  SUBMIT",
    "Ähnliche Aktionen",
    "Actions similaires",
    "Acciones relacionadas",
])
def test_related_links_and_a_newsletter_box_are_web_furniture(line):
    """The heading of a list of other actions, and a sign-up box whose heading, button and field run together."""
    assert is_web_furniture(line)


@pytest.mark.parametrize("line", ["Stay informed. Write to the Minister today.", "Email: ua@example.example"])
def test_a_sentence_beside_furniture_is_not_furniture(line):
    assert not is_web_furniture(line)


# --- lines set on their own in a narrow column ---------------------------------------------------------

_PROSE = ("Tamsin Elderfield, a retired midwife who campaigns for the climate, has been held on remand since "
          "March 2026, and her hospital appointments have been cancelled three times for want of escort staff.")


def _column_page(blocks: list[list[str]], right: list[str] = ()) -> bytes:
    """A page with a column of prose 230 points wide, then `blocks` of lines set one under another (a blank line
    between blocks) in the same column, and `right` beside them in a second column."""
    page = io.BytesIO()
    canvas = Canvas(page, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    lines = [*simpleSplit(_PROSE, "Helvetica", 10, 230), ""]
    for block in blocks:
        lines += [*block, ""]
    for row, line in enumerate(lines):
        canvas.drawString(56, 760 - 13 * row, line)
    for row, line in enumerate(right):
        canvas.drawString(310, 760 - 13 * (row + len(lines) - len(right) - 1), line)
    canvas.showPage()
    canvas.save()
    return page.getvalue()


@pytest.mark.parametrize("block", [
    ["Ms Delphine Arkwright", "Governing Governor, HMP Thornleigh Valley Road", "Brookhurst Lane",
     "Ashford TW15 3NL", "United Kingdom"],
    ["Senhor Procurador-Geral", "Procuradoria-Geral da República Democrática de Exemplo", "Rua do Exemplo 12",
     "1000-001 Lisboa", "Portugal"],
])
def test_an_address_line_that_fills_its_column_stays_a_line_of_its_own(block):
    """A line as wide as the column above a short one set on its own was ended by choice, not by the column."""
    assert stringWidth(block[1], "Helvetica", 10) + stringWidth(block[2].split()[0], "Helvetica", 10) > 230
    assert lines_of(text_from_pdf(_column_page([block])))[-len(block):] == block


@pytest.mark.parametrize("block", [
    ["Email:", "governor.thornleighvale@justice.gov.example", "Salutation: Dear Governor"],
    ["Phone: +44 20 7946 0000 (the office of the governor)", "Email: governor@justice.gov.example"],
])
def test_a_contact_line_is_not_joined_to_the_full_line_above_it(block):
    text = text_from_pdf(_column_page([["Ms Delphine Arkwright", *block]]))
    assert lines_of(text)[-1] == block[-1]


@pytest.mark.parametrize(("left", "right"), [
    (["The Rt Hon Gareth Pemberly MP", "Lord Chancellor and Secretary of State for", "Justice",
      "Ministry of Justice", "41 Quillon Street", "London SW1H 9QX", "United Kingdom"],
     ["Did you take action?", "Let us know!", "Sign up for alerts", "Make a gift today", "$15 $25 $50",
      "More urgent actions", "About us"]),
    (["Minister of Justice", "Hon. Ana Exemplo", "Ministry of Justice", "Example Avenue 4", "Port Louis",
      "Mauritius", "Salutation: Dear Minister"],
     ["Commissioner of Police", "Mr Paul Exemplo", "Police Headquarters", "Line Barracks", "Port Louis",
      "Mauritius", "Salutation: Dear Commissioner"]),
])
def test_two_columns_of_short_lines_are_read_one_after_the_other(left, right):
    """Address blocks, or a sidebar of short lines, beside a column of short lines: columns with nothing across."""
    text = text_from_pdf(_column_page([left], right))
    words = " ".join(lines_of(text)).split()
    assert words[-len(" ".join(left + right).split()):] == " ".join(left + right).split()
