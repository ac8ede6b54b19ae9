"""§4 compute, §5 model, §6 corpus vouchers, and §8.1's 10 %–100 % ratios in use."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aitown.policy import RelatedParty
from tests.aitown.policy.policy_builders import (
    TEAM_USCC,
    VENDOR_USCC,
    check,
    policy_with,
    pool,
    prior,
    team,
    uscc_for,
    voucher_request,
)

YUAN = 100
OLD_TEAM = {"founded_on": date(2023, 3, 2)}  # more than 2 years old: never early and small


def voucher(kind: str, team_changes: dict[str, Any] | None = None, **changes: Any):
    return check(
        kind, team_facts=team(**(team_changes or OLD_TEAM)), **voucher_request(kind, **changes)
    )


# 4.1 / 5.1 / 6.1: the contract --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "changes", "status", "words"),
    [
        (
            "compute_voucher",
            {},
            "pass",
            "contract with 云算科技 for 1,000,000.00 yuan, 2026-01-01–2026-12-31",
        ),
        (
            "compute_voucher",
            {"contract_amount_fen": None},
            "unknown",
            "contract amount is not recorded",
        ),
        ("compute_voucher", {"contract_amount_fen": 0}, "fail", "contract amount is zero"),
        (
            "compute_voucher",
            {"vendor_uscc": None, "vendor_name": None},
            "unknown",
            "vendor is not recorded",
        ),
        (
            "compute_voucher",
            {"contract_start": None},
            "unknown",
            "contract's start is not recorded",
        ),
        ("compute_voucher", {"contract_end": date(2025, 12, 31)}, "fail", "before it starts"),
        ("compute_voucher", {"vendor_uscc": "91310115MA1FL00020"}, "fail", "wrong check digit"),
        ("compute_voucher", {"vendor_uscc": TEAM_USCC}, "fail", "is the team's own"),
        (
            "model_voucher",
            {"contract_start": None, "contract_end": None},
            "pass",
            "contract with 云算科技",
        ),
        ("model_voucher", {"vendor_uscc": TEAM_USCC}, "fail", "is the team's own"),
    ],
)
def test_contract_rule(kind: str, changes: dict[str, Any], status: str, words: str) -> None:
    clause = {"compute_voucher": "4.1", "model_voucher": "5.1"}[kind]
    rule = voucher(kind, **changes).rule(clause)
    assert rule.status == status, rule
    assert words in rule.reason_en


def test_unknown_contract_amount_names_the_missing_fact() -> None:
    result = voucher("compute_voucher", contract_amount_fen=None)
    assert result.rule("4.1").missing == ("request.contract_amount",)
    assert result.rule("4.2").status == "unknown"
    assert result.amount is None


@pytest.mark.parametrize(
    ("changes", "parties", "status", "words"),
    [
        ({}, (), "pass", "is not the team, not a related party"),
        (
            {},
            (RelatedParty("云算科技股东", VENDOR_USCC, "赵六"),),
            "fail",
            "is a related party of the team (云算科技股东)",
        ),
        (
            {},
            (RelatedParty("云算科技", None, None),),
            "fail",
            "is a related party of the team (云算科技)",
        ),
        ({"vendor_legal_rep": "张三"}, (), "fail", "legal representative 张三 is also the team's"),
        ({"vendor_uscc": TEAM_USCC}, (), "fail", "is the team's own"),
        (
            {"vendor_legal_rep": None},
            (),
            "unknown",
            "vendor's legal representative is not recorded",
        ),
        ({"vendor_uscc": None}, (), "unknown", "vendor's USCC is not recorded"),
    ],
)
def test_rule_6_1_the_corpus_vendor_is_not_affiliated(
    changes: dict[str, Any], parties: tuple[RelatedParty, ...], status: str, words: str
) -> None:
    facts = team(related_parties=parties, **OLD_TEAM)
    rule = check(
        "corpus_voucher", team_facts=facts, **voucher_request("corpus_voucher", **changes)
    ).rule("6.1")
    assert rule.status == status, rule
    assert words in rule.reason_en


def test_rule_6_1_unknown_without_the_teams_legal_rep() -> None:
    rule = check(
        "corpus_voucher", team_facts=team(legal_rep=None), **voucher_request("corpus_voucher")
    ).rule("6.1")
    assert rule.status == "unknown"
    assert "team.legal_rep" in rule.missing


# Ratios ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "contract", "amount"),
    [
        ("compute_voucher", 1_000_000_00, 300_000_00),
        ("model_voucher", 1_000_000_00, 500_000_00),
        ("corpus_voucher", 1_000_000_00, 300_000_00),
        ("corpus_voucher", 5, 2),  # 5 fen × 30 % = 1.5 fen → 2 (half up)
        ("corpus_voucher", 3, 1),  # 0.9 → 1
    ],
)
def test_amount_is_contract_times_ratio_rounded_half_up(
    kind: str, contract: int, amount: int
) -> None:
    result = voucher(kind, contract_amount_fen=contract)
    assert result.eligible
    assert result.amount is not None and result.amount.amount_fen == amount


def test_amount_lines_show_the_arithmetic_in_both_languages() -> None:
    result = check(
        "compute_voucher",
        team_facts=team(**OLD_TEAM),
        priors=(
            prior("compute_voucher", amount_fen=2_000_000_00, contract_start=date(2026, 1, 1)),
        ),
        pool_state=pool("compute_voucher", left_fen=12_345_678_90),
        **voucher_request("compute_voucher"),
    )
    assert result.amount is not None
    assert result.amount.lines_in("en") == [
        "Contract 1,000,000.00 yuan × 30% = 300,000.00 yuan (§4.2)",
        "Yearly cap 10,000,000.00 yuan for 2026 (§4.4); the team's earlier compute vouchers of 2026 "
        "used 2,000,000.00 yuan; 8,000,000.00 yuan left under the cap",
        "Amount: 300,000.00 yuan",
        "The compute voucher pool has 12,345,678.90 yuan left of 600,000,000.00 yuan: it fits "
        "(checked again at approval)",
    ]
    assert (
        result.amount.lines_in("zh")[0] == "合同金额1,000,000.00元 × 30% = 300,000.00元（第4.2条）"
    )
    assert result.amount.year_used_fen == 2_000_000_00
    assert result.amount.pool_left_fen == 12_345_678_90
    assert result.amount.fits_pool is True


@pytest.mark.parametrize(("ratio", "amount"), [('"10%"', 100_000_00), ('"100%"', 1_000_000_00)])
def test_a_policy_may_set_ratios_of_exactly_10_or_100_percent(ratio: str, amount: int) -> None:
    policy = policy_with(('ratio = "50%"  # 5.2', f"ratio = {ratio}"))
    result = check(
        "model_voucher",
        policy=policy,
        team_facts=team(**OLD_TEAM),
        **voucher_request("model_voucher"),
    )
    assert result.amount is not None and result.amount.amount_fen == amount


# 4.3 early and small ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("founded", "headcount", "early"),
    [
        (date(2024, 11, 23), 12, True),  # exactly 2 years before 2026-11-23
        (date(2024, 11, 22), 12, False),
        (date(2025, 6, 1), 50, True),
        (date(2025, 6, 1), 51, False),
    ],
)
def test_rule_4_3_early_and_small_gets_100_percent_within_its_window(
    founded: date, headcount: int, early: bool
) -> None:
    result = voucher("compute_voucher", {"founded_on": founded, "headcount": headcount})
    assert result.eligible
    assert result.amount is not None
    assert result.amount.amount_fen == (1_000_000_00 if early else 300_000_00)
    assert ("does not apply" in result.rule("4.3").reason_en) is not early


def test_rule_4_3_a_contract_straddling_the_window_is_split_by_contract_months() -> None:
    first = prior(
        "compute_voucher",
        amount_fen=0,
        contract_start=date(2026, 1, 1),
        contract_end=date(2026, 3, 31),
    )
    result = check(
        "compute_voucher",
        team_facts=team(founded_on=date(2025, 6, 1)),
        priors=(first,),
        **voucher_request(
            "compute_voucher",
            contract_amount_fen=3_650_000_00,
            contract_start=date(2026, 7, 1),
            contract_end=date(2027, 6, 30),
        ),
    )
    # 6 of the contract's 12 months fall in 2026-07-01…2026-12-31 (the window ends 2026-12-31),
    # not 184 of its 365 days: 1,825,000 × 100 % + 1,825,000 × 30 % = 2,372,500
    assert result.amount is not None
    assert result.amount.amount_fen == 2_372_500_00
    rule = result.rule("4.3")
    assert (
        "6 months of the contract's 12 months fall in the window 2026-01-01–2026-12-31"
        in rule.reason_en
    )
    assert "1,825,000.00 yuan × 100% + 1,825,000.00 yuan × 30%" in rule.reason_en
    assert "合同共12个月，其中6个月在" in rule.reason_zh
    assert any("× 6 / 12 = 1,825,000.00 yuan" in line for line in result.amount.lines_in("en"))


def test_rule_4_3_a_leap_year_counts_as_twelve_months_not_366_days() -> None:
    result = check(
        "compute_voucher",
        team_facts=team(founded_on=date(2023, 6, 1)),
        application_date=date(2024, 1, 1),
        **voucher_request(
            "compute_voucher",
            contract_amount_fen=2_000_000_00,
            contract_start=date(2024, 1, 1),
            contract_end=date(2025, 12, 31),
        ),
    )
    # 12 of 24 months: exactly half at 100 %, half at 30 % (by days it would be 366/731).
    assert result.amount is not None
    assert result.amount.amount_fen == 1_000_000_00 + 300_000_00


def test_rule_4_3_a_part_month_counts_by_its_days() -> None:
    result = check(
        "compute_voucher",
        team_facts=team(founded_on=date(2025, 6, 1)),
        application_date=date(2026, 1, 10),
        **voucher_request(
            "compute_voucher",
            contract_amount_fen=1_300_000_00,
            contract_start=date(2026, 1, 1),
            contract_end=date(2027, 1, 15),
        ),
    )
    # 12 months and 15 of the 31 days of month 13; the window holds the first 12 months.
    # 1,300,000 × 12 / (12 + 15/31) = 1,249,612.40; the rest 50,387.60 × 30 % = 15,116.28
    assert result.amount is not None
    assert result.amount.amount_fen == 1_249_612_40 + 15_116_28
    rule = result.rule("4.3")
    assert "12 months of the contract's 12 months and 15 of the 31 days of month 13" in (
        rule.reason_en
    )
    assert "合同共12个月又第13个月31天中的15天" in rule.reason_zh


def test_rule_4_3_a_contract_after_the_window_gets_the_standard_ratio() -> None:
    first = prior("compute_voucher", contract_start=date(2025, 7, 1), year=2025)
    result = check(
        "compute_voucher",
        team_facts=team(founded_on=date(2025, 6, 1)),
        priors=(first,),
        **voucher_request(
            "compute_voucher", contract_start=date(2026, 7, 1), contract_end=date(2026, 12, 31)
        ),
    )
    assert result.amount is not None and result.amount.amount_fen == 300_000_00
    assert "lies outside the window" in result.rule("4.3").reason_en


# Yearly caps ----------------------------------------------------------------------------------


def test_rule_4_4_the_cap_limits_the_amount_to_what_the_year_has_left() -> None:
    earlier = prior("compute_voucher", amount_fen=9_800_000_00)
    result = check(
        "compute_voucher",
        team_facts=team(**OLD_TEAM),
        priors=(earlier,),
        **voucher_request("compute_voucher"),
    )
    assert result.amount is not None
    assert result.amount.amount_fen == 200_000_00
    assert "limited to 200,000.00 yuan instead of 300,000.00 yuan" in result.rule("4.4").reason_en
    assert result.amount.lines_in("en")[-1] == "Amount: 200,000.00 yuan (limited by the yearly cap)"


def test_rule_4_4_a_used_up_cap_fails_until_new_year() -> None:
    earlier = prior("compute_voucher", amount_fen=10_000_000_00, status="disbursed")
    result = check(
        "compute_voucher",
        team_facts=team(**OLD_TEAM),
        priors=(earlier,),
        **voucher_request("compute_voucher"),
    )
    rule = result.rule("4.4")
    assert rule.status == "fail"
    assert rule.cure_date == date(2027, 1, 1)
    assert rule.cure_en == "eligible from 2027-01-01, when the yearly cap renews"


@pytest.mark.parametrize(
    "earlier",
    [
        {"year": 2025},
        {"status": "revoked"},
        {"status": "rejected"},
        {"status": "submitted"},
        {"team_uscc": uscc_for("MA1FL0077")},
    ],
)
def test_rule_4_4_counts_only_this_teams_granted_vouchers_of_this_year(
    earlier: dict[str, Any],
) -> None:
    other = prior("compute_voucher", amount_fen=10_000_000_00, **earlier)
    result = check(
        "compute_voucher",
        team_facts=team(**OLD_TEAM),
        priors=(other,),
        **voucher_request("compute_voucher"),
    )
    assert result.rule("4.4").status == "pass"
    assert result.amount is not None and result.amount.amount_fen == 300_000_00


@pytest.mark.parametrize(
    ("contract", "amount"),
    [
        (10_000_000_00, 5_000_000_00),  # exactly the 5,000,000 cap: not limited
        (10_000_000_02, 5_000_000_00),  # 5,000,000.01 → the cap
        (9_999_999_98, 4_999_999_99),
    ],
)
def test_rule_5_3_the_5_000_000_cap(contract: int, amount: int) -> None:
    result = voucher("model_voucher", contract_amount_fen=contract)
    assert result.amount is not None
    assert result.amount.amount_fen == amount
    limited = result.amount.lines_in("en")[-1].endswith("(limited by the yearly cap)")
    assert limited is (contract > 10_000_000_00)


def test_rule_6_3_other_kinds_do_not_count_toward_the_corpus_cap() -> None:
    model = prior("model_voucher", amount_fen=5_000_000_00)
    result = check(
        "corpus_voucher",
        team_facts=team(**OLD_TEAM),
        priors=(model,),
        **voucher_request("corpus_voucher"),
    )
    assert result.rule("6.3").status == "pass"
