"""The interface speaks the visitor's language: how it is chosen, that every word can be translated,
that every shipped catalog translates every word, and that emails follow the reader's language."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import nodes
from sqlalchemy import select

from extensions import db
from i18n import COOKIE, INTERFACE_LANGUAGES
from formatting import long_date
from models import Action, OutboxMessage, Subscription, SubscriptionStatus, UpdateKind
from outbox.jobs import run_due_jobs
from subscriptions.updates import publish_update
from tests.helpers import action_data, confirm_by_email, secret_from

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
WRITE = "/campaigns/ua-118-21/write"


def _page_language(client, path: str = "/", **headers) -> str:
    return _lang_and_dir(client.get(path, headers=headers).get_data(as_text=True))[0]


def _lang_and_dir(html: str) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]*)" dir="([^"]*)">', html)
    assert match, "the page has no <html lang dir>"
    return match.group(1), match.group(2)


# --- choosing the language ------------------------------------------------------------------------

def test_the_visitors_choice_beats_their_browser(client):
    client.set_cookie(COOKIE, "fr")
    assert _lang_and_dir(client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)) == ("fr", "ltr")


def test_the_browser_beats_the_organisations_default(make_app):
    client = make_app(DEFAULT_LOCALE="ru").test_client()
    assert _page_language(client, **{"Accept-Language": "de-AT,de;q=0.9"}) == "de"
    # A language we do not speak in the browser's list: the organisation's default.
    assert _page_language(client, **{"Accept-Language": "ja"}) == "ru"
    assert _page_language(client) == "ru"


def test_a_cookie_naming_no_interface_language_is_ignored(client):
    client.set_cookie(COOKIE, "xx")
    assert _lang_and_dir(client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True))[0] == "es"


def test_arabic_pages_run_right_to_left(client, demo):
    client.set_cookie(COOKIE, "ar")
    for path in ("/", "/campaigns/ua-118-21", WRITE, "/subscribe", "/privacy/erase", "/no-such-page"):
        assert _lang_and_dir(client.get(path).get_data(as_text=True)) == ("ar", "rtl"), path
    client.set_cookie(COOKIE, "en")
    assert _lang_and_dir(client.get("/").get_data(as_text=True)) == ("en", "ltr")


BACK_ARROW = re.compile(r'<span class="back-arrow" aria-hidden="true">(.)</span>')


def test_back_links_point_back_the_way_the_page_reads(client, demo, organiser):
    from tests.helpers import log_in

    log_in(client)
    pages = (WRITE, f"/organisers/campaigns/{demo.id}/letters", "/organisers/groups/new")
    for language, arrow in (("ar", "→"), ("en", "←"), ("de", "←")):
        client.set_cookie(COOKIE, language)
        for path in pages:
            assert BACK_ARROW.findall(client.get(path).get_data(as_text=True)) == [arrow], (language, path)


def test_every_back_arrow_comes_from_the_one_macro():
    # A bare arrow would point left in Arabic too: templates/_arrows.html picks it by the page's direction.
    for template in TEMPLATES.rglob("*.html"):
        if template.name != "_arrows.html":
            text = template.read_text()
            assert not re.search("[←→]|&larr;|&rarr;", text), template.relative_to(TEMPLATES)


def test_the_switcher_remembers_the_choice_and_returns_to_the_page(client, demo):
    response = client.get("/language/es?next=/campaigns/ua-118-21%3Fx%3D1")
    assert response.status_code == 303 and response.headers["Location"] == "/campaigns/ua-118-21?x=1"
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None and cookie.value == "es" and cookie.http_only
    assert _lang_and_dir(client.get("/campaigns/ua-118-21").get_data(as_text=True))[0] == "es"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x",
                                      ""])
def test_the_switcher_returns_only_to_a_page_of_this_site(client, next_url):
    response = client.get("/language/de", query_string={"next": next_url})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_an_unknown_language_code_is_not_found(client):
    assert client.get("/language/xx?next=/").status_code == 404
    assert client.get_cookie(COOKIE) is None


def test_every_page_links_to_every_interface_language(client, demo):
    html = client.get("/campaigns/ua-118-21").get_data(as_text=True)
    for code, language in INTERFACE_LANGUAGES.items():
        assert f'href="/language/{code}?next=/campaigns/ua-118-21"' in html
        assert language.autonym in html


def test_dates_numbers_countries_and_languages_follow_the_page(client, demo):
    client.set_cookie(COOKIE, "es")
    html = client.get("/campaigns/ua-118-21").get_data(as_text=True)
    assert long_date(demo.deadline, "es") in html and "de 20" in long_date(demo.deadline, "es")
    assert "Turkmenistán" in html and "Ruso" in html  # the country, and a preferred language
    client.set_cookie(COOKIE, "de")
    assert "5.000" in client.get("/").get_data(as_text=True)  # the goal, grouped as German writes it
    client.set_cookie(COOKIE, "fr")
    assert "5\u202f000" in client.get("/").get_data(as_text=True)  # a narrow no-break space in French
    client.set_cookie(COOKIE, "en")
    html = client.get("/campaigns/ua-118-21").get_data(as_text=True)
    assert long_date(demo.deadline, "en") in html and "Turkmenistan" in html and "Russian" in html


# --- no word outside a translation call -----------------------------------------------------------

# Template text that is not a word to translate. Keep it short: anything a person reads belongs
# in a translation call.
ALLOWED_TEXT = {
    "UA Desk",  # the default organisation name, never shown where ORG_NAME is set
    "wrap-case", "wrap-wide",  # CSS classes a page adds to its layout ({% block main_class %})
}
# Attributes a person reads (or hears from a screen reader).
READ_ATTRIBUTES = {"placeholder", "aria-label", "aria-description", "title", "alt", "aria-roledescription"}
_LETTER = re.compile(r"[^\W\d_]")
_HOLE = "\x00"  # stands for anything computed: a variable, a call, a block


def _has_words(text: str) -> bool:
    text = text.replace(_HOLE, " ").strip()
    return bool(_LETTER.search(text)) and text not in ALLOWED_TEXT


class _HtmlWords(HTMLParser):
    """Text and read attributes of HTML, outside <style> and <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:
            is_button_text = name == "value" and tag == "input" and dict(attrs).get("type") in ("submit", "button")
            if (name in READ_ATTRIBUTES or is_button_text) and value and _has_words(value):
                self.found.append(f'{name}="{value.replace(_HOLE, "…")}"')

    def handle_endtag(self, tag):
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _has_words(data):
            self.found.append(" ".join(data.replace(_HOLE, "…").split()))


