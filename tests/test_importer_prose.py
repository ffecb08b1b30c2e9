"""The importer's reading of officials named in prose and of the envelopes that follow: asides between the verb
that asks to write and the first official, a copy asked for with a gerund, a title written in two parts; and of
demands asked for in one German sentence, each ending in its verb. Each sheet here is a few invented lines, just
enough to show one rule; nothing of a sheet may be lost.
"""
from __future__ import annotations

import re

import pytest

from campaigns.importer import parse_ua_text
from campaigns.importer.prose import asked_demands
from tests.test_importer import read


def test_asides_between_the_verb_and_the_official_are_skipped_and_the_languages_kept():
    text = ("Écrivez une lettre ou un courriel, en français ou en anglais, avec vos propres mots, au ministre de "
            "l'Intérieur, M. Luc Moreau, Ministère de l'Intérieur, BP 12, Exempleville, Cameroun (courriel : "
            "ministre@interieur.example).\n")
    imported = read(text)
    [target] = imported.targets
    assert (target.title, target.name, target.country) == ("Ministre de l'Intérieur", "Luc Moreau", "CM")
    assert imported.preferred_languages == ["fr", "en"]


@pytest.mark.parametrize("text, deadline, names", [
    ("Veuillez envoyer vos appels jusqu'au 20 janvier 2027 au ministre de la Justice, M. Alpha Camara, BP 564, "
     "Exempleville, Guinée, courriel : cabinet@justice.example (Formule d'appel : Monsieur le Ministre,), ainsi qu'au "
     "procureur général, M. Ibrahima Diallo, BP 1122, Exempleville, Guinée, courriel : parquet@justice.example "
     "(Formule d'appel : Monsieur le Procureur général,).\n", "2027-01-20", ["Alpha Camara", "Ibrahima Diallo"]),
    ("Please send appeals before 3 October 2027 to the Minister of Interior, Mr Samir Haddad, Ministry of Interior, "
     "PO Box 100, Amman, Jordan, email: minister@moi.example (Salutation: Dear Minister,), and to the Prime "
     "Minister, Mr Omar Nasser, Prime Ministry, PO Box 80, Amman, Jordan, email: pm@pm.example.\n", "2027-10-03",
     ["Samir Haddad", "Omar Nasser"]),
    ("Envíen sus llamamientos antes del 5 de mayo de 2027 al Fiscal General de la República, Lic. Ernesto Vidal, "
     "Fiscalía General, 19 Calle Poniente, San Salvador, El Salvador, correo-e: fiscal@fgr.example.\n", "2027-05-05",
     ["Ernesto Vidal"]),
])
def test_the_deadline_between_the_verb_and_the_officials_without_commas_is_skipped_and_read(text, deadline, names):
    """'Veuillez envoyer vos appels jusqu'au 20 janvier 2027 au ministre …': a deadline set between the request to
    write and its first official with no comma around it hides neither the officials nor the date."""
    imported = read(text)
    assert [target.name for target in imported.targets] == names
    assert str(imported.deadline) == deadline


def test_a_copy_asked_for_with_a_gerund_is_a_copy_in_french_and_english():
    text = ("Écrivez au ministre de l'Intérieur, M. Luc Moreau, BP 12, Exempleville, Cameroun, en envoyant une "
            "copie à l'ambassade du Cameroun, Avenue Louise 9, 1050 Bruxelles (courriel : amb@cm.example).\n")
    imported = read(text)
    assert [copy.organisation for copy in imported.copies] == ["Ambassade du Cameroun"]
    english = read("Write to the Minister of the Interior, Mr Paul Okafor, 12 Main Road, Abuja, Nigeria, sending "
                   "a copy to the Embassy of Nigeria, 3 Side Street, Washington DC 20008 (email: emb@ng.example).\n")
    assert [copy.organisation for copy in english.copies] == ["Embassy of Nigeria"]


def test_a_sentence_that_wraps_over_seven_lines_is_read_whole():
    text = ("Écrivez une lettre,\nen français,\nau ministre de l'Intérieur,\nM. Luc Moreau,\n"
            "Ministère de l'Intérieur,\nBP 12, Exempleville,\nCameroun (courriel : ministre@interieur.example).\n")
    [target] = read(text).targets
    assert (target.organisation, target.emails) == ("Ministère de l'Intérieur", ["ministre@interieur.example"])


def test_a_second_title_before_the_honorific_goes_on_with_the_title():
    [target] = read("Écrivez au ministre de la Justice, Garde des Sceaux, M. Luc Moreau, Ministère de la Justice, "
                    "BP 12, Exempleville, Cameroun (courriel : ministre@justice.example).\n").targets
    assert (target.title, target.organisation) == ("Ministre de la Justice, Garde des Sceaux",
                                                   "Ministère de la Justice")


def test_a_copy_label_with_a_colon_heads_a_one_line_copy_in_french_spanish_and_german():
    for label in ("Copie", "Copia", "Kopie"):
        text = ("Monsieur le Ministre,\n\nJe vous écris au sujet de Paul.\n\n"
                f"{label} : Mme Awa Diallo, Présidente, Conseil national des droits de l'homme, 12 rue des Palmes, "
                "16000 Alger, Algérie, Courriel : cndh@cndh.example, Tél. : +213 21 55 00 00\n")
        [copy] = read(text).copies
        assert (copy.honorific, copy.name, copy.title) == ("Mme", "Awa Diallo", "Présidente")
        assert (copy.postcode, copy.city, copy.country, copy.emails) == ("16000", "Alger", "DZ", ["cndh@cndh.example"])


def test_two_envelopes_interleaved_below_the_instructions_start_the_targets():
    text = ("Take action\n\nWrite a letter to both officials listed below.\n\n"
            "GOVERNOR OF EXAMPLE STATE\nATTORNEY GENERAL OF EXAMPLE STATE\nLic. Mario Ruiz Vega\nMtra. Ana Soto Paz\n"
            "Gobierno del Estado\nFiscalía General del Estado\nCalle Uno 5, Col. Centro\nCalle Dos 9, Col. Norte\n"
            "Ciudad Ejemplo, Oaxaca, C.P. 68000\nCiudad Ejemplo, Oaxaca, C.P. 68050\nMexico\nMexico\n"
            "Email: gob@estado.example\nEmail: fiscal@estado.example\n")
    governor, attorney = read(text).targets
    assert (governor.honorific, governor.name, governor.title) == (
        "Lic.", "Mario Ruiz Vega", "Governor of Example State")
    assert (attorney.honorific, attorney.name, attorney.organisation) == (
        "Mtra.", "Ana Soto Paz", "Fiscalía General del Estado")
    assert (attorney.city, attorney.region, attorney.postcode, attorney.country) == (
        "Ciudad Ejemplo", "Oaxaca", "68050", "MX")
    assert attorney.emails == ["fiscal@estado.example"]


def test_a_city_line_with_a_state_and_a_postcode_label():
    [target] = read("Write to:\n\nMr Juan Pérez\nCalle Uno 5\nMedellín, Antioquia, C.P. 050021\nColombia\n").targets
    assert (target.city, target.region, target.postcode, target.country) == ("Medellín", "Antioquia", "050021", "CO")


@pytest.mark.parametrize(("line", "city", "region", "postcode"), [
    ("C.P. 58000, Morelia, Michoacán, México", "Morelia", "Michoacán", "58000"),
    ("C.P. 80000 Culiacán, Sinaloa, Mexico", "Culiacán", "Sinaloa", "80000"),
    ("C.P. 06700, Ciudad de México, México", "Ciudad de México", "", "06700"),
])
def test_a_city_line_with_its_labelled_postcode_first(line, city, region, postcode):
    [target] = read(f"Write to:\n\nLic. Ana Ejemplo\nFiscalía del Estado\nCalle Uno 5, Col. Centro\n{line}\n").targets
    assert (target.city, target.region, target.postcode, target.country) == (city, region, postcode, "MX")


def test_a_rank_before_a_name_with_a_hyphenated_particle():
    [target] = read("Write to:\n\nPublic Prosecutor, Counsellor Omar Fathy el-Masry, Office of the Public Prosecutor, "
                    "1 Nile Road, Cairo, Egypt, Email: ppo@ppo.example\n").targets
    assert (target.title, target.honorific, target.name) == ("Public Prosecutor", "Counsellor", "Omar Fathy el-Masry")
    assert target.organisation == "Office of the Public Prosecutor"


def test_a_one_line_copy_wrapped_after_a_comma():
    text = ("And copy to: His Excellency Amir Nabil Fahmy, Ambassador, Embassy of Egypt,\n"
            "18 Example Mews, London SW1X 8RT, United Kingdom\nTel: 020 7555 0000\n")
    [copy] = read(text).copies
    assert (copy.organisation, copy.address_lines) == ("Embassy of Egypt", ["18 Example Mews"])
    assert (copy.city, copy.postcode, copy.country, copy.phone) == ("London", "SW1X 8RT", "GB", "020 7555 0000")


def test_a_model_letter_heading_after_a_lead_and_before_its_language():
    text = ("APPELL AN\n\nINNENMINISTER\nHerrn Jan Novak\nInnenministerium\nHauptstraße 1\n10117 Berlin\n"
            "E-Mail: minister@innen.example\n\nPLEASE WRITE – BRIEFVORSCHLAG (Englisch)\nDear Minister,\n"
            "I am writing to you about Ana Ruiz.\nYours sincerely,\n")
    imported = read(text)
    assert [target.name for target in imported.targets] == ["Jan Novak"]
    assert imported.template is not None and "Ana Ruiz" in imported.template.body
    assert imported.copies == []


def test_a_case_header_of_two_people_in_capitals_each_with_who_they_are():
    imported = read("URGENT ACTION\nKASACHSTAN\n\nNURLAN ABENOV, Gewerkschafter, und AIGERIM SULTANBEKOVA, "
                    "Rechtsberaterin\n\nNurlan Abenov und Aigerim Sultanbekova wurden bedroht.\n")
    assert [person.name for person in imported.people] == ["Nurlan Abenov", "Aigerim Sultanbekova"]


def test_a_numbered_step_that_gives_the_languages_to_write_in():
    text = ("TAKE ACTION\n\n1. Write a letter in your own words.\n"
            "2. Letters may be written in Arabic, French or your own language.\n")
    assert read(text).preferred_languages == ["ar", "fr"]


def test_a_deadline_written_as_the_ordinal_of_a_month():
    text = ("Send appeals to:\n\nMinister of Justice\nMr Omar Said\nMinistry of Justice\nRiyadh 11137\nSaudi Arabia\n\n"
            "Please send appeals immediately. Appeals should reach the authorities before the 26th of December "
            "2024; after that date, check with the office before sending.\n")
    assert read(text).deadline.isoformat() == "2024-12-26"


