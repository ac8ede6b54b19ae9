"""§1 admission: each rule's pass, fail and boundary, and a failed §1 rule blocks every benefit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aitown.policy import BENEFIT_KINDS
from tests.aitown.policy.policy_builders import TODAY, check, team, uscc_for, voucher_request

# (clause, team changes, expected status, words in the English reason)
CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("1.1", {}, "pass", "division code 310104 starts with “31”"),
    (
        "1.1",
        {"uscc": uscc_for("MA1FL0001", division="110105")},
        "fail",
        "division code 110105 does not start with “31”",
    ),
    ("1.1", {"uscc": "91310104MA1FL00010"}, "fail", "wrong check digit"),
    ("1.1", {"uscc": None}, "unknown", "USCC is not recorded"),
    # 5 years to the day: founded 2021-11-23 passes on 2026-11-23, 2021-11-22 does not.
    (
        "1.2",
        {"founded_on": date(2021, 11, 23)},
        "pass",
        "founded 2021-11-23, no more than 5 years before 2026-11-23",
    ),
    (
        "1.2",
        {"founded_on": date(2021, 11, 22)},
        "fail",
        "founded 2021-11-22, more than 5 years before 2026-11-23",
    ),
    ("1.2", {"founded_on": date(2026, 11, 24)}, "fail", "after the application date"),
    ("1.2", {"founded_on": None}, "unknown", "founding date is not recorded"),
    ("1.3", {"ai_focus": "embodied_intelligence"}, "pass", "AI focus: embodied intelligence"),
    ("1.3", {"ai_focus": "数据服务"}, "pass", "AI focus: data services"),
    ("1.3", {"ai_focus": "blockchain"}, "fail", "“blockchain” is not on the list"),
    ("1.3", {"ai_focus": None}, "unknown", "AI focus is not recorded"),
    ("1.4", {"headcount": 3}, "pass", "headcount 3, within 3–200"),
    ("1.4", {"headcount": 200}, "pass", "headcount 200, within 3–200"),
    ("1.4", {"headcount": 2}, "fail", "headcount 2, fewer than 3"),
    ("1.4", {"headcount": 201}, "fail", "headcount 201, more than 200"),
    ("1.4", {"headcount": None}, "unknown", "headcount is not recorded"),
    ("1.5", {"dishonest": False}, "pass", "not on the list"),
    ("1.5", {"dishonest": True}, "fail", "marked as on the list of seriously dishonest entities"),
    ("1.5", {"dishonest": None}, "unknown", "nobody has recorded"),
]


@pytest.mark.parametrize(("clause", "changes", "status", "words"), CASES)
def test_admission_rule(clause: str, changes: dict[str, Any], status: str, words: str) -> None:
    result = check("startup_grant", team_facts=team(**changes))
    rule = result.rule(clause)
    assert rule.status == status, rule
    assert words in rule.reason_en
    assert rule.reason_zh and rule.reason_zh != rule.reason_en
    assert result.eligible is (status == "pass")


def test_founding_reason_in_chinese_names_the_dates() -> None:
    rule = check("startup_grant", team_facts=team(founded_on=date(2019, 3, 2))).rule("1.2")
    assert rule.reason_zh == "成立于2019-03-02，距2026-11-23已超过5年"


def test_headcount_below_three_says_what_would_cure_it() -> None:
    rule = check("startup_grant", team_facts=team(headcount=2)).rule("1.4")
    assert rule.cure_en == "eligible once the team has at least 3 people"
    assert rule.cure_zh


def test_unknown_names_the_missing_fact() -> None:
    rule = check("startup_grant", team_facts=team(dishonest=None)).rule("1.5")
    assert rule.missing == ("team.dishonest",)
    assert "record it" in rule.reason("en")


@pytest.mark.parametrize("benefit", BENEFIT_KINDS)
def test_a_failed_admission_rule_makes_every_benefit_ineligible(benefit: str) -> None:
    good = check(benefit, member_id=3, **voucher_request(benefit))
    assert good.eligible, [r for r in good.rules if r.status != "pass"]
    bad = check(benefit, team_facts=team(dishonest=True), member_id=3, **voucher_request(benefit))
    assert not bad.eligible
    assert bad.amount is None
    assert [r.clause for r in bad.failed] == ["1.5"]


def test_admission_is_measured_on_the_application_date_not_today() -> None:
    # Applied while 5 years old, approved later: the application date decides §1.2.
    result = check(
        "startup_grant",
        team_facts=team(founded_on=date(2021, 11, 23)),
        today=date(2027, 1, 10),
        application_date=TODAY,
    )
    assert result.rule("1.2").status == "pass"
