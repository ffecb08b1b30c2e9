"""The importer's reading of sheets whose lines wrap, whose envelopes open with a rank or a role, and whose
pages repeat their heads: an introduction or a value sentence wrapped over two lines, prose wrapped under the
officials, a salutation after an official named in prose, a town at the end of the last street line, and
section words ("You can also write to", "NOMBRE Y GÉNERO GRAMATICAL PREFERIDO") in more of the network's
languages. Each sheet is a few invented lines showing one rule; no word of it may be lost.
"""
from __future__ import annotations

from datetime import date

import pytest

from campaigns.importer import parse_ua_text, read_date
from tests.test_importer import read


def test_an_envelope_below_the_demands_may_open_with_a_rank_or_a_role_before_the_name():
    text = ("In your letter, please ask the Minister to:\n- Release Lan Pham now\n- Let her see a lawyer\n\n"
            "Minister of Public Order\nGeneral Bao Van Hung\nMinistry of Public Order\n4 River Lane\nHanoi\nVietnam\n"
            "Email: office@order.example\nSalutation: Dear Minister\n\n"
            "Ambassador Le Thi Hoa\nEmbassy of Vietnam\n12 Elm Avenue NW\nWashington DC 20008\n"
            "Email: embassy@vn.example\nSalutation: Dear Ambassador\n")
    imported = read(text)
    assert imported.demands == ["Release Lan Pham now", "Let her see a lawyer"]
    [minister, ambassador] = imported.targets
    assert (minister.title, minister.honorific, minister.name, minister.salutation) == (
        "Minister of Public Order", "General", "Bao Van Hung", "Dear Minister")
    assert (ambassador.title, ambassador.name, ambassador.city, ambassador.country) == (
        "Ambassador", "Le Thi Hoa", "Washington", "US")
    # The same lines as prose stay prose: no name after the role.
    assert parse_ua_text("Ambassadors of many countries met\nin the capital on Monday.\nEmail: a@b.example\n"
                         ).targets == []


def test_a_deadline_followed_by_a_clause_of_its_own():
    assert read_date("August 28, 2025; after that, get in touch with us first") == (date(2025, 8, 28), "")
    assert read_date("14 mars 2026 – au-delà, contactez-nous") == (date(2026, 3, 14), "")
    assert read_date("August 28, 2025 or later")[0] is None  # no clause break: not read as a date
    imported = read("Please take action before August 28, 2025; after that, get in touch with us.\n")
    assert imported.deadline == date(2025, 8, 28)


def test_interleaved_columns_whose_second_role_heads_an_office_and_whose_box_line_ends_in_the_town():
    text = ("PLEASE SEND APPEALS BEFORE 23 MAY 2025 TO:\nMinister of Health\nInspector General of Police\n"
            "Hon. Ruth Akello\nMr Peter Okello\nMinistry of Health\nPolice Headquarters\nPlot 6 Lourdel Road\n"
            "Plot 9 Naguru Drive\nPO Box 7272, Kampala\nPO Box 7055, Kampala\nUganda\nUganda\n"
            "Email: minister@health.example\nEmail: igp@police.example\n")
    imported = read(text)
    [minister, inspector] = imported.targets
    assert (minister.title, minister.name, minister.organisation) == ("Minister of Health", "Ruth Akello",
                                                                      "Ministry of Health")
    assert (inspector.title, inspector.honorific, inspector.name) == ("Inspector General of Police", "Mr",
                                                                      "Peter Okello")
    assert (inspector.address_lines, inspector.city, inspector.emails) == (
        ["Plot 9 Naguru Drive", "PO Box 7055"], "Kampala", ["igp@police.example"])


def test_a_locality_and_a_town_on_the_last_line_of_an_envelope():
    text = ("Send appeals to:\n\nMinister of Interior\nShaikh Ali bin Saif Al Nasser\nMinistry of Interior\n"
            "PO Box 13\nAl Qudaibiya, Manama\nKingdom of Bahrain\nEmail: info@interior.example\n"
            "Please begin your letter \"Your Excellency\".\n")
    [target] = read(text).targets
    assert (target.honorific, target.name, target.organisation) == ("Shaikh", "Ali bin Saif Al Nasser",
                                                                    "Ministry of Interior")
    assert (target.address_lines, target.city, target.country) == (["PO Box 13", "Al Qudaibiya"], "Manama", "BH")
    assert target.salutation == "Your Excellency"


