"""The importer reads values as sheets across the network write them: UA numbers with dots, dashes, four-digit
years or as the Spanish "AU"; follow-ups called updates in four languages; deadlines and languages to write
in given in a sentence in English, German, Spanish or French. The sheets under tests/fixtures/sheets/values/
are invented cases in the layouts sections use (a folder of their own: the sheets beside it are scored by
tests/sheet_scores.py)."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from campaigns.importer import LABEL_WORDS, normalise_text, parse_ua_text, read_date
from campaigns.importer.values import country_code, is_dateline, sentence_values, sentences
from formatting import country_choices, country_name, is_country_code
from letters.languages import sheet_languages

SHEETS = Path(__file__).resolve().parent / "fixtures" / "sheets" / "values"
BODY = "\n\nPERU: A TITLE\n\nA summary."


def sheet(name: str) -> str:
    return (SHEETS / f"values_{name}.txt").read_text(encoding="utf-8")


# --- UA numbers and which sheet of the case ------------------------------------------------------

@pytest.mark.parametrize("header,number,ordinal,label", [
    ("UA 118.21", "UA 118/21", 1, ""),
    ("UA-118-21", "UA 118/21", 1, ""),
    ("UA 118/2021", "UA 118/21", 1, ""),
    ("UA 7/1999", "UA 7/99", 1, ""),
    ("AU 118/21", "UA 118/21", 1, ""),
    ("Segunda AU 60/16", "UA 60/16", 2, "Segunda"),
    ("TERCERA AU 60/16", "UA 60/16", 3, "Tercera"),
    ("TERCERA AU: 60/16", "UA 60/16", 3, "Tercera"),
    ("2ª AU 60/16", "UA 60/16", 2, "2ª"),
    ("Troisième AU 60/16", "UA 60/16", 3, "Troisième"),
    ("Zweite UA 60/16", "UA 60/16", 2, "Zweite"),
    ("Index: MDE 13/1234/2021 UA 118/21", "UA 118/21", 1, ""),
    ("UA 118/21 Index: MDE 13/1234/2021", "UA 118/21", 1, ""),
    ("Actualización de la AU 118/21", "UA 118/21", None, "Actualización"),
    ("Mise à jour de l’AU 118/21", "UA 118/21", None, "Mise à jour"),
    ("Aktualisierung zu UA 118/21", "UA 118/21", None, "Aktualisierung"),
    ("UA update: UA 118/21", "UA 118/21", None, "UA update"),
    ("Urgent Action Update on UA 118/21", "UA 118/21", None, "Urgent action update"),
    ("Complément d'information sur l'AU 118/21", "UA 118/21", None, "Complément d'information"),
    ("UA-Nr: UA-031/2025 AI-Index: EUR 44/2741/2025", "UA 31/25", 1, ""),  # a label, then the number
    ("UA-Nr.: 31/25", "UA 31/25", 1, ""),
    # A word after the number that makes the sheet a follow-up.
    ("AU 40/24 suite – Index : AFR 12/3456/2024", "UA 40/24", None, "Suite"),
    ("AU 40/24 (suite)", "UA 40/24", None, "Suite"),
    ("UA 40/24 follow-up", "UA 40/24", None, "Follow-up"),
    ("AU 40/24 – continuación", "UA 40/24", None, "Continuación"),
])
def test_ua_numbers_as_sections_write_them(header, number, ordinal, label):
    imported = parse_ua_text(header + BODY)
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == (number, ordinal, label)
    # The header line is never the title (whose case follows the language its header's words suggest).
    assert imported.title.casefold() == "peru: a title"


@pytest.mark.parametrize("header,unplaced", [
    ("UA 118/21 Index: MDE 13/1234/2021", []),
    ("AU 91/26 – Index : AFR 03/1234/2026", []),
    # With the country of the case and the date published, which no field keeps.
    ("UA 118/21 Index: MDE 13/1234/2021 Date: 2 May 2021", []),
    ("UA 31/27 Index: ASA 17/4410/2027 China (Macao SAR) Date: 2 May 2027", []),
    ("AU 60/16 Índice AI: AMR 46/4417/2016 Perú Fecha: 9 de febrero de 2016", []),
    # What else the header line says, and the importer cannot place, is still shown beside the draft.
    ("UA 118/21 Index: MDE 13/1234/2021 Date: 2 May 2021 Distribution: sections only",
     ["Date: 2 May 2021 Distribution: sections only"]),
])
def test_the_index_number_after_the_ua_number_is_read_with_the_header(header, unplaced):
    """The document's index number and the date it was published are the sheet's, not the campaign's: read with
    the header line, they are never left for the organiser to review."""
    imported = parse_ua_text(header + BODY)
    assert imported.ua_number == "UA " + header.split()[1] and imported.unplaced == unplaced


@pytest.mark.parametrize("text", [
    "Index: MDE 13/1234/2021\n\nPERU: A TITLE\n\nA summary.",
    "AI Index: MDE 13/1234/2021" + BODY,
    "UA 13/1234/2021" + BODY,  # an index number's digits after "UA" are still an index number
    "Jusqu'au 12/03 nous attendons" + BODY,  # the French "au" is no AU
])
def test_an_index_number_is_never_the_ua_number(text):
    assert parse_ua_text(text).ua_number is None


@pytest.mark.parametrize("banner,label", [
    ("URGENT ACTION UPDATE", "Update"),
    ("UA UPDATE", "UA update"),
    ("ACCIÓN URGENTE – ACTUALIZACIÓN", "Actualización"),
    ("AKTUALISIERUNG", "Aktualisierung"),
    ("MISE À JOUR", "Mise à jour"),
    ("ACTION URGENTE – ACTIONS COMPLÉMENTAIRES", "Actions complémentaires"),
    ("ACCIÓN URGENTE: ACCIÓN COMPLEMENTARIA", "Acción complementaria"),
    ("URGENT ACTION FOLLOW-UP", "Follow-up"),
    ("EILAKTION – FOLGEAKTION", "Folgeaktion"),
])
def test_a_sheet_headed_as_an_update_is_a_follow_up(banner, label):
    imported = parse_ua_text(f"{banner}\nUA 118/21{BODY}")
    assert (imported.ordinal, imported.ordinal_label, imported.is_follow_up) == (None, label, True)
    assert banner in imported.recognised and imported.title == "Peru: A Title"
    assert any("follow-up" in note for note in imported.unplaced)


def test_an_update_that_says_which_sheet_keeps_its_ordinal():
    imported = parse_ua_text(f"ACCIÓN URGENTE – ACTUALIZACIÓN\nTercera AU 60/16{BODY}")
    assert (imported.ordinal, imported.ordinal_label) == (3, "Tercera")


@pytest.mark.parametrize("banner,ordinal,label", [
    ("SEGUNDA ACCIÓN URGENTE", 2, "Segunda"),
    ("Tercera Acción Urgente", 3, "Tercera"),
    ("DEUXIÈME ACTION URGENTE", 2, "Deuxième"),
    ("SECOND URGENT ACTION", 2, "Second"),
    # The ordinal before the word for a UA alone, the number on a line of its own.
    ("SEGUNDA AU", 2, "Segunda"),
    ("Third UA", 3, "Third"),
    ("DEUXIÈME AU", 2, "Deuxième"),
])
def test_a_banner_that_says_which_sheet_of_the_case_this_is(banner, ordinal, label):
    imported = parse_ua_text(f"{banner}\nAU 41/25{BODY}")
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == ("UA 41/25", ordinal, label)
    assert imported.is_follow_up and banner in imported.recognised


def test_the_header_says_which_sheet_before_the_banner_does():
    imported = parse_ua_text(f"SEGUNDA ACCIÓN URGENTE\nTercera AU 41/25{BODY}")
    assert (imported.ordinal, imported.ordinal_label) == (3, "Tercera")


def test_complement_d_information_alone_heads_the_background():
    """Belgian French sheets head their background so; before a UA number it names a follow-up."""
    imported = parse_ua_text(f"ACTION URGENTE\nAU 12/24{BODY}\n\nComplément d'information\nDepuis 2021, rien.")
    assert (imported.ordinal, imported.is_follow_up) == (1, False)
    assert imported.background == "Depuis 2021, rien."


def test_the_country_the_background_names_most_is_the_guess():
    """The section's own country, named once above the title, is not the case's."""
    imported = parse_ua_text("Amnesty International Ireland\n\nTWO ACTIVISTS MISSING\n\nThey disappeared.\n\n"
                             "Additional Information\nIn Guinea, protests are banned. Guinea has …")
    assert imported.country == "GN"


@pytest.mark.parametrize("sentence,ordinal,label", [
    ("This is the second update of UA 118/21. The first was issued in March.", 3, "Second update"),
    ("This is the first update on UA 118/21.", 2, "First update"),
    ("Il s'agit de la deuxième mise à jour de l'AU 118/21.", 3, "Deuxième mise à jour"),
    ("Esta es la segunda actualización de la AU 118/21.", 3, "Segunda actualización"),
    ("Dies ist die dritte Aktualisierung der UA 118/21.", 4, "Dritte Aktualisierung"),
])
def test_a_sentence_that_counts_the_updates_says_which_sheet_this_is(sentence, ordinal, label):
    """The Nth update is the case's sheet N + 1: the first sheet is the UA itself."""
    imported = parse_ua_text(f"URGENT ACTION UPDATE\nFurther information on UA 118/21{BODY}\n\n{sentence}")
    assert (imported.ordinal, imported.ordinal_label, imported.is_follow_up) == (ordinal, label, True)


