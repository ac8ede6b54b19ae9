"""Issue 22: what the application creates is for the desk's account only (folders 700, files 600),
and a database file that every account may change is refused with a sentence."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from aitown import logs, paths
from aitown.cli import main
from aitown.errors import DatabaseError
from aitown.schema import open_database
from aitown.services.backup import auto_backup
from tests.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The common default umask (files 644, folders 755), whatever the test runner's is."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_database_and_its_wal_and_shm_files_are_600(
    tmp_path: Path, loose_umask: None
) -> None:
    path = tmp_path / "desk.sqlite"
    db = open_database(path, create=True)
    try:
        with db.engine.connect() as conn:  # open: the -wal and -shm files exist now
            conn.exec_driver_sql("SELECT count(*) FROM office").all()
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            assert wal.exists() and shm.exists()
            assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
    finally:
        db.dispose()


def test_cli_init_and_backup_make_private_folders_and_files(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    loose_umask: None,
) -> None:
    data = tmp_path / "home" / "data"
    monkeypatch.setenv("AITOWN_DATA_DIR", str(data))
    monkeypatch.delenv("AITOWN_DB", raising=False)
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    code = main(
        ["init", "--office", "XH01", "--office-name", "徐汇区人工智能孵化中心", "--admin", "admin"]
    )
    assert code == 0, capsys.readouterr().err
    database = data / "aitown.sqlite"
    assert (mode(data.parent), mode(data), mode(database)) == (0o700, 0o700, 0o600)
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    code = main(["backup", str(shelf / "copy.sqlite"), "--user", "admin"])
    assert code == 0, capsys.readouterr().err
    assert mode(shelf / "copy.sqlite") == 0o600
    assert os.umask(0o022) == 0o022  # the command gave the process its umask back


def test_automatic_backups_and_logs_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loose_umask: None
) -> None:
    """What the application's start does (ui.app.main runs inside paths.private_files())."""
    monkeypatch.setenv("AITOWN_DATA_DIR", str(tmp_path / "data"))
    db = open_database(tmp_path / "desk.sqlite", create=True)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        with paths.private_files():
            copy = auto_backup(db)
            log_file = logs.setup_logging(folder=tmp_path / "log")
            logging.getLogger("aitown.test").warning("a line for the log")
    finally:
        db.dispose()
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    assert copy is not None and log_file is not None
    backups = tmp_path / "data" / "backups"
    assert copy.parent == backups
    assert (mode(tmp_path / "data"), mode(backups), mode(copy)) == (0o700, 0o700, 0o600)
    assert (mode(log_file.parent), mode(log_file)) == (0o700, 0o600)


def test_a_database_every_account_may_change_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    open_database(path, create=True).dispose()
    path.chmod(0o666)
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert caught.value.message.startswith(
        f"The database {path} can be changed by every account on this computer"
    )
    assert f"chmod 600 {path}" in caught.value.message
    assert path.read_bytes() == before and mode(path) == 0o666
    path.chmod(0o640)  # group-writable or readable (a shared desk folder) is the office's choice
    open_database(path).dispose()


def test_the_command_line_refuses_it_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.sqlite"
    open_database(path, create=True).dispose()
    path.chmod(0o646)
    assert main(["pools", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "can be changed by every account" in err
