"""The UA importer: sheets of both layouts read field by field, nothing of a sheet lost, drafts created safely.

The sheets under tests/fixtures/ua_texts are invented cases (people, officials, addresses), written in the
international layout, as an old-style follow-up and as a messy paste; seed 004 is the national layout.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from flask import has_app_context
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from campaigns.importer.prose import asked_demands
from campaigns.importer.documents import join_hyphenated
from campaigns.importer import (LABEL_WORDS, ImportedCampaign, ImportedPerson, ImportedTarget,
                                create_draft_from_import, normalise_text, parse_ua_text, read_date)
from extensions import db
from letters.compose import Writer, compose, unknown_placeholders
from models import AuditEntry, Campaign, CampaignStatus, TargetKind, slug_for_ua_number

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_1d526e8f3518e5d4.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ua_texts"


def sheet(name: str) -> str:
    """A sheet exactly as stored: CRLF line ends and all."""
    if name == "seed" and not SEED.exists():
        # The real UA 118/21 sheet is never copied into the repository; a clone alone has only ours.
        pytest.skip("the UA 118/21 sheet is read from ../shared/seeds, which is not beside this clone")
    path = SEED if name == "seed" else FIXTURES / f"{name}.txt"
    return path.read_bytes().decode("utf-8")


SHEETS = ["seed"] * SEED.exists() + ["international_kazakhstan", "followup_peru", "messy_russia",
                                     "old_style_uzbekistan"]


def words(text: str) -> set[str]:
    return set(re.findall(r"\w{2,}", unicodedata.normalize("NFKC", text).casefold()))


def output_text(imported: ImportedCampaign) -> str:
    """Every string the parser produced, in any field, nested or not."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif dataclasses.is_dataclass(value):
            for item in dataclasses.fields(value):
                yield from strings(getattr(value, item.name))
    return "\n".join(strings(imported))


def lost_words(text: str) -> set[str]:
    """Words of the sheet found in no parsed field and not in `unplaced` (contact labels aside). The two halves of
    a word broken over two lines ("AA\xad" / "Dana") are kept in the word made whole."""
    lost = words(normalise_text(text)) - words(output_text(parse_ua_text(text))) - LABEL_WORDS
    # Lines as the importer cuts them: str.splitlines also breaks at the file, group and record separators
    # (\x1c-\x1e), which the importer drops as invisible.
    return lost & words("\n".join(join_hyphenated(normalise_text(text).split("\n"))))


def read(text: str):
    """The sheet imported, after checking that every word of it is placed somewhere."""
    imported = parse_ua_text(text)
    assert lost_words(text) == set()
    return imported


# --- seed 004, the national layout ---------------------------------------------------------------

def test_seed_004_is_read_field_by_field():
    imported = parse_ua_text(sheet("seed"))
    assert imported.ua_number == "UA 118/21"
    assert (imported.ordinal, imported.ordinal_label, imported.is_follow_up) == (1, "", False)
    assert imported.title == "TURKMENISTAN: Opposition Activist At Risk Of Torture"  # as the sheet writes it
    assert imported.country == "TM"
    assert imported.people == [ImportedPerson("Azat Isakov", "he/him")]
    assert imported.summary.startswith("Azat Isakov, a Turkmen labour migrant living in Russia, has been a vocal "
                                       "critic of the Turkmenistan government since 2019")  # hard wraps joined
    assert imported.summary.endswith("including threats of abduction and rape of family members.")
    assert imported.summary.count("\n\n") == 1
    assert [d[:28] for d in imported.demands] == [
        "Ensure the urgent disclosure", "If he is in the custody of T", "Release Azat Isakov immediat"]
    assert imported.demands[1].endswith("access to his family and any medical care he might require")
    assert imported.targets == [ImportedTarget(
        title="President of Turkmenistan", name="Gurbanguly Berdimuhamedov",
        organisation="The Permanent Mission of Turkmenistan to the United Nations",
        address_lines=["866 UN Plaza, Suite 540"], city="New York", region="NY", postcode="10017", country="US",
        emails=["turkmenistan@un.int", "go.saparov@gmail.com"], fax="1-212-486 25 21", salutation="Dear President,")]
    assert imported.copies == [ImportedTarget(
        honorific="His Excellency", name="Meret Orazov", organisation="Embassy of the Republic of Turkmenistan",
        address_lines=["2207 Massachusetts Avenue NW"], city="Washington", region="DC", postcode="20008",
        country="US", emails=["turkmen@mindspring.com"], fax="1-202-588-0697", phone="1-202-588-1500")]
    assert imported.background.startswith("Turkmenia, Unite! movement is an opposition group")
    assert imported.background.endswith("against human rights defenders and political activists across the country.")
    assert "Keep me updated" not in imported.background
    assert imported.updates_address == "urgentaction@amnesty.ca"
    assert (imported.deadline, imported.preferred_languages, imported.template) == (None, [], None)
    assert imported.previous_ua_link is None
    # The person was inferred from the text: the organiser is told to check.
    assert imported.unplaced == ["Note: the sheet has no NAME AND PRONOUN line: the person at risk was taken to "
                                 "be Azat Isakov (he/him) from the text. Please check."]


def test_parsing_needs_no_application_or_database():
    assert not has_app_context()
    assert parse_ua_text(sheet("seed")).ua_number == "UA 118/21"


# --- sheets of our own ---------------------------------------------------------------------------

def test_international_layout_with_model_letter():
    imported = parse_ua_text(sheet("international_kazakhstan"))
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == ("UA 131/26", 1, "First")
    assert imported.title == "Kazakhstan: Journalist Held for Reporting on a Strike"
    assert imported.country == "KZ"
    assert imported.people == [ImportedPerson("Dana Serikbayeva", "she/her")]
    assert imported.summary.startswith("Dana Serikbayeva, an independent journalist from Aktobe, was detained")
    assert imported.summary.endswith("Her lawyer has not been allowed to visit her since 9 October.")
    # The model letter's list is the sheet's only list of demands.
    assert imported.demands == [
        "Release Dana Serikbayeva immediately and unconditionally, and drop the charge against her",
        "Pending her release, ensure that she can see her lawyer and her family regularly",
        "Ensure that journalists in Kazakhstan can report on strikes and protests without fear of reprisal."]
    assert imported.targets == [ImportedTarget(
        title="Prosecutor General", name="Berik Zhaksylykov", organisation="Office of the Prosecutor General",
        address_lines=["14 Mangilik El Avenue"], city="Astana", postcode="010000", country="KZ",
        emails=["reception@prosecutor.example"], fax="+7 7172 71 28 00", salutation="Dear Prosecutor General,",
        language="kk")]
    assert imported.copies == [
        ImportedTarget(title="Ambassador", name="Aliya Mukhametova",
                       organisation="Embassy of the Republic of Kazakhstan", address_lines=["125 Kensington Park Road"],
                       city="London", postcode="W11 2PN", country="GB",
                       emails=["consular.london@kazembassy.example"], phone="+44 20 7946 0123",
                       salutation="Your Excellency,", language="kk"),
        ImportedTarget(honorific="Ms", name="Camille Durand",
                       organisation="Kazakhstan Desk, Ministry for Europe and Foreign Affairs",
                       address_lines=["12 Rue de la Liberté"], city="Paris", postcode="75007", country="FR",
                       emails=["desk.kz@diplomatie.example"], salutation="Dear Ms Durand,", language="kk")]
    assert imported.background.startswith("Dana Serikbayeva has written for independent news sites")
    assert imported.background.count("\n\n") == 1
    assert imported.preferred_languages == ["kk", "ru", "en"]
    assert imported.deadline == date(2026, 11, 25)
    assert imported.previous_ua_link == "https://www.example.org/documents/eur57/0301/2026/en/"
    assert imported.updates_address is None
    template = imported.template
    # The letter is in English whatever the preferred languages: its salutation says so.
    assert (template.language, template.subject) == ("en", "{person} ({ua_number})")
    assert template.body == (
        "I am writing to you about Dana Serikbayeva, a journalist from Aktobe who has been in pre-trial detention "
        "since 6 October 2026 because of her reporting on a strike at a copper smelter.\n\n"
        "Reporting on a labour dispute is not a crime. I am concerned that the charge against her is being used to "
        "punish her for her work and to warn other journalists away from the strike.\n\n"
        "I urge you to:\n{demands}")
    assert "Dear Prosecutor General," in imported.recognised and "[Your name]" in imported.recognised
    # The rest of the header line (the index number, the country and the date published) is read with it.
    assert imported.unplaced == []


def test_old_layout_follow_up_with_one_line_copies():
    imported = parse_ua_text(sheet("followup_peru"))
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == ("UA 207/25", None, "Further information")
    assert imported.is_follow_up
    assert imported.title == "Land Defender's Family Threatened Again"
    assert imported.country == "PE"  # from the header line: the title has no country
    assert imported.people == [ImportedPerson("Marisol Huamán Quispe", "she/her")]  # "Name:" and "Gender m/f: f"
    assert imported.demands == [
        "Agree with Marisol Huamán Quispe and her family on protection measures and put them in place now",
        "Investigate the threats promptly and impartially, and bring those responsible to justice",
        "Make sure land defenders in Espinar can take part in public hearings without fear of reprisal"]
    assert imported.preferred_languages == ["es"]  # "Please write immediately in Spanish or your own language"
    assert imported.deadline == date(2026, 12, 15)
    assert imported.targets == [
        ImportedTarget(title="Minister of the Interior", honorific="Sr.", name="Ricardo Alvarado Torres",
                       organisation="Ministerio del Interior", address_lines=["Av. Corpac 1150, San Isidro"],
                       city="Lima", postcode="15036", country="PE", emails=["despacho@mininter.example"],
                       fax="+51 1 518 0000", salutation="Dear Minister / Señor Ministro:", language="es"),
        ImportedTarget(title="Attorney General", honorific="Dra.", name="Lucía Fernández Paredes",
                       organisation="Fiscalía de la Nación", address_lines=["Av. Abancay 491"], city="Lima",
                       postcode="15001", country="PE", emails=["mesadepartes@fiscalia.example"],
                       salutation="Dear Attorney General / Señora Fiscal de la Nación:", language="es")]
    assert imported.copies == [
        ImportedTarget(organisation="Asociación Wayra Kawsay (local NGO)", address_lines=["Jr. Tupac Amaru 310"],
                       city="Cusco", postcode="08002", country="PE", emails=["wayra.kawsay@ngo.example"],
                       language="es"),
        ImportedTarget(honorific="His Excellency", name="Gonzalo Prado", organisation="Embassy of Peru",
                       address_lines=["52 Kensington Court"], city="London", postcode="W8 5DL", country="GB",
                       fax="+44 20 7946 0456", language="es")]
    assert imported.background.startswith("Marisol Huamán Quispe leads a women's association")
    assert imported.background.endswith("it is rarely applied outside the capital.")
    assert imported.template is None
    assert imported.unplaced == [
        "Note: this sheet is a follow-up (“Further information”) on UA 207/25. If a campaign for it exists, add the "
        "news there as a case update instead of publishing a second campaign."]


def test_messy_paste_crlf_tabs_no_break_spaces_glued_bullets_cyrillic():
    text = sheet("messy_russia")
    assert "\r\n" in text and "\t" in text and "\u00a0" in text and "\u2022Drop" in text  # the fixture is messy
    imported = parse_ua_text(text)
    assert imported.ua_number == "UA 9/27"  # only in the request for updates, after the model letter
    assert imported.title == "RUSSIAN FEDERATION: Environmental Activist Charged Over A One-Person Picket"
    assert imported.country == "RU"
    assert imported.people == [ImportedPerson("Timur Abdullaev", "he/him")]
    assert imported.summary.startswith("Тимур Абдуллаев (Timur ABDULLAEV), a 34-year-old environmental activist")
    assert "charged on 12 January 2027 with “repeatedly violating" in imported.summary  # no-break space is a space
    assert imported.demands == [
        "Drop the charge against Timur Abdullaev, which is based only on his peaceful protest",
        "Lift the travel ban imposed on him while the case is investigated",
        "Ensure that nobody in the region is prosecuted for holding a peaceful one-person picket"]
    # A target with no email address, and one written in Cyrillic with no country line.
    assert imported.targets == [ImportedTarget(
        title="Prosecutor of Arkhangelsk Region", name="Ivan Petrovich Sokolov", address_lines=["ul. Pomorskaya 9"],
        city="Arkhangelsk", postcode="163000", country="RU", phone="+7 8182 00 00 00", salutation="Dear Prosecutor,",
        language="ru")]
    assert imported.copies == [ImportedTarget(
        organisation="Генеральная прокуратура Российской Федерации", address_lines=["ул. Большая Дмитровка, 15а"],
        city="Москва", postcode="125993", emails=["priemnaya@genproc.example"],
        salutation="Уважаемый господин Генеральный прокурор,", language="ru")]
    assert imported.background.startswith("Timur Abdullaev has held a one-person picket every spring since 2021")
    assert imported.background.endswith("the new charge rests on those two fines.")
    assert imported.deadline == date(2027, 2, 2)  # "February 2, 2027"
    assert imported.preferred_languages == ["ru"]
    assert imported.updates_address == "ua-updates@section.example"
    # The sheet's curly brackets cannot act as placeholders; the organiser is told why they changed.
    assert imported.template.body == ("I am writing to ask you to drop the charge against Timur Abdullaev. He stood "
                                      "alone, peacefully, with a sign that read (Save the Dvina forest). "
                                      "That is not a crime.")
    assert imported.unplaced == ["Note: curly brackets in the model letter were made round, so that they cannot "
                                 "act as placeholders."]


def test_old_layout_please_write_immediately_tel_fax_and_honorific_on_its_own_line():
    imported = parse_ua_text(sheet("old_style_uzbekistan"))
    assert (imported.ua_number, imported.title, imported.country) == (
        "UA 88/26", "Blogger Forcibly Confined to Psychiatric Hospital", "UZ")
    assert imported.people == [ImportedPerson("Jasur Tillaev", "he/him")]  # inferred, with a note
    assert imported.demands == [
        "Calling on the authorities to release Jasur Tillaev from the hospital immediately",
        "Urging them to allow his family and a lawyer of his choice to visit him",
        "Asking them to stop using psychiatric confinement to punish critics"]
    assert imported.preferred_languages == ["en", "uz"]  # "in English, Uzbek or your own language"
    assert imported.deadline == date(2026, 4, 13)
    assert imported.targets == [ImportedTarget(
        title="President of the Republic of Uzbekistan", honorific="His Excellency", name="Bakhodir Tursunov",
        address_lines=["Rezidentsiya Prezidenta, ul. Uzbekistanskaya 43"], city="Tashkent", postcode="100000",
        country="UZ", emails=["presidentoffice@gov.example", "info@gov.example"], fax="+998 71 000 00 00",
        phone="+998 71 000 00 00", salutation="Dear President", language="en")]
    assert imported.copies == [ImportedTarget(
        title="Ombudsperson", name="Feruza Karimova", organisation="Parliamentary Ombudsperson's Office",
        address_lines=["Mustakillik Square 5"], city="Tashkent", postcode="100029", country="UZ", language="en")]
    assert imported.unplaced == [
        "Note: the sheet has no NAME AND PRONOUN line: the person at risk was taken to be Jasur Tillaev (he/him) "
        "from the text. Please check."]


