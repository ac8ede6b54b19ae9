"""``aitown-cli --help``: CPU time of the whole process, beside a bare Python start.

    .venv/bin/python -m benchmarks.bench_cli [--repeat 7]

prints its rows as lines of the results table (benchmarks.run includes them in a full run). The
goal of issue 22 is < 0.5 s of CPU: the help lists the commands without importing any of them.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from pathlib import Path

from benchmarks.measure import Row, median

TARGET_S = 0.5


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("aitown-cli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "aitown.cli"]


def cpu_seconds(argv: list[str]) -> float:
    """User + system CPU of one run of ``argv`` (the child process and anything it starts)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(repeat: int = 7) -> list[Row]:
    help_runs = [cpu_seconds([*_cli(), "--help"]) for _ in range(repeat)]
    bare_runs = [cpu_seconds([sys.executable, "-c", "pass"]) for _ in range(repeat)]
    value = median(help_runs)
    return [
        Row(
            key="cli_help",
            title="aitown-cli --help (CPU of the whole process)",
            teams=None,
            value=value,
            unit="s",
            baseline=median(bare_runs),
            baseline_title="bare Python start, python -c pass",
            target=f"< {TARGET_S} s CPU",
            met=value < TARGET_S,
            notes=(
                f"median of {repeat}; runs {', '.join(f'{r:.2f}' for r in help_runs)} s; "
                "imports no command module (before issue 22: 1.07 s, median of 5 in the same "
                "window: every command module with SQLAlchemy, alembic and ReportLab)"
            ),
            details={"help_runs": help_runs, "bare_runs": bare_runs},
        )
    ]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    print(table(run(args.repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
