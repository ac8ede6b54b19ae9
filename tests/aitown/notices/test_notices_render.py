"""Rendering notices: what a reader finds on the paper, fonts, page numbers, same bytes again."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from aitown.errors import ValidationError
from aitown.money import format_yuan
from aitown.notices.document import AmountRow, RejectionRule, ScheduleRow
from aitown.notices.numerals import to_chinese_capital
from aitown.notices.render import render_notice
from aitown.notices.samples import SAMPLE_KINDS, rent_schedule, sample_document
from aitown.notices.templates import TRANSLATION_NOTE, template_for
from aitown.notices.verify_read import read_embedded

MODES = ("zh+en", "en-page")


def _pages_text(pdf: bytes) -> list[str]:
    """Each page's text with all whitespace removed (Chinese lines break anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    return {
        (kind, mode): render_notice(sample_document(kind, language_mode=mode))
        for kind in SAMPLE_KINDS
        for mode in MODES
    }


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", SAMPLE_KINDS)
def test_notice_shows_team_number_and_amounts(
    rendered: dict[tuple[str, str], bytes], kind: str, mode: str
) -> None:
    doc = sample_document(kind, language_mode=mode)
    pdf = rendered[(kind, mode)]
    assert pdf.startswith(b"%PDF-")
    text = "".join(_pages_text(pdf))
    for needle in (
        doc.addressee_zh,
        doc.addressee_en,
        doc.document_number,
        doc.title_zh,
        doc.office_name_zh,
        "2026年11月23日",
        doc.verification_code,
    ):
        assert _squash(needle) in text, needle
    for row in doc.amounts:
        assert _squash(row.value) in text
    if doc.main_amount_fen is not None:
        assert format_yuan(doc.main_amount_fen) in text
        assert to_chinese_capital(doc.main_amount_fen) in text
    if doc.copied_to_zh:
        assert "抄送：" + "，".join(doc.copied_to_zh) in text


def test_amounts_in_digits_and_capitals_as_notices_md_requires() -> None:
    doc = replace(sample_document("startup_grant"), main_amount_fen=20_000_000)
    text = "".join(_pages_text(render_notice(doc)))
    assert "200,000.00元" in text and "人民币贰拾万元整" in text
    doc = replace(sample_document("revocation"), main_amount_fen=123_456)
    text = "".join(_pages_text(render_notice(doc)))
    assert "1,234.56元" in text and "人民币壹仟贰佰叁拾肆元伍角陆分" in text


@pytest.mark.parametrize("mode", MODES)
def test_rejection_lists_every_failed_rule_in_both_languages(
    rendered: dict[tuple[str, str], bytes], mode: str
) -> None:
    doc = sample_document("rejection", language_mode=mode)
    text = "".join(_pages_text(rendered[("rejection", mode)]))
    assert len(doc.rejection_rules) == 3
    for rule in doc.rejection_rules:
        assert f"第{rule.clause}条" in text
        assert f"§{rule.clause}" in text
        assert _squash(rule.reason_zh) in text
        assert _squash(rule.reason_en) in text


def test_rent_waiver_schedule_has_every_month_and_the_total(
    rendered: dict[tuple[str, str], bytes],
) -> None:
    doc = sample_document("rent_waiver")
    text = "".join(_pages_text(rendered[("rent_waiver", "zh+en")]))
    for row in doc.schedule:
        assert f"{row.period_start.isoformat()}至{row.period_end.isoformat()}" in text
    assert "合计Total1,008,000.00756,000.00" in text
    assert "人民币柒拾伍万陆仟元整" in text


def test_same_document_gives_the_same_bytes() -> None:
    doc = sample_document("rent_waiver")
    first = render_notice(doc)
    # Render something else in between: no state may leak from one notice into the next.
    render_notice(sample_document("rejection", language_mode="en-page"))
    assert render_notice(sample_document("rent_waiver")) == first
    assert render_notice(replace(doc, verification_code="ZZZZ-ZZZZ-ZZZZ")) != first


