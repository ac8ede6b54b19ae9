"""The unit board: buildings × units as tiles coloured by state on a day, filters, and the
timeline of the unit clicked with its actions (lease, reserve, repair, lift, renew, hand-over)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import UnitState
from aitown.money import format_yuan
from aitown.services.unit_board import (
    STATES,
    BoardFilter,
    TimelineEntry,
    UnitCell,
    board_counts,
    unit_board,
    unit_timeline,
)
from aitown.services.unit_holds import lift_hold
from ui.changes import Change, Entity, subscribe
from ui.context import DeskContext
from ui.dialogs.lease_form import LeaseFormDialog
from ui.dialogs.tenancy_forms import HandoverDialog, RenewLeaseDialog, UnitHoldDialog
from ui.labels import unit_state_label
from ui.ops import run_op

COLUMNS = 6
TILE_WIDTH = 112
# Background and border of a tile per state (light, readable with dark text in both themes).
STATE_COLOURS = {
    UnitState.VACANT: ("#e8f5e9", "#2e7d32"),
    UnitState.RESERVED: ("#fff8e1", "#b7791f"),
    UnitState.LEASED: ("#e3f2fd", "#1f5f99"),
    UnitState.REPAIR: ("#fdecea", "#b42318"),
}


def area_text(hundredths: int) -> str:
    return f"{hundredths / 100:,.2f}".rstrip("0").rstrip(".")


class UnitTile(QToolButton):
    """One unit: its number, state, area and rent, and who holds it."""

    def __init__(self, cell: UnitCell, parent: QWidget | None = None):
        super().__init__(parent)
        self.cell = cell
        self.setObjectName("unit_tile")
        self.setCheckable(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(TILE_WIDTH, 96)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        who = cell.team_name
        if len(who) > 8:  # a Chinese company name: its first characters say who it is
            # ... after the city most of them start with (上海极光… told nothing; the tip has
            # the full name).
            who = who.removeprefix("上海")
            who = who if len(who) <= 8 else who[:7] + "…"
        # One fact a line, so that nothing is cut at 1366×768 in either language.
        lines = [
            f"{cell.unit} · {area_text(cell.area_hundredths)} m²",
            unit_state_label(cell.state),
            format_yuan(cell.monthly_rent),
            who or " ",
        ]
        self.setText("\n".join(lines))
        tip = [f"{cell.building} {cell.unit}", unit_state_label(cell.state)]
        if cell.team_name:
            tip.append(cell.team_name)
        if cell.lease_end:
            tip.append(self.tr("lease until {day}").format(day=cell.lease_end.isoformat()))
        if cell.note:
            tip.append(cell.note)
        self.setToolTip("\n".join(tip))
        back, border = STATE_COLOURS[cell.state]
        self.setStyleSheet(
            f"QToolButton#unit_tile {{ background: {back}; color: #1a1a1a;"
            f" border: 1px solid {border}; border-left: 5px solid {border};"
            " border-radius: 4px; padding: 4px; text-align: left; }"
            f"QToolButton#unit_tile:checked {{ border: 3px solid #111; border-left: 6px solid {border}; }}"
        )


class UnitBoardView(QWidget):
    """Filters on top, the tiles on the left, the chosen unit's timeline and actions on the right."""

    team_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.cells: list[UnitCell] = []
        self.tiles: dict[int, UnitTile] = {}
        self.selected: int | None = None
        self.timeline: list[TimelineEntry] = []
        self.dialog: QWidget | None = None

        self.day = QLineEdit(dt.date.today().isoformat())
        self.day.setObjectName("board_day")
        self.day.setMaximumWidth(110)
        self.building = QComboBox()
        self.building.setObjectName("board_building")
        self.state = QComboBox()
        self.state.setObjectName("board_state")
        self.state.addItem(self.tr("All states"), "")
        for st in STATES:
            self.state.addItem(unit_state_label(st), str(st))
        self.min_area = QLineEdit()
        self.min_area.setObjectName("board_min_area")
        self.max_area = QLineEdit()
        self.max_area.setObjectName("board_max_area")
        for edit in (self.min_area, self.max_area):
            edit.setMaximumWidth(70)
            edit.editingFinished.connect(self.refresh)
        self.day.editingFinished.connect(self.refresh)
        self.building.currentIndexChanged.connect(lambda _i: self.refresh())
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        filters = QHBoxLayout()
        for caption, widget in (
            (self.tr("&Day:"), self.day),
            (self.tr("&Building:"), self.building),
            (self.tr("S&tate:"), self.state),
            (self.tr("Area from (m²):"), self.min_area),
            (self.tr("to:"), self.max_area),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("board_summary")

        self.grid_host = QWidget()
        self.grid_layout = QVBoxLayout(self.grid_host)
        self.grid_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)

        self.unit_title = QLabel(self.tr("Click a unit to see its leases."))
        self.unit_title.setObjectName("board_unit_title")
        self.unit_title.setWordWrap(True)
        # Three columns, the team named in the second: the panel stays narrow enough for six
        # tiles a row at 1366×768.
        self.timeline_table = QTableWidget(0, 3)
        self.timeline_table.setObjectName("board_timeline")
        self.timeline_table.setHorizontalHeaderLabels(
            [self.tr("Period"), self.tr("What"), self.tr("Rent / month")]
        )
        self.timeline_table.setWordWrap(True)
        self.timeline_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline_table.verticalHeader().hide()
        header = self.timeline_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.timeline_table.itemSelectionChanged.connect(self._update_buttons)
        self.timeline_table.itemActivated.connect(self._open_team)

        self.lease_button = QPushButton(self.tr("&Lease…"))
        self.reserve_button = QPushButton(self.tr("Re&serve…"))
        self.repair_button = QPushButton(self.tr("Under re&pair…"))
        self.lift_button = QPushButton(self.tr("L&ift"))
        self.renew_button = QPushButton(self.tr("Re&new lease…"))
        self.handover_button = QPushButton(self.tr("Hand-o&ver…"))
        for name, button, slot in (
            ("board_lease", self.lease_button, self.lease_unit),
            ("board_reserve", self.reserve_button, lambda: self.hold(UnitState.RESERVED)),
            ("board_repair", self.repair_button, lambda: self.hold(UnitState.REPAIR)),
            ("board_lift", self.lift_button, self.lift),
            ("board_renew", self.renew_button, self.renew),
            ("board_handover", self.handover_button, self.handover),
        ):
            button.setObjectName(name)
            button.setVisible(ctx.can("lease.edit"))
            button.clicked.connect(slot)
        actions = QGridLayout()
        buttons = (
            self.lease_button,
            self.reserve_button,
            self.repair_button,
            self.lift_button,
            self.renew_button,
            self.handover_button,
        )
        for i, button in enumerate(buttons):
            actions.addWidget(button, i // 3, i % 3)
        side = QGroupBox(self.tr("Timeline of the unit"))
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.unit_title)
        side_layout.addWidget(self.timeline_table, 1)
        side_layout.addLayout(actions)
        side.setMinimumWidth(360)
        side.setMaximumWidth(460)

        body = QHBoxLayout()
        body.addWidget(scroll, 1)
        body.addWidget(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        subscribe(ctx.changes, self, (Entity.SPACE, Entity.LEASE, Entity.TEAM), self.refresh)
        self.refresh()

    # Reading ------------------------------------------------------------------------------

    def board_day(self) -> dt.date:
        try:
            return dt.date.fromisoformat(self.day.text().strip())
        except ValueError:
            return dt.date.today()

    def _area(self, edit: QLineEdit) -> int | None:
        try:
            value = float(edit.text().replace(",", "").strip())
        except ValueError:
            return None
        return int(round(value * 100))

    def refresh(self) -> None:
        day = self.board_day()
        every = unit_board(self.ctx.db, on=day)
        buildings = sorted({c.building for c in every})
        chosen = self.building.currentData()
        self.building.blockSignals(True)
        self.building.clear()
        self.building.addItem(self.tr("All buildings"), "")
        for b in buildings:
            self.building.addItem(b, b)
        at = self.building.findData(chosen) if chosen else 0
        self.building.setCurrentIndex(max(at, 0))
        self.building.blockSignals(False)
        where = BoardFilter(
            building=self.building.currentData() or None,
            state=self.state.currentData() or None,
            min_area=self._area(self.min_area),
            max_area=self._area(self.max_area),
        )
        self.cells = [c for c in every if where.keeps(c)]
        counts = board_counts(every)
        self.summary.setText(
            self.tr(
                "On {day}: {vacant} vacant, {reserved} reserved, {leased} leased, {repair} under repair; {shown} of {total} units shown"
            ).format(
                day=day.isoformat(),
                vacant=counts[UnitState.VACANT],
                reserved=counts[UnitState.RESERVED],
                leased=counts[UnitState.LEASED],
                repair=counts[UnitState.REPAIR],
                shown=len(self.cells),
                total=len(every),
            )
        )
        self._build_tiles()
        if self.selected is not None and self.selected not in self.tiles:
            self.selected = None
        self.show_timeline(self.selected)

    def _build_tiles(self) -> None:
        while self.grid_layout.count():
            item = self.grid_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.tiles = {}
        by_building: dict[str, list[UnitCell]] = {}
        for cell in self.cells:
            by_building.setdefault(cell.building, []).append(cell)
        for building, cells in by_building.items():
            box = QGroupBox(building)
            grid = QGridLayout(box)
            grid.setSpacing(6)
            for i, cell in enumerate(cells):
                tile = UnitTile(cell)
                tile.setChecked(cell.space_id == self.selected)
                tile.clicked.connect(lambda _c=False, sid=cell.space_id: self.choose(sid))
                grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
                self.tiles[cell.space_id] = tile
            for col in range(COLUMNS):
                grid.setColumnStretch(col, 1)
            self.grid_layout.addWidget(box)
        if not self.cells:
            empty = QLabel(self.tr("No unit matches these filters."))
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid_layout.addWidget(empty)
        self.grid_layout.addStretch(1)

    def choose(self, space_id: int) -> None:
        """A click on a tile: select it and show its timeline."""
        self.selected = space_id
        for sid, tile in self.tiles.items():
            tile.setChecked(sid == space_id)
        self.show_timeline(space_id)

    def cell(self) -> UnitCell | None:
        return next((c for c in self.cells if c.space_id == self.selected), None)

    def show_timeline(self, space_id: int | None) -> None:
        cell = self.cell() if space_id is not None else None
        self.timeline = unit_timeline(self.ctx.db, cell.space_id) if cell else []
        if cell is None:
            self.unit_title.setText(self.tr("Click a unit to see its leases."))
        else:
            self.unit_title.setText(
                self.tr("{unit}: {area} m², {rent} yuan a month — {state} on {day}").format(
                    unit=f"{cell.building} {cell.unit}",
                    area=area_text(cell.area_hundredths),
                    rent=format_yuan(cell.monthly_rent),
                    state=unit_state_label(cell.state),
                    day=cell.on.isoformat(),
                )
            )
        self.timeline_table.setRowCount(len(self.timeline))
        today = self.board_day()
        current_row = -1
        for r, entry in enumerate(self.timeline):
            until = entry.ends_on.isoformat() if entry.ends_on else self.tr("until lifted")
            what = unit_state_label(UnitState.LEASED if entry.kind == "lease" else entry.kind)
            if entry.kind == "lease":
                what = self.tr("lease no. {id}").format(id=entry.lease_id)
                if entry.renews_lease_id:
                    what += " " + self.tr("(renewal)")
                if entry.ended_early:
                    what += " " + self.tr("(ended early)")
            who = entry.team_name or entry.note
            cells = (
                f"{entry.starts_on.isoformat()} – {until}",
                f"{what}\n{who}" if who else what,
                format_yuan(entry.monthly_rent) if entry.monthly_rent is not None else "",
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if who:
                    item.setToolTip(who)
                self.timeline_table.setItem(r, c, item)
            if entry.starts_on <= today and (entry.ends_on is None or entry.ends_on >= today):
                current_row = r
        self.timeline_table.resizeRowsToContents()
        if current_row >= 0:
            self.timeline_table.selectRow(current_row)
        self._update_buttons()

    def selected_entry(self) -> TimelineEntry | None:
        row = self.timeline_table.currentRow()
        rows = {i.row() for i in self.timeline_table.selectedItems()}
        if row < 0 or row not in rows or row >= len(self.timeline):
            return None
        return self.timeline[row]

    def _update_buttons(self) -> None:
        cell = self.cell()
        entry = self.selected_entry()
        self.lease_button.setEnabled(cell is not None)
        self.reserve_button.setEnabled(cell is not None)
        self.repair_button.setEnabled(cell is not None)
        self.lift_button.setEnabled(entry is not None and entry.hold_id is not None)
        is_lease = entry is not None and entry.lease_id is not None
        self.renew_button.setEnabled(is_lease)
        self.handover_button.setEnabled(is_lease)

    def _open_team(self, _item: QTableWidgetItem) -> None:
        entry = self.selected_entry()
        if entry and entry.team_id:
            self.team_activated.emit(int(entry.team_id))

    # Actions -------------------------------------------------------------------------------

    def _unit_text(self) -> str:
        cell = self.cell()
        return f"{cell.building} {cell.unit}" if cell else ""

    def lease_unit(self) -> None:
        if self.selected is None:
            return
        self.dialog = LeaseFormDialog(self.ctx, space_id=self.selected, parent=self)
        self.dialog.open()

    def hold(self, kind: UnitState) -> None:
        if self.selected is None:
            return
        self.dialog = UnitHoldDialog(self.ctx, self.selected, kind, self._unit_text(), parent=self)
        self.dialog.open()

    def lift(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.hold_id is None:
            return
        db, actor, hold_id, sid = self.ctx.db, self.ctx.actor, entry.hold_id, self.selected
        run_op(
            self.ctx,
            self,
            lambda _c: lift_hold(db, actor, hold_id),
            changes=[Change(Entity.SPACE, sid)],
            busy=[self.lift_button],
        )

    def _lease_text(self, entry: TimelineEntry) -> str:
        return self.tr("{team} leases {unit} from {start} to {end}.").format(
            team=entry.team_name,
            unit=self._unit_text(),
            start=entry.starts_on.isoformat(),
            end=entry.ends_on.isoformat() if entry.ends_on else "",
        )

    def renew(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.lease_id is None or entry.ends_on is None:
            return
        self.dialog = RenewLeaseDialog(
            self.ctx,
            entry.lease_id,
            entry.team_id,
            self._lease_text(entry),
            entry.ends_on,
            entry.monthly_rent or 0,
            parent=self,
        )
        self.dialog.open()

    def handover(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.lease_id is None:
            return
        self.dialog = HandoverDialog(
            self.ctx, entry.lease_id, entry.team_id, self._lease_text(entry), parent=self
        )
        self.dialog.open()
