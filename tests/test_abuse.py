"""Abuse of the email channel: daily caps per network and per address, keyed network fingerprints,
floods of identical messages held for organisers, and blocked senders who are sent nothing."""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from campaigns.abuse import message_fingerprint, network_of
from extensions import db
from models import Action, AuditEntry, BlockedSender, BlockKind, Letter, LetterState, OutboxMessage, Subscription
from outbox.delivery import deliver_due
from outbox.jobs import run_due_jobs
from tests.conftest import TEST_SECRET_KEY
from tests.helpers import (action_data, audit_actions, confirm_by_email, confirmation_link, counter_total, csrf_token,
                           letters_in_state, log_in, secret_from)

WRITE = "/campaigns/ua-118-21/write"
HALL = "198.51.100.23"
ELSEWHERE = "203.0.113.77"


def _post(client, demo, remote_addr: str = HALL, **overrides):
    data = action_data(demo, client, channel="email", address_line1="", **overrides)
    return client.post(WRITE, data=data, environ_base={"REMOTE_ADDR": remote_addr})


def _actions() -> int:
    return db.session.scalar(select(func.count()).select_from(Action))


def _confirm(client, secret: str) -> None:
    assert confirm_by_email(client, secret).status_code == 303


def _outbox_to(address: str) -> list[OutboxMessage]:
    db.session.expire_all()
    return [row for row in db.session.scalars(select(OutboxMessage)) if address in row.recipients]


# --- network fingerprints ------------------------------------------------------------------------

@pytest.mark.parametrize("given, network", [
    ("198.51.100.23", "198.51.100.23"),
    ("::ffff:198.51.100.23", "198.51.100.23"),
    ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
    ("2001:db8:1:2::1%eth0", "2001:db8:1:2::/64"),
    ("not an address", None),
    (None, None),
])
def test_a_network_is_an_ipv4_address_or_an_ipv6_64(given, network):
    assert network_of(given) == network


def test_the_network_is_stored_as_a_keyed_fingerprint_never_as_the_address(client, demo):
    assert _post(client, demo, remote_addr="2001:db8:1:2::1").status_code == 303
    assert _post(client, demo, remote_addr="2001:db8:1:2:ffff::9", email="b@example.org").status_code == 303
    assert _post(client, demo, remote_addr="2001:db8:1:3::1", email="c@example.org").status_code == 303
    first, same_64, other_64 = db.session.scalars(select(Action.network_hash).order_by(Action.id)).all()
    expected = hmac.new(TEST_SECRET_KEY.encode(), b"network:2001:db8:1:2::/64", hashlib.sha256).hexdigest()
    assert first == same_64 == expected  # keyed: without SECRET_KEY nobody can test guesses against it
    assert other_64 != first
    assert first != hashlib.sha256(b"2001:db8:1:2::/64").hexdigest()
    # No column of any table holds the address, in any spelling.
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for row in connection.execute(sa.select(table)):
                text = " ".join(str(value) for value in row).lower()
                assert "2001:db8" not in text, table.name


def test_pdf_and_mail_app_actions_keep_no_network_fingerprint(client, demo):
    client.post(WRITE, data=action_data(demo, client))
    client.post(WRITE, data=action_data(demo, client, channel="mailto", email="m@example.org"))
    assert db.session.scalars(select(Action.network_hash)).all() == [None, None]


# --- daily caps ----------------------------------------------------------------------------------

def test_the_per_network_cap_brings_the_form_back_with_everything_typed(client, demo, make_app):
    limited = make_app(RATELIMIT_ENABLED=True, EMAIL_ACTIONS_PER_NETWORK_PER_DAY=3).test_client()
    for n in range(3):
        assert _post(limited, demo, email=f"s{n}@example.org").status_code == 303
    response = _post(limited, demo, name="Jane O'Doe", email="fourth@example.org", city="Leeds",
                     personal_message="Free him <b>now</b>")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "from your network today" in html and "Print and post" in html
    assert 'id="channel-error"' in html and "error-summary" in html
    assert "Jane O&#39;Doe" in html and 'value="fourth@example.org"' in html and 'value="Leeds"' in html
    assert "Free him &lt;b&gt;now&lt;/b&gt;" in html
    assert _actions() == 3 and len(_outbox_to("fourth@example.org")) == 0

    # Another network, or the printed letters, still work; so does the same network on another day.
    assert _post(limited, demo, remote_addr=ELSEWHERE, email="fourth@example.org").status_code == 303
    pdf = action_data(demo, limited, email="fourth@example.org", channel="pdf")
    assert limited.post(WRITE, data=pdf, environ_base={"REMOTE_ADDR": HALL}).status_code == 303
    _age_actions(hours=25)
    assert _post(limited, demo, email="fifth@example.org").status_code == 303


