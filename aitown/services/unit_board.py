"""The unit board: every unit's state on a day, its timeline, and which units are free for dates.

A unit is *leased* on a day a lease covers it, else *under repair* or *reserved* on a day a hold
of the desk covers it (aitown.services.unit_holds), else *vacant*. Read only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import UnitState
from aitown.models import Lease, Space, Team
from aitown.tenancy_tables import UnitHold

STATES: tuple[UnitState, ...] = tuple(UnitState)


@dataclass(frozen=True)
class UnitCell:
    """One unit on the board on ``on``: its state and who holds it (money fen, area 0.01 m²)."""

    space_id: int
    building: str
    unit: str
    area_hundredths: int
    monthly_rent: int
    state: UnitState
    on: dt.date
    team_id: int | None = None  # the tenant, or the team a reservation is for
    team_name: str = ""
    lease_id: int | None = None
    lease_start: dt.date | None = None
    lease_end: dt.date | None = None  # the lease's last day (an early end counts)
    hold_id: int | None = None
    hold_until: dt.date | None = None  # the hold's last day; None = until lifted
    note: str = ""


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows: one building (or all), one state (or all), an area range in m²×100."""

    building: str | None = None
    state: str | None = None
    min_area: int | None = None
    max_area: int | None = None

    def keeps(self, cell: UnitCell) -> bool:
        return (
            (not self.building or cell.building == self.building)
            and (not self.state or cell.state == self.state)
            and (self.min_area is None or cell.area_hundredths >= self.min_area)
            and (self.max_area is None or cell.area_hundredths <= self.max_area)
        )


def holds_on(s: Session, day: dt.date) -> dict[int, UnitHold]:
    """The desk's hold of each unit on ``day`` (space id → hold), whether or not it is leased."""
    holds: dict[int, UnitHold] = {}
    for h in s.scalars(
        select(UnitHold)
        .where(
            UnitHold.active.is_(True),
            UnitHold.starts_on <= day,
            or_(UnitHold.ends_on.is_(None), UnitHold.ends_on >= day),
        )
        .order_by(UnitHold.id)
    ):
        # A repair outranks a reservation on the same day (it cannot be moved into).
        if h.space_id not in holds or h.kind == UnitState.REPAIR:
            holds[h.space_id] = h
    return holds


def unit_board(
    db: Database, *, on: dt.date | None = None, where: BoardFilter | None = None
) -> list[UnitCell]:
    """Every unit with its state on ``on`` (default today), by building and unit."""
    day = on or dt.date.today()
    last_day = func.coalesce(Lease.ended_on, Lease.end_on)
    with db.read() as s:
        spaces = list(s.scalars(select(Space).order_by(Space.building, Space.unit)))
        leases = {
            ls.space_id: ls
            for ls in s.scalars(
                select(Lease).where(Lease.start_on <= day, last_day >= day).order_by(Lease.id)
            )
        }
        holds = holds_on(s, day)
        team_ids = {ls.team_id for ls in leases.values()} | {
            h.team_id for h in holds.values() if h.team_id
        }
        names = dict(s.execute(select(Team.id, Team.name_zh).where(Team.id.in_(team_ids))).all())
        cells = []
        for sp in spaces:
            base = dict(
                space_id=sp.id,
                building=sp.building,
                unit=sp.unit,
                area_hundredths=sp.area_hundredths,
                monthly_rent=sp.monthly_rent,
                on=day,
            )
            lease, hold = leases.get(sp.id), holds.get(sp.id)
            if lease is not None:
                cell = UnitCell(
                    **base,  # type: ignore[arg-type]  # the shared fields, typed above
                    state=UnitState.LEASED,
                    team_id=lease.team_id,
                    team_name=names.get(lease.team_id, ""),
                    lease_id=lease.id,
                    lease_start=lease.start_on,
                    lease_end=lease.last_day,
                )
            elif hold is not None:
                cell = UnitCell(
                    **base,  # type: ignore[arg-type]
                    state=UnitState(hold.kind),
                    team_id=hold.team_id,
                    team_name=names.get(hold.team_id, "") if hold.team_id else "",
                    hold_id=hold.id,
                    hold_until=hold.ends_on,
                    note=hold.note,
                )
            else:
                cell = UnitCell(**base, state=UnitState.VACANT)  # type: ignore[arg-type]
            if where is None or where.keeps(cell):
                cells.append(cell)
        return cells


