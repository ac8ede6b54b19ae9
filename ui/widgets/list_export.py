"""Export…, Save as PDF… and Print… for any list screen: one bar, added to a view in a few lines.

A view gives the bar a ``snapshot``: called on the GUI thread when a button is pressed, it reads
the view's filters and returns a plain function ``build(lang=...)`` that builds the tables
(:mod:`aitown.services.list_tables`) off the GUI thread. Writing runs on the background runner
(:mod:`ui.tasks`) with progress and Cancel; every file and every print is audited by the service.

    self.export_bar = ListExportBar(ctx, "applications", lambda: partial(
        applications_table, ctx.db, ctx.actor, status=self.status_filter.currentData()))
    actions.addWidget(self.export_bar)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtGui import QPageLayout
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from aitown.errors import DeskError
from aitown.services.list_export import (
    LIST_FORMATS,
    ExportCancelled,
    Table,
    export_tables,
    print_tables,
)
from ui import messages
from ui.context import DeskContext
from ui.ops import run_op
from ui.tasks import TaskControl

Builder = Callable[..., Table | Sequence[Table]]
Snapshot = Callable[[], Builder]


def _as_list(built: Table | Sequence[Table]) -> list[Table]:
    return [built] if isinstance(built, Table) else list(built)


def office_name(ctx: DeskContext) -> str:
    from aitown.services.office import get_office

    office = get_office(ctx.db)
    return ctx.pick(office.name_en, office.name_zh)


class ListExportBar(QWidget):
    """Three buttons: Export… (.xlsx, .csv, .pdf), Save as PDF…, Print…."""

    exported = Signal(str)  # the file written
    printed = Signal()

    def __init__(
        self,
        ctx: DeskContext,
        name: str,
        snapshot: Snapshot,
        parent: QWidget | None = None,
        *,
        formats: Sequence[str] = LIST_FORMATS,
        action: str = "list.export",
        suggested: str | None = None,
        report: bool = False,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.name = name
        self.snapshot = snapshot
        self.formats = tuple(formats)
        self.action = action
        self.suggested = suggested or name
        self.last_path: Path | None = None
        if report:
            self.export_button = QPushButton(self.tr("E&xport report…"))
            self.export_button.setToolTip(self.tr("Save this report as an Excel workbook"))
            self.pdf_button = QPushButton(self.tr("Save report as PDF…"))
            self.print_button = QPushButton(self.tr("Print report…"))
        else:
            self.export_button = QPushButton(self.tr("E&xport list…"))
            self.export_button.setToolTip(
                self.tr("Save this list as an Excel workbook or a CSV file")
            )
            self.pdf_button = QPushButton(self.tr("Save list as PDF…"))
            self.print_button = QPushButton(self.tr("Print list…"))
        self.export_button.setObjectName(f"{name}_export")
        self.pdf_button.setObjectName(f"{name}_save_pdf")
        self.print_button.setObjectName(f"{name}_print")
        self.export_button.clicked.connect(lambda: self.export())
        self.pdf_button.clicked.connect(lambda: self.export(pdf=True))
        self.print_button.clicked.connect(lambda: self.print_list())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.export_button, self.pdf_button, self.print_button):
            layout.addWidget(button)

    # --- choosing the file ---------------------------------------------------------------------

    def _filters(self, pdf: bool) -> list[tuple[str, str]]:
        names = {
            ".xlsx": self.tr("Excel workbook (*.xlsx)"),
            ".csv": self.tr("CSV, UTF-8 (*.csv)"),
            ".pdf": self.tr("PDF (*.pdf)"),
        }
        wanted = [".pdf"] if pdf else [f for f in self.formats if f != ".pdf"] + [".pdf"]
        return [(f, names[f]) for f in wanted if f in self.formats]

    def ask_path(self, pdf: bool = False) -> Path | None:
        """Where to write: the system's save dialog; the suffix follows the chosen file type."""
        filters = self._filters(pdf)
        start = self.last_path.parent if self.last_path else Path.home()
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF") if pdf else self.tr("Export the list"),
            str(start / f"{self.suggested}{filters[0][0]}"),
            ";;".join(label for _s, label in filters),
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() not in self.formats:
            suffix = next((s for s, label in filters if label == chosen), filters[0][0])
            target = target.with_name(target.name + suffix)
        return target

    # --- export --------------------------------------------------------------------------------

    def export(self, pdf: bool = False, path: Path | None = None) -> None:
        """Ask for the file (unless given), then build and write it in the background."""
        target = path or self.ask_path(pdf)
        if target is None:
            return
        build = self.snapshot()
        ctx, lang = self.ctx, "zh" if self.ctx.is_chinese else "en"
        formats, action = self.formats, self.action

        def work(control: TaskControl) -> int:
            tables = _as_list(build(lang=lang))
            control.check()
            return export_tables(
                ctx.db,
                ctx.actor,
                tables,
                target,
                lang=lang,
                formats=formats,
                office_name=office_name(ctx),
                action=action,
                progress=control.progress,
                cancel=lambda: control.cancelled,
            )

        def done(count: object) -> None:
            assert isinstance(count, int)
            self.last_path = target
            self.exported.emit(str(target))
            messages.show_info(
                self,
                self.tr("Wrote %n row(s) to {file}.", "", count).format(file=target),
                self.tr("Export"),
            )

        run_op(
            ctx,
            self,
            work,
            on_success=done,
            on_failure=self._failed,
            on_cancelled=self._cancelled,
            label=self.tr("Writing {file}…").format(file=target.name),
            cancellable=True,
        )

    def _failed(self, exc: DeskError) -> None:
        if isinstance(exc, ExportCancelled):
            self._cancelled()
            return
        messages.show_error(self, self.ctx.message(exc))

    def _cancelled(self) -> None:
        messages.show_info(self, self.tr("Export cancelled; no file was written."))

    # --- print ---------------------------------------------------------------------------------

    def print_list(self) -> None:
        """Build the PDF in the background (audited as printed), then the system print dialog."""
        build = self.snapshot()
        ctx, lang = self.ctx, "zh" if self.ctx.is_chinese else "en"

        def work(control: TaskControl) -> tuple[bytes, str]:
            tables = _as_list(build(lang=lang))
            control.check()
            data = print_tables(
                ctx.db,
                ctx.actor,
                tables,
                lang=lang,
                office_name=office_name(ctx),
                cancel=lambda: control.cancelled,
            )
            return data, tables[0].title(lang) if tables else ""

        run_op(
            ctx,
            self,
            work,
            on_success=lambda result: self._print(*result),
            on_failure=self._failed,
            on_cancelled=self._cancelled,
            label=self.tr("Preparing the pages…"),
            cancellable=True,
        )

    def _print(self, data: bytes, title: str) -> None:
        from ui.widgets.pdf_preview import paint_document
        from ui.widgets.pdf_printing import print_pdf

        document = QPdfDocument(self)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        try:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(title)
            size = document.pagePointSize(0)
            printer.setPageOrientation(
                QPageLayout.Orientation.Landscape
                if size.width() > size.height()
                else QPageLayout.Orientation.Portrait
            )
            printer.setFullPage(True)  # the PDF has its own margins
            if self.ask_printer(printer, title):
                print_pdf(printer, data, title, document, paint_document)
                self.printed.emit()
        except DeskError as exc:
            messages.show_exception(self, exc, self.ctx.lang)
        finally:
            document.close()
            document.deleteLater()
            buffer.close()
            buffer.deleteLater()

    def ask_printer(self, printer: QPrinter, title: str) -> bool:
        """The system print dialog; False if the person cancelled it."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {title}").format(title=title))
        return dialog.exec() == QPrintDialog.DialogCode.Accepted
