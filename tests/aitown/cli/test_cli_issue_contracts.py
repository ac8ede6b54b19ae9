"""The command lines of issues 13 and 14, typed as the issues write them, on a fresh demo office.

A command-line contract written in an issue is the contract: each line below is one of the
issues' lines with its placeholders filled in, options exactly as written (only ``--db`` added).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from aitown.cli import main
from aitown.db import Database
from aitown.models import Application, Lease
from aitown.payout_tables import PublicityPeriod, PublicityStatus
from aitown.services import notices
from tests.aitown import demo_copies
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD, Staff

pytestmark = pytest.mark.materials
demo_template = demo_copies.demo_template  # the fixtures, for this module
demo_db = demo_copies.demo_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def first(db: Database, query) -> int:
    with db.read() as s:
        found = s.scalars(query.limit(1)).first()
    assert found is not None, "the demo no longer has such a record"
    return int(found)


def test_every_command_line_of_issues_13_and_14_runs_as_written(
    demo_db: Database, staff: Staff, tmp_path: Path, monkeypatch, capsys
):
    db = demo_db
    path = str(db.sqlite_path)
    today = dt.date.today()
    monkeypatch.delenv("AITOWN_USER", raising=False)
    monkeypatch.delenv("AITOWN_PASSWORD", raising=False)  # lines without --user ask for nothing

    def run(line: str, password: str | None = None) -> str:
        if password is None:
            monkeypatch.delenv("AITOWN_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("AITOWN_PASSWORD", password)
        code = main([*line.split(), "--db", path])
        out, err = capsys.readouterr()
        assert code == 0, f"{line}: {err}"
        return out

    vouchers = ("compute_voucher", "model_voucher", "corpus_voucher")
    draft = first(db, select(Application.id).where(Application.status == "draft", Application.benefit.in_(vouchers)))  # fmt: skip
    submitted = select(Application.id).where(Application.status == "submitted", Application.benefit.in_(vouchers), Application.contract_amount.is_not(None)).order_by(Application.id)  # fmt: skip
    to_return = first(db, submitted)
    to_verify = first(db, submitted.where(Application.id != to_return))
    scan = tmp_path / "contract.pdf"
    scan.write_bytes(PDF)

    # Issue 13.
    assert "contract" in run(f"applications materials {draft}")
    assert json.loads(run(f"applications materials {draft} --json"))["application"] == draft
    run(f"applications attach {draft} --item contract {scan} --user desk1", STAFF_PASSWORD)
    run(f"applications attach {draft} --seen invoice --user desk1", STAFF_PASSWORD)
    run(f"applications return {to_return} --item contract --item invoice --reason 合同未签字 --user reviewer1", STAFF_PASSWORD)  # fmt: skip
    run(f"applications verify-amount {to_verify} --amount 1000.50 --reason 以发票为准 --user reviewer1", STAFF_PASSWORD)  # fmt: skip

    run("publicity open --user admin", ADMIN_PASSWORD)
    objected = first(db, select(PublicityPeriod.application_id).where(PublicityPeriod.status == PublicityStatus.OPEN))  # fmt: skip
    run(f"publicity object {objected} --text 匿名来信 --user admin", ADMIN_PASSWORD)
    for suffix in ("pdf", "xlsx"):  # the periods still open
        run(f"publicity list --out {tmp_path / f'publicity.{suffix}'}")
        assert (tmp_path / f"publicity.{suffix}").stat().st_size > 0
    later = (today + dt.timedelta(days=30)).isoformat()
    assert run(f"publicity close --date {later} --user admin", ADMIN_PASSWORD).split()

    awarded = first(db, select(Application.id).where(Application.status == "approved", Application.benefit == "corpus_voucher"))  # fmt: skip
    notices.issue_notice(db, staff.admin, awarded)
    list_id = run(f"payments new --benefit corpus_voucher --approved-to {today} --user admin", ADMIN_PASSWORD).strip()  # fmt: skip
    assert list_id.isdigit()
    for suffix in ("pdf", "xlsx"):
        run(f"payments print {list_id} --out {tmp_path / f'list.{suffix}'}")
        assert (tmp_path / f"list.{suffix}").stat().st_size > 0
    run(f"payments pay {list_id} --date {today} --reference ICBC-2026-1 --user admin", ADMIN_PASSWORD)  # fmt: skip

    # Issue 14.
    run("leases ending --days 90")
    assert isinstance(json.loads(run("leases ending --days 90 --json")), list)
    tenant = first(db, select(Lease.team_id).where(Lease.start_on <= today, Lease.end_on >= today, Lease.ended_on.is_(None)))  # fmt: skip
    month = today.strftime("%Y-%m")
    run(f"rent statement {tenant} --month {month}")
    statement = tmp_path / "statement.pdf"
    assert json.loads(run(f"rent statement {tenant} --month {month} --out {statement} --json"))
    assert statement.read_bytes().startswith(b"%PDF")
    run(f"teams leave {tenant} --status withdrawn --on {today} --reason 迁出 --user admin", ADMIN_PASSWORD)  # fmt: skip
