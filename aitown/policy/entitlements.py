"""Amounts and their working: what a team would receive, and what a leaving team repays (§2.5).

Every Entitlement carries its arithmetic as lines in English and Chinese: the contract × ratio,
the cap, what the year's earlier vouchers used, and what the pool has left. The pool does not
limit the amount here (see aitown.policy.vouchers); ``Entitlement.fits_pool`` says whether it fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from aitown.labels import team_status_label
from aitown.policy.dates import add_months
from aitown.policy.facts import BENEFIT_LABELS, LEAVING_STATUSES, LeaseFacts, PoolState
from aitown.policy.model import Policy
from aitown.policy.rent_waiver import RentWaiverSchedule, WaiverRow, rent_waiver_schedule
from aitown.policy.results import ArithmeticLine, Entitlement
from aitown.policy.rules import Case
from aitown.policy.rules_space import (
    lease_label,
    lease_label_zh,
    select_lease,
    startup_grant_amount_fen,
    tier_a_founders,
    waiver_schedule,
)
from aitown.policy.vouchers import VoucherComputation, compute_voucher, months_en, months_zh
from aitown.policy.wording import area, area_zh, day, percent, yuan_en, yuan_zh

L = ArithmeticLine


def pool_line(benefit: str, amount_fen: int, pool: PoolState | None) -> list[ArithmeticLine]:
    if pool is None:
        return []
    en_name, zh_name = BENEFIT_LABELS[benefit]
    left = pool.left_fen
    fits_en = "it fits" if amount_fen <= left else "it does NOT fit"
    fits_zh = "足以支付" if amount_fen <= left else "不足以支付"
    return [
        L(
            f"The {en_name} pool has {yuan_en(left)} left of {yuan_en(pool.total_fen)}: {fits_en} "
            "(checked again at approval)",
            f"{zh_name}预算池总额{yuan_zh(pool.total_fen)}，尚余{yuan_zh(left)}：{fits_zh}（审批时再次核查）",
        )
    ]


# §2 Rent waiver --------------------------------------------------------------------------------


def schedule_lines(
    policy: Policy, lease: LeaseFacts, schedule: RentWaiverSchedule
) -> list[ArithmeticLine]:
    lines = [
        L(
            f"{lease_label(lease)}: monthly rent {yuan_en(lease.monthly_rent_fen)}, unit of "
            f"{area(schedule.area_centi_m2)}",
            f"{lease_label_zh(lease)}：月租金{yuan_zh(lease.monthly_rent_fen)}，单元面积"
            f"{area_zh(schedule.area_centi_m2)}",
        )
    ]
    if schedule.area_capped:
        cap, size = schedule.area_cap_centi_m2, schedule.area_centi_m2
        lines.append(
            L(
                f"Area capped at {area(cap)}: the waiver is {area(cap)} / {area(size)} of the rent (§2.3)",
                f"面积上限{area_zh(cap)}：按{area_zh(cap)}/{area_zh(size)}比例减免（第2.3条）",
            )
        )
    by_ratio: dict[Decimal, list[WaiverRow]] = {}
    for row in schedule.rows:
        by_ratio.setdefault(row.ratio, []).append(row)
    for ratio, rows in by_ratio.items():
        partial = sum(1 for r in rows if r.days_waived < r.days_in_month)
        subtotal = sum(r.waived_fen for r in rows)
        part_en = f", {partial} of them partial (pro rata by day)" if partial else ""
        part_zh = f"，其中{partial}个月按天折算" if partial else ""
        lines.append(
            L(
                f"Months {rows[0].month}–{rows[-1].month} ({day(rows[0].period_start)}–"
                f"{day(rows[-1].period_end)}) at {percent(ratio)}: {len(rows)} months{part_en}, "
                f"{yuan_en(subtotal)} (§2.2)",
                f"第{rows[0].month}–{rows[-1].month}个月（{day(rows[0].period_start)}至"
                f"{day(rows[-1].period_end)}）减免{percent(ratio)}：共{len(rows)}个月{part_zh}，"
                f"{yuan_zh(subtotal)}（第2.2条）",
            )
        )
    lines.append(
        L(
            f"Total rent waived: {yuan_en(schedule.total_fen)}",
            f"减免租金合计：{yuan_zh(schedule.total_fen)}",
        )
    )
    if schedule.start is not None:
        months = policy.rent_waiver.repay_if_leaving_within_months
        last = add_months(schedule.start, months) - timedelta(days=1)
        lines.append(
            L(
                f"A team that leaves (withdrawn or expelled) on or before {day(last)} repays the rent "
                "waived so far (§2.5)",
                f"团队如在{day(last)}（含）前退出（主动退出或被清退），须退还已减免的租金（第2.5条）",
            )
        )
    return lines


def rent_waiver_entitlement(case: Case, pool: PoolState | None) -> Entitlement:
    lease = select_lease(case)
    if lease is None:
        raise ValueError("a rent waiver needs a lease")
    schedule = waiver_schedule(case, lease)
    lines = schedule_lines(case.policy, lease, schedule)
    return Entitlement(
        benefit="rent_waiver",
        amount_fen=schedule.total_fen,
        lines=tuple(lines + pool_line("rent_waiver", schedule.total_fen, pool)),
        pool_left_fen=pool.left_fen if pool else None,
        schedule=schedule,
    )


@dataclass(frozen=True)
class RentWaiverRepayment:
    """§2.5: what a team leaving early repays. ``repay_if_left_by`` is the last day that triggers it."""

    due: bool
    amount_fen: int
    waiver_start: date | None
    repay_if_left_by: date | None
    left_on: date
    lines: tuple[ArithmeticLine, ...]


def rent_waiver_repayment(
    policy: Policy,
    lease: LeaseFacts,
    *,
    left_on: date,
    status: str,
    admitted_on: date | None = None,
    leases: Sequence[LeaseFacts] = (),
) -> RentWaiverRepayment:
    """The rent to repay when a team leaves (``status`` withdrawn or expelled) on ``left_on``, its
    last day in the town, within the first months of the waiver (§2.5): everything waived through
    ``left_on``. A graduating team, or one leaving later, repays nothing. ``leases``: all the
    team's leases, so that a waiver continued on a renewal counts from the first lease."""
    full = rent_waiver_schedule(policy, lease, waiver_from=admitted_on, leases=leases)
    months = policy.rent_waiver.repay_if_leaving_within_months
    if full.start is None:
        return RentWaiverRepayment(
            False,
            0,
            None,
            None,
            left_on,
            (L("No rent was waived on this lease", "该租约未减免租金"),),
        )
    last = add_months(full.start, months) - timedelta(days=1)
    waived = rent_waiver_schedule(
        policy, lease, waiver_from=admitted_on, team_left_on=left_on, leases=leases
    )
    leaving = status in LEAVING_STATUSES
    due = leaving and left_on <= last
    head = L(
        f"Waiver started {day(full.start)}; leaving on or before {day(last)} "
        f"(within {months} months) repays the rent waived so far (§2.5)",
        f"减免自{day(full.start)}开始；在{day(last)}（含）前（{months}个月内）退出须退还已减免租金（第2.5条）",
    )
    if not leaving:
        tail = L(
            f"The team {status} on {day(left_on)}: not a withdrawal or expulsion, nothing to repay",
            f"团队于{day(left_on)}状态为{team_status_label(status, 'zh')}：不属于退出或清退，无需退还",
        )
    elif not due:
        tail = L(
            f"The team left on {day(left_on)}, after {day(last)}: nothing to repay",
            f"团队于{day(left_on)}退出，晚于{day(last)}：无需退还",
        )
    else:
        tail = L(
            f"The team left on {day(left_on)}: rent waived {day(full.start)}–{day(min(left_on, waived.end or left_on))} "
            f"is repaid: {yuan_en(waived.total_fen)}",
            f"团队于{day(left_on)}退出：须退还{day(full.start)}至{day(min(left_on, waived.end or left_on))}"
            f"期间减免的租金{yuan_zh(waived.total_fen)}",
        )
    return RentWaiverRepayment(
        due=due,
        amount_fen=waived.total_fen if due else 0,
        waiver_start=full.start,
        repay_if_left_by=last,
        left_on=left_on,
        lines=(head, tail),
    )


