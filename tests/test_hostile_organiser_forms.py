"""Hostile input on the organiser forms that tests/test_hostile_organiser_input.py leaves out.

The login, the password change, the admin's new-organiser form, the campaign editor's email
fields with the spellings of one inbox, the choices and dates of the letter, update, reply and
outcome forms, closing a campaign, switching test mode off (the typed UA number), duplicating,
the held-letters block form, and every organiser button with junk ids and junk fields.
Whatever arrives: never a 5xx; refused input comes back (400) with a message beside its field
and the rest of what was typed, and never a password; accepted input is saved as typed; and
only what the form says happens: no login by another address, no test address that reaches
an official, no way out of test mode without the UA number, no copy under a UA number in use.

The hostile values come from tests/hostile.py. The bugs these properties found are fixed; the
smallest example of each is kept at the end of this file.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import delete, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from campaigns.demo import TARGETS
from extensions import db
from inboxes import inbox_key
from letters.email import letter_email
from models import (Action, BlockedSender, Campaign, CampaignStatus, CaseOutcome, CaseUpdate, Job, Letter,
                    LetterState, LetterVersion, Organiser, OutboxMessage, Reply, ReplyChannel, Target,
                    UpdateKind, normalise_ua_number)
from organisers.preview import sample_writer
from outbox.delivery import deliver_due
from tests.helpers import LOGIN, PASSWORD, action_data, confirm_by_email, log_in, secret_from
from tests.hostile import (aliases, assert_comes_back, assert_no_injected_markup, assert_only_to,
                           database_state, fewer_examples, field_errors, fresh_view, hostile, hostile_choice,
                           hostile_email, hostile_settings, hostile_token, junk_fields, lines_up_to, one_line,
                           organiser_hostile, path_id, read_page, segment, send_until_saved, spelling_of)
from tests.test_organisers_editor import create_campaign, editor_fields
from tests.test_security_doc import _exists as exists

# Each test posts one form hundreds of times: `-m "not slow"` leaves them out of a quick run.
pytestmark = pytest.mark.slow

ACCOUNT = "organiser@example.org"
# A real scrypt hash, with a cost low enough for hundreds of logins a test.
CHEAP_HASH = generate_password_hash(PASSWORD, method="scrypt:1024:8:1")
NEW_PASSWORD = "a new password of my own"
OFFICIALS = [email for target in TARGETS for email in target["emails"]]
DATES = ["", "2026-02-30", "2026-13-01", "0000-01-01", "0001-01-01", "9999-12-31", "-1", "20260101", "1e9",
         "2026-1-1", "２０２６-０１-０１", "today", "1 January 2026", "2026-01-01T00:00"]
hostile_date = st.one_of(st.sampled_from(DATES), st.dates().map(date.isoformat), hostile)


def cheap_password(organiser: Organiser) -> None:
    organiser.password_hash = CHEAP_HASH
    organiser.must_change_password = False
    db.session.commit()


def password_inputs(html: str) -> list[str]:
    """The value of every password box on the page: a page must never hand a password back."""
    return [attrs.get("value") or "" for tag, attrs in read_page(html).tags
            if tag == "input" and attrs.get("type") == "password"]



@pytest.fixture(autouse=True)
def _what_is_left_goes_through_the_guard(app):
    """Some examples type an official's address (an alias of the demo's President, say): whatever a
    test leaves queued is delivered before the suite's check that no official was mailed, as it
    would be in production, so the guard refuses what must not reach them."""
    yield
    deliver_due()

# --- the login -------------------------------------------------------------------------------------

OFF_SITE = ["//evil.example", "https://evil.example/", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)",
            " //evil.example", "/\t/evil.example", "///evil.example", "https:evil.example", "/%2F%2Fevil.example",
            "http://localhost/organisers/", "/organisers/\r\nSet-Cookie: x=1", "/organisers/campaigns/1/edit"]


@hostile_settings
@given(email=st.one_of(spelling_of(ACCOUNT), hostile_email), password=st.one_of(st.just(PASSWORD), hostile),
       next_=st.one_of(st.just(""), st.sampled_from(OFF_SITE), hostile))
def test_hostile_input_at_the_login(client, organiser, email, password, next_):
    """Only the account's own address (in any case, with spaces around) and password log in, and only to a
    page of this site; anything else comes back with a message, the address and `next` as typed, and no
    password."""
    cheap_password(organiser)
    sent = {"email": email, "password": password, "next": next_}
    response = client.post(LOGIN, data=sent)
    html = response.get_data(as_text=True)
    is_the_account = email.strip().lower() == ACCOUNT and password == PASSWORD
    if response.status_code == 303:
        assert is_the_account, f"{email!r} logged in"
        location = urlsplit(response.headers["Location"])
        assert not location.scheme and not location.netloc and response.headers["Location"].startswith("/")
        assert "\\" not in response.headers["Location"]
        client.post("/organisers/logout")
        return
    assert response.status_code == 400 and not is_the_account, response.status_code
    assert_no_injected_markup(html)
    assert all(value == "" for value in password_inputs(html)), "a password came back"
    assert field_errors(html, sent) or "do not match an active account" in html
    assert_comes_back(html, sent, ["email"])
    assert_comes_back(html, sent, ["next"], raw=["next"])


# --- the password change ---------------------------------------------------------------------------

@st.composite
def password_changes(draw) -> dict:
    new = draw(st.one_of(st.sampled_from([NEW_PASSWORD, PASSWORD, " " * 12, "x" * 11, "x" * 12, "x" * 200, "x" * 201]),
                         lines_up_to(200), organiser_hostile))
    return {"current_password": draw(st.one_of(st.just(PASSWORD), hostile)), "new_password": new,
            "confirm_password": draw(st.one_of(st.just(new), hostile))}


@pytest.fixture
def cheap_org_client(client, organiser):
    cheap_password(organiser)
    assert log_in(client).status_code == 303
    return client


@hostile_settings
@given(sent=password_changes())
def test_hostile_input_in_the_password_change(cheap_org_client, organiser, sent):
    """The password changes only with the right current one and a new one of 12 to 200 characters typed
    twice; anything else comes back with a message beside the field, and no password on the page."""
    response = cheap_org_client.post("/organisers/password", data=sent)
    html = response.get_data(as_text=True)
    new = sent["new_password"]
    fine = (sent["current_password"] == PASSWORD and new.strip() and 12 <= len(new) <= 200
            and sent["confirm_password"] == new and new != PASSWORD)
    fresh_view()
    if response.status_code == 303:
        assert fine
        assert check_password_hash(db.session.get(Organiser, organiser.id).password_hash, new)
        cheap_password(db.session.get(Organiser, organiser.id))
        return
    assert response.status_code == 400 and not fine
    assert db.session.get(Organiser, organiser.id).password_hash == CHEAP_HASH
    assert field_errors(html, sent), "refused without a message beside any field"
    assert all(value == "" for value in password_inputs(html)), "a password came back"


# --- the admin's new-organiser form ----------------------------------------------------------------

@hostile_settings
@given(email=st.one_of(hostile_email, spelling_of(ACCOUNT)), name=st.one_of(organiser_hostile, one_line),
       is_admin=st.one_of(st.just(""), st.just("y"), hostile))
def test_hostile_input_in_the_new_organiser_form(org_client, organiser, email, name, is_admin):
    """A new account gets the address (lower-cased) and name as typed, shown escaped; the address of an
    account that exists, in any case, is refused; refused input comes back with a message."""
    sent = {"email": email, "name": name, "is_admin": is_admin}
    try:
        response = org_client.post("/organisers/admin/organisers/new", data=sent)
        html = response.get_data(as_text=True)
        assert_no_injected_markup(html)
        if response.status_code == 400:
            assert field_errors(html, sent), "refused without a message beside any field"
            assert_comes_back(html, sent, ["email", "name"])
            fresh_view()
            assert db.session.scalar(select(Organiser.id).where(Organiser.id != organiser.id)) is None
            return
        assert response.status_code == 200, response.status_code
        assert email.strip().lower() != ACCOUNT, "a second account for one address"
        fresh_view()
        made = db.session.scalar(select(Organiser).where(Organiser.id != organiser.id))
        assert (made.email, made.name, made.is_admin) == (email.strip().lower(), name.strip(),
                                                          is_admin not in ("", "false"))
        assert made.must_change_password
        listed = org_client.get("/organisers/admin/organisers").get_data(as_text=True)
        assert str(escape(made.email)) in listed and str(escape(made.name)) in listed
    finally:
        db.session.execute(delete(Organiser).where(Organiser.id != organiser.id))
        db.session.commit()


# --- the campaign editor's email fields ------------------------------------------------------------

def address_lists(spellings):
    """Addresses as organisers paste them: one, or several with commas, semicolons or new lines."""
    one = st.one_of(hostile_email, spellings)
    return st.one_of(one, st.tuples(st.lists(one, min_size=2, max_size=4), st.sampled_from([", ", "\n", "; ", " "]))
                     .map(lambda parts: parts[1].join(parts[0])))


official_spellings = st.sampled_from(OFFICIALS).flatmap(spelling_of)


@pytest.fixture
def editor(org_client, demo) -> tuple[str, dict]:
    path = f"/organisers/campaigns/{demo.id}/edit"
    return path, {**editor_fields(org_client.get(path).get_data(as_text=True)), "op": "save"}


def inboxes_of_officials() -> set[str]:
    fresh_view()
    return {inbox_key(email) for emails in db.session.scalars(select(Target.emails)) for email in emails or []}


EDITOR_CHOICES = ("country", "targets-0-country", "targets-0-language", "copies-0-language")


@hostile_settings
@given(where=st.sampled_from(["edit", "new"]), values=st.fixed_dictionaries({
    "test_recipient": st.one_of(official_spellings, aliases, hostile_email),
    "updates_address": st.one_of(aliases, hostile_email),
    "targets-0-emails": address_lists(st.one_of(official_spellings, aliases)),
    "copies-0-emails": address_lists(st.one_of(official_spellings, aliases)),
    "country": hostile_choice("TM", "GB"), "targets-0-country": hostile_choice("US", ""),
    "targets-0-language": hostile_choice("", "ru"), "copies-0-language": hostile_choice("", "en"),
}))
def test_hostile_addresses_in_the_campaign_editor(org_client, demo, editor, where, values):
    """Addresses are saved as typed; a test address that reaches an official's inbox (of any campaign, or
    typed in this form) by any spelling is never saved; a new official's inbox puts a live campaign back in
    test mode; a test-mode letter goes to the test address alone; and a new campaign sent with the ids of
    another's officials leaves that other campaign as it was."""
    path, good = editor
    if where == "new":
        path, good = "/organisers/campaigns/new", {**good, "ua_number": "UA 999/99"}
    db.session.execute(update(Campaign).where(Campaign.id == demo.id).values(is_test_mode=False))
    db.session.commit()
    demos_officials = select(Target.__table__).where(Target.campaign_id == demo.id)
    before, demo_before = inboxes_of_officials(), db.session.execute(demos_officials).all()
    try:
        accepted, _ = send_until_saved(org_client, path, good, values, choices=EDITOR_CHOICES)
        fresh_view()
        campaign = db.session.scalar(select(Campaign).where(Campaign.id != demo.id)) if where == "new" \
            else db.session.get(Campaign, demo.id)
        if where == "new":
            assert db.session.execute(demos_officials).all() == demo_before
        _check_saved_addresses(org_client, campaign, {name: accepted.get(name, good[name]).strip() for name in values},
                               "test_recipient" in accepted, before)
    finally:
        for other in db.session.scalars(select(Campaign).where(Campaign.id != demo.id)):
            db.session.delete(other)
        db.session.commit()


