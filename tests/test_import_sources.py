"""Where each imported value came from: the parse says which lines of the sheet it read for every value it
placed, and the editor shows those lines beside the value while the draft is reviewed."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select

from campaigns.importer import create_draft_from_import, parse_ua_text
from campaigns.importer.text import excerpt
from extensions import db
from models import Campaign
from tests.helpers import sheet_with_words_to_review

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHEETS = sorted((FIXTURES / "ua_texts").glob("*.txt")) + sorted((FIXTURES / "sheets").glob("**/*.txt"))
KAZAKHSTAN = FIXTURES / "ua_texts" / "international_kazakhstan.txt"


def folded(text: str) -> str:
    """Text as compared with the sheet: one case, no line breaks or list marks, quotes made plain."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return re.sub(r"[\s•\-–]+", " ", text).strip()


def lines(path: Path) -> tuple[str, dict]:
    text = path.read_text(encoding="utf-8")
    return text, parse_ua_text(text)


@pytest.mark.parametrize("path", SHEETS, ids=lambda path: path.stem)
def test_every_placed_value_is_found_in_the_lines_it_names(path):
    text, imported = lines(path)
    sources = imported.sources

    def found_in(name: str, value: str) -> None:
        assert name in sources, f"{name} has no source"
        first, last = sources[name]
        assert 1 <= first <= last <= len(text.splitlines()) + 1
        assert folded(value) in folded(excerpt(text, (first, last))), (name, value)

    for index, demand in enumerate(imported.demands):
        # A demand starts with a capital even where the sheet's list item did not.
        found_in(f"demands.{index}", demand[:1].lower() + demand[1:] if demand[:1].isupper() else demand)
    for kind in ("targets", "copies"):
        for index, official in enumerate(getattr(imported, kind)):
            for email in official.emails:
                found_in(f"{kind}.{index}", email)
    if imported.updates_address:
        found_in("updates_address", imported.updates_address)
    if imported.previous_ua_link:
        found_in("previous_ua_link", imported.previous_ua_link)
    if imported.ua_number:
        number = imported.ua_number.removeprefix("UA ").split("/")[0]
        found_in("ua_number", number)
    for paragraph in filter(None, imported.summary.split("\n\n")):
        found_in("summary", paragraph.split("\n")[0][:60])


def test_the_kazakhstan_sheet_points_at_its_lines():
    text, imported = lines(KAZAKHSTAN)
    assert imported.sources["title"] == (5, 5) and imported.sources["country"] == (5, 5)
    assert imported.sources["ua_number"] == (3, 3)
    assert "UNTIL: 25 November 2026" in excerpt(text, imported.sources["deadline"])
    assert "Kazakh, Russian, English" in excerpt(text, imported.sources["preferred_languages"])
    assert "Dana Serikbayeva (she/her)" in excerpt(text, imported.sources["people.0"])
    target = excerpt(text, imported.sources["targets.0"])
    assert target.startswith("Prosecutor General Berik ZHAKSYLYKOV") and "Email:" in target
    letter = excerpt(text, imported.sources["template"])
    assert letter.startswith("Dear Prosecutor General,") and "[Your name]" in letter


def test_a_guessed_value_has_no_source():
    imported = parse_ua_text("UA 12/27\n\nSomething happened to Aru Bekova in Kazakhstan. Aru Bekova is held.\n\n"
                             "Please write urging them to:\n- free Aru Bekova\n")
    assert imported.people and "people.0" not in imported.sources  # inferred from the text
    assert imported.country == "KZ" and "country" not in imported.sources  # the country the text names


def test_the_draft_keeps_the_sources_by_row_so_reordering_keeps_them_right(app):
    text, imported = lines(KAZAKHSTAN)
    campaign = create_draft_from_import(imported, source_text=text)
    sources = campaign.import_sources
    assert sources["title"] == [5, 5]
    for index, demand in enumerate(campaign.demands):
        assert sources[f"demand:{demand.id}"] == list(imported.sources[f"demands.{index}"])
    copies = campaign.copy_targets
    assert sources[f"target:{copies[1].id}"] == list(imported.sources["copies.1"])
    assert sources[f"version:{campaign.versions[0].language}"] == list(imported.sources["template"])
    # The link to the previous UA went into the background, so the background's lines include it.
    assert sources["background"][1] >= imported.sources["previous_ua_link"][0]


