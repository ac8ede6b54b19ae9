"""Policy matching (政策匹配): teams that qualify now for a benefit they have not asked for.

Built on the bulk engine (:func:`aitown.services.bulk_eligibility.check_all_teams`): its answers
are read, never re-decided. A team × benefit is listed when the team has no application of that
benefit that is open or holds money (draft, submitted, approved, paid: a rejected or revoked one
does not count as a claim) and the answer is one of:

- ``eligible``: every rule passes; the amount is known;
- ``on_application``: every rule the team's own facts decide passes, and only what an
  application itself brings is missing (the contract and vendor of a voucher, the person of a
  talent award) — the amount follows from that application;
- ``missing_one``: no rule fails, and exactly one fact of the team is not recorded (a founding
  date, a lease…): recording it would settle the answer.

Reading only: no audit event; the user needs the right to see teams.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from aitown.db import Database
from aitown.enums import ApplicationStatus
from aitown.models import Application
from aitown.policy.results import FAIL, PASS, EligibilityResult
from aitown.services.actor import Actor
from aitown.services.bulk_eligibility import check_all_teams
from aitown.services.list_export import Column, Table, lang_of
from aitown.services.list_export import ColumnKind as K
from aitown.services.list_tables import benefit_text

# An application of these statuses is a claim: the team has asked (or holds the money).
CLAIMING = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.DISBURSED,
)
# Facts an application brings with it, not the team's record.
REQUEST_FACT = "request."

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class MatchVerdict(StrEnum):
    ELIGIBLE = "eligible"
    ON_APPLICATION = "on_application"
    MISSING_ONE = "missing_one"


VERDICT_TEXT = {
    MatchVerdict.ELIGIBLE: ("eligible", "符合条件"),
    MatchVerdict.ON_APPLICATION: ("eligible; amount from the application", "符合条件，金额视申请"),
    MatchVerdict.MISSING_ONE: ("one fact missing", "缺一项信息"),
}


@dataclass(frozen=True)
class PolicyMatch:
    """One team and one benefit it could claim; ``amount_fen`` when it is known."""

    team_id: int
    uscc: str
    team_name: str
    benefit: str
    verdict: MatchVerdict
    amount_fen: int | None
    clause: str = ""  # the clause waiting for the missing fact (missing_one)
    missing: str = ""  # the fact to record (missing_one)
    reason_en: str = ""
    reason_zh: str = ""

    def reason(self, lang: str) -> str:
        return self.reason_zh if lang_of(lang) == "zh" else self.reason_en

    def to_json(self, lang: str = "en") -> dict[str, object]:
        from aitown.money import format_yuan

        return {
            "team": self.uscc,
            "team_name": self.team_name,
            "team_id": self.team_id,
            "benefit": self.benefit,
            "verdict": str(self.verdict),
            "amount": format_yuan(self.amount_fen, grouping=False)
            if self.amount_fen is not None
            else None,
            "clause": self.clause or None,
            "missing": self.missing or None,
            "reason": self.reason(lang) or None,
        }


def classify(result: EligibilityResult) -> tuple[MatchVerdict, str, str, str, str] | None:
    """The verdict of one engine answer, with the clause, missing fact and reason of a
    ``missing_one``; None when the team cannot have the benefit now."""
    if result.eligible:
        return MatchVerdict.ELIGIBLE, "", "", "", ""
    open_rules = [r for r in result.rules if r.status != PASS]
    if any(r.status == FAIL for r in open_rules):
        return None
    team_facts = sorted(
        {m for r in open_rules for m in r.missing if not m.startswith(REQUEST_FACT)}
    )
    unexplained = [r for r in open_rules if not r.missing]
    if unexplained:
        return None
    if not team_facts:
        return MatchVerdict.ON_APPLICATION, "", "", "", ""
    if len(team_facts) == 1:
        fact = team_facts[0]
        rule = next(r for r in open_rules if fact in r.missing)
        return MatchVerdict.MISSING_ONE, rule.clause, fact, rule.reason_en, rule.reason_zh
    return None


def _claims(db: Database) -> dict[int, set[str]]:
    claims: dict[int, set[str]] = defaultdict(set)
    with db.read() as s:
        for team_id, benefit in s.execute(
            select(Application.team_id, Application.benefit)
            .where(Application.status.in_(CLAIMING))
            .distinct()
        ):
            claims[team_id].add(benefit)
    return claims


def unclaimed_matches(
    db: Database,
    actor: Actor,
    *,
    benefit: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Iterator[PolicyMatch]:
    """Every team × benefit (only ``benefit`` when given) the team could claim and has not, team
    by team in id order (see the module's docstring for what is listed)."""
    results = check_all_teams(
        db,
        actor,
        today=today,
        benefits=[benefit] if benefit else None,
        progress=progress,
        cancel=cancel,
    )  # checks the right and the benefit before anything is read
    claims = _claims(db)
    return _matches(results, claims)


def _matches(
    results: Iterator[tuple[int, str, str, list[EligibilityResult]]], claims: dict[int, set[str]]
) -> Iterator[PolicyMatch]:
    for team_id, uscc, name, answers in results:
        claimed = claims.get(team_id, set())
        for res in answers:
            if res.benefit in claimed:
                continue
            found = classify(res)
            if found is None:
                continue
            verdict, clause, missing, reason_en, reason_zh = found
            yield PolicyMatch(
                team_id=team_id,
                uscc=uscc,
                team_name=name,
                benefit=res.benefit,
                verdict=verdict,
                amount_fen=res.amount.amount_fen if res.amount is not None else None,
                clause=clause,
                missing=missing,
                reason_en=reason_en,
                reason_zh=reason_zh,
            )


MATCH_COLUMNS = (
    Column("uscc", "USCC", "统一社会信用代码", width=20),
    Column("team_name", "Team", "团队", width=28),
    Column("benefit", "Benefit", "扶持项目", width=14),
    Column("verdict", "Verdict", "结论", width=18),
    Column("amount_fen", "Amount (yuan)", "金额（元）", K.MONEY, 14, total=True),
    Column("detail", "What is missing", "所缺信息", width=34),
)


def verdict_text(verdict: MatchVerdict, lang: str) -> str:
    en, zh = VERDICT_TEXT[verdict]
    return zh if lang_of(lang) == "zh" else en


def matches_table(
    matches: list[PolicyMatch], *, lang: str = "en", day: dt.date | None = None
) -> Table:
    """The matches as a list to export or print."""
    lang = lang_of(lang)
    rows = [
        [
            m.uscc,
            m.team_name,
            benefit_text(m.benefit, lang),
            verdict_text(m.verdict, lang),
            m.amount_fen,
            f"§{m.clause} {m.reason(lang)}" if m.clause else "",
        ]
        for m in matches
    ]
    on = (day or dt.date.today()).isoformat()
    notes_en = [f"Teams that could claim a benefit they have not applied for, as on {on}."]
    notes_zh = [f"截至 {on}，符合条件但尚未申请的团队。"]
    return Table(
        "policy_matching",
        "Policy matching",
        "政策匹配",
        MATCH_COLUMNS,
        rows,
        notes_en,
        notes_zh,
    )
