"""Web defences that hold everywhere: CSRF on every form, headers, cookies, no inline code."""
from __future__ import annotations

import re

import pytest
from werkzeug.routing.converters import AnyConverter, IntegerConverter, NumberConverter

# Called by machines that cannot hold a CSRF token; each is authorised another way.
CSRF_EXEMPT = {
    "outbox.bounces",               # the mail server, with its bearer token
    "subscriptions.unsubscribe",    # RFC 8058 one-click from mail clients, with a signed token
    "subscriptions.stop_digest",    # the same, for the weekly digest
    # The JSON API reads no cookie at all (api/base.py), so a forged request has no session to ride on.
    "api.take_action",              # anyone may act, with the form's own checks and limits
    "api.import_draft",             # an organiser's API token, in the Authorization header
}


def _post_endpoints(app) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or ()) or rule.endpoint in CSRF_EXEMPT:
            continue
        values = {arg: _sample(rule._converters[arg]) for arg in rule.arguments}
        found.append((rule.endpoint, rule.build(values, append_unknown=False)[1]))
    return sorted(found)


def _sample(converter) -> str:
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "1" if isinstance(converter, (IntegerConverter, NumberConverter)) else "x"


def test_every_form_refuses_a_post_without_its_csrf_token(csrf_app, demo):
    client = csrf_app.test_client()
    endpoints = _post_endpoints(csrf_app)
    assert ("campaigns.write", "/campaigns/x/write") in endpoints
    for endpoint, path in endpoints:
        path = path.replace("/campaigns/x/", "/campaigns/ua-118-21/")
        response = client.post(path, data={"email": "a@example.org"})
        assert response.status_code == 400, f"{endpoint} ({path}) answered {response.status_code}"


def test_a_form_with_its_token_goes_through(csrf_app, demo):
    client = csrf_app.test_client()
    html = client.get("/campaigns/ua-118-21/write").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    nonce = re.search(r'name="form_nonce" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post("/campaigns/ua-118-21/write", data=dict(
        csrf_token=token, form_nonce=nonce, name="Jane", email="jane@example.org", address_line1="1 St",
        city="Leeds", country="GB", targets=[t.id for t in demo.targets], channel="pdf", language="en"))
    assert response.status_code == 303


@pytest.mark.parametrize("path", ["/", "/campaigns/ua-118-21", "/campaigns/ua-118-21/write", "/nope"])
def test_pages_carry_the_security_headers(client, demo, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # only when served over HTTPS


def test_https_deployments_get_hsts_and_secure_cookies(make_app, demo):
    app = make_app(SESSION_COOKIE_SECURE=True, WTF_CSRF_ENABLED=True)  # the CSRF token needs a session
    response = app.test_client().get("/campaigns/ua-118-21/write", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = response.headers.get("Set-Cookie", "")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
