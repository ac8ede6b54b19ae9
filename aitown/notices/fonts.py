"""The one font of the notices (WenQuanYi Micro Hei), registered once, and the glyph check.

Every text of a notice, Chinese and English, is set in this one font so that the PDF needs one
embedded font and one glyph check covers everything. ReportLab would silently draw a missing
character as the font's empty box (glyph 0); :func:`check_drawable` refuses such text first.
"""

from __future__ import annotations

import threading
import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from aitown.errors import ValidationError
from aitown.paths import resource

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = "wqy-microhei.ttc"
# Face 0 of the collection is "WenQuanYi Micro Hei" (face 1 is the monospaced variant).
SUBFONT_INDEX = 0
# Whitespace that Paragraph folds into a plain space before drawing.
_FOLDED_WHITESPACE = frozenset("\n\r\t")

_lock = threading.Lock()
_font: TTFont | None = None


def notice_font() -> TTFont:
    """The registered notice font; loads and registers it on first use (thread-safe)."""
    global _font
    if _font is not None:
        return _font
    with _lock:
        if _font is None:
            path = resource("fonts", FONT_FILE)
            if not path.is_file():
                raise FileNotFoundError(
                    f"The notice font {path} is missing; reinstall AI Town Desk."
                )
            font = TTFont(FONT_NAME, str(path), subfontIndex=SUBFONT_INDEX)
            pdfmetrics.registerFont(font)
            # One face for every style, so that <b> or <i> in a paragraph can never fall back to
            # a standard PDF font that is not embedded.
            pdfmetrics.registerFontFamily(
                FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME
            )
            _font = font
    return _font


def register_fonts() -> str:
    """Register the notice font with ReportLab (once) and return its name."""
    notice_font()
    return FONT_NAME


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of ``text`` the notice font cannot draw, in order of appearance."""
    char_to_glyph = notice_font().face.charToGlyph
    missing: list[str] = []
    for ch in text:
        # Notices repeat the same few hundred characters: each is looked up once per process.
        if ch in _DRAWABLE or ch in _FOLDED_WHITESPACE or ch in missing:
            continue
        # A character outside the cmap would be drawn as glyph 0, the empty box.
        if char_to_glyph.get(ord(ch), 0) == 0 or unicodedata.category(ch) == "Cc":
            missing.append(ch)
        else:
            _DRAWABLE.add(ch)
    return missing


_DRAWABLE: set[str] = set()


def check_drawable(text: str, *, what: str | None = None) -> None:
    """Refuse ``text`` if the notice font lacks any of its characters.

    Raises :class:`~aitown.errors.ValidationError` naming each missing character with its code
    point, so the person can replace it (a rare character with a common variant, an emoji with
    words) before anything is printed. ``what`` names the field, e.g. ``"addressee_zh"``.
    """
    missing = missing_glyphs(text)
    if not missing:
        return
    listed = ", ".join(f"“{ch}” (U+{ord(ch):04X})" for ch in missing)
    listed_zh = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing)
    where = f" in {what}" if what else ""
    where_zh = f"（{what}）" if what else ""
    raise ValidationError(
        f"The notice font cannot print {listed}{where}: replace "
        f"{'it' if len(missing) == 1 else 'them'} with characters it has (a common variant, "
        "or words instead of an emoji) and issue the notice again.",
        f"通知书字体无法打印{listed_zh}{where_zh}：请改用字体中有的字符（常用异体字，或以文字代替表情符号）后重新出具。",
        field=what,
    )