def _check_saved_addresses(org_client, campaign, saved: dict, test_address_typed: bool, before: set[str]) -> None:
    assert (campaign.test_recipient or "", campaign.updates_address or "") == (saved["test_recipient"],
                                                                             saved["updates_address"])
    target, copy = campaign.primary_targets[0], campaign.copy_targets[0]
    for typed, emails in ((saved["targets-0-emails"], target.emails), (saved["copies-0-emails"], copy.emails)):
        chunks = [chunk for chunk in re.split(r"[\s,;]+", typed) if chunk]
        assert [email.lower() for email in emails] == list(dict.fromkeys(chunk.lower() for chunk in chunks))
    after = inboxes_of_officials()
    if test_address_typed:
        assert inbox_key(saved["test_recipient"]) not in before | after, "a test address reaches an official"
    if after - before:
        assert campaign.is_test_mode, "a new official's address, and the campaign stays out of test mode"
    if not campaign.is_test_mode:
        return
    # A new campaign has no letter yet: a stand-in English version, never saved, addresses the same way.
    version = campaign.version_for("en") or LetterVersion(language="en", subject="{person} ({ua_number})",
                                                          body="{demands}")
    with org_client.application.test_request_context():
        built = letter_email(campaign, target, sample_writer(with_street=False), language="en", today=date.today(),
                             version=version)
    to = saved["test_recipient"] or org_client.application.config["TEST_MODE_RECIPIENT"]
    assert built.recipients == [to]
    assert_only_to(OutboxMessage(sender=built.sender, recipients=built.recipients, subject=built.subject,
                                 body_text=built.text, body_html=built.html, headers={}), [to],
                   headers=["Content-Type", "Date", "From", "MIME-Version", "Message-ID", "Subject", "To"])


