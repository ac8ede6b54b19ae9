"""Amounts in Chinese financial capital numerals (大写金额), as banks and the notices write them.

The rules follow the People's Bank of China's rules for filling in bills and settlement vouchers
(《正确填写票据和结算凭证的基本规定》). Where those rules leave a choice, this module takes one and
keeps to it:

* The integer part is read the way the number is read aloud, in sections of four digits
  (个, 万, 亿): zeros at the end of a section are not written; a run of zeros inside a section, or
  at the start of a lower section that is not all zeros, is written as one 零.
  ``1,001`` → 壹仟零壹, ``10,010,000`` → 壹仟零壹万, ``107,000`` → 壹拾万柒仟 (the bank rules allow
  壹拾万零柒仟 too; the spoken form leaves it out), ``100,010,000`` → 壹亿零壹万.
* 拾 is always written with its digit: ``10`` → 壹拾, ``110,000`` → 壹拾壹万 (as banks write it,
  so that nothing can be written in front of it).
* Whole yuan end in 元整. An amount with 角 and no 分 ends in 角 without 整 (the rules say 整 may be
  left out after 角): ``100,000.50`` → 壹拾万元伍角. An amount with 分 never ends in 整.
* When 角 is zero and 分 is not, 零 follows 元 (the rules require it): ``1,001.01`` → 壹仟零壹元零壹分.
  When only the 元 digit is zero and 角 is not, no 零 is written (the rules allow either):
  ``1,680.32`` → 壹仟陆佰捌拾元叁角贰分.
* Less than one yuan has no 元 at all: ``0.05`` → 人民币伍分, ``0.50`` → 人民币伍角, as on bank
  slips; nothing at all is 人民币零元整.
"""

from __future__ import annotations

from aitown.errors import ValidationError

CURRENCY_PREFIX = "人民币"
DIGITS = "零壹贰叁肆伍陆柒捌玖"
# Units inside a four-digit section, from the thousands down.
SECTION_UNITS = ("仟", "佰", "拾", "")
WAN = 10**4
YI = 10**8
# The same ceiling as aitown.money.parse_yuan: nothing the desk handles comes near it.
MAX_FEN = 10**17


def to_chinese_capital(fen: int, *, prefix: bool = True) -> str:
    """``123456`` fen → ``"人民币壹仟贰佰叁拾肆元伍角陆分"``.

    Refuses a negative amount, a float or anything that is not a whole number of fen with a
    :class:`~aitown.errors.ValidationError` (a notice never shows a negative capital amount).
    ``prefix=False`` leaves out 人民币.
    """
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise ValidationError(
            f"An amount in capitals needs a whole number of fen, not {type(fen).__name__}.",
            f"大写金额需要以“分”为单位的整数，而不是 {type(fen).__name__}。",
            field="amount",
        )
    if fen < 0:
        raise ValidationError(
            f"The amount {fen} fen is negative: a notice states amounts of zero or more.",
            f"金额 {fen} 分为负数：通知书中的金额必须为零或正数。",
            field="amount",
        )
    if fen > MAX_FEN:
        raise ValidationError(
            f"The amount {fen} fen is implausibly large to write in capitals.",
            f"金额 {fen} 分过大，无法写成大写金额。",
            field="amount",
        )
    yuan, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    head = CURRENCY_PREFIX if prefix else ""
    if yuan == 0:
        if cents == 0:
            return head + "零元整"
        text = ""
        if jiao:
            text += DIGITS[jiao] + "角"
        if fen_digit:
            text += DIGITS[fen_digit] + "分"
        return head + text
    text = _integer(yuan) + "元"
    if cents == 0:
        return head + text + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    else:
        text += "零"
    if fen_digit:
        text += DIGITS[fen_digit] + "分"
    return head + text


def _integer(n: int) -> str:
    """A positive whole number in capitals, without a currency unit."""
    if n >= YI:
        return _with_lower(n // YI, "亿", n % YI, YI)
    if n >= WAN:
        return _with_lower(n // WAN, "万", n % WAN, WAN)
    return _section(n)


def _with_lower(high: int, unit: str, low: int, base: int) -> str:
    text = _integer(high) + unit
    if low == 0:
        return text
    # A lower part that does not fill its leading digit (e.g. the 0100 of 1,0100,0000) is read
    # with 零 in front: 壹亿零壹佰万.
    if low < base // 10:
        text += "零"
    return text + _integer(low)


def _section(n: int) -> str:
    """0 < n < 10,000 in capitals; a run of zeros between two digits is one 零."""
    digits = f"{n:04d}"
    out: list[str] = []
    pending_zero = False
    started = False
    for digit, unit in zip(digits, SECTION_UNITS, strict=True):
        d = int(digit)
        if d == 0:
            pending_zero = started
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(DIGITS[d] + unit)
        started = True
    return "".join(out)
