"""Steps several browser tests take: writing letters, logging in, waiting for something to be true."""
from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.people import PASSWORD

# A phone held upright, and a laptop.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHANNELS = {"pdf": "Print and post", "email": "Email — sent for you", "mailto": "My own email app"}


def write_letters(page, server, slug: str, *, channel: str, email: str, name: str = "Jane Doe",
                  url: str | None = None) -> str:
    """Fills the action form as a supporter and sends it; returns the thank-you page's address.
    `url`: the form's address as given (a QR code's), rather than the campaign's own."""
    page.goto(url or server(f"/campaigns/{slug}/write"))
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Street and number").fill("1 High Street")
    page.get_by_label("Town or city").fill("Leeds")
    page.get_by_label("Country").select_option("GB")
    page.get_by_role("radio", name=re.compile(CHANNELS[channel])).check()
    page.get_by_role("button", name="Write my letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Thank you, {name}")
    return page.url


def log_in(page, server, email: str, password: str = PASSWORD) -> None:
    page.goto(server("/organisers/login"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Organisers")).to_be_visible()


def eventually(check, *, timeout: float = 15.0, what: str = "the condition"):
    """Polls `check` until it returns something true (for work done by the delivery thread)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen")
        time.sleep(0.05)
