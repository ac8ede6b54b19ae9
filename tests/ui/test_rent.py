"""The rent account in the GUI: the team's Rent tab (statement, recording a payment, saving the
statement and receipt as PDF) and the Rent screen (arrears, opening the team, export)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from aitown.services.rent_accounts import team_entries
from tests.aitown.services.test_lease_end import RENT, tenant
from tests.ui.helpers import type_text
from ui.context import DeskContext
from ui.views.rent import RentView
from ui.views.team_detail import TeamDetailWindow
from ui.views.team_rent import PaymentDialog


def test_record_a_payment_and_save_statement_and_receipt(
    qtbot: QtBot, desk_ctx: DeskContext, staff, tmp_path: Path, monkeypatch
) -> None:
    db = desk_ctx.db
    team_id, _lease, _app = tenant(db, staff)
    detail = TeamDetailWindow(desk_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    tab = detail.rent
    detail.tabs.setCurrentWidget(tab)
    tab.month.setText("2026-02")
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    text = tab.text.toPlainText()
    assert "Rent this month 10,000.00 yuan, waived 50% (5,000.00 yuan), due 5,000.00 yuan" in text
    assert "Arrears at the end of the month: 10,000.00 yuan" in text

    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, PaymentDialog)
    type_text(qtbot, dialog.amount, "abc")
    assert not dialog.ok_button.isEnabled()
    dialog.amount.setText("7500")
    dialog.on.setText("2026-02-10")
    type_text(qtbot, dialog.reference, "BANK-7")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [entry] = team_entries(db, team_id)
    assert (entry["amount_fen"], entry["reference"]) == (7_500_00, "BANK-7")
    assert "Arrears at the end of the month: 2,500.00 yuan" in tab.text.toPlainText()
    assert tab.table.rowCount() == 1

    target = tmp_path / "statement.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.statement_button, Qt.MouseButton.LeftButton)
    assert "Rent statement" in PdfReader(target).pages[0].extract_text()
    tab.table.selectRow(0)
    assert tab.receipt_button.isEnabled()
    target = tmp_path / "receipt.pdf"
    qtbot.mouseClick(tab.receipt_button, Qt.MouseButton.LeftButton)
    page = PdfReader(target).pages[0].extract_text()
    assert "Payment receipt" in page and str(entry["verification_code"]) in page


def test_a_reviewer_reads_the_account_but_records_nothing(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff
) -> None:
    team_id, _lease, _app = tenant(reviewer_ctx.db, staff)
    detail = TeamDetailWindow(reviewer_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    assert not detail.rent.pay_button.isVisible()


def test_rent_screen_lists_arrears_and_exports_them(
    qtbot: QtBot, desk_ctx: DeskContext, staff, tmp_path: Path, monkeypatch, boxes
) -> None:
    team_id, _lease, _app = tenant(desk_ctx.db, staff)
    view = RentView(desk_ctx)
    qtbot.addWidget(view)
    view.show()
    view.as_of.setText("2026-02-15")
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert view.table.rowCount() == 1
    assert view.table.item(0, 5).text() == "10,000.00"  # half of Jan and Feb 2026
    assert view.table.item(0, 6).text() == "2026-01-01"
    opened: list[int] = []
    view.team_activated.connect(opened.append)
    view.table.cellDoubleClicked.emit(0, 0)
    assert opened == [team_id]
    view.as_of.setText("2026-02-31")
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert "not a date" in view.problem.text() or view.problem.isVisible()
    view.as_of.setText("2026-02-15")
    target = tmp_path / "arrears.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel workbook (*.xlsx)")
    )
    qtbot.mouseClick(view.export_bar.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    cells = [c.value for row in load_workbook(target).active.iter_rows() for c in row]
    assert RENT // 100 in cells  # 10,000 yuan of arrears
