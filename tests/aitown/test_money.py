"""Money in integer fen: parsing what a person types, formatting, rounding."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aitown.errors import ValidationError
from aitown.money import WHAT_ZH, apply_ratio, format_yuan, parse_yuan, round_half_up_fen


@pytest.mark.parametrize(
    ("text", "fen"),
    [("0", 0), ("1.23", 123), ("1,234.56", 123456), ("¥200000", 20000000), ("12元", 1200),
     (" 7.5 ", 750), (3, 300), (Decimal("0.01"), 1)],
)  # fmt: skip
def test_parse_yuan_accepts_what_people_type(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("", "empty"), ("abc", "not a number"), ("-1", "negative"), ("1.234", "two decimals"),
     ("1e999999", "implausibly large"), ("nan", "not a number"), (1.5, "floating-point")],
)  # fmt: skip
def test_parse_yuan_refuses_with_a_sentence(text, fragment):
    with pytest.raises(ValidationError) as err:
        parse_yuan(text)
    assert fragment in err.value.message and err.value.message_zh


@pytest.mark.parametrize("what", sorted(WHAT_ZH))
def test_chinese_sentences_name_the_amount_in_chinese(what):
    for bad in ("", "x", "-1", "1.234"):
        with pytest.raises(ValidationError) as err:
            parse_yuan(bad, what=what)
        assert WHAT_ZH[what] in err.value.message_zh
        assert not re.search(r"[A-Za-z]{3,}", err.value.message_zh), err.value.message_zh


def test_format_and_rounding():
    assert format_yuan(123456) == "1,234.56"
    assert format_yuan(-5) == "-0.05"
    assert format_yuan(100000000, grouping=False) == "1000000.00"
    assert round_half_up_fen(Decimal("2.5")) == 3 and round_half_up_fen(Decimal("2.4999")) == 2
    assert apply_ratio(100000001, Decimal("0.30")) == 30000000  # 30,000,000.3 fen → 30,000,000
    with pytest.raises(TypeError):
        format_yuan(1.5)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**15))
def test_format_then_parse_round_trips(fen):
    assert parse_yuan(format_yuan(fen)) == fen
