"""The officials of a sheet (targets and copies): a section cut into one block per official, each block read.

A section of targets is cut into blocks: a new official starts after contact lines, at a bullet, at each
one-line address, and at a blank line when the section keeps blank lines for between officials. A block
whose lines pair up (two roles, two names, two offices…) is two officials from a PDF's two columns, read
apart; a paragraph of prose or of thanks to the readers is no official. In each block the contact lines
are read first (contacts.py), then the envelope (envelopes.py). An envelope may also stand with no heading
at all (see `starts_envelope`).
"""
from __future__ import annotations

import re
from itertools import takewhile

from campaigns.importer.contacts import (ADDRESS_LABEL, contact_slot, is_contact, read_contact,
                                         split_inline_contacts)
from campaigns.importer.documents import is_web_furniture
from campaigns.importer.envelopes import (HONORIFIC, heads_with_role, is_honorific_and_name, is_honorific_and_role,
                                          is_role_and_name, is_role_of_office, one_line_address, read_city_line,
                                          read_envelope,
                                          split_one_line)
from campaigns.importer.headings import SECTION_WORDS, names_sender
from campaigns.importer.letter import is_salutation
from campaigns.importer.names import ORGANISATION_WORDS, STREET_WORDS, has_role, is_person_name
from campaigns.importer.result import ImportedCampaign
from campaigns.importer.salutations import salutations_by_role
from campaigns.importer.text import BULLET, MAX_HEADING, Line, has_word, key, span_of, without_bullet, words
from campaigns.importer.values import EMAIL, country_code
from campaigns.officials import Official
from letters.languages import sheet_languages


def read_targets(result: ImportedCampaign, lines: list[Line], into: list[Official]) -> None:
    """Reads the officials of a "Write to:" or "And copy" section into `into` (the result's targets or copies);
    lines that are no part of an official go to the result's unplaced fragments."""
    kind = "copies" if into is result.copies else "targets"
    lines = _addresses_wrapped(_contacts_wrapped(piece for line in lines for handed in _official_handed_over(line)
                                                 for each in _officials_apart(handed)
                                                 for piece in split_inline_contacts(each)))
    blocks = [column for block in _with_longer_column(_target_blocks(lines)) for column in _columns(block)
              for column in _readers_paragraph_apart(column)]
    for block in blocks:
        # "Follow us: Facebook | X", "Read more" below the officials: furniture wherever it stands in the block.
        for line in [line for line in block if is_web_furniture(line.text)]:
            result.add_unplaced(line.text)
        block = [line for line in block if not is_web_furniture(line.text)]
        if len(block) > 1 and _hands_over(block[0].text):
            result.recognised.append(block.pop(0).text)
        if block and (label := _joins_further(block[0].text)):
            # "And to: Professor …, Chairperson, …": the words that join a further official to the section, before
            # its colon, carry the section on; the official follows them.
            result.recognised.append(label)
            block[0] = Line(block[0].text[len(label):].strip(), block[0].blank_before, block[0].number)
        elif block and (lead := _further_before_role(block[0].text)):
            # "und an die Menschenrechtsbeauftragte der Republik …" / "Frau …": the words that join a further
            # official to the section lead its role; the role alone is the title.
            result.recognised.append(lead)
            block[0] = Line(block[0].text[len(lead):].strip(), block[0].blank_before, block[0].number)
        if not block or names_sender(block[0].text):
            # "Amnesty International Ireland is a registered charity.", "Kontakt: Urgent Action Team, Amnesty
            # International Österreich, …": the sending section's own name, never an official's envelope.
            for line in block:
                result.add_unplaced(line.text)
            continue
        if into and all(is_contact(line.text) for line in block):
            _read_target(result, block, into[-1])  # contact lines after a blank line: the target above
            result.add_source(f"{kind}.{len(into) - 1}", span_of(block))
            continue
        texts = [without_bullet(line.text)[0] for line in block]
        if _closes_envelope(block, into):
            # "Email: …" / "Dear Minister": a salutation alone on the line right below an official's contacts is
            # that official's, with or without its comma.
            into[-1].salutation = texts[0].rstrip(" ,:;")
            result.recognised.append(texts[0])
            result.add_source(f"{kind}.{len(into) - 1}", span_of(block))
            continue
        if result.title and all(_is_running_title(text, result.title) for text in texts):
            result.recognised += texts  # the title again, as a PDF's running head repeats it on each page
            continue
        if given := salutations_by_role(" ".join(texts), into):
            for official, salutation in given:  # 'Please begin letters to the Minister "…" and to the …'
                official.salutation = salutation
            result.recognised += texts
            continue
        if (all(_is_sentence(text) or _speaks_to_reader(text) for text in texts) or is_to_readers(block)
                or _is_wrapped_sentence(texts) or _is_post_to_share(texts)):
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
        elif _names_no_one(target):
            for text in texts:
                result.add_unplaced(text)
        elif not target.is_empty():
            into.append(target)
            result.add_source(f"{kind}.{len(into) - 1}", span_of(block))


