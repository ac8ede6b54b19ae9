"""The fonts of the notices, registered once, the fallback chain and the glyph check.

GB/T 9704-2012 sets the body in 仿宋 (FangSong) and the title in 小标宋. The notices embed:

- ``FandolFang`` (FandolFang-Regular): the Chinese body text;
- ``FandolSongBold`` (FandolSong-Bold): the title and the office name, standing in for 小标宋;
- ``WenQuanYiMicroHei`` (WenQuanYi Micro Hei, a 黑体): headings, English text, tables' English,
  the footer, and the fallback for every character the Fandol fonts lack (GB2312 is all they
  cover; 喆 or 堃 in a name comes from here);
- ``WenQuanYiZenHeiSupplement``: the Han characters Micro Hei lacks as well (CJK Extension A,
  e.g. 䶮 U+4DAE, and Extension B), from WenQuanYi Zen Hei.

resources/fonts/README.md says where each comes from and how the Fandol fonts were converted.
Every text is drawn with the first font of its chain that has the character; ReportLab would
silently draw a character no font has as an empty box, so :func:`check_drawable` refuses it first.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from aitown.errors import ValidationError
from aitown.paths import resource

FANG: Final = "FandolFang"
SONG_BOLD: Final = "FandolSongBold"
HEI: Final = "WenQuanYiMicroHei"
SUPPLEMENT: Final = "WenQuanYiZenHeiSupplement"
#: The font of Latin text and of everything not set in a Fandol font.
FONT_NAME: Final = HEI

# name → (file, face of the collection or None for a plain .ttf)
FONT_FILES: Final[dict[str, tuple[str, int | None]]] = {
    FANG: ("FandolFang-Regular.ttf", None),
    SONG_BOLD: ("FandolSong-Bold.ttf", None),
    # Face 0 of the collection is "WenQuanYi Micro Hei" (face 1 is the monospaced variant).
    HEI: ("wqy-microhei.ttc", 0),
    SUPPLEMENT: ("wqy-zenhei-supplement.ttf", None),
}
#: After its own font, every text falls back to these, in order.
FALLBACK: Final[tuple[str, ...]] = (HEI, SUPPLEMENT)
# Whitespace that Paragraph folds into a plain space before drawing.
_FOLDED_WHITESPACE = frozenset("\n\r\t")

_lock = threading.Lock()
_fonts: dict[str, TTFont] = {}


def font(name: str = FONT_NAME) -> TTFont:
    """A registered notice font; loads and registers all of them on first use (thread-safe)."""
    loaded = _fonts.get(name)
    if loaded is not None:
        return loaded
    with _lock:
        if not _fonts:
            fonts: dict[str, TTFont] = {}
            for font_name, (file, face) in FONT_FILES.items():
                path = resource("fonts", file)
                if not path.is_file():
                    raise FileNotFoundError(
                        f"The notice font {path} is missing; reinstall AI Town Desk."
                    )
                if face is None:
                    ttf = TTFont(font_name, str(path))
                else:
                    ttf = TTFont(font_name, str(path), subfontIndex=face)
                pdfmetrics.registerFont(ttf)
                # One face for every style, so that <b> or <i> in a paragraph can never fall
                # back to a standard PDF font that is not embedded.
                pdfmetrics.registerFontFamily(
                    font_name,
                    normal=font_name,
                    bold=font_name,
                    italic=font_name,
                    boldItalic=font_name,
                )
                fonts[font_name] = ttf
            _fonts.update(fonts)
    return _fonts[name]


def notice_font() -> TTFont:
    """The font of Latin text and the first fallback (WenQuanYi Micro Hei)."""
    return font(FONT_NAME)


def register_fonts() -> str:
    """Register the notice fonts with ReportLab (once) and return the default font's name."""
    font(FONT_NAME)
    return FONT_NAME


def chain(primary: str) -> tuple[str, ...]:
    """``primary`` and then the fallback fonts, each once."""
    return (primary, *(f for f in FALLBACK if f != primary))


_glyph_font: dict[tuple[str, str], str | None] = {}


