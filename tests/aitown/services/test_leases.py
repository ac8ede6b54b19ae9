"""Units and leases: one unit is never leased twice for overlapping days."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from aitown.errors import ConflictError, PermissionDenied, ValidationError
from aitown.models import Lease
from aitown.services import leases as svc
from aitown.services import teams
from tests.aitown.services.test_teams import code, team_values


@pytest.fixture
def team_and_unit(any_db, any_staff):
    team_id = teams.create_team(any_db, any_staff.desk, team_values())
    other = teams.create_team(
        any_db, any_staff.desk, team_values(uscc=code("91310104MA1FL9999"), name_zh="别的公司")
    )
    space_id = svc.create_space(any_db, any_staff.admin, "张江AI小镇1号楼", "301", "150.5", "27000")
    return team_id, other, space_id


def test_lease_and_overlap_refused(any_db, any_staff, team_and_unit):
    team_id, other, space_id = team_and_unit
    lease_id = svc.create_lease(
        any_db, any_staff.desk, team_id, space_id, "2024-01-01", "2026-12-31"
    )
    with pytest.raises(ConflictError, match="already leased from 2024-01-01 to 2026-12-31"):
        svc.create_lease(any_db, any_staff.desk, other, space_id, "2026-12-31", "2027-12-31")
    # Ending the first lease early frees the unit from the next day on.
    svc.end_lease(any_db, any_staff.desk, lease_id, "2025-06-30")
    svc.create_lease(any_db, any_staff.desk, other, space_id, "2025-07-01", "2027-06-30")
    with pytest.raises(ConflictError):
        svc.create_lease(any_db, any_staff.desk, team_id, space_id, "2025-06-30", "2025-07-01")
    with any_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Lease)) == 2


def test_lease_rent_defaults_to_unit_rent(db, staff):
    team_id = teams.create_team(db, staff.desk, team_values())
    space_id = svc.create_space(db, staff.admin, "B2", "101", "80", "9600.50")
    lease_id = svc.create_lease(db, staff.desk, team_id, space_id, "2024-01-01", "2024-12-31")
    with db.read() as s:
        assert s.get(Lease, lease_id).monthly_rent == 960050


@pytest.mark.parametrize(
    ("start", "end", "msg"),
    [
        ("2024-05-01", "2024-04-30", "ends"),
        ("2019-01-01", "2020-01-01", "before the team was founded"),
        ("2024-13-01", "2025-01-01", "not a date"),
    ],
)
def test_bad_lease_dates(db, staff, start, end, msg):
    team_id = teams.create_team(db, staff.desk, team_values())
    space_id = svc.create_space(db, staff.admin, "B2", "101", "80", "9600")
    with pytest.raises(ValidationError, match=msg):
        svc.create_lease(db, staff.desk, team_id, space_id, start, end)


@pytest.mark.parametrize(
    ("area", "rent"),
    [("0", "100"), ("-5", "100"), ("12.345", "100"), ("80", "-1"), ("80", "1.234")],
)
def test_bad_space_values(db, staff, area, rent):
    with pytest.raises(ValidationError):
        svc.create_space(db, staff.admin, "B2", "101", area, rent)


def test_desk_may_not_add_units(db, staff):
    with pytest.raises(PermissionDenied):
        svc.create_space(db, staff.desk, "B2", "101", "80", "9600")


def test_list_spaces_shows_current_tenant(db, staff):
    import datetime as dt

    team_id = teams.create_team(db, staff.desk, team_values())
    space_id = svc.create_space(db, staff.admin, "B2", "101", "80", "9600")
    today = dt.date.today()
    svc.create_lease(
        db,
        staff.desk,
        team_id,
        space_id,
        today - dt.timedelta(days=10),
        today + dt.timedelta(days=300),
    )
    row = svc.list_spaces(db)[0]
    assert row.team_name == "上海星河智能科技有限公司" and row.area_hundredths == 8000
