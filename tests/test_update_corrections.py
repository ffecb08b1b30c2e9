"""A published case update can be corrected or withdrawn.

Correcting changes what the page and the feeds show and keeps the text it replaced; followers are
emailed again only when the organiser ticks the box, and then only those the update had reached,
through the same background job and with the same list headers. Withdrawing takes the update off
the page and the feeds, stops its email that has not left, and keeps it for the organisers.
"""
from __future__ import annotations

import re
from datetime import timedelta
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, select

from extensions import db
from models import AuditEntry, CaseUpdate, Job, JobStatus, OutboxMessage, Subscription, SubscriptionStatus
from models import UpdateCorrection
from outbox.delivery import deliver_due
from outbox.jobs import run_due_jobs
from subscriptions.services import unsubscribe
from tests.hostile import (assert_no_injected_markup, fewer_examples, fresh_view, hostile, send_until_saved,
                           shown_lines, squash, visible_text)

ATOM = "{http://www.w3.org/2005/Atom}"
PAGE = "/campaigns/ua-118-21"
FEED = "/campaigns/ua-118-21/updates.atom"


def follow(demo, email: str, *, every_case: bool = False, locale: str = "en") -> Subscription:
    subscription = Subscription(email=email, scope="all" if every_case else f"campaign:{demo.id}",
                                campaign_id=None if every_case else demo.id,
                                status=SubscriptionStatus.confirmed, locale=locale)
    db.session.add(subscription)
    db.session.commit()
    return subscription


def post_update(org_client, demo, title: str = "Seen in court on 3 March") -> CaseUpdate:
    response = org_client.post(f"/organisers/campaigns/{demo.id}/updates/new", data=dict(
        kind="further_information", title=title, body_markdown="His lawyer saw him in court on **3 March**."))
    assert response.status_code == 303
    db.session.expire_all()
    return db.session.scalar(select(CaseUpdate).where(CaseUpdate.title == title))


def page_of(update: CaseUpdate) -> str:
    return f"/organisers/campaigns/{update.campaign_id}/updates/{update.number}"


def send_everything() -> None:
    while run_due_jobs():
        pass
    deliver_due()


def correct(org_client, update: CaseUpdate, **fields):
    data = dict(title="Seen in court on 4 March", body_markdown="His lawyer saw him in court on **4 March**.",
                note="The date of the hearing was wrong.")
    data.update(fields)
    return org_client.post(page_of(update), data=data)


def feed_entries(client, path: str = FEED) -> list[tuple[str, str, str]]:
    """(title, published, updated) of each entry."""
    atom = ElementTree.fromstring(client.get(path).data)
    return [(entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}published").text,
             entry.find(f"{ATOM}updated").text) for entry in atom.iter(f"{ATOM}entry")]


def test_a_correction_keeps_the_old_text_and_emails_nobody_unless_asked(org_client, demo, client, mailbox_messages):
    follow(demo, "fan@example.org")
    update = post_update(org_client, demo)
    send_everything()
    assert len(mailbox_messages()) == 1

    update.published_at -= timedelta(days=1)  # published yesterday, so the feed can tell the correction
    db.session.commit()
    form = org_client.get(page_of(update)).get_data(as_text=True)
    assert "Seen in court on 3 March" in form and "Send the correction to followers" in form
    response = correct(org_client, update)
    assert response.status_code == 303
    db.session.expire_all()
    assert update.title == "Seen in court on 4 March" and "<strong>4 March</strong>" in update.body_html
    [correction] = update.corrections
    assert (correction.previous_title, correction.previous_body_markdown) == (
        "Seen in court on 3 March", "His lawyer saw him in court on **3 March**.")
    assert correction.corrected_by == "organiser@example.org" and not correction.is_sent_to_followers
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "update.corrected"))
    assert entry.subject_id == update.id
    assert entry.summary == ("UA 118/21 update 3: correction 1, not emailed; was titled “Seen in court on 3 March”; "
                             "note: The date of the hearing was wrong.")

    public = client.get(PAGE).get_data(as_text=True)
    assert "Seen in court on 4 March" in public and "3 March" not in visible_text(public).split("Updates on")[1]
    assert "Corrected on" in public
    [(title, published, updated)] = [e for e in feed_entries(client) if "court" in e[0]]
    assert title == "UA 118/21: Seen in court on 4 March" and updated > published
    assert updated == update.corrected_at.isoformat(timespec="seconds")
    assert any(e[0].endswith("Seen in court on 4 March") for e in feed_entries(client, "/updates.atom"))

    send_everything()
    assert len(mailbox_messages()) == 1  # nobody is mailed again
    history = org_client.get(page_of(update)).get_data(as_text=True)
    assert "Earlier texts" in history and "Seen in court on 3 March" in history
    assert "followers not emailed" in history


