"""The Applications queue: filter by status (default: submitted, “to review”) and benefit; record,
submit, approve / reject (alone or in a batch with its what-if preview), disburse, revoke — each
action offered only to the roles that may take it (the services refuse the others anyway)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import ApplicationStatus
from aitown.errors import DeskError
from aitown.models import APPLICATION_STATUSES, BENEFITS
from aitown.services.application_list import ApplicationRow, list_applications
from aitown.services.applications import disburse_application, submit_application
from aitown.services.list_tables import applications_table
from ui import messages
from ui.changes import Change, Entity, subscribe
from ui.context import DeskContext
from ui.dialogs.application_form import ApplicationFormDialog
from ui.dialogs.batch_approve import BatchApproveDialog
from ui.dialogs.decision import APPROVE, REJECT, REVOKE, DecisionDialog
from ui.i18n import error_lang
from ui.labels import application_status_label, benefit_label
from ui.models.applications_model import (
    COL_AMOUNT,
    COL_APPLIED,
    COL_BENEFIT,
    COL_ID,
    COL_STATUS,
    COL_TEAM,
    ApplicationsModel,
)
from ui.ops import run_op
from ui.tasks import TaskControl
from ui.widgets.application_details import ApplicationDetails
from ui.widgets.flow_layout import flow_row
from ui.widgets.form import add_labelled
from ui.widgets.list_export import ListExportBar
from ui.widgets.list_table import list_table

COLUMN_WIDTHS = {COL_ID: 55, COL_BENEFIT: 120, COL_STATUS: 80, COL_AMOUNT: 105, COL_APPLIED: 95}
DEFAULT_STATUS = ApplicationStatus.SUBMITTED
TEAM_COLUMN_MIN = 120
NOTICE_STATUSES = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.REVOKED,
)


def open_application(
    ctx: DeskContext, application_id: int, parent: QWidget | None = None
) -> QDialog:
    """Show one application's details in a window (the team detail's Applications tab uses it)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("ApplicationsView", "Application no. {id}").format(
            id=application_id
        )
    )
    dialog.setMinimumSize(700, 560)
    details = ApplicationDetails(ctx, dialog)
    details.show_application(application_id)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    materials = buttons.addButton(
        QCoreApplication.translate("ApplicationsView", "&Materials…"),
        QDialogButtonBox.ButtonRole.ActionRole,
    )
    materials.setObjectName("application_materials")

    def open_materials() -> None:
        from ui.dialogs.materials import MaterialsDialog

        shown = MaterialsDialog(ctx, application_id, dialog)
        shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shown.open()

    materials.clicked.connect(open_materials)
    layout = QVBoxLayout(dialog)
    layout.addWidget(details, 1)
    layout.addWidget(buttons)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class ApplicationsView(QWidget):
    team_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self.model = ApplicationsModel(self)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("applications_status_filter")
        self.status_filter.addItem(self.tr("To review (submitted)"), ApplicationStatus.SUBMITTED)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in APPLICATION_STATUSES:
            if status != ApplicationStatus.SUBMITTED:
                self.status_filter.addItem(application_status_label(status), status)
        self.benefit_filter = QComboBox()
        self.benefit_filter.setObjectName("applications_benefit_filter")
        self.benefit_filter.addItem(self.tr("All benefits"), None)
        for kind in BENEFITS:
            self.benefit_filter.addItem(benefit_label(kind), kind)
        filters = QHBoxLayout()
        add_labelled(filters, self.tr("S&tatus:"), self.status_filter)
        add_labelled(filters, self.tr("&Benefit:"), self.benefit_filter)
        filters.addStretch(1)

        self.table = list_table(
            "applications_table", self.model, QAbstractItemView.SelectionMode.ExtendedSelection
        )
        for col, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(COL_TEAM, QHeaderView.ResizeMode.Stretch)
        # The Team column (stretching) keeps room for a name in a narrow window: the details
        # panel beside it gives way first.
        self.table.setMinimumWidth(sum(COLUMN_WIDTHS.values()) + TEAM_COLUMN_MIN + 24)
        self.details = ApplicationDetails(ctx)
        self.details.setObjectName("applications_details")
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 460])
        splitter.setChildrenCollapsible(False)

        self.record_button = self._button(
            "applications_record", self.tr("&Record…"), "application.record", self.record
        )
        self.submit_button = self._button(
            "applications_submit", self.tr("S&ubmit"), "application.submit", self.submit
        )
        self.approve_button = self._button(
            "applications_approve", self.tr("&Approve…"), "application.decide", self.approve
        )
        self.reject_button = self._button(
            "applications_reject", self.tr("Re&ject…"), "application.decide", self.reject_selected
        )
        self.batch_button = self._button(
            "applications_batch",
            self.tr("Approve &several…"),
            "application.decide",
            self.batch_approve,
        )
        self.disburse_button = self._button(
            "applications_disburse", self.tr("Mark &paid"), "application.disburse", self.disburse
        )
        self.revoke_button = self._button(
            "applications_revoke", self.tr("Re&voke…"), "application.revoke", self.revoke
        )
        self.notice_button = self._button(
            "applications_notice", self.tr("Issue &notice"), "notice.issue", self.issue_notice
        )
        # Issue 13: the checklist, scans, receipt and return for correction of one application.
        self.materials_button = QPushButton(self.tr("&Materials…"))
        self.materials_button.setObjectName("applications_materials")
        self.materials_button.clicked.connect(self.open_materials)
        self.team_button = QPushButton(self.tr("&Open team"))
        self.team_button.setObjectName("applications_team")
        self.team_button.clicked.connect(self.open_team)
        self.count_label = QLabel()
        self.count_label.setObjectName("applications_count")

        self.export_bar = ListExportBar(ctx, "applications", lambda: partial(
            applications_table, ctx.db, ctx.actor, status=self.status_filter.currentData(),
            benefit=self.benefit_filter.currentData()))  # fmt: skip
        # The list's export bar sits with the filters it exports: with nine action buttons the
        # bottom row would not fit 1366 px in English.
        filters.addWidget(self.export_bar)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        # The buttons wrap onto a second line in a narrow window (1024 px) instead of widening it.
        buttons = flow_row(
            self.team_button,
            self.materials_button,
            self.record_button,
            self.submit_button,
            self.approve_button,
            self.reject_button,
            self.batch_button,
            self.disburse_button,
            self.revoke_button,
            self.notice_button,
            align_right=True,
        )
        actions.addWidget(buttons, 1)

        title = QLabel(self.tr("Applications"))
        title.setObjectName("screenTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

        self.status_filter.currentIndexChanged.connect(self.reload)
        self.benefit_filter.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self._activated())
        subscribe(
            ctx.changes,
            self,
            (
                Entity.APPLICATION,
                Entity.TEAM,
            ),
            self.reload,
        )
        self.reload()

    def _button(self, name: str, text: str, right: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setVisible(self.ctx.can(right))
        button.clicked.connect(slot)
        return button

    # --- rows -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the applications of the current filters again, keeping the selection."""
        keep = self.selected_ids()
        try:
            rows = list_applications(
                self.ctx.db,
                status=self.status_filter.currentData(),
                benefit=self.benefit_filter.currentData(),
            )
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            rows = []
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%n application(s)", "", len(rows)))
        selection = self.table.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        kept = [row for row in (self.model.row_of(app_id) for app_id in keep) if row is not None]
        for row in kept:
            selection.select(self.model.index(row, 0), flags)
        if not kept and rows:
            self.table.selectRow(0)  # the first one's details, rather than an empty panel
        self._selection_changed(QItemSelection(), QItemSelection())

    def refresh(self) -> None:
        self.reload()

    def show_status(self, status: str | None) -> None:
        """Filter by a status (None: all)."""
        at = self.status_filter.findData(status)
        self.status_filter.setCurrentIndex(max(at, 0))

    def selected_rows(self) -> list[ApplicationRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row(i) for i in rows) if r is not None]

    def selected_ids(self) -> list[int]:
        return [int(r.id) for r in self.selected_rows()]

    def select_application(self, application_id: int) -> bool:
        row = self.model.row_of(application_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.selected_rows()
        statuses = {r.status for r in rows}
        one = len(rows) == 1
        self.submit_button.setEnabled(
            bool(rows) and statuses <= {ApplicationStatus.DRAFT, ApplicationStatus.RETURNED}
        )
        self.materials_button.setEnabled(one)
        self.approve_button.setEnabled(one and statuses == {ApplicationStatus.SUBMITTED})
        self.reject_button.setEnabled(one and statuses == {ApplicationStatus.SUBMITTED})
        self.batch_button.setEnabled(bool(rows) and ApplicationStatus.SUBMITTED in statuses)
        self.disburse_button.setEnabled(one and statuses == {ApplicationStatus.APPROVED})
        self.revoke_button.setEnabled(
            one
            and statuses <= {ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED}
            and bool(rows)
        )
        self.notice_button.setEnabled(one and bool(statuses & set(NOTICE_STATUSES)))
        self.team_button.setEnabled(one)
        if one:
            self.details.show_application(int(rows[0].id))
        else:
            self.details.clear()

    # --- actions ----------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def record(self) -> None:
        self._open(ApplicationFormDialog(self.ctx, parent=self))

    def submit(self) -> None:
        db, actor, lang = self.ctx.db, self.ctx.actor, error_lang(self.ctx.lang)
        rows = [(int(r.id), int(r.team_id)) for r in self.selected_rows()]

        def submit_each(_control: TaskControl) -> list[str]:
            """Submit every selected draft; the sentences of those refused."""
            problems = []
            for app_id, _team in rows:
                try:
                    submit_application(db, actor, app_id)
                except DeskError as exc:
                    problems.append(exc.message_for(lang))
            return problems

        def submitted(problems: list[str]) -> None:
            if problems:
                messages.show_error(self, "\n".join(problems))

        run_op(
            self.ctx,
            self,
            submit_each,
            changes=[Change(Entity.APPLICATION, app_id, team) for app_id, team in rows],
            on_success=submitted,
            busy=[self.submit_button],
        )

    def _decide(self, action: str) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self._open(DecisionDialog(self.ctx, action, ids[0], self))

    def approve(self) -> None:
        self._decide(APPROVE)

    def reject_selected(self) -> None:
        self._decide(REJECT)

    def revoke(self) -> None:
        self._decide(REVOKE)

    def batch_approve(self) -> None:
        # First come, first served: when a pool runs short, the earlier applications get it.
        ids = sorted(
            int(r.id) for r in self.selected_rows() if r.status == ApplicationStatus.SUBMITTED
        )
        if ids:
            self._open(BatchApproveDialog(self.ctx, ids, self))

    def disburse(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        if not messages.ask(
            self,
            self.tr("Record that the amount of application no. {id} was paid out?").format(
                id=ids[0]
            ),
        ):
            return
        db, actor, app_id = self.ctx.db, self.ctx.actor, ids[0]
        team_id = int(self.selected_rows()[0].team_id)
        run_op(
            self.ctx,
            self,
            lambda _control: disburse_application(db, actor, app_id),
            changes=[Change(Entity.APPLICATION, app_id, team_id), Change(Entity.POOL)],
            busy=[self.disburse_button],
        )

    def issue_notice(self) -> None:
        from ui.views.notices import issue_notice_for

        ids = self.selected_ids()
        if len(ids) == 1:
            self.dialog = issue_notice_for(self.ctx, ids[0], self)

    def open_materials(self) -> None:
        from ui.dialogs.materials import MaterialsDialog

        ids = self.selected_ids()
        if len(ids) == 1:
            self._open(MaterialsDialog(self.ctx, ids[0], self))

    def open_team(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.team_activated.emit(int(rows[0].team_id))

    def _activated(self) -> None:
        # Enter or double-click: the main action for the row in this role.
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        status = rows[0].status
        if status == ApplicationStatus.SUBMITTED and self.ctx.can("application.decide"):
            self.approve()
        else:
            self.open_team()
