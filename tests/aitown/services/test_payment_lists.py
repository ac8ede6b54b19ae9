"""Payment lists (拨付清单, issue 13.6) through the services: what goes on a list, paying it in one
transaction (all lines or none), tranches to the fen, the pool's committed → disbursed, the printed
list with its total in figures and in capital numerals, and rights."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from aitown.errors import ConflictError, PermissionDenied, ValidationError
from aitown.models import Application, AuditEvent, BudgetPool
from aitown.notices.numerals import to_chinese_capital
from aitown.paths import resource
from aitown.payout_tables import PaymentLine, PaymentList
from aitown.services import applications as apps
from aitown.services import audit, notices, policies, pools
from aitown.services import payments as pay
from aitown.services.audit_state import compare_with_log
from aitown.services.payout_documents import write_payment_list
from tests.aitown.makers import pass_publicity
from tests.aitown.notices.notice_cases import TODAY, admitted_team, pdf_text, tier_a_member


def awarded(db, staff, n: int, benefit: str = "startup_grant") -> int:
    """Approved, past its publicity, award notice issued: ready to be paid."""
    team = admitted_team(db, staff, n)
    kw: dict[str, object] = {}
    if benefit == "talent_award":
        kw["member_id"] = tier_a_member(db, staff, team)
    rec = apps.record_application(db, staff.desk, team, benefit, **kw)  # type: ignore[arg-type]
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    pass_publicity(db, staff.admin)
    notices.issue_notice(db, staff.admin, rec.application_id)
    return rec.application_id


def pool(db, kind: str = "startup_grant") -> tuple[int, int]:
    p = {p["kind"]: p for p in pools.list_pools(db)}[kind]
    return p["committed"], p["disbursed"]


def statuses(db) -> dict[int, str]:
    with db.read() as s:
        return {a.id: a.status for a in s.scalars(select(Application))}


def test_two_tranches_move_the_pool_and_the_second_makes_it_disbursed(db, staff) -> None:
    a, b = awarded(db, staff, 1), awarded(db, staff, 2)
    assert pool(db) == (200_000_00, 0)
    first = pay.build_payment_list(db, staff.admin, "startup_grant")
    view = pay.get_payment_list(db, first)
    assert [(line.application_id, line.tranche, line.tranches, line.amount_fen) for line in view.lines] == [
        (a, 1, 2, 50_000_00), (b, 1, 2, 50_000_00),
    ]  # fmt: skip
    with pytest.raises(ConflictError, match="No start-up grant is waiting"):
        pay.build_payment_list(db, staff.admin, "startup_grant")  # both are on the unpaid list
    assert (
        pay.pay_payment_list(db, staff.admin, first, paid_on=TODAY, reference="ICBC-001")
        == 100_000_00
    )
    assert pool(db) == (100_000_00, 100_000_00)
    assert statuses(db)[a] == "approved"  # half paid
    second = pay.build_payment_list(db, staff.admin, "startup_grant")
    assert [line.tranche for line in pay.get_payment_list(db, second).lines] == [2, 2]
    pay.pay_payment_list(db, staff.admin, second, paid_on=TODAY, reference="ICBC-002")
    assert pool(db) == (0, 200_000_00)
    assert statuses(db)[a] == statuses(db)[b] == "disbursed"
    with pytest.raises(ConflictError, match="is paid; only an open list"):
        pay.pay_payment_list(db, staff.admin, second, paid_on=TODAY, reference="again")
    with pytest.raises(ConflictError, match="No start-up grant is waiting"):
        pay.build_payment_list(db, staff.admin, "startup_grant")
    assert compare_with_log(db) == [] and audit.verify_chain(db)[1] == []


def test_a_line_that_cannot_be_paid_leaves_the_whole_list_unpaid(db, staff) -> None:
    a, b, c = (awarded(db, staff, n) for n in (3, 4, 5))
    list_id = pay.build_payment_list(db, staff.admin, "startup_grant")
    apps.revoke_application(db, staff.admin, b, "false statement")  # after the list was built
    before = (pool(db), statuses(db))
    with pytest.raises(ConflictError, match=f"application {b} is now revoked. Nothing was marked"):
        pay.pay_payment_list(db, staff.admin, list_id, paid_on=TODAY, reference="ICBC-003")
    assert (pool(db), statuses(db)) == before
    with db.read() as s:
        assert all(line.paid_on is None for line in s.scalars(select(PaymentLine)))
        assert s.get(PaymentList, list_id).status == "open"  # type: ignore[union-attr]
        assert not s.scalars(select(AuditEvent).where(AuditEvent.action == "application.pay")).all()
    pay.cancel_payment_list(db, staff.admin, list_id, "line 2 revoked")
    again = pay.build_payment_list(db, staff.admin, "startup_grant")
    assert [line.application_id for line in pay.get_payment_list(db, again).lines] == [a, c]


def test_a_failure_on_the_last_line_rolls_back_the_lines_before_it(db, staff, monkeypatch) -> None:
    a, b = awarded(db, staff, 6), awarded(db, staff, 7)
    list_id = pay.build_payment_list(db, staff.admin, "startup_grant")
    real = pay.record_event
    seen: list[str] = []

    def failing(s, actor, action, entity, entity_id="", **kw):  # type: ignore[no-untyped-def]
        seen.append(f"{action}:{entity_id}")
        if action == "application.pay" and entity_id == b:
            raise ConflictError("the disk is full", "磁盘已满")
        return real(s, actor, action, entity, entity_id, **kw)

    monkeypatch.setattr(pay, "record_event", failing)
    before = (pool(db), statuses(db))
    with pytest.raises(ConflictError, match="disk is full"):
        pay.pay_payment_list(db, staff.admin, list_id, paid_on=TODAY, reference="ICBC-004")
    assert f"application.pay:{a}" in seen  # the first line had been marked inside the transaction
    assert (pool(db), statuses(db)) == before
    with db.read() as s:
        assert all(line.paid_on is None for line in s.scalars(select(PaymentLine)))


def test_tranches_of_an_odd_amount_add_up_to_the_fen(db, staff, tmp_path) -> None:
    source = resource("policies", "shanghai-ai-2025.toml").read_text(encoding="utf-8")
    changed = source.replace("startup_grant = [50, 50]", "talent_award = [33, 33, 34]").replace(
        'version = "2025.1"', 'version = "2025.2"'
    )
    path = tmp_path / "policy.toml"
    path.write_text(changed, encoding="utf-8")
    policies.load_policy_version(db, staff.admin, path)
    app_id = awarded(db, staff, 8, "talent_award")
    with db.write() as s:  # an amount that does not split evenly (a verified amount may be any)
        app = s.get(Application, app_id)
        s.execute(
            update(BudgetPool).where(BudgetPool.kind == "talent_award").values(committed=300_000_01)
        )
        app.amount = 300_000_01  # type: ignore[union-attr]
    paid = []
    for ref in ("T1", "T2", "T3"):
        list_id = pay.build_payment_list(db, staff.admin, "talent_award")
        paid.append(pay.pay_payment_list(db, staff.admin, list_id, paid_on=TODAY, reference=ref))
    assert paid == [99_000_00, 99_000_00, 102_000_01]
    assert sum(paid) == 300_000_01 and pool(db, "talent_award") == (0, 300_000_01)
    assert statuses(db)[app_id] == "disbursed"


def test_what_goes_on_a_list(db, staff) -> None:
    waiting = awarded(db, staff, 9)
    team = admitted_team(db, staff, 10)  # approved, publicity passed, no notice yet
    rec = apps.record_application(db, staff.desk, team, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    pass_publicity(db, staff.admin)
    yesterday = TODAY - dt.timedelta(days=1)
    with pytest.raises(ConflictError, match=f"approved up to {yesterday}"):
        pay.build_payment_list(db, staff.admin, "startup_grant", approved_to=yesterday)
    list_id = pay.build_payment_list(db, staff.admin, "startup_grant", approved_to=TODAY)
    assert [line.application_id for line in pay.get_payment_list(db, list_id).lines] == [waiting]
    with pytest.raises(ValidationError, match="not paid out"):
        pay.build_payment_list(db, staff.admin, "rent_waiver")


def test_only_administrators_build_and_pay(db, staff, tmp_path) -> None:
    awarded(db, staff, 11)
    for actor in (staff.desk, staff.reviewer):
        with pytest.raises(PermissionDenied, match="build and pay payment lists"):
            pay.build_payment_list(db, actor, "startup_grant")
    list_id = pay.build_payment_list(db, staff.admin, "startup_grant")
    for actor in (staff.desk, staff.reviewer):
        with pytest.raises(PermissionDenied):
            pay.pay_payment_list(db, actor, list_id, paid_on=TODAY, reference="x")
        with pytest.raises(PermissionDenied):
            write_payment_list(db, actor, list_id, tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="bank reference"):
        pay.pay_payment_list(db, staff.admin, list_id, paid_on=TODAY, reference=" ")
    with pytest.raises(ValidationError, match="in the future"):
        pay.pay_payment_list(
            db, staff.admin, list_id, paid_on=TODAY + dt.timedelta(1), reference="x"
        )


def test_the_printed_list_has_the_total_in_figures_and_in_capitals(db, staff, tmp_path) -> None:
    for n in (12, 13, 14):
        awarded(db, staff, n)
    list_id = pay.build_payment_list(db, staff.admin, "startup_grant")
    pay.pay_payment_list(db, staff.admin, list_id, paid_on=TODAY, reference="ICBC-20261202-77")
    assert to_chinese_capital(150_000_00) == "人民币壹拾伍万元整"
    zh = tmp_path / "拨付清单.pdf"
    write_payment_list(db, staff.admin, list_id, zh, lang="zh")
    text = pdf_text(zh.read_bytes())
    for shown in ("一次性创业补贴拨付清单", f"拨付清单第{list_id}号", "150,000.00", "人民币壹拾伍万元整",
                  "第1/2期", "ICBC-20261202-77", "上海测试智能科技有限公司13", "3笔", "制表人"):  # fmt: skip
        assert shown in text, shown
    en = tmp_path / "payment-list.pdf"
    write_payment_list(db, staff.admin, list_id, en, lang="en")
    text_en = pdf_text(en.read_bytes())
    assert "Paymentlist:start-upgrant" in text_en and "人民币壹拾伍万元整" in text_en
    assert "1of2" in text_en and "150,000.00" in text_en
    book = tmp_path / "payment-list.xlsx"
    write_payment_list(db, staff.admin, list_id, book, lang="zh")
    sheet = load_workbook(io.BytesIO(book.read_bytes())).active
    flat = [v for r in sheet.iter_rows(values_only=True) for v in r if v is not None]
    assert any(isinstance(v, str) and "人民币壹拾伍万元整" in v for v in flat)
    assert "ICBC-20261202-77" in flat and "合计" in flat
    assert 150_000 in flat or 150_000.0 in flat


def test_publicity_and_a_paid_list_on_sqlite_and_postgresql(any_db, any_staff) -> None:
    db, staff = any_db, any_staff
    a, b = awarded(db, staff, 21), awarded(db, staff, 22)
    list_id = pay.build_payment_list(db, staff.admin, "startup_grant")
    pay.pay_payment_list(db, staff.admin, list_id, paid_on=TODAY, reference="PG-1")
    assert pool(db) == (100_000_00, 100_000_00)
    apps.revoke_application(db, staff.admin, a, "false statement")  # half paid: asked back
    assert statuses(db)[a] == "revoked" and pool(db) == (50_000_00, 50_000_00)
    second = pay.build_payment_list(db, staff.admin, "startup_grant")
    pay.pay_payment_list(db, staff.admin, second, paid_on=TODAY, reference="PG-2")
    assert statuses(db)[b] == "disbursed" and pool(db) == (0, 100_000_00)
    assert compare_with_log(db) == []


def test_mark_paid_is_refused_while_the_application_is_on_an_open_list(db, staff) -> None:
    """The one-step "Mark paid" on an application an unpaid list holds would pay it twice (and
    block the list): it is refused, naming the list; after the list is cancelled it is allowed."""
    a = awarded(db, staff, 1)
    listed = pay.build_payment_list(db, staff.admin, "startup_grant")
    with pytest.raises(ConflictError, match=f"on payment list {listed}, which is not paid yet"):
        apps.disburse_application(db, staff.admin, a)
    assert statuses(db)[a] == "approved" and pool(db) == (100_000_00, 0)
    pay.cancel_payment_list(db, staff.admin, listed, "paid by hand")
    apps.disburse_application(db, staff.admin, a)
    assert statuses(db)[a] == "disbursed" and pool(db) == (0, 100_000_00)
    assert compare_with_log(db) == [] and audit.verify_chain(db)[1] == []
