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
    assert row.kind == "admission" and row.issue_date == day
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


def _issued_count(db) -> int:
    return len(svc.list_notices(db))


def test_a_bad_output_is_refused_before_a_number_is_spent(capsys, db, staff, cli, tmp_path):
    app_id = str(application_for(db, staff, "startup_grant", 1))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    (tmp_path / "folder.pdf").mkdir()
    for out, words in (
        (tmp_path / "x.txt", "with .pdf"),
        (blocker / "grant.pdf", "is a file, not a folder"),  # a file stands where the folder goes
        (tmp_path / "folder.pdf", "is a folder"),
    ):
        code, stdout, err = cli(capsys, "notices", "issue", app_id, "--out", str(out))
        assert code == 1 and stdout == "" and words in err and err.count("\n") == 1, err
        assert "Nothing was issued" in err
        assert _issued_count(db) == 0
    # A batch into a folder that cannot be written issues nothing either.
    code, _, err = cli(capsys, "notices", "print", "--out", str(blocker / "batch"))
    assert code == 1 and "cannot be written" in err and _issued_count(db) == 0
    code, _, err = cli(capsys, "notices", "print", "--out", str(blocker / "batch.pdf"))
    assert code == 1 and "is a file, not a folder" in err and _issued_count(db) == 0


def test_an_existing_file_is_replaced_only_with_force(capsys, db, staff, cli, tmp_path):
    app_id = str(application_for(db, staff, "startup_grant", 1))
    target = tmp_path / "grant.pdf"
    target.write_bytes(b"someone's letter")
    code, _, err = cli(capsys, "notices", "issue", app_id, "--out", str(target))
    assert code == 1 and "exists already" in err and "--force" in err
    assert target.read_bytes() == b"someone's letter" and _issued_count(db) == 0
    code, _, _ = cli(capsys, "notices", "issue", app_id, "--out", str(target), "--force")
    assert code == 0 and target.read_bytes() == svc.reprint_notice(db, 1)
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(b"keep me")
    code, _, err = cli(capsys, "notices", "reprint", "1", "--out", str(copy))
    assert code == 1 and "exists already" in err and copy.read_bytes() == b"keep me"
    code, _, _ = cli(capsys, "notices", "reprint", "1", "--out", str(copy), "--force")
    assert code == 0 and copy.read_bytes() == target.read_bytes()  # byte-identical reprint


def test_future_dates_are_refused_and_back_dates_need_a_reason(capsys, db, staff, cli, tmp_path):
    app_id = str(application_for(db, staff, "startup_grant", 1))
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    code, _, err = cli(capsys, "notices", "issue", app_id, "--date", tomorrow)
    assert code == 1 and "in the future" in err and _issued_count(db) == 0
    last_week = (TODAY - dt.timedelta(days=7)).isoformat()
    code, _, err = cli(capsys, "notices", "issue", app_id, "--date", last_week)
    assert code == 1 and "--reason" in err and _issued_count(db) == 0
    code, _, _ = cli(
        capsys,
        "notices",
        "issue",
        app_id,
        "--date",
        last_week,
        "--reason",
        "decided at the meeting",
    )
    assert code == 0
    from aitown.services.audit_log import list_events

    events = list_events(db, staff.admin, action="notice.issue")
    assert events and "decided at the meeting" in (events[0].after_json or "")


def test_verify_by_code_on_the_command_line(capsys, db, staff, cli):
    app_id = str(application_for(db, staff, "startup_grant", 1))
    cli(capsys, "notices", "issue", app_id)
    code_text = svc.list_notices(db)[0].verification_code
    code, out, err = cli(capsys, "notices", "verify", "--code", code_text)
    assert code == 0 and err == "" and out.startswith("Genuine: start-up grant award letter")
    code, out, _ = cli(capsys, "notices", "verify", "--code", "AAAA-BBBB-CCCC-DDDD")
    assert code == 1 and out.startswith("No notice of this office has the code")
    code, out, err = cli(capsys, "notices", "verify", "--code", "1234")
    assert code == 1 and out == "" and "not a verification code" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "notices", "verify")
    assert code == 1 and "one of them" in err


def test_office_seal_sets_the_image_named_by_its_hash(capsys, db, staff, cli, tmp_path):
    import io

    from PIL import Image

    png = tmp_path / "seal.png"
    buf = io.BytesIO()
    Image.new("RGBA", (120, 120), (210, 0, 26, 90)).save(buf, "PNG")
    png.write_bytes(buf.getvalue())
    code, out, err = cli(capsys, "office", "seal", str(png))
    assert code == 0 and err == "" and "SHA-256" in out
    jpeg = tmp_path / "seal.jpg"
    Image.new("RGB", (120, 120), (210, 0, 26)).save(jpeg, "JPEG")
    code, _, err = cli(capsys, "office", "seal", str(jpeg))
    assert code == 1 and "not a PNG" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "office", "seal", str(png), user="desk1")
    assert code == 1 and err.count("\n") == 1
    app_id = str(application_for(db, staff, "startup_grant", 1))
    cli(capsys, "notices", "issue", app_id)
    pdf = svc.reprint_notice(db, 1)
    assert b"/Subtype /Image" in pdf
