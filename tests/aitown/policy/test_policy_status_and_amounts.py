"""Readings settled: a team that left gets no new benefit, applicants get vouchers only where the
policy says so, an amount of 0.00 is not a benefit, and §4.3's words say what the rule does."""

from __future__ import annotations

from datetime import date

import pytest

from aitown.policy import BENEFIT_KINDS, PolicyError, default_policy
from aitown.policy.facts import VOUCHER_KINDS
from tests.aitown.policy.policy_builders import (
    check,
    lease,
    member,
    policy_with,
    team,
    voucher_request,
)

OLD = {"founded_on": date(2023, 3, 2)}


def _check(kind: str, **team_changes):
    request = voucher_request(kind) if kind in VOUCHER_KINDS else {}
    if kind == "talent_award":
        request = {"member_id": 1}
    return check(kind, team_facts=team(**{**OLD, **team_changes}), **request)


@pytest.mark.parametrize("status", ["expelled", "withdrawn"])
@pytest.mark.parametrize("kind", BENEFIT_KINDS)
def test_a_team_that_left_gets_no_new_benefit(kind: str, status: str) -> None:
    result = _check(kind, status=status, left_on=date(2026, 10, 1))
    assert not result.eligible and result.amount is None
    assert any(r.status == "fail" for r in result.rules)
    if kind in VOUCHER_KINDS:
        rule = result.rule("status")
        assert rule.status == "fail" and "gets no new benefit" in rule.reason_en
        assert "2026-10-01" in rule.reason_en and "不再享受新的扶持" in rule.reason_zh


def test_an_expelled_teams_compute_voucher_was_the_hole() -> None:
    assert _check("compute_voucher").eligible  # the same team, admitted: eligible
    assert not _check("compute_voucher", status="expelled").eligible


def test_applicants_and_vouchers_follow_the_policy_setting() -> None:
    assert default_policy().applicants_may_receive == frozenset(VOUCHER_KINDS)
    assert _check("model_voucher", status="applicant").eligible
    strict = policy_with(("model_voucher = true", "model_voucher = false"))
    result = check(
        "model_voucher",
        team_facts=team(**OLD, status="applicant"),
        policy=strict,
        **voucher_request("model_voucher"),
    )
    assert not result.eligible
    assert result.rule("status").status == "fail"
    assert result.rule("status").cure_en == "eligible once the team is admitted (§1)"
    compute = check(
        "compute_voucher",
        team_facts=team(**OLD, status="applicant"),
        policy=strict,
        **voucher_request("compute_voucher"),
    )
    assert compute.eligible  # the setting is per voucher


@pytest.mark.parametrize("kind", ["rent_waiver", "startup_grant", "talent_award"])
def test_the_towns_own_benefits_need_admission(kind: str) -> None:
    assert not _check(kind, status="applicant").eligible


def test_the_setting_is_checked_like_every_key() -> None:
    with pytest.raises(PolicyError, match="talent_award"):
        policy_with(("corpus_voucher = true\n", "corpus_voucher = true\ntalent_award = true\n"))
    with pytest.raises(PolicyError, match="true or false"):
        policy_with(("compute_voucher = true", 'compute_voucher = "yes"'))
    # A file without the table (an older policy file) takes the default.
    start = default_policy().text.index("[applicants_may_receive]")
    end = default_policy().text.index("# Section titles")
    text = default_policy().text
    from aitown.policy import parse_policy

    older = parse_policy(text[:start] + text[end:])
    assert older.applicants_may_receive == frozenset(VOUCHER_KINDS)


def test_an_amount_that_rounds_to_zero_is_not_a_benefit() -> None:
    result = check(
        "compute_voucher",
        team_facts=team(**OLD),
        **voucher_request("compute_voucher", contract_amount_fen=1),
    )
    assert not result.eligible and result.amount is None
    rule = result.rule("4.2")
    assert rule.status == "fail"
    assert "0.00 is not a benefit" in rule.reason_en and "不构成扶持" in rule.reason_zh


def test_a_rent_free_lease_gives_no_rent_waiver() -> None:
    result = check(
        "rent_waiver",
        team_facts=team(**OLD),
        leases=(lease(monthly_rent_fen=0),),
        members=(member(),),
    )
    assert not result.eligible
    assert result.rule("2.2").status == "fail"


def test_the_chinese_text_of_4_3_says_what_the_rule_does() -> None:
    clause = default_policy().clause("4.3")
    assert "成立不满" not in clause.zh
    assert "成立时间不超过2年" in clause.zh
    # …and the rule passes on the second anniversary, as the words say.
    result = check(
        "compute_voucher",
        team_facts=team(founded_on=date(2024, 11, 23), headcount=12),
        **voucher_request("compute_voucher"),
    )
    assert "不属于" not in result.rule("4.3").reason_zh
    young = check(
        "compute_voucher",
        team_facts=team(founded_on=date(2024, 11, 22), headcount=12),
        **voucher_request("compute_voucher"),
    )
    assert "成立时间不超过2年" in young.rule("4.3").reason_zh
