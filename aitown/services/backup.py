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
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import URL

from aitown import paths
from aitown.db import Database
from aitown.errors import DeskError, ValidationError
from aitown.models import Setting
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.material_files import copy_files_for, store_folder

# BackupCancelled is raised by the copy and caught by callers of this module.
from aitown.sqlite_files import BackupCancelled as BackupCancelled
from aitown.sqlite_files import (
    clean_partials,
    copy_sqlite_file,
    fsync_folder,
    remove_quietly,
    stamp,
    temp_beside,
    unique_path,
)

DEFAULT_KEEP = 14
KEEP_SETTING = "backup.keep"
FOLDER_SETTING = "backup.folder"
AUTO_PREFIX = "aitown-auto-"
_AUTO_RE = re.compile(r"^aitown-auto-(\d{8})-(\d{6})(?:-\d+)?\.sqlite$")


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


def _default_name(now: dt.datetime, prefix: str = "aitown-") -> str:
    return f"{prefix}{stamp(now)}.sqlite"


def _place_copy(
    db: Database,
    actor: Actor | None,
    live: Path,
    dest: Path,
    action: str,
    progress: Progress | None,
    cancel: Cancel | None = None,
) -> Path:
    clean_partials(dest.parent)  # what a killed backup left here
    tmp = temp_beside(dest)
    remove_quietly(tmp)

    def step(done: int, total: int) -> bool:
        """The copy's page callback: report, and say whether to go on."""
        if progress is not None:
            progress(done, total)
        return not (cancel is not None and cancel())

    copy_sqlite_file(live, tmp, progress=step)
    try:
        # The attached scans go with the copy, into the aitown-files folder beside it (issue 13.1).
        files, files_missing = copy_files_for(
            tmp, store_folder(live), store_folder(dest), strict=False
        )
        with db.write() as s:
            # The event and the file appear together: if the event cannot be written (a read-only
            # database), the copy is not kept either, and the person is told why.
            record_event(
                s,
                actor,
                action,
                "database",
                "",
                after={
                    "file": str(dest),
                    "bytes": tmp.stat().st_size,
                    **({"files_copied": files} if files else {}),
                    **({"files_missing": files_missing} if files_missing else {}),
                },
            )
            s.flush()
            os.replace(tmp, dest)
            fsync_folder(dest.parent)
    except BaseException:
        remove_quietly(tmp)
        raise
    return dest


def backup_database(
    db: Database,
    actor: Actor,
    dest: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Make a checked copy of the live SQLite database at ``dest`` (a file, or a folder to put
    ``aitown-YYYYMMDD-HHMMSS.sqlite`` in) and return its path. Administrators only; audited.

    ``progress(done_pages, total_pages)`` and ``cancel()`` follow aitown.progress; a cancelled
    backup raises BackupCancelled and keeps nothing.
    """
    actor.require("backup.run")
    live = _live_path(db)
    now = now or dt.datetime.now()
    raw = os.fspath(dest)
    target = Path(raw).expanduser()
    if raw.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)) and not target.exists():
        # "backup DIR/": a folder that is not there yet. Make it (its parent must exist), never a
        # file of that name, which would then stand where the folder should be.
        if not target.parent.is_dir():
            raise ValidationError(
                f"The folder {target.parent} does not exist: create it or choose another place.",
                f"文件夹 {target.parent} 不存在：请先创建或选择其他位置。",
                field="dest",
            )
        try:
            target.mkdir()
        except OSError as exc:
            raise ValidationError(
                f"Cannot make the folder {target} ({exc.strerror or exc}): choose another place.",
                f"无法创建文件夹 {target}（{exc.strerror or exc}）：请选择其他位置。",
                field="dest",
            ) from None
    if target.is_dir():
        target = unique_path(target / _default_name(now))
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
    return _place_copy(db, actor, live, target, "backup.create", progress, cancel)


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
        target = unique_path(where / _default_name(now, AUTO_PREFIX))
        made = _place_copy(db, None, live, target, "backup.auto", None)
    copies = _auto_copies(where)
    for old in copies[: max(0, len(copies) - max(1, keep))]:
        old.unlink(missing_ok=True)
    return made
