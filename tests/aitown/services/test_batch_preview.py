"""The batch what-if applies the batch in order, as approval will: yearly caps, §2.4/§3.4, §3.3,
§7.3 and the pool, each application seeing the ones before it. A property test holds the preview
equal to what approving the same batch then does, on generated batches."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from aitown.models import Application, BudgetPool
from aitown.schema import open_database
from aitown.services import applications as svc
from aitown.services import batch_approval, members, teams
from aitown.services.pools import list_pools
from tests.aitown.services.test_applications import PERSON, VENDOR, admitted_team
from tests.aitown.services.test_teams import code
from tests.conftest import Staff

TODAY = dt.date.today()
A, A_NEW, C = "91310104MA1FL0000", "91310104MA1FL0009", "91310104MA1FL0003"


def _member(db, staff, team_id: int) -> int:
    return members.add_member(
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


def _build(db, staff) -> dict[str, int]:
    """Team A (a code corrected since), team B under A's old code (the same entity, §3.3), team C
    expelled; the same person is a member of A and of B (§7.3)."""
    a = admitted_team(db, staff, body=A)
    version = teams.find_team(db, a).version
    teams.update_team(db, staff.desk, a, version, {"uscc": code(A_NEW)})
    b = admitted_team(db, staff, body="91310104MA1FL0000", lease=False)
    c = admitted_team(db, staff, body=C)
    teams.set_team_status(db, staff.desk, c, "expelled", TODAY - dt.timedelta(days=1))
    return {"a": a, "b": b, "c": c, "pa": _member(db, staff, a), "pb": _member(db, staff, b)}


def _record(db, staff, ids: dict[str, int], spec: str) -> int:
    voucher = {
        "vendor_uscc": VENDOR,
        "vendor_name": "云算科技",
        "vendor_legal_rep": "钱七",
        "contract_start": TODAY,
        "contract_end": TODAY + dt.timedelta(days=60),
    }
    kind, _, who = spec.partition(":")
    team = ids[who[0]] if who else ids["a"]
    if kind == "talent_award":
        rec = svc.record_application(db, staff.desk, team, kind, member_id=ids["p" + who[0]])
    elif kind == "model_voucher":  # 6,000,000 × 50 % = 3,000,000; the cap is 5,000,000 a year
        rec = svc.record_application(
            db, staff.desk, team, kind, contract_amount="6000000", **voucher
        )
    elif kind == "compute_voucher":  # 20,000,000 × 30 % = 6,000,000; the cap is 10,000,000
        rec = svc.record_application(
            db, staff.desk, team, kind, contract_amount="20000000", **voucher
        )
    else:
        rec = svc.record_application(db, staff.desk, team, kind)
    svc.submit_application(db, staff.desk, rec.application_id)
    return rec.application_id


SPECS = [
    "startup_grant:a",
    "startup_grant:b",
    "rent_waiver:a",
    "talent_award:a",
    "talent_award:b",
    "model_voucher:a",
    "model_voucher:b",
    "compute_voucher:a",
    "compute_voucher:c",
]


@pytest.fixture(scope="module")
def batch_template(
    staffed_template: tuple[Path, Staff], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Staff, dict[str, int], dict[str, int]]:
    """The teams and one submitted application of each kind above, made once for the module."""
    template, staff = staffed_template
    path = tmp_path_factory.mktemp("batch") / "batch.sqlite"
    shutil.copyfile(template, path)
    db = open_database(path)
    ids = _build(db, staff)
    apps = {spec: _record(db, staff, ids, spec) for spec in SPECS}
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path, staff, ids, apps


def _copy(template: Path, target: Path):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return open_database(target)


def _pool_left(db) -> dict[str, int]:
    return {str(p["kind"]): int(p["left"]) for p in list_pools(db)}


def test_the_preview_sees_the_applications_before_it(batch_template, tmp_path):
    template, staff, _, apps = batch_template
    db = _copy(template, tmp_path / "one.sqlite")
    order = [
        apps[s]
        for s in (
            "talent_award:a",
            "talent_award:b",
            "model_voucher:a",
            "model_voucher:b",
            "startup_grant:a",
            "startup_grant:b",
            "rent_waiver:a",
            "compute_voucher:c",
        )
    ]
    preview = batch_approval.preview_batch(db, order, today=TODAY, actor=staff.reviewer)
    lines = {ln.application_id: ln for ln in preview.lines}
    # §7.3: the second award of the same person in the year is refused
    assert lines[apps["talent_award:a"]].fits
    second = lines[apps["talent_award:b"]]
    assert not second.fits and "§7.3" in second.reason_en
    # §5.3: 3,000,000 then what the 5,000,000 cap leaves, 2,000,000
    assert lines[apps["model_voucher:a"]].amount_fen == 3_000_000_00
    assert lines[apps["model_voucher:b"]].amount_fen == 2_000_000_00
    # §3.3 across the entity's codes, §3.4 after a grant in the same batch, and status
    assert (
        not lines[apps["startup_grant:b"]].fits
        and "§3.3" in lines[apps["startup_grant:b"]].reason_en
    )
    assert (
        not lines[apps["rent_waiver:a"]].fits and "§2.4" in lines[apps["rent_waiver:a"]].reason_en
    )
    assert (
        not lines[apps["compute_voucher:c"]].fits
        and "Team status" in lines[apps["compute_voucher:c"]].reason_en
    )
    assert (
        preview.pools_after["model_voucher"] == preview.pools_before["model_voucher"] - 5_000_000_00
    )
    db.dispose()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    order=st.lists(st.sampled_from(SPECS), min_size=1, max_size=10),
    totals=st.fixed_dictionaries(
        {
            "startup_grant": st.sampled_from([50_000_00, 150_000_00, 30_000_000_00]),
            "talent_award": st.sampled_from([200_000_00, 400_000_00, 50_000_000_00]),
            "model_voucher": st.sampled_from([2_500_000_00, 4_000_000_00, 300_000_000_00]),
            "compute_voucher": st.sampled_from([5_000_000_00, 600_000_000_00]),
        }
    ),
)
def test_preview_equals_what_approval_then_does(batch_template, tmp_path, order, totals):
    template, staff, _, apps = batch_template
    db = _copy(template, tmp_path / "gen.sqlite")
    try:
        with db.write() as s:
            for kind, total in totals.items():
                s.execute(update(BudgetPool).where(BudgetPool.kind == kind).values(total=total))
        ids = [apps[spec] for spec in order]
        preview = batch_approval.preview_batch(db, ids, today=TODAY, actor=staff.reviewer)
        outcome = batch_approval.approve_batch(db, staff.reviewer, ids, today=TODAY)
        assert [ln.application_id for ln in preview.lines if ln.fits] == outcome.approved
        with db.read() as s:
            stored = {a.id: a.amount for a in s.scalars(select(Application))}
        for ln in preview.lines:
            if ln.fits:
                assert ln.amount_fen == stored[ln.application_id]
        assert preview.pools_after == _pool_left(db)
    finally:
        db.dispose()
