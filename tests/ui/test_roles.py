"""What each role is offered: actions a role may not take are hidden or disabled."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from aitown.services.members import add_member
from tests.ui.helpers import register
from ui.context import DeskContext
from ui.main_window import MainWindow
from ui.views.settings import SettingsView
from ui.views.spaces import SpacesView
from ui.views.team_detail import TeamDetailWindow
from ui.views.tenancy import TenancyView

ID_NUMBER = "11010519491231002X"


def nav_keys(window: MainWindow) -> list[str]:
    return [screen.key for screen in window.screens]


def test_desk_staff_see_no_audit_log_no_unit_editing_no_user_management(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    window = MainWindow(desk_ctx)
    qtbot.addWidget(window)
    window.show()
    assert "audit_log" not in nav_keys(window)
    assert "audit_log" not in window.screen_actions
    assert (
        window.nav.count() == 9
    )  # every screen but the audit log and Sync (Reports, Rent included)
    assert window.new_team_action.isEnabled()
    assert window.show_screen("audit_log") is None

    screen = window.show_screen("spaces")
    assert isinstance(screen, TenancyView)
    spaces = screen.spaces
    assert isinstance(spaces, SpacesView)
    assert spaces.new_unit_button.isHidden()
    assert not spaces.lease_button.isHidden()

    settings = window.show_screen("settings")
    assert isinstance(settings, SettingsView)
    assert settings.users.add_button.isHidden()
    assert settings.users.reset_button.isHidden()
    assert not settings.users.own_button.isHidden()
    assert settings.office.save_button.isHidden()
    assert settings.office.name_zh.isReadOnly()
    assert settings.policy.load_button.isHidden()
    assert not settings.backups.backup_button.isEnabled()


def test_reviewer_cannot_register_teams_but_reads_the_audit_log(
    qtbot: QtBot, reviewer_ctx: DeskContext
) -> None:
    window = MainWindow(reviewer_ctx)
    qtbot.addWidget(window)
    window.show()
    assert "audit_log" in nav_keys(window)
    assert not window.new_team_action.isEnabled()
    teams = window.views["teams"]
    assert teams.new_button.isHidden()  # type: ignore[attr-defined]
    window.new_team_action.trigger()
    assert window.dialog is None  # nothing opened


def test_team_detail_hides_edits_and_masks_identity_numbers_for_a_reviewer(
    qtbot: QtBot, reviewer_ctx: DeskContext, admin_ctx: DeskContext, staff
) -> None:
    team_id = register(admin_ctx.db, staff.desk, 1, "上海角色科技有限公司")
    add_member(
        admin_ctx.db,
        staff.desk,
        team_id,
        {"name": "张伟", "id_number": ID_NUMBER, "joined_on": "2024-01-01", "phone": "13912345678"},
    )
    detail = TeamDetailWindow(reviewer_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    assert detail.edit_button.isHidden()
    assert detail.status_button.isHidden()
    assert detail.members.add_button.isHidden()
    assert detail.leases.lease_button.isHidden()
    shown = detail.members.model.index(0, 7).data()
    assert shown == "1101**********002X" and shown != ID_NUMBER
    assert detail.members.model.index(0, 8).data() == "139****5678"

    as_admin = TeamDetailWindow(admin_ctx, team_id)
    qtbot.addWidget(as_admin)
    assert as_admin.members.model.index(0, 7).data() == ID_NUMBER
    assert not as_admin.edit_button.isHidden()


def test_desk_staff_cannot_approve_in_a_team_s_applications(
    qtbot: QtBot, desk_ctx: DeskContext
) -> None:
    # The team detail lists applications but offers no decision at all; deciding happens in the
    # Applications screen, which offers it only to reviewers (application.decide).
    team_id = register(desk_ctx.db, desk_ctx.actor, 2, "上海申请科技有限公司")
    detail = TeamDetailWindow(desk_ctx, team_id)
    qtbot.addWidget(detail)
    buttons = [
        b.text().replace("&", "").lower() for b in detail.findChildren(type(detail.edit_button))
    ]
    assert not any("approve" in text for text in buttons)
    assert not desk_ctx.can("application.decide")


def test_desk_staff_are_not_offered_approval_in_the_applications_screen(
    qtbot: QtBot, desk_ctx: DeskContext, reviewer_ctx: DeskContext
) -> None:
    from PySide6.QtWidgets import QAbstractButton

    def approve_buttons(ctx: DeskContext) -> list[QAbstractButton]:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        view = window.show_screen("applications")
        assert view is not None
        return [b for b in view.findChildren(QAbstractButton) if "approve" in b.text().lower()]

    desk_buttons = approve_buttons(desk_ctx)
    assert all(b.isHidden() for b in desk_buttons)
    reviewer_buttons = approve_buttons(reviewer_ctx)
    assert reviewer_buttons and not any(b.isHidden() for b in reviewer_buttons)
