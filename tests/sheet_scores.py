"""How much of a UA sheet the importer recovers, fact by fact, against what a careful organiser would enter.

The sheets under tests/fixtures/sheets are our own invented cases in the layouts sections really send; each
`<name>.txt` has a `<name>.expected.json` (schema in that folder's README.md). A fact is:
- each scalar the sheet gives: UA number, whether it is an update, its ordinal (when the sheet says
  which), title, country, deadline;
- each item of a list: a preferred language, a person at risk, a demand;
- for each official, each field the expected file fills: kind (target or copy), title, honorific, name,
  organisation, region, city, postcode, country, fax, phone, salutation, and each address line and email.
A field the sheet does not give (empty or null) is no fact: a parse is not rewarded for leaving it empty.

Officials are paired with what the importer found by their distinctive facts (those no other official of
the sheet shares, so a shared city or country never pairs anything), best total first. An expected
official no parsed official holds a distinctive fact of is *lost*; one whose facts went mostly into an
official paired with someone else is *merged*; parsed officials paired with nobody are *extra*. People,
demands and languages the parser found that are not expected are *stray*: reported, not subtracted, so the
percentage stays the share of the organiser's facts recovered.

Values are compared after sensible normalisation and no further: text ignores case, punctuation and runs
of spaces (accents count), numbers compare by digits, emails by case-folded address. A demand must be
the same words, not a sentence that contains them.

`python -m tests.sheet_scores` prints a table per layout; `-v` adds what each sheet missed;
`--folder tests/fixtures/holdout` scores the sheets of another folder laid out the same way; `--pdf 2` scores
each sheet as read back from a two-column PDF of it (`--pdf 1`, one column).
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from campaigns.importer import ImportedCampaign, ImportedTarget, parse_ua_text
from models.campaign import normalise_ua_number

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sheets"

# The file name's prefix → the layout it is written in.
LAYOUTS = {"intl": "international", "usweb": "US web page", "uspdf": "US PDF, two columns",
           "de": "German", "fr": "French prose", "es": "Spanish", "ie": "Irish / older Canadian",
           "ca": "Irish / older Canadian", "update": "updates"}

SCALARS = ("ua_number", "is_update", "ordinal", "title", "country", "deadline")
LISTS = ("preferred_languages", "people", "demands")
OFFICIAL_TEXT = ("title", "honorific", "name", "organisation", "region", "city", "postcode", "salutation")
OFFICIAL_NUMBERS = ("fax", "phone")
OFFICIAL_LISTS = ("address_lines", "emails")
OFFICIAL_KEYS = frozenset(("kind", "country") + OFFICIAL_TEXT + OFFICIAL_NUMBERS + OFFICIAL_LISTS)
SHEET_KEYS = frozenset(SCALARS + LISTS + ("officials",))


# --- normalising values ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
# Words that join the items of a list, left at the end of a demand by the sheet ("…; and").
_TRAILING_JOINS = re.compile(r"(?:\s+(?:and|or|y|o|et|ou|und|oder))+$")


def text_key(value: str) -> str:
    """Text as compared: case, punctuation and spacing ignored; letters (with accents) and digits kept."""
    value = unicodedata.normalize("NFKC", value or "").translate(_QUOTES).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", value).split())


def demand_key(value: str) -> str:
    return _TRAILING_JOINS.sub("", text_key(value))


def digits_key(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def email_key(value: str) -> str:
    value = (value or "").strip().strip("<>.,;").casefold()
    return value.removeprefix("mailto:")


def ua_key(value: str | None) -> str:
    try:
        return normalise_ua_number(value or "")
    except ValueError:
        return (value or "").strip()


# --- the facts of one official --------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    field: str
    key: str  # the normalised value

    def __str__(self) -> str:
        return f"{self.field}={self.key!r}"


def address_key(line: str) -> str:
    """An address line as its comma-separated parts, each as text is compared, joined by " | "."""
    return " | ".join(part for part in (text_key(piece) for piece in line.split(",")) if part)


def official_facts(official: dict) -> list[Fact]:
    """The facts an expected official holds, kind first, in a fixed order."""
    facts = [Fact("kind", official["kind"])]
    for name in OFFICIAL_TEXT:
        if official.get(name):
            facts.append(Fact(name, text_key(official[name])))
    if official.get("country"):
        facts.append(Fact("country", official["country"].upper()))
    for name in OFFICIAL_NUMBERS:
        if official.get(name):
            facts.append(Fact(name, digits_key(official[name])))
    facts += [Fact("address_lines", address_key(line)) for line in official.get("address_lines", [])]
    facts += [Fact("emails", email_key(email)) for email in official.get("emails", [])]
    return facts


@dataclass
class Held:
    """What a parsed official holds: its facts (a multiset), and its address as one run of parts.

    A line break and a comma separate the same parts of an envelope, so "27 Clyde Road, Ballsbridge" is
    found in the lines "27 Clyde Road" + "Ballsbridge" and the other way round; a part must still be whole.
    """

    facts: Counter[Fact]
    address_parts: list[str]


def parsed_facts(target: ImportedTarget, kind: str) -> Held:
    held: Counter[Fact] = Counter([Fact("kind", kind)])
    for name in OFFICIAL_TEXT:
        if value := text_key(getattr(target, name)):
            held[Fact(name, value)] += 1
    if target.country:
        held[Fact("country", target.country.upper())] += 1
    for name in OFFICIAL_NUMBERS:
        if value := digits_key(getattr(target, name)):
            held[Fact(name, value)] += 1
    held.update(Fact("emails", email_key(email)) for email in target.emails)
    parts = [part for line in target.address_lines for part in address_key(line).split(" | ") if part]
    return Held(held, parts)


def matched(facts: list[Fact], held: Held) -> list[bool]:
    """Which of the facts the parsed official holds, each held fact (each address part) used once."""
    left, free, found = Counter(held.facts), [True] * len(held.address_parts), []
    for fact in facts:
        if fact.field == "address_lines":
            found.append(_take_run(fact.key.split(" | "), held.address_parts, free))
        else:
            found.append(left[fact] > 0)
            left[fact] -= 1
    return found


def _take_run(wanted: list[str], parts: list[str], free: list[bool]) -> bool:
    """Find the wanted parts as consecutive unused parts of the address, and use them."""
    size = len(wanted)
    for start in range(len(parts) - size + 1):
        if parts[start:start + size] == wanted and all(free[start:start + size]):
            free[start:start + size] = [False] * size
            return True
    return False


def official_label(official: dict) -> str:
    return official.get("name") or official.get("title") or official.get("organisation") or "(unnamed)"


def target_label(target: ImportedTarget) -> str:
    return target.name or target.title or target.organisation or "(unnamed)"


# --- scores ---------------------------------------------------------------------------------------

@dataclass
class SheetScore:
    name: str
    layout: str
    matched: int = 0
    total: int = 0
    officials_expected: int = 0
    officials_found: int = 0  # paired with a parsed official
    lost: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # "A into B's official (parsed as X)"
    extra: list[str] = field(default_factory=list)   # parsed officials paired with nobody
    stray: list[str] = field(default_factory=list)   # parsed people, demands, languages the sheet has not
    misses: list[str] = field(default_factory=list)
    crash: str = ""  # the importer raised on this sheet: scored as if it had found nothing

    def count(self, what: str, ok: bool) -> None:
        self.total += 1
        self.matched += ok
        if not ok:
            self.misses.append(what)

    @property
    def percent(self) -> float:
        return 100.0 * self.matched / self.total if self.total else 100.0


def layout_of(name: str) -> str:
    prefix = name.split("_", 1)[0]
    if prefix not in LAYOUTS:
        raise ValueError(f"{name}: the name must start with one of {', '.join(LAYOUTS)} and an underscore")
    return LAYOUTS[prefix]


def check_expected(expected: dict, name: str = "") -> None:
    """Unknown keys and wrong shapes are errors, so a typo in an expected file cannot go uncounted."""
    if unknown := set(expected) - SHEET_KEYS:
        raise ValueError(f"{name}: unknown keys {sorted(unknown)}")
    for key in LISTS + ("officials",):
        if not isinstance(expected.get(key, []), list):
            raise ValueError(f"{name}: {key} must be a list")
    for official in expected.get("officials", []):
        if unknown := set(official) - OFFICIAL_KEYS:
            raise ValueError(f"{name}: unknown official keys {sorted(unknown)}")
        if official.get("kind") not in ("target", "copy"):
            raise ValueError(f"{name}: an official's kind is 'target' or 'copy', not {official.get('kind')!r}")
        for key in OFFICIAL_LISTS:
            if not isinstance(official.get(key, []), list):
                raise ValueError(f"{name}: an official's {key} must be a list")


def score(imported: ImportedCampaign, expected: dict, name: str = "", layout: str = "") -> SheetScore:
    """Count the expected facts the parse holds, and say which officials were lost, merged or invented."""
    check_expected(expected, name)
    result = SheetScore(name, layout)
    _score_scalars(imported, expected, result)
    _score_lists(imported, expected, result)
    _score_officials(imported, expected.get("officials", []), result)
    return result


def _score_scalars(imported: ImportedCampaign, expected: dict, result: SheetScore) -> None:
    if expected.get("ua_number"):
        result.count(f"ua_number {expected['ua_number']!r}",
                     ua_key(imported.ua_number) == ua_key(expected["ua_number"]))
    if expected.get("is_update") is not None:
        result.count(f"is_update {expected['is_update']}", imported.is_follow_up == expected["is_update"])
    if "ordinal" in expected:
        result.count(f"ordinal {expected['ordinal']}", imported.ordinal == expected["ordinal"])
    if expected.get("title"):
        result.count(f"title {expected['title']!r}", text_key(imported.title) == text_key(expected["title"]))
    if expected.get("country"):
        result.count(f"country {expected['country']}", (imported.country or "") == expected["country"].upper())
    if expected.get("deadline"):
        parsed = imported.deadline.isoformat() if imported.deadline else ""
        result.count(f"deadline {expected['deadline']}", parsed == expected["deadline"])


def _score_lists(imported: ImportedCampaign, expected: dict, result: SheetScore) -> None:
    parsed = {"preferred_languages": list(imported.preferred_languages),
              "people": [person.name for person in imported.people], "demands": list(imported.demands)}
    keys = {"preferred_languages": str.casefold, "people": text_key, "demands": demand_key}
    for name in LISTS:
        key = keys[name]
        left = Counter(key(item) for item in parsed[name])
        for item in expected.get(name, []):
            result.count(f"{name} {item[:60]!r}", left[key(item)] > 0)
            left[key(item)] -= 1
        stray = []
        for item in reversed(parsed[name]):  # of two equal items, the later one is the stray
            if left[key(item)] > 0:  # found by the parser, expected by no one: "Urgent Action" as a person
                stray.append(f"{name} {item[:60]!r}")
                left[key(item)] -= 1
        result.stray += reversed(stray)


def _score_officials(imported: ImportedCampaign, officials: list[dict], result: SheetScore) -> None:
    parsed = [(target, parsed_facts(target, "target")) for target in imported.targets]
    parsed += [(copy, parsed_facts(copy, "copy")) for copy in imported.copies]
    facts = [official_facts(official) for official in officials]
    distinctive = _distinctive(facts)
    pairs = _pair(distinctive, [held for _, held in parsed], facts)
    result.officials_expected = len(officials)
    result.officials_found = sum(partner is not None for partner in pairs)
    for index, (official, official_facts_) in enumerate(zip(officials, facts, strict=True)):
        partner = pairs[index]
        found = matched(official_facts_, parsed[partner][1]) if partner is not None else [False] * len(official_facts_)
        label = official_label(official)
        for fact, ok in zip(official_facts_, found, strict=True):
            result.count(f"official {label!r}: {fact}", ok)
        if partner is None or sum(matched(distinctive[index], parsed[partner][1])) < len(distinctive[index]):
            if (into := _merged_into(index, partner, distinctive, parsed, pairs)) is not None:
                other = pairs.index(into)
                result.merged.append(f"{label} into {official_label(officials[other])} "
                                     f"(parsed as {target_label(parsed[into][0])!r})")
                continue
        if partner is None:
            result.lost.append(label)
    paired = set(pairs)
    result.extra = [target_label(target) for number, (target, _) in enumerate(parsed) if number not in paired]


def _distinctive(facts: list[list[Fact]]) -> list[list[Fact]]:
    """Each official's facts that no other official of the sheet shares (all of them, kind aside, if none is)."""
    shared: Counter[Fact] = Counter()
    for own in facts:
        shared.update(set(own))
    result = []
    for own in facts:
        unique = [fact for fact in own if fact.field != "kind" and shared[fact] == 1]
        result.append(unique or [fact for fact in own if fact.field != "kind"])
    return result


