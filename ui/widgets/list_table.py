"""The big table of a list screen (Teams, Applications, Notices, Audit log), set up one way."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView


def list_table(
    name: str,
    model: QAbstractItemModel,
    selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
    row_height: int = 26,
) -> QTableView:
    """A table of ``model`` named ``name``: whole rows selected, rows shaded in turn, one line of
    ``row_height`` pixels each, no row numbers, and a header that does not light up with the
    selection. Column widths and stretching are the screen's own."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.horizontalHeader().setHighlightSections(False)
    return table
