"""Does the data agree with the audit log? The rows that matter, compared with what the events say.

The hash chain proves the log was not changed; it says nothing about the tables beside it. Someone
with an SQL tool can promote a user, multiply an amount or slip in a notice without touching the
log. This check replays the events and compares the outcome with the rows as they are now:

- users: each account was created by an event (``user.create``, or ``office.init`` for the first
  administrator), and its role, whether it is active and whether it may see personal data are what
  the last event said;
- applications: each was recorded by an event, and its status and amount are what the last event
  that named them said;
- budget pools: the total is the last ``pool.total`` (or, before any, left as set up), and the
  money committed and paid is what the applications' audited amounts add up to;
- notices: each notice was issued by a ``notice.issue`` event with the same document number,
  application and file fingerprint, and no issued notice has disappeared.

What it cannot see: a change made consistently to the data *and* to the log with this program's own
code (the anchors catch the log part of that), data the log does not describe (team details,
leases, members), and the initial pool totals, which come from the policy at set-up.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from aitown.db import Database
from aitown.enums import ApplicationStatus, Role
from aitown.labels import application_status_label, benefit_label, role_label
from aitown.models import Application, AuditEvent, BudgetPool, Notice, User
from aitown.money import format_yuan
from aitown.services.audit import ChainProblem, printable, tolerant_text

_OUTSIDE = "changed outside the application"
_OUTSIDE_ZH = "在应用程序之外被改动"


@dataclass
class _UserState:
    role: str | None = None
    active: bool = True
    personal: bool = False


@dataclass
class _AppState:
    status: str = ApplicationStatus.DRAFT
    amount: int | None = None
    was_disbursed: bool = False
    repayment: int = 0
    benefit: str | None = None
    paid: int = 0  # tranches paid through payment lists while still approved (issue 13.6)


@dataclass
class _Replay:
    users: dict[int, _UserState] = field(default_factory=dict)
    admin_names: set[str] = field(default_factory=set)
    apps: dict[int, _AppState] = field(default_factory=dict)
    pool_totals: dict[str, int] = field(default_factory=dict)
    notices: dict[int, dict[str, Any]] = field(default_factory=dict)


def _load(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}  # an event that is not JSON any more: the chain check names it
    return value if isinstance(value, dict) else {}


def _entity_int(ev: AuditEvent) -> int | None:
    return int(ev.entity_id) if ev.entity_id.isdigit() else None


def _replay(db: Database) -> _Replay:
    out = _Replay()
    wanted = ("user", "application", "pool", "notice", "office")
    with db.read() as s, tolerant_text(s):
        events = s.execute(
            select(AuditEvent).where(AuditEvent.entity.in_(wanted)).order_by(AuditEvent.id)
        ).scalars()
        for ev in events.yield_per(5000):
            after = _load(ev.after_json)
            key = _entity_int(ev)
            if ev.action == "office.init" and isinstance(after.get("admin"), str):
                out.admin_names.add(after["admin"])
            elif ev.entity == "user" and key is not None:
                if ev.action == "user.create":
                    out.users[key] = _UserState(role=after.get("role"))
                elif key in out.users:
                    user = out.users[key]
                    if "role" in after:
                        user.role = after["role"]
                    if "active" in after:
                        user.active = bool(after["active"])
                    if "may_see_personal_data" in after:
                        user.personal = bool(after["may_see_personal_data"])
            elif ev.entity == "application" and key is not None:
                app = out.apps.setdefault(key, _AppState())
                if ev.action == "application.record":
                    app.benefit = after.get("benefit")
                if "status" in after:
                    app.status = str(after["status"])
                    app.was_disbursed = (
                        app.was_disbursed or app.status == ApplicationStatus.DISBURSED
                    )
                if "amount" in after:
                    app.amount = after["amount"]
                if "repayment" in after and isinstance(after["repayment"], int):
                    app.repayment = after["repayment"]
                if ev.action == "application.pay" and isinstance(after.get("paid"), int):
                    app.paid += after["paid"]
            elif ev.action == "pool.total" and isinstance(after.get("total"), int):
                out.pool_totals[ev.entity_id] = after["total"]
            elif ev.action == "notice.issue" and key is not None:
                out.notices[key] = after
    return out


def _problem(record_id: int | None, en: str, zh: str) -> ChainProblem:
    return ChainProblem(record_id, printable(en), printable(zh))


def _yuan(fen: int | None) -> str:
    return "no amount" if fen is None else f"{format_yuan(fen)} yuan"


def _yuan_zh(fen: int | None) -> str:
    return "无金额" if fen is None else f"{format_yuan(fen)} 元"


def _check_users(db: Database, replay: _Replay) -> list[ChainProblem]:
    problems = []
    with db.read() as s, tolerant_text(s):
        for user in s.scalars(select(User).order_by(User.id)):
            expected = replay.users.get(user.id)
            if expected is None and user.name in replay.admin_names:
                expected = _UserState(role=Role.ADMINISTRATOR, personal=True)
            if expected is None:
                problems.append(
                    _problem(
                        user.id,
                        f"User {user.name} (no. {user.id}, {role_label(user.role)}) was never "
                        f"created through the application: the account was added {_OUTSIDE}.",
                        f"用户 {user.name}（编号 {user.id}，{role_label(user.role, 'zh')}）没有创建记录：该账户是{_OUTSIDE_ZH}添加的。",
                    )
                )
                continue
            said = (expected.role, expected.active, expected.personal)
            now = (user.role, user.active, user.may_see_personal_data)
            if said != now:
                problems.append(
                    _problem(
                        user.id,
                        f"User {user.name} (no. {user.id}) is {_user_text(*now)} in the database, "
                        f"but the audit log says {_user_text(*said)}: the account was {_OUTSIDE}.",
                        f"用户 {user.name}（编号 {user.id}）在数据库中为{_user_text_zh(*now)}，"
                        f"审计日志记载为{_user_text_zh(*said)}：该账户{_OUTSIDE_ZH}。",
                    )
                )
    return problems


def _user_text(role: str | None, active: bool, personal: bool) -> str:
    extra = ("" if active else ", deactivated") + (", may see personal data" if personal else "")
    return f"{role_label(role)}{extra}"


def _user_text_zh(role: str | None, active: bool, personal: bool) -> str:
    extra = ("" if active else "，已停用") + ("，可查看个人信息" if personal else "")
    return f"{role_label(role, 'zh')}{extra}"


def _status(status: str | None, lang: str = "en") -> str:
    return application_status_label(status, lang)


def _check_applications(db: Database, replay: _Replay) -> list[ChainProblem]:
    problems = []
    seen: set[int] = set()
    with db.read() as s:
        rows = s.execute(
            select(Application.id, Application.status, Application.amount).order_by(Application.id)
        )
        for app_id, status, amount in rows:
            seen.add(app_id)
            said = replay.apps.get(app_id)
            if said is None:
                problems.append(
                    _problem(
                        app_id,
                        f"Application {app_id} ({_status(status)}, {_yuan(amount)}) was never "
                        f"recorded through the application: it was added {_OUTSIDE}.",
                        f"申请 {app_id}（{_status(status, 'zh')}，{_yuan_zh(amount)}）没有登记记录：该申请是{_OUTSIDE_ZH}添加的。",
                    )
                )
            elif (said.status, said.amount) != (status, amount):
                problems.append(
                    _problem(
                        app_id,
                        f"Application {app_id} is {_status(status)}, {_yuan(amount)} in the "
                        f"database, but the audit log says {_status(said.status)}, "
                        f"{_yuan(said.amount)}: it was {_OUTSIDE}.",
                        f"申请 {app_id} 在数据库中为“{_status(status, 'zh')}”、{_yuan_zh(amount)}，审计日志记载为"
                        f"“{_status(said.status, 'zh')}”、{_yuan_zh(said.amount)}：该申请{_OUTSIDE_ZH}。",
                    )
                )
    for app_id in sorted(set(replay.apps) - seen):
        problems.append(
            _problem(
                app_id,
                f"Application {app_id} is in the audit log but no longer in the database: it was "
                "deleted outside the application.",
                f"申请 {app_id} 见于审计日志，但已不在数据库中：该申请在应用程序之外被删除。",
            )
        )
    return problems


def _check_pools(db: Database, replay: _Replay) -> list[ChainProblem]:
    committed: dict[str, int] = defaultdict(int)
    disbursed: dict[str, int] = defaultdict(int)
    with db.read() as s:
        benefit_of = {i: b for i, b in s.execute(select(Application.id, Application.benefit))}
        for app_id, app in replay.apps.items():
            kind = app.benefit or benefit_of.get(app_id)
            amount = app.amount if isinstance(app.amount, int) else 0
            if kind is None:
                continue
            if app.status == ApplicationStatus.APPROVED:
                committed[kind] += amount - app.paid
                disbursed[kind] += app.paid
            elif app.status == ApplicationStatus.DISBURSED:
                disbursed[kind] += amount
            elif app.status == ApplicationStatus.REVOKED and app.was_disbursed:
                disbursed[kind] += amount - min(app.repayment, amount)
        problems = []
        for pool in s.scalars(select(BudgetPool).order_by(BudgetPool.id)):
            said_total = replay.pool_totals.get(pool.kind, pool.total)
            said = (said_total, committed[pool.kind], disbursed[pool.kind])
            now = (pool.total, pool.committed, pool.disbursed)
            if said != now:
                problems.append(
                    _problem(
                        pool.id,
                        f"The {benefit_label(pool.kind)} pool holds total {format_yuan(now[0])}, committed "
                        f"{format_yuan(now[1])}, paid {format_yuan(now[2])} yuan, but the audit log "
                        f"adds up to {format_yuan(said[0])}, {format_yuan(said[1])}, "
                        f"{format_yuan(said[2])} yuan: the pool was {_OUTSIDE}.",
                        f"{benefit_label(pool.kind, 'zh')}资金池现为总额 {format_yuan(now[0])}、已承诺 {format_yuan(now[1])}、"
                        f"已拨付 {format_yuan(now[2])} 元，按审计日志应为 {format_yuan(said[0])}、"
                        f"{format_yuan(said[1])}、{format_yuan(said[2])} 元：该资金池{_OUTSIDE_ZH}。",
                    )
                )
    return problems


def _check_notices(db: Database, replay: _Replay) -> list[ChainProblem]:
    problems = []
    seen: set[int] = set()
    with db.read() as s, tolerant_text(s):
        rows = s.execute(
            select(Notice.id, Notice.doc_number, Notice.application_id, Notice.sha256).order_by(
                Notice.id
            )
        )
        for notice_id, number, app_id, digest in rows:
            seen.add(notice_id)
            said = replay.notices.get(notice_id)
            if said is None:
                problems.append(
                    _problem(
                        notice_id,
                        f"Notice {number} (no. {notice_id}) was never issued through the "
                        f"application: it was added {_OUTSIDE}.",
                        f"通知书 {number}（编号 {notice_id}）没有签发记录：该通知书是{_OUTSIDE_ZH}添加的。",
                    )
                )
            elif (said.get("document_number"), said.get("application_id"), said.get("sha256")) != (
                number,
                app_id,
                digest,
            ):
                problems.append(
                    _problem(
                        notice_id,
                        f"Notice {number} (no. {notice_id}) differs from the one the audit log "
                        f"says was issued ({said.get('document_number')}): it was {_OUTSIDE}.",
                        f"通知书 {number}（编号 {notice_id}）与审计日志记载签发的"
                        f"（{said.get('document_number')}）不同：该通知书{_OUTSIDE_ZH}。",
                    )
                )
    for notice_id in sorted(set(replay.notices) - seen):
        gone_number = replay.notices[notice_id].get("document_number")
        problems.append(
            _problem(
                notice_id,
                f"Notice {gone_number} (no. {notice_id}) is in the audit log but no longer in the "
                "database: it was deleted outside the application.",
                f"通知书 {gone_number}（编号 {notice_id}）见于审计日志，但已不在数据库中：该通知书在应用程序之外被删除。",
            )
        )
    return problems


def compare_with_log(db: Database) -> list[ChainProblem]:
    """Every difference between the users, applications, pools and notices as they are and as the
    audit log says they should be, one per record (empty if they agree)."""
    replay = _replay(db)
    return (
        _check_users(db, replay)
        + _check_applications(db, replay)
        + _check_pools(db, replay)
        + _check_notices(db, replay)
    )
