"""The officials of a sheet (targets and copies): address blocks, one-line addresses and contact lines.

A section of targets is cut into one block per official; each block's contact lines ("Email: …",
"Fax: …", "Salutation: …") are read first, then the envelope from the top (honorific, name, title,
office) and from the bottom (country, city line), and what stays between is the street address; an
address after its label ("Dirección: …") is all street, city and country. A block whose lines pair up
(two roles, two names, two offices…) is two officials from a PDF's two columns, read apart; a paragraph
of prose or of thanks to the readers is no official. Contact labels are those of every sheet language in
the language table. An envelope may also stand with no heading at all (see `starts_envelope`).
"""
from __future__ import annotations

import re
from itertools import takewhile

from campaigns.importer.names import (ORGANISATION_WORDS, STREET_WORDS, has_role, is_person_name, is_role_word,
                                      split_role_and_name, tidy_name, title_case)
from campaigns.importer.places import country_of_city_line
from campaigns.importer.result import ImportedCampaign
from campaigns.importer.salutations import salutations_by_role
from campaigns.importer.text import (MAX_HEADING, Line, column_length, has_word, is_capitals_line, key, span_of,
                                     without_bullet, words)
from campaigns.importer.values import EMAIL, country_code
from campaigns.officials import Official
from letters.languages import sheet_languages
from models import Target

# --- contact lines -------------------------------------------------------------------------------

def _labels(slot: str) -> list[str]:
    return list(dict.fromkeys(p for row in sheet_languages() for p in getattr(row.sheet_words, f"{slot}_labels")))


# Each contact label of every sheet language, by the field it fills ("Email", "E-Mail", "Correo-e", "Courriel";
# "Fax", "Télécopie"; "Tel", "Teléfono"; "Salutation", "Anrede", "Tratamiento", "Formule d'appel").
_SLOT_LABELS = {slot: re.compile("(?:" + "|".join(_labels(label)) + r")$", re.I)
                for slot, label in (("emails", "email"), ("fax", "fax"), ("phone", "phone"),
                                    ("salutation", "salutation"))}
# Labels of details the campaign has no place for: they are read as contact lines, then left unplaced.
_OTHER_LABELS = r"twitter|x|facebook|instagram|telegram|whatsapp|website|web|site\s+web|sitio\s+web|webseite"
# Each label ends where its word does: "Tel" is no label at the start of "Teléfono".
_ANY_LABEL = "|".join(f"(?:{label})(?![^\\W\\d_])" for label in
                      [*(label for slot in ("email", "fax", "phone", "salutation") for label in _labels(slot)),
                       _OTHER_LABELS])
# A contact label and its value: "Email: …", "E-mail …", "Fax: …", "Tel/Fax: …", "Phone (office): …",
# "Salutation: …", "Correo-e: …", "(Anrede: Sehr geehrter Herr Minister)" in parentheses.
_CONTACT = re.compile(
    rf"^(?P<open>\()?(?P<label>(?:{_ANY_LABEL})(?:\s*/\s*(?:{_ANY_LABEL}))?)"
    r"\.?\s*(?:\([^)]{0,40}\))?\s*(?P<colon>:)?\s*(?P<value>.*?)(?(open)\)?)$", re.I)
# The salutation given in a sentence: 'Please address him as "Dear Cabinet Secretary".'
_SALUTATION_SENTENCE = re.compile(
    "^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.salutation_sentences)
    + r")\s*[\"“„«]\s*(?P<value>[^\"”“»]{1,100}?)\s*[\"”“»]\s*[.!]?$", re.I)
# Where a contact label starts inside a line ("…, Peru. Email: …", "…, DC 20008 | Phone: …"), to split
# one-line addresses.
_INLINE_CONTACT = re.compile(rf"(?:\s*\|)?[.;,]?\s+(?=\(?(?:{_ANY_LABEL})\.?\s*:)", re.I)
# A postal address given after its label on one line: "Dirección: Palacio de López, …, Asunción, Paraguay".
_ADDRESS_LABEL = re.compile(
    "^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.address_labels)
    + r")\s*:\s*(?P<value>\S.*)$", re.I)
