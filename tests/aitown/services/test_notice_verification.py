"""Verifying notices by the code on paper (typed or scanned) and by file: genuine, revoked,
unknown, another office's, mistyped, altered; the combined batch file; dates as printed."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import pytest
from sqlalchemy import update

from aitown.errors import ValidationError
from aitown.models import Office
from aitown.notices.canvas import qr_text
from aitown.schema import open_database
from aitown.services import notice_printing as printing
from aitown.services import notices as svc
from tests.aitown.notices.notice_cases import TODAY, application_for

OTHER_OFFICE = "浦东新区人工智能孵化服务中心"


@pytest.fixture
def other_db(tmp_path: Path, staffed_template):
    """Another office's database: same document prefix (徐汇AI孵), its own name and key."""
    template, people = staffed_template
    path = tmp_path / "other.sqlite"
    shutil.copyfile(template, path)
    database = open_database(path)
    with database.write() as s:
        s.execute(update(Office).values(name_zh=OTHER_OFFICE, secret_key=secrets.token_hex(32)))
    yield database, people
    database.dispose()


def grant(db, staff, n: int = 1) -> svc.NoticeRecord:
    app_id = application_for(db, staff, "startup_grant", n)
    assert app_id is not None
    return svc.issue_notice(db, staff.admin, app_id)


def test_a_genuine_code_names_kind_number_team_amount_and_date(db, staff) -> None:
    record = grant(db, staff)
    result = svc.verify_code(db, record.verification_code)
    assert result.status == "genuine" and result.genuine
    assert result.document_number == record.document_number and result.notice_id == record.id
    assert result.kind == "startup_grant" and result.amount_fen and result.amount_fen > 0
    assert result.issue_date == TODAY and result.team_name
    for needle in (record.document_number, result.team_name, TODAY.isoformat(), "start-up grant"):
        assert needle in result.message_en, needle
    assert f"{TODAY.year}年{TODAY.month}月{TODAY.day}日" in result.message_zh
    assert "真实有效" in result.message_zh
    # Typed loosely: lower case, spaces instead of dashes, 0 for O, 1 for I, 8 for B.
    loose = record.verification_code.lower().replace("-", " ")
    loose = loose.replace("o", "0").replace("i", "1").replace("b", "8")
    assert svc.verify_code(db, loose).notice_id == record.id
    # What a scanner reads from the QR code: the number and the code.
    scanned = qr_text(record.document_number, record.verification_code)
    assert svc.verify_code(db, scanned).status == "genuine"


def test_a_revoked_notices_code_says_revoked_and_by_which_notice(db, staff) -> None:
    earlier: list[svc.NoticeRecord] = []
    app_id = application_for(
        db,
        staff,
        "revocation",
        1,
        before_revoking=lambda a: earlier.append(svc.issue_notice(db, staff.admin, a)),
    )
    revocation = svc.issue_notice(db, staff.admin, app_id)
    result = svc.verify_code(db, earlier[0].verification_code)
    assert result.status == "revoked" and not result.genuine
    assert result.revoked_by == revocation.document_number
    assert "REVOKED" in result.message_en and "已撤销" in result.message_zh
    assert svc.verify_pdf(db, earlier[0].pdf).status == "revoked"
    # The revocation itself stands.
    assert svc.verify_code(db, revocation.verification_code).status == "genuine"


def test_unknown_mistyped_and_malformed_codes(db, staff) -> None:
    record = grant(db, staff)
    code = record.verification_code
    # One character changed: a well-formed code no notice has.
    wrong = ("A" if code[0] != "A" else "C") + code[1:]
    result = svc.verify_code(db, wrong)
    assert result.status == "unknown" and result.notice_id is None
    assert "No notice of this office" in result.message_en and "another office" in result.message_en
    for text in (code[:-1], code + "X", "K7Q2-M9XD-4HTP-A3B!", ""):
        with pytest.raises(ValidationError, match="not a verification code"):
            svc.verify_code(db, text)
    # A QR code whose number is not the code's notice: the paper was altered.
    result = svc.verify_code(db, qr_text("徐汇AI孵〔2026〕999号", code))
    assert result.status == "altered" and record.document_number in result.message_en


def test_another_offices_code_and_file_are_unknown_here_not_altered(db, staff, other_db) -> None:
    ours = grant(db, staff)
    other, other_staff = other_db
    theirs = grant(other, other_staff)
    # Same prefix, same serial: the number is one of ours as well.
    assert theirs.document_number == ours.document_number
    assert svc.verify_code(db, theirs.verification_code).status == "unknown"
    result = svc.verify_pdf(db, theirs.pdf)
    assert result.status == "unknown", result.message_en
    assert OTHER_OFFICE in result.message_en and "ALTERED" not in result.message_en
    # In its own office it is genuine.
    assert svc.verify_pdf(other, theirs.pdf).status == "genuine"


def test_verify_reports_the_printed_issue_date_not_the_utc_timestamp(db, staff) -> None:
    record = grant(db, staff)
    with db.write() as s:  # the clock said the day before in UTC (Beijing is UTC+8)
        from aitown.models import Notice

        s.execute(update(Notice).values(issued_at=record.issued_at.replace(year=2001)))
    result = svc.verify_pdf(db, record.pdf)
    assert result.status == "genuine" and TODAY.isoformat() in result.message_en
    assert "2001" not in result.message_en


def test_the_combined_batch_file_lists_its_notices_by_code(db, staff, tmp_path: Path) -> None:
    for n in range(1, 3):
        application_for(db, staff, "compute_voucher", n)
    out = tmp_path / "batch.pdf"
    printing.print_notices(db, staff.admin, kind="compute_voucher", out=out, combined=True)
    result = svc.verify_pdf(db, out.read_bytes())
    assert result.status == "unknown" and "combined print file of 2 notices" in result.message_en
    numbers = [r.document_number for r in svc.list_notices(db)]
    for number in numbers:
        assert f"{number}: genuine" in result.message_en
    assert "合并的打印文件" in result.message_zh and "not a notice of this office" not in (
        result.message_en
    )


def test_a_damaged_file_is_one_sentence_and_pypdf_stays_quiet(db, staff, capfd) -> None:
    record = grant(db, staff)
    damaged = record.pdf[: len(record.pdf) // 2]
    result = svc.verify_pdf(db, damaged)
    assert result.status in ("unknown", "altered")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