# §3 Start-up grant, §7 talent award ---------------------------------------------------------


def startup_grant_entitlement(case: Case, pool: PoolState | None) -> Entitlement:
    amount = startup_grant_amount_fen(case)
    full_time, _ = tier_a_founders(case)
    why_en = (
        f"a full-time founder ({full_time[0].name or full_time[0].member_id}) holds talent tier A"
        if full_time
        else "no full-time founder holds talent tier A"
    )
    why_zh = (
        f"全职创始人（{full_time[0].name or full_time[0].member_id}）具有A类人才层级"
        if full_time
        else "无具有A类人才层级的全职创始人"
    )
    lines = [
        L(
            f"One-time start-up grant: {yuan_en(amount)}, as {why_en} (§3.2)",
            f"一次性创业补贴：{yuan_zh(amount)}，因{why_zh}（第3.2条）",
        )
    ]
    return Entitlement(
        benefit="startup_grant",
        amount_fen=amount,
        lines=tuple(lines + pool_line("startup_grant", amount, pool)),
        pool_left_fen=pool.left_fen if pool else None,
    )


def talent_award_entitlement(case: Case, pool: PoolState | None) -> Entitlement:
    member = case.member()
    tier = member.talent_tier if member else None
    amount = case.policy.talent_award.amount_for(tier)
    if member is None or amount is None:
        raise ValueError("a talent award needs a member with a tier")
    name = member.name or f"member #{member.member_id}"
    lines = [
        L(
            f"{name}, tier {tier}: {yuan_en(amount)} (§7.2)",
            f"{name}，{tier}类人才：{yuan_zh(amount)}（第7.2条）",
        )
    ]
    return Entitlement(
        benefit="talent_award",
        amount_fen=amount,
        lines=tuple(lines + pool_line("talent_award", amount, pool)),
        pool_left_fen=pool.left_fen if pool else None,
    )


