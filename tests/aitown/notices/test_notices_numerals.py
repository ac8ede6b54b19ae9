"""Chinese capital numerals for amounts (aitown.notices.numerals)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aitown.errors import ValidationError
from aitown.notices.numerals import MAX_FEN, to_chinese_capital

CASES = [
    # fen, expected
    (0, "人民币零元整"),
    (1, "人民币壹分"),
    (5, "人民币伍分"),  # less than one yuan: no 元, as on bank slips
    (10, "人民币壹角"),
    (50, "人民币伍角"),
    (55, "人民币伍角伍分"),
    (100, "人民币壹元整"),
    (105, "人民币壹元零伍分"),  # 角 is zero, 分 is not: 零 after 元 (required)
    (110, "人民币壹元壹角"),
    (1000, "人民币壹拾元整"),  # 壹拾, as banks write it
    (1100, "人民币壹拾壹元整"),
    (1500, "人民币壹拾伍元整"),
    (10000, "人民币壹佰元整"),
    (10100, "人民币壹佰零壹元整"),
    (11000, "人民币壹佰壹拾元整"),
    (100000, "人民币壹仟元整"),
    (100101, "人民币壹仟零壹元零壹分"),
    (101000, "人民币壹仟零壹拾元整"),  # 零 before 壹拾
    (123456, "人民币壹仟贰佰叁拾肆元伍角陆分"),
    (140950, "人民币壹仟肆佰零玖元伍角"),  # PBOC example ￥1409.50
    (600714, "人民币陆仟零柒元壹角肆分"),  # PBOC example ￥6007.14: one 零 for 00
    (168032, "人民币壹仟陆佰捌拾元叁角贰分"),  # 元 digit zero, 角 not: no 零 (our choice)
    (1640902, "人民币壹万陆仟肆佰零玖元零贰分"),  # PBOC example ￥16409.02
    (32504, "人民币叁佰贰拾伍元零肆分"),  # PBOC example ￥325.04
    (1000000, "人民币壹万元整"),
    (1000100, "人民币壹万零壹元整"),
    (1001000, "人民币壹万零壹拾元整"),
    (1010000, "人民币壹万零壹佰元整"),
    (1100000, "人民币壹万壹仟元整"),
    (10000000, "人民币壹拾万元整"),
    (10000050, "人民币壹拾万元伍角"),
    (10700053, "人民币壹拾万柒仟元伍角叁分"),  # PBOC allows 零 either side; spoken form has none
    (11000000, "人民币壹拾壹万元整"),
    (20000000, "人民币贰拾万元整"),
    (30000000, "人民币叁拾万元整"),
    (15000000, "人民币壹拾伍万元整"),
    (5000000, "人民币伍万元整"),
    (18012345, "人民币壹拾捌万零壹佰贰拾叁元肆角伍分"),
    (75600000, "人民币柒拾伍万陆仟元整"),
    (100000000, "人民币壹佰万元整"),
    (100700000, "人民币壹佰万柒仟元整"),
    (100070000, "人民币壹佰万零柒佰元整"),
    (1000000000, "人民币壹仟万元整"),
    (1001000000, "人民币壹仟零壹万元整"),  # 10,010,000.00
    (1000000100, "人民币壹仟万零壹元整"),
    (9999999999, "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    (10000000000, "人民币壹亿元整"),  # 100,000,000.00
    (10000000001, "人民币壹亿元零壹分"),
    (10000000100, "人民币壹亿零壹元整"),
    (10001000000, "人民币壹亿零壹万元整"),
    (10000100000, "人民币壹亿零壹仟元整"),
    (10100000000, "人民币壹亿零壹佰万元整"),
    (11000000000, "人民币壹亿壹仟万元整"),
    (11000100000, "人民币壹亿壹仟万壹仟元整"),
    (60000000000, "人民币陆亿元整"),  # the compute voucher pool
    (100000000000, "人民币壹拾亿元整"),
    (1234567890123, "人民币壹佰贰拾叁亿肆仟伍佰陆拾柒万捌仟玖佰零壹元贰角叁分"),
    (100000000000000, "人民币壹万亿元整"),
    (100000001000000, "人民币壹万亿零壹万元整"),
    (100000100000000, "人民币壹万亿零壹佰万元整"),
    (MAX_FEN, "人民币壹仟万亿元整"),
]


@pytest.mark.parametrize(("fen", "expected"), CASES)
def test_capital_numerals(fen: int, expected: str) -> None:
    assert to_chinese_capital(fen) == expected


def test_without_prefix() -> None:
    assert to_chinese_capital(20000000, prefix=False) == "贰拾万元整"


@pytest.mark.parametrize("bad", [-1, -100, -20000000])
def test_negative_amount_is_refused(bad: int) -> None:
    with pytest.raises(ValidationError) as err:
        to_chinese_capital(bad)
    assert "negative" in err.value.message
    assert err.value.message_zh and "负数" in err.value.message_zh


@pytest.mark.parametrize("bad", [1.5, 100.0, True, "100", None])
def test_non_integer_amount_is_refused(bad: object) -> None:
    with pytest.raises(ValidationError):
        to_chinese_capital(bad)  # type: ignore[arg-type]


def test_implausibly_large_amount_is_refused() -> None:
    with pytest.raises(ValidationError):
        to_chinese_capital(MAX_FEN + 1)


_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}


def _parse_capital(text: str) -> int:
    """An independent reader of capital amounts, to check the writer against."""
    assert text.startswith("人民币")
    text = text.removeprefix("人民币")
    if "元" in text:
        whole, _, cents = text.partition("元")
    else:
        whole, cents = "", text
    total = section = num = 0
    for ch in whole:
        if ch in _DIGIT:
            num = _DIGIT[ch]
        elif ch in _SMALL:
            assert num, f"{ch} without its digit in {text}"
            section += num * _SMALL[ch]
            num = 0
        elif ch == "万":
            section = (section + num) * 10**4
            num = 0
        elif ch == "亿":
            total = (total + section + num) * 10**8
            section = num = 0
        else:
            raise AssertionError(f"unexpected {ch!r} in {text}")
    yuan = total + section + num
    fen = yuan * 100
    cents = cents.removeprefix("零")
    if cents == "整":
        return fen
    assert "整" not in cents, text
    for digit, unit in zip(cents[::2], cents[1::2], strict=True):
        fen += _DIGIT[digit] * {"角": 10, "分": 1}[unit]
    return fen


@given(st.integers(min_value=0, max_value=10**14))
def test_capitals_read_back_to_the_same_amount(fen: int) -> None:
    text = to_chinese_capital(fen)
    assert _parse_capital(text) == fen
    # Shape rules: never two 零 together, never 零 before a unit or at the end.
    assert "零零" not in text
    assert not text.endswith("零")
    if fen:
        assert all(f"零{u}" not in text for u in "拾佰仟万亿元角分")
    # 整 exactly when there are no 角 and no 分.
    assert text.endswith("整") == (fen % 100 == 0)
