"""Officials named in one French sentence, the way Belgian, French, Swiss and Canadian sections phrase it: the verb
that asks to write, the official's role before or after the name, the copy joined to the sentence or in its own."""
from __future__ import annotations

import pytest

from tests.test_importer import read

LEAD = "UN TITRE\n\nUn résumé.\n\n"


@pytest.mark.parametrize(("sentence", "name", "title", "country", "copy"), [
    ("Veuillez adresser vos appels à Monsieur Luc Exemple, Ministre de la Justice, Ministère de la Justice, Rue Une 4, "
     "Exempleville, Sénégal (courriel : cabinet@justice.example ; fax : +221 33 123 45 67), et une copie à "
     "l'Ambassade de la République du Sénégal, Avenue Louise 9, 1050 Bruxelles (courriel : amb@sn.example).",
     "Luc Exemple", "Ministre de la Justice", "SN", "Ambassade de la République du Sénégal"),
    ("Adressez vos appels à Madame Claire Modèle, Ministre de l'Intérieur, BP 40, Exempleville, Niger "
     "(courriel : cab@int.example), avec copie à l'Ambassade du Niger, Avenue Deux 8, 1000 Bruxelles.",
     "Claire Modèle", "Ministre de l'Intérieur", "NE", "Ambassade du Niger"),
    ("Adressez vos lettres au Procureur de la République, Monsieur Jules Exemple, Tribunal de grande instance, BP 50, "
     "Exempleville, Bénin, et une copie à l'Ambassade du Bénin, Avenue Dix 5, 1050 Bruxelles.",
     "Jules Exemple", "Procureur de la République", "BJ", "Ambassade du Bénin"),
    ("Merci de transmettre votre appel à Monsieur Tarek Exemple, Ministre de la Justice, 31 boulevard Onze, "
     "1000 Tunis, Tunisie (courriel : mj@justice.example ; fax : +216 71 56 85 06), avec copie à l'Ambassade de "
     "Tunisie, Avenue Douze 278, 1050 Bruxelles.",
     "Tarek Exemple", "Ministre de la Justice", "TN", "Ambassade de Tunisie"),
])
def test_a_request_to_address_the_appeals_to_an_official_opens_a_prose_instruction(sentence, name, title, country,
                                                                                   copy):
    """'Veuillez adresser vos appels à …', 'Adressez vos lettres au …': the appeals between the verb and the
    official, as after 'envoyer', and the copy joined to the sentence read with it."""
    imported = read(LEAD + sentence + "\nFormule d'appel : Monsieur le Ministre,\n")
    [target], [copied] = imported.targets, imported.copies
    assert (target.name, target.title, target.country) == (name, title, country)
    assert (copied.organisation, copied.country) == (copy, "BE")


TARGET = ("Veuillez écrire une lettre à Madame Awa Modèle, Ministre des Droits humains, Ministère des Droits humains, "
          "Rue Sept 3, Exempleville, Mali (courriel : awa@mdh.example).")


@pytest.mark.parametrize("between", [" ", "\n", "\n\n"])
@pytest.mark.parametrize(("sentence", "organisation", "city", "country"), [
    ("Envoyez également une copie à l'Ambassade du Mali, Avenue Huit 487, 1050 Bruxelles.",
     "Ambassade du Mali", "Bruxelles", "BE"),
    ("Merci d'envoyer une copie à l'Ambassade de Suisse, Rue Neuf 3, 3003 Berne.", "Ambassade de Suisse", "Berne",
     "CH"),
    ("Copie à : Ambassade de la République du Mali, Avenue Huit 487, 1050 Bruxelles.",
     "Ambassade de la République du Mali", "Bruxelles", "BE"),
])
def test_a_copy_in_its_own_sentence_with_only_its_town_and_postcode(between, sentence, organisation, city, country):
    """'Envoyez également une copie à l'Ambassade …, Avenue …, 1050 Bruxelles.': a copy in the sheet's own country
    leaves the country out, its postcode and town name it; a copies' heading may open the sentence after the
    target's ('… Mali (courriel : …). Copie à : Ambassade …'), and the full stop ending it is no part of the town."""
    imported = read(LEAD + TARGET + between + sentence + "\n\nFormule d'appel : Madame la Ministre,\n")
    [target], [copied] = imported.targets, imported.copies
    assert (target.name, target.country) == ("Awa Modèle", "ML")
    assert (copied.organisation, copied.city, copied.country) == (organisation, city, country)


