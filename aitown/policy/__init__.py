"""The policy engine: loading a policy file, the rules of POLICY.md, entitlement arithmetic.

Pure: no database, no Qt. The services fill the facts (aitown.policy.facts) from the database and
call :func:`check_eligibility`; everything a rule needs to know comes in as an argument.
"""

from __future__ import annotations

from aitown.policy.eligibility import check_all_benefits, check_eligibility
from aitown.policy.entitlements import RentWaiverRepayment, rent_waiver_repayment
from aitown.policy.facts import (
    BENEFIT_KINDS,
    BENEFIT_LABELS,
    TEAM_STATUSES,
    VOUCHER_KINDS,
    BenefitRequest,
    LeaseFacts,
    MemberFacts,
    PoolState,
    PriorApplication,
    RelatedParty,
    TeamFacts,
)
from aitown.policy.loader import PolicyError, default_policy, load_policy, parse_policy
from aitown.policy.model import Policy
from aitown.policy.rent_waiver import RentWaiverSchedule, WaiverRow, rent_waiver_schedule
from aitown.policy.results import ArithmeticLine, EligibilityResult, Entitlement, RuleResult
from aitown.policy.rules import rule_8_2_separation, rule_pool_fits
from aitown.policy.uscc import validate_uscc

__all__ = [
    "BENEFIT_KINDS",
    "BENEFIT_LABELS",
    "TEAM_STATUSES",
    "VOUCHER_KINDS",
    "ArithmeticLine",
    "BenefitRequest",
    "EligibilityResult",
    "Entitlement",
    "LeaseFacts",
    "MemberFacts",
    "Policy",
    "PolicyError",
    "PoolState",
    "PriorApplication",
    "RelatedParty",
    "RentWaiverRepayment",
    "RentWaiverSchedule",
    "RuleResult",
    "TeamFacts",
    "WaiverRow",
    "check_all_benefits",
    "check_eligibility",
    "default_policy",
    "load_policy",
    "parse_policy",
    "rent_waiver_repayment",
    "rent_waiver_schedule",
    "rule_8_2_separation",
    "rule_pool_fits",
    "validate_uscc",
]
