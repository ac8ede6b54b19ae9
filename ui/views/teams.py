"""The Teams screen: search as you type, filters, a server-sorted table that scales to 100,000 rows."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aitown.models import TEAM_STATUSES
from aitown.services.list_export import Table
from aitown.services.teams import TeamQuery, distinct_values
from ui.changes import Entity, subscribe
from ui.context import DeskContext
from ui.labels import focus_label, status_label
from ui.models.teams_model import (
    COL_AI_FOCUS,
    COL_DISTRICT,
    COL_FOUNDED,
    COL_HEADCOUNT,
    COL_LEGAL_REP,
    COL_NAME_EN,
    COL_NAME_ZH,
    COL_STATUS,
    COL_USCC,
    HEADERS,
    TeamsModel,
)
from ui.widgets.form import add_labelled
from ui.widgets.list_export import ListExportBar
from ui.widgets.list_table import list_table

SEARCH_DELAY_MS = 150
# Fixed widths that fit 1366×768 in both languages; the English name takes what is left.
COLUMN_WIDTHS = {
    COL_NAME_ZH: 190,
    COL_USCC: 165,
    COL_LEGAL_REP: 130,
    COL_FOUNDED: 90,
    COL_DISTRICT: 85,
    COL_HEADCOUNT: 80,
    COL_AI_FOCUS: 160,
    COL_STATUS: 80,
}


def export_teams(ctx: DeskContext, query: TeamQuery, *, lang: str = "en") -> Table:
    """The Teams screen's list as exported (its filters and sort)."""
    # Imported here: the list module brings the policy, pools and offices with it, a tenth of a
    # second of the start that only an export needs.
    from aitown.services.list_tables import teams_table

    return teams_table(ctx.db, ctx.actor, query, lang=lang)


