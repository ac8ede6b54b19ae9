"""Issue 19's search, sort and page measures at 100,000 and 1,000,000 teams, SQLite and PostgreSQL.

    .venv/bin/python -m benchmarks.bench_search [--sizes 100000,1000000] [--pg] [--gui]

Each keystroke is what the Teams screen asks (``search_teams_page``: the count — estimated past
``EXACT_UP_TO`` matches — and the first 200 rows in Chinese-name order), beside the
straightforward query in the same run: ``LIKE '%text%'`` over the four searched columns, count and
first page (what a search without indexes does). Sorting: ``search_teams`` sorted by a column,
the page in the middle, beside the same ORDER BY … OFFSET without an index (``+column``).
SQLite figures are the CPU time of this process (the database works in it; the machine is shared,
so wall time says more about the neighbours than about us); PostgreSQL figures are wall time (the
work is the server's). Databases: :mod:`benchmarks.search_data` (teams only); the PostgreSQL
copies are made on ``AITOWN_TEST_PG_URL`` and dropped afterwards.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from aitown.schema import open_database
from aitown.services import team_search
from aitown.services.teams import TeamQuery, search_teams, search_teams_page
from benchmarks import search_data
from benchmarks.measure import Row

PAGE = 200
COLUMNS = (
    "id, name_zh, name_en, uscc, legal_rep, founded_on, district, headcount, ai_focus, "
    "status, version"
)
SORTS = ("founded_on", "legal_rep", "headcount", "name_zh")


def keystrokes(conn: Any, param: str = "?") -> list[str]:
    """上, a two-character legal representative (rare), Latin of 3 and 8 characters and the
    company suffix, a credit-code prefix, a fragment from the middle of a code, 上海星, and
    人工智能 (the word an AI town's desk types most: its three pieces always come together,
    which the planner's estimate of PostgreSQL took for rare)."""
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM team")
    (total,) = cur.fetchone()
    cur.execute(
        "SELECT legal_rep FROM team WHERE length(legal_rep) = 2 ORDER BY id "
        f"LIMIT 1 OFFSET {param}",
        (total // 6,),
    )
    (short_rep,) = cur.fetchone()
    cur.execute(f"SELECT uscc FROM team ORDER BY id LIMIT 1 OFFSET {param}", (total // 3,))
    (code,) = cur.fetchone()
    return [
        "上",
        short_rep,
        "Sha",
        "Shanghai",
        "Co., Ltd.",
        "9131",
        code[9:14],
        "上海星",
        "人工智能",
    ]


def _cpu(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return cpu, wall


def _like_sqlite(conn: sqlite3.Connection, typed: str) -> tuple[int, list[Any]]:
    like = "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    where = (
        "WHERE name_zh LIKE ?1 ESCAPE '\\' OR name_en LIKE ?1 ESCAPE '\\' "
        "OR legal_rep LIKE ?1 ESCAPE '\\' OR uscc LIKE ?1 ESCAPE '\\'"
    )
    (count,) = conn.execute(f"SELECT count(*) FROM team {where}", (like,)).fetchone()
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM team {where} ORDER BY name_zh, id LIMIT {PAGE}", (like,)
    ).fetchall()
    return count, rows


def _like_pg(conn: Any, typed: str) -> tuple[int, list[Any]]:
    like = "%" + team_search.fold(typed).replace("\\", "\\\\").replace("%", "\\%") + "%"
    like = like.replace("_", "\\_")
    where = (
        "WHERE aitown_fold(name_zh) LIKE %(p)s OR aitown_fold(name_en) LIKE %(p)s "
        "OR aitown_fold(legal_rep) LIKE %(p)s OR aitown_fold(uscc) LIKE %(p)s"
    )
    cur = conn.cursor()
    cur.execute(f"SELECT count(*) FROM team {where}", {"p": like})
    (count,) = cur.fetchone()
    cur.execute(
        f"SELECT {COLUMNS} FROM team {where} ORDER BY name_zh, id LIMIT {PAGE}", {"p": like}
    )
    return count, cur.fetchall()


def measure(
    db: Any, raw: Any, like: Callable[[Any, str], tuple[int, list[Any]]], teams: int, engine: str,
    *, repeat: int, cpu: bool,
) -> list[Row]:  # fmt: skip
    rows: list[Row] = []
    unit_note = "CPU time" if cpu else "wall time"
    base = TeamQuery(sort="name_zh", limit=PAGE)
    target_ms = 50.0 if teams <= 100_000 else 100.0
    texts = keystrokes(raw, "?" if engine == "SQLite" else "%s")
    for i, typed in enumerate(texts, start=1):
        q = replace(base, text=typed)
        page = search_teams_page(db, q)  # warm
        c, w = _cpu(lambda q=q: search_teams_page(db, q), repeat)
        value = statistics.median(c if cpu else w)
        like_repeat = 1 if teams >= 1_000_000 else 3
        lc, lw = _cpu(lambda t=typed: like(raw, t), like_repeat)
        exact_count, like_rows = like(raw, typed)
        same = [r.id for r in page.rows] == [r[0] for r in like_rows]
        lvalue = statistics.median(lc if cpu else lw)
        count_note = (
            f"{page.count:,} matches"
            if page.exact
            else f"about {page.count:,} shown (exactly {exact_count:,})"
        )
        rows.append(
            Row(
                key=f"search.{engine.lower()}.keystroke{i}",
                title=f"Search keystroke “{typed}” ({engine}; count + first page)",
                teams=teams,
                value=value,
                unit="ms",
                baseline=lvalue,
                baseline_title="LIKE scan of the four columns",
                target=f"≤ {target_ms:.0f} ms",
                met=value <= target_ms,
                notes=f"{unit_note}, median of {repeat}; wall {statistics.median(w):.1f} ms; "
                f"{count_note}; first page {'identical to' if same else 'DIFFERS from'} the scan's",
                details={"cpu_ms": c, "wall_ms": w, "like_cpu_ms": lc, "like_wall_ms": lw},
            )
        )
    for col in SORTS:
        q = replace(base, sort=col, offset=teams // 2)
        search_teams(db, q)
        c, w = _cpu(lambda q=q: search_teams(db, q), repeat)
        value = statistics.median(c if cpu else w)
        plain = (
            "+" + col
            if engine == "SQLite"
            else f"({col} || '')"
            if col != "headcount"
            else f"({col} + 0)"
        )
        if col == "founded_on" and engine != "SQLite":
            plain = "(founded_on + 0)"
        sql = f"SELECT {COLUMNS} FROM team ORDER BY {plain}, id LIMIT {PAGE} OFFSET {teams // 2}"
        lc, lw = _cpu(lambda sql=sql: _fetch(raw, sql), 1)
        rows.append(
            Row(
                key=f"sort.{engine.lower()}.{col}",
                title=f"Sort by {col}, page in the middle ({engine})",
                teams=teams,
                value=value,
                unit="ms",
                baseline=statistics.median(lc if cpu else lw),
                baseline_title="same ORDER BY … OFFSET without an index",
                target="≤ 100 ms" if teams >= 1_000_000 else "",
                met=value <= 100 if teams >= 1_000_000 else None,
                notes=f"{unit_note}, median of {repeat}; wall {statistics.median(w):.1f} ms; "
                f"offset {teams // 2:,}",
            )
        )
    return rows


def _fetch(raw: Any, sql: str) -> list[Any]:
    cur = raw.cursor()
    cur.execute(sql)
    return cur.fetchall()


def run_sqlite(size: int, repeat: int, log: Callable[[str], None]) -> list[Row]:
    path = search_data.ensure_sqlite(size, log=log)
    db = open_database(path)
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return measure(db, raw, _like_sqlite, size, "SQLite", repeat=repeat, cpu=True)
    finally:
        raw.close()
        db.dispose()


def run_gui(
    size: int, log: Callable[[str], None], launches: int = 3, *, pg: bool = False
) -> list[Row]:
    """Cold start to an interactive window (Teams screen painted), quit, and the keystrokes typed
    into the real Teams screen, on the teams-only database (bench_startup's launcher): the SQLite
    file, or (``pg``) its PostgreSQL copy, kept for run_pg."""
    from benchmarks import bench_startup

    path = search_data.ensure_sqlite(size, log=log)
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        texts = keystrokes(raw)
    finally:
        raw.close()
    if pg:
        url = search_data.ensure_pg(size, log=log)
        return bench_startup.run(url, size, texts, {}, launches=launches, database="PostgreSQL")
    return bench_startup.run(path, size, texts, {}, launches=launches, database="teams only")


def run_pg(size: int, repeat: int, log: Callable[[str], None], *, keep: bool = False) -> list[Row]:
    import psycopg

    url = search_data.ensure_pg(size, log=log)
    db = open_database(url)
    raw = psycopg.connect(search_data.libpq(url))
    try:
        return measure(db, raw, _like_pg, size, "PostgreSQL", repeat=repeat, cpu=False)
    finally:
        raw.close()
        db.dispose()
        if not keep:
            search_data.drop_pg(size)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--pg", action="store_true", help="also on PostgreSQL")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep-pg", action="store_true", help="keep the PostgreSQL copies")
    parser.add_argument(
        "--gui", action="store_true", help="also cold start, quit and the keystrokes in the GUI"
    )
    args = parser.parse_args(argv)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    rows: list[Row] = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        if not args.no_sqlite:
            rows += run_sqlite(size, args.repeat, log)
            print(table(rows), flush=True)
        if args.gui:
            rows += run_gui(size, log)
            print(table(rows), flush=True)
            if args.pg:
                rows += run_gui(size, log, pg=True)
        if args.pg:
            rows += run_pg(size, args.repeat, log, keep=args.keep_pg)
            print(table(rows), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
