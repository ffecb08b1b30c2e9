"""The interface language: which one a visitor reads, how they choose it, and its direction.

Three languages meet in one action and never leak into one another: the interface's (chosen
here), the letter's (letters/languages.py) and the imported sheet's. The interface language
comes from the visitor's own choice (a cookie set by the switcher on every page), then the
browser's Accept-Language, then the organisation's DEFAULT_LOCALE.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flask import Blueprint, Flask, abort, current_app, g, has_app_context, has_request_context, redirect, request
from babel.support import Translations
from flask_babel import Babel, Domain, get_locale
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path

from config import SettingError
from urls import safe_next


@dataclass(frozen=True)
class InterfaceLanguage:
    code: str
    autonym: str  # the language's name in itself, as the switcher shows it
    is_rtl: bool = False


# The interface languages with a complete catalog in translations/; English is the source text.
INTERFACE_LANGUAGES: dict[str, InterfaceLanguage] = {language.code: language for language in (
    InterfaceLanguage("en", "English"),
    InterfaceLanguage("es", "Español"),
    InterfaceLanguage("fr", "Français"),
    InterfaceLanguage("de", "Deutsch"),
    InterfaceLanguage("ru", "Русский"),
    InterfaceLanguage("ar", "العربية", is_rtl=True),
)}

COOKIE = "ui_lang"
_COOKIE_MAX_AGE = 365 * 24 * 3600

class _AppDomain(Domain):
    """Flask-Babel's domain, with loaded catalogs cached per application.

    Flask-Babel keeps them on the Babel object, which is shared by every app of the process:
    an app reading catalogs from another BABEL_TRANSLATION_DIRECTORIES would get the first
    app's. Each app keeps its own.
    """

    def get_translations_cache(self, ctx):
        return current_app.extensions.setdefault("babel_translations_cache", {})

    def get_translations(self):
        """The catalog of the locale in force, found once per request (and per forced locale).

        Every translated string asks for it, dozens of times in an action POST, and Flask-Babel
        would look up the context, the cache and the locale's name each time. Flask-Babel keeps
        the request's locale on its state in `g`, and force_locale and refresh put another
        object there; the catalog is kept beside it, and holds while the locale is that object."""
        state = _babel_state()
        kept = getattr(state, _KEPT, None)
        if kept is not None and kept[0] is getattr(state, "babel_locale", None):
            return kept[1]
        locale = get_locale()  # chosen here the first time in a request
        if locale is None:
            return super().get_translations()  # outside an app context: the source text
        catalog = super().get_translations()
        setattr(_babel_state(), _KEPT, (locale, catalog))
        return catalog


_KEPT = "uadesk_translations"


def _babel_state():
    """Flask-Babel's state for the current request or app context (None before it makes one)."""
    return g.get("_flask_babel") if has_app_context() else None


class _Babel(Babel):
    @property
    def domain_instance(self):
        return _AppDomain(domain=self.domain)


babel = _Babel()
bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """The page's or the visitor's choice, then their browser's, then the organisation's default.

    Outside a request (a worker building emails, a CLI command) there is no visitor: the
    organisation's default, unless a builder forces the reader's stored locale.
    """
    if not has_request_context():
        return current_app.config["DEFAULT_LOCALE"]
    # A page that names its language in its URL (the embedded widget, which no cookie of ours reaches).
    chosen = g.get("interface_language_from_url") or request.cookies.get(COOKIE, "")
    if chosen in INTERFACE_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(INTERFACE_LANGUAGES) or current_app.config["DEFAULT_LOCALE"]


def interface_language() -> InterfaceLanguage:
    """The language the current page is written in (English outside a request)."""
    locale = get_locale()
    return INTERFACE_LANGUAGES.get(locale.language if locale else "en", INTERFACE_LANGUAGES["en"])


@bp.get("/language/<code>")
def choose(code: str):
    """Remember the visitor's language and return them to the page they were reading.

    A plain link rather than a form: it changes nothing but how pages read to this visitor,
    and it works without scripts from every page.
    """
    if code not in INTERFACE_LANGUAGES:
        abort(404)
    response = redirect(safe_next(request.args.get("next")) or "/", 303)
    response.set_cookie(COOKIE, code, max_age=_COOKIE_MAX_AGE, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False), httponly=True)
    return response


def init_app(app: Flask) -> None:
    default = app.config.setdefault("DEFAULT_LOCALE", "en")
    if default not in INTERFACE_LANGUAGES:
        raise SettingError(f"DEFAULT_LOCALE must be one of {', '.join(INTERFACE_LANGUAGES)}, not {default!r}")
    babel.init_app(app, locale_selector=select_locale, default_locale=default,
                   default_translation_directories="translations")
    app.jinja_env.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them
    # Templates' strings go to the catalog straight away: the callables Flask-Babel installs look
    # up the request's domain again for every string before they reach it.
    domain = _AppDomain(domain=app.extensions["babel"].default_domain)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: domain.get_translations().ugettext(s),
        ngettext=lambda s, p, n: domain.get_translations().ungettext(s, p, n),
        pgettext=lambda c, s: domain.get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: domain.get_translations().unpgettext(c, s, p, n),
        newstyle=True)
    app.register_blueprint(bp)

    @app.context_processor
    def page_language():
        language = interface_language()
        return {"page_language": language, "page_dir": "rtl" if language.is_rtl else "ltr",
                "interface_languages": INTERFACE_LANGUAGES.values()}


# --- forms ---------------------------------------------------------------------------------------

@lru_cache(maxsize=16)  # one per interface language, and a few to spare
def _wtforms_catalog(locale: str) -> Translations:
    return Translations.load(messages_path(), [locale], domain="wtforms")


class _WTFormsMessages:
    """WTForms' own messages ("Not a valid choice.") in the page's language.

    Flask-WTF would read WTForms' catalog from disk again in every request that shows or checks
    a form, a tenth of an action's cost; each language's catalog is read once per process here.
    """

    def gettext(self, string: str) -> str:
        return _wtforms_catalog(str(get_locale())).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalog(str(get_locale())).ungettext(singular, plural, n)


_WTFORMS_MESSAGES = _WTFormsMessages()


class TranslatedForm(FlaskForm):
    """The base of every form: its labels and messages, and WTForms' own, in the page's language."""

    class Meta:
        def get_translations(self, form):
            return _WTFORMS_MESSAGES
