"""What the desk sets on a unit: reserved (for a team, until a day) or under repair.

"Leased" and "vacant" are never set: they follow from the leases (aitown.services.unit_board).
A hold covers a period; an open-ended one (no last day) lasts until it is lifted. A hold is
refused on days the unit is leased or already held; a lease is refused on days the unit is under
repair or reserved for another team (a reservation for the team itself is taken up by its lease).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import UnitState
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import unit_state_label
from aitown.models import Lease, Space, Team
from aitown.services.actor import Actor
from aitown.services.audit import record_event, snapshot
from aitown.tenancy_tables import UnitHold
from aitown.validation import parse_date

HOLD_KINDS = (UnitState.RESERVED, UnitState.REPAIR)
HOLD_FIELDS = ("space_id", "kind", "team_id", "starts_on", "ends_on", "note", "active")
FAR_FUTURE = dt.date(9999, 12, 31)


def overlapping_holds(
    s: Session, space_id: int, start: dt.date, end: dt.date, *, exclude_id: int | None = None
) -> list[UnitHold]:
    """The unit's active holds that share at least one day with [start, end]."""
    q = select(UnitHold).where(
        UnitHold.space_id == space_id,
        UnitHold.active.is_(True),
        UnitHold.starts_on <= end,
        or_(UnitHold.ends_on.is_(None), UnitHold.ends_on >= start),
    )
    if exclude_id is not None:
        q = q.where(UnitHold.id != exclude_id)
    return list(s.scalars(q.order_by(UnitHold.starts_on, UnitHold.id)))


def hold_period_text(hold: UnitHold, lang: str = "en") -> str:
    if hold.ends_on is None:
        return f"自 {hold.starts_on} 起" if lang == "zh" else f"from {hold.starts_on}"
    return (
        f"{hold.starts_on} 至 {hold.ends_on}"
        if lang == "zh"
        else f"from {hold.starts_on} to {hold.ends_on}"
    )


def check_lease_against_holds(
    s: Session, space: Space, team_id: int, start: dt.date, end: dt.date
) -> list[UnitHold]:
    """Refuse a lease of ``space`` on days it is under repair or reserved for another team.
    Returns the team's own reservations the lease takes up (the caller lifts them)."""
    taken: list[UnitHold] = []
    for hold in overlapping_holds(s, space.id, start, end):
        if hold.kind == UnitState.RESERVED and hold.team_id == team_id:
            taken.append(hold)
            continue
        unit = f"{space.building} {space.unit}"
        if hold.kind == UnitState.REPAIR:
            raise ConflictError(
                f"Unit {unit} is under repair {hold_period_text(hold)}; lift the repair first or "
                "choose another unit or other dates.",
                f"{unit} 单元{hold_period_text(hold, 'zh')}维修中；请先解除维修状态，或选择其他单元或日期。",
                field="space_id",
            )
        who = s.get(Team, hold.team_id) if hold.team_id else None
        if who is not None:
            raise ConflictError(
                f"Unit {unit} is reserved for “{who.name_zh}” {hold_period_text(hold)}; lift the "
                "reservation first or choose another unit.",
                f"{unit} 单元{hold_period_text(hold, 'zh')}已为“{who.name_zh}”预留；请先取消预留，或选择其他单元。",
                field="space_id",
            )
        raise ConflictError(
            f"Unit {unit} is reserved {hold_period_text(hold)}; lift the reservation first or "
            "choose another unit.",
            f"{unit} 单元{hold_period_text(hold, 'zh')}已预留；请先取消预留，或选择其他单元。",
            field="space_id",
        )
    return taken