# The words of the labels above: a test of "no word lost" may ignore them, the parser consumes them.
LABEL_WORDS = frozenset({"email", "emails", "e", "mail", "mails", "address", "addresses", "courriel", "correo",
                         "electrónico", "electronico", "fax", "telefax", "tel", "tél", "telephone", "telefono",
                         "teléfono", "téléfono", "phone", "mobile", "salutation", "saludo", "anrede", "briefanrede",
                         "tratamiento", "encabezamiento", "formule", "d", "appel", "télécopie", "telecopie",
                         "téléphone", "telefon", "adresse", "électronique", "postal", "postale", "mailing",
                         "dirección", "direccion", "domicilio", "anschrift", "postanschrift"})

# --- envelopes -----------------------------------------------------------------------------------

# Honorifics as envelopes write them, before a name or on a line of their own.
_HONORIFICS = (r"(?P<honorific>s\.\s?e\.\s+(?:herrn?|frau|madame|monsieur|m\.|mme\.?)|s\.\s?e\.|"
               r"son\s+excellence(?:\s+(?:madame|monsieur))?|(?:seine|ihre)\s+exzellenz(?:\s+(?:herrn?|frau))?|"
               r"su\s+excelencia(?:\s+(?:señora?|sra?\.))?|excm[oa]\.?\s+(?:sra?\.?|señora?)|"
               r"(?:his|her)\s+royal\s+highness(?:\s+prince(?:ss)?)?|his\s+excellency|her\s+excellency|their\s+excellenc(?:y|ies)|h\.\s?e\.|"
               r"the\s+(?:rt\.?\s+)?hon(?:ou?rable|\.)?|hon\.|hono(?:u)?rable|mr\.?|mrs\.?|ms\.?|miss|mx\.?|dr\.?|dra\.?|prof\.?|"
               r"professor|sr\.?|sra\.?|srta\.?|señora?|lic\.?|licda\.?|mtr[oa]\.?|abog\.?|ing\.?|monsieur|madame|mme\.?|m\.|herrn?|frau|"
               r"sir|dame|s(?:h)?ai?kh(?:a)?)")
_HONORIFIC = re.compile(rf"^{_HONORIFICS}\s+(?P<rest>\S.*)$", re.I)
_HONORIFIC_ALONE = re.compile(rf"^{_HONORIFICS}$", re.I)
# Ranks written before a name as an honorific ("General Phạm Đức Huy", "Counsellor Mahmoud Hamdy"); only
# before a person's name, since "General Prosecutor's Office" is an office.
_RANK = re.compile(r"^(?P<honorific>general|lieutenant\s+general|major\s+general|colonel|brigadier(?:\s+general)?|"
                   r"admiral|counsel+or|minister[-\s]counsel+or)\s+(?P<rest>\S.*)$", re.I)

# City lines, tried in this order on the last address lines of a target:
_CITY_LINES = [
    # "New York, NY 10017", "Washington, D.C. 20008": city, state, ZIP code.
    ("US", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<region>[A-Z]{2}|D\.\s?C\.)\s+"
                      r"(?P<postcode>\d{5}(?:-\d{4})?)$")),
    # "Ottawa, ON K1A 0G2": city, province, postal code.
    ("CA", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<region>[A-Z]{2})\s+"
                      r"(?P<postcode>[A-Z]\d[A-Z]\s?\d[A-Z]\d)$")),
    # "London SW1A 2AA": city, then a British postcode.
    ("GB", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<postcode>[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$")),
    # "Dublin D04 K7W2": city, then an Irish Eircode.
    ("IE", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<postcode>[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y\d]{4})$")),
    # "Dublin 2", "Dublin 6W": a Dublin postal district, the town line of Irish addresses without an Eircode.
    ("IE", re.compile(r"^(?P<city>Dublin\s+(?:[1-9]|1\d|2[0-4]|6W))$", re.I)),
    # "Oaxaca de Juárez, Oaxaca, C.P. 68000", "Medellín, Antioquia, 050021": city, state or province, then the
    # postcode after its optional label ("C.P.", código postal).
    ("", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),\s+(?P<region>[^\W\d_][^\d,]*?),?\s+(?:C\.\s?P\.\s*)?"
                    r"(?P<postcode>\d{4,6})$")),
    # "75007 Paris", "D-10117 Berlin", "125993, Moscow": the postcode first. Without a country of their own,
    # these two shapes take one from the town and postcode where only one country fits (see places.py).
    ("", re.compile(r"^(?P<postcode>(?:[A-Z]{1,2}-)?\d{4,6}),?\s+(?P<city>[^\W\d_][^\d,]*)$")),
    # "Moscow 125993", "Москва, 125993", "Lima 15036", "Baku AZ1001": the postcode last.
    ("", re.compile(r"^(?P<city>[^\W\d_][^\d,]*?),?\s+(?P<postcode>(?:[A-Z]{2}-?)?\d{4,6}(?:-\d{3,4})?)$")),
]
# Parts of a one-line address that belong to the part before: "…, Suite 540", "…, NY 10017".
_CONTINUATION = re.compile(r"^(?:(?:suite|apt\.?|apartment|floor|room|office)\s+\S+|[A-Z]{2}\s+\d{5}(?:-\d{4})?|"
                           r"D\.\s?C\.\s+\d{5})$", re.I)
