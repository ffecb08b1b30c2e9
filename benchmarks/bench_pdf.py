"""Measures letter PDF rendering against reportlab's own ceiling, measured in the same run.

    .venv/bin/python benchmarks/bench_pdf.py [--instructions]

Letters per second move with whatever else the machine runs; with --instructions it also counts,
under valgrind, the instructions one letter takes, ours and the ceiling's, which they do not.
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import gc
import io
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from reportlab.lib import rl_accel  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
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


# Supporters of one campaign write the same letter with their own name and address: each
# script's letter is rendered for a stream of different supporters, as a campaign's downloads
# are, so that nothing built for one letter's own characters is simply reused for the next.
_PEOPLE = {
    "Cyrillic": (("Мария", "Ольга", "Сергей", "Дмитрий", "Анна", "Юрий", "Галина", "Пётр"),
                 ("Иванова", "Смирнов", "Кузнецова", "Попов", "Васильева", "Зайцев", "Фёдорова"),
                 ("ул. Садовая", "пр. Мира", "ул. Ленина", "наб. Фонтанки", "ул. Чехова"),
                 ("Екатеринбург", "Казань", "Новосибирск", "Самара", "Тверь", "Омск")),
    "Arabic": (("فاطمة", "يوسف", "ليلى", "خالد", "مريم", "سامي", "هدى", "عمر"),
               ("الزهراء", "المصري", "حداد", "النجار", "الخطيب", "سليمان", "عثمان"),
               ("شارع النيل", "شارع الجمهورية", "طريق الكورنيش", "شارع الأزهر", "حي الزيتون"),
               ("القاهرة", "الإسكندرية", "طنطا", "أسوان", "المنصورة", "بورسعيد")),
    "Chinese": (("王", "李", "张", "刘", "陈", "杨", "黄", "赵"),
                ("小明", "丽华", "建国", "秀英", "志强", "海燕", "文博"),
                ("朝阳区建国路", "海淀区中关村大街", "浦东新区世纪大道", "天河区体育西路", "武侯区人民南路"),
                ("北京市", "上海市", "广州市", "成都市", "杭州市", "南京市")),
}


def _supporters(script: str, count: int = 64) -> list[ComposedLetter]:
    """The script's letter from count different supporters: names, streets and towns vary."""
    firsts, lasts, streets, towns = _PEOPLE[script]
    letters = []
    for number in range(count):
        first, last = firsts[number % len(firsts)], lasts[number * 3 % len(lasts)]
        street, town = streets[number % len(streets)], towns[number * 5 % len(towns)]
        name = first + last if script == "Chinese" else f"{first} {last}"
        address = ((f"{town}{street}{number + 1}号", f"{100000 + number * 37}", "中国") if script == "Chinese"
                   else (f"{street} {number + 1}", f"{town} {620000 + number * 37}",
                         _SCRIPT_LETTERS[script]["sender_address"][-1]))
        letters.append(_letter(**{**_SCRIPT_LETTERS[script], "sender_name": name, "signature_name": name,
                                  "sender_address": address}))
    return letters


def _cycle(render: Callable[[ComposedLetter], object], letters: list[ComposedLetter]) -> Callable[[], object]:
    """A render of the next letter of the list at each call, round and round."""
    position = [0]

    def next_render() -> object:
        position[0] = (position[0] + 1) % len(letters)
        return render(letters[position[0]])

    return next_render


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


def _plain_font(name: str) -> str:
    """The same face registered as reportlab's own TTFont, which builds every subset anew for
    each document: the ceiling draws with it. It shares the face (glyph tables, and the codes
    shaping gave to glyphs no character maps to), so it draws the very same glyphs."""
    plain_name = f"Plain-{name}"
    if plain_name not in pdfmetrics.getRegisteredFontNames():
        ours = pdfmetrics.getFont(name)
        plain = copy.copy(ours)
        plain.__class__ = TTFont
        plain.fontName = plain_name
        plain.state = {}
        pdfmetrics.registerFont(plain)
    return plain_name


def _raw_canvas(letter: ComposedLetter) -> Callable[[], bytes]:
    """The ceiling: the same glyphs in the same fonts drawn with drawString, already cleaned,
    shaped, ordered, wrapped and placed, embedded by reportlab's own TTFont: a canvas that only
    draws and writes the file."""
    paper = PAPERS["A4"]
    pages = lay_out_letter(letter, paper)

    def font(piece) -> str:
        return _plain_font(piece.face.name) if piece.face.is_embedded else piece.face.name

    drawn = [[(op.x, op.y, op.size, [(font(piece), piece.text, piece.width) for piece in op.line.pieces])
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


# --- instructions per letter (--instructions): counts that the machine's load does not move ------

def _render_many(script: str, side: str, count: int) -> None:
    """The child run under valgrind: count letters of the script, ours or the plain ceiling's."""
    letters = _supporters(script)
    renders = ([lambda letter=letter: render_letters_pdf([letter]) for letter in letters] if side == "ours"
               else [_raw_canvas(letter) for letter in letters])
    for number in range(count):
        renders[number % len(renders)]()


def _instruction_rows() -> list[tuple[str, str, str, str, str]]:
    from _support import instructions_per_request

    rows = []
    for script in _SCRIPT_LETTERS:
        ours, plain = (instructions_per_request(Path(__file__), f"{script}:{side}", warmup=5, requests=20)
                       for side in ("ours", "plain"))
        rows.append((f"one-letter PDF, {script} (instructions/letter)", f"{ours / 1e6:.1f} M",
                     f"{plain / 1e6:.1f} M raw canvas", f"{plain / ours:.2f}", "ratio >= 0.8"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions per letter under valgrind (a few minutes)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--requests", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--directory", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        script, side = arguments.child.split(":")
        _render_many(script, side, arguments.requests)
        return
    thousand = _thousand_letter_rows()
    rows: list[tuple[str, str, str, str, str]] = []
    latin = _letter(_LATIN_MESSAGE)
    latin_rate, latin_ceiling = _rates(lambda: render_letters_pdf([latin]), _raw_canvas(latin))
    rows.append(("one-letter PDF, Times (letters/s)", f"{latin_rate:,.0f}",
                 f"{latin_ceiling:,.0f} raw canvas", f"{latin_rate / latin_ceiling:.2f}",
                 ">= 1000/s, ratio >= 0.8"))
    verdicts = []
    for script in _SCRIPT_LETTERS:
        letters = _supporters(script)
        ceilings = [_raw_canvas(letter) for letter in letters]
        rate, ceiling = _rates(_cycle(lambda letter: render_letters_pdf([letter]), letters),
                               _cycle(lambda render: render(), ceilings))
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
    if arguments.instructions:
        if shutil.which("valgrind"):
            rows.extend(_instruction_rows())
        else:
            print("valgrind not installed — instructions per letter skipped")

    print(f"python {sys.version.split()[0]}, reportlab C accelerator: "
          f"{'yes' if rl_accel._c_funcs else 'no (pip install rl-accel)'}, one process")
    header = ("measure", "value", "ceiling", "ratio", "goal")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    print("script goals (>= 300 letters/s/core and >= 0.8 of the raw canvas): " + ", ".join(verdicts))


if __name__ == "__main__":
    main()
