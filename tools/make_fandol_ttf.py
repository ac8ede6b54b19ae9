"""Make the notice fonts: the Fandol fonts as TrueType, and the WenQuanYi Zen Hei supplement.

ReportLab embeds TrueType (glyf) fonts only; the Fandol fonts, the free FangSong and Song of
Debian's ``texlive-lang-chinese`` package, are CID-keyed CFF OpenType. This script redraws every
glyph with quadratic curves (fontTools' cu2qu, at most 1 font unit from the cubic original,
invisible at any print size) and writes the TrueType font, keeping every glyph and the whole
character map (no subsetting: a registered name may use any character the font has).

The second font made here is the fallback's fallback: WenQuanYi Micro Hei (shipped unchanged)
lacks almost all of CJK Extension A (e.g. 䶮 U+4DAE, a character of registered names), which
WenQuanYi Zen Hei has. Rather than ship the whole 16.8 MB Zen Hei collection, the supplement keeps
every Han character (CJK radicals, Extension A, unified ideographs, compatibility ideographs,
Extension B and later) that Zen Hei has and Micro Hei lacks: complete blocks, not a choice of
glyphs, so no name is left out that the two fonts together can print.

It is how resources/fonts/FandolFang-Regular.ttf, FandolSong-Bold.ttf and
wqy-zenhei-supplement.ttf were made; run it again to check them:

    apt-get download texlive-lang-chinese fonts-wqy-zenhei   # bookworm: 2022.20230122-1, 0.9.45-8
    dpkg -x texlive-lang-chinese_*.deb /tmp/tl
    dpkg -x fonts-wqy-zenhei_*.deb /tmp/zh
    python -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools==4.68.0
    /tmp/ft/bin/python tools/make_fandol_ttf.py \
        /tmp/tl/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol \
        /tmp/zh/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc resources/fonts

fontTools is needed only here, not by the application.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

FONTS = ("FandolFang-Regular", "FandolSong-Bold")
MAX_ERR = 1.0  # font units (of 1000 per em)
MICRO_HEI = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "wqy-microhei.ttc"
SUPPLEMENT = "wqy-zenhei-supplement.ttf"


def is_han(cp: int) -> bool:
    """CJK radicals to Extension A and the unified ideographs, compatibility, Extension B on."""
    return 0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def zen_hei_supplement(zen_hei: Path, target: Path) -> None:
    """Face 0 of Zen Hei, keeping the Han characters WenQuanYi Micro Hei does not have."""
    micro = TTCollection(MICRO_HEI).fonts[0].getBestCmap()
    font = TTCollection(zen_hei, recalcTimestamp=False).fonts[0]
    keep = sorted(cp for cp in font.getBestCmap() if is_han(cp) and cp not in micro)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    font.save(target)


def convert(source: Path, target: Path) -> None:
    font = TTFont(source, recalcTimestamp=False)  # same bytes on every run
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF outlines run counter-clockwise, TrueType ones clockwise: reverse them.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(target, reorderTables=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the folder holding the Fandol .otf files")
    parser.add_argument("zen_hei", type=Path, help="wqy-zenhei.ttc of fonts-wqy-zenhei")
    parser.add_argument("target", type=Path, help="where to write the .ttf files")
    args = parser.parse_args()
    for name in FONTS:
        src = args.source / f"{name}.otf"
        if not src.is_file():
            print(f"{src} is missing: extract texlive-lang-chinese first.", file=sys.stderr)
            return 1
        out = args.target / f"{name}.ttf"
        convert(src, out)
        print(f"{out}: {out.stat().st_size:,} bytes")
    out = args.target / SUPPLEMENT
    zen_hei_supplement(args.zen_hei, out)
    print(f"{out}: {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
