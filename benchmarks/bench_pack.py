"""Measures an event's print pack against the per-letter PDF rate measured in the same run.

    .venv/bin/python benchmarks/bench_pack.py

The pack: 5 cases × 40 writers × 2 officials (400 letters to sign, 400 labels on 20 sheets, a
tally sheet, 5 case summaries with QR codes). Goals: under 2 s, at least 0.7 of the rate at which
one-letter PDFs of the same letter are made, and memory that does not grow with the letters.
"""
from __future__ import annotations

import gc
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _support import machine_line, print_table, verdict  # noqa: E402
from bench_pdf import _max_rss_kib, _rates  # noqa: E402

CASES, WRITERS = 5, 40


def _app(directory: str):
    from app import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "bench-" + "x" * 40, "SQLALCHEMY_DATABASE_URI":
                       f"sqlite:///{directory}/bench.db", "BASE_URL": "https://ua.example", "MAIL_SERVER": None,
                       "MAILBOX_DIR": directory})


def _event(cases: int, writers: int):
    """The demo case copied into `cases` live cases with two officials each, and events on them with
    `writers` writers and with a fifth of them."""
    from sqlalchemy import select

    from campaigns.demo import UA_NUMBER, load_demo
    from events import services
    from extensions import db
    from models import Campaign
    from organisers.audit import COMMAND_LINE
    from organisers.services import duplicate_campaign

    load_demo()
    db.session.flush()
    demo = db.session.scalar(select(Campaign).where(Campaign.ua_number == UA_NUMBER))
    chosen = [demo]
    for number in range(cases - 1):
        copy = duplicate_campaign(demo, ua_number=f"UA {200 + number}/26", title=f"{demo.title} ({number + 2})",
                                  actor=COMMAND_LINE, today=date(2026, 12, 1))
        copy.status = demo.status
        chosen.append(copy)
    db.session.flush()
    events = []
    for count in (writers, writers // 5):
        data = services.EventData(title="Write for Rights evening", held_on=date(2026, 12, 10), expected_writers=count,
                                  cases=[services.CaseChoice(campaign.id, "en") for campaign in chosen])
        events.append(services.create_event(data, group=None, actor=COMMAND_LINE))
    db.session.commit()
    return events


def _peak_memory(event) -> float:
    """The most memory (MB) Python held at once while the pack was written to a file."""
    from events.pack import write_pack

    gc.collect()
    tracemalloc.start()
    with tempfile.TemporaryFile() as out:
        write_pack(out, event)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    from events.pack import pack_size, write_pack
    from extensions import db
    from letters.compose import compose
    from letters.pdf import render_letters_pdf

    print(machine_line())
    with tempfile.TemporaryDirectory() as directory:
        app = _app(directory)
        with app.app_context():
            db.create_all()
            event, fifth = _event(CASES, WRITERS)
            size = pack_size(event)
            case = event.cases[0]
            letter = compose(case.campaign, case.campaign.ordered_targets[0], _blank_writer(), language="en",
                             today=event.held_on)
            with tempfile.TemporaryFile() as out:
                write_pack(out, event)  # warm-up: fonts, caches
            best = float("inf")
            for _round in range(3):
                with tempfile.TemporaryFile() as out:
                    start = time.perf_counter()
                    write_pack(out, event)
                    best = min(best, time.perf_counter() - start)
                    file_size = out.tell()
            per_letter = _rates(lambda: render_letters_pdf([letter]))[0]
            peak_small, peak = _peak_memory(fifth), _peak_memory(event)
            fifth_letters = pack_size(fifth).letters
            rss = _max_rss_kib() / 1024

    pack_rate = size.letters / best
    rows = [
        (f"pack of {CASES} cases × {WRITERS} writers × 2 officials (s)", f"{best:.2f}",
         f"{size.letters} letters, {size.labels} labels", "", "< 2 s"),
        ("  letters/s in the pack", f"{pack_rate:,.0f}", f"{per_letter:,.0f} one-letter PDFs/s",
         f"{pack_rate / per_letter:.2f}", "ratio >= 0.7"),
        ("  file size (MB)", f"{file_size / 1e6:.1f}", f"{size.pages} pages", "", ""),
        (f"  peak Python memory, {size.letters} letters (MB)", f"{peak:.1f}",
         f"{peak_small:.1f} MB for {fifth_letters} letters", f"{peak / peak_small:.2f}", "flat: ratio ~1"),
        ("  process peak RSS (MB)", f"{rss:.0f}", "", "", ""),
    ]
    print_table(rows)
    ok = best < 2 and pack_rate / per_letter >= 0.7
    print(f"pack goal (< 2 s and >= 0.7 of the one-letter rate): {verdict(ok)}")


def _blank_writer():
    from events.pack import _BLANK_WRITER

    return _BLANK_WRITER


if __name__ == "__main__":
    main()
