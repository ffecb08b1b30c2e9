"""The organisers' front page over the whole network: letters written at events and groups that held them,
month by month (a chart and the same figures as a table), who follows new cases, and each new case's alert
as it is emailed."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from events.groups import GroupData, create_group
from events.services import CaseChoice, EventData, create_event
from events.tally import CaseTally, report_tally
from extensions import db
from models import Campaign, CampaignStatus, SubscriptionStatus
from organisers.audit import COMMAND_LINE
from organisers.services import duplicate_campaign
from tests.test_alerts import ACTOR, follower, new_case, run_jobs


def _months_ago(months: int, day: int = 12) -> date:
    today = date.today()
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, min(day, today.day) if months == 0 else day)


def _tallied_event(demo, group, held_on: date, letters: int, cards: int = 0):
    event = create_event(EventData(title=f"Evening {held_on}", held_on=held_on, expected_writers=50,
                                   cases=[CaseChoice(demo.id)]), group=group, actor=COMMAND_LINE)
    db.session.flush()
    case = event.cases[0]
    report_tally(event, [CaseTally(case.id, letters={demo.targets[0].id: letters}, cards=cards)],
                 confirmed=True, actor=COMMAND_LINE)
    db.session.commit()
    return event


def _table_rows(page: str) -> dict[str, list[str]]:
    table = page[page.index('id="events-over-time"'):page.index('id="followers"')]
    rows = re.findall(r'<tr><th scope="row"><time datetime="([0-9-]+)">[^<]+</time></th>(.*?)</tr>', table)
    return {month: re.findall(r'<td class="num">([^<]*)</td>', cells) for month, cells in rows}


def test_the_front_page_charts_letters_at_events_and_active_groups_by_month(org_client, demo):
    leeds = create_group(GroupData(name="Leeds Central Group", town="Leeds", country="GB"), COMMAND_LINE)
    bradford = create_group(GroupData(name="Bradford Students", town="Bradford", country="GB"), COMMAND_LINE)
    two_months_ago = _months_ago(2)
    _tallied_event(demo, leeds, two_months_ago, letters=40, cards=12)
    _tallied_event(demo, leeds, two_months_ago.replace(day=20), letters=25)  # the same group twice: one group
    _tallied_event(demo, bradford, two_months_ago, letters=10)
    _tallied_event(demo, bradford, _months_ago(0), letters=7)
    _tallied_event(demo, bradford, _months_ago(13), letters=999)  # more than a year ago: not shown

    page = org_client.get("/organisers/").get_data(as_text=True)
    # Two charts drawn on the server, each with a title of its own for screen readers.
    assert page.count('<svg class="chart"') == 2
    assert 'aria-labelledby="event-letters-chart-title"' in page
    assert 'aria-labelledby="active-groups-chart-title"' in page
    assert "Letters written at events, by month</title>" in page
    month_name = f"{two_months_ago:%B %Y}"
    assert f"<title>{month_name}: 75 letters</title>" in page
    assert f"<title>{month_name}: 2 groups held an event</title>" in page
    assert "https://" not in page.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]  # nothing fetched

    # The same figures as a table: twelve months, the quiet ones at zero.
    rows = _table_rows(page)
    assert len(rows) == 12
    assert rows[f"{two_months_ago:%Y-%m}"] == ["3", "75", "12", "2"]   # events, letters, cards, groups
    assert rows[f"{_months_ago(0):%Y-%m}"] == ["1", "7", "0", "1"]
    assert rows[f"{_months_ago(1):%Y-%m}"] == ["0", "0", "0", "0"]
    # The old event's 999 letters show nowhere, as a number of its own (a random token may hold the digits).
    assert f"{_months_ago(13):%Y-%m}" not in rows and not re.search(r"(?<![\w-])999(?![\w-])", page)


def test_without_events_the_front_page_says_what_will_show_there(org_client, demo):
    page = org_client.get("/organisers/").get_data(as_text=True)
    assert '<svg class="chart"' not in page and "No event in the last twelve months." in page


def test_the_front_page_counts_who_follows_new_cases_by_country_and_theme(org_client, demo):
    follower("ana@example.org", "new")
    follower("ana@example.org", "country:TM")
    follower("ben@example.org", "country:TM", is_digest=True)
    follower("cai@example.org", "country:TJ")
    follower("dee@example.org", "theme:death-penalty")
    follower("eve@example.org", "new", status=SubscriptionStatus.pending)  # not confirmed: not counted
    follower("fay@example.org", f"campaign:{demo.id}")                       # one case, not new ones

    page = org_client.get("/organisers/").get_data(as_text=True)
    section = page[page.index('id="followers"'):]
    assert "4 people are told when a new case goes live." in section
    assert "1 subscription reads of them in the weekly digest instead." in section
    figures = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', section))
    assert figures == {"Every new case": "1", "In Turkmenistan": "2", "In Tajikistan": "1",
                       "About death penalty": "1"}


def test_a_new_cases_alert_shows_its_audience_before_publishing_and_its_progress_after(org_client, demo):
    for index in range(3):
        follower(f"f{index}@example.org", "new")
    follower("tm@example.org", "country:TM")
    follower("digest@example.org", "new", is_digest=True)  # hears of it in the digest, not by this email
    draft = duplicate_campaign(demo, ua_number="UA 8/26", title="Another case", actor=ACTOR, today=date.today())
    draft.country = "TM"
    db.session.commit()
    assert draft.status is CampaignStatus.draft
    page = org_client.get(f"/organisers/campaigns/{draft.id}").get_data(as_text=True)
    assert "When you publish this case, 4 people following new cases" in page

    campaign = new_case(demo)
    queued = org_client.get(f"/organisers/campaigns/{campaign.id}").get_data(as_text=True)
    alert = queued[queued.index('id="alert"'):queued.index('id="updates"')]
    assert '<progress max="1" value="0">' in alert and "Emailing followers: 0" in alert
    run_jobs()
    done = org_client.get(f"/organisers/campaigns/{campaign.id}").get_data(as_text=True)
    alert = done[done.index('id="alert"'):done.index('id="updates"')]
    assert '<progress max="4" value="4">' in alert and "Emailed to 4 followers" in alert
    # The demo was live before any alert: its dashboard says none went.
    demo_page = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "No alert was sent for this case." in demo_page
    assert db.session.scalar(select(Campaign.id).where(Campaign.ua_number == "UA 7/26")) == campaign.id
