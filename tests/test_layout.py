"""The architecture as a test: no import cycles, ingest never imports graph,
ontology imports neither, package exports are their home objects, and the
project installs nothing outside ``geokg``.

The import graph is read with :mod:`ast` (every ``import`` statement, at module
level and inside functions), not by importing, so lazy imports count.
"""

from __future__ import annotations

import ast
import importlib
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geokg.ingest", "geokg.graph", "geokg.ontology")


def _module_files() -> dict[str, Path]:
    """Every module of the three subpackages, by dotted name."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        base = Path(importlib.import_module(package).__file__).parent
        for path in sorted(base.rglob("*.py")):
            parts = list(path.relative_to(base).with_suffix("").parts)
            if not all(p.isidentifier() for p in parts):
                continue
            if not (path.parent / "__init__.py").is_file():
                continue  # a script in a data folder, not a module
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join([package, *parts])] = path
    return modules


MODULES = _module_files()


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _imports(name: str, path: Path) -> set[str]:
    """Dotted names of the geokg modules ``name`` imports, anywhere in its code.

    ``from pkg import x`` counts as importing ``pkg.x`` when that is a module,
    else as importing ``pkg`` (reading a name from it).  Importing ``a.b.c``
    also initialises ``a`` and ``a.b``, so those count too, except the
    importing module's own ancestors: Python initialises them before the
    module runs, so that import starts no new initialisation (this is why a
    package ``__init__`` re-exporting its submodules is no cycle, while a
    submodule reading a name *from* its package, ``from pkg import name``, is).
    """
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            targets = []
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                targets.append(sub if sub in MODULES else source)
        else:
            continue
        own = set(_ancestors(name))
        for target in targets:
            if not target.startswith("geokg."):
                continue
            for module in [*_ancestors(target), target]:
                if module in MODULES and (module not in own or module == target):
                    found.add(module)
    found.discard(name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path ``[a, b, ..., a]``, or ``None``."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _all_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Cycles of ``graph``, one per strongly connected group, for the message."""
    cycles = []
    remaining = {k: set(v) for k, v in graph.items()}
    while (cycle := _find_cycle(remaining)) is not None:
        cycles.append(cycle)
        remaining[cycle[-2]].discard(cycle[-1])  # break it and look for more
    return cycles


def test_modules_are_found():
    assert "geokg.graph.store" in MODULES and "geokg.ontology.namespace" in MODULES
    assert len(MODULES) > 50


def test_imports_are_read_everywhere_in_a_module():
    # ``from pkg import submodule``, imports inside functions, and the package a module reads a name from
    assert {"geokg.graph.store.embedded", "geokg.graph.store.remote", "geokg.graph.store.reader"} <= GRAPH[
        "geokg.graph.store.open"]
    assert "geokg.ontology.files" in GRAPH["geokg.ontology.validation"]  # imported inside validate_graph
    assert "geokg.graph.store" in GRAPH["geokg.graph.exports"]  # the package, then its modules
    assert "geokg.graph.store" not in GRAPH["geokg.graph.store.base"]  # its own package: already initialising


def test_cycle_finder_finds_a_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set(), "c": {"a"}}) is None


def test_no_import_cycles():
    cycles = _all_cycles(GRAPH)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize(
    "source, forbidden",
    [("geokg.ingest", ("geokg.graph",)), ("geokg.ontology", ("geokg.ingest", "geokg.graph"))],
)
def test_layers(source, forbidden):
    bad = [
        f"{name} imports {target}"
        for name, targets in sorted(GRAPH.items())
        if name == source or name.startswith(source + ".")
        for target in sorted(targets)
        if any(target == f or target.startswith(f + ".") for f in forbidden)
    ]
    assert not bad, "\n".join(bad)


#: Package __init__ files whose exports are checked: the three subpackages' and geokg's own.
INITS = {name: path for name, path in MODULES.items() if path.name == "__init__.py"}
INITS["geokg"] = Path(importlib.import_module("geokg").__file__)


