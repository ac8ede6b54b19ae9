"""Accounts: argon2id password hashes, log-in with lock-out, roles, password changes."""

from __future__ import annotations

import datetime as dt
import functools
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select

from aitown.db import Database
from aitown.enums import Role
from aitown.errors import AuthenticationError, ConflictError, NotFound, ValidationError
from aitown.models import ROLES, User, utcnow
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.validation import check_visible, optional_text

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8
NAME_RE = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,64}$")

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"The password is too short: use at least {MIN_PASSWORD_LENGTH} characters.",
            f"密码太短：至少需要{MIN_PASSWORD_LENGTH}个字符。",
            field="password",
        )


def check_user_name(name: str) -> str:
    name = (name or "").strip()
    check_visible(name, what="user name", what_zh="用户名", field_name="name")
    if not NAME_RE.fullmatch(name):
        raise ValidationError(
            f"The user name “{name}” is not allowed: use 2–64 letters, digits, Chinese characters, "
            "dots, dashes or underscores.",
            f"用户名“{name}”无效：请使用2–64个字母、数字、汉字、点、连字符或下划线。",
            field="name",
        )
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(
            f"The role “{role}” is unknown: use desk, reviewer or administrator.",
            f"角色“{role}”无效：请使用 desk、reviewer 或 administrator。",
            field="role",
        )
    return role


def actor_for(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        name=user.name,
        role=user.role,
        office_id=user.office_id,
        may_see_personal_data=user.may_see_personal_data or user.role == Role.ADMINISTRATOR,
    )


def user_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(User)) or 0


def create_user(
    db: Database, actor: Actor, name: str, role: str, password: str, *, full_name: str = ""
) -> int:
    """Create a user account (administrators only). Returns the new user's id."""
    actor.require("user.manage")
    name = check_user_name(name)
    full_name = optional_text(
        full_name, what="full name", what_zh="姓名", field_name="full_name", max_len=100
    )
    check_role(role)
    check_password_rules(password)
    with db.write() as s:
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise ConflictError(
                f"A user named “{name}” already exists; choose another name.",
                f"用户“{name}”已存在，请换一个名称。",
                field="name",
            )
        user = User(
            office_id=actor.office_id,
            name=name,
            full_name=full_name,
            role=role,
            password_hash=hash_password(password),
        )
        s.add(user)
        s.flush()
        record_event(s, actor, "user.create", "user", user.id, after={"name": name, "role": role})
        return user.id


REFUSED_EN = (
    "The user name or password is wrong, or the account is locked after repeated wrong "
    f"passwords; check them and try again (a locked account opens again after "
    f"{int(LOCKOUT.total_seconds() // 60)} minutes), or ask an administrator."
)
REFUSED_ZH = (
    "用户名或密码错误，或账户因多次密码错误已被锁定：请检查后重试"
    f"（锁定的账户 {int(LOCKOUT.total_seconds() // 60)} 分钟后自动解锁），或联系管理员。"
)


@functools.cache
def _decoy_hash() -> str:
    """A hash of no one's password, made with the same parameters as real ones: checking a
    password against it costs what checking a real account costs."""
    return _hasher.hash(secrets.token_hex(16))


