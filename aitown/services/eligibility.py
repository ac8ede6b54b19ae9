"""Eligibility of a team for a benefit, read from the database and decided by the policy engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.models import BENEFITS, Application, Member, Team
from aitown.policy.eligibility import check_eligibility
from aitown.policy.facts import BenefitRequest, PoolState, PriorApplication
from aitown.policy.results import EligibilityResult
from aitown.services.facts import (
    lease_facts,
    member_facts,
    pool_state,
    prior_applications,
    request_for,
    team_entity,
    team_facts,
)
from aitown.services.policies import active_policy
from aitown.services.teams import find_team


@dataclass(frozen=True)
class WhatIf:
    """What a batch preview supposes on top of the database: applications it has approved in its
    head (they replace the stored ones of the same id) and the pools as they would then stand."""

    approved: tuple[PriorApplication, ...] = ()
    pools: Mapping[tuple[int, str], PoolState] = field(default_factory=dict)


def evaluate_request(
    s: Session,
    team: Team,
    request: BenefitRequest,
    *,
    today: dt.date,
    at_approval: bool = False,
    what_if: WhatIf | None = None,
) -> EligibilityResult:
    """Check one request of one team against the active policy, with every fact from ``s`` (and,
    for a batch preview, what ``what_if`` supposes)."""
    id_number = None
    if request.member_id is not None:
        member = s.get(Member, request.member_id)
        id_number = member.id_number if member else None
    entity = team_entity(s, team)
    priors = prior_applications(s, team, id_number, entity)
    pool = pool_state(s, team.office_id, request.benefit)
    if what_if is not None:
        merged = {p.application_id: p for p in priors}
        merged.update((p.application_id, p) for p in what_if.approved)
        priors = [merged[k] for k in sorted(merged, key=lambda k: int(k or 0))]
        pool = what_if.pools.get((team.office_id, request.benefit), pool)
    return check_eligibility(
        active_policy(s),
        team=team_facts(s, team, entity),
        members=member_facts(s, team.id),
        leases=lease_facts(s, team.id),
        prior_applications=priors,
        request=request,
        pool=pool,
        today=today,
        at_approval=at_approval,
    )


def evaluate(
    s: Session,
    app: Application,
    *,
    today: dt.date,
    at_approval: bool = False,
    what_if: WhatIf | None = None,
) -> EligibilityResult:
    """Check a recorded application (its request, its team) as it stands in ``s``."""
    team = s.get(Team, app.team_id)
    assert team is not None
    return evaluate_request(
        s, team, request_for(app), today=today, at_approval=at_approval, what_if=what_if
    )


def check_team(
    db: Database,
    team_key: str | int,
    benefits: list[str] | None = None,
    *,
    today: dt.date | None = None,
    **request_fields: Any,
) -> list[EligibilityResult]:
    """Eligibility of a team (id or USCC) for each benefit — what the desk answers while the founder
    waits. Vouchers without a contract are checked on the team's facts and say what is missing."""
    team_id = find_team(db, team_key).id
    day = today or dt.date.today()
    with db.read() as s:
        team = s.get(Team, team_id)
        assert team is not None
        return [
            evaluate_request(
                s,
                team,
                BenefitRequest(benefit=b, application_date=day, **request_fields),
                today=day,
            )
            for b in (benefits or list(BENEFITS))
        ]
