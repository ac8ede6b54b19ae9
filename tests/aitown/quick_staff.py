"""Faster ``db`` and ``staff`` fixtures: the office and its users are set up once per test session
(argon2 hashing is slow on purpose) and each test gets its own copy of that database file.

Import ``quick_db, quick_staff, staffed_template`` into a test module: they register as the
fixtures ``db`` and ``staff`` there, in place of the ones in tests/conftest.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from aitown.db import Database
from aitown.schema import open_database
from tests.aitown.dbfiles import checkpoint
from tests.conftest import Staff, make_staff


@pytest.fixture(scope="session")
def staffed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Staff]:
    path = tmp_path_factory.mktemp("template") / "desk.sqlite"
    database = open_database(path, create=True)
    try:
        staff = make_staff(database)
    finally:
        database.dispose()
    checkpoint(path)
    return path, staff


@pytest.fixture(name="db")
def quick_db(tmp_path: Path, staffed_template: tuple[Path, Staff]) -> Iterator[Database]:
    path = tmp_path / "desk.sqlite"
    shutil.copyfile(staffed_template[0], path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture(name="staff")
def quick_staff(db: Database, staffed_template: tuple[Path, Staff]) -> Staff:
    return staffed_template[1]