def _password_matches(stored: str | None, password: str) -> bool:
    """One argon2 verification, whether or not there is an account to check against."""
    try:
        _hasher.verify(stored or _decoy_hash(), password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return stored is not None


def authenticate(
    db: Database, name: str, password: str, *, now: dt.datetime | None = None
) -> Actor:
    """Check a log-in. Repeated failures lock the account for a while; every outcome is audited.

    Every refusal — unknown name, deactivated or locked account, wrong password — has the same
    sentence and costs the same argon2 work, so the answer does not tell which names exist. A name
    that matches no account is not recorded as typed (it may be a password typed in the wrong
    field): the event says only that an unknown name was tried.
    """
    now = now or utcnow()
    refused = AuthenticationError(REFUSED_EN, REFUSED_ZH)
    if getattr(db, "read_only", False):
        return _authenticate_read_only(db, name, password, now, refused)
    with db.write() as s:
        user = s.scalar(select(User).where(User.name == (name or "").strip()))
        stored = user.password_hash if user is not None and user.active else None
        matches = _password_matches(stored, password)  # the same work whoever it is
        if user is None or not user.active:
            record_event(
                s,
                None,
                "login.failed",
                "user",
                "" if user is None else user.id,
                after={"reason": "unknown user name" if user is None else "inactive account"},
                office_id=None,
            )
            s.commit()
            raise refused
        if user.locked_until and user.locked_until > now:
            # Attempts on a locked account are audited too: they show someone is still trying.
            record_event(s, actor_for(user), "login.while_locked", "user", user.id)
            s.commit()
            raise refused
        if not matches:
            user.failed_logins += 1
            locked = user.failed_logins >= MAX_FAILED_LOGINS
            if locked:
                user.locked_until = now + LOCKOUT
                user.failed_logins = 0
            record_event(
                s,
                actor_for(user),
                "login.locked" if locked else "login.failed",
                "user",
                user.id,
            )
            s.commit()
            raise refused
        user.failed_logins = 0
        user.locked_until = None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        actor = actor_for(user)
        record_event(s, actor, "login", "user", user.id)
        return actor


def _authenticate_read_only(
    db: Database, name: str, password: str, now: dt.datetime, refused: AuthenticationError
) -> Actor:
    """Log-in to a database this account can only read: the password and the lock are checked,
    but nothing can be recorded — no audit event, no count of wrong passwords."""
    with db.read() as s:
        user = s.scalar(select(User).where(User.name == (name or "").strip()))
        stored = user.password_hash if user is not None and user.active else None
        matches = _password_matches(stored, password)
        if user is None or stored is None or not matches:
            raise refused
        if user.locked_until and user.locked_until > now:
            raise refused
        return actor_for(user)


def change_password(
    db: Database, actor: Actor, name: str, new_password: str, *, old_password: str | None = None
) -> None:
    """Set a user's password: one's own (with the old one), or anyone's as an administrator."""
    check_password_rules(new_password)
    with db.write() as s:
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFound(f"There is no user named “{name}”.", f"没有名为“{name}”的用户。")
        if user.id != actor.user_id:
            actor.require("user.manage")
        elif old_password is None and not actor.can("user.manage"):
            # Someone at an unattended desk must not be able to take over the account.
            raise AuthenticationError(
                "Enter your current password to change it; the password was not changed.",
                "请输入当前密码后再修改，密码未更改。",
                field="old_password",
            )
        elif old_password is not None:
            try:
                _hasher.verify(user.password_hash, old_password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                raise AuthenticationError(
                    "The current password is wrong; the password was not changed.",
                    "当前密码错误，密码未更改。",
                    field="old_password",
                ) from None
        user.password_hash = hash_password(new_password)
        user.failed_logins = 0
        user.locked_until = None
        record_event(s, actor, "user.password", "user", user.id, after={"name": user.name})


def set_user_role(db: Database, actor: Actor, name: str, role: str, *, active: bool = True) -> None:
    """Change a user's role or (de)activate the account (administrators only)."""
    actor.require("user.manage")
    check_role(role)
    with db.write() as s:
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFound(f"There is no user named “{name}”.", f"没有名为“{name}”的用户。")
        if user.id == actor.user_id and (role != Role.ADMINISTRATOR or not active):
            raise ValidationError(
                "You cannot remove your own administrator role; ask another administrator.",
                "不能取消自己的管理员角色，请由其他管理员操作。",
            )
        before = {"role": user.role, "active": user.active}
        user.role, user.active = role, active
        record_event(
            s,
            actor,
            "user.role",
            "user",
            user.id,
            before=before,
            after={"role": role, "active": active},
        )


@dataclass(frozen=True)
class UserRow:
    """One user of the office as the users list shows it (no password hash)."""

    id: int
    name: str
    full_name: str
    role: str
    active: bool
    locked_until: dt.datetime | None


def list_users(db: Database) -> list[UserRow]:
    """Every user, by name (Settings → Users, ``aitown-cli users list``)."""
    with db.read() as s:
        return [
            UserRow(u.id, u.name, u.full_name, u.role, u.active, u.locked_until)
            for u in s.scalars(select(User).order_by(User.name))
        ]
