"""RowTableModel, the base of the in-memory tables: rows, headers, guards, alignment, hooks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QApplication

from ui import i18n_update
from ui.models import (
    applications_model,
    audit_model,
    history_model,
    leases_model,
    members_model,
    notices_model,
    pools_model,
    spaces_model,
    team_applications_model,
    users_model,
)
from ui.models.row_model import ALIGN_RIGHT, RowTableModel

TAG_ROLE = Qt.ItemDataRole.UserRole + 7


class Fruit(RowTableModel[dict[str, Any]]):
    CONTEXT = "FruitModel"
    HEADERS = (QT_TRANSLATE_NOOP("FruitModel", "Name"), QT_TRANSLATE_NOOP("FruitModel", "Count"))
    RIGHT_ALIGNED = frozenset({1})

    def key(self, row: dict[str, Any]) -> Any:
        return row["name"]

    def display(self, row: dict[str, Any], col: int) -> Any:
        return row["name"] if col == 0 else str(row["count"])

    def role_data(self, row: dict[str, Any], col: int, role: int) -> Any:
        return f"tag {row['name']}" if role == TAG_ROLE else None


@pytest.fixture
def fruit(qapp: QApplication) -> Fruit:
    model = Fruit()
    model.set_rows([{"name": "apple", "count": 3}, {"name": "pear", "count": 12}])
    return model


def test_set_rows_replaces_the_rows_in_one_reset(fruit: Fruit) -> None:
    resets = QSignalSpy(fruit.modelReset)
    fruit.set_rows(iter([{"name": "fig", "count": 1}]))
    assert resets.count() == 1
    assert fruit.rowCount() == 1
    assert fruit.row(0) == {"name": "fig", "count": 1}


def test_rows_are_found_by_position_and_by_key(fruit: Fruit) -> None:
    assert fruit.row(1) == {"name": "pear", "count": 12}
    assert fruit.row(2) is None and fruit.row(-1) is None
    assert fruit.row_of("pear") == 1
    assert fruit.row_of("plum") is None


def test_a_table_has_no_children(fruit: Fruit) -> None:
    assert (fruit.rowCount(), fruit.columnCount()) == (2, 2)
    inside = fruit.index(0, 0)
    assert (fruit.rowCount(inside), fruit.columnCount(inside)) == (0, 0)


def test_only_horizontal_display_headers_in_range(fruit: Fruit) -> None:
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert [fruit.headerData(s, horizontal) for s in range(-1, 3)] == [None, "Name", "Count", None]
    assert fruit.headerData(0, vertical) is None
    assert fruit.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) is None


def test_cells_read_through_the_hooks_and_numbers_align_right(fruit: Fruit) -> None:
    assert fruit.data(fruit.index(1, 1)) == "12"
    assert fruit.data(fruit.index(1, 0), TAG_ROLE) == "tag pear"
    align = Qt.ItemDataRole.TextAlignmentRole
    assert fruit.data(fruit.index(0, 1), align) == ALIGN_RIGHT
    assert fruit.data(fruit.index(0, 0), align) is None
    assert fruit.data(fruit.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None
    assert fruit.data(fruit.index(5, 0)) is None


MODELS = [
    applications_model.ApplicationsModel,
    audit_model.AuditModel,
    history_model.HistoryModel,
    leases_model.LeasesModel,
    members_model.MembersModel,
    notices_model.NoticesModel,
    pools_model.PoolsModel,
    spaces_model.SpacesModel,
    team_applications_model.TeamApplicationsModel,
    users_model.UsersModel,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_headers_are_translated_in_the_models_context(model: type[RowTableModel]) -> None:
    # HEADERS are looked up in CONTEXT at run time; lupdate files them under the context named in
    # QT_TRANSLATE_NOOP. The two must agree or the headers silently stay English.
    catalogue = ET.parse(i18n_update.ts_path("zh_CN")).getroot()
    translated = {
        message.findtext("source")
        for context in catalogue.iter("context")
        if context.findtext("name") == model.CONTEXT
        for message in context.iter("message")
        if (message.findtext("translation") or "").strip()
    }
    assert model.HEADERS and set(model.HEADERS) <= translated
