"""Recording rent received and deposits, the list of arrears, and verifying a receipt.

A payment's receipt carries a verification code like a notice's: an HMAC of the receipt's
content with the office's key (aitown.notices.verification), stored with the payment, so the
code printed on a receipt can be checked against the account later.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import RentEntryKind
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import rent_entry_label, team_status_label
from aitown.models import Lease, Office, Team, User
from aitown.money import format_yuan, parse_yuan
from aitown.notices.verification import parse_code, verification_code
from aitown.rent_tables import RentEntry
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.list_export import Column, Table, lang_of
from aitown.services.list_export import ColumnKind as K
from aitown.services.rent_statements import deposit_held, entry_rows, rent_lines
from aitown.validation import optional_text, parse_optional_date

# What the desk records by hand; a §2.5 repayment is entered only by leaving the town.
RECORDABLE = (
    RentEntryKind.PAYMENT,
    RentEntryKind.DEPOSIT_RECEIVED,
    RentEntryKind.DEPOSIT_RETURNED,
)


@dataclass(frozen=True)
class Receipt:
    """A recorded payment as its receipt prints it."""

    entry_id: int
    number: str  # 收据编号: RC-<year>-<entry id>
    kind: str
    team_id: int
    team_name: str
    team_name_en: str
    uscc: str
    on: dt.date
    amount_fen: int
    reference: str
    recorded_by: str
    office_name_zh: str
    office_name_en: str
    verification_code: str


def receipt_content(entry: RentEntry, team: Team) -> str:
    """What a receipt's code signs (canonical JSON)."""
    return json.dumps(
        {
            "receipt": entry.id,
            "uid": entry.uid,
            "kind": entry.kind,
            "team_uscc": team.uscc,
            "on": entry.on_date.isoformat(),
            "amount_fen": entry.amount,
            "reference": entry.reference,
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def record_payment(
    db: Database,
    actor: Actor,
    team_id: int,
    amount: str,
    *,
    on: str | dt.date | None = None,
    kind: str = RentEntryKind.PAYMENT,
    reference: str = "",
    lease_id: int | None = None,
) -> int:
    """Record rent received (or a deposit received / returned) for a team (desk staff); returns
    the entry's id, whose receipt :func:`receipt` gives. A date in the future is refused; a
    deposit returned may not exceed the deposit held."""
    actor.require("rent.record")
    if kind not in RECORDABLE:
        raise ValidationError(
            f"“{kind}” cannot be recorded here: use payment, deposit_received or deposit_returned.",
            f"“{kind}”不能在此登记：请使用收款、收取押金或退还押金。",
            field="kind",
        )
    fen = parse_yuan(amount, what="amount", allow_zero=False)
    day = parse_optional_date(on, what="date received", field_name="on") or dt.date.today()
    if day > dt.date.today():
        raise ValidationError(
            f"The date {day} is in the future; record money when it has been received.",
            f"日期 {day} 晚于今天：请在实际收到款项后登记。",
            field="on",
        )
    ref = optional_text(
        reference, what="reference", what_zh="凭证号", field_name="reference", max_len=200
    )
    with db.write() as s:
        team = s.get(Team, team_id)
        if team is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        if lease_id is not None:
            lease = s.get(Lease, lease_id)
            if lease is None or lease.team_id != team_id:
                raise ValidationError(
                    "That lease is not this team's.", "该租约不属于此团队。", field="lease_id"
                )
        if kind == RentEntryKind.DEPOSIT_RETURNED:
            held = deposit_held(entry_rows(s, team_id))
            if fen > held:
                raise ConflictError(
                    f"The deposit held for {team.name_zh} is {format_yuan(held)} yuan; "
                    f"{format_yuan(fen)} yuan cannot be returned.",
                    f"{team.name_zh}的押金余额为 {format_yuan(held)} 元，不能退还 {format_yuan(fen)} 元。",
                    field="amount",
                )
        assert actor.user_id is not None
        entry = RentEntry(
            office_id=actor.office_id,
            team_id=team_id,
            lease_id=lease_id,
            kind=kind,
            on_date=day,
            amount=fen,
            reference=ref,
            recorded_by=actor.user_id,
        )
        s.add(entry)
        s.flush()
        office = s.get(Office, actor.office_id)
        assert office is not None
        entry.verification_code = verification_code(office.secret_key, receipt_content(entry, team))
        record_event(
            s,
            actor,
            "rent.record",
            "rent_entry",
            entry.id,
            after={
                "team_id": team_id,
                "kind": kind,
                "on": day,
                "amount": fen,
                "reference": ref,
                "verification_code": entry.verification_code,
            },
        )
        return entry.id


def _receipt(s: Session, entry: RentEntry) -> Receipt:
    team = s.get(Team, entry.team_id)
    office = s.get(Office, entry.office_id)
    user = s.get(User, entry.recorded_by)
    assert team is not None and office is not None
    return Receipt(
        entry_id=entry.id,
        number=f"RC-{entry.on_date.year}-{entry.id:06d}",
        kind=entry.kind,
        team_id=team.id,
        team_name=team.name_zh,
        team_name_en=team.name_en or "",
        uscc=team.uscc,
        on=entry.on_date,
        amount_fen=entry.amount,
        reference=entry.reference,
        recorded_by=user.name if user else "",
        office_name_zh=office.name_zh,
        office_name_en=office.name_en or "",
        verification_code=entry.verification_code or "",
    )


def receipt(db: Database, entry_id: int) -> Receipt:
    """The receipt of a recorded payment or deposit (a receivable has no receipt)."""
    with db.read() as s:
        entry = s.get(RentEntry, entry_id)
        if entry is None or entry.kind == RentEntryKind.REPAYMENT:
            raise NotFound(
                f"There is no payment no. {entry_id} to print a receipt for.",
                f"没有编号为 {entry_id} 的收款，无法打印收据。",
            )
        return _receipt(s, entry)


def verify_receipt(db: Database, code: str) -> Receipt | None:
    """The receipt a code printed on paper belongs to, if it is genuine and unchanged."""
    wanted = parse_code(code)
    if wanted is None:
        return None
    with db.read() as s:
        return receipt_for_code(s, wanted)


def receipt_for_code(s: Session, code: str) -> Receipt | None:
    """:func:`verify_receipt` inside a read (``code`` already in its canonical form): the notices'
    check asks it when no notice has the code, so one code box serves notices and receipts."""
    entry = s.scalar(select(RentEntry).where(RentEntry.verification_code == code))
    if entry is None:
        return None
    team = s.get(Team, entry.team_id)
    office = s.get(Office, entry.office_id)
    assert team is not None and office is not None
    if verification_code(office.secret_key, receipt_content(entry, team)) != code:
        return None  # the row was changed behind the application's back
    return _receipt(s, entry)


def team_entries(db: Database, team_id: int) -> list[dict[str, Any]]:
    """Every entry of the team's account, oldest first, as plain rows."""
    with db.read() as s:
        return [
            {
                "id": e.id,
                "kind": e.kind,
                "kind_label": rent_entry_label(e.kind),
                "on": e.on,
                "amount_fen": e.amount_fen,
                "reference": e.reference,
                "verification_code": e.verification_code,
            }
            for e in entry_rows(s, team_id)
        ]


# ----- arrears ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArrearsRow:
    team_id: int
    team_name: str
    uscc: str
    status: str
    charged_fen: int  # rent billed to date, less the waiver
    receivable_fen: int  # §2.5 repayments
    paid_fen: int
    arrears_fen: int
    oldest_unpaid: dt.date | None  # the start of the oldest lease month not fully paid


def arrears(db: Database, *, as_of: dt.date | None = None) -> list[ArrearsRow]:
    """Every team owing rent or a repayment on ``as_of`` (default today), the largest first.

    Payments settle the oldest charges first, so ``oldest_unpaid`` is the first lease month
    the payments so far do not cover."""
    day = as_of or dt.date.today()
    out: list[ArrearsRow] = []
    with db.read() as s:
        team_ids = set(s.scalars(select(Lease.team_id))) | set(s.scalars(select(RentEntry.team_id)))
        for team in s.scalars(select(Team).where(Team.id.in_(sorted(team_ids)))):
            lines = rent_lines(s, team, until=day)
            entries = entry_rows(s, team.id, until=day)
            charges = [(x.month_start, x.due_fen) for x in lines] + [
                (e.on, e.amount_fen) for e in entries if e.kind == RentEntryKind.REPAYMENT
            ]
            charges.sort()
            paid = sum(e.amount_fen for e in entries if e.kind == RentEntryKind.PAYMENT)
            charged = sum(c for _d, c in charges)
            if charged - paid <= 0:
                continue
            covered, oldest = paid, None
            for start, fen in charges:
                if covered >= fen:
                    covered -= fen
                    continue
                oldest = start
                break
            receivable = sum(e.amount_fen for e in entries if e.kind == RentEntryKind.REPAYMENT)
            out.append(
                ArrearsRow(
                    team_id=team.id,
                    team_name=team.name_zh,
                    uscc=team.uscc,
                    status=team.status,
                    charged_fen=charged - receivable,
                    receivable_fen=receivable,
                    paid_fen=paid,
                    arrears_fen=charged - paid,
                    oldest_unpaid=oldest,
                )
            )
    out.sort(key=lambda r: (-r.arrears_fen, r.team_id))
    return out


ARREARS_COLUMNS = (
    Column("team_name", "Tenant", "租户", width=30),
    Column("uscc", "Credit code", "统一社会信用代码", width=20),
    Column("status", "Status", "状态", width=9),
    Column("charged_fen", "Rent due to date (yuan)", "应缴租金（元）", K.MONEY, 15, total=True),
    Column("receivable_fen", "Repayment due (yuan)", "应退减免（元）", K.MONEY, 14, total=True),
    Column("paid_fen", "Paid (yuan)", "已缴（元）", K.MONEY, 14, total=True),
    Column("arrears_fen", "Arrears (yuan)", "欠缴（元）", K.MONEY, 14, total=True),
    Column("oldest_unpaid", "Unpaid since", "最早欠缴月", K.DATE, 11),
)


def arrears_table(
    db: Database, actor: Actor, *, as_of: dt.date | None = None, lang: str = "en"
) -> Table:
    """The list of arrears, for list_export.export_tables (.xlsx) or print_tables (PDF)."""
    actor.require("team.view")
    lang = lang_of(lang)
    day = as_of or dt.date.today()
    rows = []
    for r in arrears(db, as_of=day):
        row: list[Any] = [getattr(r, c.key) for c in ARREARS_COLUMNS]
        row[2] = team_status_label(r.status, lang)
        rows.append(row)
    notes_en = [f"As of {day.isoformat()}; rent less the waiver (§2.2), plus §2.5 repayments."]
    notes_zh = [f"截至 {day.isoformat()}；租金已扣除减免（第2.2条），含第2.5条应退还的减免租金。"]
    return Table(
        "rent_arrears", "Rent arrears", "租金欠缴清单", ARREARS_COLUMNS, rows, notes_en, notes_zh
    )
