"""The embedded action widget: framed only by each campaign's listed sites, a CSRF proof that needs no cookie,
actions counted per site, the sites edited with a message per bad value, and every interface language."""
from __future__ import annotations

import re
import time
from html import unescape
from urllib.parse import quote
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from extensions import db
from models import Action, Campaign, WidgetSiteCount
from organisers.audit import Actor
from organisers.checklist import publish_checklist
from organisers.services import duplicate_campaign, publish_campaign
from tests.helpers import confirmation_link
from tests.hostile import (assert_no_injected_markup, database_state, fewer_examples, fresh_view, hostile,
                           hostile_email, hostile_settings, hostile_token, junk_fields)
from tests.test_organisers_editor import campaign_data, create_campaign, editor_fields
from widget import tokens

SITE = "https://www.amnesty-section.example"
OTHER_SITE = "http://localhost:8080"
ACTOR = Actor(organiser_id=None, email="tests@example.org")


@pytest.fixture
def listed(demo) -> Campaign:
    demo.widget_sites = [SITE, OTHER_SITE]
    db.session.commit()
    return demo


@pytest.fixture
def cookieless(csrf_app):
    """CSRF protection on, as in production, and no cookie kept: a frame with third-party cookies blocked."""
    return csrf_app.test_client(use_cookies=False)


