"""Properties that hold for any facts: an amount never exceeds ratio × contract or its cap, a
year's vouchers never exceed the cap together, a waiver never exceeds the rent it waives."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from aitown.money import apply_ratio
from aitown.policy import Policy, default_policy, rent_waiver_schedule
from tests.aitown.policy.policy_builders import (
    check,
    lease,
    policy_with,
    prior,
    team,
    voucher_request,
)

PROPS = settings(max_examples=120, deadline=None)
OLD = {"founded_on": date(2023, 3, 2), "headcount": 120}  # admitted, never early and small

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
contracts = st.integers(min_value=1, max_value=40_000_000_00)


@cache
def model_policy(percent: int) -> Policy:
    return policy_with(('ratio = "50%"  # 5.2', f'ratio = "{percent}%"'))


@PROPS
@given(
    percent=st.integers(10, 100),
    contract=contracts,
    used=st.integers(0, 6_000_000_00),
)
def test_a_voucher_never_exceeds_ratio_times_contract_nor_what_the_cap_leaves(
    percent: int, contract: int, used: int
) -> None:
    policy = model_policy(percent)
    earlier = prior("model_voucher", amount_fen=used)
    result = check(
        "model_voucher",
        policy=policy,
        team_facts=team(**OLD),
        priors=(earlier,),
        **voucher_request("model_voucher", contract_amount_fen=contract),
    )
    cap = policy.model_voucher.yearly_cap_fen
    ratio_amount = apply_ratio(contract, Decimal(percent) / 100)
    if used >= cap:
        assert not result.eligible
        assert result.rule("5.3").status == "fail"
        return
    if ratio_amount == 0:  # an amount that rounds to 0.00 is not a benefit
        assert not result.eligible and result.rule("5.2").status == "fail"
        return
    assert result.eligible
    amount = result.amount.amount_fen
    assert 0 <= amount <= ratio_amount
    assert amount <= cap - used
    assert amount == min(ratio_amount, cap - used)


RATIO = {"compute_voucher": "4.2", "model_voucher": "5.2", "corpus_voucher": "6.2"}


@PROPS
@given(
    st.lists(contracts, min_size=1, max_size=12),
    st.sampled_from(["compute_voucher", "model_voucher", "corpus_voucher"]),
)
def test_a_years_vouchers_together_never_exceed_the_cap(amounts: list[int], kind: str) -> None:
    cap = default_policy().voucher(kind).yearly_cap_fen
    granted = []
    for n, contract in enumerate(amounts):
        result = check(
            kind,
            team_facts=team(**OLD),
            priors=tuple(granted),
            application_id=1000 + n,
            **voucher_request(kind, contract_amount_fen=contract),
        )
        total_before = sum(p.amount_fen for p in granted)
        if total_before >= cap:
            assert not result.eligible
            continue
        if result.rule(RATIO[kind]).status == "fail":  # the contract's share rounds to 0.00
            ratio = default_policy().voucher(kind).ratio
            assert apply_ratio(contract, ratio) == 0 and not result.eligible
            continue
        assert result.eligible
        granted.append(prior(kind, application_id=1000 + n, amount_fen=result.amount.amount_fen))
        assert sum(p.amount_fen for p in granted) <= cap


@PROPS
@given(
    founded=st.dates(min_value=date(2024, 6, 1), max_value=date(2026, 11, 23)),
    headcount=st.integers(3, 60),
    contract=contracts,
    start=days,
    length=st.integers(0, 900),
    first_start=st.none() | days,
)
def test_a_compute_voucher_never_exceeds_the_contract_nor_falls_below_the_standard_ratio(
    founded: date, headcount: int, contract: int, start: date, length: int, first_start: date | None
) -> None:
    priors = (
        ()
        if first_start is None
        else (prior("compute_voucher", contract_start=first_start, year=2020),)
    )
    result = check(
        "compute_voucher",
        team_facts=team(founded_on=founded, headcount=headcount),
        priors=priors,
        **voucher_request(
            "compute_voucher",
            contract_amount_fen=contract,
            contract_start=start,
            contract_end=start + timedelta(days=length),
        ),
    )
    if result.rule("4.2").status == "fail":  # an amount of 0.00 is not a benefit
        assert contract < 10 and not result.eligible
        return
    assert result.eligible
    amount = result.amount.amount_fen
    assert amount <= min(contract, default_policy().compute_voucher.yearly_cap_fen)
    standard = apply_ratio(contract, Decimal("0.3"))
    assert amount >= min(standard, default_policy().compute_voucher.yearly_cap_fen) - 1


@PROPS
@given(
    start=days,
    length=st.integers(0, 1500),
    rent=st.integers(0, 2_000_000_00),
    area=st.integers(1, 2_000_00),
    admitted_after=st.integers(0, 400),
    left_after=st.none() | st.integers(0, 1000),
    ended_after=st.none() | st.integers(0, 1000),
)
def test_a_waiver_never_exceeds_the_rent_of_the_months_it_covers(
    start: date,
    length: int,
    rent: int,
    area: int,
    admitted_after: int,
    left_after: int | None,
    ended_after: int | None,
) -> None:
    facts = lease(
        start_on=start,
        end_on=start + timedelta(days=length),
        ended_on=None if ended_after is None else start + timedelta(days=ended_after),
        monthly_rent_fen=rent,
        area_centi_m2=area,
    )
    s = rent_waiver_schedule(
        default_policy(),
        facts,
        waiver_from=start + timedelta(days=admitted_after),
        team_left_on=None if left_after is None else start + timedelta(days=left_after),
    )
    assert len(s.rows) <= 24
    assert s.total_fen <= rent * len(s.rows)
    for row in s.rows:
        assert 0 <= row.waived_fen <= apply_ratio(rent, row.ratio)
        assert row.month_start <= row.period_start <= row.period_end <= row.month_end
        assert facts.start_on <= row.period_start and row.period_end <= facts.last_day
    for before, after in zip(s.rows, s.rows[1:], strict=False):
        assert before.period_end < after.period_start
