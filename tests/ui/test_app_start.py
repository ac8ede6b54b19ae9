"""Issue 22: the new administrator is logged in straight after the first-start dialog, and
Ctrl+C in the terminal ends the application while the log-in dialog is open."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aitown.schema import open_database
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD, make_staff
from tests.ui.conftest import Boxes
from tests.ui.helpers import type_text
from ui import app as desk_app
from ui.dialogs.first_start import FirstStartDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def keep_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_the_new_administrator_goes_straight_to_the_main_window(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked_to_log_in: list[str | None] = []
    monkeypatch.setattr(
        desk_app, "log_in", lambda _db, _lang, user: asked_to_log_in.append(user) or None
    )
    windows: list[str] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FirstStartDialog) and not dialog.code.text():
            for edit, text in (
                (dialog.code, "XH01"),
                (dialog.name_zh, "徐汇区人工智能孵化中心"),
                (dialog.admin_name, "chief"),
                (dialog.password, ADMIN_PASSWORD),
                (dialog.password2, ADMIN_PASSWORD),
            ):
                type_text(qtbot, edit, text)
            dialog.ok_button.click()  # then "load demo data?" is answered No (boxes)
            return
        shown = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
        if any(title.startswith("AI Town Desk — ") for title in shown):
            windows.extend(shown)
            QApplication.instance().exit(0)  # type: ignore[union-attr]

    poll = QTimer()
    poll.timeout.connect(step)
    poll.start(100)
    umask = os.umask(0o022)  # the usual default (644/755), whatever the test runner's is
    try:
        code = desk_app.main(["aitown", "--db", str(tmp_path / "new.sqlite"), "--lang", "en"])
    finally:
        os.umask(umask)
        poll.stop()
    assert code == 0
    assert asked_to_log_in == []
    assert "AI Town Desk — 徐汇区人工智能孵化中心" in windows
    # What the start created is private (the log folder, the day's backup copy, the database).
    backups = tmp_path / "data" / "backups"
    [copy] = backups.glob("aitown-auto-*.sqlite")
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "log", backups, copy)}
    assert modes == {"log": 0o700, "backups": 0o700, copy.name: 0o600}
    assert stat.S_IMODE((tmp_path / "new.sqlite").stat().st_mode) == 0o600


def test_ctrl_c_ends_the_application_while_the_log_in_dialog_is_open(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    db = open_database(path, create=True)
    make_staff(db)
    db.dispose()
    log = tmp_path / "log" / "aitown.log"
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "AITOWN_DATA_DIR": str(tmp_path / "data"),
        "AITOWN_LOG_DIR": str(log.parent),
    }
    env.pop("AITOWN_PASSWORD", None)
    start = "import sys; from ui.app import main; sys.exit(main(sys.argv))"
    child = subprocess.Popen(
        [sys.executable, "-c", start, "--db", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(1200):  # until the dialog's event loop runs (at most two minutes)
            if log.exists() and "the log-in dialog is open" in log.read_text(encoding="utf-8"):
                break
            assert child.poll() is None, child.communicate()
            time.sleep(0.1)
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130, err.decode()
    assert b"Traceback" not in err
    assert "Ctrl+C: quitting" in log.read_text(encoding="utf-8")


def test_the_program_ends_as_soon_as_its_window_closes_with_its_log_written(
    tmp_path: Path,
) -> None:
    """Issue 16.14: started as a program, the application ends the process once the event loop
    is over, the pending tasks are done and the database is closed (no seconds of Python
    finalisation); the log and the settings are written first."""
    path = tmp_path / "desk.sqlite"
    db = open_database(path, create=True)
    make_staff(db)
    db.dispose()
    log = tmp_path / "log" / "aitown.log"
    shot = tmp_path / "shot.png"
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "AITOWN_DATA_DIR": str(tmp_path / "data"),
        "AITOWN_LOG_DIR": str(log.parent),
        "AITOWN_PASSWORD": STAFF_PASSWORD,
    }
    start = "import sys; from ui.app import main; main(sys.argv, fast_exit=True); sys.exit(99)"
    args = ["--db", str(path), "--user", "desk1", "--screenshot", str(shot)]
    done = subprocess.run(
        [sys.executable, "-c", start, *args], cwd=ROOT, env=env, capture_output=True, timeout=240
    )
    assert done.returncode == 0, done.stderr.decode()  # not 99: main() ended the process
    assert b"Traceback" not in done.stderr
    assert shot.exists()
    assert "screenshot saved" in log.read_text(encoding="utf-8")  # flushed before the end
