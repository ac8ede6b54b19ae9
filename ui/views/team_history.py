"""The History tab of a team's detail: audit events of the team, its members, leases, applications.

Everyone who may see the team sees its history (aitown.services.audit_log.team_history); the
whole audit log stays with ``audit.view``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from aitown.services.audit_log import team_history as history_of_team
from aitown.services.event_lines import EventLine, event_lines
from ui.context import DeskContext
from ui.models.history_model import COL_WHAT, HistoryModel


def team_history(ctx: DeskContext, team_id: int) -> list[EventLine]:
    """Newest first: the events of the team, its members, its leases and its applications, each
    in plain words."""
    return event_lines(ctx.db, history_of_team(ctx.db, ctx.actor, team_id))


class TeamHistoryTab(QWidget):
    def __init__(self, ctx: DeskContext, team_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setObjectName("team_history_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(team_history(self.ctx, self.team_id))
