"""Migration 0008_materials on a database made before it: applications keep their states, the
old drafts need their materials, what was already submitted or decided goes on unblocked."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from aitown.errors import ValidationError
from aitown.models import Application
from aitown.schema import _alembic_config, known_revisions, open_database, schema_revision
from aitown.services import applications as apps
from aitown.services import materials as mat
from aitown.services import review_steps as review
from aitown.services.notices import issue_notice
from tests.aitown.notices.notice_cases import admitted_team, voucher_terms
from tests.conftest import Staff

pytestmark = pytest.mark.materials


def _downgrade_to_0007(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0007_notice_seal")
    finally:
        engine.dispose()


def test_an_old_database_upgrades_with_its_applications(db, staff: Staff, db_path: Path):
    team = admitted_team(db, staff, 1)
    ids = {}
    for n, state in enumerate(("draft", "submitted", "approved")):
        rec = apps.record_application(
            db, staff.desk, team, "compute_voucher", **voucher_terms(str(100000 + n))
        )
        ids[state] = rec.application_id
        if state != "draft":
            mat.mark_all_seen(db, staff.desk, rec.application_id)
            apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, ids["approved"])
    issue_notice(db, staff.admin, ids["approved"])  # a notice refers to the application
    db.dispose()
    _downgrade_to_0007(db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "material_blob" not in tables and "application_attachment" not in tables
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name='application'").fetchone()[0]
        assert "'returned'" not in sql

    old = open_database(db_path)  # upgrades (after its backup copy)
    try:
        assert schema_revision(old) == known_revisions()[1]  # the head, past 0008
        assert old.upgrade_backup is not None
        with old.read() as s:
            states = {k: s.get(Application, v).status for k, v in ids.items()}
            assert all(s.get(Application, v).verified_contract_amount is None for v in ids.values())
        assert states == {"draft": "draft", "submitted": "submitted", "approved": "approved"}
        with closing(sqlite3.connect(db_path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The submitted one goes on to a decision (and may be returned: the new status is allowed).
        assert (
            review.return_for_correction(old, staff.reviewer, ids["submitted"], ["invoice"], "x")
            == 1
        )
        # The old draft needs its materials like a new one.
        with pytest.raises(ValidationError, match="materials are missing"):
            apps.submit_application(old, staff.desk, ids["draft"])
        mat.mark_all_seen(old, staff.desk, ids["draft"])
        apps.submit_application(old, staff.desk, ids["draft"])
    finally:
        old.dispose()
    # The CHECK constraint still refuses a status nobody knows.
    with closing(sqlite3.connect(db_path)) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE application SET status = 'lost' WHERE id = ?", (ids["draft"],))


def test_returned_status_on_postgresql(any_db, any_staff: Staff):
    team = admitted_team(any_db, any_staff, 1)
    app_id = apps.record_application(
        any_db, any_staff.desk, team, "compute_voucher", **voucher_terms()
    ).application_id
    mat.mark_all_seen(any_db, any_staff.desk, app_id)
    apps.submit_application(any_db, any_staff.desk, app_id)
    review.return_for_correction(any_db, any_staff.reviewer, app_id, ["contract"], "unsigned")
    with any_db.read() as s:
        assert s.get(Application, app_id).status == "returned"
