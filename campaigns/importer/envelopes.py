"""One official's envelope: honorific, name, title and office from the top; country, city and street from the bottom.

The parts of an envelope (its lines, or a one-line address cut at its commas) are read from the top while they
name the official: an honorific ("Mr", "S. E. Herrn", "Su Excelencia") or a rank ("General") before a name,
a role ("Minister of Justice"), an office. From the bottom come the country and the city line ("New York,
NY 10017", "75007 Paris", "Dublin 2"); what stays between is the street address.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pycountry

from campaigns.importer.contacts import is_contact
from campaigns.importer.names import (ORGANISATION_WORDS, STREET_WORDS, has_role, is_building, is_island,
                                      is_person_name, is_role_word, split_role_and_name, tidy_name, title_case)
from campaigns.importer.places import CITY_STATES, country_of_city_line
from campaigns.importer.result import ImportedCampaign
from campaigns.importer.text import MAX_HEADING, column_length, has_word, is_capitals_line, words
from campaigns.importer.values import country_code
from campaigns.officials import Official
from letters.languages import LetterLanguage, sheet_languages
from letters.postal import address_format
from models import Target


def honorifics_pattern(languages: Iterable[LetterLanguage]) -> str:
    """The honorifics the languages' envelopes write (their rows' `honorifics`) as one group, `honorific`: the
    longest pattern first, so that "S. E. Herrn" is tried before "S. E.", each with the academic titles after it."""
    forms = dict.fromkeys(form for row in languages for form in row.sheet_words.honorifics)
    # An academic title after the honorific is part of it: "Herrn Dr.", "Mr Prof.", "Sra. Dra.", "Frau Mag.".
    return ("(?P<honorific>(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"
            + r"(?:\s+(?:(?:dr|dra|prof(?:a|essor)?)\.?|mag\.(?:a\.?)?)(?=\s))*)")


# Honorifics before a name or on a line of their own, in every sheet language.
_HONORIFICS = honorifics_pattern(sheet_languages())
HONORIFIC = re.compile(rf"^{_HONORIFICS}\s+(?P<rest>\S.*)$", re.I)
_HONORIFIC_ALONE = re.compile(rf"^{_HONORIFICS}$", re.I)
def ranks_pattern(languages: Iterable[LetterLanguage]) -> str:
    """The ranks the languages' envelopes write before a name (their rows' `ranks`) as one group, `honorific`,
    tried in the table's order."""
    ranks = dict.fromkeys(form for row in languages for form in row.sheet_words.ranks)
    return "(?P<honorific>(?:" + "|".join(ranks) + "))"


def role_joins_pattern(languages: Iterable[LetterLanguage]) -> str:
    """The small words that join a role to its office in the languages (their rows' `role_joins`), as one group."""
    return "(?:" + "|".join(dict.fromkeys(form for row in languages for form in row.sheet_words.role_joins)) + ")"


# The words that join a role to what it is the role of: "Inspector General of Police", "Ministre de la Justice".
_ROLE_JOINS = role_joins_pattern(sheet_languages())
_JOINING = re.compile(rf"\s{_ROLE_JOINS}\s", re.I)
# Ranks written before a name as an honorific ("General Phạm Đức Huy", "Counsellor Mahmoud Hamdy"). "Inspector
# General Rudy …" is a rank before a name, but "Inspector General of Police" a role: no joining word, nor
# "General", may follow the rank.
_RANK = re.compile(rf"^{ranks_pattern(sheet_languages())}\s+(?!(?:{_ROLE_JOINS}|general)\s)(?P<rest>\S.*)$", re.I)
# A rank alone: "Counsellor", "Brigadier" (matched whole).
_RANK_ALONE = re.compile(ranks_pattern(sheet_languages()), re.I)

# The names of Canada's provinces and territories, as a city line may write them out ("Québec" too).
_CANADIAN_PROVINCES = "|".join(sorted({re.escape(province.name) for province in pycountry.subdivisions.get(
    country_code="CA")} | {"Québec"}, key=len, reverse=True))

# The codes of Australia's states and territories ("QLD", "ACT").
_AUSTRALIAN_STATES = "|".join(sorted(subdivision.code.partition("-")[2] for subdivision in pycountry.subdivisions.get(
    country_code="AU")))

# A postcode written before its town: four to seven digits, after a country's letter or two ("D-10117"), two with no
# hyphen ("AZ1005"); Argentina's "R8500ATG"; two digits and three after a hyphen (Poland's "00-950"), four and three
# (Portugal's "1149-019"); three digits and two after a space (Greece's, Sweden's, Czechia's "115 26").
_POSTCODE_FIRST = r"(?:[A-Z]{1,2}-|[A-Z]{2})?\d{4,7}|[A-Z]\d{4}[A-Z]{3}|\d{2}-\d{3}|\d{4}-\d{3}|\d{3}\s\d{2}"

