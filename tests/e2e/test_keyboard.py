"""The action form with the keyboard alone (Tab, Space, Enter and typing; no clicks), and how its
errors are announced: a focused summary with role="alert" whose links lead to the fields, and each
field marked invalid and described by its own message."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.flows import PHONE

pytestmark = pytest.mark.browser

MAX_TABS = 120


def focused(page) -> dict:
    return page.evaluate("""() => {
      const el = document.activeElement;
      return {id: el.id, tag: el.tagName.toLowerCase(), type: el.type || '', text: (el.innerText || '').trim(),
              href: el.getAttribute('href') || ''};
    }""")


def tab_to(page, matches, what: str) -> dict:
    """Presses Tab until the focused element matches; fails if the keyboard never gets there."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError(f"Tab never reached {what}")


def tab_to_id(page, element_id: str) -> dict:
    return tab_to(page, lambda e: e["id"] == element_id, f"#{element_id}")


def error_summary(page) -> list[tuple[str, str]]:
    """(link target, message) for each link of the error summary."""
    return page.evaluate("""() => [...document.querySelectorAll('[role=alert] a[href^="#"]')]
        .map(a => [a.getAttribute('href').slice(1), a.innerText.trim()])""")


def check_errors_are_tied_to_their_fields(page) -> list[str]:
    """Every summary link points at a field that is aria-invalid and described by the same message."""
    ids = []
    for target_id, text in error_summary(page):
        ids.append(target_id)
        target = page.locator(f"#{target_id}")
        expect(target).to_have_count(1)
        message = page.locator(f"#{target_id}-error")
        expect(message).to_be_visible()
        assert message.inner_text().strip() in text, (target_id, text)
        assert f"{target_id}-error" in (target.get_attribute("aria-describedby") or "").split()
        if target.evaluate("el => el.tagName.toLowerCase()") == "fieldset":
            # A group: each of its choices is marked invalid.
            for choice in target.locator("input").all():
                assert choice.get_attribute("aria-invalid") == "true", target_id
        else:
            assert target.get_attribute("aria-invalid") == "true", target_id
    return ids


def test_the_action_form_can_be_sent_with_the_keyboard_alone(server, demo_campaign, new_page, shot):
    page = new_page(viewport=PHONE)
    page.goto(server(f"/campaigns/{demo_campaign}"))
    link = tab_to(page, lambda e: e["tag"] == "a" and e["text"] == "Write a letter now", "Write a letter now")
    assert link["href"].endswith("/write")
    page.keyboard.press("Enter")
    expect(page).to_have_url(server(f"/campaigns/{demo_campaign}/write"))

    # Unticking the preselected official with Space, then sending the empty form with Enter.
    first_target = tab_to(page, lambda e: e["type"] == "checkbox" and e["id"].startswith("targets-"), "a target")
    page.keyboard.press("Space")
    assert not page.locator(f"#{first_target['id']}").is_checked()
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Write my letters", "the submit button")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(re.compile(r"Please check these \d+ fields"))
    shot(page, "errors")

    # The summary has the focus (screen readers read it out), and comes before the form.
    expect(page.locator("#error-summary")).to_be_focused()
    invalid = check_errors_are_tied_to_their_fields(page)
    assert {"name", "email", "city", "country", "address_line1", "targets"} <= set(invalid)

    # Its links lead to the fields: Enter on the first one puts the cursor in the name field.
    first_link = tab_to(page, lambda e: e["tag"] == "a", "the first link in the summary")
    assert first_link["href"] == "#name"
    page.keyboard.press("Enter")
    expect(page.locator("#name")).to_be_focused()
    page.keyboard.type("Kim Park")

    for field_id, text in [("email", "kim@example.org"), ("address_line1", "4 Station Road"),
                           ("city", "York"), ("postcode", "YO1 7HH")]:
        tab_to_id(page, field_id)
        page.keyboard.type(text)
    tab_to_id(page, "country")
    page.keyboard.type("United Kingdom")  # a closed list picks the option whose name is typed
    assert page.locator("#country").input_value() == "GB"
    tab_to_id(page, first_target["id"])
    page.keyboard.press("Space")
    assert page.locator(f"#{first_target['id']}").is_checked()
    tab_to_id(page, "wants_updates")
    page.keyboard.press("Space")
    assert page.locator("#wants_updates").is_checked()
    shot(page, "filled with the keyboard")
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Write my letters", "the submit button")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, Kim Park")
    shot(page, "thank you")
    download = tab_to(page, lambda e: e["text"] == "Download my letters (PDF)", "the download link")
    assert download["href"].endswith("/letters.pdf")


def test_each_link_of_the_error_summary_leads_to_its_field(server, demo_campaign, new_page):
    page = new_page()
    page.goto(server(f"/campaigns/{demo_campaign}/write"))
    page.get_by_role("button", name="Write my letters").press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    links = error_summary(page)
    assert len(links) >= 5
    for target_id, _ in links:
        page.locator(f'[role=alert] a[href="#{target_id}"]').focus()
        page.keyboard.press("Enter")
        if page.locator(f"#{target_id}").evaluate("el => el.tagName.toLowerCase()") == "fieldset":
            page.keyboard.press("Tab")  # a group is not focusable itself: the next Tab enters it
            assert page.evaluate(f"() => document.getElementById('{target_id}').contains(document.activeElement)")
        else:
            # Following an in-page link moves focus a moment later: wait for it, within expect's timeout.
            expect(page.locator(f"#{target_id}")).to_be_focused()


def test_a_single_error_is_announced_and_nothing_else_is_marked(server, demo_campaign, new_page):
    page = new_page()
    page.goto(server(f"/campaigns/{demo_campaign}/write"))
    page.get_by_label("Your name").fill("Kim Park")
    page.get_by_label("Your email address").fill("not an address")
    page.get_by_label("Street and number").fill("4 Station Road")
    page.get_by_label("Town or city").fill("York")
    page.get_by_label("Country").select_option("GB")
    page.get_by_label("Your email address").press("Enter")
    expect(page.get_by_role("alert")).to_have_text(re.compile(r"Please check this 1 field\s+Your email address: "
                                                              r"Please enter an email address like name@example.org."))
    assert check_errors_are_tied_to_their_fields(page) == ["email"]
    assert page.locator("[aria-invalid=true]").count() == 1
    assert page.get_by_label("Your name").input_value() == "Kim Park"  # nothing typed is lost
    assert page.get_by_label("Your email address").get_attribute("aria-describedby") == "email-hint email-error"
