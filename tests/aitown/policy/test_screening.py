"""The screening path (aitown.policy.screening) comes to the engine's verdicts and amounts for any
facts: eligible or not, the amount, and the application holding a once-only benefit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from aitown.errors import ValidationError
from aitown.policy import BENEFIT_KINDS, PriorApplication, check_all_benefits, default_policy
from aitown.policy.screening import Verdict, screen_facts, uscc_in_division
from aitown.policy.uscc import is_in_division, validate_uscc
from tests.aitown.policy.policy_builders import TEAM_USCC, lease, member, team, uscc_for
from tests.aitown.policy.test_policy_check_all_benefits import CASES, facts_and_day

POLICY = default_policy()
PROPS = settings(max_examples=400, deadline=None)


def engine(facts: tuple, today: date, kinds=None) -> list[Verdict]:
    """check_all_benefits's answers cut down to what the screening decides."""
    return [
        Verdict(r.benefit, r.eligible, r.amount.amount_fen if r.amount else None, r.held_by)
        for r in check_all_benefits(POLICY, *facts, {}, today, benefits=kinds)
    ]


@st.composite
def city_facts(draw: st.DrawFn) -> tuple[tuple, date]:
    """facts_and_day's teams, with what a city adds: codes written with spaces or in lower case,
    codes the entity had before, held benefits paid out, a tier-A founder, and leases that follow
    one another (one tenancy)."""
    (team_, members_, leases_, priors_), today = draw(facts_and_day())
    code = team_.uscc
    if code and draw(st.booleans()):
        code = draw(st.sampled_from([code.lower(), f" {code[:6]} {code[6:]}", code[:-1] + "I"]))
    former = draw(st.sampled_from([(), (uscc_for("MA1FL0003"),)]))
    team_ = replace(team_, uscc=code, usccs=former)
    if draw(st.booleans()):
        members_ = (
            *members_,
            member(
                member_id=50,
                talent_tier="A",
                is_founder=True,
                full_time=draw(st.sampled_from([True, False, None])),
                joined_on=today - timedelta(days=draw(st.integers(-30, 900))),
            ),
        )
    if leases_ and draw(st.booleans()):
        first = leases_[0]
        follow = lease(
            lease_id=30,
            start_on=first.last_day + timedelta(days=draw(st.integers(1, 3))),
            end_on=first.last_day + timedelta(days=draw(st.integers(30, 900))),
            monthly_rent_fen=draw(st.integers(1, 90_000_00)),
            area_centi_m2=draw(st.sampled_from([120_00, 301_37, None])),
        )
        leases_ = (*leases_, follow)
    extra = tuple(
        PriorApplication(
            application_id=200 + i,
            benefit=draw(st.sampled_from(["rent_waiver", "startup_grant"])),
            status=draw(st.sampled_from(["approved", "disbursed", "revoked", "rejected"])),
            amount_fen=100,
            year=today.year,
            team_uscc=draw(
                st.sampled_from([TEAM_USCC, TEAM_USCC.lower(), None, uscc_for("MA1FL0003"), ""])
            ),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    return (team_, members_, leases_, (*priors_, *extra)), today


@PROPS
@given(case=city_facts())
def test_screening_comes_to_the_engines_verdicts_and_amounts(case: tuple[tuple, date]) -> None:
    facts, today = case
    assert screen_facts(POLICY, *facts, today) == engine(facts, today)


@PROPS
@given(  # any order, a benefit asked twice included
    case=city_facts(),
    kinds=st.lists(st.sampled_from(BENEFIT_KINDS), min_size=1, max_size=5).map(tuple),
)
def test_some_benefits_in_the_order_asked(case: tuple[tuple, date], kinds: tuple) -> None:
    facts, today = case
    assert screen_facts(POLICY, *facts, today, benefits=kinds) == engine(facts, today, kinds)


def test_the_table_of_cases_and_its_amounts() -> None:
    today = date(2026, 11, 23)
    eligible = []
    for name, change in CASES.items():
        team_ = replace(team(), **change.get("team", {}))
        leases_ = change.get("leases", (lease(**change.get("lease", {})),))
        facts = (team_, (member(),), leases_, change.get("priors", ()))
        found = screen_facts(POLICY, *facts, today)
        assert found == engine(facts, today), name
        eligible += [(name, v.benefit, v.amount_fen) for v in found if v.eligible]
    # Amounts are compared, not only refusals.
    assert any(b == "rent_waiver" and a for _, b, a in eligible)
    assert any(b == "startup_grant" and a for _, b, a in eligible)


@settings(max_examples=500, deadline=None)
@given(
    code=st.one_of(
        st.just(TEAM_USCC),
        st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -", min_size=15, max_size=20),
        st.builds(
            lambda c, i, x: c[:i] + x + c[i + 1 :],
            st.just(TEAM_USCC),
            st.integers(0, 17),
            st.sampled_from(list("0123456789AIOZ１")),
        ),
    )
)
def test_the_quick_uscc_check_is_validate_usccs(code: str) -> None:
    try:
        expected = is_in_division(validate_uscc(code), "31")
    except ValidationError:
        expected = False
    assert uscc_in_division(code, "31") is expected


@settings(max_examples=1500, deadline=None)
@given(
    start=st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)),
    length=st.integers(0, 1100),
    ended=st.none() | st.integers(0, 900),
    admitted=st.none() | st.integers(-400, 900),
    left=st.none() | st.integers(-100, 1000),
    rent=st.integers(0, 300_000_00),
    area=st.sampled_from([None, 0, 1, 150_00, 300_00, 300_01, 1234_56]),
)
def test_the_waiver_total_is_the_schedules(start, length, ended, admitted, left, rent, area):
    """Whole months counted at once and the partial ones worked out: the schedule's total."""
    from aitown.policy.rent_waiver import rent_waiver_schedule
    from aitown.policy.screening import Screener, lease_rows, team_row

    le = lease(
        lease_id=1,
        start_on=start,
        end_on=start + timedelta(days=length),
        monthly_rent_fen=rent,
        area_centi_m2=area,
        ended_on=start + timedelta(days=ended) if ended is not None else None,
    )
    admitted_on = start + timedelta(days=admitted) if admitted is not None else None
    left_on = start + timedelta(days=left) if left is not None else None
    schedule = rent_waiver_schedule(POLICY, le, waiver_from=admitted_on, team_left_on=left_on)
    row = team_row(replace(team(), admitted_on=admitted_on, left_on=left_on))
    found = Screener(POLICY, start).waiver_total(row, lease_rows([le])[0])
    assert found == (schedule.total_fen if schedule.rows else None)
