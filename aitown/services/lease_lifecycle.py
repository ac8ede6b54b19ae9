"""Leases coming to their end, and renewal: a new lease of the same unit that follows on.

A renewal starts the day after the lease's last day and records the lease it renews
(``Lease.renews_lease_id``). The rent waiver continues on it ("Readings settled", §2: the months
count from the first lease; a renewal continues the same schedule): an approved waiver on the
renewed lease grows to the schedule over both leases, and the pool's committed money with it,
in the same transaction. A waiver already paid out is left as it was (its money has moved).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit, TeamStatus
from aitown.errors import BudgetExceeded, ConflictError, NotFound, ValidationError
from aitown.models import Application, BudgetPool, Lease, Space, Team
from aitown.money import format_yuan, parse_yuan
from aitown.policy.rent_waiver import rent_waiver_schedule
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.facts import lease_facts
from aitown.services.leases import overlapping_lease
from aitown.services.policies import active_policy
from aitown.services.unit_holds import check_lease_against_holds, take_up_reservations
from aitown.validation import parse_date

ENDING_WINDOWS = (30, 60, 90)
MAX_WINDOW_DAYS = 3660


@dataclass(frozen=True)
class LeaseEnding:
    """A lease whose last day falls in the window and that nothing renews yet."""

    lease_id: int
    team_id: int
    team_name: str
    team_uscc: str
    building: str
    unit: str
    start_on: dt.date
    last_day: dt.date
    monthly_rent: int
    days_left: int


def check_window(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_WINDOW_DAYS:
        raise ValidationError(
            f"The number of days ({days}) must be a whole number from 0 to {MAX_WINDOW_DAYS}.",
            f"天数（{days}）必须是 0 至 {MAX_WINDOW_DAYS} 之间的整数。",
            field="days",
        )
    return days


def leases_ending(
    db: Database, within_days: int, *, today: dt.date | None = None
) -> list[LeaseEnding]:
    """Leases whose last day (an early end counts) is from today to ``within_days`` later and
    that no renewal follows, soonest first — the tenants to ask whether they stay."""
    check_window(within_days)
    day = today or dt.date.today()
    horizon = day + dt.timedelta(days=within_days)
    last_day = func.coalesce(Lease.ended_on, Lease.end_on)
    renewed = select(Lease.renews_lease_id).where(Lease.renews_lease_id.is_not(None))
    with db.read() as s:
        rows = s.execute(
            select(Lease, Team.name_zh, Team.uscc, Space.building, Space.unit)
            .join(Team, Team.id == Lease.team_id)
            .join(Space, Space.id == Lease.space_id)
            .where(last_day >= day, last_day <= horizon, Lease.id.not_in(renewed))
        ).all()
        out = [
            LeaseEnding(
                lease_id=lease.id,
                team_id=lease.team_id,
                team_name=name,
                team_uscc=uscc,
                building=building,
                unit=unit,
                start_on=lease.start_on,
                last_day=lease.last_day,
                monthly_rent=lease.monthly_rent,
                days_left=(lease.last_day - day).days,
            )
            for lease, name, uscc, building, unit in rows
        ]
    out.sort(key=lambda e: (e.last_day, e.building, e.unit, e.lease_id))
    return out


def ending_counts(db: Database, *, today: dt.date | None = None) -> dict[int, int]:
    """How many leases end within 30, 60 and 90 days (each window includes the shorter ones)."""
    ending = leases_ending(db, max(ENDING_WINDOWS), today=today)
    return {w: sum(1 for e in ending if e.days_left <= w) for w in ENDING_WINDOWS}


@dataclass(frozen=True)
class Renewal:
    """The new lease, and what the rent waiver on the chain became (fen; None if there is none)."""

    lease_id: int
    starts_on: dt.date
    ends_on: dt.date
    waiver_application_id: int | None = None
    waiver_before: int | None = None
    waiver_after: int | None = None


def renew_lease(
    db: Database,
    actor: Actor,
    lease_id: int,
    end_on: str | dt.date,
    monthly_rent: str | None = None,
) -> Renewal:
    """Renew a lease: a new lease of the same unit from the day after its last day to
    ``end_on``, at ``monthly_rent`` (yuan; default the lease's rent). Refused if the lease is
    already renewed, the team has left, or the unit is taken on those days. An approved rent
    waiver on the lease grows to the schedule over both leases (the pool must hold the extra)."""
    actor.require("lease.edit")
    end = parse_date(end_on, what="renewal end", field_name="end_on")
    with db.write() as s:
        old = s.get(Lease, lease_id)
        if old is None:
            raise NotFound(f"There is no lease no. {lease_id}.", f"没有编号为 {lease_id} 的租约。")
        team = s.get(Team, old.team_id)
        space = s.get(Space, old.space_id)
        assert team is not None and space is not None  # foreign keys
        unit = f"{space.building} {space.unit}"
        if s.scalar(select(Lease.id).where(Lease.renews_lease_id == old.id)) is not None:
            raise ConflictError(
                f"Lease no. {old.id} is already renewed; renew the newest lease instead.",
                f"租约 {old.id} 已续租；请对最新的租约续租。",
            )
        if old.ended_on is not None and old.ended_on < old.end_on:
            raise ValidationError(
                f"Lease no. {old.id} was ended early on {old.ended_on}; record a new lease instead "
                "of a renewal.",
                f"租约 {old.id} 已于 {old.ended_on} 提前终止；请登记新租约，而不是续租。",
            )
        if team.status in (TeamStatus.WITHDRAWN, TeamStatus.EXPELLED, TeamStatus.GRADUATED):
            raise ValidationError(
                f"“{team.name_zh}” has left the town ({team.status}); its lease cannot be renewed.",
                f"“{team.name_zh}”已离开园区，租约不能续租。",
            )
        start = old.last_day + dt.timedelta(days=1)
        if end < start:
            raise ValidationError(
                f"The renewal must end after the lease it follows: it starts on {start}, so its "
                f"last day cannot be {end}.",
                f"续租自 {start} 起，截止日期不能为 {end}；请填写 {start} 之后的日期。",
                field="end_on",
            )
        clash = overlapping_lease(s, old.space_id, start, end)
        if clash is not None:
            raise ConflictError(
                f"Unit {unit} is leased from {clash.start_on} to {clash.last_day} (lease no. "
                f"{clash.id}); the renewal cannot run to {end}. Choose an earlier last day.",
                f"{unit} 单元在 {clash.start_on} 至 {clash.last_day} 已出租（租约 {clash.id}），"
                f"续租不能延至 {end}；请选择更早的截止日期。",
                field="end_on",
            )
        reservations = check_lease_against_holds(s, space, team.id, start, end)
        rent = (
            parse_yuan(monthly_rent, what="monthly rent")
            if monthly_rent not in (None, "")
            else old.monthly_rent
        )
        new = Lease(
            office_id=old.office_id,
            team_id=old.team_id,
            space_id=old.space_id,
            start_on=start,
            end_on=end,
            monthly_rent=rent,
            renews_lease_id=old.id,
        )
        s.add(new)
        s.flush()
        record_event(
            s,
            actor,
            "lease.renew",
            "lease",
            new.id,
            after={
                "team_id": team.id,
                "space": unit,
                "renews_lease_id": old.id,
                "start_on": start,
                "end_on": end,
                "monthly_rent": rent,  # fen, as in every event (older events hold yuan text)
            },
        )
        take_up_reservations(s, actor, reservations, new.id)
        waiver = _continue_waiver(s, actor, team, new.id)
        return Renewal(new.id, start, end, *waiver)


def _continue_waiver(
    s: Session, actor: Actor, team: Team, new_lease_id: int
) -> tuple[int | None, int | None, int | None]:
    """Grow an approved rent waiver of ``team`` to the schedule over its lease and the renewals:
    the application's amount, its stored schedule and the pool's committed money move together."""
    apps = list(
        s.scalars(
            select(Application).where(
                Application.team_id == team.id,
                Application.benefit == Benefit.RENT_WAIVER,
                Application.status == ApplicationStatus.APPROVED,
                Application.lease_id.is_not(None),
            )
        )
    )
    if not apps:
        return None, None, None
    leases = lease_facts(s, team.id)
    policy = active_policy(s)
    for app in apps:
        lease = next((le for le in leases if le.lease_id == app.lease_id), None)
        if lease is None:
            continue
        schedule = rent_waiver_schedule(
            policy, lease, waiver_from=team.admitted_on, team_left_on=team.left_on, leases=leases
        )
        if not any(r.lease_id == new_lease_id for r in schedule.rows):
            continue  # the renewal is not on this waiver's chain, or past month 24
        before = app.amount or 0
        extra = schedule.total_fen - before
        if extra <= 0:
            return app.id, before, before
        pool = s.scalar(
            select(BudgetPool).where(
                BudgetPool.office_id == app.office_id, BudgetPool.kind == Benefit.RENT_WAIVER
            )
        )
        if pool is None or pool.left < extra:
            left = pool.left if pool is not None else 0
            raise BudgetExceeded(
                f"The renewal continues the team's rent waiver (application no. {app.id}) by "
                f"{format_yuan(extra)} yuan, but the rent-waiver pool has {format_yuan(left)} yuan "
                "left. Raise the pool's total first; nothing was renewed.",
                f"续租后该团队的租金减免（申请 {app.id}）将增加 {format_yuan(extra)} 元，但租金减免资金池仅余 "
                f"{format_yuan(left)} 元。请先调增资金池总额；未办理续租。",
            )
        s.execute(
            update(BudgetPool)
            .where(BudgetPool.id == pool.id)
            .values(committed=BudgetPool.committed + extra)
            .execution_options(synchronize_session=False)
        )
        s.expire(pool)
        record = json.loads(app.eligibility_json or "{}")
        amount = record.get("amount")
        if isinstance(amount, dict):
            amount["amount_fen"] = schedule.total_fen
            amount["schedule"] = schedule.to_record()
            app.eligibility_json = json.dumps(record, ensure_ascii=False)
        app.amount = schedule.total_fen
        s.flush()
        record_event(
            s,
            actor,
            "application.waiver_continued",
            "application",
            app.id,
            before={"amount": before},
            after={
                "amount": schedule.total_fen,
                "renewal_lease_id": new_lease_id,
                "schedule_end": schedule.end,
            },
        )
        return app.id, before, schedule.total_fen
    return None, None, None
