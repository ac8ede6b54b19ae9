"""Reading the audit log: filtered, newest first (the CLI's ``audit list`` and the GUI's log)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from aitown.db import Database
from aitown.models import AuditEvent
from aitown.services.actor import Actor


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user_name: str
    action: str
    entity: str
    entity_id: str
    before_json: str | None
    after_json: str | None


def list_events(
    db: Database,
    actor: Actor,
    *,
    limit: int = 50,
    offset: int = 0,
    user: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    entity_id: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> list[AuditRow]:
    """Audit events, newest first (reviewers and administrators). ``action`` matches exactly or,
    ending in ``.`` or ``*``, as a prefix (``team.`` gives every team event)."""
    actor.require("audit.view")
    q = select(AuditEvent)
    if user:
        q = q.where(AuditEvent.user_name == user)
    if action:
        if action.endswith(("*", ".")):
            q = q.where(AuditEvent.action.startswith(action.rstrip("*"), autoescape=True))
        else:
            q = q.where(AuditEvent.action == action)
    if entity:
        q = q.where(AuditEvent.entity == entity)
    if entity_id is not None:
        q = q.where(AuditEvent.entity_id == str(entity_id))
    if since is not None:
        q = q.where(AuditEvent.at >= since)
    if until is not None:
        q = q.where(AuditEvent.at < until)
    q = q.order_by(AuditEvent.id.desc()).offset(max(0, offset)).limit(max(0, limit))
    with db.read() as s:
        return [
            AuditRow(
                e.id,
                e.at,
                e.user_name,
                e.action,
                e.entity,
                e.entity_id,
                e.before_json,
                e.after_json,
            )
            for e in s.scalars(q)
        ]
