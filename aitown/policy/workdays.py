"""Working days for the publicity period (公示期): weekends and the policy's holidays do not count.

A period of ``n`` working days opened on day ``d`` counts ``d`` itself when it is a working day
(the list is published that morning), otherwise it starts on the next working day; it ends on the
``n``-th working day counted so, inclusive. Make-up working days on a weekend (调休) are not
modelled: such a Saturday does not count, which only ever makes a period longer, never shorter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from aitown.errors import ValidationError

SATURDAY = 5


def is_working_day(day: dt.date, holidays: Collection[dt.date] = ()) -> bool:
    """Monday to Friday and not a listed holiday."""
    return day.weekday() < SATURDAY and day not in holidays


def period_end(
    opened_on: dt.date, working_days: int, holidays: Collection[dt.date] = ()
) -> dt.date:
    """The last day of a period of ``working_days`` working days opened on ``opened_on``."""
    if working_days < 1:
        raise ValidationError(
            f"A publicity period needs at least one working day, not {working_days}.",
            f"公示期至少为一个工作日，而不是 {working_days} 个。",
            field="working_days",
        )
    day = opened_on
    counted = 0
    while True:
        if is_working_day(day, holidays):
            counted += 1
            if counted == working_days:
                return day
        day += dt.timedelta(days=1)


def working_days_between(first: dt.date, last: dt.date, holidays: Collection[dt.date] = ()) -> int:
    """How many working days lie from ``first`` to ``last``, both included (0 if last < first)."""
    count = 0
    day = first
    while day <= last:
        count += is_working_day(day, holidays)
        day += dt.timedelta(days=1)
    return count
