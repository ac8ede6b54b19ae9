"""Render one sample notice of each kind to PNG (pdftoppm -r 60), for the docs and for review.

Run from the repository root:  .venv/bin/python docs/notices/make_pngs.py [--out DIR] [--dpi N]

Writes KIND.png (first page) and, for a notice with more pages, KIND-2.png, KIND-3.png ...;
every kind is also rendered with the English on pages of its own
(KIND-en-page-N.png) to show the second language mode. Needs poppler-utils (pdftoppm).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from aitown.notices.render import render_notice  # noqa: E402
from aitown.notices.samples import SAMPLE_KINDS, sample_document  # noqa: E402

HERE = Path(__file__).resolve().parent
EN_PAGE_EXAMPLES = SAMPLE_KINDS  # every kind in both layouts


def render_pngs(out: Path, dpi: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    jobs = [(kind, "zh+en", kind) for kind in SAMPLE_KINDS]
    jobs += [(kind, "en-page", f"{kind}-en-page") for kind in EN_PAGE_EXAMPLES]
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, mode, stem in jobs:
            pdf = Path(tmp) / f"{stem}.pdf"
            pdf.write_bytes(render_notice(sample_document(kind, language_mode=mode)))
            subprocess.run(
                ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(Path(tmp) / stem)], check=True
            )
            pages = sorted(
                Path(tmp).glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
            )
            for number, page in enumerate(pages, start=1):
                if mode == "zh+en":
                    name = f"{stem}.png" if number == 1 else f"{stem}-{number}.png"
                else:
                    name = f"{stem}-{number}.png"
                target = out / name
                target.write_bytes(page.read_bytes())
                written.append(target)
            for page in pages:
                page.unlink()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    for path in render_pngs(args.out, args.dpi):
        print(path)


if __name__ == "__main__":
    main()
