"""The round seal: a printed placeholder showing where the office stamps, or its seal image.

The real seal is stamped by hand (NOTICES.md), so the placeholder must not pass for one: its ring
is dashed, lighter than ink, and it says 盖章处 SEAL at its foot.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from aitown.errors import ValidationError
from aitown.notices import layout
from aitown.notices.fonts import FONT_NAME, check_drawable, notice_font

PLACEHOLDER_LABEL = "盖章处 SEAL"
# Office names around the ring cover at most this arc, centred on the top.
MAX_ARC_DEGREES = 250.0
PLACEHOLDER_ALPHA = 0.6


def load_seal_image(path: str) -> ImageReader:
    """Open the configured seal image, or refuse with a sentence saying what to fix."""
    p = Path(path)
    try:
        return ImageReader(str(p))
    except Exception:  # ReportLab raises a variety of errors for a missing or bad image
        raise ValidationError(
            f"The seal image {p} cannot be read: choose a PNG or JPEG file in the office settings.",
            f"无法读取印章图片 {p}：请在办公室设置中选择 PNG 或 JPEG 文件。",
            field="seal_image",
        ) from None


def draw_seal(
    canv: Canvas, cx: float, cy: float, office_name: str, image: ImageReader | None = None
) -> None:
    """Draw the seal centred on ``(cx, cy)``: the image if given, else the placeholder."""
    d = layout.SEAL_DIAMETER
    if image is not None:
        canv.drawImage(image, cx - d / 2, cy - d / 2, d, d, mask="auto", preserveAspectRatio=True)
        return
    check_drawable(office_name, what="office_name_zh")
    r = d / 2
    canv.saveState()
    canv.setStrokeColor(layout.SEAL_RED)
    canv.setFillColor(layout.SEAL_RED)
    # Lighter than a real stamp, so that it reads as a placeholder and the text stays legible.
    canv.setFillAlpha(PLACEHOLDER_ALPHA)
    canv.setStrokeAlpha(PLACEHOLDER_ALPHA)
    canv.setLineWidth(1.4)
    canv.setDash(4, 2)
    canv.circle(cx, cy, r, stroke=1, fill=0)
    canv.setDash()
    _draw_star(canv, cx, cy + r * 0.05, r * 0.30)
    _draw_arc_text(canv, cx, cy, r, office_name)
    # In the open bottom of the ring, clear of the office name and of the date printed over it.
    canv.setFont(FONT_NAME, 6)
    canv.drawCentredString(cx, cy - r * 0.84, PLACEHOLDER_LABEL)
    canv.restoreState()


def _draw_star(canv: Canvas, cx: float, cy: float, radius: float) -> None:
    inner = radius * 0.382  # the inner radius of a regular five-pointed star
    path = canv.beginPath()
    for i in range(10):
        rr = radius if i % 2 == 0 else inner
        angle = math.radians(90 + i * 36)
        x, y = cx + rr * math.cos(angle), cy + rr * math.sin(angle)
        if i == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
    path.close()
    canv.drawPath(path, stroke=0, fill=1)


def _draw_arc_text(canv: Canvas, cx: float, cy: float, r: float, text: str) -> None:
    """The office name clockwise along the upper part of the ring, each character upright to it."""
    n = len(text)
    if n == 0:
        return
    size = r * 0.24
    radius = r - size * 0.95
    step = size * 1.05 / radius  # radians per character
    if n * step > math.radians(MAX_ARC_DEGREES):
        # A long name: smaller characters, spread over the widest arc allowed.
        step = math.radians(MAX_ARC_DEGREES) / n
        size = min(size, step * radius / 1.05)
        radius = r - size * 0.95
        step = math.radians(MAX_ARC_DEGREES) / n
    font = notice_font()
    start = math.pi / 2 + step * (n - 1) / 2
    canv.setFont(FONT_NAME, size)
    for i, ch in enumerate(text):
        angle = start - i * step
        canv.saveState()
        canv.translate(cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        canv.rotate(math.degrees(angle) - 90)
        width = font.stringWidth(ch, size)
        canv.drawString(-width / 2, -size * 0.38, ch)
        canv.restoreState()
