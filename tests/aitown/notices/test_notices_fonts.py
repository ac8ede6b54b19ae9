"""The notice fonts: registered once from resources/fonts, the fallback chain, and text no font
can draw refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.pdfbase import pdfmetrics

from aitown.errors import ValidationError
from aitown.notices import fonts
from aitown.notices.render import render_notice
from aitown.notices.samples import SAMPLE_KINDS, sample_document
from aitown.paths import resource

# CJK Extension B "𠀀" and an emoji: in none of the notice fonts (asserted below).
EXT_B_CHAR = "\U00020000"
EMOJI = "\U0001f600"
# CJK Extension A "䶮" (U+4DAE), a character of registered names: in the Zen Hei supplement.
EXT_A_CHAR = "\u4dae"


def test_fonts_ship_with_their_licences() -> None:
    folder = resource("fonts")
    for file, _face in fonts.FONT_FILES.values():
        assert (folder / file).stat().st_size > 2_000_000, file
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence
    assert "GNU GENERAL PUBLIC LICENSE" in (folder / "LICENSE.fandol").read_text(encoding="utf-8")
    zen = (folder / "COPYRIGHT.wqy-zenhei.debian").read_text(encoding="utf-8")
    assert "Font embedding exception" in zen
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for needle in ("fonts-wqy-microhei", "texlive-lang-chinese", "fonts-wqy-zenhei", "cu2qu"):
        assert needle in readme, needle
    assert (resource("fonts").parents[1] / "tools" / "make_fandol_ttf.py").is_file()


def test_registered_once_from_face_zero() -> None:
    first = fonts.notice_font()
    assert fonts.notice_font() is first
    assert pdfmetrics.getFont(fonts.FONT_NAME) is first
    assert first.face.name == b"WenQuanYiMicroHei"  # face 0, not "Micro Hei Mono"
    assert fonts.font(fonts.FANG).face.name == b"FandolFang-Regular"
    assert fonts.font(fonts.SONG_BOLD).face.name == b"FandolSong-Bold"


def test_each_character_comes_from_the_first_font_that_has_it() -> None:
    assert fonts.font_for("中", fonts.FANG) == fonts.FANG
    assert fonts.font_for("喆", fonts.FANG) == fonts.HEI  # outside GB2312: Fandol lacks it
    assert fonts.font_for(EXT_A_CHAR, fonts.FANG) == fonts.SUPPLEMENT
    assert fonts.font_for(EXT_B_CHAR, fonts.FANG) is None
    assert list(fonts.runs(f"刘{EXT_A_CHAR}喆", fonts.FANG)) == [
        (fonts.FANG, "刘"),
        (fonts.SUPPLEMENT, EXT_A_CHAR),
        (fonts.HEI, "喆"),
    ]


def test_a_name_with_an_extension_a_character_is_printed(tmp_path) -> None:
    doc = replace(
        sample_document("startup_grant"), addressee_zh=f"上海{EXT_A_CHAR}智能科技有限公司"
    )
    pdf = render_notice(doc)
    assert b"+WenQuanYiZenHei" in pdf  # the supplement, embedded (subset) for 䶮


def test_the_test_characters_really_are_missing_from_the_fonts() -> None:
    for name in fonts.FONT_FILES:
        cmap = fonts.font(name).face.charToGlyph
        assert ord(EXT_B_CHAR) not in cmap
        assert ord(EMOJI) not in cmap
    cmap = fonts.notice_font().face.charToGlyph
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
    # A registered name cannot take "a common variant": the sentence does not suggest one.
    assert "variant" not in e.message and "异体" not in e.message_zh
    assert "by hand" in e.message and "人工" in e.message_zh


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