# City lines, tried in this order on the last address lines of a target:
_CITY_LINES = [
    # "New York, NY 10017", "Washington, D.C. 20008": city, state, ZIP code.
    ("US", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<region>[A-Z]{2}|D\.\s?C\.)\s+"
                      r"(?P<postcode>\d{5}(?:-\d{4})?)$")),
    # "Ottawa, ON K1A 0G2", "Ottawa, Ontario K1P 5G4", "Québec (Québec) G1A 1B4": city, province (its code or its
    # name, in parentheses in French), postal code.
    ("CA", re.compile(r"^(?P<city>[^\W\d_][^\d,(]*?),?\s+(?P<open>\()?(?P<region>[A-Z]{2}|(?i:" + _CANADIAN_PROVINCES
                      + r"))(?(open)\))\s+"
                      r"(?P<postcode>[A-Z]\d[A-Z]\s?\d[A-Z]\d)$")),
    # "City East QLD 4002", "Canberra ACT 2600": an Australian town, its state's or territory's code, the postcode.
    ("AU", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<region>" + _AUSTRALIAN_STATES
                      + r")\s+(?P<postcode>\d{4})$")),
    # "São Luís – MA, 65010-904", "Brasília/DF 70150-900": a Brazilian city, its state's code, then the CEP.
    ("BR", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?)\s*[–—/-]\s*(?P<region>[A-Z]{2}),?\s+(?P<postcode>\d{5}-?\d{3})$")),
    # "London SW1A 2AA": city, then a British postcode.
    ("GB", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<postcode>[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$")),
    # "Valletta VLT 1433", "Ħal Safi SFI 1000": a Maltese town, then its postcode of three letters and four digits.
    ("MT", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<postcode>[A-Z]{3}\s?\d{4})$")),
    # "Dublin D04 K7W2", "Dublin 4, D04 X2K7": city (with its postal district or not), then an Irish Eircode.
    ("IE", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?(?:\s+(?:[1-9]|1\d|2[0-4]|6W))?),?\s+"
                      r"(?P<postcode>(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[AC-FHKNPRTV-Y\d]{4})$")),
    # "Dublin 2", "Dublin 6W": a Dublin postal district, the town line of Irish addresses without an Eircode.
    ("IE", re.compile(r"^(?P<city>Dublin\s+(?:[1-9]|1\d|2[0-4]|6W))$", re.I)),
    # "2500 EK Den Haag": a Dutch postcode, four digits and two capitals, before the town.
    ("NL", re.compile(r"^(?P<postcode>[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2})\s+(?P<city>[^\W\d_][^\d,]*?)$")),
    # "Oaxaca de Juárez, Oaxaca, C.P. 68000", "Medellín, Antioquia, 050021": city, state or province, then the
    # postcode after its optional label ("C.P.", código postal).
    ("", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),\s+(?P<region>[^\W\d_][^\d,]*?),?\s+(?:C\.\s?P\.\s*)?"
                    r"(?P<postcode>\d{4,6})$")),
    # "C.P. 39000, Chilpancingo de los Bravo, Guerrero", "C.P. 06600, Ciudad de México": the postcode first after
    # its label ("C.P.", código postal), then the city and its state or province, if any.
    ("", re.compile(r"^C\.\s?P\.\s*(?P<postcode>\d{4,6}),?\s+(?P<city>[^\W\d_][^\d,]*?)"
                    r"(?:,\s+(?P<region>[^\W\d_][^\d,]*?))?$")),
    # "75007 Paris", "D-10117 Berlin", "AZ1005 Baku", "125993, Moscow", "8340401 Santiago", "00-950 Warszawa", "115 26
    # Athens", "1049-056 Lisboa": the postcode first; the town may end with the number of its post office's zone ("1000
    # Monrovia 10"). Without a country of their own, these two shapes take one from the town and postcode where
    # only one country fits (see places.py).
    ("", re.compile(rf"^(?P<postcode>{_POSTCODE_FIRST}),?\s+(?P<city>[^\W\d_][^\d,]*?(?:\s+\d{{1,2}})?)$")),
    # "R8500ATG Viedma, Río Negro", "1010 Wien, Innere Stadt": the postcode first, the city, then its province.
    ("", re.compile(rf"^(?P<postcode>{_POSTCODE_FIRST})\s+(?P<city>[^\W\d_][^\d,]*?),\s+"
                    r"(?P<region>[^\W\d_][^\d,]*)$")),
    # "Moscow 125993", "Москва, 125993", "Lima 15036", "Baku AZ1001", "Santiago 8340401", "New Delhi - 110001",
    # "Mbabane H100", "Tokyo 100-8995" (three digits, a hyphen and four), "Beirut 1106 2020" (two groups of four):
    # the postcode last.
    ("", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?)(?:,?\s+|\s*[-–]\s*)(?P<postcode>(?:[A-Z]{2}-?)?\d{4,7}"
                    r"(?:-\d{3,4})?|[A-Z]\d{3}|\d{3}-\d{4}|\d{4}\s\d{4})$")),
]
# Parts of a one-line address that belong to the part before: "…, Suite 540", "…, NY 10017".
_CONTINUATION = re.compile(r"^(?:(?:suite|apt\.?|apartment|floor|room|office)\s+\S+|[A-Z]{2}\s+\d{5}(?:-\d{4})?|"
                           r"D\.\s?C\.\s+\d{5})$", re.I)


# A line of a street address is short; anything longer is text that strayed into a list of targets.
_MAX_ADDRESS_LINE = 120


def is_role_and_name(text: str) -> bool:
    """'General Vu Duc Thang', 'Ambassador Tran Minh Chau': a rank or a role, then a person's name, on a short line
    with no number and no contact label."""
    if len(text) > MAX_HEADING or any(char.isdigit() for char in text) or is_contact(text):
        return False
    if (rank := _RANK.match(text)) and _is_name_after_rank(rank["rest"]):
        return True
    return (split := split_role_and_name(text)) is not None and bool(split[0]) and is_person_name(split[1])


def is_honorific_and_name(text: str) -> bool:
    """'Mr. Karim BENSALEM', 'Frau Botschafterin Amel GHARBI', 'Monsieur le Ministre de la Justice, Jean …': an
    honorific, then a name (after a role, its article and its comma, or not)."""
    match = HONORIFIC.match(text) if len(text) <= MAX_HEADING else None
    if match is None:
        return False
    rest = addressed_role(match["rest"])
    role, comma, name = rest.partition(",")
    return (is_person_name(rest) or split_role_and_name(rest) is not None
            or bool(comma) and heads_with_role(role) and is_person_name(name.strip()))


def is_honorific_and_role(text: str) -> bool:
    """'Monsieur le Ministre de la Justice', 'Madame la Procureure générale': an honorific, then the role it addresses
    after its article, with no name; not the salutation a letter opens with ("Monsieur le Ministre,")."""
    match = HONORIFIC.match(text) if len(text) <= MAX_HEADING else None
    return (match is not None and not text.rstrip().endswith(",") and not any(char.isdigit() for char in text)
            and (role := addressed_role(match["rest"])) != match["rest"] and heads_with_role(role))


def one_line_address(text: str) -> bool:
    """'His Excellency X, Embassy of Y, 52 Some Road, London W8 5DL, United Kingdom': a target on one line."""
    # A comma between digits is a decimal one ("1,40 €"), never one between the parts of an address.
    commas = text.count(",") - len(_DECIMAL_COMMA.findall(text))
    # With no number at all, it ends in its country ("…, Kennedy Avenue, Roseau, Commonwealth of Dominica").
    return commas >= 2 and len(text) <= MAX_HEADING and (any(char.isdigit() for char in text) or (
        commas >= _MIN_COMMAS_WITHOUT_NUMBER and bool(country_code(text.rpartition(",")[2].strip().rstrip(".")))))


# How many commas a one-line address with no number in it holds at least: the name, the office, the street, the
# town and the country.
_MIN_COMMAS_WITHOUT_NUMBER = 4


_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


# "Attorney General: Hon. Levi …, Ministry …": the role before its colon opens a one-line address; so does a role
# and the office it is the role of ("President, Human Rights Commission: Dr …").
_ROLE_COLON = re.compile(r"^(?P<role>[^\W\d_][^:]{2,60}?):\s+(?=\S)")


# The full stop after the last word of a one-line address (of three letters or more, no abbreviation as "D.C.").
_SENTENCE_STOP = re.compile(r"(?<=[^\W\d_]{3})\.$")


def split_one_line(text: str) -> list[str]:
    parts: list[str] = []
    if (role := _ROLE_COLON.match(text)) and (is_role_of_office(role["role"]) if "," in role["role"]
                                              else heads_with_role(role["role"])):
        parts, text = [role["role"]], text[role.end():]
    # A line that ends the address in a semicolon before the contacts below it: the semicolon is no part of it; nor
    # is the full stop of one written as a sentence ("Copie à : Ambassade …, 1050 Bruxelles."), after a word.
    text = _SENTENCE_STOP.sub("", text.rstrip().rstrip(";"))
    for part in (piece.strip() for piece in re.split(r"(?<!\d),|,(?!\d)|\s\|\s", text)):
        if parts and _CONTINUATION.match(part):
            parts[-1] += ", " + part
        elif part:
            parts.append(part)
    return parts