# A semicolon, maybe with "and" after it in any sheet language: where a line that lists officials one after the other
# goes on to the next ("…, email: embassy@….example; and Mr. Carlos …, Ombudsman, …").
_NEXT_IN_LIST = re.compile(r";\s+(?:(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.conjunctions) + r")\s+)?", re.I)


def _officials_apart(line: Line) -> list[Line]:
    """'Ms. Ana …, Chargée d'Affaires, Embassy …, 38 Eldon Road, London W8 5PT, email: …; and Mr. Carlos …,
    Ombudsman, …, Caracas 1010': officials given whole one after the other on a line, each after a semicolon (and
    "and"), are lines of their own, so long as each piece opens with a name (an honorific or a role before it) and
    holds an address of its own on one line."""
    text, cut, pieces = line.text, len(line.text), []
    for join in reversed(list(_NEXT_IN_LIST.finditer(text))):
        after = text[join.end():cut].strip()
        if _opens_with_name(after) and one_line_address(after):
            pieces.insert(0, after)
            cut = join.start()
    if not pieces or not one_line_address(text[:cut]):
        return [line]
    return [Line(piece, line.blank_before and at == 0, line.number) for at, piece in enumerate([text[:cut], *pieces])]


def _opens_with_name(text: str) -> bool:
    """'Mr Khalid …, …', 'Ambassador Tran …, …', 'Chairperson, Mr Khalid …, …': a piece that opens with a name,
    an honorific or a role before it (the role may stand before its own comma)."""
    head, _, rest = (part.strip() for part in text.partition(","))
    if is_honorific_and_name(head) or is_role_and_name(head):
        return True
    return heads_with_role(head) and not any(char.isdigit() for char in head) and is_honorific_and_name(
        rest.split(",", 1)[0].strip())


# The words that hand over to an official at the end of a sentence, before its colon ("… please send copies to:").
_HANDS_OVER_END = re.compile(rf"(?:{SECTION_WORDS['write_to']}|{SECTION_WORDS['copies_to']})\s*$", re.I)


def _official_handed_over(line: Line) -> list[Line]:
    """'High Commission in Canada; please send copies to: Mr Wong …, Counsellor, …, New York, NY 10022, USA.': a
    sentence among the officials that hands over to one after its colon, the official given whole on one line
    after it: the sentence, then the official as a line of its own that starts an envelope (as after a blank
    line)."""
    text = line.text
    for colon in re.finditer(r":\s+", text):
        head, rest = text[:colon.start()], text[colon.end():]
        name = rest.split(",", 1)[0].strip()
        if (_HANDS_OVER_END.search(head) and (is_honorific_and_name(name) or is_role_and_name(name))
                and one_line_address(rest)):
            return [Line(f"{head}:", line.blank_before, line.number), Line(rest, True, line.number)]
    return [line]


# A hashtag: "#FreeThemNow" (two letters at least after the sign, so "Suite #B12" is none), not a link's anchor.
_HASHTAG = re.compile(r"(?<![\w&#/])#[^\W\d_]{2}\w{2,}")


def _is_post_to_share(texts: list[str]) -> bool:
    """'Tweet: .@PMO_example Where is …? Release him now! #FreeHim': a post for the readers to share, which a
    hashtag outside any contact line gives away; an envelope holds none."""
    return any(_HASHTAG.search(text) and not is_contact(text) for text in texts)


