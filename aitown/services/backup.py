"""Backups of the SQLite file: online copies, the daily automatic copy, and restore.

A copy is made with SQLite's backup API from the live file while other desks may be writing, then
checked with ``PRAGMA integrity_check`` before it takes its final name; a bad copy is deleted.
Restore checks the source first (an SQLite file, intact, one of ours, not from a newer version),
keeps a copy of what it replaces and swaps the file in atomically. On PostgreSQL, backups belong to
``pg_dump`` and the functions here say so.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.engine import URL

from aitown import paths
from aitown.db import Database
from aitown.errors import AuthenticationError, DatabaseError, DeskError, ValidationError
from aitown.models import Setting, User
from aitown.schema import (
    OUR_TABLES,
    SQLITE_MAGIC,
    known_revisions,
    open_database,
    read_only_connection,
)
from aitown.services.actor import ADMIN, Actor
from aitown.services.audit import record_event

DEFAULT_KEEP = 14
KEEP_SETTING = "backup.keep"
FOLDER_SETTING = "backup.folder"
AUTO_PREFIX = "aitown-auto-"
_AUTO_RE = re.compile(r"^aitown-auto-(\d{8})-(\d{6})(?:-\d+)?\.sqlite$")
_STEP_PAGES = 2048  # 8 MB at the default page size: progress without holding a read lock long
_MAX_RESTARTS = 3

# progress(done_pages, total_pages) -> False to cancel
Progress = Callable[[int, int], bool | None]


class BackupCancelled(DeskError):
    """The person cancelled a backup; nothing was kept."""


def postgres_advice(db: Database | URL) -> DeskError:
    """The refusal for backup/restore on PostgreSQL, saying how to do it with pg_dump."""
    url = db.url if isinstance(db, Database) else db
    name = url.database or "DBNAME"
    where = url.render_as_string(hide_password=True)
    return DeskError(
        f"The database is on a PostgreSQL server ({where}); back it up with the server's "
        f"tools: “pg_dump -Fc -f aitown.dump {name}”, and restore with "
        f"“pg_restore -c -d {name} aitown.dump”.",
        f"数据库位于 PostgreSQL 服务器（{where}）：请用服务器工具备份"
        f"“pg_dump -Fc -f aitown.dump {name}”，恢复用“pg_restore -c -d {name} aitown.dump”。",
    )


def _live_path(db: Database) -> Path:
    path = db.sqlite_path
    if path is None or str(path) == ":memory:":
        raise (
            postgres_advice(db)
            if not db.is_sqlite
            else DeskError(
                "An in-memory database has no file to back up.", "内存数据库没有可备份的文件。"
            )
        )
    return path


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _integrity_problems(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:  # damaged beyond what the check can walk
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


class _Restart(Exception):
    """Another desk wrote while a step-wise copy was running (SQLite restarted the copy)."""


def copy_sqlite_file(source: Path, dest: Path, *, progress: Progress | None = None) -> None:
    """Copy a live SQLite database page by page into ``dest`` (a new file), then check the copy.

    Uses the backup API, so the copy is consistent even while other connections write. The copy is
    left in rollback-journal mode: one self-contained file. A copy that fails its integrity check is
    deleted and refused.
    """
    restarts = 0
    last_remaining: int | None = None

    def on_step(_status: int, remaining: int, total: int) -> None:
        nonlocal restarts, last_remaining
        if last_remaining is not None and remaining > last_remaining:
            restarts += 1
            if restarts > _MAX_RESTARTS:
                raise _Restart
        last_remaining = remaining
        if progress is not None and progress(total - remaining, total) is False:
            raise BackupCancelled(
                "The backup was cancelled; no copy was kept.", "备份已取消，未保留副本。"
            )

    try:
        try:
            with closing(sqlite3.connect(source, timeout=30)) as src:
                src.execute("PRAGMA busy_timeout = 30000")
                try:
                    with closing(sqlite3.connect(dest)) as dst:
                        src.backup(dst, pages=_STEP_PAGES, progress=on_step)
                except _Restart:
                    # Busy desks kept restarting the step-wise copy: copy in one step under one
                    # read transaction instead (WAL readers do not block writers).
                    _remove_quietly(dest)
                    with closing(sqlite3.connect(dest)) as dst:
                        src.backup(dst)
            with closing(sqlite3.connect(dest)) as dst:
                dst.execute("PRAGMA journal_mode = DELETE")
                problems = _integrity_problems(dst)
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "locked" in text or "busy" in text:
                raise DatabaseError(
                    f"The database {source} stayed busy with another desk's change; "
                    "try the backup again in a moment.",
                    f"数据库 {source} 一直被其他工作站占用，请稍后再备份。",
                ) from exc
            problems = [str(exc)]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems:
            raise DatabaseError(
                f"The copy of {source} failed its integrity check ({problems[0]}); it was deleted. "
                "The database itself is probably damaged: keep the last good backup safe and "
                "restore it.",
                f"{source} 的副本未通过完整性检查（{problems[0]}），已删除。数据库本身可能已损坏："
                "请妥善保存最近一份完好的备份并恢复它。",
            )
        _fsync(dest)
    except BaseException:
        _remove_quietly(dest)
        raise


def _temp_beside(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.partial-{os.getpid()}")


def _default_name(now: dt.datetime, prefix: str = "aitown-") -> str:
    return f"{prefix}{_stamp(now)}.sqlite"


def _unique(path: Path) -> Path:
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def _place_copy(
    db: Database,
    actor: Actor | None,
    live: Path,
    dest: Path,
    action: str,
    progress: Progress | None,
) -> Path:
    tmp = _temp_beside(dest)
    _remove_quietly(tmp)
    copy_sqlite_file(live, tmp, progress=progress)
    try:
        with db.write() as s:
            # The event and the file appear together: if the event cannot be written (a read-only
            # database), the copy is not kept either, and the person is told why.
            record_event(
                s,
                actor,
                action,
                "database",
                "",
                after={"file": str(dest), "bytes": tmp.stat().st_size},
            )
            s.flush()
            os.replace(tmp, dest)
    except BaseException:
        _remove_quietly(tmp)
        raise
    return dest


def backup_database(
    db: Database,
    actor: Actor,
    dest: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Make a checked copy of the live SQLite database at ``dest`` (a file, or a folder to put
    ``aitown-YYYYMMDD-HHMMSS.sqlite`` in) and return its path. Administrators only; audited.

    ``progress(done_pages, total_pages)`` may return False to cancel (nothing is kept).
    """
    actor.require("backup.run")
    live = _live_path(db)
    now = now or dt.datetime.now()
    target = Path(dest).expanduser()
    if target.is_dir():
        target = _unique(target / _default_name(now))
    target = target.absolute()
    if not target.parent.is_dir():
        raise ValidationError(
            f"The folder {target.parent} does not exist: create it or choose another place.",
            f"文件夹 {target.parent} 不存在：请先创建或选择其他位置。",
            field="dest",
        )
    if target.exists():
        same = target.resolve() == live.resolve()
        raise ValidationError(
            f"{target} is the database itself; choose another file for the backup."
            if same
            else f"{target} already exists; choose a new file name so no earlier backup is overwritten.",
            f"{target} 就是数据库本身，请为备份选择其他文件。"
            if same
            else f"{target} 已存在：请使用新的文件名，以免覆盖以前的备份。",
            field="dest",
        )
    if not os.access(target.parent, os.W_OK):
        raise ValidationError(
            f"Cannot write a backup in {target.parent}: the folder is not writable.",
            f"无法在 {target.parent} 中写入备份：该文件夹不可写。",
            field="dest",
        )
    return _place_copy(db, actor, live, target, "backup.create", progress)


