"""The unit board as the desk uses it: states on the tiles, a click shows the unit's timeline,
reserve and lift, renew from the timeline, record a move-in, the lease form starts on a free unit,
and the leases-ending tab and dashboard card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aitown.enums import UnitState
from aitown.services.handover import handover_sheet
from aitown.services.leases import create_lease, create_space, team_leases
from aitown.services.unit_holds import hold_unit
from tests.ui.helpers import register, type_text
from ui.context import DeskContext
from ui.dialogs.lease_form import LeaseFormDialog
from ui.dialogs.tenancy_forms import HandoverDialog, RenewLeaseDialog, UnitHoldDialog
from ui.views.dashboard import DashboardView
from ui.views.tenancy import TenancyView
from ui.views.unit_board import UnitBoardView

TODAY = dt.date.today()


@pytest.fixture
def town(desk_ctx: DeskContext, staff):
    db = desk_ctx.db
    units = {
        n: create_space(db, staff.admin, "1号楼", n, "80", "8000") for n in ("101", "102", "103")
    }
    units["201"] = create_space(db, staff.admin, "2号楼", "201", "150", "15000")
    tenant = register(db, desk_ctx.actor, 1, "上海租户科技有限公司")
    other = register(db, desk_ctx.actor, 2, "上海新来科技有限公司")
    start = TODAY - dt.timedelta(days=100)
    lease = create_lease(db, staff.desk, tenant, units["101"], start, TODAY + dt.timedelta(days=20))
    create_lease(db, staff.desk, tenant, units["102"], start, TODAY + dt.timedelta(days=400))
    hold_unit(db, staff.desk, units["201"], "repair", ends_on=TODAY + dt.timedelta(days=10))
    return {"units": units, "tenant": tenant, "other": other, "lease": lease}


def tile_states(view: UnitBoardView) -> dict[str, UnitState]:
    return {tile.cell.unit: tile.cell.state for tile in view.tiles.values()}


def test_board_shows_states_and_a_click_shows_the_timeline(
    qtbot: QtBot, desk_ctx: DeskContext, town
) -> None:
    view = UnitBoardView(desk_ctx)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    assert tile_states(view) == {
        "101": UnitState.LEASED,
        "102": UnitState.LEASED,
        "103": UnitState.VACANT,
        "201": UnitState.REPAIR,
    }
    assert "1 vacant, 0 reserved, 2 leased, 1 under repair" in view.summary.text()
    tile = view.tiles[town["units"]["101"]]
    assert "leased" in tile.text() and "租户科技" in tile.text()
    assert "上海租户科技" in tile.toolTip()  # the tile leaves out the city, the tip has it all
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert tile.isChecked()
    assert view.timeline_table.rowCount() == 1
    what = view.timeline_table.item(0, 1).text()
    assert f"lease no. {town['lease']}" in what and "上海租户科技有限公司" in what
    assert view.timeline_table.item(0, 2).text() == "8,000.00"
    assert view.renew_button.isEnabled() and not view.lift_button.isEnabled()
    # Filters: the state combo keeps the vacant units only.
    view.state.setCurrentIndex(view.state.findData(str(UnitState.VACANT)))
    assert set(tile_states(view)) == {"103"}
    view.state.setCurrentIndex(0)
    view.building.setCurrentIndex(view.building.findData("2号楼"))
    assert set(tile_states(view)) == {"201"}
    # Another day: after the repair and the short lease, both are vacant.
    view.building.setCurrentIndex(0)
    view.day.setText((TODAY + dt.timedelta(days=30)).isoformat())
    view.refresh()
    assert tile_states(view)["101"] == UnitState.VACANT
    assert tile_states(view)["201"] == UnitState.VACANT


def test_reserve_a_unit_for_a_team_then_lift_it(qtbot: QtBot, desk_ctx: DeskContext, town) -> None:
    view = UnitBoardView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.mouseClick(view.tiles[town["units"]["103"]], Qt.MouseButton.LeftButton)
    view.reserve_button.click()
    form = view.dialog
    assert isinstance(form, UnitHoldDialog) and form.picker is not None
    type_text(qtbot, form.picker.search, "新来")
    form.picker.refresh()
    form.picker.results.setCurrentRow(0)
    form.ends_on.setText((TODAY + dt.timedelta(days=14)).isoformat())
    type_text(qtbot, form.note, "等待签约")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert tile_states(view)["103"] == UnitState.RESERVED
    assert "新来科技" in view.tiles[town["units"]["103"]].text()
    # The reservation is on the timeline; lifting it makes the unit vacant again.
    assert view.timeline_table.item(0, 1).text() == "reserved\n上海新来科技有限公司"
    view.timeline_table.selectRow(0)
    assert view.lift_button.isEnabled()
    qtbot.mouseClick(view.lift_button, Qt.MouseButton.LeftButton)
    assert tile_states(view)["103"] == UnitState.VACANT


def test_a_refused_hold_shows_the_sentence(qtbot: QtBot, desk_ctx: DeskContext, town) -> None:
    view = UnitBoardView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    view.choose(town["units"]["101"])
    view.repair_button.click()
    form = view.dialog
    assert isinstance(form, UnitHoldDialog)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert "is leased from" in form.form.fields["starts_on"].error.text()


def test_renew_and_record_the_move_in_from_the_timeline(
    qtbot: QtBot, desk_ctx: DeskContext, town, tmp_path: Path, monkeypatch
) -> None:
    view = UnitBoardView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    view.choose(town["units"]["101"])
    view.timeline_table.selectRow(0)
    view.renew_button.click()
    form = view.dialog
    assert isinstance(form, RenewLeaseDialog)
    assert form.rent.text() == "8000.00"
    form.end_on.setText((TODAY + dt.timedelta(days=385)).isoformat())
    form.rent.setText("8800")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    old, new = (
        team_leases(desk_ctx.db, town["tenant"])[0],
        team_leases(desk_ctx.db, town["tenant"])[-1],
    )
    assert new.renews_lease_id == town["lease"] and new.monthly_rent == 880000
    assert new.start_on == TODAY + dt.timedelta(days=21) and old.id == town["lease"]
    assert view.timeline_table.rowCount() == 2
    assert "(renewal)" in view.timeline_table.item(1, 1).text()

    view.timeline_table.selectRow(0)
    view.handover_button.click()
    hand = view.dialog
    assert isinstance(hand, HandoverDialog)
    hand.edits["keys"].setText("3")
    hand.edits["cards"].setText("2")
    hand.edits["electricity"].setText("1200.5")
    hand.edits["deposit"].setText("16000")
    hand.condition.setPlainText("完好")
    qtbot.mouseClick(hand.ok_button, Qt.MouseButton.LeftButton)
    assert not hand.isVisible()
    sheet = handover_sheet(desk_ctx.db, town["lease"])
    assert sheet.move_in is not None and sheet.move_in.electricity_hundredths == 120050
    assert sheet.move_in.deposit == 16000_00 and sheet.move_out is None
    # The sheet saves as a PDF where the desk says.
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(
        "ui.widgets.pdf_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    again = HandoverDialog(desk_ctx, town["lease"], town["tenant"], "", parent=view)
    qtbot.addWidget(again)
    assert again.edits["keys"].text() == "3"  # what was recorded comes back
    again.pdf_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    printed: list[int] = []
    monkeypatch.setattr(
        "ui.dialogs.tenancy_forms.print_document",
        lambda _parent, document, _title: printed.append(document.pageCount()),
    )
    again.print_button.click()
    assert printed == [2]  # the Chinese page and the English one


def test_lease_form_starts_on_a_free_unit_and_says_which_are_taken(
    qtbot: QtBot, desk_ctx: DeskContext, town
) -> None:
    form = LeaseFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    assert form.unit.currentData() == town["units"]["103"]  # 101 and 102 are leased, 201 in repair
    texts = [form.unit.itemText(i) for i in range(form.unit.count())]
    assert "— free" in texts[2]
    assert "leased" in texts[0] and "上海租户科技有限公司" in texts[0]
    assert "under repair" in texts[3]
    # Dates after the short lease: 101 is free then.
    form.start_on.setText((TODAY + dt.timedelta(days=40)).isoformat())
    form.end_on.setText((TODAY + dt.timedelta(days=400)).isoformat())
    form.start_on.editingFinished.emit()
    assert "— free" in form.unit.itemText(0)


def test_leases_ending_tab_and_dashboard_card(qtbot: QtBot, desk_ctx: DeskContext, town) -> None:
    screen = TenancyView(desk_ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.show_ending(30)
    ending = screen.ending
    assert screen.tabs.currentWidget() is ending
    assert ending.model.rowCount() == 1
    assert ending.model.index(0, 0).data() == "上海租户科技有限公司"
    assert ending.summary.text() == "1 lease(s) ending"
    ending.set_window(90)
    assert ending.model.rowCount() == 1
    dashboard = DashboardView(desk_ctx)
    qtbot.addWidget(dashboard)
    assert dashboard.leases_card.counts == {30: 1, 60: 1, 90: 1}
    chosen: list[int] = []
    dashboard.leases_window_chosen.connect(chosen.append)
    dashboard.leases_card.value.linkActivated.emit("60")
    assert chosen == [60]


def test_the_units_list_says_reserved_or_under_repair_instead_of_free(
    qtbot: QtBot, desk_ctx: DeskContext, town
) -> None:
    from ui.models.spaces_model import COL_TEAM
    from ui.views.spaces import SpacesView

    view = SpacesView(desk_ctx)
    qtbot.addWidget(view)
    texts = {
        view.model.space(r).unit: view.model.index(r, COL_TEAM).data()
        for r in range(view.model.rowCount())
    }
    assert texts == {
        "101": "上海租户科技有限公司",
        "102": "上海租户科技有限公司",
        "103": "free",
        "201": "under repair",
    }
