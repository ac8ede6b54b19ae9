"""Names with a right-to-left override or a zero-width character are refused at entry with a
sentence naming the character: team names, people's names, user names — by hand and by import."""

from __future__ import annotations

from pathlib import Path

import pytest

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.services import members, teams
from aitown.services.team_import import import_teams
from aitown.services.users import create_user, list_users
from tests.aitown.dbfiles import count
from tests.aitown.makers import team_values, uscc_for
from tests.conftest import Staff

SNEAKY = [
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u200d", "U+200D ZERO WIDTH JOINER"),
    ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
]


@pytest.mark.parametrize(("char", "named"), SNEAKY)
def test_invisible_characters_in_names_are_refused(
    db: Database, staff: Staff, char: str, named: str
) -> None:
    for field in ("name_zh", "name_en", "legal_rep"):
        with pytest.raises(ValidationError) as info:
            teams.create_team(db, staff.desk, team_values(1, **{field: f"上海{char}星河"}))
        assert info.value.field == field
        assert f"invisible character ({named}) at position 3" in info.value.message
        assert "不可见字符" in info.value.message_zh
    assert count(db, "team") == 0

    team_id = teams.create_team(db, staff.desk, team_values(2))
    with pytest.raises(ValidationError, match="invisible character") as info:
        members.add_member(
            db, staff.desk, team_id, {"name": f"王{char}伟", "joined_on": "2023-04-01"}
        )
    assert info.value.field == "name" and count(db, "member") == 0
    with pytest.raises(ValidationError, match="invisible character"):
        teams.update_team(db, staff.desk, team_id, 1, {"name_zh": f"上海{char}改名科技有限公司"})

    users_before = list_users(db)
    with pytest.raises(ValidationError, match="invisible character"):
        create_user(db, staff.admin, f"desk{char}9", "desk", "long-enough-1")
    with pytest.raises(ValidationError, match="invisible character"):
        create_user(db, staff.admin, "desk9", "desk", "long-enough-1", full_name=f"李{char}娜")
    assert list_users(db) == users_before


def test_an_imported_name_with_an_override_is_a_bad_row(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    path = tmp_path / "teams.csv"
    path.write_text(
        "name_zh,uscc,founded_on\n"
        f"上海好好科技有限公司,{uscc_for(1)},2023-01-01\n"
        f"上海\u202e司公限有技科,{uscc_for(2)},2023-01-01\n",
        encoding="utf-8",
    )
    report = import_teams(db, staff.desk, path)
    assert report.imported == 0 and [p.line for p in report.problems] == [3]
    assert "invisible character (U+202E" in report.problems[0].message_en
    assert count(db, "team") == 0