def hold_unit(
    db: Database,
    actor: Actor,
    space_id: int,
    kind: str,
    *,
    starts_on: str | dt.date | None = None,
    ends_on: str | dt.date | None = None,
    team_id: int | None = None,
    note: str = "",
) -> int:
    """Mark a unit reserved (optionally for a team) or under repair from ``starts_on`` (default
    today) to ``ends_on`` (inclusive; None = until lifted). Desk staff and administrators.
    Refused on days the unit is leased or already reserved or under repair."""
    actor.require("lease.edit")
    if kind not in HOLD_KINDS:
        raise ValidationError(
            f"“{kind}” is not a state the desk sets on a unit: choose reserved or under repair.",
            f"“{kind}”不是可设置的单元状态：请选择“已预留”或“维修中”。",
            field="kind",
        )
    start = (
        parse_date(starts_on, what="first day", field_name="starts_on")
        if starts_on not in (None, "")
        else dt.date.today()
    )
    end = (
        parse_date(ends_on, what="last day", field_name="ends_on")
        if ends_on not in (None, "")
        else None
    )
    if end is not None and end < start:
        raise ValidationError(
            f"The last day ({end}) is before the first day ({start}).",
            f"截止日期（{end}）早于开始日期（{start}）。",
            field="ends_on",
        )
    if team_id is not None and kind != UnitState.RESERVED:
        raise ValidationError(
            "Only a reservation names a team.", "只有预留可以指定团队。", field="team_id"
        )
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError(
            "The note is longer than 500 characters; shorten it.",
            "备注超过500字，请精简。",
            field="note",
        )
    with db.write() as s:
        space = s.get(Space, space_id)
        if space is None:
            raise NotFound(f"There is no unit no. {space_id}.", f"没有编号为 {space_id} 的单元。")
        if team_id is not None and s.get(Team, team_id) is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        unit = f"{space.building} {space.unit}"
        last = end or FAR_FUTURE
        last_day = func.coalesce(Lease.ended_on, Lease.end_on)
        clash = s.scalar(
            select(Lease)
            .where(Lease.space_id == space_id, Lease.start_on <= last, last_day >= start)
            .order_by(Lease.start_on)
        )
        state_en, state_zh = unit_state_label(kind), unit_state_label(kind, "zh")
        if clash is not None:
            raise ConflictError(
                f"Unit {unit} is leased from {clash.start_on} to {clash.last_day} (lease no. "
                f"{clash.id}); it cannot be marked {state_en} on those days. Choose days outside "
                "the lease.",
                f"{unit} 单元在 {clash.start_on} 至 {clash.last_day} 已出租（租约 {clash.id}），"
                f"这些日期不能设为“{state_zh}”；请选择租期以外的日期。",
                field="starts_on",
            )
        other = overlapping_holds(s, space_id, start, last)
        if other:
            held = other[0]
            raise ConflictError(
                f"Unit {unit} is already {unit_state_label(held.kind)} {hold_period_text(held)}; "
                "lift that first or choose other days.",
                f"{unit} 单元{hold_period_text(held, 'zh')}已{unit_state_label(held.kind, 'zh')}；"
                "请先解除，或选择其他日期。",
                field="starts_on",
            )
        hold = UnitHold(
            office_id=actor.office_id,
            space_id=space_id,
            kind=str(kind),
            team_id=team_id,
            starts_on=start,
            ends_on=end,
            note=note,
            active=True,
            created_by=actor.user_id,
        )
        s.add(hold)
        s.flush()
        record_event(
            s,
            actor,
            "unit.reserved" if kind == UnitState.RESERVED else "unit.repair",
            "unit_hold",
            hold.id,
            after={**snapshot(hold, HOLD_FIELDS), "unit": unit},
        )
        return hold.id


def lift_hold(db: Database, actor: Actor, hold_id: int) -> None:
    """Lift a reservation or a repair: the unit is vacant again (unless it is leased)."""
    actor.require("lease.edit")
    with db.write() as s:
        hold = s.get(UnitHold, hold_id)
        if hold is None or not hold.active:
            raise NotFound(
                f"There is no reservation or repair no. {hold_id} in force.",
                f"没有编号为 {hold_id} 的有效预留或维修记录。",
            )
        before = snapshot(hold, ("active",))
        hold.active = False
        s.flush()
        record_event(
            s, actor, "unit.lift", "unit_hold", hold.id, before=before, after={"active": False}
        )


def take_up_reservations(s: Session, actor: Actor, holds: list[UnitHold], lease_id: int) -> None:
    """A lease of the team a unit was reserved for ends the reservation (in the lease's
    transaction, with its event)."""
    for hold in holds:
        hold.active = False
        record_event(
            s,
            actor,
            "unit.lift",
            "unit_hold",
            hold.id,
            before={"active": True},
            after={"active": False, "taken_up_by_lease": lease_id},
        )