def test_issue_date_not_the_clock_is_the_pdf_date() -> None:
    reader = PdfReader(io.BytesIO(render_notice(sample_document("admission"))))
    assert reader.metadata["/CreationDate"].startswith("D:20261123")
    assert (
        reader.metadata.title
        == "关于同意上海智算未来科技有限公司入驻徐汇人工智能小镇的通知（徐汇AI孵〔2026〕11号）"
    )


@pytest.mark.parametrize("mode", MODES)
def test_only_embedded_subsets_of_the_notice_fonts_are_used(
    rendered: dict[tuple[str, str], bytes], mode: str
) -> None:
    reader = PdfReader(io.BytesIO(rendered[("talent_award", mode)]))
    seen = set()
    for page in reader.pages:
        for font_ref in page["/Resources"]["/Font"].values():
            font = font_ref.get_object()
            seen.add(font["/BaseFont"])
            assert font["/Subtype"] == "/TrueType"
            # A subset: six capital letters, "+", the font's name.
            assert re.fullmatch(
                r"/[A-Z]{6}\+(WenQuanYiMicroHei-0|FandolFang-Regular|FandolSong-Bold)",
                font["/BaseFont"],
            )
            descriptor = font["/FontDescriptor"].get_object()
            program = descriptor["/FontFile2"].get_object()
            assert 0 < len(program.get_data()) < 1_000_000  # embedded, and far below 5 MB
    assert len({name.split("+")[1] for name in seen}) == 3
    assert b"Helvetica" not in rendered[("talent_award", mode)]


def _page_numbers(pdf: bytes) -> list[tuple[int, int]]:
    """(number, page count) of each page, from GB/T's "— N —"."""
    found = []
    pages = _pages_text(pdf)
    for text in pages:
        numbers = re.findall(r"—(\d+)—", text)
        assert len(numbers) == 1, text[-200:]
        found.append((int(numbers[0]), len(pages)))
    return found


def test_long_rejection_runs_over_pages_numbered_x_of_y() -> None:
    rules = tuple(
        RejectionRule(
            f"{n // 10}.{n % 10}",
            f"第{n}项条件未满足：团队在申请日的情况与规定不符，需补充材料后重新申请。" * 2,
            f"Rule {n} is not met: the team's facts at the application date do not fit it. " * 2,
        )
        for n in range(11, 41)
    )
    doc = replace(sample_document("rejection"), rejection_rules=rules)
    pdf = render_notice(doc)
    numbers = _page_numbers(pdf)
    total = len(numbers)
    assert total >= 3
    assert numbers == [(i, total) for i in range(1, total + 1)]
    text = "".join(_pages_text(pdf))
    for rule in rules:
        assert f"第{rule.clause}条" in text and f"§{rule.clause}" in text
    # The signature and the issue record are on the last page.
    assert "2026年11月23日印发" in _pages_text(pdf)[-1]


def test_schedule_over_pages_repeats_its_header() -> None:
    doc = sample_document("rent_waiver", language_mode="en-page")
    pdf = render_notice(doc)
    pages = _pages_text(pdf)
    assert _page_numbers(pdf) == [(i, len(pages)) for i in range(1, len(pages) + 1)]
    schedule_pages = [p for p in pages if "2027-0" in p]
    assert len(schedule_pages) >= 2
    for page in schedule_pages:
        assert "月次" in page or "Month" in page


def test_english_page_mode_starts_the_english_on_a_page_of_its_own() -> None:
    doc = sample_document("admission", language_mode="en-page")
    pages = _pages_text(render_notice(doc))
    english = [i for i, p in enumerate(pages) if _squash(TRANSLATION_NOTE) in p]
    assert len(english) == 1 and english[0] >= 1
    first_en = english[0]
    assert _squash(doc.title_en) in pages[first_en]
    assert _squash(doc.office_name_en) in pages[first_en]
    chinese = "".join(pages[:first_en])
    assert _squash(doc.title_zh) in chinese
    assert _squash(doc.body_en[0]) not in chinese  # no English in the Chinese part
    assert _squash(doc.body_zh[0]) not in "".join(pages[first_en:])


