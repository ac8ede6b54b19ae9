"""Accounts: argon2id hashes, log-in, lock-out after repeated failures, password changes, and an
audit event for every log-in attempt."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from aitown.db import Database
from aitown.errors import (
    AuthenticationError,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from aitown.models import AuditEvent, Team, User, utcnow
from aitown.services import users as svc
from tests.aitown.dbfiles import db_fingerprint
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD, Staff

T0 = dt.datetime(2025, 9, 1, 9, 0, 0)


def _user(db: Database, name: str) -> User:
    with db.read() as s:
        return s.scalars(select(User).where(User.name == name)).one()


def _events(db: Database, *, since_id: int = 0) -> list[tuple[str, str, str]]:
    with db.read() as s:
        rows = s.execute(
            select(AuditEvent.action, AuditEvent.user_name, AuditEvent.entity_id)
            .where(AuditEvent.id > since_id)
            .order_by(AuditEvent.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _last_event_id(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) or 0


def test_passwords_are_stored_as_argon2id_hashes(db: Database, staff: Staff) -> None:
    for name, password in (("admin", ADMIN_PASSWORD), ("desk1", STAFF_PASSWORD)):
        stored = _user(db, name).password_hash
        assert stored.startswith("$argon2id$v=19$")
        assert password not in stored
    # The same password gives different hashes (a random salt each time).
    assert _user(db, "desk1").password_hash != _user(db, "desk2").password_hash


def test_log_in_with_the_right_password(db: Database, staff: Staff) -> None:
    mark = _last_event_id(db)
    actor = svc.authenticate(db, "reviewer1", STAFF_PASSWORD, now=T0)
    assert (actor.name, actor.role, actor.user_id) == (
        "reviewer1",
        "reviewer",
        staff.reviewer.user_id,
    )
    assert _events(db, since_id=mark) == [("login", "reviewer1", str(actor.user_id))]


@pytest.mark.parametrize(
    ("name", "password"),
    [("desk1", "wrong-password"), ("desk1", ""), ("nobody-here", STAFF_PASSWORD), ("", "")],
)
def test_wrong_name_or_password_is_refused_with_one_sentence(
    db: Database, staff: Staff, name: str, password: str
) -> None:
    mark = _last_event_id(db)
    with pytest.raises(AuthenticationError) as info:
        svc.authenticate(db, name, password, now=T0)
    # The same sentence whether the name or the password is wrong: no guessing of user names.
    assert info.value.message == svc.REFUSED_EN
    assert info.value.message_zh == svc.REFUSED_ZH
    assert [e[0] for e in _events(db, since_id=mark)] == ["login.failed"]


def test_an_unknown_name_is_recorded_as_unknown_not_as_typed(db: Database, staff: Staff) -> None:
    typed = "my-Secret-passw0rd"  # a password typed into the name field by mistake
    mark = _last_event_id(db)
    with pytest.raises(AuthenticationError):
        svc.authenticate(db, typed, "whatever", now=T0)
    with db.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.id > mark)).one()
    assert (ev.action, ev.entity, ev.entity_id) == ("login.failed", "user", "")
    assert typed not in f"{ev.entity_id} {ev.before_json} {ev.after_json} {ev.user_name}"
    assert "unknown user name" in (ev.after_json or "")


def test_unknown_names_and_locked_accounts_cost_the_same_and_read_the_same(
    db: Database, staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No telling names apart: each refusal runs one argon2 verification with the parameters
    of a real account, and says the same sentence."""
    for i in range(svc.MAX_FAILED_LOGINS):  # lock desk2
        with pytest.raises(AuthenticationError):
            svc.authenticate(db, "desk2", "not-it", now=T0 + dt.timedelta(seconds=i))
    real_params = svc._hasher.hash("x").split("$")[3]
    checked: list[str] = []

    class CountingHasher(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002
            checked.append(str(hash).split("$")[3])
            return super().verify(hash, password)

    monkeypatch.setattr(svc, "_hasher", CountingHasher())
    answers = []
    for name, password in (
        ("nobody-here", STAFF_PASSWORD),  # unknown name
        ("desk2", STAFF_PASSWORD),  # locked account, right password
        ("desk1", "not-it"),  # known name, wrong password
    ):
        with pytest.raises(AuthenticationError) as info:
            svc.authenticate(db, name, password, now=T0 + dt.timedelta(minutes=1))
        answers.append((info.value.message, info.value.message_zh))
    assert checked == [real_params] * 3
    assert len(set(answers)) == 1


def test_five_failures_lock_the_account_for_fifteen_minutes(db: Database, staff: Staff) -> None:
    mark = _last_event_id(db)
    for i in range(svc.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError, match="wrong"):
            svc.authenticate(db, "desk1", "not-it", now=T0 + dt.timedelta(seconds=i))
    assert _user(db, "desk1").locked_until == T0 + dt.timedelta(seconds=4) + svc.LOCKOUT

    # Even the right password is refused while locked, and the attempt is recorded.
    with pytest.raises(AuthenticationError, match="is locked") as info:
        svc.authenticate(db, "desk1", STAFF_PASSWORD, now=T0 + dt.timedelta(minutes=1))
    assert "minutes" in info.value.message
    with pytest.raises(AuthenticationError, match="is locked"):
        svc.authenticate(db, "desk1", STAFF_PASSWORD, now=T0 + dt.timedelta(minutes=14))
    # Other accounts are not affected.
    svc.authenticate(db, "desk2", STAFF_PASSWORD, now=T0 + dt.timedelta(minutes=1))

    actor = svc.authenticate(db, "desk1", STAFF_PASSWORD, now=T0 + dt.timedelta(minutes=16))
    assert actor.name == "desk1"
    after = _user(db, "desk1")
    assert after.failed_logins == 0 and after.locked_until is None

    actions = [a for a, who, _ in _events(db, since_id=mark) if who == "desk1"]
    assert actions == [
        "login.failed",
        "login.failed",
        "login.failed",
        "login.failed",
        "login.locked",
        "login.while_locked",
        "login.while_locked",
        "login",
    ]


def test_a_success_in_between_resets_the_failure_count(db: Database, staff: Staff) -> None:
    for _ in range(svc.MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthenticationError):
            svc.authenticate(db, "desk1", "not-it", now=T0)
    svc.authenticate(db, "desk1", STAFF_PASSWORD, now=T0)
    for _ in range(svc.MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthenticationError):
            svc.authenticate(db, "desk1", "not-it", now=T0)
    assert _user(db, "desk1").locked_until is None
    svc.authenticate(db, "desk1", STAFF_PASSWORD, now=T0)


def test_a_deactivated_account_cannot_log_in(db: Database, staff: Staff) -> None:
    svc.set_user_role(db, staff.admin, "desk2", "desk", active=False)
    with pytest.raises(AuthenticationError, match="wrong"):
        svc.authenticate(db, "desk2", STAFF_PASSWORD)


def test_change_own_password_needs_the_current_one(db: Database, staff: Staff) -> None:
    fingerprint = db_fingerprint(db)
    with pytest.raises(AuthenticationError, match="current password"):
        svc.change_password(db, staff.desk, "desk1", "brand-new-pass")
    with pytest.raises(AuthenticationError, match="current password is wrong"):
        svc.change_password(db, staff.desk, "desk1", "brand-new-pass", old_password="guess-123")
    assert db_fingerprint(db) == fingerprint

    svc.change_password(db, staff.desk, "desk1", "brand-new-pass", old_password=STAFF_PASSWORD)
    assert svc.authenticate(db, "desk1", "brand-new-pass").name == "desk1"
    with pytest.raises(AuthenticationError):
        svc.authenticate(db, "desk1", STAFF_PASSWORD)
    with db.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "user.password")).one()
        assert ev.user_name == "desk1"
        assert "brand-new-pass" not in (ev.after_json or "") + (ev.before_json or "")


