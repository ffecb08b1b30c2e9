"""Following a case: double opt-in through a real SMTP server, nothing revealed, one-click leave, manage."""
from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from flask import current_app
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from email_links import hash_of, new_secret
from extensions import db
from models import EmailLink, LinkPurpose, OutboxMessage, Subscription, SubscriptionStatus
from models._types import utcnow
from outbox.delivery import deliver_due
from subscriptions.tokens import email_tag, make_token, token_payload
from tests.helpers import newest_link
from tests.smtp_sink import SMTPSink

BOX = "/campaigns/ua-118-21/subscribe"


@pytest.fixture
def app(make_app):
    """Most tests here send more requests than the public rate limits allow one visitor."""
    app = make_app(RATELIMIT_ENABLED=False)
    with app.app_context():
        yield app


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def path_after(text: str, prefix: str) -> str:
    """The path of the first absolute link in `text` that starts with `prefix`."""
    return re.search(r"https?://[^/\s]+(" + re.escape(prefix) + r"[^\s<>\"]+)", text).group(1)


def subscriptions() -> list[tuple[str, str, SubscriptionStatus]]:
    db.session.expire_all()
    return [tuple(row) for row in db.session.execute(
        select(Subscription.email, Subscription.scope, Subscription.status).order_by(Subscription.id))]


def follower(email: str, campaign=None, status=SubscriptionStatus.confirmed) -> Subscription:
    subscription = Subscription(email=email, scope=f"campaign:{campaign.id}" if campaign else "all",
                                campaign_id=campaign.id if campaign else None, status=status)
    db.session.add(subscription)
    db.session.commit()
    return subscription


def outbox_count(**where) -> int:
    query = select(func.count()).select_from(OutboxMessage)
    for name, value in where.items():
        query = query.where(getattr(OutboxMessage, name) == value)
    return db.session.scalar(query)


def test_double_opt_in_through_a_real_smtp_server(make_app, demo_factory):
    sink = SMTPSink().start()
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port, RATELIMIT_ENABLED=False)
        with app.app_context():
            demo = demo_factory()
            client = app.test_client()
            response = client.post(BOX, data={"email": " Jane@Example.org ", "follow": demo.slug})
            assert response.status_code == 303 and response.headers["Location"].endswith("/campaigns/ua-118-21")
            assert "Please check your inbox" in client.get(response.headers["Location"]).get_data(as_text=True)
            assert subscriptions() == [("jane@example.org", f"campaign:{demo.id}", SubscriptionStatus.pending)]

            assert deliver_due() == 1
            [received] = sink.wait_for(1)
            assert received.rcpt_tos == ["jane@example.org"]
            assert received.message["Subject"] == "Please confirm: updates on UA 118/21"
            assert received.message["Auto-Submitted"] == "auto-generated"
            text = text_of(received.message)
            assert "jane@example.org" not in text.split("/subscriptions/confirm/")[1]  # no address in the link
            confirm = path_after(text, "/subscriptions/confirm/")

            page = client.get(confirm)  # a mail scanner opening the link confirms nothing
            assert page.status_code == 200 and "Yes, send me updates" in page.get_data(as_text=True)
            assert page.headers["Cache-Control"] == "no-store, private"
            assert subscriptions()[0][2] is SubscriptionStatus.pending

            # The database holds the link's hash, never the secret itself.
            secret = confirm.rsplit("/", 1)[1]
            assert db.session.scalar(select(Subscription.confirm_hash)) == hash_of(secret) != secret

            confirmed = client.post(confirm)
            assert confirmed.status_code == 200 and "You are following UA 118/21" in confirmed.get_data(as_text=True)
            assert subscriptions()[0][2] is SubscriptionStatus.confirmed
            # The link works once: spent, it confirms nothing more and says so.
            again = client.post(confirm)
            assert again.status_code == 404 and "not valid any more" in again.get_data(as_text=True)
            assert subscriptions()[0][2] is SubscriptionStatus.confirmed
            # The browser that confirmed may look at what the address follows, for a while.
            assert "UA 118/21" in client.get("/subscriptions/mine").get_data(as_text=True)
    finally:
        sink.stop()


def test_the_answer_never_reveals_whether_an_address_already_follows(client, demo, mailbox_messages):
    follower("known@example.org", demo)
    answers = []
    for email in ("known@example.org", "unknown@example.org"):
        response = client.post(BOX, data={"email": email, "follow": demo.slug})
        page = client.get(response.headers["Location"])
        # A form's CSRF token carries the second it was made in: not an answer about the address.
        html = re.sub(rb'(name="csrf_token" value=)"[^"]*"', rb"\1", page.get_data())
        answers.append((response.status_code, response.headers["Location"], response.get_data(),
                        page.status_code, html))
    assert answers[0] == answers[1]
    # Each address gets exactly one email, which tells its owner (and only them) what happened.
    assert deliver_due() == 2
    by_recipient = {message["To"]: message for message in mailbox_messages()}
    assert by_recipient["known@example.org"]["Subject"] == "You already follow updates on UA 118/21"
    assert "/subscriptions/manage/" in text_of(by_recipient["known@example.org"])
    assert by_recipient["unknown@example.org"]["Subject"] == "Please confirm: updates on UA 118/21"
    assert subscriptions() == [("known@example.org", f"campaign:{demo.id}", SubscriptionStatus.confirmed),
                               ("unknown@example.org", f"campaign:{demo.id}", SubscriptionStatus.pending)]


