"""The rent waivers a team holds, month by month, for its lease timeline (read only)."""

from __future__ import annotations

from sqlalchemy import select

from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit
from aitown.models import Application, Team
from aitown.policy.rent_waiver import RentWaiverSchedule, rent_waiver_schedule
from aitown.services.facts import lease_facts
from aitown.services.policies import active_policy

# A waiver the team holds: approved (or paid out); a revoked or rejected one waives nothing.
HOLDING = (ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED)


def rent_waiver_schedules(db: Database, team_id: int) -> dict[int, RentWaiverSchedule]:
    """For each lease of the team with a rent waiver granted on it: the waiver's schedule under
    the active policy (from the admission date, up to the lease's end or the day the team left)."""
    with db.read() as s:
        team = s.get(Team, team_id)
        if team is None:
            return {}
        lease_ids = set(
            s.scalars(
                select(Application.lease_id).where(
                    Application.team_id == team_id,
                    Application.benefit == Benefit.RENT_WAIVER,
                    Application.status.in_(HOLDING),
                    Application.lease_id.is_not(None),
                )
            )
        )
        if not lease_ids:
            return {}
        policy = active_policy(s)
        leases = lease_facts(s, team_id)
        # With all the team's leases: the months count from its first lease and the waiver runs
        # on through the renewals of the lease it was granted on ("Readings settled", §2).
        return {
            lease.lease_id: rent_waiver_schedule(
                policy,
                lease,
                waiver_from=team.admitted_on,
                team_left_on=team.left_on,
                leases=leases,
            )
            for lease in leases
            if lease.lease_id is not None and lease.lease_id in lease_ids
        }
