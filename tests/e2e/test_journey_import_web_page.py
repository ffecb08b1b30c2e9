"""An organiser copies an urgent action from a section's web page in the browser (select all, copy) and
pastes it on the import page: the menu, cookie banner, share buttons and footer that come with it are
left out, and the sheet becomes a draft with its officials.

The web page is served by a second server on loopback, as a section's own site would be; the clipboard
is the browser's own.
"""
from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.flows import log_in
from tests.e2e.people import create_organiser

pytestmark = pytest.mark.browser

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
FURNITURE = ("Skip to main content", "cookies", "Share this", "Facebook", "Privacy policy", "newsletter", "©")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def section_site():
    """The section's web site: our own invented UA page, served from tests/fixtures/pages."""
    site = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(PAGES)))
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site.server_port}"
    site.shutdown()
    site.server_close()


def test_an_organiser_pastes_a_sheet_copied_from_a_web_page(server, section_site, in_app, new_page, audit, shot):
    in_app(lambda: create_organiser("ana@example.org"))
    page = new_page()

    page.goto(f"{section_site}/section_ua_page.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Student Editor Held Without Charge")
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+C")

    log_in(page, server, "ana@example.org")
    page.get_by_role("navigation", name="Organisers").get_by_role("link", name="Import a UA").click()
    pasted = page.get_by_label("Paste the UA text")
    pasted.click()
    page.keyboard.press("Control+V")
    # What the browser copied is the whole page, its furniture included.
    expect(pasted).to_have_value(re.compile(r"Accept all cookies.*UA 88/26.*Privacy policy", re.DOTALL))
    page.get_by_role("button", name="Make a draft").click()

    expect(page.get_by_role("status")).to_contain_text("Imported UA 88/26 as a draft")
    expect(page).to_have_url(re.compile(r"/organisers/campaigns/\d+/edit$"))
    expect(page.get_by_label("UA number")).to_have_value("UA 88/26")
    expect(page.get_by_label("Title", exact=True)).to_have_value("Student Editor Held Without Charge")
    expect(page.locator("#targets-0-name")).to_have_value("Ram Prasad Adhikari")
    expect(page.locator("#targets-0-emails")).to_have_value(re.compile("minister.home@gov.example"))
    expect(page.locator("#targets-0-salutation")).to_have_value("Dear Minister,")
    expect(page.locator("#copies-0-organisation")).to_have_value("Embassy of Nepal")
    expect(page.get_by_label("Take action until")).to_have_value("2026-04-30")
    # None of the page's furniture is in a field, in the summary or among the notes to review.
    summary = page.get_by_label("Summary").input_value()
    notes = page.locator(".import-notes").inner_text() if page.locator(".import-notes").count() else ""
    for words in FURNITURE:
        assert words.casefold() not in summary.casefold(), words
        assert words.casefold() not in notes.casefold(), words
    audit(page, "editor after pasting a web page")
    shot(page, "the draft from a pasted web page")
    audit.assert_clean()
