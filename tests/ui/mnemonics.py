"""The Alt+letter keys (mnemonics) a window offers, for the test that no two clash."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QWidget,
)

MNEMONIC = re.compile(r"&([^&\s])")


def key_of(text: str) -> str | None:
    """The letter after a single '&' ("&&" is a literal ampersand)."""
    match = MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).upper() if match else None


def _visible(widget: QWidget, window: QWidget) -> bool:
    return widget.window() is window and widget.isVisibleTo(window)


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter → the texts that claim it, among what the window shows now."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        key = key_of(text)
        if key is not None:
            found[key].append(text)

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible():
                add(action.text())
    for widget in window.findChildren(QWidget):
        if not _visible(widget, window):
            continue
        if isinstance(widget, QAbstractButton) and widget.isEnabled() | True:
            add(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            if _visible(widget.buddy(), window):
                add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabVisible(i):
                    add(widget.tabText(i))
    return dict(found)


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(window).items() if len(v) > 1}


def every_tab_clash(window: QWidget, where: str) -> list[str]:
    """Clashes with each tab of each tab widget shown in turn (one level of tabs, then nested)."""
    problems = [f"{where}: Alt+{k} {v}" for k, v in clashes(window).items()]
    for tabs in window.findChildren(QTabWidget):
        if not _visible(tabs, window):
            continue
        keep = tabs.currentIndex()
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            QApplication.processEvents()
            problems += [
                f"{where} / {tabs.tabText(i)}: Alt+{k} {v}" for k, v in clashes(window).items()
            ]
        tabs.setCurrentIndex(keep)
    return sorted(set(problems))
