"""The action widget embedded in another site's page, in a browser that blocks third-party cookies.

A host page on one loopback origin (http://localhost:…) embeds the widget served by the app on another
(http://127.0.0.1:…), which for the browser is another site. A supporter writes printed letters and
downloads them, then writes by email and confirms from the caught mail, all inside the frame; the frame
grows to its content; a page on a site the organisers did not list cannot show it at all.
"""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from extensions import db
from models import Campaign
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.flows import CHANNELS, PHONE, eventually
from tests.e2e.mail import links_in, mail_to, text_of
from widget.sites import counts_by_site

pytestmark = pytest.mark.browser

# The cookie a frame sets to show whether the browser keeps it: SameSite=None and Secure, as a
# cookie must be to work in another site's frame at all.
PROBE = "document.cookie = 'probe=1; SameSite=None; Secure; Path=/'; document.cookie"


class HostSite:
    """Another site's web server on loopback, serving one page: `html` with {desk} and {slug} filled in."""

    def __init__(self, html: str) -> None:
        page = html

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = page.format(**self.server.values).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.values = {}
        # "localhost", not 127.0.0.1: the same machine, but another site than the app's for the browser.
        self.origin = f"http://localhost:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.thread.join(10)


SCRIPT_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Our section</title></head>
<body><h1>Our section's news</h1><p>Please write for Azat Isakov:</p>
<script src="{desk}/static/widget.js" data-campaign="{slug}" data-lang="en" async></script>
<p id="after">After the widget.</p></body></html>"""
TWO_WIDGETS_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Our section</title></head>
<body><script src="{desk}/static/widget.js" data-campaign="{slug}" data-lang="{lang}" async></script>
<script src="{desk}/static/widget.js" data-campaign="{slug}" data-lang="{lang}" data-title="Our appeal" async></script>
</body></html>"""
FRAME_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not listed</title></head>
<body><iframe id="widget" src="{desk}/campaigns/{slug}/widget" title="Widget"></iframe></body></html>"""


@pytest.fixture
def host_sites():
    sites = []

    def start(html: str) -> HostSite:
        site = HostSite(html)
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.close()


@pytest.fixture
def browser_profile(tmp_path, playwright_driver):
    """A Chromium profile set as a careful person sets theirs: "Block third-party cookies"."""
    contexts = []

    def launch(*, block_third_party_cookies: bool):
        profile = tmp_path / f"profile-{len(contexts)}"
        (profile / "Default").mkdir(parents=True)
        # Chromium's own setting behind "Block third-party cookies" (1), or "Allow" (0).
        mode = 1 if block_third_party_cookies else 0
        (profile / "Default" / "Preferences").write_text(json.dumps({"profile": {"cookie_controls_mode": mode}}))
        extra = ["--test-third-party-cookie-phaseout"] if block_third_party_cookies else []
        context = playwright_driver.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS + extra, headless=True, viewport=PHONE,
            accept_downloads=True)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield launch
    for context in contexts:
        context.close()


def widget_frame(page):
    return page.frame_locator("iframe").first


def until(page, check, *, what: str):
    """Polls `check` with the page's own timer rather than a sleep: Playwright hears of new frames
    and console messages only while its sync API runs, so a plain sleep would never see them."""
    deadline = time.monotonic() + 15
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen")
        page.wait_for_timeout(50)
    return result


def frame_of(page, origin: str):
    """The frame from `origin`, once the script has inserted it and it has navigated there."""
    return until(page, lambda: next((f for f in page.frames if f.url.startswith(origin)), None),
                 what="the widget's frame loading")


def fits_its_content(page, server) -> int:
    """Waits until the frame is as tall as the page in it (give or take a pixel); returns that height."""
    iframe = page.locator("iframe").first

    def fitted():
        content = frame_of(page, server.url).evaluate(
            "() => Math.ceil(document.documentElement.getBoundingClientRect().height)")
        height = iframe.evaluate("f => parseInt(f.style.height, 10) || 0")
        return height if height > 200 and abs(height - content) <= 1 else 0
    return eventually(fitted, what="the frame fitting its content")


def fill(frame, *, name: str, email: str, channel: str) -> None:
    frame.get_by_label("Your name").fill(name)
    frame.get_by_label("Your email address").fill(email)
    frame.get_by_label("Street and number").fill("1 High Street")
    frame.get_by_label("Town or city").fill("Leeds")
    frame.get_by_label("Postcode").fill("LS1 1AA")
    frame.get_by_label("Country").select_option("GB")
    frame.get_by_role("radio", name=re.compile(CHANNELS[channel])).check()
    frame.get_by_role("button", name="Write my letters").click()


def test_the_probe_sees_a_frames_cookie_where_third_party_cookies_are_allowed(server, demo_campaign, host_sites,
                                                                              browser_profile, in_app):
    """Without this, the blocked-cookie journey below would prove nothing: the probe can see a cookie."""
    host = host_sites(SCRIPT_PAGE)
    host.httpd.values.update(desk=server.url, slug=demo_campaign)
    in_app(lambda: setattr(db.session.scalar(db.select(Campaign)), "widget_sites", [host.origin]))
    context = browser_profile(block_third_party_cookies=False)
    page = context.new_page()
    page.goto(host.origin + "/")
    frame = frame_of(page, server.url)
    frame.wait_for_load_state()
    assert "probe=1" in frame.evaluate(PROBE)
    assert "probe" in [cookie["name"] for cookie in context.cookies(server.url)]


def test_a_supporter_writes_through_the_widget_on_another_site_with_third_party_cookies_blocked(
        server, outbox_worker, smtp_sink, demo_campaign, host_sites, browser_profile, in_app, shot):
    host = host_sites(SCRIPT_PAGE)
    host.httpd.values.update(desk=server.url, slug=demo_campaign)
    in_app(lambda: setattr(db.session.scalar(db.select(Campaign)), "widget_sites", [host.origin]))
    context = browser_profile(block_third_party_cookies=True)
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(host.origin + "/")
    frame = widget_frame(page)
    expect(frame.get_by_role("heading", level=1)).to_contain_text("Turkmenistan: Opposition activist")
    expect(frame.get_by_role("group", name="Letters toward the goal")).to_be_visible()

    # Third-party cookies are blocked: a cookie the frame sets is not kept, where first-party it would be.
    assert "probe" not in frame_of(page, server.url).evaluate(PROBE)
    assert context.cookies(server.url) == []

    # The frame grows to its content: no scroll bar of its own, the host page's text below it.
    iframe = page.locator("iframe").first
    form_height = fits_its_content(page, server)
    # A message from anywhere else than the frame (here, the host page itself) is not believed.
    before = iframe.evaluate("f => f.style.height")
    page.evaluate("window.postMessage({type: 'uadesk-widget:height', height: 250}, '*')")
    page.wait_for_timeout(200)
    assert iframe.evaluate("f => f.style.height") == before
    shot(page, "widget on the host page")

    # --- printed letters, downloaded from inside the frame ---
    fill(frame, name="Jane Doe", email="jane@example.org", channel="pdf")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Thank you, Jane Doe")
    with page.expect_download() as download_info:
        frame.get_by_role("link", name="Download my letters (PDF)").click()
    path = download_info.value.path()
    assert path is not None and open(path, "rb").read(5) == b"%PDF-"
    assert fits_its_content(page, server) < form_height, "the frame shrinks to the shorter thank-you page"
    shot(page, "letters downloaded")

    # --- an email, confirmed from the caught mail as on the campaign's own page ---
    page.goto(host.origin + "/")
    fill(frame, name="Bo Lindqvist", email="bo@example.org", channel="email")
    expect(frame.get_by_role("heading", name="One more step: check your inbox")).to_be_visible()
    shot(page, "check your inbox")
    confirmation, = mail_to(smtp_sink, "bo@example.org", subject_contains="Please confirm")
    assert "Bo Lindqvist" in text_of(confirmation)
    link, = [url for url in links_in(confirmation, server.url) if "/confirm/" in url]
    inbox = context.new_page()
    inbox.goto(link)
    inbox.get_by_role("button", name=re.compile("Confirm and send")).click()
    expect(inbox.get_by_role("status")).to_contain_text("your letters are on their way")
    test_recipient = server.app.config["TEST_MODE_RECIPIENT"]
    assert mail_to(smtp_sink, test_recipient, subject_contains="[TEST]")
    assert not refused, refused

    # Both counted with the site they came from, and nothing else about them.
    assert in_app(lambda: counts_by_site(db.session.scalar(db.select(Campaign.id)))) == [(host.origin, 2)]


def test_a_site_the_organisers_did_not_list_cannot_show_the_widget(server, demo_campaign, host_sites,
                                                                   browser_profile, in_app):
    listed, unlisted = host_sites(FRAME_PAGE), host_sites(FRAME_PAGE)
    for site in (listed, unlisted):
        site.httpd.values.update(desk=server.url, slug=demo_campaign)
    in_app(lambda: setattr(db.session.scalar(db.select(Campaign)), "widget_sites", [listed.origin]))
    context = browser_profile(block_third_party_cookies=True)

    page = context.new_page()
    page.goto(listed.origin + "/")
    expect(widget_frame(page).get_by_role("button", name="Write my letters")).to_be_visible()

    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(unlisted.origin + "/")
    until(page, lambda: any("frame-ancestors" in text for text in messages), what="the browser refusing the frame")
    assert any(f"frame-ancestors {listed.origin}" in text for text in messages), messages
    expect(widget_frame(page).get_by_role("button", name="Write my letters")).to_have_count(0)
    assert not any(frame.url.startswith(server.url) and frame.evaluate("() => !!document.forms.length")
                   for frame in page.frames if frame != page.main_frame)


@pytest.mark.parametrize(("lang", "named"), [("de", "Schreib für {}"), ("ar", "اكتبوا بشأن {}"),
                                             ("en", "Write about {}")])
def test_the_frame_is_named_in_the_widgets_language_unless_the_page_names_it(
        server, demo_campaign, host_sites, new_page, in_app, lang, named):
    host = host_sites(TWO_WIDGETS_PAGE)
    host.httpd.values.update(desk=server.url, slug=demo_campaign, lang=lang)
    people = in_app(lambda: db.session.scalar(db.select(Campaign)).people_names)
    in_app(lambda: setattr(db.session.scalar(db.select(Campaign)), "widget_sites", [host.origin]))
    page = new_page()
    page.goto(host.origin + "/")
    frames = page.locator("iframe")
    until(page, lambda: frames.count() == 2, what="both widgets inserted")
    expected = named.format(people)
    until(page, lambda: frames.nth(0).get_attribute("title") == expected,
          what=f"the frame named {expected!r} (it is {frames.nth(0).get_attribute('title')!r})")
    assert frames.nth(1).get_attribute("title") == "Our appeal"  # the page's own name for it stays
    # The name is the widget's own, sent from inside the frame: a message from the host page is not believed.
    page.evaluate("window.postMessage({type: 'uadesk-widget:title', title: 'Impostor'}, '*')")
    page.wait_for_timeout(200)
    assert frames.nth(0).get_attribute("title") == expected