def test_subscribing_twice_is_harmless_and_a_lapsed_address_must_confirm_again(client, demo):
    for _ in range(2):
        client.post(BOX, data={"email": "jane@example.org", "follow": demo.slug})
    assert subscriptions() == [("jane@example.org", f"campaign:{demo.id}", SubscriptionStatus.pending)]
    assert outbox_count(kind="subscription_confirmation") == 2

    subscription = db.session.scalar(select(Subscription))
    subscription.status = SubscriptionStatus.unsubscribed
    db.session.commit()
    client.post(BOX, data={"email": "jane@example.org", "follow": demo.slug})
    assert subscriptions()[0][2] is SubscriptionStatus.pending  # no update reaches it until it confirms


def test_bots_filling_the_hidden_field_are_thanked_and_ignored(client, demo):
    person = client.post(BOX, data={"email": "jane@example.org", "follow": demo.slug})
    bot = client.post(BOX, data={"email": "bot@example.org", "follow": demo.slug, "website": "http://spam.example"})
    assert (bot.status_code, bot.headers["Location"]) == (person.status_code, person.headers["Location"])
    assert "Please check your inbox" in client.get(bot.headers["Location"]).get_data(as_text=True)
    assert [row[0] for row in subscriptions()] == ["jane@example.org"]
    assert outbox_count() == 1

    page = client.get("/campaigns/ua-118-21").get_data(as_text=True)
    assert re.search(r'<div class="honeypot" aria-hidden="true">.*?name="website"[^>]*tabindex="-1"', page, re.S)


def test_an_invalid_address_is_explained_on_the_page(client, demo):
    response = client.post(BOX, data={"email": "not an address", "follow": demo.slug})
    assert response.status_code == 400
    assert "Please enter an email address like name@example.org." in response.get_data(as_text=True)
    assert subscriptions() == []


def test_subscribing_is_rate_limited_per_visitor_and_per_address(make_app, demo_factory):
    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        demo = demo_factory()
        client = app.test_client()
        for n in range(10):
            assert client.post(BOX, data={"email": f"p{n}@example.org", "follow": demo.slug}).status_code == 303
        refused = client.post(BOX, data={"email": "p10@example.org", "follow": demo.slug})
        assert refused.status_code == 429
        assert "Too many requests" in refused.get_data(as_text=True) and refused.headers["Retry-After"]
        # The /subscribe page shares the visitor's allowance.
        assert client.post("/subscribe", data={"email": "p11@example.org", "follow": "all"}).status_code == 429

        # One inbox cannot be flooded from many machines either.
        for n in range(5):
            other = client.post(BOX, data={"email": "target@example.org", "follow": demo.slug},
                                environ_base={"REMOTE_ADDR": f"10.0.0.{n + 1}"})
            assert other.status_code == 303
        flood = client.post(BOX, data={"email": "TARGET@example.org", "follow": demo.slug},
                            environ_base={"REMOTE_ADDR": "10.0.0.99"})
        assert flood.status_code == 429
        assert outbox_count(kind="subscription_confirmation") == 15


def test_follow_one_case_or_all_of_them(client, demo, mailbox_messages):
    page = client.get("/subscribe?follow=ua-118-21").get_data(as_text=True)
    assert '<option selected value="ua-118-21">' in page and 'value="all"' in page
    response = client.post("/subscribe", data={"email": "all@example.org", "follow": "all"})
    assert response.status_code == 303 and response.headers["Location"] == "/subscribe"
    client.post("/subscribe", data={"email": "one@example.org", "follow": "ua-118-21"})
    assert subscriptions() == [("all@example.org", "all", SubscriptionStatus.pending),
                               ("one@example.org", f"campaign:{demo.id}", SubscriptionStatus.pending)]
    assert client.post("/subscribe", data={"email": "x@example.org", "follow": "ua-1-99"}).status_code == 400
    deliver_due()
    subjects = sorted(message["Subject"] for message in mailbox_messages())
    assert subjects == ["Please confirm: updates on UA 118/21", "Please confirm: updates on all our cases"]