# A line of a street address is short; anything longer is text that strayed into a list of targets.
_MAX_ADDRESS_LINE = 120


# --- reading a section of targets ----------------------------------------------------------------


def read_targets(result: ImportedCampaign, lines: list[Line], into: list[Official]) -> None:
    """Reads the officials of a "Write to:" or "And copy" section into `into` (the result's targets or copies);
    lines that are no part of an official go to the result's unplaced fragments."""
    kind = "copies" if into is result.copies else "targets"
    lines = [piece for line in lines for piece in _split_inline_contacts(line)]
    blocks = [column for block in _target_blocks(lines) for column in _columns(block)]
    for block in blocks:
        if into and all(_is_contact(line.text) for line in block):
            _read_target(result, block, into[-1])  # contact lines after a blank line: the target above
            result.add_source(f"{kind}.{len(into) - 1}", span_of(block))
            continue
        texts = [without_bullet(line.text)[0] for line in block]
        if result.title and all(key(text).casefold() == key(result.title).casefold() for text in texts):
            result.recognised += texts  # the title again, as a PDF's running head repeats it on each page
            continue
        if given := salutations_by_role(" ".join(texts), into):
            for official, salutation in given:  # 'Please begin letters to the Minister "…" and to the …'
                official.salutation = salutation
            result.recognised += texts
            continue
        if (all(_is_sentence(text) or _speaks_to_reader(text) for text in texts) or _is_to_readers(block)
                or _is_wrapped_sentence(texts)):
            # Prose after the officials ("Bitte schreiben Sie Ihre Appelle möglichst sofort.", "Danke für deinen
            # Einsatz!", "Thank you for your support."): no envelope.
            for line in block:
                result.add_unplaced(line.text)
            continue
        target = _read_target(result, block)
        if target.address_lines and target == Official(address_lines=target.address_lines):
            # Nothing but "address lines": text that strayed into the list of targets.
            for text in target.address_lines:
                result.add_unplaced(text)
        elif not target.is_empty():
            into.append(target)
            result.add_source(f"{kind}.{len(into) - 1}", span_of(block))


def _read_target(result: ImportedCampaign, block: list[Line], target: Official | None = None) -> Official:
    target = target or Official()
    parts: list[str] = []
    address: list[str] | None = None  # the parts of a labelled address ("Dirección: …"), after the head
    for line in block:
        text, _ = without_bullet(line.text)
        if (labelled := _ADDRESS_LABEL.match(text)) and address is None and len(text) <= MAX_HEADING:
            address = _split_one_line(labelled["value"])
        elif not _read_contact(result, target, text):
            (parts if address is None else address).append(text)
    # "…, Embassy of Egypt," / "18 Belgrave Mews North, London SW1X 8RT, United Kingdom": a one-line address
    # wrapped where a line ends on a comma.
    parts = _joined_at_commas(parts)
    if len(parts) == 1 and address is None and _one_line_address(parts[0]):
        parts = _split_one_line(parts[0])
    _read_envelope(result, target, parts, address)
    return target


def _joined_at_commas(parts: list[str]) -> list[str]:
    joined: list[str] = []
    for part in parts:
        if joined and joined[-1].endswith(","):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined


# How many pairs of lines of the same kind, one after the other, show a block to be two columns interleaved.
_INTERLEAVED_PAIRS = 3


