"""The campaign editor: a round trip through every part, rearranging without JavaScript,
a message beside every field, letter templates with their placeholders and previews."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from extensions import db
from models import AuditEntry, Campaign, CampaignStatus, TargetKind
from tests.helpers import action_data

NEW = "/organisers/campaigns/new"


class _FormFields(HTMLParser):
    """The fields a browser would submit from the page's main form (the one with Save)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = []
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") in ("submit", "button"):
                return
            self._form.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            if self._select[2] is None:
                self._select[2] = a.get("value", "")
            if "selected" in a:
                self._select[1] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            text = self._textarea[1]
            text = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self._form.append((self._textarea[0], text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, chosen, first = self._select
            self._form.append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "form":
            self._form = None


def editor_fields(html: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(html)
    form = next(f for f in parser.forms if any(name == "ua_number" for name, _ in f))
    return dict(form)


def campaign_data(**overrides) -> dict[str, str]:
    data = {
        "op": "save", "ua_number": "ua 60 / 16", "title": "Egypt: Student held incommunicado", "country": "EG",
        "summary": "Karim was arrested on 2 May.\n\nHis family do not know where he is.",
        "background": "Background text.", "deadline": "2099-06-30", "preferred_languages": "ar, en",
        "goal": "2500", "hourly_email_cap": "20", "test_recipient": "tests@example.org",
        "updates_address": "ua@example.org",
        "people-0-id": "", "people-0-name": "Karim Hassan", "people-0-pronouns": "he/him",
        "people-0-description": "student",
        "people-1-id": "", "people-1-name": "Amal Hassan", "people-1-pronouns": "she/her", "people-1-description": "",
        "demands-0-id": "", "demands-0-text": "Reveal where Karim Hassan is held.",
        "demands-1-id": "", "demands-1-text": "Protect him from torture.",
        "demands-2-id": "", "demands-2-text": "Release him.",
        "targets-0-id": "", "targets-0-title": "Public Prosecutor", "targets-0-honorific": "Counsellor",
        "targets-0-name": "Hamada al-Sawy", "targets-0-organisation": "Office of the Public Prosecutor",
        "targets-0-address_lines": "Madinat al-Rehab\nBuilding 1", "targets-0-city": "Cairo", "targets-0-region": "",
        "targets-0-postcode": "11841", "targets-0-country": "EG",
        "targets-0-emails": "prosecutor@example.org, office@example.org", "targets-0-fax": "+20 2 2577 4716",
        "targets-0-phone": "", "targets-0-salutation": "Dear Counsellor,", "targets-0-language": "ar",
        "targets-0-hourly_email_cap": "",
        "copies-0-id": "", "copies-0-title": "Ambassador of Egypt", "copies-0-honorific": "", "copies-0-name": "",
        "copies-0-organisation": "Embassy of Egypt", "copies-0-address_lines": "26 South Street",
        "copies-0-city": "London", "copies-0-region": "", "copies-0-postcode": "W1K 1DW", "copies-0-country": "GB",
        "copies-0-emails": "embassy@example.org", "copies-0-fax": "", "copies-0-phone": "+44 20 7499 3304",
        "copies-0-salutation": "Dear Ambassador,", "copies-0-language": "en", "copies-0-hourly_email_cap": "5",
    }
    data.update(overrides)
    return data


def create_campaign(client, **overrides) -> Campaign:
    response = client.post(NEW, data=campaign_data(**overrides))
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.expire_all()
    campaign_id = int(re.search(r"/campaigns/(\d+)/edit", response.headers["Location"]).group(1))
    return db.session.get(Campaign, campaign_id)


def test_new_campaign_round_trip(org_client):
    page = org_client.get(NEW)
    assert page.status_code == 200
    campaign = create_campaign(org_client)
    assert campaign.ua_number == "UA 60/16" and campaign.slug == "ua-60-16"
    assert campaign.status is CampaignStatus.draft and campaign.is_test_mode
    assert campaign.preferred_languages == ["ar", "en"] and campaign.goal == 2500
    assert [p.name for p in campaign.people] == ["Karim Hassan", "Amal Hassan"]
    assert [d.text for d in campaign.demands] == ["Reveal where Karim Hassan is held.", "Protect him from torture.",
                                                  "Release him."]
    [target] = campaign.primary_targets
    assert target.address_lines == ["Madinat al-Rehab", "Building 1"]
    assert target.emails == ["prosecutor@example.org", "office@example.org"]
    assert (target.salutation, target.language, target.country) == ("Dear Counsellor,", "ar", "EG")
    [copy] = campaign.copy_targets
    assert copy.kind is TargetKind.copy and copy.hourly_email_cap == 5 and copy.phone == "+44 20 7499 3304"
    assert db.session.scalar(select(AuditEntry.action).where(
        AuditEntry.subject_type == "campaign", AuditEntry.subject_id == campaign.id)) == "campaign.created"

    # The editor shows it all back, ready to submit again unchanged.
    html = org_client.get(f"/organisers/campaigns/{campaign.id}/edit").get_data(as_text=True)
    fields = editor_fields(html)
    assert fields["targets-0-address_lines"] == "Madinat al-Rehab\nBuilding 1"
    assert fields["targets-0-emails"] == "prosecutor@example.org\noffice@example.org"
    assert fields["country"] == "EG" and fields["deadline"] == "2099-06-30"
    ids = {fields["people-0-id"], fields["demands-0-id"], fields["targets-0-id"], fields["copies-0-id"]}
    assert "" not in ids
    response = org_client.post(f"/organisers/campaigns/{campaign.id}/edit", data={**fields, "op": "save"})
    assert response.status_code == 303
    db.session.expire_all()
    assert [p.name for p in campaign.people] == ["Karim Hassan", "Amal Hassan"]
    assert [t.id for t in campaign.targets] == [target.id, copy.id]


def _rearrange(client, path, fields, op):
    response = client.post(path, data={**fields, "op": op})
    assert response.status_code == 200
    return editor_fields(response.get_data(as_text=True))


def test_add_remove_and_reorder_without_javascript(org_client):
    campaign = create_campaign(org_client)
    path = f"/organisers/campaigns/{campaign.id}/edit"
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    demand_ids = [fields[f"demands-{i}-id"] for i in range(3)]

    fields = _rearrange(org_client, path, fields, "down:demands:0")
    assert [fields[f"demands-{i}-text"] for i in range(3)] == [
        "Protect him from torture.", "Reveal where Karim Hassan is held.", "Release him."]
    fields = _rearrange(org_client, path, fields, "up:demands:2")
    fields = _rearrange(org_client, path, fields, "remove:demands:0")
    assert [fields[f"demands-{i}-text"] for i in range(2)] == ["Release him.", "Reveal where Karim Hassan is held."]
    assert "demands-2-text" not in fields
    fields = _rearrange(org_client, path, fields, "add:demands")
    assert fields["demands-2-text"] == "" and fields["demands-2-id"] == ""
    fields["demands-2-text"] = "Let him see a lawyer."
    fields = _rearrange(org_client, path, fields, "add:people")  # left empty: ignored on save
    fields = _rearrange(org_client, path, fields, "remove:copies:0")
    fields = _rearrange(org_client, path, fields, "add:copies")
    fields.update({"copies-0-title": "Minister of Justice", "copies-0-emails": "justice@example.org"})
    # Nothing is saved by rearranging.
    db.session.expire_all()
    assert len(campaign.demands) == 3 and len(campaign.copy_targets) == 1

    response = org_client.post(path, data={**fields, "op": "save"})
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.expire_all()
    assert [d.text for d in campaign.demands] == ["Release him.", "Reveal where Karim Hassan is held.",
                                                  "Let him see a lawyer."]
    # Edited demands keep their rows; the removed one is gone.
    assert [str(d.id) for d in campaign.demands[:2]] == [demand_ids[2], demand_ids[0]]
    assert len(campaign.people) == 2
    assert [t.title for t in campaign.copy_targets] == ["Minister of Justice"]


def test_enter_in_a_field_saves_rather_than_removes(org_client):
    html = org_client.get(NEW).get_data(as_text=True)
    form = html[html.index('<form method="post" class="form editor"'):]
    first_button = re.search(r"<button[^>]*>", form).group(0)
    assert 'value="save"' in first_button


def test_unknown_operation_is_refused(org_client):
    assert org_client.post(NEW, data=campaign_data(op="explode:demands")).status_code == 400


BAD_FIELDS = [
    ("ua_number", "118/21", "A UA number looks like"),
    ("title", "", "Please give the campaign a title."),
    ("country", "", "Please choose the country of the case."),
    ("country", "XX", "Not a valid choice"),
    ("deadline", "30/06/2099", "Not a valid date value"),
    ("preferred_languages", "en, klingon", "Unknown language code: klingon"),
    ("goal", "lots", "Not a valid integer value"),
    ("goal", "-5", "Please enter a number from 0 to 10,000,000."),
    ("hourly_email_cap", "0", "Please enter a number from 1 to 1,000."),
    ("test_recipient", "not-an-address", "Please enter an email address like name@example.org."),
    ("updates_address", "nope@", "Please enter an email address like name@example.org."),
    ("people-0-name", "", "Please enter the person's name, or remove this person."),
    ("people-0-description", "x" * 301, "Please keep this under 300 characters."),
    ("demands-1-text", "x" * 2001, "Please keep a demand under 2,000 characters."),
    ("targets-0-title", "", "Please give the official's title, name or office.",
     {"targets-0-name": "", "targets-0-organisation": "", "targets-0-honorific": ""}),
    ("targets-0-emails", "prosecutor@example.org, not an address", "Not email addresses: not, an, address"),
    ("targets-0-emails", "prosecutor@example.org\nbroken@", "Not an email address: broken@"),
    ("targets-0-country", "ZZ", "Not a valid choice"),
    ("targets-0-language", "xx", "Not a valid choice"),
    ("targets-0-hourly_email_cap", "5000", "Please enter a number from 1 to 1,000."),
    ("targets-0-city", "Cairo\r\nBcc: x@example.org", "Please use one line without special characters."),
    ("copies-0-address_lines", "\n".join(["line"] * 9), "Please use at most 8 address lines"),
]


@pytest.mark.parametrize("name,value,message,also", [(*case, {})[:4] for case in BAD_FIELDS])
def test_every_field_shows_its_error_beside_it_and_keeps_what_was_typed(org_client, name, value, message, also):
    data = campaign_data(**{name: value, "summary": "Kept <b>as typed</b>", **also})
    if name != "title":
        data["title"] = "Egypt: Student “held” incommunicado"
    response = org_client.post(NEW, data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(rf'<p class="error-text" id="{re.escape(name)}-error">([^<]*)</p>', html)
    assert error, f"no error beside {name}"
    assert message in error.group(1).replace("&#39;", "'")
    assert f'href="#{name}"' in html  # and in the summary at the top, linked to the field
    assert "Kept &lt;b&gt;as typed&lt;/b&gt;" in html
    if name != "title":
        assert "Egypt: Student “held” incommunicado" in html
    if name != "targets-0-fax":
        assert 'value="+20 2 2577 4716"' in html
    assert db.session.scalar(select(Campaign.id)) is None


@pytest.mark.parametrize("address", [
    "prosecutor@example.org", "Prosecutor+test@EXAMPLE.org",              # this form's own official
    "go.saparov@gmail.com", "gosaparov+x@googlemail.com", "TURKMEN@mindspring.com",  # another case's
])
def test_the_test_address_may_not_be_an_officials_by_any_alias(org_client, demo, address):
    response = org_client.post(NEW, data=campaign_data(test_recipient=address))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(r'<p class="error-text" id="test_recipient-error">([^<]*)</p>', html)
    assert error and "never to an official" in error.group(1)
    assert 'value="Hamada al-Sawy"' in html  # everything typed comes back
    assert db.session.scalar(select(Campaign.id).where(Campaign.ua_number == "UA 60/16")) is None
    # An organisers' address is fine.
    assert org_client.post(NEW, data=campaign_data(test_recipient="organisers@example.org")).status_code == 303


def test_ua_number_must_be_free(org_client, demo):
    response = org_client.post(NEW, data=campaign_data(ua_number="UA118/21"))
    assert response.status_code == 400
    assert "UA 118/21 is already used by another campaign" in response.get_data(as_text=True)


def test_a_published_campaign_keeps_its_ua_number(org_client, demo):
    path = f"/organisers/campaigns/{demo.id}/edit"
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    response = org_client.post(path, data={**fields, "ua_number": "UA 119/21"})
    assert response.status_code == 400
    assert "A published campaign keeps its UA number (UA 118/21)" in response.get_data(as_text=True)


def test_a_target_with_letters_cannot_be_removed(org_client, demo, client):
    org_client.post("/campaigns/ua-118-21/write", data=action_data(demo, org_client))
    path = f"/organisers/campaigns/{demo.id}/edit"
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    fields = _rearrange(org_client, path, fields, "remove:copies:0")
    response = org_client.post(path, data={**fields, "op": "save"})
    assert response.status_code == 400
    assert "Supporters have already written to His Excellency Meret Orazov" in response.get_data(as_text=True)
    db.session.expire_all()
    assert len(demo.copy_targets) == 1


def test_ids_of_another_campaign_are_not_trusted(org_client, demo):
    campaign = create_campaign(org_client)
    path = f"/organisers/campaigns/{campaign.id}/edit"
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    fields["targets-0-id"] = str(demo.primary_targets[0].id)
    assert org_client.post(path, data={**fields, "op": "save"}).status_code == 303
    db.session.expire_all()
    assert demo.primary_targets[0].title == "President of Turkmenistan"
    assert campaign.primary_targets[0].id != demo.primary_targets[0].id


def test_a_new_official_address_puts_a_live_campaign_back_in_test_mode(org_client):
    campaign = create_campaign(org_client)
    campaign.is_test_mode = False
    db.session.commit()
    path = f"/organisers/campaigns/{campaign.id}/edit"
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    # The same addresses again: nothing changes.
    org_client.post(path, data={**fields, "summary": "New summary."})
    db.session.expire_all()
    assert not campaign.is_test_mode
    fields["targets-0-emails"] += "\nnew-address@example.org"
    response = org_client.post(path, data=fields, follow_redirects=True)
    assert "back in test mode" in response.get_data(as_text=True)
    db.session.expire_all()
    assert campaign.is_test_mode


# --- letter templates ---------------------------------------------------------------------------

def test_template_editor_lists_placeholders_and_refuses_unknown_ones(org_client):
    campaign = create_campaign(org_client)
    new = f"/organisers/campaigns/{campaign.id}/letters/new"
    html = org_client.get(new).get_data(as_text=True)
    for name in ("{salutation}", "{supporter_name}", "{demands}", "{ua_number}"):
        assert name in html
    response = org_client.post(new, data={
        "language": "en", "subject": "About {person} {case_number}",
        "body": "Dear friend {Supporter_Name}, {demands} and { person } and {unknown_thing}."})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'id="subject-error">Unknown placeholder: \{case_number\}', html)
    assert re.search(r'id="body-error">Unknown placeholders: \{ person \}, \{Supporter_Name\}, \{unknown_thing\}',
                     html)
    assert campaign.versions == []


def version_fields(campaign, language="en") -> dict:
    """What the letter form posts for a complete version: every demand and every official."""
    return {"language": language, "subject": "{person} ({ua_number})",
            "body": "I write about {person}, as {supporter_name} from {supporter_town}.\n\n"
                    "I urge you to:\n{demands}\n\n{personal_message}",
            **{f"demand_{d.id}": d.text for d in campaign.demands},
            **{f"salutation_{t.id}": t.salutation for t in campaign.targets},
            **{f"closing_{t.id}": "" for t in campaign.targets}}


def _save_template(client, campaign, language="en"):
    response = client.post(f"/organisers/campaigns/{campaign.id}/letters/new", data=version_fields(campaign, language))
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def test_one_letter_per_language(org_client):
    campaign = create_campaign(org_client)
    _save_template(org_client, campaign)
    response = org_client.post(f"/organisers/campaigns/{campaign.id}/letters/new", data={
        "language": "en", "subject": "Again", "body": "Again"})
    assert response.status_code == 400
    assert "There is already a letter in this language" in response.get_data(as_text=True)
    edit = org_client.post(f"/organisers/campaigns/{campaign.id}/letters/en", data={
        "language": "en", "subject": "Changed {ua_number}", "body": "Changed body for {person}."})
    assert edit.status_code == 303
    db.session.expire_all()
    assert campaign.version_for("en").subject == "Changed {ua_number}"
    assert org_client.post(f"/organisers/campaigns/{campaign.id}/letters/en/delete").status_code == 303
    db.session.expire_all()
    assert campaign.versions == []


def test_preview_as_pdf_for_a_sample_supporter(org_client):
    campaign = create_campaign(org_client)
    _save_template(org_client, campaign)
    response = org_client.get(f"/organisers/campaigns/{campaign.id}/letters/en/preview.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Alex Sample" in text and "Dear Counsellor," in text
    assert "Reveal where Karim Hassan is held." in text
    assert "Karim Hassan and Amal Hassan (UA 60/16)" in text

    copy = campaign.copy_targets[0]
    response = org_client.get(f"/organisers/campaigns/{campaign.id}/letters/en/preview.pdf?target={copy.id}")
    assert "Dear Ambassador," in "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)


def test_preview_as_email_shows_what_the_email_channel_sends(org_client):
    campaign = create_campaign(org_client)
    _save_template(org_client, campaign)
    html = org_client.get(f"/organisers/campaigns/{campaign.id}/letters/en/preview").get_data(as_text=True)
    assert "[TEST] Karim Hassan and Amal Hassan (UA 60/16)" in html
    assert "tests@example.org" in html  # the test address, while in test mode
    assert "prosecutor@example.org, office@example.org" in html  # where it would go live
    assert "Alex Sample via UA Desk" in html and "Dear Counsellor," in html
    assert "12 Example Street" not in html  # emails never carry the street
    email_html = org_client.get(f"/organisers/campaigns/{campaign.id}/letters/en/preview-email.html")
    assert email_html.mimetype == "text/html" and "sandbox" in email_html.headers["Content-Security-Policy"]
    assert "Dear Counsellor," in email_html.get_data(as_text=True)
    assert org_client.get(f"/organisers/campaigns/{campaign.id}/letters/fr/preview").status_code == 404


def test_preview_works_before_any_official_is_added(org_client):
    campaign = create_campaign(org_client, **{f"targets-0-{name}": "" for name in (
        "title", "honorific", "name", "organisation", "address_lines", "city", "postcode", "country", "emails",
        "fax", "salutation", "language")}, **{f"copies-0-{name}": "" for name in (
        "title", "organisation", "address_lines", "city", "postcode", "country", "emails", "phone", "salutation",
        "language", "hourly_email_cap")})
    assert campaign.targets == []
    _save_template(org_client, campaign)
    response = org_client.get(f"/organisers/campaigns/{campaign.id}/letters/en/preview.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Dear Sir or Madam," in text and "Alex Sample" in text
    assert org_client.get(f"/organisers/campaigns/{campaign.id}/letters/en/preview").status_code == 200
    db.session.expire_all()
    assert campaign.targets == []  # the stand-in official was never saved


def test_a_number_longer_than_any_count_is_refused_beside_its_field(org_client, demo):
    """WTForms' range check overflowed on a goal of 400 digits and answered 500."""
    data = editor_fields(org_client.get(f"/organisers/campaigns/{demo.id}/edit").get_data(as_text=True))
    response = org_client.post(f"/organisers/campaigns/{demo.id}/edit", data={**data, "goal": "1" * 400,
                                                                             "op": "save"})
    assert response.status_code == 400
    assert '<p class="error-text" id="goal-error">Not a valid integer value.</p>' in response.get_data(as_text=True)