def test_one_sentence_gives_each_official_the_salutation_after_its_role():
    text = ("Send appeals to:\n\nMinister of Justice\nMr Omar Said\nMinistry of Justice\nRiyadh 11137\nSaudi Arabia\n\n"
            "President, Human Rights Commission\nDr Sami Nour\nHuman Rights Commission\nRiyadh 11515\nSaudi Arabia\n\n"
            'Please begin letters to the Minister "Your Excellency" and letters to the President of the '
            'Commission "Dear Dr Nour".\n')
    minister, president = read(text).targets
    assert (minister.salutation, president.salutation) == ("Your Excellency", "Dear Dr Nour")


def test_salutations_that_name_no_role_of_the_officials_stay_unplaced():
    text = ("Send appeals to:\n\nMinister of Justice\nMr Omar Said\nMinistry of Justice\nRiyadh 11137\nSaudi Arabia\n\n"
            'Please write "urgently" and "politely" to the authorities.\n')
    imported = read(text)
    assert imported.targets[0].salutation == ""


def test_interleaved_columns_of_different_lengths_keep_each_salutation():
    text = ("Write to:\n\nGOVERNOR OF EXAMPLE STATE\nATTORNEY GENERAL OF EXAMPLE STATE\nLic. Mario Ruiz Vega\n"
            "Mtra. Ana Soto Paz\nGobierno del Estado\nFiscalía General del Estado\nCalle Uno 5\nCalle Dos 9\n"
            "Ciudad Ejemplo, Oaxaca, C.P. 68000\nCiudad Ejemplo, Oaxaca, C.P. 68050\nMexico\nMexico\n"
            "Email: gob@estado.example\nEmail: fiscal@estado.example\nSalutation: Dear Governor\n"
            "Phone: +52 951 555 0000\nSalutation: Dear Attorney General\n")
    governor, attorney = read(text).targets
    assert (governor.salutation, governor.phone) == ("Dear Governor", "")
    assert (attorney.salutation, attorney.phone) == ("Dear Attorney General", "+52 951 555 0000")


@pytest.mark.parametrize(("sentence", "asked"), [
    # Each demand ends in its verb; "und" right after one starts the next, "und" inside one does not.
    ("Ich fordere Sie auf, Jonas Keller sofort und bedingungslos freizulassen, die Anklagen gegen ihn fallen zu "
     "lassen und sicherzustellen, dass er seine Kinder sehen darf.",
     ("Ich fordere Sie auf,", ["und"], ["Jonas Keller sofort und bedingungslos freizulassen",
                                        "die Anklagen gegen ihn fallen zu lassen",
                                        "sicherzustellen, dass er seine Kinder sehen darf"])),
    # A clause after the verb ("dass …") stays with its demand, and the comma that closes it starts the next.
    ("Bitte fordern Sie die Behörden auf, Mira Sander umgehend freizulassen, zu gewährleisten, dass sie Zugang zu "
     "ihren Anwälten und Ärzten hat, und die Vorwürfe der Misshandlung unabhängig zu untersuchen.",
     ("Bitte fordern Sie die Behörden auf,", ["und"], ["Mira Sander umgehend freizulassen",
                                                       "zu gewährleisten, dass sie Zugang zu ihren Anwälten und "
                                                       "Ärzten hat",
                                                       "die Vorwürfe der Misshandlung unabhängig zu untersuchen"])),
    ("Fordern Sie den Innenminister auf, das Verfahren gegen Lea Brandt einzustellen und ihr Ausreiseverbot "
     "aufzuheben.",
     ("Fordern Sie den Innenminister auf,", ["und"], ["das Verfahren gegen Lea Brandt einzustellen",
                                                      "ihr Ausreiseverbot aufzuheben"])),
    # Names listed before one verb are one demand; "zu den Akten" is no verb.
    ("Fordere die Behörden auf, Jonas Keller, Mira Sander und Lea Brandt freizulassen.",
     ("Fordere die Behörden auf,", [], ["Jonas Keller, Mira Sander und Lea Brandt freizulassen"])),
    ("Fordern Sie die Staatsanwaltschaft auf, den Anwälten Zugang zu den Akten und den Zeugen zu geben.",
     ("Fordern Sie die Staatsanwaltschaft auf,", [], ["den Anwälten Zugang zu den Akten und den Zeugen zu geben"])),
])
def test_a_german_sentence_asks_for_each_demand_up_to_its_verb(sentence, asked):
    assert asked_demands(sentence) == asked


def test_a_german_paragraph_after_the_officials_that_asks_for_the_demands_gives_them():
    text = ("Schreiben Sie an:\nINNENMINISTER\nHerrn Tarek Nasser\nInnenministerium\nMusterallee 4\n"
            "10115 Beispielstadt\nE-Mail: minister@inneres.example\n\n"
            "Bitte fordern Sie ihn auf, Jonas Keller sofort freizulassen und ihm bis dahin Kontakt zu seiner "
            "Familie zu ermöglichen.\n")
    imported = read(text)
    assert imported.demands == ["Jonas Keller sofort freizulassen",
                                "Ihm bis dahin Kontakt zu seiner Familie zu ermöglichen"]
    assert imported.targets[0].name == "Tarek Nasser" and imported.sources["demands.0"] == (9, 9)


def test_a_german_prose_instruction_that_goes_on_to_ask_for_the_demands():
    text = ("Schreiben Sie an den Justizminister, Herrn Tarek Nasser, Justizministerium, Musterallee 4, "
            "10115 Beispielstadt, E-Mail: minister@justiz.example, und fordern Sie ihn auf, Jonas Keller "
            "freizulassen und die Folgen seiner Haft zu untersuchen.\n")
    imported = read(text)
    assert imported.demands == ["Jonas Keller freizulassen", "Die Folgen seiner Haft zu untersuchen"]
    assert [target.name for target in imported.targets] == ["Tarek Nasser"]


def test_a_prose_official_with_an_email_and_no_number_and_the_salutation_line_below():
    text = ("Envoyez une lettre au ministre de la Santé, M. Olivier Dossou, Ministère de la Santé, Route de "
            "l'Aéroport, Cotonou, Bénin, courriel : cabinet@sante-bj.example\n"
            "Formule d'appel : Monsieur le Ministre,\n")
    [target] = read(text).targets
    assert (target.title, target.name, target.city, target.country) == (
        "Ministre de la Santé", "Olivier Dossou", "Cotonou", "BJ")
    assert target.emails == ["cabinet@sante-bj.example"]
    assert target.salutation == "Monsieur le Ministre,"


def test_the_salutation_in_the_last_clause_of_a_prose_sentence_keeps_its_comma_inside_the_quotes():
    text = ("Vous pouvez aussi écrire à la procureure générale, Mme Awa Diallo, Parquet général, Rue Carnot, "
            "Dakar, Sénégal, courriel : parquet@justice-sn.example, en commençant votre lettre par "
            "« Madame la Procureure générale, ».\n")
    [target] = read(text).targets
    assert (target.name, target.organisation, target.country) == ("Awa Diallo", "Parquet général", "SN")
    assert target.salutation.rstrip(", ") == "Madame la Procureure générale"


def test_demands_one_a_line_without_bullets_under_an_introduction_that_ends_in_a_comma():
    text = ("Amnesty International fordert den Justizminister auf,\n"
            "Jonas Keller umgehend und ohne Bedingungen freizulassen und das Verfahren einzustellen;\n"
            "die Berichte über seine Misshandlung in der Haft unabhängig prüfen zu lassen;\n"
            "seiner Familie bis dahin regelmäßige Besuche zu erlauben.\n")
    imported = read(text)
    assert imported.demands == ["Jonas Keller umgehend und ohne Bedingungen freizulassen und das Verfahren "
                                "einzustellen",
                                "Die Berichte über seine Misshandlung in der Haft unabhängig prüfen zu lassen",
                                "Seiner Familie bis dahin regelmäßige Besuche zu erlauben"]
    english = read("We urge the Minister of Justice to,\nrelease Mira Sander at once;\nlet her see her lawyer;\n"
                   "investigate the raid on her office.\n")
    assert len(english.demands) == 3


def test_lines_under_an_introduction_with_a_comma_that_do_not_end_as_a_list_are_no_demands():
    text = ("Amnesty International fordert den Justizminister auf,\n"
            "Jonas Keller freizulassen, wie es das Gericht schon im Mai\n"
            "angeordnet hat, und ihm Zugang zu einem Anwalt zu geben.\n")
    imported = read(text)
    assert imported.demands == [] and "wie es das Gericht schon im Mai angeordnet hat" in imported.summary


@pytest.mark.parametrize("opening", [
    "Nous vous demandons d'écrire, si possible par courriel,",
    "Je vous propose d'écrire, en vous aidant de la lettre ci-dessous,",
])
def test_an_instruction_opened_by_words_to_the_reader_names_its_officials(opening):
    text = (f"{opening} à Madame Awa Koné Diallo, ministre des Droits humains, Ministère des Droits humains, "
            "Rue des Palmiers, BP 45, Exempleville, Sénégal (courriel : cabinet@droits.example ; Twitter : "
            "@ExempleMin). Formule d'appel : Madame la Ministre,\n")
    imported = read(text)
    [target] = imported.targets
    assert (target.honorific, target.name, target.title) == ("Madame", "Awa Koné Diallo", "ministre des Droits humains")
    assert (target.organisation, target.country, target.emails) == ("Ministère des Droits humains", "SN",
                                                                    ["cabinet@droits.example"])
    assert target.salutation.rstrip(",") == "Madame la Ministre"


def test_an_instruction_opened_by_words_that_speak_to_no_reader_names_no_official():
    text = ("Les policiers ont refusé d'écrire à Monsieur Jean Exemple, avocat, Rue des Lilas 4, BP 9, Exempleville, "
            "Sénégal.\n")
    assert parse_ua_text(text).targets == []


@pytest.mark.parametrize("described, office", [
    ("l'ambassade du Mali en Suisse", "Ambassade de la République du Mali"),
    ("le consulat général du Niger à Genève", "Consulat général de la République du Niger"),
])
def test_the_office_after_the_person_is_the_envelopes_not_the_one_the_sentence_names_first(described, office):
    text = (f"Envoyez une copie de vos appels à {described}, Son Excellence Monsieur Issa Exemple Traoré, "
            f"ambassadeur, {office}, Route de Lausanne 12, 1202 Genève (courriel : info@exemple-ml.example).\n")
    [copy] = read(text).copies
    assert (copy.name, copy.organisation, copy.address_lines) == ("Issa Exemple Traoré", office,
                                                                  ["Route de Lausanne 12"])


@pytest.mark.parametrize("contacts, emails, phone", [
    ("Courriel : chancellerie@exemple-tg.example.", ["chancellerie@exemple-tg.example"], ""),
    ("Tél. : +32 2 555 01 02 ; courriel : info@ambatogo.example.", ["info@ambatogo.example"], "+32 2 555 01 02"),
    ("Adresse électronique : ambassade@tg-bxl.example. Téléphone : +32 2 555 09 09.", ["ambassade@tg-bxl.example"],
     "+32 2 555 09 09"),
])
def test_a_copy_whose_contacts_follow_in_their_own_sentence_keeps_them(contacts, emails, phone):
    text = (f"Merci d'adresser également une copie à l'ambassadeur du Togo en Belgique, Son Excellence Monsieur "
            f"Komi Exemple Agbo, Ambassade de la République togolaise, rue de l'Exemple 8, 1040 Etterbeek. "
            f"{contacts}\n")
    [copy] = read(text).copies
    assert (copy.name, copy.organisation, copy.postcode, copy.city) == ("Komi Exemple Agbo",
                                                                        "Ambassade de la République togolaise",
                                                                        "1040", "Etterbeek")
    assert (copy.emails, copy.phone) == (emails, phone)


