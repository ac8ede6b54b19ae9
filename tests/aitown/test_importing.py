"""Reading and checking team lists: encodings, header languages, XLSX cells, bad rows with their
line numbers, and files that cannot be read at all. No database here (see
tests/aitown/services/test_team_import.py for the import itself)."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aitown.errors import DeskError, NotFound, ValidationError
from aitown.importing import CheckedRow, RowProblem, check_rows, open_rows, open_source
from aitown.importing.checking import cell_value
from aitown.importing.columns import BY_FIELD, EXAMPLE_USCC, column_letter, match_header
from tests.aitown.makers import uscc_for

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
EN = "name_zh,name_en,uscc,legal_rep,founded_on,district,headcount,ai_focus,phone,email,status"
TODAY = dt.date(2025, 6, 1)


def checked(path: Path | str) -> list[CheckedRow | RowProblem]:
    header, rows = open_rows(open_source(path))
    return list(check_rows(header, rows, today=TODAY))


def teams(path: Path | str) -> list[tuple[object, ...]]:
    out = []
    for r in checked(path):
        assert isinstance(r, CheckedRow), r
        t = r.team
        out.append(
            (t.name_zh, t.name_en, t.uscc, t.legal_rep, t.founded_on, t.district, t.headcount,
             t.ai_focus, t.phone, t.email, t.status)
        )  # fmt: skip
    return out


def problems(path: Path | str) -> list[RowProblem]:
    return [r for r in checked(path) if isinstance(r, RowProblem)]


def write_csv(tmp_path: Path, text: str, *, encoding: str = "utf-8", name: str = "t.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def row(n: int, **over: str) -> str:
    values = {
        "name_zh": f"测试公司{n}",
        "name_en": "",
        "uscc": uscc_for(n),
        "legal_rep": "",
        "founded_on": "2023-01-01",
        "district": "",
        "headcount": "",
        "ai_focus": "",
        "phone": "",
        "email": "",
        "status": "",
    }
    values.update(over)
    return ",".join(values[f] for f in EN.split(","))


# --- encodings and header languages -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "described"),
    [
        ("teams_en_utf8.csv", "CSV, UTF-8"),
        ("teams_zh_bom.csv", "CSV, UTF-8 with BOM"),
        ("teams_zh_gbk.csv", "CSV, GBK"),
        ("teams_en_messy.csv", "CSV, UTF-8"),
        ("teams_zh.xlsx", "XLSX, sheet “团队”"),
    ],
)
def test_every_encoding_and_header_language_reads_the_same_teams(name, described):
    assert open_source(DATA / name).describe() == described
    assert teams(DATA / name) == teams(DATA / "teams_en_utf8.csv")


def test_the_three_teams_are_read_with_their_values():
    first, second, third = teams(DATA / "teams_en_utf8.csv")
    assert first == (
        "上海星河智能科技有限公司", "Shanghai Galaxy AI Co., Ltd.", uscc_for(1), "王伟",
        dt.date(2023, 3, 2), "徐汇区", 12, "垂类大模型", "021-64000001", "hello@galaxy.cn",
        "applicant",
    )  # fmt: skip
    assert second[10] == "admitted"
    assert third[6] == 0 and third[1] == ""


def test_header_language_is_told():
    assert open_rows(open_source(DATA / "teams_zh_gbk.csv"))[0].lang == "zh"
    assert open_rows(open_source(DATA / "teams_en_utf8.csv"))[0].lang == "en"


def test_gbk_is_found_even_when_the_first_chinese_character_is_on_the_last_line(tmp_path):
    # Everything is ASCII until the very end; only decoding the whole file tells GBK from UTF-8.
    text = EN + "\r\n" + "\r\n".join(row(n, name_zh=f"Team{n}") for n in range(1, 3000))
    text += "\r\n" + row(3000, name_zh="最后的团队")
    p = write_csv(tmp_path, text, encoding="gbk")
    assert open_source(p).encoding == "gb18030"
    assert checked(p)[-1].team.name_zh == "最后的团队"


def test_semicolon_separated_csv_from_a_european_excel_is_read(tmp_path):
    text = EN.replace(",", ";") + "\n" + row(1).replace(",", ";") + "\n"
    assert [r.team.uscc for r in checked(write_csv(tmp_path, text))] == [uscc_for(1)]


def test_only_the_columns_present_are_needed(tmp_path):
    p = write_csv(tmp_path, f"uscc,founded_on,中文名称\n{uscc_for(4)},2020/5/6,最小团队\n")
    [r] = checked(p)
    assert (r.team.name_zh, r.team.founded_on, r.team.status) == (
        "最小团队",
        dt.date(2020, 5, 6),
        "applicant",
    )


# --- XLSX cells -------------------------------------------------------------------------------


def test_xlsx_date_cells_numbers_and_numeric_phones_become_field_values():
    rows = [r for r in checked(DATA / "teams_zh.xlsx") if isinstance(r, CheckedRow)]
    assert rows[0].team.founded_on == dt.date(2023, 3, 2)
    assert rows[0].team.headcount == 12
    assert rows[1].team.phone == "13800138000"  # typed as a number in the sheet


def test_float_cells_from_a_spreadsheet_are_whole_numbers_when_they_are():
    header = match_header(["中文名称", "统一社会信用代码", "成立日期", "人数"], file_name="x.xlsx")
    rows = [
        (2, ["甲公司", uscc_for(1), dt.datetime(2021, 4, 5, 0, 0), 12.0]),
        (3, ["乙公司", uscc_for(2), dt.datetime(2021, 4, 5), 12.5]),
        (4, ["丙公司", 9.13101e17, dt.datetime(2021, 4, 5), 3]),
    ]
    good, half, code_as_number = check_rows(header, rows, today=TODAY)
    assert good.team.headcount == 12 and good.team.founded_on == dt.date(2021, 4, 5)
    assert (half.line, half.column) == (3, "人数") and "12.5" in half.message_en
    assert (code_as_number.line, code_as_number.column) == (4, "统一社会信用代码")
    assert "stored as a number" in code_as_number.message_en


def test_a_formula_in_an_xlsx_is_a_row_problem_not_its_cached_value(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["name_zh", "uscc", "founded_on"])
    ws.append(["好公司", uscc_for(1), "2022-01-01"])
    ws.append(['="公式"&"公司"', uscc_for(2), "2022-01-01"])
    ws.append(["另一家", uscc_for(3), "=DATE(2022,1,1)"])
    p = tmp_path / "f.xlsx"
    wb.save(p)
    good, name_formula, date_formula = checked(p)
    assert isinstance(good, CheckedRow)
    assert (name_formula.line, name_formula.column) == (3, "name_zh")
    assert (date_formula.line, date_formula.column) == (4, "founded_on")
    assert "formula" in date_formula.message_en


def test_a_wrong_dimension_in_an_xlsx_does_not_cut_rows_off(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["name_zh", "uscc", "founded_on"])
    for n in range(1, 6):
        ws.append([f"公司{n}", uscc_for(n), "2022-01-01"])
    p = tmp_path / "dim.xlsx"
    wb.save(p)
    _rewrite_dimension(p, "A1:C1")  # as some generators write it
    assert len(checked(p)) == 5


def _rewrite_dimension(p: Path, ref: str) -> None:
    import re
    import zipfile

    src = zipfile.ZipFile(p)
    parts = {n: src.read(n) for n in src.namelist()}
    src.close()
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(
        rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), parts[sheet]
    )
    with zipfile.ZipFile(p, "w") as out:
        for n, b in parts.items():
            out.writestr(n, b)


# --- bad rows, with line numbers and reasons ----------------------------------------------------


def test_every_bad_row_is_reported_with_its_line_column_and_reason():
    found = [(p.line, p.column) for p in problems(DATA / "teams_bad_rows.csv")]
    assert found == [
        (3, "uscc"),
        (4, "founded_on"),
        (5, "uscc"),
        (6, "name_zh"),
        (7, "name_zh"),
        (8, "email"),
        (9, "headcount"),
    ]
    by_line = {p.line: p for p in problems(DATA / "teams_bad_rows.csv")}
    assert "check digit" in by_line[3].message_en and "校验位" in by_line[3].message_zh
    assert "in the future" in by_line[4].message_en
    assert "also on line 2" in by_line[5].message_en
    assert "Chinese name is empty" in by_line[6].message_en
    assert "formula" in by_line[7].message_en
    assert by_line[3].render() == f"line 3: uscc: {by_line[3].message_en}"
    assert by_line[3].render("zh").startswith("第 3 行: uscc: 统一社会信用代码")


def test_a_one_megabyte_cell_is_a_short_row_problem(tmp_path):
    huge = "智" * 1_000_000
    text = f"{EN}\n{row(1)}\n{row(2, name_en=huge)}\n{row(3)}\n"
    p = write_csv(tmp_path, text)
    results = checked(p)
    assert [type(r).__name__ for r in results] == ["CheckedRow", "RowProblem", "CheckedRow"]
    bad = results[1]
    assert (bad.line, bad.column) == (3, "name_en")
    assert "1,000,000 characters" in bad.message_en and len(bad.message_en) < 300


def test_control_characters_and_multi_line_cells_keep_the_spreadsheet_line_numbers(tmp_path):
    # A quoted cell with a line break is one spreadsheet row; the row after it is line 3, not 4.
    text = f'{EN}\n"两行\n名称",{row(1).split(",", 1)[1]}\n{row(2, uscc="91310104MA1F000000")}\n'
    text += row(3, legal_rep="王\x07伟") + "\n"
    found = [(p.line, p.column) for p in problems(write_csv(tmp_path, text))]
    assert found == [(2, "name_zh"), (3, "uscc"), (4, "legal_rep")]


def test_blank_rows_are_ignored_and_not_counted(tmp_path):
    text = f"\n\n{EN}\n{row(1)}\n,,,,,,,,,,\n   \n{row(2)}\n\n"
    results = checked(write_csv(tmp_path, text))
    assert [r.line for r in results] == [4, 7]


def test_a_value_under_a_column_without_header_is_a_row_problem(tmp_path):
    text = f"{EN},\n{row(1)},\n{row(2)},遗漏的备注\n"
    [good, bad] = checked(write_csv(tmp_path, text))
    assert isinstance(good, CheckedRow)
    assert (bad.line, bad.column) == (3, None) and "column L" in bad.message_en


def test_the_templates_example_row_is_refused(tmp_path):
    [bad] = checked(write_csv(tmp_path, f"{EN}\n{row(1, uscc=EXAMPLE_USCC)}\n"))
    assert "example row" in bad.message_en


def test_a_masked_phone_says_why_it_cannot_be_imported(tmp_path):
    [bad] = checked(write_csv(tmp_path, f"{EN}\n{row(1, phone='138****8000')}\n"))
    assert bad.column == "phone" and "masked" in bad.message_en


def test_cell_values_undo_the_exports_formula_guard_only():
    name = BY_FIELD["name_zh"]
    assert cell_value("'=1+1 公司", name) == "=1+1 公司"
    assert cell_value("'+86 21 6400 0000", BY_FIELD["phone"]) == "+86 21 6400 0000"
    assert cell_value("'普通'引号", name) == "'普通'引号"
    assert cell_value("  空格  ", name) == "空格"


def test_column_letters_are_spreadsheet_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


# --- whole-file problems ------------------------------------------------------------------------


def refused(path: Path) -> str:
    with pytest.raises(ValidationError) as info:
        checked(path)
    return info.value.message


def test_missing_required_column_is_named(tmp_path):
    msg = refused(write_csv(tmp_path, "name_zh,uscc\n公司,x\n"))
    assert "founded_on" in msg and "成立日期" in msg and "missing" in msg


def test_unknown_column_is_named(tmp_path):
    msg = refused(write_csv(tmp_path, "name_zh,uscc,founded_on,注册资本\n"))
    assert "“注册资本” is not a team column" in msg


def test_duplicate_column_in_two_languages_is_named(tmp_path):
    msg = refused(write_csv(tmp_path, "name_zh,uscc,founded_on,统一社会信用代码\n"))
    assert "appears twice" in msg and "“uscc” and “统一社会信用代码”" in msg


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n , ,\r\n\r\n"])
def test_an_empty_file_says_so(tmp_path, content):
    p = tmp_path / "empty.csv"
    p.write_bytes(content)
    assert "is empty" in refused(p)


@pytest.mark.parametrize(
    "content",
    [
        b"name_zh,uscc\n\x00\x01\x02\x03 binary",
        b"name_zh,uscc,founded_on\n\x80\xff\x81\xfe\n",  # neither UTF-8 nor GBK
        b"\xef\xbb\xbfname_zh,uscc,founded_on\n\xc4\xe3\xba\xc3\n",  # a BOM, then GBK bytes
    ],
)
def test_junk_or_the_wrong_encoding_asks_for_csv_utf8(tmp_path, content):
    p = tmp_path / "junk.csv"
    p.write_bytes(content)
    assert refused(p) == (
        "junk.csv is not a text CSV file in UTF-8 or GBK; save it again as CSV UTF-8 "
        "(in Excel: Save As → “CSV UTF-8 (Comma delimited)”)."
    )


def test_utf16_unicode_text_is_named(tmp_path):
    p = tmp_path / "u16.csv"
    p.write_bytes(codecs.BOM_UTF16_LE + (EN + "\n").encode("utf-16-le"))
    assert "UTF-16" in refused(p)


def test_a_workbook_named_csv_is_recognised(tmp_path):
    p = tmp_path / "teams.csv"
    p.write_bytes((DATA / "teams_zh.xlsx").read_bytes())
    assert "rename it to .xlsx" in refused(p)


@pytest.mark.parametrize("suffix", [".xls", ".et", ".ods"])
def test_old_or_foreign_spreadsheets_are_refused_with_what_to_do(tmp_path, suffix):
    p = tmp_path / f"teams{suffix}"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    msg = refused(p)
    assert f"is a {suffix} spreadsheet" in msg and "save it as .xlsx" in msg


def test_other_extensions_are_refused(tmp_path):
    p = write_csv(tmp_path, EN, name="teams.txt")
    assert "save it as .xlsx" in refused(p)


@pytest.mark.parametrize(
    "content",
    [b"name_zh,uscc,founded_on\n", b"PK\x03\x04broken zip", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1xx"],
)
def test_a_damaged_or_fake_xlsx_is_refused(tmp_path, content):
    p = tmp_path / "teams.xlsx"
    p.write_bytes(content)
    msg = refused(p)
    assert "not a readable Excel workbook" in msg or "password-protected" in msg


def test_a_missing_file_is_not_found(tmp_path):
    with pytest.raises(NotFound):
        open_source(tmp_path / "nope.csv")


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "dir.csv").mkdir()
    assert "is a folder" in refused(tmp_path / "dir.csv")


# --- nothing but a DeskError, whatever the bytes ------------------------------------------------


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_random_bytes_raise_nothing_but_desk_errors(tmp_path, data):
    _read_all(tmp_path / "fuzz.csv", data)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.text(max_size=300),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
)
def test_random_text_under_a_valid_header_raises_nothing_but_desk_errors(tmp_path, body, encoding):
    try:
        data = (EN + "\n" + body).encode(encoding)
    except UnicodeEncodeError:  # lone surrogates cannot be saved in any encoding
        return
    _read_all(tmp_path / "fuzz.csv", data)


def _read_all(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        for result in checked(path):
            assert isinstance(result, CheckedRow | RowProblem)
    except DeskError:
        pass
