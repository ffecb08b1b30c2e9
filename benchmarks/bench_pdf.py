"""Measures letter PDF rendering against reportlab's own ceiling, measured in the same run."""
from __future__ import annotations

import gc
import io
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reportlab.lib import rl_accel  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from letters.document import ComposedLetter  # noqa: E402
from letters.pdf import (  # noqa: E402
    _CANVAS_OPTIONS, _PAPERS, _lay_out_letter, render_letters_pdf, write_letters_pdf,
)

# The UA 118/21 appeal to the President of Turkmenistan, about 250 words: a typical one-page letter.
_PARAGRAPHS = (
    "I am writing to you about Azat Isakov, a Turkmen labour migrant who lived in Russia and who "
    "has spoken openly about the situation in Turkmenistan since 2019. On 20 October he told a "
    "trusted contact that he feared he was about to be arrested by Russian police, and nobody has "
    "heard from him since. On 9 November the Russian Ministry of Interior stated that he had left "
    "the country on 22 October, although he held no travel documents that would have allowed him "
    "to do so. His family in Turkmenistan have reported threats from officers of the Ministry of "
    "National Security since 2020.",
    "I am deeply concerned that Azat Isakov is held incommunicado and is at risk of torture. "
    "I respectfully urge you to:\n"
    "• Ensure the urgent disclosure of information on the fate and whereabouts of Azat Isakov;\n"
    "• If he is in the custody of Turkmenistani law enforcement, ensure that he is protected from "
    "torture and other ill-treatment and that he has access to his family and any medical care he "
    "might require;\n"
    "• Release Azat Isakov immediately unless there is sufficient credible evidence to charge him "
    "with an internationally recognized criminal offence.",
    "Thank you for your attention to this case. I will continue to follow it closely.",
)
_LATIN_MESSAGE = "I write from a small town where many people are following this case with great concern."
_UNICODE_MESSAGE = "Azat Isakowyň maşgalasy howsala düşýär. Мы очень обеспокоены его судьбой."


def _letter(personal_message: str, number: int = 0) -> ComposedLetter:
    return ComposedLetter(
        language="en",
        sender_name=f"Alex Example {number}",
        sender_address=("14 Garden Street", "Leeds LS2 9JT", "United Kingdom"),
        recipient_address=(
            "President of Turkmenistan", "Gurbanguly Berdimuhamedov",
            "Permanent Mission of Turkmenistan to the UN", "866 UN Plaza, Suite 540",
            "New York, NY 10017", "USA",
        ),
        date_text="3 December 2021",
        subject="Azat Isakov (UA 118/21)",
        salutation="Dear President,",
        paragraphs=_PARAGRAPHS,
        personal_message=personal_message,
        closing="Yours sincerely,",
        signature_name=f"Alex Example {number}",
    )


def _html(letter: ComposedLetter) -> str:
    def block(text: str) -> str:
        items = [line.lstrip("• ") for line in text.split("\n") if line.startswith("•")]
        prose = [line for line in text.split("\n") if not line.startswith("•")]
        listed = "".join(f"<li>{escape(item)}</li>" for item in items)
        return "".join(f"<p>{escape(line)}</p>" for line in prose) + (f"<ul>{listed}</ul>" if listed else "")

    sender = "<br>".join(map(escape, (letter.sender_name, *letter.sender_address)))
    recipient = "<br>".join(map(escape, letter.recipient_address))
    return (
        "<html><head><style>@page { size: A4; margin: 20mm 20mm 20mm 25mm }"
        " body { font-family: 'DejaVu Serif'; font-size: 10pt }"
        " .from { text-align: right } .to { position: absolute; left: -5mm; top: 25mm; }"
        " .subject { margin-top: 60mm; font-weight: bold }</style></head><body>"
        f"<div class=from>{sender}<br><br>{escape(letter.date_text)}</div>"
        f"<div class=to>{recipient}</div><p class=subject>{escape(letter.subject)}</p>"
        f"<p>{escape(letter.salutation)}</p>"
        + "".join(block(paragraph) for paragraph in letter.paragraphs)
        + block(letter.personal_message)
        + f"<p>{escape(letter.closing)}</p><p style='margin-top: 15mm'>{escape(letter.signature_name)}</p>"
        "</body></html>"
    )


