"""A tenant's rent account: what each month charges, what the waiver takes off, what was paid.

How the account is worked out (nothing of it is stored but the payments, deposits and §2.5
receivables, aitown.rent_tables):

- Rent is billed per lease month (month *n* of a lease runs from ``add_months(start, n-1)`` to
  the day before ``add_months(start, n)``, as the waiver counts them: aitown.policy.dates), on the
  statement of the calendar month the lease month starts in. A lease month cut short by the
  lease's (early) end is billed by its days, ``rent × days / days in that month``, rounded half
  up to the fen, exactly as §2.2's schedule waives a part month.
- The waiver applied to a lease month is that month's row of the rent waiver's schedule
  (aitown.policy.rent_waiver), to the fen: "本月租金 X，减免 100%/50%，应缴 Y". A waiver counts
  while held (approved, forgone), and also once revoked with a §2.5 repayment: the rent it waived
  was waived, and the repayment, a receivable on the same account, asks it back.
- The balance carried from month to month is everything charged (rent less waiver, plus
  receivables) less everything paid; arrears are a positive balance. Deposits are held apart.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit, RentEntryKind
from aitown.errors import NotFound, ValidationError
from aitown.models import Application, Lease, Office, Space, Team
from aitown.money import format_yuan
from aitown.notices.verification import verification_code
from aitown.policy.dates import days_inclusive, overlap, period_month
from aitown.policy.rent_waiver import WaiverRow, rent_waiver_schedule, round_half_up
from aitown.rent_tables import RentEntry
from aitown.services.facts import lease_facts
from aitown.services.policies import active_policy
from aitown.services.rent_waivers import HOLDING


@dataclass(frozen=True)
class RentLine:
    """One lease month billed: its rent for the days billed, the waiver, what is due (fen)."""

    lease_id: int
    unit: str
    month: int  # the lease's own month number (1-based)
    month_start: dt.date
    month_end: dt.date
    days_billed: int
    days_in_month: int
    rent_fen: int  # the lease's monthly rent
    charged_fen: int
    ratio: Decimal | None  # the waiver's phase (1, 0.5) or None without a waiver
    waived_fen: int

    @property
    def due_fen(self) -> int:
        return self.charged_fen - self.waived_fen

    def text(self, lang: str = "en") -> str:
        """``本月租金 10,000.00 元，减免 100%，应缴 0.00 元`` (§2.2, line by line)."""
        zh = lang.startswith("zh")
        part = ""
        if self.days_billed < self.days_in_month:
            part = (
                f"（按 {self.days_billed}/{self.days_in_month} 天）"
                if zh
                else f" ({self.days_billed} of {self.days_in_month} days)"
            )
        pct = f"{self.ratio * 100:.0f}%" if self.ratio is not None else ""
        if zh:
            waived = (
                f"减免 {pct}（{format_yuan(self.waived_fen)} 元）" if self.waived_fen else "无减免"
            )
            return (
                f"本月租金 {format_yuan(self.charged_fen)} 元{part}，{waived}，"
                f"应缴 {format_yuan(self.due_fen)} 元"
            )
        waived = (
            f"waived {pct} ({format_yuan(self.waived_fen)} yuan)"
            if self.waived_fen
            else "no waiver"
        )
        return (
            f"Rent this month {format_yuan(self.charged_fen)} yuan{part}, {waived}, "
            f"due {format_yuan(self.due_fen)} yuan"
        )


@dataclass(frozen=True)
class EntryRow:
    """A payment, deposit movement or receivable on the account."""

    id: int
    kind: str
    on: dt.date
    amount_fen: int
    reference: str
    verification_code: str | None


@dataclass(frozen=True)
class RentStatement:
    """A tenant's monthly statement (money in fen; a positive balance is owed by the tenant)."""

    team_id: int
    team_name: str
    team_name_en: str
    uscc: str
    month: str  # YYYY-MM
    first_day: dt.date
    last_day: dt.date
    opening_fen: int
    lines: tuple[RentLine, ...]
    receivables: tuple[EntryRow, ...]
    payments: tuple[EntryRow, ...]
    deposit_held_fen: int
    verification_code: str = ""

    @property
    def charged_fen(self) -> int:
        return sum(x.charged_fen for x in self.lines)

    @property
    def waived_fen(self) -> int:
        return sum(x.waived_fen for x in self.lines)

    @property
    def due_fen(self) -> int:
        return sum(x.due_fen for x in self.lines)

    @property
    def receivable_fen(self) -> int:
        return sum(e.amount_fen for e in self.receivables)

    @property
    def paid_fen(self) -> int:
        return sum(e.amount_fen for e in self.payments)

    @property
    def closing_fen(self) -> int:
        return self.opening_fen + self.due_fen + self.receivable_fen - self.paid_fen

    @property
    def arrears_fen(self) -> int:
        return max(self.closing_fen, 0)

    def to_record(self) -> dict[str, Any]:
        """Plain JSON-able values (dates as ISO text, ratios as text) — the ``--json`` output and
        what the verification code signs."""
        lines = []
        for x in self.lines:
            row = asdict(x)
            row.update(
                month_start=x.month_start.isoformat(),
                month_end=x.month_end.isoformat(),
                ratio=str(x.ratio) if x.ratio is not None else None,
                due_fen=x.due_fen,
                text_en=x.text("en"),
                text_zh=x.text("zh"),
            )
            lines.append(row)

        def entries(rows: tuple[EntryRow, ...]) -> list[dict[str, Any]]:
            return [{**asdict(e), "on": e.on.isoformat()} for e in rows]

        return {
            "team_id": self.team_id,
            "team_name": self.team_name,
            "uscc": self.uscc,
            "month": self.month,
            "opening_fen": self.opening_fen,
            "lines": lines,
            "charged_fen": self.charged_fen,
            "waived_fen": self.waived_fen,
            "due_fen": self.due_fen,
            "receivables": entries(self.receivables),
            "payments": entries(self.payments),
            "receivable_fen": self.receivable_fen,
            "paid_fen": self.paid_fen,
            "closing_fen": self.closing_fen,
            "arrears_fen": self.arrears_fen,
            "deposit_held_fen": self.deposit_held_fen,
            "verification_code": self.verification_code,
        }

    def canonical_json(self) -> str:
        record = self.to_record()
        record.pop("verification_code")
        return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def parse_month(text: str | dt.date) -> dt.date:
    """``2026-03`` → 1 March 2026 (the first day of the statement's month)."""
    if isinstance(text, dt.date):
        return text.replace(day=1)
    raw = str(text).strip()
    try:
        year, month = raw.split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise ValidationError(
            f"“{raw}” is not a month: write it as YYYY-MM, for example 2026-03.",
            f"“{raw}”不是有效的月份：请写成 YYYY-MM，例如 2026-03。",
            field="month",
        ) from None


