"""Everything an organiser reads goes through the translation catalogs: pages, form labels and
errors, flash messages, labels of stored codes, the template editor's placeholders, and the
command line.

The project's own catalogs are built once every part is written; these tests compile a small
German catalog of their own into a temporary folder, so they prove the wiring (a string wrapped
and looked up in the page's language) whatever the shipped catalogs hold.
"""
from __future__ import annotations

import io
import re
from datetime import date

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sqlalchemy import select

from extensions import db
from i18n import COOKIE
from models import Campaign, CampaignStatus
from tests.helpers import log_in, make_organiser

# A few of the organiser strings, in German, as a translator would write them. Plural entries
# carry both German forms (one; other).
TEST_PO = r'''
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: de\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Campaigns"
msgstr "Kampagnen"

msgid "Organiser login"
msgstr "Anmeldung für das Team"

msgid "Accounts are made by an admin. Forgot your password? Ask an admin to reset it."
msgstr "Konten legt eine Administratorin an. Passwort vergessen? Bitten Sie sie, es zurückzusetzen."

msgid "Subscribers (CSV)"
msgstr "Abonnentinnen und Abonnenten (CSV)"

msgid "The case"
msgstr "Der Fall"

msgid "UA number"
msgstr "UA-Nummer"

msgid "Please enter the UA number, like UA 118/21."
msgstr "Bitte geben Sie die UA-Nummer ein, etwa UA 118/21."

msgid "Please check this %(count)s field"
msgid_plural "Please check these %(count)s fields"
msgstr[0] "Bitte prüfen Sie dieses Feld"
msgstr[1] "Bitte prüfen Sie diese %(count)s Felder"

msgid "Import a UA sheet"
msgstr "Ein UA-Blatt importieren"

msgid "Is mail going out?"
msgstr "Geht die Post hinaus?"

msgid "Add an organiser"
msgstr "Eine Person ins Team aufnehmen"

msgid "Create the account"
msgstr "Konto anlegen"

msgid "Account created"
msgstr "Konto angelegt"

msgid "Audit log"
msgstr "Protokoll"

msgid "Change your password"
msgstr "Passwort ändern"

msgid "Outcome of the case"
msgstr "Ausgang des Falls"

msgctxt "campaign status"
msgid "live"
msgstr "läuft"

msgid "Released"
msgstr "Freigelassen"

msgid "Write a letter in another language"
msgstr "Einen Brief in einer weiteren Sprache schreiben"

msgid "Placeholders"
msgstr "Platzhalter"

msgid "the supporter's name"
msgstr "der Name der unterstützenden Person"

msgid "The email"
msgstr "Die E-Mail"

msgid "Waiting for a decision"
msgstr "Wartet auf eine Entscheidung"

msgid "Nobody is blocked."
msgstr "Niemand ist gesperrt."

msgid "Close the action"
msgstr "Aktion beenden"

msgid "Keep test mode on"
msgstr "Im Testmodus bleiben"

msgid "Make the copy"
msgstr "Kopie anlegen"

msgid "Save the reply"
msgstr "Antwort speichern"

msgid "Phone call"
msgstr "Anruf"

msgid "Publish and email followers"
msgstr "Veröffentlichen und an die Folgenden mailen"

msgid "Further information"
msgstr "Weitere Informationen"

msgid "%(num)d failed email is back in the queue."
msgid_plural "%(num)d failed emails are back in the queue."
msgstr[0] "%(num)d fehlgeschlagene E-Mail ist wieder in der Warteschlange."
msgstr[1] "%(num)d fehlgeschlagene E-Mails sind wieder in der Warteschlange."

msgid "%(day)s: %(count)s letter"
msgid_plural "%(day)s: %(count)s letters"
msgstr[0] "%(day)s: %(count)s Brief"
msgstr[1] "%(day)s: %(count)s Briefe"

msgctxt "why an action closed"
msgid "released"
msgstr "freigelassen"

msgid "%(ua_number)s is closed: %(reason)s."
msgstr "%(ua_number)s ist beendet: %(reason)s."

msgid "Created organiser %(email)s."
msgstr "Konto für %(email)s angelegt."

msgid "One-time password: %(password)s"
msgstr "Einmalpasswort: %(password)s"
'''


