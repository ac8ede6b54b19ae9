"""Reading the facts the policy engine decides on out of the database (one place, one way)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from aitown.models import Application, BudgetPool, Lease, Member, RelatedParty, Space, Team
from aitown.policy.facts import (
    BenefitRequest,
    LeaseFacts,
    MemberFacts,
    PoolState,
    PriorApplication,
    TeamFacts,
)
from aitown.policy.facts import RelatedParty as RelatedPartyFacts
from aitown.services.entities import Entity, read_entity_links
from aitown.sync.external_facts import external_priors


def team_entity(s: Session, team: Team) -> Entity:
    """The team records that are one entity with ``team`` and every USCC they have had."""
    return read_entity_links(s).of(team.id, team.uscc)


def team_facts(s: Session, team: Team, entity: Entity | None = None) -> TeamFacts:
    entity = entity or team_entity(s, team)
    parties = s.scalars(
        select(RelatedParty).where(RelatedParty.team_id == team.id).order_by(RelatedParty.id)
    ).all()
    return TeamFacts(
        team_id=team.id,
        uscc=team.uscc,
        name_zh=team.name_zh,
        name_en=team.name_en,
        legal_rep=team.legal_rep or None,
        founded_on=team.founded_on,
        headcount=team.headcount,
        ai_focus=team.ai_focus or None,
        status=team.status,
        admitted_on=team.admitted_on,
        left_on=team.left_on,
        dishonest=team.dishonest,
        related_parties=tuple(
            RelatedPartyFacts(name=p.name, uscc=p.uscc, legal_rep=p.legal_rep) for p in parties
        ),
        usccs=tuple(sorted(entity.usccs - {team.uscc})),
    )


def member_facts(s: Session, team_id: int) -> list[MemberFacts]:
    return [
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
        for m in s.scalars(select(Member).where(Member.team_id == team_id).order_by(Member.id))
    ]


def lease_facts(s: Session, team_id: int) -> list[LeaseFacts]:
    rows = s.execute(
        select(Lease, Space.area_hundredths)
        .join(Space, Space.id == Lease.space_id)
        .where(Lease.team_id == team_id)
        .order_by(Lease.start_on, Lease.id)  # ties by id: the same order on every database
    )
    return [
        LeaseFacts(
            lease_id=lease.id,
            start_on=lease.start_on,
            end_on=lease.end_on,
            monthly_rent_fen=lease.monthly_rent,
            area_centi_m2=area,
            ended_on=lease.ended_on,
            renews=lease.renews_lease_id,
        )
        for lease, area in rows
    ]


def prior_applications(
    s: Session, team: Team, member_id_number: str | None = None, entity: Entity | None = None
) -> list[PriorApplication]:
    """Every application of the entity (every team record linked by a USCC one of them has or had:
    §3.3, §2.4), and every talent award of the person (§7.3)."""
    entity = entity or team_entity(s, team)
    cond: ColumnElement[bool] = Application.team_id.in_(sorted(entity.team_ids))
    if member_id_number:
        cond = or_(cond, Member.id_number == member_id_number)
    rows = s.execute(
        select(Application, Team.uscc, Member.id_number)
        .join(Team, Team.id == Application.team_id)
        .outerjoin(Member, Member.id == Application.member_id)
        .where(cond)
        .order_by(Application.id)
    )
    out = [prior_from(app, uscc, id_number) for app, uscc, id_number in rows]
    # Other offices of the city, under every code the entity has had.
    out.extend(external_priors(s, entity.usccs | {team.uscc}, member_id_number))
    return out


def prior_from(
    app: Application,
    team_uscc: str | None,
    member_id_number: str | None,
    *,
    status: str | None = None,
    amount_fen: int | None = None,
) -> PriorApplication:
    """``app`` as the rules see an earlier application (``status`` / ``amount_fen``: as it would
    stand after a decision a batch preview supposes)."""
    return PriorApplication(
        application_id=app.id,
        benefit=app.benefit,
        status=status or app.status,
        amount_fen=app.amount if amount_fen is None else amount_fen,
        year=app.applied_on.year,
        team_uscc=team_uscc,
        decided_on=app.decided_at.date() if app.decided_at else None,
        contract_start=app.contract_start,
        contract_end=app.contract_end,
        member_id_number=member_id_number,
        lease_id=app.lease_id,
    )


def pool_state(s: Session, office_id: int, kind: str) -> PoolState | None:
    pool = s.scalar(
        select(BudgetPool).where(BudgetPool.office_id == office_id, BudgetPool.kind == kind)
    )
    if pool is None:
        return None
    return PoolState(
        kind=kind, total_fen=pool.total, committed_fen=pool.committed, disbursed_fen=pool.disbursed
    )


def request_for(app: Application) -> BenefitRequest:
    return BenefitRequest(
        benefit=app.benefit,
        application_date=app.applied_on,
        application_id=app.id,
        # The reviewer's verified amount, where recorded, is what the benefit is computed on.
        contract_amount_fen=(
            app.verified_contract_amount
            if app.verified_contract_amount is not None
            else app.contract_amount
        ),
        vendor_uscc=app.vendor_uscc,
        vendor_name=app.vendor_name,
        vendor_legal_rep=app.vendor_legal_rep,
        contract_start=app.contract_start,
        contract_end=app.contract_end,
        member_id=app.member_id,
        lease_id=app.lease_id,
    )
