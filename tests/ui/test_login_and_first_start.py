"""Log-in and the very first start, driven as a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from aitown.db import Database
from aitown.models import Team
from aitown.services.office import get_office, office_exists
from aitown.services.users import REFUSED_EN, REFUSED_ZH, authenticate
from tests.conftest import ADMIN_PASSWORD, Staff
from tests.ui.conftest import Boxes
from tests.ui.helpers import type_text
from ui.app import app_settings
from ui.context import DeskContext
from ui.dialogs.first_start import FirstStartDialog, offer_demo_data
from ui.dialogs.login import LoginDialog
from ui.main_window import MainWindow


def test_wrong_password_shows_the_sentence_and_right_one_opens_the_main_window(
    qtbot: QtBot, db: Database, staff: Staff
) -> None:
    dialog = LoginDialog(db, "en", "Xuhui AI Town Incubation Centre")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()  # nothing typed yet

    qtbot.keyClicks(dialog.name_edit, "admin")
    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.actor is None
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == REFUSED_EN
    assert dialog.password_edit.text() == ""  # cleared for the next try, the name is kept
    assert dialog.name_edit.text() == "admin"

    qtbot.keyClicks(dialog.password_edit, ADMIN_PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.name == "admin"
    assert dialog.result() == LoginDialog.DialogCode.Accepted

    ctx = DeskContext(db=db, actor=dialog.actor, settings=app_settings(), lang="en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.user_label.text() == "User: admin (administrator)"
    assert "XH01" in window.office_label.text()
    assert str(db.sqlite_path) in window.db_label.text()
    assert window.current_key() == "teams"


def test_repeated_wrong_passwords_lock_the_account_with_its_sentence(
    qtbot: QtBot, db: Database, staff: Staff
) -> None:
    dialog = LoginDialog(db, "en")
    qtbot.addWidget(dialog)
    for _ in range(5):
        dialog.name_edit.setText("desk1")
        dialog.password_edit.setText("wrong-password")
        dialog.try_login()
    dialog.password_edit.setText("staff-pass-1")  # the right one, too late
    dialog.try_login()
    assert dialog.actor is None
    assert "is locked after repeated wrong passwords" in dialog.error.text()


def test_chinese_login_shows_the_chinese_sentence(qtbot: QtBot, db: Database, staff: Staff) -> None:
    dialog = LoginDialog(db, "zh_CN")
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("admin")
    dialog.password_edit.setText("nope-nope")
    dialog.try_login()
    assert dialog.error.text() == REFUSED_ZH


def test_first_start_creates_the_office_and_the_administrator(qtbot: QtBot, db: Database) -> None:
    assert not office_exists(db)
    dialog = FirstStartDialog(db, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.code, "PD02")
    type_text(qtbot, dialog.name_zh, "浦东新区人工智能孵化中心")
    qtbot.keyClicks(dialog.name_en, "Pudong AI Town")
    qtbot.keyClicks(dialog.admin_name, "chief")
    qtbot.keyClicks(dialog.password, "a-long-password")
    qtbot.keyClicks(dialog.password2, "a-long-passwort")
    mismatch = dialog.form.fields["password2"].error
    assert mismatch.isVisible()
    assert "not the same" in mismatch.text()
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClick(dialog.password2, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.password2, "d")
    assert not mismatch.isVisible()
    assert dialog.ok_button.isEnabled()
    assert dialog.doc_prefix.placeholderText() == "浦东AI孵"  # the default it will use

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstStartDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role == "administrator"
    office = get_office(db)
    assert (office.code, office.name_zh, office.name_en, office.doc_prefix) == (
        "PD02",
        "浦东新区人工智能孵化中心",
        "Pudong AI Town",
        "浦东AI孵",
    )
    assert authenticate(db, "chief", "a-long-password").role == "administrator"


def test_first_start_refuses_a_bad_office_code_next_to_the_field(
    qtbot: QtBot, db: Database
) -> None:
    dialog = FirstStartDialog(db, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "X")
    error = dialog.form.fields["code"].error
    assert error.isVisible() and "office code “X” is not allowed" in error.text()
    qtbot.keyClicks(dialog.password, "short")
    assert "too short" in dialog.form.fields["password"].error.text()
    assert not office_exists(db)


def test_demo_data_is_offered_and_loaded_after_the_first_start(
    qtbot: QtBot, db: Database, boxes: Boxes
) -> None:
    dialog = FirstStartDialog(db, "en")
    qtbot.addWidget(dialog)
    for edit, text in (
        (dialog.code, "XH01"),
        (dialog.name_zh, "徐汇区人工智能孵化中心"),
        (dialog.admin_name, "admin"),
        (dialog.password, ADMIN_PASSWORD),
        (dialog.password2, ADMIN_PASSWORD),
    ):
        type_text(qtbot, edit, text)
    dialog.create_office()
    assert dialog.actor is not None

    done: list[bool] = []
    boxes.answer = QMessageBox.StandardButton.No
    offer_demo_data(None, db, dialog.actor, "en", lambda: done.append(True))
    assert done == [True]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Team)) == 0

    boxes.answer = QMessageBox.StandardButton.Yes
    offer_demo_data(None, db, dialog.actor, "en", lambda: done.append(True))
    assert done == [True, True]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Team)) == 60
    assert any("demo users" in text for text in boxes.texts("information"))
