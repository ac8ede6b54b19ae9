"""Prototype of a proposed change to ``aitown.policy.check_all_benefits``: the §1 rules once a team.

``check_all_benefits`` calls ``check_eligibility`` once per benefit, and each call checks the five
admission rules of §1 again — the same facts, the same application date, the same answers, six
times (the USCC's check digit alone is recomputed six times). Here the loop is the same but §1 is
checked once and its results are shared by the six answers. The benchmark checks that the answers
are identical to ``check_all_benefits``'s before it times this.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from aitown.policy.eligibility import BENEFIT_RULES, make_case
from aitown.policy.entitlements import entitlement
from aitown.policy.facts import (
    BENEFIT_KINDS,
    BenefitRequest,
    LeaseFacts,
    MemberFacts,
    PoolState,
    PriorApplication,
    TeamFacts,
)
from aitown.policy.model import Policy
from aitown.policy.results import PASS, EligibilityResult
from aitown.policy.rules import admission_rules
from aitown.policy.uscc import normalize_uscc


def check_all_benefits_once(
    policy: Policy,
    team: TeamFacts,
    members: Iterable[MemberFacts],
    leases: Iterable[LeaseFacts],
    prior_applications: Iterable[PriorApplication],
    pools: Mapping[str, PoolState],
    today: date,
) -> list[EligibilityResult]:
    """What ``check_all_benefits`` answers, with §1 checked once for the six benefits."""
    members, leases, priors = tuple(members), tuple(leases), tuple(prior_applications)
    uscc = normalize_uscc(team.uscc) or None
    admission = None
    out = []
    for kind in BENEFIT_KINDS:
        case = make_case(policy, team, members, leases, priors, BenefitRequest(kind, today), today)
        if admission is None:
            admission = admission_rules(case)  # the same for every benefit on the same day
        rules = [*admission, *BENEFIT_RULES[kind](case)]
        eligible = all(r.status == PASS for r in rules)
        out.append(
            EligibilityResult(
                benefit=kind,
                eligible=eligible,
                rules=tuple(rules),
                amount=entitlement(case, pools.get(kind)) if eligible else None,
                policy_id=policy.id,
                policy_version=policy.version,
                policy_sha256=policy.sha256,
                team_id=team.team_id,
                team_uscc=uscc,
                application_date=case.on,
                checked_on=today,
            )
        )
    return out
