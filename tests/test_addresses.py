"""Postal addresses the way each country writes them: asked for, checked, stored and printed.

The per-country rules come from Google's address data (letters/postal.py); these tests hold the
form, the letters (PDF text read back with pypdf, email letters as delivered) and the officials'
address blocks to them.
"""
from __future__ import annotations

import io
import re

from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from campaigns.forgetting import details_to_keep
from campaigns.submission import Submission, SupporterDetails
from extensions import db
from formatting import country_choices
from letters import postal
from letters.addresses import recipient_lines, supporter_lines, supporter_town, supporter_town_lines
from models import Channel, Supporter, Target, TargetKind
from outbox.delivery import deliver_due
from privacy.services import erase_person
from tests.helpers import action_data, confirm_by_email, secret_from
from tests.hostile import assert_comes_back, assert_no_injected_markup, field_errors, hostile, hostile_settings

WRITE = "/campaigns/ua-118-21/write"
US = dict(address_line1="1600 Pennsylvania Avenue NW", city="Springfield", country="US", postcode="62701")
JP_LATIN = dict(address_line1="1-1 Chiyoda, Chiyoda-ku", city="", country="JP", postcode="100-0001")
JP_LOCAL = dict(address_line1="千代田区千代田1-1", city="", country="JP", postcode="100-0001")
DE = dict(address_line1="Invalidenstraße 1", city="Berlin", country="DE", postcode="10115")


def _post(client, demo, **fields):
    return client.post(WRITE, data=action_data(demo, client, **fields))


def _error_of(html: str, field: str) -> str:
    match = re.search(rf'<p class="error-text" id="{field}-error">([^<]*)</p>', html)
    return match.group(1) if match else ""


def _pdf_lines(client, secret: str) -> list[str]:
    reader = PdfReader(io.BytesIO(client.get(f"/a/{secret}/letters.pdf").data))
    return [line.strip() for page in reader.pages[1:] for line in page.extract_text().splitlines()]


def _follows(lines: list[str], block: list[str]) -> bool:
    """The block's lines appear one after another in the text."""
    return any(lines[i:i + len(block)] == block for i in range(len(lines)))


# --- The form asks for what the country's addresses have ---

def test_a_us_supporter_must_choose_a_state_and_keeps_what_they_typed(client, demo):
    response = _post(client, demo, name="Ruth Example", **US)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _error_of(html, "region") == "Please choose your state."
    assert "State: Please choose your state." in html  # the summary names the field by the country's word
    for typed in ("Ruth Example", US["address_line1"], "Springfield", "62701"):
        assert f'value="{typed}"' in html
    # Fitted to the country without a script: the states to choose from, the ZIP code so called.
    assert '<select' in html and '<option value="IL">Illinois</option>' in html
    assert '<label for="postcode">ZIP code</label>' in html
    assert db.session.scalar(select(Supporter)) is None


def test_a_us_zip_code_is_checked_by_its_shape_and_its_state(client, demo):
    html = _post(client, demo, **{**US, "postcode": "6270"}, region="IL").get_data(as_text=True)
    assert _error_of(html, "postcode") == "Please enter a ZIP code like 95014."
    html = _post(client, demo, **{**US, "postcode": "10001"}, region="IL").get_data(as_text=True)
    assert _error_of(html, "postcode") == "This code belongs to another part of the country than the one you chose."
    assert '<option selected value="IL">Illinois</option>' in html  # the chosen state stays chosen
    response = _post(client, demo, **{**US, "postcode": "62701-1234"}, region="illinois")  # typed, without a script
    assert response.status_code == 303
    assert db.session.scalar(select(Supporter.region)) == "IL"


def test_a_japanese_supporter_must_give_a_prefecture_and_needs_no_town(client, demo):
    html = _post(client, demo, **JP_LATIN).get_data(as_text=True)
    assert _error_of(html, "region") == "Please choose your prefecture."
    assert _error_of(html, "city") == ""  # Japanese addresses write the town in the street lines
    assert '<div data-address-field="city" hidden>' in html
    assert '<label for="address_line1">Street, number and town</label>' in html
    assert _post(client, demo, **JP_LATIN, region="Tokyo").status_code == 303
    assert db.session.scalar(select(Supporter.region)) == "東京都"


def test_the_town_is_still_required_where_the_country_has_one(client, demo):
    html = _post(client, demo, **{**DE, "city": ""}).get_data(as_text=True)
    assert _error_of(html, "city") == "Please enter your town or city."


def test_a_region_not_on_the_country_list_is_refused_with_its_own_message(client, demo):
    html = _post(client, demo, **US, region="Atlantis").get_data(as_text=True)
    assert _error_of(html, "region") == "Please choose one from the list."


def test_the_fields_come_in_the_countrys_order(client, demo):
    order = re.compile(r'data-address-field="(\w+)"')
    generic = order.findall(client.get(WRITE).get_data(as_text=True))
    assert generic == ["address_line1", "address_line2", "city", "region", "postcode"]
    german = order.findall(_post(client, demo, **{**DE, "name": ""}).get_data(as_text=True))
    assert german[:4] == ["address_line1", "address_line2", "postcode", "city"]  # "10115 Berlin"


