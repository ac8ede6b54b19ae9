"""Audit events in plain words (aitown.event_text): every action the services record has its
sentence in both languages, amounts in yuan, statuses and benefits by their labels, names for ids;
an action nobody wrote a sentence for still reads as words, never as a code."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from aitown import event_text
from aitown.demo import load_demo
from aitown.event_text import FIELDS, HIDDEN, SENTENCES, action_words, describe, describe_both
from aitown.labels import BENEFIT_LABELS
from aitown.services.audit_log import AuditRow, list_events, team_history
from aitown.services.event_lines import event_lines

ROOT = Path(__file__).resolve().parents[2] / "aitown"

# record_event calls whose action is a variable: the values it takes (checked to exist below).
VARIABLE_ACTIONS = {
    ("services/backup.py", "action"): {"backup.create", "backup.auto"},
    ("services/list_export.py", "action"): {"list.export", "report.export"},
}


def recorded_actions() -> set[str]:
    """Every action code passed to record_event anywhere in aitown/ (read from the source)."""
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "record_event"):
                continue
            arg = node.args[2]
            if isinstance(arg, ast.Constant):
                found.add(arg.value)
            elif isinstance(arg, ast.IfExp):
                found |= {arg.body.value, arg.orelse.value}  # type: ignore[attr-defined]
            else:
                key = (path.relative_to(ROOT).as_posix(), getattr(arg, "id", ""))
                assert key in VARIABLE_ACTIONS, f"{key}: say which actions this call records"
                text = path.read_text(encoding="utf-8")
                for action in VARIABLE_ACTIONS[key]:
                    assert f'"{action}"' in text or action == "report.export"
                found |= VARIABLE_ACTIONS[key]
    return found


def row(action: str, entity: str = "application", entity_id: str = "7", before=None, after=None):
    return AuditRow(
        1,
        dt.datetime(2025, 6, 1, 8, 0),
        "desk1",
        action,
        entity,
        entity_id,
        json.dumps(before, ensure_ascii=False) if before is not None else None,
        json.dumps(after, ensure_ascii=False) if after is not None else None,
    )


def test_every_action_the_services_record_has_a_sentence_in_both_languages() -> None:
    actions = recorded_actions()
    assert {"application.record", "notice.issue", "login.failed", "backup.auto"} <= actions
    missing = sorted(actions - set(SENTENCES))
    assert missing == [], f"write a sentence for {missing} in aitown/event_text.py SENTENCES"
    for action in actions:
        en, zh = describe_both(row(action))
        assert action not in en and action not in zh
        assert "{" not in en + zh and "_" not in en + zh
        assert not re.search(r"[A-Za-z]{3,}", zh), zh  # no English words in the Chinese sentence


def test_the_issue_example_reads_as_written() -> None:
    ev = row(
        "application.record",
        after={
            "amount": None,
            "benefit": "compute_voucher",
            "contract_amount": 120000000,
            "eligible": False,
            "team_id": 60,
            "vendor_uscc": "91310115AQFW1EF3JX",
        },
    )
    zh = describe(ev, lang="zh_CN")
    en = describe(ev, lang="en")
    assert zh.startswith("登记算力券申请：合同金额 1,200,000.00 元；不符合条件")
    assert en.startswith(
        "Recorded a compute voucher application: contract amount 1,200,000.00 yuan; not eligible"
    )
    assert "120000000" not in zh + en and "False" not in zh + en and "team" not in en


def test_statuses_by_their_labels_names_for_ids_and_nothing_that_did_not_change() -> None:
    submit = row("application.submit", before={"status": "draft"}, after={"status": "submitted"})
    assert describe(submit, lang="zh") == "提交申请"
    status = row(
        "team.status",
        "team",
        "3",
        before={"status": "applicant", "admitted_on": None},
        after={"status": "admitted", "admitted_on": "2025-06-20", "reason": ""},
    )
    assert describe(status, lang="zh") == "将团队状态改为已入驻：入驻日期 2025-06-20"
    assert describe(status) == "Changed the team's status to admitted: admitted on 2025-06-20"
    notice = row(
        "notice.issue",
        "notice",
        "4",
        after={"kind": "admission", "document_number": "徐汇AI孵〔2025〕1号", "team_id": 3,
               "revokes_notice_id": 2, "sha256": "ab" * 32},
    )  # fmt: skip
    names = {("notice", "2"): event_text.Text.same("徐汇AI孵〔2024〕9号")}
    assert describe(notice, names, "zh") == (
        "签发入驻通知徐汇AI孵〔2025〕1号：撤销的通知书 徐汇AI孵〔2024〕9号"
    )
    approve = row(
        "application.approve",
        before={"amount": 5000000, "status": "submitted"},
        after={"amount": 5000000, "status": "approved", "policy": "p 1", "reason": ""},
    )
    assert describe(approve) == "Approved the application: 50,000.00 yuan"
    user = row(
        "user.role",
        "user",
        "2",
        {"role": "desk", "active": True},
        {"role": "reviewer", "active": True},
    )
    assert describe(user, lang="zh") == "修改用户角色或启用状态：岗位 窗口人员 → 审核人"


def test_the_action_column_has_the_actions_own_words() -> None:
    assert action_words("application.approve") == "Approved the application"
    assert action_words("application.approve", "zh_CN") == "批准申请"
    assert action_words("user.create", "zh") == "新增用户"  # no empty brackets left
    assert action_words("lease.end", "zh") == "提前结束租约"
    for action in SENTENCES:
        for lang in ("en", "zh"):
            words = action_words(action, lang)
            assert words and "{" not in words and not words.endswith((" the", " a", ":", "：")), (
                words
            )


def test_an_action_without_a_sentence_reads_as_words_with_translated_fields() -> None:
    # Other branches add actions (materials, payments, leases…): until they write the sentence,
    # the event still reads as its record kind, verb and fields, never as a code.
    ev = row(
        "lease.close",
        "lease",
        "9",
        before={"monthly_rent": 1440000, "end_on": "2026-03-20"},
        after={"monthly_rent": 1500000, "end_on": "2027-03-20", "paid_amount": 30000},
    )
    assert describe(ev) == (
        "Lease closed: monthly rent 14,400.00 yuan → 15,000.00 yuan; "
        "to 2026-03-20 → 2027-03-20; paid amount 300.00 yuan"
    )
    assert describe(ev, lang="zh").startswith("结束租约：月租金 14,400.00 元 → 15,000.00 元；")
    assert action_words("payment.weird_thing") == "payment · weird thing"
    # One line in SENTENCES gives it its own sentence.
    SENTENCES["lease.close"] = event_text.Sentence("Closed the lease", "关闭租约", details=False)
    try:
        assert describe(ev, lang="zh") == "关闭租约"
    finally:
        del SENTENCES["lease.close"]


def test_every_field_of_a_real_days_events_has_its_words(db, staff) -> None:
    # The demo records teams, members, units, leases and applications in every state.
    load_demo(db, staff.admin, teams=12, today=dt.date(2025, 6, 30))
    rows = list_events(db, staff.admin, limit=100_000)
    keys: set[str] = set()
    for r in rows:
        for raw in (r.before_json, r.after_json):
            keys |= set(event_text.load_values(raw))
    unnamed = sorted(keys - set(FIELDS) - HIDDEN)
    assert unnamed == [], f"give {unnamed} their words in aitown/event_text.py FIELDS"
    lines = event_lines(db, rows)
    assert len(lines) == len(rows)
    for line in lines:
        assert line.event.action not in line.what.zh
        assert not re.search(r"\b(True|False|None)\b", line.what.en + line.what.zh)
    # Names, not ids: a member's line names the team; an application's record names its team.
    team_id = int(next(r.entity_id for r in rows if r.action == "team.create"))
    history = event_lines(db, team_history(db, staff.desk, team_id))
    team_name = next(r.record.zh for r in history if r.event.entity == "team").split(" · ")[1]
    for line in history:
        if line.event.entity in ("application", "member", "lease"):
            assert team_name in line.record.zh, line.record.zh
    # Among a team's applications, each event says which benefit it is about.
    benefits = {label.zh for label in BENEFIT_LABELS.values()}
    for line in event_lines(db, rows):
        if line.event.entity == "application":
            assert any(b in line.what.zh for b in benefits), line.what.zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_audit_list_prints_the_sentences(db_path, db, staff, capsys, monkeypatch, lang) -> None:
    from aitown.cli import main as cli_main
    from aitown.services import teams
    from tests.aitown.makers import team_values

    teams.create_team(db, staff.desk, team_values(1, name_zh="上海句子科技有限公司"))
    monkeypatch.setenv("AITOWN_LANG", lang)
    monkeypatch.setenv("AITOWN_PASSWORD", "admin-pass-1")
    assert cli_main(["audit", "list", "--db", str(db_path), "--user", "admin", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    want = (
        "登记团队上海句子科技有限公司"
        if lang == "zh"
        else "Registered the team 上海句子科技有限公司"
    )
    assert want in out and "team.create" not in out


def test_the_audit_list_export_reads_in_plain_words(db, staff) -> None:
    from aitown.services import teams
    from aitown.services.list_tables import audit_table
    from tests.aitown.makers import team_values

    teams.create_team(db, staff.desk, team_values(2, name_zh="上海导出科技有限公司"))
    table = audit_table(db, staff.reviewer, lang="zh", limit=1)
    [row] = table.rows
    assert row[3:5] == ["登记团队", "团队"] and row[-1] == "登记团队上海导出科技有限公司"
    assert [c.zh for c in table.columns][-1] == "经过"


def test_names_are_found_on_every_database(any_db, any_staff) -> None:
    from aitown.services import members, teams
    from tests.aitown.makers import team_values

    team_id = teams.create_team(
        any_db, any_staff.desk, team_values(3, name_zh="上海名字科技有限公司")
    )
    members.add_member(any_db, any_staff.desk, team_id, {"name": "王伟", "joined_on": "2024-01-01"})
    lines = event_lines(any_db, team_history(any_db, any_staff.desk, team_id))
    assert [line.what.zh for line in lines][0].startswith("添加成员王伟")
    assert lines[0].record.zh.endswith("上海名字科技有限公司 王伟")
    assert lines[1].record.get("zh") == f"团队 {team_id} · 上海名字科技有限公司"
