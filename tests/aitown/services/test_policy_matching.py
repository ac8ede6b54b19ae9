"""Policy matching: the teams that could claim a benefit they have not applied for."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from aitown.db import Database
from aitown.errors import PermissionDenied, ValidationError
from aitown.models import Application, Team
from aitown.services.actor import Actor
from aitown.services.applications import record_application
from aitown.services.bulk_eligibility import check_all_teams
from aitown.services.leases import create_lease, create_space
from aitown.services.policy_matching import MatchVerdict, matches_table, unclaimed_matches
from aitown.services.teams import create_team, set_team_status
from tests.aitown import demo_copies
from tests.aitown.makers import team_values
from tests.conftest import Staff

demo_template = demo_copies.demo_template
demo_db = demo_copies.demo_db
TODAY = dt.date.today()


def test_every_match_is_an_engine_answer_without_a_claim(demo_db: Database, staff: Staff) -> None:
    matches = list(unclaimed_matches(demo_db, staff.desk, today=TODAY))
    answers = {
        (team_id, r.benefit): r
        for team_id, _u, _n, results in check_all_teams(demo_db, staff.desk, today=TODAY)
        for r in results
    }
    with demo_db.read() as s:
        claimed = set(
            s.execute(
                select(Application.team_id, Application.benefit).where(
                    Application.status.in_(("draft", "submitted", "approved", "disbursed"))
                )
            ).all()
        )
    assert matches
    for m in matches:
        answer = answers[(m.team_id, m.benefit)]
        assert (m.team_id, m.benefit) not in claimed
        if m.verdict == MatchVerdict.ELIGIBLE:
            assert answer.eligible and m.amount_fen == answer.amount.amount_fen
        else:
            assert not answer.eligible and all(r.status != "fail" for r in answer.rules)
    # Every eligible answer without a claim is listed.
    eligible = {k for k, r in answers.items() if r.eligible and k not in claimed}
    assert eligible and eligible <= {(m.team_id, m.benefit) for m in matches}
    table = matches_table(matches, lang="zh")
    assert table.rows[0][3] in ("符合条件", "符合条件，金额视申请", "缺一项信息")


def _admitted_team(db: Database, staff: Staff, n: int) -> int:
    """A young team admitted a month ago, leasing a unit of its own."""
    team_id = create_team(db, staff.desk, team_values(n, founded_on="2025-06-01"))
    admitted = TODAY - dt.timedelta(days=30)
    set_team_status(db, staff.desk, team_id, "admitted", admitted)
    space = create_space(db, staff.admin, "1号楼", f"10{n}", "120", "18000")
    create_lease(db, staff.desk, team_id, space, admitted, admitted + dt.timedelta(days=729))
    return team_id


def test_one_missing_fact_and_an_application_that_claims(staff: Staff, db: Database) -> None:
    checked = _admitted_team(db, staff, 1)
    unchecked = _admitted_team(db, staff, 2)
    # Not yet looked up on the list of seriously dishonest entities (POLICY §1.5).
    with db.write() as s:
        s.execute(update(Team).where(Team.id == unchecked).values(dishonest=None))
    found = {(m.team_id, m.benefit): m for m in unclaimed_matches(db, staff.desk, today=TODAY)}
    grant = found[(checked, "rent_waiver")]
    assert grant.verdict == MatchVerdict.ELIGIBLE and grant.amount_fen and grant.amount_fen > 0
    near = found[(unchecked, "rent_waiver")]
    assert near.verdict == MatchVerdict.MISSING_ONE and near.amount_fen is None
    assert near.clause == "1.5" and near.missing == "team.dishonest"
    assert found[(checked, "compute_voucher")].verdict == MatchVerdict.ON_APPLICATION
    # Once the team applies, the waiver is claimed and no longer listed.
    record_application(db, staff.desk, checked, "rent_waiver")
    again = {(m.team_id, m.benefit) for m in unclaimed_matches(db, staff.desk, today=TODAY)}
    assert (checked, "rent_waiver") not in again and (checked, "compute_voucher") in again


def test_refusals(staff: Staff, db: Database) -> None:
    stranger = Actor(None, "nobody", "guest", staff.desk.office_id)
    with pytest.raises(PermissionDenied):
        unclaimed_matches(db, stranger)
    with pytest.raises(ValidationError, match="not a benefit"):
        unclaimed_matches(db, staff.desk, benefit="free_lunch")
