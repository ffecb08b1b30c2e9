"""Organiser accounts: login required everywhere, sessions that logout and password changes end,
one-time passwords, rate-limited logins, safe returns after login, admins managing accounts.

The `organiser` and `org_client` fixtures live in tests/conftest.py, the helpers in tests/helpers.py.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Organiser
from organisers.routes.base import PUBLIC_ENDPOINTS
from urls import safe_next
from tests.helpers import LOGIN, PASSWORD, audit_actions, csrf_token, log_in, make_organiser


def _organiser_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("organisers.")]


def _example_path(rule) -> str:
    values = {name: 1 if "id" in name or name == "number" else
              {"language": "en", "visibility": "show", "change": "reset", "step": "pause"}.get(name, "x")
              for name in rule.arguments}
    return rule.build(values)[1]


def test_every_organiser_page_sends_strangers_to_the_login(app, client):
    rules = _organiser_rules(app)
    assert len(rules) > 20
    for rule in rules:
        if rule.endpoint in PUBLIC_ENDPOINTS:  # the login, and a coordinator's emailed invitation
            continue
        path = _example_path(rule)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(path, method=method)
        assert response.status_code == 302, (rule.rule, response.status_code)
        location = response.headers["Location"]
        assert location.startswith(LOGIN + "?next="), (rule.rule, location)


def test_the_login_page_returns_to_the_page_asked_for(app, client, organiser):
    response = client.get("/organisers/campaigns/new")
    assert response.headers["Location"] == "/organisers/login?next=/organisers/campaigns/new"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/organisers/campaigns/new"' in html
    response = log_in(client, next="/organisers/campaigns/new")
    assert response.status_code == 303
    assert response.headers["Location"] == "/organisers/campaigns/new"
    assert client.get("/organisers/campaigns/new").status_code == 200


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example", "/\\evil.example",
                                    "http:/evil.example", "javascript:alert(1)", "//evil.example/organisers/",
                                    "/organisers/\r\nLocation: https://evil.example"])
def test_login_never_redirects_off_site(client, organiser, target):
    assert safe_next(target) is None
    html = client.get(LOGIN, query_string={"next": target}).get_data(as_text=True)
    assert 'name="next" type="hidden" value=""' in html
    response = log_in(client, next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/organisers/"


def test_safe_next_keeps_paths_on_this_site():
    assert safe_next("/organisers/campaigns/3?tab=emails") == "/organisers/campaigns/3?tab=emails"
    assert safe_next("") is None and safe_next(None) is None and safe_next("organisers") is None


def test_wrong_password_or_unknown_email_gets_one_message(client, organiser):
    for email, password in ((organiser.email, "not the password"), ("nobody@example.org", PASSWORD)):
        response = log_in(client, email, password)
        assert response.status_code == 400
        assert "do not match an active account" in response.get_data(as_text=True)
        assert client.get("/organisers/").status_code == 302


def test_deactivated_organiser_cannot_log_in(client, organiser):
    organiser.is_active = False
    db.session.commit()
    assert log_in(client).status_code == 400


def test_failed_logins_are_rate_limited_per_email_and_per_address(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        make_organiser()
        client = app.test_client()
        for _ in range(5):
            assert log_in(client, password="wrong").status_code == 400
        limited = log_in(client, password="wrong")
        assert limited.status_code == 429
        assert "Retry-After" in limited.headers
        # Even the right password waits: the email is being guessed at.
        assert log_in(client).status_code == 429
        # Other addresses still work from here, until this address has failed too often.
        for number in range(5):
            assert log_in(client, f"guess{number}@example.org", "wrong").status_code == 400
        assert log_in(client, "another@example.org", "wrong").status_code == 429


def test_successful_logins_do_not_use_up_the_limit(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        make_organiser()
        client = app.test_client()
        for _ in range(8):
            assert log_in(client).status_code == 303


def test_login_gives_a_new_session(client, organiser):
    client.get(LOGIN)
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    log_in(client)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == f"{organiser.id}:1"


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_an_old_session_cookie_stops_working_after_logout(app, org_client, organiser):
    old = _session_cookie(org_client)
    assert org_client.get("/organisers/").status_code == 200
    org_client.post("/organisers/logout")
    assert org_client.get("/organisers/").status_code == 302

    replay = app.test_client()
    replay.set_cookie("session", old)
    response = replay.get("/organisers/")
    assert response.status_code == 302 and response.headers["Location"].startswith(LOGIN)


def test_an_old_session_cookie_stops_working_after_a_password_change(app, org_client, organiser):
    other_device = app.test_client()
    log_in(other_device)
    old = _session_cookie(org_client)
    response = org_client.post("/organisers/password", data={
        "current_password": PASSWORD, "new_password": "a brand new passphrase",
        "confirm_password": "a brand new passphrase"})
    assert response.status_code == 303
    # This browser goes on; the old cookie and the other device are logged out.
    assert org_client.get("/organisers/").status_code == 200
    replay = app.test_client()
    replay.set_cookie("session", old)
    assert replay.get("/organisers/").status_code == 302
    assert other_device.get("/organisers/").status_code == 302
    assert log_in(app.test_client(), password="a brand new passphrase").status_code == 303
    assert log_in(app.test_client()).status_code == 400


def test_password_change_checks_every_field(org_client):
    cases = [
        ({"current_password": "wrong", "new_password": "long enough password",
          "confirm_password": "long enough password"},
         "That is not your current password."),
        ({"current_password": PASSWORD, "new_password": "short", "confirm_password": "short"},
         "at least 12 characters"),
        ({"current_password": PASSWORD, "new_password": "long enough password", "confirm_password": "different one!!"},
         "The two new passwords are not the same."),
        ({"current_password": "", "new_password": "long enough password", "confirm_password": "long enough password"},
         "Please enter your current password."),
        ({"current_password": PASSWORD, "new_password": PASSWORD, "confirm_password": PASSWORD},
         "different from the one you have now"),
    ]
    for data, message in cases:
        response = org_client.post("/organisers/password", data=data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)


def test_cli_create_prints_a_one_time_password_that_forces_a_change(app):
    result = app.test_cli_runner().invoke(args=["organisers", "create", "New@Example.org", "--admin",
                                                "--name", "Nadia"])
    assert result.exit_code == 0, result.output
    password = re.search(r"One-time password: (\S+)", result.output).group(1)
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == "new@example.org"))
    assert organiser.is_admin and organiser.name == "Nadia" and organiser.must_change_password
    assert password not in organiser.password_hash and organiser.password_hash.startswith("scrypt:")

    client = app.test_client()
    response = log_in(client, "new@example.org", password)
    assert response.headers["Location"] == "/organisers/password"
    # Until the new password is chosen, no other page opens.
    assert client.get("/organisers/").headers["Location"] == "/organisers/password"
    assert client.get("/organisers/campaigns/new").headers["Location"] == "/organisers/password"
    # The one-time password was spent by that login.
    assert log_in(app.test_client(), "new@example.org", password).status_code == 400

    response = client.post("/organisers/password", data={"new_password": "my own long password",
                                                         "confirm_password": "my own long password"})
    assert response.status_code == 303
    assert client.get("/organisers/").status_code == 200
    assert log_in(app.test_client(), "new@example.org", "my own long password").status_code == 303
    assert audit_actions()[:2] == ["organiser.created", "organiser.login"]


def test_cli_refuses_a_second_account_for_the_same_address(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["organisers", "create", "same@example.org"]).exit_code == 0
    again = runner.invoke(args=["organisers", "create", "SAME@example.org"])
    assert again.exit_code != 0 and "already exists" in again.output
    assert runner.invoke(args=["organisers", "create", "not an address"]).exit_code != 0


def test_admins_create_deactivate_and_reset_organisers(app, org_client):
    response = org_client.post("/organisers/admin/organisers/new", data={"email": "colleague@example.org",
                                                                         "name": "Col League"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store, private"
    password = re.search(r"<code>([^<]+)</code>", response.get_data(as_text=True)).group(1)
    colleague = db.session.scalar(select(Organiser).where(Organiser.email == "colleague@example.org"))
    assert not colleague.is_admin and colleague.must_change_password

    their_client = app.test_client()
    log_in(their_client, "colleague@example.org", password)
    their_client.post("/organisers/password", data={"new_password": "colleague's passphrase",
                                                    "confirm_password": "colleague's passphrase"})
    assert their_client.get("/organisers/").status_code == 200
    # Not an admin: no account management, no audit log.
    assert their_client.get("/organisers/admin/organisers").status_code == 403
    assert their_client.get("/organisers/admin/audit").status_code == 403

    assert org_client.post(f"/organisers/admin/organisers/{colleague.id}/deactivate").status_code == 303
    assert their_client.get("/organisers/").status_code == 302
    assert log_in(app.test_client(), "colleague@example.org", "colleague's passphrase").status_code == 400

    org_client.post(f"/organisers/admin/organisers/{colleague.id}/activate")
    response = org_client.post(f"/organisers/admin/organisers/{colleague.id}/reset")
    new_password = re.search(r"<code>([^<]+)</code>", response.get_data(as_text=True)).group(1)
    assert log_in(app.test_client(), "colleague@example.org", "colleague's passphrase").status_code == 400
    response = log_in(app.test_client(), "colleague@example.org", new_password)
    assert response.headers["Location"] == "/organisers/password"

    taken = org_client.post("/organisers/admin/organisers/new", data={"email": "colleague@example.org"})
    assert taken.status_code == 400 and "already exists" in taken.get_data(as_text=True)
    assert {"organiser.created", "organiser.deactivated", "organiser.activated", "organiser.password_reset"} <= set(
        audit_actions())


def test_admins_cannot_lock_themselves_out(org_client, organiser):
    org_client.post(f"/organisers/admin/organisers/{organiser.id}/deactivate")
    db.session.refresh(organiser)
    assert organiser.is_active
    assert org_client.get("/organisers/").status_code == 200


def test_the_audit_log_lists_who_did_what(org_client, organiser):
    html = org_client.get("/organisers/admin/audit").get_data(as_text=True)
    assert "organiser.login" in html and organiser.email in html
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_organiser_link_in_the_header_only_when_logged_in(client, organiser, demo):
    assert 'href="/organisers/"' not in client.get("/").get_data(as_text=True)
    log_in(client)
    assert 'href="/organisers/"' in client.get("/").get_data(as_text=True)


def test_forms_without_a_csrf_token_are_refused(csrf_app, organiser):
    client = csrf_app.test_client()
    assert client.post(LOGIN, data={"email": organiser.email, "password": PASSWORD}).status_code == 400
    token = csrf_token(client.get(LOGIN).get_data(as_text=True))
    assert client.post(LOGIN, data={"email": organiser.email, "password": PASSWORD,
                                    "csrf_token": token}).status_code == 303
    response = client.post("/organisers/campaigns/new", data={"op": "save", "ua_number": "UA 1/26", "title": "X",
                                                              "country": "TM", "goal": "10", "hourly_email_cap": "5"})
    assert response.status_code == 400
    assert client.post("/organisers/logout").status_code == 400
    assert client.get("/organisers/").status_code == 200  # still logged in: the logout was refused too


def test_cli_reset_password_and_list(app, organiser):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["organisers", "reset-password", organiser.email])
    assert result.exit_code == 0, result.output
    password = re.search(r"One-time password: (\S+)", result.output).group(1)
    assert log_in(app.test_client()).status_code == 400
    assert log_in(app.test_client(), password=password).headers["Location"] == "/organisers/password"
    listing = runner.invoke(args=["organisers", "list"]).output
    assert "organiser@example.org  (admin, must change password)" in listing
    assert runner.invoke(args=["organisers", "reset-password", "nobody@example.org"]).exit_code != 0


def test_control_characters_in_the_login_never_reach_the_database(client, organiser):
    for email in ("organiser@example.org\x00", "organiser@example.org\r\nX: y"):
        response = log_in(client, email)
        assert response.status_code == 400
        assert "Please use one line without special characters." in response.get_data(as_text=True)
