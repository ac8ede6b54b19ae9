"""Related parties (§6.1) and the list of seriously dishonest entities (§1.5) entered on the
command line and through an import, each change audited and deciding the rules."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from aitown.cli import main
from aitown.models import AuditEvent, RelatedParty, Team
from aitown.services.eligibility import check_team
from aitown.services.teams import create_team
from tests.aitown.cli.test_cli_teams import as_desk  # noqa: F401  (the fixture)
from tests.aitown.services.test_applications import VENDOR
from tests.aitown.services.test_teams import code, team_values

TODAY = dt.date.today()


def _actions(db) -> list[str]:
    with db.read() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [e.action for e in events if not e.action.startswith("login")]


def test_related_party_add_list_remove_on_the_command_line(capsys, db, staff, as_desk):  # noqa: F811
    team_id = create_team(db, staff.desk, team_values())
    assert (
        main(
            [
                "teams",
                "related-party",
                "add",
                code(),
                "--name",
                "母公司",
                "--uscc",
                VENDOR,
                "--legal-rep",
                "钱七",
                *as_desk,
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "(母公司) recorded for team" in out
    answer = check_team(
        db,
        team_id,
        ["corpus_voucher"],
        contract_amount_fen=100_000_00,
        vendor_uscc=VENDOR,
        vendor_name="母公司",
        vendor_legal_rep="钱七",
        today=TODAY,
    )[0]
    assert answer.rule("6.1").status == "fail" and "related party" in answer.rule("6.1").reason_en
    assert main(["teams", "related-party", "list", str(team_id), *as_desk]) == 0
    listed = capsys.readouterr().out
    assert "母公司" in listed and VENDOR in listed
    with db.read() as s:
        party_id = s.scalar(select(RelatedParty.id))
    assert main(["teams", "related-party", "remove", str(team_id), str(party_id), *as_desk]) == 0
    assert main(["teams", "related-party", "remove", str(team_id), str(party_id), *as_desk]) == 1
    err = capsys.readouterr().err
    assert "has no related party no." in err and "Traceback" not in err
    assert _actions(db)[-2:] == ["team.related_party", "team.related_party.remove"]


def test_dishonest_on_and_off_need_a_reason_and_are_audited(capsys, db, staff, as_desk):  # noqa: F811
    team_id = create_team(db, staff.desk, team_values())
    assert main(["teams", "dishonest", code(), "--on", *as_desk]) == 1
    assert "--reason" in capsys.readouterr().err
    assert (
        main(["teams", "dishonest", code(), "--on", "--reason", "信用中国 2026-11-30", *as_desk])
        == 0
    )
    assert check_team(db, team_id, ["startup_grant"], today=TODAY)[0].rule("1.5").status == "fail"
    assert main(["teams", "dishonest", code(), "--off", "--reason", "已移出名单", *as_desk]) == 0
    assert check_team(db, team_id, ["startup_grant"], today=TODAY)[0].rule("1.5").status == "pass"
    assert main(["teams", "dishonest", code(), "--unchecked", *as_desk]) == 0
    with db.read() as s:
        assert s.scalar(select(Team.dishonest).where(Team.id == team_id)) is None
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "team.dishonest")).all()
    assert len(events) == 3 and "信用中国" in (events[0].after_json or "")


def test_reviewers_cannot_change_the_list(capsys, db, staff, as_desk, monkeypatch):  # noqa: F811
    create_team(db, staff.desk, team_values())
    args = [a if a != "desk1" else "reviewer1" for a in as_desk]
    assert main(["teams", "dishonest", code(), "--on", "--reason", "x", *args]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_an_import_takes_both_columns(capsys, db, staff, as_desk, tmp_path):  # noqa: F811
    path = tmp_path / "teams.csv"
    path.write_text(
        "中文名称,统一社会信用代码,成立日期,失信名单,关联方\n"
        f"上海甲科技有限公司,{code('91310104MA1FL0001')},2024-03-02,否,母公司|{VENDOR}|钱七;某合伙企业\n"
        f"上海乙科技有限公司,{code('91310104MA1FL0002')},2024-03-02,是,\n"
        f"上海丙科技有限公司,{code('91310104MA1FL0003')},2024-03-02,未核查,\n",
        encoding="utf-8",
    )
    assert main(["teams", "import", str(path), *as_desk]) == 0
    with db.read() as s:
        flags = dict(s.execute(select(Team.name_zh, Team.dishonest)).all())
        parties = s.execute(
            select(RelatedParty.name, RelatedParty.uscc, RelatedParty.legal_rep)
        ).all()
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "team.import"))
    assert flags == {
        "上海甲科技有限公司": False,
        "上海乙科技有限公司": True,
        "上海丙科技有限公司": None,
    }
    assert sorted(parties) == sorted([("母公司", VENDOR, "钱七"), ("某合伙企业", None, None)])
    assert '"related_parties": 2' in (event.after_json or "")


def test_an_import_refuses_a_bad_value(capsys, db, staff, as_desk, tmp_path):  # noqa: F811
    path = tmp_path / "teams.csv"
    path.write_text(
        "中文名称,统一社会信用代码,成立日期,失信名单\n"
        f"上海甲科技有限公司,{code('91310104MA1FL0001')},2024-03-02,也许\n",
        encoding="utf-8",
    )
    assert main(["teams", "import", str(path), *as_desk]) == 1
    out = capsys.readouterr().out
    assert "line 2: 失信名单:" in out and "write yes, no or not checked" in out


def test_eligibility_says_needs_facts_and_held(capsys, db, staff, as_desk):  # noqa: F811
    from aitown.services import applications as apps
    from tests.aitown.services.test_applications import admitted_team

    team_id = admitted_team(db, staff)
    grant = apps.record_application(db, staff.desk, team_id, "startup_grant")
    apps.submit_application(db, staff.desk, grant.application_id)
    apps.approve_application(db, staff.reviewer, grant.application_id)
    assert main(["eligibility", str(team_id), *as_desk[:2]]) == 0
    out = capsys.readouterr().out
    assert f"start-up grant (startup_grant): HELD (application {grant.application_id})" in out
    assert "compute voucher (compute_voucher): NEEDS FACTS: contract amount, vendor" in out
    assert "rent waiver (rent_waiver): NOT ELIGIBLE" in out
    assert main(["eligibility", str(team_id), "--lang", "zh", *as_desk[:2]]) == 0
    assert "待补信息：合同金额、供应方" in capsys.readouterr().out
