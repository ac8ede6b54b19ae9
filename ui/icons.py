"""Icons shipped in resources/icons (SVG), looked up by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from aitown.paths import resource


@cache
def icon(name: str) -> QIcon:
    """``icon("pass")`` → resources/icons/pass.svg; an empty icon if the file is missing."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
