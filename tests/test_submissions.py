"""Each submission of the action form is its own: it reveals nothing about earlier ones and changes none of them.

A stranger who knows only someone's email address (and their name) learns nothing from the form,
and cannot touch that person's stored details, letters or links. Shared addresses are normal:
each person writing from one counts, and one person writing twice counts once.
"""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, event, select

from campaigns.actions import expire_unconfirmed
from extensions import db
from models import Letter, LetterState, Supporter, Target
from models._types import utcnow
from outbox.jobs import run_due_jobs
from privacy.services import erase_person
from tests.helpers import action_data, confirm_by_email, letters_in_state, secret_from

WRITE = "/campaigns/ua-118-21/write"
# What differs between any two submissions: their secrets, codes, tokens and one-time values.
_VARIABLE = [
    (r"/a/[A-Za-z0-9_-]+", "/a/SECRET"), (r"<strong>[A-Z2-9]{8}</strong>", "<strong>CODE</strong>"),
    (r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value=""'),
    (r'name="csrf_token" type="hidden" value="[^"]*"', 'name="csrf_token" type="hidden" value=""'),
]


def _normalised(html: str) -> str:
    for pattern, replacement in _VARIABLE:
        html = re.sub(pattern, replacement, html)
    return html


def _answer(client, demo, **fields):
    """Everything a submitter sees: the response, the page it leads to, and the SQL behind the POST."""
    data = action_data(demo, client, **fields)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = client.post(WRITE, data=data)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    page = client.get(response.headers["Location"])
    # The page names the address typed, whoever typed it: that is no answer about anyone else.
    html = re.sub(re.escape(fields["email"]), "ADDRESS", page.get_data(as_text=True), flags=re.I)
    return (response.status_code, _normalised(response.headers["Location"]), page.status_code, _normalised(html),
            statements)


def _history(client, demo, email: str) -> None:
    """Jane writes on paper and reports it posted, emails and confirms, follows the case."""
    posted = secret_from(client.post(WRITE, data=action_data(demo, client, email=email)))
    client.post(f"/a/{posted}/posted")
    emailed = secret_from(client.post(WRITE, data=action_data(demo, client, email=email, channel="email",
                                                              wants_updates="y")))
    client.get(confirm_by_email(client, emailed).headers["Location"])
    run_due_jobs()


@pytest.mark.parametrize("channel", ["pdf", "email"])
def test_the_answer_is_the_same_whether_or_not_the_address_wrote_before(client, demo, channel):
    _history(client, demo, "jane@example.org")
    fields = dict(channel=channel, wants_updates="y", address_line1="" if channel == "email" else "1 High Street")
    fresh = _answer(client, demo, email="new@example.org", **fields)
    for returning in ("jane@example.org", "JANE+ua@Example.org"):
        answer = _answer(client, demo, email=returning, **fields)
        assert answer[3].splitlines() == fresh[3].splitlines()
        assert answer == fresh
    # The page the stranger gets says nothing of Jane's posted or sent letters.
    assert "counted as posted" not in fresh[3] and "on their way" not in fresh[3]


def test_a_stranger_with_the_same_address_and_name_changes_nothing_of_earlier_submissions(client, demo):
    first = secret_from(client.post(WRITE, data=action_data(demo, client, address_line1="12 Rose Street")))
    confirm_sent = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="")))
    client.get(confirm_by_email(client, confirm_sent).headers["Location"])  # the thanks, read
    before = {row.id: (row.name, row.address_line1, row.city, row.postcode, row.country, row.email_confirmed_at)
              for row in db.session.scalars(select(Supporter))}
    letters_before = {row.id: (row.action_id, row.state, row.is_counted) for row in db.session.scalars(select(Letter))}
    page_before = _normalised(client.get(f"/a/{first}").get_data(as_text=True))

    # Same address and name, another street, the box ticked, every channel: nothing of Jane's moves.
    for channel in ("pdf", "email", "mailto"):
        client.post(WRITE, data=action_data(demo, client, address_line1="1 Spy Lane", city="Elsewhere",
                                            postcode="744000", country="TM", channel=channel, forget_address="y"))
    db.session.expire_all()
    after = {row.id: (row.name, row.address_line1, row.city, row.postcode, row.country, row.email_confirmed_at)
             for row in db.session.scalars(select(Supporter)) if row.id in before}
    assert after == before
    assert {row.id: (row.action_id, row.state, row.is_counted)
            for row in db.session.scalars(select(Letter)) if row.id in letters_before} == letters_before
    assert _normalised(client.get(f"/a/{first}").get_data(as_text=True)) == page_before
    pdf = client.get(f"/a/{first}/letters.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"


def test_people_sharing_an_address_each_count_and_one_person_counts_once(client, demo):
    household = ["Jane Doe", "Sam Doe", "jane doe", "Jane  Doe."]  # the last two are Jane again
    secrets = [secret_from(client.post(WRITE, data=action_data(demo, client, name=name, email="home@example.org")))
               for name in household]
    assert len(set(secrets)) == 4  # each their own letters and links
    counts = client.get("/campaigns/ua-118-21/counts.json").json
    assert counts["total"] == 2 * len(demo.targets)
    for secret in secrets:
        assert client.get(f"/a/{secret}/letters.pdf").status_code == 200

    # Jane's later copy reported posted takes the count over; the total stays the same.
    client.post(f"/a/{secrets[3]}/posted")
    counts = client.get("/campaigns/ua-118-21/counts.json").json
    assert counts["total"] == 2 * len(demo.targets)
    assert counts["by_state"]["posted"] == len(demo.targets)
    assert counts["by_state"]["generated"] == len(demo.targets)  # Sam's


def test_the_same_person_confirming_twice_emails_each_official_once(client, demo):
    first = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="")))
    confirm_by_email(client, first)
    again = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="")))
    response = confirm_by_email(client, again)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "not sent again: you had already emailed this letter" in page
    assert letters_in_state(LetterState.queued) == 2 and letters_in_state(LetterState.duplicate) == 2
    assert client.get("/campaigns/ua-118-21/counts.json").json["total"] == 2

    # An email that expired unconfirmed leaves the next one free to count and go.
    other = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="",
                                                            email="sam@example.org", name="Sam")))
    assert other
    expire_unconfirmed(utcnow() + timedelta(days=8))
    db.session.commit()
    later = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="",
                                                            email="sam@example.org", name="Sam")))
    confirm_by_email(client, later)
    assert client.get("/campaigns/ua-118-21/counts.json").json["total"] == 4


