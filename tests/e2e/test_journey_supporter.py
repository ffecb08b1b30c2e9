"""A supporter on a phone: reads UA 118/21, prints letters and reports them posted, then writes by
email, confirms from the caught mail, and the letter reaches the test recipient, never an official."""
from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import official_addresses
from tests.e2e.flows import PHONE
from tests.e2e.mail import links_in, mail_to, text_of

pytestmark = pytest.mark.browser


def letters_so_far(page) -> int:
    text = page.get_by_role("group", name="Letters toward the goal").first.inner_text()
    return int(re.search(r"([\d,]+)\s+letters?\s+so far", text).group(1).replace(",", ""))


def fill_action_form(page, *, name: str, email: str, street: str, city: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Street and number").fill(street)
    page.get_by_label("Town or city").fill(city)
    page.get_by_label("Postcode").fill("LS1 1AA")
    page.get_by_label("Country").select_option("GB")
    page.get_by_label("A few words of your own").fill("I think of Azat Isakov and his family every day.")


def test_a_supporter_prints_posts_and_emails_letters_from_a_phone(server, outbox_worker, smtp_sink, demo_campaign,
                                                                    new_page, shot):
    page = new_page(viewport=PHONE)
    page.goto(server("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Urgent actions")
    shot(page, "home")

    page.get_by_role("link", name=re.compile("Opposition Activist At Risk", re.I)).first.click()
    expect(page).to_have_url(server(f"/campaigns/{demo_campaign}"))
    expect(page.get_by_text("UA 118/21").first).to_be_visible()
    before = letters_so_far(page)
    shot(page, "campaign page")

    # --- a PDF to print, sign and post ---
    page.get_by_role("link", name="Write a letter now").click()
    fill_action_form(page, name="Aylin Kaya", email="aylin@example.org", street="12 Park Row", city="Leeds")
    page.get_by_role("radio", name=re.compile("Print and post")).check()
    shot(page, "form filled for pdf")
    page.get_by_role("button", name="Write my letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, Aylin Kaya")
    shot(page, "thank you pdf")
    summary = page.get_by_text(re.compile(r"^\d+ letters?:")).inner_text()
    letter_count = int(re.match(r"\d+", summary).group(0))
    assert letter_count >= 1

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my letters (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"letters-{demo_campaign}.pdf"
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(download.path().read_bytes())).pages)
    for expected in ("Aylin Kaya", "12 Park Row", "Leeds", "Azat Isakov", "I think of Azat Isakov"):
        assert expected in pdf_text, expected
    assert "President" in pdf_text

    page.get_by_role("button", name="I have posted my letters").click()
    expect(page.get_by_role("status")).to_contain_text("counted as posted")
    shot(page, "posted")

    page.get_by_role("link", name=re.compile(r"^UA 118\/21: ")).click()
    after_pdf = letters_so_far(page)
    assert after_pdf == before + letter_count
    counts = page.request.get(server(f"/campaigns/{demo_campaign}/counts.json")).json()
    assert counts["total"] == after_pdf
    shot(page, "counter after posting")

    # --- an email, sent once the supporter confirms their address ---
    page.get_by_role("link", name="Write a letter now").click()
    fill_action_form(page, name="Bo Lindqvist", email="bo@example.org", street="", city="Malmö")
    page.get_by_role("radio", name=re.compile("Email — sent for you")).check()
    page.get_by_role("button", name="Write my letters").click()
    expect(page.get_by_role("heading", name="One more step: check your inbox")).to_be_visible()
    thank_you = page.url
    shot(page, "check your inbox")
    page.goto(server(f"/campaigns/{demo_campaign}"))
    assert letters_so_far(page) == after_pdf, "unconfirmed email letters are not counted"

    confirmation, = mail_to(smtp_sink, "bo@example.org", subject_contains="Please confirm")
    assert "Bo Lindqvist" in text_of(confirmation)
    link, = [url for url in links_in(confirmation, server.url) if "/confirm/" in url]
    page.goto(link)
    # Before anything leaves in Bo's name, the page shows each letter: recipient, subject, full text.
    expect(page.get_by_role("heading", level=2)).to_have_count(letter_count)
    expect(page.locator(".mail-body").first).to_contain_text("Bo Lindqvist")
    shot(page, "confirm page")
    page.get_by_role("button", name=re.compile("Confirm and send")).click()
    expect(page.get_by_role("status")).to_contain_text("your letters are on their way")
    expect(page.get_by_text("This link has done its work")).to_be_visible()
    shot(page, "letters confirmed")
    page.goto(thank_you)
    expect(page.get_by_role("heading", name="Your emails are on their way")).to_be_visible()
    expect(page.get_by_text("the emails go to the organisers, not to the officials")).to_be_visible()
    shot(page, "emails on their way")

    test_recipient = server.app.config["TEST_MODE_RECIPIENT"]
    letters = mail_to(smtp_sink, test_recipient, subject_contains="[TEST]", count=letter_count)
    for letter in letters:
        assert letter.message["Subject"].startswith("[TEST] ")
        assert "Bo Lindqvist" in text_of(letter) and "Malmö" in text_of(letter)
    with smtp_sink.lock:
        everyone = {address.lower() for item in smtp_sink.received for address in item.rcpt_tos}
    assert not everyone & official_addresses()

    page.goto(server(f"/campaigns/{demo_campaign}"))
    assert letters_so_far(page) == after_pdf + letter_count
    shot(page, "counter after email")