def _setting(db: Database, key: str) -> str | None:
    with db.read() as s:
        return s.scalar(select(Setting.value).where(Setting.key == key))


def backup_keep(db: Database) -> int:
    """How many automatic daily copies to keep (the Setting ``backup.keep``, default 14)."""
    raw = _setting(db, KEEP_SETTING)
    try:
        value = int(raw) if raw is not None else DEFAULT_KEEP
    except ValueError:
        value = DEFAULT_KEEP
    return value if value >= 1 else DEFAULT_KEEP


def backup_folder(db: Database) -> Path:
    """Where automatic copies go (the Setting ``backup.folder``, default the user backup folder)."""
    raw = _setting(db, FOLDER_SETTING)
    return Path(raw).expanduser() if raw else paths.backup_dir()


def set_backup_settings(
    db: Database,
    actor: Actor,
    *,
    keep: int | None = None,
    folder: str | os.PathLike[str] | None = None,
) -> None:
    """Change how many daily copies are kept and/or where they go (administrators; audited)."""
    actor.require("backup.run")
    changes: dict[str, str] = {}
    if keep is not None:
        if isinstance(keep, bool) or not isinstance(keep, int) or not 1 <= keep <= 3650:
            raise ValidationError(
                f"Keep {keep} backups? Enter a whole number from 1 to 3650.",
                f"保留 {keep} 份备份？请输入 1 到 3650 之间的整数。",
                field="keep",
            )
        changes[KEEP_SETTING] = str(keep)
    if folder is not None:
        where = Path(folder).expanduser()
        if not where.is_absolute():
            raise ValidationError(
                f"The backup folder {where} must be a full path (starting from the drive or /).",
                f"备份文件夹 {where} 必须是完整路径。",
                field="folder",
            )
        changes[FOLDER_SETTING] = str(where)
    if not changes:
        return
    with db.write() as s:
        before: dict[str, str | None] = {}
        for key, value in changes.items():
            row = s.get(Setting, key)
            before[key] = row.value if row else None
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
        record_event(s, actor, "backup.settings", "setting", "backup", before=before, after=changes)


