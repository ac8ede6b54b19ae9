"""The Sync screen: this office's role, the last bundles each way, what waits to be sent,
Export… / Import… off the GUI thread with progress and Cancel; on the city the districts (shares
and what each last reported) and the Conflicts list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.services import offices, sync
from aitown.sync.tables import Role
from ui import messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.i18n import error_lang
from ui.labels import benefit_label
from ui.models.audit_model import local_time
from ui.ops import run_op
from ui.tasks import TaskControl


def pool_scope_text(ctx: DeskContext) -> str:
    """For the Dashboard: whose money the pools are, on a city or a district ("" standalone)."""
    from PySide6.QtCore import QCoreApplication

    try:
        status = sync.sync_status(ctx.db, count_waiting=False)
    except DeskError:
        return ""
    if status.role is Role.DISTRICT:
        city = next((p for p in status.peers if p.code == status.city_code), None)
        if city is None or not city.last_received_seq:
            return QCoreApplication.translate(
                "SyncView",
                "The pools are this district's shares of the city's budget: none has arrived "
                "yet, so nothing can be approved until the city's first bundle is imported.",
            )
        return QCoreApplication.translate(
            "SyncView",
            "The pools are this district's shares of the city's budget, as the city's bundle "
            "#{seq} of {at} set them.",
        ).format(
            seq=city.last_received_seq,
            at=local_time(city.last_received_at) if city.last_received_at else "",
        )
    if status.role is Role.CITY:
        given = sum(offices.shares_given(ctx.db).values())
        return QCoreApplication.translate(
            "SyncView",
            "The pools are the city's totals; {given} yuan of them are given to the districts "
            "as shares (see Sync).",
        ).format(given=format_yuan(given))
    return ""


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class SyncView(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.status: sync.SyncStatus | None = None
        title = QLabel(self.tr("Sync"))
        title.setObjectName("screenTitle")
        self.role = QLabel()
        self.role.setObjectName("sync_role")
        self.role.setWordWrap(True)
        self.waiting = QLabel()
        self.waiting.setObjectName("sync_waiting")
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setObjectName("sync_export")
        self.export_button.clicked.connect(self.export_bundle)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setObjectName("sync_import")
        self.import_button.clicked.connect(self.import_bundle)
        buttons = QHBoxLayout()
        buttons.addWidget(self.waiting, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)

        self.peers_title = QLabel()
        self.peers = _table(
            "sync_offices",
            [
                self.tr("Office"),
                self.tr("Name"),
                self.tr("Last bundle received"),
                self.tr("Last bundle sent"),
                self.tr("Acknowledged"),
            ],
        )
        self.shares_title = QLabel(self.tr("Districts' shares (as each last reported)"))
        self.shares = _table(
            "sync_shares",
            [
                self.tr("Office"),
                self.tr("Pool"),
                self.tr("Share"),
                self.tr("Committed"),
                self.tr("Disbursed"),
                self.tr("Left"),
            ],
        )
        self.conflicts_title = QLabel()
        self.conflicts = _table("sync_conflicts", [self.tr("Found"), self.tr("Conflict")])
        self.conflicts.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.role)
        layout.addLayout(buttons)
        layout.addWidget(self.peers_title)
        layout.addWidget(self.peers, 1)
        layout.addWidget(self.shares_title)
        layout.addWidget(self.shares, 2)
        layout.addWidget(self.conflicts_title)
        layout.addWidget(self.conflicts, 2)
        # Takes the space only when every table is hidden (a standalone office), so the title and
        # the sentence stay at the top instead of spreading down the screen.
        layout.addStretch(0)
        self.refresh()

    # --- what is shown ---------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            self.status = status = sync.sync_status(self.ctx.db)
            rows = offices.list_offices(self.ctx.db)
            conflicts = (
                sync.list_conflicts(self.ctx.db, self.ctx.actor)
                if status.role is Role.CITY and self.ctx.can("audit.view")
                else []
            )
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return
        city = status.role is Role.CITY
        standalone = status.role is Role.STANDALONE
        if standalone:
            self.role.setText(
                self.tr(
                    "This is a standalone office ({code}), not part of a city: it exchanges no "
                    "bundles. An administrator can enrol it in a city with “aitown-cli init "
                    "--enrol FILE”, keeping every record."
                ).format(code=status.office_code)
            )
        elif city:
            self.role.setText(
                self.tr(
                    "This is the city's office ({code}): it holds the pools' totals and gives each "
                    "district a share."
                ).format(code=status.office_code)
            )
        else:
            self.role.setText(
                self.tr(
                    "This is district office {code} of the city {city}: it approves within the "
                    "shares the city's bundles bring."
                ).format(code=status.office_code, city=status.city_code)
            )
        self.export_button.setEnabled(not standalone and self.ctx.can("sync.run"))
        self.import_button.setEnabled(not standalone and self.ctx.can("sync.run"))
        # A disabled button says why (the sentence above says it too).
        why = (
            self.tr(
                "Export and Import exchange bundles with the city: a standalone office has none."
            )
            if standalone
            else ""
        )
        for button in (self.export_button, self.import_button):
            button.setToolTip(why)
        if standalone:
            self.role.setText(
                self.role.text()
                + " "
                + self.tr("Until then Export… and Import… below stay unavailable.")
            )
        if status.waiting is not None:
            self.waiting.setText(
                self.tr("Changes waiting to be sent to the city: {n}").format(n=status.waiting)
            )
        else:
            self.waiting.setText("")
        self.peers_title.setText(self.tr("Districts") if city else self.tr("The city"))
        for widget in (self.peers_title, self.peers):
            widget.setVisible(not standalone)
        self.peers.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [
                row.code,
                self.ctx.pick(row.name_en, row.name_zh),
                self._bundle(row.last_received_seq, row.last_received_at),
                self._bundle(row.last_sent_seq, row.last_sent_at),
                self.tr("#{seq}").format(seq=row.acked_seq) if row.acked_seq else "—",
            ]
            for c, text in enumerate(cells):
                self.peers.setItem(r, c, QTableWidgetItem(text))
        if self.peers.rowCount() and self.peers.currentRow() < 0:
            self.peers.selectRow(0)
        # Pools a district has no share of and never used are left out.
        shares = (
            [
                (row.code, p)
                for row in rows
                for p in row.pools
                if p.share or p.committed or p.disbursed
            ]
            if city
            else []
        )
        for widget in (self.shares_title, self.shares):
            widget.setVisible(city)
        self.shares.setRowCount(len(shares))
        for r, (code, p) in enumerate(shares):
            cells = [
                code,
                benefit_label(p.kind),
                format_yuan(p.share),
                format_yuan(p.committed) if p.committed is not None else self.tr("not reported"),
                format_yuan(p.disbursed) if p.disbursed is not None else "",
                format_yuan(p.left) if p.left is not None else "",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 2:  # money
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.shares.setItem(r, c, item)
        for widget in (self.conflicts_title, self.conflicts):
            widget.setVisible(city)
        self.conflicts_title.setText(
            self.tr("Conflicts between offices: {n} open").format(n=len(conflicts))
        )
        self.conflicts.setRowCount(len(conflicts))
        lang = error_lang(self.ctx.lang)
        for r, conflict in enumerate(conflicts):
            self.conflicts.setItem(r, 0, QTableWidgetItem(local_time(conflict.found_at)))
            self.conflicts.setItem(r, 1, QTableWidgetItem(conflict.describe(lang)))
        self.conflicts.resizeRowsToContents()

    def _bundle(self, seq: int, at: dt.datetime | None) -> str:
        if not seq:
            return "—"
        return self.tr("#{seq}, {at}").format(seq=seq, at=local_time(at) if at else "")

    def selected_district(self) -> str | None:
        row = self.peers.currentRow()
        item = self.peers.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    # --- actions ---------------------------------------------------------------------------------

    def export_bundle(self) -> None:
        status = self.status
        if status is None or status.role is Role.STANDALONE:
            return
        for_code = self.selected_district() if status.role is Role.CITY else None
        if status.role is Role.CITY and not for_code:
            messages.show_error(self, self.tr("Choose the district the bundle is for."))
            return
        to = for_code or status.city_code or ""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the bundle for {office}").format(office=to),
            f"{status.office_code}-to-{to}.zip",
            self.tr("Change bundles (*.zip)"),
        )
        if not path:
            return
        db, actor = self.ctx.db, self.ctx.actor

        def work(control: TaskControl) -> sync.ExportResult:
            def progress(done: int, total: int) -> None:
                control.check()
                control.progress(done, total)

            return sync.export_bundle(db, actor, path, for_code=for_code, progress=progress)

        def done(result: sync.ExportResult) -> None:
            self.refresh()
            text = self.tr("Wrote bundle {seq} for {office} ({n} records) to {path}.").format(
                seq=result.seq, office=result.to, n=result.records, path=result.path
            )
            if result.kept is not None:
                text += " " + self.tr("A copy is kept in {path}.").format(path=result.kept)
            messages.show_info(self, text)

        run_op(
            self.ctx,
            self,
            work,
            on_success=done,
            on_failure=self._failed,
            on_cancelled=self.refresh,
            label=self.tr("Writing the bundle…"),
            cancellable=True,
        )

    def import_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a bundle to import"), "", self.tr("Change bundles (*.zip)")
        )
        if not path:
            return
        db, actor = self.ctx.db, self.ctx.actor

        def work(control: TaskControl) -> sync.ImportResult:
            def progress(done: int, total: int) -> None:
                control.check()  # a cancelled import rolls back: nothing changes
                control.progress(done, total)

            return sync.import_bundle(db, actor, Path(path), progress=progress)

        run_op(
            self.ctx,
            self,
            work,
            # Shares and facts from other offices: pools, eligibility and applications may change.
            changes=[Change(Entity.APPLICATION), Change(Entity.POOL), Change(Entity.TEAM)],
            on_success=self._imported,
            on_failure=self._failed,
            on_cancelled=self.refresh,
            label=self.tr("Importing the bundle…"),
            cancellable=True,
        )

    def _imported(self, result: sync.ImportResult) -> None:
        self.refresh()
        if result.already:
            text = self.tr("Bundle {seq} from {office} was already imported; nothing changed.")
        else:
            text = self.tr("Imported bundle {seq} from {office} ({n} records).")
        text = text.format(seq=result.seq, office=result.sender, n=result.records)
        if result.new_conflicts:
            text += " " + self.tr("{n} new conflicts between offices: see the list below.").format(
                n=result.new_conflicts
            )
        if result.warnings:
            text += "\n\n" + "\n".join(result.warnings)
        messages.show_info(self, text)

    def _failed(self, exc: DeskError) -> None:
        self.refresh()
        messages.show_error(self, self.ctx.message(exc))
