"""Voucher arithmetic (§4–§6): contract × ratio rounded half up to the fen, then the yearly cap.

Decisions where POLICY.md is silent:

- The calendar year a voucher counts in is the year of its application date; the yearly cap (§4.4,
  §5.3, §6.3) sums the amounts of the team's other vouchers of the same kind counting in that year
  that are approved or disbursed (a revoked or rejected one released its money).
- §4.3 "early and small": the team qualifies if, on the application date, it was founded no more
  than 2 years before and has at most 50 people. The window is the first 12 months (from the first
  contract day) of the team's first compute voucher: the earliest contract start among its approved
  or disbursed compute vouchers and this one. "Within 2 years" includes the second anniversary.
- §4.3 split (Readings settled): the contract amount is spread evenly over the contract's
  *months*, not its days. Month n of the contract runs from ``add_months(start, n - 1)`` to the day
  before ``add_months(start, n)`` (aitown.policy.dates); a last month that the contract ends in
  part way counts as the fraction of its days the contract covers. A month that lies only partly
  in the window counts likewise by its days in the window. The part of the contract in the window,
  ``round_half_up(contract × months in window / contract months)``, gets the early ratio (100 %);
  the rest gets the standard ratio (30 %). Each part is rounded half up to the fen; the two parts
  always add up to the contract amount.
- The cap is applied after rounding: amount = min(ratio amount, cap − what the year already used).
- The pool is not a limit here: an eligibility answer shows what the pool has left, and only an
  approval-time check fails when the amount does not fit (aitown.policy.rules.rule_pool_fits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from aitown.money import apply_ratio
from aitown.policy.dates import add_months, add_years, days_inclusive, overlap, period_month
from aitown.policy.facts import COUNTING_STATUSES
from aitown.policy.rent_waiver import round_half_up
from aitown.policy.rules import Case


@dataclass(frozen=True)
class MonthPart:
    """A contract month counted in part: ``days`` of its ``of_days`` days."""

    number: int  # 1-based month of the contract
    days: int
    of_days: int


@dataclass(frozen=True)
class EarlySplit:
    """How a compute contract divides between the §4.3 window and the rest, by contract months."""

    window_start: date
    window_end: date
    contract_months: Fraction  # the contract's months (a part month by its days)
    months_in_window: Fraction
    whole_months_in_window: int
    parts_in_window: tuple[MonthPart, ...]  # the months counted in part in the window
    whole_contract_months: int
    contract_parts: tuple[MonthPart, ...]  # the contract's own part month (its last), if any
    in_window_fen: int  # the contract amount attributed to the window's days
    rest_fen: int
    ratio: Decimal  # the early-and-small ratio
    in_window_amount_fen: int
    rest_amount_fen: int


@dataclass(frozen=True)
class VoucherComputation:
    """Every number of a voucher's amount, for the rules' reasons and the arithmetic lines."""

    kind: str
    contract_fen: int
    ratio: Decimal  # the standard ratio (§4.2, §5.2, §6.2)
    early: EarlySplit | None
    ratio_amount_fen: int  # before the cap
    year: int
    cap_fen: int
    used_fen: int  # this kind's approved/disbursed vouchers of the same year
    amount_fen: int

    @property
    def room_fen(self) -> int:
        return max(0, self.cap_fen - self.used_fen)

    @property
    def capped(self) -> bool:
        return self.amount_fen < self.ratio_amount_fen


def early_and_small(case: Case) -> bool | None:
    """Whether §4.3's team conditions hold on the application date; None if a fact is missing."""
    rules = case.policy.compute_voucher.early_and_small
    team = case.team
    if rules is None:
        return False
    if team.founded_on is None or team.headcount is None:
        return None
    young = case.on <= add_years(team.founded_on, rules.max_years_since_founding)
    return young and team.headcount <= rules.max_headcount


def early_window(case: Case) -> tuple[date, date] | None:
    """The §4.3 window: 12 months from the first contract day of the team's first compute voucher."""
    rules = case.policy.compute_voucher.early_and_small
    if rules is None:
        return None
    starts = [
        p.contract_start
        for p in case.team_priors("compute_voucher", COUNTING_STATUSES)
        if p.contract_start is not None
    ]
    if case.request.contract_start is not None:
        starts.append(case.request.contract_start)
    if not starts:
        return None
    first = min(starts)
    return first, add_months(first, rules.window_months) - timedelta(days=1)


