"""§2 "Readings settled": one waiver per team counted from its first lease; a renewal continues
the same schedule. The chain of leases, and the schedule over it, as pure functions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from aitown.policy import default_policy, rent_waiver_schedule
from aitown.policy.rent_waiver import waiver_chain, waiver_origin
from tests.aitown.policy.policy_builders import lease

POLICY = default_policy()
FIRST = lease(lease_id=1, start_on=date(2026, 1, 1), end_on=date(2026, 6, 30))
RENEWAL = lease(lease_id=2, start_on=date(2026, 7, 1), end_on=date(2027, 12, 31), renews=1)


def test_the_chain_follows_renewals_both_ways() -> None:
    assert waiver_chain((FIRST, RENEWAL), FIRST) == (FIRST, RENEWAL)
    assert waiver_chain((FIRST, RENEWAL), RENEWAL) == (FIRST, RENEWAL)


def test_a_lease_starting_the_next_day_continues_without_a_recorded_link() -> None:
    plain = replace(RENEWAL, renews=None)
    assert waiver_chain((FIRST, plain), FIRST) == (FIRST, plain)


def test_a_gap_or_an_overlap_is_not_a_renewal() -> None:
    later = replace(RENEWAL, renews=None, start_on=date(2026, 7, 2))
    other_unit = lease(lease_id=3, start_on=date(2026, 3, 1), end_on=date(2027, 2, 28))
    assert waiver_chain((FIRST, later, other_unit), FIRST) == (FIRST,)
    # But the months still count from the team's first lease.
    assert waiver_origin((FIRST, later), later) == date(2026, 1, 1)
    s = rent_waiver_schedule(POLICY, later, leases=(FIRST, later))
    assert s.rows[0].month == 7 and s.rows[0].month_start == date(2026, 7, 1)
    assert s.rows[0].days_waived == 30  # 2 to 31 July


def test_a_renewal_continues_months_7_to_24_at_its_own_rent() -> None:
    renewal = replace(RENEWAL, monthly_rent_fen=60_000_00)
    s = rent_waiver_schedule(POLICY, FIRST, leases=(FIRST, renewal))
    assert [r.month for r in s.rows] == list(range(1, 25))
    assert [r.lease_id for r in s.rows] == [1] * 6 + [2] * 18
    assert s.total_fen == 6 * 50_000_00 + 6 * 60_000_00 + 12 * 30_000_00
    assert s.end == date(2027, 12, 31) and s.lease_start == date(2026, 1, 1)


def test_without_the_other_leases_a_schedule_is_its_lease_alone() -> None:
    s = rent_waiver_schedule(POLICY, FIRST)
    assert s.total_fen == 6 * 50_000_00 and s.end == date(2026, 6, 30)


def test_leaving_during_the_renewal_stops_the_continued_schedule() -> None:
    s = rent_waiver_schedule(POLICY, FIRST, leases=(FIRST, RENEWAL), team_left_on=date(2026, 8, 15))
    assert s.end == date(2026, 8, 15)
    assert s.rows[-1].month == 8 and s.rows[-1].waived_fen == round(50_000_00 * 15 / 31)


@given(st.integers(min_value=0, max_value=36 * 31 - 2), st.integers(min_value=1, max_value=10**9))
def test_splitting_a_lease_into_lease_and_renewal_at_the_same_rent_changes_nothing(
    split: int, rent: int
) -> None:
    whole = lease(
        lease_id=1, start_on=date(2026, 1, 15), end_on=date(2029, 1, 14), monthly_rent_fen=rent
    )
    cut = whole.start_on + timedelta(days=split)
    first = replace(whole, end_on=cut)
    second = replace(whole, lease_id=2, start_on=cut + timedelta(days=1), renews=1)
    one = rent_waiver_schedule(POLICY, whole)
    two = rent_waiver_schedule(POLICY, first, leases=(first, second))
    assert [(r.month, r.days_waived, r.waived_fen) for r in two.rows] == [
        (r.month, r.days_waived, r.waived_fen) for r in one.rows
    ]
    assert two.total_fen == one.total_fen


def test_the_repayment_of_a_team_leaving_during_the_renewal_counts_the_whole_chain() -> None:
    from aitown.policy import rent_waiver_repayment

    repay = rent_waiver_repayment(
        POLICY,
        FIRST,
        left_on=date(2026, 8, 15),
        status="withdrawn",
        admitted_on=date(2026, 1, 1),
        leases=(FIRST, RENEWAL),
    )
    assert repay.due and repay.repay_if_left_by == date(2026, 12, 31)
    # January to July in full, and 15 of August's 31 days (2,419,354.8… → 2,419,355 fen).
    assert repay.amount_fen == 7 * 50_000_00 + 2_419_355