@pytest.mark.parametrize("text, title, name, email", [
    ("Copies à l'ambassadeur du Togo en Belgique, S. E. M. Komi Exemple Agbo, Ambassade de la République togolaise, "
     "rue de l'Exemple 8,\n1040 Etterbeek. Tél. : 02 555 01 02. Courriel :\ninfo@ambatogo.example.\n",
     "ambassadeur du togo en belgique", "Komi Exemple Agbo", "info@ambatogo.example"),
    ("Copies à la ministre des Affaires étrangères, Mme Awa Exemple Kodjo, Ministère des Affaires étrangères, BP 12,"
     "\nLomé, Togo. Courriel :\nministre@exemple-tg.example.\n",
     "ministre des affaires étrangères", "Awa Exemple Kodjo", "ministre@exemple-tg.example"),
])
def test_a_prose_copy_opened_by_its_languages_copy_words_with_a_contact_label_ending_a_line(text, title, name, email):
    """'Copies à …' is French before it is English 'Copies': the longest words that hand over to the officials lead
    the sentence, so the role after them is the copy's title; and a contact's label ending a line ('Courriel :')
    carries the sentence on to its value below."""
    [copy] = read(f"PERU: A TITLE\n\nA summary.\n\n{text}").copies
    assert (copy.title.casefold(), copy.name, copy.emails) == (title, name, [email])


def test_a_target_with_a_three_digit_postcode_and_its_contacts_in_the_next_sentences():
    text = ("Rédigez votre appel et adressez-le à la ministre de l'Intérieur, Madame Voahangy Exemple, Ministère de "
            "l'Intérieur, Lalana Exemple 4, Toamasina 501, Madagascar. Courriel : ministre@interieur-mg.example. "
            "Formule d'appel : Madame la Ministre,\n")
    [target] = read(text).targets
    assert (target.name, target.city, target.postcode, target.country) == ("Voahangy Exemple", "Toamasina", "501",
                                                                            "MG")
    assert target.emails == ["ministre@interieur-mg.example"]
    assert target.salutation.rstrip(",") == "Madame la Ministre"


@pytest.mark.parametrize("sentence, demands", [
    ("I call on you to free Tomas Brandt at once; to drop every charge brought against him for the march; "
     "and to let his family and lawyer visit him while he is held.",
     ["Free Tomas Brandt at once", "Drop every charge brought against him for the march",
      "Let his family and lawyer visit him while he is held."]),
    ("Le pido que ponga en libertad a Ilse Varga sin condiciones; que retire los cargos presentados contra ella; "
     "y que proteja a los testigos del caso.",
     ["Ponga en libertad a Ilse Varga sin condiciones", "Retire los cargos presentados contra ella",
      "Proteja a los testigos del caso."]),
])
def test_a_model_letter_sentence_whose_demands_are_parted_by_semicolons(sentence, demands):
    text = ("CAMEROON: Union leader held\n\nSummary.\n\nMODEL LETTER\n\nDear Minister,\n\n"
            f"{sentence}\n\nYours sincerely,\n")
    assert parse_ua_text(text).demands == demands


@pytest.mark.parametrize(("text", "names", "salutation"), [
    ("Envoyez vos appels au Premier ministre, M. Alain Kaboré, Primature, BP 7, Exempleville, Burkina Faso. "
     "Courriel : pm@primature.example. Formule d'appel : Monsieur le Premier ministre,\n\n"
     "ainsi qu'au ministre de l'Intérieur, Mme Awa Sanou, Ministère de l'Intérieur, BP 90, Exempleville, "
     "Burkina Faso. Courriel : cabinet@interieur.example. Formule d'appel : Madame la Ministre,\n\n"
     "Copie à l'ambassadeur du Burkina Faso, S. E. M. Paul Zongo, Ambassade du Burkina Faso, rue Exemple 4, "
     "1000 Bruxelles. Courriel : ambassade@bf.example.\n",
     ["Alain Kaboré", "Awa Sanou"], "Madame la Ministre"),
    ("Write to the President, Mr Daniel Mensah, State House, PO Box 12, Exampleton, Ghana, email: "
     "president@statehouse.example,\n\n"
     "and to the Inspector General of Police, Ms Efua Boateng, Police Headquarters, PO Box 3, Exampleton, Ghana, "
     "email: igp@police.example. Salutation: Dear Inspector General\n", ["Daniel Mensah", "Efua Boateng"],
     "Dear Inspector General"),
    # With no blank line: the line that joins the further official right below the salutation ending the sentence.
    ("Écrivez en français, jusqu'au 20 janvier 2027, au ministre de la Justice, M. Alpha Camara, BP 564, "
     "Exempleville, Guinée (courriel : cabinet@justice.example),\nFormule d'appel : Monsieur le Ministre,\n"
     "ainsi qu'au procureur général, M. Ibrahima Diallo, Palais de justice, BP 1122, Exempleville, Guinée "
     "(courriel : parquet@justice.example). Formule d'appel : Monsieur le Procureur général,\n",
     ["Alpha Camara", "Ibrahima Diallo"], "Monsieur le Procureur général"),
    ("Write to the President, Mr Daniel Mensah, State House, PO Box 12, Exampleton, Ghana, email: "
     "president@statehouse.example. Salutation: Dear President,\n"
     "and to the Inspector General of Police, Ms Efua Boateng, Police Headquarters, PO Box 3, Exampleton, Ghana, "
     "email: igp@police.example. Salutation: Dear Inspector General\n", ["Daniel Mensah", "Efua Boateng"],
     "Dear Inspector General"),
])
def test_a_paragraph_that_joins_a_further_official_to_the_prose_instruction_above_it(text, names, salutation):
    """A prose instruction may go on in the next paragraph with the words that join a further official ("ainsi
    qu'au ministre …", "and to the …"): that official is one more of the same kind, with its own contacts."""
    imported = read(text)
    assert [target.name for target in imported.targets] == names
    assert imported.targets[1].salutation.rstrip(",") == salutation
    assert len(imported.copies) == (1 if "Copie" in text else 0)


@pytest.mark.parametrize("sentence", [
    "Veuillez aussi envoyer une copie à l'ambassade de la République de Guinée, S. E. M. Sékou Bah, "
    "Boulevard Exemple 52, 1000 Bruxelles (courriel : ambassade@guinee.example).",
    "Veuillez également adresser une copie de votre lettre à l'ambassade du Bénin, S. E. Mme Awa Dossou, "
    "Avenue Exemple 5, 1050 Bruxelles (courriel : ambassade@benin.example).",
])
def test_a_request_to_send_a_copy_names_the_copy_in_prose(sentence):
    """'Veuillez aussi envoyer une copie à …': the reader is asked to send a copy, "aussi" before the verb."""
    text = ("GUINÉE. UNE AVOCATE ARRÊTÉE\n\nRésumé du cas.\n\nÉcrivez au ministre de la Justice, M. Alpha Camara, "
            "BP 564, Exempleville, Guinée (courriel : cabinet@justice.example).\n\n" f"{sentence}\n")
    [copy] = read(text).copies
    assert copy.organisation.startswith("Ambassade") and copy.city == "Bruxelles" and copy.emails


def test_semicolons_inside_one_demand_do_not_cut_it():
    text = ("CAMEROON: Union leader held\n\nSummary.\n\nMODEL LETTER\n\nDear Minister,\n\n"
            "I urge you to release the strikers held in Douala, Garoua and Bamenda; all of them were arrested "
            "without a warrant.\n\nYours sincerely,\n")
    assert parse_ua_text(text).demands == [
        "Release the strikers held in Douala, Garoua and Bamenda; all of them were arrested without a warrant."]


@pytest.mark.parametrize(("text", "titles"), [
    ("Écrivez au ministre de la Justice, des Droits humains et des Libertés, M. Luc Moreau, Ministère de la Justice, "
     "BP 12, Exempleville, Cameroun, courriel : cabinet@justice.example, ainsi qu'au ministre de la Défense, M. Paul "
     "Ngono, Ministère de la Défense, BP 40, Exempleville, Cameroun, courriel : sg@defense.example.\n",
     ["Ministre de la Justice, des Droits humains et des Libertés", "Ministre de la Défense"]),
    ("Write to the Minister of the Interior, of Public Safety and of Decentralisation, Mr Paul Okafor, 12 Main Road, "
     "Abuja, Nigeria, email: minister@interior.example, and to the Inspector General of Police, Mr Sam Bello, "
     "Louis Edet House, Abuja, Nigeria, email: igp@police.example.\n",
     ["Minister of the Interior, of Public Safety and of Decentralisation", "Inspector General of Police"]),
])
def test_a_role_that_goes_on_after_a_comma_and_the_next_official_joined_by_and(text, titles):
    """A clause that opens with the small word that joins a role to its office goes on with the role before it; the
    words that join a further official to the sentence ("ainsi qu'au", "and to the") are no part of its role."""
    assert [target.title for target in read(text).targets] == titles


@pytest.mark.parametrize("below, emails, salutation", [
    ("Courriel : cabinet@sante-km.example. Formule d'appel : Monsieur le Ministre,", ["cabinet@sante-km.example"],
     "Monsieur le Ministre"),
    ("Courriel : a@interieur-km.example ; courriel : b@interieur-km.example.",
     ["a@interieur-km.example", "b@interieur-km.example"], ""),
])
def test_lines_of_contacts_below_a_prose_official_that_ended_its_sentence_are_its(below, emails, salutation):
    """The sentence ends on its line ("…, Union des Comores. Fax : …."), but the paragraph goes on with sentences
    that only give the official's contacts and salutation: they are the official's."""
    text = ("Envoyez vos appels au ministre de la Santé, M. Said Exemple, Ministère de la Santé, BP 77, Fomboni,\n"
            f"Comores. Fax : +269 770 00 00.\n{below}\n")
    [target] = read(text).targets
    assert (target.name, target.fax, target.emails) == ("Said Exemple", "+269 770 00 00", emails)
    assert target.salutation.rstrip(",") == salutation


@pytest.mark.parametrize("office", [
    "Ministère de la Justice, des Affaires islamiques et de l'Administration pénitentiaire",
    "Ministère de l'Éducation, de la Recherche et des Arts",
    "Ministry of Health, of Population and Social Affairs",
])
def test_an_office_whose_name_goes_on_after_a_comma_with_a_small_word_stays_whole(office):
    """A clause that starts with the small word joining an office to its further names ("…, des Affaires …") goes
    on with the office before it: it is no address line."""
    text = (f"Écrivez au ministre, M. Ali Exemple, {office}, BP 9, Mutsamudu, Comores. "
            "Courriel : ministre@exemple-km.example.\n")
    [target] = read(text).targets
    assert (target.organisation, target.address_lines, target.city) == (office, ["BP 9"], "Mutsamudu")


