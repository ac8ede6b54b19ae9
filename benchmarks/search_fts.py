"""Prototype of the proposed fix for the Teams search: an FTS5 trigram index over the team names.

Today ``search_teams``/``count_teams`` filter with ``LIKE '%text%'`` on four columns: no index can
serve that, so every keystroke reads all 100,000 teams twice (count, then page), and the page
sorted by Chinese name walks the whole name index when the matches are few (~150 ms at 100,000).

Proposed (SQLite; PostgreSQL keeps LIKE, or pg_trgm where installed): an external-content FTS5
table with the ``trigram`` tokenizer over name_zh, name_en and legal_rep, kept in step with
``team`` by three triggers (the DDL below, for a migration), and in ``_filtered``:

* text of 3 characters or more: ``team.id IN (SELECT rowid FROM team_search WHERE team_search
  MATCH '{name_zh name_en legal_rep}: "text"')`` or the credit-code prefix as a range on the
  unique index (``uscc >= TEXT AND uscc < TEXT || char(0x10FFFF)``). A trigram phrase is a
  substring match and the tokenizer folds case, so the answers are those of today's LIKE/ILIKE;
* 1–2 characters (trigrams need 3): today's LIKE scan, without ``lower()`` on SQLite (its LIKE
  already ignores ASCII case; ``lower()`` costs a quarter of the scan). A probe of the first 2,000
  teams in name order tells a common text from a rare one: a common one keeps today's plan (the
  page from walking the name index, the count from one scan); a rare one takes its page *and* its
  count from ONE scan (``count(*) OVER ()``, ``ORDER BY +name_zh``), instead of walking the whole
  name index for a few matches. For that the service needs one call that returns both the count
  and the first page (e.g. ``search_teams_counted(db, query) -> (count, rows)``, which the Teams
  model would call when the query changes, instead of ``count_teams`` then ``search_teams``).

This module builds the index on a scratch copy of the team table (never on the benchmark
database the application opens), checks that it answers exactly as today's query (counts and
first page), and times both.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from benchmarks.bench_teams import PAGE, SORT, raw_query
from benchmarks.measure import Row, median, time_calls

FTS_DDL = (
    "CREATE VIRTUAL TABLE team_search USING fts5("
    "name_zh, name_en, legal_rep, content='team', content_rowid='id', tokenize='trigram')"
)
TRIGGERS_DDL = (
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
FILL_DDL = "INSERT INTO team_search(team_search) VALUES ('rebuild')"
MIN_TRIGRAM = 3
PROBE_ROWS = 2000  # teams looked at, in name order, to tell a common short text from a rare one
DENSE_IN_PROBE = 20  # 1 % of them: walking the name index finds a page of 200 quickly
_COLUMNS = (
    "id, name_zh, name_en, uscc, legal_rep, founded_on, district, headcount, ai_focus, "
    "status, version"
)


def build_scratch(source: Path, dest: Path) -> tuple[sqlite3.Connection, float]:
    """A copy of ``source``'s team table (same DDL and indexes) with the FTS index and triggers;
    returns the connection and the seconds the FTS index took to build."""
    dest.unlink(missing_ok=True)
    conn = sqlite3.connect(dest, isolation_level=None)
    conn.execute("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
    ddl = conn.execute(
        "SELECT type, sql FROM src.sqlite_master WHERE tbl_name = 'team' AND sql IS NOT NULL "
        "ORDER BY type DESC"  # the table before its indexes
    ).fetchall()
    conn.execute("BEGIN")
    for kind, sql in ddl:
        conn.execute(sql)
        if kind == "table":
            conn.execute("INSERT INTO main.team SELECT * FROM src.team")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE src")
    started = time.perf_counter()
    conn.execute(FTS_DDL)
    for trigger in TRIGGERS_DDL:
        conn.execute(trigger)
    conn.execute(FILL_DDL)
    return conn, time.perf_counter() - started


def proposed_query(conn: sqlite3.Connection, text: str) -> tuple[int, list[tuple]]:
    """count + first page the proposed way."""
    if len(text) >= MIN_TRIGRAM:
        phrase = '{name_zh name_en legal_rep}: "' + text.replace('"', '""') + '"'
        code = text.upper()
        where = (
            "WHERE team.id IN (SELECT rowid FROM team_search WHERE team_search MATCH ?) "
            "OR (team.uscc >= ? AND team.uscc < ? || char(1114111))"
        )
        return _count_and_page(conn, where, (phrase, code, code))
    if not text:
        return _count_and_page(conn, "", ())
    like = f"%{text}%"
    where = "WHERE name_zh LIKE ? OR name_en LIKE ? OR legal_rep LIKE ? OR uscc LIKE ?"
    args = (like, like, like, f"{text.upper()}%")
    # Short text, no index: how common is it among the first teams in name order?
    (probe,) = conn.execute(
        f"SELECT count(*) FROM (SELECT * FROM team ORDER BY team.{SORT}, team.id LIMIT ?) {where}",
        (PROBE_ROWS, *args),
    ).fetchone()
    if probe >= DENSE_IN_PROBE:
        # Common: walking the name index fills a page at once; the count is one scan.
        return _count_and_page(conn, where, args)
    # Rare: one scan finds the few matches, sorts them and counts them (a window).
    rows = conn.execute(
        f"SELECT {_COLUMNS}, count(*) OVER () FROM team {where} "
        f"ORDER BY +team.{SORT} ASC, team.id ASC LIMIT ?",
        (*args, PAGE),
    ).fetchall()
    return (rows[0][-1] if rows else 0), [r[:-1] for r in rows]


def _count_and_page(
    conn: sqlite3.Connection, where: str, args: tuple[object, ...]
) -> tuple[int, list[tuple]]:
    (count,) = conn.execute(f"SELECT count(*) FROM team {where}", args).fetchone()
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM team {where} ORDER BY team.{SORT} ASC, team.id ASC LIMIT ?",
        (*args, PAGE),
    ).fetchall()
    return count, rows


def check_triggers(conn: sqlite3.Connection) -> None:
    """A renamed team is found under its new name and no longer under the old one."""
    team_id, old = conn.execute("SELECT id, name_zh FROM team ORDER BY id LIMIT 1").fetchone()
    conn.execute("BEGIN")
    try:
        conn.execute(
            "UPDATE team SET name_zh = ? WHERE id = ?", ("上海试验改名科技有限公司", team_id)
        )
        found = proposed_query(conn, "试验改名")[1]
        still = [r[0] for r in proposed_query(conn, old)[1]]
    finally:
        conn.execute("ROLLBACK")
    if [r[0] for r in found] != [team_id] or team_id in still:
        raise AssertionError("the FTS triggers did not follow a rename")


def run(path: Path, teams: int, texts: list[str], scratch: Path, *, repeat: int = 7) -> list[Row]:
    """Rows for the proposed search on a scratch copy, beside today's query on the same copy."""
    conn, build_s = build_scratch(path, scratch)
    rows: list[Row] = []
    try:
        check_triggers(conn)
        for i, text in enumerate(texts, start=1):
            today, proposed = raw_query(conn, text), proposed_query(conn, text)
            if today[0] != proposed[0] or [r[0] for r in today[1]] != [r[0] for r in proposed[1]]:
                raise AssertionError(f"the proposed search answers “{text}” differently")
            new = [t * 1000 for t in time_calls(lambda t=text: proposed_query(conn, t), repeat)]
            old = [t * 1000 for t in time_calls(lambda t=text: raw_query(conn, t), repeat)]
            rows.append(
                Row(
                    key=f"teams.proposed.keystroke{i}",
                    title=f"Proposed FTS5 search (prototype): “{text}” (count + first page)",
                    teams=teams,
                    value=median(new),
                    unit="ms",
                    baseline=median(old),
                    baseline_title="today's SQL in raw sqlite3",
                    target="< 50 ms",
                    met=median(new) < 50,
                    notes=f"{proposed[0]:,} matches, same answers as today's query; "
                    f"index built in {build_s:.1f} s",
                )
            )
    finally:
        conn.close()
        scratch.unlink(missing_ok=True)
    return rows
