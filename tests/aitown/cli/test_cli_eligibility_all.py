"""``aitown-cli eligibility --all``: which teams qualify for what, one line per team and benefit."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from aitown.cli import main
from aitown.db import Database
from aitown.money import format_yuan
from aitown.services.eligibility import check_team
from aitown.services.teams import find_team
from tests.aitown import demo_copies
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD

DEMO_TEAMS = demo_copies.DEMO_TEAMS
demo_template = demo_copies.demo_template  # the fixtures, for this module
demo_db = demo_copies.demo_db
DAY = dt.date.today()


@pytest.fixture
def cli_env(demo_db: Database, db_path, monkeypatch) -> Database:
    monkeypatch.setenv("AITOWN_DB", str(db_path))
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    return demo_db


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_one_line_per_team_and_benefit_as_check_team_answers(cli_env: Database, capsys) -> None:
    code, out, err = run(capsys, "eligibility", "--all", "--user", "desk1", "--date", str(DAY))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == DEMO_TEAMS * 6
    eligible = 0
    for n in range(DEMO_TEAMS):
        rows = [line.split("\t") for line in lines[6 * n : 6 * n + 6]]
        assert all(len(row) == 5 for row in rows)
        team = find_team(cli_env, rows[0][0])
        assert {row[0] for row in rows} == {team.uscc} and {row[1] for row in rows} == {
            team.name_zh
        }
        for row, answer in zip(rows, check_team(cli_env, team.id, today=DAY), strict=True):
            assert row[2] == answer.benefit
            if answer.eligible:
                eligible += 1
                assert row[3:] == ["ELIGIBLE", format_yuan(answer.amount.amount_fen)]
            else:
                first = answer.failed[0]
                mark = {"fail": "FAIL", "unknown": "????"}[first.status]
                assert row[3:] == ["NOT ELIGIBLE", f"[{mark}] §{first.clause} {first.reason('en')}"]
    assert eligible > 0
    # The count goes to stderr, so that stdout stays one line per check; no progress in a pipe.
    assert f"Checked {DEMO_TEAMS} teams as on {DAY}" in err and "%" not in err


def test_json_lines_in_chinese_for_one_benefit(cli_env: Database, capsys) -> None:
    code, out, err = run(
        capsys,
        "eligibility",
        "--all",
        "--benefit",
        "startup_grant",
        "--json",
        "--lang",
        "zh",
        "--user",
        "reviewer1",
    )
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == DEMO_TEAMS
    for line in lines:
        answer = json.loads(line)
        assert list(answer) == ["team", "benefit", "eligible", "rules", "amount"]
        (expected,) = check_team(cli_env, answer["team"], ["startup_grant"], today=DAY)
        assert answer == expected.to_json("zh")
    assert "已核查 60 个团队" in err and "一次性创业补贴" in err


def test_chinese_lines_say_whether_the_team_qualifies(cli_env: Database, capsys) -> None:
    code, out, _ = run(
        capsys,
        "eligibility",
        "--all",
        "--lang",
        "zh",
        "--benefit",
        "rent_waiver",
        "--user",
        "desk1",
    )
    assert code == 0
    verdicts = {line.split("\t")[3] for line in out.splitlines()}
    assert verdicts == {"符合", "不符合"}
    assert {line.split("\t")[2] for line in out.splitlines()} == {"租金减免"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--all"], "--user NAME"),
        (["1", "--all", "--user", "desk1"], "not both"),
        ([], "--all"),
        (["--all", "--user", "desk1", "--date", "2026-02-30"], "YYYY-MM-DD"),
    ],
)
def test_mistakes_are_one_line_and_exit_one(cli_env, capsys, argv, message) -> None:
    code, out, err = run(capsys, "eligibility", *argv)
    assert code == 1
    assert out == ""
    assert err.startswith("aitown-cli: ") and message in err and err.count("\n") == 1


def test_a_wrong_password_reads_nothing(cli_env, capsys, monkeypatch) -> None:
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)  # not desk1's
    code, out, err = run(capsys, "eligibility", "--all", "--user", "desk1")
    assert code == 1 and out == "" and err.startswith("aitown-cli: ")


def test_one_team_is_checked_as_before_without_a_user(cli_env, capsys, monkeypatch) -> None:
    monkeypatch.delenv("AITOWN_PASSWORD")
    code, out, err = run(capsys, "eligibility", "1", "--benefit", "startup_grant")
    assert code == 0, err
    assert out.startswith("start-up grant (startup_grant): ")
    assert "[PASS] §1.1" in out or "[FAIL] §1.1" in out


def test_verdicts_are_the_screening_of_every_team(cli_env: Database, capsys) -> None:
    """``--all --verdicts``: the same verdicts and amounts as the full lines, without reasons."""
    code, full, _ = run(capsys, "eligibility", "--all", "--user", "desk1", "--date", str(DAY))
    assert code == 0
    code, out, err = run(
        capsys, "eligibility", "--all", "--verdicts", "--user", "desk1", "--date", str(DAY)
    )
    assert code == 0, err
    fast, slow = (
        [ln.split("\t") for ln in out.splitlines()],
        [ln.split("\t") for ln in full.splitlines()],
    )
    assert len(fast) == len(slow) == DEMO_TEAMS * 6
    held = 0
    for f, s in zip(fast, slow, strict=True):
        assert f[:4] == s[:4]
        if f[3] == "ELIGIBLE":
            assert f[4] == s[4]
        else:
            held += f[4].startswith("held (application ")
    assert held > 0
    assert "Checked" in err
    code, out, _ = run(
        capsys, "eligibility", "--all", "--verdicts", "--json", "--user", "desk1",
        "--benefit", "startup_grant", "--date", str(DAY),
    )  # fmt: skip
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == DEMO_TEAMS
    for r in records:
        team = find_team(cli_env, r["team"])
        (answer,) = check_team(cli_env, team.id, ["startup_grant"], today=DAY)
        assert r["eligible"] == answer.eligible
        expected = format_yuan(answer.amount.amount_fen, grouping=False) if answer.amount else None
        assert (r["amount"], r["held_by"]) == (expected, answer.held_by)
    code, _, err = run(capsys, "eligibility", "1", "--verdicts", "--user", "desk1")
    assert code != 0 and "--verdicts" in err
