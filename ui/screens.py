"""The screens of the main window, in navigation order (Alt+1 … Alt+9).

How a screen plugs in: create the module named here with the class named here,

    class DashboardView(QWidget):
        def __init__(self, ctx: DeskContext, parent: QWidget | None = None): ...

and it replaces the placeholder, with no change to the main window. Optional members the main
window uses when present: ``refresh()`` (called each time the screen is shown again),
``focus_search()`` (Ctrl+F), and a ``team_activated = Signal(int)`` (opens that team's detail).
A screen whose ``right`` the user lacks is not offered at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.context import DeskContext
from ui.optional import optional_module

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Screen:
    key: str
    title: str  # English; translated in the "Screens" context
    icon: str  # resources/icons/<icon>.svg
    module: str
    cls: str
    right: str | None = None  # the right needed to see the screen

    def label(self) -> str:
        return QCoreApplication.translate("Screens", self.title)


SCREENS: tuple[Screen, ...] = (
    Screen("dashboard", QT_TRANSLATE_NOOP("Screens", "Dashboard"), "dashboard",
           "ui.views.dashboard", "DashboardView"),
    Screen("teams", QT_TRANSLATE_NOOP("Screens", "Teams"), "teams",
           "ui.views.teams", "TeamsView", "team.view"),
    Screen("spaces", QT_TRANSLATE_NOOP("Screens", "Spaces and leases"), "spaces",
           "ui.views.spaces", "SpacesView"),
    Screen("applications", QT_TRANSLATE_NOOP("Screens", "Applications"), "applications",
           "ui.views.applications", "ApplicationsView"),
    Screen("notices", QT_TRANSLATE_NOOP("Screens", "Notices"), "notices",
           "ui.views.notices", "NoticesView", "notice.view"),
    Screen("budget", QT_TRANSLATE_NOOP("Screens", "Budget"), "budget",
           "ui.views.budget", "BudgetView"),
    Screen("audit_log", QT_TRANSLATE_NOOP("Screens", "Audit log"), "audit",
           "ui.views.audit_log", "AuditLogView", "audit.view"),
    Screen("settings", QT_TRANSLATE_NOOP("Screens", "Settings"), "settings",
           "ui.views.settings", "SettingsView"),
    Screen("sync", QT_TRANSLATE_NOOP("Screens", "Sync"), "sync",
           "ui.views.sync", "SyncView", "sync.run"),
)  # fmt: skip


def screen_by_key(key: str) -> Screen:
    for screen in SCREENS:
        if screen.key == key:
            return screen
    raise KeyError(key)


def build_screen(screen: Screen, ctx: DeskContext, parent: QWidget | None = None) -> QWidget:
    """The screen's view, or a placeholder saying it is not in this version yet."""
    module = optional_module(screen.module)
    view_class = getattr(module, screen.cls, None) if module is not None else None
    if view_class is None:
        from ui.views.placeholder import PlaceholderView

        return PlaceholderView(screen.label(), parent)
    return view_class(ctx, parent)
