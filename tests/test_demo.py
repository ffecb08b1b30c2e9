"""The UA 118/21 demo and the public pages: every fact of the case sheet shown, drafts hidden, pages safe."""
from __future__ import annotations

import html
import re
import secrets
from datetime import UTC, date, datetime, timedelta

import pytest
from flask_mail import Message
from sqlalchemy import func, select

from campaigns import demo as demo_data
from campaigns.actions import take_action
from campaigns.submission import Submission, SupporterDetails
from extensions import db
from formatting import long_date
from models import Campaign, CampaignStatus, Channel, Demand, PersonAtRisk
from outbox.transport import Envelope, FileMailbox

DEMO_PAGE = "/campaigns/ua-118-21"
XSS = "<script>alert(1)</script>"
SUPPORTER = SupporterDetails(name="Jane Example", email="jane.example@example.org",
                             address_line1="12 Rose Street", address_line2="Flat 3", city="Leeds",
                             postcode="LS1 1AA", country="GB")


def visible_text(response) -> str:
    """The page's words: tags dropped, entities decoded, whitespace collapsed."""
    without_tags = re.sub(r"<[^>]+>", "", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(without_tags))


def row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def add_campaign(number: int, **fields) -> Campaign:
    values = dict(ua_number=f"UA {number}/26", slug=f"ua-{number}-26", title=f"Case number {number}",
                  country="TJ", summary="A short summary.", status=CampaignStatus.live,
                  deadline=date.today() + timedelta(days=30))
    values.update(fields)
    campaign = Campaign(**values)
    db.session.add(campaign)
    db.session.commit()
    return campaign


def write_one_pdf_letter(campaign: Campaign) -> None:
    take_action(campaign, Submission(SUPPORTER, target_ids=[campaign.primary_targets[0].id], channel=Channel.pdf,
                                     language="en", form_nonce=secrets.token_hex(16)), today=date.today())
    db.session.commit()


def index_sections(client) -> tuple[str, str]:
    """The home page's open list and its closed list, as text."""
    text = visible_text(client.get("/"))
    open_part, _, closed_part = text.partition("Closed actions")
    return open_part, closed_part


# `flask demo load`