# §4–§6 Vouchers -------------------------------------------------------------------------------


def fraction_text(value: Fraction) -> str:
    """Months as the arithmetic shows them: ``12`` or ``11 15/31``."""
    whole, rest = divmod(value, 1)
    if rest == 0:
        return str(int(whole))
    return f"{int(whole)} {rest.numerator}/{rest.denominator}" if whole else str(rest)


CAP_CLAUSE = {"compute_voucher": "4.4", "model_voucher": "5.3", "corpus_voucher": "6.3"}
RATIO_CLAUSE = {"compute_voucher": "4.2", "model_voucher": "5.2", "corpus_voucher": "6.2"}


def voucher_lines(comp: VoucherComputation) -> list[ArithmeticLine]:
    en_name, zh_name = BENEFIT_LABELS[comp.kind]
    lines: list[ArithmeticLine] = []
    if comp.early is None:
        lines.append(
            L(
                f"Contract {yuan_en(comp.contract_fen)} × {percent(comp.ratio)} = "
                f"{yuan_en(comp.ratio_amount_fen)} (§{RATIO_CLAUSE[comp.kind]})",
                f"合同金额{yuan_zh(comp.contract_fen)} × {percent(comp.ratio)} = "
                f"{yuan_zh(comp.ratio_amount_fen)}（第{RATIO_CLAUSE[comp.kind]}条）",
            )
        )
    else:
        e = comp.early
        lines += [
            L(
                f"Contract {yuan_en(comp.contract_fen)} over "
                f"{months_en(e.whole_contract_months, e.contract_parts)}; "
                f"{months_en(e.whole_months_in_window, e.parts_in_window)} fall in the "
                f"early-and-small window {day(e.window_start)}–{day(e.window_end)}: "
                f"{yuan_en(comp.contract_fen)} × {fraction_text(e.months_in_window)} / "
                f"{fraction_text(e.contract_months)} = {yuan_en(e.in_window_fen)} of the contract "
                "(§4.3)",
                f"合同金额{yuan_zh(comp.contract_fen)}，合同期"
                f"{months_zh(e.whole_contract_months, e.contract_parts)}；其中"
                f"{months_zh(e.whole_months_in_window, e.parts_in_window)}在早小团队期间"
                f"{day(e.window_start)}至{day(e.window_end)}内：{yuan_zh(comp.contract_fen)} × "
                f"{fraction_text(e.months_in_window)} / {fraction_text(e.contract_months)} = "
                f"{yuan_zh(e.in_window_fen)}（第4.3条）",
            ),
            L(
                f"{yuan_en(e.in_window_fen)} × {percent(e.ratio)} = {yuan_en(e.in_window_amount_fen)}; "
                f"{yuan_en(e.rest_fen)} × {percent(comp.ratio)} = {yuan_en(e.rest_amount_fen)}; "
                f"together {yuan_en(comp.ratio_amount_fen)}",
                f"{yuan_zh(e.in_window_fen)} × {percent(e.ratio)} = {yuan_zh(e.in_window_amount_fen)}；"
                f"{yuan_zh(e.rest_fen)} × {percent(comp.ratio)} = {yuan_zh(e.rest_amount_fen)}；"
                f"合计{yuan_zh(comp.ratio_amount_fen)}",
            ),
        ]
    lines.append(
        L(
            f"Yearly cap {yuan_en(comp.cap_fen)} for {comp.year} (§{CAP_CLAUSE[comp.kind]}); the "
            f"team's earlier {en_name}s of {comp.year} used {yuan_en(comp.used_fen)}; "
            f"{yuan_en(comp.room_fen)} left under the cap",
            f"{comp.year}年度上限{yuan_zh(comp.cap_fen)}（第{CAP_CLAUSE[comp.kind]}条）；团队本年度此前"
            f"{zh_name}已用{yuan_zh(comp.used_fen)}；上限内尚余{yuan_zh(comp.room_fen)}",
        )
    )
    if comp.capped:
        lines.append(
            L(
                f"Amount: {yuan_en(comp.amount_fen)} (limited by the yearly cap)",
                f"金额：{yuan_zh(comp.amount_fen)}（受年度上限限制）",
            )
        )
    else:
        lines.append(L(f"Amount: {yuan_en(comp.amount_fen)}", f"金额：{yuan_zh(comp.amount_fen)}"))
    return lines


def voucher_entitlement(case: Case, pool: PoolState | None) -> Entitlement:
    comp = compute_voucher(case)
    return Entitlement(
        benefit=comp.kind,
        amount_fen=comp.amount_fen,
        lines=tuple(voucher_lines(comp) + pool_line(comp.kind, comp.amount_fen, pool)),
        contract_amount_fen=comp.contract_fen,
        ratio=comp.ratio,
        cap_fen=comp.cap_fen,
        year_used_fen=comp.used_fen,
        pool_left_fen=pool.left_fen if pool else None,
    )


def entitlement(case: Case, pool: PoolState | None) -> Entitlement:
    """The amount for the benefit of ``case.request`` (its facts must be known: check first)."""
    kind = case.request.benefit
    if kind == "rent_waiver":
        return rent_waiver_entitlement(case, pool)
    if kind == "startup_grant":
        return startup_grant_entitlement(case, pool)
    if kind == "talent_award":
        return talent_award_entitlement(case, pool)
    return voucher_entitlement(case, pool)