# The words that join a further official to a sentence ("and to the", "as well as"), in every sheet language.
_FURTHER = re.compile("^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.further_officials)
                      + ")$", re.I)


def _joins_further(text: str) -> str:
    """'And to: Professor …' → 'And to:': the joining words alone before a colon that an official follows on the
    line; '' for any other line."""
    words, colon, rest = text.partition(":")
    return f"{words}{colon}" if colon and rest.strip() and _FURTHER.match(words.strip() + " ") else ""


# The joining words at the start of a line, in small letters: "und an die …", "and to the …", "y al …".
_FURTHER_LEAD = re.compile("^(?=(?-i:[a-zà-ÿ]))(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.further_officials) + ")", re.I)


def _further_before_role(text: str) -> str:
    """'und an die Menschenrechtsbeauftragte der Republik …' → 'und an die ': the words that join a further official
    to the section, in small letters before the role that heads the line; '' for any other line."""
    match = _FURTHER_LEAD.match(text)
    rest = text[match.end():] if match else ""
    return match.group(0) if rest[:1].isupper() and heads_with_role(rest) and not is_contact(rest) else ""


def _is_running_title(text: str, title: str) -> bool:
    """The sheet's title again, as a PDF's running head repeats it on each page: whole, or without the country
    that leads it ("NICARAGUA: LAND DEFENDER HELD" on the first page, "LAND DEFENDER HELD" on the next)."""
    country, colon, rest = title.partition(":")
    titles = [title, *([rest] if colon and rest.strip() and country_code(country) else [])]
    return key(text).casefold() in {key(each).casefold() for each in titles}


def _closes_envelope(block: list[Line], into: list[Official]) -> bool:
    """'Dear Minister' on a line of its own, right below the official before it (no blank line between) and
    ending its paragraph: the salutation of that official, when it has none yet."""
    return (len(block) == 1 and bool(into) and not into[-1].salutation and not block[0].blank_before
            and is_salutation(block[0].text) and not BULLET.match(block[0].text))


# How many words a line that hands over to the envelope below it has at least.
_HAND_OVER_WORDS = 4


# "und an:", "and to:", "et à :": the section's heading carried on above the next envelope in two words, "and" and
# the word that hands over to an official (each sheet language's); alone on its line, the colon may be left out
# ("und an").
_AND_TO = re.compile(r"^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.conjunctions)
                     + r")\s+(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.officials_follow)
                     + r")\s*:?$", re.I)


def _hands_over(text: str) -> bool:
    """'and to diplomatic representatives of the Czech Republic accredited to your country:': the section's heading
    carried on above the next envelope, a phrase of some words ending in the colon that hands over to it, with no
    contact, email or number and no official named in it; or "and" with the word that hands over ("und an:")."""
    text = without_bullet(text)[0].strip()
    return bool(_AND_TO.match(text)) or (
        text.endswith(":") and len(text.split()) >= _HAND_OVER_WORDS and not is_contact(text)
        and not EMAIL.search(text) and not any(char.isdigit() for char in text)
        and not is_honorific_and_name(text[:-1]) and not is_role_and_name(text[:-1]))


def _names_no_one(target: Official) -> bool:
    """Lines read as an envelope that name no one to write to: no person, role or honorific, no contact, and no
    number in what would be its address (a street's, a box's, a postcode). Links to other actions below a web
    page's officials ("Jamaica: Protect Defenders in Kingston" / "Trinidad and Tobago: End Death Sentences"), a
    newsletter box: text that strayed into the list, never an official."""
    place = " ".join([target.organisation, *target.address_lines, target.city, target.region, target.postcode])
    # "Nicaragua: defensora de derechos humanos, desaparecida": a headline led by its country and a colon, though
    # a role's word stands in it, is no title.
    country, colon, rest = target.title.partition(":")
    title = "" if colon and rest.strip() and country_code(country) else target.title
    return (not any((title, target.honorific, target.name, target.emails, target.fax, target.phone))
            and not any(char.isdigit() for char in place))


