"""A process killed with SIGKILL in the middle of long work leaves the SQLite file intact and each
step wholly done or not done: an import (one transaction), a batch approval (one transaction per
application), a batch print (one transaction per notice, numbers without gaps), a run of single
saves. Afterwards the database is usable as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aitown.db import Database
from aitown.models import Application, AuditEvent, BudgetPool, DocumentSeries, Notice, Team
from aitown.services import applications, batch_approval, leases, teams
from aitown.services.actor import Actor
from aitown.services.audit import verify_chain
from aitown.services.team_import import import_teams
from tests.aitown.makers import pass_publicity, team_values, uscc_for
from tests.conftest import Staff

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

ROOT = Path(__file__).resolve().parents[2]


def _spec(actor: Actor) -> str:
    return json.dumps(dataclasses.asdict(actor))


def _run_until(
    args: list[str], stop_when: Callable[[str], bool], *, delay: float = 0.0
) -> list[str]:
    """Run a worker and SIGKILL it as soon as one of its lines satisfies ``stop_when``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.aitown.workers", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "AITOWN_LANG": "en"},
    )
    assert proc.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + 180
    try:
        for line in proc.stdout:
            seen.append(line.strip())
            if stop_when(line):
                if delay:
                    time.sleep(delay)
                proc.send_signal(signal.SIGKILL)
                break
            if time.monotonic() > deadline:
                break
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, (
        f"the worker was not killed mid-way: rc={proc.returncode}, lines={seen[-3:]}, "
        f"stderr={proc.stderr.read() if proc.stderr else ''}"
    )
    return seen


def _integrity(db: Database) -> str:
    path = db.sqlite_path
    assert path is not None
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _count(db: Database, model: type, *where: object) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _sqlite_url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


# --- import: one transaction ------------------------------------------------------------------------


def _big_csv(path: Path, rows: int) -> None:
    header = "name_zh,name_en,uscc,legal_rep,founded_on,district,headcount,ai_focus,phone,email\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header)
        for i in range(rows):
            n = 10_000 + i
            fh.write(
                f"上海崩溃测试科技有限公司{n},Crash Test {n},{uscc_for(n)},王伟,2023-03-02,"
                f"徐汇区,12,vertical models,021-64000000,t{n}@example.cn\n"
            )


