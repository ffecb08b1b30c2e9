"""Who can see that someone wrote: nobody in public, and not even organisers see where they live.

A supporter's name, email and street address are what a hostile state would want. These tests
write letters through every channel with details found nowhere else, then read every page a
stranger or an organiser can open and check those details are not on it.
"""
from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import action_data

WRITE = "/campaigns/ua-118-21/write"
NAME = "Zhyldyz Qvarnström"
EMAIL = "zhyldyz.q@example.net"
STREET = "17 Quillwort Crescent"
POSTCODE = "ZE3 9XW"  # a real shape (postcodes are checked), on no page


@pytest.fixture
def written(client, demo):
    """Letters through each channel, a follower, and a public reply, all from one supporter."""
    for number, channel in enumerate(("pdf", "email", "mailto")):
        response = client.post(WRITE, data=action_data(
            demo, client, name=NAME, email=EMAIL.replace("@", f"+{number}@"), address_line1=STREET,
            postcode=POSTCODE, channel=channel, wants_updates="y",
            personal_message="Please release him."))
        assert response.status_code == 303, response.get_data(as_text=True)
    return demo


def _assert_nothing_personal(body: str, where: str) -> None:
    for detail in (NAME, "Zhyldyz", "zhyldyz.q", STREET, "Quillwort", POSTCODE):
        assert detail not in body, f"{detail!r} is on {where}"


def test_no_public_page_or_feed_shows_who_wrote(app, written):
    stranger = app.test_client()
    for path in ("/", "/campaigns/ua-118-21", WRITE, "/campaigns/ua-118-21/counts.json",
                 "/campaigns/ua-118-21/updates.atom", "/updates.atom", "/subscribe", "/posted", "/privacy/erase"):
        response = stranger.get(path)
        assert response.status_code == 200, path
        _assert_nothing_personal(response.get_data(as_text=True), path)


def _organiser_pages(app, campaign_id: int) -> list[str]:
    values = {"campaign_id": campaign_id, "language": "en", "visibility": "show", "change": "reset"}
    paths = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("organisers.") or "GET" not in (rule.methods or ()):
            continue
        arguments = {name: values.get(name, 1) for name in rule.arguments}
        paths.append(rule.build(arguments)[1])
    return sorted(paths)


def test_organiser_pages_and_exports_never_show_where_a_supporter_lives(app, org_client, written):
    paths = _organiser_pages(app, written.id)
    assert f"/organisers/campaigns/{written.id}" in paths and len(paths) > 10
    for path in paths:
        # Exports stream: `buffered` reads them inside the request's context, as a server does.
        response = org_client.get(path, buffered=True)
        assert response.status_code in (200, 302, 303, 404), (path, response.status_code)
        body = response.get_data(as_text=True) if response.mimetype != "application/pdf" else ""
        for detail in (STREET, "Quillwort", POSTCODE):
            assert detail not in body, f"{detail!r} is on {path}"
    letters = org_client.get(f"/organisers/campaigns/{written.id}/export/letters.csv", buffered=True)
    assert letters.status_code == 200 and date.today().isoformat() in letters.get_data(as_text=True)
    _assert_nothing_personal(letters.get_data(as_text=True), "the letters export")


def test_the_api_shows_nobody_who_wrote_and_organisers_tokens_never_where_they_live(app, client, written):
    from api.tokens import create_token
    from extensions import db
    from models import ApiScope, Organiser
    from organisers.audit import Actor
    from tests.helpers import make_organiser

    stranger = app.test_client()
    for path in ("/api/v1/campaigns", "/api/v1/campaigns/ua-118-21", "/api/v1/campaigns/ua-118-21/counts",
                 "/api/v1/openapi.json", "/api/v1/docs"):
        response = stranger.get(path)
        assert response.status_code == 200, path
        _assert_nothing_personal(response.get_data(as_text=True), path)
    organiser = db.session.scalar(db.select(Organiser)) or make_organiser()
    _token, secret = create_token("CRM", list(ApiScope.ALL), days=1, actor=Actor.organiser(organiser))
    db.session.commit()
    response = stranger.get("/api/v1/actions", headers={"Authorization": f"Bearer {secret}"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and NAME in body  # the scope is for names and emails
    for detail in (STREET, "Quillwort", POSTCODE):
        assert detail not in body, f"{detail!r} is in /api/v1/actions"
