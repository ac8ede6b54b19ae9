"""A list of eligibility rules (clause, pass / fail / unknown, reason) and the amount's working.

Shows a live :class:`~aitown.policy.results.EligibilityResult` (the application form) or the
record stored with a decision (``EligibilityResult.to_record()``, the application's details).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from aitown.policy.results import clause_label
from ui.i18n import error_lang
from ui.icons import icon
from ui.labels import rule_status_label

STATUS_COLORS = {"pass": "#1e7b45", "fail": "#b03a2e", "unknown": "#9c640c"}


def rules_of(result: Any, lang: str) -> list[tuple[str, str, str]]:
    """(clause, status, reason) of a result object or of its stored record."""
    if result is None:
        return []
    if isinstance(result, dict):
        zh = lang.startswith("zh")
        out = []
        for r in result.get("rules", []):
            reason = r.get("reason_zh" if zh else "reason_en") or ""
            cure = r.get("cure_zh" if zh else "cure_en")
            if cure:
                reason += ("；" if zh else "; ") + cure
            out.append((str(r.get("clause", "")), str(r.get("status", "")), reason))
        return out
    return [(r.clause, r.status, r.reason(lang)) for r in result.rules]


def amount_lines_of(result: Any, lang: str) -> list[str]:
    if result is None:
        return []
    if isinstance(result, dict):
        amount = result.get("amount") or {}
        return list(amount.get("lines_zh" if lang.startswith("zh") else "lines_en") or [])
    return result.amount.lines_in(lang) if result.amount is not None else []


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text. Qt's item views paint wrapped text but size each row
    for one line; this measures the text at the column's width, so no reason is cut off."""

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self.view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        width = self.view.columnWidth(index.column()) - 10  # the cell's text margins
        if width <= 20:
            return base
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        bounds = QRect(0, 0, width, 100_000)
        rect = opt.fontMetrics.boundingRect(bounds, int(Qt.TextFlag.TextWordWrap), opt.text)
        return QSize(base.width(), max(base.height(), rect.height() + 4))


class RuleList(QTreeWidget):
    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = error_lang(lang)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Clause"), self.tr("Result"), self.tr("Reason")])
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.setItemDelegateForColumn(2, WrapDelegate(self))
        header.sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def show_result(self, result: Any) -> None:
        self.clear()
        for clause, status, reason in rules_of(result, self.lang):
            shown = clause_label(clause, self.lang)  # §4.3 / 第4.3条; "status" by its name
            item = QTreeWidgetItem([shown, rule_status_label(status), reason])
            item.setIcon(1, icon(status))
            item.setForeground(1, QBrush(QColor(STATUS_COLORS.get(status, "#000"))))
            item.setToolTip(2, reason)
            self.addTopLevelItem(item)
        for line in amount_lines_of(result, self.lang):
            item = QTreeWidgetItem(["", "", line])
            item.setForeground(2, QBrush(QColor("#555")))
            self.addTopLevelItem(item)

    def texts(self) -> list[str]:
        """Each row as “§clause result reason” (what a person reads; tests look at it)."""
        out = []
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is None:
                continue
            out.append(" ".join(t for t in (item.text(0), item.text(1), item.text(2)) if t))
        return out
