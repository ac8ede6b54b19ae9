"""Units of the AI town and the leases that tie one team to one unit for a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import TeamStatus
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.models import Lease, Space, Team
from aitown.money import parse_yuan
from aitown.services.actor import Actor
from aitown.services.audit import record_event, snapshot
from aitown.services.unit_holds import check_lease_against_holds, take_up_reservations
from aitown.validation import parse_date, require_text

if TYPE_CHECKING:
    from aitown.services.lease_end import LeaseEnded


def parse_area(text: str | int | Decimal) -> int:
    """An area in m² with at most two decimals → hundredths of m²."""
    raw = str(text).strip().removesuffix("m²").removesuffix("㎡").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(
            f"The area “{text}” is not a number of square metres.",
            f"面积“{text}”不是有效的平方米数。",
            field="area",
        ) from None
    if (
        not value.is_finite()
        or value <= 0
        or value != value.quantize(Decimal("0.01"))
        or value > 100000
    ):
        raise ValidationError(
            f"The area {raw} m² is not possible: enter more than 0 with at most two decimals.",
            f"面积 {raw} 平方米无效：请输入大于0、最多两位小数的数值。",
            field="area",
        )
    return int(value * 100)


def create_space(
    db: Database, actor: Actor, building: str, unit: str, area: str | Decimal, monthly_rent: str
) -> int:
    """Add a unit of the town (administrators); returns its id."""
    actor.require("space.edit")
    building = require_text(
        building, what="building", what_zh="楼宇", field_name="building", max_len=100
    )
    unit = require_text(unit, what="unit", what_zh="单元", field_name="unit", max_len=40)
    area_h = parse_area(area)
    rent = parse_yuan(monthly_rent, what="monthly rent")
    with db.write() as s:
        if s.scalar(
            select(Space.id).where(
                Space.office_id == actor.office_id, Space.building == building, Space.unit == unit
            )
        ):
            raise ConflictError(
                f"Unit {unit} of {building} already exists.",
                f"{building} {unit} 单元已存在。",
                field="unit",
            )
        space = Space(
            office_id=actor.office_id,
            building=building,
            unit=unit,
            area_hundredths=area_h,
            monthly_rent=rent,
        )
        s.add(space)
        s.flush()
        record_event(
            s,
            actor,
            "space.create",
            "space",
            space.id,
            after=snapshot(space, ("building", "unit", "area_hundredths", "monthly_rent")),
        )
        return space.id


def overlapping_lease(
    s: Session, space_id: int, start: dt.date, end: dt.date, exclude_id: int | None = None
) -> Lease | None:
    """A lease of the unit that shares at least one day with [start, end] (early ends count)."""
    last_day = func.coalesce(Lease.ended_on, Lease.end_on)
    q = select(Lease).where(Lease.space_id == space_id, Lease.start_on <= end, last_day >= start)
    if exclude_id is not None:
        q = q.where(Lease.id != exclude_id)
    return s.scalar(q.order_by(Lease.start_on))


def create_lease(
    db: Database,
    actor: Actor,
    team_id: int,
    space_id: int,
    start_on: str | dt.date,
    end_on: str | dt.date,
    monthly_rent: str | None = None,
) -> int:
    """Lease a unit to a team. Refused if the unit is leased for any of the same days."""
    actor.require("lease.edit")
    start = parse_date(start_on, what="lease start", field_name="start_on")
    end = parse_date(end_on, what="lease end", field_name="end_on")
    if end < start:
        raise ValidationError(
            f"The lease ends ({end}) before it starts ({start}).",
            f"租约结束日期（{end}）早于开始日期（{start}）。",
            field="end_on",
        )
    with db.write() as s:
        team = s.get(Team, team_id)
        space = s.get(Space, space_id)
        if team is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        if space is None:
            raise NotFound(f"There is no unit no. {space_id}.", f"没有编号为 {space_id} 的单元。")
        if start < team.founded_on:
            raise ValidationError(
                f"The lease starts on {start}, before the team was founded ({team.founded_on}).",
                f"租约开始日期 {start} 早于团队成立日期（{team.founded_on}）。",
                field="start_on",
            )
        if team.status in (TeamStatus.WITHDRAWN, TeamStatus.EXPELLED, TeamStatus.GRADUATED):
            raise ValidationError(
                f"“{team.name_zh}” has left the town ({team.status}); it cannot take a lease.",
                f"“{team.name_zh}”已离开园区，不能再签租约。",
            )
        clash = overlapping_lease(s, space_id, start, end)
        if clash is not None:
            raise ConflictError(
                f"Unit {space.building} {space.unit} is already leased from {clash.start_on} to "
                f"{clash.last_day} (lease no. {clash.id}); choose other dates or another unit.",
                f"{space.building} {space.unit} 单元在 {clash.start_on} 至 {clash.last_day} 已出租（租约 {clash.id}），"
                "请选择其他日期或单元。",
                field="space_id",
            )
        # Under repair or reserved for another team on those days: refused (issue 14).
        reservations = check_lease_against_holds(s, space, team_id, start, end)
        rent = (
            parse_yuan(monthly_rent, what="monthly rent")
            if monthly_rent not in (None, "")
            else space.monthly_rent
        )
        lease = Lease(
            office_id=actor.office_id,
            team_id=team_id,
            space_id=space_id,
            start_on=start,
            end_on=end,
            monthly_rent=rent,
        )
        s.add(lease)
        s.flush()
        record_event(
            s,
            actor,
            "lease.create",
            "lease",
            lease.id,
            after={
                "team_id": team_id,
                "space": f"{space.building} {space.unit}",
                "start_on": start,
                "end_on": end,
                "monthly_rent": rent,  # fen, as in every event (older events hold yuan text)
            },
        )
        take_up_reservations(s, actor, reservations, lease.id)
        return lease.id


def end_lease(
    db: Database, actor: Actor, lease_id: int, ended_on: str | dt.date, *, reason: str = ""
) -> LeaseEnded:
    """End a lease early (the unit is free from the next day); its rent waiver shrinks with it
    (aitown.services.lease_end)."""
    from aitown.services.lease_end import end_lease as end_early

    return end_early(db, actor, lease_id, ended_on, reason=reason)


@dataclass(frozen=True)
class SpaceRow:
    """A unit and, if it is leased today, its lease and team (money in fen, area in 0.01 m²)."""

    id: int
    building: str
    unit: str
    area_hundredths: int
    monthly_rent: int
    lease_id: int | None
    team_id: int | None
    team_name: str
    lease_start: dt.date | None
    lease_end: dt.date | None


def list_spaces(db: Database) -> list[SpaceRow]:
    """Every unit with its current lease (if any), by building and unit."""
    today = dt.date.today()
    with db.read() as s:
        spaces = list(s.scalars(select(Space).order_by(Space.building, Space.unit)))
        current = {
            ls.space_id: ls
            for ls in s.scalars(
                select(Lease).where(
                    Lease.start_on <= today,
                    or_(
                        and_(Lease.ended_on.is_(None), Lease.end_on >= today),
                        Lease.ended_on >= today,
                    ),
                )
            )
        }
        teams = {
            t.id: t
            for t in s.scalars(
                select(Team).where(Team.id.in_([ls.team_id for ls in current.values()]))
            )
        }
        rows = []
        for sp in spaces:
            lease = current.get(sp.id)
            rows.append(
                SpaceRow(
                    id=sp.id,
                    building=sp.building,
                    unit=sp.unit,
                    area_hundredths=sp.area_hundredths,
                    monthly_rent=sp.monthly_rent,
                    lease_id=lease.id if lease else None,
                    team_id=lease.team_id if lease else None,
                    team_name=teams[lease.team_id].name_zh if lease else "",
                    lease_start=lease.start_on if lease else None,
                    lease_end=lease.last_day if lease else None,
                )
            )
        return rows


def team_leases(db: Database, team_id: int) -> list[Lease]:
    with db.read() as s:
        leases = list(
            s.scalars(select(Lease).where(Lease.team_id == team_id).order_by(Lease.start_on))
        )
        for ls in leases:
            _ = ls.space  # load while the session is open
        return leases
