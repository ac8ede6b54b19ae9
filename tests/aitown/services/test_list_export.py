"""Every list as .xlsx / .csv / .pdf: typed cells, formula-safe text, masking, audit, cancel."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from aitown.db import Database
from aitown.errors import PermissionDenied, ValidationError
from aitown.models import Application, AuditEvent, BudgetPool, Member
from aitown.services import list_tables
from aitown.services.list_export import ExportCancelled, export_tables
from aitown.services.members import add_member
from aitown.services.teams import TeamQuery, create_team
from tests.aitown import demo_copies
from tests.aitown.makers import team_values
from tests.conftest import Staff

demo_template = demo_copies.demo_template
demo_db = demo_copies.demo_db


def _header_row(ws) -> int:
    for row in ws.iter_rows(min_row=1, max_row=10):
        if row[0].value in ("No.", "编号", "Name (Chinese)", "Pool", "资金池", "Team", "团队"):
            return row[0].row
    raise AssertionError("no header row")


def _exports(db: Database) -> list[dict]:
    with db.read() as s:
        return [
            json.loads(e.after_json or "{}")
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "list.export"))
        ]


def test_applications_xlsx_has_typed_cells_and_totals_equal_to_the_database(
    demo_db: Database, staff: Staff, tmp_path: Path
) -> None:
    table = list_tables.applications_table(demo_db, staff.desk, status="approved")
    out = tmp_path / "approved.xlsx"
    count = export_tables(demo_db, staff.desk, [table], out)
    with demo_db.read() as s:
        n, total = s.execute(
            select(func.count(), func.sum(Application.amount)).where(
                Application.status == "approved"
            )
        ).one()
    assert count == n > 0
    ws = load_workbook(out).active
    head = _header_row(ws)
    assert ws.freeze_panes == f"A{head + 1}"
    first = [c.value for c in ws[head + 1]]
    assert isinstance(first[1], dt.datetime)  # a date cell (openpyxl reads it back as datetime)
    assert ws.cell(head + 1, 2).number_format == "yyyy-mm-dd"
    assert ws.cell(head + 1, 7).number_format == "#,##0.00"
    last = [c.value for c in ws[head + n + 1]]
    assert last[0] == "Total"
    assert Decimal(str(last[6])) == Decimal(total) / 100
    assert ws.column_dimensions["C"].width == 28
    assert "Selected: status: approved" in [c.value for c in ws["A"]]
    audit = _exports(demo_db)[-1]
    assert audit["tables"] == ["applications"] and audit["count"] == n
    assert audit["format"] == "xlsx" and audit["file"] == "approved.xlsx"


def test_csv_is_utf8_with_bom_and_chinese_headers(
    demo_db: Database, staff: Staff, tmp_path: Path
) -> None:
    out = tmp_path / "pools.csv"
    export_tables(
        demo_db,
        staff.desk,
        [list_tables.budget_table(demo_db, staff.desk, lang="zh")],
        out,
        lang="zh",
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("资金池,总额（元）")
    with demo_db.read() as s:
        left = s.scalar(
            select(func.sum(BudgetPool.total - BudgetPool.committed - BudgetPool.disbursed))
        )
    assert lines[-1].startswith("合计,")
    assert lines[-1].endswith(f",{left // 100}.{left % 100:02d}")
    assert any(line.startswith("算力券,") for line in lines)


def test_formula_text_is_neutralised_and_phones_masked(
    staff: Staff, db: Database, tmp_path: Path
) -> None:
    team_id = create_team(db, staff.desk, team_values(1, name_zh="=HYPERLINK(1)科技有限公司"))
    add_member(
        db,
        staff.admin,
        team_id,
        {"name": "@李雷", "id_number": "11010519491231002X", "phone": "13812345678",
         "joined_on": "2024-01-02"},
    )  # fmt: skip
    out = tmp_path / "members.xlsx"
    export_tables(db, staff.desk, [list_tables.members_table(db, staff.desk, team_id)], out)
    ws = load_workbook(out).active
    row = [c.value for c in ws[_header_row(ws) + 1]]
    assert row[0] == "'=HYPERLINK(1)科技有限公司"
    assert row[1] == "'@李雷"
    assert row[8] == "1101**********002X" and row[9] == "138****5678"
    assert _exports(db)[-1]["masked"] is True
    # An administrator may see personal data: the same list unmasked.
    unmasked = list_tables.members_table(db, staff.admin, team_id)
    assert unmasked.rows[0][8] == "11010519491231002X" and not unmasked.masked
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 1


def test_teams_follow_the_screens_filter_and_sort(staff: Staff, db: Database) -> None:
    for n in range(3):
        create_team(db, staff.desk, team_values(n, headcount=str(5 + n)))
    table = list_tables.teams_table(
        db, staff.reviewer, TeamQuery(text="测试", sort="headcount", descending=True)
    )
    assert [r[6] for r in table.rows] == [7, 6, 5]
    assert table.total_row()[6] == 18
    assert table.notes_en == ["Selected: text: 测试"]


def test_pdf_has_office_header_pages_and_totals(
    demo_db: Database, staff: Staff, tmp_path: Path
) -> None:
    out = tmp_path / "applications.pdf"
    table = list_tables.applications_table(demo_db, staff.desk, lang="zh")
    export_tables(
        demo_db, staff.desk, [table], out, lang="zh", office_name="徐汇区人工智能孵化中心"
    )
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert pages >= 2
    first = reader.pages[0].extract_text()
    last = reader.pages[-1].extract_text()
    assert "徐汇区人工智能孵化中心" in first and f"第 1 页，共 {pages} 页" in first
    assert "合计" in last
    page = reader.pages[0].mediabox
    assert page.width > page.height  # nine columns: landscape


def test_audit_log_needs_the_right_and_bad_names_are_refused(
    staff: Staff, db: Database, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        list_tables.audit_table(db, staff.desk)
    table = list_tables.budget_table(db, staff.desk)
    with pytest.raises(ValidationError, match=r"\.xlsx or \.csv or \.pdf"):
        export_tables(db, staff.desk, [table], tmp_path / "pools.docx")
    with pytest.raises(ValidationError, match="does not exist"):
        export_tables(db, staff.desk, [table], tmp_path / "nowhere" / "pools.csv")
    assert _exports(db) == []


def test_cancel_leaves_no_file_and_no_audit_event(
    demo_db: Database, staff: Staff, tmp_path: Path
) -> None:
    table = list_tables.audit_table(demo_db, staff.reviewer)
    assert len(table.rows) > 500
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        export_tables(demo_db, staff.reviewer, [table], folder / "audit.xlsx", cancel=lambda: True)
    assert list(folder.iterdir()) == []
    assert _exports(demo_db) == []