def month_last_day(first: dt.date) -> dt.date:
    nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def waiver_rows(s: Session, team: Team) -> dict[tuple[int, int], WaiverRow]:
    """The waiver applied to each (lease id, lease month) of the team (module docstring)."""
    apps = s.scalars(
        select(Application).where(
            Application.team_id == team.id,
            Application.benefit == Benefit.RENT_WAIVER,
            Application.lease_id.is_not(None),
        )
    ).all()
    applied = {
        a.lease_id
        for a in apps
        if a.status in HOLDING
        or (a.status == ApplicationStatus.REVOKED and (a.repayment_amount or 0) > 0)
    }
    if not applied:
        return {}
    policy = active_policy(s)
    out: dict[tuple[int, int], WaiverRow] = {}
    for lease in lease_facts(s, team.id):
        if lease.lease_id is None or lease.lease_id not in applied:
            continue
        schedule = rent_waiver_schedule(
            policy, lease, waiver_from=team.admitted_on, team_left_on=team.left_on
        )
        for row in schedule.rows:
            out[(lease.lease_id, row.month)] = row
    return out


def rent_lines(s: Session, team: Team, *, until: dt.date | None = None) -> list[RentLine]:
    """Every lease month of the team billed so far (starting on or before ``until``), in order."""
    waivers = waiver_rows(s, team)
    out: list[RentLine] = []
    leases = s.execute(
        select(Lease, Space.building, Space.unit)
        .join(Space, Space.id == Lease.space_id)
        .where(Lease.team_id == team.id)
        .order_by(Lease.start_on, Lease.id)
    ).all()
    for lease, building, unit in leases:
        n = 0
        while True:
            n += 1
            first, last = period_month(lease.start_on, n)
            if first > lease.last_day or (until is not None and first > until):
                break
            span = overlap(first, last, lease.start_on, lease.last_day)
            assert span is not None
            days, in_month = days_inclusive(*span), days_inclusive(first, last)
            row = waivers.get((lease.id, n))
            out.append(
                RentLine(
                    lease_id=lease.id,
                    unit=f"{building} {unit}",
                    month=n,
                    month_start=first,
                    month_end=span[1],
                    days_billed=days,
                    days_in_month=in_month,
                    rent_fen=lease.monthly_rent,
                    charged_fen=round_half_up(Fraction(lease.monthly_rent * days, in_month)),
                    ratio=row.ratio if row else None,
                    waived_fen=row.waived_fen if row else 0,
                )
            )
    out.sort(key=lambda x: (x.month_start, x.lease_id))
    return out


