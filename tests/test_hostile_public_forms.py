"""Hostile input on the public forms that take an email address, a code or a press of a button.

The action form's email field, the follow box on a campaign page, /subscribe,
/subscriptions/manage and /privacy/erase each get hostile text, the spellings of one inbox (case,
+tags, Gmail's dots and googlemail.com, a domain in IDNA or in Unicode, full-width letters) and
addresses outside ASCII or almost valid; /posted gets hostile codes; the buttons behind emailed
links get junk tokens and junk fields. Whatever arrives: never a 5xx; refused input comes back
(400) with a message beside its field and what was typed; an accepted address is sent exactly
one email, to that address and no other, with only the headers the app writes and no line
break in any of them; and the answer is the same whether or not the address is known.

The action form's other fields are tried in tests/test_hostile_input.py, and the hostile values
come from tests/hostile.py. The bugs these properties found are fixed; the
smallest example of each is kept at the end of this file.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from itertools import count

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import delete, func, select, update

from campaigns.abuse import email_fingerprint
from extensions import db
from inboxes import inbox_key
from models import (Action, BlockedSender, BlockKind, EmailLink, Job, Letter, LetterCount, LetterState, OutboxMessage,
                    Subscription, SubscriptionStatus, Supporter)
from models._types import utcnow
from outbox.delivery import deliver_due
from tests.helpers import action_data, newest_link, secret_from
from tests.hostile import (ALIAS_BASES, POSTGRESQL, assert_comes_back, assert_no_injected_markup,
                           assert_only_to, database_state, fewer_examples, field_errors, fresh_view, hostile,
                           hostile_choice, hostile_email, hostile_settings, hostile_token, junk_fields,
                           path_id, segment, spelling_of, without_csrf_tokens)
from tests.test_security_doc import _exists as exists

# Each test posts one form hundreds of times: `-m "not slow"` leaves them out of a quick run.
pytestmark = pytest.mark.slow

SLUG = "ua-118-21"
WRITE = f"/campaigns/{SLUG}/write"
FOLLOW_BOX = f"/campaigns/{SLUG}/subscribe"
# A hidden field people never fill in; bots that do are thanked and ignored.
honeypot = st.one_of(st.just(""), st.just(""), hostile)
_networks = count(1)


def a_network() -> dict:
    """A visitor from a network of its own, so that no per-visitor limit is what a test meets."""
    n = next(_networks)
    return {"REMOTE_ADDR": f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"}


def outbox_rows() -> list[OutboxMessage]:
    fresh_view()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def subscription_rows() -> list[tuple]:
    fresh_view()
    return [tuple(row) for row in db.session.execute(select(Subscription.email, Subscription.scope,
                                                            Subscription.status).order_by(Subscription.id))]


def forget_everyone() -> None:
    """Back to nobody known: no subscription, link, block or queued email."""
    for model in (OutboxMessage, EmailLink, Subscription, BlockedSender, Job):
        db.session.execute(delete(model))
    db.session.commit()


def answer(client, path: str, data: dict, **kwargs) -> list:
    """What a visitor sees: the response and, after a redirect, the page it leads to."""
    response = client.post(path, data=data, **kwargs)
    assert response.status_code < 500, response.status_code
    seen = [response.status_code, response.headers.get("Location"),
            without_csrf_tokens(response.get_data(as_text=True))]
    if response.status_code == 303:
        page = client.get(response.headers["Location"])
        seen += [page.status_code, without_csrf_tokens(page.get_data(as_text=True))]
    return seen


def assert_mailed_to(row: OutboxMessage, address: str) -> None:
    assert_only_to(row, [address])



@pytest.fixture(autouse=True)
def _what_is_left_goes_through_the_guard(app):
    """Some examples type an official's address (an alias of the demo's President, say): whatever a
    test leaves queued is delivered before the suite's check that no official was mailed, as it
    would be in production, so the guard refuses what must not reach them."""
    yield
    deliver_due()

# --- the follow box, /subscribe, /subscriptions/manage, /privacy/erase -------------------------------

@dataclass(frozen=True)
class EmailForm:
    path: str
    good: dict                  # the other fields, as the page sends them
    others: dict                # hostile values for those fields
    accepted: int               # the status of an accepted request
    kinds: tuple[str, ...]      # what the one email it sends may be
    lowered: bool = True        # the address is mailed lower-cased


EMAIL_FORMS = {
    "follow box": EmailForm(FOLLOW_BOX, {"follow": SLUG, "website": ""},
                            {"follow": hostile_choice(SLUG, "all"), "website": honeypot}, 303,
                            ("subscription_confirmation", "subscription_notice")),
    "subscribe": EmailForm("/subscribe", {"follow": "all", "website": ""},
                           {"follow": hostile_choice("all", SLUG), "website": honeypot}, 303,
                           ("subscription_confirmation", "subscription_notice")),
    "manage": EmailForm("/subscriptions/manage", {"website": ""}, {"website": honeypot}, 303,
                        ("subscription_manage_link",)),
    "erase": EmailForm("/privacy/erase", {}, {}, 200, ("erasure_link",), lowered=False),
}


def make_known(address: str, demo) -> None:
    """The address, and the inbox it reaches, follow every case and this one, confirmed."""
    for email in {address.lower(), inbox_key(address)}:
        if len(email) > 254:
            continue
        for scope, campaign_id in (("all", None), (f"campaign:{demo.id}", demo.id)):
            row = db.session.scalar(select(Subscription).where(Subscription.email == email,
                                                               Subscription.scope == scope))
            if row is None:
                db.session.add(Subscription(email=email, scope=scope, campaign_id=campaign_id,
                                            status=SubscriptionStatus.confirmed, confirmed_at=utcnow()))
            else:
                row.status = SubscriptionStatus.confirmed
    db.session.commit()


@hostile_settings
@pytest.mark.parametrize("name", EMAIL_FORMS)
@given(data=st.data())
def test_hostile_input_in_a_public_email_form(client, demo, name, data):
    """Refused input comes back with a message; an accepted address gets one email, to it alone, and the
    same answer after it (and the inbox it reaches) follows everything."""
    form = EMAIL_FORMS[name]
    sent = {**form.good, **data.draw(st.fixed_dictionaries({"email": hostile_email, **form.others}), "values")}
    forget_everyone()
    first = answer(client, form.path, sent)
    status, html = first[0], first[2]
    assert status in (form.accepted, 400)
    assert_no_injected_markup(html)
    if status == 400:
        assert field_errors(html, sent), "refused without a message beside any field"
        assert_comes_back(html, sent, ["email"])
        assert outbox_rows() == [] and subscription_rows() == []
        return
    if sent.get("website"):  # a bot: the thanks a person gets, and nothing else
        assert outbox_rows() == [] and subscription_rows() == []
        return
    address = sent["email"].strip().lower() if form.lowered else sent["email"].strip()
    [row] = outbox_rows()
    assert row.kind in form.kinds
    assert_mailed_to(row, address)

    make_known(sent["email"].strip(), demo)
    assert answer(client, form.path, sent) == first
    rows = outbox_rows()
    assert len(rows) == 2 and rows[1].recipients == [address]


# --- the action form's email field ------------------------------------------------------------------

def email_letters(demo, **fields) -> dict:
    """The action form for email letters, as its page sends it (with a one-time token of its own)."""
    return {"name": "Jane Doe", "email": "jane@example.org", "address_line1": "", "address_line2": "", "city": "Leeds",
            "postcode": "", "country": "GB", "personal_message": "", "targets": [t.id for t in demo.targets],
            "channel": "email", "language": "en", "form_nonce": secrets.token_urlsafe(24), **fields}


def write_email_letters(client, demo, email: str, **fields):
    return client.post(WRITE, data=email_letters(demo, email=email, **fields), environ_base=a_network())


def thank_you(client, response) -> list:
    """The answer to the action form, with the secrets of the action's own links left out."""
    seen = [response.status_code]
    if response.status_code == 303:
        page = client.get(response.headers["Location"])
        seen += [re.sub(r"/a/[A-Za-z0-9_-]+", "/a/…", without_csrf_tokens(page.get_data(as_text=True)))]
    return seen


