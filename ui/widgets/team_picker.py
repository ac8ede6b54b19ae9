"""Choose a team by typing part of its name, credit code or legal representative."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.services.teams import TeamQuery, search_teams

MAX_RESULTS = 30


def team_chosen(text: str) -> None:
    """The form check of a TeamPicker field: a team must be picked from the list."""
    if not text:
        raise ValidationError(
            "Choose the team: type part of its name and pick it from the list.",
            "请选择团队：输入名称的一部分，并在列表中选择。",
            field="team",
        )


class TeamPicker(QWidget):
    """A search box over a short list of matches; ``team_id`` is the chosen team (or None)."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.team_id: int | None = None
        self.team_name = ""
        self.search = QLineEdit()
        self.search.setObjectName("team_picker_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Type a name, credit code or legal representative"))
        self.results = QListWidget()
        self.results.setObjectName("team_picker_results")
        self.results.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(self._timer.start)
        self.results.currentItemChanged.connect(self._picked)
        self.setFocusProxy(self.search)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        rows = search_teams(
            self.db, TeamQuery(text=self.search.text(), sort="name_zh", limit=MAX_RESULTS)
        )
        self.results.blockSignals(True)
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(f"{row['name_zh']}  ·  {row['uscc']}")
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            item.setData(Qt.ItemDataRole.UserRole + 1, row["name_zh"])
            self.results.addItem(item)
            if row["id"] == self.team_id:
                self.results.setCurrentItem(item)
        self.results.blockSignals(False)

    def _picked(self, item: QListWidgetItem | None) -> None:
        self.team_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.team_name = item.data(Qt.ItemDataRole.UserRole + 1) if item else ""
        self.changed.emit()

    def set_team(self, team_id: int, name: str) -> None:
        """Fix the choice (a lease started from a team's own page)."""
        self.team_id, self.team_name = team_id, name
        self.search.setText(name)
        self.refresh()
        self.changed.emit()

    def form_text(self) -> str:
        return str(self.team_id) if self.team_id is not None else ""
