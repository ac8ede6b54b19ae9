"""The Budget screen: each pool's total, committed, disbursed, released and left (yuan with two
decimals); an administrator changes a pool's total (never below what it has used)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import DeskError
from aitown.money import format_yuan
from aitown.services.dashboard import PoolUsage, pool_usage
from aitown.services.list_tables import budget_table
from aitown.services.pools import set_pool_total
from ui import checks, messages
from ui.changes import Change, Entity, subscribe
from ui.context import DeskContext
from ui.labels import benefit_label
from ui.models.pools_model import COL_POOL, PoolsModel
from ui.ops import run_op
from ui.views.sync import pool_scope_text
from ui.widgets.charts import PoolsChart
from ui.widgets.form import add_checked_form, add_form_buttons
from ui.widgets.list_export import ListExportBar


class PoolTotalDialog(QDialog):
    """Change one pool's total; the service's refusal (below what is used) shows under the field."""

    def __init__(self, ctx: DeskContext, pool: PoolUsage, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.pool = pool
        self.setWindowTitle(self.tr("Change the total of a pool"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Pool: {pool}. It has committed {committed} yuan and disbursed {disbursed} yuan; "
                "the total cannot be less than that."
            ).format(
                pool=benefit_label(pool.kind),
                committed=format_yuan(pool.committed),
                disbursed=format_yuan(pool.disbursed),
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = add_checked_form(layout, ctx.lang, self)
        self.total = QLineEdit(format_yuan(pool.total, grouping=False))
        self.total.setObjectName("pool_total")
        self.form.add(
            "total", self.tr("&Total (yuan):"), self.total, checks.yuan_check("pool total", "total")
        )
        self.buttons, self.ok_button = add_form_buttons(
            self, layout, self.form, self.tr("&Change"), self.save
        )
        self.total.selectAll()

    def save(self) -> None:
        if not self.form.revalidate(show_all=True):
            return
        db, actor, kind, total = self.ctx.db, self.ctx.actor, self.pool.kind, self.total.text()
        run_op(
            self.ctx,
            self,
            lambda _control: set_pool_total(db, actor, kind, total),
            changes=[Change(Entity.POOL)],
            on_success=lambda _result: self.accept(),
            on_failure=self.form.show_refusal,
            busy=[self.ok_button],
        )


class BudgetView(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self.model = PoolsModel(self)
        self.table = QTableView()
        self.table.setObjectName("budget_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_POOL, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda _index: self.change_total())

        self.summary = QLabel()
        self.summary.setObjectName("budget_summary")
        self.summary.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Committed: approved, not yet paid. Disbursed: paid (or, for rent waivers, "
                "forgone). Released: given back by revocations. Left = total − committed − "
                "disbursed; nothing is approved past what is left."
            )
        )
        hint.setWordWrap(True)
        self.change_button = QPushButton(self.tr("&Change total…"))
        self.change_button.setObjectName("budget_change_total")
        self.change_button.setVisible(ctx.can("pool.edit"))
        self.change_button.clicked.connect(self.change_total)
        self.export_bar = ListExportBar(
            ctx, "budget", lambda: partial(budget_table, ctx.db, ctx.actor)
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.export_bar)
        bottom.addWidget(self.change_button)

        title = QLabel(self.tr("Budget"))
        title.setObjectName("screenTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        layout.addWidget(hint)
        self.chart = PoolsChart()
        layout.addWidget(self.chart, 1)
        subscribe(
            ctx.changes,
            self,
            (
                Entity.APPLICATION,
                Entity.POOL,
                Entity.OFFICE,
            ),
            self.refresh,
        )
        self.refresh()

    def refresh(self) -> None:
        try:
            pools = pool_usage(self.ctx.db)
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return
        keep = self.current_kind()
        self.model.set_rows(pools)
        self.chart.set_pools(pools)
        rows = self.model.rowCount()
        self.table.setFixedHeight(
            self.table.horizontalHeader().height() + rows * 28 + 2 * self.table.frameWidth() + 2
        )
        total = sum(p.total for p in pools)
        left = sum(p.left for p in pools)
        summary = self.tr("All pools: {total} yuan in total, {left} yuan left.").format(
            total=format_yuan(total), left=format_yuan(left)
        )
        scope = pool_scope_text(self.ctx)  # a city's shares given, or a district's shares
        self.summary.setText(f"{summary} {scope}".strip())
        if keep is not None and (row := self.model.row_of(keep)) is not None:
            self.table.selectRow(row)
        elif rows:
            self.table.selectRow(0)

    def current_kind(self) -> str | None:
        index = self.table.currentIndex()
        pool = self.model.pool(index.row()) if index.isValid() else None
        return pool.kind if pool else None

    def change_total(self) -> None:
        if not self.ctx.can("pool.edit"):
            return
        index = self.table.currentIndex()
        pool = self.model.pool(index.row()) if index.isValid() else None
        if pool is None:
            return
        self.dialog = PoolTotalDialog(self.ctx, pool, self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()
