"""Page templates of a notice: the first page with its header (版头), later pages, the English page.

The fixed parts (the header) are drawn in ``onPage`` between saveState/restoreState; the footer,
which needs the page count, is drawn by :class:`aitown.notices.canvas.NoticeCanvas`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from aitown.notices import layout
from aitown.notices.fonts import FONT_NAME, check_drawable, runs, string_width

FIRST = "first"
LATER = "later"
FIRST_EN = "first_en"
RULE_GAP = 4 * mm  # from the last header line's baseline to the red rule


@dataclass(frozen=True)
class HeaderLine:
    """One centred line of the header: set at ``max_size`` unless too wide for the text area."""

    text: str
    max_size: float
    color: Color
    advance: float  # from the previous baseline (or the text area's top) to this baseline
    font: str = FONT_NAME


def header_height(lines: list[HeaderLine]) -> float:
    """Height the header takes from the top of the text area, down to where the title starts."""
    return sum(line.advance for line in lines) + RULE_GAP + layout.HEADER_GAP


def fit_size(text: str, max_size: float, width: float, font: str = FONT_NAME) -> float:
    """The font size that sets ``text`` on one line no wider than ``width``, at most ``max_size``.

    A long office name is set smaller rather than broken or clipped.
    """
    natural = string_width(text, max_size, font)
    return max_size * min(1.0, width / natural) if natural else max_size


def draw_centred(canv: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """``text`` centred on ``x``, each character in the first font of ``font``'s chain."""
    left = x - string_width(text, size, font) / 2
    tx = canv.beginText(left, y)
    for name, part in runs(text, font):
        tx.setFont(name, size)
        tx.textOut(part)
    canv.drawText(tx)


def draw_header(canv: Canvas, lines: list[HeaderLine]) -> None:
    """Office name(s) centred, document number, and the red rule across the text area."""
    canv.saveState()
    y = layout.TEXT_TOP
    for line in lines:
        check_drawable(line.text)
        size = fit_size(line.text, line.max_size, layout.TEXT_WIDTH, line.font)
        y -= line.advance
        canv.setFillColor(line.color)
        # Centred on the text area (its margins differ by 2 mm), not on the sheet.
        draw_centred(
            canv, layout.MARGIN_LEFT + layout.TEXT_WIDTH / 2, y, line.text, line.font, size
        )
    y -= RULE_GAP
    canv.setStrokeColor(layout.RED)
    canv.setLineWidth(layout.HEADER_RULE_WIDTH)
    canv.line(layout.MARGIN_LEFT, y, layout.PAGE_WIDTH - layout.MARGIN_RIGHT, y)
    canv.restoreState()


def _frame(top_offset: float, frame_id: str) -> Frame:
    return Frame(
        layout.MARGIN_LEFT,
        layout.MARGIN_BOTTOM,
        layout.TEXT_WIDTH,
        layout.TEXT_HEIGHT - top_offset,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=frame_id,
    )


class NoticeDocTemplate(BaseDocTemplate):
    """A4 with the margins of NOTICES.md; a first page with the header, plain later pages,
    and (for an ``en-page`` notice) a first English page with the English header."""

    def __init__(
        self,
        out: BinaryIO,
        *,
        header: list[HeaderLine],
        header_en: list[HeaderLine] | None,
        **metadata: Any,
    ) -> None:
        super().__init__(
            out,
            pagesize=layout.PAGE_SIZE,
            leftMargin=layout.MARGIN_LEFT,
            rightMargin=layout.MARGIN_RIGHT,
            topMargin=layout.MARGIN_TOP,
            bottomMargin=layout.MARGIN_BOTTOM,
            # Same input, same bytes: no time stamp, no random document id.
            invariant=1,
            pageCompression=1,
            # The canvas starts in the embedded font, so no standard (unembedded) font is named.
            initialFontName=FONT_NAME,
            lang="zh-CN",
            **metadata,
        )
        templates = [
            PageTemplate(
                id=FIRST,
                frames=[_frame(header_height(header), "first_body")],
                onPage=lambda canv, _doc: draw_header(canv, header),
                autoNextPageTemplate=LATER,
            ),
            PageTemplate(id=LATER, frames=[_frame(0, "body")]),
        ]
        if header_en is not None:
            templates.append(
                PageTemplate(
                    id=FIRST_EN,
                    frames=[_frame(header_height(header_en), "first_en_body")],
                    onPage=lambda canv, _doc: draw_header(canv, header_en),
                    autoNextPageTemplate=LATER,
                )
            )
        self.addPageTemplates(templates)
