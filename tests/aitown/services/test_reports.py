"""The reports: their figures are the database's own sums; the .xlsx opens in LibreOffice."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.models import Application, BudgetPool, Lease, Space, Team
from aitown.notices.numerals import to_chinese_capital
from aitown.services.list_export import REPORT_FORMATS, export_tables
from aitown.services.reports import (
    build_report,
    building_lines,
    incubator_figures,
    monthly_figures,
    summary_lines,
)
from tests.aitown import demo_copies
from tests.aitown.makers import pass_publicity
from tests.conftest import Staff

demo_template = demo_copies.demo_template
demo_db = demo_copies.demo_db
TODAY = dt.date.today()
YEAR_START = dt.date(TODAY.year, 1, 1)
YEAR_END = dt.date(TODAY.year, 12, 31)


def test_summary_equals_the_database_sums(demo_db: Database, staff: Staff) -> None:
    lines = {x.benefit: x for x in summary_lines(demo_db, YEAR_START, YEAR_END)}
    with demo_db.read() as s:
        apps = s.execute(
            select(Application.benefit, Application.status, Application.amount).where(
                Application.applied_on.between(YEAR_START, YEAR_END)
            )
        ).all()
        pools = {p.kind: p.total - p.committed - p.disbursed for p in s.scalars(select(BudgetPool))}
    assert apps, "the demo has applications this year"
    for benefit, line in lines.items():
        mine = [a for a in apps if a.benefit == benefit]
        assert line.received == sum(1 for a in mine if a.status != "draft")
        assert line.approved == sum(1 for a in mine if a.status in ("approved", "disbursed"))
        assert line.rejected == sum(1 for a in mine if a.status == "rejected")
        assert line.committed == sum(a.amount or 0 for a in mine if a.status == "approved")
        assert line.disbursed == sum(a.amount or 0 for a in mine if a.status == "disbursed")
        assert line.pool_left == pools[benefit]
    assert sum(x.approved for x in lines.values()) > 0
    assert sum(x.disbursed for x in lines.values()) > 0


def test_summary_file_shows_figures_and_capitals(
    demo_db: Database, staff: Staff, tmp_path: Path
) -> None:
    tables = build_report(demo_db, staff.reviewer, "summary", YEAR_START, YEAR_END, lang="zh")
    out = tmp_path / "summary.xlsx"
    export_tables(demo_db, staff.reviewer, tables, out, lang="zh", formats=REPORT_FORMATS)
    wb = load_workbook(out)
    assert wb.sheetnames == ["扶持申请与资金汇总表", "金额大写", "按月统计"]
    figures = [[c.value for c in row] for row in wb["扶持申请与资金汇总表"].iter_rows()]
    total = next(r for r in figures if r[0] == "合计")
    with demo_db.read() as s:
        committed = s.scalar(
            select(func.sum(Application.amount)).where(
                Application.status == "approved",
                Application.applied_on.between(YEAR_START, YEAR_END),
            )
        )
    assert Decimal(str(total[4])) == Decimal(committed) / 100
    capitals = [[c.value for c in row] for row in wb["金额大写"].iter_rows()]
    assert ["合计", to_chinese_capital(committed)] == capitals[-1][:2]
    months = [[c.value for c in row] for row in wb["按月统计"].iter_rows()]
    assert months[-1][0] == "合计" and months[-1][1] == sum(
        r[1] for r in monthly_figures(demo_db, YEAR_START, YEAR_END)
    )


def test_tenants_per_building_equal_the_units_and_leases(demo_db: Database) -> None:
    lines, tenants = building_lines(demo_db, YEAR_START, TODAY)
    with demo_db.read() as s:
        spaces = s.execute(
            select(Space.building, func.count(), func.sum(Space.area_hundredths)).group_by(
                Space.building
            )
        ).all()
        current = s.execute(
            select(Space.building, Space.area_hundredths, Lease)
            .join(Lease, Lease.space_id == Space.id)
            .where(Lease.start_on <= TODAY)
        ).all()
    leased = [(b, a) for b, a, lease in current if lease.last_day >= TODAY]
    by_building = {x.building: x for x in lines}
    assert set(by_building) == {b for b, _n, _a in spaces}
    for building, units, area in spaces:
        x = by_building[building]
        assert (x.units, x.area) == (units, area)
        assert x.area_leased == sum(a for b, a in leased if b == building)
        assert x.units_leased == sum(1 for b, _a in leased if b == building)
    assert len(tenants) == len(leased) > 0
    assert sum(x.rent_waived for x in lines) == sum(t[7] for t in tenants) > 0


def test_incubator_figures_equal_the_teams(demo_db: Database) -> None:
    f = incubator_figures(demo_db, YEAR_START, TODAY)
    with demo_db.read() as s:
        teams = s.execute(select(Team.status, Team.admitted_on, Team.left_on, Team.headcount)).all()
        paid = s.scalar(
            select(func.sum(Application.amount)).where(Application.status == "disbursed")
        )
    incubated = [
        t
        for t in teams
        if t.status != "applicant" and t.admitted_on and t.admitted_on <= TODAY
        and (t.left_on is None or t.left_on > TODAY)
    ]  # fmt: skip
    assert f.in_incubation == len(incubated) > 0
    assert f.headcount == sum(t.headcount for t in incubated)
    # The demo pays everything it pays today, so this year's payments are all of them.
    assert f.funding_total == paid > 0


def test_a_period_backwards_or_an_unknown_report_is_refused(
    demo_db: Database, staff: Staff
) -> None:
    with pytest.raises(ValidationError, match="before it begins"):
        build_report(demo_db, staff.desk, "summary", YEAR_END, YEAR_START)
    with pytest.raises(ValidationError, match="summary, tenants or incubator"):
        build_report(demo_db, staff.desk, "weekly", YEAR_START, YEAR_END)


@pytest.mark.parametrize("kind", ["summary", "tenants", "incubator"])
def test_report_pdf_in_chinese(demo_db: Database, staff: Staff, tmp_path: Path, kind: str) -> None:
    tables = build_report(demo_db, staff.desk, kind, YEAR_START, YEAR_END, lang="zh")
    out = tmp_path / f"{kind}.pdf"
    export_tables(demo_db, staff.desk, tables, out, lang="zh", formats=REPORT_FORMATS)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert tables[0].title_zh in text and "报表期间" in text


def test_report_xlsx_opens_in_libreoffice(demo_db: Database, staff: Staff, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing on CI: ./dev installs libreoffice-calc")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
    out = tmp_path / "tenants.xlsx"
    tables = build_report(demo_db, staff.desk, "tenants", YEAR_START, YEAR_END)
    export_tables(demo_db, staff.desk, tables, out, formats=REPORT_FORMATS)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "converted"),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / "converted" / "tenants.pdf"
    text = "".join(p.extract_text() for p in PdfReader(converted).pages)
    assert "Tenants and occupancy per building" in text
    building = tables[0].rows[0][0]
    assert building in text


def test_reports_on_sqlite_and_postgresql(any_db: Database, any_staff: Staff) -> None:
    from aitown.services import applications as apps
    from tests.aitown.services.test_applications import admitted_team

    team_id = admitted_team(any_db, any_staff)
    grant = apps.record_application(any_db, any_staff.desk, team_id, "startup_grant")
    apps.submit_application(any_db, any_staff.desk, grant.application_id)
    apps.approve_application(any_db, any_staff.reviewer, grant.application_id)
    pass_publicity(any_db, any_staff.admin)
    apps.disburse_application(any_db, any_staff.admin, grant.application_id)
    amount = grant.amount_fen
    assert amount
    lines = {x.benefit: x for x in summary_lines(any_db, YEAR_START, YEAR_END)}
    assert (lines["startup_grant"].received, lines["startup_grant"].approved) == (1, 1)
    assert lines["startup_grant"].disbursed == amount and lines["startup_grant"].committed == 0
    months = monthly_figures(any_db, YEAR_START, YEAR_END)
    this_month = next(m for m in months if m[0] == f"{TODAY:%Y-%m}")
    assert this_month[1:] == [1, amount, amount]
    buildings, tenants = building_lines(any_db, YEAR_START, TODAY)
    assert [(x.units, x.units_leased, x.area_leased) for x in buildings] == [(1, 1, 15000)]
    assert len(tenants) == 1
    f = incubator_figures(any_db, YEAR_START, TODAY)
    assert (f.in_incubation, f.funded_teams, f.funding["startup_grant"]) == (1, 1, amount)
    assert f.area_in_use == 15000
