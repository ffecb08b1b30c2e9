"""The sheet's model letter: its salutation, closing and signature lines, its language, and its text as a
template whose list of demands becomes {demands}."""
from __future__ import annotations

import re

from flask_babel import gettext as _

from campaigns.importer.headings import DEMANDS_INTRO
from campaigns.importer.prose import demands_after_commas
from campaigns.importer.values import sentences
from campaigns.importer.text import (BULLET, MAX_HEADING, Item, Line, Span, key, list_items, paragraphs, span_of,
                                     text_items, unwrap)
from letters.languages import sheet_languages

# A letter's salutation line: "Dear President,", "Your Excellency,", "Estimado Fiscal:", "Уважаемый …,".
_SALUTATION_LINE = re.compile("^(?:" + "|".join(pattern for row in sheet_languages() for pattern in row.salutations)
                              + r")\b[^.!?]{0,80}[,:!]?$", re.I)
# A letter's closing ("Yours sincerely,", "Atentamente,", "С уважением,") and the salutation or
# closing lines that tell a model letter's language: both from the table of languages.
_CLOSING = re.compile("^(?:" + "|".join(pattern for row in sheet_languages() for pattern in row.closings)
                      + r")\s*[,.]?$", re.I)
# What stands for the signature under a model letter: "[Your name]", "(name)", "{signature}", "Your name".
_SIGNATURE = re.compile(r"^[\[(<{]\s*(?:your\s+)?(?:full\s+)?(?:name|signature)(?:\s+and\s+address)?\s*[\])>}]$|"
                        r"^(?:your\s+)?(?:full\s+)?name$", re.I)
_LETTER_LANGUAGES = [(row.code, re.compile("^(?:" + "|".join(row.letter_starts) + ")", re.I))
                     for row in sheet_languages() if row.letter_starts]
# "I urge you to release her …", "Please release him …", "Je vous demande de …": for model letters whose
# demands are sentences rather than bullets; the demand runs to the end of its sentence.
_PROSE_DEMAND = re.compile(r"\b(?:" + "|".join(p for row in sheet_languages() for p in row.sheet_words.letter_asks)
                           + r")\s+(?P<demand>[^.!?:]{10,600}[.!?])", re.I)
# "…; to order …; and to ensure …": the next demand of the same sentence, after a semicolon and the small words
# that join demands in the sheet's languages (a comma is too weak a cut: it parts clauses of one demand too).
_NEXT_PROSE_DEMAND = re.compile(r"\s*;\s+(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.sentence_ask_joins) + ")", re.I)
# A demand has three words at least: a shorter piece is no demand of its own.
_MIN_DEMAND_WORDS = 3

# A model letter's text in order: paragraphs as text, lists as lists of items.
LetterBlocks = list[str | list[Item]]


def is_salutation(text: str) -> bool:
    return len(text) <= 100 and bool(_SALUTATION_LINE.match(key(text)))


def is_closing(text: str) -> bool:
    """A closing line; a formal one may run long ("Veuillez agréer, Monsieur le Procureur général, …")."""
    return len(text) <= 200 and bool(_CLOSING.match(key(text)))


def letter_language(line: str) -> str:
    """The language a salutation or closing line is written in ("Estimado Fiscal:" → "es"), or ""."""
    return next((code for code, pattern in _LETTER_LANGUAGES if pattern.match(line)), "")


def signature_lines(lines: list[Line]) -> int:
    """How many of the lines under the closing stand for the signature ("[Your name]"), at most two."""
    taken = 0
    while taken < min(2, len(lines)) and _SIGNATURE.match(key(lines[taken].text)):
        taken += 1
    return taken


def demand_text(text: str) -> str:
    """A list item as a demand: list punctuation off the end, a capital at the start."""
    text = text.strip().rstrip(";,").strip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def prose_demands(body: str) -> list[str]:
    """The demands of a letter that asks in sentences: "I urge you to release her immediately.". A sentence
    that asks in no words of its own between two that ask in the same paragraph ("I urge you to release him.
    Pending his release, ensure he sees a lawyer. I also call on you to …") is a demand as written."""
    demands: list[str] = []
    for paragraph in body.split("\n\n"):
        said = sentences(paragraph)
        asking = [_PROSE_DEMAND.search(sentence) is not None for sentence in said]
        for index, sentence in enumerate(said):
            if asking[index]:
                demands += [demand_text(demand) for match in _PROSE_DEMAND.finditer(sentence)
                            for demand in _one_by_one(match["demand"])]
            elif any(asking[:index]) and any(asking[index + 1:]) and len(sentence.split()) >= _MIN_DEMAND_WORDS:
                demands.append(demand_text(sentence))
    return demands


def _one_by_one(sentence: str) -> list[str]:
    """A sentence that asks for several things, each after a semicolon and the joining words ("I urge you to
    release him; to drop the charges; and to let him see his lawyer."), or each after a comma and those words
    when it opens with its verb (see prose.demands_after_commas), as its demands; else the sentence."""
    pieces = _NEXT_PROSE_DEMAND.split(sentence)
    if len(pieces) < 2 or any(len(piece.split()) < _MIN_DEMAND_WORDS for piece in pieces):
        # "…, to lift the bail conditions …, and to guarantee that …": after a comma, only when each next demand
        # opens with its verb.
        return demands_after_commas(sentence) or [sentence]
    return [piece.strip() for piece in pieces]


