"""Engine and sessions for a SQLite file or any SQLAlchemy URL, and the Money column type.

SQLite runs in WAL mode with foreign keys on and a busy timeout. Write transactions start with
``BEGIN IMMEDIATE`` so that two desks writing at once queue on the lock instead of failing half-way
with "database is locked" at their first write.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.types import TypeDecorator

from aitown.errors import ConflictError, DatabaseError
from aitown.paths import PRIVATE_FILE_MODE, default_db_path, world_writable

BUSY_TIMEOUT_MS = 10_000


class Money(TypeDecorator[int]):
    """An amount in integer fen. Refuses floats so that no rounding error reaches the database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"Money columns take integer fen, not {type(value).__name__}")
        return value

    def process_result_value(self, value: Any, dialect: Any) -> int | None:
        return None if value is None else int(value)


def resolve_url(db: str | os.PathLike[str] | None = None) -> URL:
    """A SQLAlchemy URL from ``--db`` (a path or URL), ``AITOWN_DB``, or the default SQLite file."""
    raw = str(db) if db else os.environ.get("AITOWN_DB") or ""
    if not raw:
        raw = str(default_db_path())
    if "://" in raw:
        url = make_url(raw)
        if url.drivername == "postgresql":
            # psycopg 3 is the driver we ship; plain "postgresql://" would ask for psycopg2.
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite+pysqlite", database=str(Path(raw).expanduser()))


def read_only_uri(path: Path) -> str:
    """The URI that opens an SQLite file without ever writing to it or beside it."""
    uri = f"{path.absolute().as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists():
        # Nothing in a write-ahead log to miss, so SQLite may treat the file as unchangeable
        # (and needs no -shm file, which a read-only folder could not hold).
        uri += "&immutable=1"
    return uri


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def busy_timeout_from_env() -> int:
    """How long a desk waits for another desk's write (ms): ``AITOWN_BUSY_TIMEOUT_MS`` or 10 s."""
    try:
        return max(0, int(os.environ.get("AITOWN_BUSY_TIMEOUT_MS", "")))
    except ValueError:
        return BUSY_TIMEOUT_MS


