"""Exporting teams and writing the import template: round trip through import, formula injection,
masked phones, the audit event, atomic files."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from stdnum.cn import uscc

from aitown.errors import PermissionDenied, ValidationError
from aitown.importing.columns import COLUMNS, EXAMPLE_USCC
from aitown.models import AuditEvent, Team
from aitown.schema import open_database
from aitown.services.actor import Actor
from aitown.services.team_export import ExportCancelled, export_teams, write_template
from aitown.services.team_import import import_teams
from aitown.services.teams import TeamQuery, create_team, set_team_status
from tests.aitown.makers import team_values
from tests.conftest import make_staff

FIELDS = [c.field for c in COLUMNS]
HEADERS_EN = [c.header_en for c in COLUMNS]
HEADERS_ZH = [c.header_zh for c in COLUMNS]
# Values a spreadsheet would run as formulas if they were written as they are.
DANGEROUS = {
    "name_zh": '=HYPERLINK("http://evil.example","点我")',
    "name_en": "@SUM(1+1)*cmd|' /C calc'!A0",
    "legal_rep": "-2+3",
    "phone": "+86 21 6400 0000",
    "ai_focus": "+大模型",
}


def seed(db, actor) -> list[int]:
    ids = [create_team(db, actor, team_values(n, phone=f"1380013{n:04d}")) for n in range(1, 4)]
    ids.append(create_team(db, actor, team_values(4, **DANGEROUS)))
    ids.append(create_team(db, actor, team_values(5, name_en="", headcount="", district="")))
    set_team_status(db, actor, ids[1], "admitted", dt.date(2024, 5, 6))
    return ids


def stored(db) -> list[dict[str, object]]:
    with db.read() as s:
        return [
            {f: getattr(t, f) for f in FIELDS} for t in s.scalars(select(Team).order_by(Team.uscc))
        ]


def export_events(db) -> list[dict]:
    with db.read() as s:
        evs = s.scalars(select(AuditEvent).where(AuditEvent.action == "team.export")).all()
        return [json.loads(e.after_json or "{}") for e in evs]


@pytest.mark.parametrize("name", ["teams.csv", "teams.xlsx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_export_imports_back_into_a_fresh_database_unchanged(db, staff, tmp_path, name, lang):
    seed(db, staff.admin)
    out = tmp_path / name
    assert export_teams(db, staff.admin, out, lang=lang) == 5
    fresh = open_database(tmp_path / "fresh.sqlite", create=True)
    try:
        report = import_teams(fresh, make_staff(fresh).desk, out)
        assert report.ok and report.imported == 5 and report.header_lang == lang
        assert stored(fresh) == stored(db)
    finally:
        fresh.dispose()


def test_csv_is_utf8_with_bom_and_neutralises_formulas(db, staff, tmp_path):
    seed(db, staff.admin)
    out = tmp_path / "t.csv"
    export_teams(db, staff.admin, out, lang="zh")
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == HEADERS_ZH
    evil = next(r for r in rows if r[0].startswith("'="))
    assert evil[0] == "'" + DANGEROUS["name_zh"]
    assert evil[1] == "'" + DANGEROUS["name_en"]
    assert evil[3] == "'-2+3" and evil[7] == "'+大模型" and evil[8] == "'+86 21 6400 0000"
    # Nothing a spreadsheet would run is left at the start of any cell.
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    assert {r[10] for r in rows[1:]} == {"申请中", "已入驻"}


def test_xlsx_has_no_formula_cells_and_keeps_numbers_and_dates_typed(db, staff, tmp_path):
    seed(db, staff.admin)
    out = tmp_path / "t.xlsx"
    export_teams(db, staff.admin, out)
    ws = load_workbook(out).active
    rows = list(ws.iter_rows())
    assert [c.value for c in rows[0]] == HEADERS_EN
    assert all(c.data_type != "f" for r in rows for c in r)
    evil = next(r for r in rows if str(r[0].value).startswith("'"))
    assert evil[0].value == "'" + DANGEROUS["name_zh"] and evil[0].data_type == "s"
    first = rows[1]
    assert isinstance(first[4].value, dt.datetime) and first[4].number_format == "yyyy-mm-dd"
    assert first[6].value == 12 and first[6].data_type == "n"
    assert ws.column_dimensions["C"].number_format == "@"  # typed-in codes stay text


def test_phones_are_masked_for_a_user_who_may_not_see_personal_data(db, staff, tmp_path):
    seed(db, staff.admin)
    export_teams(db, staff.desk, tmp_path / "desk.csv")
    export_teams(db, staff.admin, tmp_path / "admin.csv")

    def phones(p: Path) -> list[str]:
        return [r[8] for r in csv.reader(p.read_text("utf-8-sig").splitlines()[1:])]

    assert phones(tmp_path / "desk.csv")[:3] == ["138****0001", "138****0002", "138****0003"]
    assert phones(tmp_path / "admin.csv")[:3] == ["13800130001", "13800130002", "13800130003"]
    assert [e["phone_masked"] for e in export_events(db)] == [True, False]


def test_export_is_audited(db, staff, tmp_path):
    seed(db, staff.admin)
    export_teams(db, staff.reviewer, tmp_path / "list.xlsx", query=TeamQuery(status="admitted"))
    [event] = export_events(db)
    assert event == {
        "file": "list.xlsx",
        "format": "xlsx",
        "lang": "en",
        "count": 1,
        "phone_masked": True,
        "query": {"status": "admitted"},
    }


def test_a_query_exports_what_the_screen_shows_in_its_order(db, staff, tmp_path):
    seed(db, staff.admin)
    out = tmp_path / "q.csv"
    n = export_teams(db, staff.admin, out, query=TeamQuery(sort="uscc", descending=True))
    codes = [r[2] for r in csv.reader(out.read_text("utf-8-sig").splitlines()[1:])]
    assert n == 5 and codes == sorted(codes, reverse=True)


def test_export_needs_the_right(db, staff, tmp_path):
    stranger = Actor(user_id=None, name="guest", role="guest", office_id=staff.admin.office_id)
    with pytest.raises(PermissionDenied):
        export_teams(db, stranger, tmp_path / "t.csv")
    assert not (tmp_path / "t.csv").exists()


@pytest.mark.parametrize("name", ["t.xls", "t.txt", "t"])
def test_export_refuses_other_file_types(db, staff, tmp_path, name):
    with pytest.raises(ValidationError, match=r"\.xlsx .*or \.csv"):
        export_teams(db, staff.admin, tmp_path / name)


def test_cancelled_export_leaves_no_file_and_no_event(db, staff, tmp_path):
    with db.write() as s:  # 2,500 teams without the cost of 2,500 audited creations
        for n in range(2500):
            values = team_values(n)
            s.add(
                Team(
                    office_id=staff.admin.office_id,
                    name_zh=values["name_zh"],
                    uscc=values["uscc"],
                    founded_on=dt.date(2023, 3, 2),
                )
            )
    out = tmp_path / "big.xlsx"
    out.write_bytes(b"the previous export")
    with pytest.raises(ExportCancelled):
        export_teams(db, staff.admin, out, cancel=lambda: True)
    assert out.read_bytes() == b"the previous export"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert export_events(db) == []
    progress: list[tuple[int, int]] = []
    assert export_teams(db, staff.admin, out, progress=lambda d, t: progress.append((d, t))) == 2500
    assert progress[-1] == (2500, 2500)


@pytest.mark.parametrize("name", ["template.csv", "template.xlsx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_has_the_headers_and_one_valid_example_row(tmp_path, name, lang):
    out = tmp_path / name
    write_template(out, lang=lang)
    if name.endswith(".csv"):
        assert out.read_bytes().startswith(codecs.BOM_UTF8)
        rows = list(csv.reader(out.read_text("utf-8-sig").splitlines()))
    else:
        rows = [[c for c in r] for r in load_workbook(out).active.iter_rows(values_only=True)]
    assert rows[0] == (HEADERS_ZH if lang == "zh" else HEADERS_EN)
    assert len(rows) == 2 and rows[1][2] == EXAMPLE_USCC and uscc.is_valid(EXAMPLE_USCC)


def test_importing_the_untouched_template_refuses_only_its_example_row(db, staff, tmp_path):
    out = tmp_path / "template.xlsx"
    write_template(out, lang="zh")
    report = import_teams(db, staff.desk, out, dry_run=True)
    [problem] = report.problems
    assert (problem.line, problem.column) == (2, "统一社会信用代码")
    assert "example row" in problem.message_en