@hostile_settings
@given(email=hostile_email)
def test_an_address_in_the_action_form_gets_one_confirmation_and_the_answer_anyone_gets(client, demo, email):
    """Email letters: a refused address comes back with a message; an accepted one is sent one
    confirmation, to it alone, and the same thanks whether it is new, confirmed before or blocked."""
    forget_everyone()
    for model in (Letter, Action, Supporter):  # each example on its own, and the tables stay small
        db.session.execute(delete(model))
    db.session.commit()
    response = write_email_letters(client, demo, email)
    assert response.status_code in (303, 400), response.status_code
    if response.status_code == 400:
        html = response.get_data(as_text=True)
        errors = field_errors(html, {"email": email}, summary=False)
        assert list(errors) == ["email"]
        assert_comes_back(html, {"email": email, "name": "Jane Doe", "city": "Leeds"}, ["email", "name", "city"])
        assert outbox_rows() == []
        return
    address = email.strip().lower()
    [row] = outbox_rows()
    assert row.kind == "confirmation"
    assert_mailed_to(row, address)
    new = thank_you(client, response)
    assert str(escape(address)) in new[1]

    # The same inbox, confirmed before: the same thanks, and one more confirmation.
    supporter = db.session.scalar(select(Supporter).where(Supporter.id == select(Action.supporter_id).where(
        Action.secret == secret_from(response)).scalar_subquery()))
    supporter.email_confirmed_at = utcnow()
    db.session.commit()
    first_submission = database_state(Supporter, Letter)
    assert thank_you(client, write_email_letters(client, demo, email, city="Berlin")) == new
    assert [row.recipients for row in outbox_rows()] == [[address], [address]]

    # Blocked: answered like anyone, and sent nothing.
    db.session.add(BlockedSender(kind=BlockKind.email, value=email_fingerprint(address), hint="blocked"))
    db.session.commit()
    assert thank_you(client, write_email_letters(client, demo, email, city="Paris")) == new
    assert len(outbox_rows()) == 2
    # Whoever wrote with that address later changed nothing of the first submission.
    after = database_state(Supporter, Letter)
    for table, rows in first_submission.items():
        assert set(rows) <= set(after[table])


