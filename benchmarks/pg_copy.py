"""A PostgreSQL copy of a cached benchmark database: its own database on the server named by
AITOWN_TEST_PG_URL, made with the real schema and filled table by table from the SQLite file
(the notices' PDFs and the audit trail are left out: nothing measured here reads them).

    .venv/bin/python -m benchmarks.pg_copy SIZE [--drop]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from aitown.models import Base
from aitown.schema import open_database
from benchmarks import generate

SKIP = {"notice", "audit_event", "audit_head", "document_series"}


def server_url() -> str:
    url = os.environ.get("AITOWN_TEST_PG_URL")
    if not url:
        raise SystemExit("set AITOWN_TEST_PG_URL to a PostgreSQL server")
    return url


def database_url(size: int) -> str:
    return str(make_url(server_url()).set(database=f"aitown_bench_elig_{size}"))


def drop(size: int) -> None:
    admin = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "aitown_bench_elig_{size}" WITH (FORCE)'))
    admin.dispose()


def copy(size: int, log=print) -> str:
    """Create the database afresh and fill it from the cached SQLite file of ``size`` teams."""
    source = generate.ensure_database(size, log=log)
    drop(size)
    admin = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "aitown_bench_elig_{size}"'))
    admin.dispose()
    url = database_url(size)
    open_database(url, create=True).dispose()
    started = time.perf_counter()
    src = sqlite3.connect(Path(source))
    engine = create_engine(url)
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        cur = raw.cursor()
        tables = [t for t in Base.metadata.sorted_tables if t.name not in SKIP]
        for table in reversed(tables):
            cur.execute(f'DELETE FROM "{table.name}"')
        for table in tables:
            cols = [c.name for c in table.columns]
            names = ", ".join(f'"{c}"' for c in cols)
            rows = src.execute(f'SELECT {names} FROM "{table.name}"')
            bools = [i for i, c in enumerate(table.columns) if c.type.python_type is bool]
            with cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as out:
                for row in rows:
                    if bools:
                        row = list(row)
                        for i in bools:
                            if row[i] is not None:
                                row[i] = bool(row[i])
                    out.write_row(row)
            if "id" in cols:
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 1))'
                )
        cur.execute("ANALYZE")
    engine.dispose()
    log(f"copied {source.name} to PostgreSQL in {time.perf_counter() - started:.0f} s")
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", type=int)
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args(argv)
    if args.drop:
        drop(args.size)
        return 0
    print(copy(args.size, log=lambda m: print(m, file=sys.stderr)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
