"""Letter versions: each language's letter says everything in that language, only complete ones
reach supporters, and no letter carries another version's words."""
from __future__ import annotations

import html
import io
import re
from datetime import date

import flask_migrate
import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from sqlalchemy import select

from campaigns import demo as demo_data
from extensions import db
from letters.compose import Writer, as_plain_text, compose
from letters.email import letter_email
from campaigns.importer import parse_ua_text
from letters.languages import LANGUAGES, language_code
from letters.mailto import mail_app_letter
from models import Campaign, CampaignStatus, DemandWording, Greeting, LetterVersion, Target, TargetKind
from tests.helpers import action_data
from tests.one_language import letter_text, mixed_letters
from tests.test_organisers_editor import _FormFields, editor_fields


def letter_form_fields(page: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(page)
    return dict(next(f for f in parser.forms if any(name == "subject" for name, _ in f)))

WRITE = "/campaigns/ua-118-21/write"
TODAY = date(2026, 12, 4)
WRITER = Writer(name="Jane Doe", address=("1 High Street", "Leeds"), town="Leeds", country_name="United Kingdom",
                country_code="GB")

# Letters for the demo in four more languages, each with its own words for everything.
MORE = {
    "de": dict(
        subject="Azat Isakov ({ua_number})",
        body="Ich wende mich an Sie wegen Azat Isakov, von dem seit dem 20. Oktober 2021 jede Spur fehlt. "
             "Ich bin in großer Sorge, dass ihm Folter droht.\n\nIch bitte Sie eindringlich:\n{demands}\n\n"
             "{personal_message}\n\nIch danke Ihnen für Ihre Aufmerksamkeit.",
        demands=["Geben Sie umgehend bekannt, was mit Azat Isakov geschehen ist und wo er sich aufhält.",
                 "Schützen Sie ihn vor Folter und anderen Misshandlungen, falls er in Gewahrsam ist, und lassen Sie "
                 "ihn seine Familie sehen und die nötige ärztliche Hilfe erhalten.",
                 "Lassen Sie Azat Isakov sofort frei, sofern keine glaubwürdigen Beweise für eine international "
                 "anerkannte Straftat vorliegen."],
        salutations=["Sehr geehrter Herr Präsident,", "Sehr geehrter Herr Botschafter,"],
        date="4. Dezember 2026"),
    "es": dict(
        subject="Azat Isakov ({ua_number})",
        body="Le escribo para expresarle mi profunda preocupación por Azat Isakov, de quien no se sabe nada desde "
             "el 20 de octubre de 2021. Temo que corra peligro de sufrir tortura.\n\nLe ruego encarecidamente que:\n"
             "{demands}\n\n{personal_message}\n\nLe agradezco de antemano su atención.",
        demands=["revele de inmediato qué le ha sucedido a Azat Isakov y dónde se encuentra;",
                 "si está detenido, lo proteja de la tortura y de otros malos tratos, y le permita ver a su familia "
                 "y recibir la atención médica que necesite;",
                 "lo ponga en libertad de inmediato, salvo que existan pruebas creíbles y suficientes para acusarlo "
                 "de un delito reconocido internacionalmente."],
        salutations=["Señor Presidente:", "Señor Embajador:"],
        date="4 de diciembre de 2026"),
    "zh": dict(
        subject="阿扎特·伊萨科夫（{ua_number}）",
        body="我写信是为了表达对阿扎特·伊萨科夫的深切关注。他自2021年10月20日起下落不明，我担心他面临遭受酷刑的危险。"
             "\n\n我恳请您：\n{demands}\n\n{personal_message}\n\n感谢您对此事的关注。",
        demands=["立即公开阿扎特·伊萨科夫的遭遇和下落；",
                 "如他被拘押，确保他免遭酷刑和其他虐待，并让他与家人联系、获得所需的医疗；",
                 "除非有充分可信的证据以国际公认的罪名起诉他，否则立即释放阿扎特·伊萨科夫。"],
        salutations=["尊敬的总统先生：", "尊敬的大使先生："],
        date="2026年12月4日"),
}


def add_version(campaign: Campaign, language: str, letter: dict) -> LetterVersion:
    with db.session.no_autoflush:
        version = _version(campaign, language, letter)
        campaign.versions.append(version)
    db.session.commit()
    return version


def _version(campaign: Campaign, language: str, letter: dict) -> LetterVersion:
    return LetterVersion(
        language=language, subject=letter["subject"], body=letter["body"],
        wordings=[DemandWording(demand=d, text=t) for d, t in zip(campaign.demands, letter["demands"], strict=True)],
        greetings=[Greeting(target=t, salutation=s, closing="")
                   for t, s in zip(campaign.ordered_targets, letter["salutations"], strict=True)])


@pytest.fixture
def polyglot(demo):
    """The demo with complete letters in German, Spanish and Chinese besides English and Russian."""
    for language, letter in MORE.items():
        add_version(demo, language, letter)
    return demo


# --- the demo's own two letters -----------------------------------------------------------------

def test_the_demo_ships_complete_english_and_russian_letters(demo):
    assert demo.letter_languages == ["en", "ru"]
    assert all(version.is_complete for version in demo.versions)
    president, ambassador = demo.ordered_targets
    russian = compose(demo, president, WRITER, language="ru", today=TODAY)
    assert russian.salutation == "Уважаемый господин Президент!"
    assert russian.closing == "С уважением,"
    assert russian.date_text.replace("\u202f", " ") == "4 декабря 2026 г."
    assert russian.subject == "Азат Исаков (UA 118/21)"
    text = as_plain_text(russian)
    for wording in demo_data.LETTERS["ru"]["demands"]:
        assert f"• {wording}" in text
    assert not any(demand in text for demand in demo_data.DEMANDS)
    # Everything but the supporter's own name and address is Cyrillic (the UA number aside).
    own_words = text.replace("Jane Doe", "").replace("1 High Street", "").replace("Leeds", "")
    assert not re.search(r"[A-Za-z]", own_words.replace("UA", ""))
    assert compose(demo, ambassador, WRITER, language="ru", today=TODAY).salutation == "Уважаемый господин Посол!"
    english = compose(demo, president, WRITER, language="en", today=TODAY)
    assert (english.salutation, english.closing) == ("Dear President,", "Yours sincerely,")


# --- a letter in each language is wholly in it --------------------------------------------------

@pytest.mark.parametrize("language", ["de", "ru", "es", "zh"])
def test_a_letter_in_each_language_has_that_languages_salutation_demands_and_closing(polyglot, language):
    letter = demo_data.LETTERS.get(language) or MORE[language]
    for target, salutation in zip(polyglot.ordered_targets, letter["salutations"], strict=True):
        composed = compose(polyglot, target, WRITER, language=language, today=TODAY)
        assert composed.language == language
        assert composed.salutation == salutation
        assert composed.closing == LANGUAGES[language].closing
        text = as_plain_text(composed)
        assert all(wording in text for wording in letter["demands"])
        assert not any(english in text for english in demo_data.DEMANDS)
        assert "Dear" not in text and "Yours sincerely" not in text
    if "date" in letter:
        assert composed.date_text.replace("\u202f", " ") == letter["date"]


def test_no_version_of_the_demo_carries_another_versions_words(polyglot):
    assert polyglot.letter_languages == ["en", "ru", "de", "es", "zh"]
    assert mixed_letters(polyglot) == []


def test_the_check_finds_a_letter_that_mixes_languages(polyglot):
    # Without this, the check run after every test (tests/conftest.py) could pass by finding nothing.
    # A letter that takes its demands from the campaign, as letters did before versions, mixes.
    def with_the_campaigns_demands(campaign, version, target):
        return letter_text(campaign, version, target) + "\n" + "\n".join(d.text for d in campaign.demands)

    problems = mixed_letters(polyglot, render=with_the_campaigns_demands)
    assert {p.split(" letter to ")[0] for p in problems} == {
        f"UA 118/21: the {language}" for language in ("ru", "de", "es", "zh")}
    assert all("carries en text" in p for p in problems)


def test_email_and_mail_app_letters_are_in_the_letter_language(app, polyglot):
    president = polyglot.primary_targets[0]
    email = letter_email(polyglot, president, WRITER, language="ru", today=TODAY)
    assert email.subject == "[TEST] Азат Исаков (UA 118/21)"
    assert "Уважаемый господин Президент!" in email.text and "С уважением," in email.text
    assert "Уважаемый господин Президент!" in email.html and 'lang="ru"' in email.html
    # Even the sender's name says "through the organisation" in the letter's language.
    assert email.sender.startswith(f'"{WRITER.name} через ') or email.sender.startswith(f"{WRITER.name} через "), \
        email.sender
    assert " via " in letter_email(polyglot, president, WRITER, language="en", today=TODAY).sender
    chinese = mail_app_letter(polyglot, president, WRITER, language="zh", today=TODAY)
    assert chinese.subject == "阿扎特·伊萨科夫（UA 118/21）"
    assert chinese.text.startswith("尊敬的总统先生：") and "此致敬礼" in chinese.text


# --- what supporters are offered ----------------------------------------------------------------

def _offered(client) -> list[tuple[str, str]]:
    page = client.get(WRITE).get_data(as_text=True)
    select_html = re.search(r'<select[^>]*name="language".*?</select>', page, re.S).group(0)
    return [(value, html.unescape(label)) for value, label in
            re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', select_html)]


def test_the_form_offers_complete_versions_named_in_their_own_language(client, demo):
    assert _offered(client) == [("en", "English"), ("ru", "Русский (Russian)")]
    client.set_cookie("ui_lang", "ru")
    assert _offered(client) == [("en", "English (английский)"), ("ru", "Русский")]
    client.set_cookie("ui_lang", "de")
    assert _offered(client) == [("en", "English (Englisch)"), ("ru", "Русский (Russisch)")]


def test_the_officials_preferred_language_comes_first(client, demo):
    demo.preferred_languages = ["ru", "en"]
    db.session.commit()
    assert [code for code, _ in _offered(client)] == ["ru", "en"]
    page = client.get(WRITE).get_data(as_text=True)
    assert re.search(r'<option selected value="ru"|<option value="ru" selected', page)


def test_an_incomplete_version_is_not_offered_and_cannot_be_sent(client, demo):
    russian = demo.version_for("ru")
    russian.greetings[0].salutation = ""
    db.session.commit()
    assert not russian.is_complete
    assert [kind for kind, _ in russian.gaps] == ["salutation"]
    assert [code for code, _ in _offered(client)] == ["en"]
    response = client.post(WRITE, data=action_data(demo, client, language="ru"))
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_a_live_campaign_without_a_complete_version_asks_supporters_to_come_back(client, demo):
    for version in demo.versions:
        version.wordings[0].text = ""
    db.session.commit()
    page = client.get(WRITE)
    assert page.status_code == 200 and "being updated" in page.get_data(as_text=True)
    data = {"name": "Jane Doe", "email": "jane@example.org", "city": "Leeds", "country": "GB", "channel": "mailto",
            "targets": [demo.primary_targets[0].id], "language": "en", "form_nonce": "n" * 24}
    assert client.post(WRITE, data=data).status_code == 409


# --- officials and demands coming and going -----------------------------------------------------

def test_a_new_official_leaves_a_gap_in_every_version_but_their_own_languages(org_client, demo):
    path = f"/organisers/campaigns/{demo.id}/edit"
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    fields.update({"copies-1-id": "", "copies-1-title": "Prosecutor General", "copies-1-salutation": "Dear Prosecutor,",
                   "copies-1-language": "en", "copies-1-city": "Ashgabat", "copies-1-country": "TM"})
    assert org_client.post(path, data={**fields, "op": "save"}).status_code == 303
    db.session.expire_all()
    prosecutor = next(t for t in demo.targets if t.title == "Prosecutor General")
    prosecutor_id = prosecutor.id
    # The English salutation went into the English letter, and only there.
    assert demo.version_for("en").salutation_for(prosecutor) == "Dear Prosecutor,"
    assert demo.version_for("en").is_complete
    assert demo.version_for("ru").gaps == [("salutation", prosecutor)]
    assert demo.letter_languages == ["en"]
    letters = org_client.get(f"/organisers/campaigns/{demo.id}/letters").get_data(as_text=True)
    assert "The salutation to Prosecutor General" in html.unescape(letters)
    assert "Incomplete: not offered to supporters" in letters
    editor = html.unescape(org_client.get(path).get_data(as_text=True))
    assert "The salutation to Prosecutor General" in editor

    # Written in Russian, the letter is complete again; removed, the official leaves no gap.
    form = f"/organisers/campaigns/{demo.id}/letters/ru"
    page_fields = letter_form_fields(org_client.get(form).get_data(as_text=True))
    page_fields[f"salutation_{prosecutor.id}"] = "Уважаемый господин Генеральный прокурор!"
    assert org_client.post(form, data=page_fields).status_code == 303
    db.session.expire_all()
    assert demo.letter_languages == ["en", "ru"]
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    fields = {k: v for k, v in fields.items() if not k.startswith("copies-1-")}
    assert org_client.post(path, data={**fields, "op": "save"}).status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(sa.func.count()).select_from(Greeting).where(
        Greeting.target_id == prosecutor_id)) == 0
    assert all(v.is_complete for v in demo.versions) and len(demo.versions[1].greetings) == 2


def test_a_new_demand_is_worded_in_the_campaigns_language_and_missing_in_the_others(org_client, demo):
    path = f"/organisers/campaigns/{demo.id}/edit"
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    fields.update({"demands-3-id": "", "demands-3-text": "Let him see a lawyer of his choice."})
    assert org_client.post(path, data={**fields, "op": "save"}).status_code == 303
    db.session.expire_all()
    lawyer = demo.demands[3]
    assert demo.version_for("en").wording_of(lawyer) == "Let him see a lawyer of his choice."
    assert demo.version_for("ru").gaps == [("demand", lawyer)]
    # An edit of a demand follows into the wording copied from it, never into a translation.
    fields = editor_fields(org_client.get(path).get_data(as_text=True))
    fields["demands-3-text"] = "Let him see a lawyer he chooses."
    org_client.post(path, data={**fields, "op": "save"})
    db.session.expire_all()
    assert demo.version_for("en").wording_of(demo.demands[3]) == "Let him see a lawyer he chooses."
    assert demo.version_for("ru").wording_of(demo.demands[0]) == demo_data.LETTERS["ru"]["demands"][0]


# --- the editor -------------------------------------------------------------------------------

def test_the_letter_form_has_a_field_for_every_demand_and_official(org_client, demo):
    page = html.unescape(org_client.get(f"/organisers/campaigns/{demo.id}/letters/ru").get_data(as_text=True))
    for wording in demo_data.LETTERS["ru"]["demands"]:
        assert wording in page
    assert "Уважаемый господин Президент!" in page and "Уважаемый господин Посол!" in page
    assert "Empty: “С уважением,”" in page


def test_saving_an_incomplete_letter_says_what_it_lacks(org_client, demo):
    new = f"/organisers/campaigns/{demo.id}/letters/new"
    response = org_client.post(new, data={"language": "de", "subject": "Azat Isakov ({ua_number})",
                                          "body": "Ich bitte Sie:\n{demands}",
                                          f"demand_{demo.demands[0].id}": "Sagen Sie, wo er ist.",
                                          f"salutation_{demo.primary_targets[0].id}": "Sehr geehrter Herr Präsident,"},
                               follow_redirects=True)
    text = html.unescape(response.get_data(as_text=True))
    assert "not complete yet" in text
    assert "Demand 2 in this language" in text and "Demand 3 in this language" in text
    assert "The salutation to His Excellency Meret Orazov" in text
    db.session.expire_all()
    assert [code for code in demo.letter_languages] == ["en", "ru"]
    preview = html.unescape(org_client.get(f"/organisers/campaigns/{demo.id}/letters/de/preview").get_data(
        as_text=True))
    assert "Sehr geehrter Herr Präsident," in preview and "Sagen Sie, wo er ist." in preview
    assert "This letter is not offered to supporters yet" in preview


def test_each_version_previews_in_its_own_language(org_client, demo):
    ambassador = demo.copy_targets[0]
    response = org_client.get(f"/organisers/campaigns/{demo.id}/letters/ru/preview.pdf?target={ambassador.id}")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Уважаемый господин Посол!" in text and "С уважением," in text
    email = html.unescape(org_client.get(f"/organisers/campaigns/{demo.id}/letters/ru/preview").get_data(
        as_text=True))
    assert "[TEST] Азат Исаков (UA 118/21)" in email and "Уважаемый господин Президент!" in email


def test_a_copied_campaign_keeps_its_complete_versions(org_client, demo):
    response = org_client.post(f"/organisers/campaigns/{demo.id}/duplicate",
                               data={"ua_number": "UA 119/21", "title": "A copy"})
    assert response.status_code == 303
    copy = db.session.scalar(select(Campaign).where(Campaign.ua_number == "UA 119/21"))
    assert copy.letter_languages == ["en", "ru"]
    assert copy.version_for("ru").salutation_for(copy.primary_targets[0]) == "Уважаемый господин Президент!"


# --- the migration ------------------------------------------------------------------------------

def test_migration_turns_templates_into_versions_without_mixing_languages(make_app, fresh_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=fresh_database_url)
    with app.app_context():
        flask_migrate.upgrade(revision="0010_locale")
        with db.engine.begin() as connection:
            run = connection.execute
            run(sa.text(
                "INSERT INTO campaigns (id, ua_number, slug, title, country, summary, background, status,"
                " preferred_languages, goal, is_test_mode, hourly_email_cap, created_at, updated_at, revision)"
                " VALUES (1, 'UA 5/20', 'ua-5-20', 'Old case', 'TM', '', '', 'live', '[\"en\", \"ru\"]', 10, :yes,"
                " 30, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '0')"), {"yes": True})
            run(sa.text("INSERT INTO demands (id, campaign_id, position, text) VALUES (1, 1, 0, 'Release him.'),"
                        " (2, 1, 1, 'Protect him.')"))
            for target_id, salutation, language in ((1, "Dear President,", ""),
                                                    (2, "Уважаемый господин Посол!", "ru")):
                run(sa.text(
                    "INSERT INTO targets (id, campaign_id, kind, position, title, honorific, name, organisation,"
                    " address_lines, city, region, postcode, country, emails, fax, phone, salutation, language)"
                    " VALUES (:id, 1, 'primary', :id, 'Official', '', '', '', '[]', '', '', '', 'TM', '[]', '', '',"
                    " :salutation, :language)"), {"id": target_id, "salutation": salutation, "language": language})
            for language in ("en", "ru"):
                run(sa.text("INSERT INTO letter_templates (campaign_id, language, subject, body, updated_at)"
                            " VALUES (1, :language, :subject, '{demands}', CURRENT_TIMESTAMP)"),
                    {"language": language, "subject": f"Subject {language}"})

        flask_migrate.upgrade()
        campaign = db.session.get(Campaign, 1)
        english, russian = campaign.version_for("en"), campaign.version_for("ru")
        assert (english.subject, russian.subject) == ("Subject en", "Subject ru")
        first, second = campaign.targets
        assert [english.wording_of(d) for d in campaign.demands] == ["Release him.", "Protect him."]
        assert [russian.wording_of(d) for d in campaign.demands] == ["Release him.", "Protect him."]
        # Each salutation only in its official's language: no English greeting in the Russian letter.
        assert (english.salutation_for(first), english.salutation_for(second)) == ("Dear President,", "")
        assert (russian.salutation_for(first), russian.salutation_for(second)) == ("", "Уважаемый господин Посол!")
        assert campaign.letter_languages == []
        db.session.remove()

        flask_migrate.downgrade(revision="0010_locale")
        with db.engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT language, subject FROM letter_templates ORDER BY language")).all()
            assert [tuple(row) for row in rows] == [("en", "Subject en"), ("ru", "Subject ru")]
            assert connection.execute(sa.text("SELECT salutation FROM targets ORDER BY id")).scalars().all() == [
                "Dear President,", "Уважаемый господин Посол!"]
            assert "letter_versions" not in sa.inspect(connection).get_table_names()
        flask_migrate.upgrade()
        db.engine.dispose()


def test_an_official_added_outside_the_editor_counts_too(demo):
    demo.targets.append(Target(kind=TargetKind.copy, position=1, title="Minister of Foreign Affairs"))
    db.session.commit()
    assert demo.letter_languages == []
    assert demo.status is CampaignStatus.live


# --- one table of languages -----------------------------------------------------------------------

def test_language_names_come_from_the_table_in_each_of_its_languages():
    assert [language_code(name) for name in ("Russian", "ruso", "russe", "Russisch", "Русский", "ru")] == ["ru"] * 6
    assert (language_code("Turkmen"), language_code("inglés"), language_code("Klingonese")) == ("tk", "en", None)


def test_a_sheet_naming_its_languages_in_spanish_is_read(app):
    imported = parse_ua_text("UA 12/26\nTÚNEZ: Periodista detenida\n\nPreferred languages: ruso, inglés\n")
    assert imported.preferred_languages == ["ru", "en"]
