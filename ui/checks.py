"""Field checks for the forms, built from the same functions the services use.

Each check takes the text of one field and raises the service's ValidationError (or returns), so
that what the form says under a field is word for word what the service would answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from aitown.errors import ValidationError
from aitown.money import parse_yuan
from aitown.services.users import MIN_PASSWORD_LENGTH, check_password_rules, check_user_name
from aitown.validation import (
    check_team_fields,
    normalize_id_number,
    normalize_tier,
    normalize_uscc,
    parse_date,
    parse_optional_date,
    require_text,
)

# A team that passes every check; one field at a time is replaced by what the person typed, so a
# problem found is that field's, with the sentence check_team_fields gives for it.
_GOOD_TEAM = {
    "name_zh": "示例团队",
    "uscc": "91310000MA1FL0000N",
    "founded_on": "2020-01-01",
}


def team_field(name: str) -> Callable[[str], None]:
    """A check for one field of the team form (any of check_team_fields' fields)."""

    def check(text: str) -> None:
        try:
            check_team_fields({**_GOOD_TEAM, name: text})
        except ValidationError as exc:
            if exc.field == name:
                raise

    return check


def uscc_check(text: str) -> None:
    normalize_uscc(text)


def required(what: str, what_zh: str, field: str, max_len: int = 200) -> Callable[[str], None]:
    def check(text: str) -> None:
        require_text(text, what=what, what_zh=what_zh, field_name=field, max_len=max_len)

    return check


def date_check(what: str, field: str, *, optional: bool = False) -> Callable[[str], None]:
    def check(text: str) -> None:
        if optional:
            parse_optional_date(text, what=what, field_name=field)
        else:
            parse_date(text, what=what, field_name=field)

    return check


def not_future(what: str, what_zh: str, field: str) -> Callable[[str], None]:
    def check(text: str) -> None:
        day = parse_date(text, what=what, field_name=field)
        if day > dt.date.today():
            raise ValidationError(
                f"The {what} {day} is in the future.", f"{what_zh} {day} 晚于今天。", field=field
            )

    return check


def yuan_check(what: str, field: str, *, optional: bool = False) -> Callable[[str], None]:
    def check(text: str) -> None:
        if optional and not text.strip():
            return
        try:
            parse_yuan(text, what=what)
        except ValidationError as exc:
            raise ValidationError(exc.message, exc.message_zh, field=field) from None

    return check


def id_number_check(text: str) -> None:
    normalize_id_number(text)


def tier_check(text: str) -> None:
    normalize_tier(text)


def user_name_check(text: str) -> None:
    check_user_name(text)


def password_check(text: str) -> None:
    check_password_rules(text)


def same_as(other: Callable[[], str]) -> Callable[[str], None]:
    """The second typing of a password must match the first."""

    def check(text: str) -> None:
        if text != other():
            raise ValidationError(
                "The two passwords are not the same; type the same password twice.",
                "两次输入的密码不一致，请输入相同的密码。",
                field="password2",
            )

    return check


__all__ = ["MIN_PASSWORD_LENGTH"]
