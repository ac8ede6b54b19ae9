"""``aitown``: the desktop application's entry point.

main() sets up logging and the last-resort error dialog, the language and fonts, opens the
database (``--db``, else ``AITOWN_DB``, else the default file), creates the office and its
administrator on the very first start (who is then logged in) or else asks for a log-in, and shows
the main window. Ctrl+C in the terminal ends it, dialogs included.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QEventLoop, QSettings, QThread, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from aitown import collector, paths
from aitown.db import Database
from aitown.errors import DeskError
from aitown.schema import open_database
from aitown.services.actor import Actor
from aitown.services.backup import auto_backup
from aitown.services.office import get_office, office_exists
from ui import i18n, messages
from ui.context import DeskContext
from ui.keyboard import install_alt_letter_guard
from ui.logging_setup import install_excepthook, setup_logging
from ui.ops import run_op
from ui.tasks import thread_pool

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
    install_alt_letter_guard(app)
    return app


def apply_language(app: QApplication, lang: str) -> None:
    family = i18n.add_cjk_font()
    i18n.install_translators(app, lang)
    font = app.font()
    families = [f for f in font.families() if f != family]
    if lang == i18n.CHINESE and family:
        # A Chinese interface reads best in one Chinese face throughout (Latin included).
        families = [family, *families]
    if families != font.families():  # English again (a change of language while running)
        font.setFamilies(families)
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


def first_start(db: Database, lang: str) -> Actor | None:
    """Set up the office and its administrator; offer demo data. Returns the new administrator,
    logged in (they just chose the password), or None if the person cancelled."""
    from ui.dialogs.first_start import FirstStartDialog, offer_demo_data

    dialog = FirstStartDialog(db, lang)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    actor = dialog.actor
    wait_for(lambda then: offer_demo_data(None, db, actor, lang, then))
    return actor


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
    QTimer.singleShot(0, lambda: log.info("the log-in dialog is open"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def start_auto_backup(window: QMainWindow, ctx: DeskContext) -> None:
    """Today's automatic copy, quietly off the GUI thread; a problem is logged and shown briefly."""
    if not ctx.db.is_sqlite:
        return

    def failed(exc: DeskError) -> None:
        log.warning("automatic backup failed: %s", exc)
        window.statusBar().showMessage(ctx.message(exc), 15_000)

    run_op(
        ctx,
        window,
        lambda _control: auto_backup(ctx.db),
        on_success=lambda path: log.info("automatic backup: %s", path),
        on_failure=failed,
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


class CtrlC:
    """Ctrl+C in the terminal ends the application, also while a dialog (the log-in) is open.

    Qt's event loop runs no Python code, so Python's own SIGINT handling never gets to run; a
    handler that quits every running event loop, and a timer that wakes the interpreter five times
    a second, make the signal work. Outside an event loop it is a KeyboardInterrupt as usual.
    """

    seen = False

    @classmethod
    @contextmanager
    def quits_the_application(cls) -> Iterator[None]:
        cls.seen = False

        def on_sigint(_signum: int, _frame: FrameType | None) -> None:
            app = QApplication.instance()
            if app is None or QThread.currentThread().loopLevel() == 0:
                raise KeyboardInterrupt
            cls.seen = True
            log.info("Ctrl+C: quitting")
            app.exit(130)

        try:
            previous = signal.signal(signal.SIGINT, on_sigint)
        except ValueError:  # not the main thread (the handler is the main thread's)
            yield
            return
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    @staticmethod
    def wake_python(app: QApplication) -> None:
        if app.findChild(QTimer, "aitown-wake-for-signals") is None:
            timer = QTimer(app)
            timer.setObjectName("aitown-wake-for-signals")
            timer.timeout.connect(lambda: None)
            timer.start(200)


def main(argv: Sequence[str] | None = None, *, fast_exit: bool | None = None) -> int:
    """The application: files it creates are private (600/700); Ctrl+C ends it (exit code 130).

    ``fast_exit`` (default: when started as a program, i.e. without ``argv``) ends the process
    as soon as the window is closed, the pending tasks are done and the database is closed:
    see :func:`exit_now`. Tests call ``main(argv)`` and get the code back instead.
    """
    try:
        with paths.private_files(), CtrlC.quits_the_application():
            code = _run(argv)
    except KeyboardInterrupt:
        code = 130
    code = 130 if CtrlC.seen else code
    if argv is None if fast_exit is None else fast_exit:
        exit_now(code)
    return code


def exit_now(code: int) -> None:
    """End the process now (issue 16.14: quitting took 3.8 s on a loaded machine).

    By the time this runs the event loop has ended, every pending task has finished and the
    database is closed (``_run``), so nothing of ours is left to do; what remained was Python's
    own finalisation — collecting every Qt object one by one and tearing down each module —
    which took 1–3 s, more on a busy machine. Logs and the standard streams are flushed first.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the window is being built (at 1,000,000 teams the
    start ran ~250 collections, 80–130 ms of it), and what the imports made — modules, classes,
    functions: they live as long as the process — kept out of every later collection
    (``gc.freeze``, once): each full collection walked them all again, in the middle of a
    keystroke. The window's own objects are not frozen: logging out or changing the language
    drops the window, and its cycles must be collectable."""
    if not gc.get_freeze_count():
        gc.freeze()
    with collector.collector_paused():
        yield


def _run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    setup_logging()
    install_excepthook()
    # Not across the log-in dialog (it waits for a person; so does open_db's error message, but
    # the program ends after it).
    with collector_paused():
        app = make_application(argv)
        CtrlC.wake_python(app)
        settings = app_settings()
        lang = args.lang or i18n.stored_language(settings)
        apply_language(app, lang)
        if args.screenshot:
            schedule_screenshot(app, args.screenshot, args.screenshot_delay)
        db = open_db(args.db)
    if db is None:
        return 1
    try:
        # The administrator who has just set up the office is logged in; everyone else logs in.
        actor = first_start(db, lang) if not office_exists(db) else log_in(db, lang, args.user)
        if actor is None or CtrlC.seen:
            return 0
        from ui.session import DeskSession

        # Log out / switch user and a change of language rebuild the main window in this run.
        session = DeskSession(db, settings, lang, lambda db, lang: log_in(db, lang, None))
        with collector_paused():
            window = session.start(actor, args.screen)
        start_auto_backup(window, window.ctx)
        code = app.exec()
        return 0 if session.ended else code
    except DeskError as exc:
        messages.show_error(None, exc.message_for(i18n.error_lang(lang)))
        return 1
    finally:
        # What is pending at quit: a write started from the window, or today's automatic copy
        # (a few seconds at 100,000 teams; it is not abandoned half-way). Then nothing is.
        thread_pool().waitForDone()
        settings.sync()
        db.dispose()


if __name__ == "__main__":
    sys.exit(main(fast_exit=True))
