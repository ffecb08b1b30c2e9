"""Every URL the app answers, walked with hostile values: ids past any database's integer range, negative
numbers, NUL and other control characters, broken UTF-8 and very long text. Never a 500.

Organiser pages are walked by a logged-in admin, the rest by a stranger. Then every rule is walked once more
with real values as each role (a stranger, a coordinator, an organiser, an admin), and what each may open is
checked against organisers/roles.py, the one place roles are enforced. Each variable of a rule takes each
hostile value in turn while the others hold real values (so a huge id reaches the query behind a real
campaign or a real link), then all of them at once; every method the rule allows is tried, POSTs with an
empty form (CSRF is off in the `app` fixture). GET pages are also asked with hostile query strings. On
PostgreSQL (TEST_DATABASE_URL) this covers what SQLite lets through: 2^31 and NUL.
"""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

from flask import request
from sqlalchemy import select

from events.groups import GroupData, create_group
from events.services import CaseChoice, EventData, create_event
from extensions import db
from models import Action, Organiser, Role, Subscription, SubscriptionStatus, WebhookDelivery
from organisers.accounts import hash_password
from organisers.audit import COMMAND_LINE
from organisers.roles import (ACCOUNT_PAGES, ADMIN, ANONYMOUS, COORDINATOR, COORDINATOR_PAGES, ORGANISER,
                              PUBLIC_PAGES, roles_for)
from subscriptions.tokens import make_token
from tests.helpers import PASSWORD, action_data, log_in, make_organiser, secret_from, without_csrf_tokens
from webhooks.events import emit
from webhooks.services import register_endpoint

# Written as they travel in a URL: percent-encoded where they have to be.
HOSTILE = [
    "2147483647",           # the largest id PostgreSQL's integer holds: a real lookup, found or not
    "2147483648", str(2 ** 63), str(2 ** 64), str(10 ** 30),
    "-1", "0", "007",
    "%00", "a%00b", "%0A", "%1B[31m",
    "%FF%FE", "a%C3",       # not UTF-8
    "%EF%BF%BD",            # U+FFFD itself, which is valid
    "x" * 5000, "9" * 5000,
]
# Keys of query strings some page reads, each given every hostile value.
QUERY_KEYS = ("page", "target", "next", "follow", "v")
ROUTE_VARIABLE = re.compile(r"<(?:[^<>:]+:)?([A-Za-z_][A-Za-z0-9_]*)>")


def _real_values(app, demo) -> dict[str, str]:
    """A value that names something that exists, for each variable name a rule uses."""
    client = app.test_client()
    secret = secret_from(client.post(f"/campaigns/{demo.slug}/write",
                                     data=action_data(demo, client, channel="mailto")))
    subscription = Subscription(email="follower@example.org", scope=f"campaign:{demo.id}", campaign_id=demo.id,
                                status=SubscriptionStatus.confirmed)
    db.session.add(subscription)
    db.session.commit()
    action = db.session.scalar(select(Action).where(Action.secret == secret))
    admin = make_organiser(is_admin=True)
    endpoint = register_endpoint("http://127.0.0.1:9/hook", ["action.taken"], actor=COMMAND_LINE).endpoint
    emit("action.taken", {"action": {"id": action.id}})
    db.session.commit()
    delivery_id = db.session.scalar(select(WebhookDelivery.id))
    return {
        "slug": demo.slug, "secret": secret, "campaign_id": str(demo.id), "target_id": str(demo.targets[0].id),
        "action_id": str(action.id), "organiser_id": str(admin.id), "subscription_id": str(subscription.id),
        "token": make_token("subscriber", subscription.id, subscription.email),
        "language": "en", "message_hash": "0" * 64, "change": "reset", "visibility": "show",
        "message_id": "1", "bouncing_id": "1", "reply_id": "1", "block_id": "1", "number": "1",
        "name": "nothing.eml", "filename": "css/site.css", "country": "US", "code": "es", "theme": "torture",
        "event_id": "1", "group_id": "1", "token_id": "1", "endpoint_id": str(endpoint.id),
        "delivery_id": str(delivery_id), "step": "pause",
    }


def _path(rule: str, values: dict[str, str]) -> str:
    return ROUTE_VARIABLE.sub(lambda match: values[match.group(1)], rule)


