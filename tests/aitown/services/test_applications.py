"""Applications through the services: record, submit, approve inside the pool, disburse, revoke;
the four-eyes rule; batch approval with its preview; two processes racing for the last money."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing

import pytest
from sqlalchemy import select, update
from stdnum.cn import ric, uscc

from aitown.errors import BudgetExceeded, ConflictError, PermissionDenied, ValidationError
from aitown.models import Application, AuditEvent, BudgetPool
from aitown.schema import open_database
from aitown.services import applications as svc
from aitown.services import batch_approval, leases, members, pools, teams
from aitown.services.users import authenticate
from tests.aitown.makers import pass_publicity
from tests.aitown.services.test_teams import code, team_values
from tests.conftest import STAFF_PASSWORD

TODAY = dt.date.today()
PERSON = "31010419850615123" + ric.calc_check_digit("310104198506151230")
VENDOR = "91310115MA1K4HXX0" + uscc.calc_check_digit("91310115MA1K4HXX0")


def admitted_team(
    db,
    staff,
    *,
    body: str = "91310104MA1FL0000",
    founded_years: float = 3.0,
    lease: bool = True,
    area: str = "150",
    rent: str = "20000",
) -> int:
    founded = TODAY - dt.timedelta(days=int(founded_years * 365))
    team_id = teams.create_team(
        db,
        staff.desk,
        team_values(
            uscc=code(body), founded_on=founded.isoformat(), name_zh=f"上海{body[-4:]}科技有限公司"
        ),
    )
    admitted = TODAY - dt.timedelta(days=200)
    teams.set_team_status(db, staff.desk, team_id, "admitted", admitted)
    if lease:
        space = leases.create_space(db, staff.admin, "1号楼", body[-4:], area, rent)
        leases.create_lease(
            db, staff.desk, team_id, space, admitted, admitted + dt.timedelta(days=3 * 365)
        )
    return team_id


def set_pool_left(db, kind: str, left_fen: int) -> None:
    with db.write() as s:
        s.execute(
            update(BudgetPool)
            .where(BudgetPool.kind == kind)
            .values(total=left_fen, committed=0, disbursed=0)
        )


def test_grant_lifecycle_moves_pool_money_and_audits(any_db, any_staff):
    db, st = any_db, any_staff
    team_id = admitted_team(db, st)
    rec = svc.record_application(db, st.desk, team_id, "startup_grant")
    assert rec.amount_fen == 100_000_00 and rec.result.eligible
    svc.submit_application(db, st.desk, rec.application_id)
    result = svc.approve_application(db, st.reviewer, rec.application_id, "meets §3")
    assert result.policy_id == "shanghai-ai-2025"
    pool = {p["kind"]: p for p in pools.list_pools(db)}["startup_grant"]
    assert (pool["committed"], pool["disbursed"], pool["left"]) == (
        100_000_00,
        0,
        30_000_000_00 - 100_000_00,
    )
    with pytest.raises(ConflictError, match="needs its publicity period first"):
        svc.disburse_application(db, st.admin, rec.application_id)
    pass_publicity(db, st.admin)
    svc.disburse_application(db, st.admin, rec.application_id)
    pool = {p["kind"]: p for p in pools.list_pools(db)}["startup_grant"]
    assert (pool["committed"], pool["disbursed"]) == (0, 100_000_00)
    with db.read() as s:
        app = s.get(Application, rec.application_id)
        assert app.status == "disbursed" and app.decided_by == st.reviewer.user_id
        stored = json.loads(app.eligibility_json)
        assert stored["eligible"] is True and stored["policy_version"] == app.policy_version
        actions = [
            e.action
            for e in s.scalars(select(AuditEvent).where(AuditEvent.entity == "application"))
        ]
        assert actions == [
            "application.record",
            "application.submit",
            "application.approve",
            "publicity.open",
            "publicity.pass",
            "application.disburse",
        ]


def test_recorder_cannot_approve_and_desk_cannot_decide(db, staff):
    team_id = admitted_team(db, staff)
    rec = svc.record_application(db, staff.admin, team_id, "startup_grant")
    svc.submit_application(db, staff.admin, rec.application_id)
    with pytest.raises(PermissionDenied, match="8.2"):
        svc.approve_application(db, staff.admin, rec.application_id)
    with pytest.raises(PermissionDenied, match="desk staff"):
        svc.approve_application(db, staff.desk, rec.application_id)
    with pytest.raises(PermissionDenied):
        svc.disburse_application(db, staff.reviewer, rec.application_id)
    with db.read() as s:
        assert s.get(Application, rec.application_id).status == "submitted"


def test_second_grant_refused_even_under_a_new_name(db, staff):
    team_id = admitted_team(db, staff)
    first = svc.record_application(db, staff.desk, team_id, "startup_grant")
    svc.submit_application(db, staff.desk, first.application_id)
    svc.approve_application(db, staff.reviewer, first.application_id)
    with db.read() as s:
        version = s.get(Application, first.application_id).team.version
    teams.update_team(db, staff.desk, team_id, version, {"name_zh": "上海改名后的科技有限公司"})
    second = svc.record_application(db, staff.desk, team_id, "startup_grant")
    assert second.amount_fen is None
    assert second.result.rule("3.3").status == "fail"
    svc.submit_application(db, staff.desk, second.application_id)
    with pytest.raises(ValidationError, match="3.3"):
        svc.approve_application(db, staff.reviewer, second.application_id)
    svc.reject_application(db, staff.reviewer, second.application_id)
    with db.read() as s:
        app = s.get(Application, second.application_id)
        assert app.status == "rejected"
        assert "3.3" in [
            r["clause"] for r in json.loads(app.eligibility_json)["rules"] if r["status"] == "fail"
        ]


def test_approval_past_the_pool_refused(db, staff):
    team_id = admitted_team(db, staff)
    set_pool_left(db, "startup_grant", 99_999_99)
    rec = svc.record_application(db, staff.desk, team_id, "startup_grant")
    svc.submit_application(db, staff.desk, rec.application_id)
    with pytest.raises(BudgetExceeded, match="does not fit"):
        svc.approve_application(db, staff.reviewer, rec.application_id)
    with db.read() as s:
        assert s.get(Application, rec.application_id).status == "submitted"
        assert s.scalar(select(BudgetPool.committed).where(BudgetPool.kind == "startup_grant")) == 0


def test_voucher_amount_and_bad_amounts(db, staff):
    team_id = admitted_team(db, staff, founded_years=4)
    rec = svc.record_application(
        db,
        staff.desk,
        team_id,
        "compute_voucher",
        contract_amount="1,000,000.01",
        vendor_uscc=VENDOR,
        vendor_legal_rep="钱七",
        contract_start=TODAY,
        contract_end=TODAY + dt.timedelta(days=180),
    )
    assert rec.amount_fen == 300_000_00  # 30 % of 1,000,000.01 = 300,000.003 → 300,000.00
    for bad in ("-5", "12.345", "abc", ""):
        with pytest.raises(ValidationError):
            svc.record_application(
                db,
                staff.desk,
                team_id,
                "compute_voucher",
                contract_amount=bad,
                vendor_uscc=VENDOR,
                contract_start=TODAY,
                contract_end=TODAY,
            )
    with pytest.raises(ValidationError, match="vendor"):
        svc.record_application(
            db,
            staff.desk,
            team_id,
            "model_voucher",
            contract_amount="100",
            contract_start=TODAY,
            contract_end=TODAY,
        )


def test_affiliated_vendor_fails_6_1(db, staff):
    team_id = admitted_team(db, staff)
    teams.add_related_party(
        db, staff.desk, team_id, {"name": "母公司", "uscc": VENDOR, "kind": "shareholder"}
    )
    rec = svc.record_application(
        db,
        staff.desk,
        team_id,
        "corpus_voucher",
        contract_amount="200000",
        vendor_uscc=VENDOR,
        vendor_legal_rep="钱七",
        contract_start=TODAY,
        contract_end=TODAY + dt.timedelta(days=30),
    )
    assert rec.result.rule("6.1").status == "fail" and rec.amount_fen is None


def test_talent_award_needs_a_member_of_the_team(db, staff):
    team_id = admitted_team(db, staff)
    mid = members.add_member(
        db,
        staff.desk,
        team_id,
        {
            "name": "王伟",
            "talent_tier": "A",
            "full_time": True,
            "joined_on": (TODAY - dt.timedelta(days=400)).isoformat(),
            "id_number": PERSON,
        },
    )
    rec = svc.record_application(db, staff.desk, team_id, "talent_award", member_id=mid)
    assert rec.amount_fen == 300_000_00
    with pytest.raises(ValidationError, match="member"):
        svc.record_application(db, staff.desk, team_id, "talent_award")


def test_revoking_a_rent_waiver_of_a_team_that_left_asks_for_repayment(db, staff):
    team_id = admitted_team(db, staff, rent="10000")
    rec = svc.record_application(db, staff.desk, team_id, "rent_waiver")
    assert rec.amount_fen == 10000_00 * 12 + 5000_00 * 12
    svc.submit_application(db, staff.desk, rec.application_id)
    svc.approve_application(db, staff.reviewer, rec.application_id)
    svc.disburse_application(db, staff.admin, rec.application_id)
    teams.set_team_status(db, staff.desk, team_id, "withdrawn", TODAY)
    repay = svc.revoke_application(
        db, staff.admin, rec.application_id, "left the town within 12 months"
    )
    # Admitted 200 days ago, so the team repays the rent waived for those ~6.6 months.
    assert 60_000_00 < repay < 70_000_00
    pool = {p["kind"]: p for p in pools.list_pools(db)}["rent_waiver"]
    # Leaving shrank the waiver to the days waived (issue 14: the rest went back to the pool);
    # the revocation then asks those days back, so nothing of it stays disbursed.
    assert pool["released"] == rec.amount_fen and pool["disbursed"] == 0
    with pytest.raises(ConflictError):
        svc.revoke_application(db, staff.admin, rec.application_id, "again")


def test_batch_preview_and_approval(db, staff):
    ids = []
    for i in range(3):
        team_id = admitted_team(db, staff, body=f"91310104MA1FL000{i}")
        rec = svc.record_application(db, staff.desk, team_id, "startup_grant")
        svc.submit_application(db, staff.desk, rec.application_id)
        ids.append(rec.application_id)
    set_pool_left(db, "startup_grant", 250_000_00)
    preview = batch_approval.preview_batch(db, ids)
    assert [ln.fits for ln in preview.lines] == [True, True, False]
    assert "pool, which has 50,000.00 yuan left" in preview.lines[2].reason_en
    assert preview.pools_after["startup_grant"] == 50_000_00
    with db.read() as s:  # a preview writes nothing
        assert s.scalar(select(BudgetPool.committed).where(BudgetPool.kind == "startup_grant")) == 0
    seen = []
    outcome = batch_approval.approve_batch(
        db, staff.reviewer, ids, progress=lambda d, t: seen.append((d, t))
    )
    assert outcome.approved == ids[:2] and list(outcome.refused) == [ids[2]]
    assert seen[-1] == (3, 3)


def test_cancelled_batch_stops_between_applications(db, staff):
    ids = []
    for i in range(3):
        team_id = admitted_team(db, staff, body=f"91310104MA1FL001{i}")
        rec = svc.record_application(db, staff.desk, team_id, "startup_grant")
        svc.submit_application(db, staff.desk, rec.application_id)
        ids.append(rec.application_id)
    calls = iter([False, True])
    outcome = batch_approval.approve_batch(
        db, staff.reviewer, ids, cancel=lambda: next(calls, True)
    )
    assert outcome.cancelled and outcome.approved == ids[:1]
    with db.read() as s:
        assert [s.get(Application, i).status for i in ids] == ["approved", "submitted", "submitted"]


def _approve_in_process(url: str, app_id: int, barrier, results) -> None:
    db = open_database(url)
    actor = authenticate(db, "reviewer1", STAFF_PASSWORD)
    barrier.wait()
    try:
        svc.approve_application(db, actor, app_id)
        results.put(("ok", app_id))
    except BudgetExceeded as exc:
        results.put(("refused", exc.message))
    finally:
        db.dispose()


def test_two_processes_race_for_the_last_money(any_db, any_staff):
    db, st = any_db, any_staff
    ids = []
    for i in range(2):
        team_id = admitted_team(db, st, body=f"91310104MA1FL002{i}")
        rec = svc.record_application(db, st.desk, team_id, "startup_grant")
        svc.submit_application(db, st.desk, rec.application_id)
        ids.append(rec.application_id)
    set_pool_left(db, "startup_grant", 150_000_00)  # room for one grant of 100,000, not two
    url = db.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_approve_in_process, args=(url, i, barrier, results)) for i in ids]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    outcomes = sorted(results.get(timeout=5)[0] for _ in procs)
    assert outcomes == ["ok", "refused"]
    with db.read() as s:
        pool = s.scalar(select(BudgetPool).where(BudgetPool.kind == "startup_grant"))
        assert pool.committed == 100_000_00 and pool.committed + pool.disbursed <= pool.total
        assert sorted(s.get(Application, i).status for i in ids) == ["approved", "submitted"]


def test_pool_total_cannot_drop_below_what_is_used(db, staff):
    team_id = admitted_team(db, staff)
    rec = svc.record_application(db, staff.desk, team_id, "startup_grant")
    svc.submit_application(db, staff.desk, rec.application_id)
    svc.approve_application(db, staff.reviewer, rec.application_id)
    with pytest.raises(BudgetExceeded):
        pools.set_pool_total(db, staff.admin, "startup_grant", "99999.99")
    pools.set_pool_total(db, staff.admin, "startup_grant", "100000")
    with pytest.raises(PermissionDenied):
        pools.set_pool_total(db, staff.reviewer, "startup_grant", "1")
