"""The text of a UA sheet turned into a campaign draft: a pure parser, then one function that adds the draft.

`parse_ua_text` reads the national layout (seed 004: title, summary, "urging him to:" bullets,
"Write to:", "And copy", "Additional Information:") and the international one (header line, "TAKE
ACTION … MODEL LETTER", "PREFERRED LANGUAGE TO ADDRESS TARGET:", "PLEASE TAKE ACTION … UNTIL:", "NAME AND
PRONOUN:", "LINK TO PREVIOUS UA:"), and values as sections write them in English, Spanish, French and
German. It works line by line: headings switch sections, each section has its own reader, and every line
ends up in a parsed field, in `recognised` (headings, instructions to the sheet's readers, values turned
into codes or dates) or in `unplaced`, so nothing of the sheet is silently dropped. Each placed value
also says which lines it was read from (`sources`). The text is data only: it is never rendered as a
template, run or evaluated.

Where to look:
    documents.py  the sheet as a file or a pasted web page turned into plain text: a PDF's columns in
                  reading order, page furniture and a web page's menus and banners left out
    result.py     what the parser returns (ImportedCampaign and its parts)
    text.py       the text as read: normalised, cut into numbered lines and paragraphs, list items, words
    headings.py   the headings of every sheet language, and the parts (Section, Part) they start
    sections.py   the sheet cut into parts at its headings, columns set side by side unfolded
    prose.py      instructions written as prose: officials named in one sentence, demands asked in one
    values.py     single values: UA numbers, dates, countries, languages, email addresses, links, and the
                  sentences that give a deadline or the languages to write in
    names.py      names of people and offices, and re-casing words written in capitals
    officials.py  targets and copies: a section cut into one block per official, two PDF columns read
                  apart, prose among the officials left out, an envelope standing without a heading
    contacts.py   an official's contact lines ("Email: …", "Fax: …", "Salutation: …") in every language
    envelopes.py  one official's envelope: honorific, name, title, office, street, city line, country
    places.py     the country of an address with no country line, from its town and postcode
    people.py     the people at risk
    letter.py     the model letter, which becomes the draft's letter template
    reader.py     parse_ua_text: the parts read in the sheet's order, then the parse finished
    draft.py      create_draft_from_import: the parse added as a draft campaign (the only part that writes)

The words of each language a sheet may be written in (salutations, closings, ordinals, "update",
"until", "write in", the headings that introduce officials and copies, the lines and letter sentences that
introduce demands, the sentences that ask for every demand after one small word or up to each one's verb,
datelines, contact labels, honorifics) are in the language table, letters/languages.py; the shape of an
official is campaigns/officials.py, shared with the editor.
"""
from campaigns.importer.draft import create_draft_from_import
from campaigns.importer.contacts import LABEL_WORDS
from campaigns.importer.reader import parse_ua_text
from campaigns.importer.result import ImportedCampaign, ImportedPerson, ImportedTarget, ImportedTemplate
from campaigns.importer.text import normalise_text, sources_in
from campaigns.importer.values import country_code, read_date

__all__ = ["LABEL_WORDS", "ImportedCampaign", "ImportedPerson", "ImportedTarget",
           "ImportedTemplate", "country_code", "create_draft_from_import", "normalise_text", "parse_ua_text",
           "read_date", "sources_in"]
