"""check_all_benefits checks §1 once a team and works the rent-waiver schedule out once a check;
its answers must stay those of six check_eligibility calls, for any facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from aitown.policy import (
    BENEFIT_KINDS,
    BenefitRequest,
    PoolState,
    PriorApplication,
    check_all_benefits,
    check_eligibility,
    default_policy,
)
from tests.aitown.policy.policy_builders import TEAM_USCC, lease, member, pool, team, uscc_for

POLICY = default_policy()
PROPS = settings(max_examples=300, deadline=None)


def mostly(typical: object, *others: object) -> st.SearchStrategy:
    """The typical admitted team's value seven times in eight, else one of ``others``: about half
    the drawn teams pass §1 and many are eligible, so amounts and their working are compared too."""
    return st.sampled_from([typical] * 7 * len(others) + list(others))


def maybe(values: st.SearchStrategy[date]) -> st.SearchStrategy[date | None]:
    """A date, or one time in eight None (not recorded)."""
    return st.tuples(st.integers(0, 7), values).map(lambda p: p[1] if p[0] else None)


def near(day: date, before: int, after: int) -> st.SearchStrategy[date]:
    return st.integers(-before, after).map(lambda n: day + timedelta(days=n))


@st.composite
def facts_and_day(draw: st.DrawFn) -> tuple[tuple, date]:
    """(team, members, leases, priors) and the day of the check, the dates around that day."""
    today = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)))
    typical = team()
    team_ = replace(
        typical,
        uscc=draw(
            mostly(
                TEAM_USCC,
                uscc_for("MA1FL0009", division="440300"),  # valid, outside the region
                TEAM_USCC[:-1] + ("0" if TEAM_USCC[-1] != "0" else "1"),  # wrong check digit
                None,
            )
        ),
        founded_on=draw(maybe(near(today, 5 * 365 + 90, 10))),
        headcount=draw(mostly(12, None, 1, 250)),
        ai_focus=draw(mostly("foundation_models", "embodied_ai", "knitting", None)),
        status=draw(mostly("admitted", "applicant", "graduated", "withdrawn")),
        admitted_on=draw(maybe(near(today, 800, 60))),
        left_on=draw(mostly(None, today - timedelta(days=10), today + timedelta(days=100))),
        dishonest=draw(mostly(False, True, None)),
    )
    members_ = tuple(
        member(
            member_id=i,
            full_time=draw(mostly(True, False, None)),
            talent_tier=draw(st.sampled_from(["A", "B", "C", None])),
            is_founder=draw(st.booleans()),
            joined_on=draw(maybe(near(today, 900, 30))),
            left_on=draw(mostly(None, today - timedelta(days=5))),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    leases_ = []
    for i in range(draw(st.integers(0, 3))):
        start = draw(near(today, 800, 60))
        leases_.append(
            lease(
                lease_id=10 + i,
                start_on=start,
                end_on=start + timedelta(days=draw(st.integers(0, 1200))),
                monthly_rent_fen=draw(st.integers(0, 200_000_00)),
                area_centi_m2=draw(mostly(200_00, 350_00, None, 1)),
                ended_on=draw(mostly(None, start + timedelta(days=draw(st.integers(0, 900))))),
            )
        )
    priors_ = tuple(
        PriorApplication(
            application_id=100 + i,
            benefit=draw(st.sampled_from(BENEFIT_KINDS)),
            status=draw(st.sampled_from(["submitted", "approved", "rejected", "revoked"])),
            amount_fen=draw(st.none() | st.integers(0, 2_000_000_00)),
            year=draw(st.integers(today.year - 1, today.year)),
            team_uscc=draw(st.sampled_from([TEAM_USCC, None, uscc_for("MA1FL0003")])),
            member_id_number=draw(st.none() | st.just(member().id_number)),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    return (team_, members_, tuple(leases_), priors_), today


def pools_for(left: dict[str, int | None]) -> dict[str, PoolState]:
    return {kind: pool(kind, value) for kind, value in left.items()}


pool_maps = st.dictionaries(
    st.sampled_from(BENEFIT_KINDS), st.none() | st.integers(0, 10_000_000_00)
).map(pools_for)


def one_by_one(facts: tuple, pools: dict[str, PoolState], today: date, kinds=BENEFIT_KINDS) -> list:
    """What check_all_benefits promises: check_eligibility for each kind, dated today."""
    team_, members_, leases_, priors_ = facts
    return [
        check_eligibility(
            POLICY,
            team_,
            members_,
            leases_,
            priors_,
            BenefitRequest(benefit=kind, application_date=today),
            pools.get(kind),
            today,
        )
        for kind in kinds
    ]


@PROPS
@given(case=facts_and_day(), pools=pool_maps)
def test_check_all_benefits_is_six_check_eligibility_calls(
    case: tuple[tuple, date], pools: dict[str, PoolState]
) -> None:
    facts, today = case
    together = check_all_benefits(POLICY, *facts, pools, today)
    assert together == one_by_one(facts, pools, today)


# A table of cases a district sees: each changes a typical admitted team in one way.
CASES = {
    "typical": {},
    "applicant": {"team": {"status": "applicant", "admitted_on": None}},
    "too old": {"team": {"founded_on": date(2019, 1, 1)}},
    "outside the region": {"team": {"uscc": uscc_for("MA1FL0009", division="440300")}},
    "headcount unknown": {"team": {"headcount": None}},
    "dishonest": {"team": {"dishonest": True}},
    "left the town": {"team": {"status": "withdrawn", "left_on": date(2026, 6, 30)}},
    "big unit": {"lease": {"area_centi_m2": 350_00}},
    "ended lease": {"lease": {"ended_on": date(2026, 5, 31)}},
    "no lease": {"leases": ()},
    "waiver held": {"priors": (PriorApplication(1, "rent_waiver", "approved", 100, 2026),)},
    "grant held": {"priors": (PriorApplication(2, "startup_grant", "disbursed", 100, 2026),)},
    "late admission": {"team": {"admitted_on": date(2026, 9, 15)}},
}


def test_check_all_benefits_answers_a_table_of_cases_as_check_eligibility_does() -> None:
    today = date(2026, 11, 23)
    pools = {kind: pool(kind) for kind in BENEFIT_KINDS}
    eligible = set()
    for name, change in CASES.items():
        team_ = replace(team(), **change.get("team", {}))
        leases_ = change.get("leases", (lease(**change.get("lease", {})),))
        facts = (team_, (member(),), leases_, change.get("priors", ()))
        together = check_all_benefits(POLICY, *facts, pools, today)
        assert together == one_by_one(facts, pools, today), name
        eligible |= {(name, r.benefit) for r in together if r.eligible}
        # Only some benefits, in the order asked.
        kinds = ("talent_award", "rent_waiver")
        some = check_all_benefits(POLICY, *facts, pools, today, benefits=kinds)
        assert some == one_by_one(facts, pools, today, kinds), name
    # The table is not all refusals: the comparison covers amounts too.
    assert ("typical", "rent_waiver") in eligible and ("big unit", "rent_waiver") in eligible
    assert ("too old", "rent_waiver") not in eligible
