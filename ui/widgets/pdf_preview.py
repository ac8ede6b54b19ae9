"""A PDF shown inside the application (QtPdf), printed through the system's print dialog, saved.

The notice's bytes come from the database, so the document is loaded from a QBuffer (kept alive
as long as the document uses it). Printing renders each page to an image at the printer's
resolution and paints it on the page: simple, and what the office's printers need for a notice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aitown.errors import ValidationError
from ui import messages
from ui.widgets.pdf_printing import print_pdf

ZOOM_STEP = 1.25
RENDER_DPI = 300


class PdfPreview(QWidget):
    """A PDF from bytes, page after page, fitted to the width; zoom in and out."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.data = b""
        self.view = QPdfView()
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)
        self.info = QLabel()
        self.info.setObjectName("pdf_info")
        self.zoom_out = QPushButton("−")
        self.zoom_out.setToolTip(self.tr("Zoom out"))
        self.zoom_out.setFixedWidth(32)
        self.zoom_in = QPushButton("+")
        self.zoom_in.setToolTip(self.tr("Zoom in"))
        self.zoom_in.setFixedWidth(32)
        self.fit = QPushButton(self.tr("Fit &width"))
        self.zoom_out.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.zoom_in.clicked.connect(lambda: self._zoom(ZOOM_STEP))
        self.fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.info, 1)
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_in)
        bar.addWidget(self.fit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.document.statusChanged.connect(self._status_changed)
        self._status_changed()

    def load_bytes(self, data: bytes) -> None:
        """Show this PDF (replacing the one shown)."""
        self.clear()
        self.data = data
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)

    def clear(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.data = b""
        self._status_changed()

    @property
    def ready(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    def _status_changed(self, *_: object) -> None:
        status = self.document.status()
        if status == QPdfDocument.Status.Ready:
            self.info.setText(self.tr("%n page(s)", "", self.document.pageCount()))
        elif status == QPdfDocument.Status.Error:
            self.info.setText(self.tr("This PDF cannot be shown."))
        elif status == QPdfDocument.Status.Loading:
            self.info.setText(self.tr("Loading…"))
        else:
            self.info.setText(self.tr("Nothing to show."))
        for button in (self.zoom_in, self.zoom_out, self.fit):
            button.setEnabled(status == QPdfDocument.Status.Ready)


def paint_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of ``document`` on ``printer``, one page each; returns the pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        raise ValidationError(
            "The printer could not be started; check that it is switched on and try again.",
            "无法启动打印机，请检查打印机是否开启后重试。",
        )
    try:
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        # A page image at the printer's full 1200 dpi would take half a gigabyte; 300 dpi is
        # what a laser printer shows of text and a seal, at 35 MB a page.
        dpi = min(printer.resolution(), RENDER_DPI)
        options = QPdfDocumentRenderOptions()
        for page in range(document.pageCount()):
            if page > 0:
                printer.newPage()
            points = document.pagePointSize(page)  # 1/72 inch
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image: QImage = document.render(page, size, options)
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, scaled.width(), scaled.height()), image)
        return document.pageCount()
    finally:
        painter.end()


def print_document(
    parent: QWidget | None, document: QPdfDocument, title: str, data: bytes = b""
) -> bool:
    """The system print dialog, then the document on the chosen printer: with ``data`` (the
    PDF's bytes) as the PDF itself (ui.widgets.pdf_printing), else painted. False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF has its own margins (GB/T 9704 layout)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("PdfPreview", "Print {title}").format(title=title)
    )
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    if data:
        print_pdf(printer, data, title, document, paint_document)
    else:
        paint_document(document, printer)
    return True


def save_pdf_as(parent: QWidget | None, data: bytes, suggested: str, caption: str) -> Path | None:
    """Ask where to save, then write the bytes unchanged (a saved notice still verifies)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, caption, str(Path.home() / suggested), "PDF (*.pdf)"
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
        # The dialog asked about the name typed, not about the one with .pdf added.
        if target.exists() and not messages.ask(
            parent,
            QCoreApplication.translate("PdfPreview", "{name} exists already. Replace it?").format(
                name=target.name
            ),
        ):
            return None
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise ValidationError(
            f"{target} could not be written ({exc.strerror}); choose another folder.",
            f"无法写入 {target}（{exc.strerror}），请选择其他文件夹。",
        ) from None
    return target
