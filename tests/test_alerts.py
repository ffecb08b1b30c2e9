"""Following new cases (every one, by country, by theme), the weekly digest and the feeds per
country and theme: a real database, and a real SMTP server where mail leaves."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select

from campaigns.themes import normalise_theme, set_themes, split_themes
from extensions import db
from models import (Campaign, CampaignStatus, Job, JobStatus, OutboxMessage, Subscription,
                    SubscriptionStatus, UpdateKind)
from models._types import utcnow
from organisers.audit import Actor
from organisers.checklist import publish_checklist
from organisers.services import duplicate_campaign, publish_campaign
from outbox.delivery import deliver_due
from outbox.jobs import run_due_jobs
from outbox.periodic import run_periodic
from subscriptions import alerts, digest
from subscriptions.services import week_label
from subscriptions.updates import publish_update
from tests.smtp_sink import SMTPSink

ACTOR = Actor(None, "organiser@example.org")


def follower(email: str, scope: str, *, is_digest: bool = False, locale: str = "en",
             status: SubscriptionStatus = SubscriptionStatus.confirmed) -> Subscription:
    subscription = Subscription(email=email, scope=scope, status=status, locale=locale, is_digest=is_digest)
    db.session.add(subscription)
    db.session.commit()
    return subscription


def new_case(demo: Campaign, *, ua_number: str = "UA 7/26", themes=("torture",), country: str = "TM") -> Campaign:
    """A copy of the demo published as a new case: through the organisers' own publish step."""
    campaign = duplicate_campaign(demo, ua_number=ua_number, title="Turkmenistan: a journalist at risk",
                                  actor=ACTOR, today=date.today())
    campaign.country = country
    set_themes(campaign, list(themes))
    db.session.flush()
    warnings = [item.code for item in publish_checklist(campaign, date.today()) if not item.is_blocking]
    publish_campaign(campaign, ACTOR, today=date.today(), confirmed=warnings)
    db.session.commit()
    return campaign


def run_jobs() -> None:
    while run_due_jobs():
        pass


def rows(kind: str) -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)))


def recipients(kind: str) -> list[str]:
    return sorted(address for row in rows(kind) for address in row.recipients)


def test_themes_are_one_small_normalised_vocabulary():
    assert normalise_theme("  Death  Penalty! ") == "death-penalty"
    assert normalise_theme("Пытки") == "пытки"
    assert split_themes("Torture, torture; death penalty\nHuman-rights defenders, ,") == [
        "torture", "death-penalty", "human-rights-defenders"]


def test_the_editor_tags_a_campaign_with_themes(org_client, demo):
    from organisers.forms import campaign_form_data
    page = org_client.get(f"/organisers/campaigns/{demo.id}/edit")
    assert page.status_code == 200 and 'name="themes"' in page.get_data(as_text=True)
    form = campaign_form_data(demo)
    assert form["themes"] == ""


def test_publishing_a_campaign_alerts_its_followers_once(app, demo):
    follower("every@example.org", "new")
    follower("country@example.org", "country:TM")
    follower("theme@example.org", "theme:torture")
    follower("both@example.org", "new")
    follower("both@example.org", "country:TM")
    follower("other-country@example.org", "country:TJ")
    follower("other-theme@example.org", "theme:death-penalty")
    follower("pending@example.org", "new", status=SubscriptionStatus.pending)
    follower("left@example.org", "new", status=SubscriptionStatus.unsubscribed)
    follower("weekly@example.org", "new", is_digest=True)
    follower("updates-only@example.org", "all")
    campaign = new_case(demo)
    job = alerts.alert_job(campaign)
    assert job.kind == "new_case_alert" and job.status is JobStatus.pending
    run_jobs()
    assert recipients("alert") == ["both@example.org", "country@example.org", "every@example.org",
                                   "theme@example.org"]
    # However often the job or the publishing is repeated, nobody hears twice.
    alerts.queue_new_case_alert(campaign)
    job = db.session.get(Job, job.id)
    job.status, job.state, job.progress = JobStatus.pending, {}, 0
    db.session.commit()
    run_jobs()
    assert len(rows("alert")) == 4
    assert db.session.scalar(select(Job).where(Job.id == job.id)).total == 5