def _columns(block: list[Line]) -> list[list[Line]]:
    """Text taken from a PDF with two officials side by side comes line by line from either column:
    "Minister of Justice" / "President, …" / "Mr. Karim …" / "Ms. Yasmina …" / "Ministry …" / "National …".
    When the block opens with pairs of lines of the same kind (two roles, two names, two offices…), its
    even and odd lines are the two officials; otherwise it is one."""
    kinds = [_line_kind(without_bullet(line.text)[0]) for line in block]
    pairs = 0
    while (2 * pairs + 1 < len(kinds) and kinds[2 * pairs] == kinds[2 * pairs + 1]
              and kinds[2 * pairs] != "contact"):
        pairs += 1
    if pairs < _INTERLEAVED_PAIRS or len({kinds[2 * pair] for pair in range(pairs)}) < _INTERLEAVED_PAIRS:
        return [block]
    return _rebalanced(block[0::2], block[1::2])


def _contact_slot(line: Line) -> str | None:
    text = without_bullet(line.text)[0]
    return _contact_slots(_CONTACT.match(text))[0] if _is_contact(text) and _CONTACT.match(text) else None


def _rebalanced(left: list[Line], right: list[Line]) -> list[list[Line]]:
    """Columns of different lengths fall out of step in their last contact lines ("Salutation: Dear Governor" /
    "Phone: …" / "Salutation: Dear Attorney General"): a contact line that repeats a field of its column when
    the other column has none ends the other column."""
    slot = _contact_slot(left[-1])
    if (slot and sum(_contact_slot(line) == slot for line in left) > 1
            and not any(_contact_slot(line) == slot for line in right)):
        return [left[:-1], [*right, left[-1]]]
    return [left, right]


def _line_kind(text: str) -> str:
    """What a line of an envelope is, to tell two interleaved columns: contact, city, country, street,
    person (after an honorific), role or office (anything else)."""
    if _is_contact(text):
        return "contact"
    if _read_city_line(text):
        return "city"
    if country_code(text):
        return "country"
    if any(char.isdigit() for char in text) or has_word(text, STREET_WORDS):
        return "street"
    if _HONORIFIC.match(text):
        return "person"
    if has_role(text) and not has_word(text, ORGANISATION_WORDS) or _is_role_of_office(text) or _heads_with_role(text):
        return "role"  # "Minister of Justice", "President, National Human Rights Council"
    return "office"


# How many lines an official's envelope standing without a heading has at least: a name and a contact line.
_MIN_ENVELOPE = 3


def starts_envelope(lines: list[Line]) -> bool:
    """Whether the paragraph that starts the lines is an official's envelope standing without a heading of
    its own, as a sheet may set its officials straight below the instructions ("Mr. Karim BENSALEM" /
    "Prime Minister" / … / "Email: …"): one of its first two lines is an honorific, a rank or a role and a
    person's name ("General Vu Duc Thang", "Ambassador Tran Minh Chau"), or they are a name and a role
    ("Luong Van Khanh" / "Minister of Public Security", either way round), and a contact or address line
    ("Email: …", "Dirección: …") follows within the paragraph."""
    paragraph = lines[:1] + list(takewhile(lambda line: not line.blank_before, lines[1:]))
    # Two envelopes interleaved line by line ("GOVERNOR OF …" / "ATTORNEY GENERAL OF …" / "Lic. …" / "Mtra. …"):
    # the first column is read as the envelope.
    paragraph = _columns(paragraph)[0]
    texts = [without_bullet(line.text)[0] for line in paragraph]
    return (len(texts) >= _MIN_ENVELOPE
            and (any(_is_honorific_and_name(text) or _is_role_and_name(text) for text in texts[:2])
                 or _is_name_and_role(texts[0], texts[1]))
            and any(_is_contact(text) or _ADDRESS_LABEL.match(text) for text in texts[1:]))


def _is_name_and_role(first: str, second: str) -> bool:
    """A person's name and a role line ("Minister of Public Security"), in either order, no number in either."""
    def role(text: str) -> bool:
        return (len(text) <= MAX_HEADING and has_role(text) and not any(char.isdigit() for char in text)
                and not has_word(text, STREET_WORDS) and not _is_contact(text))
    return is_person_name(first) and role(second) or is_person_name(second) and role(first)


def _is_role_and_name(text: str) -> bool:
    """'General Vu Duc Thang', 'Ambassador Tran Minh Chau': a rank or a role, then a person's name, on a short line
    with no number and no contact label."""
    if len(text) > MAX_HEADING or any(char.isdigit() for char in text) or _is_contact(text):
        return False
    if (rank := _RANK.match(text)) and is_person_name(rank["rest"]):
        return True
    return (split := split_role_and_name(text)) is not None and bool(split[0]) and is_person_name(split[1])


