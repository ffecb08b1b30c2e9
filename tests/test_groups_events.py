"""Groups, coordinators and letter-writing events: an organiser creates a group and invites a coordinator
by email; the coordinator chooses a password through the link and plans an event for their group, and
sees nothing else (tests/test_every_url.py walks every page as each role), and another group's event is not found.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import Action, Event, Group, Organiser, Role, Supporter
from tests.helpers import action_data, audit_actions, log_in, newest_link

NEW_PASSWORD = "four unrelated words here"


def _create_group(org_client, name="Leeds Central Group"):
    response = org_client.post("/organisers/groups/new", data={"name": name, "town": "Leeds", "country": "GB",
                                                               "contact": "leeds@group.example"})
    assert response.status_code == 303, response.get_data(as_text=True)
    return db.session.scalar(select(Group).where(Group.name == name))


def _coordinator(org_client, client, group: Group, email="kim@example.org"):
    """Invite a coordinator, open the link from their inbox and choose a password, logged in after."""
    response = org_client.post(f"/organisers/groups/{group.id}", data={"email": email, "name": "Kim Coordinator"})
    assert response.status_code == 303
    link = newest_link("coordinator_invitation", "/organisers/welcome/", to=email)
    org_client.post("/organisers/logout")
    response = client.post(link, data={"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert response.status_code == 303 and response.headers["Location"].endswith("/organisers/events")
    return link


def _event_form(demo, **overrides):
    return {"title": "Write for Rights evening", "held_on": "2026-12-10", "place": "Central Library",
            "expected_writers": "30", "cases": [f"{demo.id}:en"], "phones_welcome": "y", **overrides}


def test_an_organiser_invites_a_coordinator_who_chooses_a_password_through_the_emailed_link(org_client, client, demo):
    group = _create_group(org_client)
    page = org_client.get(f"/organisers/groups/{group.id}").get_data(as_text=True)
    assert "Leeds Central Group" in page and "No coordinator yet." in page
    link = _coordinator(org_client, client, group)

    kim = db.session.scalar(select(Organiser).where(Organiser.email == "kim@example.org"))
    assert (kim.role, kim.group_id, kim.is_admin) == (Role.coordinator, group.id, False)
    # The link worked once: opened again, it says so and sets nothing.
    again = client.post(link, data={"new_password": "another password entirely", "confirm_password":
                                    "another password entirely"})
    assert again.status_code == 404 and "each link works once" in again.get_data(as_text=True)
    client.post("/organisers/logout")
    assert log_in(client, "kim@example.org", NEW_PASSWORD).headers["Location"].endswith("/organisers/events")
    assert {"group.created", "group.coordinator_invited", "organiser.invitation_accepted"} <= set(audit_actions())


def test_the_invitation_page_keeps_the_link_usable_until_a_good_password_is_chosen(org_client, client, demo):
    group = _create_group(org_client)
    org_client.post(f"/organisers/groups/{group.id}", data={"email": "kim@example.org"})
    link = newest_link("coordinator_invitation", "/organisers/welcome/", to="kim@example.org")
    org_client.post("/organisers/logout")
    assert "Welcome to Leeds Central Group" in client.get(link).get_data(as_text=True)
    short = client.post(link, data={"new_password": "short", "confirm_password": "short"})
    assert short.status_code == 400 and "at least 12 characters" in short.get_data(as_text=True)
    # Nobody can log in with a password the account never had, not even the inviter's guess.
    assert log_in(client, "kim@example.org", "short").status_code == 400
    assert client.post(link, data={"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}).status_code == 303


def test_a_coordinator_plans_an_event_for_their_group(org_client, client, demo):
    group = _create_group(org_client)
    _coordinator(org_client, client, group)
    page = client.get("/organisers/events/new").get_data(as_text=True)
    assert "UA 118/21" in page and 'name="group"' not in page  # a coordinator's events are their group's
    response = client.post("/organisers/events/new", data=_event_form(demo))
    assert response.status_code == 303, response.get_data(as_text=True)
    event = db.session.scalar(select(Event))
    assert (event.group_id, event.expected_writers, [case.campaign_id for case in event.cases]) == (
        group.id, 30, [demo.id])
    assert event.cases[0].language == "en" and len(event.code) >= 22
    assert "Write for Rights evening" in client.get("/organisers/events").get_data(as_text=True)
    assert "Central Library" in client.get(f"/organisers/events/{event.id}").get_data(as_text=True)


@pytest.mark.parametrize(("change", "message"), [
    ({"expected_writers": "0"}, "Please give a number from 1 to 500."),
    ({"expected_writers": "501"}, "Please give a number from 1 to 500."),
    ({"cases": []}, "Please choose at least one case to write on."),
    ({"cases": ["{id}:en", "{id}:ru"]}, "Please choose one language for each case"),
    ({"cases": ["{id}:fr"]}, "That case is no longer open for letters in this language"),
    ({"cases": ["x"]}, "That case is no longer open for letters in this language"),
    ({"held_on": "31/12"}, "Please give the date of the event."),
])
def test_a_wrong_event_form_comes_back_with_its_data_and_a_message(org_client, demo, change, message):
    change = {key: [v.format(id=demo.id) for v in value] if isinstance(value, list) else value
              for key, value in change.items()}
    response = org_client.post("/organisers/events/new", data=_event_form(demo, **change))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert 'value="Write for Rights evening"' in page
    assert db.session.scalar(select(Event.id)) is None


def test_a_coordinator_opens_only_their_groups_event_pages(org_client, client, demo, app):
    """Through the invitation, a coordinator's session opens their group's event and not another group's.
    (tests/test_every_url.py walks every page as each role against organisers/roles.py.)"""
    other = _create_group(org_client, "Bradford Students")
    org_client.post("/organisers/events/new", data=_event_form(demo, group=str(other.id), title="Bradford night"))
    theirs = db.session.scalar(select(Event.id).where(Event.title == "Bradford night"))
    group = _create_group(org_client)
    _coordinator(org_client, client, group)
    client.post("/organisers/events/new", data=_event_form(demo))
    own = db.session.scalar(select(Event.id).where(Event.group_id == group.id))
    assert client.get(f"/organisers/events/{own}").status_code == 200
    assert client.get(f"/organisers/campaigns/{demo.id}").status_code == 403
    assert client.get("/organisers/").headers["Location"] == "/organisers/events"
    # Another group's event is as good as missing.
    assert client.get(f"/organisers/events/{theirs}").status_code == 404
    assert client.post(f"/organisers/events/{theirs}/tally", data={}).status_code == 404
    assert "Bradford night" not in client.get("/organisers/events").get_data(as_text=True)


def test_the_database_holds_a_coordinator_to_exactly_one_group(app):
    db.session.add(Organiser(email="x@example.org", password_hash="x", role=Role.coordinator))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_events_create_on_the_command_line_prints_the_new_events_id(app, demo):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["events", "create", "--campaign", demo.slug, "--writers", "40", "--title",
                                 "School assembly", "--date", "2026-12-10"])
    assert result.exit_code == 0, result.output
    event = db.session.get(Event, int(result.output.strip()))
    assert (event.title, event.expected_writers, event.cases[0].language, event.group_id) == (
        "School assembly", 40, "en", None)
    bad = runner.invoke(args=["events", "create", "--campaign", "ua-1-99", "--writers", "4", "--title", "x"])
    assert bad.exit_code != 0 and "no campaign has the slug 'ua-1-99'" in bad.output
    assert re.fullmatch(r"\d+", result.output.strip())


# --- the tally after the evening, and what it adds to the counts ------------------------------------

def _tally_fields(event, letters: int, cards: int = 0, emails: int = 0) -> dict:
    data = {}
    for case in event.cases:
        for target in case.campaign.ordered_targets:
            data[f"letters_{case.id}_{target.id}"] = str(letters)
        data[f"cards_{case.id}"], data[f"phone_emails_{case.id}"] = str(cards), str(emails)
    return data


def test_a_tally_counts_on_the_case_as_letters_written_at_events(org_client, client, demo):
    group = _create_group(org_client)
    _coordinator(org_client, client, group)
    client.post("/organisers/events/new", data=_event_form(demo))
    event = db.session.scalar(select(Event))
    officials = len(demo.ordered_targets)
    before = client.get(f"/campaigns/{demo.slug}/counts.json").get_json()

    response = client.post(f"/organisers/events/{event.id}/tally", data=_tally_fields(event, 25, cards=12, emails=4))
    assert response.status_code == 303, response.get_data(as_text=True)
    counts = client.get(f"/campaigns/{demo.slug}/counts.json").get_json()
    assert counts["total"] == before["total"] + 25 * officials
    assert counts["by_channel"]["events"] == 25 * officials
    assert counts["events"] == {"letters": 25 * officials, "cards": 12, "emails_from_phones": 4,
                                "online_actions": 0, "events": 1, "groups": 1}
    assert {row["id"]: row["letters"] for row in counts["by_target"]} == {t.id: 25 for t in demo.ordered_targets}
    # No supporter's country is guessed from paper letters.
    assert sum(counts["by_country"].values()) == before["total"]
    page = client.get(f"/campaigns/{demo.slug}").get_data(as_text=True)
    assert f"<strong>{25 * officials}</strong> letters so far" in page
    assert f"<strong>{25 * officials}</strong> letters so far" in client.get("/").get_data(as_text=True)

    # A correction replaces the report, and the audit log says what changed.
    client.post(f"/organisers/events/{event.id}/tally", data=_tally_fields(event, 20, cards=12, emails=4))
    assert client.get(f"/campaigns/{demo.slug}/counts.json").get_json()["events"]["letters"] == 20 * officials
    assert [a for a in audit_actions() if a.startswith("event.")] == ["event.created", "event.tallied",
                                                                      "event.tally_corrected"]
    client.post("/organisers/logout")
    log_in(org_client)
    board = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "Written at events" in board and "Write for Rights evening" in board and "Leeds Central Group" in board


def test_a_tally_above_what_the_room_could_write_needs_a_tick_and_a_wrong_one_keeps_what_was_typed(org_client, demo):
    org_client.post("/organisers/events/new", data=_event_form(demo, expected_writers="10"))
    event = db.session.scalar(select(Event))
    large = _tally_fields(event, 31)  # more than 3 letters per expected writer to one official
    response = org_client.post(f"/organisers/events/{event.id}/tally", data=large)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "tick the box to confirm them" in page and 'value="31"' in page
    assert event.tallied_at is None
    negative = org_client.post(f"/organisers/events/{event.id}/tally", data=_tally_fields(event, -1))
    assert negative.status_code == 400 and "Please give a number from 0 to 100000." in negative.get_data(as_text=True)
    typo = org_client.post(f"/organisers/events/{event.id}/tally", data=_tally_fields(event, 10**9))
    assert typo.status_code == 400
    assert org_client.post(f"/organisers/events/{event.id}/tally", data={**large, "confirmed": "y"}).status_code == 303
    db.session.expire_all()
    assert sum(row.letters for case in event.cases for row in case.letters) == 31 * len(demo.ordered_targets)


def test_actions_through_the_events_qr_link_are_counted_under_it_and_nothing_else_is_kept(org_client, client, demo):
    org_client.post("/organisers/events/new", data=_event_form(demo))
    event = db.session.scalar(select(Event))
    form = client.get(f"/campaigns/{demo.slug}/write?event={event.code}").get_data(as_text=True)
    assert f'name="event" type="hidden" value="{event.code}"' in form
    data = action_data(demo, client, channel="pdf", event=event.code)
    assert client.post(f"/campaigns/{demo.slug}/write", data=data).status_code == 303
    # A made-up or mangled code is ignored, never an error for the supporter.
    for code in ("x" * 22, "<script>", ""):
        assert client.post(f"/campaigns/{demo.slug}/write", data=action_data(
            demo, client, channel="pdf", email=f"other{len(code)}@example.org", event=code)).status_code == 303
    db.session.expire_all()
    assert event.cases[0].online_actions == 1
    assert client.get(f"/campaigns/{demo.slug}/counts.json").get_json()["events"]["online_actions"] == 1
    # The action itself holds nothing that ties it to the event.
    assert "event" not in {column.name for column in Action.__table__.columns} | {
        column.name for column in Supporter.__table__.columns}
