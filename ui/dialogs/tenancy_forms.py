"""Forms of the unit board and the lease lifecycle: reserve a unit or mark it under repair,
renew a lease, record a move-in or move-out (and save its hand-over sheet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aitown.enums import HandoverKind, UnitState
from aitown.money import format_yuan
from aitown.services.handover import HandoverInput, handover_sheet, record_handover
from aitown.services.handover_pdf import handover_pdf
from aitown.services.lease_lifecycle import Renewal, renew_lease
from aitown.services.unit_holds import hold_unit
from ui import checks
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.labels import handover_kind_label
from ui.ops import run_op
from ui.widgets.form import add_checked_form, add_form_buttons
from ui.widgets.pdf_preview import PdfPreview, print_document, save_pdf_as
from ui.widgets.team_picker import TeamPicker


def _text_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class UnitHoldDialog(QDialog):
    """Reserve a unit (optionally for a team, until a day) or mark it under repair."""

    def __init__(
        self,
        ctx: DeskContext,
        space_id: int,
        kind: UnitState,
        unit: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.space_id, self.kind = ctx, space_id, kind
        self.hold_id: int | None = None
        reserve = kind == UnitState.RESERVED
        self.setWindowTitle(self.tr("Reserve a unit") if reserve else self.tr("Unit under repair"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(_text_label(unit))
        self.form = add_checked_form(layout, ctx.lang, self)
        self.starts_on = QLineEdit(dt.date.today().isoformat())
        self.starts_on.setObjectName("hold_starts_on")
        self.ends_on = QLineEdit()
        self.ends_on.setObjectName("hold_ends_on")
        self.ends_on.setPlaceholderText(self.tr("empty: until lifted"))
        self.note = QLineEdit()
        self.note.setObjectName("hold_note")
        self.picker: TeamPicker | None = None
        self.form.add(
            "starts_on",
            self.tr("&From:"),
            self.starts_on,
            checks.date_check("first day", "starts_on"),
        )
        self.form.add(
            "ends_on",
            self.tr("&Until (last day):"),
            self.ends_on,
            checks.date_check("last day", "ends_on", optional=True),
        )
        if reserve:
            self.picker = TeamPicker(ctx.db)
            self.form.add("team", self.tr("For &team (optional):"), self.picker)
        self.form.add("note", self.tr("&Note:"), self.note)
        ok_text = self.tr("&Reserve") if reserve else self.tr("&Mark under repair")
        self.buttons, self.ok_button = add_form_buttons(self, layout, self.form, ok_text, self.save)

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor, space_id, kind = self.ctx.db, self.ctx.actor, self.space_id, self.kind
        start, end, note = self.starts_on.text(), self.ends_on.text(), self.note.text()
        team_id = self.picker.team_id if self.picker is not None else None

        def done(hold_id: int) -> None:
            self.hold_id = hold_id
            self.accept()

        run_op(
            self.ctx,
            self,
            lambda _c: hold_unit(
                db,
                actor,
                space_id,
                kind,
                starts_on=start,
                ends_on=end or None,
                team_id=team_id,
                note=note,
            ),
            changes=[Change(Entity.SPACE, space_id)],
            on_success=done,
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )


class RenewLeaseDialog(QDialog):
    """Renew a lease: a new lease of the same unit from the day after it ends."""

    def __init__(
        self,
        ctx: DeskContext,
        lease_id: int,
        team_id: int | None,
        description: str,
        last_day: dt.date,
        monthly_rent: int,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.lease_id, self.team_id = ctx, lease_id, team_id
        self.renewal: Renewal | None = None
        self.setWindowTitle(self.tr("Renew a lease"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(_text_label(description))
        start = last_day + dt.timedelta(days=1)
        layout.addWidget(
            _text_label(
                self.tr(
                    "The renewal starts on {start}. A rent waiver on this lease continues on it, "
                    "its months counted from the first lease."
                ).format(start=start.isoformat())
            )
        )
        self.form = add_checked_form(layout, ctx.lang, self)
        try:
            default_end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
        except ValueError:  # 29 February
            default_end = start.replace(year=start.year + 1, day=28)
        self.end_on = QLineEdit(default_end.isoformat())
        self.end_on.setObjectName("renew_end_on")
        self.rent = QLineEdit(format_yuan(monthly_rent, grouping=False))
        self.rent.setObjectName("renew_rent")
        self.form.add(
            "end_on",
            self.tr("T&o (last day):"),
            self.end_on,
            checks.date_check("renewal end", "end_on"),
        )
        self.form.add(
            "rent",
            self.tr("Monthly &rent (yuan):"),
            self.rent,
            checks.yuan_check("monthly rent", "rent"),
        )
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Renew"), self.save
        )

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor, lease_id = self.ctx.db, self.ctx.actor, self.lease_id
        end, rent = self.end_on.text(), self.rent.text()

        def done(renewal: Renewal) -> None:
            self.renewal = renewal
            self.accept()

        changes = [Change(Entity.LEASE, lease_id, self.team_id), Change(Entity.SPACE)]
        run_op(
            self.ctx,
            self,
            lambda _c: renew_lease(db, actor, lease_id, end, rent),
            changes=lambda r: [
                *changes,
                Change(Entity.LEASE, r.lease_id, self.team_id),
                *(
                    [
                        Change(Entity.APPLICATION, r.waiver_application_id, self.team_id),
                        Change(Entity.POOL),
                    ]
                    if r.waiver_application_id
                    else []
                ),
            ],
            on_success=done,
            on_failure=lambda exc: self.form.show_refusal(exc, {"monthly_rent": "rent"}),
            busy=[self.ok_button],
        )


class HandoverDialog(QDialog):
    """Record the move-in or move-out of a lease; save the hand-over sheet (交接单) as PDF."""

    FIELDS = ("keys", "cards", "electricity", "water", "deposit", "deducted", "tenant_signatory")

    def __init__(
        self,
        ctx: DeskContext,
        lease_id: int,
        team_id: int | None,
        description: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.lease_id, self.team_id = ctx, lease_id, team_id
        self.setWindowTitle(self.tr("Move-in and move-out"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(_text_label(description))
        self.form = add_checked_form(layout, ctx.lang, self)
        self.kind = QComboBox()
        self.kind.setObjectName("handover_kind")
        for kind in HandoverKind:
            self.kind.addItem(handover_kind_label(kind), str(kind))
        self.handed_on = QLineEdit(dt.date.today().isoformat())
        self.handed_on.setObjectName("handover_date")
        self.edits: dict[str, QLineEdit] = {}
        for name in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"handover_{name}")
            self.edits[name] = edit
        self.condition = QPlainTextEdit()
        self.condition.setObjectName("handover_condition")
        self.condition.setFixedHeight(70)
        self.deposit_label = QLabel()
        self.form.add("kind", self.tr("&Hand-over:"), self.kind)
        self.form.add(
            "handed_on",
            self.tr("&Date:"),
            self.handed_on,
            checks.date_check("hand-over date", "handed_on"),
        )
        self.form.add("keys", self.tr("&Keys:"), self.edits["keys"])
        self.form.add("cards", self.tr("Access &cards:"), self.edits["cards"])
        self.form.add(
            "electricity", self.tr("&Electricity meter (kWh):"), self.edits["electricity"]
        )
        self.form.add("water", self.tr("&Water meter (m³):"), self.edits["water"])
        self.form.add("condition", self.tr("C&ondition of the unit:"), self.condition)
        self.deposit_field = self.form.add(
            "deposit",
            self.tr("De&posit (yuan):"),
            self.edits["deposit"],
            checks.yuan_check("deposit", "deposit", optional=True),
        )
        self.deducted_field = self.form.add(
            "deducted",
            self.tr("Kept &back (yuan):"),
            self.edits["deducted"],
            checks.yuan_check("deposit kept back", "deducted", optional=True),
        )
        self.form.add(
            "tenant_signatory", self.tr("Tenant's si&gnatory:"), self.edits["tenant_signatory"]
        )
        self.pdf_button = QPushButton(self.tr("Save hand-over sheet as PD&F…"))
        self.pdf_button.setObjectName("handover_pdf")
        self.pdf_button.clicked.connect(self.save_sheet)
        self.print_button = QPushButton(self.tr("Print hand-over shee&t…"))
        self.print_button.setObjectName("handover_print")
        self.print_button.clicked.connect(self.print_sheet)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.pdf_button)
        sheet_row.addWidget(self.print_button)
        layout.addLayout(sheet_row)
        self.preview: PdfPreview | None = None
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Save"), self.save
        )
        self.kind.currentIndexChanged.connect(self.load)
        self.load()

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def load(self) -> None:
        """Fill the fields from what is recorded for the chosen hand-over (if anything)."""
        sheet = handover_sheet(self.ctx.db, self.lease_id)
        rec = sheet.record(self.current_kind())
        moving_out = self.current_kind() == HandoverKind.MOVE_OUT
        caption = self.deposit_field.caption
        if caption is not None:
            caption.setText(
                self.tr("Deposit &returned (yuan):")
                if moving_out
                else self.tr("De&posit received (yuan):")
            )
        self.edits["deducted"].setEnabled(moving_out)
        if rec is None:
            for edit in self.edits.values():
                edit.clear()
            self.condition.clear()
            if not moving_out:
                self.handed_on.setText(
                    max(sheet.start_on, min(dt.date.today(), sheet.last_day)).isoformat()
                )
            else:
                self.handed_on.setText(sheet.last_day.isoformat())
            return
        self.handed_on.setText(rec.handed_on.isoformat())
        self.edits["keys"].setText(str(rec.keys))
        self.edits["cards"].setText(str(rec.cards))
        self.edits["electricity"].setText(f"{rec.electricity_hundredths / 100:.2f}")
        self.edits["water"].setText(f"{rec.water_hundredths / 100:.2f}")
        self.edits["deposit"].setText(format_yuan(rec.deposit, grouping=False))
        self.edits["deducted"].setText(format_yuan(rec.deducted, grouping=False))
        self.edits["tenant_signatory"].setText(rec.tenant_signatory)
        self.condition.setPlainText(rec.condition)

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        e = self.edits
        values = HandoverInput(
            handed_on=self.handed_on.text(),
            keys=e["keys"].text().strip() or "0",
            cards=e["cards"].text().strip() or "0",
            electricity=e["electricity"].text(),
            water=e["water"].text(),
            condition=self.condition.toPlainText(),
            deposit=e["deposit"].text().strip() or "0",
            deducted=e["deducted"].text().strip() or "0",
            tenant_signatory=e["tenant_signatory"].text(),
        )
        db, actor, lease_id, kind = self.ctx.db, self.ctx.actor, self.lease_id, self.current_kind()
        run_op(
            self.ctx,
            self,
            lambda _c: record_handover(db, actor, lease_id, kind, values),
            changes=[Change(Entity.LEASE, lease_id, self.team_id)],
            on_success=lambda _id: self.accept(),
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )

    def _sheet(self, then: Callable[[bytes], None], button: QPushButton) -> None:
        """Make the sheet (Chinese page, then English) off the GUI thread, then ``then(pdf)``."""
        db, actor, lease_id = self.ctx.db, self.ctx.actor, self.lease_id
        run_op(
            self.ctx,
            self,
            lambda _c: handover_pdf(db, actor, lease_id, lang="zh+en"),
            on_success=then,
            on_failure=self.form.show_refusal,
            busy=[button],
        )

    def save_sheet(self) -> None:
        self._sheet(self._save_pdf, self.pdf_button)

    def print_sheet(self) -> None:
        self._sheet(self._print_pdf, self.print_button)

    def _print_pdf(self, pdf: bytes) -> None:
        self.preview = PdfPreview(self)
        self.preview.hide()
        self.preview.load_bytes(pdf)
        print_document(self, self.preview.document, self.tr("Hand-over sheet"))

    def _save_pdf(self, pdf: bytes) -> None:
        save_pdf_as(self, pdf, f"handover-{self.lease_id}.pdf", self.tr("Save hand-over sheet"))
