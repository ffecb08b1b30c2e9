"""The fonts letters are printed in: one row per font file, one row per script, all from pinned packages.

The faces are Noto fonts (SIL Open Font License 1.1) shipped as wheels on the package index
(requirements.txt), so a fresh checkout prints every script without system fonts or root. The
PDF standard fonts (Times, Helvetica) still print text that WinAnsi covers: they need no
embedding, which keeps an English letter small and fast.

A few of the packaged files are variable fonts whose default instance is the thinnest weight;
those are cut to their Regular instance once per machine (about 20 s for a Chinese font) and
kept in a cache folder. `make install` does it ahead of time (`python -m letters.pdf`) so
that no request pays for it.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.resources
import os
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from letters.languages import letter_language
from letters.pdf.subsets import SubsetFont


@dataclass(frozen=True)
class FontFile:
    package: str                 # the installed package that ships the file
    path: str                    # inside the package
    leading: float = 1.4         # line height as a multiple of the size: tall scripts need more
    is_complex: bool = False     # needs OpenType shaping: joining, reordering, marks placed by rules
    regular_instance: bool = False  # a variable font whose default is not Regular: cut it at wght 400


_WESTERN = "justmytype_western_core"
_CJK = "justmytype_intl_cjk"
_RTL = "justmytype_intl_rtl"
_SOUTH_ASIA = "justmytype_intl_south_asia"
_SEA = "justmytype_intl_sea"

FONT_FILES: dict[str, FontFile] = {
    "NotoSerif": FontFile(_WESTERN, "fonts/ofl/notoserif/NotoSerif[wdth,wght].ttf", 1.35),
    "NotoSans": FontFile(_WESTERN, "fonts/ofl/notosans/NotoSans[wdth,wght].ttf", 1.35),
    "NotoSansSymbols2": FontFile(_WESTERN, "fonts/ofl/notosanssymbols2/NotoSansSymbols2-Regular.ttf"),
    "NotoSansArabic": FontFile(_RTL, "fonts/ofl/notosansarabic/NotoSansArabic[wdth,wght].ttf", 1.6,
                               is_complex=True),
    "NotoSansHebrew": FontFile(_RTL, "fonts/ofl/notosanshebrew/NotoSansHebrew[wdth,wght].ttf", 1.45,
                               is_complex=True, regular_instance=True),
    "NotoSansDevanagari": FontFile(_SOUTH_ASIA, "fonts/ofl/notosansdevanagari/NotoSansDevanagari[wdth,wght].ttf",
                                   1.6, is_complex=True),
    "NotoSansBengali": FontFile(_SOUTH_ASIA, "fonts/ofl/notosansbengali/NotoSansBengali[wdth,wght].ttf", 1.6,
                                is_complex=True),
    "NotoSansTamil": FontFile(_SOUTH_ASIA, "fonts/ofl/notosanstamil/NotoSansTamil[wdth,wght].ttf", 1.6,
                              is_complex=True),
    "NotoSansTelugu": FontFile(_SOUTH_ASIA, "fonts/ofl/notosanstelugu/NotoSansTelugu[wdth,wght].ttf", 1.7,
                               is_complex=True),
    "NotoSansThai": FontFile(_SEA, "fonts/ofl/notosansthai/NotoSansThai[wdth,wght].ttf", 1.6, is_complex=True),
    "NotoSansLao": FontFile(_SEA, "fonts/ofl/notosanslao/NotoSansLao[wdth,wght].ttf", 1.6, is_complex=True),
    "NotoSansKhmer": FontFile(_SEA, "fonts/ofl/notosanskhmer/NotoSansKhmer[wdth,wght].ttf", 1.7, is_complex=True),
    "NotoSansMyanmar": FontFile(_SEA, "fonts/ofl/notosansmyanmar/NotoSansMyanmar[wdth,wght].ttf", 1.8,
                                is_complex=True),
    "NotoSansSC": FontFile(_CJK, "fonts/ofl/notosanssc/NotoSansSC[wght].ttf", 1.5, regular_instance=True),
    "NotoSansTC": FontFile(_CJK, "fonts/ofl/notosanstc/NotoSansTC[wght].ttf", 1.5, regular_instance=True),
    "NotoSansJP": FontFile(_CJK, "fonts/ofl/notosansjp/NotoSansJP[wght].ttf", 1.5, regular_instance=True),
    "NotoSansKR": FontFile(_CJK, "fonts/ofl/notosanskr/NotoSansKR[wght].ttf", 1.5, regular_instance=True),
}

# The faces a letter in a script is printed in, first choice first (ISO 15924, as
# letters/languages.py names a language's script). The first face also prints the letter's
# Latin; a character it lacks goes to the next face that has it, then to FALLBACK_ORDER.
SCRIPT_FONTS: dict[str, tuple[str, ...]] = {
    "Latn": ("NotoSerif",),
    "Cyrl": ("NotoSerif",),
    "Grek": ("NotoSerif",),
    "Arab": ("NotoSansArabic", "NotoSans"),
    "Hebr": ("NotoSansHebrew", "NotoSans"),
    "Deva": ("NotoSansDevanagari", "NotoSans"),
    "Beng": ("NotoSansBengali", "NotoSans"),
    "Taml": ("NotoSansTamil", "NotoSans"),
    "Telu": ("NotoSansTelugu", "NotoSans"),
    "Thai": ("NotoSansThai", "NotoSans"),
    "Laoo": ("NotoSansLao", "NotoSans"),
    "Khmr": ("NotoSansKhmer", "NotoSans"),
    "Mymr": ("NotoSansMyanmar", "NotoSans"),
    "Hans": ("NotoSansSC", "NotoSansTC", "NotoSansJP", "NotoSansKR"),
    "Hant": ("NotoSansTC", "NotoSansSC", "NotoSansJP", "NotoSansKR"),
    "Jpan": ("NotoSansJP", "NotoSansSC", "NotoSansTC", "NotoSansKR"),
    "Kore": ("NotoSansKR", "NotoSansSC", "NotoSansTC", "NotoSansJP"),
}

# Where a character the letter's own faces lack is looked for, in this order.
FALLBACK_ORDER: tuple[str, ...] = (
    "NotoSerif", "NotoSans", "NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari",
    "NotoSansBengali", "NotoSansTamil", "NotoSansTelugu", "NotoSansThai", "NotoSansLao",
    "NotoSansKhmer", "NotoSansMyanmar", "NotoSansSC", "NotoSansTC", "NotoSansJP", "NotoSansKR",
    "NotoSansSymbols2",
)

# Kept in text although Python calls them unprintable: they change how a word is joined
# (Persian needs the non-joiner between the parts of many words).
JOINER_CONTROLS = frozenset("\u200c\u200d")


# --- faces -------------------------------------------------------------------------------------

_WIDTH_CACHE_LIMIT = 50_000  # strings; bounds memory in a long-running worker


class Face:
    """A registered font: what it can draw, and string widths at size 1 (letters repeat words)."""

    def __init__(self, name: str, *, ttf: TTFont | None = None, leading: float = 1.3,
                 is_complex: bool = False) -> None:
        self.name = name
        self.ttf = ttf
        self.is_embedded = ttf is not None
        self.is_complex = is_complex
        self.leading = leading
        # Taken before shaping adds private-use codes for glyphs that no character maps to.
        self.code_points = frozenset(ttf.face.charToGlyph) if ttf is not None else None
        self._widths: dict[str, float] = {}

    def has(self, char: str) -> bool:
        if self.code_points is None:
            try:
                char.encode("cp1252")
            except UnicodeEncodeError:
                return False
            return True
        return ord(char) in self.code_points

    def measure(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) >= _WIDTH_CACHE_LIMIT:
                self._widths.clear()
            width = self._widths[text] = pdfmetrics.stringWidth(text, self.name, 1)
        return width

    def __repr__(self) -> str:
        return f"Face({self.name!r})"


TIMES = Face("Times-Roman")
TIMES_BOLD = Face("Times-Bold")
HELVETICA = Face("Helvetica")
HELVETICA_BOLD = Face("Helvetica-Bold")

_faces: dict[str, Face] = {}
_lock = threading.Lock()


def face(name: str) -> Face:
    """The embedded face of that name, registered once per process on first use."""
    found = _faces.get(name)
    if found is not None:
        return found
    with _lock:
        if name not in _faces:
            spec = FONT_FILES[name]
            ttf = SubsetFont(name, str(font_path(name)), shapable=True)
            # Every document's subset reads whole tables (a Chinese face's glyf is 8 MB) by
            # slicing, that is copying, the font's bytes. Tables never change: copy each once.
            ttf.face.get_table = functools.lru_cache(maxsize=None)(ttf.face.get_table)
            pdfmetrics.registerFont(ttf)
            _faces[name] = Face(name, ttf=ttf, leading=spec.leading, is_complex=spec.is_complex)
        return _faces[name]


def embedded_faces() -> list[Face]:
    """The faces registered so far in this process: those a document may have drawn in."""
    return list(_faces.values())


def font_path(name: str) -> Path:
    """The file reportlab embeds for a face: the packaged one, or its Regular cut from the cache."""
    spec = FONT_FILES[name]
    source = Path(str(importlib.resources.files(spec.package).joinpath(spec.path)))
    if not source.is_file():
        raise FileNotFoundError(f"{source} is missing: run `pip install -r requirements.txt`")
    if not spec.regular_instance:
        return source
    stamp = _stamp(source)
    filename = f"{name}-Regular-{stamp}.ttf"
    for directory in (_cache_dir(), Path(tempfile.gettempdir()) / "ua-desk-fonts"):
        cached = directory / filename
        if cached.is_file():
            return cached
        try:
            _cut_regular(source, cached)
        except OSError:
            continue  # a home folder the service may not write to: the temporary folder will do
        return cached
    raise OSError(f"no folder to keep the Regular instance of {name} in: set UADESK_FONT_CACHE")


def _stamp(source: Path) -> str:
    """Names the cut by the font file's content, not by where it is installed: every checkout and
    virtualenv on a machine with the same font package shares one cut, rather than each cutting
    its own and removing the others' as stale."""
    size = source.stat().st_size
    with open(source, "rb") as font:
        head = font.read(65536)
        font.seek(max(size - 65536, 0))
        tail = font.read()
    digest = hashlib.sha256(f"{_CUT_VERSION}:{source.name}:{size}:".encode() + head + tail)
    return digest.hexdigest()[:12]