def spellings_of_one_inbox(how_many: int):
    return st.sampled_from(ALIAS_BASES).flatmap(lambda base: st.lists(spelling_of(base), min_size=how_many,
                                                                      max_size=how_many))


@pytest.fixture
def capped_app(make_app, demo):
    """Rate limits on, two confirmations an inbox a day, no cap per network."""
    return make_app(RATELIMIT_ENABLED=True, CONFIRMATIONS_PER_ADDRESS_PER_DAY=2, EMAIL_ACTIONS_PER_NETWORK_PER_DAY=0)


@fewer_examples(3)
@given(spellings=spellings_of_one_inbox(3))
def test_the_daily_confirmations_of_an_inbox_count_every_spelling(capped_app, demo, spellings):
    """Two confirmations a day to an inbox, in whatever spelling: the third is refused (429) with everything
    typed and the way out beside the channel."""
    # Yesterday's actions do not count.
    db.session.execute(update(Action).values(created_at=utcnow() - timedelta(days=2)))
    forget_everyone()
    client = capped_app.test_client()
    accepted = 0
    for email in spellings:
        response = write_email_letters(client, demo, email, name="Jane Doe")
        if accepted < 2:
            assert response.status_code in (303, 400)
            accepted += response.status_code == 303
            continue
        assert response.status_code in (429, 400)
        if response.status_code == 429:
            html = response.get_data(as_text=True)
            assert_comes_back(html, {"email": email, "name": "Jane Doe"}, ["email", "name"])
            assert 'id="channel-error"' in html and "Print and post" in html
    assert len(outbox_rows()) == accepted


@fewer_examples(3)
@given(spellings=spellings_of_one_inbox(2))
def test_blocking_a_sender_blocks_every_spelling_of_its_inbox(org_client, demo, spellings):
    """An organiser blocks the sender of one action: the next action from another spelling of that inbox
    is thanked like anyone's and sent nothing."""
    first, second = spellings
    forget_everyone()
    response = write_email_letters(org_client, demo, first)
    if response.status_code != 303:
        return  # a spelling the form refuses (tried for its message above)
    action_id = db.session.scalar(select(Action.id).where(Action.secret == secret_from(response)))
    blocked = org_client.post(f"/organisers/campaigns/{demo.id}/actions/{action_id}/block", data={"kind": "email"})
    assert blocked.status_code == 303
    left = outbox_rows()
    assert left == []  # the first one's confirmation, withdrawn
    again = write_email_letters(org_client, demo, second)
    assert again.status_code in (303, 400)
    assert outbox_rows() == left


# --- the code from a cover sheet ---------------------------------------------------------------------

@pytest.fixture
def posted_code(client, demo) -> str:
    assert client.post(WRITE, data=action_data(demo, client)).status_code == 303
    return db.session.scalar(select(Action.posted_code))


