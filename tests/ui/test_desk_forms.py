"""Issue 16.7, 16.8, 16.9, 16.12 as a desk uses them: a duplicate company name is asked about, team
pickers show the credit code whole, the record-application dialog grows, batch print says how
many numbers it takes first, and Print… hands the issued PDF over as it is."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from aitown.cli import main as cli_main
from aitown.models import Notice, Team
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import Boxes
from tests.ui.helpers import good_uscc, register, type_text
from tests.ui.test_notices_screen import approved_grant, issued, notices_view, wait_ready  # noqa: F401
from tests.ui.test_teams import fill_team_form
from ui.context import DeskContext
from ui.dialogs.application_form import ApplicationFormDialog
from ui.dialogs.batch_print import BatchPrintDialog
from ui.dialogs.lease_form import LeaseFormDialog
from ui.dialogs.team_form import TeamFormDialog
from ui.widgets import pdf_printing
from ui.widgets.team_picker import TeamPicker

# --- 16.7 duplicate names, codes in the pickers --------------------------------------------------


def names_in_db(db) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(Team.name_zh).order_by(Team.id)))


@pytest.mark.parametrize("same", ["name_zh", "name_en"])
def test_a_duplicate_company_name_is_asked_about_not_refused(
    qtbot: QtBot, desk_ctx: DeskContext, staff, boxes: Boxes, same: str
) -> None:
    db = desk_ctx.db
    register(db, staff.desk, 601, "上海重名智能科技有限公司", name_en="Shanghai Twin AI Co., Ltd.")
    form = TeamFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    if same == "name_zh":
        fill_team_form(qtbot, form, good_uscc(602), name="上海重名智能科技有限公司")
    else:  # the English name, typed in another case and with a space too many
        fill_team_form(qtbot, form, good_uscc(602), name="上海另名智能科技有限公司")
        form.edits["name_en"].clear()
        qtbot.keyClicks(form.edits["name_en"], "shanghai twin  AI co., ltd.")
    boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    [question] = boxes.texts("question")
    assert question.startswith("1 team(s) already registered with this name:")
    assert good_uscc(601) in question  # which one it is
    assert form.isVisible() and len(names_in_db(db)) == 1  # No: back to the form, nothing saved

    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert len(names_in_db(db)) == 2  # a namesake is allowed once confirmed


def test_a_new_name_is_not_asked_about(qtbot: QtBot, desk_ctx: DeskContext, boxes: Boxes) -> None:
    form = TeamFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    fill_team_form(qtbot, form, good_uscc(611), name="上海独名智能科技有限公司")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert boxes.texts() == [] and not form.isVisible()


def painted_row(picker: TeamPicker, row: int) -> QImage:
    view = picker.results
    rect = view.visualItemRect(view.item(row))
    image = QImage(rect.size(), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.translate(-rect.topLeft())
    view.viewport().render(painter, rect.topLeft(), rect)
    painter.end()
    return image


@pytest.mark.parametrize("dialog_kind", ["application", "lease"])
def test_team_pickers_show_the_credit_code_whole(
    qtbot: QtBot, desk_ctx: DeskContext, staff, dialog_kind: str
) -> None:
    long_name = "上海非常非常长名称的人工智能科技研究开发与应用推广服务咨询有限公司"
    for serial in (621, 622):
        register(desk_ctx.db, staff.desk, serial, long_name)
    dialog = (
        ApplicationFormDialog(desk_ctx)
        if dialog_kind == "application"
        else LeaseFormDialog(desk_ctx)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.picker  # type: ignore[attr-defined]
    type_text(qtbot, picker.search, "非常非常长")
    picker.refresh()
    assert picker.results.count() == 2
    view = picker.results
    delegate = view.itemDelegate()
    metrics = view.fontMetrics()
    for row in range(2):
        item = view.item(row)
        code = good_uscc(621 + row)
        assert item.data(Qt.ItemDataRole.UserRole + 2) == code
        assert code in item.toolTip() and long_name in item.toolTip()
        # The row is narrower than name and code together, yet the code fits beside the name.
        width = view.visualItemRect(item).width()
        assert view.visualItemRect(item).right() <= view.viewport().width()  # all in view
        assert metrics.horizontalAdvance(f"{long_name}  ·  {code}") > width
        assert metrics.horizontalAdvance(code) + 12 < width
        assert type(delegate).__name__ == "NameAndCodeDelegate"
        assert not painted_row(picker, row).isNull()
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


# --- 16.8 the record-application dialog grows ---------------------------------------------------


def test_the_record_application_dialog_keeps_rows_of_teams_and_grows(
    qtbot: QtBot, desk_ctx: DeskContext, staff
) -> None:
    for serial in range(631, 641):
        register(desk_ctx.db, staff.desk, serial, f"上海列表{serial}科技有限公司")
    form = ApplicationFormDialog(desk_ctx)
    qtbot.addWidget(form)
    form.show()
    QApplication.processEvents()
    rows = form.picker.results
    row_height = rows.sizeHintForRow(0)
    assert rows.height() >= 5 * row_height  # several teams to choose from, not one row
    # A voucher adds six fields: the list keeps its rows (the window grows if it must).
    form.benefit.setCurrentIndex(form.benefit.findData("compute_voucher"))
    QApplication.processEvents()
    assert form.contract_amount.isVisible()
    assert rows.height() >= 5 * row_height
    assert form.height() >= form.minimumSizeHint().height()
    # Made larger by the person, the list takes the extra height.
    before = rows.height()
    form.resize(form.width() + 100, form.height() + 200)
    QApplication.processEvents()
    assert rows.height() >= before + 150


# --- 16.9 batch print says how many new numbers, and asks ---------------------------------------


def test_batch_print_says_how_many_numbers_it_takes_and_asks(
    qtbot: QtBot, admin_ctx: DeskContext, staff, tmp_path: Path, boxes: Boxes
) -> None:
    db = admin_ctx.db
    for n in (1, 2, 3):
        approved_grant(db, staff, body=f"91310104MA1FL000{n}")
    dialog = BatchPrintDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    folder = tmp_path / "batch"
    qtbot.keyClicks(dialog.out, str(folder))
    boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    [question] = boxes.texts("question")
    assert question.startswith("This batch prints 3 notice(s). 3 of them are not issued yet")
    assert "take the next 3 document number(s)" in question
    with db.read() as s:
        assert s.scalars(select(Notice)).all() == []  # No: not one number spent
    assert dialog.outcome is None

    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and len(dialog.outcome.paths) == 3
    # Printed again: reprints only, no number to spend, nothing asked.
    boxes.shown.clear()
    dialog.out.setText(str(tmp_path / "again"))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert boxes.texts("question") == []
    assert dialog.outcome is not None and len(dialog.outcome.paths) == 3
    with db.read() as s:
        assert len(s.scalars(select(Notice)).all()) == 3


# --- 16.12 Print… of a notice sends the issued PDF -----------------------------------------------


def accept_print_dialog(monkeypatch: pytest.MonkeyPatch, to_file: Path | None) -> None:
    """The person picks "Print to file (PDF)" (``to_file``) or a printer, two copies."""

    def exec_(self: QPrintDialog) -> int:
        printer = self.printer()
        if to_file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(to_file))
        else:
            printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
            printer.setCopyCount(2)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)


def test_print_to_file_saves_the_issued_notice_which_verifies(
    qtbot: QtBot,
    admin_ctx: DeskContext,
    issued: Notice,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
) -> None:
    view = notices_view(qtbot, admin_ctx)
    wait_ready(qtbot, view.preview.document)
    printed = tmp_path / "printed.pdf"
    accept_print_dialog(monkeypatch, printed)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert printed.read_bytes() == issued.pdf  # not page images: the notice as issued
    assert PdfReader(printed).pages[0].extract_text().strip() != ""  # text, not a picture
    capsys.readouterr()
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    code = cli_main(["notices", "verify", str(printed), "--db", str(db_path), "--user", "admin"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert out.startswith("printed.pdf: Genuine:") and issued.doc_number in out


def test_print_on_a_printer_hands_the_issued_pdf_to_the_system(
    qtbot: QtBot,
    admin_ctx: DeskContext,
    issued: Notice,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A stand-in for CUPS's lp: it keeps its arguments and the file it was given.
    spool = tmp_path / "spool"
    spool.mkdir()
    fake = tmp_path / "lp"
    fake.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{spool}/args"\n'
        "for last; do :; done\n"
        f'cp "$last" "{spool}/job.pdf"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(pdf_printing, "print_command", lambda: ("lp", str(fake)))
    painted: list[int] = []
    monkeypatch.setattr("ui.widgets.pdf_preview.paint_document", lambda *a: painted.append(1) or 1)
    view = notices_view(qtbot, admin_ctx)
    wait_ready(qtbot, view.preview.document)
    accept_print_dialog(monkeypatch, None)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert (spool / "job.pdf").read_bytes() == issued.pdf
    args = (spool / "args").read_text().split("\n")
    assert args[:4] == ["-n", "2", "-t", issued.doc_number]  # copies and title from the dialog
    assert painted == []  # no page images
    left = [p for p in os.listdir(tempfile.gettempdir()) if p.startswith("aitown-print-")]
    assert left == []  # the spooled copy is removed


def test_a_printer_that_refuses_is_a_sentence(
    qtbot: QtBot,
    admin_ctx: DeskContext,
    issued: Notice,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    boxes: Boxes,
) -> None:
    fake = tmp_path / "lp"
    fake.write_text('#!/bin/sh\necho "lp: The printer or class does not exist." >&2\nexit 1\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(pdf_printing, "print_command", lambda: ("lp", str(fake)))
    view = notices_view(qtbot, admin_ctx)
    wait_ready(qtbot, view.preview.document)
    accept_print_dialog(monkeypatch, None)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    [error] = boxes.texts("critical")
    assert error.startswith("The printer did not take the document (lp: The printer or class")


# --- seen at the desk: the policy by its name, a standalone office's Sync says why --------------


def test_an_application_names_its_policy_not_its_file_id(
    qtbot: QtBot, reviewer_ctx: DeskContext, staff
) -> None:
    from tests.ui.test_applications_queue import recorded_grant
    from ui.widgets.application_details import ApplicationDetails

    app_id = recorded_grant(reviewer_ctx.db, staff)
    details = ApplicationDetails(reviewer_ctx)
    qtbot.addWidget(details)
    details.show_application(app_id)
    texts = [label.text() for label in details.findChildren(QLabel)]
    assert any(t.startswith("Shanghai AI town 2025 ") for t in texts)
    reviewer_ctx.lang = "zh_CN"
    details.show_application(app_id)
    texts = [label.text() for label in details.findChildren(QLabel)]
    assert any(t.startswith("上海人工智能小镇2025 ") for t in texts)
    assert not any(t.startswith("shanghai-ai-2025") for t in texts)


def test_a_standalone_offices_sync_buttons_say_why_they_are_off(
    qtbot: QtBot, admin_ctx: DeskContext
) -> None:
    from ui.views.sync import SyncView

    view = SyncView(admin_ctx)
    qtbot.addWidget(view)
    view.show()
    for button in (view.export_button, view.import_button):
        assert not button.isEnabled()
        assert button.toolTip().startswith("Export and Import exchange bundles with the city")
    assert "stay unavailable" in view.role.text()


def test_the_eligibility_tab_names_the_policy(qtbot: QtBot, desk_ctx: DeskContext, staff) -> None:
    from tests.aitown.services.test_applications import admitted_team
    from ui.views.team_detail import TeamDetailWindow

    detail = TeamDetailWindow(desk_ctx, admitted_team(desk_ctx.db, staff))
    qtbot.addWidget(detail)
    detail.show()
    tab = detail.eligibility
    assert tab is not None
    detail.tabs.setCurrentWidget(tab)
    assert "(policy Shanghai AI town 2025 " in tab.summary.text()
    assert "shanghai-ai-2025" not in tab.summary.text()
