"""The address fields refit themselves when the supporter chooses a country (static/js/address.js)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOWN = "() => [...document.querySelectorAll('[data-address-field]:not([hidden])')].map(e => e.dataset.addressField)"


def test_choosing_a_country_fits_the_address_fields_to_it(server, demo_campaign, new_page, shot):
    page = new_page()
    page.goto(server(f"/campaigns/{demo_campaign}/write"))
    assert page.evaluate(SHOWN) == ["address_line1", "address_line2", "city", "region", "postcode"]

    page.get_by_label("Country").select_option("US")
    expect(page.locator("label[for=region]")).to_have_text("State")
    expect(page.locator("label[for=postcode]")).to_have_text("ZIP code")
    page.get_by_label("State", exact=True).select_option("IL")
    shot(page, "United States")

    page.get_by_label("Country").select_option("DE")
    expect(page.locator("[data-address-field=region]")).to_be_hidden()
    assert page.evaluate(SHOWN) == ["address_line1", "address_line2", "postcode", "city"]  # "10115 Berlin"
    expect(page.locator("label[for=postcode]")).to_have_text("Postcode")

    page.get_by_label("Country").select_option("JP")
    expect(page.locator("label[for=region]")).to_have_text("Prefecture")
    expect(page.locator("[data-address-field=city]")).to_be_hidden()
    assert page.evaluate(SHOWN) == ["postcode", "region", "address_line1", "address_line2"]
    page.get_by_label("Prefecture", exact=True).select_option("東京都")
    page.get_by_label("Your name").fill("Hana Example")
    page.get_by_label("Your email address").fill("hana@example.org")
    page.get_by_label("Street, number and town").fill("1-1 Chiyoda, Chiyoda-ku")
    page.get_by_label("Postcode").fill("100-0001")
    shot(page, "Japan")
    page.get_by_role("button", name="Write my letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, Hana Example")