def _requests(app, real: dict[str, str]):
    """(method, url, is_organiser_page) for every rule, method and hostile value."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        names = ROUTE_VARIABLE.findall(rule.rule)
        missing = [name for name in names if name not in real]
        assert not missing, f"{rule.rule}: give the walk a real value for {missing}"
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        is_organiser = rule.endpoint.startswith("organisers.")
        known = {name: quote(real[name], safe="/") for name in names}
        for value in HOSTILE:
            paths = [_path(rule.rule, {**known, name: value}) for name in names]
            if len(names) > 1:
                paths.append(_path(rule.rule, dict.fromkeys(names, value)))
            for path in paths:
                for method in methods:
                    yield method, path, is_organiser
            if "GET" in methods:
                query = "&".join(f"{key}={value}" for key in QUERY_KEYS)
                yield "GET", f"{_path(rule.rule, known)}?{query}", is_organiser


def test_no_url_answers_500_whatever_it_carries(app, demo):
    real = _real_values(app, demo)
    stranger = app.test_client()
    organiser = app.test_client()
    assert log_in(organiser).status_code == 303
    problems = []
    count = 0
    for method, url, is_organiser in _requests(app, real):
        count += 1
        client = organiser if is_organiser else stranger
        shown = url if len(url) < 120 else url[:100] + f"…({len(url)} characters)"
        try:
            response = client.open(url, method=method, data={} if method == "POST" else None, buffered=True)
        except Exception as error:  # TESTING propagates what would have been a 500
            problems.append(f"{method} {shown}: {repr(error)[:160]}")
            continue
        if response.status_code >= 500:
            problems.append(f"{method} {shown}: {response.status_code}")
        elif response.status_code >= 400 and response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            # The widget's pages live in another site's frame: their own frame page, with no site header.
            frame = url.startswith("/campaigns/") and "/widget" in url and 'class="widget-body"' in html
            if "<h1" not in html or ('class="site-header"' not in html and not frame):
                problems.append(f"{method} {shown}: {response.status_code} without the site's page")
    assert count > 1000
    assert not problems, f"{len(problems)} of {count} requests failed:\n" + "\n".join(problems[:60])
    # The walk ran as the organiser all along: nothing it sent logged them out or changed their account.
    assert organiser.get("/organisers/").status_code == 200


def test_paths_with_control_characters_or_broken_utf8_are_not_found(client, demo):
    for path in ("/campaigns/ua-118-21%00", "/campaigns/%0Aua-118-21", "/campaigns/ua-118-21%FF", "/a/%00x",
                 "/campaigns/ua-118-21%ED%A0%80"):  # the last is a surrogate, which UTF-8 never spells
        response = client.get(path)
        assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True), path
    # Text in any script is welcome.
    assert client.get("/campaigns/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82").status_code == 404
    assert client.get("/campaigns/ua-118-21").status_code == 200


def test_query_parameters_with_control_characters_or_broken_utf8_are_left_out(app, client, demo):
    query = ("page=2&next=/organisers/%0D%0ALocation:x&follow=ua%00&note=%D0%BF%D1%80%D0%B8&x%1B=1"
             "&bad=%FF%FE&surrogate=%ED%A0%80&follow=all&empty=")
    with app.test_request_context(f"/subscribe?{query}"):
        assert list(request.args.items(multi=True)) == [("page", "2"), ("note", "при"), ("follow", "all"),
                                                         ("empty", "")]
    # Bytes not even percent-encoded, as a careless client may send them: the page still opens.
    response = client.get("/subscribe", environ_overrides={"QUERY_STRING": "follow=ua-118-21\xff"})
    assert response.status_code == 200 and "<option selected value=\"all\">" in response.get_data(as_text=True)
    assert '<option selected value="ua-118-21">' in client.get("/subscribe?follow=ua-118-21").get_data(as_text=True)


def test_ids_are_bounded_to_what_every_database_stores(org_client, demo):
    assert org_client.get(f"/organisers/campaigns/{demo.id}").status_code == 200
    assert org_client.get(f"/organisers/campaigns/00{demo.id}").status_code == 200
    for id_ in ("0", "2147483647", "2147483648", "-1", "1e3", "\u0661"):  # the last is ARABIC-INDIC DIGIT ONE
        assert org_client.get(f"/organisers/campaigns/{quote(id_)}").status_code == 404, id_
    # Query strings: anything but a number in range is as if it were not there.
    first_page = without_csrf_tokens(org_client.get("/organisers/admin/audit").get_data(as_text=True))
    for page in ("0", "-1", "2147483648", str(10 ** 30), "x"):
        answer = org_client.get(f"/organisers/admin/audit?page={page}").get_data(as_text=True)
        assert without_csrf_tokens(answer) == first_page, page


# --- each role, route by route -------------------------------------------------------------------

# Pages holding the campaign editor or supporters' data: never a coordinator's, whatever is listed.
NEVER_A_COORDINATORS = {
    "organisers.index", "organisers.dashboard", "organisers.edit_campaign", "organisers.new_campaign",
    "organisers.import_campaign", "organisers.edit_template", "organisers.publish", "organisers.held",
    "organisers.export_letters", "organisers.export_subscribers", "organisers.export_campaign_subscribers",
    "organisers.emails", "organisers.blocked", "organisers.preview", "organisers.new_update",
    "organisers.groups_list", "organisers.group", "organisers.organisers", "organisers.audit_log",
    "organisers.webhooks", "organisers.webhook",
}


def _roles_world(app, demo):
    """Real values, two groups with an event each, and a logged-in client per role."""
    real = _real_values(app, demo)  # its admin is organiser@example.org
    own = create_group(GroupData(name="Leeds Central Group", town="Leeds", country="GB"), COMMAND_LINE)
    other = create_group(GroupData(name="Bradford Students", town="Bradford", country="GB"), COMMAND_LINE)
    own_event, other_event = (
        create_event(EventData(title=title, held_on=date(2026, 12, 10), expected_writers=20,
                               cases=[CaseChoice(demo.id)]), group=group, actor=COMMAND_LINE)
        for title, group in (("Leeds evening", own), ("Bradford night", other)))
    db.session.add(Organiser(email="kim@example.org", name="Kim", password_hash=hash_password(PASSWORD),
                             role=Role.coordinator, group=own, is_active=True))
    db.session.commit()
    make_organiser("olga@example.org")
    # The account the admin pages change: never the walking admin's own.
    real["organiser_id"] = str(make_organiser("spare@example.org").id)
    clients = {ANONYMOUS: app.test_client()}
    for role, email in ((COORDINATOR, "kim@example.org"), (ORGANISER, "olga@example.org"),
                        (ADMIN, "organiser@example.org")):
        clients[role] = app.test_client()
        assert log_in(clients[role], email).status_code == 303, role
    values = {role: {**real, "event_id": str(other_event.id), "group_id": str(other.id)} for role in clients}
    values[COORDINATOR] = {**real, "event_id": str(own_event.id), "group_id": str(own.id)}
    return clients, values, str(other_event.id)


def test_each_role_opens_what_organisers_roles_allows_and_nothing_else(app, demo):
    clients, values, others_event = _roles_world(app, demo)
    problems, walked = [], 0

    def expect(role, rule, method, path):
        nonlocal walked
        walked += 1
        try:
            response = clients[role].open(path, method=method, data={} if method == "POST" else None, buffered=True)
        except Exception as error:  # TESTING propagates what would have been a 500
            problems.append(f"{role} {method} {path}: {repr(error)[:160]}")
            return None
        status, location = response.status_code, response.headers.get("Location", "")
        endpoint = rule.endpoint
        if status >= 500:
            problems.append(f"{role} {method} {path}: {status}")
        elif not endpoint.startswith("organisers."):
            pass  # the public pages are the same for everyone
        elif role == ANONYMOUS and ANONYMOUS not in roles_for(endpoint):
            if not (status == 302 and "/organisers/login" in location):
                problems.append(f"{role} {method} {path}: {status}, not sent to the login page")
        elif role == COORDINATOR and endpoint == "organisers.index":
            if location != "/organisers/events":
                problems.append(f"{role} {method} {path}: {status} {location}, not led to their events")
        elif role in roles_for(endpoint):
            if status == 403 or "/organisers/login" in location:
                problems.append(f"{role} {method} {path}: {status} {location}, but roles.py lets them in")
        elif status != 403:
            problems.append(f"{role} {method} {path}: {status}, but roles.py keeps them out")
        return response

    supporter = db.session.scalar(select(Action)).supporter
    for role in (ANONYMOUS, COORDINATOR, ORGANISER, ADMIN):
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if rule.endpoint == "organisers.logout":
                continue  # would end the walk's session; logging out is tested on its own
            path = _path(rule.rule, {name: quote(values[role][name], safe="/")
                                     for name in ROUTE_VARIABLE.findall(rule.rule)})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = expect(role, rule, method, path)
                # (The supporter's own secret link shows them their letter: not an organisers' page.)
                if (role == COORDINATOR and rule.endpoint.startswith("organisers.") and response is not None
                        and response.mimetype == "text/html"):
                    page = response.get_data(as_text=True)
                    assert supporter.email not in page and supporter.name not in page, path
                # Another group's event is not found, whatever the coordinator asks of it.
                if role == COORDINATOR and "event_id" in rule.arguments:
                    theirs = _path(rule.rule, {"event_id": others_event})
                    status = clients[role].open(theirs, method=method, data={}).status_code
                    if status != 404:
                        problems.append(f"{role} {method} {theirs}: {status}, another group's event")
    assert walked > 400
    assert not problems, f"{len(problems)} of {walked} requests went wrong:\n" + "\n".join(problems[:60])
    # Nobody was logged out or locked out by the walk.
    assert clients[ADMIN].get("/organisers/admin/audit").status_code == 200
    assert clients[COORDINATOR].get("/organisers/events").status_code == 200


def test_a_coordinator_is_listed_only_for_their_events_and_admins_alone_manage_accounts(app):
    every = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("organisers.")}
    coordinators = {endpoint for endpoint in every if COORDINATOR in roles_for(endpoint)}
    assert coordinators == COORDINATOR_PAGES | ACCOUNT_PAGES | PUBLIC_PAGES
    assert all(endpoint.startswith(("organisers.event", "organisers.new_event")) for endpoint in COORDINATOR_PAGES)
    assert NEVER_A_COORDINATORS <= every and not NEVER_A_COORDINATORS & coordinators
    # Every page under /organisers/admin/ is an admin's alone.
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/organisers/admin/"):
            assert roles_for(rule.endpoint) == {ADMIN}, rule.rule
