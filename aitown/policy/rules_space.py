"""§2 rent waiver and §3 one-time start-up grant: the rules about the team's tenancy."""

from __future__ import annotations

from datetime import date, timedelta

from aitown.policy.dates import add_months, period_month
from aitown.policy.facts import HELD_STATUSES, LeaseFacts, MemberFacts
from aitown.policy.rent_waiver import RentWaiverSchedule, rent_waiver_schedule, waiver_origin
from aitown.policy.results import RuleResult
from aitown.policy.rules import (
    Case,
    Finding,
    admitted_finding,
    combine,
    failed,
    passed,
    prior_label,
    unknown,
)
from aitown.policy.uscc import normalize_uscc
from aitown.policy.wording import area, area_zh, day, percent, yuan_en, yuan_zh


def lease_label(lease: LeaseFacts) -> str:
    return f"lease #{lease.lease_id}" if lease.lease_id is not None else "the lease"


def lease_label_zh(lease: LeaseFacts) -> str:
    return f"租约#{lease.lease_id}" if lease.lease_id is not None else "租约"


def select_lease(case: Case) -> LeaseFacts | None:
    """The lease asked for; else the current lease on the application date (the earliest-starting
    one if the team rents several units)."""
    if case.request.lease_id is not None:
        return next((le for le in case.leases if le.lease_id == case.request.lease_id), None)
    current = [le for le in case.leases if le.is_current_on(case.on)]
    return min(current, key=lambda le: le.start_on) if current else None


def waiver_schedule(case: Case, lease: LeaseFacts) -> RentWaiverSchedule:
    """The rent waiver of ``lease`` for the team of ``case`` (§2.2, §2.3). Rule 2.2 and the amount
    both need it: it is worked out once a check."""
    key = ("rent_waiver_schedule", lease)
    schedule = case.memo.get(key)
    if schedule is None:
        schedule = rent_waiver_schedule(
            case.policy,
            lease,
            waiver_from=case.team.admitted_on,
            team_left_on=case.team.left_on,
            leases=case.leases,
        )
        case.memo[key] = schedule
    return schedule


def tenancy_start(leases: tuple[LeaseFacts, ...], lease: LeaseFacts) -> date:
    """When the team's unbroken tenancy that includes ``lease`` began: leases that follow one
    another without a day's gap count as one tenancy (a team that moved to another unit)."""
    start = lease.start_on
    changed = True
    while changed:
        changed = False
        for other in leases:
            if other.start_on < start and other.last_day >= start - timedelta(days=1):
                start = other.start_on
                changed = True
    return start


def _lease_findings(case: Case, lease: LeaseFacts | None) -> list[Finding]:
    if lease is None and case.request.lease_id is not None:
        return [
            Finding(
                f"lease #{case.request.lease_id} is not one of the team's leases",
                f"租约#{case.request.lease_id}不属于该团队",
                desk_en="choose one of the team's leases",
                desk_zh="请选择该团队的租约",
            )
        ]
    if lease is None:
        future = [le for le in case.leases if le.start_on > case.on]
        if future:
            nxt = min(future, key=lambda le: le.start_on)
            return [
                Finding(
                    f"no current lease on {day(case.on)}; {lease_label(nxt)} starts {day(nxt.start_on)}",
                    f"{day(case.on)}无有效租约；{lease_label_zh(nxt)}自{day(nxt.start_on)}起租",
                    f"eligible from {day(nxt.start_on)}, when {lease_label(nxt)} starts",
                    f"自{day(nxt.start_on)}（{lease_label_zh(nxt)}起租日）起可申请",
                    nxt.start_on,
                )
            ]
        return [
            Finding(
                f"the team holds no lease in the town on {day(case.on)}",
                f"团队{day(case.on)}在小镇内无有效租约",
                desk_en="record the team's lease of a unit in the town",
                desk_zh="请登记团队在小镇内的租约",
            )
        ]
    if lease.start_on > case.on:
        return [
            Finding(
                f"{lease_label(lease)} starts {day(lease.start_on)}, after {day(case.on)}",
                f"{lease_label_zh(lease)}自{day(lease.start_on)}起租，晚于{day(case.on)}",
                f"eligible from {day(lease.start_on)}, when the lease starts",
                f"自{day(lease.start_on)}（起租日）起可申请",
                lease.start_on,
            )
        ]
    if lease.last_day < case.on:
        return [
            Finding(
                f"{lease_label(lease)} ended {day(lease.last_day)}, before {day(case.on)}",
                f"{lease_label_zh(lease)}已于{day(lease.last_day)}结束，早于{day(case.on)}",
            )
        ]
    return []


# §2 Rent waiver -----------------------------------------------------------------------------


def rule_2_1_tenant(case: Case) -> RuleResult:
    lease = select_lease(case)
    findings = [f for f in [admitted_finding(case.team)] if f]
    findings += _lease_findings(case, lease)
    if lease is None:
        return combine("2.1", findings, "", "")
    return combine(
        "2.1",
        findings,
        f"admitted; {lease_label(lease)} runs {day(lease.start_on)}–{day(lease.last_day)}",
        f"已入驻；{lease_label_zh(lease)}租期{day(lease.start_on)}至{day(lease.last_day)}",
    )


