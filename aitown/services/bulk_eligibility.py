"""Eligibility of every team for every benefit, now: what a district office asks of its whole list.

``check_team`` (aitown.services.eligibility) reads one team's facts with a few queries per team and
per benefit — right while a founder waits, 12 minutes for 100,000 teams. Here the teams are read
in chunks, one query per table per chunk, into the same fact records
:mod:`aitown.services.facts` builds, and ``check_all_benefits`` answers each team: the answers
are those ``check_team`` gives (tests/aitown/services/test_bulk_eligibility.py holds them equal
rule by rule). The per-team path stays the one for one team.

Reading only: no audit event, but the acting user needs the right to see teams.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.models import Application, BudgetPool, Lease, Member, RelatedParty, Space, Team
from aitown.policy.eligibility import check_all_benefits
from aitown.policy.facts import (
    BENEFIT_KINDS,
    LeaseFacts,
    MemberFacts,
    PoolState,
    PriorApplication,
    TeamFacts,
)
from aitown.policy.facts import RelatedParty as RelatedPartyFacts
from aitown.policy.results import EligibilityResult
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.entities import read_entity_links
from aitown.services.policies import active_policy
from aitown.sync.external_facts import external_priors_by_uscc

CHUNK = 5000
# How often check_all_teams reports progress (teams); a report costs the caller a repaint.
PROGRESS_EVERY = 200


@dataclass(frozen=True)
class TeamFactSet:
    """Everything the policy engine decides one team on, as the per-team readers build it.

    ``priors``: every application of the entity — the team's and those of the team records linked
    to it by a USCC one of them has or had (aitown.services.entities) — by id
    (``facts.prior_applications`` without a person). ``person_priors``: for each identity number of the team's members, that person's
    applications in other teams (§7.3 counts a person's talent awards whatever the team) — empty
    unless asked for. ``pools``: the budget pools of the team's office, by benefit.
    """

    team: TeamFacts
    office_id: int
    members: tuple[MemberFacts, ...]
    leases: tuple[LeaseFacts, ...]
    priors: tuple[PriorApplication, ...]
    pools: Mapping[str, PoolState]
    person_priors: Mapping[str, tuple[PriorApplication, ...]] = field(default_factory=dict)

    @property
    def team_id(self) -> int:
        return int(self.team.team_id or 0)  # read from the database: always an int

    def prior_applications(
        self, member_id_number: str | None = None
    ) -> tuple[PriorApplication, ...]:
        """What ``aitown.services.facts.prior_applications`` reads for this team and, for a talent
        award, the person with ``member_id_number`` (one of the team's members)."""
        extra = self.person_priors.get(member_id_number, ()) if member_id_number else ()
        if not extra:
            return self.priors
        merged = {p.application_id: p for p in (*self.priors, *extra)}
        # By id, as the reader orders them (read from the database: always an int).
        return tuple(sorted(merged.values(), key=lambda p: int(p.application_id or 0)))


def iter_team_facts(
    db: Database,
    *,
    chunk: int = CHUNK,
    first_id: int | None = None,
    last_id: int | None = None,
    person_priors: bool = True,
) -> Iterator[TeamFactSet]:
    """The facts of every team (``first_id <= id <= last_id`` when given), in id order.

    Up to ``chunk`` teams are read at a time, each table with one query, in one read transaction
    per chunk (a team's facts are read together; no session stays open between chunks).
    ``person_priors=False`` leaves out the members' applications in other teams, which only a
    talent award for a named person needs.
    """
    after = first_id - 1 if first_id is not None else None
    while True:
        with db.read() as s:
            q = select(Team.id).order_by(Team.id).limit(max(1, chunk))
            if after is not None:
                q = q.where(Team.id > after)
            if last_id is not None:
                q = q.where(Team.id <= last_id)
            ids = list(s.scalars(q))
            if not ids:
                return
            facts = _read_chunk(s, ids[0], ids[-1], person_priors)
        yield from facts  # built one by one: fewer live objects, less for the garbage collector
        after = ids[-1]


def _read_chunk(s: Session, lo: int, hi: int, with_person_priors: bool) -> Iterator[TeamFactSet]:
    """The fact sets of the teams with ``lo <= id <= hi``: the rows are read now, the records are
    built as the iterator is consumed. Each query sorts as the per-team reader does (then by id,
    so that ties come out the same on every database)."""
    pools: dict[int, dict[str, PoolState]] = defaultdict(dict)
    for office_id, kind, total, committed, disbursed in s.execute(
        select(
            BudgetPool.office_id,
            BudgetPool.kind,
            BudgetPool.total,
            BudgetPool.committed,
            BudgetPool.disbursed,
        )
    ):
        pools[office_id][kind] = PoolState(kind, total, committed, disbursed)

    parties: dict[int, list[RelatedPartyFacts]] = defaultdict(list)
    for team_id, name, uscc, rep in s.execute(
        select(RelatedParty.team_id, RelatedParty.name, RelatedParty.uscc, RelatedParty.legal_rep)
        .where(RelatedParty.team_id.between(lo, hi))
        .order_by(RelatedParty.id)
    ):
        parties[team_id].append(RelatedPartyFacts(name=name, uscc=uscc, legal_rep=rep))

    members: dict[int, list[MemberFacts]] = defaultdict(list)
    for m in s.execute(
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
        members[m.team_id].append(
            MemberFacts(
                member_id=m.id,
                name=m.name,
                id_number=m.id_number,
                full_time=m.full_time,
                talent_tier=m.talent_tier,
                is_founder=m.is_founder,
                joined_on=m.joined_on,
                left_on=m.left_on,
            )
        )

    leases: dict[int, list[LeaseFacts]] = defaultdict(list)
    for ls in s.execute(
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
        leases[ls.team_id].append(
            LeaseFacts(
                lease_id=ls.id,
                start_on=ls.start_on,
                end_on=ls.end_on,
                monthly_rent_fen=ls.monthly_rent,
                area_centi_m2=ls.area_hundredths,
                ended_on=ls.ended_on,
            )
        )

    # "Every application of the entity" (the per-team reader): the team's own, and those of the
    # team records linked to it by a USCC one of them has or had (aitown.services.entities).
    priors: dict[int, list[PriorApplication]] = defaultdict(list)
    for row in s.execute(
        _prior_columns(Application.team_id.label("key_team_id"))
        .where(Application.team_id.between(lo, hi))
        .order_by(Application.id)
    ):
        priors[row.key_team_id].append(_prior(row))
    links = read_entity_links(s)
    linked = {t: e for t, e in links.groups.items() if lo <= t <= hi}
    others = sorted({o for t, e in linked.items() for o in e.team_ids if o != t})
    if others:
        by_team: dict[int, list[PriorApplication]] = defaultdict(list)
        for row in s.execute(
            _prior_columns(Application.team_id.label("key_team_id"))
            .where(Application.team_id.in_(others))
            .order_by(Application.id)
        ):
            by_team[row.key_team_id].append(_prior(row))
        for team_id, entity in linked.items():
            merged = {p.application_id: p for p in priors[team_id]}
            for other in entity.team_ids - {team_id}:
                merged.update((p.application_id, p) for p in by_team.get(other, ()))
            priors[team_id] = [merged[k] for k in sorted(merged)]  # type: ignore[type-var]

    person: dict[int, dict[str, list[PriorApplication]]] = defaultdict(lambda: defaultdict(list))
    if with_person_priors:
        # Each member's identity number, and the applications of any member record with that
        # number in another team (the per-team reader: ``Member.id_number == number``).
        ours = aliased(Member)
        for row in s.execute(
            _prior_columns(ours.team_id.label("key_team_id"), ours.id_number.label("key_id_number"))
            .join(ours, and_(ours.id_number == Member.id_number, ours.team_id != Team.id))
            .where(ours.team_id.between(lo, hi), ours.id_number != "")
            .order_by(Application.id)
        ):
            person[row.key_team_id][row.key_id_number].append(_prior(row))

    teams = s.execute(
        select(
            Team.id,
            Team.office_id,
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
    ).all()
    return (
        TeamFactSet(
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
                usccs=tuple(sorted(links.of(t.id, t.uscc).usccs - {t.uscc})),
            ),
            office_id=t.office_id,
            members=tuple(members.get(t.id, ())),
            leases=tuple(leases.get(t.id, ())),
            priors=tuple(priors.get(t.id, ())),
            pools=pools.get(t.office_id, {}),
            person_priors={k: tuple(v) for k, v in person[t.id].items()} if t.id in person else {},
        )
        for t in teams
    )


def _external_for(
    external: dict[str, tuple[PriorApplication, ...]], usccs: frozenset[str]
) -> tuple[PriorApplication, ...]:
    """Other offices' grants under any of the entity's codes (see external_priors)."""
    return tuple(p for code in sorted(usccs) for p in external.get(code, ()))


def _prior_columns(*keys: Any) -> Select[Any]:
    """``keys`` (labelled ``key_*``) then the columns of a PriorApplication, as the per-team
    reader joins them."""
    return (
        select(
            *keys,
            Application.id.label("application_id"),
            Application.benefit,
            Application.status,
            Application.amount,
            Application.applied_on,
            Team.uscc.label("team_uscc"),
            Application.decided_at,
            Application.contract_start,
            Application.contract_end,
            Member.id_number.label("member_id_number"),
            Application.lease_id,
        )
        .select_from(Application)
        .join(Team, Team.id == Application.team_id)
        .outerjoin(Member, Member.id == Application.member_id)
    )


def _prior(row: Row[*tuple[Any, ...]]) -> PriorApplication:
    """A PriorApplication from a ``_prior_columns`` row, by column name."""
    return PriorApplication(
        application_id=row.application_id,
        benefit=row.benefit,
        status=row.status,
        amount_fen=row.amount,
        year=row.applied_on.year,
        team_uscc=row.team_uscc,
        decided_on=row.decided_at.date() if row.decided_at else None,
        contract_start=row.contract_start,
        contract_end=row.contract_end,
        member_id_number=row.member_id_number,
        lease_id=row.lease_id,
    )


def check_all_teams(
    db: Database,
    actor: Actor,
    *,
    today: dt.date | None = None,
    benefits: Iterable[str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    chunk: int = CHUNK,
) -> Iterator[tuple[int, str, str, list[EligibilityResult]]]:
    """Every team's answers for ``benefits`` (default all six, in BENEFIT_KINDS order) as on
    ``today`` (default: today), team by team in id order: ``(team id, USCC, Chinese name, the
    answers)``. Each answer is the one ``check_team`` gives for that team and benefit.

    Needs the right to see teams (``team.view``), checked at the call, before anything is read;
    writes nothing. ``progress(done, total)`` is called now and then (total: the teams when the
    check began); ``cancel()`` is asked before each team, and when it answers True the iteration
    simply ends.
    """
    actor.require("team.view")
    kinds = benefit_kinds(benefits)
    return _check_all(db, today or dt.date.today(), kinds, progress, cancel, chunk)


def benefit_kinds(benefits: Iterable[str] | None) -> list[str]:
    """The benefits asked for (all six when None), refusing a code that is not one."""
    kinds = list(BENEFIT_KINDS if benefits is None else benefits)
    unknown = [k for k in kinds if k not in BENEFIT_KINDS]
    if unknown:
        raise ValidationError(
            f"“{unknown[0]}” is not a benefit: use one of {', '.join(BENEFIT_KINDS)}.",
            f"“{unknown[0]}”不是有效的扶持项目：请使用 {'、'.join(BENEFIT_KINDS)} 之一。",
            field="benefit",
        )
    return kinds


def _check_all(
    db: Database,
    day: dt.date,
    kinds: list[str],
    progress: Progress | None,
    cancel: Cancel | None,
    chunk: int,
) -> Iterator[tuple[int, str, str, list[EligibilityResult]]]:
    with db.read() as s:
        policy = active_policy(s)
        total = s.scalar(select(func.count()).select_from(Team)) or 0
        external = external_priors_by_uscc(s)  # other offices of the city; none if standalone
    done = 0
    if progress is not None:
        progress(0, total)
    for facts in iter_team_facts(db, chunk=chunk, person_priors=False):
        if cancel is not None and cancel():
            return
        team = facts.team
        results = check_all_benefits(
            policy,
            team,
            facts.members,
            facts.leases,
            facts.priors + _external_for(external, team.entity_usccs()),
            facts.pools,
            day,
            benefits=kinds,
        )
        yield facts.team_id, team.uscc or "", team.name_zh or "", results
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, max(total, done))
    if progress is not None:
        progress(done, max(total, done))
