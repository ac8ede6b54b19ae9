"""The README's first session, pasted into a shell as a newcomer would after ``./dev app``."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def first_session() -> str:
    """The ```sh block that follows "A first session" in README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"A first session.*?```sh\n(.*?)```", text, re.DOTALL)
    assert found, "README.md has no first-session block"
    return found.group(1)


@pytest.mark.slow
def test_the_first_session_of_the_readme_runs_as_pasted(tmp_path: Path) -> None:
    if not (ROOT / ".venv" / "bin" / "aitown-cli").exists():
        pytest.skip("needs the .venv that ./dev makes")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("AITOWN_") and k not in {"VIRTUAL_ENV", "PYTHONPATH"}
    }
    # What ./dev leaves: .venv/bin is not on PATH; the block must not need it there.
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))
    )
    env |= {
        "TMPDIR": str(tmp_path),  # the block's scratch folder (mktemp -d) lands here
        "AITOWN_DATA_DIR": str(tmp_path / "data"),
        "AITOWN_LOG_DIR": str(tmp_path / "log"),
        "LANG": "C.UTF-8",
    }
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", first_session()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "approved" in done.stdout and "Genuine" in done.stdout, done.stdout[-2000:]
    [letter] = tmp_path.glob("tmp.*/letter.pdf")
    assert letter.read_bytes().startswith(b"%PDF")
    assert list(tmp_path.glob("tmp.*/desk.sqlite"))
