"""The audit log: append-only events chained by SHA-256, and the check that finds tampering."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import PermissionDenied
from aitown.event_text import action_words, record_words
from aitown.labels import role_label
from aitown.models import AuditEvent, AuditHead, Office, User, utcnow
from aitown.services.actor import Actor
from aitown.text import Text

GENESIS = "0" * 64


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return str(value)


def event_hash(ev: AuditEvent) -> str:
    """The hash of one event: every column but the hash itself, and the previous event's hash."""
    payload = "\x1f".join(
        [
            str(ev.id),
            str(ev.office_id or ""),
            ev.at.replace(microsecond=ev.at.microsecond).isoformat(),
            str(ev.user_id or ""),
            ev.user_name,
            ev.action,
            ev.entity,
            ev.entity_id,
            ev.before_json or "",
            ev.after_json or "",
            ev.prev_hash,
        ]
    )
    # surrogateescape: bytes that are not UTF-8 (see tolerant_text) hash as the bytes they are.
    return hashlib.sha256(payload.encode("utf-8", "surrogateescape")).hexdigest()


def _not_utf8(*values: str | None) -> bool:
    """True if a value read through tolerant_text held bytes that are not UTF-8."""
    return any(v is not None and any("\udc80" <= c <= "\udcff" for c in v) for v in values)


def printable(value: str) -> str:
    """A text safe to print: bytes that were not UTF-8 become "?"."""
    return value.encode("utf-8", "replace").decode("utf-8")


@contextmanager
def tolerant_text(s: Session) -> Iterator[None]:
    """Read text columns that someone overwrote with bytes that are not UTF-8 without an error.

    SQLite stores whatever bytes it is given; its driver refuses to decode them, which would stop
    a check at the first such row. Inside this block they come back with each bad byte as a lone
    surrogate (``surrogateescape``), so the check can name the record. PostgreSQL refuses such
    bytes on the way in.
    """
    if s.get_bind().dialect.name != "sqlite":
        yield
        return
    raw: Any = s.connection().connection.driver_connection
    old = raw.text_factory
    raw.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    try:
        yield
    finally:
        raw.text_factory = old


def _check_still_allowed(session: Session, actor: Actor) -> None:
    row = session.execute(select(User.active, User.role).where(User.id == actor.user_id)).first()
    if row is None or not row.active:
        raise PermissionDenied(
            f"The account {actor.name} was deactivated by an administrator; nothing was changed. "
            "Ask an administrator if it should be active again.",
            f"账户 {actor.name} 已被管理员停用，未作任何改动。如需恢复，请联系管理员。",
        )
    if row.role != actor.role:
        raise PermissionDenied(
            f"{actor.name}'s role was changed to {role_label(row.role)} since logging in; nothing "
            "was changed. Log out and log in again.",
            f"{actor.name} 的角色自登录后已改为{role_label(row.role, 'zh')}，未作任何改动。请退出后重新登录。",
        )


def record_event(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    office_id: int | None = None,
) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction (it commits with the change).

    Every write records its event here, so this is also where a session that outlived its user's
    rights stops: an account deactivated, or given another role, since its user logged in (a
    desk left logged in all day) changes nothing more; the caller's transaction rolls back."""
    if actor is not None and actor.user_id is not None:
        _check_still_allowed(session, actor)
    # Locking the head row first makes concurrent writers take turns, so ids follow chain order.
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_event_id=0, last_hash=GENESIS, count=0)
        session.add(head)
        session.flush()
    ev = AuditEvent(
        office_id=office_id if office_id is not None else (actor.office_id if actor else None),
        at=utcnow().replace(microsecond=0),
        user_id=actor.user_id if actor else None,
        user_name=actor.name if actor else "system",
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before_json=_json(before),
        after_json=_json(after),
        prev_hash=head.last_hash,
        hash="",
    )
    session.add(ev)
    session.flush()  # assigns the id, which the hash covers
    ev.hash = event_hash(ev)
    session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(last_event_id=ev.id, last_hash=ev.hash, count=AuditHead.count + 1)
    )
    session.expire(head)
    return ev


@dataclass(frozen=True)
class ChainProblem:
    event_id: int | None
    message: str
    message_zh: str

    @property
    def text(self) -> Text:
        return Text(self.message, self.message_zh)


def _action(ev: AuditEvent, lang: str) -> str:
    """The event's action in words ("Leased a unit" / "租用单元"), as the Audit log shows it."""
    return printable(action_words(ev.action, lang))


def _what(ev: AuditEvent) -> tuple[str, str]:
    """Which event a problem is about, in words: its action, its record and who did it."""
    en = f"{_action(ev, 'en')} — {printable(record_words(ev, None, 'en'))}, by {ev.user_name}"
    zh = f"{ev.user_name}：{_action(ev, 'zh')}，{printable(record_words(ev, None, 'zh'))}"
    return printable(en), printable(zh)


def verify_chain(db: Database) -> tuple[int, list[ChainProblem]]:
    """Walk the whole chain; return how many events were checked and every problem found."""
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    prev_id = 0
    count = 0
    with db.read() as s, tolerant_text(s):
        head = s.get(AuditHead, 1)
        for ev in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().yield_per(2000):
            count += 1
            if _not_utf8(
                ev.user_name, ev.action, ev.entity, ev.entity_id, ev.before_json, ev.after_json
            ):
                what, what_zh = _what(ev)
                problems.append(
                    ChainProblem(
                        ev.id,
                        f"Audit event {ev.id} ({what}) was overwritten with bytes that are not "
                        "text: it was changed after it was written.",
                        f"审计事件 {ev.id}（{what_zh}）被写入了非文本字节：在写入后被修改。",
                    )
                )
                prev_hash, prev_id = ev.hash, ev.id
                continue
            if ev.prev_hash != prev_hash:
                problems.append(
                    ChainProblem(
                        ev.id,
                        f"Audit event {ev.id} ({_action(ev, 'en')}) does not follow event {prev_id}: "
                        "an event before it was deleted or changed.",
                        f"审计事件 {ev.id}（{_action(ev, 'zh')}）与前一事件 {prev_id} 不衔接：其前的事件被删除或修改。",
                    )
                )
            if event_hash(ev) != ev.hash:
                what, what_zh = _what(ev)
                problems.append(
                    ChainProblem(
                        ev.id,
                        f"Audit event {ev.id} ({what}) was changed after it was written.",
                        f"审计事件 {ev.id}（{what_zh}）在写入后被修改。",
                    )
                )
            prev_hash, prev_id = ev.hash, ev.id
        if head is not None and (head.last_hash != prev_hash or head.count != count):
            problems.append(
                ChainProblem(
                    head.last_event_id,
                    f"The audit log should hold {head.count} events ending with event "
                    f"{head.last_event_id}, but holds {count} ending with event {prev_id}: "
                    "events were deleted.",
                    f"审计日志应有 {head.count} 条事件、以 {head.last_event_id} 结尾，实有 {count} 条、"
                    f"以 {prev_id} 结尾：有事件被删除。",
                )
            )
        if head is None and (count > 0 or s.scalar(select(Office.id).limit(1)) is not None):
            # Every set-up database has events (office.init at least), hence a head row.
            problems.append(
                ChainProblem(
                    None,
                    f"The audit log's head record is missing (the log holds {count} events): "
                    "it was deleted, and events with it may have been.",
                    f"审计日志的链头记录缺失（日志中有 {count} 条事件）：链头被删除，事件也可能被删除。",
                )
            )
    return count, problems


def snapshot(obj: Any, fields: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """The values of ``fields`` on a record, for before/after in an audit event."""
    return {f: getattr(obj, f) for f in fields}
