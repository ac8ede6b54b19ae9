"""An audit row overwritten with bytes that are not UTF-8: ``audit verify`` names the event in one
line and exits 1, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select, text

from aitown.cli import main as cli_main
from aitown.db import Database
from aitown.models import AuditEvent
from aitown.services import teams
from aitown.services.audit import verify_chain
from tests.aitown.makers import team_values
from tests.conftest import Staff


@pytest.mark.parametrize("column", ["after_json", "user_name"])
def test_an_event_overwritten_with_bytes_that_are_not_text_is_named(
    db: Database, staff: Staff, column: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(3):
        teams.create_team(db, staff.desk, team_values(n))
    with db.read() as s:
        ids = list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
    victim = ids[-2]
    with db.engine.begin() as conn:
        conn.execute(
            text(f"UPDATE audit_event SET {column} = CAST(X'7b22ff22fe7d' AS TEXT) WHERE id = :id"),
            {"id": victim},
        )
    count, problems = verify_chain(db)
    assert count == len(ids) and [p.event_id for p in problems] == [victim]

    path = str(db.sqlite_path)
    assert cli_main(["audit", "verify", "--db", path]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith(f"Audit event {victim} (")
    assert "bytes that are not text" in lines[0]
    assert len(lines) == 2 and captured.err == ""

    done = subprocess.run(
        [sys.executable, "-m", "aitown.cli", "audit", "verify", "--db", path],
        capture_output=True,
        text=True,
        env={**os.environ, "AITOWN_LANG": "zh_CN"},
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.splitlines()[0].startswith(f"审计事件 {victim}")
