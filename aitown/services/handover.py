"""Move-in and move-out records of a lease: keys and cards, meter readings, condition, deposit.

One record of each kind per lease; recording it again corrects it (with its audit event, before
and after). The hand-over sheet (交接单) prints both: aitown.services.handover_pdf.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from aitown.db import Database
from aitown.enums import HandoverKind
from aitown.errors import NotFound, ValidationError
from aitown.models import Lease, Space, Team
from aitown.money import parse_yuan
from aitown.services.actor import Actor
from aitown.services.audit import record_event, snapshot
from aitown.tenancy_tables import LeaseHandover
from aitown.validation import parse_count, parse_date

FIELDS = (
    "kind",
    "handed_on",
    "keys",
    "cards",
    "electricity_hundredths",
    "water_hundredths",
    "condition",
    "deposit",
    "deducted",
    "tenant_signatory",
)
METER_MAX = Decimal("99999999.99")


def parse_meter(text: str | int | Decimal, *, what: str, what_zh: str, field_name: str) -> int:
    """A meter reading (kWh or m³) with at most two decimals → hundredths."""
    raw = str(text).strip()
    if raw == "":
        return 0
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal("NaN")
    if (
        not value.is_finite()
        or value < 0
        or value != value.quantize(Decimal("0.01"))
        or value > METER_MAX
    ):
        raise ValidationError(
            f"The {what} reading “{text}” is not a meter reading: enter 0 or more, with at most "
            "two decimals.",
            f"{what_zh}读数“{text}”无效：请输入不小于0、最多两位小数的数值。",
            field=field_name,
        )
    return int(value * 100)


@dataclass(frozen=True)
class HandoverInput:
    """What the desk typed (text as typed; parsed and checked by :func:`record_handover`)."""

    handed_on: str | dt.date
    keys: str | int = 0
    cards: str | int = 0
    electricity: str = ""
    water: str = ""
    condition: str = ""
    deposit: str = "0"
    deducted: str = "0"
    tenant_signatory: str = ""


def record_handover(
    db: Database, actor: Actor, lease_id: int, kind: str, values: HandoverInput
) -> int:
    """Record (or correct) the move-in or move-out of a lease; returns the record's id.

    Move-in: the deposit received. Move-out: the deposit returned and what was kept back; its
    meters may not read less than at move-in. The day must fall within the lease (move-out up to
    its last day and a month after, when keys often come back late)."""
    actor.require("lease.edit")
    if kind not in tuple(HandoverKind):
        raise ValidationError(
            f"“{kind}” is not a hand-over: choose move_in or move_out.",
            f"“{kind}”不是交接类型：请选择入驻交接或退租交接。",
            field="kind",
        )
    day = parse_date(values.handed_on, what="hand-over date", field_name="handed_on")
    keys = parse_count(values.keys, what="number of keys", field_name="keys")
    cards = parse_count(values.cards, what="number of access cards", field_name="cards")
    power = parse_meter(
        values.electricity, what="electricity", what_zh="电表", field_name="electricity"
    )
    water = parse_meter(values.water, what="water", what_zh="水表", field_name="water")
    deposit = parse_yuan(values.deposit or "0", what="deposit")
    deducted = parse_yuan(values.deducted or "0", what="deposit kept back")
    condition = (values.condition or "").strip()
    signatory = (values.tenant_signatory or "").strip()
    if len(condition) > 2000 or len(signatory) > 100:
        raise ValidationError(
            "The condition (2,000 characters) or the signatory (100) is too long; shorten it.",
            "房屋状况（2000字）或签字人（100字）过长，请精简。",
            field="condition" if len(condition) > 2000 else "tenant_signatory",
        )
    if kind == HandoverKind.MOVE_IN and deducted:
        raise ValidationError(
            "Nothing is kept back from the deposit at move-in; leave it at 0.",
            "入驻交接时不扣押金，请填 0。",
            field="deducted",
        )
    with db.write() as s:
        lease = s.get(Lease, lease_id)
        if lease is None:
            raise NotFound(f"There is no lease no. {lease_id}.", f"没有编号为 {lease_id} 的租约。")
        latest = lease.last_day + dt.timedelta(days=31)
        earliest = lease.start_on - dt.timedelta(days=31)
        if not earliest <= day <= latest:
            raise ValidationError(
                f"The hand-over date {day} is far from the lease ({lease.start_on} to "
                f"{lease.last_day}); give a day within a month of it.",
                f"交接日期 {day} 与租期（{lease.start_on} 至 {lease.last_day}）相差过远；请填写租期前后一个月内的日期。",
                field="handed_on",
            )
        records = {
            r.kind: r
            for r in s.scalars(select(LeaseHandover).where(LeaseHandover.lease_id == lease_id))
        }
        if kind == HandoverKind.MOVE_OUT:
            moved_in = records.get(HandoverKind.MOVE_IN)
            if moved_in is not None:
                _check_move_out(moved_in, day, power, water, deposit, deducted)
        record = records.get(kind)
        before = snapshot(record, FIELDS) if record is not None else None
        if record is None:
            record = LeaseHandover(office_id=lease.office_id, lease_id=lease_id, kind=str(kind))
            s.add(record)
        record.handed_on, record.keys, record.cards = day, keys, cards
        record.electricity_hundredths, record.water_hundredths = power, water
        record.condition, record.deposit, record.deducted = condition, deposit, deducted
        record.tenant_signatory, record.recorded_by = signatory, actor.user_id
        s.flush()
        record_event(
            s,
            actor,
            "lease.move_in" if kind == HandoverKind.MOVE_IN else "lease.move_out",
            "lease_handover",
            record.id,
            before=before,
            after={**snapshot(record, FIELDS), "lease_id": lease_id},
        )
        return record.id


def _check_move_out(
    moved_in: LeaseHandover, day: dt.date, power: int, water: int, deposit: int, deducted: int
) -> None:
    if day < moved_in.handed_on:
        raise ValidationError(
            f"The move-out date {day} is before the move-in ({moved_in.handed_on}).",
            f"退租交接日期 {day} 早于入驻交接日期（{moved_in.handed_on}）。",
            field="handed_on",
        )
    for reading, before, name, name_zh, field in (
        (power, moved_in.electricity_hundredths, "electricity", "电表", "electricity"),
        (water, moved_in.water_hundredths, "water", "水表", "water"),
    ):
        if reading and reading < before:
            raise ValidationError(
                f"The {name} meter reads {reading / 100:.2f} at move-out, less than at move-in "
                f"({before / 100:.2f}); check the reading.",
                f"退租时{name_zh}读数 {reading / 100:.2f} 小于入驻时（{before / 100:.2f}），请核对读数。",
                field=field,
            )
    if deposit + deducted > moved_in.deposit:
        raise ValidationError(
            f"The deposit returned and kept back ({(deposit + deducted) / 100:,.2f} yuan) is more "
            f"than the deposit received at move-in ({moved_in.deposit / 100:,.2f} yuan).",
            f"退还与扣除的押金合计（{(deposit + deducted) / 100:,.2f} 元）超过入驻时收取的押金（{moved_in.deposit / 100:,.2f} 元）。",
            field="deposit",
        )


@dataclass(frozen=True)
class HandoverRecord:
    """One hand-over as recorded (money fen; meters hundredths)."""

    id: int
    kind: str
    handed_on: dt.date
    keys: int
    cards: int
    electricity_hundredths: int
    water_hundredths: int
    condition: str
    deposit: int
    deducted: int
    tenant_signatory: str


@dataclass(frozen=True)
class HandoverSheet:
    """What the hand-over sheet prints: the lease, its unit and team, and both records."""

    lease_id: int
    team_name_zh: str
    team_name_en: str
    team_uscc: str
    building: str
    unit: str
    area_hundredths: int
    start_on: dt.date
    last_day: dt.date
    monthly_rent: int
    move_in: HandoverRecord | None
    move_out: HandoverRecord | None

    def record(self, kind: str) -> HandoverRecord | None:
        return self.move_in if kind == HandoverKind.MOVE_IN else self.move_out


def handover_sheet(db: Database, lease_id: int) -> HandoverSheet:
    """The lease's hand-over records with what the sheet names (read only)."""
    with db.read() as s:
        row = s.execute(
            select(Lease, Team, Space)
            .join(Team, Team.id == Lease.team_id)
            .join(Space, Space.id == Lease.space_id)
            .where(Lease.id == lease_id)
        ).first()
        if row is None:
            raise NotFound(f"There is no lease no. {lease_id}.", f"没有编号为 {lease_id} 的租约。")
        lease, team, space = row
        found = {
            r.kind: HandoverRecord(**{"id": r.id, **snapshot(r, FIELDS)})
            for r in s.scalars(select(LeaseHandover).where(LeaseHandover.lease_id == lease_id))
        }
        return HandoverSheet(
            lease_id=lease.id,
            team_name_zh=team.name_zh,
            team_name_en=team.name_en,
            team_uscc=team.uscc,
            building=space.building,
            unit=space.unit,
            area_hundredths=space.area_hundredths,
            start_on=lease.start_on,
            last_day=lease.last_day,
            monthly_rent=lease.monthly_rent,
            move_in=found.get(HandoverKind.MOVE_IN),
            move_out=found.get(HandoverKind.MOVE_OUT),
        )
