"""The two papers of the materials step (issue 13.2, 13.3), one A4 page each, in Chinese or English:

* the **receipt** (受理回执) the desk hands the founder when it records an application: its number,
  what was handed in, what is still missing, the desk's name and the date;
* the **correction notice** (补正通知书) of a return for correction: the items to mend and why,
  in the notices' style (the office's name in red over a red rule, the title, the addressee, the
  office and date at the foot).

Neither is a numbered official notice (no document number, no verification code): they are the
desk's papers, printed again whenever asked, from what the database holds.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from aitown.db import Database
from aitown.errors import NotFound
from aitown.labels import benefit_label
from aitown.models import Application, Office, Team, User
from aitown.money import format_yuan
from aitown.notices import layout
from aitown.notices.fonts import FANG, HEI, SONG_BOLD, register_fonts
from aitown.notices.formatting import date_en, date_zh
from aitown.services.materials import ApplicationMaterials, load_app, materials_of


@dataclass(frozen=True)
class _Paper:
    office_zh: str
    office_en: str
    team_zh: str
    team_en: str
    uscc: str
    app: Application
    recorded_by: str
    state: ApplicationMaterials


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _gather(db: Database, app_id: int) -> _Paper:
    with db.read() as s:
        app = load_app(s, app_id)
        office = s.get(Office, app.office_id)
        team = s.get(Team, app.team_id)
        assert office is not None and team is not None
        user = s.get(User, app.recorded_by)
        state = materials_of(s, app)
        s.expunge(app)
        return _Paper(
            office.name_zh,
            office.name_en or office.name_zh,
            team.name_zh,
            team.name_en or team.name_zh,
            team.uscc,
            app,
            user.name if user else "",
            state,
        )


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    register_fonts()
    zh = lang == "zh"
    body_font = FANG if zh else HEI
    size = 12 if zh else 10
    wrap = "CJK" if zh else None
    common: dict[str, Any] = {"wordWrap": wrap} if wrap else {}
    return {
        "title": ParagraphStyle(
            "title",
            fontName=SONG_BOLD if zh else HEI,
            fontSize=20 if zh else 16,
            leading=30 if zh else 22,
            alignment=TA_CENTER,
            spaceAfter=8,
            **common,
        ),
        "body": ParagraphStyle(
            "body", fontName=body_font, fontSize=size, leading=size * 1.7, **common
        ),
        "cell": ParagraphStyle(
            "cell", fontName=body_font, fontSize=size - 1, leading=(size - 1) * 1.45, **common
        ),
        "head": ParagraphStyle(
            "head", fontName=HEI, fontSize=size - 1, leading=(size - 1) * 1.45, **common
        ),
        "right": ParagraphStyle(
            "right",
            fontName=body_font,
            fontSize=size,
            leading=size * 1.7,
            alignment=TA_RIGHT,
            **common,
        ),
        "note": ParagraphStyle(
            "note",
            fontName=HEI,
            fontSize=8,
            leading=11,
            textColor=layout.NOTE_GREY,
            **common,
        ),
    }


def _letterhead(office: str, lang: str) -> Any:
    """Draws the office's name in red over the red rule (the notices' 版头) on the page."""

    def draw(canvas: Canvas, doc: Any) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(layout.RED)
        size = 22 if lang == "zh" else 16
        face = SONG_BOLD if lang == "zh" else HEI
        # A long office name is set smaller to fit between the margins.
        while canvas.stringWidth(office, face, size) > width - 50 * mm and size > 10:
            size -= 1
        canvas.setFont(face, size)
        canvas.drawCentredString(width / 2, height - 28 * mm, office)
        canvas.setStrokeColor(layout.RED)
        canvas.setLineWidth(layout.HEADER_RULE_WIDTH)
        canvas.line(25 * mm, height - 34 * mm, width - 25 * mm, height - 34 * mm)
        canvas.restoreState()

    return draw


def _document(buffer: io.BytesIO, title: str, office: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=42 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=office,
        creator="AI Town Desk",
    )


def _grid(rows: list[list[Any]], widths: list[float], *, keys: bool = False) -> Table:
    """A ruled table; its head is the first row, or with ``keys`` the first column."""
    table = Table(rows, colWidths=widths, repeatRows=0 if keys else 1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, layout.TABLE_LINE),
                ("BACKGROUND", (0, 0), (0, -1) if keys else (-1, 0), layout.TABLE_HEAD_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _date(day: dt.date, lang: str) -> str:
    return date_zh(day) if lang == "zh" else date_en(day)


def _yuan(fen: int | None, lang: str) -> str:
    if fen is None:
        return "—"
    return f"{format_yuan(fen)} 元" if lang == "zh" else f"{format_yuan(fen)} yuan"


def receipt_pdf(
    db: Database, app_id: int, lang: str = "zh", *, today: dt.date | None = None
) -> bytes:
    """The one-page receipt (受理回执) of an application, in Chinese (``zh``) or English."""
    paper = _gather(db, app_id)
    zh = lang == "zh"
    st = _styles(lang)
    day = today or dt.date.today()
    app = paper.app
    office = paper.office_zh if zh else paper.office_en
    buffer = io.BytesIO()
    title = "受理回执" if zh else "Receipt of application"
    doc = _document(buffer, title, office)
    story: list[Any] = [Paragraph(title, st["title"])]
    facts = [
        ("申请编号" if zh else "Application no.", str(app.id)),
        ("申请单位" if zh else "Applicant", paper.team_zh if zh else paper.team_en),
        ("统一社会信用代码" if zh else "Credit code", paper.uscc),
        ("申请事项" if zh else "Benefit", benefit_label(app.benefit, lang)),
        ("申请日期" if zh else "Applied on", _date(app.applied_on, lang)),
    ]
    if app.contract_amount is not None:
        facts.append(
            ("申报合同金额" if zh else "Contract amount claimed", _yuan(app.contract_amount, lang))
        )
    story.append(
        _grid(
            [
                [Paragraph(_escape(k), st["head"]), Paragraph(_escape(v), st["cell"])]
                for k, v in facts
            ],
            [45 * mm, 115 * mm],
            keys=True,
        )
    )
    story.append(Spacer(1, 5 * mm))
    head = ["材料" if zh else "Material", "要求" if zh else "Needed", "已交" if zh else "Handed in"]
    rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in head]]
    for m in paper.state.items:
        given = []
        if m.seen:
            given.append("已核验原件" if zh else "original seen")
        current = [a for a in m.attachments if a.current]
        if current:
            given.append(f"扫描件 {len(current)} 份" if zh else f"{len(current)} scan(s)")
        rows.append(
            [
                Paragraph(_escape(m.label(lang)), st["cell"]),
                Paragraph(
                    ("必交" if m.required else "选交")
                    if zh
                    else ("required" if m.required else "optional"),
                    st["cell"],
                ),
                Paragraph(
                    _escape("，".join(given) if zh else ", ".join(given))
                    or ("未交" if zh else "not yet"),
                    st["cell"],
                ),
            ]
        )
    if not paper.state.items:
        rows.append(
            [
                Paragraph(
                    "（政策未列明所需材料）" if zh else "(the policy lists no materials)",
                    st["cell"],
                ),
                "",
                "",
            ]
        )
    story.append(_grid(rows, [85 * mm, 25 * mm, 50 * mm]))
    story.append(Spacer(1, 5 * mm))
    missing_required = [m.label(lang) for m in paper.state.missing_required]
    if missing_required:
        text = (
            "尚缺必交材料：" + "、".join(missing_required) + "。请补齐后方可提交审核。"
            if zh
            else "Still missing (required): "
            + "; ".join(missing_required)
            + ". The application goes to review once they are handed in."
        )
    else:
        text = (
            "必交材料已齐全，申请将提交审核。"
            if zh
            else "Every required material has been handed in; the application goes to review."
        )
    story.append(Paragraph(_escape(text), st["body"]))
    story.append(Spacer(1, 12 * mm))
    desk = f"受理人：{paper.recorded_by}" if zh else f"Received by: {paper.recorded_by}"
    story.append(Paragraph(_escape(office), st["right"]))
    story.append(Paragraph(_escape(desk), st["right"]))
    story.append(Paragraph(_escape(_date(day, lang)), st["right"]))
    story.append(Spacer(1, 10 * mm))
    story.append(
        Paragraph(
            "本回执仅证明已收到上述材料，不代表申请获得批准。"
            if zh
            else "This receipt confirms what was handed in; it does not mean the application is approved.",
            st["note"],
        )
    )
    doc.build(story, onFirstPage=_letterhead(office, lang))
    return buffer.getvalue()


def correction_notice_pdf(
    db: Database,
    app_id: int,
    lang: str = "zh",
    *,
    round_no: int | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The correction notice (补正通知书) of a return round (default: the latest)."""
    paper = _gather(db, app_id)
    rounds = {r.round: r for r in paper.state.returns}
    if not rounds:
        raise NotFound(
            f"Application {app_id} was never returned for correction.",
            f"申请 {app_id} 从未被退回补正。",
        )
    ret = rounds.get(round_no or max(rounds))
    if ret is None:
        raise NotFound(
            f"Application {app_id} has no return round {round_no}.",
            f"申请 {app_id} 没有第 {round_no} 次退回补正。",
        )
    zh = lang == "zh"
    st = _styles(lang)
    day = today or ret.returned_at.date()
    app = paper.app
    office = paper.office_zh if zh else paper.office_en
    team = paper.team_zh if zh else paper.team_en
    labels = {m.key: m.label(lang) for m in paper.state.items}
    buffer = io.BytesIO()
    title = "补正通知书" if zh else "Notice of correction"
    doc = _document(buffer, title, office)
    story: list[Any] = [Paragraph(title, st["title"])]
    story.append(Paragraph(_escape(f"{team}：" if zh else f"To {team}:"), st["body"]))
    if zh:
        intro = (
            f"你单位于{date_zh(app.applied_on)}提交的{benefit_label(app.benefit, 'zh')}申请"
            f"（申请编号 {app.id}）经审核，材料需补正（第 {ret.round} 次）。请按下列事项补正后，"
            "将材料交回受理窗口，申请将重新审核。"
        )
    else:
        intro = (
            f"Your application no. {app.id} for a {benefit_label(app.benefit)} of "
            f"{date_en(app.applied_on)} was examined and its materials need correction (round "
            f"{ret.round}). Please hand in the items below at the desk; the application will then "
            "be examined again."
        )
    story.append(Paragraph(_escape(intro), st["body"]))
    story.append(Spacer(1, 4 * mm))
    rows: list[list[Any]] = [
        [
            Paragraph("序号" if zh else "No.", st["head"]),
            Paragraph("需补正的材料" if zh else "Item to mend", st["head"]),
        ]
    ]
    for n, key in enumerate(ret.items, start=1):
        rows.append(
            [Paragraph(str(n), st["cell"]), Paragraph(_escape(labels.get(key, key)), st["cell"])]
        )
    story.append(_grid(rows, [18 * mm, 142 * mm]))
    story.append(Spacer(1, 4 * mm))
    reason = f"补正理由：{ret.reason}" if zh else f"Reason: {ret.reason}"
    story.append(Paragraph(_escape(reason), st["body"]))
    if app.verified_contract_amount is not None:
        story.append(
            Paragraph(
                _escape(
                    f"申报合同金额 {_yuan(app.contract_amount, lang)}，核定合同金额 {_yuan(app.verified_contract_amount, lang)}。"
                    if zh
                    else f"Contract amount claimed {_yuan(app.contract_amount, lang)}; verified "
                    f"{_yuan(app.verified_contract_amount, lang)}."
                ),
                st["body"],
            )
        )
    story.append(Spacer(1, 14 * mm))
    story.append(Paragraph(_escape(office), st["right"]))
    story.append(Paragraph(_escape(_date(day, lang)), st["right"]))
    doc.build(story, onFirstPage=_letterhead(office, lang))
    return buffer.getvalue()