@pytest.mark.parametrize(("text", "names", "salutations"), [
    ("Envoyez vos appels au Premier ministre, M. Alain Exemple, Primature, BP 7, Exempleville, Burkina Faso "
     "(courriel : pm@primature.example). Formule d'appel : Monsieur le Premier ministre,\n"
     "Vous pouvez aussi écrire au ministre de la Sécurité, Mme Awa Modèle, Ministère de la Sécurité, BP 90, "
     "Exempleville, Burkina Faso, courriel : cabinet@securite.example. Formule d'appel : Madame la Ministre,\n",
     ["Alain Exemple", "Awa Modèle"], ["Monsieur le Premier ministre", "Madame la Ministre"]),
    ("Write to the President, Mr Daniel Sample, State House, PO Box 12, Exampleton, Ghana, email: "
     "president@statehouse.example. Salutation: Dear President,\n"
     "Write to the Minister of Justice, Ms Efua Model, Ministry of Justice, PO Box 3, Exampleton, Ghana, "
     "email: justice@gov.example. Salutation: Dear Minister,\n",
     ["Daniel Sample", "Efua Model"], ["Dear President", "Dear Minister"]),
])
def test_a_salutation_ending_a_line_in_its_comma_ends_the_prose_instruction(text, names, salutations):
    """A salutation ends in a comma, not a full stop: when it closes the line of a prose instruction, the next line
    of the paragraph starts a sentence of its own, which may name a further official."""
    imported = read(text)
    assert [target.name for target in imported.targets] == names
    assert [target.salutation.rstrip(",") for target in imported.targets] == salutations


@pytest.mark.parametrize(("text", "title"), [
    ("Écrivez à la Commissaire de police, Mme Awa Modèle, Police nationale, BP 90, Exempleville, Burkina Faso, "
     "courriel : dg@police.example.\n", "Commissaire de police"),
    ("Écrivez au Commissaire divisionnaire, M. Paul Exemple, Commissariat central, BP 12, Exempleville, Bénin, "
     "courriel : cd@police.example.\n", "Commissaire divisionnaire"),
    ("Escriba a la Comisaria de Policía, Sra. Ana Ejemplo, Jefatura de Policía, Calle 5 n.º 12, Asunción, Paraguay, "
     "correo-e: comisaria@policia.example.\n", "Comisaria de Policía"),
])
def test_a_police_commissioner_in_french_or_spanish_is_a_role(text, title):
    """"Commissaire", "Comisaria": the role is the official's title, not an office of the envelope."""
    [target] = read(text).targets
    assert target.title == title


@pytest.mark.parametrize("sentence, languages, deadline", [
    ("Schreiben Sie höflich formulierte Appelle auf Estnisch, Englisch oder Deutsch, die möglichst bis 9. Februar "
     "2027 eintreffen sollten, in denen Sie die Behörden auffordern, den Vorfall umgehend und gründlich zu "
     "untersuchen, die Beamten vom Dienst zu suspendieren und die Demonstrantin vor weiterer Gewalt zu schützen.",
     ["et", "en", "de"], "2027-02-09"),
    ("Schreiben Sie bitte bis zum 9. Februar 2027 Briefe, in denen Sie den Minister auffordern, den Vorfall "
     "umgehend und gründlich zu untersuchen, die Beamten vom Dienst zu suspendieren und die Demonstrantin vor "
     "weiterer Gewalt zu schützen.", [], "2027-02-09"),
])
def test_a_sentence_before_the_officials_that_asks_to_write_and_asks_for_the_demands(sentence, languages,
                                                                                      deadline):
    """One sentence, a paragraph of its own below the call to act, asks to write (by a date, in some languages)
    and for each demand, up to its verb: the demands are read from it, the deadline and languages too."""
    text = (f"ESTLAND: EINE TITELZEILE\n\nEine Zusammenfassung des Falls.\nWas Sie tun können\n{sentence}\n"
            "Appelle an\nHerrn Jaan Beispiel\nSiseministeerium\nPikk 61\n15065 Tallinn\nESTLAND\n")
    imported = read(text)
    assert imported.demands == ["Den Vorfall umgehend und gründlich zu untersuchen",
                                "Die Beamten vom Dienst zu suspendieren",
                                "Die Demonstrantin vor weiterer Gewalt zu schützen"]
    assert (imported.preferred_languages, str(imported.deadline)) == (languages, deadline)
    assert [target.name for target in imported.targets] == ["Jaan Beispiel"]


@pytest.mark.parametrize("aside", ["le plus rapidement possible et jusqu'au 20 janvier 2027",
                                   "avant le 3 mars 2027 au plus tard"])
def test_an_aside_that_gives_a_date_is_skipped_as_any_other(aside):
    """An aside holds no number, lest a clause of the address be skipped, but a date is no address."""
    text = (f"Écrivez en français, {aside}, au ministre de la Justice, M. Luc Moreau, Ministère de la Justice, "
            "BP 12, Exempleville, Cameroun, courriel : ministre@justice.example.\n")
    imported = read(text)
    [target] = imported.targets
    assert (target.title, target.name, target.country) == ("Ministre de la Justice", "Luc Moreau", "CM")


def test_an_aside_with_a_number_that_is_no_date_is_no_aside():
    text = ("Écrivez en français, BP 12 Exempleville, au ministre de la Justice, M. Luc Moreau, Ministère de la "
            "Justice, BP 12, Exempleville, Cameroun.\n")
    assert parse_ua_text(text).targets == []


@pytest.mark.parametrize("salutations, first, second", [
    ("Monsieur le Ministre, / Monsieur le Procureur général,", "Monsieur le Ministre",
     "Monsieur le Procureur général"),
    # In the other order, and a third official named only as a copy.
    ("Monsieur le Procureur général / Madame la Ministre", "Madame la Ministre", "Monsieur le Procureur général"),
])
def test_a_salutation_line_with_one_salutation_per_target_gives_each_its_own(salutations, first, second):
    text = ("Écrivez au ministre de la Justice, M. Luc Moreau, Ministère de la Justice, BP 12, Exempleville, "
            "Cameroun, ainsi qu'au procureur général, M. Paul Mbarga, Cour d'appel, BP 40, Exempleville, Cameroun, "
            "avec copie à l'ambassade du Cameroun, Avenue Louise 9, 1050 Bruxelles.\n\n"
            f"Formule d'appel : {salutations}\n")
    targets = read(text).targets
    assert [target.salutation for target in targets] == [first, second]


@pytest.mark.parametrize("salutations, first, second", [
    ("Monsieur le Ministre, / Monsieur l'Inspecteur général,", "Monsieur le Ministre", "Monsieur l'Inspecteur général"),
    ("Madame l'Administratrice / Monsieur le Ministre", "Monsieur le Ministre", "Madame l'Administratrice"),
])
def test_a_salutation_with_an_elided_article_goes_to_the_target_of_its_role(salutations, first, second):
    """"Monsieur l'Inspecteur général": the role after the elided article names the target it is for."""
    text = ("Écrivez au ministre de la Justice, M. Luc Moreau, Ministère de la Justice, BP 12, Exempleville, "
            "Cameroun, ainsi qu'à l'Inspecteur général de la Police, M. Paul Mbarga, Inspection générale, BP 40, "
            "Exempleville, Cameroun.\n\n"
            f"Formule d'appel : {salutations}\n")
    targets = read(text.replace("l'Inspecteur général de la Police", "l'Administratrice de la Région")
                   if "Administratrice" in salutations else text).targets
    assert [target.salutation for target in targets] == [first, second]


def test_a_salutation_in_several_languages_for_each_target_is_not_shared_out():
    text = ("Écrivez au ministre de la Justice, M. Luc Moreau, Ministère de la Justice, BP 12, Exempleville, "
            "Cameroun, ainsi qu'au ministre de l'Intérieur, M. Paul Mbarga, Ministère de l'Intérieur, BP 40, "
            "Exempleville, Cameroun.\n\nFormule d'appel : Monsieur le Ministre / Dear Minister\n")
    targets = read(text).targets
    assert [target.salutation for target in targets] == ["Monsieur le Ministre / Dear Minister"] * 2


@pytest.mark.parametrize("letter, demands", [
    ("Dear Prime Minister,\n\nI call on you to ensure that the charges against Kai Exemplo are dropped immediately "
     "and unconditionally, to lift the bail conditions that stop him from attending meetings, and to guarantee that "
     "all people can protest peacefully.\n\nYours sincerely,\n",
     ["Ensure that the charges against Kai Exemplo are dropped immediately and unconditionally",
      "Lift the bail conditions that stop him from attending meetings",
      "Guarantee that all people can protest peacefully."]),
    ("Monsieur le Ministre,\n\nJe vous demande de libérer Paul Exemplo sans condition, de veiller à ce qu'il voie "
     "un avocat et de protéger sa famille contre toute menace.\n\nVeuillez agréer, Monsieur le Ministre, "
     "l'expression de ma haute considération.\n",
     ["De libérer Paul Exemplo sans condition", "Veiller à ce qu'il voie un avocat",
      "Protéger sa famille contre toute menace."]),
])
def test_a_letter_sentence_that_lists_three_demands_after_commas_gives_each(letter, demands):
    assert read(f"A TITLE\n\nA summary.\n\n{letter}").demands == demands


def test_a_letter_sentence_with_a_demand_and_its_purpose_after_a_comma_is_one_demand():
    letter = ("Dear Minister,\n\nI urge you to take effective measures, in consultation with her, to ensure her "
              "safety.\n\nYours sincerely,\n")
    assert read(f"A TITLE\n\nA summary.\n\n{letter}").demands == [
        "Take effective measures, in consultation with her, to ensure her safety."]


@pytest.mark.parametrize("role, honorific, name, salutation", [
    ("la Conseillère d'État cheffe du Département de la sécurité", "Mme", "Sophie Exemplo",
     "Madame la Conseillère d'État,"),
    ("la Cheffe du Service pénitentiaire", "Mme", "Anne Exemplo", "Madame la Cheffe de service,"),
])
def test_a_further_prose_official_with_her_own_salutation_in_the_slashed_line(role, honorific, name, salutation):
    """A councillor or a head of service joined by "ainsi qu'à" is an official of her own, and a salutation line
    that gives one salutation per official, parted by slashes, gives each hers."""
    text = ("UN TITRE\n\nUn résumé.\n\nNous vous demandons d'écrire au Procureur général du canton, M. Luc Exemplo, "
            "Ministère public, Avenue Exemple 1, 1020 Renens, Suisse (courriel : pg@mp.example), ainsi qu'à "
            f"{role}, {honorific} {name}, Place Exemple 1, 1014 Lausanne, Suisse (courriel : dept@vd.example).\n\n"
            f"Formule d'appel : Monsieur le Procureur général, / {salutation}\n")
    first, second = read(text).targets
    assert (second.honorific, second.name, second.title) == (honorific, name, role.removeprefix("la ")[:1].upper()
                                                             + role.removeprefix("la ")[1:])
    assert (first.salutation, second.salutation) == ("Monsieur le Procureur général", salutation.rstrip(","))


