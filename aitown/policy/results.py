"""What an eligibility check answers: a result per rule, the amount with its arithmetic, and both
as JSON (PRODUCT.md's shape for the command line, a richer record to store with a decision)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from aitown.money import format_yuan
from aitown.policy.rent_waiver import RentWaiverSchedule
from aitown.text import Text

Status = Literal["pass", "fail", "unknown"]
PASS: Status = "pass"
FAIL: Status = "fail"
UNKNOWN: Status = "unknown"


class Outcome(StrEnum):
    """What an answer comes to for the desk: eligible, not eligible (a rule fails), needs facts
    (no rule fails but facts are missing), or held (a once-only benefit the team already has)."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_FACTS = "needs_facts"
    HELD = "held"


# The facts a rule may miss (RuleResult.missing), as a person names them.
FACT_LABELS: dict[str, Text] = {
    "team.uscc": Text("USCC", "统一社会信用代码"),
    "team.founded_on": Text("founding date", "成立日期"),
    "team.headcount": Text("headcount", "团队人数"),
    "team.ai_focus": Text("AI focus", "人工智能方向"),
    "team.dishonest": Text("dishonest-list check", "失信名单核查"),
    "team.legal_rep": Text("team's legal representative", "团队法定代表人"),
    "request.contract_amount": Text("contract amount", "合同金额"),
    "request.contract_start": Text("contract start", "合同开始日期"),
    "request.contract_end": Text("contract end", "合同结束日期"),
    "request.vendor": Text("vendor", "供应方"),
    "request.vendor_uscc": Text("vendor's USCC", "供应方统一社会信用代码"),
    "request.vendor_legal_rep": Text("vendor's legal representative", "供应方法定代表人"),
    "request.member_id": Text("the person", "获奖人员"),
    "member.full_time": Text("whether full-time", "是否全职"),
    "member.id_number": Text("identity-card number", "身份证号码"),
    "member.joined_on": Text("date joined", "加入日期"),
    "lease": Text("lease", "租约"),
    "lease.area": Text("unit area", "单元面积"),
    "pool": Text("budget pool", "预算池"),
    "application.recorded_by": Text("who recorded it", "录入人"),
}


def fact_label(name: str, lang: str = "en") -> str:
    en, zh = FACT_LABELS.get(name, Text.same(name))
    return zh if lang.startswith("zh") else en


# The checks that are not numbered clauses of the policy, and how they are named.
UNNUMBERED_CLAUSES = {
    "pool": ("Budget pool", "预算池"),
    "status": ("Team status", "团队状态"),
}


def clause_label(clause: str, lang: str = "en") -> str:
    """``§4.3`` / ``第4.3条``; a check that is not a numbered clause by its name (the pool)."""
    zh = lang.startswith("zh")
    if clause in UNNUMBERED_CLAUSES:
        en_name, zh_name = UNNUMBERED_CLAUSES[clause]
        return zh_name if zh else en_name
    return f"第{clause}条" if zh else f"§{clause}"


@dataclass(frozen=True)
class RuleResult:
    """One clause checked: its status, the reason with the facts used, and what would cure a fail.

    ``missing`` names the facts that were not recorded when the status is 'unknown'
    (``"team.founded_on"``). ``cure_date`` is the first day the rule would pass if only time passes.
    The cure speaks to the founder (what would change the outcome: time, an action of theirs);
    ``desk_en``/``desk_zh`` is a note for the desk (record a fact, correct a record), shown on the
    desk's screens and never printed on a notice.
    """

    clause: str
    status: Status
    reason_en: str
    reason_zh: str
    cure_en: str | None = None
    cure_zh: str | None = None
    cure_date: date | None = None
    missing: tuple[str, ...] = ()
    desk_en: str | None = None
    desk_zh: str | None = None

    @property
    def passed(self) -> bool:
        return self.status == PASS

    @property
    def wording(self) -> Text:
        """The rule's reason in both languages (without cure or note)."""
        return Text(self.reason_en, self.reason_zh)

    def reason(self, lang: str = "en") -> str:
        """The reason in ``lang``, followed by the cure and the desk's note when there are."""
        zh = lang.startswith("zh")
        text = self.founder_reason(lang)
        note = self.desk_zh if zh else self.desk_en
        if note:
            text += ("；" if zh else "; ") + note
        return text

    def founder_reason(self, lang: str = "en") -> str:
        """The reason and the cure, without the desk's note: what a notice prints."""
        zh = lang.startswith("zh")
        text = self.wording.get(lang)
        cure = self.cure_zh if zh else self.cure_en
        if cure:
            text += ("；" if zh else "; ") + cure
        return text

    def to_record(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "status": self.status,
            "reason_en": self.reason_en,
            "reason_zh": self.reason_zh,
            "cure_en": self.cure_en,
            "cure_zh": self.cure_zh,
            "cure_date": self.cure_date.isoformat() if self.cure_date else None,
            "missing": list(self.missing),
            "desk_en": self.desk_en,
            "desk_zh": self.desk_zh,
        }


