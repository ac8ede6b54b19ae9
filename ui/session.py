"""One desk session after start: the main window of whoever is logged in, log out / switch user,
and a change of language without a restart.

Logging out closes the main window and its team windows and shows the log-in again, in the same
running application (the database stays open); someone else, or the same person, logs in and gets
a fresh main window. Nothing pending is lost: while a change is still being saved the person is
asked, and the switch waits for it.

A new language is applied by installing its translators and building the main window again — the
same screen shown, at the same place and size — rather than re-translating every widget in place:
every text of every screen is set when it is built, so a rebuild is the one way that leaves no
English label behind in a Chinese window (and it is quick: screens are built when first shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QMainWindow

from aitown.db import Database
from aitown.services.actor import Actor
from ui import i18n, messages, tasks
from ui.context import DeskContext

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# Shows the log-in and returns who logged in (None: the person closed it).
LogIn = Callable[[Database, str], Actor | None]


def pending_writes() -> int:
    """Changes still being saved (writes started through ui.ops.run_op, not yet finished)."""
    return tasks.running_writes()


def confirm_nothing_pending(parent: QMainWindow | None) -> bool:
    """True when nothing is being saved, or the person agrees to wait for it (then it is waited
    for, so its result is shown and published before the window goes)."""
    if pending_writes() == 0:
        return True
    if not messages.ask(
        parent,
        QCoreApplication.translate(
            "DeskSession",
            "A change is still being saved. Wait for it to finish, then go on?",
        ),
    ):
        return False
    tasks.wait_for_tasks()
    QCoreApplication.processEvents()  # its result reaches the window before it closes
    return pending_writes() == 0


class DeskSession(QObject):
    """Owns the main window; builds it again for a new user or language."""

    window_replaced = Signal(QMainWindow)

    def __init__(self, db: Database, settings: QSettings, lang: str, log_in: LogIn):
        super().__init__()
        self.db = db
        self.settings = settings
        self.lang = lang
        self.log_in = log_in
        self.window: MainWindow | None = None
        self.ended = False  # the person closed the log-in after logging out: quit

    def start(self, actor: Actor, screen: str | None = None) -> MainWindow:
        from ui.main_window import MainWindow

        ctx = DeskContext(db=self.db, actor=actor, settings=self.settings, lang=self.lang)
        window = MainWindow(ctx)
        window.log_out_requested.connect(self.switch_user)
        window.language_change_requested.connect(self.change_language)
        if screen:
            window.show_screen(screen)
        window.show()
        self.window = window
        self.window_replaced.emit(window)
        return window

    def _retire(self, window: QMainWindow) -> None:
        window.close()  # its team windows close with it; the geometry is saved
        window.deleteLater()

    def switch_user(self) -> None:
        """Log out: back to the log-in window, without quitting."""
        window = self.window
        if window is None or not confirm_nothing_pending(window):
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # no window between the two is no reason to quit
        try:
            self._retire(window)
            self.window = None
            actor = self.log_in(self.db, self.lang)
            if actor is None:
                self.ended = True
                app.quit()
                return
            self.start(actor)
        finally:
            app.setQuitOnLastWindowClosed(quit_on_close)

    def change_language(self, lang: str) -> None:
        """Apply ``lang`` now: translators, font, and the main window built again on the same
        screen, place and size."""
        window = self.window
        if lang == self.lang or window is None or not confirm_nothing_pending(window):
            return
        from ui.app import apply_language

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        actor, screen = window.ctx.actor, window.current_key()
        i18n.store_language(window.ctx.settings, lang)
        quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        try:
            self._retire(window)  # saves its geometry: the new one opens where it was
            apply_language(app, lang)
            self.lang = lang
            new = self.start(actor, screen)
        finally:
            app.setQuitOnLastWindowClosed(quit_on_close)
        settings_view = new.show_screen("settings") if screen == "settings" else None
        if settings_view is not None and hasattr(settings_view, "tabs"):
            settings_view.tabs.setCurrentIndex(0)  # where the language was chosen