OPERATIONS = [f"{verb}:{name}{index}" for verb in ("add", "remove", "up", "down")
              for name in ("people", "demands", "targets", "copies") for index in ("", ":0", ":1", ":999")]


# The list buttons rearrange what was typed and save nothing: a fifth of the profile's examples.
@fewer_examples(5)
@given(op=st.one_of(st.sampled_from(OPERATIONS), hostile), values=st.fixed_dictionaries(
    {"targets-0-emails": address_lists(aliases), "people-0-name": organiser_hostile}))
def test_hostile_list_buttons_in_the_campaign_editor(org_client, demo, editor, op, values):
    """Add, remove and move buttons, or any other `op`: the form comes back with what was typed and nothing
    is saved; an `op` that names no button is refused."""
    assume(op not in ("", "save"))  # the form's own submit button: tried in the tests above
    path, good = editor
    before = database_state(Campaign, Target)
    response = org_client.post(path, data={**good, **values, "op": op})
    assert response.status_code in (200, 400), response.status_code
    assert database_state(Campaign, Target) == before
    html = response.get_data(as_text=True)
    if response.status_code == 200 and op.startswith(("up:", "down:", "add:")):
        assert_no_injected_markup(html)
        assert_comes_back(html, values, list(values))


# --- choices and dates in the letter, update, reply and outcome forms ------------------------------

