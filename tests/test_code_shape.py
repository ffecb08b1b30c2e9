"""The shape of the code: no module imports, at any depth and from any function, one that imports it back."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", ".git", "node_modules", "tests", "benchmarks", "migrations", "__pycache__", "instance",
           "test-artifacts"}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if SKIPPED & set(parts):
            continue
        name = ".".join(parts)[:-3]
        modules[name.removesuffix(".__init__")] = path
    return modules


def _imports(source: str, modules) -> set[str]:
    """Project modules named by any import in the source, those inside functions included."""
    named = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named.add(node.module)
            named.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in named if name in modules}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_import_circles():
    modules = _modules()
    graph = {name: _imports(path.read_text(), modules) - {name} for name, path in modules.items()}
    assert _cycles(graph) == []


def test_the_checker_finds_a_circle_hidden_in_a_function():
    sources = {
        "shop.orders": "from shop.mail import send\n",
        "shop.mail": "def send():\n    from shop.orders import total\n",
        "shop.report": "import shop.orders\n",
    }
    graph = {name: _imports(source, sources) - {name} for name, source in sources.items()}
    assert _cycles(graph) == [["shop.mail", "shop.orders"]]