def test_an_update_count_of_another_ua_says_nothing_of_this_sheet():
    imported = parse_ua_text(f"URGENT ACTION UPDATE\nFurther information on UA 118/21{BODY}\n\n"
                             "See also the second update of UA 40/20.")
    assert (imported.ordinal, imported.ordinal_label) == (None, "Further information")


@pytest.mark.parametrize("sentence,ordinal,label", [
    ("This is the third Urgent Action issued on the case of Ana Exemplo.", 3, "Third"),
    ("The first Urgent Action called for her release. This is the fourth Urgent Action on her case.", 4, "Fourth"),
    ("Il s'agit de la deuxième Action urgente en faveur de Paul Exemple.", 2, "Deuxième"),
])
def test_a_sentence_that_counts_the_sheets_says_which_sheet_this_is(sentence, ordinal, label):
    """'This is the third Urgent Action issued on the case': the sheet's own place, the highest one named."""
    imported = parse_ua_text(f"URGENT ACTION UPDATE\nFurther information on UA 118/21{BODY}\n\n{sentence}")
    assert (imported.ordinal, imported.ordinal_label, imported.is_follow_up) == (ordinal, label, True)


def test_a_first_sheet_is_no_follow_up():
    imported = parse_ua_text(f"URGENT ACTION\nUA 118/21{BODY}")
    assert (imported.ordinal, imported.ordinal_label, imported.is_follow_up) == (1, "", False)


# --- deadlines in a sentence ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "This action expires on 12 March 2027.",
    "Send no more appeals after 12 March 2027.",
    "This UA is valid until 12.03.2027.",
    "You can take action before 12 March 2027.",
    "Please write to the authorities before March 12, 2027.",
    "Bitte schreiben Sie bis zum 12. März 2027.",
    "Gültig bis 12.03.2027",
    "Appelle bis zum 12.03.2027",
    "Schreiben Sie bis spätestens 12.03.2027 an die Behörden.",
    "Escriba hasta el 12 de marzo de 2027.",
    "Envíe sus llamamientos antes del 12/03/2027.",
    "Válida hasta el 12/03/2027.",
    "Écrivez jusqu'au 12 mars 2027.",
    "Envoyez vos appels avant le 12/03/2027.",
    "Écrivez jusqu’au 12 mars 2027.",
    # A labelled date, in every sheet language; a numeric one read day first where the language writes so.
    "Deadline: 12 March 2027",
    "Action deadline: March 12, 2027",
    "Date limite : 12 mars 2027",
    "Date limite : 12/03/2027",
    "Fecha límite: 12 de marzo de 2027",
    "Frist: 12. März 2027",
    "Einsendeschluss: 12.03.2027",
    # The label may say what the deadline is for.
    "Deadline for letters: 12 March 2027",
    "Plazo para el envío: 12 de marzo de 2027",
    "Date limite pour les appels : 12 mars 2027",
    "Frist für Appelle: 12.03.2027",
    "PLEASE SEND APPEALS IMMEDIATELY. Check with the section office if sending appeals after 12 March 2027.",
    # German may say after the date that nothing more is to be sent.
    "Bitte schicken Sie nach dem 12. März 2027 keine Briefe mehr.",
    "Ab dem 12.03.2027 bitte keine Appelle mehr senden.",
    # French asks to intervene until the date.
    "PRIÈRE D'INTERVENIR IMMÉDIATEMENT et jusqu'au 12 mars 2027.",
    "Intervenez jusqu'au 12 mars 2027.",
    # … or before it.
    "Bitte keine Appelle mehr nach dem 12. März 2027 verschicken.",
    "Bitte senden Sie keine Briefe mehr ab dem 12.03.2027.",
    # The date given again in figures, in parentheses.
    "Bitte schreiben Sie Ihre Appelle sofort und nicht nach dem 12. März 2027 (12.03.2027).",
    "Escriba antes del 12 de marzo de 2027 (12/03/2027).",
    # A day of the week before the date.
    "Please send your letters before Friday, March 12, 2027.",
    "Make sure your appeals are sent by Friday 12 March 2027.",
    "Envoyez vos appels avant le vendredi 12 mars 2027.",
    "Escriba antes del viernes 12 de marzo de 2027.",
    "Bitte schreiben Sie bis Freitag, 12. März 2027.",
])
def test_a_deadline_given_in_a_sentence(sentence):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n{sentence}\nMore of the summary.")
    assert imported.deadline == date(2027, 3, 12)
    assert sentence in imported.recognised
    assert imported.summary == "A summary.\n\nMore of the summary."  # the sentence left the summary, nothing else
    assert imported.sources["deadline"] == (4, 4)


