"""The notice font: registered once from resources/fonts, and text it cannot draw refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.pdfbase import pdfmetrics

from aitown.errors import ValidationError
from aitown.notices import fonts
from aitown.notices.render import render_notice
from aitown.notices.samples import SAMPLE_KINDS, sample_document
from aitown.paths import resource

# CJK Extension B "𠀀" and an emoji: neither is in WenQuanYi Micro Hei (asserted below).
EXT_B_CHAR = "\U00020000"
EMOJI = "\U0001f600"


def test_font_ships_with_its_licence() -> None:
    folder = resource("fonts")
    assert (folder / fonts.FONT_FILE).stat().st_size > 4_000_000
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "fonts-wqy-microhei" in readme and "Apache" in readme


def test_registered_once_from_face_zero() -> None:
    first = fonts.notice_font()
    assert fonts.notice_font() is first
    assert pdfmetrics.getFont(fonts.FONT_NAME) is first
    assert first.face.name == b"WenQuanYiMicroHei"  # face 0, not "Micro Hei Mono"


def test_the_test_characters_really_are_missing_from_the_font() -> None:
    cmap = fonts.notice_font().face.charToGlyph
    assert ord(EXT_B_CHAR) not in cmap
    assert ord(EMOJI) not in cmap
    assert ord("汇") in cmap and ord("〔") in cmap and ord("壹") in cmap


def test_everything_the_samples_print_is_drawable() -> None:
    for kind in SAMPLE_KINDS:
        for name, text in sample_document(kind).texts():
            fonts.check_drawable(text, what=name)


def test_missing_glyph_is_named_with_its_code_point() -> None:
    with pytest.raises(ValidationError) as err:
        fonts.check_drawable(f"上海{EXT_B_CHAR}科技{EMOJI}有限公司", what="addressee_zh")
    e = err.value
    assert "U+20000" in e.message and "U+1F600" in e.message
    assert EXT_B_CHAR in e.message and "addressee_zh" in e.message
    assert e.message_zh and "U+20000" in e.message_zh and "无法打印" in e.message_zh
    assert e.field == "addressee_zh"


def test_control_characters_are_refused_but_line_breaks_pass() -> None:
    fonts.check_drawable("第一行\n第二行\t完")
    with pytest.raises(ValidationError):
        fonts.check_drawable("bell\x07")


def test_missing_glyphs_lists_each_character_once() -> None:
    assert fonts.missing_glyphs(f"{EMOJI}a{EMOJI}{EXT_B_CHAR}") == [EMOJI, EXT_B_CHAR]
    assert fonts.missing_glyphs("人民币贰拾万元整 CNY 200,000.00") == []


@pytest.mark.parametrize(
    "change",
    [
        {"addressee_zh": f"上海{EXT_B_CHAR}科技有限公司"},
        {"body_en": (f"Congratulations {EMOJI}", "The grant is paid soon.")},
        {"office_name_en": f"Office {EMOJI}"},
    ],
)
def test_render_refuses_a_notice_with_a_missing_glyph(change: dict[str, object]) -> None:
    doc = replace(sample_document("startup_grant"), **change)
    field = next(iter(change))
    with pytest.raises(ValidationError) as err:
        render_notice(doc)
    assert field in err.value.message
