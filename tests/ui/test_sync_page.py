"""The Sync screen: role, Export… / Import… through the task runner, the districts' shares, the
Conflicts list; the Dashboard says whose money the pools are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from aitown.schema import open_database
from tests.aitown.sync import conftest as sync_fixtures
from tests.aitown.sync.cities import Desk, enrol, grant, make_city
from ui.context import DeskContext
from ui.views.dashboard import DashboardView
from ui.views.sync import SyncView

quick_password_hashing = sync_fixtures.quick_password_hashing  # three offices per test


def ctx_for(desk: Desk, lang: str = "en") -> DeskContext:
    from ui.app import app_settings

    return DeskContext(db=desk.db, actor=desk.admin, settings=app_settings(), lang=lang)


def cells(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_a_standalone_office_says_so_and_offers_no_exchange(qtbot: QtBot, admin_ctx) -> None:
    view = SyncView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    assert "standalone office (XH01)" in view.role.text()
    assert not view.export_button.isEnabled() and not view.import_button.isEnabled()
    assert not view.conflicts.isVisible()


def test_bundles_both_ways_through_the_screen(qtbot: QtBot, tmp_path: Path, boxes, monkeypatch):
    city = make_city(open_database(tmp_path / "city.sqlite", create=True))
    pd = enrol(city, tmp_path, "PD")
    xh = enrol(city, tmp_path, "XH")
    from aitown.services import offices

    offices.share_pool(city.db, city.admin, "PD", "startup_grant", "1000000")
    city_view = SyncView(ctx_for(city))
    qtbot.addWidget(city_view)
    city_view.show()
    assert "city's office (SH)" in city_view.role.text()
    assert cells(city_view.peers, 0) == ["PD", "XH"]
    assert "1,000,000.00" in cells(city_view.shares, 2)

    pd_ctx = ctx_for(pd)
    dashboard = DashboardView(pd_ctx)
    qtbot.addWidget(dashboard)
    assert "none has arrived yet" in dashboard.pool_scope.text()

    bundle = tmp_path / "SH-to-PD.zip"
    city_view.peers.selectRow(0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(bundle), ""))
    qtbot.mouseClick(city_view.export_button, Qt.MouseButton.LeftButton)
    assert bundle.exists() and "Wrote bundle 1 for PD" in boxes.texts("information")[-1]
    assert "A copy is kept in" in boxes.texts("information")[-1]

    pd_view = SyncView(pd_ctx)
    qtbot.addWidget(pd_view)
    pd_view.show()
    assert "district office PD of the city SH" in pd_view.role.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    qtbot.mouseClick(pd_view.import_button, Qt.MouseButton.LeftButton)
    assert "Imported bundle 1 from SH" in boxes.texts("information")[-1]
    assert "as the city's bundle #1" in dashboard.pool_scope.text()  # refreshed by the event
    assert cells(pd_view.peers, 2)[0].startswith("#1")
    qtbot.mouseClick(pd_view.import_button, Qt.MouseButton.LeftButton)
    assert "already imported; nothing changed" in boxes.texts("information")[-1]

    # Offline, both districts grant the same USCC's start-up grant: a conflict on the city.
    offices.share_pool(city.db, city.admin, "XH", "startup_grant", "1000000")
    from aitown.services import sync

    sync.export_bundle(city.db, city.admin, tmp_path / "SH-to-XH.zip", for_code="XH")
    sync.import_bundle(xh.db, xh.admin, tmp_path / "SH-to-XH.zip")
    grant(pd, "91310104MA1FL4001")
    grant(xh, "91310104MA1FL4001")
    pd_view.refresh()
    waiting = int(pd_view.waiting.text().rsplit(":", 1)[1])
    assert pd_view.waiting.text().startswith("Changes waiting to be sent to the city")
    assert waiting > 4  # the team, its unit, lease and application, and their audit events
    for desk in (pd, xh):
        out = tmp_path / f"{desk.code}-1.zip"
        sync.export_bundle(desk.db, desk.admin, out)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, o=out, **k: (str(o), ""))
        qtbot.mouseClick(city_view.import_button, Qt.MouseButton.LeftButton)
    assert "1 new conflicts" in boxes.texts("information")[-1]
    assert city_view.conflicts.rowCount() == 1
    assert "more than one office" in city_view.conflicts.item(0, 1).text()
    assert "1 open" in city_view.conflicts_title.text()
    assert "100,000.00" in cells(city_view.shares, 3)  # PD's committed, as reported

    # A bundle meant for another office: the sentence, and nothing changes.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    qtbot.mouseClick(city_view.import_button, Qt.MouseButton.LeftButton)
    assert "is for office PD, not this office" in boxes.texts("critical")[-1]
    # The city's Budget screen names the shares given.
    from ui.views.budget import BudgetView

    budget = BudgetView(ctx_for(city))
    qtbot.addWidget(budget)
    assert "2,000,000.00 yuan of them are given to the districts" in budget.summary.text()
    for d in (city, pd, xh):
        d.db.dispose()
