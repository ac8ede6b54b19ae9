"""The installation's office: first set-up (office, first administrator, budget pools, policy)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import ConflictError, ValidationError
from aitown.models import BudgetPool, Office, PolicyVersion, User
from aitown.services.actor import ADMIN, Actor
from aitown.services.audit import record_event
from aitown.services.users import check_password_rules, check_user_name, hash_password

OFFICE_CODE_RE = re.compile(r"^[A-Za-z0-9_\-]{2,32}$")


def office_exists(db: Database) -> bool:
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(Office)) or 0) > 0


def get_office(db: Database) -> Office:
    with db.read() as s:
        office = s.scalar(select(Office).order_by(Office.id))
        if office is None:
            raise ValidationError(
                "This database has no office yet: run “aitown-cli init” or start the application to set it up.",
                "此数据库尚未设置办公室：请运行“aitown-cli init”或启动应用程序进行设置。",
            )
        return office


def initialise_office(
    db: Database,
    *,
    code: str,
    name_zh: str,
    admin_name: str,
    admin_password: str,
    name_en: str = "",
    doc_prefix: str | None = None,
    setup: Callable[[Session, Actor, Office], None] | None = None,
) -> Actor:
    """Create the office, its first administrator, the budget pools and the active policy.

    Only allowed on a database without an office. Returns the administrator as an Actor.
    ``setup`` runs inside the same transaction (a city or district installation's own records).
    """
    from aitown.policy.loader import default_policy  # the policy engine reads resources

    code = (code or "").strip()
    if not OFFICE_CODE_RE.fullmatch(code):
        raise ValidationError(
            f"The office code “{code}” is not allowed: use 2–32 letters, digits, - or _ (e.g. XH01).",
            f"办公室代码“{code}”无效：请使用2–32个字母、数字、- 或 _（例如 XH01）。",
            field="code",
        )
    name_zh = (name_zh or "").strip()
    if not name_zh:
        raise ValidationError(
            "The office name is empty: enter its full Chinese name.",
            "办公室名称为空：请填写中文全称。",
            field="name_zh",
        )
    admin_name = check_user_name(admin_name)
    check_password_rules(admin_password)
    policy = default_policy()
    with db.write() as s:
        if s.scalar(select(func.count()).select_from(Office)):
            raise ConflictError(
                "This database already has its office; it was not changed.",
                "此数据库已设置办公室，未作更改。",
            )
        office = Office(
            code=code,
            name_zh=name_zh,
            name_en=(name_en or "").strip(),
            doc_prefix=(doc_prefix or "").strip() or default_doc_prefix(name_zh),
            secret_key=secrets.token_hex(32),
        )
        s.add(office)
        s.flush()
        admin = User(
            office_id=office.id,
            name=admin_name,
            role=ADMIN,
            password_hash=hash_password(admin_password),
            may_see_personal_data=True,
        )
        s.add(admin)
        s.flush()
        actor = Actor(admin.id, admin.name, ADMIN, office.id, True)
        for pool in policy.pools:
            s.add(BudgetPool(office_id=office.id, kind=pool.kind, total=pool.total_fen))
        s.add(
            PolicyVersion(
                policy_id=policy.id,
                version=policy.version,
                sha256=policy.sha256,
                text=policy.text,
                active=True,
                loaded_by=admin.id,
            )
        )
        if setup is not None:
            setup(s, actor, office)
        record_event(
            s,
            actor,
            "office.init",
            "office",
            office.id,
            after={
                "code": code,
                "name_zh": name_zh,
                "admin": admin_name,
                "policy": f"{policy.id} {policy.version}",
            },
        )
        return actor


def default_doc_prefix(name_zh: str) -> str:
    """A document-number prefix from the office name: 徐汇区人工智能孵化中心 → 徐汇AI孵."""
    district = name_zh[:2]
    return f"{district}AI孵"


def update_office(db: Database, actor: Actor, **changes: object) -> None:
    """Change the office's names, document prefix or notice language (administrators).

    The seal image and the other notice settings: aitown.services.office_notices.
    """
    actor.require("office.edit")
    allowed = {"name_zh", "name_en", "doc_prefix", "notice_language"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            f"Unknown office setting: {', '.join(sorted(unknown))}.",
            f"未知的办公室设置：{'、'.join(sorted(unknown))}。",
        )
    with db.write() as s:
        office = s.get(Office, actor.office_id)
        assert office is not None
        before = {k: getattr(office, k) for k in changes}
        for k, v in changes.items():
            setattr(office, k, v)
        record_event(
            s, actor, "office.update", "office", office.id, before=before, after=dict(changes)
        )


def admin_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(User).where(User.role == ADMIN)) or 0
