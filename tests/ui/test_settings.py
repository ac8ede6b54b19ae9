"""Settings: users and passwords, the office, the language, backups, the policy file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from aitown.errors import AuthenticationError
from aitown.services.office import get_office
from aitown.services.users import authenticate
from tests.conftest import STAFF_PASSWORD
from tests.ui.conftest import Boxes
from tests.ui.helpers import type_text
from ui.context import DeskContext
from ui.dialogs.user_dialogs import AddUserDialog, PasswordDialog
from ui.i18n import CHINESE, SETTINGS_KEY
from ui.views.settings import SettingsView


def test_administrator_adds_a_user_who_can_then_log_in(
    qtbot: QtBot, admin_ctx: DeskContext
) -> None:
    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    users = view.users
    before = users.model.rowCount()
    users.add_button.click()
    form = users.dialog
    assert isinstance(form, AddUserDialog)
    qtbot.keyClicks(form.name, "reviewer2")
    form.role.setCurrentIndex(form.role.findData("reviewer"))
    qtbot.keyClicks(form.password, "review-pass-2")
    qtbot.keyClicks(form.password2, "review-pass-2")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert users.model.rowCount() == before + 1
    assert authenticate(admin_ctx.db, "reviewer2", "review-pass-2").role == "reviewer"


def test_a_taken_user_name_is_refused_under_the_name(qtbot: QtBot, admin_ctx: DeskContext) -> None:
    form = AddUserDialog(admin_ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.name, "desk1")
    qtbot.keyClicks(form.password, "another-pass-1")
    qtbot.keyClicks(form.password2, "another-pass-1")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert "already exists" in form.form.fields["name"].error.text()


def test_desk_user_changes_own_password_only_with_the_current_one(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    form = PasswordDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.old, "wrong-current")
    qtbot.keyClicks(form.new, "brand-new-pass")
    qtbot.keyClicks(form.new2, "brand-new-pass")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert "current password is wrong" in form.form.fields["old_password"].error.text()
    with pytest.raises(AuthenticationError):
        authenticate(desk_ctx.db, "desk1", "brand-new-pass")

    form.old.setText(STAFF_PASSWORD)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert authenticate(desk_ctx.db, "desk1", "brand-new-pass").name == "desk1"


def test_administrator_renames_the_office(qtbot: QtBot, admin_ctx: DeskContext) -> None:
    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    office = view.office
    office.name_en.clear()
    qtbot.keyClicks(office.name_en, "Xuhui AI Town")
    office.name_zh.clear()
    assert not office.save_button.isEnabled()
    type_text(qtbot, office.name_zh, "徐汇区人工智能小镇")
    qtbot.mouseClick(office.save_button, Qt.MouseButton.LeftButton)
    saved = get_office(admin_ctx.db)
    assert (saved.name_zh, saved.name_en) == ("徐汇区人工智能小镇", "Xuhui AI Town")


def test_language_choice_is_stored_for_the_next_start(qtbot: QtBot, desk_ctx: DeskContext) -> None:
    view = SettingsView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    choice = view.language.choice
    assert choice.currentText() == "English"
    choice.setCurrentIndex(choice.findData(CHINESE))
    assert desk_ctx.settings.value(SETTINGS_KEY) == CHINESE
    assert "start AI Town Desk again" in view.language.note.text()


def test_backup_runs_as_a_task_and_says_where_it_went(
    qtbot: QtBot, admin_ctx: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copies"
    target.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(target))
    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    assert view.backups.backup_button.isEnabled()
    view.backups.backup_button.click()
    [copy] = list(target.glob("aitown-*.sqlite"))
    assert str(copy) in view.backups.last_result.text()


def test_a_broken_policy_file_is_refused_with_its_sentence(
    qtbot: QtBot,
    admin_ctx: DeskContext,
    tmp_path: Path,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = tmp_path / "policy.toml"
    broken.write_text('[policy]\nid = "x"\nversion = \n', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    before = view.policy.active.text()
    assert before.startswith("Active policy: Shanghai AI town 2025 (shanghai-ai-2025), version")
    view.policy.load_button.click()
    [text] = boxes.texts("critical")
    assert "policy.toml" in text and "Traceback" not in text
    assert view.policy.active.text() == before


def test_daily_backup_retention_and_folder_are_saved(qtbot, admin_ctx, tmp_path):
    from aitown.services.backup import backup_folder, backup_keep
    from ui.views.settings_maintenance import BackupSettings

    box = BackupSettings(admin_ctx)
    qtbot.addWidget(box)
    assert box.keep.isVisibleTo(box) and box.keep.value() == 14
    box.keep.setValue(30)
    box._folder = str(tmp_path / "copies")
    box.save_daily.click()
    assert backup_keep(admin_ctx.db) == 30
    assert backup_folder(admin_ctx.db) == tmp_path / "copies"
    assert "30" in box.last_result.text()


def test_administrator_sets_the_seal_image_mark_and_copied_to(
    qtbot: QtBot, admin_ctx: DeskContext, tmp_path, boxes
) -> None:
    import io

    from PIL import Image

    from aitown.services.office_notices import notice_settings

    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    box = view.notices
    assert box.seal_preview.text() == "none" and not box.remove_button.isEnabled()
    png = tmp_path / "seal.png"
    buf = io.BytesIO()
    Image.new("RGBA", (80, 80), (210, 0, 26, 120)).save(buf, "PNG")
    png.write_bytes(buf.getvalue())
    assert box.set_seal_file(png)
    assert box.seal_preview.pixmap() is not None and not box.seal_preview.pixmap().isNull()
    assert box.remove_button.isEnabled() and notice_settings(admin_ctx.db).seal_sha256
    jpeg = tmp_path / "seal.jpg"
    Image.new("RGB", (80, 80)).save(jpeg, "JPEG")
    assert not box.set_seal_file(jpeg)
    assert any("not a PNG" in text for text in boxes.texts("critical"))
    box.seal_mark.setChecked(True)
    box.copied_to.setPlainText("徐汇区财政局|Xuhui District Finance Bureau\n徐汇区科委")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    settings = notice_settings(admin_ctx.db)
    assert settings.seal_mark
    assert settings.copied_to_zh == ("徐汇区财政局", "徐汇区科委")
    assert settings.copied_to_en == ("Xuhui District Finance Bureau", "徐汇区科委")


def test_the_notice_settings_are_read_only_for_desk_staff(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    view = SettingsView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    box = view.notices
    assert not box.choose_button.isVisible() and not box.save_button.isVisible()
    assert box.copied_to.isReadOnly() and not box.seal_mark.isEnabled()


def test_administrator_changes_a_role_and_deactivates_a_user(
    qtbot: QtBot, admin_ctx: DeskContext, boxes, monkeypatch
) -> None:
    """Issue 16.10 in the GUI: Change role… and Deactivate (asked first) in Settings → Users."""
    from PySide6.QtWidgets import QInputDialog

    from aitown.services.users import list_users

    view = SettingsView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    users = view.users
    row = next(r for r in range(users.model.rowCount()) if users.model.row(r).name == "desk2")
    users.table.selectRow(row)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("reviewer", True))
    users.role_button.click()
    qtbot.waitUntil(lambda: _user(admin_ctx, "desk2").role == "reviewer")
    boxes.answer = QMessageBox.StandardButton.No
    users.table.selectRow(row)
    users.active_button.click()
    assert _user(admin_ctx, "desk2").active  # No: nothing changed
    boxes.answer = QMessageBox.StandardButton.Yes
    users.active_button.click()
    qtbot.waitUntil(lambda: not _user(admin_ctx, "desk2").active)
    assert "Deactivate desk2?" in boxes.texts("question")[-1]
    users.table.selectRow(row)
    assert users.active_button.text() == "Ac&tivate"
    users.reset_button.click()  # it read the chosen user from a method the model lacked
    assert users.dialog is not None and users.dialog.isVisible()
    assert [u for u in list_users(admin_ctx.db) if u.name == "desk2"][0].role == "reviewer"


def _user(ctx: DeskContext, name: str) -> Any:
    from aitown.services.users import list_users

    return next(u for u in list_users(ctx.db) if u.name == name)
