"""Organisers write updates in Markdown; readers get HTML that can hold no script."""
from __future__ import annotations

import re

import markdown as markdown_lib
import nh3
from markupsafe import Markup, escape
from wtforms.validators import ValidationError

_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code"}
# Lists and quotes inside one another. Real updates use two or three levels; Python-Markdown parses
# each level with a recursive call, so a few hundred levels ("- - - - …") exhaust Python's stack.
MAX_NESTING = 10
_NESTING_TAG = re.compile(r"<(/?)(?:ul|ol|blockquote)>")


def render_markdown(text: str) -> str:
    """Safe HTML for any text, and never an error: text nested past Python's stack is shown as plain text.

    The update form refuses such text (see `shallow_nesting`); this holds for what was stored before.
    """
    html = _render(text or "")
    if html is None:
        html = _paragraphs(text)
    return _clean(html)


def nesting_problem(text: str) -> str | None:
    """Why this Markdown nests lists or quotes too deeply for an update, or None when it does not."""
    html = _render(text or "")
    depth = _nesting(_clean(html)) if html is not None else None
    if depth is not None and depth <= MAX_NESTING:
        return None
    how_deep = f"{depth} levels" if depth is not None else "hundreds of levels"
    return (f"Lists or quotes here sit {how_deep} inside one another; please keep to {MAX_NESTING} levels or "
            "fewer (each “-”, “1.” or “>” at the start of a line, or four spaces before one, is a level).")


def shallow_nesting(form, field) -> None:
    """WTForms validator for a Markdown field: refuses lists or quotes nested deeper than MAX_NESTING."""
    problem = nesting_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def _render(text: str) -> str | None:
    try:
        return markdown_lib.markdown(text, extensions=[], output_format="html")
    except RecursionError:
        return None


def _clean(html: str) -> str:
    return nh3.clean(html, tags=_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def _paragraphs(text: str) -> str:
    return "".join(Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in block.splitlines()))
                   for block in re.split(r"\n\s*\n", text) if block.strip())


def _nesting(html: str) -> int:
    """How deep lists and quotes go in HTML cleaned by nh3, which writes these tags bare."""
    depth = deepest = 0
    for match in _NESTING_TAG.finditer(html):
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest
