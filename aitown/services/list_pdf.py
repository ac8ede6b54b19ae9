"""The PDF of a list or a report (ReportLab): header, table, totals, chart, "page x of y".

Set in the notices' font (one embedded font draws Chinese and English). Used through
:func:`aitown.services.list_export.render_pdf`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from aitown.notices.fonts import register_fonts

if TYPE_CHECKING:
    from aitown.services.list_export import Chart, Column, Table

MARGIN = 14 * mm
SERIES_COLOURS = (
    colors.HexColor("#1f6fb2"),
    colors.HexColor("#e08a1e"),
    colors.HexColor("#3a9d5d"),
    colors.HexColor("#b23a48"),
    colors.HexColor("#7a5195"),
    colors.HexColor("#5c6770"),
)
NUMERIC = ("int", "money", "area", "percent")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, so that each can say "page x of y"."""

    header_left = ""
    header_right = ""
    lang = "en"
    font = "Helvetica"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # ReportLab's own, undeclared in its stubs

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            super().showPage()
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        width, height = self._pagesize  # type: ignore[attr-defined]  # ReportLab's own, undeclared
        self.saveState()
        self.setFont(self.font, 8)
        self.setFillColor(colors.HexColor("#444444"))
        self.drawString(MARGIN, height - 9 * mm, self.header_left)
        self.drawRightString(width - MARGIN, height - 9 * mm, self.header_right)
        self.setStrokeColor(colors.HexColor("#999999"))
        self.setLineWidth(0.4)
        self.line(MARGIN, height - 10.5 * mm, width - MARGIN, height - 10.5 * mm)
        page = (
            f"第 {number} 页，共 {total} 页" if self.lang == "zh" else f"Page {number} of {total}"
        )
        self.drawCentredString(width / 2, 8 * mm, page)
        self.restoreState()


def build_pdf(
    tables: Sequence[Table],
    *,
    lang: str,
    office_name: str,
    user: str,
    step: Callable[[], None] | None,
    today: dt.date,
    cell_text: Callable[[Column, Any, str], str],
    portrait_chars: int,
) -> bytes:
    font = register_fonts()
    wide = any(sum(c.width for c in t.columns) > portrait_chars for t in tables)
    pagesize = landscape(A4) if wide else A4
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=15 * mm,
        title=tables[0].title(lang) if tables else "",
        author=office_name,
        creator="AI Town Desk",
    )
    title_style = ParagraphStyle("title", fontName=font, fontSize=14, leading=19, spaceAfter=4)
    note_style = ParagraphStyle("note", fontName=font, fontSize=8.5, leading=12)
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5)
    num_style = ParagraphStyle("num", parent=cell_style, alignment=2)
    head_style = ParagraphStyle("head", parent=cell_style, textColor=colors.white)
    story: list[Any] = []
    usable = pagesize[0] - 2 * MARGIN
    for index, table in enumerate(tables):
        if index:
            story.append(PageBreak() if len(table.rows) > 25 else Spacer(1, 8 * mm))
        story.append(Paragraph(_escape(table.title(lang)), title_style))
        for note in table.notes(lang):
            story.append(Paragraph(_escape(note), note_style))
        story.append(Spacer(1, 3 * mm))
        chars = sum(c.width for c in table.columns) or 1
        widths = [usable * c.width / chars for c in table.columns]
        data: list[list[Any]] = [
            [Paragraph(_escape(c.header(lang)), head_style) for c in table.columns]
        ]
        for row in table.rows:
            data.append(
                [
                    Paragraph(
                        _escape(cell_text(c, v, lang)),
                        num_style if c.kind in NUMERIC else cell_style,
                    )
                    for c, v in zip(table.columns, row, strict=True)
                ]
            )
            if step is not None:
                step()
        total = table.total_row()
        if total is not None:
            cells = [cell_text(c, v, lang) for c, v in zip(table.columns, total, strict=True)]
            cells[0] = "合计" if lang == "zh" else "Total"
            data.append(
                [
                    Paragraph(
                        f"<b>{_escape(t)}</b>", num_style if c.kind in NUMERIC else cell_style
                    )
                    for c, t in zip(table.columns, cells, strict=True)
                ]
            )
        if not table.rows:
            empty = "（无记录）" if lang == "zh" else "(nothing to list)"
            data.append([Paragraph(empty, cell_style)] + [""] * (len(table.columns) - 1))
        grid = LongTable(data, colWidths=widths, repeatRows=1)
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#34495e")),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b0b0b0")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f5f7")]),
        ]
        if total is not None:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#dfe6ec")))
        grid.setStyle(TableStyle(style))  # type: ignore[arg-type]  # the stubs' command tuples are narrower than ReportLab takes
        story.append(grid)
        for chart in table.charts:
            if chart.categories:
                story.append(Spacer(1, 5 * mm))
                story.append(KeepTogether([_chart(chart, lang, font, usable)]))
    if not story:
        story.append(Paragraph("", note_style))

    printed = today.isoformat()
    header_right = (
        f"{printed} 制表：{user}" if lang == "zh" else f"{printed}, made by {user}"
    ).strip()

    class Numbered(_NumberedCanvas):
        pass

    Numbered.header_left = office_name
    Numbered.header_right = header_right
    Numbered.lang = lang
    Numbered.font = font
    doc.build(story, canvasmaker=Numbered)
    return buffer.getvalue()


def _chart(chart: Chart, lang: str, font: str, width: float) -> Drawing:
    height = 70 * mm
    drawing = Drawing(width, height)
    drawing.add(
        String(0, height - 10, chart.title_zh if lang == "zh" else chart.title_en, fontName=font,
               fontSize=10)
    )  # fmt: skip
    plot: VerticalBarChart | HorizontalLineChart
    plot = HorizontalLineChart() if chart.kind == "line" else VerticalBarChart()
    plot.x, plot.y = 40, 30
    plot.width, plot.height = int(width - 190), int(height - 55)
    plot.data = [tuple(values) for _en, _zh, values in chart.series]
    plot.categoryAxis.categoryNames = list(chart.categories)
    plot.categoryAxis.labels.fontName = font
    plot.categoryAxis.labels.fontSize = 6.5
    plot.categoryAxis.labels.angle = 30 if len(chart.categories) > 6 else 0
    plot.categoryAxis.labels.boxAnchor = "ne" if len(chart.categories) > 6 else "n"
    plot.valueAxis.labels.fontName = font
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.valueMin = 0
    for i in range(len(chart.series)):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        if isinstance(plot, VerticalBarChart):
            plot.bars[i].fillColor = colour
            plot.bars[i].strokeColor = None
        else:
            plot.lines[i].strokeColor = colour
            plot.lines[i].strokeWidth = 1.5
    drawing.add(plot)
    legend = Legend()
    legend.x, legend.y = int(width - 140), int(height - 25)
    legend.fontName = font
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.colorNamePairs = [
        (SERIES_COLOURS[i % len(SERIES_COLOURS)], zh if lang == "zh" else en)
        for i, (en, zh, _v) in enumerate(chart.series)
    ]
    drawing.add(legend)
    return drawing