@pytest.mark.parametrize(("sentence", "name", "country", "copy", "demand"), [
    ("Interpellez le Ministre de la Sécurité, M. Karim Exemple, Ministère de la Sécurité, BP 7, Exempleville, Togo "
     "(courriel : ks@securite.example ; tél. : +228 22 21 00 00), avec copie à l'Ambassade du Togo, Avenue Neuf 264, "
     "1180 Bruxelles.", "Karim Exemple", "TG", "Ambassade du Togo", None),
    ("Adressez-vous au Procureur général, Monsieur Luc Exemple, Parquet général, Rue Une 2, 1000 Tunis, Tunisie "
     "(courriel : pg@parquet.example), avec copie à l'Ambassade de Tunisie, Avenue Douze 278, 1050 Bruxelles.",
     "Luc Exemple", "TN", "Ambassade de Tunisie", None),
    ("Écrivez au Président de la République, Monsieur Omar Exemple, Présidence, BP 1, Exempleville, Tchad, en lui "
     "demandant de libérer Ali Modèle, avec copie à l'Ambassade du Tchad, Boulevard Quatre 52, 1000 Bruxelles.",
     "Omar Exemple", "TD", "Ambassade du Tchad", "Libérer Ali Modèle"),
    ("Write to the Minister of Justice, Mr John Example, Ministry of Justice, PO Box 12, Exampletown, Uganda, urging "
     "him to release Ali Model, with a copy to the Embassy of Uganda, 58 Example Road, London W8 5DL.",
     "John Example", "UG", "Embassy of Uganda", "Release Ali Model"),
])
def test_officials_after_other_verbs_and_a_copy_after_the_asking_clause(sentence, name, country, copy, demand):
    """'Interpellez le ministre …', 'Adressez-vous au procureur …' ask to write to the official after them; a copy
    joined to the sentence after the clause that asks for the demands ('…, en lui demandant de libérer …, avec copie
    à l'Ambassade …') is still the sentence's copy, the clause its demand."""
    imported = read(LEAD + sentence + "\n")
    [target], [copied] = imported.targets, imported.copies
    assert (target.name, target.country, copied.organisation) == (name, country, copy)
    if demand:
        assert imported.demands == [demand]


PRESIDENT = ("Écrivez à S. E. M. Paul Exemple, Président de la République, Palais présidentiel, BP 100, Exempleville, "
             "Gabon (courriel : pr@presidence.example)")
EMBASSY = "l'Ambassade du Gabon, Avenue Un 112, 1050 Bruxelles."


@pytest.mark.parametrize("text", [
    f"{PRESIDENT}. Envoyez des copies à {EMBASSY}",
    f"{PRESIDENT}. Une copie peut être envoyée à {EMBASSY}",
    f"{PRESIDENT}, en mettant en copie {EMBASSY}",
    "Envoyez vos appels au Président de la République, M. Paul Exemple, Palais présidentiel, BP 100, Exempleville, "
    f"Gabon, télécopie : +241 01 72 00 00, et des copies à {EMBASSY}",
    "Adressez vos courriels et lettres au Président de la République, M. Paul Exemple, Palais présidentiel, BP 100, "
    f"Exempleville, Gabon, avec copie à {EMBASSY}",
])
def test_more_ways_of_asking_for_a_copy_and_of_naming_what_is_sent(text):
    """'Envoyez des copies à …', 'Une copie peut être envoyée à …', '…, en mettant en copie l'Ambassade …', 'et des
    copies à …' name the copy; 'Adressez vos courriels et lettres au …' the target."""
    imported = read(LEAD + text + "\nFormule d'appel : Monsieur le Président,\n")
    [target], [copied] = imported.targets, imported.copies
    assert (target.name, target.title, target.country) == ("Paul Exemple", "Président de la République", "GA")
    assert (copied.organisation, copied.city, copied.country) == ("Ambassade du Gabon", "Bruxelles", "BE")


@pytest.mark.parametrize("copies", [
    ". Copies à : Ambassade du Gabon, Avenue Un 112, 1050 Bruxelles ; Mission permanente du Gabon, Rue Deux 3, "
    "1202 Genève, Suisse.",
    ", avec copie à l'Ambassade du Gabon, Avenue Un 112, 1050 Bruxelles ; Mission permanente du Gabon, Rue Deux 3, "
    "1202 Genève, Suisse.",
    ". Envoyez des copies à l'Ambassade du Gabon, Avenue Un 112, 1050 Bruxelles ; Mission permanente du Gabon, "
    "Rue Deux 3, 1202 Genève, Suisse.",
])
def test_copies_parted_by_a_semicolon_are_two(copies):
    """'Copies à : Ambassade du Gabon, …, 1050 Bruxelles ; Mission permanente du Gabon, …': a diplomatic mission
    after a semicolon, once the envelope before it has come to its town, is a further copy."""
    imported = read(LEAD + PRESIDENT + copies + "\nFormule d'appel : Monsieur le Président,\n")
    assert [target.name for target in imported.targets] == ["Paul Exemple"]
    assert [(copied.organisation, copied.city, copied.country) for copied in imported.copies] == [
        ("Ambassade du Gabon", "Bruxelles", "BE"), ("Mission permanente du Gabon", "Genève", "CH")]


