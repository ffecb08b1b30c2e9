"""An official's contact lines: "Email: …", "Fax: …", "Tel/Fax: …", "Salutation: …", a salutation in a sentence.

The labels are those of every sheet language in the language table (`email_labels`, `fax_labels`,
`phone_labels`, `salutation_labels`, `salutation_sentences`, `address_labels`), so "Correo-e", "Courriel"
and "Anrede" read like "Email"; a label without a colon counts only before a value of its kind
("Fax 1-212-…"). A line that holds an address and then a contact ("…, Peru. Email: …") is cut where the
label starts. An address after its own label ("Dirección: …") is found here; its parts are read as an
envelope's street, city and country (envelopes.py).
"""
from __future__ import annotations

import re

from campaigns.importer.names import has_role
from campaigns.importer.result import ImportedCampaign
from campaigns.importer.text import MAX_HEADING, Line, column_length, without_bullet
from campaigns.importer.values import EMAIL
from campaigns.officials import Official
from letters.languages import sheet_languages
from models import Target


def _labels(slot: str) -> list[str]:
    return list(dict.fromkeys(p for row in sheet_languages() for p in getattr(row.sheet_words, f"{slot}_labels")))


# Each contact label of every sheet language, by the field it fills ("Email", "E-Mail", "Correo-e", "Courriel";
# "Fax", "Télécopie"; "Tel", "Teléfono"; "Salutation", "Anrede", "Tratamiento", "Formule d'appel").
_SLOT_LABELS = {slot: re.compile("(?:" + "|".join(_labels(label)) + r")$", re.I)
                for slot, label in (("emails", "email"), ("fax", "fax"), ("phone", "phone"),
                                    ("salutation", "salutation"))}
# Labels of details the campaign has no place for: they are read as contact lines, then left unplaced.
# A telegram's address ("Telegramm: Justizminister, Alger, Algerien", "Telegrams: Minister of Justice, …") is one of
# them.
_OTHER_LABELS = (r"twitter|x|facebook|instagram|telegrams?|whatsapp|website|web|site\s+web|sitio\s+web|webseite"
                 r"|telegramm|t[ée]l[ée]gramme|telegrama")
# Each label ends where its word does: "Tel" is no label at the start of "Teléfono".
_ANY_LABEL = "|".join(f"(?:{label})(?![^\\W\\d_])" for label in
                      [*(label for slot in ("email", "fax", "phone", "salutation") for label in _labels(slot)),
                       _OTHER_LABELS])
# A contact label and its value: "Email: …", "E-mail …", "Fax: …", "Tel/Fax: …", "Phone (office): …",
# "Salutation: …", "Correo-e: …", "(Anrede: Sehr geehrter Herr Minister)" in parentheses. Digits alone in the
# parentheses are the number's area code, its value: "phone (202) 342-3800".
_CONTACT = re.compile(
    rf"^(?P<open>\()?(?P<label>(?:{_ANY_LABEL})(?:\s*/\s*(?:{_ANY_LABEL}))?)"
    r"\.?\s*(?:\((?![\d\s+]+\))[^)]{0,40}\))?\s*(?P<colon>:)?\s*(?P<value>.*?)(?(open)\)?)$", re.I)
# The salutation given in a sentence: 'Please address him as "Dear Cabinet Secretary".', in quotes (a few words
# may follow them: '… as "Dear Minister" in your letter.') or, when it
# opens with a letter's salutation word, without them ('… start your letter with the salutation Dear Commissioner.').
_SALUTATION_SENTENCE = re.compile(
    "^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.salutation_sentences)
    + r")\s*:?\s*(?:[\"“„«‘'‚]\s*(?P<value>[^\"”“»]{1,100}?)\s*[\"”“»’'](?:\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,3})?"
    r"|(?P<bare>(?:"
    + "|".join(p for row in sheet_languages() for p in row.salutations) + r")\b[^\"“„«.!?]{0,80}?))\s*[.!]?$", re.I)
# 'Beginnen Sie Ihr Schreiben mit „Dear Prosecutor General“ oder, wenn Sie auf Deutsch schreiben, mit „Sehr geehrter
# Herr Generalstaatsanwalt“.': one official's salutation in several languages, each quoted right after the words
# that give it or after an "or" and a few words of its own that name no official (those name each one's, see
# salutations.py).
_SALUTATION_OPENING = re.compile(
    "^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.salutation_sentences)
    + r")\s*:?\s*(?=[\"“„«‚])", re.I)
_QUOTED_SALUTATION = re.compile(r"[\"“„«‚]\s*(?P<value>(?:" + "|".join(
    p for row in sheet_languages() for p in row.salutations) + r")\b[^\"”“»]{0,80}?)\s*,?\s*[\"”“»’']", re.I)
# What joins one to the next: "or" and up to sixty characters of other words, no sentence's end.
_OR_SALUTATION = re.compile(r"^[,;]?\s*(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.conjunctions) + r")\b[^\"“„«.!?]{0,60}$", re.I)


