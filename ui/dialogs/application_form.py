"""Record an application: the team, the benefit and what that benefit needs (the contract and its
vendor for a voucher, the person for a talent award), checked as you type, with the amount the
policy gives and every eligibility rule shown live before saving."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import Benefit
from aitown.errors import DeskError, ValidationError
from aitown.models import BENEFITS
from aitown.money import format_yuan, parse_yuan
from aitown.policy.facts import VOUCHER_KINDS
from aitown.services.applications import (
    RecordedApplication,
    record_application,
    submit_application,
)
from aitown.services.eligibility import check_team
from aitown.services.material_pdfs import receipt_pdf
from aitown.services.materials import mark_seen
from aitown.services.notice_printing import write_pdf_file
from aitown.services.policies import current_policy
from aitown.services.teams import team_members
from aitown.validation import normalize_uscc, parse_date
from ui import messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.labels import benefit_label
from ui.ops import run_op
from ui.tasks import TaskControl
from ui.widgets.form import add_checked_form, ok_cancel_buttons
from ui.widgets.rule_list import RuleList
from ui.widgets.team_picker import TeamPicker, team_chosen
from ui.window_geometry import fitting_size

PREVIEW_DELAY_MS = 200
VOUCHER_FIELDS = (
    "contract_amount",
    "vendor_uscc",
    "vendor_name",
    "vendor_legal_rep",
    "contract_start",
    "contract_end",
)
AMOUNT_STYLE = "font-weight: 600; font-size: 12pt;"


def contract_amount_check(text: str) -> None:
    """The verified contract amount: yuan, at most two decimals, more than zero."""
    if not text.strip():
        raise ValidationError(
            "A voucher needs the verified contract amount in yuan.",
            "申请券类扶持需填写核定的合同金额（元）。",
            field="contract_amount",
        )
    try:
        parse_yuan(text, what="contract amount", allow_zero=False)
    except ValidationError as exc:
        zh = (exc.message_zh or "").replace("contract amount", "合同金额")
        raise ValidationError(exc.message, zh, field="contract_amount") from None


def vendor_uscc_check(text: str) -> None:
    normalize_uscc(text, field_name="vendor_uscc")


def _date_check(what: str, field: str) -> Callable[[str], None]:
    def check(text: str) -> None:
        parse_date(text, what=what, field_name=field)

    return check


class ApplicationFormDialog(QDialog):
    """``team`` = (id, name) preselects the team; ``application_id`` is set after saving."""

    def __init__(
        self,
        ctx: DeskContext,
        *,
        team: tuple[int, str] | None = None,
        benefit: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.application_id: int | None = None
        self.amount_fen: int | None = None
        self.eligibility: Any = None  # the live eligibility result shown (QDialog has result())
        self.setWindowTitle(self.tr("Record an application"))
        self.setMinimumWidth(860)

        left = QVBoxLayout()
        self.form = add_checked_form(left, ctx.lang, self)

        self.picker = TeamPicker(ctx.db)
        self.benefit = QComboBox()
        self.benefit.setObjectName("application_benefit")
        for kind in BENEFITS:
            self.benefit.addItem(benefit_label(kind), kind)
        today = dt.date.today()
        self.contract_amount = QLineEdit()
        self.contract_amount.setObjectName("application_contract_amount")
        self.contract_amount.setPlaceholderText(self.tr("e.g. 250000.00"))
        self.vendor_uscc = QLineEdit()
        self.vendor_uscc.setObjectName("application_vendor_uscc")
        self.vendor_uscc.setPlaceholderText(self.tr("18 characters from the vendor's licence"))
        self.vendor_name = QLineEdit()
        self.vendor_name.setObjectName("application_vendor_name")
        self.vendor_legal_rep = QLineEdit()
        self.vendor_legal_rep.setObjectName("application_vendor_legal_rep")
        self.vendor_legal_rep.setPlaceholderText(self.tr("needed for a corpus voucher (§6.1)"))
        self.contract_start = QLineEdit(today.replace(day=1).isoformat())
        self.contract_start.setObjectName("application_contract_start")
        self.contract_end = QLineEdit((today.replace(day=1) + dt.timedelta(days=364)).isoformat())
        self.contract_end.setObjectName("application_contract_end")
        self.member = QComboBox()
        self.member.setObjectName("application_member")

        self.form.add("team", self.tr("&Team:"), self.picker, team_chosen)
        self.form.add("benefit", self.tr("&Benefit:"), self.benefit)
        self.form.add(
            "contract_amount",
            self.tr("&Contract amount (yuan):"),
            self.contract_amount,
            self._only_for_vouchers(contract_amount_check),
        )
        self.form.add(
            "vendor_uscc",
            self.tr("&Vendor's credit code:"),
            self.vendor_uscc,
            self._only_for_vouchers(vendor_uscc_check),
        )
        self.form.add("vendor_name", self.tr("Vendor's &name:"), self.vendor_name)
        self.form.add(
            "vendor_legal_rep", self.tr("Vendor's &legal representative:"), self.vendor_legal_rep
        )
        self.form.add(
            "contract_start",
            self.tr("Contract &from:"),
            self.contract_start,
            self._only_for_vouchers(_date_check("contract start", "contract_start")),
        )
        self.form.add(
            "contract_end",
            self.tr("Contract t&o:"),
            self.contract_end,
            self._only_for_vouchers(_date_check("contract end", "contract_end")),
        )
        self.form.add("member", self.tr("&Member:"), self.member, self._member_check)
        self.submit_now = QCheckBox(self.tr("&Submit to the reviewers now"))
        self.submit_now.setObjectName("application_submit_now")
        self.submit_now.setChecked(ctx.can("application.submit"))
        self.submit_now.setVisible(ctx.can("application.submit"))
        self.form.layout.addRow("", self.submit_now)
        # Issue 13.1/13.2: the originals the desk saw as the founder hands them in (scans are
        # attached afterwards in the Materials dialog), and the receipt for the founder.
        self.materials_box = QGroupBox(self.tr("Originals seen at the desk"))
        self.materials_box.setObjectName("application_materials_box")
        self.materials_layout = QVBoxLayout(self.materials_box)
        self.materials_layout.setSpacing(2)
        self.material_checks: dict[str, QCheckBox] = {}
        self.print_receipt = QCheckBox(self.tr("&Print the receipt for the founder"))
        self.print_receipt.setObjectName("application_print_receipt")
        self.ask_save_path: Callable[[str], Path | None] = self._ask_save_path
        left.addWidget(self.materials_box)
        left.addWidget(self.print_receipt)

        preview = QGroupBox(self.tr("What the policy gives"))
        preview_layout = QVBoxLayout(preview)
        self.amount_label = QLabel()
        self.amount_label.setObjectName("application_amount")
        self.amount_label.setStyleSheet(AMOUNT_STYLE)
        self.amount_label.setWordWrap(True)
        self.rules = RuleList(ctx.lang)
        self.rules.setObjectName("application_form_rules")
        preview_layout.addWidget(self.amount_label)
        preview_layout.addWidget(self.rules, 1)

        columns = QHBoxLayout()
        columns.addLayout(left, 6)
        columns.addWidget(preview, 5)

        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Record"), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.picker.changed.connect(self._team_changed)
        self.benefit.currentIndexChanged.connect(self._benefit_changed)
        self.form.valid_changed.connect(self._valid_changed)
        if benefit is not None and (at := self.benefit.findData(benefit)) >= 0:
            self.benefit.setCurrentIndex(at)
        if team is not None:
            self.picker.set_team(*team)
        self._benefit_changed()
        self.update_preview()
        # Room for the voucher fields and several matching teams from the start; the window
        # grows (never squeezes the team list) when more fields appear, and may be made larger.
        self.resize(fitting_size(self, QSize(980, 660)))

    # --- which fields apply -----------------------------------------------------------------

    @property
    def kind(self) -> str:
        return str(self.benefit.currentData())

    def _only_for_vouchers(self, check: Callable[[str], None]) -> Callable[[str], None]:
        def guarded(text: str) -> None:
            if self.kind in VOUCHER_KINDS:
                check(text)

        return guarded

    def _member_check(self, _text: str) -> None:
        if self.kind == Benefit.TALENT_AWARD and self.member.currentData() is None:
            raise ValidationError(
                "A talent award needs the member it is for: choose one of the team's members.",
                "人才奖励需要选择获奖人：请从团队成员中选择。",
                field="member",
            )

    def _set_row_visible(self, name: str, visible: bool) -> None:
        holder = self.form.fields[name].widget.parentWidget()
        assert holder is not None  # every field sits in its row's holder widget
        self.form.layout.setRowVisible(holder, visible)

    def _benefit_changed(self) -> None:
        voucher = self.kind in VOUCHER_KINDS
        for name in VOUCHER_FIELDS:
            self._set_row_visible(name, voucher)
        self._set_row_visible("member", self.kind == Benefit.TALENT_AWARD)
        self._fill_materials()
        self.form.revalidate()
        self._schedule_preview()

    def _fill_materials(self) -> None:
        """One "original seen" box per paper the policy asks for this benefit."""
        for box in self.material_checks.values():
            self.materials_layout.removeWidget(box)
            box.hide()  # at once: deleteLater leaves it painted until the event loop runs
            box.deleteLater()
        self.material_checks = {}
        try:
            items = current_policy(self.ctx.db).materials_for(self.kind)
        except DeskError:
            items = ()
        for item in items:
            name = self.ctx.pick(item.en, item.zh)
            text = name if item.required else self.tr("{name} (optional)").format(name=name)
            box = QCheckBox(text)
            box.setObjectName(f"application_seen_{item.key}")
            self.materials_layout.addWidget(box)
            self.material_checks[item.key] = box
        self.materials_box.setVisible(bool(items))

    def _ask_save_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the receipt"), suggested, self.tr("PDF (*.pdf)")
        )
        return Path(name) if name else None

    def _team_changed(self) -> None:
        self.member.blockSignals(True)
        self.member.clear()
        team_id = self.picker.team_id
        if team_id is not None:
            for m in team_members(self.ctx.db, int(team_id), viewer=self.ctx.actor):
                if m.left_on is not None:
                    continue
                tier = self.tr("tier {tier}").format(tier=m.talent_tier) if m.talent_tier else ""
                text = " · ".join(t for t in (m.name, m.role, tier) if t)
                self.member.addItem(text, m.id)
        self.member.blockSignals(False)
        self.form.revalidate()
        self._schedule_preview()

    def _valid_changed(self, valid: bool) -> None:
        self.ok_button.setEnabled(valid)
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    # --- the live preview -------------------------------------------------------------------

    def _request_fields(self) -> dict[str, Any]:
        """What the form holds so far, as far as it is valid (a bad field is left out)."""
        fields: dict[str, Any] = {}
        if self.kind in VOUCHER_KINDS:
            try:
                fields["contract_amount_fen"] = parse_yuan(
                    self.contract_amount.text(), allow_zero=False
                )
            except ValidationError:
                pass
            try:
                fields["vendor_uscc"] = normalize_uscc(self.vendor_uscc.text())
            except ValidationError:
                pass
            for name, edit in (
                ("vendor_name", self.vendor_name),
                ("vendor_legal_rep", self.vendor_legal_rep),
            ):
                if edit.text().strip():
                    fields[name] = edit.text().strip()
            for name, edit in (
                ("contract_start", self.contract_start),
                ("contract_end", self.contract_end),
            ):
                try:
                    fields[name] = parse_date(edit.text(), what=name, field_name=name)
                except ValidationError:
                    pass
        if self.kind == Benefit.TALENT_AWARD and self.member.currentData() is not None:
            fields["member_id"] = int(self.member.currentData())
        return fields

    def update_preview(self) -> None:
        """Check the team for the benefit with what the form holds; show the amount and rules."""
        self._preview_timer.stop()
        team_id = self.picker.team_id
        if team_id is None:
            self.eligibility = None
            self.amount_fen = None
            self.amount_label.setText(self.tr("Choose a team to see what the policy gives."))
            self.rules.show_result(None)
            return
        try:
            results = check_team(self.ctx.db, int(team_id), [self.kind], **self._request_fields())
        except DeskError as exc:
            self.eligibility = None
            self.amount_fen = None
            self.amount_label.setText(self.ctx.message(exc))
            self.rules.show_result(None)
            return
        result = results[0]
        self.eligibility = result
        self.amount_fen = result.amount.amount_fen if result.eligible and result.amount else None
        if self.amount_fen is not None:
            self.amount_label.setText(
                self.tr("Computed amount: {amount} yuan").format(
                    amount=format_yuan(self.amount_fen)
                )
            )
        else:
            self.amount_label.setText(
                self.tr(
                    "Not eligible as it stands: no amount. It can still be recorded; "
                    "the reviewer will reject it with the reasons below."
                )
            )
        self.rules.show_result(result)

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        team_id = self.picker.team_id
        if team_id is None:
            return
        voucher = self.kind in VOUCHER_KINDS
        db, actor, kind, team = self.ctx.db, self.ctx.actor, self.kind, int(team_id)
        fields: dict[str, Any] = {
            "contract_amount": self.contract_amount.text() if voucher else None,
            "vendor_uscc": self.vendor_uscc.text() if voucher else None,
            "vendor_name": self.vendor_name.text() if voucher else None,
            "vendor_legal_rep": self.vendor_legal_rep.text() if voucher else None,
            "contract_start": self.contract_start.text() if voucher else None,
            "contract_end": self.contract_end.text() if voucher else None,
            "member_id": self.member.currentData() if kind == Benefit.TALENT_AWARD else None,
        }
        submit_now = self.submit_now.isChecked()
        seen = [key for key, box in self.material_checks.items() if box.isChecked()]

        def record(_control: TaskControl) -> tuple[RecordedApplication, DeskError | None]:
            recorded = record_application(db, actor, team, kind, **fields)
            for key in seen:
                mark_seen(db, actor, recorded.application_id, key)
            if not submit_now:
                return recorded, None
            try:
                submit_application(db, actor, recorded.application_id)
            except DeskError as exc:
                return recorded, exc  # recorded but not sent: it waits as a draft in the queue
            return recorded, None

        def recorded(outcome: tuple[RecordedApplication, DeskError | None]) -> None:
            done, not_submitted = outcome
            self.application_id = done.application_id
            self.amount_fen = done.amount_fen
            if not_submitted is not None:
                messages.show_error(self, self.ctx.message(not_submitted))
            if self.print_receipt.isChecked():
                self._save_receipt(done.application_id)
            self.accept()

        run_op(
            self.ctx,
            self,
            record,
            changes=lambda outcome: [Change(Entity.APPLICATION, outcome[0].application_id, team)],
            on_success=recorded,
            on_failure=lambda exc: self.form.show_refusal(exc, {"member_id": "member"}),
            busy=[self.ok_button],
        )

    def _save_receipt(self, application_id: int) -> None:
        path = self.ask_save_path(f"receipt-{application_id}.pdf")
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        lang = "zh" if self.ctx.is_chinese else "en"
        try:
            write_pdf_file(path, receipt_pdf(self.ctx.db, application_id, lang))
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
