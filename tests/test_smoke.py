"""Smoke tests for the setup that ./dev installs: the package, Qt headless, the PostgreSQL server."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import aitown
from aitown.money import parse_yuan


def test_package_imports_and_parses_yuan_to_fen() -> None:
    assert aitown.__version__
    assert parse_yuan("1.23") == 123


def _pg_url_or_skip() -> str:
    url = os.environ.get("AITOWN_TEST_PG_URL")
    if url:
        return url
    if os.environ.get("AITOWN_REQUIRE_PG") == "1":
        pytest.fail(
            "AITOWN_REQUIRE_PG=1 but AITOWN_TEST_PG_URL is not set: run the tests with ./dev test"
        )
    pytest.skip("no PostgreSQL test server (AITOWN_TEST_PG_URL); ./dev test starts one")


@pytest.mark.postgres
def test_postgres_test_server_lets_tests_create_their_own_database() -> None:
    # The PostgreSQL fixtures give each test run its own database, so the URL's user must be
    # allowed to CREATE DATABASE and then work inside it.
    admin_url = make_url(_pg_url_or_skip())
    name = f"aitown_smoke_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        scratch = create_engine(admin_url.set(database=name))
        try:
            with scratch.begin() as conn:
                conn.execute(text("CREATE TABLE t (fen BIGINT NOT NULL)"))
                conn.execute(text("INSERT INTO t VALUES (:fen)"), {"fen": parse_yuan("1,234.56")})
            with scratch.connect() as conn:
                assert conn.execute(text("SELECT fen FROM t")).scalar_one() == 123456
                assert conn.execute(text("SELECT current_database()")).scalar_one() == name
        finally:
            scratch.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def test_qt_draws_chinese_text_headless(qtbot) -> None:
    # Proves the system libraries and the CJK font that ./dev installs are enough for Qt: a
    # missing library fails the import, a missing font leaves no Simplified Chinese family.
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QLabel

    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    label = QLabel("人工智能小镇 AI Town")
    qtbot.addWidget(label)
    label.show()
    image = label.grab().toImage()
    assert not image.isNull()
    assert image.width() > 0
