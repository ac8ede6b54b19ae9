"""A team leaving the town (withdrawn or expelled): every consequence in one transaction.

Leaving on day D (the team's last day in the town, inclusive) does, in this order:

1. the team becomes withdrawn / expelled with ``left_on = D`` (its audit event as any status change);
2. each lease still running on D ends on D (aitown.services.lease_end), and each rent waiver
   held on the team's leases shrinks to the schedule up to D, the rest released to the pool;
3. §2.5: a rent waiver whose start was less than the policy's months before D is revoked, and
   the rent waived up to D becomes a receivable on the team's rent account (a ``repayment``
   entry), which its statements then show as owed;
4. every other benefit approved but not paid is revoked, its commitment released to its pool
   (paid benefits stay paid: the policy asks back only the rent waiver);
5. one ``team.leave`` event sums it up.

A failure at any step (a right the user lacks, a lease that starts after D) rolls back all of it.
:func:`preview_leaving` runs the very same steps and rolls them back, so what the desk is shown
before confirming is what confirming does. The revocation notices are offered afterwards
(aitown.services.notices.issue_notice for each revoked application): a notice takes its own
serial number and is issued by an administrator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit, RentEntryKind, TeamStatus
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import benefit_label, team_status_label
from aitown.models import Application, Lease, Space, Team
from aitown.money import format_yuan
from aitown.policy.facts import LEAVING_STATUSES
from aitown.rent_tables import RentEntry
from aitown.services.actor import Actor
from aitown.services.applications import repayment_due, revoke_in
from aitown.services.audit import record_event
from aitown.services.lease_end import WaiverChange, end_lease_in, resize_waivers
from aitown.services.teams import change_status_in
from aitown.validation import parse_date


@dataclass(frozen=True)
class EndedLease:
    lease_id: int
    unit: str
    was_last_day: dt.date
    ends_on: dt.date


@dataclass(frozen=True)
class Revocation:
    """A benefit the leaving revokes: what it held and what the team repays (fen)."""

    application_id: int
    benefit: str
    status_before: str
    amount_fen: int
    repayment_fen: int


@dataclass(frozen=True)
class LeavingResult:
    """What leaving does (preview) or did (confirmed)."""

    team_id: int
    team_name: str
    status: str
    on: dt.date
    reason: str
    leases: tuple[EndedLease, ...]
    waivers: tuple[WaiverChange, ...]
    revocations: tuple[Revocation, ...]
    receivable_fen: int
    pending: tuple[tuple[int, str, str], ...] = field(
        default=()
    )  # (id, benefit, status) left alone

    @property
    def released_fen(self) -> dict[str, int]:
        """Per pool, what goes back to it: shrunk waivers plus revoked commitments."""
        out: dict[str, int] = {}
        for w in self.waivers:
            out[Benefit.RENT_WAIVER] = out.get(Benefit.RENT_WAIVER, 0) + w.released_fen
        for r in self.revocations:
            if r.status_before == ApplicationStatus.APPROVED:
                out[r.benefit] = out.get(r.benefit, 0) + r.amount_fen
            else:
                out[r.benefit] = out.get(r.benefit, 0) + r.repayment_fen
        return {k: v for k, v in out.items() if v}

    @property
    def notice_applications(self) -> tuple[int, ...]:
        """The revoked applications a revocation notice is to be issued for."""
        return tuple(r.application_id for r in self.revocations)

    def lines(self, lang: str = "en") -> list[str]:
        """What happens, one sentence a step, for the preview and the command line."""
        zh = lang.startswith("zh")
        st = team_status_label(self.status, "zh" if zh else "en")
        out = [
            f"{self.team_name}：于 {self.on} 变更为“{st}”（最后在园日）。"
            if zh
            else f"{self.team_name} becomes {st} on {self.on} (its last day in the town)."
        ]
        for ls in self.leases:
            out.append(
                f"租约 {ls.lease_id}（{ls.unit}）提前于 {ls.ends_on} 结束（原至 {ls.was_last_day}）。"
                if zh
                else f"Lease {ls.lease_id} ({ls.unit}) ends on {ls.ends_on} instead of {ls.was_last_day}."
            )
        for w in self.waivers:
            out.append(
                f"申请 {w.application_id} 的租金减免按实际减免期重算：{format_yuan(w.before_fen)} → "
                f"{format_yuan(w.after_fen)} 元，{format_yuan(w.released_fen)} 元退回资金池。"
                if zh
                else f"Rent waiver (application {w.application_id}) recomputed to the leaving date: "
                f"{format_yuan(w.before_fen)} → {format_yuan(w.after_fen)} yuan; "
                f"{format_yuan(w.released_fen)} yuan back to the pool."
            )
        for r in self.revocations:
            name = benefit_label(r.benefit, "zh" if zh else "en")
            if r.repayment_fen:
                out.append(
                    f"撤销申请 {r.application_id}（{name}），按第2.5条退还已减免租金 "
                    f"{format_yuan(r.repayment_fen)} 元，记入租金账户应收款。"
                    if zh
                    else f"Application {r.application_id} ({name}) is revoked; the rent waived so far, "
                    f"{format_yuan(r.repayment_fen)} yuan, is to be repaid (§2.5) and becomes a "
                    "receivable on the rent account."
                )
            else:
                out.append(
                    f"撤销已批准未拨付的申请 {r.application_id}（{name}），释放 {format_yuan(r.amount_fen)} 元。"
                    if zh
                    else f"Application {r.application_id} ({name}), approved but not paid, is revoked: "
                    f"{format_yuan(r.amount_fen)} yuan released."
                )
        for app_id, benefit, status in self.pending:
            name = benefit_label(benefit, "zh" if zh else "en")
            out.append(
                f"申请 {app_id}（{name}）尚未决定，保持不变（审核时将因团队已离开而不予批准）。"
                if zh
                else f"Application {app_id} ({name}) is {status}, not decided: left as it is "
                "(the rules refuse it for a team that has left)."
            )
        if not (self.leases or self.waivers or self.revocations):
            out.append(
                "无租约需结束，无扶持需撤销。" if zh else "No lease to end, no benefit to revoke."
            )
        return out

    def to_record(self) -> dict[str, Any]:
        return {
            "team_id": self.team_id,
            "status": self.status,
            "on": self.on.isoformat(),
            "reason": self.reason,
            "leases": [
                {"lease_id": ls.lease_id, "unit": ls.unit, "ends_on": ls.ends_on.isoformat()}
                for ls in self.leases
            ],
            "waivers": [w.to_record() for w in self.waivers],
            "revocations": [
                {
                    "application_id": r.application_id,
                    "benefit": r.benefit,
                    "status_before": r.status_before,
                    "amount_fen": r.amount_fen,
                    "repayment_fen": r.repayment_fen,
                }
                for r in self.revocations
            ],
            "receivable_fen": self.receivable_fen,
            "released_fen": self.released_fen,
            "pending": [list(p) for p in self.pending],
        }


class _Preview(Exception):
    """Carries the result out of a transaction that must be rolled back."""

    def __init__(self, result: LeavingResult) -> None:
        super().__init__("preview")
        self.result = result


def _check(status: str, on: str | dt.date) -> dt.date:
    if status not in LEAVING_STATUSES:
        raise ValidationError(
            f"Leaving the town is withdrawn or expelled, not “{status}”.",
            f"离开园区的状态只能是“已退出”或“已清退”，不能是“{team_status_label(status, 'zh')}”。",
            field="status",
        )
    return parse_date(on, what="leaving date", field_name="date")


def leave_town(
    db: Database, actor: Actor, team_id: int, status: str, on: str | dt.date, *, reason: str = ""
) -> LeavingResult:
    """Withdraw or expel a team on ``on`` with every consequence (module docstring), in one
    transaction. Needs the right to change a team's status and leases, and — when a benefit
    must be revoked — the right to revoke (administrators)."""
    actor.require("team.status")
    day = _check(status, on)
    with db.write() as s:
        return _leave(s, actor, team_id, status, day, reason.strip())


def preview_leaving(
    db: Database, actor: Actor, team_id: int, status: str, on: str | dt.date, *, reason: str = ""
) -> LeavingResult:
    """What :func:`leave_town` would do, done and rolled back (nothing is kept). Refused the
    same way, so the preview also says when this user may not do it."""
    actor.require("team.status")
    day = _check(status, on)
    try:
        with db.write() as s:
            raise _Preview(_leave(s, actor, team_id, status, day, reason.strip()))
    except _Preview as done:
        return done.result


def _leave(
    s: Session, actor: Actor, team_id: int, status: str, day: dt.date, reason: str
) -> LeavingResult:
    team = s.execute(select(Team).where(Team.id == team_id).with_for_update()).scalar_one_or_none()
    if team is None:
        raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
    if team.status not in (TeamStatus.ADMITTED, TeamStatus.APPLICANT):
        raise ConflictError(
            f"{team.name_zh} is {team.status} already; only a team in the town can leave it.",
            f"{team.name_zh}当前状态为“{team_status_label(team.status, 'zh')}”，只有在园团队才能办理离园。",
        )
    if team.admitted_on and day < team.admitted_on:
        raise ValidationError(
            f"The leaving date {day} is before the admission date {team.admitted_on}.",
            f"离开日期 {day} 早于入驻日期 {team.admitted_on}。",
            field="date",
        )
    leases = s.execute(
        select(Lease, Space.building, Space.unit)
        .join(Space, Space.id == Lease.space_id)
        .where(Lease.team_id == team.id)
        .order_by(Lease.start_on, Lease.id)
    ).all()
    later = [ls for ls, _b, _u in leases if ls.start_on > day]
    if later:
        first = later[0]
        raise ConflictError(
            f"Lease no. {first.id} starts on {first.start_on}, after the leaving date {day}; "
            "end the team's stay on a later date, or remove that lease first.",
            f"租约 {first.id} 于 {first.start_on} 开始，晚于离园日期 {day}；请改用更晚的离园日期，或先处理该租约。",
            field="date",
        )
    held = _held_waivers(s, team.id)
    # The status change shrinks the waivers to the leaving date already; ending the leases then
    # records their new last days (the waivers, at their schedule, do not move again).
    change_status_in(s, actor, team, status, day, reason=reason)
    ended: list[EndedLease] = []
    for lease, building, unit in leases:
        if lease.last_day > day:
            ended.append(EndedLease(lease.id, f"{building} {unit}", lease.last_day, day))
            end_lease_in(s, actor, lease.id, day, reason=f"team {status}")
    resize_waivers(s, actor, team.id, why=f"team {status} on {day}")
    now = _held_waivers(s, team.id)
    waivers = tuple(
        WaiverChange(app_id, lease_id, st, amount, now[app_id][1])
        for app_id, (lease_id, amount, st) in sorted(held.items())
        if app_id in now and now[app_id][1] != amount
    )
    revocations, receivable = _revoke(s, actor, team, status, day, reason)
    pending = tuple(
        (a.id, a.benefit, a.status)
        for a in s.scalars(
            select(Application)
            .where(
                Application.team_id == team.id,
                Application.status.in_((ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)),
            )
            .order_by(Application.id)
        )
    )
    result = LeavingResult(
        team_id=team.id,
        team_name=team.name_zh,
        status=status,
        on=day,
        reason=reason,
        leases=tuple(ended),
        waivers=waivers,
        revocations=tuple(revocations),
        receivable_fen=receivable,
        pending=pending,
    )
    record_event(s, actor, "team.leave", "team", team.id, after=result.to_record())
    return result


def _held_waivers(s: Session, team_id: int) -> dict[int, tuple[int, int, str]]:
    """Each held rent waiver of the team: (lease id, amount in fen, status), by application id."""
    return {
        a.id: (a.lease_id, a.amount or 0, a.status)
        for a in s.scalars(
            select(Application).where(
                Application.team_id == team_id,
                Application.benefit == Benefit.RENT_WAIVER,
                Application.status.in_((ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED)),
                Application.lease_id.is_not(None),
            )
        )
        if a.lease_id is not None
    }


def _revoke(
    s: Session, actor: Actor, team: Team, status: str, day: dt.date, reason: str
) -> tuple[list[Revocation], int]:
    """§2.5 rent waivers and unpaid commitments of other benefits, revoked; the repayments
    entered as receivables. Returns the revocations and the total receivable (fen)."""
    why = f"team {status} on {day}" + (f": {reason}" if reason else "")
    out: list[Revocation] = []
    receivable = 0
    apps = s.scalars(
        select(Application)
        .where(
            Application.team_id == team.id,
            Application.status.in_((ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED)),
        )
        .order_by(Application.id)
    ).all()
    for app in apps:
        if app.benefit == Benefit.RENT_WAIVER:
            if repayment_due(s, app, day) <= 0:
                continue  # left after the policy's months: the waiver stands, shrunk to the day
        elif app.status != ApplicationStatus.APPROVED:
            continue  # paid: the policy asks back only the rent waiver
        before, amount = app.status, app.amount or 0
        repay = revoke_in(s, actor, app, why, day)
        if app.benefit == Benefit.RENT_WAIVER and repay:
            assert actor.user_id is not None
            s.add(
                RentEntry(
                    office_id=app.office_id,
                    team_id=team.id,
                    lease_id=app.lease_id,
                    application_id=app.id,
                    kind=RentEntryKind.REPAYMENT,
                    on_date=day,
                    amount=repay,
                    reference=f"§2.5 application {app.id}",
                    recorded_by=actor.user_id,
                )
            )
            receivable += repay
        out.append(Revocation(app.id, app.benefit, before, amount, repay))
    s.flush()
    return out, receivable
