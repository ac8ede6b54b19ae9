"""The materials of one application (issue 13.1–13.3): the policy's checklist with "original seen"
and the attached scans, a preview of the chosen scan (a JPEG/PNG as it is, a PDF's first page
through QtPdf), Print receipt…, and for reviewers Return for correction… and the correction
notice. Every write goes through run_op; the services refuse what the role or state does not
allow, and the refusal is shown as its sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import ApplicationStatus
from aitown.errors import DeskError
from aitown.services import material_pdfs
from aitown.services import materials as mat
from aitown.services.notice_printing import write_pdf_file
from aitown.services.review_steps import return_for_correction
from ui import messages
from ui.changes import Change, Entity, subscribe
from ui.context import DeskContext
from ui.labels import application_status_label, benefit_label
from ui.ops import run_op
from ui.widgets.form import ok_cancel_buttons

COL_ITEM, COL_NEEDED, COL_SEEN, COL_SCANS, COL_MEND = range(5)
PREVIEW_SIZE = QSize(360, 460)


def render_preview(data: bytes, media_type: str, size: QSize = PREVIEW_SIZE) -> QImage:
    """A picture of a scan: the image itself, or the first page of a PDF (QtPdf)."""
    if media_type == "application/pdf":
        document = QPdfDocument()
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            return QImage()
        points = document.pagePointSize(0)
        target = QSize(round(points.width()), round(points.height())).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio
        )
        image = document.render(0, target)
        document.close()
        buffer.close()
        return image
    image = QImage.fromData(data)
    if image.isNull():
        return image
    return image.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class MaterialsDialog(QDialog):
    def __init__(self, ctx: DeskContext, application_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.application_id = application_id
        self.state: mat.ApplicationMaterials | None = None
        self.team_id: int | None = None
        self.dialog: QDialog | None = None
        # Replaced by tests; the file dialogs otherwise.
        self.ask_open_path: Callable[[], Path | None] = self._ask_open_path
        self.ask_save_path: Callable[[str], Path | None] = self._ask_save_path
        self.setWindowTitle(self.tr("Materials of application no. {id}").format(id=application_id))
        self.setMinimumSize(980, 600)
        self.heading = QLabel()
        self.heading.setObjectName("materials_heading")
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("materials_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Material"),
                self.tr("Needed"),
                self.tr("Original seen"),
                self.tr("Scans"),
                self.tr("To mend"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        for col in (COL_NEEDED, COL_SEEN, COL_SCANS, COL_MEND):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._row_changed)
        self.missing = QLabel()
        self.missing.setObjectName("materials_missing")
        self.missing.setWordWrap(True)
        self.history = QLabel()
        self.history.setObjectName("materials_history")
        self.history.setWordWrap(True)
        self.scans = QComboBox()
        self.scans.setObjectName("materials_scans")
        self.scans.currentIndexChanged.connect(self._show_scan)
        self.preview = QLabel(self.tr("Choose a material with a scan to see it here."))
        self.preview.setObjectName("materials_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_SIZE)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("QLabel { background: #f4f4f4; border: 1px solid #ccc; }")

        self.attach_button = self._button("materials_attach", self.tr("&Attach scan…"), self.attach)
        self.all_seen_button = self._button(
            "materials_all_seen", self.tr("All originals &seen"), self.all_seen
        )
        for b in (self.attach_button, self.all_seen_button):
            b.setVisible(ctx.can("application.record"))
        self.receipt_button = self._button(
            "materials_receipt", self.tr("Print &receipt…"), self.print_receipt
        )
        self.return_button = self._button(
            "materials_return", self.tr("Return for &correction…"), self.return_application
        )
        self.return_button.setVisible(ctx.can("application.decide"))
        self.notice_button = self._button(
            "materials_correction_notice", self.tr("Correction &notice…"), self.print_notice
        )

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.missing)
        left_layout.addWidget(self.history)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.scans)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        actions = QHBoxLayout()
        for b in (self.attach_button, self.all_seen_button, self.receipt_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (self.return_button, self.notice_button):
            actions.addWidget(b)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(close)
        subscribe(ctx.changes, self, (Entity.APPLICATION,), self.reload)
        self.reload()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- reading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        keep = self.table.currentRow()
        try:
            self.state = mat.application_materials(self.ctx.db, self.application_id)
            from aitown.services.applications import get_application

            app = get_application(self.ctx.db, self.application_id)
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return
        self.team_id = app.team_id
        state = self.state
        self.heading.setText(
            self.tr("Application no. {id} · {team} · {benefit} · {status}").format(
                id=app.id,
                team=app.team.name_zh,
                benefit=benefit_label(app.benefit),
                status=application_status_label(app.status),
            )
        )
        editable = state.status in mat.EDITABLE and self.ctx.can("application.record")
        self.table.blockSignals(True)
        self.table.setRowCount(len(state.items))
        for row, item in enumerate(state.items):
            name = QTableWidgetItem(self.ctx.pick(item.en, item.zh))
            name.setData(Qt.ItemDataRole.UserRole, item.key)
            needed = QTableWidgetItem(self.tr("required") if item.required else self.tr("optional"))
            seen = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if editable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            seen.setFlags(flags)
            seen.setCheckState(Qt.CheckState.Checked if item.seen else Qt.CheckState.Unchecked)
            current = sum(1 for a in item.attachments if a.current)
            scans = QTableWidgetItem(str(current) if current else "—")
            mend = QTableWidgetItem(self.tr("to mend") if item.to_mend else "")
            if item.to_mend:
                mend.setForeground(Qt.GlobalColor.darkRed)
            for col, cell in enumerate((name, needed, seen, scans, mend)):
                self.table.setItem(row, col, cell)
        self.table.blockSignals(False)
        if state.items:
            self.table.selectRow(min(max(keep, 0), len(state.items) - 1))
        lacking = state.missing_required
        if not state.items:
            self.missing.setText(self.tr("The policy lists no materials for this benefit."))
        elif lacking:
            self.missing.setText(
                self.tr("Missing before it can be submitted: {items}").format(
                    items=self._join([self.ctx.pick(m.en, m.zh) for m in lacking])
                )
            )
        else:
            self.missing.setText(self.tr("Every required material has been handed in."))
        rounds = [
            self.tr("Round {n}: returned by {who} on {day} ({items}): {reason}{done}").format(
                n=r.round,
                who=r.returned_by,
                day=r.returned_at.date().isoformat(),
                items=self._join([self._label(k) for k in r.items]),
                reason=r.reason,
                done=self.tr(" — resubmitted") if r.resubmitted_at else "",
            )
            for r in state.returns
        ]
        self.history.setText("\n".join(rounds))
        self.history.setVisible(bool(rounds))
        self.attach_button.setEnabled(editable and bool(state.items))
        self.all_seen_button.setEnabled(editable and bool(state.missing))
        self.return_button.setEnabled(
            state.status == ApplicationStatus.SUBMITTED and bool(state.items)
        )
        self.notice_button.setEnabled(bool(state.returns))
        self._row_changed()

    def _join(self, words: list[str]) -> str:
        return ("、" if self.ctx.is_chinese else ", ").join(words)

    def _label(self, key: str) -> str:
        for item in self.state.items if self.state else ():
            if item.key == key:
                return self.ctx.pick(item.en, item.zh)
        return key

    def current_key(self) -> str | None:
        row = self.table.currentRow()
        cell = self.table.item(row, COL_ITEM) if row >= 0 else None
        return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

    def _row_changed(self) -> None:
        key = self.current_key()
        item = next((m for m in self.state.items if m.key == key), None) if self.state else None
        self.scans.blockSignals(True)
        self.scans.clear()
        for a in reversed(item.attachments if item else ()):
            text = (
                a.file_name if a.current else self.tr("{name} (sent back)").format(name=a.file_name)
            )
            self.scans.addItem(text, a.id)
        self.scans.blockSignals(False)
        self.scans.setVisible(self.scans.count() > 0)
        self._show_scan()

    def _show_scan(self) -> None:
        attachment_id = self.scans.currentData()
        if attachment_id is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No scan attached to this material."))
            return
        try:
            row, data = mat.attachment_content(self.ctx.db, self.ctx.actor, int(attachment_id))
        except DeskError as exc:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.ctx.message(exc))
            return
        image = render_preview(data, row.media_type)
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("This scan cannot be shown."))
        else:
            self.preview.setPixmap(QPixmap.fromImage(image))

    # --- writing ----------------------------------------------------------------------------------

    def _changes(self) -> list[Change]:
        return [Change(Entity.APPLICATION, self.application_id, self.team_id)]

    def _item_changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() != COL_SEEN:
            return
        key_cell = self.table.item(cell.row(), COL_ITEM)
        if key_cell is None:
            return
        key = key_cell.data(Qt.ItemDataRole.UserRole)
        seen = cell.checkState() == Qt.CheckState.Checked
        db, actor, app_id = self.ctx.db, self.ctx.actor, self.application_id
        run_op(
            self.ctx,
            self,
            lambda _c: mat.mark_seen(db, actor, app_id, key, seen),
            changes=self._changes(),
            on_failure=self._refused,
        )

    def _refused(self, exc: DeskError) -> None:
        messages.show_error(self, self.ctx.message(exc))
        self.reload()

    def all_seen(self) -> None:
        db, actor, app_id = self.ctx.db, self.ctx.actor, self.application_id
        run_op(
            self.ctx,
            self,
            lambda _c: mat.mark_all_seen(db, actor, app_id),
            changes=self._changes(),
            on_failure=self._refused,
            busy=[self.all_seen_button],
        )

    def _ask_open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Attach a scan"), "", self.tr("Scans (*.pdf *.jpg *.jpeg *.png)")
        )
        return Path(name) if name else None

    def _ask_save_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), suggested, self.tr("PDF (*.pdf)")
        )
        return Path(name) if name else None

    def attach(self) -> None:
        key = self.current_key()
        if key is None:
            return
        path = self.ask_open_path()
        if path is None:
            return
        db, actor, app_id = self.ctx.db, self.ctx.actor, self.application_id
        run_op(
            self.ctx,
            self,
            lambda _c: mat.attach_path(db, actor, app_id, key, path),
            changes=self._changes(),
            on_failure=self._refused,
            busy=[self.attach_button],
        )

    def _save_pdf(self, suggested: str, make: Callable[[str], bytes]) -> None:
        path = self.ask_save_path(suggested)
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_pdf_file(path, make("zh" if self.ctx.is_chinese else "en"))
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))

    def print_receipt(self) -> None:
        db, app_id = self.ctx.db, self.application_id
        self._save_pdf(
            f"receipt-{app_id}.pdf", lambda lang: material_pdfs.receipt_pdf(db, app_id, lang)
        )

    def print_notice(self) -> None:
        db, app_id = self.ctx.db, self.application_id
        self._save_pdf(
            f"correction-notice-{app_id}.pdf",
            lambda lang: material_pdfs.correction_notice_pdf(db, app_id, lang),
        )

    def return_application(self) -> None:
        if self.state is None:
            return
        self.dialog = ReturnDialog(self.ctx, self.state, self.team_id, self)
        self.dialog.open()


class ReturnDialog(QDialog):
    """Return a submitted application for correction: the items to mend and the reason."""

    def __init__(
        self,
        ctx: DeskContext,
        state: mat.ApplicationMaterials,
        team_id: int | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.state = state
        self.team_id = team_id
        self.setWindowTitle(
            self.tr("Return application no. {id} for correction").format(id=state.application_id)
        )
        self.setMinimumWidth(520)
        self.items = QListWidget()
        self.items.setObjectName("return_items")
        for m in state.items:
            entry = QListWidgetItem(ctx.pick(m.en, m.zh))
            entry.setData(Qt.ItemDataRole.UserRole, m.key)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.items.addItem(entry)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("return_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.reason.setPlaceholderText(self.tr("What to mend (printed on the correction notice)"))
        self.banner = QLabel()
        self.banner.setObjectName("return_refusal")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #b00020;")
        self.banner.hide()
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Return"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Items to mend:")))
        layout.addWidget(self.items, 1)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)

    def checked(self) -> list[str]:
        return [
            self.items.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.items.count())
            if self.items.item(i).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        db, actor, app_id = self.ctx.db, self.ctx.actor, self.state.application_id
        items, reason = self.checked(), self.reason.toPlainText()

        def refused(exc: DeskError) -> None:
            self.banner.setText(self.ctx.message(exc))
            self.banner.show()

        run_op(
            self.ctx,
            self,
            lambda _c: return_for_correction(db, actor, app_id, items, reason),
            changes=[Change(Entity.APPLICATION, app_id, self.team_id)],
            on_success=lambda _round: self.accept(),
            on_failure=refused,
            busy=[self.ok_button],
        )