@pytest.mark.parametrize("lead", ["Veuillez envoyer vos appels au", "Merci d'envoyer vos lettres au"])
def test_a_polite_request_to_send_the_appeals_opens_a_prose_instruction(lead):
    text = (f"{lead} ministre de la Justice, M. Luc Moreau, Ministère de la Justice, BP 12, Exempleville, "
            "Cameroun, courriel : cabinet@justice.example.\n")
    [target] = read(text).targets
    assert (target.title, target.name, target.country) == ("Ministre de la Justice", "Luc Moreau", "CM")


@pytest.mark.parametrize(("text", "names", "organisation"), [
    ("Copies à : Directeur des poursuites pénales et civiles, M. Paul\n"
     "Exemple-Martin, Édifice Le Phare, 28, rue des Lilas, bureau 5, Exempleville,\n"
     "Cameroun ; et à l'Ambassade de la République du Cameroun, S. E. Mme Anne\n"
     "Exemplo, Avenue Brugmann 131, 1190 Bruxelles, courriel : ambassade@cm.example\n",
     ["Paul Exemple-Martin", "Anne Exemplo"], "Ambassade de la République du Cameroun"),
    ("Copies to: Director of Public Prosecutions, Mr Paul Exampleton, Crown House, Harbour Road, Exampletown,\n"
     "Ghana, and to the Embassy of Ghana, Ms Efua Example, 13 Belgrave Square, London\n"
     "SW1X 8PN, email: embassy@gh.example\n",
     ["Paul Exampleton", "Efua Example"], "Embassy of Ghana"),
])
def test_a_copies_heading_whose_value_is_prose_wrapped_over_its_lines_names_each_copy(text, names, organisation):
    """'Copies à : Directeur …, M. Paul' / 'Exemple-Martin, …': a heading whose value is one sentence wrapped at
    the width of the text (a line breaks a clause) is read as prose, clause by clause; a diplomatic mission joined
    to it ("et à l'Ambassade …", "and to the Embassy …") starts a further copy."""
    imported = read(text)
    assert [copy.name for copy in imported.copies] == names
    assert imported.copies[1].organisation == organisation
    assert imported.targets == []


@pytest.mark.parametrize(("city_line", "city", "province", "postcode"), [
    ("Québec (Québec) G1A 1B4", "Québec", "Québec", "G1A 1B4"),
    ("Ottawa (Ontario) K1A 0A2", "Ottawa", "Ontario", "K1A 0A2"),
])
def test_a_canadian_town_with_its_province_in_parentheses_in_a_prose_instruction(city_line, city, province,
                                                                                  postcode):
    text = (f"Écrivez au premier ministre, M. Luc Exemple, Édifice Exemple, 835, boulevard Exemple, {city_line}, "
            "Canada, courriel : pm@exemple.example.\n")
    [target] = read(text).targets
    assert (target.city, target.region, target.postcode, target.country) == (city, province, postcode, "CA")


@pytest.mark.parametrize(("written", "honorific"), [("Me", "Me"), ("Maître", "Maître")])
def test_a_lawyers_honorific_before_the_name_in_french(written, honorific):
    text = (f"Écrivez au bâtonnier, {written} Paul Exemple, Ordre des avocats, BP 12, Exempleville, Cameroun, "
            "courriel : ordre@avocats.example.\n")
    [target] = read(text).targets
    assert (target.honorific, target.name) == (honorific, "Paul Exemple")


@pytest.mark.parametrize("building", ["Édifice Honoré-Exemple", "Tour des Exemples"])
def test_a_french_building_after_the_name_is_an_address_line(building):
    text = (f"Écrivez au ministre de la Justice, M. Luc Moreau, {building}, 835, boulevard Exemple, Exempleville, "
            "Cameroun, courriel : cabinet@justice.example.\n")
    [target] = read(text).targets
    assert (target.organisation, target.address_lines[0]) == ("", building)


@pytest.mark.parametrize(("role", "honorific"), [("directeur des poursuites pénales", "M."),
                                                 ("directrice de la prison centrale", "Mme")])
def test_a_french_director_is_the_officials_role(role, honorific):
    text = (f"Écrivez au {role}, {honorific} Luc Moreau, Édifice Exemple, BP 12, Exempleville, Cameroun, "
            "courriel : cabinet@exemple.example.\n").replace("au directrice", "à la directrice")
    [target] = read(text).targets
    assert (target.title, target.organisation) == (role[:1].upper() + role[1:], "")


@pytest.mark.parametrize(("country", "code"), [
    ("République de Corée", "KR"),
    ("République islamique d'Iran", "IR"),
])
def test_a_further_prose_official_with_no_number_ending_in_a_formal_country_name(country, code):
    """A second prose instruction may give only a ministry, a town and the country's formal name: the country ends
    its address, so the sentence is an official's."""
    text = ("QUE POUVEZ-VOUS FAIRE ?\n\nMerci d'envoyer vos lettres à M. Paul Exemple, Procureur général, Rue des "
            "Lilas 4, 1000 Exempleville, Belgique (courriel : pg@exemple.example).\n\nFormule d'appel : Monsieur le "
            "Procureur général,\n\nVous pouvez également écrire à Mme Anne Modèle, Ministre de l'Intérieur, "
            f"Ministère de l'Intérieur,\nVille-Capitale, {country}. Formule d'appel : Madame la Ministre,\n")
    targets = parse_ua_text(text).targets
    assert [(target.name, target.country) for target in targets][1:] == [("Anne Modèle", code)]
    assert targets[1].salutation.startswith("Madame la Ministre")


@pytest.mark.parametrize(("intro", "items"), [
    ("Write in your own words or adapt the sample letter, and:",
     ["urge them to free Lina Example and drop every charge against her;",
      "ask them to let her see her lawyer and her family without delay;",
      "call on the Governor to investigate the raid on her home."]),
    ("Rédigez votre lettre avec vos propres mots, puis :",
     ["demandez-leur de libérer Marc Exemple sans condition ;",
      "priez-les de lui permettre de voir son avocat et sa famille ;",
      "demandez-leur d'enquêter sur les mauvais traitements qu'il a subis."]),
])
def test_a_list_whose_items_open_with_the_words_that_ask_is_the_demands(intro, items):
    """Below a line that says nothing of demands but ends in its colon, a list whose items mostly open with the
    words that ask for a demand ("urge them to …", "demandez-leur de …") is the demands."""
    text = ("Lina Example is held without charge.\n\nTAKE ACTION\nPlease write immediately.\n"
            f"{intro}\n" + "".join(f"* {item}\n" for item in items)
            + "\nWrite to:\nMr. Paul Example\nMinister of Justice\nMinistry of Justice\nPO Box 12\n1000 Exampleton\n"
            "Belgium\nEmail: justice@gov.example\n")
    demands = parse_ua_text(text).demands
    assert [demand[:12].casefold() for demand in demands] == [item[:12].casefold() for item in items]


@pytest.mark.parametrize(("words", "email"), [("or by email to", "minister@justice.example"),
                                              ("ou par courriel à", "cabinet@justice.example")])
def test_an_email_introduced_by_a_few_small_words_in_a_prose_official(words, email):
    text = (f"Please write to the Minister of Justice, Mr Omar Beispiel, Ministry of Justice, 12 Nile Street, "
            f"54321 Exampleton, Egypt, {words} {email} (salutation: Dear Minister).\n")
    [target] = read(text).targets
    assert (target.emails, target.city, target.postcode, target.country) == ([email], "Exampleton", "54321", "EG")


@pytest.mark.parametrize("copy", ["avec une copie à", "avec une copie de votre lettre à"])
def test_a_copy_joined_with_avec_une_copie_in_a_prose_sentence(copy):
    text = ("Écrivez au ministre de l'Intérieur, M. Omar Beispiel, Ministère de l'Intérieur, 12 rue du Nil, "
            f"54321 Exempleville, Égypte, {copy} l'ambassadeur d'Égypte en Belgique, S.E. M. Karim Exemple, "
            "Ambassade d'Égypte, Avenue Louise 1, 1050 Bruxelles.\n")
    imported = read(text)
    [target], [copied] = imported.targets, imported.copies
    assert (target.name, target.city, target.country) == ("Omar Beispiel", "Exempleville", "EG")
    assert (copied.name, copied.city, copied.country) == ("Karim Exemple", "Bruxelles", "BE")


@pytest.mark.parametrize(("sentence", "name", "copy"), [
    ("Merci d'écrire à la ministre de l'Intérieur, Mme Claire Exemple, Ministère de l'Intérieur, BP 40, "
     "Exempleville, Sénégal (courriel : cabinet@interieur.example), avec copie à l'Ambassade du Sénégal, "
     "S. E. M. Paul Modèle, avenue Exemple 8, 1000 Bruxelles.", "Claire Exemple", "Paul Modèle"),
    ("Merci d’écrire au procureur général, M. Omar Exemple, Palais de justice, 12 rue Exemple, 20000 "
     "Casablanca, Maroc, avec copie à l'Ambassade du Maroc, S. E. Mme Lina Modèle, rue Exemple 3, 1050 "
     "Bruxelles.", "Omar Exemple", "Lina Modèle"),
])
def test_thanks_for_writing_to_an_official_starts_a_prose_instruction(sentence, name, copy):
    imported = read(sentence + "\n")
    assert [target.name for target in imported.targets] == [name]
    assert [found.name for found in imported.copies] == [copy]


@pytest.mark.parametrize(("sentence", "salutation"), [
    ("Merci d'écrire au ministre de l'Intérieur, M. Luc Exemple, Ministère de l'Intérieur, BP 40, Exempleville, "
     "Sénégal, avec copie à l'Ambassade du Sénégal, S. E. Mme Awa Modèle, avenue Exemple 8, 1000 Bruxelles.\n"
     "Formule d'appel : Monsieur le Ministre,", "Monsieur le Ministre"),
    ("Écrivez à la procureure générale, Mme Nadia Exemple, Palais de justice, 12 rue Exemple, 20000 Casablanca, "
     "Maroc, avec copie à l'Ambassade du Maroc, S. E. M. Karim Modèle, rue Exemple 3, 1050 Bruxelles. "
     "Formule d'appel : Madame la Procureure générale,", "Madame la Procureure générale"),
])
def test_a_salutation_after_a_prose_target_and_its_copy_greets_the_target(sentence, salutation):
    imported = read(sentence + "\n")
    [target], [copy] = imported.targets, imported.copies
    assert target.salutation.rstrip(",") == salutation
    assert copy.salutation == ""


