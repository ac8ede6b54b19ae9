"""The notices' QR code is ReportLab's, module for module, only its mask chosen faster."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode import qrencoder

from aitown.notices.canvas import qr_text
from aitown.notices.qr_code import lost_points, qr_modules


def reportlab_modules(text: str) -> list[list[bool]]:
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    return [[bool(m) for m in row] for row in qr.modules]


class _Matrix:
    def __init__(self, modules: list[list[bool]]) -> None:
        self.modules = modules


codes = st.text("ABCDEFGHJKLMNPQRTUWXY0123456789-", min_size=4, max_size=24)


@settings(max_examples=150, deadline=None)
@given(number=st.integers(1, 99_999), code=codes)
def test_a_notice_qr_code_is_reportlabs(number: int, code: str) -> None:
    text = qr_text(f"徐汇AI孵〔2026〕{number}号", code)
    assert qr_modules(text) == reportlab_modules(text)


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=0, max_size=300))
def test_any_text_and_version_gives_reportlabs_matrix(text: str) -> None:
    """Short and long texts (versions 1 to ~12: the version information of 7 and up too)."""
    assert qr_modules(text) == reportlab_modules(text)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(11, 45).flatmap(
        lambda n: st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=n, max_size=n)
    )
)
def test_the_mask_score_is_reportlabs(modules: list[list[bool]]) -> None:
    assert lost_points(modules) == qrencoder.QRUtil.getLostPoint(_Matrix(modules))


def test_the_mask_score_of_an_all_dark_matrix() -> None:
    """A known matrix: the score is not zero everywhere (rules 1, 2 and 4 are seen to count)."""
    dark = [[True] * 12 for _ in range(12)]
    # rows and columns: one run of 12 each → 10 × 24; blocks: 11 × 11 × 3; all dark: 10 × 10
    assert lost_points(dark) == 10 * 24 + 3 * 121 + 100
