"""The main window: navigation between the screens, menus with shortcuts, the status bar.

Screens are built the first time they are shown (ui/screens.py says how a later screen plugs in).
Team details open in their own windows, one per team.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from aitown.errors import DeskError
from aitown.services.office import get_office
from ui import messages
from ui.changes import Entity, subscribe
from ui.context import DeskContext
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.team_form import TeamFormDialog
from ui.icons import icon
from ui.keyboard import install_alt_letter_guard
from ui.screens import SCREENS, Screen, build_screen
from ui.window_geometry import restore_geometry, save_geometry

NAV_WIDTH = 190


class MainWindow(QMainWindow):
    # Heard by ui.session: back to the log-in; the language chosen in Settings, to apply now.
    log_out_requested = Signal()
    language_change_requested = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowIcon(icon("app"))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_alt_letter_guard(app)  # an Alt+letter that opens nothing types nothing
        self.screens: list[Screen] = [s for s in SCREENS if s.right is None or ctx.can(s.right)]
        self.views: dict[str, QWidget] = {}
        self.detail_windows: dict[int, QWidget] = {}
        self.dialog: QWidget | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(260)
        self.nav.setSpacing(2)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; }")
        self.stack = QStackedWidget()
        for screen in self.screens:
            item = QListWidgetItem(icon(screen.icon), screen.label())
            item.setData(Qt.ItemDataRole.UserRole, screen.key)
            item.setSizeHint(QSize(NAV_WIDTH - 20, 36))
            item.setToolTip(screen.label())
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the view when first shown
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([NAV_WIDTH, 1366 - NAV_WIDTH])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.nav.currentRowChanged.connect(self._show_row)

        self._make_menus()
        self._make_status_bar()
        self._update_title()
        subscribe(ctx.changes, self, (Entity.OFFICE,), self._office_changed)
        self.show_screen("teams" if ctx.can("team.view") else self.screens[0].key)
        # As the person left it, if that still fits a screen; else 1366×768 fitted to this one.
        restore_geometry(self, ctx.settings, "main", QSize(1366, 768))

    # --- screens --------------------------------------------------------------------------------

    def view(self, key: str) -> QWidget:
        """The screen's view, built now if it was not shown before."""
        if key not in self.views:
            index = self._index_of(key)
            view = build_screen(self.screens[index], self.ctx)
            view.setObjectName(f"screen_{key}")
            team_activated = getattr(view, "team_activated", None)
            if team_activated is not None:
                team_activated.connect(self.open_team)
            if hasattr(view, "new_team_requested"):
                view.new_team_requested.connect(self.new_team)
            if hasattr(view, "import_requested"):
                view.import_requested.connect(self.import_teams)
            if hasattr(view, "leases_window_chosen"):  # the dashboard → leases ending
                view.leases_window_chosen.connect(self.show_leases_ending)
            if hasattr(view, "language_chosen"):
                view.language_chosen.connect(self.language_change_requested)
            old = self.stack.widget(index)
            self.stack.insertWidget(index, view)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.views[key] = view
        return self.views[key]

    def _index_of(self, key: str) -> int:
        for i, screen in enumerate(self.screens):
            if screen.key == key:
                return i
        raise KeyError(key)

    def show_screen(self, key: str) -> QWidget | None:
        """Switch to a screen by key ("teams", "settings" …); None if this user has no such screen."""
        try:
            index = self._index_of(key)
        except KeyError:
            return None
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)  # → _show_row
        else:
            self._show_row(index)
        return self.views.get(key)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.screens):
            return
        key = self.screens[row].key
        fresh = key not in self.views
        view = self.view(key)
        self.stack.setCurrentIndex(row)
        refresh = getattr(view, "refresh", None)
        if not fresh and callable(refresh):
            refresh()

    def show_leases_ending(self, days: int) -> None:
        """The Spaces and leases screen on its Leases ending tab, within ``days``."""
        view = self.show_screen("spaces")
        show = getattr(view, "show_ending", None)
        if callable(show):
            show(days)

    def current_key(self) -> str:
        return self.screens[self.nav.currentRow()].key

    # --- menus ----------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_team_action = self._action(
            self.tr("&New team…"), self.new_team, QKeySequence.StandardKey.New
        )
        self.new_team_action.setEnabled(self.ctx.can("team.edit"))
        file_menu.addAction(self.new_team_action)
        self.import_action = self._action(self.tr("&Import teams…"), self.import_teams)
        self.import_action.setVisible(self.ctx.can("team.import"))
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.log_out_action = self._action(
            self.tr("&Log out / switch user…"), self.log_out_requested.emit, "Ctrl+Shift+L"
        )
        file_menu.addAction(self.log_out_action)
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.find_action = self._action(
            self.tr("&Find team…"), self.find_team, QKeySequence.StandardKey.Find
        )
        edit_menu.addAction(self.find_action)

        go_menu = bar.addMenu(self.tr("&Go"))
        self.screen_actions: dict[str, QAction] = {}
        for number, screen in enumerate(SCREENS, start=1):
            if screen not in self.screens:
                continue
            action = self._action(
                screen.label(), lambda _=False, k=screen.key: self.show_screen(k), f"Alt+{number}"
            )
            action.setIcon(icon(screen.icon))
            go_menu.addAction(action)
            self.screen_actions[screen.key] = action

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About AI Town Desk"), self.about))

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        self.user_label = QLabel()
        self.user_label.setObjectName("status_user")
        self.office_label = QLabel()
        self.office_label.setObjectName("status_office")
        self.db_label = QLabel()
        self.db_label.setObjectName("status_db")
        actor = self.ctx.actor
        self.user_label.setText(
            self.tr("User: {name} ({role})").format(name=actor.name, role=self.ctx.role_label())
        )
        self.db_label.setText(self.tr("Database: {where}").format(where=self.ctx.db.describe()))
        self.db_label.setToolTip(self.ctx.db.describe())
        for label in (self.user_label, self.office_label, self.db_label):
            label.setContentsMargins(8, 0, 8, 0)
        status.addWidget(self.user_label)
        status.addWidget(self.office_label)
        status.addWidget(self.db_label, 1)

    def _update_title(self) -> None:
        try:
            office = get_office(self.ctx.db)
        except DeskError:
            self.setWindowTitle(self.tr("AI Town Desk"))
            return
        name = self.ctx.pick(office.name_en, office.name_zh)
        self.office_label.setText(
            self.tr("Office: {code} {name}").format(code=office.code, name=name)
        )
        self.setWindowTitle(self.tr("AI Town Desk — {office}").format(office=name))

    def _office_changed(self) -> None:
        self._update_title()

    # --- actions --------------------------------------------------------------------------------

    def find_team(self) -> None:
        view = self.show_screen("teams")
        focus = getattr(view, "focus_search", None)
        if callable(focus):
            focus()

    def new_team(self) -> None:
        if not self.ctx.can("team.edit"):
            return
        self.dialog = TeamFormDialog(self.ctx, parent=self)
        self.dialog.accepted.connect(self._team_registered)
        self.dialog.open()

    def _team_registered(self) -> None:
        dialog = self.dialog
        view = self.show_screen("teams")
        team_id = getattr(dialog, "team_id", None)
        if view is not None and team_id is not None and hasattr(view, "select_team"):
            view.select_team(team_id)

    def import_teams(self) -> None:
        if not self.ctx.can("team.import"):
            return
        self.dialog = ImportWizard(self.ctx, self)
        self.dialog.open()

    def open_team(self, team_id: int) -> QWidget | None:
        """Open (or bring forward) the detail window of a team."""
        window = self.detail_windows.get(team_id)
        if window is not None and window.isVisible():
            window.raise_()
            window.activateWindow()
            return window
        from ui.views.team_detail import TeamDetailWindow

        try:
            window = TeamDetailWindow(self.ctx, team_id, self)
        except DeskError as exc:
            messages.show_error(self, self.ctx.message(exc))
            return None
        window.finished.connect(lambda _r, t=team_id: self._detail_closed(t))
        self.detail_windows[team_id] = window
        window.show()
        return window

    def _detail_closed(self, team_id: int) -> None:
        window = self.detail_windows.pop(team_id, None)
        if window is not None:
            window.deleteLater()

    def about(self) -> None:
        import aitown

        messages.show_info(
            self,
            self.tr(
                "AI Town Desk {version}\nThe incubation desk of a district AI town: teams, leases, eligibility, vouchers, grants and official notices."
            ).format(version=aitown.__version__),
            self.tr("About AI Town Desk"),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.detail_windows.values()):
            window.close()
        save_geometry(self, self.ctx.settings, "main")
        super().closeEvent(event)