def _reply_targets(demo) -> list[str]:
    return [str(target.id) for target in demo.targets] + ["0"]


def typed_date(text: str) -> date | None:
    """A date field's value, read the way its form does (YYYY-MM-DD; only spaces is none)."""
    return datetime.strptime(text, "%Y-%m-%d").date() if text.strip() else None


# Each form: its path, good values, hostile choices and dates, and the fields shown back as typed (a
# <select> can show only its own options).
CHOICE_FORMS = {
    "letter": ("/letters/new", {"language": "fr", "subject": "Azat Isakov", "body": "I urge you to act."},
               lambda demo: {"language": hostile_choice("fr", "de", "en")}),
    "update": ("/updates/new", {"kind": "further_information", "title": "Seen", "body_markdown": "He was seen.",
                                "happened_on": "", "new_deadline": "", "new_demands": ""},
               lambda demo: {"kind": hostile_choice(*(kind.value for kind in UpdateKind)), "happened_on": hostile_date,
                             "new_deadline": hostile_date, "reopen": st.one_of(st.just(""), hostile)}),
    "reply": ("/replies/new", {"target_id": "0", "sender": "Ministry", "received_on": date.today().isoformat(),
                               "channel": "letter", "summary": "Under review."},
              lambda demo: {"target_id": hostile_choice(*_reply_targets(demo)),
                            "channel": hostile_choice(*(channel.value for channel in ReplyChannel)),
                            "received_on": hostile_date, "is_public": st.one_of(st.just(""), hostile)}),
    "outcome": ("/outcome", {"outcome": "", "outcome_on": "", "outcome_note": ""},
                lambda demo: {"outcome": hostile_choice("", *(outcome.value for outcome in CaseOutcome)),
                              "outcome_on": hostile_date}),
}


def back_to_the_demo(demo, deadline) -> None:
    """Undo what an accepted example did: no new letters, updates or replies, the campaign live again."""
    for model in (OutboxMessage, Job, Reply):
        db.session.execute(delete(model))
    db.session.execute(delete(CaseUpdate).where(CaseUpdate.campaign_id == demo.id, CaseUpdate.number > 2))
    db.session.execute(delete(LetterVersion).where(LetterVersion.campaign_id == demo.id,
                                                   LetterVersion.language.not_in(("en", "ru"))))
    db.session.execute(update(Campaign).where(Campaign.id == demo.id).values(
        status=CampaignStatus.live, closed_at=None, closed_reason=None, deadline=deadline, outcome=None,
        outcome_on=None, outcome_note=None, is_test_mode=True))
    db.session.commit()


@hostile_settings
@pytest.mark.parametrize("form", CHOICE_FORMS)
@given(data=st.data())
def test_hostile_choices_and_dates_in_the_organiser_forms(org_client, demo, form, data):
    """A choice the form does not offer, or a date that is none, is refused with a message beside it;
    what is saved is one of the form's choices and the date typed."""
    path, good, strategies = CHOICE_FORMS[form]
    sent = {**good, **data.draw(st.fixed_dictionaries(strategies(demo)), "values")}
    deadline = demo.deadline
    try:
        response = org_client.post(f"/organisers/campaigns/{demo.id}{path}", data=sent)
        html = response.get_data(as_text=True)
        assert response.status_code in (303, 400), response.status_code
        if response.status_code == 400:
            assert field_errors(html, sent, summary=False) or "cannot be published yet" in html
            dates = [name for name in sent if name.endswith(("_on", "deadline"))]
            assert_comes_back(html, sent, dates, raw=dates)
            return
        fresh_view()
        if form == "reply":
            reply = db.session.scalar(select(Reply))
            assert (reply.target_id or 0, reply.channel.value, reply.received_on) == (
                int(sent["target_id"]), sent["channel"], typed_date(sent["received_on"]))
        elif form == "outcome":
            campaign = db.session.get(Campaign, demo.id)
            assert (campaign.outcome.value if campaign.outcome else "") == sent["outcome"]
            assert campaign.outcome_on == typed_date(sent["outcome_on"])
        elif form == "update":
            news = db.session.scalar(select(CaseUpdate).where(CaseUpdate.campaign_id == demo.id,
                                                              CaseUpdate.number == 3))
            assert (news.kind.value, news.happened_on, news.new_deadline) == (
                sent["kind"], typed_date(sent["happened_on"]), typed_date(sent["new_deadline"]))
        else:
            assert db.session.scalar(select(LetterVersion.language).where(
                LetterVersion.language.not_in(("en", "ru")))) == \
                sent["language"]
    finally:
        back_to_the_demo(demo, deadline)


