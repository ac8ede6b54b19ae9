"""Calendar arithmetic the policy counts in: months, years, lease months, days.

Conventions (used by every rule and by the rent-waiver schedule):

- ``add_months(d, n)`` keeps the day of the month and clamps it to the month's last day
  (2026-01-31 + 1 month = 2026-02-28; 2024-02-29 + 1 year = 2025-02-28).
- A period measured "for at least N months" from ``start`` is complete on ``add_months(start, N)``:
  a lease from 2026-10-15 has lasted 3 months on 2027-01-15.
- "No more than N years before" is inclusive to the day: founded 2021-11-23 is exactly 5 years
  before 2026-11-23 and still passes; 2021-11-22 does not.
- Month *n* (1-based) of a lease or contract that starts on ``start`` runs from
  ``add_months(start, n - 1)`` to the day before ``add_months(start, n)``. Boundaries are always
  computed from ``start`` (never chained), so months neither overlap nor leave gaps.
- End dates (a lease's end, its early end, the day a team leaves, a contract's end) are inclusive.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day of the month clamped to the target month's end."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    if day.day <= 28:  # every month has the day: no clamping (and no calendar lookup)
        return date(year, month0 + 1, day.day)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28 February in a common year)."""
    return add_months(day, 12 * years)


def period_month(start: date, number: int) -> tuple[date, date]:
    """First and last day (inclusive) of month ``number`` (1-based) of a period from ``start``."""
    first = add_months(start, number - 1)
    last = add_months(start, number) - timedelta(days=1)
    return first, last


def days_inclusive(first: date, last: date) -> int:
    """Number of days from ``first`` to ``last``, both counted; 0 when ``last`` is before ``first``."""
    return max(0, (last - first).days + 1)


def overlap(a_first: date, a_last: date, b_first: date, b_last: date) -> tuple[date, date] | None:
    """The days two inclusive spans share, or None."""
    first, last = max(a_first, b_first), min(a_last, b_last)
    return (first, last) if first <= last else None


def next_new_year(day: date) -> date:
    """1 January of the year after ``day`` (when a yearly cap or a yearly award renews)."""
    return date(day.year + 1, 1, 1)
