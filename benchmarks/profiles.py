"""The profiles behind the README's explanations, one subcommand each.

    .venv/bin/python -m benchmarks.profiles imports       # what the start imports, slowest first
    .venv/bin/python -m benchmarks.profiles search        # query plans and count/page split
    .venv/bin/python -m benchmarks.profiles keystroke     # one keystroke in the real Teams screen
    .venv/bin/python -m benchmarks.profiles eligibility   # the policy engine over 2,000 teams' facts
    .venv/bin/python -m benchmarks.profiles letters       # render_notice and the bare letter
    .venv/bin/python -m benchmarks.profiles import        # import_teams of 10,000 rows

They use the cached 100,000-team database (``--teams`` to choose another size).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import generate
from benchmarks.records import REFERENCE_DAY


def _profile(fn: Callable[[], object], top: int = 25, sort: str = "cumtime") -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stdout).sort_stats(sort).print_stats(top)


def imports(_db: Path) -> None:
    """``python -X importtime -c 'import ui.app'``: the packages that cost most, cumulative."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import ui.app"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    entries = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            entries.append((int(m[2]), len(m[3]) // 2, m[4]))
    total = max(e[0] for e in entries)
    print(f"import ui.app: {total / 1e6:.2f} s cumulative")
    for cumulative, depth, name in sorted(entries, reverse=True)[:30]:
        if depth <= 3:
            print(f"{cumulative / 1e3:8.0f} ms  {'  ' * depth}{name}")


def search(db: Path) -> None:
    """For each keystroke: which way the service answers, the plan of its page query, the time.

    Also the LIKE scans the trigram index replaced, with their plan, for comparison."""
    from aitown.services.teams import DENSE_IN_PROBE, MIN_TRIGRAM, PROBE_ROWS
    from benchmarks.bench_teams import (
        COLUMNS,
        ORDER,
        PAGE,
        SORT,
        keystrokes,
        like_query,
        raw_query,
        where_clause,
    )

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for text in keystrokes(db):
        where, args = where_clause(text)
        page_sql = f"SELECT {COLUMNS} FROM team {where} {ORDER} LIMIT {PAGE}"
        way = "trigram index"
        if len(text) < MIN_TRIGRAM:
            (probe,) = conn.execute(
                f"SELECT count(*) FROM team {where} AND team.id IN "
                f"(SELECT team.id FROM team {ORDER} LIMIT {PROBE_ROWS})",
                args,
            ).fetchone()
            way = f"short, {probe} of the first {PROBE_ROWS} match: "
            if probe >= DENSE_IN_PROBE:
                way += "common (count scan + page from the name index)"
            else:
                way += "rare (one scan, window count)"
                page_sql = (
                    f"SELECT {COLUMNS}, count(*) OVER () FROM team {where} "
                    f"ORDER BY +team.{SORT}, team.id LIMIT {PAGE}"
                )
        timings = []
        for fn in (raw_query, like_query):
            started = time.perf_counter()
            fn(conn, text)
            timings.append((time.perf_counter() - started) * 1000)
        plan = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {page_sql}", args)]
        print(f"“{text}”: {way}; {timings[0]:.1f} ms (LIKE scans: {timings[1]:.1f} ms)")
        print(f"    page plan: {plan}")


def keystroke(db: Path) -> None:
    """One search typed into the real Teams screen (offscreen), profiled."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from aitown.schema import open_database
    from aitown.services.users import authenticate
    from benchmarks.bench_teams import keystrokes
    from ui.context import DeskContext
    from ui.views.teams import TeamsView

    app = QApplication.instance() or QApplication([])
    database = open_database(db)
    actor = authenticate(database, generate.ADMIN_NAME, generate.BENCH_PASSWORD)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        view = TeamsView(DeskContext(db=database, actor=actor, settings=settings, lang="zh_CN"))
        view.resize(1176, 700)
        view.show()
        for _ in range(10):
            app.processEvents()

        def type_all() -> None:
            for text in keystrokes(db):
                before = view.model.fetches
                view.search.setText(text)
                view.apply_filters()
                while view.model.fetches == before and view.model.rowCount():
                    app.processEvents()
                app.processEvents()

        _profile(type_all, top=20)
        view.close()
    database.dispose()


def eligibility(db: Path) -> None:
    """check_all_benefits over the facts of 2,000 teams (as check_all_teams reads them)."""
    from aitown.policy.eligibility import check_all_benefits
    from aitown.schema import open_database
    from aitown.services.bulk_eligibility import iter_team_facts
    from aitown.services.policies import active_policy

    database = open_database(db)
    with database.read() as s:
        policy = active_policy(s)
    facts = list(iter_team_facts(database, first_id=1, last_id=2000, person_priors=False))
    database.dispose()

    def check() -> None:
        for f in facts:
            check_all_benefits(
                policy, f.team, f.members, f.leases, f.priors, f.pools, REFERENCE_DAY
            )

    _profile(check, top=30)


def letters(_db: Path) -> None:
    """100 grant letters through render_notice, then through the bare letter."""
    from aitown.notices.render import render_notice
    from benchmarks.bare_letter import bare_letter
    from benchmarks.bench_letters import letters as make_letters

    docs = make_letters(100)
    for render in (render_notice, bare_letter):
        render(docs[0])
        print(f"===== {render.__name__}")
        _profile(lambda render=render: [render(d) for d in docs], top=20, sort="tottime")


def import_(_db: Path) -> None:
    """import_teams of a 10,000-row CSV into an empty database."""
    from aitown.schema import open_database
    from aitown.services.team_import import import_teams
    from benchmarks.bench_import import _empty_database, write_csv

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, actor = _empty_database(folder)
        write_csv(folder / "teams.csv", 10_000)
        database = open_database(path)
        _profile(lambda: import_teams(database, actor, folder / "teams.csv"), top=30)
        database.dispose()


COMMANDS = {
    "imports": imports,
    "search": search,
    "keystroke": keystroke,
    "eligibility": eligibility,
    "letters": letters,
    "import": import_,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=sorted(COMMANDS))
    parser.add_argument("--teams", type=int, default=100_000)
    args = parser.parse_args(argv)
    COMMANDS[args.what](generate.ensure_database(args.teams))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
