"""Where an application is on its path, and what it waits for (issue 13.7).

draft → submitted → [returned for correction] → approved → [publicity] → notice issued → paid,
or it ends rejected / revoked. The bracketed steps appear only where they apply: "returned" while
an application is returned for correction (the status ``returned``), publicity for the benefits
the policy publishes. The result holds codes; the screens put them in words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from aitown.db import Database
from aitown.enums import ApplicationStatus
from aitown.models import Application, Notice
from aitown.payout_tables import PublicityStatus
from aitown.services.applications import load_application
from aitown.services.paid_amounts import paid_fen
from aitown.services.policies import active_policy
from aitown.services.publicity import latest_period

# The status paper adds (AREAS.md); compared as a string so this module needs no enum member.
RETURNED = "returned"

DONE, CURRENT, TODO = "done", "current", "todo"


@dataclass(frozen=True)
class Step:
    key: str  # draft, submitted, returned, approved, publicity, notice, paid, rejected, revoked
    state: str  # done, current, todo


@dataclass(frozen=True)
class Lifecycle:
    """The steps in order, what the application waits for (a code, "" when it waits for nothing),
    and the facts the words need."""

    steps: tuple[Step, ...]
    waiting: str  # submit, correction, decision, publicity_open, publicity_running,
    # publicity_close, notice, payment, or ""
    publicity_ends_on: dt.date | None = None
    paid_fen: int = 0
    amount_fen: int = 0


def lifecycle_of(db: Database, app_id: int, *, today: dt.date | None = None) -> Lifecycle:
    """The application's path and what it waits for."""
    day = today or dt.date.today()
    with db.read() as s:
        app = load_application(s, app_id)
        policy = active_policy(s)
        needs_publicity = policy.publicity.needs_publicity(app.benefit)
        period = latest_period(s, app.id)
        has_notice = (
            s.scalar(
                select(Notice.id)
                .where(Notice.application_id == app.id, Notice.kind == app.benefit)
                .limit(1)
            )
            is not None
        )
        paid = paid_fen(s, app.id)
        return _path(app, needs_publicity, period, has_notice, paid, day)


def _path(
    app: Application,
    needs_publicity: bool,
    period: object,
    has_notice: bool,
    paid: int,
    day: dt.date,
) -> Lifecycle:
    status = str(app.status)
    amount = app.amount or 0
    keys = ["draft", "submitted"]
    if status == RETURNED:
        keys.append("returned")
    if status == ApplicationStatus.REJECTED:
        keys.append("rejected")
    elif status == ApplicationStatus.REVOKED:
        keys += ["approved", "revoked"]
    else:
        keys.append("approved")
        if needs_publicity:
            keys.append("publicity")
        keys += ["notice", "paid"]
    period_status = getattr(period, "status", None)
    ends_on = getattr(period, "ends_on", None)
    publicity_done = (not needs_publicity) or period_status in (
        PublicityStatus.PASSED,
        PublicityStatus.EXEMPT,
    )
    # ``done``: the last step passed; the step after it is where the application stands now
    # (what it waits for), unless it has come to an end.
    waiting = ""
    if status == ApplicationStatus.DRAFT:
        done, waiting = "draft", "submit"
    elif status == ApplicationStatus.SUBMITTED:
        done, waiting = "draft", "decision"
    elif status == RETURNED:
        done, waiting = "submitted", "correction"
    elif status in (ApplicationStatus.REJECTED, ApplicationStatus.REVOKED):
        done = status
    elif status == ApplicationStatus.DISBURSED:
        done = "paid"
        if not has_notice:
            waiting = "notice"
    elif not publicity_done:
        done = "approved"
        if period_status == PublicityStatus.OPEN:
            running = ends_on is not None and day <= ends_on
            waiting = "publicity_running" if running else "publicity_close"
        else:
            waiting = "publicity_open"
    elif not has_notice:
        done, waiting = ("publicity" if needs_publicity else "approved"), "notice"
    else:
        done, waiting = "notice", "payment"
    index = keys.index(done)
    steps = []
    for i, key in enumerate(keys):
        state = DONE if i <= index else CURRENT if i == index + 1 and waiting else TODO
        if key == "notice" and status == ApplicationStatus.DISBURSED and not has_notice:
            state = CURRENT  # paid the old way (one disbursement) before its notice was issued
        steps.append(Step(key, state))
    return Lifecycle(tuple(steps), waiting, ends_on, paid, amount)
