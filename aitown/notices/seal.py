"""The office's seal on a notice: its image (PNG with transparency), or a faint position mark.

By default nothing is printed where the seal goes: the office stamps its real seal by hand, and
a printed ring under it would show as a second one. An office may ask for a position mark (four
grey corner ticks around the place, nothing red), or configure its seal image, which is kept in
the database and named in the signed content by its SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from typing import Final

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from aitown.errors import ValidationError
from aitown.notices import layout

PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
#: A seal image larger than this is refused (a 600 dpi scan of a 42 mm seal is ~1,000 px).
MAX_SEAL_BYTES: Final = 4 * 1024 * 1024
MAX_SEAL_PIXELS: Final = 3000
MARK_GREY: Final = HexColor("#9A9A9A")
# PNG colour types with an alpha channel: greyscale+alpha, RGBA (or a tRNS chunk, see below).
_ALPHA_TYPES: Final = (4, 6)


def _refuse(en: str, zh: str) -> ValidationError:
    return ValidationError(en, zh, field="seal_image")


def check_seal_png(data: bytes) -> tuple[int, int]:
    """Refuse anything but a PNG image with transparency of a sensible size; its (width, height).

    Read in bounded memory: the header is checked before any pixel is decoded, and decoding a
    3,000 × 3,000 image is the most it ever does.
    """
    if len(data) > MAX_SEAL_BYTES:
        raise _refuse(
            f"The seal image is {len(data) / 1048576:.1f} MB; choose a PNG of at most "
            f"{MAX_SEAL_BYTES // 1048576} MB (a scan at 600 dpi is enough).",
            f"印章图片大小为 {len(data) / 1048576:.1f} MB；请选择不超过 "
            f"{MAX_SEAL_BYTES // 1048576} MB 的 PNG 图片（600 dpi 扫描即可）。",
        )
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 33:
        raise _refuse(
            "The seal image is not a PNG file: save the scanned seal as PNG with a transparent "
            "background and choose it again.",
            "印章图片不是 PNG 文件：请将扫描的印章另存为透明背景的 PNG 后重新选择。",
        )
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    if not (0 < width <= MAX_SEAL_PIXELS and 0 < height <= MAX_SEAL_PIXELS):
        raise _refuse(
            f"The seal image is {width} × {height} pixels; choose one of at most "
            f"{MAX_SEAL_PIXELS} × {MAX_SEAL_PIXELS}.",
            f"印章图片为 {width} × {height} 像素；请选择不超过 {MAX_SEAL_PIXELS} × "
            f"{MAX_SEAL_PIXELS} 像素的图片。",
        )
    if colour not in _ALPHA_TYPES and b"tRNS" not in data:
        raise _refuse(
            "The seal image has no transparency, so it would cover the office name and the "
            "date with its background: save it as PNG with a transparent background.",
            "印章图片没有透明通道，其背景会遮住发文机关署名和日期：请另存为透明背景的 PNG。",
        )
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getRGBData()  # type: ignore[no-untyped-call]  # ReportLab is untyped here; decoding proves the file
    except (OSError, ValueError, SyntaxError, zlib.error, struct.error):
        raise _refuse(
            "The seal image is damaged and cannot be read: export the PNG again.",
            "印章图片已损坏，无法读取：请重新导出 PNG。",
        ) from None
    return width, height


def seal_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_seal_image(data: bytes, expected_sha256: str | None) -> ImageReader:
    """The seal image to draw, refused unless it is the one the signed content names."""
    if expected_sha256 is None or seal_sha256(data) != expected_sha256:
        raise _refuse(
            "The seal image does not match the one the notice names: issue the notice again.",
            "印章图片与通知书所载不符：请重新出具。",
        )
    check_seal_png(data)
    return ImageReader(io.BytesIO(data))


def draw_seal(canv: Canvas, cx: float, cy: float, image: ImageReader) -> None:
    """The seal image centred on ``(cx, cy)``, its transparency kept."""
    d = layout.SEAL_DIAMETER
    canv.drawImage(image, cx - d / 2, cy - d / 2, d, d, mask="auto", preserveAspectRatio=True)


def draw_seal_mark(canv: Canvas, cx: float, cy: float) -> None:
    """Four thin grey corner ticks around the seal's place: where to stamp, and nothing more."""
    r = layout.SEAL_DIAMETER / 2
    tick = r * 0.25
    canv.saveState()
    canv.setStrokeColor(MARK_GREY)
    canv.setLineWidth(0.5)
    for sx in (-1, 1):
        for sy in (-1, 1):
            x, y = cx + sx * r, cy + sy * r
            canv.line(x, y, x - sx * tick, y)
            canv.line(x, y, x, y - sy * tick)
    canv.restoreState()