def test_the_correction_reaches_the_followers_who_had_the_update(org_client, demo, mailbox_messages):
    follow(demo, "fan@example.org")
    follow(demo, "every@example.org", every_case=True)
    left = follow(demo, "gone@example.org")
    update = post_update(org_client, demo)
    send_everything()
    [original] = [m for m in mailbox_messages() if m["To"] == "fan@example.org"]
    unsubscribe(left)
    follow(demo, "late@example.org")  # followed after the update went out: never had it
    db.session.commit()

    assert correct(org_client, update, notify_followers="y").status_code == 303
    send_everything()
    corrections = [m for m in mailbox_messages() if m["Subject"].startswith("Correction: ")]
    assert sorted(m["To"] for m in corrections) == ["every@example.org", "fan@example.org"]
    mail = next(m for m in corrections if m["To"] == "fan@example.org")
    assert mail["Subject"] == "Correction: Further information on UA 118/21 — update 3: Seen in court on 4 March"
    text = mail.get_body(("plain",)).get_content()
    assert "Correction: we have corrected this update, first sent on" in text
    assert "What changed: The date of the hearing was wrong." in text and "4 March" in text
    # The same list headers as the update itself, and a one-click link that works for this follower.
    for header in ("List-Id", "List-Unsubscribe-Post", "Precedence"):
        assert mail[header] == original[header]
    one_click = re.fullmatch(r"<https?://[^/]+(/u/[^>]+)>, <mailto:unsubscribe\+[^>]+>", str(mail["List-Unsubscribe"]))
    assert one_click, mail["List-Unsubscribe"]
    assert one_click.group(1) in mail.get_body(("plain",)).get_content()
    assert org_client.post(one_click.group(1), data={"List-Unsubscribe": "One-Click"}).status_code == 200
    db.session.expire_all()
    assert db.session.scalar(select(Subscription.status).where(Subscription.email == "fan@example.org")) \
        is SubscriptionStatus.unsubscribed
    db.session.expire_all()
    [correction] = db.session.get(CaseUpdate, update.id).corrections
    assert correction.is_sent_to_followers
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "update.corrected"))
    assert ", emailed to followers" in entry.summary

    # Run again: the same correction never goes twice.
    job = db.session.scalar(select(Job).where(Job.dedupe_key == f"fanout:update:{update.id}:correction:1"))
    job.status = JobStatus.pending
    db.session.commit()
    send_everything()
    assert len([m for m in mailbox_messages() if m["Subject"].startswith("Correction: ")]) == 2
    history = org_client.get(page_of(update)).get_data(as_text=True)
    assert "correction emailed to 2 followers" in history


def test_a_second_correction_is_numbered_and_mailed_on_its_own(org_client, demo, mailbox_messages):
    follow(demo, "fan@example.org")
    update = post_update(org_client, demo)
    send_everything()

    def corrected_titles() -> list[str]:
        return [m["Subject"].rsplit(": ", 1)[1] for m in mailbox_messages() if m["Subject"].startswith("Correction: ")]

    assert correct(org_client, update, notify_followers="y").status_code == 303
    send_everything()
    assert correct(org_client, update, title="Seen in court on 5 March", notify_followers="y").status_code == 303
    send_everything()
    db.session.expire_all()
    assert [c.number for c in db.session.get(CaseUpdate, update.id).corrections] == [1, 2]
    assert corrected_titles() == ["Seen in court on 4 March", "Seen in court on 5 March"]
    # Two corrections before either went out: the follower gets one email, with the text as it reads now.
    assert correct(org_client, update, title="Seen in court on 6 March", notify_followers="y").status_code == 303
    assert correct(org_client, update, title="Seen in court on 7 March", notify_followers="y").status_code == 303
    send_everything()
    assert corrected_titles()[2:] == ["Seen in court on 7 March"]


def test_a_correction_email_speaks_the_followers_language(org_client, demo, mailbox_messages):
    follow(demo, "lector@example.org", locale="es")
    update = post_update(org_client, demo)
    send_everything()
    assert correct(org_client, update, notify_followers="y").status_code == 303
    send_everything()
    [mail] = [m for m in mailbox_messages() if "Corrección" in m["Subject"]]
    text = mail.get_body(("plain",)).get_content()
    assert "Correction: we have corrected" not in text and "What changed" not in text
    assert "The date of the hearing was wrong." in text  # the organiser's own words, as written


