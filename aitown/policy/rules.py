"""The rules as code: §1 (admission, every benefit), the pool check at approval, §8.2.

Each rule reads its numbers from the Policy and returns a RuleResult whose reason names the facts
used. The benefit-specific rules live beside this module: rules_space (§2, §3), rules_vouchers
(§4–§6), rules_talent (§7). They all take a :class:`Case`, the facts of one check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aitown.errors import ValidationError
from aitown.labels import APPLICATION_STATUS_LABELS
from aitown.policy.dates import add_years
from aitown.policy.facts import (
    BENEFIT_LABELS,
    BenefitRequest,
    LeaseFacts,
    MemberFacts,
    PoolState,
    PriorApplication,
    RecordId,
    TeamFacts,
)
from aitown.policy.model import Policy
from aitown.policy.results import FAIL, PASS, UNKNOWN, RuleResult
from aitown.policy.uscc import division_code, is_in_division, normalize_uscc, validate_uscc
from aitown.policy.wording import day, yuan_en, yuan_zh


@dataclass(frozen=True)
class Case:
    """The facts of one eligibility check. ``on`` is the application date the rules measure from."""

    policy: Policy
    team: TeamFacts
    members: tuple[MemberFacts, ...]
    leases: tuple[LeaseFacts, ...]
    priors: tuple[PriorApplication, ...]  # without the application being checked
    request: BenefitRequest
    on: date
    today: date
    # What a check works out more than once (the rent-waiver schedule: rule 2.2 and the amount),
    # kept for the life of this one check. Not part of the facts: not compared, not hashed.
    memo: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    def team_priors(self, benefit: str, statuses: Iterable[str]) -> list[PriorApplication]:
        """The entity's earlier applications of ``benefit`` in ``statuses``: those of a team record
        whose USCC is one the entity has had (unknown USCC: ours)."""
        wanted = set(statuses)
        own = self.team.entity_usccs()
        return [
            p
            for p in self.priors
            if p.benefit == benefit
            and p.status in wanted
            and (p.team_uscc is None or normalize_uscc(p.team_uscc) in own)
        ]

    def member(self) -> MemberFacts | None:
        for m in self.members:
            if m.member_id == self.request.member_id:
                return m
        return None


def passed(clause: str, en: str, zh: str) -> RuleResult:
    return RuleResult(clause, PASS, en, zh)


def failed(
    clause: str,
    en: str,
    zh: str,
    cure_en: str | None = None,
    cure_zh: str | None = None,
    cure_date: date | None = None,
    *,
    desk_en: str | None = None,
    desk_zh: str | None = None,
) -> RuleResult:
    """A fail. ``cure_*`` speaks to the founder; ``desk_*`` is a to-do note for the desk."""
    return RuleResult(
        clause, FAIL, en, zh, cure_en, cure_zh, cure_date, desk_en=desk_en, desk_zh=desk_zh
    )


DESK_RECORD_EN, DESK_RECORD_ZH = "record it and check again", "请登记后重新核查"


def unknown(clause: str, en: str, zh: str, *missing: str) -> RuleResult:
    """A fact is missing: the reason says which; the desk's note says to record it."""
    return RuleResult(
        clause,
        UNKNOWN,
        en,
        zh,
        missing=tuple(missing),
        desk_en=DESK_RECORD_EN,
        desk_zh=DESK_RECORD_ZH,
    )


def prior_label(p: PriorApplication) -> tuple[str, str]:
    """``application #12 (approved, 2026)`` in both languages; for another office's award,
    ``awarded by the Pudong office, 浦东AI孵〔2026〕3号, approved, 2026``."""
    if p.office_en or p.office_zh:
        return external_prior_label(p)
    ref = f"#{p.application_id}" if p.application_id is not None else ""
    year = f", {p.year}" if p.year else ""
    year_zh = f"，{p.year}年" if p.year else ""
    status_zh = STATUS_ZH.get(p.status, p.status)
    return f"application {ref} ({p.status}{year})".replace(
        "  ", " "
    ), f"申请{ref}（{status_zh}{year_zh}）"


