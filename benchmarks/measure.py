"""What a measurement is (one row of the table), timing helpers, and the machine it ran on."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Row:
    """One measurement beside its baseline, with its target and whether it was met.

    ``value`` and ``baseline`` are in ``unit``; ``met`` is None for rows without a target
    (a breakdown or a comparison shown to explain another row).
    """

    key: str
    title: str
    teams: int | None
    value: float
    unit: str
    baseline: float | None = None
    baseline_title: str = ""
    target: str = ""
    met: bool | None = None
    notes: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def time_calls(fn: Callable[[], object], repeat: int) -> list[float]:
    """Seconds each of ``repeat`` calls of ``fn`` took."""
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def at_most(value: float, limit: float) -> bool:
    return value < limit


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit in ("ms", "MB"):
        return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"
    if unit == "s":
        return f"{value:,.2f} s"
    return f"{value:,.0f} {unit}"


def machine() -> dict[str, Any]:
    """nproc, CPU model, RAM, Python and SQLite versions, load — for the README and the JSON."""
    import sqlite3

    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram_gb = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    ram_gb = round(int(line.split()[1]) / 2**20, 1)
                    break
    except OSError:
        pass
    import PySide6
    import reportlab
    import sqlalchemy

    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": ram_gb,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
        "pyside6": PySide6.__version__,
        "reportlab": reportlab.Version,
        "platform": platform.platform(),
    }
