"""Backups: a checked online copy, the daily automatic copy with retention, and restore that checks
its source and keeps what it replaces. PostgreSQL is pointed at pg_dump."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aitown import sqlite_files
from aitown.db import Database
from aitown.errors import AuthenticationError, DatabaseError, DeskError, ValidationError
from aitown.models import AuditEvent, Team
from aitown.schema import open_database
from aitown.services import backup as svc
from aitown.services import restore
from aitown.services.audit import verify_chain
from aitown.services.teams import create_team
from tests.aitown.dbfiles import (
    PNG_BYTES,
    checkpoint,
    count,
    files_in,
    insert_office_at_0001,
    make_db_at_revision,
    make_foreign_sqlite,
    set_revision,
    sha256,
)
from tests.aitown.makers import team_values
from tests.conftest import ADMIN_PASSWORD, Staff


def _integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _teams_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM team").fetchone()[0]


# --- backup_database --------------------------------------------------------------------------------


def test_backup_is_a_checked_self_contained_copy_and_is_audited(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    for n in range(5):
        create_team(db, staff.desk, team_values(n))
    dest = tmp_path / "out" / "copy.sqlite"
    dest.parent.mkdir()

    made = svc.backup_database(db, staff.admin, dest)

    assert made == dest.absolute()
    assert _integrity(made) == "ok"
    assert _teams_in(made) == 5
    # One file, not in WAL mode: it can be carried away on its own.
    assert sorted(p.name for p in dest.parent.iterdir()) == ["copy.sqlite"]
    assert made.read_bytes()[18:20] == b"\x01\x01"
    with db.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "backup.create")).one()
        assert ev.user_name == "admin" and str(made) in (ev.after_json or "")
    assert verify_chain(db)[1] == []


def test_backup_into_a_folder_names_the_file_by_time(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    when = dt.datetime(2025, 3, 4, 5, 6, 7)
    first = svc.backup_database(db, staff.admin, tmp_path, now=when)
    second = svc.backup_database(db, staff.admin, tmp_path, now=when)
    assert first.name == "aitown-20250304-050607.sqlite"
    assert second.name == "aitown-20250304-050607-2.sqlite"


@pytest.mark.parametrize(
    ("where", "fragment"),
    [
        ("existing", "already exists"),
        ("itself", "the database itself"),
        ("no-folder", "does not exist"),
    ],
)
def test_backup_refuses_a_bad_destination(
    db: Database, staff: Staff, tmp_path: Path, where: str, fragment: str
) -> None:
    existing = tmp_path / "earlier.sqlite"
    existing.write_bytes(b"an earlier backup")
    dest = {
        "existing": existing,
        "itself": db.sqlite_path,
        "no-folder": tmp_path / "missing" / "x.sqlite",
    }[where]
    before = files_in(tmp_path)
    with pytest.raises(ValidationError, match=fragment):
        svc.backup_database(db, staff.admin, dest)  # type: ignore[arg-type]
    assert files_in(tmp_path) == before


def test_backup_while_another_desk_writes(
    db: Database, staff: Staff, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is made from the live file while another connection keeps committing teams."""
    for n in range(40):
        create_team(db, staff.desk, team_values(n))
    monkeypatch.setattr(
        sqlite_files, "_STEP_PAGES", 2
    )  # many small steps, so writes land in between
    other = Database(db.url)
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        n = 1000
        while not stop.is_set():
            create_team(other, staff.desk, team_values(n))
            written.append(n)
            n += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    steps: list[tuple[int, int]] = []
    try:
        made = svc.backup_database(
            db, staff.admin, tmp_path / "busy.sqlite", progress=lambda d, t: steps.append((d, t))
        )
    finally:
        stop.set()
        writer.join()
        other.dispose()
    assert written, "the other desk never wrote during the backup"
    assert len(steps) > 1 and steps[-1][0] == steps[-1][1]
    assert _integrity(made) == "ok"
    assert 40 <= _teams_in(made) <= 40 + len(written)
    # The copy is a consistent snapshot: every team in it has its audit event, and its chain holds.
    copy = open_database(made)
    try:
        assert count(copy, "team") == len([e for e in _actions(copy) if e == "team.create"])
        assert verify_chain(copy)[1] == []
    finally:
        copy.dispose()


def _actions(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent.action)))


def test_cancelled_backup_keeps_nothing(
    db: Database, staff: Staff, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_files, "_STEP_PAGES", 1)
    before_events = count(db, "audit_event")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(svc.BackupCancelled, match="cancelled"):
        svc.backup_database(db, staff.admin, out / "c.sqlite", cancel=lambda: True)
    assert list(out.iterdir()) == []
    assert count(db, "audit_event") == before_events


