"""The Spaces and leases screen: the unit board, the list of units and leases, leases ending."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.context import DeskContext
from ui.views.leases_ending import LeasesEndingView
from ui.views.spaces import SpacesView
from ui.views.unit_board import UnitBoardView


class TenancyView(QWidget):
    """Three tabs; each keeps itself current through the change bus."""

    team_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.board = UnitBoardView(ctx)
        self.spaces = SpacesView(ctx)
        self.ending = LeasesEndingView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tenancy_tabs")
        self.tabs.addTab(self.board, self.tr("Unit boa&rd"))
        self.tabs.addTab(self.spaces, self.tr("&Units and leases"))
        self.tabs.addTab(self.ending, self.tr("Leases ending s&oon"))
        for view in (self.board, self.spaces, self.ending):
            view.team_activated.connect(self.team_activated)
        title = QLabel(self.tr("Spaces and leases"))
        title.setObjectName("screenTitle")
        # The list's own title would repeat the screen's.
        for child in self.spaces.findChildren(QLabel):
            if child.objectName() == "screenTitle":
                child.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        self.board.refresh()
        self.spaces.refresh()
        self.ending.refresh()

    def show_ending(self, days: int) -> None:
        """Open the Leases ending tab on a window (the dashboard's links)."""
        self.ending.set_window(days)
        self.tabs.setCurrentWidget(self.ending)

    def focus_table(self) -> None:
        self.spaces.focus_table()
