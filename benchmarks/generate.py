"""Realistic benchmark databases at 1,000 / 10,000 / 100,000 teams, made fast and cached.

The schema is the real one: :func:`aitown.schema.open_database` creates it (alembic head) and
:func:`aitown.services.office.initialise_office` sets up the office, its administrator, the budget
pools and the active policy. Everything else (teams, members, units, leases, applications, notices,
a desk user and a reviewer) goes in with plain ``sqlite3`` ``executemany`` in chunks, in one
transaction: the services would take hours for 100,000 teams (every write audited and checked).
So the generated rows have no audit events of their own — only ``office.init`` is in the log.

Budget pools get committed / disbursed / released sums matching the applications; where a city
of 100,000 teams has spent more than the model policy's district totals, the pool total is raised
to fit (the CHECK constraint allows no overspending).

Databases are cached as ``benchmarks/data/teams-<size>-seed<seed>-v<version>-schema<rev>.sqlite``
(git-ignored) and reused; ``--force`` makes them again. Usage::

    .venv/bin/python -m benchmarks.generate --sizes 1000,10000,100000
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path

from aitown.schema import known_revisions, open_database
from aitown.services.office import initialise_office
from benchmarks import records, vocabulary
from benchmarks.records import COLUMNS, Context, Ids, Rows

DATA_DIR = Path(__file__).resolve().parent / "data"
GENERATOR_VERSION = 2  # bump when the rows change, so cached files are made again
DEFAULT_SEED = 2025
CHUNK_TEAMS = 2000
ADMIN_NAME = "admin"
BENCH_PASSWORD = "bench-pass-2025"
OFFICE_CODE = "SH-CITY"
OFFICE_NAME_ZH = "上海市人工智能小镇孵化服务办公室"
OFFICE_NAME_EN = "Shanghai AI Town Incubation Office"

Log = Callable[[str], None]


def database_path(size: int, seed: int = DEFAULT_SEED) -> Path:
    """Where the database of ``size`` teams made from ``seed`` is cached: the name carries the
    generator's version and the schema revision, so a new migration means a new database (the
    application would otherwise upgrade the cached file, copying it first)."""
    head = known_revisions()[1]
    return DATA_DIR / f"teams-{size}-seed{seed}-v{GENERATOR_VERSION}-schema{head}.sqlite"


def ensure_database(
    size: int, seed: int = DEFAULT_SEED, *, force: bool = False, log: Log = print
) -> Path:
    """The cached database of ``size`` teams, made first if it is not there (or ``force``)."""
    path = database_path(size, seed)
    if path.exists() and not force:
        return path
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for stale in DATA_DIR.glob(f"teams-{size}-seed{seed}-*.sqlite*"):
        stale.unlink()  # an older generator or schema: 0.7 GB each at 100,000 teams
    started = time.perf_counter()
    counts = generate_database(path, size, seed)
    log(
        f"generated {path.name} in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{n:,} {table}" for table, n in counts.items())
    )
    return path


def _remove(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)


def generate_database(path: Path, size: int, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Make a fresh database of ``size`` teams at ``path`` (written beside it, then renamed into
    place, so a killed run never leaves half a cache). Returns the row count per table."""
    partial = path.with_name(path.name + ".partial")
    _remove(partial)
    db = open_database(partial, create=True)
    try:
        initialise_office(
            db,
            code=OFFICE_CODE,
            name_zh=OFFICE_NAME_ZH,
            name_en=OFFICE_NAME_EN,
            admin_name=ADMIN_NAME,
            admin_password=BENCH_PASSWORD,
        )
    finally:
        db.dispose()
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        # Only this process has the file, and a crash just means generating again.
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -200000")
        conn.execute("BEGIN")
        counts = _fill(conn, size, seed)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    _remove(path)
    os.replace(partial, path)
    _remove(partial)
    return counts


def _context(conn: sqlite3.Connection, rng: random.Random) -> Context:
    office_id, doc_prefix = conn.execute("SELECT id, doc_prefix FROM office").fetchone()
    admin_id, password_hash = conn.execute(
        "SELECT id, password_hash FROM app_user WHERE name = ?", (ADMIN_NAME,)
    ).fetchone()
    policy_id, policy_version = conn.execute(
        "SELECT policy_id, version FROM policy_version WHERE active = 1"
    ).fetchone()
    user_ids = {}
    for name, role, full_name in (("desk", "desk", "王敏"), ("reviewer", "reviewer", "李静")):
        # Same password as the administrator (argon2 is slow on purpose; one hash is enough).
        cur = conn.execute(
            "INSERT INTO app_user (uid, office_id, name, full_name, role, password_hash, active, "
            "failed_logins, may_see_personal_data, created_at, version) "
            "VALUES (?, ?, ?, ?, ?, ?, 1, 0, 0, ?, 1)",
            (
                f"{rng.getrandbits(128):032x}",
                office_id,
                name,
                full_name,
                role,
                password_hash,
                records.stamp(records.GENERATED_AT),
            ),
        )
        user_ids[name] = cur.lastrowid
    ctx = Context(
        office_id=office_id,
        admin_id=admin_id,
        desk_id=user_ids["desk"],
        reviewer_id=user_ids["reviewer"],
        doc_prefix=doc_prefix,
        policy_id=policy_id,
        policy_version=policy_version,
        rng=rng,
    )
    for name_zh, _name_en in vocabulary.VENDORS:
        ctx.vendors.append((records.make_uscc(rng, "310115"), name_zh, records.person_name(rng)))
    return ctx


def _insert(conn: sqlite3.Connection, table: str, rows: list[tuple[object, ...]]) -> None:
    if not rows:
        return
    cols = COLUMNS[table]
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows
    )


def _chunks(items: Iterable[Rows], size: int) -> Iterable[list[Rows]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _fill(conn: sqlite3.Connection, size: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    ctx = _context(conn, rng)
    ids = Ids()
    counts = dict.fromkeys(COLUMNS, 0)
    for chunk in _chunks(records.team_rows(ctx, ids, size), CHUNK_TEAMS):
        batch = Rows()
        for rows in chunk:
            batch.extend(rows)
        # Parents before children, for the foreign keys.
        for table in COLUMNS:
            table_rows = getattr(batch, table)
            _insert(conn, table, table_rows)
            counts[table] += len(table_rows)
    for year, serial in sorted(ctx.serials.items()):
        conn.execute(
            "INSERT INTO document_series (office_id, year, last_serial) VALUES (?, ?, ?)",
            (ctx.office_id, year, serial),
        )
    for kind, (committed, disbursed, released) in ctx.pool_sums.items():
        total = conn.execute("SELECT total FROM budget_pool WHERE kind = ?", (kind,)).fetchone()[0]
        needed = committed + disbursed
        if needed > total:
            total = -(-needed * 5 // 4 // 10**8) * 10**8  # a quarter to spare, whole million yuan
        conn.execute(
            "UPDATE budget_pool SET total = ?, committed = ?, disbursed = ?, released = ? "
            "WHERE kind = ?",
            (total, committed, disbursed, released, kind),
        )
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="make the databases again")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        path = ensure_database(size, args.seed, force=args.force)
        print(f"{size:>7} teams: {path} ({path.stat().st_size / 2**20:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
