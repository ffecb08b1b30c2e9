"""Groups, coordinators and letter-writing events: an organiser creates a group and invites a coordinator
by email; the coordinator chooses a password through the link and plans an event for their group, and
sees nothing else: every organiser page is walked as a coordinator, and another group's event is not found.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import Event, Group, Organiser, Role
from tests.helpers import audit_actions, log_in, newest_link
from tests.test_every_url import ROUTE_VARIABLE

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
    """Every organiser page walked as a coordinator: only the listed event pages open, and there only
    their own group's events; everything else is forbidden."""
    other = _create_group(org_client, "Bradford Students")
    org_client.post("/organisers/events/new", data=_event_form(demo, group=str(other.id), title="Bradford night"))
    theirs = db.session.scalar(select(Event.id).where(Event.title == "Bradford night"))
    group = _create_group(org_client)
    _coordinator(org_client, client, group)
    client.post("/organisers/events/new", data=_event_form(demo))
    own = db.session.scalar(select(Event.id).where(Event.group_id == group.id))

    allowed = {"organisers.events", "organisers.new_event", "organisers.event", "organisers.event_pack",
               "organisers.change_password",
               "organisers.logout", "organisers.login", "organisers.welcome"}
    values = {"campaign_id": str(demo.id), "event_id": str(own), "group_id": str(group.id), "organiser_id": "1",
              "target_id": str(demo.targets[0].id), "action_id": "1", "language": "en", "number": "1",
              "change": "reset", "visibility": "show", "message_id": "1", "bouncing_id": "1", "reply_id": "1",
              "block_id": "1", "message_hash": "0" * 64, "name": "x.eml", "token": "x"}
    walked = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("organisers.") or rule.endpoint in {"organisers.logout", "organisers.welcome"}:
            continue
        path = ROUTE_VARIABLE.sub(lambda match: values[match.group(1)], rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            status = client.open(path, method=method).status_code
            walked += 1
            if rule.endpoint in allowed:
                assert status in (200, 303, 400), (method, path, status)
            else:
                assert status == 403, (method, path, status)
    assert walked > 40
    # Another group's event is as good as missing.
    assert client.get(f"/organisers/events/{theirs}").status_code == 404
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
