"""Every team at once (check_all_teams) answers exactly as one team at a time (check_team) does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from aitown.db import Database
from aitown.demo import load_demo
from aitown.errors import PermissionDenied, ValidationError
from aitown.models import BENEFITS, Team
from aitown.policy.results import EligibilityResult
from aitown.services.actor import Actor
from aitown.services.bulk_eligibility import check_all_teams, iter_team_facts
from aitown.services.eligibility import check_team
from aitown.services.facts import (
    lease_facts,
    member_facts,
    pool_state,
    prior_applications,
    team_facts,
)
from aitown.services.teams import find_team
from tests.aitown import demo_copies
from tests.conftest import Staff

TODAY = dt.date.today()
DEMO_TEAMS = demo_copies.DEMO_TEAMS
demo_template = demo_copies.demo_template  # the fixtures, for this module
demo_db = demo_copies.demo_db


def summary(result: EligibilityResult) -> tuple[Any, ...]:
    """What a person reads: eligible, the amount, and every rule's clause, status and reasons."""
    return (
        result.benefit,
        result.eligible,
        result.amount.amount_fen if result.amount else None,
        [(r.clause, r.status, r.reason("en"), r.reason("zh")) for r in result.rules],
    )


def team_ids(db: Database) -> list[int]:
    with db.read() as s:
        return list(s.scalars(select(Team.id).order_by(Team.id)))


def test_every_team_and_benefit_answers_as_check_team(demo_db: Database, staff: Staff) -> None:
    everything = list(check_all_teams(demo_db, staff.desk, today=TODAY))
    assert [row[0] for row in everything] == team_ids(demo_db)
    assert len(everything) == DEMO_TEAMS
    seen: set[tuple[str, str]] = set()
    for team_id, uscc, name, answers in everything:
        one = check_team(demo_db, team_id, today=TODAY)
        assert [summary(r) for r in answers] == [summary(r) for r in one], team_id
        assert answers == one, team_id  # and everything else: the working, the schedule, dates
        team = find_team(demo_db, team_id)
        assert (uscc, name) == (team.uscc, team.name_zh)
        for r in answers:
            seen.add((r.benefit, "eligible" if r.eligible else r.failed[0].status))
            seen |= {("§1", rule.clause) for rule in r.failed if rule.clause.startswith("1.")}
    # The demo has eligible and refused teams, and §1 failures: the comparison covers them all.
    assert {("rent_waiver", "eligible"), ("startup_grant", "eligible")} <= seen
    assert {("rent_waiver", "fail"), ("compute_voucher", "unknown")} <= seen
    assert {("§1", c) for c in ("1.1", "1.2", "1.3", "1.4", "1.5")} <= seen
    # Chunks of any size give the same answers.
    assert list(check_all_teams(demo_db, staff.desk, today=TODAY, chunk=7)) == everything


def test_some_benefits_only(demo_db: Database, staff: Staff) -> None:
    kinds = ["startup_grant", "rent_waiver"]
    for team_id, _, _, answers in check_all_teams(
        demo_db, staff.reviewer, today=TODAY, benefits=kinds
    ):
        assert answers == check_team(demo_db, team_id, kinds, today=TODAY)
    with pytest.raises(ValidationError) as info:
        check_all_teams(demo_db, staff.reviewer, benefits=["free_lunch"])
    assert "free_lunch" in info.value.message


def test_another_day_is_answered_for_that_day(demo_db: Database, staff: Staff) -> None:
    day = TODAY + dt.timedelta(days=200)
    for team_id, _, _, answers in check_all_teams(demo_db, staff.admin, today=day):
        assert answers == check_team(demo_db, team_id, today=day)
        assert {r.checked_on for r in answers} == {day}


def test_reading_every_team_needs_the_right_to_see_teams(db: Database, staff: Staff) -> None:
    stranger = Actor(user_id=None, name="visitor", role="guest", office_id=staff.admin.office_id)
    # Refused at the call, before anything is read (not at the first team).
    with pytest.raises(PermissionDenied) as info:
        check_all_teams(db, stranger)
    assert "visitor" in info.value.message
    for actor in (staff.desk, staff.reviewer, staff.admin):
        assert list(check_all_teams(db, actor)) == []  # no teams yet


def test_cancel_stops_and_progress_counts_the_teams(demo_db: Database, staff: Staff) -> None:
    calls: list[tuple[int, int]] = []
    checked = 0

    def cancel() -> bool:
        return checked >= 5

    for _ in check_all_teams(demo_db, staff.desk, today=TODAY, cancel=cancel, progress=None):
        checked += 1
    assert checked == 5

    everything = list(
        check_all_teams(
            demo_db, staff.desk, today=TODAY, progress=lambda d, t: calls.append((d, t))
        )
    )
    assert calls[0] == (0, DEMO_TEAMS) and calls[-1] == (DEMO_TEAMS, DEMO_TEAMS)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(everything) == DEMO_TEAMS


def test_team_facts_are_what_the_per_team_readers_read(
    demo_db: Database, demo_template: tuple[Any, Staff, int]
) -> None:
    both_teams = demo_template[2]
    facts = list(iter_team_facts(demo_db, chunk=9))
    assert [f.team_id for f in facts] == team_ids(demo_db)
    across = 0
    with demo_db.read() as s:
        for f in facts:
            team = s.get(Team, f.team_id)
            assert team is not None
            assert f.team == team_facts(s, team)
            assert list(f.members) == member_facts(s, team.id)
            assert list(f.leases) == lease_facts(s, team.id)
            assert list(f.prior_applications()) == prior_applications(s, team)
            for m in f.members:
                # §7.3: a person's talent awards in any team, by identity-card number.
                expected = prior_applications(s, team, m.id_number)
                assert list(f.prior_applications(m.id_number)) == expected
                across += len(expected) > len(f.priors)
            assert dict(f.pools) == {
                k: p for k in BENEFITS if (p := pool_state(s, team.office_id, k)) is not None
            }
    assert across == 1  # the person in two teams (see demo_copies)
    assert [f.team_id for f in facts if f.person_priors] == [both_teams]
    # A range of ids; without the other teams' awards.
    ids = team_ids(demo_db)
    some = list(iter_team_facts(demo_db, first_id=ids[10], last_id=ids[19], person_priors=False))
    assert [f.team_id for f in some] == ids[10:20]
    assert not any(f.person_priors for f in some)


def test_both_databases_answer_alike(any_db: Database, any_staff: Staff) -> None:
    load_demo(any_db, any_staff.admin, teams=12, seed=5)
    answers = list(check_all_teams(any_db, any_staff.desk, today=TODAY, chunk=5))
    assert len(answers) == 12
    for team_id, _, _, results in answers:
        assert results == check_team(any_db, team_id, today=TODAY)