def test_a_damaged_database_gives_no_backup(db: Database, staff: Staff, tmp_path: Path) -> None:
    for n in range(60):
        create_team(db, staff.desk, team_values(n))
    db.dispose()
    live = db.sqlite_path
    assert live is not None
    checkpoint(live)
    with closing(sqlite3.connect(live)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_team_name_zh'")
        page = root.fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with live.open("r+b") as fh:  # scribble over one index page
        fh.seek((page - 1) * page_size + 8)
        fh.write(b"\xff" * 64)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DatabaseError, match="integrity check"):
        svc.backup_database(db, staff.admin, out / "bad.sqlite")
    assert list(out.iterdir()) == []


# --- auto_backup ------------------------------------------------------------------------------------


def test_auto_backup_once_a_day_keeping_the_newest(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    folder = tmp_path / "auto"
    (folder).mkdir()
    manual = folder / "aitown-20250101-000000.sqlite"
    manual.write_bytes(b"a manual backup the retention must not touch")
    other = folder / "notes.txt"
    other.write_text("mine")
    start = dt.datetime(2025, 5, 1, 9, 0, 0)

    made = []
    for day in range(6):
        when = start + dt.timedelta(days=day)
        first = svc.auto_backup(db, keep=3, folder=folder, now=when)
        again = svc.auto_backup(db, keep=3, folder=folder, now=when + dt.timedelta(hours=5))
        assert first is not None and again is None
        made.append(first)
        assert _integrity(first) == "ok"

    autos = sorted(p.name for p in folder.glob("aitown-auto-*"))
    assert autos == [p.name for p in made[-3:]]
    assert manual.exists() and other.read_text() == "mine"
    with db.read() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "backup.auto")).all()
        assert len(events) == 6 and {e.user_name for e in events} == {"system"}


