"""The Reports screen: the three reports with their charts, and policy matching."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from aitown.money import format_yuan
from aitown.services.applications import record_application
from aitown.services.policy_matching import MatchVerdict, unclaimed_matches
from aitown.services.reports import summary_lines
from tests.aitown.services.test_applications import admitted_team
from tests.ui.conftest import Boxes
from ui.context import DeskContext
from ui.views.reports import ReportsView

TODAY = dt.date.today()


def test_summary_tenants_incubator_with_charts(
    qtbot: QtBot,
    desk_ctx: DeskContext,
    staff,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    team_id = admitted_team(desk_ctx.db, staff)
    record_application(desk_ctx.db, staff.desk, team_id, "startup_grant")
    view = ReportsView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    page = view.reports
    assert [page.sections.tabText(i) for i in range(page.sections.count())] == [
        "Summary of applications and funds",
        "Amounts in capitals",
        "Month by month",
    ]
    grid = page.grids()[0]
    lines = {x.benefit: x for x in summary_lines(desk_ctx.db, dt.date(TODAY.year, 1, 1), TODAY)}
    assert grid.item(1, 0).text() == "start-up grant"
    assert grid.item(1, 1).text() == str(lines["startup_grant"].received) == "0"  # a draft
    assert grid.item(1, 6).text() == format_yuan(lines["startup_grant"].pool_left or 0)
    assert len(page.charts()) == 2  # applications per month, pool use over time
    page.kind.setCurrentIndex(1)  # tenants: shown at once
    assert page.sections.tabText(0) == "Tenants and occupancy per building"
    occupancy = page.charts()[0]
    assert occupancy.spec is not None and occupancy.spec.categories == ("1号楼",)
    page.kind.setCurrentIndex(2)
    assert page.sections.tabText(0) == "Incubator statistics"
    out = tmp_path / "incubator.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.export_bar.export_button.click()
    assert load_workbook(out).sheetnames == ["Incubator statistics"]


def test_policy_matching_lists_and_opens_a_team(
    qtbot: QtBot, desk_ctx: DeskContext, staff, boxes: Boxes
) -> None:
    team_id = admitted_team(desk_ctx.db, staff)
    view = ReportsView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    page = view.matching
    page.find_button.click()
    expected = list(unclaimed_matches(desk_ctx.db, staff.desk, today=TODAY))
    assert page.table.rowCount() == len(expected) + 1  # and the totals row
    assert page.count.text() == f"{len(expected)} benefit(s) to claim"
    assert sorted((m.team_id, m.benefit) for m in page.matches) == sorted(
        (m.team_id, m.benefit) for m in expected
    )
    assert page.matches[0].verdict == MatchVerdict.ELIGIBLE  # the sure answers first
    eligible = next(i for i, m in enumerate(page.matches) if m.team_id == team_id)
    assert page.table.item(eligible, 1).text() == page.matches[eligible].team_name
    page.table.selectRow(eligible)
    with qtbot.waitSignal(view.team_activated) as opened:
        page.open_button.click()
    assert opened.args == [team_id]
