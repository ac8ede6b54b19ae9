"""Publicity (公示, issue 13.5): the proposed awards of some benefits are published for a period of
working days before their award notice is issued and the money paid.

The benefits and the number of working days are the policy's ``[publicity]`` table. Opening is
explicit: the administrator publishes the list on a day (``open_publicity``), and every approved
application of those benefits that has no period yet gets one from that day — a period only means
something once the list is out. Closing is explicit too (``close_publicity``): after the last day
of the period, the administrator records that it passed without objection; the award notice and
the payment wait for that record. An objection during the period (``record_objection``) sends the
application back to review: ``submitted`` again, its pool commitment released.

The application stays ``approved`` while under publicity (AREAS.md); its periods are rows of
``publicity_period``, the newest one counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import benefit_label
from aitown.models import Application, BudgetPool, Team, utcnow
from aitown.payout_tables import PublicityPeriod, PublicityStatus
from aitown.policy.model import Policy
from aitown.policy.workdays import period_end
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.policies import active_policy

RIGHT = "publicity.manage"


@dataclass(frozen=True)
class PublicityRow:
    """One period as the lists, the screen and the command line show it (money in fen)."""

    period_id: int
    application_id: int
    team_id: int
    team_name: str
    benefit: str
    amount_fen: int
    status: str
    opened_on: dt.date | None
    ends_on: dt.date | None
    closed_on: dt.date | None
    objection: str


def latest_period(s: Session, app_id: int) -> PublicityPeriod | None:
    """The newest publicity period of an application (an earlier round may have been objected)."""
    return s.scalar(
        select(PublicityPeriod)
        .where(PublicityPeriod.application_id == app_id)
        .order_by(PublicityPeriod.id.desc())
        .limit(1)
    )


def publicity_block(
    s: Session, app: Application, policy: Policy | None = None, *, today: dt.date | None = None
) -> tuple[str, str] | None:
    """Why an approved application may not yet get its award notice or its money (English,
    Chinese), or None when nothing of publicity holds it back."""
    policy = policy or active_policy(s)
    if app.status != ApplicationStatus.APPROVED or not policy.publicity.needs_publicity(
        app.benefit
    ):
        return None
    period = latest_period(s, app.id)
    if period is None or period.status == PublicityStatus.OBJECTED:
        return (
            f"Application {app.id} ({benefit_label(app.benefit)}) needs its publicity period "
            "first: open it (Publicity & payments, or “aitown-cli publicity open”).",
            f"申请 {app.id}（{benefit_label(app.benefit, 'zh')}）须先经公示："
            "请开始公示（“公示与拨付”页面或“aitown-cli publicity open”）。",
        )
    if period.status == PublicityStatus.OPEN:
        day = today or dt.date.today()
        if period.ends_on is not None and day <= period.ends_on:
            return (
                f"Application {app.id} is under publicity until {period.ends_on}; the award "
                "notice and the payment wait until the period has ended without objection.",
                f"申请 {app.id} 正在公示，公示期至 {period.ends_on}；公示期满且无异议后方可出具"
                "通知书和拨付资金。",
            )
        return (
            f"The publicity period of application {app.id} ended on {period.ends_on}; record "
            "that it passed without objection first (“aitown-cli publicity close”).",
            f"申请 {app.id} 的公示期已于 {period.ends_on} 届满，请先登记公示无异议"
            "（“aitown-cli publicity close”）。",
        )
    return None  # passed or exempt


def require_publicity_passed(
    s: Session, app: Application, *, doing: str, doing_zh: str, today: dt.date | None = None
) -> None:
    """Refuse (ConflictError) an award notice or a payment that publicity still holds back."""
    block = publicity_block(s, app, today=today)
    if block is not None:
        en, zh = block
        raise ConflictError(f"Cannot {doing}: {en}", f"不能{doing_zh}：{zh}")


def _load(s: Session, app_id: int) -> Application:
    app = s.get(Application, app_id)
    if app is None:
        raise NotFound(f"There is no application no. {app_id}.", f"没有编号为 {app_id} 的申请。")
    return app


def open_publicity(
    db: Database,
    actor: Actor,
    *,
    application_id: int | None = None,
    benefits: list[str] | None = None,
    on: dt.date | None = None,
) -> list[int]:
    """Open a publicity period from ``on`` (default today) for every approved application of the
    policy's publicity benefits (or of ``benefits`` among them) that has none yet — or for the one
    ``application_id``. Returns the ids of the applications now under publicity."""
    actor.require(RIGHT)
    day = on or dt.date.today()
    with db.write() as s:
        policy = active_policy(s)
        rules = policy.publicity
        kinds = list(rules.benefits)
        if benefits:
            unknown = [b for b in benefits if b not in rules.benefits]
            if unknown:
                raise ValidationError(
                    f"The policy publishes no {', '.join(benefit_label(b) for b in unknown)} before "
                    f"award: its publicity benefits are {', '.join(rules.benefits) or 'none'}.",
                    f"政策规定的公示扶持类型不包括{'、'.join(benefit_label(b, 'zh') for b in unknown)}"
                    f"（公示类型：{'、'.join(benefit_label(b, 'zh') for b in rules.benefits) or '无'}）。",
                    field="benefit",
                )
            kinds = benefits
        if application_id is not None:
            app = _load(s, application_id)
            if app.status != ApplicationStatus.APPROVED:
                raise ConflictError(
                    f"Application {app.id} is {app.status}; only an approved application is "
                    "published for publicity.",
                    f"申请 {app.id} 当前未获批准，只有已批准的申请才能公示。",
                )
            if not rules.needs_publicity(app.benefit):
                raise ValidationError(
                    f"A {benefit_label(app.benefit)} needs no publicity under the policy.",
                    f"按政策，{benefit_label(app.benefit, 'zh')}无需公示。",
                )
            latest = latest_period(s, app.id)
            if latest is not None and latest.status != PublicityStatus.OBJECTED:
                raise ConflictError(
                    f"Application {app.id} already has a publicity period ({latest.status}).",
                    f"申请 {app.id} 已有公示记录，不能重复公示。",
                )
            apps = [app]
        else:
            apps = [
                a
                for a in s.scalars(
                    select(Application)
                    .where(
                        Application.status == ApplicationStatus.APPROVED,
                        Application.benefit.in_(kinds),
                    )
                    .order_by(Application.id)
                )
                if (p := latest_period(s, a.id)) is None or p.status == PublicityStatus.OBJECTED
            ]
        ends = period_end(day, rules.working_days, rules.holidays)
        for app in apps:
            period = PublicityPeriod(
                office_id=app.office_id,
                application_id=app.id,
                status=PublicityStatus.OPEN,
                opened_on=day,
                ends_on=ends,
                working_days=rules.working_days,
                opened_by=actor.user_id,
            )
            s.add(period)
            s.flush()
            record_event(
                s,
                actor,
                "publicity.open",
                "application",
                app.id,
                after={
                    "period": period.id,
                    "opened_on": day.isoformat(),
                    "ends_on": ends.isoformat(),
                    "working_days": rules.working_days,
                },
            )
        return [a.id for a in apps]


def close_publicity(
    db: Database, actor: Actor, *, application_id: int | None = None, today: dt.date | None = None
) -> list[int]:
    """Record "passed without objection" for every open period whose last day is before
    ``today`` (or for the one application's, which must have ended). Returns the application ids."""
    actor.require(RIGHT)
    day = today or dt.date.today()
    with db.write() as s:
        if application_id is not None:
            period = latest_period(s, _load(s, application_id).id)
            if period is None or period.status != PublicityStatus.OPEN:
                raise ConflictError(
                    f"Application {application_id} has no open publicity period to close.",
                    f"申请 {application_id} 没有正在进行的公示，无法结束。",
                )
            if period.ends_on is not None and period.ends_on >= day:
                raise ConflictError(
                    f"The publicity period of application {application_id} runs until "
                    f"{period.ends_on}; it can be closed from the next day on.",
                    f"申请 {application_id} 的公示期至 {period.ends_on}，届满次日起方可结束。",
                )
            periods = [period]
        else:
            periods = list(
                s.scalars(
                    select(PublicityPeriod)
                    .where(
                        PublicityPeriod.status == PublicityStatus.OPEN,
                        PublicityPeriod.ends_on < day,
                    )
                    .order_by(PublicityPeriod.id)
                )
            )
        for period in periods:
            period.status, period.closed_on, period.closed_by = (
                PublicityStatus.PASSED,
                day,
                actor.user_id,
            )
            record_event(
                s,
                actor,
                "publicity.pass",
                "application",
                period.application_id,
                before={"publicity": PublicityStatus.OPEN},
                after={"publicity": PublicityStatus.PASSED, "closed_on": day.isoformat()},
            )
        return [p.application_id for p in periods]


def record_objection(
    db: Database, actor: Actor, application_id: int, text: str, *, today: dt.date | None = None
) -> None:
    """An objection received during the period: the application goes back to review
    (``submitted``), its pool commitment is released, and the objection is kept with the period."""
    actor.require(RIGHT)
    words = (text or "").strip()
    if not words:
        raise ValidationError(
            "Write down the objection (who raised it and what it says).",
            "请填写异议内容（提出人及异议事项）。",
            field="text",
        )
    day = today or dt.date.today()
    with db.write() as s:
        app = _load(s, application_id)
        period = latest_period(s, app.id)
        if period is None or period.status != PublicityStatus.OPEN:
            raise ConflictError(
                f"Application {app.id} is not under publicity; an objection is recorded during "
                "its publicity period.",
                f"申请 {app.id} 不在公示期内，异议须在公示期内登记。",
            )
        if period.opened_on and day < period.opened_on or period.ends_on and day > period.ends_on:
            raise ConflictError(
                f"The publicity period of application {app.id} runs from {period.opened_on} to "
                f"{period.ends_on}; {day} lies outside it.",
                f"申请 {app.id} 的公示期为 {period.opened_on} 至 {period.ends_on}，{day} 不在其内。",
            )
        if app.status != ApplicationStatus.APPROVED:
            raise ConflictError(
                f"Application {app.id} is {app.status}, not approved.",
                f"申请 {app.id} 当前不是已批准状态。",
            )
        amount = app.amount or 0
        s.execute(
            update(BudgetPool)
            .where(BudgetPool.office_id == app.office_id, BudgetPool.kind == app.benefit)
            .values(committed=BudgetPool.committed - amount, released=BudgetPool.released + amount)
            .execution_options(synchronize_session=False)
        )
        period.status, period.closed_on, period.closed_by, period.objection = (
            PublicityStatus.OBJECTED,
            day,
            actor.user_id,
            words,
        )
        app.status, app.submitted_at = ApplicationStatus.SUBMITTED, utcnow()
        app.decided_by, app.decided_at = None, None
        s.flush()
        record_event(
            s,
            actor,
            "publicity.object",
            "application",
            app.id,
            before={"status": ApplicationStatus.APPROVED, "publicity": PublicityStatus.OPEN},
            after={
                "status": ApplicationStatus.SUBMITTED,
                "publicity": PublicityStatus.OBJECTED,
                "objection": words,
                "released": amount,
            },
        )


def list_publicity(
    db: Database, *, status: str | None = None, opened_on: dt.date | None = None
) -> list[PublicityRow]:
    """Publicity periods with their team, benefit and amount (no personal data), newest first;
    exempt rows (approved before publicity existed) are left out."""
    stmt = (
        select(PublicityPeriod, Application, Team.name_zh)
        .join(Application, Application.id == PublicityPeriod.application_id)
        .join(Team, Team.id == Application.team_id)
        .where(PublicityPeriod.status != PublicityStatus.EXEMPT)
        .order_by(PublicityPeriod.opened_on.desc(), Application.benefit, Team.name_zh)
    )
    if status:
        stmt = stmt.where(PublicityPeriod.status == status)
    if opened_on:
        stmt = stmt.where(PublicityPeriod.opened_on == opened_on)
    with db.read() as s:
        return [
            PublicityRow(
                period_id=p.id,
                application_id=a.id,
                team_id=a.team_id,
                team_name=name,
                benefit=a.benefit,
                amount_fen=a.amount or 0,
                status=p.status,
                opened_on=p.opened_on,
                ends_on=p.ends_on,
                closed_on=p.closed_on,
                objection=p.objection,
            )
            for p, a, name in s.execute(stmt)
        ]
