"""SECURITY.md cites the tests that prove each mitigation: those tests must exist.

A renamed or deleted test would otherwise leave the threat model promising something that no
longer runs. Some tests are made by a loop at import time (tests/test_hostile_input.py), so a
name not defined with `def` is looked up on the imported module.
"""
from __future__ import annotations

import ast
import importlib.util
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "SECURITY.md"
CITATION = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")
TODO = "TODO(test)"
# Sections whose every bullet is a mitigation, and so must cite its tests.
MITIGATION_SECTIONS = ("## Mitigations", "## Abuse of the email channel", "## Don't keep my address")


def _text() -> str:
    return DOC.read_text(encoding="utf-8")


@cache
def _defined(path: str) -> frozenset[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return frozenset(node.name for node in ast.walk(tree)
                     if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))


@cache
def _module_names(path: str) -> frozenset[str]:
    spec = importlib.util.spec_from_file_location(f"_security_doc_{Path(path).stem}", ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(name for name in vars(module) if name.startswith("test_"))


def _exists(path: str, name: str) -> bool:
    if not (ROOT / path).is_file():
        return False
    return name in _defined(path) or name in _module_names(path)


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^(## .+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _bullets(section: str) -> list[str]:
    """Top-level "- " items with their continuation lines."""
    items: list[str] = []
    for line in section.splitlines():
        if line.startswith("- "):
            items.append(line)
        elif items and line.startswith("  "):
            items[-1] += " " + line.strip()
        elif not line.strip() or line.startswith("#"):
            continue
        elif items:
            items.append("")  # prose between lists ends the item
    return [item for item in items if item]


def test_every_cited_test_exists():
    citations = CITATION.findall(_text())
    assert len(citations) >= 40, "the threat model should cite its tests"
    missing = sorted({f"{path}::{name}" for path, name in citations if not _exists(path, name)})
    assert not missing, "SECURITY.md cites tests that do not exist:\n" + "\n".join(missing)


def test_every_mitigation_cites_a_test():
    sections = _sections(_text())
    for heading in MITIGATION_SECTIONS:
        assert heading in sections, f"SECURITY.md has no section {heading!r}"
    for title in ("## Assets", "## Adversaries", "## What each compromise surrenders"):
        assert title in sections, f"SECURITY.md has no section {title!r}"
    uncited = [bullet[:80] for heading, body in sections.items()
               if heading.startswith(MITIGATION_SECTIONS) or heading == "## Mitigations"
               for bullet in _bullets(body) if not CITATION.search(bullet) and TODO not in bullet]
    assert not uncited, "mitigations without a test:\n" + "\n".join(uncited)


def test_the_checks_catch_what_they_should():
    assert _exists("tests/test_security_doc.py", "test_every_cited_test_exists")
    assert _exists("tests/test_hostile_input.py", "test_hostile_name_never_breaks_the_form")  # made by a loop
    assert not _exists("tests/test_security_doc.py", "test_that_was_never_written")
    assert not _exists("tests/no_such_file.py", "test_anything")
    assert _bullets("- **A.** Tests: `tests/x.py::y`.\n  more\n\nProse.\n- **B.** none") == [
        "- **A.** Tests: `tests/x.py::y`. more", "- **B.** none"]


def test_security_doc_has_no_open_todos():
    """The email channel's abuse controls are described before their tests are named here."""
    open_items = [bullet[:90] for body in _sections(_text()).values() for bullet in _bullets(body) if TODO in bullet]
    assert TODO not in _text() or open_items
    assert not open_items, f"SECURITY.md still has {len(open_items)} {TODO} item(s):\n" + "\n".join(open_items)