def _contacts_wrapped(lines) -> list[Line]:
    """A contact whose value ends in the slash between two languages goes on over the next line of its paragraph:
    "Salutation: Dear Governor /" + "Excelentíssimo Senhor Governador"; and an email contact over the lines below it
    that hold nothing but further addresses: "Email: minister@…" + "feedback@…"."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (previous is not None and not line.blank_before and not is_contact(line.text)
                and (previous.text.rstrip().endswith("/") and is_contact(previous.text)
                     or _only_emails(line.text) and contact_slot(previous) == "emails")):
            joined[-1] = Line(f"{previous.text.rstrip()} {line.text.strip()}", previous.blank_before, line.number)
        else:
            joined.append(line)
    return joined


def _only_emails(text: str) -> bool:
    """'feedback@home.example', 'a@x.example, b@x.example': a line of email addresses and nothing else."""
    return bool(EMAIL.search(text)) and not EMAIL.sub("", text).strip(" ,;/")


def _addresses_wrapped(lines: list[Line]) -> list[Line]:
    """An official given whole on the first line of its paragraph goes on over the next line when that line names
    no one but carries the address on, from its street, its town or its country: "And copy: Ambassador …, Embassy
    of …, 1200 Juniper" + "Court NW, Suite 540, Washington DC 20036"; after a comma that ends the line, from a town
    no list knows."""
    joined: list[Line] = []
    carried = False  # whether the last line took the one below it already: it takes one at most
    for line in lines:
        previous = joined[-1] if joined else None
        first = line.text.split(",", 1)[0].strip()
        if (previous is not None and not carried and not line.blank_before and line.number == previous.number + 1
                and (len(joined) == 1 or previous.blank_before)
                and _line_kind(without_bullet(previous.text)[0].split(",", 1)[0]) in ("person", "role", "office")
                and not is_contact(previous.text)
                and not is_contact(line.text) and not BULLET.match(line.text)
                and (one_line_address(without_bullet(previous.text)[0])
                     and (_line_kind(first) in ("street", "city", "country")
                          # "…, P.O. Box 3022," + "Koror, …": a line cut after a comma goes on with any town.
                          or previous.text.rstrip().endswith(",") and _line_kind(first) == "office")
                     or _cut_in_office(without_bullet(previous.text)[0], line.text))):
            joined[-1] = Line(f"{previous.text.rstrip()} {line.text.strip()}", previous.blank_before, line.number)
            carried = True
        else:
            joined.append(line)
            carried = False
    return joined


def _cut_in_office(head: str, text: str) -> bool:
    """'Procurador …: Lic. Héctor …, Procuraduría de los Derechos' + 'Humanos, 12 avenida 12-54, zona 1, …,
    Guatemala.': an official's line cut inside the name of the office (or of the street: '…, Corner of' + 'Khayyam
    Street and 15 Khordad Avenue, Tehran, …') after its first comma, the next line going on with the rest of that
    name, then the address, with a number in it, down to its country after a comma."""
    return ("," in head and not head.rstrip().endswith((",", ".", ":", ";"))
            and _line_kind(text.split(",", 1)[0].strip()) in ("office", "street")
            and any(char.isdigit() for char in text)
            and bool(country_code(text.rpartition(",")[2].strip().rstrip(".")))
            and one_line_address(f"{head} {text.strip()}"))


def _read_target(result: ImportedCampaign, block: list[Line], target: Official | None = None) -> Official:
    target = target or Official()
    parts: list[str] = []
    address: list[str] | None = None  # the parts of a labelled address ("Dirección: …"), after the head
    for line in block:
        text, _ = without_bullet(line.text)
        if (labelled := ADDRESS_LABEL.match(text)) and address is None and len(text) <= MAX_HEADING:
            address = split_one_line(labelled["value"])
        elif not read_contact(result, target, text):
            (parts if address is None else address).append(text)
    # "…, Embassy of Egypt," / "18 Belgrave Mews North, London SW1X 8RT, United Kingdom": a one-line address
    # wrapped where a line ends on a comma.
    parts = _joined_at_commas(parts)
    if len(parts) == 1 and address is None and one_line_address(parts[0]):
        # "…, DC 20008, Tel. 202-555-0119": a part that is a contact without its colon is read as one.
        parts = [part for part in split_one_line(parts[0]) if not read_contact(result, target, part)]
    read_envelope(result, target, parts, address)
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
    even and odd lines are the two officials; otherwise it is one. A line above them that hands over to the
    envelopes ("Salutation/greeting and contact information:") is the first column's, read apart from both."""
    if len(block) > _INTERLEAVED_PAIRS and _hands_over(block[0].text) and len(columns := _columns(block[1:])) == 2:
        return [[block[0], *columns[0]], columns[1]]
    texts = [without_bullet(line.text)[0] for line in block]
    kinds = [_line_kind(text) for text in texts]
    for at in range(0, len(kinds) - 1, 2):
        # "Samdech Pich …" / "H.E. Chea …": beside a person, a name after a title no list knows is a person too.
        for person, other in ((at, at + 1), (at + 1, at)):
            if kinds[person] == "person" and kinds[other] == "office" and _is_titled_name(texts[other]):
                kinds[other] = "person"
    pairs = 0
    while (2 * pairs + 1 < len(kinds) and kinds[2 * pairs] == kinds[2 * pairs + 1]
              and kinds[2 * pairs] != "contact"):
        pairs += 1
    paired = {kinds[2 * pair] for pair in range(pairs)}
    # Two names after an honorific one after the other are never one official's: with the pair of lines before
    # or after them, they show the columns however soon the columns fall out of step (an office in one, a
    # street in the other). A rank or role before a name may stand above the same person's honorific and name
    # ("Ambassador …" / "His Excellency …"): that pair shows the columns only among three pairs or more.
    honorifics = any(kinds[2 * pair] == "person" and HONORIFIC.match(without_bullet(block[2 * pair].text)[0])
                     and HONORIFIC.match(without_bullet(block[2 * pair + 1].text)[0]) for pair in range(pairs))
    if not (pairs >= _INTERLEAVED_PAIRS and len(paired) >= _INTERLEAVED_PAIRS
            or pairs >= _INTERLEAVED_PAIRS - 1 and honorifics and len(paired) == pairs
            or _named_in_step(texts, kinds) or _columns_in_order(texts, kinds)):
        return [block]
    return _rebalanced(block[0::2], block[1::2])


# Where each kind of line stands in an envelope, top to bottom: a person, a role or office, street, town, country.
_ENVELOPE_ORDER = {"person": 0, "role": 1, "office": 1, "street": 2, "city": 3, "country": 4}


def _columns_in_order(texts: list[str], kinds: list[str]) -> bool:
    """'Lieutenant General …' / 'Ambassador …' / 'Minister of Home Affairs' / 'Embassy of …' / 'Ministry of …' /
    '2300 … Street NW' / 'Office No. 10' / 'Washington, DC 20008' / 'Nay Pyi Taw 15011, Myanmar' / contacts: two
    different people named one after the other open two columns, one a line longer than the other (a title the
    other has none of), each with a contact of a kind the other gives too, when the even lines and the odd lines
    above the contacts each read as an envelope, top to bottom, down to an address."""
    head = len(list(takewhile(lambda kind: kind != "contact", kinds)))
    slots = [contact_slot(Line(text, False, 0)) for text in texts[head:]]
    # The longer column holds one line more above the contacts; below, both give a contact of the same kind.
    if not (2 * _INTERLEAVED_PAIRS <= head < len(kinds) and head % 2 and kinds[0] == kinds[1] == "person"
            and any(slot and slots.count(slot) > 1 for slot in slots)
            and all(is_honorific_and_name(texts[at]) or is_role_and_name(texts[at]) for at in (0, 1))
            and texts[0].split()[-1].casefold() != texts[1].split()[-1].casefold()):
        return False
    for column in (kinds[0:head:2], kinds[1:head:2]):
        order = [_ENVELOPE_ORDER[kind] for kind in column]
        if order != sorted(order) or order.count(0) != 1 or order[-1] < _ENVELOPE_ORDER["street"]:
            return False
    return True


def _named_in_step(texts: list[str], kinds: list[str]) -> bool:
    """'Secretary Emmanuel …' / 'Police General Norberto …' / 'Department of Justice' / 'Chief, … Police' / … /
    'Ermita, Manila 1000, Philippines' / 'Quezon City 1111, Philippines' / 'Email: …' / 'Phone: …': two people
    named one after the other (each after an honorific, a rank or a role) open two columns even where the lines
    between fall out of step (an office beside a role, a street beside a camp), when the lines above the contacts
    come in pairs and end in a pair of town lines or of countries, one for each column."""
    head = len(list(takewhile(lambda kind: kind != "contact", kinds)))
    return (head >= 2 * _INTERLEAVED_PAIRS - 2 and head % 2 == 0 and head < len(kinds)
            and all(kinds[at] == "person" and (is_honorific_and_name(texts[at]) or is_role_and_name(texts[at]))
                    for at in (0, 1))
            and kinds[head - 2] == kinds[head - 1] and kinds[head - 1] in ("city", "country"))


# How many words a person's name after a title no list knows has at most, with that title.
_MAX_TITLED_NAME = 5


def _is_titled_name(text: str) -> bool:
    """'Samdech Pich Sovannara': a short run of capitalised words, with no number, no organisation's word and no
    role in it, that reads as a person's name once its first word (a title the lists do not know) is set aside."""
    first, _, name = text.partition(" ")
    return (2 <= len(name.split()) < _MAX_TITLED_NAME and first[:1].isupper() and first.isalpha()
            and all(word[:1].isupper() for word in name.split()) and not any(char.isdigit() for char in text)
            and not has_word(text, ORGANISATION_WORDS) and not has_role(text) and is_person_name(name))


def _with_longer_column(blocks: list[list[Line]]) -> list[list[Line]]:
    """Two columns interleaved line by line, the shorter one ending in its contact lines: a new block starts
    there, but the lines that follow with no blank line between are the longer column's last lines (its town,
    country, contacts), not an official of their own, so long as they name no one (no name, no role)."""
    merged: list[list[Line]] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (previous is not None and not block[0].blank_before and len(_columns(previous)) == 2
                and not any(_line_kind(without_bullet(line.text)[0]) in ("person", "role", "office")
                            for line in block)):
            merged[-1] = previous + block
        else:
            merged.append(block)
    return merged


def _rebalanced(left: list[Line], right: list[Line]) -> list[list[Line]]:
    """Columns of different lengths fall out of step in their last contact lines ("Salutation: Dear Governor" /
    "Phone: …" / "Salutation: Dear Attorney General"): a contact line that repeats a field of its column when
    the other column has none ends the other column."""
    slot = contact_slot(left[-1])
    if (slot and sum(contact_slot(line) == slot for line in left) > 1
            and not any(contact_slot(line) == slot for line in right)):
        return [left[:-1], [*right, left[-1]]]
    return [left, right]


def interleaved(lines: list[Line]) -> list[list[Line]]:
    """Two columns known to be interleaved line by line (their headings were, one above the other: "WRITE TO:" /
    "AND COPY:"): the even lines are the first column, the odd ones the second. The shorter column ends first;
    the longer one's last lines then follow one another, and a contact line that repeats a field of the column
    alternation gave it, when the other column has none, is the other column's."""
    left, right = lines[0::2], lines[1::2]
    while left and right:
        if (slot := contact_slot(right[-1])) and sum(contact_slot(line) == slot for line in right) > 1 and not any(
                contact_slot(line) == slot for line in left):
            left, right = [*left, right[-1]], right[:-1]
        elif (slot := contact_slot(left[-1])) and sum(contact_slot(line) == slot for line in left) > 1 and not any(
                contact_slot(line) == slot for line in right):
            left, right = left[:-1], [*right, left[-1]]
        else:
            break
    return [left, right]


def _line_kind(text: str) -> str:
    """What a line of an envelope is, to tell two interleaved columns: contact, city, country, street,
    person (after an honorific, a rank or a role), role or office (anything else)."""
    if is_contact(text):
        return "contact"
    town, comma, land = text.rpartition(",")
    if read_city_line(text) or comma and country_code(land.strip()) and 0 < len(town.split()) <= 3:
        return "city"  # "Astana 010000", "Exampleton, Iran": a town, with its country after a comma
    if country_code(text):
        return "country"
    if any(char.isdigit() for char in text) or has_word(text, STREET_WORDS):
        return "street"
    if HONORIFIC.match(text) or is_role_and_name(text):
        return "person"  # "Hon. Tendai …", and a rank or role before the name ("Commissioner-General Farai …")
    if has_role(text) and not has_word(text, ORGANISATION_WORDS) or is_role_of_office(text) or heads_with_role(text):
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
            and (any(is_honorific_and_name(text) or is_role_and_name(text) for text in texts[:2])
                 or _is_name_and_role(texts[0], texts[1]) or is_honorific_and_role(texts[0]))
            and any(is_contact(text) or ADDRESS_LABEL.match(text) for text in texts[1:]))


