"""The Eligibility tab: every benefit, and under it every rule with pass / fail / unknown, its
clause, the reason with the facts used, and what would change the outcome."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.policy.model import Policy
from aitown.services.eligibility import check_team
from aitown.services.policies import current_policy
from ui.context import DeskContext
from ui.i18n import error_lang
from ui.icons import icon
from ui.labels import benefit_label, rule_status_label

log = logging.getLogger(__name__)

STATUS_COLORS = {"pass": "#1e7b45", "fail": "#b03a2e", "unknown": "#9c640c"}
COL_ITEM, COL_STATUS, COL_REASON = 0, 1, 2


class TeamEligibilityTab(QWidget):
    def __init__(self, ctx: DeskContext, team_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.lang = error_lang(ctx.lang)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.recheck = QPushButton(self.tr("Check a&gain"))
        self.recheck.clicked.connect(self.reload)
        self.tree = QTreeWidget()
        self.tree.setObjectName("eligibility_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(
            [self.tr("Benefit / clause"), self.tr("Result"), self.tr("Reason")]
        )
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(COL_ITEM, 230)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.recheck)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.reload()

    def _clause_title(self, policy: Any, clause: str) -> str:
        try:
            return policy.clause(clause).text(self.lang) if policy is not None else ""
        except (DeskError, KeyError, AttributeError):
            return ""

    def reload(self) -> None:
        self.tree.clear()
        try:
            results = check_team(self.ctx.db, self.team_id)
        except DeskError as exc:
            self.summary.setText(self.ctx.message(exc))
            return
        try:
            policy: Policy | None = current_policy(self.ctx.db)
        except DeskError:
            policy = None
        eligible = [r for r in results if r.eligible]
        self.summary.setText(
            self.tr("Eligible now for {n} of {total} benefits (policy {policy} {version}).").format(
                n=len(eligible),
                total=len(results),
                policy=results[0].policy_id if results else "",
                version=results[0].policy_version if results else "",
            )
        )
        for result in results:
            item = self._benefit_item(result, policy)
            self.tree.addTopLevelItem(item)
            item.setExpanded(not result.eligible)  # the "why not?" is what the desk is asked

    def _benefit_item(self, result: Any, policy: Any) -> QTreeWidgetItem:
        status = (
            "pass"
            if result.eligible
            else ("fail" if any(r.status == "fail" for r in result.rules) else "unknown")
        )
        amount = ""
        if result.amount is not None:
            amount = self.tr("{amount} yuan").format(amount=format_yuan(result.amount.amount_fen))
        item = QTreeWidgetItem(
            [
                benefit_label(result.benefit),
                self.tr("eligible") if result.eligible else self.tr("not eligible"),
                amount,
            ]
        )
        item.setIcon(COL_ITEM, icon(status))
        font = item.font(COL_ITEM)
        font.setBold(True)
        item.setFont(COL_ITEM, font)
        item.setForeground(COL_STATUS, QBrush(QColor(STATUS_COLORS[status])))
        for rule in result.rules:
            child = QTreeWidgetItem(
                [
                    f"§{rule.clause}",
                    rule_status_label(rule.status),
                    rule.reason(self.lang),
                ]
            )
            child.setIcon(COL_STATUS, icon(rule.status))
            child.setForeground(COL_STATUS, QBrush(QColor(STATUS_COLORS.get(rule.status, "#000"))))
            title = self._clause_title(policy, rule.clause)
            if title:
                child.setToolTip(COL_ITEM, title)
            child.setToolTip(COL_REASON, rule.reason(self.lang))
            item.addChild(child)
        if result.amount is not None:
            for line in result.amount.lines_in(self.lang):
                child = QTreeWidgetItem(["", "", line])
                child.setForeground(COL_REASON, QBrush(QColor("#555")))
                item.addChild(child)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        return item
