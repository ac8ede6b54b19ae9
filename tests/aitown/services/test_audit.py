"""The audit log is a hash chain: edits and deletions made behind the application's back (raw SQL)
are found and named, by verify_chain and by ``aitown-cli audit verify``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from aitown.cli import main as cli_main
from aitown.db import Database
from aitown.models import AuditEvent
from aitown.services import leases, members, teams
from aitown.services.audit import event_hash, verify_chain
from aitown.services.audit_log import list_events
from aitown.services.users import authenticate, create_user
from tests.aitown.makers import team_values
from tests.conftest import STAFF_PASSWORD, Staff


def _busy_day(db: Database, staff: Staff) -> None:
    """Many operations of different kinds, by different users."""
    ids = [teams.create_team(db, staff.desk, team_values(n)) for n in range(8)]
    version = teams.update_team(db, staff.desk2, ids[0], 1, {"headcount": "30"})
    teams.update_team(db, staff.desk, ids[0], version, {"district": "浦东新区"})
    teams.set_team_status(db, staff.desk, ids[1], "admitted", "2024-01-02")
    members.add_member(
        db,
        staff.desk,
        ids[1],
        {"name": "李雷", "joined_on": "2024-01-02", "talent_tier": "B"},
    )
    space = leases.create_space(db, staff.admin, "1号楼", "101", "120.5", "18000")
    leases.create_lease(db, staff.desk, ids[1], space, "2024-02-01", "2026-01-31")
    create_user(db, staff.admin, "desk3", "desk", "another-pass-1")
    authenticate(db, "desk3", "another-pass-1")


def _event_ids(db: Database) -> list[int]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def _raw(db: Database, sql: str, **params: object) -> None:
    """Tampering as someone with the file and an SQL tool would do it, past every service."""
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_chain_is_intact_after_many_operations(any_db: Database, any_staff: Staff) -> None:
    _busy_day(any_db, any_staff)
    count, problems = verify_chain(any_db)
    assert problems == []
    assert count == len(_event_ids(any_db)) > 15


def test_an_edited_event_is_named(any_db: Database, any_staff: Staff) -> None:
    _busy_day(any_db, any_staff)
    with any_db.read() as s:
        victim = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "team.update").order_by(AuditEvent.id)
        ).first()
    assert victim is not None
    after = json.loads(victim.after_json or "{}")
    after["headcount"] = 3
    _raw(
        any_db,
        "UPDATE audit_event SET after_json = :v WHERE id = :id",
        v=json.dumps(after),
        id=victim.id,
    )

    count, problems = verify_chain(any_db)
    assert [p.event_id for p in problems] == [victim.id]
    assert f"Audit event {victim.id} (Edited the team — team {victim.entity_id}, by " in (
        problems[0].message
    )
    assert "changed after it was written" in problems[0].message
    assert f"审计事件 {victim.id}（" in problems[0].message_zh
    assert f"：修改团队信息，团队 {victim.entity_id}）在写入后被修改。" in problems[0].message_zh


@pytest.mark.parametrize("how", ["edited", "deleted before it"])
def test_the_chain_check_names_the_action_in_words_in_both_languages(
    db: Database,
    staff: Staff,
    how: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not its code: "租用单元" / "Leased a unit", never "lease.create" (nor "lease")."""
    _busy_day(db, staff)
    with db.read() as s:
        lease_event = s.scalars(select(AuditEvent).where(AuditEvent.action == "lease.create")).one()
    if how == "edited":
        _raw(db, "UPDATE audit_event SET user_name = 'x' WHERE id = :id", id=lease_event.id)
        en = f"Audit event {lease_event.id} (Leased a unit — lease {lease_event.entity_id}, by x)"
        zh = f"审计事件 {lease_event.id}（x：租用单元，租约 {lease_event.entity_id}）在写入后被修改。"
    else:
        _raw(db, "DELETE FROM audit_event WHERE id = :id", id=lease_event.id - 1)
        en = f"Audit event {lease_event.id} (Leased a unit) does not follow event"
        zh = f"审计事件 {lease_event.id}（租用单元）与前一事件 {lease_event.id - 2} 不衔接"
    problems = verify_chain(db)[1]
    assert problems[0].event_id == lease_event.id
    assert problems[0].message.startswith(en), problems[0].message
    assert problems[0].message_zh.startswith(zh), problems[0].message_zh
    for problem in problems:
        assert "lease.create" not in problem.message + problem.message_zh
        assert "lease" not in problem.message_zh
    monkeypatch.setenv("AITOWN_LANG", "zh_CN")
    assert cli_main(["audit", "verify", "--db", str(db.sqlite_path)]) == 1
    out = capsys.readouterr().out
    assert zh in out and "lease.create" not in out


