"""The core package stays independent of the UI: only dam/ui may import streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

DAM = Path(__file__).resolve().parents[2] / "dam"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_streamlit():
    offenders = [
        str(path.relative_to(DAM.parent))
        for path in DAM.rglob("*.py")
        if "ui" not in path.relative_to(DAM).parts[:1] and "streamlit" in imported_modules(path)
    ]
    assert offenders == []


def test_every_module_opens_with_a_docstring():
    missing = [str(p.relative_to(DAM.parent)) for p in DAM.rglob("*.py") if ast.get_docstring(ast.parse(p.read_text())) is None]
    assert missing == []