@pytest.mark.parametrize("line,codes", [
    ("Please take action until 12 March 2027. Write in Spanish or English.", ["es", "en"]),
    ("Letters may be written in Spanish or English. Please send no more appeals after March 12, 2027.",
     ["es", "en"]),
    ("Please send appeals immediately and before 12 March 2027. Check with the section office if sending "
     "appeals after this date.", []),
    ("Bitte schreibe bis zum 12. März 2027. Schreibe auf Arabisch, Französisch oder Deutsch.", ["ar", "fr", "de"]),
    ("Bitte schreiben Sie Ihre Appelle möglichst sofort. Da Urgent Actions schnell wirken sollen, sind Appelle "
     "bis zum 12. März 2027 sinnvoll.", []),
    ("Vous pouvez écrire en français ou en anglais. Merci d'envoyer vos appels jusqu'au 12 mars 2027.", ["fr", "en"]),
    ("Écrivez en français ou dans votre propre langue. Envoyez vos appels le plus rapidement possible et "
     "jusqu'au 12 mars 2027 au plus tard.", ["fr"]),
    ("Escribe en español o en tu propio idioma, lo antes posible y antes del 12 de marzo de 2027.", ["es"]),
    ("ACTÚA LO ANTES POSIBLE, ANTES DEL: 12 de marzo de 2027", []),
    ("Bitte schreiben Sie Ihre Appelle möglichst sofort und nicht über den 12. März 2027 hinaus.", []),
    ("Sende deinen Appell bis 12. März 2027. Schreibe auf Spanisch.", ["es"]),
    ("Les appels peuvent être rédigés en espagnol. Merci d'agir avant le 12 mars 2027.", ["es"]),
])
def test_a_line_of_several_sentences_gives_the_deadline_and_the_languages(line, codes):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n{line}\nMore of the summary.")
    assert (imported.deadline, imported.preferred_languages) == (date(2027, 3, 12), codes)
    assert line in imported.recognised
    assert imported.summary == "A summary.\n\nMore of the summary."


def test_an_instruction_to_contact_the_officials_below_by_a_date():
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\n\nCONTACT THESE TWO OFFICIALS BY MARCH 12, 2027:\n"
                             "Minister of Justice\nMs Ana Ruiz\nAv. Central 12\nLima, Peru")
    assert imported.deadline == date(2027, 3, 12)
    assert [(target.title, target.name) for target in imported.targets] == [("Minister of Justice", "Ana Ruiz")]


@pytest.mark.parametrize("first,second", [
    ("Please send appeals immediately and before 12 March", "2027."),
    ("ACTÚA LO ANTES POSIBLE, ANTES DEL:", "12 de marzo de 2027"),
    ("Bitte schreiben Sie Ihre Appelle bis zum", "12. März 2027."),
    ("Merci d'envoyer vos appels jusqu'au 12 mars", "2027. Écrivez en français ou en anglais."),
])
def test_a_deadline_sentence_wrapped_over_two_lines(first, second):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{first}\n{second}\n\nMore of the summary.")
    assert imported.deadline == date(2027, 3, 12)
    assert imported.sources["deadline"] == (5, 6)
    assert f"{first}\n{second}" in imported.recognised
    assert imported.summary == "A summary.\n\nMore of the summary."


@pytest.mark.parametrize("lines,codes", [
    (("Please write immediately. Write in Spanish, English or",
      "French, or in your own language. We ask you to send no", "more appeals after 12 March 2027. Thank you."),
     ["es", "en", "fr"]),
    (("Bitte schreiben Sie sofort. Schreiben Sie auf Spanisch, Englisch oder", "auf Französisch. Da die Zeit drängt,",
      "schicken Sie nach dem 12. März 2027 bitte keine Appelle mehr."), ["es", "en", "fr"]),
])
def test_a_paragraph_whose_sentence_goes_on_over_three_lines_gives_its_values(lines, codes):
    """The sentence the first line leaves open may end two lines further down: the paragraph read together gives
    the languages the first line names only in part, and the deadline."""
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\n\n" + "\n".join(lines) + "\n\nMore of the summary.")
    assert (imported.deadline, imported.preferred_languages) == (date(2027, 3, 12), codes)
    assert imported.summary == "A summary.\n\nMore of the summary."


@pytest.mark.parametrize("lines,codes", [
    (("Merci d'agir le plus vite possible, et dans tous les cas", "avant le 12 mars 2027. Passé ce délai, demandez",
      "conseil au secrétariat."), []),
    (("Please send your appeals as soon as you can and in any case", "before 12 March 2027. After that, check with",
      "the office first."), []),
    (("Bitte schreiben Sie sofort. Schreiben Sie in gutem", "Spanisch oder Englisch. Da Appelle nach dem 12. März 2027",
      "zu spät kommen können, schicken Sie danach", "keine Appelle mehr."), ["es", "en"]),
    (("Schreiben Sie bitte gleich. Verfassen Sie Ihren Appell in", "Spanisch oder Englisch. Nach dem 12. März 2027",
      "senden Sie bitte", "keine Briefe mehr."), ["es", "en"]),
])
def test_a_deadline_sentence_that_ends_within_a_line_of_a_paragraph(lines, codes):
    """The sentence that gives the deadline ends within the second line, and the next goes on to the paragraph's
    end (or the one after the date ends two lines below): the paragraph up to there gives the deadline."""
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\n\n" + "\n".join(lines) + "\n\nMore of the summary.")
    assert (imported.deadline, imported.preferred_languages) == (date(2027, 3, 12), codes)
    assert imported.summary == "A summary.\n\nMore of the summary."