def test_an_edit_with_a_recomputed_hash_is_caught_by_the_next_event(
    db: Database, staff: Staff
) -> None:
    _busy_day(db, staff)
    ids = _event_ids(db)
    victim_id = ids[5]
    with db.write() as s:
        victim = s.get(AuditEvent, victim_id)
        assert victim is not None
        victim.user_name = "someone-else"
        victim.hash = event_hash(victim)  # a careful forger fixes this event's own hash…
    problems = verify_chain(db)[1]
    # …but the next event still points at the old hash.
    assert [p.event_id for p in problems] == [ids[6]]
    assert f"does not follow event {victim_id}" in problems[0].message


def test_a_deleted_middle_event_is_named(any_db: Database, any_staff: Staff) -> None:
    _busy_day(any_db, any_staff)
    ids = _event_ids(any_db)
    gone = ids[len(ids) // 2]
    _raw(any_db, "DELETE FROM audit_event WHERE id = :id", id=gone)

    count, problems = verify_chain(any_db)
    assert count == len(ids) - 1
    following = ids[ids.index(gone) + 1]
    before = ids[ids.index(gone) - 1]
    assert problems[0].event_id == following
    assert f"does not follow event {before}" in problems[0].message
    assert "deleted or changed" in problems[0].message
    # The head still counts the deleted event.
    assert any("events were deleted" in p.message for p in problems)


def test_a_deleted_last_event_is_found_through_the_head(db: Database, staff: Staff) -> None:
    _busy_day(db, staff)
    ids = _event_ids(db)
    _raw(db, "DELETE FROM audit_event WHERE id = :id", id=ids[-1])

    count, problems = verify_chain(db)
    assert count == len(ids) - 1
    assert len(problems) == 1
    assert problems[0].event_id == ids[-1]
    assert (
        f"should hold {len(ids)} events ending with event {ids[-1]}, but holds {len(ids) - 1} "
        f"ending with event {ids[-2]}" in problems[0].message
    )


def test_deleting_every_event_is_found(db: Database, staff: Staff) -> None:
    _raw(db, "DELETE FROM audit_event")
    count, problems = verify_chain(db)
    assert count == 0 and len(problems) == 1 and "deleted" in problems[0].message


def test_deleting_every_event_and_the_head_is_found(db: Database, staff: Staff) -> None:
    _raw(db, "DELETE FROM audit_event")
    _raw(db, "DELETE FROM audit_head")
    count, problems = verify_chain(db)
    assert count == 0 and len(problems) == 1
    assert "head record is missing" in problems[0].message


def test_an_empty_new_database_is_intact(tmp_path: Path) -> None:
    from aitown.schema import open_database

    fresh = open_database(tmp_path / "fresh.sqlite", create=True)
    try:
        assert verify_chain(fresh) == (0, [])
    finally:
        fresh.dispose()


# --- the limits of the chain, and anchors --------------------------------------------------------


def _cut_the_tail_and_fix_the_head(db: Database, keep: int) -> None:
    """Plain SQL, no code needed: drop the newest events and make the head agree."""
    _raw(db, "DELETE FROM audit_event WHERE id > :keep", keep=keep)
    _raw(
        db,
        "UPDATE audit_head SET last_event_id = :keep, count = :keep, "
        "last_hash = (SELECT hash FROM audit_event WHERE id = :keep)",
        keep=keep,
    )


def _rewrite_with_the_code(db: Database, victim: int) -> None:
    """What someone with the file and this program's code can do: change an event and recompute
    every hash after it, and the head."""
    with db.write() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        prev = None
        for ev in events:
            if ev.id == victim:
                ev.user_name = "someone-else"
            if prev is not None:
                ev.prev_hash = prev
            ev.hash = event_hash(ev)
            prev = ev.hash
        s.execute(text("UPDATE audit_head SET last_hash = :h"), {"h": prev})


@pytest.mark.parametrize("attack", ["cut the tail", "rewrite with the code"])
def test_an_anchor_noted_down_catches_what_the_chain_alone_cannot(
    db: Database, staff: Staff, attack: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _busy_day(db, staff)
    path = str(db.sqlite_path)
    assert cli_main(["audit", "verify", "--db", path]) == 0
    anchor = capsys.readouterr().out.splitlines()[1].split()[1]
    ids = _event_ids(db)
    assert anchor.startswith(f"{ids[-1]}:")
    if attack == "cut the tail":
        _cut_the_tail_and_fix_the_head(db, ids[-4])
    else:
        _rewrite_with_the_code(db, ids[3])

    # The honest limit (docs/security.md): the chain by itself no longer sees anything…
    assert verify_chain(db)[1] == []
    # …but the anchor noted down earlier does.
    assert cli_main(["audit", "verify", "--db", path, "--expect", anchor]) == 1
    out = capsys.readouterr().out
    assert f"Audit event {ids[-1]} " in out and "rewritten or cut short" in out
    # A shortened hash works too, and a good anchor passes.
    event_id, digest = anchor.split(":")
    assert cli_main(["audit", "verify", "--db", path, "--expect", f"{event_id}:{digest[:16]}"]) == 1


def test_a_good_anchor_passes_and_a_malformed_one_is_refused(
    db: Database, staff: Staff, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(db.sqlite_path)
    assert cli_main(["audit", "verify", "--db", path]) == 0
    anchor = capsys.readouterr().out.splitlines()[1].split()[1]
    _busy_day(db, staff)  # more events later do not disturb an earlier anchor
    assert cli_main(["audit", "verify", "--db", path, "--expect", anchor]) == 0
    capsys.readouterr()
    for bad in ("12", "x:abc", "3:" + "z" * 20, "3:abcd"):
        assert cli_main(["audit", "verify", "--db", path, "--expect", bad]) == 1
        err = capsys.readouterr().err
        assert "is not an anchor" in err and err.count("\n") == 1


# --- the command line -------------------------------------------------------------------------------


def test_cli_audit_verify_exit_codes(
    db: Database, staff: Staff, capsys: pytest.CaptureFixture[str]
) -> None:
    _busy_day(db, staff)
    path = str(db.sqlite_path)
    assert cli_main(["audit", "verify", "--db", path]) == 0
    n = len(_event_ids(db))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{n} events checked, chain intact."
    assert lines[1].startswith(f"Anchor: {_event_ids(db)[-1]}:")

    victim = _event_ids(db)[3]
    _raw(db, "UPDATE audit_event SET user_name = 'ghost' WHERE id = :id", id=victim)
    assert cli_main(["audit", "verify", "--db", path]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Audit event {victim} (")
    assert "by ghost" in out[0] and "changed after it was written" in out[0]
    assert (
        out[-1]
        == f"{n} events checked, 1 problems: the audit log was changed outside the application."
    )


def test_cli_audit_verify_as_a_separate_process(db: Database, staff: Staff) -> None:
    path = str(db.sqlite_path)
    env = {**os.environ, "AITOWN_LANG": "en"}
    ok = subprocess.run(
        [sys.executable, "-m", "aitown.cli", "audit", "verify", "--db", path],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[0].endswith("events checked, chain intact.")
    _raw(db, "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")
    bad = subprocess.run(
        [sys.executable, "-m", "aitown.cli", "audit", "verify", "--db", path],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 1 and "events were deleted" in bad.stdout


def test_cli_audit_verify_on_a_file_that_is_not_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database")
    assert cli_main(["audit", "verify", "--db", str(junk)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("aitown-cli: ") and "not an AI Town Desk database" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_cli_audit_list_filters(
    db: Database,
    staff: Staff,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _busy_day(db, staff)
    path = str(db.sqlite_path)
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    me = ["--db", path, "--user", "reviewer1"]
    capsys.readouterr()
    assert cli_main(["audit", "list", *me, "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert "Logged in" in lines[0] and "reviewer1" in lines[0]  # newest first: this log-in

    assert cli_main(["audit", "list", *me, "--by", "desk2", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {r["user"] for r in rows} == {"desk2"}
    assert any(r["action"] == "team.update" and r["after"] == {"headcount": 30} for r in rows)

    assert cli_main(["audit", "list", *me, "--action", "team.", "--json"]) == 0
    actions = {json.loads(line)["action"] for line in capsys.readouterr().out.splitlines()}
    assert actions == {"team.create", "team.update", "team.status"}


def test_cli_audit_list_needs_a_reviewer_or_administrator(
    db: Database,
    staff: Staff,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    path = str(db.sqlite_path)
    capsys.readouterr()
    assert cli_main(["audit", "list", "--db", path, "--user", "desk1"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "may not read the audit log" in captured.err
    assert cli_main(["audit", "list", "--db", path]) == 1
    assert "--user NAME" in capsys.readouterr().err


def test_list_events_newest_first_with_paging(db: Database, staff: Staff) -> None:
    _busy_day(db, staff)
    ids = _event_ids(db)
    me = staff.reviewer
    page1 = list_events(db, me, limit=4)
    page2 = list_events(db, me, limit=4, offset=4)
    assert [r.id for r in page1 + page2] == list(reversed(ids))[:8]
    creates = list_events(db, me, action="team.create", limit=100)
    assert len(creates) == 8 and {r.user_name for r in creates} == {"desk1"}
    assert list_events(db, me, entity="lease", limit=10)[0].action == "lease.create"


def test_team_history_is_one_teams_events_for_every_role(db, staff):
    from aitown.services import members, teams
    from aitown.services.audit_log import team_history
    from tests.aitown.services.test_teams import code, team_values

    team_id = teams.create_team(db, staff.desk, team_values())
    other = teams.create_team(
        db, staff.desk, team_values(uscc=code("91310104MA1FL0777"), name_zh="别的公司")
    )
    members.add_member(db, staff.desk, team_id, {"name": "王伟", "joined_on": "2024-01-01"})
    teams.set_team_status(db, staff.desk, other, "admitted", "2024-02-01")
    for actor in (staff.desk, staff.reviewer, staff.admin):
        rows = team_history(db, actor, team_id)
        assert [r.action for r in rows] == ["member.add", "team.create"]
