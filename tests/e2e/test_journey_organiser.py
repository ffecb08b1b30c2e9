"""An organiser: logs in, imports a UA sheet, fixes a field, previews the letter, publishes in test
mode, posts a case update and sees letters on the dashboard's chart."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.flows import PHONE
from tests.e2e.people import PASSWORD, create_organiser
from tests.helpers import sheet_with_words_to_review

pytestmark = pytest.mark.browser



def log_in(page, server, email: str) -> None:
    page.goto(server("/organisers/"))
    expect(page).to_have_url(re.compile(r"/organisers/login\?next="))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(server("/organisers/"))  # back where they were going
    expect(page.get_by_role("navigation", name="Organisers")).to_be_visible()


def test_an_organiser_imports_publishes_and_updates_a_campaign(server, outbox_worker, in_app, new_page, shot):
    in_app(lambda: create_organiser("ana@example.org"))
    page = new_page()
    page.goto(server("/organisers/"))
    shot(page, "login")
    log_in(page, server, "ana@example.org")
    shot(page, "campaigns")

    page.get_by_role("navigation", name="Organisers").get_by_role("link", name="Import a UA").click()
    page.get_by_label("Paste the UA text").fill(sheet_with_words_to_review())
    shot(page, "import")
    page.get_by_role("button", name="Make a draft").click()
    expect(page.get_by_role("status")).to_contain_text("Imported UA 131/26 as a draft")
    title = page.get_by_label("Title", exact=True)
    expect(title).to_have_value("Kazakhstan: Journalist Held for Reporting on a Strike")
    shot(page, "editor after import")

    # The sheet's deadline is the day it was written for; the organiser gives the action a month.
    deadline = date.today() + timedelta(days=30)
    title.fill("Kazakhstan: Journalist held for reporting on a strike")
    page.get_by_label("Take action until").fill(deadline.isoformat())
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    expect(title).to_have_value("Kazakhstan: Journalist held for reporting on a strike")
    expect(page.get_by_label("Take action until")).to_have_value(deadline.isoformat())
    shot(page, "editor saved")

    page.get_by_role("link", name=re.compile(r"UA 131\/26: dashboard")).click()
    page.get_by_role("link", name="Letters", exact=True).click()
    shot(page, "letters")
    page.get_by_role("link", name="Preview").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: English letter")
    body = page.locator("pre.mail-body")
    expect(body).to_contain_text("Dana Serikbayeva")
    expect(body).to_contain_text("Alex Sample")
    expect(page.locator("dl.headers")).to_contain_text("test mode")
    shot(page, "preview")
    pdf_link = page.get_by_role("link", name="Open the printed letter (PDF)").get_attribute("href")
    pdf = page.request.get(server(pdf_link))
    assert pdf.headers["content-type"] == "application/pdf"
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Dana Serikbayeva" in pdf_text and "Alex Sample" in pdf_text

    page.get_by_role("link", name="The letter in English", exact=True).click()
    page.get_by_role("navigation", name="Organisers").get_by_role("link", name="Campaigns").click()
    page.get_by_role("link", name=re.compile("Journalist held for reporting")).first.click()
    expect(page.get_by_text("No letters yet.")).to_be_visible()
    # The sheet asks for letters in Kazakh or Russian, and has only the English one; a line of it was
    # not placed. Publishing lists these, and each needs its tick.
    expect(page.get_by_text("To confirm when publishing:")).to_be_visible()
    page.get_by_role("link", name="Publish…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish UA 131/26")
    ticks = page.locator('input[name="confirmed"]')
    expect(ticks).to_have_count(3)
    shot(page, "publish checklist")
    page.get_by_role("button", name="Publish the campaign").click()
    expect(page.get_by_text("Tick this box to publish anyway, or fix it first.")).to_have_count(3)
    for tick in ticks.all():
        tick.check()
    page.get_by_role("button", name="Publish the campaign").click()
    expect(page.get_by_role("status")).to_have_text(
        "UA 131/26 is live in test mode: letters by email go to the test address.")
    shot(page, "published")

    # A supporter writes, on their phone, in a browser of their own.
    supporter = new_page(viewport=PHONE)
    supporter.goto(server("/"))
    supporter.get_by_role("link", name="Kazakhstan: Journalist held for reporting on a strike").click()
    expect(supporter.get_by_text("test mode")).to_be_visible()
    supporter.get_by_role("link", name="Write a letter now").click()
    supporter.get_by_label("Your name").fill("Chidi Okafor")
    supporter.get_by_label("Your email address").fill("chidi@example.org")
    supporter.get_by_label("Street and number").fill("3 Mill Lane")
    supporter.get_by_label("Town or city").fill("Bristol")
    supporter.get_by_label("Country").select_option("GB")
    supporter.get_by_role("button", name="Write my letters").click()
    expect(supporter.get_by_role("heading", level=1)).to_have_text("Thank you, Chidi Okafor")
    shot(supporter, "a supporter wrote")

    page.get_by_role("link", name="Post an update").click()
    page.get_by_label("Kind of update").select_option(index=1)
    page.get_by_label("Title").fill("Moved to a detention centre in Aktobe")
    page.get_by_label("What happened").fill(
        "Her lawyer saw her on **20 November**. She is well, and thanks everyone who wrote.")
    shot(page, "update form")
    page.get_by_role("button", name="Publish and email followers").click()
    expect(page.get_by_role("status")).to_contain_text("Update 1 is published")
    expect(page.locator("#updates")).to_contain_text("Moved to a detention centre in Aktobe")

    chart = page.get_by_role("img", name="Letters per day for UA 131/26")
    expect(chart).to_be_visible()
    assert chart.locator("rect.chart-bar").count() >= 1
    expect(chart.locator("rect.chart-bar title").last).to_have_text(re.compile(r": 1 letter$"))
    letters = page.get_by_role("table", name="By channel and state")
    expect(letters.get_by_role("row", name=re.compile("pdf"))).to_contain_text("1")
    shot(page, "dashboard with chart")

    page.goto(server("/"))
    page.get_by_role("link", name="Kazakhstan: Journalist held for reporting on a strike").click()
    expect(page.get_by_role("heading", name="Moved to a detention centre in Aktobe")).to_be_visible()
    expect(page.locator(".update-body strong")).to_have_text("20 November")
    shot(page, "public page with the update")