def test_the_alert_through_a_real_smtp_server_in_the_followers_language(make_app, demo_factory):
    sink = SMTPSink().start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, BASE_URL="https://ua.example.org",
                       MAIL_DEFAULT_SENDER="Letters for Rights <actions@letters.example.org>",
                       ORG_NAME="Letters for Rights")
        with app.app_context():
            demo = demo_factory()
            jane = follower("jane@example.org", "country:TM", locale="es")
            new_case(demo)
            run_jobs()
            assert deliver_due() == 1
            [received] = sink.wait_for(1)
            message = received.message
            assert received.rcpt_tos == ["jane@example.org"]
            assert message["Subject"] == "Nueva acción urgente: UA 7/26: Turkmenistan: a journalist at risk"
            assert message["List-Id"] == '"New urgent actions" <country-tm.alerts.letters.example.org>'
            assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert message["Precedence"] == "bulk"
            https_url = re.match(r"<(https://ua\.example\.org/u/[^>]+)>, <mailto:", str(message["List-Unsubscribe"]))
            assert https_url
            text = message.get_body(("plain",)).get_content()
            assert "Turkmenistán" in text and "https://ua.example.org/campaigns/ua-7-26/write" in text
            assert "jane@example.org" not in text  # the links never carry the address
            # The header's link is the one-click unsubscribe, as a mail client uses it.
            client = app.test_client()
            path = https_url.group(1).removeprefix("https://ua.example.org")
            assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
            db.session.refresh(jane)
            assert jane.status is SubscriptionStatus.unsubscribed
    finally:
        sink.stop()


def test_following_new_cases_needs_confirmation_from_the_inbox(client, demo, mailbox_messages):
    response = client.post("/subscribe", data={"email": "jane@example.org", "follow": "country:TM",
                                               "how_often": "weekly"})
    assert response.status_code == 303
    subscription = db.session.scalar(select(Subscription))
    assert (subscription.scope, subscription.status, subscription.is_digest) == (
        "country:TM", SubscriptionStatus.pending, True)
    deliver_due()
    [message] = mailbox_messages()
    assert message["Subject"] == "Please confirm: emails about new urgent actions in Turkmenistan"
    text = message.get_body(("plain",)).get_content()
    assert "weekly digest" in text
    path = re.search(r"https?://[^/\s]+(/subscriptions/confirm/\S+)", text).group(1)
    new_case(demo)
    run_jobs()
    assert rows("alert") == []  # pending: nothing but the confirmation
    assert client.post(path).status_code == 200
    db.session.expire_all()
    assert db.session.scalar(select(Subscription)).status is SubscriptionStatus.confirmed
    # A scope the form does not offer is refused.
    assert client.post("/subscribe", data={"email": "x@example.org", "follow": "country:XX"}).status_code == 400
    assert client.post("/subscribe", data={"email": "x@example.org", "follow": "theme:nobody uses"}).status_code == 400


def test_leaving_withdraws_queued_alerts(app, demo, client):
    jane = follower("jane@example.org", "new")
    follower("joe@example.org", "new")
    new_case(demo)
    run_jobs()
    from subscriptions.tokens import make_token
    assert client.post(f"/u/{make_token('subscriber', jane.id, 'jane@example.org')}").status_code == 200
    assert recipients("alert") == ["joe@example.org"]


