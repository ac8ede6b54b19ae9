"""Reading the audit log: filtered, newest first (the CLI's ``audit list`` and the GUI's log)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.models import Application, AuditEvent, Lease, Member, Notice
from aitown.services.actor import Actor
from aitown.services.audit import ChainProblem


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


def team_history(db: Database, actor: Actor, team_id: int, *, limit: int = 1000) -> list[AuditRow]:
    """The history of one team, newest first: the events of the team, its members, leases,
    applications and notices. Everyone who may see the team may see its history (a narrower
    view than the whole audit log, which needs ``audit.view``)."""
    actor.require("team.view")
    with db.read() as s:
        ids: dict[str, list[str]] = {
            "team": [str(team_id)],
            "member": [
                str(i) for i in s.scalars(select(Member.id).where(Member.team_id == team_id))
            ],
            "lease": [str(i) for i in s.scalars(select(Lease.id).where(Lease.team_id == team_id))],
            "application": [
                str(i)
                for i in s.scalars(select(Application.id).where(Application.team_id == team_id))
            ],
            "notice": [
                str(i) for i in s.scalars(select(Notice.id).where(Notice.team_id == team_id))
            ],
        }
        conds = [
            and_(AuditEvent.entity == entity, AuditEvent.entity_id.in_(values))
            for entity, values in ids.items()
            if values
        ]
        q = select(AuditEvent).where(or_(*conds)).order_by(AuditEvent.id.desc()).limit(limit)
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


# An anchor is the newest event's id and hash, noted down outside the database (with a backup,
# on paper, in an e-mail to the district). The hash of event N covers every event before it, so
# a later check that event N still has that hash proves nothing up to N was changed or removed —
# even by someone who rewrote the whole chain with this program's code.


@dataclass(frozen=True)
class Anchor:
    event_id: int
    hash: str

    def __str__(self) -> str:
        return f"{self.event_id}:{self.hash}"


MIN_ANCHOR_HASH = 16


def current_anchor(db: Database) -> Anchor | None:
    """The newest audit event as an anchor, or None for an empty log."""
    with db.read() as s:
        row = s.execute(
            select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
        ).first()
    return Anchor(row[0], row[1]) if row else None


def parse_anchor(text: str) -> Anchor:
    """``ID:HASH`` as printed by ``aitown-cli audit verify`` (the hash may be shortened to 16)."""
    event_id, _, digest = (text or "").strip().partition(":")
    digest = digest.strip().lower()
    if (
        not event_id.strip().isdigit()
        or len(digest) < MIN_ANCHOR_HASH
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        raise ValidationError(
            f"“{text}” is not an anchor: write it as EVENT-ID:HASH, as audit verify printed it "
            f"(at least {MIN_ANCHOR_HASH} characters of the hash).",
            f"“{text}”不是有效的锚点：请按 audit verify 输出的格式写成 事件号:哈希值"
            f"（哈希值至少 {MIN_ANCHOR_HASH} 位）。",
            field="anchor",
        )
    return Anchor(int(event_id), digest)


def check_anchor(db: Database, anchor: Anchor) -> ChainProblem | None:
    """None if event ``anchor.event_id`` still exists with that hash; otherwise the problem."""
    with db.read() as s:
        found = s.get(AuditEvent, anchor.event_id)
        actual = found.hash if found is not None else None
    if actual is not None and actual.startswith(anchor.hash):
        return None
    what = "is missing" if actual is None else "no longer has the hash noted down"
    what_zh = "不存在" if actual is None else "哈希值与记录不符"
    return ChainProblem(
        anchor.event_id,
        f"Audit event {anchor.event_id} {what} ({anchor.hash[:16]}…): "
        "the log up to that event was rewritten or cut short.",
        f"审计事件 {anchor.event_id} {what_zh}（记录时为 {anchor.hash[:16]}…）：该事件及之前的日志被改写或截断。",
    )