def _is_honorific_and_name(text: str) -> bool:
    match = _HONORIFIC.match(text) if len(text) <= MAX_HEADING else None
    return match is not None and (is_person_name(match["rest"]) or split_role_and_name(match["rest"]) is not None)


# How many words a line of prose has at least.
_MIN_SENTENCE_WORDS = 6


def _is_sentence(text: str) -> bool:
    """A line of prose: six words or more ending in a full stop, and no contact label, email address or
    address on one line."""
    return (len(text.split()) >= _MIN_SENTENCE_WORDS and text.rstrip()[-1:] in ".!?" and not _is_contact(text)
            and not EMAIL.search(text) and not _one_line_address(text))


# Words that speak to the sheet's readers or for the section ("you", "uns", "vous"), in every sheet language.
_READER_WORDS = frozenset(word for row in sheet_languages() for word in row.sheet_words.reader_words)


def _is_wrapped_sentence(texts: list[str]) -> bool:
    """'Letters arriving after this date may still help: ask the Urgent Action office' / 'first.': one sentence
    wrapped over lines, each but the last a long run of words, ending in a full stop or in the colon that
    hands over to the officials below ('… Embassy in Washington, which is accredited to Canada:'); no line
    names an official."""
    joined = " ".join(texts)
    return (len(texts) > 1 and all(len(text.split()) >= _MIN_SENTENCE_WORDS for text in texts[:-1])
            and _is_sentence(joined[:-1] + "." if joined.endswith(":") else joined)
            and not any(_is_honorific_and_name(text) or _is_role_and_name(text) for text in texts))


def _speaks_to_reader(text: str) -> bool:
    """'Bitte schick uns eine kurze Nachricht, wenn du eine Antwort bekommst: …@…', 'Danke für deinen Einsatz!':
    a line to the sheet's readers (it speaks to them or for the section, or it exclaims) with no part of an
    address in it: no contact label, number, city line nor country. An email it gives is the section's own."""
    bare = EMAIL.sub("", text).strip()
    if (_is_contact(text) or any(char.isdigit() for char in bare) or _read_city_line(bare) or country_code(bare)
            or len(words(bare)) < 2):
        return False
    return has_word(bare, _READER_WORDS) or bare[-1:] in "!?"


# A sentence to the sheet's readers, which thanks them or asks them something: "Thank you for your support."
_COURTESY = re.compile(
    r"^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.courtesies) + r")\b(?:[\s,.!]|$)", re.I)


def _is_to_readers(block: list[Line]) -> bool:
    """'Thank you for your support.', 'Bitte schreiben Sie nach dem Ende der Frist keine Appelle mehr. Fragen …' /
    '… beantwortet Ihnen gern das Urgent-Action-Büro.': a paragraph that opens with thanks or a request to the
    sheet's readers and ends its sentence, with no contact line and no name of an official in it."""
    texts = [without_bullet(line.text)[0] for line in block]
    return (bool(_COURTESY.match(texts[0])) and texts[-1].rstrip()[-1:] in ".!?"
            and not any(_is_contact(text) or _is_honorific_and_name(text) for text in texts))


def _target_blocks(lines: list[Line]) -> list[list[Line]]:
    """One block of lines per target. A new target starts after contact lines, at a bullet, at a blank
    line when the section uses blank lines only between targets, or with each one-line address."""
    grouped = any(not line.blank_before for line in lines[1:])
    blocks: list[list[Line]] = []
    for line in lines:
        current = blocks[-1] if blocks else None
        starts = current is None or (not _is_contact(line.text) and (
            (grouped and line.blank_before)
            or any(_is_contact(previous.text) and not _is_aside(previous, current) for previous in current)
            or _one_line_address(without_bullet(current[0].text)[0])
            or without_bullet(line.text)[1]))
        if starts:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _is_aside(line: Line, block: list[Line]) -> bool:
    """'S. E. Herrn Sok Chanthorn (Anrede: Exzellenz)': a contact in parentheses on a line of the envelope's
    head is an aside to it, not the end of the envelope (the office and the street may follow)."""
    return line.text.startswith("(") and any(other.number == line.number and not _is_contact(other.text)
                                             for other in block)


