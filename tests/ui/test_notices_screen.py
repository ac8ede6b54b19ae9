"""The Notices screen: issue the notice of an approved application, preview it inside the
application, save it, print it, verify a file, print a batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from aitown.models import Notice
from aitown.services import applications as apps
from tests.aitown.makers import pass_publicity
from tests.aitown.services.test_applications import admitted_team
from tests.ui.conftest import Boxes
from ui.context import DeskContext
from ui.dialogs.batch_print import BatchPrintDialog
from ui.dialogs.issue_notice import IssueNoticeDialog
from ui.models.notices_model import COL_KIND, COL_NUMBER, COL_TEAM
from ui.views.applications import ApplicationsView
from ui.views.notices import NoticesView
from ui.widgets.pdf_preview import paint_document


def approved_grant(db, staff, body: str = "91310104MA1FL0000") -> int:
    team_id = admitted_team(db, staff, body=body)
    rec = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, rec.application_id)
    apps.approve_application(db, staff.reviewer, rec.application_id)
    pass_publicity(db, staff.admin)  # its award notice waits for it (issue 13.5)
    return rec.application_id


def wait_ready(qtbot: QtBot, document: QPdfDocument) -> None:
    qtbot.waitUntil(lambda: document.status() == QPdfDocument.Status.Ready, timeout=5000)


@pytest.fixture
def issued(qtbot: QtBot, admin_ctx: DeskContext, staff) -> Notice:
    """The administrator issues the grant letter from the Applications screen."""
    app_id = approved_grant(admin_ctx.db, staff)
    view = ApplicationsView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_status("approved")
    assert view.select_application(app_id)
    assert view.notice_button.isVisible() and view.notice_button.isEnabled()
    qtbot.mouseClick(view.notice_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, IssueNoticeDialog) and dialog.isVisible()
    assert dialog.current_application() == app_id
    wait_ready(qtbot, dialog.preview.document)  # the notice as it will look, before issuing
    assert dialog.preview.document.pageCount() > 0
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with admin_ctx.db.read() as s:
        [notice] = s.scalars(select(Notice)).all()
    assert notice.application_id == app_id and notice.kind == "startup_grant"
    return notice


def notices_view(qtbot: QtBot, ctx: DeskContext) -> NoticesView:
    view = NoticesView(ctx)
    qtbot.addWidget(view)
    view.resize(1150, 650)
    view.show()
    return view


def test_the_issued_notice_is_previewed_inside_the_application(
    qtbot: QtBot, admin_ctx: DeskContext, issued: Notice
) -> None:
    view = notices_view(qtbot, admin_ctx)
    assert view.model.rowCount() == 1
    assert view.model.index(0, COL_NUMBER).data() == issued.doc_number
    assert view.model.index(0, COL_KIND).data() == "start-up grant award letter"
    assert view.model.index(0, COL_TEAM).data() == "上海0000科技有限公司"
    wait_ready(qtbot, view.preview.document)
    assert view.preview.document.pageCount() > 0
    assert view.preview.data == issued.pdf  # the stored bytes, as issued
    assert view.preview.info.text().endswith("page(s)")
    assert view.print_button.isEnabled() and view.save_button.isEnabled()


def test_save_print_and_verify(
    qtbot: QtBot,
    admin_ctx: DeskContext,
    issued: Notice,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
) -> None:
    view = notices_view(qtbot, admin_ctx)
    wait_ready(qtbot, view.preview.document)

    target = tmp_path / "saved"  # the person leaves out .pdf
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "saved.pdf"
    assert saved.read_bytes() == issued.pdf

    # Printing paints every page on the printer (here a PDF printer instead of paper).
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    pages = paint_document(view.preview.document, printer)
    assert pages == view.preview.document.pageCount() == len(PdfReader(printed).pages)

    # The saved file is genuine; a copy with a byte changed is not.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    assert view.verification is not None and view.verification.status == "genuine"
    assert view.verify_result.text().startswith("saved.pdf: Genuine: start-up grant award")
    assert issued.doc_number in view.verify_result.text()
    assert boxes.texts("information") == [view.verification.message_en]
    data = bytearray(issued.pdf)
    at = data.index(b"stream", len(data) // 3) + 40
    data[at] ^= 0x01
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    result = view.verify_path(altered)
    assert result is not None and result.status == "altered"
    assert "ALTERED" in view.verify_result.text()
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.4 not ours")
    assert view.verify_path(other).status == "unknown"  # type: ignore[union-attr]


def test_batch_print_writes_one_file_per_notice_or_one_pdf(
    qtbot: QtBot, admin_ctx: DeskContext, issued: Notice, staff, tmp_path: Path, boxes: Boxes
) -> None:
    approved_grant(admin_ctx.db, staff, body="91310104MA1FL0007")  # no notice yet
    boxes.answer = QMessageBox.StandardButton.Yes  # yes, take the next document number
    dialog = BatchPrintDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("startup_grant"))
    folder = tmp_path / "batch"
    qtbot.keyClicks(dialog.out, str(folder))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and not dialog.outcome.cancelled
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 2 and dialog.result_label.text().startswith("Wrote 2 file(s)")
    assert (folder / files[0]).read_bytes() == issued.pdf  # the issued one, byte for byte
    with admin_ctx.db.read() as s:
        assert len(s.scalars(select(Notice)).all()) == 2  # the missing one was issued

    dialog.to_file.setChecked(True)
    dialog.out.setText(str(tmp_path / "all.pdf"))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    combined = PdfReader(tmp_path / "all.pdf")
    assert len(combined.pages) == sum(len(PdfReader(folder / f).pages) for f in files)


def test_desk_staff_see_notices_but_do_not_issue(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    view = notices_view(qtbot, desk_ctx)
    assert not view.issue_button.isVisible()
    assert view.verify_button.isVisible()


def test_a_code_typed_or_scanned_from_paper_is_checked(
    qtbot: QtBot, admin_ctx: DeskContext, issued: Notice, boxes: Boxes
) -> None:
    view = notices_view(qtbot, admin_ctx)
    qtbot.keyClicks(view.code_edit, issued.verification_code.lower())
    qtbot.keyClick(view.code_edit, Qt.Key.Key_Return)
    assert view.verification is not None and view.verification.status == "genuine"
    assert view.verify_result.text().startswith("Genuine: start-up grant award letter")
    assert issued.doc_number in view.verify_result.text()
    assert view.current_notice().id == issued.id
    # What a scanner types from the QR code: the number and the code.
    view.code_edit.setText(f"AITOWN-NOTICE|{issued.doc_number}|{issued.verification_code}")
    qtbot.mouseClick(view.code_button, Qt.MouseButton.LeftButton)
    assert view.verification.status == "genuine"
    view.code_edit.setText("AAAA-BBBB-CCCC-DDDD")
    qtbot.mouseClick(view.code_button, Qt.MouseButton.LeftButton)
    assert view.verification.status == "unknown"
    assert "No notice of this office" in view.verify_result.text()
    view.code_edit.setText("12")
    qtbot.mouseClick(view.code_button, Qt.MouseButton.LeftButton)
    assert "not a verification code" in view.verify_result.text()
    assert boxes.texts() == []  # answered in the screen, no message box to click away


def test_the_issue_dialog_offers_the_offices_copied_to_and_the_notice_may_change_it(
    qtbot: QtBot, admin_ctx: DeskContext, staff
) -> None:
    import json

    from aitown.services.office_notices import update_notice_settings

    update_notice_settings(
        admin_ctx.db, admin_ctx.actor, copied_to=["徐汇区财政局|Xuhui District Finance Bureau"]
    )
    app_id = approved_grant(admin_ctx.db, staff)
    dialog = IssueNoticeDialog(admin_ctx, app_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.copied_to.text() == "徐汇区财政局|Xuhui District Finance Bureau"
    dialog.copied_to.setText("徐汇区财政局|Xuhui District Finance Bureau；徐汇区科委")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.record is not None
    with admin_ctx.db.read() as s:
        content = json.loads(s.get(Notice, dialog.record.id).content_json)
    assert content["copied_to_zh"] == ["徐汇区财政局", "徐汇区科委"]
    assert content["copied_to_en"] == ["Xuhui District Finance Bureau", "徐汇区科委"]