def test_one_click_unsubscribe_needs_no_session_and_no_csrf_token(csrf_app, csrf_client, app, demo):
    subscription = follower("jane@example.org", demo)
    path = f"/u/{make_token('subscriber', subscription.id, subscription.email)}"

    page = csrf_client.get(path)  # opening the link only shows a button
    assert page.status_code == 200 and "Stop these updates" in page.get_data(as_text=True)
    assert subscriptions()[0][2] is SubscriptionStatus.confirmed

    # What a mail client sends (RFC 8058): no cookie, no CSRF token, just this body.
    mail_client = csrf_app.test_client()
    response = mail_client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "You have left" in response.get_data(as_text=True)
    assert subscriptions()[0][2] is SubscriptionStatus.unsubscribed
    assert mail_client.post(path).status_code == 200  # again: still fine

    # CSRF is really on in this app: a form that needs a token refuses a POST without one.
    assert csrf_client.post("/subscribe", data={"email": "a@example.org", "follow": "all"}).status_code == 400


def test_unsubscribe_links_never_expire_but_confirm_and_manage_links_do(client, demo):
    subscription = follower("jane@example.org", demo, status=SubscriptionStatus.pending)
    payload = token_payload(subscription.id, email_tag(subscription.email))
    two_years_ago = int(time.time()) - 2 * 365 * 24 * 3600
    eight_days_ago = utcnow() - timedelta(days=8)
    confirm_secret, subscription.confirm_hash = new_secret()
    subscription.confirm_sent_at = eight_days_ago
    manage_secret, manage_hash = new_secret()
    db.session.add(EmailLink(purpose=LinkPurpose.manage, token_hash=manage_hash, email="jane@example.org",
                             created_at=eight_days_ago, expires_at=eight_days_ago + timedelta(days=7)))
    db.session.commit()

    expired = client.get(f"/subscriptions/confirm/{confirm_secret}")
    assert expired.status_code == 404 and "This link has expired." in expired.get_data(as_text=True)
    assert client.post(f"/subscriptions/confirm/{confirm_secret}").status_code == 404
    expired = client.get(f"/subscriptions/manage/{manage_secret}")
    assert expired.status_code == 404 and "This link has expired." in expired.get_data(as_text=True)
    # A two-year-old unsubscribe link still lets its reader leave.
    signer = TimestampSigner(current_app.config["SECRET_KEY"], salt="uadesk.subscriptions.subscriber")
    signer.get_timestamp = lambda: two_years_ago
    assert client.post(f"/u/{signer.sign(payload).decode()}").status_code == 200
    assert subscriptions()[0][2] is SubscriptionStatus.unsubscribed


def test_forged_or_misused_links_do_nothing(client, demo):
    subscription = follower("jane@example.org", demo)
    token = make_token("subscriber", subscription.id, subscription.email)
    assert client.post(f"/u/{token[:-2]}xx").status_code == 404
    # An unsubscribe link is no confirmation or manage link: those are secrets of their own.
    assert client.post(f"/subscriptions/confirm/{token}").status_code == 404
    assert client.post(f"/subscriptions/manage/{token}").status_code == 404
    # A link naming one subscription with another address's tag is refused.
    other = make_token("subscriber", subscription.id, "someone.else@example.org")
    assert "We hold no subscription" in client.post(f"/u/{other}").get_data(as_text=True)
    assert subscriptions()[0][2] is SubscriptionStatus.confirmed


def test_a_manage_link_is_emailed_without_revealing_whether_the_address_is_known(client, demo,
                                                                                  mailbox_messages):
    follower("jane@example.org", demo)
    follower("jane@example.org")
    answers = []
    for email in ("Jane@example.org", "nobody@example.org"):
        response = client.post("/subscriptions/manage", data={"email": email})
        answers.append((response.status_code, response.headers["Location"],
                        client.get(response.headers["Location"]).get_data()))
    assert answers[0] == answers[1]
    deliver_due()
    by_recipient = {message["To"]: text_of(message) for message in mailbox_messages()}
    assert "We hold no subscription for this address" in by_recipient["nobody@example.org"]
    assert "/subscriptions/manage/" not in by_recipient["nobody@example.org"]

    link = path_after(by_recipient["jane@example.org"], "/subscriptions/manage/")
    page = client.get(link)  # a mail scanner opening the link spends nothing
    assert page.status_code == 200 and page.headers["X-Robots-Tag"] == "noindex"
    assert "Show my subscriptions" in page.get_data(as_text=True)
    opened = client.post(link)
    assert opened.status_code == 303 and opened.headers["Location"] == "/subscriptions/mine"
    page = client.get("/subscriptions/mine")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store, private"
    assert "jane@example.org" in text and "All our cases" in text and "UA 118/21" in text
    # The link works once; another browser (or a forwarded email) gets nothing from it.
    stranger = current_app.test_client()
    assert stranger.post(link).status_code == 404
    refused = stranger.get("/subscriptions/mine")
    assert refused.status_code == 303 and refused.headers["Location"] == "/subscriptions/manage"

    assert client.post("/subscriptions/manage", data={"email": "bot@example.org", "website": "x"}).status_code == 303
    assert outbox_count(kind="subscription_manage_link") == 2  # the bot's request sent nothing


