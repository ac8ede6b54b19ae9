"""``aitown-cli notices issue|admission|print|reprint|verify|list`` as an administrator runs them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from aitown.cli import main
from aitown.services import notices as svc
from tests.aitown.notices.notice_cases import TODAY, admitted_team, application_for
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD

YEAR = TODAY.year


@pytest.fixture
def cli(monkeypatch, db, staff, db_path):
    """Run a command on the test database as ``user`` (admin by default): (exit code, out, err)."""

    def run(capsys, *args: str, user: str = "admin") -> tuple[int, str, str]:
        monkeypatch.delenv("AITOWN_USER", raising=False)
        monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD if user == "admin" else STAFF_PASSWORD)
        code = main([*args, "--db", str(db_path), "--user", user])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_issue_writes_the_pdf_and_says_its_number(capsys, db, staff, cli, tmp_path: Path):
    app_id = application_for(db, staff, "startup_grant", 1)
    out_file = tmp_path / "grant.pdf"
    code, out, err = cli(capsys, "notices", "issue", str(app_id), "--out", str(out_file))
    assert code == 0 and err == ""
    assert out.startswith(f"Issued 徐汇AI孵〔{YEAR}〕1号 (start-up grant award letter), notice 1")
    assert out_file.read_bytes() == svc.reprint_notice(db, 1)
    code, out, err = cli(capsys, "notices", "issue", str(app_id))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "never issued twice: reprint" in err


def test_issue_by_desk_staff_is_refused_in_one_line(capsys, db, staff, cli):
    app_id = application_for(db, staff, "startup_grant", 1)
    code, out, err = cli(capsys, "notices", "issue", str(app_id), user="desk1")
    assert code == 1 and out == ""
    assert (
        err
        == "aitown-cli: As desk staff, desk1 may not issue notices; ask a user whose role allows it.\n"
    )
    assert svc.list_notices(db) == []


def test_issue_an_undecided_application(capsys, db, staff, cli):
    from aitown.services import applications as apps

    team_id = admitted_team(db, staff, 1)
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    code, _, err = cli(capsys, "notices", "issue", str(rec.application_id))
    assert code == 1 and "draft, not decided yet" in err and err.count("\n") == 1


def test_admission_by_credit_code(capsys, db, staff, cli, tmp_path: Path):
    team_id = admitted_team(db, staff, 1)
    with db.read() as s:
        from aitown.models import Team

        uscc = s.get(Team, team_id).uscc
    day = (TODAY - dt.timedelta(days=2)).isoformat()
    # A back-dated notice needs its reason; nothing is issued without one.
    code, _, err = cli(capsys, "notices", "admission", uscc, "--date", day)
    assert code == 1 and "--reason" in err and svc.list_notices(db) == []
    code, out, _ = cli(
        capsys,
        "notices",
        "admission",
        uscc,
        "--date",
        day,
        "--reason",
        "signed on paper two days ago",
        "--lang-mode",
        "en-page",
    )
    assert code == 0 and "admission notice" in out
    row = svc.list_notices(db)[0]
    assert row["kind"] == "admission" and row["issue_date"] == day
    code, _, err = cli(capsys, "notices", "admission", uscc, "--date", "3 March")
    assert code == 1 and "YYYY-MM-DD" in err


def test_print_a_folder_and_a_combined_file_with_progress(capsys, db, staff, cli, tmp_path):
    for n in range(1, 4):
        application_for(db, staff, "compute_voucher", n)
    folder = tmp_path / "vouchers"
    code, out, err = cli(
        capsys, "notices", "print", "--kind", "compute_voucher", "--out", str(folder)
    )
    assert code == 0 and out == f"Wrote 3 notices into {folder}.\n"
    assert err.splitlines() == [f"Printed {i} of 3 notices" for i in (1, 2, 3)]
    assert sorted(p.name for p in folder.iterdir()) == [
        f"徐汇AI孵-{YEAR}-000{i}.pdf" for i in (1, 2, 3)
    ]
    combined = tmp_path / "all.pdf"
    code, out, _ = cli(
        capsys, "notices", "print", "--kind", "compute_voucher", "--status", "approved",
        "--out", str(combined),
    )  # fmt: skip
    assert code == 0 and out == f"Wrote {combined}.\n" and combined.stat().st_size > 0
    assert len(svc.list_notices(db)) == 3  # printed again, not issued again
    code, out, _ = cli(
        capsys, "notices", "print", "--kind", "rejection", "--out", str(tmp_path / "r")
    )
    assert code == 0 and out == "No notices match; nothing was written.\n"


def test_print_reports_the_notices_it_could_not_issue(capsys, db, staff, cli, tmp_path):
    from sqlalchemy import update

    from aitown.models import Application, Team

    ids = [application_for(db, staff, "startup_grant", n) for n in (1, 2)]
    with db.write() as s:
        team_id = s.get(Application, ids[0]).team_id
        s.execute(update(Team).where(Team.id == team_id).values(name_zh="上海\U0001f600有限公司"))
    code, out, err = cli(
        capsys, "notices", "print", "--kind", "startup_grant", "--out", str(tmp_path / "p")
    )
    assert code == 1 and out == ""
    assert f"  application {ids[0]}: None of the notice fonts has" in err
    assert err.splitlines()[-1].startswith("aitown-cli: 1 of 2 notices could not be issued")
    assert len(list((tmp_path / "p").iterdir())) == 1


def test_reprint_by_number_and_verify(capsys, db, staff, cli, tmp_path: Path):
    app_id = application_for(db, staff, "rent_waiver", 1)
    cli(capsys, "notices", "issue", str(app_id))
    number = f"徐汇AI孵〔{YEAR}〕1号"
    copy = tmp_path / "copy.pdf"
    code, out, _ = cli(capsys, "notices", "reprint", number, "--out", str(copy))
    assert code == 0 and out.startswith(f"Reprinted {number}")
    assert copy.read_bytes() == svc.reprint_notice(db, 1)

    code, out, err = cli(capsys, "notices", "verify", str(copy))
    assert code == 0 and err == ""
    assert out.startswith("copy.pdf: Genuine: rent waiver decision") and number in out

    data = bytearray(copy.read_bytes())
    data[data.index(b"stream", len(data) // 3) + 40] ^= 0x01
    (tmp_path / "edited.pdf").write_bytes(bytes(data))
    code, out, _ = cli(capsys, "notices", "verify", str(tmp_path / "edited.pdf"))
    assert code == 1 and out.startswith("edited.pdf: ALTERED:") and out.count("\n") == 1

    (tmp_path / "other.pdf").write_bytes(b"%PDF-1.4 nothing")
    code, out, _ = cli(capsys, "notices", "verify", str(tmp_path / "other.pdf"))
    assert code == 1 and out.count("\n") == 1

    code, _, err = cli(capsys, "notices", "reprint", "999", "--out", str(copy))
    assert code == 1 and "no notice" in err


def test_list_plain_and_json(capsys, db, staff, cli):
    for n, kind in enumerate(("talent_award", "rejection"), start=1):
        cli(capsys, "notices", "issue", str(application_for(db, staff, kind, n)))
    code, out, _ = cli(capsys, "notices", "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert f"徐汇AI孵〔{YEAR}〕2号" in lines[0] and "rejection notice" in lines[0]
    code, out, _ = cli(capsys, "notices", "list", "--json", "--kind", "talent_award")
    rows = json.loads(out)
    assert [r["kind"] for r in rows] == ["talent_award"] and rows[0]["amount"] == "300000.00"
