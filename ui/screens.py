"""The screens of the main window, in navigation order (Alt+1 … Alt+9).

How a screen plugs in: a view class whose constructor is

    class DashboardView(QWidget):
        def __init__(self, ctx: DeskContext, parent: QWidget | None = None): ...

named here (module and class, imported when the screen is first shown) and listed in SCREENS;
the main window needs no change. Optional members the main
window uses when present: ``refresh()`` (called each time the screen is shown again),
``focus_search()`` (Ctrl+F), and a ``team_activated = Signal(int)`` (opens that team's detail).
A screen whose ``right`` the user lacks is not offered at all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.context import DeskContext
from ui.i18n import QT_TRANSLATE_NOOP

# A screen's view: built with the desk context and the parent widget.
ViewFactory = Callable[[DeskContext, QWidget | None], QWidget]


@dataclass(frozen=True)
class Screen:
    key: str
    title: str  # English; translated in the "Screens" context
    icon: str  # resources/icons/<icon>.svg
    # The view: class ``view_name`` of ``ui.views.<view_module>``, imported when the screen is
    # first built. The window starts with the modules of the screen it shows, not those of all
    # twelve (with their services, ReportLab and pypdf they were half of the start); a broken
    # module still fails loudly, when its screen is opened (tests/ui/test_imports.py).
    view_module: str
    view_name: str
    right: str | None = None  # the right needed to see the screen

    def label(self) -> str:
        return QCoreApplication.translate("Screens", self.title)

    def view_class(self) -> ViewFactory:
        found: ViewFactory = getattr(
            importlib.import_module(f"ui.views.{self.view_module}"), self.view_name
        )
        return found


SCREENS: tuple[Screen, ...] = (
    Screen("dashboard", QT_TRANSLATE_NOOP("Screens", "Dashboard"), "dashboard", "dashboard", "DashboardView"),
    Screen("teams", QT_TRANSLATE_NOOP("Screens", "Teams"), "teams", "teams", "TeamsView", "team.view"),
    Screen("spaces", QT_TRANSLATE_NOOP("Screens", "Spaces and leases"), "spaces", "tenancy", "TenancyView"),
    Screen("applications", QT_TRANSLATE_NOOP("Screens", "Applications"), "applications", "applications", "ApplicationsView"),
    Screen("notices", QT_TRANSLATE_NOOP("Screens", "Notices"), "notices", "notices", "NoticesView", "notice.view"),
    Screen("budget", QT_TRANSLATE_NOOP("Screens", "Budget"), "budget", "budget", "BudgetView"),
    Screen("audit_log", QT_TRANSLATE_NOOP("Screens", "Audit log"), "audit", "audit_log", "AuditLogView", "audit.view"),
    Screen("reports", QT_TRANSLATE_NOOP("Screens", "Reports"), "reports", "reports", "ReportsView", "team.view"),
    Screen("settings", QT_TRANSLATE_NOOP("Screens", "Settings"), "settings", "settings", "SettingsView"),
    Screen("sync", QT_TRANSLATE_NOOP("Screens", "Sync"), "sync", "sync", "SyncView", "sync.run"),
    Screen("payout", QT_TRANSLATE_NOOP("Screens", "Payments"), "budget", "payout", "PayoutView", "payment.manage"),
    Screen("rent", QT_TRANSLATE_NOOP("Screens", "Rent"), "budget", "rent", "RentView", "team.view"),
)  # fmt: skip


def screen_by_key(key: str) -> Screen:
    for screen in SCREENS:
        if screen.key == key:
            return screen
    raise KeyError(key)


def build_screen(screen: Screen, ctx: DeskContext, parent: QWidget | None = None) -> QWidget:
    """The screen's view."""
    return screen.view_class()(ctx, parent)