def test_demo_load_creates_ua_118_21(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Loaded UA 118/21" in result.output
    campaign = db.session.scalar(select(Campaign).where(Campaign.ua_number == "UA 118/21"))
    assert campaign.slug == "ua-118-21"
    assert campaign.status is CampaignStatus.live
    assert campaign.is_test_mode is True
    assert campaign.is_open(date.today())
    assert len(campaign.primary_targets) == 1 and len(campaign.copy_targets) == 1


def test_demo_load_twice_changes_nothing(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    before = row_counts()
    assert before["campaigns"] == 1 and before["case_updates"] == 2

    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code == 0, again.output
    assert "already there" in again.output
    assert row_counts() == before


def test_demo_load_if_empty_leaves_a_database_with_campaigns_alone(app):
    add_campaign(7)
    result = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "not loaded" in result.output
    assert db.session.scalars(select(Campaign.ua_number)).all() == ["UA 7/26"]


def test_demo_load_if_empty_loads_into_an_empty_database(app):
    result = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(Campaign.ua_number)).all() == ["UA 118/21"]


# The campaign page

def test_campaign_page_shows_every_fact_of_the_case_sheet(client, demo):
    response = client.get(DEMO_PAGE)
    assert response.status_code == 200
    text = visible_text(response)
    facts = [
        "UA 118/21", "Turkmenistan: Opposition activist at risk of torture", "Azat Isakov", "(he/him)",
        "Turkmenistan", "test mode",
        *demo_data.DEMANDS,
        # The target, as the sheet's "Write to:" gives it.
        "Gurbanguly Berdimuhamedov", "President of Turkmenistan",
        "The Permanent Mission of Turkmenistan to the United Nations",
        "866 UN Plaza, Suite 540", "New York, NY 10017", "+1 212 486 25 21",
        "turkmenistan@un.int", "go.saparov@gmail.com", "Dear President,",
        # The copy, as the sheet's "And copy" gives it.
        "His Excellency Meret Orazov", "Embassy of the Republic of Turkmenistan",
        "2207 Massachusetts Avenue NW", "Washington, DC 20008", "+1 202 588 1500", "+1 202 588 0697",
        "turkmen@mindspring.com",
        "English, Russian",
        f"Please act by {long_date(demo.deadline)}",
        "urgentaction@amnesty.ca", "“Keep me updated on UA 118/21” in the subject line",
        *(update["title"] for update in demo_data.UPDATES),
    ]
    missing = [fact for fact in facts if fact not in text]
    assert missing == []


def test_campaign_page_shows_summary_and_background(client, demo):
    text = visible_text(client.get(DEMO_PAGE))
    paragraphs = [p for p in (demo_data.SUMMARY + "\n\n" + demo_data.BACKGROUND).split("\n\n") if p.strip()]
    assert [p for p in paragraphs if p not in text] == []


def test_campaign_page_puts_the_target_before_the_copy(client, demo):
    text = visible_text(client.get(DEMO_PAGE))
    order = [text.index(part) for part in
             ("Write to", "President of Turkmenistan", "And send a copy to", "Meret Orazov")]
    assert order == sorted(order)


def test_updates_link_asks_for_the_right_subject(client, demo):
    page = client.get(DEMO_PAGE).get_data(as_text=True)
    assert 'href="mailto:urgentaction@amnesty.ca?subject=Keep%20me%20updated%20on%20UA%20118/21"' in page


# The home page

def test_home_page_lists_the_demo_as_open_with_its_letter_count(client, demo):
    write_one_pdf_letter(demo)
    open_part, closed_part = index_sections(client)
    assert "UA 118/21" in open_part and demo.title in open_part
    assert "1 letter so far of a goal of 5,000" in open_part
    assert "UA 118/21" not in closed_part


def test_draft_campaign_is_neither_listed_nor_shown(client, demo):
    add_campaign(9, title="A draft nobody may see yet", status=CampaignStatus.draft)
    assert "A draft nobody may see yet" not in client.get("/").get_data(as_text=True)
    assert client.get("/campaigns/ua-9-26").status_code == 404
    assert client.get("/campaigns/ua-9-26/counts.json").status_code == 404


def test_campaign_past_its_deadline_is_listed_as_closed(client, demo):
    deadline = date.today() - timedelta(days=1)
    add_campaign(10, title="A case whose deadline passed", deadline=deadline)
    open_part, closed_part = index_sections(client)
    assert "A case whose deadline passed" in closed_part
    assert "A case whose deadline passed" not in open_part

    text = visible_text(client.get("/campaigns/ua-10-26"))
    assert f"This action is closed: the deadline ({long_date(deadline)}) has passed" in text
    assert "Write a letter now" not in text


def test_closed_campaign_is_listed_as_closed_with_its_reason(client, demo):
    add_campaign(11, title="A case that was closed", status=CampaignStatus.closed,
                 closed_reason="released on 3 March")
    _, closed_part = index_sections(client)
    assert "A case that was closed" in closed_part and "released on 3 March" in closed_part

    response = client.get("/campaigns/ua-11-26")
    assert response.status_code == 200
    assert "This action is closed: released on 3 March" in visible_text(response)


def test_unknown_campaign_is_a_404_page_in_the_site_layout(client):
    response = client.get("/campaigns/nope")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert 'class="site-header"' in page and 'class="site-footer"' in page
    assert "Page not found" in visible_text(response)
    assert 'href="/"' in page


# Counts

def test_counts_json_holds_aggregates_and_no_personal_data(client, demo):
    write_one_pdf_letter(demo)
    response = client.get(f"{DEMO_PAGE}/counts.json")
    assert response.status_code == 200
    data = response.json
    assert set(data) == {"total", "by_state", "by_channel", "by_target", "by_country", "by_day",
                         "by_channel_state", "ua_number", "goal", "events"}
    assert data["total"] == 1 and data["goal"] == 5000 and data["ua_number"] == "UA 118/21"
    assert data["by_country"] == {"other": 1}  # no country is named for one letter (tests/test_public_counts.py)

    def keys(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)

    personal_keys = {"name", "email", "address", "address_line1", "address_line2", "city", "postcode",
                     "supporter", "supporters", "supporter_id", "personal_message"}
    assert personal_keys.isdisjoint(keys(data))
    body = response.get_data(as_text=True)
    for value in (SUPPORTER.name, SUPPORTER.email, SUPPORTER.address_line1, SUPPORTER.city, SUPPORTER.postcode):
        assert value not in body


# Safety of the pages

def test_organiser_text_is_escaped(client):
    campaign = add_campaign(12, title=f"Title {XSS}", summary=f"Summary {XSS}")
    campaign.people = [PersonAtRisk(name=f"Person {XSS}")]
    campaign.demands = [Demand(text=f"Demand {XSS}")]
    db.session.commit()
    for path in ("/", "/campaigns/ua-12-26"):
        page = client.get(path).get_data(as_text=True)
        assert XSS not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("path", ["/", DEMO_PAGE, f"{DEMO_PAGE}/counts.json", "/campaigns/nope"])
def test_security_headers(client, demo, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", DEMO_PAGE, "/campaigns/nope"])
def test_pages_need_no_inline_script_or_style(client, demo, path):
    # The policy forbids inline code, so any of it would silently stop working in browsers.
    page = client.get(path).get_data(as_text=True)
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None
    assert re.search(r"<style\b|\sstyle=|\son[a-z]+=", page) is None


# The local mailbox page

@pytest.fixture
def one_mail(app, mailbox):
    message = Message(subject="A message in the local mailbox", recipients=["jane@example.org"],
                      body="Hello", sender="actions@uadesk.invalid")
    with FileMailbox(str(mailbox)) as transport:
        transport.send(Envelope("bounces@uadesk.invalid", ("jane@example.org",), message.as_bytes()))


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_mailbox_page_answers_on_this_machine(client, one_mail, address):
    response = client.get("/dev/mailbox/", environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 200
    assert "A message in the local mailbox" in visible_text(response)


def test_mailbox_page_shows_when_each_mail_was_sent_as_people_write_it(client, mailbox):
    sent = datetime(2026, 11, 23, 14, 5, tzinfo=UTC).timestamp()
    message = Message(subject="Dated", recipients=["jane@example.org"], body="Hello", sender="actions@uadesk.invalid",
                      date=sent)
    with FileMailbox(str(mailbox)) as transport:
        transport.send(Envelope("bounces@uadesk.invalid", ("jane@example.org",), message.as_bytes()))
    assert "23 Nov 2026, 14:05 UTC" in visible_text(client.get("/dev/mailbox/"))


def test_mailbox_page_is_hidden_from_other_machines(client, one_mail, mailbox):
    remote = {"REMOTE_ADDR": "203.0.113.5"}
    assert client.get("/dev/mailbox/", environ_base=remote).status_code == 404
    [name] = [path.name for path in mailbox.glob("*.eml")]
    assert client.get(f"/dev/mailbox/{name}").status_code == 200
    assert client.get(f"/dev/mailbox/{name}", environ_base=remote).status_code == 404


def test_mailbox_page_is_gone_when_a_mail_server_is_set(make_app, one_mail):
    client = make_app(MAIL_SERVER="smtp.example.org").test_client()
    assert client.get("/dev/mailbox/").status_code == 404
