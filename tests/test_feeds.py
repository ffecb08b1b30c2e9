"""Atom feeds of case updates: valid Atom 1.0, escaped, published updates of public campaigns only."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

from extensions import db
from models import Campaign, CampaignStatus, CaseUpdate, Subscription, SubscriptionStatus, UpdateKind
from subscriptions.markdown import render_markdown

NS = {"atom": "http://www.w3.org/2005/Atom"}
BASE = "http://127.0.0.1:5000"
NASTY = "<script>alert(\"x\")</script> & 'quoted' \u2014 Тест"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.get_data())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root


def one(element: ET.Element, path: str) -> ET.Element:
    found = element.findall(path, NS)
    assert len(found) == 1, f"{path}: {len(found)} elements"
    return found[0]


def timestamp(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None  # RFC 3339 needs an offset
    return moment


def add_update(campaign: Campaign, number: int, title: str, *, published: bool = True,
               body: str = "Some **news**.", day: int = 1) -> CaseUpdate:
    update = CaseUpdate(campaign_id=campaign.id, number=number, kind=UpdateKind.further_information,
                        title=title, body_markdown=body, body_html=render_markdown(body),
                        published_at=datetime(2026, 1, day, 12, tzinfo=UTC) if published else None)
    db.session.add(update)
    db.session.commit()
    return update


def add_campaign(slug: str, status: CampaignStatus) -> Campaign:
    number = slug.split("-")[1]
    campaign = Campaign(ua_number=f"UA {number}/26", slug=slug, title=f"Case {number}", country="TJ",
                        status=status, deadline=date.today() + timedelta(days=30))
    db.session.add(campaign)
    db.session.commit()
    return campaign


def check_structure(root: ET.Element, *, feed_id: str, self_path: str, alternate_path: str) -> None:
    assert one(root, "atom:id").text == feed_id
    assert one(root, "atom:title").text
    timestamp(one(root, "atom:updated").text)
    links = {link.get("rel"): link for link in root.findall("atom:link", NS)}
    assert links["self"].get("href") == BASE + self_path
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == BASE + alternate_path
    assert one(root, "atom:author/atom:name").text == "UA Desk"
    for entry in root.findall("atom:entry", NS):
        assert one(entry, "atom:id").text.startswith(BASE + "/campaigns/")
        assert one(entry, "atom:title").text
        assert timestamp(one(entry, "atom:updated").text) == timestamp(one(entry, "atom:published").text)
        assert one(entry, "atom:link").get("href") == one(entry, "atom:id").text
        assert one(entry, "atom:content").get("type") == "html"
        assert one(entry, "atom:author/atom:name").text == "UA Desk"


def test_the_campaign_feed_is_atom_with_every_published_update(client, demo):
    root = parse(client.get("/campaigns/ua-118-21/updates.atom"))
    check_structure(root, feed_id=f"{BASE}/campaigns/ua-118-21", self_path="/campaigns/ua-118-21/updates.atom",
                    alternate_path="/campaigns/ua-118-21")
    entries = root.findall("atom:entry", NS)
    assert [one(e, "atom:id").text for e in entries] == [f"{BASE}/campaigns/ua-118-21#update-2",
                                                         f"{BASE}/campaigns/ua-118-21#update-1"]
    assert one(entries[0], "atom:title").text == (
        "UA 118/21: Appeals to the EU before its meeting with Central Asian ministers")
    assert one(root, "atom:updated").text == one(entries[0], "atom:updated").text
    content = one(entries[0], "atom:content").text
    assert "<strong>The action continues</strong>" in content  # the sanitised HTML, escaped once in the XML
    assert one(entries[0], "atom:category").get("term") == "action_continues"
    # The campaign page offers the feed and anchors each update the feed links to.
    page = client.get("/campaigns/ua-118-21").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml" title="Updates on UA 118/21" ' \
           'href="/campaigns/ua-118-21/updates.atom">' in page
    assert 'id="update-2"' in page and 'id="update-1"' in page


def test_titles_and_bodies_are_escaped_and_round_trip(client, demo):
    update = add_update(demo, 3, NASTY, body=f"{NASTY}\n\nbell\x07 and \x0bvertical tab", day=20)
    raw = client.get("/campaigns/ua-118-21/updates.atom").get_data()
    assert b"<script>" not in raw
    root = parse(client.get("/campaigns/ua-118-21/updates.atom"))
    newest = root.findall("atom:entry", NS)[0]
    assert one(newest, "atom:title").text == f"UA 118/21: {NASTY}"
    content = one(newest, "atom:content").text
    assert content == update.body_html.replace("\x07", "").replace("\x0b", "")
    assert "<script>" not in content and "&amp;" in content and "bell and vertical tab" in content


def test_the_all_campaigns_feed_holds_public_published_updates_only(client, demo):
    other = add_campaign("ua-60-26", CampaignStatus.closed)
    draft = add_campaign("ua-61-26", CampaignStatus.draft)
    add_update(other, 1, "Released after a year", day=15)
    add_update(other, 2, "Not published yet", published=False)
    add_update(draft, 1, "Draft campaign's update", day=16)
    db.session.add(Subscription(email="secret.follower@example.org", scope=f"campaign:{demo.id}",
                                campaign_id=demo.id, status=SubscriptionStatus.confirmed))
    db.session.commit()

    response = client.get("/updates.atom")
    root = parse(response)
    check_structure(root, feed_id=f"{BASE}/", self_path="/updates.atom", alternate_path="/")
    titles = [one(e, "atom:title").text for e in root.findall("atom:entry", NS)]
    assert titles == ["UA 60/26: Released after a year",
                      "UA 118/21: Appeals to the EU before its meeting with Central Asian ministers",
                      "UA 118/21: Russian Ministry of Interior says Azat Isakov “flew out” from Domodedovo"]
    assert b"secret.follower" not in response.get_data()
    assert client.get("/campaigns/ua-61-26/updates.atom").status_code == 404
    assert b"Not published yet" not in client.get("/campaigns/ua-60-26/updates.atom").get_data()
    # Every page points feed readers at the all-campaigns feed.
    assert '<link rel="alternate" type="application/atom+xml" title="Case updates from UA Desk" ' \
           'href="/updates.atom">' in client.get("/").get_data(as_text=True)


def test_feeds_with_no_updates_are_still_valid(client):
    add_campaign("ua-62-26", CampaignStatus.live)
    for path in ("/updates.atom", "/campaigns/ua-62-26/updates.atom"):
        root = parse(client.get(path))
        assert root.findall("atom:entry", NS) == []
        timestamp(one(root, "atom:updated").text)
