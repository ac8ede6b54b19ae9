"""SQLite files on disk: an online copy with the backup API, integrity checks, safe placement.

Shared by backups, automatic daily copies and restores.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from aitown.errors import DatabaseError, DeskError

# The copy's page callback: (done_pages, total_pages) -> False to stop (aitown.services.backup
# builds it from the aitown.progress contract).
PageStep = Callable[[int, int], bool | None]
_STEP_PAGES = 2048  # 8 MB at the default page size: progress without holding a read lock long
_MAX_RESTARTS = 3


class BackupCancelled(DeskError):
    """The person cancelled a copy; nothing was kept."""


def stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:  # damaged beyond what the check can walk
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


class _Restart(Exception):
    """Another desk wrote while a step-wise copy was running (SQLite restarted the copy)."""


def copy_sqlite_file(source: Path, dest: Path, *, progress: PageStep | None = None) -> None:
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
                    remove_quietly(dest)
                    with closing(sqlite3.connect(dest)) as dst:
                        src.backup(dst)
            with closing(sqlite3.connect(dest)) as dst:
                dst.execute("PRAGMA journal_mode = DELETE")
                problems = integrity_problems(dst)
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
        fsync_path(dest)
    except BaseException:
        remove_quietly(dest)
        raise


PARTIAL_MARK = ".partial-"
# Windows has no harmless "is this process alive" call: there a partial file this old is left over.
_STALE_PARTIAL = dt.timedelta(hours=6)


def temp_beside(dest: Path) -> Path:
    """The temporary name a file is written under before it takes ``dest``'s name (a hidden file
    carrying this process's id, so a later start can tell a left-over from a copy in progress)."""
    return dest.with_name(f".{dest.name}{PARTIAL_MARK}{os.getpid()}")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def clean_partials(folder: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the ``.NAME.partial-PID`` files (and their -journal/-wal/-shm) that a killed copy,
    backup or restore left in ``folder``; a copy still being written by a live process stays.
    Returns what was deleted."""
    removed: list[Path] = []
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(".")]
    except OSError:
        return removed
    now = now or dt.datetime.now()
    for path in candidates:
        head, mark, tail = path.name.rpartition(PARTIAL_MARK)
        pid_text = tail.split("-", 1)[0]
        if not mark or not head or not pid_text.isdigit():
            continue
        try:
            age = now - dt.datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            continue
        left_over = age > _STALE_PARTIAL if os.name == "nt" else not _process_alive(int(pid_text))
        if left_over:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def unique_path(path: Path) -> Path:
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
