"""Money in integer fen (1 yuan = 100 fen): parsing, formatting, rounding. Never a float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from aitown.errors import ValidationError

FEN_PER_YUAN = 100

# The Chinese names of the amounts parse_yuan is asked about, so that a Chinese sentence does not
# carry an English word ("月租金为空", not "monthly rent为空").
WHAT_ZH = {
    "amount": "金额",
    "contract amount": "合同金额",
    "monthly rent": "月租金",
    "pool total": "资金池总额",
    "verified contract amount": "核定合同额",
    "deposit": "押金",
    "deposit kept back": "扣除押金",
}


def parse_yuan(text: str | int | Decimal, *, what: str = "amount", allow_zero: bool = True) -> int:
    """Parse a yuan amount with at most two decimals into fen.

    Accepts ``"1234.56"``, ``"1,234.56"``, ``"¥1234"``, an int (yuan) or a Decimal. Refuses floats,
    negative numbers, more than two decimals and anything that is not a number.
    """
    what_zh = WHAT_ZH.get(what, what)
    if isinstance(text, bool | float):
        raise ValidationError(
            f"The {what} must be given as text or a whole number, not a floating-point value.",
            f"{what_zh}必须以文本或整数给出。",
        )
    raw = str(text).strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
    raw = raw.removesuffix("元").strip()
    if not raw:
        raise ValidationError(
            f"The {what} is empty: enter an amount in yuan, e.g. 1234.56.",
            f"{what_zh}为空：请输入以元为单位的金额，例如 1234.56。",
        )
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(
            f"The {what} “{text}” is not a number: enter yuan with at most two decimals, e.g. 1234.56.",
            f"{what_zh}“{text}”不是数字：请输入最多两位小数的元金额，例如 1234.56。",
        ) from None
    if not value.is_finite():
        raise ValidationError(
            f"The {what} “{text}” is not a number.", f"{what_zh}“{text}”不是数字。"
        )
    if value.adjusted() > 17:  # checked before quantize, which overflows on huge exponents
        raise ValidationError(f"The {what} {raw} is implausibly large.", f"{what_zh} {raw} 过大。")
    if value < 0:
        raise ValidationError(
            f"The {what} {raw} is negative: enter zero or more.",
            f"{what_zh} {raw} 为负数：请输入零或正数。",
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(
            f"The {what} {raw} has more than two decimals: yuan are counted to the fen (0.01).",
            f"{what_zh} {raw} 超过两位小数：金额只能精确到分（0.01元）。",
        )
    fen = int(value * FEN_PER_YUAN)
    if fen == 0 and not allow_zero:
        raise ValidationError(f"The {what} must be more than zero.", f"{what_zh}必须大于零。")
    if fen > 10**17:
        raise ValidationError(f"The {what} {raw} is implausibly large.", f"{what_zh} {raw} 过大。")
    return fen


def format_yuan(fen: int, *, grouping: bool = True) -> str:
    """``123456`` → ``"1,234.56"`` (yuan with two decimals)."""
    if not isinstance(fen, int):
        raise TypeError(f"money must be integer fen, got {type(fen).__name__}")
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    whole = f"{yuan:,}" if grouping else str(yuan)
    return f"{sign}{whole}.{cents:02d}"


def fen_to_decimal(fen: int) -> Decimal:
    """Fen as a Decimal number of yuan (for JSON and arithmetic display)."""
    return (Decimal(fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def round_half_up_fen(value: Decimal) -> int:
    """Round a Decimal number of fen half up to a whole fen (POLICY.md: round, then cap)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def apply_ratio(fen: int, ratio: Decimal) -> int:
    """``fen × ratio`` rounded half up to the fen."""
    return round_half_up_fen(Decimal(fen) * ratio)
