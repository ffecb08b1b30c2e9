"""Our own UA sheets in every layout sections send, scored fact by fact, and the scorer itself.

The sheets and their expected facts are in tests/fixtures/sheets (see its README.md). Each layout's score
may only go up: FLOORS holds what the importer recovered when the sheets were written, and the officials it
lost or merged then; raise them as the importer learns a layout.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from campaigns.importer import ImportedCampaign, ImportedPerson, ImportedTarget, parse_ua_text
from tests.sheet_scores import (FIXTURES, LAYOUTS, OFFICIAL_KEYS, LayoutScore, check_expected, fixture_names, layout_of,
                                layout_scores, load_expected, main, report, score, score_fixture, unfounded)

NAMES = fixture_names()

# Layout → (lowest share of facts recovered, rounded down, and most officials lost or merged), as measured
# on these sheets.
FLOORS = {
    "international": (1.0, 0),
    "US web page": (1.0, 0),
    "US PDF, two columns": (1.0, 0),
    "German": (1.0, 0),
    "French prose": (1.0, 0),
    "Spanish": (1.0, 0),
    "Irish / older Canadian": (1.0, 0),
    "updates": (1.0, 0),
}
LAYOUT_IDS = {layout: prefix for prefix, layout in reversed(LAYOUTS.items())}  # "ie" and "ca" → "ie"


def campaign_from(expected: dict) -> ImportedCampaign:
    """The parse a perfect importer would give: exactly the expected facts."""
    def official(entry: dict) -> ImportedTarget:
        return ImportedTarget(**{key: value for key, value in entry.items() if key != "kind"})
    is_update = expected.get("is_update", False)
    return ImportedCampaign(
        ua_number=expected.get("ua_number"), ordinal=expected.get("ordinal", None if is_update else 1),
        title=expected.get("title", ""), country=expected.get("country"),
        deadline=date.fromisoformat(expected["deadline"]) if expected.get("deadline") else None,
        preferred_languages=list(expected.get("preferred_languages", [])),
        people=[ImportedPerson(name) for name in expected.get("people", [])],
        demands=list(expected.get("demands", [])),
        targets=[official(entry) for entry in expected.get("officials", []) if entry["kind"] == "target"],
        copies=[official(entry) for entry in expected.get("officials", []) if entry["kind"] == "copy"])


# --- the sheets ----------------------------------------------------------------------------------

def test_every_layout_has_at_least_three_sheets_each_with_its_facts():
    expected_files = {path.name.removesuffix(".expected.json") for path in FIXTURES.glob("*.expected.json")}
    assert expected_files == set(NAMES)
    per_layout = {layout: [name for name in NAMES if layout_of(name) == layout] for layout in LAYOUTS.values()}
    assert {layout: len(names) >= 3 for layout, names in per_layout.items()} == dict.fromkeys(per_layout, True)


@pytest.mark.parametrize("name", NAMES)
def test_expected_facts_are_well_formed_and_found_in_the_sheet(name):
    """An expected value the sheet does not contain is a typo that would lower every score unfairly."""
    expected = load_expected(name)
    assert expected.get("ua_number") and expected.get("title") and expected.get("officials")
    assert unfounded(expected, (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("name", NAMES)
def test_a_perfect_parse_of_each_sheet_scores_every_fact(name):
    expected = load_expected(name)
    result = score(campaign_from(expected), expected, name)
    assert (result.matched, result.misses, result.lost, result.merged, result.extra, result.stray) == (
        result.total, [], [], [], [], [])
    assert result.officials_found == result.officials_expected == len(expected["officials"])


@pytest.mark.parametrize("layout", FLOORS, ids=[LAYOUT_IDS[layout] for layout in FLOORS])
def test_layout_score_never_falls(layout):
    floor, most_lost_or_merged = FLOORS[layout]
    result = layout_scores([name for name in NAMES if layout_of(name) == layout])[layout]
    _, _, lost, merged, _ = result.officials()
    assert result.matched / result.total >= floor, f"{layout}: {result.matched}/{result.total}"
    assert lost + merged <= most_lost_or_merged, f"{layout}: {lost} lost, {merged} merged"


# Columns of a PDF made of each sheet → (lowest share of facts the sheets keep when read back from it, rounded
# down, and most officials lost, merged or made up), as measured; the US PDF sheets, already text pasted from
# a PDF, aside. One column reads as the text; two wrap every line of a sheet into a column half as wide.
PDF_FLOORS = {1: (0.99, 0), 2: (0.96, 0)}


@pytest.mark.parametrize("columns", PDF_FLOORS)
def test_the_sheets_read_back_from_a_pdf_of_them_keep_their_facts(columns):
    floor, most_missing = PDF_FLOORS[columns]
    every = [sheet for layout in layout_scores(pdf_columns=columns).values() for sheet in layout.sheets]
    matched, total = sum(sheet.matched for sheet in every), sum(sheet.total for sheet in every)
    assert {sheet.layout for sheet in every} == set(LAYOUTS.values()) - {LAYOUTS["uspdf"]}
    assert matched / total >= floor, f"{columns} column(s): {matched}/{total}"
    missing = sum(len(sheet.lost) + len(sheet.merged) + len(sheet.extra) for sheet in every)
    assert missing <= most_missing and not any(sheet.crash for sheet in every)


def test_the_report_prints_every_layout_and_the_total(capsys):
    assert main([]) == 0
    table = capsys.readouterr().out
    for layout in LAYOUTS.values():
        assert f"\n{layout} " in table
    assert "\nall " in table


def test_the_verbose_report_names_what_each_sheet_missed(capsys):
    main(["-v", "uspdf_guatemala_judge"])
    assert "uspdf_guatemala_judge: " in capsys.readouterr().out
    # Only the first half of the sheet read: what the second half held is named as missed.
    name = "uspdf_guatemala_judge"
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    half = score(parse_ua_text(text[:len(text) // 2]), load_expected(name), name, layout_of(name))
    out = report({half.layout: LayoutScore(half.layout, [half])}, verbose=True)
    assert f"{name}: {half.matched}/{half.total}" in out and "\n  missed " in out and half.matched < half.total


# --- the scorer ----------------------------------------------------------------------------------

EXPECTED = {
    "ua_number": "UA 7/25", "is_update": False, "title": "Ruritania: Teacher detained", "country": "FR",
    "deadline": "2025-06-03", "preferred_languages": ["fr", "en"], "people": ["Anna Berg"],
    "demands": ["release Anna Berg immediately", "drop all charges"],
    "officials": [
        {"kind": "target", "title": "Minister of Justice", "honorific": "Mr", "name": "Paul Martin",
         "organisation": "Ministry of Justice", "address_lines": ["13 Place Vendôme"], "city": "Paris",
         "postcode": "75001", "country": "FR", "emails": ["minister@justice.example"], "fax": "+33 1 00 00 00 01",
         "salutation": "Dear Minister,"},
        {"kind": "copy", "title": "Ambassador", "name": "Marie Dubois", "organisation": "Embassy of France",
         "address_lines": ["58 Knightsbridge"], "city": "London", "postcode": "SW1X 7JT", "country": "GB",
         "emails": ["press@embassy.example"], "phone": "+44 20 0000 0002"},
    ],
}
TARGET_FACTS, COPY_FACTS = 12, 10  # kind plus each filled field, each address line and email


def test_a_perfect_parse_scores_100_percent():
    result = score(campaign_from(EXPECTED), EXPECTED)
    assert (result.matched, result.total, result.percent) == (result.total, 5 + 2 + 1 + 2 + 22, 100.0)
    assert (result.lost, result.merged, result.extra) == ([], [], [])


def test_case_spacing_and_punctuation_do_not_matter_but_words_do():
    parsed = campaign_from(EXPECTED)
    parsed.title = "RURITANIA  TEACHER DETAINED."
    parsed.ua_number = "UA 07/25"
    parsed.demands = ["Release Anna  Berg immediately;", "drop all charges; and"]
    parsed.targets[0].name, parsed.targets[0].salutation = "Paul MARTIN", "Dear Minister"
    parsed.targets[0].fax = "+33 (1) 00-00-00-01"
    parsed.targets[0].emails = ["Minister@Justice.example"]
    assert score(parsed, EXPECTED).misses == []

    parsed.demands = ["release Anna Berg immediately and unconditionally", "drop all charges"]
    parsed.targets[0].name = "Paul"
    parsed.targets[0].emails = ["ministers@justice.example"]
    parsed.targets[0].address_lines = ["13 Place Vendome"]
    parsed.people = [ImportedPerson("Anna Berg-Holm")]
    result = score(parsed, EXPECTED)
    assert result.matched == result.total - 5
    assert sorted(miss.split(" ", 1)[0] for miss in result.misses) == ["demands", "official", "official",
                                                                        "official", "people"]


def test_a_line_break_and_a_comma_separate_an_address_alike_but_parts_stay_whole():
    expected = copy.deepcopy(EXPECTED)
    expected["officials"][0]["address_lines"] = ["Bâtiment B, 13 Place Vendôme", "BP 12"]
    parsed = campaign_from(expected)
    parsed.targets[0].address_lines = ["Bâtiment B", "13 Place Vendôme, BP 12"]
    assert score(parsed, expected).misses == []
    parsed.targets[0].address_lines = ["Bâtiment B, 13 Place Vendôme, BP 12, 75001 Paris"]
    assert score(parsed, expected).misses == []  # the city and postcode are facts of their own
    parsed.targets[0].address_lines = ["Bâtiment B 13 Place Vendôme", "BP 12 bis"]
    assert score(parsed, expected).misses == ["official 'Paul Martin': address_lines='bâtiment b | 13 place vendôme'",
                                              "official 'Paul Martin': address_lines='bp 12'"]
    parsed.targets[0].address_lines = ["13 Place Vendôme", "Bâtiment B", "BP 12"]  # out of order
    assert score(parsed, expected).misses == ["official 'Paul Martin': address_lines='bâtiment b | 13 place vendôme'"]


def test_a_dropped_official_is_reported_lost_and_its_facts_missed():
    parsed = campaign_from(EXPECTED)
    parsed.copies = []
    result = score(parsed, EXPECTED)
    assert (result.lost, result.merged, result.extra) == (["Marie Dubois"], [], [])
    assert result.total - result.matched == COPY_FACTS
    assert (result.officials_found, result.officials_expected) == (1, 2)


def test_two_officials_parsed_as_one_are_reported_merged():
    parsed = campaign_from(EXPECTED)
    merged = copy.deepcopy(parsed.targets[0])
    merged.address_lines += ["Ambassador", "Marie Dubois", "Embassy of France", "58 Knightsbridge"]
    merged.emails += ["press@embassy.example"]
    parsed.targets, parsed.copies = [merged], []
    result = score(parsed, EXPECTED)
    assert result.merged == ["Marie Dubois into Paul Martin (parsed as 'Paul Martin')"]
    assert (result.lost, result.extra, result.officials_found) == ([], [], 1)
    assert result.total - result.matched == COPY_FACTS  # merged facts count for nobody


def test_officials_are_not_paired_by_what_they_share():
    """A parsed official holding only a city both expected officials could have is no one's partner."""
    expected = copy.deepcopy(EXPECTED)
    expected["officials"][1].update(city="Paris", postcode="75001", country="FR")
    parsed = campaign_from(expected)
    parsed.targets = [ImportedTarget(city="Paris", postcode="75001", country="FR")]
    parsed.copies = []
    result = score(parsed, expected)
    assert (result.lost, result.extra) == (["Paul Martin", "Marie Dubois"], ["(unnamed)"])


