"""A UA sheet imported from a file: uploaded on the organisers' import page, or named to
`flask campaigns import`. The PDFs are drawn here from an invented sheet (tests/pdf_sheets.py)."""
from __future__ import annotations

import io
import re

from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, select

from campaigns.sheet_sources import MAX_FILE_BYTES
from extensions import db
from models import AuditEntry, Campaign, CampaignStatus
from tests.helpers import csrf_token, log_in
from tests.hostile import assert_no_injected_markup, fewer_examples, hostile
from tests.pdf_sheets import HEADER, SHEET, Layout, long_sheet, sheet_pdf

IMPORT = "/organisers/campaigns/import"


def upload(client, data: bytes, name: str = "ua-207-26.pdf", **fields):
    return client.post(IMPORT, data={"source_text": "", **fields, "sheet_file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def campaigns() -> int:
    return db.session.scalar(select(func.count()).select_from(Campaign))


def field_error(html: str, field: str) -> str:
    found = re.search(rf'id="{field}-error">([^<]*)<', html)
    return found.group(1) if found else ""


def test_the_import_page_offers_an_upload_in_a_multipart_form(org_client):
    html = org_client.get(IMPORT).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html
    assert re.search(r'<input[^>]*accept="\.pdf,\.txt,application/pdf,text/plain"[^>]*type="file"', html) or \
        re.search(r'<input[^>]*type="file"[^>]*accept="\.pdf,\.txt', html)
    assert "Or upload the sheet (PDF or text file)" in html


def test_an_uploaded_two_column_pdf_becomes_a_draft_to_review(org_client):
    response = upload(org_client, sheet_pdf(long_sheet(95), Layout(columns=2)))
    assert response.status_code == 303, response.get_data(as_text=True)
    campaign = db.session.scalar(select(Campaign))
    assert response.headers["Location"] == f"/organisers/campaigns/{campaign.id}/edit"
    assert campaign.ua_number == "UA 207/26"
    assert campaign.status is CampaignStatus.draft and campaign.is_test_mode
    assert [target.name for target in campaign.targets if target.kind.value == "primary"] == ["Hédi Ksouri"]
    # The text kept with the campaign is what the PDF says, in reading order, without page furniture.
    assert campaign.source_text.startswith("URGENT ACTION") and HEADER not in campaign.source_text
    editor = org_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported UA 207/26 as a draft." in editor
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "campaign.imported"))
    assert entry.subject_id == campaign.id and "from 'ua-207-26.pdf'" in entry.summary
    assert org_client.get(f"/campaigns/{campaign.slug}").status_code == 404  # nothing published


def test_an_uploaded_text_file_is_imported_like_pasted_text(org_client):
    response = upload(org_client, SHEET.encode("utf-8-sig"), "sheet.txt")
    assert response.status_code == 303, response.get_data(as_text=True)
    campaign = db.session.scalar(select(Campaign))
    assert campaign.ua_number == "UA 207/26" and campaign.source_text == SHEET


def test_a_file_that_cannot_be_read_is_an_error_beside_the_upload_field(org_client):
    locked = io.BytesIO()
    canvas = Canvas(locked, encrypt=StandardEncryption("secret", canPrint=1))
    canvas.drawString(56, 760, "UA 207/26")
    canvas.showPage()
    canvas.save()
    refusals = {
        "locked with a password": (locked.getvalue(), "locked.pdf"),
        "damaged": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "damaged.pdf"),
        "neither a PDF nor plain text": (b"PK\x03\x04\x14\x00\x00\x00word/document.xml", "sheet.docx"),
        "not UTF-8": ("Salutation: Señor Ministro".encode("latin-1"), "sheet.txt"),
        "larger than 10 MB": (b"%PDF-1.4\n" + b"0" * MAX_FILE_BYTES, "huge.pdf"),
    }
    for reason, (data, name) in refusals.items():
        response = upload(org_client, data, name)
        assert response.status_code == 400, reason
        html = response.get_data(as_text=True)
        assert reason in field_error(html, "sheet_file"), (reason, field_error(html, "sheet_file"))
        assert 'aria-invalid="true"' in html and "Please check this 1 field" in html
    assert campaigns() == 0


def test_the_reason_is_given_in_the_organisers_language(org_client):
    from i18n import COOKIE

    org_client.set_cookie(COOKIE, "fr")
    html = upload(org_client, b"%PDF-1.7\n" + bytes(range(256)) * 40, "abîmé.pdf").get_data(as_text=True)
    assert field_error(html, "sheet_file") == ("Ce PDF est endommagé et ne peut pas être lu. Veuillez le téléverser "
                                               "à nouveau, ou coller son texte.")
    assert "Ou téléversez la fiche (PDF ou fichier texte)" in html


