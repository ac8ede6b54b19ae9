"""Units and leases: an administrator adds a unit, the desk leases it, an overlap is refused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aitown.services.leases import create_space, list_spaces, team_leases
from tests.ui.helpers import register, type_text
from ui.context import DeskContext
from ui.dialogs.lease_form import EndLeaseDialog, LeaseFormDialog
from ui.dialogs.space_form import SpaceFormDialog
from ui.models.spaces_model import COL_TEAM
from ui.views.spaces import SpacesView


def test_administrator_adds_a_unit_through_the_form(qtbot: QtBot, admin_ctx: DeskContext) -> None:
    view = SpacesView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.new_unit_button.isVisible()
    view.new_unit_button.click()
    form = view.dialog
    assert isinstance(form, SpaceFormDialog)
    type_text(qtbot, form.building.lineEdit(), "张江AI小镇1号楼")
    qtbot.keyClicks(form.unit, "101")
    qtbot.keyClicks(form.area, "120.555")
    assert "at most two decimals" in form.form.fields["area"].error.text()
    assert not form.ok_button.isEnabled()
    form.area.setText("120.5")
    qtbot.keyClicks(form.rent, "18000")
    assert form.ok_button.isEnabled()
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    [space] = list_spaces(admin_ctx.db)
    assert (space.unit, space.area_hundredths, space.monthly_rent) == (
        "101",
        12050,
        1800000,
    )
    assert view.model.rowCount() == 1
    assert view.model.index(0, COL_TEAM).data() == "free"
    assert view.summary.text() == "0 of 1 units leased today"


def test_lease_a_unit_then_an_overlapping_lease_is_refused_with_the_sentence(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    db = desk_ctx.db
    space_id = create_space(db, staff.admin, "张江AI小镇1号楼", "201", "80", "9600")
    first = register(db, desk_ctx.actor, 1, "上海先到科技有限公司")
    second = register(db, desk_ctx.actor, 2, "上海后到科技有限公司")
    view = SpacesView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    assert not view.new_unit_button.isVisible()  # desk staff do not add units
    view.table.selectRow(0)

    view.lease_button.click()
    form = view.dialog
    assert isinstance(form, LeaseFormDialog)
    assert form.rent.text() == "9600.00"  # prefilled from the unit
    assert not form.ok_button.isEnabled()  # no team chosen yet
    type_text(qtbot, form.picker.search, "先到")
    form.picker.refresh()
    assert form.picker.results.count() == 1
    form.picker.results.setCurrentRow(0)
    assert form.picker.team_id == first
    form.start_on.setText("2026-01-01")
    form.end_on.setText("2027-12-31")
    assert form.ok_button.isEnabled()
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    [lease] = team_leases(db, first)
    assert (lease.start_on, lease.end_on, lease.monthly_rent) == (
        dt.date(2026, 1, 1),
        dt.date(2027, 12, 31),
        960000,
    )
    assert view.model.index(0, COL_TEAM).data() == "上海先到科技有限公司"

    # The same unit, overlapping days, for the second team: refused under the unit field.
    form = LeaseFormDialog(desk_ctx, space_id=space_id, team=(second, "上海后到科技有限公司"))
    qtbot.addWidget(form)
    form.show()
    form.start_on.setText("2027-06-01")
    form.end_on.setText("2028-05-31")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    error = form.form.fields["space"].error
    assert error.isVisible()
    assert error.text() == (
        f"Unit 张江AI小镇1号楼 201 is already leased from 2026-01-01 to 2027-12-31 "
        f"(lease no. {lease.id}); choose other dates or another unit."
    )
    assert team_leases(db, second) == []


def test_end_a_lease_early(qtbot: QtBot, desk_ctx: DeskContext, staff) -> None:
    db = desk_ctx.db
    today = dt.date.today()
    space_id = create_space(db, staff.admin, "漕河泾AI小镇2号楼", "305", "150", "20000")
    team_id = register(db, desk_ctx.actor, 3, "上海提前科技有限公司", founded_on="2020-01-01")
    from aitown.services.leases import create_lease

    create_lease(
        db,
        desk_ctx.actor,
        team_id,
        space_id,
        today - dt.timedelta(days=30),
        today + dt.timedelta(days=300),
    )
    view = SpacesView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    assert view.end_button.isEnabled()
    view.end_button.click()
    form = view.dialog
    assert isinstance(form, EndLeaseDialog)
    form.ended_on.setText((today + dt.timedelta(days=400)).isoformat())
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert "must fall within the lease" in form.form.fields["ended_on"].error.text()
    form.ended_on.setText(today.isoformat())
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    [lease] = team_leases(db, team_id)
    assert lease.ended_on == today
