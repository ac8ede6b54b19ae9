"""The printed rent statement and payment receipt (PDF, Chinese or English), set in the notices'
font, each with its verification code (aitown.services.rent_statements / rent_accounts)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from aitown.db import Database
from aitown.labels import rent_entry_label
from aitown.models import Office, Team
from aitown.money import format_yuan
from aitown.notices.fonts import check_drawable, register_fonts
from aitown.notices.formatting import MONTHS_EN, date_en, date_zh, markup
from aitown.notices.numerals import to_chinese_capital
from aitown.services.rent_accounts import Receipt, receipt
from aitown.services.rent_statements import RentStatement, rent_statement

MARGIN = 18 * mm
GRID = colors.HexColor("#9aa4ad")
HEAD = colors.HexColor("#e4e9ee")


class _Styles:
    def __init__(self) -> None:
        font = register_fonts()
        self.office = ParagraphStyle("office", fontName=font, fontSize=11, leading=15, alignment=1)
        self.title = ParagraphStyle(
            "title", fontName=font, fontSize=18, leading=26, alignment=1, spaceAfter=2
        )
        self.sub = ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, alignment=1)
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12)
        self.num = ParagraphStyle("num", parent=self.cell, alignment=2)
        self.bold = ParagraphStyle("bold", parent=self.cell, fontSize=10, leading=13)
        self.note = ParagraphStyle("note", fontName=font, fontSize=8.5, leading=12)
        self.code = ParagraphStyle("code", fontName=font, fontSize=11, leading=15)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    check_drawable(text)
    return Paragraph(markup(text), style)


def _grid(data: list[list[Any]], widths: list[float], *, head: bool = True) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1 if head else 0)
    style: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if head:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
    table.setStyle(TableStyle(style))
    return table


def _office_names(db: Database, team_id: int) -> tuple[str, str]:
    with db.read() as s:
        team = s.get(Team, team_id)
        office = s.get(Office, team.office_id) if team else None
        return (office.name_zh, office.name_en or office.name_zh) if office else ("", "")


def _build(story: list[Any], title: str, author: str) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
        creator="AI Town Desk",
    )
    doc.build(story)
    return buffer.getvalue()


# ----- statement -------------------------------------------------------------------------------


def statement_pdf(
    db: Database, team_id: int, month: str, *, lang: str = "zh", today: dt.date | None = None
) -> bytes:
    """The team's rent statement for ``month`` as a PDF in ``lang`` (``zh`` or ``en``)."""
    st = rent_statement(db, team_id, month)
    office_zh, office_en = _office_names(db, team_id)
    return render_statement(
        st, office_zh if lang.startswith("zh") else office_en, lang=lang, today=today
    )


