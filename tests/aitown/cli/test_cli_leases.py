"""``aitown-cli leases ending --days N [--json]`` (issue 14's contract)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from aitown.cli import main
from aitown.services import leases, teams
from aitown.services.lease_lifecycle import renew_lease
from tests.aitown.services.test_teams import code, team_values

TODAY = dt.date.today()


@pytest.fixture
def town(db, staff, db_path, monkeypatch):
    monkeypatch.setenv("AITOWN_DB", str(db_path))
    monkeypatch.setenv("AITOWN_LANG", "en")
    made = {}
    for n, days in ((1, 10), (2, 45), (3, 200)):
        team = teams.create_team(
            db,
            staff.desk,
            team_values(uscc=code(f"91310104MA1FL000{n}"), name_zh=f"上海第{n}科技有限公司"),
        )
        space = leases.create_space(db, staff.admin, "1号楼", f"10{n}", "80", "8000.5")
        made[n] = leases.create_lease(
            db,
            staff.desk,
            team,
            space,
            TODAY - dt.timedelta(days=300),
            TODAY + dt.timedelta(days=days),
        )
    return made


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code_ = main(list(argv))
    out, err = capsys.readouterr()
    return code_, out, err


def test_leases_ending_json(town, capsys):
    code_, out, err = run(capsys, "leases", "ending", "--days", "60", "--json")
    assert code_ == 0, err
    rows = json.loads(out)
    assert [r["lease_id"] for r in rows] == [town[1], town[2]]
    first = rows[0]
    assert first["team_name"] == "上海第1科技有限公司" and first["unit"] == "101"
    assert first["days_left"] == 10 and first["monthly_rent"] == "8000.50"
    assert first["end_on"] == (TODAY + dt.timedelta(days=10)).isoformat()
    assert len(first["team"]) == 18


def test_leases_ending_text_and_renewed_leases_drop_out(town, db, staff, capsys):
    code_, out, _ = run(capsys, "leases", "ending", "--days", "30")
    assert code_ == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1 and "1号楼 101" in lines[0] and "10d" in lines[0]
    assert "8,000.50" in lines[0] and "上海第1科技有限公司" in lines[0]
    renew_lease(db, staff.desk, town[1], TODAY + dt.timedelta(days=400))
    code_, out, _ = run(capsys, "leases", "ending", "--days", "30", "--json")
    assert code_ == 0 and json.loads(out) == []


@pytest.mark.parametrize("days", ["-5", "99999"])
def test_a_bad_window_is_one_clear_line(town, capsys, days):
    code_, out, err = run(capsys, "leases", "ending", "--days", days)
    assert code_ != 0 and out == ""
    assert "whole number from 0 to 3660" in err and "Traceback" not in err


def test_days_is_required(town, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["leases", "ending"])
    assert exc.value.code == 2
    assert "--days" in capsys.readouterr().err


def test_leases_ending_out_xlsx_is_audited(town, db, capsys, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from sqlalchemy import func, select

    from aitown.models import AuditEvent
    from tests.conftest import STAFF_PASSWORD

    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    target = tmp_path / "ending.xlsx"
    code_, _out, err = run(
        capsys, "leases", "ending", "--days", "60", "--out", str(target), "--user", "desk1"
    )
    assert code_ == 0, err
    sheet = load_workbook(target).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "上海第1科技有限公司" in values and "上海第3科技有限公司" not in values
    with db.read() as s:
        assert s.scalar(select(func.count()).where(AuditEvent.action == "list.export")) == 1


def test_eligibility_json_after_a_renewal_holds_to_the_fen(db, staff, db_path, monkeypatch, capsys):
    """The rent-waiver answer of ``aitown-cli eligibility --json`` for a team whose first lease was
    renewed at a new rent: months 1–6 at the first rent, 7–12 in full and 13–24 by half at the
    renewal's rent, all counted from the first lease (POLICY §2, "Readings settled")."""
    from aitown.policy.dates import add_months

    monkeypatch.setenv("AITOWN_DB", str(db_path))
    start = TODAY - dt.timedelta(days=200)
    team = teams.create_team(db, staff.desk, team_values(uscc=code("91310104MA1FL0042")))
    teams.set_team_status(db, staff.desk, team, "admitted", start)
    space = leases.create_space(db, staff.admin, "1号楼", "501", "120", "10000")
    first = leases.create_lease(
        db, staff.desk, team, space, start, add_months(start, 6) - dt.timedelta(days=1)
    )
    renew_lease(db, staff.desk, first, add_months(start, 24) - dt.timedelta(days=1), "12345.67")
    code_, out, err = run(capsys, "eligibility", str(team), "--benefit", "rent_waiver", "--json")
    assert code_ == 0, err
    answer = json.loads(out)
    answer = answer[0] if isinstance(answer, list) else answer
    assert answer["eligible"] is True
    # 6 × 10,000.00 + 6 × 12,345.67 + 12 × 6,172.835 (→ 6,172.84 each month, half up)
    assert answer["amount"] == "208148.10"
