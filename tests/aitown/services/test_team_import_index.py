"""A bulk import fills the search index set-wise (aitown.bulk_index): the searches answer after
it exactly as after the same teams inserted one by one through the triggers, and the triggers are
back afterwards (also when the import fails)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import text

from aitown.bulk_index import search_index_suspended
from aitown.db import Database
from aitown.errors import ConflictError
from aitown.schema import open_database
from aitown.services.office import initialise_office
from aitown.services.team_import import import_teams
from aitown.services.teams import TeamQuery, search_teams, search_teams_counted
from tests.aitown.makers import uscc_for

HEADER = ("name_zh", "name_en", "uscc", "legal_rep", "founded_on", "headcount")
SEARCHES = [
    "上",
    "上海",
    "智能",
    "星河智",
    "Shang",
    "hai Star",
    "Co., Ltd",
    "王",
    "王小明",
    "9131",
    "91310",
]
NAMES = ["星河", "云帆", "深蓝", "量子", "海豚", "晨曦"]
PEOPLE = ["王小明", "李华", "张伟", "赵敏", "王芳"]


def write_list(path: Path, n: int, start: int = 1) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i in range(start, start + n):
            brand = NAMES[i % len(NAMES)] + NAMES[(i // 7) % len(NAMES)]
            out.writerow(
                (
                    f"上海{brand}智能科技有限公司{i}",
                    f"Shanghai {brand} Star AI Co., Ltd. {i}",
                    uscc_for(i),
                    PEOPLE[i % len(PEOPLE)],
                    f"2023-03-{i % 28 + 1:02d}",
                    5 + i % 40,
                )
            )
    return path


def fresh(path: Path) -> tuple[Database, object]:
    db = open_database(path, create=True)
    admin = initialise_office(
        db, code="T1", name_zh="测试", admin_name="admin", admin_password="pw-12345678"
    )
    return db, admin


def triggers(db: Database) -> list[tuple[str, str]]:
    with db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            )
        ]


def answers(db: Database) -> dict[str, object]:
    out: dict[str, object] = {}
    for q in SEARCHES:
        for sort in ("id", "name_zh"):
            query = TeamQuery(text=q, sort=sort, limit=50)
            total, rows = search_teams_counted(db, query)
            out[f"{q}/{sort}"] = (total, [r.id for r in rows])
            out[f"{q}/{sort}/last"] = [
                r.id for r in search_teams(db, TeamQuery(text=q, sort=sort, offset=total - 5))
            ]
    with db.read() as s:
        s.execute(text("INSERT INTO team_search(team_search) VALUES ('integrity-check')"))
    return out


def test_search_after_a_bulk_import_is_as_after_row_by_row_inserts(tmp_path: Path) -> None:
    listed = write_list(tmp_path / "teams.csv", 1500)
    bulk, admin = fresh(tmp_path / "bulk.sqlite")
    slow, admin2 = fresh(tmp_path / "slow.sqlite")
    before = triggers(bulk)
    assert any("team_search" in name for name, _ in before)
    try:
        report = import_teams(bulk, admin, listed)
        assert report.imported == 1500
        # The same rows, inserted one by one with the triggers firing (the import's own rows).
        with bulk.read() as s:
            rows = s.execute(text("SELECT * FROM team ORDER BY id")).mappings().all()
        with slow.write() as s:
            for row in rows:
                cols = ", ".join(row.keys())
                marks = ", ".join(f":{k}" for k in row)
                s.execute(text(f"INSERT INTO team ({cols}) VALUES ({marks})"), dict(row))
        assert triggers(bulk) == before  # created again, as they were
        found = answers(bulk)
        assert found == answers(slow)
        assert any(total for total, _ in (v for k, v in found.items() if k.endswith("/id")))
        # A later change still reaches the index through the restored triggers.
        with bulk.write() as s:
            s.execute(text("UPDATE team SET name_zh = '北京独角兽科技' WHERE id = 7"))
        total, rows = search_teams_counted(bulk, TeamQuery(text="独角兽"))
        assert total == 1 and rows[0].id == 7
    finally:
        bulk.dispose()
        slow.dispose()


def test_a_failed_import_leaves_the_triggers_and_the_index_as_they_were(tmp_path: Path) -> None:
    db, admin = fresh(tmp_path / "db.sqlite")
    try:
        import_teams(db, admin, write_list(tmp_path / "a.csv", 20))
        before, found = triggers(db), answers(db)

        with pytest.raises(ConflictError), db.write() as s, search_index_suspended(s) as added:
            s.execute(text("UPDATE team SET headcount = headcount"))  # something in the transaction
            added([1, 2])
            assert triggers_in(s) == []
            raise ConflictError("stop", "停止")
        assert triggers(db) == before and answers(db) == found
    finally:
        db.dispose()


def triggers_in(s) -> list[str]:
    return [
        r[0]
        for r in s.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%AFTER INSERT%'"
            )
        )
    ]


def test_other_triggers_are_left_to_fire_row_by_row(tmp_path: Path) -> None:
    """A trigger that is not plain INSERT … VALUES (here: WHEN …) keeps firing per row."""
    db, admin = fresh(tmp_path / "db.sqlite")
    try:
        with db.write() as s:
            s.execute(text("CREATE TABLE big_team (id INTEGER)"))
            s.execute(
                text(
                    "CREATE TRIGGER team_big AFTER INSERT ON team WHEN new.headcount > 30 BEGIN "
                    "INSERT INTO big_team (id) VALUES (new.id); END"
                )
            )
        report = import_teams(db, admin, write_list(tmp_path / "a.csv", 100))
        with db.read() as s:
            big = s.execute(text("SELECT count(*) FROM big_team")).scalar()
            expected = s.execute(text("SELECT count(*) FROM team WHERE headcount > 30")).scalar()
        assert report.imported == 100 and big == expected > 0
        assert "team_big" in [n for n, _ in triggers(db)]
    finally:
        db.dispose()