STATUS_ZH = {code: words.zh for code, words in APPLICATION_STATUS_LABELS.items()}


def external_prior_label(p: PriorApplication) -> tuple[str, str]:
    notice = f", {p.notice_number}" if p.notice_number else ""
    notice_zh = f"，{p.notice_number}" if p.notice_number else ""
    year = f", {p.year}" if p.year else ""
    year_zh = f"，{p.year}年" if p.year else ""
    status_zh = STATUS_ZH.get(p.status, p.status)
    office_en = p.office_en or p.office_zh
    return (
        f"awarded by the {office_en}{notice}, {p.status}{year}",
        f"由{p.office_zh or p.office_en}发放{notice_zh}，{status_zh}{year_zh}",
    )


# §1 Admission to the AI town ------------------------------------------------------------------


def rule_1_1_uscc(case: Case) -> RuleResult:
    if not normalize_uscc(case.team.uscc):
        return unknown(
            "1.1",
            "the team's USCC is not recorded",
            "未登记团队的统一社会信用代码",
            "team.uscc",
        )
    try:
        code = validate_uscc(case.team.uscc)
    except ValidationError as exc:
        return failed(
            "1.1",
            exc.message,
            exc.message_zh or exc.message,
            desk_en="correct the USCC from the business licence",
            desk_zh="请按营业执照更正统一社会信用代码",
        )
    prefix = case.policy.admission.uscc_division_prefix
    division = division_code(code)
    if not is_in_division(code, prefix):
        return failed(
            "1.1",
            f"USCC {code} is valid but its division code {division} does not start with "
            f"“{prefix}”: the team is registered outside the town's region",
            f"统一社会信用代码{code}有效，但其行政区划代码{division}不以“{prefix}”开头：团队登记地不在本地区",
            "eligible once the team is registered in the region (a new USCC)",
            "团队在本地区登记（取得新的统一社会信用代码）后方可申请",
        )
    return passed(
        "1.1",
        f"USCC {code} is valid; division code {division} starts with “{prefix}”",
        f"统一社会信用代码{code}有效；行政区划代码{division}以“{prefix}”开头",
    )


def rule_1_2_founded(case: Case) -> RuleResult:
    founded = case.team.founded_on
    years = case.policy.admission.max_years_since_founding
    if founded is None:
        return unknown(
            "1.2", "the founding date is not recorded", "未登记成立日期", "team.founded_on"
        )
    if founded > case.on:
        return failed(
            "1.2",
            f"founded {day(founded)}, after the application date {day(case.on)}",
            f"成立日期{day(founded)}晚于申请日期{day(case.on)}",
            desk_en="correct the founding date",
            desk_zh="请更正成立日期",
        )
    limit = add_years(founded, years)
    if case.on <= limit:
        return passed(
            "1.2",
            f"founded {day(founded)}, no more than {years} years before {day(case.on)}",
            f"成立于{day(founded)}，距{day(case.on)}不超过{years}年",
        )
    return failed(
        "1.2",
        f"founded {day(founded)}, more than {years} years before {day(case.on)}",
        f"成立于{day(founded)}，距{day(case.on)}已超过{years}年",
    )


def rule_1_3_ai_focus(case: Case) -> RuleResult:
    value = (case.team.ai_focus or "").strip()
    listed = case.policy.admission.ai_focus
    if not value:
        return unknown("1.3", "the AI focus is not recorded", "未登记人工智能方向", "team.ai_focus")
    focus = case.policy.ai_focus(value)
    if focus is not None:
        return passed("1.3", f"AI focus: {focus.en}", f"人工智能方向：{focus.zh}")
    return failed(
        "1.3",
        f"the AI focus “{value}” is not on the list ({', '.join(f.en for f in listed)})",
        f"人工智能方向“{value}”不在名单内（{'、'.join(f.zh for f in listed)}）",
        desk_en="record one of the listed focuses if the team's work is one of them",
        desk_zh="如团队业务属于名单所列方向，请登记相应方向",
    )


