"""Facts for the policy tests: a typical admitted team, its members and lease, and a short way to
check one benefit. Each test changes only the facts its clause is about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from stdnum.cn import uscc as stdnum_uscc

from aitown.policy import (
    BenefitRequest,
    EligibilityResult,
    LeaseFacts,
    MemberFacts,
    Policy,
    PoolState,
    PriorApplication,
    TeamFacts,
    check_eligibility,
    default_policy,
    parse_policy,
)

TODAY = date(2026, 11, 23)


def uscc_for(org: str, division: str = "310104", head: str = "91") -> str:
    """A USCC with a correct check digit: ``head`` + 6-digit division + 9-character ``org``."""
    body = head + division + org
    assert len(body) == 17, body
    return body + stdnum_uscc.calc_check_digit(body)


TEAM_USCC = uscc_for("MA1FL0001")
VENDOR_USCC = uscc_for("MA1FL0002", division="310115")
ID_NUMBER = "11010119900307451X"


def team(**changes: Any) -> TeamFacts:
    base = TeamFacts(
        team_id=1,
        uscc=TEAM_USCC,
        name_zh="深度星河科技",
        name_en="Deep Galaxy Tech",
        legal_rep="张三",
        founded_on=date(2023, 3, 2),
        headcount=12,
        ai_focus="foundation_models",
        status="admitted",
        admitted_on=date(2026, 1, 1),
        left_on=None,
        dishonest=False,
    )
    return replace(base, **changes)


def member(**changes: Any) -> MemberFacts:
    base = MemberFacts(
        member_id=3,
        name="李四",
        id_number=ID_NUMBER,
        full_time=True,
        talent_tier="A",
        is_founder=True,
        joined_on=date(2025, 1, 1),
    )
    return replace(base, **changes)


def lease(**changes: Any) -> LeaseFacts:
    base = LeaseFacts(
        lease_id=7,
        start_on=date(2026, 1, 1),
        end_on=date(2028, 12, 31),
        monthly_rent_fen=50_000_00,
        area_centi_m2=200_00,
    )
    return replace(base, **changes)


def prior(benefit: str, **changes: Any) -> PriorApplication:
    base = PriorApplication(
        application_id=100,
        benefit=benefit,
        status="approved",
        amount_fen=0,
        year=TODAY.year,
        team_uscc=TEAM_USCC,
    )
    return replace(base, **changes)


def pool(kind: str, left_fen: int | None = None, policy: Policy | None = None) -> PoolState:
    total = (policy or default_policy()).pool_total_fen(kind)
    committed = 0 if left_fen is None else total - left_fen
    return PoolState(kind, total, committed_fen=committed)


def voucher_request(kind: str, **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "contract_amount_fen": 1_000_000_00,
        "vendor_uscc": VENDOR_USCC,
        "vendor_name": "云算科技",
        "vendor_legal_rep": "王五",
        "contract_start": date(2026, 1, 1),
        "contract_end": date(2026, 12, 31),
    }
    base.update(changes)
    return base


def check(
    benefit: str,
    *,
    team_facts: TeamFacts | None = None,
    members: tuple[MemberFacts, ...] | None = None,
    leases: tuple[LeaseFacts, ...] | None = None,
    priors: tuple[PriorApplication, ...] = (),
    pool_state: PoolState | None = None,
    today: date = TODAY,
    policy: Policy | None = None,
    at_approval: bool = False,
    **request: Any,
) -> EligibilityResult:
    request.setdefault("application_date", today)
    return check_eligibility(
        policy or default_policy(),
        team_facts or team(),
        members if members is not None else (member(),),
        leases if leases is not None else (lease(),),
        priors,
        BenefitRequest(benefit=benefit, **request),
        pool_state,
        today,
        at_approval=at_approval,
    )


def policy_with(*replacements: tuple[str, str]) -> Policy:
    """The default policy with parts of its text replaced (each must occur exactly once)."""
    text = default_policy().text
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return parse_policy(text, source="test.toml")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found")