@pytest.mark.parametrize("lines", [
    ("Escribe ya, en español o en tu propio idioma, con tus propias", "palabras. Envía tus cartas antes del 12 de",
     "marzo de 2027 a:"),
    ("Escriba cuanto antes, en español o en su propio idioma, con", "sus palabras. Envíe sus llamamientos antes del 12",
     "de marzo de 2027 a:"),
])
def test_a_deadline_sentence_wrapped_to_its_colon_hands_over_to_the_officials(lines):
    text = ("PERU: A TITLE\n\nA summary.\n\n" + "\n".join(lines)
            + "\n\nFiscal de la Nación\nDra. Ana Ejemplo\nAv. Abancay 491\nLima 15001, Perú\nCorreo-e: fn@mp.example\n")
    imported = parse_ua_text(text)
    assert imported.deadline == date(2027, 3, 12)
    assert [(target.title, target.name) for target in imported.targets] == [("Fiscal de la Nación", "Ana Ejemplo")]


def test_a_deadline_label_with_its_date_on_the_next_line():
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\n\nDate limite :\n24 juillet 2027\n\nMore.")
    assert imported.deadline == date(2027, 7, 24) and imported.summary == "A summary.\n\nMore."


@pytest.mark.parametrize("sentence", ["Merci de ne plus envoyer d'appels après la date limite.",
                                      "The deadline 12 March 2027 was set by the court."])
def test_a_deadline_word_without_its_label_colon_gives_no_deadline(sentence):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{sentence}")
    assert imported.deadline is None


def test_two_lines_from_the_middle_of_a_paragraph_are_no_wrapped_deadline():
    text = "A summary that goes on,\nand asks readers to appeal before 12 March\n2027."
    imported = parse_ua_text(f"PERU: A TITLE\n\n{text}")
    assert imported.deadline is None and imported.summary == " ".join(text.split("\n"))


def test_value_sentences_after_the_model_letter_are_read():
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\n\nMODEL LETTER\nDear Minister,\nPlease release her.\n"
                             "Yours sincerely,\n[Your name]\nPlease take action until 12 March 2027. Write in "
                             "Spanish or English.\n\nYou may write in English or Persian.")
    assert (imported.deadline, imported.preferred_languages) == (date(2027, 3, 12), ["es", "en"])
    assert "Write in" not in imported.template.body and not [text for text in imported.unplaced
                                                              if "Write in" in text or "Persian" in text]


@pytest.mark.parametrize("letter,instruction,official,name", [
    ("MODEL LETTER\nDear Minister,\nPlease release her.\nYours sincerely,\n[Your name]",
     "Post your appeals as soon as you can, by 3 June 2027, to:",
     "Minister of the Interior\nMr Tomas Example\nMinistry of the Interior\n1 Sample Road\nExampleton, Peru\n"
     "Email: minister@interior.example", "Tomas Example"),
    ("BRIEFVORSCHLAG\nSehr geehrter Herr Minister,\nbitte lassen Sie sie frei.\nMit freundlichen Grüßen\n[Name]",
     "Bitte schreiben Sie möglichst sofort und bis zum 3. Juni 2027 an:",
     "Innenminister\nHerrn Tomas Beispiel\nInnenministerium\nBeispielstraße 1\nBeispielstadt, Peru\n"
     "E-Mail: minister@interior.example", "Tomas Beispiel"),
])
def test_a_deadline_sentence_after_the_letters_closing_hands_over_to_the_officials(letter, instruction, official, name):
    """Below the signature and a blank line, a sentence that gives the deadline and ends in the word that hands over
    to the officials speaks to the readers: the letter is over and the officials follow."""
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{letter}\n\n{instruction}\n\n{official}\n")
    assert imported.deadline == date(2027, 6, 3) and instruction not in imported.template.body
    [target] = imported.targets
    assert (target.name, target.emails, target.country) == (name, ["minister@interior.example"], "PE")


@pytest.mark.parametrize("text,split", [
    ("Bitte schreiben Sie bis zum 18. März 2025. Schreiben Sie auf Deutsch.",
     ["Bitte schreiben Sie bis zum 18. März 2025.", "Schreiben Sie auf Deutsch."]),
    ("2. Send it to the officials. Thank you!", ["2. Send it to the officials.", "Thank you!"]),
    ("Write in Spanish. ¿Preguntas? Escríbenos.", ["Write in Spanish.", "¿Preguntas?", "Escríbenos."]),
    ("Until 12 March 2027. and more", ["Until 12 March 2027. and more"]),
])
def test_sentences_end_before_a_capital_but_never_after_a_days_number(text, split):
    assert sentences(text) == split


@pytest.mark.parametrize("sentence", [
    "She was held until 12 March 2027.",           # "until" in a sentence about something else
    "The activist was held until 12 March 2027.",  # "act" only as a word of its own
    "Er war bis zum 12. März 2027 in Haft.",
    "Er blieb bis 12. März 2027 in Haft, nicht über den 12. März 2027 hinaus.",
    "Estuvo detenida hasta el 12 de marzo de 2027.",
    "Elle a été détenue jusqu'au 12 mars 2027.",
    "Er wurde nach dem 12. März 2027 in ein anderes Gefängnis verlegt.",  # "nach dem" with nothing more to send
])
def test_until_in_a_sentence_about_something_else_is_no_deadline(sentence):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n{sentence}")
    assert imported.deadline is None
    assert sentence in imported.summary


def test_a_model_letters_sentence_is_no_deadline():
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\n\nMODEL LETTER\nDear Minister,\n"
                             "I ask you to act before 12 March 2027 to protect her.\nYours sincerely,")
    assert imported.deadline is None and "12 March 2027" in imported.template.body


def test_an_english_numeric_date_that_reads_both_ways_is_left_to_the_organiser():
    """US sheets write the month first, others the day: only the organiser can tell."""
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\nSend no more appeals after 12/03/2027.")
    assert imported.deadline is None
    assert any(note.startswith("Note: the deadline could not be read") for note in imported.unplaced)
    assert "Send no more appeals after 12/03/2027." in imported.unplaced


