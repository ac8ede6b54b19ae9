"""The helpers the dialogs and list screens share: form placement, OK/Cancel, captions, list tables."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot

from aitown.errors import ValidationError
from ui.models.notices_model import NoticesModel
from ui.widgets.form import add_checked_form, add_form_buttons, add_labelled, ok_cancel_buttons
from ui.widgets.list_table import list_table


def needs_text(text: str) -> None:
    if not text:
        raise ValidationError("Type something.", "请输入内容。", field="name")


def test_the_form_banner_stands_above_its_rows(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    form = add_checked_form(layout, "en", dialog)
    form.add("name", "&Name:", QLineEdit(), needs_text)
    assert layout.itemAt(0).widget() is form.banner
    assert layout.itemAt(1).layout() is form.layout
    assert form.layout.rowCount() == 1
    assert not form.revalidate()


def test_ok_runs_the_save_and_cancel_rejects(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    saved: list[bool] = []
    buttons, ok = ok_cancel_buttons(dialog, "&Save", lambda: saved.append(True))
    QVBoxLayout(dialog).addWidget(buttons)
    dialog.show()
    assert ok.text() == "&Save"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert saved == [True] and dialog.isVisible()  # saving decides whether to accept
    buttons.rejected.emit()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_form_buttons_enable_ok_exactly_while_the_form_is_valid(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    form = add_checked_form(layout, "en", dialog)
    name = QLineEdit()
    form.add("name", "&Name:", name, needs_text)
    buttons, ok = add_form_buttons(dialog, layout, form, "&Add", dialog.accept)
    assert layout.itemAt(layout.count() - 1).widget() is buttons
    assert not ok.isEnabled()  # checked at once: the name is empty
    qtbot.keyClicks(name, "x")
    assert ok.isEnabled()
    name.clear()
    assert not ok.isEnabled()


def test_a_caption_moves_the_focus_to_its_widget(qtbot: QtBot) -> None:
    row = QHBoxLayout()
    edit = QLineEdit()
    label = add_labelled(row, "&Search:", edit, 2)
    assert isinstance(label, QLabel) and label.buddy() is edit
    assert row.itemAt(0).widget() is label and row.itemAt(1).widget() is edit
    assert row.stretch(1) == 2


def test_a_list_table_selects_rows_on_single_lines(qtbot: QtBot) -> None:
    model = NoticesModel()
    table = list_table(
        "some_table", model, QAbstractItemView.SelectionMode.ExtendedSelection, row_height=24
    )
    qtbot.addWidget(table)
    assert table.objectName() == "some_table" and table.model() is model
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert table.alternatingRowColors() and not table.wordWrap()
    assert table.verticalHeader().isHidden()
    assert table.verticalHeader().defaultSectionSize() == 24
    assert not table.horizontalHeader().highlightSections()
    single = list_table("other", model)
    qtbot.addWidget(single)
    assert single.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