def read_envelope(result: ImportedCampaign, target: Official, parts: list[str],
                   address: list[str] | None = None) -> None:
    """Name, title and office first; the street, the city line and the country last. The parts of a labelled
    address (`address`) are all street, city and country: the head ends where they start."""
    parts = _without_post_nominals(result, [piece for part in parts for piece in _split_honorific_line(part)
                                            for piece in _split_name_of_office(piece)])
    parts = _without_closing_notes(result, [_without_attention(result, part) for part in parts])
    parts = _without_office_prepositions(result, parts)
    head_end = len(parts) if address is not None else None
    parts = _read_country(result, target, parts + (address or []))
    head_end = len(parts) if head_end is None else min(head_end, len(parts))
    parts, head_end = _without_role_heading(result, parts, head_end)
    parts, head_end = _join_title(parts, head_end)
    parts, head_end = _split_office_and_place(parts, head_end)
    position, office_first = 0, False
    while position < head_end:
        named = bool(target.name)
        following = parts[position + 1] if position + 1 < head_end else ""
        if _whole_role_above_name(target, parts[position], following):
            _set(target, title=title_case(parts[position]) if is_capitals_line(parts[position]) else parts[position])
        elif _place_head(target, parts[position]):
            office_first = office_first or (not named and bool(target.organisation) and not target.name)
            _recognise_role_article(result, target, parts[position])
        elif office_first and target.name and _is_office(parts[position]):
            # "l'ambassade du Togo en Belgique, S. E. Madame …, ambassadrice, Ambassade de la République
            # togolaise, …": the office a sentence names before the person says who is written to; the envelope's
            # own office line follows the person.
            result.recognised.append(target.organisation)
            target.organisation, office_first = parts[position], False
        else:
            break
        position += 1
    if not target.title and _names_office(target.honorific):
        # "Commissioner General Abdissa …" with no role of its own: the rank that names an office is the title.
        target.title, target.honorific = target.honorific, ""
    rest = parts[position:] if target.city else _read_city(target, parts[position:])
    for part in rest:
        if len(part) <= _MAX_ADDRESS_LINE:
            target.address_lines.append(part)
        else:
            result.add_unplaced(part)


# "z. H. S. E. Herrn Botschafter …", "Attn: Ms …": the words before the person an envelope to an office is for.
_ATTENTION = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.attentions)
                        + r")\s*", re.I)


def _without_attention(result: ImportedCampaign, part: str) -> str:
    """'z. H. S. E. Herrn Botschafter Reza …' → 'S. E. Herrn Botschafter Reza …': the words that say whom the letter
    is for, recognised, before an honorific or a role and the name."""
    attention = _ATTENTION.match(part)
    rest = part[attention.end():] if attention else ""
    if not rest or not (is_honorific_and_name(rest) or is_role_and_name(rest)):
        return part
    result.recognised.append(attention.group(0).strip())
    return rest


# The words that set an official's office in a sentence after the name: "at the", "en la", "beim".
_OFFICE_PREPOSITION = re.compile("^(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.office_prepositions) + r")(?=[^\W\d_])", re.I)


def _without_office_prepositions(result: ImportedCampaign, parts: list[str]) -> list[str]:
    """'…, Mr Chan Ka-wing, at the Security Bureau, …': after the name, an office's name (capitalised, an office's
    word, no number) set there by a preposition is the office; the preposition is recognised as read."""
    kept: list[str] = []
    for part in parts:
        rest = part[found.end():] if kept and (found := _OFFICE_PREPOSITION.match(part)) else ""
        if rest[:1].isupper() and has_word(rest, ORGANISATION_WORDS) and not any(char.isdigit() for char in rest):
            result.recognised.append(part[:len(part) - len(rest)].strip())
            part = rest
        kept.append(part)
    return kept


def _without_closing_notes(result: ImportedCampaign, parts: list[str]) -> list[str]:
    """'(zuständig auch für Österreich)', '(also accredited to Ireland)': a note wholly in parentheses below the
    address says whom the office serves; it is no line of the address, and is left to the organiser. So is one
    right below the role ("ARBEITSMINISTER" / "(für den Zivildienst zuständig)" / "Herrn" / …): no office."""
    while len(parts) > 1 and re.fullmatch(r"\([^()]+\)", parts[-1]):
        result.add_unplaced(parts.pop())
    for note in [part for at, part in enumerate(parts) if at and re.fullmatch(r"\([^()]+\)", part)
                 and heads_with_role(parts[at - 1])]:
        result.add_unplaced(note)
        parts = [part for part in parts if part is not note]
    return parts


# How many words a role heading in capitals above an envelope has at most: "JUSTIZMINISTER", "CHEF DER POLIZEI".
_MAX_ROLE_HEADING_WORDS = 3


def _without_role_heading(result: ImportedCampaign, parts: list[str], head_end: int) -> tuple[list[str], int]:
    """'JUSTIZMINISTER' / 'Hon. …' / 'Minister of Justice' / 'Ministry of Justice …': a short heading in capitals,
    in the sheet's language, above the honorific and the name, when the envelope gives the role in full right below
    the name and the office below that: the heading only labels the official for the readers; the role below the
    name is the title, and the office is the office. The heading is recognised as read."""
    if not (head_end >= 4 and is_capitals_line(parts[0]) and not is_capitals_line(parts[2])
            and len(parts[0].split()) <= _MAX_ROLE_HEADING_WORDS and not any(char.isdigit() for char in parts[0])
            and not has_word(parts[0], ORGANISATION_WORDS) and not country_code(parts[0])
            and (is_honorific_and_name(parts[1]) or is_role_and_name(parts[1]))
            and heads_with_role(parts[2]) and _role_and_name(parts[2]) is None and not _is_roles_office(parts[2])
            and not any(char.isdigit() for char in parts[2]) and (_is_office(parts[3]) or _is_roles_office(parts[3]))):
        return parts, head_end
    result.recognised.append(parts[0])
    return parts[1:], head_end - 1


# How many words the second part of a title may have: "Garde des Sceaux", "Keeper of the Seals".
_MAX_TITLE_PART_WORDS = 5


def _join_title(parts: list[str], head_end: int) -> tuple[list[str], int]:
    """'Ministre de la Justice', 'Garde des Sceaux', 'M. Paul-Henri …': a second title of the same official,
    between the role the envelope starts with and the honorific of the name, goes on with the title; so does a
    part that opens with the small word joining a role to its office ("Ministre de la Justice", "des Droits humains
    et de la Promotion civique")."""
    if (named := next((at for at, part in enumerate(parts[:2]) if is_honorific_and_name(part)), None)) is not None and (
            named + 2 < head_end and _title_after_name(parts[named + 1], parts[named + 2])):
        # "M. Alpha …, garde des Sceaux, ministre de la Justice, Ministère …": the name, then the two titles of
        # the official, each set in lower case as prose writes them after a name, one a role: one title.
        return [*parts[:named + 1], f"{parts[named + 1]}, {parts[named + 2]}", *parts[named + 3:]], head_end - 1
    if head_end >= 2 and heads_with_role(parts[0]) and parts[1][:1].islower() and _JOINING.match(f" {parts[1]}"):
        return [f"{parts[0]}, {parts[1]}", *parts[2:]], head_end - 1
    if (head_end >= 3 and heads_with_role(parts[0]) and HONORIFIC.match(parts[2])
            and not HONORIFIC.match(parts[1]) and not any(char.isdigit() for char in parts[1])
            and (len(parts[1].split()) <= _MAX_TITLE_PART_WORDS or heads_with_role(parts[1]))
            and not has_word(parts[1], ORGANISATION_WORDS)):
        # "Ministre d'État, Ministre de la Justice et Garde des Sceaux, Monsieur …": a second title, short or itself
        # a role however long, between the role and the name.
        return [f"{parts[0]}, {parts[1]}", *parts[2:]], head_end - 1
    if (head_end >= 3 and heads_with_role(parts[0]) and len(parts[1].split()) <= _MAX_WRAPPED_WORDS
            and parts[1][:1].isupper() and not any(char.isdigit() for char in parts[1])
            and not (HONORIFIC.match(parts[1]) or _HONORIFIC_ALONE.match(parts[1]) or is_person_name(parts[1])
                     or has_word(parts[1], ORGANISATION_WORDS) or has_word(parts[1], STREET_WORDS)
                     or is_building(parts[1]) or country_code(parts[1]) or has_role(parts[1]))
            and (is_person_name(parts[2]) or is_honorific_and_name(parts[2]))):
        # "Secretary of Public Security of Maranhão" / "State" / "Paulo …": a role wrapped in a narrow column, its
        # last word or two on the line above the name.
        return [f"{parts[0]} {parts[1]}", *parts[2:]], head_end - 1
    if (head_end >= 4 and is_honorific_and_name(parts[0]) and heads_with_role(parts[1])
            and _second_title(parts[2]) and has_word(parts[3], ORGANISATION_WORDS)):
        # "Monsieur …, Ministre de la Justice, Garde des Sceaux, Ministère de la Justice, …": after the name and the
        # role, a second title before the office goes on with the role.
        return [parts[0], f"{parts[1]}, {parts[2]}", *parts[3:]], head_end - 1
    if (head_end >= 4 and is_honorific_and_name(parts[0]) and _second_title(parts[1]) and not has_role(parts[1])
            and heads_with_role(parts[2]) and has_word(parts[3], ORGANISATION_WORDS)):
        # "Monsieur …, Garde des Sceaux, Ministre de la Justice, Ministère de la Justice, …": the second title
        # before the role, in capitals, goes on into it.
        return [parts[0], f"{parts[1]}, {parts[2]}", *parts[3:]], head_end - 1
    return parts, head_end


