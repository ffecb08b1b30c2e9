"""A group's evening of letters, in the browser: an organiser invites a coordinator, who chooses a
password through the emailed link, plans an event, downloads its print pack and reports the tally,
which then shows on the public page; and an attendee who scans the pack's QR code on a phone writes
their letters under the event.
"""
from __future__ import annotations

import io
import re
import subprocess

import pypdf
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models import Campaign, EventCase
from tests.e2e.flows import PHONE, log_in, write_letters
from tests.e2e.mail import links_in, mail_to
from tests.e2e.people import create_organiser

pytestmark = pytest.mark.browser

PASSWORD = "a kettle of cheerful letters"


def _invite_coordinator(page, server, smtp_sink, outbox_worker) -> str:
    """The organiser makes the group and invites Kim; returns the link from Kim's inbox."""
    log_in(page, server, "ana@example.org")
    page.get_by_role("navigation", name="Organisers").get_by_role("link", name="Groups").click()
    page.get_by_role("link", name="Add a group").click()
    page.get_by_label("Name of the group").fill("Leeds Central Group")
    page.get_by_label("Town").fill("Leeds")
    page.get_by_label("Country").select_option("GB")
    page.get_by_role("button", name="Create the group").click()
    expect(page.get_by_role("status")).to_contain_text("The group Leeds Central Group is created")
    page.get_by_label("Coordinator’s email address").fill("kim@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("The invitation is on its way to kim@example.org")
    page.get_by_role("button", name="Log out").click()
    invitation = mail_to(smtp_sink, "kim@example.org", subject_contains="coordinate Leeds Central Group")[-1]
    return next(url for url in links_in(invitation, server.url) if "/organisers/welcome/" in url)


def test_a_coordinator_plans_an_evening_prints_its_pack_and_reports_the_tally(
        server, smtp_sink, outbox_worker, in_app, demo_campaign, new_page, audit, shot, tmp_path):
    in_app(lambda: create_organiser("ana@example.org"))
    page = new_page()
    link = _invite_coordinator(page, server, smtp_sink, outbox_worker)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Leeds Central Group")
    audit(page, "coordinator's welcome")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password again").fill(PASSWORD)
    page.get_by_role("button", name="Save my password and log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events of Leeds Central Group")
    # A coordinator's menu holds their events only, and the editor is closed to them.
    nav = page.get_by_role("navigation", name="Organisers")
    expect(nav.get_by_role("link", name="Campaigns")).to_have_count(0)
    assert page.request.get(server("/organisers/campaigns/new")).status == 403
    page.goto(server("/organisers/"))  # the site header's "Organisers" leads a coordinator to their events
    expect(page).to_have_url(server("/organisers/events"))

    page.get_by_role("link", name="Plan an event").click()
    page.get_by_label("Title").fill("Write for Rights at the library")
    page.get_by_label("Date").fill("2026-12-10")
    page.get_by_label("How many writers you expect").fill("12")
    page.get_by_label("Place (optional)").fill("Central Library, Leeds")
    page.get_by_label(re.compile(r"UA 118/21: .*letters in English")).check()
    audit(page, "plan an event")
    page.get_by_role("button", name="Save the event").click()
    expect(page.get_by_role("status")).to_contain_text("The event is saved.")
    shot(page, "the event")

    page.get_by_role("link", name="Print the pack").click()
    audit(page, "print the pack")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("pack", re.I)).click()
    pdf = download.value.path().read_bytes()
    texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert sum("(UA 118/21)" in text for text in texts) == 12 * 2  # twelve writers, two officials

    page.goto(server("/organisers/events"))
    page.get_by_role("link", name="Write for Rights at the library").click()
    page.get_by_role("link", name="Report what was written").click()
    for field in page.get_by_label(re.compile("^Letters to ")).all():
        field.fill("11")
    page.get_by_label("Solidarity cards").fill("9")
    audit(page, "tally")
    page.get_by_role("button", name="Save the tally").click()
    expect(page.get_by_role("status")).to_contain_text("the tally is saved")
    shot(page, "the event after its tally")

    public = new_page()
    public.goto(server(f"/campaigns/{demo_campaign}"))
    expect(public.locator(".progress-text")).to_contain_text("22 letters so far")
    counts = public.request.get(server(f"/campaigns/{demo_campaign}/counts.json")).json()
    assert counts["events"]["letters"] == 22 and counts["events"]["cards"] == 9
    audit.assert_clean()


