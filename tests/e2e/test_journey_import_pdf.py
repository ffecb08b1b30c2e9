"""An organiser uploads a UA sheet as a PDF on the import page: a damaged file first, which the page
explains beside the upload field, then the sheet, which becomes a draft in the editor."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.flows import log_in
from tests.e2e.people import create_organiser
from tests.pdf_sheets import Layout, long_sheet, sheet_pdf

pytestmark = pytest.mark.browser


def test_an_organiser_uploads_a_two_column_pdf_and_gets_the_draft(server, in_app, new_page, audit, shot, tmp_path):
    in_app(lambda: create_organiser("ana@example.org"))
    sheet = tmp_path / "ua-207-26.pdf"
    sheet.write_bytes(sheet_pdf(long_sheet(60), Layout(columns=2)))
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)

    page = new_page()
    log_in(page, server, "ana@example.org")
    page.get_by_role("navigation", name="Organisers").get_by_role("link", name="Import a UA").click()
    upload = page.get_by_label("Or upload the sheet (PDF or text file)")
    expect(upload).to_have_attribute("type", "file")
    audit(page, "import page")

    upload.set_input_files(str(damaged))
    page.get_by_role("button", name="Make a draft").click()
    expect(page.get_by_role("alert")).to_contain_text("That PDF is damaged and cannot be read.")
    expect(page.locator("#sheet_file-error")).to_have_text(
        "That PDF is damaged and cannot be read. Please upload it again, or paste its text.")
    expect(upload).to_have_attribute("aria-invalid", "true")
    audit(page, "import page, damaged file")
    shot(page, "the whole import page, damaged file")

    upload.set_input_files(str(sheet))
    page.get_by_role("button", name="Make a draft").click()
    expect(page.get_by_role("status")).to_contain_text("Imported UA 207/26 as a draft")
    expect(page).to_have_url(re.compile(r"/organisers/campaigns/\d+/edit$"))
    expect(page.get_by_label("UA number")).to_have_value("UA 207/26")
    expect(page.get_by_label("Title", exact=True)).to_have_value(re.compile("bread prices", re.IGNORECASE))
    audit(page, "editor after the PDF import")
    audit.assert_clean()