def _second_title(part: str) -> bool:
    """'Garde des Sceaux', 'Keeper of the Seals': a few words in capitals that name no office, street, building,
    place, person nor honorific."""
    return (len(part.split()) <= _MAX_TITLE_PART_WORDS and part[:1].isupper()
            and not any(char.isdigit() for char in part)
            and not (HONORIFIC.match(part) or _HONORIFIC_ALONE.match(part) or is_person_name(part)
                     or has_word(part, ORGANISATION_WORDS) or has_word(part, STREET_WORDS) or is_building(part)
                     or country_code(part) or read_city_line(part)))


def _title_after_name(first: str, second: str) -> bool:
    """'garde des Sceaux' + 'ministre de la Justice' (either way round): two parts after a name, each opening in
    lower case, one a role, the other a short title of no office (no office's word, no number)."""
    def short_title(text: str) -> bool:
        return (not has_role(text) and len(text.split()) <= _MAX_TITLE_PART_WORDS
                and not has_word(text, ORGANISATION_WORDS) and not has_word(text, STREET_WORDS)
                and not any(char.isdigit() for char in text))
    return (first[:1].islower() and second[:1].islower()
            and (has_role(second) and short_title(first) or has_role(first) and short_title(second)))


# How many words the wrapped end of a role may have on its own line.
_MAX_WRAPPED_WORDS = 2


# How many words the place after an office on its line may have: "Naxal", "Plateau", "Ciudad Vieja".
_MAX_PLACE_WORDS = 3


# "Ministry for Home Affairs, Security and Employment": after the comma, the rest of the office's list of what it is
# for, its last two items joined by "and" (in any sheet language); a district's name joins none.
_PORTFOLIO_JOIN = re.compile(r"\s(?:and|et|und|y|e|&)\s")


def _split_office_and_place(parts: list[str], head_end: int) -> tuple[list[str], int]:
    """'Nepal Police Headquarters, Naxal': the office, then the district or quarter it stands in on the same line,
    before the city line below. The office is the organisation; the place after its comma the first street line,
    unless it is the town a line below names ("Embassy of Nepal, Berlin" / "10587 Berlin")."""
    for position, part in enumerate(parts[:head_end]):
        first, _, after = part.partition(",")
        if (position and "," in after and _is_office(first) and not HONORIFIC.match(part)
                and (has_word(after.partition(",")[0], STREET_WORDS) or any(char.isdigit() for char in after))):
            # "Defensoría del Pueblo, Av. Urdaneta, Centro …, piso 27, Caracas 1010": the office, then its whole
            # address run on after the first comma.
            return [*parts[:position], first.strip(), after.strip(), *parts[position + 1:]], head_end + 1
        office, comma, place = part.rpartition(",")
        place = place.strip()
        if (comma and position + 1 < len(parts) and _is_numbered_place(office, place)):
            # "Office of the Attorney General, Office No. 25": the office, then its number or street.
            return [*parts[:position], office.strip(), place, *parts[position + 1:]], head_end + 1
        if (comma and position + 1 < len(parts) and has_word(office, ORGANISATION_WORDS) and not has_role(office)
                and place[:1].isupper() and len(place.split()) <= _MAX_PLACE_WORDS
                and not any(char.isdigit() for char in place) and not has_word(place, ORGANISATION_WORDS)
                and not has_role(place) and not country_code(place) and not HONORIFIC.match(part)
                and not _PORTFOLIO_JOIN.search(place)
                and not any(place.casefold() in later.casefold() for later in parts[position + 1:])):
            return [*parts[:position], office.strip(), place, *parts[position + 1:]], head_end + 1
        if (comma and position and position + 1 < len(parts) and office.strip()[:1].isupper() and is_building(place)
                and not is_building(office) and not any(char.isdigit() for char in part)
                and not has_word(office, STREET_WORDS) and not has_role(office) and not HONORIFIC.match(part)
                and not country_code(place)):
            # "Diwan Amiri, Palacio Seif", "Cabinet du Roi, Palais Royal": an office of any name, then the building
            # it sits in, below the person; a street before the building ("Av. Urdaneta, …, Edificio Sede") is no
            # office, and the line stays whole.
            return [*parts[:position], office.strip(), place, *parts[position + 1:]], head_end + 1
    return parts, head_end


def _is_numbered_place(office: str, place: str) -> bool:
    """An office's name without a number, then after its comma a short part with one: its room, building or street
    ("Office No. 25", "12 Palace Road", "Block 4")."""
    office = office.strip()
    return (has_word(office, ORGANISATION_WORDS) and "," not in office and not any(char.isdigit() for char in office)
            and not HONORIFIC.match(office) and any(char.isdigit() for char in place)
            and len(place.split()) <= _MAX_PLACE_WORDS + 1 and read_city_line(place) is None
            and not is_contact(place))


# The letters after a name that say an office or an honour, from the language table, with or without their dots:
# "SC", "K.C.", "MP", "JP", "OBE".
_POST_NOMINALS = "(?:" + "|".join(dict.fromkeys(r"\.?".join(map(re.escape, form)) + r"\.?" for row in sheet_languages()
                                                for form in row.sheet_words.post_nominals)) + ")"
_POST_NOMINALS_ALONE = re.compile(rf"{_POST_NOMINALS}(?:,?\s+{_POST_NOMINALS})*")
_POST_NOMINALS_AFTER = re.compile(rf",?\s+(?P<letters>{_POST_NOMINALS_ALONE.pattern})$")


def _without_post_nominals(result: ImportedCampaign, parts: list[str]) -> list[str]:
    """'The Hon. Daniel Kerrigan MP', 'Hon. Grace Mtambo Nkhoma' + 'MP', 'The Honourable Kerwin …, SC': the
    letters after a person's name that say an office or an honour are no part of the name (nor an office), and are
    recognised as read."""
    kept: list[str] = []
    for part in parts:
        named = bool(kept) and (HONORIFIC.match(kept[-1]) or is_person_name(kept[-1]))
        if named and _POST_NOMINALS_ALONE.fullmatch(part):
            result.recognised.append(part)
            continue
        if (after := _POST_NOMINALS_AFTER.search(part)) and (HONORIFIC.match(part) or is_person_name(
                part[:after.start()])):
            result.recognised.append(after["letters"])
            part = part[:after.start()]
        kept.append(part)
    return kept


