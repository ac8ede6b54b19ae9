"""Teams that already carry a name (the form asks before a namesake), and what a print batch would
issue (the dialog says how many numbers it takes) — both read only."""

from __future__ import annotations

from aitown.services import applications as apps
from aitown.services.notice_printing import plan_print_batch
from aitown.services.notices import issue_for_application
from aitown.services.team_names import teams_with_name
from aitown.services.teams import create_team
from tests.aitown.makers import pass_publicity
from tests.aitown.services.test_applications import admitted_team
from tests.aitown.services.test_teams import code, team_values


def test_namesakes_by_chinese_or_english_name_case_and_spacing_aside(any_db, any_staff) -> None:
    db, staff = any_db, any_staff
    first = create_team(db, staff.desk, team_values(uscc=code("91310104MA1FL0001")))
    found = teams_with_name(db, staff.desk, "上海星河智能科技有限公司")
    assert [t.id for t in found] == [first]
    assert found[0].uscc == code("91310104MA1FL0001")
    by_english = teams_with_name(
        db, staff.desk, "", "  shanghai galaxy  INTELLIGENT technology co., ltd. "
    )
    assert [t.id for t in by_english] == [first]
    assert teams_with_name(db, staff.desk, "上海星河智能科技有限公司", except_id=first) == []
    assert teams_with_name(db, staff.desk, "上海另一家科技有限公司", "Another Co.") == []
    assert teams_with_name(db, staff.desk, "", "") == []


def test_a_batch_plan_counts_the_numbers_it_would_take(db, staff) -> None:
    ids = []
    for n in (1, 2, 3):
        team_id = admitted_team(db, staff, body=f"91310104MA1FL000{n}")
        rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
        apps.submit_application(db, staff.desk, rec.application_id)
        apps.approve_application(db, staff.reviewer, rec.application_id)
        ids.append(rec.application_id)
    pass_publicity(db, staff.admin)  # award notices wait for the publicity (issue 13.5)
    plan = plan_print_batch(db, staff.admin, kind="startup_grant")
    assert (plan.total, plan.to_issue) == (3, 3)
    issue_for_application(db, staff.admin, ids[0])
    plan = plan_print_batch(db, staff.admin, kind="startup_grant")
    assert (plan.total, plan.to_issue) == (3, 2)
    assert plan_print_batch(db, staff.admin, kind="rejection").total == 0
