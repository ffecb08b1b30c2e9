"""Every form that sends mail, filled in with an official's address or any alias of it: nothing reaches them.

Officials receive letters from live campaigns, nothing else: no confirmation, no link, no copy,
no update, and nothing at all while their campaign is in test mode. The guard where mail leaves
refuses such messages (and shows them to organisers); this walks every way in.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from inboxes import inbox_key
from models import Campaign, OutboxMessage, OutboxStatus, Subscription, SubscriptionStatus, UpdateKind
from outbox.delivery import deliver_due
from outbox.jobs import run_due_jobs
from subscriptions.updates import publish_update
from tests.conftest import official_addresses
from tests.helpers import action_data, confirmation_link, secret_from

WRITE = "/campaigns/ua-118-21/write"
# Each demo official's address, and spellings that reach the same inbox.
ALIASES = sorted({*official_addresses(), "go.saparov+ua@gmail.com", "GoSaparov@googlemail.com",
                  "g.o.saparov@gmail.com", "Turkmenistan+letters@UN.int", "TURKMEN@mindspring.com"})
OFFICIAL_INBOXES = {inbox_key(address) for address in official_addresses()}


def _forms_that_send_mail(client, demo, address: str, *, confirm: bool = True) -> None:
    """Every public form that emails the address typed in, as a stranger would fill it in."""
    email = secret_from(client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="",
                                                            email=address, wants_copy="y", wants_updates="y")))
    client.post(f"/a/{email}/resend")
    client.post(f"/campaigns/{demo.slug}/subscribe", data={"email": address, "follow": demo.slug})
    client.post("/subscribe", data={"email": address, "follow": "all"})
    client.post("/subscriptions/manage", data={"email": address})
    client.post("/privacy/erase", data={"email": address})
    run_due_jobs()  # "email me updates" on the action form
    if confirm:  # even were the confirmation link in the official's hands, the copy of the letters stays away
        client.post(confirmation_link(email))


def _nothing_reached_an_official(mailbox_messages) -> None:
    deliver_due()
    for message in mailbox_messages():
        recipients = {inbox_key(str(address.addr_spec)) for address in message["To"].addresses}
        assert not recipients & OFFICIAL_INBOXES, message["Subject"]
    rows = db.session.scalars(select(OutboxMessage)).all()
    to_officials = [row for row in rows if {inbox_key(r) for r in row.recipients} & OFFICIAL_INBOXES]
    assert to_officials, "the forms should have tried to mail the official"
    assert all(row.status is OutboxStatus.refused for row in to_officials), [
        (row.kind, row.status, row.recipients) for row in to_officials]


@pytest.mark.parametrize("address", ALIASES)
def test_no_public_form_mails_an_official_in_test_mode(client, demo, mailbox_messages, address):
    _forms_that_send_mail(client, demo, address)
    _nothing_reached_an_official(mailbox_messages)


@pytest.mark.parametrize("address", ["go.saparov+ua@gmail.com", "turkmen@mindspring.com"])
def test_a_live_campaign_sends_its_officials_no_housekeeping(client, demo, mailbox_messages, address):
    """Live, officials get letters (tests/test_email_letters.py); confirmations, links and updates never."""
    campaign = db.session.get(Campaign, demo.id)
    campaign.is_test_mode = False
    # A follower whose address is an official's, from before any check: updates never reach them.
    db.session.add(Subscription(email=address.lower(), scope="all", status=SubscriptionStatus.confirmed))
    db.session.commit()
    _forms_that_send_mail(client, demo, address, confirm=False)
    publish_update(campaign, kind=UpdateKind.further_information, title="News", body_markdown="He was seen.")
    db.session.commit()
    run_due_jobs()
    _nothing_reached_an_official(mailbox_messages)
    kinds = {row.kind for row in db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.status == OutboxStatus.refused))}
    assert {"confirmation", "subscription_confirmation", "update", "erasure_link"} <= kinds
    campaign.is_test_mode = True  # as the demo was loaded
    db.session.commit()
