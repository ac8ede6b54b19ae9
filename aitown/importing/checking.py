"""Checking the rows of a team list: each cell, then the same ``check_team_fields`` the forms use,
then duplicates within the file. One bad row gives one :class:`RowProblem` naming its line (as a
spreadsheet shows it: the header is line 1) and its column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from aitown.errors import ValidationError
from aitown.importing.columns import (
    BY_FIELD,
    EXAMPLE_USCC,
    FORMULA_STARTS,
    Column,
    HeaderMap,
    column_letter,
    match_header,
)
from aitown.importing.reading import SourceFile, iter_lines
from aitown.validation import TeamInput, check_team_fields

# No team field is longer than 200 characters; a longer cell is refused without echoing it, so a
# pasted document in one cell gives a short message, not a megabyte of it.
MAX_CELL_CHARS = 1000
MAX_EMAIL_CHARS = 120  # the width of team.email
# Excel on Chinese Windows saves date cells into a CSV as 2023/3/2 (no leading zeros).
LOOSE_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")

# Unicode category Cc (C0 and C1 controls and DEL), matched in C rather than per character.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class RowProblem:
    """Why one row of the file cannot be imported."""

    line: int
    column: (
        str | None
    )  # the header as written in the file; None when the row as a whole is at fault
    message_en: str
    message_zh: str

    def message_for(self, lang: str) -> str:
        return self.message_zh if lang.startswith("zh") else self.message_en

    def render(self, lang: str = "en") -> str:
        """“line 7: uscc: The unified social credit code … has a wrong check digit …”."""
        word = "第 {} 行" if lang.startswith("zh") else "line {}"
        where = word.format(self.line)
        if self.column:
            where += f": {self.column}"
        return f"{where}: {self.message_for(lang)}"


@dataclass(frozen=True)
class CheckedRow:
    """A row that passed every check, ready to become a team."""

    line: int
    team: TeamInput


class _CellProblem(Exception):
    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en, self.zh = en, zh


def open_rows(source: SourceFile) -> tuple[HeaderMap, Iterator[tuple[int, list[object]]]]:
    """The header of the file (its first non-blank row) and an iterator over the rows below it."""
    lines = iter_lines(source)
    for _line, cells in lines:
        if not is_blank(cells):
            return match_header(cells, file_name=source.name), lines
    raise ValidationError(
        f"{source.name} is empty: it needs a header row (name_zh, uscc, founded_on, …) and one "
        "row per team; get a template with “aitown-cli teams template”.",
        f"{source.name} 是空文件：应有一行列名（中文名称、统一社会信用代码、成立日期……）及每个团队一行；"
        "可用“aitown-cli teams template”生成模板。",
    )


def is_blank(cells: Iterable[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def check_rows(
    header: HeaderMap,
    rows: Iterable[tuple[int, list[object]]],
    *,
    today: dt.date | None = None,
) -> Iterator[CheckedRow | RowProblem]:
    """Check every non-blank row; a credit code already met higher up the file is a problem too."""
    today = today or dt.date.today()
    first_seen: dict[str, int] = {}
    for line, cells in rows:
        if is_blank(cells):
            continue
        result = check_row(header, line, cells, today=today)
        if isinstance(result, CheckedRow):
            code = result.team.uscc
            earlier = first_seen.setdefault(code, line)
            if earlier != line:
                result = RowProblem(
                    line,
                    header.label("uscc"),
                    f"The credit code {code} is also on line {earlier}; a team can be listed only "
                    "once: remove one of the two rows.",
                    f"统一社会信用代码 {code} 与第 {earlier} 行重复；每个团队只能出现一次，请删除其中一行。",
                )
        yield result


def check_row(
    header: HeaderMap, line: int, cells: list[object], *, today: dt.date
) -> CheckedRow | RowProblem:
    """Check one row; the first problem found is the one reported."""
    values: dict[str, object] = {}
    for index, column in header.positions:
        raw = cells[index] if index < len(cells) else None
        try:
            values[column.field] = cell_value(raw, column)
        except _CellProblem as p:
            return RowProblem(line, header.label(column.field), p.en, p.zh)
    known = {index for index, _ in header.positions}
    for index, raw in enumerate(cells):
        if index not in known and not is_blank((raw,)):
            letter = column_letter(index)
            return RowProblem(
                line,
                None,
                f"There is a value in column {letter}, which has no known header; give the column a "
                "header or clear it.",
                f"第 {letter} 列有内容但没有可识别的列名；请补上列名或清空该列。",
            )
    if values.get("uscc") == EXAMPLE_USCC:
        return RowProblem(
            line,
            header.label("uscc"),
            "This is the template's example row; delete it and list the real teams.",
            "这是模板中的示例行，请删除后填写真实的团队。",
        )
    try:
        team = check_team_fields(values, today=today)
    except ValidationError as exc:
        label = header.label(exc.field) if exc.field in BY_FIELD else None
        return RowProblem(line, label, exc.message, exc.message_zh or exc.message)
    if len(team.email) > MAX_EMAIL_CHARS:
        return RowProblem(
            line,
            header.label("email"),
            f"The e-mail address has {len(team.email)} characters; at most {MAX_EMAIL_CHARS} are allowed.",
            f"邮箱长度为{len(team.email)}个字符，最多允许{MAX_EMAIL_CHARS}个。",
        )
    return CheckedRow(line, team)


def cell_value(raw: object, column: Column) -> object:
    """What a cell holds, as check_team_fields takes it: text stripped, dates as dates."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return str(raw).upper()
    if isinstance(raw, dt.datetime):
        return raw.date() if column.field == "founded_on" else raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw if column.field == "founded_on" else raw.isoformat()
    if isinstance(raw, float):
        if column.field == "uscc":
            raise _CellProblem(
                "The credit code was stored as a number, which loses its last digits; format the "
                "column as Text and type the code again.",
                "统一社会信用代码被存成了数字，末几位已丢失；请将该列设为“文本”格式后重新输入。",
            )
        return str(int(raw)) if raw.is_integer() else str(raw)
    if isinstance(raw, int | dt.time | dt.timedelta):
        return str(raw)
    if not isinstance(raw, str):  # openpyxl's array and data-table formulas
        raise _formula()
    if len(raw) > MAX_CELL_CHARS:
        raise _CellProblem(
            f"The cell has {len(raw):,} characters, far more than any team field holds; check "
            "that this is the right file and column.",
            f"该单元格有 {len(raw):,} 个字符，远超任何团队信息的长度；请检查文件和列是否正确。",
        )
    text = raw.strip()
    if text.startswith("="):
        raise _formula()
    if text[:1] == "'" and text[1:2] and text[1] in FORMULA_STARTS:
        text = text[1:]  # undo the export's guard, so an exported list imports back unchanged
    if _CONTROL.search(text):
        raise _CellProblem(
            "The cell contains control characters (such as a line break or tab); type the value "
            "again on one line.",
            "该单元格含有控制字符（如换行或制表符），请在一行内重新输入。",
        )
    if column.field == "founded_on" and (m := LOOSE_DATE_RE.fullmatch(text)):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass  # 2023/2/30: check_team_fields names the bad date
    if column.field == "phone" and "*" in text:
        raise _CellProblem(
            f"The phone number “{text}” is masked (the list was exported by a user who may not see "
            "personal data); enter the full number or leave it empty.",
            f"电话“{text}”已脱敏（导出者无权查看个人信息），请填写完整号码或留空。",
        )
    return text


def _formula() -> _CellProblem:
    return _CellProblem(
        "The cell looks like a spreadsheet formula; type the value itself (or copy the column and "
        "paste it as values).",
        "该单元格看起来是电子表格公式；请直接填写数值（或复制该列后“选择性粘贴为数值”）。",
    )
