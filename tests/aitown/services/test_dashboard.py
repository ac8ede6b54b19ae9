"""The dashboard's numbers: pools, applications by status, waivers ending soon, occupancy."""

from __future__ import annotations

import datetime as dt

from aitown.services import applications as apps
from aitown.services import dashboard, leases, teams
from tests.aitown.services.test_applications import admitted_team
from tests.aitown.services.test_teams import code, team_values

TODAY = dt.date.today()


def waiver_team(db, staff, body: str, lease_days: int) -> int:
    """An admitted team whose lease (and so its rent waiver) ends ``lease_days`` from today."""
    founded = TODAY - dt.timedelta(days=2 * 365)
    team_id = teams.create_team(
        db,
        staff.desk,
        team_values(
            uscc=code(body), founded_on=founded.isoformat(), name_zh=f"上海{body[-4:]}公司"
        ),
    )
    admitted = TODAY - dt.timedelta(days=100)
    teams.set_team_status(db, staff.desk, team_id, "admitted", admitted)
    space = leases.create_space(db, staff.admin, "2号楼", body[-4:], "120", "18000")
    leases.create_lease(
        db, staff.desk, team_id, space, admitted, TODAY + dt.timedelta(days=lease_days)
    )
    rec = apps.record_application(db, staff.desk, team_id, "rent_waiver")
    assert rec.result.eligible, [r.reason() for r in rec.result.failed]
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    return team_id


def test_empty_office_shows_full_pools_and_no_applications(db, staff):
    data = dashboard.dashboard_data(db)
    assert [p.kind for p in data.pools][:2] == ["rent_waiver", "startup_grant"]
    grant = next(p for p in data.pools if p.kind == "startup_grant")
    assert (grant.total, grant.committed, grant.disbursed, grant.left) == (
        30_000_000_00,
        0,
        0,
        30_000_000_00,
    )
    assert data.by_status == dict.fromkeys(
        ("draft", "submitted", "approved", "rejected", "disbursed", "revoked", "returned"), 0
    )
    assert data.waiting == 0
    assert data.waivers_ending == []
    assert (data.occupancy.leased, data.occupancy.total) == (0, 0)


def test_counts_follow_the_applications_and_pools_their_money(db, staff):
    team_id = admitted_team(db, staff)  # leases one unit
    leases.create_space(db, staff.admin, "1号楼", "999", "80", "9000")  # a vacant one
    grant = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, grant.application_id)
    apps.approve_application(db, staff.reviewer, grant.application_id)
    apps.record_application(db, staff.desk, team_id, "rent_waiver")  # a draft
    data = dashboard.dashboard_data(db)
    assert data.by_status["approved"] == 1 and data.by_status["draft"] == 1
    assert data.waiting == 0
    pool = next(p for p in data.pools if p.kind == "startup_grant")
    assert pool.committed == 100_000_00 and pool.left == 30_000_000_00 - 100_000_00
    assert (data.occupancy.leased, data.occupancy.total, data.occupancy.vacant) == (1, 2, 1)


def test_waivers_ending_within_sixty_days_soonest_first(db, staff):
    later = waiver_team(db, staff, "91310104MA1FL0101", lease_days=45)
    soon = waiver_team(db, staff, "91310104MA1FL0102", lease_days=10)
    waiver_team(db, staff, "91310104MA1FL0103", lease_days=300)  # ends after the window
    ending = dashboard.waivers_ending(db, today=TODAY)
    assert [w.team_id for w in ending] == [soon, later]
    first = ending[0]
    assert first.ends_on == TODAY + dt.timedelta(days=10)
    assert first.days_left(TODAY) == 10
    assert (first.building, first.unit) == ("2号楼", "0102")
    assert first.team_name == "上海0102公司"
    # A wider window takes the third one in; a revoked waiver drops out.
    assert len(dashboard.waivers_ending(db, within_days=400, today=TODAY)) == 3
    revoked = next(a.id for a in apps.list_applications(db, team_id=soon))
    apps.revoke_application(db, staff.admin, revoked, "left the town")
    assert [w.team_id for w in dashboard.waivers_ending(db, today=TODAY)] == [later]


def test_occupancy_counts_the_units_the_desk_holds_apart_from_the_vacant(db, staff):
    """A unit reserved or under repair is not vacant (the unit board says so, issue 14)."""
    from aitown.services.unit_holds import hold_unit

    admitted_team(db, staff)  # leases one unit
    spaces = [
        leases.create_space(db, staff.admin, "1号楼", unit, "80", "9000")
        for unit in ("901", "902", "903")
    ]
    hold_unit(db, staff.desk, spaces[0], "reserved")
    hold_unit(db, staff.desk, spaces[1], "repair", note="漏水")
    got = dashboard.dashboard_data(db).occupancy
    assert (got.leased, got.reserved, got.repair, got.vacant, got.total) == (1, 1, 1, 1, 4)
