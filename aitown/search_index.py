"""The team search indexes (migration 0013): their SQL, and rebuilding them after a bulk write.

What is searched: any part of a team's Chinese or English name, legal representative or credit
code, ignoring ASCII case (what ``LIKE '%text%'`` answers in SQLite). Two indexes answer it:

* **three characters or more** — SQLite: the FTS5 trigram table ``team_search`` over the four
  columns (external content, kept by triggers). PostgreSQL: a pg_trgm GIN index on
  ``aitown_team_text(...)``, the four columns ASCII-folded and joined by U+0001 (a character no
  search text holds, so no match spans two columns), when the server has pg_trgm; without it the
  same query scans.
* **one or two characters** (below a trigram) — every 1- and 2-character piece of the four columns
  (ASCII-folded) as a token, spelt as the hex of its UTF-8 bytes (so any character is a plain
  token, and the pieces of different lengths never collide). SQLite: the contentless FTS5 table
  ``team_short`` (``detail=none``: a token's posting list is just team ids, ~120 bytes a team),
  kept by triggers that cut the pieces in SQL (``team_search_pos`` holds the positions 1…1000).
  PostgreSQL: a GIN index on the tsvector ``aitown_team_grams(...)``, no table or trigger.

Bulk writers that bypass the triggers (or drop them for speed) must call :func:`rebuild` after:
it refills both SQLite indexes for all teams or for the given ids (PostgreSQL needs nothing:
its indexes are on expressions).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.engine import Connection

MAX_POSITION = 1000  # longer than any column the forms allow (200); longer text is not cut further
FIELDS = ("name_zh", "name_en", "legal_rep", "uscc")

# Sorting the Teams list by these columns (name_zh, name_en, status, district, ai_focus had an
# index already; SQLite's indexes end in the rowid, PostgreSQL's need the id for the tie-break).
SORT_INDEXES = {
    "ix_team_founded_on": ("founded_on", "id"),
    "ix_team_legal_rep": ("legal_rep", "id"),
    "ix_team_headcount": ("headcount", "id"),
}
PG_SORT_INDEXES = {
    "ix_team_name_zh_id": ("name_zh", "id"),
    "ix_team_name_en_id": ("name_en", "id"),
    "ix_team_status_id": ("status", "id"),
    "ix_team_district_id": ("district", "id"),
    "ix_team_ai_focus_id": ("ai_focus", "id"),
}

# --- SQLite ---------------------------------------------------------------------------------

CREATE_TRIGRAM = (
    "CREATE VIRTUAL TABLE team_search USING fts5("
    "name_zh, name_en, legal_rep, uscc, content='team', content_rowid='id', tokenize='trigram')"
)
CREATE_SHORT = (
    "CREATE VIRTUAL TABLE team_short USING fts5(grams, content='', detail='none', tokenize='ascii')"
)
CREATE_POSITIONS = "CREATE TABLE team_search_pos (n INTEGER PRIMARY KEY)"


def _pieces(column: str) -> str:
    """SQL: the hex tokens of every 1- and 2-character piece of ``column`` (ASCII lower case)."""
    v = f"lower(coalesce({column}, ''))"
    return (
        f"coalesce((SELECT group_concat(hex(substr({v}, n, 1)) || ' ' || hex(substr({v}, n, 2)), ' ') "
        f"FROM team_search_pos WHERE n <= length({v})), '')"
    )


def short_document(prefix: str) -> str:
    """SQL: the ``team_short`` document of a row (``prefix`` is ``new.``, ``old.`` or ``team.``)."""
    return " || ' ' || ".join(_pieces(prefix + f) for f in FIELDS)


_COLS = ", ".join(FIELDS)
_NEW = ", ".join("new." + f for f in FIELDS)
_OLD = ", ".join("old." + f for f in FIELDS)

TRIGGER_NAMES = ("team_search_insert", "team_search_delete", "team_search_update")
TRIGGERS = (
    f"""CREATE TRIGGER team_search_insert AFTER INSERT ON team BEGIN
  INSERT INTO team_search(rowid, {_COLS}) VALUES (new.id, {_NEW});
  INSERT INTO team_short(rowid, grams) VALUES (new.id, {short_document("new.")});
END""",
    f"""CREATE TRIGGER team_search_delete AFTER DELETE ON team BEGIN
  INSERT INTO team_search(team_search, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD});
  INSERT INTO team_short(team_short, rowid, grams) VALUES ('delete', old.id, {short_document("old.")});
END""",
    f"""CREATE TRIGGER team_search_update AFTER UPDATE OF {_COLS} ON team BEGIN
  INSERT INTO team_search(team_search, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD});
  INSERT INTO team_search(rowid, {_COLS}) VALUES (new.id, {_NEW});
  INSERT INTO team_short(team_short, rowid, grams) VALUES ('delete', old.id, {short_document("old.")});
  INSERT INTO team_short(rowid, grams) VALUES (new.id, {short_document("new.")});
