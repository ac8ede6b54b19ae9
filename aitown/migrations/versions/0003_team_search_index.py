"""team search index: FTS5 trigram index over team names (SQLite) and an index on AI focus

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 02:40:00

The Teams screen searches names and legal representatives for any substring as the desk types.
``LIKE '%text%'`` reads every team; with 100,000 teams that is 100–190 ms a keystroke. An FTS5
table with the trigram tokenizer answers a substring of three or more characters from an index
(measured: under 5 ms). It is external-content (it stores no copy of the names) and three
triggers keep it in step with ``team``. SQLite builds without FTS5 or the trigram tokenizer
(older than 3.34) simply go without it: the search falls back to LIKE.

A later migration that rebuilds ``team`` in batch mode (SQLite copies the table) drops these
triggers with the old table: it must create them again (TRIGGERS below) and rebuild the index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FTS_TABLE = "team_search"
CREATE_FTS = (
    "CREATE VIRTUAL TABLE team_search USING fts5("
    "name_zh, name_en, legal_rep, content='team', content_rowid='id', tokenize='trigram')"
)
TRIGGERS = (
    """CREATE TRIGGER team_search_insert AFTER INSERT ON team BEGIN
  INSERT INTO team_search(rowid, name_zh, name_en, legal_rep)
  VALUES (new.id, new.name_zh, new.name_en, new.legal_rep);
END""",
    """CREATE TRIGGER team_search_delete AFTER DELETE ON team BEGIN
  INSERT INTO team_search(team_search, rowid, name_zh, name_en, legal_rep)
  VALUES ('delete', old.id, old.name_zh, old.name_en, old.legal_rep);
END""",
    """CREATE TRIGGER team_search_update AFTER UPDATE OF name_zh, name_en, legal_rep ON team BEGIN
  INSERT INTO team_search(team_search, rowid, name_zh, name_en, legal_rep)
  VALUES ('delete', old.id, old.name_zh, old.name_en, old.legal_rep);
  INSERT INTO team_search(rowid, name_zh, name_en, legal_rep)
  VALUES (new.id, new.name_zh, new.name_en, new.legal_rep);
END""",
)


def _sqlite_has_trigram(bind: sa.engine.Connection) -> bool:
    try:
        bind.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp._aitown_trigram_probe USING fts5(x, tokenize='trigram')"
        )
    except sa.exc.DBAPIError:
        return False
    bind.exec_driver_sql("DROP TABLE temp._aitown_trigram_probe")
    return True


def upgrade() -> None:
    op.create_index("ix_team_ai_focus", "team", ["ai_focus"])
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _sqlite_has_trigram(bind):
        return
    bind.exec_driver_sql(CREATE_FTS)
    for trigger in TRIGGERS:
        bind.exec_driver_sql(trigger)
    bind.exec_driver_sql("INSERT INTO team_search(team_search) VALUES ('rebuild')")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("team_search_insert", "team_search_delete", "team_search_update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS team_search")
    op.drop_index("ix_team_ai_focus", table_name="team")
