"""Opening a database: create it, upgrade an older one (after a backup copy), refuse a foreign one.

A file that is not an SQLite database, a database of another application, or one written by a
newer version of AI Town Desk is refused with a sentence and left exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from aitown import migrations
from aitown.db import Database, resolve_url
from aitown.errors import DatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
OUR_TABLES = {"office", "team", "audit_event"}


if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

# alembic (with mako and pygments, a fifth of the application's start) is imported only to
# upgrade: opening a database of the current schema reads the revision ids from the scripts'
# `revision = "…"` / `down_revision = …` lines (tests/aitown/test_schema.py compares the two).
_REVISION_LINE = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_LINE = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    return cfg


@functools.cache
def known_revisions() -> tuple[list[str], str]:
    """All revisions this version knows (newest first), and the newest (head); read once."""
    parents: dict[str, list[str]] = {}
    for script in sorted((Path(migrations.__file__).parent / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        found = _REVISION_LINE.search(source)
        if found is None:
            continue
        down = _DOWN_LINE.search(source)
        parents[found.group(1)] = _QUOTED.findall(down.group(1)) if down else []
    below = {p for ps in parents.values() for p in ps}
    heads = [r for r in parents if r not in below]
    assert len(heads) == 1, f"the migrations have {len(heads)} heads: {heads}"
    order: list[str] = []
    todo = heads[:]
    while todo:  # newest first, as alembic walks them
        rev = todo.pop(0)
        if rev not in order:
            order.append(rev)
            todo.extend(parents.get(rev, []))
    return order, heads[0]


def _current_revision(conn: Connection) -> str | None:
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    if not path.exists():
        if not create:
            raise DatabaseError(
                f"There is no database at {path}: create it with “aitown-cli init” "
                "or start the application once.",
                f"{path} 处没有数据库：请用“aitown-cli init”创建，或先启动一次应用程序。",
            )
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(
                f"Cannot create the database in {path.parent}: the folder is not writable.",
                f"无法在 {path.parent} 中创建数据库：该文件夹不可写。",
            )
        return
    if path.is_dir():
        raise DatabaseError(
            f"{path} is a folder, not a database file; give the path of a .sqlite file.",
            f"{path} 是文件夹而不是数据库文件，请给出 .sqlite 文件的路径。",
        )
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header and header != SQLITE_MAGIC:
        raise DatabaseError(
            f"The file {path} is not an AI Town Desk database (it is not an SQLite file); "
            "it was left untouched. Choose the right file.",
            f"文件 {path} 不是 AI Town Desk 数据库（不是 SQLite 文件），未作任何改动，请选择正确的文件。",
        )
    if header and path.stat().st_size % 512 != 0:
        raise DatabaseError(
            f"The database {path} is truncated or damaged; it was left untouched. Restore a backup.",
            f"数据库 {path} 不完整或已损坏，未作任何改动，请恢复备份。",
        )


def read_only_connection(path: Path) -> sqlite3.Connection:
    """An sqlite3 connection that cannot change the file, nor create -wal/-shm files beside it."""
    uri = f"{path.absolute().as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists():
        # Nothing in a write-ahead log to miss, so SQLite may treat the file as unchangeable.
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True)


def _refuse_foreign_before_opening(path: Path) -> None:
    """Refuse a truncated, foreign or newer file before the engine opens it: the engine switches
    the file to WAL mode on connect, which would already change a file we must leave untouched."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100:
        return  # an empty file: a new database
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if page_size and pages and path.stat().st_size < page_size * pages:
        raise DatabaseError(
            f"The database {path} is truncated or damaged; it was left untouched. Restore a backup.",
            f"数据库 {path} 不完整或已损坏，未作任何改动，请恢复备份。",
        )
    try:
        conn = read_only_connection(path)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"The file {path} is damaged or is not an AI Town Desk database; "
            "it was left untouched. Restore a backup.",
            f"文件 {path} 已损坏或不是 AI Town Desk 数据库，未作改动，请恢复备份。",
        ) from exc
    if not tables:
        return
    if "alembic_version" not in tables or not tables >= OUR_TABLES:
        raise DatabaseError(
            f"The database {path} belongs to another application, not AI Town Desk; "
            "it was left untouched. Choose the right file.",
            f"数据库 {path} 属于其他应用程序，不是 AI Town Desk 的，未作改动，请选择正确的文件。",
        )
    current = row[0] if row else None
    if current not in known_revisions()[0]:
        raise DatabaseError(
            f"The database {path} was written by a newer version of AI Town Desk "
            f"(schema {current}); install that version to open it. It was left untouched.",
            f"数据库 {path} 由更新版本的 AI Town Desk 写入（结构版本 {current}），"
            "请安装该版本后再打开，数据库未作改动。",
        )


