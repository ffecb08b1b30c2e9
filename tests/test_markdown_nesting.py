"""Case updates nested past reason: refused with a message in the form, and never an error when shown."""
from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from extensions import db
from models import CaseUpdate
from subscriptions.markdown import MAX_NESTING, nesting_problem, render_markdown

# Each is a few hundred levels deep, past what Python-Markdown can parse within Python's stack.
TOO_DEEP = {
    "dashes": "- " * 500 + "the end",
    "numbers": "1. " * 500 + "the end",
    "mixed markers": "- * " * 300 + "the end",
    "indented lists": "".join("    " * level + "- the end\n" for level in range(300)),
}
REAL_UPDATE = """He was **moved** to Turkmenabat. What we know:

- his lawyer was not told
    - nor was his family
        - who learnt it from a neighbour

> The court said:
> > "no visits until the appeal"
"""


@pytest.mark.parametrize("text", TOO_DEEP.values(), ids=TOO_DEEP.keys())
def test_rendering_never_fails_and_shows_text_too_deep_to_parse_as_text(text):
    shown = render_markdown(text)
    assert "<ul>" not in shown and "<ol>" not in shown
    assert "the end" in html.unescape(shown)
    assert nesting_problem(text) == (
        f"Lists or quotes here sit hundreds of levels inside one another; please keep to {MAX_NESTING} levels or "
        "fewer (each “-”, “1.” or “>” at the start of a line, or four spaces before one, is a level).")


def test_real_nesting_is_accepted_and_one_level_too_many_is_refused():
    assert nesting_problem(REAL_UPDATE) is None
    assert "<ul>\n<li>nor was his family<ul>" in render_markdown(REAL_UPDATE).replace("his lawyer was not told", "")
    assert nesting_problem("> " * MAX_NESTING + "deep enough") is None
    assert nesting_problem("> " * (MAX_NESTING + 1) + "too deep").startswith(
        f"Lists or quotes here sit {MAX_NESTING + 1} levels inside one another")
    # Raw HTML counts too: it reaches readers as the same nesting.
    assert nesting_problem("<blockquote>" * (MAX_NESTING + 1) + "x") is not None


def test_text_too_deep_to_parse_is_still_escaped():
    shown = render_markdown("- " * 500 + "<script>alert(1)</script>\n\nand a second paragraph")
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert shown.endswith("<p>and a second paragraph</p>")


def _post_update(org_client, demo, body: str):
    return org_client.post(f"/organisers/campaigns/{demo.id}/updates/new", data=dict(
        kind="action_continues", title="Moved again", body_markdown=body, happened_on="2026-11-20"))


@pytest.mark.parametrize("name", ["dashes", "numbers", "mixed markers"])  # short enough for the form
def test_a_deep_update_never_breaks_the_update_form(org_client, demo, name):
    response = _post_update(org_client, demo, TOO_DEEP[name])
    assert response.status_code in (303, 400)
    update = db.session.scalar(select(CaseUpdate).where(CaseUpdate.number == 3))
    if response.status_code == 400:  # refused, with the text kept for mending
        assert update is None and "the end" in response.get_data(as_text=True)
    else:
        assert "the end" in update.body_html and "<ul>" not in update.body_html
        assert org_client.get("/campaigns/ua-118-21").status_code == 200


def test_the_update_form_refuses_deep_nesting_beside_the_text(org_client, demo):
    response = _post_update(org_client, demo, TOO_DEEP["dashes"])
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "please keep to 10 levels or fewer" in page and "- - - the end" in page
    assert db.session.scalar(select(CaseUpdate).where(CaseUpdate.number == 3)) is None
