"""The baseline for notice rendering: a bare ReportLab letter with the same content and fonts.

One ``Canvas``, the same faces embedded as subsets (ReportLab's ``TTFont``) where the notice uses
them — Fandol Fang for the Chinese text (GB/T 9704 仿宋), Fandol Song Bold for the Chinese title,
WenQuanYi Micro Hei for the English text and the header —
and every text of the notice drawn with ``drawString`` — header, title, addressee, body paragraphs
(wrapped by hand, character by character for Chinese, word by word for English), the amounts in
figures and in Chinese capitals, signature, seal placeholder (ring, star, office name), issue
record, and on every page the footer with "page x of y" (y drawn once into a form at the end, the
usual ReportLab way), the verification line and the QR code.
No platypus (no flowables, frames, tables or paragraph markup), no glyph check and no embedded
verification JSON: what is left is what any ReportLab letter of this content must pay.
"""

from __future__ import annotations

import io
import math

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from aitown.notices.canvas import VERIFY_HINT, qr_text
from aitown.notices.document import NoticeDocument
from aitown.notices.formatting import date_en, date_zh, yuan_zh
from aitown.notices.numerals import to_chinese_capital
from aitown.paths import resource

FONT = "BareWenQuanYi"
FANG = "BareFandolFang"
SONG = "BareFandolSongBold"
_FILES = {
    FONT: ("wqy-microhei.ttc", 0),
    FANG: ("FandolFang-Regular.ttf", None),
    SONG: ("FandolSong-Bold.ttf", None),
}
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 28 * mm, WIDTH - 26 * mm, HEIGHT - 37 * mm, 35 * mm
RED, GREY = HexColor("#D2001A"), HexColor("#333333")
QR_SIZE = 18 * mm


def register_font() -> str:
    """Register the same font files and faces as the notices, under names of our own (once)."""
    for name, (file, face) in _FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            path = str(resource("fonts", file))
            ttf = TTFont(name, path) if face is None else TTFont(name, path, subfontIndex=face)
            pdfmetrics.registerFont(ttf)
    return FONT


def wrap(text: str, size: float, width: float, font: str = FONT) -> list[str]:
    """Lines of ``text`` no wider than ``width``: break anywhere in Chinese, at spaces in English."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if line and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        if ord(ch) < 0x2E80:  # Latin: keep words together
            word += ch
            if ch == " ":
                out.append(word)
                word = ""
        else:
            if word:
                out.append(word)
                word = ""
            out.append(ch)
    if word:
        out.append(word)
    return out


class _Writer:
    """Draws lines down the page, starting a new page (with its footer drawn later) when full."""

    def __init__(self, canvas: Canvas, doc: NoticeDocument) -> None:
        self.c = canvas
        self.doc = doc
        self.y = TOP
        self.pages = 1
        # The same QR text as the notice (its number and code), so the same QR version.
        _qr_form(canvas, qr_text(doc.document_number, doc.verification_code))

    def line(
        self, text: str, size: float, *, x: float = LEFT, color: object = None, font: str = FONT
    ) -> None:
        if self.y - size * 1.5 < BOTTOM:
            _footer(self.c, self.doc, self.pages)
            self.c.showPage()
            self.pages += 1
            self.y = TOP
        self.y -= size * 1.5
        self.c.setFont(font, size)
        self.c.setFillColor(color or HexColor("#000000"))
        self.c.drawString(x, self.y, text)

    def paragraph(
        self,
        text: str,
        size: float,
        *,
        indent: float = 0,
        color: object = None,
        font: str = FONT,
    ) -> None:
        lines = wrap(text, size, RIGHT - LEFT - indent, font)
        for i, part in enumerate(lines):
            self.line(part, size, x=LEFT + (indent if i == 0 else 0), color=color, font=font)


def bare_letter(doc: NoticeDocument) -> bytes:
    """The notice's texts as a plain ReportLab letter (PDF bytes)."""
    register_font()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1)
    c.setTitle(f"{doc.title_zh}（{doc.document_number}）")
    c.setAuthor(doc.office_name_zh)
    c.setSubject(doc.title_en)
    c.setKeywords(f"{doc.document_number} {doc.verification_code}")
    w = _Writer(c, doc)
    # Header: office name in red, its English name, the document number, the red rule.
    c.setFont(SONG, 26)
    c.setFillColor(RED)
    c.drawCentredString(WIDTH / 2, TOP - 10 * mm, doc.office_name_zh)
    c.setFont(FONT, 11)
    c.drawCentredString(WIDTH / 2, TOP - 18 * mm, doc.office_name_en)
    c.setFillColor(HexColor("#000000"))
    c.setFont(FANG, 12)
    c.drawCentredString(WIDTH / 2, TOP - 28 * mm, doc.document_number)
    c.setStrokeColor(RED)
    c.setLineWidth(1.2)
    c.line(LEFT, TOP - 32 * mm, RIGHT, TOP - 32 * mm)
    w.y = TOP - 40 * mm
    for part in wrap(doc.title_zh, 20, RIGHT - LEFT, SONG):
        w.line(part, 20, x=(WIDTH - pdfmetrics.stringWidth(part, SONG, 20)) / 2, font=SONG)
    w.line(doc.title_en, 12, x=(WIDTH - pdfmetrics.stringWidth(doc.title_en, FONT, 12)) / 2)
    w.line(f"{doc.addressee_zh}：", 14, font=FANG)
    w.line(f"To: {doc.addressee_en}", 10, color=GREY)
    for zh, en in zip(doc.body_zh, doc.body_en, strict=True):
        w.paragraph(zh, 14, indent=28, font=FANG)
        w.paragraph(en, 10, color=GREY)
    for row in doc.amounts:
        w.line(row.label_zh, 11, font=FANG)
        w.line(row.label_en, 11)
        w.line(row.value, 11, x=LEFT + 60 * mm, font=FANG)
    if doc.main_amount_fen is not None:
        w.line("资助金额（小写）", 11, font=FANG)
        w.line("Grant amount (in figures)", 11)
        w.line(yuan_zh(doc.main_amount_fen), 12, x=LEFT + 60 * mm, font=FANG)
        w.line("资助金额（大写）", 11, font=FANG)
        w.line("Grant amount (in Chinese capitals)", 11)
        w.line(to_chinese_capital(doc.main_amount_fen), 12, x=LEFT + 60 * mm, font=FANG)
    for zh, en in zip(doc.closing_zh, doc.closing_en, strict=True):
        w.paragraph(zh, 14, indent=28, font=FANG)
        w.paragraph(en, 10, color=GREY)
    # Signature with the seal placeholder over it.
    w.y -= 12 * mm
    sign_x = RIGHT - 70 * mm
    for text, size, face in (
        (doc.office_name_zh, 14, FANG),
        (doc.office_name_en, 9, FONT),
        (date_zh(doc.issue_date), 14, FANG),
        (date_en(doc.issue_date), 9, FONT),
    ):
        w.line(text, size, x=sign_x, font=face)
    _seal(c, sign_x + 30 * mm, w.y + 15 * mm, doc.office_name_zh)
    # Issue record.
    w.line("抄送：" + "，".join(doc.copied_to_zh) + "。", 11, font=FANG)
    w.line("Copied to: " + "; ".join(doc.copied_to_en) + ".", 8, color=GREY)
    w.line(f"{doc.office_name_zh}    {date_zh(doc.issue_date)}印发", 11, font=FANG)
    w.line(f"Issued by {doc.office_name_en}    {date_en(doc.issue_date)}", 8, color=GREY)
    _footer(c, doc, w.pages)
    c.showPage()
    c.beginForm("page_total")
    c.setFont(FANG, 8.5)
    c.drawString(0, 0, f"{w.pages}")
    c.endForm()
    c.save()
    return out.getvalue()


