""""Don't keep my address": the printed letters carry the address, the database never holds it."""
from __future__ import annotations

import base64
import io
import re

import sqlalchemy as sa
from pypdf import PdfReader
from sqlalchemy import select

from extensions import db
from models import Action, LetterState, Supporter
from tests.helpers import action_data, counter_total, secret_from

WRITE = "/campaigns/ua-118-21/write"
ADDRESS = dict(address_line1="17 Quietwater Lane", address_line2="Flat 9", city="Hebden Bridge",
               postcode="HX7 8ZZ")
# Each too long, or holding a space, to turn up by chance in a random token (secrets, nonces):
# "HX7" alone did, in one run of hundreds.
TELLTALES = ("Quietwater", "Flat 9", "Hebden", "HX7 8ZZ")


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _inline_pdf(html: str) -> bytes:
    encoded = re.search(r'href="data:application/pdf;base64,([A-Za-z0-9+/=]+)" download="letters-ua-118-21.pdf"',
                        html).group(1)
    return base64.b64decode(encoded)


def _stored_anywhere(*needles: str) -> list[str]:
    """Every table and column whose text holds one of the needles."""
    found = []
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for row in connection.execute(sa.select(table)).mappings():
                for column, value in row.items():
                    if value is not None and any(needle.lower() in str(value).lower() for needle in needles):
                        found.append(f"{table.name}.{column}")
    return found


def test_the_letters_carry_the_address_and_no_table_does(app, client, demo):
    data = action_data(demo, client, name="Jane Doe", forget_address="y", **ADDRESS)
    response = client.post(WRITE, data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200  # the thank-you page itself, with the letters in it
    assert response.headers["Cache-Control"] == "no-store, private"
    assert "we have not kept it" in html

    text = _pdf_text(_inline_pdf(html))
    for line in ("17 Quietwater Lane", "Flat 9", "Hebden Bridge", "HX7 8ZZ", "Jane Doe"):
        assert line in text

    supporter = db.session.scalar(select(Supporter))
    assert (supporter.address_line1, supporter.address_line2, supporter.city, supporter.postcode) == ("", "", "", "")
    assert supporter.country == "GB" and supporter.name == "Jane Doe"
    assert db.session.scalar(select(Action.keeps_address)) is False
    assert _stored_anywhere(*TELLTALES) == []
    # Nor does the session cookie the browser was given.
    for cookie in response.headers.getlist("Set-Cookie"):
        value = cookie.split(";", 1)[0].split("=", 1)[1]
        session = app.session_interface.get_signing_serializer(app).loads(value)
        assert not any(needle in repr(session) for needle in TELLTALES)

    # The letters count, and the page lets the supporter report them posted.
    assert client.get("/campaigns/ua-118-21/counts.json").json["total"] == 2
    secret = db.session.scalar(select(Action.secret))
    code = db.session.scalar(select(Action.posted_code))
    assert f'action="/a/{secret}/posted"' in html and code in html
    assert client.post(f"/a/{secret}/posted").status_code == 303
    assert counter_total(LetterState.posted) == 2


def test_coming_back_later_gives_the_letters_without_the_address(client, demo):
    data = action_data(demo, client, forget_address="y", **ADDRESS)
    client.post(WRITE, data=data)
    secret = db.session.scalar(select(Action.secret))

    again = client.post(WRITE, data=data)  # a refresh of the POST: the action stands, the address is gone
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/a/{secret}")
    page = client.get(f"/a/{secret}").get_data(as_text=True)
    assert "please write your return address by hand" in page and "data:application/pdf" not in page
    pdf = client.get(f"/a/{secret}/letters.pdf")
    assert pdf.status_code == 200
    text = _pdf_text(pdf.data)
    assert "Jane Doe" in text and "Dear President," in text
    assert not any(needle in text for needle in TELLTALES)


def test_an_address_kept_before_stays_until_erased_through_the_inbox(client, demo):
    """Whoever ticks the box may not be the person who wrote before with this address: a submission
    never changes another. The page says where the earlier address can be erased (by a link to the inbox)."""
    first = secret_from(client.post(WRITE, data=action_data(demo, client, **ADDRESS)))
    second = client.post(WRITE, data=action_data(demo, client, forget_address="y", **ADDRESS))
    assert "/privacy/erase" in second.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalars(select(Supporter.address_line1).order_by(Supporter.id)).all() == [
        "17 Quietwater Lane", ""]
    assert "17 Quietwater Lane" in _pdf_text(client.get(f"/a/{first}/letters.pdf").data)


def test_without_the_box_the_address_is_kept_for_the_download(client, demo):
    response = client.post(WRITE, data=action_data(demo, client, **ADDRESS))
    assert response.status_code == 303
    assert db.session.scalar(select(Action.keeps_address)) is True
    assert "17 Quietwater Lane" in _pdf_text(client.get(response.headers["Location"] + "/letters.pdf").data)


def test_email_letters_keep_only_the_town_when_the_box_is_ticked(client, demo):
    response = client.post(WRITE, data=action_data(demo, client, channel="email", forget_address="y", **ADDRESS))
    assert response.status_code == 303
    supporter = db.session.scalar(select(Supporter))
    assert (supporter.address_line1, supporter.address_line2, supporter.postcode) == ("", "", "")
    assert supporter.city == "Hebden Bridge"  # the emails, written after the confirmation, name the town


def test_the_form_offers_the_box_unticked(client, demo):
    html = client.get(WRITE).get_data(as_text=True)
    assert 'name="forget_address" type="checkbox" value="y">' in html
    assert 'aria-describedby="forget_address-hint"' in html