def render_statement(
    st: RentStatement, office: str, *, lang: str = "zh", today: dt.date | None = None
) -> bytes:
    zh = lang.startswith("zh")
    y = _Styles()
    printed = today or dt.date.today()
    year, mon = st.month.split("-")

    def t(en: str, cn: str) -> str:
        return cn if zh else en

    def money(fen: int) -> Paragraph:
        return _p(format_yuan(fen), y.num)

    story: list[Any] = [
        _p(office, y.office),
        _p(t("Rent statement", "租金对账单"), y.title),
        _p(
            f"{int(year)}年{int(mon)}月" if zh else f"{MONTHS_EN[int(mon) - 1]} {year}",
            y.sub,
        ),
        Spacer(1, 5 * mm),
    ]
    width = A4[0] - 2 * MARGIN
    story.append(
        _grid(
            [
                [
                    _p(t("Tenant", "租户"), y.cell),
                    _p(
                        st.team_name
                        if zh or not st.team_name_en
                        else f"{st.team_name_en} ({st.team_name})",
                        y.cell,
                    ),
                ],
                [_p(t("Credit code", "统一社会信用代码"), y.cell), _p(st.uscc, y.cell)],
                [
                    _p(t("Period", "账单期间"), y.cell),
                    _p(
                        f"{date_zh(st.first_day)}至{date_zh(st.last_day)}"
                        if zh
                        else f"{date_en(st.first_day)} to {date_en(st.last_day)}",
                        y.cell,
                    ),
                ],
                [
                    _p(t("Date of this statement", "出具日期"), y.cell),
                    _p(date_zh(printed) if zh else date_en(printed), y.cell),
                ],
            ],
            [width * 0.28, width * 0.72],
            head=False,
        )
    )
    story.append(Spacer(1, 5 * mm))
    story.append(
        _p(t("Rent and waiver (§2.2), month by month", "本月租金及减免（第2.2条）"), y.bold)
    )
    story.append(Spacer(1, 2 * mm))
    rows: list[list[Any]] = [
        [
            _p(t("Unit", "单元"), y.cell),
            _p(t("Lease month", "租期月份"), y.cell),
            _p(t("Rent, waiver, due", "租金、减免、应缴"), y.cell),
            _p(t("Due (yuan)", "应缴（元）"), y.num),
        ]
    ]
    for line in st.lines:
        period = f"{line.month_start.isoformat()} – {line.month_end.isoformat()}"
        rows.append(
            [
                _p(line.unit, y.cell),
                _p(
                    f"第{line.month}个月 {period}" if zh else f"month {line.month}, {period}",
                    y.cell,
                ),
                _p(line.text(lang), y.cell),
                money(line.due_fen),
            ]
        )
    if not st.lines:
        rows.append(
            [_p(t("No rent billed this month", "本月无应缴租金"), y.cell), "", "", money(0)]
        )
    story.append(_grid(rows, [width * 0.18, width * 0.22, width * 0.45, width * 0.15]))
    story.append(Spacer(1, 5 * mm))

    moves = [
        (e.on, rent_entry_label(e.kind, lang), e.reference, e.amount_fen)
        for e in sorted(st.receivables + st.payments, key=lambda e: (e.on, e.id))
    ]
    if moves:
        story.append(_p(t("Payments and amounts due this month", "本月收款及应收款"), y.bold))
        story.append(Spacer(1, 2 * mm))
        data: list[list[Any]] = [
            [
                _p(t("Date", "日期"), y.cell),
                _p(t("Item", "项目"), y.cell),
                _p(t("Reference", "凭证号"), y.cell),
                _p(t("Amount (yuan)", "金额（元）"), y.num),
            ]
        ]
        for on, what, ref, fen in moves:
            data.append([_p(on.isoformat(), y.cell), _p(what, y.cell), _p(ref, y.cell), money(fen)])
        story.append(_grid(data, [width * 0.18, width * 0.37, width * 0.30, width * 0.15]))
        story.append(Spacer(1, 5 * mm))

    closing_label = (
        t("Arrears at the end of the month", "期末欠缴")
        if st.closing_fen >= 0
        else t("Paid in advance at the end of the month", "期末预缴")
    )
    summary = [
        (t("Brought forward (owed at the start of the month)", "上期结转欠缴"), st.opening_fen),
        (t("Rent this month", "本月租金"), st.charged_fen),
        (t("Waived this month (§2.2)", "本月减免（第2.2条）"), -st.waived_fen),
        (t("Waiver repayment due (§2.5)", "应退还减免租金（第2.5条）"), st.receivable_fen),
        (t("Received this month", "本月已收"), -st.paid_fen),
        (closing_label, abs(st.closing_fen)),
        (t("Deposit held", "押金余额"), st.deposit_held_fen),
    ]
    data = [[_p(label, y.cell), money(fen)] for label, fen in summary]
    grid = _grid(data, [width * 0.7, width * 0.3], head=False)
    grid.setStyle(TableStyle([("BACKGROUND", (0, 5), (-1, 5), HEAD)]))
    story.append(grid)
    story.append(Spacer(1, 8 * mm))
    story.append(
        _p(
            t(f"Verification code: {st.verification_code}", f"验证码：{st.verification_code}"),
            y.code,
        )
    )
    story.append(
        _p(
            t(
                "The office confirms with this code that the statement is the one its rent account "
                "gives for this month; a payment recorded later changes the code.",
                "本中心可凭此验证码核验本对账单与租金账户一致；其后登记的收款会使验证码改变。",
            ),
            y.note,
        )
    )
    return _build(story, t("Rent statement", "租金对账单") + f" {st.month}", office)


# ----- receipt ---------------------------------------------------------------------------------


def receipt_pdf(db: Database, entry_id: int, *, lang: str = "zh") -> bytes:
    """The receipt of a recorded payment or deposit as a PDF in ``lang``."""
    return render_receipt(receipt(db, entry_id), lang=lang)


def render_receipt(r: Receipt, *, lang: str = "zh") -> bytes:
    zh = lang.startswith("zh")
    y = _Styles()

    def t(en: str, cn: str) -> str:
        return cn if zh else en

    width = A4[0] - 2 * MARGIN
    office = r.office_name_zh if zh else (r.office_name_en or r.office_name_zh)
    amount = f"{format_yuan(r.amount_fen)} 元" if zh else f"CNY {format_yuan(r.amount_fen)}"
    rows = [
        (t("Receipt no.", "收据编号"), r.number),
        (t("Received from", "交款单位"), r.team_name if zh else r.team_name_en or r.team_name),
        (t("Credit code", "统一社会信用代码"), r.uscc),
        (t("For", "款项"), rent_entry_label(r.kind, lang)),
        (t("Amount", "金额（小写）"), amount),
    ]
    if zh:
        rows.append(("金额（大写）", to_chinese_capital(r.amount_fen)))
    rows += [
        (t("Date received", "收款日期"), date_zh(r.on) if zh else date_en(r.on)),
        (t("Reference", "凭证号"), r.reference or "—"),
        (t("Received by", "收款人"), r.recorded_by),
    ]
    story: list[Any] = [
        _p(office, y.office),
        _p(t("Payment receipt", "收款收据"), y.title),
        Spacer(1, 5 * mm),
        _grid(
            [[_p(a, y.cell), _p(b, y.cell)] for a, b in rows],
            [width * 0.3, width * 0.7],
            head=False,
        ),
        Spacer(1, 8 * mm),
        _p(
            t(f"Verification code: {r.verification_code}", f"验证码：{r.verification_code}"), y.code
        ),
        _p(
            t(
                "The office confirms with this code that it recorded this payment.",
                "本中心可凭此验证码核验该笔收款确已登记。",
            ),
            y.note,
        ),
    ]
    return _build(story, t("Payment receipt", "收款收据") + f" {r.number}", office)