def _joined_salutation(text: str) -> str | None:
    """The salutations such a sentence gives, joined by " / " as written; None for any other text."""
    opening = _SALUTATION_OPENING.match(text)
    if opening is None or len(text) > MAX_HEADING:
        return None
    found, position = [], opening.end()
    for quoted in _QUOTED_SALUTATION.finditer(text, position):
        between = text[position:quoted.start()]
        if found and (not _OR_SALUTATION.match(between) or has_role(between)) or not found and between.strip():
            return None
        found.append(quoted["value"].rstrip(" ,"))
        position = quoted.end()
    return " / ".join(found) if len(found) > 1 and not text[position:].strip(" .!") else None


# An email address introduced by a few small words with no label and no colon, as a sentence naming an official
# gives it: "or by email to …", "ou par courriel à …", "oder per E-Mail an …".
_EMAIL_IN_WORDS = re.compile(rf"^(?P<words>[^\W\d_][^\W\d_'’-]*(?:[\s'’-]+[^\W\d_]+){{1,5}})\s+"
                             rf"(?P<email>{EMAIL.pattern})\s*[.;]?$")
# A salutation label's value in quotes: 'Salutation: "Dear Minister"'.
_QUOTED = re.compile(r"^[\"“„«‘'‚]\s*(?P<value>[^\"”“»]{1,100}?)\s*[\"”“»’']$")
# Where a contact label starts inside a line ("…, Peru. Email: …", "…, DC 20008 | Phone: …"), to split
# one-line addresses.
_INLINE_CONTACT = re.compile(rf"(?:\s*\|)?[.;,]?\s+(?=\(?(?:{_ANY_LABEL})\.?\s*:)", re.I)
# A letter's salutation wholly in parentheses, with no label: "(Dear Director General)", "(Sehr geehrter Herr
# Minister)"; within a line, after the role or the address it belongs to ("Secretary for Justice (Dear Secretary)").
_SALUTATION_WORDS = "|".join(p for row in sheet_languages() for p in row.salutations)
_BARE_SALUTATION = re.compile(rf"^\(\s*(?P<value>(?:{_SALUTATION_WORDS})\b[^()]{{0,80}}?),?\s*\)$", re.I)
_INLINE_SALUTATION = re.compile(rf"\s+(?=\((?:{_SALUTATION_WORDS})\b[^()]{{0,80}}\)(?:\s|$))", re.I)
# A postal address given after its label on one line: "Dirección: Palacio de López, …, Asunción, Paraguay".
ADDRESS_LABEL = re.compile(
    "^(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.address_labels)
    + r")\s*:\s*(?P<value>\S.*)$", re.I)
# The words of the labels above: a test of "no word lost" may ignore them, the parser consumes them.
LABEL_WORDS = frozenset({"email", "emails", "e", "mail", "mails", "address", "addresses", "courriel", "courriels",
                         "correo", "electrónico", "electronico", "fax", "telefax", "tel", "tél", "telephone",
                         "telefono", "teléfono", "téléfono", "phone", "mobile", "salutation", "salutations", "saludo",
                         "anrede", "briefanrede", "tratamiento", "encabezamiento", "formule", "d", "appel", "télécopie",
                         "telecopie", "téléphone", "telefon", "adresse", "électronique", "postal", "postale", "mailing",
                         "dirección", "direccion", "domicilio", "anschrift", "postanschrift"})


def contact_slot(line: Line) -> str | None:
    """The field a contact line fills ("emails", "fax", "phone", "salutation"); None for any other line."""
    text = without_bullet(line.text)[0]
    return _contact_slots(_CONTACT.match(text))[0] if is_contact(text) and _CONTACT.match(text) else None


def split_inline_contacts(line: Line) -> list[Line]:
    """'…, Peru. Email: a@b.pe' → the address and the contact as lines of their own; so is a salutation in
    parentheses: '…, Algeria (Dear Director General)' → '…, Algeria' and '(Dear Director General)'."""
    if len(line.text) > MAX_HEADING:
        return [line]
    pieces = [part for piece in _INLINE_CONTACT.split(line.text) for part in _INLINE_SALUTATION.split(piece)
              if part.strip()]
    return [Line(piece.strip(), line.blank_before and index == 0, line.number) for index, piece in enumerate(pieces)]


