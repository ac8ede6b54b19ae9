"""Hostile input at the service and command-line boundary: junk policy files, junk import files,
strange text in fields, databases that are not ours. Each gets a sentence (a DeskError, or one
line on stderr) and changes nothing. (Database files as such: test_schema.py; backups:
services/test_backup.py; fuzzing of the policy parser and the importer: their own tests.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from aitown.cli import main as cli_main
from aitown.db import Database
from aitown.errors import DeskError, ValidationError
from aitown.models import PolicyVersion, Team
from aitown.paths import resource
from aitown.services import policies
from aitown.services.team_import import import_teams
from aitown.services.teams import create_team
from tests.aitown.dbfiles import PNG_BYTES, db_fingerprint, make_foreign_sqlite, set_revision
from tests.aitown.makers import team_values
from tests.conftest import ADMIN_PASSWORD, Staff

POLICY_TEXT = resource("policies", "shanghai-ai-2025.toml").read_text(encoding="utf-8")


def _active_policy(db: Database) -> tuple[str, str]:
    with db.read() as s:
        row = s.scalars(select(PolicyVersion).where(PolicyVersion.active.is_(True))).one()
        return row.policy_id, row.sha256


# --- policy files -----------------------------------------------------------------------------------


def _policy_with(old: str, new: str) -> bytes:
    assert old in POLICY_TEXT
    return POLICY_TEXT.replace(old, new, 1).encode("utf-8")


HOSTILE_POLICIES = {
    "binary junk": bytes(range(256)) * 64,
    "a PNG picture": PNG_BYTES,
    "an empty file": b"",
    "GBK instead of UTF-8": POLICY_TEXT.encode("gbk", errors="replace"),
    "a typo in a key": _policy_with("min_headcount = 3", "min_headcont = 3"),
    "a ratio past 100%": _policy_with('ratio = "30%"  # 4.2', 'ratio = "130%"  # 4.2'),
    "a float amount": _policy_with("total = 30_000_000", "total = 30000000.005"),
    "one line of 1 MB": b'id = "' + b"x" * 1_000_000 + b'"\n',
    "deep nesting": b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
}


@pytest.mark.parametrize("kind", list(HOSTILE_POLICIES))
def test_hostile_policy_files_are_refused_and_change_nothing(
    db: Database, staff: Staff, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "policy.toml"
    path.write_bytes(HOSTILE_POLICIES[kind])
    before = db_fingerprint(db)
    active = _active_policy(db)
    with pytest.raises(ValidationError) as info:
        policies.load_policy_version(db, staff.admin, path)
    message = info.value.message
    assert message.startswith("The policy file policy.toml is refused") and message.endswith(".")
    assert "Traceback" not in message and len(message) < 5000
    assert info.value.message_zh
    assert db_fingerprint(db) == before and _active_policy(db) == active


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(junk=st.binary(max_size=2000))
def test_any_bytes_as_a_policy_file_give_a_sentence(
    db: Database, staff: Staff, tmp_path: Path, junk: bytes
) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(junk)
    active = _active_policy(db)
    with pytest.raises(DeskError):
        policies.load_policy_version(db, staff.admin, path)
    assert _active_policy(db) == active


# --- import files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("teams.csv", bytes(range(256)) * 200),
        ("teams.xlsx", PNG_BYTES),
        ("teams.xlsx", b"PK\x03\x04" + b"\x00" * 300),  # the start of a zip, then nothing
        ("teams.csv", b""),
        ("teams.csv", "\ufeff".encode() + b"\x00" * 5000),
    ],
)
def test_junk_import_files_are_refused_and_change_nothing(
    db: Database, staff: Staff, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = db_fingerprint(db)
    with pytest.raises(DeskError) as info:
        import_teams(db, staff.desk, path)
    assert name in info.value.message and "\n" not in info.value.message
    assert db_fingerprint(db) == before


# --- text in fields ---------------------------------------------------------------------------------

REFUSED_TEXT = [
    ("上海\x00科技有限公司", "control characters"),
    ("上海\x1b[31m科技", "control characters"),
    ("上海\ud800科技", "control characters"),  # a lone surrogate from a broken decoder
    ("上海科技" * 250_000, "at most 200"),
    ("上海\u202e司公限有技科", "invisible character"),  # a right-to-left override (issue 23)
    ("上海\u200b科技", "invisible character"),  # a zero-width space
]
KEPT_TEXT = [
    "'); DROP TABLE team; --",
    '=HYPERLINK("http://x")',
    "Robert'); DELETE FROM audit_event; --",
]


def test_strange_text_is_refused_with_a_sentence(any_db: Database, any_staff: Staff) -> None:
    before = db_fingerprint(any_db)
    for text, fragment in REFUSED_TEXT:
        with pytest.raises(ValidationError, match=fragment):
            create_team(any_db, any_staff.desk, team_values(1, name_zh=text))
    assert db_fingerprint(any_db) == before


def test_text_that_looks_like_code_is_kept_as_text(any_db: Database, any_staff: Staff) -> None:
    for n, text in enumerate(KEPT_TEXT):
        team_id = create_team(any_db, any_staff.desk, team_values(n, name_zh=text))
        with any_db.read() as s:
            assert s.get(Team, team_id).name_zh == text  # type: ignore[union-attr]
    with any_db.read() as s:
        assert len(s.scalars(select(Team)).all()) == len(KEPT_TEXT)


# --- databases that are not ours, at the command line ----------------------------------------------


def _bad_databases(tmp_path: Path) -> dict[str, Path]:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(8192))
    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    foreign = tmp_path / "foreign.sqlite"
    make_foreign_sqlite(foreign)
    return {"junk": junk, "folder": folder, "foreign": foreign, "missing": tmp_path / "none.sqlite"}


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "verify"],
        ["users", "list"],
        ["backup", "--user", "admin", "OUT"],
        ["restore", "--user", "admin", "SRC"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_cli_refuses_bad_databases_in_one_line(
    command: list[str],
    db: Database,
    staff: Staff,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    live = db.sqlite_path
    assert live is not None
    newer = tmp_path / "newer.sqlite"
    db.dispose()
    newer.write_bytes(live.read_bytes())
    set_revision(newer, "9999")
    bad = {**_bad_databases(tmp_path), "newer": newer}
    for kind, path in bad.items():
        args = [str(tmp_path / "out.sqlite") if a == "OUT" else a for a in command]
        args = [str(live) if a == "SRC" else a for a in args]
        before = path.read_bytes() if path.is_file() else None
        capsys.readouterr()
        code = cli_main([*args, "--db", str(path)])
        err = capsys.readouterr().err
        if command[0] == "restore" and kind in ("missing", "newer"):
            # Restoring where there is no usable database is the point: it must work (as an
            # administrator of the backup), and keep what it replaced.
            assert code == 0, (kind, err)
            path.unlink()
            continue
        assert code == 1, (kind, err)
        assert err.startswith("aitown-cli: ") and err.count("\n") == 1, (kind, err)
        assert "Traceback" not in err
        if before is not None:
            assert path.read_bytes() == before, kind
