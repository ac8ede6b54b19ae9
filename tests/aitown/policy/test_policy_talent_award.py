"""§7 talent award: full-time member of 6 months, the tier's amount, once a person a year."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.aitown.policy.policy_builders import ID_NUMBER, check, member, prior, team, uscc_for


def award(member_changes: dict[str, Any] | None = None, **kwargs: Any):
    kwargs.setdefault("member_id", 3)
    return check("talent_award", members=(member(**(member_changes or {})),), **kwargs)


@pytest.mark.parametrize(
    ("changes", "status", "words", "cure_date"),
    [
        (
            {"joined_on": date(2026, 5, 23)},
            "pass",
            "full-time member since 2026-05-23, at least 6 months",
            None,
        ),
        (
            {"joined_on": date(2026, 5, 24)},
            "fail",
            "joined 2026-05-24, less than 6 months",
            date(2026, 11, 24),
        ),
        ({"full_time": False}, "fail", "is not a full-time member", None),
        ({"full_time": None}, "unknown", "whether 李四 works full-time is not recorded", None),
        ({"left_on": date(2026, 10, 31)}, "fail", "left the team on 2026-10-31", None),
        ({"joined_on": None}, "unknown", "date 李四 joined is not recorded", None),
    ],
)
def test_rule_7_1_a_full_time_member_of_six_months(
    changes: dict[str, Any], status: str, words: str, cure_date: date | None
) -> None:
    rule = award(changes).rule("7.1")
    assert rule.status == status, rule
    assert words in rule.reason_en
    assert rule.cure_date == cure_date
    if cure_date:
        assert rule.cure_en == "eligible from 2026-11-24, after 6 months of membership"


def test_rule_7_1_needs_an_admitted_team_and_a_member_of_it() -> None:
    assert award(team_facts=team(status="applicant")).rule("7.1").status == "fail"
    assert award(member_id=None).rule("7.1").status == "unknown"
    rule = award(member_id=99).rule("7.1")
    assert rule.status == "fail"
    assert "member #99 is not recorded in this team" in rule.reason_en


@pytest.mark.parametrize(("tier", "amount_yuan"), [("A", 300_000), ("B", 150_000), ("C", 50_000)])
def test_rule_7_2_amount_by_tier(tier: str, amount_yuan: int) -> None:
    result = award({"talent_tier": tier})
    assert result.eligible
    assert result.amount is not None and result.amount.amount_fen == amount_yuan * 100
    assert result.to_json()["amount"] == f"{amount_yuan}.00"


def test_rule_7_2_no_tier_no_award() -> None:
    result = award({"talent_tier": None})
    assert result.rule("7.2").status == "fail"
    assert not result.eligible


@pytest.mark.parametrize(
    ("earlier", "status"),
    [
        ({}, "fail"),
        ({"team_uscc": uscc_for("MA1FL0055")}, "fail"),  # the same person, awarded in another team
        ({"member_id_number": ID_NUMBER.lower()}, "fail"),
        ({"year": 2025}, "pass"),
        ({"status": "revoked"}, "pass"),
        ({"member_id_number": "310101199001011234"}, "pass"),
    ],
)
def test_rule_7_3_once_per_person_per_calendar_year(earlier: dict[str, Any], status: str) -> None:
    fields = {"member_id_number": ID_NUMBER, "amount_fen": 300_000_00, **earlier}
    before = prior("talent_award", **fields)
    rule = award(priors=(before,)).rule("7.3")
    assert rule.status == status
    if status == "fail":
        assert rule.cure_date == date(2027, 1, 1)


def test_rule_7_3_unknown_without_an_identity_card_number() -> None:
    rule = award({"id_number": None}).rule("7.3")
    assert rule.status == "unknown"
    assert rule.missing == ("member.id_number",)