def _cache_dir() -> Path:
    configured = os.environ.get("UADESK_FONT_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "ua-desk" / "fonts"


_CUT_VERSION = 2  # change when _cut_regular makes a different file, so caches are remade


def _cut_regular(source: Path, target: Path) -> None:
    from fontTools.ttLib import TTFont as ToolsFont  # only needed the first time on a machine
    from fontTools.varLib import instancer

    target.parent.mkdir(parents=True, exist_ok=True)
    font = ToolsFont(str(source))
    axes = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
    axes["wght"] = 400
    regular = instancer.instantiateVariableFont(font, axes)
    # The names still say the default instance ("NotoSansSC-Thin"), which is what a PDF reader
    # would show as the font: name the weight the outlines now have.
    default_weight = font["fvar"].axes[[axis.axisTag for axis in font["fvar"].axes].index("wght")].defaultValue
    if default_weight != 400:
        for record in regular["name"].names:
            if record.nameID in (2, 3, 4, 6, 17):
                text = record.toUnicode()
                for weight in ("ExtraLight", "Thin", "Light"):
                    text = text.replace(weight, "Regular")
                record.string = text
    # Written beside the target and renamed, so that a process reading the cache never sees
    # half a file while another one writes it.
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".ttf.part")
    os.close(handle)
    try:
        regular.save(temporary)
        os.chmod(temporary, 0o644)  # fonts are public: a service user may read what `make install` made
        os.replace(temporary, target)
        for stale in target.parent.glob(target.name.rsplit("-", 1)[0] + "-*.ttf"):
            if stale != target:
                stale.unlink(missing_ok=True)  # cut from an older package or by older code
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


