"""Restoring a backup: check the copy first, keep what it replaces, swap the file in atomically.

SQLite only (on PostgreSQL restores belong to pg_restore). The restore cannot be audited in the
database it replaces, so it is recorded in the restored database afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.engine import URL

from aitown.db import Database
from aitown.errors import AuthenticationError, DatabaseError, DeskError, ValidationError
from aitown.models import User
from aitown.schema import (
    OUR_TABLES,
    SQLITE_MAGIC,
    known_revisions,
    open_database,
    read_only_connection,
)
from aitown.services.actor import ADMIN, Actor
from aitown.services.audit import record_event, verify_chain
from aitown.services.audit_log import Anchor, check_anchor
from aitown.services.material_files import copy_files_for, store_folder
from aitown.sqlite_files import (
    clean_partials,
    copy_sqlite_file,
    fsync_folder,
    fsync_path,
    integrity_problems,
    remove_quietly,
    stamp,
    temp_beside,
    unique_path,
)


def check_restorable(src: str | os.PathLike[str], anchors: Sequence[Anchor] = ()) -> str:
    """Check that ``src`` can be restored: an intact SQLite file of AI Town Desk, not from a newer
    version, whose audit chain is whole (and holds each of ``anchors``, noted down earlier).
    Returns its schema revision; raises a DatabaseError naming the problem. Never writes."""
    path = Path(src).expanduser()
    if not path.exists():
        raise DatabaseError(
            f"There is no backup file at {path}; check the name.",
            f"{path} 处没有备份文件，请检查文件名。",
        )
    if path.is_dir():
        raise DatabaseError(
            f"{path} is a folder; give the backup file (a .sqlite file) to restore.",
            f"{path} 是文件夹，请给出要恢复的备份文件（.sqlite 文件）。",
        )
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise DatabaseError(
            f"{path} is not an AI Town Desk backup (it is not an SQLite file); nothing was restored.",
            f"{path} 不是 AI Town Desk 备份（不是 SQLite 文件），未进行恢复。",
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if page_size and pages and path.stat().st_size < page_size * pages:
        raise DatabaseError(
            f"The backup {path} is truncated (shorter than its header says); nothing was restored. "
            "Choose another backup.",
            f"备份 {path} 不完整（比文件头所述短），未进行恢复，请选择其他备份。",
        )
    try:
        with closing(read_only_connection(path)) as conn:
            problems = integrity_problems(conn)
            if problems:
                raise DatabaseError(
                    f"The backup {path} is damaged ({problems[0]}); nothing was restored. "
                    "Choose another backup.",
                    f"备份 {path} 已损坏（{problems[0]}），未进行恢复，请选择其他备份。",
                )
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision: str | None = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"The backup {path} cannot be read ({exc}); nothing was restored. Choose another backup.",
            f"无法读取备份 {path}（{exc}），未进行恢复，请选择其他备份。",
        ) from exc
    if revision is None or not tables >= OUR_TABLES:
        raise DatabaseError(
            f"{path} is a database of another application, not an AI Town Desk backup; "
            "nothing was restored.",
            f"{path} 是其他应用程序的数据库，不是 AI Town Desk 备份，未进行恢复。",
        )
    revisions, _head = known_revisions()
    if revision not in revisions:
        raise DatabaseError(
            f"The backup {path} was made by a newer version of AI Town Desk (schema {revision}); "
            "install that version to restore it. Nothing was restored.",
            f"备份 {path} 由更新版本的 AI Town Desk 生成（结构版本 {revision}），"
            "请安装该版本后再恢复，未进行恢复。",
        )
    check_backup_chain(path, anchors)
    return revision


def check_backup_chain(path: Path, anchors: Sequence[Anchor] = ()) -> None:
    """Refuse a backup whose audit log was changed, cut short or recomputed (as far as an anchor
    shows): restoring it would make the tampered history the office's history."""
    url = URL.create(
        "sqlite+pysqlite",
        database=f"{path.absolute().as_uri()}?mode=ro&immutable=1",
        query={"uri": "true"},
    )
    backup = Database(url)
    try:
        _count, problems = verify_chain(backup)
        problems += [p for p in (check_anchor(backup, a) for a in anchors) if p is not None]
    except DeskError as exc:
        raise DatabaseError(
            f"The audit log of the backup {path} cannot be read ({exc.message}); nothing was "
            "restored. Choose another backup.",
            f"无法读取备份 {path} 的审计日志（{exc.message_zh}），未进行恢复，请选择其他备份。",
        ) from exc
    finally:
        backup.dispose()
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        more_zh = f"（另有 {len(problems) - 1} 处问题）" if len(problems) > 1 else ""
        raise DatabaseError(
            f"The backup {path} has a tampered audit log: {first.message}{more} Nothing was "
            "restored; choose another backup, and check it with “aitown-cli audit verify --db "
            "BACKUP”.",
            f"备份 {path} 的审计日志被改动：{first.message_zh}{more_zh}未进行恢复；请选择其他备份，"
            "并用“aitown-cli audit verify --db 备份文件”检查。",
        )


