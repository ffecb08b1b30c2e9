"""API tokens: made and revoked by admins, shown once, stored hashed, scoped, expiring, every use audited;
the organisers' endpoints they open respect erasure and retention."""
from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from api import tokens
from extensions import db
from models import ApiScope, ApiToken, AuditEntry, Campaign, CampaignStatus
from organisers.audit import Actor
from privacy.services import erase_person, purge
from tests.helpers import action_data, audit_actions, log_in, make_organiser

API = "/api/v1"
PAGE = "/organisers/admin/api-tokens"


def make_token(organiser, *scopes: str, days: int = 30) -> str:
    _token, secret = tokens.create_token("CRM sync", list(scopes), days=days, actor=Actor.organiser(organiser))
    db.session.commit()
    return secret


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def act(client, demo, email: str, **overrides):
    response = client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, client, email=email, **overrides))
    assert response.status_code == 303
    return response


def test_an_admin_makes_a_token_that_is_shown_once_and_stored_hashed(org_client, organiser):
    page = org_client.get(PAGE)
    assert page.status_code == 200 and "Make a token" in page.get_data(as_text=True)
    response = org_client.post(PAGE, data={"name": "Website of the Leeds group", "scopes": ["counts:read"],
                                           "days": "90"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    secret = re.search(r"<code>(uad_[A-Za-z0-9_-]{43})</code>", html).group(1)
    assert response.headers["Cache-Control"] == "no-store, private"
    token = db.session.scalars(select(ApiToken)).one()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:12] and token.scopes == ["counts:read"]
    assert token.organiser_id == organiser.id
    assert timedelta(days=89) < token.expires_at - datetime.now(UTC) <= timedelta(days=90)
    # Nowhere again: not in the list, not in the audit log, not in the session cookie.
    listing = org_client.get(PAGE).get_data(as_text=True)
    assert secret not in listing and f"{token.prefix}…" in listing
    assert all(secret not in entry.summary for entry in db.session.scalars(select(AuditEntry)))
    assert "api_token.created" in audit_actions()
    assert secret not in (response.headers.get("Set-Cookie") or "")


def test_the_form_says_what_is_missing(org_client):
    response = org_client.post(PAGE, data={"name": "", "days": "7"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Please choose at least one scope." in html and "Please say what the token is for" in html
    assert db.session.scalars(select(ApiToken)).all() == []


def test_only_admins_manage_tokens(client, app):
    make_organiser("plain@example.org")
    assert log_in(client, "plain@example.org").status_code == 303
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data={"name": "x", "scopes": ["actions:read"], "days": "30"}).status_code == 403


def test_a_revoked_or_expired_token_stops_working(org_client, organiser, demo):
    secret = make_token(organiser, ApiScope.counts_read)
    path = f"{API}/campaigns/{demo.slug}/counts/exact"
    assert org_client.get(path, headers=bearer(secret)).status_code == 200
    token = db.session.scalars(select(ApiToken)).one()
    assert org_client.post(f"{PAGE}/{token.id}/revoke").status_code == 303
    refused = org_client.get(path, headers=bearer(secret))
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "invalid_token"
    assert refused.headers["WWW-Authenticate"].startswith("Bearer ")
    assert "api_token.revoked" in audit_actions()
    old = make_token(organiser, ApiScope.counts_read)
    db.session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_(None))).one().expires_at = \
        datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert org_client.get(path, headers=bearer(old)).status_code == 401


def test_no_token_a_wrong_token_or_a_session_is_refused(org_client, demo):
    for headers in ({}, bearer("uad_" + "x" * 43), bearer(""), {"Authorization": "Basic dXNlcjpwYXNz"}):
        response = org_client.get(f"{API}/actions", headers=headers)
        assert response.status_code == 401, headers
        assert response.get_json()["error"]["code"] in ("token_required", "invalid_token")
    # The logged-in admin's session cookie went with every one of those requests: it counts for nothing.


def test_a_token_reaches_only_its_scopes_and_every_use_is_audited(client, organiser, demo):
    secret = make_token(organiser, ApiScope.counts_read)
    before = datetime.now(UTC)
    assert client.get(f"{API}/campaigns/{demo.slug}/counts/exact", headers=bearer(secret)).status_code == 200
    refused = client.get(f"{API}/actions", headers=bearer(secret))
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "insufficient_scope"
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "api_token.used")
                                 .order_by(AuditEntry.id)).all()
    assert [e.summary.rsplit(": ", 1)[1] for e in entries] == [
        f"GET {API}/campaigns/{demo.slug}/counts/exact", f"GET {API}/actions"]
    assert {e.organiser_email for e in entries} == {organiser.email}
    db.session.expire_all()
    assert db.session.scalars(select(ApiToken)).one().last_used_at >= before


def test_exact_counts_cover_drafts_and_every_state(client, organiser, demo):
    secret = make_token(organiser, ApiScope.counts_read)
    act(client, demo, "jane@example.org")
    demo.status = CampaignStatus.draft
    db.session.commit()
    assert client.get(f"{API}/campaigns/{demo.slug}/counts").status_code == 404
    response = client.get(f"{API}/campaigns/{demo.slug}/counts/exact", headers=bearer(secret))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store, private"
    data = response.get_json()
    assert data["total"] == len(demo.targets) and data["by_country"] == {"GB": len(demo.targets)}
    assert "Access-Control-Allow-Origin" not in response.headers
    assert client.get(f"{API}/campaigns/nothing/counts/exact", headers=bearer(secret)).status_code == 404


