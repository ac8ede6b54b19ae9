"""The Audit log screen: events newest first, filtered by user, action, record kind and dates, a page
at a time (the log grows without end); "Verify chain" walks the whole hash chain off the GUI
thread and says whether the log is intact or which events were changed or deleted."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aitown import event_text
from aitown.errors import DeskError
from aitown.services.audit import ChainProblem, verify_chain
from aitown.services.audit_log import list_events
from aitown.services.event_lines import event_lines
from aitown.services.list_tables import audit_table
from aitown.services.users import list_users
from ui import messages
from ui.context import DeskContext
from ui.models.audit_model import (
    COL_ACTION,
    COL_AT,
    COL_CHANGE,
    COL_ENTITY,
    COL_ID,
    COL_USER,
    AuditModel,
    entity_words,
)
from ui.tasks import TaskControl, run_task
from ui.widgets.flow_layout import flow_row
from ui.widgets.form import add_labelled
from ui.widgets.list_export import ListExportBar
from ui.widgets.list_table import list_table

PAGE_SIZE = 100
MAX_PROBLEMS_SHOWN = 10
NO_DATE = QDate(2000, 1, 1)
ACTION_GROUPS = (
    "application.",
    "team.",
    "member.",
    "space.",
    "lease.",
    "notice.",
    "pool.",
    "user.",
    "login",
    "office.",
    "policy.",
    "backup.",
)
ENTITIES = (
    "application",
    "team",
    "member",
    "space",
    "lease",
    "notice",
    "pool",
    "user",
    "office",
    "policy",
    "setting",
    "backup",
    "database",
)
OK_STYLE = "color: #1e7b45; font-weight: 600;"
BAD_STYLE = "color: #b00020; font-weight: 600;"


class DateFilter(QDateEdit):
    """A date, or none (shown as “any”): the bound of the date range is optional."""

    def __init__(self, any_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(any_text)
        self.setDate(NO_DATE)

    def day(self) -> dt.date | None:
        value = self.date()
        if value == NO_DATE:
            return None
        return dt.date(value.year(), value.month(), value.day())

    def set_day(self, day: dt.date | None) -> None:
        self.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)


def utc_start_of(day: dt.date) -> dt.datetime:
    """Local midnight of ``day`` in UTC (the log stores UTC; people pick local days)."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