def _age_actions(*, hours: int) -> None:
    for action in db.session.scalars(select(Action)):
        action.created_at = action.created_at - timedelta(hours=hours)
    db.session.commit()


def test_one_address_gets_only_so_many_confirmations_a_day_from_any_network(client, demo, make_app):
    limited = make_app(RATELIMIT_ENABLED=True, CONFIRMATIONS_PER_ADDRESS_PER_DAY=2).test_client()
    for network in ["192.0.2.1", "192.0.2.2"]:
        assert _post(limited, demo, remote_addr=network, email="Victim@Example.org").status_code == 303
    response = _post(limited, demo, remote_addr="192.0.2.3", email="victim@example.org ")
    assert response.status_code == 429
    assert "several confirmation emails to this address today" in response.get_data(as_text=True)
    assert len(_outbox_to("victim@example.org")) == 2
    assert _post(limited, demo, remote_addr="192.0.2.3", email="someone.else@example.org").status_code == 303


def test_caps_follow_the_rate_limit_switch(client, demo, make_app):
    # The test apps run with RATELIMIT_ENABLED off (load tests too): then no cap applies.
    relaxed = make_app(EMAIL_ACTIONS_PER_NETWORK_PER_DAY=1, CONFIRMATIONS_PER_ADDRESS_PER_DAY=1).test_client()
    for _ in range(3):
        assert _post(relaxed, demo).status_code == 303


def test_with_the_caps_on_one_statement_reads_blocks_and_both_caps(demo, make_app):
    limited_app = make_app(RATELIMIT_ENABLED=True)
    limited = limited_app.test_client()
    data = action_data(demo, limited, channel="email", address_line1="")  # the form's GET, not counted
    with limited_app.app_context():
        engine = db.engine
    reads = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _read(_conn, _cursor, statement, _params, _context, _many):
        if statement.lstrip().upper().startswith("SELECT") and "FROM campaigns" not in statement:
            reads.append(statement)

    assert limited.post(WRITE, data=data, environ_base={"REMOTE_ADDR": HALL}).status_code == 303
    # Besides the screening, the only read is which webhooks want the action reported (webhooks/events.py).
    [screening, webhooks] = reads
    assert "blocked_senders" in screening and screening.count("FROM actions") == 2
    assert "FROM webhook_endpoints" in webhooks

# --- confirmation first --------------------------------------------------------------------------

def test_nothing_goes_to_an_official_before_the_supporter_confirms(client, demo, mailbox_messages):
    secret = secret_from(_post(client, demo))
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.kind == "letter")) == 0
    assert deliver_due() == 1
    assert [m["To"] for m in mailbox_messages()] == ["jane@example.org"]
    assert letters_in_state(LetterState.awaiting_confirmation) == 2
    _confirm(client, secret)
    assert deliver_due() == 2 and letters_in_state(LetterState.sent) == 2


# --- identical messages --------------------------------------------------------------------------

MESSAGE = "Please release Azat Isakov now!"


def test_message_fingerprints_ignore_case_spacing_and_punctuation(app):
    same = {message_fingerprint(text)
            for text in (MESSAGE, "please  RELEASE azat isakov now", "Please release Azat Isakov now!!!\n")}
    assert len(same) == 1
    assert message_fingerprint("Please free Azat Isakov now") not in same
    assert message_fingerprint("") is None and message_fingerprint(" ?! ") is None


def _flood(client, demo, count: int, message: str = MESSAGE) -> list[str]:
    secrets = []
    for n in range(count):
        response = _post(client, demo, email=f"new{n}@example.org", remote_addr=f"192.0.2.{n + 1}",
                         personal_message=message if n % 2 else message.upper())
        assert response.status_code == 303
        secrets.append(secret_from(response))
        _confirm(client, secrets[-1])
    return secrets


def test_identical_messages_from_new_addresses_are_held_after_the_threshold(client, demo, make_app):
    watchful = make_app(IDENTICAL_MESSAGES_BEFORE_HOLD=2).test_client()
    secrets = _flood(watchful, demo, 4)
    assert letters_in_state(LetterState.queued) == 4      # the first two actions, two letters each
    assert letters_in_state(LetterState.held) == 4        # the next two wait for an organiser
    assert counter_total(LetterState.held) == 4
    assert watchful.get("/campaigns/ua-118-21/counts.json").json["total"] == 4  # held letters are not counted
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.kind == "letter")) == 4
    # The supporter is told what anyone is told.
    page = watchful.get(f"/a/{secrets[3]}").get_data(as_text=True)
    assert "Your emails are on their way" in page and page.count("waiting its turn") == 2

    # Empty messages never count (the standard letter is the same for everyone), nor do known addresses.
    for n in range(3):
        _confirm(watchful, secret_from(_post(watchful, demo, email=f"plain{n}@example.org")))
    _confirm(watchful, secret_from(_post(watchful, demo, email="new0@example.org", personal_message=MESSAGE)))
    assert letters_in_state(LetterState.held) == 4