def year_used_fen(case: Case, kind: str, year: int) -> int:
    return sum(
        p.amount_fen or 0 for p in case.team_priors(kind, COUNTING_STATUSES) if p.year == year
    )


def compute_voucher(case: Case) -> VoucherComputation:
    """The amount of the voucher asked for. Needs the contract amount (and, for a compute voucher
    of an early-and-small team, the contract dates); the rules say 'unknown' before calling."""
    kind = case.request.benefit
    rules = case.policy.voucher(kind)
    contract = case.request.contract_amount_fen
    if contract is None:
        raise ValueError("compute_voucher needs the contract amount")
    standard = apply_ratio(contract, rules.ratio)
    split = _early_split(case, contract) if kind == "compute_voucher" else None
    ratio_amount = (
        split.in_window_amount_fen + split.rest_amount_fen if split is not None else standard
    )
    year = case.on.year
    used = year_used_fen(case, kind, year)
    room = max(0, rules.yearly_cap_fen - used)
    return VoucherComputation(
        kind=kind,
        contract_fen=contract,
        ratio=rules.ratio,
        early=split,
        ratio_amount_fen=ratio_amount,
        year=year,
        cap_fen=rules.yearly_cap_fen,
        used_fen=used,
        amount_fen=min(ratio_amount, room),
    )


def months_en(whole: int, parts: tuple[MonthPart, ...]) -> str:
    """``12 months`` / ``11 months and 15 of the 31 days of month 12``."""
    text = f"{whole} month" + ("" if whole == 1 else "s")
    bits = [f"{p.days} of the {p.of_days} days of month {p.number}" for p in parts]
    if not bits:
        return text
    return (text + " and " if whole else "") + " and ".join(bits)


def months_zh(whole: int, parts: tuple[MonthPart, ...]) -> str:
    """``12个月`` / ``11个月又第12个月31天中的15天``."""
    bits = [f"第{p.number}个月{p.of_days}天中的{p.days}天" for p in parts]
    if not bits:
        return f"{whole}个月"
    return (f"{whole}个月又" if whole else "") + "及".join(bits)


def contract_months(
    start: date, end: date, *, within: tuple[date, date] | None = None
) -> tuple[Fraction, int, tuple[MonthPart, ...]]:
    """The contract's months from ``start`` to ``end`` (inclusive) that lie in ``within`` (default:
    all of them): their count, a month in part by its days, and (whole months, the part months)."""
    total = Fraction(0)
    whole = 0
    parts: list[MonthPart] = []
    number = 1
    while True:
        first, last = period_month(start, number)
        if first > end:
            break
        covered = overlap(first, last, start, end)
        if within is not None and covered is not None:
            covered = overlap(*covered, *within)
        if covered is not None:
            days, of_days = days_inclusive(*covered), days_inclusive(first, last)
            if days == of_days:
                whole += 1
            else:
                parts.append(MonthPart(number, days, of_days))
            total += Fraction(days, of_days)
        number += 1
    return total, whole, tuple(parts)


def _early_split(case: Case, contract: int) -> EarlySplit | None:
    rules = case.policy.compute_voucher
    early = rules.early_and_small
    start, end = case.request.contract_start, case.request.contract_end
    if early is None or start is None or end is None or end < start:
        return None
    if not early_and_small(case):
        return None
    window = early_window(case)
    if window is None:
        return None
    total, whole, parts = contract_months(start, end)
    inside, whole_in, parts_in = contract_months(start, end, within=window)
    if inside == 0:
        return None
    in_fen = round_half_up(Fraction(contract) * inside / total)
    rest = contract - in_fen
    return EarlySplit(
        window_start=window[0],
        window_end=window[1],
        contract_months=total,
        months_in_window=inside,
        whole_months_in_window=whole_in,
        parts_in_window=parts_in,
        whole_contract_months=whole,
        contract_parts=parts,
        in_window_fen=in_fen,
        rest_fen=rest,
        ratio=early.ratio,
        in_window_amount_fen=apply_ratio(in_fen, early.ratio),
        rest_amount_fen=apply_ratio(rest, rules.ratio),
    )
