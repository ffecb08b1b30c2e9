"""The UA import page: pasted text becomes a draft for review, and whatever the importer could not
place stays in front of the organiser until they have dealt with it."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, Campaign, CampaignStatus
from tests.helpers import audit_actions
from tests.test_organisers_editor import create_campaign, editor_fields

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_1d526e8f3518e5d4.txt"
IMPORT = "/organisers/campaigns/import"


def test_unplaced_fragments_stay_on_the_editor_until_reviewed(org_client):
    campaign = create_campaign(org_client)
    campaign.import_unplaced = ["Tel: +993 12 <35> 45 67", "A line the importer did not understand"]
    db.session.commit()
    path = f"/organisers/campaigns/{campaign.id}/edit"
    html = org_client.get(path).get_data(as_text=True)
    assert "Text the importer could not place" in html
    assert "Tel: +993 12 &lt;35&gt; 45 67" in html and "A line the importer did not understand" in html
    # Saving the campaign does not make them go away: only the organiser's "reviewed" does.
    org_client.post(path, data={**editor_fields(html), "op": "save"})
    assert "Text the importer could not place" in org_client.get(path).get_data(as_text=True)
    assert org_client.post(f"/organisers/campaigns/{campaign.id}/import-notes/dismiss").status_code == 303
    db.session.expire_all()
    assert campaign.import_reviewed_at is not None and not campaign.has_unreviewed_import_notes
    # Reviewed, the notes are folded away but kept: nothing of the sheet is lost.
    assert campaign.import_unplaced == ["Tel: +993 12 <35> 45 67", "A line the importer did not understand"]
    html = org_client.get(path).get_data(as_text=True)
    assert "Text the importer could not place" not in html
    assert "The importer's notes, reviewed on" in html and "A line the importer did not understand" in html
    assert "campaign.import_reviewed" in audit_actions()


def test_import_page_asks_for_the_text(org_client):
    assert "Paste the UA text" in org_client.get(IMPORT).get_data(as_text=True)
    response = org_client.post(IMPORT, data={"source_text": ""})
    assert response.status_code == 400
    assert 'id="source_text-error">Please paste the text of the UA sheet.' in response.get_data(as_text=True)


def test_importing_a_ua_sheet_makes_a_draft_to_review(org_client, client):
    importer = pytest.importorskip("campaigns.importer")
    if not SEED.exists():  # the real sheet is never copied into the repository
        pytest.skip("the UA 118/21 sheet is read from ../shared/seeds, which is not beside this clone")
    text = SEED.read_text(encoding="utf-8")
    response = org_client.post(IMPORT, data={"source_text": text})
    assert response.status_code == 303, response.get_data(as_text=True)
    campaign = db.session.scalar(select(Campaign))
    assert response.headers["Location"] == f"/organisers/campaigns/{campaign.id}/edit"
    assert campaign.ua_number == "UA 118/21"
    assert campaign.status is CampaignStatus.draft and campaign.is_test_mode  # nothing published, no mail
    assert campaign.source_text == text
    assert client.get(f"/campaigns/{campaign.slug}").status_code == 404
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "campaign.imported"))
    assert entry.subject_id == campaign.id and entry.organiser_email == "organiser@example.org"

    imported = importer.parse_ua_text(text)
    html = org_client.get(response.headers["Location"]).get_data(as_text=True)
    assert ("Text the importer could not place" in html) == bool([f for f in imported.unplaced if str(f).strip()])
    assert "The imported UA text" in html

    # The same sheet again (a follow-up, or a slip): a second draft with a placeholder number and a
    # note saying so, never a clash with the campaign that has the number.
    again = org_client.post(IMPORT, data={"source_text": text}, follow_redirects=True)
    assert again.status_code == 200
    html = again.get_data(as_text=True)
    assert "UA 118/21 is already used by the campaign" in html
    second = db.session.scalars(select(Campaign).order_by(Campaign.id.desc())).first()
    assert second.id != campaign.id and second.ua_number.startswith("IMPORT ")
    # The editor does not accept the placeholder: the organiser has to enter the real number.
    fields = editor_fields(org_client.get(f"/organisers/campaigns/{second.id}/edit").get_data(as_text=True))
    refused = org_client.post(f"/organisers/campaigns/{second.id}/edit", data={**fields, "op": "save"})
    assert refused.status_code == 400 and 'id="ua_number-error"' in refused.get_data(as_text=True)


def test_the_importers_notes_read_in_the_language_of_the_organiser_who_imported(org_client):
    from i18n import COOKIE
    org_client.set_cookie(COOKIE, "es")
    # No UA number, no country and a deadline that no calendar has: three notes.
    sheet = "JOURNALIST HELD IN SECRET\n\nA summary.\n\nPlease take action until 30 February 2027"
    response = org_client.post(IMPORT, data={"source_text": sheet})
    assert response.status_code == 303, response.get_data(as_text=True)
    campaign = db.session.scalar(select(Campaign))
    assert campaign.import_unplaced == [
        "Nota: no se pudo leer la fecha límite: «30 February 2027» no es una fecha. Ponla en el editor.",
        "Nota: no se encontró ningún número de AU: el borrador lleva uno provisional. Escribe el número real.",
        "Nota: no se encontró el país del caso; elígelo tú.",
        "Please take action until 30 February 2027"]  # the sheet's own words stay as written
    assert "Nota: no se encontró el país del caso" in org_client.get(response.headers["Location"]).get_data(
        as_text=True)
    # Curly brackets in a model letter, imported from a file: the note is Spanish, the letter as the sheet wrote it.
    russian = (Path(__file__).parent / "fixtures" / "ua_texts" / "messy_russia.txt").read_bytes()
    response = org_client.post(IMPORT, data={"sheet_file": (io.BytesIO(russian), "messy_russia.txt")},
                               content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    campaign = db.session.scalars(select(Campaign).order_by(Campaign.id.desc())).first()
    assert campaign.import_unplaced == ["Nota: las llaves de la carta modelo se han cambiado por paréntesis, para que "
                                       "no puedan actuar como marcadores."]
    assert (f"Se ha importado {campaign.ua_number} como borrador. Revisa todos los campos; el importador no pudo "
            "ubicar 1 fragmento de texto.") in org_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "(Save the Dvina forest)" in campaign.versions[0].body
    # A sheet with no headline: the draft's stand-in title is Spanish too, until the organiser writes the real one.
    response = org_client.post(IMPORT, data={"source_text": "UA 12/27\n\nPlease write to the minister."})
    assert response.status_code == 303, response.get_data(as_text=True)
    campaign = db.session.scalars(select(Campaign).order_by(Campaign.id.desc())).first()
    assert campaign.title == "Hoja de AU sin título"
    assert "Nota: no se encontró ningún título; ponle uno a la campaña." in campaign.import_unplaced
