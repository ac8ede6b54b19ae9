"""Issue the notice a decided application calls for: choose the application (those still without
their notice), look at the notice as it would be printed (a preview, without a number), issue."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import ApplicationStatus
from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.services.application_list import ApplicationRow, list_applications
from aitown.services.notices import NoticeRecord, issue_notice, list_notices, preview_notice
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.labels import application_status_label
from ui.models.notices_model import kind_label
from ui.ops import run_op
from ui.tasks import TaskControl, run_task
from ui.widgets.form import ErrorBanner, add_labelled, ok_cancel_buttons
from ui.widgets.pdf_preview import PdfPreview

DECIDED = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.DISBURSED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.REVOKED,
)
APP_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def notice_kind_due(status: str, benefit: str) -> str:
    """The notice a decided application gets (as aitown.notices.compose decides it)."""
    if status == ApplicationStatus.REJECTED:
        return "rejection"
    if status == ApplicationStatus.REVOKED:
        return "revocation"
    return benefit


@dataclass(frozen=True)
class AwaitingNotice(ApplicationRow):
    """A decided application with the kind of notice its decision calls for."""

    notice_kind: str


def _awaiting(row: ApplicationRow) -> AwaitingNotice:
    return AwaitingNotice(**asdict(row), notice_kind=notice_kind_due(row.status, row.benefit))


def applications_awaiting_notice(ctx: DeskContext) -> list[AwaitingNotice]:
    """Decided applications whose notice has not been issued yet, newest first."""
    issued = {(n.application_id, n.kind) for n in list_notices(ctx.db)}
    rows = []
    for status in DECIDED:
        for row in list_applications(ctx.db, status=status):
            awaiting = _awaiting(row)
            if (row.id, awaiting.notice_kind) not in issued:
                rows.append(awaiting)
    rows.sort(key=lambda r: r.id, reverse=True)
    return rows


class IssueNoticeDialog(QDialog):
    """``record`` is the issued notice once done."""

    def __init__(
        self, ctx: DeskContext, application_id: int | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.record: NoticeRecord | None = None
        self._preview_for: int | None = None
        self.setWindowTitle(self.tr("Issue a notice"))
        self.setMinimumSize(1100, 680)
        self.rows = applications_awaiting_notice(ctx)
        if application_id is not None and not any(r.id == application_id for r in self.rows):
            # Already issued, or not decided: list it anyway, so the service can say why not.
            asked = [r for r in list_applications(ctx.db) if r.id == application_id]
            self.rows[:0] = [_awaiting(r) for r in asked]

        intro = QLabel(
            self.tr(
                "Decided applications still without their notice. The preview on the right is the "
                "notice as it will be printed, before it gets its document number."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), 5)
        self.table.setObjectName("issue_applications")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Team"),
                self.tr("Notice"),
                self.tr("Status"),
                self.tr("Amount (yuan)"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(self.rows):
            amount = row.amount_fen
            cells = (
                str(row.id),
                row.team_name,
                kind_label(row.notice_kind),
                application_status_label(row.status),
                format_yuan(amount) if amount is not None else "—",
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(APP_ID_ROLE, row.id)
                if c in (0, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.preview = PdfPreview()
        self.preview.setObjectName("issue_preview")
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setSizes([520, 560])
        splitter.setChildrenCollapsible(False)
        self.banner = ErrorBanner()
        self.empty = QLabel(self.tr("Every decided application has its notice."))
        self.empty.setVisible(not self.rows)

        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Issue"), self.issue)
        self.ok_button.setEnabled(False)
        # 抄送: the office's list (Settings → Notices), which this notice may change.
        self.copied_to = QLineEdit(default_copied_to(ctx))
        self.copied_to.setObjectName("issue_copied_to")
        self.copied_to.setPlaceholderText(
            self.tr("Nobody; or 中文名称|English name; another office …")
        )
        copied_row = QHBoxLayout()
        add_labelled(copied_row, self.tr("Copied &to (抄送):"), self.copied_to, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addLayout(copied_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._selected)
        if self.rows:
            at = next((i for i, r in enumerate(self.rows) if r.id == application_id), 0)
            self.table.selectRow(at)

    def current_application(self) -> int | None:
        items = self.table.selectedItems()
        return int(items[0].data(APP_ID_ROLE)) if items else None

    def _selected(self) -> None:
        app_id = self.current_application()
        self.ok_button.setEnabled(app_id is not None and self.ctx.can("notice.issue"))
        self.banner.say("")
        self.preview.clear()
        if app_id is None:
            return
        self._preview_for = app_id
        db = self.ctx.db

        def work(_control: TaskControl) -> bytes:
            return preview_notice(db, app_id)

        def done(pdf: bytes) -> None:
            self._show_preview(app_id, pdf)

        def failed(exc: BaseException) -> None:
            self._preview_failed(app_id, exc)

        run_task(self, work, done, failed, show_progress=False)

    def _show_preview(self, app_id: int, pdf: bytes) -> None:
        if app_id == self._preview_for:  # the person may have moved on meanwhile
            self.preview.load_bytes(pdf)

    def _preview_failed(self, app_id: int, exc: BaseException) -> None:
        if app_id != self._preview_for:
            return
        if isinstance(exc, DeskError):
            self.banner.say(self.ctx.message(exc))
        else:
            from ui.messages import show_exception

            show_exception(self, exc, self.ctx.lang)

    def issue(self) -> None:
        app_id = self.current_application()
        if app_id is None:
            return
        db, actor = self.ctx.db, self.ctx.actor
        copied_to = split_copied_to(self.copied_to.text())
        row = next((r for r in self.rows if r.id == app_id), None)
        team_id = int(row.team_id) if row is not None else None

        def issued(record: NoticeRecord) -> None:
            self.record = record
            self.accept()

        run_op(
            self.ctx,
            self,
            lambda _control: issue_notice(db, actor, app_id, copied_to=copied_to),
            changes=lambda record: [Change(Entity.NOTICE, record.id, team_id)],
            on_success=issued,
            on_failure=lambda exc: self.banner.say(self.ctx.message(exc)),
            busy=[self.ok_button],
        )


def default_copied_to(ctx: DeskContext) -> str:
    """The office's 抄送 list as the dialog shows it: ``中文|English; 中文|English``."""
    from aitown.services.office_notices import notice_settings

    settings = notice_settings(ctx.db)
    return "; ".join(
        zh if zh == en else f"{zh}|{en}"
        for zh, en in zip(settings.copied_to_zh, settings.copied_to_en, strict=True)
    )


def split_copied_to(text: str) -> list[str]:
    """The entries of the 抄送 field (separated by ; or ；), none if it is empty."""
    return [part.strip() for part in text.replace("；", ";").split(";") if part.strip()]
