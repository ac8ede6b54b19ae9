"""Two desks ticking "original seen" or attaching the same scan at the same moment (issue 13.1).

On PostgreSQL both desks can look before either saves: both find no mark and insert one (the
second breaks ``uq_application_material``), both change the same mark (the second's version check
fails), or both store the same scan (the second breaks ``material_blob``'s key). The races are made
deterministic: desk A's look at the database is wrapped so that desk B's whole change is made and
committed right after it. On PostgreSQL B runs in its own session at that moment; SQLite's write
lock admits no second writer inside A's transaction, so there B saves just before A starts and A's
look is made to miss it (the same database state as the race), or B's change is made on A's own
connection.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import ConflictError
from aitown.material_tables import ApplicationAttachment, ApplicationMaterial, MaterialBlob
from aitown.models import AuditEvent
from aitown.services import applications as apps
from aitown.services import audit
from aitown.services import material_files as files
from aitown.services import materials as mat
from tests.aitown.notices.notice_cases import admitted_team, voucher_terms
from tests.conftest import Staff

pytestmark = pytest.mark.materials

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def voucher(db: Database, staff: Staff) -> int:
    team_id = admitted_team(db, staff, 1)
    rec = apps.record_application(db, staff.desk, team_id, "compute_voucher", **voucher_terms())
    return rec.application_id


def marks(db: Database, app_id: int) -> list[tuple[str, bool, int | None]]:
    with db.read() as s:
        rows = s.execute(
            select(ApplicationMaterial.item, ApplicationMaterial.seen, ApplicationMaterial.seen_by)
            .where(ApplicationMaterial.application_id == app_id)
            .order_by(ApplicationMaterial.item)
        ).all()
    return [tuple(r) for r in rows]


def seen_events(db: Database, app_id: int) -> list[tuple[str, dict | None, dict]]:
    with db.read() as s:
        rows = s.execute(
            select(AuditEvent.user_name, AuditEvent.before_json, AuditEvent.after_json)
            .where(
                AuditEvent.action == "application.material_seen",
                AuditEvent.entity_id == str(app_id),
            )
            .order_by(AuditEvent.id)
        ).all()
    return [(u, json.loads(b) if b else None, json.loads(a)) for u, b, a in rows]


def race_after_first_look(
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    other_desk: Callable[[], None],
    *,
    miss_on_sqlite: bool = True,
) -> None:
    """Make ``other_desk`` save right after A's first look at the mark (see the module's text)."""
    real = mat._mark
    looks = 0
    if db.is_sqlite:
        other_desk()  # B first; A's first look is made to miss B's mark

    def look(s: Session, app_id: int, item: str) -> ApplicationMaterial | None:
        nonlocal looks
        looks += 1
        found = real(s, app_id, item)
        if looks == 1:
            if not db.is_sqlite:
                other_desk()  # B, in its own session and transaction, commits now
            elif miss_on_sqlite:
                return None
        return found

    monkeypatch.setattr(mat, "_mark", look)


def test_two_desks_tick_the_same_new_item_both_succeed(any_db, any_staff, monkeypatch):
    app_id = voucher(any_db, any_staff)
    race_after_first_look(
        monkeypatch, any_db, lambda: mat.mark_seen(any_db, any_staff.desk2, app_id, "invoice")
    )
    mat.mark_seen(any_db, any_staff.desk, app_id, "invoice")  # no IntegrityError
    assert marks(any_db, app_id) == [("invoice", True, any_staff.desk.user_id)]
    assert seen_events(any_db, app_id) == [
        ("desk2", {"item": "invoice", "seen": False}, {"item": "invoice", "seen": True}),
        ("desk1", {"item": "invoice", "seen": True}, {"item": "invoice", "seen": True}),
    ]
    assert audit.verify_chain(any_db)[1] == []


def test_a_mark_changed_by_another_desk_meanwhile_is_changed_again(any_db, any_staff, monkeypatch):
    """B unticks the item between A's look and A's save: A's version check fails, A ticks again."""
    app_id = voucher(any_db, any_staff)
    mat.mark_seen(any_db, any_staff.desk2, app_id, "contract")
    real = mat._mark
    looks = 0

    def look(s: Session, app_id_: int, item: str) -> ApplicationMaterial | None:
        nonlocal looks
        looks += 1
        found = real(s, app_id_, item)
        if looks == 1:
            if any_db.is_sqlite:  # B's untick on A's own connection, behind the session's back
                table = ApplicationMaterial.__table__
                s.connection().execute(
                    update(table)
                    .where(table.c.application_id == app_id_, table.c.item == item)
                    .values(seen=False, seen_by=None, version=table.c.version + 1)
                )
            else:
                mat.mark_seen(any_db, any_staff.desk2, app_id_, item, seen=False)
        return found

    monkeypatch.setattr(mat, "_mark", look)
    mat.mark_seen(any_db, any_staff.desk, app_id, "contract")  # no StaleDataError
    assert marks(any_db, app_id) == [("contract", True, any_staff.desk.user_id)]
    assert seen_events(any_db, app_id)[-1] == (
        "desk1",
        {"item": "contract", "seen": False},  # what A changed: B's untick
        {"item": "contract", "seen": True},
    )


