"""The screens of the main window, in navigation order (Alt+1 … Alt+9).

How a screen plugs in: a view class whose constructor is

    class DashboardView(QWidget):
        def __init__(self, ctx: DeskContext, parent: QWidget | None = None): ...

imported here and listed in SCREENS; the main window needs no change. Optional members the main
window uses when present: ``refresh()`` (called each time the screen is shown again),
``focus_search()`` (Ctrl+F), and a ``team_activated = Signal(int)`` (opens that team's detail).
A screen whose ``right`` the user lacks is not offered at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.context import DeskContext
from ui.i18n import QT_TRANSLATE_NOOP
from ui.views.applications import ApplicationsView
from ui.views.audit_log import AuditLogView
from ui.views.budget import BudgetView
from ui.views.dashboard import DashboardView
from ui.views.notices import NoticesView
from ui.views.payout import PayoutView
from ui.views.rent import RentView
from ui.views.reports import ReportsView
from ui.views.settings import SettingsView
from ui.views.sync import SyncView
from ui.views.teams import TeamsView
from ui.views.tenancy import TenancyView

# A screen's view: built with the desk context and the parent widget.
ViewFactory = Callable[[DeskContext, QWidget | None], QWidget]


@dataclass(frozen=True)
class Screen:
    key: str
    title: str  # English; translated in the "Screens" context
    icon: str  # resources/icons/<icon>.svg
    view: ViewFactory
    right: str | None = None  # the right needed to see the screen

    def label(self) -> str:
        return QCoreApplication.translate("Screens", self.title)


SCREENS: tuple[Screen, ...] = (
    Screen("dashboard", QT_TRANSLATE_NOOP("Screens", "Dashboard"), "dashboard", DashboardView),
    Screen("teams", QT_TRANSLATE_NOOP("Screens", "Teams"), "teams", TeamsView, "team.view"),
    Screen("spaces", QT_TRANSLATE_NOOP("Screens", "Spaces and leases"), "spaces", TenancyView),
    Screen("applications", QT_TRANSLATE_NOOP("Screens", "Applications"), "applications", ApplicationsView),
    Screen("notices", QT_TRANSLATE_NOOP("Screens", "Notices"), "notices", NoticesView, "notice.view"),
    Screen("budget", QT_TRANSLATE_NOOP("Screens", "Budget"), "budget", BudgetView),
    Screen("audit_log", QT_TRANSLATE_NOOP("Screens", "Audit log"), "audit", AuditLogView, "audit.view"),
    Screen("reports", QT_TRANSLATE_NOOP("Screens", "Reports"), "reports", ReportsView, "team.view"),
    Screen("settings", QT_TRANSLATE_NOOP("Screens", "Settings"), "settings", SettingsView),
    Screen("sync", QT_TRANSLATE_NOOP("Screens", "Sync"), "sync", SyncView, "sync.run"),
    Screen("payout", QT_TRANSLATE_NOOP("Screens", "Payments"), "budget", PayoutView, "payment.manage"),
    Screen("rent", QT_TRANSLATE_NOOP("Screens", "Rent"), "budget", RentView, "team.view"),
)  # fmt: skip


def screen_by_key(key: str) -> Screen:
    for screen in SCREENS:
        if screen.key == key:
            return screen
    raise KeyError(key)


def build_screen(screen: Screen, ctx: DeskContext, parent: QWidget | None = None) -> QWidget:
    """The screen's view."""
    return screen.view(ctx, parent)
