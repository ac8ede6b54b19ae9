"""The stored files a change bundle carries (format 2): the scans its attachment records name.

Export: every attachment record that travels takes its file along (``files/<sha256>``), read
through the materials store and checked against its SHA-256. Import: every attachment record
must find its file in the bundle or already in this office's store, or the whole bundle is
refused; the files go into the materials store (content-addressed: a file this office already
has is neither read again nor rewritten), inside the import's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.material_tables import MaterialBlob
from aitown.services import material_files as store
from aitown.sync import bundle as fmt
from aitown.sync.records import FILE_ENTITY


def named_file(record: dict[str, Any]) -> str | None:
    """The SHA-256 of the stored file a record names (an attachment's scan), else None."""
    if record.get("entity") != FILE_ENTITY:
        return None
    sha = record.get("data", {}).get("sha256")
    return sha if isinstance(sha, str) and sha else None


def file_source(db: Database, s: Session, shas: set[str]) -> fmt.FileSource:
    """What :func:`aitown.sync.bundle.write_bundle` asks for once the records are written: the
    files ``shas`` (filled while the records were read), with their bytes read on demand."""

    def source() -> Iterable[tuple[fmt.FileEntry, Callable[[], bytes]]]:
        for sha in sorted(shas):
            blob = s.get(MaterialBlob, sha)
            if blob is None:
                continue  # an attachment without its blob row cannot exist (foreign key)

            def read(sha: str = sha) -> bytes:
                return store.read_blob(db, s, sha)

            yield fmt.FileEntry(sha, blob.size, blob.media_type), read

    return source


def store_files(db: Database, s: Session, b: fmt.Bundle, needed: set[str]) -> int:
    """Check that each file ``needed`` (named by the bundle's records) is in the bundle or here
    already, then store the bundle's files this office lacks; returns how many were stored.
    Refuses the whole bundle (before any file is written) when one is missing."""
    carried = {e.sha256: e for e in b.files}
    have = set(s.scalars(select(MaterialBlob.sha256).where(MaterialBlob.sha256.in_(list(carried)))))
    for sha in sorted(needed - set(carried)):
        if not store.blob_exists(s, sha):
            raise fmt.BundleError(
                f"The bundle {b.path.name} names the scan {sha[:12]}… but does not carry it; "
                "nothing was imported: ask the sending office for a new bundle.",
                f"变更包 {b.path.name} 提到扫描件 {sha[:12]}… 但未包含该文件，未导入任何内容："
                "请向发送方办公室索取新的变更包。",
            )
    stored = 0
    for sha, entry in sorted(carried.items()):
        if sha in have:
            continue
        if entry.media_type not in store.MEDIA_TYPES:
            raise fmt.BundleError(
                f"The bundle {b.path.name} carries a file of type {entry.media_type!r}, not a "
                "PDF, JPEG or PNG scan; nothing was imported.",
                f"变更包 {b.path.name} 包含类型为 {entry.media_type!r} 的文件，不是 PDF、JPEG 或 "
                "PNG 扫描件，未导入任何内容。",
            )
        store.store_blob(db, s, b.read_file(entry), entry.media_type)
        stored += 1
    return stored
