"""The applications as lists show them (aitown.services.application_list), apart from the
lifecycle in aitown.services.applications, which still answers to the old names."""

from __future__ import annotations

from pathlib import Path

from aitown.enums import ApplicationStatus, Benefit
from aitown.services import application_list
from aitown.services import applications as apps
from tests.aitown.services.test_applications import admitted_team

ROOT = Path(__file__).resolve().parents[3] / "aitown" / "services"


def test_rows_newest_first_filtered_and_typed(db, staff):
    first = admitted_team(db, staff, body="91310104MA1FL0001")
    second = admitted_team(db, staff, body="91310104MA1FL0002")
    a = apps.record_application(db, staff.desk, first, "startup_grant").application_id
    b = apps.record_application(db, staff.desk, second, "startup_grant").application_id
    apps.submit_application(db, staff.desk, b)
    rows = application_list.list_applications(db, benefit=Benefit.STARTUP_GRANT)
    assert [r.id for r in rows] == [b, a]
    assert (
        rows[0].status is ApplicationStatus.SUBMITTED and rows[0].benefit is Benefit.STARTUP_GRANT
    )
    assert rows[0].team_uscc.startswith("91310104MA1FL0002")
    assert [r.id for r in application_list.list_applications(db, status="draft")] == [a]
    assert [r.id for r in application_list.list_applications(db, team_id=first)] == [a]
    assert application_list.list_applications(db, limit=1)[0].id == b


def test_the_lifecycle_module_still_answers_to_the_old_names_and_is_shorter():
    assert apps.list_applications is application_list.list_applications
    assert apps.ApplicationRow is application_list.ApplicationRow
    lines = (ROOT / "applications.py").read_text(encoding="utf-8").count("\n")
    assert lines < 680, lines  # it was 713 with the list in it