def envelope_below_closing(lines: list[Line]) -> bool:
    """Whether the paragraph that starts the lines, set below a model letter's closing ("Yours sincerely,"), is the
    envelope of the official the letter goes to: an envelope as `starts_envelope` reads one, or one written as a
    sentence that opens with the official before its first comma ("Minister of Justice: Ms X, <ministry>, <street>,"
    / "101 Reykjavík, Iceland. Email: …") and gives an email address or a contact within the paragraph."""
    if starts_envelope(lines):
        return True
    paragraph = lines[:1] + list(takewhile(lambda line: not line.blank_before, lines[1:]))
    head = without_bullet(paragraph[0].text)[0].split(",")[0].strip()
    return ((is_honorific_and_name(head) or is_role_and_name(head))
            and any(is_contact(line.text) or EMAIL.search(line.text) for line in paragraph))


def _is_name_and_role(first: str, second: str) -> bool:
    """A person's name and a role line ("Minister of Public Security"), in either order, no number in either."""
    def role(text: str) -> bool:
        return (len(text) <= MAX_HEADING and has_role(text) and not any(char.isdigit() for char in text)
                and not has_word(text, STREET_WORDS) and not is_contact(text))
    return is_person_name(first) and role(second) or is_person_name(second) and role(first)



# How many words a line of prose has at least.
_MIN_SENTENCE_WORDS = 6


