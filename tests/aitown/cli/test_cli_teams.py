"""``aitown-cli teams import|export|template`` as an administrator's script would run them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aitown.cli import main
from aitown.models import Team
from tests.conftest import ADMIN_PASSWORD, STAFF_PASSWORD

DATA = Path(__file__).resolve().parents[2] / "data" / "import"


@pytest.fixture
def as_desk(monkeypatch, db, staff, db_path):
    """Arguments that make a command act as desk1 on the test database."""
    monkeypatch.delenv("AITOWN_USER", raising=False)
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    return ["--db", str(db_path), "--user", "desk1"]


def team_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Team)) or 0


def test_import_a_good_file(capsys, db, as_desk):
    code = main(["teams", "import", str(DATA / "teams_zh_bom.csv"), *as_desk])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert out == "Imported 3 teams from teams_zh_bom.csv (CSV, UTF-8 with BOM).\n"
    assert team_count(db) == 3


def test_bad_rows_are_listed_and_nothing_is_imported(capsys, db, as_desk):
    code = main(["teams", "import", str(DATA / "teams_bad_rows.csv"), *as_desk])
    out, err = capsys.readouterr()
    assert code == 1 and team_count(db) == 0
    lines = out.splitlines()
    assert len(lines) == 7
    assert lines[0].startswith("line 3: uscc: The unified social credit code “91310104MA1F000040”")
    assert lines[1].startswith("line 4: founded_on: The founding date 2999-01-01 is in the future")
    assert lines[6].startswith("line 9: headcount:")
    assert err.count("\n") == 1 and err.startswith(
        "aitown-cli: teams_bad_rows.csv has 9 rows, 7 with problems; nothing was imported."
    )


def test_skip_invalid_imports_the_good_rows_and_lists_the_others(capsys, db, as_desk):
    code = main(["teams", "import", str(DATA / "teams_bad_rows.csv"), "--skip-invalid", *as_desk])
    out, err = capsys.readouterr()
    assert code == 0 and err == "" and team_count(db) == 2
    assert (
        out.splitlines()[-1]
        == "Imported 2 teams from teams_bad_rows.csv (CSV, UTF-8); skipped 7 bad rows."
    )


def test_dry_run_writes_nothing(capsys, db, as_desk):
    assert main(["teams", "import", str(DATA / "teams_zh.xlsx"), "--dry-run", *as_desk]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith(
        "Dry run: teams_zh.xlsx (XLSX, sheet “团队”) has 3 rows; 3 can be imported"
    )
    assert team_count(db) == 0
    assert main(["teams", "import", str(DATA / "teams_bad_rows.csv"), "--dry-run", *as_desk]) == 1


def test_a_file_that_cannot_be_read_is_one_line_on_stderr(capsys, db, as_desk, tmp_path):
    old = tmp_path / "teams.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    assert main(["teams", "import", str(old), *as_desk]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "save it as .xlsx (Excel workbook) or .csv" in err


def test_chinese_messages_when_the_desk_runs_in_chinese(capsys, db, as_desk, monkeypatch):
    monkeypatch.setenv("AITOWN_LANG", "zh_CN.UTF-8")
    assert main(["teams", "import", str(DATA / "teams_bad_rows.csv"), *as_desk]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("第 3 行: uscc: 统一社会信用代码")
    assert "未导入任何数据" in err


def test_import_needs_a_user(capsys, db, db_path, monkeypatch):
    monkeypatch.delenv("AITOWN_USER", raising=False)
    assert main(["teams", "import", str(DATA / "teams_en_utf8.csv"), "--db", str(db_path)]) == 1
    _, err = capsys.readouterr()
    assert err == "aitown-cli: This command changes data: name the acting user with --user NAME.\n"


def test_a_reviewer_may_not_import(capsys, db, staff, db_path, monkeypatch):
    monkeypatch.setenv("AITOWN_PASSWORD", STAFF_PASSWORD)
    args = ["--db", str(db_path), "--user", "reviewer1"]
    assert main(["teams", "import", str(DATA / "teams_en_utf8.csv"), *args]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "may not import teams" in err and team_count(db) == 0


def test_export_in_chinese_and_back(capsys, db, staff, db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("AITOWN_PASSWORD", ADMIN_PASSWORD)
    args = ["--db", str(db_path), "--user", "admin"]
    assert main(["teams", "import", str(DATA / "teams_en_utf8.csv"), *args]) == 0
    out_file = tmp_path / "导出.csv"
    assert main(["teams", "export", str(out_file), "--lang", "zh", *args]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.splitlines()[-1] == f"Exported 3 teams to {out_file}."
    rows = list(csv.reader(out_file.read_text("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["中文名称", "英文名称", "统一社会信用代码"] and len(rows) == 4


def test_export_as_desk_says_phones_are_masked(capsys, db, as_desk, tmp_path):
    assert main(["teams", "export", str(tmp_path / "t.xlsx"), *as_desk]) == 0
    assert (
        capsys.readouterr().out == f"Exported 0 teams to {tmp_path / 't.xlsx'} (phones masked).\n"
    )


def test_template_needs_no_user_and_no_database(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("AITOWN_USER", raising=False)
    missing_db = tmp_path / "none.sqlite"
    out_file = tmp_path / "模板.xlsx"
    assert main(["teams", "template", str(out_file), "--lang", "zh", "--db", str(missing_db)]) == 0
    assert out_file.exists() and not missing_db.exists()
    assert "replace its example row" in capsys.readouterr().out


def test_template_refuses_a_wrong_extension(capsys, tmp_path):
    assert main(["teams", "template", str(tmp_path / "t.xls")]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "name the file .xlsx" in err


def test_a_long_list_of_bad_rows_ends_with_how_many_more(capsys, db, as_desk, monkeypatch):
    from aitown.services import team_import

    monkeypatch.setattr(team_import, "MAX_LISTED_PROBLEMS", 2)
    assert main(["teams", "import", str(DATA / "teams_bad_rows.csv"), *as_desk]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines()[-1] == "… and 5 more bad rows after line 4, not listed."


@pytest.mark.parametrize("command", ["export", "template"])
def test_an_existing_file_is_replaced_only_with_force(capsys, db, as_desk, tmp_path, command):
    out_file = tmp_path / "teams.csv"
    out_file.write_text("someone's spreadsheet\n", encoding="utf-8")
    args = as_desk if command == "export" else []
    assert main(["teams", command, str(out_file), *args]) == 1
    out, err = capsys.readouterr()
    assert err == (
        f"aitown-cli: {out_file} already exists; choose another name, or add --force to replace it.\n"
    )
    assert out_file.read_text(encoding="utf-8") == "someone's spreadsheet\n"
    assert main(["teams", command, str(out_file), "--force", *args]) == 0
    assert out_file.read_text(encoding="utf-8-sig").startswith("name_zh")