@pytest.mark.parametrize("name", SHEETS)
def test_no_word_of_a_sheet_is_lost(name):
    assert lost_words(sheet(name)) == set()


@pytest.mark.parametrize("name", SHEETS)
def test_templates_use_known_placeholders_only(name):
    template = parse_ua_text(sheet(name)).template
    if template is not None:
        assert unknown_placeholders(template.subject + template.body) == []
        assert set(re.findall(r"\{(\w+)\}", template.body)) <= {"demands"}


# --- variants ------------------------------------------------------------------------------------

@pytest.mark.parametrize("header,number,ordinal,label", [
    ("THIRD UA 60/16", "UA 60/16", 3, "Third"),
    ("Further information on UA 60/16", "UA 60/16", None, "Further information"),
    ("Further information on UA: 60/16 Index: EUR 61/0001/2017", "UA 60/16", None, "Further information"),
    ("2nd UA 60/16", "UA 60/16", 2, "2nd"),
    ("UA 60/16", "UA 60/16", 1, ""),
    ("UA:060/16", "UA 60/16", 1, ""),
])
def test_ua_number_and_which_sheet_of_the_case(header, number, ordinal, label):
    imported = parse_ua_text(f"{header}\n\nPERU: A TITLE\n\nA summary.")
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == (number, ordinal, label)
    assert imported.title == "Peru: A Title"


@pytest.mark.parametrize("written,expected", [
    ("2 February 2027", date(2027, 2, 2)),
    ("February 2, 2027", date(2027, 2, 2)),
    ("2nd Feb. 2027", date(2027, 2, 2)),
    ("Feb 2nd 2027.", date(2027, 2, 2)),
    ("2027-02-02", date(2027, 2, 2)),
    ("2/2/2027", date(2027, 2, 2)),      # the same read either way
    ("13/4/2027", date(2027, 4, 13)),    # only one way makes a date
    ("4/13/2027", date(2027, 4, 13)),
    ("13.04.27", date(2027, 4, 13)),
    ("2 de febrero de 2027", date(2027, 2, 2)),
    ("2 février 2027", date(2027, 2, 2)),
    ("2 февраля 2027 г.", date(2027, 2, 2)),
])
def test_deadlines_written_every_which_way(written, expected):
    assert read_date(written) == (expected, "")
    assert parse_ua_text(f"PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: {written}").deadline == expected


@pytest.mark.parametrize("written", ["3/4/2027", "30 February 2027", "2 February", "2 Brumaire 2027"])
def test_a_deadline_that_cannot_be_read_is_left_to_the_organiser(written):
    line = f"Please take action until {written}"
    imported = parse_ua_text(f"A TITLE\n\nA summary.\n\n{line}")
    assert imported.deadline is None
    assert line in imported.unplaced
    assert any(note.startswith("Note: the deadline could not be read") for note in imported.unplaced)
    assert read_date(written)[0] is None


def test_an_introduction_without_colon_counts_only_before_a_list():
    listed = parse_ua_text("A TITLE\n\nSummary.\n\nWrite to the Governor urging her to\n"
                           "• Free Ana Ruiz\n• Drop the charges")
    assert listed.demands == ["Free Ana Ruiz", "Drop the charges"]
    wrapped = parse_ua_text("A TITLE\n\nThe police keep urging him to\nleave the country.")
    assert (wrapped.demands, wrapped.summary) == ([], "The police keep urging him to leave the country.")


def test_a_sentence_about_acting_soon_is_no_deadline():
    imported = parse_ua_text("A TITLE\n\nA summary.\n\nPlease take action before it is too late.\n\nMore summary.")
    assert imported.deadline is None
    assert imported.summary == "A summary.\n\nPlease take action before it is too late.\n\nMore summary."


def test_the_deadline_may_stand_on_the_line_after_its_heading():
    imported = parse_ua_text("PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL:\n2 February 2027\n\nNAME AND PRONOUN:\n"
                             "Aigerim NURLANOVNA (she/her) and Daniyar Seitkali (he/him)")
    assert imported.deadline == date(2027, 2, 2)
    assert imported.people == [ImportedPerson("Aigerim Nurlanovna", "she/her"),
                               ImportedPerson("Daniyar Seitkali", "he/him")]


@pytest.mark.parametrize(("again", "people"), [
    ("NAME AND PRONOUN: Karim Example (he/him)", [ImportedPerson("Karim Example", "he/him")]),
    ("NAME AND PRONOUN: KARIM EXAMPLE (he/him)", [ImportedPerson("Karim Example", "he/him")]),
    ("NAMES AND PRONOUNS: Karim Example (he/him) and Lina Example (she/her)",
     [ImportedPerson("Karim Example", "he/him"), ImportedPerson("Lina Example", "she/her")]),
])
def test_the_people_line_said_again_further_down_names_each_person_once(again, people):
    """An update may give its NAME AND PRONOUN line twice, above the action and below the model letter."""
    imported = parse_ua_text("URGENT ACTION UPDATE\n\nA TITLE\n\nKarim Example is still held.\n\n"
                             f"NAME AND PRONOUN: Karim Example (he/him)\n\nA paragraph more.\n\n{again}\n")
    assert imported.people == people and imported.sources["people.0"] == (7, 7)


@pytest.mark.parametrize("bullet", ["•", "• ", "- ", "-", "* ", "– ", "▪ ", "1. ", "1.", "2) ", "(3) ", "a) ", "■ ",
                                    "► ", "➢ ", "✓ ", "\uf0b7 ", "\uf0a7\t"])
def test_every_bullet_style(bullet):
    text = (f"A TITLE\n\nSummary.\n\nPlease write to the Minister calling on her to:\n{bullet}Release Ana Ruiz now;\n"
            f"{bullet}Ensure she is not\nill-treated\n{bullet}Drop the charges\n\nWrite to:\nMinister of Justice")
    assert parse_ua_text(text).demands == ["Release Ana Ruiz now", "Ensure she is not ill-treated", "Drop the charges"]


@pytest.mark.parametrize("intro", [
    "Please write in English, Tamil or your own language, raising the following points:",
    "Amnesty International fordert:", "Amnesty fordert:", "Bitte fordern Sie die Behörden auf:",
    "E-MAILS, FAXE ODER LUFTPOSTBRIEFE MIT FOLGENDEN FORDERUNGEN",
    "Demandez-lui :", "Dans votre lettre, demandez aux autorités :", "Nous vous demandons :",
    "Appelez les autorités à :",
    "Escribe al Fiscal General pidiéndole que:", "Le pedimos que:", "Instamos a las autoridades a:",
    "Escribe en español, con tus propias palabras, pidiendo a las autoridades:", "Pídele al Presidente:",
    "Tell the authorities to:", "We ask that you:",
    # A request to write whose sentence the list ends, with no colon.
    "Write letters or emails in which you", "Schicken Sie Briefe oder Faxe, in denen Sie",
    "Escribid cartas en las que",
])
def test_demands_are_introduced_in_every_sheet_language(intro):
    text = (f"A TITLE\n\nSummary.\n\n{intro}\n• Ana Ruiz freizulassen\n• de la libérer\n\n"
            "Write to:\nMinister of Justice")
    imported = parse_ua_text(text)
    assert imported.demands == ["Ana Ruiz freizulassen", "De la libérer"]
    assert intro in imported.recognised


@pytest.mark.parametrize("intro", ["Write a letter, send an email, call, fax or tweet:",
                                   # after a call to act
                                   "TAKE ACTION: WRITE A LETTER, SEND AN EMAIL, CALL, FAX OR TWEET:",
                                   "Take action now! Write a letter or send an email:",
                                   "Le pedimos que escriba a las autoridades para:",
                                   "Nous vous demandons d'écrire aux autorités pour :"])
def test_an_introduction_may_end_in_other_words(intro):
    text = (f"A TITLE\n\nSummary.\n\n{intro}\n• demander la libération de Ana Ruiz ;\n• Drop the charges\n\n"
            "Write to:\nMinister of Justice")
    assert parse_ua_text(text).demands == ["Demander la libération de Ana Ruiz", "Drop the charges"]


def test_numbered_demands_that_each_start_with_que():
    text = ("A TITLE\n\nSummary.\n\nQUÉ PUEDES HACER\nEscribe en español o en francés, con tus propias palabras, "
            "pidiendo a las autoridades:\n1. que revelen el paradero de Ana Ruiz;\n2. que la pongan en libertad.\n")
    imported = parse_ua_text(text)
    assert [demand.casefold() for demand in imported.demands] == ["que revelen el paradero de ana ruiz",
                                                                   "que la pongan en libertad"]
    assert imported.preferred_languages == ["es", "fr"]


def test_a_bulleted_list_interrupted_by_a_sentence_goes_on_only_with_bullets():
    """After the deadline sentence, the lines without bullets are no demands (here: an address with no heading)."""
    text = ("A TITLE\n\nSummary.\n\nPídele al Presidente:\n1. que libere a Ana Ruiz;\n2. que la proteja.\n\n"
            "Envía tus llamamientos antes del 2 de mayo de 2027.\n\nMinistro de Justicia\nCalle Mayor 1\nLima\n")
    imported = parse_ua_text(text)
    assert [demand.casefold() for demand in imported.demands] == ["que libere a ana ruiz", "que la proteja"]
    assert imported.deadline == date(2027, 5, 2)


def test_the_languages_to_write_in_may_introduce_the_list_of_demands():
    text = ("A TITLE\n\nSummary.\n\nPlease write in English, French or your own language:\n"
            "- Calling on the authorities to release him;\n- Urging them to protect his family.\n\n"
            "PLEASE SEND APPEALS BEFORE 15 DECEMBER 2026 TO:\nMinister")
    imported = parse_ua_text(text)
    assert imported.demands == ["Calling on the authorities to release him", "Urging them to protect his family"]
    assert imported.preferred_languages == ["en", "fr"]


def test_demands_after_a_sentence_that_gives_the_deadline_and_offers_wording():
    """"SCHREIBEN SIE BITTE … bis zum <date> an die unten genannten" / "Stellen. Sie können die folgenden
    Formulierungen verwenden:": the deadline, then the demands the colon introduces."""
    text = ("A TITLE\n\nSummary.\n\nSCHREIBEN SIE BITTE E-Mails oder Briefe bis zum 22. Juli 2027 an die unten "
            "genannten\nStellen. Sie können die folgenden Formulierungen verwenden:\n\n- Bitte lassen Sie Ana Ruiz "
            "frei.\n- Sorgen Sie für ihre Sicherheit.\n\nAPPELLE AN\nJUSTIZMINISTER")
    imported = parse_ua_text(text)
    assert imported.deadline == date(2027, 7, 22)
    assert imported.demands == ["Bitte lassen Sie Ana Ruiz frei.", "Sorgen Sie für ihre Sicherheit."]


@pytest.mark.parametrize(("heading", "demands"), [
    ("Unsere Forderungen", ["Lassen Sie Ana Ruiz sofort frei.", "Sorgen Sie für ihre Sicherheit."]),
    ("The following points", ["Release Ana Ruiz at once.", "Protect her family from reprisals."]),
    ("Demandes suivantes", ["Libérez Ana Ruiz sans condition.", "Protégez sa famille."]),
])
def test_a_short_heading_of_the_demands_without_colon_heads_the_sentences_below_it(heading, demands):
    """A demands heading of a few words alone after a blank line, with no colon and no bullets below it, right above
    lines that each end a sentence: each line is a demand, and the background above keeps none of them."""
    lines = "\n".join(demands)
    text = (f"A TITLE\n\nSummary.\n\nBACKGROUND\nBackground.\n\n{heading}\n{lines}\n\n"
            "Write to:\nMinister of Justice")
    imported = parse_ua_text(text)
    assert (imported.background, imported.demands) == ("Background.", demands)


def test_a_heading_in_capitals_over_two_lines_introduces_the_demands_whole():
    text = ("A TITLE\n\nSummary.\n\nHINTERGRUND\nBackground.\n\nSCHREIBEN SIE BITTE\n"
            "E-MAILS, FAXE ODER LUFTPOSTBRIEFE MIT FOLGENDEN FORDERUNGEN\n■ Bitte lassen Sie Ana Ruiz frei.\n\n"
            "APPELLE AN\nJUSTIZMINISTER")
    imported = parse_ua_text(text)
    assert (imported.background, imported.demands) == ("Background.", ["Bitte lassen Sie Ana Ruiz frei."])
    assert "SCHREIBEN SIE BITTE E-MAILS, FAXE ODER LUFTPOSTBRIEFE MIT FOLGENDEN FORDERUNGEN" in imported.recognised


def test_a_list_without_bullets_is_cut_at_its_semicolons():
    text = ("A TITLE\n\nSummary.\n\nDans votre lettre, demandez aux autorités :\n"
            "de révéler le sort de Mamadou Diallo et le lieu où il se trouve ;\n"
            "de le libérer s'il est détenu uniquement pour son militantisme ;\n"
            "d'ouvrir une enquête indépendante sur son enlèvement.\n\nEnvoyez vos appels à :\nMinistre de la Justice")
    assert parse_ua_text(text).demands == ["De révéler le sort de Mamadou Diallo et le lieu où il se trouve",
                                           "De le libérer s'il est détenu uniquement pour son militantisme",
                                           "D'ouvrir une enquête indépendante sur son enlèvement"]


def test_demands_may_follow_their_introduction_on_its_line_joined_by_semicolons():
    text = ("A TITLE\n\nSummary.\n\nAmnesty International fordert: die sofortige Freilassung von Ana Ruiz; "
            "Zugang zu ihrer Familie und ihrem Anwalt; die Einstellung aller Verfahren.\n\nAppell an\nJUSTIZMINISTER")
    imported = parse_ua_text(text)
    assert imported.demands == ["Die sofortige Freilassung von Ana Ruiz", "Zugang zu ihrer Familie und ihrem Anwalt",
                                "Die Einstellung aller Verfahren."]
    assert "Amnesty International fordert:" in imported.recognised