def _is_sentence(text: str) -> bool:
    """A line of prose: six words or more ending in a full stop, and no contact label, email address or
    address on one line."""
    return (len(text.split()) >= _MIN_SENTENCE_WORDS and text.rstrip()[-1:] in ".!?" and not is_contact(text)
            and not EMAIL.search(text) and not one_line_address(text))


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
            and not any(is_honorific_and_name(text) or is_role_and_name(text) for text in texts))


def _speaks_to_reader(text: str) -> bool:
    """'Bitte schick uns eine kurze Nachricht, wenn du eine Antwort bekommst: …@…', 'Danke für deinen Einsatz!':
    a line to the sheet's readers (it speaks to them or for the section, or it exclaims) with no part of an
    address in it: no contact label, number, city line nor country. An email it gives is the section's own."""
    bare = EMAIL.sub("", text).strip()
    if (is_contact(text) or any(char.isdigit() for char in bare) or read_city_line(bare) or country_code(bare)
            or len(words(bare)) < 2):
        return False
    return has_word(bare, _READER_WORDS) or bare[-1:] in "!?"


# A sentence to the sheet's readers, which thanks them or asks them something: "Thank you for your support."
_COURTESY = re.compile(
    r"^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.courtesies) + r")\b(?:[\s,.!]|$)", re.I)