@pytest.mark.parametrize("written,day_first,expected", [
    ("12/03/2027", True, date(2027, 3, 12)),
    ("12.03.2027", False, date(2027, 3, 12)),  # dots: a day-first way of writing dates
    ("12. März 2027", False, date(2027, 3, 12)),
    ("12 de marzo de 2027", False, date(2027, 3, 12)),
    ("12 mars 2027", False, date(2027, 3, 12)),
    ("3/12/2027", True, date(2027, 12, 3)),
    # The month names of a language's regions too: Austria's January, Peru's and Uruguay's September.
    ("4. Jänner 2027", False, date(2027, 1, 4)),
    ("20 de setiembre de 2027", False, date(2027, 9, 20)),
    ("7 Jän. 2027", False, date(2027, 1, 7)),
])
def test_numeric_dates_day_first_where_the_language_writes_them_so(written, day_first, expected):
    assert read_date(written, day_first=day_first) == (expected, "")


def test_the_day_first_languages_are_those_the_table_says():
    assert {row.code for row in sheet_languages() if row.sheet_words.day_first} >= {"de", "es", "fr"}
    assert not next(row for row in sheet_languages() if row.code == "en").sheet_words.day_first


# --- languages to write in -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence,codes", [
    ("Write in Spanish or your own language.", ["es"]),
    ("Please write in Russian, Kazakh or English.", ["ru", "kk", "en"]),
    ("Schreiben Sie auf Spanisch.", ["es"]),
    ("Bitte schreiben Sie auf Russisch oder Deutsch.", ["ru", "de"]),
    ("Escriba en inglés.", ["en"]),
    ("Escriban en inglés o en su propio idioma.", ["en"]),
    ("Écrivez en français.", ["fr"]),
    ("Écrivez en espagnol ou dans votre langue.", ["es"]),
    ("You may write in English or Persian.", ["en", "fa"]),
    ("Letters may be written in Spanish or English.", ["es", "en"]),
    ("Please write in English, Tamil or your own language, raising the following points:", ["en", "ta"]),
    ("Schreibe auf Arabisch, Französisch oder Deutsch.", ["ar", "fr", "de"]),
    ("Sie können auch auf Englisch schreiben.", ["en"]),
    ("Vous pouvez écrire en français ou en anglais.", ["fr", "en"]),
    ("Escribe en español o en tu propio idioma.", ["es"]),
    ("Puedes escribir en inglés o en español.", ["en", "es"]),
    ("Please write, in English or Amharic, to the Minister.", ["en", "am"]),
    # An adverb of preference may open the sentence.
    ("Preferably, write in Tamil or English.", ["ta", "en"]),
    ("Preferentemente escriban en inglés o en su propio idioma.", ["en"]),
    ("De préférence, écrivez en arabe ou en français.", ["ar", "fr"]),
    ("Vorzugsweise schreiben Sie auf Türkisch oder Englisch.", ["tr", "en"]),
    # Māori by its New Zealand English names, the Māori words for "the language" before it or alone.
    ("Write to the officials below, in English or te reo Māori.", ["en", "mi"]),
    ("Please write in te reo or English.", ["mi", "en"]),
])
def test_languages_to_write_in_given_in_a_sentence(sentence, codes):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{sentence}")
    assert imported.preferred_languages == codes
    assert sentence in imported.recognised and sentence not in imported.summary


@pytest.mark.parametrize("sentence,codes", [
    # A sentence that asks to write or send may name the languages further on, in the familiar or polite form.
    ("Schreib einen höflichen Brief auf Russisch, Englisch oder Deutsch an den Generalstaatsanwalt.",
     ["ru", "en", "de"]),
    ("Schick eine E-Mail auf Englisch an die Botschaft.", ["en"]),
    ("Sende deinen Appell auf Spanisch oder Deutsch an den Minister.", ["es", "de"]),
    ("Schreiben Sie einen Brief auf Türkisch oder Englisch.", ["tr", "en"]),
    ("Rédigez votre appel en français ou en anglais, en vous inspirant du modèle ci-dessous.", ["fr", "en"]),
    ("Écrivez une lettre courtoise en anglais au ministre.", ["en"]),
    ("Write a short letter in English or Spanish to the President.", ["en", "es"]),
    ("Escribe una carta en inglés o en francés al ministro.", ["en", "fr"]),
    # The language named by its adjective, with or without the word for "language".
    ("Schreiben Sie bitte einen Brief in russischer oder englischer Sprache an den Minister.", ["ru", "en"]),
    ("Schicken Sie bis Ende Mai eine E-Mail in französischer Sprache an die Botschaft.", ["fr"]),
    ("Write a polite letter in the Spanish language to the Governor.", ["es"]),
])
def test_languages_named_further_on_in_a_sentence_that_asks_to_write(sentence, codes):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{sentence}")
    assert imported.preferred_languages == codes
    assert sentence in imported.recognised and sentence not in imported.summary


@pytest.mark.parametrize("sentence", [
    "Write a letter in your own words or use the sample letter below.",
    "Send a copy to the Embassy of Peru in Washington, DC.",
    "Schreib an die Botschaft in Wien.",
    "Er schrieb einen Brief auf Englisch an den Minister.",  # a story, not an instruction
])
def test_a_sentence_that_asks_to_write_but_names_no_language_names_none(sentence):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{sentence}")
    assert imported.preferred_languages == []


@pytest.mark.parametrize("intro", [
    "Schreib bis 25. April 2027 einen höflichen Brief oder eine E-Mail auf Spanisch, Englisch oder Deutsch an den "
    "Generalstaatsanwalt. Fordere ihn darin auf,",
    # A relative clause that each item of the list ends: "…, in denen Sie" / "• … fordern".
    "Schreiben Sie bitte bis spätestens 25. April 2027 E-Mails oder Briefe auf Spanisch, Englisch oder Deutsch, "
    "in denen Sie",
    "Schreib bis 25. April 2027 eine E-Mail auf Spanisch, Englisch oder Deutsch an den Generalstaatsanwalt, worin du",
])
def test_the_demands_introduction_gives_the_deadline_and_the_languages(intro):
    imported = parse_ua_text(
        f"PERU: A TITLE\n\nA summary.\n\nWAS DU TUN KANNST\n{intro}\n"
        "• Ana Ruiz umgehend freizulassen\n• alle Anklagen gegen sie fallen zu lassen\n")
    assert (imported.deadline, imported.preferred_languages) == (date(2027, 4, 25), ["es", "en", "de"])
    assert [demand.casefold() for demand in imported.demands] == ["ana ruiz umgehend freizulassen",
                                                                   "alle anklagen gegen sie fallen zu lassen"]
    assert not [text for text in imported.unplaced if "Schreib" in text]


