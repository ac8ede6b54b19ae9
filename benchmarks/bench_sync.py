"""Change bundles: export and import of a district's bundle with 10,000 changed records, beside
the same rows inserted into the city's ``sync_record`` with one plain ``executemany``.

The district holds ``count`` teams (written straight into its file, the same way for every run).
``export_bundle`` reads them, works out what changed since the city's acknowledgement, writes the
signed zip. ``import_bundle`` on a fresh copy of the city checks the file (signature, the records'
SHA-256, the order) and applies it in one transaction. The baseline reads the same records from
the same zip and inserts them with ``sqlite3`` ``executemany``: no checking at all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from stdnum.cn import uscc

from aitown.schema import open_database
from aitown.services import offices, sync
from aitown.sync import bundle as fmt
from benchmarks.generate import ADMIN_NAME, BENCH_PASSWORD
from benchmarks.measure import Row

TARGET_RATIO = 0.5


def _uscc(n: int) -> str:
    body = f"9131010{n:06d}MA1F"[:17]
    return body + uscc.calc_check_digit(body)


def _offices(folder: Path, count: int) -> tuple[Path, Path]:
    """A city (SQLite file) and its district PD with ``count`` teams not yet sent."""
    city_path, pd_path = folder / "city.sqlite", folder / "pd.sqlite"
    city = open_database(city_path, create=True)
    admin = offices.initialise_city(
        city, code="SH", name_zh="上海市人工智能孵化管理中心", admin_name=ADMIN_NAME,
        admin_password=BENCH_PASSWORD,
    )  # fmt: skip
    enrol = offices.add_district(
        city, admin, "PD", name_zh="浦东新区人工智能孵化中心", out=folder / "pd.enrol"
    )
    city.dispose()
    pd = open_database(pd_path, create=True)
    offices.initialise_district(
        pd, offices.read_enrolment(enrol), admin_name=ADMIN_NAME, admin_password=BENCH_PASSWORD
    )
    pd.dispose()
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = sqlite3.connect(pd_path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO team (uid, office_id, name_zh, name_en, uscc, legal_rep, founded_on, "
            "district, headcount, ai_focus, phone, email, status, dishonest, notes, created_at, "
            "updated_at, version) VALUES (?, 1, ?, ?, ?, '王伟', '2024-03-02', '浦东新区', 12, "
            "'vertical_models', '021-50000000', ?, 'applicant', 0, '', ?, ?, 1)",
            [
                (uuid.uuid4().hex, f"上海浦东测试科技有限公司{i}", f"Pudong Test {i}",
                 _uscc(i), f"t{i}@example.cn", now, now)
                for i in range(count)
            ],
        )  # fmt: skip
        conn.execute("COMMIT")
    finally:
        conn.close()
    return city_path, pd_path


def plain_import(city_path: Path, bundle_path: Path) -> int:
    """The bundle's records into ``sync_record`` with one executemany, in one transaction."""
    with zipfile.ZipFile(bundle_path) as zf, zf.open(fmt.RECORDS) as fh:
        rows = []
        for line in fh:
            r = json.loads(line)
            rows.append(("PD", r["entity"], r["uid"], 1, fmt.canonical(r["data"])))
    conn = sqlite3.connect(city_path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO sync_record (office_code, entity, uid, seq, data_json) VALUES (?,?,?,?,?)",
            rows,
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return len(rows)


def run(count: int = 10_000, *, repeat: int = 3) -> list[Row]:
    before = os.environ.get("AITOWN_DATA_DIR")
    try:
        return _run(count, repeat)
    finally:
        if before is None:
            os.environ.pop("AITOWN_DATA_DIR", None)
        else:
            os.environ["AITOWN_DATA_DIR"] = before


def _run(count: int, repeat: int) -> list[Row]:
    from aitown.services.users import authenticate

    with tempfile.TemporaryDirectory(prefix="aitown-bench-sync-") as tmp:
        folder = Path(tmp)
        os.environ["AITOWN_DATA_DIR"] = str(folder / "data")  # the copies of bundles written
        city_t, pd_t = _offices(folder, count)
        exports, imports, plains = [], [], []
        records = 0
        for k in range(repeat):
            pd_path = folder / f"pd-{k}.sqlite"
            shutil.copyfile(pd_t, pd_path)
            pd = open_database(pd_path)
            bundle_path = folder / f"pd-{k}.zip"
            try:
                actor = authenticate(pd, ADMIN_NAME, BENCH_PASSWORD)
                started = time.perf_counter()
                written = sync.export_bundle(pd, actor, bundle_path)
                exports.append(time.perf_counter() - started)
            finally:
                pd.dispose()
            records = written.records
            city_path = folder / f"city-{k}.sqlite"
            shutil.copyfile(city_t, city_path)
            city = open_database(city_path)
            try:
                actor = authenticate(city, ADMIN_NAME, BENCH_PASSWORD)
                started = time.perf_counter()
                result = sync.import_bundle(city, actor, bundle_path)
                imports.append(time.perf_counter() - started)
            finally:
                city.dispose()
            if result.records != records:
                raise AssertionError(f"imported {result.records} of {records} records")
            plain_path = folder / f"plain-{k}.sqlite"
            shutil.copyfile(city_t, plain_path)
            started = time.perf_counter()
            if plain_import(plain_path, bundle_path) != records:
                raise AssertionError("the plain insert wrote another number of rows")
            plains.append(time.perf_counter() - started)
    exp_s, imp_s, plain_s = min(exports), min(imports), min(plains)
    rate, plain_rate = records / imp_s, records / plain_s
    return [
        Row(
            key="sync.import",
            title=f"Import of a bundle of {records:,} changed records (import_bundle)",
            teams=None,
            value=rate,
            unit="rows/s",
            baseline=plain_rate,
            baseline_title="the same rows, json + executemany, no checks",
            target=f"≥ {TARGET_RATIO:.0%} of baseline",
            met=rate >= TARGET_RATIO * plain_rate,
            notes=f"{rate / plain_rate:.0%} of the plain rate; best of {repeat}: "
            f"{imp_s:.2f} s vs {plain_s:.2f} s",
            details={"runs_s": imports, "plain_runs_s": plains},
        ),
        Row(
            key="sync.export",
            title=f"Export of a bundle of {records:,} changed records (export_bundle)",
            teams=None,
            value=records / exp_s,
            unit="rows/s",
            notes=f"best of {repeat}: {exp_s:.2f} s (read, diff against the acknowledged, "
            "write and sign the zip)",
            details={"runs_s": exports},
        ),
    ]


if __name__ == "__main__":  # pragma: no cover
    for row in run():
        print(f"{row.title}: {row.value:,.0f} {row.unit}; {row.notes}")
