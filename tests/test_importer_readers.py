"""What a sheet says to its readers among and below the officials, and envelopes of shapes met in few sheets: an
instruction wrapped onto the next line, thanks and a page's footer after the copies, a salutation given in a
sentence or in quotes inside a prose instruction, a role alone before a name, a Japanese postcode. Each sheet is a
few invented lines; nothing of it may be lost."""
from __future__ import annotations

import pytest

from tests.test_importer_officials import read


@pytest.mark.parametrize("wrapped", [
    "Also send copies to diplomatic representatives accredited to your country. Please insert local\n"
    "diplomatic addresses below:\n",
    "Also send copies to the diplomatic representatives of Ruritania accredited to your country. Please add\n"
    "their local addresses here:\n",
])
def test_an_instruction_to_readers_wrapped_onto_the_next_line_is_no_official(wrapped):
    imported = read("Write to:\nMinister of Justice\nMr. Karel Novak\nMinistry of Justice\n12 Castle Road\n"
                    "Exampleton, Ruritania\nEmail: minister@justice-rt.example\nAnd copies to:\n"
                    "Ambassador Ana Petrova\nEmbassy of Ruritania\n40 Hill Street\nLondon W1J 5LB\n"
                    "Email: embassy@rt-uk.example\n" + wrapped)
    assert [copy.name for copy in imported.copies] == ["Ana Petrova"]
    assert "diplomatic" in imported.recognised[-1]


@pytest.mark.parametrize(("line", "city", "postcode"), [("Tokyo 100-8995", "Tokyo", "100-8995"),
                                                        ("Osaka 530-8201", "Osaka", "530-8201")])
def test_a_japanese_postcode_after_its_town(line, city, postcode):
    [target] = read(f"Write to:\nMinister of Justice\nMr. Kenji Sato\nMinistry of Justice\n1-1 Example-cho\n{line}\n"
                    "Japan\nEmail: minister@moj-jp.example\n").targets
    assert (target.address_lines, target.city, target.postcode, target.country) == (
        ["1-1 Example-cho"], city, postcode, "JP")


@pytest.mark.parametrize("salutation", ["« Monsieur le Ministre, »", "“Monsieur le Ministre,”"])
def test_a_quoted_salutation_inside_a_prose_instruction_before_a_further_official(salutation):
    imported = read("Écrivez au ministre de la Justice, M. Paul Agossou, Ministère de la Justice, 01 BP 2493, "
                    "Cotonou, Bénin (courriel : cabinet@justice-bj.example), en commençant votre lettre par "
                    f"{salutation}, ainsi qu'au procureur général, M. Hilaire Dossa, Cour suprême, 04 BP 1140, "
                    "Porto-Novo, Bénin (courriel : parquet@cour-bj.example).\n")
    first, second = imported.targets
    assert (first.name, first.salutation.rstrip(","), second.name) == (
        "Paul Agossou", "Monsieur le Ministre", "Hilaire Dossa")


@pytest.mark.parametrize("intro", ["Dans vos lettres :", "In your letters:"])
def test_a_short_heading_naming_the_letters_introduces_the_demands(intro):
    imported = read(f"ACTION URGENTE\nUN MILITANT DÉTENU\n{intro}\n• libérez Jean Dossa ;\n• abandonnez les charges.\n")
    assert imported.demands == ["Libérez Jean Dossa", "Abandonnez les charges"]


@pytest.mark.parametrize("sentence", ['You may also write to the Ambassador beginning your letter "Your Excellency".',
                                      'You can write to the Embassy too, starting your letter "Dear Ambassador".'])
def test_a_salutation_given_in_a_sentence_that_asks_to_write_to_the_copy(sentence):
    [copy] = read("Copies to:\nHer Excellency Ms Ana Petrova\nAmbassador of Ruritania\nEmbassy of Ruritania\n"
                  f"14 Adelaide Road\nDublin D02 R592\nEmail: dublin@rt-ie.example\n{sentence}\n").copies
    assert copy.salutation == sentence.split('"')[1]


@pytest.mark.parametrize("footer", [
    "Follow us: Facebook | Instagram | X\nAmnesty International Ireland is a registered charity. Privacy | Cookies\n",
    "Amnesty International Ireland, 48 Fleet Street, Dublin 2\n",
])
def test_thanks_and_the_page_footer_below_the_copies_are_no_official(footer):
    imported = read("Copies to:\nAmbassador Ana Petrova\nEmbassy of Ruritania\n14 Adelaide Road\nDublin D02 R592\n"
                    "Email: dublin@rt-ie.example\nThank you for taking action. If you receive a reply, please send "
                    "a copy to the Urgent Action\nCoordinator, PO Box 5555, Dublin, or to\nua@section.example.\n"
                    + footer)
    assert [copy.name for copy in imported.copies] == ["Ana Petrova"]


