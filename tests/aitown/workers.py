"""Separate processes for the concurrency and crash-safety tests: ``python -m tests.aitown.workers``.

Each command acts through the real services on the database named by its URL, prints one line per
step (flushed, so the parent can follow and kill it at the right moment) and exits.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from aitown.db import Database
from aitown.errors import DeskError
from aitown.services.actor import Actor


def _actor(spec: str) -> Actor:
    return Actor(**json.loads(spec))


def _say(*parts: object) -> None:
    print(*parts, flush=True)


def _wait_for(go: Path, ready: Path) -> None:
    """Tell the parent this process is ready, then start together with the other one."""
    ready.write_text("ready")
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.005)


def update_team(
    url: str, actor: str, team_id: str, version: str, headcount: str, go: str, ready: str
) -> None:
    from aitown.services.teams import update_team as save

    db = Database(url)
    try:
        _wait_for(Path(go), Path(ready))
        try:
            new_version = save(
                db, _actor(actor), int(team_id), int(version), {"headcount": headcount}
            )
            _say("saved", new_version)
        except DeskError as exc:
            _say("refused", type(exc).__name__, exc.message)
    finally:
        db.dispose()


def create_teams(url: str, actor: str, start: str, count: str, go: str, ready: str) -> None:
    from aitown.services.teams import create_team
    from tests.aitown.makers import team_values

    db = Database(url)
    try:
        _wait_for(Path(go), Path(ready))
        for n in range(int(start), int(start) + int(count)):
            create_team(db, _actor(actor), team_values(n))
            _say("created", n)
    finally:
        db.dispose()


def import_slowly(url: str, actor: str, csv_path: str) -> None:
    """Import a team list; once the write pass has begun, each chunk waits a little so the parent
    can kill the process in the middle of the one import transaction."""
    from aitown.services.team_import import import_teams

    db = Database(url)

    def progress(done: int, total: int) -> None:
        _say("progress", done, total)
        if done > total // 2:  # the write pass: rows are counted once checked, once written
            time.sleep(0.3)

    report = import_teams(db, _actor(actor), csv_path, progress=progress)
    _say("imported", report.imported)


def approve_slowly(url: str, actor: str, ids: str) -> None:
    """Approve a batch; each approval is followed by a pause so the parent can kill in between or
    in the middle of the next one."""
    from aitown.services.batch_approval import approve_batch

    db = Database(url)

    def progress(done: int, total: int) -> None:
        _say("approved", done, total)
        time.sleep(0.15)

    approve_batch(db, _actor(actor), [int(i) for i in ids.split(",")], progress=progress)
    _say("finished")


def print_slowly(url: str, actor: str, out: str) -> None:
    """Print (and so issue) every decided application's notice into a folder, pausing after each
    so the parent can kill the process between two notices or in the middle of the next one."""
    from aitown.services.notice_printing import print_notices

    db = Database(url)

    def progress(done: int, total: int) -> None:
        _say("printed", done, total)
        time.sleep(0.15)

    print_notices(db, _actor(actor), out=Path(out), combined=False, progress=progress)
    _say("finished")


COMMANDS = {
    "update-team": update_team,
    "create-teams": create_teams,
    "import-slowly": import_slowly,
    "approve-slowly": approve_slowly,
    "print-slowly": print_slowly,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