def test_a_demands_introduction_wrapped_onto_a_short_line():
    text = ("Please write immediately in English or your own language urging the authorities\nto:\n"
            "■ Drop all charges against Sam Ouma;\n■ Return his camera.\n")
    imported = read(text)
    assert imported.demands == ["Drop all charges against Sam Ouma", "Return his camera"]
    text = ("PLEASE WRITE AT ONCE, in Arabic, English or your own language, raising the\nfollowing points:\n\n"
            "Urging the authorities to release Ali Hasan at once;\n\nCalling on them to investigate his torture.\n")
    assert read(text).demands == ["Urging the authorities to release Ali Hasan at once",
                                  "Calling on them to investigate his torture"]


def test_wrapped_prose_and_the_repeated_running_head_among_the_officials_are_no_officials():
    text = ("URGENT ACTION\nJOURNALIST FACES TRIAL\nSam Ouma, a journalist, is on trial.\n\nWrite to:\n"
            "Minister of Justice\nMs Ruth Akello\nMinistry of Justice\nPO Box 7, Kampala\nUganda\n"
            "Email: minister@justice.example\n\n"
            "Copies to:\nUganda has no embassy here. Please send copies to the Embassy of the\n"
            "Republic of Uganda in Washington, which is accredited to this country:\n\n"
            "Ambassador Rose Atim\nEmbassy of Uganda\n24 Oak Place NW\nWashington DC 20008\n"
            "Email: embassy@ug.example\n\n"
            "Letters arriving after this date may still help: ask the Urgent Action office\nfirst.\n\n"
            "URGENT ACTION\nJOURNALIST FACES TRIAL\n")
    imported = read(text)
    assert [target.name for target in imported.targets] == ["Ruth Akello"]
    assert [copy.name for copy in imported.copies] == ["Rose Atim"]
    assert "Letters arriving after this date may still help: ask the Urgent Action office" in imported.unplaced


def test_a_one_line_copy_after_its_heading_with_to():
    text = ("Write to:\nMinister of Justice\nMs Ruth Akello\nMinistry of Justice\nPO Box 7, Kampala\nUganda\n\n"
            "And copies to: Ambassador Rose Atim, Embassy of Uganda, 24 Oak Place NW, Washington DC 20008, "
            "Email: embassy@ug.example, Salutation: Dear Ambassador\n")
    [copy] = read(text).copies
    assert (copy.title, copy.name, copy.organisation, copy.salutation) == (
        "Ambassador", "Rose Atim", "Embassy of Uganda", "Dear Ambassador")


@pytest.mark.parametrize(("first", "second", "street", "city"), [
    ("And copy: Ambassador Rose Atim, Embassy of Uganda, 2400 Example", "Terrace NW, Suite 12, Washington DC 20008",
     ["2400 Example Terrace NW, Suite 12"], "Washington"),
    ("Copies to: High Commissioner Joseph Banda, High Commission of Malawi, 36 Example", "Road, London W8 4QP",
     ["36 Example Road"], "London"),
])
def test_a_one_line_copy_wrapped_in_its_street_goes_on_over_the_next_line(first, second, street, city):
    """'And copy: Ambassador …, Embassy of …, 1200 Juniper' / 'Court NW, Suite 540, Washington DC 20036 | Phone: …':
    the line below names no one and carries the address on, so it is the same official's."""
    text = ("Write to:\nMinister of Justice\nMs Ruth Akello\nMinistry of Justice\nPO Box 7, Kampala\nUganda\n\n"
            f"{first}\n{second} | Phone: 202 555 0101 | Email: embassy@example.example\n")
    [copy] = read(text).copies
    assert (copy.address_lines, copy.city, copy.phone, copy.emails) == (street, city, "202 555 0101",
                                                                       ["embassy@example.example"])


def test_a_second_prose_official_and_the_salutation_after_each_sentence():
    text = ("Écrivez à la ministre de la Justice, Mme Claire Niyonzima, Ministère de la Justice, BP 1880, "
            "Bujumbura, Burundi, courriel : cabinet@justice.example, en reprenant les demandes ci-dessus. "
            "Formule d'appel : Madame la Ministre,\n\n"
            "Vous pouvez également écrire au procureur général, M. Paul Nduwimana, Parquet général, BP 105, "
            "Bujumbura, Burundi, courriel : pgr@parquet.example. Formule d'appel : Monsieur le Procureur général,\n")
    [minister, prosecutor] = read(text).targets
    assert (minister.name, minister.salutation) == ("Claire Niyonzima", "Madame la Ministre,")
    assert (prosecutor.title, prosecutor.name, prosecutor.emails) == ("Procureur général", "Paul Nduwimana",
                                                                     ["pgr@parquet.example"])
    assert prosecutor.salutation == "Monsieur le Procureur général,"


