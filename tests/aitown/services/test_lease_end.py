"""Ending a lease early: the rent waiver's commitment in the pool shrinks to its schedule, to the
fen, and stays what the policy's own schedule (the eligibility answer) says."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from aitown.errors import PermissionDenied, ValidationError
from aitown.models import Application, AuditEvent, BudgetPool
from aitown.services import applications as apps
from aitown.services import leases, teams
from aitown.services.rent_waivers import rent_waiver_schedules
from tests.aitown.makers import team_values

RENT = 10_000_00  # fen a month
FULL = 12 * RENT + 12 * RENT // 2  # 24 waived months of a three-year lease


def tenant(db, staff, n: int = 0, *, admitted: str = "2025-01-01", start: str = "2025-01-01",
           end: str = "2027-12-31", area: str = "100", rent: str = "10000") -> tuple[int, int, int]:  # fmt: skip
    """An admitted team with one lease and an approved rent waiver: (team, lease, application)."""
    team_id = teams.create_team(db, staff.desk, team_values(n))
    teams.set_team_status(db, staff.desk, team_id, "admitted", admitted)
    space = leases.create_space(db, staff.admin, "1号楼", f"{100 + n}", area, rent)
    lease_id = leases.create_lease(db, staff.desk, team_id, space, start, end)
    day = dt.date.fromisoformat(start) + dt.timedelta(days=5)
    rec = apps.record_application(
        db, staff.desk, team_id, "rent_waiver", lease_id=lease_id, applied_on=day
    )
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id, today=day)
    return team_id, lease_id, rec.application_id


def pool(db) -> BudgetPool:
    with db.read() as s:
        return s.scalars(select(BudgetPool).where(BudgetPool.kind == "rent_waiver")).one()


def amount(db, app_id: int) -> int:
    with db.read() as s:
        return s.get(Application, app_id).amount


def test_early_end_shrinks_the_commitment_to_the_schedule_to_the_fen(any_db, any_staff):
    db = any_db
    team_id, lease_id, app_id = tenant(db, any_staff)
    before = pool(db)
    assert amount(db, app_id) == FULL and before.committed == FULL

    ended = leases.end_lease(db, any_staff.desk, lease_id, "2026-03-15", reason="moved out")

    # 12 full months, Jan and Feb 2026 at half, 1–15 March at half by day:
    # 500,000 × 15/31 = 241,935.48… → 241,935 fen.
    expected = 12 * RENT + 2 * RENT // 2 + 241_935
    assert amount(db, app_id) == expected
    after = pool(db)
    assert after.committed == expected
    assert after.released - before.released == FULL - expected
    assert after.left - before.left == FULL - expected
    [change] = ended.waivers
    assert (change.before_fen, change.after_fen, change.released_fen) == (
        FULL,
        expected,
        FULL - expected,
    )
    # The policy's own answer (the eligibility schedule) is what the pool holds.
    [schedule] = rent_waiver_schedules(db, team_id).values()
    assert schedule.total_fen == expected
    assert schedule.rows[-1].period_end == dt.date(2026, 3, 15)
    with db.read() as s:
        events = [
            e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(2))
        ]
    assert events == ["lease.end", "application.resize"]


def test_ending_later_again_grows_it_back_and_ending_on_the_end_changes_nothing(db, staff):
    _team, lease_id, app_id = tenant(db, staff)
    leases.end_lease(db, staff.desk, lease_id, "2025-06-30")
    assert amount(db, app_id) == 6 * RENT
    leases.end_lease(db, staff.desk, lease_id, "2025-12-31")  # the desk corrects the date
    assert amount(db, app_id) == 12 * RENT and pool(db).committed == 12 * RENT
    leases.end_lease(db, staff.desk, lease_id, "2027-12-31")
    assert amount(db, app_id) == FULL and pool(db).committed == FULL


def test_a_disbursed_waiver_shrinks_in_the_disbursed_column(db, staff):
    _team, lease_id, app_id = tenant(db, staff)
    apps.disburse_application(db, staff.admin, app_id)
    assert pool(db).disbursed == FULL
    leases.end_lease(db, staff.desk, lease_id, "2025-01-31")
    p = pool(db)
    assert (p.committed, p.disbursed, p.released) == (0, RENT, FULL - RENT)
    from aitown.services.audit_state import compare_with_log

    assert compare_with_log(db) == []


def test_area_over_the_cap_is_pro_rated_after_an_early_end(db, staff):
    # 350 m²: 300/350 of the rent; 1,000,000 × 6/7 = 857,142.857… → 857,143 a full month.
    _team, lease_id, app_id = tenant(db, staff, area="350")
    leases.end_lease(db, staff.desk, lease_id, "2025-02-10")
    # Feb 1–10 of 28 days: 1,000,000 × 6/7 × 10/28 = 306,122.45 → 306,122.
    assert amount(db, app_id) == 857_143 + 306_122 == pool(db).committed


def test_graduating_also_stops_the_waiver_at_the_leaving_date(db, staff):
    team_id, _lease, app_id = tenant(db, staff)
    teams.set_team_status(db, staff.desk, team_id, "graduated", "2025-03-31")
    assert amount(db, app_id) == 3 * RENT == pool(db).committed


def test_end_date_outside_the_lease_and_rights(db, staff):
    _team, lease_id, app_id = tenant(db, staff)
    with pytest.raises(ValidationError, match="must fall within the lease"):
        leases.end_lease(db, staff.desk, lease_id, "2028-01-01")
    with pytest.raises(PermissionDenied):
        leases.end_lease(db, staff.reviewer, lease_id, "2026-01-01")
    assert amount(db, app_id) == FULL and pool(db).committed == FULL


def test_any_end_date_leaves_the_pool_holding_exactly_the_schedule(db, staff):
    """Ending (and re-ending) on many dates, in any order: the application's amount, the pool's
    commitment and the policy's own schedule agree to the fen every time."""
    import random

    team_id, lease_id, app_id = tenant(db, staff, area="333.33", rent="12345.67")
    start = dt.date(2025, 1, 1)
    days = random.Random(14).sample(range(0, 3 * 365), 25)
    released_before = pool(db).released
    for offset in days:
        leases.end_lease(db, staff.desk, lease_id, start + dt.timedelta(days=offset))
        [schedule] = rent_waiver_schedules(db, team_id).values()
        assert amount(db, app_id) == schedule.total_fen == pool(db).committed
    # What was released and taken back again nets out to the last shrink.
    full = leases.end_lease(db, staff.desk, lease_id, "2027-12-31")
    [schedule] = rent_waiver_schedules(db, team_id).values()
    assert pool(db).committed == schedule.total_fen == amount(db, app_id)
    assert pool(db).released >= released_before and full.ended_on == dt.date(2027, 12, 31)