def rule_1_4_headcount(case: Case) -> RuleResult:
    count = case.team.headcount
    low, high = case.policy.admission.min_headcount, case.policy.admission.max_headcount
    if count is None:
        return unknown("1.4", "the headcount is not recorded", "未登记团队人数", "team.headcount")
    if count < low:
        return failed(
            "1.4",
            f"headcount {count}, fewer than {low}",
            f"团队人数{count}人，少于{low}人",
            f"eligible once the team has at least {low} people",
            f"团队人数达到{low}人后方可申请",
        )
    if count > high:
        return failed(
            "1.4",
            f"headcount {count}, more than {high}",
            f"团队人数{count}人，超过{high}人",
        )
    return passed(
        "1.4",
        f"headcount {count}, within {low}–{high}",
        f"团队人数{count}人，在{low}至{high}人之间",
    )


def rule_1_5_honesty(case: Case) -> RuleResult:
    flag = case.team.dishonest
    if flag is None:
        return unknown(
            "1.5",
            "nobody has recorded whether the team is on the list of seriously dishonest entities",
            "未登记团队是否被列入严重失信主体名单",
            "team.dishonest",
        )
    if flag:
        return failed(
            "1.5",
            "the team is marked as on the list of seriously dishonest entities",
            "团队被标记为列入严重失信主体名单",
            "eligible again once the team is off the list",
            "移出名单后方可重新申请",
        )
    return passed(
        "1.5",
        "not on the list of seriously dishonest entities",
        "未被列入严重失信主体名单",
    )


def admission_rules(case: Case) -> list[RuleResult]:
    """§1: every benefit needs all five to pass."""
    return [
        rule_1_1_uscc(case),
        rule_1_2_founded(case),
        rule_1_3_ai_focus(case),
        rule_1_4_headcount(case),
        rule_1_5_honesty(case),
    ]


# The budget pool, checked at approval only --------------------------------------------------

POOL_CLAUSE = "pool"


def rule_pool_fits(benefit: str, amount_fen: int, pool: PoolState | None) -> RuleResult:
    """ "An application is approved only if its amount fits in what is left of its pool."""
    en_name, zh_name = BENEFIT_LABELS.get(benefit, (benefit, benefit))
    if pool is None:
        return unknown(
            POOL_CLAUSE,
            f"the {en_name} pool's state was not given",
            f"未提供{zh_name}预算池的情况",
            "pool",
        )
    left = pool.left_fen
    if amount_fen <= left:
        return passed(
            POOL_CLAUSE,
            f"{yuan_en(amount_fen)} fits in the {en_name} pool, which has {yuan_en(left)} left",
            f"{yuan_zh(amount_fen)}未超出{zh_name}预算池余额{yuan_zh(left)}",
        )
    return failed(
        POOL_CLAUSE,
        f"{yuan_en(amount_fen)} does not fit in the {en_name} pool, which has {yuan_en(left)} left",
        f"{yuan_zh(amount_fen)}超出{zh_name}预算池余额{yuan_zh(left)}",
        desk_en="approvable once the pool has that much left (a larger total, or released money)",
        desk_zh="待预算池余额足够（追加总额或有资金释放）后方可批准",
    )


def rule_8_2_separation(recorded_by: RecordId | None, deciding: RecordId | None) -> RuleResult:
    """§8.2: whoever recorded an application cannot approve it."""
    if recorded_by is None or deciding is None:
        return unknown(
            "8.2",
            "who recorded or who decides the application is not known",
            "录入人或审批人不明",
            "application.recorded_by",
        )
    if recorded_by == deciding:
        return failed(
            "8.2",
            "the person deciding recorded this application",
            "审批人即为该申请的录入人",
            desk_en="another reviewer must decide it",
            desk_zh="须由其他审核人员审批",
        )
    return passed("8.2", "decided by someone other than the recorder", "审批人不是录入人")


# Combining several findings into one clause's result -----------------------------------------

STATUS_LABELS = {
    "applicant": ("an applicant, not yet admitted", "申请中，尚未入驻"),
    "admitted": ("admitted", "已入驻"),
    "graduated": ("graduated", "已毕业"),
    "withdrawn": ("withdrawn", "已退出"),
    "expelled": ("expelled", "已被清退"),
}