def test_a_correction_that_changes_nothing_or_empties_the_update_is_refused(org_client, demo):
    update = post_update(org_client, demo)
    same = correct(org_client, update, title=update.title, body_markdown=update.body_markdown)
    assert same.status_code == 400
    assert "Nothing was changed: the update reads as it did." in same.get_data(as_text=True)
    empty = correct(org_client, update, title="", body_markdown="Kept text")
    assert empty.status_code == 400
    html = empty.get_data(as_text=True)
    assert "Please give the update a title." in html and "Kept text" in html
    db.session.expire_all()
    assert update.title == "Seen in court on 3 March" and update.corrections == []


def test_withdrawing_takes_the_update_off_the_page_and_feeds_and_stops_its_email(org_client, demo, client):
    follow(demo, "fan@example.org")
    update = post_update(org_client, demo)
    while run_due_jobs():
        pass
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "update")) is not None
    response = org_client.post(page_of(update) + "/withdraw", data={"reason": "Posted on the wrong case"})
    assert response.status_code == 303
    db.session.expire_all()
    assert update.withdrawn_at is not None
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "update")) is None
    assert deliver_due() == 0
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "update.withdrawn"))
    assert entry.summary == "UA 118/21 update 3 withdrawn: Posted on the wrong case; 1 queued email(s) withdrawn"

    assert "Seen in court" not in client.get(PAGE).get_data(as_text=True)
    assert not [e for e in feed_entries(client) if "court" in e[0]]
    assert not [e for e in feed_entries(client, "/updates.atom") if "court" in e[0]]
    # The organisers keep it.
    board = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "Seen in court on 3 March" in board and "withdrawn" in board
    kept = org_client.get(page_of(update)).get_data(as_text=True)
    assert "This update is withdrawn" in kept and "Save the correction" not in kept

    again = org_client.post(page_of(update) + "/withdraw", data={}, follow_redirects=True)
    assert "This update is already withdrawn." in again.get_data(as_text=True)
    refused = correct(org_client, update)
    assert refused.status_code == 400
    assert "Only a published update can be corrected" in refused.get_data(as_text=True)


def test_withdrawing_stops_a_fan_out_that_has_not_run(org_client, demo):
    follow(demo, "fan@example.org")
    update = post_update(org_client, demo)
    assert org_client.post(page_of(update) + "/withdraw").status_code == 303
    while run_due_jobs():
        pass
    assert db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "update")) is None
    assert db.session.scalar(select(Job.status).where(Job.dedupe_key == f"fanout:update:{update.id}")) \
        is JobStatus.done


def test_leaving_withdraws_a_queued_correction(org_client, demo):
    fan = follow(demo, "fan@example.org")
    update = post_update(org_client, demo)
    send_everything()
    assert correct(org_client, update, notify_followers="y").status_code == 303
    while run_due_jobs():
        pass
    queued = select(OutboxMessage).where(OutboxMessage.dedupe_key.like(f"update:{update.id}:correction:1:%"))
    assert db.session.scalar(queued) is not None
    unsubscribe(fan)
    db.session.commit()
    assert db.session.scalar(queued) is None


def test_an_update_of_another_campaign_or_none_at_all_is_not_found(org_client, demo):
    update = post_update(org_client, demo)
    assert org_client.get(f"/organisers/campaigns/{demo.id}/updates/99").status_code == 404
    assert org_client.get(f"/organisers/campaigns/{demo.id + 1000}/updates/{update.number}").status_code == 404
    assert org_client.post(f"/organisers/campaigns/{demo.id}/updates/99/withdraw").status_code == 404


@fewer_examples(25)
@given(values=st.fixed_dictionaries({name: hostile for name in ("title", "body_markdown", "note")}))
def test_hostile_text_in_a_correction(org_client, demo, values):
    """Whatever is typed into a correction: never a 500, refused fields come back with a message, and
    what is accepted shows as text on the campaign page."""
    update = db.session.scalar(select(CaseUpdate).where(CaseUpdate.campaign_id == demo.id,
                                                        CaseUpdate.title == "Hostile target"))
    if update is None:
        update = post_update(org_client, demo, title="Hostile target")
    good = {"title": "A corrected title", "body_markdown": "A corrected text.", "note": ""}
    try:
        accepted, _ = send_until_saved(org_client, page_of(update), good, values)
        fresh_view()
        html = org_client.get(PAGE).get_data(as_text=True)
        assert_no_injected_markup(html)
        text = visible_text(html)
        assert squash(accepted.get("title", good["title"])) in text
        board = org_client.get(page_of(update)).get_data(as_text=True)
        assert_no_injected_markup(board)
        for line in shown_lines(accepted.get("note", "")):
            assert line in visible_text(board)
    finally:  # back to the update as posted, so an example never meets "nothing was changed"
        db.session.execute(delete(UpdateCorrection))
        update = db.session.get(CaseUpdate, update.id)
        update.title, update.body_markdown, update.corrected_at = "Hostile target", "Text.", None
        db.session.commit()
