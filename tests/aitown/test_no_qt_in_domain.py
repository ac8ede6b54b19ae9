"""``aitown/`` is the domain: it never imports Qt or the ``ui`` package, so the command line, the
services and the tests run without a display and the GUI stays a thin layer on top."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import aitown

PACKAGE = Path(aitown.__file__).resolve().parent
FORBIDDEN = ("PySide6", "shiboken6", "ui", "PyQt5", "PyQt6")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imported_roots(tree: ast.AST) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add((node.args[0].value.split(".")[0], node.lineno))
    return found


def test_no_module_under_aitown_imports_qt_or_ui() -> None:
    offenders = []
    modules = _modules()
    assert len(modules) > 20  # the walk found the package
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for root, line in _imported_roots(tree):
            if root in FORBIDDEN:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {root}")
    assert not offenders, "aitown/ must not import Qt or ui:\n" + "\n".join(sorted(offenders))


def test_the_checker_would_see_such_an_import() -> None:
    sample = (
        "import PySide6.QtCore\n"
        "from ui.app import main\n"
        "from shiboken6 import isValid\n"
        "importlib.import_module('PySide6.QtGui')\n"
        "from . import ui_helpers\n"  # relative: a module of ours, not the ui package
    )
    roots = {root for root, _ in _imported_roots(ast.parse(sample))}
    assert {"PySide6", "ui", "shiboken6"} <= roots and "ui_helpers" not in roots


def test_importing_every_aitown_module_loads_no_qt() -> None:
    names = []
    for path in _modules():
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        if "migrations" in parts and parts[-1] != "migrations":
            continue  # alembic's env and revision scripts run only inside alembic
        if parts[-1] == "__main__":
            continue  # running it would start the command line
        names.append(".".join(parts))
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print('LOADED', len(sys.modules), 'QT', bad)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("QT []"), done.stdout
