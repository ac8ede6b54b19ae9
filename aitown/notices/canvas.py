"""The canvas of a notice: page numbers, the verification line with its QR code, PDF metadata.

Page numbers follow GB/T 9704 ("— 1 —", odd pages right, even pages left). The footer is drawn
when the document is saved, once every page is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from aitown.notices import layout
from aitown.notices.fonts import FANG, FONT_NAME, check_drawable, string_width
from aitown.notices.qr_code import qr_modules

# Keys of the PDF's document information dictionary that carry the notice for the verifier.
INFO_KEY_CONTENT = "AITownNotice"
INFO_KEY_CODE = "AITownVerificationCode"
QR_FORM = "VerificationQR"

VERIFY_HINT = (
    "核验：扫描二维码，或输入核验码 · Verify: scan the QR code or enter the code "
    "(aitown-cli notices verify --code)"
)
#: What the QR code holds: a marker, the document number and the verification code.
QR_PREFIX = "AITOWN-NOTICE"


def qr_text(document_number: str, code: str) -> str:
    """``AITOWN-NOTICE|徐汇AI孵〔2026〕17号|K7Q2-M9XD-4HTP-A3BC``, what a scanner reads."""
    return f"{QR_PREFIX}|{document_number}|{code}"


def page_number_text(page: int) -> str:
    """GB/T 9704's page number: the number between two em dashes."""
    return f"— {page} —"


@dataclass(frozen=True)
class FooterInfo:
    """What the footer and the metadata of every page need."""

    document_number: str
    verification_code: str
    issue_date: date
    canonical_json: str


class NoticeInfo(PDFInfo):
    """The PDF information dictionary, with the notice's canonical JSON and verification code.

    The dates are the issue date, not the time of printing, so a reprint gives the same bytes.
    """

    def __init__(self, footer: FooterInfo) -> None:
        super().__init__()
        self.footer = footer

    def format(self, document: Any) -> bytes:
        f = self.footer
        stamp = PDFString(f"D:{f.issue_date:%Y%m%d}000000+08'00'")
        entries = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "CreationDate": stamp,
            "ModDate": stamp,
            "Trapped": PDFName(self.trapped),
            INFO_KEY_CONTENT: PDFString(f.canonical_json),
            INFO_KEY_CODE: PDFString(f.verification_code),
        }
        return PDFDictionary(entries).format(document)


class NoticeCanvas(Canvas):
    """A canvas that keeps its pages until ``save()`` and then draws each page's footer."""

    def __init__(self, *args: Any, footer: FooterInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._saved_pages: list[dict[str, Any]] = []
        self._qr_modules = qr_modules(qr_text(footer.document_number, footer.verification_code))
        for text in (footer.document_number, footer.verification_code, VERIFY_HINT):
            check_drawable(text)
        # The doc template fills in title, author, subject, keywords and creator through the
        # canvas's setters, which write to this object.
        self._doc.info = NoticeInfo(footer)  # type: ignore[attr-defined]  # Canvas internals, not in types-reportlab

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # Canvas internals, not in types-reportlab

    def save(self) -> None:
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, page: int, total: int) -> None:
        f = self._footer
        self.saveState()
        self.setFillColor(layout.TEXT_BLACK)
        number = page_number_text(page)
        self.setFont(FANG, layout.PAGE_NUMBER_SIZE)
        if page % 2:
            right = layout.PAGE_WIDTH - layout.MARGIN_RIGHT - layout.PAGE_NUMBER_INSET
            x = right - string_width(number, layout.PAGE_NUMBER_SIZE, FANG)
        else:
            x = layout.MARGIN_LEFT + layout.PAGE_NUMBER_INSET
        self.drawString(x, layout.PAGE_NUMBER_BASELINE, number)
        self.setFont(FONT_NAME, layout.FOOTER_FONT_SIZE + 0.5)
        self.drawString(
            layout.VERIFICATION_X,
            layout.VERIFICATION_BASELINE,
            f"{f.document_number}  核验码 Verification code: {f.verification_code}",
        )
        self.setFillColor(layout.NOTE_GREY)
        self.setFont(FONT_NAME, layout.FOOTER_FONT_SIZE - 1.5)
        self.drawString(layout.VERIFICATION_X, layout.VERIFICATION_BASELINE - 11, VERIFY_HINT)
        self.restoreState()
        self._draw_qr()

    def _draw_qr(self) -> None:
        # Drawn once into a form and placed on every page. Squares, not ReportLab's QR widget:
        # the widget goes through renderPDF, which names Helvetica, a font the PDF does not embed.
        # (Asking the document, not a flag of ours: save() puts back each page's saved attributes.)
        if not self.hasForm(QR_FORM):
            self.beginForm(QR_FORM)
            n = len(self._qr_modules)
            size = layout.QR_SIZE / n
            path = self.beginPath()
            for r, row in enumerate(self._qr_modules):
                y = layout.QR_SIZE - (r + 1) * size
                c = 0
                while c < n:
                    if not row[c]:
                        c += 1
                        continue
                    start = c
                    while c < n and row[c]:
                        c += 1
                    path.rect(start * size, y, (c - start) * size, size)
            self.setFillColor(layout.TEXT_BLACK)
            self.drawPath(path, stroke=0, fill=1)
            self.endForm()
        self.saveState()
        self.translate(layout.QR_X, layout.QR_Y)
        self.doForm(QR_FORM)
        self.restoreState()
