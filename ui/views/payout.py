"""The Publicity and payments screen (administrators; issue 13.5, 13.6).

Top: the publicity periods — open the period of the approved applications that need one, record
that the ended periods passed without objection, record an objection (the application goes back
to review), print the publicity list. Bottom: the payment lists — build one of a benefit from the
awarded applications, print it, record it paid (every line in one transaction), cancel it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.policy.payout_rules import PAYABLE_BENEFITS
from aitown.services import payments, payout_documents, publicity
from aitown.services.policies import active_policy
from ui import messages
from ui.changes import Change, Entity, subscribe
from ui.context import DeskContext
from ui.labels import benefit_label
from ui.models.payout_models import PaymentListsModel, PublicityModel
from ui.ops import run_op
from ui.widgets.form import add_checked_form, add_form_buttons, add_labelled
from ui.widgets.list_table import list_table

RIGHT = "payment.manage"


def _doc_lang(ctx: DeskContext) -> str:
    return "zh" if ctx.lang.startswith("zh") else "en"


class ObjectionDialog(QDialog):
    """Record an objection to one application under publicity."""

    def __init__(self, ctx: DeskContext, application_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.application_id = ctx, application_id
        self.setWindowTitle(self.tr("Record an objection"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Application no. {id} goes back to review (submitted) and its money goes back "
                "to the pool."
            ).format(id=application_id)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.text = QPlainTextEdit()
        self.text.setObjectName("objection_text")
        self.text.setFixedHeight(90)
        self.form.add("text", self.tr("&Objection:"), self.text)
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Record"), self.save
        )

    def save(self) -> None:
        db, actor, app_id, text = (
            self.ctx.db,
            self.ctx.actor,
            self.application_id,
            self.text.toPlainText(),
        )
        run_op(
            self.ctx,
            self,
            lambda _control: publicity.record_objection(db, actor, app_id, text),
            changes=[Change(Entity.APPLICATION, app_id), Change(Entity.POOL)],
            on_success=lambda _result: self.accept(),
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )


class PaymentDialog(QDialog):
    """Record a payment list paid: the bank's date and reference."""

    def __init__(self, ctx: DeskContext, view: payments.PaymentListView, parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.ctx, self.list_id = ctx, view.id
        self.setWindowTitle(self.tr("Record payment list {id} paid").format(id=view.id))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "{n} payments, {total} yuan in all. Every line is marked paid, or none is."
            ).format(n=len(view.lines), total=format_yuan(view.total_fen))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("payment_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.reference = QLineEdit()
        self.reference.setObjectName("payment_reference")
        self.form.add("date", self.tr("Paid &on:"), self.date)
        self.form.add("reference", self.tr("Bank &reference:"), self.reference)
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("Record &paid"), self.save
        )

    def save(self) -> None:
        day = self.date.date().toPython()
        assert isinstance(day, dt.date)
        db, actor, list_id, ref = self.ctx.db, self.ctx.actor, self.list_id, self.reference.text()
        run_op(
            self.ctx,
            self,
            lambda _control: payments.pay_payment_list(
                db, actor, list_id, paid_on=day, reference=ref
            ),
            changes=[Change(Entity.APPLICATION), Change(Entity.POOL)],
            on_success=lambda _result: self.accept(),
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )


