"""The screening of every team (screen_all_teams) comes to the verdicts and amounts that
check_team gives one team at a time, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select

from aitown.db import Database
from aitown.demo import load_demo
from aitown.errors import PermissionDenied, ValidationError
from aitown.models import Application, Lease, Space, Team, TeamFormerUscc
from aitown.policy.results import EligibilityResult
from aitown.policy.screening import ONCE_ONLY, Screener, Verdict
from aitown.services.actor import Actor
from aitown.services.bulk_eligibility import check_all_teams
from aitown.services.eligibility import check_team
from aitown.services.eligibility_screen import screen_all_teams
from aitown.services.policies import active_policy
from aitown.sync.tables import CityFact, Installation
from tests.aitown import demo_copies
from tests.conftest import Staff

TODAY = dt.date.today()
ONE_DAY = dt.timedelta(days=1)
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
    others = ["talent_award", "compute_voucher"]  # neither once-only benefit asked
    for team_id, _, _, found in screen_all_teams(demo_db, staff.desk, benefits=others):
        assert found == [every[team_id][k] for k in others]


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


# The database's shortcuts -----------------------------------------------------------------------
# The screening asks the database which teams can be eligible at all (admitted, honest, the
# headcount and founding date of §1, a current lease, nothing held) and which hold a once-only
# benefit by their own applications; the rest is never read. Each boundary of those queries, and
# each team whose answer depends on other rows (a code held before, another office's grant, a
# code that is not its own normal form), is made below and screened against the engine.

EXTERNAL_APP = "other-office:ext-1"


def _make_edges(db: Database, day: dt.date) -> dict[str, int]:
    """Edit the demo's teams onto those boundaries (directly: states a sync or an import can
    leave); returns the team id of each edge."""
    with db.read() as s:
        screener = Screener(active_policy(s), day)
    limit = screener.founded_from
    edges: dict[str, int] = {}
    with db.write() as s:
        holding = set(
            s.scalars(
                select(Application.team_id).where(
                    Application.benefit.in_(["rent_waiver", "startup_grant"]),
                    Application.status.in_(["approved", "disbursed", "revoked"]),
                )
            )
        )
        leases = {
            le.team_id: le
            for le in s.scalars(select(Lease).order_by(Lease.id))
            if le.start_on <= day <= (le.ended_on or le.end_on) <= le.end_on
        }
        admitted = s.scalars(select(Team).where(Team.status == "admitted").order_by(Team.id)).all()
        free = [t for t in admitted if t.id not in holding and t.id in leases]
        counting = set(
            s.scalars(
                select(Application.team_id).where(
                    Application.benefit.in_(["rent_waiver", "startup_grant"]),
                    Application.status.in_(["approved", "disbursed"]),
                )
            )
        )
        held = [t for t in admitted if t.id in counting]  # each held by an application
        changes: list[tuple[str, Callable[[Team], None]]] = [
            ("founded at the limit", lambda t: setattr(t, "founded_on", limit)),
            ("founded a day too early", lambda t: setattr(t, "founded_on", limit - ONE_DAY)),
            ("founded today", lambda t: setattr(t, "founded_on", day)),
            ("founded tomorrow", lambda t: setattr(t, "founded_on", day + ONE_DAY)),
            ("fewest people", lambda t: setattr(t, "headcount", screener.low)),
            ("one too few", lambda t: setattr(t, "headcount", screener.low - 1)),
            ("most people", lambda t: setattr(t, "headcount", screener.high)),
            ("one too many", lambda t: setattr(t, "headcount", screener.high + 1)),
            ("honesty unknown", lambda t: setattr(t, "dishonest", None)),
            ("lease ended early today", lambda t: setattr(leases[t.id], "ended_on", day)),
            ("lease ended yesterday", lambda t: setattr(leases[t.id], "ended_on", day - ONE_DAY)),
            ("lease ends today", lambda t: setattr(leases[t.id], "end_on", day)),
            ("lease starts today", lambda t: setattr(leases[t.id], "start_on", day)),
            ("lease starts tomorrow", lambda t: setattr(leases[t.id], "start_on", day + ONE_DAY)),
            ("linked to a holder", lambda t: None),
            ("another office's grant", lambda t: None),
            ("a renewed lease", lambda t: None),
        ]
        # Holders beyond the four used below become free: their grants rejected instead.
        for team in [t for t in held[4:] if t.id in leases][: len(changes) - len(free)]:
            for app in s.scalars(
                select(Application).where(
                    Application.team_id == team.id,
                    Application.benefit.in_(["rent_waiver", "startup_grant"]),
                )
            ):
                app.status = "rejected"
            free.append(team)
        assert len(free) >= len(changes) and len(held) >= 4, "the demo has too few teams"
        for (name, change), team in zip(changes, free, strict=False):
            change(team)
            edges[name] = team.id
        # Held, with codes in other forms: lower case (still its own normal form), a space
        # inside (not: decided in full), and none at all.
        held[0].uscc = held[0].uscc.lower()
        held[1].uscc = held[1].uscc[:6] + " " + held[1].uscc[7:]
        held[2].uscc = ""
        edges |= {"held, lower case": held[0].id, "held, a space": held[1].id}
        edges["held, no code"] = held[2].id
        # A team once registered under the code of a team holding a benefit is that entity.
        holder = held[3]
        linked = s.get(Team, edges["linked to a holder"])
        assert linked is not None
        s.add(TeamFormerUscc(team_id=linked.id, uscc=holder.uscc, office_id=linked.office_id))
        edges["holder"] = holder.id
        # Another office granted the start-up grant to this code (a district's city facts).
        other = s.get(Team, edges["another office's grant"])
        assert other is not None
        s.add(
            Installation(
                id=1, role="district", office_code="this-office", city_code="city",
                private_key="0" * 64, public_key="0" * 64, person_key="0" * 64,
            )
        )  # fmt: skip
        s.add(
            CityFact(
                uid="ext-1", office_code="other-office", benefit="startup_grant",
                status="approved", amount=100_000_00, applied_on=day, uscc=other.uscc,
            )
        )  # fmt: skip
        # Two leases one after the other, the second current: one tenancy from the first.
        renewed = leases[edges["a renewed lease"]]
        space = s.get(Space, renewed.space_id)
        assert space is not None
        second = Space(
            building=space.building, unit=space.unit + "B", area_hundredths=420_00,
            monthly_rent=space.monthly_rent, office_id=space.office_id,
        )  # fmt: skip
        s.add(second)
        s.flush()
        start = renewed.start_on
        renewed.start_on, renewed.end_on = start - dt.timedelta(days=500), day - ONE_DAY
        s.add(
            Lease(
                team_id=renewed.team_id, space_id=second.id, start_on=day,
                end_on=day + dt.timedelta(days=700), monthly_rent=space.monthly_rent,
                renews_lease_id=renewed.id, office_id=renewed.office_id,
            )
        )  # fmt: skip
    return edges


def _screen_edges(db: Database, staff: Staff) -> None:
    day = TODAY
    edges = _make_edges(db, day)
    screened = list(screen_all_teams(db, staff.desk, today=day))
    bulk = [(t, u, n, verdicts(r)) for t, u, n, r in check_all_teams(db, staff.desk, today=day)]
    assert screened == bulk
    assert list(screen_all_teams(db, staff.desk, today=day, chunk=3)) == screened
    found = {t: {v.benefit: v for v in vs} for t, _, _, vs in screened}

    def waiver(name: str) -> Verdict:
        return found[edges[name]]["rent_waiver"]

    # The boundaries are answered both ways (so the shortcuts are not merely unused).
    for name in ["founded a day too early", "founded tomorrow", "one too few", "one too many"]:
        assert not waiver(name).eligible, name
    for name in ["honesty unknown", "lease ended yesterday", "lease starts tomorrow"]:
        assert not waiver(name).eligible, name
    for name in ["founded at the limit", "founded today", "fewest people", "most people"]:
        assert waiver(name).eligible, name
    for name in ["lease ended early today", "lease ends today", "lease starts today"]:
        assert waiver(name).eligible, name
    assert waiver("a renewed lease").eligible
    holder = found[edges["holder"]]
    linked = found[edges["linked to a holder"]]
    assert not any(linked[b].eligible for b in ONCE_ONLY)
    assert [linked[b].held_by for b in ONCE_ONLY] == [holder[b].held_by for b in ONCE_ONLY]
    assert any(holder[b].held_by for b in ONCE_ONLY)
    assert found[edges["another office's grant"]]["startup_grant"].held_by == EXTERNAL_APP
    assert any(found[edges["held, lower case"]][b].held_by for b in ONCE_ONLY)


def test_the_databases_shortcuts_answer_as_the_engine(demo_db: Database, staff: Staff) -> None:
    _screen_edges(demo_db, staff)


def test_the_shortcuts_on_both_databases(any_db: Database, any_staff: Staff) -> None:
    load_demo(any_db, any_staff.admin, teams=60, seed=11)
    _screen_edges(any_db, any_staff)
