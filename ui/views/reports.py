"""Reports: the summary, tenants and incubator reports with their charts, and policy matching.

Both are read off the GUI thread (the background runner, with progress and Cancel); the tables
shown are the ones the files are written from (:mod:`aitown.services.reports`,
:mod:`aitown.services.policy_matching`), and the shared export bar writes them as .xlsx or .pdf.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aitown.models import BENEFITS
from aitown.services.list_export import REPORT_FORMATS, Table
from aitown.services.policy_matching import (
    MatchVerdict,
    PolicyMatch,
    matches_table,
    unclaimed_matches,
)
from aitown.services.reports import ReportKind, build_report
from ui.context import DeskContext
from ui.labels import benefit_label
from ui.tasks import TaskControl, run_task
from ui.widgets.flow_layout import flow_row
from ui.widgets.form import add_labelled
from ui.widgets.list_export import ListExportBar
from ui.widgets.table_view import ReportChart, fill_table, report_table

TEAM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Above a chart, a report's table shows this many rows before it scrolls.
FIT_ROWS = 13
# Policy matching lists the sure answers first.
VERDICT_ORDER = {
    MatchVerdict.ELIGIBLE: 0,
    MatchVerdict.MISSING_ONE: 1,
    MatchVerdict.ON_APPLICATION: 2,
}


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class ReportsPage(QWidget):
    """Choose a report and its period; see its tables and charts; export or print it."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tables: list[Table] = []
        self.kind = QComboBox()
        self.kind.setObjectName("reports_kind")
        self.kind.addItem(self.tr("Summary per benefit (汇总表)"), ReportKind.SUMMARY)
        self.kind.addItem(self.tr("Tenants and occupancy"), ReportKind.TENANTS)
        self.kind.addItem(self.tr("Incubator statistics"), ReportKind.INCUBATOR)
        today = dt.date.today()
        self.date_from = QDateEdit(_qdate(dt.date(today.year, 1, 1)))
        self.date_to = QDateEdit(_qdate(today))
        for edit, name in ((self.date_from, "reports_from"), (self.date_to, "reports_to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setObjectName("reports_show")
        self.show_button.clicked.connect(self.load)
        self.export_bar = ListExportBar(
            ctx,
            "report",
            lambda: partial(
                build_report,
                ctx.db,
                ctx.actor,
                self.kind.currentData(),
                _day(self.date_from),
                _day(self.date_to),
            ),
            formats=REPORT_FORMATS,
            action="report.export",
            suggested="report",
            report=True,
        )
        parts = [QHBoxLayout(), QHBoxLayout(), QHBoxLayout()]
        add_labelled(parts[0], self.tr("&Report:"), self.kind)
        add_labelled(parts[1], self.tr("Fro&m:"), self.date_from)
        add_labelled(parts[2], self.tr("&To:"), self.date_to)
        # One line at 1366 px; at 1024 px the export buttons take a second line.
        top = QVBoxLayout()
        top.addWidget(flow_row(*parts, self.show_button, self.export_bar, last_right=True))
        self.sections = QTabWidget()
        self.sections.setObjectName("reports_sections")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.sections, 1)
        self.kind.currentIndexChanged.connect(self.load)

    def load(self) -> None:
        kind, start, end = self.kind.currentData(), _day(self.date_from), _day(self.date_to)
        ctx, lang = self.ctx, "zh" if self.ctx.is_chinese else "en"

        def work(control: TaskControl) -> list[Table]:
            return build_report(ctx.db, ctx.actor, kind, start, end, lang=lang)

        run_task(self, work, self._show, label=self.tr("Counting…"))

    def _show(self, tables: object) -> None:
        assert isinstance(tables, list)
        self.tables = tables
        lang = "zh" if self.ctx.is_chinese else "en"
        while self.sections.count():
            old = self.sections.widget(0)
            self.sections.removeTab(0)
            if old is not None:
                old.deleteLater()
        for table in self.tables:
            page = QWidget()
            box = QVBoxLayout(page)
            for note in table.notes(lang):
                label = QLabel(note)
                label.setWordWrap(True)
                box.addWidget(label)
            grid = report_table()
            fill_table(grid, table, lang)
            if table.charts:  # the table as tall as its rows (up to a screenful), then the charts
                shown = min(grid.rowCount(), FIT_ROWS)
                height = grid.horizontalHeader().sizeHint().height() + 6
                height += sum(grid.rowHeight(r) for r in range(shown))
                grid.setFixedHeight(height)
                box.addWidget(grid)
            else:
                box.addWidget(grid, 1)
            for spec in table.charts:
                chart = ReportChart()
                chart.setMinimumHeight(300)
                chart.set_chart(spec, lang)
                box.addWidget(chart)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.sections.addTab(scroll, table.title(lang))

    def grids(self) -> list[QTableWidget]:
        """The tables shown, in tab order."""
        pages = [self.sections.widget(i) for i in range(self.sections.count())]
        return [g for p in pages if p is not None for g in p.findChildren(QTableWidget)]

    def charts(self) -> list[ReportChart]:
        """The charts shown, in tab order."""
        pages = [self.sections.widget(i) for i in range(self.sections.count())]
        return [c for p in pages if p is not None for c in p.findChildren(ReportChart)]


class MatchingPage(QWidget):
    """Policy matching (政策匹配): teams that could claim a benefit they have not applied for."""

    team_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.matches: list[PolicyMatch] = []
        self.day = dt.date.today()
        self.benefit = QComboBox()
        self.benefit.setObjectName("matching_benefit")
        self.benefit.addItem(self.tr("All benefits"), None)
        for kind in BENEFITS:
            self.benefit.addItem(benefit_label(kind), kind)
        self.find_button = QPushButton(self.tr("Find &teams"))
        self.find_button.setObjectName("matching_find")
        self.find_button.clicked.connect(self.load)
        self.open_button = QPushButton(self.tr("&Open team"))
        self.open_button.setObjectName("matching_open")
        self.open_button.clicked.connect(self.open_team)
        self.count = QLabel(
            self.tr("Find the teams eligible now for a benefit they have not applied for.")
        )
        self.count.setObjectName("matching_count")
        self.count.setWordWrap(True)
        lang = "zh" if ctx.is_chinese else "en"
        self.export_bar = ListExportBar(
            ctx,
            "policy_matching",
            lambda: partial(self._table_of, list(self.matches), self.day),
        )
        top = QHBoxLayout()
        add_labelled(top, self.tr("&Benefit:"), self.benefit)
        top.addWidget(self.find_button)
        top.addStretch(1)
        top.addWidget(self.export_bar)
        self.table = report_table()
        self.table.setObjectName("matching_table")
        self.table.doubleClicked.connect(lambda _index: self.open_team())
        self.table.itemSelectionChanged.connect(self._update_open)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        fill_table(self.table, matches_table([], lang=lang), lang)
        self._update_open()

    @staticmethod
    def _table_of(matches: list[PolicyMatch], day: dt.date, *, lang: str = "en") -> Table:
        return matches_table(matches, lang=lang, day=day)

    def load(self) -> None:
        ctx, benefit = self.ctx, self.benefit.currentData()
        day = dt.date.today()

        def work(control: TaskControl) -> list[PolicyMatch]:
            found = []
            for match in unclaimed_matches(
                ctx.db,
                ctx.actor,
                benefit=benefit,
                today=day,
                progress=control.progress,
                cancel=lambda: control.cancelled,
            ):
                found.append(match)
            control.check()
            return found

        def done(found: object) -> None:
            assert isinstance(found, list)
            # Stable: within a verdict, team by team as the engine answered.
            self.matches = sorted(found, key=lambda m: VERDICT_ORDER[m.verdict])
            self.day = day
            self._show()

        run_task(self, work, done, label=self.tr("Checking every team…"))

    def _show(self) -> None:
        lang = "zh" if self.ctx.is_chinese else "en"
        fill_table(self.table, matches_table(self.matches, lang=lang, day=self.day), lang)
        for row, match in enumerate(self.matches):
            item = self.table.item(row, 0)
            if item is not None:
                item.setData(TEAM_ID_ROLE, match.team_id)
        self.count.setText(self.tr("%n benefit(s) to claim", "", len(self.matches)))
        self._update_open()

    def _update_open(self) -> None:
        """Open team needs a row: without one it is disabled."""
        self.open_button.setEnabled(0 <= self.table.currentRow() < len(self.matches))

    def open_team(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.matches):
            self.team_activated.emit(self.matches[row].team_id)


class ReportsView(QWidget):
    """The Reports screen: reports and policy matching, each on its tab."""

    team_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel(self.tr("Reports"))
        title.setObjectName("screenTitle")
        self.reports = ReportsPage(ctx)
        self.matching = MatchingPage(ctx)
        self.matching.team_activated.connect(self.team_activated)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reports_tabs")
        self.tabs.addTab(self.reports, self.tr("Reports"))
        self.tabs.addTab(self.matching, self.tr("Policy matching (政策匹配)"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.reports.load()
