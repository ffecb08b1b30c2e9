"""The people at risk: "NAME AND PRONOUN:" lines, the old layout's gender line, or the name the text repeats."""
from __future__ import annotations

import re
from collections import Counter

from campaigns.importer.names import ORGANISATION_WORDS, ROLE_WORDS, tidy_name
from campaigns.importer.result import ImportedCampaign, ImportedPerson
from campaigns.importer.text import NAME_WORD, column_length, words
from campaigns.importer.values import country_code
from models import PersonAtRisk

# Words that never start or continue a person's name when one is looked for in the text.
_NOT_NAMES = frozenset("""the a an on in at of to for from since after before during when while if this that these
    those his her their our we they he she it its amnesty international human rights please write release ensure
    free stop end drop dear mr ms mrs dr national security republic united nations police state federal federation
    ministry court prison january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()) | ROLE_WORDS | ORGANISATION_WORDS
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
        name = _LIST_SEPARATORS.sub(" ", f" {match['name']} ").strip()
        pronouns = re.sub(r"\s+", "", match["pronouns"])
        if not _PRONOUNS.match(pronouns) or len(pronouns) > column_length(PersonAtRisk, "pronouns"):
            leftovers.append(f"({match['pronouns']})")
            pronouns = ""
        people.append(ImportedPerson(tidy_name(name), pronouns))
    leftovers.append(value[position:])
    if not people:
        names = [piece.strip(" .") for piece in _LIST_SEPARATORS.split(value)]
        people = [ImportedPerson(tidy_name(name)) for name in names if name and name[0].isupper()]
        leftovers = [name for name in names if name and not name[0].isupper()]
    too_long = [person.name for person in people if len(person.name) > column_length(PersonAtRisk, "name")]
    people = [person for person in people if person.name and person.name not in too_long]
    return people, [piece for piece in leftovers + too_long if _LIST_SEPARATORS.sub("", piece).strip(" .")]


def pronouns_of_gender(value: str) -> str:
    """The old layout's "Gender m/f: f" → "she/her"."""
    return "she/her" if value.casefold().startswith("f") else "he/him"


def infer_person(result: ImportedCampaign) -> str | None:
    """No NAME AND PRONOUN line: the name the demands (or title) share with the summary, if any.

    Adds the person to the result and returns the note for the organiser, or None when no name stands out.
    """
    anchors = "\n".join([result.title, *result.demands])
    counts = Counter(_name_windows(f"{anchors}\n{result.summary}"))
    anchored = set(_name_windows(anchors)) if anchors.strip() else set(counts)
    candidates = [(count, len(name.split()), name) for name, count in counts.items()
                  if name in anchored and count >= 2 and len(name) <= column_length(PersonAtRisk, "name")]
    if not candidates:
        return None
    name = max(candidates)[2]
    pronouns = _pronouns_from(" ".join(result.demands)) or _pronouns_from(result.summary)
    result.people.append(ImportedPerson(name, pronouns))
    return (f"the sheet has no NAME AND PRONOUN line: the person at risk was taken to be {name}"
            + (f" ({pronouns})" if pronouns else "") + " from the text. Please check.")


def _name_windows(text: str) -> list[str]:
    """Runs of two or three capitalised words that could be a name ('Azat Isakov'), with repeats."""
    windows, run, end = [], [], 0
    for match in NAME_WORD.finditer(text):
        word = match.group(0)
        is_name_word = word[0].isupper() and word.casefold() not in _NOT_NAMES and country_code(word) is None
        if not is_name_word or text[end:match.start()] != " ":  # a name's words are one space apart
            run = []
        if is_name_word:
            run.append(word)
            windows += [" ".join(run[-size:]) for size in (2, 3) if len(run) >= size]
        end = match.end()
    return windows


def _pronouns_from(text: str) -> str:
    counted = Counter(words(text))
    he, she = sum(counted[w] for w in _HE), sum(counted[w] for w in _SHE)
    return "he/him" if he and not she else "she/her" if she and not he else ""
