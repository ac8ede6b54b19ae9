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
DOCUMENT_NUMBER_SIZE = 16  # 三号仿宋
OFFICE_NAME_BASELINE = TEXT_TOP - 10 * mm
OFFICE_NAME_EN_BASELINE = OFFICE_NAME_BASELINE - 8 * mm
DOCUMENT_NUMBER_BASELINE = OFFICE_NAME_EN_BASELINE - 10 * mm
HEADER_RULE_Y = DOCUMENT_NUMBER_BASELINE - 4 * mm
HEADER_RULE_WIDTH = 1.2  # pt; GB/T's red rule is about 0.35 mm to 0.5 mm
HEADER_GAP = 8 * mm  # between the red rule and the title
HEADER_HEIGHT = TEXT_TOP - HEADER_RULE_Y + HEADER_GAP  # the first-page frame starts below this

# Page number (GB/T 9704 7.5): "— 1 —", 四号 (14 pt) half-width digits, its top 7 mm below the
# text area; odd pages at the right, even pages at the left, one character in from the edge.
PAGE_NUMBER_SIZE = 14
PAGE_NUMBER_BASELINE = MARGIN_BOTTOM - 7 * mm - PAGE_NUMBER_SIZE * 0.8
PAGE_NUMBER_INSET = PAGE_NUMBER_SIZE  # 空一字
# The verification line and its QR code, below the page number: QR at the left edge of the
# text area, the code and the document number beside it.
QR_SIZE = 15 * mm
QR_X = MARGIN_LEFT
QR_Y = 5 * mm
VERIFICATION_X = QR_X + QR_SIZE + 3 * mm
VERIFICATION_BASELINE = QR_Y + QR_SIZE - 4 * mm
FOOTER_FONT_SIZE = 8.5

# Signature block and seal: GB/T places the seal over the office name and the date, the date
# set back four characters from the right edge.
SEAL_DIAMETER = 42 * mm  # an office seal is 42 mm across (国务院 seal rules for 机关)
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
