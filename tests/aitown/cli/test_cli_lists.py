"""``aitown-cli report``, ``eligibility --all --unclaimed`` and ``--out`` on the list commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from aitown.cli import main
from aitown.db import Database
from aitown.models import Application, AuditEvent
from aitown.services.policy_matching import unclaimed_matches
from tests.aitown import demo_copies
from tests.conftest import STAFF_PASSWORD, Staff

demo_template = demo_copies.demo_template
demo_db = demo_copies.demo_db
YEAR = dt.date.today().year


@pytest.fixture
def cli_env(demo_db: Database, db_path, monkeypatch) -> Database:
    monkeypatch.setenv("AITOWN_DB", str(db_path))
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    monkeypatch.setenv("AITOWN_LANG", "en")
    return demo_db


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _events(db: Database, action: str) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).where(AuditEvent.action == action)) or 0


def test_report_summary_pdf_and_xlsx(cli_env: Database, capsys, tmp_path: Path) -> None:
    period = ("--from", f"{YEAR}-01-01", "--to", f"{YEAR}-12-31", "--user", "desk1")
    code, _out, err = run(capsys, "report", "summary", *period, "--out", str(tmp_path / "s.pdf"))
    assert code == 0, err
    assert "Wrote" in err
    text = PdfReader(tmp_path / "s.pdf").pages[0].extract_text()
    assert "Summary of applications and funds" in text and "Page 1 of" in text
    code, _out, err = run(capsys, "report", "tenants", *period, "--out", str(tmp_path / "t.xlsx"))
    assert code == 0, err
    assert (
        load_workbook(tmp_path / "t.xlsx").sheetnames[0] == "Tenants and occupancy per bu"
    )  # 28 characters at most
    assert _events(cli_env, "report.export") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30", "--to", "2026-03-01"], "--from “2026-02-30” is not a date"),
        (["--from", "2026-03-01", "--to", "2026-02-01"], "before it begins"),
    ],
)
def test_report_refusals_change_nothing(
    cli_env: Database, capsys, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "r.xlsx"
    code, _o, err = run(capsys, "report", "incubator", *args, "--out", str(out), "--user", "desk1")
    assert code == 1 and message in err and err.count("\n") == 1
    assert not out.exists() and _events(cli_env, "report.export") == 0


def test_report_needs_xlsx_or_pdf_and_a_user(cli_env: Database, capsys, tmp_path: Path) -> None:
    period = ("--from", f"{YEAR}-01-01", "--to", f"{YEAR}-12-31")
    code, _o, err = run(capsys, "report", "summary", *period, "--out", str(tmp_path / "s.csv"),
                        "--user", "desk1")  # fmt: skip
    assert code == 1 and "name the file .xlsx or .pdf" in err
    code, _o, err = run(capsys, "report", "summary", *period, "--out", str(tmp_path / "s.pdf"))
    assert code == 1 and "--user NAME" in err


def test_applications_list_out(cli_env: Database, capsys, tmp_path: Path) -> None:
    out = tmp_path / "approved.csv"
    code, _o, err = run(
        capsys, "applications", "list", "--status", "approved", "--out", str(out),
        "--user", "desk1",
    )  # fmt: skip
    assert code == 0, err
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    with cli_env.read() as s:
        n = s.scalar(select(func.count()).where(Application.status == "approved"))
    assert len(lines) == 1 + n + 1  # header, rows, total
    assert lines[0].startswith("No.,Applied on,Team")
    assert _events(cli_env, "list.export") == 1


def test_other_lists_out(cli_env: Database, capsys, tmp_path: Path) -> None:
    for argv, name in (
        (["pools"], "pools.xlsx"),
        (["notices", "list"], "notices.xlsx"),
        (["audit", "list", "--limit", "5"], "audit.csv"),
    ):
        code, _o, err = run(capsys, *argv, "--out", str(tmp_path / name), "--user", "reviewer1")
        assert code == 0, err
        assert (tmp_path / name).is_file()
    assert len((tmp_path / "audit.csv").read_text(encoding="utf-8-sig").splitlines()) == 6


def test_unclaimed_lines_and_json(cli_env: Database, staff: Staff, capsys) -> None:
    code, out, err = run(capsys, "eligibility", "--all", "--unclaimed", "--user", "desk1")
    assert code == 0, err
    expected = list(unclaimed_matches(cli_env, staff.desk))
    lines = [line.split("\t") for line in out.splitlines()]
    assert len(lines) == len(expected) > 0
    assert [(r[0], r[2]) for r in lines] == [(m.uscc, m.benefit) for m in expected]
    assert f"Found {len(expected):,} benefits" in err
    code, out, err = run(
        capsys, "eligibility", "--all", "--unclaimed", "--benefit", "startup_grant", "--json",
        "--user", "desk1",
    )  # fmt: skip
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    grants = [m for m in expected if m.benefit == "startup_grant"]
    assert [r["team"] for r in rows] == [m.uscc for m in grants]
    assert all(r["benefit"] == "startup_grant" for r in rows)


def test_unclaimed_needs_all(cli_env: Database, capsys) -> None:
    code, _o, err = run(capsys, "eligibility", "1", "--unclaimed", "--user", "desk1")
    assert code == 1 and "use it with --all" in err


def test_an_existing_file_is_replaced_only_with_force(
    cli_env: Database, capsys, tmp_path: Path
) -> None:
    target = tmp_path / "apps.xlsx"
    target.write_bytes(b"someone's own spreadsheet")
    code, _out, err = run(capsys, "applications", "list", "--out", str(target), "--user", "desk1")
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_bytes() == b"someone's own spreadsheet"
    assert _events(cli_env, "list.export") == 0
    period = ("--from", f"{YEAR}-01-01", "--to", f"{YEAR}-12-31", "--user", "desk1")
    code, _out, err = run(capsys, "report", "summary", *period, "--out", str(target))
    assert code == 1 and "already exists" in err
    code, _out, err = run(
        capsys, "applications", "list", "--out", str(target), "--user", "desk1", "--force"
    )
    assert code == 0, err
    assert load_workbook(target).sheetnames
