"""Running axe-core in a page and reading what it found."""
from __future__ import annotations

BLOCKING_IMPACTS = ("serious", "critical")
# axe rates these "moderate", but a page's landmarks and headings are how screen reader users find
# their way around it, so they block too.
STRUCTURE_RULES = frozenset({
    "heading-order", "empty-heading", "page-has-heading-one", "region", "landmark-one-main", "landmark-unique",
    "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main",
    "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level", "landmark-main-is-top-level",
    "empty-table-header",
})

_RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
  }));
}"""


def axe_violations(page, axe_source: str, impacts=BLOCKING_IMPACTS, rules=STRUCTURE_RULES) -> list[dict]:
    """axe-core's violations on the page as it is now: those of the given impacts, and of the given rules.

    The script is evaluated through the browser's debugging protocol, which the page's Content
    Security Policy does not govern: the policy stays exactly what visitors get.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(f"() => {{ {axe_source}\n}}")
    return [v for v in page.evaluate(_RUN_AXE) if v["impact"] in impacts or v["id"] in rules]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      {node['target']}: {node['summary'].splitlines()[-1].strip()}")
    return "\n".join(lines)
