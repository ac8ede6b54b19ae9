"""Leaving the town: one transaction that ends the lease, shrinks the waiver, asks the §2.5
repayment back as a receivable and releases unpaid commitments; the preview is what happens."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from stdnum.cn import ric

from aitown.errors import ConflictError, PermissionDenied, ValidationError
from aitown.models import Application, AuditEvent, Lease, Team
from aitown.rent_tables import RentEntry
from aitown.services import applications as apps
from aitown.services import members
from aitown.services.audit_state import compare_with_log
from aitown.services.leaving import leave_town, preview_leaving
from aitown.services.notices import issue_notice
from tests.aitown.dbfiles import db_fingerprint
from tests.aitown.services.test_lease_end import FULL, RENT, amount, pool, tenant

PERSON = "31010419850615123" + ric.calc_check_digit("310104198506151230")


def talent_award(db, staff, team_id: int) -> int:
    """An approved, unpaid talent award of 300,000 yuan."""
    mid = members.add_member(
        db,
        staff.desk,
        team_id,
        {
            "name": "王伟",
            "talent_tier": "A",
            "full_time": True,
            "joined_on": "2023-04-01",
            "id_number": PERSON,
        },
    )
    day = dt.date(2025, 3, 1)
    rec = apps.record_application(
        db, staff.desk, team_id, "talent_award", member_id=mid, applied_on=day
    )
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id, today=day)
    return rec.application_id


def talent_pool(db):
    from aitown.models import BudgetPool

    with db.read() as s:
        return s.scalars(select(BudgetPool).where(BudgetPool.kind == "talent_award")).one()


def test_leaving_within_12_months_revokes_the_waiver_and_asks_the_rent_back(any_db, any_staff):
    db, staff = any_db, any_staff
    team_id, lease_id, waiver = tenant(db, staff)
    award = talent_award(db, staff, team_id)
    talent_before = talent_pool(db)
    rent_before = pool(db)

    preview = preview_leaving(db, staff.admin, team_id, "withdrawn", "2025-06-30", reason="搬离")
    # The preview changed nothing.
    with db.read() as s:
        assert s.get(Team, team_id).status == "admitted"
        assert s.get(Lease, lease_id).ended_on is None
        assert s.scalar(select(RentEntry.id)) is None
    assert pool(db).committed == FULL

    done = leave_town(db, staff.admin, team_id, "withdrawn", "2025-06-30", reason="搬离")
    assert done.to_record() == preview.to_record()

    # Six months waived, 1 January – 30 June 2025, all repaid (§2.5: before the anniversary).
    assert done.receivable_fen == 6 * RENT
    assert [(r.application_id, r.repayment_fen) for r in done.revocations] == [
        (waiver, 6 * RENT),
        (award, 0),
    ]
    assert [(w.before_fen, w.after_fen) for w in done.waivers] == [(FULL, 6 * RENT)]
    assert done.released_fen == {"rent_waiver": FULL, "talent_award": 300_000_00}
    with db.read() as s:
        team = s.get(Team, team_id)
        assert (team.status, team.left_on) == ("withdrawn", dt.date(2025, 6, 30))
        assert s.get(Lease, lease_id).ended_on == dt.date(2025, 6, 30)
        w, a = s.get(Application, waiver), s.get(Application, award)
        assert (w.status, w.amount, w.repayment_amount) == ("revoked", 6 * RENT, 6 * RENT)
        assert a.status == "revoked"
        [entry] = s.scalars(select(RentEntry)).all()
        assert (entry.kind, entry.amount, entry.application_id, entry.on_date) == (
            "repayment",
            6 * RENT,
            waiver,
            dt.date(2025, 6, 30),
        )
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    p = pool(db)
    assert p.committed == rent_before.committed - FULL == 0
    assert p.released - rent_before.released == FULL
    t = talent_pool(db)
    assert t.committed == talent_before.committed - 300_000_00
    assert actions[-1] == "team.leave" and actions.count("application.revoke") == 2
    # The revocation notice states the repayment.
    notice = issue_notice(db, staff.admin, waiver)
    assert notice.kind == "revocation"
    # The data agrees with the audit log (``audit verify``): every amount moved was recorded.
    assert compare_with_log(db) == []


def test_leaving_after_the_first_year_keeps_the_waiver_shrunk(db, staff):
    team_id, lease_id, waiver = tenant(db, staff)
    done = leave_town(db, staff.desk, team_id, "expelled", "2026-01-31")
    assert done.revocations == () and done.receivable_fen == 0
    assert amount(db, waiver) == 12 * RENT + RENT // 2 == pool(db).committed
    with db.read() as s:
        assert s.get(Application, waiver).status == "approved"
        assert s.get(Lease, lease_id).ended_on == dt.date(2026, 1, 31)


def test_a_failure_leaves_nothing_half_done(db, staff):
    """A desk user may leave a team but not revoke its approved award: refused as a whole."""
    team_id, _lease, _waiver = tenant(db, staff)
    talent_award(db, staff, team_id)
    before = db_fingerprint(db)
    with pytest.raises(PermissionDenied):
        leave_town(db, staff.desk, team_id, "withdrawn", "2025-06-30")
    assert db_fingerprint(db) == before
    with pytest.raises(PermissionDenied):
        preview_leaving(db, staff.desk, team_id, "withdrawn", "2025-06-30")
    with pytest.raises(PermissionDenied):
        leave_town(db, staff.reviewer, team_id, "withdrawn", "2025-06-30")
    assert db_fingerprint(db) == before


def test_bad_leaving_requests(db, staff):
    team_id, _lease, _waiver = tenant(db, staff)
    with pytest.raises(ValidationError, match="withdrawn or expelled"):
        leave_town(db, staff.admin, team_id, "graduated", "2025-06-30")
    with pytest.raises(ValidationError, match="before the admission date"):
        leave_town(db, staff.admin, team_id, "withdrawn", "2024-06-30")
    leave_town(db, staff.admin, team_id, "withdrawn", "2025-06-30")
    with pytest.raises(ConflictError, match="only a team in the town"):
        leave_town(db, staff.admin, team_id, "expelled", "2025-07-30")