class TeamsView(QWidget):
    """Lists teams; emits ``team_activated(id)`` on double-click or Enter."""

    team_activated = Signal(int)
    new_team_requested = Signal()
    import_requested = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = TeamsModel(ctx.db, ctx.lang, self, sort=HEADERS[COL_NAME_ZH][0])

        self.search = QLineEdit()
        self.search.setObjectName("teams_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search by name, credit code or legal representative (Ctrl+F)")
        )
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("teams_status_filter")
        self.district_filter = QComboBox()
        self.district_filter.setObjectName("teams_district_filter")
        self.focus_filter = QComboBox()
        self.focus_filter.setObjectName("teams_focus_filter")
        self.clear_button = QPushButton(self.tr("C&lear filters"))
        self.fill_filters()

        filters = QHBoxLayout()
        add_labelled(filters, self.tr("&Search:"), self.search, 3)
        add_labelled(filters, self.tr("S&tatus:"), self.status_filter, 1)
        add_labelled(filters, self.tr("&District:"), self.district_filter, 1)
        add_labelled(filters, self.tr("AI f&ocus:"), self.focus_filter, 1)
        filters.addWidget(self.clear_button)

        self.table = list_table("teams_table", self.model)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        for col, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_NAME_EN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        # The indicator first: enabling sorting sorts by it at once (Qt's default is the first
        # column descending, a page read for nothing), and the model already reads by it.
        header.setSortIndicator(COL_NAME_ZH, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # A new order starts at the top too (see apply_filters).
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._back_to_top)

        self.new_button = QPushButton(self.tr("&New team…"))
        self.new_button.setObjectName("teams_new")
        self.new_button.setVisible(ctx.can("team.edit"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setObjectName("teams_import")
        self.import_button.setVisible(ctx.can("team.import"))
        self.open_button = QPushButton(self.tr("O&pen"))
        self.count_label = QLabel()
        self.count_label.setObjectName("teams_count")

        self.export_bar = ListExportBar(
            ctx, "teams", lambda: partial(export_teams, ctx, self.model.query)
        )
        self.export_bar.setVisible(ctx.can("team.export"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.export_bar)
        bottom.addStretch(1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.new_button)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Teams"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.status_filter, self.district_filter, self.focus_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        # Enter on a row, or a double-click (the platform's "activate"), opens the team.
        self.table.activated.connect(self._activated)
        self.open_button.clicked.connect(self.open_current)
        self.new_button.clicked.connect(self.new_team_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.model.modelReset.connect(self._update_count)
        # From the search box, Enter or Down goes to the results (the first row selected).
        self.search.returnPressed.connect(self.go_to_results)
        self.search.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_open())
        self.model.modelReset.connect(self._update_open)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)
        subscribe(
            ctx.changes,
            self,
            (
                Entity.TEAM,
                Entity.MEMBER,
            ),
            self.refresh,
        )
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.district_filter)
        self.setTabOrder(self.district_filter, self.focus_filter)
        self.setTabOrder(self.focus_filter, self.clear_button)
        self.setTabOrder(self.clear_button, self.table)
        self._update_count()
        self._update_open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
        ):
            self.go_to_results()
            return True
        return super().eventFilter(watched, event)

    def go_to_results(self) -> None:
        """Search now (not after the typing pause) and put the keyboard on the first result."""
        if self._timer.isActive() or self.model.query.text != self.search.text():
            self.apply_filters()
        if self.model.rowCount() == 0:
            return
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.selectRow(self.table.currentIndex().row())
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_open(self) -> None:
        """Open needs a row: without one it is disabled and says why."""
        has_row = self.table.currentIndex().isValid()
        self.open_button.setEnabled(has_row)
        self.open_button.setToolTip("" if has_row else self.tr("Choose a team in the list first."))

    # --- filters --------------------------------------------------------------------------------

    def fill_filters(self) -> None:
        """(Re)fill the filter combos from the values the teams actually have."""
        for combo in (self.status_filter, self.district_filter, self.focus_filter):
            combo.blockSignals(True)
        keep = (
            self.status_filter.currentData(),
            self.district_filter.currentData(),
            self.focus_filter.currentData(),
        )
        self.status_filter.clear()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in TEAM_STATUSES:
            self.status_filter.addItem(status_label(status), status)
        self.district_filter.clear()
        self.district_filter.addItem(self.tr("All districts"), None)
        for district in distinct_values(self.ctx.db, "district"):
            self.district_filter.addItem(district, district)
        self.focus_filter.clear()
        self.focus_filter.addItem(self.tr("All AI focus"), None)
        for focus in distinct_values(self.ctx.db, "ai_focus"):
            self.focus_filter.addItem(focus_label(focus), focus)
        for combo, value in zip(
            (self.status_filter, self.district_filter, self.focus_filter), keep, strict=True
        ):
            at = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)

    def _back_to_top(self, *_: object) -> None:
        self.table.scrollToTop()

    def apply_filters(self) -> None:
        """Ask the database for the teams matching the search text and the filters."""
        self._timer.stop()
        query = replace(
            self.model.query,
            text=self.search.text(),
            status=self.status_filter.currentData(),
            district=self.district_filter.currentData(),
            ai_focus=self.focus_filter.currentData(),
        )
        # New results start at the top. Left where it was, a view scrolled to the end of a
        # million teams would ask the new query for its last rows (and the exact count of an
        # estimate) before anything else: seconds, for a keystroke.
        self.table.scrollToTop()
        self.model.set_query(query)

    def clear_filters(self) -> None:
        for combo in (self.status_filter, self.district_filter, self.focus_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()
        self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self.fill_filters()
        self.model.reload()

    def _update_count(self) -> None:
        if self.model.count_exact:
            self.count_label.setText(self.tr("%n team(s)", "", self.model.rowCount()))
        else:  # a text most of a city's teams contain: counted when scrolled to the end
            self.count_label.setText(self.tr("about %n team(s)", "", self.model.rowCount()))

    # --- opening --------------------------------------------------------------------------------

    def current_team_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.team_id(index.row()) if index.isValid() else None

    def select_team(self, team_id: int) -> None:
        row = self.model.row_of_team(team_id)
        if row is not None:
            self.table.selectRow(row)

    def _activated(self, index: QModelIndex) -> None:
        team_id = self.model.team_id(index.row())
        if team_id is not None:
            self.team_activated.emit(team_id)

    def open_current(self) -> None:
        team_id = self.current_team_id()
        if team_id is not None:
            self.team_activated.emit(team_id)