def test_an_action_whose_letters_are_gone_says_so_and_no_link_fails(client, demo):
    kept = secret_from(client.post(WRITE, data=action_data(demo, client)))
    emailed = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="")))
    mailed = secret_from(client.post(WRITE, data=action_data(demo, client, channel="mailto", address_line1="")))
    # The organisers remove the officials' rows (their letters go with them)…
    db.session.execute(delete(Letter))
    db.session.commit()
    page = client.get(f"/a/{kept}")
    assert page.status_code == 200 and "These letters are no longer here" in page.get_data(as_text=True)
    gone = client.get(f"/a/{kept}/letters.pdf")
    assert gone.status_code == 410 and "no longer here" in gone.get_data(as_text=True)
    assert "no longer here" in client.get(f"/a/{emailed}").get_data(as_text=True)

    # …or the supporter's data is erased.
    again = secret_from(client.post(WRITE, data=action_data(demo, client, email="gone@example.org")))
    erase_person("gone@example.org")
    db.session.commit()
    assert "These details were erased" in client.get(f"/a/{again}").get_data(as_text=True)
    assert client.get(f"/a/{again}/letters.pdf").status_code == 410
    for path in (f"/a/{again}/posted", f"/a/{mailed}", f"/a/{again}/resend"):
        assert client.get(path).status_code < 500
        assert client.post(path).status_code < 500
    target = db.session.scalar(select(Target.id))
    assert client.post(f"/a/{mailed}/mail/{target}").status_code < 500