@pytest.mark.parametrize(("items", "demands"), [
    (["- Release Omar Haddad immediately;", "- Let him see his lawyer; and", "- Protect him from torture."],
     ["Release Omar Haddad immediately", "Let him see his lawyer; and", "Protect him from torture"]),
    (["• die sofortige Freilassung von Lena Vogt,", "• ein faires Verfahren."],
     ["Die sofortige Freilassung von Lena Vogt", "Ein faires Verfahren"]),
    # Items that each end a sentence keep their stops, and an ellipsis is no full stop.
    (["- Release Omar Haddad.", "- Protect him from torture."],
     ["Release Omar Haddad.", "Protect him from torture."]),
    (["- Release Omar Haddad;", "- Protect him and the others…"],
     ["Release Omar Haddad", "Protect him and the others…"]),
])
def test_a_list_whose_items_end_with_semicolons_ends_without_a_full_stop(items, demands):
    """Demands read alike in the letter's bulleted list: the full stop that ends the sheet's list goes with the
    semicolons and commas."""
    text = ("A TITLE\n\nSummary.\n\nPlease write in English or your own language, urging the authorities to:\n"
            + "\n".join(items) + "\n\nWrite to:\nMinister")
    assert parse_ua_text(text).demands == demands


def test_a_semicolon_before_a_piece_too_short_to_be_a_demand_does_not_cut():
    text = ("A TITLE\n\nSummary.\n\nRaising the following points:\n\nRelease Ana Ruiz; now.\n\n"
            "Write to:\nMinister")
    assert parse_ua_text(text).demands == ["Release Ana Ruiz; now."]


# A summary hard-wrapped at about 100 characters, as text taken from a PDF is.
WRAPPED_SUMMARY = (
    "Lawyer Ana Ruiz, who represented women seeking divorce and custody of their children, was summoned\n"
    "on 20 May to the criminal court, where she learned that she faces a new trial under the counter-terror\n"
    "law for her posts. She has been banned from travelling abroad since 2022 and could not see her sister.")


def test_a_list_whose_bullets_were_lost_is_cut_where_a_line_ends_short_of_the_wrap_width():
    text = (f"A TITLE\n\n{WRAPPED_SUMMARY}\n\nWrite a letter, send an email or fax calling on the authorities to:\n"
            "Drop all charges against Ana Ruiz and lift the travel ban imposed on her\n"
            "Ensure that no one is prosecuted for peacefully defending women's rights\n\nWrite to:\nMinister")
    assert parse_ua_text(text).demands == ["Drop all charges against Ana Ruiz and lift the travel ban imposed on her",
                                           "Ensure that no one is prosecuted for peacefully defending women's rights"]


def test_a_demand_wrapped_before_a_name_stays_one_demand():
    text = (f"A TITLE\n\n{WRAPPED_SUMMARY}\n\nWrite a letter, send an email or fax calling on the authorities to:\n"
            "Drop all charges against the lawyer and women's rights defender who represented them, and release\n"
            "Ana Ruiz from the prison in Riyadh immediately\n\nWrite to:\nMinister")
    assert parse_ua_text(text).demands == [
        "Drop all charges against the lawyer and women's rights defender who represented them, and release "
        "Ana Ruiz from the prison in Riyadh immediately"]


def test_on_a_sheet_that_never_wraps_each_line_is_a_demand():
    text = ("A TITLE\n\nA summary that is one long line, as a web page gives it.\n\n"
            "Write to the Minister calling on him to:\nRelease Ana Ruiz\nDrop the charges against her\n\n"
            "Write to:\nMinister")
    assert parse_ua_text(text).demands == ["Release Ana Ruiz", "Drop the charges against her"]


def test_a_model_letter_may_list_its_demands_without_bullets():
    text = (f"A TITLE\n\n{WRAPPED_SUMMARY}\n\nSample letter\nDear Attorney General,\n"
            "I am writing to express my concern about the arrest of Ana Ruiz.\nI urge you to:\n"
            "Release Ana Ruiz and drop the charges against her, which appear to be reprisal for her work;\n"
            "Ensure that lawyers can work without fear of reprisal.\nSincerely,\n[Your name]")
    imported = parse_ua_text(text)
    assert imported.demands == ["Release Ana Ruiz and drop the charges against her, which appear to be reprisal "
                                "for her work", "Ensure that lawyers can work without fear of reprisal."]
    assert imported.template.body == ("I am writing to express my concern about the arrest of Ana Ruiz. "
                                      "I urge you to:\n{demands}")


@pytest.mark.parametrize("sentence,demands", [
    ("Please release Ana Ruiz immediately. Pending her release, please ensure that she can see a doctor.",
     ["Release Ana Ruiz immediately.", "Ensure that she can see a doctor."]),
    ("Je vous demande de libérer Ana Ruiz immédiatement et sans condition.",
     ["De libérer Ana Ruiz immédiatement et sans condition."]),
    ("Le pido que investigue las amenazas contra Ana Ruiz.", ["Investigue las amenazas contra Ana Ruiz."]),
    ("Ich bitte Sie, alle Anklagen gegen Ana Ruiz fallen zu lassen.",
     ["Alle Anklagen gegen Ana Ruiz fallen zu lassen."]),
    ("Ich fordere Sie daher auf, Ana Ruiz sofort freizulassen.", ["Ana Ruiz sofort freizulassen."]),
    ("Je vous demande instamment d'ouvrir une enquête.", ["D'ouvrir une enquête."]),
    ("Le insto a que libere a Ana Ruiz de inmediato.", ["Libere a Ana Ruiz de inmediato."]),
    ("Le insto asimismo a que proteja a su familia.", ["Proteja a su familia."]),
    ("Le pido también que retire los cargos contra Ana Ruiz.", ["Retire los cargos contra Ana Ruiz."]),
    # The comma after "que" opens an aside; the demand starts after it.
    ("Le insto a que, mientras siga detenida, vele por su salud.", ["Mientras siga detenida, vele por su salud."]),
    ("Les instamos asimismo a que, sin demora, liberen a Ana Ruiz.", ["Sin demora, liberen a Ana Ruiz."]),
    # "also" after "please" is no part of the demand.
    ("Please also make sure that Ana Ruiz sees a lawyer of her choice.",
     ["Make sure that Ana Ruiz sees a lawyer of her choice."]),
    ("Pending her trial, please also let Ana Ruiz see her children.", ["Let Ana Ruiz see her children."]),
])
def test_a_model_letter_may_ask_in_sentences(sentence, demands):
    text = f"A TITLE\n\nSummary.\n\nMODEL LETTER\n\nDear Minister,\n\n{sentence}\n\nYours sincerely,\n[Your name]"
    assert parse_ua_text(text).demands == demands


@pytest.mark.parametrize(("salutation", "closing", "ask"), [
    ("Señor Fiscal General:", "Atentamente,", "Le pido que:"),
    ("Dear Attorney General,", "Yours sincerely,", "I call on you to:"),
    ("Monsieur le Procureur,", "Veuillez agréer, Monsieur le Procureur, l'expression de ma haute considération.",
     "Je vous demande de :"),
])
def test_a_model_letter_without_heading_below_the_summary_starts_at_its_salutation(salutation, closing, ask):
    """A salutation alone in its paragraph after the summary, a closing further down: the model letter, with no
    heading of its own, is the template; its salutation goes to the official written to who has none."""
    text = (f"EXAMPLELAND: A TITLE\n\nAna Ruiz was detained on 3 May.\n\n{salutation}\n\n"
            f"Ana Ruiz is held without charge.\n\n{ask}\n- Release Ana Ruiz\n- Protect her family\n\n{closing}\n\n"
            "Write to:\nAttorney General\nMr Juan Exemplo\n1 Example Road\nExampleton\n")
    imported = parse_ua_text(text)
    assert imported.summary == "Ana Ruiz was detained on 3 May."
    assert imported.template is not None and imported.template.body.startswith("Ana Ruiz is held without charge.")
    assert imported.demands == ["Release Ana Ruiz", "Protect her family"]
    assert imported.targets[0].salutation == salutation


def test_a_long_formal_closing_ends_the_letter_and_its_list():
    text = ("A TITLE\n\nSummary.\n\nModèle de lettre\nMonsieur le Procureur général,\nJe vous demande :\n"
            "- de faire annuler sa condamnation ;\n- de veiller à ce qu'il puisse effectuer un service civil.\n"
            "Veuillez agréer, Monsieur le Procureur général, l'expression de ma haute considération.")
    imported = parse_ua_text(text)
    assert imported.demands == ["De faire annuler sa condamnation",
                                "De veiller à ce qu'il puisse effectuer un service civil."]
    assert imported.template.language == "fr"
    assert "Veuillez agréer" not in imported.template.body


def test_follow_up_words_alone_after_the_demands_head_the_background():
    text = ("GUINÉE : DEUX MILITANTS DISPARUS\n\nSummary.\n\nDemandez-lui :\n- de les libérer\n\n"
            "Complément d'information\nDepuis 2021, les manifestations sont interdites.")
    imported = parse_ua_text(text)
    assert (imported.demands, imported.is_follow_up) == (["De les libérer"], False)
    assert imported.background == "Depuis 2021, les manifestations sont interdites."


def test_the_sending_sections_country_is_not_the_cases():
    imported = parse_ua_text("Amnesty International Belgique francophone\n\nUn militant a été enlevé en Guinée.")
    assert imported.country == "GN"


@pytest.mark.parametrize("city_line,place", [
    ("New York, NY 10017", ("New York", "NY", "10017", "US")),
    ("Washington, D.C. 20008", ("Washington", "DC", "20008", "US")),
    ("Washington DC 20008-1234", ("Washington", "DC", "20008-1234", "US")),
    ("Ottawa, ON K1A 0G2", ("Ottawa", "ON", "K1A 0G2", "CA")),
    ("London SW1A 2AA", ("London", "", "SW1A 2AA", "GB")),
    # Without a country line, a town and postcode only one country fits give it (campaigns/importer/places.py).
    ("75007 Paris", ("Paris", "", "75007", "FR")),
    ("D-10117 Berlin", ("Berlin", "", "D-10117", "DE")),
    ("Moscow 125993", ("Moscow", "", "125993", "")),
    ("125993, Moscow", ("Moscow", "", "125993", "")),
    ("Moscow 125993, Russian Federation", ("Moscow", "", "125993", "RU")),
])
def test_city_lines_are_split_into_city_region_postcode(city_line, place):
    imported = parse_ua_text(f"Write to:\nMinister of Justice\nMinistry of Justice\n12 Main Street\n{city_line}\n"
                             "Email: minister@justice.example")
    target = imported.targets[0]
    assert (target.city, target.region, target.postcode, target.country) == place
    assert target.address_lines == ["12 Main Street"]


def test_what_cannot_be_split_stays_an_address_line():
    imported = parse_ua_text("Write to:\nGovernor of Lebap Province\nGovernor's Office\nBlock 7, Central Square\n"
                             "Turkmenabat\nTurkmenistan\nFax: +993 422 00000")
    target = imported.targets[0]
    assert (target.title, target.organisation) == ("Governor of Lebap Province", "Governor's Office")
    assert (target.address_lines, target.city, target.country) == (["Block 7, Central Square"], "Turkmenabat", "TM")


@pytest.mark.parametrize("title,country", [
    ("USA: Death row prisoner at risk", "US"),
    ("RUSSIA/TAJIKISTAN: Activist forcibly returned", "RU"),
    ("IRAN (ISLAMIC REPUBLIC OF): Student detained", "IR"),
    ("Iran: Student detained", "IR"),
    ("UNITED KINGDOM: Asylum seeker at risk", "GB"),
    ("Türkiye: Lawyers on trial", "TR"),
    ("Turkey: Lawyers on trial", "TR"),
    # A territory in parentheses after its country is where the case is.
    ("CHINA (MACAO SAR): Casino worker detained", "MO"),
    ("Denmark (Greenland): Fisherman at risk", "GL"),
])
def test_country_from_the_title(title, country):
    assert parse_ua_text(f"{title}\n\nSummary.").country == country


@pytest.mark.parametrize("header,country", [
    ("UA 31/27 Index: ASA 17/4410/2027 China (Macao SAR) Date: 2 May 2027", "MO"),
    ("UA 8/27 Index: EUR 18/101/2027 Denmark (Greenland) Date: 9 June 2027", "GL"),
    ("UA 9/27 Index: MDE 13/55/2027 Iran (Islamic Republic of) Date: 9 June 2027", "IR"),
])
def test_country_from_the_header_line_a_territory_in_parentheses_first(header, country):
    assert parse_ua_text(f"URGENT ACTION\n{header}\nA HEADLINE WITHOUT ITS COUNTRY\n\nSummary.").country == country


@pytest.mark.parametrize("title,kept", [
    # Whatever case the sheet writes, the draft keeps: the organiser's page shows the sheet's title.
    ("TURKMENISTAN: Opposition Activist At Risk Of Torture", "TURKMENISTAN: Opposition Activist At Risk Of Torture"),
    ("Peru: land defender's family threatened again", "Peru: land defender's family threatened again"),
    ("Blogger at risk of torture in Nukus", "Blogger at risk of torture in Nukus"),
    # Only a title all in capitals is re-cased (title case, so the names in it stay capitalised).
    ("KAZAKHSTAN: JOURNALIST HELD FOR REPORTING ON A STRIKE", "Kazakhstan: Journalist Held for Reporting on a Strike"),
    ("PERU: A TITLE", "Peru: A Title"),
    ("SUDAN: UN EXPERTS DENIED ACCESS", "Sudan: UN Experts Denied Access"),
    ("CAMEROUN. UN JOURNALISTE DÉTENU AU SECRET", "Cameroun. Un Journaliste Détenu Au Secret"),
])
def test_the_title_keeps_the_sheets_own_case(title, kept):
    assert parse_ua_text(f"{title}\n\nSummary.").title == kept


@pytest.mark.parametrize("title,story,recased", [
    # French, Spanish and German write headlines in sentence case: each word as the sheet's sentences write it,
    # a capital where a sentence starts, none after a colon.
    ("MAURITANIE. UN MILITANT DÉTENU AU SECRET",
     "Le militant Ahmed Ould Salem est détenu au secret à Nouakchott depuis le 3 mars. Amnesty demande sa libération.",
     "Mauritanie. Un militant détenu au secret"),
    ("BÉNIN : UNE SYNDICALISTE DE L'ONU INCULPÉE",
     "La syndicaliste Awa Dossou, qui travaille pour l'ONU à Cotonou, a été inculpée le 4 juin pour « outrage ».",
     "Bénin : une syndicaliste de l'ONU inculpée"),
    ("SURINAM: DEFENSORAS INDÍGENAS AMENAZADAS EN PARAMARIBO",
     "Las defensoras indígenas del pueblo kaliña recibieron amenazas en Paramaribo por su trabajo en la tierra.",
     "Surinam: defensoras indígenas amenazadas en Paramaribo"),
    # German: nouns keep their capital, the words the text never uses are taken for nouns.
    ("MOLDAU: JOURNALISTIN IN HAFT GEFOLTERT",
     "Die Journalistin Ana Rusu ist seit dem 2. Mai in Chisinau in Haft. Sie wurde nach Angaben ihres Anwalts "
     "im Gefängnis geschlagen und gefoltert.",
     "Moldau: Journalistin in Haft gefoltert"),
    # English stays in title case, whatever words the text uses.
    ("GHANA: REPORTER DETAINED AFTER A PROTEST",
     "The reporter was detained by the police in Accra after a protest over the price of bread.",
     "Ghana: Reporter Detained After a Protest"),
])
def test_a_title_in_capitals_is_recased_as_the_sheets_language_writes_headlines(title, story, recased):
    assert parse_ua_text(f"{title}\n\n{story}").title == recased


