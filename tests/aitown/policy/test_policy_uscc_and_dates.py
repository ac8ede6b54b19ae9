"""USCC checking and the calendar arithmetic the rules count in."""

from __future__ import annotations

from datetime import date

import pytest

from aitown.errors import ValidationError
from aitown.policy.dates import add_months, add_years, days_inclusive, period_month
from aitown.policy.uscc import division_code, is_in_division, validate_uscc
from tests.aitown.policy.policy_builders import TEAM_USCC, uscc_for


def test_validate_uscc_normalises_spaces_dashes_and_case() -> None:
    spaced = " ".join([TEAM_USCC[:8], TEAM_USCC[8:].lower()])
    assert validate_uscc(spaced) == TEAM_USCC
    assert validate_uscc(TEAM_USCC[:9] + "-" + TEAM_USCC[9:]) == TEAM_USCC


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "is empty"),
        (None, "is empty"),
        ("91310104MA1FL0001", "has 17 characters; it must have 18"),
        (TEAM_USCC[:-1] + ("0" if TEAM_USCC[-1] != "0" else "1"), "wrong check digit"),
        ("9131010IMA1FL00010", "characters 3–8 must be digits"),
    ],
)
def test_validate_uscc_refuses_with_a_sentence(text: str | None, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_uscc(text)
    assert words in info.value.message
    assert info.value.message_zh
    assert info.value.field == "uscc"


def test_division_code_is_characters_3_to_8() -> None:
    beijing = uscc_for("MA1FL0001", division="110105")
    assert division_code(TEAM_USCC) == "310104"
    assert is_in_division(TEAM_USCC, "31")
    assert not is_in_division(beijing, "31")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),
        (date(2026, 12, 1), 13, date(2028, 1, 1)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_add_years_turns_29_february_into_28_february() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2021, 11, 23), 5) == date(2026, 11, 23)


def test_lease_months_follow_each_other_without_gap_or_overlap() -> None:
    start = date(2026, 1, 31)
    previous_end = start.replace(day=30)
    for n in range(1, 30):
        first, last = period_month(start, n)
        assert (first - previous_end).days == 1
        assert first <= last
        previous_end = last
    assert period_month(start, 1) == (date(2026, 1, 31), date(2026, 2, 27))
    assert period_month(start, 2) == (date(2026, 2, 28), date(2026, 3, 30))


def test_days_inclusive_counts_both_ends() -> None:
    assert days_inclusive(date(2026, 1, 1), date(2026, 1, 31)) == 31
    assert days_inclusive(date(2026, 1, 2), date(2026, 1, 1)) == 0
