"""Publicity (公示, issue 13.5) through the services: opening and closing on working days, the award
notice and the payment held back until the period has passed, an objection sending the
application back to review with its money back in the pool, rights, and the printed list."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from aitown.errors import ConflictError, PermissionDenied, ValidationError
from aitown.models import Application, AuditEvent, Notice
from aitown.payout_tables import PublicityPeriod
from aitown.services import applications as apps
from aitown.services import notices, pools
from aitown.services import publicity as pub
from aitown.services.lifecycle import lifecycle_of
from aitown.services.payout_documents import write_publicity_list
from tests.aitown.notices.notice_cases import (
    PERSON_ID,
    TODAY,
    admitted_team,
    pdf_text,
    tier_a_member,
)

MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 14)  # a Monday two weeks back


def approved(db, staff, n: int, benefit: str = "startup_grant", **kw: object) -> int:
    """An approved application (not yet under publicity)."""
    team = admitted_team(db, staff, n)
    if benefit == "talent_award":
        kw["member_id"] = tier_a_member(db, staff, team)
    rec = apps.record_application(db, staff.desk, team, benefit, **kw)  # type: ignore[arg-type]
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    return rec.application_id


def committed(db, kind: str = "startup_grant") -> tuple[int, int, int]:
    pool = {p["kind"]: p for p in pools.list_pools(db)}[kind]
    return pool["committed"], pool["disbursed"], pool["released"]


def test_the_award_notice_and_the_payment_wait_until_the_period_has_passed(db, staff) -> None:
    app_id = approved(db, staff, 1)
    with pytest.raises(ConflictError, match="needs its publicity period first") as info:
        notices.issue_notice(db, staff.admin, app_id)
    assert "公示" in info.value.message_zh
    assert pub.open_publicity(db, staff.admin, on=MONDAY) == [app_id]
    with db.read() as s:
        period = s.scalars(select(PublicityPeriod)).one()
        assert (period.opened_on, period.ends_on) == (MONDAY, MONDAY + dt.timedelta(days=4))
    # During the period (the Friday, its last day): refused, the end date named.
    friday = MONDAY + dt.timedelta(days=4)
    with pytest.raises(ConflictError, match=f"runs until {friday}; it can be closed from the next"):
        pub.close_publicity(db, staff.admin, application_id=app_id, today=friday)
    assert pub.close_publicity(db, staff.admin, today=friday) == []  # nothing has ended yet
    # Ended but not closed: refused with what to do.
    with pytest.raises(ConflictError, match="record that it passed without objection"):
        apps.disburse_application(db, staff.admin, app_id)
    assert pub.close_publicity(db, staff.admin) == [app_id]
    # One opened today is under publicity: its notice is refused, naming the last day.
    running = approved(db, staff, 11)
    pub.open_publicity(db, staff.admin, application_id=running)
    with db.read() as s:
        ends = pub.latest_period(s, running).ends_on  # type: ignore[union-attr]
    with pytest.raises(ConflictError, match=f"under publicity until {ends}"):
        notices.issue_notice(db, staff.admin, running)
    record = notices.issue_notice(db, staff.admin, app_id)
    assert record.kind == "startup_grant"
    with db.read() as s:
        actions = [
            e.action
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity_id == str(app_id))
                .order_by(AuditEvent.id)
            )
        ]
    assert actions[-3:] == ["publicity.open", "publicity.pass", "notice.issue"]
    with db.read() as s:
        assert s.scalar(select(Notice.id).where(Notice.application_id == running)) is None


def test_an_objection_sends_the_application_back_to_review_and_releases_its_money(
    db, staff
) -> None:
    app_id = approved(db, staff, 2)
    assert committed(db) == (100_000_00, 0, 0)
    pub.open_publicity(db, staff.admin, on=MONDAY)
    with pytest.raises(ValidationError, match="Write down the objection"):
        pub.record_objection(db, staff.admin, app_id, "  ", today=MONDAY)
    with pytest.raises(ConflictError, match="lies outside it"):
        pub.record_objection(db, staff.admin, app_id, "late", today=MONDAY + dt.timedelta(days=7))
    pub.record_objection(db, staff.admin, app_id, "来信反映：团队未实际经营", today=MONDAY)
    with db.read() as s:
        app = s.get(Application, app_id)
        assert app.status == "submitted" and app.decided_by is None
        period = s.scalars(select(PublicityPeriod)).one()
        assert (period.status, period.objection) == ("objected", "来信反映：团队未实际经营")
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "publicity.object")).one()
        after = json.loads(event.after_json)
        assert after["status"] == "submitted" and after["released"] == 100_000_00
    assert committed(db) == (0, 0, 100_000_00)
    assert lifecycle_of(db, app_id).waiting == "decision"
    # Back in review: a reviewer approves again, and a new period is needed.
    apps.approve_application(db, staff.reviewer, app_id)
    assert lifecycle_of(db, app_id).waiting == "publicity_open"
    assert pub.open_publicity(db, staff.admin) == [app_id]
    assert lifecycle_of(db, app_id).waiting == "publicity_running"


def test_only_the_named_benefits_need_publicity(db, staff) -> None:
    grant = approved(db, staff, 3)
    award = approved(db, staff, 4, "talent_award")
    assert pub.open_publicity(db, staff.admin, benefits=["talent_award"]) == [award]
    with pytest.raises(ValidationError, match="publishes no compute voucher"):
        pub.open_publicity(db, staff.admin, benefits=["compute_voucher"])
    with pytest.raises(ConflictError, match="already has a publicity period"):
        pub.open_publicity(db, staff.admin, application_id=award)
    assert pub.open_publicity(db, staff.admin, application_id=grant) == [grant]
    assert pub.open_publicity(db, staff.admin) == []  # none left without a period


def test_only_administrators_manage_publicity(db, staff) -> None:
    app_id = approved(db, staff, 5)
    for actor in (staff.desk, staff.reviewer):
        with pytest.raises(PermissionDenied, match="may not open, close or object"):
            pub.open_publicity(db, actor)
        with pytest.raises(PermissionDenied):
            pub.close_publicity(db, actor)
        with pytest.raises(PermissionDenied):
            pub.record_objection(db, actor, app_id, "x")
    with db.read() as s:
        assert s.scalars(select(PublicityPeriod)).all() == []


def test_the_publicity_list_names_team_benefit_amount_and_no_person(db, staff, tmp_path) -> None:
    approved(db, staff, 6)
    approved(db, staff, 7, "talent_award")
    pub.open_publicity(db, staff.admin, on=MONDAY)
    zh = tmp_path / "公示名单.pdf"
    assert write_publicity_list(db, staff.admin, zh, lang="zh", today=MONDAY) == 2
    text = pdf_text(zh.read_bytes())
    for shown in ("扶持资金拟支持名单公示", "上海测试智能科技有限公司6", "一次性创业补贴", "人才奖励",
                  "100,000.00", "300,000.00", "400,000.00", "5个工作日", "徐汇区人工智能孵化中心"):  # fmt: skip
        assert shown in text, shown
    assert "张晓明" not in text and PERSON_ID not in text  # the talent's name and identity number
    en = tmp_path / "publicity.pdf"
    write_publicity_list(db, staff.admin, en, lang="en", today=MONDAY)
    text_en = pdf_text(en.read_bytes())
    assert "Publicityoftheproposedawards" in text_en and "talentaward" in text_en
    assert "5workingdays" in text_en
    book = tmp_path / "publicity.xlsx"
    write_publicity_list(db, staff.admin, book, lang="zh")
    sheet = load_workbook(io.BytesIO(book.read_bytes())).active
    rows = [[c for c in r if c is not None] for r in sheet.iter_rows(values_only=True)]
    flat = [v for r in rows for v in r]
    assert "上海测试智能科技有限公司7" in flat and "人才奖励" in flat
    assert 400_000 in flat or 400_000.0 in flat  # the total, as a number
    assert "张晓明" not in flat
    with db.read() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "publicity.print")).all()
    with pytest.raises(PermissionDenied):
        write_publicity_list(db, staff.desk, tmp_path / "x.pdf")


def test_the_lifecycle_says_where_it_stands(db, staff) -> None:
    team = admitted_team(db, staff, 8)
    rec = apps.record_application(db, staff.desk, team, "startup_grant")
    life = lifecycle_of(db, rec.application_id)
    assert [s.key for s in life.steps] == [
        "draft", "submitted", "approved", "publicity", "notice", "paid",
    ]  # fmt: skip
    assert [s.state for s in life.steps][:2] == ["done", "current"] and life.waiting == "submit"
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    pub.open_publicity(db, staff.admin, on=MONDAY)
    life = lifecycle_of(db, rec.application_id)
    assert life.waiting == "publicity_close" and life.publicity_ends_on == MONDAY + dt.timedelta(4)
    pub.close_publicity(db, staff.admin)
    assert lifecycle_of(db, rec.application_id).waiting == "notice"
    notices.issue_notice(db, staff.admin, rec.application_id)
    life = lifecycle_of(db, rec.application_id)
    assert life.waiting == "payment" and [s.state for s in life.steps][-1] == "current"
    # A voucher has no publicity step.
    assert "publicity" not in [s.key for s in lifecycle_of(db, approved_voucher(db, staff)).steps]


def approved_voucher(db, staff) -> int:
    from tests.aitown.notices.notice_cases import voucher_terms

    team = admitted_team(db, staff, 9)
    rec = apps.record_application(db, staff.desk, team, "compute_voucher", **voucher_terms())  # type: ignore[arg-type]
    return rec.application_id