@st.composite
def typed_codes(draw, code: str) -> tuple[str, bool]:
    """The code as people type it (any case, spaces or dashes between), one letter off, or anything."""
    kind = draw(st.sampled_from(["spelling", "one off", "hostile"]))
    if kind == "hostile":
        return draw(hostile), False
    if kind == "one off":
        place = draw(st.integers(0, len(code) - 1))
        other = draw(st.sampled_from([ch for ch in "ABCDEFGHJKMNPQRSTUVWXYZ23456789" if ch != code[place]]))
        return code[:place] + other + code[place + 1:], False
    separators = draw(st.lists(st.sampled_from(["", "", " ", "-"]), min_size=len(code), max_size=len(code)))
    lower = draw(st.lists(st.booleans(), min_size=len(code), max_size=len(code)))
    spelled = "".join(sep + (ch.lower() if low else ch) for sep, ch, low in zip(separators, code, lower, strict=True))
    return draw(st.sampled_from(["", " "])) + spelled, True


@hostile_settings
@given(data=st.data())
def test_hostile_codes_on_the_posted_page(client, demo, posted_code, data):
    """Only the code (in any case, with spaces or dashes) counts the letters as posted; anything else
    comes back with a message beside the field and the first 20 characters typed."""
    code, is_it = data.draw(typed_codes(posted_code), "code")
    response = client.post("/posted", data={"code": code}, environ_base=a_network())
    html = response.get_data(as_text=True)
    assert_no_injected_markup(html)
    if is_it:
        assert response.status_code == 200
        assert "counted as posted" in html
        assert db.session.scalar(select(func.count()).select_from(Letter).where(
            Letter.state != LetterState.posted)) == 0
        return
    assert response.status_code == 404  # "not found": the answer to a code no cover sheet carries
    assert 'class="error-text" id="code-error"' in html
    assert f'value="{escape(code[:20])}"' in html


# --- the buttons behind emailed links ----------------------------------------------------------------

@pytest.fixture
def everyone(client, demo) -> dict:
    """One of everything a junk request could touch: actions of each channel (the email one waiting
    for its confirmation), followers pending and confirmed, and manage and erasure links not used yet."""
    for channel in ("pdf", "email", "mailto"):
        response = client.post(WRITE, data=action_data(demo, client, channel=channel, email=f"{channel}@example.org"))
        assert response.status_code == 303
    client.post(FOLLOW_BOX, data={"email": "pending@example.org", "follow": SLUG})
    db.session.add(Subscription(email="fan@example.org", scope="all", status=SubscriptionStatus.confirmed))
    db.session.commit()
    client.post("/subscriptions/manage", data={"email": "fan@example.org"})
    client.post("/privacy/erase", data={"email": "fan@example.org"})
    return {"manage": newest_link("subscription_manage_link", "/subscriptions/manage/", "fan@example.org")}


EVERYTHING = (Action, Letter, LetterCount, Supporter, Subscription, EmailLink, OutboxMessage, Job, BlockedSender)
# The buttons behind emailed links, with the tokens that make them act.
LINK_BUTTONS = {
    "campaigns.confirm": "/confirm/{token}",
    "campaigns.posted": "/a/{token}/posted",
    "campaigns.resend_confirmation": "/a/{token}/resend",
    "campaigns.open_mail_app": "/a/{token}/mail/{id}",
    "subscriptions.confirm": "/subscriptions/confirm/{token}",
    "subscriptions.open_manage_link": "/subscriptions/manage/{token}",
    "subscriptions.unsubscribe": "/u/{token}",
    "subscriptions.stop_digest": "/u/digest/{token}",
    "privacy.erase": "/privacy/erase/{token}",
    "subscriptions.subscribe": "/campaigns/{token}/subscribe",
    "campaigns.write": "/campaigns/{token}/write",
    "subscriptions.leave": "/subscriptions/mine/leave/{id}",
    "subscriptions.leave_all": "/subscriptions/mine/leave-all",
    "subscriptions.erase": "/subscriptions/mine/erase",
    "subscriptions.how_often": "/subscriptions/mine/how-often/{id}",
}
# Looked up by the token as typed: a NUL is a 500 on PostgreSQL (see test_a_nul_in_a_link_is_not_found).
LOOKED_UP_AS_TYPED = {"campaigns.posted", "campaigns.resend_confirmation", "campaigns.open_mail_app",
                      "subscriptions.subscribe", "campaigns.write"}


