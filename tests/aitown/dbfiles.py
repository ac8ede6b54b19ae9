"""Database files for tests: older schema revisions, files that are not ours, fingerprints."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, select, text

from aitown.db import Database
from aitown.models import Base
from aitown.schema import _alembic_config


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_db_at_revision(path: Path, revision: str) -> None:
    """An SQLite database whose schema stops at ``revision`` (as an older version left it)."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def insert_office_at_0001(path: Path, code: str = "XH01") -> None:
    """An office row as revision 0001 stored it (no seal image, no notice language yet), with the
    office.init audit event and chain head that setting up an office always wrote."""
    import datetime as dt

    from aitown.models import AuditEvent
    from aitown.services.audit import GENESIS, event_hash

    with closing(sqlite3.connect(path)) as conn:
        cur = conn.execute(
            "INSERT INTO office (code, name_zh, name_en, doc_prefix, secret_key, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (code, "徐汇区人工智能孵化中心", "Xuhui", "徐汇AI孵", "ab" * 32, "2025-01-02 03:04:05"),
        )
        office_id = cur.lastrowid
        head = conn.execute("SELECT last_event_id, last_hash, count FROM audit_head").fetchone()
        last_id, last_hash, n = head if head else (0, GENESIS, 0)
        ev = AuditEvent(
            id=last_id + 1,
            office_id=office_id,
            at=dt.datetime(2025, 1, 2, 3, 4, 5),
            user_id=None,
            user_name="system",
            action="office.init",
            entity="office",
            entity_id=str(office_id),
            before_json=None,
            after_json=f'{{"code": "{code}"}}',
            prev_hash=last_hash,
        )
        ev.hash = event_hash(ev)
        conn.execute(
            "INSERT INTO audit_event (id, office_id, at, user_id, user_name, action, entity, "
            "entity_id, before_json, after_json, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ev.id, ev.office_id, "2025-01-02 03:04:05.000000", None, ev.user_name, ev.action,
             ev.entity, ev.entity_id, None, ev.after_json, ev.prev_hash, ev.hash),
        )  # fmt: skip
        conn.execute("DELETE FROM audit_head")
        conn.execute(
            "INSERT INTO audit_head (id, last_event_id, last_hash, count) VALUES (1, ?, ?, ?)",
            (ev.id, ev.hash, n + 1),
        )
        conn.commit()


def set_revision(path: Path, revision: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()


def make_foreign_sqlite(path: Path) -> None:
    """An SQLite database of some other application."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany("INSERT INTO notes (body) VALUES (?)", [("x" * 500,)] * 50)
        conn.commit()


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the main file so the file alone is the whole database."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def db_fingerprint(db: Database) -> str:
    """A hash of every row of every table: equal fingerprints mean nothing was written."""
    digest = hashlib.sha256()
    with db.read() as s:
        for table in Base.metadata.sorted_tables:
            cols = list(table.columns)
            rows = s.execute(select(*cols).order_by(*table.primary_key.columns)).all()
            digest.update(table.name.encode())
            for row in rows:
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def files_in(folder: Path) -> dict[str, str]:
    """Every file in a folder with its sha256 (to show nothing beside a database changed)."""
    return {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def count(db: Database, table: str) -> int:
    with db.read() as s:
        return int(s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0