def test_import_killed_in_its_write_transaction_leaves_nothing(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    rows = 4000
    csv = tmp_path / "big.csv"
    _big_csv(csv, rows)
    teams_before = _count(db, Team)
    events_before = _count(db, AuditEvent)
    db.dispose()

    def in_write_pass(line: str) -> bool:
        parts = line.split()
        return parts[0] == "progress" and int(parts[1]) > int(parts[2]) // 2

    seen = _run_until(
        ["import-slowly", _sqlite_url(db), _spec(staff.desk), str(csv)], in_write_pass
    )
    assert not any(line.startswith("imported") for line in seen)

    assert _integrity(db) == "ok"
    assert _count(db, Team) == teams_before  # all or nothing: here, nothing
    assert _count(db, AuditEvent) == events_before
    assert verify_chain(db)[1] == []

    # The database works as before: the same file imports whole.
    report = import_teams(db, staff.desk, csv)
    assert report.imported == rows and _count(db, Team) == teams_before + rows


# --- many single saves: each one whole --------------------------------------------------------------


def test_saves_killed_mid_run_are_each_whole(db: Database, staff: Staff, tmp_path: Path) -> None:
    db.dispose()
    go, ready = tmp_path / "go", tmp_path / "ready"
    go.write_text("go")
    created = 0

    def enough(line: str) -> bool:
        nonlocal created
        created += line.startswith("created")
        return created >= 12

    _run_until(
        ["create-teams", _sqlite_url(db), _spec(staff.desk), "0", "500", str(go), str(ready)],
        enough,
        delay=0.01,
    )
    assert _integrity(db) == "ok"
    n_teams = _count(db, Team)
    assert 12 <= n_teams < 500
    # Every team that exists has its audit event, and no event names a team that is not there.
    assert _count(db, AuditEvent, AuditEvent.action == "team.create") == n_teams
    assert verify_chain(db)[1] == []
    teams.create_team(db, staff.desk, team_values(9999))  # and it goes on working


# --- batch approval: one transaction per application -------------------------------------------------


def _submitted_grants(db: Database, staff: Staff, how_many: int) -> list[int]:
    today = dt.date.today()
    founded = today - dt.timedelta(days=3 * 365)
    admitted = today - dt.timedelta(days=200)
    ids = []
    for n in range(how_many):
        team_id = teams.create_team(db, staff.desk, team_values(n, founded_on=founded.isoformat()))
        teams.set_team_status(db, staff.desk, team_id, "admitted", admitted)
        space = leases.create_space(db, staff.admin, "1号楼", f"{101 + n}", "150", "20000")
        leases.create_lease(
            db, staff.desk, team_id, space, admitted, admitted + dt.timedelta(days=3 * 365)
        )
        rec = applications.record_application(db, staff.desk, team_id, "startup_grant")
        applications.submit_application(db, staff.desk, rec.application_id)
        ids.append(rec.application_id)
    return ids


@pytest.mark.parametrize("delay", [0.0, 0.17])  # in the pause between two, or inside the next one
def test_batch_approval_killed_mid_batch_leaves_each_application_whole(
    db: Database, staff: Staff, delay: float
) -> None:
    ids = _submitted_grants(db, staff, 6)
    db.dispose()

    def two_done(line: str) -> bool:
        return line.startswith("approved 2 ")

    _run_until(
        ["approve-slowly", _sqlite_url(db), _spec(staff.reviewer), ",".join(map(str, ids))],
        two_done,
        delay=delay,
    )
    assert _integrity(db) == "ok"
    with db.read() as s:
        apps = s.scalars(select(Application).where(Application.id.in_(ids))).all()
        statuses = [a.status for a in apps]
        approved = [a for a in apps if a.status == "approved"]
        pool = s.scalars(select(BudgetPool).where(BudgetPool.kind == "startup_grant")).one()
        approve_events = s.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "application.approve")
        )
    assert set(statuses) <= {"approved", "submitted"}
    assert 2 <= len(approved) < len(ids), statuses
    # Approved money is committed exactly once per approved application, and each has its event.
    assert pool.committed == sum(a.amount or 0 for a in approved)
    assert all(a.decided_by == staff.reviewer.user_id and a.decided_at for a in approved)
    assert approve_events == len(approved)
    assert verify_chain(db)[1] == []

    # The rest of the batch can be approved afterwards.
    rest = [a.id for a in apps if a.status == "submitted"]
    outcome = batch_approval.approve_batch(db, staff.reviewer, rest)
    assert outcome.approved == rest


# --- batch printing: one transaction per notice, numbers without gaps -------------------------------


@pytest.mark.parametrize("delay", [0.0, 0.2])
def test_batch_print_killed_mid_batch_leaves_whole_notices_without_gaps(
    db: Database, staff: Staff, tmp_path: Path, delay: float
) -> None:
    ids = _submitted_grants(db, staff, 5)
    batch_approval.approve_batch(db, staff.reviewer, ids)
    pass_publicity(db, staff.admin)
    out = tmp_path / "printed"
    db.dispose()

    def two_printed(line: str) -> bool:
        return line.startswith("printed 2 ")

    _run_until(
        ["print-slowly", _sqlite_url(db), _spec(staff.admin), str(out)], two_printed, delay=delay
    )
    assert _integrity(db) == "ok"
    with db.read() as s:
        notices = s.scalars(select(Notice).order_by(Notice.doc_serial)).all()
        series = s.scalars(select(DocumentSeries)).all()
        issue_events = s.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "notice.issue")
        )
    assert 2 <= len(notices) < len(ids)
    # Gap-free numbers: serials 1..n, and the series has not moved past the last one stored.
    assert [n.doc_serial for n in notices] == list(range(1, len(notices) + 1))
    assert [(x.year, x.last_serial) for x in series] == [(notices[0].doc_year, len(notices))]
    assert issue_events == len(notices)
    assert verify_chain(db)[1] == []
    # Files under their final names are whole notices (a half-written one keeps a temporary name).
    stored = {n.sha256 for n in notices}
    finals = [p for p in out.iterdir() if p.suffix == ".pdf" and not p.name.startswith(".")]
    assert finals and all(hashlib.sha256(p.read_bytes()).hexdigest() in stored for p in finals)

    # Printing again carries on where it stopped, still without gaps.
    from aitown.services.notice_printing import print_notices

    print_notices(db, staff.admin, out=out, combined=False)
    with db.read() as s:
        serials = s.scalars(select(Notice.doc_serial).order_by(Notice.doc_serial)).all()
    assert serials == list(range(1, len(ids) + 1))