def test_an_attendee_scans_the_packs_qr_code_and_writes_under_the_event(
        server, smtp_sink, outbox_worker, in_app, demo_campaign, new_page, tmp_path):
    from events import pack, services
    from organisers.audit import COMMAND_LINE

    def plan():
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == demo_campaign))
        event = services.create_event(services.EventData(
            title="School assembly", held_on=campaign.deadline, expected_writers=2,
            cases=[services.CaseChoice(campaign.id, "en")]), group=None, actor=COMMAND_LINE)
        db.session.flush()
        out = io.BytesIO()
        with server.app.test_request_context():
            pack.write_pack(out, event)
        return event.id, out.getvalue()

    event_id, pdf = in_app(plan)
    texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    summary = next(number for number, text in enumerate(texts, start=1) if "Writing from your phone?" in text)
    png = subprocess.run(["pdftoppm", "-r", "200", "-f", str(summary), "-l", str(summary), "-gray", "-png", "-"],
                         input=pdf, capture_output=True, check=True).stdout
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert code.text.startswith(server(f"/campaigns/{demo_campaign}/write?event="))

    phone = new_page(viewport=PHONE)
    write_letters(phone, server, demo_campaign, channel="pdf", email="attendee@example.org", name="Sam Attendee",
                  url=code.text)
    online = in_app(lambda: db.session.scalar(select(EventCase.online_actions)
                                              .where(EventCase.event_id == event_id)))
    assert online == 1


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box, locator
    return box


def test_in_arabic_the_event_pages_and_the_tally_table_read_from_the_right(server, in_app, demo_campaign, new_page,
                                                                          audit):
    """The pages of an evening in Arabic, laid out by Chromium: the page is right to left, the table of what
    each event wrote starts its first column at the right, the tally form's labels stand at the right of
    their fields' row, and the arrow back points the way the page reads."""
    from datetime import date as day

    from events.groups import GroupData, create_group
    from events.services import CaseChoice, EventData, create_event
    from events.tally import CaseTally, report_tally
    from organisers.audit import COMMAND_LINE

    def plan():
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == demo_campaign))
        group = create_group(GroupData(name="Leeds Central Group", town="Leeds", country="GB"), COMMAND_LINE)
        event = create_event(EventData(title="Write for Rights evening", held_on=day.today(), expected_writers=20,
                                       cases=[CaseChoice(campaign.id)]), group=group, actor=COMMAND_LINE)
        db.session.flush()
        report_tally(event, [CaseTally(event.cases[0].id, letters={campaign.targets[0].id: 12}, cards=3)],
                     confirmed=True, actor=COMMAND_LINE)
        return event.id, campaign.id
    event_id, campaign_id = in_app(plan)
    in_app(lambda: create_organiser("ana@example.org"))
    page = new_page()
    log_in(page, server, "ana@example.org")
    page.goto(server(f"/language/ar?next=/organisers/events/{event_id}"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")

    # The arrow back points right, the way back in a page read from the right.
    expect(page.locator(".card-meta .back-arrow")).to_have_text("→")
    heading, main = _box(page.get_by_role("heading", level=1)), _box(page.locator("main"))
    assert heading["x"] + heading["width"] > main["x"] + main["width"] - 80  # the title starts at the right

    # The tally form: each field's label at the right of its row, the first field at the right.
    page.goto(server(f"/organisers/events/{event_id}/tally"))
    fields = page.locator("fieldset .row-2").first.locator(".field")
    first, label = _box(fields.nth(0)), _box(fields.nth(0).locator("label"))
    assert label["x"] + label["width"] >= first["x"] + first["width"] - 4
    if fields.count() > 1:
        assert _box(fields.nth(1))["x"] < first["x"]

    # The campaign's table of events: its first column (the date) on the right, numbers at their cells' start.
    page.goto(server(f"/organisers/campaigns/{campaign_id}#events"))
    table = page.locator("#events table")
    cells = table.locator("tbody tr").first.locator("td")
    date_cell, last_cell = _box(cells.first), _box(cells.last)
    assert date_cell["x"] > last_cell["x"]
    assert cells.last.evaluate("element => getComputedStyle(element).textAlign") in ("end", "left")

    # The front page's chart and its table of months, the months' column on the right.
    page.goto(server("/organisers/"))
    expect(page.locator("#events-over-time svg.chart")).to_have_count(2)
    page.locator("#events-over-time summary").click()
    row = page.locator("#events-over-time tbody tr").last
    assert _box(row.locator("th"))["x"] > _box(row.locator("td").last)["x"]
    audit(page, "front page with the events chart, in Arabic")