def _home(package: str, name: str) -> str:
    """The module an exported name comes from, read from the package's source."""
    tree = ast.parse(INITS[package].read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_EXPORTS" for t in node.targets):
            table = ast.literal_eval(node.value)  # lazy exports: {name: submodule}
            if name in table:
                return f"{package}.{table[name]}"
        if isinstance(node, ast.ImportFrom) and any(a.name == name and a.asname is None for a in node.names):
            return node.module if not node.level else f"{package}.{node.module}"
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            source = node.module if not node.level else f"{package}.{node.module}"
            if name in getattr(importlib.import_module(source), "__all__", ()):
                return source
    return package  # defined in the package itself


EXPORTS = [
    (package, name)
    for package in sorted(INITS)
    for name in getattr(importlib.import_module(package), "__all__", ())
]


@pytest.mark.parametrize("package, name", EXPORTS)
def test_export_is_its_home_object(package, name):
    module = importlib.import_module(package)
    first = getattr(module, name)
    second = getattr(module, name)
    assert first is second, f"{package}.{name} changes between accesses: {first!r} then {second!r}"
    home = _home(package, name)
    assert getattr(importlib.import_module(home), name) is first, f"{package}.{name} is not {home}.{name}"
    # importing every submodule must not replace the export (a submodule named like it would)
    assert f"{package}.{name}" not in MODULES or isinstance(first, type(sys)), (
        f"{package}.{name} is both an export and a submodule"
    )
    assert getattr(module, name) is first


def test_export_check_catches_a_submodule_shadowing(tmp_path, monkeypatch):
    pkg = tmp_path / "shadowpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        "import importlib\n__all__ = ['tool']\n"
        "def __getattr__(name):\n    return getattr(importlib.import_module('shadowpkg.tool'), name)\n"
    )
    (pkg / "tool.py").write_text("def tool():\n    return 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("shadowpkg")
    try:
        assert module.tool is not module.tool  # the old bug, reproduced
    finally:
        for key in [k for k in sys.modules if k.startswith("shadowpkg")]:
            del sys.modules[key]


def test_only_geokg_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = config["packages"]
    assert packages and all(p == "geokg" or p.startswith("geokg.") for p in packages), packages
    assert all(k == "geokg" or k.startswith("geokg.") for k in config.get("package-dir", {}))
    assert "py-modules" not in config
    # every folder with an __init__.py under the mapped folders is listed (else it is not installed)
    for name in MODULES:
        if MODULES[name].name == "__init__.py":
            assert name in packages, f"{name} is missing from pyproject's packages"


# -- one of each: tables that drifted apart when they had copies ----------------------------


def _definitions(predicate) -> list[str]:
    """Modules with a node for which ``predicate(node)`` holds."""
    return sorted(
        name for name, path in MODULES.items()
        if any(predicate(node) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    )


def _is_escape_table(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "maketrans"
        and any(isinstance(a, ast.Dict) and any(getattr(k, "value", None) == '"' for k in a.keys) for a in node.args)
    )


def _names_quad_class(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and (
        node.value.lower().replace("_", " ") == "material conflict"
    )


def _defines(name: str):
    def check(node: ast.AST) -> bool:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        return isinstance(node, ast.FunctionDef) and name in node.name or any(
            getattr(t, "id", None) == name for t in targets)
    return check


def test_one_ntriples_escape_table():
    assert _definitions(_is_escape_table) == ["geokg.graph.rdf.syntax"]


def test_one_quad_class_table():
    assert _definitions(_names_quad_class) == ["geokg.ontology.schemes"]


def test_one_prefix_table():
    assert _definitions(_defines("PREFIXES")) == ["geokg.ontology.namespace"]


def test_one_pagerank():
    assert _definitions(_defines("pagerank")) == ["geokg.graph.analytics.network"]