def font_for(ch: str, primary: str = FONT_NAME) -> str | None:
    """The first font of ``primary``'s chain that can draw ``ch``; None if none can."""
    key = (primary, ch)
    if key in _glyph_font:
        return _glyph_font[key]
    found: str | None = None
    if unicodedata.category(ch) != "Cc" or ch in _FOLDED_WHITESPACE:
        for name in chain(primary):
            # A character outside the cmap would be drawn as glyph 0, the empty box.
            if font(name).face.charToGlyph.get(ord(ch), 0) != 0:
                found = name
                break
        if found is None and ch in _FOLDED_WHITESPACE:
            found = primary
    _glyph_font[key] = found
    return found


# What repeats across a batch of letters (the fixed paragraphs, the footer, every single
# character's width) is cut into runs and measured once per process. The answers depend only on
# the registered fonts, which never change once loaded; the caches are emptied when they grow
# past CACHE_LIMIT entries (a long batch of different names).
CACHE_LIMIT = 50_000
_runs: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
_widths: dict[tuple[str, float, str], float] = {}


def runs(text: str, primary: str = FONT_NAME) -> Iterator[tuple[str, str]]:
    """``text`` cut into ``(font name, text)`` runs, each drawn in one font of the chain.

    The caller has checked the text (:func:`check_drawable`); a character no font has stays
    in the primary font's run.
    """
    key = (text, primary)
    found = _runs.get(key)
    if found is None:
        if len(_runs) >= CACHE_LIMIT:
            _runs.clear()
        found = _runs[key] = tuple(_cut(text, primary))
    return iter(found)


def _cut(text: str, primary: str) -> Iterator[tuple[str, str]]:
    current: str | None = None
    start = 0
    for i, ch in enumerate(text):
        name = font_for(ch, primary) or primary
        if name != current:
            if current is not None and i > start:
                yield current, text[start:i]
            current, start = name, i
    if current is not None and start < len(text):
        yield current, text[start:]


def string_width(text: str, size: float, primary: str = FONT_NAME) -> float:
    """Width of ``text`` at ``size`` pt, each character in the font that draws it."""
    key = (text, size, primary)
    width = _widths.get(key)
    if width is None:
        if len(_widths) >= CACHE_LIMIT:
            _widths.clear()
        width = _widths[key] = sum(
            font(name).stringWidth(part, size) for name, part in runs(text, primary)
        )
    return width


def missing_glyphs(text: str, fonts: Sequence[str] | None = None) -> list[str]:
    """The distinct characters of ``text`` that no notice font can draw, in order of appearance."""
    primary = fonts[0] if fonts else FONT_NAME
    missing: list[str] = []
    for ch in text:
        if ch in missing or ch in _FOLDED_WHITESPACE:
            continue
        if font_for(ch, primary) is None:
            missing.append(ch)
    return missing


def check_drawable(text: str, *, what: str | None = None) -> None:
    """Refuse ``text`` if no notice font has one of its characters.

    Raises :class:`~aitown.errors.ValidationError` naming each missing character with its code
    point. The fonts cover GB2312 (Fandol), GBK and the unified ideographs (WenQuanYi Micro Hei),
    and CJK Extensions A and B as far as WenQuanYi Zen Hei has them; what is left (a rare
    character of Extension C and later, an emoji, a control character) cannot be printed by this
    version, and the sentence says so rather than suggest changing a registered name.
    """
    missing = missing_glyphs(text)
    if not missing:
        return
    listed = ", ".join(f"“{ch}” (U+{ord(ch):04X})" for ch in missing)
    listed_zh = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing)
    where = f" in {what}" if what else ""
    where_zh = f"（{what}）" if what else ""
    raise ValidationError(
        f"None of the notice fonts has {listed}{where}, so AI Town Desk cannot print "
        f"{'it' if len(missing) == 1 else 'them'}; nothing was issued. If it is part of a "
        "registered name, issue this notice by hand and report the character to the AI Town "
        "Desk maintainers; an emoji or a control character can be replaced with words.",
        f"通知书字体均不含{listed_zh}{where_zh}，AI Town Desk 无法打印，未出具任何通知书。"
        "如属登记名称中的字符，请以人工方式出具本通知书，并将该字符报告 AI Town Desk 维护方；"
        "表情符号或控制字符可改用文字。",
        field=what,
    )