def _pair(distinctive: list[list[Fact]], held: list[Held], facts: list[list[Fact]]) -> list[int | None]:
    """Expected official → the parsed official paired with it, maximising distinctive facts held, then all facts.

    A pair needs at least one distinctive fact. Dynamic programming over the subsets of expected officials
    (a sheet has a handful), so the pairing is the best one, not a greedy guess.
    """
    count = len(distinctive)
    weight = [[(sum(matched(distinctive[e], h)) * 1000 + sum(matched(facts[e], h))
                if any(matched(distinctive[e], h)) else 0) for h in held] for e in range(count)]
    # best[mask] = (score, pairs) using parsed officials seen so far, expected officials in mask paired.
    best: dict[int, tuple[int, tuple[int | None, ...]]] = {0: (0, (None,) * count)}
    for p in range(len(held)):
        step = dict(best)
        for mask, (total, pairs) in best.items():
            for e in range(count):
                if mask & (1 << e) or not weight[e][p]:
                    continue
                candidate = (total + weight[e][p], pairs[:e] + (p,) + pairs[e + 1:])
                if candidate[0] > step.get(mask | (1 << e), (-1,))[0]:
                    step[mask | (1 << e)] = candidate
        best = step
    return list(max(best.values(), key=lambda entry: entry[0])[1])


