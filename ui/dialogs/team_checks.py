"""The facts the desk checks elsewhere and enters on a team: whether it is on the list of
seriously dishonest entities (§1.5) and its related parties (§6.1). Both go through
aitown.services.team_checks (rights, audit)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.models import Team
from aitown.services.team_checks import (
    add_related_party,
    list_related_parties,
    remove_related_party,
    set_dishonest,
)
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.ops import run_op
from ui.widgets.form import add_checked_form, ok_cancel_buttons


class DishonestDialog(QDialog):
    """Record the §1.5 check: not checked / not on the list / on the list, with the reason."""

    def __init__(self, ctx: DeskContext, team: Team, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team = team
        self.setWindowTitle(self.tr("List of seriously dishonest entities"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.choice = QComboBox()
        self.choice.setObjectName("dishonest_choice")
        self.choice.addItem(self.tr("not checked yet"), None)
        self.choice.addItem(self.tr("checked: not on the list"), False)
        self.choice.addItem(self.tr("on the list of seriously dishonest entities"), True)
        self.choice.setCurrentIndex(self.choice.findData(team.dishonest))
        self.reason = QLineEdit()
        self.reason.setObjectName("dishonest_reason")
        self.reason.setPlaceholderText(self.tr("where the list says so, e.g. 信用中国, 2026-11-30"))
        self.form.add("dishonest", self.tr("&Check:"), self.choice)
        self.form.add("reason", self.tr("&Reason:"), self.reason)
        self.buttons, self.ok_button = ok_cancel_buttons(self, self.tr("&Save"), self.save)
        layout.addWidget(self.buttons)
        self.form.revalidate()

    def save(self) -> None:
        db, actor, team_id = self.ctx.db, self.ctx.actor, self.team.id
        on_list, reason = self.choice.currentData(), self.reason.text()
        run_op(
            self.ctx,
            self,
            lambda _control: set_dishonest(db, actor, team_id, on_list, reason),
            changes=[Change(Entity.TEAM, team_id, team_id)],
            on_success=lambda _result: self.accept(),
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )


class RelatedPartiesDialog(QDialog):
    """A team's related parties: the list, and adding or removing one."""

    def __init__(self, ctx: DeskContext, team: Team, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.team = team
        self.setWindowTitle(self.tr("Related parties of {name}").format(name=team.name_zh))
        self.resize(760, 420)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("related_parties_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Credit code"),
                self.tr("Legal representative"),
                self.tr("Kind"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.name = QLineEdit()
        self.name.setObjectName("party_name")
        self.name.setPlaceholderText(self.tr("Name"))
        self.uscc = QLineEdit()
        self.uscc.setObjectName("party_uscc")
        self.uscc.setPlaceholderText(self.tr("Credit code (optional)"))
        self.legal_rep = QLineEdit()
        self.legal_rep.setObjectName("party_legal_rep")
        self.legal_rep.setPlaceholderText(self.tr("Legal representative (optional)"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("shareholder"), "shareholder")
        self.kind.addItem(self.tr("affiliate"), "affiliate")
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.setObjectName("party_add")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("&Remove selected"))
        self.remove_button.setObjectName("party_remove")
        self.remove_button.clicked.connect(self.remove)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b03a2e;")
        entry = QHBoxLayout()
        for widget in (self.name, self.uscc, self.legal_rep, self.kind, self.add_button):
            entry.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.rows = list_related_parties(self.ctx.db, self.team.id)
        self.table.setRowCount(len(self.rows))
        kinds = {"shareholder": self.tr("shareholder"), "affiliate": self.tr("affiliate")}
        for i, row in enumerate(self.rows):
            values = [row.name, row.uscc or "—", row.legal_rep or "—"]
            values.append(kinds.get(row.kind, row.kind))
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.remove_button.setEnabled(bool(self.rows))

    def _write(self, work: Callable[[], object], then: Callable[[], None] | None = None) -> None:
        """Run the service call through run_op; the team's views hear of it on the change bus."""

        def done(_result: object) -> None:
            if then is not None:
                then()
            self.message.clear()
            self.reload()

        run_op(
            self.ctx,
            self,
            lambda _control: work(),
            changes=[Change(Entity.TEAM, self.team.id, self.team.id)],
            on_success=done,
            on_failure=lambda exc: self.message.setText(self.ctx.message(exc)),
            busy=[self.add_button, self.remove_button],
        )

    def add(self) -> None:
        db, actor, team_id = self.ctx.db, self.ctx.actor, self.team.id
        party = {
            "name": self.name.text(),
            "uscc": self.uscc.text().strip() or None,
            "legal_rep": self.legal_rep.text(),
            "kind": self.kind.currentData(),
        }

        def clear() -> None:
            for edit in (self.name, self.uscc, self.legal_rep):
                edit.clear()

        self._write(lambda: add_related_party(db, actor, team_id, party), clear)

    def remove(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.message.setText(self.tr("Choose the related party to remove."))
            return
        db, actor, team_id = self.ctx.db, self.ctx.actor, self.team.id
        party_id = self.rows[row].id
        self._write(lambda: remove_related_party(db, actor, team_id, party_id))