def verify_administrator(path: str | os.PathLike[str], name: str, password: str) -> Actor:
    """Check, without writing anything, that ``name``/``password`` is an active administrator of the
    SQLite database at ``path``. For restoring when the current database cannot be opened."""
    refused = AuthenticationError(
        f"{name} is not an administrator of {path} with that password; nothing was restored.",
        f"{name} 不是 {path} 的管理员或密码错误，未进行恢复。",
    )
    try:
        with closing(read_only_connection(Path(path).expanduser())) as conn:
            row = conn.execute(
                "SELECT id, role, password_hash, active, office_id FROM app_user WHERE name = ?",
                ((name or "").strip(),),
            ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise refused from exc
    if row is None or not row[3] or row[1] != ADMIN:
        raise refused
    try:
        PasswordHasher().verify(row[2], password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise refused from None
    return Actor(row[0], name.strip(), ADMIN, row[4], True)


def _in_use_elsewhere(path: Path) -> bool:
    """True if another connection has the database open (it cannot leave WAL mode then)."""
    try:
        with closing(sqlite3.connect(path, timeout=2)) as conn:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc).lower() or "busy" in str(exc).lower()
    except sqlite3.DatabaseError:
        return False  # damaged: nobody can be working in it
    return str(mode).lower() != "delete"


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _refuse_replacing_what_is_not_ours(path: Path) -> None:
    """A wrong ``--db`` must not replace another application's file. A damaged database of ours
    (still an SQLite file, or unreadable as one) may be replaced: that is what restoring is for."""
    if not _looks_like_sqlite(path):
        if path.stat().st_size == 0:
            return  # an empty file: nothing to lose
        raise DatabaseError(
            f"{path} is not an SQLite database, so it was not replaced: check --db. If it is your "
            "damaged database, move it aside first, then restore.",
            f"{path} 不是 SQLite 数据库，未被替换：请检查 --db。若这是已损坏的数据库，请先将其移走再恢复。",
        )
    try:
        with closing(read_only_connection(path)) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.DatabaseError:
        return  # damaged beyond reading its table list: ours to replace (a copy is kept)
    if tables and ("alembic_version" not in tables or not tables >= OUR_TABLES):
        raise DatabaseError(
            f"{path} is a database of another application, so it was not replaced: check --db.",
            f"{path} 是其他应用程序的数据库，未被替换：请检查 --db。",
        )


def _keep_current(path: Path, now: dt.datetime) -> Path:
    """Copy the database about to be replaced beside it, under a temporary name first, so a kill
    half-way leaves no broken file named like a good copy."""
    kept = unique_path(path.with_name(f"{path.stem}.before-restore-{stamp(now)}.sqlite"))
    tmp = temp_beside(kept)
    remove_quietly(tmp)
    try:
        try:
            copy_sqlite_file(path, tmp)
        except (sqlite3.DatabaseError, DatabaseError):
            # A damaged database cannot be copied page by page: keep its bytes (and WAL) as they are.
            remove_quietly(tmp)
            if Path(f"{path}-wal").exists():
                Path(f"{kept}-wal").write_bytes(Path(f"{path}-wal").read_bytes())
            tmp.write_bytes(path.read_bytes())
            fsync_path(tmp)
        os.replace(tmp, kept)
        fsync_folder(kept.parent)
    except BaseException:
        remove_quietly(tmp)
        raise
    return kept


def restore_database(
    db_path: str | os.PathLike[str],
    src: str | os.PathLike[str],
    actor: Actor,
    *,
    now: dt.datetime | None = None,
    anchors: Sequence[Anchor] = (),
) -> Path | None:
    """Replace the SQLite database at ``db_path`` with the backup ``src``.

    The backup is checked first (see :func:`check_restorable`); the current file is copied to
    ``<name>.before-restore-YYYYMMDD-HHMMSS.sqlite`` beside it, then the backup is swapped in
    atomically. Every other desk must have closed the database. The restore is recorded in the
    restored database (as ``actor`` if that user exists there, otherwise as "system").
    Returns the kept copy of what was replaced, or None if there was no database before.
    """
    actor.require("backup.run")
    now = now or dt.datetime.now()
    target = Path(db_path).expanduser().absolute()
    source = Path(src).expanduser().absolute()
    if target.exists() and source.exists() and source.resolve() == target.resolve():
        raise ValidationError(
            f"{source} is the database itself; choose a backup file to restore.",
            f"{source} 就是数据库本身，请选择要恢复的备份文件。",
            field="src",
        )
    if target.is_dir():
        raise ValidationError(
            f"{target} is a folder; give the path of the database file to restore into.",
            f"{target} 是文件夹，请给出要恢复到的数据库文件路径。",
        )
    check_restorable(source, anchors)
    if target.exists():
        _refuse_replacing_what_is_not_ours(target)
    if not target.parent.is_dir() or not os.access(target.parent, os.W_OK):
        raise DatabaseError(
            f"Cannot restore into {target.parent}: the folder does not exist or is not writable.",
            f"无法恢复到 {target.parent}：该文件夹不存在或不可写。",
        )
    # The backup's attached scans come along first (refused, nothing changed, if some are lost).
    copy_files_for(source, store_folder(source), store_folder(target))
    clean_partials(target.parent)
    tmp = temp_beside(target)
    remove_quietly(tmp)
    copy_sqlite_file(source, tmp)
    kept: Path | None = None
    try:
        if target.exists():
            if _looks_like_sqlite(target) and _in_use_elsewhere(target):
                raise DatabaseError(
                    f"The database {target} is open on another desk or in the application; close "
                    "it everywhere, then restore again. Nothing was changed.",
                    f"数据库 {target} 正在其他工作站或应用程序中打开：请全部关闭后再恢复，未作任何改动。",
                )
            kept = _keep_current(target, now)
        # A WAL or shared-memory file left from the old database would be replayed into the
        # restored one; the kept copy already holds everything they contained.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, target)
        fsync_folder(target.parent)
    except BaseException:
        remove_quietly(tmp)
        raise
    _record_restore(target, source, kept, actor)
    return kept


def _record_restore(target: Path, source: Path, kept: Path | None, actor: Actor) -> None:
    # The restored database may be older than this version: open_database upgrades it (after its
    # own backup copy), so the event goes into a database the application can use.
    db = open_database(target)
    try:
        with db.write() as s:
            user = s.scalar(select(User).where(User.name == actor.name, User.active.is_(True)))
            who = (
                Actor(user.id, user.name, user.role, user.office_id, user.may_see_personal_data)
                if user is not None
                else None
            )
            record_event(
                s,
                who,
                "backup.restore",
                "database",
                "",
                after={
                    "from": str(source),
                    "kept": str(kept) if kept else None,
                    "by": actor.name,
                },
                office_id=user.office_id if user is not None else None,
            )
    finally:
        db.dispose()
