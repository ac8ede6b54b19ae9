"""Migration 0011_rent_accounts: a database from before (with tenants, leases and a granted
rent waiver) upgrades, keeps its data, and its rent accounts start empty and work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect

from aitown.schema import _alembic_config, open_database
from aitown.services.rent_accounts import arrears, record_payment
from aitown.services.rent_statements import rent_statement
from tests.aitown.services.test_lease_end import FULL, RENT, pool, tenant
from tests.conftest import make_staff


def _downgrade(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()


def test_a_database_from_0007_upgrades_with_empty_rent_accounts(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = open_database(path, create=True)
    staff = make_staff(db)
    team_id, _lease, _app = tenant(db, staff)
    db.dispose()
    _downgrade(path, "0007_notice_seal")
    engine = create_engine(f"sqlite:///{path}")
    assert "rent_entry" not in inspect(engine).get_table_names()
    engine.dispose()

    db = open_database(path)
    try:
        assert db.upgrade_backup is not None
        assert pool(db).committed == FULL  # the waiver granted before is kept
        st = rent_statement(db, team_id, "2026-01")
        assert (st.lines[0].due_fen, st.paid_fen, st.opening_fen) == (RENT // 2, 0, 0)
        [row] = arrears(db, as_of=dt.date(2026, 1, 31))
        assert row.arrears_fen == RENT // 2
        record_payment(db, staff.desk, team_id, "5000", on="2026-01-20")
        assert arrears(db, as_of=dt.date(2026, 1, 31)) == []
    finally:
        db.dispose()
