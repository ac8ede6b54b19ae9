"""Print notices in a batch: pick a kind and a status, write one PDF per notice into a folder or
all of them into one PDF file. Notices not issued yet are issued on the way (administrators).
Runs off the GUI thread with progress and Cancel; each notice is its own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import ApplicationStatus
from aitown.errors import DeskError
from aitown.services.notice_printing import BatchPlan, plan_print_batch, print_notices
from aitown.services.notices import NOTICE_KINDS
from ui import messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.labels import application_status_label
from ui.models.notices_model import kind_label
from ui.ops import run_op
from ui.tasks import TaskControl
from ui.widgets.form import ErrorBanner

STATUSES = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.DISBURSED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.REVOKED,
)
OK_STYLE = "color: #1e7b45; font-weight: 600;"


@dataclass
class BatchResult:
    paths: list[Path]
    cancelled: bool


class BatchPrintDialog(QDialog):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: BatchResult | None = None
        self.plan: BatchPlan | None = None
        self.setWindowTitle(self.tr("Print notices in a batch"))
        self.setMinimumWidth(640)

        self.kind = QComboBox()
        self.kind.setObjectName("batch_print_kind")
        self.kind.addItem(self.tr("Every decided application's notice"), None)
        for kind in NOTICE_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.status = QComboBox()
        self.status.setObjectName("batch_print_status")
        self.status.addItem(self.tr("Any decision"), None)
        for status in STATUSES:
            self.status.addItem(application_status_label(status), status)
        self.to_folder = QRadioButton(self.tr("One PDF per notice, into a &folder"))
        self.to_folder.setObjectName("batch_print_to_folder")
        self.to_file = QRadioButton(self.tr("All in &one PDF file"))
        self.to_file.setObjectName("batch_print_to_file")
        self.to_folder.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.to_folder)
        group.addButton(self.to_file)
        self.out = QLineEdit()
        self.out.setObjectName("batch_print_out")
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self.choose)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse)
        out_holder = QWidget()
        out_holder.setLayout(out_row)
        out_row.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Decision:"), self.status)
        form.addRow(self.tr("Output:"), self.to_folder)
        form.addRow("", self.to_file)
        form.addRow(self.tr("&Where:"), out_holder)
        note = QLabel(
            self.tr(
                "Notices already issued are printed as issued, byte for byte; those not issued "
                "yet are issued now, with the next document numbers."
            )
        )
        note.setWordWrap(True)
        self.banner = ErrorBanner()
        self.result_label = QLabel()
        self.result_label.setObjectName("batch_print_result")
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet(OK_STYLE)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(self.tr("&Print"))
        self.print_button.setObjectName("batch_print_go")
        self.print_button.setDefault(True)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.banner)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.out.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.print_button.setEnabled(bool(self.out.text().strip()))

    def choose(self) -> None:
        if self.to_file.isChecked():
            path, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("One PDF file for the batch"),
                str(Path.home() / "notices.pdf"),
                "PDF (*.pdf)",
            )
        else:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("A folder for the notices"), str(Path.home())
            )
        if path:
            self.out.setText(path)

    def start(self) -> None:
        out = Path(self.out.text().strip()).expanduser()
        combined = self.to_file.isChecked()
        if combined and out.suffix.lower() != ".pdf":
            out = out.with_suffix(".pdf")
        kind, status = self.kind.currentData(), self.status.currentData()
        db, actor = self.ctx.db, self.ctx.actor
        self.banner.say("")
        self.result_label.setText("")
        if not self._numbers_confirmed(kind, status):
            return
        self.print_button.setEnabled(False)

        def work(control: TaskControl) -> BatchResult:
            paths = print_notices(
                db,
                actor,
                kind=kind,
                status=status,
                out=out,
                combined=combined,
                progress=control.progress,
                cancel=lambda: control.cancelled,
            )
            return BatchResult(paths, control.cancelled)

        run_op(
            self.ctx,
            self,
            work,
            changes=[Change(Entity.NOTICE)],
            on_success=self._done,
            on_failure=self._failed,
            busy=[self.print_button],
            label=self.tr("Printing notices…"),
            cancellable=True,
        )

    def _numbers_confirmed(self, kind: str | None, status: str | None) -> bool:
        """Say how many notices the batch prints and how many new document numbers it takes,
        and ask before any number is spent (they cannot be taken back)."""
        try:
            plan = plan_print_batch(self.ctx.db, self.ctx.actor, kind=kind, status=status)
        except DeskError as exc:
            self.banner.say(self.ctx.message(exc))
            return False
        self.plan = plan
        if plan.total == 0:
            self.result_label.setText(self.tr("No notice matches this kind and decision."))
            return False
        if plan.to_issue == 0:
            return True  # reprints only: no number is spent
        question = (
            self.tr("This batch prints %n notice(s).", "", plan.total)
            + " "
            + self.tr(
                "%n of them are not issued yet: they are issued now and take the next "
                "%n document number(s), which cannot be taken back.",
                "",
                plan.to_issue,
            )
            + "\n\n"
            + self.tr("Issue them and print?")
        )
        return messages.ask(self, question, self.tr("New document numbers"))

    def _done(self, result: BatchResult) -> None:
        self.outcome = result
        self._update()
        if not result.paths and not result.cancelled:
            self.result_label.setText(self.tr("No notice matches this kind and decision."))
            return
        text = self.tr("Wrote %n file(s)", "", len(result.paths))
        if result.paths:
            text += self.tr(" to {where}.").format(where=result.paths[0].parent)
        if result.cancelled:
            text += " " + self.tr("Stopped after Cancel; the notices issued so far stay issued.")
        self.result_label.setText(text)

    def _failed(self, exc: DeskError) -> None:
        self._update()
        # PrintBatchError names the notices that failed; those issued before it stay issued.
        self.ctx.changes.publish([Change(Entity.NOTICE)])
        self.banner.say(self.ctx.message(exc))