# A dash set between spaces parts the pieces of an envelope on one line as a comma does: "Ms Fiamē … — Office of the
# Attorney General, Level 6, …".
_SPACED_DASH = re.compile(r"\s+[—–]\s+")


# The word that joins a person to the office they head, and its article: "… of the Shenzhen …", "… de la Fiscalía …".
_ARTICLES = "|".join(form for row in sheet_languages() for form in row.sheet_words.articles)
_JOINED_OFFICE = re.compile(rf"\s{_ROLE_JOINS}\s+(?:{_ARTICLES})?", re.I)


# The article between an honorific and the role it addresses: "Monsieur le Ministre …", "Madame la Procureure …".
_ROLE_ARTICLE = re.compile(rf"^(?:{_ARTICLES})(?=\w)", re.I)


def addressed_role(text: str) -> str:
    """'le Ministre de la Justice, Jean …' → 'Ministre de la Justice, Jean …': what follows an honorific, without
    the article French sets before the role it addresses; any other text stays whole."""
    article = _ROLE_ARTICLE.match(text)
    bare = text[article.end():] if article else ""
    return bare if (found := words(bare)) and is_role_word(found[0]) else text


def _recognise_role_article(result: ImportedCampaign, target: Official, part: str) -> None:
    """'Monsieur le Ministre …' read as the honorific and the title: the article between them is recognised as read."""
    rest = match["rest"] if (match := HONORIFIC.match(part)) else ""
    if rest and (role := addressed_role(rest)) != rest and target.title and role.startswith(target.title):
        result.recognised.append(rest[:len(rest) - len(role)].strip())


def _split_name_of_office(part: str) -> list[str]:
    """'Chief Procurator Gu Mingyuan of the Shenzhen Municipal People's Procuratorate' → the role and name, and the
    office they are of, as parts of their own: a role or rank and a person's name before the joining word, an
    office after it."""
    for join in _JOINED_OFFICE.finditer(part):
        who, office = part[:join.start()].strip(), part[join.end():].strip()
        if is_role_and_name(who) and has_word(office, ORGANISATION_WORDS) and office[:1].isupper():
            return [who, office]
    return [part]


def _split_honorific_line(part: str) -> list[str]:
    """'Mr Juan PÉREZ, Minister of the Interior', 'Ms Fiamē … — Office of the Attorney General, …' → the name and
    the rest as parts of their own. Without an honorific, a person's name and the role after its one comma: 'Nabil
    Karam …, Justizminister'."""
    if HONORIFIC.match(part) and ("," in part or _SPACED_DASH.search(part)) and len(part) <= MAX_HEADING:
        return [piece.strip() for piece in re.split(rf",|{_SPACED_DASH.pattern}", part) if piece.strip()]
    name, comma, role = part.partition(",")
    if (comma and "," not in role and len(part) <= MAX_HEADING and is_person_name(name.strip())
            and heads_with_role(role.strip())):
        return [name.strip(), role.strip()]
    return [part]


def _read_country(result: ImportedCampaign, target: Official, parts: list[str]) -> list[str]:
    if not parts:
        return parts
    head, comma, tail = parts[-1].rpartition(",")
    if code := country_code(parts[-1]):
        target.country = code
        if code in CITY_STATES and not (len(parts) > 1 and read_city_line(parts[-2])):
            target.city = parts[-1].rstrip(".")  # "Hong Kong" below its street: the city and the country
        else:
            result.recognised.append(parts[-1])
        return parts[:-1]
    if comma and head.strip() and (code := country_code(tail)):
        target.country = code
        if code in CITY_STATES and not read_city_line(head.strip()):
            # "Central, Hong Kong": the district, then the city-state, which is the city and the country.
            target.city = tail.strip().rstrip(".")
        else:
            result.recognised.append(tail.strip())
        return [*parts[:-1], head.strip()]
    if comma and _REGION_INITIALS.match(tail.strip()) and (code := country_code(head.strip())):
        # "Grenada, W.I.": the country, then the initials of the region it lies in (the West Indies).
        target.country = code
        result.recognised.append(parts[-1])
        return parts[:-1]
    return parts


_REGION_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){2,3}$")


def _is_name_after_rank(text: str) -> bool:
    """What follows a rank is a person's name, perhaps after a courtesy title: "Lieutenant General Shaikh Khalid …",
    the rank and the title together the honorific."""
    return is_person_name(text) or bool((courtesy := HONORIFIC.match(text)) and is_person_name(courtesy["rest"]))