# --- closing, test mode, duplicating ---------------------------------------------------------------

@hostile_settings
@given(reason=st.one_of(st.just("other"), hostile_choice("released", "no_longer_needed", "other")),
       other=st.one_of(organiser_hostile, one_line))
def test_hostile_reasons_for_closing(org_client, demo, reason, other):
    """A campaign closes only for one of the listed reasons, or another one written on one line; the
    reason is shown as typed on its page."""
    sent = {"reason": reason, "other_reason": other}
    deadline = demo.deadline
    try:
        response = org_client.post(f"/organisers/campaigns/{demo.id}/close", data=sent)
        html = response.get_data(as_text=True)
        fresh_view()
        campaign = db.session.get(Campaign, demo.id)
        if response.status_code == 400:
            assert field_errors(html, sent), "refused without a message beside any field"
            assert_comes_back(html, sent, ["other_reason"])
            assert campaign.status is CampaignStatus.live
            return
        assert response.status_code == 303, response.status_code
        assert campaign.status is CampaignStatus.closed
        written = {"released": "released", "no_longer_needed": "action no longer needed"}.get(reason, other.strip())
        assert reason in ("released", "no_longer_needed", "other") and campaign.closed_reason == written
        page = org_client.get("/campaigns/ua-118-21").get_data(as_text=True)
        assert_no_injected_markup(page)
        assert str(escape(written)) in page
    finally:
        back_to_the_demo(demo, deadline)


@st.composite
def ua_spellings(draw, number: int, year: str) -> str:
    """A UA number as people type it: any case and spacing, leading zeros, digits of another script."""
    digits = draw(st.sampled_from(["0123456789", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "०१२३४५६७८९"]))
    spaces = st.sampled_from(["", " ", "  ", "\t"])

    def written(text: str) -> str:
        return "".join(digits[int(ch)] for ch in text)
    prefix = draw(st.sampled_from(["UA", "ua", "Ua", "ＵＡ", "U A", "AU"]))
    zeros = draw(st.sampled_from(["", "0", "00"]))
    return (f"{draw(spaces)}{prefix}{draw(spaces)}{zeros}{written(str(number))}{draw(spaces)}/{draw(spaces)}"
            f"{written(year)}{draw(spaces)}")


def normalised(text: str) -> str | None:
    try:
        return normalise_ua_number(text)
    except ValueError:
        return None


@hostile_settings
@given(typed=st.one_of(ua_spellings(60, "16"), ua_spellings(61, "16"), ua_spellings(60, "17"), organiser_hostile))
def test_only_the_typed_ua_number_switches_test_mode_off(org_client, typed):
    """Test mode goes off only for the campaign's UA number, however it is spaced or cased; anything else
    comes back with a message, as typed, beside the list of real addresses, and test mode stays on."""
    campaign = (db.session.scalar(select(Campaign).where(Campaign.ua_number == "UA 60/16"))
                or create_campaign(org_client))
    path = f"/organisers/campaigns/{campaign.id}/test-mode/off"
    response = org_client.post(path, data={"confirmation": typed})
    html = response.get_data(as_text=True)
    fresh_view()
    is_test_mode = db.session.get(Campaign, campaign.id).is_test_mode
    if response.status_code == 303:
        assert normalised(typed) == "UA 60/16" and not is_test_mode
        assert org_client.post(f"/organisers/campaigns/{campaign.id}/test-mode/on").status_code == 303
        return
    assert response.status_code == 400 and is_test_mode
    assert normalised(typed) != "UA 60/16"
    assert field_errors(html, {"confirmation": typed})
    assert_comes_back(html, {"confirmation": typed}, ["confirmation"])
    assert "<code>prosecutor@example.org</code>" in html


