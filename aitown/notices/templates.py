"""The notice template: how a :class:`NoticeDocument` becomes pages, with hooks for each kind.

:class:`NoticeTemplate` lays out what every notice has (header, title, addressee, body, amounts,
signature and seal, issue record); a subclass per kind (aitown/notices/kinds.py) says what the
kind adds: its amount label, its tables, what it requires. ``template_for(kind)`` finds it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from typing import ClassVar

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Table,
    TableStyle,
)

from aitown.errors import ValidationError
from aitown.notices import layout
from aitown.notices.canvas import FooterInfo, NoticeCanvas
from aitown.notices.document import EN_PAGE, NoticeDocument
from aitown.notices.flowables import ClosingBlock, Rule, SignatureBlock, SignatureLine
from aitown.notices.fonts import FANG, FONT_NAME, SONG_BOLD, check_drawable
from aitown.notices.formatting import date_en, date_zh
from aitown.notices.pages import FIRST_EN, HeaderLine, NoticeDocTemplate
from aitown.notices.seal import load_seal_image
from aitown.notices.styles import BODY_ZH_SIZE, para
from aitown.notices.tables import Lang, facts_table, main_amount_table

TRANSLATION_NOTE = (
    "English version, for information. The Chinese version on the preceding page(s) prevails."
)

# Room a section heading needs below it (itself and a few table rows), or it starts a new page.
SECTION_MIN_ROOM = 40 * mm

_REGISTRY: dict[str, type[NoticeTemplate]] = {}


def register(*kinds: str) -> Callable[[type[NoticeTemplate]], type[NoticeTemplate]]:
    """Class decorator: the template renders notices of these kinds."""

    def decorate(cls: type[NoticeTemplate]) -> type[NoticeTemplate]:
        for kind in kinds:
            _REGISTRY[kind] = cls
        return cls

    return decorate


def template_for(kind: str) -> type[NoticeTemplate]:
    """The template class of a notice kind."""
    # The kinds register themselves when their module is imported.
    import aitown.notices.kinds  # noqa: F401

    try:
        return _REGISTRY[kind]
    except KeyError:
        raise ValidationError(
            f"There is no notice template for the kind “{kind}”.",
            f"没有“{kind}”类通知书的模板。",
            field="kind",
        ) from None


class NoticeTemplate:
    """Base template; each kind overrides the hooks below."""

    #: The main amount's label, Chinese and English (e.g. 资助金额 / Grant amount).
    amount_label: ClassVar[tuple[str, str]] = ("金额", "Amount")
    #: Whether a notice of this kind must state a main amount.
    requires_amount: ClassVar[bool] = False

    def __init__(self, doc: NoticeDocument) -> None:
        self.doc = doc

    # ----- hooks -----------------------------------------------------------------------------

    def validate(self) -> None:
        """Refuse a document that lacks what this kind must show."""
        if self.requires_amount and self.doc.main_amount_fen is None:
            raise ValidationError(
                f"A {self.doc.kind} notice must state its amount (main_amount_fen).",
                f"此类通知书（{self.doc.kind}）必须写明金额（main_amount_fen）。",
                field="main_amount_fen",
            )

    def kind_sections(self, lang: Lang) -> list[Flowable]:
        """What this kind adds after the body and the facts table, before the main amount
        (a rent waiver's schedule, a rejection's failed rules)."""
        return []

    def closing_sections(self, lang: Lang) -> list[Flowable]:
        """Anything after the main amount and before the signature."""
        return []

    # ----- rendering -------------------------------------------------------------------------

    def render(self) -> bytes:
        """The notice as PDF bytes; the same document always gives the same bytes."""
        self.validate()
        for name, text in self.doc.texts():
            check_drawable(text, what=name)
        d = self.doc
        seal_image = load_seal_image(d.seal_png, d.seal_sha256) if d.seal_png is not None else None
        if d.seal_sha256 is not None and seal_image is None:
            raise ValidationError(
                "The notice names a seal image but was given none: issue it again.",
                "通知书载有印章图片，但未提供该图片：请重新出具。",
                field="seal_image",
            )
        out = io.BytesIO()
        pdf = NoticeDocTemplate(
            out,
            header=self.header_lines("both" if d.language_mode != EN_PAGE else "zh"),
            header_en=self.header_lines("en") if d.language_mode == EN_PAGE else None,
            title=f"{d.title_zh}（{d.document_number}）",
            author=d.office_name_zh
            if d.office_name_en == d.office_name_zh
            else f"{d.office_name_zh} / {d.office_name_en}",
            subject=f"{d.title_en} — {d.addressee_zh}",
            keywords=f"{d.document_number} {d.verification_code}",
            creator="AI Town Desk",
        )
        footer = FooterInfo(
            document_number=d.document_number,
            verification_code=d.verification_code,
            issue_date=d.issue_date,
            canonical_json=d.canonical_json(),
        )
        pdf.build(self.story(seal_image), canvasmaker=partial(NoticeCanvas, footer=footer))
        return out.getvalue()

    def story(self, seal_image: ImageReader | None = None) -> list[Flowable]:
        """All flowables, in order: one bilingual part, or a Chinese part then an English one."""
        if self.doc.language_mode != EN_PAGE:
            return self.part("both", seal_image)
        return [
            *self.part("zh", seal_image),
            NextPageTemplate(FIRST_EN),
            PageBreak(),
            *self.part("en", None),
        ]

    def header_lines(self, lang: Lang) -> list[HeaderLine]:
        d = self.doc
        number = HeaderLine(
            d.document_number, layout.DOCUMENT_NUMBER_SIZE, layout.TEXT_BLACK, 12 * mm, FANG
        )
        if lang == "en":
            return [HeaderLine(d.office_name_en, 20, layout.RED, 11 * mm), number]
        office = HeaderLine(
            d.office_name_zh, layout.OFFICE_NAME_MAX_SIZE, layout.RED, 12 * mm, SONG_BOLD
        )
        if lang == "zh" or d.office_name_en == d.office_name_zh:
            # An office without an English name prints its name once, not twice.
            return [office, number]
        office_en = HeaderLine(d.office_name_en, layout.OFFICE_NAME_EN_SIZE, layout.RED, 7 * mm)
        return [office, office_en, number]

    def part(self, lang: Lang, seal_image: ImageReader | None) -> list[Flowable]:
        """Title, addressee, body, facts, kind sections, main amount, signature, issue record."""
        d = self.doc
        story: list[Flowable] = []
        if lang == "en":
            story += [para(d.title_en, "title_en_main"), para(TRANSLATION_NOTE, "note_center")]
            story.append(para(f"To: {d.addressee_en}", "addressee_en_main"))
        else:
            story.append(para(d.title_zh, "title_zh", words=(d.addressee_zh, d.office_name_zh)))
            if lang == "both":
                story.append(para(d.title_en, "title_en"))
            story.append(para(f"{d.addressee_zh}：", "addressee_zh"))
            if lang == "both":
                story.append(para(f"To: {d.addressee_en}", "addressee_en"))
        story += self.paragraphs(d.body_zh, d.body_en, lang)
        if d.amounts:
            story += facts_table(d.amounts, lang)
        story += self.kind_sections(lang)
        if d.main_amount_fen is not None:
            story += main_amount_table(d.main_amount_fen, self.amount_label, lang)
        story += self.closing_sections(lang)
        story += self.paragraphs(d.closing_zh, d.closing_en, lang)
        # The signature may not stand alone at the top of a page (GB/T 9704): it keeps the last
        # flowable (a table's tail, see tables._stack, or the last paragraph) with it, and a last
        # English paragraph keeps its Chinese one. An explicit KeepTogether, since ReportLab's
        # keepWithNext skips a flowable that is itself a KeepTogether (the main amount table).
        take = (
            2
            if (_style_name(story[-1]) == "body_en" and _style_name(story[-2]) == "body_zh")
            else 1
        )
        tail: list[Flowable] = []
        for flowable in story[-take:]:
            # KeepTogether keeps its flowables in _content (ReportLab's own name, not declared).
            content: list[Flowable] = getattr(flowable, "_content", [flowable])  # noqa: B009
            tail += content if isinstance(flowable, KeepTogether) else [flowable]
        del story[-take:]
        closing = ClosingBlock(self.signature(lang, seal_image), self.issue_record(lang))
        story.append(KeepTogether([*tail, closing]))
        return story

    def paragraphs(self, zh: tuple[str, ...], en: tuple[str, ...], lang: Lang) -> list[Flowable]:
        """Body paragraphs: each English one under its Chinese one, or one language alone."""
        if lang == "en":
            return [para(text, "body_en_main") for text in en]
        out: list[Flowable] = []
        for zh_text, en_text in zip(zh, en, strict=True):
            zh_para = para(zh_text, "body_zh")
            out.append(zh_para)
            if lang == "both":
                zh_para.keepWithNext = True  # a translation never starts the next page alone
                out.append(para(en_text, "body_en"))
        return out

    def section_heading(self, zh: str, en: str, lang: Lang) -> list[Flowable]:
        """A heading in the language(s) of the part, never alone at the foot of a page.

        A conditional page break rather than keepWithNext: keeping the heading with a whole
        long table would move the table to the next page and leave this one half empty.
        """
        heading: list[Flowable] = [CondPageBreak(SECTION_MIN_ROOM)]
        if lang == "en":
            heading.append(para(en, "section_en_main"))
        elif lang == "zh":
            heading.append(para(zh, "section_zh"))
        else:
            heading += [para(zh, "section_zh"), para(en, "section_en")]
        return heading

    def signature(self, lang: Lang, seal_image: ImageReader | None) -> SignatureBlock:
        d = self.doc
        if lang == "en":
            lines = [
                SignatureLine(d.office_name_en, 11),
                SignatureLine(date_en(d.issue_date), 11, is_date=True),
            ]
            # The English version is a translation: the office stamps the Chinese one.
            return SignatureBlock(lines)
        size = BODY_ZH_SIZE
        lines = [SignatureLine(d.office_name_zh, size, font=FANG)]
        if lang == "both":
            lines.append(SignatureLine(d.office_name_en, 9, layout.ENGLISH_GREY))
        lines.append(SignatureLine(date_zh(d.issue_date), size, font=FANG, is_date=True))
        if lang == "both":
            lines.append(SignatureLine(date_en(d.issue_date), 9, layout.ENGLISH_GREY))
        return SignatureBlock(lines, seal_image=seal_image, seal_mark=d.seal_mark)

    def issue_record(self, lang: Lang) -> list[Flowable]:
        """The 版记 at the foot of the last page: copied to, and who issued it on which day."""
        d = self.doc
        rows: list[Flowable] = [Rule(layout.ISSUE_RECORD_THICK_RULE)]
        if d.copied_to_zh:
            if lang != "en":
                rows.append(para("抄送：" + "，".join(d.copied_to_zh) + "。", "record_zh"))
            if lang != "zh":
                style = "record_en_main" if lang == "en" else "record_en"
                rows.append(para("Copied to: " + "; ".join(d.copied_to_en) + ".", style))
            rows.append(Rule(layout.ISSUE_RECORD_THIN_RULE))
        cells: list[list[Flowable]] = []
        if lang != "en":
            cells.append(
                [
                    para(d.office_name_zh, "record_zh"),
                    para(f"{date_zh(d.issue_date)}印发", "record_zh_right"),
                ]
            )
        if lang != "zh":
            style = "record_en_main" if lang == "en" else "record_en"
            cells.append(
                [
                    para(f"Issued by {d.office_name_en}", style),
                    para(date_en(d.issue_date), style + "_right"),
                ]
            )
        table = Table(cells, colWidths=[layout.TEXT_WIDTH * 0.68, layout.TEXT_WIDTH * 0.32])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ]
            )
        )
        rows += [table, Rule(layout.ISSUE_RECORD_THICK_RULE)]
        return rows


def _style_name(flowable: Flowable) -> str | None:
    style = getattr(flowable, "style", None)
    return getattr(style, "name", None)
