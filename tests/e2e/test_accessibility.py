"""axe-core on every public and organiser page, in the states people meet them: empty, with errors,
after each step. No serious or critical violation may remain, and no page may be left out."""
from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models import Campaign, CampaignStatus, Subscription, SubscriptionStatus
from subscriptions.tokens import make_token
from tests.e2e.axe import axe_violations
from tests.e2e.flows import DESKTOP, PHONE, eventually, log_in, write_letters
from tests.e2e.mail import confirmation_link, links_in, mail_to
from tests.e2e.people import create_organiser
from tests.helpers import sheet_with_words_to_review

pytestmark = pytest.mark.browser


# Routes that answer with something other than a page for people: files, feeds, JSON, redirects.
NOT_PAGES = {
    "static", "theme_css", "campaigns.counts", "campaigns.address_format", "campaigns.download",
    "campaigns.open_mail_app", "campaigns.old_confirmation_link", "i18n.choose",
    "subscriptions.campaign_feed", "subscriptions.all_campaigns_feed", "subscriptions.country_feed",
    "subscriptions.theme_feed", "subscriptions.leave",
    "subscriptions.leave_all", "subscriptions.erase", "outbox.bounces",
    "organisers.logout", "organisers.preview_as_pdf", "organisers.export_letters", "organisers.event_poster",
    "organisers.export_campaign_subscribers", "organisers.export_subscribers",
    # The email's own HTML, shown sandboxed: it is checked as an email, not as a page of the site.
    "organisers.preview_email_html",
    # The API answers JSON to programs; its reference page (api.docs) is a page and is checked.
    "api.campaigns", "api.campaign", "api.campaign_counts", "api.exact_counts", "api.actions", "api.openapi_json",
}
# The file mailbox answers only when no SMTP server is set; these tests send through one.
NOT_SERVED_HERE = {"mailbox.index", "mailbox.show"}


def page_endpoints(app, prefix: str | None) -> set[str]:
    """Every route people can open with GET, public (prefix None) or the organisers'."""
    endpoints = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES | NOT_SERVED_HERE:
            continue
        is_organisers = rule.endpoint.startswith("organisers.")
        if (prefix == "organisers.") == is_organisers:
            endpoints.add(rule.endpoint)
    return endpoints


def unsubscribe_link(server, email: str) -> str:
    """The one-click link an update email would carry for this follower."""
    subscription = db.session.scalar(select(Subscription).where(Subscription.email == email))
    return server(f"/u/{make_token('subscriber', subscription.id, email)}")


def digest_link(server, email: str) -> str:
    """The stop link a weekly digest would carry, for a new digest follower of every case."""
    subscription = Subscription(email=email, scope="all", status=SubscriptionStatus.confirmed, is_digest=True)
    db.session.add(subscription)
    db.session.flush()
    return server(f"/u/digest/{make_token('digest', subscription.id, email)}")


def set_campaign_status(in_app, slug: str, status: CampaignStatus) -> None:
    def change():
        db.session.scalar(select(Campaign).where(Campaign.slug == slug)).status = status
    in_app(change)