def _merged_into(index: int, partner: int | None, distinctive: list[list[Fact]],
                 parsed: list[tuple[ImportedTarget, Held]], pairs: list[int | None]) -> int | None:
    """The parsed official paired with another expected one that holds more of this one's own facts than
    its partner does (at least two, or all if it has fewer): two officials read as one."""
    own = distinctive[index]
    needed = min(2, len(own))
    kept = sum(matched(own, parsed[partner][1])) if partner is not None else 0
    best, best_count = None, max(kept, needed - 1)
    for other, p in enumerate(pairs):
        if other == index or p is None:
            continue
        count = sum(matched(own, parsed[p][1]))
        if count > best_count:
            best, best_count = p, count
    return best


# --- the fixtures ---------------------------------------------------------------------------------

def fixture_names(folder: Path = FIXTURES) -> list[str]:
    return sorted(path.name.removesuffix(".txt") for path in folder.glob("*.txt"))


def load_expected(name: str, folder: Path = FIXTURES) -> dict:
    expected = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    check_expected(expected, name)
    return expected


# A page's footer as text pasted from a PDF keeps it: "… | PAGE 1 OF 2", "… | 1 of 2".
_PAGE_FOOTER = re.compile(r"(?:\bpage|\|)\s+\d+\s+of\s+\d+\s*$", re.I)
# A word the sheet's wrapping broke at a line's end ("protec-" / "tion"), as an organiser writes it whole.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_A-Z])")


