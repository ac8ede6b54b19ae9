"""The publicity list (公示名单) and the payment list (拨付清单) as PDF and .xlsx files.

The publicity list names team, benefit and amount only — no person, no identity number, no phone
(a talent award names the team, not the member). The payment list shows the total in figures and
in Chinese capital numerals (大写, :func:`aitown.notices.numerals.to_chinese_capital`). Each file
appears together with its audit event (``publicity.print`` / ``payment_list.print``), or not at all.

Both lists may be printed without a user (``actor`` None: ``aitown-cli publicity list --out FILE``
and ``payments print LIST --out FILE`` as issue 13 writes them). Neither holds personal data — the
publicity list is published to everyone, the payment list names companies, credit codes and
amounts, which ``payments list``/``applications list`` print without a user too — so the right is
asked only of a named user, and the event is still recorded, as done by "system" (no user), like
the automatic backup.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.labels import benefit_label
from aitown.money import format_yuan
from aitown.notices.formatting import date_en, date_zh
from aitown.notices.list_document import ListColumn, ListDocument, render_list_document
from aitown.notices.numerals import to_chinese_capital
from aitown.payout_tables import PublicityStatus
from aitown.services.actor import Actor
from aitown.services.list_export import Column, ColumnKind, Table, check_target, export_tables
from aitown.services.list_export import _publish as publish_file
from aitown.services.office import get_office
from aitown.services.payments import RIGHT as PAYMENT_RIGHT
from aitown.services.payments import PaymentListView, get_payment_list
from aitown.services.policies import active_policy
from aitown.services.publicity import RIGHT as PUBLICITY_RIGHT
from aitown.services.publicity import PublicityRow, list_publicity

FORMATS = (".pdf", ".xlsx")


def _lang(lang: str) -> str:
    return "zh" if lang.startswith("zh") else "en"


def _office_name(db: Database, lang: str) -> str:
    office = get_office(db)
    return office.name_zh if lang == "zh" else (office.name_en or office.name_zh)


def publicity_rows(db: Database, *, opened_on: dt.date | None = None) -> list[PublicityRow]:
    """What the publicity list prints: the periods now open (or those opened on ``opened_on``)."""
    if opened_on is not None:
        return [
            r for r in list_publicity(db, opened_on=opened_on) if r.status != PublicityStatus.EXEMPT
        ]
    return list_publicity(db, status=PublicityStatus.OPEN)


def _period_text(rows: list[PublicityRow], lang: str) -> tuple[str, str]:
    starts = sorted({r.opened_on for r in rows if r.opened_on})
    ends = sorted({r.ends_on for r in rows if r.ends_on})
    if not starts or not ends:
        return "", ""
    if lang == "zh":
        return date_zh(starts[0]), date_zh(ends[-1])
    return date_en(starts[0]), date_en(ends[-1])


def publicity_document(
    db: Database, rows: list[PublicityRow], lang: str, today: dt.date
) -> ListDocument:
    lang = _lang(lang)
    with db.read() as s:
        policy = active_policy(s)
    days = policy.publicity.working_days
    first, last = _period_text(rows, lang)
    office = _office_name(db, lang)
    body = rows
    if lang == "zh":
        title = "扶持资金拟支持名单公示"
        paragraphs = [
            f"根据《{policy.name_zh}》，经审核，拟对下列团队给予扶持，现予以公示。",
            (
                f"公示期为{first}至{last}（{days}个工作日）。"
                if first
                else f"公示期为{days}个工作日。"
            )
            + "公示期间，如对名单有异议，请以书面形式向本单位提出，并写明事实和理由。",
        ]
        columns = [ListColumn("序号", 6, "center"), ListColumn("团队名称", 44), ListColumn("扶持类型", 22), ListColumn("拟支持金额（元）", 22, "right")]  # fmt: skip
        document_line = f"公示期 {first} 至 {last}" if first else "公示名单"
        closing = [office, date_zh(today)]
        empty = "（无公示项目）"
        total_label = "合计"
    else:
        title = "Publicity of the proposed awards"
        paragraphs = [
            f"Under the policy '{policy.name_en}', the teams below are proposed for the awards "
            "shown. They are published for public scrutiny.",
            (
                f"The publicity period runs from {first} to {last} ({days} working days). "
                if first
                else f"The publicity period is {days} working days. "
            )  # fmt: skip
            + "Anyone objecting to an entry may write to this office during the period, stating "
            "the facts and the reasons.",
        ]
        columns = [ListColumn("No.", 6, "center"), ListColumn("Team", 44), ListColumn("Benefit", 22), ListColumn("Proposed amount (yuan)", 22, "right")]  # fmt: skip
        document_line = f"Publicity period {first} to {last}" if first else "Publicity list"
        closing = [office, date_en(today)]
        empty = "(nothing under publicity)"
        total_label = "Total"
    lines = [
        [str(i), r.team_name, benefit_label(r.benefit, lang), format_yuan(r.amount_fen)]
        for i, r in enumerate(body, start=1)
    ]
    total = [total_label, "", "", format_yuan(sum(r.amount_fen for r in body))] if body else None
    return ListDocument(
        lang=lang, office_name=office, document_line=document_line, title=title,
        paragraphs=paragraphs, columns=columns, rows=lines, total_row=total, closing=closing,
        empty_text=empty,
    )  # fmt: skip


def _publicity_table(rows: list[PublicityRow]) -> Table:
    return Table(
        name="publicity",
        title_en="Publicity of the proposed awards",
        title_zh="扶持资金拟支持名单公示",
        columns=[
            Column("team", "Team", "团队名称", width=40),
            Column("benefit", "Benefit", "扶持类型", width=18),
            Column(
                "amount", "Proposed amount (yuan)", "拟支持金额（元）", ColumnKind.MONEY, 18, True
            ),
            Column("opened_on", "Publicity from", "公示开始", ColumnKind.DATE, 12),
            Column("ends_on", "Publicity until", "公示截止", ColumnKind.DATE, 12),
        ],
        rows=[
            [r.team_name, benefit_label(r.benefit, "zh"), r.amount_fen, r.opened_on, r.ends_on]
            for r in rows
        ],
    )


def _write_pdf(db: Database, actor: Actor | None, data: bytes, target: Path, *, action: str, entity: str, after: dict[str, object]) -> None:  # fmt: skip
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        tmp.write_bytes(data)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    publish_file(db, actor, tmp, target, action=action, entity=entity, after=after)


def write_publicity_list(
    db: Database,
    actor: Actor | None,
    out: str | os.PathLike[str],
    *,
    lang: str = "zh",
    opened_on: dt.date | None = None,
    today: dt.date | None = None,
) -> int:
    """Write the publicity list to ``out`` (.pdf or .xlsx); returns the number of entries.

    ``actor`` None: printed without a user (see the module's docstring)."""
    if actor is not None:
        actor.require(PUBLICITY_RIGHT)
    target = check_target(out, FORMATS)
    rows = publicity_rows(db, opened_on=opened_on)
    lang = _lang(lang)
    if target.suffix.lower() == ".xlsx":
        table = _publicity_table(rows)
        if lang == "en":
            table.rows = [[r.team_name, benefit_label(r.benefit), r.amount_fen, r.opened_on, r.ends_on] for r in rows]  # fmt: skip
        return export_tables(db, actor, [table], target, lang=lang, formats=FORMATS, action="publicity.print")  # fmt: skip
    data = render_list_document(publicity_document(db, rows, lang, today or dt.date.today()))
    _write_pdf(db, actor, data, target, action="publicity.print", entity="publicity", after={"file": target.name, "lang": lang, "count": len(rows), "applications": [r.application_id for r in rows]})  # fmt: skip
    return len(rows)


# ----- payment lists ----------------------------------------------------------------------------


def _tranche(line_tranche: int, of: int, lang: str) -> str:
    if of == 1:
        return "一次拨付" if lang == "zh" else "single"
    return f"第{line_tranche}/{of}期" if lang == "zh" else f"{line_tranche} of {of}"


def payment_document(
    db: Database, view: PaymentListView, lang: str, today: dt.date
) -> ListDocument:
    lang = _lang(lang)
    office = _office_name(db, lang)
    total = view.total_fen
    capital = to_chinese_capital(total)
    paid = view.paid_on is not None
    facts: list[str] = []
    if lang == "zh":
        until = f"，批准日期截至{date_zh(view.approved_to)}" if view.approved_to else ""
        title = f"{benefit_label(view.benefit, 'zh')}拨付清单"
        paragraphs = [
            f"本清单列出已批准、按规定公示期满无异议并已出具通知书的{benefit_label(view.benefit, 'zh')}"
            f"申请{until}，共{len(view.lines)}笔，合计{format_yuan(total)}元。",
        ]
        if paid:
            facts = [f"付款日期：{date_zh(view.paid_on)}　银行流水号：{view.reference}"]  # type: ignore[arg-type]
        # Widths in points of the 442 pt text width, for 9 pt 仿宋: an 18-character credit code
        # and an amount up to 99,999,999.99 stay on one line, and so does a head such as 核定金额（元）
        # (in a narrower cell ReportLab hangs its closing bracket over the rule).
        columns = [ListColumn("序号", 18, "center"), ListColumn("团队名称", 108), ListColumn("统一社会信用代码", 110), ListColumn("申请编号", 30, "center"), ListColumn("期次", 40, "center"), ListColumn("核定金额（元）", 68, "right"), ListColumn("本次拨付（元）", 68, "right")]  # fmt: skip
        wide = [("合计金额（大写）", capital)]
        total_row = ["合计", "", "", "", f"{len(view.lines)}笔", "", format_yuan(total)]
        document_line = f"拨付清单 第{view.id}号"
        signatures = ["制表人", "审核人", "负责人"]
        closing = [office, date_zh(view.paid_on or today)]
    else:
        until = f", approved up to {date_en(view.approved_to)}" if view.approved_to else ""
        title = f"Payment list: {benefit_label(view.benefit)}"
        paragraphs = [
            f"This list pays the {benefit_label(view.benefit)} applications that are approved, "
            f"past their publicity without objection where required, and awarded by notice{until}: "
            f"{len(view.lines)} payments, {format_yuan(total)} yuan in all.",
        ]
        if paid:
            facts = [f"Paid on {date_en(view.paid_on)}; bank reference {view.reference}"]  # type: ignore[arg-type]
        columns = [ListColumn("No.", 5, "center"), ListColumn("Team", 27), ListColumn("Credit code", 25), ListColumn("Appl.", 7, "center"), ListColumn("Tranche", 10, "center"), ListColumn("Awarded (yuan)", 13, "right"), ListColumn("This payment (yuan)", 14, "right")]  # fmt: skip
        wide = [("Total in Chinese capitals", capital)]
        total_row = ["Total", "", "", "", f"{len(view.lines)}", "", format_yuan(total)]
        document_line = f"Payment list no. {view.id}"
        signatures = ["Prepared by", "Checked by", "Approved by"]
        closing = [office, date_en(view.paid_on or today)]
    rows = [
        [
            str(i),
            line.team_name,
            line.team_uscc,
            str(line.application_id),
            _tranche(line.tranche, line.tranches, lang),
            format_yuan(line.awarded_fen),
            format_yuan(line.amount_fen),
        ]  # fmt: skip
        for i, line in enumerate(view.lines, start=1)
    ]
    return ListDocument(
        lang=lang, office_name=office, document_line=document_line, title=title,
        paragraphs=paragraphs, columns=columns, rows=rows, total_row=total_row, wide_rows=wide,
        signatures=signatures, closing=closing, facts=facts, table_size=9 if lang == "zh" else 8.5,
    )  # fmt: skip


def _payment_table(view: PaymentListView, lang: str) -> Table:
    capital = to_chinese_capital(view.total_fen)
    return Table(
        name="payment_list",
        title_en=f"Payment list no. {view.id}: {benefit_label(view.benefit)}",
        title_zh=f"拨付清单 第{view.id}号：{benefit_label(view.benefit, 'zh')}",
        columns=[
            Column("team", "Team", "团队名称", width=36),
            Column("uscc", "Credit code", "统一社会信用代码", width=20),
            Column("application", "Application", "申请编号", ColumnKind.INT, 10),
            Column("tranche", "Tranche", "期次", width=12),
            Column("awarded", "Awarded (yuan)", "核定金额（元）", ColumnKind.MONEY, 16),
            Column("amount", "This payment (yuan)", "本次拨付（元）", ColumnKind.MONEY, 16, True),
            Column("paid_on", "Paid on", "付款日期", ColumnKind.DATE, 12),
            Column("reference", "Bank reference", "银行流水号", width=20),
        ],
        rows=[
            [
                line.team_name,
                line.team_uscc,
                line.application_id,
                _tranche(line.tranche, line.tranches, lang),
                line.awarded_fen,
                line.amount_fen,
                line.paid_on,
                line.reference,
            ]  # fmt: skip
            for line in view.lines
        ],
        notes_en=[f"Total {format_yuan(view.total_fen)} yuan; in Chinese capitals: {capital}"],
        notes_zh=[f"合计 {format_yuan(view.total_fen)} 元；大写：{capital}"],
    )


def write_payment_list(
    db: Database,
    actor: Actor | None,
    list_id: int,
    out: str | os.PathLike[str],
    *,
    lang: str = "zh",
    today: dt.date | None = None,
) -> PaymentListView:
    """Write a payment list to ``out`` (.pdf or .xlsx).

    ``actor`` None: printed without a user (see the module's docstring)."""
    if actor is not None:
        actor.require(PAYMENT_RIGHT)
    target = check_target(out, FORMATS)
    view = get_payment_list(db, list_id)
    lang = _lang(lang)
    if not view.lines:
        raise ValidationError(
            f"Payment list {list_id} has no lines.", f"拨付清单 {list_id} 没有明细。"
        )
    if target.suffix.lower() == ".xlsx":
        export_tables(db, actor, [_payment_table(view, lang)], target, lang=lang, formats=FORMATS, action="payment_list.print")  # fmt: skip
        return view
    data = render_list_document(payment_document(db, view, lang, today or dt.date.today()))
    _write_pdf(db, actor, data, target, action="payment_list.print", entity="payment_list", after={"file": target.name, "lang": lang, "list": view.id, "total": view.total_fen})  # fmt: skip
    return view