def case_and_year(ua_number: str) -> tuple[int, int] | None:
    """What makes a UA number the one it is, whatever digits it is written in: (118, 21) for UA 118/21."""
    found = re.fullmatch(r"\s*UA\s*(\d+)\s*/\s*(\d\d)\s*", ua_number, re.IGNORECASE)
    return (int(found.group(1)), int(found.group(2))) if found else None


@hostile_settings
@given(ua=st.one_of(ua_spellings(118, "21"), ua_spellings(7, "24"), organiser_hostile),
       title=st.one_of(organiser_hostile, one_line))
def test_hostile_input_when_duplicating(org_client, demo, ua, title):
    """A copy is a draft in test mode with the UA number (normalised) and title as typed; a UA number in use,
    in any spelling, or anything else refused comes back with a message, as typed."""
    sent = {"ua_number": ua, "title": title}
    try:
        response = org_client.post(f"/organisers/campaigns/{demo.id}/duplicate", data=sent)
        html = response.get_data(as_text=True)
        assert_no_injected_markup(html)
        fresh_view()
        copies = db.session.scalars(select(Campaign).where(Campaign.id != demo.id)).all()
        if response.status_code == 400:
            assert copies == []
            assert field_errors(html, sent), "refused without a message beside any field"
            assert_comes_back(html, sent, ["title"])
            # As typed, or written the one way once it is a UA number (then refused as one in use).
            assert str(escape(ua.strip())) in html or str(escape(normalised(ua) or "")) in html
            return
        assert response.status_code == 303, response.status_code
        [copy] = copies
        assert (case_and_year(copy.ua_number), copy.title) == (case_and_year(ua), title.strip())
        assert copy.status is CampaignStatus.draft and copy.is_test_mode
        assert re.fullmatch(r"UA [1-9][0-9]{0,3}/[0-9]{2}", copy.ua_number), "a UA number written another way"
        assert case_and_year(copy.ua_number) != case_and_year(demo.ua_number), "a UA number in use"
        editor_page = org_client.get(f"/organisers/campaigns/{copy.id}/edit").get_data(as_text=True)
        assert_no_injected_markup(editor_page)
        assert str(escape(title.strip())) in editor_page
    finally:
        for copy in db.session.scalars(select(Campaign).where(Campaign.id != demo.id)):
            db.session.delete(copy)
        db.session.commit()


# --- the held-letters block form -----------------------------------------------------------------------

@pytest.fixture
def email_action(org_client, demo) -> int:
    response = org_client.post("/campaigns/ua-118-21/write", data=action_data(
        demo, org_client, channel="email", address_line1="", email="spammer@example.org"),
        environ_base={"REMOTE_ADDR": "198.51.100.23"})
    return db.session.scalar(select(Action.id).where(Action.secret == secret_from(response)))


@hostile_settings
@given(kind=hostile_choice("email", "network"), reason=st.one_of(organiser_hostile, one_line))
def test_hostile_input_in_the_block_form(org_client, demo, email_action, kind, reason):
    """A block is made only for an address or a network, with the reason as typed (shown escaped); anything
    else blocks nothing."""
    try:
        response = org_client.post(f"/organisers/campaigns/{demo.id}/actions/{email_action}/block",
                                   data={"kind": kind, "reason": reason})
        fresh_view()
        blocks = db.session.scalars(select(BlockedSender)).all()
        if response.status_code == 400:  # see test_a_refused_reason_for_blocking_comes_back_with_a_message
            assert blocks == []
            return
        assert response.status_code == 303, response.status_code
        [block] = blocks
        assert (block.kind.value, block.reason) == (kind, reason.strip())
        page = org_client.get("/organisers/blocked").get_data(as_text=True)
        assert_no_injected_markup(page)
        assert str(escape(reason.strip())) in page
    finally:
        db.session.execute(delete(BlockedSender))
        db.session.commit()


# --- buttons ----------------------------------------------------------------------------------------