@pytest.mark.parametrize("role,recased", [
    # An official's role in capitals keeps the small words of every sheet language in lower case.
    ("MINISTRE DE LA JUSTICE", "Ministre de la Justice"),
    ("MINISTRE DE L'INTÉRIEUR ET DE LA SÉCURITÉ PUBLIQUE", "Ministre de l'Intérieur et de la Sécurité Publique"),
    ("PROCUREUR GÉNÉRAL PRÈS LA COUR D'APPEL", "Procureur Général Près la Cour d'Appel"),
    ("MINISTRO DE JUSTICIA Y PAZ", "Ministro de Justicia y Paz"),
    ("MINISTER DES INNERN UND FÜR HEIMAT", "Minister des Innern und für Heimat"),
    ("MINISTER OF THE INTERIOR", "Minister of the Interior"),
])
def test_a_role_in_capitals_is_recased_with_its_languages_small_words(role, recased):
    from campaigns.importer.names import title_case
    assert title_case(role) == recased


def test_model_letter_in_spanish_with_prose_demands_and_braces():
    text = ("MÉXICO: Periodista amenazada\n\nResumen.\n\nMODEL LETTER\n\nEstimado Fiscal:\n\n"
            "Le escribo por {salutation} la periodista Ana Ruiz {en el estado de {state}}.\n\n"
            "I urge you to release Ana Ruiz immediately and without conditions.\n\nAtentamente,\n[Your name]")
    imported = parse_ua_text(text)
    assert imported.country == "MX"
    assert imported.template.language == "es"
    assert imported.template.body == ("Le escribo por (salutation) la periodista Ana Ruiz (en el estado de "
                                      "(state)).\n\nI urge you to release Ana Ruiz immediately and without conditions.")
    assert unknown_placeholders(imported.template.body) == []
    assert imported.demands == ["Release Ana Ruiz immediately and without conditions."]
    assert lost_words(text) == set()


def test_contact_lines_the_campaign_has_no_place_for_are_shown_not_dropped():
    imported = parse_ua_text("Write to:\nMinister of Justice\nMinistry of Justice\n1 Main Street\nLima 15001\n"
                             "Twitter: @minjus_example\nEmail: office@justice.example (office hours only)\n"
                             "Fax: " + "1" * 80)
    assert imported.targets[0].emails == ["office@justice.example"]
    fragments = [fragment for fragment in imported.unplaced if not fragment.startswith("Note: ")]
    assert fragments == ["Twitter: @minjus_example", "Email: office@justice.example (office hours only)",
                         "Fax: " + "1" * 80]  # too long for the fax field


def test_a_sheet_without_number_title_or_country_says_so():
    imported = parse_ua_text("the police took him away on monday and nobody has heard from him since then")
    assert (imported.ua_number, imported.title, imported.country) == (None, "", None)
    assert imported.summary == "the police took him away on monday and nobody has heard from him since then"
    assert [note[:40] for note in imported.unplaced] == [
        "Note: no UA number was found: the draft ", "Note: no title was found; please give th",
        "Note: the country of the case was not fo"]


def test_unplaced_fragments_keep_the_sheets_order_across_page_headers():
    text = ("URGENT ACTION\nUA: 5/27 Index: AFR 1/1/2027 Kenya Date: 1 May 2027\nKENYA: Editor abducted\n\n"
            "Summary one.\n\nADDITIONAL INFORMATION\nFirst paragraph.\n\nTwitter: @first_fragment\n\n"
            "UA: 5/27 Index: AFR 1/1/2027 page 2\nSecond paragraph, after the page's header.\n\n"
            "PREFERRED LANGUAGE TO ADDRESS TARGET: English, Swahili\nA stray line after the languages.")
    imported = parse_ua_text(text)
    assert imported.summary == "Summary one."
    assert imported.background == ("First paragraph.\n\nTwitter: @first_fragment\n\n"
                                   "Second paragraph, after the page's header.")
    assert imported.preferred_languages == ["en", "sw"]
    assert imported.unplaced == ["Index: AFR 1/1/2027 Kenya Date: 1 May 2027", "Index: AFR 1/1/2027 page 2",
                                 "A stray line after the languages."]


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\x00\u202e"])
def test_empty_text_gives_an_empty_import(text):
    imported = parse_ua_text(text)
    assert (imported.title, imported.summary, imported.demands, imported.targets) == ("", "", [], [])


# --- property tests ------------------------------------------------------------------------------

NASTY = ["\x00", "a\x00b", "\u202eevil\u202c", "\u2066isolate\u2069", "\u200b", "\ufeff", "😀🕊️✉️", "<b>bold</b>",
         "<script>alert(1)</script>", "{{ 7*7 }}", "{salutation}", "{demands}", "{% raw %}", "${HOME}", "$(rm -rf /)",
         "'; DROP TABLE campaigns; --", "\r\n", "\r", "\t", "\u00a0", "\u2028", "•", "1)", "Dear Sir,",
         "Yours sincerely,", "Email: @", "Fax:", "Salutation:", "Write to:", "And copy", "MODEL LETTER", "UA 1/01",
         "THIRD UA 99/99", "İSTANBUL", "ǅ", "ß", "ﬁ", "Ⅻ", "x" * 400, "A" * 301 + ":", "Σ" * 3]
SHEET_LINES = sorted({line for name in SHEETS for line in normalise_text(sheet(name)).split("\n")})
sheet_like = st.lists(st.one_of(st.sampled_from(SHEET_LINES), st.sampled_from(NASTY), st.text(max_size=80)),
                      max_size=80).map("\n".join)
any_text = st.one_of(st.text(max_size=3000), st.text(alphabet=st.characters(codec="utf-8"), max_size=500),
                     sheet_like)
property_settings = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_fits_the_database(imported: ImportedCampaign) -> None:
    limits = {"title": 300, "name": 200, "pronouns": 40, "honorific": 100, "organisation": 300, "city": 120,
              "region": 120, "postcode": 20, "fax": 60, "phone": 60, "salutation": 200, "language": 10}
    assert len(imported.title) <= limits["title"]
    assert imported.country is None or len(imported.country) == 2
    for person in imported.people:
        assert len(person.name) <= limits["name"] and len(person.pronouns) <= limits["pronouns"]
    for target in imported.targets + imported.copies:
        for name, limit in limits.items():
            assert len(getattr(target, name, "")) <= limit, name
        assert len(target.title) <= 200 and len(target.country) in (0, 2)
    assert len(imported.updates_address or "") <= 254


@property_settings
@given(any_text)
@example("AA\xad\nDana")  # a word broken with a soft hyphen is made whole
@example("AA-\x1e\na sit-in at the gates.")  # a record separator is dropped, not a line: "AA-" / "a" join
def test_any_text_is_read_without_error_and_without_losing_a_word(text):
    imported = parse_ua_text(text)
    assert lost_words(text) == set()
    assert_fits_the_database(imported)
    if imported.template is not None:
        assert unknown_placeholders(imported.template.subject + imported.template.body) == []
        assert set(re.findall(r"\{(\w+)\}", imported.template.body)) <= {"demands"}


@settings(property_settings, max_examples=15)
@given(sheet_like, st.integers(min_value=1, max_value=4000))
def test_huge_inputs_up_to_200_kb(chunk, repeats):
    text = (chunk + "\n") * repeats
    text = text[:200_000] or "x" * 200_000
    imported = parse_ua_text(text)
    assert lost_words(text) == set()
    assert_fits_the_database(imported)


def test_one_huge_line_is_read_quickly():
    text = "Write to the President urging him to " * 6000 + "Keep me updated " * 2000 + "a@b.example"
    assert len(text) > 200_000
    assert lost_words(text) == set()


# --- drafts in the database ----------------------------------------------------------------------

def test_a_draft_from_seed_004(app, client):
    text = sheet("seed")
    campaign = create_draft_from_import(parse_ua_text(text), source_text=text)
    assert campaign.id is not None  # flushed
    assert (campaign.ua_number, campaign.slug) == ("UA 118/21", "ua-118-21")
    assert campaign.status is CampaignStatus.draft and campaign.is_test_mode is True and campaign.published_at is None
    assert campaign.title == "TURKMENISTAN: Opposition Activist At Risk Of Torture"
    assert (campaign.country, campaign.goal, campaign.deadline) == ("TM", 1000, None)
    assert campaign.source_text == text
    assert campaign.updates_address == "urgentaction@amnesty.ca"
    assert [(p.name, p.pronouns) for p in campaign.people] == [("Azat Isakov", "he/him")]
    assert [d.position for d in campaign.demands] == [0, 1, 2]
    assert [(t.kind, t.position, t.display_name) for t in campaign.targets] == [
        (TargetKind.primary, 0, "Gurbanguly Berdimuhamedov"), (TargetKind.copy, 0, "His Excellency Meret Orazov")]
    assert campaign.primary_targets[0].emails == ["turkmenistan@un.int", "go.saparov@gmail.com"]
    assert campaign.versions == []
    assert campaign.import_unplaced == parse_ua_text(text).unplaced
    db.session.commit()
    assert client.get(f"/campaigns/{campaign.slug}").status_code == 404  # a draft is not public


def test_create_draft_never_commits(app):
    text = sheet("international_kazakhstan")
    create_draft_from_import(parse_ua_text(text), source_text=text)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0


def test_the_model_letter_becomes_a_template_that_composes(app):
    text = sheet("international_kazakhstan")
    campaign = create_draft_from_import(parse_ua_text(text), source_text=text)
    db.session.commit()
    assert campaign.preferred_languages == ["kk", "ru", "en"]
    assert campaign.deadline == date(2026, 11, 25)
    assert campaign.background.endswith("Previous UA: https://www.example.org/documents/eur57/0301/2026/en/")
    [template] = campaign.versions
    assert (template.language, template.subject) == ("en", "{person} ({ua_number})")
    letter = compose(campaign, campaign.primary_targets[0], Writer("Jane Doe", ("1 High Street",), "Leeds", "UK"),
                     language="en", today=date(2026, 11, 1))
    assert letter.salutation == "Dear Prosecutor General,"
    assert letter.subject == "Dana Serikbayeva (UA 131/26)"
    assert letter.paragraphs[-1].startswith("I urge you to:\n• Release Dana Serikbayeva immediately")
    assert "[Your name]" not in "\n".join(letter.paragraphs) and "Yours sincerely" not in "\n".join(letter.paragraphs)


def test_importing_the_same_ua_twice_gives_a_placeholder_and_a_note(app):
    text = sheet("seed")
    first = create_draft_from_import(parse_ua_text(text), source_text=text)
    second = create_draft_from_import(parse_ua_text(text), source_text=text)
    db.session.commit()
    assert first.ua_number == "UA 118/21"
    assert re.fullmatch(r"IMPORT [0-9a-f]{8}", second.ua_number)
    assert second.slug == "import-" + second.ua_number.split()[1]
    assert second.import_unplaced[0] == (
        f"Note: UA 118/21 is already used by the campaign “{first.title}”: this draft has the placeholder number "
        f"{second.ua_number}. Enter the right number, or add this sheet to that campaign as an update.")
    assert second.status is CampaignStatus.draft and second.is_test_mode
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 2


def test_a_slug_taken_by_another_number_also_gives_a_placeholder(app):
    text = sheet("seed")
    create_draft_from_import(parse_ua_text(text.replace("UA 118/21", "UA 7/26")), source_text="")
    db.session.scalar(select(Campaign)).slug = slug_for_ua_number("UA 118/21")
    db.session.flush()
    campaign = create_draft_from_import(parse_ua_text(text), source_text=text)
    assert campaign.ua_number.startswith("IMPORT ")


def test_a_sheet_without_ua_number_still_makes_a_draft(app):
    text = "KAZAKHSTAN: Blogger detained\n\nA summary.\0 With a NUL the database could not store."
    campaign = create_draft_from_import(parse_ua_text(text), source_text=text)
    db.session.commit()
    assert campaign.ua_number.startswith("IMPORT ") and campaign.slug.startswith("import-")
    assert campaign.import_unplaced == [
        "Note: no UA number was found: the draft gets a placeholder. Please enter the real one."]
    assert campaign.source_text == text.replace("\0", "")


@settings(property_settings, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
@given(any_text)
def test_any_text_makes_a_draft_the_database_accepts(app, text):
    try:
        campaign = create_draft_from_import(parse_ua_text(text), source_text=text)
        assert campaign.status is CampaignStatus.draft and campaign.is_test_mode
    finally:
        db.session.rollback()


# --- the command ---------------------------------------------------------------------------------

def test_flask_campaigns_import_file(app, tmp_path):
    path = tmp_path / "ua.txt"
    path.write_bytes(sheet("followup_peru").encode("utf-8"))
    result = app.test_cli_runner().invoke(args=["campaigns", "import", str(path)])
    assert result.exit_code == 0, result.output
    for expected in ("UA number: UA 207/25", "Sheet: Further information", "Title: Land Defender's Family",
                     "Demands: 3", "Targets: 2, and 2 to copy", "Deadline: 2026-12-15", "Not placed (1)",
                     "  - Note: this sheet is a follow-up"):
        assert expected in result.output
    # Each placed value says where in the sheet it was read, to be checked against the text.
    assert "UA number: UA 207/25 (line 1)\n" in result.output
    assert re.search(r"Demands: 3 \(lines \d+–\d+\)\n", result.output)
    db.session.expire_all()
    campaign = db.session.scalar(select(Campaign))
    assert f"Created draft campaign {campaign.id} (slug ua-207-25), in test mode." in result.output
    assert campaign.status is CampaignStatus.draft and campaign.is_test_mode
    assert len(campaign.import_unplaced) == 1
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "campaign.imported"))
    assert entry.subject_id == campaign.id and entry.organiser_email == ""  # the command line


def test_flask_campaigns_import_from_standard_input(app):
    result = app.test_cli_runner().invoke(args=["campaigns", "import", "-"], input=sheet("messy_russia"))
    assert result.exit_code == 0, result.output
    assert "UA number: UA 9/27" in result.output and "Letter template: from the model letter (en)" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(Campaign.slug)) == "ua-9-27"


