"""Stands in for a screen that is not part of this version yet (see ui/screens.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderView(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("placeholder")
        heading = QLabel(title)
        heading.setObjectName("screenTitle")
        text = QLabel(self.tr("This screen is not part of this version yet."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setStyleSheet("color: #777; font-size: 12pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text, 1)
