"""Teams-only databases for the search, sort and start benchmarks at 100,000 and 1,000,000 teams.

The Teams screen reads only the ``team`` table (and its search indexes), so these databases hold
the real schema, the office and its administrator, and the generated teams — no members,
applications or notices (a full 1,000,000-team database would be ~7 GB and take a quarter of an
hour to make). The team rows are exactly the full generator's (:func:`records.team_rows`, same
seed), so the names, codes and representatives are the same as in ``generate.py``'s files.

SQLite files are cached in ``benchmarks/data/`` as ``search-<size>-seed<seed>-v<version>-
schema<rev>.sqlite``. A file of an older schema is copied and upgraded (the application's own
upgrade), which also measures how long the upgrade takes. PostgreSQL databases are made on the
server named by ``AITOWN_TEST_PG_URL`` (``aitown_bench_search_<size>``) by copying the SQLite
file's teams with ``COPY``, and dropped by :func:`drop_pg`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from aitown import search_index
from aitown.schema import known_revisions, open_database
from aitown.services.office import initialise_office
from benchmarks import generate, records
from benchmarks.records import COLUMNS, Ids

VERSION = 1
DATA_DIR = generate.DATA_DIR


def sqlite_path(size: int, seed: int = generate.DEFAULT_SEED, head: str | None = None) -> Path:
    head = head or known_revisions()[1]
    return DATA_DIR / f"search-{size}-seed{seed}-v{VERSION}-schema{head}.sqlite"


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def ensure_sqlite(size: int, seed: int = generate.DEFAULT_SEED, *, log=print) -> Path:
    """The cached teams-only SQLite database of ``size`` teams at the current schema."""
    path = sqlite_path(size, seed)
    if path.exists():
        return path
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    older = sorted(DATA_DIR.glob(f"search-{size}-seed{seed}-v{VERSION}-schema*.sqlite"))
    partial = path.with_name(path.name + ".partial")
    _remove(partial)
    if older:
        started = time.perf_counter()
        shutil.copyfile(older[0], partial)
        copied = time.perf_counter()
        open_database(partial).dispose()  # the application's upgrade (it copies first, too)
        for extra in DATA_DIR.glob(partial.name.replace(".partial", "") + "*.before-upgrade-*"):
            extra.unlink()
        for extra in DATA_DIR.glob(f"{partial.stem}.before-upgrade-*"):
            extra.unlink()
        log(
            f"upgraded {older[0].name} → {path.name}: copy {copied - started:.1f} s, "
            f"upgrade {time.perf_counter() - copied:.1f} s"
        )
        for stale in older:
            _remove(stale)
    else:
        started = time.perf_counter()
        _generate(partial, size, seed)
        log(f"generated {path.name} in {time.perf_counter() - started:.1f} s")
    os.replace(partial, path)
    _remove(partial)
    return path


def _generate(path: Path, size: int, seed: int) -> None:
    db = open_database(path, create=True)
    try:
        initialise_office(
            db,
            code=generate.OFFICE_CODE,
            name_zh=generate.OFFICE_NAME_ZH,
            name_en=generate.OFFICE_NAME_EN,
            admin_name=generate.ADMIN_NAME,
            admin_password=generate.BENCH_PASSWORD,
        )
    finally:
        db.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -400000")
        conn.execute("BEGIN")
        ctx = generate._context(conn, random.Random(seed))
        cols = COLUMNS["team"]
        sql = f"INSERT INTO team ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        ids = Ids()
        batch: list[tuple[object, ...]] = []
        for rows in records.team_rows(ctx, ids, size):
            batch.extend(rows.team)
            if len(batch) >= 5000:
                conn.executemany(sql, batch)
                batch.clear()
        conn.executemany(sql, batch)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def pg_name(size: int) -> str:
    return f"aitown_bench_search_{size}"


def _pg_base() -> Any:
    from sqlalchemy.engine import make_url

    url = os.environ.get("AITOWN_TEST_PG_URL")
    if not url:
        raise SystemExit("PostgreSQL benchmarks need AITOWN_TEST_PG_URL")
    return make_url(url)


def libpq(url: str) -> str:
    """A SQLAlchemy URL as psycopg's connection string."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_pg(size: int, *, log: Any = print) -> str:
    """A PostgreSQL database with the SQLite file's teams (made afresh; drop it with drop_pg)."""
    import psycopg

    base = _pg_base()
    name = pg_name(size)
    url = base.set(database=name).render_as_string(hide_password=False)
    try:  # kept from an earlier run (--keep-pg)
        with psycopg.connect(libpq(url)) as c:
            if c.execute("SELECT count(*) FROM team").fetchone() == (size,):
                return url
    except psycopg.Error:
        pass
    drop_pg(size)
    with psycopg.connect(libpq(base.render_as_string(hide_password=False)), autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    started = time.perf_counter()
    db = open_database(url, create=True)
    try:
        initialise_office(
            db,
            code=generate.OFFICE_CODE,
            name_zh=generate.OFFICE_NAME_ZH,
            name_en=generate.OFFICE_NAME_EN,
            admin_name=generate.ADMIN_NAME,
            admin_password=generate.BENCH_PASSWORD,
        )
    finally:
        db.dispose()
    source = sqlite3.connect(f"file:{ensure_sqlite(size, log=log)}?mode=ro", uri=True)
    cols = COLUMNS["team"]
    with psycopg.connect(libpq(url)) as pg:
        (office_id,) = pg.execute("SELECT id FROM office").fetchone()  # type: ignore[misc]
        # The GIN indexes are made after the rows (much faster than row by row).
        pg.execute("DROP INDEX IF EXISTS ix_team_grams")
        pg.execute("DROP INDEX IF EXISTS ix_team_text_trgm")
        at = cols.index("office_id")
        with pg.cursor().copy(f"COPY team ({', '.join(cols)}) FROM STDIN") as copy:
            for row in source.execute(f"SELECT {', '.join(cols)} FROM team ORDER BY id"):
                values = list(row)
                values[at] = office_id
                copy.write_row(values)
        pg.execute("SELECT setval('team_id_seq', (SELECT max(id) FROM team))")
        pg.execute(search_index.PG_GRAMS_INDEX)
        try:
            pg.execute(search_index.PG_TRGM_INDEX)
        except psycopg.Error:
            pg.rollback()
            log("pg_trgm is not available on this server: the long-text search scans")
        pg.commit()
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE team")
    source.close()
    log(
        f"PostgreSQL {name}: {size:,} teams copied and indexed in {time.perf_counter() - started:.0f} s"
    )
    return url


def drop_pg(size: int) -> None:
    import psycopg

    base = _pg_base()
    with psycopg.connect(libpq(base.render_as_string(hide_password=False)), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{pg_name(size)}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        path = ensure_sqlite(size)
        print(f"{size:>8} teams: {path} ({path.stat().st_size / 2**20:.0f} MB)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
