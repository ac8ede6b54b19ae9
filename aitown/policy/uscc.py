"""The unified social credit code (USCC, 统一社会信用代码): format, check digit, division code.

Layout: character 1 the registering authority, 2 the entity type, 3–8 the administrative-division
code (31xxxx is Shanghai), 9–17 the organisation code, 18 the check digit (python-stdnum checks it).
"""

from __future__ import annotations

from stdnum import exceptions as stdnum_exc
from stdnum.cn import uscc as stdnum_uscc

from aitown.errors import ValidationError
from aitown.uscc_digits import plainly_valid


def normalize_uscc(text: str | None) -> str:
    """Upper case without spaces or dashes (no checking): for comparing codes."""
    return "".join((text or "").split()).replace("-", "").upper()


def validate_uscc(text: str | None, *, field: str = "uscc") -> str:
    """A valid USCC, normalised, or a ValidationError with a sentence that says what is wrong."""
    code = normalize_uscc(text)
    if not code:
        raise ValidationError(
            "The unified social credit code is empty: enter the 18 characters from the business "
            "licence.",
            "统一社会信用代码为空：请填写营业执照上的18位代码。",
            field=field,
        )
    if len(code) != 18:
        raise ValidationError(
            f"The unified social credit code “{code}” has {len(code)} characters; it must have 18: "
            "check it against the business licence.",
            f"统一社会信用代码“{code}”有{len(code)}位，应为18位：请对照营业执照核对。",
            field=field,
        )
    try:
        if not plainly_valid(code):
            stdnum_uscc.validate(code)
    except stdnum_exc.InvalidChecksum:
        raise ValidationError(
            f"The unified social credit code “{code}” has a wrong check digit (the last character): "
            "check it against the business licence.",
            f"统一社会信用代码“{code}”的校验位（最后一位）错误：请对照营业执照核对。",
            field=field,
        ) from None
    except stdnum_exc.ValidationError:
        raise ValidationError(
            f"“{code}” is not a unified social credit code: characters 3–8 must be digits (the "
            "division code) and the letters I, O, S, V and Z are never used.",
            f"“{code}”不是有效的统一社会信用代码：第3–8位应为数字（行政区划代码），且不使用字母"
            "I、O、S、V、Z。",
            field=field,
        ) from None
    return code


def division_code(code: str) -> str:
    """Characters 3–8 of a USCC: the administrative-division code (``310104`` is Xuhui, Shanghai)."""
    return normalize_uscc(code)[2:8]


def is_in_division(code: str, prefix: str) -> bool:
    """Whether the USCC's division code starts with ``prefix`` (``"31"``: Shanghai)."""
    return division_code(code).startswith(prefix)