def _const_output(node) -> list[str]:
    """Literal strings an output expression prints as they are ({{ 'People' if … else 'Person' }})."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, nodes.CondExpr):
        return _const_output(node.expr1) + (_const_output(node.expr2) if node.expr2 is not None else [])
    if isinstance(node, nodes.Concat):
        return [text for part in node.nodes for text in _const_output(part)]
    if isinstance(node, nodes.Filter) and node.name in ("upper", "lower", "capitalize", "title", "e", "escape"):
        return _const_output(node.node)
    if isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Dict):
        return [text for pair in node.node.items for text in _const_output(pair.value)]
    return []


def _linear_text(node, out: list[str], consts: list[str]) -> None:
    """The template's own text in source order, every computed part replaced by a hole."""
    if isinstance(node, nodes.TemplateData):
        out.append(node.data)
        return
    if isinstance(node, nodes.Output):
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                out.append(child.data)
            else:
                consts.extend(text for text in _const_output(child) if _has_words(text))
                out.append(_HOLE)
        return
    for child in node.iter_child_nodes():
        _linear_text(child, out, consts)


def untranslated_text(env, path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = env.parse(source)
    pieces: list[str] = []
    consts: list[str] = []
    _linear_text(tree, pieces, consts)
    text = "".join(pieces)
    if path.suffix == ".txt":
        found = [" ".join(line.replace(_HOLE, "…").split()) for line in text.splitlines() if _has_words(line)]
    else:
        parser = _HtmlWords()
        parser.feed(text)
        parser.close()
        found = parser.found
    return found + [f"literal {text!r}" for text in consts]


def test_the_scanner_finds_words_outside_translation_calls(app):
    """The test below can fail: the scanner sees text, read attributes and printed literals."""
    env = app.jinja_env
    probe = TEMPLATES / "_i18n_probe.html"
    probe.write_text('<p title="Hello there">{{ _("fine") }} Stray words <b>{% trans %}ok{% endtrans %}</b></p>'
                     '<style>.a { color: red }</style><i>{{ "Literal" if x else _("fine") }}</i>'
                     '<input type="submit" value="Send"><span class="no-words">·</span>', encoding="utf-8")
    try:
        found = untranslated_text(env, probe)
    finally:
        probe.unlink()
    assert found == ['title="Hello there"', "… Stray words", 'value="Send"', "literal 'Literal'"]


def test_every_template_puts_its_words_in_translation_calls(app):
    env = app.jinja_env
    offenders = {}
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix in (".html", ".txt"):
            found = untranslated_text(env, path)
            if found:
                offenders[str(path.relative_to(ROOT))] = found
    report = "\n".join(f"{name}:\n" + "\n".join(f"    {text}" for text in texts) for name, texts in offenders.items())
    assert not offenders, "Text outside {% trans %} or _():\n" + report


# --- every shipped catalog translates every message -----------------------------------------------

_PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifr]")
# Jinja's {% trans count=… %} and ngettext name the number; a singular may say "one" in words instead.
_NUMBER_NAMES = {"count", "num", "n"}  # the number a plural form may write in words


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def extracted_messages() -> dict[tuple[str | tuple[str, ...], str | None], set[str]]:
    """What `make messages` extracts from the source: (msgid (a tuple for plurals), context) → where it is."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
                "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
    messages: dict = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords, comment_tags=("Translators:",),
            strip_comment_tags=True):
        if filename.startswith(("tests/", "benchmarks/")) or not message:
            continue
        if isinstance(message, tuple) and not message[0]:
            continue
        messages.setdefault((message, context), set()).add(filename)
    return messages


def test_extraction_finds_the_public_pages_words():
    """The catalog check below reads what extraction finds: make sure it finds text of every kind."""
    messages = {message for message, _context in extracted_messages()}
    assert "Write a letter now" in messages  # a template's _()
    assert "Please enter your name." in messages  # a form's lazy_gettext
    assert ("Please check this %(count)s field", "Please check these %(count)s fields") in messages  # a plural
    assert "Please confirm your letters for %(ua)s" in messages  # an email builder's gettext
    assert ("Other", "outcome of a case") in extracted_messages()  # a pgettext, kept apart by its context
    assert not any(isinstance(m, str) and m != m.strip() for m in messages), "untrimmed {% trans %} text"


def catalog_problems(code: str, messages: dict, root: Path = ROOT) -> list[str]:
    path = root / "translations" / code / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return [f"{path.relative_to(root)} is missing: run `make messages` and translate it"]
    with open(path, "rb") as po:
        catalog = read_po(po, locale=code)
    problems = []
    for (msgid, context), where in sorted(messages.items(), key=lambda item: str(item[0])):
        singular = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(singular, context=context)
        shown = f"{singular!r}{f' [{context}]' if context else ''} ({', '.join(sorted(where))})"
        if message is None:
            problems.append(f"missing: {shown}")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {shown}")
        translations = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if isinstance(msgid, tuple) != isinstance(message.id, (tuple, list)):
            problems.append(f"singular and plural mixed up: {shown}")
            continue
        if not all(translations):
            problems.append(f"empty: {shown}")
            continue
        if isinstance(msgid, tuple):
            expected = _placeholders(msgid[0]) | _placeholders(msgid[1])
            for form in translations:
                found = _placeholders(form)
                if not found <= expected or not (expected - _NUMBER_NAMES) <= found:
                    problems.append(f"placeholders {sorted(found)} in {form!r}, expected {sorted(expected)}: {shown}")
        else:
            found, expected = _placeholders(translations[0]), _placeholders(singular)
            if found != expected:
                problems.append(f"placeholders {sorted(found)} in {translations[0]!r}, expected {sorted(expected)}: "
                                f"{shown}")
    return problems


@pytest.mark.parametrize("code", [code for code in INTERFACE_LANGUAGES if code != "en"])
def test_every_shipped_catalog_translates_every_message(code):
    problems = catalog_problems(code, extracted_messages())
    assert not problems, f"translations/{code}: {len(problems)} problem(s)\n" + "\n".join(problems)


def test_the_catalog_check_fails_on_what_it_should(tmp_path):
    """Missing, empty, fuzzy and misplaced-placeholder messages are each reported."""
    catalog = Catalog(locale="es")
    catalog.add("Hello", "Hola")
    catalog.add("Empty", "")
    catalog.add("Fuzzy", "Difuso", flags=["fuzzy"])
    catalog.add("For %(ua)s", "Para %(number)s")
    catalog.add(("%(num)s letter", "%(num)s letters"), ("una carta", "%(num)s cartas"))
    catalog.add(("%(num)s email to %(name)s", "%(num)s emails to %(name)s"), ("un correo", "%(num)s correos"))
    catalog.add("Other", "Otra cosa", context="a reply")
    folder = tmp_path / "translations" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    from babel.messages.pofile import write_po
    with open(folder / "messages.po", "wb") as po:
        write_po(po, catalog)
    messages = {(m, None): {"x.py"} for m in ("Hello", "Empty", "Fuzzy", "For %(ua)s", "Absent",
                                                ("%(num)s letter", "%(num)s letters"),
                                                ("%(num)s email to %(name)s", "%(num)s emails to %(name)s"))}
    messages[("Other", "a reply")] = {"x.py"}  # found under its context
    messages[("Other", "an outcome")] = {"x.py"}  # another context: missing
    problems = catalog_problems("es", messages, root=tmp_path)
    # "una carta" (no number, in words) is fine; "un correo" drops the name, and so does "%(num)s correos".
    assert sorted(problem.split(" ", 1)[0] for problem in problems) == [
        "empty:", "fuzzy:", "missing:", "missing:", "placeholders", "placeholders", "placeholders"], problems
    assert any("'Absent'" in problem for problem in problems if problem.startswith("missing"))
    assert any("'Other' [an outcome]" in problem for problem in problems if problem.startswith("missing"))
    assert any("Para %(number)s" in problem for problem in problems)
    assert catalog_problems("fr", messages, root=tmp_path) == [
        "translations/fr/LC_MESSAGES/messages.po is missing: run `make messages` and translate it"]


# --- emails speak the reader's language -----------------------------------------------------------

TEST_TRANSLATIONS = {
    "Please confirm your letters for %(ua)s": "Confirma tus cartas para %(ua)s",
    "Confirm and send my letters": "Confirmar y enviar mis cartas",
    "Copy of your letters for %(ua)s": "Copia de tus cartas para %(ua)s",
    "Thank you for writing.": "Gracias por escribir.",
    "Please confirm: updates on %(ua)s": "Confirma: novedades sobre %(ua)s",
    "Confirm my subscription": "Confirmar mi suscripción",
    "Further information": "Más información",
    "%(kind)s on %(ua)s — update %(number)s": "%(kind)s sobre %(ua)s — novedad %(number)s",
    "Leave with one click": "Salir con un clic",
}


@pytest.fixture
def spanish_app(make_app, tmp_path):
    """An app whose Spanish catalog holds a few email strings, compiled as `make translations` does."""
    catalog = Catalog(locale="es")
    for msgid, msgstr in TEST_TRANSLATIONS.items():
        catalog.add(msgid, msgstr)
    folder = tmp_path / "translations" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as mo:
        write_mo(mo, catalog)
    app = make_app(BABEL_TRANSLATION_DIRECTORIES=str(tmp_path / "translations"))
    with app.app_context():
        yield app


def _outbox(kind: str) -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)))


def test_a_supporter_writing_in_spanish_gets_their_emails_in_spanish(spanish_app, demo_factory):
    demo = demo_factory()
    client = spanish_app.test_client()
    client.set_cookie(COOKIE, "es")
    response = client.post(WRITE, data=action_data(demo, client, channel="email", address_line1="", wants_copy="y"))
    assert response.status_code == 303
    action = db.session.scalar(select(Action))
    assert action.locale == "es"
    [confirmation] = _outbox("confirmation")
    assert confirmation.subject == "Confirma tus cartas para UA 118/21"
    assert "Confirmar y enviar mis cartas" in confirmation.body_html

    # The link is opened in another browser, in English: the copy still speaks Spanish.
    other_browser = spanish_app.test_client()
    other_browser.set_cookie(COOKIE, "en")
    assert confirm_by_email(other_browser, secret_from(response)).status_code == 303
    [copy] = _outbox("copy")
    assert copy.subject == "Copia de tus cartas para UA 118/21"
    assert "Gracias por escribir." in copy.body_text
    # The letters themselves stay in the letter's language.
    assert "Dear President," in copy.body_text


def test_an_english_supporter_gets_english_emails_from_the_same_app(spanish_app, demo_factory):
    demo = demo_factory()
    client = spanish_app.test_client()
    client.set_cookie(COOKIE, "en")
    client.post(WRITE, data=action_data(demo, client, channel="email", address_line1=""))
    assert db.session.scalar(select(Action.locale)) == "en"
    assert _outbox("confirmation")[0].subject == "Please confirm your letters for UA 118/21"


def test_following_after_acting_asks_in_the_language_of_the_action(spanish_app, demo_factory):
    """The tick box's subscription is made later by a job, outside any request: it still speaks Spanish."""
    demo = demo_factory()
    client = spanish_app.test_client()
    client.set_cookie(COOKIE, "es")
    client.post(WRITE, data=action_data(demo, client, wants_updates="y"))
    run_due_jobs()
    db.session.commit()
    subscription = db.session.scalar(select(Subscription))
    assert subscription.locale == "es"
    [asked] = _outbox("subscription_confirmation")
    assert asked.subject == "Confirma: novedades sobre UA 118/21"
    assert "Confirmar mi suscripción" in asked.body_html and 'lang="es"' in asked.body_html