@pytest.mark.parametrize("line,codes", [
    ("IDIOMA PREFERENTE PARA DIRIGIRSE A LAS AUTORIDADES: Español", ["es"]),
    ("Idiomas preferidos: inglés, español", ["en", "es"]),
    ("Langue à privilégier : russe, anglais ou français.", ["ru", "en", "fr"]),
    ("LANGUES À PRIVILÉGIER POUR VOS APPELS : arabe, français", ["ar", "fr"]),
    ("Bevorzugte Sprachen für die Appelle: Russisch, Deutsch", ["ru", "de"]),
    ("LANGUE(S) À PRIVILÉGIER : espagnol", ["es"]),
    ("Preferred language to address targets: Arabic, English. You can also write in your own language.",
     ["ar", "en"]),
    # The label alone, in every sheet language.
    ("Sprachen: Englisch, Arabisch, Deutsch", ["en", "ar", "de"]),
    ("Languages: English, Arabic", ["en", "ar"]),
    ("Language(s): Arabic", ["ar"]),
    ("Langues : français, arabe", ["fr", "ar"]),
    ("Idiomas: español, inglés", ["es", "en"]),
    # A language by its own name, or by another name sheets use for it.
    ("Languages: English, Sesotho", ["en", "st"]),
    ("Sprachen: Englisch, isiZulu", ["en", "zu"]),
    ("Langues : anglais, Kiswahili", ["en", "sw"]),
    ("Preferred languages: Dari, Pashto, English", ["fa", "ps", "en"]),
    ("Idiomas: inglés, filipino", ["en", "tl"]),
])
def test_the_preferred_language_line_in_every_sheet_language(line, codes):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{line}")
    assert imported.preferred_languages == codes
    assert line in imported.recognised and line not in imported.unplaced


@pytest.mark.parametrize("sentence", ["You can also write in your own language.",
                                      "También puedes escribir en tu propio idioma.",
                                      "Sie können auch in Ihrer eigenen Sprache schreiben."])
def test_the_readers_own_language_alone_names_no_language(sentence):
    """Only languages a sheet names are preferred: never the sheet's own language in place of "your own". The
    sentence is an instruction to the sheet's readers: recognised, not kept in the summary."""
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{sentence}")
    assert imported.preferred_languages == [] and sentence in imported.recognised and imported.summary == "A summary."


def test_the_demands_introduction_may_name_the_languages_between_commas():
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\n\nPlease write, in English or Amharic, to the Minister of "
                             "Justice, calling on them to:\n• Release Ana Ruiz.\n• Drop the charges.\n")
    assert imported.preferred_languages == ["en", "am"]
    assert imported.demands == ["Release Ana Ruiz.", "Drop the charges."]


@pytest.mark.parametrize("heading", [
    "ACTÚEN: ESCRIBAN INMEDIATAMENTE, EN ESPAÑOL O EN INGLÉS, PIDIENDO A LAS AUTORIDADES QUE:",
    "Take action: write, in Spanish or English, to the President, calling on him to:",
])
def test_a_call_before_a_colon_does_not_hide_the_languages_of_the_demands_introduction(heading):
    """A short call ("Actúen:", "Take action:") before the sentence that asks to write, even in capitals."""
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{heading}\n- release Ana Ruiz;\n- drop the charges.\n")
    assert imported.preferred_languages == ["es", "en"]
    assert len(imported.demands) == 2


def test_the_preferred_language_line_wins_over_a_sentence():
    imported = parse_ua_text("PERU: A TITLE\n\nA summary.\n\nWrite in Spanish or your own language.\n\n"
                             "PREFERRED LANGUAGE TO ADDRESS TARGET: Quechua, Spanish")
    assert imported.preferred_languages == ["qu", "es"]


@pytest.mark.parametrize("sentence", ["Write in support of Rosa.", "Escriba en la calle.", "Écrivez en urgence."])
def test_a_sentence_that_names_no_language_stays_prose(sentence):
    imported = parse_ua_text(f"PERU: A TITLE\n\nA summary.\n\n{sentence}")
    assert imported.preferred_languages == [] and sentence in imported.summary


# --- whole sheets --------------------------------------------------------------------------------

def test_a_spanish_follow_up_sheet():
    imported = parse_ua_text(sheet("spanish_followup"))
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == ("UA 60/16", 2, "Segunda")
    assert (imported.country, imported.deadline) == ("PE", date(2027, 3, 12))
    assert imported.preferred_languages == ["es"]
    # The index number is read with the header and is never the UA number; nor is the date published anything.
    assert "Índice AI: AMR 46/4417/2026" in imported.recognised
    assert not any("Fecha" in text for text in imported.unplaced)


def test_a_german_update_sheet():
    imported = parse_ua_text(sheet("german_sheet"))
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == ("UA 118/21", None, "Aktualisierung")
    assert (imported.country, imported.deadline) == ("BY", date(2027, 3, 12))
    assert imported.preferred_languages == ["ru", "de"]
    assert imported.targets[0].emails == ["info@prokuratura.example.by"]


def test_a_french_update_sheet():
    imported = parse_ua_text(sheet("french_sheet"))
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == ("UA 77/26", None, "Mise à jour")
    assert (imported.country, imported.deadline, imported.preferred_languages) == ("NI", date(2027, 3, 12), ["es"])


def test_an_english_sheet_with_the_index_first():
    imported = parse_ua_text(sheet("english_index"))
    assert (imported.ua_number, imported.ordinal) == ("UA 118/27", 1)
    assert (imported.country, imported.deadline, imported.preferred_languages) == ("EG", date(2027, 3, 12), ["ar"])
    assert imported.targets[0].salutation == "Dear Counsellor,"


def words(text: str) -> set[str]:
    return set(re.findall(r"\w{2,}", unicodedata.normalize("NFKC", text).casefold()))


@pytest.mark.parametrize("name", ["spanish_followup", "german_sheet", "french_sheet", "english_index"])
def test_no_word_of_these_sheets_is_lost(name):
    text = sheet(name)
    imported = parse_ua_text(text)
    kept = "\n".join([imported.title, imported.summary, imported.background, *imported.demands,
                      *imported.recognised, *imported.unplaced, *(person.name for person in imported.people),
                      *(" ".join([t.title, t.honorific, t.name, t.organisation, *t.address_lines, t.city,
                                  t.postcode, *t.emails, t.fax, t.phone, t.salutation])
                        for t in imported.targets + imported.copies)])
    assert words(normalise_text(text)) - words(kept) - LABEL_WORDS == set()


@pytest.mark.parametrize(("line", "dateline"), [
    ("Published July 2, 2025", True), ("Mis à jour le 3 mars 2025", True), ("Updated: 12.03.2024", True),
    ("9 octobre 2025", True), ("Teacher Arrested After Exposing River Pollution", False),
    ("Activist detained since 3 March 2025 without charge", False)])
