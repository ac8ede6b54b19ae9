"""``audit verify`` compares the data with the log: a user promoted, an amount multiplied, a pool
changed, a notice slipped in or removed with an SQL tool — each is named by record, while the hash
chain alone still reads intact."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from aitown.cli import main as cli_main
from aitown.db import Database
from aitown.services import applications as apps
from aitown.services import notices, users
from aitown.services.audit import verify_chain
from aitown.services.audit_state import compare_with_log
from tests.aitown.makers import pass_publicity
from tests.aitown.services.test_applications import admitted_team
from tests.conftest import Staff


def _busy(db: Database, staff: Staff) -> list[int]:
    users.create_user(db, staff.admin, "desk3", "desk", "long-enough-1")
    users.set_user_role(db, staff.admin, "desk3", "reviewer")
    ids = []
    for n in range(4):
        team_id = admitted_team(db, staff, body=f"91310104MA1FL{n:04d}")
        app_id = apps.record_application(db, staff.desk, team_id, "startup_grant").application_id
        apps.submit_application(db, staff.desk, app_id)
        ids.append(app_id)
    apps.approve_application(db, staff.reviewer, ids[0], "ok")
    apps.approve_application(db, staff.reviewer, ids[1], "ok")
    apps.approve_application(db, staff.reviewer, ids[2], "ok")
    pass_publicity(db, staff.admin)
    apps.disburse_application(db, staff.admin, ids[1])
    apps.disburse_application(db, staff.admin, ids[2])
    apps.revoke_application(db, staff.admin, ids[2], "left the town")
    apps.reject_application(db, staff.reviewer, ids[3], "not this year")
    notices.issue_notice(db, staff.admin, ids[0])
    notices.issue_notice(db, staff.admin, ids[3])
    return ids


def _sql(db: Database, sql: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql))


def test_an_honest_database_agrees_with_its_log(any_db: Database, any_staff: Staff) -> None:
    _busy(any_db, any_staff)
    assert compare_with_log(any_db) == []


TAMPERING = {
    "promote a user": (
        "UPDATE app_user SET role = 'administrator' WHERE name = 'desk1'",
        "User desk1 (no. {desk1}) is administrator in the database, but the audit log says desk "
        "staff",
    ),
    "grant personal data": (
        "UPDATE app_user SET may_see_personal_data = TRUE WHERE name = 'desk2'",
        "User desk2 (no. {desk2}) is desk staff, may see personal data in the database, but the "
        "audit log says desk staff:",
    ),
    "add an administrator": (
        "INSERT INTO app_user (office_id, name, full_name, role, password_hash, active, "
        "failed_logins, may_see_personal_data, created_at, uid, version) SELECT office_id, "
        "'mallory', '', 'administrator', password_hash, TRUE, 0, TRUE, created_at, uid || 'x', 1 "
        "FROM app_user "
        "WHERE name = 'admin'",
        "User mallory (no. ",
    ),
    "multiply an amount": (
        "UPDATE application SET amount = amount * 10 WHERE id = {app0}",
        "Application {app0} is approved, 1,000,000.00 yuan in the database, but the audit log says "
        "approved, 100,000.00 yuan",
    ),
    "approve by hand": (
        "UPDATE application SET status = 'approved' WHERE id = {app3}",
        "Application {app3} is approved, 100,000.00 yuan in the database, but the audit log says "
        "rejected",
    ),
    "move pool money": (
        "UPDATE budget_pool SET committed = 0 WHERE kind = 'startup_grant'",
        "The start-up grant pool holds total",
    ),
    "remove a notice": (
        "DELETE FROM notice WHERE application_id = {app3}",
        "Notice ",
    ),
}


@pytest.mark.parametrize("attack", list(TAMPERING))
def test_data_changed_behind_the_applications_back_is_named(
    db: Database, staff: Staff, attack: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _busy(db, staff)
    names = {
        "desk1": staff.desk.user_id,
        "desk2": staff.desk2.user_id,
        **{f"app{i}": a for i, a in enumerate(ids)},
    }
    sql, expected = TAMPERING[attack]
    _sql(db, sql.format(**names))
    assert verify_chain(db)[1] == []  # the chain alone sees nothing
    problems = compare_with_log(db)
    assert problems and any(p.message.startswith(expected.format(**names)) for p in problems), [
        p.message for p in problems
    ]
    for p in problems:  # the Chinese names roles, statuses and pools in words, not codes
        zh = re.sub(r"desk\d", "", p.message_zh)  # the user names stay as they are
        assert not re.search(r"administrator|desk|approved|rejected|startup_grant", zh), zh

    assert cli_main(["audit", "verify", "--db", str(db.sqlite_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(expected.format(**names)) for line in out)
    assert out[-1].endswith("problems: the data was changed outside the application.")


def test_a_notice_slipped_in_is_named(db: Database, staff: Staff) -> None:
    ids = _busy(db, staff)
    _sql(
        db,
        "INSERT INTO notice (office_id, kind, team_id, application_id, doc_year, doc_serial, "
        "doc_number, sha256, verification_code, content_json, pdf, issued_by, issued_at, uid) "
        "SELECT office_id, kind, team_id, application_id, doc_year, doc_serial + 100, "
        "doc_number || '-forged', sha256, verification_code, content_json, pdf, issued_by, "
        f"issued_at, uid || 'x' FROM notice WHERE application_id = {ids[0]}",
    )
    messages = [p.message for p in compare_with_log(db)]
    assert len(messages) == 1 and "was never issued through the application" in messages[0]
    assert "-forged" in messages[0]
