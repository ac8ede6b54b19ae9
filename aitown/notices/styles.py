"""The one stylesheet of the notices: every paragraph style, in the one embedded font."""

from __future__ import annotations

import functools
from typing import Any

from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from aitown.notices import layout
from aitown.notices.fonts import check_drawable, register_fonts
from aitown.notices.formatting import markup

BODY_ZH_SIZE = 14  # 四号; GB/T's 三号 (16 pt) leaves too little room for the English
BODY_EN_SIZE = 10
TABLE_ZH_SIZE = 10.5
TABLE_EN_SIZE = 8


# Chinese closing punctuation that must not begin a line. ReportLab's list (textsplit) has the
# ASCII forms and 、。」』】〕） but not the full-width comma and its kin, so a line could begin
# with "，". Its CJK line breakers read the module globals at each call; extending them makes
# that punctuation hang at the end of the line before instead.
EXTRA_CANNOT_START = "，；：！？》〉”’…"


def _extend_cjk_line_breaking() -> None:
    # Two copies: textsplit breaks a one-run paragraph, paragraph.cjkFragSplit a mixed one.
    for module in (rl_textsplit, rl_paragraph):
        # ALL_CANNOT_START is a module global of ReportLab that types-reportlab does not declare.
        cannot_start: str = getattr(module, "ALL_CANNOT_START")  # noqa: B009
        missing = "".join(ch for ch in EXTRA_CANNOT_START if ch not in cannot_start)
        if missing:
            setattr(module, "ALL_CANNOT_START", cannot_start + missing)  # noqa: B010


@functools.cache
def notice_styles() -> StyleSheet1:
    """Build the stylesheet once per process; styles are read-only after that."""
    font = register_fonts()
    _extend_cjk_line_breaking()
    sheet = StyleSheet1()

    def add(name: str, **kw: Any) -> None:
        kw.setdefault("fontName", font)
        kw.setdefault("textColor", layout.TEXT_BLACK)
        sheet.add(ParagraphStyle(name, **kw))

    # Chinese text breaks between any two characters (wordWrap="CJK"), with ReportLab's rules
    # that keep closing punctuation off the start of a line.
    add("title_zh", fontSize=20, leading=30, alignment=TA_CENTER, wordWrap="CJK", spaceAfter=2)
    add(
        "title_en",
        fontSize=12,
        leading=16,
        alignment=TA_CENTER,
        textColor=layout.ENGLISH_GREY,
        spaceAfter=10,
    )
    add("addressee_zh", fontSize=BODY_ZH_SIZE, leading=24, wordWrap="CJK", spaceBefore=6)
    add(
        "addressee_en",
        fontSize=BODY_EN_SIZE,
        leading=14,
        textColor=layout.ENGLISH_GREY,
        spaceAfter=4,
    )
    add(
        "body_zh",
        fontSize=BODY_ZH_SIZE,
        leading=24,
        wordWrap="CJK",
        alignment=TA_JUSTIFY,
        firstLineIndent=2 * BODY_ZH_SIZE,
    )
    add(
        "body_en",
        fontSize=BODY_EN_SIZE,
        leading=14,
        alignment=TA_LEFT,
        textColor=layout.ENGLISH_GREY,
        spaceAfter=6,
    )
    # In the English-only part the English is the main text: black and a little larger.
    add("body_en_main", fontSize=11, leading=16, alignment=TA_JUSTIFY, spaceAfter=8)
    add("addressee_en_main", fontSize=11, leading=16, spaceBefore=6, spaceAfter=6)
    add("title_en_main", fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=4)
    add(
        "section_zh", fontSize=BODY_ZH_SIZE, leading=22, wordWrap="CJK", spaceBefore=8, spaceAfter=2
    )
    add(
        "section_en", fontSize=BODY_EN_SIZE, leading=13, textColor=layout.ENGLISH_GREY, spaceAfter=4
    )
    add("section_en_main", fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=2)
    # Issue record (版记): GB/T indents it one character from each side.
    add("record_zh", fontSize=11, leading=17, wordWrap="CJK", leftIndent=11, rightIndent=11)
    add("record_zh_right", fontSize=11, leading=17, alignment=TA_RIGHT, rightIndent=11)
    add(
        "record_en",
        fontSize=8,
        leading=11,
        textColor=layout.ENGLISH_GREY,
        leftIndent=11,
        rightIndent=11,
    )
    add(
        "record_en_right",
        fontSize=8,
        leading=11,
        textColor=layout.ENGLISH_GREY,
        alignment=TA_RIGHT,
        rightIndent=11,
    )
    add("record_en_main", fontSize=10, leading=15, leftIndent=11, rightIndent=11)
    add("record_en_main_right", fontSize=10, leading=15, alignment=TA_RIGHT, rightIndent=11)
    add("cell_zh", fontSize=TABLE_ZH_SIZE, leading=14, wordWrap="CJK")
    add("cell_en", fontSize=TABLE_EN_SIZE, leading=10, textColor=layout.ENGLISH_GREY)
    add(
        "cell_en_center",
        fontSize=TABLE_EN_SIZE,
        leading=10,
        textColor=layout.ENGLISH_GREY,
        alignment=TA_CENTER,
    )
    add("cell_num", fontSize=TABLE_ZH_SIZE, leading=14, alignment=TA_RIGHT)
    add("cell_center", fontSize=TABLE_ZH_SIZE, leading=14, alignment=TA_CENTER, wordWrap="CJK")
    add("cell_capital", fontSize=TABLE_ZH_SIZE + 1, leading=16, wordWrap="CJK")
    add("note", fontSize=9, leading=12, textColor=layout.NOTE_GREY, spaceBefore=2, spaceAfter=6)
    add(
        "note_center",
        fontSize=9,
        leading=12,
        textColor=layout.NOTE_GREY,
        alignment=TA_CENTER,
        spaceAfter=8,
    )
    return sheet


def para(text: str, style: str) -> Paragraph:
    """A paragraph of plain text (escaped, glyph-checked) in one of the notice styles."""
    check_drawable(text)
    return Paragraph(markup(text), notice_styles()[style])