# --- choosing faces ----------------------------------------------------------------------------

def script_faces(language: str) -> tuple[str, ...]:
    """The faces a letter in this language is printed in, first choice first."""
    return SCRIPT_FONTS.get(letter_language(language).script, SCRIPT_FONTS["Latn"])


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: styles are shared singletons
class Style:
    """The faces and size a document's text is set in."""

    regular: Face
    bold: Face                   # the regular face itself when it has no bold: drawn outlined
    faces: tuple[Face, ...]      # faces registered for the document, regular first
    size: float
    leading: float
    more: tuple[str, ...] = ()   # the language's other faces, registered when a character needs them
    fallback: dict[str, Face | None] = field(default_factory=dict)  # char -> face, filled as met

    def face_for(self, char: str) -> Face | None:
        """The first face that draws char, or None when no face does."""
        try:
            return self.fallback[char]
        except KeyError:
            pass
        found = None
        for candidate in self.faces:
            if candidate.has(char):
                found = candidate
                break
        else:
            # Faces are registered only when a character needs them.
            for name in (*self.more, *FALLBACK_ORDER):
                candidate = face(name)
                if candidate.has(char):
                    found = candidate
                    break
        self.fallback[char] = found
        return found


_styles: dict[tuple, Style] = {}


def style_for(text: str, language: str, *, serif: bool = True) -> Style:
    """The style for a document: its language's faces, and a line height tall enough for every
    script in text. Text WinAnsi covers, in a Latin-script language, stays in a standard font."""
    names = script_faces(language)
    if names == SCRIPT_FONTS["Latn"]:
        if not serif:
            names = ("NotoSans",)
        if _is_winansi(text):
            regular, bold = (TIMES, TIMES_BOLD) if serif else (HELVETICA, HELVETICA_BOLD)
            return _style(regular, (), 11 if serif else 10, 14 if serif else 13.5, bold=bold)
    first = face(names[0])
    size = 9.5 if first.name == "NotoSans" else 10
    # The tallest script the text needs sets the line height for the whole document, so lines
    # stay evenly spaced.
    probe = _style(first, names, size, size * first.leading)
    factor = first.leading
    for char in set(text):
        found = probe.face_for(char)
        if found is not None and found.leading > factor and not char.isspace():
            factor = found.leading
    return _style(first, names, size, round(size * factor, 2))


def _style(first: Face, names: tuple[str, ...], size: float, leading: float, *,
           bold: Face | None = None) -> Style:
    key = (first.name, bold.name if bold else "", names, size, leading)
    found = _styles.get(key)
    if found is None:
        style = Style(first, bold or first, (first,), size, leading, more=names[1:])
        found = _styles.setdefault(key, style)
    return found


def _is_winansi(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def unprintable(text: str) -> list[str]:
    """The characters of text that no font of the letters can draw, in order of appearance.

    Spaces, line breaks, controls and other invisible characters are not counted: the PDF
    drops them without harm.
    """
    missing: list[str] = []
    style = style_for("", "en")
    for char in dict.fromkeys(unicodedata.normalize("NFC", text)):
        if not char.isprintable() or char.isspace() or char in JOINER_CONTROLS:
            continue
        if unicodedata.category(char) == "Mn":
            continue  # a mark is drawn with its letter; shaping places or composes it
        if style.face_for(char) is None:
            missing.append(char)
    return missing


def prepare() -> list[Path]:
    """Makes every cached Regular instance now (for `make install`), and returns the files."""
    return [font_path(name) for name, spec in FONT_FILES.items() if spec.regular_instance]
