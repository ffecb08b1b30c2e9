"""The public API: open campaigns, one campaign and its counts, cacheable and open to other sites' scripts."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from extensions import db
from models import Campaign, CampaignStatus, CaseUpdate, UpdateKind
from tests.helpers import action_data

API = "/api/v1"


def add_campaign(number: int, status: CampaignStatus = CampaignStatus.live, **extra) -> Campaign:
    campaign = Campaign(ua_number=f"UA {number}/26", slug=f"ua-{number}-26", title=f"Case {number}", country="TJ",
                        status=status, deadline=date.today() + timedelta(days=30), **extra)
    db.session.add(campaign)
    db.session.commit()
    return campaign


@pytest.fixture
def fresh_client(make_app):
    """A client whose app keeps no copy of a campaign's document: every read sees the database."""
    app = make_app(API_CACHE_SECONDS=0)
    return app.test_client()


def test_one_campaign_has_what_its_page_shows_and_nothing_private(client, demo):
    demo.test_recipient = "organisers-test@example.org"
    demo.background = "Background the organisers wrote."
    db.session.commit()
    response = client.get(f"{API}/campaigns/{demo.slug}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert data["ua_number"] == "UA 118/21" and data["slug"] == demo.slug
    assert data["title"] == demo.title and data["country"] == "TM" and data["summary"] == demo.summary
    assert data["demands"] == [d.text for d in demo.demands]
    assert data["letter_languages"] == ["en", "ru"]
    assert data["is_open"] is True and data["status"] == "live"
    assert [o["id"] for o in data["officials"]] == [t.id for t in demo.ordered_targets]
    first = data["officials"][0]
    assert first["salutation"] and first["kind"] == "primary" and isinstance(first["address_lines"], list)
    assert data["counts"] == {"letters": 0, "goal": demo.goal}
    assert [u["number"] for u in data["updates"]] == sorted((u["number"] for u in data["updates"]), reverse=True)
    assert data["links"]["actions"].endswith(f"{API}/campaigns/{demo.slug}/actions")
    text = response.get_data(as_text=True)
    for private in ("organisers-test@example.org", "test_recipient", "is_test_mode", "source_text",
                    "hourly_email_cap", "revision"):
        assert private not in text


def test_drafts_are_not_found_and_errors_are_json(client, demo):
    draft = add_campaign(900, CampaignStatus.draft)
    for path in (f"{API}/campaigns/{draft.slug}", f"{API}/campaigns/{draft.slug}/counts", f"{API}/campaigns/nothing",
                 f"{API}/no-such-endpoint"):
        response = client.get(path)
        assert response.status_code == 404, path
        error = response.get_json()["error"]
        assert error["code"] in ("campaign_not_found", "not_found") and error["message"] and error["fields"] == {}
        assert response.headers["Cache-Control"] == "no-store"
    response = client.delete(f"{API}/campaigns/{demo.slug}")
    assert response.status_code == 405 and response.get_json()["error"]["code"] == "method_not_allowed"


def test_the_list_has_open_campaigns_only_in_pages_linked_by_signed_cursors(client, demo):
    for number in range(901, 906):
        add_campaign(number)
    add_campaign(906, CampaignStatus.closed)
    add_campaign(907, CampaignStatus.draft)
    late = add_campaign(909)
    late.deadline = date.today() - timedelta(days=1)
    db.session.commit()
    seen, url, pages = [], f"{API}/campaigns?limit=2", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.get_json()
        assert len(page["items"]) <= 2
        seen += [item["slug"] for item in page["items"]]
        url = page["next"] and page["next"].removeprefix("http://127.0.0.1:5000")
        pages += 1
    assert seen == [demo.slug, *(f"ua-{n}-26" for n in range(901, 906))]
    assert pages == 3
    forged = client.get(f"{API}/campaigns?cursor=eyJhZnRlciI6MX0.forged")
    assert forged.status_code == 400 and forged.get_json()["error"]["code"] == "invalid_cursor"
    # A cursor of another list is no cursor here.
    from api.cursors import make_cursor
    other = make_cursor("actions", 1)
    assert client.get(f"{API}/campaigns?cursor={other}").status_code == 400


def test_etag_answers_304_and_changes_with_the_campaign(fresh_client, demo):
    path = f"{API}/campaigns/{demo.slug}"
    first = fresh_client.get(path)
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    again = fresh_client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    demo.title = "TURKMENISTAN: a new title"
    db.session.commit()
    changed = fresh_client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.get_json()["title"] == "TURKMENISTAN: a new title"
    counts = fresh_client.get(f"{path}/counts")
    assert fresh_client.get(f"{path}/counts", headers={"If-None-Match": counts.headers["ETag"]}).status_code == 304


def test_counts_and_updates_show_once_the_copy_is_renewed(fresh_client, demo):
    path = f"{API}/campaigns/{demo.slug}"
    before = fresh_client.get(path).get_json()
    response = fresh_client.post(f"/campaigns/{demo.slug}/write", data=action_data(demo, fresh_client))
    assert response.status_code == 303
    db.session.add(CaseUpdate(campaign_id=demo.id, number=99, kind=UpdateKind.action_continues, title="News",
                              body_markdown="x", body_html="<p>x</p>", published_at=datetime.now(UTC)))
    db.session.commit()
    after = fresh_client.get(path).get_json()
    assert after["counts"]["letters"] == before["counts"]["letters"] + len(demo.targets)
    assert after["updates"][0]["number"] == 99
    counts = fresh_client.get(f"{path}/counts").get_json()
    assert counts["total"] == after["counts"]["letters"]
    assert counts == fresh_client.get(f"/campaigns/{demo.slug}/counts.json").get_json()


def test_public_reads_are_open_to_any_site_without_credentials(client, demo):
    for path in (f"{API}/campaigns", f"{API}/campaigns/{demo.slug}", f"{API}/campaigns/{demo.slug}/counts"):
        response = client.get(path, headers={"Origin": "https://section.example"})
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response.headers
        assert "ETag" in response.headers["Access-Control-Expose-Headers"]
        preflight = client.options(path, headers={"Origin": "https://section.example",
                                                  "Access-Control-Request-Method": "GET",
                                                  "Access-Control-Request-Headers": "If-None-Match"})
        assert preflight.status_code == 200
        assert preflight.headers["Access-Control-Allow-Origin"] == "*"
        assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
        assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]


