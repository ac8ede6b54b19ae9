"""Opening databases: create at head, upgrade an older one after a backup copy, refuse anything
that is not ours or is newer — and leave a refused file exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from aitown.db import Database
from aitown.errors import DatabaseError
from aitown.models import Base, Office
from aitown.schema import known_revisions, open_database, schema_revision
from aitown.search_index import PG_SORT_INDEXES
from aitown.services import users
from tests.aitown.dbfiles import (
    PNG_BYTES,
    checkpoint,
    files_in,
    insert_office_at_0001,
    is_root,
    make_db_at_revision,
    make_foreign_sqlite,
    set_revision,
    sha256,
)
from tests.conftest import Staff

HEAD = known_revisions()[1]


def test_new_database_is_created_at_head(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite", create=True)
    try:
        assert schema_revision(db) == HEAD
        assert db.upgrade_backup is None
    finally:
        db.dispose()


def test_missing_database_is_not_created_without_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="There is no database"):
        open_database(tmp_path / "absent.sqlite")
    assert not (tmp_path / "absent.sqlite").exists()


def test_older_database_is_upgraded_after_a_backup_copy(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    make_db_at_revision(path, "0001")
    insert_office_at_0001(path)
    before = sha256(path)

    db = open_database(path)
    try:
        assert schema_revision(db) == HEAD
        with db.read() as s:
            office = s.scalars(select(Office)).one()
            assert (office.code, office.name_zh) == ("XH01", "徐汇区人工智能孵化中心")
            assert office.notice_language == "zh+en"  # the column 0002 added, with its default
        copy = db.upgrade_backup
    finally:
        db.dispose()

    assert copy is not None and copy.parent == path.parent
    assert "before-upgrade-0001" in copy.name
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT code FROM office").fetchall() == [("XH01",)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert before != sha256(path)  # the original was upgraded in place


def _refused_untouched(path: Path, match: str) -> None:
    folder_before = files_in(path.parent) if path.is_file() else None
    with pytest.raises(DatabaseError, match=match) as info:
        open_database(path)
    if folder_before is not None:
        # Same bytes, and no -wal/-shm or upgrade copy appeared beside it.
        assert files_in(path.parent) == folder_before
    assert "\n" not in info.value.message and "Traceback" not in info.value.message


def test_unknown_revision_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    db = open_database(path, create=True)
    db.dispose()
    checkpoint(path)  # a file as another machine would hand it over: no WAL beside it
    set_revision(path, "9999")
    _refused_untouched(path, "newer version of AI Town Desk")


def test_unknown_revision_in_wal_mode_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "newer-wal.sqlite"
    db = open_database(path, create=True)
    db.dispose()
    set_revision(path, "9999")
    before = sha256(path)
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(path)
    assert sha256(path) == before


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("notes.txt", "团队名单\nteam list, not a database\n".encode(), "not an SQLite file"),
        ("seal.png", PNG_BYTES, "not an SQLite file"),
        ("junk.sqlite", bytes(range(256)) * 40, "not an SQLite file"),
    ],
)
def test_files_that_are_not_databases_are_refused(
    tmp_path: Path, name: str, content: bytes, match: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    _refused_untouched(path, match)


def test_truncated_database_is_refused(tmp_path: Path) -> None:
    whole = tmp_path / "whole.sqlite"
    db = open_database(whole, create=True)
    db.dispose()
    checkpoint(whole)
    data = whole.read_bytes()
    for cut in (len(data) // 2, len(data) // 2 + 100, 4096):
        path = tmp_path / f"truncated-{cut}.sqlite"
        path.write_bytes(data[:cut])
        _refused_untouched(path, "truncated or damaged")


def test_database_of_another_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other-app.sqlite"
    make_foreign_sqlite(path)
    _refused_untouched(path, "belongs to another application")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.sqlite"
    folder.mkdir()
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(folder)
    assert list(folder.iterdir()) == []


def test_database_with_our_tables_but_no_revision_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no-rev.sqlite"
    db = open_database(path, create=True)
    db.dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TABLE alembic_version")
        conn.commit()
    checkpoint(path)
    _refused_untouched(path, "another application")


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """Anyone who changes aitown/models.py must add a migration: a database made by the migrations
    must hold exactly what the models describe."""
    db = open_database(tmp_path / "head.sqlite", create=True)
    try:
        _assert_no_schema_differences(db)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_models_and_migrations_agree_on_postgresql(pg_url: str) -> None:
    db = open_database(pg_url, create=True)
    try:
        _assert_no_schema_differences(db)
    finally:
        db.dispose()


SEARCH_TABLES = ("team_search", "team_short")
PG_ONLY_INDEXES = {*PG_SORT_INDEXES, "ix_team_grams", "ix_team_text_trgm"}


def _assert_no_schema_differences(db: Database) -> None:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "compare_server_default": False,
                # The search indexes (migrations 0003, 0013) are the database's own, not models.
                "include_name": lambda name, kind, _parent: (
                    not (
                        (kind == "table" and name is not None and name.startswith(SEARCH_TABLES))
                        or (kind == "index" and name in PG_ONLY_INDEXES)
                    )
                ),
            },
        )
        diffs = compare_metadata(ctx, Base.metadata)
    assert diffs == [], (
        "aitown/models.py and the migrations disagree; add a migration "
        f"(alembic revision --autogenerate) for: {diffs}"
    )


# --- read-only files -------------------------------------------------------------------------------
# Tests run as root in CI, and root writes through chmod 0444. So as root the attempt runs in a
# forked child that has dropped to the "nobody" account first, where the permission bites.


def _as_unprivileged(work: Callable[[], str]) -> str:
    if not is_root():
        return work()
    # The child may not be able to read the package (a clone under /root is private to root):
    # everything it would read from disk is read here first.
    known_revisions()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = work()
        except BaseException as exc:  # report anything to the parent
            result = f"child failed: {type(exc).__name__}: {exc}"
        os.write(write_end, result.encode("utf-8"))
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8")


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the unprivileged child can reach (pytest's own temp folder is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="aitown-readonly-"))
    folder.chmod(0o777)  # the child may make -wal/-shm files here, as a real desk could
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_read_only_database_opens_for_reading_and_refuses_writes(
    shared_folder: Path, staff: Staff, db: Database, journal: str
) -> None:
    db.dispose()
    live = db.sqlite_path
    assert live is not None
    checkpoint(live)
    path = shared_folder / "readonly.sqlite"
    shutil.copyfile(live, path)
    if journal == "wal":
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA journal_mode = WAL")
    path.chmod(0o444)
    before = sha256(path)

    def attempt() -> str:
        ro = open_database(path)
        try:
            names = [u.name for u in users.list_users(ro)]
            try:
                users.set_user_role(ro, staff.admin, "desk1", "reviewer")
                return f"read {names}; WROTE"
            except DatabaseError as exc:
                return f"read {names}; refused: {exc.message}"
        finally:
            ro.dispose()

    outcome = _as_unprivileged(attempt)
    assert outcome.startswith("read ['admin', 'desk1', 'desk2', 'reviewer1']"), outcome
    assert "refused: The database" in outcome and "is read-only" in outcome, outcome
    assert sha256(path) == before


def test_read_only_database_that_needs_an_upgrade_is_refused(shared_folder: Path) -> None:
    folder = shared_folder
    path = folder / "old-readonly.sqlite"
    make_db_at_revision(path, "0001")
    insert_office_at_0001(path)
    path.chmod(0o444)
    before = files_in(folder)

    def attempt() -> str:
        try:
            open_database(path).dispose()
            return "OPENED"
        except DatabaseError as exc:
            return exc.message

    outcome = _as_unprivileged(attempt)
    assert "needs an upgrade but is read-only" in outcome, outcome
    assert files_in(folder) == before


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_an_up_to_date_database_in_a_read_only_folder_opens_read_only(
    shared_folder: Path, staff: Staff, db: Database, journal: str
) -> None:
    """Issue 23: a read-only folder (no -wal/-shm can be made beside the file) gave "read-only and
    needs an upgrade" for an up-to-date database, and nothing could be read."""
    db.dispose()
    live = db.sqlite_path
    assert live is not None
    checkpoint(live)
    folder = shared_folder / "readonly-folder"
    folder.mkdir()
    path = folder / "desk.sqlite"
    shutil.copyfile(live, path)
    if journal == "wal":
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA journal_mode = WAL")
    folder.chmod(0o555)
    before = files_in(folder)

    def attempt() -> str:
        ro = open_database(path)
        try:
            actor = users.authenticate(ro, "desk1", "staff-pass-1")
            names = [u.name for u in users.list_users(ro)]
            try:
                users.set_user_role(ro, staff.admin, "desk1", "reviewer")
                return f"{actor.name} read {names}; WROTE"
            except DatabaseError as exc:
                return f"{actor.name} read {names}; refused: {exc.message}"
        finally:
            ro.dispose()

    try:
        outcome = _as_unprivileged(attempt)
    finally:
        folder.chmod(0o755)
    assert outcome.startswith("desk1 read ['admin', 'desk1', 'desk2', 'reviewer1']"), outcome
    assert "is read-only for this account: it can be looked at, searched and verified" in outcome
    assert "but nothing can be saved" in outcome
    assert files_in(folder) == before
