"""``aitown-cli publicity open|close|object|list`` and ``payments new|print|pay`` as the issue
writes them (issue 13.5, 13.6)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from aitown.cli import main
from aitown.models import AuditEvent
from aitown.services import applications as apps
from aitown.services import audit, notices, pools
from tests.aitown.notices.notice_cases import TODAY, admitted_team, pdf_text
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD

LONG_AGO = (TODAY - dt.timedelta(days=30)).isoformat()


@pytest.fixture
def cli(monkeypatch, db, staff, db_path):
    def run(capsys, *args: str, user: str | None = "admin") -> tuple[int, str, str]:
        monkeypatch.delenv("AITOWN_USER", raising=False)
        monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD if user == "admin" else STAFF_PASSWORD)
        code = main([*args, "--db", str(db_path), *(["--user", user] if user else [])])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def approved(db, staff, n: int) -> int:
    team = admitted_team(db, staff, n)
    rec = apps.record_application(db, staff.desk, team, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    return rec.application_id


def test_publicity_then_payment_list_from_the_command_line(capsys, db, staff, cli, tmp_path: Path):
    a, b = approved(db, staff, 1), approved(db, staff, 2)
    code, out, _ = cli(capsys, "publicity", "open", "--date", LONG_AGO)
    assert code == 0 and out.split() == [str(a), str(b)]
    code, out, _ = cli(capsys, "publicity", "list", user=None)
    assert code == 0 and "上海测试智能科技有限公司1" in out and "100,000.00" in out
    pdf = tmp_path / "publicity.pdf"
    code, _, err = cli(capsys, "publicity", "list", "--opened-on", LONG_AGO, "--out", str(pdf), "--lang", "zh")  # fmt: skip
    assert code == 0 and "2 entries" in err and "拟支持名单公示" in pdf_text(pdf.read_bytes())
    code, _, err = cli(
        capsys, "publicity", "object", str(b), "--text", "匿名来信", "--date", LONG_AGO
    )
    assert code == 0 and "back in review" in err
    assert apps.get_application(db, b).status == "submitted"
    code, out, err = cli(capsys, "publicity", "close")
    assert code == 0 and out.split() == [str(a)] and "1 publicity period(s) passed" in err
    notices.issue_notice(db, staff.admin, a)

    code, out, _ = cli(capsys, "payments", "new", "--benefit", "startup_grant", "--approved-to", TODAY.isoformat())  # fmt: skip
    assert code == 0
    list_id = out.strip()
    assert list_id.isdigit()
    for suffix in ("pdf", "xlsx"):
        target = tmp_path / f"list.{suffix}"
        code, _, err = cli(capsys, "payments", "print", list_id, "--out", str(target))
        assert code == 0 and target.stat().st_size > 0, err
    assert "人民币伍万元整" in pdf_text((tmp_path / "list.pdf").read_bytes())  # 50 % of 100,000
    code, _, err = cli(capsys, "payments", "pay", list_id, "--date", TODAY.isoformat(), "--reference", "ICBC-9")  # fmt: skip
    assert code == 0 and "50,000.00 yuan" in err
    pool = {p["kind"]: p for p in pools.list_pools(db)}["startup_grant"]
    assert (pool["committed"], pool["disbursed"]) == (50_000_00, 50_000_00)
    code, out, _ = cli(capsys, "payments", "list", "--json", user=None)
    assert '"reference": "ICBC-9"' in out and '"status": "paid"' in out


def test_refusals_are_one_line(capsys, db, staff, cli, tmp_path: Path):
    app_id = approved(db, staff, 3)
    code, _, err = cli(capsys, "publicity", "open", user="desk1")
    assert code != 0 and "may not open, close or object" in err and "Traceback" not in err
    code, _, err = cli(capsys, "payments", "new", "--benefit", "startup_grant")
    assert code != 0 and "No start-up grant is waiting" in err
    code, _, err = cli(capsys, "payments", "new", "--benefit", "startup_grant", "--approved-to", "2026-13-01")  # fmt: skip
    assert code != 0 and "--approved-to" in err and "YYYY-MM-DD" in err
    code, _, err = cli(capsys, "payments", "pay", "99", "--date", TODAY.isoformat(), "--reference", "x")  # fmt: skip
    assert code != 0 and "no payment list no. 99" in err
    code, _, err = cli(capsys, "publicity", "object", str(app_id), "--text", "x")
    assert code != 0 and "not under publicity" in err
    code, _, err = cli(capsys, "publicity", "list", "--out", str(tmp_path / "x.pdf"), user="desk1")
    assert (
        code != 0 and "may not open, close or object" in err and not (tmp_path / "x.pdf").exists()
    )


def print_events(db) -> list[tuple[str, int | None, str, str]]:
    with db.read() as s:
        rows = s.execute(
            select(
                AuditEvent.action, AuditEvent.user_id, AuditEvent.user_name, AuditEvent.after_json
            )
            .where(AuditEvent.action.in_(("publicity.print", "payment_list.print")))
            .order_by(AuditEvent.id)
        ).all()
    return [(r.action, r.user_id, r.user_name, json.loads(r.after_json)["file"]) for r in rows]


def test_the_lists_print_without_a_user_as_issue_13_writes_them(
    capsys, db, staff, cli, tmp_path: Path
):
    """``publicity list --out FILE.{pdf,xlsx}`` and ``payments print LIST --out FILE.{pdf,xlsx}``
    with no --user: written, and audited as done by "system"; --user NAME still names the actor."""
    app_id = approved(db, staff, 4)
    assert cli(capsys, "publicity", "open", "--date", LONG_AGO)[0] == 0
    for suffix in ("pdf", "xlsx"):
        code, _, err = cli(capsys, "publicity", "list", "--out", str(tmp_path / f"pub.{suffix}"), user=None)  # fmt: skip
        assert code == 0 and "1 entries" in err, err
    assert "上海测试智能科技有限公司4" in pdf_text((tmp_path / "pub.pdf").read_bytes())
    code, _, err = cli(capsys, "publicity", "list", "--out", str(tmp_path / "by-admin.pdf"))
    assert code == 0, err
    assert cli(capsys, "publicity", "close")[0] == 0
    notices.issue_notice(db, staff.admin, app_id)
    code, out, _ = cli(capsys, "payments", "new", "--benefit", "startup_grant")
    list_id = out.strip()
    for suffix in ("pdf", "xlsx"):
        code, _, err = cli(capsys, "payments", "print", list_id, "--out", str(tmp_path / f"list.{suffix}"), user=None)  # fmt: skip
        assert code == 0 and (tmp_path / f"list.{suffix}").stat().st_size > 0, err
    code, _, err = cli(capsys, "payments", "print", list_id, "--out", str(tmp_path / "x.pdf"), user="desk1")  # fmt: skip
    assert code != 0 and "may not build and pay payment lists" in err
    assert print_events(db) == [
        ("publicity.print", None, "system", "pub.pdf"),
        ("publicity.print", None, "system", "pub.xlsx"),
        ("publicity.print", staff.admin.user_id, "admin", "by-admin.pdf"),
        ("payment_list.print", None, "system", "list.pdf"),
        ("payment_list.print", None, "system", "list.xlsx"),
    ]
    assert audit.verify_chain(db)[1] == []


def test_open_close_and_object_are_one_handler(capsys, db, staff, cli):
    """The three period steps share one handler (the date, the user, one call, the database
    closed); each refuses a bad --date the same way, before asking for a password."""
    from aitown.cli import build_parser
    from aitown.cli import publicity as publicity_cli

    parser = build_parser("publicity")
    steps = {"open": [], "close": [], "object": ["7", "--text", "x"]}
    for step, extra in steps.items():
        args = parser.parse_args(["publicity", step, *extra])
        assert args.handler is publicity_cli.cmd_step, step
        code, out, err = cli(capsys, "publicity", step, *extra, "--date", "2026-02-30", user=None)
        assert code == 1 and out == "" and "--date “2026-02-30” is not a date" in err, step


@pytest.mark.parametrize(("aitown_lang", "title"), [(None, "拟支持名单公示"), ("en", "Publicity of the proposed awards")])  # fmt: skip
def test_the_lists_are_chinese_unless_aitown_lang_says_english(
    capsys, db, staff, cli, tmp_path: Path, monkeypatch, aitown_lang, title
):
    """As the --lang help says; the shell's LANG (C.UTF-8 on a server) does not make them English."""
    approved(db, staff, 5)
    assert cli(capsys, "publicity", "open", "--date", LONG_AGO)[0] == 0
    monkeypatch.setenv("LANG", "C.UTF-8")
    if aitown_lang is None:
        monkeypatch.delenv("AITOWN_LANG", raising=False)
    else:
        monkeypatch.setenv("AITOWN_LANG", aitown_lang)
    pdf = tmp_path / "publicity.pdf"
    code, _, err = cli(capsys, "publicity", "list", "--out", str(pdf), user=None)
    assert code == 0, err
    assert title.replace(" ", "") in pdf_text(pdf.read_bytes())  # pdf_text drops the spaces