def _split_inline_contacts(line: Line) -> list[Line]:
    """'…, Peru. Email: a@b.pe' → the address and the contact as lines of their own."""
    if len(line.text) > MAX_HEADING:
        return [line]
    pieces = [piece for piece in _INLINE_CONTACT.split(line.text) if piece.strip()]
    return [Line(piece.strip(), line.blank_before and index == 0, line.number) for index, piece in enumerate(pieces)]


def _one_line_address(text: str) -> bool:
    """'His Excellency X, Embassy of Y, 52 Some Road, London W8 5DL, United Kingdom': a target on one line."""
    return text.count(",") >= 2 and any(char.isdigit() for char in text) and len(text) <= MAX_HEADING


def _split_one_line(text: str) -> list[str]:
    parts: list[str] = []
    for part in (piece.strip() for piece in re.split(r",|\s\|\s", text)):
        if parts and _CONTINUATION.match(part):
            parts[-1] += ", " + part
        elif part:
            parts.append(part)
    return parts


# --- contact lines -------------------------------------------------------------------------------


def _read_contact(result: ImportedCampaign, target: Official, text: str) -> bool:
    """Reads "Email: …", "Fax: …" and the like into the target; False when the line is not one."""
    if sentence := _SALUTATION_SENTENCE.match(text):
        result.recognised.append(text[:sentence.start("value")])
        _set_contact(result, target, "salutation", sentence["value"], text)
        return True
    if not _is_contact(text):
        return False
    match = _CONTACT.match(text)
    value = match["value"].strip()
    slots = _contact_slots(match)
    slot = slots[0]
    if len(slots) > 1 and all(slots):  # "Tel/Fax": both numbers; "X/Twitter" names no field at all
        for number_slot in slots:
            _set_contact(result, target, number_slot, value, text)
    elif slot == "emails":
        found = EMAIL.findall(value)
        target.emails += [email for email in found if email not in target.emails]
        if not found or re.sub(r"[\s,;/]|\band\b|\bor\b", "", EMAIL.sub("", value)):
            result.add_unplaced(text)
    elif slot in ("fax", "phone", "salutation"):
        _set_contact(result, target, slot, value, text)
    else:  # a label the campaign has no place for (Twitter, website…)
        result.add_unplaced(text)
    return True


def _set_contact(result: ImportedCampaign, target: Official, slot: str, value: str, text: str) -> None:
    current = getattr(target, slot)
    combined = value if not current or slot == "salutation" else f"{current}; {value}"
    if value and (not current or slot != "salutation") and len(combined) <= column_length(Target, slot):
        setattr(target, slot, combined)
    else:
        result.add_unplaced(text)


def _is_contact(text: str) -> bool:
    """'Email: …', 'Fax 1-212-…', 'Salutation: …': a line of contact details rather than of the address."""
    if len(text) <= MAX_HEADING and _SALUTATION_SENTENCE.match(text):
        return True
    match = _CONTACT.match(text) if len(text) <= MAX_HEADING else None
    return match is not None and bool(match["colon"] or _plausible_contact(_contact_slots(match)[0], match["value"]))


def _contact_slots(match: re.Match) -> list[str | None]:
    """The fields a contact label fills: "Tel/Fax" fills both numbers, "Twitter" none (None)."""
    return [next((slot for slot, pattern in _SLOT_LABELS.items() if pattern.match(part.strip())), None)
            for part in match["label"].split("/")]


def _plausible_contact(slot: str | None, value: str) -> bool:
    """A label without a colon ("Fax 1-212-…") counts only when the value looks like its kind."""
    if slot == "emails":
        return bool(EMAIL.search(value))
    if slot in ("fax", "phone"):
        return bool(re.match(r"[+(\d]", value))
    return False


# --- the envelope --------------------------------------------------------------------------------


def _read_envelope(result: ImportedCampaign, target: Official, parts: list[str],
                   address: list[str] | None = None) -> None:
    """Name, title and office first; the street, the city line and the country last. The parts of a labelled
    address (`address`) are all street, city and country: the head ends where they start."""
    parts = [piece for part in parts for piece in _split_honorific_line(part)]
    head_end = len(parts) if address is not None else None
    parts = _read_country(result, target, parts + (address or []))
    head_end = len(parts) if head_end is None else min(head_end, len(parts))
    parts, head_end = _join_title(parts, head_end)
    position = 0
    while position < head_end and _place_head(target, parts[position]):
        position += 1
    rest = _read_city(target, parts[position:])
    for part in rest:
        if len(part) <= _MAX_ADDRESS_LINE:
            target.address_lines.append(part)
        else:
            result.add_unplaced(part)