def test_a_dateline_is_a_date_and_a_few_words_at_most(line, dateline):
    assert is_dateline(line) is dateline


def test_a_dateline_under_the_country_is_never_the_headline():
    text = ("Urgent Action\nTeacher Arrested After Exposing River Pollution\nUA 12/25\nGhana\n"
            "Published July 2, 2025\n\nAna Ruiz, a teacher from a small town, was arrested at her home after she "
            "posted photographs of waste flowing into the river.\n")
    assert parse_ua_text(text).title == "Teacher Arrested After Exposing River Pollution"


@pytest.mark.parametrize(("top", "ordinal", "label"), [
    ("ACCIÓN URGENTE – ACTUALIZACIÓN 1\nAU 118/21", 2, "Actualización 1"),
    ("UA 118/21 – Update 2", 3, "Update 2"),
    ("Aktualisierung 3 zu UA 118/21", 4, "Aktualisierung 3"),
    ("ACTION URGENTE – NOUVELLES INFORMATIONS\nAU 118/21", None, "Nouvelles informations"),
])
def test_a_follow_up_that_numbers_its_update_says_which_sheet_it_is(top, ordinal, label):
    imported = parse_ua_text(f"{top}{BODY}")
    assert (imported.ua_number, imported.ordinal, imported.ordinal_label) == ("UA 118/21", ordinal, label)

@pytest.mark.parametrize("header", ["AMNESTY INTERNATIONAL USA      URGENT ACTION NETWORK",
                                    "Amnesty International Section of Exampleland - Urgent Action"])
def test_the_senders_name_with_its_banner_is_never_the_title(header):
    text = (f"{header}\n\nURGENT ACTION\nFISHERS DETAINED AFTER A PROTEST\nThree fishers were detained on 2 May after "
            "they protested peacefully against a dam that threatens their river, and they have not seen a lawyer.\n")
    assert parse_ua_text(text).title.casefold() == "fishers detained after a protest"


@pytest.mark.parametrize(("banner", "below"), [("URGENT ACTIONS", "March 3, 2021 | Peru | UA 12/21"),
                                               ("Urgent Action", "UA 44/20")])
def test_a_headline_under_the_banner_and_over_the_date_line_is_the_title(banner, below):
    text = (f"Skip to main content\n\nHome / Our Work / Fishers Held After Protest\n\n{banner}\nFishers Held After "
            f"Protest\n{below}\n\nThree fishers were detained on 2 May after they protested peacefully against a dam "
            "that threatens their river, and they have not seen a lawyer since.\n")
    assert parse_ua_text(text).title == "Fishers Held After Protest"


@pytest.mark.parametrize("intro", ["I therefore urge you to:", "I call on you to:"])
def test_letter_demands_one_a_line_after_an_introduction_in_its_own_paragraph(intro):
    text = ("SAMPLE LETTER\n\nDear Minister,\n\nI am writing about the fishers held in Exampleton since May.\n\n"
            f"{intro}\n\nRelease the three fishers at once and without conditions;\nDrop every charge brought against "
            "them for the protest;\nProtect their families from threats and reprisals.\n\nYours sincerely,\n")
    assert parse_ua_text(text).demands == ["Release the three fishers at once and without conditions",
                                           "Drop every charge brought against them for the protest",
                                           "Protect their families from threats and reprisals."]


@pytest.mark.parametrize("text, codes", [
    ("Bitte schreiben Sie höflich an die Behörden. Gewünschte Sprachen: Türkisch oder Deutsch.", ("tr", "de")),
    ("Write a polite letter to the officials below. Accepted languages: Tamil, English.", ("ta", "en")),
])
def test_a_languages_label_inside_a_paragraph_of_instructions(text, codes):
    values = sentence_values(text)
    assert values is not None and values.languages == codes


@pytest.mark.parametrize(("text", "country"), [
    ("KOSOVO: Reporter threatened after covering a tender\n\nA reporter was threatened.\n", "XK"),
    ("Eilaktion\n\nKosovo\nReporterin nach Drohungen ohne Schutz\n\nEine Reporterin wurde bedroht.\n", "XK"),
])
def test_kosovo_is_a_country_by_the_code_postal_services_use(text, country):
    """ISO 3166 gives Kosovo no code of its own yet; "XK" stands for it, as the locale data and the postal
    formats have it, so that the case and its officials' addresses have their country."""
    assert parse_ua_text(text).country == country


def test_kosovo_is_named_and_offered_as_a_country():
    assert (country_name("XK"), country_name("XK", "de"), is_country_code("xk")) == ("Kosovo", "Kosovo", True)
    assert ("XK", "Kosovo") in country_choices()


@pytest.mark.parametrize("top", [
    "Amnesty International Exampleland\nURGENT ACTION\nUA-12/2026\nGhana\n",
    "Amnesty International Exampleland\nGhana\n",
])
def test_the_headline_of_a_sheet_with_no_blank_lines_under_its_letterhead(top):
    """A sheet that parts nothing by blank lines runs on from its letterhead: the sender's name or the country
    alone opening the paragraph start no running text, so the line under the country is still the headline."""
    text = (f"{top}Teacher held after exposing river pollution\nAccra, 2 December 2026\n"
            "Ana Mensah, a teacher, was arrested at her home after she posted photographs of waste flowing into "
            "the river. She is held without charge.\nWhat you can do\n")
    assert parse_ua_text(text).title == "Teacher held after exposing river pollution"


@pytest.mark.parametrize(("place", "country"), [("Nassau, The Bahamas", "BS"),
                                                ("Santo Domingo, the Dominican Republic", "DO")])
def test_a_country_named_after_its_english_article(place, country):
    text = (f"PERU: A TITLE\n\nA summary.\n\nWrite to:\nMinister of the Interior\nMr Paul Sample\n"
            f"Ministry of the Interior\nPO Box 12\n{place}\nEmail: minister@interior.example\n")
    [target] = parse_ua_text(text).targets
    assert (target.city, target.country) == (place.partition(",")[0], country)


@pytest.mark.parametrize("heading, sentence, codes", [
    ("ACTION RECOMMANDÉE", "Envoyez un appel, en portugais ou en français, le plus rapidement possible et jusqu'au "
     "14 janvier 2027 au plus tard.", ["pt", "fr"]),
    ("RECOMMENDED ACTION", "Send an appeal, in Portuguese or English, as quickly as possible and before 14 January "
     "2027.", ["pt", "en"]),
])
def test_a_heading_above_a_sentence_that_gives_the_values_does_not_hide_its_languages(heading, sentence, codes):
    """A heading with no stop of its own right above the sentence is no start of it: read with it, the sentence's
    verb no longer opens it and its languages were lost."""
    imported = parse_ua_text(f"CABO VERDE: A TITLE\n\nA summary of the case.\n\n{heading}\n{sentence}\n")
    assert (imported.preferred_languages, str(imported.deadline)) == (codes, "2027-01-14")