def _without_page_breaks(text: str) -> str:
    """The text without each page's footer and the sheet's opening lines printed again under it: a sentence
    the page break cut is whole again."""
    lines = [line.strip() for line in text.splitlines()]
    opening = {line for line in lines[:6] if line}
    kept, skipping = [], False
    for line in lines:
        skipping = bool(_PAGE_FOOTER.search(line)) or skipping and (not line or line in opening)
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


def _columns_apart(text: str) -> str:
    """The text with each paragraph set in two columns (a run of three spaces or more between them) read one column
    after the other: a value a narrow column wraps over two lines is whole again."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text):
        left, right = [], []
        for line in paragraph.splitlines():
            pieces = re.split(r"(?<=\S) {3,}(?=\S)", line.strip(), maxsplit=1)
            left.append(pieces[0])
            right += pieces[1:]
        paragraphs.append("\n".join(left + right))
    return "\n\n".join(paragraphs)


def unfounded(expected: dict, text: str) -> list[str]:
    """Expected values the sheet's text does not contain: a typo in an expected file, not a parser's miss.

    Text must appear word for word (as compared), numbers and emails as written; codes and dates, which the
    sheet writes otherwise, are not looked for; each language of a salutation is looked for apart. A value may run
    down a column set beside another, across a page break ("… | PAGE 1 OF 2" and the page's head again between its
    words), and a word across a line's end its wrapping broke ("protec-" / "tion")."""
    unbroken = _BROKEN_WORD.sub("", _without_page_breaks(text))
    words = (f" {text_key(text)} {text_key(_without_page_breaks(text))} {text_key(unbroken)} "
             f"{text_key(_columns_apart(text))} ")
    spaced = " ".join(text.split()).casefold()
    missing = [f"title {expected['title']!r}" for _ in [0] if expected.get("title")
               and f" {text_key(expected['title'])} " not in words]
    missing += [f"person {name!r}" for name in expected.get("people", []) if f" {text_key(name)} " not in words]
    missing += [f"demand {demand[:60]!r}" for demand in expected.get("demands", [])
                if f" {demand_key(demand)} " not in words]
    for official in expected.get("officials", []):
        # A salutation in several languages is joined with " / " however the sheet gives them ("… or, in German, …").
        values = [part for name in OFFICIAL_TEXT for part in
                  (official.get(name, "").split(" / ") if name == "salutation" else [official.get(name, "")])]
        values += official.get("address_lines", [])
        missing += [f"official {official_label(official)!r}: {value!r}" for value in values
                    if value and f" {text_key(value)} " not in words]
        numbers = [official.get(name, "") for name in OFFICIAL_NUMBERS] + official.get("emails", [])
        missing += [f"official {official_label(official)!r}: {value!r}" for value in numbers
                    if value and " ".join(value.split()).casefold() not in spaced]
    return missing


