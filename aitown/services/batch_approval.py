"""Batch approval: a what-if preview of approving several applications, then approving them.

The preview applies the batch in order as the approval will — each application checked again
(§8.3) seeing the ones before it as approved, against the pools as they would then stand — and
writes nothing (tests/aitown/services/test_batch_preview.py holds it equal to the approval on
generated batches). The approval takes each application in its own transaction through
:func:`aitown.services.applications.approve_application`, so a crash or Cancel mid-batch leaves
each one wholly approved or untouched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus
from aitown.errors import DeskError
from aitown.labels import application_status_label
from aitown.models import Application, BudgetPool, Team
from aitown.policy.facts import PoolState, PriorApplication
from aitown.policy.results import clause_label
from aitown.policy.rules import POOL_CLAUSE
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.applications import approve_application
from aitown.services.eligibility import WhatIf, evaluate
from aitown.services.facts import prior_from


@dataclass
class BatchLine:
    application_id: int
    team_name: str
    benefit: str
    amount_fen: int | None
    fits: bool
    reason_en: str
    reason_zh: str
    pool_left_after_fen: int | None


@dataclass
class BatchPreview:
    lines: list[BatchLine]
    pools_before: dict[str, int]
    pools_after: dict[str, int]

    @property
    def approvable(self) -> list[int]:
        return [ln.application_id for ln in self.lines if ln.fits]


@dataclass
class _Simulation:
    """What the preview has approved so far in its head, and the pools as they would then be."""

    pools: dict[tuple[int, str], PoolState]
    approved: dict[int, PriorApplication] = field(default_factory=dict)

    def what_if(self) -> WhatIf:
        return WhatIf(tuple(self.approved.values()), dict(self.pools))

    def left(self, office_id: int, kind: str) -> int | None:
        pool = self.pools.get((office_id, kind))
        return pool.left_fen if pool else None


def preview_batch(
    db: Database,
    app_ids: list[int],
    *,
    today: dt.date | None = None,
    actor: Actor | None = None,
) -> BatchPreview:
    """What approving these applications in this order would do, as :func:`approve_batch` will:
    each application is checked again (§8.3) seeing the ones before it as approved — every yearly
    cap (§4.4, §5.3, §6.3), §2.4/§3.4, §3.3, §7.3 and the pool — with its amount, whether it would
    be approved, why not, and every pool before and after. With ``actor``, an application that
    person recorded is refused as approval refuses it (§8.2). Writes nothing."""
    day = today or dt.date.today()
    lines: list[BatchLine] = []
    with db.read() as s:
        start = _pools(s)
        sim = _Simulation(dict(start))
        offices: set[int] = set()
        for app_id in app_ids:
            app = s.get(Application, app_id)
            if app is None:
                lines.append(
                    BatchLine(
                        app_id,
                        "?",
                        "",
                        None,
                        False,
                        f"there is no application no. {app_id}",
                        f"没有编号为 {app_id} 的申请",
                        None,
                    )
                )
                continue
            offices.add(app.office_id)
            lines.append(_preview_one(s, app, sim, day, actor))
    # The pools of the applications' office (a database holds one office's pools).
    shown = offices or {o for o, _ in start}
    before = {k: p.left_fen for (o, k), p in start.items() if o in shown}
    after = {k: p.left_fen for (o, k), p in sim.pools.items() if o in shown}
    return BatchPreview(lines, before, after)


def _pools(s: Session) -> dict[tuple[int, str], PoolState]:
    return {
        (p.office_id, p.kind): PoolState(p.kind, p.total, p.committed, p.disbursed)
        for p in s.scalars(select(BudgetPool))
    }


def _preview_one(
    s: Session, app: Application, sim: _Simulation, day: dt.date, actor: Actor | None
) -> BatchLine:
    team = s.get(Team, app.team_id)
    assert team is not None
    left = sim.left(app.office_id, app.benefit)

    def refused(en: str, zh: str, amount: int | None = None) -> BatchLine:
        return BatchLine(app.id, team.name_zh, app.benefit, amount, False, en, zh, left)

    status = ApplicationStatus.APPROVED if app.id in sim.approved else app.status
    if actor is not None and app.recorded_by == actor.user_id:
        return refused(
            f"{actor.name} recorded it and so cannot approve it (§8.2)",
            f"{actor.name} 登记了该申请，按第8.2条不能审批",
        )
    if status != ApplicationStatus.SUBMITTED:
        return refused(
            f"it is {status}, not submitted",
            f"状态为“{application_status_label(status, 'zh')}”，不是待审批",
        )
    result = evaluate(s, app, today=day, at_approval=True, what_if=sim.what_if())
    if not result.eligible or result.amount is None:
        failed = [r for r in result.rules if r.status != "pass"]
        amount = None
        if failed and all(r.clause == POOL_CLAUSE for r in failed):  # eligible, but no money
            alone = evaluate(s, app, today=day, what_if=sim.what_if())
            amount = alone.amount.amount_fen if alone.amount else None
        return refused(
            "; ".join(f"{clause_label(r.clause)}: {r.reason('en')}" for r in failed)
            or "not eligible",
            "；".join(f"{clause_label(r.clause, 'zh')}：{r.reason('zh')}" for r in failed)
            or "不符合条件",
            amount,
        )
    amount = result.amount.amount_fen
    pool = sim.pools[(app.office_id, app.benefit)]  # the pool rule passed: the pool is there
    sim.pools[(app.office_id, app.benefit)] = replace(
        pool, committed_fen=pool.committed_fen + amount
    )
    sim.approved[app.id] = prior_from(
        app,
        team.uscc,
        app.member.id_number if app.member else None,
        status=ApplicationStatus.APPROVED,
        amount_fen=amount,
    )
    return BatchLine(
        app.id,
        team.name_zh,
        app.benefit,
        amount,
        True,
        "fits",
        "可批准",
        sim.left(app.office_id, app.benefit),
    )


@dataclass
class BatchOutcome:
    approved: list[int]
    refused: dict[int, str]
    cancelled: bool = False


def approve_batch(
    db: Database,
    actor: Actor,
    app_ids: list[int],
    *,
    reason: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    lang: str = "en",
    today: dt.date | None = None,
) -> BatchOutcome:
    """Approve several applications, each in its own transaction (a crash or Cancel leaves every
    one either wholly approved or untouched). Refusals are collected, not raised."""
    actor.require("application.decide")
    out = BatchOutcome([], {})
    for i, app_id in enumerate(app_ids):
        if cancel and cancel():
            out.cancelled = True
            break
        try:
            approve_application(db, actor, app_id, reason, today=today)
            out.approved.append(app_id)
        except DeskError as exc:
            out.refused[app_id] = exc.message_for(lang)
        if progress:
            progress(i + 1, len(app_ids))
    return out
