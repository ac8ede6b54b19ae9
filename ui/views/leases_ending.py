"""Leases ending in the next 30, 60 or 90 days: renew one, record its move-out, export, print."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitown.services.lease_lifecycle import ENDING_WINDOWS, LeaseEnding, leases_ending
from aitown.services.lease_lists import leases_ending_table
from ui.changes import Entity, subscribe
from ui.context import DeskContext
from ui.dialogs.tenancy_forms import HandoverDialog, RenewLeaseDialog
from ui.models.leases_ending_model import COL_TEAM, LeasesEndingModel
from ui.widgets.list_export import ListExportBar


class LeasesEndingView(QWidget):
    team_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QWidget | None = None
        self.days_box = QComboBox()
        self.days_box.setObjectName("ending_window")
        for days in ENDING_WINDOWS:
            self.days_box.addItem(self.tr("within %n day(s)", "", days), days)
        self.days_box.setCurrentIndex(1)  # 60 days, as the dashboard's waivers
        self.days_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = LeasesEndingModel(self)
        self.table = QTableView()
        self.table.setObjectName("ending_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEAM, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_team)
        self.summary = QLabel()
        self.summary.setObjectName("ending_summary")
        self.renew_button = QPushButton(self.tr("Re&new…"))
        self.renew_button.setObjectName("ending_renew")
        self.handover_button = QPushButton(self.tr("Hand-o&ver…"))
        self.handover_button.setObjectName("ending_handover")
        for button in (self.renew_button, self.handover_button):
            button.setVisible(ctx.can("lease.edit"))
        self.renew_button.clicked.connect(self.renew)
        self.handover_button.clicked.connect(self.handover)
        self.export_bar = ListExportBar(
            ctx,
            "leases_ending",
            lambda: partial(
                leases_ending_table, ctx.db, ctx.actor, within_days=int(self.days_box.currentData())
            ),
        )
        top = QHBoxLayout()
        caption = QLabel(self.tr("Leases whose last day is"))
        top.addWidget(caption)
        top.addWidget(self.days_box)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addWidget(self.export_bar)
        bottom.addStretch(1)
        bottom.addWidget(self.handover_button)
        bottom.addWidget(self.renew_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        subscribe(ctx.changes, self, (Entity.LEASE, Entity.SPACE, Entity.TEAM), self.refresh)
        self.refresh()

    def set_window(self, days: int) -> None:
        at = self.days_box.findData(days)
        if at >= 0:
            self.days_box.setCurrentIndex(at)

    def refresh(self) -> None:
        rows = leases_ending(self.ctx.db, int(self.days_box.currentData()))
        self.model.set_rows(rows)
        self.summary.setText(self.tr("%n lease(s) ending", "", len(rows)))
        self._update_buttons()

    def selected(self) -> LeaseEnding | None:
        index = self.table.currentIndex()
        return self.model.lease(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.renew_button.setEnabled(has)
        self.handover_button.setEnabled(has)

    def _open_team(self) -> None:
        row = self.selected()
        if row is not None:
            self.team_activated.emit(row.team_id)

    def _text(self, row: LeaseEnding) -> str:
        return self.tr("{team} leases {unit} from {start} to {end}.").format(
            team=row.team_name,
            unit=f"{row.building} {row.unit}",
            start=row.start_on.isoformat(),
            end=row.last_day.isoformat(),
        )

    def renew(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.dialog = RenewLeaseDialog(
            self.ctx,
            row.lease_id,
            row.team_id,
            self._text(row),
            row.last_day,
            row.monthly_rent,
            parent=self,
        )
        self.dialog.open()

    def handover(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.dialog = HandoverDialog(
            self.ctx, row.lease_id, row.team_id, self._text(row), parent=self
        )
        self.dialog.open()
