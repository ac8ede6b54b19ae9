"""Cold start of the application, the Teams screen driven in it, and its peak memory.

Each launch is a new process (``python -m benchmarks.launch_app``, the real ``ui.app.main``) with
``QT_QPA_PLATFORM=offscreen``, a fresh data folder (settings, logs, backups) and the Chinese
interface. The time is the wall time from starting the process to its ``BENCH_READY`` line; peak
memory is the program's own high-water mark (VmHWM), which it reads just before it quits.

The application makes its daily automatic backup copy in the background at the first start of a
day. The cold-start rows are of an ordinary start (today's copy already made: a placeholder file
of today's name in the backup folder); one extra launch shows the first start of the day.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import ADMIN_NAME, BENCH_PASSWORD
from benchmarks.measure import Row, median

ROOT = Path(__file__).resolve().parent.parent
READY_TARGET_S = 1.5
KEYSTROKE_TARGET_MS = 50.0
MEMORY_TARGET_MB = 400.0
LAUNCH_TIMEOUT_S = 300


class Launch:
    """One subprocess run: wall time to ready, what it printed, and its peak memory."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.ready_s: float | None = None
        self.quit_s: float | None = None  # from closing the main window to the process's end
        self.cpu_s = 0.0
        quitting: float | None = None
        self.result: dict[str, Any] = {}
        self.error = ""
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        killer = threading.Timer(LAUNCH_TIMEOUT_S, proc.kill)
        killer.start()
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("BENCH_READY") and self.ready_s is None:
                    self.ready_s = time.perf_counter() - started
                elif line.startswith("BENCH_RESULT "):
                    self.result = json.loads(line.split(" ", 1)[1])
                elif line.startswith("BENCH_QUITTING"):
                    quitting = time.perf_counter()
                elif line.startswith("BENCH_ERROR"):
                    self.error = line.strip()
            proc.wait()
            if quitting is not None:
                self.quit_s = time.perf_counter() - quitting
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU of the whole process (start, and quit): on a shared machine wall time is
            # mostly the neighbours'.
            self.cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        finally:
            killer.cancel()
        self.peak_mb = self.result.get("peak_kb", 0) / 1024
        if self.ready_s is None and not self.error:
            self.error = f"exited with {proc.returncode} before it was ready"


@functools.cache  # once per run: each launch's environment asks
def _compiled() -> None:
    """The project's bytecode written, as an installed application has it (pip compiles the
    wheel's modules; the desktop packages carry bytecode): a shell with
    PYTHONDONTWRITEBYTECODE=1 otherwise leaves every launch compiling the modules it imports
    from source — a tenth of a second of a cold start, measured as the program's."""
    import compileall

    for package in ("aitown", "ui", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)


def _env(data_dir: Path, *, backup_done_today: bool) -> dict[str, str]:
    _compiled()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "AITOWN_DATA_DIR": str(data_dir),
            "AITOWN_LOG_DIR": str(data_dir / "logs"),
            "AITOWN_PASSWORD": BENCH_PASSWORD,
            "AITOWN_LANG": "zh_CN",
        }
    )
    if backup_done_today:
        backups = data_dir / "backups"
        backups.mkdir(parents=True, exist_ok=True)
        (backups / f"aitown-auto-{dt.date.today():%Y%m%d}-000000.sqlite").touch()
    return env


def launch_app(
    db: Path | str,
    *,
    exercise: list[str] | None = None,
    repeat: int = 3,
    backup_done_today: bool = True,
) -> Launch:
    with tempfile.TemporaryDirectory(prefix="aitown-bench-") as tmp:
        args = ["-m", "benchmarks.launch_app", "--db", str(db), "--user", ADMIN_NAME]
        if exercise is not None:
            args += ["--exercise", "--keystrokes", json.dumps(exercise), "--repeat", str(repeat)]
        return Launch(args, _env(Path(tmp), backup_done_today=backup_done_today))


def launch_bare() -> Launch:
    with tempfile.TemporaryDirectory(prefix="aitown-bench-") as tmp:
        return Launch(["-m", "benchmarks.bare_window"], _env(Path(tmp), backup_done_today=False))


