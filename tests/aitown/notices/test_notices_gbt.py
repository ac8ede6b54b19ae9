"""GB/T 9704 geometry read back from the PDF: margins, font sizes and faces, page numbers, no
hanging punctuation, no page with the issue record alone, metadata."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from aitown.notices import fonts, layout
from aitown.notices.cjk_text import CANNOT_START
from aitown.notices.document import RejectionRule
from aitown.notices.render import render_notice
from aitown.notices.samples import SAMPLE_KINDS, sample_document

MODES = ("zh+en", "en-page")
FONT_OF = {
    "FandolFang-Regular": fonts.FANG,
    "FandolSong-Bold": fonts.SONG_BOLD,
    "WenQuanYiMicroHei-0": fonts.HEI,
    "WenQuanYiZenHei": fonts.SUPPLEMENT,
}


@dataclass(frozen=True)
class Run:
    page: int
    text: str
    x: float
    y: float
    size: float
    font: str

    @property
    def right(self) -> float:
        # The visible glyphs' right edge (character spacing only moves the next run).
        return self.x + fonts.font(self.font).stringWidth(self.text.rstrip(), self.size)


def runs_of(pdf: bytes) -> list[Run]:
    """Every text run the PDF draws, with its page, origin, size and font."""
    out: list[Run] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):

        def visit(text, cm, tm, font_dict, font_size, _n=number) -> None:
            if not text.strip() or font_dict is None:
                return
            base = str(font_dict["/BaseFont"]).split("+", 1)[1]
            # ReportLab sets positions with Tm (scale 1) inside the page's unscaled space.
            size = font_size * tm[0]
            out.append(Run(_n, text, tm[4] + cm[4], tm[5] + cm[5], size, FONT_OF[base]))

        page.extract_text(visitor_text=visit)
    return out


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    return {
        (kind, mode): render_notice(sample_document(kind, language_mode=mode))
        for kind in SAMPLE_KINDS
        for mode in MODES
    }


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_nothing_is_printed_in_the_margins(rendered, kind: str, mode: str) -> None:
    left = layout.MARGIN_LEFT - 0.01
    right = layout.PAGE_WIDTH - layout.MARGIN_RIGHT + 0.01
    top = layout.PAGE_HEIGHT - layout.MARGIN_TOP + 0.01
    for run in runs_of(rendered[(kind, mode)]):
        assert run.x >= left and run.right <= right, run
        if run.y >= layout.MARGIN_BOTTOM:  # the text area (the footer is below it)
            assert run.y + run.size * 0.8 <= top, run


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_body_title_and_page_numbers_in_gbt_sizes(rendered, kind: str, mode: str) -> None:
    doc = sample_document(kind, language_mode=mode)
    runs = runs_of(rendered[(kind, mode)])
    fang = "".join(r.text for r in runs if r.page == 1 and r.font == fonts.FANG and r.size == 16)
    # The addressee and the body: 三号仿宋.
    assert f"{doc.addressee_zh}：" in fang and doc.body_zh[0][:20] in fang
    title = [r for r in runs if r.page == 1 and r.font == fonts.SONG_BOLD and r.size == 22]
    assert "".join(r.text for r in title) == doc.title_zh
    numbers = [r for r in runs if re.fullmatch(r"— \d+ —", r.text.strip())]
    pages = max(r.page for r in runs)
    assert [int(r.text.strip().strip("— ")) for r in numbers] == list(range(1, pages + 1))
    for r in numbers:
        assert r.size == 14 and r.y < layout.MARGIN_BOTTOM - 7 * mm
        if r.page % 2:  # odd pages: right, one character in from the edge
            assert abs(r.right - (layout.PAGE_WIDTH - layout.MARGIN_RIGHT - 14)) < 0.5
        else:  # even pages: left
            assert abs(r.x - (layout.MARGIN_LEFT + 14)) < 0.5


def test_body_lines_follow_the_22_line_grid(rendered) -> None:
    runs = runs_of(rendered[("rent_waiver", "en-page")])
    doc = sample_document("rent_waiver", language_mode="en-page")
    text = "".join(doc.body_zh)
    ys = sorted(
        {round(r.y, 2) for r in runs if r.page == 1 and r.size == 16 and r.text in text},
        reverse=True,
    )
    gaps = {round(a - b, 2) for a, b in zip(ys, ys[1:], strict=False)}
    grid = round(layout.TEXT_HEIGHT / 22, 2)
    assert grid in gaps and all(g >= grid - 0.01 for g in gaps)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_no_line_starts_with_closing_punctuation(rendered, kind: str, mode: str) -> None:
    runs = [r for r in runs_of(rendered[(kind, mode)]) if r.size == 16]
    lines: dict[tuple[int, float], list[Run]] = {}
    for r in runs:
        lines.setdefault((r.page, round(r.y, 1)), []).append(r)
    for line in lines.values():
        first = min(line, key=lambda r: r.x)
        assert first.text[0] not in CANNOT_START, [r.text for r in line]


def test_the_issue_record_never_stands_alone_on_a_page() -> None:
    """A notice long enough to push the 版记 over the page takes the signature along."""
    base = sample_document("rejection")
    for count in range(1, 9):
        rules = tuple(
            RejectionRule(
                f"1.{n}",
                f"第{n}项条件未满足：团队在申请日的情况与规定不符，需补充材料后重新申请。",
                f"Rule {n} is not met: the team's facts at the application date do not fit it.",
            )
            for n in range(1, count + 1)
        )
        runs = runs_of(render_notice(replace(base, rejection_rules=rules)))
        last = max(r.page for r in runs)
        on_last = "".join(r.text for r in runs if r.page == last)
        assert "印发" in on_last and "2026年11月23日" in on_last.replace("印发", "", 1), count
        # The signature (office and date over the record) is on the record's page.
        assert on_last.count("2026年11月23日") >= 2, count


def test_the_date_ends_four_characters_from_the_right() -> None:
    runs = runs_of(render_notice(sample_document("startup_grant")))
    date = [r for r in runs if r.text.startswith("2026年") or r.text in "年月日"]
    signature = [
        r for r in runs if r.size == 16 and r.font == fonts.FANG and r.text in "2026年11月23日"
    ]
    assert date and signature
    right = max(r.right for r in signature)
    target = layout.PAGE_WIDTH - layout.MARGIN_RIGHT - 4 * 16
    assert abs(right - target) < 1.0


def test_a_long_office_name_stays_inside_the_margins() -> None:
    long = "上海市徐汇区人工智能产业发展与创新创业孵化服务中心办公室（滨江西岸分部）"
    pdf = render_notice(replace(sample_document("startup_grant"), office_name_zh=long))
    for run in runs_of(pdf):
        assert run.x >= layout.MARGIN_LEFT - 0.01, run
        assert run.right <= layout.PAGE_WIDTH - layout.MARGIN_RIGHT + 0.01, run


def test_pdf_metadata_names_title_office_language_and_subject() -> None:
    doc = sample_document("startup_grant")
    reader = PdfReader(io.BytesIO(render_notice(doc)))
    info = reader.metadata
    assert info.title == f"{doc.title_zh}（{doc.document_number}）"
    assert info.author == f"{doc.office_name_zh} / {doc.office_name_en}"
    assert doc.title_en in info.subject and doc.addressee_zh in info.subject
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_the_signature_page_has_text_above_the_signature(rendered, kind: str, mode: str) -> None:
    """No page holds only the signature and the issue record (GB/T: 不得出现空白印章页)."""
    runs = runs_of(rendered[(kind, mode)])
    dates = [
        r
        for r in runs
        if (r.text.strip() == "2026年11月23日" and r.size == 16)
        or (r.text.strip() == "23 November 2026" and r.size == 11)
    ]
    assert dates
    for date in dates:
        above = [
            r
            for r in runs
            if r.page == date.page
            and date.y + 40 < r.y < layout.PAGE_HEIGHT - layout.MARGIN_TOP
            and r.text.strip()
        ]
        assert above, (date.page, date.text)
