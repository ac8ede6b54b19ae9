"""Issue 16.10: log out / switch user back to the log-in window without quitting (nothing pending
lost), and a language chosen in Settings applied at once (the main window rebuilt on the same
screen)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from aitown.services.users import list_users
from tests.conftest import STAFF_PASSWORD
from tests.ui.conftest import Boxes
from tests.ui.test_desk_fit import chinese  # noqa: F401 (a fixture)
from ui import i18n, tasks
from ui.app import app_settings, log_in
from ui.changes import Change, Entity
from ui.dialogs.login import LoginDialog
from ui.main_window import MainWindow
from ui.ops import run_op
from ui.session import DeskSession


@pytest.fixture
def english_again(qapp: QApplication) -> Iterator[None]:
    font = qapp.font()
    yield
    i18n.install_translators(qapp, i18n.ENGLISH)
    qapp.setFont(font)


def type_into_login(qtbot: QtBot, name: str, password: str, seen: list[str]) -> None:
    """When the log-in window is up, type as a person would and press Log in."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append("login shown")
        qtbot.keyClicks(dialog.name_edit, name)
        qtbot.keyClicks(dialog.password_edit, password)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)


_sessions: list[DeskSession] = []


@pytest.fixture(autouse=True)
def close_windows() -> Iterator[None]:
    yield
    while _sessions:
        window = _sessions.pop().window
        if window is not None and isValid(window):
            window.close()
            window.deleteLater()


def new_session(qtbot: QtBot, db, lang: str = "en") -> DeskSession:
    session = DeskSession(db, app_settings(), lang, lambda db, lang: log_in(db, lang, None))
    _sessions.append(session)
    return session


def gone(window: MainWindow) -> bool:
    """Closed (and perhaps deleted already)."""
    return not isValid(window) or not window.isVisible()


def test_log_out_and_log_in_as_someone_else_without_quitting(
    qtbot: QtBot, db, staff, qapp: QApplication
) -> None:
    session = new_session(qtbot, db)
    first = session.start(staff.admin, "settings")
    assert first.ctx.actor.name == "admin" and first.isVisible()
    assert first.log_out_action.shortcut().toString() == "Ctrl+Shift+L"
    seen: list[str] = []
    type_into_login(qtbot, staff.reviewer.name, STAFF_PASSWORD, seen)
    first.log_out_action.trigger()
    assert seen == ["login shown"]
    second = session.window
    assert isinstance(second, MainWindow) and second is not first
    assert second.isVisible() and gone(first)
    assert second.ctx.actor.name == staff.reviewer.name
    assert second.user_label.text().startswith(f"User: {staff.reviewer.name}")
    assert not session.ended and qapp.quitOnLastWindowClosed()


def test_closing_the_log_in_after_logging_out_ends_the_run(
    qtbot: QtBot, db, staff, qapp: QApplication
) -> None:
    session = new_session(qtbot, db)
    first = session.start(staff.admin)

    def close_login() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, close_login)
            return
        dialog.reject()

    QTimer.singleShot(0, close_login)
    first.log_out_action.trigger()
    assert session.ended and session.window is None and gone(first)


def test_log_out_while_a_change_is_being_saved_asks_and_waits(
    qtbot: QtBot, db, staff, boxes: Boxes
) -> None:
    session = new_session(qtbot, db)
    window = session.start(staff.admin)
    tasks.set_synchronous(False)
    release = threading.Event()
    done: list[int] = []

    def slow_write(_control: object) -> int:
        release.wait(10)
        return len(list_users(db))

    run_op(window.ctx, window, slow_write, changes=[Change(Entity.USER)], on_success=done.append)
    boxes.answer = QMessageBox.StandardButton.No
    window.log_out_action.trigger()
    assert boxes.texts("question") == [
        "A change is still being saved. Wait for it to finish, then go on?"
    ]
    assert session.window is window and window.isVisible()  # No: still logged in

    release.set()
    boxes.answer = QMessageBox.StandardButton.Yes
    seen: list[str] = []
    type_into_login(qtbot, staff.desk.name, STAFF_PASSWORD, seen)
    window.log_out_action.trigger()
    assert done and done[0] >= 1  # the change finished and reached its window first
    assert seen == ["login shown"]
    assert session.window is not None and session.window.ctx.actor.name == staff.desk.name


def test_a_language_chosen_in_settings_applies_at_once_on_the_same_screen(
    qtbot: QtBot, db, staff, english_again: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import window_geometry

    # A 1366×768 laptop screen (the offscreen one is 800×800).
    monkeypatch.setattr(window_geometry, "screen_area", lambda _w: QRect(0, 0, 1366, 728))
    session = new_session(qtbot, db)
    window = session.start(staff.admin, "settings")
    window.setGeometry(QRect(40, 30, 1100, 680))
    settings = window.show_screen("settings")
    assert settings is not None
    choice = settings.language.choice  # type: ignore[attr-defined]
    choice.setCurrentIndex(choice.findData(i18n.CHINESE))
    chinese_window = session.window
    assert isinstance(chinese_window, MainWindow) and chinese_window is not window
    assert i18n.current_language() == i18n.CHINESE
    assert chinese_window.ctx.lang == i18n.CHINESE
    assert chinese_window.current_key() == "settings"  # the same screen
    assert chinese_window.geometry() == QRect(40, 30, 1100, 680)  # where it was, as large
    assert chinese_window.menuBar().actions()[0].text() == "文件(&F)"
    assert chinese_window.nav.item(1).text() == "团队"
    view = chinese_window.show_screen("settings")
    assert view is not None and view.language.choice.currentData() == i18n.CHINESE  # type: ignore[attr-defined]
    assert view.language.note.text() == ""  # type: ignore[attr-defined]  # no "restart" note
    assert app_settings().value(i18n.SETTINGS_KEY) == i18n.CHINESE  # and for the next start

    view.language.choice.setCurrentIndex(view.language.choice.findData(i18n.ENGLISH))  # type: ignore[attr-defined]
    english = session.window
    assert english is not None and english.nav.item(1).text() == "Teams"
    assert english.menuBar().actions()[0].text() == "&File"
    assert english.current_key() == "settings"
