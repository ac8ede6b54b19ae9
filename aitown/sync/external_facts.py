"""City-wide facts for the eligibility rules: benefits other offices of the city granted.

The one integration point with the rules: :func:`external_priors` returns those grants as
``PriorApplication`` records (with the other office's name and notice number), which the fact
readers add to the team's own. A standalone office has none. On a district they are what the
city's last bundle brought; on the city, what the districts' bundles reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from aitown.policy.facts import PriorApplication
from aitown.sync.keys import person_hash
from aitown.sync.tables import CityFact, Installation


def external_priors(
    s: Session, usccs: Iterable[str], id_number: str | None = None
) -> list[PriorApplication]:
    """Other offices' grants to these USCCs (every code the entity has had: §3.3 follows a team
    through a corrected code) and, with ``id_number``, to this person (§7.3)."""
    inst = s.get(Installation, 1)
    codes = sorted({c for c in usccs if c})
    if inst is None or not codes:
        return []
    conds: list[ColumnElement[bool]] = [CityFact.uscc.in_(codes)]
    person = person_hash(inst.person_key, id_number) if id_number else None
    if person is not None:
        conds.append(CityFact.person_hash == person)
    rows = s.scalars(
        select(CityFact)
        .where(or_(*conds), CityFact.office_code != inst.office_code)
        .order_by(CityFact.id)
    )
    return [
        PriorApplication(
            application_id=f"{f.office_code}:{f.uid}",
            benefit=f.benefit,
            status=f.status,
            amount_fen=f.amount,
            year=f.applied_on.year,
            team_uscc=f.uscc,
            decided_on=f.decided_on,
            member_id_number=id_number if person is not None and f.person_hash == person else None,
            office_en=f.office_name_en or f.office_name_zh,
            office_zh=f.office_name_zh,
            notice_number=f.notice_number,
        )
        for f in rows
    ]


def external_priors_by_uscc(s: Session) -> dict[str, tuple[PriorApplication, ...]]:
    """Every other office's grants, by USCC: what :func:`external_priors` answers team by team,
    read once for a check of every team (aitown.services.bulk_eligibility)."""
    inst = s.get(Installation, 1)
    if inst is None:
        return {}
    out: dict[str, list[PriorApplication]] = {}
    for f in s.scalars(
        select(CityFact).where(CityFact.office_code != inst.office_code).order_by(CityFact.id)
    ):
        out.setdefault(f.uscc, []).append(
            PriorApplication(
                application_id=f"{f.office_code}:{f.uid}",
                benefit=f.benefit,
                status=f.status,
                amount_fen=f.amount,
                year=f.applied_on.year,
                team_uscc=f.uscc,
                decided_on=f.decided_on,
                office_en=f.office_name_en or f.office_name_zh,
                office_zh=f.office_name_zh,
                notice_number=f.notice_number,
            )
        )
    return {k: tuple(v) for k, v in out.items()}
