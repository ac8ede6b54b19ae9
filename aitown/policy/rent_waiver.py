"""The rent waiver month by month (§2.2, §2.3).

How the schedule is computed:

- Months are the lease's own months, numbered from its start: month *n* runs from
  ``add_months(start, n - 1)`` to the day before ``add_months(start, n)`` (aitown.policy.dates).
  The policy's phases follow one another: months 1–12 at 100 %, months 13–24 at 50 %, then nothing.
- Days waived are the days of a month that fall between the waiver's first day and its last day,
  both inclusive. The first day is the lease's start, or the team's admission date if that is later
  (rent before admission is not waived: §2.1 requires an admitted team). The last day is the
  earliest of the lease's end, its early end and the day the team left (all inclusive): §2.2
  "never past the lease's end, never past the date the team leaves".
- A month's waiver is ``rent × phase ratio × area share × days waived / days in that lease month``,
  computed exactly (fractions) and rounded half up to the fen once per month. The area share is 1,
  or ``cap / area`` for a unit larger than the cap (§2.3: 300 m² of a 350 m² unit → 300/350).
  A full month thus waives ``rent × ratio × share``; no month ever waives more than its rent.
- A renewal continues the same schedule ("Readings settled", §2): the months are counted from the
  start of the team's first lease in the town, and the waived days run on through the leases that
  follow on from the waiver's lease (a renewal, or a lease starting the day after it ends), each
  day at its own lease's rent and area share. A month shared by two leases adds their exact parts
  and is rounded once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from aitown.policy.dates import days_inclusive, overlap, period_month
from aitown.policy.facts import LeaseFacts
from aitown.policy.model import Policy


@dataclass(frozen=True)
class WaiverRow:
    """One lease month of a rent waiver. ``period_*`` are the waived days of that month."""

    month: int  # 1-based lease month
    month_start: date  # the lease month's own bounds
    month_end: date
    period_start: date
    period_end: date
    days_waived: int
    days_in_month: int
    rent_fen: int  # the lease's monthly rent
    ratio: Decimal  # the phase's ratio (100 %, 50 %)
    waived_fen: int
    lease_id: Any = None  # the lease the month's first waived day falls in (a renewal's own)

    def to_record(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "month_start": self.month_start.isoformat(),
            "month_end": self.month_end.isoformat(),
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "days_waived": self.days_waived,
            "days_in_month": self.days_in_month,
            "rent_fen": self.rent_fen,
            "ratio": str(self.ratio),
            "waived_fen": self.waived_fen,
            "lease_id": self.lease_id,
        }


@dataclass(frozen=True)
class RentWaiverSchedule:
    """A lease's waiver, month by month. ``start``/``end``: the first and last waived day."""

    lease_id: Any
    lease_start: date
    start: date | None
    end: date | None
    area_centi_m2: int
    area_cap_centi_m2: int
    rows: tuple[WaiverRow, ...]

    @property
    def total_fen(self) -> int:
        return sum(r.waived_fen for r in self.rows)

    @property
    def area_capped(self) -> bool:
        return self.area_centi_m2 > self.area_cap_centi_m2

    def to_record(self) -> dict[str, Any]:
        return {
            "lease_id": self.lease_id,
            "lease_start": self.lease_start.isoformat(),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "area_centi_m2": self.area_centi_m2,
            "area_cap_centi_m2": self.area_cap_centi_m2,
            "total_fen": self.total_fen,
            "rows": [r.to_record() for r in self.rows],
        }


def round_half_up(value: Fraction) -> int:
    """A non-negative exact fraction of fen, rounded half up to a whole fen."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def area_share(area_centi_m2: int, cap_centi_m2: int) -> Fraction:
    """1 for a unit within the cap; cap / area for a larger one (§2.3)."""
    if area_centi_m2 <= cap_centi_m2 or area_centi_m2 <= 0:
        return Fraction(1)
    return Fraction(cap_centi_m2, area_centi_m2)


def waiver_chain(leases: Sequence[LeaseFacts], lease: LeaseFacts) -> tuple[LeaseFacts, ...]:
    """``lease`` with the leases it continues and those that continue it, in order: a lease
    follows on from another when it renews it, or when it starts the day after that one's last
    day (a renewal recorded as a plain lease). A lease that overlaps another is never joined."""
    chain = [lease]
    used = {id(lease)}

    def follows(nxt: LeaseFacts, prev: LeaseFacts) -> bool:
        if nxt.renews is not None and prev.lease_id is not None:
            return nxt.renews == prev.lease_id
        return nxt.start_on == prev.last_day + timedelta(days=1)

    while True:  # backwards to the first lease of the tenancy
        before = [p for p in leases if id(p) not in used and follows(chain[0], p)]
        if not before:
            break
        chain.insert(0, before[0])
        used.add(id(before[0]))
    while True:  # forwards through its renewals
        after = [n for n in leases if id(n) not in used and follows(n, chain[-1])]
        if not after:
            break
        # Prefer the recorded renewal over a lease that merely starts the next day.
        after.sort(key=lambda n: (n.renews is None, n.start_on))
        chain.append(after[0])
        used.add(id(after[0]))
    return tuple(chain)


def waiver_origin(leases: Sequence[LeaseFacts], lease: LeaseFacts) -> date:
    """The day the waiver's months are counted from: the start of the team's first lease in the
    town ("Readings settled", §2), and never later than the waiver's own lease."""
    return min([lease.start_on, *(le.start_on for le in leases)])