@pytest.mark.parametrize(("head", "title", "organisation"), [
    ("Representative Lin Mei\nEconomic and Cultural Office", "Representative", "Economic and Cultural Office"),
    ("Deputy Representative Lin Mei\nUnited Nations Development Programme", "Deputy Representative",
     "United Nations Development Programme"),
    ("Ambassador Lin Mei\nPermanent Representative of Ruritania to the United Nations", "Ambassador",
     "Permanent Representative of Ruritania to the United Nations"),
])
def test_a_representative_before_a_name_and_a_representative_as_the_office(head, title, organisation):
    [copy] = read(f"And copies to:\n{head}\n4305 Wisconsin Avenue NW\nWashington, DC 20016\n"
                  "Email: office@rt-us.example\n").copies
    assert (copy.title, copy.name, copy.organisation, copy.address_lines) == (
        title, "Lin Mei", organisation, ["4305 Wisconsin Avenue NW"])


@pytest.mark.parametrize("intro", ["AMNESTY FORDERT:", "Wir fordern:"])
def test_a_short_demands_heading_below_a_finished_sentence_is_not_its_end(intro):
    imported = read("URGENT ACTION\nAKTIVIST FESTGENOMMEN\nHINTERGRUND\nDie Initiative dokumentiert seit 2021 "
                    f"Rodungen\nund erstattet Anzeigen bei den Behörden.\n{intro}\n• Bitte lassen Sie Ion Rusu frei.\n"
                    "• Bitte sorgen Sie für seinen Zugang zu einem Anwalt.\n")
    assert imported.background.endswith("erstattet Anzeigen bei den Behörden.")
    assert imported.demands == ["Bitte lassen Sie Ion Rusu frei.",
                                "Bitte sorgen Sie für seinen Zugang zu einem Anwalt."]


@pytest.mark.parametrize("heading", ["HANDLUNGSANLEITUNG", "Handlungsanleitung:"])
def test_the_german_heading_of_the_instructions_ends_the_demands(heading):
    imported = read("AMNESTY FORDERT:\n• Bitte lassen Sie Ion Rusu frei.\n• Bitte sorgen Sie dafür, dass er einen\n"
                    f"Anwalt sieht.\n{heading}\nBitte schreiben Sie bis zum 5. August 2025.\n")
    assert imported.demands == ["Bitte lassen Sie Ion Rusu frei.",
                                "Bitte sorgen Sie dafür, dass er einen Anwalt sieht."]


@pytest.mark.parametrize("note", ["(Standardbrief Luftpost bis 20 g: 1,25 €)", "(Porto für Luftpostbriefe beachten)"])
def test_a_note_in_parentheses_below_an_officials_contacts_starts_no_official(note):
    imported = read("APPELL AN\nGENERALSTAATSANWALT\nHerrn Ion Rusu\nProcuratura Generală\nStrada Mare 41\n"
                    "MD-2005 Chișinău\nREPUBLIK MOLDAU\nE-Mail: cancelaria@procuratura-md.example\n"
                    f"(Anrede: Sehr geehrter Herr Generalstaatsanwalt)\n{note}\nINNENMINISTERIN\nFrau Elena Rusu\n"
                    "Ministerul Afacerilor Interne\nStrada Mare 188\nMD-2004 Chișinău\nREPUBLIK MOLDAU\n"
                    "E-Mail: cabinet@mai-md.example\n")
    first, second = imported.targets
    assert (first.name, second.title, second.honorific, second.name) == ("Ion Rusu", "Innenministerin", "Frau",
                                                                        "Elena Rusu")
    assert note in imported.unplaced


@pytest.mark.parametrize("header", ["AI-Index: EUR 59/3107/2025 · UA-073/2025 · 24. Juni 2025",
                                    "Index: EUR 59/3107/2025 • UA-073/2025 • 24. Juni 2025"])
def test_a_header_line_whose_parts_are_set_apart_by_dots(header):
    imported = read(f"URGENT ACTION\nREPUBLIK MOLDAU\nAktivist misshandelt\n{header}\nIon Rusu wurde festgenommen.\n")
    assert (imported.ua_number, imported.title) == ("UA 73/25", "Aktivist misshandelt")


@pytest.mark.parametrize(("role", "honorific"), [("Encargado de Negocios", "Sr."), ("Encargada de Negocios", "Sra.")])
def test_a_spanish_charge_d_affaires_heading_the_copy(role, honorific):
    [copy] = read(f"Y COPIA A:\n{role}\n{honorific} Armand Wijngaarde\nEmbajada de la República de Surinam\n"
                  "Avenue Louise 379\n1050 Bruselas, Bélgica\nCorreo-e: embassy@mfa-sr.example\n").copies
    assert (copy.title, copy.honorific, copy.name, copy.organisation) == (
        role, honorific, "Armand Wijngaarde", "Embajada de la República de Surinam")