def test_pairing_is_the_best_overall_not_the_first_come():
    parsed = campaign_from(EXPECTED)
    target, embassy = parsed.targets[0], parsed.copies[0]
    parsed.targets, parsed.copies = [], [embassy, target]  # listed in the other order, both as copies
    result = score(parsed, EXPECTED)
    assert (result.lost, result.merged, result.extra) == ([], [], [])
    assert result.misses == ["official 'Paul Martin': kind='target'"]


def test_what_the_parser_invents_is_reported_stray_without_lowering_the_share():
    parsed = campaign_from(EXPECTED)
    parsed.people.insert(0, ImportedPerson("Urgent Action"))
    parsed.demands.append("Share this")
    parsed.demands.append("drop all charges")  # found twice, expected once
    result = score(parsed, EXPECTED)
    assert (result.matched, result.total) == (32, 32)
    assert result.stray == ["people 'Urgent Action'", "demands 'Share this'", "demands 'drop all charges'"]


def test_a_follow_up_and_its_ordinal_are_facts():
    expected = dict(EXPECTED, is_update=True, ordinal=3)
    parsed = campaign_from(expected)
    assert score(parsed, expected).misses == []
    parsed.ordinal = None  # "Further information": a follow-up, but not which one
    assert score(parsed, expected).misses == ["ordinal 3"]
    parsed.ordinal = 1
    assert score(parsed, expected).misses == ["is_update True", "ordinal 3"]


