"""ui.tasks: work off the GUI thread, results back on it, progress, Cancel, failures as sentences."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from aitown.errors import ValidationError
from tests.ui.conftest import Boxes
from ui import tasks
from ui.tasks import TaskControl, run_task


def test_synchronous_mode_calls_back_before_returning(qtbot: QtBot) -> None:
    seen: list[object] = []
    task = run_task(None, lambda control: 6 * 7, seen.append)
    assert seen == [42] and task.done


def test_threaded_work_runs_off_the_gui_thread_and_reports_back_on_it(qtbot: QtBot) -> None:
    tasks.set_synchronous(False)
    gui_thread = QThread.currentThread()
    worker_threads: list[object] = []
    progress: list[tuple[int, int]] = []
    results: list[tuple[object, bool]] = []

    go = threading.Event()

    def work(control: TaskControl) -> str:
        worker_threads.append(threading.current_thread())
        go.wait(5)
        for i in range(1, 4):
            control.progress(i, 3)
        return "done"

    parent = QWidget()
    qtbot.addWidget(parent)
    task = run_task(
        parent,
        work,
        lambda r: results.append((r, QThread.currentThread() is gui_thread)),
        show_progress=False,
    )
    task._sig.progressed.connect(lambda d, t: progress.append((d, t)))
    go.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [("done", True)]  # the callback ran on the GUI thread
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert worker_threads and worker_threads[0] is not threading.main_thread()


def test_cancel_sets_the_flag_the_work_polls(qtbot: QtBot) -> None:
    tasks.set_synchronous(False)
    started = threading.Event()
    outcome: list[str] = []

    def work(control: TaskControl) -> None:
        started.set()
        while True:
            control.check()  # raises TaskCancelled once Cancel was pressed
            threading.Event().wait(0.01)

    parent = QWidget()
    qtbot.addWidget(parent)
    task = run_task(
        parent,
        work,
        lambda _r: outcome.append("finished"),
        on_cancelled=lambda: outcome.append("cancelled"),
        label="Working…",
    )
    assert started.wait(5)
    task._cancel_pressed()  # what the dialog's Cancel button does
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]
    assert task._dialog is None  # the progress dialog is gone


def test_a_refusal_in_the_work_is_shown_as_its_sentence(qtbot: QtBot, boxes: Boxes) -> None:
    def work(control: TaskControl) -> None:
        raise ValidationError("The amount is negative: enter zero or more.", "金额为负数。")

    run_task(None, work, lambda _r: None)
    assert boxes.texts("critical") == ["The amount is negative: enter zero or more."]


def test_an_unexpected_error_shows_one_sentence_and_the_log_not_a_traceback(
    qtbot: QtBot, boxes: Boxes
) -> None:
    from ui.logging_setup import setup_logging

    log_file = setup_logging()

    def work(control: TaskControl) -> None:
        raise KeyError("internal detail")

    run_task(None, work, lambda _r: None)
    [text] = boxes.texts("critical")
    assert "Something went wrong" in text and str(log_file) in text
    assert "KeyError" not in text and "internal detail" not in text
    assert "KeyError" in log_file.read_text(encoding="utf-8")  # the details are in the log


def test_excepthook_shows_a_sentence_with_the_log_place(qtbot: QtBot, boxes: Boxes) -> None:
    from ui.logging_setup import _excepthook, setup_logging

    log_file = setup_logging()
    assert QApplication.instance() is not None
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        _excepthook(type(exc), exc, exc.__traceback__)
    [text] = boxes.texts("critical")
    assert str(log_file) in text and "ZeroDivisionError" not in text