@pytest.mark.parametrize("content,message", [
    (b"", "is empty: there is no UA text to import."),
    (b" \r\n\t\n", "is empty: there is no UA text to import."),
    (b"UA 1/26 \xff\xfe broken", "is not UTF-8 text"),
])
def test_flask_campaigns_import_refuses_what_it_cannot_read(app, tmp_path, content, message):
    path = tmp_path / "ua.txt"
    path.write_bytes(content)
    result = app.test_cli_runner().invoke(args=["campaigns", "import", str(path)])
    assert result.exit_code == 1
    assert message in result.output
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0


def test_flask_campaigns_import_a_missing_file(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["campaigns", "import", str(tmp_path / "nothing.txt")])
    assert result.exit_code == 2
    assert "No such file or directory" in result.output


# --- the headline among a page's furniture --------------------------------------------------------

WEB_PAGE = """Skip to content
Amnesty International USA
Donate Now
Menu
What We Do
Take Action
Urgent Action Network
Home / Urgent Actions / Peru
Share this
This website uses cookies. Some are essential for the site to work. Accept Decline Cookie settings

Urgent Action
UA 12.26
Peru
Land Defenders Threatened After Court Win
June 12, 2026

Two members of the community council, Rosa Quispe Huamán and Julio Mamani Condori, have received death
threats since a court suspended the licence of a mine on their land on May 30. The police have not opened
an investigation.
"""


def test_the_headline_is_the_line_below_the_country_after_the_pages_furniture():
    imported = parse_ua_text(WEB_PAGE)
    assert (imported.title, imported.country) == ("Land Defenders Threatened After Court Win", "PE")
    # What stood above the headline is no summary; the sheet's date is recognised.
    assert imported.summary.startswith("Two members of the community council")
    assert "Skip to content" in imported.unplaced and "June 12, 2026" in imported.recognised


@pytest.mark.parametrize("letterhead", [
    "Amnesty International Ireland, Example House, 48 Sample Street, Dublin 2",
    "Amnesty International Canada, Example Building, 312 Sample Avenue East, Ottawa, Ontario K1N 1H9",
    "Urgent Action Office, Sample Hall, 12 Example Road, Belfast BT1 1AA",
])
def test_the_senders_name_house_and_street_on_one_line_are_never_the_headline(letterhead):
    """The sender's name and its house before the street on the letterhead's one line: an address, no headline."""
    imported = parse_ua_text(f"AMNESTY INTERNATIONAL\nUrgent Action Network\n{letterhead}\n\n"
                             "UA: 12/26     Index: ASA 28/1234/2026     Malaysia\n\nURGENT ACTION\n"
                             "MAN AT RISK OF EXECUTION\n\nAhmad bin Example was sentenced to death in 2012. His "
                             "appeal has not been heard.\n")
    assert imported.title == "Man at Risk of Execution"


@pytest.mark.parametrize("top,title,country", [
    # The section's name and the banner are never the headline; the country prefix may end in a full stop.
    ("Amnesty International Österreich\nURGENT ACTION\n\nTUNESIEN: ANWÄLTIN WEGEN RADIOINTERVIEW IN HAFT",
     "Tunesien: Anwältin Wegen Radiointerview in Haft", "TN"),
    ("ACTION URGENTE\nAU 140/23\nIndex AI : EUR 46/7311/2023\n\nRussie. Un objecteur de conscience condamné",
     "Russie. Un objecteur de conscience condamné", "RU"),
    ("Amnistía Internacional España\n\nSEGUNDA ACCIÓN URGENTE\n\nColombia: nuevas amenazas contra líder campesina",
     "Colombia: nuevas amenazas contra líder campesina", "CO"),
    # A country alone on the line above names the case's country; the headline stands below it.
    ("URGENT ACTION\nJORDANIEN\nLehrergewerkschafter in Haft\nUA-093/2023 · AI-Index: MDE 16/6802/2023",
     "Lehrergewerkschafter in Haft", "JO"),
    ("URGENT ACTION\n\nUA-Nr: UA-031/2025 AI-Index: EUR 44/2741/2025 Datum: 4. Februar 2025\n\nTÜRKEI\n"
     "GEWERKSCHAFTERIN DROHT HAFTSTRAFE", "Gewerkschafterin Droht Haftstrafe", "TR"),
    # The person's line may stand between the country and the headline.
    ("EILAKTION\nUA-040/2026\n\nARMENIEN\nANNA PETROSYAN (w)\nBloggerin wegen eines Videos in Haft",
     "Bloggerin wegen eines Videos in Haft", "AM"),
    # A headline alone between the banner and the UA number, with no country before it.
    ("We use cookies on this site. Accept all\n\nURGENT ACTION\nRiver Defenders Face Prison\n"
     "UA 77/26 · April 3, 2026", "River Defenders Face Prison", None),
    # A header line that numbers the sheet, the headline right under it in the same paragraph.
    ("Action urgente – AU 52/24 – Togo\nTogo. Une journaliste détenue depuis trois semaines pour un reportage sur "
     "les inondations de la capitale", "Togo. Une journaliste détenue depuis trois semaines pour un reportage sur "
     "les inondations de la capitale", "TG"),
    ("Urgent Action | UA 88/25 | Nepal\nNepal. Two land rights activists arrested after a peaceful sit-in outside "
     "the district office", "Nepal. Two land rights activists arrested after a peaceful sit-in outside the district "
     "office", "NP"),
])
def test_the_headline_follows_the_sender_banner_and_numbers(top, title, country):
    imported = parse_ua_text(f"{top}\n\nThe story of the case is told here in a paragraph of running text that "
                             "is long enough to be read as the summary of the sheet.")
    assert imported.title == title
    if country:
        assert imported.country == country


@pytest.mark.parametrize(("line", "title", "country"), [
    ("BARBADOS          Fear for safety / Ill-treatment in police custody",
     "Fear for safety / Ill-treatment in police custody", "BB"),
    ("SRI LANKA       Incommunicado detention / Fear of torture", "Incommunicado detention / Fear of torture", "LK"),
])
def test_the_country_in_a_column_of_its_own_beside_the_headline_is_no_part_of_it(line, title, country):
    """The older layout puts the country in capitals on the left and the headline beside it: the country is the
    case's, the headline alone the title; a person's line beside the country stays the people's."""
    imported = parse_ua_text(f"URGENT ACTION\n\nUA 12/26          AI Index: ASA 37/0012/2026\n\n{line}\n\n"
                             "DANA EXEMPLO (f), aged 30\n\nDana Exemplo was arrested on 2 March 2026 and has been "
                             "held without access to a lawyer since then, her family says.")
    assert (imported.title, imported.country) == (title, country)
    assert [person.name for person in imported.people] == ["Dana Exemplo"]


def test_the_persons_line_between_the_country_and_the_headline_names_the_people():
    imported = parse_ua_text("EILAKTION\n\nARMENIEN\nANNA PETROSYAN (w)\nBloggerin wegen eines Videos in Haft\n\n"
                             "Die Bloggerin Anna Petrosyan wurde am 3. März 2026 in Jerewan festgenommen, weil sie "
                             "ein Video über Korruption veröffentlicht hatte.")
    assert imported.people == [ImportedPerson("Anna Petrosyan", "she/her")]
    assert "ANNA PETROSYAN (w)" in imported.recognised and "ANNA PETROSYAN (w)" not in imported.unplaced


@pytest.mark.parametrize("furniture", ["Skip to main content", "» Skip to main content", "Share this page",
                                       "Home / Urgent Actions / Peru", "Privacy Policy | Terms of Use"])
def test_a_web_pages_furniture_is_never_the_headline(furniture):
    """Pasted with its menus, a web page's first line is its furniture, never its headline, even when it stands
    alone above the rest of the page's furniture."""
    imported = parse_ua_text(f"{furniture}\nWe use cookies to improve our website. Accept all\nManage preferences\n\n"
                             "URGENT ACTION\nRiver Defenders Face Prison\nUA 77/26 · Peru · April 3, 2026\n\n"
                             "The story of the case is told here in a paragraph of running text that is long enough "
                             "to be read as the summary of the sheet.")
    assert imported.title == "River Defenders Face Prison"


def test_no_headline_is_taken_from_the_summary_or_after_it():
    imported = parse_ua_text("URGENT ACTION\nUA 12/26\n\nThe story of the case is told here in a paragraph of "
                             "running text that is long enough to be read as the summary.\n\nA Line Standing Alone\n\n"
                             "More text.")
    assert imported.title == ""


# --- the people at risk without a NAME AND PRONOUN line --------------------------------------------

@pytest.mark.parametrize("line,people", [
    ("ELVIN RUSTAMOV (m), aged 38, opposition blogger", [ImportedPerson("Elvin Rustamov", "he/him")]),
    ("Wanjiru Kamau (f), aged 41", [ImportedPerson("Wanjiru Kamau", "she/her")]),
    ("Ana Ruiz (w) und Pedro Gil (m), Studierende",
     [ImportedPerson("Ana Ruiz", "she/her"), ImportedPerson("Pedro Gil", "he/him")]),
    ("SERAP YILDIRIM, Geschlecht: w", [ImportedPerson("Serap Yildirim", "she/her")]),
    ("SERAP YILDIRIM, Gewerkschafterin", [ImportedPerson("Serap Yildirim")]),
    ("Kumaravel Tharshan, aged 34, journalist", [ImportedPerson("Kumaravel Tharshan")]),
    ("Julio Mamani, 46 Jahre alt", [ImportedPerson("Julio Mamani")]),
    # Not a case header: a place and a date, a role, a sentence, an organisation.
    ("NEW YORK, 5 June 2024", []),
    ("Minister of Justice (m), Ankara", []),
    ("Elvin Rustamov (m) was arrested.", []),
    ("MINISTRY OF INTERIOR, Amman", []),
    # The older layouts set the case's country before the name: no part of it.
    ("ZIMBABWE Tendai MUKWENA (m), aged 41, trade unionist", [ImportedPerson("Tendai Mukwena", "he/him")]),
    ("SRI LANKA Kumar SILVA, aged 34, journalist", [ImportedPerson("Kumar Silva")]),
    # A given name that is also a country's stays, as does a country word that leaves no name of two words.
    ("Jordan Peterson (m), aged 30", [ImportedPerson("Jordan Peterson", "he/him")]),
    ("CHAD SMITH (m)", [ImportedPerson("Chad Smith", "he/him")]),
    # Names in Chinese characters or Hangul, which have no capitals.
    ("王小明 (m), aged 41, human rights lawyer", [ImportedPerson("王小明", "he/him")]),
    ("김민지 (f), 29, student", [ImportedPerson("김민지", "she/her")]),
    ("艾力·买买提 (m) und 李华 (w)", [ImportedPerson("艾力·买买提", "he/him"), ImportedPerson("李华", "she/her")]),
    ("北京市朝阳区人民法院 (m)", []),
])
def test_the_case_header_names_the_people(line, people):
    from campaigns.importer.people import read_case_header
    assert read_case_header(line) == people


def test_a_case_header_in_capitals_takes_the_spelling_of_the_text():
    imported = parse_ua_text("TÜRKEI: GEWERKSCHAFTERIN DROHT HAFTSTRAFE\n\nSERAP YILDIRIM, Gewerkschafterin\n\n"
                             "Die Gewerkschafterin Serap Yıldırım steht ab dem 26. Februar 2025 in Izmir vor "
                             "Gericht, weil sie eine Kundgebung angemeldet hat.\n\nOMAR AL-ZOUBI (m)\n")
    assert imported.people == [ImportedPerson("Serap Yıldırım")]
    assert not any(fragment.startswith("Note: the sheet has no NAME") for fragment in imported.unplaced)


def test_the_person_named_in_the_model_letter_and_the_summary():
    imported = parse_ua_text(
        "VIET NAM: BLOGGER DENIED MEDICAL CARE\n\nEnvironmental blogger Trần Văn Khải, 61, is serving a seven-year "
        "sentence for posts about a chemical spill in Hà Tĩnh province.\n\nSample letter\n\nDear Minister,\n\n"
        "I am writing to express my concern for Trần Văn Khải.\n\nPlease release him immediately.\n\nSincerely,\n")
    # "Please release him" is read as a demand, and its pronoun is his.
    assert imported.people == [ImportedPerson("Trần Văn Khải", "he/him")]


def test_people_joined_in_a_sentence_are_both_taken_but_not_a_place_named_once():
    imported = parse_ua_text(WEB_PAGE + "\nI call on you to:\n• protect Rosa Quispe Huamán and Julio Mamani Condori;\n"
                                        "• investigate the threats against Rosa Quispe Huamán's family.\n")
    assert imported.people == [ImportedPerson("Rosa Quispe Huamán"), ImportedPerson("Julio Mamani Condori")]
    imported = parse_ua_text(
        "GUINÉE : DEUX MILITANTS PORTÉS DISPARUS\n\nDans le quartier de Ratoma, Mamadou Diallo et Binta Sow, membres "
        "d'un collectif, ont été enlevés le 16 janvier 2024 à leur domicile de Conakry par des hommes armés.\n\n"
        "Demandez aux autorités :\nde révéler le sort de Mamadou Diallo et de Binta Sow ;\n")
    assert imported.people == [ImportedPerson("Mamadou Diallo"), ImportedPerson("Binta Sow")]


def test_a_given_name_that_names_a_country_starts_a_double_surname():
    """"Mauricio" is Mauritius in Spanish, but before two surnames it is a given name; and two names joined by
    "y" are two people, not one run of names."""
    imported = parse_ua_text(
        "EL SALVADOR: DETENIDO UN LÍDER COMUNITARIO\n\nMauricio Alfaro Henríquez, presidente de una asociación "
        "comunal, fue detenido el 21 de septiembre de 2025. Esa tarde detuvieron también a su sobrina, Ana Lucía "
        "Portillo Alfaro. Mauricio Alfaro Henríquez tiene diabetes.\n\nPIDIENDO A LAS AUTORIDADES QUE:\n"
        "- garanticen que Mauricio Alfaro Henríquez recibe atención médica;\n"
        "- revelen el paradero de Mauricio Alfaro Henríquez y Ana Lucía Portillo Alfaro.\n")
    assert [found.name for found in imported.people] == ["Mauricio Alfaro Henríquez", "Ana Lucía Portillo Alfaro"]


def test_a_country_alone_or_before_one_name_word_is_no_given_name():
    imported = parse_ua_text(
        "KENYA: ACTIVIST DETAINED\n\nOn 3 May 2025 police in Kenya Nairobi detained Wanjiru Kamau, a land rights "
        "activist, after a protest.\n\nPlease write to the authorities calling on them to:\n"
        "- release Wanjiru Kamau;\n- protect Wanjiru Kamau's family.\n")
    assert [found.name for found in imported.people] == ["Wanjiru Kamau"]


