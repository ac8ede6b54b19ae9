"""The Teams table over the database: it filters, sorts and pages; the model caches row blocks.

With 100,000 teams nothing is loaded up front: ``rowCount`` is ``count_teams`` for the current
query, and ``data()`` asks ``search_teams`` for the block of rows the view is painting
(``BLOCK`` rows at a time, the last ``MAX_BLOCKS`` blocks kept). Sorting a column is done by the
database (``sort()`` changes the query's sort), so the scroll bar is true and smooth.

A search text that most of 1,000,000 teams contain is not counted exactly at each keystroke
(``search_teams_page`` estimates it, ``count_exact`` False): the rows are exact, and the count is
settled — counted — once the view reaches the estimated end (rows inserted or removed there).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from aitown.db import Database
from aitown.services.team_search import TeamListRow
from aitown.services.teams import TeamQuery, count_teams, search_teams, search_teams_page
from ui.i18n import QT_TRANSLATE_NOOP
from ui.labels import focus_label, status_label
from ui.tasks import run_task

BLOCK = 200
MAX_BLOCKS = 40

COL_NAME_ZH = 0
COL_NAME_EN = 1
COL_USCC = 2
COL_LEGAL_REP = 3
COL_FOUNDED = 4
COL_DISTRICT = 5
COL_HEADCOUNT = 6
COL_AI_FOCUS = 7
COL_STATUS = 8

# (column key in search_teams rows and TeamQuery.sort, header text marked for lupdate)
HEADERS = (
    ("name_zh", QT_TRANSLATE_NOOP("TeamsModel", "Chinese name")),
    ("name_en", QT_TRANSLATE_NOOP("TeamsModel", "English name")),
    ("uscc", QT_TRANSLATE_NOOP("TeamsModel", "Credit code")),
    ("legal_rep", QT_TRANSLATE_NOOP("TeamsModel", "Legal representative")),
    ("founded_on", QT_TRANSLATE_NOOP("TeamsModel", "Founded")),
    ("district", QT_TRANSLATE_NOOP("TeamsModel", "District")),
    ("headcount", QT_TRANSLATE_NOOP("TeamsModel", "Headcount")),
    ("ai_focus", QT_TRANSLATE_NOOP("TeamsModel", "AI focus")),
    ("status", QT_TRANSLATE_NOOP("TeamsModel", "Status")),
)

TEAM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEAM_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_KEY_ROLE = Qt.ItemDataRole.UserRole + 3
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TIP = Qt.ItemDataRole.ToolTipRole
# The roles data() answers. A repaint asks each visible cell for a dozen roles (font, colours,
# decoration, size…): the others are refused before the row is looked up — that was half the
# Python time of a keystroke's repaint (~1,400 calls).
_ANSWERED = frozenset({_DISPLAY, _ALIGN, _TIP, TEAM_ID_ROLE, TEAM_ROW_ROLE, SORT_KEY_ROLE})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class TeamsModel(QAbstractTableModel):
    """Rows of ``search_teams`` for a :class:`TeamQuery`, fetched block by block as shown."""

    def __init__(
        self, db: Database, lang: str = "en", parent: Any = None, *, sort: str = "id"
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.lang = lang
        # The view passes the column its header starts sorted by: the first page is read once,
        # already in that order (not by id, then again when the header sorts it).
        self.query = TeamQuery(limit=BLOCK, sort=sort)
        self._count = 0
        self.count_exact = True
        self._settling = False
        self._blocks: OrderedDict[int, list[TeamListRow]] = OrderedDict()
        self.fetches = 0  # how many pages were read (the benchmark and tests look at it)
        self.reload()

    # --- the query -----------------------------------------------------------------------------

    def set_query(self, query: TeamQuery) -> None:
        """Show the teams of another query (search text, filters, sort): one model reset."""
        self.beginResetModel()
        self.query = replace(query, offset=0, limit=BLOCK)
        self._blocks.clear()
        # The count and the first block in one call: the view paints the first rows at once.
        page = search_teams_page(self.db, self.query)
        self._count, self.count_exact = page.count, page.exact
        self._blocks[0] = page.rows
        if not page.exact and len(page.rows) < BLOCK:
            self._count, self.count_exact = len(page.rows), True
        self.fetches += 1
        self.endResetModel()

    def reload(self) -> None:
        """Read again (after a change), keeping the query."""
        self.set_query(self.query)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        key = HEADERS[column][0]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.sort and descending == self.query.descending:
            return
        self.set_query(replace(self.query, sort=key, descending=descending))

    # --- rows ----------------------------------------------------------------------------------

    def row_data(self, row: int) -> TeamListRow | None:
        if not 0 <= row < self._count:
            return None
        block_no, at = divmod(row, BLOCK)
        block = self._blocks.get(block_no)
        if block is None:
            block = search_teams(self.db, replace(self.query, offset=block_no * BLOCK, limit=BLOCK))
            self.fetches += 1
            self._blocks[block_no] = block
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
            last_block = (self._count - 1) // BLOCK
            if not self.count_exact and (len(block) < BLOCK or block_no >= last_block):
                self._settle_later()
        else:
            self._blocks.move_to_end(block_no)
        return block[at] if at < len(block) else None

    def _settle_later(self) -> None:
        # Not inside data(): the view is painting; count once the event loop is free.
        if not self._settling:
            self._settling = True
            QTimer.singleShot(0, self.settle_count)

    def settle_count(self) -> None:
        """Replace an estimated count by the exact one (rows inserted or removed at the end),
        counted off the GUI thread: a text most of 1,000,000 teams hold takes seconds to count."""
        self._settling = False
        if self.count_exact:
            return
        query = self.query
        run_task(
            None,
            lambda _control: count_teams(self.db, query),
            lambda exact: self._settled(query, exact),
            label="count",
            cancellable=False,
            show_progress=False,
        )

    def _settled(self, query: TeamQuery, exact: int) -> None:
        if query != self.query or self.count_exact:  # another search came meanwhile
            return
        if exact < self._count:
            self.beginRemoveRows(QModelIndex(), exact, self._count - 1)
            self._count, self.count_exact = exact, True
            self.endRemoveRows()
        elif exact > self._count:
            self.beginInsertRows(QModelIndex(), self._count, exact - 1)
            self._count, self.count_exact = exact, True
            self.endInsertRows()
        else:
            self.count_exact = True
            self.layoutChanged.emit()

    def team_id(self, row: int) -> int | None:
        data = self.row_data(row)
        return data.id if data else None

    def row_of_team(self, team_id: int) -> int | None:
        """The row of a team among the blocks already read (None if not read yet)."""
        for block_no, block in self._blocks.items():
            for at, data in enumerate(block):
                if data.id == team_id:
                    return block_no * BLOCK + at
        return None

    # --- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("TeamsModel", HEADERS[section][1])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        col = index.column()
        if role == _ALIGN:
            return _RIGHT if col == COL_HEADCOUNT else None
        row = self.row_data(index.row())
        if row is None:
            return None
        key = HEADERS[col][0]
        if role == _DISPLAY:
            value = getattr(row, key)
            if key == "status":
                return status_label(str(value))
            if key == "ai_focus":
                return focus_label(str(value or ""))
            if value is None:
                return ""
            return str(value)
        if role == _TIP and col in (COL_NAME_ZH, COL_NAME_EN):
            return f"{row.name_zh}\n{row.name_en}".strip()
        if role == TEAM_ID_ROLE:
            return row.id
        if role == TEAM_ROW_ROLE:
            return row
        if role == SORT_KEY_ROLE:
            return getattr(row, key)
        return None
