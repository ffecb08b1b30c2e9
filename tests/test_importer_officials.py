"""The importer's reading of officials in every sheet language and layout: headings and instructions in
German, Spanish, French and English, contact labels of each language, role headings in capitals, officials
named in one prose sentence, two PDF columns interleaved line by line. Each sheet here is a few invented
lines, just enough to show one rule; nothing of a sheet may be lost, and two officials never become one.
"""
from __future__ import annotations

import dataclasses
import re

import pytest

from campaigns.importer import parse_ua_text
from campaigns.importer.envelopes import HONORIFIC, honorifics_pattern, ranks_pattern, role_joins_pattern
from campaigns.importer.values import country_code
from letters.languages import sheet_languages
from tests.test_importer import read


def test_a_german_sheet_with_a_role_heading_in_capitals_and_the_salutation_in_parentheses():
    text = ("Appell an\nJUSTIZMINISTERIN\nFrau Hanna VOGT\nJustizministerium\nMusterweg 3\n99999 Beispielstadt\n"
            "E-Mail: ministerin@justiz.example\nTelefax: +49 30 555 01\n(Anrede: Sehr geehrte Frau Ministerin)\n\n"
            "Sende eine Kopie an:\nBOTSCHAFT DER REPUBLIK BEISPIEL\nS. E. Herrn Otto BRANDT\nLindenallee 8\n"
            "10117 Berlin\nE-Mail: botschaft@beispiel.example\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.title, target.honorific, target.name) == ("Justizministerin", "Frau", "Hanna Vogt")
    assert (target.organisation, target.address_lines, target.postcode, target.city) == (
        "Justizministerium", ["Musterweg 3"], "99999", "Beispielstadt")
    assert (target.emails, target.fax) == (["ministerin@justiz.example"], "+49 30 555 01")
    assert target.salutation == "Sehr geehrte Frau Ministerin"
    assert (copy.honorific, copy.name, copy.organisation) == ("S. E. Herrn", "Otto Brandt",
                                                              "BOTSCHAFT DER REPUBLIK BEISPIEL")
    assert imported.sources["targets.0"] == (2, 9) and imported.sources["copies.0"] == (12, 16)


def test_a_german_title_between_the_honorific_and_the_name():
    [copy] = read("Kopien an\nFrau Botschafterin Lea KRAUSE\nBotschaft von Beispiel\nRingstraße 1\n1010 Wien\n").copies
    assert (copy.honorific, copy.title, copy.name) == ("Frau", "Botschafterin", "Lea Krause")


def test_spanish_headings_labels_and_the_salutation_from_the_model_letter():
    text = ("CARTA MODELO\nSeñora Ministra:\nLe escribo por el caso.\nAtentamente,\n\n"
            "Envía tus llamamientos a:\nMinistra del Interior\nSra. Rosa PARDO\nMinisterio del Interior\n"
            "Calle Mayor 1\n28001 Madrid\nEspaña\nCorreo-e: ministra@interior.example\nTeléfono: +34 91 555 00 00\n"
            "Tratamiento: Señora Ministra\n\nCopias a:\nEmbajada de Beispiel\nCalle Menor 2\n28010 Madrid\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.name, target.country, target.emails) == ("Rosa Pardo", "ES", ["ministra@interior.example"])
    assert (target.phone, target.salutation) == ("+34 91 555 00 00", "Señora Ministra")
    assert copy.organisation == "Embajada de Beispiel"


def test_tel_is_no_label_at_the_start_of_telefono():
    [target] = read("Copias a:\nEmbajada de Beispiel\nCalle Menor 2\n28010 Madrid\nTeléfono: +34 91 555 84 52\n").copies
    assert target.phone == "+34 91 555 84 52"


def test_officials_named_in_one_french_sentence_with_their_copy():
    text = ("Écrivez au Ministre de l'Intérieur, M. Luc Moreau, Ministère de l'Intérieur, BP 12, Exempleville, "
            "Cameroun, courriel : ministre@interieur.example, avec copie à l'ambassade du Cameroun, Avenue Louise 9, "
            "1050 Bruxelles (courriel : ambassade@cm.example ; télécopie : +32 2 555 00 00).\n\n"
            "Formule d'appel : Monsieur le Ministre,\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.title, target.honorific, target.name) == ("Ministre de l'Intérieur", "M.", "Luc Moreau")
    assert (target.organisation, target.address_lines, target.city, target.country) == (
        "Ministère de l'Intérieur", ["BP 12"], "Exempleville", "CM")
    assert target.salutation == "Monsieur le Ministre,"
    assert (copy.organisation, copy.postcode, copy.city) == ("Ambassade du Cameroun", "1050", "Bruxelles")
    assert (copy.emails, copy.fax) == (["ambassade@cm.example"], "+32 2 555 00 00")
    assert copy.salutation == ""  # the sheet's salutation is for the targets
    assert imported.sources["targets.0"] == (1, 3) and imported.sources["copies.0"] == (1, 1)


def test_a_french_sentence_that_names_no_address_is_no_list_of_officials():
    imported = read("Écrivez au ministre pour lui demander de libérer Paul, sans attendre, dès aujourd'hui.\n")
    assert imported.targets == [] and imported.copies == []


def test_a_numbered_instruction_starts_the_targets_and_keeps_its_deadline():
    text = ("1. Write a letter in your own words.\n2. Send it to the officials listed below by July 15, 2025.\n\n"
            "Minister of Justice\nMs. Ana LOPEZ\nMinistry of Justice\n1 Main Street\nExample City\nHonduras\n"
            "Salutation: Dear Minister,\n\n3. Send a copy to:\n\nEmbassy of Honduras\n2 Side Street\n"
            "Washington, DC 20007\n")
    imported = read(text)
    assert imported.deadline.isoformat() == "2025-07-15"
    [target], [copy] = imported.targets, imported.copies
    assert (target.name, target.country, target.salutation) == ("Ana Lopez", "HN", "Dear Minister,")
    assert (copy.organisation, copy.region) == ("Embassy of Honduras", "DC")


@pytest.mark.parametrize("intro", [
    "Write a letter in your own words to the officials listed, urging them to:",
    "Write a letter to each of the officials listed further down, calling on the authorities to:",
    "Send your appeals to the authorities listed below, asking them to:",
])
def test_an_instruction_that_names_the_officials_but_introduces_the_demands_heads_the_demands(intro):
    """'Write a letter … to the officials listed, calling on them to:' above '1. Release …': the list under it is the
    demands; the officials come later, under their own heading."""
    text = (f"Take action\n{intro}\n1. Free Amara Bangura at once and without conditions;\n"
            "2. Give him the medical care he needs.\n\nWrite to:\nMinister of Justice\nMr Paul Exemplo\n"
            "Ministry of Justice\n12 Example Street\nFreetown, Sierra Leone\n")
    imported = read(text)
    assert imported.demands == ["Free Amara Bangura at once and without conditions",
                                "Give him the medical care he needs"]
    [target] = imported.targets
    assert (target.name, target.city) == ("Paul Exemplo", "Freetown")


def test_the_heading_that_closes_a_paragraph_of_instructions_starts_the_officials():
    text = ("Take action\n\nWrite a letter in your own words or use the sample below. Write to:\n\n"
            "Minister of Home Affairs\nRam Prasad Adhikari\nSingha Durbar\nKathmandu 44600\nNepal\n"
            "Salutation: Dear Minister,\n\nPlease also send a copy of your letter. And copy:\n\n"
            "Embassy of Nepal\n2131 Leroy Place NW\nWashington DC 20008\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.name, target.city, target.country, target.salutation) == (
        "Ram Prasad Adhikari", "Kathmandu", "NP", "Dear Minister,")
    assert (copy.organisation, copy.region) == ("Embassy of Nepal", "DC")
    # Only a heading with its colon closes a paragraph: a sentence that merely ends in the words is prose.
    assert not read("Thank you for everything you write to. Write to\nMinister of Home Affairs\n").targets


def test_two_pdf_columns_interleaved_line_by_line_are_two_officials():
    text = ("CONTACT THESE TWO OFFICIALS:\nMinister of Justice\nPresident, Human Rights Council\n"
            "Mr. Amir SALEH\nDr. Lina NOUR\nMinistry of Justice\nHuman Rights Council\n1 Palace Road\n"
            "2 Garden Road\n11111 Exampleton\n22222 Exampleton\nEgypt\nEgypt\nFax: +20 2 555 0101\n"
            "Email: council@hrc.example\nEmail: minister@justice.example\nSalutation: Dear President,\n"
            "Salutation: Dear Minister,\n")
    imported = read(text)
    first, second = imported.targets
    assert (first.title, first.name, first.postcode, first.fax) == (
        "Minister of Justice", "Amir Saleh", "11111", "+20 2 555 0101")
    assert (first.emails, first.salutation) == (["minister@justice.example"], "Dear Minister,")
    assert (second.name, second.organisation, second.postcode) == ("Lina Nour", "Human Rights Council", "22222")
    assert (second.emails, second.salutation) == (["council@hrc.example"], "Dear President,")
    assert first.country == second.country == "EG"


def test_one_official_whose_lines_do_not_pair_stays_one():
    [target] = read("Write to:\nMinister of Justice\nMr. Amir SALEH\nMinistry of Justice\n1 Palace Road\n"
                    "11111 Exampleton\nEgypt\n").targets
    assert (target.name, target.address_lines) == ("Amir Saleh", ["1 Palace Road"])


def test_prose_among_the_officials_stays_unplaced():
    text = ("Kopien an\nBOTSCHAFT VON BEISPIEL\nLindenallee 8\n10117 Berlin\n\n"
            "Bitte schreiben Sie Ihre Appelle möglichst sofort und höflich.\n")
    imported = read(text)
    assert len(imported.copies) == 1
    assert "Bitte schreiben Sie Ihre Appelle möglichst sofort und höflich." in imported.unplaced


def test_country_names_in_each_sheet_language():
    assert [country_code(name) for name in ("JORDANIEN", "Türkei", "Guinée", "Cameroun", "España")] == [
        "JO", "TR", "GN", "CM", "ES"]


def test_moldova_by_the_short_names_sheets_use():
    """The locale data names it only formally in German ("Republik Moldau"); sheets head it "MOLDAU"."""
    assert [country_code(name) for name in ("MOLDAU", "Moldau", "Moldova", "Republik Moldau")] == ["MD"] * 4


def test_palestine_as_sheets_in_each_language_name_it():
    names = ("Palestina", "State of Palestine", "Estado de Palestina", "Palästina", "État de Palestine")
    assert [country_code(name) for name in names] == ["PS"] * 5


@pytest.mark.parametrize("lines,box,city", [
    ("Private Bag 12024\nWindhoek\nNamibia\n", "Private Bag 12024", "Windhoek"),
    ("Private Bag 0039\nLobatse\n", "Private Bag 0039", "Lobatse"),
    ("Private Bag 00423\nMaun\nBotswana\n", "Private Bag 00423", "Maun"),
])
def test_a_private_bag_above_the_town_is_an_address_line(lines, box, city):
    """A private bag is a post office box: its number is no postcode and the town under it no region."""
    [target] = read(f"Write to:\nMinister of Lands\nMinistry of Lands\n{lines}").targets
    assert (target.address_lines, target.city, target.region) == ([box], city, "")


@pytest.mark.parametrize("line,salutation", [
    ("Salutations: Your Excellency", "Your Excellency"),
    ("Salutations: Dear Governor", "Dear Governor"),
])
def test_a_salutation_label_in_the_plural(line, salutation):
    [target] = read(f"Write to:\nGovernor\nMs Ana Exemplo\n1 Hill Road\nExampleton\n{line}\n").targets
    assert target.salutation == salutation


@pytest.mark.parametrize(("name", "code"), [
    ("República del Ecuador", "EC"), ("République islamique de Mauritanie", "MR"), ("République du Sénégal", "SN"),
    ("Republik Österreich", "AT"), ("Königreich Marokko", "MA"), ("República de Costa Rica", "CR"),
    # A union is a state's word too: "Union des Comores", "Unión de Myanmar".
    ("Union des Comores", "KM"), ("Unión de Myanmar", "MM"), ("Union der Komoren", "KM"),
])
def test_a_countrys_formal_name_in_a_sheet_language_is_the_country(name, code):
    """A state's word, adjectives and a preposition before the short name: the envelope's last line names the
    country, and a town above it is no country line."""
    [target] = read(f"Write to:\nMinister of Justice\nMr Paul Exemplo\nMinistry of Justice\nExample Street 4\n"
                    f"Exampleton\n{name}\nEmail: minister@justice.example\n").targets
    assert (country_code(name), target.country, target.city) == (code, code, "Exampleton")


def test_the_congos_as_sheets_in_each_language_name_them():
    names = ("République démocratique du Congo", "RDC", "República Democrática del Congo",
             "Demokratische Republik Kongo", "République du Congo")
    assert [country_code(name) for name in names] == ["CD", "CD", "CD", "CD", "CG"]


def test_a_salutation_line_outside_the_officials_goes_to_the_targets_with_its_source():
    text = ("Écrivez au Ministre de l'Intérieur, M. Luc Moreau, Ministère de l'Intérieur, BP 12, Exempleville, "
            "Cameroun.\n\nUne phrase de plus pour le contexte.\n\nFormule d'appel : Monsieur le Ministre,\n")
    imported = read(text)
    assert imported.targets[0].salutation == "Monsieur le Ministre,"
    assert imported.sources["targets.0"] == (1, 5)


def test_an_office_that_reads_like_a_name_after_the_name_is_the_office():
    [target] = read("Appell an\nJUSTIZMINISTER\nHerrn Kemal ARSLAN\nAdalet Bakanlığı\nÖrnek Caddesi 5\n"
                    "06659 Ankara\nTÜRKEI\n").targets
    assert (target.honorific, target.name, target.organisation, target.country) == (
        "Herrn", "Kemal Arslan", "Adalet Bakanlığı", "TR")


def test_an_address_on_one_line_ending_in_a_full_stop_is_still_an_official():
    [copy] = read("Copies to:\nAmbassador Omar FARAH, Embassy of Example, 52 Some Road, London W8 5DL, "
                  "United Kingdom.\n").copies
    assert (copy.name, copy.postcode) == ("Omar Farah", "W8 5DL")


def test_a_rank_before_a_name_is_its_honorific_and_before_an_office_is_not():
    [target] = read("Write to:\nMinister of Public Security\nGeneral Lê Văn Nam\nMinistry of Public Security\n"
                    "1 Example Street\nHà Nội\nViet Nam\n").targets
    assert (target.honorific, target.name, target.organisation) == ("General", "Lê Văn Nam",
                                                                    "Ministry of Public Security")
    [office] = read("Write to:\nGeneral Prosecutor's Office\n1 Example Street\nHà Nội\nViet Nam\n").targets
    assert (office.honorific, office.name) == ("", "")


def test_a_given_name_after_a_title_that_ends_in_lower_case():
    [copy] = read("Copies to:\nChargé d'affaires Yusuf AL-AMIN\nEmbassy of Example\n2 Side Street\n"
                  "Washington, DC 20037\n").copies
    assert (copy.title, copy.name) == ("Chargé d'affaires", "Yusuf Al-Amin")


def test_city_lines_with_an_eircode_or_a_lettered_postcode():
    [copy] = read("Copies to:\nEmbassy of Example\n27 Some Road\nDublin D04 K7W2\n").copies
    assert (copy.city, copy.postcode, copy.country) == ("Dublin", "D04 K7W2", "IE")
    [target] = read("Write to:\nMinister of Justice\nMinistry of Justice\n1 Some Street\nBaku AZ1001\n").targets
    assert (target.city, target.postcode) == ("Baku", "AZ1001")


def test_the_envelopes_first_line_naming_a_role_is_the_title_even_with_an_office_word():
    [target] = read("Send appeals to:\nInspector General of Police\nMr Sunil PERERA\nPolice Headquarters\n"
                    "Church Street\nColombo 00100\nSri Lanka\n").targets
    assert (target.title, target.name, target.organisation) == ("Inspector General of Police", "Sunil Perera",
                                                                "Police Headquarters")
    [office] = read("Write to:\nOffice of the President\nMr Sunil PERERA\n1 Main Street\nColombo 00100\n"
                    "Sri Lanka\n").targets
    assert (office.title, office.organisation) == ("", "Office of the President")


def test_a_rank_added_to_one_languages_row_is_recognised_and_a_joining_word_after_it_makes_it_a_role():
    """The ranks come from the language table: a form written only in the French row is read before a name,
    and none is read before a word that joins a role to its office ("Commissaire divisionnaire de police")."""
    rows = [dataclasses.replace(row, sheet_words=dataclasses.replace(
                row.sheet_words, ranks=(*row.sheet_words.ranks, r"commissaire\s+divisionnaire")))
            if row.code == "fr" else row for row in sheet_languages()]
    before = re.compile(rf"^{ranks_pattern(sheet_languages())}\s+(?P<rest>\S.*)$", re.I)
    after = re.compile(rf"^{ranks_pattern(rows)}\s+(?!{role_joins_pattern(rows)}\s)(?P<rest>\S.*)$", re.I)
    assert before.match("Commissaire divisionnaire Luc Ngoma") is None
    match = after.match("Commissaire divisionnaire Luc Ngoma")
    assert (match["honorific"], match["rest"]) == ("Commissaire divisionnaire", "Luc Ngoma")
    assert after.match("Commissaire divisionnaire de la police") is None
    assert after.match("Coronel Luis Ortega")["honorific"] == "Coronel"


def test_a_rank_between_the_role_and_the_name():
    [target] = read("Write to:\nPublic Prosecutor Counsellor Adel Samir HASSAN\nOffice of the Public Prosecutor\n"
                    "1 Main Street\nNew Cairo\nEgypt\n").targets
    assert (target.title, target.honorific, target.name) == ("Public Prosecutor", "Counsellor", "Adel Samir Hassan")


def test_the_salutation_given_in_a_sentence():
    text = ("Send appeals to:\nCabinet Secretary for Interior\nMr Peter OTIENO\nPO Box 30510\nNairobi\nKenya\n"
            "Email: cs@interior.example\nPlease address him as \"Dear Cabinet Secretary\".\n")
    imported = read(text)
    assert imported.targets[0].salutation == "Dear Cabinet Secretary"
    assert imported.sources["targets.0"] == (2, 8)


def test_an_english_sentence_with_commas_and_numbers_is_no_list_of_officials():
    imported = read("Write to the authorities, urging them to release the 3 activists, and to drop the charges.\n")
    assert imported.targets == [] and imported.copies == []


# --- the country of an address without a country line ---------------------------------------------


def test_a_copy_to_an_embassy_in_the_sections_country_takes_its_country_from_the_city_line():
    text = ("Appelle an\nJUSTIZMINISTER\nHerrn Kemal KORKMAZ\nAdalet Bakanlığı\nBeispielcaddesi 22\n06659 Ankara\n"
            "TÜRKEI\n\nKopien an\nBOTSCHAFT DER REPUBLIK BEISPIEL\nS. E. Herrn Otto BRANDT\nLindenallee 8\n"
            "10117 Berlin\nE-Mail: botschaft@beispiel.example\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (copy.postcode, copy.city, copy.country) == ("10117", "Berlin", "DE")
    assert (target.city, target.country) == ("Ankara", "TR")  # the target keeps its own country line
    [copy] = read("Sende eine Kopie an:\nBotschaft von Beispiel\nRingstraße 1\n1010 Wien\n").copies
    assert copy.country == "AT"
    [copy] = read("Copias a:\nEmbajada de Beispiel\nCalle Menor 2\n28010 Madrid\n").copies
    assert copy.country == "ES"


def test_a_belgian_copy_in_a_commune_of_brussels_written_in_a_french_sentence():
    text = ("Écrivez au Ministre de la Justice, M. Luc Moreau, Ministère de la Justice, BP 12, Exempleville, "
            "Cameroun, avec copie à l'ambassade du Cameroun, Avenue Churchill 40, 1180 Uccle, "
            "courriel : ambassade@cm.example.\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (copy.postcode, copy.city, copy.country) == ("1180", "Uccle", "BE")
    assert target.country == "CM"


def test_a_city_line_settles_the_country_only_when_one_country_fits_its_town_and_postcode():
    def country(city_line: str) -> str:
        [copy] = read(f"Kopien an\nBotschaft von Beispiel\nLindenallee 8\n{city_line}\n").copies
        return copy.country

    assert [country(line) for line in ("14195 Berlin-Dahlem", "B-1000 Bruxelles", "1040 Etterbeek",
                                       "CH-3003 Bern", "D-53113 Beispielstadt")] == ["DE", "BE", "BE", "CH", "DE"]
    # A town no list holds, a postcode of another shape or on the other side of the town: no country rather
    # than a guess (a German sheet's target in Ankara also writes "06659 Ankara").
    assert [country(line) for line in ("06659 Ankara", "99999 Beispielstadt", "1010 Berlin", "10117 Wien",
                                       "Berlin 10117", "2001 Valencia")] == ["", "", "", "", "", ""]


def test_a_dublin_postal_district_is_the_town_line_of_an_irish_address():
    [copy] = read("Copies to:\nEmbassy of Example\n27 Some Road\nBallsbridge\nDublin 4\n").copies
    assert (copy.address_lines, copy.city, copy.postcode, copy.country) == (
        ["27 Some Road", "Ballsbridge"], "Dublin 4", "", "IE")


def test_a_label_of_two_names_the_campaign_has_no_field_for_is_kept_unplaced():
    """"X/Twitter: @…" in a copy's block names no field: kept for the organiser, never a crash."""
    imported = read("Write to:\n\nMinister of Justice\nMinistry of Justice\n1 Main Street\nExample City\nHonduras\n"
                    "X/Twitter: @justice_example\nTel/Fax: +504 2222 0000\n")
    [target] = imported.targets
    assert (target.fax, target.phone) == ("+504 2222 0000", "+504 2222 0000")
    assert "X/Twitter: @justice_example" in imported.unplaced


def test_a_sentence_that_gives_the_deadline_and_ends_in_a_colon_introduces_the_targets():
    # "… antes del 2 de mayo de 2025 a:", "… bis zum 2. Mai 2025 an:", "… avant le 2 mai 2025 à :": the
    # officials follow, in every sheet language, as after the English "… BEFORE 2 MAY 2025 TO:".
    envelope = ("Ministro de Justicia\nSr. Juan PÉREZ\nMinisterio de Justicia\nCalle Mayor 1\nMalabo\n"
                "Guinea Ecuatorial\n")
    for sentence in ("Envía tus llamamientos antes del 2 de mayo de 2025 a:",
                     "Schreib deinen Appell bis zum 2. Mai 2025 an:",
                     "Envoyez vos appels avant le 2 mai 2025 à :",
                     "Send your appeals before 2 May 2025 to:"):
        imported = read(f"{sentence}\n\n{envelope}Correo-e: ministro@justicia.example\nTratamiento: Señor Ministro\n")
        [target] = imported.targets
        assert (target.title, target.honorific, target.name) == ("Ministro de Justicia", "Sr.", "Juan Pérez"), sentence
        assert (target.emails, target.salutation) == (["ministro@justicia.example"], "Señor Ministro")
        assert imported.deadline is not None


def test_an_instruction_to_send_the_letter_to_an_official_at_the_address_below():
    # The numbered steps come first, the address block after a sentence of other instructions.
    text = ("1. Write a letter in your own words or use the sample letter below.\n"
            "2. Send it to the Minister of Justice at the address below, or email it.\n"
            "3. Let us know you took action.\n\n"
            "Letters can be written in English. Please take action before May 15, 2025.\n\n"
            "Mr. John Example\nMinister of Justice\nMinistry of Justice\nPO Box 12\nKampala, Uganda\n"
            "Email: minister@justice.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.name, target.title) == ("Mr.", "John Example", "Minister of Justice")
    assert (target.city, target.country, target.emails) == ("Kampala", "UG", ["minister@justice.example"])


def test_a_copy_of_your_letter_to_an_embassy_in_a_prose_sentence_is_a_copy():
    text = ("Écrivez à la ministre de la Justice, Madame Anne EXEMPLE, Ministère de la Justice, BP 12, Bujumbura, "
            "Burundi, courriel : ministre@justice.example, et envoyez une copie de votre lettre à l'ambassade de la "
            "République du Burundi, Square Marie-Louise 46, 1000 Bruxelles, courriel : ambassade@burundi.example.\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert target.name == "Anne Exemple"
    assert (copy.organisation, copy.city, copy.emails) == ("Ambassade de la République du Burundi", "Bruxelles",
                                                           ["ambassade@burundi.example"])
    assert copy.salutation == ""


def test_a_message_to_the_readers_after_the_copies_is_no_official():
    # It gives the section's email and speaks to the readers; the thanks that follow exclaim.
    text = ("KOPIE AN\nBotschaft der Republik Beispiel\nS. E. Herrn Otto BRANDT\nInvalidenstraße 3\n1030 Wien\n"
            "E-Mail: botschaft@beispiel.example\n\n"
            "Bitte schick uns eine kurze Nachricht, wenn du eine Antwort bekommst: aktion@section.example\n"
            "Danke für deinen Einsatz!\n")
    imported = read(text)
    [copy] = imported.copies
    assert copy.name == "Otto Brandt"
    assert any("aktion@section.example" in line for line in imported.unplaced)


def test_a_hyphenated_role_heads_the_envelope_as_its_title():
    text = ("Write to:\nCommissioner-General of the Republic Police\nMr Jan Example\nPolice General Headquarters\n"
            "PO Box 51, Causeway\nHarare, Zimbabwe\n")
    [target] = read(text).targets
    assert (target.title, target.honorific, target.name, target.organisation) == (
        "Commissioner-General of the Republic Police", "Mr", "Jan Example", "Police General Headquarters")


def test_envelopes_below_the_instructions_without_a_heading_are_the_targets():
    """A sheet may set its officials straight below its instructions, here after a one-line heading and in two
    PDF columns interleaved line by line: an envelope that opens with an honorific and a name and gives a
    contact line starts the targets."""
    text = ("TAKE ACTION\nWrite a letter or an email. Contact these officials by May 2, 2026.\n"
            "Preferred language to address target: English.\n\n"
            "Mr. Omar Rafiq Hashmi\nDr. Nadia Karim Sheikh\nMinister of Interior\nChair, Human Rights Commission\n"
            "Ministry of Interior\nHuman Rights Commission\n4 Example Road\n9 Sample Lane\nExampleton, Pakistan\n"
            "Exampleton, Pakistan\nEmail: interior@moi.example\nEmail: chair@hrc.example\n"
            "Salutation: Dear Minister\nSalutation: Dear Chair\n")
    first, second = read(text).targets
    assert (first.honorific, first.name, first.title, first.organisation) == (
        "Mr.", "Omar Rafiq Hashmi", "Minister of Interior", "Ministry of Interior")
    assert (first.address_lines, first.city, first.country) == (["4 Example Road"], "Exampleton", "PK")
    assert (first.emails, first.salutation) == (["interior@moi.example"], "Dear Minister")
    assert (second.name, second.emails, second.salutation) == ("Nadia Karim Sheikh", ["chair@hrc.example"],
                                                              "Dear Chair")


@pytest.mark.parametrize("background,call,steps", [
    ("ADDITIONAL INFORMATION\nExample has jailed reporters for years.", "WHAT YOU CAN DO",
     "1. Write a letter to the official below.\n2. Please write in English or French."),
    ("HINTERGRUNDINFORMATIONEN\nIn Beispielland sind Reporter seit Jahren in Haft.", "Handeln Sie!",
     "1. Schreiben Sie an den unten genannten Minister.\n2. Schreiben Sie auf Englisch oder Französisch."),
    # The calls to act are the language table's, each language's own.
    ("HINTERGRUND\nIn Beispielland sind Reporter seit Jahren in Haft.", "Was Sie tun können:",
     "1. Schreiben Sie an den unten genannten Minister.\n2. Schreiben Sie auf Englisch oder Französisch."),
    ("CONTEXTE\nDepuis des années, Beispielland emprisonne des journalistes.", "Ce que vous pouvez faire",
     "1. Écrivez au ministre ci-dessous.\n2. Écrivez en anglais ou en français."),
    ("ANTECEDENTES\nDesde hace años, Beispielland encarcela a periodistas.", "¿Qué puedes hacer?",
     "1. Escribe al ministro que figura abajo.\n2. Escribe en inglés o en francés."),
])
def test_an_envelope_below_the_instructions_after_the_background_and_a_call_to_act_is_a_target(background, call,
                                                                                                 steps):
    """The call to act alone on its line ends the background: the numbered instructions below it are no part of it,
    and an envelope set below them with no heading of its own is a target."""
    imported = read(f"PERU: A TITLE\n\nA summary.\n\n{background}\n\n{call}\n{steps}\n\n"
                    "Minister of the Interior\nMr. Tomas Example\nMinistry of the Interior\nBP 12\n"
                    "Exampleton, Peru\nEmail: minister@interior.example\n")
    [target] = imported.targets
    assert (target.title, target.name, target.emails) == ("Minister of the Interior", "Tomas Example",
                                                          ["minister@interior.example"])
    assert imported.preferred_languages == ["en", "fr"] and "Tomas" not in imported.background


@pytest.mark.parametrize(("line", "honorific", "name"), [
    ("His Excellency Faisal bin Sultan Al Qasimi", "His Excellency", "Faisal bin Sultan Al Qasimi"),
    ("Her Excellency Noura bint Sultan al-Mazrouei", "Her Excellency", "Noura bint Sultan al-Mazrouei"),
    ("Mr Omar ibn Commander Haddad", "Mr", "Omar ibn Commander Haddad"),
])
def test_a_fathers_name_that_also_names_a_rank_is_part_of_the_name_below_the_instructions(line, honorific, name):
    """After "bin", "bint" or "ibn" comes a father's given name, even one that is also a rank ("Sultan"): the line
    is an honorific and a name, so the envelope below the instructions starts the targets."""
    imported = read("TAKE ACTION\n1. Write to one or both officials.\n2. Please act before 3 May 2026.\n\n"
                    f"Attorney General\n{line}\nOffice of the Attorney General\nPO Box 77\nExampleton 104\n"
                    "Email: office@ag.example\n")
    [target] = imported.targets
    assert (target.title, target.honorific, target.name) == ("Attorney General", honorific, name)
    assert target.emails == ["office@ag.example"] and name not in imported.summary


def test_a_paragraph_that_names_a_person_without_contact_lines_stays_in_the_summary():
    imported = read("EXAMPLE: A TITLE FOR THE CASE\n\nMr. Omar Rafiq Hashmi\nwas arrested on 2 May.\n"
                    "He is held in an unknown place.\n")
    assert imported.targets == [] and "Omar Rafiq Hashmi" in imported.summary


def test_a_one_line_copy_whose_parts_are_parted_by_bars():
    [copy] = read("And copy: Ambassador Lina Farooq, Embassy of Example, 12 Sample Street NW, Washington, DC 20008 "
                  "| Phone: 202 555 0100 | Email: info@embassy.example\n").copies
    assert (copy.title, copy.name, copy.organisation, copy.address_lines) == (
        "Ambassador", "Lina Farooq", "Embassy of Example", ["12 Sample Street NW"])
    assert (copy.city, copy.region, copy.postcode, copy.country) == ("Washington", "DC", "20008", "US")
    assert (copy.phone, copy.emails) == ("202 555 0100", ["info@embassy.example"])


@pytest.mark.parametrize(("line", "phone", "fax"), [
    ("Copy to: Ambassador Lina Farooq, Embassy of Example, 12 Sample Street NW, Washington, DC 20008, "
     "Tel. 202-555-0100, Email: info@embassy.example", "202-555-0100", ""),
    ("Copies to: Mr Omar Farah, Embassy of Example, 52 Some Road, London W8 5DL, Fax 020 7946 0011, "
     "Phone +44 20 7946 0012", "+44 20 7946 0012", "020 7946 0011"),
])
def test_a_contact_without_its_colon_in_a_one_line_address_is_no_address_line(line, phone, fax):
    """A part of a one-line address that is a label before a number of its kind ("Tel. …", "Fax …") is a contact."""
    [copy] = read(line + "\n").copies
    assert (copy.address_lines, copy.phone, copy.fax) == ([copy.address_lines[0]], phone, fax)
    assert copy.address_lines[0] in ("12 Sample Street NW", "52 Some Road")


@pytest.mark.parametrize(("lines", "street", "city", "postcode", "country"), [
    ("Embassy of Example\nHer Excellency Ms Lina Exemplo\n5 Sample Gardens\nLondon W8 4QP\nUnited Kingdom\n"
     "(also accredited to Ireland)", "5 Sample Gardens", "London", "W8 4QP", "GB"),
    ("Embajada de Ejemplo\nSr. Luis Ortega\nCalle Mayor 12\n28013 Madrid\nEspaña\n(concurrente en Portugal)",
     "Calle Mayor 12", "Madrid", "28013", "ES"),
])
def test_a_note_in_parentheses_below_the_address_is_no_part_of_it(lines, street, city, postcode, country):
    """'(zuständig auch für Österreich)' under the country says whom the embassy serves: the city line and the
    country above it are still read, and the note is left to the organiser."""
    [copy] = read(f"Copies to:\n{lines}\nEmail: office@embassy.example\n").copies
    assert (copy.address_lines, copy.city, copy.postcode, copy.country) == ([street], city, postcode, country)


def test_a_labelled_one_line_address_is_street_city_and_country():
    """"Dirección: …" gives the whole postal address on one line: none of it is the name or the office."""
    text = ("¿QUÉ PUEDES HACER?\nEscribe antes del 3 de mayo de 2026 a la ministra.\n\n"
            "Sra. Elena Beatriz Sosa Ramírez\nMinistra del Interior\n"
            "Dirección: Casa Azul, Avenida Mariscal y Brasil, Asunción, Paraguay\nCorreo-e: ministra@mdi.example\n\n"
            "Envía una copia a:\nEmbajada de Ejemplo en España\nDirección: Calle de Ejemplo 12, 28006 Madrid\n"
            "Correo-e: embajada@ejemplo.example\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.honorific, target.name, target.title, target.organisation) == (
        "Sra.", "Elena Beatriz Sosa Ramírez", "Ministra del Interior", "")
    assert (target.address_lines, target.city, target.country) == (
        ["Casa Azul", "Avenida Mariscal y Brasil"], "Asunción", "PY")
    assert (copy.organisation, copy.address_lines, copy.postcode, copy.city, copy.country) == (
        "Embajada de Ejemplo en España", ["Calle de Ejemplo 12"], "28006", "Madrid", "ES")


@pytest.mark.parametrize("street,country_line,city,country", [
    ("8 Example Road, Wan Chai", "Hong Kong", "Hong Kong", "HK"),
    ("12 Sample Avenue", "Singapore", "Singapore", "SG"),
    ("3 Rua do Exemplo, Taipa", "Macao", "Macao", "MO"),
    # A city line above the country's name keeps its postcode: the city is read there.
    ("12 Sample Avenue", "Singapore 179098\nSingapore", "Singapore", "SG"),
    # Its name and a postcode of its shape, with no country line below: the city line says the country.
    ("12 Sample Avenue", "Singapore 408600", "Singapore", "SG"),
    ("4 Boulevard d'Exemple", "98000 Monaco", "Monaco", "MC"),
])
def test_a_city_state_on_the_last_line_is_the_city_and_the_country(street, country_line, city, country):
    [target] = read(f"Write to:\nMinister of Example Affairs\nMs Lee Example\nMinistry of Example Affairs\n"
                     f"{street}\n{country_line}\nEmail: minister@example.example\n").targets
    assert (target.address_lines, target.city, target.country) == ([street], city, country)


def test_a_french_honorific_of_an_ambassador_and_her_title_alone():
    [copy] = read("COPIES À :\nSon Excellence Madame Awa Idriss Moussa\nAmbassadrice\nAmbassade de la République "
                  "d'Exemple\nAvenue de l'Exemple 10\n1050 Bruxelles\n").copies
    assert (copy.honorific, copy.name, copy.title, copy.organisation) == (
        "Son Excellence Madame", "Awa Idriss Moussa", "Ambassadrice", "Ambassade de la République d'Exemple")


@pytest.mark.parametrize("text,left", [
    ("Send a copy to:\nEmbassy of Example\n4 Sample Place\nDublin 2\n\nThank you for your support.\n",
     "Thank you for your support."),
    ("KOPIEN AN\nBOTSCHAFT VON BEISPIEL\nLindenallee 8\n10117 Berlin\n\n"
     "Bitte senden Sie nach dem Stichtag keine Briefe mehr. Bei Fragen hilft\nIhnen gern das Aktionsbüro.\n",
     "Ihnen gern das Aktionsbüro."),
    # A request that ends in the address or the link where the readers report back, perhaps with the section's
    # footer below it.
    ("And copies to:\nEmbassy of Example\n4 Sample Place NW\nWashington, DC 20008\n\n"
     "Please tell us how many letters you sent so that we can count them! Use the form\n"
     "at https://www.section.example/report\n", "at https://www.section.example/report"),
    ("Y copia a:\nEmbajada de Ejemplo\nCalle de Ejemplo 3\n28010 Madrid\n\n"
     "Por favor, cuéntanos qué respuesta recibiste escribiendo a informes@seccion.example\n"
     "Sección de Ejemplo · Apartado 12 · www.seccion.example\n",
     "Sección de Ejemplo · Apartado 12 · www.seccion.example"),
])
def test_thanks_and_requests_to_the_readers_are_no_officials(text, left):
    imported = read(text)
    assert len(imported.copies) == 1 and left in imported.unplaced


def test_a_spanish_model_letter_opening_with_excelentisimo_gives_the_salutation():
    imported = read("Escribe a:\nSr. Pedro Luis Gómez Vera\nPresidente de la República\nPalacio de Ejemplo\n"
                    "Asunción\nParaguay\n\nCARTA MODELO\nExcelentísimo Señor Presidente:\nLe escribo por el caso.\n"
                    "Atentamente,\n")
    assert imported.targets[0].salutation == "Excelentísimo Señor Presidente:"


def test_a_role_of_an_office_and_a_name_on_one_line_are_split_but_a_role_alone_stays_whole():
    text = ("Write to:\nMinister of Labour and Social Welfare Dana Ermekova\nMinistry of Labour\n8 Main Avenue\n"
            "Astana 010000\nKazakhstan\n\nAnd copy to:\nMinister of Foreign Affairs\nMinistry of Foreign Affairs\n"
            "31 Kunayev Street\nAstana 010000\nKazakhstan\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.title, target.name) == ("Minister of Labour and Social Welfare", "Dana Ermekova")
    assert (copy.title, copy.name) == ("Minister of Foreign Affairs", "")


def test_honorable_before_a_name_is_its_honorific():
    text = ("Write to:\nMinister of Home Affairs\nHonorable Rashid Karim\nMinistry of Home Affairs\nDhaka 1000\n"
            "Bangladesh\n")
    [target] = read(text).targets
    assert (target.title, target.honorific, target.name) == ("Minister of Home Affairs", "Honorable", "Rashid Karim")


def test_a_salutation_in_parentheses_after_the_name_does_not_end_the_envelope():
    text = ("APPELLE AN\nJUSTIZMINISTER\nS. E. Herrn Otto Brandt (Anrede: Exzellenz)\nJustizministerium\n"
            "Musterweg 3\n99999 Beispielstadt\nE-Mail: minister@justiz.example\n")
    [target] = read(text).targets
    assert (target.title, target.honorific, target.name, target.salutation) == (
        "Justizminister", "S. E. Herrn", "Otto Brandt", "Exzellenz")
    assert (target.organisation, target.address_lines, target.emails) == (
        "Justizministerium", ["Musterweg 3"], ["minister@justiz.example"])


def test_officials_side_by_side_under_two_headings_are_read_apart_and_the_letter_starts_at_its_salutation():
    text = ("WRITE TO:                               SEND A COPY TO:\n"
            "Governor Alan Jessop                    Ambassador Clara Mbeki\n"
            "Office of the Governor                  Embassy of Exampleland\n"
            "12 Harbour Road                         400 Park Street NW\n"
            "Portville 12345                         Washington, DC 20008\n"
            "Email: governor@example.org             Phone: 202 555 0100\n"
            "Salutation: Dear Governor\n\n"
            "Dear Governor,\n\n"
            "I am writing to you about the farmers held in Portville.\n\nSincerely,\n[Your name]\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.title, target.name, target.organisation) == ("Governor", "Alan Jessop", "Office of the Governor")
    assert (target.address_lines, target.city, target.postcode) == (["12 Harbour Road"], "Portville", "12345")
    assert (target.emails, target.salutation) == (["governor@example.org"], "Dear Governor")
    assert (copy.title, copy.name, copy.organisation) == ("Ambassador", "Clara Mbeki", "Embassy of Exampleland")
    assert (copy.address_lines, copy.city, copy.region, copy.phone) == (
        ["400 Park Street NW"], "Washington", "DC", "202 555 0100")
    assert imported.sources["targets.0"] == (2, 7) and imported.sources["copies.0"] == (2, 6)


def test_officials_in_prose_wrapped_over_lines_with_the_demands_after_and_a_sentence_that_starts_with_the_copy():
    text = ("Écrivez au ministre de l'Intérieur, M. Paul Renard, Ministère de l'Intérieur, Rue Haute 12,\n"
            "1000 Bruxelles, Belgique (courriel : cabinet@interieur.example), en lui demandant de :\n"
            "- libérer immédiatement Anne Roux ;\n- abandonner les poursuites.\n\n"
            "Envoyez une copie à l'ambassadeur de Beispiel, S. E. Monsieur Luc Martin, Ambassade de Beispiel,\n"
            "Avenue Verte 8, 1050 Bruxelles (fax : 02 555 00 11 ; courriel :\nambassade@beispiel.example).\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.title, target.honorific, target.name) == ("Ministre de l'Intérieur", "M.", "Paul Renard")
    assert (target.city, target.country, target.emails) == ("Bruxelles", "BE", ["cabinet@interieur.example"])
    assert imported.demands == ["Libérer immédiatement Anne Roux", "Abandonner les poursuites"]
    assert (copy.honorific, copy.name, copy.organisation) == ("S. E. Monsieur", "Luc Martin", "Ambassade de Beispiel")
    assert (copy.address_lines, copy.postcode, copy.fax, copy.emails) == (
        ["Avenue Verte 8"], "1050", "02 555 00 11", ["ambassade@beispiel.example"])
    assert imported.sources["targets.0"] == (1, 2) and imported.sources["copies.0"] == (6, 8)


def test_a_role_then_the_words_that_join_it_to_its_office_names_no_person():
    [copy] = read("Copie à :\nAmbassadeur du Royaume de Beispiel\nMadame Léa Petit\nAmbassade de Beispiel\n"
                  "Avenue Verte 8\n1050 Bruxelles\n").copies
    assert (copy.title, copy.honorific, copy.name) == ("Ambassadeur du Royaume de Beispiel", "Madame", "Léa Petit")


def test_a_numbered_step_that_sends_a_copy_to_a_role_makes_that_official_a_copy():
    text = ("How to take action\n1. Write to the Minister of Justice using the sample letter below.\n"
            "2. Send a copy of your message to the Ambassador of Exampleland in the United States.\n\n"
            "Contact these officials\n\nMinister of Justice Omar Haddad\nMinistry of Justice\n1 Court Street\n"
            "Example City 10101\nEmail: minister@justice.example\n\n"
            "Ambassador Rita Moreno Vidal\nEmbassy of Exampleland\n2115 Calvert Street NW\nWashington, DC 20008\n"
            "Email: embassy@exampleland.example\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.title, target.name) == ("Minister of Justice", "Omar Haddad")
    assert (copy.title, copy.name) == ("Ambassador", "Rita Moreno Vidal")


def test_please_send_a_copy_of_your_appeal_heads_the_copies():
    text = ("Write to:\nMinister of Justice\nMinistry of Justice\n1 Court Street\nExample City 10101\n\n"
            "Please send a copy of your appeal to:\nOmbudsman\nMr Tom Reed\nOffice of the Ombudsman\n5 Hill Road\n"
            "Example City 10102\n")
    imported = read(text)
    [copy] = imported.copies
    assert (copy.title, copy.honorific, copy.name) == ("Ombudsman", "Mr", "Tom Reed")


def test_a_copies_heading_that_says_whom_they_go_to_is_a_heading():
    text = ("Envía tus llamamientos a:\nFiscal General\nFiscalía General\nAvenida Central 1\n01101 Ciudad Ejemplo\n\n"
            "Y copia a la representación diplomática de Ejemplo en España:\nEmbajada de Ejemplo\n"
            "Calle Mayor 9\n28006 Madrid\nCorreo-e: embajada@ejemplo.example\n")
    imported = read(text)
    [copy] = imported.copies
    assert (copy.organisation, copy.address_lines, copy.city) == ("Embajada de Ejemplo", ["Calle Mayor 9"], "Madrid")
    assert "Y copia a la representación diplomática de Ejemplo en España:" in imported.recognised


def test_a_salutation_given_in_a_sentence_that_names_the_role():
    text = ("Copies to:\nHer Excellency Ana TORRES\nAmbassador of Examplia\n12 Sample Road\nOttawa, ON K1A 0B1\n"
            "Email: embassy@examplia.example\nPlease address the Ambassador as \"Your Excellency\".\n")
    [copy] = read(text).copies
    assert (copy.name, copy.emails, copy.salutation) == ("Ana Torres", ["embassy@examplia.example"], "Your Excellency")


def test_two_officials_side_by_side_under_one_heading_are_read_apart():
    text = ("APPEALS TO:\n\n"
            "Minister of Justice                      Prosecutor General\n"
            "Amara Diallo                             Kofi Mensah\n"
            "Ministry of Justice                      Prosecutor's Office\n"
            "5 Liberty Road                           9 Court Street\n"
            "Email: minister@justice.example          Email: pg@prosecutor.example\n"
            "Salutation: Dear Minister                Salutation: Dear Prosecutor General\n")
    imported = read(text)
    assert [(t.title, t.name, t.organisation, t.address_lines, t.emails, t.salutation) for t in imported.targets] == [
        ("Minister of Justice", "Amara Diallo", "Ministry of Justice", ["5 Liberty Road"],
         ["minister@justice.example"], "Dear Minister"),
        ("Prosecutor General", "Kofi Mensah", "Prosecutor's Office", ["9 Court Street"],
         ["pg@prosecutor.example"], "Dear Prosecutor General")]
    assert imported.sources["targets.0"] == imported.sources["targets.1"] == (3, 8)


def test_a_line_or_two_with_wide_gaps_are_no_columns():
    text = ("UA 12/25          Fear of torture          3 May 2025\n\nWrite to:\n"
            "Minister of Justice      Amara Diallo\nMinistry of Justice\n5 Liberty Road\n")
    [target] = read(text).targets
    assert target.organisation == "Ministry of Justice" and target.address_lines == ["5 Liberty Road"]


def test_an_envelope_led_by_a_name_and_a_role_under_a_step_that_asks_to_write():
    text = ("Ana Ruiz, a teacher, was arrested on 3 May for a post about a polluted river near her home town.\n\n"
            "1. Write an email to the Minister of the Interior, in your own words:\n\n"
            "Nadia Osei\nMinister of the Interior\n3 Harbour Road\nAccra, Ghana\nEmail: minister@interior.example\n"
            "Salutation: Dear Minister\n\n"
            "2. Send a copy to:\nEmbassy of Ghana\n1 Sample Road\nLondon SW1A 2AA\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.name, target.title, target.country, target.salutation) == (
        "Nadia Osei", "Minister of the Interior", "GH", "Dear Minister")
    assert copy.organisation == "Embassy of Ghana"
    assert "1. Write an email to the Minister of the Interior, in your own words:" in imported.recognised
    assert "Write an email" not in imported.summary


def test_a_french_prose_instruction_with_its_languages_after_the_verb_and_its_demands_in_the_next_sentence():
    text = ("Écrivez, en espagnol ou en français, au ministre d'État, ministre de l'Intérieur, M. Jorge Ramírez, "
            "Ministère de l'Intérieur, rue Haute 12, 1000 Bruxelles, Belgique, courriel : cabinet@interieur.example "
            "(Formule d'appel : Monsieur le Ministre,). Dans votre lettre, demandez-lui de libérer Ana Ruiz sans "
            "condition, de lui permettre de voir sa famille, et d'enquêter sur les menaces qu'elle a reçues.\n\n"
            "Envoyez une copie à l'Ambassade de Beispiel, S.E. M. Luis Vega, rue de la Loi 10, 1040 Bruxelles, "
            "courriel : ambassade@beispiel.example.\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert imported.preferred_languages == ["es", "fr"]
    assert (target.title, target.honorific, target.name, target.organisation) == (
        "Ministre d'État, ministre de l'Intérieur", "M.", "Jorge Ramírez", "Ministère de l'Intérieur")
    assert (target.address_lines, target.city, target.emails) == (
        ["rue Haute 12"], "Bruxelles", ["cabinet@interieur.example"])
    assert target.salutation.startswith("Monsieur le Ministre")
    assert imported.demands == ["Libérer Ana Ruiz sans condition", "Lui permettre de voir sa famille",
                                "Enquêter sur les menaces qu'elle a reçues"]
    assert (copy.honorific, copy.name, copy.postcode) == ("S.E. M.", "Luis Vega", "1040")


def test_a_prose_instruction_ends_at_its_full_stop_and_what_follows_stays_apart():
    text = ("Écrivez au ministre de la Justice, M. Paul Renard, Ministère de la Justice, rue Haute 12, "
            "1000 Bruxelles, Belgique. Merci pour votre engagement constant.\n")
    imported = read(text)
    [target] = imported.targets
    assert target.address_lines == ["rue Haute 12"] and target.country == "BE"
    assert "Merci pour votre engagement constant." in imported.unplaced


@pytest.mark.parametrize(("text", "languages", "title", "demands"), [
    ("Escriba, en español o en inglés, al ministro del Interior, Sr. Juan Pérez, Ministerio del Interior, "
     "Calle Mayor 1, 28001 Madrid, España, correo-e: ministro@interior.example. Pídale que libere a Ana Ruiz de "
     "inmediato, que retire todos los cargos contra ella, y que proteja a su familia.\n",
     ["es", "en"], "Ministro del Interior",
     ["Libere a Ana Ruiz de inmediato", "Retire todos los cargos contra ella", "Proteja a su familia"]),
    ("Please write, in English or Amharic, to the Minister of Justice, Mr Abebe Kebede, Ministry of Justice, "
     "1 Unity Road, Addis Ababa, Ethiopia, email: minister@justice.example, urging him to release Ana Ruiz at "
     "once, to drop all charges, and to protect her family.\n",
     ["en", "am"], "Minister of Justice", ["Release Ana Ruiz at once", "Drop all charges", "Protect her family"]),
    ("Schreiben Sie, auf Deutsch oder Englisch, an den Innenminister, Herrn Jan Novak, Innenministerium, "
     "Hauptstraße 1, 10117 Berlin, Deutschland, E-Mail: minister@innen.example.\n",
     ["de", "en"], "Innenminister", []),
])
def test_a_prose_instruction_with_its_languages_after_the_verb_in_each_sheet_language(text, languages, title,
                                                                                      demands):
    imported = read(text)
    [target] = imported.targets
    assert (imported.preferred_languages, target.title, imported.demands) == (languages, title, demands)
    assert target.emails and target.address_lines and target.name


def test_a_paragraph_after_the_officials_that_asks_for_the_demands_gives_them():
    asks = ("Dans votre lettre, demandez-lui de libérer Paul Kasa sans condition, de lui permettre de voir un "
            "avocat, et de protéger sa famille.")
    text = ("Écrivez au ministre de la Justice, M. Jean Mbala, Ministère de la Justice, avenue de la Paix 4, "
            f"Kinshasa, République démocratique du Congo, courriel : ministre@justice.example.\n\n{asks}\n\n"
            "Merci d'agir jusqu'au 20 juin 2025.\n")
    imported = read(text)
    assert imported.demands == ["Libérer Paul Kasa sans condition", "Lui permettre de voir un avocat",
                                "Protéger sa famille"]
    assert imported.targets[0].name == "Jean Mbala" and imported.sources["demands.0"] == (3, 3)
    # Above the officials, such a sentence is the story's.
    story = read(f"{asks}\n\nÉcrivez au ministre de la Justice, M. Jean Mbala, Ministère de la Justice, avenue "
                 "de la Paix 4, Kinshasa, République démocratique du Congo, courriel : ministre@justice.example.\n")
    assert story.demands == [] and story.summary == asks


@pytest.mark.parametrize("officials,asks,demands", [
    ("Écrivez au ministre de la Justice, M. Jean Mbala, Ministère de la Justice, 01 BP 2493, Cotonou, Bénin "
     "(courriel : cabinet@justice.example), en commençant votre lettre par « Monsieur le Ministre ».",
     "Dans votre lettre, demandez-lui de le libérer, de lever les charges retenues contre lui et de veiller à ce "
     "qu'il puisse voir sa famille.",
     ["Le libérer", "Lever les charges retenues contre lui", "Veiller à ce qu'il puisse voir sa famille"]),
    ("Write to the Minister of Justice, Mr. Jean Mbala, Ministry of Justice, PO Box 12, Accra, Ghana (email: "
     "minister@justice.example).",
     "In your letter, urge him to release Kofi Mensah at once, to drop the charges and to protect his family.",
     ["Release Kofi Mensah at once", "Drop the charges", "Protect his family"]),
])
def test_a_sentence_asking_for_the_demands_on_the_line_right_below_the_officials_gives_them(officials, asks,
                                                                                              demands):
    """A sheet pasted from a web page one paragraph to a line has no blank line between them: the sentence on the
    line below the officials' still asks for the demands, and the deadline below it is still read."""
    imported = read(f"PASSEZ À L'ACTION\n{officials}\n{asks}\nMerci d'agir jusqu'au 20 juin 2025.\n")
    assert imported.demands == demands and imported.targets[0].name == "Jean Mbala"
    assert imported.sources["demands.0"] == (3, 3) and str(imported.deadline) == "2025-06-20"


def test_an_honorific_added_to_one_languages_row_is_recognised_and_the_longest_form_wins():
    """The honorifics come from the language table: a form written only in the German row is read on an
    envelope, the other rows' forms still are, and a longer form is tried before the one it starts with."""
    rows = [dataclasses.replace(row, sheet_words=dataclasses.replace(
                row.sheet_words, honorifics=(*row.sheet_words.honorifics, r"kammers[äa]nger(?:in)?")))
            if row.code == "de" else row for row in sheet_languages()]
    before = re.compile(rf"^{honorifics_pattern(sheet_languages())}\s+(?P<rest>\S.*)$", re.I)
    after = re.compile(rf"^{honorifics_pattern(rows)}\s+(?P<rest>\S.*)$", re.I)
    assert before.match("Kammersängerin Ilse Brandt") is None
    match = after.match("Kammersängerin Ilse Brandt")
    assert (match["honorific"], match["rest"]) == ("Kammersängerin", "Ilse Brandt")
    for line, honorific in (("Licda. Rosa Ibarra", "Licda."), ("S. E. Herrn Otto Brandt", "S. E. Herrn"),
                            ("Son Excellence Monsieur Paul Diallo", "Son Excellence Monsieur"),
                            ("Shaikha Noor Al Sabah", "Shaikha"), ("Господину Петрову", "Господину")):
        assert after.match(line)["honorific"] == honorific


@pytest.mark.parametrize(("line", "honorific", "name"), [
    ("Licda. Rosa IBARRA", "Licda.", "Rosa Ibarra"),
    ("Seine Exzellenz Herrn Otto BRANDT", "Seine Exzellenz Herrn", "Otto Brandt"),
    ("Son Excellence Madame Awa DIALLO", "Son Excellence Madame", "Awa Diallo"),
    ("Sheikh Faisal AL THANI", "Sheikh", "Faisal Al Thani"),
    ("Rt. Hon. Mary Okello", "Rt. Hon.", "Mary Okello"),
    ("Rt Hon Peter Lwanga", "Rt Hon", "Peter Lwanga"),
    ("I. E. Frau Mira Hadžić", "I. E. Frau", "Mira Hadžić"),
    ("I.E. Frau Lena Ortiz", "I.E. Frau", "Lena Ortiz"),
    # Academic titles after an honorific belong to it.
    ("Frau Prof. Dr. Anke Vollmer", "Frau Prof. Dr.", "Anke Vollmer"),
    ("Sr. Dr. Mateo Quispe Rojas", "Sr. Dr.", "Mateo Quispe Rojas"),
    # The courtesy title after an excellency belongs to it.
    ("His Excellency Mr Tomás Ferreira", "His Excellency Mr", "Tomás Ferreira"),
    ("H.E. Mrs. Grace Mwale", "H.E. Mrs.", "Grace Mwale"),
    # A counsellor-at-law's or a councillor's title.
    ("Cllr. Musu TARPEH-KOLLIE", "Cllr.", "Musu Tarpeh-Kollie"),
    ("Cllr Declan Moriarty", "Cllr", "Declan Moriarty"),
    # Envelopes to India and Myanmar, in English.
    ("Smt. Lakshmi Devi Nair", "Smt.", "Lakshmi Devi Nair"),
    ("Shri Mohan Lal Verma", "Shri", "Mohan Lal Verma"),
    ("Daw Aye Aye Khaing", "Daw", "Aye Aye Khaing"),
    ("U Myo Tun Aung", "U", "Myo Tun Aung"),
    # Malaysia's, in English: a federal or a state title, alone or with the title of a wife.
    ("Tan Sri Ahmad Fauzi bin Hamid", "Tan Sri", "Ahmad Fauzi bin Hamid"),
    ("Dato' Sri Lim Wei Ming", "Dato' Sri", "Lim Wei Ming"),
    ("Datin Paduka Siti Aminah binti Razak", "Datin Paduka", "Siti Aminah binti Razak"),
    ("Toh Puan Noraini binti Yusof", "Toh Puan", "Noraini binti Yusof"),
    # "The Most Honourable …", and an academic title before "the Hon.".
    ("The Most Honourable Andrew P. Exemplo", "The Most Honourable", "Andrew P. Exemplo"),
    ("Dr the Hon. Navin Exemplo", "Dr the Hon.", "Navin Exemplo"),
    ("Prof. the Honourable Amina Exemplo", "Prof. the Honourable", "Amina Exemplo"),
    # "Yang Berhormat" with the title it goes on with, as Brunei's and Malaysia's envelopes write it.
    ("Yang Berhormat Dato Hamid bin Yusri", "Yang Berhormat Dato", "Hamid bin Yusri"),
    ("Yang Berhormat Datuk Seri Lim Kah Wai", "Yang Berhormat Datuk Seri", "Lim Kah Wai"),
    # Cut short in its capitals: "YB …", "YAB …".
    ("YB Dato' Sri Azman bin Yusof", "YB Dato' Sri", "Azman bin Yusof"),
    ("YAB Datuk Seri Tan Wei Liang", "YAB Datuk Seri", "Tan Wei Liang"),
    ("YB Nurul Aina binti Rahman", "YB", "Nurul Aina binti Rahman"),
    # A highness or a majesty, with the title after it, in each language.
    ("His Highness Sheikh Hamad AL NUAIMI", "His Highness Sheikh", "Hamad Al Nuaimi"),
    ("Her Majesty Queen Ama SERWAA", "Her Majesty Queen", "Ama Serwaa"),
    ("Son Altesse le Cheikh Saïd AL MANSOURI", "Son Altesse le Cheikh", "Saïd Al Mansouri"),
    ("S. A. R. le Prince Karim BENALI", "S. A. R. le Prince", "Karim Benali"),
    ("Seine Hoheit Scheich Rashid AL KAABI", "Seine Hoheit Scheich", "Rashid Al Kaabi"),
    ("S. M. König Letsie MOTLOMELO", "S. M. König", "Letsie Motlomelo"),
    # Ranks before a name are its honorific too, in each language.
    ("Field Marshal Aung Min THU", "Field Marshal", "Aung Min Thu"),
    ("Police Inspector General Rudy HARTONO", "Police Inspector General", "Rudy Hartono"),
    ("Vicealmirante Rodrigo PAZ", "Vicealmirante", "Rodrigo Paz"),
    ("Teniente Coronel Ana María LUGO", "Teniente Coronel", "Ana María Lugo"),
    ("Général de brigade Ousmane TRAORÉ", "Général de brigade", "Ousmane Traoré"),
    ("Contre-amiral Paul KABORÉ", "Contre-amiral", "Paul Kaboré"),
    ("Generalmajor Jens FALK", "Generalmajor", "Jens Falk"),
    ("Oberst Dana KRAUS", "Oberst", "Dana Kraus"),
    # Ranks whose two words are joined by a hyphen, or cut short with their dot.
    ("Brigadier-General Tevita RAVUVU", "Brigadier-General", "Tevita Ravuvu"),
    ("Lieutenant-Colonel Mereani Tuilagi", "Lieutenant-Colonel", "Mereani Tuilagi"),
    ("Major-General Samuel BIO", "Major-General", "Samuel Bio"),
    ("Col. Joseph Tamba KOROMA", "Col.", "Joseph Tamba Koroma"),
    ("Lt. Col. Aminata Sesay", "Lt. Col.", "Aminata Sesay"),
    ("Maj. Gen. Peter OKELLO", "Maj. Gen.", "Peter Okello"),
    ("Capt. Ruth Mensah", "Capt.", "Ruth Mensah"),
])
def test_each_languages_honorifics_and_ranks_are_read_on_an_envelope(line, honorific, name):
    [target] = read(f"Write to:\n{line}\nMinistry of the Interior\n12 Palace Road\nEmail: office@interior.example\n"
                    ).targets
    assert (target.honorific, target.name) == (honorific, name)


def test_a_sentence_that_says_how_letters_to_the_role_should_begin_is_the_salutation():
    text = ("Send appeals to:\nMinister of Lands\nHon. Ruth Banda\nMinistry of Lands\nPO Box 1234\nBlantyre, MALAWI\n"
            "Letters to the Minister should begin \"Dear Honourable Minister\"\n")
    imported = read(text)
    [target] = imported.targets
    assert (target.name, target.salutation) == ("Ruth Banda", "Dear Honourable Minister")


def test_the_sections_letterhead_after_the_copies_is_no_official():
    text = ("Copies to:\nHigh Commissioner for Malawi\nMs Esther Phiri\n12 Park Lane\nLondon W1 2AB\n\n"
            "Please send appeals immediately.\n\n"
            "Amnesty International Exampleland - Urgent Action Office\n"
            "1 Example Road, Exampletown - ua@section.example\n")
    imported = read(text)
    assert [copy.name for copy in imported.copies] == ["Esther Phiri"]


def test_austrian_headings_briefe_bitte_an_and_kopie_bitte_an():
    text = ("Briefe bitte an:\n\nInnenminister\nHerrn Karl Beispiel\nInnenministerium\nHauptstraße 1\n"
            "12345 Musterstadt\nE-Mail: minister@inneres.example\n\nKopie bitte an:\n\nBotschafter\nHerrn Paul Muster\n"
            "Botschaft von Beispielland\nRingstraße 5\n10115 Berlin\n")
    imported = read(text)
    assert [target.name for target in imported.targets] == ["Karl Beispiel"]
    assert [copy.name for copy in imported.copies] == ["Paul Muster"]


def test_a_name_and_a_feminine_german_role_on_one_line_after_ihre_exzellenz():
    text = ("Kopie bitte an:\n\nI. E. Frau Mira Hadžić, Botschafterin\nBotschaft von Beispielland\nRingstraße 5\n"
            "10115 Berlin\n")
    [copy] = read(text).copies
    assert (copy.honorific, copy.name, copy.title, copy.organisation) == (
        "I. E. Frau", "Mira Hadžić", "Botschafterin", "Botschaft von Beispielland")


def test_a_german_compound_role_ending_in_inspekteur_heads_the_envelope():
    text = ("Briefe bitte an:\n\nPolizeiinspekteurin\nMs. Hana Novak\nPolice Headquarters\nMain Road 3\nExampletown\n")
    [target] = read(text).targets
    assert (target.title, target.honorific, target.name) == ("Polizeiinspekteurin", "Ms.", "Hana Novak")


def test_an_office_and_the_district_it_stands_in_on_one_line():
    text = ("Write to:\nChief of Police\nMr. Omar Said\nNational Police Headquarters, Old Town\nPO Box 12\n"
            "Exampletown 1234\nEmail: chief@police.example\n")
    [target] = read(text).targets
    assert target.organisation == "National Police Headquarters"
    assert target.address_lines == ["Old Town", "PO Box 12"]


@pytest.mark.parametrize("line,honorific,title,name", [
    ("His Excellency Ebrima K. Touray", "His Excellency", "", "Ebrima K. Touray"),
    ("Ambassador Musa L. Darboe", "", "Ambassador", "Musa L. Darboe"),
    ("Ms. Grace W. Njeri", "Ms.", "", "Grace W. Njeri"),
])
def test_a_middle_initial_is_part_of_the_name_of_an_envelope_without_heading(line, honorific, title, name):
    """The envelope set straight below the instructions, its name with a middle initial, is an official's."""
    text = (f"AN EXAMPLE HEADLINE\n\nSummary of the case.\n\n{line}\nMinistry of Example\n1 Example Road\n"
            "Exampleton\nEmail: office@example.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.title, target.name) == (honorific, title, name)


def test_an_office_and_the_town_of_the_city_line_below_stay_one_line():
    text = ("Copies to:\nAmbassador\nMs. Ana Ruiz\nEmbassy of Exampleland, Berlin\nHauptstraße 9\n10115 Berlin\n")
    [copy] = read(text).copies
    assert copy.organisation == "Embassy of Exampleland, Berlin" and copy.address_lines == ["Hauptstraße 9"]


@pytest.mark.parametrize(("line", "city", "postcode"), [
    ("8320000 Santiago", "Santiago", "8320000"),
    ("Valparaíso 2340000", "Valparaíso", "2340000"),
])
def test_a_chilean_city_line_with_its_seven_digit_postcode(line, city, postcode):
    text = f"Escribe a:\nMinistro del Interior\nSr. Pablo Rojas\nMinisterio del Interior\nMoneda 1\n{line}\nChile\n"
    [target] = read(text).targets
    assert (target.city, target.postcode, target.country) == (city, postcode, "CL")
    assert target.address_lines == ["Moneda 1"]


@pytest.mark.parametrize(("line", "country", "city", "postcode"), [
    ("00-124 Warszawa", "Polska", "Warszawa", "00-124"),
    ("31-042 Kraków", "Poland", "Kraków", "31-042"),
    ("106 71 Athens", "Greece", "Athens", "106 71"),
    ("111 52 Stockholm", "Suecia", "Stockholm", "111 52"),
    ("118 00 Praha 1", "Czech Republic", "Praha 1", "118 00"),
    # The town may end with the number of its post office's zone.
    ("1000 Monrovia 13", "Liberia", "Monrovia 13", "1000"),
    # Portugal's: four digits, a hyphen, three.
    ("1049-001 Lisboa", "Portugal", "Lisboa", "1049-001"),
    ("4050-123 Porto", "Portugal", "Porto", "4050-123"),
])
def test_a_postcode_with_a_hyphen_or_a_space_inside_before_the_town(line, country, city, postcode):
    """'00-950 Warschau', '115 26 Atenas', '1049-001 Lisboa': Poland's postcode has a hyphen after its two first
    digits, Portugal's after its four, Greece's, Sweden's and Czechia's a space after their three first."""
    text = (f"Write to:\nMinister of Justice\nMr Paul Exemplo\nMinistry of Justice\n12 Example Street\n{line}\n"
            f"{country}\n")
    [target] = read(text).targets
    assert (target.city, target.postcode, target.address_lines) == (city, postcode, ["12 Example Street"])


@pytest.mark.parametrize(("line", "city", "region"), [
    ("Ottawa, Ontario K1A 0B1", "Ottawa", "Ontario"),
    ("Vancouver, British Columbia V6B 1A1", "Vancouver", "British Columbia"),
    ("Ottawa ON K1A 0B1", "Ottawa", "ON"),
])
def test_a_canadian_city_line_with_the_province_written_out_or_as_its_code(line, city, region):
    text = f"Copies to:\nHigh Commissioner\nMs. Ana Ruiz\nHigh Commission of Exampleland\n50 Bank Street\n{line}\n"
    [copy] = read(text).copies
    assert (copy.city, copy.region, copy.country) == (city, region, "CA")


@pytest.mark.parametrize("line", ["U. S. Mahendran", "U S Mahendran", "u Mahendran Pillai", "UN Mission Staff"])
def test_a_capital_u_is_an_honorific_only_before_a_name(line):
    assert HONORIFIC.match(line) is None


def test_the_burmese_honorific_after_a_role_on_one_line():
    text = ("Copies to:\nAmbassador U Nay Lin Htut\nEmbassy of Myanmar\n5 Orchard Lane\nLondon W8 5DL\n"
            "Email: embassy@mm.example\n")
    [copy] = read(text).copies
    assert (copy.title, copy.honorific, copy.name) == ("Ambassador", "U", "Nay Lin Htut")


@pytest.mark.parametrize(("role", "title"), [
    ("VORSITZENDE DER NATIONALEN WAHLKOMMISSION", "Vorsitzende der Nationalen Wahlkommission"),
    ("Leiterin der Gefängnisverwaltung", "Leiterin der Gefängnisverwaltung"),
    ("Staatssekretär im Innenministerium", "Staatssekretär im Innenministerium"),
])
def test_german_roles_of_chairs_heads_and_secretaries_are_titles(role, title):
    text = (f"Schreiben Sie an:\n{role}\nFrau Dr. Lina Haddad\nZentrale Behörde\nHauptstraße 4\n"
            "E-Mail: buero@behoerde.example\n")
    [target] = read(text).targets
    assert (target.title.casefold(), target.honorific, target.name) == (title.casefold(), "Frau Dr.", "Lina Haddad")


@pytest.mark.parametrize(("line", "organisation", "street"), [
    ("Office of the State Prosecutor, Building No. 7", "Office of the State Prosecutor", "Building No. 7"),
    ("Ministry of Interior, 40 Liberty Avenue", "Ministry of Interior", "40 Liberty Avenue"),
])
def test_an_office_and_its_number_on_one_line_are_organisation_and_street(line, organisation, street):
    text = (f"Write to:\nState Prosecutor\nMr Daniel Osei Mensah\n{line}\nAccra, Ghana\n"
            "Email: office@prosecutor.example\n")
    [target] = read(text).targets
    assert (target.organisation, target.address_lines, target.city) == (organisation, [street], "Accra")


@pytest.mark.parametrize(("lines", "city", "region", "country"), [
    ("Bhopal 462004\nMadhya Pradesh\nIndia", "Bhopal", "Madhya Pradesh", "IN"),
    ("Kano 700001\nKano State, Nigeria", "Kano", "Kano State", "NG"),
])
def test_the_state_between_the_city_line_and_the_country_is_the_region(lines, city, region, country):
    text = f"Write to:\nChief Secretary\nMs Asha Rao Pillai\nState Secretariat\n{lines}\nEmail: cs@state.example\n"
    [target] = read(text).targets
    assert (target.city, target.region, target.country, target.address_lines) == (city, region, country, [])


@pytest.mark.parametrize(("line", "city", "postcode"), [
    ("Dublin 8, D08 K2X4", "Dublin 8", "D08 K2X4"),
    ("Dublin 6W D6W 1234", "Dublin 6W", "D6W 1234"),
])
def test_a_dublin_district_then_an_eircode_is_the_city_line(line, city, postcode):
    text = (f"Copies to:\nAmbassador of Chile\nMr Pablo Reyes Soto\nEmbassy of Chile\n44 Leeson Park\n{line}\n"
            "Email: embassy@chile.example\n")
    [copy] = read(text).copies
    assert (copy.city, copy.postcode, copy.country, copy.address_lines) == (city, postcode, "IE", ["44 Leeson Park"])


@pytest.mark.parametrize(("heading", "sentence", "salutation"), [
    ("Write to:", 'Please head your letters to the Governor "Dear Governor".', "Dear Governor"),
    ("Write to:", 'Address your appeal with "Dear Director".', "Dear Director"),
    ("Write to:", 'Your emails should start with "Dear Commissioner"', "Dear Commissioner"),
    ("Write to:", 'Please use the greeting "Dear Minister".', "Dear Minister"),
    ("Escribe a:", 'Por favor, comience su carta con "Señor Ministro".', "Señor Ministro"),
    ("Schreiben Sie an:", 'Bitte beginnen Sie Ihren Brief mit „Sehr geehrter Herr Minister“.',
     "Sehr geehrter Herr Minister"),
    # Without quotes, when the salutation's own word opens it.
    ("Write to:", "When writing, start your letter with the salutation Dear Minister.", "Dear Minister"),
    ("Write to:", "Please begin your appeals with the greeting Your Excellency.", "Your Excellency"),
    ("Escribe a:", "Por favor, comience su carta con Señor Ministro.", "Señor Ministro"),
])
def test_sentences_in_other_words_give_each_officials_salutation(heading, sentence, salutation):
    text = (f"{heading}\nMinister of Lands\nMs Ruth Banda Phiri\nMinistry of Lands\nPO Box 1234\nLilongwe, Malawi\n"
            f"{sentence}\n")
    [target] = read(text).targets
    assert (target.name, target.salutation) == ("Ruth Banda Phiri", salutation)


@pytest.mark.parametrize(("box", "town"), [("Caixa Postal 1243", "Luanda"), ("Caixa Postal 2087", "Maputo")])
def test_a_portuguese_post_office_box_above_the_town_is_no_city_line(box, town):
    """'Caixa Postal 1243' / 'Luanda, Angola': the box is a street line of the envelope, the line below it the
    town; the box's words are never a town nor its number a postcode."""
    [target] = read(f"Write to:\nAttorney General\nMr Paulo Exemplo\nProcuradoria-Geral\n{box}\n{town}\n"
                    "Email: pgr@justice.example\n").targets
    assert (target.address_lines, target.city, target.postcode, target.region) == ([box], town, "", "")


@pytest.mark.parametrize("street", ["Paseo General Escalón, No. 3940", "Alameda Roosevelt, N° 2330",
                                    "Avenida Exemplo, n.º 5500"])
def test_a_street_with_its_house_number_after_a_comma_and_its_mark_is_no_city_line(street):
    """'Alameda Dr. …, n.º 5500' / 'San Salvador, El Salvador': the number's mark ("No.", "N°", "n.º") is no region
    and the number no postcode; the town is on the line below."""
    [target] = read(f"Escribe a:\nPresidente de la República\nSr. Mario Exemplo\nCasa Presidencial\n{street}\n"
                    "San Salvador, El Salvador\nCorreo-e: contacto@casa.example\n").targets
    assert (target.address_lines[-1], target.city, target.region, target.postcode) == (street, "San Salvador", "", "")


@pytest.mark.parametrize(("line", "box", "city"), [
    ("01 BP 1234 Abidjan 01", "01 BP 1234", "Abidjan 01"),
    ("B.P. 88 Lomé", "B.P. 88", "Lomé"),
    ("PO Box 7817 Kampala", "PO Box 7817", "Kampala"),
    ("Casilla 4410 La Paz", "Casilla 4410", "La Paz"),
    ("Caixa Postal 318 Maputo", "Caixa Postal 318", "Maputo"),
])
def test_a_post_office_box_and_the_town_on_one_line(line, box, city):
    """'01 BP 526 Ouagadougou 01': the box (with the zone of its post office) is the street, the town after it (with
    its zone) the city."""
    [target] = read(f"Write to:\nMinister of Justice\nMr Paul Exemplo\nMinistry of Justice\n{line}\n"
                    "Email: minister@justice.example\n").targets
    assert (target.address_lines, target.city) == ([box], city)


@pytest.mark.parametrize(("line", "city", "postcode"), [
    ("Chennai - 600009", "Chennai", "600009"),
    ("Bhubaneswar-751001", "Bhubaneswar", "751001"),
])
def test_a_city_line_with_its_postcode_after_a_dash(line, city, postcode):
    text = f"Write to:\nChief Minister\nThiru Arul Selvan Murugan\nSecretariat\nFort St George\n{line}\nIndia\n"
    [target] = read(text).targets
    assert (target.honorific, target.city, target.postcode, target.country) == ("Thiru", city, postcode, "IN")


@pytest.mark.parametrize(("line", "honorific", "name"), [
    ("Police Lieutenant General Kyaw Zin Htet", "Police Lieutenant General", "Kyaw Zin Htet"),
    ("Senior General U Than Myint Soe", "Senior General U", "Than Myint Soe"),
    ("Air Chief Marshal Somchai Rattanakul", "Air Chief Marshal", "Somchai Rattanakul"),
])
def test_a_rank_led_by_its_force_or_followed_by_a_courtesy_honorific(line, honorific, name):
    text = f"Write to:\nCommander-in-Chief\n{line}\nDefence Services Office\nNay Pyi Taw, Myanmar\n"
    [target] = read(text).targets
    assert (target.honorific, target.name) == (honorific, name)


@pytest.mark.parametrize(("lines", "street", "city", "postcode"), [
    ("Ranelagh, Dublin 6\nD06 R2X8", ["12 Oak Terrace", "Ranelagh"], "Dublin 6", "D06 R2X8"),
    ("Ottawa, ON\nK1N 8T3", ["12 Oak Terrace"], "Ottawa", "K1N 8T3"),
    ("Rathmines, Dublin 6", ["12 Oak Terrace", "Rathmines"], "Dublin 6", ""),
])
def test_a_district_before_the_city_and_a_postcode_on_its_own_line(lines, street, city, postcode):
    text = f"Copies to:\nAmbassador\nMs Hana Takeda Mori\nEmbassy of Japan\n12 Oak Terrace\n{lines}\n"
    [copy] = read(text).copies
    assert (copy.address_lines, copy.city, copy.postcode) == (street, city, postcode)


@pytest.mark.parametrize(("line", "honorific", "name"), [
    ("Excma. Sra. Dña. Lucía Romero Vidal", "Excma. Sra. Dña.", "Lucía Romero Vidal"),
    ("Sr. D. Andrés Molina Ruiz", "Sr. D.", "Andrés Molina Ruiz"),
])
def test_don_and_dona_after_a_spanish_honorific_belong_to_it(line, honorific, name):
    [target] = read(f"Escribe a:\n{line}\nMinisterio del Interior\nCalle Mayor 12\n28013 Madrid\n").targets
    assert (target.honorific, target.name) == (honorific, name)


@pytest.mark.parametrize(("sentence", "salutation"), [
    ('Salutation: "Dear Governor"', "Dear Governor"),
    ("Please head your letter 'Dear Governor'.", "Dear Governor"),
    ('Open appeals with: "Dear Governor"', "Dear Governor"),
    ("Anrede: „Sehr geehrter Herr Gouverneur“", "Sehr geehrter Herr Gouverneur"),
])
def test_a_salutation_in_quotes_of_any_kind_is_read_without_them(sentence, salutation):
    text = f"Write to:\nGovernor of Lagos\nMr Tunde Bakare Ade\nGovernor's Office\nIkeja, Nigeria\n{sentence}\n"
    [target] = read(text).targets
    assert target.salutation == salutation

@pytest.mark.parametrize(("line", "city", "region", "postcode"), [
    ("U9100XAB Trelew, Chubut", "Trelew", "Chubut", "U9100XAB"),
    ("5500 Mendoza, Provincia de Mendoza", "Mendoza", "Provincia de Mendoza", "5500"),
])
def test_a_city_line_with_the_postcode_first_and_the_province_last(line, city, region, postcode):
    text = f"Escribe a:\nGobernador\nSr. Pablo Rojas\nCasa de Gobierno\nRivadavia 10\n{line}\nArgentina\n"
    [target] = read(text).targets
    assert (target.city, target.region, target.postcode, target.country) == (city, region, postcode, "AR")
    assert target.address_lines[-1] == "Rivadavia 10"


@pytest.mark.parametrize(("line", "city", "postcode"), [("Manzini M200", "Manzini", "M200"),
                                                        ("Lobamba L300", "Lobamba", "L300")])
def test_a_city_line_with_a_lettered_postcode_of_three_digits(line, city, postcode):
    text = f"Send appeals to:\nMinister of Justice\nMr Sipho Example\nMinistry of Justice\nPO Box 7\n{line}\nEswatini\n"
    [target] = read(text).targets
    assert (target.city, target.postcode, target.country) == (city, postcode, "SZ")


@pytest.mark.parametrize("heading", ["PLEASE SEND YOUR APPEALS BEFORE 30 MARCH 2016 TO:",
                                     "Send appeals as soon as possible, and before 4 May 2019, to:"])
def test_two_columns_below_a_heading_that_runs_across_where_the_right_one_starts(heading):
    rows = [("Minister of Justice", "Inspector General of Police"), ("Mr. Amir Saleh", "Ms. Lina Nour"),
            ("Ministry of Justice", "Police Headquarters"), ("1 Example Road", "2 Garden Road"),
            ("11111 Exampleton", "22222 Exampleton"), ("Egypt", "Egypt")]
    text = heading + "\n" + "".join(f"{left:<40}{right}\n" for left, right in rows)
    first, second = read(text).targets
    assert (first.title, first.name, first.postcode) == ("Minister of Justice", "Amir Saleh", "11111")
    assert (second.title, second.name, second.postcode) == ("Inspector General of Police", "Lina Nour", "22222")


@pytest.mark.parametrize("building", ["Presidential Palace", "Palacio de Gobierno", "State House",
                                      "Palais de la Nation"])
def test_the_building_an_office_sits_in_is_a_line_of_its_address(building):
    text = f"Write to:\nPresident of Exampleland\nMr. Amir Saleh\n{building}\n1 Example Road\nExampleton\nEgypt\n"
    [target] = read(text).targets
    assert (target.organisation, target.address_lines) == ("", [building, "1 Example Road"])


@pytest.mark.parametrize(("line", "city", "region", "postcode"), [
    ("Belém – PA, 66015-902", "Belém", "PA", "66015-902"),
    ("Porto Alegre/RS 90010-282", "Porto Alegre", "RS", "90010-282"),
])
def test_a_brazilian_city_line_with_the_states_code_and_the_cep(line, city, region, postcode):
    text = f"Write to:\nGovernor of Exampleland State\nMr Paulo Exemplo\nAv. Central, 100\n{line}\nBrazil\n"
    [target] = read(text).targets
    assert (target.city, target.region, target.postcode, target.country) == (city, region, postcode, "BR")


@pytest.mark.parametrize(("first", "second"), [("Dear Minister /", "Excelentíssimo Senhor Ministro"),
                                               ("Sehr geehrter Herr Minister /", "Dear Minister")])
def test_a_salutation_in_two_languages_goes_on_over_the_line_after_its_slash(first, second):
    text = (f"Write to:\nMinister of Justice\nMr Paulo Exemplo\nMinistry of Justice\n1 Example Road\nExampleton\n"
            f"Brazil\nEmail: minister@justice.example\nSalutation: {first}\n{second}\n")
    [target] = read(text).targets
    assert target.salutation == f"{first} {second}"


@pytest.mark.parametrize(("role", "end"), [("Secretary of Justice and Human Rights of Exampleland", "Province"),
                                           ("Attorney General of the Republic of", "Exampleland")])
def test_a_role_wrapped_above_the_name_goes_on_with_the_title(role, end):
    text = f"Write to:\n{role}\n{end}\nPaulo Exemplo Rocha\n1 Example Road\nExampleton\nBrazil\n"
    [target] = read(text).targets
    assert (target.title, target.name, target.organisation) == (f"{role} {end}", "Paulo Exemplo Rocha", "")


@pytest.mark.parametrize(("line", "honorific", "name"), [
    ("Inspector General Amir Saleh Nour", "Inspector General", "Amir Saleh Nour"),
    ("Commissioner General Lina Exemplo", "Commissioner General", "Lina Exemplo"),
    ("Her Excellency Ms Lina Exemplo", "Her Excellency Ms", "Lina Exemplo"),
    ("H.E. Mr. Amir Saleh", "H.E. Mr.", "Amir Saleh"),
    # A rank after the excellency belongs to it too.
    ("His Excellency General Amir Saleh Nour", "His Excellency General", "Amir Saleh Nour"),
    ("H.E. Lieutenant General Lina Exemplo", "H.E. Lieutenant General", "Lina Exemplo"),
    ("Su Excelencia Coronel Luis Ortega", "Su Excelencia Coronel", "Luis Ortega"),
])
def test_a_rank_or_an_excellency_with_its_courtesy_title_before_the_name_is_the_honorific(line, honorific, name):
    text = f"Write to:\nChief of the Exampleland Police\n{line}\n1 Example Road\nExampleton\nEgypt\n"
    [target] = read(text).targets
    assert (target.honorific, target.name, target.title) == (honorific, name, "Chief of the Exampleland Police")
    assert target.address_lines == ["1 Example Road"]


@pytest.mark.parametrize("rank, office, town", [
    ("Contraalmirante", "Dirección Nacional de Control de Drogas", "Santo Domingo, D.N."),
    ("General de Brigada", "Jefatura de la Policía Nacional", "Asunción, D.C."),
    ("Général de division", "Direction de la Gendarmerie", "Exempleville, D.F."),
])
def test_a_military_rank_before_the_name_and_a_town_with_its_districts_initials(rank, office, town):
    text = (f"Escriba a:\nDirector Nacional\n{rank} Ramón Ejemplo Rosario\n{office}\nAv. Ejemplo 12\n"
            f"{town}, República Dominicana\nCorreo-e: despacho@ejemplo.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.name, target.organisation) == (rank, "Ramón Ejemplo Rosario", office)
    assert (target.city, target.region) == tuple(town.split(", "))


@pytest.mark.parametrize("highness, office, building", [
    ("Su Majestad el Rey", "Gabinete Real", "Palacio Ejemplo"),
    ("Su Alteza la Jequesa", "Diwan Ejemplo", "Palacio Qasr Ejemplo"),
])
def test_a_highness_an_office_in_its_building_and_a_town_below_the_post_office_district(highness, office, building):
    text = (f"Escriba a:\nEmir del Estado de Ejemplo\n{highness} Hamad Ejemplo Al-Thani\n{office}, {building}\n"
            "Apartado de correos 7, Dasma 35151\nCiudad de Kuwait, Kuwait\nCorreo-e: emir@ejemplo.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.name, target.organisation) == (highness, "Hamad Ejemplo Al-Thani", office)
    assert (target.city, target.postcode, target.country) == ("Ciudad de Kuwait", "35151", "KW")
    assert target.address_lines[:2] == [building, "Apartado de correos 7"]


@pytest.mark.parametrize("sentence", [
    "Envíen llamamientos cuanto antes y no más tarde del 9 de junio de 2021.",
    "Enviad vuestros llamamientos como muy tarde el 9 de junio de 2021.",
])
def test_a_spanish_deadline_written_as_no_later_than(sentence):
    assert parse_ua_text(f"{sentence}\n").deadline.isoformat() == "2021-06-09"


def _side_by_side(rows: list[tuple[str, str]], gutter: int = 50) -> str:
    """Two columns set side by side as a PDF's text gives them; a slightly shifted gutter on one line."""
    return "\n".join((left.ljust(gutter - (index == 2)) + right).rstrip() if left else " " * gutter + right
                     for index, (left, right) in enumerate(rows)) + "\n"


def test_two_columns_between_the_instructions_and_the_letter_with_no_blank_line_around_them():
    text = ("Reza Karimi, a union leader, has been held without charge since 3 March for organising a strike.\n"
            "TAKE ACTION NOW: APPEAL IN YOUR OWN WORDS OR USE THE SAMPLE LETTER BELOW\n"
            + _side_by_side([("Head of the Judiciary", "Minister of Labour"), ("Mr. Omid Farahani", "Ms. Leila Sadr"),
                             ("Palace of Justice, Vali Asr 12", "Ministry of Labour and Social Affairs"),
                             ("Exampleton, Iran", "40 Azadi Street"), ("Email: judiciary@justice-ir.example",
                                                                        "Exampleton, Iran"),
                             ("", "Email: office@labour-ir.example")])
            + "Dear Head of the Judiciary,\nI am writing to ask you to release Reza Karimi at once.\n")
    imported = read(text)
    first, second = imported.targets
    assert (first.title, first.name, first.city, first.emails) == (
        "Head of the Judiciary", "Omid Farahani", "Exampleton", ["judiciary@justice-ir.example"])
    assert (second.title, second.name, second.organisation, second.address_lines, second.emails) == (
        "Minister of Labour", "Leila Sadr", "Ministry of Labour and Social Affairs", ["40 Azadi Street"],
        ["office@labour-ir.example"])


def test_a_left_column_that_runs_on_alone_below_columns_inside_a_paragraph():
    text = ("Marta Kis, a reporter, was detained on 2 May after covering a protest.\nWrite to:\n"
            + _side_by_side([("Governor of the Province", "Chief of Police"), ("Mr. Tomas Brandt", "Ms. Ilse Varga"),
                             ("Government House", "Police Headquarters"), ("7 Castle Street", "9 River Street"),
                             ("Email: governor@prov.example", "Email: police@prov.example"),
                             ("Salutation: Dear Governor", "")], gutter=44)
            + "\nThank you for your support.\n")
    first, second = read(text).targets
    assert (first.name, first.salutation, second.name, second.address_lines) == (
        "Tomas Brandt", "Dear Governor", "Ilse Varga", ["9 River Street"])


def test_interleaved_columns_whose_second_runs_on_after_the_first_ends_in_its_email():
    text = ("Write to:\nHead of the Judiciary\nMinister of Labour\nMr. Omid Farahani\nMs. Leila Sadr\n"
            "Palace of Justice, Vali Asr 12\nMinistry of Labour and Social Affairs\nExampleton, Iran\n"
            "40 Azadi Street\nEmail: judiciary@justice-ir.example\nExampleton, Iran\nEmail: office@labour-ir.example\n")
    first, second = read(text).targets
    assert (first.name, first.address_lines, first.city, first.emails) == (
        "Omid Farahani", ["Palace of Justice, Vali Asr 12"], "Exampleton", ["judiciary@justice-ir.example"])
    assert (second.name, second.organisation, second.address_lines, second.emails) == (
        "Leila Sadr", "Ministry of Labour and Social Affairs", ["40 Azadi Street"], ["office@labour-ir.example"])
    assert first.country == second.country == "IR"


def test_interleaved_columns_where_the_first_column_is_the_longer_one():
    text = ("Please write to:\nChief of Police\nGovernor of the Region\nDr. Ana Petrova\nMr. Ivo Marin\n"
            "Police Headquarters\nRegional Government\n9 River Street\n3 Castle Square\n"
            "Email: chief@police-bg.example\nSofia, Bulgaria\nSofia, Bulgaria\nEmail: governor@region-bg.example\n"
            "Fax: +359 2 555 0101\n")
    first, second = read(text).targets
    assert (first.name, first.address_lines, first.emails) == ("Ana Petrova", ["9 River Street"],
                                                               ["chief@police-bg.example"])
    assert (second.name, second.organisation, second.emails) == (
        "Ivo Marin", "Regional Government", ["governor@region-bg.example"])


@pytest.mark.parametrize("post", ["Military Post 4471", "Field Post 1201"])
def test_a_numbered_post_is_an_address_line_not_a_town_and_postcode(post):
    [target] = read(f"Write to:\nColonel Mara Levin\nCommander, Northern Region\n{post}\nEstonia\n"
                    "Email: north@mil-ee.example\n").targets
    assert (target.address_lines, target.city, target.postcode) == ([post], "", "")


@pytest.mark.parametrize("below", ["       feedback@home.example", "feedback@home.example, desk@home.example"])
def test_lines_of_bare_email_addresses_below_an_email_contact_are_its_further_addresses(below):
    """An email contact whose further addresses stand on the lines below, with no label of their own (as a PDF's
    column wraps them): they are the same official's, not an official of their own."""
    text = ("Write to:\nMinister of Home Affairs\nMr Paul Exemplo\nMinistry of Home Affairs\nJalan Example 4\n"
            f"Bandar Seri Begawan BB3910\nBrunei Darussalam\nEmail: minister@home.example\n{below}\n"
            "Salutation: Dear Minister\n")
    [target] = read(text).targets
    assert target.emails[:2] == ["minister@home.example", "feedback@home.example"]
    assert target.salutation == "Dear Minister"


@pytest.mark.parametrize("office", ["Attorney General's Chambers", "Director General’s Chambers",
                                    "Chief Justice's Chambers"])
def test_an_office_named_after_its_role_in_the_possessive_is_the_organisation(office):
    text = (f"Write to:\nAttorney General\nDatin Siti Exemplo\n{office}\nThe Law Building, Jalan Example\n"
            "Bandar Seri Begawan BA1712\nBrunei Darussalam\nEmail: ag@agc.example\n")
    [target] = read(text).targets
    assert (target.title, target.organisation, target.address_lines) == (
        "Attorney General", office, ["The Law Building, Jalan Example"])


@pytest.mark.parametrize("line, title, honorific, name", [
    ("Ambassador Mrs. Carolina Exemplo Solís", "Ambassador", "Mrs.", "Carolina Exemplo Solís"),
    ("Minister of Foreign Affairs Dr. Peter Exemplo", "Minister of Foreign Affairs", "Dr.", "Peter Exemplo"),
    ("Chargé d'affaires Ms Lena Exemplo", "Chargé d'affaires", "Ms", "Lena Exemplo"),
])
def test_a_role_an_honorific_and_a_name_on_one_line(line, title, honorific, name):
    text = f"And copies to:\n{line}\nEmbassy of Costa Rica\n2114 Example Terrace NW\nWashington, DC 20009\n"
    [copy] = read(f"A TITLE\n\nA summary.\n\n{text}").copies
    assert (copy.title, copy.honorific, copy.name, copy.organisation) == (title, honorific, name,
                                                                          "Embassy of Costa Rica")


@pytest.mark.parametrize("line, title, organisation", [
    ("Ambassador, Embassy of the Republic of Mauritius", "Ambassador", "Embassy of the Republic of Mauritius"),
    ("Ambassadrice, Ambassade de la République de Maurice", "Ambassadrice",
     "Ambassade de la République de Maurice"),
    ("Consul General, Consulate of Mauritius", "Consul General", "Consulate of Mauritius"),
    # Missions by the names each language's table gives them.
    ("High Commissioner, High Commission of the Republic of Mauritius", "High Commissioner",
     "High Commission of the Republic of Mauritius"),
    ("Botschafter, Ständige Vertretung der Republik Mauritius", "Botschafter",
     "Ständige Vertretung der Republik Mauritius"),
    ("Embajadora, Misión Permanente de la República de Mauricio", "Embajadora",
     "Misión Permanente de la República de Mauricio"),
])
def test_a_diplomats_role_then_the_mission_after_a_comma_are_the_title_and_the_organisation(line, title,
                                                                                             organisation):
    """The role of an office stays the title whole ("President, National Human Rights Council"), but a diplomat's
    role is followed by the mission the copy goes to, as its own envelope line would name it."""
    text = f"Copies to:\nHis Excellency Mr Ravi Exemplo\n{line}\n22 Example Lane\nBallsbridge\nDublin 4\n"
    [copy] = read(text).copies
    assert (copy.title, copy.organisation, copy.name) == (title, organisation, "Ravi Exemplo")


@pytest.mark.parametrize("salutation", ["Dear Minister", "Dear Minister,", "Your Excellency"])
def test_a_salutation_alone_right_below_an_officials_contacts_is_that_officials(salutation):
    """'Email: …' / 'Dear Minister' and a blank line: the salutation closes the envelope above it, with no label
    and with or without its comma; it is no official of its own."""
    text = ("Write to:\nHon. Rua Exemplo\nMinister of Fisheries\nPrivate Bag 1234\nWellington 6140\nNew Zealand\n"
            f"Email: r.exemplo@ministers.example\n{salutation}\n\nDirector-General, Ministry for Primary Industries\n"
            "Mr. Tama Exemplo\n25 Example Street\nWellington 6011\nNew Zealand\nEmail: dg@mpi.example\n")
    first, second = read(text).targets
    assert (first.name, first.salutation) == ("Rua Exemplo", salutation.rstrip(","))
    assert (second.name, second.salutation) == ("Tama Exemplo", "")


@pytest.mark.parametrize("heading", ["Contact:", "Contacts:"])
@pytest.mark.parametrize("building", ["Parliament Buildings", "Government Buildings"])
def test_contact_alone_heads_the_officials_and_a_buildings_line_is_the_street(heading, building):
    text = (f"A TITLE\n\nA summary of the case.\n\n{heading}\nHon. Rua Exemplo\nMinister of Justice\n{building}\n"
            "Private Bag 1234\nWellington 6160\nNew Zealand\nEmail: r.exemplo@ministers.example\n")
    imported = read(text)
    [target] = imported.targets
    assert (target.honorific, target.name, target.title) == ("Hon.", "Rua Exemplo", "Minister of Justice")
    assert (target.organisation, target.address_lines) == ("", [building, "Private Bag 1234"])


@pytest.mark.parametrize(("line", "address", "city", "postcode"), [
    ("Wildey, St. Michael BB14006", ["Wildey"], "St. Michael", "BB14006"),
    ("St. George BB19000", [], "St. George", "BB19000"),
    ("Speightstown, St Peter BB26000", ["Speightstown"], "St Peter", "BB26000"),
])
def test_a_town_named_after_a_saint_makes_a_city_line(line, address, city, postcode):
    """'St.' that opens a town's name is a saint's, not the street word that ends 'Roebuck St.'."""
    text = (f"Write to:\nAttorney General\nMs Dana Exemplo\nOffice of the Attorney General\nExample Building\n{line}\n"
            "Barbados\nEmail: ag@oag.example\n")
    [target] = read(text).targets
    assert (target.address_lines, target.city, target.postcode) == (["Example Building", *address], city, postcode)


@pytest.mark.parametrize("letters", ["SC", "K.C.", "MP", "OBE"])
def test_the_letters_after_an_officials_name_are_no_office(letters):
    text = (f"Write to:\nAttorney General\nThe Honourable Dana Exemplo, {letters}\nOffice of the Attorney General\n"
            "Example Building\nBridgetown BB11000\nBarbados\n")
    [target] = read(text).targets
    assert (target.honorific, target.name, target.organisation) == (
        "The Honourable", "Dana Exemplo", "Office of the Attorney General")
    assert target.address_lines == ["Example Building"]


@pytest.mark.parametrize(("town", "island"), [("Praia", "Ilha de Santiago"), ("Mindelo", "Ilha de São Vicente"),
                                              ("Kahului", "Maui Island")])
def test_the_island_below_the_town_is_no_town(town, island):
    """'Praia' / 'Ilha de Santiago': the town is the city, the island it is on stands as a state would."""
    text = (f"Write to:\nMinister of Justice\nMr Jorge Exemplo\nMinistry of Justice\nRua Exemplo 26\nCaixa Postal 205\n"
            f"{town}\n{island}\nCabo Verde\nEmail: minister@mj.example\n")
    [target] = read(text).targets
    assert (target.city, target.region, target.address_lines) == (town, island, ["Rua Exemplo 26", "Caixa Postal 205"])


@pytest.mark.parametrize("contacts", [
    "Anrede: Sehr geehrter Herr Ministerpräsident\nE-Mail: mp@gov.example",
    "Email: pm@gov.example\nPhone: +386 1 478 10 00",
])
def test_contact_lines_that_open_a_paragraph_lead_the_envelope_below_them(contacts):
    text = (f"Write to:\n\n{contacts}\nPRIME MINISTER\nMr Tomo Exemplar\nGregorčičeva ulica 20\n1000 Ljubljana\n"
            "Slovenia\n\nMinister of the Environment\nMs Petra Exemplar\nLangusova ulica 4, 1535 Ljubljana, Slovenia\n"
            "Email: env@gov.example\n")
    targets = read(f"A TITLE\n\nA summary.\n\n{text}").targets
    assert [target.name for target in targets] == ["Tomo Exemplar", "Petra Exemplar"]
    assert targets[0].emails and targets[0].postcode == "1000"


@pytest.mark.parametrize("addressee, country", [
    ("Excmo. Sr. D. Teodoro Exemplar\nPresidente de la República\nGabinete de la Presidencia\nPalacio del Pueblo\n"
     "Malabo\nGuinea Ecuatorial", "GQ"),
    ("Sr. Tomás Exemplar\nFiscal General de la Nación\nAvenida Abancay 491\nLima\nPerú", "PE"),
    # The role above the name, and the city line last with no country after it.
    ("Presidente de la República\nExcmo. Sr. D. Teodoro Exemplar\nPalacio del Pueblo\nMalabo\nGuinea Ecuatorial",
     "GQ"),
    ("Fiscal General de la Nación\nSr. Tomás Exemplar\nAvenida Abancay 491\n15001 Lima", ""),
])
def test_an_envelope_above_a_model_letters_salutation_is_the_letters_target(addressee, country):
    text = ("GUINEA: UN TITULAR\n\nTomás Exemplo fue detenido el 4 de mayo.\n\nEscribid antes del 10 de febrero de "
            f"2027. Podéis usar esta carta modelo:\n\n------\n{addressee}\n\nSeñor Presidente:\n\n"
            "Le pido que ponga en libertad a Tomás Exemplo.\n\nAtentamente,\n")
    [target] = read(text).targets
    assert target.name.endswith("Exemplar") and target.country == country
    assert target.salutation == "Señor Presidente:"


@pytest.mark.parametrize("heading", ["Envía también tu carta a:", "Bitte senden Sie Ihre Appelle an:"])
def test_a_heading_that_asks_to_send_the_letters_introduces_targets(heading):
    text = (f"A TITLE\n\nA summary.\n\n{heading}\nMinistra de Justicia\nSra. Milagrosa Exemplar\n"
            "Calle de Kenia 4\nMalabo, Guinea Ecuatorial\nCorreo-e: gabinete@justicia.example\n")
    imported = read(text)
    assert [target.name for target in imported.targets] == ["Milagrosa Exemplar"]


@pytest.mark.parametrize("step", [
    [("TAKE ACTION:", "Hon. Kalo Exemplar"), ("1) Write a letter in your own words to one", "Prime Minister"),
     ("or both officials listed. You can also email", "Office of the Prime Minister"),
     ("them:", "PMB 9053")],
    [("ACT NOW:", "Prime Minister"), ("Write a letter, in your own words or with the", "Hon. Kalo Exemplar"),
     ("sample below, to the two officials here, by", "Office of the Prime Minister"),
     ("post or by email, as soon as you can.", "PMB 9053")],
])
def test_a_line_a_column_leaves_empty_parts_its_paragraphs(step):
    """The left column's instructions, an empty line, then an envelope, beside an envelope that runs on: the empty
    line ends the instructions, so the envelope below them stands as a paragraph of its own."""
    text = ("Kai Exemplo and Rose Exemplo, community leaders, were charged on 3 May after a peaceful sit-in.\n\n"
            + _side_by_side([*step, ("", "Port Vila, Vanuatu"),
                             ("Commissioner of Police Peter Exemplar", "Email: pm@gov.example"),
                             ("Police Headquarters", "Salutation: Dear Prime Minister"),
                             ("PMB 9012", ""), ("Port Vila, Vanuatu", "2) Tell us what you did."),
                             ("Email: police@gov.example", ""), ("Salutation: Dear Commissioner", "")], gutter=56)
            + "\nDear Prime Minister,\n\nI am writing to ask you to drop the charges.\n\nYours sincerely,\n")
    imported = parse_ua_text(text)
    assert sorted(target.name for target in imported.targets) == ["Kalo Exemplar", "Peter Exemplar"]


@pytest.mark.parametrize("line, honorific, name", [
    ("Frau Mag. Petra Exemplar", "Frau Mag.", "Petra Exemplar"),
    ("Herrn Mag. Dr. Karl Exemplar", "Herrn Mag. Dr.", "Karl Exemplar"),
])
def test_an_austrian_magister_after_the_honorific_is_part_of_it(line, honorific, name):
    text = f"Appelle an:\nMinisterin für Umwelt\n{line}\nLangusova ulica 4\n1535 Ljubljana\nSLOWENIEN\n"
    [target] = read(f"A TITLE\n\nA summary.\n\n{text}").targets
    assert (target.honorific, target.name) == (honorific, name)


@pytest.mark.parametrize("city_line, city, region, postcode", [
    ("City East QLD 4002", "City East", "QLD", "4002"),
    ("Canberra ACT 2600", "Canberra", "ACT", "2600"),
])
def test_an_australian_city_line_gives_the_town_the_state_and_the_postcode(city_line, city, region, postcode):
    text = f"Write to:\nThe Hon. Daniel Exemplar\nPremier of Queensland\nPO Box 15185\n{city_line}\nAustralia\n"
    [target] = read(f"A TITLE\n\nA summary.\n\n{text}").targets
    assert (target.city, target.region, target.postcode, target.country) == (city, region, postcode, "AU")
    assert target.title == "Premier of Queensland"


@pytest.mark.parametrize("line, honorific", [
    ("The Hon. Daniel Exemplar MP", "The Hon."),
    ("Senator the Hon. Daniel Exemplar", "Senator the Hon."),
    ("Hon. Daniel Exemplar, MP", "Hon."),
    ("Daniel Exemplar TD", ""),
])
def test_the_letters_after_a_name_are_no_part_of_it_and_a_senator_is_part_of_the_honorific(line, honorific):
    text = f"Write to:\n{line}\nMinister for Justice\n12 Example Street\nExampletown\nAustralia\n"
    [target] = read(f"A TITLE\n\nA summary.\n\n{text}").targets
    assert (target.honorific, target.name, target.organisation) == (honorific, "Daniel Exemplar", "")


@pytest.mark.parametrize("roles", [("Premier", "Attorney-General"), ("Minister", "Governor")])
def test_a_sentence_among_the_demands_that_quotes_each_officials_salutation_gives_it_to_them(roles):
    first, second = roles
    text = (f"Please send appeals raising the following points:\n\ncalling for the release of Kai Exemplo;\n\n"
            f"urging the authorities to drop the charges.\n\nPlease address your appeals to the {first} beginning "
            f"\"Dear {first}\", and to the {second} beginning \"Dear {second}\".\n\nSend appeals to:\n\n"
            f"Mr Daniel Exemplar\n{first}\nPO Box 15\nExampletown\nAustralia\n\nMs Ruth Exemplar\n{second}\nPO Box 16\n"
            "Exampletown\nAustralia\n")
    imported = read(f"A TITLE\n\nA summary.\n\n{text}")
    assert [target.salutation for target in imported.targets] == [f"Dear {first}", f"Dear {second}"]
    assert len(imported.demands) == 2


@pytest.mark.parametrize("line, title", [
    ("Generalinspektor der Innenverwaltung", "Generalinspektor der Innenverwaltung"),
    ("Inspektorin für Arbeit", "Inspektorin für Arbeit"),
])
def test_a_german_inspector_is_a_role(line, title):
    text = f"Appelle an:\n{line}\nHerrn Nuno Exemplar\nRua Example 5\n1050-159 Lisboa\nPORTUGAL\n"
    [target] = read(f"A TITLE\n\nA summary.\n\n{text}").targets
    assert (target.title, target.name) == (title, "Nuno Exemplar")


def test_a_wrapped_one_line_copy_goes_on_at_a_terrace():
    text = ("Copies to:\nHer Excellency Ms Sarah Exemplar, Ambassador of Australia, Australian Embassy, 7th Floor, "
            "Fitzwilton House,\nWilton Terrace, Dublin 2, D02 YR21. Email: embassy@dfat.example\n")
    [copy] = read(f"A TITLE\n\nA summary.\n\n{text}").copies
    assert (copy.address_lines[-1], copy.city, copy.postcode, copy.emails) == (
        "Wilton Terrace", "Dublin 2", "D02 YR21", ["embassy@dfat.example"])


@pytest.mark.parametrize("sentence", [
    "Letters may be written in English or Estonian. Check with the office if sending\nappeals after the deadline.",
    "You may write in English or Estonian. Ask us first if you are sending\nletters later than that.",
])
def test_a_sentence_below_the_copies_that_wraps_is_read_whole_and_is_no_official(sentence):
    text = ("And copy:\nAmbassador Hendrik Exemplar, Embassy of Estonia\n2131 Massachusetts Avenue NW\n"
            f"Washington, DC 20008\nEmail: embassy@mfa.example\n\n{sentence}\n")
    imported = read(f"A TITLE\n\nA summary.\n\n{text}")
    assert [copy.name for copy in imported.copies] == ["Hendrik Exemplar"]
    assert imported.preferred_languages == ["en", "et"]


@pytest.mark.parametrize("line, title, organisation", [
    ("Ambassador Hendrik Exemplar, Embassy of Estonia", "Ambassador", "Embassy of Estonia"),
    ("Deputy Ambassador Lena Exemplar, Embassy of the Republic of Estonia", "Deputy Ambassador",
     "Embassy of the Republic of Estonia"),
])
def test_a_role_and_a_name_then_the_office_after_a_comma(line, title, organisation):
    text = f"And copy:\n{line}\n2131 Massachusetts Avenue NW\nWashington, DC 20008\n"
    [copy] = read(f"A TITLE\n\nA summary.\n\n{text}").copies
    assert (copy.title, copy.organisation) == (title, organisation)
    assert copy.name.endswith("Exemplar")


@pytest.mark.parametrize("step", [
    "2. Click here to let us know the actions you took on Urgent Action 118.26. Please take action before\n"
    "January 22, 2027.",
    "3) Tell us what you did. Please write before\nJanuary 22, 2027.",
])
def test_a_deadline_wrapped_over_two_lines_after_a_steps_number(step):
    text = f"TAKE ACTION\n1. Write a letter in your own words to the officials listed.\n{step}\n"
    assert read(f"A TITLE\n\nA summary.\n\n{text}").deadline.isoformat() == "2027-01-22"


@pytest.mark.parametrize("office, city_line, postcode", [
    ("Inspeção-Geral da Administração Interna", "1050-159 Lisboa", "1050-159"),
    ("Ministério da Justiça", "4050-122 Porto", "4050-122"),
])
def test_a_portuguese_office_between_the_role_and_the_name_and_a_portuguese_postcode(office, city_line, postcode):
    text = (f"APPELLE AN\n\nGENERALINSPEKTOR DER INNENVERWALTUNG\n{office}\nHerrn Nuno Exemplar\n"
            f"Rua Martens Ferrão, 11\n{city_line}\nPORTUGAL\n")
    [target] = read(f"A TITLE\n\nA summary.\n\n{text}").targets
    assert (target.title, target.organisation) == ("Generalinspektor der Innenverwaltung", office)
    assert (target.postcode, target.city) == (postcode, city_line.split()[-1])


@pytest.mark.parametrize("line, honorific, title", [
    ("Excmo. Sr. Embajador D. Crisantos Exemplar", "Excmo. Sr. D.", "Embajador"),
    ("Excma. Sra. Embajadora Dña. Carmen Exemplar", "Excma. Sra. Dña.", "Embajadora"),
])
def test_a_role_between_the_honorific_and_don_or_dona(line, honorific, title):
    text = (f"Y copia a:\nEmbajada de la República de Guinea Ecuatorial\n{line}\nCalle de Arturo Soria, 201\n"
            "28043 Madrid\n")
    [copy] = read(f"A TITLE\n\nA summary.\n\n{text}").copies
    assert (copy.honorific, copy.title, copy.name.split()[-1]) == (honorific, title, "Exemplar")


@pytest.mark.parametrize("box", ["PMB 9012", "PMB 9053"])
def test_a_private_mail_bag_is_a_street_line_and_not_a_town(box):
    text = f"Write to:\nCommissioner of Police Peter Exemplar\nPolice Headquarters\n{box}\nPort Vila, Vanuatu\n"
    [target] = read(f"A TITLE\n\nA summary.\n\n{text}").targets
    assert (target.address_lines, target.city, target.postcode) == ([box], "Port Vila", "")


@pytest.mark.parametrize("dash", ["—", "–"])
def test_a_dash_between_spaces_parts_a_name_from_its_office_on_one_line(dash):
    text = (f"Please write to:\nAttorney General\nMs Fiamē Exemplar {dash} Office of the Attorney General, Level 6, "
            "Government Building, PO Box 1861, Apia, Samoa\nEmail: ag@ag-samoa.example\n")
    [target] = read(f"A TITLE\n\nA summary.\n\n{text}").targets
    assert (target.name, target.organisation, target.city) == ("Fiamē Exemplar", "Office of the Attorney General",
                                                               "Apia")


@pytest.mark.parametrize("heading", ["Escribe también a:", "Schreiben Sie auch an:", "Please also write to:",
                                     "Envoyez aussi vos lettres à :"])
def test_a_heading_that_asks_to_write_also_introduces_targets(heading):
    text = (f"A TITLE\n\nA summary.\n\n{heading}\nMinistra de Justicia\nSra. Milagrosa Exemplar\n"
            "Calle de Kenia 4\nMalabo, Guinea Ecuatorial\nCorreo-e: gabinete@justicia.example\n")
    assert [target.name for target in read(text).targets] == ["Milagrosa Exemplar"]


@pytest.mark.parametrize("before", ["A summary about Kai Exemplo.\n\n{sentence}\n\n",
                                    "A summary about Kai Exemplo.\n\nADDITIONAL INFORMATION\nSome history.\n\n"
                                    "{sentence}\n\n"])
def test_a_paragraph_above_the_officials_that_quotes_each_officials_salutation_gives_it_to_them(before):
    sentence = ('Please address your appeals to the Premier beginning "Dear Premier", and to the Governor beginning '
                '"Dear Governor".')
    text = (f"A TITLE\n\n{before.format(sentence=sentence)}Send appeals to:\n\nMr Daniel Exemplar\nPremier\n"
            "PO Box 15\nExampletown\nAustralia\n\nMs Ruth Exemplar\nGovernor\nPO Box 16\nExampletown\nAustralia\n")
    imported = read(text)
    assert [target.salutation for target in imported.targets] == ["Dear Premier", "Dear Governor"]
    assert "Dear" not in imported.summary + imported.background


@pytest.mark.parametrize("closing, envelope, title, email", [
    # The letter's own closing, then the envelope with its role above the name.
    ("Yours sincerely,", "Minister of the Interior\nHon. Pita Exemplo\nMinistry of the Interior\nPO Box 12\n"
                         "Apia\nSamoa\nEmail: minister@mia.example",
     "Minister of the Interior", "minister@mia.example"),
    # Two envelopes side by side, as a PDF's two columns read one after the other.
    ("Kind regards,", "Prime Minister                      Chief Justice\n"
                      "Hon. Pita Exemplo                   Ms. Lose Exemplo\n"
                      "Office of the Prime Minister        Supreme Court\n"
                      "PO Box 12                           PO Box 34\n"
                      "Apia                                Apia\n"
                      "Email: pm@pm.example                Email: cj@court.example", "Prime Minister", "pm@pm.example"),
    # The envelope written as a sentence: the role, the name, then the address after commas.
    ("Sincerely,", "Minister of the Interior: Hon. Pita Exemplo, Ministry of the Interior, 12 Example Road,\n"
                   "9490 Vaduz, Liechtenstein. Email: minister@mia.example  Phone: +423 236 60 00",
     "Minister of the Interior", "minister@mia.example"),
])
def test_an_envelope_below_the_model_letters_closing_is_a_target(closing, envelope, title, email):
    """With no "Write to:" above it, an official's envelope set right below a model letter's closing is the one
    the letter goes to, not the letter's signature."""
    text = (f"A TITLE\n\nA summary.\n\nTAKE ACTION: USE THIS MODEL LETTER\n\nDear Minister,\n\n"
            f"Pita Exemplo's ministry detains the activists. I urge you to:\n1. Release them at once;\n"
            f"2. Drop the charges.\n\n{closing}\n\n{envelope}\n")
    target = read(text).targets[0]
    assert (target.title, target.honorific, target.name, target.emails) == (title, "Hon.", "Pita Exemplo", [email])


@pytest.mark.parametrize("envelope", [
    "Minister of Justice: Ms Anna Exemplo, Ministry of Justice, Example Street 7,\n101 Reykjavík, Iceland. "
    "Email: minister@moj.example  Phone: +354 545 9000",
    "Minister of Justice\nMs Anna Exemplo\nMinistry of Justice\nExample Street 7\n101 Reykjavík\nIceland\n"
    "Email: minister@moj.example",
])
def test_an_envelope_below_the_closing_of_a_letter_without_heading_is_a_target(envelope):
    """A model letter run on from the instructions with no heading or blank line, read as the demands it lists:
    the envelope below its closing is still the target, not more demands."""
    text = ("A TITLE\n\nA summary.\n\nTAKE ACTION\nWrite a letter to the Minister of Justice.\n\nDear Minister,\n"
            "I remain concerned. I urge you to:\n1. Cancel the deportation;\n2. Grant the family a permit.\n"
            f"Yours sincerely,\n\n{envelope}\nSalutation: Dear Minister\n")
    imported = read(text)
    [target] = imported.targets
    assert (target.title, target.name, target.emails) == ("Minister of Justice", "Anna Exemplo",
                                                          ["minister@moj.example"])
    assert imported.demands == ["Cancel the deportation", "Grant the family a permit"]


_AFTER_THE_OFFICIALS = ("A TITLE\n\nA summary.\n\nWrite to:\nMinister of Justice\nMs Anna Exemplo\n"
                        "Ministry of Justice\nExample Street 7\n101 Reykjavík\nIceland\nEmail: minister@moj.example\n\n"
                        "And copy:\nEmbassy of Iceland\n2A Example Street\nLondon SW1X 0JE\n\n"
                        "Write in English or Icelandic.\n\n{after}\n")


@pytest.mark.parametrize("after", [
    # Links to other actions below a web page's officials, under a heading and above "Read more".
    "You May Also Be Interested In\nJamaica: Protect Community Defenders in Kingston\n"
    "Trinidad and Tobago: End Death Sentences\nRead more",
    # The same with no heading of the site's own.
    "Belize: Free the Land Rights Defender\nGuyana: Stop Forced Evictions in Georgetown",
    # A newsletter box: its heading and button run together on one line, then the form's field.
    "Stay informed. Sign up for our emails\nEmail address  SUBMIT",
])
def test_lines_that_name_no_one_below_the_officials_are_no_copy(after):
    """A block with no person, role or contact, and no number for a street, a box or a postcode, is text that
    strayed below the officials, not an envelope."""
    imported = read(_AFTER_THE_OFFICIALS.format(after=after))
    assert [copy.organisation for copy in imported.copies] == ["Embassy of Iceland"]


@pytest.mark.parametrize("after", [
    "Porto: Briefe nach Island bis 20 g kosten 1,40 €, E-Mails sind kostenlos.\nDanke für deinen Einsatz!",
    "Affranchissement : 2,10 € pour une lettre vers l'Islande, l'e-mail est gratuit.\nMerci pour votre action !",
])
def test_a_price_with_a_decimal_comma_is_no_one_line_address(after):
    """'1,40 €' keeps its comma between digits: a sentence about postage below the officials is not an envelope
    written on one line."""
    imported = read(_AFTER_THE_OFFICIALS.format(after=after))
    assert [copy.organisation for copy in imported.copies] == ["Embassy of Iceland"]


@pytest.mark.parametrize("line, honorific, name", [
    ("Mgr. Jana Exemplová", "Mgr.", "Jana Exemplová"),
    ("JUDr. Petr Exemplo", "JUDr.", "Petr Exemplo"),
    ("Mag. Anna Exemplo", "Mag.", "Anna Exemplo"),
    ("MUDr. Eva Exemplová", "MUDr.", "Eva Exemplová"),
])
def test_a_central_european_academic_degree_before_the_name_is_its_honorific(line, honorific, name):
    text = (f"Write to:\nMinister for Regional Development\n{line}\nMinistry of Regional Development\n"
            "Example Square 932/6\n110 00 Praha 1\nCzech Republic\nEmail: minister@mmr.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.name, target.organisation) == (honorific, name, "Ministry of Regional Development")


@pytest.mark.parametrize("handover", [
    "and to diplomatic representatives of the Czech Republic accredited to your country:",
    "as well as to the embassy of the Czech Republic in your country:",
])
def test_a_line_that_hands_over_to_the_next_envelope_is_no_part_of_it(handover):
    """The copies' heading carried on after a first copy: the envelope below it is read whole."""
    text = ("Copies to:\nPublic Defender of Rights\nJUDr. Petr Exemplo\nExample Street 39\n602 00 Brno\n"
            f"Czech Republic\n\n{handover}\nEmbassy of the Czech Republic\nHis Excellency Martin Exemplo, Ambassador\n"
            "251 Example Street\nOttawa, Ontario K2P 0G2\nEmail: ottawa@embassy.example\n")
    embassy = read(text).copies[-1]
    assert (embassy.title, embassy.honorific, embassy.name, embassy.organisation) == (
        "Ambassador", "His Excellency", "Martin Exemplo", "Embassy of the Czech Republic")


@pytest.mark.parametrize("lines, city, postcode, country", [
    # A three-digit postcode before its town, above the country's line.
    ("Example Street 7\n101 Reykjavík\nIceland", "Reykjavík", "101", "IS"),
    ("Dalvegur 18\n201 Kópavogur\nIceland", "Kópavogur", "201", "IS"),
    # Malta's postcodes: three letters and four digits after the town.
    ("201, Example Street\nValletta VLT 1433\nMALTA", "Valletta", "VLT 1433", "MT"),
    ("Example Barracks\nĦal Safi SFI 1000\nMalta", "Ħal Safi", "SFI 1000", "MT"),
    # A town named after its saint, and the country followed by its region's initials.
    ("Police Headquarters, Fort George\nSt. George's\nGrenada, W.I.", "St. George's", "", "GD"),
    ("Example Complex, 4th Floor\nSt. John's\nAntigua and Barbuda, W.I.", "St. John's", "", "AG"),
])
def test_town_lines_of_small_states(lines, city, postcode, country):
    text = f"Write to:\nCommissioner of Police\nMr. Ronald Exemplo\nPolice Force\n{lines}\nEmail: cop@police.example\n"
    [target] = read(text).targets
    assert (target.city, target.postcode, target.country) == (city, postcode, country)


@pytest.mark.parametrize("sentence, salutation", [
    ('and address her as "Dear Minister" in your letter.', "Dear Minister"),
    ('Please address him as "Dear Mayor" in your appeals.', "Dear Mayor"),
])
def test_a_salutation_sentence_that_goes_on_after_its_quotes(sentence, salutation):
    text = ("Write to:\nMinister for Regional Development\nMgr. Jana Exemplová\nMinistry of Regional Development\n"
            f"Example Square 6\n110 00 Praha 1\nCzech Republic\nEmail: minister@mmr.example\n{sentence}\n")
    [target] = read(text).targets
    assert target.salutation == salutation


@pytest.mark.parametrize("office", [
    "Ministry for Home Affairs, Security and Employment",
    "Ministère de l'Intérieur, Sécurité et Emploi",
])
def test_an_office_whose_list_goes_on_after_a_comma_stays_whole(office):
    """The office's list of what it is for, its last items joined by "and", is no district after its comma."""
    text = (f"Write to:\nMinister for Home Affairs\nHon. Joseph Exemplo\n{office}\n201, Example Street\n"
            "Valletta VLT 1433\nMALTA\nEmail: minister@mhse.example\n")
    [target] = read(text).targets
    assert (target.organisation, target.address_lines) == (office, ["201, Example Street"])


@pytest.mark.parametrize(("contact", "office"), [
    ("Tel: +677 28614", "Ministry of Police and National Security"),
    ("Email: minister@interior.example", "Ministry of the Interior"),
])
def test_a_contact_between_an_officials_name_and_office_ends_no_envelope(contact, office):
    """'Minister of …' / 'Hon. …' / 'Tel: …' / 'Ministry of …' / 'PO Box …': a contact in the envelope's head,
    before its office and address, is the official's; the office below it goes on with the same envelope."""
    text = ("Write to:\n\nPrime Minister\nHon. Amos Exampleton\nOffice of the Prime Minister\nPO Box G1\nHoniara\n"
            "Solomon Islands\nEmail: pm@opm.example\n\n"
            f"Minister of Police and National Security\nHon. Peter Example-Tonga\n{contact}\n{office}\nPO Box G26\n"
            "Honiara, Solomon Islands\nSalutation: Dear Minister\n")
    targets = read(text).targets
    assert [target.name for target in targets] == ["Amos Exampleton", "Peter Example-Tonga"]
    assert (targets[1].organisation, targets[1].address_lines, targets[1].city) == (office, ["PO Box G26"],
                                                                                    "Honiara")


@pytest.mark.parametrize(("name_line", "role", "office"), [
    ("Commissioner Mostyn Example", "Commissioner of Police", "Royal Example Police Force"),
    ("Mr. Davidson Example", "Inspector General of Police", "National Police Service"),
])
def test_a_role_right_below_the_name_is_the_title_though_it_names_an_office(name_line, role, office):
    text = f"Write to:\n\n{name_line}\n{role}\n{office}\nPolice Headquarters\nPO Box 1602\nHoniara\nSolomon Islands\n"
    [target] = read(text).targets
    assert (target.title, target.organisation) == (role, office)


@pytest.mark.parametrize("note", ["(für den Zivildienst zuständig)", "(responsible for civilian service)"])
def test_a_note_in_parentheses_right_below_the_role_is_no_office(note):
    text = (f"APPELLE AN\n\nARBEITSMINISTER\n{note}\nHerrn\nArto Beispiel\nTyö- ja elinkeinoministeriö\n"
            "Aleksanterinkatu 4\n00170 Helsinki\nFINNLAND\nE-Mail: kirjaamo@tem.example\n")
    [target] = read(text).targets
    assert (target.title, target.name, target.organisation) == ("Arbeitsminister", "Arto Beispiel",
                                                               "Työ- ja elinkeinoministeriö")


@pytest.mark.parametrize("banner", ["PLEASE WRITE IMMEDIATELY", "BITTE SOFORT HANDELN"])
def test_a_banner_right_above_the_sections_footer_ends_the_officials(banner):
    """'KOPIEN AN' / … / a sentence / 'PLEASE WRITE IMMEDIATELY' / 'Amnesty International, Sektion …': the banner
    in capitals above the footer and the footer itself are no further copy."""
    text = ("KOPIEN AN\nBOTSCHAFT DER REPUBLIK FINNLAND\nS. E. Herrn Kai Beispiel\nRauchstraße 1, 10787 Berlin\n"
            "E-Mail: botschaft@fi.example\n\nBitte schreiben Sie Ihre Appelle möglichst sofort.\n\n"
            f"{banner}\nAmnesty International, Sektion der Bundesrepublik Deutschland e. V.\n"
            "Zinnowitzer Straße 8 · 10115 Berlin · Tel.: 030 - 42 02 48-0\n")
    imported = read(text)
    assert [copy.name for copy in imported.copies] == ["Kai Beispiel"]


@pytest.mark.parametrize("rule", ["-" * 60, "=" * 40, "* * *"])
def test_a_rule_right_above_the_sections_footer_ends_the_officials(rule):
    """'Copies to:' / … / a rule of its own / 'Amnesty International Norway | Org. no. …': the rule that sets the
    footer apart and the footer itself are no further copy."""
    text = ("Copies to:\nAmbassador\nMs Liv Exemplar\nEmbassy of Norway\n34 Example Road\nLondon W8 4QP\n"
            "Email: emb@mfa.example\n\nPlease also send copies to the embassy in your country.\n\n"
            f"{rule}\nAmnesty International Norway | Org. no. 000 000 | amnesty.no.example\n"
            "Unsubscribe | Manage your subscription\n")
    imported = read(text)
    assert [copy.name for copy in imported.copies] == ["Liv Exemplar"]


@pytest.mark.parametrize("line", [
    "Attorney General: Hon. Levi Example, Ministry of Justice, Government Headquarters, Kennedy Avenue, Roseau, "
    "Commonwealth of Dominica, Email: ag@example.example, Salutation: Dear Attorney General",
    "Minister of the Interior: Mr. Paul Example, Ministry of the Interior, Government Buildings, Independence "
    "Avenue, Roseau, Dominica, Email: interior@example.example",
])
def test_a_one_line_official_with_no_number_after_its_role_and_a_colon(line):
    """A whole official on one line may give no number at all, ending in its country; the role before a colon
    opens it ("Attorney General: Hon. …")."""
    text = ("Write to:\nPrime Minister Hon. Roosevelt Example, Office of the Prime Minister, 6th Floor, Kennedy "
            f"Avenue, Roseau, Dominica, Email: opm@example.example\n{line}\n")
    targets = read(text).targets
    assert len(targets) == 2
    assert (targets[1].title, targets[1].name, targets[1].city, targets[1].country) == (
        line.partition(":")[0], "Levi Example" if "Levi" in line else "Paul Example", "Roseau", "DM")


@pytest.mark.parametrize(("city_line", "district", "postcode"), [
    ("06659 Kızılay / Ankara", "Kızılay", "06659"),
    ("06644 Çankaya / Ankara", "Çankaya", "06644"),
])
def test_a_quarter_then_the_town_after_a_slash_on_the_city_line(city_line, district, postcode):
    text = (f"Appell an\n\nJUSTIZMINISTER\nHerrn Yılmaz Beispiel\nAdalet Bakanlığı\n{city_line}\nTÜRKEI\n"
            "E-Mail: bakan@adalet.example\n")
    [target] = read(text).targets
    assert (target.city, target.postcode, target.country) == ("Ankara", postcode, "TR")
    assert district in target.address_lines


@pytest.mark.parametrize(("name", "code"), [
    ("République de Corée", "KR"),
    ("República Democrática Popular de Corea", "KP"),
    ("Demokratische Volksrepublik Korea", "KP"),
    ("République islamique d'Iran", "IR"),
    ("Vereinigte Republik Tansania", "TZ"),
])
def test_a_country_by_its_formal_name_in_the_sheet_language(name, code):
    """A formal name whose short name is no country alone ("Corée" is two) or whose state words are elided ("d'Iran")
    is still the country, as each sheet language writes its formal name."""
    assert country_code(name) == code


@pytest.mark.parametrize("intro", ["Names, greetings and addresses of the officials:",
                                   "Salutation and contact details for each official:"])
def test_interleaved_columns_below_a_line_that_hands_over_to_them(intro):
    """A line of its own above two PDF columns interleaved line by line, ending in the colon that hands over to
    them, is no line of either envelope: the columns below it are still two officials."""
    text = ("TAKE ACTION\nWrite a letter before May 2, 2026.\n\n"
            f"{intro}\nHis Excellency Rui Exemplo\nDr. Marta Modelo\nPrime Minister\nMinister of Justice\n"
            "Office of the Prime Minister\nMinistry of Justice\nAvenida Central\nRua das Flores, 9\nCaixa Postal 12\n"
            "Exampleton\nExampleton\nCabo Verde\nCabo Verde\nEmail: justice@mj.cv.example\n"
            "Email: pm@gov.cv.example\nSalutation: Dear Minister\nSalutation: Your Excellency\n")
    first, second = read(text).targets
    assert (first.name, first.title, first.emails) == ("Rui Exemplo", "Prime Minister", ["pm@gov.cv.example"])
    assert (second.name, second.title, second.address_lines, second.emails) == (
        "Marta Modelo", "Minister of Justice", ["Rua das Flores, 9"], ["justice@mj.cv.example"])
    assert first.country == second.country == "CV"


@pytest.mark.parametrize(("town", "post"), [("Vaiaku", "Funafuti 96798"), ("Exampleburg", "Nukufetau Atoll")])
def test_a_one_line_official_cut_after_a_comma_goes_on_with_a_town_no_list_knows(town, post):
    """An official on one line whose line ends in a comma goes on over the next line of its paragraph, from a town no
    list of towns knows, with its contacts as sentences: one official, not a second without a name."""
    text = ("SEND APPEALS TO:\n\nMr. Tevita Example\nPrime Minister\nOffice of the Prime Minister\nP.O. Box 12\n"
            "Capital Town\nTuvalu\nEmail: pm@gov.example\n\n"
            "Ms. Sela Modelo, Minister of Justice, Ministry of Justice, P.O. Box 3022,\n"
            f"{town}, {post}, Tuvalu. Fax: +688 555 2217. Email: justice@gov.example\n")
    first, second = read(text).targets
    assert (second.name, second.country, second.emails, second.fax) == (
        "Sela Modelo", "TV", ["justice@gov.example"], "+688 555 2217")
    assert town in [second.city, *second.address_lines]


@pytest.mark.parametrize(("city_line", "postcode", "city"), [
    ("3511 LV Utrecht", "3511 LV", "Utrecht"),
    ("9712 CP GRONINGEN", "9712 CP", "GRONINGEN"),
])
def test_a_dutch_postcode_of_four_digits_and_two_capitals_before_the_town(city_line, postcode, city):
    text = ("Schreib an:\nHerrn Pieter Voorbeeld\nBurgemeester\nGemeente\nPostbus 16200\n"
            f"{city_line}\nNIEDERLANDE\nE-Mail: burgemeester@gemeente.example\n")
    [target] = read(text).targets
    assert (target.postcode, target.city.casefold(), target.country) == (postcode, city.casefold(), "NL")


@pytest.mark.parametrize(("heading", "and_to"), [("Appell an:", "und an:"), ("Escribe a:", "y a:")])
def test_and_to_alone_above_the_next_envelope_is_no_line_of_it(heading, and_to):
    """'und an:' alone on its line between two envelopes carries the section's heading on: it is neither envelope's
    office."""
    text = (f"{heading}\nMr. Paul Example\nMinister of Justice\nMinistry of Justice\nPO Box 12\n1000 Exampleton\n"
            f"Belgium\nEmail: justice@gov.example\n\n{and_to}\nMs. Anna Model\nDirector General\n"
            "Dienst Terugkeer en Vertrek (DTV)\nPO Box 3208\n2000 Exampleton\nBelgium\nEmail: director@gov.example\n")
    first, second = read(text).targets
    assert (second.name, second.title, second.organisation) == (
        "Anna Model", "Director General", "Dienst Terugkeer en Vertrek (DTV)")


@pytest.mark.parametrize(("heading", "head", "title", "name"), [
    ("Y COPIA A:", "Cónsula honoraria, Sra. Lucía Modelo Ejemplo", "Cónsula honoraria", "Lucía Modelo Ejemplo"),
    ("Kopie an:", "Konsul, Herrn Karl Muster", "Konsul", "Karl Muster"),
])
def test_a_consul_as_spanish_and_german_sheets_write_the_role(heading, head, title, name):
    """'Cónsul', 'Konsul' name a role as 'consul' does: the role, a comma and the honorific and name open the
    envelope."""
    text = (f"{heading}\n{head}\nConsulado de Ejemplo\nCalle Mayor 3\n28010 Madrid\n"
            "Correo-e: consulado@ejemplo.example\n")
    [copy] = read(text).copies
    assert (copy.title, copy.name, copy.organisation) == (title, name, "Consulado de Ejemplo")


@pytest.mark.parametrize(("line", "title", "office"), [
    ("Governor, HMP Example Moor", "Governor", "HMP Example Moor"),
    ("Chief Executive, Probation Service", "Chief Executive", "Probation Service"),
])
def test_below_the_name_a_role_and_its_office_on_one_line(line, title, office):
    """Right below the official's name, a role, a comma and the office it holds: the role is the title, the office
    the organisation."""
    text = (f"Write to:\nMs Jane Example\n{line}\nBrookhurst Lane\nAshford TW15 3NL\nUnited Kingdom\n"
            "Email: office@justice.example\n")
    [target] = read(text).targets
    assert (target.name, target.title, target.organisation) == ("Jane Example", title, office)


@pytest.mark.parametrize(("left_street", "right_title"), [
    ("Palace of Justice, 12 Independence Ave.", "Minister of the Interior"),
    ("117 Liberation Boulevard, Third Floor", "Chief of the National Police Force"),
])
def test_two_columns_whose_right_one_a_long_left_line_or_a_heading_pushes_right(left_street, right_title):
    """Text taken from a PDF keeps two columns apart by spaces, the right one starting at one place on most lines;
    a longer heading starts further right, and a street of the left column running past that place pushes the
    right column's text on its line further on."""
    rows = [(f"{'Attorney General':<44}{right_title}"), (f"{'Mr. Amir Saleh':<36}Ms. Lina Nour"),
            (f"{'Office of the Attorney General':<36}Ministry of the Interior"),
            f"{left_street}   22 Garden Road", f"{'Exampleton 11111':<36}Exampleton 22222",
            f"{'Egypt':<36}Egypt", f"{'Email: ag@ag.example':<36}Email: mi@interior.example"]
    first, second = read("Please write to:\n\n" + "\n".join(rows) + "\n").targets
    assert (first.title, first.name, first.address_lines, first.postcode) == (
        "Attorney General", "Amir Saleh", [left_street], "11111")
    assert (second.title, second.name, second.address_lines, second.postcode, second.emails) == (
        right_title, "Lina Nour", ["22 Garden Road"], "22222", ["mi@interior.example"])


@pytest.mark.parametrize(("title", "line", "name"), [
    ("President of the Republic of Exampleland", "President Omar Example-Nadim", "Omar Example-Nadim"),
    ("Prime Minister of Exampleland", "Prime Minister Sara Beispiel", "Sara Beispiel"),
])
def test_the_role_said_again_before_the_name_under_the_title_is_no_office(title, line, name):
    text = f"Write to:\n{title}\n{line}\nOffice of the Head of Government\n1 Example Road\nExampleton 12345\nEgypt\n"
    [target] = read(text).targets
    assert (target.title, target.name, target.organisation) == (title, name, "Office of the Head of Government")


@pytest.mark.parametrize(("copies", "sentence", "banner", "heading", "salutation"), [
    ("Copies to:\nAmbassador Lena Example\nEmbassy of Exampleland\n12 Garden Road\nLondon W1 2AB\n",
     "Please send your appeals as soon as you can.", "PLEASE ACT WITHOUT DELAY", "SAMPLE LETTER", "Dear Minister,"),
    ("KOPIEN AN\nBOTSCHAFT DER REPUBLIK BEISPIEL\nS. E. Herrn Otto Brandt\nLindenallee 8\n10117 Berlin\n",
     "Bitte schreiben Sie Ihre Appelle möglichst sofort.", "BITTE SOFORT SCHREIBEN", "BRIEFVORSCHLAG",
     "Sehr geehrter Herr Minister,"),
])
def test_a_banner_in_capitals_right_above_the_letters_heading_is_no_copy(copies, sentence, banner, heading,
                                                                           salutation):
    text = (f"{copies}\n{sentence}\n\n{banner}\n{heading}\n\n{salutation}\n\n"
            "I ask you to release him at once.\n\nYours sincerely,\n")
    imported = read(text)
    assert len(imported.copies) == 1 and imported.copies[0].name in ("Lena Example", "Otto Brandt")


@pytest.mark.parametrize("role", ["OBERHAUPT DER JUSTIZ", "STAATSOBERHAUPT"])
def test_a_head_of_an_institution_in_german_capitals_is_the_title(role):
    text = (f"APPELLE AN\n\n{role}\nOmar Beispiel-Nadim\nc/o Botschaft der Republik Beispiel\nLindenallee 8\n"
            "10117 Berlin\nDEUTSCHLAND\n")
    [target] = read(text).targets
    assert (target.title.casefold(), target.name) == (role.casefold(), "Omar Beispiel-Nadim")


@pytest.mark.parametrize(("line", "title", "name", "organisation"), [
    ("Chair, National Electoral Commission: Ms Rana Example, National Electoral Commission, 4 Palm Road, "
     "Exampleton 12345, Egypt", "Chair, National Electoral Commission", "Rana Example",
     "National Electoral Commission"),
    ("Director, Prison Service: Mr Omar Beispiel, Prison Service, 18 Nile Street, Exampleton 54321, Egypt",
     "Director, Prison Service", "Omar Beispiel", "Prison Service"),
])
def test_a_one_line_official_after_a_role_and_its_office_before_a_colon(line, title, name, organisation):
    [target] = read(f"Send appeals to:\n\n{line}\n").targets
    assert (target.title, target.name, target.organisation, target.country) == (title, name, organisation, "EG")


@pytest.mark.parametrize(("address", "country", "code"), [
    ("12 Palm Road, Exampleton 12345, Kingdom of Saudi Arabia;", "Kingdom of Saudi Arabia", "SA"),
    ("4 Nile Street, Exampleton 54321, Arab Republic of Egypt;", "Arab Republic of Egypt", "EG"),
])
def test_a_one_line_address_ending_in_a_semicolon_above_its_contacts(address, country, code):
    text = (f"Send appeals to:\n\nMinister of Justice, Mr Omar Beispiel, Ministry of Justice, {address}\n"
            "Email: minister@justice.example\n")
    [target] = read(text).targets
    assert (target.country, target.emails) == (code, ["minister@justice.example"])
    assert country not in target.address_lines and f"{country};" not in target.address_lines


@pytest.mark.parametrize(("line", "honorific", "name"), [
    ("His Excellency Sheikh Saif bin Example Al-Beispiel", "His Excellency Sheikh", "Saif bin Example Al-Beispiel"),
    ("Her Excellency Shaikha Mariam bint Example Al-Khalifa", "Her Excellency Shaikha",
     "Mariam bint Example Al-Khalifa"),
])
def test_a_sheikh_after_the_excellency_is_part_of_the_honorific(line, honorific, name):
    [target] = read(f"Write to:\nMinister of the Interior\n{line}\nMinistry of the Interior\nPO Box 12\nManama\n"
                    "Bahrain\n").targets
    assert (target.honorific, target.name) == (honorific, name)


@pytest.mark.parametrize(("text", "title", "name"), [
    ("Escribe a:\nPresidente del Tribunal Supremo Popular: Sr. Ernesto Ejemplo Medina, Calle Real 12, "
     "La Habana 10100, Cuba. Correo-e: presidencia@tribunal.example\n",
     "Presidente del Tribunal Supremo Popular", "Ernesto Ejemplo Medina"),
    ("Escribe a:\nPresidente del Tribunal Superior Provincial: Sr. Omar Ejemplo, Calle Real 12, La Habana 10100, "
     "Cuba. Correo-e: pres@tribunal.example\n", "Presidente del Tribunal Superior Provincial", "Omar Ejemplo"),
])
def test_a_role_right_above_an_honorific_and_a_name_is_the_whole_title(text, title, name):
    [target] = read(text).targets
    assert (target.title, target.name) == (title, name)


@pytest.mark.parametrize("paragraph", [
    "Please tell us that you acted, so we can count the letters sent! Just send a short\n"
    "email to tally@section.example with the action's number in the subject line, or use\n"
    "this form: https://section.example/report\n",
    "Thank you for writing. To let us know how many appeals went out, send an\n"
    "e-mail to count@network.example naming the action, or fill out the short form at\n"
    "https://network.example/tell-us\n",
])
def test_a_readers_paragraph_wrapped_before_an_email_label_is_no_official(paragraph):
    """'… send a short' / 'email to …@… with …': the word "email" opening a wrapped line of a sentence, its
    address further on, labels no contact, so the paragraph stays one sentence to the readers."""
    text = ("Write to:\nMinister of Justice Ana Example\nMinistry of Justice\n12 Example Road\nExampleville, Peru\n"
            "Email: minister@justice.example\n\n" + paragraph)
    imported = read(text)
    assert [target.name for target in imported.targets] == ["Ana Example"]
    assert imported.copies == [] and len(imported.targets) == 1
    assert imported.targets[0].emails == ["minister@justice.example"]


@pytest.mark.parametrize(("title", "running"), [
    ("PERU: FARMER HELD WITHOUT CHARGE", "FARMER HELD WITHOUT CHARGE"),
    ("Kenya: Journalist Missing Since Arrest", "Journalist Missing Since Arrest"),
])
def test_the_title_repeated_without_its_country_on_the_next_page_is_no_official(title, running):
    """A PDF's running head on its second page gives the title without the country that led it on the first."""
    text = (f"URGENT ACTION\n{title}\nA farmer was detained at a roadblock on 3 May and has not been seen since.\n\n"
            "Write to:\nMinister of Justice Ana Example\nMinistry of Justice\n12 Example Road\nExampleville, Peru\n"
            "Email: minister@justice.example\n\n"
            "And copy:\nAmbassador Luis Example\nEmbassy of Peru\n1700 Example Avenue NW\nWashington DC 20036\n\n"
            f"URGENT ACTION\n{running}\n")
    imported = read(text)
    assert [target.name for target in imported.targets] == ["Ana Example"]
    assert [copy.name for copy in imported.copies] == ["Luis Example"]


@pytest.mark.parametrize(("second", "city", "postcode", "country"), [
    ("Springfield, IL 62701-0042, USA. Email: warden@prisons.example", "Springfield", "62701-0042", "US"),
    ("Salem, OR 97301-3500. Email: warden@prisons.example", "Salem", "97301-3500", "US"),
])
def test_a_one_line_copy_wrapped_before_its_town_is_one_official(second, city, postcode, country):
    """'Ms …, Director, … Department of Corrections, PO Box 19,' / 'Springfield, IL 62701-0042, USA. Email: …':
    the line below the address, read whole, is its town line, though the town before its first comma is a bare
    word."""
    text = ("Write to:\nGovernor Ana Example\nOffice of the Governor\n1 Capitol Way\nExampleville, IL 62700\nUSA\n\n"
            "Please also send a copy of your appeal to:\n"
            "Ms. Jo Example, Director, Example Department of Corrections, PO Box 19,\n" + second + "\n")
    imported = read(text)
    [copy] = imported.copies
    assert (copy.name, copy.city, copy.postcode, copy.country) == ("Jo Example", city, postcode, country)
    assert copy.emails == ["warden@prisons.example"]


@pytest.mark.parametrize("post", [
    "Tweet: .@Interior_example Where is Ana Beispiel? Taken from her office in Lima on 3 May.\n"
    "Tell her family where she is! #FreeAnaNow\n[Share]\n",
    "Suggested post: .@Prosecutor_example Where are the 14 students held in Cusco since 2 June?\n"
    "#StudentsNotCriminals #FreeThemNow\n",
])
def test_a_post_to_share_below_the_copies_is_no_official(post):
    text = ("Write to:\nMinister of Justice Ana Example\nMinistry of Justice\n12 Example Road\nExampleville, Peru\n"
            "Email: minister@justice.example\n\nAnd copy:\nAmbassador Luis Example\nEmbassy of Peru\n"
            "1700 Example Avenue NW\nWashington DC 20036\n\n" + post)
    imported = read(text)
    assert [copy.name for copy in imported.copies] == ["Luis Example"]
    assert [target.name for target in imported.targets] == ["Ana Example"]


@pytest.mark.parametrize("heading", ["Envíen también copia a la representación diplomática de Perú en España:",
                                     "Envía también una copia a la embajada de Perú en tu país:"])
def test_a_spanish_copies_heading_with_tambien_after_its_verb(heading):
    text = ("Escribe a:\nFiscal de la Nación\nSra. Ana Ejemplo\nMinisterio Público\nAv. Abancay 491\nLima 15001, Perú\n"
            "Correo-e: fiscal@mp.example\n\n" + heading + "\nEmbajador, Sr. Luis Ejemplo\nEmbajada del Perú\n"
            "Calle de Príncipe de Vergara 36\n28001 Madrid\nCorreo-e: embajada@peru-es.example\n")
    imported = read(text)
    assert [target.name for target in imported.targets] == ["Ana Ejemplo"]
    assert [copy.name for copy in imported.copies] == ["Luis Ejemplo"]


@pytest.mark.parametrize(("head", "title", "honorific", "name"), [
    ("Defensor de los Habitantes: Sr. Mario Ejemplo Mora", "Defensor de los Habitantes", "Sr.", "Mario Ejemplo Mora"),
    ("Médiatrice de la République : Mme Claire Exemple", "Médiatrice de la République", "Mme", "Claire Exemple"),
])
def test_a_title_the_role_words_do_not_know_hands_over_to_the_name_with_its_colon(head, title, honorific, name):
    text = ("Escribe a:\nFiscal General\nSr. Luis Ejemplo\nMinisterio Público\nAv. Segunda 12\nSan José 10101\n"
            f"Costa Rica\n\n{head}\nBarrio Luján, Calle 22\nSan José 10104\nCosta Rica\n"
            "Correo-e: despacho@habitantes.example\n")
    targets = read(text).targets
    assert [(target.title, target.honorific, target.name) for target in targets][1] == (title, honorific, name)


@pytest.mark.parametrize(("line", "title", "organisation"), [
    ("And to: Dr Jane Example, Chairperson, Human Rights Commission, 5 Example Street, Accra, Ghana",
     "Chairperson", "Human Rights Commission"),
    ("As well as to: Mr Kofi Example, Commissioner, Police Complaints Authority, PO Box 12, Accra, Ghana",
     "Commissioner", "Police Complaints Authority"),
])
def test_the_words_joining_a_further_official_before_a_colon_carry_the_section_on(line, title, organisation):
    text = ("Write to:\nInspector General of Police\nMr Kwame Example\nPolice Headquarters\n1 Ring Road\nAccra\n"
            "Ghana\nEmail: igp@police.example\n\nCopies to:\nHigh Commissioner\nMs Ama Example\n"
            "High Commission of Ghana\n13 Example Gardens\nLondon W8 4QP\nUnited Kingdom\n\n" + line + "\n")
    imported = read(text)
    copy = imported.copies[-1]
    assert len(imported.copies) == 2
    assert (copy.title, copy.organisation, copy.country) == (title, organisation, "GH")


@pytest.mark.parametrize(("line", "honorific", "name"), [
    ("HE Mr Kofi Adjei Example", "HE Mr", "Kofi Adjei Example"),
    ("HE Dr Ama Serwaa Example", "HE Dr", "Ama Serwaa Example"),
])
def test_his_or_her_excellency_written_he_without_stops(line, honorific, name):
    text = ("Copies to:\nHigh Commissioner\n" + line + "\nHigh Commission of Ghana\n13 Example Gardens\n"
            "London W8 4QP\nUnited Kingdom\n")
    [copy] = read(text).copies
    assert (copy.honorific, copy.name, copy.title) == (honorific, name, "High Commissioner")
    assert HONORIFIC.match("He was detained in Accra") is None


@pytest.mark.parametrize(("heading", "person", "full", "office"), [
    ("INNENMINISTER", "Herrn Jonas Beispiel", "Innenminister der Republik Beispielland", "Innenministerium"),
    ("PRIME MINISTER", "Mr Paul Example", "Prime Minister of the Republic of Exampleland",
     "Office of the Prime Minister"),
])
def test_the_role_a_heading_names_in_short_is_given_in_full_below_the_name(heading, person, full, office):
    text = (f"Write to:\n\n{heading}\n{person}\n{full}\n{office}\n12 Example Road\nExampleville 1000\n"
            "Email: office@example.example\n")
    [target] = read(text).targets
    assert (target.title, target.organisation) == (full, office)


@pytest.mark.parametrize(("line", "office", "street"), [
    ("Fiscalía de la Nación, Av. Abancay 491, piso 3, Lima 15001,", "Fiscalía de la Nación", "Av. Abancay 491, piso 3"),
    ("Ministerio del Interior, Plaza 30 de Agosto 150, San Isidro, Lima 15036,", "Ministerio del Interior",
     "Plaza 30 de Agosto 150, San Isidro"),
])
def test_an_office_with_its_whole_address_run_on_after_the_first_comma(line, office, street):
    text = f"Write to:\nFiscal de la Nación: Sra. Ana Ejemplo\n{line}\nPeru\nEmail: fiscal@mp.example\n"
    [target] = read(text).targets
    assert (target.organisation, target.address_lines) == (office, [street])


@pytest.mark.parametrize(("rank", "role"), [
    ("Senior Lieutenant General", "Minister of Public Security"),
    ("Senior Major General", "Commander of the Border Guard"),
    ("Vice Rear Admiral", "Chief of Naval Staff"),
])
def test_a_rank_of_two_grades_names_the_official_below_a_letters_closing(rank, role):
    """A grade may stand before another ("Senior Lieutenant General"): the envelope set below a model letter's
    closing, its role above the ranked name, is then read as the letter's target."""
    text = ("A TITLE\n\nA summary.\n\nMODEL LETTER\n\nDear Minister,\n\nI call on you to:\n\n"
            "Release Lin Exemplar at once.\n\nYours sincerely,\n\n"
            f"{role}\n{rank} Tran Van Exemplo\nMinistry of Example\n12 Example Street\nHà Nội 11000\nViet Nam\n"
            "Email: office@gov.example\n")
    [target] = parse_ua_text(text).targets
    assert (target.honorific, target.name, target.title) == (rank, "Tran Van Exemplo", role)


@pytest.mark.parametrize("line, city, office", [
    ("Moscow, GSP-3, 125993", "Moscow", "GSP-3"),
    ("Москва, ГСП-4, 107996", "Москва", "ГСП-4"),
])
def test_a_russian_state_bodies_post_office_between_town_and_postcode_is_an_address_line(line, city, office):
    text = ("Write to:\nProsecutor General\nIvan Petrovich Examplev\nProsecutor General's Office\n"
            f"ul. Primernaya, 15a\n{line}\nRussian Federation\nEmail: priemnaya@genproc.example\n")
    [target] = read(text).targets
    assert (target.address_lines, target.city, target.postcode, target.country) == (
        ["ul. Primernaya, 15a", office], city, line[-6:], "RU")


@pytest.mark.parametrize(("left_role", "right_role", "left_person", "right_person", "right_name"), [
    ("Minister of Justice", "Commissioner-General of Police", "Hon. Anna Example", "Commissioner-General Tom Sample",
     "Tom Sample"),
    ("Minister of the Interior", "Inspector General of Police", "Mr. Paul Example",
     "Inspector General Rita Sample", "Rita Sample"),
])
def test_interleaved_columns_whose_second_name_follows_a_rank_without_an_honorific(
        left_role, right_role, left_person, right_person, right_name):
    """A rank or a role before a name ("Commissioner-General Tom Sample") pairs with an honorific and a name in the
    other column: the two columns are two officials, never one."""
    text = (f"CONTACT THESE TWO OFFICIALS:\n{left_role}\n{right_role}\n{left_person}\n{right_person}\n"
            "Government Complex, Block C\nPolice Headquarters\nPrivate Bag 11, Causeway\nPO Box 22, Causeway\n"
            "Harare, Zimbabwe\nHarare, Zimbabwe\nEmail: minister@justice.example\nEmail: police@police.example\n"
            "Salutation: Dear Minister\nSalutation: Dear Sir\n")
    first, second = read(text).targets
    assert (first.title, second.title, second.name) == (left_role, right_role, right_name)
    assert (first.emails, second.emails) == (["minister@justice.example"], ["police@police.example"])
    assert (first.salutation, second.salutation) == ("Dear Minister", "Dear Sir")


@pytest.mark.parametrize(("salutation", "prose"), [
    ("Dear Honourable Minister,", "I am deeply alarmed by the arrest of the teacher Lin Exemplar,"),
    ("Dear Prosecutor General,", "I write to you about the student Ana Sample, held without charge"),
])
def test_a_model_letter_below_the_copies_with_no_heading_is_no_official(salutation, prose):
    """'Dear Honourable Minister,' / 'I am deeply alarmed by …' in a paragraph below the copies: the model letter
    starts at its salutation, never an official of its own."""
    text = ("Write to:\nMinister of Justice\nHon. Anna Example\nMinistry of Justice\n1 Palace Road\n"
            "Harare, Zimbabwe\nEmail: minister@justice.example\n\n"
            "And copy: Ambassador Tom Sample, Embassy of Exampleland, 12 Example Road NW, Washington DC 20008\n\n"
            f"{salutation}\n{prose}\nand by the charge against them...\n")
    imported = parse_ua_text(text)
    assert [copy.name for copy in imported.copies] == ["Tom Sample"]
    assert [target.name for target in imported.targets] == ["Anna Example"]
    assert salutation in imported.recognised


@pytest.mark.parametrize(("text", "salutation", "title"), [
    ("Write to:\nDirector General of Police, Mr. Ali Example, Police Headquarters, 6 Example Road, 16028 Algiers, "
     "Algeria (Dear Director General) Email: police@police.example\n", "Dear Director General",
     "Director General of Police"),
    ("Write to:\nSecretary for Justice (Dear Secretary)\nMr Tom Sample\nDepartment of Justice\n27 Example Path\n"
     "Central, Hong Kong\nEmail: justice@doj.example\n", "Dear Secretary", "Secretary for Justice"),
    ("Appell an\nJustizminister (Sehr geehrter Herr Minister)\nHerrn Jonas Beispiel\nJustizministerium\n"
     "Musterweg 3\n99999 Beispielstadt\n", "Sehr geehrter Herr Minister", "Justizminister"),
])
def test_a_salutation_in_parentheses_without_its_label_is_the_officials(text, salutation, title):
    """'(Dear Director General)' after the address on its line, or after the role: the official's salutation, no
    part of the address or the title."""
    [target] = read(text).targets
    assert (target.salutation, target.title) == (salutation, title)
    assert not any("(" in line for line in target.address_lines)


@pytest.mark.parametrize(("first", "second", "office", "country"), [
    ("Procurador de los Derechos Humanos: Lic. Ana Ejemplo, Procuraduría de los Derechos",
     "Humanos, 12 avenida 12-54, zona 1, Ciudad de Guatemala, 01001, Guatemala.",
     "Procuraduría de los Derechos Humanos", "GT"),
    ("Defensor del Pueblo: Dr. Tomás Muestra, Defensoría del Pueblo de la",
     "República, Calle Ejemplo 45, piso 2, Asunción, Paraguay", "Defensoría del Pueblo de la República", "PY"),
])
def test_a_one_line_official_cut_inside_the_name_of_its_office_goes_on_below(first, second, office, country):
    """The line breaks inside the office's name, before the address's first number: the line below is the rest of
    the same official, down to its country, not a second official."""
    text = f"Escriba a:\n{first}\n{second}\nCorreo-e: despacho@ejemplo.example\n"
    [target] = read(text).targets
    assert (target.organisation, target.country) == (office, country)
    assert target.emails == ["despacho@ejemplo.example"]


@pytest.mark.parametrize(("line", "city", "postcode"), [
    ("Sr. Tomás Muestra, Ministerio de Ejemplo, 12 avenida 12-54, Ciudad de Guatemala, 01001, Guatemala",
     "Ciudad de Guatemala", "01001"),
    ("Sra. Ana Ejemplo, Ministerio de Ejemplo, Calle Ejemplo 12, Madrid, 28002, España", "Madrid", "28002"),
])
def test_a_postcode_of_digits_alone_after_its_town_is_read_with_it(line, city, postcode):
    [target] = read(f"Escriba a:\n{line}\n").targets
    assert (target.city, target.postcode) == (city, postcode)
    assert not any(postcode in each for each in target.address_lines)


@pytest.mark.parametrize(("place", "district", "city", "country"), [
    ("Central, Hong Kong", "Central", "Hong Kong", "HK"),
    ("Wan Chai, Hong Kong.", "Wan Chai", "Hong Kong", "HK"),
    ("Orchard, Singapore", "Orchard", "Singapore", "SG"),
])
def test_a_district_then_a_city_state_after_a_comma(place, district, city, country):
    """'Central, Hong Kong': the city-state after the comma is the city and the country; the district before it
    is a line of the address."""
    text = (f"Write to:\nSecretary for Justice\nMr Tom Sample\nDepartment of Justice\n27 Example Path\n{place}\n"
            "Email: justice@doj.example\n")
    [target] = read(text).targets
    assert (target.city, target.country) == (city, country)
    assert target.address_lines == ["27 Example Path", district]


@pytest.mark.parametrize(("line", "city", "region", "postcode"), [
    ("Consul General Tom Sample, Consulate General of Exampleland, 22 Example Court, Toronto, Ontario M4W 1A4, "
     "Canada", "Toronto", "Ontario", "M4W 1A4"),
    ("Mr Tom Sample, Consulate of Exampleland, 5 Example Street, Vancouver, British Columbia V6B 1A1, Canada",
     "Vancouver", "British Columbia", "V6B 1A1"),
])
def test_a_one_line_address_with_the_town_and_its_province_in_parts_of_their_own(line, city, region, postcode):
    [copy] = read(f"Write to:\nMinister of Justice\nMr Paul Example\nMinistry of Justice\n1 Palace Road\n"
                  f"Exampleton 11111\nEgypt\n\nAnd copies to:\n{line}\n").copies
    assert (copy.city, copy.region, copy.postcode) == (city, region, postcode)
    assert copy.address_lines == [line.split(", ")[2]]


@pytest.mark.parametrize(("first", "second", "street", "city"), [
    ("Prosecutor General of Exampleton, Mr Tom Sample, Office of the Prosecutor, Corner of",
     "Example Street and 15 Sample Avenue, Tehran, Islamic Republic of Iran.",
     "Corner of Example Street and 15 Sample Avenue", "Tehran"),
    ("Minister of Justice, Ms Ana Example, Ministry of Justice, Junction of",
     "Example Road and 4th Sample Lane, Nairobi, Kenya", "Junction of Example Road and 4th Sample Lane", "Nairobi"),
])
def test_a_one_line_official_cut_inside_the_name_of_its_street_goes_on_below(first, second, street, city):
    text = f"Write to:\n{first}\n{second}\n"
    [target] = read(text).targets
    assert (target.address_lines, target.city) == ([street], city)
    assert target.name in ("Tom Sample", "Ana Example")


@pytest.mark.parametrize(("line", "salutation"), [
    ('Salutation: please address him as "Your Excellency" in your letter.', "Your Excellency"),
    ('Salutation: Please address her as "Dear Prosecutor".', "Dear Prosecutor"),
])
def test_a_salutation_label_followed_by_a_sentence_that_quotes_it(line, salutation):
    text = ("Write to:\nHead of the Judiciary\nMr Tom Sample\nOffice of the Judiciary\n1 Example Road\nExampleton\n"
            f"{line}\n")
    [target] = read(text).targets
    assert target.salutation == salutation


@pytest.mark.parametrize(("person", "honorific", "name"), [
    ("Hojjatoleslam Ali Example", "Hojjatoleslam", "Ali Example"),
    ("Ayatollah Reza Sample", "Ayatollah", "Reza Sample"),
    ("Hojatoleslam val-Moslemin Hassan Example", "Hojatoleslam val-Moslemin", "Hassan Example"),
])
def test_a_clerics_title_before_the_name_is_its_honorific(person, honorific, name):
    text = f"Write to:\nHead of the Judiciary\n{person}\nOffice of the Judiciary\n1 Example Road\nTehran\nIran\n"
    [target] = read(text).targets
    assert (target.honorific, target.name, target.title) == (honorific, name, "Head of the Judiciary")


@pytest.mark.parametrize(("line", "title", "office"), [
    ("Monsieur Paul Exemple, Ministre de la Justice, Garde des Sceaux, Ministère de la Justice, Avenue Exemple 12, "
     "BP 4030, Dakar, Sénégal", "Ministre de la Justice, Garde des Sceaux", "Ministère de la Justice"),
    ("Mr Tom Sample, Minister of Justice, Keeper of the Seals, Ministry of Justice, 12 Example Road, Algiers, Algeria",
     "Minister of Justice, Keeper of the Seals", "Ministry of Justice"),
])
def test_a_second_title_after_the_name_and_the_role_goes_on_with_the_role(line, title, office):
    [target] = read(f"Write to:\n{line}\n").targets
    assert (target.title, target.organisation) == (title, office)



@pytest.mark.parametrize("building", ["New Government Complex, Block C", "Federal Government Complex"])
def test_a_government_complex_is_a_building_of_the_address_not_the_office(building):
    """An envelope with no office of its own: the complex the ministry sits in is its building, an address line."""
    text = (f"Write to:\nMinister of Justice\nHon. Anna Example\n{building}\nPrivate Bag 7751, Causeway\n"
            "Harare, Zimbabwe\nEmail: minister@justice.example\n")
    [target] = read(text).targets
    assert target.organisation == ""
    assert ", ".join(target.address_lines).startswith(building)


@pytest.mark.parametrize(("first", "second"), [
    ("Ambassador Tom Sample", "His Excellency Tom Sample"),
    ("His Excellency Mr Tom Sample", "President Tom Sample"),
])
def test_a_rank_and_name_above_the_same_persons_honorific_and_name_stay_one_official(first, second):
    """A rank or role before the name and the same person's honorific and name, then two lines of the office: one
    envelope, not two columns (those take three pairs of lines of a kind when a rank stands for an honorific)."""
    text = (f"Write to:\n{first}\n{second}\nEmbassy of Exampleland\nConsular Section of the Embassy\n"
            "Exampleton 11111\nExampleland\nEmail: embassy@example.example\nSalutation: Dear Ambassador\n")
    [target] = read(text).targets
    assert (target.name, target.emails) == ("Tom Sample", ["embassy@example.example"])


@pytest.mark.parametrize(("city_line", "district", "city"), [
    ("06100 Çankaya/Ankara", "Çankaya", "Ankara"),
    ("35210 Konak/İzmir", "Konak", "İzmir"),
])
def test_a_turkish_district_and_province_after_the_postcode(city_line, district, city):
    """'06659 Kızılay/Ankara': the district, a slash, then the province the country's post knows; the province is
    the town, the district an address line. 'Frankfurt/Main' names no province, and stays whole."""
    text = (f"Appelle an\n\nINNENMINISTER\nHerrn Ali Beispiel\nİçişleri Bakanlığı\nBeispiel Caddesi No: 4\n"
            f"{city_line}\nTÜRKEI\n")
    [target] = read(text).targets
    assert (target.city, target.postcode, target.address_lines) == (
        city, city_line.split()[0], ["Beispiel Caddesi No: 4", district])
    [copy] = read("Kopien an\n\nBotschaft von Beispiel\nMainweg 2\n60311 Frankfurt/Main\n").copies
    assert copy.city == "Frankfurt/Main"


@pytest.mark.parametrize(("city_line", "city", "postcode"), [
    ("Beirut 1107 2020", "Beirut", "1107 2020"),
    ("Tripoli 1300 1101", "Tripoli", "1300 1101"),
])
def test_a_postcode_of_two_groups_of_four_digits_after_the_town(city_line, city, postcode):
    [target] = read(f"Appelle an\n\nHerrn Sami Beispiel\nMinistry of Interior\nExample Street, Hamra\n{city_line}\n"
                    "LIBANON\n").targets
    assert (target.city, target.postcode, target.address_lines) == (city, postcode, ["Example Street, Hamra"])


@pytest.mark.parametrize(("line", "rank", "name"), [
    ("Richterin Mona Beispiel", "Richterin", "Mona Beispiel"),
    ("Richter Karl Exempel", "Richter", "Karl Exempel"),
])
def test_a_german_judges_office_before_the_name_is_the_honorific(line, rank, name):
    [target] = read(f"Appelle an\n\n{line}\nPräsident des Berufungsgerichts\nCourt of Appeal\nExample Street 4\n"
                    "Beirut 1107 2020\nLIBANON\n").targets
    assert (target.honorific, target.name, target.title, target.organisation) == (
        rank, name, "Präsident des Berufungsgerichts", "Court of Appeal")


@pytest.mark.parametrize(("line", "name", "title"), [
    ("Samir Exemplo Haddad, Innenminister", "Samir Exemplo Haddad", "Innenminister"),
    ("Lina Maria Beispiel, Ministerin für Justiz", "Lina Maria Beispiel", "Ministerin für Justiz"),
    ("Jonas Exemplar, Minister of the Interior", "Jonas Exemplar", "Minister of the Interior"),
])
def test_a_name_then_the_role_after_a_comma_without_an_honorific(line, name, title):
    [target] = read(f"Appelle an\n\n{line}\nMinistry of Interior\nExample Street, Hamra\nBeirut 1107 2020\n"
                    "LIBANON\n").targets
    assert (target.name, target.title, target.organisation) == (name, title, "Ministry of Interior")


@pytest.mark.parametrize(("line", "rank", "name"), [
    ("SSP Jonas Exemplar, Commander, Example Police Division, PO Box 12, Kigali, Rwanda.", "SSP", "Jonas Exemplar"),
    ("ACP Mary Exemplo, Regional Commander, Example Police, PO Box 40, Nairobi, Kenya.", "ACP", "Mary Exemplo"),
])
def test_a_police_rank_by_its_initials_before_the_name_is_the_honorific(line, rank, name):
    [target] = read(f"ALSO WRITE TO: {line}\n").targets
    assert (target.honorific, target.name) == (rank, name)


@pytest.mark.parametrize(("line", "salutation"), [
    ("(Dear Honourable Attorney General)", "Dear Honourable Attorney General"),
    ("(Monsieur le Procureur général,)", "Monsieur le Procureur général"),
])
def test_a_salutation_alone_in_parentheses_below_the_envelope(line, salutation):
    text = (f"Write to:\n\nMinister of Justice\nHon. Ada Exemplar\nMinistry of Justice\n1 Example Way\nAbuja 900103\n"
            f"Nigeria\nEmail: minister@justice.example\n{line}\n\nSample letter\n\nDear Minister,\n"
            "Please release her.\nYours sincerely,\n")
    [target] = read(text).targets
    assert target.salutation == salutation


@pytest.mark.parametrize(("line", "title", "name"), [
    ("Commissioner General Abebe Exemplar", "Commissioner General", "Abebe Exemplar"),
    ("Inspector General Tom Exemplo", "Inspector General", "Tom Exemplo"),
])
def test_a_rank_that_names_an_office_is_the_title_when_the_envelope_gives_no_other(line, title, name):
    """'Commissioner General Abdissa …' and nothing else of a role: the rank is the title. With a role line of its
    own above it ('Chief of Regional Police' / 'Inspector General …'), it stays the honorific."""
    [target] = read(f"Write to:\n\n{line}\nFederal Police Commission\nP.O. Box 199\nAddis Ababa\nEthiopia\n").targets
    assert (target.title, target.honorific, target.name) == (title, "", name)
    [target] = read(f"Write to:\n\nChief of Regional Police\n{line}\nRegional Police\nP.O. Box 199\nAddis Ababa\n"
                    "Ethiopia\n").targets
    assert (target.title, target.honorific) == ("Chief of Regional Police", title)


@pytest.mark.parametrize(("city_line", "country", "district", "city", "postcode"), [
    ("Miraflores, Lima 15074", "Perú", "Miraflores", "Lima", "15074"),
    ("Dhurwa, Ranchi 834004", "India", "Dhurwa", "Ranchi", "834004"),
])
def test_a_district_before_the_town_where_the_post_writes_the_postcode_after_the_town(city_line, country, district,
                                                                                     city, postcode):
    """'Cercado de Lima, Lima 15001': in a country whose post writes the postcode right after the town, the name
    before the comma is the district, an address line; where the state stands between them ('Medellín, Antioquia
    050021' in Colombia) it is the town and its state."""
    [target] = read(f"Write to:\n\nMinister of Interior\nMs Ana Exemplo\nMinistry of Interior\nAv. Ejemplo 150\n"
                    f"{city_line}\n{country}\n").targets
    assert (target.city, target.region, target.postcode, target.address_lines) == (
        city, "", postcode, ["Av. Ejemplo 150", district])
    [target] = read("Write to:\n\nMinister of Interior\nMs Ana Exemplo\nMinistry of Interior\nCalle 50 # 10\n"
                    "Medellín, Antioquia 050021\nColombia\n").targets
    assert (target.city, target.region) == ("Medellín", "Antioquia")


@pytest.mark.parametrize(("sentence", "head", "person"), [
    ("Letters may be written in English or Swahili. Please take action before June 3, 2026.",
     "Minister of Example Affairs", "Hon. Jane Akinyi Example"),
    ("PREFERRED LANGUAGE TO ADDRESS TARGET: English", "Chief Justice of Exampleland", "Mr. Peter Kamau Sample"),
])
def test_an_envelope_right_below_a_value_sentence_on_a_page_pasted_without_blank_lines(sentence, head, person):
    """A web page pasted with no blank line between its paragraphs: the envelopes follow right after the sentence
    that gives the languages or the deadline, which stands as a part of its own and so sets them apart."""
    text = ("URGENT ACTION\nExampleland: Student Held\nUrgent Action 12.26\nTAKE ACTION\n"
            "1. Write a letter in your own words to one or both officials listed.\n"
            f"{sentence}\n{head}\n{person}\nMinistry of Example Affairs\nExample House, Example Avenue\n"
            "P.O. Box 1234-00100\nNairobi, Kenya\nEmail: office@example.example\nSalutation: Dear Sir\n"
            "Inspector General of Police\nMr. Samuel Otieno Sample\nNational Police Service\nP.O. Box 4321-00100\n"
            "Nairobi, Kenya\nEmail: ig@example.example\nSalutation: Dear Inspector General\n")
    first, second = parse_ua_text(text).targets
    assert (first.title, f"{first.honorific} {first.name}", first.emails) == (head, person, ["office@example.example"])
    assert (second.title, second.name, second.salutation) == ("Inspector General of Police", "Samuel Otieno Sample",
                                                              "Dear Inspector General")


@pytest.mark.parametrize(("role", "person", "honorific", "name", "office"), [
    ("Defensora del Pueblo", "Licda. Ana Quispe Ejemplo", "Licda.", "Ana Quispe Ejemplo", "Defensoría del Pueblo"),
    ("Défenseur des droits", "M. Paul Exemple", "M.", "Paul Exemple", "Bureau du Défenseur"),
    ("Médiatrice de la République", "Mme Awa Exemple", "Mme", "Awa Exemple", "Médiature de la République"),
])
def test_an_ombudsman_by_its_spanish_or_french_name_is_a_role_above_the_name(role, person, honorific, name, office):
    """'Defensora del Pueblo' above 'Licda. …' names the role, not a person: the line below is the official."""
    text = f"Y copias a:\n\n{role}\n{person}\n{office}\nCalle Colombia 440\nLa Paz, Bolivia\nCorreo-e: d@d.example\n"
    [copy] = read(text).copies
    assert (copy.title, copy.honorific, copy.name, copy.organisation) == (role, honorific, name, office)


@pytest.mark.parametrize(("title", "person"), [
    ("Minister in the Prime Minister's Department (Law and Institutional Reform)", "YB Dato' Sri Azman bin Yusof"),
    ("Minister in the Presidency", "Ms Thandiwe Example"),
    ("Deputy Minister in the President's Office", "Mr John Example"),
])
def test_a_minister_in_an_office_above_the_name_is_the_title(title, person):
    """'Minister in the Presidency': the role joined to the office it sits in by "in" is a role, not the office."""
    text = f"Send appeals to:\n\n{title}\n{person}\nLevel 8, Block F\n62000 Putrajaya\nMalaysia\nEmail: m@gov.example\n"
    [target] = read(text).targets
    assert target.title == title and not target.organisation


@pytest.mark.parametrize(("apposition", "honorific", "name"), [
    ("le Général de brigade Moussa Exemple", "Général de brigade", "Moussa Exemple"),
    ("le colonel Awa Exemple", "colonel", "Awa Exemple"),
    ("M. Paul Exemple", "M.", "Paul Exemple"),
])
def test_an_official_in_apposition_with_its_article_after_the_role_in_a_prose_sentence(apposition, honorific, name):
    """'… au ministre de la Sécurité, le Général de brigade Moussa …, Ministère de …': the article before the person
    named after the role is no part of the name line."""
    text = ("ACTION RECOMMANDÉE\n\nÉcrivez au ministre de la Sécurité et de la Protection civile, "
            f"{apposition}, Ministère de la Sécurité et de la Protection civile, Avenue de la Liberté, BP 2085, "
            "Bamako, Mali (Formule d'appel : Monsieur le Ministre,).\n")
    [target] = read(text).targets
    assert (target.honorific, target.name) == (honorific, name)
    assert target.organisation == "Ministère de la Sécurité et de la Protection civile"


@pytest.mark.parametrize(("heading", "first", "second"), [
    ("Otras acciones urgentes", "Nicaragua: defensora de derechos humanos, desaparecida",
     "Venezuela: sindicalista, en paradero desconocido"),
    ("More urgent actions", "Uganda: former minister held without charge", "Kenya: student leader missing"),
    ("Autres actions urgentes", "Mali : le procureur d'un tribunal menacé", "Niger : un journaliste détenu"),
])
def test_headlines_of_other_actions_below_the_copies_name_no_official_though_a_role_stands_in_them(heading, first,
                                                                                                  second):
    imported = read("Y copia a:\n\nExcmo. Sr. Osvaldo Ejemplo\nEmbajada de Ejemplo\nCalle de Velázquez 311\n"
                    f"28006 Madrid\nCorreo-e: embajada@ejemplo.example\n\n{heading}\n  {first}\n  {second}\n")
    assert [copy.name for copy in imported.copies] == ["Osvaldo Ejemplo"]
    assert first in imported.unplaced


@pytest.mark.parametrize(("lead", "role", "person", "name"), [
    ("und an die ", "Menschenrechtsbeauftragte der Republik Beispiel", "Frau Anna Beispiel", "Anna Beispiel"),
    ("sowie an den ", "Innenminister der Republik Beispiel", "Herrn Jonas Beispiel", "Jonas Beispiel"),
    ("and to the ", "Minister of Justice", "Mr Paul Example", "Paul Example"),
])
def test_the_words_joining_a_further_official_before_its_role_are_no_part_of_the_title(lead, role, person, name):
    """'und an die Menschenrechtsbeauftragte …' / 'Frau …': the words that carry the section on to one more official
    lead its role on the line, with no colon; the role alone is the title."""
    imported = read("Kopien an:\n\nS. E. Herrn Otto Beispiel\nBotschaft von Beispiel\nRingstraße 1\n1010 Wien\n"
                    f"E-Mail: botschaft@beispiel.example\n\n{lead}{role}\n{person}\nMusterweg 8\n010000 Astana\n"
                    "E-Mail: office@beispiel.example\n")
    assert [(copy.title, copy.name) for copy in imported.copies][1] == (role, name)
    assert lead in imported.recognised


@pytest.mark.parametrize(("first_head", "second_head", "office", "role", "street", "camp"), [
    ("Secretary Ana Ruiz Toledo", "Police General Pedro Vega Lluch", "Department of the Interior",
     "Chief, National Police Service", "Interior Building, Plaza Mayor", "Camp Colonel Jose R. Santos"),
    ("Minister Tomas Exemplo Reyes", "Brigadier General Luis Bautista Cruz", "Ministry of Defence",
     "Commander, Coast Guard", "Defence House, Bonifacio Drive", "Fort Andres M. Lacson"),
])
def test_interleaved_columns_named_in_step_though_the_lines_between_fall_out_of_step(
        first_head, second_head, office, role, street, camp):
    """'Secretary …' / 'Police General …' / an office beside a role / a street beside a camp / two town lines, then
    the two columns' contacts one by one: two people named one after the other are two officials, whose lines pair
    off down to their towns however the lines between them differ in kind."""
    text = (f"Contact these two officials by 28 January 2027:\n{first_head}\n{second_head}\n{office}\n{role}\n"
            f"{street}\n{camp}\nErmita, Manila 1000, Philippines\nQuezon City 1111, Philippines\n"
            "Email: first@one-ph.example\nPhone: +63 2 5555 0401\nTwitter: @first_example\n"
            "Email: second@two-ph.example\nSalutation: Dear Secretary:\nSalutation: Dear General:\n")
    first, second = read(text).targets
    assert (first.organisation, first.city, first.postcode, first.emails, first.phone) == (
        office, "Manila", "1000", ["first@one-ph.example"], "")
    assert (second.city, second.postcode, second.emails, second.phone) == (
        "Quezon City", "1111", ["second@two-ph.example"], "+63 2 5555 0401")
    assert first.salutation.startswith("Dear Secretary") and second.salutation.startswith("Dear General")


@pytest.mark.parametrize(("titled", "honoured"), [
    ("Oknha Sok Dara", "H.E. Chea Rithy"),
    ("Lok Chumteav Mean Sophea", "Dr. Keo Vannak"),
])
def test_interleaved_columns_where_one_name_follows_a_title_no_list_knows(titled, honoured):
    """'Prime Minister' / 'Minister of Justice' / 'Samdech …' / 'H.E. …': beside a person after a known honorific,
    a name after a title the lists do not know is the other column's person, and the lines pair off as two
    officials."""
    text = ("CONTACT THESE TWO OFFICIALS BY OCTOBER 14, 2025:\nPrime Minister\nMinister of Justice\n"
            f"{titled}\n{honoured}\nOffice of the Council of Ministers\nMinistry of Justice\n"
            "No. 41 Example Boulevard\nNo. 240 Sample Boulevard\nPhnom Penh 120408\nPhnom Penh 120206\n"
            "Cambodia\nCambodia\nEmail: pm@ocm-kh.example\nEmail: minister@moj-kh.example\n"
            "Salutation: Dear Prime Minister\nSalutation: Dear Minister\n")
    first, second = read(text).targets
    assert (first.title, first.organisation, first.postcode, first.emails) == (
        "Prime Minister", "Office of the Council of Ministers", "120408", ["pm@ocm-kh.example"])
    assert (second.title, second.organisation, second.postcode, second.emails) == (
        "Minister of Justice", "Ministry of Justice", "120206", ["minister@moj-kh.example"])
    assert titled.endswith(first.name)


@pytest.mark.parametrize(("closing", "hand_over"), [
    ("Yours sincerely,\n[Name]", "Contact these two officials by 17 June 2025:"),
    ("Sincerely,\n[Your name]", "Contact these two officials by 3 March 2026:"),
])
def test_officials_right_below_a_closed_letter_with_no_blank_line(closing, hand_over):
    """Text from a PDF may run on with no blank line: a sentence handing over to the officials right below the
    model letter's closing and signature ends the letter, and the envelopes below it are read."""
    text = (f"TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USE THIS MODEL LETTER\nDear Prime Minister,\n"
            f"I am writing to express my concern about the disappearance of a land rights activist.\n{closing}\n"
            f"{hand_over}\nPrime Minister\nMinister of Public Security\nMr. Anan Exemplo\nGeneral Boun Sample\n"
            "Office of the Prime Minister\nMinistry of Public Security\nLane Xang Avenue\nNongbone Road\n"
            "Vientiane, Lao PDR\nVientiane, Lao P.D.R.\nEmail: pm@example.la\nFax: +856 21 555 214\n"
            "Salutation: Dear Prime Minister\nSalutation: Dear Minister\n")
    first, second = read(text).targets
    assert (first.name, first.city, first.country, first.emails) == ("Anan Exemplo", "Vientiane", "LA",
                                                                       ["pm@example.la"])
    assert (second.name, second.city, second.country, second.fax) == ("Boun Sample", "Vientiane", "LA",
                                                                      "+856 21 555 214")


def test_a_state_title_after_the_short_name_written_as_initials():
    """'Lao PDR', 'LAO P.D.R.' for the Lao People's Democratic Republic; a name with a comma or too few words after
    its first gives no initials."""
    assert [country_code(name) for name in ("Lao PDR", "LAO P.D.R.", "Lao P.D.R")] == ["LA"] * 3
    assert country_code("Korea DPR") is None


@pytest.mark.parametrize(("long_email", "town"), [
    ("Email: ambassador@embassyofruritania-dc.example", "Exampleton 120408, Cambodia"),
    ("Email: office.of.the.ambassador@ruritania-dc.example", "Sampleville 2000, Philippines"),
])
def test_columns_side_by_side_where_the_left_fills_its_room_but_for_two_spaces(long_email, town):
    """'Email: ambassador@…example  Phnom Penh 120408, Cambodia': where the left column's text fills its room, two
    spaces are left before the right column, which starts where it does on the other lines: the line is cut there."""
    gutter = len(long_email) + 2
    rows = _side_by_side([("Ambassador Ana Petrova", "President, Human Rights Committee"),
                          ("Embassy of Ruritania", "H.E. Lin Mei"), ("4538 16th Street NW", "Human Rights Committee"),
                          ("Washington, DC 20011", "Building 8, Example Boulevard"),
                          ("Phone: 202 555 7742", "Sangkat 1, Khan Example"), (long_email, town),
                          ("Salutation: Dear Ambassador", "Email: president@hrc.example")], gutter=gutter)
    first, second = read(f"And copies to:\n{rows}").copies
    assert (first.name, first.emails, first.salutation) == ("Ana Petrova", [long_email.split()[1]], "Dear Ambassador")
    assert (second.name, second.postcode, second.emails) == ("Lin Mei", town.split()[1].rstrip(","),
                                                             ["president@hrc.example"])


@pytest.mark.parametrize(("heading", "role", "person"), [
    ("PREFERRED LANGUAGE TO ADDRESS TARGET: Spanish. You can also write in your own language.",
     "Attorney General", "Marisol Andrea Ejemplo Ruiz"),
    ("PREFERRED LANGUAGE TO ADDRESS TARGET: Portuguese", "Minister of Justice", "Carlos Alberto Exemplo Lima"),
])
def test_an_envelope_right_below_a_one_line_heading_in_a_sheet_without_blank_lines(heading, role, person):
    """A sheet pasted with no blank lines at all sets its first envelope right below the languages' line: the
    envelope starts there as it would after a blank line."""
    text = ("URGENT ACTION\nA TITLE OF THE CASE\nA summary of the case in a sentence.\nTAKE ACTION\n"
            f"{heading}\n{role}\n{person}\nOffice of Example\nAv. Example 12\nExampleton 1010\n"
            "Email: office@gov.example\nMODEL LETTER\nDear Sir,\nI urge you to release her.\nYours sincerely,\n")
    [target] = parse_ua_text(text).targets
    assert (target.title, target.name, target.emails) == (role, person, ["office@gov.example"])


@pytest.mark.parametrize(("rank", "name"), [("Adm.", "Rafael Ejemplo Urbina"), ("Vice Adm.", "Tomás Exemplo Rivas")])
def test_an_admirals_rank_cut_short_with_its_dot_is_the_honorific(rank, name):
    text = f"Write to:\nMinister of Defence\n{rank} {name}\nMinistry of Defence\nAv. Example 4\nExampleton\n"
    [target] = read(text).targets
    assert (target.honorific, target.name) == (rank, name)


@pytest.mark.parametrize("street", ["Av. Urdaneta, Esquina de Ejemplo, Edificio Sede",
                                    "Calle Ejemplo, Colonia Centro, Edificio Norte"])
def test_a_street_with_its_building_after_a_comma_stays_one_address_line(street):
    """'Av. …, Esquina de …, Edificio Sede': a street, its corner and its building on one line; the part before the
    building is a street, not an office, so the line is not cut before the building."""
    text = f"Write to:\nAttorney General\nMarisol Ejemplo Ruiz\nOffice of the Attorney General\n{street}\nExampleton\n"
    [target] = read(text).targets
    assert target.address_lines == [street]


@pytest.mark.parametrize("join", ["; and", ";", "; y"])
def test_two_officials_on_one_line_after_a_semicolon_are_two_copies(join):
    """'And copy to: Ms. …, Chargé d'Affaires, Embassy …, 38 Example Road, London W8 5PT, email: …; and Mr. …,
    Ombudsman, …': officials listed whole one after the other on a line are read apart."""
    text = ("Write to:\nMinister of Justice\nMr. Juan Ejemplo\nMinistry of Justice\n1 Example Street\nExampleton\n"
            "Email: minister@gov.example\n"
            "And copy to: Ms. Ana Ejemplo Ruiz, Chargé d'Affaires a.i., Embassy of Example, 38 Example Road, "
            f"London W8 5PT, email: embassy@emb.example{join} Mr. Luis Exemplo Rangel, Ombudsman, Office of the "
            "Ombudsman, Av. Example, Piso 26, Exampleton 1010, Venezuela, email: ombudsman@dp.example\n")
    first, second = read(text).copies
    assert (first.name, first.organisation, first.address_lines, first.city, first.emails) == (
        "Ana Ejemplo Ruiz", "Embassy of Example", ["38 Example Road"], "London", ["embassy@emb.example"])
    assert (second.name, second.title, second.city, second.country, second.emails) == (
        "Luis Exemplo Rangel", "Ombudsman", "Exampleton", "VE", ["ombudsman@dp.example"])


@pytest.mark.parametrize(("role", "honorific"), [("Chairperson", "Mr"), ("Commissioner for Prisons", "Ms")])
def test_an_official_after_a_semicolon_may_open_with_a_role_before_its_own_comma(role, honorific):
    """'…, Exampleton 44000, Example; Chairperson, Mr …, National Commission …, Example Road, Exampleton 44000':
    the role stands before the honorific and the name, each after its own comma; the second is an official too."""
    text = ("Write to:\nMinister of Justice\nMr. Juan Ejemplo\nMinistry of Justice\n1 Example Street\nExampleton\n\n"
            "Copies to:\n\nMinister for Human Rights, Ms Ana Ejemplo Ruiz, Ministry of Human Rights, Example Block, "
            f"Exampleton 44000, Pakistan; {role}, {honorific} Luis Exemplo Rangel, National Commission for Human "
            "Rights, Example Complex, Example Road, Exampleton 44000, Pakistan\n")
    first, second = read(text).copies
    assert first.name == "Ana Ejemplo Ruiz"
    assert (second.title, second.honorific, second.name, second.city) == (
        role, honorific, "Luis Exemplo Rangel", "Exampleton")


@pytest.mark.parametrize("heading", ["You may also send a copy to:", "You can send copies to:"])
def test_a_heading_that_says_the_reader_may_send_copies_starts_the_copies(heading):
    """'You may also send a copy to:' below the additional information: the official after it is a copy, its
    salutation no longer the addressee's above."""
    text = ("Write to:\nPublic Prosecutor\nCounsellor Juan Ejemplo\nOffice of the Public Prosecutor\n"
            "Example Road 1\nExampleton 11841\nEgypt\n\nDear Counsellor,\n\nI urge you to release her.\n\n"
            "Yours sincerely,\n\nADDITIONAL INFORMATION\n\nSome background on the case.\n\n"
            f"{heading}\n\nMr Luis Exemplo Rangel\nAmbassador of Example\nEmbassy of Example\n26 Example Street\n"
            "London W1K 1DW\nSalutation: Your Excellency\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert target.salutation != "Your Excellency"
    assert (copy.name, copy.city, copy.salutation) == ("Luis Exemplo Rangel", "London", "Your Excellency")


@pytest.mark.parametrize(("first", "second"), [
    ("Lieutenant General Ana Ejemplo Ruiz", "Ambassador Luis Exemplo Rangel"),
    ("Major General Ana Ejemplo Ruiz", "Mr. Luis Exemplo Rangel")])
def test_two_columns_one_a_title_longer_than_the_other_are_two_officials(first, second):
    """A PDF's two envelopes side by side, the first with a title the second has none of: the lines fall out of
    step (a role beside an office, a street beside an office) yet the even and odd lines each read as an envelope."""
    text = (f"Write to:\n{first}\n{second}\nMinister of Home Affairs\nEmbassy of Example\n"
            "Ministry of Home Affairs\n2300 Example Street NW\nOffice No. 10\nWashington, DC 20008\n"
            "Exampleton 15011, Myanmar\nPhone: 202 555 0110\nFax: +95 67 555 0111\nFax: 202 555 0112\n"
            "Email: minister@home.example\nEmail: embassy@emb.example\n")
    one, two = read(text).targets
    assert (one.name, one.title, one.organisation, one.country, one.emails) == (
        "Ana Ejemplo Ruiz", "Minister of Home Affairs", "Ministry of Home Affairs", "MM", ["minister@home.example"])
    assert (two.name, two.organisation, two.city, two.emails) == (
        "Luis Exemplo Rangel", "Embassy of Example", "Washington", ["embassy@emb.example"])


@pytest.mark.parametrize("instruction", ["ENVÍEN LLAMAMIENTOS ANTES DEL 21 DE AGOSTO DE 2025 A:",
                                         "Envíen sus llamamientos antes del 3 de febrero de 2026 a:"])
def test_the_officials_follow_a_letters_closing_with_no_blank_line_between(instruction):
    """'Atentamente,' / '[Nombre]' / 'ENVÍEN LLAMAMIENTOS ANTES DEL … A:': below the model letter's closing, a sentence
    that gives the deadline and hands over to the officials ends the letter, blank line or not."""
    text = ("ACCIÓN URGENTE\nUN TÍTULO DEL CASO\nUn resumen del caso.\nCARTA MODELO\nSeñor Fiscal General:\n"
            "Le pido que:\n- ponga en libertad a Ana Ejemplo;\n- retire los cargos.\nAtentamente,\n[Nombre]\n"
            f"{instruction}\nFiscal General de la República\nLic. Óscar Ejemplo Mejía\nFiscalía General\n"
            "Calle Ejemplo 9\nSan Salvador\nEl Salvador\nCorreo-e: fiscal@fgr.example\n"
            "Tratamiento: Señor Fiscal General\n")
    imported = parse_ua_text(text)
    [target] = imported.targets
    assert (target.honorific, target.name, target.emails) == ("Lic.", "Óscar Ejemplo Mejía", ["fiscal@fgr.example"])
    assert imported.deadline is not None


@pytest.mark.parametrize("hand_over", ["please send copies to:", "please write to:"])
def test_an_official_given_whole_after_a_sentence_that_hands_over_to_it(hand_over):
    """'COPIES TO: diplomatic representatives … Example has no' / 'Embassy in Canada; please send copies to: Mr …,
    Counsellor, Permanent Mission …, 231 Example Street, New York, NY 10022, USA. Fax: …': the sentence is the
    readers', the official after its colon is read whole."""
    text = ("APPEALS TO:\nMinister for Law\nMr Ong Exemplar\nMinistry of Law\n100 High Street\nSingapore 179434\n"
            "Email: law@gov.example\n\nCOPIES TO: diplomatic representatives of Example accredited to your country. "
            "Example has no\nEmbassy in Canada; " + hand_over + " Mr Lee Exemplar, Counsellor, Permanent Mission of "
            "Example to the United Nations, 231 Example Street, New York, NY 10022, USA. Fax: (212) 555-0310\n")
    [copy] = read(text).copies
    assert (copy.honorific, copy.name, copy.title, copy.organisation) == (
        "Mr", "Lee Exemplar", "Counsellor", "Permanent Mission of Example to the United Nations")
    assert (copy.address_lines, copy.city, copy.region, copy.country, copy.fax) == (
        ["231 Example Street"], "New York", "NY", "US", "(212) 555-0310")


@pytest.mark.parametrize("rank", ["Counsellor", "Counselor"])
def test_a_diplomats_rank_alone_below_the_name_is_the_title(rank):
    text = f"Copies to:\nMs Ana Exemplar\n{rank}\nEmbassy of Example\n12 Example Road\nLondon W8 5PT\nUnited Kingdom\n"
    [copy] = read(text).copies
    assert (copy.name, copy.title, copy.organisation) == ("Ana Exemplar", rank, "Embassy of Example")


@pytest.mark.parametrize("join", ["und an", "and to"])
def test_and_to_alone_on_its_line_without_a_colon_carries_the_section_on(join):
    text = ("Appell an\nINNENMINISTER\nS. E. Fahad Beispiel\nMinistry of Interior\nP.O. Box 11\nSafat 13001\nKUWAIT\n"
            f"E-Mail: minister@moi.example\n{join}\nGeneralstaatsanwalt\nCounsellor Yousef Beispiel\n"
            "Public Prosecution\nBlock 2, Example Street\nQibla 15300\nKUWAIT\nE-Mail: pp@pp.example\n")
    first, second = read(text).targets
    assert (second.title, second.honorific, second.name, second.organisation) == (
        "Generalstaatsanwalt", "Counsellor", "Yousef Beispiel", "Public Prosecution")


_ALGERIA_OPENING = ("URGENT ACTION\nUA-90/2025\n\nALGERIEN\nLehrer in Haft\n\nKarim Ouali wurde am 2. Mai 2025 in Oran "
                    "festgenommen.\n\n")
_ALGERIA_MINISTER = ("JUSTIZMINISTER\nHerrn Samir Haddad\nMinistère de la Justice\n8 Place Exemple\n16030 Alger\n"
                     "ALGERIEN\nTelefax: (00 213) 21 00 00 01\n")


@pytest.mark.parametrize("heading", ["WOHIN SIE SCHREIBEN", "Wohin schreiben?", "Wohin Sie schreiben können"])
def test_where_to_write_in_german_heads_the_officials(heading):
    [target] = parse_ua_text(f"{_ALGERIA_OPENING}{heading}\n{_ALGERIA_MINISTER}").targets
    assert (target.title, target.honorific, target.name, target.organisation) == (
        "Justizminister", "Herrn", "Samir Haddad", "Ministère de la Justice")


@pytest.mark.parametrize("line", ["Telegramm: Justizminister, Alger, Algerien",
                                  "Télégramme : Ministre de la Justice, Alger"])
def test_a_telegrams_address_is_no_official_of_its_own(line):
    imported = parse_ua_text(f"{_ALGERIA_OPENING}Appelle an\n{_ALGERIA_MINISTER}{line}\n"
                             "(Anrede: Monsieur le Ministre / Sehr geehrter Herr Minister)\n")
    [target] = imported.targets
    assert target.salutation == "Monsieur le Ministre / Sehr geehrter Herr Minister" and line in imported.unplaced


@pytest.mark.parametrize("role,title,office", [
    ("LEITER DER STRAFKOLONIE NR. 9", "Leiter der Strafkolonie Nr. 9", "Strafkolonie Nr. 9"),
    ("Direktor des Untersuchungsgefängnisses Nr. 1", "Direktor des Untersuchungsgefängnisses Nr. 1",
     "Untersuchungsgefängnis Nr. 1"),
])
def test_a_role_and_an_office_ending_in_the_institutions_number_head_the_envelope(role, title, office):
    [target] = parse_ua_text(f"URGENT ACTION\nBELARUS: TITEL\n\nText.\n\nAppelle an\n{role}\nHerrn Ihar Sidarenka\n"
                             f"{office}\nul. Sawodskaja 1\n213410 Horki\nBELARUS\n").targets
    assert (target.title, target.honorific, target.name, target.organisation, target.address_lines) == (
        title, "Herrn", "Ihar Sidarenka", office, ["ul. Sawodskaja 1"])


@pytest.mark.parametrize(("left", "right"), [
    (("Minister of the Interior", "Hon. Ana Ejemplo Ruiz", "Ministry of the Interior", "PO Box 4410",
      "Exampleton, Kenya"), ("Inspector General of Police", "Mr. Luis Exemplo Rangel", "National Police Service",
                            "PO Box 3021", "Exampleton, Kenya")),
    (("Prime Minister", "Dr. Marta Ejemplo Sosa", "Office of the Prime Minister", "12 Example Road",
      "Exampleton, Ghana"), ("Attorney General", "Ms. Irene Exemplo Vidal", "Office of the Attorney General",
                            "3 Sample Street", "Exampleton, Ghana"))])
def test_two_envelopes_side_by_side_right_below_the_steps_are_both_targets(left, right):
    """'3) Let us know you took action: …' / 'Minister of …     Inspector General …' / …: two envelopes set side by
    side straight below the numbered steps, no blank line between: the left one starts the targets as surely as
    the right one."""
    rows = [*zip(left, right, strict=True), ("Email: one@first.example", "Email: two@second.example"),
            ("Salutation: Dear Minister", "Salutation: Dear Sir or Madam")]
    columns = "\n".join(f"{one:<50}{two}" for one, two in rows)
    text = ("TAKE ACTION:\n1) Write a letter in your own words.\n2) Send it to the officials listed.\n"
            f"3) Let us know you took action: www.example.example/report\n{columns}\n")
    one, two = read(text).targets
    assert (one.title, one.emails, one.salutation) == (left[0], ["one@first.example"], "Dear Minister")
    assert (two.title, two.emails) == (right[0], ["two@second.example"])


@pytest.mark.parametrize(("name", "surname"), [("Abdullah Sultan Al Hammadi", "Hammadi"),
                                               ("Saeed Emir Al Ketbi", "Ketbi")])
def test_a_rank_inside_a_name_is_the_fathers_given_name(name, surname):
    """'His Excellency Abdullah Sultan Al Hammadi': a rank that is a given name too, between the given name and the
    surname, is part of the name, not the official's role; the envelope it heads starts the targets unheaded."""
    [target] = read("TAKE ACTION\nWrite a letter in your own words to the official below.\n\n"
                    f"Minister of Justice\nHis Excellency {name}\nMinistry of Justice\nPO Box 260\n"
                    "Exampleton, United Arab Emirates\nEmail: moj@moj.example\n").targets
    assert (target.honorific, target.name, target.title) == ("His Excellency", name, "Minister of Justice")
    assert target.name.endswith(surname)


@pytest.mark.parametrize("closing", ["Yours sincerely,", "Sincerely,\n[Your name]"])
def test_two_columns_right_below_the_letters_closing_with_no_blank_line_are_two_targets(closing):
    """A PDF's text with no blank line anywhere: the letter's closing, then two envelopes interleaved line by line,
    the left column's fax and salutation last ("Salutation: Dear Chairman" / "Salutation: Dear Prosecutor …")."""
    text = ("URGENT ACTION\nA CASE TITLE\nUA: 12/25 Index: EUR 00/0000/2025 Date: April 2, 2025\n"
            "TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USE THIS MODEL LETTER\nDear Prosecutor General,\n"
            "I call on you to:\n- release Ana Ejemplo immediately;\n- drop the charges against her.\n"
            f"{closing}\nProsecutor General\nChairman of the Example Committee\nIvan Petrovich Ejemplov\n"
            "Pyotr Ivanovich Samplov\nOffice of the Prosecutor General\nExample Committee of the Republic\n"
            "ul. Primernaya, 15a\nObraztsovy per., 2\nExampleton 125993\nExampleton 105005\nRussian Federation\n"
            "Russian Federation\nEmail: pg@pg.example\nEmail: ec@ec.example\nFax: +7 495 555 0101\n"
            "Salutation: Dear Chairman\nSalutation: Dear Prosecutor General\n")
    one, two = parse_ua_text(text).targets
    assert (one.name, one.postcode, one.fax, one.salutation) == (
        "Ivan Petrovich Ejemplov", "125993", "+7 495 555 0101", "Dear Prosecutor General")
    assert (two.name, two.city, two.postcode, two.country, two.salutation) == (
        "Pyotr Ivanovich Samplov", "Exampleton", "105005", "RU", "Dear Chairman")


@pytest.mark.parametrize("letterhead", [
    "Amnesty International USA | 5 Example Street, 7th Floor | New York, NY 10001 | ua@aiusa.example",
    "Amnesty International USA, 5 Example Street, New York, NY 10001"])
def test_the_sections_letterhead_right_above_the_page_number_is_the_pages_footer(letterhead):
    """'Amnesty International USA | … | New York, NY …' / 'Page 1 of 2' / the page header again: the letterhead on
    the line above the page's number is left out with it, never read into the official above it."""
    text = ("URGENT ACTION\nA CASE TITLE\nWrite to:\nMinister of Justice\nMr. Ivan Ejemplov\nMinistry of Justice\n"
            "ul. Primernaya, 15a\nExampleton 125993\nRussian Federation\nEmail: mj@mj.example\n"
            f"{letterhead}\nPage 1 of 2\nURGENT ACTION\nA CASE TITLE\nADDITIONAL INFORMATION\n"
            "Ana Ejemplo was arrested in March.\n")
    imported = parse_ua_text(text)
    [target] = imported.targets
    assert (target.city, target.postcode, target.country, target.address_lines) == (
        "Exampleton", "125993", "RU", ["ul. Primernaya, 15a"])
    assert letterhead in imported.recognised and letterhead not in imported.unplaced


@pytest.mark.parametrize(("title", "name"), [
    ("Director of the Federal Penitentiary Service", "Arkady Semyonovich Tolmachev"),
    ("Chairman of the Investigative Committee", "Ana María Ejemplo Ruiz")])
def test_a_role_of_an_office_then_a_name_of_three_words_or_more(title, name):
    """'Director of the Federal Penitentiary Service Arkady Semyonovich Tolmachev, ul. …': the office's name ends in
    a word of an office; every word after it is the person's name, a patronymic or a second surname included."""
    [target] = read(f"Write to:\n{title} {name}, ul. Zhitnaya, 14, Exampleton 119049, Russian Federation, "
                    "Email: fsin@fsin.example, Salutation: Dear Director\n").targets
    assert (target.title, target.name) == (title, name)


@pytest.mark.parametrize(("headings", "left", "right"), [
    ("WRITE TO:\nAND COPY:",
     ["Minister of the Interior", "Ms. Rania Exemplova", "Ministry of the Interior", "12 Harbour Road",
      "Example Town 20110", "Republic of Examplia", "Email: minister@interior-ex.example",
      "Salutation: Dear Minister"],
     ["Ambassador Tomas Samplemann", "Embassy of Examplia", "400 Sample Avenue NW", "Washington, DC 20008",
      "Email: embassy@examplia.example", "Salutation: Dear Ambassador"]),
    ("PLEASE WRITE TO:\nSEND A COPY TO:",
     ["Attorney General", "Mr. Karim Sampleson", "Office of the Attorney General", "5 Court Lane",
      "Sample City 10101", "Examplia", "Phone: +999 555 0100", "Email: ag@justice-ex.example",
      "Salutation: Dear Attorney General"],
     ["Mrs. Lena Exampleton", "Permanent Mission of Examplia to the United Nations", "820 Second Avenue",
      "New York, NY 10017", "Email: mission@examplia.example", "Salutation: Dear Ambassador"]),
])
def test_columns_interleaved_under_their_two_headings_stacked_one_above_the_other(headings, left, right):
    """'WRITE TO:' / 'AND COPY:' / then the lines of both columns in turn: a PDF's two columns taken line by line,
    their headings too. The first column is the target, the second the copy, though it is the shorter one, so
    the longer column's last lines follow one another."""
    lines = [line for pair in zip(left, right, strict=False) for line in pair] + left[len(right):]
    imported = read(f"{headings}\n" + "\n".join(lines) + "\n")
    [target], [copy] = imported.targets, imported.copies
    assert target.name in left[1] and target.title == left[0] and target.emails == [left[-2].split(": ")[1]]
    assert target.salutation == left[-1].split(": ")[1] and target.organisation == left[2]
    assert copy.name in right[0] and copy.organisation == right[1] and copy.salutation == right[-1].split(": ")[1]
    assert copy.emails == [right[-2].split(": ")[1]] and copy.city in ("Washington", "New York")


@pytest.mark.parametrize("contact", [
    "Kontakt: Urgent Action Team, Amnesty International Beispielland, Mustergasse 4, 1010 Wien, ua@ai-bsp.example",
    "Contact: Amnesty International Examplia, Network Office, 7 Sample Row, Exampleton, network@ai-ex.example",
])
def test_the_sections_own_contact_below_the_copies_is_no_official(contact):
    """A line for the readers below the copies, whose label or team's name leads the section's own name: the
    sending section, never an official, however much it looks like a one-line address."""
    text = ("Sende eine Kopie an:\nBOTSCHAFT DER REPUBLIK BEISPIEL\nS. E. Herrn Otto BRANDT\nLindenallee 8\n"
            "10117 Berlin\nE-Mail: botschaft@beispiel.example\n\n"
            "Bitte schreib bis 14.10.2026. Appelle, die später eintreffen, können trotzdem noch helfen.\n\n"
            f"{contact}\n")
    [copy] = read(text).copies
    assert copy.name == "Otto Brandt"


@pytest.mark.parametrize(("heading", "person", "role", "office"), [
    ("INNENMINISTERIN", "Hon. Mercy Exampla Banda", "Minister of Home Affairs", "Ministry of Home Affairs"),
    ("POLIZEICHEF", "Mr. Tiyamike Sample Phiri", "Inspector General of Police", "Examplia Police Service Headquarters"),
])
def test_a_role_heading_in_capitals_above_an_envelope_that_gives_the_role_in_full(heading, person, role, office):
    """'POLIZEICHEF' / 'Mr. …' / 'Inspector General of Police' / 'Examplia Police Service Headquarters': a heading in
    the sheet's language above an envelope written in the official's own: the role below the name is the title and
    the office below it the office, not the heading."""
    text = (f"Schreib an:\n\n{heading}\n{person}\n{role}\n{office}\nPrivate Bag 301\nCapital Hill\nExampleton\n"
            "MALAWI\nE-Mail: office@example-mw.example\nAnrede: Dear Sir\n")
    [target] = read(text).targets
    assert (target.title, target.organisation, target.address_lines) == (role, office, ["Private Bag 301",
                                                                                       "Capital Hill"])
    assert person.endswith(target.name)


@pytest.mark.parametrize(("town", "country", "code"), [
    ("Lilongwe 3", "MALAWI", "MW"),
    ("Kingston 10", "Jamaica", "JM"),
])
def test_a_town_and_its_delivery_zone_where_the_post_has_no_postcodes(town, country, code):
    """'Lilongwe 3' / 'MALAWI': in a country whose post gives no postcodes, the number after the town names its
    delivery zone, and the town keeps it; it is no street line."""
    text = (f"Write to:\nMinister of Home Affairs\nHon. Mercy Exampla\nMinistry of Home Affairs\nPrivate Bag 301\n"
            f"{town}\n{country}\nEmail: office@example-home.example\n")
    [target] = read(text).targets
    assert (target.city, target.postcode, target.country, target.address_lines) == (town, "", code,
                                                                                   ["Private Bag 301"])


@pytest.mark.parametrize(("request_line", "first_line", "honorific", "title", "name"), [
    ("ÉCRIVEZ À :", "Monsieur le Ministre Jean Exemple", "Monsieur", "Ministre", "Jean Exemple"),
    ("ÉCRIVEZ À :", "Monsieur le Ministre de la Justice, Jean Exemple", "Monsieur", "Ministre de la Justice",
     "Jean Exemple"),
    ("Écrivez au ministre de la Justice.", "Monsieur le Ministre de la Justice, Jean Exemple", "Monsieur",
     "Ministre de la Justice", "Jean Exemple"),
    ("Écrivez à la procureure générale.", "Madame la Procureure générale Awa Exemple", "Madame",
     "Procureure générale", "Awa Exemple"),
    ("Écrivez au président de la République.", "Son Excellence Monsieur le Président de la République, Faure Exemple",
     "Son Excellence Monsieur", "Président de la République", "Faure Exemple"),
])
def test_a_french_envelope_opening_with_the_honorific_the_role_after_its_article_then_the_name(
        request_line, first_line, honorific, title, name):
    """'Monsieur le Ministre de la Justice, Jean …', 'Madame la Procureure générale Awa …': the honorific, the role
    after its article (and its comma, or not), then the person's name, under a heading or a request to write."""
    text = (f"UA 77/27\n\nTogo. Un journaliste détenu au secret\n\n{request_line}\n\n{first_line}\n"
            "Ministère de la Justice\nBP 1234\nLomé, Togo\nCourriel : cabinet@justice.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.title, target.name) == (honorific, title, name)
    assert (target.organisation, target.address_lines, target.city, target.country) == (
        "Ministère de la Justice", ["BP 1234"], "Lomé", "TG")
    assert target.emails == ["cabinet@justice.example"]


@pytest.mark.parametrize("request_line", ["ÉCRIVEZ À :", "Écrivez au ministre de la Justice."])
@pytest.mark.parametrize("first_line", ["Monsieur le Ministre de la Justice", "Madame la Ministre de la Justice"])
def test_a_french_envelope_to_the_role_alone_after_the_honorific_and_its_article(request_line, first_line):
    """'Monsieur le Ministre de la Justice' with no name, under a heading or a request to write: the honorific, and
    the role is the title."""
    text = (f"UA 77/27\n\nTogo. Un journaliste détenu au secret\n\n{request_line}\n\n{first_line}\n"
            "Ministère de la Justice\nBP 1234\nLomé, Togo\nCourriel : cabinet@justice.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.title, target.name) == (first_line.split()[0], "Ministre de la Justice", "")
    assert (target.organisation, target.city) == ("Ministère de la Justice", "Lomé")


def test_a_letter_opening_with_the_honorific_and_the_role_is_no_envelope():
    """'Monsieur le Ministre,' ends in the comma of a salutation: the paragraph it opens is the letter."""
    text = ("UA 77/27\n\nTogo. Un journaliste détenu au secret\n\nÉcrivez au ministre de la Justice.\n\n"
            "Monsieur le Ministre,\nJe vous prie de libérer le journaliste, joignable par courriel : a@b.example\n")
    assert parse_ua_text(text).targets == []


@pytest.mark.parametrize(("request_line", "first_line", "honorific", "title", "name"), [
    ("ESCRIBAN A:", "Señor Ministro de Justicia Juan Ejemplo", "Señor", "Ministro de Justicia", "Juan Ejemplo"),
    ("Escriban al ministro de Justicia.", "Señor Ministro de Justicia Juan Ejemplo", "Señor", "Ministro de Justicia",
     "Juan Ejemplo"),
    ("Escriban a la ministra del Interior.", "Sra. Ministra del Interior Ana Ejemplo", "Sra.", "Ministra del Interior",
     "Ana Ejemplo"),
    ("ESCRIBAN A:", "Sr. Ministro del Interior, Juan Ejemplo", "Sr.", "Ministro del Interior", "Juan Ejemplo"),
    ("Escriban a la fiscal general.", "Señora Fiscal General de la Nación, Ana Ejemplo", "Señora",
     "Fiscal General de la Nación", "Ana Ejemplo"),
])
def test_a_spanish_envelope_opening_with_the_honorific_the_role_of_an_office_then_the_name(
        request_line, first_line, honorific, title, name):
    """'Señor Ministro de Justicia Juan …', 'Sr. Ministro del Interior, Juan …': the honorific, the role of an
    office, then the person's name, after a comma or not; the office's name and its particle ("de Justicia
    Juan …") are no name, nor is the role before the comma."""
    text = (f"AU 77/27\n\nTogo. Periodista detenido en régimen de incomunicación\n\n{request_line}\n\n{first_line}\n"
            "Ministerio de Justicia\nApartado 1234\nLomé, Togo\nCorreo-e: despacho@justicia.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.title, target.name) == (honorific, title, name)
    assert (target.organisation, target.address_lines, target.city) == ("Ministerio de Justicia", ["Apartado 1234"],
                                                                        "Lomé")


@pytest.mark.parametrize(("first_line", "honorific", "title", "name"), [
    ("Monsieur le Préfet de la Région Maritime, Jean Exemple", "Monsieur", "Préfet de la Région Maritime",
     "Jean Exemple"),
    ("Madame la Maire de Lomé, Awa Exemple", "Madame", "Maire de Lomé", "Awa Exemple"),
    ("Sra. Jueza de Instrucción Ana Ejemplo", "Sra.", "Jueza de Instrucción", "Ana Ejemplo"),
    ("Señor Viceministro de Justicia Juan Ejemplo", "Señor", "Viceministro de Justicia", "Juan Ejemplo"),
    ("Sr. Jefe de la Policía Nacional, Juan Ejemplo", "Sr.", "Jefe de la Policía Nacional", "Juan Ejemplo"),
])
def test_french_and_spanish_roles_of_prefects_mayors_judges_chiefs_and_deputies_head_the_envelope(
        first_line, honorific, title, name):
    """'Préfet', 'Maire', 'Jueza', 'Jefe', and a deputy's role in one word ('Viceministro'): roles as much as
    'Ministre' or 'Fiscal', between the honorific and the name, under a request to write."""
    text = (f"UA 77/27\n\nTogo. Un journaliste détenu au secret\n\nÉcrivez au ministre de la Justice.\n\n{first_line}\n"
            "Ministère de la Justice\nBP 1234\nLomé, Togo\nCourriel : cabinet@justice.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.title, target.name) == (honorific, title, name)


@pytest.mark.parametrize(("honorific", "name"), [
    ("Lyonpo", "Karma Example"), ("Dasho", "Tshering Example"), ("Lyonchhen", "Dorji Example"),
    ("Aum", "Pema Example"), ("Alhaji", "Musa Example"), ("Hajia", "Fatima Example"),
])
def test_bhutans_and_west_africas_honorifics_before_the_name(honorific, name):
    """Bhutan's envelopes write a minister 'Lyonpo …', the prime minister 'Lyonchhen …', one the king has titled
    'Dasho …', a woman 'Aum …'; West Africa's one back from the pilgrimage 'Alhaji …', 'Hajia …': the honorific,
    never the first name."""
    text = ("URGENT ACTION\n\nPRISONER DENIED MEDICAL CARE\n\nA prisoner is denied care.\n\nSend appeals to:\n"
            f"Minister for Home Affairs\n{honorific} {name}\nMinistry of Home Affairs\nPost Box 133\nThimphu\nBhutan\n"
            'Please begin your letter "Dear Minister"\n')
    [target] = read(text).targets
    assert (target.honorific, target.name) == (honorific, name)


@pytest.mark.parametrize(("town", "country_line", "code"), [
    ("1000 Skopje", "North Macedonia", "MK"), ("11000 Belgrade", "Serbia", "RS"), ("Thimphu", "Bhutan", "BT"),
])
def test_an_envelope_without_its_country_in_the_town_of_another_takes_its_country(town, country_line, code):
    """'… 1000 Skopje' / 'North Macedonia' for the minister, then '… 1000 Skopje' alone for the ombudsman: the town
    and postcode another envelope of the sheet gives with its country are in that country."""
    text = ("URGENT ACTION\n\nROMA FAMILIES FACE EVICTION\n\nSixty families face eviction.\n\nWrite to:\n"
            f"Minister of Social Policy\nMr Zoran Example\nMinistry of Social Policy\nul. Example 14\n{town}\n"
            f"{country_line}\nEmail: kabinet@ministry.example\n\n"
            f"Ombudsman\nMr Arben Example\nul. Example 2\n{town}\nEmail: info@ombudsman.example\n")
    first, second = read(text).targets
    assert (first.country, second.country) == (code, code)
