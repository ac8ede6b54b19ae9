"""Benchmark launcher: the real application entry, ``ui.app.main``, with a probe that says when the
main window is interactive — and, with ``--exercise``, the Teams screen driven as a person would.

Run by benchmarks/bench_startup.py in a subprocess with ``QT_QPA_PLATFORM=offscreen``. It logs in
the way ``aitown --user NAME`` does with ``AITOWN_PASSWORD`` set (the UI's own unattended log-in;
the argon2 password check is part of the start). Nothing of the application is replaced: the
functions main() calls are wrapped only to note the time at each phase.

"Interactive" means: the main window is shown, its Teams model holds its first page, the Teams
table's viewport has painted (an application-wide event filter watches for it until then), and
the event loop has nothing more to do (a zero-time timer fires). The launcher then prints ``BENCH_READY <seconds since launch>``; with ``--exercise``
it goes on to open a fresh Teams screen, scroll to the end, type the searches, and prints
``BENCH_RESULT <json>`` (all times, its own peak memory) before quitting.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # before any heavy import: the launch as the person sees it

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402

PROBE_TIMEOUT_S = 120
POLL_LIMIT_S = 10


def since_start() -> float:
    return time.perf_counter() - T0


def peak_memory_kb() -> int:
    """This program's peak resident memory (VmHWM). Not ru_maxrss: that survives exec() and so
    counts the benchmark process this one was forked from."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--exercise", action="store_true")
    parser.add_argument("--keystrokes", default="[]", help="JSON list of search texts")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    phases: dict[str, float] = {}
    import ui.app as app_module

    phases["imports"] = since_start()
    state: dict[str, Any] = {"probe": None}

    def note(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*a: Any, **kw: Any) -> Any:
            result = fn(*a, **kw)
            phases[name] = since_start()
            return result

        return wrapped

    real_make_application = app_module.make_application

    def make_application(app_argv: Any) -> Any:
        app = real_make_application(app_argv)
        phases["qapplication"] = since_start()
        painted = TablePaintWatch(app)
        app.installEventFilter(painted)
        state["painted"] = painted
        probe = QTimer(app)
        probe.setInterval(0)
        probe.timeout.connect(lambda: _probe(app, probe, painted, phases, args))
        probe.start()
        state["probe"] = probe
        return app

    app_module.make_application = make_application
    app_module.open_db = note("database_opened", app_module.open_db)
    app_module.log_in = note("logged_in", app_module.log_in)
    return app_module.main(["aitown", "--db", args.db, "--user", args.user], fast_exit=True)


class TablePaintWatch(QObject):
    """Notes when the Teams table's viewport first paints (its rows are then on screen)."""

    at: float | None = None

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt's name)
        if self.at is None and event.type() == QEvent.Type.Paint:
            parent = obj.parent() if isinstance(obj, QObject) else None
            if parent is not None and parent.objectName() == "teams_table":
                self.at = since_start()
        return False


def _main_window(app: Any) -> Any | None:
    from ui.main_window import MainWindow

    for widget in app.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def _probe(
    app: Any, probe: Any, painted: Any, phases: dict[str, float], args: argparse.Namespace
) -> None:
    if since_start() > PROBE_TIMEOUT_S:
        print("BENCH_ERROR the main window did not become interactive", flush=True)
        app.exit(3)
        return
    window = _main_window(app)
    if window is None:
        return
    phases.setdefault("window_shown", since_start())
    view = window.views.get("teams")
    if view is None or view.model.fetches < 1 or painted.at is None:
        return
    probe.stop()
    app.removeEventFilter(painted)
    phases["first_page_painted"] = painted.at

    # One more turn of the event loop with nothing queued: the window answers input now.
    QTimer.singleShot(0, lambda: _ready(app, window, phases, args))


def _ready(app: Any, window: Any, phases: dict[str, float], args: argparse.Namespace) -> None:
    phases["idle"] = since_start()
    print(f"BENCH_READY {phases['idle']:.4f}", flush=True)
    result: dict[str, Any] = {"phases": phases}
    try:
        if args.exercise:
            result.update(exercise(app, window, json.loads(args.keystrokes), args.repeat))
    except Exception as exc:  # report, don't hang the benchmark
        result["error"] = repr(exc)
    result["peak_kb"] = peak_memory_kb()
    print("BENCH_RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    print("BENCH_QUITTING", flush=True)  # the parent times from here to the process's end
    window.close()
    app.exit(0)


def _pump_until(app: Any, done: Callable[[], bool]) -> None:
    """Let Qt process events (paint included) until ``done()``, then once more."""
    deadline = time.perf_counter() + POLL_LIMIT_S
    while not done() and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()


def exercise(app: Any, window: Any, keystrokes: list[str], repeat: int) -> dict[str, Any]:
    """Open a fresh Teams screen, scroll to its end, type each search; times in milliseconds."""
    from ui.views.teams import TeamsView

    out: dict[str, Any] = {}
    # Open: build the screen (its model counts the teams) and paint the first page.
    started = time.perf_counter()
    fresh = TeamsView(window.ctx)
    fresh.resize(1176, 700)
    fresh.show()
    _pump_until(app, lambda: fresh.model.fetches >= 1)
    out["open_ms"] = (time.perf_counter() - started) * 1000
    fresh.close()
    fresh.deleteLater()
    app.processEvents()

    view = window.views["teams"]
    model = view.model
    # Scroll to the end: the model fetches the last block when the view paints it.
    before = model.fetches
    started = time.perf_counter()
    view.table.scrollToBottom()
    _pump_until(app, lambda: model.fetches > before)
    out["scroll_end_ms"] = (time.perf_counter() - started) * 1000
    out["scroll_end_fetches"] = model.fetches - before
    out["rows"] = model.rowCount()

    # Each keystroke: the text as typed, the query run at once (not after the 150 ms pause the
    # screen waits for more typing), and the table repainted with the first page of the answer.
    times: dict[str, list[float]] = {text: [] for text in keystrokes}
    counts: dict[str, int] = {}
    for _ in range(repeat):
        for text in keystrokes:
            before = model.fetches
            started = time.perf_counter()
            view.search.setText(text)
            view.apply_filters()
            _pump_until(app, lambda b=before: model.fetches > b or model.rowCount() == 0)
            times[text].append((time.perf_counter() - started) * 1000)
            counts[text] = model.rowCount()
        view.search.setText("")
        view.apply_filters()
        app.processEvents()
    out["keystrokes_ms"] = times
    out["keystroke_counts"] = counts
    return out


if __name__ == "__main__":
    sys.exit(main())
