"""What one application holds: team, benefit, amounts, contract, who recorded and decided it, and
the eligibility result stored with it (rule by rule)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.services.applications import get_application
from aitown.services.users import list_users
from ui.context import DeskContext
from ui.labels import application_status_label, benefit_label
from ui.policy_names import policy_title
from ui.widgets.lifecycle import LifecyclePicture
from ui.widgets.rule_list import RuleList


def _yuan(fen: int | None) -> str:
    return format_yuan(fen) if fen is not None else "—"


class ApplicationDetails(QWidget):
    """Empty until :meth:`show_application`; ``application`` is the one shown."""

    KEYS = (
        "team",
        "benefit",
        "status",
        "applied_on",
        "amount",
        "contract",
        "vendor",
        "member",
        "recorded_by",
        "decided_by",
        "reason",
        "policy",
    )

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.application: Any = None
        self.title = QLabel(self.tr("Choose an application to see its details."))
        self.title.setObjectName("application_details_title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        captions = {
            "team": self.tr("Team:"),
            "benefit": self.tr("Benefit:"),
            "status": self.tr("Status:"),
            "applied_on": self.tr("Applied on:"),
            "amount": self.tr("Amount:"),
            "contract": self.tr("Contract:"),
            "vendor": self.tr("Vendor:"),
            "member": self.tr("Member:"),
            "recorded_by": self.tr("Recorded by:"),
            "decided_by": self.tr("Decided by:"),
            "reason": self.tr("Reason:"),
            "policy": self.tr("Policy:"),
        }
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key in self.KEYS:
            label = QLabel()
            label.setObjectName(f"application_{key}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = label
            self.form.addRow(captions[key], label)
        self.rules = RuleList(ctx.lang)
        self.rules.setObjectName("application_rules")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        self.lifecycle = LifecyclePicture(ctx)  # issue 13.7: where it is on its path
        self.lifecycle.setObjectName("application_lifecycle")
        layout.addWidget(self.lifecycle)
        layout.addLayout(self.form)
        layout.addWidget(self.rules, 1)
        layout.addStretch(0)  # keeps the title at the top while the rules are hidden
        self._set_rows_visible(False)

    def _set_rows_visible(self, visible: bool) -> None:
        for key in self.KEYS:
            self.form.setRowVisible(self.values[key], visible)
        self.rules.setVisible(visible)
        self.lifecycle.setVisible(visible)

    def clear(self) -> None:
        self.application = None
        self.title.setText(self.tr("Choose an application to see its details."))
        self._set_rows_visible(False)

    def show_application(self, application_id: int) -> None:
        try:
            app = get_application(self.ctx.db, application_id)
        except DeskError as exc:
            self.title.setText(self.ctx.message(exc))
            self._set_rows_visible(False)
            return
        self.application = app
        self.lifecycle.show_application(app.id)
        users = {u.id: u.name for u in list_users(self.ctx.db)}
        team = app.team
        self.title.setText(
            self.tr("Application no. {id}: {benefit} for {team}").format(
                id=app.id, benefit=benefit_label(app.benefit), team=team.name_zh
            )
        )
        contract = "—"
        if app.contract_amount is not None:
            contract = self.tr("{amount} yuan, {start} to {end}").format(
                amount=format_yuan(app.contract_amount),
                start=app.contract_start or "?",
                end=app.contract_end or "?",
            )
        if app.verified_contract_amount is not None:
            # Issue 13.4: the reviewer's verified amount, on which the benefit is computed.
            contract += self.tr("; verified {amount} yuan ({reason})").format(
                amount=format_yuan(app.verified_contract_amount), reason=app.verified_reason or ""
            )
        vendor = " ".join(v for v in (app.vendor_name or "", app.vendor_uscc or "") if v) or "—"
        decided = "—"
        if app.decided_by is not None:
            decided = f"{users.get(app.decided_by, app.decided_by)} ({app.decided_at:%Y-%m-%d})"
        amount = _yuan(app.amount)
        if app.repayment_amount:
            amount += "  " + self.tr("(to repay: {amount})").format(
                amount=format_yuan(app.repayment_amount)
            )
        shown = {
            "team": f"{team.name_zh}  ·  {team.uscc}",
            "benefit": benefit_label(app.benefit),
            "status": application_status_label(app.status),
            "applied_on": str(app.applied_on),
            "amount": amount,
            "contract": contract,
            "vendor": vendor,
            "member": app.member.name if app.member is not None else "—",
            "recorded_by": str(users.get(app.recorded_by, app.recorded_by)),
            "decided_by": decided,
            "reason": app.decision_reason or "—",
            "policy": policy_title(self.ctx, app.policy_id, app.policy_version),
        }
        self._set_rows_visible(True)
        for key, text in shown.items():
            self.values[key].setText(text)
        voucher = app.contract_amount is not None
        self.form.setRowVisible(self.values["contract"], voucher)
        self.form.setRowVisible(self.values["vendor"], voucher)
        self.form.setRowVisible(self.values["member"], app.member is not None)
        stored = json.loads(app.eligibility_json) if app.eligibility_json else None
        self.rules.show_result(stored)
