"""Restore checks the backup's audit chain (and the anchors noted down with it) before replacing
anything: a backup whose log was edited, or rewritten with the program's own code, is refused with
the event named, and the live database is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from aitown.cli import main as cli_main
from aitown.db import Database
from aitown.errors import DatabaseError
from aitown.models import AuditEvent
from aitown.schema import open_database
from aitown.services import backup as backup_service
from aitown.services import restore
from aitown.services.audit import event_hash
from aitown.services.audit_log import Anchor, current_anchor
from aitown.services.teams import create_team
from tests.aitown.dbfiles import files_in, sha256
from tests.aitown.makers import team_values
from tests.conftest import ADMIN_PASSWORD, Staff


def _backup(db: Database, staff: Staff, where: Path) -> Path:
    for n in range(3):
        create_team(db, staff.desk, team_values(n))
    return backup_service.backup_database(db, staff.admin, where / "b.sqlite")


def _anchor(path: Path) -> Anchor | None:
    other = open_database(path)
    try:
        return current_anchor(other)
    finally:
        other.dispose()


def _edit(path: Path, sql: str) -> None:
    other = open_database(path)
    try:
        with other.engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        other.dispose()


def _rewrite_with_the_code(path: Path) -> None:
    other = open_database(path)
    try:
        with other.write() as s:
            prev = None
            for ev in s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all():
                if ev.action == "team.create":
                    ev.user_name = "someone-else"
                if prev is not None:
                    ev.prev_hash = prev
                ev.hash = event_hash(ev)
                prev = ev.hash
            s.execute(text("UPDATE audit_head SET last_hash = :h"), {"h": prev})
    finally:
        other.dispose()


def test_a_backup_with_an_edited_event_is_refused(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    backup = _backup(db, staff, tmp_path)
    _edit(backup, "UPDATE audit_event SET user_name = 'ghost' WHERE action = 'team.create'")
    live = db.sqlite_path
    assert live is not None
    db.dispose()
    before = files_in(live.parent)
    with pytest.raises(DatabaseError) as info:
        restore.restore_database(live, backup, staff.admin)
    message = info.value.message
    assert message.startswith(f"The backup {backup} has a tampered audit log: Audit event ")
    assert "by ghost" in message and "Nothing was restored" in message
    assert files_in(live.parent) == before


def test_a_rewritten_backup_is_caught_by_its_anchor_at_the_command_line(
    db: Database,
    staff: Staff,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    backup = _backup(db, staff, tmp_path)
    anchor = _anchor(backup)  # noted down with the backup
    _rewrite_with_the_code(backup)
    live = str(db.sqlite_path)
    db.dispose()
    before = sha256(Path(live))
    # The chain alone looks whole after a rewrite: without the anchor the restore goes ahead.
    restore.check_restorable(backup)
    args = ["restore", "--db", live, "--user", "admin", str(backup), "--expect", str(anchor)]
    assert cli_main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"aitown-cli: The backup {backup} has a tampered audit log: ")
    assert f"Audit event {anchor.event_id} no longer has the hash noted down" in err  # type: ignore[union-attr]
    assert err.count("\n") == 1
    assert sha256(Path(live)) == before


def test_a_good_backup_with_its_anchor_is_restored(
    db: Database,
    staff: Staff,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    backup = _backup(db, staff, tmp_path)
    anchor = _anchor(backup)
    live = str(db.sqlite_path)
    db.dispose()
    args = ["restore", "--db", live, "--user", "admin", str(backup), "--expect", str(anchor)]
    assert cli_main(args) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith(f"Restored {live} from {backup}.")
