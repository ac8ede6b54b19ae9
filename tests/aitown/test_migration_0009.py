"""Migration 0009_publicity_payments on a database made before it: its approved applications need
no publicity (exempt), their notices can be issued and they can be paid; the pools stay as they
were."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select

from aitown.errors import ConflictError
from aitown.payout_tables import PublicityPeriod
from aitown.schema import _alembic_config, open_database, schema_revision
from aitown.services import applications as apps
from aitown.services import notices, pools
from aitown.services import payments as pay
from tests.aitown.notices.notice_cases import TODAY, admitted_team
from tests.conftest import make_staff

BEFORE = "0007_notice_seal"


def _to_revision(db, revision: str) -> None:
    cfg = _alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_an_old_database_upgrades_with_its_approved_applications_exempt(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = open_database(path, create=True)
    staff = make_staff(db)
    ids = []
    for n in range(3):
        team = admitted_team(db, staff, n)
        rec = apps.record_application(db, staff.desk, team, "startup_grant")
        apps.submit_application(db, staff.desk, rec.application_id)
        ids.append(rec.application_id)
    apps.approve_application(db, staff.reviewer, ids[0])  # approved before the upgrade
    # ids[1] and ids[2] are still submitted when the upgrade runs.
    _to_revision(db, BEFORE)  # what an older version of the desk left behind
    pools_before = pools.list_pools(db)
    db.dispose()
    with db.engine.connect() as conn:
        assert "publicity_period" not in inspect(conn).get_table_names()

    db = open_database(path)
    try:
        assert schema_revision(db) != BEFORE and db.upgrade_backup is not None
        with db.read() as s:
            rows = s.scalars(select(PublicityPeriod)).all()
            assert [(r.application_id, r.status) for r in rows] == [(ids[0], "exempt")]
        assert pools.list_pools(db) == pools_before
        # The old approval is not held back: its award notice, then its payment.
        notices.issue_notice(db, staff.admin, ids[0])
        list_id = pay.build_payment_list(db, staff.admin, "startup_grant")
        pay.pay_payment_list(db, staff.admin, list_id, paid_on=TODAY, reference="R1")
        # One approved after the upgrade needs its publicity.
        apps.approve_application(db, staff.reviewer, ids[1])
        with pytest.raises(ConflictError, match="needs its publicity period first"):
            notices.issue_notice(db, staff.admin, ids[1])
    finally:
        db.dispose()
