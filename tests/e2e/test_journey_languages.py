"""Supporters who read Spanish, French, German, Russian or Arabic go through the whole journey in
their own language: the case page, the form and its errors, the thank-you page, the PDF's cover sheet, the
confirmation email and the page its link opens. No sentence of the English interface reaches
them; only names (of people, places and the case) stay as they are written.

What the pages should say is read from the shipped catalogs themselves, so the test follows the
translators' words; what must not appear is every English source sentence that the catalog
translates differently.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import official_addresses
from tests.e2e.flows import PHONE
from tests.e2e.mail import links_in, mail_to, text_of

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
_MARKUP = re.compile(r"%\(\w+\)[sdif]|\{\w+\}|<[^>]+>|%%")


def english_sentences(code: str) -> list[str]:
    """Stretches of English source text of three words or more that the catalog words otherwise."""
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale=code)
    found = set()
    for message in catalog:
        if not message.id or not message.string:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = " ".join(message.string if isinstance(message.string, tuple) else (message.string,))
        for source in sources:
            for piece in _MARKUP.split(source):
                piece = " ".join(piece.split()).strip(" .,:;!?()“”\"'—-")
                if len(piece.split()) >= 3 and piece not in translated:
                    found.add(piece)
    return sorted(found)


def english_in(text: str, sentences: list[str]) -> list[str]:
    flat = " ".join(text.split())
    return [sentence for sentence in sentences if sentence in flat]


SUPPORTERS = {
    "es": {"name": "María López Ferrer", "email": "maria@example.org", "street": "Calle de Atocha 27",
           "city": "Madrid", "postcode": "28012", "country": "ES", "region": "M",
           "message": "Pienso en Azat Isakov y en su familia cada día."},
    "fr": {"name": "Camille Dubois", "email": "camille@example.org", "street": "12 rue de la République",
           "city": "Lyon", "postcode": "69001", "country": "FR", "region": None,
           "message": "Je pense chaque jour à Azat Isakov et à sa famille."},
    "de": {"name": "Jonas Becker", "email": "jonas@example.org", "street": "Invalidenstraße 11",
           "city": "Berlin", "postcode": "10115", "country": "DE", "region": None,
           "message": "Ich denke jeden Tag an Azat Isakov und seine Familie."},
    "ru": {"name": "Анна Соколова", "email": "anna@example.org", "street": "ул. Покровка, д. 8",
           "city": "Москва", "postcode": "101000", "country": "RU", "region": "Москва",
           "message": "Я каждый день думаю об Азате Исакове и его семье."},
    "ar": {"name": "ليلى حداد", "email": "layla@example.org", "street": "شارع الرينبو 14",
           "city": "عمّان", "postcode": "11181", "country": "JO", "region": None,
           "message": "نفكر في أزات إيساكوف وعائلته كل يوم."},
}


@pytest.mark.parametrize("code", sorted(SUPPORTERS))
def test_a_supporter_goes_through_the_journey_in_their_language(code, server, outbox_worker, smtp_sink,
                                                               demo_campaign, new_page, shot):
    catalog = Translations.load(str(TRANSLATIONS), [code])
    assert isinstance(catalog, Translations), f"translations/{code} is not compiled: run `make translations`"
    _ = catalog.gettext
    english = english_sentences(code)
    supporter = SUPPORTERS[code]
    page = new_page(viewport=PHONE)

    def no_english(where: str) -> None:
        leaks = english_in(page.locator("body").inner_text(), english)
        assert not leaks, f"English on the {where} page in {code}: {leaks}"

    # The switcher, from the case page: the choice is remembered from then on.
    page.goto(server(f"/campaigns/{demo_campaign}"))
    page.locator(".language-switcher summary").click()
    page.locator(f'.language-switcher a[lang="{code}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if code == "ar" else "ltr")
    no_english("case")
    shot(page, f"{code} case page")

    page.get_by_role("link", name=_("Write a letter now")).click()
    expect(page.get_by_role("button", name=_("Write my letters"))).to_be_visible()
    no_english("form")
    shot(page, f"{code} form")

    # Sent empty: every message says what to do, in the reader's language.
    page.get_by_role("button", name=_("Write my letters")).click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#error-summary")).to_contain_text(_("Please enter your name."))
    no_english("form with errors")
    shot(page, f"{code} form with errors")

    # --- a PDF to print: its cover sheet speaks the reader's language ---
    page.get_by_label(_("Your name")).fill(supporter["name"])
    page.get_by_label(_("Your email address")).fill(supporter["email"])
    page.locator('select[name="country"]').select_option(supporter["country"])
    page.wait_for_load_state("networkidle")  # the fields refit to the country (static/js/address.js)
    page.locator('[name="address_line1"]').fill(supporter["street"])
    page.locator('[name="city"]').fill(supporter["city"])
    page.locator('[name="postcode"]').fill(supporter["postcode"])
    if supporter["region"]:
        page.locator('select[name="region"]').select_option(supporter["region"])
    page.locator('[name="personal_message"]').fill(supporter["message"])
    page.locator('input[name="channel"][value="pdf"]').check()
    if supporter["region"]:
        expect(page.locator('select[name="region"]')).to_have_value(supporter["region"])
    page.get_by_role("button", name=_("Write my letters")).click()
    # The first letter in a script loads its font: allow a loaded machine more than the usual wait.
    expect(page.locator("h1")).to_contain_text(supporter["name"], timeout=30_000)
    no_english("thank-you")
    shot(page, f"{code} thank you")

    # The link the page offers, fetched as the browser would (with its cookies).
    pdf_link = page.locator('a[href$="letters.pdf"]').first
    expect(pdf_link).to_be_visible()
    response = page.request.get(server(pdf_link.get_attribute("href")), timeout=60_000)
    assert response.ok and response.headers["content-type"] == "application/pdf", response.status
    reader = PdfReader(io.BytesIO(response.body()))
    cover = reader.pages[0].extract_text()
    assert not english_in(cover, english), f"English on the {code} cover sheet: {english_in(cover, english)}"
    letters_text = "\n".join(page_.extract_text() for page_ in reader.pages[1:])
    assert "Azat Isakov" in letters_text or "Азат Исаков" in letters_text

    # --- an email letter, confirmed from the inbox: the email and its page in the reader's language ---
    page.goto(server(f"/campaigns/{demo_campaign}/write"))
    page.get_by_label(_("Your name")).fill(supporter["name"])
    page.get_by_label(_("Your email address")).fill(supporter["email"])
    page.locator('select[name="country"]').select_option(supporter["country"])
    page.wait_for_load_state("networkidle")
    page.locator('[name="city"]').fill(supporter["city"])
    if supporter["region"]:
        page.locator('select[name="region"]').select_option(supporter["region"])
    page.locator('input[name="channel"][value="email"]').check()
    page.get_by_role("button", name=_("Write my letters")).click()
    expect(page.locator("h1")).to_be_visible()
    no_english("check your inbox")
    shot(page, f"{code} check your inbox")

    confirmation = mail_to(smtp_sink, supporter["email"], subject_contains="")[-1]
    email_text = text_of(confirmation)
    assert not english_in(email_text, english), f"English in the {code} email: {english_in(email_text, english)}"
    assert not english_in(str(confirmation.message["Subject"]), english)
    link = next(url for url in links_in(confirmation, server.url) if "/confirm/" in url)
    page.goto(link)
    no_english("confirmation")
    shot(page, f"{code} confirm page")
    page.locator("form button[type=submit]").first.click()
    expect(page.get_by_role("status").first).to_be_visible()
    no_english("confirmed")
    shot(page, f"{code} confirmed")

    with smtp_sink.lock:
        everyone = {address.lower() for item in smtp_sink.received for address in item.rcpt_tos}
    assert not everyone & official_addresses()


def test_english_sentences_are_found_where_they_leak():
    """The check above would see a page that kept an English sentence."""
    english = english_sentences("es")
    assert english, "the Spanish catalog translates no English sentence of three words or more"
    leaked = english[len(english) // 2]
    assert leaked in english_in(f"Hola. {leaked}. Adiós.", english)
    assert english_in("Hola y adiós, María López.", english) == []
