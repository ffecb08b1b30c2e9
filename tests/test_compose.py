"""Letter text: placeholders filled as plain data, a good default letter, mail-app links."""
from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from letters.compose import (PLACEHOLDERS, NoLetterVersion, Writer, as_plain_text, compose, fill,
                             unknown_placeholders)
from letters.mailto import MAX_URL_LENGTH, mailto_url
from letters.languages import letter_language

JANE = Writer(name="Jane Doe", address=("1 High Street", "Leeds", "United Kingdom"), town="Leeds",
              country_name="United Kingdom", personal_message="I think of him every day.")


def test_demo_letter_is_personal_and_polite(demo):
    president = demo.primary_targets[0]
    letter = compose(demo, president, JANE, language="en", today=date(2026, 11, 23))
    assert letter.salutation == "Dear President,"
    assert letter.closing == "Yours sincerely,"
    assert letter.date_text == "23 November 2026"
    assert letter.subject == "Azat Isakov (UA 118/21)"
    assert letter.personal_message == ""  # the demo template places it itself
    text = as_plain_text(letter)
    assert "I think of him every day." in text
    assert all(f"• {d.text}" in text for d in demo.demands)
    assert text.endswith("Yours sincerely,\nJane Doe\n1 High Street\nLeeds\nUnited Kingdom")
    assert "866 UN Plaza, Suite 540" in letter.recipient_address
    assert letter.recipient_address[-1] == "UNITED STATES"


def test_organiser_text_is_data_not_a_template_language(demo):
    template = demo.version_for("en")
    template.subject = "{ua_number} {{ 7*7 }}"
    template.body = "{salutation_typo} {% if x %}{{ config }}{% endif %} {supporter_town}"
    letter = compose(demo, demo.primary_targets[0], JANE, language="en", today=date(2026, 11, 23))
    assert letter.subject == "UA 118/21 {{ 7*7 }}"
    assert letter.paragraphs == ("{salutation_typo} {% if x %}{{ config }}{% endif %} Leeds",)
    assert letter.personal_message == "I think of him every day."  # not placed by the template: appended
    assert unknown_placeholders("{salutation} {salutation_typo} {ua_number} {evil}") == ["evil", "salutation_typo"]
    assert fill("{supporter_name}", {"supporter_name": "{ua_number}"}) == "{ua_number}"  # no second pass


def test_a_language_without_version_is_written_wholly_in_a_complete_one(demo):
    # An action whose language lost its version (deleted since): the letter is in another
    # language, but wholly in it, never Spanish dates around English demands.
    letter = compose(demo, demo.copy_targets[0], JANE, language="es", today=date(2026, 11, 23))
    assert (letter.language, letter.salutation, letter.closing) == ("en", "Dear Ambassador,", "Yours sincerely,")
    assert letter.date_text == "23 November 2026"


def test_a_campaign_without_any_version_has_no_letter(demo):
    demo.versions = []
    with pytest.raises(NoLetterVersion):
        compose(demo, demo.copy_targets[0], JANE, language="en", today=date(2026, 11, 23))


def test_every_placeholder_is_filled(demo):
    body = " ".join("{" + name + "}" for name in PLACEHOLDERS)
    demo.version_for("en").body = body
    letter = compose(demo, demo.primary_targets[0], JANE, language="en", today=date(2026, 11, 23))
    assert "{" not in " ".join(letter.paragraphs)


def test_mailto_links_are_encoded_and_short_enough():
    body = "Dear President,\n\n" + "\n\n".join(f"Paragraph {n} with ümlauts & symbols = ? #" for n in range(200))
    url = mailto_url(["a@example.org", "b@example.org"], "Azat Isakov (UA 118/21) & more", body,
                     cc=["c@example.org"])
    assert len(url) <= MAX_URL_LENGTH
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "a@example.org,b@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Azat Isakov (UA 118/21) & more"]
    assert query["cc"] == ["c@example.org"]
    assert query["body"][0].startswith("Dear President,\n\nParagraph 0 with ümlauts & symbols = ? #")
    assert query["body"][0].endswith("[…]")


def test_a_short_mailto_body_is_kept_whole():
    url = mailto_url(["a@example.org"], "Subject", "Line one\nLine two")
    assert parse_qs(urlsplit(url).query)["body"] == ["Line one\nLine two"]


def test_a_salutation_given_without_its_mark_ends_as_the_letters_language_ends_one(demo):
    president = demo.primary_targets[0]
    demo.version_for("en").greeting_for(president).salutation = "Dear President"
    assert compose(demo, president, JANE, language="en", today=date(2026, 11, 23)).salutation == "Dear President,"
    demo.version_for("en").greeting_for(president).salutation = "Dear President!"
    assert compose(demo, president, JANE, language="en", today=date(2026, 11, 23)).salutation == "Dear President!"


@pytest.mark.parametrize(("language", "given", "written"), [
    ("fr", "Monsieur le Procureur", "Monsieur le Procureur,"),
    ("es", "Señor Fiscal General", "Señor Fiscal General:"),
    ("de", "Sehr geehrter Herr Minister", "Sehr geehrter Herr Minister,"),
    ("ru", "Уважаемый господин министр", "Уважаемый господин министр!"),
    ("ar", "السيد الوزير المحترم", "السيد الوزير المحترم،"),
    ("es", "Señor Fiscal General:", "Señor Fiscal General:"),
    ("fr", "Monsieur le Procureur « général »", "Monsieur le Procureur « général »"),
    # Japanese letters open with a word, not a mark.
    ("ja", "大臣殿", "大臣殿"),
    ("en", "", ""),
])
def test_each_language_adds_its_own_mark_to_a_salutation_without_one(language, given, written):
    assert letter_language(language).punctuated(given) == written
