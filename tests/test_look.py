"""How the pages look: the organisation's colours with readable contrast, the campaign page's
order, empty states, error pages and printing."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from flask import abort
from hypothesis import given
from hypothesis import strategies as st

import config as settings
import theme
from formatting import lead, short_datetime

ROOT = Path(__file__).resolve().parents[1]
DEMO_PAGE = "/campaigns/ua-118-21"
colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06x}")


def visible_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def theme_url(html: str) -> str:
    return re.search(r'<link rel="stylesheet" href="(/theme\.css\?v=[0-9a-f]+)">', html).group(1)


# Colour settings

def test_colour_settings_default_to_the_house_colours(tmp_path, monkeypatch):
    monkeypatch.delenv("ORG_COLOUR", raising=False)
    monkeypatch.setenv("ORG_ACCENT_COLOUR", "")
    values = settings.from_environment(str(tmp_path))
    assert values["ORG_COLOUR"] == "#1d3557" and values["ORG_ACCENT_COLOUR"] == "#f1c40f"


def test_colour_settings_are_read_and_normalised(tmp_path, monkeypatch):
    monkeypatch.setenv("ORG_COLOUR", " #E30613 ")
    monkeypatch.setenv("ORG_ACCENT_COLOUR", "#FFDD00")
    values = settings.from_environment(str(tmp_path))
    assert values["ORG_COLOUR"] == "#e30613" and values["ORG_ACCENT_COLOUR"] == "#ffdd00"


@pytest.mark.parametrize("name", ["ORG_COLOUR", "ORG_ACCENT_COLOUR"])
@pytest.mark.parametrize("value", ["red", "#fff", "#1d35570", "1d3557", "#1d355g", "rgb(0,0,0)"])
def test_a_colour_that_is_not_rrggbb_stops_the_app_at_startup(name, value, tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv(name, value)
    with pytest.raises(settings.SettingError) as refused:
        settings.from_environment(str(tmp_path))
    assert name in str(refused.value) and "#rrggbb" in str(refused.value) and repr(value) in str(refused.value)


def test_a_colour_given_to_create_app_is_checked_too(make_app):
    with pytest.raises(settings.SettingError, match="ORG_ACCENT_COLOUR"):
        make_app(ORG_ACCENT_COLOUR="yellow")


# Contrast

def test_contrast_ratio_matches_wcag():
    assert theme.contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert theme.contrast_ratio("#1d3557", "#1d3557") == pytest.approx(1)
    assert theme.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("background, expected", [
    ("#1d3557", theme.WHITE),       # dark blue: white text
    ("#f1c40f", theme.NEAR_BLACK),  # yellow: dark text
    ("#ffffff", theme.NEAR_BLACK),
    ("#808080", theme.BLACK),       # a mid grey fails both white and near-black at AA
])
def test_text_on_a_colour_is_white_or_dark_whichever_reads(background, expected):
    assert theme.text_colour_on(background) == expected


@given(colours)
def test_text_on_any_colour_reaches_aa(colour):
    assert theme.contrast_ratio(theme.text_colour_on(colour), colour) >= 4.5


@given(colours, colours)
def test_every_text_pair_in_the_palette_reaches_aa(brand, accent):
    palette = theme.palette(brand, accent)
    backgrounds = ("#ffffff", "#f4f6f8", palette["--brand-soft"])
    for background in backgrounds:
        assert theme.contrast_ratio(palette["--link"], background) >= 4.5
        assert theme.contrast_ratio(palette["--brand-text"], background) >= 4.5
        assert theme.contrast_ratio(palette["--accent-edge"], background) >= 3
        assert theme.contrast_ratio("#1b1b1b", background) >= 4.5
    assert theme.contrast_ratio(palette["--brand-contrast"], brand) >= 4.5
    assert theme.contrast_ratio(palette["--accent-contrast"], accent) >= 4.5


def test_a_colour_dark_enough_for_links_is_kept_and_a_light_one_is_darkened():
    assert theme.readable_on("#1d3557") == "#1d3557"
    darker = theme.readable_on("#ffdd00")
    assert darker != "#ffdd00" and theme.contrast_ratio(darker, "#ffffff") >= 4.5
    # Only as dark as needed: one step lighter fails on one of the page's backgrounds.
    steps = [theme.mix("#ffdd00", theme.BLACK, k / 100) for k in range(101)]
    lighter = steps[steps.index(darker) - 1]
    assert min(theme.contrast_ratio(lighter, bg) for bg in theme.LIGHT_BACKGROUNDS) < 4.5


# The generated stylesheet

def test_pages_link_the_colour_stylesheet_and_it_carries_the_settings(make_app):
    app = make_app(ORG_COLOUR="#E30613", ORG_ACCENT_COLOUR="#ffdd00")
    client = app.test_client()
    html = client.get("/").get_data(as_text=True)
    url = theme_url(html)
    assert '<meta name="theme-color" content="#e30613">' in html
    assert html.index("/static/css/app.css") < html.index(url)  # so its colours win

    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/css"
    css = response.get_data(as_text=True)
    assert "--brand: #e30613;" in css and "--accent: #ffdd00;" in css
    assert "--brand-contrast: #ffffff;" in css and "--accent-contrast: #1b1b1b;" in css
    link = re.search(r"--link: (#[0-9a-f]{6});", css).group(1)
    assert theme.contrast_ratio(link, "#ffffff") >= 4.5
    assert "immutable" in response.headers["Cache-Control"]


def test_the_stylesheet_address_changes_with_the_colours_and_answers_304(make_app):
    first = make_app(ORG_COLOUR="#1d3557").test_client()
    second = make_app(ORG_COLOUR="#006400").test_client()
    url = theme_url(first.get("/").get_data(as_text=True))
    assert url != theme_url(second.get("/").get_data(as_text=True))

    etag = first.get(url).headers["ETag"]
    assert first.get(url, headers={"If-None-Match": etag}).status_code == 304
    # An old address is not kept for good: its colours may have changed since.
    assert "immutable" not in first.get("/theme.css?v=old").headers["Cache-Control"]


def test_the_stylesheet_keeps_the_policy_strict(client):
    response = client.get("/theme.css")
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    css = (ROOT / "static/css/app.css").read_text()
    assert "http://" not in css and "https://" not in css and "@import" not in css  # all assets local


def test_icons_are_local_files(client):
    html = client.get("/").get_data(as_text=True)
    for href in re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html):
        assert href.startswith("/static/") and client.get(href).status_code == 200


# The campaign page

def test_campaign_page_opens_with_the_case_then_the_call_to_act(client, demo):
    html = client.get(DEMO_PAGE).get_data(as_text=True)
    order = [html.index(part) for part in (
        "<h1>", "Person at risk", "Azat Isakov</strong>", 'class="case-lead"',
        "Please act by", 'class="progress"', "Write a letter now", "What is happening")]
    assert order == sorted(order)
    opening = re.search(r'<p class="case-lead">(.*?) <a', html, re.S).group(1)
    assert opening.startswith("Azat Isakov is a Turkmen labour migrant") and len(opening) <= 330


def test_a_short_summary_is_shown_once(client, demo):
    demo.summary = "Detained without charge since May."
    from extensions import db
    db.session.commit()
    text = visible_text(client.get(DEMO_PAGE))
    assert text.count("Detained without charge since May.") == 1
    assert "Read the whole case" not in text


def test_lead_takes_whole_sentences_up_to_the_limit():
    text = "First sentence here. Second one! Third? " + "Fourth " * 40 + ".\n\nNext paragraph."
    assert lead(text, limit=40) == "First sentence here. Second one! Third?"
    assert lead(text, limit=25) == "First sentence here."
    assert lead("word " * 100, limit=30).endswith("…") and len(lead("word " * 100, limit=30)) <= 31
    assert lead("") == "" and lead(None) == ""


def test_organisers_read_times_as_people_write_them():
    assert short_datetime(datetime(2026, 11, 23, 14, 5)) == "23 Nov 2026, 14:05 UTC"


# Printing

def test_print_styles_hide_controls_and_write_out_links():
    css = (ROOT / "static/css/app.css").read_text()
    printed = css[css.index("@media print"):]
    hidden = re.search(r"\n  ([^{]+)\{ display: none !important; \}", printed).group(1)
    for selector in (".site-header nav", ".site-footer", ".button", ".subscribe-box"):
        assert selector in hidden
    assert 'a[href^="http"]::after { content: " (" attr(href) ")"' in printed
    assert ".target" in printed and "break-inside: avoid" in printed


def test_printed_campaign_page_carries_its_own_address(client, demo, app):
    html = client.get(DEMO_PAGE).get_data(as_text=True)
    assert f'<p class="print-only">{app.config["BASE_URL"]}{DEMO_PAGE}</p>' in html


# Empty states

def test_home_page_without_campaigns_says_so_kindly(client):
    response = client.get("/")
    text = visible_text(response)
    assert "No action is open right now" in text and "Thank you for checking" in text
    assert 'href="/subscribe"' in response.get_data(as_text=True)


def test_campaign_without_updates_says_none_yet(client, demo):
    from extensions import db
    from models import CaseUpdate
    for update in db.session.scalars(db.select(CaseUpdate)).all():
        db.session.delete(update)
    db.session.commit()
    assert "No updates yet. We publish one as soon as we learn more." in visible_text(client.get(DEMO_PAGE))


def test_organiser_without_campaigns_is_shown_where_to_start(org_client):
    html = org_client.get("/organisers/").get_data(as_text=True)
    assert "No campaign yet" in html
    assert re.search(r'Start with <a href="/organisers/campaigns/import">the text of a UA sheet</a>', html)


def test_dashboard_without_letters_says_so_and_points_to_the_public_page(org_client, demo):
    html = org_client.get(f"/organisers/campaigns/{demo.id}").get_data(as_text=True)
    assert "No letters yet." in html
    assert re.search(r'No letters yet\. Share <a href="/campaigns/ua-118-21">the public page</a>', html)


def test_organiser_nav_marks_the_current_page(org_client):
    html = org_client.get("/organisers/").get_data(as_text=True)
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', html) == ["/organisers/"]


# Error pages

@pytest.fixture
def failing_app(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/test-gone")
    def gone():
        abort(410)

    @app.get("/test-busy")
    def busy():
        abort(429)

    @app.get("/test-broken")
    def broken():
        raise RuntimeError("a bug")

    return app


@pytest.mark.parametrize("path, code, title", [
    ("/campaigns/nope", 404, "Page not found"),
    ("/test-gone", 410, "This page is no longer here"),
    ("/test-busy", 429, "Too many requests"),
    ("/test-broken", 500, "Something went wrong on our side"),
])
def test_error_pages_are_friendly_in_the_site_layout(failing_app, path, code, title):
    response = failing_app.test_client().get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == code
    assert f"Error {code}" in html and f'<h1 id="error-title">{title}</h1>' in html
    assert 'class="site-header"' in html and 'href="/">See open actions</a>' in html
    assert re.search(r"<style\b|\sstyle=", html) is None


def test_an_expired_form_gets_its_own_explanation(csrf_client):
    response = csrf_client.post("/subscribe", data={"email": "a@example.org", "follow": "all"})
    assert response.status_code == 400
    text = visible_text(response)
    assert "This form has expired" in text and "Nothing was sent" in text


def test_error_page_links_back_only_to_this_site(client):
    same = client.get("/campaigns/nope", headers={"Referer": "http://localhost/subscribe"})
    assert 'href="/subscribe">Back to the previous page' in same.get_data(as_text=True)
    elsewhere = client.get("/campaigns/nope", headers={"Referer": "https://example.org/subscribe"})
    assert "Back to the previous page" not in elsewhere.get_data(as_text=True)


def test_an_organiser_gets_a_way_back_to_their_campaigns(org_client):
    html = org_client.get("/organisers/campaigns/999999").get_data(as_text=True)
    assert "Page not found" in html and """href="/organisers/">Organisers' campaigns</a>""" in html


def test_emails_carry_the_organisations_colour_with_readable_text(make_app, demo_factory, mailbox_messages):
    """Mail programs load no stylesheet: the confirmation button takes the colours inline."""
    from datetime import date

    from sqlalchemy import select

    from campaigns.actions import take_action
    from campaigns.submission import Submission, SupporterDetails
    from extensions import db
    from models import Channel, OutboxMessage

    app = make_app(ORG_COLOUR="#ffd60a")
    with app.test_request_context():
        campaign = demo_factory()
        details = SupporterDetails(name="Jane Doe", email="jane@example.org", address_line1="", address_line2="",
                                   city="Leeds", postcode="", country="GB")
        take_action(campaign, Submission(details, target_ids=[t.id for t in campaign.primary_targets],
                                         channel=Channel.email, language="en", form_nonce="n" * 24), today=date.today())
        db.session.commit()
        html = db.session.scalar(select(OutboxMessage.body_html).where(OutboxMessage.kind == "confirmation"))
    assert f"background:#ffd60a;color:{theme.text_colour_on('#ffd60a')};" in html
    assert theme.contrast_ratio("#ffd60a", theme.text_colour_on("#ffd60a")) >= 4.5
