"""Stored scans of application materials: content-addressed by SHA-256, never overwritten.

Where the bytes live:

* **SQLite**: in the folder ``aitown-files`` beside the database file, as
  ``aitown-files/<first two hex digits>/<sha256>``. The copies the application makes of the file
  (before an upgrade, before a restore) lie in the same folder and so share the files; a backup
  to another folder copies the files it needs into ``aitown-files`` beside the backup, and a
  restore copies them back (:func:`copy_files_for`).
* **PostgreSQL**: in the database, ``material_blob.data`` (pg_dump carries them).

``material_blob`` has one row per distinct file on both, so the same scan attached twice is
stored once. A file is written to a temporary name, synced and renamed; an existing file is never
replaced. The size limit is the setting ``materials.max_bytes`` (default 20 MB).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import DatabaseError, NotFound, ValidationError
from aitown.material_tables import MaterialBlob
from aitown.models import Setting
from aitown.sqlite_files import fsync_folder, fsync_path, remove_quietly

FOLDER_NAME = "aitown-files"
MAX_BYTES_SETTING = "materials.max_bytes"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
MEDIA_TYPES = (PDF, JPEG, PNG)
_EXTENSIONS = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}


def store_folder(sqlite_file: Path) -> Path:
    """The folder holding the materials of the SQLite database (or backup) ``sqlite_file``."""
    return sqlite_file.expanduser().absolute().parent / FOLDER_NAME


def _blob_path(folder: Path, sha256: str) -> Path:
    return folder / sha256[:2] / sha256


def max_bytes(s: Session) -> int:
    """The largest file accepted (setting ``materials.max_bytes``, else 20 MB)."""
    row = s.get(Setting, MAX_BYTES_SETTING)
    try:
        value = int(row.value) if row is not None else DEFAULT_MAX_BYTES
    except ValueError:
        value = DEFAULT_MAX_BYTES
    return value if value > 0 else DEFAULT_MAX_BYTES


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def media_type_of(data: bytes, file_name: str) -> str:
    """What the bytes are (PDF, JPEG or PNG, judged by their first bytes, not the name), or a
    refusal naming the file. A name whose extension says another type is refused too."""
    if data.startswith(b"%PDF-"):
        found = PDF
    elif data.startswith(b"\xff\xd8\xff"):
        found = JPEG
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        found = PNG
    else:
        raise ValidationError(
            f"{file_name} is not a PDF, JPEG or PNG file (judged by its content); scan the paper "
            "to one of those.",
            f"{file_name} 不是 PDF、JPEG 或 PNG 文件（按内容判断）：请扫描为这三种格式之一。",
            field="file",
        )
    claimed = _EXTENSIONS.get(Path(file_name).suffix.lower())
    if claimed is not None and claimed != found:
        kind = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}[found]
        raise ValidationError(
            f"{file_name} is named like another kind of file but its content is {kind}; "
            "rename it or attach the right file.",
            f"{file_name} 的扩展名与内容不符（内容为 {kind}）：请改名或附上正确的文件。",
            field="file",
        )
    return found


def check_size(s: Session, size: int, file_name: str) -> None:
    limit = max_bytes(s)
    if size > limit:
        raise ValidationError(
            f"{file_name} is {megabytes(size)}, more than the {megabytes(limit)} a file may be; "
            "scan it at a lower resolution or in parts.",
            f"{file_name} 大小为 {megabytes(size)}，超过单个文件上限 {megabytes(limit)}：请降低扫描分辨率或分开扫描。",
            field="file",
        )
    if size == 0:
        raise ValidationError(f"{file_name} is empty.", f"{file_name} 是空文件。", field="file")


def store_blob(db: Database, s: Session, data: bytes, media_type: str) -> str:
    """Keep ``data`` (once) and return its SHA-256. Inside the caller's write transaction: the
    row commits with the attachment; on SQLite the file is on disk before the commit."""
    sha = hashlib.sha256(data).hexdigest()
    if blob_exists(s, sha):
        return sha
    on_disk = db.is_sqlite and db.sqlite_path is not None
    if on_disk:
        assert db.sqlite_path is not None
        _write_file(store_folder(db.sqlite_path), sha, data)
    try:
        # A savepoint: on PostgreSQL another desk may store the same scan at the same moment
        # (SQLite's write lock rules that out); then its row is the one, and that is fine.
        with s.begin_nested():
            s.add(
                MaterialBlob(
                    sha256=sha,
                    size=len(data),
                    media_type=media_type,
                    data=None if on_disk else data,
                )
            )
    except IntegrityError:
        if s.get(MaterialBlob, sha) is None:
            raise
    return sha


def _write_file(folder: Path, sha: str, data: bytes) -> None:
    target = _blob_path(folder, sha)
    if target.exists() and _file_sha(target) == sha:
        return  # never overwritten: the same content is already there
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{sha}.{os.getpid()}.partial")
        tmp.write_bytes(data)
        fsync_path(tmp)
        os.replace(tmp, target)
        fsync_folder(target.parent)
    except OSError as exc:
        remove_quietly(target.with_name(f".{sha}.{os.getpid()}.partial"))
        raise DatabaseError(
            f"Cannot store the file in {folder} ({exc.strerror or exc}); nothing was attached.",
            f"无法将文件保存到 {folder}（{exc.strerror or exc}），未附加任何文件。",
        ) from None


def _file_sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_blob(db: Database, s: Session, sha: str) -> bytes:
    """The bytes of a stored file, checked against its name (a damaged file is said so)."""
    blob = s.get(MaterialBlob, sha)
    if blob is None:
        raise NotFound(f"There is no stored file {sha[:12]}….", f"没有已保存的文件 {sha[:12]}…。")
    if blob.data is not None:
        data = blob.data
    else:
        if db.sqlite_path is None:
            raise NotFound(f"The file {sha[:12]}… is missing.", f"文件 {sha[:12]}… 缺失。")
        path = _blob_path(store_folder(db.sqlite_path), sha)
        try:
            data = path.read_bytes()
        except OSError:
            raise NotFound(
                f"The file {sha[:12]}… is missing from {path.parent.parent}; restore that folder "
                "from a backup.",
                f"文件 {sha[:12]}… 在 {path.parent.parent} 中缺失：请从备份中恢复该文件夹。",
            ) from None
    if hashlib.sha256(data).hexdigest() != sha:
        raise DatabaseError(
            f"The stored file {sha[:12]}… is damaged (its content changed); restore it from a backup.",
            f"已保存的文件 {sha[:12]}… 已损坏（内容被改动）：请从备份中恢复。",
        )
    return data


def stored_shas(sqlite_file: Path) -> list[str]:
    """The files an SQLite database (or backup) refers to; none for a database before 0008."""
    conn = sqlite3.connect(f"file:{sqlite_file}?mode=ro", uri=True)
    try:
        has = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'material_blob'"
        ).fetchone()
        if not has:
            return []
        return [
            row[0] for row in conn.execute("SELECT sha256 FROM material_blob WHERE data IS NULL")
        ]
    finally:
        conn.close()


def copy_files_for(
    sqlite_file: Path, source_folder: Path, dest_folder: Path, *, strict: bool = True
) -> tuple[int, int]:
    """Copy into ``dest_folder`` the stored files ``sqlite_file`` refers to and that are not there
    yet, from ``source_folder``; return (copied, missing). With ``strict`` (a restore) a file
    missing from both is refused before anything is copied, naming how many; a backup copies
    what there is (a backup without one scan beats no backup) and reports the rest."""
    if source_folder.exists() and dest_folder.exists() and source_folder.samefile(dest_folder):
        return 0, 0
    wanted = [sha for sha in stored_shas(sqlite_file) if not _blob_path(dest_folder, sha).exists()]
    missing = [sha for sha in wanted if not _blob_path(source_folder, sha).exists()]
    if missing and strict:
        raise DatabaseError(
            f"{len(missing)} attached file(s) are missing from {source_folder}; copy that "
            f"“{FOLDER_NAME}” folder beside the database file and try again. Nothing was changed.",
            f"{source_folder} 中缺少 {len(missing)} 个附件文件：请将“{FOLDER_NAME}”文件夹放在数据库文件旁后重试，未作任何改动。",
        )
    for sha in wanted:
        if sha in missing:
            continue
        dest = _blob_path(dest_folder, sha)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{sha}.{os.getpid()}.partial")
        shutil.copyfile(_blob_path(source_folder, sha), tmp)
        fsync_path(tmp)
        os.replace(tmp, dest)
    return len(wanted) - len(missing), len(missing)


def blob_exists(s: Session, sha: str) -> bool:
    return s.scalar(select(MaterialBlob.sha256).where(MaterialBlob.sha256 == sha)) is not None