def _place_head(target: Official, part: str) -> bool:
    """Places a part before the street (honorific and name, title, office); False at the street."""
    if (any(char.isdigit() for char in _INSTITUTION_NUMBER.sub("", part)) or has_word(part, STREET_WORDS)
            or is_building(part)):
        return False
    if _HONORIFIC_ALONE.match(part):
        return not target.honorific and _set(target, honorific=part)
    if (match := _RANK.match(part)) and _is_name_after_rank(match["rest"]) and not (target.name or target.honorific):
        if (courtesy := HONORIFIC.match(match["rest"])) and is_person_name(courtesy["rest"]):
            return _set(target, honorific=f"{match['honorific']} {courtesy['honorific']}",
                        name=tidy_name(courtesy["rest"]))
        return _set(target, honorific=match["honorific"], name=tidy_name(match["rest"]))
    if (match := HONORIFIC.match(part)) and not (target.name or target.honorific):
        if (rank := _RANK.match(match["rest"])) and is_person_name(rank["rest"]):
            # "His Excellency General Lual …": a rank after the honorific belongs to it.
            return _set(target, honorific=f"{match['honorific']} {rank['honorific']}", name=tidy_name(rank["rest"]))
        # "Excmo. Sr. Embajador D. Crisantos …": the honorific, the role, then the rest of the honorific and the name.
        if (found := _role_honorific_and_name(match["rest"])) and not target.title:
            return _set(target, honorific=f"{match['honorific']} {found[1]}", title=found[0],
                        name=tidy_name(found[2]))
        # "Frau Botschafterin Amel GHARBI", "Madame la Procureure générale Awa …": the honorific, the role (after
        # its article), then the name.
        role = addressed_role(match["rest"])
        if (split := _role_and_name(role)) and split[0] and not target.title:
            return _set(target, honorific=match["honorific"], title=split[0], name=split[1])
        if (heads_with_role(role) and not target.title
                and (role != match["rest"] or _JOINING.search(role))):
            # "Monsieur le Ministre de la Justice", "Sr. Ministro del Interior" (the name after a comma, or none):
            # the honorific and the role, after its article or joined to its office; a role's word alone may be a
            # given name ("S. E. Herrn Emir …").
            return _set(target, honorific=match["honorific"], title=role)
        return _set(target, honorific=match["honorific"], name=tidy_name(match["rest"]))
    if not (target.title or target.name or target.honorific) and (found := _role_honorific_and_name(part)):
        # "Ambassador Mrs. Carolina …": the role, the honorific, then the name, on one line.
        return _set(target, title=found[0], honorific=found[1], name=tidy_name(found[2]))
    if (not (target.title or target.name or target.organisation) and heads_with_role(part)
            and _role_and_name(part) is None and not _RANK.match(part)):
        # The envelope's first line names the role: "Inspector General of Police", "JUSTIZMINISTER".
        return _set(target, title=title_case(part) if is_capitals_line(part) else part)
    if target.title and not (target.name or target.organisation) and part[:1].islower() and has_role(part):
        # "ministre d'État, ministre de la Justice, M. …": a second role in small letters goes on with the title.
        return _set(target, title=f"{target.title}, {part}")
    if is_role_of_office(part) and not target.title:
        role, _, office = part.partition(",")
        if (not (target.name or target.organisation) and (split := _role_and_name(role.strip())) and split[0]
                and is_person_name(split[1]) and _is_office(office.strip())):
            # "Ambassador Hendrik …, Embassy of Estonia": the role and the name, then the office.
            return _set(target, title=split[0], name=tidy_name(split[1]), organisation=office.strip())
        if not target.organisation and is_diplomatic_mission(office):
            # "Ambassador, Embassy of the Republic of Mauritius": the diplomat's role, then the mission the copy
            # goes to, as its own line would name it.
            return _set(target, title=role.strip(), organisation=office.strip())
        if target.name and not target.organisation and _is_office(office.strip()):
            # "Ms …" / "Governing Governor, HMP …": below the name, the role, then the office it holds.
            return _set(target, title=role.strip(), organisation=office.strip())
        return _set(target, title=part)  # "President, National Human Rights Council": the role is the title
    if ((split := _role_and_name(part)) and split[0] and not (target.title or target.name)
            and heads_with_role(split[0]) and not (_RANK.match(split[1]) or HONORIFIC.match(split[1]))):
        # "Inspector General of Police Chaminda Weerasekara": the role of an office, then the name.
        return _set(target, title=split[0], name=split[1])
    if (target.name and not (target.title or target.organisation) and heads_with_role(part)
            and not _is_roles_office(part) and _role_and_name(part) is None):
        # "Commissioner Mostyn …" / "Commissioner of Police" / "Royal … Police Force": the role right below the
        # name, before any office, is the title, though it names the office it heads.
        return _set(target, title=title_case(part) if is_capitals_line(part) else part)
    if (target.title and not target.name and (split := _role_and_name(part)) and split[0]
            and is_person_name(split[1]) and _names_title(split[0], target.title)):
        # "President of the Republic" / "President Tarek …": the role said again before the name, as the form of
        # address, is the title already read.
        return _set(target, name=tidy_name(split[1]))
    if (target.title and target.name and not target.organisation and heads_with_role(part)
            and part.casefold().startswith(f"{target.title.casefold()} ")):
        # "PRÄSIDENT" / "S. E. Herrn …" / "Präsident der Republik …": the role a heading named in short, given in
        # full below the name, is the title.
        return _set(target, title=part)
    if target.name and not (target.title or target.organisation) and _RANK_ALONE.fullmatch(part):
        # "Mr Wong …, Counsellor, Permanent Mission of …": a diplomat's rank alone below the name, before the office,
        # is the title.
        return _set(target, title=part)
    if has_word(part, ORGANISATION_WORDS) or _is_roles_office(part):
        return not target.organisation and _set(target, organisation=part)
    if (split := _role_and_name(part)) and not target.name and not (split[0] and target.title):
        title, name = split
        # "Public Prosecutor Counsellor Mahmoud HAMDY": a rank or honorific between the role and the name.
        if not target.honorific and (match := _RANK.match(name) or HONORIFIC.match(name)) and match["rest"]:
            return _set(target, honorific=match["honorific"], name=match["rest"], **({"title": title} if title else {}))
        return _set(target, name=name, **({"title": title} if title else {}))
    if has_role(part) and not target.title:
        return _set(target, title=title_case(part) if is_capitals_line(part) else part)
    if is_person_name(part) and not target.name:
        return _set(target, name=tidy_name(part))
    # An office whose name has none of the usual words ("Fiscalía de la Nación").
    return not target.organisation and _set(target, organisation=part)


# A word in the possessive before a capitalised word: "General's Chambers", "Governor's Department".
_POSSESSIVE = re.compile(r"([^\W\d_]+)['’]s\s+(?=[^\W\d_])")


def _is_roles_office(part: str) -> bool:
    """'Attorney General's Chambers', "Chief Justice's Chambers": the office a role holds, named after the role in
    the possessive."""
    return any(has_role(part[:match.end(1)]) and part[match.end()].isupper() for match in _POSSESSIVE.finditer(part))


# A diplomatic mission's name, its word first: "Embassy of …", "Ambassade de …", "Botschaft der …", "Permanent
# Mission of …".
_MISSION_WORDS = sorted((pattern for row in sheet_languages() for pattern in row.sheet_words.diplomatic_missions),
                        key=len, reverse=True)
_DIPLOMATIC_MISSION = re.compile(r"^(?:" + "|".join(_MISSION_WORDS) + r")\s", re.I)


def is_diplomatic_mission(text: str) -> bool:
    """'Ambassade du Canada', 'Embassy of Peru': a diplomatic mission named by its word first."""
    return _DIPLOMATIC_MISSION.match(text.strip()) is not None


# How many words a role before an honorific and a name may have: "Deputy Minister of Foreign Affairs".
_MAX_ROLE_WORDS = 5


def _role_honorific_and_name(part: str) -> tuple[str, str, str] | None:
    """'Ambassador Mrs. Carolina Vargas Solís' → ('Ambassador', 'Mrs.', 'Carolina Vargas Solís'): a role, then an
    honorific and a person's name; None for any other line. A title the role words do not know may hand over to
    the name with its colon ("Defensora del Pueblo: Sra. Ligia …"), when it names no office."""
    words = part.split()
    for lead in range(1, min(len(words) - 1, _MAX_ROLE_WORDS + 1)):
        role, rest = " ".join(words[:lead]), " ".join(words[lead:])
        if ((heads_with_role(role) or _is_title_before_colon(role)) and (match := HONORIFIC.match(rest))
                and is_person_name(match["rest"])):
            # "Minister of Justice: Ms …", "Cónsul honorario, Sr. …": the colon or comma that hands the role over
            # to the name is not the title's.
            return role.rstrip(":,").rstrip(), match["honorific"], match["rest"]
    return None


# The number of an institution after "Nr.", ending a role or an office: "Leiter der Strafkolonie Nr. 9". (Not "No.",
# which a street's number follows in many countries: "Jl. Samratulangi No. 8".)
_INSTITUTION_NUMBER = re.compile(r"(?<!\w)nr\.?\s*\d{1,4}$", re.I)


def _whole_role_above_name(target: Official, part: str, following: str) -> bool:
    """'Presidente del Tribunal Supremo Popular' above 'Sr. Ernesto …': a role right above an honorific and a
    person's name is the whole title, though its last words could pass for a name ("Supremo Popular")."""
    honorific = HONORIFIC.match(following) if len(following) <= MAX_HEADING else None
    return (not (target.title or target.name or target.honorific or target.organisation)
            and honorific is not None and is_person_name(honorific["rest"])
            and heads_with_role(part) and not any(char.isdigit() for char in _INSTITUTION_NUMBER.sub("", part))
            and not HONORIFIC.match(part) and not _RANK.match(part) and _role_and_name(part) is not None)


def _names_title(role: str, title: str) -> bool:
    """Whether every word of the role is a word of the title: 'President' of 'President of the Republic'."""
    return set(words(role)) <= set(words(title))


