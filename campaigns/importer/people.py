"""The people at risk: "NAME AND PRONOUN:" lines, the old layout's case header and gender line, or the names
the text repeats."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from flask_babel import gettext as _

from campaigns.importer.names import (NAME_PARTICLES, ORGANISATION_WORDS, ROLE_WORDS, is_case_header_name,
                                     is_person_name, tidy_name)
from campaigns.importer.result import ImportedCampaign, ImportedPerson
from campaigns.importer.text import NAME_WORD, column_length, is_capitals_line, words
from campaigns.importer.values import country_code, sentences
from letters.languages import sheet_languages
from models import PersonAtRisk

# Words that never start or continue a person's name when one is looked for in the text.
_NOT_NAMES = frozenset("""the a an on in at of to for from since after before during when while if this that these
    those his her their our we they he she it its amnesty international human rights please write release ensure
    free stop end drop dear mr ms mrs dr national security republic united nations police state federal federation
    ministry court prison january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday urgent action actions network update updates
    amnistía internacional acción urgente urgencia eilaktion aktion appell urgence
    der die das den dem des ein eine einer im am zum zur vom beim le la les un une du au aux ce cette il elle
    ils elles el los las una del al lo su sus se en ha fue act law code decree gesetz loi ley dekret décret decreto
    party union movement front league church partei""".split()) | ROLE_WORDS | ORGANISATION_WORDS
# German institutions are compounds: "Gerichtshof", "Staatsanwaltschaft", "Innenministerium".
_INSTITUTION_ENDINGS = ("gericht", "gerichtshof", "behörde", "ministerium", "polizei", "schaft", "verband", "partei",
                        "kommission", "gefängnis")
_HE, _SHE = frozenset({"he", "him", "his", "himself"}), frozenset({"she", "her", "hers", "herself"})
_PRONOUNS = re.compile(r"^[^\W\d_]{1,12}(?:\s*/\s*[^\W\d_]{1,12}){1,2}$")
# "Aigerim Nurlanovna (she/her)": a name and what is in the brackets after it.
_PERSON_WITH_PRONOUNS = re.compile(r"(?P<name>[^(),;]+?)\s*\((?P<pronouns>[^()]{1,60})\)")
_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


def read_people(value: str) -> tuple[list[ImportedPerson], list[str]]:
    """'A (she/her) and B (he/him)' or 'A, B' → the people, and the pieces that are no name."""
    people, leftovers, position = [], [], 0
    for match in _PERSON_WITH_PRONOUNS.finditer(value):
        leftovers.append(value[position:match.start()])
        position = match.end()
        # "A (sie/ihr) und B (er/ihm)": the word that joined B to A is no part of B's name.
        name = _LEADING_JOIN.sub("", _LIST_SEPARATORS.sub(" ", f" {match['name']} ").strip())
        pronouns = re.sub(r"\s+", "", match["pronouns"])
        pronouns = _SEXES.get(pronouns.casefold(), pronouns)  # "Rodrigo Ixcot Barrios (masculino)"
        if not _PRONOUNS.match(pronouns) or len(pronouns) > column_length(PersonAtRisk, "pronouns"):
            leftovers.append(f"({match['pronouns']})")
            pronouns = ""
        people.append(ImportedPerson(tidy_name(name), pronouns))
    leftovers.append(value[position:])
    if not people:
        names = [name for piece in _LIST_SEPARATORS.split(value) for name in _joined_people(piece.strip(" ."))]
        people = [ImportedPerson(tidy_name(name)) for name in names if name and name[0].isupper()]
        leftovers = [name for name in names if name and not name[0].isupper()]
    too_long = [person.name for person in people if len(person.name) > column_length(PersonAtRisk, "name")]
    people = [person for person in people if person.name and person.name not in too_long]
    return people, [piece for piece in leftovers + too_long if _LIST_SEPARATORS.sub("", piece).strip(" .")]


# The word that joins two people in each sheet language ("and" is a list separator already).
_JOIN_WORD = re.compile(r"\s+(?:y|e|et|und|i)\s+")
_LEADING_JOIN = re.compile(r"^(?:y|e|et|und|i)\s+")


def _joined_people(piece: str) -> list[str]:
    """'Nelly Tanguila Grefa y Rosa Shiguango Andi' → both names; but 'José Ortega y Gasset' stays one name: the
    word joins two people only where each side is a name of two capitalised words or more."""
    names = _JOIN_WORD.split(piece)
    if len(names) > 1 and all(len(name.split()) >= 2 and all(word[:1].isupper() for word in name.split()
                                                              if word.casefold() not in NAME_PARTICLES)
                              for name in names):
        return names
    return [piece]


def pronouns_of_gender(value: str) -> str:
    """The old layout's "Gender m/f: f" → "she/her"."""
    return "she/her" if value.casefold().startswith("f") else "he/him"


