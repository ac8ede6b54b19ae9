"""The unit board: states on a day (leased, vacant from the leases; reserved, under repair set by
the desk), vacancy for dates, reservation conflicts, rights and audit events."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from aitown.enums import UnitState
from aitown.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from aitown.models import AuditEvent
from aitown.services import leases, teams
from aitown.services.unit_board import (
    BoardFilter,
    board_counts,
    unit_board,
    unit_timeline,
    vacancy_for,
)
from aitown.services.unit_holds import hold_unit, lift_hold
from aitown.tenancy_tables import UnitHold
from tests.aitown.services.test_teams import code, team_values

D = dt.date


@pytest.fixture
def town(any_db, any_staff):
    """Three units in two buildings; team A leases 101 for 2026."""
    db, st = any_db, any_staff
    a = teams.create_team(db, st.desk, team_values())
    b = teams.create_team(
        db, st.desk, team_values(uscc=code("91310104MA1FL9999"), name_zh="别的公司")
    )
    u101 = leases.create_space(db, st.admin, "1号楼", "101", "80", "8000")
    u102 = leases.create_space(db, st.admin, "1号楼", "102", "320.5", "30000")
    u201 = leases.create_space(db, st.admin, "2号楼", "201", "150", "15000")
    lease = leases.create_lease(db, st.desk, a, u101, "2026-01-01", "2026-12-31")
    return {"a": a, "b": b, "101": u101, "102": u102, "201": u201, "lease": lease}


def states(db, day):
    return {(c.building, c.unit): c.state for c in unit_board(db, on=day)}


def test_board_states_follow_leases_and_holds(any_db, any_staff, town):
    db, st = any_db, any_staff
    hold_unit(db, st.desk, town["102"], "repair", starts_on="2026-03-01", ends_on="2026-03-31")
    hold_unit(
        db,
        st.desk,
        town["201"],
        "reserved",
        starts_on="2026-02-01",
        team_id=town["b"],
        note="签约中",
    )
    assert states(db, D(2026, 3, 15)) == {
        ("1号楼", "101"): UnitState.LEASED,
        ("1号楼", "102"): UnitState.REPAIR,
        ("2号楼", "201"): UnitState.RESERVED,
    }
    # Before the holds and after the lease: all vacant.
    assert set(states(db, D(2025, 12, 31)).values()) == {UnitState.VACANT}
    assert states(db, D(2027, 1, 1))[("1号楼", "101")] == UnitState.VACANT
    cells = {c.unit: c for c in unit_board(db, on=D(2026, 3, 15))}
    assert cells["201"].team_name == "别的公司" and cells["201"].note == "签约中"
    assert cells["201"].hold_until is None
    assert cells["101"].lease_end == D(2026, 12, 31) and cells["101"].monthly_rent == 8000_00
    counts = board_counts(unit_board(db, on=D(2026, 3, 15)))
    assert counts == {
        UnitState.VACANT: 0,
        UnitState.RESERVED: 1,
        UnitState.LEASED: 1,
        UnitState.REPAIR: 1,
    }


def test_board_filters_by_building_state_and_area(any_db, any_staff, town):
    day = D(2026, 6, 1)
    only = unit_board(any_db, on=day, where=BoardFilter(building="1号楼"))
    assert [c.unit for c in only] == ["101", "102"]
    vacant = unit_board(any_db, on=day, where=BoardFilter(state=UnitState.VACANT))
    assert [c.unit for c in vacant] == ["102", "201"]
    big = unit_board(any_db, on=day, where=BoardFilter(min_area=100_00, max_area=300_00))
    assert [c.unit for c in big] == ["201"]


def test_holds_need_the_lease_right_and_are_audited(any_db, any_staff, town):
    db, st = any_db, any_staff
    with pytest.raises(PermissionDenied):
        hold_unit(db, st.reviewer, town["102"], "repair")
    hold_id = hold_unit(db, st.desk, town["102"], "repair", starts_on="2026-05-01")
    with pytest.raises(PermissionDenied):
        lift_hold(db, st.reviewer, hold_id)
    lift_hold(db, st.desk, hold_id)
    with pytest.raises(NotFound):
        lift_hold(db, st.desk, hold_id)
    with db.read() as s:
        actions = [
            (e.action, e.user_name)
            for e in s.scalars(
                select(AuditEvent).where(AuditEvent.entity == "unit_hold").order_by(AuditEvent.id)
            )
        ]
        assert not s.get(UnitHold, hold_id).active
    assert actions == [("unit.repair", st.desk.name), ("unit.lift", st.desk.name)]
    assert states(db, D(2026, 5, 2))[("1号楼", "102")] == UnitState.VACANT


def test_reservation_conflicts(any_db, any_staff, town):
    db, st = any_db, any_staff
    # Not on the days of a lease.
    with pytest.raises(ConflictError, match="leased from 2026-01-01 to 2026-12-31"):
        hold_unit(db, st.desk, town["101"], "reserved", starts_on="2026-12-01")
    # Not over another hold (an open-ended one lasts for ever).
    hold_unit(db, st.desk, town["201"], "reserved", starts_on="2026-02-01", team_id=town["b"])
    with pytest.raises(ConflictError, match="already reserved"):
        hold_unit(db, st.desk, town["201"], "repair", starts_on="2030-01-01", ends_on="2030-01-05")
    # Bad input gets its sentence.
    with pytest.raises(ValidationError, match="before the first day"):
        hold_unit(db, st.desk, town["102"], "repair", starts_on="2026-05-02", ends_on="2026-05-01")
    with pytest.raises(ValidationError, match="not a state the desk sets"):
        hold_unit(db, st.desk, town["102"], "leased")
    with pytest.raises(ValidationError, match="Only a reservation names a team"):
        hold_unit(db, st.desk, town["102"], "repair", team_id=town["a"])
    # A lease by another team on reserved days is refused; the team reserved for takes it up.
    with pytest.raises(ConflictError, match="reserved for “别的公司”"):
        leases.create_lease(db, st.desk, town["a"], town["201"], "2026-03-01", "2026-12-31")
    lease_b = leases.create_lease(db, st.desk, town["b"], town["201"], "2026-03-01", "2026-12-31")
    with db.read() as s:
        assert not any(h.active for h in s.scalars(select(UnitHold)))
        taken = s.scalars(select(AuditEvent).where(AuditEvent.action == "unit.lift")).one()
        assert str(lease_b) in (taken.after_json or "")
    # Under repair: no lease on those days.
    hold_unit(db, st.desk, town["102"], "repair", starts_on="2026-04-01", ends_on="2026-04-30")
    with pytest.raises(ConflictError, match="under repair"):
        leases.create_lease(db, st.desk, town["b"], town["102"], "2026-04-30", "2026-12-31")
    leases.create_lease(db, st.desk, town["b"], town["102"], "2026-05-01", "2026-12-31")


def test_vacancy_for_dates(any_db, any_staff, town):
    db, st = any_db, any_staff
    hold_unit(db, st.desk, town["201"], "reserved", starts_on="2027-01-01", team_id=town["b"])
    in_2026 = vacancy_for(db, D(2026, 6, 1), D(2026, 12, 31))
    assert not in_2026[town["101"]].free and in_2026[town["101"]].state == UnitState.LEASED
    assert in_2026[town["101"]].busy_until == D(2026, 12, 31)
    assert in_2026[town["102"]].free and in_2026[town["201"]].free
    from_2027 = vacancy_for(db, D(2027, 1, 1), D(2027, 12, 31))
    assert from_2027[town["101"]].free
    assert from_2027[town["201"]].state == UnitState.RESERVED and not from_2027[town["201"]].free
    # Free for the team it is reserved for.
    assert vacancy_for(db, D(2027, 1, 1), D(2027, 12, 31), team_id=town["b"])[town["201"]].free
    # One day of overlap is enough to make a unit busy.
    assert not vacancy_for(db, D(2026, 12, 31), D(2027, 3, 1))[town["101"]].free


def test_timeline_of_a_unit(any_db, any_staff, town):
    db, st = any_db, any_staff
    leases.end_lease(db, st.desk, town["lease"], "2026-06-30")
    hold_unit(db, st.desk, town["101"], "repair", starts_on="2026-07-01", ends_on="2026-07-31")
    leases.create_lease(db, st.desk, town["b"], town["101"], "2026-08-01", "2027-07-31")
    timeline = unit_timeline(db, town["101"])
    assert [(e.kind, e.starts_on, e.ends_on, e.team_name) for e in timeline] == [
        ("lease", D(2026, 1, 1), D(2026, 6, 30), "上海星河智能科技有限公司"),
        ("repair", D(2026, 7, 1), D(2026, 7, 31), ""),
        ("lease", D(2026, 8, 1), D(2027, 7, 31), "别的公司"),
    ]
    assert timeline[0].ended_early


def test_tenants_report_counts_held_units_apart_from_the_vacant(any_db, any_staff, town):
    """The tenants report agrees with the board: a unit reserved or under repair on the report's
    day is neither leased nor vacant (it used to be counted vacant)."""
    from aitown.services.reports import building_lines, tenants_report

    db, st = any_db, any_staff
    hold_unit(db, st.desk, town["102"], "repair", starts_on="2026-03-01", ends_on="2026-03-31")
    hold_unit(db, st.desk, town["201"], "reserved", starts_on="2026-02-01", team_id=town["b"])
    lines = {x.building: x for x in building_lines(db, D(2026, 1, 1), D(2026, 3, 15))[0]}
    one, two = lines["1号楼"], lines["2号楼"]
    assert (one.area, one.area_leased, one.area_held, one.area_vacant) == (40050, 8000, 32050, 0)
    assert (one.units_held, one.vacancy) == (1, 0.0)
    assert (two.area_held, two.area_vacant, two.vacancy) == (15000, 0, 0.0)
    # After the repair the unit is vacant again; the reservation has no end and still holds.
    later = {x.building: x for x in building_lines(db, D(2026, 1, 1), D(2026, 4, 15))[0]}
    assert (later["1号楼"].area_held, later["1号楼"].area_vacant) == (0, 32050)
    assert later["1号楼"].vacancy == pytest.approx(32050 / 40050)
    assert later["2号楼"].area_held == 15000
    table = tenants_report(db, st.desk, D(2026, 1, 1), D(2026, 4, 15))[0]
    keys = [c.key for c in table.columns]
    row = dict(zip(keys, table.rows[0], strict=True))
    assert (row["area_held"], row["vacancy"]) == (0, pytest.approx(32050 / 40050))
    chart = table.charts[0]
    assert [s[0] for s in chart.series] == ["leased", "reserved / repair", "vacant"]