def field_html(html: str, element_id: str) -> str:
    """The markup of one field of the editor (up to the next field), or of one entry (its fieldset)."""
    start = html.index(f'id="{element_id}"')
    if html[:start].endswith("<fieldset class=\"entry\" "):
        return html[start:html.index("</fieldset>", start)]
    ends = [html.find(marker, start + 1) for marker in ('<div class="field', '<fieldset')]
    return html[start:min([end for end in ends if end > 0] or [len(html)])]


def test_the_editor_shows_each_imported_value_with_its_lines(org_client):
    response = org_client.post("/organisers/campaigns/import", data={"source_text": sheet_with_words_to_review()})
    assert response.status_code == 303
    path = response.headers["Location"]
    html = org_client.get(path).get_data(as_text=True)
    assert "From line 5 of the UA text" in field_html(html, "title")
    assert "KAZAKHSTAN: JOURNALIST HELD FOR REPORTING ON A STRIKE" in field_html(html, "title")
    assert "From line 69 of the UA text" in field_html(html, "deadline")
    assert "From line 30 of the UA text" in field_html(html, "demands-0")
    assert re.search(r"From lines 13–\d+ of the UA text", field_html(html, "targets-0"))
    assert "From line 72 of the UA text" in field_html(html, "people-0")
    # Everything not placed is still shown beside the draft.
    assert "Text the importer could not place" in html and "Distribution: sections only" in html

    # Reordering the demands moves the lines with them: they belong to the demand, not the position.
    campaign = db.session.scalar(select(Campaign))
    first, second = campaign.demands[0], campaign.demands[1]
    first.position, second.position = 1, 0
    db.session.commit()
    db.session.expire_all()
    html = org_client.get(path).get_data(as_text=True)
    assert "From line 31 of the UA text" in field_html(html, "demands-0")
    assert "From line 30 of the UA text" in field_html(html, "demands-1")

    # Marked as reviewed, the line notes go with the rest of the import notes.
    assert org_client.post(f"{path.removesuffix('/edit')}/import-notes/dismiss").status_code == 303
    html = org_client.get(path).get_data(as_text=True)
    assert "of the UA text</summary>" not in html and "Text the importer could not place" not in html


def test_a_sheet_line_in_the_notes_is_escaped(org_client):
    text = "UA 77/27\n\nKAZAKHSTAN: <script>alert(1)</script> held\n\nSomething happened.\n"
    response = org_client.post("/organisers/campaigns/import", data={"source_text": text})
    html = org_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "From line 3 of the UA text" in field_html(html, "title")


def test_lines_a_web_page_added_do_not_shift_the_line_numbers(org_client):
    """The importer reads the sheet without a pasted page's menus; the draft keeps the text as given,
    and the line notes count in that text."""
    text = "Skip to main content\nAccept all cookies\n" + KAZAKHSTAN.read_text(encoding="utf-8")
    response = org_client.post("/organisers/campaigns/import", data={"source_text": text})
    assert response.status_code == 303
    campaign = db.session.scalar(select(Campaign))
    assert campaign.source_text == text and campaign.import_sources["title"] == [7, 7]
    html = org_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "From line 7 of the UA text" in field_html(html, "title")
    assert "KAZAKHSTAN: JOURNALIST HELD FOR REPORTING ON A STRIKE" in field_html(html, "title")


def test_sources_renumbered_into_the_text_as_given():
    from campaigns.importer import sources_in
    given = "Menu\r\nA\r\n\r\nShare\r\nB\r\nC"
    read = "A\r\n\r\nB\r\nC"
    assert sources_in(given, read, {"a": (1, 1), "bc": (3, 4)}) == {"a": (2, 2), "bc": (5, 6)}
    assert sources_in(read, read, {"a": (1, 1)}) == {"a": (1, 1)}
    # Not the same sheet with lines left out: nothing to point at, rather than the wrong line.
    assert sources_in("X\nY", "Z", {"z": (1, 1)}) == {}