def test_what_the_sheet_does_not_give_is_no_fact():
    expected = {"ua_number": "UA 7/25", "deadline": None, "people": [],
                "officials": [{"kind": "copy", "organisation": "Embassy of France", "fax": ""}]}
    result = score(ImportedCampaign(ua_number="UA 7/25"), expected)
    assert (result.matched, result.total, result.lost) == (1, 3, ["Embassy of France"])


def test_a_typo_in_an_expected_file_is_an_error_not_a_lower_score():
    with pytest.raises(ValueError, match="unknown keys"):
        check_expected(dict(EXPECTED, deadlines="2025-06-03"))
    with pytest.raises(ValueError, match="unknown official keys"):
        check_expected(dict(EXPECTED, officials=[{"kind": "target", "email": "a@b.example"}]))
    with pytest.raises(ValueError, match="kind"):
        check_expected(dict(EXPECTED, officials=[{"kind": "primary"}]))
    assert "salutation" in OFFICIAL_KEYS


def test_unfounded_values_are_named():
    text = "Write to Minister of Justice Paul Martin, Email: minister@justice.example"
    expected = {"officials": [{"kind": "target", "title": "Minister of Justice", "name": "Paul Martinez",
                               "emails": ["minister@justice.example", "other@justice.example"]}]}
    assert unfounded(expected, text) == ["official 'Paul Martinez': 'Paul Martinez'",
                                         "official 'Paul Martinez': 'other@justice.example'"]


def test_a_value_across_a_pages_footer_or_a_broken_word_is_founded():
    text = ("Release the fishers and end their deten-\ntion;\n\nSection | 1 of 2\n\nURGENT ACTION\n"
            "and stop the dredging of the river.")
    expected = {"demands": ["Release the fishers and end their detention",
                            "and stop the dredging of the river"]}
    assert unfounded(expected, "URGENT ACTION\n" + text) == []
    assert unfounded({"demands": ["end their detention for good"]}, text) == [
        "demand 'end their detention for good'"]


def test_the_importer_is_what_is_scored():
    """The fixtures are scored through `parse_ua_text`, not a stored result."""
    name = "intl_belarus_union"
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    assert score_fixture(name).matched == score(parse_ua_text(text), load_expected(name)).matched
    broken = text.replace("Prosecutor General Aliaksandr HRYTSEVICH", "")
    assert score(parse_ua_text(broken), load_expected(name)).matched < score_fixture(name).matched


# --- another folder of sheets ---------------------------------------------------------------------

HOLDOUT = FIXTURES.parent / "holdout"
HOLDOUT_NAMES = fixture_names(HOLDOUT)