def test_the_script_gets_each_countrys_fields_in_the_pages_language(client):
    us = client.get("/address-formats/US.json")
    assert us.status_code == 200 and "max-age" in us.headers["Cache-Control"]
    fields = {f["name"]: f for f in us.json["fields"]}
    assert [f["name"] for f in us.json["fields"]][:5] == ["address_line1", "address_line2", "city", "region",
                                                           "postcode"]
    assert fields["region"]["label"] == "State" and fields["region"]["required"]
    assert fields["postcode"]["label"] == "ZIP code" and not fields["postcode"]["required"]
    assert ["IL", "Illinois"] in us.json["regions"]
    germany = client.get("/address-formats/DE.json").json
    shown = [f["name"] for f in germany["fields"] if f["shown"]]
    assert shown == ["address_line1", "address_line2", "postcode", "city"] and germany["regions"] == []
    canada = {f["name"]: f["label"] for f in client.get("/address-formats/CA.json").json["fields"]}
    assert canada["region"] == "Province"
    emirates = {f["name"]: f["shown"] for f in client.get("/address-formats/AE.json").json["fields"]}
    assert emirates["postcode"] is False  # no postcodes there
    for junk in ("ZZ", "xx", "ÄÖ", "USA", "u"):
        assert client.get(f"/address-formats/{junk}.json").json["country"] == ""


# --- And prints it in the country's order ---

def test_a_german_address_prints_postcode_before_town_and_the_country_last(client, demo):
    secret = secret_from(_post(client, demo, name="Anna Schmidt", **DE))
    assert _follows(_pdf_lines(client, secret), ["Anna Schmidt", "Invalidenstraße 1", "10115 Berlin", "GERMANY"])


def test_a_us_address_prints_town_state_and_zip_on_one_line(client, demo):
    secret = secret_from(_post(client, demo, name="Ruth Example", **US, region="IL"))
    assert _follows(_pdf_lines(client, secret), ["Ruth Example", US["address_line1"], "Springfield, IL 62701",
                                                 "UNITED STATES"])


def test_a_spanish_address_names_its_province_after_the_town_never_its_code(client, demo):
    madrid = dict(address_line1="Calle Mayor 5", city="Madrid", country="ES", postcode="28013", region="M")
    secret = secret_from(_post(client, demo, name="Lucía Ejemplo", **madrid))
    # The town is the province's: the province is not written again, and never as its code "M".
    assert _follows(_pdf_lines(client, secret), ["Lucía Ejemplo", "Calle Mayor 5", "28013 Madrid", "SPAIN"])
    assert postal.lines("ES", street_lines=["Rúa do Príncipe 3"], city="Vigo", region="PO", postcode="36202") \
        == ["Rúa do Príncipe 3", "36202 Vigo (Pontevedra)"]
    # Compared without case or accents; the name is the one the Spanish post prints, not its co-official ones.
    assert postal.lines("ES", street_lines=["Calle Ancha 1"], city="CADIZ", region="CA", postcode="11001") \
        == ["Calle Ancha 1", "11001 CADIZ"]
    assert postal.lines("ES", street_lines=["Calle Ancha 1"], city="Elche", region="A", postcode="03201") \
        == ["Calle Ancha 1", "03201 Elche (Alicante)"]
    # A province by the name it officially bears now, which the address data does not always have.
    assert postal.lines("ES", street_lines=["Kale Nagusia 1"], city="Getxo", region="BI", postcode="48990") \
        == ["Kale Nagusia 1", "48990 Getxo (Bizkaia)"]
    assert postal.lines("ES", street_lines=["Rúa Real 2"], city="A Coruña", region="C", postcode="15003") \
        == ["Rúa Real 2", "15003 A Coruña"]


def test_a_japanese_address_typed_in_latin_letters_prints_in_latin_order(client, demo):
    secret = secret_from(_post(client, demo, name="Hana Example", **JP_LATIN, region="東京都"))
    assert _follows(_pdf_lines(client, secret), ["Hana Example", "1-1 Chiyoda, Chiyoda-ku, Tokyo", "100-0001",
                                                 "JAPAN"])


def test_a_japanese_address_typed_in_japanese_is_written_from_the_postcode_down(client, demo):
    assert _post(client, demo, **JP_LOCAL, region="東京都").status_code == 303
    supporter = db.session.scalar(select(Supporter))
    # Printed in the Japanese order: 〒 and the postcode, the prefecture, then the rest.
    assert supporter_lines(supporter) == ["〒100-0001", "東京都", "千代田区千代田1-1", "JAPAN"]
    assert supporter_town(supporter) == "Tokyo"  # what an email letter calls the writer's home


