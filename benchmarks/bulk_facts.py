"""Eligibility facts of every team in a few queries per chunk of teams — proposed for aitown.services.

The service path (``aitown.services.eligibility.check_team``) reads one team's facts with several
queries per team *and per benefit* (the team, its related parties, members, leases, applications
and the pool, six times over): about 40 round trips a team, ~14 ms, half an hour for 100,000 teams.
Here the teams are read in chunks of ids, and for each chunk one query per table fills the same
fact records :mod:`aitown.services.facts` builds, so
``check_all_benefits(policy, *facts, pools, day)`` gives the same answers (the benchmark checks
that on a sample against ``check_team``).

Priors: the service gathers "every application of the team's USCC"; the USCC is unique among
teams, so grouping the applications by team gives the same list. The talent-award priors of one
person (by identity-card number) are not needed when no member is named, which is the case for a
check of all benefits.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aitown.models import BENEFITS, Application, Lease, Member, RelatedParty, Space, Team
from aitown.policy.eligibility import check_all_benefits
from aitown.policy.facts import LeaseFacts, MemberFacts, PoolState, PriorApplication, TeamFacts
from aitown.policy.facts import RelatedParty as RelatedPartyFacts
from aitown.policy.model import Policy
from aitown.policy.results import EligibilityResult
from aitown.services.facts import pool_state

CHUNK = 5000


@dataclass(frozen=True)
class TeamFactSet:
    """Everything ``check_all_benefits`` needs about one team."""

    team: TeamFacts
    members: tuple[MemberFacts, ...]
    leases: tuple[LeaseFacts, ...]
    priors: tuple[PriorApplication, ...]


def team_id_range(s: Session) -> tuple[int, int]:
    low, high = s.execute(select(func.min(Team.id), func.max(Team.id))).one()
    return (low or 0, high or -1)


def iter_team_facts(
    s: Session, first_id: int | None = None, last_id: int | None = None, *, chunk: int = CHUNK
) -> Iterator[TeamFactSet]:
    """The facts of every team with ``first_id <= id <= last_id`` (default: all), in id order."""
    low, high = team_id_range(s)
    low = low if first_id is None else max(low, first_id)
    high = high if last_id is None else min(high, last_id)
    for start in range(low, high + 1, chunk):
        yield from _chunk(s, start, min(start + chunk - 1, high))


def _chunk(s: Session, lo: int, hi: int) -> Iterator[TeamFactSet]:
    parties: dict[int, list[RelatedPartyFacts]] = defaultdict(list)
    for team_id, name, uscc, rep in s.execute(
        select(RelatedParty.team_id, RelatedParty.name, RelatedParty.uscc, RelatedParty.legal_rep)
        .where(RelatedParty.team_id.between(lo, hi))
        .order_by(RelatedParty.id)
    ):
        parties[team_id].append(RelatedPartyFacts(name=name, uscc=uscc, legal_rep=rep))
    members: dict[int, list[MemberFacts]] = defaultdict(list)
    for row in s.execute(
        select(
            Member.team_id,
            Member.id,
            Member.name,
            Member.id_number,
            Member.full_time,
            Member.talent_tier,
            Member.is_founder,
            Member.joined_on,
            Member.left_on,
        )
        .where(Member.team_id.between(lo, hi))
        .order_by(Member.id)
    ):
        members[row[0]].append(MemberFacts(*row[1:]))
    leases: dict[int, list[LeaseFacts]] = defaultdict(list)
    for row in s.execute(
        select(
            Lease.team_id,
            Lease.id,
            Lease.start_on,
            Lease.end_on,
            Lease.monthly_rent,
            Space.area_hundredths,
            Lease.ended_on,
        )
        .join(Space, Space.id == Lease.space_id)
        .where(Lease.team_id.between(lo, hi))
        .order_by(Lease.start_on, Lease.id)
    ):
        leases[row[0]].append(LeaseFacts(*row[1:]))
    priors: dict[int, list[PriorApplication]] = defaultdict(list)
    for row in s.execute(
        select(
            Application.team_id,
            Application.id,
            Application.benefit,
            Application.status,
            Application.amount,
            Application.applied_on,
            Team.uscc,
            Application.decided_at,
            Application.contract_start,
            Application.contract_end,
            Member.id_number,
            Application.lease_id,
        )
        .join(Team, Team.id == Application.team_id)
        .outerjoin(Member, Member.id == Application.member_id)
        .where(Application.team_id.between(lo, hi))
        .order_by(Application.id)
    ):
        (team_id, app_id, benefit, status, amount, applied, uscc, decided) = row[:8]
        priors[team_id].append(
            PriorApplication(
                application_id=app_id,
                benefit=benefit,
                status=status,
                amount_fen=amount,
                year=applied.year,
                team_uscc=uscc,
                decided_on=decided.date() if decided else None,
                contract_start=row[8],
                contract_end=row[9],
                member_id_number=row[10],
                lease_id=row[11],
            )
        )
    for t in s.execute(
        select(
            Team.id,
            Team.uscc,
            Team.name_zh,
            Team.name_en,
            Team.legal_rep,
            Team.founded_on,
            Team.headcount,
            Team.ai_focus,
            Team.status,
            Team.admitted_on,
            Team.left_on,
            Team.dishonest,
        )
        .where(Team.id.between(lo, hi))
        .order_by(Team.id)
    ):
        yield TeamFactSet(
            team=TeamFacts(
                team_id=t.id,
                uscc=t.uscc,
                name_zh=t.name_zh,
                name_en=t.name_en,
                legal_rep=t.legal_rep or None,
                founded_on=t.founded_on,
                headcount=t.headcount,
                ai_focus=t.ai_focus or None,
                status=t.status,
                admitted_on=t.admitted_on,
                left_on=t.left_on,
                dishonest=t.dishonest,
                related_parties=tuple(parties.get(t.id, ())),
            ),
            members=tuple(members.get(t.id, ())),
            leases=tuple(leases.get(t.id, ())),
            priors=tuple(priors.get(t.id, ())),
        )


def office_pools(s: Session, office_id: int) -> dict[str, PoolState]:
    """The budget pools of an office by benefit (as the service reads each one)."""
    pools = {kind: pool_state(s, office_id, kind) for kind in BENEFITS}
    return {kind: pool for kind, pool in pools.items() if pool is not None}


def check_all_teams(
    s: Session,
    policy: Policy,
    pools: dict[str, PoolState],
    day: dt.date,
    first_id: int | None = None,
    last_id: int | None = None,
) -> Iterator[list[EligibilityResult]]:
    """Every team's answers for every benefit, one list per team, in id order."""
    for facts in iter_team_facts(s, first_id, last_id):
        yield check_all_benefits(
            policy, facts.team, facts.members, facts.leases, facts.priors, pools, day
        )
