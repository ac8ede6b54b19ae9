"""The Applications and Notices tabs of a team's detail (lists; the work happens in their screens).

Double-clicking an application opens it (``ui.views.applications.open_application``); the
Notices tab lists ``aitown.services.notices.list_notices(db, team_id=...)``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.services.application_list import list_applications
from aitown.services.notices import list_notices
from ui.context import DeskContext
from ui.models.team_applications_model import APPLICATION_ID_ROLE, TeamApplicationsModel
from ui.views.applications import open_application

log = logging.getLogger(__name__)


class TeamApplicationsTab(QWidget):
    def __init__(self, ctx: DeskContext, team_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.model = TeamApplicationsModel(self)
        self.table = QTableView()
        self.table.setObjectName("team_applications_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open)
        hint = QLabel(
            self.tr("Record, review and approve applications in the Applications screen.")
        )
        # Record an application for this team right here (ui/dialogs/application_form.py).
        self.dialog: QWidget | None = None
        self.record_button = QPushButton(self.tr("Record appli&cation…"))
        self.record_button.setObjectName("team_record_application")
        self.record_button.setVisible(ctx.can("application.record"))
        self.record_button.clicked.connect(self.record_application)
        self.materials_button = QPushButton(self.tr("Ma&terials…"))
        self.materials_button.setObjectName("team_application_materials")
        self.materials_button.clicked.connect(self.open_materials)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.materials_button)
        bottom.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.reload()

    def record_application(self) -> None:
        from aitown.services.teams import find_team
        from ui.dialogs.application_form import ApplicationFormDialog

        team = find_team(self.ctx.db, self.team_id)
        self.dialog = ApplicationFormDialog(self.ctx, team=(team.id, team.name_zh), parent=self)
        self.dialog.open()

    def open_materials(self) -> None:
        """The materials of the chosen application (issue 13): checklist, scans, receipt."""
        from ui.dialogs.materials import MaterialsDialog

        index = self.table.currentIndex()
        app_id = index.data(APPLICATION_ID_ROLE) if index.isValid() else None
        if app_id is None:
            return
        self.dialog = MaterialsDialog(self.ctx, int(app_id), self)
        self.dialog.open()

    def reload(self) -> None:
        self.model.set_rows(list_applications(self.ctx.db, team_id=self.team_id))

    def _open(self, index: QModelIndex) -> None:
        open_application(self.ctx, index.data(APPLICATION_ID_ROLE), self)


class TeamNoticesTab(QWidget):
    """Issued notices of the team: number, title, date, who issued it (read-only list; preview and
    printing are in the Notices screen)."""

    def __init__(self, ctx: DeskContext, team_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("team_notices_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Document number"),
                self.tr("Notice"),
                self.tr("Issued on"),
                self.tr("Issued by"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        rows = list_notices(self.ctx.db, team_id=self.team_id)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [
                row.document_number,
                self.ctx.pick(row.title_en, row.title_zh),
                row.issue_date or "",
                row.issued_by,
            ]
            for c, value in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.table.resizeColumnsToContents()