def test_actions_come_with_their_supporters_by_pages_and_erased_people_are_gone(client, organiser, demo):
    secret = make_token(organiser, ApiScope.actions_read)
    for number in range(5):
        act(client, demo, f"writer{number}@example.org", name=f"Writer {number}")
    erase_person("writer1@example.org")
    db.session.commit()
    names, url = [], f"{API}/actions?limit=2&campaign={demo.slug}"
    while url:
        response = client.get(url, headers=bearer(secret))
        assert response.status_code == 200, response.get_json()
        page = response.get_json()
        names += [item["supporter"]["name"] for item in page["items"]]
        url = page["next"] and page["next"].removeprefix("http://127.0.0.1:5000")
    assert names == ["Writer 0", "Writer 2", "Writer 3", "Writer 4"]
    first = client.get(f"{API}/actions", headers=bearer(secret)).get_json()["items"][0]
    assert first["supporter"]["email"] == "writer0@example.org" and first["supporter"]["city"] == "Leeds"
    assert first["campaign"] == demo.slug and first["channel"] == "pdf" and first["targets"]
    assert client.get(f"{API}/actions?campaign=nothing", headers=bearer(secret)).status_code == 404
    # The retention purge erases everyone of a campaign closed long ago: the API forgets them too.
    demo.status = CampaignStatus.closed
    demo.closed_at = datetime.now(UTC) - timedelta(days=400)
    db.session.commit()
    purge(datetime.now(UTC), retention_days=30)
    db.session.commit()
    assert client.get(f"{API}/actions", headers=bearer(secret)).get_json()["items"] == []


def test_tokens_are_never_logged(client, organiser, demo, caplog):
    secret = make_token(organiser, ApiScope.actions_read)
    with caplog.at_level(logging.DEBUG):
        client.get(f"{API}/actions", headers=bearer(secret))
        client.get(f"{API}/actions", headers=bearer(secret[:-1] + "A"))
    assert all(secret not in record.getMessage() and secret[4:] not in record.getMessage()
               for record in caplog.records)
    assert all(secret[4:] not in (entry.summary or "") for entry in db.session.scalars(select(AuditEntry)))


def test_a_wrong_token_is_checked_the_same_way_as_a_right_one(app, organiser):
    secret = make_token(organiser, ApiScope.counts_read)
    assert tokens.authenticate(secret) is not None
    for wrong in (secret[:-1] + ("A" if secret[-1] != "A" else "B"), "", "x" * 5000, "uad_\x00", "ü" * 10):
        assert tokens.authenticate(wrong) is None


def test_each_token_has_its_own_limit_with_the_standard_headers(make_app, demo_factory):
    app = make_app(RATELIMIT_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        demo = demo_factory()
        secret = make_token(make_organiser(is_admin=True), ApiScope.counts_read)
        from api.auth import TOKEN_LIMIT
        per_minute = int(TOKEN_LIMIT.split()[0])
        path = f"{API}/campaigns/{demo.slug}/counts/exact"
        for _ in range(per_minute):
            response = client.get(path, headers=bearer(secret))
            assert response.status_code == 200
        assert response.headers["X-RateLimit-Remaining"] == "0"
        refused = client.get(path, headers=bearer(secret))
        assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "rate_limited"
        assert "Retry-After" in refused.headers
        # Another token, from the same visitor, still has its own allowance.
        other = make_token(db.session.scalars(select(ApiToken)).first().organiser, ApiScope.counts_read)
        assert client.get(path, headers=bearer(other)).status_code == 200


@pytest.mark.parametrize("scopes", [[], ["everything"]])
def test_a_token_needs_known_scopes(app, organiser, scopes):
    with pytest.raises(tokens.TokenError):
        tokens.create_token("x", scopes, days=30, actor=Actor.organiser(organiser))


SHEET = Path(__file__).resolve().parent / "fixtures" / "ua_texts" / "international_kazakhstan.txt"


def test_a_campaigns_write_token_adds_a_draft_that_only_an_organiser_can_publish(client, organiser):
    secret = make_token(organiser, ApiScope.campaigns_write)
    response = client.post(f"{API}/campaigns/drafts", json={"text": SHEET.read_text()}, headers=bearer(secret))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "draft" and body["links"]["edit"].startswith("http://127.0.0.1:5000/organisers/")
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == body["slug"]))
    assert campaign.status is CampaignStatus.draft and campaign.is_test_mode
    assert client.get(f"{API}/campaigns/{body['slug']}").status_code == 404
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "campaign.imported")).one()
    assert entry.organiser_email == organiser.email
    again = client.post(f"{API}/campaigns/drafts", json={"text": SHEET.read_text()}, headers=bearer(secret))
    assert again.status_code in (201, 409)  # the importer numbers a second copy, or says it is taken
    for bad in ({}, {"text": ""}, {"text": 5}, {"text": "x" * 200_001}):
        refused = client.post(f"{API}/campaigns/drafts", json=bad, headers=bearer(secret))
        assert refused.status_code in (413, 422), (bad.keys(), refused.status_code)
        if refused.status_code == 422:
            assert refused.get_json()["error"]["fields"]["text"]
    # Reading actions is another scope.
    assert client.get(f"{API}/actions", headers=bearer(secret)).status_code == 403


def test_a_token_stops_with_its_makers_account(client, organiser, demo):
    secret = make_token(organiser, ApiScope.counts_read)
    organiser.is_active = False
    db.session.commit()
    assert client.get(f"{API}/campaigns/{demo.slug}/counts/exact", headers=bearer(secret)).status_code == 401


def test_a_body_larger_than_an_action_is_refused_before_it_is_read(client, demo):
    response = client.post(f"{API}/campaigns/{demo.slug}/actions", json={"name": "x" * 70_000})
    assert response.status_code == 413 and response.get_json()["error"]["code"] == "too_large"