@pytest.mark.parametrize("summary,demand,person", [
    # The first name of the story that the sheet names again, in any language, with particles and accents.
    ("Die Anwältin Leila Ben Ammar wurde am 8. Mai 2024 in ihrer Kanzlei in Sfax festgenommen, zwei Tage nach "
     "einem Radiointerview.", "Leila Ben Ammar sofort freizulassen", "Leila Ben Ammar"),
    ("Der Lehrer Omar Suleiman al-Zoubi wurde am 3. Mai 2023 in Irbid festgenommen, nachdem er zu einem Streik "
     "aufgerufen hatte.", "die Freilassung von Omar Suleiman al-Zoubi", "Omar Suleiman al-Zoubi"),
    ("Le journaliste Emmanuel Ndifor Tanyi, qui dirige une radio communautaire à Bamenda, a été arrêté le 24 juin "
     "2025 par des militaires.", "de libérer Emmanuel Ndifor Tanyi", "Emmanuel Ndifor Tanyi"),
    # Named once, but with the age after the name.
    ("Un tribunal militaire de Rostov a condamné Nikita Andreïevitch Zaïtsev, 23 ans, à six ans de colonie "
     "pénitentiaire pour avoir refusé de combattre.", "de le libérer", "Nikita Andreïevitch Zaïtsev"),
])
def test_the_person_is_the_first_name_of_the_story_the_sheet_names_again(summary, demand, person):
    # The demands stand where the importer does not read them as demands: the sheet's text still counts.
    imported = parse_ua_text(f"{summary}\n\nAmnesty fordert:\n{demand}\n")
    assert [found.name for found in imported.people] == [person]


@pytest.mark.parametrize("summary,demand,person", [
    ("La periodista Marlén Ixcoy Cabrera, de la radio comunitaria de su aldea, recibe amenazas desde noviembre.",
     "que protejan a Marlén Ixcoy y a su familia", "Marlén Ixcoy Cabrera"),
    ("The teacher Joseph Kamau Mwangi was taken from his school in Nakuru on 3 May and has not been seen since.",
     "to reveal where Joseph Kamau is held", "Joseph Kamau Mwangi"),
    # The short form is the whole name the summary first gives: nothing is added to it.
    ("Marlén Ixcoy, a radio host, was threatened. Marlén Ixcoy Cabrera is her full name.",
     "to protect Marlén Ixcoy", "Marlén Ixcoy"),
])
def test_the_person_is_named_as_the_summary_first_gives_her_whole(summary, demand, person):
    """Spanish and Kenyan names keep a second family name the demands leave out: the person is entered with it."""
    imported = parse_ua_text(f"{summary}\n\nAmnesty fordert:\n{demand}\n")
    assert [found.name for found in imported.people] == [person]


@pytest.mark.parametrize("summary,letter,person", [
    # The station and the person are each named as often: the one the story names first is the person.
    ("Kofi Mensah, a reporter at the station Radio Ada Star in Tema, was arrested on 2 May 2026.",
     "I urge you to release Kofi Mensah at once. I call on you to let Radio Ada Star broadcast, to protect Kofi "
     "Mensah from harm and to return what was seized from Radio Ada Star.", "Kofi Mensah"),
    ("Aïssata Diop, présentatrice de la chaîne Télé Sahel Plus, a été arrêtée le 4 mai 2026 à Dakar.",
     "Je vous demande de libérer Aïssata Diop sans condition. Je vous demande de laisser Télé Sahel Plus émettre, "
     "de protéger Aïssata Diop et de rendre son matériel à Télé Sahel Plus.", "Aïssata Diop"),
])
def test_of_names_repeated_as_often_the_person_is_the_one_named_first(summary, letter, person):
    imported = parse_ua_text(f"EXAMPLELAND: REPORTER HELD\n\n{summary}\n\nMODEL LETTER\n\nDear Minister,\n\n"
                             f"{letter}\n\nYours sincerely,\n[Your name]\n")
    assert [found.name for found in imported.people] == [person]


@pytest.mark.parametrize("paragraph,demands", [
    ("I urge you to release Ana Ruiz at once. Pending her release, ensure she sees her lawyer.\n"
     "I also call on you to drop the charges against her.",
     ["Release Ana Ruiz at once.", "Pending her release, ensure she sees her lawyer.",
      "Drop the charges against her."]),
    ("Le pido que libere a Pedro Gil. Mientras tanto, garantice que recibe atención médica. "
     "Le pido también que investigue las amenazas.",
     ["Libere a Pedro Gil.", "Mientras tanto, garantice que recibe atención médica.", "Investigue las amenazas."]),
])
def test_a_letters_sentence_between_two_that_ask_is_a_demand_as_written(paragraph, demands):
    """In one paragraph, a sentence that asks in no words of its own between two that do asks too."""
    text = (f"A TITLE\n\nSummary.\n\nMODEL LETTER\n\nDear Minister,\n\nI write about Ana Ruiz. She is held.\n\n"
            f"{paragraph}\n\nYours sincerely,\n[Your name]")
    assert parse_ua_text(text).demands == demands


@pytest.mark.parametrize("intro,items", [
    ("I call on you to:", ["Release Ana Ruiz at once and drop every charge against her;",
                           "Pending her release, ensure that she sees her family and a lawyer of her choosing, and "
                           "gets the medical care she needs for her asthma;",
                           "Amend the law on public order used to silence peaceful critics."]),
    ("Le pido que:", ["Libere a Pedro Gil de inmediato,",
                      "Mientras tanto, garantice que recibe la atención médica que necesita y que puede ver a su "
                      "familia y a su abogada cuando lo pidan,",
                      "Investigue las amenazas que recibió."]),
])
def test_a_letters_list_without_bullets_goes_on_after_an_item_that_carries_it_on(intro, items):
    """'I call on you to:' / '' / 'Release …;' / '' / 'Pending her release, … (one long line);' / '' / …: each
    item a paragraph of its own, the list goes on below an item that ends as the next one carries it on."""
    body = "\n\n".join(items)
    text = (f"A TITLE\n\nSummary.\n\nMODEL LETTER\n\nDear Minister,\n\nI write about Ana Ruiz and Pedro Gil.\n\n"
            f"{intro}\n\n{body}\n\nYours sincerely,\n[Your name]")
    assert [demand.rstrip(".;,") for demand in parse_ua_text(text).demands] == [
        item.rstrip(".;,") for item in items]


def test_a_name_after_an_elided_word_is_whole():
    """"qu'Idriss Mahamat Saleh": the elided "qu'" is no part of the name, and does not cut its first word."""
    imported = parse_ua_text(
        "TCHAD. UN ÉTUDIANT DÉTENU\n\nIdriss Mahamat Saleh, étudiant en droit, a été arrêté le 2 juin 2025 par des "
        "hommes en civil. Amnesty International craint qu'Idriss Mahamat Saleh ne soit torturé.\n\n"
        "CE QUE NOUS DEMANDONS :\n- révéler où Idriss Mahamat Saleh est détenu ;\n- le libérer.\n")
    assert [found.name for found in imported.people] == ["Idriss Mahamat Saleh"]


def test_urgent_action_and_the_officials_are_never_people():
    imported = parse_ua_text(
        "UA 12/26\n\nKAZAKHSTAN: URGENT ACTION FOR FINED STRIKERS\n\nThe Urgent Action Network asks Urgent Action "
        "members to write to Prosecutor General Berik Zhaksylykov, who fined the strike leaders on 3 May 2026.\n\n"
        "Write to:\nProsecutor General Berik ZHAKSYLYKOV\n14 Mangilik El Avenue\nAstana 010000\nKazakhstan\n\n"
        "Sample letter\n\nDear Prosecutor General,\n\nI urge Berik Zhaksylykov to drop the fines. This Urgent Action "
        "is read widely.\n\nSincerely,\n")
    assert imported.people == []


@pytest.mark.parametrize("below,people", [
    # The names in capitals below the headline, as the story spells them.
    ("SERAP YILDIRIM", ["Serap Yıldırım"]),
    ("SERAP YILDIRIM UND ANA RUIZ", ["Serap Yıldırım", "Ana Ruiz"]),
    # Capitals the story does not name are no person.
    ("SCHREIBEN SIE BITTE", []),
])
def test_the_names_in_capitals_below_the_headline(below, people):
    from campaigns.importer.people import read_name_line
    story = ("Die Gewerkschafterin Serap Yıldırım und die Studentin Ana Ruiz stehen ab dem 26. Februar 2025 in Izmir "
             "vor Gericht, weil sie eine Kundgebung angemeldet haben.")
    assert [person.name for person in read_name_line(below, story)] == people
    imported = parse_ua_text(f"URGENT ACTION\nTÜRKEI\nGEWERKSCHAFTERINNEN DROHT HAFT\n{below}\n\n{story}\n")
    assert imported.title == "Gewerkschafterinnen Droht Haft"
    if people:
        assert [person.name for person in imported.people] == people


def test_a_law_named_again_and_again_is_no_person():
    imported = parse_ua_text(
        "SRI LANKA: JOURNALISTS HELD UNDER ANTI-TERROR LAW\n\nDozens of journalists have been arrested under the "
        "Prevention of Terrorism Act since May. The Terrorism Act allows detention for a year without charge.\n\n"
        "Sample letter\n\nDear Minister,\n\nPlease repeal the Terrorism Act and free the journalists.\n\nSincerely,\n")
    assert imported.people == []


@pytest.mark.parametrize("title, sentence, person", [
    ("Belarus: Journalistin zu 8 Jahren Lagerhaft verurteilt",
     "Die Journalistin Olga Exemplowa wurde am 3. Mai in Minsk zu 8 Jahren Lagerhaft verurteilt.", "Olga Exemplowa"),
    ("Russland: Künstlerin zu 7 Jahren Straflager verurteilt",
     "Die Künstlerin Anna Musterowa muss 7 Jahren Straflager verbüßen.", "Anna Musterowa"),
])
def test_the_words_after_a_count_the_title_and_summary_repeat_are_no_person(title, sentence, person):
    """'zu 8 Jahren Lagerhaft': German nouns are capitalised, but a word right after a small number says what the
    number counts; repeated as often as the person's name, it is still no name."""
    imported = parse_ua_text(f"{title}\n\n{sentence} Sie hatte über Proteste berichtet.\n\n"
                             f"Bitte schreiben Sie und fordern Sie:\n• die sofortige Freilassung von {person};\n"
                             "• ein faires Verfahren.\n")
    assert [found.name for found in imported.people] == [person]


def test_a_headline_may_start_with_the_banners_words():
    imported = parse_ua_text("AMNESTY INTERNATIONAL USA\nURGENT ACTION\nUA 12/26\n\nUrgent Action: Free the Students "
                             "of Minsk\n\nThe story of the case is told here in a paragraph of running text that is "
                             "long enough to be read as the summary.")
    assert imported.title == "Urgent Action: Free the Students of Minsk"


def test_a_web_pages_headline_set_straight_above_its_story_under_a_country_line():
    """Pasted from a web page, every block stands on lines of its own: the country, a blank line, the
    headline, and the story at once below it, its first sentence no wrap of the headline."""
    imported = parse_ua_text(
        "Example Section of the Network\n\nUrgent Action\n\nUA 88/26\n\nNepal\n\nStudent Editor Held Without Charge\n"
        "Anil Gurung, 22, edits a student paper at a university in Pokhara. Police took him from his room on "
        "3 March 2026 after the paper printed a story on missing relief funds. He has not been charged.\n")
    assert imported.title == "Student Editor Held Without Charge"
    assert [person.name for person in imported.people] == ["Anil Gurung"]
    assert imported.summary.startswith("Anil Gurung, 22,") and "Example Section" not in imported.summary
    # Hard-wrapped prose under a country line is no headline: its first line runs on into the second.
    wrapped = parse_ua_text("Nepal\n\nAnil Gurung edits a student paper at a university in Pokhara and was\n"
                            "taken by police on 3 March 2026 after a story on missing relief funds was printed.\n"
                            "He has not been charged, and his family has not been allowed to see him since\n"
                            "then, although they asked at the police station three times in one week.\n")
    assert not wrapped.title.startswith("Anil Gurung")


@pytest.mark.parametrize("line", ["Peru (UA 58.25)", "Let us know the actions you took on Urgent Action 58.25."])
def test_a_ua_number_named_in_passing_is_the_sheets_when_no_header_gives_one(line):
    imported = parse_ua_text(f"URGENT ACTION\nRelease Ana Ruiz\n{line}\n\nAna Ruiz is held in Lima.\n")
    assert imported.ua_number == "UA 58/25"
    assert not any("no UA number" in note for note in imported.unplaced)


def test_a_sample_email_is_the_letter_and_never_an_official():
    text = ("PERU: RELEASE ANA RUIZ\n\nAna Ruiz is held in Lima.\n\nWrite to:\nMinister of Justice\nMs Carla Soto\n"
            "Av. Central 12\nLima\nPeru\n\nSAMPLE EMAIL\n\nDear Minister,\n\nI am writing to you about Ana Ruiz, "
            "who is held in Lima.\n\nSincerely,\n[Your name]\n")
    imported = parse_ua_text(text)
    assert [target.name for target in imported.targets + imported.copies] == ["Carla Soto"]
    assert imported.template.body.startswith("I am writing to you about Ana Ruiz")


def test_one_name_in_capitals_a_line_above_the_story_after_the_header():
    story = ("Die Umweltschützerinnen Ana Ruiz und Eva Soto sitzen seit dem 3. Juli 2025 in Lima in Haft, weil sie "
             "Fotos aus dem Schutzgebiet Alto Mayo veröffentlicht haben. Alto Mayo ist ein Wald.")
    imported = parse_ua_text(f"URGENT ACTION\nUMWELTSCHÜTZERINNEN IN HAFT\nPERU\nUA-Nr: UA-071/2025\n\n"
                             f"ANA RUIZ\nEVA SOTO\n{story}\n")
    assert [person.name for person in imported.people] == ["Ana Ruiz", "Eva Soto"]
    assert imported.summary.endswith(story) and "ANA RUIZ" not in imported.summary


