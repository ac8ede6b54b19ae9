"""Typesetting details: Chinese line breaking, header fitting, the QR code, the seal."""

from __future__ import annotations

import pytest

from aitown.notices import layout
from aitown.notices.canvas import qr_modules
from aitown.notices.fonts import notice_font
from aitown.notices.pages import fit_size
from aitown.notices.styles import EXTRA_CANNOT_START, para

# Widths chosen so that a line fills up just before the punctuation mark.
SENTENCE = "决定对你单位租期前12个月的房租减免100%，第13至24个月减免50%{mark}逐月明细如下。"


def _lines(text: str, style: str, width: float) -> list[str]:
    p = para(text, style)
    p.wrap(width, 10_000)
    return ["".join(str(w) for w in line[1]) for line in p.blPara.lines]


@pytest.mark.parametrize("mark", list("，；：！？"))
def test_closing_punctuation_never_starts_a_line(mark: str) -> None:
    text = SENTENCE.format(mark=mark)
    font = notice_font()
    # Try every width at which some line could begin with the mark.
    for cut in range(10, len(text)):
        width = font.stringWidth(text[:cut], 14) + 0.5
        lines = _lines(text, "body_zh", width + 28)  # + the first-line indent
        for line in lines[1:]:
            assert line[0] not in EXTRA_CANNOT_START, (cut, lines)


def test_a_long_office_name_is_set_smaller_to_fit() -> None:
    short = "徐汇区人工智能小镇孵化服务办公室"
    long = "上海市徐汇区人工智能产业发展与创新创业孵化服务中心办公室（滨江西岸分部）"
    assert fit_size(short, 26, layout.TEXT_WIDTH) == 26
    size = fit_size(long, 26, layout.TEXT_WIDTH)
    assert size < 26
    assert notice_font().stringWidth(long, size) <= layout.TEXT_WIDTH + 0.01


def test_qr_code_has_finder_patterns() -> None:
    modules = qr_modules("K7Q2-M9XD-4HTP")
    n = len(modules)
    assert n == 21 and all(len(row) == n for row in modules)  # version 1 holds 14 characters
    finder = [[1, 1, 1, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0, 1], [1, 0, 1, 1, 1, 0, 1]]
    for r0, c0 in ((0, 0), (0, n - 7), (n - 7, 0)):
        for dr, expected in enumerate(finder):
            assert [int(m) for m in modules[r0 + dr][c0 : c0 + 7]] == expected
    assert qr_modules("K7Q2-M9XD-4HTQ") != modules
