"""The Payments screen (publicity and payment lists, issue 13.5/13.6) and the lifecycle picture of
an application (13.7), driven as an administrator clicks through them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from aitown.services import applications as apps
from aitown.services import notices, pools
from aitown.services import publicity as pub
from tests.aitown.notices.notice_cases import admitted_team, pdf_text
from tests.ui.helpers import type_text
from ui.context import DeskContext
from ui.main_window import MainWindow
from ui.views.payout import ObjectionDialog, PaymentDialog, PayoutView
from ui.widgets.application_details import ApplicationDetails

LONG_AGO = dt.date.today() - dt.timedelta(days=30)


def approved(db, staff, n: int) -> int:
    team = admitted_team(db, staff, n)
    rec = apps.record_application(db, staff.desk, team, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    return rec.application_id


def click(qtbot: QtBot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_only_administrators_see_the_screen(qtbot: QtBot, admin_ctx, desk_ctx, reviewer_ctx) -> None:  # fmt: skip
    for ctx, shown in ((admin_ctx, True), (desk_ctx, False), (reviewer_ctx, False)):
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert ("payout" in [s.key for s in window.screens]) is shown
    window = MainWindow(admin_ctx)
    qtbot.addWidget(window)
    assert isinstance(window.show_screen("payout"), PayoutView)


def test_open_object_close_and_print_the_publicity_list(
    qtbot: QtBot, admin_ctx: DeskContext, staff, boxes, monkeypatch, tmp_path: Path
) -> None:
    db = admin_ctx.db
    a, b = approved(db, staff, 1), approved(db, staff, 2)
    view = PayoutView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.publicity_model.rowCount() == 0
    assert "5 working days" in view.publicity_hint.text()
    click(qtbot, view.open_button)
    assert "Opened the publicity period of 2 application(s)." in boxes.texts()
    assert view.publicity_model.rowCount() == 2  # the change bus reloaded it
    assert view.publicity_model.index(0, 6).data() == "under publicity"

    view.publicity_table.selectRow(view.publicity_model.row_of(view.publicity_model.period(1).period_id))  # type: ignore[union-attr]  # fmt: skip
    chosen = view.selected_application()
    click(qtbot, view.object_button)
    dialog = view.dialog
    assert isinstance(dialog, ObjectionDialog)
    type_text(qtbot, dialog.text, "匿名来信：该团队未实际经营")
    click(qtbot, dialog.ok_button)
    assert apps.get_application(db, chosen).status == "submitted"  # type: ignore[arg-type]
    assert view.publicity_model.rowCount() == 1  # the objected one left the open list
    view.show_all.setChecked(True)
    assert view.publicity_model.rowCount() == 2

    target = tmp_path / "publicity.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, view.print_publicity_button)
    assert "拟支持名单公示" not in pdf_text(target.read_bytes())  # English screen, English list
    assert "Publicityoftheproposedawards" in pdf_text(target.read_bytes())
    assert {a, b} >= {chosen}


def test_build_print_and_pay_a_payment_list(
    qtbot: QtBot, admin_ctx: DeskContext, staff, boxes, monkeypatch, tmp_path: Path
) -> None:
    db = admin_ctx.db
    ids = [approved(db, staff, n) for n in (3, 4)]
    pub.open_publicity(db, staff.admin, on=LONG_AGO)
    pub.close_publicity(db, staff.admin)
    for app_id in ids:
        notices.issue_notice(db, staff.admin, app_id)
    view = PayoutView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    click(qtbot, view.build_button)
    assert view.lists_model.rowCount() == 1
    assert view.lists_model.index(0, 4).data() == "100,000.00"  # two halves of 100,000
    assert view.lists_model.index(0, 2).data() == "to pay"
    target = tmp_path / "list.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, view.print_list_button)
    assert target.stat().st_size > 0
    click(qtbot, view.pay_button)
    dialog = view.dialog
    assert isinstance(dialog, PaymentDialog)
    click(qtbot, dialog.ok_button)  # no reference yet: refused under the field
    assert view.lists_model.index(0, 2).data() == "to pay"
    qtbot.keyClicks(dialog.reference, "ICBC-20261202-5")
    click(qtbot, dialog.ok_button)
    assert view.lists_model.index(0, 2).data() == "paid"
    assert view.lists_model.index(0, 6).data() == "ICBC-20261202-5"
    pool = {p["kind"]: p for p in pools.list_pools(db)}["startup_grant"]
    assert (pool["committed"], pool["disbursed"]) == (100_000_00, 100_000_00)


def test_the_lifecycle_picture_says_where_it_stands(qtbot: QtBot, admin_ctx: DeskContext, staff) -> None:  # fmt: skip
    db = admin_ctx.db
    app_id = approved(db, staff, 5)
    details = ApplicationDetails(admin_ctx)
    qtbot.addWidget(details)
    details.show()
    details.show_application(app_id)
    picture = details.lifecycle
    states = {label.objectName(): label.property("state") for label in picture.step_labels}
    assert states == {
        "lifecycle_step_draft": "done",
        "lifecycle_step_submitted": "done",
        "lifecycle_step_approved": "done",
        "lifecycle_step_publicity": "current",
        "lifecycle_step_notice": "todo",
        "lifecycle_step_paid": "todo",
    }
    assert picture.waiting.text() == "Waits for the administrator to open its publicity period."
    pub.open_publicity(db, staff.admin)
    details.show_application(app_id)
    assert picture.waiting.text().startswith("Under publicity until ")
    assert [label.text() for label in picture.step_labels][-3:] == ["Publicity", "Notice issued", "Paid"]  # fmt: skip
