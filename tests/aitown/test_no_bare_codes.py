"""Statuses, benefits and roles are compared as enum members in aitown/services, never as bare
strings: ``app.status == ApplicationStatus.APPROVED``, not ``== "approved"`` (a typo in a string
is silently never equal; a misspelt member fails at once)."""

from __future__ import annotations

import ast
from pathlib import Path

from aitown.enums import ApplicationStatus, Benefit, Role, TeamStatus

SERVICES = Path(__file__).resolve().parents[2] / "aitown" / "services"
CODES = {m.value for enum in (ApplicationStatus, TeamStatus, Benefit, Role) for m in enum}
# Arguments that take a code.
CODE_ARGUMENTS = {"status", "benefit", "role", "kind"}


def _constants(node: ast.AST) -> list[ast.Constant]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [c for elt in node.elts for c in _constants(elt)]
    return []


def bare_codes(source: str) -> list[tuple[int, str]]:
    """(line, code) of each code compared with, or passed as status=/benefit=/role=, as a string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        candidates: list[ast.Constant] = []
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                candidates += _constants(operand)
        elif isinstance(node, ast.keyword) and node.arg in CODE_ARGUMENTS:
            candidates += _constants(node.value)
        found += [(c.lineno, c.value) for c in candidates if c.value in CODES]
    return sorted(found)


def test_the_check_finds_what_it_should() -> None:
    code = 'if a.status == "approved" or b in ("draft", "x"): f(role="desk", name="desk")\n'
    assert bare_codes(code) == [(1, "approved"), (1, "desk"), (1, "draft")]
    assert bare_codes('if a.status == ApplicationStatus.APPROVED: d = {"approved": 1}\n') == []


def test_services_compare_codes_as_enum_members() -> None:
    found = {
        path.name: hits
        for path in sorted(SERVICES.glob("*.py"))
        if (hits := bare_codes(path.read_text(encoding="utf-8")))
    }
    assert found == {}, f"use the members of aitown.enums: {found}"
