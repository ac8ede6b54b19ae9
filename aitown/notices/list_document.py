"""A list printed as an official document (GB/T 9704 style): the publicity list (公示名单) and the
payment list (拨付清单) of issue 13.

Built on the notices' page geometry, header (版头: office name in red, a document line, the red
rule), styles and fonts, with GB/T page numbers ("— 1 —"). One language per document (``"zh"`` or
``"en"``); no verification code (the issue asks for none on these lists).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from aitown.notices import layout
from aitown.notices.canvas import page_number_text
from aitown.notices.fonts import FANG, FONT_NAME, SONG_BOLD, check_drawable, string_width
from aitown.notices.pages import HeaderLine, NoticeDocTemplate
from aitown.notices.styles import latin_markup, para


@dataclass(frozen=True)
class ListColumn:
    """A column: header, share of the width, alignment ("left", "right", "center")."""

    header: str
    width: float
    align: str = "left"


@dataclass
class ListDocument:
    """What one printed list shows, already in its language."""

    lang: str  # "zh" or "en"
    office_name: str
    document_line: str  # under the office name: the list's number or period
    title: str
    paragraphs: Sequence[str]
    columns: Sequence[ListColumn]
    rows: Sequence[Sequence[str]]
    total_row: Sequence[str] | None = None
    # Full-width rows under the total (the amount in capitals), as (label, text).
    wide_rows: Sequence[tuple[str, str]] = ()
    facts: Sequence[str] = ()  # short lines under the paragraphs (paid on, bank reference)
    closing: Sequence[str] = ()  # lines set at the right (office, date) or signature lines
    signatures: Sequence[str] = ()  # labels of the signature boxes under the table
    empty_text: str = ""
    table_size: float = 0  # the table's font size (0: 11 pt Chinese, 9 pt English)
    meta: dict[str, Any] = field(default_factory=dict)


class _PagedCanvas(Canvas):
    """GB/T page numbers: "— n —", odd pages at the right, even at the left."""

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        page = self.getPageNumber()
        number = page_number_text(page)
        self.saveState()
        self.setFont(FANG, layout.PAGE_NUMBER_SIZE)
        if page % 2:
            right = layout.PAGE_WIDTH - layout.MARGIN_RIGHT - layout.PAGE_NUMBER_INSET
            x = right - string_width(number, layout.PAGE_NUMBER_SIZE, FANG)
        else:
            x = layout.MARGIN_LEFT + layout.PAGE_NUMBER_INSET
        self.drawString(x, layout.PAGE_NUMBER_BASELINE, number)
        self.restoreState()
        super().showPage()


def _style(
    lang: str, *, align: str = "left", size: float = 11, bold: bool = False
) -> ParagraphStyle:
    alignment: Literal[0, 1, 2] = (
        TA_RIGHT if align == "right" else TA_CENTER if align == "center" else 0
    )
    return ParagraphStyle(
        f"list-{lang}-{align}-{size}-{bold}",
        fontName=(SONG_BOLD if bold else FANG) if lang == "zh" else FONT_NAME,
        fontSize=size,
        leading=size * 1.35,
        alignment=alignment,
        wordWrap="CJK" if lang == "zh" else None,
        textColor=layout.TEXT_BLACK,
    )


def _cell(
    text: str, lang: str, align: str = "left", *, size: float = 11, bold: bool = False
) -> Paragraph:
    check_drawable(text)
    style = _style(lang, align=align, size=size, bold=bold)
    return Paragraph(latin_markup(text, style.fontName), style)


def render_list_document(doc: ListDocument) -> bytes:
    """The document as PDF bytes (the same bytes for the same document)."""
    lang = doc.lang
    for text in (doc.office_name, doc.document_line, doc.title, *doc.paragraphs, *doc.closing):
        check_drawable(text)
    if lang == "zh":
        header = [
            HeaderLine(
                doc.office_name, layout.OFFICE_NAME_MAX_SIZE, layout.RED, 12 * mm, SONG_BOLD
            ),
            HeaderLine(
                doc.document_line, layout.DOCUMENT_NUMBER_SIZE - 2, layout.TEXT_BLACK, 11 * mm, FANG
            ),
        ]
    else:
        # An English list heads like an English notice: the office in the sans face, not in
        # the Song bold whose Latin letters are a serif the rest of the page does not use.
        header = [
            HeaderLine(doc.office_name, 20, layout.RED, 11 * mm),
            HeaderLine(
                doc.document_line, layout.DOCUMENT_NUMBER_SIZE - 4, layout.TEXT_BLACK, 10 * mm
            ),
        ]
    out = io.BytesIO()
    pdf = NoticeDocTemplate(
        out, header=header, header_en=None, title=doc.title, author=doc.office_name,
        subject=doc.document_line, creator="AI Town Desk",
    )  # fmt: skip
    story: list[Flowable] = []
    if lang == "zh":
        story.append(para(doc.title, "title_zh"))
        story += [para(p, "body_zh") for p in doc.paragraphs]
    else:
        story.append(para(doc.title, "title_en_main"))
        story += [para(p, "body_en_main") for p in doc.paragraphs]
    # Facts such as a bank reference: plain lines, not justified (a long code would stretch them).
    story += [_cell(f, lang, size=13 if lang == "zh" else 10.5) for f in doc.facts]
    story.append(Spacer(1, 6))
    size = doc.table_size or (11 if lang == "zh" else 9)
    widths = [layout.TEXT_WIDTH * c.width / sum(c.width for c in doc.columns) for c in doc.columns]
    data: list[list[Any]] = [
        [_cell(c.header, lang, "center", size=size, bold=True) for c in doc.columns]
    ]
    for row in doc.rows:
        data.append(
            [_cell(t, lang, c.align, size=size) for c, t in zip(doc.columns, row, strict=True)]
        )
    if not doc.rows:
        data.append([_cell(doc.empty_text, lang, size=size)] + [""] * (len(doc.columns) - 1))
    extra: list[tuple[Any, ...]] = []
    if doc.total_row is not None:
        data.append(
            [_cell(t, lang, c.align, size=size, bold=True) for c, t in zip(doc.columns, doc.total_row, strict=True)]
        )  # fmt: skip
        extra.append(("SPAN", (0, len(data) - 1), (1, len(data) - 1)))
    for label, text in doc.wide_rows:
        sep = "：" if lang == "zh" else ": "
        data.append([_cell(f"{label}{sep}{text}", lang, size=size + 1, bold=True)])
        data[-1] += [""] * (len(doc.columns) - 1)
        extra.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
    if not doc.rows:
        extra.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                ("GRID", (0, 0), (-1, -1), 0.5, layout.TABLE_LINE),
                ("BACKGROUND", (0, 0), (-1, 0), layout.TABLE_HEAD_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *extra,
            ]
        )
    )
    story.append(table)
    tail: list[Flowable] = [Spacer(1, 14)]
    if doc.signatures:
        cells = [[_cell(f"{label}：" if lang == "zh" else f"{label}:", lang, size=12 if lang == "zh" else 10) for label in doc.signatures]]  # fmt: skip
        sig = Table(
            cells, colWidths=[layout.TEXT_WIDTH / len(doc.signatures)] * len(doc.signatures)
        )
        sig.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_NAME), ("TOPPADDING", (0, 0), (-1, -1), 14)]))  # fmt: skip
        tail += [sig, Spacer(1, 14)]
    for line in doc.closing:
        tail.append(_cell(line, lang, "right", size=14 if lang == "zh" else 11))
    story.append(KeepTogether(tail))
    pdf.build(story, canvasmaker=_PagedCanvas)
    return out.getvalue()