@dataclass(frozen=True)
class HoldOut:
    """A set of sheets written by someone who never read the importer, and the floor it is held to now.

    Each was measured before the importer learnt from it (the measures are in its README.md); a set that
    was then learnt from keeps what it taught, one still unseen is a guard that a change meant for one
    layout does not cost the others, never a target to tune to."""
    folder: str
    floor: float  # the share of facts it must keep
    taught: str  # what it taught, or why it is held where it is
    lost: int = 0  # officials it may still lose or add


HOLD_OUTS = [
    HoldOut("holdout", 1.0, "the first set, then learnt from"),
    HoldOut("holdout3", 0.99, "first measured at 91.7%, no official lost or merged"),
    HoldOut("holdout4", 0.99, "measured at 69.7% (138/198), three officials lost and one merged"),
    HoldOut("holdout5", 1.0, "measured at 78.4% (174/222), two officials lost and one merged: side-by-side targets "
            "under one heading, a French prose sentence with its languages and its demands, an envelope led by a "
            "name under a numbered step, a dateline, a salutation given in a sentence"),
    HoldOut("holdout6", 1.0, "measured at 78.4% (254/324), three lost and one merged: envelopes opened by a rank "
            "or a role before the name, wrapped value sentences, a one-line copy after \"And copies to:\", a "
            "repeated running head among the officials, a prose official's salutation after the sentence"),
    HoldOut("holdout7", 1.0, "measured at 77.8%, then 79.3% (275/347), five lost: asides in a prose sentence, "
            "copies asked for with a gerund or after \"Copie :\", two-part titles, interleaved envelopes below "
            "the instructions, Mexican city lines, salutations given per role in one sentence"),
    HoldOut("holdout8", 1.0, "measured twice at 92.1% (314/341): honorifics of several words and those of India "
            "and Myanmar, an office and its number on one line, the state before the country, a Dublin district "
            "and Eircode, German chairs, salutation sentences in other words, two people joined by \"y\", page "
            "footers without the word \"page\", words broken by the wrapping, a follow-up named after its number"),
    HoldOut("holdout9", 1.0, "measured at 83.3% (269/323), two lost and two extra: French prose officials with "
            "an email and no number, a section's letterhead after the copies, a capitals headline over two "
            "lines, a page break inside the letter, the country from the targets' addresses, Austrian headings "
            "and demands, \"Rt. Hon.\" and \"I. E. Frau\", Chilean and Canadian city lines"),
    HoldOut("holdout10", 0.99, "measured at 83.0%, then 83.6% (285/341), two lost: prose officials after any "
            "opening that speaks to the reader, a building as an address line, a two-column PDF under a heading "
            "across its columns, a web page's headline under its banner, ranks and excellencies as honorifics, "
            "languages named by their adjective, Argentine, Brazilian and Eswatini city lines"),
    HoldOut("holdout11", 0.99, "measured at 86.2% (287/333) three times as other sets were learnt, two lost: a "
            "prose official whose email is in the next sentence, two columns of uneven height inside a paragraph, "
            "a letter sentence asking '…; to …; and to …', highness titles, military ranks, a numbered post"),
    HoldOut("holdout12", 1.0, "measured at 90.1%, 91.0%, 91.3%, 91.3%, then 92.1% (327/355) as other sets were "
            "learnt, every official found, then learnt from: Malaysian honorifics and a rank after an excellency, a "
            "contact without its colon in a one-line address, regional month names ('Jänner'), a German "
            "introduction ending 'in denen Sie', a note in parentheses below an address, an ordinal before 'AU' "
            "alone, a model letter with no heading below the summary, a header line right above the headline, a "
            "prose role going on after a comma and a further official joined by 'ainsi qu'au', a post office box "
            "and its town on one line"),
    HoldOut("holdout13", 1.0, "measured at 90.2% (333/369), two officials lost, then learnt from: a father's name "
            "that is also a rank after 'bin', a prose instruction going on in a paragraph that opens with 'ainsi "
            "qu'au', a short demands heading without colon above one sentence a line, 'Caixa Postal', a country's "
            "formal name in a sheet language ('República de Panamá'), a city-state's name with its postcode"),
    HoldOut("holdout14", 0.97, "measured at 78.1% (300/384), five officials lost and two extra, then learnt from: "
            "a deadline sentence handing over to the officials below the letter's signature, adverbs of preference "
            "before the languages, a territory in parentheses after its country, city-states on the envelope, "
            "requests to the readers ending in a link, a call to act ending the background, French 'Copies à' in "
            "prose and a contact label ending a line, value sentences over three lines, German 'nach dem … keine "
            "Appelle mehr', a request to write above the list of demands"),
    HoldOut("holdout15", 0.98, "measured at 89.6% (327/365), then 89.9% (328/365) as other sets were learnt, every "
            "official found, four extra, then learnt from: an instruction naming the officials that introduces the "
            "demands, ranks cut short or hyphenated, 'Cllr.', Polish and Greek postcodes and a town with its zone, "
            "demands pasted one to a line far longer than the wrapped lines, a one-line copy wrapped in its street",
            lost=1),
    HoldOut("holdout16", 0.97, "measured at 84.9% (304/358), 86.3% (309/358) as other sets were learnt, one "
            "official lost, then learnt from: a private bag above its town, 'Salutations:', Palestine in Spanish and "
            "German, 'please also' and 'le insto a que,' before a letter's demand, a middle initial in a name, the "
            "person named first of names repeated as often, a letter's sentence between two that ask, an unquoted "
            "salutation in a sentence, a prose address ending in its country, 'Écrivez également', 'Courriels :'"),
    HoldOut("holdout17", 0.99, "measured at 90.7% (330/364) twice while unseen, one lost and one extra, then learnt "
            "from: a state's formal name starting 'Union', an office's name going on after a comma with 'des', prose "
            "contact lines below the sentence, 'TAKE ACTION:' before the demands' introduction, bare email lines "
            "under an email contact, a role's office in the possessive, 'Yang Berhormat Dato', 'The Most "
            "Honourable' and 'Dr the Hon.', a role, honorific and name on one line, a headless letter's closing "
            "below its demands, a deadline repeated in figures in parentheses, a diplomat's role and mission"),
    HoldOut("holdout18", 1.0, "measured at 93.0% (331/356), every official found, four extra, then learnt from: an "
            "instruction to readers wrapped onto a line in small letters, Japanese postcodes, a quoted salutation with "
            "its comma inside a prose sentence, 'Dans vos lettres :', a salutation after 'You may also write to the "
            "Ambassador', thanks and a page footer below the copies with no blank line, 'Representative' and "
            "'Encargado de Negocios' as roles, a finished sentence above a short demands heading, "
            "'HANDLUNGSANLEITUNG', a postage note under the contacts, a header parted by '·', the languages of a "
            "sentence wrapped onto the demands' introduction"),
    HoldOut("holdout19", 0.98, "still unseen: measured at 93.9% (340/362), then 96.4% (349/362) after the "
            "seventeenth and eighteenth were learnt, every official found, four extra; still 96.4% after the "
            "twentieth to twenty-fourth, three extra; 97.5% (353/362) after the twenty-sixth to twenty-eighth, "
            "98.1% (355/362) after the twenty-ninth", lost=3),
    HoldOut("holdout20", 1.0, "measured at 92.8% (333/359) on first sight, one official merged, then learnt from: "
            "a prose salutation ending its line in a comma, 'Commissaire' and 'Comisaria' as roles, Kosovo as XK, a "
            "headline in a sheet with no blank lines under its letterhead, a country after 'The', an instruction "
            "to write pointing to the sample letter, a colleague the summary and a demand both name, two people "
            "named once as 'A, a mother of four, and B'"),
    HoldOut("holdout21", 0.99, "measured at 92.0% (335/364) on first sight, every official found, one extra, then "
            "learnt from: a bare salutation line below an official's contacts, 'Contact:' alone, 'Parliament "
            "Buildings', te reo Māori, one German sentence asking to write and for each demand, Portuguese "
            "postcodes, a town named after a saint, letters after a name ('SC'), a country in a column beside the "
            "headline, case headers a line to each person, a place's name never a person, a heading above a value "
            "sentence, an island below its town, thanks and a footer after the demands"),
    HoldOut("holdout22", 0.99, "measured at 65.4% (233/356) on first sight, eight officials lost, two extra "
            "(written to vary as real sheets do), then learnt from: an aside with a date before a prose official, "
            "contact lines above the envelope they lead, the envelope above a model letter's salutation, a column's "
            "empty line parting its paragraphs, 'Bitte senden Sie Ihre Appelle an:', 'Envía también tu carta a:', "
            "one salutation per target on a line, quoted salutations among the demands, Australian and Portuguese "
            "city lines, post-nominals, a sentence wrapped below the copies, three demands listed after commas, "
            "a model letter under the demands' introduction, a dash parting a name from its office"),
    HoldOut("holdout23", 1.0, "measured at 81.6% (307/376) on first sight, three officials lost, three extra, "
            "then learnt from: envelopes below a model letter's closing (two PDF columns, one written as a sentence), "
            "lines below the officials that name no one (related links, a newsletter box, a postage note with "
            "decimal commas), a request to write in named languages above dashed demands, Central European "
            "degrees as honorifics, a copies' heading carried on above an envelope, small states' town lines "
            "(Iceland, Malta, 'St. George's', 'Grenada, W.I.'), 'UA-Nummer:', one salutation per official parted "
            "by slashes, councillors as roles, an office's list going on after a comma, a family name no person of its "
            "own, a country in its column before the title, a person joined with her age"),
    HoldOut("holdout24", 0.99, "measured at 83.7% (334/399) on first sight, three officials lost, three extra "
            "(written to vary as real sheets do), then learnt from: 'Veuillez envoyer vos appels au', a copies "
            "heading whose value is prose wrapped over its lines, a mission joined by 'et à l'Ambassade', 'Québec "
            "(Québec) G1A 1B4', 'Me' and 'directeur', French buildings, a contact between a name and its office, a "
            "role below the name naming an office, a banner above the footer, a note below the role, a one-line "
            "official with no number after 'Role:', a quarter before the town after a slash, 'UA-Nr.' after the "
            "banner, 'keine Appelle mehr nach dem', 'intervenir jusqu'au'"),
    HoldOut("holdout25", 0.93, "still unseen: measured at 90.0% (341/379) on first sight, every official found, "
            "two extra: written to vary as real sheets do; 90.2% (342/379) after the twenty-fourth was learnt; "
            "91.3% (346/379), one extra, after the twenty-sixth to twenty-eighth; 93.7% (355/379), none extra, "
            "after the thirty-fifth; 93.9% (356/379) after the thirty-ninth to forty-first"),
    HoldOut("holdout26", 1.0, "measured at 88.1% (319/362) on first sight, one official lost, one merged, one "
            "extra (written to vary as real sheets do), then learnt from: formal country names in each sheet "
            "language ('République populaire démocratique de Corée'), a line handing over to two interleaved PDF "
            "columns, a one-line official cut after a comma, Dutch postcodes, 'und an:', 'UA-214/26' in passing, "
            "'Cónsul' and 'Konsul', demands listed as items that open with the words that ask, a role and its "
            "office below the name ('Governor, HMP …'), a sender's address parted by a dot, case headers a line "
            "to each person beside the country"),
    HoldOut("holdout27", 0.98, "measured at 82.2% (290/353) on first sight, two officials lost, one extra (written "
            "to vary as real sheets do), then learnt from: two PDF columns whose right one a longer heading or a "
            "left line running past it pushes further right, the role said again before the name under its title, a "
            "banner above the model letter's heading, a short label before the request to write, 'Oberhaupt', an "
            "introduction wrapped with a long end above its list, 'Role, Office:' before a one-line official ending "
            "in a semicolon, 'His Excellency Sheikh', an email after 'or by email to' / 'ou par courriel à', 'avec "
            "une copie à', 'Je vous demande enfin de', 'What to ask for:', a whole role above an honorific and a "
            "name, 'Volksrepublik', a forwarded e-mail's header"),
    HoldOut("holdout28", 0.99, "measured at 88.1% (333/378) on first sight, two officials lost, four extra "
            "(written to vary as real sheets do), then learnt from: 'Merci d'écrire à', 'email to …@… with' "
            "wrapped in a readers' sentence, the running title without its country, a one-line copy wrapped "
            "before its town line, a post to share with a hashtag, 'Envíen también copia a', a title handing over "
            "to the name with its colon, 'And to:', 'HE Ms', 'not later than', a heading's role given in full "
            "below the name, 'eintreffen', 'First UA:' on an update, an office with its address run on, a "
            "salutation after a prose target and its copy"),
    HoldOut("holdout29", 0.98, "measured at 88.3% (348/394) on first sight, one official lost, one extra (written "
            "to vary as real sheets do), then learnt from: a rank of two grades ('Senior Lieutenant General') "
            "under an update's letter, a rule above the section's footer, a weekday before the deadline's date, a "
            "deadline sentence ending within a line or going on to its colon, 'C.P. 39000, City, State', "
            "'Comisionada' and 'Administrateur' as roles, a letter's unbulleted list going on after a semicolon, "
            "a procuratorate as an office, 'Chief Procurator X of the …', a salutation after an elided article, "
            "'et une copie à', a cover note to the members above the sheet, 'Chief Justice'"),
    HoldOut("holdout30", 0.95, "still unseen: measured at 95.2% (375/394) on first sight, every official found, "
            "none extra (written to vary as real sheets do); 95.4% (376/394) after the twenty-ninth was learnt"),
    HoldOut("holdout31", 0.90, "still unseen: measured at 90.8% (324/357) on first sight, every official found, one "
            "extra (written to vary as real sheets do)", lost=1),
    HoldOut("holdout32", 0.98, "measured at 87.9% (320/364) on first sight, one official merged, two extra "
            "(written to vary as real sheets do), then learnt from: a rank before a name in interleaved PDF columns, "
            "a model letter with no heading below the copies, a salutation in parentheses with no label, 'Ähnliche "
            "Aktionen', a one-line official cut inside its office's or street's name, 'Town, 01001', 'Central, "
            "Hong Kong', 'Toronto, Ontario M4W 1A4', a salutation label quoting it in a sentence, 'Hojjatoleslam', "
            "a family name two people share, a second title after the role, the concern on the UA line as the "
            "title, a government complex as a building"),
    HoldOut("holdout33", 0.99, "measured at 94.2% (358/380) on first sight, one official merged, one extra "
            "(written to vary as real sheets do), then learnt from: 'Dans vos courriers, "
            "rédigés en …', 'District, Lima 15001' where the postcode follows the town, a rank that names an "
            "office as the title when no other is given; in its US PDF two people named one after the other "
            "opening interleaved columns that fall out of step, a lone page number above the header printed "
            "again"),
    HoldOut("holdout34", 0.98, "measured at 88.2% (360/408) on first sight, one official merged "
            "(written to vary as real sheets do), then learnt from: German demands as "
            "polite commands ('Lassen Sie … frei') under any line, 'Kızılay/Ankara' with the province after "
            "the slash, 'Beirut 1106 2020', 'Richter' before a name, 'Name, Justizminister', police ranks by "
            "their initials ('CGP'), a salutation alone in parentheses, 'the third Urgent Action issued on the "
            "case'; in its US PDF a name after a title no list knows beside a person, columns side by side "
            "parted by two spaces where the left one fills its room"),
    HoldOut("holdout35", 0.98, "measured at 89.7% (338/377) on first sight, two officials lost (written to vary "
            "as real sheets do), then learnt from: an envelope right below a one-line sentence on a page pasted "
            "with no blank line, 'Defensora del Pueblo' as a role, a headline led by its country below the copies "
            "as no official, 'YB Dato' Sri', 'Minister in the …', an official in apposition after its article in "
            "a prose sentence, the sender's name, house and street on one letterhead line, 'und an die' before a "
            "copy's role, a NAME AND PRONOUN line said twice"),
    HoldOut("holdout36", 0.98, "still unseen: measured at 96.8% (363/375) on first sight, every official found, one "
            "extra (written to vary as real sheets do); 98.1% (368/375), one extra, after the thirty-ninth to "
            "forty-first were learnt", lost=1),
    HoldOut("holdout37", 1.0, "measured at 65.9% (245/372) on first sight, ten officials lost (written to vary as "
            "real sheets do), then learnt from: in its US PDF the officials right below the letter's closing with "
            "no blank line, 'Lao PDR'; an envelope right below a one-line heading in a sheet without blank lines, "
            "officials listed after '; and' on one line, 'Adm.', a street before its building kept whole, 'Écrivez "
            "… une lettre courtoise à', two lower-case titles after a name, a copy's salutation in its own "
            "parentheses, an official after '… send copies to:', a diplomat's rank alone as the title, a German "
            "request to write wrapped before 'IN DENEN SIE', 'AZ1005 Baku', 'und an', 'Exzellenz,', a day and "
            "month opening a wrapped line, a date or index line above the headline, a names' line wrapped, 's/o', "
            "the headline beside the UA number"),
    HoldOut("holdout38", 0.97, "measured at 86.4% (317/367) on first sight, two officials lost, one merged, two extra "
            "(written to vary as real sheets do), then learnt from: a copy after '; Chairperson, Mr …', 'You may "
            "also send a copy to:', two PDF columns one a title longer than the other; now 97.0% (356/367), two "
            "extra (rule lines before a page's footer) left", lost=2),
    HoldOut("holdout39", 1.0, "measured at 80.3% (310/386) on first sight, six officials lost (written to vary as "
            "real sheets do, leaning to careless pastes), then learnt from: interleaved envelopes right below a "
            "letter's closing in a PDF pasted with no blank line, the letterhead above 'Page 1 of 2', an office "
            "ending in 'Service' before the name, 'Empfänger*innen', 'Seite 1/2' and the running header below a "
            "footer, French prose with two targets and salutations given by place, 'délégué(e)', 'B.P.' alone, "
            "two officials side by side inside a paragraph, a rank before a courtesy title"),
    HoldOut("holdout40", 1.0, "measured at 64.9% (222/342) on first sight, nine officials lost (written to vary as "
            "real sheets do, leaning to officials in prose and model letters), then learnt from: German officials "
            "in prose ('Schreiben Sie … bis zum … an den georgischen …', 'reden Sie ihn mit „…“ an'), a copy later "
            "in a one-line paragraph, Spanish officials in prose below a model letter's closing, 'Then write to …', "
            "contacts given in words, salutations in one sentence matched by their titles, a copy whose address "
            "ends 'Washington, DC 20037', 'Appeals should also go to …', '… who should be addressed as …'"),
    HoldOut("holdout41", 1.0, "measured at 87.2% (313/359) on first sight, three officials lost, one extra (written "
            "to vary as real sheets do, leaning to older, plainer sheets), then learnt from: 'Send the letter to:', "
            "'With a copy to:', a heading right below two officials side by side, 'Telegramm:'/'Telegrams:' as "
            "contacts with nowhere to go, 'WOHIN SIE SCHREIBEN', a rank inside a name ('… Sultan Al …'), a person "
            "freed whom an update's letter names beside those still held"),
    HoldOut("holdout42", 0.98, "still unseen: measured at 98.7% (302/306) on first sight, every official found, none "
            "extra (written to vary as real sheets do, as a busy section's volunteer would)"),
    HoldOut("holdout43", 0.97, "still unseen: measured at 98.0% (341/348) on first sight, every official found, none "
            "extra (written to vary as real sheets do, as different sections' staff would over several years)"),
    HoldOut("holdout44", 0.99, "still unseen: measured at 99.1% (345/348) on first sight, every official found, none "
            "extra (written to vary as real sheets do, nothing in particular favoured)"),
    HoldOut("holdout45", 1.0, "measured at 93.5% (303/324) on first sight, one official merged (two interleaved US "
            "PDF columns), two extra (written to vary as real sheets do, nothing in particular favoured), then learnt "
            "from: 'WRITE TO:' and 'AND COPY:' stacked above two columns pasted line by line, the section's own "
            "contact below the copies, a role heading in capitals above an envelope that spells the role out, a "
            "delivery zone after the town ('Lilongwe 3'), a background heading right below a model letter's closing"),
    HoldOut("holdout46", 0.99, "still unseen: measured at 99.1% (332/335) on first sight, every official found, one "
            "extra (written to vary as real sheets do, nothing in particular favoured)", lost=1),
    HoldOut("holdout47", 0.99, "measured at 91.0% (283/311) on first sight, two officials lost (one French sentence "
            "naming both targets; written to vary as real sheets do, nothing in particular favoured), then learnt "
            "from: a deadline between the request to write and the first official, a short label before a request "
            "that introduces the demands, a street's house-number mark ('n.º 5500') taken for a region, a word "
            "after a small number ('zu 15 Jahren Haft') taken for a name"),
    HoldOut("holdout48", 0.96, "still unseen: measured at 96.5% (304/315) on first sight, every official found, two "
            "extra (written to vary as real sheets do, nothing in particular favoured)", lost=2),
    HoldOut("holdout49", 0.96, "still unseen: measured at 96.9% (315/325) on first sight, every official found, none "
            "extra (written to vary as real sheets do, nothing in particular favoured)"),
    HoldOut("holdout50", 0.99, "still unseen: measured at 99.4% (324/326) on first sight, every official found, none "
            "extra (written to vary as real sheets do, nothing in particular favoured)"),
    HoldOut("holdout51", 0.96, "still unseen: measured at 96.3% (316/328) on first sight, every official found, none "
            "extra (written to vary as real sheets do, nothing in particular favoured)"),
    HoldOut("holdout52", 0.96, "still unseen: measured at 96.9% (317/327) on first sight, every official found, one "
            "extra (written to vary as real sheets do, nothing in particular favoured)", lost=1),
    HoldOut("holdout53", 0.99, "measured at 93.4% (285/305) on first sight, two officials lost (one French sentence "
            "naming the target and the copy; written to vary as real sheets do, nothing in particular favoured), then "
            "learnt from: 'adresser vos appels à', a copy in its own sentence, an English possessive in a headline, "
            "a place named after a saint taken for a person"),
    HoldOut("holdout54", 1.0, "measured at 95.8% (316/330) on first sight, every official found, one extra (a web "
            "page's footer menu; written to vary as real sheets do, nothing in particular favoured), then learnt from: "
            "a row of links parted by bars, 'asking the authorities to do:', Bhutan's honorifics, a country line with "
            "its region, a long request pasted as one line, an envelope sharing another's town"),
    HoldOut("holdout55", 0.92, "still unseen: measured at 92.9% (288/310) on first sight, every official found, none "
            "extra (written to vary as real sheets do, nothing in particular favoured)"),
    HoldOut("holdout56", 0.98, "still unseen: measured at 98.4% (303/308) on first sight, every official found, one "
            "extra (written to vary as real sheets do, nothing in particular favoured)", lost=1),
]


