"""``aitown``: the desktop application's entry point.

main() sets up logging and the last-resort error dialog, the language and fonts, opens the
database (``--db``, else ``AITOWN_DB``, else the default file), creates the office on the very
first start, asks for a log-in and shows the main window.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from aitown import paths
from aitown.db import Database
from aitown.errors import DeskError
from aitown.schema import open_database
from aitown.services.actor import Actor
from aitown.services.backup import auto_backup
from aitown.services.office import get_office, office_exists
from ui import i18n, messages
from ui.context import DeskContext
from ui.logging_setup import install_excepthook, setup_logging
from ui.tasks import run_task

log = logging.getLogger(__name__)

APP_STYLE_SHEET = """
QLabel#screenTitle { font-size: 15pt; font-weight: 600; padding: 2px 0 6px 0; }
"""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="aitown", description="AI Town Desk")
    parser.add_argument("--db", help="the database: a SQLite file or a SQLAlchemy URL")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help="language for this run")
    parser.add_argument(
        "--user",
        help="user name to log in with; with AITOWN_PASSWORD set, logs in without asking",
    )
    parser.add_argument("--screen", help="screen to show first (teams, spaces, settings …)")
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        help="for checking an installation: save a picture of the screen after start, then quit",
    )
    parser.add_argument("--screenshot-delay", type=int, default=2500, metavar="MS")
    known, _qt_args = parser.parse_known_args(list(argv)[1:])
    return known


def app_settings() -> QSettings:
    """The user's settings (language, window layout) beside the data: data_dir()/settings.ini."""
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def make_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("AI Town Desk")
    app.setOrganizationName("aitown")
    app.setStyle("Fusion")
    app.setStyleSheet(APP_STYLE_SHEET)
    from ui.icons import icon

    app.setWindowIcon(icon("app"))
    return app


def apply_language(app: QApplication, lang: str) -> None:
    family = i18n.add_cjk_font()
    i18n.install_translators(app, lang)
    if lang == i18n.CHINESE and family:
        # A Chinese interface reads best in one Chinese face throughout (Latin included).
        font = app.font()
        font.setFamilies([family, *font.families()])
        app.setFont(font)


def open_db(target: str | None) -> Database | None:
    """Open the database, or show its sentence and return None."""
    try:
        db = open_database(target, create=True)
    except DeskError as exc:
        messages.show_error(None, exc.message_for(i18n.error_lang(i18n.current_language())))
        return None
    if db.upgrade_backup is not None:
        log.info("database upgraded; the copy from before is %s", db.upgrade_backup)
    return db


def wait_for(start: Callable[[Callable[[], None]], None]) -> None:
    """Run ``start(then)`` and wait (events flowing) until it calls ``then``."""
    loop = QEventLoop()
    finished = False

    def then() -> None:
        nonlocal finished
        finished = True
        loop.quit()

    start(then)
    if not finished:
        loop.exec()


def first_start(db: Database, lang: str) -> bool:
    """Set up the office and its administrator; offer demo data. False if the person cancelled."""
    from ui.dialogs.first_start import FirstStartDialog, offer_demo_data

    dialog = FirstStartDialog(db, lang)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return False
    actor = dialog.actor
    wait_for(lambda then: offer_demo_data(None, db, actor, lang, then))
    return True


def log_in(db: Database, lang: str, user: str | None) -> Actor | None:
    from ui.dialogs.login import LoginDialog

    try:
        office = get_office(db)
        office_name = office.name_en if lang == i18n.ENGLISH and office.name_en else office.name_zh
    except DeskError:
        office_name = ""
    dialog = LoginDialog(db, lang, office_name)
    if user:
        dialog.name_edit.setText(user)
        password = os.environ.get("AITOWN_PASSWORD")
        if password:
            dialog.password_edit.setText(password)
            dialog.try_login()
            if dialog.actor is not None:
                return dialog.actor
        dialog.password_edit.setFocus()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def start_auto_backup(window: QMainWindow, ctx: DeskContext) -> None:
    """Today's automatic copy, quietly off the GUI thread; a problem is logged and shown briefly."""
    if not ctx.db.is_sqlite:
        return

    def failed(exc: BaseException) -> None:
        log.warning("automatic backup failed: %s", exc)
        if isinstance(exc, DeskError):
            window.statusBar().showMessage(ctx.message(exc), 15_000)

    run_task(
        window,
        lambda _control: auto_backup(ctx.db),
        lambda path: log.info("automatic backup: %s", path),
        failed,
        show_progress=False,
    )


def schedule_screenshot(app: QApplication, target: str, delay_ms: int) -> None:
    def grab() -> None:
        screen = app.primaryScreen()
        pixmap = screen.grabWindow(0) if screen is not None else None
        if pixmap is not None and not pixmap.isNull():
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            pixmap.save(target)
            log.info("screenshot saved to %s", target)
        app.exit(0)

    QTimer.singleShot(delay_ms, grab)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    setup_logging()
    install_excepthook()
    app = make_application(argv)
    settings = app_settings()
    lang = args.lang or i18n.stored_language(settings)
    apply_language(app, lang)
    if args.screenshot:
        schedule_screenshot(app, args.screenshot, args.screenshot_delay)

    db = open_db(args.db)
    if db is None:
        return 1
    try:
        if not office_exists(db) and not first_start(db, lang):
            return 0
        actor = log_in(db, lang, args.user)
        if actor is None:
            return 0
        from ui.main_window import MainWindow

        ctx = DeskContext(db=db, actor=actor, settings=settings, lang=lang)
        window = MainWindow(ctx)
        if args.screen:
            window.show_screen(args.screen)
        window.show()
        start_auto_backup(window, ctx)
        return app.exec()
    except DeskError as exc:
        messages.show_error(None, exc.message_for(i18n.error_lang(lang)))
        return 1
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
