"""The History tab of a team's detail: audit events of the team, its members, leases, applications.

Reading the audit log is the right ``audit.view`` (reviewers and administrators); the tab is not
offered to anyone else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from aitown.services.audit_log import list_events
from aitown.services.leases import team_leases
from aitown.services.teams import team_members
from ui.context import DeskContext
from ui.models.history_model import COL_DETAILS, HistoryModel
from ui.optional import optional_function

PER_RECORD = 200


def team_history(ctx: DeskContext, team_id: int) -> list[Any]:
    """Newest first: the events of the team, its members, its leases and its applications."""
    records: list[tuple[str, int]] = [("team", team_id)]
    records += [("member", m.id) for m in team_members(ctx.db, team_id)]
    records += [("lease", ls.id) for ls in team_leases(ctx.db, team_id)]
    list_applications = optional_function("aitown.services.applications", "list_applications")
    if callable(list_applications):
        records += [("application", a["id"]) for a in list_applications(ctx.db, team_id=team_id)]
    list_notices = optional_function("aitown.services.notices", "list_notices")
    if callable(list_notices):
        records += [("notice", n["id"]) for n in list_notices(ctx.db, team_id=team_id)]
    events: dict[int, Any] = {}
    for entity, entity_id in records:
        for ev in list_events(
            ctx.db, ctx.actor, entity=entity, entity_id=str(entity_id), limit=PER_RECORD
        ):
            events[ev.id] = ev
    return [events[k] for k in sorted(events, reverse=True)]


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
        header.setSectionResizeMode(COL_DETAILS, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(team_history(self.ctx, self.team_id))
