"""The policy's [publicity] and [payments] tables (issue 13.5, 13.6) and the working-day arithmetic
of the publicity period."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aitown.paths import resource
from aitown.policy.loader import PolicyError, parse_policy
from aitown.policy.payout_rules import DEFAULT_PUBLICITY, tranche_amounts
from aitown.policy.workdays import is_working_day, period_end, working_days_between

SHIPPED = resource("policies", "shanghai-ai-2025.toml").read_text(encoding="utf-8")
NATIONAL_DAY = [dt.date(2026, 10, d) for d in (1, 2, 5, 6, 7)]


def _without_payout_tables(text: str) -> str:
    """The shipped file as it was before issue 13: no [publicity], no [payments]."""
    start = text.index("# Publicity (公示, issue 13.5)")
    end = text.index("# Section titles and clause texts")
    return text[:start] + text[end:]


def test_a_policy_file_without_the_tables_loads_with_the_defaults() -> None:
    policy = parse_policy(_without_payout_tables(SHIPPED))
    assert policy.publicity == DEFAULT_PUBLICITY
    assert policy.publicity.benefits == ("startup_grant", "talent_award")
    assert policy.publicity.working_days == 5 and not policy.publicity.holidays
    assert policy.payments.tranches_of("startup_grant") == (100,)


def test_the_shipped_file_publishes_grants_and_awards_and_pays_grants_in_two() -> None:
    policy = parse_policy(SHIPPED)
    assert policy.publicity.benefits == ("startup_grant", "talent_award")
    assert policy.publicity.working_days == 5
    assert set(NATIONAL_DAY) <= policy.publicity.holidays
    assert policy.payments.tranches_of("startup_grant") == (50, 50)
    assert policy.payments.tranches_of("talent_award") == (100,)


@pytest.mark.parametrize(
    ("table", "key", "says"),
    [
        ('[publicity]\nbenefits = ["startup_grnt"]\n', "publicity.benefits", "startup_grnt"),
        ("[publicity]\nworking_days = 0\n", "publicity.working_days", "from 1 to 60"),
        ('[publicity]\nholidays = ["2026-13-01"]\n', "publicity.holidays", "not a date"),
        ("[publicity]\ndays = 5\n", "publicity.days", "unknown key"),
        ("[payments.tranches]\nstartup_grant = [50, 40]\n", "payments.tranches.startup_grant", "adds up to 90%"),
        ("[payments.tranches]\nrent_waiver = [50, 50]\n", "payments.tranches.rent_waiver", "unknown key"),
        ("[payments.tranches]\ntalent_award = [0.5, 0.5]\n", "payments.tranches.talent_award", "whole percentages"),
    ],
)  # fmt: skip
def test_a_bad_table_is_refused_naming_key_and_line(table: str, key: str, says: str) -> None:
    text = _without_payout_tables(SHIPPED).replace(
        "# Section titles and clause texts", table + "\n# Section titles and clause texts"
    )
    with pytest.raises(PolicyError) as info:
        parse_policy(text)
    assert info.value.key == key
    assert says in info.value.message
    line = text[: text.index(table)].count("\n") + 1
    assert info.value.line in (line, line + 1)
    assert info.value.message_zh


def test_weekends_and_holidays_do_not_count() -> None:
    wednesday = dt.date(2026, 12, 2)
    assert period_end(wednesday, 5) == dt.date(2026, 12, 8)  # Wed Thu Fri, Mon Tue
    saturday = dt.date(2026, 12, 5)
    assert period_end(saturday, 1) == dt.date(2026, 12, 7)  # starts on the Monday
    # Opened on the last working day before the National Day holiday (a Wednesday).
    assert period_end(dt.date(2026, 9, 30), 5, NATIONAL_DAY) == dt.date(2026, 10, 13)
    assert not is_working_day(dt.date(2026, 10, 1), NATIONAL_DAY)
    assert is_working_day(dt.date(2026, 10, 8), NATIONAL_DAY)


def test_a_period_needs_a_working_day() -> None:
    with pytest.raises(Exception, match="at least one working day"):
        period_end(dt.date(2026, 12, 2), 0)


@given(
    opened=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)),
    days=st.integers(min_value=1, max_value=30),
    holidays=st.sets(st.dates(min_value=dt.date(2019, 12, 1), max_value=dt.date(2036, 6, 30)), max_size=40),
)  # fmt: skip
def test_the_period_holds_exactly_n_working_days_and_ends_on_one(
    opened: dt.date, days: int, holidays: set[dt.date]
) -> None:
    end = period_end(opened, days, holidays)
    assert end >= opened
    assert is_working_day(end, holidays)
    assert working_days_between(opened, end, holidays) == days
    # One day earlier would hold one working day fewer: the end is the first day that reaches n.
    assert working_days_between(opened, end - dt.timedelta(days=1), holidays) == days - 1


@given(
    amount=st.integers(min_value=1, max_value=10**12),
    parts=st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=6).filter(
        lambda p: sum(p) <= 100
    ),
)
def test_tranches_add_up_to_the_amount_to_the_fen(amount: int, parts: list[int]) -> None:
    split = [*parts, 100 - sum(parts)] if sum(parts) < 100 else parts
    amounts = tranche_amounts(amount, tuple(split))
    assert sum(amounts) == amount
    assert all(a >= 0 for a in amounts)
    # Each tranche is its share, rounded down on the running total: never a fen more than its share.
    running = 0
    for pct, got in zip(split, amounts, strict=True):
        running += pct
        assert abs(got - amount * pct / 100) < 1.0 + 1e-9


def test_an_odd_amount_in_three_tranches() -> None:
    assert tranche_amounts(100_000_01, (33, 33, 34)) == [33_000_00, 33_000_00, 34_000_01]
    assert tranche_amounts(1, (50, 50)) == [0, 1]