def _install_sqlite_pragmas(engine: Engine, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite's implicit transactions defer the write lock).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys = ON")
        try:
            cur.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            pass  # a read-only file cannot switch modes; reads still work
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("aitown_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _create_private_file(engine: Engine, path: Path) -> None:
    """A new database file is made 600 before SQLite opens it; SQLite then gives its -wal and
    -shm files the database file's permissions."""

    @event.listens_for(engine, "do_connect")
    def _before_connect(*_args: Any) -> None:
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        except OSError:
            pass  # it exists already, or SQLite will explain why the folder cannot hold it


def _missing_driver(url: URL, exc: ModuleNotFoundError) -> DatabaseError:
    """The sentence for a database driver that is not installed (psycopg for PostgreSQL)."""
    if url.get_backend_name() == "postgresql":
        return DatabaseError(
            "The PostgreSQL driver psycopg is not installed with this copy of AI Town Desk: "
            "install the “postgresql” extra (pip install 'aitown-desk[postgresql]') into its "
            "Python environment, then try again.",
            "此 AI Town Desk 未安装 PostgreSQL 驱动 psycopg：请在其 Python 环境中安装 "
            "“postgresql”附加组件（pip install 'aitown-desk[postgresql]'）后重试。",
        )
    return DatabaseError(
        f"The database driver {exc.name} for {url.drivername} is not installed; install it into "
        "AI Town Desk's Python environment, or use SQLite or PostgreSQL.",
        f"未安装 {url.drivername} 所需的数据库驱动 {exc.name}：请将其安装到 AI Town Desk 的 Python "
        "环境中，或改用 SQLite 或 PostgreSQL。",
    )


def refuse_world_writable(path: Path) -> None:
    """Refuse a database file (or its write-ahead log) that every account may change."""
    for candidate in (path, Path(f"{path}-wal")):
        try:
            if not world_writable(candidate):
                continue
        except OSError:
            continue  # not there
        raise DatabaseError(
            f"The database {path} can be changed by every account on this computer, so its data "
            f"and audit log cannot be trusted; it was not opened. Make it private (chmod 600 "
            f"{candidate}) and check it with “aitown-cli audit verify”.",
            f"数据库 {path} 可被本机所有账户修改，其数据和审计日志不可信，未打开。"
            f"请将其设为私有（chmod 600 {candidate}），并用“aitown-cli audit verify”检查。",
        )


class Database:
    """One database: its engine, and sessions for reading and for writing.

    ``read()`` and ``write()`` are context managers; ``write()`` commits on success and rolls back
    on any exception, so a refused step leaves the data as it was.
    """

    def __init__(
        self,
        url: URL | str,
        *,
        echo: bool = False,
        busy_timeout_ms: int | None = None,
        read_only: bool = False,
    ):
        self.url = make_url(url) if isinstance(url, str) else url
        # A read-only SQLite file or folder: opened with mode=ro, so reading needs no -wal/-shm
        # files it could not make; every write is refused with a sentence.
        self.read_only = read_only and is_sqlite(self.url)
        self.busy_timeout_ms = (
            busy_timeout_ms if busy_timeout_ms is not None else busy_timeout_from_env()
        )
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if is_sqlite(self.url):
            kwargs["connect_args"] = {
                "timeout": self.busy_timeout_ms / 1000,
                "check_same_thread": False,
            }
            if self.read_only and self.url.database:
                uri = read_only_uri(Path(self.url.database))
                timeout = self.busy_timeout_ms / 1000
                kwargs["creator"] = lambda: sqlite3.connect(
                    uri, uri=True, timeout=timeout, check_same_thread=False
                )
        else:
            kwargs["pool_pre_ping"] = True
        file = self.sqlite_path
        if file is not None and str(file) != ":memory:" and not str(file).startswith("file:"):
            refuse_world_writable(file)
        else:
            file = None
        try:
            self.engine = create_engine(self.url, **kwargs)
        except ModuleNotFoundError as exc:
            raise _missing_driver(self.url, exc) from None
        if file is not None:
            _create_private_file(self.engine, file)
        if is_sqlite(self.url):
            _install_sqlite_pragmas(self.engine, self.busy_timeout_ms)
        self._write_engine = self.engine.execution_options(aitown_write=True)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)
        # Set by aitown.schema.open_database when it upgraded an SQLite file: the copy from before.
        self.upgrade_backup: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    def describe(self) -> str:
        """The database for messages, without any password."""
        return (
            str(self.sqlite_path)
            if self.is_sqlite
            else self.url.render_as_string(hide_password=True)
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        # Closing (not rolling back) keeps loaded objects usable after the block; the pool still
        # ends the connection's transaction when it takes the connection back.
        with translate_db_errors(self), self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with translate_db_errors(self), self._writer() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_db_errors(db: Database) -> Iterator[None]:
    """Turn the driver's lock / read-only / corruption errors into a sentence for a person."""
    try:
        yield
    except StaleDataError as exc:
        # A safety net for services that do not catch it themselves: another desk saved the same
        # record between our version check and our UPDATE (possible on PostgreSQL).
        raise ConflictError(
            "Someone else saved this record while you were editing; your changes were not saved. "
            "Reopen it to see the current data, then make your change again.",
            "您编辑期间他人已保存此记录，您的修改未保存。请重新打开查看最新数据后再修改。",
        ) from exc
    except IntegrityError:
        raise  # a broken constraint is the service's to explain, not a database fault
    except (OperationalError, SADatabaseError) as exc:
        # SQLite reports a damaged file as a plain DatabaseError, not an OperationalError.
        text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
        where = db.describe()
        if "locked" in text or "busy" in text:
            raise DatabaseError(
                f"The database {where} is busy with another desk's change; try again in a moment.",
                f"数据库 {where} 正被其他工作站修改，请稍后再试。",
            ) from exc
        if "readonly" in text or "read-only" in text:
            raise DatabaseError(
                f"The database {where} is read-only for this account: it can be looked at, "
                "searched and verified, but nothing can be saved, imported, decided, issued or "
                "backed up. Ask IT to give this account write access, or copy it to a writable "
                "folder.",
                f"数据库 {where} 对此账户只读：可以查看、搜索和核验，但不能保存、导入、审批、出具通知书或备份。"
                "请让 IT 授予写权限，或将其复制到可写的文件夹。",
            ) from exc
        if "malformed" in text or "not a database" in text or "disk image" in text:
            raise DatabaseError(
                f"The file {where} is damaged or is not an AI Town Desk database; restore a backup.",
                f"文件 {where} 已损坏或不是 AI Town Desk 数据库，请恢复备份。",
            ) from exc
        if "unable to open" in text:
            raise DatabaseError(
                f"The database {where} cannot be opened: check that its folder exists and is writable.",
                f"无法打开数据库 {where}：请检查其文件夹是否存在且可写。",
            ) from exc
        if "connection" in text or "could not connect" in text:
            raise DatabaseError(
                f"Cannot reach the database server {where}: check the address and that it is running.",
                f"无法连接数据库服务器 {where}：请检查地址及服务器是否运行。",
            ) from exc
        raise