def test_an_email_letter_signs_with_town_and_state_never_the_street(client, demo, mailbox_messages):
    secret = secret_from(_post(client, demo, name="Ruth Example", channel="email", **US, region="IL"))
    confirm_by_email(client, secret)
    deliver_due()
    letters = [m.get_body(("plain",)).get_content() for m in mailbox_messages() if "Ruth Example\n" in
               m.get_body(("plain",)).get_content() and "Yours sincerely" in m.get_body(("plain",)).get_content()]
    assert letters
    for text in letters:
        assert "Yours sincerely,\nRuth Example\nSpringfield, IL\nUnited States" in text
        assert "Pennsylvania" not in text and "62701" not in text


def test_the_signature_of_an_address_with_no_town_names_its_region():
    supporter = Supporter(name="Hana", email="h@example.org", address_line1="", address_line2="", city="",
                          region="東京都", postcode="", country="JP")
    assert supporter_town_lines(supporter) == ["Tokyo", "Japan"]


# --- Officials' addresses follow their own country ---

def _official(**address) -> Target:
    return Target(kind=TargetKind.primary, title="Minister of Justice", honorific="", name="", organisation="",
                  emails=[], fax="", phone="", salutation="", language="", **address)


def test_officials_addresses_follow_the_destinations_order():
    ashgabat = _official(address_lines=["Garashsyzlyk Street 1"], city="Ashgabat", region="", postcode="744000",
                         country="TM")
    assert recipient_lines(ashgabat) == ["Minister of Justice", "Garashsyzlyk Street 1", "744000 Ashgabat",
                                         "TURKMENISTAN"]
    assert recipient_lines(ashgabat, from_country="TM")[-1] == "744000 Ashgabat"  # no country line at home
    washington = _official(address_lines=["2207 Massachusetts Avenue NW"], city="Washington", region="D.C.",
                           postcode="20008", country="US")
    assert recipient_lines(washington)[-2:] == ["Washington, D.C. 20008", "UNITED STATES"]
    tokyo = _official(address_lines=["1-1-1 Kasumigaseki, Chiyoda-ku"], city="", region="Tokyo",
                      postcode="100-8977", country="JP")
    assert recipient_lines(tokyo)[1:] == ["1-1-1 Kasumigaseki, Chiyoda-ku, Tokyo", "100-8977", "JAPAN"]
    nowhere = _official(address_lines=["1 Road"], city="Town", region="Region", postcode="123", country="")
    assert recipient_lines(nowhere)[1:] == ["1 Road", "Town"]


def test_every_country_has_a_format_and_lays_out_an_address():
    for code, _ in country_choices():
        lines = postal.lines(code, street_lines=["1 Road"], city="Town", region="", postcode="")
        text = "\n".join(lines)
        assert "1 Road" in text and "Town" in text, code  # Japan and Singapore: the town in the street lines


# --- Kept no longer than the rest of the address ---

def test_the_region_is_forgotten_with_the_address():
    details = SupporterDetails(name="Ruth", email="r@example.org", address_line1="1 Main St", address_line2="",
                               city="Springfield", postcode="62701", country="US", region="IL")
    printed = Submission(details=details, target_ids=[1], channel=Channel.pdf, language="en",
                         form_nonce="x" * 20, forget_address=True)
    assert details_to_keep(printed).region == ""
    emailed = Submission(details=details, target_ids=[1], channel=Channel.email, language="en",
                         form_nonce="x" * 20, forget_address=True)
    assert details_to_keep(emailed).region == "IL"  # an email letter, written later, says where they live


def test_erasing_a_person_empties_their_region(client, demo):
    assert _post(client, demo, **US, region="IL").status_code == 303
    assert db.session.scalar(select(Supporter.region)) == "IL"
    erase_person("jane@example.org")
    db.session.commit()
    db.session.expire_all()
    assert db.session.scalar(select(Supporter.region)) == ""


# --- Whatever is typed, a page that says what is wrong ---

@hostile_settings
@given(country=st.sampled_from(["US", "JP", "CA", "DE", "GB", "AE", "CN", "IE", ""]),
       field=st.sampled_from(["region", "postcode", "city", "address_line1", "address_line2"]), value=hostile)
def test_hostile_address_parts_never_break_the_form(client, demo, country, field, value):
    data = action_data(demo, client, **{**US, "country": country, "region": "IL", "name": "Ruth Example"})
    data[field] = value
    response = client.post(WRITE, data=data)
    assert response.status_code in (303, 400), response.status_code
    html = response.get_data(as_text=True)
    if response.status_code == 400:
        assert "error-summary" in html
        field_errors(html, data)  # each message sits beside a field that was sent, and the summary links it
        assert_comes_back(html, data, [name for name in ("name", "address_line1", "city") if name != field])
        assert_no_injected_markup(html)
        return
    pdf = client.get(response.headers["Location"] + "/letters.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"


def test_a_field_the_country_does_not_use_still_shows_its_error(client, demo):
    html = _post(client, demo, **{**JP_LATIN, "city": "Chiyoda\x07"}, region="Tokyo").get_data(as_text=True)
    assert _error_of(html, "city") == "Please use one line without special characters."
    assert '<div data-address-field="city">' in html