def board_counts(cells: list[UnitCell]) -> dict[UnitState, int]:
    """How many units are in each state (every state present)."""
    counts = dict.fromkeys(STATES, 0)
    for c in cells:
        counts[c.state] += 1
    return counts


@dataclass(frozen=True)
class TimelineEntry:
    """One period of a unit: a lease (with its team) or a hold of the desk."""

    kind: str  # "lease" | "reserved" | "repair"
    starts_on: dt.date
    ends_on: dt.date | None  # inclusive; None = open (a hold until lifted)
    team_id: int | None
    team_name: str
    lease_id: int | None = None
    hold_id: int | None = None
    monthly_rent: int | None = None
    ended_early: bool = False
    renews_lease_id: int | None = None
    note: str = ""


def unit_timeline(db: Database, space_id: int) -> list[TimelineEntry]:
    """Every lease of the unit and every hold in force, oldest first."""
    with db.read() as s:
        out: list[TimelineEntry] = []
        for lease, name in s.execute(
            select(Lease, Team.name_zh)
            .join(Team, Team.id == Lease.team_id)
            .where(Lease.space_id == space_id)
        ):
            out.append(
                TimelineEntry(
                    kind="lease",
                    starts_on=lease.start_on,
                    ends_on=lease.last_day,
                    team_id=lease.team_id,
                    team_name=name,
                    lease_id=lease.id,
                    monthly_rent=lease.monthly_rent,
                    ended_early=lease.ended_on is not None and lease.ended_on < lease.end_on,
                    renews_lease_id=lease.renews_lease_id,
                )
            )
        for hold, name in s.execute(
            select(UnitHold, Team.name_zh)
            .outerjoin(Team, Team.id == UnitHold.team_id)
            .where(UnitHold.space_id == space_id, UnitHold.active.is_(True))
        ):
            out.append(
                TimelineEntry(
                    kind=hold.kind,
                    starts_on=hold.starts_on,
                    ends_on=hold.ends_on,
                    team_id=hold.team_id,
                    team_name=name or "",
                    hold_id=hold.id,
                    note=hold.note,
                )
            )
    out.sort(key=lambda e: (e.starts_on, e.kind != "lease"))
    return out


@dataclass(frozen=True)
class Vacancy:
    """Whether a unit is free for a period, and if not, what takes it (``state`` and ``until``)."""

    space_id: int
    free: bool
    state: UnitState  # VACANT when free
    team_name: str = ""
    busy_from: dt.date | None = None
    busy_until: dt.date | None = None


def vacancy_for(
    db: Database, start: dt.date, end: dt.date, *, team_id: int | None = None
) -> dict[int, Vacancy]:
    """For every unit: is it free from ``start`` to ``end`` (inclusive)? A unit reserved for
    ``team_id`` counts as free for that team."""
    last_day = func.coalesce(Lease.ended_on, Lease.end_on)
    with db.read() as s:
        space_ids = list(s.scalars(select(Space.id)))
        out = {sid: Vacancy(sid, True, UnitState.VACANT) for sid in space_ids}
        for sid, first, last, name in s.execute(
            select(Lease.space_id, Lease.start_on, last_day, Team.name_zh)
            .join(Team, Team.id == Lease.team_id)
            .where(Lease.start_on <= end, last_day >= start)
            .order_by(Lease.start_on)
        ):
            if out[sid].free:
                out[sid] = Vacancy(sid, False, UnitState.LEASED, name, first, last)
        for hold, name in s.execute(
            select(UnitHold, Team.name_zh)
            .outerjoin(Team, Team.id == UnitHold.team_id)
            .where(
                UnitHold.active.is_(True),
                UnitHold.starts_on <= end,
                or_(UnitHold.ends_on.is_(None), UnitHold.ends_on >= start),
            )
            .order_by(UnitHold.starts_on)
        ):
            if not out[hold.space_id].free:
                continue
            if hold.kind == UnitState.RESERVED and team_id is not None and hold.team_id == team_id:
                continue
            out[hold.space_id] = Vacancy(
                hold.space_id,
                False,
                UnitState(hold.kind),
                name or "",
                hold.starts_on,
                hold.ends_on,
            )
        return out
