"""The Teams screen's database work: open, scroll to the end, each keystroke of a search.

What the screen asks per query (ui/models/teams_model.py): ``count_teams`` for the row count, then
``search_teams`` for the first page of 200 rows, sorted by Chinese name as the screen starts. The
baseline is the same two SQL statements (as the service's SQLAlchemy query compiles them) in plain
``sqlite3`` on the same file, so the difference is what the service layer adds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from aitown.schema import open_database
from aitown.services.teams import TeamQuery, count_teams, search_teams
from benchmarks.measure import Row, median, time_calls

PAGE = 200  # ui.models.teams_model.BLOCK
SORT = "name_zh"  # the Teams screen sorts by Chinese name when it opens
TARGET_MS = 50.0

_WHERE = (
    "WHERE team.name_zh LIKE ? OR lower(team.name_en) LIKE lower(?) "
    "OR team.legal_rep LIKE ? OR team.uscc LIKE ?"
)
_COLUMNS = (
    "id, name_zh, name_en, uscc, legal_rep, founded_on, district, headcount, ai_focus, "
    "status, version"
)


def keystrokes(path: Path) -> list[str]:
    """The searches typed: 上, 上海, 上海星, a credit-code prefix and a legal representative of
    the team in the middle of the table (so they exist at every size), and a two-character legal
    representative (a short text that matches few teams: the hardest case for a LIKE scan)."""
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


def raw_query(conn: sqlite3.Connection, text: str, offset: int = 0) -> tuple[int, list[tuple]]:
    """count + one page, as the service's statements compile, in plain sqlite3."""
    if text:
        like = f"%{text}%"
        args: tuple[object, ...] = (like, like, like, f"{text.upper()}%")
        where = _WHERE
    else:
        args, where = (), ""
    (count,) = conn.execute(f"SELECT count(*) FROM team {where}", args).fetchone()
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM team {where} ORDER BY team.{SORT} ASC, team.id ASC "
        "LIMIT ? OFFSET ?",
        (*args, PAGE, offset),
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
                count_teams(db, q)
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
            is_keystroke = key.startswith("keystroke")
            if is_keystroke:
                raw_ms[text] = median(raw)
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
                    notes=f"{matches:,} matches; worst of {repeat}: {max(svc):.1f} ms",
                    details={"service_ms": svc, "raw_ms": raw, "matches": matches, "text": text},
                )
            )
    finally:
        conn.close()
        db.dispose()
    return rows, raw_ms
