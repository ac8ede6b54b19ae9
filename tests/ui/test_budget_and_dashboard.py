"""The Budget screen and the Dashboard show what the pools and applications hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aitown.services import applications as apps
from aitown.services.pools import list_pools
from tests.aitown.services.test_applications import admitted_team
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.models.pools_model import COL_COMMITTED, COL_LEFT, COL_POOL, COL_TOTAL, COL_USED
from ui.views.budget import BudgetView, PoolTotalDialog
from ui.views.dashboard import DashboardView


def approved_grant(db, staff) -> int:
    team_id = admitted_team(db, staff)
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    return rec.application_id


def test_budget_shows_the_committed_amount_in_yuan(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff
) -> None:
    view = BudgetView(reviewer_ctx)
    qtbot.addWidget(view)
    view.show()
    row = view.model.row_of("startup_grant")
    assert row is not None
    assert view.model.index(row, COL_COMMITTED).data() == "0.00"
    assert not view.change_button.isVisible()  # only administrators change totals

    approved_grant(reviewer_ctx.db, staff)
    # As run_op does after the queue's decision.
    reviewer_ctx.changes.publish([Change(Entity.APPLICATION), Change(Entity.POOL)])
    assert view.model.index(row, COL_POOL).data() == "start-up grant"
    assert view.model.index(row, COL_TOTAL).data() == "30,000,000.00"
    assert view.model.index(row, COL_COMMITTED).data() == "100,000.00"
    assert view.model.index(row, COL_LEFT).data() == "29,900,000.00"
    assert view.model.index(row, COL_USED).data() == "0.3 %"
    assert "1,119,900,000.00 yuan left" in view.summary.text()


def test_administrator_cannot_set_a_total_below_what_is_used(
    qtbot: QtBot, admin_ctx: DeskContext, staff
) -> None:
    approved_grant(admin_ctx.db, staff)
    view = BudgetView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.change_button.isVisible()
    view.table.selectRow(view.model.row_of("startup_grant"))
    qtbot.mouseClick(view.change_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, PoolTotalDialog)
    assert dialog.total.text() == "30000000.00"
    dialog.total.clear()
    qtbot.keyClicks(dialog.total, "50000.5")
    assert dialog.ok_button.isEnabled()  # a valid amount; only the service knows what is used
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    error = dialog.form.fields["total"].error
    assert error.isVisible()
    assert "already committed and paid 100,000.00 yuan" in error.text()
    grant = next(p for p in list_pools(admin_ctx.db) if p["kind"] == "startup_grant")
    assert grant["total"] == 30_000_000_00

    dialog.total.clear()
    qtbot.keyClicks(dialog.total, "25000000")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    grant = next(p for p in list_pools(admin_ctx.db) if p["kind"] == "startup_grant")
    assert grant["total"] == 25_000_000_00
    row = view.model.row_of("startup_grant")
    assert view.model.index(row, COL_TOTAL).data() == "25,000,000.00"


def test_dashboard_counts_and_charts(qtbot: QtBot, admin_ctx: DeskContext, staff) -> None:
    db = admin_ctx.db
    approved_grant(db, staff)
    team_id = admitted_team(db, staff, body="91310104MA1FL0009")
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    view = DashboardView(admin_ctx)
    qtbot.addWidget(view)
    view.resize(1180, 700)
    view.show()
    assert view.waiting_card.value.text() == "1"
    assert view.approved_card.value.text() == "1"
    assert view.occupancy_card.value.text() == "2 / 2"
    assert view.waivers_card.value.text() == "0"
    assert view.no_waivers.isVisible() and not view.waivers.isVisible()
    assert view.status_chart.counts["submitted"] == 1
    pools = view.pools_chart.pools
    grant_at = [p.kind for p in pools].index("startup_grant")
    bar_index = len(pools) - 1 - grant_at  # horizontal bars count from the bottom
    assert view.pools_chart.tooltip(bar_index, "committed", "committed") == (
        "start-up grant: committed 100,000.00 yuan of 30,000,000.00 yuan"
    )
    series = view.pools_chart.chart().series()[0]
    assert [s.label() for s in series.barSets()] == ["committed", "disbursed", "left"]
    assert "2 of 2 units leased" in view.occupancy_chart.chart().title()


def test_dashboard_lists_waivers_ending_soon_and_opens_the_team(
    qtbot: QtBot, admin_ctx: DeskContext, staff
) -> None:
    from tests.aitown.services.test_dashboard import waiver_team

    team_id = waiver_team(admin_ctx.db, staff, "91310104MA1FL0102", lease_days=10)
    view = DashboardView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.waivers_card.value.text() == "1"
    assert view.waivers.isVisible() and not view.no_waivers.isVisible()
    cells = [view.waivers.item(0, c).text() for c in range(4)]
    assert cells[0] == "上海0102公司" and cells[1] == "2号楼 0102" and cells[3] == "10 day(s)"
    view.waivers.setFocus()
    view.waivers.setCurrentCell(0, 0)
    with qtbot.waitSignal(view.team_activated) as opened:
        qtbot.keyClick(view.waivers, Qt.Key.Key_Return)  # Enter (or a double-click) opens it
    assert opened.args == [team_id]


def test_status_chart_counts_in_whole_numbers_when_there_are_few(qtbot: QtBot) -> None:
    from PySide6.QtCharts import QValueAxis

    from ui.widgets.charts import StatusChart

    chart = StatusChart()
    qtbot.addWidget(chart)
    chart.set_counts({"submitted": 0, "approved": 1})
    (axis,) = chart.chart().axes(Qt.Orientation.Horizontal)
    assert isinstance(axis, QValueAxis)
    # One tick per whole number: 0, 1, 2 — not "0 0 1 1 2" from half-steps printed with %d.
    assert axis.tickCount() == int(axis.max()) + 1


def test_occupancy_shows_reserved_and_repair_units_apart_in_both_languages(
    qtbot: QtBot, admin_ctx: DeskContext, staff, qapp
) -> None:
    """Units the desk holds (issue 14) are their own slices, as on the unit board, not vacant."""
    from aitown.services import leases
    from aitown.services.unit_holds import hold_unit
    from ui import i18n

    db = admin_ctx.db
    admitted_team(db, staff)  # leases one unit
    spaces = [
        leases.create_space(db, staff.admin, "1号楼", unit, "80", "9000")
        for unit in ("901", "902", "903")
    ]
    hold_unit(db, staff.desk, spaces[0], "reserved")
    hold_unit(db, staff.desk, spaces[1], "repair", note="漏水")

    def slices() -> list[str]:
        view = DashboardView(admin_ctx)
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.show()
        assert view.occupancy_card.value.text() == "1 / 4"
        (series,) = view.occupancy_chart.chart().series()
        return [s.label() for s in series.slices()]

    assert slices() == ["leased (1)", "reserved (1)", "under repair (1)", "vacant (1)"]
    assert i18n.install_translators(qapp, i18n.CHINESE)
    try:
        assert slices() == ["已出租 (1)", "已预留 (1)", "维修中 (1)", "空置 (1)"]
    finally:
        i18n.install_translators(qapp, i18n.ENGLISH)
