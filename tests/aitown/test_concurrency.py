"""Two desks at once: the second save of the same team is refused with a clear sentence and
nothing is lost; a locked SQLite file is waited for, then reported; writers from two processes
queue up and keep the audit chain whole. On SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from aitown.db import Database
from aitown.errors import ConflictError, DatabaseError
from aitown.models import AuditEvent, Team
from aitown.services.actor import Actor
from aitown.services.audit import verify_chain
from aitown.services.teams import create_team, update_team
from tests.aitown.dbfiles import count
from tests.aitown.makers import team_values
from tests.conftest import Staff

ROOT = Path(__file__).resolve().parents[2]


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def _spec(actor: Actor) -> str:
    return json.dumps(dataclasses.asdict(actor))


def _start_together(commands: list[list[str]], folder: Path) -> list[subprocess.Popen[str]]:
    """Start worker processes, wait until each has opened the database, then let them go at once."""
    go = folder / "go"
    procs = []
    readies = []
    for i, args in enumerate(commands):
        ready = folder / f"ready-{i}"
        readies.append(ready)
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "tests.aitown.workers", *args, str(go), str(ready)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "AITOWN_LANG": "en"},
            )
        )
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in readies):
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            for p in procs:
                p.kill()
            raise AssertionError(f"workers did not start: {[p.communicate() for p in procs]}")
        time.sleep(0.01)
    go.write_text("go")
    return procs


def _finish(procs: list[subprocess.Popen[str]]) -> list[str]:
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        outs.append(out)
    return outs


def test_two_processes_save_the_same_team(
    any_db: Database, any_staff: Staff, tmp_path: Path
) -> None:
    team_id = create_team(any_db, any_staff.desk, team_values(1, headcount="10"))
    commands = [
        ["update-team", _url(any_db), _spec(actor), str(team_id), "1", headcount]
        for actor, headcount in ((any_staff.desk, "21"), (any_staff.desk2, "32"))
    ]
    outs = [out.strip() for out in _finish(_start_together(commands, tmp_path))]

    saved = [o for o in outs if o.startswith("saved")]
    refused = [o for o in outs if o.startswith("refused")]
    assert len(saved) == 1 and len(refused) == 1, outs
    assert saved[0] == "saved 2"
    assert refused[0].startswith("refused ConflictError Someone else saved")
    assert "your changes were not saved" in refused[0]

    winner = "21" if outs[0] == saved[0] else "32"
    with any_db.read() as s:
        team = s.get(Team, team_id)
        assert team is not None and (team.version, team.headcount) == (2, int(winner))
        updates = s.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "team.update", AuditEvent.entity_id == str(team_id)
            )
        ).all()
    assert len(updates) == 1 and json.loads(updates[0].after_json or "{}") == {
        "headcount": int(winner)
    }
    assert verify_chain(any_db)[1] == []


def test_two_processes_writing_queue_up_and_keep_the_chain(
    any_db: Database, any_staff: Staff, tmp_path: Path
) -> None:
    before = count(any_db, "audit_event")
    commands = [
        ["create-teams", _url(any_db), _spec(any_staff.desk), "100", "15"],
        ["create-teams", _url(any_db), _spec(any_staff.desk2), "200", "15"],
    ]
    outs = _finish(_start_together(commands, tmp_path))
    assert [o.count("created") for o in outs] == [15, 15]
    assert count(any_db, "team") == 30
    checked, problems = verify_chain(any_db)
    assert problems == [] and checked == before + 30


# --- a locked SQLite file ---------------------------------------------------------------------------


def _hold_write_lock(
    path: Path, seconds: float, held: threading.Event, release: threading.Event | None = None
) -> None:
    """Another desk in the middle of a long write: the write lock for ``seconds`` (or until
    ``release`` is set)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        if release is not None:
            release.wait(seconds)
        else:
            time.sleep(seconds)
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def test_a_locked_database_is_waited_for(db: Database, staff: Staff) -> None:
    team_id = create_team(db, staff.desk, team_values(1))
    path = db.sqlite_path
    assert path is not None
    patient = Database(db.url, busy_timeout_ms=10_000)
    held = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 0.6, held))
    holder.start()
    held.wait(5)
    started = time.monotonic()
    try:
        assert update_team(patient, staff.desk, team_id, 1, {"headcount": "99"}) == 2
    finally:
        holder.join()
        patient.dispose()
    assert time.monotonic() - started >= 0.4  # it waited for the other desk, then saved


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_a_database_locked_too_long_is_reported(
    db: Database, staff: Staff, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    team_id = create_team(db, staff.desk, team_values(1))
    path = db.sqlite_path
    assert path is not None
    if how == "argument":
        impatient = Database(db.url, busy_timeout_ms=300)
    else:
        monkeypatch.setenv("AITOWN_BUSY_TIMEOUT_MS", "300")
        impatient = Database(db.url)
    assert impatient.busy_timeout_ms == 300
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 10.0, held, release))
    holder.start()
    held.wait(5)
    started = time.monotonic()
    try:
        with pytest.raises(DatabaseError) as info:
            update_team(impatient, staff.desk, team_id, 1, {"headcount": "99"})
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()
        impatient.dispose()
    assert 0.25 <= waited < 2.5
    assert info.value.message == (
        f"The database {path} is busy with another desk's change; try again in a moment."
    )
    with db.read() as s:  # nothing was half-saved
        team = s.get(Team, team_id)
        assert team is not None and (team.version, team.headcount) == (1, 12)


@pytest.mark.postgres
def test_a_save_between_check_and_write_is_refused_on_postgresql(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The narrowest race, made to happen every time: another desk commits after this save has
    checked the version but before its UPDATE (PostgreSQL lets both read; SQLite's BEGIN IMMEDIATE
    makes the second wait instead). The UPDATE matches no row and the save is refused."""
    from aitown.schema import open_database
    from aitown.services import teams as team_service
    from tests.conftest import make_staff

    db = open_database(pg_url, create=True)
    other = Database(db.url)
    try:
        staff = make_staff(db)
        team_id = create_team(db, staff.desk, team_values(1))
        real_check = team_service.check_team_fields
        interleaved: list[int] = []
        calls = []

        def check_then_let_the_other_desk_save(values: dict[str, object]) -> object:
            calls.append(values)
            if len(calls) == 1:  # only the first save; the other desk's own check runs normally
                interleaved.append(update_team(other, staff.desk2, team_id, 1, {"headcount": "77"}))
            return real_check(values)

        monkeypatch.setattr(team_service, "check_team_fields", check_then_let_the_other_desk_save)
        with pytest.raises(ConflictError, match="Someone else saved"):
            update_team(db, staff.desk, team_id, 1, {"headcount": "55"})
        assert interleaved == [2]
        with db.read() as s:
            team = s.get(Team, team_id)
            assert team is not None and (team.version, team.headcount) == (2, 77)
        assert verify_chain(db)[1] == []
    finally:
        other.dispose()
        db.dispose()