def is_to_readers(block: list[Line]) -> bool:
    """'Thank you for your support.', 'Bitte schreiben Sie nach dem Ende der Frist keine Appelle mehr. Fragen …' /
    '… beantwortet Ihnen gern das Urgent-Action-Büro.': a paragraph that opens with thanks or a request to the
    sheet's readers and ends its sentence, or ends in the email address or the link it gives them to report back
    ('Please let us know … fill out this form: https://…'), with no contact line and no name of an official in
    it."""
    texts = [without_bullet(line.text)[0] for line in block]
    last = texts[-1].rstrip()
    return (bool(_COURTESY.match(texts[0])) and (last[-1:] in ".!?" or bool(_ENDS_IN_ADDRESS.search(last)))
            and not any(is_contact(text) or is_honorific_and_name(text) for text in texts))


# An email address or a link closing a line: "… escribiendo a acciones@….example", "… form: https://…".
_ENDS_IN_ADDRESS = re.compile(rf"(?:{EMAIL.pattern}|(?<!\S)(?:https?://|www\.)\S+)$", re.I)


def _readers_paragraph_apart(block: list[Line]) -> list[list[Line]]:
    """'Thank you for taking action. If you receive a reply, please send a copy to the Urgent Action' / 'Coordinator,
    …, PO Box 5555, Dublin, or to' / 'urgentaction@….example.' / 'Follow us: …': lines to the sheet's readers that
    open a block with no blank line below them (see is_to_readers), set apart from what follows, up to the line
    that ends their sentence; the block whole when it opens otherwise."""
    for end, line in enumerate(block[:-1], start=1):
        text = without_bullet(line.text)[0].rstrip()
        if text[-1:] in ".!?" or _ENDS_IN_ADDRESS.search(text):
            return [block[:end], block[end:]] if is_to_readers(block[:end]) else [block]
    return [block]


