"""The one way to run work off the GUI thread (after Anki's CollectionOp and Picard's run_task).

``run_task(parent, work, on_success)`` runs ``work(control)`` on a thread pool and calls
``on_success(result)`` (or ``on_failure(exc)``, or ``on_cancelled()``) back on the GUI thread.
The work reports ``control.progress(done, total)`` and polls ``control.cancelled`` (or calls
``control.check()``, which raises :class:`TaskCancelled`). The work must never touch a widget:
it gets plain values in and hands plain values out.

While it runs, a window-modal progress dialog with Cancel is shown (after a short moment, so a
quick task does not flash a dialog). Cancel only sets the flag; the work decides where stopping is
safe, and the services' transactions make sure a stopped step leaves the data as it was.

Tests call ``set_synchronous(True)`` (Picard's trick): the work then runs at once in the calling
thread and the callbacks are called before ``run_task`` returns, so threaded code tests
deterministically.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

_synchronous = False
_running: set[Task] = set()
_pool: QThreadPool | None = None
SHOW_AFTER_MS = 400


class TaskCancelled(Exception):
    """Raised by work that saw the Cancel flag and stopped."""


def set_synchronous(on: bool) -> None:
    """Run every task at once in the calling thread (for tests)."""
    global _synchronous
    _synchronous = on


def is_synchronous() -> bool:
    return _synchronous


def thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


def wait_for_tasks(msecs: int = 30_000) -> bool:
    """Wait until the pool is idle (used by scripts and tests of the threaded path)."""
    return thread_pool().waitForDone(msecs)


def running_writes() -> int:
    """How many changes (``run_op``) are still being saved off the GUI thread."""
    return sum(1 for task in _running if task.is_write)


class TaskControl:
    """What the work sees: report progress, ask whether Cancel was pressed."""

    def __init__(self, report: Callable[[int, int], None] | None = None):
        self._cancel = threading.Event()
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Stop here (raise TaskCancelled) if Cancel was pressed."""
        if self._cancel.is_set():
            raise TaskCancelled()

    def progress(self, done: int, total: int) -> None:
        if self._report is not None:
            self._report(done, total)


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[TaskControl], Any], control: TaskControl, sig: _Signals):
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._control, self._sig = work, control, sig

    def run(self) -> None:
        try:
            result = self._work(self._control)
        except TaskCancelled:
            self._sig.cancelled.emit()
        except BaseException as exc:  # handed to the GUI thread, which shows a sentence
            self._sig.failed.emit(exc)
        else:
            self._sig.succeeded.emit(result)


class Task(QObject):
    """One piece of work in flight; lives on the GUI thread and receives the worker's signals."""

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[TaskControl], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
        label: str,
        cancellable: bool,
        show_progress: bool,
    ):
        super().__init__()
        self._parent = parent
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._dialog: QProgressDialog | None = None
        self._sig = _Signals()
        self.control = TaskControl(self._sig.progressed.emit)
        self.done = False
        self.is_write = False  # set by ui.ops.run_op: a change being saved
        if show_progress and not _synchronous:
            self._dialog = self._make_dialog(parent, label, cancellable)

    def _make_dialog(
        self, parent: QWidget | None, label: str, cancellable: bool
    ) -> QProgressDialog:
        cancel_text = QCoreApplication.translate("Tasks", "Cancel") if cancellable else ""
        dlg = QProgressDialog(label, cancel_text, 0, 0, parent)
        dlg.setWindowTitle(QCoreApplication.translate("Tasks", "Please wait"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(SHOW_AFTER_MS)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumWidth(420)
        if not cancellable:
            dlg.setCancelButton(None)
        dlg.canceled.connect(self._cancel_pressed)
        return dlg

    def start(self) -> None:
        self._sig.progressed.connect(self._progressed)
        self._sig.succeeded.connect(self._succeeded)
        self._sig.failed.connect(self._failed)
        self._sig.cancelled.connect(self._cancelled)
        if _synchronous:
            _Runnable(self._work, self.control, self._sig).run()
            return
        _running.add(self)
        thread_pool().start(_Runnable(self._work, self.control, self._sig))

    @Slot()
    def _cancel_pressed(self) -> None:
        self.control.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(QCoreApplication.translate("Tasks", "Stopping…"))

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self._dialog is not None and not self.done:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total > 0 else 0)

    def _finish(self) -> None:
        self.done = True
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self._cancel_pressed)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        _running.discard(self)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._finish()
        self._on_success(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            from ui.messages import show_exception

            show_exception(self._parent, exc)

    @Slot()
    def _cancelled(self) -> None:
        self._finish()
        if self._on_cancelled is not None:
            self._on_cancelled()


def run_task(
    parent: QWidget | None,
    work: Callable[[TaskControl], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    on_cancelled: Callable[[], None] | None = None,
    label: str = "",
    cancellable: bool = True,
    show_progress: bool = True,
) -> Task:
    """Run ``work(control)`` off the GUI thread; call back on the GUI thread.

    Without ``on_failure`` a failure is shown as its sentence in a message box (never a
    traceback). ``on_cancelled`` is called when the work raised TaskCancelled after Cancel.
    """
    task = Task(
        parent, work, on_success, on_failure, on_cancelled, label, cancellable, show_progress
    )
    task.start()
    return task
