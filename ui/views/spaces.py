"""The Spaces and leases screen: the units, who holds each today, and the lease actions."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import UnitState
from aitown.services.leases import SpaceRow, list_spaces
from aitown.services.list_tables import spaces_table
from aitown.services.unit_board import unit_board
from ui.changes import Entity, subscribe
from ui.context import DeskContext
from ui.dialogs.lease_form import EndLeaseDialog, LeaseFormDialog
from ui.dialogs.space_form import SpaceFormDialog
from ui.labels import unit_state_label
from ui.models.spaces_model import COL_TEAM, SpacesModel
from ui.widgets.list_export import ListExportBar


class SpacesView(QWidget):
    team_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = SpacesModel(self)
        self.table = QTableView()
        self.table.setObjectName("spaces_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEAM, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_team)  # Enter or double-click

        self.summary = QLabel()
        self.summary.setObjectName("spaces_summary")
        self.new_unit_button = QPushButton(self.tr("Ne&w unit…"))
        self.new_unit_button.setObjectName("spaces_new_unit")
        self.new_unit_button.setVisible(ctx.can("space.edit"))
        self.lease_button = QPushButton(self.tr("&Lease to a team…"))
        self.lease_button.setObjectName("spaces_lease")
        self.end_button = QPushButton(self.tr("En&d lease early…"))
        self.end_button.setObjectName("spaces_end_lease")
        for button in (self.lease_button, self.end_button):
            button.setVisible(ctx.can("lease.edit"))
        self.new_unit_button.clicked.connect(self.new_unit)
        self.lease_button.clicked.connect(self.lease_selected)
        self.end_button.clicked.connect(self.end_selected)

        self.export_bar = ListExportBar(
            ctx, "spaces", lambda: partial(spaces_table, ctx.db, ctx.actor)
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary)
        bottom.addWidget(self.export_bar)
        bottom.addStretch(1)
        bottom.addWidget(self.end_button)
        bottom.addWidget(self.lease_button)
        bottom.addWidget(self.new_unit_button)
        title = QLabel(self.tr("Spaces and leases"))
        title.setObjectName("screenTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.dialog: QWidget | None = None
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        subscribe(
            ctx.changes,
            self,
            (
                Entity.SPACE,
                Entity.LEASE,
                Entity.TEAM,
            ),
            self.refresh,
        )
        self.refresh()

    def refresh(self) -> None:
        current = self.selected_space()
        # Reserved or under repair today says so instead of "free" (issue 14's unit states).
        zh = self.ctx.lang.startswith("zh")
        self.model.holds = {
            c.space_id: unit_state_label(c.state)
            + ((f"（{c.team_name}）" if zh else f" ({c.team_name})") if c.team_name else "")
            for c in unit_board(self.ctx.db)
            if c.state in (UnitState.RESERVED, UnitState.REPAIR)
        }
        self.model.set_rows(list_spaces(self.ctx.db))
        leased, total = self.model.occupancy()
        self.summary.setText(
            self.tr("{leased} of {total} units leased today").format(leased=leased, total=total)
        )
        if current is not None and (row := self.model.row_of_space(current.id)) is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_space(self) -> SpaceRow | None:
        index = self.table.currentIndex()
        return self.model.space(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        space = self.selected_space()
        self.end_button.setEnabled(bool(space and space.lease_id))

    def _open_team(self) -> None:
        space = self.selected_space()
        if space and space.team_id:
            self.team_activated.emit(int(space.team_id))

    def new_unit(self) -> None:
        buildings = sorted({r.building for r in list_spaces(self.ctx.db)})
        self.dialog = SpaceFormDialog(self.ctx, buildings, parent=self)
        self.dialog.open()

    def lease_selected(self) -> None:
        space = self.selected_space()
        self.dialog = LeaseFormDialog(self.ctx, space_id=space.id if space else None, parent=self)
        self.dialog.open()

    def end_selected(self) -> None:
        space = self.selected_space()
        if not space or not space.lease_id:
            return
        text = self.tr("{team} leases {unit} from {start} to {end}.").format(
            team=space.team_name,
            unit=f"{space.building} {space.unit}",
            start=space.lease_start,
            end=space.lease_end,
        )
        self.dialog = EndLeaseDialog(self.ctx, space.lease_id, space.team_id, text, parent=self)
        self.dialog.open()

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
