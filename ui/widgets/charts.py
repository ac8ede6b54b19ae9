"""The dashboard's charts (QtCharts): pools used and left, applications by status, occupancy.

Chart values are qreal (float): that is what QtCharts draws with. They are only lengths of bars;
every amount a person reads (labels, tooltips) is formatted from the integer fen.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalPercentBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from aitown.money import format_yuan
from aitown.services.dashboard import Occupancy, PoolUsage
from ui.labels import application_status_label, benefit_label

COMMITTED_COLOR = "#e0a100"
DISBURSED_COLOR = "#2c6fb0"
LEFT_COLOR = "#9ccc9c"
LEASED_COLOR = "#2c6fb0"
VACANT_COLOR = "#d5d9de"
RESERVED_COLOR = "#b7791f"  # the unit board's colours for the desk's holds
REPAIR_COLOR = "#b42318"


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(4)
    chart.setMargins(QMargins(4, 4, 4, 4))
    font = chart.titleFont()
    font.setBold(True)
    chart.setTitleFont(font)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


class _View(QChartView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)


class PoolsChart(_View):
    """Each pool as one bar of committed, disbursed and left, stacked to its total.

    The bars are stacked as shares of each pool's total, because the pools differ sixty-fold
    (600 million for compute vouchers, 30 million for start-up grants) and absolute bars would hide
    the small ones; the exact yuan of each part is in the tooltip and on the Budget screen.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pools: list[PoolUsage] = []
        self.setObjectName("dashboard_pools_chart")
        self.setChart(_chart(self.tr("Budget pools: committed, disbursed and left")))

    def set_pools(self, pools: list[PoolUsage]) -> None:
        self.pools = list(pools)
        chart = _chart(self.tr("Budget pools: committed, disbursed and left"))
        series = QHorizontalPercentBarSeries()
        parts = (
            (self.tr("committed"), COMMITTED_COLOR, "committed"),
            (self.tr("disbursed"), DISBURSED_COLOR, "disbursed"),
            (self.tr("left"), LEFT_COLOR, "left"),
        )
        for label, color, key in parts:
            bar_set = QBarSet(label)
            bar_set.setColor(QColor(color))
            bar_set.setBorderColor(QColor(color))
            for pool in reversed(self.pools):  # horizontal bars go upwards: first pool on top
                bar_set.append(float(getattr(pool, key)) / 100)
            bar_set.hovered.connect(
                lambda state, index, k=key, lbl=label: self._hover(state, index, k, lbl)
            )
            series.append(bar_set)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([benefit_label(p.kind) for p in reversed(self.pools)])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        percent = QValueAxis()
        percent.setRange(0, 100)
        percent.setLabelFormat("%d %%")
        percent.setTickCount(6)
        chart.addAxis(percent, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(percent)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()

    def tooltip(self, index: int, key: str, label: str) -> str:
        """The exact yuan of one part of one bar (``index`` counts bars from the bottom)."""
        pool = self.pools[len(self.pools) - 1 - index]
        return self.tr("{pool}: {part} {amount} yuan of {total} yuan").format(
            pool=benefit_label(pool.kind),
            part=label,
            amount=format_yuan(getattr(pool, key)),
            total=format_yuan(pool.total),
        )

    def _hover(self, state: bool, index: int, key: str, label: str) -> None:
        if state and 0 <= index < len(self.pools):
            QToolTip.showText(QCursor.pos(), self.tooltip(index, key, label), self)
        else:
            QToolTip.hideText()


class StatusChart(_View):
    """How many applications are in each status."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts: dict[str, int] = {}
        self.setObjectName("dashboard_status_chart")
        self.setChart(_chart(self.tr("Applications by status")))

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        chart = _chart(self.tr("Applications by status"))
        chart.legend().hide()
        bar_set = QBarSet(self.tr("applications"))
        bar_set.setColor(QColor(DISBURSED_COLOR))
        statuses = list(self.counts)
        for status in reversed(statuses):  # the first status at the top
            bar_set.append(float(self.counts[status]))
        bar_set.setLabelColor(QColor("#222"))
        # Horizontal bars: status names in Chinese and English fit beside them, not under them.
        series = QHorizontalBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([application_status_label(s) for s in reversed(statuses)])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values = QValueAxis()
        top = max([*self.counts.values(), 1])
        values.setRange(0, top + max(1, top // 5))
        values.setLabelFormat("%d")
        values.applyNiceNumbers()
        span = int(values.max())
        if span < values.tickCount() - 1:  # few: a tick per whole number, not "0 0 1 1 2"
            values.setTickCount(span + 1)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()


class OccupancyChart(_View):
    """Units leased today against units vacant."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.occupancy = Occupancy(0, 0)
        self.setObjectName("dashboard_occupancy_chart")
        self.setChart(_chart(self.tr("Occupancy of the units")))

    def set_occupancy(self, occupancy: Occupancy) -> None:
        self.occupancy = occupancy
        chart = _chart(
            self.tr("Occupancy: {leased} of {total} units leased").format(
                leased=occupancy.leased, total=occupancy.total
            )
        )
        series = QPieSeries()
        series.setHoleSize(0.45)
        slices = [(self.tr("leased"), occupancy.leased, LEASED_COLOR)]
        # The desk's holds only when some unit is in one today (the legend stays short).
        if occupancy.reserved:
            slices.append((self.tr("reserved"), occupancy.reserved, RESERVED_COLOR))
        if occupancy.repair:
            slices.append((self.tr("under repair"), occupancy.repair, REPAIR_COLOR))
        slices.append((self.tr("vacant"), occupancy.vacant, VACANT_COLOR))
        for label, count, color in slices:
            pie_slice = series.append(f"{label} ({count})", float(count))
            pie_slice.setColor(QColor(color))
            pie_slice.setBorderColor(QColor("white"))
        chart.addSeries(series)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()
