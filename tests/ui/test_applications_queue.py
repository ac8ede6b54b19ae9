"""The Applications queue as desk staff and reviewers use it: record a voucher with the form,
approve from the queue, the four-eyes refusal, batch approval with its what-if preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from aitown.models import Application
from aitown.services import applications as apps
from aitown.services.pools import list_pools
from tests.aitown.services.test_applications import VENDOR, admitted_team, set_pool_left
from tests.aitown.services.test_teams import code
from tests.ui.conftest import Boxes
from ui.context import DeskContext
from ui.dialogs.application_form import ApplicationFormDialog
from ui.dialogs.batch_approve import BatchApproveDialog
from ui.dialogs.decision import DecisionDialog
from ui.models.applications_model import COL_AMOUNT, COL_BENEFIT, COL_STATUS, COL_TEAM
from ui.views.applications import ApplicationsView


def queue(qtbot: QtBot, ctx: DeskContext) -> ApplicationsView:
    view = ApplicationsView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    return view


def recorded_grant(db, staff, body: str = "91310104MA1FL0000", *, by=None) -> int:
    team_id = admitted_team(db, staff, body=body)
    recorder = by or staff.desk
    rec = apps.record_application(db, recorder, team_id, "startup_grant")
    apps.submit_application(db, recorder, rec.application_id)
    return rec.application_id


def test_desk_records_a_voucher_bad_amount_refused_next_to_the_field(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    db = desk_ctx.db
    team_id = admitted_team(db, staff)
    view = queue(qtbot, desk_ctx)
    # Desk staff record and submit; deciding is not theirs to see.
    assert view.record_button.isVisible()
    for button in (view.approve_button, view.reject_button, view.batch_button):
        assert not button.isVisible()
    assert not view.disburse_button.isVisible() and not view.revoke_button.isVisible()

    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    form = view.dialog
    assert isinstance(form, ApplicationFormDialog) and form.isVisible()
    assert not form.ok_button.isEnabled()  # no team yet
    qtbot.keyClicks(form.picker.search, code()[:12])  # part of the credit code
    qtbot.waitUntil(lambda: form.picker.results.count() == 1, timeout=2000)
    item = form.picker.results.item(0)
    rect = form.picker.results.visualItemRect(item)
    qtbot.mouseClick(form.picker.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert form.picker.team_id == team_id
    form.benefit.setCurrentIndex(form.benefit.findData("compute_voucher"))
    assert form.contract_amount.isVisible() and not form.member.isVisible()

    qtbot.keyClicks(form.contract_amount, "12.345")
    error = form.form.fields["contract_amount"].error
    assert error.isVisible()
    assert "more than two decimals" in error.text()
    assert not form.ok_button.isEnabled()
    form.contract_amount.clear()
    qtbot.keyClicks(form.contract_amount, "-5")
    assert "negative" in error.text()
    form.contract_amount.clear()
    qtbot.keyClicks(form.contract_amount, "500000")
    assert not error.isVisible()
    qtbot.keyClicks(form.vendor_uscc, VENDOR)
    assert form.ok_button.isEnabled()

    # The amount and the rules, live, before anything is saved.
    qtbot.waitUntil(lambda: "150,000.00" in form.amount_label.text(), timeout=2000)
    assert form.amount_label.text() == "Computed amount: 150,000.00 yuan"
    rules = form.rules.texts()
    assert any(r.startswith("§4.2 pass") for r in rules), rules
    with db.read() as s:
        assert s.scalars(select(Application)).all() == []

    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    with db.read() as s:
        [app] = s.scalars(select(Application)).all()
        assert (app.benefit, app.status, app.contract_amount, app.amount) == (
            "compute_voucher",
            "submitted",
            500_000_00,
            150_000_00,
        )
        assert app.vendor_uscc == VENDOR and app.recorded_by == staff.desk.user_id
    # The queue shows it, waiting for review.
    assert view.model.rowCount() == 1
    assert view.model.index(0, COL_STATUS).data() == "submitted"
    assert view.model.index(0, COL_AMOUNT).data() == "150,000.00"


def test_talent_award_asks_for_the_member_and_the_service_refusal_shows(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    team_id = admitted_team(desk_ctx.db, staff)
    form = ApplicationFormDialog(desk_ctx, team=(team_id, "上海0000科技有限公司"))
    qtbot.addWidget(form)
    form.show()
    form.benefit.setCurrentIndex(form.benefit.findData("talent_award"))
    assert form.member.isVisible() and not form.contract_amount.isVisible()
    assert form.member.count() == 0  # no members registered
    form.form.revalidate(show_all=True)
    assert "choose one of the team's members" in form.form.fields["member"].error.text()
    assert not form.ok_button.isEnabled()


def test_reviewer_approves_from_the_queue(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff, boxes: Boxes
) -> None:
    db = reviewer_ctx.db
    app_id = recorded_grant(db, staff)
    view = queue(qtbot, reviewer_ctx)
    assert view.status_filter.currentData() == "submitted"  # "to review" first
    assert not view.record_button.isVisible()
    assert view.model.rowCount() == 1
    assert view.model.index(0, COL_BENEFIT).data() == "start-up grant"
    assert view.model.index(0, COL_TEAM).data() == "上海0000科技有限公司"
    view.table.selectRow(0)  # the first row is selected already; a person clicks it anyway
    assert view.details.values["amount"].text() == "100,000.00"
    assert view.approve_button.isEnabled()

    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, DecisionDialog) and dialog.isVisible()
    assert "§3.3 pass" in " ".join(dialog.details.rules.texts())
    assert dialog.now.text() == (
        "Checked again now: it can be approved, 100,000.00 yuan; the pool would have "
        "29,900,000.00 yuan left."
    )
    qtbot.keyClicks(dialog.reason, "meets §3")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert boxes.shown == []

    with db.read() as s:
        app = s.get(Application, app_id)
        assert (app.status, app.decided_by, app.decision_reason) == (
            "approved",
            staff.reviewer.user_id,
            "meets §3",
        )
    grant = next(p for p in list_pools(db) if p["kind"] == "startup_grant")
    assert grant["committed"] == 100_000_00
    assert view.model.rowCount() == 0  # no longer waiting for review
    view.show_status("approved")
    assert view.model.index(0, COL_STATUS).data() == "approved"


def test_the_recorder_cannot_approve_and_is_told_why(
    qtbot: QtBot, admin_ctx: DeskContext, staff
) -> None:
    db = admin_ctx.db
    app_id = recorded_grant(db, staff, by=staff.admin)
    view = queue(qtbot, admin_ctx)
    view.table.selectRow(0)
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, DecisionDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused: the dialog stays, with the sentence
    banner = dialog.form.banner
    assert banner.isVisible()
    assert banner.text() == (
        f"admin recorded application {app_id} and so cannot decide it (§8.2); ask another reviewer."
    )
    with db.read() as s:
        assert s.get(Application, app_id).status == "submitted"


def test_batch_approval_previews_a_line_that_does_not_fit_then_approves_the_rest(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff
) -> None:
    db = reviewer_ctx.db
    first = recorded_grant(db, staff, "91310104MA1FL0001")
    second = recorded_grant(db, staff, "91310104MA1FL0002")
    set_pool_left(db, "startup_grant", 150_000_00)  # room for one grant of 100,000.00
    view = queue(qtbot, reviewer_ctx)
    assert view.model.rowCount() == 2
    view.table.selectAll()
    qtbot.mouseClick(view.batch_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, BatchApproveDialog) and dialog.isVisible()
    lines = dialog.line_texts()
    assert lines[0].startswith(f"{first} | ") and " | fits | " in lines[0]
    assert lines[1].startswith(f"{second} | ")
    assert "does not fit" in lines[1]
    assert (
        "100,000.00 yuan does not fit in the start-up grant pool, which has 50,000.00" in lines[1]
    )
    assert " | 100,000.00 | " in lines[1]  # the amount it would have, shown
    pools = [
        [dialog.pools.item(0, c).text() for c in range(3)],
    ]
    assert pools == [["start-up grant", "150,000.00", "50,000.00"]]
    assert dialog.approve_button.text() == "&Approve 1 that fit(s)"

    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and dialog.outcome.approved == [first]
    assert "Approved 1 application(s)." in dialog.result_label.text()
    with db.read() as s:
        assert s.get(Application, first).status == "approved"
        assert s.get(Application, second).status == "submitted"  # left as it was
    assert view.model.rowCount() == 1  # the queue followed


def test_record_an_application_from_the_team_detail(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    from ui.views.team_detail import TeamDetailWindow

    team_id = admitted_team(desk_ctx.db, staff)
    detail = TeamDetailWindow(desk_ctx, team_id)
    qtbot.addWidget(detail)
    detail.show()
    tab = detail.applications
    assert tab is not None and tab.model.rowCount() == 0
    detail.tabs.setCurrentWidget(tab)
    assert tab.record_button.isVisible()
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    form = tab.dialog
    assert isinstance(form, ApplicationFormDialog)
    assert form.picker.team_id == team_id  # the team is already chosen
    form.benefit.setCurrentIndex(form.benefit.findData("startup_grant"))
    form.update_preview()
    assert form.amount_label.text() == "Computed amount: 100,000.00 yuan"
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert tab.model.rowCount() == 1  # the team's page follows at once
    [row] = apps.list_applications(desk_ctx.db, team_id=team_id)
    assert (row.benefit, row.status, row.amount_fen) == (
        "startup_grant",
        "submitted",
        100_000_00,
    )


def test_cancel_during_batch_approval_leaves_the_rest_untouched(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff, monkeypatch
) -> None:
    from ui import tasks

    ids = [recorded_grant(reviewer_ctx.db, staff, f"91310104MA1FL000{n}") for n in (3, 4)]
    dialog = BatchApproveDialog(reviewer_ctx, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    seen = []

    def cancelled(self) -> bool:  # Cancel is pressed once the first approval is done
        seen.append(1)
        return len(seen) > 1

    monkeypatch.setattr(tasks.TaskControl, "cancelled", property(cancelled))
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and dialog.outcome.cancelled
    assert dialog.outcome.approved == [ids[0]]
    assert "Stopped after Cancel" in dialog.result_label.text()
    with reviewer_ctx.db.read() as s:
        assert [s.get(Application, i).status for i in ids] == ["approved", "submitted"]
