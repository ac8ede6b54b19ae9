"""The table model every in-memory list of rows shares: the rows, the headers, the cell guards.

A subclass names its columns and says how a cell reads::

    class PoolsModel(RowTableModel[PoolUsage]):
        CONTEXT = "PoolsModel"
        HEADERS = (QT_TRANSLATE_NOOP("PoolsModel", "Pool"), ...)
        RIGHT_ALIGNED = frozenset({COL_TOTAL, ...})

        def display(self, row: PoolUsage, col: int) -> Any: ...
        def role_data(self, row: PoolUsage, col: int, role: int) -> Any: ...  # tooltips, colours

CONTEXT must stay the context the HEADERS (and the subclass's other texts) are marked with, so
that the translations in resources/i18n keep matching.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

T = TypeVar("T")

ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows held in memory and replaced in one reset; subclasses give the cells' texts."""

    CONTEXT: ClassVar[str] = ""
    HEADERS: ClassVar[tuple[str, ...]] = ()
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[T] = []

    # --- rows ----------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def key(self, row: T) -> Any:
        """What ``row_of`` looks for; the rows' ``id`` (a dict row's key, else the attribute)
        unless a subclass says otherwise."""
        return row["id"] if isinstance(row, Mapping) else getattr(row, "id")  # noqa: B009

    def row_of(self, key: Any) -> int | None:
        for at, data in enumerate(self._rows):
            if self.key(data) == key:
                return at
        return None

    def translated(self, text: str) -> str:
        """``text`` (marked with QT_TRANSLATE_NOOP in CONTEXT) in the application's language."""
        return QCoreApplication.translate(self.CONTEXT, text)

    # --- hooks ---------------------------------------------------------------------------------

    def display(self, row: T, col: int) -> Any:
        """The text of a cell (DisplayRole)."""
        raise NotImplementedError

    def role_data(self, row: T, col: int, role: int) -> Any:
        """Any other role of a cell (tooltips, colours, the subclass's own roles); None if none."""
        return None

    # --- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.translated(self.HEADERS[section])
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.RIGHT_ALIGNED:
            return ALIGN_RIGHT
        return self.role_data(row, col, role)
