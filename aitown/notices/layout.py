"""Page geometry and colours of a notice (GB/T 9704-2012, simplified; see NOTICES.md)."""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

PAGE_SIZE = A4
PAGE_WIDTH, PAGE_HEIGHT = A4

# Margins of the text area (版心), as NOTICES.md gives them.
MARGIN_TOP = 37 * mm
MARGIN_BOTTOM = 35 * mm
MARGIN_LEFT = 28 * mm
MARGIN_RIGHT = 26 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
TEXT_TOP = PAGE_HEIGHT - MARGIN_TOP  # y of the top edge of the text area

# Header (版头) on a notice's first page, inside the top of the text area.
OFFICE_NAME_MAX_SIZE = 26  # pt; a long office name is set smaller to fit the width
OFFICE_NAME_EN_SIZE = 11
DOCUMENT_NUMBER_SIZE = 12
OFFICE_NAME_BASELINE = TEXT_TOP - 10 * mm
OFFICE_NAME_EN_BASELINE = OFFICE_NAME_BASELINE - 8 * mm
DOCUMENT_NUMBER_BASELINE = OFFICE_NAME_EN_BASELINE - 10 * mm
HEADER_RULE_Y = DOCUMENT_NUMBER_BASELINE - 4 * mm
HEADER_RULE_WIDTH = 1.2  # pt; GB/T's red rule is about 0.35 mm to 0.5 mm
HEADER_GAP = 8 * mm  # between the red rule and the title
HEADER_HEIGHT = TEXT_TOP - HEADER_RULE_Y + HEADER_GAP  # the first-page frame starts below this

# Footer, in the bottom margin: page x of y, the verification line and its QR code.
PAGE_NUMBER_BASELINE = MARGIN_BOTTOM - 8 * mm
QR_SIZE = 18 * mm
QR_X = PAGE_WIDTH - MARGIN_RIGHT - QR_SIZE
QR_Y = 7 * mm
VERIFICATION_BASELINE = QR_Y + QR_SIZE / 2 + 1 * mm
FOOTER_FONT_SIZE = 8.5

# Signature block and seal: GB/T places the seal over the office name and the date, the date
# set back four characters from the right edge.
SEAL_DIAMETER = 40 * mm
SIGNATURE_RIGHT_INDENT_CHARS = 4
SIGNATURE_SPACE_BEFORE = 8 * mm

# Issue record (版记) at the foot of the last page: copied-to and issuing office and date.
ISSUE_RECORD_THICK_RULE = 1.0  # pt
ISSUE_RECORD_THIN_RULE = 0.5  # pt

RED: Color = HexColor("#D2001A")
SEAL_RED: Color = HexColor("#D2001A")
TEXT_BLACK: Color = HexColor("#000000")
ENGLISH_GREY: Color = HexColor("#333333")
NOTE_GREY: Color = HexColor("#555555")
TABLE_HEAD_FILL: Color = HexColor("#EFEFEF")
TABLE_LINE: Color = HexColor("#000000")
