"""The demo's paper trail and rent (issues 13 and 14): rent paid month by month with a few tenants
behind, deposits, a unit reserved and one under repair, an application returned for correction
and a verified contract amount, so that the Rent, Spaces and Materials screens have something to
show. Deterministic: it follows the teams and units in id order, no randomness.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from aitown.db import Database
from aitown.enums import ApplicationStatus, RentEntryKind, TeamStatus, UnitState
from aitown.errors import DeskError
from aitown.models import Application, Lease, Team
from aitown.services.actor import Actor
from aitown.services.rent_accounts import record_payment
from aitown.services.rent_statements import rent_lines
from aitown.services.unit_board import unit_board

BEHIND_EVERY = 6  # every sixth tenant has not paid its last two months (the arrears list)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def add_rent_payments(db: Database, desk: Actor, today: dt.date) -> None:
    """A deposit (one month's rent) at each lease's start and the rent of every month paid on
    its first day; every sixth tenant stopped paying two months ago."""
    with db.read() as s:
        leases = list(s.scalars(select(Lease).where(Lease.start_on <= today).order_by(Lease.id)))
        teams = {ls.team_id: s.get(Team, ls.team_id) for ls in leases}
        months = {
            tid: [x for x in rent_lines(s, team, until=today) if x.due_fen > 0]
            for tid, team in teams.items()
            if team is not None
        }
    for n, lease in enumerate(leases):
        record_payment(
            db,
            desk,
            lease.team_id,
            _yuan(lease.monthly_rent),
            on=lease.start_on,
            kind=RentEntryKind.DEPOSIT_RECEIVED,
            reference=f"DEP-{lease.id:04d}",
            lease_id=lease.id,
        )
        lines = [x for x in months.get(lease.team_id, []) if x.lease_id == lease.id]
        if n % BEHIND_EVERY == 0:
            lines = lines[:-2]
        # The months before the last three in one transfer, then month by month.
        old, recent = lines[:-3], lines[-3:]
        if old:
            record_payment(
                db,
                desk,
                lease.team_id,
                _yuan(sum(x.due_fen for x in old)),
                on=old[-1].month_start,
                reference=f"BANK-{lease.id:04d}-01",
                lease_id=lease.id,
            )
        for line in recent:
            record_payment(
                db,
                desk,
                lease.team_id,
                _yuan(line.due_fen),
                on=line.month_start,
                reference=f"BANK-{lease.id:04d}-{line.month:02d}",
                lease_id=lease.id,
            )


def add_unit_holds(db: Database, desk: Actor, today: dt.date) -> None:
    """The first vacant unit under repair (air conditioning) for a month; the second reserved
    for the first applicant team."""
    from aitown.services.unit_holds import hold_unit

    vacant = [c for c in unit_board(db, on=today) if c.state == UnitState.VACANT]
    with db.read() as s:
        applicant = s.scalar(
            select(Team.id).where(Team.status == TeamStatus.APPLICANT).order_by(Team.id)
        )
    if vacant:
        hold_unit(
            db,
            desk,
            vacant[0].space_id,
            UnitState.REPAIR,
            starts_on=today - dt.timedelta(days=5),
            ends_on=today + dt.timedelta(days=25),
            note="空调检修",
        )
    if len(vacant) > 1:
        hold_unit(
            db,
            desk,
            vacant[1].space_id,
            UnitState.RESERVED,
            starts_on=today,
            ends_on=today + dt.timedelta(days=30),
            team_id=applicant,
            note="入驻评审通过后签约",
        )


def add_review_steps(db: Database, reviewer: Actor) -> None:
    """The newest submitted start-up grant returned for its business plan; the newest submitted
    voucher's contract amount verified lower than claimed."""
    from aitown.services.review_steps import return_for_correction, verify_amount

    with db.read() as s:
        submitted = list(
            s.execute(
                select(Application.id, Application.benefit, Application.contract_amount)
                .where(Application.status == ApplicationStatus.SUBMITTED)
                .order_by(Application.id.desc())
            )
        )
    grant = next((a for a in submitted if a.benefit == "startup_grant"), None)
    voucher = next(
        (a for a in submitted if a.benefit.endswith("_voucher") and a.contract_amount), None
    )
    try:
        if grant is not None:
            return_for_correction(
                db,
                reviewer,
                grant.id,
                ["business_plan"],
                "商业计划书缺少近两年的财务预测，请补充后重新提交。",
            )
        if voucher is not None:
            verified = voucher.contract_amount * 4 // 5 // 100  # whole yuan
            verify_amount(
                db,
                reviewer,
                voucher.id,
                str(verified),
                f"合同附件发票合计 {verified:,} 元，按发票核定。",
            )
    except DeskError:
        pass  # a policy without these materials or benefits: the demo goes on without them
