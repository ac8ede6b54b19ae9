"""Typesetting details: Chinese line breaking, header fitting, the QR code, the seal."""

from __future__ import annotations

import pytest

from aitown.notices import layout
from aitown.notices.canvas import qr_modules, qr_text
from aitown.notices.cjk_text import CANNOT_END, CANNOT_START, CJKParagraph, line_texts
from aitown.notices.fonts import FANG, SONG_BOLD, string_width
from aitown.notices.pages import fit_size
from aitown.notices.styles import BODY_ZH_SIZE, para

# Widths chosen so that a line fills up just before the punctuation mark.
SENTENCE = "决定对你单位租期前12个月的房租减免100%，第13至24个月减免50%{mark}逐月明细如下。"
OPENING = "根据《上海人工智能小镇扶持办法（2025）》第2.2条、第2.3条的规定，现决定如下。"


def _lines(text: str, style: str, width: float) -> list[str]:
    p = para(text, style)
    assert isinstance(p, CJKParagraph)
    return line_texts(p, width)


def _widths(text: str, style: str, width: float) -> list[float]:
    p = para(text, style)
    assert isinstance(p, CJKParagraph)
    return [line.natural for line in p.lines_for(width)]


@pytest.mark.parametrize("mark", list("，；：！？。、）》”"))
def test_closing_punctuation_never_starts_a_line_and_nothing_hangs(mark: str) -> None:
    text = SENTENCE.format(mark=mark)
    indent = 2 * BODY_ZH_SIZE
    # Try every width at which some line could begin with the mark.
    for cut in range(10, len(text)):
        width = string_width(text[:cut], BODY_ZH_SIZE, FANG) + 0.5 + indent
        lines = _lines(text, "body_zh", width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in CANNOT_START, (cut, lines)
        p = para(text, "body_zh")
        assert isinstance(p, CJKParagraph)
        for i, line in enumerate(p.lines_for(width)):
            room = width - (indent if i == 0 else 0)
            # Squeezed by at most 0.3 pt a character, never hanging into the margin.
            assert line.natural <= room + 0.3 * len(line.tokens) + 1e-6, (cut, lines)


def test_opening_punctuation_never_ends_a_line() -> None:
    indent = 2 * BODY_ZH_SIZE
    for cut in range(5, len(OPENING)):
        width = string_width(OPENING[:cut], BODY_ZH_SIZE, FANG) + 0.5 + indent
        lines = _lines(OPENING, "body_zh", width)
        assert "".join(lines) == OPENING
        for line in lines[:-1]:
            assert line[-1] not in CANNOT_END, (cut, lines)
        for line in lines[1:]:
            assert line[0] not in CANNOT_START, (cut, lines)


def test_numbers_and_latin_words_are_never_broken() -> None:
    text = "经审核，核定补贴金额为200,000.00元，合同编号为AITOWN-2026-0017，特此通知。"
    widest = string_width("AITOWN-2026-0017", BODY_ZH_SIZE, FANG)
    for cut in range(6, len(text)):
        width = max(string_width(text[:cut], BODY_ZH_SIZE, FANG), widest) + 32.5
        lines = _lines(text, "body_zh", width)
        joined = "|".join(lines)
        assert "200,000.00" in joined and "AITOWN-2026-0017" in joined, lines


def test_a_full_body_line_holds_28_characters() -> None:
    text = "一" * 60
    p = para(text, "body_zh")
    assert isinstance(p, CJKParagraph)
    lines = line_texts(p, layout.TEXT_WIDTH)
    assert len(lines[0]) == 26 and len(lines[1]) == 28  # the first line is indented 2


def test_a_title_breaks_between_words_short_line_over_long() -> None:
    title = "关于撤销一次性创业补贴并退还已拨付资金的通知"
    lines = _lines(title, "title_zh", layout.TEXT_WIDTH)
    assert len(lines) == 2 and "".join(lines) == title
    assert lines == ["关于撤销一次性创业补贴", "并退还已拨付资金的通知"] or (
        string_width(lines[0], 22, SONG_BOLD) <= string_width(lines[1], 22, SONG_BOLD)
    )
    for word in ("一次性", "创业补贴", "已拨付", "资金", "通知"):
        assert any(word in line for line in lines), lines
    # The team's name is one word of the title: never split.
    team = "上海智算未来科技有限公司"
    p = para(f"关于同意{team}入驻徐汇人工智能小镇的通知", "title_zh", words=(team,))
    assert isinstance(p, CJKParagraph)
    lines = line_texts(p, layout.TEXT_WIDTH)
    assert any(team in line for line in lines) and all("人工智能" in "".join(lines) for _ in [0])
    assert not any(line.endswith("人工") for line in lines)


def test_a_long_office_name_is_set_smaller_to_fit() -> None:
    short = "徐汇区人工智能小镇孵化服务办公室"
    long = "上海市徐汇区人工智能产业发展与创新创业孵化服务中心办公室（滨江西岸分部）"
    assert fit_size(short, 26, layout.TEXT_WIDTH, SONG_BOLD) == 26
    size = fit_size(long, 26, layout.TEXT_WIDTH, SONG_BOLD)
    assert size < 26
    assert string_width(long, size, SONG_BOLD) <= layout.TEXT_WIDTH + 0.01


def test_the_qr_code_holds_the_number_and_the_code() -> None:
    assert qr_text("徐汇AI孵〔2026〕17号", "K7Q2-M9XD-4HTP-A3BC") == (
        "AITOWN-NOTICE|徐汇AI孵〔2026〕17号|K7Q2-M9XD-4HTP-A3BC"
    )


def test_qr_code_has_finder_patterns() -> None:
    modules = qr_modules("K7Q2-M9XD-4HTP")
    n = len(modules)
    assert n == 21 and all(len(row) == n for row in modules)  # version 1 holds 14 characters
    finder = [[1, 1, 1, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0, 1], [1, 0, 1, 1, 1, 0, 1]]
    for r0, c0 in ((0, 0), (0, n - 7), (n - 7, 0)):
        for dr, expected in enumerate(finder):
            assert [int(m) for m in modules[r0 + dr][c0 : c0 + 7]] == expected
    assert qr_modules("K7Q2-M9XD-4HTQ") != modules