def _hold_out_folder(hold_out: HoldOut) -> Path:
    return FIXTURES.parent / hold_out.folder


@pytest.mark.parametrize(("set_name", "name"), [(hold_out.folder, name) for hold_out in HOLD_OUTS
                                                for name in fixture_names(_hold_out_folder(hold_out))])
def test_hold_out_sheets_are_well_formed_and_a_perfect_parse_scores_every_fact(set_name, name):
    folder = FIXTURES.parent / set_name
    expected = load_expected(name, folder)
    assert expected.get("ua_number") and expected.get("title") and expected.get("officials")
    assert unfounded(expected, (folder / f"{name}.txt").read_text(encoding="utf-8")) == []
    result = score(campaign_from(expected), expected, name)
    assert (result.matched, result.lost, result.merged, result.extra, result.stray) == (result.total, [], [], [], [])


def test_the_report_scores_the_sheets_of_another_folder(capsys):
    assert HOLDOUT_NAMES and set(HOLDOUT_NAMES).isdisjoint(NAMES)
    main(["-v", "--folder", str(HOLDOUT)])
    out = capsys.readouterr().out
    assert all(f"\n{name}: " in out for name in HOLDOUT_NAMES) and not any(f"\n{name}: " in out for name in NAMES)
    main(["-v", f"--folder={HOLDOUT}", HOLDOUT_NAMES[0]])
    assert f"\n{HOLDOUT_NAMES[0]}: " in capsys.readouterr().out


