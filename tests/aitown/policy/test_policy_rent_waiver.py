"""§2 rent waiver: the rules, the month-by-month schedule and the §2.5 repayment."""

from __future__ import annotations

from datetime import date

import pytest

from aitown.policy import default_policy, rent_waiver_repayment, rent_waiver_schedule
from tests.aitown.policy.policy_builders import TODAY, check, lease, prior, team

RENT = 50_000_00  # fen a month


def schedule(**lease_changes: object):
    return rent_waiver_schedule(default_policy(), lease(**lease_changes))


# The schedule -------------------------------------------------------------------------------


def test_months_1_to_12_are_waived_in_full_and_13_to_24_by_half() -> None:
    s = schedule()
    assert [r.month for r in s.rows] == list(range(1, 25))
    twelfth, thirteenth = s.rows[11], s.rows[12]
    assert (twelfth.month_start, twelfth.month_end) == (date(2026, 12, 1), date(2026, 12, 31))
    assert twelfth.waived_fen == RENT
    assert (thirteenth.month_start, thirteenth.month_end) == (date(2027, 1, 1), date(2027, 1, 31))
    assert thirteenth.waived_fen == RENT // 2
    assert s.total_fen == 12 * RENT + 12 * RENT // 2
    assert s.end == date(2027, 12, 31)  # nothing after month 24 of a three-year lease


@pytest.mark.parametrize(
    ("area", "total"),
    [
        (300_00, 18 * RENT),  # exactly at the cap: full waiver (12 + 12/2 months)
        (600_00, 9 * RENT),  # twice the cap: half of it
        (200_00, 18 * RENT),
    ],
)
def test_area_above_300_m2_is_pro_rated(area: int, total: int) -> None:
    assert schedule(area_centi_m2=area).total_fen == total


def test_area_just_above_the_cap_rounds_each_month_half_up() -> None:
    s = schedule(area_centi_m2=300_01)
    # 5,000,000 × 30000/30001 = 4,999,833.33… → 4,999,833 fen in a full month
    assert s.rows[0].waived_fen == 4_999_833
    assert s.rows[12].waived_fen == 2_499_917  # 2,499,916.67 → 2,499,917


def test_waiver_never_runs_past_the_lease_end() -> None:
    s = schedule(end_on=date(2026, 6, 30))
    assert [r.month for r in s.rows] == [1, 2, 3, 4, 5, 6]
    assert s.total_fen == 6 * RENT


def test_early_end_waives_the_partial_month_pro_rata_by_day() -> None:
    s = schedule(ended_on=date(2026, 3, 10))
    last = s.rows[-1]
    assert (last.month, last.period_start, last.period_end) == (
        3,
        date(2026, 3, 1),
        date(2026, 3, 10),
    )
    assert (last.days_waived, last.days_in_month) == (10, 31)
    assert last.waived_fen == 1_612_903  # 5,000,000 × 10/31 = 1,612,903.2…
    assert s.total_fen == 2 * RENT + 1_612_903


def test_waiver_never_runs_past_the_day_the_team_leaves() -> None:
    s = rent_waiver_schedule(default_policy(), lease(), team_left_on=date(2026, 4, 15))
    assert s.end == date(2026, 4, 15)
    assert s.rows[-1].waived_fen == RENT // 2  # 15 of April's 30 days


def test_lease_months_start_on_the_lease_day_and_admission_clips_the_first() -> None:
    s = rent_waiver_schedule(
        default_policy(), lease(start_on=date(2026, 1, 15)), waiver_from=date(2026, 1, 20)
    )
    first = s.rows[0]
    assert (first.month_start, first.month_end) == (date(2026, 1, 15), date(2026, 2, 14))
    assert (first.period_start, first.days_waived, first.days_in_month) == (
        date(2026, 1, 20),
        26,
        31,
    )
    assert first.waived_fen == 4_193_548  # 5,000,000 × 26/31 = 4,193,548.39
    assert s.rows[1].month_start == date(2026, 2, 15)


def test_a_half_fen_rounds_up() -> None:
    s = schedule(monthly_rent_fen=1)
    assert s.rows[0].waived_fen == 1
    assert s.rows[12].waived_fen == 1  # 1 fen × 50 % = 0.5 → 1


# The rules ----------------------------------------------------------------------------------


def test_admitted_tenant_is_eligible_and_the_amount_is_the_schedule() -> None:
    result = check("rent_waiver")
    assert result.eligible
    assert result.amount is not None
    assert result.amount.amount_fen == 18 * RENT
    assert result.amount.schedule is not None and len(result.amount.schedule.rows) == 24
    lines = "\n".join(result.amount.lines_in("en"))
    assert "Months 1–12 (2026-01-01–2026-12-31) at 100%" in lines
    assert "Months 13–24 (2027-01-01–2027-12-31) at 50%" in lines
    assert "on or before 2026-12-31 repays" in lines