def test_only_an_administrator_changes_someone_elses_password(db: Database, staff: Staff) -> None:
    fingerprint = db_fingerprint(db)
    for actor in (staff.desk, staff.reviewer):
        with pytest.raises(PermissionDenied, match="may not manage users"):
            svc.change_password(db, actor, "desk2", "taken-over-1", old_password=STAFF_PASSWORD)
    assert db_fingerprint(db) == fingerprint

    svc.change_password(db, staff.admin, "desk2", "reset-by-admin")
    assert svc.authenticate(db, "desk2", "reset-by-admin").name == "desk2"


def test_a_password_change_lifts_a_lock(db: Database, staff: Staff) -> None:
    for _ in range(svc.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            svc.authenticate(db, "desk2", "not-it", now=utcnow())
    svc.change_password(db, staff.admin, "desk2", "fresh-start-1")
    assert svc.authenticate(db, "desk2", "fresh-start-1").name == "desk2"


@pytest.mark.parametrize("password", ["", "short", "1234567"])
def test_short_passwords_are_refused(db: Database, staff: Staff, password: str) -> None:
    with pytest.raises(ValidationError, match="too short"):
        svc.create_user(db, staff.admin, "newdesk", "desk", password)
    with pytest.raises(ValidationError, match="too short"):
        svc.change_password(db, staff.admin, "desk1", password)


def test_create_user_checks_name_role_and_duplicates(db: Database, staff: Staff) -> None:
    with pytest.raises(ConflictError, match="already exists"):
        svc.create_user(db, staff.admin, "desk1", "desk", "long-enough-1")
    with pytest.raises(ValidationError, match="role"):
        svc.create_user(db, staff.admin, "newone", "superuser", "long-enough-1")
    with pytest.raises(ValidationError, match="not allowed"):
        svc.create_user(db, staff.admin, "bad name; drop", "desk", "long-enough-1")
    uid = svc.create_user(db, staff.admin, "王小明", "reviewer", "long-enough-1")
    actor = svc.authenticate(db, "王小明", "long-enough-1")
    assert actor.user_id == uid and actor.role == "reviewer"


def test_an_administrator_cannot_remove_their_own_role(db: Database, staff: Staff) -> None:
    with pytest.raises(ValidationError, match="your own administrator role"):
        svc.set_user_role(db, staff.admin, "admin", "desk")
    assert _user(db, "admin").role == "administrator"


def test_a_session_outliving_its_users_rights_changes_nothing(db: Database, staff: Staff) -> None:
    """A desk left logged in: deactivated, or given another role, by an administrator meanwhile;
    its next write is refused with a sentence and rolls back (issue 16.10)."""
    from aitown.errors import PermissionDenied
    from aitown.services import teams
    from tests.aitown.services.test_teams import code, team_values

    def values(n: int) -> dict[str, object]:
        return team_values(name_zh=f"上海第{n}智能科技有限公司", uscc=code(f"91310104MA1FL000{n}"))

    teams.create_team(db, staff.desk, values(1))  # still allowed
    svc.set_user_role(db, staff.admin, "desk1", "desk", active=False)
    with pytest.raises(PermissionDenied, match="deactivated"):
        teams.create_team(db, staff.desk, values(2))
    svc.set_user_role(db, staff.admin, "desk1", "reviewer", active=True)
    with pytest.raises(PermissionDenied, match="role was changed to reviewer"):
        teams.create_team(db, staff.desk, values(3))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Team)) == 1
    fresh = svc.authenticate(db, "desk1", STAFF_PASSWORD)
    assert fresh.role == "reviewer"
