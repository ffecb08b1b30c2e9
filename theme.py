"""The organisation's colours on every page: contrast checked, served as a small stylesheet."""
from __future__ import annotations

import hashlib
from typing import NamedTuple

from flask import Flask, Response, current_app, has_request_context, request, url_for

import config as settings
from caching import conditional
from i18n import interface_language

WHITE = "#ffffff"
NEAR_BLACK = "#1b1b1b"
BLACK = "#000000"
# The light backgrounds the stylesheet puts text and links on (app.css: --bg, --bg-soft).
LIGHT_BACKGROUNDS = (WHITE, "#f4f6f8")
# WCAG 2 level AA: normal text 4.5:1; the edges of buttons and bars 3:1.
TEXT_CONTRAST = 4.5
EDGE_CONTRAST = 3.0


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(channels) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in channels)


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #rrggbb colour: 0 for black, 1 for white."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (the same) to 21 (black on white), as WCAG 2 defines it."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0 to 1) of `other` mixed in."""
    return _hex(a + (b - a) * share for a, b in zip(_channels(colour), _channels(other), strict=True))


def text_colour_on(background: str) -> str:
    """White text if it reads at AA on `background`, else near-black, else black.

    One of white and black always reaches 4.5:1 (the worst background gives 4.58:1);
    near-black is kinder to read but falls short on mid-tones, where plain black steps in.
    """
    for candidate in (WHITE, NEAR_BLACK, BLACK):
        if contrast_ratio(candidate, background) >= TEXT_CONTRAST:
            return candidate
    return BLACK  # unreachable for valid colours; kept so the function always answers


def readable_on(colour: str, backgrounds=LIGHT_BACKGROUNDS, ratio: float = TEXT_CONTRAST) -> str:
    """`colour`, darkened just enough to reach `ratio` against every one of `backgrounds`."""
    for step in range(0, 101):
        candidate = mix(colour, BLACK, step / 100)
        if all(contrast_ratio(candidate, bg) >= ratio for bg in backgrounds):
            return candidate
    return BLACK


def palette(brand: str, accent: str) -> dict[str, str]:
    """The CSS custom properties that carry the organisation's colours (see static/css/app.css)."""
    brand_soft = mix(brand, WHITE, 0.92)
    light = LIGHT_BACKGROUNDS + (brand_soft,)
    brand_text = readable_on(brand, light)
    return {
        "--brand": brand,
        "--brand-contrast": text_colour_on(brand),
        "--brand-text": brand_text,
        "--brand-soft": brand_soft,
        "--link": brand_text,
        "--accent": accent,
        "--accent-contrast": text_colour_on(accent),
        "--accent-edge": readable_on(accent, light, EDGE_CONTRAST),
    }


def stylesheet(brand: str, accent: str) -> str:
    lines = [f"  {name}: {value};" for name, value in palette(brand, accent).items()]
    return "/* The organisation's colours (ORG_COLOUR, ORG_ACCENT_COLOUR). */\n:root {\n" + "\n".join(lines) + "\n}\n"


def init_app(app: Flask) -> None:
    # Checked here as well as in config.py, so colours given to create_app() are refused too.
    brand = settings.colour("ORG_COLOUR", app.config["ORG_COLOUR"])
    accent = settings.colour("ORG_ACCENT_COLOUR", app.config["ORG_ACCENT_COLOUR"])
    css = stylesheet(brand, accent).encode()
    version = hashlib.sha256(css).hexdigest()[:12]

    # A stylesheet, not inline styles: the Content-Security-Policy allows no inline CSS.
    def theme_css():
        response = Response(css, mimetype="text/css")
        if request.args.get("v") == version:
            # The address changes whenever the colours do, so browsers may keep it for good.
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["Cache-Control"] = "public, max-age=300"
        response.set_etag(version)
        return conditional(response)

    app.add_url_rule("/theme.css", "theme_css", theme_css, methods=["GET"])

    # Emails cannot load a stylesheet: their buttons take the colours inline.
    colours = {"theme_colour": brand, "theme_text_colour": text_colour_on(brand)}
    app.extensions["email_colours"] = colours

    @app.context_processor
    def theme_url():
        # Pages only (emails go through render_email); outside a request there is nothing to link from.
        if not has_request_context():
            return colours
        return {"theme_css_url": url_for("theme_css", v=version), **colours}


class EmailBody(NamedTuple):
    text: str
    html: str


def render_email(template: str, **context) -> EmailBody:
    """An email's two bodies from `template`.txt and `template`.html, with one context and the
    colours its buttons take inline.

    Not render_template: emails owe nothing to the request that queued them (no signed-in
    organiser, no stylesheet link), so the page's context processors are skipped, and with
    them their cost on the action form's POST. Escaping follows the file name, as for pages:
    none in the text, HTML escaping in the HTML.
    """
    language = interface_language()  # the reader's: builders render under their stored locale
    env = current_app.jinja_env
    context = {**current_app.extensions["email_colours"], "email_lang": language.code,
               "email_dir": "rtl" if language.is_rtl else "ltr", **context}
    return EmailBody(text=env.get_template(f"{template}.txt").render(context),
                     html=env.get_template(f"{template}.html").render(context))
