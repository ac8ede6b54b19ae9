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
from aitown.policy.results import Outcome, clause_label, fact_label
from aitown.services.eligibility import check_team
from aitown.services.policies import current_policy
from ui.context import DeskContext
from ui.i18n import error_lang
from ui.icons import icon
from ui.labels import benefit_label, rule_status_label
from ui.policy_names import policy_title

log = logging.getLogger(__name__)

STATUS_COLORS = {"pass": "#1e7b45", "fail": "#b03a2e", "unknown": "#9c640c"}
# How each outcome of a benefit is painted: held is neither a failure nor a to-do.
OUTCOME_STATUS = {
    Outcome.ELIGIBLE: "pass",
    Outcome.NOT_ELIGIBLE: "fail",
    Outcome.NEEDS_FACTS: "unknown",
    Outcome.HELD: "pass",
}
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
        self.summary.setText(self._summary(results))
        for result in results:
            item = self._benefit_item(result, policy)
            self.tree.addTopLevelItem(item)
            # The "why not?" is what the desk is asked; a benefit held needs no explaining.
            item.setExpanded(result.outcome in (Outcome.NOT_ELIGIBLE, Outcome.NEEDS_FACTS))

    def _summary(self, results: list[Any]) -> str:
        """``2 eligible now · 3 need facts · 1 already held (policy …)``: the counts that are not
        zero, so that missing facts never read as "eligible for 0 of 6"."""
        counts = {o: sum(1 for r in results if r.outcome == o) for o in Outcome}
        texts = {
            Outcome.ELIGIBLE: self.tr("{n} eligible now"),
            Outcome.NEEDS_FACTS: self.tr("{n} need facts"),
            Outcome.HELD: self.tr("{n} already held"),
            Outcome.NOT_ELIGIBLE: self.tr("{n} not eligible"),
        }
        parts = [texts[o].format(n=counts[o]) for o in texts if counts[o]]
        policy = self.tr("policy {policy} {version}").format(
            # The policy's name, not its file id (ui.policy_names).
            policy=policy_title(self.ctx, results[0].policy_id) if results else "",
            version=results[0].policy_version if results else "",
        )
        if self.lang.startswith("zh"):
            return " · ".join(parts) + f"（{policy}）"
        return " · ".join(parts) + f" ({policy})"

    def _outcome_text(self, result: Any) -> str:
        outcome = result.outcome
        if outcome == Outcome.ELIGIBLE:
            return self.tr("eligible")
        if outcome == Outcome.HELD:
            return self.tr("held (application {id})").format(id=result.held_by)
        if outcome == Outcome.NEEDS_FACTS:
            return self.tr("needs facts")
        return self.tr("not eligible")

    def _missing_text(self, result: Any) -> str:
        """Which facts a benefit that needs facts is waiting for."""
        sep = "、" if self.lang.startswith("zh") else ", "
        return self.tr("missing: {facts}").format(
            facts=sep.join(fact_label(m, self.lang) for m in result.missing_facts)
        )

    def _benefit_item(self, result: Any, policy: Any) -> QTreeWidgetItem:
        status = OUTCOME_STATUS[result.outcome]
        amount = ""
        if result.amount is not None:
            amount = self.tr("{amount} yuan").format(amount=format_yuan(result.amount.amount_fen))
        elif result.outcome == Outcome.NEEDS_FACTS:
            amount = self._missing_text(result)
        item = QTreeWidgetItem(
            [
                benefit_label(result.benefit),
                self._outcome_text(result),
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
                    clause_label(rule.clause, self.lang),
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
