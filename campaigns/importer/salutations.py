"""Salutations given in one sentence for several officials, each after the role it is for: 'Please begin letters
to the Minister "Your Excellency" and letters to the President of the Commission "Dear Dr al-Harbi".'"""
from __future__ import annotations

import re

from campaigns.importer.letter import is_salutation
from campaigns.importer.names import is_role_word
from campaigns.importer.text import words
from campaigns.officials import Official

_QUOTED = re.compile(r"[\"“„«]\s*(?P<value>[^\"”“»]{1,100}?)\s*[\"”“»]")


def gives_salutations(text: str) -> bool:
    """'Please address your appeals to the Premier beginning "Dear Premier", and to the Attorney-General beginning
    "Dear Attorney-General".': a sentence that quotes two salutations or more and nothing else, wherever it stands
    (before the officials it is for, it is read once they are: see salutations_by_role)."""
    quoted = [match["value"] for match in _QUOTED.finditer(text)]
    return len(quoted) >= 2 and all(is_salutation(value.rstrip(",")) for value in quoted)


def salutations_by_role(text: str, officials: list[Official]) -> list[tuple[Official, str]]:
    """Each quoted salutation of the sentence with the official whose title holds a role the words before it
    name; nothing unless the sentence gives two salutations or more and each goes to a different official
    with none of their own yet."""
    found, start = [], 0
    for quoted in _QUOTED.finditer(text):
        before = text[start:quoted.start()]
        roles = {word.casefold() for word in words(before) if is_role_word(word)}
        start = quoted.end()
        fitting = [official for official in officials
                   if roles & {word.casefold() for word in words(official.title)}]
        if len(fitting) > 1:
            fitting = _closest_titles(before, fitting)
        if len(fitting) != 1 or fitting[0].salutation:
            return []
        found.append((fitting[0], quoted["value"]))
    if len(found) < 2 or len({id(official) for official, _ in found}) < len(found):
        return []
    return found


def _closest_titles(named: str, officials: list[Official]) -> list[Official]:
    """'Address the Union Home Minister as "…" and the Chief Minister as "…"': of the officials whose titles hold the
    role a phrase names, those whose titles share the most of its capitalised words ("Union", "Home", "Chief")."""
    capitalised = {word.casefold() for word in re.findall(r"[^\W\d_]+", named) if word[:1].isupper()}
    shared = [len(capitalised & {word.casefold() for word in words(official.title)}) for official in officials]
    return [official for official, count in zip(officials, shared, strict=True) if count == max(shared)]


def salutations_by_title(value: str, officials: list[Official]) -> list[tuple[Official, str]]:
    """'Monsieur le Ministre, / Monsieur le Procureur général,' below two officials: one salutation per official,
    each given to the one whose title holds the role it names; nothing unless the line gives as many salutations
    as there are officials (two or more) and each names the role of a different one (several languages for one
    official, "Sayın Bakan / Dear Minister", name the same role)."""
    pieces = [piece.strip().rstrip(",").strip() for piece in value.split(" / ")]
    if len(pieces) < 2 or len(pieces) != len(officials):
        return []
    found = []
    for piece in pieces:
        roles = {word for word in _unelided(piece) if is_role_word(word)}
        fitting = [official for official in officials if roles & set(_unelided(official.title))]
        if len(fitting) != 1:
            return []
        found.append((fitting[0], piece))
    return found if len({id(official) for official, _ in found}) == len(found) else []


def _unelided(text: str) -> list[str]:
    """The words of the text in lower case, each without the elided article before it ("l'Administrateur" →
    "administrateur")."""
    return [re.split(r"['’]", word)[-1].casefold() for word in words(text)]
