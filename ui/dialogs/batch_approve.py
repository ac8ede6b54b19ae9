"""Approve several applications at once, after a what-if preview: each line fits or not (and why),
each pool now and after. The approvals run off the GUI thread with progress and Cancel; each one
is its own transaction, so Cancel stops between two and leaves every one approved or untouched."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.services.batch_approval import BatchOutcome, BatchPreview, approve_batch, preview_batch
from ui import messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.i18n import error_lang
from ui.labels import benefit_label
from ui.ops import run_op
from ui.tasks import TaskControl

NOT_FIT_COLOR = "#fdecee"
FITS_COLOR = "#1e7b45"
FAILS_COLOR = "#b03a2e"
APPROVED_COLOR = "#e8f5ec"
LINE_ID, LINE_TEAM, LINE_BENEFIT, LINE_AMOUNT, LINE_FITS, LINE_WHY, LINE_LEFT = range(7)


def _cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class BatchApproveDialog(QDialog):
    def __init__(self, ctx: DeskContext, application_ids: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.application_ids = list(application_ids)
        self.preview: BatchPreview | None = None
        self.outcome: BatchOutcome | None = None
        self._pool_kinds: list[str] = []
        self.setWindowTitle(self.tr("Approve several applications"))
        self.setMinimumSize(980, 600)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.lines = _table(
            [
                self.tr("No."),
                self.tr("Team"),
                self.tr("Benefit"),
                self.tr("Amount (yuan)"),
                self.tr("Fits?"),
                self.tr("Why"),
                self.tr("Pool left after (yuan)"),
            ]
        )
        self.lines.setObjectName("batch_lines")
        self.lines.setWordWrap(True)
        self.lines.horizontalHeader().sectionResized.connect(
            lambda *_: self.lines.resizeRowsToContents()
        )
        self.lines.horizontalHeader().setSectionResizeMode(LINE_WHY, QHeaderView.ResizeMode.Stretch)
        self.pools = _table(
            [self.tr("Pool"), self.tr("Left now (yuan)"), self.tr("Left after (yuan)")]
        )
        self.pools.setObjectName("batch_pools")
        for col in (1, 2):
            self.pools.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.pools.setMaximumHeight(170)
        self.reason = QLineEdit()
        self.reason.setObjectName("batch_reason")
        self.reason.setPlaceholderText(self.tr("Optional: a note stored with each approval"))
        reason_label = QLabel(self.tr("&Note:"))
        reason_label.setBuddy(self.reason)
        self.result_label = QLabel()
        self.result_label.setObjectName("batch_result")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        self.approve_button = QPushButton()
        self.approve_button.setObjectName("batch_approve")
        self.approve_button.setDefault(True)
        self.approve_button.clicked.connect(self.approve)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        note = QHBoxLayout()
        note.addWidget(reason_label)
        note.addWidget(self.reason, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.lines, 3)
        pools_title = QLabel(self.tr("Budget pools now and after these approvals"))
        layout.addWidget(pools_title)
        layout.addWidget(self.pools, 1)
        layout.addLayout(note)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.load_preview()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Row heights follow the wrapped reasons once the columns have their final widths.
        QTimer.singleShot(0, self.lines.resizeRowsToContents)

    # --- the what-if preview ---------------------------------------------------------------------

    def load_preview(self) -> None:
        try:
            self.preview = preview_batch(self.ctx.db, self.application_ids, actor=self.ctx.actor)
        except DeskError as exc:
            self.intro.setText(self.ctx.message(exc))
            self.approve_button.setEnabled(False)
            return
        self.show_preview(self.preview)

    def show_preview(self, preview: BatchPreview) -> None:
        zh = error_lang(self.ctx.lang) == "zh"
        fits = len(preview.approvable)
        total = len(preview.lines)
        self.intro.setText(
            self.tr(
                "What approving these {total} applications in this order would do. {fits} can be "
                "approved within what their pools have left; the others are left as they are."
            ).format(total=total, fits=fits)
        )
        self.lines.setRowCount(total)
        for r, line in enumerate(preview.lines):
            cells = [
                _cell(str(line.application_id), right=True),
                _cell(line.team_name),
                _cell(benefit_label(line.benefit)),
                _cell(
                    format_yuan(line.amount_fen) if line.amount_fen is not None else "—", right=True
                ),
                _cell(self.tr("fits") if line.fits else self.tr("does not fit")),
                _cell(line.reason_zh if zh else line.reason_en),
                _cell(
                    format_yuan(line.pool_left_after_fen)
                    if line.pool_left_after_fen is not None
                    else "—",
                    right=True,
                ),
            ]
            cells[LINE_FITS].setForeground(QBrush(QColor(FITS_COLOR if line.fits else FAILS_COLOR)))
            cells[LINE_WHY].setToolTip(cells[LINE_WHY].text())
            for c, item in enumerate(cells):
                if not line.fits:
                    item.setBackground(QBrush(QColor(NOT_FIT_COLOR)))
                self.lines.setItem(r, c, item)
        self.lines.resizeRowsToContents()
        kinds = list(dict.fromkeys(line.benefit for line in preview.lines))
        self._pool_kinds = kinds
        self.pools.setRowCount(len(kinds))
        for r, kind in enumerate(kinds):
            before = preview.pools_before.get(kind)
            after = preview.pools_after.get(kind)
            self.pools.setItem(r, 0, _cell(benefit_label(kind)))
            self.pools.setItem(
                r, 1, _cell(format_yuan(before) if before is not None else "—", right=True)
            )
            self.pools.setItem(
                r, 2, _cell(format_yuan(after) if after is not None else "—", right=True)
            )
        self.approve_button.setText(self.tr("&Approve %n that fit(s)", "", fits))
        self.approve_button.setEnabled(fits > 0 and self.ctx.can("application.decide"))

    def _cell_text(self, row: int, col: int) -> str:
        item = self.lines.item(row, col)
        return item.text() if item is not None else ""

    def line_texts(self) -> list[str]:
        """Each preview line as the person reads it (tests look at it)."""
        return [
            " | ".join(self._cell_text(r, c) for c in range(self.lines.columnCount()))
            for r in range(self.lines.rowCount())
        ]

    # --- approving -------------------------------------------------------------------------------

    def approve(self) -> None:
        if self.preview is None or not self.preview.approvable:
            return
        ids = list(self.preview.approvable)
        db, actor, reason = self.ctx.db, self.ctx.actor, self.reason.text().strip()
        lang = error_lang(self.ctx.lang)

        def work(control: TaskControl) -> BatchOutcome:
            return approve_batch(
                db,
                actor,
                ids,
                reason=reason,
                progress=control.progress,
                cancel=lambda: control.cancelled,
                lang=lang,
            )

        run_op(
            self.ctx,
            self,
            work,
            changes=lambda outcome: [
                *(Change(Entity.APPLICATION, app_id) for app_id in outcome.approved),
                Change(Entity.POOL),
            ],
            on_success=self._approved,
            on_failure=self._failed,
            busy=[self.approve_button],
            label=self.tr("Approving %n application(s)…", "", len(ids)),
            cancellable=True,
        )

    def _approved(self, outcome: BatchOutcome) -> None:
        self.outcome = outcome
        parts = [self.tr("Approved %n application(s).", "", len(outcome.approved))]
        if outcome.cancelled:
            parts.append(self.tr("Stopped after Cancel: the others were left as they were."))
        for app_id, sentence in outcome.refused.items():
            parts.append(
                self.tr("No. {id} was not approved: {why}").format(id=app_id, why=sentence)
            )
        self.result_label.setText("\n".join(parts))
        self.result_label.show()
        self.show_outcome(outcome)
        self.approve_button.setEnabled(False)

    def show_outcome(self, outcome: BatchOutcome) -> None:
        """Each line's real result in place of the what-if (approved, refused and why, left as it
        was, or not reached after Cancel), and the pools as they now stand."""
        if self.preview is None:
            return
        self.intro.setText(
            self.tr(
                "What approving did: {approved} approved, {refused} not approved, {left} left "
                "as they were."
            ).format(
                approved=len(outcome.approved),
                refused=len(outcome.refused),
                left=len(self.preview.lines) - len(outcome.approved) - len(outcome.refused),
            )
        )
        header = self.lines.horizontalHeaderItem(LINE_FITS)
        if header is not None:
            header.setText(self.tr("Result"))
        tried = set(self.preview.approvable)
        for r, line in enumerate(self.preview.lines):
            app_id = line.application_id
            if app_id in outcome.approved:
                word, why, color, shade = self.tr("approved"), "", FITS_COLOR, APPROVED_COLOR
            elif app_id in outcome.refused:
                word, why = self.tr("not approved"), outcome.refused[app_id]
                color, shade = FAILS_COLOR, NOT_FIT_COLOR
            elif app_id in tried:  # Cancel came before it
                word, why = self.tr("not reached"), self.tr("Stopped after Cancel: left as it was.")
                color, shade = FAILS_COLOR, NOT_FIT_COLOR
            else:
                word = self.tr("left as it was")
                why = self._cell_text(r, LINE_WHY)
                color, shade = FAILS_COLOR, NOT_FIT_COLOR
            for c in range(self.lines.columnCount()):
                item = self.lines.item(r, c)
                if item is not None:
                    item.setBackground(QBrush(QColor(shade)))
            result = self.lines.item(r, LINE_FITS)
            if result is not None:
                result.setText(word)
                result.setForeground(QBrush(QColor(color)))
            reason = self.lines.item(r, LINE_WHY)
            if reason is not None:
                reason.setText(why)
                reason.setToolTip(why)
            left_cell = self.lines.item(r, LINE_LEFT)
            if left_cell is not None and app_id not in outcome.approved:
                left_cell.setText("—")  # the what-if's figure; nothing was taken from the pool
        self.lines.resizeRowsToContents()
        try:
            now = preview_batch(self.ctx.db, [], actor=self.ctx.actor)
        except DeskError:
            return
        for r in range(self.pools.rowCount()):
            kind = self._pool_kinds[r]
            left = now.pools_before.get(kind)
            item = self.pools.item(r, 2)
            if item is not None and left is not None:
                item.setText(format_yuan(left))
        after = self.pools.horizontalHeaderItem(2)
        if after is not None:
            after.setText(self.tr("Left now, after approving (yuan)"))

    def _failed(self, exc: DeskError) -> None:
        messages.show_error(self, self.ctx.message(exc))
        self.load_preview()