def _target_blocks(lines: list[Line]) -> list[list[Line]]:
    """One block of lines per target. A new target starts after contact lines, at a bullet, at a blank
    line when the section uses blank lines only between targets, or with each one-line address."""
    grouped = any(not line.blank_before for line in lines[1:])
    blocks: list[list[Line]] = []
    for line in lines:
        current = blocks[-1] if blocks else None
        # "(Standardbrief Luftpost bis 20 g: 1,25 €)": a note wholly in parentheses below the contacts is the
        # envelope's, left to the organiser there (see envelopes._without_closing_notes).
        # "Anrede: …" / "E-Mail: …" / "MINISTERPRÄSIDENT" / "Herrn …": contact lines that open a paragraph lead
        # the envelope below them in it; only contact lines after the envelope's own end it.
        leading = len(list(takewhile(lambda previous: is_contact(previous.text), current))) if current and (
            current[0] is lines[0] or current[0].blank_before) else 0
        starts = current is None or (not is_contact(line.text) and not re.fullmatch(r"\([^()]+\)", line.text) and (
            (grouped and line.blank_before)
            or (any(is_contact(previous.text) and not _is_aside(previous, current)
                    and not _goes_on_after(current, at) for at, previous in enumerate(current) if at >= leading)
                and not _office_after_head_contacts(line, current, leading))
            or one_line_address(without_bullet(current[0].text)[0])
            or without_bullet(line.text)[1]))
        if starts:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _goes_on_after(block: list[Line], at: int) -> bool:
    """Whether the envelope went on after its contact at `at` with a line of its own (not a note in parentheses):
    the contact stood in its head (see _office_after_head_contacts) and ends nothing."""
    return any(not is_contact(line.text) and not re.fullmatch(r"\([^()]+\)", line.text) for line in block[at + 1:])


def _office_after_head_contacts(line: Line, block: list[Line], leading: int) -> bool:
    """'Minister of Police' / 'Hon. Ishmael …' / 'Tel: +677 …' / 'Ministry of Police': an office right below a
    contact, in the paragraph of an envelope whose head (role and name) gave no address yet, goes on with that
    envelope: the contact stood between its head and its office."""
    head = [previous for previous in block[leading:] if not is_contact(previous.text)]
    return (not line.blank_before and bool(head) and (block[0].blank_before or leading == 0)
            and has_word(line.text, ORGANISATION_WORDS) and not has_role(line.text)
            and any(has_role(previous.text) for previous in head)
            and not any(any(char.isdigit() for char in previous.text) or country_code(previous.text)
                        or read_city_line(previous.text) for previous in head))


def _is_aside(line: Line, block: list[Line]) -> bool:
    """'S. E. Herrn Sok Chanthorn (Anrede: Exzellenz)': a contact in parentheses on a line of the envelope's
    head is an aside to it, not the end of the envelope (the office and the street may follow)."""
    return line.text.startswith("(") and any(other.number == line.number and not is_contact(other.text)
                                             for other in block)