def read_contact(result: ImportedCampaign, target: Official, text: str) -> bool:
    """Reads "Email: …", "Fax: …" and the like into the target; False when the line is not one."""
    if joined := _joined_salutation(text):
        result.recognised.append(text)
        _set_contact(result, target, "salutation", joined, text)
        return True
    if sentence := _SALUTATION_SENTENCE.match(text):
        value = "value" if sentence["value"] else "bare"
        result.recognised.append(text[:sentence.start(value)])
        if tail := text[sentence.end(value):].strip(" \"”“»’'.!"):  # '… "Dear Minister" in your letter.'
            result.recognised.append(tail)
        _set_contact(result, target, "salutation", sentence[value], text)
        return True
    if bare := _BARE_SALUTATION.match(text):
        _set_contact(result, target, "salutation", bare["value"].strip(), text)
        return True
    if worded := _contact_in_words(text):
        words, slot, value = worded
        result.recognised.append(words)
        if slot == "emails":
            target.emails += [value] if value not in target.emails else []
        else:
            _set_contact(result, target, slot, value, text)
        return True
    if (worded := _EMAIL_IN_WORDS.match(text)) and worded["words"].split()[-1].islower():
        result.recognised.append(worded["words"])
        target.emails += [worded["email"]] if worded["email"] not in target.emails else []
        return True
    if not is_contact(text):
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
    elif slot == "salutation" and not _QUOTED.match(value) and (sentence := _SALUTATION_SENTENCE.match(value)):
        # 'Salutation: please address him as "Your Excellency" in your letter.': the salutation the sentence gives.
        group = "value" if sentence["value"] else "bare"
        result.recognised.append(value[:sentence.start(group)])
        if tail := value[sentence.end(group):].strip(" \"”“»’'.!"):
            result.recognised.append(tail)
        _set_contact(result, target, slot, sentence[group], text)
    elif slot == "salutation":
        _set_contact(result, target, slot, quoted["value"] if (quoted := _QUOTED.match(value))
                     else _without_closing_parenthesis(value), text)
    elif slot in ("fax", "phone"):
        _set_contact(result, target, slot, value, text)
    else:  # a label the campaign has no place for (Twitter, website…)
        result.add_unplaced(text)
    return True


def _without_closing_parenthesis(value: str) -> str:
    """'Madame l'Ambassadrice).': the salutation last in the parentheses that give an official's contacts, without
    the parenthesis that closes them (and the full stop after it); one that opens its own keeps it."""
    return re.sub(r"\)\s*\.?$", "", value).rstrip() if "(" not in value else value


# A contact given in words rather than by its label, in any sheet language: "by email to x@…", "or by phone at …".
_CONTACT_PHRASES = [re.compile(rf"(?:^|\s+)(?P<words>{phrase})\s+", re.I)
                    for row in sheet_languages() for phrase in row.sheet_words.contact_phrases]


def contacts_in_words(text: str) -> list[str]:
    """'by email to info@….example or by phone at (202) 332-7100' → the text cut before each contact it gives in
    words ('by email to info@….example', 'or by phone at (202) 332-7100') when it opens with one; [] otherwise."""
    for phrase in _CONTACT_PHRASES:
        found = list(phrase.finditer(text))
        if found and found[0].start() == 0:
            ends = [match.start() for match in found[1:]] + [len(text)]
            return [text[match.start():end].strip() for match, end in zip(found, ends, strict=True)]
    return []


def _contact_in_words(text: str) -> tuple[str, str, str] | None:
    """'or by phone at (202) 332-7100' → its words, the field it fills and its value; None for any other text."""
    for phrase in _CONTACT_PHRASES:
        if (match := phrase.match(text)) and (value := text[match.end():].strip().rstrip(".;").strip()):
            slot = next(slot for slot, label in _SLOT_LABELS.items() if label.match(match["label"]))
            return match["words"], slot, value
    return None


def _set_contact(result: ImportedCampaign, target: Official, slot: str, value: str, text: str) -> None:
    current = getattr(target, slot)
    combined = value if not current or slot == "salutation" else f"{current}; {value}"
    if value and (not current or slot != "salutation") and len(combined) <= column_length(Target, slot):
        setattr(target, slot, combined)
    else:
        result.add_unplaced(text)


def is_contact(text: str) -> bool:
    """'Email: …', 'Fax 1-212-…', 'Salutation: …': a line of contact details rather than of the address."""
    if len(text) <= MAX_HEADING and (_SALUTATION_SENTENCE.match(text) or _BARE_SALUTATION.match(text)
                                     or _joined_salutation(text)):
        return True
    match = _CONTACT.match(text) if len(text) <= MAX_HEADING else None
    return match is not None and bool(match["colon"] or _plausible_contact(_contact_slots(match)[0], match["value"]))


def _contact_slots(match: re.Match) -> list[str | None]:
    """The fields a contact label fills: "Tel/Fax" fills both numbers, "Twitter" none (None)."""
    return [next((slot for slot, pattern in _SLOT_LABELS.items() if pattern.match(part.strip())), None)
            for part in match["label"].split("/")]


def _plausible_contact(slot: str | None, value: str) -> bool:
    """A label without a colon ("Fax 1-212-…", "E-mail info@…") counts only when the value looks like its kind,
    from its start: "email to report@… with the UA number in the subject line, and" is a sentence to the readers
    wrapped at the word, not a contact."""
    if slot == "emails":
        return bool(EMAIL.match(value.lstrip("<([ ")))
    if slot in ("fax", "phone"):
        return bool(re.match(r"[+(\d]", value))
    return False
