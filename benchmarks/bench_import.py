"""Importing a UA sheet from a PDF and from text, against PDFium's own text extraction of the same file.

    .venv/bin/python benchmarks/bench_import.py [--rounds 15]

Goals (issue 23): a 6-page UA PDF imports in under 1 s; a text sheet is parsed in under 50 ms.

The sheet is the invented UA 207/26 of tests/pdf_sheets.py with a chronology long enough for six
A4 pages, in two columns and in one, drawn with its running header, footer and page numbers, the columns
written row by row as some publishing tools write them. "Import" is what an organiser's upload
does after the request has arrived: the text in reading order (sheet_sources.text_from_file), web
furniture left out, the parser, and the draft campaign added to a SQLite database migrated like
production (rolled back after each round, so the UA number stays free).

The ceiling is PDFium reading the same file's text in the order the file holds it
(`get_text_range` on every page): what any import must pay at least, measured in the same run.
The ratios are our time over the ceiling's. Each figure is the best of --rounds, taken in turn,
after a warm-up: the best round is the one least disturbed by other work on the machine.
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _support import SECRET_KEY, machine_line, print_table, verdict  # noqa: E402

PDF_GOAL, TEXT_GOAL = 1.0, 0.050  # seconds


def _best(*runs: Callable[[], object], rounds: int) -> list[float]:
    """Seconds of the fastest call of each, the calls taken in turn, after two warm-up calls each."""
    for run in runs:
        run()
        run()
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for index, run in enumerate(runs):
            start = time.perf_counter()
            run()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def _raw_text(data: bytes) -> Callable[[], str]:
    """The ceiling: PDFium's text of every page, in the file's order, nothing else."""
    import pypdfium2 as pdfium

    def read() -> str:
        document = pdfium.PdfDocument(data)
        try:
            texts = []
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                page.close()
            return "\n".join(texts)
        finally:
            document.close()

    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds

    import flask_migrate
    import pypdfium2 as pdfium

    from app import create_app
    from campaigns.importer import parse_ua_text
    from campaigns.sheet_sources import text_from_file, without_web_furniture
    from extensions import db
    from organisers.audit import COMMAND_LINE
    from organisers.services import import_campaign
    from tests.pdf_sheets import SHEET, Layout, long_sheet, sheet_pdf

    two_columns = sheet_pdf(long_sheet(95), Layout(columns=2))
    one_column = sheet_pdf(long_sheet(80), Layout(columns=1))
    one_page = sheet_pdf(SHEET, Layout(columns=1))
    pages = {name: len(pdfium.PdfDocument(data)) for name, data in (("two", two_columns), ("one", one_column))}
    if set(pages.values()) != {6}:
        raise SystemExit(f"the sheets have {pages} pages, not 6 each: the benchmark is out of date")

    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(directory) / 'import.sqlite3'}",
                          "SECRET_KEY": SECRET_KEY, "MAIL_SERVER": None, "RATELIMIT_ENABLED": False,
                          "CELERY_BROKER_URL": None})
        with app.app_context(), app.test_request_context():
            flask_migrate.upgrade()
            logging.getLogger("alembic").setLevel(logging.WARNING)

            def imported(data: bytes) -> Callable[[], object]:
                def run() -> object:
                    campaign = import_campaign(text_from_file(data), COMMAND_LINE, file_name="sheet.pdf")
                    db.session.rollback()
                    return campaign
                return run

            text = long_sheet(95)
            two, two_text, one, two_ceiling, one_ceiling = _best(
                imported(two_columns), lambda: text_from_file(two_columns), imported(one_column),
                _raw_text(two_columns), _raw_text(one_column), rounds=rounds)
            sheet_parse, long_parse, page_ceiling = _best(
                lambda: parse_ua_text(without_web_furniture(SHEET)), lambda: parse_ua_text(without_web_furniture(text)),
                _raw_text(one_page), rounds=rounds)

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.1f}"

    rows = [
        (f"{pages['two']}-page two-column PDF -> draft (ms)", ms(two), f"{ms(two_ceiling)} PDFium raw text",
         f"{two / two_ceiling:.1f}x", f"< {PDF_GOAL * 1000:.0f} ms: {verdict(two < PDF_GOAL)}"),
        ("  of which the text in reading order (ms)", ms(two_text), f"{ms(two_ceiling)} PDFium raw text",
         f"{two_text / two_ceiling:.1f}x", ""),
        (f"{pages['one']}-page one-column PDF -> draft (ms)", ms(one), f"{ms(one_ceiling)} PDFium raw text",
         f"{one / one_ceiling:.1f}x", f"< {PDF_GOAL * 1000:.0f} ms: {verdict(one < PDF_GOAL)}"),
        ("text sheet, one page, parsed (ms)", ms(sheet_parse), f"{ms(page_ceiling)} PDFium raw text",
         f"{sheet_parse / page_ceiling:.1f}x", f"< {TEXT_GOAL * 1000:.0f} ms: {verdict(sheet_parse < TEXT_GOAL)}"),
        ("text sheet, six pages' worth, parsed (ms)", ms(long_parse), f"{ms(two_ceiling)} PDFium raw text",
         f"{long_parse / two_ceiling:.1f}x", f"< {TEXT_GOAL * 1000:.0f} ms: {verdict(long_parse < TEXT_GOAL)}"),
    ]
    print(machine_line() + f", best of {rounds} rounds")
    print_table(rows)


if __name__ == "__main__":
    main()
