"""The policy file's ``[publicity]`` and ``[payments]`` tables (issue 13.5, 13.6).

Both tables are optional, so policy files written before them still load:

* ``[publicity]``: which benefits are published for a publicity period (公示) before their award
  notice and payment, how many working days the period lasts, and the public holidays that do
  not count (weekends never count). Without the table: start-up grants and talent awards, five
  working days, no holidays.
* ``[payments]``: ``tranches`` per benefit, a list of whole percentages adding up to 100, for
  benefits paid in parts (分期拨付). A benefit not named is paid in one payment.

    [publicity]
    benefits = ["startup_grant", "talent_award"]
    working_days = 5
    holidays = [2026-10-01, 2026-10-02]

    [payments.tranches]
    startup_grant = [50, 50]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from aitown.enums import Benefit
from aitown.policy.schema import BAD, Checker, Spec, report_unknown
from aitown.policy.toml_lines import Path

DEFAULT_PUBLICITY_BENEFITS: tuple[str, ...] = (Benefit.STARTUP_GRANT, Benefit.TALENT_AWARD)
DEFAULT_WORKING_DAYS = 5
MAX_WORKING_DAYS = 60
# A rent waiver is taken off the rent, never paid out: it has no payment in tranches.
PAYABLE_BENEFITS: tuple[str, ...] = tuple(b for b in Benefit if b != Benefit.RENT_WAIVER)


@dataclass(frozen=True)
class PublicityRules:
    """Which benefits are published before their award, and for how long."""

    benefits: tuple[str, ...] = DEFAULT_PUBLICITY_BENEFITS
    working_days: int = DEFAULT_WORKING_DAYS
    holidays: frozenset[dt.date] = field(default_factory=frozenset)

    def needs_publicity(self, benefit: str) -> bool:
        return benefit in self.benefits


@dataclass(frozen=True)
class PaymentRules:
    """The tranches (whole percentages adding up to 100) per benefit; absent = one payment."""

    tranches: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def tranches_of(self, benefit: str) -> tuple[int, ...]:
        for kind, parts in self.tranches:
            if kind == benefit:
                return parts
        return (100,)


DEFAULT_PUBLICITY = PublicityRules()
DEFAULT_PAYMENTS = PaymentRules()


def _problem(ck: Checker, path: Path, en: str, zh: str) -> Any:
    n = ck.line(path)
    ck.add(path, f"'{path[-1]}' at line {n} {en}", f"第{n}行的“{path[-1]}”{zh}")
    return BAD


def _benefit_list(value: Any, path: Path, ck: Checker, *, allowed: tuple[str, ...]) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _problem(
            ck, path, 'must be a list of benefits in quotes, e.g. ["startup_grant"]',
            '应为带引号的扶持类型列表，例如 ["startup_grant"]',
        )  # fmt: skip
    for item in value:
        if item not in allowed:
            return _problem(
                ck, path, f"names '{item}': use some of {', '.join(allowed)}",
                f"中的“{item}”无效：请使用 {'、'.join(allowed)} 中的类型",
            )  # fmt: skip
    return tuple(dict.fromkeys(value))


def _holidays(value: Any, path: Path, ck: Checker) -> Any:
    if not isinstance(value, list):
        return _problem(
            ck, path, "must be a list of dates, e.g. [2026-10-01, 2026-10-02]",
            "应为日期列表，例如 [2026-10-01, 2026-10-02]",
        )  # fmt: skip
    days: set[dt.date] = set()
    for item in value:
        day: dt.date | None = None
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            day = item
        elif isinstance(item, str):
            try:
                day = dt.date.fromisoformat(item.strip())
            except ValueError:
                day = None
        if day is None:
            return _problem(
                ck, path, f"holds {item!r}, which is not a date: write dates as 2026-10-01",
                f"中的 {item!r} 不是日期：日期请写作 2026-10-01",
            )  # fmt: skip
        days.add(day)
    return frozenset(days)


class PublicitySpec(Spec):
    """``[publicity]``: benefits, working_days, holidays (each optional, with its default)."""

    what_en, what_zh = "table", "表"
    expected_en, expected_zh = "a table", "表"
    KEYS = ("benefits", "working_days", "holidays")

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if not isinstance(value, dict):
            return self.wrong_type(value, path, ck)
        ok = True
        for key in value:
            if key not in self.KEYS:
                report_unknown(key, path, list(self.KEYS), ck)
                ok = False
        benefits: Any = DEFAULT_PUBLICITY_BENEFITS
        if "benefits" in value:
            benefits = _benefit_list(
                value["benefits"], (*path, "benefits"), ck, allowed=tuple(Benefit)
            )
        days: Any = DEFAULT_WORKING_DAYS
        if "working_days" in value:
            days = value["working_days"]
            if isinstance(days, bool) or not isinstance(days, int):
                days = _problem(ck, (*path, "working_days"), "must be a whole number", "应为整数")
            elif not 1 <= days <= MAX_WORKING_DAYS:
                days = _problem(
                    ck, (*path, "working_days"), f"is {days}: it must be from 1 to {MAX_WORKING_DAYS}",
                    f"为{days}：应在1至{MAX_WORKING_DAYS}之间",
                )  # fmt: skip
        holidays: Any = frozenset()
        if "holidays" in value:
            holidays = _holidays(value["holidays"], (*path, "holidays"), ck)
        if not ok or BAD in (benefits, days, holidays):
            return BAD
        return PublicityRules(benefits, days, holidays)


class PaymentsSpec(Spec):
    """``[payments]``: ``tranches`` per payable benefit, whole percentages adding up to 100."""

    what_en, what_zh = "table", "表"
    expected_en, expected_zh = "a table", "表"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        if not isinstance(value, dict):
            return self.wrong_type(value, path, ck)
        ok = True
        for key in value:
            if key != "tranches":
                report_unknown(key, path, ["tranches"], ck)
                ok = False
        table = value.get("tranches", {})
        tpath = (*path, "tranches")
        if not isinstance(table, dict):
            return self.wrong_type(table, tpath, ck)
        out: list[tuple[str, tuple[int, ...]]] = []
        for kind, parts in table.items():
            kpath = (*tpath, kind)
            if kind not in PAYABLE_BENEFITS:
                report_unknown(kind, tpath, list(PAYABLE_BENEFITS), ck)
                ok = False
                continue
            if (
                not isinstance(parts, list)
                or not parts
                or not all(isinstance(p, int) and not isinstance(p, bool) and p > 0 for p in parts)
            ):
                _problem(
                    ck, kpath, "must be a list of whole percentages above 0, e.g. [50, 50]",
                    "应为大于0的整数百分比列表，例如 [50, 50]",
                )  # fmt: skip
                ok = False
                continue
            if sum(parts) != 100:
                _problem(
                    ck, kpath, f"adds up to {sum(parts)}%: the tranches must add up to 100%",
                    f"合计为{sum(parts)}%：各期比例之和应为100%",
                )  # fmt: skip
                ok = False
                continue
            out.append((kind, tuple(parts)))
        return PaymentRules(tuple(out)) if ok else BAD


def tranche_amounts(amount_fen: int, parts: tuple[int, ...]) -> list[int]:
    """Split an amount into its tranches, to the fen: each tranche is what the running percentage
    reaches, rounded down, minus what the tranches before it hold — so they add up exactly."""
    out: list[int] = []
    reached = 0
    running = 0
    for pct in parts:
        running += pct
        upto = amount_fen * running // 100
        out.append(upto - reached)
        reached = upto
    return out
