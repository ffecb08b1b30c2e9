"""Rate limits on the steps that send mail, release letters or check a password.

Each test trips one limit on an app with limits on (memory storage) and checks the answer is a
429 page a person can read, with Retry-After. The limited app is made last: Flask-Limiter keeps
its on/off switch on the one shared limiter, and the newest app sets it.
The action form and the organisers' login have theirs in tests/test_actions.py and
tests/test_organisers_accounts.py, subscribing in tests/test_subscriptions.py.
"""
from __future__ import annotations

from sqlalchemy import func, select

from extensions import db
from email_links import new_secret
from models import LetterState, OutboxMessage, Subscription, SubscriptionStatus
from models._types import utcnow
from tests.helpers import (PASSWORD, action_data, confirmation_link, letters_in_state, log_in, make_organiser,
                           secret_from)

WRITE = "/campaigns/ua-118-21/write"


def assert_readable_429(response) -> None:
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "<h1" in html and "Too many requests" in html and "try again" in html  # the site's own error page
    assert response.headers["Retry-After"]


def test_confirming_email_letters_is_rate_limited_per_visitor(client, demo, make_app):
    first = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", email="a@example.org")))
    second = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", email="b@example.org")))
    assert letters_in_state(LetterState.awaiting_confirmation) == 4

    first, second = confirmation_link(first), confirmation_link(second)

    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    # Confirming again is harmless (nothing more is queued) and still counts toward the limit.
    for _ in range(30):
        assert limited.post(first).status_code == 303
    assert_readable_429(limited.post(second))
    assert letters_in_state(LetterState.awaiting_confirmation) == 2  # the second action's letters wait

    # The limit is per visitor: someone else confirms as usual.
    other = limited.post(second, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 303
    assert letters_in_state(LetterState.awaiting_confirmation) == 0


def test_confirming_a_subscription_is_rate_limited_per_visitor(app, demo, make_app):
    paths = []
    for number in range(12):
        token, token_hash = new_secret()  # as the confirmation email carries it
        db.session.add(Subscription(email=f"f{number}@example.org", scope=f"campaign:{demo.id}", campaign_id=demo.id,
                                    status=SubscriptionStatus.pending, confirm_hash=token_hash,
                                    confirm_sent_at=utcnow()))
        paths.append(f"/subscriptions/confirm/{token}")
    db.session.commit()

    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    for path in paths[:10]:
        assert limited.post(path).status_code == 200
    assert_readable_429(limited.post(paths[10]))
    assert limited.get(paths[10]).status_code == 200  # opening the link is never limited

    def confirmed() -> int:
        return db.session.scalar(select(func.count()).select_from(Subscription)
                                 .where(Subscription.status == SubscriptionStatus.confirmed))
    assert confirmed() == 10
    assert limited.post(paths[11], environ_base={"REMOTE_ADDR": "192.0.2.8"}).status_code == 200
    assert confirmed() == 11


def test_wrong_current_passwords_are_rate_limited_per_organiser(app, make_app):
    make_organiser()
    make_organiser("second@example.org")
    limited_app = make_app(RATELIMIT_ENABLED=True)
    client = limited_app.test_client()
    assert log_in(client).status_code == 303

    def change(browser, current: str, **environ):
        return browser.post("/organisers/password", environ_base=environ, data={
            "current_password": current, "new_password": "a brand new passphrase",
            "confirm_password": "a brand new passphrase"})

    for _ in range(5):
        assert change(client, "a wrong guess").status_code == 400
    assert_readable_429(change(client, "another guess"))
    # Even the right password waits now: someone holding this session is guessing.
    assert_readable_429(change(client, PASSWORD))
    assert log_in(limited_app.test_client(), password="a brand new passphrase").status_code == 400

    # Another organiser, elsewhere, is not held up by it.
    second = limited_app.test_client()
    assert log_in(second, "second@example.org", environ_base={"REMOTE_ADDR": "192.0.2.9"}).status_code == 303
    assert change(second, PASSWORD, REMOTE_ADDR="192.0.2.9").status_code == 303


def test_successful_password_changes_do_not_use_up_the_limit(app, make_app):
    make_organiser()
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    assert log_in(client).status_code == 303
    current = PASSWORD
    for number in range(7):
        new = f"passphrase number {number} of seven"
        response = client.post("/organisers/password", data={
            "current_password": current, "new_password": new, "confirm_password": new})
        assert response.status_code == 303
        current = new


def test_erasure_requests_are_rate_limited_per_visitor_and_per_address(app, make_app):
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    for number in range(5):
        assert limited.post("/privacy/erase", data={"email": f"e{number}@example.org"}).status_code == 200
    assert_readable_429(limited.post("/privacy/erase", data={"email": "e5@example.org"}))

    # One inbox cannot be flooded with erasure links from many machines either.
    for number in range(5):
        response = limited.post("/privacy/erase", data={"email": "target@example.org"},
                                environ_base={"REMOTE_ADDR": f"198.51.100.{number + 1}"})
        assert response.status_code == 200
    flood = limited.post("/privacy/erase", data={"email": " TARGET@example.org"},
                         environ_base={"REMOTE_ADDR": "198.51.100.99"})
    assert_readable_429(flood)
    mailed = db.session.scalars(select(OutboxMessage.recipients)).all()
    assert sorted(r[0] for r in mailed).count("target@example.org") == 5
    assert len(mailed) == 10


def test_rate_limit_counters_never_hold_an_email_address(app, demo, make_app):
    """Counters may live in a shared Redis: they are keyed by a hash of the address, not the address."""
    from extensions import limiter

    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    assert limited.post("/campaigns/ua-118-21/subscribe",
                        data={"email": "Secret.Person@example.org", "follow": "ua-118-21"}).status_code == 303
    assert limited.post("/privacy/erase", data={"email": "secret.person@example.org"}).status_code == 200
    assert limited.post("/organisers/login", data={"email": "nobody@example.org", "password": "wrong"}
                        ).status_code == 400
    keys = list(limiter.storage.storage)
    assert [scope for scope in ("subscriptions-email", "erase-email", "login-email") if any(scope in k for k in keys)] \
        == ["subscriptions-email", "erase-email", "login-email"]
    assert not [key for key in keys if "@" in key or "example.org" in key.lower()]


def test_typing_posted_codes_is_rate_limited_per_visitor(client, demo, make_app):
    from models import Action

    client.post(WRITE, data=action_data(demo, client, channel="pdf"))
    code = db.session.scalar(select(Action.posted_code))

    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    for number in range(20):
        assert limited.post("/posted", data={"code": f"WRONG{number:03d}"}).status_code == 404
    assert_readable_429(limited.post("/posted", data={"code": code}))
    assert letters_in_state(LetterState.posted) == 0

    # Someone else types their real code as usual.
    assert limited.post("/posted", data={"code": code}, environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200
    assert letters_in_state(LetterState.posted) == 2
