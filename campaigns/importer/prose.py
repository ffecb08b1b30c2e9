"""Instructions written as prose: a sentence that names its officials, their addresses and their copies
("Écrivez au ministre …, M. …, Ministère …, BP 466, Yaoundé, Cameroun, courriel : …, avec copie à …"), and a
sentence that asks for every demand after one small word ("Demandez-lui de libérer …, de … et de …") or, in German,
each up to its verb ("Fordern Sie ihn auf, … freizulassen und … zu untersuchen"), cut into the parts sections.py
reads."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from campaigns.importer.contacts import contacts_in_words, is_contact, split_inline_contacts
from campaigns.importer.envelopes import (HONORIFIC, is_diplomatic_mission, is_honorific_and_name,
                                         is_role_and_name, one_line_address, read_city_line, role_joins_pattern)
from campaigns.importer.names import has_role
from campaigns.importer.headings import COPIES, DEMANDS_INTRO, SALUTATION, SECTION_WORDS, WRITE_TO, Part, Section
from campaigns.importer.text import BULLET, MAX_SENTENCE, Line, key
from campaigns.importer.values import DATE, EMAIL, country_code, sentence_values, sentences
from letters.languages import SheetWords, sheet_languages


# An instruction in prose that names the officials in the same sentence: "Écrivez au Ministre de la Justice,
# M. …, Ministère …, BP 466, Yaoundé, Cameroun, courriel : …, avec copie à l'ambassadeur …" (after an
# optional lead-in such as "Passez à l'action :"). Only a sentence that holds an address is read so.
# One pattern per sheet language, so that the longest lead wins: "Copies à l'ambassadrice …" is French "copies à"
# before it is English "copies".
def _prose_leads(words: str) -> list[re.Pattern]:
    return [re.compile(rf"^(?P<lead>(?:[^:]{{0,40}}:\s*)?(?:{'|'.join(getattr(row.sheet_words, words))})\s+)"
                       r"(?P<rest>\S.*)$", re.I) for row in sheet_languages() if getattr(row.sheet_words, words)]


_PROSE_OFFICIALS = _prose_leads("write_to")
_PROSE_COPIES_FIRST = _prose_leads("copies_to")
_PROSE_COPIES = re.compile(rf"[,;]?\s+(?:{SECTION_WORDS['copies_to']})\s+", re.I)
_ARTICLE = re.compile(rf"^(?:{SECTION_WORDS['articles']})(?=\w)", re.I)
# The adjective of the official's country before the role, matched in its case: "georgischen Generalstaatsanwalt".
_ORIGIN = re.compile("(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.origin_adjectives) + ")")
# "ainsi qu'au ministre …", "and to the Inspector General …": a further official joined to the sentence.
_FURTHER_OFFICIAL = re.compile("^(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.further_officials) + r")(?=\w)", re.I)
# The sentence's last clause giving the salutation in quotes: "…, en commençant votre lettre par « Monsieur le
# Ministre, »" (the words each language uses are its salutation sentences), maybe with a word or two after the
# quotes ("…, und reden Sie ihn mit „Sehr geehrter Herr Minister“ an").
_SALUTATION_CLAUSE = re.compile(r"[,;]\s+(?P<clause>(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.salutation_sentences)
    + r")\s*[\"“„«][^\"”“»]{1,100}[\"”“»](?:\s+[^\W\d_]+){0,2})\s*$", re.I)



def prose_officials(lines: list[Line], joined: Section | None = None, following: bool = False
                    ) -> tuple[list[Part], int]:
    """A prose instruction that names its officials, as parts of targets (and copies), one line per clause,
    and how many lines of the sheet it took; nothing when the lines start no such sentence.

    Right below such an instruction (`joined`, the section its officials went to), a paragraph may go on with a
    further official in the same words as within a sentence ("…, Formule d'appel : Monsieur le Président," / "" /
    "ainsi qu'au ministre de la Justice, M. …, BP 350, …"): that official is of the same section.

    The sentence may start with its copies ("Envoyez une copie à l'ambassadeur …, S. E. Monsieur …, …"), may
    name the languages to write in after its verb ("Écrivez, en français ou en anglais, au ministre …") and
    may wrap over the lines of its paragraph, up to the line that ends it. When it ends by introducing the
    demands ("…, Maroc (courriel : …), en lui demandant de :"), that last clause heads the demands that follow;
    a sentence after it that asks for them ("Demandez-lui de …, de … et de …") gives them (see asked_demands).
    A sentence `following` the officials in their paragraph may name its copies after a heading ("… Tunisie.
    Copie à : Ambassade de Tunisie, …, 1050 Bruxelles.").
    """
    taken = _sentence_lines(lines)
    text = " ".join(line.text for line in taken)
    found = (prose_lead(key(text)) or _further_lead(key(text), joined) or _wrapped_heading_lead(key(text), taken)
             or (_copies_heading_lead(key(text)) if following else None))
    if found is None:
        return [], 0
    lead_end, first = found
    end = _sentence_end(text, lead_end)
    rest, after = text[lead_end:end].strip().rstrip("."), text[end:].strip()
    # An address gives a number or an email, or ends in its country ("…, Avenida Presidente Nicolau Lobato, Dili,
    # Timor-Leste. Courriel : …").
    if rest.count(",") < 2 or not (any(char.isdigit() for char in rest) or EMAIL.search(rest)
                                   or country_code(rest.rpartition(",")[2].strip())):
        return [], 0
    demands, rest_at = None, text.index(rest) if rest else lead_end
    head, comma, last = rest.rpartition(",")
    if comma and last.strip().endswith(":") and DEMANDS_INTRO.search(key(last.strip())):
        rest, demands = head, Part(Section.DEMANDS, last.strip(), heading_line=taken[-1].number)
    elif asking := _ASKING_CLAUSE.search(rest):  # "…, email: …, urging him to release …, to drop …"
        asked = rest[asking.end():]
        # "…, en lui demandant de libérer …, avec copie à l'Ambassade …": the copy after the asking clause is the
        # sentence's still, the clause blanked out where it stood.
        if (copy := _PROSE_COPIES.search(asked)) and copy.group(0)[:1] in ",;":
            rest, after = (rest[:asking.start()] + " " * (asking.end() + copy.start() - asking.start())
                           + asked[copy.start():]), f"{asked[:copy.start()]}. {after}".strip()
        else:
            rest, after = rest[:asking.start()], f"{asked}. {after}".strip()
    salutation_clause = ""
    if clause := _SALUTATION_CLAUSE.search(rest):
        rest, salutation_clause = rest[:clause.start()], clause["clause"]
    parts = [Part(first, text[:lead_end].strip(), heading_line=taken[0].number)]
    parts += _officials_clauses(parts[0], rest, _line_numbers(taken, rest_at if rest.strip() else lead_end))
    # The last envelope ends at its last contact, number or country: a clause after it is to the readers ("…,
    # courriel : …, en reprenant les demandes ci-dessus.").
    envelope = parts[-1].lines if parts else []
    end = max((at + 1 for at, line in enumerate(envelope) if _ends_envelope(line.text)), default=len(envelope))
    trailing, envelope[end:] = envelope[end:], []
    # "…, courriel : …, en commençant votre lettre par « Monsieur le Procureur, ».": the salutation in the
    # sentence's last clause, read whole (its quotes may hold a comma).
    if envelope and salutation_clause:
        envelope.append(Line(salutation_clause, False, taken[-1].number))
    # "…, 1150 Bruxelles. Courriel : …. Tél. : …. Formule d'appel : Monsieur le Procureur général,": the sentences
    # right after the envelope that only give its contacts or its salutation are the official's, in the
    # sentence's text or on the line right below it.
    if demands is None and parts:
        contacts, after = _contact_sentences(after, taken[-1].number)
        envelope += contacts
    # The lines right below it in its paragraph that only give contacts or the salutation are the official's too
    # ("…, Union des Comores. Fax : …." / "Courriel : …. Formule d'appel : Monsieur le Ministre,").
    while demands is None and parts and not after and len(lines) > len(taken) and not lines[len(taken)].blank_before:
        below = lines[len(taken)]
        contacts, left = _contact_sentences(below.text, below.number)
        if not contacts or left:
            break
        envelope += contacts
        taken = [*taken, below]
    _salutation_to_target(parts, end)
    _salutations_by_order(parts)
    # An address ends in a country or gives an email; a sentence that names neither is prose.
    if not any(_places_envelope(part.lines, part.section is Section.COPIES) for part in parts):
        return [], 0
    # "… Formule d'appel : Monsieur le Ministre. Envoyez une copie à l'Ambassade …, S. E. M. …, …": a further
    # sentence of the paragraph that names officials of its own (its copies) is read as the first was.
    further = prose_officials([Line(after, False, taken[-1].number)], following=True)[0] \
        if after and demands is None else []
    return [*parts, *([Part(Section.NOTES, lines=trailing)] if trailing else []), *([demands] if demands else []),
            *(further or _after_officials(after, taken[-1].number))], len(taken)


def _places_envelope(clauses: list[Line], copy: bool = False) -> bool:
    """Whether an official's clauses say where the envelope goes: a country, an email, or a city line whose shape
    names its country and region with no country after it ("…, Washington, DC 20037, phone (202) …", a copy to an
    embassy in the section's own country). A copy's town and postcode alone may name its country ("Envoyez une
    copie à l'Ambassade …, Avenue …, 1050 Bruxelles."): the sheet's own country, which it leaves out."""
    return any(country_code(clause.text) or EMAIL.search(clause.text)
               or (place := read_city_line(clause.text.rstrip("."))) and place[0] and (place[2] or copy)
               for clause in clauses)


def _salutation_to_target(parts: list[Part], start: int) -> None:
    """'Merci d'écrire à la ministre …, avec copie à l'Ambassade …, S. E. M. …, …' / "Formule d'appel : Madame la
    Ministre,": a salutation right after a sentence that names a target and then its copies greets the target the
    letter is written to, not the last copy; it goes to the last target's part (from the copy's lines after
    `start`, those read after its envelope), unless that target has one."""
    targets = [part for part in parts if part.section is Section.TARGETS and part.lines]
    if not parts or parts[-1].section is not Section.COPIES or not targets or any(
            SALUTATION.match(key(line.text).lstrip("( ")) for line in targets[-1].lines):
        return
    copy = parts[-1]
    # One inside the parentheses that give the copy's contacts ("(courriel : … ; formule d'appel : Madame
    # l'Ambassadrice)") is the copy's own.
    moved = [line for line in copy.lines[start:] if SALUTATION.match(key(line.text).lstrip("( "))
             and not key(line.text).rstrip(" .").endswith(")")]
    copy.lines = [line for line in copy.lines if line not in moved]
    targets[-1].lines += moved


# One salutation of several the sheet gives at once, followed by the place of the official it greets in parentheses:
# "Monsieur le Ministre (pour le premier)", "Señora Fiscal (para la segunda)", "Dear Minister (for the first)";
# before the next one, a comma, a semicolon or the word that joins them ("et", "y", "and").
_ORDINALS = [(at, ordinal) for row in sheet_languages() for at, ordinal in enumerate(row.sheet_words.ordinals)]
_ORDERED_SALUTATION = re.compile(
    r"(?P<salutation>[^(),;]+?)\s*\((?:[^()]*?\s)?(?P<ordinal>" + "|".join(dict.fromkeys(
        ordinal for _, ordinal in _ORDINALS)) + r")\s*\)\s*(?:[,;]\s*)?(?:(?:" + "|".join(dict.fromkeys(
        p for row in sheet_languages() for p in row.sheet_words.conjunctions)) + r")\s+)?", re.I)


def _salutations_by_order(parts: list[Part]) -> None:
    """"Formule d'appel : Monsieur le Ministre (pour le premier) et Monsieur le Délégué général (pour le second).": a
    salutation line that gives each official of the sentence its own salutation, by its place among them, is cut so:
    each salutation goes to the official it names the place of. The line stays as it is unless every piece names a
    different official of the sentence."""
    officials = [part for part in parts if part.section in (Section.TARGETS, Section.COPIES) and part.lines]
    for part in officials:
        for line in part.lines:
            label = SALUTATION.match(key(line.text))
            given = _ordered_salutations(label["value"].strip().rstrip("."), len(officials)) if label else []
            if given:
                part.lines.remove(line)
                lead = line.text.partition(":")[0].strip()
                # The place named in parentheses is read as the words that hand the salutation over.
                for at, salutation, place in given:
                    officials[at].lines.append(Line(f"{lead} : {salutation}", False, line.number))
                    officials[at].heading = f"{officials[at].heading} … {place}".strip(" …")
                return


def _ordered_salutations(value: str, count: int) -> list[tuple[int, str, str]]:
    """'Monsieur le Ministre (pour le premier) et Monsieur le Délégué (pour le second)' → [(0, 'Monsieur le
    Ministre', '(pour le premier) et'), (1, 'Monsieur le Délégué', '(pour le second)')]: two salutations or more,
    each with its own official's place among `count` and the words after it; nothing when the value is not wholly
    so."""
    found, position = [], 0
    while position < len(value):
        piece = _ORDERED_SALUTATION.match(value, position)
        if piece is None:
            return []
        place = next(at for at, ordinal in _ORDINALS if re.fullmatch(ordinal, piece["ordinal"], re.I))
        found.append((place, piece["salutation"].strip(), value[piece.end("salutation"):piece.end()].strip()))
        position = piece.end()
    places = [at for at, _, _ in found]
    return found if len(found) > 1 and len(set(places)) == len(places) and max(places) < count else []


# A line of prose wrapped at the sheet's width, not an envelope's line.
_PROSE_LINE = 60
# How many commas the value of a heading set as prose holds at least: an official, an address and a city.
_PROSE_COMMAS = 3


def _wrapped_heading_lead(text: str, taken: list[Line]) -> tuple[int, Section] | None:
    """Where the clauses start after a heading whose value is one sentence of prose wrapped over the lines of its
    paragraph ("Copies à : Directeur …, Me Patrick" / "Michaud-Desrosiers, Édifice …, 2828, boulevard Laurier, …"):
    every line but the last runs to the width of the text, one of them breaks a clause (ends in no punctuation) and
    the value holds several clauses. None for a one-line address wrapped in its street ("And copy: Ambassador …,
    Embassy of …, 2400 Example" / "Terrace NW, Suite 12, Washington DC 20008"), read as one line, and for a heading
    alone, and for one whose value is the first line of an envelope written line by line ("Copies to: Ambassador
    …" / "Embassy of …")."""
    heading = COPIES.match(text) or WRITE_TO.match(text)
    if (heading is None or not heading["value"] or len(taken) < 2
            or any(len(line.text) < _PROSE_LINE for line in taken[:-1]) or heading["value"].count(",") < _PROSE_COMMAS
            or not any(line.text[-1:].isalnum() for line in taken[:-1])
            or _first_line_is_address(taken[0])):
        return None
    return heading.start("value"), Section.COPIES if COPIES.match(text) else Section.TARGETS


def _copies_heading_lead(text: str) -> tuple[int, Section] | None:
    """Where the clauses start after a copies' heading that opens a sentence and whose value runs on in it."""
    heading = COPIES.match(text[:_sentence_end(text, 0)])
    return (heading.start("value"), Section.COPIES) if heading and heading["value"] else None


def _first_line_is_address(line: Line) -> bool:
    """Whether the heading's value on its first line is already a whole address on one line."""
    heading = COPIES.match(key(line.text)) or WRITE_TO.match(key(line.text))
    return bool(heading and heading["value"] and one_line_address(heading["value"]))


def _further_lead(text: str, joined: Section | None) -> tuple[int, Section] | None:
    """Where the clauses of a further official start in a paragraph that opens with the words that join one ("and
    to the Minister …", "ainsi qu'au ministre …") and names its role, right below the instruction whose officials
    went to `joined`; None elsewhere."""
    further = _FURTHER_OFFICIAL.match(text) if joined is not None else None
    return (further.end(), joined) if further and has_role(text[further.end():].partition(",")[0]) else None


def _contact_sentences(text: str, number: int) -> tuple[list[Line], str]:
    """'Courriel : a@b.be ; tél. : +32 2 …. Formule d'appel : Madame l'Ambassadrice, Merci …' → one line per
    contact or salutation the sentences at the start of the text give, and the text left after them."""
    found = []
    while text:
        end = _sentence_end(text, 0)
        sentence = text[:end].strip()
        if SALUTATION.match(key(sentence)):
            found.append(Line(sentence, False, number))
        else:
            pieces = [piece.strip().rstrip(".").strip() for piece in re.split(r"\s*;\s*", sentence)]
            pieces = [each for piece in pieces for each in contacts_in_words(piece) or [piece]]
            if not all(piece and (is_contact(piece) or contacts_in_words(piece)) for piece in pieces):
                break
            found += [Line(piece, False, number) for piece in pieces]
        text = text[end:].strip()
    return found, text


def _ends_envelope(clause: str) -> bool:
    """A clause that may end an official's envelope named in prose: a contact, a number, a country, the salutation
    ("(Formule d'appel : Monsieur le Ministre,)")."""
    return bool(EMAIL.search(clause) or any(char.isdigit() for char in clause) or country_code(clause)
                or SALUTATION.match(key(clause).lstrip("( ")))


def _officials_clauses(first: Part, text: str, numbers) -> list[Part]:
    """The officials' clauses of a prose instruction as lines of `first` (targets or copies), and each copy
    the text names after them ("…, avec copie à …") as a part of its own."""
    parts, position = [first], 0
    for copy in _PROSE_COPIES.finditer(text):
        parts[-1].lines = _clauses(text[position:copy.start()], position, numbers)
        parts.append(Part(Section.COPIES, copy.group(0).strip(" ,;"), heading_line=numbers(copy.start())))
        position = copy.end()
    parts[-1].lines = _clauses(text[position:], position, numbers)
    parts = [piece for part in parts for piece in _after_semicolons(part, text)]
    # `first` itself, which the caller holds, is left out of what is returned.
    return [found for part in parts for found in _further_officials(part)][1:]


def _after_semicolons(part: Part, text: str) -> list[Part]:
    """'Copies à : Ambassade du Gabon, …, 1050 Bruxelles ; Mission permanente du Gabon, …, 1202 Genève, Suisse': a
    diplomatic mission after a semicolon, once an envelope has come to its town or contacts, starts a further
    official of the same section; the part keeps the lines before it."""
    lines, part.lines = part.lines, []
    parts = [part]
    for line in lines:
        if (parts[-1].lines and is_diplomatic_mission(line.text) and _ends_envelope(parts[-1].lines[-1].text)
                and re.search(r";\s*" + re.escape(line.text), text)):
            parts.append(Part(part.section, "", [line], heading_line=line.number))
        else:
            parts[-1].lines.append(line)
    return parts


def _further_officials(part: Part) -> list[Part]:
    """'…, courriel : …', "ainsi qu'au ministre de la Sécurité", 'M. …': a clause that joins a further official to
    the sentence and names its role starts that official's part, the joining words its heading. The part itself
    keeps the lines before it."""
    lines, part.lines = part.lines, []
    parts = [part]
    for line in lines:
        # "…, Canada ; et à l'Ambassade du Canada, S. E. Mme …": a mission joined so starts one too.
        if parts[-1].lines and (further := _FURTHER_OFFICIAL.match(line.text)) and (
                has_role(line.text[further.end():]) or is_diplomatic_mission(line.text[further.end():])):
            role = line.text[further.end():]
            parts.append(Part(part.section, line.text[:further.end()].strip(), [replace(line, text=role[:1].upper()
                                                                                                + role[1:])],
                              heading_line=line.number))
        else:
            parts[-1].lines.append(line)
    return parts


# "Écrivez, en français ou en anglais, au ministre …", "Écrivez une lettre, un courriel ou un fax, en français,
# avec vos propres mots, au ministre …": what to write, in which language and how, set apart by commas between the
# verb that asks to write and the word that introduces the official. Asides hold no address or contact, and no
# number but a date: "Écrivez en français, le plus rapidement possible et jusqu'au 20 janvier 2027, au ministre …".
_WRITE_VERB = re.compile(r"^(?:[^:]{0,40}:\s*)?(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.write_verbs) + r")(?!\w)", re.I)
# An aside holds no contact or parenthesis, nor any number outside a date, and there are four at most.
_ASIDE = re.compile(r"(?:\s*,\s*|\s+)[^,:;()@]{1,80}(?=,\s)")
_MAX_ASIDES = 4


# The words that open an instruction before its verb that asks to write, speaking to the reader: "Nous vous invitons
# à écrire …", "We ask you to write …", "Le pedimos que escriba …" (a few words, no punctuation, one of them the
# reader's).
_OPENING = re.compile(r"^(?:[^:]{0,40}:\s*)?(?P<words>(?:[^\W\d_]+(?:['’]|\s+)){1,8}?)(?=(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.write_verbs) + r")(?!\w))", re.I)
_READERS = frozenset(word for row in sheet_languages() for word in row.sheet_words.reader_words)


def prose_lead(text: str) -> tuple[int, Section] | None:
    """Where the officials' clauses start in a prose instruction, and whether they are targets or copies first;
    None when the text is no such instruction. Whatever words open the instruction before its verb are the
    instruction's, when they speak to the reader ("Nous vous invitons à écrire, …, à Monsieur …")."""
    found = _lead_at(text)
    if found is None and (opening := _OPENING.match(text)) and _READERS & set(
            re.findall(r"[^\W\d_]+", opening["words"].casefold())):
        found = _lead_at(text[opening.end():])
        return None if found is None else (found[0] + opening.end(), found[1])
    return found


def _lead_at(text: str) -> tuple[int, Section] | None:
    found = next(((plain, skipped, match) for plain, skipped, at in _without_asides(text)
                  if (match := _longest_lead(plain)) and len(match[1]["lead"]) >= at), None)
    if found is None:
        return None
    plain, skipped, (section, match) = found
    if WRITE_TO.match(plain) or COPIES.match(plain):  # "And copies to: …" is a heading and its value
        return None
    # The article before the first official ("an den Innenminister") is the heading's, read with it; so is the
    # adjective of the country before the role ("an den georgischen Generalstaatsanwalt"), which is not part of
    # it (an office keeps it: "an die georgische Botschaft").
    article = _ARTICLE.match(match["rest"])
    lead = len(match["lead"]) + (len(article.group(0)) if article else 0)
    if (origin := _ORIGIN.match(plain, lead)) and has_role(plain[origin.end():].split(" ")[0]):
        lead = origin.end()
    return lead + skipped, section


def _longest_lead(text: str) -> tuple[Section, re.Match] | None:
    """The words that start the text and hand over to its officials, in the language that reads the most of them:
    the targets' words before the copies' (the text asks to write to someone first)."""
    for section, patterns in ((Section.TARGETS, _PROSE_OFFICIALS), (Section.COPIES, _PROSE_COPIES_FIRST)):
        if found := [match for pattern in patterns if (match := pattern.match(text))]:
            return section, max(found, key=lambda match: len(match["lead"]))
    return None


def _without_asides(text: str):
    """The text as written, then with the verb that asks to write joined to what follows one aside, two…, or
    without the deadline it gives before its officials with no comma ("Veuillez envoyer vos appels jusqu'au 24
    novembre 2027 au ministre …"): each with how many characters were left out, and where in the text given the
    words that hand over to the officials end at the earliest (past what was left out)."""
    yield text, 0, 0
    verb = _WRITE_VERB.match(text)
    if verb and (until := _UNTIL_DATE.search(text, verb.end())) and "," not in text[verb.end():until.start()]:
        yield text[:until.start()] + text[until.end():], until.end() - until.start(), until.start() + 1
    position = verb.end() if verb else None
    for _ in range(_MAX_ASIDES if verb else 0):
        aside = _ASIDE.match(text, position)
        if aside is None or any(char.isdigit() for char in DATE.sub("", aside.group(0))):
            return
        position = aside.end() + 1
        plain = f"{verb.group(0)} {text[position:].lstrip()}"
        yield plain, len(text) - len(plain), 0


# The deadline a request to write gives between its verb and its officials, set apart by spaces only: "Please send
# appeals before 3 October 2027 to the Minister …", "Envíen sus llamamientos antes del 5 de mayo de 2027 al Fiscal …".
_UNTIL_DATE = re.compile(r"\s+(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.untils)
                         + rf")\s+(?:{DATE.pattern})(?=\s)", re.I)


# A full stop, then the capital of the next sentence; and the abbreviations before a name whose dot ends none:
# "M.", "S.E.", "Mme.", "Dr.", "Av.".
_FULL_STOP = re.compile(r"[.!?]\s+(?=[^\W\d_])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:(?:[^\W\d_]{1,3}\.)+[^\W\d_]{0,3}|[^\W\d_]{1,2}|[^\W\d_][^\W\d_A-Z]{2})$")


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence that runs on at `start` ends: at a full stop outside parentheses, before a capital,
    not after an abbreviation ("S.E. M. Patrick …"); the end of the text when it has no other."""
    for stop in _FULL_STOP.finditer(text, start):
        before = text[:stop.start()]
        if (before.count("(") <= before.count(")") and text[stop.end()].isupper()
                and not (text[stop.start()] == "." and (_ABBREVIATION.search(before) or _in_honorific(text, stop)))):
            return stop.start() + 1
    return len(text)


def _in_honorific(text: str, stop: re.Match) -> bool:
    """Whether the full stop ends a longer honorific's abbreviation, or one of its words, before a name:
    "Licda. Marisol …", "Excmo. Sr. Rodrigo …"."""
    word = text.rfind(" ", 0, stop.start()) + 1
    honorific = HONORIFIC.match(text[word:])
    return honorific is not None and word + honorific.end("honorific") > stop.start()


def _after_officials(text: str, number: int) -> list[Part]:
    """What follows the officials on their lines: the demands the next sentence asks for, one line each, and
    text that belongs to nothing known."""
    end = _sentence_end(text, 0)
    asked = asked_demands(text[:end]) if text else None
    parts = []
    if asked is not None:
        intro, joins, demands = asked
        # The heading is recognised as read: the words that ask, then the small words that joined the demands.
        heading = " … ".join([intro, *joins])
        parts.append(Part(Section.DEMANDS, heading, [Line(demand, True, number) for demand in demands], number))
        text = text[end:].strip()
    if text:
        parts.append(Part(Section.NOTES, lines=[Line(text, True, number)]))
    return parts


# Where a paragraph that asks for the demands may stand: below the officials, or where the sheet goes on after them.
NEAR_OFFICIALS = (Section.PREAMBLE, Section.NOTES, Section.TARGETS, Section.COPIES)
# How many words such a paragraph's opening may have, up to its first demand: "Dans votre lettre, demandez-lui de".
_MAX_ASK_WORDS = 7


def asking_paragraph(lines: list[Line], parts: list[Part]) -> tuple[Part, int] | None:
    """A sentence after the officials that asks for two demands or more ("Demandez-lui de libérer …, de …"),
    a paragraph of its own or the first of one pasted a paragraph to a line: its demands, and how many lines it
    took; None for any other."""
    if not any(part.section in (Section.TARGETS, Section.COPIES) for part in parts):
        return None
    paragraph = _sentence_lines(lines)
    text = " ".join(line.text for line in paragraph)
    asked = asked_demands(text) if text[-1:] in ".!" and _sentence_end(text, 0) == len(text) else None
    if asked is None or len(asked[2]) < 2 or len(asked[0].split()) > _MAX_ASK_WORDS:
        return None
    part = _after_officials(text, paragraph[0].number)[0]
    part.heading_line = paragraph[0].number
    return part, len(paragraph)


def asking_instruction(lines: list[Line]) -> tuple[Part, int] | None:
    """'Schreiben Sie Appelle auf Lettisch oder Deutsch, die bis 18. Jänner 2027 eintreffen sollten, in denen Sie die
    Behörden auffordern, … einzuleiten, … zu ziehen und … zu gewährleisten.': one sentence, a paragraph of its own,
    that asks to write by a date or in a language and asks for two demands or more. The words up to the first
    demand head them (the deadline and the languages are read there), and how many lines it took; None for any
    other paragraph."""
    paragraph = _sentence_lines(lines)
    text = " ".join(line.text for line in paragraph)
    if (text[-1:] not in ".!" or len(text) > MAX_SENTENCE or not _ANY_ASK.search(text)
            or len(sentences(text)) != 1):
        return None
    asked = asked_demands(text)
    if asked is None or len(asked[2]) < 2 or sentence_values(key(asked[0])) is None:
        return None
    intro, joins, demands = asked
    number = paragraph[0].number
    return Part(Section.DEMANDS, " … ".join([intro, *joins]), [Line(demand, True, number) for demand in demands],
                number), len(paragraph)


@dataclass(frozen=True)
class _Asks:
    """How one sheet language asks for every demand in one sentence (see SheetWords.sentence_asks)."""

    asks: re.Pattern  # the words before the first demand
    join: re.Pattern  # the small word that starts each next demand, after its comma
    last_join: re.Pattern | None = None  # the last demand's join with no comma, before the demand's verb
    verb_start: re.Pattern | None = None  # a demand's opening verb
    # In a language that puts each demand's verb last, the verb that ends a demand at the end of a piece, where
    # the sentence splits (after a comma or the joining word), and the words that start a clause of the demand.
    verb: re.Pattern | None = None
    split: re.Pattern | None = None
    clause: re.Pattern | None = None


def _asks(words: SheetWords) -> _Asks:
    def either(patterns: tuple[str, ...]) -> str:
        return "(?:" + "|".join(patterns) + ")"
    asks = re.compile(rf"(?<!\w){either(words.sentence_asks)}", re.I)
    join = re.compile(rf",\s+{either(words.sentence_ask_joins)}", re.I)
    if not words.sentence_ask_verbs:
        verb_start = words.sentence_ask_verb_starts and re.compile(either(words.sentence_ask_verb_starts), re.I)
        last_join = words.sentence_ask_last_joins and re.compile(
            rf"{either(words.sentence_ask_last_joins)}(?={either(words.sentence_ask_verb_starts)})", re.I)
        return _Asks(asks, join, last_join=last_join or None, verb_start=verb_start or None)
    # The verb is matched as written: a noun ("Bezugspersonen") is capitalised, a zu-infinitive is not.
    return _Asks(asks, join, verb=re.compile(rf"(?<!\w){either(words.sentence_ask_verbs)}$"),
                 split=re.compile(rf"(,\s+(?:{either(words.sentence_ask_joins)})?|\s+{either(words.sentence_ask_joins)})",
                                  re.I),
                 clause=re.compile(rf"^{either(words.sentence_ask_clauses)}\b", re.I))


# Each sheet language's words that ask for every demand in one sentence, and how the demands are told apart.
_SENTENCE_ASKS = [_asks(row.sheet_words) for row in sheet_languages() if row.sheet_words.sentence_asks]
# The words that ask for every demand in one sentence, in any sheet language.
_ASK_WORDS = "(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.sentence_asks) + ")"
# The clause of a prose instruction that goes on from the officials to ask for the demands: "…, email: …,
# urging him to release …".
_ASKING_CLAUSE = re.compile(rf",\s+(?={_ASK_WORDS})", re.I)
_ANY_ASK = re.compile(rf"(?<!\w){_ASK_WORDS}", re.I)
_OPENS_WITH_ASK = re.compile(rf"^{_ASK_WORDS}", re.I)


# A demand as a command to the official, in any sheet language that can tell one ("Lassen Sie … frei"), as written.
_OPENS_WITH_COMMAND = re.compile("^(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.commands) + ")")


def opens_with_ask(text: str) -> bool:
    """'urge him to ensure …', 'demandez-lui de …', 'Heben Sie … auf': a list item that opens with the words that ask
    for a demand, or that commands it."""
    return _OPENS_WITH_ASK.match(text) is not None or _OPENS_WITH_COMMAND.match(text) is not None


# A demand has three words at least, unless it opens with its verb: a shorter piece is a comma inside one.
_MIN_DEMAND_WORDS = 3


def asked_demands(text: str) -> tuple[str, list[str], list[str]] | None:
    """'Dans votre lettre, demandez-lui de révéler …, de les libérer … et de veiller à …' → the words that ask
    ('Dans votre lettre, demandez-lui de'), the small words that join the next demands (', de', ', et de') and
    the demands, cut where such a word follows a comma (in German, after each demand's verb: see _cut_after_verbs);
    None when the sentence asks for nothing so."""
    if len(text) > MAX_SENTENCE:
        return None
    for asking in _SENTENCE_ASKS:
        if found := asking.asks.search(text):
            body = text[found.end():].strip().rstrip(".!")
            if asking.verb is not None:
                joins, pieces = _cut_after_verbs(body, asking)
            else:
                joins = [match.group(0).strip(" ,") for match in asking.join.finditer(body)]
                pieces = [piece.strip() for piece in asking.join.split(body)]
                if asking.last_join and (last := list(asking.last_join.finditer(pieces[-1]))):
                    joins.append(last[-1].group(0).strip())
                    pieces[-1:] = [pieces[-1][:last[-1].start()].strip(), pieces[-1][last[-1].end():].strip()]
            if not _are_demands(pieces, asking):
                joins, pieces = [], [body]
            return text[:found.end()].strip(), joins, pieces
    return None


# How many demands a sentence must list, after commas, to be cut there: two may be a demand and its purpose ("take
# effective measures, in consultation with her, to ensure her safety").
_MIN_LISTED = 3


def demands_after_commas(text: str) -> list[str] | None:
    """'ensure that the charges … are dropped, to lift the bail conditions …, and to guarantee that …' → the
    demands a letter's sentence lists after its own words that ask, three or more, each next one after a comma and
    the small words that join demands, opening with its verb ("to lift", "et de veiller"); None when the text is
    one demand (a comma inside a demand is followed by no verb so joined)."""
    for asking in _SENTENCE_ASKS:
        if asking.verb is not None or asking.verb_start is None:
            continue
        pieces = [piece.strip() for piece in asking.join.split(text)]
        if asking.last_join and len(pieces) > 1 and (last := list(asking.last_join.finditer(pieces[-1]))):
            pieces[-1:] = [pieces[-1][:last[-1].start()].strip(), pieces[-1][last[-1].end():].strip()]
        if len(pieces) >= _MIN_LISTED and all(len(piece.split()) >= _MIN_DEMAND_WORDS for piece in pieces) and all(
                asking.verb_start.match(piece) for piece in pieces[1:]):
            return pieces
    return None


def _are_demands(pieces: list[str], asking: _Asks) -> bool:
    """Whether the pieces a sentence was cut into are its demands: each of three words at least, or, in a
    language whose demands open with their verb, each after the first opening so, however short."""
    if asking.verb_start is None:
        return all(len(piece.split()) >= _MIN_DEMAND_WORDS for piece in pieces)
    return all(asking.verb_start.match(piece) if at else
               len(piece.split()) >= _MIN_DEMAND_WORDS or asking.verb_start.match(piece)
               for at, piece in enumerate(pieces))


def _cut_after_verbs(body: str, asking: _Asks) -> tuple[list[str], list[str]]:
    """'Ahmet Y. sofort und bedingungslos freizulassen, die Vorwürfe zu untersuchen und sicherzustellen, dass er
    … hat' → the joining words read (['und']) and the demands: a demand goes on until it has its verb, and
    past it into a clause of its own ("…, dass …"); the next starts after a comma, or after "und" right
    after the verb. Every demand must end in its verb or in such a clause: otherwise the sentence is one."""
    pieces = asking.split.split(body)
    demands, joins, has_verb = [pieces[0]], [], bool(asking.verb.search(pieces[0].strip()))
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        after_verb = bool(asking.verb.search(demands[-1].strip()))
        starts = (has_verb and not asking.clause.match(piece)
                  and ("," in separator or after_verb))
        if starts:
            demands.append(piece)
            joins += [word] if (word := separator.strip(" ,")) else []
            has_verb = bool(asking.verb.search(piece.strip()))
        else:
            demands[-1] += separator + piece
            has_verb = has_verb or bool(asking.verb.search(piece.strip()))
    demands = [demand.strip() for demand in demands]
    if len(demands) > 1 and not all(asking.verb.search(demand) or _has_clause(demand, asking) for demand in demands):
        return [], [body]
    return joins, demands


def _has_clause(demand: str, asking: _Asks) -> bool:
    """Whether a demand goes on past its verb into a clause: 'sicherzustellen, dass er … hat'."""
    return any(asking.clause.match(piece) for piece in asking.split.split(demand)[2::2])


# How many lines a sentence that names officials may wrap over.
_MAX_PROSE_LINES = 8
# "…, Seychelles (courriel : …). Formule d'appel : Monsieur le Président,": a line whose last sentence gives the
# salutation, ending in its comma, ends the instruction; the next line starts a sentence of its own.
_ENDS_IN_SALUTATION = re.compile(r"(?:^|[.!?)]\s+|[(]\s*)(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.salutation_labels) + r")\s*:\s*[^.!?:;()]{1,80},$", re.I)


def _sentence_lines(lines: list[Line]) -> list[Line]:
    """The first line and those of its paragraph that carry its sentence on, up to the line that ends it (a
    line ending in a full stop or a colon, outside parentheses: "(fax : … ; courriel :" goes on, and so does a
    contact's label ending the line, its value on the next: "… 1050 Bruxelles. Courriel :" / "…@….example."), or
    in a salutation and its comma ("… Formule d'appel : Monsieur le Président,")."""
    taken = lines[:1]
    for line in lines[1:_MAX_PROSE_LINES]:
        text = " ".join(line.text for line in taken)
        ended = (text[-1:] in ".:!?" and text.count("(") <= text.count(")")
                 and not (text.endswith(":") and is_contact(split_inline_contacts(taken[-1])[-1].text))
                 or bool(_ENDS_IN_SALUTATION.search(text)))
        if ended or line.blank_before or BULLET.match(line.text) or SALUTATION.match(key(line.text)):
            break
        taken.append(line)
    return taken


def _line_numbers(lines: list[Line], offset: int):
    """Where a character of the lines joined by spaces stands in the sheet: the number of its line, for a
    position counted from `offset` in the joined text."""
    starts, position = [], 0
    for line in lines:
        starts.append((position, line.number))
        position += len(line.text) + 1
    return lambda at: max(number for start, number in starts if start <= offset + at)


# A clause runs to a comma, semicolon or parenthesis outside quotes: "en commençant votre lettre par « Monsieur le
# Ministre, »" is one, its quoted salutation whole; so is a town with its province in parentheses before the postcode
# ("Québec (Québec) G1A 1B4", "Gatineau (Québec) J8X 4B3"); so is a number with its area code in parentheses
# ("phone (202) 342-3800", "+44 (0)20 7000 0000").
_CLAUSE = re.compile(r"(?:[\"“„«][^\"”“»]{0,100}[\"”“»]|(?<=\w )\([^\W\d_][^(),;:@\d]{0,30}\)(?= [A-Z]?\d)"
                     r"|(?<![^\s+])\(\d{1,5}\)(?=\s?\d)|[^,;()\"“„«])+")


# A country's possessive before the role a sentence writes to: "Zimbabwe's Minister of …".
_COUNTRYS = re.compile(r"^(?P<country>[^\W\d_][^,;:]{1,40}?)['’]s\s+(?=[^\W\d_])")


def _clauses(text: str, start: int, numbers) -> list[Line]:
    """'l'ambassade de Guinée, Rue …, 1000 Bruxelles (courriel : … ; télécopie : …)' → one line per clause,
    the article dropped and the first letter raised, each line numbered as the line of the sheet it ends on
    (`numbers` gives it from the clause's position, `start` being where the text stands in the sentence)."""
    found = []
    for piece in _CLAUSE.finditer(text):
        clause = piece.group(0).strip()
        if not clause.strip(" ."):
            continue
        number = numbers(start + piece.start() + len(piece.group(0).rstrip()) - 1)
        if not found:
            clause = _ARTICLE.sub("", clause)
            if (possessive := _COUNTRYS.match(clause)) and country_code(possessive["country"]) and has_role(
                    clause[possessive.end():]):
                clause = clause[possessive.end():]  # "Zimbabwe's Minister of Home Affairs": the role is the title
            clause = clause[:1].upper() + clause[1:]
        elif (bare := _ARTICLE.sub("", clause)) != clause and (is_honorific_and_name(bare) or is_role_and_name(bare)):
            # "au ministre de …, le Général de brigade Moussa …": the person named after the role, in apposition
            # with its article, is the official's name line.
            clause = bare
        elif contacts := contacts_in_words(clause):
            found += [Line(contact.rstrip("."), False, number) for contact in contacts]
            continue
        elif _OFFICE_GOES_ON.match(clause) and not any(char.isdigit() or char == "@" for char in found[-1].text):
            found[-1] = Line(f"{found[-1].text}, {clause.rstrip('.')}", False, number)
            continue
        elif _state_after_town(found[-1].text, clause.rstrip(".")):
            # "…, Washington, DC 20037, …": the town and its state's code and postcode are one city line.
            found[-1] = Line(f"{found[-1].text}, {clause.rstrip('.')}", False, number)
            continue
        found.append(Line(clause.rstrip("."), False, number))
    return found


def _state_after_town(town: str, clause: str) -> bool:
    """'Washington' then 'DC 20037': a town with no number, then its state or province and postcode, which read
    together as a city line that names its region."""
    place = None if any(char.isdigit() for char in town) else read_city_line(f"{town}, {clause}")
    return bool(place and place[0] and place[2] and place[3])


# A clause that goes on with the office before it, joined to a further name of the office by the small word the
# clause starts with: "Ministère de la Justice, des Affaires islamiques et de …", "Ministry of Justice, of Religious
# Affairs …" (the small word as written, in lower case, and the office's next word capitalised).
_OFFICE_GOES_ON = re.compile(rf"^(?:{role_joins_pattern(sheet_languages())}\s+)+(?:l['’]\s*)?(?=[A-ZÀ-Ý])")
