"""Ending a lease early, and keeping the rent waiver's pool commitment equal to its schedule.

A rent waiver is approved for the schedule its lease gives at that moment (§2.2: 12 months at
100 %, 12 at 50 %, never past the lease's end nor the day the team leaves). When the lease ends
early, or the team leaves, the schedule shrinks; the money the pool holds for the waiver must
shrink with it (POLICY "Readings settled", §2), or the pool would keep rent nobody will forgo.

:func:`resize_waivers` brings every held waiver of a team to its schedule under the active policy
— the same schedule the eligibility check computes (aitown.services.rent_waivers), so the pool
and the policy's answer agree to the fen — and moves the difference between the pool's column
the money sits in (``committed`` while approved, ``disbursed`` once recorded as forgone) and
``released``. Every change is an audit event in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit
from aitown.errors import BudgetExceeded, NotFound, ValidationError
from aitown.models import Application, BudgetPool, Lease, Team
from aitown.money import format_yuan
from aitown.policy.rent_waiver import rent_waiver_schedule
from aitown.services.actor import Actor
from aitown.services.audit import record_event, snapshot
from aitown.services.facts import lease_facts
from aitown.services.policies import active_policy
from aitown.services.rent_waivers import HOLDING
from aitown.validation import parse_date


@dataclass(frozen=True)
class WaiverChange:
    """One rent waiver brought to its schedule: its amount before and after (fen)."""

    application_id: int
    lease_id: int
    status: str  # approved or disbursed: which pool column held the money
    before_fen: int
    after_fen: int

    @property
    def released_fen(self) -> int:
        """What went back to the pool (negative if the waiver grew)."""
        return self.before_fen - self.after_fen

    def to_record(self) -> dict[str, Any]:
        return {
            "application_id": self.application_id,
            "lease_id": self.lease_id,
            "status": self.status,
            "before": self.before_fen,
            "after": self.after_fen,
        }


@dataclass(frozen=True)
class LeaseEnded:
    """What ending a lease did: its new last day and the waivers it shrank."""

    lease_id: int
    ended_on: dt.date
    waivers: tuple[WaiverChange, ...]


def end_lease(
    db: Database, actor: Actor, lease_id: int, ended_on: str | dt.date, *, reason: str = ""
) -> LeaseEnded:
    """End a lease early (desk staff): the unit is free from the next day, and the rent waiver
    granted on the lease shrinks to what its schedule gives up to ``ended_on`` (inclusive), the
    rest going back to the rent-waiver pool. One transaction with its audit events."""
    actor.require("lease.edit")
    day = parse_date(ended_on, what="end date", field_name="ended_on")
    with db.write() as s:
        return end_lease_in(s, actor, lease_id, day, reason=reason)


def end_lease_in(
    s: Session, actor: Actor, lease_id: int, day: dt.date, *, reason: str = ""
) -> LeaseEnded:
    """:func:`end_lease` inside the caller's transaction (leaving the town ends leases too)."""
    actor.require("lease.edit")
    lease = s.get(Lease, lease_id)
    if lease is None:
        raise NotFound(f"There is no lease no. {lease_id}.", f"没有编号为 {lease_id} 的租约。")
    if not (lease.start_on <= day <= lease.end_on):
        raise ValidationError(
            f"The end date {day} must fall within the lease ({lease.start_on} to {lease.end_on}).",
            f"结束日期 {day} 必须在租期内（{lease.start_on} 至 {lease.end_on}）。",
            field="ended_on",
        )
    before = snapshot(lease, ("ended_on",))
    lease.ended_on = day
    s.flush()
    changes = resize_waivers(s, actor, lease.team_id, lease_id=lease.id, why=f"lease ended {day}")
    record_event(
        s,
        actor,
        "lease.end",
        "lease",
        lease.id,
        before=before,
        after={
            "ended_on": day,
            "reason": reason,
            "waivers": [c.to_record() for c in changes],
        },
    )
    return LeaseEnded(lease.id, day, tuple(changes))


def waiver_due_fen(s: Session, app: Application) -> int | None:
    """What a rent waiver's schedule gives now (fen) under the active policy, for the team's
    admission and leaving dates and the lease's (early) end; None without a lease."""
    team = s.get(Team, app.team_id)
    lease = next((lf for lf in lease_facts(s, app.team_id) if lf.lease_id == app.lease_id), None)
    if team is None or lease is None:
        return None
    schedule = rent_waiver_schedule(
        active_policy(s), lease, waiver_from=team.admitted_on, team_left_on=team.left_on
    )
    return schedule.total_fen


def resize_waivers(
    s: Session, actor: Actor, team_id: int, *, lease_id: int | None = None, why: str = ""
) -> list[WaiverChange]:
    """Bring each held rent waiver of the team (of ``lease_id`` only, if given) to what its
    schedule gives now, moving the difference in the pool. Returns what changed."""
    q = select(Application).where(
        Application.team_id == team_id,
        Application.benefit == Benefit.RENT_WAIVER,
        Application.status.in_(HOLDING),
        Application.lease_id.is_not(None),
    )
    if lease_id is not None:
        q = q.where(Application.lease_id == lease_id)
    changes: list[WaiverChange] = []
    for app in s.scalars(q.order_by(Application.id)).all():
        due = waiver_due_fen(s, app)
        before = app.amount or 0
        if due is None or due == before:
            continue
        column = "committed" if app.status == ApplicationStatus.APPROVED else "disbursed"
        _move(s, app.office_id, column, due - before)
        app.amount = due
        s.flush()
        assert app.lease_id is not None
        change = WaiverChange(app.id, app.lease_id, app.status, before, due)
        changes.append(change)
        record_event(
            s,
            actor,
            "application.resize",
            "application",
            app.id,
            before={"amount": before},
            after={"amount": due, "released": change.released_fen, "why": why},
        )
    return changes


def _move(s: Session, office_id: int, column: str, delta: int) -> None:
    """Change the rent-waiver pool's ``column`` by ``delta`` fen; ``released`` moves the other
    way. Growth must fit what the pool has left (one conditional UPDATE, as approvals do)."""
    pool = s.scalar(
        select(BudgetPool).where(
            BudgetPool.office_id == office_id, BudgetPool.kind == Benefit.RENT_WAIVER
        )
    )
    if pool is None:
        raise NotFound("There is no rent-waiver pool.", "没有租金减免资金池。")
    col = getattr(BudgetPool, column)
    stmt = update(BudgetPool).where(BudgetPool.id == pool.id)
    if delta > 0:
        stmt = stmt.where(BudgetPool.total - BudgetPool.committed - BudgetPool.disbursed >= delta)
        values = {column: col + delta}
    else:
        values = {column: col + delta, "released": BudgetPool.released - delta}
    result: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE's result
        stmt.values(**values).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        s.refresh(pool)
        raise BudgetExceeded(
            f"The rent-waiver pool has {format_yuan(pool.left)} yuan left, less than the "
            f"{format_yuan(delta)} yuan the longer waiver needs; nothing was changed.",
            f"租金减免资金池仅余 {format_yuan(pool.left)} 元，不足延长减免所需的 {format_yuan(delta)} 元，未作任何改动。",
        )
    s.expire(pool)