def backup_before_upgrade(path: Path, from_rev: str) -> Path:
    """Copy an SQLite database beside itself before a schema upgrade; return the copy's path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = path.with_name(
        f"{path.stem}.before-upgrade-{from_rev}-{stamp}{path.suffix or '.sqlite'}"
    )
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return dest


def open_database(
    target: str | os.PathLike[str] | URL | None = None, *, create: bool = False
) -> Database:
    """Open (and if needed create or upgrade) the database named by ``--db``/``AITOWN_DB``/default.

    ``create`` allows making a new empty database. An older schema is upgraded after a backup copy
    (SQLite) — the copy's path is kept in ``db.upgrade_backup``.
    """
    url = target if isinstance(target, URL) else resolve_url(target)
    sqlite_path: Path | None = None
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        sqlite_path = Path(url.database)
        _check_sqlite_file(sqlite_path, create=create)
        if sqlite_path.exists():
            _refuse_foreign_before_opening(sqlite_path)
    db = Database(url)
    db.upgrade_backup = None  # type: ignore[attr-defined]
    try:
        _prepare(db, sqlite_path, create=create)
    except DatabaseError:
        db.dispose()
        raise
    except DBAPIError as exc:
        db.dispose()
        text = str(exc.orig).lower()
        if "not a database" in text or "malformed" in text or "disk image" in text:
            raise DatabaseError(
                f"The file {db.describe()} is damaged or is not an AI Town Desk database; "
                "it was left untouched. Restore a backup.",
                f"文件 {db.describe()} 已损坏或不是 AI Town Desk 数据库，未作改动，请恢复备份。",
            ) from exc
        if "readonly" in text or "read-only" in text:
            raise DatabaseError(
                f"The database {db.describe()} is read-only and needs an upgrade: "
                "make it writable, then open it again.",
                f"数据库 {db.describe()} 为只读且需要升级：请设为可写后再打开。",
            ) from exc
        if "connect" in text or "connection" in text:
            raise DatabaseError(
                f"Cannot reach the database server {db.describe()}: check the address, the password "
                "and that the server is running.",
                f"无法连接数据库服务器 {db.describe()}：请检查地址、密码及服务器是否运行。",
            ) from exc
        raise
    return db


def _prepare(db: Database, sqlite_path: Path | None, *, create: bool) -> None:
    revisions, head = known_revisions()
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        current = _current_revision(conn) if "alembic_version" in tables else None
        conn.rollback()
    if not tables:
        if not create:
            raise DatabaseError(
                f"The database {db.describe()} is empty: initialise it with “aitown-cli init”.",
                f"数据库 {db.describe()} 为空：请用“aitown-cli init”初始化。",
            )
        upgrade_database(db)
        return
    if "alembic_version" not in tables or not tables >= OUR_TABLES:
        raise DatabaseError(
            f"The database {db.describe()} belongs to another application, not AI Town Desk; "
            "it was left untouched. Choose the right file.",
            f"数据库 {db.describe()} 属于其他应用程序，不是 AI Town Desk 的，未作改动，请选择正确的文件。",
        )
    if current not in revisions:
        raise DatabaseError(
            f"The database {db.describe()} was written by a newer version of AI Town Desk "
            f"(schema {current}); install that version to open it. It was left untouched.",
            f"数据库 {db.describe()} 由更新版本的 AI Town Desk 写入（结构版本 {current}），"
            "请安装该版本后再打开，数据库未作改动。",
        )
    if current != head:
        if sqlite_path is not None:
            if not os.access(sqlite_path, os.W_OK):
                raise DatabaseError(
                    f"The database {sqlite_path} needs an upgrade but is read-only: make it writable.",
                    f"数据库 {sqlite_path} 需要升级但为只读：请设为可写。",
                )
            db.upgrade_backup = backup_before_upgrade(sqlite_path, str(current))  # type: ignore[attr-defined]
        upgrade_database(db)


def upgrade_database(db: Database) -> None:
    """Bring the schema to the newest revision (creates every table in an empty database)."""
    from alembic import command

    cfg = _alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def schema_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