# Each button gets a fifth of the profile's examples: 60 of 300 junk tokens each, 780 for the 13 of them.
@fewer_examples(5)
@pytest.mark.parametrize("endpoint", LINK_BUTTONS)
@given(token=hostile_token, number=path_id, junk=junk_fields)
def test_junk_tokens_and_fields_on_the_buttons_behind_emailed_links(client, demo, everyone, endpoint, token,
                                                                   number, junk):
    """A token no email carries, with or without fields the button never sends: a page that says so
    (or the way to a new link), never a 5xx, and nothing changes for anyone."""
    if POSTGRESQL and endpoint in LOOKED_UP_AS_TYPED:
        token = token.replace("\x00", "") or "x"
    before = database_state(*EVERYTHING)
    response = client.post(LINK_BUTTONS[endpoint].format(token=segment(token), id=number), data=junk)
    if endpoint.startswith(("subscriptions.leave", "subscriptions.erase", "subscriptions.how_often")):  # no session
        assert (response.status_code, response.headers["Location"]) == (303, "/subscriptions/manage")
    else:  # 308: a token that ends in "/" makes a "//", which Werkzeug merges and redirects to
        assert response.status_code in (308, 400, 404, 405, 410), response.status_code
        assert_no_injected_markup(response.get_data(as_text=True))
    assert database_state(*EVERYTHING) == before


@pytest.fixture
def fans_session(client, everyone):
    """This browser may manage fan@example.org's subscriptions: it used the link from their inbox."""
    assert client.post(everyone["manage"]).status_code == 303
    assert client.get("/subscriptions/mine").status_code == 200


@hostile_settings
@given(button=st.sampled_from(["leave", "leave-all", "how-often"]), number=path_id, junk=junk_fields)
def test_the_manage_buttons_act_for_their_own_address_only(client, demo, everyone, fans_session, button, number,
                                                           junk):
    """With a manage session for one address, junk fields and other people's subscription ids change
    nothing but that address's own subscriptions."""
    db.session.execute(update(Subscription).where(Subscription.email == "fan@example.org")
                       .values(status=SubscriptionStatus.confirmed, unsubscribed_at=None))
    others = select(Subscription.__table__).where(Subscription.email != "fan@example.org")
    before = database_state(*(model for model in EVERYTHING if model is not Subscription)), \
        db.session.execute(others).all()
    path = "/subscriptions/mine/leave-all" if button == "leave-all" else f"/subscriptions/mine/{button}/{number}"
    response = client.post(path, data=junk)
    assert (response.status_code, response.headers["Location"]) == (303, "/subscriptions/mine")
    after = database_state(*(model for model in EVERYTHING if model is not Subscription))
    assert (after, db.session.execute(others).all()) == before


@hostile_settings
@given(junk=junk_fields, email=hostile_email)
def test_sending_the_confirmation_again_goes_to_the_actions_own_address(client, demo, junk, email):
    """However the button's request is dressed up (an `email`, a `to`…), the confirmation goes again to the
    address the letters were written with, and to no other."""
    forget_everyone()
    response = write_email_letters(client, demo, "jane@example.org")
    again = client.post(f"/a/{secret_from(response)}/resend", data={"email": email, **junk})
    assert again.status_code == 303
    assert [row.recipients for row in outbox_rows()] == [["jane@example.org"], ["jane@example.org"]]


# --- every public form is here ---------------------------------------------------------------------