@pytest.mark.parametrize("header", [
    "UA-Nummer: 149/26 · Index: EUR 33/0149/2026 · 1. Dezember 2026",
    "UA Number: 149/26",
    "AU número 149/26",
])
def test_the_word_for_number_written_out_between_ua_and_its_number(header):
    assert parse_ua_text(f"A TITLE\n{header}\n\nA summary.").ua_number == "UA 149/26"


@pytest.mark.parametrize("meta", ["Land: Afghanistan      Datum: 03.10.2017", "Country: Malta   Date: 1 December 2026"])
def test_a_line_of_labelled_values_below_the_ua_number_is_no_title(meta):
    text = (f"URGENT ACTION\nUA-Nummer: UA 152/17     AI-Index: ASA 11/7421/2017\n{meta}\n\nACTIVIST THREATENED\n\n"
            "A summary.")
    imported = parse_ua_text(text)
    assert (imported.ua_number, imported.title.casefold()) == ("UA 152/17", "activist threatened")


@pytest.mark.parametrize("letterhead", [
    "312 Example Avenue East, Ottawa, Ontario K1N 1H9",
    "1 Example Street, Toronto, ON M5V 2T6",
])
def test_a_senders_address_with_its_province_is_no_title(letterhead):
    text = (f"AMNESTY INTERNATIONAL CANADA\n{letterhead}\nTel: (613) 744-7667\n\nUA 155/26 Index: EUR 71/0155/2026\n\n"
            "URGENT ACTION\n\nFORCED EVICTION FEARED\n\nA summary of the case.")
    assert parse_ua_text(text).title.casefold() == "forced eviction feared"


@pytest.mark.parametrize("line, country, title", [
    ("CZECH REPUBLIC          Forced eviction/ fear for safety", "CZ", "Forced eviction/ fear for safety"),
    ("SRI LANKA     Fear of torture", "LK", "Fear of torture"),
])
def test_a_country_in_its_column_before_the_title_is_the_cases(line, country, title):
    text = f"UA 155/26 Index: EUR 71/0155/2026\n\nURGENT ACTION\n\n{line}\n\nA summary of the case."
    imported = parse_ua_text(text)
    assert (imported.country, imported.title) == (country, title)


@pytest.mark.parametrize("banner_line", [
    "URGENT ACTION                                   UA-Nr. 143/2026",
    "URGENT ACTION · UA No. 143/26",
])
def test_the_ua_number_after_the_banner_and_the_word_for_number(banner_line):
    imported = parse_ua_text(f"amnesty international österreich\n\n{banner_line}\nTÜRKEI\nEin Titel\n\nText.\n")
    assert imported.ua_number == "UA 143/26"


@pytest.mark.parametrize(("line", "number"), [
    ("Urgent Action · Kenia · UA-088/26 · AFR 32/1234/2026", "UA 88/26"),
    ("Home | Actions | Belarus (UA-17/2026) | Donate", "UA 17/26"),
])
def test_a_ua_number_joined_by_a_hyphen_in_the_middle_of_a_line(line, number):
    """A page's header line may name the UA number among other things, joined to "UA" by a hyphen."""
    text = (f"{line}\n\nKenia: Aktivistin in Haft\n\nDie Aktivistin Wanjiru Beispiel wurde am 2. Mai 2026 "
            "festgenommen.\n")
    assert parse_ua_text(text).ua_number == number


@pytest.mark.parametrize(("name", "code"), [("VOLKSREPUBLIK CHINA", "CN"), ("Volksrepublik Bangladesch", "BD")])
def test_a_peoples_republic_in_german_is_its_country(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize(("first", "second", "deadline"), [
    ("Please send appeals to arrive as quickly as possible, and in any case not later than",
     "3 March 2027.", date(2027, 3, 3)),
    ("Write to the officials below so that your letters arrive not later than 18 February",
     "2027, and sooner if you can.", date(2027, 2, 18)),
])
def test_not_later_than_a_date_in_a_sentence_about_acting_gives_the_deadline(first, second, deadline):
    imported = parse_ua_text(f"UA 12/27\n\nA summary of the case.\n\n{first}\n{second}\n")
    assert imported.deadline == deadline
    assert imported.demands == []


@pytest.mark.parametrize(("sentence", "deadline"), [
    ("Bitte sofort handeln. Sie sollten nicht nach dem 20. Januar 2027 eintreffen.", date(2027, 1, 20)),
    ("Bitte sofort handeln. Sie sollten bis zum 3. März 2027 eintreffen.", date(2027, 3, 3)),
])
def test_a_german_sentence_about_when_letters_arrive_gives_the_deadline(sentence, deadline):
    imported = parse_ua_text(f"UA 12/27\n\nEine Zusammenfassung des Falls.\n\n{sentence}\n")
    assert imported.deadline == deadline


@pytest.mark.parametrize(("header", "banner"), [
    ("First UA: 118/21 Index: AMR 51/0950/2021 USA", "URGENT ACTION UPDATE"),
    ("Primera AU: 118/21 Índice: AMR 46/0950/2021", "ACCIÓN URGENTE – ACTUALIZACIÓN"),
])
def test_the_first_uas_number_heading_an_update_leaves_it_a_follow_up(header, banner):
    imported = parse_ua_text(f"{header}\n\n{banner}{BODY}")
    assert imported.ua_number == "UA 118/21"
    assert imported.is_follow_up


def test_a_first_ua_header_without_any_follow_up_word_is_the_first_sheet():
    imported = parse_ua_text(f"First UA: 118/21\n\nURGENT ACTION{BODY}")
    assert (imported.ordinal, imported.is_follow_up) == (1, False)


@pytest.mark.parametrize(("sentence", "deadline"), [
    ("Bitte schreiben Sie sofort und nicht mehr nach dem 4. Juni 2026.", "4. Juni 2026"),
    ("Schreiben Sie möglichst sofort, aber nicht mehr über den 18. März 2026 hinaus.", "18. März 2026"),
])
def test_a_german_deadline_after_no_more(sentence, deadline):
    """'… sofort und nicht mehr nach dem 4. Juni 2026': 'mehr' may stand between 'nicht' and the date's words."""
    values = sentence_values(sentence)
    assert values is not None and values.deadline == deadline
