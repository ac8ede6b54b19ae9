"""A small timeline: one bar per lease along the calendar, the rent-waiver months shaded on it,
and a line for today. It only draws what it is given (plain values), never reads the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW_HEIGHT = 30
LABEL_WIDTH = 150
AXIS_HEIGHT = 22
MARGIN = 8

LEASE_COLOR = QColor("#9fb7d9")
ENDED_COLOR = QColor("#c9cfd6")
WAIVER_FULL = QColor("#2e8b57")
WAIVER_PART = QColor("#8fd19e")
TODAY_COLOR = QColor("#c0392b")


@dataclass
class WaiverBand:
    """Days of a lease whose rent is waived at ``ratio`` (1 = all of it)."""

    start: dt.date
    end: dt.date
    ratio: float


@dataclass
class TimelineBar:
    label: str
    start: dt.date
    end: dt.date  # the last day (an early end already applied)
    planned_end: dt.date
    waiver: list[WaiverBand] = field(default_factory=list)


class LeaseTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[TimelineBar] = []
        self.today = dt.date.today()
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(AXIS_HEIGHT + ROW_HEIGHT + 2 * MARGIN)

    def set_bars(self, bars: list[TimelineBar], empty_text: str = "") -> None:
        self.bars = bars
        self.empty_text = empty_text
        self.setFixedHeight(AXIS_HEIGHT + max(1, len(bars)) * ROW_HEIGHT + 2 * MARGIN)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, AXIS_HEIGHT + max(1, len(self.bars)) * ROW_HEIGHT + 2 * MARGIN)

    def _range(self) -> tuple[dt.date, dt.date]:
        first = min([b.start for b in self.bars] + [self.today])
        last = max([b.planned_end for b in self.bars] + [self.today])
        first = dt.date(first.year, 1, 1)
        last = dt.date(last.year + 1, 1, 1)
        return first, last

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if not self.bars:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            p.end()
            return
        first, last = self._range()
        span = max(1, (last - first).days)
        left = LABEL_WIDTH + MARGIN
        width = max(10, self.width() - left - MARGIN)

        def x_of(day: dt.date) -> float:
            return left + width * (day - first).days / span

        # The axis: one tick per year.
        p.setPen(QPen(self.palette().mid().color()))
        for year in range(first.year, last.year + 1):
            x = x_of(dt.date(year, 1, 1))
            p.drawLine(int(x), MARGIN, int(x), self.height() - MARGIN)
            if year < last.year:  # the closing tick has no year after it to name
                p.setPen(self.palette().text().color())
                p.drawText(QRectF(x + 3, MARGIN, 60, AXIS_HEIGHT - 4), str(year))
                p.setPen(QPen(self.palette().mid().color()))

        top = MARGIN + AXIS_HEIGHT
        for i, bar in enumerate(self.bars):
            y = top + i * ROW_HEIGHT
            p.setPen(self.palette().text().color())
            p.drawText(
                QRectF(MARGIN, y, LABEL_WIDTH - 4, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                bar.label,
            )
            rect_y, rect_h = y + 6, ROW_HEIGHT - 12
            if bar.end < bar.planned_end:
                p.fillRect(
                    QRectF(x_of(bar.end), rect_y, x_of(bar.planned_end) - x_of(bar.end), rect_h),
                    ENDED_COLOR,
                )
            p.fillRect(
                QRectF(x_of(bar.start), rect_y, max(2.0, x_of(bar.end) - x_of(bar.start)), rect_h),
                LEASE_COLOR,
            )
            for band in bar.waiver:
                color = WAIVER_FULL if band.ratio >= 0.999 else WAIVER_PART
                p.fillRect(
                    QRectF(
                        x_of(band.start),
                        rect_y + rect_h / 2,
                        max(1.0, x_of(band.end) - x_of(band.start)),
                        rect_h / 2,
                    ),
                    color,
                )
        x = x_of(self.today)
        p.setPen(QPen(TODAY_COLOR, 2))
        p.drawLine(int(x), MARGIN, int(x), self.height() - MARGIN)
        p.end()