def widget_form(client, campaign, *, referrer: str | None = SITE, query: str = "") -> tuple[str, dict]:
    headers = {"Referer": referrer + "/news/case.html"} if referrer else {}
    response = client.get(f"/campaigns/{campaign.slug}/widget{query}", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    html = response.get_data(as_text=True)
    action = re.search(r'<form method="post" action="([^"]+)"', html).group(1).replace("&amp;", "&")
    data = dict(
        widget_token=re.search(r'name="widget_token" type="hidden" value="([^"]+)"', html).group(1),
        form_nonce=re.search(r'name="form_nonce" type="hidden" value="([^"]+)"', html).group(1),
        name="Jane Doe", email="jane@example.org", address_line1="1 High Street", city="Leeds", postcode="LS1 1AA",
        country="GB", targets=[str(t.id) for t in campaign.primary_targets], channel="pdf", language="en")
    return action, data


def own_origin(**extra) -> dict:
    return {"Origin": "http://localhost", **extra}


def actions_taken() -> int:
    return db.session.scalar(select(func.count()).select_from(Action))


def test_frame_ancestors_are_each_campaigns_own_sites(client, listed):
    page = client.get(f"/campaigns/{listed.slug}/widget")
    policy = page.headers["Content-Security-Policy"]
    assert f"frame-ancestors {SITE} {OTHER_SITE}" in policy and "frame-ancestors 'none'" not in policy
    assert "X-Frame-Options" not in page.headers  # it cannot name a site, and would refuse them all

    other = duplicate_campaign(listed, ua_number="UA 7/26", title="Another case", actor=ACTOR, today=date.today())
    db.session.flush()
    warnings = [item.code for item in publish_checklist(other, date.today()) if not item.is_blocking]
    publish_campaign(other, ACTOR, today=date.today(), confirmed=warnings)
    other.widget_sites = ["https://other-section.example"]
    db.session.commit()
    policy = client.get(f"/campaigns/{other.slug}/widget").headers["Content-Security-Policy"]
    assert policy.endswith("frame-ancestors https://other-section.example")

    other.widget_sites = None
    db.session.commit()
    unlisted = client.get(f"/campaigns/{other.slug}/widget")
    assert unlisted.headers["Content-Security-Policy"].endswith("frame-ancestors 'none'")
    assert unlisted.headers["X-Frame-Options"] == "DENY"
    # Every other page still refuses any frame.
    for path in (f"/campaigns/{listed.slug}", f"/campaigns/{listed.slug}/write", "/"):
        response = client.get(path)
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Content-Security-Policy"].endswith("frame-ancestors 'none'")


def test_an_action_through_the_widget_needs_no_cookie_and_counts_its_site(cookieless, listed):
    action_url, data = widget_form(cookieless, listed)
    assert f"site={SITE}" in action_url
    response = cookieless.post(action_url, data=data, headers=own_origin())
    assert response.status_code == 303, response.get_data(as_text=True)
    thank_you = response.headers["Location"]
    assert thank_you.startswith(f"/campaigns/{listed.slug}/widget/a/")
    page = cookieless.get(thank_you)
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"].endswith(f"frame-ancestors {SITE} {OTHER_SITE}")
    html = page.get_data(as_text=True)
    secret = thank_you.split("/widget/a/")[1].split("?")[0]
    assert f'href="/a/{secret}/letters.pdf"' in html
    pdf = cookieless.get(f"/a/{secret}/letters.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "Set-Cookie" not in response.headers or "session" not in response.headers["Set-Cookie"]

    # From a page of no listed site (or none said), the action counts as "site not known".
    action_url, data = widget_form(cookieless, listed, referrer="https://elsewhere.example")
    assert "site=" not in action_url
    assert cookieless.post(action_url, data=data, headers=own_origin()).status_code == 303
    db.session.expire_all()
    assert dict(db.session.execute(select(WidgetSiteCount.site, WidgetSiteCount.actions)
                                   .where(WidgetSiteCount.campaign_id == listed.id)).all()) == {SITE: 1, "": 1}
    # Nothing in the count leads to who acted: the table holds a site and a number.
    assert set(WidgetSiteCount.__table__.columns.keys()) == {"campaign_id", "site", "actions"}


def test_the_widgets_email_action_sends_the_usual_confirmation(cookieless, listed):
    action_url, data = widget_form(cookieless, listed, query="?lang=fr")
    data.update(channel="email", email="paul@example.org", language="en")
    response = cookieless.post(action_url, data=data, headers=own_origin())
    assert response.status_code == 303, response.get_data(as_text=True)
    html = cookieless.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="fr"' in html and "paul@example.org" in html
    secret = response.headers["Location"].split("/widget/a/")[1].split("?")[0]
    db.session.expire_all()
    action = db.session.scalar(select(Action).where(Action.secret == secret))
    assert action.confirmed_at is None  # nothing goes out before the supporter confirms from their inbox
    assert confirmation_link(secret).startswith("/confirm/")
    assert cookieless.get(confirmation_link(secret)).status_code == 200


def refused(client, campaign, action_url: str, data: dict, **headers) -> None:
    before = actions_taken()
    response = client.post(action_url, data=data, headers=headers)
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"].endswith(f"frame-ancestors {SITE} {OTHER_SITE}")
    db.session.expire_all()
    assert actions_taken() == before


def test_the_form_token_is_refused_missing_forged_expired_or_foreign(cookieless, csrf_app, listed, monkeypatch):
    action_url, data = widget_form(cookieless, listed)
    refused(cookieless, listed, action_url, {**data, "widget_token": ""}, **own_origin())
    token = data["widget_token"]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    refused(cookieless, listed, action_url, {**data, "widget_token": forged}, **own_origin())
    with csrf_app.test_request_context():
        other_campaign = tokens.issue(listed.id + 1, SITE)
        real_time = time.time
        monkeypatch.setattr(time, "time", lambda: real_time() - tokens.TOKEN_MAX_AGE - 60)
        expired = tokens.issue(listed.id, SITE)
        monkeypatch.undo()
    refused(cookieless, listed, action_url, {**data, "widget_token": other_campaign}, **own_origin())
    refused(cookieless, listed, action_url, {**data, "widget_token": expired}, **own_origin())
    # A real, fresh token, posted from a page of another site (or with no origin at all).
    refused(cookieless, listed, action_url, data, Origin=SITE)
    refused(cookieless, listed, action_url, data)
    # Signed by another key: a token of another installation.
    with csrf_app.test_request_context():
        csrf_app.config["SECRET_KEY"], key = "another key entirely, just as long", csrf_app.config["SECRET_KEY"]
        foreign = tokens.issue(listed.id, SITE)
        csrf_app.config["SECRET_KEY"] = key
    refused(cookieless, listed, action_url, {**data, "widget_token": foreign}, **own_origin())
    # And the same form, as it was, goes through.
    response = cookieless.post(action_url, data=data, headers=own_origin(Referer=f"http://localhost{action_url}"))
    assert response.status_code == 303


def test_a_site_taken_off_the_list_is_no_longer_counted(cookieless, listed):
    action_url, data = widget_form(cookieless, listed)
    listed.widget_sites = [OTHER_SITE]
    db.session.commit()
    assert cookieless.post(action_url, data=data, headers=own_origin()).status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(WidgetSiteCount.site)) == ""


@pytest.mark.parametrize("code, direction, words", [
    ("en", "ltr", "Write my letters"), ("es", "ltr", "lang=\"es\""), ("fr", "ltr", "lang=\"fr\""),
    ("de", "ltr", "lang=\"de\""), ("ru", "ltr", "lang=\"ru\""), ("ar", "rtl", "lang=\"ar\"")])
def test_the_widget_speaks_every_interface_language(client, listed, code, direction, words):
    html = client.get(f"/campaigns/{listed.slug}/widget?lang={code}",
                      headers={"Accept-Language": "de" if code != "de" else "fr"}).get_data(as_text=True)
    assert f'<html lang="{code}" dir="{direction}">' in html and words in html
    if code != "en":
        assert "Write my letters" not in html  # the button, like every string, in the page's language
    # Its own links keep the language and the site: no cookie carries them in a frame.
    assert re.search(rf'<form method="post" action="[^"]*lang={code}', html)


def test_the_dashboard_gives_the_snippets_and_counts_per_site(org_client, listed):
    db.session.add_all([WidgetSiteCount(campaign_id=listed.id, site=SITE, actions=12),
                        WidgetSiteCount(campaign_id=listed.id, site="", actions=3)])
    db.session.commit()
    html = org_client.get(f"/organisers/campaigns/{listed.id}").get_data(as_text=True)
    script, iframe = (unescape(re.search(rf'<textarea id="widget-{name}"[^>]*>([^<]*)</textarea>', html).group(1))
                      for name in ("script", "iframe"))
    assert script == (f'<script src="http://localhost/static/widget.js" data-campaign="{listed.slug}" '
                      'data-lang="en" async></script>')
    assert iframe.startswith(f'<iframe src="http://localhost/campaigns/{listed.slug}/widget?lang=en" ')
    row = re.search(rf"<tr><td>{re.escape(SITE)}</td><td class=\"num\">(\d+)</td></tr>", html)
    assert row and row.group(1) == "12"
    assert re.search(r"<tr><td>Site not known</td><td class=\"num\">3</td></tr>", html)


def test_the_editor_keeps_sites_as_origins(org_client):
    campaign = create_campaign(org_client, widget_sites="https://WWW.Example.org/\nhttp://localhost:8080, "
                                                         "https://www.example.org:443")
    assert campaign.widget_sites == ["https://www.example.org", "http://localhost:8080"]
    fields = editor_fields(org_client.get(f"/organisers/campaigns/{campaign.id}/edit").get_data(as_text=True))
    assert fields["widget_sites"] == "https://www.example.org\nhttp://localhost:8080"


@pytest.mark.parametrize("typed", [
    "www.example.org", "https://www.example.org/actions", "https://*.example.org", "ftp://example.org",
    "https://user@example.org", "https://example.org?x=1", "javascript:alert(1)", "https://exa mple.org",
    "https://example.org;script-src", "https://example.org:99999"])
def test_the_editor_refuses_what_is_not_a_sites_origin(org_client, typed):
    response = org_client.post("/organisers/campaigns/new", data=campaign_data(widget_sites=typed))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    error = re.search(r'<p class="error-text" id="widget_sites-error">([^<]*)</p>', html)
    assert error and "is not a site&#39;s address" in error.group(1)
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0


# --- hostile input (tests/test_hostile_public_forms.py lists these for the widget's form) ------------

header_text = st.one_of(st.none(), st.sampled_from(["null", "http://localhost", SITE, "http://localhost.evil.example",
                                                    "http://evil.example/?http://localhost", "javascript:1"]),
                        st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=80))