@pytest.mark.parametrize(("wrapped", "languages"), [
    ("Schreiben Sie bitte bis spätestens 28. Jänner 2026 höflich formulierte Briefe, Faxe oder\n"
     "E-Mails auf Albanisch, Englisch oder Deutsch. Appellieren Sie an die Behörden,", ["sq", "en", "de"]),
    ("Schreiben Sie bis zum 5. März 2026 Briefe oder E-Mails in gutem\n"
     "Rumänisch oder auf Deutsch. Fordern Sie die Behörden auf,", ["ro", "de"]),
    # The line above names a language of its own before the wrap, and is read alone first.
    ("Bitte schreiben Sie bis zum 15. Januar 2027 höfliche Briefe oder Faxe auf Rumänisch,\n"
     "Englisch oder Deutsch an die unten genannten Stellen und fordern Sie sie auf,", ["ro", "en", "de"]),
    ("Schreiben Sie bis zum 3. Februar 2027 E-Mails auf Albanisch,\n"
     "Serbisch oder Deutsch und fordern Sie die Behörden auf,", ["sq", "sr", "de"]),
])
def test_the_languages_of_a_sentence_wrapped_onto_the_line_of_the_demands_introduction(wrapped, languages):
    imported = read(f"URGENT ACTION\nUMWELTAKTIVISTEN ANGEKLAGT\nWAS KÖNNEN SIE TUN?\n{wrapped}\n"
                    "- alle Anklagen fallen zu lassen,\n- den Polizeieinsatz zu untersuchen.\n")
    assert imported.preferred_languages == languages
    assert imported.demands[0] == "Alle Anklagen fallen zu lassen"


@pytest.mark.parametrize("intro, salutation, closing", [
    ("Write a letter in your own words or use this model letter:", "Dear Prime Minister,", "Yours sincerely,"),
    ("Please write, calling on the authorities to:", "Dear Minister,", "Yours faithfully,"),
])
def test_a_model_letter_right_below_the_words_that_introduce_the_demands_is_the_letter(intro, salutation, closing):
    text = (f"A TITLE\n\nA summary of the case of Tavita Exemplo.\n\n{intro}\n\n    {salutation}\n"
            "    I am writing to you about the blogger Tavita Exemplo. I urge you to drop all charges against\n"
            f"    Tavita Exemplo at once.\n    {closing}\n")
    imported = read(text)
    assert imported.demands == ["Drop all charges against Tavita Exemplo at once."]
    assert imported.template is not None and "I am writing to you" in imported.template.body


@pytest.mark.parametrize("address", ["Lindenstraße 7 · 50674 Köln", "Ringgasse 12a · 1010 Wien"])
def test_the_senders_address_under_the_banner_with_its_parts_set_apart_by_a_dot_is_no_headline(address):
    """The section's address under the banner, its street (the house number after the name) and its town set apart by
    a dot or a bar, is no headline: the line under the country named alone is."""
    text = (f"AMNESTY INTERNATIONAL\nSektion Beispiel\n\nURGENT ACTION\n{address}\n"
            "T: 0221 555 00 · E: ua@beispiel.example\n\n"
            "TÜRKEI\nUA-Nr: UA-101/2026   Datum: 2. Dezember 2026\n\nJournalistin droht lange Haft\n\n"
            "Der Journalistin Ayşe Beispiel droht eine Haftstrafe von bis zu zehn Jahren. Sie wurde am 3. März "
            "2026 in Ankara festgenommen, nachdem sie über Proteste berichtet hatte.\n")
    assert read(text).title == "Journalistin droht lange Haft"


@pytest.mark.parametrize(("country", "first", "second"), [
    ("FIJI", "Sione Example Vatu (m), aged 29, student", "Mere Example Tora (f), aged 52, his mother"),
    ("NEPAL", "Ram Example Thapa (m), aged 40", "Sita Example Rai (f), aged 37, teacher"),
])
def test_a_case_header_beside_the_country_with_a_line_to_each_person(country, first, second):
    """The case header beside the country in its column, a line to each person, the second indented under the
    first: both are the case's people."""
    names = [first.partition(" (")[0], second.partition(" (")[0]]
    text = (f"UA 12/26     Arbitrary detention     ASA 00/0000/2026\n\n{country}         {first}\n"
            f"{' ' * (len(country) + 9)}{second}\n\n{country.title()}: Two people held after a protest\n\n"
            f"{names[0]} and {names[1]} were arrested on 2 May 2026 after a peaceful protest in the capital.\n")
    assert [person.name for person in read(text).people] == names


