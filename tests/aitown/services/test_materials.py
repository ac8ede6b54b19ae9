"""Issue 13.1–13.4 through the services: materials checklist, scans, submit blocked with the missing
items named, return for correction and resubmission, and the verified contract amount."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aitown.db import Database
from aitown.errors import ConflictError, PermissionDenied, ValidationError
from aitown.material_tables import MaterialBlob
from aitown.models import Application, AuditEvent, Setting
from aitown.services import applications as apps
from aitown.services import material_files as files
from aitown.services import materials as mat
from aitown.services import review_steps as review
from tests.aitown.notices.notice_cases import admitted_team, voucher_terms
from tests.conftest import Staff

pytestmark = pytest.mark.materials

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def voucher(db: Database, staff: Staff, n: int = 1, contract: str = "1250000") -> int:
    team_id = admitted_team(db, staff, n)
    rec = apps.record_application(
        db, staff.desk, team_id, "compute_voucher", **voucher_terms(contract)
    )
    return rec.application_id


def events(db: Database, app_id: int) -> list[tuple[str, dict]]:
    with db.read() as s:
        rows = s.execute(
            select(AuditEvent.action, AuditEvent.after_json)
            .where(AuditEvent.entity == "application", AuditEvent.entity_id == str(app_id))
            .order_by(AuditEvent.id)
        ).all()
    return [(a, json.loads(j) if j else {}) for a, j in rows]


def hand_in_all(db: Database, staff: Staff, app_id: int) -> None:
    mat.mark_all_seen(db, staff.desk, app_id)


def test_checklist_comes_from_the_policy(db, staff):
    app_id = voucher(db, staff)
    state = mat.application_materials(db, app_id)
    assert [m.key for m in state.items] == [
        "contract",
        "invoice",
        "payment_proof",
        "commitment_letter",
    ]
    assert all(m.required and not m.present for m in state.items)
    assert state.items[0].zh == "已签署的服务合同"


def test_submit_is_refused_naming_the_missing_items(db, staff):
    app_id = voucher(db, staff)
    mat.mark_seen(db, staff.desk, app_id, "contract")
    mat.attach_file(db, staff.desk, app_id, "invoice", PDF, "invoice.pdf")
    with pytest.raises(ValidationError) as exc:
        apps.submit_application(db, staff.desk, app_id)
    assert "Proof of payment; Commitment letter" in exc.value.message
    assert "付款凭证；承诺书" in exc.value.message_zh
    assert "contract" not in exc.value.message.lower().split("missing:")[1]
    with db.read() as s:
        assert s.get(Application, app_id).status == "draft"
    mat.mark_seen(db, staff.desk, app_id, "payment_proof")
    mat.mark_seen(db, staff.desk, app_id, "commitment_letter")
    apps.submit_application(db, staff.desk, app_id)
    with db.read() as s:
        assert s.get(Application, app_id).status == "submitted"
    # Once submitted, the paper trail is the reviewer's to judge.
    with pytest.raises(ConflictError):
        mat.mark_seen(db, staff.desk, app_id, "contract", False)
    actions = [a for a, _ in events(db, app_id)]
    assert actions == [
        "application.record",
        "application.material_seen",
        "application.attach",
        "application.material_seen",
        "application.material_seen",
        "application.submit",
    ]


def test_optional_items_do_not_block(db, staff):
    team_id = admitted_team(db, staff, 1)
    app_id = apps.record_application(db, staff.desk, team_id, "startup_grant").application_id
    for key in ("business_licence", "founder_id_card", "commitment_letter"):
        mat.mark_seen(db, staff.desk, app_id, key)
    apps.submit_application(db, staff.desk, app_id)  # business_plan is optional
    state = mat.application_materials(db, app_id)
    assert [m.key for m in state.missing] == ["business_plan"]


def test_rights_and_unknown_items(db, staff):
    app_id = voucher(db, staff)
    with pytest.raises(PermissionDenied):
        mat.mark_seen(db, staff.reviewer, app_id, "contract")
    with pytest.raises(PermissionDenied):
        mat.attach_file(db, staff.reviewer, app_id, "contract", PNG, "c.png")
    with pytest.raises(ValidationError, match="contract, invoice, payment_proof"):
        mat.mark_seen(db, staff.desk, app_id, "lease_contract")


def test_scans_are_checked_by_content(db, staff):
    app_id = voucher(db, staff)
    with pytest.raises(ValidationError, match="not a PDF, JPEG or PNG"):
        mat.attach_file(db, staff.desk, app_id, "contract", b"MZ\x90\x00 exe", "contract.pdf")
    with pytest.raises(ValidationError, match="content is PNG"):
        mat.attach_file(db, staff.desk, app_id, "contract", PNG, "contract.pdf")
    row = mat.attach_file(db, staff.desk, app_id, "contract", JPEG, "photo.JPG")
    assert row.media_type == "image/jpeg"


def test_same_content_is_stored_once_and_never_overwritten(db, staff, db_path: Path):
    a = voucher(db, staff, 1)
    b = voucher(db, staff, 2)
    first = mat.attach_file(db, staff.desk, a, "contract", PDF, "contract.pdf")
    mat.attach_file(db, staff.desk, b, "contract", PDF, "same-contract.pdf")
    sha = hashlib.sha256(PDF).hexdigest()
    assert first.sha256 == sha
    stored = db_path.parent / "aitown-files" / sha[:2] / sha
    assert stored.read_bytes() == PDF
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(MaterialBlob)) == 1
    row, data = mat.attachment_content(db, staff.reviewer, first.id)
    assert data == PDF and row.file_name == "contract.pdf"
    # A damaged file is said so, not shown.
    stored.write_bytes(PDF + b"x")
    with pytest.raises(Exception, match="damaged"):
        mat.attachment_content(db, staff.reviewer, first.id)


def test_files_over_the_limit_are_refused_clearly(db, staff):
    app_id = voucher(db, staff)
    with db.write() as s:
        s.add(Setting(key=files.MAX_BYTES_SETTING, value=str(1024)))
    big = b"%PDF-1.4\n" + b"0" * 2048
    with pytest.raises(ValidationError) as exc:
        mat.attach_file(db, staff.desk, app_id, "contract", big, "big.pdf")
    assert "more than the 0.0 MB" not in exc.value.message
    assert "big.pdf" in exc.value.message and "上限" in exc.value.message_zh
    assert mat.application_materials(db, app_id).items[0].attachments == ()
    assert files.max_bytes.__doc__ and files.DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_return_and_resubmit_round_trip(db, staff):
    app_id = voucher(db, staff)
    mat.attach_file(db, staff.desk, app_id, "invoice", PDF, "invoice.pdf")
    hand_in_all(db, staff, app_id)
    apps.submit_application(db, staff.desk, app_id)
    with pytest.raises(PermissionDenied):
        review.return_for_correction(db, staff.desk, app_id, ["invoice"], "blurred")
    with pytest.raises(ValidationError, match="reason"):
        review.return_for_correction(db, staff.reviewer, app_id, ["invoice"], " ")
    assert (
        review.return_for_correction(
            db, staff.reviewer, app_id, ["invoice", "payment_proof"], "The invoice is unreadable."
        )
        == 1
    )
    state = mat.application_materials(db, app_id)
    assert state.status == "returned"
    assert state.open_return is not None and state.open_return.items == ("invoice", "payment_proof")
    invoice = state.items[1]
    assert invoice.to_mend and not invoice.present
    assert [a.current for a in invoice.attachments] == [False]  # kept, set aside
    # Deciding a returned application is refused; resubmitting needs the items mended.
    with pytest.raises(ConflictError):
        apps.approve_application(db, staff.reviewer, app_id)
    with pytest.raises(ValidationError, match="Invoice; Proof of payment"):
        apps.submit_application(db, staff.desk, app_id)
    mat.attach_file(db, staff.desk, app_id, "invoice", PNG, "invoice-rescan.png")
    mat.mark_seen(db, staff.desk, app_id, "payment_proof")
    apps.submit_application(db, staff.desk, app_id)
    # A second round, then approval.
    assert review.return_for_correction(db, staff.reviewer, app_id, ["contract"], "Unsigned.") == 2
    mat.mark_seen(db, staff.desk, app_id, "contract")
    apps.submit_application(db, staff.desk, app_id)
    apps.approve_application(db, staff.reviewer, app_id)
    state = mat.application_materials(db, app_id)
    assert [(r.round, r.resubmitted_at is not None) for r in state.returns] == [
        (1, True),
        (2, True),
    ]
    rounds = [(a, e.get("round")) for a, e in events(db, app_id) if "return" in a or "resub" in a]
    assert rounds == [
        ("application.return", 1),
        ("application.resubmit", 1),
        ("application.return", 2),
        ("application.resubmit", 2),
    ]


def test_return_needs_a_submitted_application_and_known_items(db, staff):
    app_id = voucher(db, staff)
    with pytest.raises(ConflictError, match="only a submitted"):
        review.return_for_correction(db, staff.reviewer, app_id, ["invoice"], "x")
    hand_in_all(db, staff, app_id)
    apps.submit_application(db, staff.desk, app_id)
    with pytest.raises(ValidationError, match="not a material"):
        review.return_for_correction(db, staff.reviewer, app_id, ["passport"], "x")
    with pytest.raises(ValidationError, match="at least one item"):
        review.return_for_correction(db, staff.reviewer, app_id, [], "x")


def test_verified_amount_computes_the_benefit(db, staff):
    app_id = voucher(db, staff, contract="1250000")
    hand_in_all(db, staff, app_id)
    apps.submit_application(db, staff.desk, app_id)
    with db.read() as s:
        claimed_amount = s.get(Application, app_id).amount
    with pytest.raises(PermissionDenied):
        review.verify_amount(db, staff.desk, app_id, "1000000", "invoice says less")
    with pytest.raises(ValidationError, match="claimed contract amount"):
        review.verify_amount(db, staff.reviewer, app_id, "1250000", "same")
    with pytest.raises(ValidationError, match="reason"):
        review.verify_amount(db, staff.reviewer, app_id, "100000", "")
    review.verify_amount(
        db, staff.reviewer, app_id, "100000", "Only 100,000 yuan was invoiced and paid."
    )
    result = apps.approve_application(db, staff.reviewer, app_id)
    with db.read() as s:
        app = s.get(Application, app_id)
        assert app.contract_amount == 125_000_000 and app.verified_contract_amount == 10_000_000
        assert app.amount == result.amount.amount_fen
    assert claimed_amount is not None and app.amount < claimed_amount
    # The compute voucher pays a share of the contract: the verified one.
    assert app.amount <= 10_000_000
    verify = [e for a, e in events(db, app_id) if a == "application.verify_amount"]
    assert verify == [
        {
            "contract_amount": 125_000_000,
            "verified_contract_amount": 10_000_000,
            "amount": app.amount,
            "reason": "Only 100,000 yuan was invoiced and paid.",
        }
    ]


def test_verified_amount_only_for_vouchers(db, staff):
    team_id = admitted_team(db, staff, 1)
    app_id = apps.record_application(db, staff.desk, team_id, "startup_grant").application_id
    hand_in_all(db, staff, app_id)
    apps.submit_application(db, staff.desk, app_id)
    with pytest.raises(ValidationError, match="no contract amount"):
        review.verify_amount(db, staff.reviewer, app_id, "100", "x")


def test_backup_and_restore_carry_the_scans(db, staff, db_path: Path, tmp_path: Path):
    from aitown.schema import open_database
    from aitown.services import backup, restore

    app_id = voucher(db, staff)
    row = mat.attach_file(db, staff.desk, app_id, "contract", PDF, "contract.pdf")
    (tmp_path / "away").mkdir()
    copy = backup.backup_database(db, staff.admin, tmp_path / "away" / "b.sqlite")
    assert (tmp_path / "away" / "aitown-files" / row.sha256[:2] / row.sha256).read_bytes() == PDF
    db.dispose()
    # The live folder loses its files; restoring the backup brings them back.
    live_store = db_path.parent / "aitown-files"
    for f in live_store.rglob("*"):
        if f.is_file():
            f.unlink()
    restore.restore_database(db_path, copy, staff.admin)
    back = open_database(db_path)
    try:
        assert mat.attachment_content(back, staff.desk, row.id)[1] == PDF
    finally:
        back.dispose()


def test_restore_refuses_a_backup_whose_scans_are_lost(db, staff, db_path: Path, tmp_path: Path):
    from aitown.errors import DatabaseError
    from aitown.services import backup, restore

    app_id = voucher(db, staff)
    row = mat.attach_file(db, staff.desk, app_id, "contract", PNG, "contract.png")
    (tmp_path / "away").mkdir()
    copy = backup.backup_database(db, staff.admin, tmp_path / "away" / "b.sqlite")
    db.dispose()
    (tmp_path / "away" / "aitown-files" / row.sha256[:2] / row.sha256).unlink()
    (db_path.parent / "aitown-files" / row.sha256[:2] / row.sha256).unlink()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="1 attached file"):
        restore.restore_database(db_path, copy, staff.admin)
    assert db_path.read_bytes() == before


def test_postgresql_keeps_the_scans_in_the_database(any_db, any_staff):
    team_id = admitted_team(any_db, any_staff, 1)
    app_id = apps.record_application(
        any_db, any_staff.desk, team_id, "compute_voucher", **voucher_terms()
    ).application_id
    row = mat.attach_file(any_db, any_staff.desk, app_id, "invoice", JPEG, "i.jpg")
    with any_db.read() as s:
        blob = s.get(MaterialBlob, row.sha256)
        assert (blob.data is None) == any_db.is_sqlite
    assert mat.attachment_content(any_db, any_staff.desk, row.id)[1] == JPEG


def test_the_voucher_certificate_shows_claimed_and_verified_amounts(db, staff):
    from aitown.services import notices
    from tests.aitown.notices.notice_cases import pdf_text

    app_id = voucher(db, staff, contract="1250000")
    hand_in_all(db, staff, app_id)
    apps.submit_application(db, staff.desk, app_id)
    review.verify_amount(db, staff.reviewer, app_id, "1000000", "发票金额为100万元")
    apps.approve_application(db, staff.reviewer, app_id)
    record = notices.issue_notice(db, staff.admin, app_id)
    text = pdf_text(notices.reprint_notice(db, record.id))
    assert "合同金额1,250,000.00元，核定合同额1,000,000.00元" in text
    assert "核定合同额" in text and "发票金额为100万元" in text
    assert "verifiedcontractamountCNY1,000,000.00" in text
    # 30 % of the verified contract, not of the claimed one.
    assert "300,000.00" in text


def test_the_team_history_shows_every_round(db, staff):
    from aitown.services.audit_log import team_history

    app_id = voucher(db, staff)
    hand_in_all(db, staff, app_id)
    apps.submit_application(db, staff.desk, app_id)
    for n in (1, 2):
        review.return_for_correction(db, staff.reviewer, app_id, ["invoice"], f"round {n}")
        mat.mark_seen(db, staff.desk, app_id, "invoice")
        apps.submit_application(db, staff.desk, app_id)
    with db.read() as s:
        team_id = s.get(Application, app_id).team_id
    actions = [r.action for r in reversed(team_history(db, staff.desk, team_id))]
    assert actions.count("application.return") == 2 and actions.count("application.resubmit") == 2