# A list item that the next one carries on: it ends with a semicolon or a comma, maybe with "and" after it in any
# sheet language ("… a lawyer; and").
LIST_GOES_ON = re.compile(r"[;,](?:\s*(?:" + "|".join(
    p for row in sheet_languages() for p in row.sheet_words.conjunctions) + r"))?\s*$", re.I)


def letter_blocks(lines: list[Line], notes: list[str], width: int | None = None) -> LetterBlocks:
    """The letter's paragraphs as text, and its lists as lists of items (consecutive lists as one). A list
    may go without bullets after the line that introduces the demands ("I urge you to:"): its items are cut
    where the text breaks (`width`: how wide the sheet wraps its lines, None when it never does)."""
    blocks: LetterBlocks = []
    introduced = False  # the paragraph before ended in the line that introduces the demands
    bare = False  # the last block is a list without bullets
    for paragraph in paragraphs(lines):
        bare, was_bare = False, bare
        first_item = next((i for i, line in enumerate(paragraph) if BULLET.match(line.text)), None)
        if first_item is None and was_bare and blocks[-1] and LIST_GOES_ON.search(blocks[-1][-1].text):
            # "… and quash his conviction;" / (a blank line) / "Pending his release, …": the list without bullets
            # goes on in the paragraphs below its item that ends as the next one carries it on.
            blocks[-1] += [Item(unwrap(item), span_of(item)) for item in text_items(paragraph, width)]
            bare = True
            continue
        if first_item is None and introduced:
            # "… I urge you to:" / (a blank line) / the demands, their bullets lost.
            blocks.append([Item(unwrap(item), span_of(item)) for item in text_items(paragraph, width)])
            introduced, bare = False, True
            continue
        introduced = _introduces_demands(paragraph[-1])
        if first_item is None:
            intro = next((i for i, line in enumerate(paragraph[:-1]) if _introduces_demands(line)), None)
            if intro is None and blocks and isinstance(blocks[-1], str) and _is_demands_intro(blocks[-1]) and len(
                    paragraph) > 1:
                # "I urge you to:", a blank line, then the demands one a line without bullets.
                blocks.append([Item(unwrap(item), span_of(item)) for item in text_items(paragraph, width)])
                bare = True
                continue
            if intro is None:
                blocks.append(safe_letter_text(unwrap(paragraph), notes))
                continue
            blocks.append(safe_letter_text(unwrap(paragraph[:intro + 1]), notes))
            blocks.append([Item(unwrap(item), span_of(item)) for item in text_items(paragraph[intro + 1:], width)])
            bare = True
            continue
        if first_item:
            blocks.append(safe_letter_text(unwrap(paragraph[:first_item]), notes))
        items, leftovers = list_items(paragraph[first_item:])
        if blocks and isinstance(blocks[-1], list) and not first_item:
            blocks[-1] += items
        else:
            blocks.append(items)
        blocks += [safe_letter_text(text, notes) for text in leftovers]
    return blocks


def asks(text: str) -> bool:
    """A letter's line that asks something of its reader: the demands' introduction ("Le pido que:") or a demand
    in a sentence ("I urge you to release her …")."""
    return _is_demands_intro(text) or _PROSE_DEMAND.search(text) is not None


def _introduces_demands(line: Line) -> bool:
    """'I urge you to:', 'Ich fordere Sie auf:': the line that introduces the letter's demands."""
    return _is_demands_intro(line.text)


def _is_demands_intro(text: str) -> bool:
    """A line or paragraph that introduces the demands and ends in its colon: "I therefore urge you to:"."""
    return text.endswith(":") and len(text) <= MAX_HEADING and DEMANDS_INTRO.search(key(text)) is not None


def letter_body(blocks: LetterBlocks, demands: list[str],
                notes: list[str]) -> tuple[str, list[str], list[Span] | None]:
    """The letter's text, and the demands: its first list becomes {demands} (and the demands) when the sheet
    has no other list of demands. Third, where the letter's demands were read (None when it took none)."""
    takes_demands = not demands
    spans: list[Span] | None = None
    body: list[str] = []
    for index, block in enumerate(blocks):
        previous = blocks[index - 1] if index else None
        if isinstance(block, str):
            body.append(block)
            continue
        if takes_demands:
            demands, spans = [demand_text(item.text) for item in block], [item.span for item in block]
            listed, takes_demands = "{demands}", False
        else:
            listed = "\n".join(f"• {safe_letter_text(item.text, notes)}" for item in block)
        # "I urge you to:" and its list stay one paragraph, as the letter layout expects.
        if isinstance(previous, str) and previous.endswith(":"):
            body[-1] += "\n" + listed
        else:
            body.append(listed)
    return "\n\n".join(body), demands, spans


def safe_letter_text(text: str, notes: list[str]) -> str:
    """Curly brackets of the sheet become round ones: nothing the sheet says may act as a placeholder."""
    if "{" not in text and "}" not in text:
        return text
    note = _("curly brackets in the model letter were made round, so that they cannot act as placeholders.")
    if note not in notes:
        notes.append(note)
    return text.replace("{", "(").replace("}", ")")