@pytest.mark.parametrize(("line", "title", "name"), [
    ("Comisionado Nacional de Atención a Víctimas: Mtro. Pedro Ejemplo Ruiz, Comisión Ejecutiva de Ejemplo, Calle "
     "Uno 5, 06600 Ciudad de México, México", "Comisionado Nacional de Atención a Víctimas", "Pedro Ejemplo Ruiz"),
    ("Comisionada Estatal de Búsqueda de Personas: Lic. Ana Ejemplo Gil, Comisión Estatal de Búsqueda, Avenida Dos 7, "
     "83000 Hermosillo, México", "Comisionada Estatal de Búsqueda de Personas", "Ana Ejemplo Gil"),
])
def test_a_spanish_commissioner_before_a_colon_opens_a_one_line_official(line, title, name):
    [target] = read(f"Escribe a:\n\n{line}\n").targets
    assert (target.title, target.name) == (title, name)


@pytest.mark.parametrize(("sentence", "title"), [
    ("Écrivez à l'Administrateur général de l'Office national, Monsieur Jean Exemple, Office national, rue Une 5, "
     "Kinshasa, République démocratique du Congo.", "Administrateur général de l'Office national"),
    ("Écrivez à l'Administratrice de la Région, Madame Anne Exemple, Préfecture, avenue Deux 9, Kinshasa, "
     "République démocratique du Congo.", "Administratrice de la Région"),
])
def test_a_french_administrator_named_in_prose_is_the_officials_title(sentence, title):
    [target] = read(f"A TITLE\n\nSummary.\n\n{sentence}\n").targets
    assert target.title == title


@pytest.mark.parametrize(("sentence", "title", "name", "office"), [
    ("You may also send a copy of your letter to Chief Prosecutor Tran Van Exemplo of the Hanoi Municipal People's "
     "Procuracy, 12 Example Street, Hoan Kiem District, Hanoi 100000, Viet Nam.", "Chief Prosecutor",
     "Tran Van Exemplo", "Hanoi Municipal People's Procuracy"),
    ("You may also send a copy to Director Li Wei Exemplar of the Kunming Public Security Bureau, 8 Example Road, "
     "Kunming 650000, People's Republic of China.", "Director", "Li Wei Exemplar", "Kunming Public Security Bureau"),
])
def test_a_role_and_name_of_an_office_in_prose_is_read_apart(sentence, title, name, office):
    """'… to Chief Procurator Gu Mingyuan of the Shenzhen … Procuratorate, <street>, …': the office the person is
    of is the official's organisation."""
    [copy] = read(f"A TITLE\n\nSummary.\n\n{sentence}\n").copies
    assert (copy.title, copy.name, copy.organisation) == (title, name, office)


@pytest.mark.parametrize(("role_line", "title", "office"), [
    ("Chief Procurator, Yunnan Provincial People's Procuratorate", "Chief Procurator",
     "Yunnan Provincial People's Procuratorate"),
    ("Procurator-General, Supreme People's Procuratorate", "Procurator-General", "Supreme People's Procuratorate"),
])
def test_a_procuratorate_is_an_office_after_its_role(role_line, title, office):
    [target] = read(f"Write to:\n\nMs. Lan Exemplar\n{role_line}\n62 Example Street\nKunming 650000\n"
                    "People's Republic of China\n").targets
    assert (target.title, target.name, target.organisation) == (title, "Lan Exemplar", office)


