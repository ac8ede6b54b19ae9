"""§7 talent award: a full-time member of at least 6 months, by tier, once a person a year."""

from __future__ import annotations

from aitown.policy.dates import add_months, next_new_year
from aitown.policy.facts import COUNTING_STATUSES, MemberFacts
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
from aitown.policy.wording import day, yuan_en, yuan_zh


def member_name(member: MemberFacts) -> str:
    return member.name or f"member #{member.member_id}"


def _member_missing(case: Case, clause: str) -> RuleResult | None:
    """'unknown' when no member is named, 'fail' when the one named is not in the team."""
    if case.request.member_id is None:
        return unknown(
            clause,
            "the person the award is for is not given",
            "未指明获奖人员",
            "request.member_id",
        )
    if case.member() is None:
        return failed(
            clause,
            f"member #{case.request.member_id} is not recorded in this team",
            f"该团队中没有成员#{case.request.member_id}",
            desk_en="choose a member of the team",
            desk_zh="请选择该团队的成员",
        )
    return None


def rule_7_1_member(case: Case) -> RuleResult:
    months = case.policy.talent_award.min_membership_months
    findings = [f for f in [admitted_finding(case.team)] if f]
    problem = _member_missing(case, "7.1")
    if problem is not None:
        if findings:
            findings.append(Finding(problem.reason_en, problem.reason_zh, missing=problem.missing))
            return combine("7.1", findings, "", "")
        return problem
    member = case.member()
    assert member is not None
    name = member_name(member)
    if member.left_on is not None and member.left_on < case.on:
        findings.append(
            Finding(
                f"{name} left the team on {day(member.left_on)}",
                f"{name}已于{day(member.left_on)}离开团队",
            )
        )
    if member.full_time is None:
        findings.append(
            Finding(
                f"whether {name} works full-time is not recorded",
                f"未登记{name}是否全职",
                missing=("member.full_time",),
            )
        )
    elif not member.full_time:
        findings.append(
            Finding(
                f"{name} is not a full-time member",
                f"{name}不是全职成员",
                "eligible once the person works full-time for the team",
                "该人员全职加入团队后方可申请",
            )
        )
    if member.joined_on is None:
        findings.append(
            Finding(
                f"the date {name} joined is not recorded",
                f"未登记{name}的加入日期",
                missing=("member.joined_on",),
            )
        )
        return combine("7.1", findings, "", "")
    enough_on = add_months(member.joined_on, months)
    if enough_on > case.on:
        findings.append(
            Finding(
                f"{name} joined {day(member.joined_on)}, less than {months} months before {day(case.on)}",
                f"{name}于{day(member.joined_on)}加入，至{day(case.on)}不满{months}个月",
                f"eligible from {day(enough_on)}, after {months} months of membership",
                f"自{day(enough_on)}起（加入满{months}个月后）可申请",
                enough_on,
            )
        )
    return combine(
        "7.1",
        findings,
        f"{name} is a full-time member since {day(member.joined_on)}, at least {months} months "
        f"before {day(case.on)}",
        f"{name}为全职成员，自{day(member.joined_on)}加入，至{day(case.on)}已满{months}个月",
    )


def rule_7_2_tier(case: Case) -> RuleResult:
    problem = _member_missing(case, "7.2")
    if problem is not None:
        return problem
    member = case.member()
    assert member is not None
    name = member_name(member)
    amount = case.policy.talent_award.amount_for(member.talent_tier)
    if amount is None:
        return failed(
            "7.2",
            f"{name} holds no talent tier",
            f"{name}无人才层级",
            desk_en="record the person's talent tier if they hold one",
            desk_zh="如该人员具有人才层级，请登记",
        )
    return passed(
        "7.2",
        f"{name} holds tier {member.talent_tier}: {yuan_en(amount)}",
        f"{name}为{member.talent_tier}类人才：{yuan_zh(amount)}",
    )


def rule_7_3_once_a_year(case: Case) -> RuleResult:
    problem = _member_missing(case, "7.3")
    if problem is not None:
        return problem
    member = case.member()
    assert member is not None
    name = member_name(member)
    number = (member.id_number or "").strip().upper()
    if not number:
        return unknown(
            "7.3",
            f"{name}'s identity-card number is not recorded (a person is known by it)",
            f"未登记{name}的身份证号码（以身份证号码识别个人）",
            "member.id_number",
        )
    year = case.on.year
    earlier = [
        p
        for p in case.priors
        if p.benefit == "talent_award"
        and p.status in COUNTING_STATUSES
        and p.year == year
        and (p.member_id_number or "").strip().upper() == number
    ]
    if earlier:
        en, zh = prior_label(earlier[0])
        renew = next_new_year(case.on)
        return failed(
            "7.3",
            f"{name} already has a talent award for {year} ({en})",
            f"{name}已获{year}年度人才奖励（{zh}）",
            f"eligible from {day(renew)}, for the next year",
            f"自{day(renew)}起可申请下一年度",
            renew,
        )
    return passed(
        "7.3",
        f"no other talent award for this person in {year}",
        f"该人员{year}年度未获其他人才奖励",
    )


def talent_award_rules(case: Case) -> list[RuleResult]:
    return [rule_7_1_member(case), rule_7_2_tier(case), rule_7_3_once_a_year(case)]