class AuditLogView(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.page = 0
        self.has_next = False
        self.chain_result: tuple[int, list[ChainProblem]] | None = None
        self.model = AuditModel(self)

        self.user_filter = QComboBox()
        self.user_filter.setObjectName("audit_user_filter")
        self.action_filter = QComboBox()
        self.action_filter.setObjectName("audit_action_filter")
        self.action_filter.setEditable(True)
        self.action_filter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        action_edit = self.action_filter.lineEdit()
        assert action_edit is not None  # an editable combo box has its line edit
        action_edit.setPlaceholderText(self.tr("all actions"))
        self.action_filter.addItem("", None)
        for group in ACTION_GROUPS:
            # The reader's words, the code beside them (what may also be typed: team.create).
            kind = group.rstrip(".")
            known = kind in event_text.ENTITIES
            words = entity_words(kind) if known else event_text.action_words(group, ctx.lang)
            self.action_filter.addItem(f"{words} ({group})", group)
        self.action_filter.setToolTip(
            self.tr("An action (application.approve), or its start ending in a dot (application.)")
        )
        self.entity_filter = QComboBox()
        self.entity_filter.setObjectName("audit_entity_filter")
        self.entity_filter.addItem(self.tr("All records"), None)
        for entity in ENTITIES:
            self.entity_filter.addItem(entity_words(entity), entity)
        self.from_date = DateFilter(self.tr("any"))
        self.from_date.setObjectName("audit_from")
        self.to_date = DateFilter(self.tr("any"))
        self.to_date.setObjectName("audit_to")
        self.fill_users()

        parts = [QHBoxLayout() for _ in range(5)]
        add_labelled(parts[0], self.tr("&User:"), self.user_filter, 1)
        add_labelled(parts[1], self.tr("&Action:"), self.action_filter, 2)
        add_labelled(parts[2], self.tr("&Record:"), self.entity_filter, 1)
        add_labelled(parts[3], self.tr("Fro&m:"), self.from_date)
        add_labelled(parts[4], self.tr("T&o:"), self.to_date)
        self.clear_button = QPushButton(self.tr("C&lear"))
        self.clear_button.clicked.connect(self.clear_filters)
        # The filters wrap onto a second line in a narrow window (1024 px) instead of widening it.
        filters = QVBoxLayout()
        filters.addWidget(flow_row(*parts, self.clear_button))

        self.table = list_table(
            "audit_table",
            self.model,
            QAbstractItemView.SelectionMode.ExtendedSelection,  # QTableView's own default
            row_height=24,
        )
        widths = ((COL_ID, 60), (COL_AT, 145), (COL_USER, 80), (COL_ACTION, 185), (COL_ENTITY, 210))
        for col, width in widths:
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_CHANGE, QHeaderView.ResizeMode.Stretch
        )

        self.prev_button = QPushButton(self.tr("◀ &Newer"))
        self.prev_button.setObjectName("audit_prev")
        self.next_button = QPushButton(self.tr("Ol&der ▶"))
        self.next_button.setObjectName("audit_next")
        self.page_label = QLabel()
        self.page_label.setObjectName("audit_page")
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.verify_button.setObjectName("audit_verify")
        self.verify_result = QLabel()
        self.verify_result.setObjectName("audit_verify_result")
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.prev_button)
        bottom.addWidget(self.page_label)
        bottom.addWidget(self.next_button)
        bottom.addStretch(1)
        self.export_bar = ListExportBar(
            ctx, "audit_log", lambda: partial(audit_table, ctx.db, ctx.actor, **self.filters())
        )
        bottom.addWidget(self.export_bar)
        bottom.addWidget(self.verify_button)

        title = QLabel(self.tr("Audit log"))
        title.setObjectName("screenTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.verify_result)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filters)
        self.action_filter.editTextChanged.connect(self._timer.start)
        for combo in (self.user_filter, self.entity_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        for date in (self.from_date, self.to_date):
            date.dateChanged.connect(self.apply_filters)
        self.prev_button.clicked.connect(self.newer)
        self.next_button.clicked.connect(self.older)
        self.verify_button.clicked.connect(self.verify)
        self.load()

    def fill_users(self) -> None:
        keep = self.user_filter.currentData()
        self.user_filter.blockSignals(True)
        self.user_filter.clear()
        self.user_filter.addItem(self.tr("All users"), None)
        try:
            names = [u.name for u in list_users(self.ctx.db)]
        except DeskError:
            names = []
        for name in [*names, "system"]:
            self.user_filter.addItem(name, name)
        at = self.user_filter.findData(keep) if keep is not None else 0
        self.user_filter.setCurrentIndex(max(at, 0))
        self.user_filter.blockSignals(False)

    # --- filtering and paging --------------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        start, end = self.from_date.day(), self.to_date.day()
        return {
            "user": self.user_filter.currentData(),
            "action": self.action_code(),
            "entity": self.entity_filter.currentData(),
            "since": utc_start_of(start) if start else None,
            "until": utc_start_of(end + dt.timedelta(days=1)) if end else None,
        }

    def action_code(self) -> str | None:
        """The code of the chosen action group, or the code typed (application.approve)."""
        text = self.action_filter.currentText().strip()
        at = self.action_filter.findText(text)
        if at > 0 and self.action_filter.itemData(at):
            return str(self.action_filter.itemData(at))
        return text or None

    def apply_filters(self) -> None:
        self._timer.stop()
        self.page = 0
        self.load()

    def clear_filters(self) -> None:
        widgets = (
            self.user_filter,
            self.action_filter,
            self.entity_filter,
            self.from_date,
            self.to_date,
        )
        for w in widgets:
            w.blockSignals(True)
        self.user_filter.setCurrentIndex(0)
        self.action_filter.setEditText("")
        self.entity_filter.setCurrentIndex(0)
        self.from_date.set_day(None)
        self.to_date.set_day(None)
        for w in widgets:
            w.blockSignals(False)
        self.apply_filters()

    def load(self) -> None:
        try:
            rows = list_events(
                self.ctx.db,
                self.ctx.actor,
                limit=PAGE_SIZE + 1,  # one more tells whether an older page exists
                offset=self.page * PAGE_SIZE,
                **self.filters(),
            )
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            rows = []
        self.has_next = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        self.model.set_rows(event_lines(self.ctx.db, rows))
        first = self.page * PAGE_SIZE + 1
        if rows:
            self.page_label.setText(
                self.tr("Page {page}: events {first}–{last}, newest first").format(
                    page=self.page + 1, first=first, last=first + len(rows) - 1
                )
            )
        else:
            self.page_label.setText(self.tr("No events match these filters."))
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.has_next)

    def older(self) -> None:
        if self.has_next:
            self.page += 1
            self.load()

    def newer(self) -> None:
        if self.page > 0:
            self.page -= 1
            self.load()

    def refresh(self) -> None:
        self.fill_users()
        self.load()

    # --- verifying the chain ----------------------------------------------------------------------

    def verify(self) -> None:
        db = self.ctx.db
        self.verify_button.setEnabled(False)
        self.verify_result.setText(self.tr("Checking every event of the audit log…"))
        self.verify_result.setStyleSheet("")

        def work(_control: TaskControl) -> tuple[int, list[ChainProblem]]:
            return verify_chain(db)

        run_task(
            self,
            work,
            self._verified,
            self._verify_failed,
            label=self.tr("Checking the audit log…"),
            cancellable=False,
        )

    def _verified(self, result: tuple[int, list[ChainProblem]]) -> None:
        self.chain_result = result
        self.verify_button.setEnabled(True)
        count, problems = result
        if not problems:
            self.verify_result.setStyleSheet(OK_STYLE)
            self.verify_result.setText(
                self.tr(
                    "The audit log is intact: {count} events checked; each follows the one "
                    "before it and none was changed."
                ).format(count=count)
            )
            return
        lines = [p.text.get(self.ctx.lang) for p in problems]
        shown = lines[:MAX_PROBLEMS_SHOWN]
        if len(lines) > MAX_PROBLEMS_SHOWN:
            shown.append(
                self.tr("… and {n} more problems.").format(n=len(lines) - MAX_PROBLEMS_SHOWN)
            )
        self.verify_result.setStyleSheet(BAD_STYLE)
        self.verify_result.setText(
            self.tr(
                "The audit log was tampered with: {count} events checked, {n} problems found. "
                "Keep this database as it is and tell your IT contact."
            ).format(count=count, n=len(problems))
            + "\n"
            + "\n".join(shown)
        )

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_result.setText("")
        messages.show_exception(self, exc, self.ctx.lang)
