"""The notice's own flowables: the signature block with its seal, and the issue record (版记)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from aitown.notices import layout
from aitown.notices.fonts import FONT_NAME, check_drawable, notice_font
from aitown.notices.seal import draw_seal


@dataclass(frozen=True)
class SignatureLine:
    text: str
    size: float
    color: Color = layout.TEXT_BLACK


class SignatureBlock(Flowable):
    """Issuing office and date, right of centre, with the seal pressed over them (GB/T 9704).

    The lines are centred on one another; the widest is set back
    ``SIGNATURE_RIGHT_INDENT_CHARS`` characters (of the first line's size) from the right edge.
    The seal is centred on the lines, slightly above them, as GB/T asks ("居中下压").
    """

    def __init__(
        self,
        lines: list[SignatureLine],
        *,
        seal_office_name: str | None,
        seal_image: ImageReader | None = None,
    ) -> None:
        super().__init__()
        for line in lines:
            check_drawable(line.text)
        self.lines = lines
        self.seal_office_name = seal_office_name
        self.seal_image = seal_image
        self._line_heights = [line.size * 1.45 for line in lines]
        text_height = sum(self._line_heights)
        # The seal (taller than the text) may reach a little into the space above and below
        # the block, as a stamp does; the block itself only reserves a part of it.
        has_seal = seal_office_name is not None or seal_image is not None
        reserved = layout.SEAL_DIAMETER * 0.8 if has_seal else 0
        self._body_height = max(text_height + 4 * mm, reserved)
        self.spaceBefore = layout.SIGNATURE_SPACE_BEFORE

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self._body_height
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        font = notice_font()
        widths = [font.stringWidth(line.text, line.size) for line in self.lines]
        indent = layout.SIGNATURE_RIGHT_INDENT_CHARS * self.lines[0].size
        cx = self.width - indent - max(widths) / 2
        text_height = sum(self._line_heights)
        mid = self.height / 2
        # The text sits a little below the seal's centre.
        y = mid + text_height / 2 - layout.SEAL_DIAMETER * 0.08
        # Seal first, text over it: the placeholder must not hide the office name or the date.
        if self.seal_image is not None or self.seal_office_name is not None:
            draw_seal(canv, cx, mid, self.seal_office_name or "", self.seal_image)
        for line, h in zip(self.lines, self._line_heights, strict=True):
            y -= h
            canv.setFont(FONT_NAME, line.size)
            canv.setFillColor(line.color)
            canv.drawCentredString(cx, y + (h - line.size) / 2 + line.size * 0.15, line.text)


class BottomAnchored(Flowable):
    """Flowables drawn at the foot of the frame, taking the rest of the page (for the 版记).

    If they do not fit below what came before, they go to the foot of the next page.
    """

    def __init__(self, flowables: list[Flowable]) -> None:
        super().__init__()
        self.flowables = flowables
        self._sizes: list[tuple[float, float]] = []
        self._content_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = [f.wrap(availWidth, availHeight) for f in self.flowables]
        self._content_height = sum(
            h + f.getSpaceBefore() + f.getSpaceAfter()
            for f, (_, h) in zip(self.flowables, self._sizes, strict=True)
        )
        self.width = availWidth
        self.height = max(availHeight, self._content_height)
        return self.width, self.height

    def draw(self) -> None:
        y = self._content_height
        for f, (_, h) in zip(self.flowables, self._sizes, strict=True):
            y -= f.getSpaceBefore() + h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


class Rule(Flowable):
    """A full-width horizontal line."""

    def __init__(self, thickness: float, color: Color = layout.TEXT_BLACK, space: float = 2):
        super().__init__()
        self.thickness = thickness
        self.color = color
        self.spaceBefore = space
        self.spaceAfter = space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.thickness

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