# Each public route that takes a POST, and the tests that send it hostile input.
COVERED = {
    "campaigns.write": ["tests/test_hostile_input.py::test_hostile_email_never_breaks_the_form",
                        "test_an_address_in_the_action_form_gets_one_confirmation_and_the_answer_anyone_gets",
                        "test_the_daily_confirmations_of_an_inbox_count_every_spelling",
                        "test_junk_tokens_and_fields_on_the_buttons_behind_emailed_links"],
    "subscriptions.subscribe": ["test_hostile_input_in_a_public_email_form",
                                "test_junk_tokens_and_fields_on_the_buttons_behind_emailed_links"],
    "subscriptions.follow": ["test_hostile_input_in_a_public_email_form"],
    "subscriptions.manage_request": ["test_hostile_input_in_a_public_email_form"],
    "privacy.request_erasure": ["test_hostile_input_in_a_public_email_form"],
    "campaigns.posted_by_code": ["test_hostile_codes_on_the_posted_page"],
    "campaigns.resend_confirmation": ["test_junk_tokens_and_fields_on_the_buttons_behind_emailed_links",
                                      "test_sending_the_confirmation_again_goes_to_the_actions_own_address"],
    "subscriptions.leave": ["test_junk_tokens_and_fields_on_the_buttons_behind_emailed_links",
                            "test_the_manage_buttons_act_for_their_own_address_only"],
    "subscriptions.leave_all": ["test_junk_tokens_and_fields_on_the_buttons_behind_emailed_links",
                                "test_the_manage_buttons_act_for_their_own_address_only"],
    **{endpoint: ["test_junk_tokens_and_fields_on_the_buttons_behind_emailed_links"]
       for endpoint in ("campaigns.confirm", "campaigns.posted", "campaigns.open_mail_app", "subscriptions.confirm",
                        "subscriptions.open_manage_link", "subscriptions.unsubscribe", "privacy.erase",
                        "subscriptions.erase", "subscriptions.stop_digest")},
    "subscriptions.how_often": ["test_junk_tokens_and_fields_on_the_buttons_behind_emailed_links",
                                "test_the_manage_buttons_act_for_their_own_address_only"],
    "api.take_action": ["tests/test_hostile_api.py::test_any_json_body_gets_a_json_answer",
                        "tests/test_hostile_api.py::test_bodies_that_are_not_json_objects_are_refused"],
    "api.import_draft": ["tests/test_hostile_api.py::test_hostile_sheets_sent_as_drafts",
                         "tests/test_hostile_api.py::test_hostile_tokens_are_refused_alike"],
    "widget.form": ["tests/test_widget.py::test_hostile_tokens_and_headers_on_the_widgets_form",
                    "tests/test_widget.py::test_hostile_fields_through_a_real_widget_form"],
}
# Public routes that take a POST but no input from a person.
NOT_FORMS = {
    "outbox.bounces": "the mail server's bounce reports, with a bearer token (tests/test_bounces.py)",
}


def test_every_public_form_is_tried_with_hostile_input(app):
    """No public route that takes a POST is left out: a new one fails here until it has its property test."""
    routes = {rule.endpoint for rule in app.url_map.iter_rules()
              if "POST" in rule.methods and not rule.endpoint.startswith("organisers.")}
    assert routes == set(COVERED) | set(NOT_FORMS)
    for tests in COVERED.values():
        for name in tests:
            path, _, test = name.rpartition("::")
            assert exists(path or "tests/test_hostile_public_forms.py", test), f"{name} does not exist"


# --- bugs the properties found: their smallest examples, kept as regression tests ---------------------

def test_mail_to_an_address_outside_ascii_before_the_at_can_be_sent(client, demo, mailbox_messages):
    """Every form accepts `джейн@example.org`: its email must go out (or fail alone), not stop the batch."""
    for email in ("джейн@example.org", "jane@example.org"):
        assert client.post(FOLLOW_BOX, data={"email": email, "follow": SLUG}).status_code == 303
    deliver_due()
    assert "jane@example.org" in [message["To"] for message in mailbox_messages()]


def test_erasure_withdraws_the_queued_mail_of_an_address_outside_ascii(client, demo):
    """Erasing `jane@bücher.example` by its emailed link leaves no email to it waiting in the outbox."""
    client.post(FOLLOW_BOX, data={"email": "jane@bücher.example", "follow": SLUG})
    client.post("/privacy/erase", data={"email": "jane@bücher.example"})
    link = newest_link("erasure_link", "/privacy/erase/", "jane@bücher.example")
    assert client.post(link).status_code == 200
    assert [row.recipients for row in outbox_rows()] == []


@pytest.mark.parametrize("path", ["/subscribe", "/privacy/erase"])
def test_the_per_address_limit_counts_every_spelling_of_an_inbox(make_app, demo_factory, path):
    """Five requests an hour to one inbox, from many networks: a sixth spelling of it is refused."""
    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        demo_factory()
        client = app.test_client()
        answers = [client.post(path, data={"email": f"jane+{n}@example.org", "follow": "all"},
                               environ_base=a_network()).status_code for n in range(6)]
    assert answers[-1] == 429


@pytest.mark.parametrize("path", ["/a/x%00/posted", "/a/x%00/resend", "/a/x%00/mail/1", "/campaigns/x%00/subscribe",
                                  "/campaigns/x%00/write"])
def test_a_nul_in_a_link_is_not_found(client, demo, path):
    assert client.post(path).status_code == 404


def test_an_address_whose_inbox_spells_longer_can_write(client, demo):
    """`ﷺ` is one letter as typed and 18 once folded: 26 characters become 264."""
    email = "\ufdfa" * 14 + "@example.org"
    assert client.post(WRITE, data=action_data(demo, client, email=email)).status_code == 303