def test_answers_do_not_vary_with_cookies_nor_set_any(org_client, demo):
    response = org_client.get(f"{API}/campaigns/{demo.slug}")
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "Set-Cookie" not in response.headers


def test_the_visitor_limit_answers_429_as_json_with_the_standard_headers(make_app, demo):
    app = make_app(RATELIMIT_ENABLED=True)
    client = app.test_client()
    from api.routes import VISITOR_LIMIT
    per_minute = int(VISITOR_LIMIT.split()[0])
    for _ in range(per_minute):
        response = client.get(f"{API}/campaigns/{demo.slug}/counts")
        assert response.status_code == 200
    assert int(response.headers["X-RateLimit-Remaining"]) == 0
    assert response.headers["X-RateLimit-Limit"] == str(per_minute)
    refused = client.get(f"{API}/campaigns")
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "rate_limited"
    assert "Retry-After" in refused.headers and "X-RateLimit-Reset" in refused.headers


def test_a_campaign_reached_through_the_api_lists_its_closed_state(client, demo):
    demo.status = CampaignStatus.closed
    db.session.commit()
    data = client.get(f"{API}/campaigns/{demo.slug}").get_json()
    assert data["is_open"] is False and data["status"] == "closed"
    assert client.get(f"{API}/campaigns").get_json()["items"] == []
    assert db.session.scalar(select(Campaign.id).where(Campaign.slug == demo.slug))