def test_pasted_text_and_a_file_together_are_refused_and_the_text_is_kept(org_client):
    response = upload(org_client, sheet_pdf(SHEET), source_text="UA 999/26 pasted by mistake")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "not both" in field_error(html, "sheet_file")
    assert "UA 999/26 pasted by mistake</textarea>" in html
    assert campaigns() == 0


def test_the_upload_needs_the_csrf_token(csrf_client, organiser):
    login = csrf_client.get("/organisers/login").get_data(as_text=True)
    assert log_in(csrf_client, csrf_token=csrf_token(login)).status_code == 303
    refused = upload(csrf_client, sheet_pdf(SHEET))
    assert refused.status_code == 400 and campaigns() == 0
    token = csrf_token(csrf_client.get(IMPORT).get_data(as_text=True))
    assert upload(csrf_client, sheet_pdf(SHEET), csrf_token=token).status_code == 303
    assert campaigns() == 1


def test_only_organisers_can_upload(client):
    response = upload(client, sheet_pdf(SHEET))
    assert response.status_code in (302, 303) and "/organisers/login" in response.headers["Location"]
    assert campaigns() == 0


_SHEET_PDF = sheet_pdf(SHEET)


@fewer_examples(3)
@given(data=st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=3000).map(lambda noise: b"%PDF-1.4\n" + noise),
    st.tuples(st.integers(0, len(_SHEET_PDF) - 1), st.binary(min_size=1, max_size=32)).map(
        lambda change: _SHEET_PDF[:change[0]] + change[1] + _SHEET_PDF[change[0] + len(change[1]):]),
    hostile.map(lambda text: text.encode("utf-8", "surrogatepass"))),
    name=st.one_of(st.sampled_from(["ua.pdf", "ua.txt", "../../etc/passwd", "<b>ua</b>.pdf"]), hostile))
def test_hostile_files_in_the_import(org_client, data, name):
    """Whatever the file and its name: a draft, or the upload field saying why not; never a 500."""
    response = upload(org_client, data, name or "unnamed")
    assert response.status_code in (303, 400), response.status_code
    html = response.get_data(as_text=True)
    assert_no_injected_markup(html)
    if response.status_code == 400:
        assert field_error(html, "sheet_file") or field_error(html, "source_text")


# --- the command line --------------------------------------------------------------------------------

def test_flask_campaigns_import_reads_a_pdf(app, tmp_path):
    sheet = tmp_path / "ua-207-26.pdf"
    sheet.write_bytes(sheet_pdf(long_sheet(40), Layout(columns=2)))
    result = app.test_cli_runner().invoke(args=["campaigns", "import", str(sheet)])
    assert result.exit_code == 0, result.output
    assert "UA number: UA 207/26" in result.output and "Created draft campaign" in result.output
    campaign = db.session.scalar(select(Campaign))
    assert campaign.ua_number == "UA 207/26" and campaign.status is CampaignStatus.draft and campaign.is_test_mode
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "campaign.imported"))
    assert str(sheet) in entry.summary


def test_flask_campaigns_import_still_reads_text_and_leaves_web_furniture_out(app, tmp_path):
    sheet = tmp_path / "pasted.txt"
    sheet.write_text("Skip to content\nMenu\nShare this\nFacebook\n" + SHEET + "\nPrivacy policy\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["campaigns", "import", str(sheet)])
    assert result.exit_code == 0, result.output
    assert "Skip to content" not in result.output and "Privacy policy" not in result.output
    campaign = db.session.scalar(select(Campaign))
    assert campaign.ua_number == "UA 207/26"


def test_flask_campaigns_import_refuses_a_locked_pdf_with_its_reason(app, tmp_path):
    locked = io.BytesIO()
    canvas = Canvas(locked, encrypt=StandardEncryption("secret", canPrint=1))
    canvas.drawString(56, 760, "UA 207/26")
    canvas.showPage()
    canvas.save()
    sheet = tmp_path / "locked.pdf"
    sheet.write_bytes(locked.getvalue())
    result = app.test_cli_runner().invoke(args=["campaigns", "import", str(sheet)])
    assert result.exit_code == 1
    assert f"{sheet}: That PDF is locked with a password." in result.output
    assert campaigns() == 0