# Every organiser button: a POST whose form is its CSRF token, acting on the ids in its path.
BUTTONS = {
    "organisers.publish": "/campaigns/{id}/publish",
    "organisers.test_mode_on": "/campaigns/{id}/test-mode/on",
    "organisers.dismiss_import_notes": "/campaigns/{id}/import-notes/dismiss",
    "organisers.withdraw_update_page": "/campaigns/{id}/updates/{other}/withdraw",
    "organisers.delete_template": "/campaigns/{id}/letters/{token}/delete",
    "organisers.retry_email": "/campaigns/{id}/emails/{other}/retry",
    "organisers.retry_failed_emails": "/campaigns/{id}/emails/retry-failed",
    "organisers.clear_bouncing": "/campaigns/{id}/bouncing/{other}/clear",
    "organisers.reply_visibility": "/campaigns/{id}/replies/{other}/show",
    "organisers.delete_reply": "/campaigns/{id}/replies/{other}/delete",
    "organisers.release_held": "/campaigns/{id}/held/{other}/release",
    "organisers.reject_held": "/campaigns/{id}/held/{other}/reject",
    "organisers.release_held_message": "/campaigns/{id}/held/messages/{token}/release",
    "organisers.reject_held_message": "/campaigns/{id}/held/messages/{token}/reject",
    "organisers.block_sender": "/campaigns/{id}/actions/{other}/block",
    "organisers.retry_any_email": "/emails/{other}/retry",
    "organisers.retry_every_failed_email": "/emails/retry-failed",
    "organisers.clear_any_bouncing": "/emails/bouncing/{other}/clear",
    "organisers.unblock": "/blocked/{other}/unblock",
    "organisers.change_organiser": "/admin/organisers/{other}/deactivate",
}
# Buttons that act on everything there is (retry every failed email): with junk fields, they still
# change only what they would without them, and nothing is failed here.
EVERYTHING = (Campaign, Target, LetterVersion, Reply, Action, Letter, OutboxMessage, BlockedSender, Organiser,
              CaseUpdate)
unknown_id = st.integers(min_value=10**6, max_value=2**31 - 1)


@fewer_examples(5)
@pytest.mark.parametrize("endpoint", BUTTONS)
@given(campaign_id=st.one_of(unknown_id, st.just(0)), other=st.one_of(unknown_id, path_id), token=hostile_token,
       junk=junk_fields)
def test_junk_ids_and_fields_on_the_organiser_buttons(org_client, demo, endpoint, campaign_id, other, token, junk):
    """A button pressed for something that is not there, with fields it never sends: a 404 or a flash
    message, never a 5xx, and nothing changes."""
    path = "/organisers" + BUTTONS[endpoint].format(id=campaign_id, other=other, token=segment(token))
    before = database_state(*EVERYTHING)
    response = org_client.post(path, data=junk)
    assert response.status_code in (303, 308, 400, 404, 405), response.status_code
    assert_no_injected_markup(response.get_data(as_text=True))
    assert database_state(*EVERYTHING) == before


# --- every organiser form is here --------------------------------------------------------------------

COVERED = {
    "organisers.login": ["test_hostile_input_at_the_login"],
    "organisers.change_password": ["test_hostile_input_in_the_password_change"],
    "organisers.new_organiser": ["test_hostile_input_in_the_new_organiser_form"],
    "organisers.new_campaign": ["test_hostile_addresses_in_the_campaign_editor"],
    "organisers.edit_campaign": ["tests/test_hostile_organiser_input.py::test_hostile_text_in_the_campaign_editor",
                                 "test_hostile_addresses_in_the_campaign_editor",
                                 "test_hostile_list_buttons_in_the_campaign_editor"],
    "organisers.import_campaign": ["tests/test_hostile_organiser_input.py::test_hostile_text_in_the_import",
                                   "tests/test_import_files.py::test_hostile_files_in_the_import"],
    "organisers.new_template": ["test_hostile_choices_and_dates_in_the_organiser_forms"],
    "organisers.edit_template": ["tests/test_hostile_organiser_input.py::test_hostile_text_in_a_letter_template"],
    "organisers.new_update": ["tests/test_hostile_organiser_input.py::test_hostile_text_in_a_case_update",
                              "test_hostile_choices_and_dates_in_the_organiser_forms"],
    "organisers.new_reply": ["tests/test_hostile_organiser_input.py::test_hostile_text_in_a_reply",
                             "test_hostile_choices_and_dates_in_the_organiser_forms"],
    "organisers.outcome": ["tests/test_hostile_organiser_input.py::test_hostile_text_in_the_outcome",
                           "test_hostile_choices_and_dates_in_the_organiser_forms"],
    "organisers.close": ["test_hostile_reasons_for_closing"],
    "organisers.correct_update_page": ["tests/test_update_corrections.py::test_hostile_text_in_a_correction"],
    "organisers.test_mode_off": ["test_only_the_typed_ua_number_switches_test_mode_off"],
    "organisers.duplicate": ["test_hostile_input_when_duplicating"],
    "organisers.block_sender": ["test_hostile_input_in_the_block_form",
                                "test_junk_ids_and_fields_on_the_organiser_buttons"],
    "organisers.publish": ["test_junk_ids_and_fields_on_the_organiser_buttons",
                           "tests/test_publish_checklist.py::test_hostile_ticks_on_the_publish_step"],
    "organisers.new_group": ["tests/test_hostile_event_forms.py::test_hostile_input_in_the_new_group_form"],
    "organisers.group": ["tests/test_hostile_event_forms.py::test_hostile_input_in_the_invitation_of_a_coordinator"],
    "organisers.new_event": ["tests/test_hostile_event_forms.py::test_hostile_input_in_the_event_form"],
    "organisers.event_tally": ["tests/test_hostile_event_forms.py::test_hostile_numbers_in_the_tally"],
    "organisers.event_pack": [
        "tests/test_hostile_event_forms.py::test_hostile_attendees_and_paper_for_the_pack_are_never_stored"],
    "organisers.welcome": [
        "tests/test_hostile_event_forms.py::test_hostile_tokens_and_passwords_at_a_coordinators_welcome"],
    "organisers.api_tokens": ["tests/test_hostile_api_token_forms.py::test_hostile_input_in_the_api_token_form"],
    "organisers.revoke_api_token": [
        "tests/test_hostile_api_token_forms.py::test_junk_ids_and_fields_on_the_revoke_button"],
    "organisers.new_webhook": ["tests/test_hostile_webhook_forms.py::test_hostile_input_in_the_webhook_form"],
    "organisers.change_webhook": [
        "tests/test_hostile_webhook_forms.py::test_junk_ids_and_fields_on_the_webhook_buttons"],
    "organisers.redeliver_webhook": [
        "tests/test_hostile_webhook_forms.py::test_junk_ids_and_fields_on_the_webhook_buttons"],
    **{endpoint: ["test_junk_ids_and_fields_on_the_organiser_buttons"] for endpoint in BUTTONS
       if endpoint not in ("organisers.block_sender", "organisers.publish")},
}
# Organiser routes that take a POST but no input beyond their CSRF token, and why they are not tried here.
NOT_FORMS = {
    "organisers.logout": "takes nothing but the session it ends (tests/test_organisers_accounts.py)",
}