@pytest.mark.parametrize("text,name,city", [
    # The address gives no number and no email in the sentence: it ends in its country; the verb may say "also".
    ("Écrivez au Premier ministre, M. Paul Exemple Soares, Palais du Gouvernement, Rue Centrale,\nLomé, Togo. "
     "Courriel : pm@gouv.example\n", "Paul Exemple Soares", "Lomé"),
    ("Écrivez également à la ministre de l'Intérieur, Mme Awa Diallo Kane, Ministère de l'Intérieur, Place de "
     "l'Indépendance,\nNiamey, Niger. Fax : +227 20 72 00 00\n", "Awa Diallo Kane", "Niamey"),
])
def test_a_prose_official_whose_address_ends_in_its_country(text, name, city):
    [target] = read(text).targets
    assert (target.name, target.city) == (name, city)


@pytest.mark.parametrize("lines,deadline,languages", [
    ("Escriban en español o en su propio idioma. Envíen sus llamamientos lo antes posible,\n"
     "antes del 17 de noviembre de 2025.\n", date(2025, 11, 17), ["es"]),
    ("Schreib bis zum 22.01.2026 an den Generalstaatsanwalt. Schreib in gutem Russisch, Englisch\n"
     "oder auf Deutsch. Bitte beachte die Anrede.\n", date(2026, 1, 22), ["ru", "en", "de"]),
])
def test_a_value_sentence_wrapped_onto_the_next_line(lines, deadline, languages):
    imported = read(lines)
    assert imported.deadline == deadline and imported.preferred_languages == languages


@pytest.mark.parametrize("line,name,pronouns", [
    ("NOMBRE Y GÉNERO GRAMATICAL PREFERIDO: Rodrigo Ixcot (masculino)", "Rodrigo Ixcot", "he/him"),
    ("NOM ET PRONOM : Awa Diallo (elle)", "Awa Diallo", ""),
    ("NAME UND PRONOMEN: Olga Hrynko (sie/ihr)", "Olga Hrynko", "sie/ihr"),
])
def test_the_people_line_in_each_sheet_language(line, name, pronouns):
    imported = parse_ua_text(f"URGENT ACTION\nA title\n\n{line}\n")
    assert [(person.name, person.pronouns) for person in imported.people] == [(name, pronouns)]


def test_the_link_to_the_previous_sheet_in_spanish():
    imported = read("ENLACE A LA AU ANTERIOR: https://www.amnistia.example/au/103-25\n")
    assert imported.previous_ua_link == "https://www.amnistia.example/au/103-25"


def test_a_headline_in_capitals_wrapped_over_two_lines_is_one_title():
    text = ("URGENT ACTION\nRIVER GUARDIANS ARRESTED AFTER\nA PEACEFUL MARCH\nLuz Mamani Quispe and Tomás Ayala, two "
            "fishers from the lowlands, were arrested on 3 May 2025 after a march against the dredging of their "
            "river. They are held at a police station.\n")
    assert read(text).title == "River Guardians Arrested After a Peaceful March"


def test_a_page_break_inside_the_letter_is_left_out_and_its_sentence_goes_on():
    text = ("URGENT ACTION\nRIVER GUARDIANS ARRESTED\nLuz Mamani Quispe, a fisher, was arrested on 3 May 2025 after "
            "a march against the dredging of her river. She is held at a police station in the capital.\n\n"
            "SAMPLE LETTER\nDear Minister,\n\n"
            "I call on you to release Luz Mamani Quispe at once and to stop the dredging of\n\n"
            "EXAMPLE SECTION | UA 7/25 | PAGE 1 OF 2\n\nURGENT ACTION\nRIVER GUARDIANS ARRESTED\nthe river.\n\n"
            "Sincerely,\n[Your name]\n\nSection footer | Seite 2 von 2\n")
    imported = read(text)
    assert imported.demands == ["Release Luz Mamani Quispe at once and to stop the dredging of the river."]
    assert "PAGE 1 OF 2" not in imported.template.body and imported.title == "River Guardians Arrested"
    assert "EXAMPLE SECTION | UA 7/25 | PAGE 1 OF 2" in imported.recognised