@hostile_settings
@given(token=hostile_token, site=hostile, lang=hostile, origin=header_text, referrer=header_text, junk=junk_fields)
def test_hostile_tokens_and_headers_on_the_widgets_form(cookieless, listed, token, site, lang, origin, referrer,
                                                          junk):
    """Whatever token, site, language and headers arrive: refused (400) in the widget's own frame, never a
    5xx, nothing recorded, nothing injected."""
    before = database_state(Action, WidgetSiteCount)
    headers = {name: value for name, value in (("Origin", origin), ("Referer", referrer)) if value is not None}
    response = cookieless.post(f"/campaigns/{listed.slug}/widget?site={quote(site)}&lang={quote(lang)}",
                               data={**junk, "widget_token": token}, headers=headers)
    assert response.status_code == 400
    assert response.headers["Content-Security-Policy"].endswith(f"frame-ancestors {SITE} {OTHER_SITE}")
    assert_no_injected_markup(response.get_data(as_text=True))
    fresh_view()
    assert database_state(Action, WidgetSiteCount) == before


@fewer_examples(2)
@given(site=hostile, lang=hostile, email=hostile_email, name=hostile)
def test_hostile_fields_through_a_real_widget_form(cookieless, listed, site, lang, email, name):
    """A real token with hostile fields and URL: the answer anyone gets (an action, or the form with its
    errors), and only a listed site, or none, is ever counted."""
    action_url, data = widget_form(cookieless, listed, query=f"?site={quote(site)}&lang={quote(lang)}")
    response = cookieless.post(action_url, data={**data, "email": email, "name": name}, headers=own_origin())
    assert response.status_code in (303, 400), response.status_code
    assert_no_injected_markup(response.get_data(as_text=True))
    fresh_view()
    assert set(db.session.scalars(select(WidgetSiteCount.site))) <= {SITE, OTHER_SITE, ""}
