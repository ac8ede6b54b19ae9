"""PostgreSQL: the search's ASCII fold as lower() under the C collation

Revision ID: 0015_pg_fold
Revises: 0013_search_speed
Create Date: 2026-12-02 06:40:00

Issue 19: ``aitown_fold`` (migration 0013) used ``translate()`` with the 26 capitals, which costs
~20 µs a row in a UTF-8 database; every check of a row against a search text, and every index
entry written for a team, calls it several times. ``lower(t COLLATE "C")`` folds exactly the same
letters (A–Z, nothing else) at a twentieth of the cost. The results are identical, so the
indexes built on the old function stay valid: the function is replaced, nothing is rebuilt.
SQLite has no such function (its LIKE folds ASCII itself).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from aitown import search_index

revision = "0015_pg_fold"
down_revision = "0013_search_speed"
branch_labels = None
depends_on = None

_OLD_FOLD = """CREATE OR REPLACE FUNCTION aitown_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') $$"""


def _has_fold(bind: sa.engine.Connection) -> bool:
    probe = "SELECT 1 FROM pg_proc WHERE proname = 'aitown_fold'"
    return bind.exec_driver_sql(probe).first() is not None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and _has_fold(bind):
        bind.exec_driver_sql(search_index.PG_FOLD)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and _has_fold(bind):
        bind.exec_driver_sql(_OLD_FOLD)