@pytest.mark.parametrize("joined", ["et une copie à", "et copie à"])
def test_a_copy_joined_by_et_in_a_prose_sentence_leaves_the_target_whole(joined):
    text = ("Écrivez au ministre de la Justice, M. Luc Moreau, Ministère de la Justice, avenue Une 14, Exempleville, "
            f"Cameroun, {joined} Son Excellence Madame Anne Exemple, Ambassadrice, Ambassade du Cameroun, "
            "Avenue Louise 9, 1050 Bruxelles.\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert (target.city, target.country, copy.name) == ("Exempleville", "CM", "Anne Exemple")


@pytest.mark.parametrize(("line", "title", "name"), [
    ("Chief Justice Mary Exemplar, Supreme Court of Examplia, 4 High Street, Port Example, Ghana",
     "Chief Justice", "Mary Exemplar"),
    ("Deputy Chief Justice Tran Thi Exemplo, Supreme People's Court, 91 Example Street, Hanoi 100000, Viet Nam",
     "Deputy Chief Justice", "Tran Thi Exemplo"),
])
def test_justice_after_a_role_word_is_part_of_the_role(line, title, name):
    [copy] = read(f"Copies to:\n{line}\n").copies
    assert (copy.title, copy.name) == (title, name)


@pytest.mark.parametrize(("intro", "items"), [
    ("Bitte schreiben Sie:", ["Lassen Sie Anna Beispiel sofort frei.", "Stellen Sie die Ermittlungen gegen sie ein."]),
    ("In Ihren Briefen:", ["Heben Sie das Reiseverbot gegen Jan Exempel auf.",
                           "Sorgen Sie dafür, dass er seine Familie sehen kann.",
                           "Geben Sie ihm Zugang zu einem Anwalt."]),
])
def test_a_list_of_german_commands_to_the_official_is_the_demands(intro, items):
    """'Lassen Sie … frei', 'Heben Sie … auf': items that open with the polite imperative are demands, whatever
    the line with a colon above them says."""
    listed = "".join(f"• {item}\n" for item in items)
    imported = read(f"Text.\n\n{intro}\n{listed}\nAppelle an\n\nHerrn Ali Beispiel\nMinisterium\nStraße 1\n"
                    "12345 Stadt\n")
    assert imported.demands == items


def test_a_list_of_german_hints_that_open_with_wenn_sie_is_no_demands():
    imported = read("Text.\n\nHinweise:\n• Wenn Sie eine Antwort erhalten, schicken Sie sie uns.\n"
                    "• Wenn Sie mögen, schreiben Sie auch an die Botschaft.\n\nAppelle an\n\nHerrn Ali Beispiel\n"
                    "Ministerium\nStraße 1\n12345 Stadt\n")
    assert imported.demands == []


@pytest.mark.parametrize(("intro", "languages"), [
    ("Dans vos lettres, rédigées en français ou en anglais, demandez au ministre :", ["fr", "en"]),
    ("Dans vos courriers, rédigés en arabe, en français ou dans votre propre langue, demandez aux autorités :",
     ["ar", "fr"]),
    # The languages as an aside, with no word that says the letters are written in them.
    ("Dans vos lettres, en français, demandez aux autorités de :", ["fr"]),
    ("Dans vos appels, en anglais ou en français, demandez au ministre :", ["en", "fr"]),
])
def test_french_letters_said_to_be_written_in_languages_before_the_demands(intro, languages):
    imported = read(f"TITRE\n\nRésumé.\n\n{intro}\n– de libérer Paul Exemple immédiatement ;\n"
                    "– de lever les charges contre lui.\n")
    assert imported.preferred_languages == languages
    assert imported.demands == ["De libérer Paul Exemple immédiatement", "De lever les charges contre lui"]


@pytest.mark.parametrize("letter", ["une lettre courtoise", "un courrier poli", "vos appels"])
def test_a_prose_instruction_that_asks_to_write_a_letter_to_the_official(letter):
    """'Écrivez, jusqu'au … et de préférence en français, une lettre courtoise à M. …, …': the letter the reader is
    asked to write (called polite or not) comes between the verb and the official."""
    text = (f"Écrivez, jusqu'au 11 août 2025 au plus tard et de préférence en français, {letter} à M. Paul Exemple, "
            "ministre de l'Intérieur, Ministère de l'Intérieur, BP 12, Exempleville, Guinée "
            "(courriel : ministre@interieur.example).\n")
    [target] = read(text).targets
    assert (target.honorific, target.name, target.country, target.emails) == (
        "M.", "Paul Exemple", "GN", ["ministre@interieur.example"])


@pytest.mark.parametrize(("titles", "title"), [
    ("garde des Sceaux, ministre de la Justice", "garde des Sceaux, ministre de la Justice"),
    ("ministre de la Justice, garde des Sceaux", "ministre de la Justice, garde des Sceaux"),
])
def test_two_titles_after_the_name_in_lower_case_are_one_title(titles, title):
    """'M. Paul Exemple, garde des Sceaux, ministre de la Justice, Ministère de la Justice, …': the name, then two
    titles in lower case as prose writes them, one a role: one title; the office follows."""
    text = (f"Écrivez à M. Paul Exemple, {titles}, Ministère de la Justice, Quartier Exemple, BP 564, "
            "Exempleville, Guinée (courriel : cabinet@justice.example).\n")
    [target] = read(text).targets
    assert (target.name, target.title, target.organisation, target.address_lines) == (
        "Paul Exemple", title, "Ministère de la Justice", ["Quartier Exemple", "BP 564"])


@pytest.mark.parametrize("contacts", ["courriel : ambassade@emb.example ; fax : 02 555 31 70 ; ",
                                      "courriel : ambassade@emb.example ; "])
def test_a_copys_salutation_inside_its_contacts_parentheses_is_the_copys(contacts):
    """'…, en envoyant une copie à S. E. Mme …, …, 1150 Bruxelles (courriel : … ; formule d'appel : Madame
    l'Ambassadrice).': the salutation closing the copy's parentheses greets the copy, not the target, and loses the
    parenthesis."""
    text = ("Écrivez une lettre à M. Paul Exemple, ministre de la Justice, Ministère de la Justice, BP 564, "
            "Exempleville, Guinée (courriel : cabinet@justice.example), en envoyant une copie à S. E. Mme Awa "
            "Exemple, ambassadrice, Ambassade de la République de Guinée, Avenue de Tervueren 251, 1150 Bruxelles "
            f"({contacts}formule d'appel : Madame l'Ambassadrice).\nFormule d'appel : Monsieur le Ministre,\n")
    imported = read(text)
    [target], [copy] = imported.targets, imported.copies
    assert copy.salutation == "Madame l'Ambassadrice"
    assert target.salutation.rstrip(",") == "Monsieur le Ministre"


_SPANISH_LETTER = ("ACCIÓN URGENTE\nPERÚ: PERIODISTA AMENAZADO\nAU 12/25\n\n"
                   "Fiscal de la Nación\nDr. Pedro Quispe Mamani\nAv. Abancay 491\nLima, Perú\n"
                   "Correo-e: fiscal@mp.example\n\nSeñor Fiscal de la Nación:\n\n"
                   "Le pido que proteja a la periodista y que investigue las amenazas.\n\nAtentamente,\n[NOMBRE]\n\n")


@pytest.mark.parametrize("further", [
    "Pueden dirigirse igualmente a la Ministra del Interior, Licda. Rosa Pérez Gil, Ministerio del Interior, "
    "Plaza Central 4, Lima, Perú, Teléfono: +51 1 555 0101, con el tratamiento «Señora Ministra».",
    "Diríjanse también al Ministro del Interior, Excmo. Sr. Luis Pérez Gil, Ministerio del Interior, "
    "Plaza Central 4, Lima, Perú, Teléfono: +51 1 555 0101, con el saludo «Señor Ministro».",
])
def test_spanish_officials_named_in_prose_below_a_closed_model_letter(further):
    imported = read(_SPANISH_LETTER + further + "\n\nEnvíen también copia a la Embajada del Perú en España, Excmo. Sr. "
                     "Juan Soto Ríos, Embajador, Calle Ejemplo 10, 2.º A, 28001 Madrid. Correo-e: emb@pe.example.\n")
    [_, target] = imported.targets
    assert target.name.endswith("Pérez Gil") and target.honorific in ("Licda.", "Excmo. Sr.")
    assert (target.city, target.phone) == ("Lima", "+51 1 555 0101")
    assert target.salutation in ("Señora Ministra", "Señor Ministro")
    [copy] = imported.copies
    assert (copy.name, copy.address_lines, copy.postcode) == ("Juan Soto Ríos", ["Calle Ejemplo 10", "2.º A"],
                                                             "28001")


@pytest.mark.parametrize(("second", "salutations"), [
    ("ainsi qu'au Délégué général à la Police, M. Marc Bello, Délégation générale, Rue du Lac, B.P. 77, Douala, "
     "Cameroun, fax : +237 222 00 11 22. Formule d'appel : Monsieur le Ministre (pour le premier) et Monsieur le "
     "Délégué général (pour le second).", ("Monsieur le Ministre", "Monsieur le Délégué général")),
    ("ainsi qu'à la Déléguée aux droits humains, Mme Aline Bello, Délégation aux droits humains, Rue du Lac, "
     "B.P. 77, Douala, Cameroun, fax : +237 222 00 11 22. Formule d'appel : Monsieur le Ministre (pour le "
     "premier), Madame la Déléguée (pour la seconde).", ("Monsieur le Ministre", "Madame la Déléguée")),
])
def test_french_prose_with_two_targets_their_salutations_by_place_and_a_copy_after(second, salutations):
    text = ("Écrivez au Ministre de l'Intérieur, M. Luc Moreau, Ministère de l'Intérieur, Quartier du Lac, B.P. 12, "
            f"Yaoundé, Cameroun, courriel : min@int.example, {second} Envoyez une copie à l'Ambassade du Cameroun, "
            "S. E. M. Paul Nana, Ambassadeur, Avenue Louise 9, 1050 Bruxelles, courriel : amb@cm.example.\n")
    imported = read(text)
    first, other = imported.targets
    assert (first.address_lines, first.city) == (["Quartier du Lac", "B.P. 12"], "Yaoundé")
    assert other.title.startswith("Délégu") and (other.address_lines, other.city) == (["Rue du Lac", "B.P. 77"],
                                                                                      "Douala")
    assert (first.salutation, other.salutation) == salutations
    [copy] = imported.copies
    assert (copy.name, copy.postcode, copy.city) == ("Paul Nana", "1050", "Bruxelles")


@pytest.mark.parametrize("heading", ["DIRIGE TUS LLAMAMIENTOS A", "Dirige tus cartas a:"])
def test_a_spanish_heading_that_asks_the_reader_to_direct_appeals_heads_the_targets(heading):
    text = (f"AU 12/25\n\nPERÚ: PERIODISTA AMENAZADO\n\n{heading}\nFiscal de la Nación\nLicda. Rosa Pérez Gil\n"
            "Ministerio Público\nAv. Abancay 491\nLima\nPerú\nCorreo-e: fiscal@mp.example\n")
    [target] = read(text).targets
    assert (target.honorific, target.name, target.organisation) == ("Licda.", "Rosa Pérez Gil", "Ministerio Público")


@pytest.mark.parametrize("clause", ["qu'il convient d'appeler « Monsieur le Gouverneur »",
                                    "en l'appelant « Monsieur le Gouverneur »"])
def test_a_french_salutation_in_the_clause_that_says_how_to_call_the_official(clause):
    text = ("Vous pouvez aussi écrire au gouverneur de la province, M. Paul Nana, Gouvernorat, boulevard du Lac 1, "
            f"Goma, République démocratique du Congo, courriel : gouv@example.example, {clause}.\n")
    [target] = read(text).targets
    assert (target.salutation, target.emails) == ("Monsieur le Gouverneur", ["gouv@example.example"])


@pytest.mark.parametrize("text", [
    "Écrivez à Monsieur Paul Nana, Garde des Sceaux, Ministre de la Justice, Ministère de la Justice, Avenue du Lac, "
    "BP 12, Lomé, Togo (courriel : min@justice.example).\n",
    "Écrivez à :\n\nM. Paul Nana\nGarde des Sceaux\nMinistre de la Justice\nMinistère de la Justice\nAvenue du Lac\n"
    "BP 12\nLomé\nTogo\nCourriel : min@justice.example\n",
])
def test_a_second_title_in_capitals_before_the_role_goes_on_into_it(text):
    [target] = read(text).targets
    assert target.title == "Garde des Sceaux, Ministre de la Justice"
    assert target.organisation == "Ministère de la Justice"


@pytest.mark.parametrize("lead", ["Écrivez au ministre de la Justice,", "Envoyez une copie au ministre de la Justice,"])
def test_a_french_label_for_several_emails_after_a_prose_official(lead):
    text = (f"{lead} M. Paul Nana, Ministère de la Justice, Rua do Lago, Caixa Postal 2, Dili, Timor-Leste. "
            "Courriels : min@mj.example,\ngab@mj.example. Formule d'appel : Monsieur le Ministre,\n")
    imported = read(text)
    [official] = imported.targets or imported.copies
    assert official.emails == ["min@mj.example", "gab@mj.example"]
    assert official.salutation.rstrip(",") == "Monsieur le Ministre"


@pytest.mark.parametrize("asks", [
    ("en demandant aux autorités de ", "en les priant de ", "en les exhortant à "),
    ("en lui demandant de ", "en les invitant à ", "en le priant d'"),
])
def test_french_demands_each_opening_with_its_own_words_that_ask(asks):
    first, second, third = asks
    text = ("TITRE\n\nRésumé.\n\nÉcrivez une lettre jusqu'au 26 janvier 2027, en portugais :\n"
            f"– {first}suspendre immédiatement les expulsions prévues ;\n"
            f"– {second}garantir aux familles un relogement convenable ;\n"
            f"– {third}ouvrir une enquête sur les menaces.\n")
    imported = read(text)
    assert imported.demands == ["Suspendre immédiatement les expulsions prévues",
                                "Garantir aux familles un relogement convenable", "Ouvrir une enquête sur les menaces"]


@pytest.mark.parametrize(("office", "street"), [
    ("Ministero della Giustizia", "Via Arenula 70"),
    ("Procura della Repubblica di Roma", "Piazzale Clodio 12"),
])
def test_an_italian_office_on_one_line_with_its_address_is_the_organisation(office, street):
    text = (f"ESCRIBAN A:\nMinistro de Justicia: Sr. Carlo Bianchi\n{office}, {street}, 00186 Roma, Italia\n"
            "Correo-e: ministro@giustizia.example\n")
    [target] = read(text).targets
    assert (target.organisation, target.address_lines, target.city) == (office, [street], "Roma")


@pytest.mark.parametrize(("first", "second"), [
    ("Ministre d'État", "Ministre de la Justice et Garde des Sceaux"),
    ("Vice-Premier ministre", "Ministre de l'Intérieur et de la Sécurité publique"),
])
def test_a_long_second_role_between_the_role_and_the_name_goes_on_the_title(first, second):
    text = (f"Envoyez vos appels au {first}, {second}, Monsieur Paul Nana, Ministère de la Justice, avenue du Lac 14, "
            "Kinshasa, République démocratique du Congo (courriel : cabinet@justice.example).\n")
    [target] = read(text).targets
    assert (target.title, target.name) == (f"{first}, {second}", "Paul Nana")


@pytest.mark.parametrize("sentence,title,deadline", [
    # What to write and by when between the verb and "an"; the adjective of the country before the role.
    ("Schreiben Sie bitte höflich formulierte Briefe, E-Mails oder Faxe bis zum 3. März 2026 an die usbekische "
     "Justizministerin, Frau Dilnoza Karimova, Justizministerium, Sayilgoh-Straße 5, 100047 Taschkent, USBEKISTAN "
     "(E-Mail: info@minjust.example).", "Justizministerin", "2026-03-03"),
    ("Schreiben Sie Appelle oder E-Mails an den kenianischen Innenminister, Herrn Peter Otieno, Harambee Avenue 1, "
     "00100 Nairobi, KENIA (E-Mail: ps@interior.example).", "Innenminister", None),
    # "außerdem" between the verb and "an", and the salutation in a clause that ends in the verb's particle.
    ("Schreiben Sie außerdem an den Innenminister, Herrn Peter Otieno, Harambee Avenue 1, 00100 Nairobi, KENIA, "
     "E-Mail: ps@interior.example, und reden Sie ihn mit „Sehr geehrter Herr Minister“ an.", "Innenminister", None),
])
def test_a_german_prose_instruction_that_says_what_to_write_before_its_official(sentence, title, deadline):
    imported = read(f"URGENT ACTION\nKENIA: TITEL\n\nText der Aktion.\n\n{sentence}\n")
    [target] = imported.targets
    assert target.title == title and target.emails and target.address_lines and target.name
    assert str(imported.deadline) == deadline if deadline else imported.deadline is None
    assert target.salutation == ("Sehr geehrter Herr Minister" if "reden Sie" in sentence else "")


@pytest.mark.parametrize("copy", [
    "Bitte senden Sie eine Kopie Ihres Schreibens an die Botschaft von Kenia, S. E. Herrn Botschafter John Mwangi, "
    "Markgrafenstraße 63, 10969 Berlin, E-Mail: emb@kenya.example.",
    "Bitte senden Sie eine Kopie an die Botschaft von Kenia, S. E. Herrn Botschafter John Mwangi, Markgrafenstraße 63, "
    "10969 Berlin, E-Mail: emb@kenya.example.",
])
def test_a_german_prose_copy_after_bitte(copy):
    imported = read("URGENT ACTION\nKENIA: TITEL\n\nSchreiben Sie an den Innenminister, Herrn Peter Otieno, Harambee "
                    f"Avenue 1, 00100 Nairobi, KENIA (E-Mail: ps@interior.example).\n\n{copy}\n")
    [copy] = imported.copies
    assert (copy.title, copy.honorific, copy.name, copy.city) == ("Botschafter", "S. E. Herrn", "John Mwangi", "Berlin")
    assert copy.organisation == "Botschaft von Kenia" and len(imported.targets) == 1


def test_an_office_keeps_the_adjective_of_its_country():
    imported = read("URGENT ACTION\nKENIA: TITEL\n\nSchreiben Sie an die kenianische Botschaft, Markgrafenstraße 63, "
                    "10969 Berlin, DEUTSCHLAND (E-Mail: emb@kenya.example).\n")
    assert imported.targets[0].organisation == "Kenianische Botschaft"


@pytest.mark.parametrize("text", [
    # After an official named in prose, in the same paragraph.
    "URGENT ACTION\nKENIA: TITEL\n\nSchreiben Sie an den Innenminister, Herrn Peter Otieno, Harambee Avenue 1, "
    "00100 Nairobi, KENIA (E-Mail: ps@interior.example). Beginnen Sie Ihren Brief mit „Dear Minister“ oder, wenn "
    "Sie auf Deutsch schreiben, mit „Sehr geehrter Herr Minister“.\n",
    # Below an envelope written line by line.
    "URGENT ACTION\nKENYA: TITLE\n\nWrite to:\nMinister of the Interior\nPeter Otieno\nHarambee Avenue 1\n"
    "00100 Nairobi, Kenya\nEmail: ps@interior.example\n"
    "Please start your letters with “Dear Minister” or, in German, “Sehr geehrter Herr Minister”.\n",
])
def test_one_salutation_sentence_that_quotes_it_in_two_languages_joins_them(text):
    [target] = read(text).targets
    assert target.salutation == "Dear Minister / Sehr geehrter Herr Minister"


_IRAN_OPENING = ("URGENT ACTION\nIRAN: GEWERKSCHAFTER IN HAFT\nUA 77/25\n\nNader Karimi wurde im Mai 2025 in Teheran "
                 "festgenommen und ist seither in Einzelhaft.\n\n")


@pytest.mark.parametrize("before,deadline,languages", [
    ("Schreib bis spätestens 21. Oktober 2025 einen höflichen Brief an das Oberhaupt der Justiz. Du kannst den "
     "untenstehenden Musterbrief verwenden und auf Persisch, Englisch oder Deutsch schreiben.", "2025-10-21",
     ["fa", "en", "de"]),
    ("Schreiben Sie bitte bis zum 3. November 2025 auf Persisch oder Deutsch.", "2025-11-03", ["fa", "de"]),
])
def test_a_copy_named_in_prose_later_in_a_paragraph_on_one_line_is_read_after_the_sentences_before_it(
        before, deadline, languages):
    imported = read(f"{_IRAN_OPENING}SO KANNST DU HELFEN\n{before} Sende eine Kopie deines Schreibens an die "
                    "Botschaft der Islamischen Republik Iran, z. H. S. E. Herrn Botschafter Reza Moradi, "
                    "Jaurèsgasse 9, 1030 Wien, E-Mail: emb@mfa.example.\n")
    [copy] = imported.copies
    assert (copy.honorific, copy.title, copy.name, copy.organisation) == (
        "S. E. Herrn", "Botschafter", "Reza Moradi", "Botschaft der Islamischen Republik Iran")
    assert (str(imported.deadline), imported.preferred_languages) == (deadline, languages)
    assert before not in imported.summary


@pytest.mark.parametrize("line,honorific,title", [
    ("zu Händen von Frau Botschafterin Mina Rahimi", "Frau", "Botschafterin"),
    ("Attn: Ambassador Mina Rahimi", "", "Ambassador"),
])
def test_the_words_that_say_whom_an_envelope_to_an_office_is_for_are_left_out(line, honorific, title):
    imported = read(f"{_IRAN_OPENING}Kopien an:\nEmbassy of Iran\n{line}\n9 Example Road\n1030 Wien\nÖSTERREICH\n")
    [copy] = imported.copies
    assert (copy.honorific, copy.title, copy.name, copy.organisation) == (honorific, title, "Mina Rahimi",
                                                                          "Embassy of Iran")


@pytest.mark.parametrize("sentence,joined", [
    ("Sende eine Kopie an Frau Anna Petrowa, Menschenrechtsbeauftragte, ul. Pretschistenka 22, 119034 Moskau, "
     "RUSSISCHE FÖDERATION, E-Mail: ombud@rf.example (Anrede: Sehr geehrte Frau Petrowa)",
     "sowie an die Botschaft in Wien:"),
    ("Send a copy to Ms Anna Petrova, Human Rights Commissioner, ul. Prechistenka 22, 119034 Moscow, Russian "
     "Federation, email: ombud@rf.example,", "and to the Embassy in Vienna:"),
])
def test_a_further_copy_named_before_a_colon_at_a_prose_sentences_end_heads_the_envelope_below(sentence, joined):
    text = (f"URGENT ACTION\nRUSSLAND: TITEL\n\nText.\n\nAppell an:\n\nHerrn Lew Pribylow, Generalstaatsanwalt\n"
            f"ul. Malaja Poljanka 9\n125993 Moskau\nRUSSISCHE FÖDERATION\n\n{sentence}\n{joined}\n\n"
            "BOTSCHAFT DER RUSSISCHEN FÖDERATION\nS. E. Herrn Dmitri Wachrameew\nSalesianergasse 31\n1030 Wien\n")
    imported = read(text)
    assert [target.name for target in imported.targets] == ["Lew Pribylow"]
    assert [copy.name for copy in imported.copies] == ["Anna Petrowa" if "Petrowa" in sentence else "Anna Petrova",
                                                       "Dmitri Wachrameew"]


@pytest.mark.parametrize("then", ["Then write to", "Next, write to"])
def test_a_second_step_in_prose_that_writes_to_a_further_official(then):
    """'Write to the Minister …' / '' / 'Then write to the Prosecutor-General, Mr. …, …, Harare, Zimbabwe (email: …),
    and address him as "…".': a paragraph that goes on from the step before names a target of its own."""
    text = ("Write to the Minister of Justice, Hon. Ana Ejemplo, Ministry of Justice, 12 Example Road, Harare, "
            "Zimbabwe.\n\n"
            f"{then} the Prosecutor-General, Mr. Luis Exemplo, National Prosecuting Authority, New Government "
            "Complex, Harare, Zimbabwe (email: npa@npa.example), and address him as \"Dear Prosecutor-General\".\n")
    one, two = parse_ua_text(text).targets
    assert one.name == "Ana Ejemplo"
    assert (two.title, two.honorific, two.name, two.organisation, two.emails, two.salutation) == (
        "Prosecutor-General", "Mr.", "Luis Exemplo", "National Prosecuting Authority", ["npa@npa.example"],
        "Dear Prosecutor-General")


@pytest.mark.parametrize(("first", "second", "sentence"), [
    ("Union Minister of Home Affairs", "Chief Minister of Example State",
     'Address the Union Home Minister as "Dear Minister" and the Chief Minister as "Dear Chief Minister".'),
    ("Deputy Prosecutor General", "Prosecutor General of the Republic",
     'Please address the Deputy Prosecutor as "Dear Deputy Prosecutor" and the Prosecutor General of the Republic '
     'as "Dear Prosecutor General".')])
def test_salutations_in_one_sentence_for_two_officials_of_the_same_role(first, second, sentence):
    """Two ministers, each named in the sentence by more of the words of its own title ("Union Home Minister",
    "Chief Minister"): each salutation goes to the official whose title it names most closely."""
    text = ("TAKE ACTION\nWrite a letter in your own words to both officials. Ask them to:\n"
            "- Release Ana Ejemplo immediately;\n- Drop all charges against her.\n\n"
            f"{sentence}\n\nShri Ana Ejemplo\nShri Luis Exemplo\n{first}\n{second}\n"
            "Ministry of Home Affairs\nOffice of the Example\nNorth Block\nExample Road\nNew Delhi 110001\n"
            "Mumbai 400032\nIndia\nIndia\nEmail: one@one.example\nEmail: two@two.example\n")
    one, two = parse_ua_text(text).targets
    assert (one.title, two.title) == (first, second)
    quoted = re.findall(r'"([^"]+)"', sentence)
    assert (one.salutation, two.salutation) == tuple(quoted)


@pytest.mark.parametrize(("sentence", "languages"), [
    ("The officials can be written to in English, Hindi or Marathi.", ["en", "hi", "mr"]),
    ("The authorities may also be addressed in Spanish or English.", ["es", "en"])])
def test_a_sentence_that_says_in_which_languages_the_officials_can_be_written_to(sentence, languages):
    """'The officials can be written to in English, Hindi or Marathi. Please take action before …': the languages to
    write in, said of the officials rather than of the letters."""
    text = (f"TAKE ACTION\nWrite to:\nMr. Luis Exemplo\nMinister of Justice\nExample Road 1\nExampleton\nIndia\n"
            f"Email: mj@mj.example\n\n{sentence} Please take action before September 3, 2025.\n")
    imported = parse_ua_text(text)
    assert imported.preferred_languages == languages
    assert imported.deadline is not None


@pytest.mark.parametrize(("contacts", "email", "phone", "fax"), [
    ("by email to emb@emb.example or by phone at (202) 555-0100", "emb@emb.example", "(202) 555-0100", ""),
    ("by fax on 202 555 0101 or by email to info@emb.example", "info@emb.example", "", "202 555 0101")])
def test_a_copy_in_a_sentence_with_its_us_address_and_contacts_in_words(contacts, email, phone, fax):
    """'Please also send a copy … to Ambassador …, 1608 … Avenue NW, Washington, DC 20009, by email to … or by phone
    at (202) 332-7100.': the state and postcode go with the town, and each contact given in words is read as one."""
    text = ("Write to the Minister of Justice, Hon. Ana Ejemplo, Ministry of Justice, 12 Example Road, Harare, "
            "Zimbabwe.\n\n"
            "Please also send a copy of your letters to Ambassador Luis Exemplo, Embassy of Example, "
            f"1608 Example Avenue NW, Washington, DC 20009, {contacts}.\n")
    [copy] = read(text).copies
    assert (copy.organisation, copy.address_lines, copy.city, copy.region, copy.postcode, copy.country) == (
        "Embassy of Example", ["1608 Example Avenue NW"], "Washington", "DC", "20009", "US")
    assert (copy.emails, copy.phone, copy.fax) == ([email], phone, fax)


@pytest.mark.parametrize(("country", "role", "office"), [
    ("Zimbabwe", "Minister of Home Affairs", "Ministry of Home Affairs"),
    ("Kenya", "Cabinet Secretary for the Interior", "Ministry of Interior")])
def test_a_role_after_its_countrys_possessive_and_an_office_after_at_the(country, role, office):
    """"Write to Zimbabwe's Minister of Home Affairs, Hon. …, at the Ministry of Home Affairs, …": the country's
    possessive is no part of the title, and "at the" no part of the office."""
    text = (f"Write to {country}'s {role}, Hon. Ana Ejemplo, at the {office}, Example Building, Private Bag 7703, "
            f"Exampleton, {country}.\n")
    [target] = parse_ua_text(text).targets
    assert (target.title, target.name, target.organisation) == (role, "Ana Ejemplo", office)


@pytest.mark.parametrize(("sentence", "email"), [
    ("You can also email the minister at minister@home.example.", "minister@home.example"),
    ("You may also email him at office@home.example.", "office@home.example")])
def test_a_sentence_right_after_a_prose_official_that_gives_its_email_in_words(sentence, email):
    """'Write to the Minister …, Harare, Zimbabwe. You can also email the minister at …. Open your letter with "…".':
    the email given in a sentence of its own right after the envelope is the official's."""
    text = ("Write to the Minister of Home Affairs, Hon. Ana Ejemplo, Ministry of Home Affairs, Example Building, "
            f"Private Bag 7703, Harare, Zimbabwe. {sentence} Open your letter with \"Dear Honourable Minister\".\n")
    [target] = read(text).targets
    assert (target.emails, target.salutation) == ([email], "Dear Honourable Minister")
