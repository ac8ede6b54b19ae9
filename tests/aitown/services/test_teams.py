"""Teams: registration with checked input, edits with optimistic locking, status moves, search."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from stdnum.cn import uscc

from aitown.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from aitown.models import AuditEvent, Team
from aitown.services import teams as svc


def code(body: str = "91310104MA1FL0000") -> str:
    return body + uscc.calc_check_digit(body)


def team_values(**over: object) -> dict[str, object]:
    values: dict[str, object] = {
        "name_zh": "上海星河智能科技有限公司",
        "name_en": "Shanghai Galaxy Intelligent Technology Co., Ltd.",
        "uscc": code(),
        "legal_rep": "王伟",
        "founded_on": "2023-03-02",
        "district": "徐汇区",
        "headcount": "12",
        "ai_focus": "vertical_models",
        "phone": "021-64000000",
        "email": "hello@galaxy.cn",
    }
    values.update(over)
    return values


def test_create_team_stores_it_and_audits(any_db, any_staff):
    team_id = svc.create_team(any_db, any_staff.desk, team_values())
    with any_db.read() as s:
        team = s.get(Team, team_id)
        assert team.uscc == code()
        assert team.headcount == 12
        assert team.founded_on == dt.date(2023, 3, 2)
        assert team.office_id == any_staff.desk.office_id
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "team.create")).one()
        assert ev.user_name == "desk1" and ev.entity_id == str(team_id)
        assert "星河" in ev.after_json


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("uscc", code()[:-1] + ("0" if code()[-1] != "0" else "1"), "check digit"),
        ("uscc", "91310104", "18"),
        ("uscc", "", "empty"),
        ("founded_on", "2031-01-01", "future"),
        ("founded_on", "2023-02-30", "not a date"),
        ("name_zh", "  ", "empty"),
        ("headcount", "-3", "whole number"),
        ("headcount", "2.5", "whole number"),
        ("email", "not-an-email", "e-mail"),
    ],
)
def test_bad_input_refused_with_a_sentence_and_nothing_written(db, staff, field, value, fragment):
    with pytest.raises(ValidationError) as err:
        svc.create_team(db, staff.desk, team_values(**{field: value}))
    assert fragment in err.value.message
    assert err.value.field == field
    assert err.value.message_zh
    with db.read() as s:
        assert s.scalars(select(Team)).first() is None


def test_duplicate_uscc_refused(any_db, any_staff):
    svc.create_team(any_db, any_staff.desk, team_values())
    with pytest.raises(ConflictError, match="already registered"):
        svc.create_team(any_db, any_staff.desk, team_values(name_zh="另一个名字有限公司"))


def test_reviewer_may_not_register(db, staff):
    with pytest.raises(PermissionDenied, match="reviewer"):
        svc.create_team(db, staff.reviewer, team_values())


def test_second_save_from_a_stale_copy_is_refused(any_db, any_staff):
    team_id = svc.create_team(any_db, any_staff.desk, team_values())
    svc.update_team(any_db, any_staff.desk, team_id, 1, {"headcount": 15})
    with pytest.raises(ConflictError, match="Someone else saved"):
        svc.update_team(any_db, any_staff.desk2, team_id, 1, {"headcount": 20})
    with any_db.read() as s:
        assert s.get(Team, team_id).headcount == 15


def test_update_records_only_changed_fields(db, staff):
    team_id = svc.create_team(db, staff.desk, team_values())
    svc.update_team(db, staff.desk, team_id, 1, {"legal_rep": "李娜"})
    with db.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "team.update")).one()
        assert "李娜" in ev.after_json and "王伟" in ev.before_json
        assert "headcount" not in ev.after_json


def test_status_moves_and_dates(db, staff):
    team_id = svc.create_team(db, staff.desk, team_values())
    with pytest.raises(ValidationError, match="before the team was founded"):
        svc.set_team_status(db, staff.desk, team_id, "admitted", "2020-01-01")
    svc.set_team_status(db, staff.desk, team_id, "admitted", "2024-01-10")
    with pytest.raises(ValidationError, match="cannot become"):
        svc.set_team_status(db, staff.desk, team_id, "applicant")
    svc.set_team_status(db, staff.desk, team_id, "withdrawn", "2025-06-30")
    team = svc.find_team(db, team_id)
    assert (team.status, team.admitted_on, team.left_on) == (
        "withdrawn",
        dt.date(2024, 1, 10),
        dt.date(2025, 6, 30),
    )


def test_find_team_by_uscc_or_id(db, staff):
    team_id = svc.create_team(db, staff.desk, team_values())
    assert svc.find_team(db, code().lower()).id == team_id
    assert svc.find_team(db, str(team_id)).id == team_id
    with pytest.raises(NotFound, match="No team"):
        svc.find_team(db, "99999")


def test_search_filters_sorts_and_pages(db, staff):
    for i in range(30):
        body = f"91310104MA1FL{i:04d}"
        svc.create_team(
            db,
            staff.desk,
            team_values(
                uscc=code(body),
                name_zh=f"上海测试{i:02d}科技有限公司",
                name_en=f"Test {i:02d}",
                district="徐汇区" if i % 2 else "浦东新区",
                legal_rep="赵六" if i == 7 else "王伟",
            ),
        )
    q = svc.TeamQuery(text="测试1", sort="name_zh")
    rows = svc.search_teams(db, q)
    assert [r.name_zh for r in rows] == [f"上海测试{i}科技有限公司" for i in range(10, 20)]
    assert svc.count_teams(db, q) == 10
    assert [r.name_en for r in svc.search_teams(db, svc.TeamQuery(text="赵六"))] == ["Test 07"]
    assert svc.count_teams(db, svc.TeamQuery(district="徐汇区")) == 15
    page = svc.search_teams(db, svc.TeamQuery(sort="name_en", descending=True, offset=5, limit=5))
    assert [r.name_en for r in page] == [f"Test {i:02d}" for i in (24, 23, 22, 21, 20)]
    assert svc.count_teams(db, svc.TeamQuery(text=code("91310104MA1FL0003")[:17])) == 1
    assert svc.distinct_values(db, "district") == sorted({"徐汇区", "浦东新区"})


def _reference(teams_: list[dict[str, str]], text: str) -> list[str]:
    t = text.lower()
    return sorted(
        r["uscc"]
        for r in teams_
        if t in r["name_zh"].lower()
        or t in r["name_en"].lower()
        or t in r["legal_rep"].lower()
        or text.upper() in r["uscc"]  # anywhere in the code (issue 16.6)
    )


def test_search_answers_like_a_substring_match_with_and_without_the_index(any_db, any_staff):
    made = []
    names = [("上海星河智能科技有限公司", "Shanghai Galaxy AI", "王伟"),
             ("上海星辰数据有限公司", "Star DATA Ltd", "李娜"),
             ("北京云图科技有限公司", "Beijing CloudMap", "胡琪"),
             ("上海深蓝机器人有限公司", "DeepBlue Robotics", "王伟明")]  # fmt: skip
    for i, (zh, en, rep) in enumerate(names * 3):
        values = team_values(uscc=code(f"91310104MA1FL{i:04d}"), name_zh=f"{zh}{i}", name_en=f"{en} {i}",
                             legal_rep=rep)  # fmt: skip
        svc.create_team(any_db, any_staff.desk, values)
        made.append({"uscc": values["uscc"], "name_zh": values["name_zh"], "name_en": values["name_en"],
                     "legal_rep": rep})  # fmt: skip
    assert svc.has_search_index(any_db) == any_db.is_sqlite
    for text in ("上", "星", "上海星", "星河智能", "galaxy", "DATA", "ai 1", "王伟", "胡琪", "91310104MA1FL000",
                 "robotics 1", "不存在的名字", '"quoted"'):  # fmt: skip
        count, rows = svc.search_teams_counted(
            any_db, svc.TeamQuery(text=text, sort="name_zh", limit=5)
        )
        expected = _reference(made, text)
        assert count == len(expected) == svc.count_teams(any_db, svc.TeamQuery(text=text)), text
        assert len(rows) == min(5, len(expected))
        assert [r.name_zh for r in rows] == sorted(r.name_zh for r in rows), text
        assert (
            sorted(r.uscc for r in svc.search_teams(any_db, svc.TeamQuery(text=text, limit=100)))
            == expected
        )


def test_a_renamed_team_is_found_under_its_new_name(db, staff):
    team_id = svc.create_team(db, staff.desk, team_values())
    svc.update_team(db, staff.desk, team_id, 1, {"name_zh": "上海改名以后科技有限公司"})
    assert [r.id for r in svc.search_teams(db, svc.TeamQuery(text="改名以后"))] == [team_id]
    assert svc.search_teams(db, svc.TeamQuery(text="星河智能")) == []


def test_filter_values_hop_along_the_index_as_distinct_would(any_db, any_staff):
    """distinct_values (a recursive hop from value to value) gives what ``SELECT DISTINCT …
    ORDER BY`` gives, empty values left out, on both databases."""
    from sqlalchemy import insert, text

    from aitown.models import Office

    with any_db.write() as s:
        office = s.scalar(select(Office.id))
        districts = ["徐汇区", "", "黄浦区", "徐汇区", " ", "Pudong", "pudong", "徐汇区"]
        for n, district in enumerate(districts):
            s.execute(
                insert(Team).values(
                    office_id=office, name_zh=f"队{n}", name_en=f"T{n}", uscc=f"C{n:03d}",
                    legal_rep="", founded_on=dt.date(2024, 1, 1), district=district,
                    ai_focus=("", "大模型", "具身智能")[n % 3],
                )
            )  # fmt: skip
    for column in ("district", "ai_focus"):
        with any_db.read() as s:
            plain = [
                v
                for v in s.scalars(text(f"SELECT DISTINCT {column} FROM team ORDER BY {column}"))
                if v
            ]
        assert svc.distinct_values(any_db, column) == plain
    assert " " in svc.distinct_values(any_db, "district")
    assert "" not in svc.distinct_values(any_db, "district")
