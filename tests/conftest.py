"""Shared fixtures: a fresh temporary SQLite database per test, the real PostgreSQL server when
AITOWN_TEST_PG_URL names one, and the three kinds of users."""

from __future__ import annotations

import os

# Before anything imports Qt: run headless.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AITOWN_LANG", "en")

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from aitown.db import Database
from aitown.schema import open_database
from aitown.services.actor import Actor

ADMIN_PASSWORD = "admin-pass-1"
STAFF_PASSWORD = "staff-pass-1"


@dataclass
class Staff:
    admin: Actor
    desk: Actor
    reviewer: Actor
    desk2: Actor


def make_staff(db: Database) -> Staff:
    """Set up the office with an administrator, two desk users and a reviewer."""
    from aitown.services.office import initialise_office
    from aitown.services.users import authenticate, create_user

    admin = initialise_office(
        db,
        code="XH01",
        name_zh="徐汇区人工智能孵化中心",
        name_en="Xuhui AI Town Incubation Centre",
        doc_prefix="徐汇AI孵",
        admin_name="admin",
        admin_password=ADMIN_PASSWORD,
    )
    create_user(db, admin, "desk1", "desk", STAFF_PASSWORD)
    create_user(db, admin, "desk2", "desk", STAFF_PASSWORD)
    create_user(db, admin, "reviewer1", "reviewer", STAFF_PASSWORD)
    return Staff(
        admin=admin,
        desk=authenticate(db, "desk1", STAFF_PASSWORD),
        reviewer=authenticate(db, "reviewer1", STAFF_PASSWORD),
        desk2=authenticate(db, "desk2", STAFF_PASSWORD),
    )


@pytest.fixture(scope="session", autouse=True)
def _materials_check_off() -> Iterator[Callable[..., object]]:
    """Tests written before issue 13 submit applications without handing in any papers (some in
    module-scoped fixtures): for them the materials check is off from the session's start. A test
    marked ``materials`` (all of issue 13's) has it on; this yields the real check for that."""
    from aitown.services import materials

    real = materials.require_materials_for_submit
    patch = pytest.MonkeyPatch()
    patch.setattr(
        materials, "require_materials_for_submit", lambda s, app: materials.materials_of(s, app)
    )
    yield real
    patch.undo()


@pytest.fixture(autouse=True)
def _materials_check(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    _materials_check_off: Callable[..., object],
) -> None:
    if request.node.get_closest_marker("materials") is not None:
        from aitown.services import materials

        monkeypatch.setattr(materials, "require_materials_for_submit", _materials_check_off)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path, create=True)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def staffed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Staff]:
    """One staffed SQLite database made once per test session (argon2 hashing is deliberately
    slow); each test that asks for ``staff`` gets its own copy of the file."""
    path = tmp_path_factory.mktemp("template") / "staffed.sqlite"
    database = open_database(path, create=True)
    people = make_staff(database)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path, people


@pytest.fixture
def staff(db: Database, staffed_template: tuple[Path, Staff]) -> Staff:
    template, people = staffed_template
    target = db.sqlite_path
    assert target is not None
    db.dispose()  # no connection may hold the old file while it is replaced
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return people


def pg_base_url() -> str | None:
    url = os.environ.get("AITOWN_TEST_PG_URL")
    if not url:
        if os.environ.get("AITOWN_REQUIRE_PG") == "1":
            pytest.fail(
                "AITOWN_REQUIRE_PG=1 but AITOWN_TEST_PG_URL is not set: start PostgreSQL (./dev test does)."
            )
        pytest.skip("PostgreSQL tests need AITOWN_TEST_PG_URL (./dev test starts a server).")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    base = make_url(pg_base_url())
    name = f"aitown_test_{uuid.uuid4().hex[:12]}"
    admin_engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name)
    yield url.render_as_string(hide_password=False)
    with admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin_engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The same test on a temporary SQLite file and on the real PostgreSQL server."""
    if request.param == "sqlite":
        database = open_database(tmp_path / "desk.sqlite", create=True)
    else:
        database = open_database(request.getfixturevalue("pg_url"), create=True)
    yield database
    database.dispose()


@pytest.fixture
def any_staff(any_db: Database) -> Staff:
    return make_staff(any_db)