END""",
)


def create_sqlite(conn: Connection) -> None:
    """Create both SQLite indexes with their triggers and fill them (the trigram table of
    migration 0003, if any, is replaced: it lacked the credit code)."""
    for name in TRIGGER_NAMES:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS team_search")
    conn.exec_driver_sql(CREATE_TRIGRAM)
    conn.exec_driver_sql(CREATE_SHORT)
    conn.exec_driver_sql(CREATE_POSITIONS)
    conn.exec_driver_sql(
        "WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < ?) "
        "INSERT INTO team_search_pos (n) SELECT n FROM p",
        (MAX_POSITION,),
    )
    for trigger in TRIGGERS:
        conn.exec_driver_sql(trigger)
    rebuild(conn)


def drop_sqlite(conn: Connection) -> None:
    for name in TRIGGER_NAMES:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("team_search", "team_short", "team_search_pos"):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")


def rebuild(conn: Connection, team_ids: Iterable[int] | None = None) -> None:
    """Refill the SQLite search indexes from ``team``: for every team, or (``team_ids``) for
    teams just inserted without the triggers. PostgreSQL: nothing to do.

    With ``team_ids`` the teams must not be in the indexes yet (the contentless short index
    cannot tell which tokens a row had): call it only for rows the triggers did not see.
    """
    if conn.dialect.name != "sqlite":
        return
    if team_ids is None:
        conn.exec_driver_sql("INSERT INTO team_search(team_search) VALUES ('rebuild')")
        conn.exec_driver_sql("INSERT INTO team_short(team_short) VALUES ('delete-all')")
        rows: Iterable[Any] = conn.exec_driver_sql(f"SELECT id, {_COLS} FROM team")
    else:
        ids = sorted(set(team_ids))
        rows_list: list[Any] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            conn.exec_driver_sql(
                f"INSERT INTO team_search(rowid, {_COLS}) SELECT id, {_COLS} FROM team "
                f"WHERE id IN ({marks})",
                tuple(chunk),
            )
            rows_list += conn.exec_driver_sql(
                f"SELECT id, {_COLS} FROM team WHERE id IN ({marks})", tuple(chunk)
            ).fetchall()
        rows = iter(rows_list)
    # The documents are cut here rather than by the triggers' SQL (10× faster for a whole
    # table); short_python_document gives exactly the triggers' tokens.
    batch: list[tuple[int, str]] = []
    for row in rows:
        batch.append((row[0], short_python_document(row[1:])))
        if len(batch) >= 5000:
            conn.exec_driver_sql("INSERT INTO team_short(rowid, grams) VALUES (?, ?)", batch)
            batch = []
    if batch:
        conn.exec_driver_sql("INSERT INTO team_short(rowid, grams) VALUES (?, ?)", batch)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def short_python_document(values: Iterable[str | None]) -> str:
    """The ``team_short`` document of a row's four values, as :func:`short_document`'s SQL
    makes it: for each position, the 1- and the 2-character piece (at the end, the last
    character twice), ASCII lower case, as upper-case hex of the UTF-8 bytes."""
    tokens: list[str] = []
    for value in values:
        v = (value or "").translate(_ASCII_LOWER)
        for n in range(min(len(v), MAX_POSITION)):
            tokens.append(v[n].encode("utf-8").hex().upper())
            tokens.append(v[n : n + 2].encode("utf-8").hex().upper())
    return " ".join(tokens)


# --- PostgreSQL -----------------------------------------------------------------------------

# ASCII lower case only, in any database: lower() under the "C" collation folds just A–Z
# (translate() with two 26-letter strings did the same at ~20 µs a row in a UTF-8 database,
# which made every row-wise search check and the index builds slow; migration 0015).
PG_FOLD = """CREATE OR REPLACE FUNCTION aitown_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT lower(t COLLATE "C") $$"""

PG_FUNCTIONS = (
    PG_FOLD,
    """CREATE OR REPLACE FUNCTION aitown_team_text(a text, b text, c text, d text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT aitown_fold(coalesce(a, '') || chr(1) || coalesce(b, '') || chr(1) || coalesce(c, '')
   || chr(1) || coalesce(d, '')) $$""",
    """CREATE OR REPLACE FUNCTION aitown_team_grams(a text, b text, c text, d text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT coalesce(array_to_tsvector(array_agg(DISTINCT
       encode(convert_to(substr(v, n, k), 'UTF8'), 'hex'))), ''::tsvector)
   FROM unnest(ARRAY[aitown_fold(coalesce(a, '')), aitown_fold(coalesce(b, '')),
                     aitown_fold(coalesce(c, '')), aitown_fold(coalesce(d, ''))]) AS f(v),
        generate_series(1, length(v)) AS n, (VALUES (1), (2)) AS w(k)
   WHERE n + k - 1 <= length(v) $$""",
)
PG_TEXT = "aitown_team_text(team.name_zh, team.name_en, team.legal_rep, team.uscc)"
PG_GRAMS = "aitown_team_grams(team.name_zh, team.name_en, team.legal_rep, team.uscc)"
PG_GRAMS_INDEX = (
    "CREATE INDEX ix_team_grams ON team USING gin "
    "(aitown_team_grams(name_zh, name_en, legal_rep, uscc))"
)
PG_TRGM_INDEX = (
    "CREATE INDEX ix_team_text_trgm ON team USING gin "
    "(aitown_team_text(name_zh, name_en, legal_rep, uscc) gin_trgm_ops)"
)


def create_postgresql(conn: Connection) -> bool:
    """The functions and the GIN indexes; pg_trgm's index only if the server lets us create the
    extension (it is a trusted extension since PostgreSQL 13). Returns whether it did."""
    for fn in PG_FUNCTIONS:
        conn.exec_driver_sql(fn)
    conn.exec_driver_sql(PG_GRAMS_INDEX)
    savepoint = conn.begin_nested()
    try:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.exec_driver_sql(PG_TRGM_INDEX)
    except Exception:  # noqa: BLE001 - not installed / not allowed: the search scans instead
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def drop_postgresql(conn: Connection) -> None:
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_team_text_trgm")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_team_grams")
    for fn in ("aitown_team_grams", "aitown_team_text"):
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {fn}(text, text, text, text)")
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS aitown_fold(text)")
