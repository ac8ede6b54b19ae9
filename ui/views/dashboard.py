"""The Dashboard: pools used and left, applications by status, waivers ending soon, occupancy."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import ApplicationStatus
from aitown.errors import DeskError
from aitown.services.dashboard import WAIVER_WINDOW_DAYS, DashboardData, dashboard_data
from ui import messages
from ui.changes import Entity, subscribe
from ui.context import DeskContext
from ui.views.sync import pool_scope_text
from ui.widgets.charts import OccupancyChart, PoolsChart, StatusChart

CARD_STYLE = (
    "QFrame#dashboardCard { background: palette(base); border: 1px solid palette(mid);"
    " border-radius: 6px; }"
)
TEAM_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Card(QFrame):
    """A number with a caption (“5 applications waiting for review”)."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dashboardCard")
        self.setStyleSheet(CARD_STYLE)
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


class LeasesEndingCard(Card):
    """Three numbers — leases ending within 30, 60 and 90 days — each a link to that list."""

    window_chosen = Signal(int)

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(caption, parent)
        self.value.setObjectName("dashboard_leases_ending")
        self.value.setTextFormat(Qt.TextFormat.RichText)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.value.linkActivated.connect(lambda days: self.window_chosen.emit(int(days)))
        self.counts: dict[int, int] = {}

    def set_counts(self, counts: dict[int, int]) -> None:
        self.counts = dict(counts)
        links = [
            f'<a href="{days}" style="text-decoration:none">{count}</a>'
            for days, count in sorted(counts.items())
        ]
        self.value.setText(" / ".join(links) if links else "—")


class DashboardView(QWidget):
    team_activated = Signal(int)
    leases_window_chosen = Signal(int)  # days: show the leases ending within them

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: DashboardData | None = None

        title = QLabel(self.tr("Dashboard"))
        title.setObjectName("screenTitle")
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("dashboard_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.refresh_button)
        self.pool_scope = QLabel()  # city or district: whose money the pools are (ui/views/sync.py)
        self.pool_scope.setObjectName("dashboard_pool_scope")
        self.pool_scope.setWordWrap(True)

        self.waiting_card = Card(self.tr("applications waiting for review"))
        self.approved_card = Card(self.tr("approved, not yet paid"))
        self.occupancy_card = Card(self.tr("units leased"))
        self.waivers_card = Card(
            self.tr("rent waivers ending in the next {days} days").format(days=WAIVER_WINDOW_DAYS)
        )
        # Leases ending in 30 / 60 / 90 days; each number opens that list (issue 14).
        self.leases_card = LeasesEndingCard(self.tr("leases ending in 30 / 60 / 90 days"))
        self.leases_card.window_chosen.connect(self.leases_window_chosen)
        cards = QHBoxLayout()
        for card in (
            self.waiting_card,
            self.approved_card,
            self.occupancy_card,
            self.waivers_card,
            self.leases_card,
        ):
            cards.addWidget(card, 1)

        self.pools_chart = PoolsChart()
        self.status_chart = StatusChart()
        self.occupancy_chart = OccupancyChart()

        self.waivers = QTableWidget(0, 4)
        self.waivers.setObjectName("dashboard_waivers")
        self.waivers.setHorizontalHeaderLabels(
            [self.tr("Team"), self.tr("Unit"), self.tr("Waiver ends"), self.tr("Days left")]
        )
        self.waivers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.waivers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.waivers.verticalHeader().hide()
        self.waivers.setAlternatingRowColors(True)
        header = self.waivers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.waivers.itemActivated.connect(self._waiver_activated)
        self.no_waivers = QLabel(
            self.tr("No rent waiver ends in the next {days} days.").format(days=WAIVER_WINDOW_DAYS)
        )
        self.no_waivers.setObjectName("dashboard_no_waivers")
        self.no_waivers.setAlignment(Qt.AlignmentFlag.AlignCenter)
        waiver_box = QGroupBox(
            self.tr("Rent waivers ending in the next {days} days").format(days=WAIVER_WINDOW_DAYS)
        )
        box_layout = QVBoxLayout(waiver_box)
        box_layout.addWidget(self.waivers)
        box_layout.addWidget(self.no_waivers)

        grid = QGridLayout()
        grid.addWidget(self.pools_chart, 0, 0)
        grid.addWidget(self.status_chart, 0, 1)
        grid.addWidget(waiver_box, 1, 0)
        grid.addWidget(self.occupancy_chart, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.pool_scope)
        layout.addLayout(cards)
        layout.addLayout(grid, 1)

        subscribe(
            ctx.changes,
            self,
            (Entity.APPLICATION, Entity.POOL, Entity.SPACE, Entity.LEASE, Entity.TEAM),
            self.refresh,
        )
        self.refresh()

    def refresh(self) -> None:
        """Read the numbers again (each time the screen is shown, and after changes)."""
        try:
            data = dashboard_data(self.ctx.db)
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return
        self.show_data(data)
        scope = pool_scope_text(self.ctx)
        self.pool_scope.setText(scope)
        self.pool_scope.setVisible(bool(scope))

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        self.waiting_card.set_value(str(data.waiting))
        self.approved_card.set_value(str(data.by_status.get(ApplicationStatus.APPROVED, 0)))
        self.occupancy_card.set_value(f"{data.occupancy.leased} / {data.occupancy.total}")
        self.waivers_card.set_value(str(len(data.waivers_ending)))
        self.leases_card.set_counts(data.leases_ending)
        self.pools_chart.set_pools(data.pools)
        self.status_chart.set_counts(data.by_status)
        self.occupancy_chart.set_occupancy(data.occupancy)

        self.waivers.setRowCount(len(data.waivers_ending))
        for r, waiver in enumerate(data.waivers_ending):
            days = waiver.days_left(data.today)
            cells = (
                waiver.team_name,
                f"{waiver.building} {waiver.unit}".strip(),
                waiver.ends_on.isoformat(),
                self.tr("%n day(s)", "", days),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(TEAM_ID_ROLE, waiver.team_id)
                if c == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.waivers.setItem(r, c, item)
        has_waivers = bool(data.waivers_ending)
        self.waivers.setVisible(has_waivers)
        self.no_waivers.setVisible(not has_waivers)

    def _waiver_activated(self, item: QTableWidgetItem) -> None:
        team_id = item.data(TEAM_ID_ROLE)
        if team_id is not None:
            self.team_activated.emit(int(team_id))