class PayoutView(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        title = QLabel(self.tr("Publicity and payments"))
        title.setObjectName("screenTitle")

        # --- publicity ---
        self.publicity_model = PublicityModel(self)
        self.publicity_table = list_table("publicity_table", self.publicity_model)
        self.publicity_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.show_all = QCheckBox(self.tr("Show &passed and objected periods too"))
        self.show_all.setObjectName("publicity_show_all")
        self.show_all.toggled.connect(self.refresh)
        self.open_button = self._button("publicity_open", self.tr("&Open publicity"), self.open_publicity)  # fmt: skip
        self.close_button = self._button("publicity_close", self.tr("&Close ended periods"), self.close_publicity)  # fmt: skip
        self.object_button = self._button("publicity_object", self.tr("Record ob&jection…"), self.record_objection)  # fmt: skip
        self.print_publicity_button = self._button("publicity_print", self.tr("Print &list…"), self.print_publicity)  # fmt: skip
        pub_buttons = QHBoxLayout()
        pub_buttons.addWidget(self.show_all)
        pub_buttons.addStretch(1)
        for b in (self.open_button, self.close_button, self.object_button, self.print_publicity_button):  # fmt: skip
            pub_buttons.addWidget(b)
        self.publicity_hint = QLabel()
        self.publicity_hint.setObjectName("publicity_hint")
        self.publicity_hint.setWordWrap(True)
        pub_box = QGroupBox(self.tr("Publicity"))
        pub_layout = QVBoxLayout(pub_box)
        pub_layout.addWidget(self.publicity_hint)
        pub_layout.addWidget(self.publicity_table, 1)
        pub_layout.addLayout(pub_buttons)

        # --- payment lists ---
        self.lists_model = PaymentListsModel(self)
        self.lists_table = list_table("payment_lists_table", self.lists_model)
        self.lists_table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.benefit = QComboBox()
        self.benefit.setObjectName("payment_benefit")
        for kind in PAYABLE_BENEFITS:
            self.benefit.addItem(benefit_label(kind), kind)
        self.until_check = QCheckBox(self.tr("approved up &to"))
        self.until_check.setObjectName("payment_until_check")
        self.until = QDateEdit(QDate.currentDate())
        self.until.setObjectName("payment_until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.setEnabled(False)
        self.until_check.toggled.connect(self.until.setEnabled)
        self.build_button = self._button("payment_build", self.tr("&Build list"), self.build_list)
        self.print_list_button = self._button("payment_print", self.tr("P&rint…"), self.print_list)  # fmt: skip
        self.pay_button = self._button("payment_pay", self.tr("Record pai&d…"), self.pay_list)
        self.cancel_button = self._button("payment_cancel", self.tr("Cancel li&st"), self.cancel_list)  # fmt: skip
        build_row = QHBoxLayout()
        add_labelled(build_row, self.tr("Be&nefit:"), self.benefit)
        build_row.addWidget(self.until_check)
        build_row.addWidget(self.until)
        build_row.addWidget(self.build_button)
        build_row.addStretch(1)
        for b in (self.print_list_button, self.pay_button, self.cancel_button):
            build_row.addWidget(b)
        pay_box = QGroupBox(self.tr("Payment lists"))
        pay_layout = QVBoxLayout(pay_box)
        pay_layout.addWidget(self.lists_table, 1)
        pay_layout.addLayout(build_row)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(pub_box, 1)
        layout.addWidget(pay_box, 1)
        subscribe(ctx.changes, self, (Entity.APPLICATION, Entity.POOL, Entity.NOTICE, Entity.OFFICE), self.refresh)  # fmt: skip
        self.refresh()

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            rows = publicity.list_publicity(self.ctx.db)
            lists = payments.list_payment_lists(self.ctx.db)
            with self.ctx.db.read() as s:
                rules = active_policy(s).publicity
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return
        if not self.show_all.isChecked():
            rows = [r for r in rows if r.status == "open"]
        self.publicity_model.set_rows(rows)
        self.lists_model.set_rows(lists)
        self.publicity_hint.setText(
            self.tr(
                "Published before their award: {benefits}, for {days} working days (weekends "
                "and the policy's holidays do not count)."
            ).format(
                # Chinese lists take the enumeration comma 、, not ", ".
                benefits=("、" if self.ctx.lang.startswith("zh") else ", ").join(
                    benefit_label(b) for b in rules.benefits
                )
                or "—",
                days=rules.working_days,
            )
        )

    def selected_application(self) -> int | None:
        index = self.publicity_table.currentIndex()
        row = self.publicity_model.period(index.row()) if index.isValid() else None
        return row.application_id if row else None

    def selected_list(self) -> payments.PaymentListView | None:
        index = self.lists_table.currentIndex()
        return self.lists_model.payment_list(index.row()) if index.isValid() else None

    # --- publicity -------------------------------------------------------------------------------

    def open_publicity(self) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        run_op(
            self.ctx,
            self,
            lambda _control: publicity.open_publicity(db, actor),
            changes=[Change(Entity.APPLICATION)],
            on_success=lambda ids: messages.show_info(
                self,
                self.tr("Opened the publicity period of {n} application(s).").format(n=len(ids)),
            ),
            busy=[self.open_button],
        )

    def close_publicity(self) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        run_op(
            self.ctx,
            self,
            lambda _control: publicity.close_publicity(db, actor),
            changes=[Change(Entity.APPLICATION)],
            on_success=lambda ids: messages.show_info(
                self,
                self.tr("{n} publicity period(s) passed without objection.").format(n=len(ids)),
            ),
            busy=[self.close_button],
        )

    def record_objection(self) -> None:
        app_id = self.selected_application()
        if app_id is None:
            messages.show_error(self, self.tr("Choose the application the objection is about."))
            return
        self.dialog = ObjectionDialog(self.ctx, app_id, self)
        self.dialog.open()

    def _save_path(self, title: str, name: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, title, name, self.tr("PDF (*.pdf);;Excel workbook (*.xlsx)")
        )
        return path

    def print_publicity(self) -> None:
        path = self._save_path(self.tr("Save the publicity list"), "publicity.pdf")
        if not path:
            return
        db, actor, lang = self.ctx.db, self.ctx.actor, _doc_lang(self.ctx)
        run_op(
            self.ctx,
            self,
            lambda _control: payout_documents.write_publicity_list(db, actor, path, lang=lang),
            on_success=lambda n: messages.show_info(
                self, self.tr("Wrote {path} ({n} entries).").format(path=path, n=n)
            ),
            busy=[self.print_publicity_button],
        )

    # --- payment lists ---------------------------------------------------------------------------

    def build_list(self) -> None:
        kind = str(self.benefit.currentData())
        until = self.until.date().toPython() if self.until_check.isChecked() else None
        assert until is None or isinstance(until, dt.date)
        db, actor = self.ctx.db, self.ctx.actor

        def done(list_id: int) -> None:
            self.refresh()
            if (row := self.lists_model.row_of(list_id)) is not None:
                self.lists_table.selectRow(row)

        run_op(
            self.ctx,
            self,
            lambda _control: payments.build_payment_list(db, actor, kind, approved_to=until),
            changes=[Change(Entity.APPLICATION)],
            on_success=done,
            busy=[self.build_button],
        )

    def _need_list(self) -> payments.PaymentListView | None:
        view = self.selected_list()
        if view is None:
            messages.show_error(self, self.tr("Choose a payment list first."))
        return view

    def print_list(self) -> None:
        view = self._need_list()
        if view is None:
            return
        path = self._save_path(self.tr("Save the payment list"), f"payment-list-{view.id}.pdf")
        if not path:
            return
        db, actor, lang, list_id = self.ctx.db, self.ctx.actor, _doc_lang(self.ctx), view.id
        run_op(
            self.ctx,
            self,
            lambda _control: payout_documents.write_payment_list(
                db, actor, list_id, path, lang=lang
            ),  # fmt: skip
            on_success=lambda _v: messages.show_info(
                self, self.tr("Wrote {path}.").format(path=path)
            ),  # fmt: skip
            busy=[self.print_list_button],
        )

    def pay_list(self) -> None:
        view = self._need_list()
        if view is None:
            return
        self.dialog = PaymentDialog(self.ctx, view, self)
        self.dialog.open()

    def cancel_list(self) -> None:
        view = self._need_list()
        if view is None:
            return
        if not messages.ask(self, self.tr("Cancel payment list {id}? Nothing is paid by it.").format(id=view.id)):  # fmt: skip
            return
        db, actor, list_id = self.ctx.db, self.ctx.actor, view.id
        run_op(
            self.ctx,
            self,
            lambda _control: payments.cancel_payment_list(db, actor, list_id),
            changes=[Change(Entity.APPLICATION)],
            busy=[self.cancel_button],
        )
