"""The demo office (60 teams) loaded once per test module; each test gets its own copy of the file.

Loading the demo takes seconds (every write goes through the services), so a module builds it
once from the staffed template and the ``demo_db`` fixture copies it over the test's ``db``, as
tests/conftest.py's ``staff`` does with the staffed template. Import both fixtures into the test
module under their names: ``demo_db = demo_copies.demo_db`` (and ``demo_template``).

One person is a member of two teams and holds a talent award in the first: what §7.3 follows
across teams by identity-card number.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from aitown.db import Database
from aitown.demo import load_demo
from aitown.models import Application, Member, Team
from aitown.schema import open_database
from aitown.services.members import add_member
from tests.conftest import Staff

DEMO_TEAMS = 60


@pytest.fixture(scope="module")
def demo_template(
    staffed_template: tuple[Path, Staff], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Staff, int]:
    """(the demo file, the staff, the team the talent-award holder also joined)."""
    template, people = staffed_template
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(template, path)
    database = open_database(path)
    load_demo(database, people.admin, teams=DEMO_TEAMS, seed=11)
    with database.read() as s:
        holder = s.execute(
            select(Member.team_id, Member.name, Member.id_number)
            .join(Application, Application.member_id == Member.id)
            .where(Application.benefit == "talent_award", Application.status == "approved")
            .order_by(Application.id)
        ).first()
        assert holder is not None, "the demo has no approved talent award any more"
        other = s.scalar(
            select(Team.id).where(Team.id != holder.team_id, Team.status == "admitted").limit(1)
        )
    assert other is not None
    add_member(
        database,
        people.admin,
        other,
        {
            "name": holder.name,
            "id_number": holder.id_number,
            "joined_on": dt.date.today() - dt.timedelta(days=400),
            "talent_tier": "B",
        },
    )
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path, people, other


@pytest.fixture
def demo_db(db: Database, staff: Staff, demo_template: tuple[Path, Staff, int]) -> Database:
    """``db`` holding a fresh copy of the demo office (after ``staff`` put the staffed template
    there, which the demo file extends)."""
    template = demo_template[0]
    target = db.sqlite_path
    assert target is not None
    db.dispose()  # no connection may hold the old file while it is replaced
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return db