def as_pdf(text: str, columns: int) -> str:
    """The sheet laid out as a PDF in one or two columns (tests/pdf_sheets.py) and read back as the import page
    reads an upload: what the importer gets from the PDF a section might have made of the same sheet."""
    from campaigns.importer.documents import text_from_pdf
    from tests.pdf_sheets import Layout, sheet_pdf
    return text_from_pdf(sheet_pdf(text, Layout(columns=columns, font="NotoSans")))


def score_fixture(name: str, folder: Path = FIXTURES, pdf_columns: int = 0) -> SheetScore:
    """One sheet's score; a sheet the importer raises on scores as an empty parse, so the others still count.
    With `pdf_columns`, the sheet is first laid out as a PDF in that many columns and read back."""
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    try:
        imported, crash = parse_ua_text(as_pdf(text, pdf_columns) if pdf_columns else text), ""
    except Exception as error:  # any failure of the importer is a finding to report
        imported, crash = ImportedCampaign(), f"{type(error).__name__}: {error}"
    result = score(imported, load_expected(name, folder), name, layout_of(name))
    result.crash = crash
    return result


@dataclass
class LayoutScore:
    layout: str
    sheets: list[SheetScore] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return sum(sheet.matched for sheet in self.sheets)

    @property
    def total(self) -> int:
        return sum(sheet.total for sheet in self.sheets)

    @property
    def percent(self) -> float:
        return 100.0 * self.matched / self.total if self.total else 100.0

    def officials(self) -> tuple[int, int, int, int, int]:
        """(expected, found, lost, merged, extra) over the layout's sheets."""
        return (sum(s.officials_expected for s in self.sheets), sum(s.officials_found for s in self.sheets),
                sum(len(s.lost) for s in self.sheets), sum(len(s.merged) for s in self.sheets),
                sum(len(s.extra) for s in self.sheets))