# "OMAR SULEIMAN AL-ZOUBI (m), 46 Jahre alt", "Wanjiru Kamau (f), aged 41": the case header's sex in brackets.
_SEXES = {"m": "he/him", "h": "he/him", "male": "he/him", "männlich": "he/him", "masculin": "he/him",
          "hombre": "he/him", "homme": "he/him", "f": "she/her", "w": "she/her", "female": "she/her",
          "weiblich": "she/her", "féminin": "she/her", "mujer": "she/her", "femme": "she/her",
          "masculino": "he/him", "femenino": "she/her", "masculine": "he/him", "feminine": "she/her"}
_SEX = "|".join(sorted(_SEXES, key=len, reverse=True))
_WITH_SEX = re.compile(rf"(?P<name>[^(),;]+?)\s*\((?P<sex>{_SEX})\.?\)", re.I)
# What joins the people of one header: "A (f) and B (m)", "A (w) und B (m)", "A (f), B (m)"; in capitals,
# "ANA RUIZ UND PEDRO GIL".
_HEADER_JOINS = re.compile(r"^(?:\s*(?:[,;&]|\b(?:and|und|et|y|e)\b)\s*)+", re.I)
_NAME_LINE_JOINS = re.compile(r"\s*(?:[,;&]|\b(?:AND|UND|ET|Y|E)\b)\s*")
# "SERAP YILDIRIM, Geschlecht: w", "Ana Ruiz, sexo: mujer".
_SEX_LABEL = re.compile(rf"^(?P<name>[^(),;:]+?),\s*(?:geschlecht|sexe|sexo|sex|gender)\s*:\s*(?P<sex>{_SEX})\b", re.I)
# "SERAP YILDIRIM, Gewerkschafterin" (a name in capitals), "Kumaravel Tharshan, aged 34, journalist".
_NAME_THEN = re.compile(r"^(?P<name>[^(),;:]+?),\s*(?P<rest>\S.*)$")
_AGE = re.compile(r"^(?:aged\s+|age\s+)?\d{1,3}(?:\s*(?:years?|jahre|ans|años))?(?:\s*(?:old|alt))?\s*(?:,|$)", re.I)
_CASE_HEADER_LENGTH = 160
# "Trần Văn Khải, 61, is …", "Nikita Zaïtsev, 23 ans,", "Shirin Rahmani, a 29-year-old": a name and the age after it.
_AGE_AFTER = re.compile(r"^\s*(?:,\s*(?:aged\s+|a\s+|an\s+)?\d{1,3}\b|\(\d{1,3}\))", re.I)
# A short word elided onto the next, which starts with a capital: "qu'Idriss", "d'Amina", "l'Ambassade",
# "dell'Anna". The name starts after the apostrophe; the elided word is no part of it.
_ELIDED = re.compile(r"^[^\W\d_]{1,7}['’](?=[^\W\d_])")
# Words that join the names of two people in a sentence: "Marta Lidia Gómez and Esteban Cruz Ventura".
_JOINED = re.compile(r"^\s*(?:,\s*(?:and\s+|et\s+|y\s+|und\s+)?|\s(?:and|et|y|e|und|&)\s+)"
                     # "… und die 16-jährige Rayan …", "… and the 16-year-old …": the next person's age between.
                     r"(?:(?:(?:the|die|der|den)\s+)?\d{1,2}-(?:year-old|jährigen?)\s+)?$", re.I)
# "Stefka Asenova, a mother of four, and Yordan Kirilov-Metodiev": a name, who the person is, and the next name
# joined to it; each named once, both are people.
_DESCRIBED_THEN_JOINED = re.compile(r"^,\s*(?:a|an|une?|una?|eine?)\s+[^,.;:()\d]{1,40},\s*(?:and|et|y|e|und)\s+$",
                                    re.I)


