"""Every reader of a file a person hands in — a team list (CSV, XLSX), a PDF to verify, a policy
file, a backup to restore — refuses large hostile input with one sentence, in bounded memory (peak
measured in a separate process), and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from aitown.db import Database
from tests.aitown.dbfiles import count, sha256
from tests.aitown.hardening.cli_process import run_cli_measured
from tests.conftest import ADMIN_PASSWORD, Staff

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)"
)
PEAK_LIMIT_MB = 256
MB = 1 << 20


def _sparse(path: Path, size: int, head: bytes = b"") -> Path:
    """A large file that costs no time to write: ``head`` then zeros (a sparse file)."""
    with path.open("wb") as f:
        f.write(head)
        f.truncate(size)
    return path


def _one_huge_field(path: Path) -> Path:
    with path.open("wb") as f:
        f.write(b'name_zh,uscc,founded_on\n"')
        block = b"a" * MB
        for _ in range(96):
            f.write(block)
    return path


def _huge_policy(path: Path) -> Path:
    with path.open("wb") as f:
        f.write(b'id = "')
        block = "政".encode() * (MB // 3)
        for _ in range(64):
            f.write(block)
        f.write(b'"\n')
    return path


# (what the command reads, how the file is made, the command, what the sentence says)
READERS = {
    "csv, one 96 MB field": (
        "teams.csv",
        _one_huge_field,
        ["teams", "import", "{file}", "--user", "admin"],
        "teams.csv",
    ),
    "csv, 1 GB of zeros": (
        "teams.csv",
        lambda p: _sparse(p, 1024 * MB),
        ["teams", "import", "{file}", "--user", "admin"],
        "teams.csv",
    ),
    "xlsx, 1 GB of zeros": (
        "teams.xlsx",
        lambda p: _sparse(p, 1024 * MB, b"PK\x03\x04"),
        ["teams", "import", "{file}", "--user", "admin"],
        "teams.xlsx",
    ),
    "pdf, 1 GB": (
        "notice.pdf",
        lambda p: _sparse(p, 1024 * MB, b"%PDF-1.7\n"),
        ["notices", "verify", "{file}"],
        "far larger than any notice",
    ),
    "policy, 64 MB of text": (
        "policy.toml",
        _huge_policy,
        ["policy", "load", "{file}", "--user", "admin"],
        "The policy file policy.toml is refused",
    ),
    "backup, 1 GB of zeros": (
        "backup.sqlite",
        lambda p: _sparse(p, 1024 * MB),
        ["restore", "{file}", "--user", "admin"],
        "not an AI Town Desk backup",
    ),
    "backup, a truncated SQLite header": (
        "backup.sqlite",
        lambda p: _sparse(p, 1024 * MB, b"SQLite format 3\x00\x10\x00\x01\x01\x00\x40\x20\x20"),
        ["restore", "{file}", "--user", "admin"],
        "backup.sqlite",
    ),
}


def _run(args: list[str]) -> tuple[int, str, float]:
    return run_cli_measured(args, ADMIN_PASSWORD)


@pytest.mark.parametrize("reader", list(READERS))
def test_every_reader_refuses_hostile_input_in_bounded_memory(
    db: Database, staff: Staff, tmp_path: Path, reader: str
) -> None:
    name, make, command, fragment = READERS[reader]
    file = make(tmp_path / name)
    live = db.sqlite_path
    assert live is not None
    teams, policies = count(db, "team"), count(db, "policy_version")
    db.dispose()
    before = sha256(live)
    args = [a.format(file=file) for a in command] + ["--db", str(live)]
    code, err, peak_mb = _run(args)
    assert code == 1, err
    assert err.startswith("aitown-cli: ") and fragment in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert peak_mb < PEAK_LIMIT_MB, f"{reader}: {peak_mb:.0f} MB"
    if command[0] in ("restore", "notices"):
        assert sha256(live) == before  # not even a log-in was needed to refuse it
    assert (count(db, "team"), count(db, "policy_version")) == (teams, policies)