def _auto_copies(folder: Path) -> list[Path]:
    found = [p for p in folder.glob(f"{AUTO_PREFIX}*.sqlite") if _AUTO_RE.match(p.name)]
    # The name carries the time, so sorting by name is sorting by age.
    return sorted(found, key=lambda p: p.name)


def auto_backup(
    db: Database,
    *,
    keep: int | None = None,
    folder: str | os.PathLike[str] | None = None,
    now: dt.datetime | None = None,
) -> Path | None:
    """The daily automatic copy: make one if there is none from today, then keep only the newest
    ``keep`` automatic copies (default: the ``backup.keep`` setting). Returns the new copy's path,
    or None if today's copy already existed or the database is on PostgreSQL (pg_dump's job).

    Recorded in the audit log as done by "system"; only files named ``aitown-auto-…`` are pruned.
    """
    if not db.is_sqlite:
        return None
    live = _live_path(db)
    now = now or dt.datetime.now()
    keep = keep if keep is not None else backup_keep(db)
    where = Path(folder).expanduser() if folder is not None else backup_folder(db)
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(
            f"Cannot make the backup folder {where} ({exc.strerror or exc}): choose another "
            "folder in Settings → Backups.",
            f"无法创建备份文件夹 {where}（{exc.strerror or exc}）：请在“设置 → 备份”中另选文件夹。",
            field="folder",
        ) from None
    today = now.strftime("%Y%m%d")
    made: Path | None = None
    if not any(p.name.startswith(f"{AUTO_PREFIX}{today}-") for p in _auto_copies(where)):
        target = _unique(where / _default_name(now, AUTO_PREFIX))
        made = _place_copy(db, None, live, target, "backup.auto", None)
    copies = _auto_copies(where)
    for old in copies[: max(0, len(copies) - max(1, keep))]:
        old.unlink(missing_ok=True)
    return made


def check_restorable(src: str | os.PathLike[str]) -> str:
    """Check that ``src`` can be restored: an intact SQLite file of AI Town Desk, not from a newer
    version. Returns its schema revision; raises a DatabaseError naming the problem. Never writes."""
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
            problems = _integrity_problems(conn)
            if problems:
                raise DatabaseError(
                    f"The backup {path} is damaged ({problems[0]}); nothing was restored. "
                    "Choose another backup.",
                    f"备份 {path} 已损坏（{problems[0]}），未进行恢复，请选择其他备份。",
                )
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
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
    return revision


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
    kept = _unique(path.with_name(f"{path.stem}.before-restore-{_stamp(now)}.sqlite"))
    try:
        copy_sqlite_file(path, kept)
    except (sqlite3.DatabaseError, DatabaseError):
        # A damaged database cannot be copied page by page: keep its bytes (and its WAL) as they are.
        _remove_quietly(kept)
        for suffix in ("", "-wal"):
            original = Path(f"{path}{suffix}")
            if original.exists():
                Path(f"{kept}{suffix}").write_bytes(original.read_bytes())
    return kept


def restore_database(
    db_path: str | os.PathLike[str],
    src: str | os.PathLike[str],
    actor: Actor,
    *,
    now: dt.datetime | None = None,
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
    check_restorable(source)
    if target.exists():
        _refuse_replacing_what_is_not_ours(target)
    if not target.parent.is_dir() or not os.access(target.parent, os.W_OK):
        raise DatabaseError(
            f"Cannot restore into {target.parent}: the folder does not exist or is not writable.",
            f"无法恢复到 {target.parent}：该文件夹不存在或不可写。",
        )
    tmp = _temp_beside(target)
    _remove_quietly(tmp)
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
    except BaseException:
        _remove_quietly(tmp)
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
