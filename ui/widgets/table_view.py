"""A report's table and its charts on screen: the same :class:`Table` the files are written from.

Values are shown as :func:`aitown.services.list_export.cell_text` formats them (money and areas
from integer hundredths); the charts draw the report's own :class:`Chart` figures with QtCharts.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from aitown.services.list_export import Chart, ColumnKind, Table, cell_text

SERIES_COLOURS = ("#1f6fb2", "#e08a1e", "#3a9d5d", "#b23a48", "#7a5195", "#5c6770")
NUMERIC = (ColumnKind.INT, ColumnKind.MONEY, ColumnKind.AREA, ColumnKind.PERCENT)


def fill_table(widget: QTableWidget, table: Table, lang: str) -> None:
    """Show ``table`` (with its totals row) in ``widget``."""
    widget.clear()
    widget.setColumnCount(len(table.columns))
    widget.setHorizontalHeaderLabels([c.header(lang) for c in table.columns])
    rows = list(table.rows)
    total = table.total_row()
    widget.setRowCount(len(rows) + (1 if total is not None else 0))
    for r, row in enumerate(rows):
        for c, (col, value) in enumerate(zip(table.columns, row, strict=True)):
            widget.setItem(r, c, _item(cell_text(col, value, lang), col.kind in NUMERIC))
    if total is not None:
        cells = [cell_text(col, v, lang) for col, v in zip(table.columns, total, strict=True)]
        cells[0] = "合计" if lang == "zh" else "Total"
        for c, (col, text) in enumerate(zip(table.columns, cells, strict=True)):
            item = _item(text, col.kind in NUMERIC)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            widget.setItem(len(rows), c, item)
    widget.resizeColumnsToContents()


def _item(text: str, numeric: bool) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if numeric:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def report_table(parent: QWidget | None = None) -> QTableWidget:
    widget = QTableWidget(parent)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setAlternatingRowColors(True)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Columns as wide as their figures: a stretched last column pushed its numbers to the far
    # right, away from their row's name.
    widget.horizontalHeader().setStretchLastSection(False)
    return widget


class ReportChart(QChartView):
    """A bar or line chart of a report's figures."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.spec: Chart | None = None

    def set_chart(self, spec: Chart, lang: str) -> None:
        self.spec = spec
        chart = QChart()
        chart.setTitle(spec.title_zh if lang == "zh" else spec.title_en)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        axis_x = QBarCategoryAxis()
        axis_x.append(list(spec.categories))
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%.0f")
        top = max((v for _en, _zh, values in spec.series for v in values), default=0.0)
        axis_y.setRange(0, top * 1.05 if top > 0 else 1)
        axis_y.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        if spec.kind == "line":
            for i, (en, zh, values) in enumerate(spec.series):
                line = QLineSeries()
                line.setName(zh if lang == "zh" else en)
                for x, v in enumerate(values):
                    line.append(x, v)
                line.setColor(QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)]))
                chart.addSeries(line)
                line.attachAxis(axis_x)
                line.attachAxis(axis_y)
        else:
            bars = QBarSeries()
            for i, (en, zh, values) in enumerate(spec.series):
                bar_set = QBarSet(zh if lang == "zh" else en)
                bar_set.append(list(values))
                bar_set.setColor(QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)]))
                bars.append(bar_set)
            chart.addSeries(bars)
            bars.attachAxis(axis_x)
            bars.attachAxis(axis_y)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
