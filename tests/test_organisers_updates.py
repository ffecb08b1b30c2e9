"""Organisers post case updates: published at once, emailed to followers in the background."""
from __future__ import annotations

from sqlalchemy import select

from extensions import db
from models import CaseUpdate, Subscription, SubscriptionStatus, UpdateKind
from outbox.delivery import deliver_due
from outbox.jobs import run_due_jobs
from tests.helpers import audit_actions


def _follower(demo, email: str) -> None:
    db.session.add(Subscription(email=email, scope=f"campaign:{demo.id}", campaign_id=demo.id,
                                status=SubscriptionStatus.confirmed))
    db.session.commit()


def test_an_update_posted_by_an_organiser_reaches_followers(org_client, demo, mailbox_messages):
    _follower(demo, "fan@example.org")
    page = org_client.get(f"/organisers/campaigns/{demo.id}/updates/new")
    assert page.status_code == 200 and "Publish and email followers" in page.get_data(as_text=True)
    response = org_client.post(f"/organisers/campaigns/{demo.id}/updates/new", data=dict(
        kind="action_continues", title="Moved to <b>Turkmenabat</b>", body_markdown="He was **moved**.",
        happened_on="2026-11-20", new_demands="Allow his lawyer to visit him."))
    assert response.status_code == 303
    update = db.session.scalar(select(CaseUpdate).where(CaseUpdate.number == 3))
    assert update.kind is UpdateKind.action_continues and "<strong>moved</strong>" in update.body_html
    assert "update.published" in audit_actions()
    assert "Allow his lawyer to visit him." in [d.text for d in db.session.get(type(demo), demo.id).demands]
    run_due_jobs()
    deliver_due()
    [mail] = [m for m in mailbox_messages() if m["To"] == "fan@example.org"]
    assert "Turkmenabat" in mail["Subject"] or "Turkmenabat" in mail.get_body(("plain",)).get_content()
    board = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "Emailed to 1 follower" in board and "Moved to &lt;b&gt;Turkmenabat&lt;/b&gt;" in board
    public = org_client.get("/campaigns/ua-118-21").get_data(as_text=True)
    assert "Moved to &lt;b&gt;Turkmenabat&lt;/b&gt;" in public


def test_an_update_with_errors_comes_back_with_what_was_typed(org_client, demo):
    response = org_client.post(f"/organisers/campaigns/{demo.id}/updates/new", data=dict(
        kind="action_continues", title="", body_markdown="Kept text", new_deadline="2001-01-01"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please give the update a title." in html and "Kept text" in html
    response = org_client.post(f"/organisers/campaigns/{demo.id}/updates/new", data=dict(
        kind="action_continues", title="A title", body_markdown="Kept text", new_deadline="2001-01-01"))
    assert response.status_code == 400 and "The new deadline has already passed." in response.get_data(as_text=True)
    assert db.session.scalar(select(CaseUpdate).where(CaseUpdate.number == 3)) is None