def _seal(c: Canvas, cx: float, cy: float, name: str) -> None:
    r = 20 * mm
    c.saveState()
    c.setStrokeColor(RED)
    c.setFillColor(RED)
    c.setDash(4, 2)
    c.circle(cx, cy, r, stroke=1, fill=0)
    c.setDash()
    size = r * 0.24
    step = math.radians(250) / max(len(name), 1)
    start = math.pi / 2 + step * (len(name) - 1) / 2
    c.setFont(FONT, size)
    for i, ch in enumerate(name):
        angle = start - i * step
        c.saveState()
        c.translate(cx + (r - size) * math.cos(angle), cy + (r - size) * math.sin(angle))
        c.rotate(math.degrees(angle) - 90)
        c.drawCentredString(0, -size * 0.38, ch)
        c.restoreState()
    c.setFont(FONT, 6)
    c.drawCentredString(cx, cy - r * 0.84, "盖章处 SEAL")
    c.restoreState()


def _qr_modules(text: str) -> list[list[bool]]:
    """ReportLab's own QR encoding, as a bare letter would make it (``make()`` picks the mask;
    the application's aitown.notices.qr_code gives the same matrix faster)."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    return [[bool(m) for m in row] for row in qr.modules]


# The encoder the bare letter uses: ReportLab's own; bench_letters swaps in the application's
# (aitown.notices.qr_code, the same matrix faster) for its layout-only comparison.
QR_ENCODER = _qr_modules


def _qr_form(c: Canvas, text: str) -> None:
    """The QR code of the verification code, drawn once as a form placed on every page."""
    modules = QR_ENCODER(text)
    c.beginForm("qr")
    n = len(modules)
    cell = QR_SIZE / n
    path = c.beginPath()
    for r, row in enumerate(modules):
        for col, dark in enumerate(row):
            if dark:
                path.rect(col * cell, QR_SIZE - (r + 1) * cell, cell, cell)
    c.drawPath(path, stroke=0, fill=1)
    c.endForm()


def _footer(c: Canvas, doc: NoticeDocument, page: int) -> None:
    c.saveState()
    c.setFillColor(HexColor("#000000"))
    c.setFont(FONT, 8.5)
    c.drawString(LEFT, BOTTOM - 8 * mm, doc.document_number)
    label = f"第{page}页 · Page {page} of"
    c.drawString(WIDTH / 2 - 30 * mm, BOTTOM - 8 * mm, label)
    c.translate(WIDTH / 2 - 29 * mm + pdfmetrics.stringWidth(label, FONT, 8.5), BOTTOM - 8 * mm)
    c.doForm("page_total")
    c.restoreState()
    c.setFont(FONT, 8.5)
    c.drawString(LEFT, 17 * mm, f"核验码 Verification code: {doc.verification_code}")
    c.setFont(FONT, 7)
    c.drawString(LEFT, 13 * mm, VERIFY_HINT)
    c.saveState()
    c.translate(RIGHT - QR_SIZE, 7 * mm)
    c.doForm("qr")
    c.restoreState()
