"""The demo data: realistic, valid, and with teams that pass and fail each admission rule."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from aitown.demo import load_demo
from aitown.errors import ConflictError
from aitown.models import Application, Lease, Member, Team
from aitown.services.eligibility import check_team
from aitown.validation import normalize_uscc


def test_demo_fills_an_empty_database(db, staff):
    summary = load_demo(db, staff.admin, teams=60, seed=7)
    assert summary.teams == 60
    with db.read() as s:
        codes = list(s.scalars(select(Team.uscc)))
        assert all(normalize_uscc(c) == c for c in codes)
        assert sum(c[2:4] == "31" for c in codes) >= 50 and any(c[2:4] != "31" for c in codes)
        ages = [(dt.date.today() - f).days / 365.25 for f in s.scalars(select(Team.founded_on))]
        assert min(ages) >= 0.9 and max(ages) <= 7.1
        assert (
            s.scalar(select(func.count()).select_from(Member).where(Member.talent_tier == "A")) > 0
        )
        assert s.scalar(select(func.count()).select_from(Lease)) > 20
        statuses = set(s.scalars(select(Application.status)))
        assert {"draft", "submitted", "approved", "rejected", "disbursed"} <= statuses
    with pytest.raises(ConflictError, match="empty database"):
        load_demo(db, staff.admin)


def test_demo_teams_pass_and_fail_each_admission_rule(db, staff):
    load_demo(db, staff.admin, teams=60, seed=7)
    with db.read() as s:
        ids = list(s.scalars(select(Team.id)))
    seen: dict[str, set[str]] = {}
    for team_id in ids:
        (result,) = check_team(db, team_id, ["startup_grant"])
        for rule in result.rules:
            if rule.clause.startswith("1."):
                seen.setdefault(rule.clause, set()).add(rule.status)
                assert rule.reason_en and rule.reason_zh
    assert seen == {c: {"pass", "fail"} for c in ("1.1", "1.2", "1.3", "1.4", "1.5")}


@pytest.mark.slow
def test_a_large_demo_finishes_with_distinct_names(db, staff):
    """``aitown-cli demo --teams 250`` never finished: the word lists ran out of names and the
    loop drew again for ever (issue 16.13)."""
    load_demo(db, staff.admin, teams=250, seed=2025)
    with db.read() as s:
        names = list(s.scalars(select(Team.name_zh)))
    assert len(names) == 250 and len(set(names)) == 250
