"""The package's layers: imports point only downward, no cycles, no lazy imports across packages.

Layers, bottom to top: ``core`` < topics (``accounts`` < ``city`` < ``forest`` < ``flows`` < ``sdgs``)
< ``outputs`` < ``pipeline``. A module may import its own package and anything below it, at module
level. Every module under ``src/footprint`` is read with :mod:`ast` (nothing is imported).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PKG = SRC / "footprint"
TOPICS = ("accounts", "city", "forest", "flows", "sdgs")
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PKG.rglob("*.py")) if "__pycache__" not in p.parts}


def rank(module: str) -> tuple[int, int]:
    """Layer of a module: (layer, order within the topics). ``footprint`` itself sits with ``core``."""
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    if top in ("", "core"):
        return (0, 0)
    if top in TOPICS:
        return (1, TOPICS.index(top))
    if top == "outputs":
        return (2, 0)
    if top == "pipeline":
        return (3, 0)
    if top == "__main__":
        return (4, 0)
    raise AssertionError(f"{module}: not in a known layer; add its package to tests/test_layers.py")


def package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _resolve(importer: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The footprint modules an import statement loads (the most specific module named)."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            is_pkg = MODULES[importer].name == "__init__.py"
            parent = importer.split(".")[: len(importer.split(".")) - node.level + (1 if is_pkg else 0)]
            base = ".".join(parent + ([base] if base else []))
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    out = []
    for n in names:
        while n and n not in MODULES and n.startswith("footprint"):
            n = n.rsplit(".", 1)[0] if "." in n else ""
        if n in MODULES:
            out.append(n)
    return sorted(set(out))


def _type_checking(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:`` (annotations only; never executed)."""
    t = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")
    )


@cache
def imports(module: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, int]]]:
    """(module-level imports, imports inside functions, ``TYPE_CHECKING`` imports): (target, line) pairs."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    top, lazy, typing_only = [], [], []

    def walk(node: ast.AST, where: list) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                where.extend((t, child.lineno) for t in _resolve(module, child))
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                walk(child, lazy)
            elif _type_checking(child):
                walk(child, typing_only)
            else:
                walk(child, where)

    walk(tree, top)
    return top, lazy, typing_only


def test_every_module_is_in_a_layer():
    for m in MODULES:
        rank(m)
    for name in (*TOPICS, "core", "outputs", "pipeline"):
        assert f"footprint.{name}" in MODULES, f"footprint.{name} is missing"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_downward(module):
    bad = [
        f"line {line}: {module} ({rank(module)}) imports {t} ({rank(t)})"
        for t, line in [pair for kind in imports(module) for pair in kind]
        if rank(t) > rank(module)
    ]
    assert not bad, "upward import(s):\n" + "\n".join(bad)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_lazy_imports_between_packages(module):
    """An import inside a function hides a dependency (and often a cycle). Within the pipeline, too."""
    bad = [
        f"line {line}: {module} imports {t} inside a function"
        for t, line in imports(module)[1]
        if package(t) != package(module) or package(module) == "footprint.pipeline"
    ]
    assert not bad, "\n".join(bad)


def test_no_import_cycles():
    """Between modules, at run time (annotation-only ``TYPE_CHECKING`` imports do not count)."""
    graph = {m: sorted({t for t, _ in imports(m)[0] if t != m}) for m in MODULES}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in graph[m]:
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m)
    assert not cycles, "import cycle(s):\n" + "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_readable_in_one_sitting(module):
    n = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{module}: {n} lines (limit {MAX_LINES}); split it by concept"
