"""Render the application icon (resources/icons/app.svg) for the desktop packages.

``python packaging/make_icons.py OUT_DIR`` writes OUT_DIR/aitown-SIZE.png for the hicolor sizes
the Linux menus use and OUT_DIR/aitown.ico (all sizes in one file) for the Windows executables
and installer. Runs offscreen with the Qt of .venv; Pillow (a ReportLab dependency) writes the
.ico.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
ROOT = Path(__file__).resolve().parent.parent


def render(svg: Path, out_dir: Path) -> list[Path]:
    """Render ``svg`` as square PNGs of every size in SIZES; return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"aitown-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"make_icons: could not write {path}")
        written.append(path)
    return written


def write_ico(pngs: list[Path], ico: Path) -> None:
    from PIL import Image

    largest = Image.open(pngs[-1])
    largest.save(ico, format="ICO", sizes=[(s, s) for s in SIZES])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make_icons.py OUT_DIR", file=sys.stderr)
        return 2
    out_dir = Path(argv[1])
    pngs = render(ROOT / "resources" / "icons" / "app.svg", out_dir)
    write_ico(pngs, out_dir / "aitown.ico")
    print(f"icons: {len(pngs)} PNG sizes and aitown.ico in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