def test_organisers_release_or_reject_held_letters(org_client, demo, make_app, mailbox_messages):
    watchful = make_app(IDENTICAL_MESSAGES_BEFORE_HOLD=1).test_client()
    _flood(watchful, demo, 4)
    deliver_due()
    sent_before = len(mailbox_messages())
    held = db.session.scalars(select(Action).where(Action.id.in_(
        select(Letter.action_id).where(Letter.state == LetterState.held))).order_by(Action.id)).all()
    assert len(held) == 3

    page = org_client.get(f"/organisers/campaigns/{demo.id}/held")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "3 actions held" in html and "this message came 4 times from new addresses" in html
    assert "new1@example.org" in html and MESSAGE in html

    assert org_client.post(f"/organisers/campaigns/{demo.id}/held/{held[0].id}/release").status_code == 303
    assert org_client.post(f"/organisers/campaigns/{demo.id}/held/{held[1].id}/reject").status_code == 303
    assert letters_in_state(LetterState.held) == 2 and letters_in_state(LetterState.rejected) == 2
    assert counter_total(LetterState.rejected) == 2
    # Deciding twice finds nothing left to decide.
    again = org_client.post(f"/organisers/campaigns/{demo.id}/held/{held[1].id}/release", follow_redirects=True)
    assert "There are no held letters there" in again.get_data(as_text=True)

    assert deliver_due() == 2  # the released ones, and nothing of the rejected
    db.session.expire_all()
    states = {a.id: {letter.state for letter in a.letters} for a in db.session.scalars(select(Action))}
    assert states[held[0].id] == {LetterState.sent}
    assert states[held[1].id] == {LetterState.rejected}
    rejected_ids = [letter.id for letter in db.session.get(Action, held[1].id).letters]
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.letter_id.in_(rejected_ids))) == 0
    assert len(mailbox_messages()) == sent_before + 2

    # All held letters with one message are decided at once.
    message_hash = held[2].message_hash
    assert org_client.post(f"/organisers/campaigns/{demo.id}/held/messages/{message_hash}/reject").status_code == 303
    assert letters_in_state(LetterState.held) == 0
    assert deliver_due() == 0
    held_page = org_client.get(f"/organisers/campaigns/{demo.id}/held").get_data(as_text=True)
    assert held_page.count("No letters are held") == 1
    assert audit_actions()[-3:] == ["letters.released", "letters.rejected", "letters.rejected"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "letters.released"))
    assert entry.organiser_email == "organiser@example.org" and str(held[0].id) in entry.summary
    assert org_client.get("/campaigns/ua-118-21/counts.json").json["total"] == 4  # two let through, two released


# --- blocking ------------------------------------------------------------------------------------

def test_a_blocked_address_is_answered_like_anyone_and_sent_nothing(org_client, demo, mailbox_messages):
    first = secret_from(_post(org_client, demo, email="spammer@example.org", personal_message="Buy now"))
    first_link = confirmation_link(first)
    action_id = db.session.scalar(select(Action.id))
    response = org_client.post(f"/organisers/campaigns/{demo.id}/actions/{action_id}/block",
                               data={"kind": "email", "reason": "mail bombing"})
    assert response.status_code == 303
    block = db.session.scalar(select(BlockedSender))
    assert block.kind is BlockKind.email and block.reason == "mail bombing"
    assert "spammer" not in block.value and block.hint == "s•••@example.org"  # a fingerprint, not the address
    assert _outbox_to("spammer@example.org") == []  # the confirmation still waiting was withdrawn
    # A confirmation link that went out before the block sends nothing.
    assert org_client.post(first_link).status_code == 303
    assert letters_in_state(LetterState.queued) == 0 and letters_in_state(LetterState.rejected) == 2

    # The same form, from anywhere: the same answer as anyone, and nothing is emailed.
    again = _post(org_client, demo, remote_addr=ELSEWHERE, email="Spammer@example.org", wants_updates="y")
    assert again.status_code == 303
    page = org_client.get(again.headers["Location"]).get_data(as_text=True)
    assert "One more step: check your inbox" in page
    assert _outbox_to("spammer@example.org") == []
    run_due_jobs()  # "email me updates" is handled after the response
    assert db.session.scalar(select(func.count()).select_from(Subscription)) == 0
    deliver_due()
    assert not [m for m in mailbox_messages() if "spammer@example.org" in str(m["To"]).lower()]
    assert mailbox_messages() == []
    assert audit_actions()[-1] == "sender.blocked"