def test_every_organiser_form_is_tried_with_hostile_input(app):
    """No organiser route that takes a POST is left out: a new one fails here until it has its property test."""
    routes = {rule.endpoint for rule in app.url_map.iter_rules()
              if "POST" in rule.methods and rule.endpoint.startswith("organisers.")}
    assert routes == set(COVERED) | set(NOT_FORMS)
    for tests in COVERED.values():
        for name in tests:
            path, _, test = name.rpartition("::")
            assert exists(path or "tests/test_hostile_organiser_forms.py", test), f"{name} does not exist"


# --- bugs the properties found: their smallest examples, kept as regression tests ---------------------

@pytest.mark.parametrize("path", ["/campaigns/99999999999999999999/edit",
                                  "/campaigns/{demo}/actions/99999999999999999999/block",
                                  "/admin/organisers/99999999999999999999/reset"])
def test_an_id_too_large_for_the_database_is_not_found(org_client, demo, path):
    assert org_client.post("/organisers" + path.format(demo=demo.id), data={"kind": "email"}).status_code == 404


def test_an_id_past_the_integer_columns_is_not_found(org_client, demo):
    assert org_client.post("/organisers/campaigns/2147483648/test-mode/on").status_code == 404


def test_a_refused_reason_for_blocking_comes_back_with_a_message(org_client, demo, email_action):
    """A tab pasted into the reason: the page says what is wrong beside the reason and keeps it."""
    response = org_client.post(f"/organisers/campaigns/{demo.id}/actions/{email_action}/block",
                               data={"kind": "email", "reason": "mail\tbombing"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'id="reason-\d+-error"|id="reason-error"', html)
    assert "mail\tbombing" in html


def test_a_ua_number_in_use_is_refused_in_other_digits(org_client, demo):
    response = org_client.post(f"/organisers/campaigns/{demo.id}/duplicate",
                               data={"ua_number": "UA 118/٢١", "title": "A second campaign for UA 118/21"})
    assert response.status_code == 400


def test_blocking_a_sender_stops_what_is_on_its_way_for_every_spelling(org_client, demo):
    """Letters already queued from `jane+c@example.org` stop when the sender of `jane@example.org` is blocked."""
    def write(email):
        return org_client.post("/campaigns/ua-118-21/write", data=action_data(
            demo, org_client, channel="email", address_line1="", email=email))
    confirm_by_email(org_client, secret_from(write("jane+c@example.org")))
    action_id = db.session.scalar(select(Action.id).where(Action.secret == secret_from(write("jane@example.org"))))
    assert org_client.post(f"/organisers/campaigns/{demo.id}/actions/{action_id}/block",
                           data={"kind": "email"}).status_code == 303
    fresh_view()
    assert db.session.scalar(select(Letter.id).where(Letter.state == LetterState.queued)) is None
    assert db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.kind == "letter")) is None

