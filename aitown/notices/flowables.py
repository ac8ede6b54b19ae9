"""The notice's own flowables: the signature block with its seal, the signature kept with the
issue record (版记) at the foot of the page, and a rule."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from aitown.notices import layout
from aitown.notices.fonts import FONT_NAME, check_drawable, string_width
from aitown.notices.pages import draw_centred
from aitown.notices.seal import draw_seal, draw_seal_mark


@dataclass(frozen=True)
class SignatureLine:
    text: str
    size: float
    color: Color = layout.TEXT_BLACK
    font: str = FONT_NAME
    is_date: bool = False


class SignatureBlock(Flowable):
    """Issuing office and date, with the seal image over them if the office has one (GB/T 9704).

    The Chinese date (成文日期) ends four characters (of its size) from the right edge; the
    office's name and the English lines are centred on it. A name too long for that is moved
    left, then set smaller, never past either margin. The seal is centred on the lines,
    slightly above them, as GB/T asks ("居中下压").
    """

    def __init__(
        self,
        lines: list[SignatureLine],
        *,
        seal_image: ImageReader | None = None,
        seal_mark: bool = False,
    ) -> None:
        super().__init__()
        for line in lines:
            check_drawable(line.text)
        self.lines = lines
        self.seal_image = seal_image
        self.seal_mark = seal_mark
        self._line_heights = [line.size * 1.45 for line in lines]
        text_height = sum(self._line_heights)
        # The seal (taller than the text) may reach a little into the space above and below
        # the block, as a stamp does; the block itself only reserves a part of it.
        has_seal = seal_image is not None or seal_mark
        reserved = layout.SEAL_DIAMETER * 0.8 if has_seal else 0
        self._body_height = max(text_height + 4 * mm, reserved)
        self.spaceBefore = layout.SIGNATURE_SPACE_BEFORE

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self._body_height
        return self.width, self.height

    def placement(self, width: float) -> list[tuple[float, float]]:
        """Each line's centre x and font size within ``width``.

        The date ends four characters from the right; the other lines are centred on it, but
        a line that would then pass the right margin ends at the margin instead (and is set
        smaller if it is wider than the whole measure).
        """
        date = next((line for line in self.lines if line.is_date), self.lines[-1])
        date_width = string_width(date.text, date.size, date.font)
        cx = width - layout.SIGNATURE_RIGHT_INDENT_CHARS * date.size - date_width / 2
        cx = max(cx, date_width / 2)
        out = []
        for line in self.lines:
            size = line.size
            w = string_width(line.text, size, line.font)
            if w > width:
                size *= width / w
                w = width
            out.append((min(cx, width - w / 2), size))
        return out

    def draw(self) -> None:
        canv = self.canv
        placed = self.placement(self.width)
        text_height = sum(self._line_heights)
        mid = self.height / 2
        # The text sits a little below the seal's centre.
        y = mid + text_height / 2 - layout.SEAL_DIAMETER * 0.08
        for line, h, (x, size) in zip(self.lines, self._line_heights, placed, strict=True):
            y -= h
            canv.setFillColor(line.color)
            draw_centred(canv, x, y + (h - size) / 2 + size * 0.15, line.text, line.font, size)
        # The seal is centred on the date (on which the office name is centred).
        cx = next(
            (x for line, (x, _s) in zip(self.lines, placed, strict=True) if line.is_date),
            placed[-1][0],
        )
        # The seal over the text, as a stamp is (its transparency keeps the text legible).
        if self.seal_image is not None:
            draw_seal(canv, cx, mid, self.seal_image)
        elif self.seal_mark:
            draw_seal_mark(canv, cx, mid)


class ClosingBlock(Flowable):
    """The signature, and the issue record (版记) at the foot of the same page.

    The record never stands on a page of its own: if it does not fit below the signature, the
    signature goes to the next page with it (and, kept with the signature, the last paragraph
    or table row before it). Measured alone (inside a KeepTogether) the block is as tall as its
    content; in the frame it takes the rest of the page, so the record sits at the foot.
    """

    def __init__(self, signature: Flowable, record: list[Flowable]) -> None:
        super().__init__()
        self.signature = signature
        self.record = record
        self.spaceBefore = signature.getSpaceBefore()
        self._sizes: list[tuple[float, float]] = []
        self._sig_size = (0.0, 0.0)
        self._content_height = 0.0
        self._record_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sig_size = self.signature.wrap(availWidth, availHeight)
        self._sizes = [f.wrap(availWidth, availHeight) for f in self.record]
        self._record_height = sum(
            h + f.getSpaceBefore() + f.getSpaceAfter()
            for f, (_, h) in zip(self.record, self._sizes, strict=True)
        )
        self._content_height = self._sig_size[1] + RECORD_GAP + self._record_height
        self.width = availWidth
        # A KeepTogether measures its content with a huge height: answer the content's.
        if availHeight >= self._content_height and availHeight < layout.PAGE_HEIGHT:
            self.height = availHeight
        else:
            self.height = self._content_height
        return self.width, self.height

    def draw(self) -> None:
        self.signature.drawOn(self.canv, 0, self.height - self._sig_size[1])
        y = self._record_height
        for f, (_, h) in zip(self.record, self._sizes, strict=True):
            y -= f.getSpaceBefore() + h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


#: At least this much room between the signature and the issue record.
RECORD_GAP = 6 * mm


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
