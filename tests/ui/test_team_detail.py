"""A team's detail: members, status, leases with the waiver, eligibility, history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aitown.services.leases import create_lease, create_space
from aitown.services.members import add_member
from aitown.services.teams import find_team, team_members
from tests.ui.helpers import register, type_text
from ui.context import DeskContext
from ui.dialogs.member_form import MemberFormDialog
from ui.dialogs.status_dialog import StatusDialog
from ui.views.team_detail import TeamDetailWindow


def test_add_a_member_with_a_bad_then_good_identity_number(
    qtbot: QtBot, admin_ctx: DeskContext, staff
) -> None:
    team_id = register(admin_ctx.db, staff.desk, 1, "上海成员科技有限公司")
    detail = TeamDetailWindow(admin_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    detail.tabs.setCurrentWidget(detail.members)
    detail.members.add_button.click()
    form = detail.members.dialog
    assert isinstance(form, MemberFormDialog)
    type_text(qtbot, form.name, "李娜")
    qtbot.keyClicks(form.id_number, "110105194912310021")
    assert "identity-card number is not valid" in form.form.fields["id_number"].error.text()
    assert not form.ok_button.isEnabled()
    form.id_number.setText("11010519491231002X")
    form.tier.setCurrentIndex(form.tier.findData("A"))
    form.founder.setChecked(True)
    form.joined_on.setText("2024-02-01")
    assert form.ok_button.isEnabled()
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    [member] = team_members(admin_ctx.db, team_id, viewer=admin_ctx.actor)
    assert (member.name, member.talent_tier, member.is_founder) == ("李娜", "A", True)
    assert detail.members.model.rowCount() == 1
    # The history shows who did what.
    whats = [
        detail.history.model.index(r, 2).data() for r in range(detail.history.model.rowCount())
    ]
    assert whats[0].startswith("Added the member 李娜: founder yes; full time yes; talent tier A")
    assert any(w.startswith("Registered the team ") for w in whats)


def test_admit_a_team_through_the_status_dialog(qtbot: QtBot, desk_ctx: DeskContext) -> None:
    team_id = register(desk_ctx.db, desk_ctx.actor, 2, "上海入驻科技有限公司")
    detail = TeamDetailWindow(desk_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    # Desk staff see the team's own history, though not the whole audit log.
    assert detail.history is not None and detail.history.model.rowCount() >= 1
    detail.status_button.click()
    dialog = detail.dialog
    assert isinstance(dialog, StatusDialog)
    assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == [
        None,  # "choose the new status": nothing is pre-selected
        "admitted",
        "withdrawn",
    ]
    dialog.status.setCurrentIndex(1)
    dialog.on.setText("2022-01-01")  # before the team was founded
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "before the team was founded" in dialog.form.banner.text() + "".join(
        f.error.text() for f in dialog.form.fields.values()
    )
    dialog.on.setText("2024-06-01")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert find_team(desk_ctx.db, team_id).status == "admitted"
    assert detail.badge.text().strip() == "admitted"
    assert detail.profile.values["admitted_on"].text() == "2024-06-01"


def test_leases_tab_shows_the_timeline_and_the_eligibility_checklist(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    db = desk_ctx.db
    team_id = register(db, desk_ctx.actor, 3, "上海租约科技有限公司", founded_on="2023-01-10")
    add_member(db, desk_ctx.actor, team_id, {"name": "王芳", "joined_on": "2023-02-01"})
    space_id = create_space(db, staff.admin, "张江AI小镇1号楼", "301", "120", "14400")
    today = dt.date.today()
    create_lease(
        db,
        desk_ctx.actor,
        team_id,
        space_id,
        today - dt.timedelta(days=10),
        today + dt.timedelta(days=700),
    )
    detail = TeamDetailWindow(desk_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    leases = detail.leases
    assert leases.model.rowCount() == 1
    assert leases.model.index(0, 0).data() == "张江AI小镇1号楼 301"
    assert leases.model.index(0, 6).data() == "current"
    assert [bar.label for bar in leases.timeline.bars] == ["张江AI小镇1号楼 301"]

    assert detail.eligibility is not None  # the policy engine is installed
    tree = detail.eligibility.tree
    benefits = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert benefits[:2] == ["rent waiver", "start-up grant"]
    rent = tree.topLevelItem(0)
    assert rent.text(1) == "not eligible"  # an applicant, not admitted yet
    clauses = {rent.child(i).text(0): rent.child(i).text(1) for i in range(rent.childCount())}
    assert clauses["§2.1"] == "fail"
    assert clauses["§1.1"] == "pass"
