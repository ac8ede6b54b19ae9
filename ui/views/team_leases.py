"""The Leases tab of a team's detail: a timeline of its leases with the rent waiver on it.

The waiver schedules come from ``aitown.services.rent_waivers.rent_waiver_schedules(db, team_id)
-> {lease_id: RentWaiverSchedule}``: the waivers a team holds (approved rent-waiver applications).
A lease without one shows a dash in the "Rent waived" column.
"""

from __future__ import annotations

import logging

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

from aitown.errors import DeskError
from aitown.models import Lease
from aitown.policy.rent_waiver import RentWaiverSchedule, WaiverRow
from aitown.services.leases import team_leases
from aitown.services.rent_waivers import rent_waiver_schedules
from ui.context import DeskContext
from ui.dialogs.lease_form import EndLeaseDialog, LeaseFormDialog
from ui.dialogs.tenancy_forms import HandoverDialog, RenewLeaseDialog
from ui.models.leases_model import LeasesModel, lease_state
from ui.widgets.lease_timeline import LeaseTimeline, TimelineBar, WaiverBand

log = logging.getLogger(__name__)


def rows_by_lease(schedules: dict[int, RentWaiverSchedule]) -> dict[int, list[WaiverRow]]:
    """The waived months under the lease each falls in: a waiver continued on a renewal draws
    its later months on the renewal's bar (issue 14)."""
    out: dict[int, list[WaiverRow]] = {}
    for lease_id, schedule in schedules.items():
        for row in schedule.rows:
            out.setdefault(row.lease_id if row.lease_id is not None else lease_id, []).append(row)
    return out


def waiver_bands(schedule: RentWaiverSchedule | list[WaiverRow] | None) -> list[WaiverBand]:
    """Merge a schedule's months into bands of equal ratio, for the timeline."""
    bands: list[WaiverBand] = []
    rows = schedule.rows if isinstance(schedule, RentWaiverSchedule) else (schedule or [])
    for row in rows:
        if not row.waived_fen:
            continue
        ratio = float(row.ratio)
        if bands and bands[-1].ratio == ratio:
            bands[-1].end = row.period_end
        else:
            bands.append(WaiverBand(row.period_start, row.period_end, ratio))
    return bands


class TeamLeasesTab(QWidget):
    def __init__(
        self, ctx: DeskContext, team_id: int, team_name: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.team_name = team_name
        self.timeline = LeaseTimeline()
        self.model = LeasesModel(self)
        self.table = QTableView()
        self.table.setObjectName("team_leases_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.waiver_note = QLabel()
        self.waiver_note.setWordWrap(True)
        legend = QLabel(
            self.tr(
                "Blue: leased · grey: ended early · dark green: rent waived in full · light green: half waived · red line: today"
            )
        )
        legend.setWordWrap(True)

        self.lease_button = QPushButton(self.tr("Lease a &unit…"))
        self.end_button = QPushButton(self.tr("En&d lease early…"))
        # Renewal and the move-in/move-out records (issue 14).
        self.renew_button = QPushButton(self.tr("Rene&w…"))
        self.renew_button.setObjectName("team_lease_renew")
        self.handover_button = QPushButton(self.tr("Hand-o&ver…"))
        self.handover_button.setObjectName("team_lease_handover")
        for button in (self.lease_button, self.end_button, self.renew_button, self.handover_button):
            button.setVisible(ctx.can("lease.edit"))
        self.lease_button.clicked.connect(self.lease_unit)
        self.end_button.clicked.connect(self.end_selected)
        self.renew_button.clicked.connect(self.renew_selected)
        self.handover_button.clicked.connect(self.handover_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.waiver_note, 1)
        buttons.addWidget(self.handover_button)
        buttons.addWidget(self.renew_button)
        buttons.addWidget(self.end_button)
        buttons.addWidget(self.lease_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.timeline)
        layout.addWidget(legend)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.dialog: QWidget | None = None
        self.reload()

    def schedules(self) -> dict[int, RentWaiverSchedule]:
        try:
            return dict(rent_waiver_schedules(self.ctx.db, self.team_id))
        except DeskError as exc:
            self.waiver_note.setText(self.ctx.message(exc))
        return {}

    def reload(self) -> None:
        leases = team_leases(self.ctx.db, self.team_id)
        schedules = self.schedules()
        self.model.set_rows(leases, {lid: s.total_fen for lid, s in schedules.items()})
        by_lease = rows_by_lease(schedules)
        bars = [
            TimelineBar(
                f"{ls.space.building} {ls.space.unit}",
                ls.start_on,
                ls.last_day,
                ls.end_on,
                waiver_bands(by_lease.get(ls.id)),
            )
            for ls in leases
        ]
        self.timeline.set_bars(bars, self.tr("No leases yet."))

    def selected_lease(self) -> Lease | None:
        return self.model.lease(self.table.currentIndex().row())

    def lease_unit(self) -> None:
        self.dialog = LeaseFormDialog(self.ctx, team=(self.team_id, self.team_name), parent=self)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()

    def end_selected(self) -> None:
        lease = self.selected_lease()
        if lease is None or lease_state(lease) == "past":
            return
        text = self.tr("Lease of {unit} from {start} to {end}.").format(
            unit=f"{lease.space.building} {lease.space.unit}",
            start=lease.start_on,
            end=lease.end_on,
        )
        self.dialog = EndLeaseDialog(self.ctx, lease.id, self.team_id, text, parent=self)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()

    def _lease_text(self, lease: Lease) -> str:
        return self.tr("Lease of {unit} from {start} to {end}.").format(
            unit=f"{lease.space.building} {lease.space.unit}",
            start=lease.start_on,
            end=lease.last_day,
        )

    def renew_selected(self) -> None:
        lease = self.selected_lease()
        if lease is None:
            return
        self.dialog = RenewLeaseDialog(
            self.ctx,
            lease.id,
            self.team_id,
            self._lease_text(lease),
            lease.last_day,
            lease.monthly_rent,
            parent=self,
        )
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()

    def handover_selected(self) -> None:
        lease = self.selected_lease()
        if lease is None:
            return
        self.dialog = HandoverDialog(
            self.ctx, lease.id, self.team_id, self._lease_text(lease), parent=self
        )
        self.dialog.open()