def test_auto_backup_reads_retention_and_folder_from_settings(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    assert svc.backup_keep(db) == svc.DEFAULT_KEEP == 14
    folder = tmp_path / "configured"
    svc.set_backup_settings(db, staff.admin, keep=2, folder=folder)
    assert svc.backup_keep(db) == 2 and svc.backup_folder(db) == folder
    start = dt.datetime(2025, 6, 1, 8, 0, 0)
    for day in range(4):
        svc.auto_backup(db, now=start + dt.timedelta(days=day))
    assert sorted(p.name for p in folder.iterdir()) == [
        "aitown-auto-20250603-080000.sqlite",
        "aitown-auto-20250604-080000.sqlite",
    ]


@pytest.mark.parametrize("keep", [0, -1, 3651, True])
def test_backup_settings_refuse_impossible_retention(db: Database, staff: Staff, keep: int) -> None:
    with pytest.raises(ValidationError, match="whole number from 1 to 3650"):
        svc.set_backup_settings(db, staff.admin, keep=keep)
    assert svc.backup_keep(db) == 14


def test_backup_folder_must_be_a_full_path(db: Database, staff: Staff) -> None:
    with pytest.raises(ValidationError, match="full path"):
        svc.set_backup_settings(db, staff.admin, folder="relative/backups")


def test_auto_backup_default_folder_is_the_user_backup_folder(
    db: Database, staff: Staff, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AITOWN_DATA_DIR", str(tmp_path / "data"))
    made = svc.auto_backup(db)
    assert made is not None and made.parent == tmp_path / "data" / "backups"


# --- restore ----------------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_what_it_replaced(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    create_team(db, staff.desk, team_values(1))
    backup = svc.backup_database(db, staff.admin, tmp_path / "b.sqlite")
    create_team(db, staff.desk, team_values(2))  # made after the backup: gone after restoring
    live = db.sqlite_path
    assert live is not None
    db.dispose()

    when = dt.datetime(2025, 7, 8, 9, 10, 11)
    kept = restore.restore_database(live, backup, staff.admin, now=when)

    assert kept == live.with_name("desk.before-restore-20250708-091011.sqlite")
    assert _teams_in(kept) == 2 and _integrity(kept) == "ok"
    restored = open_database(live)
    try:
        with restored.read() as s:
            assert s.scalars(select(Team.uscc)).all() == [team_values(1)["uscc"]]
            ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
            assert ev is not None and ev.action == "backup.restore"
            assert ev.user_name == "admin" and str(backup) in (ev.after_json or "")
        assert verify_chain(restored)[1] == []
    finally:
        restored.dispose()
    assert _integrity(backup) == "ok" and _teams_in(backup) == 1  # the backup itself is unchanged


def test_restore_removes_a_stale_write_ahead_log(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    backup = svc.backup_database(db, staff.admin, tmp_path / "b.sqlite")
    live = db.sqlite_path
    assert live is not None
    db.dispose()
    wal = Path(f"{live}-wal")
    wal.write_bytes(b"left over from a crash")
    restore.restore_database(live, backup, staff.admin)
    assert not wal.exists() or wal.read_bytes() != b"left over from a crash"
    assert _integrity(live) == "ok"


def test_restore_when_no_database_exists_yet(db: Database, staff: Staff, tmp_path: Path) -> None:
    backup = svc.backup_database(db, staff.admin, tmp_path / "b.sqlite")
    target = tmp_path / "new-place" / "aitown.sqlite"
    target.parent.mkdir()
    assert restore.restore_database(target, backup, staff.admin) is None
    assert _integrity(target) == "ok"


def test_restore_over_a_damaged_database_keeps_its_bytes(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    backup = svc.backup_database(db, staff.admin, tmp_path / "b.sqlite")
    live = db.sqlite_path
    assert live is not None
    db.dispose()
    live.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 1000)
    Path(f"{live}-wal").unlink(missing_ok=True)
    damaged = live.read_bytes()
    kept = restore.restore_database(live, backup, staff.admin)
    assert kept is not None and kept.read_bytes() == damaged
    assert _integrity(live) == "ok"


@pytest.mark.parametrize("kind", ["foreign", "text"])
def test_restore_does_not_replace_a_file_that_is_not_our_database(
    db: Database, staff: Staff, tmp_path: Path, kind: str
) -> None:
    backup = svc.backup_database(db, staff.admin, tmp_path / "b.sqlite")
    wrong = tmp_path / "wrong" / "other.sqlite"
    wrong.parent.mkdir()
    if kind == "foreign":
        make_foreign_sqlite(wrong)
    else:
        wrong.write_text("minutes of the meeting")
    before = files_in(wrong.parent)
    with pytest.raises(DatabaseError, match="not replaced: check --db"):
        restore.restore_database(wrong, backup, staff.admin)
    assert files_in(wrong.parent) == before


def test_auto_backup_into_a_folder_that_cannot_be_made(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    with pytest.raises(ValidationError, match="Cannot make the backup folder"):
        svc.auto_backup(db, folder=blocker / "backups")


def test_restore_as_a_user_the_backup_does_not_know_is_recorded_as_system(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    backup = svc.backup_database(db, staff.admin, tmp_path / "b.sqlite")
    live = db.sqlite_path
    assert live is not None
    db.dispose()
    stranger = type(staff.admin)(99, "admin2", "administrator", staff.admin.office_id, True)
    restore.restore_database(live, backup, stranger)
    restored = open_database(live)
    try:
        with restored.read() as s:
            ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
            assert ev is not None and ev.action == "backup.restore"
            assert ev.user_name == "system" and '"by": "admin2"' in (ev.after_json or "")
    finally:
        restored.dispose()


def test_restore_of_an_older_backup_upgrades_it(db: Database, staff: Staff, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    make_db_at_revision(old, "0001")
    insert_office_at_0001(old)
    live = db.sqlite_path
    assert live is not None
    db.dispose()
    restore.restore_database(live, old, staff.admin)
    restored = open_database(live)
    try:
        assert count(restored, "office") == 1
        assert restored.upgrade_backup is None  # already at head
    finally:
        restored.dispose()


def test_restore_refuses_while_the_database_is_open_elsewhere(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    backup = svc.backup_database(db, staff.admin, tmp_path / "b.sqlite")
    live = db.sqlite_path
    assert live is not None
    create_team(db, staff.desk, team_values(7))  # db keeps its connection open, like a GUI
    before = files_in(live.parent)
    with pytest.raises(DatabaseError, match="open on another desk"):
        restore.restore_database(live, backup, staff.admin)
    assert count(db, "team") == 1
    assert {k: v for k, v in files_in(live.parent).items() if not k.endswith(("-wal", "-shm"))} == {
        k: v for k, v in before.items() if not k.endswith(("-wal", "-shm"))
    } or count(db, "team") == 1


def _make_source(kind: str, tmp_path: Path, db: Database, staff: Staff) -> Path:
    path = tmp_path / f"source-{kind}.sqlite"
    if kind == "text":
        path.write_text("this is a note, not a backup\n")
    elif kind == "png":
        path.write_bytes(PNG_BYTES)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "foreign":
        make_foreign_sqlite(path)
    elif kind in ("truncated", "newer"):
        good = svc.backup_database(db, staff.admin, tmp_path / f"good-{kind}.sqlite")
        if kind == "truncated":
            path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        else:
            good.rename(path)
            set_revision(path, "9999")
    elif kind == "folder":
        path.mkdir()
    elif kind == "missing":
        pass
    return path


@pytest.mark.parametrize(
    ("kind", "fragment"),
    [
        ("text", "not an SQLite file"),
        ("png", "not an SQLite file"),
        ("empty", "not an SQLite file"),
        ("foreign", "another application"),
        ("truncated", "truncated"),
        ("newer", "newer version"),
        ("folder", "is a folder"),
        ("missing", "There is no backup file"),
    ],
)
def test_restore_checks_the_source_first_and_changes_nothing(
    db: Database, staff: Staff, tmp_path: Path, kind: str, fragment: str
) -> None:
    source = _make_source(kind, tmp_path, db, staff)
    live = db.sqlite_path
    assert live is not None
    db.dispose()
    checkpoint(live)
    before_live = files_in(live.parent)
    with pytest.raises(DatabaseError, match=fragment):
        restore.restore_database(live, source, staff.admin)
    assert files_in(live.parent) == before_live


def test_restore_refuses_the_database_itself(db: Database, staff: Staff) -> None:
    live = db.sqlite_path
    assert live is not None
    with pytest.raises(ValidationError, match="the database itself"):
        restore.restore_database(live, live, staff.admin)


def test_verify_administrator_reads_without_writing(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    backup = svc.backup_database(db, staff.admin, out / "b.sqlite")
    before = sha256(backup)
    actor = restore.verify_administrator(backup, "admin", ADMIN_PASSWORD)
    assert actor.role == "administrator" and actor.name == "admin"
    for name, password in (("admin", "wrong-password"), ("desk1", "staff-pass-1"), ("nobody", "x")):
        with pytest.raises(AuthenticationError):
            restore.verify_administrator(backup, name, password)
    assert sha256(backup) == before and sorted(p.name for p in out.iterdir()) == ["b.sqlite"]


# --- PostgreSQL -------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgresql_backups_belong_to_pg_dump(pg_url: str, tmp_path: Path) -> None:
    from tests.conftest import make_staff

    db = open_database(pg_url, create=True)
    try:
        staff = make_staff(db)
        with pytest.raises(DeskError, match="pg_dump -Fc -f aitown.dump") as info:
            svc.backup_database(db, staff.admin, tmp_path / "x.sqlite")
        assert "pg_restore -c -d" in info.value.message
        assert "password" not in info.value.message.lower()
        assert svc.auto_backup(db, folder=tmp_path) is None
        assert list(tmp_path.iterdir()) == []
    finally:
        db.dispose()


# --- the command line -------------------------------------------------------------------------------


def test_cli_backup_then_restore(
    db: Database,
    staff: Staff,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aitown.cli import main as cli_main

    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    live = str(db.sqlite_path)
    out = tmp_path / "backups"
    out.mkdir()
    assert cli_main(["backup", "--db", live, "--user", "admin", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Backed up {live} to {out}/aitown-") and "integrity check ok" in said
    (copy,) = out.iterdir()

    create_team(db, staff.desk, team_values(3))
    db.dispose()
    assert cli_main(["restore", "--db", live, "--user", "admin", str(copy)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == f"Restored {live} from {copy}."
    assert said[1].startswith("The database as it was before is kept in ")
    assert count(db, "team") == 0


@pytest.mark.parametrize(
    ("user", "password", "fragment"),
    [
        ("desk1", "staff-pass-1", "may not make or restore backups"),
        ("admin", "wrong-password", "user name or password is wrong"),
        (None, ADMIN_PASSWORD, "--user NAME"),
    ],
)
def test_cli_restore_refuses_who_may_not(
    db: Database,
    staff: Staff,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    user: str | None,
    password: str,
    fragment: str,
) -> None:
    from aitown.cli import main as cli_main

    backup = svc.backup_database(db, staff.admin, tmp_path / "b.sqlite")
    create_team(db, staff.desk, team_values(4))
    with db.read() as s:
        last_before = s.scalar(select(func.max(AuditEvent.id)))
    db.dispose()
    monkeypatch.setenv("AITOWN_PASSWORD", password)
    monkeypatch.delenv("AITOWN_USER", raising=False)
    capsys.readouterr()
    who = ["--user", user] if user else []
    assert cli_main(["restore", "--db", str(db.sqlite_path), *who, str(backup)]) == 1
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1
    assert count(db, "team") == 1  # still the current data, not the backup's
    with db.read() as s:
        new = s.scalars(select(AuditEvent.action).where(AuditEvent.id > last_before)).all()
    assert set(new) <= {"login", "login.failed"}  # only the log-in attempt itself was recorded


@pytest.mark.postgres
def test_cli_backup_on_postgresql_points_to_pg_dump(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aitown.cli import main as cli_main

    for command in (["backup", str(tmp_path / "x.sqlite")], ["restore", str(tmp_path / "x")]):
        assert cli_main([*command, "--db", pg_url, "--user", "admin"]) == 1
        err = capsys.readouterr().err
        assert "pg_dump -Fc -f aitown.dump" in err and "pg_restore -c -d" in err
        assert err.count("\n") == 1