def _without_country(name: str) -> str:
    """'ZIMBABWE Tendai MUKWENA' → 'Tendai MUKWENA': the older layouts set the case's country at the start of
    the person's line, and a country's name is never part of a person's. Only a country in capitals goes,
    and only when a name of two words stays ("Jordan Peterson", "CHAD SMITH" keep theirs); a word of three
    letters is no country here ("BEN ALI" is not Benin)."""
    words = name.split()
    for length in range(min(4, len(words) - 2), 0, -1):
        country = " ".join(words[:length])
        if country.isupper() and len(country) > 3 and country_code(country):
            return " ".join(words[length:])
    return name


def read_case_header(text: str) -> list[ImportedPerson]:
    """The case header of the older layouts, a line of its own above the story → its people, or [].

    'ELVIN RUSTAMOV (m), aged 38, opposition blogger', 'A (f) and B (m)', 'NAME, Geschlecht: w',
    'SERAP YILDIRIM, Gewerkschafterin' (a name in capitals, then who the person is), 'Name, aged 34, …'.
    """
    text = text.strip()
    if len(text) > _CASE_HEADER_LENGTH or text.endswith((".", ":")):
        return []
    people, position = [], 0
    for match in _WITH_SEX.finditer(text):
        if _HEADER_JOINS.sub("", text[position:match.start()]).strip():
            break
        people.append(ImportedPerson(tidy_name(_without_country(_HEADER_JOINS.sub("", match["name"]).strip())),
                                     _SEXES[match["sex"].casefold()]))
        position = match.end()
    if people:
        return people if all(is_case_header_name(person.name) for person in people) else []
    if match := _SEX_LABEL.match(text):
        name, pronouns = match["name"].strip(), _SEXES[match["sex"].casefold()]
    elif (match := _NAME_THEN.match(text)) and (is_capitals_line(match["name"]) and match["rest"][0].isalpha()
                                                or _AGE.match(match["rest"])):
        name, pronouns = match["name"].strip(), ""
    else:
        return []
    name = _without_country(name)
    if not is_case_header_name(name):
        return []
    # "NURLAN ABENOV, Gewerkschafter, und AIGERIM SULTANBEKOVA, Rechtsberaterin": more names in capitals, each
    # after a word that joins people.
    others = [other["name"].strip() for other in _JOINED_IN_CAPITALS.finditer(text)] if is_capitals_line(name) else []
    return [ImportedPerson(tidy_name(name), pronouns),
            *(ImportedPerson(tidy_name(other)) for other in others if is_person_name(other))]


_JOINED_IN_CAPITALS = re.compile(r"(?:,\s*|\s)(?:and|und|et|y|e)\s+(?P<name>[^\W\d_a-z][^(),;:a-z]*?)\s*(?:,|$)")


def read_name_line(text: str, story: str) -> list[ImportedPerson]:
    """A line in capitals that only names the people ('SERAP YILDIRIM', 'ANA RUIZ UND PEDRO GIL'), as the
    story below spells them; [] unless the story names each of them."""
    if not is_capitals_line(text) or len(text) > _CASE_HEADER_LENGTH:
        return []
    names = [name.strip() for name in _NAME_LINE_JOINS.split(text) if name.strip()]
    spelled = [spelled_as_written(tidy_name(name), story) for name in names]
    pairs = zip(names, spelled, strict=True)
    if not names or not all(is_person_name(name) and _written(found, story) for name, found in pairs):
        return []
    return [ImportedPerson(name) for name in spelled]


