"""Run one ``aitown-cli`` command in a fresh process and read its own peak memory: what the
bounded-memory tests of every file reader share."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

_SCRIPT = (
    "import json, sys\n"
    "from aitown.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    # VmHWM: this process's own peak (ru_maxrss would carry over the parent's across exec).
    "status = open('/proc/self/status').read()\n"
    "peak = int(status.split('VmHWM:')[1].split()[0]) / 1024\n"
    "print(json.dumps({'code': code, 'peak_mb': peak}))\n"
)


def run_cli_measured(args: list[str], password: str) -> tuple[int, str, float]:
    """``aitown-cli ARGS`` with ``AITOWN_PASSWORD=password``: exit code, stderr, peak MB."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "AITOWN_LANG": "en", "AITOWN_PASSWORD": password},
    )
    result = json.loads(done.stdout.splitlines()[-1])
    return result["code"], done.stderr, result["peak_mb"]
