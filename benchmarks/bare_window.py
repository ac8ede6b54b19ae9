"""Baseline for the start: a bare PySide6 window (a table in a main window), nothing else.

Prints ``BENCH_READY <seconds since launch>`` once the window has painted and the event loop is
idle, then ``BENCH_RESULT <json>`` with its peak memory (VmHWM), and quits.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

from benchmarks.launch_app import peak_memory_kb  # noqa: E402


class Table(QTableView):
    painted = False

    def paintEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)  # type: ignore[arg-type]
        self.painted = True


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1366, 768)
    model = QStandardItemModel(50, 9)
    for row in range(50):
        for col in range(9):
            model.setItem(row, col, QStandardItem(f"{row}.{col}"))
    table = Table()
    table.setModel(model)
    window.setCentralWidget(table)
    window.show()

    def probe() -> None:
        if not table.painted:
            return
        timer.stop()
        QTimer.singleShot(0, ready)

    def ready() -> None:
        print(f"BENCH_READY {time.perf_counter() - T0:.4f}", flush=True)
        print("BENCH_RESULT " + json.dumps({"peak_kb": peak_memory_kb()}), flush=True)
        app.exit(0)

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(probe)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
