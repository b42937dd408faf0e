"""Functions stay short: at most 60 lines of code (the docstring, with its doctested
Examples, does not count), unless a ``# long: <reason>`` comment beside the ``def`` says why."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geokg", "ingest", "graph", "ontology")
LIMIT = 60


def _code_lines(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = fn.body[0]
    has_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    start = (first.end_lineno or first.lineno) + 1 if has_doc and len(fn.body) > 1 else first.lineno
    return (fn.end_lineno or fn.lineno) - start + 1


def _long_functions() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            for node in ast.walk(ast.parse(source)):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                top = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                beside = "\n".join(lines[max(top - 2, 0): node.body[0].lineno - 1])
                if _code_lines(node) > LIMIT and "# long:" not in beside:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({_code_lines(node)} lines)")
    return found


def test_no_function_over_the_limit_without_a_reason() -> None:
    assert _long_functions() == []


def test_the_rule_sees_a_long_function(tmp_path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT + 1))
    fn = ast.parse(f'def f():\n    """Doc."""\n{body}\n').body[0]
    assert isinstance(fn, ast.FunctionDef) and _code_lines(fn) == LIMIT + 1
