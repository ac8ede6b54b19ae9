"""What the dashboard shows: pools used and left, applications by status, rent waivers ending soon,
occupancy of the units. Read only; every function opens its own read session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit, UnitState
from aitown.models import APPLICATION_STATUSES, Application, Lease, Space, Team
from aitown.services.lease_lifecycle import ending_counts
from aitown.services.leases import list_spaces
from aitown.services.pools import list_pools
from aitown.services.rent_waivers import HOLDING, rent_waiver_schedules

WAIVER_WINDOW_DAYS = 60


@dataclass(frozen=True)
class PoolUsage:
    """One budget pool's money in fen."""

    kind: str
    total: int
    committed: int
    disbursed: int
    released: int
    left: int


@dataclass(frozen=True)
class WaiverEnding:
    """A rent waiver whose last waived day falls inside the window."""

    team_id: int
    team_name: str
    building: str
    unit: str
    ends_on: dt.date

    def days_left(self, today: dt.date) -> int:
        return (self.ends_on - today).days


@dataclass(frozen=True)
class Occupancy:
    leased: int
    total: int
    reserved: int = 0  # held by the desk today (issue 14): neither leased nor free to lease
    repair: int = 0

    @property
    def vacant(self) -> int:
        return self.total - self.leased - self.reserved - self.repair


@dataclass(frozen=True)
class DashboardData:
    pools: list[PoolUsage]
    by_status: dict[str, int]
    waivers_ending: list[WaiverEnding]
    occupancy: Occupancy
    today: dt.date = field(default_factory=dt.date.today)
    # Leases ending within 30, 60 and 90 days, not renewed (issue 14): {days: count}.
    leases_ending: dict[int, int] = field(default_factory=dict)

    @property
    def waiting(self) -> int:
        """Applications in the reviewers' queue."""
        return self.by_status.get(ApplicationStatus.SUBMITTED, 0)


def pool_usage(db: Database) -> list[PoolUsage]:
    """Every pool's total, committed, disbursed, released and left (fen), in benefit order."""
    return [
        PoolUsage(
            kind=str(p["kind"]),
            total=int(p["total"]),
            committed=int(p["committed"]),
            disbursed=int(p["disbursed"]),
            released=int(p["released"]),
            left=int(p["left"]),
        )
        for p in list_pools(db)
    ]


def applications_by_status(db: Database) -> dict[str, int]:
    """How many applications are in each status; every status is present (zero when none)."""
    with db.read() as s:
        counts = dict(
            s.execute(select(Application.status, func.count()).group_by(Application.status)).all()
        )
    return {status: int(counts.get(status, 0)) for status in APPLICATION_STATUSES}


def waivers_ending(
    db: Database, *, within_days: int = WAIVER_WINDOW_DAYS, today: dt.date | None = None
) -> list[WaiverEnding]:
    """Rent waivers held (approved or paid) whose last waived day is between today and
    ``within_days`` from now, soonest first — the teams the desk should talk to about rent."""
    day = today or dt.date.today()
    horizon = day + dt.timedelta(days=within_days)
    with db.read() as s:
        held = s.execute(
            select(Application.team_id, Team.name_zh)
            .join(Team, Team.id == Application.team_id)
            .where(Application.benefit == Benefit.RENT_WAIVER, Application.status.in_(HOLDING))
            .distinct()
        ).all()
    out: list[WaiverEnding] = []
    for team_id, team_name in held:
        schedules = rent_waiver_schedules(db, team_id)
        if not schedules:
            continue
        with db.read() as s:
            units = dict(
                (lease_id, (building, unit))
                for lease_id, building, unit in s.execute(
                    select(Lease.id, Space.building, Space.unit)
                    .join(Space, Space.id == Lease.space_id)
                    .where(Lease.id.in_(list(schedules)))
                )
            )
        for lease_id, schedule in schedules.items():
            if schedule.end is None or not day <= schedule.end <= horizon:
                continue
            building, unit = units.get(lease_id, ("", ""))
            out.append(WaiverEnding(team_id, team_name, building, unit, schedule.end))
    out.sort(key=lambda w: (w.ends_on, w.team_name))
    return out


def occupancy(db: Database) -> Occupancy:
    """Units leased today out of all units, and those the desk holds (reserved, under repair)."""
    from aitown.services.unit_board import board_counts, unit_board

    spaces = list_spaces(db)
    leased = sum(1 for sp in spaces if sp.lease_id is not None)
    counts = board_counts([c for c in unit_board(db) if c.state != UnitState.LEASED])
    return Occupancy(leased, len(spaces), counts[UnitState.RESERVED], counts[UnitState.REPAIR])


def dashboard_data(db: Database, *, today: dt.date | None = None) -> DashboardData:
    """Everything the dashboard shows, read in one go (the GUI reads it off the GUI thread)."""
    day = today or dt.date.today()
    return DashboardData(
        pools=pool_usage(db),
        by_status=applications_by_status(db),
        waivers_ending=waivers_ending(db, today=day),
        occupancy=occupancy(db),
        today=day,
        leases_ending=ending_counts(db, today=day),
    )