def _written(name: str, story: str) -> bool:
    """The story has the name in mixed case, exactly as given."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", story) is not None


def is_case_header(text: str) -> bool:
    return bool(read_case_header(text))


def spelled_as_written(name: str, text: str) -> str:
    """A name read from capitals ('Serap Yildirim') as the text spells it in mixed case ('Serap Yıldırım')."""
    wanted = [_folded(word) for word in name.split()]
    found = [match.group(0) for match in NAME_WORD.finditer(text)]
    for start in range(len(found) - len(wanted) + 1):
        candidate = found[start:start + len(wanted)]
        if [_folded(word) for word in candidate] == wanted and not any(word.isupper() for word in candidate):
            return " ".join(candidate)
    return name


def _folded(word: str) -> str:
    """'Yıldırım', 'YILDIRIM', 'Yildirim' → 'yildirim': case, accents and the dotless i set aside."""
    word = unicodedata.normalize("NFKD", word.casefold().replace("ı", "i"))
    return "".join(char for char in word if not unicodedata.combining(char))


def infer_people(result: ImportedCampaign, letter: str, sheet: str) -> str | None:
    """No NAME AND PRONOUN line: the people the text is about, if any stand out.

    The person is the name the summary shares with the title, the demands or the model letter, repeated;
    failing that, the first name the summary gives that the sheet repeats or gives an age ("Trần Văn
    Khải, 61"). A name joined to it ("A and B", "A et B") is a second person. Officials are never taken.
    Adds the people to the result and returns the note for the organiser, or None when no name stands out.
    """
    officials = [f" {_folded_name(target.name)} " for target in result.targets + result.copies if target.name]

    def is_official(name: str) -> bool:  # the official's name, or part of it
        folded = f" {_folded_name(name)} "
        return any(folded in official or official in folded for official in officials)

    anchors = "\n".join([result.title, *result.demands, letter])
    repeated = Counter(window for run in _name_runs(sheet) for window in run.windows())
    counts = Counter(window for run in _name_runs(f"{anchors}\n{result.summary}") for window in run.windows())
    anchored = {window for run in _name_runs(anchors) for window in run.windows()}
    places = _place_runs(sheet)  # "im Dorf Veľká Lúka": a name the sheet gives as a place's is no person's
    # Of names repeated as often, the one the sheet gives first ("Lamin Ceesay, a presenter at Radio Kerr FM"),
    # and of two that start there the longer.
    candidates = [(count, -_first_position(sheet, name), len(name.split()), name) for name, count in counts.items()
                  if name in anchored and count >= 2 and not is_official(name) and not _is_place(name, places)]
    # "Rosa Elvira Choc Tzi" and her son "Marvin Choc Tzi": the family name they share is repeated most, but never
    # starts a name of its own; a name the sheet writes at the start of a run of name words at least once is taken.
    leading = {window for run in _name_runs(sheet) for window in run.windows()
               if f"{run.name()} ".startswith(f"{window} ")}
    candidates = [candidate for candidate in candidates if candidate[-1] in leading] or candidates
    if candidates:
        name = _given_whole(max(candidates)[-1], result.summary, is_official)
    else:
        name = _first_named(result.summary, repeated, is_official)
    if name is None:
        return None
    names = [name, *(other for other, described in _joined_names(name, f"{result.summary}\n{anchors}", is_official)
                     if repeated[other] >= 2 or described)]
    names += _named_in_demands_too(result, names, is_official)
    if result.is_follow_up:
        names += _named_beside_in_letter(result, letter, names, is_official)
    # "Ruiz Ortega", repeated most as the family's name, beside "María Fernanda Ruiz Ortega" and "Tomás Ruiz Ortega":
    # part of another person's name is no person of its own.
    names = [name for name in names if not any(other != name and f" {name} " in f" {other} " for other in names)]
    name = names[0]
    pronouns = (_pronouns_from(" ".join(result.demands)) or _pronouns_from(result.summary)) if len(names) == 1 else ""
    result.people += [ImportedPerson(found, pronouns) for found in names
                      if len(found) <= column_length(PersonAtRisk, "name")]
    if len(names) > 1:
        return _("the sheet has no NAME AND PRONOUN line: the people at risk were taken to be %(names)s from the "
                 "text. Please check.", names=", ".join(names))
    return _("the sheet has no NAME AND PRONOUN line: the person at risk was taken to be %(name)s from the text. "
             "Please check.", name=f"{name} ({pronouns})" if pronouns else name)


def _given_whole(name: str, summary: str, is_official) -> str:
    """"Marlén Ixcoy Cabrera, de la radio …" in the summary, "Marlén Ixcoy" in the demands: the name as the summary
    first gives it, when that is the short form the other parts repeat with more of its name words after it (a second
    family name), and no official's."""
    first = _first_position(summary, name)
    longer = [window for run in _name_runs(summary) for window in run.windows()
              if window.startswith(f"{name} ") and _first_position(summary, window) == first]
    return max(longer, key=len) if longer and not is_official(max(longer, key=len)) else name


def _named_in_demands_too(result: ImportedCampaign, names: list[str], is_official) -> list[str]:
    """"His colleague Nurzhan Esenalieva was questioned …" / "Lift the travel ban on Nurzhan Esenalieva": a further
    name the summary gives that a demand names too is a person at risk as well, in the order the summary gives
    them; never an official, nor a part of a name already taken."""
    demands = "\n".join(result.demands)
    demanded = {window for run in _name_runs(demands) for window in run.windows()}
    found = [window for window in {window for run in _name_runs(result.summary) for window in run.windows()}
             if window in demanded and not is_official(window) and not _names_a_place_or_thing(window, demands)
             and not _names_a_place_or_thing(window, result.summary)]
    found = [window for window in found if not any(window != other and window in other for other in found)]
    return sorted((window for window in found if not any(window in name or name in window for name in names)),
                  key=lambda window: _first_position(result.summary, window))


def _named_beside_in_letter(result: ImportedCampaign, letter: str, names: list[str], is_official) -> list[str]:
    """A follow-up's news of one of its people: "Hélder M. was released without charge …" / "I welcome the release
    of Hélder M., but I remain concerned about Inocência T. and Arlindo C.". A further name the summary gives first,
    before the people taken, that the letter names in one sentence with one of them is a person of the case too,
    freed or still held; never an official, nor a place's or a thing's name, nor a part of a name already taken."""
    summary = [window for run in _name_runs(result.summary) for window in run.windows()]
    if not summary or not names or _first_position(result.summary, summary[0]) >= min(
            _first_position(result.summary, name) for name in names):
        return []
    first = max((window for window in summary if _first_position(result.summary, window) == _first_position(
        result.summary, summary[0])), key=len)
    if is_official(first) or _names_a_place_or_thing(first, result.summary) or any(
            first in name or name in first for name in names):
        return []
    for sentence in sentences(letter):
        windows = {window for run in _name_runs(sentence) for window in run.windows()}
        if first in windows and any(name in windows for name in names) and not _names_a_place_or_thing(
                first, sentence):
            return [first]
    return []


# The words before a place or a thing's name, never a person's: an article, a preposition of place ("the Special
# Powers Act", "held in Port Louis", "journalists at Kerr Fatou FM"), a saint's title naming a town or a village
# after the saint ("la aldea de San Benito Poité", "São João del Rei"); and a medium or an office, maybe with an
# adjective after it ("the station Radio Ada Star", "la radio comunitaria Voz de Bafatá").
_BEFORE_THINGS = frozenset("""the a an in at into near der die das dem den im am la le les el los las en à au aux
    dans san santa santo são sao saint sainte st ste sankt""".split())
_MEDIA = frozenset("""station radio channel newspaper outlet magazine site website chaîne télévision journal
    emisora canal periódico diario revista sender zeitung""".split()) | ORGANISATION_WORDS


def _names_a_place_or_thing(name: str, text: str) -> bool:
    """The text sets the name after an article, a preposition of place or a medium, or it holds an acronym
    ("… FM")."""
    if any(word.isupper() and len(word) <= 3 for word in name.split()):
        return True
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)"
    for found in re.finditer(pattern, text):
        before = [word.casefold() for word in re.findall(r"[^\W\d_]+", text[:found.start()])[-2:]]
        if before and (before[-1] in _BEFORE_THINGS or _MEDIA & set(before)):
            return True
    return False


