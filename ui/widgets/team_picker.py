"""Choose a team by typing part of its name, credit code or legal representative."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.services.teams import TeamQuery, search_teams

MAX_RESULTS = 30
VISIBLE_ROWS = 5
CODE_ROLE = Qt.ItemDataRole.UserRole + 2


def team_chosen(text: str) -> None:
    """The form check of a TeamPicker field: a team must be picked from the list."""
    if not text:
        raise ValidationError(
            "Choose the team: type part of its name and pick it from the list.",
            "请选择团队：输入名称的一部分，并在列表中选择。",
            field="team",
        )


class NameAndCodeDelegate(QStyledItemDelegate):
    """A row as the name (shortened at its end if need be) and, right-aligned and always whole,
    the credit code: two teams of the same name are told apart by it."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:  # noqa: N802
        # As wide as the list (never wider: the code at the right edge must be in view).
        hint = super().sizeHint(option, index)
        return QSize(1, hint.height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        code = str(index.data(CODE_ROLE) or "")
        name = str(index.data(Qt.ItemDataRole.UserRole + 1) or "")
        if not code:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = opt.rect.adjusted(4, 0, -4, 0)
        if opt.widget is not None and hasattr(opt.widget, "viewport"):
            rect.setRight(min(rect.right(), opt.widget.viewport().width() - 4))
        metrics = opt.fontMetrics
        code_width = metrics.horizontalAdvance(code)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignRight, code)
        room = max(rect.width() - code_width - 12, 0)
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignLeft, shown)
        painter.restore()


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
        # Two teams of the same name differ by their credit code: a long name is shortened in
        # the middle, never the code at the end, and the list keeps room for several rows (it
        # takes the dialog's extra height rather than shrinking to one row).
        self.results.setItemDelegate(NameAndCodeDelegate(self.results))
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setUniformItemSizes(True)
        row = self.results.fontMetrics().height() + 4
        self.results.setMinimumHeight(VISIBLE_ROWS * row + 6)
        self.results.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
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
            item = QListWidgetItem(f"{row.name_zh}  ·  {row.uscc}")
            item.setToolTip(
                "\n".join(
                    str(v)
                    for v in (row.name_zh, row.name_en, row.uscc, row.legal_rep)
                    if v
                )
            )  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.name_zh)
            item.setData(CODE_ROLE, row.uscc)
            self.results.addItem(item)
            if row.id == self.team_id:
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