@dataclass(frozen=True)
class Finding:
    """One reason a clause does not pass (a fail, or with ``missing`` an unknown)."""

    en: str
    zh: str
    cure_en: str | None = None
    cure_zh: str | None = None
    cure_date: date | None = None
    missing: tuple[str, ...] = ()
    desk_en: str | None = None
    desk_zh: str | None = None


def combine(clause: str, findings: list[Finding], pass_en: str, pass_zh: str) -> RuleResult:
    """Fail if any finding is a fail, else unknown if any is missing a fact, else pass."""
    fails = [f for f in findings if not f.missing]
    if fails:
        cures = [f for f in fails if f.cure_en]
        # A date cures the clause only if every failing finding is cured by a date.
        dates = [f.cure_date for f in fails]
        cure_date = max(d for d in dates if d) if dates and all(dates) else None
        return failed(
            clause,
            "; ".join(f.en for f in fails),
            "；".join(f.zh for f in fails),
            "; ".join(f.cure_en for f in cures if f.cure_en) or None,
            "；".join(f.cure_zh for f in cures if f.cure_zh) or None,
            cure_date,
            desk_en="; ".join(f.desk_en for f in fails if f.desk_en) or None,
            desk_zh="；".join(f.desk_zh for f in fails if f.desk_zh) or None,
        )
    if findings:
        missing = tuple(m for f in findings for m in f.missing)
        return unknown(
            clause, "; ".join(f.en for f in findings), "；".join(f.zh for f in findings), *missing
        )
    return passed(clause, pass_en, pass_zh)


STATUS_CLAUSE = "status"  # POLICY.md "Readings settled", Status: not a numbered clause


def rule_status(case: Case) -> RuleResult:
    """Readings settled, Status: an expelled or withdrawn team gets no new benefit of any kind;
    a team not yet admitted gets a voucher only where the policy's [applicants_may_receive] says
    so. (The town's own benefits check admission in their own clauses, 2.1, 3.1 and 7.1.)"""
    team, kind = case.team, case.request.benefit
    en_name, zh_name = BENEFIT_LABELS.get(kind, (kind, kind))
    en, zh = STATUS_LABELS.get(team.status, (team.status, team.status))
    if team.status in ("withdrawn", "expelled"):
        since_en = f" on {day(team.left_on)}" if team.left_on else ""
        since_zh = f"（{day(team.left_on)}）" if team.left_on else ""
        return failed(
            STATUS_CLAUSE,
            f"the team left the town{since_en} ({en}): a team that has withdrawn or was expelled "
            "gets no new benefit",
            f"团队{zh}{since_zh}：已退出或被清退的团队不再享受新的扶持",
        )
    if team.status == "applicant":
        if kind in case.policy.applicants_may_receive:
            return passed(
                STATUS_CLAUSE,
                f"the team is {en}; under this policy a team not yet admitted may receive a "
                f"{en_name} (§1 applies)",
                f"团队{zh}；按本政策，尚未入驻的团队可申请{zh_name}（须符合第1部分）",
            )
        return failed(
            STATUS_CLAUSE,
            f"the team is {en}; under this policy a {en_name} needs admission",
            f"团队{zh}；按本政策，{zh_name}须在团队入驻后申请",
            "eligible once the team is admitted (§1)",
            "团队入驻后方可申请（第1部分）",
        )
    return passed(STATUS_CLAUSE, f"the team is {en}", f"团队{zh}")


def admitted_finding(team: TeamFacts) -> Finding | None:
    """§2.1, §3.1, §7.1: the team must be admitted. None when it is."""
    if team.status == "admitted":
        return None
    en, zh = STATUS_LABELS.get(team.status, (team.status, team.status))
    if team.status == "applicant":
        return Finding(
            f"the team is {en}",
            f"团队{zh}",
            "eligible once the team is admitted (§1)",
            "团队入驻后方可申请（第1部分）",
        )
    return Finding(f"the team is {en}", f"团队{zh}")