# How many words the second part of a title may have: "Garde des Sceaux", "Keeper of the Seals".
_MAX_TITLE_PART_WORDS = 5


def _join_title(parts: list[str], head_end: int) -> tuple[list[str], int]:
    """'Ministre de la Justice', 'Garde des Sceaux', 'M. Paul-Henri …': a second title of the same official,
    between the role the envelope starts with and the honorific of the name, goes on with the title."""
    if (head_end >= 3 and _heads_with_role(parts[0]) and _HONORIFIC.match(parts[2])
            and not _HONORIFIC.match(parts[1]) and not any(char.isdigit() for char in parts[1])
            and len(parts[1].split()) <= _MAX_TITLE_PART_WORDS and not has_word(parts[1], ORGANISATION_WORDS)):
        return [f"{parts[0]}, {parts[1]}", *parts[2:]], head_end - 1
    return parts, head_end


def _split_honorific_line(part: str) -> list[str]:
    """'Mr Juan PÉREZ, Minister of the Interior' → the name and the title as parts of their own."""
    if _HONORIFIC.match(part) and "," in part and len(part) <= MAX_HEADING:
        return [piece.strip() for piece in part.split(",") if piece.strip()]
    return [part]


def _read_country(result: ImportedCampaign, target: Official, parts: list[str]) -> list[str]:
    if not parts:
        return parts
    head, comma, tail = parts[-1].rpartition(",")
    if code := country_code(parts[-1]):
        target.country = code
        result.recognised.append(parts[-1])
        return parts[:-1]
    if comma and head.strip() and (code := country_code(tail)):
        target.country = code
        result.recognised.append(tail.strip())
        return [*parts[:-1], head.strip()]
    return parts


def _place_head(target: Official, part: str) -> bool:
    """Places a part before the street (honorific and name, title, office); False at the street."""
    if any(char.isdigit() for char in part) or has_word(part, STREET_WORDS):
        return False
    if _HONORIFIC_ALONE.match(part):
        return not target.honorific and _set(target, honorific=part)
    if (match := _RANK.match(part)) and is_person_name(match["rest"]) and not (target.name or target.honorific):
        return _set(target, honorific=match["honorific"], name=tidy_name(match["rest"]))
    if (match := _HONORIFIC.match(part)) and not (target.name or target.honorific):
        # "Frau Botschafterin Amel GHARBI": the honorific, the role, then the name.
        if (split := _role_and_name(match["rest"])) and split[0] and not target.title:
            return _set(target, honorific=match["honorific"], title=split[0], name=split[1])
        return _set(target, honorific=match["honorific"], name=tidy_name(match["rest"]))
    if (not (target.title or target.name or target.organisation) and _heads_with_role(part)
            and _role_and_name(part) is None and not _RANK.match(part)):
        # The envelope's first line names the role: "Inspector General of Police", "JUSTIZMINISTER".
        return _set(target, title=title_case(part) if is_capitals_line(part) else part)
    if target.title and not (target.name or target.organisation) and part[:1].islower() and has_role(part):
        # "ministre d'État, ministre de la Justice, M. …": a second role in small letters goes on with the title.
        return _set(target, title=f"{target.title}, {part}")
    if _is_role_of_office(part) and not target.title:
        return _set(target, title=part)  # "President, National Human Rights Council": the role is the title
    if ((split := _role_and_name(part)) and split[0] and not (target.title or target.name)
            and _heads_with_role(split[0]) and not (_RANK.match(split[1]) or _HONORIFIC.match(split[1]))):
        # "Inspector General of Police Chaminda Weerasekara": the role of an office, then the name.
        return _set(target, title=split[0], name=split[1])
    if has_word(part, ORGANISATION_WORDS):
        return not target.organisation and _set(target, organisation=part)
    if (split := _role_and_name(part)) and not target.name and not (split[0] and target.title):
        title, name = split
        # "Public Prosecutor Counsellor Mahmoud HAMDY": a rank or honorific between the role and the name.
        if not target.honorific and (match := _RANK.match(name) or _HONORIFIC.match(name)) and match["rest"]:
            return _set(target, honorific=match["honorific"], name=match["rest"], **({"title": title} if title else {}))
        return _set(target, name=name, **({"title": title} if title else {}))
    if has_role(part):
        return not target.title and _set(target, title=title_case(part) if is_capitals_line(part) else part)
    if is_person_name(part) and not target.name:
        return _set(target, name=tidy_name(part))
    # An office whose name has none of the usual words ("Fiscalía de la Nación").
    return not target.organisation and _set(target, organisation=part)