def test_with_no_country_named_the_case_is_in_the_country_its_targets_share():
    text = ("URGENT ACTION\nRIVER GUARDIANS ARRESTED\nLuz Mamani Quispe, a fisher, was arrested on 3 May 2025 after "
            "a march against the dredging of her river. She is held at a police station in the capital city.\n\n"
            "Write to:\nMinister of the Interior\nSr. Pablo Rojas\nAv. Central 12\nAsunción, Paraguay\n\n"
            "Attorney General\nDra. Ana Benítez\nCalle Sur 3\nAsunción, Paraguay\n")
    imported = read(text)
    assert imported.country == "PY"
    assert any("targets' addresses" in line for line in imported.unplaced)


@pytest.mark.parametrize("footer", ["Exampleland Section | 1 of 3", "Sección de Ejemplo | 1 de 3",
                                    "Section exemple | 1 sur 3"])
def test_a_footer_that_numbers_its_page_without_the_word_page_is_left_out(footer):
    text = ("URGENT ACTION\nRIVER GUARDIANS ARRESTED\nLuz Mamani Quispe, a fisher, was arrested on 3 May 2025 after "
            "a march against the dredging of her river. She is held at a police station in the capital.\n\n"
            "SAMPLE LETTER\nDear Minister,\n\n"
            "I call on you to release Luz Mamani Quispe at once and to stop the dredging of\n\n"
            f"{footer}\n\nURGENT ACTION\nRIVER GUARDIANS ARRESTED\nthe river.\n\nSincerely,\n")
    imported = read(text)
    assert imported.demands == ["Release Luz Mamani Quispe at once and to stop the dredging of the river."]
    assert footer in imported.recognised


def test_a_number_of_pages_in_a_sentence_is_no_footer():
    imported = read("URGENT ACTION\nRIVER GUARDIANS ARRESTED\nThe court read 2 of 3\nof the charges aloud.\n")
    assert "2 of 3" not in " ".join(imported.recognised)


def test_demands_whose_bullets_were_lost_after_the_paragraph_that_introduces_them():
    text = ("URGENT ACTION\nRIVER GUARDIANS ARRESTED\nLuz Mamani Quispe, a fisher, was arrested on 3 May 2025 after "
            "a march against the dredging of her river. She is held at a police station in the capital.\n\n"
            "SAMPLE LETTER\nDear Minister,\n\nLuz Mamani Quispe was arrested for a peaceful march. I therefore\n"
            "call on you to:\n\n"
            "Release Luz Mamani Quispe at once and drop every charge brought against her for the peace-\n"
            "ful march;\nOrder an impartial inquiry into the ill-\ntreatment she describes.\n\nSincerely,\n")
    imported = parse_ua_text(text)  # "peace-" / "ful" is read as the one word "peaceful"
    assert imported.demands == [
        "Release Luz Mamani Quispe at once and drop every charge brought against her for the peaceful march",
        "Order an impartial inquiry into the ill-treatment she describes."]


_WRAPPED_STORY = ("Dina Rahimova and Timur Aliyev, two miners' union organisers, were detained on 4 March 2026 after\n"
                  "a strike at the copper mine where they work. Their families have not been told where they are\n"
                  "held, and the police have refused to say what they are accused of. A lawyer who went to the\n"
                  "police station in the town was turned away by officers who said that no one of those names was\n"
                  "held there.\n\n")


@pytest.mark.parametrize("demands", [
    ["expressing concern that Dina Rahimova and Timur Aliyev are held in an unknown place and calling for their "
     "whereabouts to be disclosed at once",
     "urging the authorities to make sure that they are protected from torture and can see lawyers of their choice "
     "and their relatives",
     "calling for their release unless they are charged with a recognisable offence"],
    ["demanding that the two organisers held since 4 March 2026 be allowed to see their families and lawyers of "
     "their choosing at once",
     "seeking guarantees that neither of them will be tortured or ill-treated in custody while they are held"],
])
def test_lines_far_longer_than_the_sheets_wrapped_lines_are_each_a_demand(demands):
    """A sheet wrapped at about a hundred characters whose demands were pasted one to a line, each far longer and
    none with a bullet or a capital: the sheet never wrapped them, so each line ends a demand."""
    text = ("URGENT ACTION\nUNION ORGANISERS DETAINED\n" + _WRAPPED_STORY
            + "Please write immediately in English or your own\nlanguage, raising the following points:\n"
            + "\n".join(demands) + "\n\nSend appeals to:\nMinister of Home Affairs\nMr Paul Exemplo\n"
            "Ministry of Home Affairs\n12 Example Street\nSuva, Fiji\n")
    assert read(text).demands == [demand[:1].upper() + demand[1:] for demand in demands]


