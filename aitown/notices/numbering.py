"""Document numbers: one gap-free series per office and year, e.g. ``徐汇AI孵〔2026〕17号``.

The serial is taken inside the caller's write transaction, the one that stores the notice: if
anything later in that transaction fails (a render refused, the database gone), the rollback puts
the serial back, so the series never has a gap. Two issuers never get the same serial: on
PostgreSQL the UPDATE takes the series row's lock and the second issuer waits for the first to
commit; on SQLite the write transaction (``BEGIN IMMEDIATE``) already excludes other writers.
"""

from __future__ import annotations

import re

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from aitown.models import DocumentSeries

_NUMBER_RE = re.compile(r"^(?P<prefix>.+)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号$")


def format_document_number(prefix: str, year: int, serial: int) -> str:
    """``徐汇AI孵〔2026〕17号``: the office prefix, the year in 〔〕, the serial without leading zeros."""
    return f"{prefix}〔{year}〕{serial}号"


def parse_document_number(text: str) -> tuple[str, int, int] | None:
    """``(prefix, year, serial)`` of a document number, or None if ``text`` is not one."""
    m = _NUMBER_RE.match(text.strip())
    if m is None:
        return None
    return m["prefix"], int(m["year"]), int(m["serial"])


def next_serial(s: Session, office_id: int, year: int) -> int:
    """Take the next serial of the office's series for ``year`` (1 for a year's first notice).

    Must run inside the write transaction that stores the notice (see the module docstring).
    """
    serial = _increment(s, office_id, year)
    if serial is None:
        # First notice of the year: create the series row. ON CONFLICT DO NOTHING because another
        # issuer may be creating it at the same moment (PostgreSQL); the increment below then
        # waits for that issuer's row lock and continues its count.
        values = {"office_id": office_id, "year": year, "last_serial": 0}
        if s.get_bind().dialect.name == "postgresql":
            s.execute(pg_insert(DocumentSeries).values(**values).on_conflict_do_nothing())
        else:
            s.execute(sqlite_insert(DocumentSeries).values(**values).on_conflict_do_nothing())
        serial = _increment(s, office_id, year)
    if serial is None:  # pragma: no cover - the row exists now
        raise RuntimeError("the document series row could not be created")
    return serial


def _increment(s: Session, office_id: int, year: int) -> int | None:
    result = s.execute(
        update(DocumentSeries)
        .where(DocumentSeries.office_id == office_id, DocumentSeries.year == year)
        .values(last_serial=DocumentSeries.last_serial + 1)
        .returning(DocumentSeries.last_serial)
        .execution_options(synchronize_session=False)
    )
    value = result.scalar_one_or_none()
    return None if value is None else int(value)