@pytest.mark.parametrize(("header", "number"), [
    ("EXAMPLE SECTION USA\nURGENT ACTION NETWORK", "1"),
    ("URGENT ACTION SECTION", "                                                  2"),
])
def test_a_lone_page_number_above_the_header_printed_again_is_no_official(header, number):
    """'Additional information on reverse' / '1' / the sheet's first line again: a line of nothing but a page's
    number right above the page header printed again is the page's footer, and what stood above it among the
    copies names no one."""
    imported = read(f"{header}\nUA: 13/26 Index: ASA 35/4417/2026 Ruritania Date: 2 December 2026\n\n"
                    "URGENT ACTION\nRIVER GUARDIANS MISSING\nTwo river guardians have been missing since May.\n\n"
                    "And copies to:\nAmbassador Ana Petrova, Embassy of Ruritania, 14 Adelaide Road, Washington DC "
                    f"20036, Email: dc@rt-us.example\n\nAdditional information on reverse\n{number}\n{header}\n\n"
                    "URGENT ACTION\nRIVER GUARDIANS MISSING\n\nADDITIONAL INFORMATION\nThe river guardians were "
                    "last seen on the river bank.\n")
    assert [copy.name for copy in imported.copies] == ["Ana Petrova"]


@pytest.mark.parametrize(("header", "headline"), [
    ("UA 143/25\n9. Dezember 2025", "Kuwait: Staatenloser Aktivist im Hungerstreik"),
    ("AU 104/25\nÍndice: AMR 29/9627/2025\nEl Salvador\nFecha: 10 de julio de 2025",
     "DOS DEFENSORES COMUNITARIOS DETENIDOS BAJO EL RÉGIMEN DE EXCEPCIÓN"),
])
def test_a_short_line_that_dates_or_indexes_the_sheet_starts_no_running_text(header, headline):
    """A web page pasted with no blank lines: the date or the index on a short line of its own, then the headline, then
    the story, all in one paragraph. The date line starts no running text, so the headline below it is found."""
    text = (f"URGENT ACTION\n{header}\n{headline}\nDer Aktivist Ana Beispiel befindet sich seit Wochen in Haft. "
            "Er verbüßt eine lange Haftstrafe, weil er friedlich protestiert hat, und leidet an einer Krankheit.\n"
            "Er wurde im März festgenommen und im Oktober verurteilt, wie seine Familie berichtet.\n")
    assert read(text).title.casefold() == headline.casefold()


@pytest.mark.parametrize(("line", "wrapped", "last"), [
    ("Nombre y género gramatical preferido: Ana María Ejemplo (femenino); José Alfredo Portillo", "Ramos (masculino)",
     "José Alfredo Portillo Ramos"),
    ("NAME AND PRONOUN: Ana Exemplar (she/her); Juan Carlos", "Pérez Exemplo (he/him)", "Juan Carlos Pérez Exemplo"),
])
def test_the_names_line_wrapped_in_its_last_name(line, wrapped, last):
    """'…: Ana … (femenino); José Alfredo Portillo' / 'Ramos (masculino)': the last person's name goes on over the next
    line, which ends in that person's gender or pronouns."""
    imported = read(f"A TITLE\n\nA summary of the case.\n\n{line}\n{wrapped}\n")
    assert [person.name for person in imported.people][-1] == last
    assert imported.people[-1].pronouns == "he/him"


@pytest.mark.parametrize(("person", "name"), [("Kavinesh s/o Selvaraju (m), aged 38, Malaysian national",
                                                "Kavinesh s/o Selvaraju"),
                                               ("Priya d/o Ramasamy (f), aged 29, teacher", "Priya d/o Ramasamy")])
def test_a_case_header_name_with_son_of_or_daughter_of(person, name):
    text = ("UA 121/25            Fear of imminent execution              5 August 2025\n\n"
            f"SINGAPORE            {person}\n\nThe story of the case, told in a sentence of some length here.\n")
    assert name in [each.name for each in read(text).people]


@pytest.mark.parametrize(("header", "title"), [
    ("UA 121/25            Fear of imminent execution              5 August 2025", "Fear of imminent execution"),
    ("UA 88/25   Prisoner of conscience / Health concern   12 March 2025", "Prisoner of conscience / Health concern"),
])
def test_the_headline_between_the_ua_number_and_the_date_on_the_header_line(header, title):
    """The older layout's column-aligned header: the number, the headline, the date on one line; the headline is the
    title when the sheet gives none elsewhere."""
    text = (f"{header}\n\nSINGAPORE            Azman bin Kassim (m), aged 51\n\n"
            "Azman bin Kassim is at imminent risk of execution. The court dismissed his last appeal in July, and his "
            "family fears the authorities will issue a notice of execution within days.\n")
    assert read(text).title == title
