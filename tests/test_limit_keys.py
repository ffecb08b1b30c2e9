"""Per-address rate limits: counted per inbox, under a keyed fingerprint a shared Redis cannot reverse."""
from __future__ import annotations

import hashlib

import pytest

from extensions import limiter
from limit_keys import address_limit_key

JANE = "jane@gmail.com"
ALIAS = "J.Ane+x@googlemail.com"  # the same inbox, spelt another way


def test_the_key_is_keyed_with_the_secret_and_names_the_inbox(make_app):
    app = make_app()
    with app.app_context():
        key = address_limit_key("erase-email", JANE)
        assert key.startswith("erase-email:") and len(key) == len("erase-email:") + 32
        # Not a plain hash, which anyone could match by hashing guessed addresses.
        assert key.split(":", 1)[1] not in {hashlib.sha256(JANE.encode()).hexdigest()[:32],
                                            hashlib.sha256(ALIAS.lower().encode()).hexdigest()[:32]}
        assert address_limit_key("erase-email", ALIAS) == key
        assert address_limit_key("erase-email", " JANE@GMAIL.COM ") == key
        assert address_limit_key("erase-email", "june@gmail.com") != key
        # Two limits' counters for one address cannot be matched with each other.
        assert address_limit_key("login-email", JANE).split(":", 1)[1] != key.split(":", 1)[1]
        assert address_limit_key("erase-email", "x" * 100_000 + "@example.org").startswith("erase-email:")
    with make_app(SECRET_KEY="another installation's key").app_context():
        assert address_limit_key("erase-email", JANE) != key


# What each form posts, and the scope its per-address limit counts under.
FORMS = {
    "login": ("/organisers/login", {"password": "a wrong password"}, "login-email"),
    "erasure": ("/privacy/erase", {}, "erase-email"),
    "following": ("/campaigns/ua-118-21/subscribe", {"follow": "ua-118-21"}, "email"),
}
@pytest.mark.parametrize("form", ["login", "erasure", "following"])
def test_aliases_of_one_inbox_share_one_counter_that_holds_no_address(app, demo, make_app, form):
    path, data, scope = FORMS[form]
    limited = make_app(RATELIMIT_ENABLED=True)
    client = limited.test_client()
    for email in (ALIAS, JANE):
        assert client.post(path, data={**data, "email": email}).status_code in (200, 303, 400)
    with limited.app_context():
        expected = address_limit_key(scope, JANE)
    counters = {key: n for key, n in limiter.storage.storage.items() if f"/{scope}:" in key}
    assert counters and all(f"/{expected}/" in key for key in counters), sorted(counters)
    assert set(counters.values()) == {2}
    assert not [key for key in limiter.storage.storage if "@" in key or "gmail" in key.lower()]
