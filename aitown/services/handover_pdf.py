"""The hand-over sheet (房屋交接单) of a lease as a PDF: move-in and move-out side by side.

Set in the notices' embedded font (Chinese and English from one font), A4 portrait. ``lang`` is
``zh``, ``en`` or ``zh+en`` (the Chinese page, then the English one). Writing the PDF is recorded
in the audit log, like every list the desk prints.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from aitown.db import Database
from aitown.enums import HandoverKind
from aitown.errors import ValidationError
from aitown.money import format_yuan
from aitown.notices.fonts import register_fonts
from aitown.notices.numerals import to_chinese_capital
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.handover import HandoverRecord, HandoverSheet, handover_sheet
from aitown.services.office import get_office

LANGS = ("zh", "en", "zh+en")
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 25 * mm, 20 * mm, 22 * mm, 20 * mm

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Hand-over sheet", "房屋交接单"),
    "lease": ("Lease no.", "租约编号"),
    "tenant": ("Tenant", "承租方"),
    "uscc": ("USCC", "统一社会信用代码"),
    "unit": ("Unit", "房屋"),
    "area": ("Area", "面积"),
    "term": ("Term", "租期"),
    "rent": ("Monthly rent", "月租金"),
    "item": ("Item", "项目"),
    "move_in": ("Move-in", "入驻交接"),
    "move_out": ("Move-out", "退租交接"),
    "date": ("Date", "交接日期"),
    "keys": ("Keys", "钥匙（把）"),
    "cards": ("Access cards", "门禁卡（张）"),
    "power": ("Electricity meter (kWh)", "电表读数（千瓦时）"),
    "water": ("Water meter (m³)", "水表读数（立方米）"),
    "used": ("Used between the two", "期间用量"),
    "condition": ("Condition of the unit", "房屋状况"),
    "deposit_in": ("Deposit received", "收取押金"),
    "deposit_out": ("Deposit returned", "退还押金"),
    "deducted": ("Kept back from the deposit", "扣除押金"),
    "signatory": ("Tenant's signatory", "承租方签字人"),
    "not_yet": ("not yet recorded", "尚未登记"),
    "sign_office": ("For the office (signature, date)", "出租方（签字、日期）"),
    "sign_tenant": ("For the tenant (signature, date)", "承租方（签字、日期）"),
    "printed": ("Printed", "打印日期"),
    "yuan": ("yuan", "元"),
}


def word(key: str, lang: str) -> str:
    en, zh = WORDS[key]
    return zh if lang == "zh" else en


def _esc(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
    )


def _meter(value: int) -> str:
    return f"{value / 100:,.2f}"


def _money(fen: int, lang: str) -> str:
    text = f"{format_yuan(fen)} {word('yuan', lang)}"
    return f"{text}（{to_chinese_capital(fen)}）" if lang == "zh" and fen else text


def _day(day: dt.date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def _column(rec: HandoverRecord | None, kind: str, lang: str) -> list[str]:
    if rec is None:
        return [word("not_yet", lang)] + [""] * 7
    return [
        _day(rec.handed_on, lang),
        str(rec.keys),
        str(rec.cards),
        _meter(rec.electricity_hundredths),
        _meter(rec.water_hundredths),
        rec.condition or "—",
        _money(rec.deposit, lang),  # received at move-in, returned at move-out
        rec.tenant_signatory or "—",
    ]


def _page(sheet: HandoverSheet, lang: str, office: str, today: dt.date, font: str) -> list[Any]:
    title = ParagraphStyle("t", fontName=font, fontSize=18, leading=24, alignment=1)
    sub = ParagraphStyle("s", fontName=font, fontSize=10.5, leading=15, alignment=1)
    cell = ParagraphStyle("c", fontName=font, fontSize=9.5, leading=13)
    head = ParagraphStyle("h", parent=cell, textColor=colors.white)

    def p(text: str, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(_esc(text), style)

    tenant = sheet.team_name_zh if lang == "zh" else (sheet.team_name_en or sheet.team_name_zh)
    unit = f"{sheet.building} {sheet.unit}" if lang != "zh" else f"{sheet.building}{sheet.unit}室"
    area = f"{sheet.area_hundredths / 100:,.2f} " + ("平方米" if lang == "zh" else "m²")
    term = (
        f"{_day(sheet.start_on, lang)} 至 {_day(sheet.last_day, lang)}"
        if lang == "zh"
        else f"{sheet.start_on.isoformat()} to {sheet.last_day.isoformat()}"
    )
    width = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
    facts = Table(
        [
            [p(word("tenant", lang)), p(tenant), p(word("lease", lang)), p(str(sheet.lease_id))],
            [p(word("uscc", lang)), p(sheet.team_uscc), p(word("area", lang)), p(area)],
            [
                p(word("unit", lang)),
                p(unit),
                p(word("rent", lang)),
                p(_money(sheet.monthly_rent, lang)),
            ],
            [p(word("term", lang)), p(term), "", ""],
        ],
        colWidths=[width * 0.21, width * 0.37, width * 0.14, width * 0.28],
    )
    facts.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("SPAN", (1, 3), (3, 3)),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef2f6")),
                ("BACKGROUND", (2, 0), (2, 2), colors.HexColor("#eef2f6")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    keys = ["date", "keys", "cards", "power", "water", "condition", "deposit_in", "signatory"]
    labels = [word(k, lang) for k in keys]
    labels[6] = f"{word('deposit_in', lang)} / {word('deposit_out', lang)}"
    col_in = _column(sheet.move_in, HandoverKind.MOVE_IN, lang)
    col_out = _column(sheet.move_out, HandoverKind.MOVE_OUT, lang)
    rows: list[list[Any]] = [
        [
            p(word("item", lang), head),
            p(word("move_in", lang), head),
            p(word("move_out", lang), head),
        ]
    ]
    rows += [[p(lab), p(a), p(b)] for lab, a, b in zip(labels, col_in, col_out, strict=True)]
    if sheet.move_out is not None:
        rows.insert(
            -1, [p(word("deducted", lang)), p("—"), p(_money(sheet.move_out.deducted, lang))]
        )
        if sheet.move_in is not None:
            used_power = (
                sheet.move_out.electricity_hundredths - sheet.move_in.electricity_hundredths
            )
            used_water = sheet.move_out.water_hundredths - sheet.move_in.water_hundredths
            rows.insert(
                6,
                [
                    p(word("used", lang)),
                    p(""),
                    p(
                        f"{_meter(used_power)} kWh · {_meter(used_water)} m³"
                        if lang != "zh"
                        else f"电 {_meter(used_power)} 千瓦时 · 水 {_meter(used_water)} 立方米"
                    ),
                ],
            )
    table = Table(rows, colWidths=[width * 0.28, width * 0.36, width * 0.36], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
                ("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#eef2f6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    # Two signature lines with a gap between them (a line under each signer, not one across).
    signs = Table(
        [[p(word("sign_office", lang)), "", p(word("sign_tenant", lang))], ["", "", ""]],
        colWidths=[width * 0.44, width * 0.12, width * 0.44],
        rowHeights=[None, 20 * mm],
    )
    signs.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 1), (0, 1), 0.6, colors.black),
                ("LINEBELOW", (2, 1), (2, 1), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Paragraph(_esc(office), sub),
        Spacer(1, 2 * mm),
        Paragraph(_esc(word("title", lang)), title),
        Spacer(1, 6 * mm),
        facts,
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 10 * mm),
        signs,
        Spacer(1, 4 * mm),
        Paragraph(
            _esc(f"{word('printed', lang)}{'：' if lang == 'zh' else ': '}{_day(today, lang)}"),
            cell,
        ),
    ]


def render_handover_pdf(
    sheet: HandoverSheet, *, lang: str, office_zh: str, office_en: str, today: dt.date
) -> bytes:
    """The sheet's PDF bytes (no database, no audit: :func:`handover_pdf` does those)."""
    if lang not in LANGS:
        raise ValidationError(
            f"“{lang}” is not a language of the hand-over sheet: choose zh, en or zh+en.",
            f"“{lang}”不是交接单的语言：请选择 zh、en 或 zh+en。",
        )
    font = register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{WORDS['title'][1]} {WORDS['title'][0]} #{sheet.lease_id}",
        author=office_zh,
        creator="AI Town Desk",
        invariant=1,
    )
    story: list[Any] = []
    for index, one in enumerate(lang.split("+")):
        if index:
            story.append(PageBreak())
        office = office_zh if one == "zh" else (office_en or office_zh)
        story += _page(sheet, one, office, today, font)
    doc.build(story)
    return buffer.getvalue()


def handover_pdf(
    db: Database, actor: Actor, lease_id: int, *, lang: str = "zh+en", today: dt.date | None = None
) -> bytes:
    """The hand-over sheet of a lease as PDF bytes, recorded in the audit log."""
    actor.require("team.view")
    sheet = handover_sheet(db, lease_id)
    office = get_office(db)
    pdf = render_handover_pdf(
        sheet,
        lang=lang,
        office_zh=office.name_zh,
        office_en=office.name_en,
        today=today or dt.date.today(),
    )
    with db.write() as s:
        record_event(s, actor, "lease.handover_sheet", "lease", lease_id, after={"lang": lang})
    return pdf
