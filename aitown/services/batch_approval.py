"""Batch approval: a what-if preview of approving several applications, then approving them.

The preview writes nothing; the approval takes each application in its own transaction through
:func:`aitown.services.applications.approve_application`, so a crash or Cancel mid-batch leaves
each one wholly approved or untouched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from aitown.db import Database
from aitown.enums import ApplicationStatus
from aitown.errors import DeskError
from aitown.labels import application_status_label
from aitown.models import BudgetPool, Team
from aitown.money import format_yuan
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.applications import approve_application, load_application
from aitown.services.eligibility import evaluate


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


def preview_batch(
    db: Database, app_ids: list[int], *, today: dt.date | None = None
) -> BatchPreview:
    """What approving these applications in this order would do: each one's amount, whether it
    fits what its pool would have left, why not, and every pool before and after. Writes nothing."""
    day = today or dt.date.today()
    lines: list[BatchLine] = []
    with db.read() as s:
        pools = {p.kind: p.left for p in s.scalars(select(BudgetPool))}
        before = dict(pools)
        for app_id in app_ids:
            app = load_application(s, app_id)
            team = s.get(Team, app.team_id)
            name = team.name_zh if team else "?"
            if app.status != ApplicationStatus.SUBMITTED:
                lines.append(
                    BatchLine(
                        app.id,
                        name,
                        app.benefit,
                        app.amount,
                        False,
                        f"it is {app.status}, not submitted",
                        f"状态为“{application_status_label(app.status, 'zh')}”，不是待审批",
                        pools.get(app.benefit),
                    )
                )
                continue
            result = evaluate(s, app, today=day)
            if not result.eligible or result.amount is None:
                first = result.failed[0] if result.failed else None
                lines.append(
                    BatchLine(
                        app.id,
                        name,
                        app.benefit,
                        None,
                        False,
                        f"§{first.clause}: {first.reason('en')}" if first else "not eligible",
                        f"第{first.clause}条：{first.reason('zh')}" if first else "不符合条件",
                        pools.get(app.benefit),
                    )
                )
                continue
            amount = result.amount.amount_fen
            left = pools.get(app.benefit, 0)
            if amount > left:
                lines.append(
                    BatchLine(
                        app.id,
                        name,
                        app.benefit,
                        amount,
                        False,
                        f"needs {format_yuan(amount)} yuan, the pool would have {format_yuan(left)} left",
                        f"需 {format_yuan(amount)} 元，资金池届时仅余 {format_yuan(left)} 元",
                        left,
                    )
                )
                continue
            pools[app.benefit] = left - amount
            lines.append(
                BatchLine(app.id, name, app.benefit, amount, True, "fits", "可批准", left - amount)
            )
    return BatchPreview(lines, before, pools)


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
            approve_application(db, actor, app_id, reason)
            out.approved.append(app_id)
        except DeskError as exc:
            out.refused[app_id] = exc.message_for(lang)
        if progress:
            progress(i + 1, len(app_ids))
    return out