def entry_rows(s: Session, team_id: int, *, until: dt.date | None = None) -> list[EntryRow]:
    q = select(RentEntry).where(RentEntry.team_id == team_id)
    if until is not None:
        q = q.where(RentEntry.on_date <= until)
    return [
        EntryRow(e.id, e.kind, e.on_date, e.amount, e.reference, e.verification_code)
        for e in s.scalars(q.order_by(RentEntry.on_date, RentEntry.id))
    ]


def deposit_held(entries: list[EntryRow]) -> int:
    got = sum(e.amount_fen for e in entries if e.kind == RentEntryKind.DEPOSIT_RECEIVED)
    back = sum(e.amount_fen for e in entries if e.kind == RentEntryKind.DEPOSIT_RETURNED)
    return got - back


def statement_in(s: Session, team: Team, month: str | dt.date) -> RentStatement:
    """The statement of ``team`` for ``month`` inside an open session, with its code."""
    first = parse_month(month)
    last = month_last_day(first)
    lines = rent_lines(s, team, until=last)
    entries = entry_rows(s, team.id, until=last)
    before = [e for e in entries if e.on < first]
    during = [e for e in entries if e.on >= first]
    opening = (
        sum(x.due_fen for x in lines if x.month_start < first)
        + sum(e.amount_fen for e in before if e.kind == RentEntryKind.REPAYMENT)
        - sum(e.amount_fen for e in before if e.kind == RentEntryKind.PAYMENT)
    )
    statement = RentStatement(
        team_id=team.id,
        team_name=team.name_zh,
        team_name_en=team.name_en or "",
        uscc=team.uscc,
        month=f"{first.year:04d}-{first.month:02d}",
        first_day=first,
        last_day=last,
        opening_fen=opening,
        lines=tuple(x for x in lines if x.month_start >= first),
        receivables=tuple(e for e in during if e.kind == RentEntryKind.REPAYMENT),
        payments=tuple(e for e in during if e.kind == RentEntryKind.PAYMENT),
        deposit_held_fen=deposit_held(entries),
    )
    office = s.get(Office, team.office_id)
    assert office is not None
    code = verification_code(office.secret_key, statement.canonical_json())
    return RentStatement(**{**statement.__dict__, "verification_code": code})


def rent_statement(db: Database, team_id: int, month: str | dt.date) -> RentStatement:
    """The monthly rent statement of a team (anyone who may see teams may read it)."""
    first = parse_month(month)
    with db.read() as s:
        team = s.get(Team, team_id)
        if team is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        return statement_in(s, team, first)


def statement_is_current(db: Database, team_id: int, month: str, code: str) -> bool:
    """Whether a printed statement's code is the one the account gives for that month now
    (False: not this office's, or the account changed since it was printed)."""
    from aitown.notices.verification import parse_code

    wanted = parse_code(code)
    return wanted is not None and rent_statement(db, team_id, month).verification_code == wanted
