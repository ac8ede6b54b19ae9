"""A broken module breaks start-up loudly: no screen quietly hides a feature whose import failed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from importlib.abc import MetaPathFinder


class Broken(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "aitown.services.rent_waivers":
            raise ImportError("deliberately broken for the test")
        return None


sys.meta_path.insert(0, Broken())
import ui.main_window  # noqa: E402,F401
print("started")
"""


def test_a_bad_import_in_a_service_stops_the_application_from_starting() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "deliberately broken for the test" in result.stderr