def open_manage_page(client, email: str = "jane@example.org", **post) -> None:
    """Ask for a manage link, and open it from the email as its reader does."""
    client.post("/subscriptions/manage", data={"email": email, **post})
    link = newest_link("subscription_manage_link", "/subscriptions/manage/", email)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(link).get_data(as_text=True))
    assert client.post(link, data={"csrf_token": csrf.group(1)} if csrf else {}).status_code == 303


def test_manage_leave_one_then_all(client, demo):
    one = follower("jane@example.org", demo)
    every = follower("jane@example.org")
    stranger = follower("stranger@example.org")
    open_manage_page(client)
    path = "/subscriptions/mine"

    # Another address's subscription cannot be left from Jane's page.
    client.post(f"{path}/leave/{stranger.id}")
    response = client.post(f"{path}/leave/{one.id}")
    assert response.status_code == 303 and response.headers["Location"] == path
    assert subscriptions() == [("jane@example.org", f"campaign:{demo.id}", SubscriptionStatus.unsubscribed),
                               ("jane@example.org", "all", SubscriptionStatus.confirmed),
                               ("stranger@example.org", "all", SubscriptionStatus.confirmed)]
    assert "Left on" in client.get(path).get_data(as_text=True)

    client.post(f"{path}/leave-all")
    assert [status for _, _, status in subscriptions()] == [SubscriptionStatus.unsubscribed] * 2 + [
        SubscriptionStatus.confirmed]
    assert every.id  # the row stays, marked as left, until the address is erased


def test_manage_erase_forgets_the_address_and_its_queued_mail(client, demo):
    jane = follower("jane@example.org", demo)
    follower("jane@example.org", status=SubscriptionStatus.pending)
    follower("sam@example.org", demo)
    client.post("/subscribe", data={"email": "jane@example.org", "follow": "all"})  # a pending confirmation
    open_manage_page(client)
    assert outbox_count() == 2  # the confirmation and the manage link, both waiting

    unsubscribe_path = f"/u/{make_token('subscriber', jane.id, jane.email)}"
    response = client.post("/subscriptions/mine/erase")
    assert response.status_code == 200 and "Your address is erased" in response.get_data(as_text=True)
    assert subscriptions() == [("sam@example.org", f"campaign:{demo.id}", SubscriptionStatus.confirmed)]
    assert outbox_count() == 0
    assert db.session.scalar(select(func.count()).select_from(EmailLink)) == 0
    # The page is gone with the address, and the old links find nothing to unsubscribe.
    assert client.get("/subscriptions/mine").status_code == 303
    gone = client.post(unsubscribe_path)
    assert gone.status_code == 200 and "Nothing to stop" in gone.get_data(as_text=True)


def test_manage_buttons_need_the_csrf_token(csrf_client, app, demo):
    follower("jane@example.org", demo)
    form = csrf_client.get("/subscriptions/manage").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    open_manage_page(csrf_client, csrf_token=token)
    html = csrf_client.get("/subscriptions/mine").get_data(as_text=True)
    assert csrf_client.post("/subscriptions/mine/erase").status_code == 400  # no token: refused, nothing happens
    assert len(subscriptions()) == 1
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    csrf_client.post("/subscriptions/mine/erase", data={"csrf_token": token})
    assert subscriptions() == []


def test_expired_or_broken_manage_links_offer_a_new_one(client, demo):
    response = client.get("/subscriptions/manage/not-a-token")
    assert response.status_code == 404
    assert "Email me a link" in response.get_data(as_text=True)


HOSTILE = ["", "\x00", "a\x00b@example.org", "jane@example.org\r\nBcc: victim@example.org", "x" * 5000,
           "<script>alert(1)</script>@example.org", "'; DROP TABLE subscriptions; --", "😀@example.org",
           "\u202eevil@example.org"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_never_breaks_the_forms(client, demo, value):
    for path, data in [(BOX, {"email": value, "follow": demo.slug}), (BOX, {"email": "a@example.org", "follow": value}),
                       ("/subscribe", {"email": value, "follow": "all"}),
                       ("/subscribe", {"email": "a@example.org", "follow": value, "website": value}),
                       ("/subscriptions/manage", {"email": value})]:
        assert client.post(path, data=data).status_code in (303, 400)
    for path in (f"/u/{value}", f"/subscriptions/confirm/{value}", f"/subscriptions/manage/{value}"):
        assert client.get(path).status_code in (200, 404)
    assert all("\n" not in address and "\x00" not in address for address, _, _ in subscriptions())
