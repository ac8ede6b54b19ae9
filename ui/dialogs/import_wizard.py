"""Import a list of teams: choose a .csv or .xlsx file, see every row checked (bad rows with their
line, column and reason), then import — everything, or only the good rows. Checking and importing
run off the GUI thread with progress and Cancel; the import is one transaction, so Cancel (or any
failure) leaves the database as it was."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from aitown.errors import DeskError
from aitown.services.team_import import ImportCancelled, ImportReport, import_teams
from ui import messages
from ui.changes import Change, Entity
from ui.context import DeskContext
from ui.i18n import error_lang
from ui.ops import run_op
from ui.tasks import TaskControl

log = logging.getLogger(__name__)

PAGE_FILE, PAGE_CHECK, PAGE_DONE = 0, 1, 2
OK_STYLE = "color: #1e7b45; font-weight: 600;"
BAD_STYLE = "color: #b00020; font-weight: 600;"


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr(
                "A list of teams as .csv (UTF-8 or GBK) or .xlsx, one team a row, with English or "
                "Chinese column headers (name_zh 中文名称, uscc 统一社会信用代码, founded_on 成立日期 …)."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        self.path.setPlaceholderText(self.tr("The file to import"))
        self.browse = QPushButton(self.tr("B&rowse…"))
        self.browse.setObjectName("import_browse")
        self.browse.clicked.connect(self.choose)
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.problem = QLabel()
        self.problem.setObjectName("import_file_problem")
        self.problem.setStyleSheet(BAD_STYLE)
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.path.textChanged.connect(self._changed)

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a list of teams"),
            str(Path.home()),
            self.tr("Team lists (*.csv *.xlsx);;All files (*)"),
        )
        if path:
            self.path.setText(path)

    def _changed(self) -> None:
        self.problem.setText("")
        self.completeChanged.emit()

    def file(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        if not self.file().is_file():
            self.problem.setText(
                self.tr("There is no file {path}: choose the file with Browse….").format(
                    path=self.path.text().strip()
                )
            )
            return False
        # The dry run runs off the GUI thread; the wizard moves on when it has checked the file
        # (and stays here, saying why, when the file cannot be read at all).
        if self.wiz.check_report is not None and self.wiz.checked_path == self.file():
            return True
        self.wiz.check_file()
        return False


class CheckPage(QWizardPage):
    """The dry run's report: counts, every bad row, and how to import."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Check the rows"))
        self.setSubTitle(self.tr("Every row was checked; nothing has been written yet."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3)
        self.problems.setObjectName("import_problems")
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Column"), self.tr("Reason")]
        )
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.verticalHeader().hide()
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.problems.resizeRowsToContents())
        self.all_or_nothing = QRadioButton(self.tr("Import only if &every row is good"))
        self.all_or_nothing.setObjectName("import_all_or_nothing")
        self.skip_invalid = QRadioButton(
            self.tr("&Skip the rows with problems and import the good ones")
        )
        self.skip_invalid.setObjectName("import_skip_invalid")
        self.all_or_nothing.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.all_or_nothing)
        layout.addWidget(self.skip_invalid)
        for radio in (self.all_or_nothing, self.skip_invalid):
            radio.toggled.connect(self.completeChanged)

    def initializePage(self) -> None:
        self.show_report(self.wiz.check_report)

    def cleanupPage(self) -> None:
        # Back to the file: the next Next checks again (the file or the teams may have changed).
        self.wiz.check_report = None

    def show_report(self, report: ImportReport | None) -> None:
        lang = error_lang(self.wiz.ctx.lang)
        if report is None:
            self.summary.setText("")
            self.problems.setRowCount(0)
            self.completeChanged.emit()
            return
        self.summary.setText(report.summary(lang))
        self.summary.setStyleSheet(OK_STYLE if report.ok else BAD_STYLE)
        self.problems.setRowCount(len(report.problems))
        for r, problem in enumerate(report.problems):
            line = QTableWidgetItem(str(problem.line))
            line.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.problems.setItem(r, 0, line)
            self.problems.setItem(r, 1, QTableWidgetItem(problem.column or ""))
            reason = QTableWidgetItem(problem.message_for(lang))
            reason.setToolTip(problem.message_for(lang))
            self.problems.setItem(r, 2, reason)
        self.problems.resizeRowsToContents()
        self.problems.setVisible(bool(report.problems))
        has_bad = report.bad > 0
        self.all_or_nothing.setEnabled(True)
        self.skip_invalid.setEnabled(has_bad and report.valid > 0)
        if not has_bad:
            self.all_or_nothing.setChecked(True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        report = self.wiz.check_report
        # With bad rows and "every row good", Import stays possible: the service then says that
        # nothing was imported and why, which is the answer the person needs.
        return report is not None and not self.wiz.busy and report.valid > 0

    def validatePage(self) -> bool:
        # The import runs off the GUI thread; the wizard moves on when it has finished.
        if self.wiz.import_report is not None:
            return True
        self.wiz.start_import(skip_invalid=self.skip_invalid.isChecked())
        return False


class DonePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Imported"))
        self.result = QLabel()
        self.result.setObjectName("import_result")
        self.result.setWordWrap(True)
        self.result.setStyleSheet(OK_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def initializePage(self) -> None:
        report = self.wiz.import_report
        if report is not None:
            self.result.setText(report.summary(error_lang(self.wiz.ctx.lang)))


class ImportWizard(QWizard):
    """``check_report`` is the dry run's report, ``import_report`` the import's (once done)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.check_report: ImportReport | None = None
        self.checked_path: Path | None = None
        self.import_report: ImportReport | None = None
        self.setWindowTitle(self.tr("Import teams"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(900, 560)
        self.file_page = FilePage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_CHECK, self.check_page)
        self.setPage(PAGE_DONE, self.done_page)

    # --- the dry run -----------------------------------------------------------------------------

    def check_file(self) -> None:
        """Check every row of the chosen file without writing (off the GUI thread)."""
        self.check_report = None
        self.import_report = None
        path = self.file_page.file()
        db, actor = self.ctx.db, self.ctx.actor
        self.busy = True
        self.file_page.problem.setText("")

        def work(control: TaskControl) -> ImportReport:
            return import_teams(
                db,
                actor,
                path,
                dry_run=True,
                progress=control.progress,
                cancel=lambda: control.cancelled,
            )

        run_op(
            self.ctx,
            self,
            work,
            on_success=self._checked,
            on_failure=self._check_failed,
            on_finished=self._check_ended,
            label=self.tr("Checking {name}…").format(name=path.name),
            cancellable=True,
        )

    def _checked(self, report: ImportReport) -> None:
        self.busy = False
        self.check_report = report
        self.checked_path = self.file_page.file()
        self.next()

    def _check_ended(self) -> None:
        self.busy = False

    def _check_failed(self, exc: DeskError) -> None:
        # A file that cannot be read at all (or Cancel): say so on the first page.
        self.file_page.problem.setText(self.ctx.message(exc))

    # --- the import ------------------------------------------------------------------------------

    def start_import(self, *, skip_invalid: bool) -> None:
        path = self.file_page.file()
        db, actor = self.ctx.db, self.ctx.actor
        self.busy = True
        self.check_page.completeChanged.emit()

        def work(control: TaskControl) -> ImportReport:
            return import_teams(
                db,
                actor,
                path,
                skip_invalid=skip_invalid,
                progress=control.progress,
                cancel=lambda: control.cancelled,
            )

        def finished() -> None:
            self.busy = False
            self.check_page.completeChanged.emit()

        run_op(
            self.ctx,
            self,
            work,
            changes=lambda report: [Change(Entity.TEAM)] if report.imported else [],
            on_success=self._imported,
            on_failure=self._import_failed,
            on_finished=finished,
            label=self.tr("Importing {name}…").format(name=path.name),
            cancellable=True,
        )

    def _imported(self, report: ImportReport) -> None:
        self.import_report = report
        if report.imported == 0:
            # Nothing written (every row bad): stay on the report and say so.
            self.import_report = None
            self.check_page.summary.setText(report.summary(error_lang(self.ctx.lang)))
            self.check_page.summary.setStyleSheet(BAD_STYLE)
            self.check_page.completeChanged.emit()
            return
        self.next()

    def _import_failed(self, exc: DeskError) -> None:
        if isinstance(exc, ImportCancelled):
            self.check_page.summary.setText(self.ctx.message(exc))
            self.check_page.summary.setStyleSheet(BAD_STYLE)
            return
        messages.show_error(self, self.ctx.message(exc))