@pytest.mark.parametrize(("sentence", "target", "copy"), [
    ("Merci d'envoyer vos lettres à Monsieur Paul Exemple, Procureur général, Palais de justice, BP 12, Exempleville, "
     "Cameroun (télécopie : +237 222 33 44 55), avec copie à l'Ambassade du Cameroun, Avenue Trois 131, 1190 "
     "Bruxelles.", ("Paul Exemple", "Procureur général", "CM"), ("", "Ambassade du Cameroun", "BE")),
    ("Faites parvenir vos appels au Ministre de la Justice, M. Jean Exemple, Ministère de la Justice, CP 250, "
     "Exempleville, Burundi, courriel : min@justice.example, télécopie : +257 22 22 11 11, et une copie à "
     "l'Ambassade du Burundi, Square Cinq 46, 1000 Bruxelles.",
     ("Jean Exemple", "Ministre de la Justice", "BI"), ("", "Ambassade du Burundi", "BE")),
    ("Veuillez adresser vos appels à Madame Awa Exemple, Procureure générale, Parquet général, BP 12, Exempleville, "
     "Mali (courriel : pg@justice.example ; télécopie : +223 20 22 00 00), et une copie à Son Excellence Monsieur "
     "Karim Modèle, Ambassadeur du Mali, Avenue Un 487, 1050 Bruxelles (courriel : amb@ml.example).",
     ("Awa Exemple", "Procureure générale", "ML"), ("Karim Modèle", "", "BE")),
    ("Veuillez adresser vos appels au Président de la République, M. Paul Exemple, Palais de la Nation, Exempleville, "
     "Burundi, avec copie au Ministre de la Justice, Mme Anne Modèle, Ministère de la Justice, BP 2, Exempleville, "
     "Burundi.", ("Paul Exemple", "Président de la République", "BI"),
     ("Anne Modèle", "Ministère de la Justice", "BI")),
    ("Écrivez au chef du gouvernement, M. Aziz Exemple, Rue Exemple, Rabat, Maroc, courriel cdg@cg.example, fax +212 "
     "537 00 00 00, avec copie à l'Ambassade du Maroc, Boulevard Un 29, 1040 Bruxelles.",
     ("Aziz Exemple", "Chef du gouvernement", "MA"), ("", "Ambassade du Maroc", "BE")),
    ("Merci d'envoyer vos appels à Monsieur Luc Exemple, Ministre de la Justice et des Droits humains, Case postale "
     "3344, 1211 Genève 3, Suisse ; copie à l'Ambassade de Suisse, Rue Un 3, 1000 Bruxelles.",
     ("Luc Exemple", "Ministre de la Justice et des Droits humains", "CH"), ("", "Ambassade de Suisse", "BE")),
    ("Veuillez adresser vos appels, avant le 12 mars 2026, à Monsieur Luc Exemple, Ministre de la Justice, BP 8, "
     "Exempleville, Togo (courriel : mj@tg.example), et une copie à l'Ambassade du Togo, Avenue Neuf 264, 1180 "
     "Bruxelles.", ("Luc Exemple", "Ministre de la Justice", "TG"), ("", "Ambassade du Togo", "BE")),
    ("Écrivez au ministre de la Justice, Monsieur Marc Exemple, 10 rue Exemple, CP 123, Exempleville, Haïti, "
     "courriel : mj@justice.example, télécopie : +509 2222 3333, en lui demandant de veiller à la sécurité de Rose "
     "Modèle. Envoyez une copie à l'ambassade d'Haïti, S. E. M. Jean Modèle, 130 rue Albert, bureau 1500, Ottawa "
     "(Ontario) K1P 5G4.", ("Marc Exemple", "Ministre de la Justice", "HT"),
     ("Jean Modèle", "Ambassade d'Haïti", "CA")),
])
def test_french_prose_instructions_as_sections_phrase_them(sentence, target, copy):
    """The ways Belgian, French, Swiss and Canadian sections ask to write in one sentence: the verb, the role before
    or after the name, a post or case postale box, the contacts in parentheses or after commas, the copy joined by
    'avec copie à', 'et une copie à', '; copie à' or in a sentence of its own."""
    imported = read(LEAD + sentence + "\nFormule d'appel : Monsieur le Ministre,\n")
    [found], [copied] = imported.targets, imported.copies
    assert (found.name, found.title, found.country) == target
    assert (copied.name, copied.organisation, copied.country) == copy
