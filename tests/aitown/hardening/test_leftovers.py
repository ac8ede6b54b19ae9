"""What a kill leaves and what piles up: pre-upgrade copies are written under a temporary name and
renamed when whole, only a few are kept; partial copies of killed backups and restores are cleaned
up at the next start; ``backup DIR/`` makes a folder, never a file named like it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from aitown.cli import main as cli_main
from aitown.db import Database
from aitown.schema import KEEP_UPGRADE_COPIES, open_database
from aitown.services import backup as backup_service
from tests.aitown.dbfiles import insert_office_at_0001, make_db_at_revision
from tests.conftest import ADMIN_PASSWORD, Staff

ROOT = Path(__file__).resolve().parents[3]


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(done.stdout)


def test_a_killed_pre_upgrade_copy_leaves_nothing_named_like_a_good_copy(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_db_at_revision(path, "0001")
    insert_office_at_0001(path)
    # The upgrade's copy is killed (SIGKILL) after its first page.
    script = textwrap.dedent(
        f"""
        import os, signal, sqlite3
        import aitown.schema as schema

        real = sqlite3.connect

        class Conn:
            def __init__(self, c):
                self.c = c
            def backup(self, dst, **kw):
                self.c.backup(dst.c, pages=1, progress=lambda *a: os.kill(os.getpid(), signal.SIGKILL))
            def __getattr__(self, name):
                return getattr(self.c, name)

        class Module:
            def __getattr__(self, name):
                return getattr(sqlite3, name)
            def connect(self, *a, **k):
                return Conn(real(*a, **k))

        schema.sqlite3 = Module()
        schema.open_database({str(path)!r})
        """
    )
    killed = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True
    )
    assert killed.returncode == -9, killed.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not any(n.startswith("old.before-upgrade-") for n in names), names
    assert any(".partial-" in n for n in names), names  # what the kill left, under a hidden name

    db = open_database(path)  # the next start cleans up and upgrades with a whole copy
    try:
        copy = db.upgrade_backup  # type: ignore[attr-defined]
    finally:
        db.dispose()
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert names == sorted(["old.sqlite", copy.name]), names
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT code FROM office").fetchall() == [("XH01",)]


def test_only_the_newest_pre_upgrade_copies_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    older = [tmp_path / f"desk.before-upgrade-0001-2025010{n}-120000.sqlite" for n in range(1, 6)]
    for p in older:
        p.write_bytes(b"an old copy")
    other = tmp_path / "other.before-upgrade-0001-20250101-120000.sqlite"
    other.write_bytes(b"another database's copy")
    make_db_at_revision(path, "0001")
    db = open_database(path)
    copy = db.upgrade_backup  # type: ignore[attr-defined]
    db.dispose()
    kept = sorted(p.name for p in tmp_path.glob("desk.before-upgrade-*"))
    assert len(kept) == KEEP_UPGRADE_COPIES
    assert copy.name in kept
    assert kept[: KEEP_UPGRADE_COPIES - 1] == [p.name for p in older[-(KEEP_UPGRADE_COPIES - 1) :]]
    assert other.exists()  # another database's copies are not ours to prune


def test_partials_of_killed_backups_and_restores_are_cleaned_at_start(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    dead, alive = _dead_pid(), __import__("os").getpid()
    folder = db.sqlite_path.parent  # type: ignore[union-attr]
    left = folder / f".desk.sqlite.partial-{dead}"  # a killed restore
    left_journal = folder / f".desk.sqlite.partial-{dead}-journal"
    busy = folder / f".copy.sqlite.partial-{alive}"  # a copy still being written right now
    backups = tmp_path / "backups"
    backups.mkdir()
    left_backup = backups / f".aitown-auto-20250101-010101.sqlite.partial-{dead}"
    for p in (left, left_journal, busy, left_backup):
        p.write_bytes(b"\0" * 4096)
    db.dispose()
    open_database(db.sqlite_path).dispose()  # type: ignore[arg-type]
    assert not left.exists() and not left_journal.exists()
    assert busy.exists()
    backup_service.auto_backup(db, folder=backups)
    assert not left_backup.exists()
    assert [p.name.startswith("aitown-auto-") for p in backups.iterdir()] == [True]


def test_backup_into_a_folder_that_does_not_exist_yet(
    db: Database,
    staff: Staff,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    new = tmp_path / "usb" / "backups"
    (tmp_path / "usb").mkdir()
    code = cli_main(["backup", f"{new}/", "--db", str(db.sqlite_path), "--user", "admin"])
    assert code == 0, capsys.readouterr().err
    assert new.is_dir()
    made = list(new.iterdir())
    assert len(made) == 1 and made[0].name.startswith("aitown-")
    # A folder two levels down that is not there: refused, nothing made.
    deeper = tmp_path / "nowhere" / "backups"
    assert cli_main(["backup", f"{deeper}/", "--db", str(db.sqlite_path), "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "nowhere").exists()
