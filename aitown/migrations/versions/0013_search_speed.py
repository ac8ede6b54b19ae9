"""search speed: credit codes searched anywhere, 1–2 character search indexed, sort indexes

Revision ID: 0013_search_speed
Revises: 0007_notice_seal
Create Date: 2026-12-02 03:10:00

Issue 19 (city scale) and 16.6 (a credit-code fragment is found anywhere in the code, as names
are). SQLite: the FTS5 trigram table of 0003 is made again with the credit code as a fourth
column, and a second, contentless FTS5 table holds every one- and two-character piece (trigrams
cannot answer those); triggers keep both in step with ``team``. PostgreSQL: IMMUTABLE functions
and GIN indexes on them (pg_trgm's where the server allows the extension; without it the search
still works, scanning). Both: an index per sortable column (column, id), so sorting by any column
and paging to the middle reads an index. No batch alter of ``team``: CREATE INDEX / new tables /
triggers only. The SQL lives in :mod:`aitown.search_index` (its ``rebuild`` refills the SQLite
indexes after a bulk write that bypassed the triggers).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aitown import search_index

revision = "0013_search_speed"
down_revision = "0011_rent_accounts"
branch_labels = None
depends_on = None


def _sqlite_has_fts5(bind: sa.engine.Connection) -> bool:
    try:
        bind.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp._aitown_trigram_probe USING fts5(x, tokenize='trigram')"
        )
    except sa.exc.DBAPIError:
        return False
    bind.exec_driver_sql("DROP TABLE temp._aitown_trigram_probe")
    return True


def upgrade() -> None:
    bind = op.get_bind()
    for name, cols in search_index.SORT_INDEXES.items():
        op.create_index(name, "team", list(cols))
    if bind.dialect.name == "sqlite":
        if _sqlite_has_fts5(bind):
            search_index.create_sqlite(bind)
    elif bind.dialect.name == "postgresql":
        for name, cols in search_index.PG_SORT_INDEXES.items():
            op.create_index(name, "team", list(cols))
        search_index.create_postgresql(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        search_index.drop_sqlite(bind)
    elif bind.dialect.name == "postgresql":
        search_index.drop_postgresql(bind)
        for name in search_index.PG_SORT_INDEXES:
            op.drop_index(name, table_name="team")
    for name in search_index.SORT_INDEXES:
        op.drop_index(name, table_name="team")