@pytest.fixture
def catalog_dir(tmp_path):
    """A translations folder holding only the German test catalog, compiled as `make` would."""
    catalog = read_po(io.StringIO(TEST_PO), locale="de")
    folder = tmp_path / "translations" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(TEST_PO, encoding="utf-8")
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return tmp_path / "translations"


@pytest.fixture
def german_app(make_app, catalog_dir):
    app = make_app(BABEL_TRANSLATION_DIRECTORIES=str(catalog_dir))
    with app.app_context():
        yield app


@pytest.fixture
def german_client(german_app):
    """A client that chose German with the language switcher, not yet logged in."""
    client = german_app.test_client()
    client.set_cookie(COOKIE, "de")
    return client


@pytest.fixture
def german_admin(german_client):
    make_organiser(is_admin=True)
    response = log_in(german_client)
    assert response.status_code == 303, response.get_data(as_text=True)
    return german_client


@pytest.fixture
def german_demo(german_app):
    from campaigns.demo import UA_NUMBER, load_demo

    load_demo()
    db.session.commit()
    return db.session.scalar(select(Campaign).where(Campaign.ua_number == UA_NUMBER))


# The first link of the organisers' menu (the campaigns table), whichever page it is on.
ORGANISER_MENU = re.compile(r'<nav class="org-nav"[^>]*>\s*<a href="/organisers/"[^>]*>([^<]*)</a>')


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def test_the_login_page_reads_in_the_chosen_language(german_client):
    html = _page(german_client, "/organisers/login")
    assert "Anmeldung für das Team" in html and "Bitten Sie sie, es zurückzusetzen." in html
    assert "Organiser login" not in html


def test_the_same_pages_stay_english_without_the_choice(german_app, german_demo):
    client = german_app.test_client()
    make_organiser(is_admin=True)
    log_in(client)
    html = _page(client, "/organisers/")
    assert ORGANISER_MENU.search(html).group(1) == "Campaigns" and "Kampagnen" not in html


def test_every_organiser_page_is_wired_to_the_catalog(german_admin, german_demo):
    demo = german_demo
    base = f"/organisers/campaigns/{demo.id}"
    # Each page with a string of its own from the test catalog; "Kampagnen" comes from the
    # menu every organiser page shares.
    pages = {
        "/organisers/": "Abonnentinnen und Abonnenten (CSV)",
        "/organisers/campaigns/new": "Der Fall",
        "/organisers/campaigns/import": "Ein UA-Blatt importieren",
        "/organisers/emails": "Geht die Post hinaus?",
        "/organisers/admin/organisers": "Eine Person ins Team aufnehmen",
        "/organisers/admin/organisers/new": "Konto anlegen",
        "/organisers/admin/audit": "Protokoll",
        "/organisers/password": "Passwort ändern",
        "/organisers/blocked": "Niemand ist gesperrt.",
        base: "Ausgang des Falls",
        f"{base}/edit": "UA-Nummer",
        f"{base}/letters": "Einen Brief in einer weiteren Sprache schreiben",
        f"{base}/letters/new": "Platzhalter",
        f"{base}/letters/en": "der Name der unterstützenden Person",
        f"{base}/letters/en/preview": "Die E-Mail",
        f"{base}/held": "Wartet auf eine Entscheidung",
        f"{base}/close": "Aktion beenden",
        f"{base}/test-mode/off": "Im Testmodus bleiben",
        f"{base}/duplicate": "Kopie anlegen",
        f"{base}/replies/new": "Antwort speichern",
        f"{base}/updates/new": "Veröffentlichen und an die Folgenden mailen",
    }
    for path, translated in pages.items():
        html = _page(german_admin, path)
        assert translated in html, path
        menu = ORGANISER_MENU.search(html)
        assert menu and menu.group(1) == "Kampagnen", path


