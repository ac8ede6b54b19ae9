"""Decide one application: approve, reject or revoke it, with a reason. The application's details
and its eligibility rules are shown above the reason; a refusal of the service (§8.2 the recorder
cannot decide, the pool is exceeded, the policy is no longer met) is shown as its sentence."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.policy.facts import VOUCHER_KINDS
from aitown.services.applications import (
    approve_application,
    reject_application,
    revoke_application,
)
from aitown.services.batch_approval import preview_batch
from aitown.services.review_steps import verify_amount
from ui import messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.i18n import error_lang
from ui.ops import run_op
from ui.tasks import TaskControl
from ui.widgets.application_details import ApplicationDetails
from ui.widgets.form import CheckedForm, ok_cancel_buttons

APPROVE, REJECT, REVOKE = "approve", "reject", "revoke"
FITS_STYLE = "color: #1e7b45; font-weight: 600;"
FAILS_STYLE = "color: #b00020; font-weight: 600;"


class DecisionDialog(QDialog):
    def __init__(
        self, ctx: DeskContext, action: str, application_id: int, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.action = action
        self.application_id = application_id
        titles = {
            APPROVE: self.tr("Approve application no. {id}"),
            REJECT: self.tr("Reject application no. {id}"),
            REVOKE: self.tr("Revoke application no. {id}"),
        }
        buttons = {
            APPROVE: self.tr("&Approve"),
            REJECT: self.tr("Re&ject"),
            REVOKE: self.tr("Re&voke"),
        }
        self.setWindowTitle(titles[action].format(id=application_id))
        self.setMinimumSize(760, 560)
        self.details = ApplicationDetails(ctx)
        self.details.show_application(application_id)
        form_layout = QFormLayout()
        self.form = CheckedForm(form_layout, ctx.lang, self)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("decision_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.reason.setPlaceholderText(
            {
                APPROVE: self.tr("Optional: a note for the record"),
                REJECT: self.tr("Why it is rejected (required when every rule passes)"),
                REVOKE: self.tr("Why it is revoked (printed on the revocation notice)"),
            }[action]
        )
        self.form.add("reason", self.tr("&Reason:"), self.reason)
        # Issue 13.4: a voucher's verified contract amount (核定合同额) where it differs from the
        # claimed one; approval then computes the benefit on it.
        app = self.details.application
        self.verified: QLineEdit | None = None
        self.verified_reason: QLineEdit | None = None
        if action == APPROVE and app is not None and app.benefit in VOUCHER_KINDS:
            self.verified = QLineEdit()
            self.verified.setObjectName("decision_verified_amount")
            self.verified.setPlaceholderText(
                self.tr("Only where it differs from the claimed {amount} yuan").format(
                    amount=format_yuan(app.contract_amount or 0)
                )
            )
            if app.verified_contract_amount is not None:
                self.verified.setText(format_yuan(app.verified_contract_amount, grouping=False))
            self.verified_reason = QLineEdit(app.verified_reason or "")
            self.verified_reason.setObjectName("decision_verified_reason")
            self.form.add("amount", self.tr("&Verified contract amount (yuan):"), self.verified)
            self.form.add(
                "verified_reason", self.tr("Reason for the &verified amount:"), self.verified_reason
            )
        # The details above are as checked when the application was recorded; approval checks
        # again (§8.3), so say now what that check will find.
        self.now = QLabel()
        self.now.setObjectName("decision_now")
        self.now.setWordWrap(True)
        self.now.setVisible(action == APPROVE)
        if action == APPROVE:
            self.check_now()
        self.buttons, self.ok_button = ok_cancel_buttons(self, buttons[action], self.decide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.now)
        layout.addWidget(self.form.banner)
        layout.addLayout(form_layout)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def check_now(self) -> None:
        try:
            line = preview_batch(self.ctx.db, [self.application_id]).lines[0]
        except DeskError as exc:
            self.now.setText(self.ctx.message(exc))
            return
        if line.fits:
            self.now.setStyleSheet(FITS_STYLE)
            self.now.setText(
                self.tr(
                    "Checked again now: it can be approved, {amount} yuan; the pool would "
                    "have {left} yuan left."
                ).format(
                    amount=format_yuan(line.amount_fen or 0),
                    left=format_yuan(line.pool_left_after_fen or 0),
                )
            )
        else:
            reason = line.reason_zh if error_lang(self.ctx.lang) == "zh" else line.reason_en
            self.now.setStyleSheet(FAILS_STYLE)
            self.now.setText(
                self.tr("Checked again now: it cannot be approved: {reason}.").format(reason=reason)
            )

    def decide(self) -> None:
        db, actor, app_id, action = self.ctx.db, self.ctx.actor, self.application_id, self.action
        reason = self.reason.toPlainText().strip()
        app = self.details.application
        team_id = int(app.team_id) if app is not None else None
        verified = self.verified.text().strip() if self.verified is not None else ""
        verified_reason = self.verified_reason.text() if self.verified_reason is not None else ""
        already = (
            format_yuan(app.verified_contract_amount, grouping=False)
            if app is not None and app.verified_contract_amount is not None
            else ""
        )

        def decide(_control: TaskControl) -> int:
            """The service call, off the GUI thread; a revocation's repayment (fen), else 0."""
            if action == APPROVE:
                if verified and verified != already:
                    # Its own audited step, then the approval computes on it.
                    verify_amount(db, actor, app_id, verified, verified_reason)
                approve_application(db, actor, app_id, reason)
            elif action == REJECT:
                reject_application(db, actor, app_id, reason)
            else:
                return revoke_application(db, actor, app_id, reason)
            return 0

        def decided(repayment: int) -> None:
            if repayment:
                messages.show_info(
                    self,
                    self.tr("Revoked. The team is asked to repay {amount} yuan.").format(
                        amount=format_yuan(repayment)
                    ),
                )
            self.accept()

        run_op(
            self.ctx,
            self,
            decide,
            changes=[Change(Entity.APPLICATION, app_id, team_id), Change(Entity.POOL)],
            on_success=decided,
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )
