"""The Rent screen: every tenant owing rent or a §2.5 repayment, exportable and printable.

The list is aitown.services.rent_accounts.arrears (as of a chosen day); double-clicking a row
opens the team, whose Rent tab (ui.views.team_rent) shows its statements and records payments.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.services.rent_accounts import ArrearsRow, arrears, arrears_table
from aitown.validation import parse_date
from ui.changes import Changes, Entity
from ui.context import DeskContext
from ui.labels import status_label
from ui.tasks import run_task
from ui.widgets.list_export import ListExportBar


class RentView(QWidget):
    team_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ArrearsRow] = []
        self.as_of = QLineEdit(dt.date.today().isoformat())
        self.as_of.setObjectName("arrears_as_of")
        self.as_of.setMaximumWidth(130)
        self.refresh_button = QPushButton(self.tr("&Show"))
        self.refresh_button.clicked.connect(self.refresh)
        self.as_of.returnPressed.connect(self.refresh)
        self.export_bar = ListExportBar(
            ctx,
            "rent_arrears",
            lambda: partial(arrears_table, ctx.db, ctx.actor, as_of=self.day()),
        )
        top = QHBoxLayout()
        caption = QLabel(self.tr("Arrears as of:"))
        caption.setBuddy(self.as_of)
        top.addWidget(caption)
        top.addWidget(self.as_of)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.export_bar)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("arrears_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Tenant"),
                self.tr("Status"),
                self.tr("Rent due to date"),
                self.tr("Repayment due (§2.5)"),
                self.tr("Paid"),
                self.tr("Arrears"),
                self.tr("Unpaid since"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.cellDoubleClicked.connect(self._open)
        self.summary = QLabel()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #7a0014;")
        self.problem.hide()
        title = QLabel(self.tr("Rent and arrears"))
        title.setObjectName("screenTitle")  # every screen names itself, as Payments does
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        ctx.changes.changed.connect(self._on_changes)
        self.refresh()

    def day(self) -> dt.date:
        try:
            return parse_date(self.as_of.text(), what="date", field_name="as_of")
        except DeskError:
            return dt.date.today()

    def refresh(self) -> None:
        try:
            day = parse_date(self.as_of.text(), what="date", field_name="as_of")
        except DeskError as exc:
            self.problem.setText(self.ctx.message(exc))
            self.problem.show()
            return
        self.problem.hide()
        db = self.ctx.db
        run_task(self, lambda _c: arrears(db, as_of=day), self._show)

    def _show(self, rows: list[ArrearsRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [
                f"{r.team_name}  {r.uscc}",
                status_label(r.status),
                format_yuan(r.charged_fen),
                format_yuan(r.receivable_fen),
                format_yuan(r.paid_fen),
                format_yuan(r.arrears_fen),
                r.oldest_unpaid.isoformat() if r.oldest_unpaid else "",
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= j <= 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        total = sum(r.arrears_fen for r in rows)
        self.summary.setText(
            self.tr("%1 tenants owe %2 yuan in all.")
            .replace("%1", str(len(rows)))
            .replace("%2", format_yuan(total))
        )

    def _open(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows):
            self.team_activated.emit(self.rows[row].team_id)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Entity.LEASE, Entity.APPLICATION, Entity.TEAM):
            self.refresh()