def test_a_subscription_keeps_the_language_it_was_asked_in(spanish_app, demo_factory):
    demo_factory()
    client = spanish_app.test_client()
    client.set_cookie(COOKIE, "es")
    assert client.post("/campaigns/ua-118-21/subscribe", data={"email": "sam@example.org",
                                                               "follow": "ua-118-21"}).status_code == 303
    assert db.session.scalar(select(Subscription.locale)) == "es"
    assert _outbox("subscription_confirmation")[0].subject == "Confirma: novedades sobre UA 118/21"


def test_an_update_reaches_each_follower_in_their_own_language(spanish_app, demo_factory):
    """The fan-out runs in the job runner, outside any request: each follower's language still counts."""
    demo = demo_factory()
    for email, locale in (("ana@example.org", "es"), ("bob@example.org", "en")):
        db.session.add(Subscription(email=email, scope=f"campaign:{demo.id}", campaign_id=demo.id,
                                    status=SubscriptionStatus.confirmed, locale=locale))
    number = publish_update(demo, kind=UpdateKind.further_information, title="Moved to another prison",
                            body_markdown="He was moved.").number
    db.session.commit()
    run_due_jobs()
    db.session.commit()
    mail = {message.recipients[0]: message for message in _outbox("update")}
    title = "Moved to another prison"
    assert mail["ana@example.org"].subject == f"Más información sobre UA 118/21 — novedad {number}: {title}"
    assert "Salir con un clic" in mail["ana@example.org"].body_html
    assert 'lang="es"' in mail["ana@example.org"].body_html
    assert mail["bob@example.org"].subject == f"Further information on UA 118/21 — update {number}: {title}"
    assert "Leave with one click" in mail["bob@example.org"].body_html
