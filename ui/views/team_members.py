"""The Members tab of a team's detail."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitown.services.list_tables import members_table
from aitown.services.teams import team_members
from ui.context import DeskContext
from ui.dialogs.member_form import MemberFormDialog
from ui.models.members_model import COL_NAME, COL_ROLE, MembersModel
from ui.widgets.list_export import ListExportBar


class TeamMembersTab(QWidget):
    def __init__(self, ctx: DeskContext, team_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.model = MembersModel(self)
        self.table = QTableView()
        self.table.setObjectName("members_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.edit_member())

        self.add_button = QPushButton(self.tr("A&dd member…"))
        self.add_button.setObjectName("member_add")
        self.edit_button = QPushButton(self.tr("Edit mem&ber…"))
        for button in (self.add_button, self.edit_button):
            button.setVisible(ctx.can("member.edit"))
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_member)
        self.note = QLabel()
        if not ctx.can("personal_data.view"):
            self.note.setText(
                self.tr("Identity-card numbers and phone numbers are masked for your role.")
            )

        self.export_bar = ListExportBar(
            ctx, "members", lambda: partial(members_table, ctx.db, ctx.actor, team_id)
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.note)
        buttons.addStretch(1)
        buttons.addWidget(self.export_bar)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.dialog: MemberFormDialog | None = None
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(team_members(self.ctx.db, self.team_id, viewer=self.ctx.actor))
        self.table.resizeColumnToContents(COL_NAME)
        self.table.resizeColumnToContents(COL_ROLE)

    def add_member(self) -> None:
        self.dialog = MemberFormDialog(self.ctx, self.team_id, parent=self)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()

    def edit_member(self) -> None:
        if not self.ctx.can("member.edit"):
            return
        member = self.model.member(self.table.currentIndex().row())
        if member is None:
            return
        self.dialog = MemberFormDialog(self.ctx, self.team_id, member, parent=self)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()