@dataclass(frozen=True)
class ArithmeticLine:
    """One line of an amount's working, in both languages."""

    en: str
    zh: str

    def text(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


@dataclass(frozen=True)
class Entitlement:
    """An amount the team would receive, with its working (contract × ratio, cap, year used, pool)."""

    benefit: str
    amount_fen: int
    lines: tuple[ArithmeticLine, ...]
    contract_amount_fen: int | None = None
    ratio: Decimal | None = None  # the ratio applied (for a split §4.3 contract: the standard one)
    cap_fen: int | None = None  # the yearly cap (vouchers)
    year_used_fen: int | None = None  # what the year's earlier vouchers of this kind already hold
    pool_left_fen: int | None = None  # what the pool has left (None: the pool was not given)
    schedule: RentWaiverSchedule | None = None

    @property
    def fits_pool(self) -> bool | None:
        return None if self.pool_left_fen is None else self.amount_fen <= self.pool_left_fen

    def lines_in(self, lang: str) -> list[str]:
        return [line.text(lang) for line in self.lines]

    def to_record(self) -> dict[str, Any]:
        return {
            "benefit": self.benefit,
            "amount_fen": self.amount_fen,
            "amount": format_yuan(self.amount_fen, grouping=False),
            "contract_amount_fen": self.contract_amount_fen,
            "ratio": str(self.ratio) if self.ratio is not None else None,
            "cap_fen": self.cap_fen,
            "year_used_fen": self.year_used_fen,
            "pool_left_fen": self.pool_left_fen,
            "fits_pool": self.fits_pool,
            "lines_en": self.lines_in("en"),
            "lines_zh": self.lines_in("zh"),
            "schedule": self.schedule.to_record() if self.schedule else None,
        }


@dataclass(frozen=True)
class EligibilityResult:
    """A team's eligibility for one benefit under one policy version, on one day."""

    benefit: str
    eligible: bool
    rules: tuple[RuleResult, ...]
    amount: Entitlement | None
    policy_id: str
    policy_version: str
    policy_sha256: str = ""
    team_id: object = None
    team_uscc: str | None = None
    application_date: date | None = None
    checked_on: date | None = None
    # A once-only benefit (rent waiver, start-up grant) the entity already holds: its application.
    held_by: object = None

    @property
    def outcome(self) -> Outcome:
        if self.eligible:
            return Outcome.ELIGIBLE
        if self.held_by is not None:
            return Outcome.HELD
        if any(r.status == FAIL for r in self.rules):
            return Outcome.NOT_ELIGIBLE
        return Outcome.NEEDS_FACTS

    @property
    def missing_facts(self) -> tuple[str, ...]:
        """The facts the rules miss, each once, in the rules' order."""
        return tuple(dict.fromkeys(m for r in self.rules for m in r.missing))

    @property
    def failed(self) -> tuple[RuleResult, ...]:
        """The rules that did not pass (failed or unknown): what a rejection notice lists."""
        return tuple(r for r in self.rules if r.status != PASS)

    def rule(self, clause: str) -> RuleResult:
        for r in self.rules:
            if r.clause == clause:
                return r
        raise KeyError(clause)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """PRODUCT.md's shape for ``aitown-cli eligibility --json`` (a dict ready for json.dumps)."""
        return {
            "team": self.team_uscc,
            "benefit": self.benefit,
            "eligible": self.eligible,
            "rules": [
                {"clause": r.clause, "status": r.status, "reason": r.reason(lang)}
                for r in self.rules
            ],
            "amount": format_yuan(self.amount.amount_fen, grouping=False) if self.amount else None,
        }

    def to_record(self) -> dict[str, Any]:
        """Everything, both languages, to store with a decision (§8.3); JSON-serialisable."""
        return {
            "team": self.team_uscc,
            "team_id": self.team_id,
            "benefit": self.benefit,
            "eligible": self.eligible,
            "policy_id": self.policy_id,
            "policy_version": self.policy_version,
            "policy_sha256": self.policy_sha256,
            "application_date": self.application_date.isoformat()
            if self.application_date
            else None,
            "checked_on": self.checked_on.isoformat() if self.checked_on else None,
            "rules": [r.to_record() for r in self.rules],
            "amount": self.amount.to_record() if self.amount else None,
        }
