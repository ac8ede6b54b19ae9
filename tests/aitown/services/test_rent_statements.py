"""Rent statements: rent, the waiver line by line (§2.2), payments, receivables, arrears; the
payment's receipt and the statement's verification code; the arrears list as .xlsx and PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from aitown.errors import ConflictError, PermissionDenied, ValidationError
from aitown.services import leases, teams
from aitown.services.leaving import leave_town
from aitown.services.list_export import export_tables, print_tables
from aitown.services.rent_accounts import (
    arrears,
    arrears_table,
    receipt,
    record_payment,
    verify_receipt,
)
from aitown.services.rent_pdf import receipt_pdf, statement_pdf
from aitown.services.rent_statements import rent_statement, statement_is_current
from tests.aitown.makers import team_values
from tests.aitown.services.test_lease_end import RENT, tenant


def test_first_year_months_are_waived_in_full(db, staff):
    team_id, _lease, _app = tenant(db, staff)
    st = rent_statement(db, team_id, "2025-03")
    [line] = st.lines
    assert (line.month, line.charged_fen, line.waived_fen, line.due_fen) == (3, RENT, RENT, 0)
    assert line.text("zh") == "本月租金 10,000.00 元，减免 100%（10,000.00 元），应缴 0.00 元"
    assert line.text("en") == (
        "Rent this month 10,000.00 yuan, waived 100% (10,000.00 yuan), due 0.00 yuan"
    )
    assert (st.opening_fen, st.closing_fen, st.arrears_fen) == (0, 0, 0)


def test_second_year_half_waiver_builds_arrears_until_paid(db, staff):
    team_id, _lease, _app = tenant(db, staff)
    st = rent_statement(db, team_id, "2026-02")
    [line] = st.lines
    assert (line.month, line.ratio * 100, line.waived_fen, line.due_fen) == (
        14,
        50,
        RENT // 2,
        RENT // 2,
    )
    assert line.text("zh") == "本月租金 10,000.00 元，减免 50%（5,000.00 元），应缴 5,000.00 元"
    assert st.opening_fen == RENT // 2  # January 2026 is unpaid
    assert st.arrears_fen == RENT
    pay = record_payment(db, staff.desk, team_id, "7500", on="2026-02-10", reference="BANK-1")
    record_payment(db, staff.desk, team_id, "20000", on="2025-01-05", kind="deposit_received")
    st = rent_statement(db, team_id, "2026-02")
    assert st.paid_fen == 7_500_00 and st.arrears_fen == 2_500_00
    assert st.deposit_held_fen == 20_000_00
    # After month 24 nothing is waived: the full rent is due.
    [line] = rent_statement(db, team_id, "2027-01").lines
    assert (line.month, line.waived_fen, line.due_fen) == (25, 0, RENT)
    assert line.text("en").endswith("no waiver, due 10,000.00 yuan")
    # The receipt: its code verifies, and names the payment.
    r = receipt(db, pay)
    assert r.amount_fen == 7_500_00 and r.number.startswith("RC-2026-")
    assert verify_receipt(db, r.verification_code.lower()) == r
    assert verify_receipt(db, "AAAA-AAAA-AAAA-AAAA") is None


def test_a_part_month_after_an_early_end_is_billed_and_waived_by_day(db, staff):
    team_id, lease_id, _app = tenant(db, staff)
    leases.end_lease(db, staff.desk, lease_id, "2026-03-15")
    [line] = rent_statement(db, team_id, "2026-03").lines
    # 15 of 31 days: rent 10,000 × 15/31 = 4,838.71; half of it waived: 2,419.35.
    assert (line.days_billed, line.days_in_month) == (15, 31)
    assert (line.charged_fen, line.waived_fen, line.due_fen) == (483_871, 241_935, 241_936)
    assert "（按 15/31 天）" in line.text("zh")
    assert rent_statement(db, team_id, "2026-04").lines == ()


def test_a_lease_from_mid_month_bills_each_lease_month_in_the_month_it_starts(db, staff):
    team_id, _lease, _app = tenant(db, staff, admitted="2025-01-15", start="2025-01-15")
    [jan] = rent_statement(db, team_id, "2025-01").lines
    assert (jan.month_start, jan.month_end, jan.charged_fen) == (
        dt.date(2025, 1, 15),
        dt.date(2025, 2, 14),
        RENT,
    )


def test_a_section_2_5_repayment_is_a_receivable_on_the_same_account(any_db, any_staff):
    db, staff = any_db, any_staff
    team_id, _lease, _app = tenant(db, staff)
    leave_town(db, staff.admin, team_id, "withdrawn", "2025-06-30")
    st = rent_statement(db, team_id, "2025-06")
    # June was waived (the waiver was enjoyed), and the repayment asks all six months back.
    [line] = st.lines
    assert line.waived_fen == RENT
    assert [e.amount_fen for e in st.receivables] == [6 * RENT]
    assert st.arrears_fen == 6 * RENT
    assert rent_statement(db, team_id, "2025-07").opening_fen == 6 * RENT
    [row] = arrears(db, as_of=dt.date(2025, 7, 1))
    assert (row.team_id, row.receivable_fen, row.arrears_fen) == (team_id, 6 * RENT, 6 * RENT)


def test_arrears_list_oldest_unpaid_month_and_its_exports(db, staff, tmp_path):
    team_id, _lease, _app = tenant(db, staff)
    other = teams.create_team(db, staff.desk, team_values(1))
    space = leases.create_space(db, staff.admin, "2号楼", "201", "80", "5000")
    leases.create_lease(db, staff.desk, other, space, "2026-01-01", "2026-12-31")
    record_payment(db, staff.desk, other, "5000", on="2026-01-03")
    rows = arrears(db, as_of=dt.date(2026, 3, 20))
    assert [(r.team_id, r.arrears_fen, r.oldest_unpaid) for r in rows] == [
        (team_id, 3 * RENT // 2, dt.date(2026, 1, 1)),  # half of Jan–Mar 2026: largest first
        (other, 2 * 5_000_00, dt.date(2026, 2, 1)),  # no waiver: Feb and Mar unpaid
    ]
    table = arrears_table(db, staff.desk, as_of=dt.date(2026, 3, 20), lang="zh")
    out = tmp_path / "arrears.xlsx"
    assert export_tables(db, staff.desk, [table], out, lang="zh") == 2
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "欠缴（元）" in values and 15_000 in values
    pdf = print_tables(db, staff.desk, [table], lang="zh")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "租金欠缴清单" in text


def test_statement_and_receipt_pdfs_carry_their_codes(db, staff):
    team_id, _lease, _app = tenant(db, staff)
    pay = record_payment(db, staff.desk, team_id, "5000", on="2026-02-10")
    st = rent_statement(db, team_id, "2026-02")
    for lang in ("zh", "en"):
        text = (
            PdfReader(io.BytesIO(statement_pdf(db, team_id, "2026-02", lang=lang)))
            .pages[0]
            .extract_text()
        )
        assert st.verification_code in text
        r = receipt(db, pay)
        text = PdfReader(io.BytesIO(receipt_pdf(db, pay, lang=lang))).pages[0].extract_text()
        assert r.verification_code in text and "5,000.00" in text
    assert statement_is_current(db, team_id, "2026-02", st.verification_code)
    record_payment(db, staff.desk, team_id, "1", on="2026-02-11")
    assert not statement_is_current(db, team_id, "2026-02", st.verification_code)


def test_recording_payments_checks_rights_and_values(db, staff):
    team_id, _lease, _app = tenant(db, staff)
    with pytest.raises(PermissionDenied):
        record_payment(db, staff.reviewer, team_id, "100")
    with pytest.raises(ValidationError):
        record_payment(db, staff.desk, team_id, "0")
    with pytest.raises(ValidationError, match="future"):
        record_payment(db, staff.desk, team_id, "100", on=dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="cannot be recorded here"):
        record_payment(db, staff.desk, team_id, "100", kind="repayment")
    with pytest.raises(ConflictError, match="deposit held"):
        record_payment(db, staff.desk, team_id, "100", kind="deposit_returned")
    with pytest.raises(ValidationError, match="not a month"):
        rent_statement(db, team_id, "2026-13")


def test_a_receipts_code_is_checked_where_notices_codes_are(db, db_path, staff, capsys):
    """The Notices screen's code box and `notices verify --code` answer for a rent receipt too;
    a receipt whose row was changed afterwards is not genuine."""
    from sqlalchemy import update

    from aitown.cli import main as cli_main
    from aitown.rent_tables import RentEntry
    from aitown.services.notice_verification import verify_code

    team_id, _lease, _app = tenant(db, staff)
    pay = record_payment(db, staff.desk, team_id, "7500", on="2026-02-10", reference="BANK-1")
    r = receipt(db, pay)
    found = verify_code(db, r.verification_code.lower())
    assert found.status == "genuine" and found.document_number == r.number
    assert found.amount_fen == 7_500_00 and "7,500.00" in found.message_en
    assert "租金收据" in found.message_zh and r.number in found.message_zh
    assert verify_code(db, "AAAA-AAAA-AAAA-AAAA").status == "unknown"

    assert cli_main(["notices", "verify", "--code", r.verification_code, "--db", str(db_path)]) == 0
    assert r.number in capsys.readouterr().out

    with db.write() as s:  # changed behind the application's back
        s.execute(update(RentEntry).where(RentEntry.id == pay).values(amount=1))
    assert verify_code(db, r.verification_code).status == "unknown"
