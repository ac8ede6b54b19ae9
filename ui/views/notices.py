"""The Notices screen: the issued notices, each previewed inside the application as printed;
print through the system print dialog, save as…, issue the notice of a decided application
(administrators), print a batch, and verify a PDF file someone hands in or the code printed on
paper (typed, or the text a scanner reads from the QR code)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.services.list_tables import notices_table
from aitown.services.notice_printing import notice_file_name
from aitown.services.notices import (
    NOTICE_KINDS,
    NoticeRow,
    VerificationResult,
    list_notices,
    reprint_notice,
    verify_code,
    verify_pdf,
)
from ui import messages
from ui.changes import Entity, subscribe
from ui.context import DeskContext
from ui.dialogs.batch_print import BatchPrintDialog
from ui.dialogs.issue_notice import IssueNoticeDialog
from ui.i18n import error_lang
from ui.models.notices_model import (
    COL_APPLICATION,
    COL_DATE,
    COL_ISSUED_BY,
    COL_KIND,
    COL_NUMBER,
    COL_TEAM,
    NoticesModel,
    kind_label,
)
from ui.widgets.flow_layout import flow_row
from ui.widgets.form import add_labelled
from ui.widgets.list_export import ListExportBar
from ui.widgets.list_table import list_table
from ui.widgets.pdf_preview import PdfPreview, print_document, save_pdf_as

VERIFY_STYLES = {
    "genuine": "color: #1e7b45; font-weight: 600;",
    "revoked": "color: #b00020; font-weight: 600;",
    "altered": "color: #b00020; font-weight: 600;",
    "unknown": "color: #9c640c; font-weight: 600;",
}
MAX_VERIFY_BYTES = 50 * 1024 * 1024


def issue_notice_for(
    ctx: DeskContext, application_id: int, parent: QWidget | None = None
) -> IssueNoticeDialog:
    """Open the issue dialog on one application (the Applications screen's "Issue notice")."""
    dialog = IssueNoticeDialog(ctx, application_id, parent)
    dialog.open()
    return dialog


class NoticesView(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self.verification: VerificationResult | None = None
        self._all_rows: list[NoticeRow] = []
        self.model = NoticesModel(self)

        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("notices_kind_filter")
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in NOTICE_KINDS:
            self.kind_filter.addItem(kind_label(kind), kind)
        self.search = QLineEdit()
        self.search.setObjectName("notices_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Document number or team"))
        filters = QHBoxLayout()
        add_labelled(filters, self.tr("&Kind:"), self.kind_filter)
        add_labelled(filters, self.tr("&Search:"), self.search, 1)

        self.table = list_table("notices_table", self.model)
        for col, width in (
            (COL_NUMBER, 150),
            (COL_KIND, 150),
            (COL_DATE, 90),
            (COL_APPLICATION, 60),
        ):
            self.table.setColumnWidth(col, width)
        self.table.hideColumn(COL_ISSUED_BY)  # in the audit log; the preview has room instead
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TEAM, QHeaderView.ResizeMode.Stretch)
        # The kind ("compute voucher certificate") and the application number whole, in English
        # as in Chinese; the team's name takes what is left.
        for col in (COL_KIND, COL_APPLICATION, COL_NUMBER):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.preview = PdfPreview()
        self.preview.setObjectName("notices_preview")
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 460])
        splitter.setChildrenCollapsible(False)

        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("notices_print")
        self.save_button = QPushButton(self.tr("Save &as…"))
        self.save_button.setObjectName("notices_save")
        self.issue_button = QPushButton(self.tr("&Issue…"))
        self.issue_button.setObjectName("notices_issue")
        self.issue_button.setVisible(ctx.can("notice.issue"))
        self.batch_button = QPushButton(self.tr("&Batch print…"))
        self.batch_button.setObjectName("notices_batch")
        self.verify_button = QPushButton(self.tr("&Verify a PDF…"))
        self.verify_button.setObjectName("notices_verify")
        self.count_label = QLabel()
        self.count_label.setObjectName("notices_count")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("notices_verify_code")
        self.code_edit.setClearButtonEnabled(True)
        self.code_edit.setPlaceholderText(
            self.tr("XXXX-XXXX-XXXX-XXXX, or the text a scanner reads from the QR code")
        )
        self.code_button = QPushButton(self.tr("Check co&de"))
        self.code_button.setObjectName("notices_verify_code_button")
        code_row = QHBoxLayout()
        add_labelled(code_row, self.tr("Verify a &code on paper:"), self.code_edit, 1)
        code_row.addWidget(self.code_button)
        self.verify_result = QLabel()
        self.verify_result.setObjectName("notices_verify_result")
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_bar = ListExportBar(ctx, "notices", lambda: partial(
            notices_table, ctx.db, ctx.actor, kind=self.kind_filter.currentData(),
            text=self.search.text()))  # fmt: skip
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.export_bar, 0, Qt.AlignmentFlag.AlignTop)
        # The buttons wrap onto a second line in a narrow window instead of widening it.
        bottom.addWidget(
            flow_row(
                self.print_button,
                self.save_button,
                self.issue_button,
                self.batch_button,
                self.verify_button,
                align_right=True,
            ),
            1,
        )

        title = QLabel(self.tr("Notices"))
        title.setObjectName("screenTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        layout.addLayout(code_row)
        layout.addWidget(self.verify_result)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._timer.start)
        self.kind_filter.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.print_button.clicked.connect(self.print_current)
        self.save_button.clicked.connect(self.save_current)
        self.issue_button.clicked.connect(self.issue)
        self.batch_button.clicked.connect(self.batch_print)
        self.verify_button.clicked.connect(self.verify_file)
        self.code_button.clicked.connect(self.verify_typed_code)
        self.code_edit.returnPressed.connect(self.verify_typed_code)
        subscribe(
            ctx.changes,
            self,
            (
                Entity.NOTICE,
                Entity.TEAM,
            ),
            self.reload,
        )
        self.reload()

    # --- rows -------------------------------------------------------------------------------------

    def reload(self) -> None:
        keep = self.current_notice()
        try:
            self._all_rows = list_notices(self.ctx.db, kind=self.kind_filter.currentData())
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            self._all_rows = []
        self.apply_filter(keep=keep.id if keep else None)

    def refresh(self) -> None:
        self.reload()

    def apply_filter(self, keep: int | None = None) -> None:
        self._timer.stop()
        text = self.search.text().strip().lower()
        rows = [
            r
            for r in self._all_rows
            if not text
            or text in r.document_number.lower()
            or text in r.team_name.lower()
            or text in r.team_uscc.lower()
        ]
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%n notice(s)", "", len(rows)))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self._selection_changed(QItemSelection(), QItemSelection())

    def current_notice(self) -> NoticeRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select_notice(self, notice_id: int) -> bool:
        row = self.model.row_of(notice_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        notice = self.current_notice()
        self.print_button.setEnabled(notice is not None)
        self.save_button.setEnabled(notice is not None)
        if notice is None:
            self.preview.clear()
            return
        try:
            pdf = reprint_notice(self.ctx.db, notice.id)
        except DeskError as exc:
            self.preview.clear()
            messages.show_error(self, self.ctx.message(exc))
            return
        self.preview.load_bytes(pdf)

    # --- print, save ------------------------------------------------------------------------------

    def print_current(self) -> None:
        notice = self.current_notice()
        if notice is None or not self.preview.ready:
            return
        try:
            # The issued bytes go to the printer (vector pages; "print to file" saves them as
            # issued, so the file still verifies), not page images.
            print_document(self, self.preview.document, notice.document_number, self.preview.data)
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))

    def save_current(self) -> None:
        notice = self.current_notice()
        if notice is None or not self.preview.data:
            return
        try:
            save_pdf_as(
                self, self.preview.data, notice_file_name(notice), self.tr("Save the notice as")
            )
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))

    # --- issue, batch -----------------------------------------------------------------------------

    def issue(self) -> None:
        self.dialog = IssueNoticeDialog(self.ctx, parent=self)
        self.dialog.accepted.connect(self._issued)
        self.dialog.open()

    def _issued(self) -> None:
        record = getattr(self.dialog, "record", None)
        if record is not None:
            self.kind_filter.setCurrentIndex(0)
            self.search.clear()
            self.reload()
            self.select_notice(record.id)

    def batch_print(self) -> None:
        self.dialog = BatchPrintDialog(self.ctx, self)
        self.dialog.open()

    # --- verify -----------------------------------------------------------------------------------

    def verify_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the PDF to verify"), str(Path.home()), "PDF (*.pdf);;* (*)"
        )
        if path:
            self.verify_path(Path(path))

    def verify_path(self, path: Path) -> VerificationResult | None:
        """Say whether the file is a notice of this office, unaltered."""
        try:
            if path.stat().st_size > MAX_VERIFY_BYTES:
                raise OSError("too large")
            data = path.read_bytes()
        except OSError:
            messages.show_error(
                self,
                self.tr("{name} cannot be read; choose a PDF file of a notice.").format(
                    name=path.name
                ),
            )
            return None
        try:
            result = verify_pdf(self.ctx.db, data)
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return None
        self.verification = result
        sentence = result.message_for(error_lang(self.ctx.lang))
        self.verify_result.setStyleSheet(VERIFY_STYLES.get(result.status, ""))
        self.verify_result.setText(f"{path.name}: {sentence}")
        if result.genuine:
            messages.show_info(self, sentence, self.tr("Verify a notice"))
        else:
            messages.show_error(self, sentence, self.tr("Verify a notice"))
        if result.notice_id is not None:
            self.select_notice(result.notice_id)
        return result

    def verify_typed_code(self) -> VerificationResult | None:
        """Say whether the code typed (or scanned) is one of this office's notices, and which."""
        text = self.code_edit.text().strip()
        if not text:
            return None
        try:
            result = verify_code(self.ctx.db, text)
        except DeskError as exc:
            self.verify_result.setStyleSheet(VERIFY_STYLES["unknown"])
            self.verify_result.setText(self.ctx.message(exc))
            return None
        self.verification = result
        self.verify_result.setStyleSheet(VERIFY_STYLES.get(result.status, ""))
        self.verify_result.setText(result.message_for(error_lang(self.ctx.lang)))
        if result.notice_id is not None:
            self.select_notice(result.notice_id)
        return result