@pytest.mark.parametrize(
    ("changes", "status", "words", "cure"),
    [
        (
            {"status": "applicant"},
            "fail",
            "the team is an applicant",
            "eligible once the team is admitted",
        ),
        ({"status": "expelled"}, "fail", "the team is expelled", None),
        ({"status": "graduated"}, "fail", "the team is graduated", None),
    ],
)
def test_rule_2_1_needs_an_admitted_team(
    changes: dict, status: str, words: str, cure: str | None
) -> None:
    rule = check("rent_waiver", team_facts=team(**changes)).rule("2.1")
    assert rule.status == status
    assert words in rule.reason_en
    assert rule.cure_en == cure if cure is None else cure in rule.cure_en


def test_rule_2_1_needs_a_current_lease() -> None:
    rule = check("rent_waiver", leases=()).rule("2.1")
    assert rule.status == "fail"
    assert "holds no lease" in rule.reason_en
    assert rule.desk_en == "record the team's lease of a unit in the town"


def test_rule_2_1_a_lease_starting_later_is_cured_by_its_start_date() -> None:
    result = check("rent_waiver", leases=(lease(start_on=date(2027, 1, 15)),))
    rule = result.rule("2.1")
    assert rule.status == "fail"
    assert rule.cure_date == date(2027, 1, 15)
    assert rule.cure_en == "eligible from 2027-01-15, when lease #7 starts"


def test_rule_2_1_an_ended_lease_is_not_current() -> None:
    rule = check("rent_waiver", leases=(lease(ended_on=date(2026, 10, 31)),)).rule("2.1")
    assert rule.status == "fail"


def test_rule_2_2_a_lease_past_its_24th_month_has_nothing_left() -> None:
    old = lease(start_on=date(2023, 1, 1), end_on=date(2027, 12, 31))
    result = check("rent_waiver", leases=(old,), team_facts=team(admitted_on=date(2025, 1, 1)))
    rule = result.rule("2.2")
    assert rule.status == "fail"
    assert "nothing left to waive" in rule.reason_en


def test_rule_2_2_a_second_rent_waiver_is_refused() -> None:
    rule = check("rent_waiver", priors=(prior("rent_waiver", application_id=5),)).rule("2.2")
    assert rule.status == "fail"
    assert "already holds or held a rent waiver (application #5" in rule.reason_en


def test_rule_2_3_unknown_area_and_pro_rated_area() -> None:
    assert check("rent_waiver", leases=(lease(area_centi_m2=None),)).rule("2.3").status == "unknown"
    rule = check("rent_waiver", leases=(lease(area_centi_m2=350_00),)).rule("2.3")
    assert rule.status == "pass"
    assert "pro-rated to 300.00 m² / 350.00 m²" in rule.reason_en


@pytest.mark.parametrize(
    ("status", "eligible"),
    [
        ("approved", False),
        ("disbursed", False),
        ("revoked", False),
        ("rejected", True),
        ("submitted", True),
    ],
)
def test_rule_2_4_not_with_a_start_up_grant(status: str, eligible: bool) -> None:
    result = check("rent_waiver", priors=(prior("startup_grant", status=status),))
    assert (result.rule("2.4").status == "pass") is eligible
    assert result.eligible is eligible


def test_a_grant_of_another_uscc_does_not_count() -> None:
    other = prior("startup_grant", team_uscc="91310104MA1FL00099")
    assert check("rent_waiver", priors=(other,)).eligible


def test_the_application_being_checked_is_not_its_own_prior() -> None:
    itself = prior("rent_waiver", application_id=42)
    assert check("rent_waiver", priors=(itself,), application_id=42).eligible
    assert not check("rent_waiver", priors=(itself,), application_id=43).eligible


# §2.5 repayment -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left_on", "status", "due", "amount"),
    [
        (date(2026, 4, 15), "withdrawn", True, 3 * RENT + RENT // 2),
        (date(2026, 12, 31), "expelled", True, 12 * RENT),  # the last day of the 12th month
        (date(2027, 1, 1), "withdrawn", False, 0),  # the first day of the 13th month
        (date(2026, 4, 15), "graduated", False, 0),
    ],
)
def test_repayment_within_12_months_of_the_waiver_start(
    left_on: date, status: str, due: bool, amount: int
) -> None:
    repayment = rent_waiver_repayment(default_policy(), lease(), left_on=left_on, status=status)
    assert repayment.due is due
    assert repayment.amount_fen == amount
    assert repayment.repay_if_left_by == date(2026, 12, 31)
    assert repayment.lines[0].zh


def test_repayment_counts_from_the_waivers_start_after_admission() -> None:
    repayment = rent_waiver_repayment(
        default_policy(),
        lease(),
        left_on=date(2027, 1, 5),
        status="withdrawn",
        admitted_on=date(2026, 2, 1),
    )
    assert repayment.waiver_start == date(2026, 2, 1)
    assert repayment.due
    # months 2–12 in full; month 13 (50 %) for 5 of its 31 days: 2,500,000 × 5/31 = 403,225.8
    assert repayment.amount_fen == 11 * RENT + 403_226


def test_eligibility_on_the_day_before_the_team_left_still_uses_its_left_on() -> None:
    result = check("rent_waiver", team_facts=team(left_on=date(2026, 12, 31)), today=TODAY)
    assert result.amount is not None
    assert result.amount.amount_fen == 12 * RENT
