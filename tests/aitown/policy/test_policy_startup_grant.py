"""§3 one-time start-up grant: tenancy of 3 months, the amount, once per USCC, not with a waiver."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.aitown.policy.policy_builders import TEAM_USCC, check, lease, member, prior, team


@pytest.mark.parametrize(
    ("start", "status", "cure_date"),
    [
        (date(2026, 8, 23), "pass", None),  # exactly 3 months before 2026-11-23
        (date(2026, 8, 24), "fail", date(2026, 11, 24)),
        (date(2026, 10, 15), "fail", date(2027, 1, 15)),
    ],
)
def test_rule_3_1_three_months_of_tenancy(start: date, status: str, cure_date: date | None) -> None:
    rule = check("startup_grant", leases=(lease(start_on=start),)).rule("3.1")
    assert rule.status == status
    assert rule.cure_date == cure_date
    if cure_date:
        assert rule.cure_en == f"eligible from {cure_date.isoformat()}, after 3 months of tenancy"
        assert rule.cure_zh == f"自{cure_date.isoformat()}起（租期满3个月后）可申请"


def test_rule_3_1_leases_that_follow_each_other_are_one_tenancy() -> None:
    first = lease(lease_id=1, start_on=date(2026, 1, 1), end_on=date(2026, 9, 30))
    moved = lease(lease_id=2, start_on=date(2026, 10, 1), end_on=date(2028, 9, 30))
    assert check("startup_grant", leases=(first, moved)).rule("3.1").status == "pass"
    gap = lease(lease_id=1, start_on=date(2026, 1, 1), end_on=date(2026, 9, 29))
    rule = check("startup_grant", leases=(gap, moved)).rule("3.1")
    assert rule.status == "fail"
    assert rule.cure_date == date(2027, 1, 1)


def test_rule_3_1_a_future_lease_cures_three_months_after_it_starts() -> None:
    rule = check("startup_grant", leases=(lease(start_on=date(2027, 2, 1)),)).rule("3.1")
    assert rule.status == "fail"
    assert rule.cure_date == date(2027, 5, 1)


def test_rule_3_1_a_lease_ending_before_3_months_has_no_cure_date() -> None:
    short = lease(start_on=date(2026, 10, 1), end_on=date(2026, 12, 15))
    rule = check("startup_grant", leases=(short,)).rule("3.1")
    assert rule.status == "fail"
    assert rule.cure_date is None
    assert "if the lease is extended" in rule.cure_en


def test_rule_3_1_needs_an_admitted_team() -> None:
    rule = check("startup_grant", team_facts=team(status="applicant")).rule("3.1")
    assert rule.status == "fail"
    assert rule.cure_date is None  # admission is an action, not a date


@pytest.mark.parametrize(
    ("changes", "amount_yuan"),
    [
        ({}, 200_000),
        ({"full_time": False}, 100_000),
        ({"is_founder": False}, 100_000),
        ({"talent_tier": "B"}, 100_000),
        ({"left_on": date(2026, 6, 30)}, 100_000),
        ({"full_time": None}, 100_000),
    ],
)
def test_rule_3_2_amount_doubles_with_a_full_time_tier_a_founder(
    changes: dict[str, Any], amount_yuan: int
) -> None:
    result = check("startup_grant", members=(member(**changes),))
    assert result.eligible
    assert result.amount is not None
    assert result.amount.amount_fen == amount_yuan * 100
    assert f"{amount_yuan:,}.00" in result.rule("3.2").reason_en


def test_rule_3_2_says_when_a_tier_a_founders_full_time_status_is_missing() -> None:
    rule = check("startup_grant", members=(member(full_time=None),)).rule("3.2")
    assert "not recorded as full-time" in rule.reason_en


def test_rule_3_3_once_per_uscc_even_under_a_new_team_name() -> None:
    earlier = prior(
        "startup_grant", application_id=9, team_uscc=TEAM_USCC, status="disbursed", year=2025
    )
    result = check(
        "startup_grant", team_facts=team(team_id=2, name_zh="新名字科技"), priors=(earlier,)
    )
    rule = result.rule("3.3")
    assert rule.status == "fail"
    assert (
        f"USCC {TEAM_USCC} already received the one-time start-up grant (application #9"
        in rule.reason_en
    )
    assert not result.eligible


@pytest.mark.parametrize(
    ("status", "passes"), [("rejected", True), ("draft", True), ("revoked", False)]
)
def test_rule_3_3_counts_grants_that_were_given(status: str, passes: bool) -> None:
    rule = check("startup_grant", priors=(prior("startup_grant", status=status),)).rule("3.3")
    assert (rule.status == "pass") is passes


def test_rule_3_4_not_for_a_team_that_held_a_rent_waiver() -> None:
    rule = check("startup_grant", priors=(prior("rent_waiver", status="revoked"),)).rule("3.4")
    assert rule.status == "fail"
    assert "holds or held a rent waiver" in rule.reason_en
