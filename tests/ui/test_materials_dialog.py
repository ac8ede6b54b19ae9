"""Issue 13 in the GUI, as the desk and a reviewer use it: tick originals, attach a scan and see
it, print the receipt; a reviewer returns the application with a correction notice; the desk mends
and resubmits; the reviewer approves with a verified contract amount."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from aitown.models import Application
from aitown.services import applications as apps
from tests.aitown.notices.notice_cases import admitted_team, pdf_text, voucher_terms
from tests.ui.conftest import Boxes
from ui.context import DeskContext
from ui.dialogs.decision import APPROVE, DecisionDialog
from ui.dialogs.materials import COL_SEEN, MaterialsDialog, ReturnDialog
from ui.views.applications import ApplicationsView

pytestmark = pytest.mark.materials
SHOTS = os.environ.get("AITOWN_SHOTS")  # a folder: save the screens there


def png_bytes() -> bytes:
    image = QImage(120, 160, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def shot(widget, name: str) -> None:
    if SHOTS:
        widget.resize(1366, 768) if isinstance(widget, ApplicationsView) else None
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_desk_hands_in_reviewer_returns_desk_mends_reviewer_approves(
    qtbot: QtBot,
    desk_ctx: DeskContext,
    reviewer_ctx: DeskContext,
    staff,
    tmp_path: Path,
    boxes: Boxes,
) -> None:
    db = desk_ctx.db
    team = admitted_team(db, staff, 1)
    app_id = apps.record_application(
        db, staff.desk, team, "compute_voucher", **voucher_terms("1250000")
    ).application_id

    view = ApplicationsView(desk_ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.show_status(None)
    assert view.select_application(app_id)
    qtbot.mouseClick(view.materials_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, MaterialsDialog) and dialog.isVisible()
    assert dialog.table.rowCount() == 4
    assert "Signed service contract" in dialog.missing.text()
    assert not dialog.return_button.isVisible()  # desk staff do not review

    # Tick the contract's original seen; attach a PNG of the invoice and see it.
    seen = dialog.table.item(0, COL_SEEN)
    seen.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "Signed service contract" not in dialog.missing.text(), timeout=3000)
    scan = tmp_path / "invoice.png"
    scan.write_bytes(png_bytes())
    dialog.ask_open_path = lambda: scan
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(1, 3).text() == "1", timeout=3000)
    dialog.table.selectRow(1)
    assert dialog.scans.count() == 1
    assert not dialog.preview.pixmap().isNull()
    shot(dialog, "materials-desk")

    # Submitting with papers missing says which.
    dialog.reject()
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    assert any("Proof of payment" in t and "Commitment letter" in t for t in boxes.texts())
    with db.read() as s:
        assert s.get(Application, app_id).status == "draft"

    # The receipt, then everything seen and submitted.
    qtbot.mouseClick(view.materials_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    receipt = tmp_path / "receipt.pdf"
    dialog.ask_save_path = lambda _name: receipt
    qtbot.mouseClick(dialog.receipt_button, Qt.MouseButton.LeftButton)
    assert "Receiptofapplication" in pdf_text(receipt.read_bytes())
    qtbot.mouseClick(dialog.all_seen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Every required material" in dialog.missing.text(), timeout=3000)
    dialog.reject()
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    with db.read() as s:
        assert s.get(Application, app_id).status == "submitted"

    # The reviewer returns it for correction, and prints the notice.
    review = MaterialsDialog(reviewer_ctx, app_id)
    qtbot.addWidget(review)
    review.show()
    assert review.return_button.isVisible() and review.return_button.isEnabled()
    qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    back = review.dialog
    assert isinstance(back, ReturnDialog)
    qtbot.mouseClick(back.ok_button, Qt.MouseButton.LeftButton)
    assert back.banner.isVisible() and "reason" in back.banner.text()
    back.items.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(back.reason, "The invoice is unreadable.")
    qtbot.mouseClick(back.ok_button, Qt.MouseButton.LeftButton)
    assert not back.isVisible()
    qtbot.waitUntil(lambda: "Round 1" in review.history.text(), timeout=3000)
    notice = tmp_path / "notice.pdf"
    review.ask_save_path = lambda _name: notice
    qtbot.mouseClick(review.notice_button, Qt.MouseButton.LeftButton)
    text = pdf_text(notice.read_bytes())
    assert "Noticeofcorrection" in text and "Theinvoiceisunreadable." in text
    shot(review, "materials-reviewer-returned")

    # The desk mends and resubmits.
    view.reload()
    assert view.select_application(app_id)
    assert view.submit_button.isEnabled()
    qtbot.mouseClick(view.materials_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog.table.item(1, 4).text() == "to mend"
    dialog.table.item(1, COL_SEEN).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "Every required material" in dialog.missing.text(), timeout=3000)
    dialog.reject()
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    with db.read() as s:
        assert s.get(Application, app_id).status == "submitted"

    # The reviewer approves on a verified contract amount.
    decide = DecisionDialog(reviewer_ctx, APPROVE, app_id)
    qtbot.addWidget(decide)
    decide.show()
    assert decide.verified is not None and decide.verified_reason is not None
    qtbot.keyClicks(decide.verified, "100000")
    qtbot.mouseClick(decide.ok_button, Qt.MouseButton.LeftButton)
    error = decide.form.fields["verified_reason"].error
    assert error.isVisible() and "reason" in error.text()
    qtbot.keyClicks(decide.verified_reason, "Invoiced 100,000 yuan only")
    qtbot.mouseClick(decide.ok_button, Qt.MouseButton.LeftButton)
    with db.read() as s:
        app = s.get(Application, app_id)
        assert app.status == "approved" and app.verified_contract_amount == 10_000_000
        assert app.amount <= 10_000_000


def test_a_pdf_scan_shows_its_first_page(qtbot: QtBot, desk_ctx: DeskContext, staff, tmp_path):
    from aitown.services import material_pdfs
    from aitown.services import materials as mat

    db = desk_ctx.db
    team = admitted_team(db, staff, 1)
    app_id = apps.record_application(
        db, staff.desk, team, "compute_voucher", **voucher_terms()
    ).application_id
    mat.attach_file(
        db, staff.desk, app_id, "contract", material_pdfs.receipt_pdf(db, app_id), "c.pdf"
    )
    dialog = MaterialsDialog(desk_ctx, app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(0)
    pixmap = dialog.preview.pixmap()
    assert not pixmap.isNull() and pixmap.height() > pixmap.width()  # an A4 page, upright


def test_recording_ticks_originals_submits_and_prints_the_receipt(
    qtbot: QtBot, desk_ctx: DeskContext, staff, tmp_path: Path, boxes: Boxes
) -> None:
    from ui.dialogs.application_form import ApplicationFormDialog

    db = desk_ctx.db
    team = admitted_team(db, staff, 1)
    form = ApplicationFormDialog(
        desk_ctx, team=(team, "上海测试智能科技有限公司1"), benefit="startup_grant"
    )
    qtbot.addWidget(form)
    form.show()
    assert list(form.material_checks) == [
        "business_licence",
        "founder_id_card",
        "commitment_letter",
        "business_plan",
    ]
    assert "(optional)" in form.material_checks["business_plan"].text()
    for key in ("business_licence", "founder_id_card", "commitment_letter"):
        form.material_checks[key].setChecked(True)
    form.print_receipt.setChecked(True)
    receipt = tmp_path / "receipt"
    form.ask_save_path = lambda _name: receipt
    qtbot.waitUntil(form.ok_button.isEnabled, timeout=3000)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert boxes.texts() == []
    with db.read() as s:
        assert s.get(Application, form.application_id).status == "submitted"
    text = pdf_text((tmp_path / "receipt.pdf").read_bytes())
    assert "Receiptofapplication" in text and "Everyrequiredmaterialhasbeenhandedin" in text


def test_the_team_applications_tab_opens_the_materials(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff
) -> None:
    from ui.views.team_applications import TeamApplicationsTab

    db = reviewer_ctx.db
    team = admitted_team(db, staff, 1)
    app_id = apps.record_application(
        db, staff.desk, team, "compute_voucher", **voucher_terms()
    ).application_id
    tab = TeamApplicationsTab(reviewer_ctx, team)
    qtbot.addWidget(tab)
    tab.show()
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.materials_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, MaterialsDialog) and dialog.application_id == app_id
    # A reviewer sees the checklist but neither ticks nor attaches; a draft cannot be returned.
    assert not dialog.attach_button.isVisible() and not dialog.return_button.isEnabled()
    seen = dialog.table.item(0, COL_SEEN)
    assert not seen.flags() & Qt.ItemFlag.ItemIsUserCheckable