# The words before a place's name, in every sheet language (see SheetWords.place_prepositions).
_BEFORE_PLACE_AT = re.compile("(?<!\\w)(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.place_prepositions) + r")\s+", re.I)


def _place_runs(text: str) -> list[list[str]]:
    """The capitalised words right after each word for "in" ("in Santa Rosa de Lima" → Santa, Rosa, de, Lima): the
    names of places. A name in the possessive there ends the run: it is a person's ("in Marta Gómez's house")."""
    runs = []
    for found in _BEFORE_PLACE_AT.finditer(text):
        run = []
        for word in text[found.end():found.end() + 200].split()[:8]:
            bare = word.rstrip(".,;:!?)»”\"")
            if not bare or re.search(r"['’]s$", bare) or not (bare[:1].isupper() or bare in NAME_PARTICLES):
                break
            run.append(bare)
            if bare != word:
                break
        if run:
            runs.append(run)
    return runs


def _is_place(name: str, places: list[list[str]]) -> bool:
    """Whether the name stands among the words of a place's name (see _place_runs)."""
    wanted = name.split()
    return any(run[at:at + len(wanted)] == wanted for run in places for at in range(len(run)))


def _first_position(text: str, name: str) -> int:
    """Where the name first stands in the text, its words apart by any spaces or a line break; the text's
    length when it never stands there whole."""
    found = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", text)
    return found.start() if found else len(text)