def test_labels_choices_and_badges_come_from_the_catalog(german_admin, german_demo):
    base = f"/organisers/campaigns/{german_demo.id}"
    assert german_demo.status is CampaignStatus.live
    dashboard = _page(german_admin, base)
    assert ">läuft</span>" in dashboard  # the status badge, a stored code named in German
    assert ">Freigelassen</option>" in dashboard  # an outcome, from the model's labels
    assert ">Anruf</option>" in _page(german_admin, f"{base}/replies/new")
    assert ">Weitere Informationen</option>" in _page(german_admin, f"{base}/updates/new")


def test_country_names_in_the_organisers_forms_are_written_and_sorted_the_page_language_way(german_admin, german_demo):
    editor = _page(german_admin, f"/organisers/campaigns/{german_demo.id}/edit")
    # The demo case is Turkmenistan's; its officials' country lists name it in German too.
    assert '<option selected value="TM">Turkmenistan</option>' in editor
    assert '<option value="DE">Deutschland</option>' in editor and ">Germany</option>" not in editor
    countries = re.findall(r'<option value="(?:AT|EG|AF)">([^<]+)</option>', editor)
    assert countries[:3] == ["Afghanistan", "Ägypten", "Österreich"]  # Ä sorts with A, Ö with O, as in German


def test_form_errors_and_flash_messages_come_from_the_catalog(german_admin, german_demo):
    response = german_admin.post("/organisers/campaigns/new", data={"ua_number": "", "title": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Bitte geben Sie die UA-Nummer ein, etwa UA 118/21." in html  # a lazy validator message
    fields = re.search(r"Bitte prüfen Sie diese (\d+) Felder", html)  # a plural in a template
    assert fields and int(fields.group(1)) > 1

    created = german_admin.post("/organisers/admin/organisers/new", data={"email": "neu@example.org"})
    assert created.status_code == 200 and "<h1>Konto angelegt</h1>" in created.get_data(as_text=True)

    flashed = german_admin.post("/organisers/emails/retry-failed", follow_redirects=True)
    assert "0 fehlgeschlagene E-Mails sind wieder in der Warteschlange." in flashed.get_data(as_text=True)


def test_a_closing_reason_is_stored_as_written_and_shown_in_the_page_language(german_admin, german_demo):
    closed = german_admin.post(f"/organisers/campaigns/{german_demo.id}/close", data={"reason": "released"},
                               follow_redirects=True)
    assert "UA 118/21 ist beendet: freigelassen." in closed.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Campaign, german_demo.id).closed_reason == "released"  # the record keeps its words


def test_the_chart_writes_dates_and_numbers_the_page_language_way(german_app):
    from organisers.charts import daily_bar_chart

    # Each in an application context of its own, as each request has: the locale is chosen once per context.
    with german_app.app_context(), german_app.test_request_context(headers={"Cookie": f"{COOKIE}=de"}):
        chart = str(daily_bar_chart([(date(2026, 3, 3), 1234), (date(2026, 3, 4), 0)], title="Briefe"))
    assert "3. März 2026: 1.234 Briefe" in chart  # the bar's title: date, number and plural in German
    assert ">1.234</text>" in chart and ">3 März</text>" in chart  # the axis labels
    with german_app.app_context(), german_app.test_request_context():
        english = str(daily_bar_chart([(date(2026, 3, 3), 1234)], title="Letters"))
    assert "3 March 2026: 1,234 letters" in english and ">3 Mar</text>" in english


def test_commands_print_in_the_organisations_language(make_app, catalog_dir):
    app = make_app(DEFAULT_LOCALE="de", BABEL_TRANSLATION_DIRECTORIES=str(catalog_dir))
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["organisers", "create", "neu@example.org"])
    assert result.exit_code == 0, result.output
    assert "Konto für neu@example.org angelegt." in result.output
    assert re.search(r"^Einmalpasswort: \S+$", result.output, re.MULTILINE)
    assert "Created organiser" not in result.output


def test_commands_stay_english_by_default(make_app, catalog_dir):
    app = make_app(BABEL_TRANSLATION_DIRECTORIES=str(catalog_dir))
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["organisers", "create", "new@example.org"])
    assert result.exit_code == 0, result.output
    assert "Created organiser new@example.org." in result.output and "Einmalpasswort" not in result.output
