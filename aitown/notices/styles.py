"""The stylesheet of the notices (GB/T 9704-2012 sizes) and ``para``, which sets a text in it.

Chinese styles (``wordWrap="CJK"``) are set by :class:`aitown.notices.cjk_text.CJKParagraph`
(the line-breaking rules, justification to the measure, the font chain); English ones by
ReportLab's Paragraph in WenQuanYi Micro Hei, with any character it lacks in the supplement font.

GB/T 9704 sizes: body 三号 (16 pt) 仿宋, 22 lines of 28 characters in the 156 × 225 mm text
area; title 二号 (22 pt) 小标宋 (FandolSong Bold stands in); headings 三号黑体; the issue record
(版记) 四号 (14 pt) 仿宋; page numbers 四号.
"""

from __future__ import annotations

import functools
from typing import Any, cast

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.platypus import Flowable, Paragraph

from aitown.notices import layout
from aitown.notices.cjk_text import CJKParagraph
from aitown.notices.fonts import FANG, HEI, SONG_BOLD, check_drawable, register_fonts, runs
from aitown.notices.formatting import markup

BODY_ZH_SIZE = 16  # 三号
TITLE_ZH_SIZE = 22  # 二号
RECORD_ZH_SIZE = 14  # 四号
BODY_EN_SIZE = 10
TABLE_ZH_SIZE = 12  # 小四
TABLE_EN_SIZE = 8
#: GB/T's grid: 22 lines in the text area's height.
LINES_PER_PAGE = 22
GRID_LEADING = layout.TEXT_HEIGHT / LINES_PER_PAGE
#: 28 characters of 16 pt are 448 pt, the measure 442.2 pt: a full line is squeezed this much
#: at most per character (GB/T fixes the count, not the size of the gaps).
BODY_SQUEEZE = 0.3


@functools.cache
def notice_styles() -> StyleSheet1:
    """Build the stylesheet once per process; styles are read-only after that."""
    default = register_fonts()
    sheet = StyleSheet1()

    def add(name: str, **kw: Any) -> None:
        kw.setdefault("fontName", default)
        kw.setdefault("textColor", layout.TEXT_BLACK)
        # ReportLab lets a line run past the margin by shrinking its spaces up to 5 %, and then
        # shrinks them only in justified text: no line may pass the margin.
        kw.setdefault("spaceShrinkage", 0)
        sheet.add(ParagraphStyle(name, **kw))

    grid = GRID_LEADING
    add(
        "title_zh",
        fontName=SONG_BOLD,
        fontSize=TITLE_ZH_SIZE,
        leading=TITLE_ZH_SIZE * 1.5,
        alignment=TA_CENTER,
        wordWrap="CJK",
        spaceAfter=4,
    )
    add(
        "title_en",
        fontSize=12,
        leading=16,
        alignment=TA_CENTER,
        textColor=layout.ENGLISH_GREY,
        spaceAfter=10,
    )
    # 主送机关: 顶格, followed by a full-width colon.
    add("addressee_zh", fontName=FANG, fontSize=BODY_ZH_SIZE, leading=grid, wordWrap="CJK")
    add(
        "addressee_en",
        fontSize=BODY_EN_SIZE,
        leading=14,
        textColor=layout.ENGLISH_GREY,
        spaceAfter=4,
    )
    add(
        "body_zh",
        fontName=FANG,
        fontSize=BODY_ZH_SIZE,
        leading=grid,
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
    # 一级标题: 三号黑体.
    add(
        "section_zh",
        fontName=HEI,
        fontSize=BODY_ZH_SIZE,
        leading=grid,
        wordWrap="CJK",
        firstLineIndent=2 * BODY_ZH_SIZE,
    )
    add(
        "section_en", fontSize=BODY_EN_SIZE, leading=13, textColor=layout.ENGLISH_GREY, spaceAfter=4
    )
    add("section_en_main", fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=2)
    # Issue record (版记): 四号仿宋, one character in from each side.
    record = RECORD_ZH_SIZE
    add(
        "record_zh",
        fontName=FANG,
        fontSize=record,
        leading=record * 1.6,
        wordWrap="CJK",
        leftIndent=record,
        rightIndent=record,
    )
    add(
        "record_zh_right",
        fontName=FANG,
        fontSize=record,
        leading=record * 1.6,
        wordWrap="CJK",
        alignment=TA_RIGHT,
        rightIndent=record,
    )
    add(
        "record_en",
        fontSize=8,
        leading=11,
        textColor=layout.ENGLISH_GREY,
        leftIndent=record,
        rightIndent=record,
    )
    add(
        "record_en_right",
        fontSize=8,
        leading=11,
        textColor=layout.ENGLISH_GREY,
        alignment=TA_RIGHT,
        rightIndent=record,
    )
    add("record_en_main", fontSize=10, leading=15, leftIndent=record, rightIndent=record)
    add("record_en_main_right", fontSize=10, leading=15, alignment=TA_RIGHT, rightIndent=record)
    cell = TABLE_ZH_SIZE
    add("cell_zh", fontName=FANG, fontSize=cell, leading=cell * 1.35, wordWrap="CJK")
    add("cell_en", fontSize=TABLE_EN_SIZE, leading=10, textColor=layout.ENGLISH_GREY)
    add(
        "cell_en_center",
        fontSize=TABLE_EN_SIZE,
        leading=10,
        textColor=layout.ENGLISH_GREY,
        alignment=TA_CENTER,
    )
    add(
        "cell_num",
        fontName=FANG,
        fontSize=cell,
        leading=cell * 1.35,
        alignment=TA_RIGHT,
        wordWrap="CJK",
    )
    add(
        "cell_center",
        fontName=FANG,
        fontSize=cell,
        leading=cell * 1.35,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    add("cell_capital", fontName=FANG, fontSize=cell + 1, leading=cell * 1.5, wordWrap="CJK")
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


def latin_markup(text: str, primary: str = HEI) -> str:
    """Paragraph markup of ``text``: escaped, any character the font lacks in the font that has it."""
    out = []
    for name, part in runs(text, primary):
        out.append(
            markup(part) if name == primary else f'<font name="{name}">{markup(part)}</font>'
        )
    return "".join(out)


def para(text: str, style: str, *, words: tuple[str, ...] = ()) -> Flowable:
    """A paragraph of plain text (glyph-checked) in one of the notice styles.

    ``words`` are kept whole when a title is broken (the team's name, for instance).
    """
    check_drawable(text)
    st = cast(ParagraphStyle, notice_styles()[style])
    if st.wordWrap == "CJK":
        squeeze = (
            BODY_SQUEEZE if st.fontSize >= BODY_ZH_SIZE and st.alignment == TA_JUSTIFY else 0.0
        )
        return CJKParagraph(text, st, squeeze=squeeze, balanced=style == "title_zh", words=words)
    return Paragraph(latin_markup(text, st.fontName), st)
