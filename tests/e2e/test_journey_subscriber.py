"""A follower: subscribes from the case page, confirms from the caught mail, receives a case update,
leaves with one click from that email, and the next update no longer reaches them."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from extensions import db
from models import Job, JobStatus, OutboxMessage
from tests.e2e.flows import PHONE
from tests.e2e.mail import links_in, mail_to, text_of

pytestmark = pytest.mark.browser

FOLLOWER = "dara@example.org"


def publish_update(server, tmp_path, slug: str, title: str) -> None:
    """What an organiser runs from the command line: `flask updates publish …`."""
    body = tmp_path / f"{title[:10]}.md"
    body.write_text(f"{title}. Thank you to everyone who wrote.", encoding="utf-8")
    result = server.app.test_cli_runner().invoke(args=[
        "updates", "publish", slug, "--title", title, "--kind", "further_information", "--body-file", str(body)])
    assert result.exit_code == 0, result.output


def wait_for_fanouts_done(in_app, count: int, timeout: float = 15.0) -> None:
    def done() -> int:
        return db.session.scalar(select(func.count()).select_from(Job).where(Job.status == JobStatus.done))
    deadline = time.monotonic() + timeout
    while in_app(done) < count:
        assert time.monotonic() < deadline, "the update's emails were never queued"
        time.sleep(0.05)


def test_a_follower_subscribes_confirms_gets_an_update_and_leaves_with_one_click(
        server, outbox_worker, smtp_sink, demo_campaign, in_app, new_page, shot, tmp_path):
    page = new_page(viewport=PHONE)
    page.goto(server(f"/campaigns/{demo_campaign}"))
    follow = page.get_by_label(re.compile("Follow this case"))
    follow.fill(FOLLOWER)
    shot(page, "follow box")
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Please check your inbox")
    shot(page, "check your inbox")

    confirmation, = mail_to(smtp_sink, FOLLOWER, subject_contains="Please confirm")
    link, = [url for url in links_in(confirmation, server.url) if "/subscriptions/confirm/" in url]
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your subscription")
    shot(page, "confirm")
    page.get_by_role("button", name="Yes, send me updates").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("UA 118/21")
    shot(page, "confirmed")

    publish_update(server, tmp_path, demo_campaign, "Transferred to a prison in Ashgabat")
    update, = mail_to(smtp_sink, FOLLOWER, subject_contains="Transferred to a prison in Ashgabat")
    assert "Thank you to everyone who wrote" in text_of(update)
    unsubscribe, = [url for url in links_in(update, server.url) if "/u/" in url]
    assert f"<{unsubscribe}>" in update.message["List-Unsubscribe"]
    assert update.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(unsubscribe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop these updates?")
    shot(page, "stop these updates")
    page.get_by_role("button", name="Stop these updates").click()
    expect(page.locator("main")).to_contain_text("UA 118/21")
    shot(page, "unsubscribed")
    page.goto(unsubscribe)
    expect(page.get_by_text("You have already left this list")).to_be_visible()

    publish_update(server, tmp_path, demo_campaign, "Family allowed a first visit")
    wait_for_fanouts_done(in_app, 2)

    def queued_for_follower() -> list[str]:
        return [row.subject for row in db.session.scalars(select(OutboxMessage)).all() if FOLLOWER in row.recipients]
    assert not any("Family allowed a first visit" in subject for subject in in_app(queued_for_follower))
    page.goto(server(f"/campaigns/{demo_campaign}"))
    expect(page.get_by_role("heading", name="Family allowed a first visit")).to_be_visible()
    shot(page, "the next update is public, and not mailed")