def test_bilingual_mode_puts_english_under_each_chinese_paragraph() -> None:
    doc = sample_document("admission")
    text = "".join(_pages_text(render_notice(doc)))
    zh1, en1, zh2 = (
        text.index(_squash(t)) for t in (doc.body_zh[0], doc.body_en[0], doc.body_zh[1])
    )
    assert zh1 < en1 < zh2


def test_embedded_data_reads_back() -> None:
    doc = sample_document("voucher_model")
    data = read_embedded(render_notice(doc))
    assert data is not None
    assert data["canonical_json"] == doc.canonical_json()
    assert data["verification_code"] == doc.verification_code
    assert data["content"]["main_amount_fen"] == 40_000_000


def test_read_embedded_on_other_files() -> None:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 100, "not a notice")
    canvas.save()
    assert read_embedded(out.getvalue()) is None
    with pytest.raises(ValidationError):
        read_embedded(b"this is not a PDF at all")


@pytest.mark.parametrize(
    ("kind", "change", "field"),
    [
        ("startup_grant", {"main_amount_fen": None}, "main_amount_fen"),
        ("rejection", {"rejection_rules": ()}, "rejection_rules"),
        ("rent_waiver", {"schedule": ()}, "schedule"),
        ("rent_waiver", {"main_amount_fen": 1}, "main_amount_fen"),
        ("voucher_compute", {"amounts": ()}, "amounts"),
    ],
)
def test_kind_requirements_are_checked_before_rendering(
    kind: str, change: dict, field: str
) -> None:
    doc = replace(sample_document(kind), **change)
    with pytest.raises(ValidationError) as err:
        render_notice(doc)
    assert err.value.field == field


def test_every_kind_has_its_template() -> None:
    names = {template_for(kind).__name__ for kind in SAMPLE_KINDS}
    assert len(names) == len(SAMPLE_KINDS)
    with pytest.raises(ValidationError):
        template_for("birthday_card")


def _seal_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((5, 5, 195, 195), outline=(210, 0, 26, 255), width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_no_seal_is_printed_by_default_and_the_image_when_configured() -> None:
    png = _seal_png()
    digest = hashlib.sha256(png).hexdigest()
    with_image = render_notice(
        replace(sample_document("admission"), seal_png=png, seal_sha256=digest)
    )
    plain = render_notice(sample_document("admission"))
    assert b"/Subtype /Image" in with_image and b"/Subtype /Image" not in plain
    # No printed pseudo-seal: no red ring, no "盖章处" (the office stamps its real seal).
    assert "盖章处" not in "".join(_pages_text(plain))
    marked = render_notice(replace(sample_document("admission"), seal_mark=True))
    assert marked != plain and b"/Subtype /Image" not in marked
    assert "盖章处" not in "".join(_pages_text(marked))  # four grey ticks, no text
    # The image must be the one the signed content names.
    with pytest.raises(ValidationError) as err:
        render_notice(replace(sample_document("admission"), seal_png=png, seal_sha256="0" * 64))
    assert err.value.field == "seal_image"
    with pytest.raises(ValidationError):
        render_notice(replace(sample_document("admission"), seal_sha256=digest))


def test_custom_schedule_total_matches_rows() -> None:
    rows = (
        ScheduleRow(1, date(2026, 3, 1), date(2026, 3, 31), 5_000_000, "85.71%", 4_285_714),
        ScheduleRow(2, date(2026, 4, 1), date(2026, 4, 15), 2_419_355, "85.71%", 2_073_640),
    )
    doc = replace(
        sample_document("rent_waiver"),
        schedule=rows,
        main_amount_fen=4_285_714 + 2_073_640,
        amounts=(AmountRow("计入减免面积", "Area waived", "300 m² / 350 m²"),),
    )
    text = "".join(_pages_text(render_notice(doc)))
    assert "85.71%" in text and "63,593.54" in text and "人民币陆万叁仟伍佰玖拾叁元伍角肆分" in text


def test_rent_schedule_sample_follows_the_policy() -> None:
    rows = rent_schedule(date(2026, 1, 1), 24, 4_200_000)
    assert [r.waived_percent for r in rows] == ["100%"] * 12 + ["50%"] * 12
    assert rows[1].period_end == date(2026, 2, 28) and rows[-1].period_end == date(2027, 12, 31)
