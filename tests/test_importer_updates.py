"""Follow-up sheets ("Further information on UA …", "Urgent Action Update") and the older Irish and Canadian
layouts: the words they hand over to the officials with, the sentences that ask to go on writing, and officials
given below the model letter. Each sheet is a few invented lines; nothing of it may be lost."""
from __future__ import annotations

import pytest

from tests.test_importer import read

LETTER = ("MODEL LETTER\n\nDear Prosecutor General,\n\nI call on you to:\n\n(a) release Ana Lobo at once;\n"
          "(b) drop every charge against her.\n\nYours sincerely,\n\n")


@pytest.mark.parametrize(("write_to", "copy_to"), [
    ("Send the letter to:", "With a copy to:"),
    ("Send this letter to:", "With copies to:"),
])
def test_the_letter_sent_to_an_official_with_a_copy_below_the_model_letter(write_to, copy_to):
    imported = read(LETTER + f"{write_to}\nProsecutor General\nMr Pedro Alves\nProcuradoria-Geral\n"
                    "Rua Central 14\n1100 Maputo\nMozambique\nEmail: pg@pgr-mz.example\n\n"
                    f"{copy_to}\nHigh Commissioner Ms Rosa Mondlane\nHigh Commission of Mozambique\n"
                    "21 Square Street\nLondon W1T 6EL\nEmail: hc@mz-uk.example\n")
    [target], [copy] = imported.targets, imported.copies
    assert (target.name, target.city, target.salutation) == ("Pedro Alves", "Maputo", "Dear Prosecutor General,")
    assert (copy.name, copy.city, copy.emails) == ("Rosa Mondlane", "London", ["hc@mz-uk.example"])


@pytest.mark.parametrize(("sentence", "languages"), [
    ("Please keep writing until 15 July 2025, in Portuguese or English, using the model letter below.", ["pt", "en"]),
    ("Continue to send appeals until 15 July 2025 in French or Arabic.", ["fr", "ar"]),
])
def test_a_sentence_asking_to_go_on_writing_gives_its_languages(sentence, languages):
    imported = read(f"WHAT HAPPENS NEXT\nThank you to everyone who wrote. {sentence}\n\n" + LETTER)
    assert (imported.preferred_languages, imported.deadline.isoformat()) == (languages, "2025-07-15")


def _side_by_side(left: list[str], right: list[str], width: int = 44) -> str:
    return "".join(f"{one.ljust(width)}{other}\n" for one, other in zip(left, right, strict=True))


@pytest.mark.parametrize(("closing", "left", "right"), [
    ("Yours sincerely,",
     ["Minister of Justice", "Ms. Lina Haddad", "Ministry of Justice", "12 Rue de Rome", "1000 Tunis", "Tunisia",
      "Email: minister@justice-rt.example", "Salutation: Dear Minister"],
     ["President of the Republic", "Mr. Omar Sassi", "Office of the President", "1 Avenue Habib", "2016 Carthage",
      "Tunisia", "Fax: +216 71 000 111", "Salutation: Dear President"]),
    ("Respectfully,",
     ["Prosecutor General", "Mr. Jonas Berg", "Office of the Prosecutor", "4 Court Street", "1010 Exampleton",
      "Ruritania", "Email: pg@prosecutor-rt.example"],
     ["Minister of the Interior", "Ms. Petra Holm", "Ministry of the Interior", "9 Castle Square", "1020 Exampleton",
      "Ruritania", "Email: minister@interior-rt.example"]),
])
def test_two_officials_side_by_side_right_below_the_letters_closing(closing, left, right):
    imported = read("TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USE THIS MODEL LETTER\nDear Minister,\n"
                    "I urge you to release Ana Lobo immediately and unconditionally.\n"
                    f"{closing}\n" + _side_by_side(left, right) + "\nADDITIONAL INFORMATION\nAna Lobo was arrested.\n")
    assert [target.name for target in imported.targets] == [left[1].split(" ", 1)[1], right[1].split(" ", 1)[1]]
    assert [target.address_lines for target in imported.targets] == [[left[3]], [right[3]]]


@pytest.mark.parametrize(("sentence", "city", "region", "postcode", "country", "phone"), [
    ("And send a copy to Ambassador Rami Haddad, Embassy of Ruritania, 601 Example Avenue NW, Washington, DC 20037, "
     "phone (202) 342-3800.", "Washington", "DC", "20037", "US", "(202) 342-3800"),
    ("And send a copy to Ambassador Rami Haddad, Embassy of Ruritania, 45 Example Street, Ottawa, ON K1N 8T3, "
     "tel (613) 555-0101.", "Ottawa", "ON", "K1N 8T3", "CA", "(613) 555-0101"),
])
def test_a_copy_in_a_sentence_whose_city_line_names_its_country(sentence, city, region, postcode, country, phone):
    imported = read("Send your letter to the Minister of Justice, Mr Omar Sassi, Ministry of Justice, 1 Main Road, "
                    f"Exampleton, Ruritania, or by email to minister@justice-rt.example.\n\n{sentence}\n")
    [copy] = imported.copies
    assert (copy.name, copy.organisation, copy.city, copy.region, copy.postcode, copy.country, copy.phone) == (
        "Rami Haddad", "Embassy of Ruritania", city, region, postcode, country, phone)