def test_the_weekly_digest_collects_the_week_once_per_address(make_app, demo_factory):
    sink = SMTPSink().start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, BASE_URL="https://ua.example.org",
                       MAIL_DEFAULT_SENDER="Letters for Rights <actions@letters.example.org>")
        with app.app_context():
            demo = demo_factory()
            weekly = follower("weekly@example.org", "new", is_digest=True, locale="fr")
            follower("weekly@example.org", f"campaign:{demo.id}", is_digest=True, locale="fr")
            follower("each@example.org", f"campaign:{demo.id}")
            follower("quiet@example.org", "country:TJ", is_digest=True)
            campaign = new_case(demo)
            publish_update(demo, kind=UpdateKind.released, title="Azat Isakov is free", body_markdown="Released.")
            publish_update(campaign, kind=UpdateKind.further_information, title="Seen in court",
                           body_markdown="Seen.")
            db.session.commit()
            run_jobs()
            # Digest followers get no email per event; the others do.
            assert recipients("alert") == [] and recipients("update") == ["each@example.org"]
            next_week = utcnow() + timedelta(days=7)
            week = week_label(utcnow().date())
            assert run_periodic(next_week)["digests_queued"] == 1
            assert run_periodic(next_week)["digests_queued"] == 0  # once per week
            run_jobs()
            digest.queue_weekly_digest(week)  # the command line again: nothing twice
            job = db.session.scalar(select(Job).where(Job.dedupe_key == f"digest:{week}"))
            job.status, job.state = JobStatus.pending, {}
            db.session.commit()
            run_jobs()
            [row] = rows("digest")
            assert row.recipients == ["weekly@example.org"]  # a quiet week sends nothing to quiet@
            assert row.dedupe_key.startswith(f"digest:{week}:to:")
            deliver_due()
            [received] = [r for r in sink.wait_for(2) if r.rcpt_tos == ["weekly@example.org"]]
            message = received.message
            assert message["Subject"] == f"Votre résumé hebdomadaire de {app.config['ORG_NAME']}"
            text = message.get_body(("plain",)).get_content()
            assert "Azat Isakov is free" in text and "Seen in court" in text and "UA 7/26" in text
            assert text.index("Azat Isakov is free") < text.index("UA 7/26")  # good news first
            stop = re.match(r"<(https://ua\.example\.org/u/digest/[^>]+)>$", str(message["List-Unsubscribe"]))
            assert stop, message["List-Unsubscribe"]
            client = app.test_client()
            assert client.post(stop.group(1).removeprefix("https://ua.example.org")).status_code == 200
            db.session.expire_all()
            assert db.session.get(Subscription, weekly.id).status is SubscriptionStatus.unsubscribed
            assert db.session.scalar(select(Subscription).where(Subscription.email == "each@example.org")).status \
                is SubscriptionStatus.confirmed
    finally:
        sink.stop()


def test_the_digest_command_queues_a_week(app, demo):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["subscriptions", "digest", "--week", "2026-W49"])
    assert result.exit_code == 0 and "2026-W49" in result.output
    again = runner.invoke(args=["subscriptions", "digest", "--week", "2026-W49"])
    assert again.exit_code == 0 and "before" in again.output
    assert runner.invoke(args=["subscriptions", "digest", "--week", "soon"]).exit_code != 0


def test_the_manage_page_switches_a_subscription_to_the_digest(client, demo):
    from tests.test_subscriptions import open_manage_page
    subscription = follower("jane@example.org", "theme:torture")
    open_manage_page(client)
    page = client.get("/subscriptions/mine").get_data(as_text=True)
    assert "Emails about new urgent actions on the theme “torture”" in page
    assert client.post(f"/subscriptions/mine/how-often/{subscription.id}", data={"how_often": "weekly"}).status_code \
        == 303
    db.session.expire_all()
    assert db.session.get(Subscription, subscription.id).is_digest is True
    other = follower("joe@example.org", "new")
    client.post(f"/subscriptions/mine/how-often/{other.id}", data={"how_often": "weekly"})
    db.session.expire_all()
    assert db.session.get(Subscription, other.id).is_digest is False  # not this address's