@pytest.mark.parametrize(("sentence", "asked"), [
    ("Dans votre lettre, demandez-lui de libérer Ana Ruiz sans condition, de lever les charges contre elle, et "
     "d'enquêter sur les menaces.", ("Dans votre lettre, demandez-lui de", ["de", "et d'"],
                                      ["libérer Ana Ruiz sans condition", "lever les charges contre elle",
                                       "enquêter sur les menaces"])),
    ("Write to the Minister urging him to release Ana Ruiz at once, to drop the charges against her, and to "
     "protect her family.", ("Write to the Minister urging him to", ["to", "and to"],
                             ["release Ana Ruiz at once", "drop the charges against her", "protect her family"])),
    # "y que" with no comma before it may join two things one demand asks for: only a comma cuts.
    ("Escribe al fiscal pidiéndole que libere a Ana Ruiz, que retire los cargos y que proteja a su familia.",
     ("Escribe al fiscal pidiéndole que", ["que"],
      ["libere a Ana Ruiz", "retire los cargos y que proteja a su familia"])),
    # A piece too short to be a demand: a comma inside one demand, which stays whole.
    ("Demandez-leur de libérer Ana, de Lyon, sans condition.",
     ("Demandez-leur de", [], ["libérer Ana, de Lyon, sans condition"])),
    # The last demand joined by "and" with no comma, before its verb; a demand opening with its verb may be short.
    ("Demandez-lui de libérer Ana Ruiz sans condition, de lever les charges contre elle et de veiller à ce qu'elle "
     "voie sa famille.", ("Demandez-lui de", ["de", "et de"], ["libérer Ana Ruiz sans condition",
                                                                "lever les charges contre elle",
                                                                "veiller à ce qu'elle voie sa famille"])),
    ("Demandez-lui de le libérer et d'enquêter sur les menaces qu'il a reçues.",
     ("Demandez-lui de", ["et d'"], ["le libérer", "enquêter sur les menaces qu'il a reçues"])),
    ("Write to the Minister urging him to release Ana Ruiz at once, to drop the charges and to protect her family.",
     ("Write to the Minister urging him to", ["to", "and to"],
      ["release Ana Ruiz at once", "drop the charges", "protect her family"])),
    # "and" before whom or what a demand is for, not a verb: one demand.
    ("Demandez-lui de protéger Ana Ruiz et de sa famille contre les menaces.",
     ("Demandez-lui de", [], ["protéger Ana Ruiz et de sa famille contre les menaces"])),
    ("Write to him urging him to ensure her access to a lawyer and to her family.",
     ("Write to him urging him to", [], ["ensure her access to a lawyer and to her family"])),
])
def test_a_sentence_may_ask_for_every_demand_after_the_same_small_word(sentence, asked):
    assert asked_demands(sentence) == asked


def test_a_sentence_that_asks_for_nothing_so_gives_no_demands():
    assert asked_demands("Merci d'agir jusqu'au 20 novembre 2025.") is None


@pytest.mark.parametrize(("line", "people"), [
    ("Nombres: Marta Quishpe Tapuy y Lucía Andi Grefa", ["Marta Quishpe Tapuy", "Lucía Andi Grefa"]),
    ("Noms : Awa Diop Ndiaye et Fatou Kiné Sall", ["Awa Diop Ndiaye", "Fatou Kiné Sall"]),
    ("Nombre: José Ortega y Gasset", ["José Ortega y Gasset"]),  # one man's two surnames
    ("Namen: Lea Brandt (sie/ihr) und Milan Kovač (er/ihm)", ["Lea Brandt", "Milan Kovač"]),
    ("Nombres: Inés Copa Mamani (ella/la) y Rubén Choque (él/lo)", ["Inés Copa Mamani", "Rubén Choque"]),
])
def test_two_people_joined_by_the_languages_and_on_the_name_line(line, people):
    imported = parse_ua_text(f"URGENT ACTION\nUA 12/25\nPERU: A TITLE\n\nA summary of the case.\n\n{line}\n")
    assert [person.name for person in imported.people] == people


@pytest.mark.parametrize("address", ["7 Harbour Row, Cork T12 X5E2", "21 Rue des Lilas, 75011 Paris"])
def test_the_senders_address_under_its_name_is_no_headline(address):
    text = (f"Amnesty International Exampleland\nUrgent Action Network\n{address}\n\n"
            "UA: 44/19 Index: AFR 12/3456/2019\n\n"
            "URGENT ACTION\nFARMERS HELD FOR PROTESTING EVICTIONS\n\n"
            "Three farmers were arrested after a peaceful protest against evictions in their district last week.\n")
    assert parse_ua_text(text).title == "Farmers Held for Protesting Evictions"


@pytest.mark.parametrize("intro, demands, closing", [
    ("Señor Ministro:\nMe dirijo a usted por Ana Exemplo. Le pido que:",
     "- la proteja de inmediato y según sus deseos;\n- investigue las amenazas contra ella.", "Atentamente,\n[Nombre]"),
    ("Dear Minister,\nI am writing about Ana Exemplo. I urge you to:",
     "- protect her at once and as she wishes;\n- investigate the threats against her.",
     "Yours sincerely,\n[Your name]"),
])
def test_a_headless_letters_closing_right_below_its_demands_is_no_part_of_the_last(intro, demands, closing):
    text = (f"A TITLE\n\nSummary.\n\nWHAT YOU CAN DO\nWrite before 5 February 2026. Use this letter:\n\n{intro}\n"
            f"{demands}\n{closing}\n\nWrite to:\nMinister of the Interior\nMr Paul Exemplo\n")
    imported = parse_ua_text(text)
    assert len(imported.demands) == 2
    assert imported.demands[-1].rstrip(".").endswith(("ella", "her"))


@pytest.mark.parametrize("instruction", [
    "Write a letter, send an email, call, or post online using your own words or this sample letter:",
    "Write a letter in your own words or use the model letter below:",
])
def test_an_instruction_to_write_that_points_to_the_sample_letter_heads_it(instruction):
    """Under a call to act on a line of its own, the sentence that asks for a letter and points to the sample
    one heads the letter: its salutation is no demand, and the demands are the letter's."""
    text = ("PERU: RELEASE ANA RUIZ\n\nAna Ruiz is held in Lima.\n\nTAKE ACTION\n"
            f"{instruction}\n\nDear Minister,\nI am concerned about Ana Ruiz. I call on you to:\n"
            "• Release Ana Ruiz at once;\n• Drop the charges against her.\nYours sincerely,\n")
    imported = parse_ua_text(text)
    assert imported.demands == ["Release Ana Ruiz at once", "Drop the charges against her."]


@pytest.mark.parametrize(("summary", "demands", "people"), [
    ("Aibek Sample, a reporter in Bishkek, was detained on 3 May 2026. Aibek Sample is held without charge. His "
     "colleague Nurzhan Example was questioned and placed under a travel ban.",
     "- Release Aibek Sample at once;\n- Lift the travel ban on Nurzhan Example.",
     ["Aibek Sample", "Nurzhan Example"]),
    ("Le syndicaliste Paul Exemple a été arrêté le 3 mai 2026 à Lomé. Paul Exemple est détenu sans inculpation. "
     "Sa collègue Awa Modèle a été interrogée pendant six heures.",
     "- libérer Paul Exemple ;\n- cesser de harceler Awa Modèle.", ["Paul Exemple", "Awa Modèle"]),
])
def test_a_further_name_of_the_summary_that_a_demand_names_too_is_a_person(summary, demands, people):
    """Besides the person the text stands out for, another name the summary gives and a demand names is a person
    at risk too; a place or a thing the demands name after an article, a preposition or a medium is none."""
    imported = parse_ua_text(f"EXAMPLELAND: REPORTER HELD\n\n{summary}\n\n"
                             f"Please write urging the authorities to:\n{demands}\n")
    assert [found.name for found in imported.people] == people


@pytest.mark.parametrize("thing", ["held in Port Sample", "the station Radio Ada Star", "the Special Powers Act"])
def test_a_place_or_a_thing_both_the_summary_and_a_demand_name_is_no_person(thing):
    summary = f"Aibek Sample, a reporter, was detained on 3 May 2026, {thing}. Aibek Sample is held without charge."
    imported = parse_ua_text(f"EXAMPLELAND: REPORTER HELD\n\n{summary}\n\nPlease write urging the authorities to:\n"
                             "- Release Aibek Sample;\n"
                             f"- Stop what is done {thing}.\n")
    assert [found.name for found in imported.people] == ["Aibek Sample"]


@pytest.mark.parametrize(("sentence", "people"), [
    ("Among those affected are Stefka Example, a mother of four, and Yordan Sample, who has lived there since 1989.",
     ["Stefka Example", "Yordan Sample"]),
    ("Parmi les familles touchées figurent Awa Modèle, une mère de trois enfants, et Paul Exemple, qui vit là depuis "
     "1990.", ["Awa Modèle", "Paul Exemple"]),
])
def test_two_people_named_once_each_the_first_said_who_they_are(sentence, people):
    """Named once each, a name followed by who the person is and a further name joined to it ("A, a mother of
    four, and B") are two people at risk."""
    text = (f"EXAMPLELAND: FAMILIES FACE EVICTION\n\nThe homes of some 40 families in a town are to be demolished "
            f"by order of a court. {sentence}\n\nPlease write urging the authorities to:\n- Halt the demolitions;\n"
            "- Offer every family adequate housing.\n")
    assert [found.name for found in parse_ua_text(text).people] == people


@pytest.mark.parametrize("header, people", [
    ("DANA EXEMPLO (f), aged 30\nTOMAS EXEMPLO (m), aged 58, her father", ["Dana Exemplo", "Tomas Exemplo"]),
    ("Dana Exemplo (f), aged 30, student\nTomas Exemplo (m)\nRuth Exemplo (f), aged 55",
     ["Dana Exemplo", "Tomas Exemplo", "Ruth Exemplo"]),
])
def test_a_paragraph_of_case_headers_a_line_to_each_person_names_them_all(header, people):
    imported = parse_ua_text(f"UA 12/26\n\nGUYANA: Family threatened after a complaint\n\n{header}\n\nDana Exemplo "
                             "filed a complaint against the police on 2 March 2026; since then she and her parents "
                             "have received threats.")
    assert [person.name for person in imported.people] == people


@pytest.mark.parametrize("sheet, person", [
    ("SLOWAKEI\nRoma-Familien droht Räumung\n\nIm Dorf Horná Ves sollen Familien ihre Häuser verlassen. Der "
     "Aktivist Pavol Exemplár, der die Familien berät, wurde vorgeladen.\n\nFordern Sie die Behörden auf,\n- die "
     "Räumung in Horná Ves auszusetzen;\n- die Einschüchterung von Pavol Exemplár zu beenden.\n", "Pavol Exemplár"),
    ("PERU: Families in Santa Rosa de Lima face eviction\n\nFamilies in Santa Rosa de Lima were told to leave their "
     "homes. The activist Rosa Exemplo, who advises them, was summoned by the police.\n\nPlease write, urging the "
     "authorities to:\n- halt the eviction;\n- end the harassment of Rosa Exemplo.\n", "Rosa Exemplo"),
])
def test_a_name_the_sheet_gives_as_a_place_is_no_person(sheet, person):
    """'im Dorf Horná Ves', 'in Santa Rosa de Lima': a name after the word for "in" is a place, however often the
    sheet repeats it."""
    assert [found.name for found in parse_ua_text(sheet).people] == [person]


@pytest.mark.parametrize("after", [
    "Merci de votre mobilisation !\nAmnesty International Belgique francophone – Rue Exemple 9 – 1000 Bruxelles",
    "Thank you for your support.",
])
def test_thanks_and_the_footer_in_a_paragraph_after_the_demands_are_none_of_them(after):
    imported = parse_ua_text(
        "BURUNDI : UN JOURNALISTE DÉTENU\n\nLe journaliste Jean Exemple est détenu depuis le 2 mars 2026.\n\n"
        "Dans vos appels, demandez aux autorités :\nde libérer Jean Exemple immédiatement ;\n"
        f"de garantir qu'il puisse voir un avocat de son choix.\n\n{after}\n")
    assert imported.demands == ["De libérer Jean Exemple immédiatement",
                                "De garantir qu'il puisse voir un avocat de son choix"]
    assert after.split("\n")[0] in imported.unplaced


@pytest.mark.parametrize("intro, items, languages", [
    ("ESCRIBAN INMEDIATAMENTE en árabe, francés o español, o en su propio idioma:",
     ["pidiendo que Ana Ruiz sea puesta en libertad", "instando a las autoridades a que anulen la condena"],
     ["ar", "fr", "es"]),
    ("Écrivez immédiatement en français ou dans votre langue :",
     ["en demandant la libération d'Ana Ruiz", "en appelant les autorités à annuler sa condamnation"], ["fr"]),
])
def test_a_request_to_write_in_languages_introduces_the_bulleted_demands_below_it(intro, items, languages):
    """The old layout's 'PLEASE WRITE IMMEDIATELY in …:' in the sheet's own language: the dashed list under it
    is the demands, each as written, and the languages it names are read."""
    listed = "\n".join(f"- {item};" for item in items)
    imported = parse_ua_text(f"A TITLE\n\nA summary of the case.\n\n{intro}\n{listed}\n")
    assert imported.demands == [item[0].upper() + item[1:] for item in items]
    assert imported.preferred_languages == languages


@pytest.mark.parametrize("intro, items, languages", [
    ("ACTION RECOMMANDÉE : écrivez une lettre ou un courriel, en français ou dans votre propre langue, dans lequel "
     "vous :", ["appelez les autorités à libérer immédiatement Jean Mbarga", "exhortez-les à le protéger de la torture",
                "rappelez-leur leurs obligations internationales"], ["fr"]),
    ("ACCIÓN RECOMENDADA: escriban una carta, en español o en su propio idioma, en la que:",
     ["pidan la libertad inmediata de Jean Mbarga", "insten a las autoridades a protegerlo de la tortura"], ["es"]),
])
def test_a_request_to_write_in_languages_after_a_short_label_introduces_the_list_below_it(intro, items, languages):
    """'ACTION RECOMMANDÉE : écrivez …, en français …, dans lequel vous :': the label before the colon does not hide
    the request to write in languages that hands over to the dashed demands below it."""
    listed = "\n".join(f"- {item} ;" for item in items)
    imported = read(f"CAMEROUN : UN JOURNALISTE DÉTENU\n\nRésumé du cas.\n\n{intro}\n{listed}\n")
    assert imported.demands == [item[0].upper() + item[1:] for item in items]
    assert imported.preferred_languages == languages


def test_a_request_to_write_that_ends_before_its_colon_hands_over_to_the_model_letter():
    """'Escribid … en español o en francés. Podéis usar esta carta modelo:': the colon belongs to the second
    sentence, so the ruled-off letter below it is no list of demands."""
    text = ("A TITLE\n\nA summary of the case.\n\nEscribid antes del 10 de febrero de 2027 en español o en francés. "
            "Podéis usar esta carta modelo:\n\n-----------------------------\nSeñor Presidente:\n\nLe pido que:\n"
            "1. Ponga en libertad a Ana Ruiz.\n2. Garantice su seguridad.\n\nAtentamente,\n[Nombre y firma]\n"
            "-----------------------------\n")
    assert parse_ua_text(text).demands == ["Ponga en libertad a Ana Ruiz.", "Garantice su seguridad."]