def run(
    db: Path | str,
    teams: int,
    keystrokes: list[str],
    raw_ms: dict[str, float],
    *,
    launches: int = 3,
    first_of_day: bool = False,
    database: str = "",
) -> list[Row]:
    """Cold start (median of ``launches``), the Teams screen in the GUI, and peak memory.
    ``db`` is a SQLite file or a PostgreSQL URL; ``database`` names it in the titles ("" for the
    SQLite file of the main table)."""
    on = f" ({database})" if database else ""
    key_on = "." + database.lower().replace(" ", "_") if database else ""
    keystroke_target = KEYSTROKE_TARGET_MS if teams <= 100_000 else 2 * KEYSTROKE_TARGET_MS
    bare = [launch_bare() for _ in range(launches)]
    starts = [launch_app(db) for _ in range(launches)]
    for launch in (*bare, *starts):
        if launch.error:
            raise RuntimeError(f"a benchmark launch failed: {launch.error}")
    ready = [s.ready_s or 0.0 for s in starts]
    bare_ready = median([b.ready_s or 0.0 for b in bare])
    typical = sorted(starts, key=lambda s: s.ready_s or 0.0)[len(starts) // 2]
    phases = typical.result.get("phases", {})
    rows = [
        Row(
            key=f"startup.window_interactive{key_on}",
            title=f"Cold start to interactive main window{on}",
            teams=teams,
            value=median(ready),
            unit="s",
            baseline=bare_ready,
            baseline_title="bare PySide6 window",
            target=f"< {READY_TARGET_S} s",
            met=median(ready) < READY_TARGET_S,
            notes=f"median of {launches}; CPU of the whole process (start + quit) "
            + ", ".join(f"{s.cpu_s:.2f}" for s in starts)
            + f" s, bare window {median([b.cpu_s for b in bare]):.2f} s; phases (s since launch): "
            + ", ".join(f"{k} {v:.2f}" for k, v in phases.items()),
            details={"runs_s": ready, "bare_runs_s": [b.ready_s for b in bare], "phases": phases},
        )
    ]
    quits = [s.quit_s for s in starts if s.quit_s is not None]
    if quits:
        rows.append(
            Row(
                key=f"startup.quit{key_on}",
                title=f"Quit: main window closed → process ended{on}",
                teams=teams,
                value=median(quits),
                unit="s",
                notes=f"median of {len(quits)}; runs "
                + ", ".join(f"{q:.2f}" for q in quits)
                + " s (issue 16.14: 3.8 s on a loaded machine)",
            )
        )
    session = launch_app(db, exercise=keystrokes)
    if session.error or "error" in session.result:
        raise RuntimeError(f"the Teams exercise failed: {session.error or session.result}")
    res = session.result
    rows.append(
        Row(
            key=f"teams.gui.open{key_on}",
            title=f"Teams screen in the GUI{on}: open (build, count, paint first page)",
            teams=teams,
            value=res["open_ms"],
            unit="ms",
            notes="through TeamsView and TeamsModel",
        )
    )
    rows.append(
        Row(
            key=f"teams.gui.scroll_end{key_on}",
            title=f"Teams screen in the GUI{on}: scroll to the end",
            teams=teams,
            value=res["scroll_end_ms"],
            unit="ms",
            notes=f"{res['scroll_end_fetches']} page fetch(es) for {res['rows']:,} rows",
        )
    )
    for i, text in enumerate(keystrokes, start=1):
        times = res["keystrokes_ms"][text]
        rows.append(
            Row(
                key=f"teams.gui.keystroke{i}{key_on}",
                title=f"Teams screen in the GUI{on}: type “{text}” (query + repaint)",
                teams=teams,
                value=median(times),
                unit="ms",
                baseline=raw_ms.get(text),
                baseline_title="same SQL in raw sqlite3",
                target=f"< {keystroke_target:.0f} ms",
                met=median(times) < keystroke_target,
                notes=f"{res['keystroke_counts'][text]:,} matches; runs: "
                + ", ".join(f"{t:.0f}" for t in times)
                + " ms",
                details={"runs_ms": times},
            )
        )
    bare_rss = max(b.peak_mb for b in bare)
    peak = max(session.peak_mb, *(s.peak_mb for s in starts))
    rows.append(
        Row(
            key=f"memory.peak{key_on}",
            title=f"Peak memory of the application{on} (start, scroll to end, searches)",
            teams=teams,
            value=peak,
            unit="MB",
            baseline=bare_rss,
            baseline_title="bare PySide6 window",
            target=f"< {MEMORY_TARGET_MB:.0f} MB",
            met=peak < MEMORY_TARGET_MB,
            notes="VmHWM of the app process, after start, scroll to the end and the searches",
        )
    )
    if first_of_day:
        first = launch_app(db, backup_done_today=False)
        if not first.error:
            rows.append(
                Row(
                    key="startup.first_of_day",
                    title="First start of the day (daily backup copy runs in the background)",
                    teams=teams,
                    value=first.ready_s or 0.0,
                    unit="s",
                    baseline=bare_ready,
                    baseline_title="bare PySide6 window",
                    notes=f"peak memory {first.peak_mb:.0f} MB",
                )
            )
    return rows
