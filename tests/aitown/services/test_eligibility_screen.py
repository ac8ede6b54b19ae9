"""The screening of every team (screen_all_teams) comes to the verdicts and amounts that
check_team gives one team at a time, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from aitown.db import Database
from aitown.demo import load_demo
from aitown.errors import PermissionDenied, ValidationError
from aitown.policy.results import EligibilityResult
from aitown.policy.screening import Verdict
from aitown.services.actor import Actor
from aitown.services.bulk_eligibility import check_all_teams
from aitown.services.eligibility import check_team
from aitown.services.eligibility_screen import screen_all_teams
from tests.aitown import demo_copies
from tests.conftest import Staff

TODAY = dt.date.today()
demo_template = demo_copies.demo_template  # the fixtures, for this module
demo_db = demo_copies.demo_db


def verdicts(results: list[EligibilityResult]) -> list[Verdict]:
    return [
        Verdict(r.benefit, r.eligible, r.amount.amount_fen if r.amount else None, r.held_by)
        for r in results
    ]


@pytest.mark.parametrize("days", [0, -200, 400])
def test_every_team_is_screened_as_check_team_answers(
    demo_db: Database, staff: Staff, days: int
) -> None:
    day = TODAY + dt.timedelta(days=days)
    screened = list(screen_all_teams(demo_db, staff.desk, today=day))
    assert len(screened) == demo_copies.DEMO_TEAMS
    eligible, held = 0, 0
    for team_id, _uscc, _name, found in screened:
        assert found == verdicts(check_team(demo_db, team_id, today=day)), team_id
        eligible += sum(v.eligible for v in found)
        held += sum(v.held_by is not None for v in found)
    if days == 0:
        assert eligible and held  # the comparison covers amounts and held benefits
    # The same as the bulk engine, in its order, whatever the chunk.
    bulk = [
        (t, u, n, verdicts(r)) for t, u, n, r in check_all_teams(demo_db, staff.desk, today=day)
    ]
    assert screened == bulk
    assert list(screen_all_teams(demo_db, staff.desk, today=day, chunk=7)) == screened


def test_some_benefits_in_the_order_asked(demo_db: Database, staff: Staff) -> None:
    kinds = ["startup_grant", "talent_award", "rent_waiver"]
    some = list(screen_all_teams(demo_db, staff.desk, today=TODAY, benefits=kinds))
    every = {
        t: {v.benefit: v for v in found}
        for t, _, _, found in screen_all_teams(demo_db, staff.desk, today=TODAY)
    }
    for team_id, _, _, found in some:
        assert found == [every[team_id][k] for k in kinds]


def test_screening_needs_the_right_to_see_teams_and_known_benefits(
    db: Database, staff: Staff
) -> None:
    nobody = Actor(user_id=None, name="x", role="nobody", office_id=staff.desk.office_id)
    with pytest.raises(PermissionDenied):
        screen_all_teams(db, nobody)
    with pytest.raises(ValidationError):
        screen_all_teams(db, staff.desk, benefits=["free_lunch"])


def test_cancel_and_progress(demo_db: Database, staff: Staff) -> None:
    calls: list[tuple[int, int]] = []
    seen = 0

    def cancel() -> bool:
        return seen >= 3

    for _ in screen_all_teams(
        demo_db, staff.desk, progress=lambda d, t: calls.append((d, t)), cancel=cancel
    ):
        seen += 1
    assert seen == 3
    assert calls[0] == (0, demo_copies.DEMO_TEAMS)


def test_both_databases_screen_alike(any_db: Database, any_staff: Staff) -> None:
    load_demo(any_db, any_staff.admin, teams=12, seed=5)
    screened = list(screen_all_teams(any_db, any_staff.desk, today=TODAY, chunk=5))
    assert len(screened) == 12
    for team_id, _, _, found in screened:
        assert found == verdicts(check_team(any_db, team_id, today=TODAY))