@pytest.mark.parametrize(("line", "phone"), [("Phone (202) 555-0100", "(202) 555-0100"),
                                             ("Tel (613) 555 0199", "(613) 555 0199")])
def test_a_phone_number_with_its_area_code_in_parentheses_and_no_colon(line, phone):
    [copy] = read("Copies to:\nAmbassador Rami Haddad\nEmbassy of Ruritania\n601 Example Avenue NW\n"
                  f"Washington, DC 20037\n{line}\n").copies
    assert copy.phone == phone


@pytest.mark.parametrize(("sentence", "salutation"), [
    ('Appeals should also go to the Prosecutor General, Ms Lena Berg, Office of the Prosecutor, 4 Court Street, '
     'Tunis, Tunisia (fax: +216 71 234 567), with the salutation "Dear Prosecutor General".',
     "Dear Prosecutor General"),
    ("Letters may also be sent to the Prosecutor General, Ms Lena Berg, Office of the Prosecutor, 4 Court Street, "
     'Exampleton, Ruritania, email: pg@prosecutor-rt.example, who should be addressed as "Dear Madam".', "Dear Madam"),
])
def test_a_further_target_in_a_sentence_and_its_salutation_in_the_last_clause(sentence, salutation):
    imported = read("Send appeals to the Minister of Justice, Mr Omar Sassi, Ministry of Justice, 1 Main Road, "
                    'Exampleton, Ruritania (email: minister@justice-rt.example), beginning your letter "Dear Minister".'
                    f"\n\n{sentence}\n")
    assert [(target.name, target.salutation) for target in imported.targets] == [
        ("Omar Sassi", "Dear Minister"), ("Lena Berg", salutation)]


@pytest.mark.parametrize(("line", "honorific", "name"), [
    ("Lieutenant General Shaikh Khalid bin Omar Al Nasser", "Lieutenant General Shaikh", "Khalid bin Omar Al Nasser"),
    ("Major General Dr. Hamad Saleh Al Amri", "Major General Dr.", "Hamad Saleh Al Amri"),
])
def test_a_rank_then_a_courtesy_title_before_the_name_below_the_role(line, honorific, name):
    [target] = read(f"Send appeals to:\nMinister of Interior\n{line}\nMinistry of Interior\nP.O. Box 13\n"
                    "Manama, Kingdom of Bahrain\nEmail: minister@interior-bh.example\n").targets
    assert (target.title, target.honorific, target.name, target.organisation) == (
        "Minister of Interior", honorific, name, "Ministry of Interior")


@pytest.mark.parametrize(("building", "street"), [("Government Building II", "United Nations Street 5/1"),
                                                  ("State House IV", "Freedom Avenue 12")])
def test_a_building_numbered_in_roman_figures_is_an_address_line(building, street):
    [target] = read(f"Send appeals to:\nMinister of Justice\nMrs Saran Batbayar\n{building}\n{street}\n"
                    "Ulaanbaatar 15160\nMongolia\nEmail: minister@justice-mn.example\n").targets
    assert (target.organisation, target.address_lines) == ("", [building, street])


@pytest.mark.parametrize("telegrams", ["Telegrams: Minister of Justice, Ulaanbaatar, Mongolia",
                                       "Telegrams: Justice Minister, Ulaanbaatar"])
def test_a_telegram_address_among_the_contacts_of_an_official_on_one_line(telegrams):
    imported = read("Send appeals to:\nMinister of Justice, Mrs Saran Batbayar, Ministry of Justice, United Nations "
                    f"Street 5/1, Ulaanbaatar 15160, Mongolia. Fax: +976 51 263 210. {telegrams}. "
                    "Salutation: Dear Minister\n")
    [target] = imported.targets
    assert (target.fax, target.salutation) == ("+976 51 263 210", "Dear Minister")
    assert telegrams in imported.unplaced