def waiver_bounds(
    lease: LeaseFacts,
    *,
    waiver_from: date | None = None,
    team_left_on: date | None = None,
    chain: Sequence[LeaseFacts] = (),
) -> tuple[date, date]:
    """The first and last day (inclusive) the waiver may cover for this lease (and the leases
    that continue it, ``chain``)."""
    leases = tuple(chain) or (lease,)
    start, end = leases[0].start_on, leases[-1].last_day
    first = max(start, waiver_from) if waiver_from else start
    last = min(end, team_left_on) if team_left_on else end
    return first, last


def rent_waiver_schedule(
    policy: Policy,
    lease: LeaseFacts,
    *,
    waiver_from: date | None = None,
    team_left_on: date | None = None,
    leases: Sequence[LeaseFacts] = (),
) -> RentWaiverSchedule:
    """The waiver of ``lease`` month by month under ``policy`` (§2.2, §2.3).

    ``waiver_from`` is the team's admission date (no waiver before it); ``team_left_on`` the last
    day the team was in the town. ``leases`` are all the team's leases: the months count from the
    first of them, and the waiver runs on through the renewals of ``lease`` (see
    :func:`waiver_chain`); without them the schedule is that of ``lease`` alone. A lease whose area
    is not known is treated as within the cap: the eligibility check refuses to give an amount in
    that case (§2.3 answers 'unknown').
    """
    rules = policy.rent_waiver
    chain = waiver_chain(leases, lease) if leases else (lease,)
    origin = waiver_origin(leases, lease) if leases else lease.start_on
    shares = {
        id(le): area_share(
            le.area_centi_m2 if le.area_centi_m2 is not None else 0, rules.area_cap_centi_m2
        )
        for le in chain
    }
    area = lease.area_centi_m2 if lease.area_centi_m2 is not None else 0
    first, last = waiver_bounds(
        lease, waiver_from=waiver_from, team_left_on=team_left_on, chain=chain
    )
    rows: list[WaiverRow] = []
    month = 0
    for phase in rules.phases:
        for _ in range(phase.months):
            month += 1
            month_start, month_end = period_month(origin, month)
            if month_start > last:
                break
            span = overlap(month_start, month_end, first, last)
            if span is None:
                continue
            days_in_month = days_inclusive(month_start, month_end)
            exact = Fraction(0)
            days = 0
            parts: list[tuple[date, date, LeaseFacts]] = []
            for le in chain:
                part = overlap(span[0], span[1], le.start_on, le.last_day)
                if part is None:
                    continue
                n = days_inclusive(*part)
                days += n
                parts.append((part[0], part[1], le))
                exact += (
                    Fraction(le.monthly_rent_fen)
                    * Fraction(phase.ratio)
                    * shares[id(le)]
                    * Fraction(n, days_in_month)
                )
            if not parts:
                continue
            head = parts[0][2]
            rows.append(
                WaiverRow(
                    month=month,
                    month_start=month_start,
                    month_end=month_end,
                    period_start=parts[0][0],
                    period_end=parts[-1][1],
                    days_waived=days,
                    days_in_month=days_in_month,
                    rent_fen=head.monthly_rent_fen,
                    ratio=phase.ratio,
                    waived_fen=round_half_up(exact),
                    lease_id=head.lease_id,
                )
            )
    return RentWaiverSchedule(
        lease_id=lease.lease_id,
        lease_start=origin,
        start=rows[0].period_start if rows else None,
        end=rows[-1].period_end if rows else None,
        area_centi_m2=area,
        area_cap_centi_m2=rules.area_cap_centi_m2,
        rows=tuple(rows),
    )
