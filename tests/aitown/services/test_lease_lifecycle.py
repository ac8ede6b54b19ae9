"""Leases ending, and renewal: a new lease that follows on, the rent waiver continuing on it with
its months counted from the first lease (POLICY §2 "Readings settled"), to the fen."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from aitown.errors import BudgetExceeded, ConflictError, PermissionDenied, ValidationError
from aitown.models import Application, AuditEvent, Lease
from aitown.services import applications as apps
from aitown.services import leases, pools, teams
from aitown.services.eligibility import check_team
from aitown.services.lease_lifecycle import ending_counts, leases_ending, renew_lease
from aitown.services.rent_waivers import rent_waiver_schedules
from tests.aitown.services.test_applications import set_pool_left
from tests.aitown.services.test_teams import code, team_values

D = dt.date
JAN_1, JUN_30 = D(2026, 1, 1), D(2026, 6, 30)


def tenant(
    db,
    st,
    body: str = "91310104MA1FL0000",
    *,
    start=JAN_1,
    end=JUN_30,
    rent="10000",
    area="150",
):
    team_id = teams.create_team(
        db, st.desk, team_values(uscc=code(body), name_zh=f"上海{body[-4:]}科技有限公司")
    )
    teams.set_team_status(db, st.desk, team_id, "admitted", start)
    space = leases.create_space(db, st.admin, "1号楼", body[-4:], area, rent)
    lease = leases.create_lease(db, st.desk, team_id, space, start, end)
    return team_id, space, lease


def rent_waiver_amount(db, team_id, on):
    (result,) = check_team(db, team_id, ["rent_waiver"], today=on)
    assert result.eligible, [r.reason("en") for r in result.failed]
    assert result.amount is not None
    return result.amount.amount_fen


def test_leases_ending_in_30_60_90_days(any_db, any_staff):
    db, staff = any_db, any_staff
    today = D(2026, 6, 1)
    soon, _, lease_soon = tenant(
        db, staff, "91310104MA1FL0001", start=D(2026, 1, 1), end=D(2026, 6, 20)
    )
    _, _, lease_later = tenant(
        db, staff, "91310104MA1FL0002", start=D(2026, 1, 1), end=D(2026, 8, 15)
    )
    _, _, far = tenant(db, staff, "91310104MA1FL0003", start=D(2026, 1, 1), end=D(2027, 5, 31))
    # A lease ended early counts by its early end.
    _, _, early = tenant(db, staff, "91310104MA1FL0004", start=D(2026, 1, 1), end=D(2027, 12, 31))
    leases.end_lease(db, staff.desk, early, "2026-07-10")
    ending = leases_ending(db, 60, today=today)
    assert [(e.lease_id, e.days_left) for e in ending] == [(lease_soon, 19), (early, 39)]
    assert ending[0].team_id == soon and ending[0].monthly_rent == 10000_00
    assert [e.lease_id for e in leases_ending(db, 90, today=today)] == [
        lease_soon,
        early,
        lease_later,
    ]
    assert ending_counts(db, today=today) == {30: 1, 60: 2, 90: 3}
    # Renewed: no longer ending.
    renew_lease(db, staff.desk, lease_soon, "2027-06-20")
    assert [e.lease_id for e in leases_ending(db, 30, today=today)] == []
    assert far not in [e.lease_id for e in leases_ending(db, 90, today=today)]
    with pytest.raises(ValidationError, match="whole number from 0"):
        leases_ending(db, -1, today=today)


def test_renewal_follows_on_and_is_audited(any_db, any_staff):
    db, staff = any_db, any_staff
    team_id, space, lease = tenant(db, staff)
    with pytest.raises(PermissionDenied):
        renew_lease(db, staff.reviewer, lease, "2027-06-30")
    with pytest.raises(ValidationError, match="starts on 2026-07-01"):
        renew_lease(db, staff.desk, lease, "2026-06-30")
    renewal = renew_lease(db, staff.desk, lease, "2027-06-30", "12000")
    assert (renewal.starts_on, renewal.ends_on) == (D(2026, 7, 1), D(2027, 6, 30))
    assert renewal.waiver_application_id is None
    with db.read() as s:
        new = s.get(Lease, renewal.lease_id)
        assert (new.space_id, new.team_id, new.renews_lease_id) == (space, team_id, lease)
        assert new.monthly_rent == 12000_00
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "lease.renew")).one()
        assert json.loads(event.after_json)["renews_lease_id"] == lease
    with pytest.raises(ConflictError, match="already renewed"):
        renew_lease(db, staff.desk, lease, "2028-06-30")
    # Another team's lease in the way of a renewal of the renewal.
    other = teams.create_team(
        db, staff.desk, team_values(uscc=code("91310104MA1FL7777"), name_zh="别的公司")
    )
    leases.create_lease(db, staff.desk, other, space, "2027-09-01", "2028-08-31")
    with pytest.raises(ConflictError, match="cannot run to 2027-12-31"):
        renew_lease(db, staff.desk, renewal.lease_id, "2027-12-31")
    renew_lease(db, staff.desk, renewal.lease_id, "2027-08-31")


def test_a_lease_ended_early_is_not_renewed(db, staff):
    _, _, lease = tenant(db, staff)
    leases.end_lease(db, staff.desk, lease, "2026-03-31")
    with pytest.raises(ValidationError, match="ended early"):
        renew_lease(db, staff.desk, lease, "2027-03-31")


def test_rent_waiver_after_a_renewal_counts_months_from_the_first_lease(db, staff):
    """Six months at 10,000, then a renewal at 12,000: months 7–12 at 100 % and 13–24 at 50 %
    of the new rent, all counted from 2026-01-01."""
    team_id, _, lease = tenant(db, staff)
    assert rent_waiver_amount(db, team_id, D(2026, 2, 1)) == 6 * 10000_00
    renew_lease(db, staff.desk, lease, "2027-12-31", "12000")
    expected = 6 * 10000_00 + 6 * 12000_00 + 12 * 6000_00  # 204,000.00 yuan
    assert rent_waiver_amount(db, team_id, D(2026, 2, 1)) == expected
    # The same answer while the renewal is the current lease.
    assert rent_waiver_amount(db, team_id, D(2026, 9, 1)) == expected
    # A team with one lease of the same two years gets the same at one rent: the chain is one tenancy.
    single, _, _ = tenant(db, staff, "91310104MA1FL0005", end=D(2027, 12, 31), rent="10000")
    assert rent_waiver_amount(db, single, D(2026, 2, 1)) == 12 * 10000_00 + 12 * 5000_00


def test_a_month_shared_by_the_lease_and_its_renewal_is_rounded_once(db, staff):
    # Lease months run from the 15th; the first lease ends on 20 March, inside month 3
    # (2026-03-15 – 2026-04-14, 31 days): 6 days at 10,000 and 25 days at 12,000.
    team_id, _, lease = tenant(db, staff, start=D(2026, 1, 15), end=D(2026, 3, 20))
    renew_lease(db, staff.desk, lease, "2028-01-14", "12000")
    (result,) = check_team(db, team_id, ["rent_waiver"], today=D(2026, 2, 1))
    schedule = result.amount.schedule
    third = schedule.rows[2]
    assert (third.month_start, third.month_end, third.days_waived) == (
        D(2026, 3, 15),
        D(2026, 4, 14),
        31,
    )
    # (1,000,000 × 6 + 1,200,000 × 25) / 31 = 1,161,290.32… → 1,161,290 fen
    assert third.waived_fen == 1_161_290
    assert [r.month for r in schedule.rows] == list(range(1, 25))
    assert schedule.rows[12].month_start == D(2027, 1, 15)  # month 13 counted from the first lease
    assert schedule.total_fen == 2 * 10000_00 + 1_161_290 + 9 * 12000_00 + 12 * 6000_00


def test_renewal_continues_an_approved_waiver_and_its_commitment(any_db, any_staff):
    db, staff = any_db, any_staff
    team_id, _, lease = tenant(db, staff)
    rec = apps.record_application(db, staff.desk, team_id, "rent_waiver", applied_on=D(2026, 1, 5))
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id, today=D(2026, 1, 6))
    before = {p["kind"]: p for p in pools.list_pools(db)}["rent_waiver"]
    renewal = renew_lease(db, staff.desk, lease, "2027-12-31", "12000")
    expected = 6 * 10000_00 + 6 * 12000_00 + 12 * 6000_00
    assert (renewal.waiver_before, renewal.waiver_after) == (6 * 10000_00, expected)
    after = {p["kind"]: p for p in pools.list_pools(db)}["rent_waiver"]
    assert after["committed"] - before["committed"] == expected - 6 * 10000_00
    with db.read() as s:
        app = s.get(Application, rec.application_id)
        assert app.amount == expected
        stored = json.loads(app.eligibility_json)["amount"]
        assert stored["amount_fen"] == expected and stored["schedule"]["total_fen"] == expected
        assert s.scalars(
            select(AuditEvent).where(AuditEvent.action == "application.waiver_continued")
        ).one()
    # The team's timeline shows the same schedule.
    assert rent_waiver_schedules(db, team_id)[lease].total_fen == expected


def test_renewal_refused_when_the_pool_cannot_hold_the_continued_waiver(db, staff):
    team_id, _, lease = tenant(db, staff)
    rec = apps.record_application(db, staff.desk, team_id, "rent_waiver", applied_on=D(2026, 1, 5))
    apps.submit_application(db, staff.desk, rec.application_id)
    set_pool_left(db, "rent_waiver", 6 * 10000_00 + 100)
    apps.approve_application(db, staff.reviewer, rec.application_id, today=D(2026, 1, 6))
    with pytest.raises(BudgetExceeded, match="Raise the pool's total first; nothing was renewed"):
        renew_lease(db, staff.desk, lease, "2027-12-31")
    with db.read() as s:
        assert s.scalars(select(Lease).where(Lease.renews_lease_id == lease)).first() is None
        assert s.get(Application, rec.application_id).amount == 6 * 10000_00


def test_the_rent_waiver_decision_of_a_continued_waiver_shows_the_renewal(db, staff):
    import io
    import re

    from pypdf import PdfReader

    from aitown.models import Notice
    from aitown.services import notices

    team_id, _, lease = tenant(db, staff)
    rec = apps.record_application(db, staff.desk, team_id, "rent_waiver", applied_on=D(2026, 1, 5))
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id, today=D(2026, 1, 6))
    renew_lease(db, staff.desk, lease, "2027-12-31", "12000")
    notices.issue_notice(db, staff.admin, rec.application_id)
    with db.read() as s:
        pdf = s.scalars(select(Notice.pdf).where(Notice.application_id == rec.application_id)).one()
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "经续租，租期延至2027年12月31日" in text
    assert "204,000.00" in text  # the continued schedule's total