@pytest.mark.parametrize(("sentence", "organisation"), [
    ("Send appeals to the Secretary for Security, Mr Chan Wing-kit, at the Security Bureau, 2 Tim Mei Avenue, "
     "Tamar, Hong Kong (email: secretary@sb-hk.example).", "Security Bureau"),
    ("Send appeals to the Prosecutor General, Ms Lena Berg, at the Office of the Prosecutor General, 4 Court Street, "
     "Tunis, Tunisia (email: pg@prosecutor-tn.example).", "Office of the Prosecutor General"),
])
def test_an_office_after_at_in_a_prose_instruction(sentence, organisation):
    [target] = read(sentence + "\n").targets
    assert target.organisation == organisation


@pytest.mark.parametrize(("freed", "held", "other"), [
    ("Tomás Vilanculo", "Rosa Machava", "Jaime Sitoe"),
    ("Amara Touré", "Fatou Diallo", "Idrissa Camara"),
])
def test_a_follow_up_names_the_person_freed_first_and_the_letter_names_them_with_those_still_held(freed, held, other):
    imported = read("URGENT ACTION\nFURTHER INFORMATION ON UA 12/25\n\n"
                    "RURITANIA: ONE ACTIVIST FREED, TWO STILL HELD\n\n"
                    f"{freed} was released on 2 May 2025. {held} and {other} remain in prison. {held} has not "
                    f"seen a lawyer since her arrest, and {other} is unwell.\n\n"
                    f"MODEL LETTER\n\nDear Minister,\n\nI welcome the release of {freed}, but I remain concerned "
                    f"about {held} and {other}. I call on you to:\n\n(a) release {held} and {other} at once;\n"
                    f"(b) ensure that {held} sees a lawyer.\n\nYours sincerely,\n")
    assert [person.name for person in imported.people] == [held, other, freed]


# Two officials side by side, as two PDF columns paste.
_LEFT = ["Minister of Justice", "Ms. Lina Haddad", "Ministry of Justice", "12 Rue de Rome", "1000 Tunis", "Tunisia",
         "Email: minister@justice-rt.example"]
_RIGHT = ["President of the Republic", "Mr. Omar Sassi", "Office of the President", "1 Avenue Habib", "2016 Carthage",
          "Tunisia", "Fax: +216 71 000 111"]


@pytest.mark.parametrize("below", ["ADDITIONAL INFORMATION\nAna Lobo was arrested in May.\n",
                                   "BACKGROUND\nAna Lobo, a lawyer, was detained in May.\n"])
def test_a_heading_right_below_two_officials_side_by_side_is_no_line_of_the_left_one(below):
    imported = read("Write to:\n" + _side_by_side(_LEFT, _RIGHT) + below)
    assert [target.name for target in imported.targets] == ["Lina Haddad", "Omar Sassi"]
    assert imported.targets[0].emails == ["minister@justice-rt.example"]


@pytest.mark.parametrize("below", ["ADDITIONAL INFORMATION\nAna Lobo was arrested in May.\n",
                                   "BACKGROUND\nAna Lobo, a lawyer, was detained in May.\n"])
def test_a_heading_right_below_two_officials_side_by_side_under_the_letters_closing(below):
    imported = read("MODEL LETTER\nDear Minister,\nI urge you to release Ana Lobo immediately and unconditionally.\n"
                    "Yours sincerely,\n" + _side_by_side(_LEFT, _RIGHT) + below)
    assert [target.name for target in imported.targets] == ["Lina Haddad", "Omar Sassi"]


@pytest.mark.parametrize(("letter", "heading"), [
    ("MODELO DE CARTA\n\nSeñor Ministro:\n\nLe pido que libere a Ana Lobo.\n\nAtentamente,\n[nombre]\n",
     "INFORMACIÓN COMPLEMENTARIA"),
    ("MODEL LETTER\n\nDear Minister,\n\nI call on you to release Ana Lobo.\n\nYours sincerely,\n[Name]\n",
     "FURTHER INFORMATION"),
    ("BRIEFVORSCHLAG\n\nSehr geehrter Herr Minister,\n\nich fordere Sie auf, Ana Lobo freizulassen.\n\n"
     "Mit freundlichen Grüßen\n[Name]\n", "WEITERE INFORMATIONEN"),
])
def test_a_follow_ups_words_below_a_closed_letter_head_the_background(letter, heading):
    """'Atentamente,' / '[nombre]' / 'INFORMACIÓN COMPLEMENTARIA': below the model letter's closing, the words a
    follow-up's banner uses head the background, as anywhere past the top; the sheet is no follow-up."""
    imported = read(f"ACCIÓN URGENTE\nAU 12/26\n\nTITULAR\n\nResumen del caso.\n\n{letter}\n{heading}\n"
                    "La ley de 1977 reconoce los territorios indígenas, pero pocos se han devuelto.\n")
    assert not imported.is_follow_up
    assert imported.background.startswith("La ley de 1977")
