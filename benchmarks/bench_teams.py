"""The Teams screen's database work: open, scroll to the end, each keystroke of a search.

What the screen asks (ui/models/teams_model.py): at each new query ``search_teams_counted`` — the
row count and the first page of 200 rows, sorted by Chinese name as the screen opens — and
``search_teams`` for each further page it scrolls to. The baseline is the same SQL in plain
``sqlite3`` on the same file (:func:`raw_query` follows the service step by step: the trigram
index for three characters or more; for one or two, a probe of the first 2,000 teams in name
order, then either the count and the page, or one scan with a window count), so the difference is
what the service layer adds. The notes also give the LIKE scan the index replaced (migration
0003), on the same file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from aitown.schema import open_database
from aitown.services.teams import (
    MIN_TRIGRAM,
    TeamQuery,
    count_teams,
    search_teams,
    search_teams_counted,
)
from benchmarks.measure import Row, median, time_calls

PAGE = 200  # ui.models.teams_model.BLOCK
# The probe of the service before migration 0013 (kept as this baseline's plan; the service now
# asks search_teams_page, see bench_search.py).
PROBE_ROWS = 2000
DENSE_IN_PROBE = 20
SORT = "name_zh"  # the Teams screen sorts by Chinese name when it opens
TARGET_MS = 50.0
COLUMNS = (
    "id, name_zh, name_en, uscc, legal_rep, founded_on, district, headcount, ai_focus, "
    "status, version"
)
ORDER = f"ORDER BY team.{SORT} ASC, team.id ASC"


def keystrokes(path: Path) -> list[str]:
    """The searches typed: 上, 上海, 上海星, a credit-code prefix and a legal representative of
    a team a third of the way down the table (so they exist at every size), and a two-character
    legal representative (a short text that matches few teams: the hardest case without index)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (total,) = conn.execute("SELECT count(*) FROM team").fetchone()
        uscc, rep = conn.execute(
            "SELECT uscc, legal_rep FROM team WHERE length(legal_rep) = 3 "
            "ORDER BY id LIMIT 1 OFFSET ?",
            (total // 3,),
        ).fetchone()
        (short_rep,) = conn.execute(
            "SELECT legal_rep FROM team WHERE length(legal_rep) = 2 ORDER BY id LIMIT 1 OFFSET ?",
            (total // 6,),
        ).fetchone()
    finally:
        conn.close()
    return ["上", "上海", "上海星", uscc[:10], rep, short_rep]


def where_clause(text: str) -> tuple[str, tuple[object, ...]]:
    """The service's filter for ``text`` (aitown.services.teams.filtered_teams), as SQL."""
    typed = text.strip()
    if not typed:
        return "", ()
    if len(typed) >= MIN_TRIGRAM:  # the credit code is the index's fourth column (0013)
        phrase = '"' + typed.replace('"', '""') + '"'
        return (
            "WHERE (team.id IN (SELECT rowid FROM team_search WHERE team_search MATCH ?))",
            (phrase,),
        )
    like = f"%{typed}%"
    return (
        "WHERE (team.name_zh LIKE ? OR team.name_en LIKE ? OR team.legal_rep LIKE ? "
        "OR team.uscc LIKE ?)",
        (like, like, like, like),
    )


def raw_query(conn: sqlite3.Connection, text: str, offset: int = 0) -> tuple[int, list[tuple]]:
    """count + one page, step by step as ``search_teams_counted`` does, in plain sqlite3."""
    where, args = where_clause(text)
    typed = text.strip()
    if typed and len(typed) < MIN_TRIGRAM and offset == 0:
        (probe,) = conn.execute(
            f"SELECT count(*) FROM team {where} AND team.id IN "
            f"(SELECT team.id FROM team {ORDER} LIMIT ?)",
            (*args, PROBE_ROWS),
        ).fetchone()
        if probe < DENSE_IN_PROBE:
            rows = conn.execute(
                f"SELECT {COLUMNS}, count(*) OVER () FROM team {where} "
                f"ORDER BY +team.{SORT} ASC, team.id ASC LIMIT ?",
                (*args, PAGE),
            ).fetchall()
            return (rows[0][-1] if rows else 0), [r[:-1] for r in rows]
    (count,) = conn.execute(f"SELECT count(*) FROM team {where}", args).fetchone()
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM team {where} {ORDER} LIMIT ? OFFSET ?", (*args, PAGE, offset)
    ).fetchall()
    return count, rows


def like_query(conn: sqlite3.Connection, text: str) -> tuple[int, list[tuple]]:
    """count + first page the way the service searched before the trigram index (LIKE scans)."""
    like = f"%{text}%"
    where = (
        "WHERE team.name_zh LIKE ? OR lower(team.name_en) LIKE lower(?) "
        "OR team.legal_rep LIKE ? OR team.uscc LIKE ?"
    )
    args = (like, like, like, f"{text.upper()}%")
    (count,) = conn.execute(f"SELECT count(*) FROM team {where}", args).fetchone()
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM team {where} {ORDER} LIMIT ?", (*args, PAGE)
    ).fetchall()
    return count, rows


def run(path: Path, teams: int, *, repeat: int = 5) -> tuple[list[Row], dict[str, float]]:
    """Rows for this database, and the raw-sqlite3 time (ms) per search text for the GUI rows."""
    db = open_database(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows: list[Row] = []
    raw_ms: dict[str, float] = {}
    try:
        base = TeamQuery(sort=SORT, limit=PAGE)
        last_offset = max(0, (count_teams(db, base) - 1) // PAGE * PAGE)

        def service(text: str, offset: int = 0) -> None:
            q = replace(base, text=text, offset=offset)
            if offset == 0:
                search_teams_counted(db, q)
            else:
                search_teams(db, q)

        cases = [("open", "Teams: open (count + first page)", "", 0)]
        cases.append(("scroll_end", "Teams: scroll to the end (last page)", "", last_offset))
        for i, text in enumerate(keystrokes(path), start=1):
            cases.append((f"keystroke{i}", f"Teams: search “{text}” (count + first page)", text, 0))
        for key, title, text, offset in cases:
            service(text, offset)  # first call warms the page cache and the statement cache
            svc = [t * 1000 for t in time_calls(lambda t=text, o=offset: service(t, o), repeat)]
            raw = [
                t * 1000 for t in time_calls(lambda t=text, o=offset: raw_query(conn, t, o), repeat)
            ]
            matches = raw_query(conn, text)[0]
            notes = f"{matches:,} matches; worst of {repeat}: {max(svc):.1f} ms"
            is_keystroke = key.startswith("keystroke")
            if is_keystroke:
                raw_ms[text] = median(raw)
                like = [t * 1000 for t in time_calls(lambda t=text: like_query(conn, t), 3)]
                notes += f"; the LIKE scans before migration 0003: {median(like):.0f} ms"
            rows.append(
                Row(
                    key=f"teams.service.{key}",
                    title=title,
                    teams=teams,
                    value=median(svc),
                    unit="ms",
                    baseline=median(raw),
                    baseline_title="same SQL in raw sqlite3",
                    target=f"< {TARGET_MS:.0f} ms" if is_keystroke else "",
                    met=median(svc) < TARGET_MS if is_keystroke else None,
                    notes=notes,
                    details={"service_ms": svc, "raw_ms": raw, "matches": matches, "text": text},
                )
            )
    finally:
        conn.close()
        db.dispose()
    return rows, raw_ms