def _is_title_before_colon(role: str) -> bool:
    """'Defensora del Pueblo:': capitalised words ending in the colon that hands them over to a name, with no
    number and no office's word."""
    return (role.endswith(":") and role[:1].isupper() and not any(char.isdigit() for char in role)
            and not has_word(role, ORGANISATION_WORDS) and not is_diplomatic_mission(role))


def _is_office(part: str) -> bool:
    """An office's line: an office's word, no number, no street's word, no role of a person."""
    return (has_word(part, ORGANISATION_WORDS) and not any(char.isdigit() for char in part)
            and not has_word(part, STREET_WORDS) and not has_role(part))


def _role_and_name(part: str) -> tuple[str, str] | None:
    """A role and a person's name on one line, but not "Ambassadeur du Royaume du Maroc": after a role, the
    small words that join it to its office ("du", "of") start no name."""
    split = split_role_and_name(part)
    return None if split and split[1][:1].islower() else split



def heads_with_role(part: str) -> bool:
    """'Cabinet Secretary for Interior', 'Inspector General of Police': a role before any joining word, so
    not 'Office of the President' (an office) nor "Attorney General's Office" (the office's own name)."""
    head = _JOINING.split(part, maxsplit=1)[0]
    # "General" alone names no role: "Fiscalía General del Estado" is an office, "Attorney General of …" a role.
    roles = [word for word in words(head) if is_role_word(word) and word.casefold() != "general"]
    return bool(roles) and not re.search(r"['’]s\b", head) and not has_word(head.split()[-1], ORGANISATION_WORDS)


def is_role_of_office(part: str) -> bool:
    """'President, National Human Rights Council': a role, a comma, then the office it is the role of."""
    role, comma, office = part.partition(",")
    return (bool(comma) and has_role(role) and len(role.split()) <= 4
            and (has_word(office, ORGANISATION_WORDS) or is_diplomatic_mission(office)))


def _set(target: Official, **values: str) -> bool:
    if any(len(value) > column_length(Target, name) for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(target, name, value)
    return True


# A postcode that names its place alone, on a line of its own below the city ("Dublin 4" / "D04 E3F9"): an Irish
# Eircode, a British or a Canadian postcode.
_POSTCODE_ALONE = re.compile(r"^(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[AC-FHKNPRTV-Y\d]{4}$|^[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}$"
                             r"|^[A-Z]\d[A-Z]\s?\d[A-Z]\d$")


# A town and a postcode of three digits (Madagascar, Iceland, Guinea…): too short to tell from a house number
# alone, so read only on an envelope that names its country.
_SHORT_POSTCODE_LAST = re.compile(r"^(?P<city>[^\W\d_][^\d,]*?)\s+(?P<postcode>\d{3})$")
_SHORT_POSTCODE_FIRST = re.compile(r"^(?P<postcode>\d{3})\s+(?P<city>[^\W\d_][^\d,]*?)$")


# A town, then the number of its delivery zone: "Lilongwe 3", "Kingston 10".
_TOWN_AND_ZONE = re.compile(r"^(?P<city>[^\W\d_][^\d,]*?)\s+\d{1,2}$")


# A postcode of four to six digits alone in its part of the address: "01001".
_DIGITS_POSTCODE = re.compile(r"^\d{4,6}$")


# A town, then the initials of its district or capital district, with no postcode: "Santo Domingo, D.N.".
_TOWN_AND_DISTRICT = re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),\s+(?P<region>(?:[A-Z]\.\s?){2,3})$")


# A post office box and the town on one line: "01 BP 526 Ouagadougou 01", "PO Box 7817 Kampala". The box may lead
# with the zone of its post office, and the town end with it.
_BOX_AND_TOWN = re.compile(r"^(?P<box>(?:\d{1,2}\s+)?(?:" + "|".join(dict.fromkeys(
    p for row in sheet_languages() for p in row.sheet_words.po_boxes)) + r")\s*\d{1,6})\s+"
    r"(?P<town>(?P<name>[^\W\d_][^\d,]*?)(?:\s+\d{1,2})?)$", re.I)


# A Russian city line's post office for state bodies between the town and its postcode: "Moscow, GSP-3, 125993".
_STATE_POST = re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),\s*(?P<office>(?:GSP|ГСП)-?\s?\d{1,2}),\s*(?P<postcode>\d{6})$")