def test_feeds_per_country_and_theme(app, demo, client):
    campaign = new_case(demo)
    publish_update(campaign, kind=UpdateKind.further_information, title="Seen in court", body_markdown="Seen.")
    db.session.commit()
    feed = client.get("/countries/TM/cases.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    titles = [e.text for e in ET.fromstring(feed.data).iter("{http://www.w3.org/2005/Atom}title")]
    assert "UA 7/26: Seen in court" in titles and "UA 7/26: Turkmenistan: a journalist at risk" in titles
    assert "UA 118/21: Turkmenistan: Opposition Activist At Risk Of Torture" in titles or len(titles) >= 3
    theme = ET.fromstring(client.get("/themes/torture/cases.atom").data)
    assert [e.text for e in theme.iter("{http://www.w3.org/2005/Atom}title")][1:] == [
        "UA 7/26: Seen in court", "UA 7/26: Turkmenistan: a journalist at risk"]
    assert len(list(ET.fromstring(client.get("/countries/TJ/cases.atom").data).iter(
        "{http://www.w3.org/2005/Atom}entry"))) == 0
    assert client.get("/countries/XX/cases.atom").status_code == 404
    assert client.get("/themes/Not%20normal/cases.atom").status_code == 404


def test_a_campaign_page_links_its_country_and_themes_feeds_and_alerts(app, demo, client):
    campaign = new_case(demo, themes=("torture", "death-penalty"))
    page = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    head = page[:page.index("</head>")]
    feeds = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
    feeds = feeds[feeds.index(("Updates on UA 7/26", "/campaigns/ua-7-26/updates.atom")) + 1:]
    assert feeds == [("New cases in Turkmenistan", "/countries/TM/cases.atom"),
                         ("New cases about death penalty", "/themes/death-penalty/cases.atom"),
                         ("New cases about torture", "/themes/torture/cases.atom")]
    box = page[page.index('class="new-cases-box"'):]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', box[:box.index("</div>")])
    assert links == [
        ("/subscribe?follow=country:TM", "Follow new cases in Turkmenistan"),
        ("/countries/TM/cases.atom", "Atom feed of new cases in Turkmenistan"),
        ("/subscribe?follow=theme:death-penalty", "Follow new cases about death penalty"),
        ("/themes/death-penalty/cases.atom", "Atom feed of new cases about death penalty"),
        ("/subscribe?follow=theme:torture", "Follow new cases about torture"),
        ("/themes/torture/cases.atom", "Atom feed of new cases about torture")]
    # Each link lands where it says: the subscription form with that choice made, a feed holding the case.
    for path, _text in links:
        response = client.get(path)
        assert response.status_code == 200, path
        if path.startswith("/subscribe"):
            scope = path.split("follow=", 1)[1]
            assert f'<option selected value="{scope}">' in response.get_data(as_text=True), path
        else:
            assert b"UA 7/26: Turkmenistan: a journalist at risk" in response.data, path
    # In another language the words change and the addresses do not.
    client.get("/language/es")
    spanish = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    assert "/subscribe?follow=country:TM" in spanish and "Follow new cases in" not in spanish


def test_a_draft_is_in_no_feed_and_alerts_nobody(app, demo, client):
    follower("every@example.org", "new")
    draft = duplicate_campaign(demo, ua_number="UA 8/26", title="Draft case", actor=ACTOR, today=date.today())
    db.session.commit()
    assert draft.status is CampaignStatus.draft
    run_jobs()
    assert rows("alert") == []
    assert b"Draft case" not in client.get("/countries/TM/cases.atom").data


@pytest.mark.parametrize("start", [datetime(2026, 12, 7, 0, 0, 1)])
def test_last_week_is_the_whole_week_before(start):
    assert digest.last_week(start) == "2026-W49"
    assert digest.week_start("2026-W49") == date(2026, 11, 30)