def _phase_text(case: Case, lease: LeaseFacts) -> tuple[str, str]:
    parts_en, parts_zh = [], []
    first = 1
    origin = waiver_origin(case.leases, lease)  # months count from the first lease
    for phase in case.policy.rent_waiver.phases:
        last = first + phase.months - 1
        start, _ = period_month(origin, first)
        _, end = period_month(origin, last)
        parts_en.append(
            f"{percent(phase.ratio)} for months {first}–{last} ({day(start)}–{day(end)})"
        )
        parts_zh.append(
            f"第{first}–{last}个月（{day(start)}至{day(end)}）减免{percent(phase.ratio)}"
        )
        first = last + 1
    return ", ".join(parts_en), "，".join(parts_zh)


def rule_2_2_schedule(case: Case) -> RuleResult:
    lease = select_lease(case)
    if lease is None:
        return unknown(
            "2.2",
            "there is no lease to set the waiver schedule on (§2.1)",
            "无可据以确定减免安排的租约（见第2.1条）",
            "lease",
        )
    held = case.team_priors("rent_waiver", HELD_STATUSES)
    if held:
        en, zh = prior_label(held[0])
        return failed(
            "2.2",
            f"the team already holds or held a rent waiver ({en}): the waiver is given once, "
            "for the first months of its tenancy",
            f"团队已享受或曾享受租金减免（{zh}）：租金减免仅限一次，适用于入驻租期的最初月份",
        )
    schedule = waiver_schedule(case, lease)
    phases_en, phases_zh = _phase_text(case, lease)
    if not schedule.rows:
        return failed(
            "2.2",
            f"nothing left to waive on {lease_label(lease)}: {phases_en}; the lease and the team's "
            "admission leave no day in those months",
            f"{lease_label_zh(lease)}已无可减免的月份：{phases_zh}；租期与入驻时间在上述月份内无重合",
        )
    assert schedule.start is not None and schedule.end is not None
    return passed(
        "2.2",
        f"{lease_label(lease)} from {day(schedule.lease_start)}: {phases_en}; waived from "
        f"{day(schedule.start)} to {day(schedule.end)}",
        f"{lease_label_zh(lease)}自{day(schedule.lease_start)}起：{phases_zh}；减免期间"
        f"{day(schedule.start)}至{day(schedule.end)}",
    )


def rule_2_3_area(case: Case) -> RuleResult:
    lease = select_lease(case)
    cap = case.policy.rent_waiver.area_cap_centi_m2
    if lease is None:
        return unknown("2.3", "there is no lease (§2.1)", "无租约（见第2.1条）", "lease")
    if lease.area_centi_m2 is None:
        return unknown(
            "2.3",
            f"the area of the unit of {lease_label(lease)} is not recorded",
            f"未登记{lease_label_zh(lease)}所租单元的面积",
            "lease.area",
        )
    size = lease.area_centi_m2
    if size <= cap:
        return passed(
            "2.3",
            f"unit of {area(size)}, within the {area(cap)} cap",
            f"单元面积{area_zh(size)}，未超过{area_zh(cap)}上限",
        )
    return passed(
        "2.3",
        f"unit of {area(size)}, above the {area(cap)} cap: the waiver is pro-rated to "
        f"{area(cap)} / {area(size)} of the rent",
        f"单元面积{area_zh(size)}，超过{area_zh(cap)}上限：按{area_zh(cap)}/{area_zh(size)}比例折算减免",
    )


def rule_2_4_no_grant(case: Case) -> RuleResult:
    held = case.team_priors("startup_grant", HELD_STATUSES)
    if held:
        en, zh = prior_label(held[0])
        return failed(
            "2.4",
            f"the team holds or held the one-time start-up grant ({en}): not both",
            f"团队已享受或曾享受一次性创业补贴（{zh}）：两者不可兼得",
        )
    return passed("2.4", "no start-up grant held", "未享受一次性创业补贴")


def rent_waiver_rules(case: Case) -> list[RuleResult]:
    return [
        rule_2_1_tenant(case),
        rule_2_2_schedule(case),
        rule_2_3_area(case),
        rule_2_4_no_grant(case),
    ]


# §3 One-time start-up grant ------------------------------------------------------------------