def test_a_blocked_network_is_sent_nothing_other_networks_are(org_client, demo, mailbox_messages):
    _post(org_client, demo, remote_addr="2001:db8:7:7::1", email="a@example.org")
    action_id = db.session.scalar(select(Action.id))
    response = org_client.post(f"/organisers/campaigns/{demo.id}/actions/{action_id}/block",
                               data={"kind": "network"}, follow_redirects=True)
    assert "nothing more is emailed for actions from this network" in response.get_data(as_text=True)
    assert _outbox_to("a@example.org") == []
    assert _post(org_client, demo, remote_addr="2001:db8:7:7:abcd::2", email="b@example.org").status_code == 303
    assert _post(org_client, demo, remote_addr="2001:db8:7:8::1", email="c@example.org").status_code == 303
    deliver_due()
    assert [m["To"] for m in mailbox_messages()] == ["c@example.org"]
    blocked = org_client.get("/organisers/blocked").get_data(as_text=True)
    assert f"the network of action {action_id}" in blocked and "2001" not in blocked


def test_blocking_rejects_held_letters_and_withdraws_queued_ones(org_client, demo, make_app):
    watchful = make_app(IDENTICAL_MESSAGES_BEFORE_HOLD=1).test_client()
    for n in range(3):  # one network, three new addresses, one message
        response = _post(watchful, demo, email=f"bot{n}@example.org", personal_message=MESSAGE)
        _confirm(watchful, secret_from(response))
    assert letters_in_state(LetterState.queued) == 2 and letters_in_state(LetterState.held) == 4
    action_id = db.session.scalar(select(Action.id).order_by(Action.id.desc()))
    org_client.post(f"/organisers/campaigns/{demo.id}/actions/{action_id}/block", data={"kind": "network"})
    assert letters_in_state(LetterState.queued) == 0 and letters_in_state(LetterState.held) == 0
    assert letters_in_state(LetterState.rejected) == 6
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.kind == "letter")) == 0
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "sender.blocked"))
    assert "6 letter(s) stopped" in entry.summary
    # What is left in the outbox are the confirmations, already answered: no letter leaves.
    assert set(db.session.scalars(select(OutboxMessage.kind))) == {"confirmation"}


def test_lifting_a_block_lets_mail_go_again(org_client, demo):
    _post(org_client, demo, email="mistake@example.org")
    action_id = db.session.scalar(select(Action.id))
    org_client.post(f"/organisers/campaigns/{demo.id}/actions/{action_id}/block", data={"kind": "email"})
    block_id = db.session.scalar(select(BlockedSender.id))
    assert org_client.post(f"/organisers/blocked/{block_id}/unblock").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(BlockedSender)) == 0
    _post(org_client, demo, email="mistake@example.org")
    assert [row.kind for row in _outbox_to("mistake@example.org")] == ["confirmation"]
    assert audit_actions()[-1] == "sender.unblocked"


# --- organiser pages -----------------------------------------------------------------------------

def test_the_held_pages_need_a_logged_in_organiser(client, demo):
    _post(client, demo)
    action_id = db.session.scalar(select(Action.id))
    for method, path in [("GET", f"/organisers/campaigns/{demo.id}/held"), ("GET", "/organisers/blocked"),
                         ("POST", f"/organisers/campaigns/{demo.id}/held/{action_id}/release"),
                         ("POST", f"/organisers/campaigns/{demo.id}/actions/{action_id}/block")]:
        response = client.open(path, method=method, data={"kind": "email"})
        assert response.status_code == 302 and response.headers["Location"].startswith("/organisers/login")
    assert db.session.scalar(select(func.count()).select_from(BlockedSender)) == 0


def test_the_held_pages_refuse_posts_without_a_csrf_token(csrf_app, organiser, demo):
    client = csrf_app.test_client()
    nonce_page = client.get(WRITE).get_data(as_text=True)
    data = action_data(demo, client, channel="email", address_line1="", csrf_token=csrf_token(nonce_page))
    assert client.post(WRITE, data=data).status_code == 303
    action_id = db.session.scalar(select(Action.id))
    log_in(client, csrf_token=csrf_token(client.get("/organisers/login").get_data(as_text=True)))
    path = f"/organisers/campaigns/{demo.id}/actions/{action_id}/block"
    assert client.post(path, data={"kind": "email"}).status_code == 400
    assert db.session.scalar(select(func.count()).select_from(BlockedSender)) == 0
    page = client.get(f"/organisers/campaigns/{demo.id}/held").get_data(as_text=True)
    assert f'action="{path}"' in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post(path, data={"kind": "email", "csrf_token": token}).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(BlockedSender)) == 1


def test_the_dashboard_links_to_the_held_letters(org_client, demo):
    html = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert f'href="/organisers/campaigns/{demo.id}/held"' in html
