"""The eligibility tab says, per benefit, eligible / not eligible / needs facts (which) / held
(application N); the team's §1.5 check and related parties are entered from its profile."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aitown.models import AuditEvent
from aitown.services import applications as apps
from aitown.services.leases import create_lease, create_space
from aitown.services.team_checks import list_related_parties
from aitown.services.teams import find_team, set_team_status
from tests.ui.helpers import register, type_text
from ui.context import DeskContext
from ui.dialogs.team_checks import DishonestDialog, RelatedPartiesDialog
from ui.views.team_detail import TeamDetailWindow

TODAY = dt.date.today()


def _tenant(ctx: DeskContext, staff, serial: int) -> int:
    db = ctx.db
    team_id = register(db, ctx.actor, serial, f"上海资格{serial}科技有限公司")
    start = TODAY - dt.timedelta(days=200)
    set_team_status(db, ctx.actor, team_id, "admitted", start)
    space = create_space(db, staff.admin, "张江AI小镇1号楼", f"30{serial}", "120", "14400")
    create_lease(db, ctx.actor, team_id, space, start, start + dt.timedelta(days=900))
    return team_id


def _rows(detail: TeamDetailWindow) -> dict[str, str]:
    """Each benefit's result, and (for one that needs facts) which: "needs facts — missing: …"."""
    tree = detail.eligibility.tree  # type: ignore[union-attr]
    rows = {}
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        rows[item.text(0)] = item.text(1) + (f" — {item.text(2)}" if item.text(2) else "")
    return rows


def test_needs_facts_and_held_are_not_failures(qtbot: QtBot, desk_ctx: DeskContext, staff) -> None:
    team_id = _tenant(desk_ctx, staff, 1)
    grant = apps.record_application(desk_ctx.db, desk_ctx.actor, team_id, "startup_grant")
    apps.submit_application(desk_ctx.db, desk_ctx.actor, grant.application_id)
    apps.approve_application(desk_ctx.db, staff.reviewer, grant.application_id)
    detail = TeamDetailWindow(desk_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    rows = _rows(detail)
    assert rows["start-up grant"] == f"held (application {grant.application_id})"
    assert rows["rent waiver"] == "not eligible"  # §2.4: the grant is held
    assert rows["compute voucher"].startswith("needs facts — missing: contract amount")
    assert "vendor" in rows["model voucher"]
    assert rows["talent award"] == "needs facts — missing: the person"
    summary = detail.eligibility.summary.text()  # type: ignore[union-attr]
    assert summary.startswith("4 need facts · 1 already held · 1 not eligible (policy ")
    assert "0 of" not in summary
    tree = detail.eligibility.tree  # type: ignore[union-attr]
    held = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == "start-up grant"
    )
    assert not held.isExpanded()
    assert held.foreground(1).color().name() == "#1e7b45"  # not painted red


def test_the_dishonest_check_and_related_parties_from_the_profile(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    team_id = _tenant(desk_ctx, staff, 2)
    detail = TeamDetailWindow(desk_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    assert detail.profile.buttons["dishonest"].isVisible()
    detail.profile.buttons["dishonest"].click()
    dialog = detail.dialog
    assert isinstance(dialog, DishonestDialog)
    dialog.choice.setCurrentIndex(dialog.choice.findData(True))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    shown = dialog.form.banner.text() + "".join(f.error.text() for f in dialog.form.fields.values())
    assert dialog.isVisible() and "Give the reason" in shown
    type_text(qtbot, dialog.reason, "信用中国 2026-11-30")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert find_team(desk_ctx.db, team_id).dishonest is True
    assert detail.profile.values["dishonest"].text() == "listed as seriously dishonest"
    assert _rows(detail)["start-up grant"] == "not eligible"  # §1.5 now fails

    detail.profile.buttons["related"].click()
    parties = detail.dialog
    assert isinstance(parties, RelatedPartiesDialog)
    type_text(qtbot, parties.name, "母公司")
    parties.add_button.click()
    assert [p.name for p in list_related_parties(desk_ctx.db, team_id)] == ["母公司"]
    assert parties.table.rowCount() == 1
    assert "母公司" in detail.profile.values["related"].text()
    parties.table.selectRow(0)
    parties.remove_button.click()
    assert list_related_parties(desk_ctx.db, team_id) == []
    with desk_ctx.db.read() as s:
        actions = {e.action for e in s.query(AuditEvent)}
    assert {"team.dishonest", "team.related_party", "team.related_party.remove"} <= actions


def test_reviewers_see_no_edit_buttons(qtbot: QtBot, reviewer_ctx: DeskContext, staff) -> None:
    team_id = register(reviewer_ctx.db, staff.desk, 3, "上海只读科技有限公司")
    detail = TeamDetailWindow(reviewer_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    assert not detail.profile.buttons["dishonest"].isVisible()
    assert not detail.profile.buttons["related"].isVisible()