def _role_and_name(part: str) -> tuple[str, str] | None:
    """A role and a person's name on one line, but not "Ambassadeur du Royaume du Maroc": after a role, the
    small words that join it to its office ("du", "of") start no name."""
    split = split_role_and_name(part)
    return None if split and split[1][:1].islower() else split


# The words that join a role to what it is the role of: "Inspector General of Police", "Ministre de la Justice".
_JOINING = re.compile(r"\s(?:of|for|to|at|de|del|du|des|la|der|des|für)\s", re.I)


def _heads_with_role(part: str) -> bool:
    """'Cabinet Secretary for Interior', 'Inspector General of Police': a role before any joining word, so
    not 'Office of the President' (an office) nor "Attorney General's Office" (the office's own name)."""
    head = _JOINING.split(part, maxsplit=1)[0]
    # "General" alone names no role: "Fiscalía General del Estado" is an office, "Attorney General of …" a role.
    roles = [word for word in words(head) if is_role_word(word) and word.casefold() != "general"]
    return bool(roles) and not re.search(r"['’]s\b", head) and not has_word(head.split()[-1], ORGANISATION_WORDS)


def _is_role_of_office(part: str) -> bool:
    """'President, National Human Rights Council': a role, a comma, then the office it is the role of."""
    role, comma, office = part.partition(",")
    return bool(comma) and has_role(role) and len(role.split()) <= 4 and has_word(office, ORGANISATION_WORDS)


def _set(target: Official, **values: str) -> bool:
    if any(len(value) > column_length(Target, name) for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(target, name, value)
    return True


def _read_city(target: Official, parts: list[str]) -> list[str]:
    """Finds the city line among the last two parts; returns the parts that stay address lines."""
    for position in range(len(parts) - 1, max(len(parts) - 3, -1), -1):
        if place := _read_city_line(parts[position]):
            country, city, region, postcode = place
            target.city, target.region, target.postcode = city, region, postcode
            target.country = target.country or country
            return parts[:position] + parts[position + 1:]
    last = parts[-1] if parts else ""
    has_street = len(parts) > 1 or bool(target.organisation or target.name or target.title)
    if last and has_street and _is_town(last):
        target.city = last
        return parts[:-1]
    street, comma, town = last.rpartition(",")
    if comma and _is_town(town.strip()) and (any(char.isdigit() for char in street)
                                             or len(parts) > 1 and _is_town(street.strip())):
        # "PO Box 7817, Kampala", "PO Box 2871" / "Al Qudaibiya, Manama": the street address ends in the town.
        target.city = town.strip()
        return [*parts[:-1], street.strip()]
    return parts


def _is_town(text: str) -> bool:
    """A town's name alone: three words at most, no number, no comma, no street's word."""
    return (bool(text) and len(text.split()) <= 3 and not any(char.isdigit() or char == "," for char in text)
            and not has_word(text, STREET_WORDS) and len(text) <= column_length(Target, "city"))


def _read_city_line(text: str) -> tuple[str, str, str, str] | None:
    """'New York, NY 10017' → ('US', 'New York', 'NY', '10017'); None when the part is no city line."""
    if len(text) > MAX_HEADING:
        return None
    for country, pattern in _CITY_LINES:
        if (match := pattern.match(text)) and not has_word(match["city"], STREET_WORDS):
            region = re.sub(r"[.\s]", "", match.groupdict().get("region") or "")
            city, postcode = match["city"].strip(), match.groupdict().get("postcode") or ""
            if len(city) <= column_length(Target, "city") and len(postcode) <= column_length(Target, "postcode"):
                if not country and postcode:
                    postcode_first = match.start("postcode") < match.start("city")
                    country = country_of_city_line(city, postcode, postcode_first=postcode_first) or ""
                return country, city, region, postcode
    return None