def rule_3_1_tenancy(case: Case) -> RuleResult:
    months = case.policy.startup_grant.min_tenancy_months
    findings = [f for f in [admitted_finding(case.team)] if f]
    lease = select_lease(case)
    lease_findings = _lease_findings(case, lease)
    if lease_findings:
        for f in lease_findings:
            if f.cure_date is None:
                findings.append(f)
                continue
            # A lease that starts later: the grant needs the months of tenancy after that.
            enough = add_months(f.cure_date, months)
            findings.append(
                Finding(
                    f.en,
                    f.zh,
                    f"eligible from {day(enough)}, after {months} months of tenancy",
                    f"自{day(enough)}起（租期满{months}个月后）可申请",
                    enough,
                )
            )
        return combine("3.1", findings, "", "")
    assert lease is not None
    start = tenancy_start(case.leases, lease)
    enough_on = add_months(start, months)
    if enough_on > case.on:
        if enough_on <= lease.last_day:
            findings.append(
                Finding(
                    f"a tenant since {day(start)}, less than {months} months before {day(case.on)}",
                    f"自{day(start)}起租，至{day(case.on)}不满{months}个月",
                    f"eligible from {day(enough_on)}, after {months} months of tenancy",
                    f"自{day(enough_on)}起（租期满{months}个月后）可申请",
                    enough_on,
                )
            )
        else:
            findings.append(
                Finding(
                    f"a tenant since {day(start)}; the lease ends {day(lease.last_day)}, before "
                    f"{months} months of tenancy",
                    f"自{day(start)}起租；租约于{day(lease.last_day)}结束，租期不满{months}个月",
                    f"eligible from {day(enough_on)} if the lease is extended",
                    f"如续租，自{day(enough_on)}起可申请",
                )
            )
    return combine(
        "3.1",
        findings,
        f"admitted; a tenant since {day(start)}, at least {months} months before {day(case.on)}",
        f"已入驻；自{day(start)}起租，至{day(case.on)}已满{months}个月",
    )


def tier_a_founders(case: Case) -> tuple[list[MemberFacts], list[MemberFacts]]:
    """Founders on the application date who hold tier A: (full-time, full-time not recorded)."""
    founders = [
        m for m in case.members if m.is_founder and m.talent_tier == "A" and m.is_member_on(case.on)
    ]
    return [m for m in founders if m.full_time], [m for m in founders if m.full_time is None]


def startup_grant_amount_fen(case: Case) -> int:
    rules = case.policy.startup_grant
    full_time, _ = tier_a_founders(case)
    return rules.amount_with_tier_a_founder_fen if full_time else rules.amount_fen


def rule_3_2_amount(case: Case) -> RuleResult:
    rules = case.policy.startup_grant
    full_time, not_recorded = tier_a_founders(case)
    if full_time:
        name = full_time[0].name or f"member #{full_time[0].member_id}"
        return passed(
            "3.2",
            f"{name}, a full-time founder, holds talent tier A: "
            f"{yuan_en(rules.amount_with_tier_a_founder_fen)}",
            f"全职创始人{name}具有A类人才层级：{yuan_zh(rules.amount_with_tier_a_founder_fen)}",
        )
    en = f"no full-time founder holds talent tier A: {yuan_en(rules.amount_fen)}"
    zh = f"无具有A类人才层级的全职创始人：{yuan_zh(rules.amount_fen)}"
    if not_recorded:
        name = not_recorded[0].name or f"member #{not_recorded[0].member_id}"
        en += (
            f" (founder {name} holds tier A but is not recorded as full-time: if they are, record "
            f"it for {yuan_en(rules.amount_with_tier_a_founder_fen)})"
        )
        zh += (
            f"（创始人{name}具有A类层级但未登记是否全职：如为全职，登记后可获"
            f"{yuan_zh(rules.amount_with_tier_a_founder_fen)}）"
        )
    return passed("3.2", en, zh)


def _codes_text(case: Case) -> tuple[str, str]:
    """``USCC X`` / ``USCC X (and Y, Z, which the entity has also had)`` in both languages."""
    own = normalize_uscc(case.team.uscc) or "?"
    others = sorted(case.team.entity_usccs() - {own})
    if not others:
        return f"USCC {own}", f"统一社会信用代码{own}"
    return (
        f"USCC {own} (and {', '.join(others)}, which the entity has also had)",
        f"统一社会信用代码{own}（及该主体曾用的{'、'.join(others)}）",
    )


def rule_3_3_once(case: Case) -> RuleResult:
    held = case.team_priors("startup_grant", HELD_STATUSES)
    codes_en, codes_zh = _codes_text(case)
    if held:
        en, zh = prior_label(held[0])
        return failed(
            "3.3",
            f"{codes_en} already received the one-time start-up grant ({en})",
            f"{codes_zh}已获得一次性创业补贴（{zh}）",
        )
    return passed(
        "3.3",
        f"no earlier start-up grant for {codes_en}",
        f"{codes_zh}此前未获一次性创业补贴",
    )


def rule_3_4_no_waiver(case: Case) -> RuleResult:
    held = case.team_priors("rent_waiver", HELD_STATUSES)
    if held:
        en, zh = prior_label(held[0])
        return failed(
            "3.4",
            f"the team holds or held a rent waiver ({en}): not both",
            f"团队已享受或曾享受租金减免（{zh}）：两者不可兼得",
        )
    return passed("3.4", "no rent waiver held", "未享受租金减免")


def startup_grant_rules(case: Case) -> list[RuleResult]:
    return [
        rule_3_1_tenancy(case),
        rule_3_2_amount(case),
        rule_3_3_once(case),
        rule_3_4_no_waiver(case),
    ]
