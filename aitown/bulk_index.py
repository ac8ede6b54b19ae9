"""Many rows inserted at once: the search-index triggers suspended, the index filled set-wise.

SQLite keeps its search indexes (the FTS5 trigram table ``team_search`` of migration 0003, and
any later index kept the same way) in step with ``team`` through ``AFTER INSERT`` triggers: one
trigger program per inserted row, most of the cost of importing a team list. During a bulk insert
:func:`search_index_suspended` drops those triggers inside the writing transaction, and for the
rows inserted (``added(ids)``) runs each trigger's own statements once, set-wise —
``INSERT INTO idx(cols) VALUES (new.a, new.b)`` becomes ``INSERT INTO idx(cols) SELECT new.a,
new.b FROM team AS new WHERE new.id IN (…)`` — then creates the triggers again from their stored
SQL before the transaction commits. The index holds exactly what the triggers would have put in
it (tests/aitown/services/test_team_import_index.py: search answers after a bulk import equal those
after row-by-row inserts).

Nothing here is particular to one index: every ``AFTER INSERT`` trigger on the table whose body is
plain ``INSERT … VALUES (…)`` statements is handled this way; any other trigger is left in place
and fires row by row as before. DDL is transactional in SQLite: if the import fails, the rollback
brings the triggers back with everything else. Other databases (PostgreSQL keeps its indexes
itself) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.orm import Session

_AFTER_INSERT = re.compile(r"\bAFTER\s+INSERT\s+ON\b", re.IGNORECASE)
_BODY = re.compile(r"\bBEGIN\b(?P<body>.*)\bEND\s*;?\s*$", re.IGNORECASE | re.DOTALL)
_INSERT_VALUES = re.compile(
    r"^\s*(?P<head>INSERT\s+INTO\s+[\w\"]+\s*\([^()]*\))\s*VALUES\s*\((?P<values>.*)\)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_WHEN = re.compile(r"\bWHEN\b", re.IGNORECASE)
ID_BATCH = 500
IDS = "{ids}"


@dataclass(frozen=True)
class _Suspended:
    name: str
    sql: str  # CREATE TRIGGER …, as stored
    statements: tuple[str, ...]  # the body, set-wise: "… WHERE new.id IN ({ids})"


def _set_wise(table: str, sql: str) -> tuple[str, ...] | None:
    """The trigger's statements over a set of new rows, or None when a statement is not a plain
    ``INSERT … VALUES (…)`` (such a trigger keeps firing row by row)."""
    found = _BODY.search(sql)
    if not found or _WHEN.search(sql[: found.start()]):
        return None  # a trigger that fires only WHEN …: left to fire row by row
    out = []
    for statement in (p for p in found.group("body").split(";") if p.strip()):
        m = _INSERT_VALUES.match(statement)
        if not m or "old." in m.group("values").lower():
            return None
        out.append(
            f"{m.group('head')} SELECT {m.group('values')} FROM {table} AS new "
            f"WHERE new.id IN ({IDS})"
        )
    return tuple(out) or None


@contextmanager
def search_index_suspended(
    s: Session, table: str = "team"
) -> Iterator[Callable[[Iterable[int]], None]]:
    """Within ``s``'s writing transaction: the ``AFTER INSERT`` index triggers of ``table`` are
    dropped; call the function it yields with the ids of the rows just inserted (before any of
    them changes again) to index them; on leaving, the triggers are created again. No-op (the
    function does nothing) on a database other than SQLite or a table without such triggers."""
    suspended: list[_Suspended] = []
    if s.get_bind().dialect.name == "sqlite":
        conn = s.connection()
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "ORDER BY name",
            (table,),
        ).all()
        for name, sql in rows:
            if not sql or not _AFTER_INSERT.search(sql):
                continue
            statements = _set_wise(table, sql)
            if statements is None:
                continue
            suspended.append(_Suspended(name, sql, statements))
        for trigger in suspended:
            conn.exec_driver_sql(f'DROP TRIGGER "{trigger.name}"')

    def added(ids: Iterable[int]) -> None:
        if not suspended:
            return
        wanted = sorted(int(i) for i in ids)
        for start in range(0, len(wanted), ID_BATCH):
            part = ", ".join(str(i) for i in wanted[start : start + ID_BATCH])
            for trigger in suspended:  # in name order, as SQLite fires them (same outcome)
                for statement in trigger.statements:
                    s.connection().exec_driver_sql(statement.replace(IDS, part))

    yield added
    for trigger in suspended:
        s.connection().exec_driver_sql(trigger.sql)