@pytest.mark.parametrize(("first", "second"), [
    ("BITTE SCHREIBEN SIE BIS ZUM 4. SEPTEMBER 2025 HÖFLICH FORMULIERTE E-MAILS, FAXE ODER LUFTPOSTBRIEFE,",
     "IN DENEN SIE"),
    ("Bitte schreiben Sie bis zum 2. März 2026 höflich formulierte E-Mails oder Briefe an die Behörden,",
     "in denen Sie"),
])
def test_a_request_to_write_wrapped_before_the_words_that_hand_over_to_the_list(first, second):
    """'BITTE SCHREIBEN SIE … LUFTPOSTBRIEFE,' / 'IN DENEN SIE' / '- die Freilassung … fordern, da sie' / 'allein …
    sind;': the request wrapped over two lines with no colon introduces the list; an item's line in small letters
    that would itself introduce demands ('verlangen und fordern, die …') carries its item on."""
    text = ("A TITLE\n\nA summary.\n\nHINTERGRUNDINFORMATIONEN\nEtwas Hintergrund zum Fall.\n\n"
            f"{first}\n{second}\n- die Freilassung von Ana Beispiel fordern, da sie\nallein wegen ihrer Arbeit in Haft "
            "ist;\n- eine Untersuchung der Vorwürfe\nverlangen und fordern, die Verantwortlichen zur Rechenschaft zu "
            "ziehen;\n- darauf drängen, dass sie Zugang zu ihrer Familie erhält.\n")
    imported = parse_ua_text(text)
    assert imported.demands == [
        "Die Freilassung von Ana Beispiel fordern, da sie allein wegen ihrer Arbeit in Haft ist",
        "Eine Untersuchung der Vorwürfe verlangen und fordern, die Verantwortlichen zur Rechenschaft zu ziehen",
        "Darauf drängen, dass sie Zugang zu ihrer Familie erhält"]
    assert imported.deadline is not None


@pytest.mark.parametrize(("line", "postcode", "city"), [("AZ1005 Baku", "AZ1005", "Baku"),
                                                        ("AM0010 Yerevan", "AM0010", "Yerevan")])
def test_a_postcode_with_two_letters_and_no_hyphen_before_its_town(line, postcode, city):
    text = f"Appelle an\nINNENMINISTER\nHerrn Elçin Beispiel\nMinisterium des Innern\nBeispielstraße 7\n{line}\n"
    [target] = read(text).targets
    assert (target.postcode, target.city, target.address_lines) == (postcode, city, ["Beispielstraße 7"])


@pytest.mark.parametrize("wrapped", ["verlangen und fordern, die Verantwortlichen zur Rechenschaft zu ziehen;",
                                     "fordern und darauf drängen, dass die Täter vor Gericht kommen;"])
def test_a_list_items_second_line_that_would_introduce_demands_carries_the_item_on(wrapped):
    text = ("A TITLE\n\nA summary.\n\nSchreiben Sie E-Mails, in denen Sie:\n- eine Untersuchung der Vorwürfe\n"
            f"{wrapped}\n- die Freilassung von Ana Beispiel fordern.\n")
    imported = parse_ua_text(text)
    assert imported.demands == [f"Eine Untersuchung der Vorwürfe {wrapped.rstrip(';')}",
                                "Die Freilassung von Ana Beispiel fordern"]


@pytest.mark.parametrize("salutation", ["Exzellenz,", "Eure Exzellenz,"])
def test_a_german_letter_to_his_excellency_before_an_english_one(salutation):
    """'Musterbrief' / 'Exzellenz,' / … / 'Ich ersuche Sie daher höflich,' / '• … freizulassen;' / … /
    'Hochachtungsvoll,' / 'Your Excellency,' / …: the German letter is the template and its list the demands; a
    wrapped line that starts with a day and its month ('17. November 2025 im Hungerstreik …') is no list item."""
    text = ("A TITLE\n\nA summary.\n\nMusterbrief\n"
            f"{salutation}\nich bin in großer Sorge um Ana Beispiel, die sich seit dem\n"
            "17. November 2025 im Hungerstreik befindet und deren Zustand sich verschlechtert.\n"
            "Ich ersuche Sie daher höflich,\n• Ana Beispiel umgehend freizulassen;\n"
            "• dafür zu sorgen, dass sie Kontakt zu ihrer Familie hat.\nHochachtungsvoll,\n[Name]\n"
            "Your Excellency,\nI urge you to release Ana Beispiel and to let her see her family.\nYours sincerely,\n")
    imported = parse_ua_text(text)
    assert imported.template.language == "de"
    assert [demand.rstrip(".") for demand in imported.demands] == [
        "Ana Beispiel umgehend freizulassen", "Dafür zu sorgen, dass sie Kontakt zu ihrer Familie hat"]


