"""A city and its districts for tests: the city on SQLite or the real PostgreSQL, districts on
SQLite files, each with an administrator and a reviewer (four eyes for approvals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from aitown.db import Database
from aitown.models import AuditEvent
from aitown.schema import open_database
from aitown.services import applications as apps
from aitown.services import offices
from aitown.services.actor import Actor
from aitown.services.users import authenticate, create_user
from aitown.sync.tables import CityFact, PeerOffice, SyncBundle, SyncRecord
from tests.aitown.makers import pass_publicity
from tests.aitown.services.test_applications import admitted_team
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD

NAMES = {
    "PD": ("浦东新区人工智能孵化中心", "Pudong office"),
    "XH": ("徐汇区人工智能孵化中心", "Xuhui office"),
}


@dataclass
class Desk:
    """One office: its database, its administrator (also records) and its reviewer."""

    code: str
    db: Database
    admin: Actor
    reviewer: Actor

    @property
    def desk(self) -> Actor:  # admitted_team() records with .desk and creates units with .admin
        return self.admin


def _reviewer(db: Database, admin: Actor) -> Actor:
    create_user(db, admin, "reviewer1", "reviewer", STAFF_PASSWORD)
    return authenticate(db, "reviewer1", STAFF_PASSWORD)


def make_city(db: Database) -> Desk:
    admin = offices.initialise_city(
        db,
        code="SH",
        name_zh="上海市人工智能孵化管理中心",
        name_en="Shanghai city office",
        admin_name="admin",
        admin_password=ADMIN_PASSWORD,
    )
    return Desk("SH", db, admin, _reviewer(db, admin))


def enrol(city: Desk, folder: Path, code: str) -> Desk:
    zh, en = NAMES[code]
    path = offices.add_district(
        city.db, city.admin, code, name_zh=zh, name_en=en, out=folder / f"{code}.enrol"
    )
    db = open_database(folder / f"{code}.sqlite", create=True)
    admin = offices.initialise_district(
        db, offices.read_enrolment(path), admin_name="admin", admin_password=ADMIN_PASSWORD
    )
    return Desk(code, db, admin, _reviewer(db, admin))


def grant(desk: Desk, uscc_body: str, benefit: str = "startup_grant") -> int:
    """An admitted team of ``uscc_body`` with an approved ``benefit``; the application's id."""
    team_id = admitted_team(desk.db, desk, body=uscc_body)
    rec = apps.record_application(desk.db, desk.admin, team_id, benefit)
    assert rec.result.eligible, rec.result
    apps.submit_application(desk.db, desk.admin, rec.application_id)
    apps.approve_application(desk.db, desk.reviewer, rec.application_id, "meets the rules")
    pass_publicity(desk.db, desk.admin)  # so that its award notice may be issued (issue 13.5)
    return rec.application_id


def city_state(db: Database) -> tuple[object, ...]:
    """What an import would change on the city, to compare before and after a refusal."""
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(SyncRecord)),
            s.scalar(select(func.count()).select_from(CityFact)),
            s.scalar(select(func.count()).select_from(SyncBundle)),
            # a log-in is recorded whatever happens next
            s.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action != "login")
            ),
            tuple(
                s.execute(
                    select(PeerOffice.code, PeerOffice.last_received_seq).order_by(PeerOffice.code)
                ).all()
            ),
        )
