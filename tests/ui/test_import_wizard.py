"""The import wizard: a file with a bad row shows its line and reason and imports nothing; with
"skip" the good rows come in; Cancel leaves the database as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from aitown.models import Team
from tests.ui.helpers import bad_check_digit, good_uscc
from ui import tasks
from ui.context import DeskContext
from ui.dialogs.import_wizard import PAGE_CHECK, PAGE_DONE, PAGE_FILE, ImportWizard
from ui.main_window import MainWindow


def team_list(tmp_path: Path) -> Path:
    """Three good teams and, on line 4, one with a wrong check digit."""
    lines = [
        "name_zh,uscc,founded_on,headcount,district",
        f"上海甲科技有限公司,{good_uscc(501)},2023-03-01,12,徐汇区",
        f"上海乙科技有限公司,{good_uscc(502)},2022-06-15,8,浦东新区",
        f"上海丙科技有限公司,{bad_check_digit(good_uscc(503))},2021-01-04,20,徐汇区",
        f"上海丁科技有限公司,{good_uscc(504)},2024-02-29,5,闵行区",
    ]
    path = tmp_path / "teams.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def team_count(ctx: DeskContext) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Team)) or 0


def open_wizard(qtbot: QtBot, ctx: DeskContext) -> ImportWizard:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.import_action.isVisible()
    window.import_action.trigger()  # File ▸ Import teams…
    wizard = window.dialog
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    return wizard


def choose(qtbot: QtBot, radio) -> None:
    """Click on the radio button's circle (its centre may be empty space right of the label)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def press(qtbot: QtBot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_bad_row_shown_with_line_and_reason_nothing_imported_then_skip_imports_the_rest(
    qtbot: QtBot, desk_ctx: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = team_list(tmp_path)
    wizard = open_wizard(qtbot, desk_ctx)
    assert wizard.currentId() == PAGE_FILE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(wizard.file_page.browse, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path.text() == str(path)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    # The dry run: every row checked, the bad one listed with its line, column and reason.
    assert wizard.currentId() == PAGE_CHECK
    page = wizard.check_page
    assert page.summary.text() == (
        "Dry run: teams.csv (CSV, UTF-8) has 4 rows; 3 can be imported, 1 have problems; "
        "nothing was written."
    )
    assert page.problems.rowCount() == 1
    assert page.problems.item(0, 0).text() == "4"
    assert page.problems.item(0, 1).text() == "uscc"
    assert "wrong check digit" in page.problems.item(0, 2).text()
    assert team_count(desk_ctx) == 0

    # "Every row good" is asked for: the service imports nothing and says so.
    assert page.all_or_nothing.isChecked()
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PAGE_CHECK
    assert "nothing was imported" in page.summary.text()
    assert team_count(desk_ctx) == 0

    choose(qtbot, page.skip_invalid)
    assert page.skip_invalid.isChecked()
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PAGE_DONE
    assert wizard.done_page.result.text() == (
        "Imported 3 teams from teams.csv (CSV, UTF-8); skipped 1 bad rows."
    )
    with desk_ctx.db.read() as s:
        names = sorted(s.scalars(select(Team.name_zh)))
    assert names == sorted(["上海甲科技有限公司", "上海乙科技有限公司", "上海丁科技有限公司"])


def test_cancel_during_the_import_leaves_the_database_as_it_was(
    qtbot: QtBot, desk_ctx: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = team_list(tmp_path)
    wizard = ImportWizard(desk_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(path))
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    choose(qtbot, wizard.check_page.skip_invalid)
    # The person presses Cancel in the progress dialog as soon as the import starts.
    monkeypatch.setattr(tasks.TaskControl, "cancelled", property(lambda self: True))
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PAGE_CHECK
    assert wizard.check_page.summary.text() == "Import cancelled; nothing was imported."
    assert team_count(desk_ctx) == 0


def test_a_missing_file_is_named_on_the_first_page(
    qtbot: QtBot, desk_ctx: DeskContext, tmp_path: Path
) -> None:
    wizard = ImportWizard(desk_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(tmp_path / "nothing.csv"))
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_FILE
    assert "There is no file" in wizard.file_page.problem.text()
    (tmp_path / "empty.xlsx").write_bytes(b"not a spreadsheet")
    wizard.file_page.path.setText(str(tmp_path / "empty.xlsx"))
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_FILE  # the service's sentence, back on the first page
    assert "empty.xlsx" in wizard.file_page.problem.text()


def test_the_check_and_the_import_run_on_a_worker_thread(
    qtbot: QtBot, desk_ctx: DeskContext, tmp_path: Path
) -> None:
    tasks.set_synchronous(False)  # the real thread pool, as in the application
    wizard = ImportWizard(desk_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(team_list(tmp_path)))
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_CHECK, timeout=10_000)
    choose(qtbot, wizard.check_page.skip_invalid)
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_DONE, timeout=10_000)
    assert team_count(desk_ctx) == 3
    assert tasks.wait_for_tasks(5000)
