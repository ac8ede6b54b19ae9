"""The engine: where the database is, SQLite's settings (WAL, foreign keys, busy timeout, BEGIN
IMMEDIATE), money columns that refuse floats, and driver errors turned into sentences."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, text
from sqlalchemy.exc import IntegrityError, StatementError

from aitown.db import BUSY_TIMEOUT_MS, Database, Money, resolve_url
from aitown.errors import ConflictError, DatabaseError
from aitown.models import Member, Setting
from aitown.schema import open_database
from aitown.services.teams import create_team
from tests.aitown.dbfiles import checkpoint
from tests.aitown.makers import team_values
from tests.conftest import Staff

# --- where the database is --------------------------------------------------------------------------


def test_a_path_becomes_a_sqlite_url(tmp_path: Path) -> None:
    url = resolve_url(tmp_path / "我的数据.sqlite")
    assert url.drivername == "sqlite+pysqlite"
    assert url.database == str(tmp_path / "我的数据.sqlite")


def test_home_is_expanded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_url("~/desk.sqlite").database == str(tmp_path / "desk.sqlite")


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    url = resolve_url("postgresql://desk:secret@db.example/aitown")
    assert url.drivername == "postgresql+psycopg"
    assert Database(url).describe() == "postgresql+psycopg://desk:***@db.example/aitown"


def test_environment_then_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AITOWN_DB", str(tmp_path / "from-env.sqlite"))
    assert resolve_url(None).database == str(tmp_path / "from-env.sqlite")
    assert resolve_url(tmp_path / "flag.sqlite").database == str(tmp_path / "flag.sqlite")
    monkeypatch.delenv("AITOWN_DB")
    monkeypatch.setenv("AITOWN_DATA_DIR", str(tmp_path / "data"))
    assert resolve_url(None).database == str(tmp_path / "data" / "aitown.sqlite")


# --- SQLite settings --------------------------------------------------------------------------------


def _pragma(db: Database, name: str) -> object:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db: Database) -> None:
    assert _pragma(db, "journal_mode") == "wal"
    assert _pragma(db, "foreign_keys") == 1
    assert _pragma(db, "busy_timeout") == BUSY_TIMEOUT_MS


def test_busy_timeout_from_argument_or_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.sqlite"
    assert _pragma(Database(f"sqlite:///{path}", busy_timeout_ms=1234), "busy_timeout") == 1234
    monkeypatch.setenv("AITOWN_BUSY_TIMEOUT_MS", "2500")
    assert _pragma(Database(f"sqlite:///{path}"), "busy_timeout") == 2500
    monkeypatch.setenv("AITOWN_BUSY_TIMEOUT_MS", "soon")  # nonsense falls back to the default
    assert Database(f"sqlite:///{path}").busy_timeout_ms == BUSY_TIMEOUT_MS


def test_foreign_keys_are_enforced(db: Database, staff: Staff) -> None:
    import datetime as dt

    with pytest.raises(IntegrityError), db.write() as s:
        s.add(Member(office_id=1, team_id=424242, name="无人", joined_on=dt.date(2024, 1, 1)))


def test_a_write_session_takes_the_write_lock_at_its_first_statement(db: Database) -> None:
    """BEGIN IMMEDIATE: even a write session that has only read so far blocks other writers, so
    two desks never both read, then fail half-way when both try to write."""
    path = db.sqlite_path
    assert path is not None
    with db.write() as s:
        s.execute(text("SELECT 1"))
        with (
            closing(sqlite3.connect(path, timeout=0.1, isolation_level=None)) as other,
            pytest.raises(sqlite3.OperationalError, match="locked"),
        ):
            other.execute("BEGIN IMMEDIATE")
    with closing(sqlite3.connect(path, timeout=0.1, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # free again once the session ended
        other.execute("ROLLBACK")


def test_read_sessions_do_not_block_writers(db: Database) -> None:
    path = db.sqlite_path
    assert path is not None
    with db.read() as s:
        s.execute(text("SELECT count(*) FROM team")).scalar()
        with closing(sqlite3.connect(path, timeout=0.1, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")


def test_write_rolls_back_on_any_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as s:
        s.add(Setting(key="probe", value="1"))
        s.flush()
        raise RuntimeError("refused half-way")
    with db.read() as s:
        assert s.get(Setting, "probe") is None


# --- money ------------------------------------------------------------------------------------------


@pytest.fixture
def money_table(tmp_path: Path) -> tuple[Database, Table]:
    db = Database(f"sqlite:///{tmp_path / 'money.sqlite'}")
    meta = MetaData()
    table = Table("m", meta, Column("id", Integer, primary_key=True), Column("fen", Money))
    meta.create_all(db.engine)
    return db, table


def test_money_keeps_integer_fen(money_table: tuple[Database, Table]) -> None:
    db, table = money_table
    big = 1_000_000_000_00  # one billion yuan in fen
    with db.engine.begin() as conn:
        conn.execute(table.insert(), [{"fen": 1}, {"fen": big}, {"fen": None}])
        rows = conn.execute(table.select().order_by(table.c.id)).all()
        types = conn.execute(text("SELECT typeof(fen) FROM m ORDER BY id")).scalars().all()
    assert [r.fen for r in rows] == [1, big, None]
    assert types == ["integer", "integer", "null"]


@pytest.mark.parametrize("bad", [1.5, 0.1 + 0.2, True, "100"])
def test_money_refuses_anything_but_int(money_table: tuple[Database, Table], bad: object) -> None:
    db, table = money_table
    with pytest.raises(StatementError, match="integer fen"), db.engine.begin() as conn:
        conn.execute(table.insert(), [{"fen": bad}])


# --- driver errors become sentences ------------------------------------------------------------------


def test_a_locked_database_becomes_the_busy_sentence(db: Database, staff: Staff) -> None:
    path = db.sqlite_path
    assert path is not None
    impatient = Database(db.url, busy_timeout_ms=100)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            held.set()
            release.wait(10)
            conn.execute("ROLLBACK")

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        with pytest.raises(DatabaseError, match="busy with another desk's change"):
            create_team(impatient, staff.desk, team_values(5))
    finally:
        release.set()
        holder.join()
        impatient.dispose()


def test_a_damaged_page_becomes_the_damaged_sentence(db: Database, staff: Staff) -> None:
    for n in range(40):
        create_team(db, staff.desk, team_values(n))
    path = db.sqlite_path
    assert path is not None
    db.dispose()
    checkpoint(path)
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'team'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x00\xff" * (page_size // 2))
    damaged = Database(db.url)
    try:
        with (
            pytest.raises(DatabaseError, match="damaged or is not an AI Town Desk database"),
            damaged.read() as s,
        ):
            s.execute(text("SELECT * FROM team")).all()
    finally:
        damaged.dispose()


def test_a_stale_update_becomes_a_conflict_sentence(db: Database, staff: Staff) -> None:
    """Any service that lets StaleDataError escape still gives the person a sentence."""
    from aitown.models import Team

    team_id = create_team(db, staff.desk, team_values(1))
    with pytest.raises(ConflictError, match="Someone else saved this record"), db.write() as s:
        team = s.get(Team, team_id)
        assert team is not None
        s.execute(text("UPDATE team SET version = version + 1 WHERE id = :id"), {"id": team_id})
        team.headcount = 5
        s.flush()


def test_open_database_twice_in_a_row_is_quick_and_harmless(tmp_path: Path) -> None:
    path = tmp_path / "twice.sqlite"
    open_database(path, create=True).dispose()
    started = time.monotonic()
    again = open_database(path)
    again.dispose()
    assert again.upgrade_backup is None
    assert time.monotonic() - started < 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["twice.sqlite"]
