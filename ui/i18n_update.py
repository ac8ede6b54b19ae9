"""Re-run the Qt Linguist flow: ``python -m ui.i18n_update``.

1. ``pyside6-lupdate`` collects every ``tr()`` / ``QCoreApplication.translate()`` /
   ``QT_TRANSLATE_NOOP`` text of ui/**/*.py into resources/i18n/aitown_zh_CN.ts, keeping the
   translations already there (new texts arrive marked unfinished);
2. ``pyside6-lrelease`` compiles the .ts into the .qm the application loads.

Translate new texts in Qt Linguist (``pyside6-linguist resources/i18n/aitown_zh_CN.ts``) or in
the XML by hand, then run this again and commit both files. ``--check`` only lists the texts that
still lack a translation (exit status 1 if any), for CI and tests.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
I18N = ROOT / "resources" / "i18n"
LANGS = ("zh_CN",)


def tool(name: str) -> str:
    """A PySide6 tool from the same environment as this Python (``.venv/bin``), else from PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} was not found: install PySide6 into this environment.")
    return found


def sources(root: Path = ROOT) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "ui").rglob("*.py"))


def ts_path(lang: str) -> Path:
    return I18N / f"aitown_{lang}.ts"


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source text) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("unfinished",) or translation is None:
                missing.append((name, message.findtext("source") or ""))
    return missing


def collect(lang: str, ts: Path, root: Path = ROOT) -> None:
    """Bring ``ts`` up to date with the texts of ``root``/ui (pyside6-lupdate)."""
    subprocess.run(
        [tool("pyside6-lupdate"), *sources(root), "-no-obsolete", "-locations", "none",
         "-source-language", "en", "-target-language", lang, "-ts", str(ts)],
        cwd=root,
        check=True,
        capture_output=True,
    )  # fmt: skip


def update(lang: str) -> None:
    ts = ts_path(lang)
    collect(lang, ts)
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only list untranslated texts")
    args = parser.parse_args(argv)
    status = 0
    for lang in LANGS:
        if not args.check:
            update(lang)
        missing = unfinished(ts_path(lang))
        for context, text in missing:
            print(f"{lang}: not translated yet: [{context}] {text}")
        status = status or (1 if missing else 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