def test_every_public_page_passes_axe(server, outbox_worker, smtp_sink, demo_campaign, in_app, new_page, audit):
    page = new_page()
    page.goto(server("/"))
    audit(page, "home")
    page.goto(server(f"/campaigns/{demo_campaign}"))
    audit(page, "campaign")
    page.goto(server(f"/campaigns/{demo_campaign}/write"))
    audit(page, "write form")
    page.get_by_role("button", name="Write my letters").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit(page, "write form with errors")

    pdf_action = write_letters(page, server, demo_campaign, channel="pdf", email="pdf@example.org")
    audit(page, "thank you, pdf")
    code = page.locator("p", has_text="type the code").locator("strong").inner_text()
    page.goto(pdf_action + "/posted")
    audit(page, "posted?")
    page.get_by_role("button", name="Yes, I have posted them").click()
    expect(page.get_by_role("status")).to_be_visible()
    audit(page, "thank you, posted")

    page.goto(server("/posted"))
    audit(page, "posted by code")
    page.get_by_label("Code").fill("NOPE")
    page.get_by_role("button", name="Mark as posted").click()
    audit(page, "posted by code, wrong code")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Mark as posted").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    audit(page, "posted by code, done")

    email_action = write_letters(page, server, demo_campaign, channel="email", email="mail@example.org")
    audit(page, "thank you, email")
    page.goto(confirmation_link(smtp_sink, server, "mail@example.org"))
    audit(page, "confirm letters")
    page.get_by_role("button", name=re.compile("Confirm and send")).click()
    expect(page.get_by_role("status")).to_be_visible()
    audit(page, "letters confirmed")
    page.goto(email_action)
    audit(page, "thank you, email confirmed")

    write_letters(page, server, demo_campaign, channel="mailto", email="app@example.org")
    page.get_by_text("Or copy the text").first.click()
    audit(page, "thank you, mail app")

    page.goto(server("/subscribe"))
    audit(page, "subscribe")
    page.get_by_role("button", name="Follow", exact=True).click()
    audit(page, "subscribe with errors")
    page.get_by_label("Your email address").fill("follow@example.org")
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()
    audit(page, "subscribe, check your inbox")
    confirmation, = mail_to(smtp_sink, "follow@example.org", subject_contains="Please confirm")
    page.goto(next(url for url in links_in(confirmation, server.url) if "/subscriptions/confirm/" in url))
    audit(page, "confirm subscription")
    page.get_by_role("button", name="Yes, send me updates").click()
    audit(page, "subscription confirmed")
    page.get_by_role("link", name=re.compile("See what you follow")).click()
    audit(page, "manage subscriptions")
    page.goto(in_app(lambda: unsubscribe_link(server, "follow@example.org")))
    audit(page, "stop these updates?")
    page.get_by_role("button", name="Stop these updates").click()
    audit(page, "unsubscribed")
    page.goto(server("/subscriptions/manage"))
    audit(page, "ask for a manage link")
    page.get_by_role("button").filter(has_text=re.compile("link|Send", re.I)).last.click()
    audit(page, "ask for a manage link, with errors")
    page.get_by_label("Your email address").fill("follow@example.org")
    page.get_by_role("button").filter(has_text=re.compile("link|Send", re.I)).last.click()
    manage_mail, = mail_to(smtp_sink, "follow@example.org", subject_contains="Your case updates")
    page.goto(next(url for url in links_in(manage_mail, server.url) if "/subscriptions/manage/" in url))
    audit(page, "open a manage link")
    page.get_by_role("button", name="Show my subscriptions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your subscriptions")

    page.goto(in_app(lambda: digest_link(server, "digest@example.org")))
    audit(page, "stop the weekly digest?")
    page.get_by_role("button", name="Stop these updates").click()
    audit(page, "digest stopped")

    page.goto(server("/privacy/erase"))
    audit(page, "erase your data")
    page.get_by_role("button", name="Send me the link").click()
    audit(page, "erase your data, with errors")
    page.get_by_label("Your email address").fill("pdf@example.org")
    page.get_by_role("button", name="Send me the link").click()
    audit(page, "erase, link sent")
    erase_mail, = mail_to(smtp_sink, "pdf@example.org", subject_contains="")
    page.goto(next(url for url in links_in(erase_mail, server.url) if "/privacy/erase/" in url))
    audit(page, "erase, confirm")
    page.get_by_role("button").last.click()
    audit(page, "erased")

    page.goto(server("/api/v1/docs"))
    audit(page, "API reference")

    widget = server(f"/campaigns/{demo_campaign}/widget")
    page.goto(widget)
    audit(page, "widget")
    page.get_by_role("button", name="Write my letters").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit(page, "widget with errors")
    write_letters(page, server, demo_campaign, channel="pdf", email="widget@example.org", url=widget)
    audit(page, "widget, thank you")

    page.goto(server("/no-such-page"))
    audit(page, "404")
    page.goto(server("/a/not-a-real-link"))
    audit(page, "link problem")
    page.goto(server(f"/campaigns/{demo_campaign}/subscribe"))
    audit(page, "405")

    set_campaign_status(in_app, demo_campaign, CampaignStatus.closed)
    page.goto(server(f"/campaigns/{demo_campaign}"))
    audit(page, "closed campaign")
    page.goto(server(f"/campaigns/{demo_campaign}/write"))
    audit(page, "closed campaign's form")

    phone = new_page(viewport=PHONE)
    for path in ("/", f"/campaigns/{demo_campaign}"):
        phone.goto(server(path))
        audit(phone, f"phone {path}")

    audit.assert_clean()
    assert page_endpoints(server.app, None) <= audit.endpoints, (
        "public pages no test showed to axe: " + ", ".join(sorted(page_endpoints(server.app, None) - audit.endpoints)))