def _folded_name(name: str) -> str:
    return " ".join(_folded(word) for word in NAME_WORD.findall(name))


def _first_named(summary: str, repeated: Counter, is_official) -> str | None:
    """The first name in the opening of the summary (two sentences) that the sheet repeats or gives an age."""
    opening = next((paragraph for paragraph in summary.split("\n\n") if len(paragraph.split()) > 12), "")
    opening = " ".join(re.split(r"(?<=[.!?])\s+(?=[A-Z])", opening)[:2])  # its first two sentences
    runs = _name_runs(opening)
    for index, run in enumerate(runs):
        # Named once, but with the age after the name, or who the person is and a further name joined to it.
        described = index + 1 < len(runs) and _DESCRIBED_THEN_JOINED.match(opening[run.end:runs[index + 1].start])
        given = bool(_AGE_AFTER.match(opening[run.end:]) or described)
        windows = [(repeated[window] + given, len(window.split()), window)
                   for window in run.windows() if not is_official(window)]
        windows = [window for window in windows if window[0] >= 2]
        if windows:
            return max(windows)[2]
    return None


def _joined_names(name: str, text: str, is_official) -> list[tuple[str, bool]]:
    """The names joined to `name` in the text: 'A and B', 'B et A', 'A, B y C'; each with whether the text says who
    the person before it is ("A, a mother of four, and B")."""
    runs = _name_runs(text)
    joined: list[str] = []
    described: set[str] = set()
    for index, run in enumerate(runs):
        if name not in run.name():
            continue
        for step in (-1, 1):
            position = index
            while 0 <= position + step < len(runs):
                first, second = sorted((runs[position], runs[position + step]), key=lambda r: r.start)
                other = runs[position + step]
                between = text[first.end:second.start]
                if not ((_JOINED.match(between) or _DESCRIBED_THEN_JOINED.match(between)) and len(other.words) >= 2
                        and other.name() not in (name, *joined) and not is_official(other.name())):
                    break
                joined.append(other.name())
                if _DESCRIBED_THEN_JOINED.match(between):
                    described.add(other.name())
                position += step
    return [(other, other in described) for other in joined]


class _Run:
    """Capitalised words in a row, with the particles between them ('Omar Suleiman al-Zoubi', 'de la')."""

    def __init__(self, start: int) -> None:
        self.words: list[tuple[str, bool]] = []  # (word, may start or end a name)
        self.starts: list[int] = []  # where each word starts in the text
        self.start = start
        self.end = start

    def add(self, word: str, whole: bool, start: int) -> None:
        self.words.append((word, whole))
        self.starts.append(start)

    def name(self) -> str:
        return " ".join(word for word, _ in self.words)

    def windows(self) -> list[str]:
        """The names it may hold: two to four of its words, starting and ending on a name word."""
        found = []
        for first, (_word, starts) in enumerate(self.words):
            if not starts:
                continue
            for last in range(first + 1, min(first + 6, len(self.words))):
                part = self.words[first:last + 1]
                named = [word for word, whole in part if whole]
                if part[-1][1] and 2 <= len(named) <= 4:
                    found.append(" ".join(word for word, _ in part))
        return found


def _may_be_name_word(word: str) -> bool:
    """A capitalised word that is no common word, institution or role; it may still name a country."""
    folded = word.casefold()
    return word[0].isupper() and folded not in _NOT_NAMES and not folded.endswith(_INSTITUTION_ENDINGS)


def _names_country(word: str) -> bool:
    """A three-letter word is a country's code only in capitals ("Ben" is not Benin)."""
    return len(word) > 3 and country_code(word) is not None


