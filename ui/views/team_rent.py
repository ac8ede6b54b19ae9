"""The Rent tab of a team's detail: its monthly statement, the payments on its account, and
recording a payment, with the statement and the receipt saved as PDF.

The statement is aitown.services.rent_statements.rent_statement (rent, the §2.2 waiver line by
line, payments, §2.5 receivables, arrears); payments are recorded by
aitown.services.rent_accounts.record_payment through run_op, and published as a change of the
team's leases (what the account hangs on), so the Rent screen's list reloads too.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import RentEntryKind
from aitown.errors import DeskError
from aitown.labels import rent_entry_label
from aitown.money import format_yuan
from aitown.services.rent_accounts import RECORDABLE, record_payment, team_entries
from aitown.services.rent_pdf import receipt_pdf, statement_pdf
from aitown.services.rent_statements import RentStatement, rent_statement
from ui import checks, messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.ops import run_op
from ui.widgets.form import add_checked_form, add_form_buttons

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class PaymentDialog(QDialog):
    """Record money received from the tenant (or a deposit received / returned)."""

    def __init__(self, ctx: DeskContext, team_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.entry_id: int | None = None
        self.setWindowTitle(self.tr("Record a payment"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.kind = QComboBox()
        for kind in RECORDABLE:
            self.kind.addItem(rent_entry_label(kind, ctx.lang), kind)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("12000.00")
        self.on = QLineEdit(dt.date.today().isoformat())
        self.reference = QLineEdit()
        self.form.add("kind", self.tr("&What:"), self.kind)
        self.form.add(
            "amount", self.tr("&Amount (yuan):"), self.amount, checks.yuan_check("amount", "amount")
        )
        self.form.add("on", self.tr("&Received on:"), self.on, checks.date_check("date", "on"))
        self.form.add("reference", self.tr("&Reference:"), self.reference)
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Record"), self.save
        )

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor, team_id = self.ctx.db, self.ctx.actor, self.team_id
        kind, amount = self.kind.currentData(), self.amount.text()
        on, ref = self.on.text(), self.reference.text()
        run_op(
            self.ctx,
            self,
            lambda _c: record_payment(db, actor, team_id, amount, on=on, kind=kind, reference=ref),
            changes=[Change(Entity.LEASE, None, team_id)],
            on_success=self._saved,
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )

    def _saved(self, entry_id: int) -> None:
        self.entry_id = entry_id
        self.accept()


class TeamRentTab(QWidget):
    def __init__(self, ctx: DeskContext, team_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team_id = team_id
        self.statement: RentStatement | None = None
        self.entries: list[dict[str, object]] = []
        self.dialog: QDialog | None = None
        today = dt.date.today()
        self.month = QLineEdit(f"{today.year:04d}-{today.month:02d}")
        self.month.setObjectName("rent_month")
        self.month.setMaximumWidth(100)
        self.month.returnPressed.connect(self.reload)
        self.show_button = QPushButton(self.tr("Sho&w"))
        self.show_button.clicked.connect(self.reload)
        self.pay_button = QPushButton(self.tr("Record a pa&yment…"))
        self.pay_button.setVisible(ctx.can("rent.record"))
        self.pay_button.clicked.connect(self.record)
        self.statement_button = QPushButton(self.tr("Save s&tatement as PDF…"))
        self.statement_button.clicked.connect(self.save_statement)
        self.receipt_button = QPushButton(self.tr("Save re&ceipt as PDF…"))
        self.receipt_button.clicked.connect(self.save_receipt)
        top = QHBoxLayout()
        caption = QLabel(self.tr("Statement for (YYYY-MM):"))
        caption.setBuddy(self.month)
        top.addWidget(caption)
        top.addWidget(self.month)
        top.addWidget(self.show_button)
        top.addStretch(1)
        top.addWidget(self.statement_button)
        top.addWidget(self.pay_button)
        self.text = QTextBrowser()
        self.text.setObjectName("rent_statement")
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("rent_entries")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Item"),
                self.tr("Amount (yuan)"),
                self.tr("Reference"),
                self.tr("Verification code"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Payments, deposits and amounts due on the account:")), 1)
        bottom.addWidget(self.receipt_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 3)
        layout.addLayout(bottom)
        layout.addWidget(self.table, 2)
        self.reload()

    # ----- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            st = rent_statement(self.ctx.db, self.team_id, self.month.text())
        except DeskError as exc:
            self.statement = None
            self.text.setPlainText(self.ctx.message(exc))
            self.statement_button.setEnabled(False)
            return
        self.statement = st
        self.statement_button.setEnabled(True)
        self.text.setPlainText("\n".join(self.statement_lines(st)))
        self.entries = team_entries(self.ctx.db, self.team_id)
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            kind = str(e["kind"])
            cells = [
                str(e["on"]),
                rent_entry_label(kind, self.ctx.lang),
                format_yuan(int(str(e["amount_fen"]))),
                str(e["reference"] or ""),
                str(e["verification_code"] or ""),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 2:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._selection()

    def statement_lines(self, st: RentStatement) -> list[str]:
        lang = self.ctx.lang
        out = [self.tr("Brought forward: %1 yuan").replace("%1", format_yuan(st.opening_fen))]
        for line in st.lines:
            out.append(f"{line.unit} · {line.month_start.isoformat()} · {line.text(lang)}")
        if not st.lines:
            out.append(self.tr("No rent billed this month."))
        for e in st.receivables:
            out.append(
                f"{e.on.isoformat()} · {rent_entry_label(e.kind, lang)}: {format_yuan(e.amount_fen)}"
            )
        for e in st.payments:
            out.append(
                f"{e.on.isoformat()} · {rent_entry_label(e.kind, lang)}: {format_yuan(e.amount_fen)}"
            )
        out.append(self.tr("Arrears at the end of the month: %1 yuan").replace(
            "%1", format_yuan(st.arrears_fen)
        ))  # fmt: skip
        out.append(self.tr("Deposit held: %1 yuan").replace("%1", format_yuan(st.deposit_held_fen)))
        out.append(self.tr("Verification code: %1").replace("%1", st.verification_code))
        return out

    def _selection(self) -> None:
        row = self.table.currentRow()
        ok = 0 <= row < len(self.entries) and self.entries[row]["kind"] != RentEntryKind.REPAYMENT
        self.receipt_button.setEnabled(bool(self.table.selectedItems()) and ok)

    # ----- actions -------------------------------------------------------------------------

    def record(self) -> None:
        self.dialog = PaymentDialog(self.ctx, self.team_id, parent=self)
        self.dialog.finished.connect(lambda _r: self.reload())
        self.dialog.open()

    def _save(self, suggested: str, data: bytes) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), suggested, self.tr("PDF (*.pdf)")
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            messages.show_error(self, f"{path}: {exc.strerror or exc}")

    def save_statement(self) -> None:
        if self.statement is None:
            return
        lang = "zh" if self.ctx.is_chinese else "en"
        data = statement_pdf(self.ctx.db, self.team_id, self.statement.month, lang=lang)
        self._save(f"rent-statement-{self.statement.month}.pdf", data)

    def save_receipt(self) -> None:
        row = self.table.currentRow()
        if not (0 <= row < len(self.entries)):
            return
        entry_id = int(str(self.entries[row]["id"]))
        lang = "zh" if self.ctx.is_chinese else "en"
        self._save(f"receipt-{entry_id}.pdf", receipt_pdf(self.ctx.db, entry_id, lang=lang))
