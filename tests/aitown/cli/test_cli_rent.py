"""The command-line contract of issue 14: ``rent statement`` and ``teams leave``."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from aitown.cli import main
from aitown.models import AuditEvent, Team
from aitown.rent_tables import RentEntry
from tests.aitown.cli.test_cli_teams import as_desk  # noqa: F401  (the fixture)
from tests.aitown.makers import uscc_for
from tests.aitown.services.test_lease_end import RENT, pool, tenant
from tests.conftest import ADMIN_PASSWORD


def test_rent_statement_json_text_and_pdf(capsys, db, staff, db_path, tmp_path):
    team_id, _lease, _app = tenant(db, staff)
    code = uscc_for(0)
    # By credit code, with JSON: money in fen.
    assert (
        main(["rent", "statement", code, "--month", "2026-02", "--json", "--db", str(db_path)]) == 0
    )
    record = json.loads(capsys.readouterr().out)
    assert record["team_id"] == team_id and record["month"] == "2026-02"
    [line] = record["lines"]
    assert (line["charged_fen"], line["waived_fen"], line["due_fen"]) == (
        RENT,
        RENT // 2,
        RENT // 2,
    )
    assert line["text_zh"] == "本月租金 10,000.00 元，减免 50%（5,000.00 元），应缴 5,000.00 元"
    assert record["arrears_fen"] == RENT  # January unpaid too
    # By id, as a PDF.
    out = tmp_path / "statement.pdf"
    args = ["rent", "statement", str(team_id), "--month", "2026-02", "--out", str(out)]
    assert main([*args, "--lang", "zh", "--db", str(db_path)]) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "租金对账单" in text and record["verification_code"] in text
    assert "Verification code" in capsys.readouterr().out


def test_rent_statement_refusals(capsys, db, staff, db_path):
    tenant(db, staff)
    assert main(["rent", "statement", "1", "--month", "2026/02", "--db", str(db_path)]) == 1
    assert "not a month" in capsys.readouterr().err
    assert main(["rent", "statement", "999", "--month", "2026-02", "--db", str(db_path)]) == 1
    assert "No team has the id or credit code" in capsys.readouterr().err


def test_rent_pay_and_arrears(capsys, db, staff, db_path, as_desk, tmp_path):  # noqa: F811
    team_id, _lease, _app = tenant(db, staff)
    receipt = tmp_path / "receipt.pdf"
    args = ["rent", "pay", str(team_id), "--amount", "5000", "--on", "2026-01-05"]
    assert main([*args, "--receipt", str(receipt), *as_desk]) == 0
    assert "Recorded RC-2026-" in capsys.readouterr().out
    assert "5,000.00" in PdfReader(receipt).pages[0].extract_text()
    assert main(["rent", "arrears", "--as-of", "2026-02-15", "--json", "--db", str(db_path)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["team_id"], row["arrears_fen"], row["oldest_unpaid"]) == (
        team_id,
        RENT // 2,
        "2026-02-01",
    )


def test_teams_leave_contract(capsys, db, staff, db_path, monkeypatch):
    team_id, _lease, waiver = tenant(db, staff)
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    base = ["teams", "leave", uscc_for(0), "--status", "withdrawn", "--on", "2025-06-30"]
    assert (
        main([*base, "--reason", "搬离", "--dry-run", "--user", "admin", "--db", str(db_path)]) == 0
    )
    assert "preview: nothing was changed" in capsys.readouterr().out
    with db.read() as s:
        assert s.get(Team, team_id).status == "admitted"
    assert main([*base, "--reason", "搬离", "--user", "admin", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "60,000.00 yuan, is to be repaid (§2.5)" in out
    assert f"applications {waiver}" in out
    with db.read() as s:
        assert s.get(Team, team_id).status == "withdrawn"
        assert s.scalar(select(RentEntry.amount)) == 6 * RENT
        assert (
            s.scalar(select(AuditEvent.user_name).where(AuditEvent.action == "team.leave"))
            == "admin"
        )
    assert pool(db).committed == 0
    # Leaving twice is refused, as is a status that is not leaving; --user is required.
    assert main([*base, "--user", "admin", "--db", str(db_path)]) == 1
    assert "only a team in the town" in capsys.readouterr().err
    bad = ["teams", "leave", str(team_id), "--status", "graduated", "--on", "2025-06-30"]
    with pytest.raises(SystemExit) as usage:
        main([*bad, "--user", "admin", "--db", str(db_path)])
    assert usage.value.code == 2
    monkeypatch.delenv("AITOWN_USER", raising=False)
    assert main([*base, "--db", str(db_path)]) == 1
    assert "--user NAME" in capsys.readouterr().err
