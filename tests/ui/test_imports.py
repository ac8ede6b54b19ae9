"""A broken module fails loudly: no screen quietly hides a feature whose import failed.

The screens' modules are imported when a screen is first built (issue 19: the start imports
only what the first screen needs), so a broken one fails when its screen is opened — with the
import error, not a missing screen — and every screen's class is imported here, so a broken
module cannot reach a release."""

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
from ui.screens import SCREENS  # noqa: E402

print("started")
for screen in SCREENS:
    screen.view_class()
print("every screen built")
"""


def test_a_bad_import_in_a_service_fails_when_its_screen_is_built() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode != 0
    assert "every screen built" not in result.stdout
    assert "deliberately broken for the test" in result.stderr


def test_every_screen_s_view_class_imports() -> None:
    from ui.screens import SCREENS

    for screen in SCREENS:
        assert screen.view_class().__name__ == screen.view_name