def test_arabic_pages_pass_axe_right_to_left(server, demo_campaign, new_page, audit):
    """Chosen with the switcher, the Arabic interface runs right to left, on a phone and a desk."""
    write = f"/campaigns/{demo_campaign}/write"
    for viewport in (DESKTOP, PHONE):
        page = new_page(viewport=viewport)
        page.goto(server(f"/campaigns/{demo_campaign}"))
        page.locator(".language-switcher summary").click()
        page.locator('.language-switcher a[lang="ar"]').click()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert urlsplit(page.url).path == f"/campaigns/{demo_campaign}"  # back on the page it was chosen from
        for path in ("/", f"/campaigns/{demo_campaign}", write, "/subscribe", "/privacy/erase"):
            page.goto(server(path))
            expect(page.locator("html")).to_have_attribute("lang", "ar")
            audit(page, f"arabic {viewport['width']}px {path}")
        page.goto(server(write))
        page.locator("form.form button[type=submit]").click()
        expect(page.locator("#error-summary")).to_be_visible()
        audit(page, f"arabic {viewport['width']}px form with errors")
        page.goto(server(f"/campaigns/{demo_campaign}/widget?lang=ar"))
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        audit(page, f"arabic {viewport['width']}px widget")
    audit.assert_clean()


def test_every_organiser_page_passes_axe(server, outbox_worker, smtp_sink, demo_campaign, in_app, new_page, audit):
    in_app(lambda: create_organiser("ana@example.org"))
    demo_id = in_app(lambda: db.session.scalar(select(Campaign.id).where(Campaign.slug == demo_campaign)))
    supporter = new_page(viewport=PHONE)
    write_letters(supporter, server, demo_campaign, channel="pdf", email="one@example.org")
    write_letters(supporter, server, demo_campaign, channel="email", email="two@example.org")
    supporter.goto(confirmation_link(smtp_sink, server, "two@example.org"))
    smtp_sink.reply = "550 5.1.1 No such mailbox"  # so the dashboard lists failed emails too
    supporter.get_by_role("button", name=re.compile("Confirm and send")).click()

    page = new_page()
    page.goto(server("/organisers/login"))
    audit(page, "login")
    page.get_by_label("Email address").fill("ana@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    audit(page, "login refused")
    log_in(page, server, "ana@example.org")
    audit(page, "campaigns")

    campaign = f"/organisers/campaigns/{demo_id}"
    eventually(lambda: page.goto(server(campaign)) and page.get_by_role("heading", name="Failed emails").count(),
               what="the refused email letter to be listed as failed")
    smtp_sink.reply = None
    audit(page, "dashboard, live with letters")
    page.goto(server("/organisers/emails"))
    audit(page, "all email, with a failed one")
    for path, name in [("/edit", "editor"), ("/letters", "letters"), ("/letters/new", "new letter"),
                       ("/letters/en", "letter in English"), ("/letters/en/preview", "preview"),
                       ("/close", "close"), ("/test-mode/off", "test mode off"), ("/duplicate", "duplicate"),
                       ("/updates/new", "post an update"), ("/replies/new", "record a reply"),
                       ("/updates/1", "an update, to correct or withdraw")]:
        page.goto(server(campaign + path))
        audit(page, name)
    page.get_by_label("Title", exact=True).fill("")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit(page, "an update, to correct, with errors")
    for path, name in [("/updates/new", "post an update, with errors"), ("/replies/new", "record a reply, with errors"),
                       ("/test-mode/off", "test mode off, with errors"), ("/duplicate", "duplicate, with errors")]:
        page.goto(server(campaign + path))
        page.locator("main form.form button[type=submit]").last.click()
        # The page with its errors, not the form still on its way out: a screenshot of that one fails.
        expect(page.get_by_role("alert")).to_be_visible()
        audit(page, name)
    page.goto(server(campaign + "/edit"))
    page.get_by_label("Title", exact=True).fill("")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit(page, "editor, with errors")
    for endpoint, path in [("organisers.held", campaign + "/held"), ("organisers.blocked", "/organisers/blocked")]:
        if endpoint in server.app.view_functions:  # the email channel's abuse controls
            page.goto(server(path))
            audit(page, endpoint)

    page.goto(server("/organisers/campaigns/new"))
    audit(page, "new campaign")
    page.get_by_role("button", name="Save").first.click()
    audit(page, "new campaign, with errors")
    page.goto(server("/organisers/campaigns/import"))
    audit(page, "import")
    page.get_by_role("button", name="Make a draft").click()
    audit(page, "import, with errors")
    page.get_by_label("Paste the UA text").fill(sheet_with_words_to_review())
    page.get_by_role("button", name="Make a draft").click()
    expect(page.get_by_role("heading", name="Text the importer could not place")).to_be_visible()
    audit(page, "editor after import")
    # The sheet's deadline has passed; with a new one, the draft has only warnings left to confirm.
    page.get_by_label("Take action until").fill((date.today() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save").first.click()
    page.get_by_role("link", name=re.compile("dashboard")).first.click()
    audit(page, "dashboard, draft")
    page.get_by_role("link", name="Publish…").click()
    audit(page, "publish checklist")
    page.get_by_role("button", name="Publish the campaign").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    audit(page, "publish checklist, with errors")

    walk_groups_and_events(page, server, smtp_sink, audit)

    page.goto(server("/organisers/password"))
    audit(page, "password")
    page.get_by_role("button", name="Save my password").click()
    audit(page, "password, with errors")
    page.goto(server("/organisers/admin/organisers"))
    audit(page, "organisers")
    page.goto(server("/organisers/admin/organisers/new"))
    audit(page, "add an organiser")
    page.get_by_role("button", name="Create the account").click()
    audit(page, "add an organiser, with errors")
    page.get_by_label("Email address").fill("bo@example.org")
    page.get_by_role("button", name="Create the account").click()
    audit(page, "one-time password")
    page.goto(server("/organisers/admin/audit"))
    audit(page, "audit log")
    page.goto(server("/organisers/admin/api-tokens"))
    audit(page, "API tokens")
    page.get_by_role("button", name="Make the token").click()
    audit(page, "API tokens, with errors")
    page.get_by_label("What it is for").fill("Website of the Leeds group")
    page.get_by_label("Read exact letter counts", exact=False).check()
    page.get_by_role("button", name="Make the token").click()
    audit(page, "a new API token")
    page.get_by_role("link", name="Back to the API tokens").click()
    audit(page, "API tokens, one made")
    page.goto(server("/organisers/webhooks"))
    audit(page, "webhooks, none yet")
    page.goto(server("/organisers/webhooks/new"))
    audit(page, "add a webhook")
    page.get_by_label("Address (URL) that receives the events").fill("ftp://not a webhook")
    page.get_by_role("button", name="Add the webhook").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit(page, "add a webhook, with errors")
    # A public address written as digits, so nothing is looked up; removed again before any event.
    page.get_by_label("Address (URL) that receives the events").fill("https://93.184.215.14/hook")
    page.get_by_role("button", name="Add the webhook").click()
    audit(page, "a webhook's signing secret")
    page.get_by_role("link", name="Open the webhook").click()
    audit(page, "a webhook and its deliveries")
    page.goto(server("/organisers/webhooks"))
    audit(page, "webhooks, one added")
    page.get_by_role("link", name="93.184.215.14").first.click()
    page.get_by_role("button", name="Remove").click()
    audit(page, "webhooks, one removed")
    page.goto(server("/organisers/campaigns/99999"))
    audit(page, "organiser 404")

    audit.assert_clean()
    assert page_endpoints(server.app, "organisers.") <= audit.endpoints, (
        "organiser pages no test showed to axe: "
        + ", ".join(sorted(page_endpoints(server.app, "organisers.") - audit.endpoints)))


def walk_groups_and_events(page, server, smtp_sink, audit) -> None:
    """Groups, a coordinator's invitation, an event, its pack form and its tally, each shown to axe."""
    page.goto(server("/organisers/groups"))
    audit(page, "groups")
    page.get_by_role("link", name="Add a group").click()
    page.get_by_role("button", name="Create the group").click()
    audit(page, "add a group, with errors")
    page.get_by_label("Name of the group").fill("Leeds Central Group")
    page.get_by_role("button", name="Create the group").click()
    audit(page, "a group")
    page.get_by_role("button", name="Send the invitation").click()
    audit(page, "a group, invitation with errors")
    page.get_by_label("Coordinator’s email address").fill("kim@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    page.goto(server("/organisers/events"))
    audit(page, "events")
    page.get_by_role("link", name="Plan an event").click()
    page.get_by_role("button", name="Save the event").click()
    audit(page, "plan an event, with errors")
    page.get_by_label("Title").fill("Write for Rights")
    page.get_by_label("Date").fill(date.today().isoformat())
    page.get_by_label("How many writers you expect").fill("30")
    page.locator("#cases input[type=checkbox]").first.check()
    page.get_by_role("button", name="Save the event").click()
    audit(page, "an event")
    page.get_by_role("link", name="Print the pack").click()
    audit(page, "print the pack")
    page.go_back()
    page.get_by_role("link", name="Report what was written").click()
    audit(page, "tally")
    page.get_by_label(re.compile("^Letters to ")).first.fill("-3")
    page.get_by_role("button", name="Save the tally").click()
    audit(page, "tally, with errors")
    invitation = mail_to(smtp_sink, "kim@example.org", subject_contains="coordinate")[-1]
    welcome = next(url for url in links_in(invitation, server.url) if "/organisers/welcome/" in url)
    stranger = page.context.browser.new_page()
    try:
        stranger.goto(welcome)
        audit(stranger, "a coordinator's welcome")
        stranger.get_by_role("button", name="Save my password and log in").click()
        audit(stranger, "a coordinator's welcome, with errors")
        stranger.goto(server("/organisers/welcome/not-a-real-link"))
        audit(stranger, "a spent invitation")
    finally:
        stranger.close()


def test_the_check_finds_problems_when_there_are_some(new_page, axe_source):
    """The walks above prove nothing if the check cannot fail: a page with known problems."""
    page = new_page()
    page.set_content('<html><body><main><img src="data:image/png;base64,iVBORw0KGgo="><a href="#x"></a>'
                     '<label>Name</label><input id="n"></main></body></html>')
    found = {violation["id"] for violation in axe_violations(page, axe_source)}
    assert {"image-alt", "link-name", "html-has-lang", "document-title"} <= found