def test_tick_all_leaves_the_item_another_desk_ticked_meanwhile(any_db, any_staff, monkeypatch):
    app_id = voucher(any_db, any_staff)
    race_after_first_look(
        monkeypatch, any_db, lambda: mat.mark_seen(any_db, any_staff.desk2, app_id, "contract")
    )
    ticked = mat.mark_all_seen(any_db, any_staff.desk, app_id)
    assert ticked == ["invoice", "payment_proof", "commitment_letter"]
    assert marks(any_db, app_id) == [
        ("commitment_letter", True, any_staff.desk.user_id),
        ("contract", True, any_staff.desk2.user_id),
        ("invoice", True, any_staff.desk.user_id),
        ("payment_proof", True, any_staff.desk.user_id),
    ]


def test_a_mark_that_keeps_changing_is_refused_in_both_languages_with_nothing_written(
    any_db, any_staff, monkeypatch
):
    app_id = voucher(any_db, any_staff)
    mat.mark_seen(any_db, any_staff.desk2, app_id, "invoice")
    with any_db.read() as s:
        events_before = s.scalar(select(func.count()).select_from(AuditEvent))
    monkeypatch.setattr(mat, "_mark", lambda s, a, i: None)  # every look misses the mark
    with pytest.raises(ConflictError) as refused:
        mat.mark_seen(any_db, any_staff.desk, app_id, "invoice", seen=False)
    assert "Another desk is changing the materials" in refused.value.message_for("en")
    assert "其他工作站正在修改申请" in refused.value.message_for("zh")
    assert marks(any_db, app_id) == [("invoice", True, any_staff.desk2.user_id)]
    with any_db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == events_before


def test_two_desks_attach_the_same_scan_both_succeed(any_db, any_staff, monkeypatch):
    app_id = voucher(any_db, any_staff)
    real = files.blob_exists
    looks = 0
    if any_db.is_sqlite:
        mat.attach_file(any_db, any_staff.desk2, app_id, "invoice", PDF, "b.pdf")

    def look(s: Session, sha: str) -> bool:
        nonlocal looks
        looks += 1
        if looks == 1:
            if any_db.is_sqlite:
                return False  # A's look made before B stored the scan
            mat.attach_file(any_db, any_staff.desk2, app_id, "invoice", PDF, "b.pdf")
        return real(s, sha)

    monkeypatch.setattr(files, "blob_exists", look)
    mat.attach_file(any_db, any_staff.desk, app_id, "invoice", PDF, "a.pdf")
    with any_db.read() as s:
        assert s.scalar(select(func.count()).select_from(MaterialBlob)) == 1
        names = s.scalars(
            select(ApplicationAttachment.file_name).order_by(ApplicationAttachment.id)
        ).all()
    assert names == ["b.pdf", "a.pdf"]
    assert mat.application_materials(any_db, app_id).items[1].attached
