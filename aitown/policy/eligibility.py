"""Checking a team's eligibility for a benefit: every rule of §1 and of the benefit, and the amount.

A failed or unknown §1 rule makes every benefit ineligible (the answer still lists every rule, so
the desk sees all that is missing at once). An 'unknown' rule (a fact not recorded) also makes the
answer not eligible, and names the fact. The amount is given only when the team is eligible.

The pool is reported, not enforced, while the founder waits: the amount's working shows what the
pool has left. With ``at_approval=True`` (§8.3: checked again at approval) a last rule, clause
"pool", fails when the amount does not fit in what the pool has left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from aitown.errors import ValidationError
from aitown.policy.entitlements import entitlement
from aitown.policy.facts import (
    BENEFIT_KINDS,
    COUNTING_STATUSES,
    BenefitRequest,
    LeaseFacts,
    MemberFacts,
    PoolState,
    PriorApplication,
    TeamFacts,
)
from aitown.policy.model import Policy
from aitown.policy.results import FAIL, PASS, EligibilityResult, RuleResult
from aitown.policy.rules import Case, admission_rules, rule_pool_fits
from aitown.policy.rules_space import rent_waiver_rules, startup_grant_rules
from aitown.policy.rules_talent import talent_award_rules
from aitown.policy.rules_vouchers import voucher_rules
from aitown.policy.uscc import normalize_uscc

BENEFIT_RULES: dict[str, Callable[[Case], list[RuleResult]]] = {
    "rent_waiver": rent_waiver_rules,
    "startup_grant": startup_grant_rules,
    "compute_voucher": voucher_rules,
    "model_voucher": voucher_rules,
    "corpus_voucher": voucher_rules,
    "talent_award": talent_award_rules,
}


def make_case(
    policy: Policy,
    team: TeamFacts,
    members: Iterable[MemberFacts],
    leases: Iterable[LeaseFacts],
    prior_applications: Iterable[PriorApplication],
    request: BenefitRequest,
    today: date,
) -> Case:
    """The facts of one check, with the application being checked left out of the priors."""
    if request.benefit not in BENEFIT_KINDS:
        raise ValidationError(
            f"“{request.benefit}” is not a benefit: use one of {', '.join(BENEFIT_KINDS)}.",
            f"“{request.benefit}”不是有效的扶持项目：请使用 {'、'.join(BENEFIT_KINDS)} 之一。",
            field="benefit",
        )
    priors = tuple(
        p
        for p in prior_applications
        if request.application_id is None or p.application_id != request.application_id
    )
    return Case(
        policy=policy,
        team=team,
        members=tuple(members),
        leases=tuple(leases),
        priors=priors,
        request=request,
        on=request.application_date or today,
        today=today,
    )


# Benefits a team has once (§2 one waiver per team, §3.3 once ever): an approved or paid one is
# "held", which the desk sees as such rather than as a failure.
ONCE_ONLY = frozenset({"rent_waiver", "startup_grant"})

# The clause that sets each benefit's amount: it fails when the amount rounds to 0.00.
AMOUNT_CLAUSES = {
    "rent_waiver": "2.2",
    "startup_grant": "3.2",
    "compute_voucher": "4.2",
    "model_voucher": "5.2",
    "corpus_voucher": "6.2",
    "talent_award": "7.2",
}


def _no_benefit(rule: RuleResult) -> RuleResult:
    """Readings settled, Amounts: an amount that rounds to 0.00 is not a benefit."""
    return RuleResult(
        rule.clause,
        FAIL,
        f"{rule.reason_en}; the amount rounds to 0.00 yuan, and an amount of 0.00 is not a benefit",
        f"{rule.reason_zh}；金额四舍五入后为0.00元，金额为0.00元的不构成扶持",
    )


def check_eligibility(
    policy: Policy,
    team: TeamFacts,
    members: Iterable[MemberFacts],
    leases: Iterable[LeaseFacts],
    prior_applications: Iterable[PriorApplication],
    request: BenefitRequest,
    pool: PoolState | None,
    today: date,
    *,
    at_approval: bool = False,
) -> EligibilityResult:
    """Every rule for ``request.benefit``, pass/fail/unknown with reasons, and the amount if eligible.

    The rules measure from the application date (``request.application_date``, or ``today`` when
    it is None). ``prior_applications``: see aitown.policy.facts. ``at_approval`` adds the pool rule.
    """
    case = make_case(policy, team, members, leases, prior_applications, request, today)
    return _answer(case, admission_rules(case), pool, at_approval=at_approval)


def _answer(
    case: Case, admission: list[RuleResult], pool: PoolState | None, *, at_approval: bool = False
) -> EligibilityResult:
    """The answer for ``case`` given its §1 results (``admission_rules(case)``)."""
    policy, request = case.policy, case.request
    rules = [*admission, *BENEFIT_RULES[request.benefit](case)]
    amount = None
    if all(r.status == PASS for r in rules):
        amount = entitlement(case, pool)
        if amount.amount_fen <= 0:
            rules = [
                _no_benefit(r) if r.clause == AMOUNT_CLAUSES[request.benefit] else r for r in rules
            ]
        elif at_approval:
            rules.append(rule_pool_fits(request.benefit, amount.amount_fen, pool))
    eligible = all(r.status == PASS for r in rules)
    held_by = None
    if request.benefit in ONCE_ONLY and not eligible:
        held = case.team_priors(request.benefit, COUNTING_STATUSES)
        held_by = held[0].application_id if held else None
    return EligibilityResult(
        benefit=request.benefit,
        eligible=eligible,
        rules=tuple(rules),
        amount=amount if eligible else None,
        policy_id=policy.id,
        policy_version=policy.version,
        policy_sha256=policy.sha256,
        team_id=case.team.team_id,
        team_uscc=normalize_uscc(case.team.uscc) or None,
        application_date=case.on,
        checked_on=case.today,
        held_by=held_by,
    )


def check_all_benefits(
    policy: Policy,
    team: TeamFacts,
    members: Iterable[MemberFacts],
    leases: Iterable[LeaseFacts],
    prior_applications: Iterable[PriorApplication],
    pools: Mapping[str, PoolState],
    today: date,
    *,
    benefits: Iterable[str] | None = None,
) -> list[EligibilityResult]:
    """One answer per benefit kind (``benefits`` in the order given; default every kind, in
    BENEFIT_KINDS order), as ``aitown-cli eligibility TEAM`` prints them: each is what
    ``check_eligibility`` answers for a request of that kind dated ``today``. Vouchers and talent
    awards have no contract or person here, so their rules that need one say 'unknown'.

    The §1 admission rules depend only on the team, the policy and the application date, which are
    the same for every benefit here: they are checked once and shared by the answers (checking
    every team of a district repeats this for each team; §1 was a third of the time).
    """
    members, leases, priors = tuple(members), tuple(leases), tuple(prior_applications)
    admission: list[RuleResult] | None = None
    out = []
    for kind in BENEFIT_KINDS if benefits is None else benefits:
        request = BenefitRequest(benefit=kind, application_date=today)
        case = make_case(policy, team, members, leases, priors, request, today)
        if admission is None:
            admission = admission_rules(case)
        out.append(_answer(case, admission, pools.get(kind)))
    return out