@pytest.mark.parametrize("mother, son", [
    ("Ana María Ruiz Ortega", "Tomás Ruiz Ortega"),
    ("Lucía Gómez Pardo", "Pablo Gómez Pardo"),
])
def test_a_family_name_shared_by_the_people_at_risk_is_no_person_of_its_own(mother, son):
    """The family's name, repeated more often than either full name, is part of theirs, not a third person."""
    first = son.split()[0]
    text = (f"DEPORTATION POSTPONED\n\n{mother} and her son {son}, aged 12, were not deported as planned, after "
            f"{first} was admitted to hospital.\n\nThe family's situation remains critical. {first} needs daily "
            f"care. {mother} received death threats.\n\nDear Minister,\nI welcome the postponement of the "
            f"deportation of {mother} and her son {first}. I urge you to:\n"
            f"1. Cancel the deportation of {mother} and {son};\n2. Grant the family a residence permit.\n"
            "Yours sincerely,\n")
    people = [person.name for person in parse_ua_text(text).people]
    assert mother in people
    assert not any(name != other and f" {name} " in f" {other} " for name in people for other in people)


@pytest.mark.parametrize("summary, people", [
    ("Die Asylsuchenden Ali Exemplo, Omar Beispiel und die 16-jährige\nRayan Muster sind in Haft. Rayan Muster "
     "wurde nicht angehört. Omar Beispiel ist verletzt.", ["Ali Exemplo", "Omar Beispiel", "Rayan Muster"]),
    ("The asylum-seekers Ali Exemplo, Omar Beispiel and the 16-year-old\nRayan Muster are detained. Rayan Muster "
     "was not heard. Omar Beispiel is injured.", ["Ali Exemplo", "Omar Beispiel", "Rayan Muster"]),
])
def test_a_person_joined_with_her_age_before_her_name_is_a_person_at_risk(summary, people):
    text = (f"DETAINED ASYLUM-SEEKERS\n\n{summary}\n\nI call on you to:\n- Release Ali Exemplo at once;\n"
            "- Ensure Ali Exemplo sees a lawyer.\n")
    assert sorted(person.name for person in parse_ua_text(text).people) == people


@pytest.mark.parametrize("heading", ["EMPFOHLENE AKTIONEN: SCHREIBEN SIE E-MAILS ODER BRIEFE",
                                     "Ihre Aktion: Bitte schreiben Sie an die Behörden",
                                     "RECOMMENDED ACTION: PLEASE WRITE A LETTER OR AN EMAIL"])
def test_a_short_label_before_the_request_to_write_above_the_demands(heading):
    text = (f"IN HAFT\n\nDer Student Omar Beispiel ist in Haft.\n\n{heading}\n\n"
            "- Lassen Sie Omar Beispiel umgehend frei.\n- Sorgen Sie dafür, dass er seinen Anwalt sieht.\n")
    assert parse_ua_text(text).demands == ["Lassen Sie Omar Beispiel umgehend frei.",
                                           "Sorgen Sie dafür, dass er seinen Anwalt sieht."]


@pytest.mark.parametrize(("first", "second"), [
    ("Write a letter or an email in Spanish or English, in your own words or with the", "points listed here, "
     "calling on the Attorney General:"),
    ("Write a letter in French, using your own words or the demands set out", "below, and pressing the Minister "
     "of Justice:"),
])
def test_an_introduction_wrapped_with_a_long_end_right_above_its_list(first, second):
    text = (f"DETAINED\n\nOmar Exemplo is detained.\n\nWHAT TO DO\n{first}\n{second}\n\n"
            "  * Release Omar Exemplo at once;\n  * Let him see his lawyer.\n")
    assert parse_ua_text(text).demands == ["Release Omar Exemplo at once", "Let him see his lawyer"]


@pytest.mark.parametrize(("sentence", "demand"), [
    ("Je vous demande enfin de mettre fin aux poursuites contre Ana Ruiz.",
     "De mettre fin aux poursuites contre Ana Ruiz."),
    ("Je vous prie également d'ouvrir une enquête sur les menaces.", "D'ouvrir une enquête sur les menaces."),
    ("Je vous demande aussi de protéger sa famille contre tout harcèlement.",
     "De protéger sa famille contre tout harcèlement."),
])
def test_a_french_letter_asks_again_with_an_adverb_after_the_verb(sentence, demand):
    text = (f"A TITLE\n\nSummary.\n\nMODÈLE DE LETTRE\n\nMonsieur le Ministre,\n\n{sentence}\n\n"
            "Veuillez agréer, Monsieur le Ministre, l'expression de ma haute considération.\n")
    assert parse_ua_text(text).demands == [demand]


@pytest.mark.parametrize("heading", ["What to ask for:", "What to call for:"])
def test_what_to_ask_for_heads_the_demands_below_it(heading):
    text = (f"DETAINED\n\nOmar Exemplo is detained.\n\nTAKE ACTION\n\n1. Write a letter.\n\n{heading}\n"
            "- Release Omar Exemplo at once\n- Let him see his lawyer\n")
    assert parse_ua_text(text).demands == ["Release Omar Exemplo at once", "Let him see his lawyer"]


@pytest.mark.parametrize("header", [
    "---------- Forwarded message ---------\nFrom: Action Network <network@section.example>\n"
    "Date: Tue, 3 Mar 2026 at 09:10\nSubject: Update on a detained teacher\nTo: <members@section.example>",
    "---------- Forwarded message ---------\nFrom: Casework Team <team@other-section.example>\n"
    "Date: Thu, 5 Mar 2026 at 14:30\nSubject: The case of a teacher held\nTo: <supporters@other-section.example>",
])
def test_a_forwarded_emails_header_is_no_running_text_before_the_headline(header):
    text = (f"{header}\n\nURGENT ACTION UPDATE\n\nEXAMPLELAND: TEACHER STILL HELD AFTER APPEAL\n\n"
            "On 2 March 2026 the court upheld the sentence of teacher Omar Exemplo. He remains in prison.\n")
    assert parse_ua_text(text).title == "Exampleland: Teacher Still Held After Appeal"


@pytest.mark.parametrize("note", [
    "Dear UA Network member,\nThank you for all your letters this month. The new case is below. Please note\n"
    "that our office is closed over the holidays, from 22 December to 3 January.",
    "Dear friends,\nMany thanks for your support this year. Here is this week's case. Please remember that\n"
    "the office will be closed on Monday, so send any questions by e-mail instead.",
])
def test_a_cover_note_to_the_members_above_the_sheet_hides_no_headline(note):
    """'Dear UA Network member,' / 'Thank you …' above the sheet: a note to the members, no running text of the
    story, so the headline below it is still found."""
    text = (f"Amnesty International Exampleland – Urgent Action Network\n\n{note}\n\nUA: 12/27\n\nURGENT ACTION\n"
            "STUDENT LEADER AT RISK OF TORTURE\nEXAMPLELAND\n\nAna Exemplo, a student leader, was arrested on 2 May "
            "2027 in the capital and has been held\nwithout charge since then. Her family has not been told where "
            "she is held.\n")
    assert parse_ua_text(text).title.casefold() == "student leader at risk of torture"


@pytest.mark.parametrize(("mother", "son"), [
    ("Rosa Elvira Choc Tzi", "Marvin Choc Tzi"),
    ("Ana Lucía Pérez Gómez", "Tomás Pérez Gómez"),
])
def test_a_family_name_two_people_share_is_no_person_of_its_own(mother, son):
    """Of the names a sheet without a NAME AND PRONOUN line repeats, the family name of a mother and her son is
    repeated most; it never starts a name, so the mother's whole name is taken, and her son's beside it."""
    text = (f"ACCIÓN URGENTE\nDEFENSORA SIGUE ENCARCELADA\n\nLa defensora {mother} sigue en prisión preventiva desde "
            f"hace cuatro meses.\nSu hijo, {son}, también defensor, ha denunciado amenazas.\n\n"
            f"{mother} fue detenida el 2 de octubre de 2025 tras una protesta pacífica.\n\n"
            f"Le pido que:\n1. Ordene la liberación inmediata de {mother}.\n"
            f"2. Garantice la seguridad de {son} y de su familia.\n")
    assert [person.name for person in parse_ua_text(text).people] == [mother, son]


@pytest.mark.parametrize("concern", ["Fear of flogging / Prisoner of conscience", "Fear of torture"])
def test_the_concern_on_the_ua_numbers_line_is_the_title_of_a_sheet_with_no_headline(concern):
    """The older Canadian layout names the concern after the UA number ("UA 52/26   Fear of torture"), with the
    country and the case header below it and no headline of its own."""
    text = ("AMNESTY INTERNATIONAL CANADA\n\n                 URGENT ACTION\n"
            f"                 UA 52/26   {concern}\n\n"
            "IRAN                Ana Example (f), aged 34, teacher\n\n"
            "Teacher Ana Example was arrested at her home on 4 December 2025 and is held without charge.\n")
    imported = parse_ua_text(text)
    assert imported.title == concern
    assert concern not in imported.unplaced


@pytest.mark.parametrize("intro", ["Here's what we're asking the authorities to do:",
                                   "This is what we are calling on the government to do:"])
def test_an_introduction_that_asks_the_authorities_to_do_heads_the_paragraphs_below(intro):
    """'Here's what we're asking the authorities to do:': the introduction may end in 'to do' before its colon; the
    demands below it are paragraphs of their own, with no bullets."""
    text = ("URGENT ACTION\n\nTEACHERS HELD WITHOUT CHARGE\n\nTwo teachers were arrested on 3 March 2026.\n\n"
            f"TAKE ACTION\n\n{intro}\n\nRelease both teachers unless they are promptly charged\n\n"
            "Order an impartial investigation into reports that they were beaten\n\n"
            "Contact this official:\n\nMinister of Justice\nMr. John Example\nMinistry of Justice\nPO Box 12\n"
            "Kampala\nUganda\n")
    assert parse_ua_text(text).demands == ["Release both teachers unless they are promptly charged",
                                           "Order an impartial investigation into reports that they were beaten"]


@pytest.mark.parametrize(("paragraph", "deadline", "languages"), [
    ("Bitte schreiben Sie Ihre Appelle möglichst sofort. Schreiben Sie in gutem Russisch, Englisch oder auf Deutsch. "
     "Da Briefe nach Russland oft lange unterwegs sind, bitten wir Sie, zusätzlich per E-Mail zu schreiben. Schicken "
     "Sie bitte Ihre Appelle bis spätestens 3. Oktober 2026. Keine Appelle mehr nach diesem Datum.",
     date(2026, 10, 3), ["ru", "en", "de"]),
    ("Please write immediately in English, Spanish or your own language. Because letters to the region often take "
     "several weeks to arrive, we also ask you to send your appeals by email wherever you can. Please send appeals "
     "before 14 November 2026, and check with the office if sending appeals after that date.",
     date(2026, 11, 14), ["en", "es"]),
])
def test_a_long_paragraph_on_one_line_that_asks_to_write_gives_its_values(paragraph, deadline, languages):
    """A paragraph of sentences to the readers pasted as one line, longer than any heading, still gives the
    deadline and the languages when it opens by asking to write."""
    assert len(paragraph) > 300
    text = ("URGENT ACTION\n\nBLOGGER DISAPPEARED\n\nA blogger was taken away on 11 August 2026.\n\n"
            f"Contact this official:\n\nProsecutor General\nMr. John Example\nProsecutor's Office\nPO Box 12\n"
            f"Kampala\nUganda\n\n{paragraph}\n")
    imported = read(text)
    assert (imported.deadline, imported.preferred_languages) == (deadline, languages)


@pytest.mark.parametrize(("header", "title"), [
    ("URGENT ACTION\n\nVERSCHWUNDEN NACH FESTNAHME\nRUSSISCHE FÖDERATION (NORDKAUKASUS)\nUA-145/2026\n",
     "Verschwunden nach Festnahme"),
    ("URGENT ACTION\n\nSTUDENT DISAPPEARED AFTER ARREST\nCHINA (XINJIANG)\nUA 45/26\n",
     "Student disappeared after arrest"),
    ("URGENT ACTION\n\nMEXIKO (CHIAPAS)\nLehrer seit Wochen in Haft\nUA-146/2026\n", "Lehrer seit Wochen in Haft"),
])
def test_the_country_line_with_its_region_in_parentheses_is_no_part_of_the_headline(header, title):
    """'RUSSISCHE FÖDERATION (NORDKAUKASUS)' below or above the headline names the country and its region: it ends
    the headline's capitals, or stands above it, as the country alone does."""
    text = (f"{header}\n22. August 2026\n\nDer Blogger Magomed Beispiel wurde am 11. August 2026 festgenommen. "
            "Seitdem fehlt von ihm jede Spur.\n")
    assert parse_ua_text(text).title.casefold() == title.casefold()


@pytest.mark.parametrize("headline", ["ACTIVIST'S FAMILY DETAINED IN BASRA, AT RISK OF TORTURE",
                                      "LAWYER’S SON ARRESTED IN KABUL, FACES UNFAIR TRIAL"])
def test_a_headline_with_a_possessive_before_its_comma_is_no_case_header(headline):
    """'ACTIVIST'S FAMILY DETAINED IN BASRA, AT RISK OF TORTURE' has the shape of a case header (capitalised words,
    a comma, then more), but a word with an English possessive names no one: it is the headline."""
    text = (f"URGENT ACTION\n{headline}\nHuman rights activist Ali Example was arrested with his brother at their "
            "family home on 21 September. Their whereabouts are unknown.\n")
    imported = parse_ua_text(text)
    assert imported.title.casefold() == headline.casefold()


@pytest.mark.parametrize("place", ["San Benito Poité", "Santa Rosa Ejemplo", "São João Exemplo"])
def test_a_village_named_after_a_saint_is_no_person(place):
    """'alcalde de la aldea maya de San Benito Poité': the words after a saint's title name a town or a village,
    never a person at risk, even where the letter names them beside the person."""
    text = ("ACCIÓN URGENTE\n\nAU 62/26\n\nBELICE: DEFENSOR MAYA AMENAZADO\n\n"
            f"Alfonso Choc Ejemplo, alcalde tradicional de la aldea maya de {place}, en el distrito de Toledo, ha "
            "recibido amenazas de muerte tras denunciar el desalojo de seis familias el 18 de mayo de 2026.\n\n"
            "La policía no ha ofrecido protección a Alfonso Choc Ejemplo.\n\n"
            "QUÉ PUEDES HACER\nEscribe, antes del 14 de julio de 2026, en español. "
            "Puedes utilizar esta carta modelo:\n\n"
            "Señor Ministro:\n\nMe dirijo a usted para expresarle mi honda preocupación por las amenazas recibidas "
            f"por Alfonso Choc Ejemplo, alcalde de la aldea maya de {place}, y por el incendio de la casa comunal.\n\n"
            "Le pido que:\n- garantice la protección de Alfonso Choc Ejemplo y de su familia;\n"
            f"- asegure que no se lleven a cabo más desalojos en {place}.\n\nAtentamente,\n")
    assert [person.name for person in parse_ua_text(text).people] == ["Alfonso Choc Ejemplo"]