def _rates(*renders: Callable[[], object], seconds: float = 0.5, rounds: int = 5) -> list[float]:
    """Calls per second of each, best of several rounds taken in turn, after a warm-up.

    Taking turns exposes each render to the same background load; the best round is the one
    least disturbed by it.
    """
    for render in renders:
        for _ in range(3):
            render()  # registers fonts, fills caches
    best = [0.0] * len(renders)
    for _ in range(rounds):
        for index, render in enumerate(renders):
            calls, start = 0, time.perf_counter()
            while (elapsed := time.perf_counter() - start) < seconds:
                render()
                calls += 1
            best[index] = max(best[index], calls / elapsed)
    return best


def _raw_canvas(letter: ComposedLetter) -> Callable[[], bytes]:
    """The same lines in the same fonts drawn with drawString: no cleaning, wrapping or layout."""
    paper = _PAPERS["A4"]
    pages = _lay_out_letter(letter, paper)

    def render() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=paper.size, **_CANVAS_OPTIONS)
        for ops in pages:
            for op in ops:
                canvas.setFont(op.font, op.size)
                canvas.drawString(op.x, op.y, op.text)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    return render


def _weasyprint_rate(letter: ComposedLetter) -> float | None:
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the package is there but libpango is not
        return None
    html = _html(letter)
    return _rates(lambda: weasyprint.HTML(string=html).write_pdf(), seconds=1.0, rounds=2)[0]


def _many(count: int) -> Iterator[ComposedLetter]:
    for number in range(count):
        yield _letter(_UNICODE_MESSAGE if number % 10 == 0 else _LATIN_MESSAGE, number)


def _max_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _thousand_letter_rows() -> list[tuple[str, str, str, str, str]]:
    """Run first, before other measures raise the peak RSS it is compared with."""
    render_letters_pdf(_many(10))  # registers the fonts and fills the width caches
    gc.collect()
    rss_before = _max_rss_kib()
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        write_letters_pdf(out, _many(1000))
        seconds = time.perf_counter() - start
        size = out.tell()
    growth = (_max_rss_kib() - rss_before) / 1024
    return [
        ("1,000-letter document (s)", f"{seconds:.2f}", f"{1000 / seconds:,.0f} letters/s",
         f"{size / 1e6:.1f} MB file", "streams"),
        ("  peak RSS growth (MB)", f"{growth:.1f}", f"{growth * 1024 / 1000:.1f} KiB/letter", "", ""),
    ]


def main() -> None:
    thousand = _thousand_letter_rows()
    rows: list[tuple[str, str, str, str, str]] = []
    latin, unicode_letter = _letter(_LATIN_MESSAGE), _letter(_UNICODE_MESSAGE)
    latin_rate, latin_ceiling = _rates(lambda: render_letters_pdf([latin]), _raw_canvas(latin))
    unicode_rate, unicode_ceiling = _rates(lambda: render_letters_pdf([unicode_letter]),
                                           _raw_canvas(unicode_letter))
    rows.append(("one-letter PDF, Times (letters/s)", f"{latin_rate:,.0f}",
                 f"{latin_ceiling:,.0f} raw canvas", f"{latin_rate / latin_ceiling:.2f}",
                 ">= 1000/s, ratio >= 0.8"))
    rows.append(("one-letter PDF, DejaVu embedded (letters/s)", f"{unicode_rate:,.0f}",
                 f"{unicode_ceiling:,.0f} raw canvas", f"{unicode_rate / unicode_ceiling:.2f}",
                 ">= 300/s, ratio >= 0.8"))
    weasy = _weasyprint_rate(latin)
    if weasy is None:
        print("weasyprint not installed — skipped")
    else:
        rows.append(("WeasyPrint, same letter from HTML (letters/s)", f"{weasy:,.1f}",
                     f"{latin_rate:,.0f} ours", f"{latin_rate / weasy:.0f}x", ">= 20x"))
    rows.extend(thousand)

    print(f"python {sys.version.split()[0]}, reportlab C accelerator: "
          f"{'yes' if rl_accel._c_funcs else 'no (pip install rl-accel)'}, one process")
    header = ("measure", "value", "ceiling", "ratio", "goal")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
