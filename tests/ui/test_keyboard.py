"""Issue 16.5: the keyboard. Each window's Alt+letters are unique in both languages; an Alt+letter
that opens nothing types nothing; Enter/Down from the search box reaches the results; Open says
it needs a row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import register
from tests.ui.mnemonics import every_tab_clash, mnemonics
from tests.ui.test_applications_queue import recorded_grant
from tests.ui.test_desk_fit import chinese  # noqa: F401 (a fixture)
from ui import i18n
from ui.context import DeskContext
from ui.dialogs.application_form import ApplicationFormDialog
from ui.dialogs.batch_approve import BatchApproveDialog
from ui.dialogs.batch_print import BatchPrintDialog
from ui.dialogs.decision import APPROVE, DecisionDialog
from ui.dialogs.first_start import FirstStartDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.issue_notice import IssueNoticeDialog
from ui.dialogs.lease_form import LeaseFormDialog
from ui.dialogs.login import LoginDialog
from ui.dialogs.member_form import MemberFormDialog
from ui.dialogs.space_form import SpaceFormDialog
from ui.dialogs.team_form import TeamFormDialog
from ui.dialogs.user_dialogs import AddUserDialog, PasswordDialog
from ui.main_window import MainWindow
from ui.views.teams import TeamsView


def every_window_clash(qtbot: QtBot, ctx: DeskContext, staff) -> list[str]:
    db = ctx.db
    team_id = register(db, staff.desk, 501, "上海键盘科技有限公司")
    app_id = recorded_grant(db, staff)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    problems: list[str] = []
    for screen in window.screens:
        window.show_screen(screen.key)
        QApplication.processEvents()
        problems += every_tab_clash(window, screen.key)
    detail = window.open_team(team_id)
    assert detail is not None
    QApplication.processEvents()
    problems += every_tab_clash(detail, "team detail")
    detail.close()
    dialogs: dict[str, Callable[[], QWidget]] = {
        "new team": lambda: TeamFormDialog(ctx),
        "add user": lambda: AddUserDialog(ctx),
        "password": lambda: PasswordDialog(ctx),
        "record application": lambda: ApplicationFormDialog(ctx),
        "lease": lambda: LeaseFormDialog(ctx),
        "unit": lambda: SpaceFormDialog(ctx, ["1号楼"]),
        "member": lambda: MemberFormDialog(ctx, team_id),
        "decision": lambda: DecisionDialog(ctx, APPROVE, app_id),
        "batch approve": lambda: BatchApproveDialog(ctx, [app_id]),
        "batch print": lambda: BatchPrintDialog(ctx),
        "issue notice": lambda: IssueNoticeDialog(ctx),
        "import": lambda: ImportWizard(ctx),
        "log in": lambda: LoginDialog(db, ctx.lang),
        "first start": lambda: FirstStartDialog(db, ctx.lang),
    }
    for name, make in dialogs.items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        assert mnemonics(dialog), name  # the walk sees the dialog's keys at all
        problems += every_tab_clash(dialog, name)
        dialog.close()
    return problems


def test_every_window_has_unique_alt_letters_in_english(
    qtbot: QtBot, admin_ctx: DeskContext, staff
) -> None:
    assert every_window_clash(qtbot, admin_ctx, staff) == []


def test_every_window_has_unique_alt_letters_in_chinese(
    qtbot: QtBot,
    admin_ctx: DeskContext,
    staff,
    chinese: None,  # noqa: F811
) -> None:
    admin_ctx.lang = i18n.CHINESE
    assert every_window_clash(qtbot, admin_ctx, staff) == []


def test_the_main_window_walk_sees_the_menus_and_a_screens_keys(
    qtbot: QtBot, admin_ctx: DeskContext
) -> None:
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_screen("teams")
    keys = mnemonics(window)
    assert {"F", "E", "G", "H"} <= set(keys)  # File, Edit, Go, Help
    assert keys["S"] == ["&Search:"]


def test_an_alt_letter_with_no_target_types_nothing(qtbot: QtBot, desk_ctx: DeskContext) -> None:
    window = MainWindow(desk_ctx)  # installs the guard, as the application does at start
    qtbot.addWidget(window)
    form = TeamFormDialog(desk_ctx, parent=window)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=2000)
    phone = form.edits["phone"]
    phone.setFocus()
    qtbot.keyClicks(phone, "021")
    assert "S" not in mnemonics(form)
    qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(phone, "6")
    assert phone.text() == "0216"  # not "021s6"
    # A real Alt+letter still works: Alt+C goes to the Chinese name.
    qtbot.keyClick(phone, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is form.edits["name_zh"]
    assert form.edits["name_zh"].text() == ""


def teams_view(qtbot: QtBot, ctx: DeskContext) -> TeamsView:
    view = TeamsView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)  # where the keyboard goes
    return view


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Down])
def test_from_the_search_box_enter_or_down_reaches_the_results(
    qtbot: QtBot, desk_ctx: DeskContext, staff, key: Qt.Key
) -> None:
    register(desk_ctx.db, staff.desk, 511, "上海甲科技有限公司", name_en="Alpha One")
    register(desk_ctx.db, staff.desk, 512, "上海乙科技有限公司", name_en="Beta Two")
    view = teams_view(qtbot, desk_ctx)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "Beta")
    qtbot.keyClick(view.search, key)  # at once: no waiting for the typing pause
    assert view.model.rowCount() == 1
    assert view.table.hasFocus()
    assert view.table.selectionModel().isRowSelected(0)
    opened: list[int] = []
    view.team_activated.connect(opened.append)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # and Enter there opens it
    assert opened == [view.model.team_id(0)]


def test_open_without_a_row_is_disabled_and_says_why(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    view = teams_view(qtbot, desk_ctx)
    assert view.model.rowCount() == 0
    assert not view.open_button.isEnabled()
    assert view.open_button.toolTip() == "Choose a team in the list first."
    register(desk_ctx.db, staff.desk, 521, "上海丙科技有限公司")
    view.refresh()
    assert not view.open_button.isEnabled()  # still nothing chosen
    view.table.selectRow(0)
    assert view.open_button.isEnabled() and view.open_button.toolTip() == ""
