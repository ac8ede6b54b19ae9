"""§3.3 / §2.4 follow the entity through every USCC it has had: a corrected code keeps its
history, and a new team under a code another team once held sees that team's grant."""

from __future__ import annotations

import datetime as dt

from aitown.services import applications as svc
from aitown.services import teams
from aitown.services.bulk_eligibility import check_all_teams
from aitown.services.eligibility import check_team
from tests.aitown.services.test_applications import admitted_team
from tests.aitown.services.test_teams import code

TODAY = dt.date.today()
OLD, NEW = "91310104MA1FL0000", "91310104MA1FL0009"


def _grant(db, staff, team_id: int) -> int:
    rec = svc.record_application(db, staff.desk, team_id, "startup_grant")
    svc.submit_application(db, staff.desk, rec.application_id)
    svc.approve_application(db, staff.reviewer, rec.application_id)
    return rec.application_id


def _correct_uscc(db, staff, team_id: int, body: str) -> None:
    version = teams.find_team(db, team_id).version
    teams.update_team(db, staff.desk, team_id, version, {"uscc": code(body)})


def test_new_team_under_a_former_code_sees_the_grant(db, staff):
    first = admitted_team(db, staff, body=OLD)
    grant = _grant(db, staff, first)
    _correct_uscc(db, staff, first, NEW)
    assert teams.former_usccs(db, first) == [code(OLD)]
    second = admitted_team(db, staff, body=OLD, lease=False)  # the old code is free again

    rec = svc.record_application(db, staff.desk, second, "startup_grant")
    rule = rec.result.rule("3.3")
    assert rule.status == "fail" and f"#{grant}" in rule.reason_en
    assert rec.amount_fen is None
    # The corrected team keeps its history too, and §2.4 (rent waiver) sees the grant the same way.
    assert check_team(db, first, ["startup_grant"])[0].rule("3.3").status == "fail"
    waiver = check_team(db, second, ["rent_waiver"])[0]
    assert waiver.rule("2.4").status == "fail"
    assert code(NEW) in rule.reason_en and code(OLD) in rule.reason_en


def test_a_revoked_grant_still_counts_under_the_former_code(db, staff):
    first = admitted_team(db, staff, body=OLD)
    grant = _grant(db, staff, first)
    svc.revoke_application(db, staff.admin, grant, "the founder asked")
    _correct_uscc(db, staff, first, NEW)
    second = admitted_team(db, staff, body=OLD, lease=False)
    assert check_team(db, second, ["startup_grant"])[0].rule("3.3").status == "fail"


def test_bulk_answers_like_check_team_for_linked_teams(db, staff):
    first = admitted_team(db, staff, body=OLD)
    _grant(db, staff, first)
    _correct_uscc(db, staff, first, NEW)
    second = admitted_team(db, staff, body=OLD, lease=False)
    bulk = {team_id: results for team_id, _, _, results in check_all_teams(db, staff.desk)}
    for team_id in (first, second):
        one = check_team(db, team_id, today=TODAY)
        assert [
            (r.benefit, r.eligible, [(x.clause, x.status, x.reason_en) for x in r.rules])
            for r in bulk[team_id]
        ] == [
            (r.benefit, r.eligible, [(x.clause, x.status, x.reason_en) for x in r.rules])
            for r in one
        ]
    assert (
        next(r for r in bulk[second] if r.benefit == "startup_grant").rule("3.3").status == "fail"
    )