def layout_scores(names: list[str] | None = None, folder: Path = FIXTURES,
                  pdf_columns: int = 0) -> dict[str, LayoutScore]:
    """Each layout's sheets scored. With `pdf_columns`, each sheet goes through a PDF first, those pasted from a
    PDF's text (the US PDF layout, columns already interleaved) aside: they are no sheet a PDF would be made of."""
    scores = {layout: LayoutScore(layout) for layout in LAYOUTS.values()}  # in the table's order
    for name in names if names is not None else fixture_names(folder):
        if pdf_columns and layout_of(name) == LAYOUTS["uspdf"]:
            continue
        sheet = score_fixture(name, folder, pdf_columns)
        scores[sheet.layout].sheets.append(sheet)
    return {layout: score for layout, score in scores.items() if score.sheets}


def report(scores: dict[str, LayoutScore], verbose: bool = False) -> str:
    every = LayoutScore("all", [sheet for layout in scores.values() for sheet in layout.sheets])
    rows = [("layout", "sheets", "facts", "%", "officials", "lost", "merged", "extra", "stray")]
    for layout in [*scores.values(), every]:
        expected, found, lost, merged, extra = layout.officials()
        rows.append((layout.layout, str(len(layout.sheets)), f"{layout.matched}/{layout.total}",
                     f"{layout.percent:.1f}", f"{found}/{expected}", str(lost), str(merged), str(extra),
                     str(sum(len(sheet.stray) for sheet in layout.sheets))))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                       for column, (cell, width) in enumerate(zip(row, widths, strict=True))) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.insert(-1, lines[1])
    if verbose:
        for sheet in every.sheets:
            lines += ["", f"{sheet.name}: {sheet.matched}/{sheet.total} ({sheet.percent:.1f}%)"]
            lines += [f"  the importer raised {sheet.crash}"] if sheet.crash else []
            lines += [f"  lost: {label}" for label in sheet.lost]
            lines += [f"  merged: {label}" for label in sheet.merged]
            lines += [f"  extra: {label}" for label in sheet.extra]
            lines += [f"  missed {miss}" for miss in sheet.misses]
            lines += [f"  stray {item}" for item in sheet.stray]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Arguments: sheet names (all by default), `-v`, `--folder PATH` for sheets kept elsewhere, and `--pdf 1` or
    `--pdf 2` to read each sheet back from a PDF of it in one or two columns."""
    argv = list(argv)
    folder = Path(_option(argv, "--folder") or FIXTURES)
    pdf_columns = int(_option(argv, "--pdf") or 0)
    names = [arg for arg in argv if not arg.startswith("-")] or None
    print(report(layout_scores(names, folder, pdf_columns), verbose="-v" in argv or "--verbose" in argv))
    return 0


def _option(argv: list[str], option: str) -> str | None:
    """The value of `--option VALUE` or `--option=VALUE`, both taken out of argv."""
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            del argv[index]
            return argv.pop(index)
        if arg.startswith(f"{option}="):
            return argv.pop(index).removeprefix(f"{option}=")
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
