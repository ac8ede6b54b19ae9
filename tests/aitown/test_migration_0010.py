"""A database made before 0010_lease_handover upgrades: its leases stay as they were (none is a
renewal), every unit is vacant or leased by its leases, and renewals, holds and hand-overs work."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from aitown.enums import UnitState
from aitown.models import Lease
from aitown.schema import known_revisions, open_database, schema_revision
from aitown.services.actor import Actor
from aitown.services.handover import HandoverInput, handover_sheet, record_handover
from aitown.services.lease_lifecycle import leases_ending, renew_lease
from aitown.services.unit_board import unit_board
from aitown.services.unit_holds import hold_unit
from tests.aitown.dbfiles import insert_office_at_0001, make_db_at_revision

TODAY = dt.date.today()


def test_a_database_at_0007_upgrades_and_its_leases_work(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_db_at_revision(path, "0007_notice_seal")
    insert_office_at_0001(path)
    start, end = TODAY - dt.timedelta(days=300), TODAY + dt.timedelta(days=20)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "INSERT INTO team (id, name_zh, name_en, uscc, legal_rep, founded_on, district, "
            "headcount, ai_focus, phone, email, status, admitted_on, notes, created_at, "
            "updated_at, version, uid, office_id) VALUES (1, '上海旧库科技有限公司', '', "
            "'91310104MA1FL00001', '', '2020-01-01', '', 5, '', '', '', 'admitted', ?, '', "
            "'2025-01-01 00:00:00', '2025-01-01 00:00:00', 1, 'u-team-1', 1)",
            (start.isoformat(),),
        )
        for sid, unit in ((1, "101"), (2, "102")):
            conn.execute(
                "INSERT INTO space (id, building, unit, area_hundredths, monthly_rent, active, "
                "version, uid, office_id) VALUES (?, '1号楼', ?, 8000, 800000, 1, 1, ?, 1)",
                (sid, unit, f"u-space-{sid}"),
            )
        conn.execute(
            "INSERT INTO lease (id, team_id, space_id, start_on, end_on, monthly_rent, version, "
            "uid, office_id) VALUES (1, 1, 1, ?, ?, 800000, 1, 'u-lease-1', 1)",
            (start.isoformat(), end.isoformat()),
        )
        conn.commit()
    db = open_database(path)
    try:
        assert schema_revision(db) == known_revisions()[1]
        with db.read() as s:
            assert s.get(Lease, 1).renews_lease_id is None
        board = {c.unit: c.state for c in unit_board(db)}
        assert board == {"101": UnitState.LEASED, "102": UnitState.VACANT}
        assert [e.lease_id for e in leases_ending(db, 30)] == [1]
        admin = Actor(user_id=None, name="admin", role="administrator", office_id=1)
        renewal = renew_lease(db, admin, 1, end + dt.timedelta(days=365))
        assert renewal.starts_on == end + dt.timedelta(days=1)
        assert leases_ending(db, 30) == []
        hold_unit(db, admin, 2, "repair")
        assert {c.unit: c.state for c in unit_board(db)}["102"] == UnitState.REPAIR
        record_handover(db, admin, 1, "move_in", HandoverInput(handed_on=start, keys=2))
        assert handover_sheet(db, 1).move_in is not None
    finally:
        db.dispose()
