"""Measures letter PDF rendering against reportlab's own ceiling, measured in the same run."""
from __future__ import annotations

import dataclasses
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
from letters.pdf import render_letters_pdf, write_letters_pdf  # noqa: E402
from letters.pdf.layout import lay_out_letter  # noqa: E402
from letters.pdf.papers import PAPERS  # noqa: E402
from letters.pdf.render import CANVAS_OPTIONS  # noqa: E402

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


def _letter(personal_message: str = "", number: int = 0, **changes: object) -> ComposedLetter:
    letter = ComposedLetter(
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
    return dataclasses.replace(letter, **changes) if changes else letter


# The same appeal, about as long, written in Russian, Arabic and Chinese, with a supporter in
# that script: the three letters of the speed goal, each in its own embedded fonts.
_SCRIPT_LETTERS = {
    "Cyrillic": dict(
        language="ru", sender_name="Мария Иванова", signature_name="Мария Иванова",
        sender_address=("ул. Садовая, д. 5", "Екатеринбург 620014", "Россия"),
        date_text="3 декабря 2021 г.", subject="Азат Исаков (UA 118/21)",
        salutation="Уважаемый господин Президент!", closing="С уважением,",
        paragraphs=(
            "Я пишу Вам по поводу Азата Исакова, туркменского трудового мигранта, который жил в России "
            "и с 2019 года открыто говорил о положении в Туркменистане. 20 октября он сообщил "
            "доверенному лицу, что опасается ареста российской полицией, и с тех пор о нём ничего не "
            "известно. Его семья в Туркменистане сообщает об угрозах со стороны сотрудников "
            "Министерства национальной безопасности.",
            "Я глубоко обеспокоен тем, что Азат Исаков содержится без связи с внешним миром и "
            "подвергается риску пыток. Я почтительно призываю Вас:\n"
            "• Незамедлительно сообщить о судьбе и местонахождении Азата Исакова;\n"
            "• Если он находится под стражей, обеспечить его защиту от пыток и других видов жестокого "
            "обращения, а также доступ к семье и необходимой медицинской помощи;\n"
            "• Немедленно освободить Азата Исакова, если нет достаточных доказательств для предъявления "
            "ему обвинения в международно признанном преступлении.",
            "Благодарю Вас за внимание к этому делу. Я буду внимательно следить за его развитием.",
        ),
        personal_message="Люди в нашем городе с тревогой следят за судьбой Азата Исакова."),
    "Arabic": dict(
        language="ar", sender_name="فاطمة الزهراء", signature_name="فاطمة الزهراء",
        sender_address=("شارع النيل 14", "القاهرة 11511", "مصر"),
        date_text="3 ديسمبر 2021", subject="آزات إيساكوف (UA 118/21)",
        salutation="سيادة الرئيس،", closing="وتفضلوا بقبول فائق الاحترام والتقدير،",
        paragraphs=(
            "أكتب إليكم بشأن آزات إيساكوف، وهو عامل مهاجر من تركمانستان عاش في روسيا وتحدث علناً منذ "
            "عام 2019 عن الأوضاع في بلده. في 20 أكتوبر أخبر شخصاً يثق به أنه يخشى أن تعتقله الشرطة "
            "الروسية، ولم يسمع عنه أحد منذ ذلك الحين. وتفيد أسرته في تركمانستان بأنها تلقت تهديدات "
            "من عناصر وزارة الأمن الوطني.",
            "يساورني قلق بالغ من أن آزات إيساكوف محتجز بمعزل عن العالم الخارجي ومعرض لخطر التعذيب. "
            "لذا أناشدكم باحترام:\n"
            "• الكشف فوراً عن مصير آزات إيساكوف ومكان وجوده؛\n"
            "• إن كان محتجزاً، ضمان حمايته من التعذيب وغيره من ضروب سوء المعاملة، وتمكينه من الاتصال "
            "بأسرته ومن الحصول على الرعاية الطبية التي قد يحتاجها؛\n"
            "• الإفراج عنه فوراً ما لم تتوفر أدلة كافية وموثوقة لتوجيه تهمة جنائية معترف بها دولياً إليه.",
            "أشكركم على اهتمامكم بهذه القضية، وسأواصل متابعتها عن كثب.",
        ),
        personal_message="يتابع كثيرون في مدينتنا قضية Azat Isakov بقلق شديد منذ 2021."),
    "Chinese": dict(
        language="zh", sender_name="王小明", signature_name="王小明",
        sender_address=("北京市朝阳区建国路88号", "100022", "中国"),
        date_text="2021年12月3日", subject="阿扎特·伊萨科夫（UA 118/21）",
        salutation="尊敬的总统先生：", closing="此致敬礼",
        paragraphs=(
            "我写信是为了阿扎特·伊萨科夫的事。他是一名在俄罗斯生活的土库曼斯坦劳务移民，自2019年起公开谈论"
            "土库曼斯坦的状况。10月20日，他告诉一位信任的人，他担心自己即将被俄罗斯警方逮捕，此后再无音讯。"
            "他在土库曼斯坦的家人报告说，自2020年以来一直受到国家安全部官员的威胁。",
            "我深感担忧，阿扎特·伊萨科夫可能被隔离关押，面临遭受酷刑的危险。我恳请您：\n"
            "• 立即公开阿扎特·伊萨科夫的下落和处境；\n"
            "• 如果他被执法部门羁押，确保他免受酷刑和其他虐待，并能与家人联系、获得所需的医疗服务；\n"
            "• 除非有充分可信的证据指控他犯有国际公认的刑事罪行，否则立即释放他。",
            "感谢您对此案的关注。我将继续密切关注此事。",
        ),
        personal_message="我们城市里的许多人都在关注他的案件。"),
}


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
    """The ceiling: the same glyphs in the same fonts drawn with drawString, already cleaned,
    shaped, ordered, wrapped and placed: a canvas that only draws and writes the file."""
    paper = PAPERS["A4"]
    pages = lay_out_letter(letter, paper)
    drawn = [[(op.x, op.y, op.size, [(piece.face.name, piece.text, piece.width) for piece in op.line.pieces])
              for op in ops] for ops in pages]

    def render() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=paper.size, **CANVAS_OPTIONS)
        for ops in drawn:
            for x, y, size, pieces in ops:
                for font, text, width in pieces:
                    canvas.setFont(font, size)
                    canvas.drawString(x, y, text)
                    x += width * size
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
    latin = _letter(_LATIN_MESSAGE)
    latin_rate, latin_ceiling = _rates(lambda: render_letters_pdf([latin]), _raw_canvas(latin))
    rows.append(("one-letter PDF, Times (letters/s)", f"{latin_rate:,.0f}",
                 f"{latin_ceiling:,.0f} raw canvas", f"{latin_rate / latin_ceiling:.2f}",
                 ">= 1000/s, ratio >= 0.8"))
    verdicts = []
    for script, changes in _SCRIPT_LETTERS.items():
        letter = _letter(**changes)
        rate, ceiling = _rates(lambda letter=letter: render_letters_pdf([letter]), _raw_canvas(letter))
        is_met = rate >= 300 and rate / ceiling >= 0.8
        verdicts.append(f"{script}: {'met' if is_met else 'NOT met'}")
        rows.append((f"one-letter PDF, {script} (letters/s)", f"{rate:,.0f}", f"{ceiling:,.0f} raw canvas",
                     f"{rate / ceiling:.2f}", ">= 300/s, ratio >= 0.8"))
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
    print("script goals (>= 300 letters/s/core and >= 0.8 of the raw canvas): " + ", ".join(verdicts))


if __name__ == "__main__":
    main()