def test_a_sheet_the_importer_raises_on_scores_as_an_empty_parse(monkeypatch):
    def broken(text):
        raise TypeError("broken")
    monkeypatch.setattr("tests.sheet_scores.parse_ua_text", broken)
    result = score_fixture(NAMES[0])
    assert result.crash == "TypeError: broken" and result.officials_found == 0 < result.officials_expected
    assert result.matched <= 1 < result.total  # at most "not an update", which an empty parse also says
    assert "the importer raised TypeError: broken" in report({result.layout: LayoutScore(result.layout, [result])},
                                                              verbose=True)


@pytest.mark.parametrize("hold_out", HOLD_OUTS, ids=[hold_out.folder for hold_out in HOLD_OUTS])
def test_each_hold_out_set_keeps_its_floor(hold_out):
    every = [sheet for layout in layout_scores(None, _hold_out_folder(hold_out)).values() for sheet in layout.sheets]
    matched, total = sum(sheet.matched for sheet in every), sum(sheet.total for sheet in every)
    assert matched / total >= hold_out.floor, f"{hold_out.folder}: {matched}/{total}; {hold_out.taught}"
    missing = sum(len(sheet.lost) + len(sheet.merged) + len(sheet.extra) for sheet in every)
    assert missing <= hold_out.lost and not any(sheet.crash for sheet in every), hold_out.folder