def _read_city(target: Official, parts: list[str]) -> list[str]:
    """Finds the city line among the last two parts; returns the parts that stay address lines."""
    if parts and (post := _STATE_POST.match(parts[-1])):
        # The post office is an address line; the town and postcode are the city line.
        parts = [*parts[:-1], post["office"], f"{post['city']} {post['postcode']}"]
    if parts and (box := _BOX_AND_TOWN.match(parts[-1])) and _is_town(box["name"]):
        target.city = box["town"]
        return [*parts[:-1], box["box"]]
    if len(parts) > 1 and _POSTCODE_ALONE.match(parts[-1]):
        # "Ballsbridge, Dublin 4" / "D04 E3F9": the postcode goes with the town above it.
        district, comma, town = parts[-2].rpartition(",")
        if read_city_line(joined := f"{parts[-2]} {parts[-1]}"):  # "Ottawa, ON" / "K1N 8T3"
            parts = [*parts[:-2], joined]
        elif read_city_line(joined := f"{town.strip()} {parts[-1]}"):
            parts = [*parts[:-2], *([district.strip()] if comma and district.strip() else []), joined]
    if len(parts) > 1 and _DIGITS_POSTCODE.match(parts[-1]) and _is_town(parts[-2]):
        # "Ciudad de Guatemala, 01001": a postcode of digits alone after its town, each part on its own.
        joined = next((line for line in (f"{parts[-1]} {parts[-2]}", f"{parts[-2]} {parts[-1]}")
                       if read_city_line(line)), None)
        parts = [*parts[:-2], joined] if joined else parts
    if (len(parts) > 1 and _is_town(parts[-2]) and not read_city_line(parts[-1])
            and (place := read_city_line(joined := f"{parts[-2]}, {parts[-1]}")) and place[2] and place[3]):
        # "Toronto, Ontario M4W 1A4": the town, then its province or state with the postcode, after a comma.
        parts = [*parts[:-2], joined]
    if len(parts) > 1 and _is_town(parts[-1]) and not _is_region(parts[-1]):
        # "Apartado de correos 1, Safat 13001" / "Ciudad de Kuwait": the post office's district and its postcode,
        # then the town alone (a state is _is_region's, below).
        street, comma, district = parts[-2].rpartition(",")
        place = read_city_line(district.strip())
        if place and place[3] and not place[2]:
            target.city, target.postcode = parts[-1], place[3]
            target.country = target.country or place[0]
            kept = [street.strip()] if comma and street.strip() else []
            return [*parts[:-2], *kept, place[1]]
    for position in range(len(parts) - 1, max(len(parts) - 3, -1), -1):
        street, comma, town = parts[position].rpartition(",")
        if comma and street.strip() and not read_city_line(parts[position]) and read_city_line(town.strip()):
            # "Ballsbridge, Dublin 4": the district, then the city line after its comma.
            parts = [*parts[:position], street.strip(), town.strip(), *parts[position + 1:]]
            position += 1
        if place := read_city_line(parts[position]):
            country, city, region, postcode = place
            target.city, target.region, target.postcode = city, region, postcode
            target.country = target.country or country
            if region and _district_before_town(target.country, parts[position], region, postcode):
                # "Cercado de Lima, Lima 15001" in Peru, whose post writes the postcode right after the town: the
                # district, then the town, not a town and its state.
                city, region = region, ""
                target.city, target.region = city, region
                parts = [*parts[:position], parts[position].partition(",")[0].strip(), *parts[position:]]
                position += 1
            district, slash, town = city.rpartition(" / ")
            if not slash and _is_province(target.country, tail := city.rpartition("/")[2]):
                # "06659 Kızılay/Ankara": the district, then the province the country's post writes after it.
                district, slash, town = city[:-len(tail) - 1], "/", tail
            if slash and district.strip() and _is_town(town.strip()):
                # "06659 Kızılay / Ankara": the quarter, then the town after a slash; the quarter is an address line.
                target.city = town.strip()
                parts = [*parts[:position], district.strip(), *parts[position:]]
                position += 1
            below = parts[position + 1:]
            if below and not region and _is_region(below[0]):
                # "Ranchi 834004" / "Jharkhand, India": below the city line, before the country, the state.
                target.region = below[0]
                below = below[1:]
            return parts[:position] + below
    if len(parts) > 2 and is_island(parts[-1]) and _is_town(parts[-2]) and not is_island(parts[-2]):
        # "Praia" / "Ilha de Santiago": the town, then the island it is on, as a state below its town.
        target.city, target.region = parts[-2], parts[-1]
        return parts[:-2]
    last = parts[-1] if parts else ""
    has_street = len(parts) > 1 or bool(target.organisation or target.name or target.title)
    short = _SHORT_POSTCODE_LAST.match(last)
    if short and target.country and has_street and _is_town(short["city"]):
        # "Antananarivo 101" / "Madagascar": a three-digit postcode after the town, read so only above a country.
        target.city, target.postcode = short["city"], short["postcode"]
        return parts[:-1]
    first = _SHORT_POSTCODE_FIRST.match(last)
    if first and target.country and has_street and _is_town(first["city"]):
        # "101 Reykjavík" / "Iceland": a three-digit postcode before the town, read so only above a country.
        target.city, target.postcode = first["city"], first["postcode"]
        return parts[:-1]
    if last and has_street and _is_town(last):
        target.city = last
        return parts[:-1]
    zone = _TOWN_AND_ZONE.match(last)
    if (zone and target.country and has_street and _is_town(zone["city"])
            and "postcode" not in address_format(target.country).fields):
        # "Lilongwe 3" / "Malawi", "Kingston 10" / "Jamaica": where the post has no postcodes, a number of a digit or
        # two after the town is its delivery zone, which the town's name keeps.
        target.city = last
        return parts[:-1]
    if (district := _TOWN_AND_DISTRICT.match(last)) and has_street and _is_town(district["city"]):
        # "Santo Domingo, D.N.", "Asunción, D.C.": the town, then its district's initials.
        target.city, target.region = district["city"], district["region"]
        return parts[:-1]
    street, comma, town = last.rpartition(",")
    if comma and _is_town(town.strip()) and (any(char.isdigit() for char in street)
                                             or len(parts) > 1 and _is_town(street.strip())):
        # "PO Box 7817, Kampala", "PO Box 2871" / "Al Qudaibiya, Manama": the street address ends in the town.
        target.city = town.strip()
        return [*parts[:-1], street.strip()]
    return parts


def _names_office(honorific: str) -> bool:
    """'Commissioner General', 'Inspector General', 'Richterin': a rank read as an honorific whose first word names
    an office, not a grade of the forces ('General', 'Major-General', 'Police Inspector General')."""
    first = re.split(r"[\s-]+", honorific, maxsplit=1)[0]
    return (bool(_RANK_ALONE.fullmatch(honorific)) and is_role_word(first)
            and not re.fullmatch(r"g[ée]n[ée]ral", first, re.I))


def _district_before_town(country: str, line: str, region: str, postcode: str) -> bool:
    """'Cercado de Lima, Lima 15001': a second name and the postcode right after it, with no comma between, in a
    country whose post writes the postcode right after the town (Peru, India, Nigeria…): that name is the town."""
    fields = address_format(country).fields if country else ()
    return (bool(postcode) and "city" in fields and "postcode" in fields
            and fields.index("postcode") == fields.index("city") + 1
            and re.search(rf",\s*{re.escape(region)}\s+{re.escape(postcode)}$", line) is not None)


def _is_province(country: str, text: str) -> bool:
    """'TR', 'Ankara': one of the regions the country's post knows by name."""
    return bool(country) and text.strip().casefold() in _provinces(country)


@lru_cache(maxsize=64)
def _provinces(country: str) -> frozenset[str]:
    return frozenset(name.casefold() for _, names in address_format(country).regions for name in names.split(" / "))


def _is_region(text: str) -> bool:
    """A state's or province's name alone: a town's shape, in capitalised words, no office nor role."""
    return (_is_town(text) and all(word[:1].isupper() for word in text.split())
            and not has_word(text, ORGANISATION_WORDS) and not has_role(text)
            and len(text) <= column_length(Target, "region"))


def _is_town(text: str) -> bool:
    """A town's name alone: three words at most, no number, no comma, no street's word."""
    return (bool(text) and len(text.split()) <= 3 and not any(char.isdigit() or char == "," for char in text)
            and not has_word(_SAINT.sub("", text), STREET_WORDS) and len(text) <= column_length(Target, "city"))


# "St. Michael", "St John's", "Ste. Marie": a town named after a saint, whose "St" opens the name where a street's
# ends it.
_SAINT = re.compile(r"^(?:St|Ste|Sta|Sto)\.?\s+(?=[^\W\d_])")


# The label of a post office box alone ("B.P.", "P.O. Box", "Apartado"): before its number it is no town and postcode.
_BOX_LABEL = re.compile(r"^(?:" + "|".join(dict.fromkeys(
    p for row in sheet_languages() for p in row.sheet_words.po_boxes)) + r")$", re.I)


# The mark before a house number, which no region's name is: "n.º 5500", "No. 3940", "N° 12", "nº 120", "Nr. 45".
_NUMBER_MARK = re.compile(r"n(?:o|r|ro|[úu]m|[úu]mero)?\.?\s?[º°]?\.?", re.I)


def read_city_line(text: str) -> tuple[str, str, str, str] | None:
    """'New York, NY 10017' → ('US', 'New York', 'NY', '10017'); None when the part is no city line."""
    if len(text) > MAX_HEADING:
        return None
    for country, pattern in _CITY_LINES:
        if ((match := pattern.match(text)) and not has_word(_SAINT.sub("", match["city"]), STREET_WORDS)
                and not _BOX_LABEL.match(match["city"].strip())):
            region = (match.groupdict().get("region") or "").strip()
            if _NUMBER_MARK.fullmatch(region) or _NUMBER_MARK.fullmatch(match["city"].strip()):
                continue  # "Alameda Dr. …, n.º 5500": a street and its house number
            if re.fullmatch(r"[A-Z]\.?\s?[A-Z]\.?", region):  # "D. C." is "DC"; "British Columbia" keeps its space
                region = re.sub(r"[.\s]", "", region)
            city, postcode = match["city"].strip(), match.groupdict().get("postcode") or ""
            if len(city) <= column_length(Target, "city") and len(postcode) <= column_length(Target, "postcode"):
                if not country and postcode:
                    postcode_first = match.start("postcode") < match.start("city")
                    country = country_of_city_line(city, postcode, postcode_first=postcode_first) or ""
                return country, city, region, postcode
    return None
