"""The eligibility answer as a whole: PRODUCT.md's JSON, the stored record, the pool at approval."""

from __future__ import annotations

import json
from datetime import date

import pytest

from aitown.errors import ValidationError
from aitown.policy import (
    BENEFIT_KINDS,
    check_all_benefits,
    default_policy,
    rule_8_2_separation,
)
from tests.aitown.policy.policy_builders import (
    TEAM_USCC,
    TODAY,
    check,
    lease,
    member,
    pool,
    team,
)


def test_to_json_has_exactly_products_shape() -> None:
    result = check("startup_grant")
    data = result.to_json()
    assert list(data) == ["team", "benefit", "eligible", "rules", "amount"]
    assert data["team"] == TEAM_USCC
    assert data["benefit"] == "startup_grant"
    assert data["eligible"] is True
    assert data["amount"] == "200000.00"
    assert [r["clause"] for r in data["rules"]] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
    ]
    for rule in data["rules"]:
        assert list(rule) == ["clause", "status", "reason"]
        assert rule["status"] in ("pass", "fail", "unknown")
    json.dumps(data)


def test_to_json_reasons_in_chinese_and_cures_follow_the_reason() -> None:
    result = check("startup_grant", leases=(lease(start_on=date(2026, 10, 15)),))
    data = result.to_json("zh")
    assert data["eligible"] is False and data["amount"] is None
    rule = next(r for r in data["rules"] if r["clause"] == "3.1")
    assert rule == {
        "clause": "3.1",
        "status": "fail",
        "reason": "自2026-10-15起租，至2026-11-23不满3个月；自2027-01-15起（租期满3个月后）可申请",
    }
    english = next(r for r in result.to_json()["rules"] if r["clause"] == "3.1")
    assert english["reason"].endswith("eligible from 2027-01-15, after 3 months of tenancy")


def test_the_record_stored_with_a_decision_has_both_languages_and_the_policy() -> None:
    result = check("rent_waiver", pool_state=pool("rent_waiver"))
    record = json.loads(json.dumps(result.to_record(), ensure_ascii=False))
    policy = default_policy()
    assert (record["policy_id"], record["policy_version"], record["policy_sha256"]) == (
        policy.id,
        policy.version,
        policy.sha256,
    )
    assert record["application_date"] == TODAY.isoformat()
    assert record["rules"][0]["reason_zh"] and record["rules"][0]["reason_en"]
    assert record["amount"]["amount_fen"] == result.amount.amount_fen
    assert len(record["amount"]["schedule"]["rows"]) == 24
    assert record["amount"]["lines_zh"][-1].startswith("租金减免预算池")


def test_eligibility_shows_the_pool_but_does_not_fail_on_it() -> None:
    result = check("talent_award", member_id=3, pool_state=pool("talent_award", left_fen=100_00))
    assert result.eligible
    assert result.amount is not None
    assert result.amount.fits_pool is False
    assert "it does NOT fit" in result.amount.lines_in("en")[-1]


@pytest.mark.parametrize(("left", "eligible"), [(300_000_00, True), (299_999_99, False)])
def test_at_approval_the_amount_must_fit_in_the_pool(left: int, eligible: bool) -> None:
    result = check(
        "talent_award",
        member_id=3,
        pool_state=pool("talent_award", left_fen=left),
        at_approval=True,
    )
    rule = result.rule("pool")
    assert result.eligible is eligible
    assert (rule.status == "pass") is eligible
    if not eligible:
        assert rule.reason_en == (
            "300,000.00 yuan does not fit in the talent award pool, which has 299,999.99 yuan left"
        )
        assert result.amount is None


def test_at_approval_without_the_pool_state_is_unknown() -> None:
    result = check("talent_award", member_id=3, at_approval=True)
    assert result.rule("pool").status == "unknown"
    assert not result.eligible


def test_rule_8_2_the_recorder_cannot_approve() -> None:
    assert rule_8_2_separation(1, 2).status == "pass"
    same = rule_8_2_separation(1, 1)
    assert same.status == "fail" and same.desk_en == "another reviewer must decide it"
    assert rule_8_2_separation(None, 2).status == "unknown"


def test_an_unknown_benefit_kind_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        check("free_lunch")
    assert "“free_lunch” is not a benefit" in info.value.message


def test_check_all_benefits_answers_for_each_kind() -> None:
    results = check_all_benefits(
        default_policy(),
        team(),
        [member()],
        [lease()],
        [],
        {kind: pool(kind) for kind in BENEFIT_KINDS},
        TODAY,
    )
    assert [r.benefit for r in results] == list(BENEFIT_KINDS)
    by_kind = {r.benefit: r for r in results}
    assert by_kind["rent_waiver"].eligible and by_kind["startup_grant"].eligible
    # No contract or person was given: those rules say what is missing instead of guessing.
    assert by_kind["compute_voucher"].rule("4.1").status == "unknown"
    assert by_kind["talent_award"].rule("7.1").missing == ("request.member_id",)


def test_result_names_policy_and_dates() -> None:
    result = check("startup_grant", today=date(2026, 12, 1), application_date=TODAY)
    assert (result.policy_id, result.policy_version) == ("shanghai-ai-2025", "2025.1")
    assert (result.application_date, result.checked_on) == (TODAY, date(2026, 12, 1))
