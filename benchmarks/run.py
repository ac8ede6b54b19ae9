"""Every benchmark in one command; prints the table and writes benchmarks/results.json.

    .venv/bin/python -m benchmarks.run [--sizes 1000,10000,100000] [--city-sizes 100000,1000000]
        [--pg] [--quick] [--readme]

Per size: the Teams screen's queries (service and raw SQL), cold start and the Teams screen in the
real GUI with its peak memory, and eligibility of every team for every benefit (the engine and
the screening; with ``--pg`` the screening on PostgreSQL too). Per city size (issue 19, teams-only
databases): every search keystroke, sorting and paging to the middle, and at 1,000,000 the cold
start and the Teams screen in the GUI, on SQLite and (``--pg``) PostgreSQL. Once: the batch of
grant letters, the CSV imports (10,000, 100,000 and 1,000,000 rows), the change bundles and the
soak. Databases are generated on first use and cached under benchmarks/data/. ``--quick``
measures less (fewer repeats, 200 letters, a 2,000-row import, one launch) to check that
everything runs; its numbers are not the table's (give it small ``--city-sizes`` too).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks import (
    bench_cli,
    bench_eligibility,
    bench_import,
    bench_letters,
    bench_screening,
    bench_search,
    bench_startup,
    bench_sync,
    bench_teams,
    generate,
    pg_copy,
    search_data,
    soak,
)
from benchmarks.goals import goals_table
from benchmarks.measure import Row, fmt, machine

RESULTS = Path(__file__).resolve().parent / "results.json"
README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
GOALS_START, GOALS_END = "<!-- goals:start -->", "<!-- goals:end -->"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def table(rows: list[Row]) -> str:
    """The results as a Markdown table."""
    head = "| Measurement | Teams | Result | Baseline | Target | Met | Notes |"
    lines = [head, "|---|---:|---:|---|---|---|---|"]
    for r in rows:
        baseline = f"{fmt(r.baseline, r.unit)} ({r.baseline_title})" if r.baseline else "—"
        met = "—" if r.met is None else ("met" if r.met else "**missed**")
        teams = f"{r.teams:,}" if r.teams else "—"
        lines.append(
            f"| {r.title} | {teams} | {fmt(r.value, r.unit)} | {baseline} | {r.target or '—'} | "
            f"{met} | {r.notes.replace('|', '/')} |"
        )
    return "\n".join(lines)


def write_readme(rows: list[Row], info: dict[str, object]) -> None:
    """Replace the results section of benchmarks/README.md with this run's table."""
    text = README.read_text("utf-8")
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    machine_line = (
        f"Run {info['date']} on {info['nproc']} × {info['cpu']}, {info['ram_gb']} GB RAM "
        f"({info['platform']}); Python {info['python']}, SQLite {info['sqlite']}, "
        f"SQLAlchemy {info['sqlalchemy']}, PySide6 {info['pyside6']}, ReportLab "
        f"{info['reportlab']}. Load average {info['load_average']} before, "
        f"{info['load_average_after']} after (the machine is shared); {info['seconds']:.0f} s."
    )
    body = f"\n{machine_line}\n\n`{info['command']}`\n\n{table(rows)}\n"
    text = head + START + body + END + tail
    if GOALS_START in text:  # issue 19's goals, answered from the same rows
        before, rest = text.split(GOALS_START, 1)
        _old_goals, after = rest.split(GOALS_END, 1)
        goals = f"\n{machine_line}\n\n{goals_table(rows)}\n"
        text = before + GOALS_START + goals + GOALS_END + after
    README.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="AI Town Desk benchmarks")
    parser.add_argument("--sizes", default="1000,10000,100000", help="team counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="a fast check that everything runs")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument(
        "--skip",
        default="",
        help="stages to skip: gui,eligibility,letters,import,sync,soak,city,cli",
    )
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument(
        "--readme", action="store_true", help="also put the table into benchmarks/README.md"
    )
    parser.add_argument(
        "--import-rows",
        default="10000,100000,1000000",
        help="rows of the CSV import, comma-separated (1000000 takes ~4 minutes on SQLite, "
        "~25 more with --pg)",
    )
    parser.add_argument(
        "--pg",
        action="store_true",
        help="also measure on PostgreSQL (AITOWN_TEST_PG_URL): the eligibility screening, the "
        "search, sort and cold start of the city sizes (each size is copied into a database of "
        "its own, dropped afterwards)",
    )
    parser.add_argument(
        "--city-sizes",
        default="100000,1000000",
        help="team counts of the search, sort and cold-start measures of issue 19 (teams-only "
        "databases, benchmarks/search_data.py), comma-separated",
    )
    args = parser.parse_args(argv)
    import_sizes = [int(x) for x in args.import_rows.split(",") if x.strip()]
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    quick = args.quick
    started = time.perf_counter()
    info = machine()
    _say(
        f"machine: {info['nproc']} × {info['cpu']}, {info['ram_gb']} GB; load {info['load_average']}"
    )

    rows: list[Row] = []
    paths = {n: generate.ensure_database(n, args.seed, log=_say) for n in sizes}
    for n in sizes:
        path = paths[n]
        _say(f"… Teams queries, {n:,} teams")
        found, raw_ms = bench_teams.run(path, n, repeat=3 if quick else 7)
        rows += found
        if "gui" not in skip:
            _say(f"… cold start and the Teams screen in the GUI, {n:,} teams")
            rows += bench_startup.run(
                path,
                n,
                bench_teams.keystrokes(path),
                raw_ms,
                launches=1 if quick else 3,
                first_of_day=n == sizes[-1] and not quick,
            )
        if "eligibility" not in skip:
            _say(f"… eligibility of every team, {n:,} teams")
            rows += bench_eligibility.run(path, n, sample=50 if quick else 300)
            _say(f"… eligibility screening (verdicts + amounts), {n:,} teams")
            rows += bench_screening.run(path, n, repeat=1 if quick else 3)
            if args.pg:
                url = pg_copy.copy(n, log=_say)
                try:
                    rows += bench_screening.run(
                        url, n, repeat=1 if quick else 3, database="PostgreSQL"
                    )
                finally:
                    pg_copy.drop(n)
    if "city" not in skip:
        for n in sorted(int(s) for s in args.city_sizes.split(",") if s.strip()):
            _say(f"… search, sort and page, {n:,} teams (SQLite)")
            rows += bench_search.run_sqlite(n, 3 if quick else 5, _say)
            if "gui" not in skip and n >= 1_000_000:
                _say(f"… cold start and the Teams screen in the GUI, {n:,} teams (SQLite)")
                rows += bench_search.run_gui(n, _say, launches=1 if quick else 3)
            if args.pg:
                _say(f"… search, sort and page, {n:,} teams (PostgreSQL)")
                try:
                    if "gui" not in skip and n >= 1_000_000:
                        rows += bench_search.run_gui(n, _say, launches=1 if quick else 3, pg=True)
                    rows += bench_search.run_pg(n, 3 if quick else 5, _say)  # drops the copy
                finally:
                    search_data.drop_pg(n)
    if "cli" not in skip:  # --skip cli leaves it out
        _say("… aitown-cli --help")
        rows += bench_cli.run(3 if quick else 7)
    if "letters" not in skip:
        _say("… grant letters")
        rows += bench_letters.run(200 if quick else 1000)
    if "import" not in skip:
        for count in [2000] if quick else import_sizes:
            _say(f"… CSV import, {count:,} rows")
            rows += bench_import.run(count, repeat=3 if count <= 100_000 else 1)
            if args.pg:  # 1,000,000 takes ~25 minutes on the server (both imports)
                _say(f"… CSV import, {count:,} rows (PostgreSQL)")
                rows += bench_import.run_pg(count)
    if "sync" not in skip:
        _say("… change bundles between a district and the city")
        rows += bench_sync.run(2000 if quick else 10_000)
    if "soak" not in skip:
        _say("… soak: a day's work in the real application, then quit")
        rows += soak.run(searches=2000 if quick else 20_000, windows=50 if quick else 500)

    info["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    info["seconds"] = round(time.perf_counter() - started, 1)
    info["command"] = ".venv/bin/python -m benchmarks.run " + " ".join(argv or sys.argv[1:])
    info["quick"] = quick
    out = {"machine": info, "results": [r.as_dict() for r in rows]}
    Path(args.output).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(table(rows))
    print(
        f"\n{info['nproc']} × {info['cpu']}, {info['ram_gb']} GB RAM, {info['date']}; "
        f"load {info['load_average']} → {info['load_average_after']}; "
        f"{info['seconds']:.0f} s; written to {args.output}"
    )
    if args.readme:
        write_readme(rows, info)
    missed = [r for r in rows if r.met is False]
    if missed:
        print(f"{len(missed)} target(s) missed: see benchmarks/README.md for the profiles.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
