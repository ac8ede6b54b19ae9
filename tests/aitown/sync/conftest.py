from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aitown.db import Database
from aitown.schema import open_database
from tests.aitown.sync.cities import Desk, enrol, make_city


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copies of the bundles written go to the data folder: a temporary one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("AITOWN_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three offices and their users per test: argon2 with its cheapest parameters here (the
    product's own are tested in tests/aitown/services/test_users.py)."""
    from argon2 import PasswordHasher

    from aitown.services import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def city_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The city's database: a SQLite file, and the real PostgreSQL server of the test suite."""
    if request.param == "sqlite":
        db = open_database(tmp_path / "city.sqlite", create=True)
    else:
        db = open_database(request.getfixturevalue("pg_url"), create=True)
    yield db
    db.dispose()


@pytest.fixture
def city(city_db: Database) -> Desk:
    return make_city(city_db)


@pytest.fixture
def pd(city: Desk, tmp_path: Path) -> Iterator[Desk]:
    desk = enrol(city, tmp_path, "PD")
    yield desk
    desk.db.dispose()


@pytest.fixture
def xh(city: Desk, tmp_path: Path) -> Iterator[Desk]:
    desk = enrol(city, tmp_path, "XH")
    yield desk
    desk.db.dispose()