_UGANDA_OPENING = ("Amnesty Example Section\nURGENT ACTION\nUganda: Aktivist in Haft\nUA 61/25\n"
                   "Jonah Kato wurde am 2. März 2025 in Kampala festgenommen und wird seither ohne Anklage "
                   "festgehalten.\n\n")
_MINISTER = ("Justizminister\nHon. Ruth Nabirye\nMinistry of Justice\nPlot 2, Parliament Avenue\nKampala\nUGANDA\n"
             "E-Mail: ps@justice.example\nAnrede: Dear Minister\n")
_POLICE = ("Generalinspekteur der Polizei\nMr. Amos Lubega\nPolice Headquarters\nPlot 9, Naguru Hill\nKampala\n"
           "UGANDA\nE-Mail: igp@police.example\nAnrede: Dear Inspector General\n")


@pytest.mark.parametrize("footer,header", [
    ("Amnesty Example Section, Beispielgasse 1, 1010 Wien | ua@section.example | Seite 1/2",
     "Urgent Action UA 61/25 – Uganda"),
    ("Amnesty Example Section · Seite 1 / 2", "UA-61/2025 · Uganda"),
])
def test_a_footer_with_its_page_as_a_fraction_and_the_running_header_below_it_part_no_officials(footer, header):
    imported = read(f"{_UGANDA_OPENING}Appelle an\n{_MINISTER}{footer}\n{header}\n{_POLICE}")
    assert [target.name for target in imported.targets] == ["Ruth Nabirye", "Amos Lubega"]
    assert [target.salutation for target in imported.targets] == ["Dear Minister", "Dear Inspector General"]
    assert footer in imported.recognised and header in imported.recognised


def test_the_running_header_below_a_footer_may_give_the_cases_country():
    text = ("AMNESTY EXAMPLE SECTION\nURGENT ACTION\n\nAktivist seit einem Jahr in Haft\nUA-Nr: UA-61/2025\n\n"
            "Jonah Kato wurde im März festgenommen und wird seither ohne Anklage festgehalten.\n"
            "www.section.example Seite 1 / 2\n\nAMNESTY EXAMPLE SECTION · URGENT ACTION · UA-61/2025 · UGANDA\n\n"
            "Er ist im Gefängnis von Luzira.\n")
    imported = parse_ua_text(text)
    assert imported.country == "UG" and imported.summary.endswith("Luzira.")


@pytest.mark.parametrize("heading", ["Empfänger*innen", "Empfänger:innen", "EMPFÄNGER"])
def test_the_recipients_heading_in_german_heads_the_officials(heading):
    imported = read(f"{_UGANDA_OPENING}{heading}\n{_MINISTER}\n{_POLICE}")
    assert [target.name for target in imported.targets] == ["Ruth Nabirye", "Amos Lubega"]


@pytest.mark.parametrize("letterhead", [
    "AMNESTY INTERNATIONAL                   Sektion der Bundesrepublik Deutschland e.V.\n"
    "Urgent Actions · Beispielweg 14 · 10117 Berlin · Tel.: 030 - 00 00 00 0 · ua@section.example",
    "AMNESTY INTERNATIONAL                   Schweizer Sektion, Verein nach Art. 60 ZGB\n"
    "Urgent Actions · Beispielgasse 33 · Postfach · 3001 Bern · Telefon 031 000 00 00 · Fax 031 000 00 01 · "
    "ua@section.example",
])
def test_a_letterhead_that_opens_with_the_senders_name_starts_no_running_text_above_the_headline(letterhead):
    text = (f"{letterhead}\n\nURGENT ACTION\n\nÄGYPTEN\nAnwältin seit einem Jahr ohne Prozess in Haft\n"
            "UA-Nr: UA-40/2026     AI-Index: MDE 12/0000/2026     Datum: 1. Dezember 2026\n\n"
            "Die Anwältin Salma Nour befindet sich seit Oktober 2025 ohne Verfahren in Untersuchungshaft. Sie muss "
            "sofort freigelassen werden.\n")
    imported = parse_ua_text(text)
    assert (imported.title, imported.country) == ("Anwältin seit einem Jahr ohne Prozess in Haft", "EG")