_COUNT_BEFORE = re.compile(r"(?:^|(?<=[\s(]))\d{1,3} $")


def _name_runs(text: str) -> list[_Run]:
    """Runs of capitalised words that could be a name ('Azat Isakov'); a name's words stand one space apart.

    A country's name is no person's ("Kenya", "Mauricio" is Mauritius in Spanish), unless two name words that
    name no country follow it: then it is a given name before a double surname ("Mauricio Alfaro Henríquez").
    Two names joined by "y" or "e" ("Mauricio Alfaro Henríquez y Ana Lucía Portillo Alfaro") are two runs. A word
    right after a number says what it counts ("zu 15 Jahren Haft") and starts no name."""
    runs: list[_Run] = []
    run: _Run | None = None
    end = 0
    found_words = []
    for match in NAME_WORD.finditer(text):
        word, start = re.sub(r"['’]s$", "", match.group(0)), match.start()  # "Gómez's house"
        if word[0].islower() and (elided := _ELIDED.match(word)) and word[elided.end()].isupper():
            word, start = word[elided.end():], start + elided.end()  # "qu'Idriss" → "Idriss"
            found_words.append((word, start, match.end(), True))
        else:
            found_words.append((word, start, match.end(), False))
    for index, (word, start, word_end, elided) in enumerate(found_words):
        folded = word.casefold()
        if elided or run is not None and text[end:start] not in (" ", "\n"):
            run = None
        # "zu 15 Jahren Haft": a capitalised word right after a count (a small number, not a year nor a UA number's
        # end) says what it counts; it is no name.
        counted = bool(_COUNT_BEFORE.search(text, max(0, start - 5), start))
        is_name = (_may_be_name_word(word) and not counted
                   and (not _names_country(word) or _given_name(found_words, index, text)))
        is_particle = run is not None and (folded in NAME_PARTICLES or folded.split("-")[0] in NAME_PARTICLES)
        if is_particle and not is_name:
            run.add(word, "-" in word and word.split("-")[-1][:1].isupper(), start)
        elif is_name:
            if run is None:
                run = _Run(start)
                runs.append(run)
            run.add(word, True, start)
        else:
            run = None
        if run is not None:
            run.end = start + len(word)
        end = word_end
    runs = [part for found in runs for part in _split_at_joins(found)]
    for found in runs:  # particles at the end belong to what follows ("Gómez de …")
        while found.words and not found.words[-1][1]:
            found.words.pop()
            found.starts.pop()
        if found.words:
            found.end = found.starts[-1] + len(found.words[-1][0])
    return [found for found in runs if found.words]


def _given_name(found_words: list, index: int, text: str) -> bool:
    """The word at `index` names a country but two name words naming none follow it, one space apart."""
    following = found_words[index + 1:index + 3]
    previous_end = found_words[index][2]
    for word, start, word_end, elided in following:
        if elided or text[previous_end:start] not in (" ", "\n") or not _may_be_name_word(word) or _names_country(word):
            return False
        previous_end = word_end
    return len(following) == 2


# Words that join two people's names inside a run of name words ("… Henríquez y Ana Lucía …").
_JOINING_PARTICLES = frozenset({"y", "e"})


def _split_at_joins(run: _Run) -> list[_Run]:
    """A run cut at "y" or "e" when at least two name words stand on each side; "José Ortega y Gasset" stays."""
    for index, (word, _whole) in enumerate(run.words):
        before = sum(whole for _, whole in run.words[:index])
        after = sum(whole for _, whole in run.words[index + 1:])
        if word.casefold() in _JOINING_PARTICLES and before >= 2 and after >= 2:
            first, second = _Run(run.start), _Run(run.starts[index + 1])
            for part, lo, hi in ((first, 0, index), (second, index + 1, len(run.words))):
                for (part_word, whole), start in zip(run.words[lo:hi], run.starts[lo:hi], strict=True):
                    part.add(part_word, whole, start)
            first.end = first.starts[-1] + len(first.words[-1][0])
            second.end = run.end
            return [first, *_split_at_joins(second)]
    return [run]


def _pronouns_from(text: str) -> str:
    counted = Counter(words(text))
    he, she = sum(counted[w] for w in _HE), sum(counted[w] for w in _SHE)
    return "he/him" if he and not she else "she/her" if she and not he else ""
