"""The columns of a team list (PRODUCT.md ``teams import``): their English and Chinese headers, and
matching a file's header row to them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aitown.errors import ValidationError


@dataclass(frozen=True)
class Column:
    """One column of a team list: the Team field it fills and the headers a person may write."""

    field: str
    header_en: str
    header_zh: str
    required: bool = False

    def header(self, lang: str) -> str:
        return self.header_zh if lang.startswith("zh") else self.header_en


COLUMNS: tuple[Column, ...] = (
    Column("name_zh", "name_zh", "中文名称", required=True),
    Column("name_en", "name_en", "英文名称"),
    Column("uscc", "uscc", "统一社会信用代码", required=True),
    Column("legal_rep", "legal_rep", "法定代表人"),
    Column("founded_on", "founded_on", "成立日期", required=True),
    Column("district", "district", "所在区"),
    Column("headcount", "headcount", "人数"),
    Column("ai_focus", "ai_focus", "人工智能方向"),
    Column("phone", "phone", "电话"),
    Column("email", "email", "邮箱"),
    Column("status", "status", "状态"),
)
# Columns an import also takes (they are not team fields an export writes): the §1.5 check
# (yes / no / not checked) and the §6.1 related parties ("name|USCC|legal rep; …").
EXTRA_COLUMNS: tuple[Column, ...] = (
    Column("dishonest", "dishonest", "失信名单"),
    Column("related_parties", "related_parties", "关联方"),
)
BY_FIELD = {c.field: c for c in (*COLUMNS, *EXTRA_COLUMNS)}

# A text starting with one of these is run as a formula by spreadsheets (OWASP "CSV injection");
# the export puts an apostrophe in front of it and the import takes that apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``: shown as text by Excel and WPS, never run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# Every spelling a header may take, folded the way a header cell is folded before lookup.
_BY_HEADER = {
    fold: c for c in (*COLUMNS, *EXTRA_COLUMNS) for fold in (c.header_en.casefold(), c.header_zh)
}


def fold_header(text: str) -> str:
    # Spreadsheets keep stray spaces (also the ideographic space) around headers; case is noise too.
    return text.strip().strip("\u3000").casefold()


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names the column at ``index``."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class HeaderMap:
    """Which position of a row holds which column, and the header text the person wrote for it."""

    positions: tuple[tuple[int, Column], ...]
    labels: dict[str, str]  # field -> header as written in the file
    width: int  # how many cells the header row has (up to its last non-empty one)
    lang: str  # "zh" when most headers are Chinese, else "en"

    def label(self, field: str) -> str:
        return self.labels.get(field) or BY_FIELD[field].header_en


def match_header(cells: Sequence[object], *, file_name: str) -> HeaderMap:
    """Map a header row to the team columns, or refuse the whole file naming the header at fault.

    Unknown, duplicate (also ``uscc`` next to ``统一社会信用代码``) and missing required columns are
    refused here: importing such a file could only put values into the wrong fields.
    """
    texts = ["" if c is None else str(c) for c in cells]
    while texts and not texts[-1].strip():
        texts.pop()
    positions: list[tuple[int, Column]] = []
    labels: dict[str, str] = {}
    unknown: list[str] = []
    chinese = 0
    for index, raw in enumerate(texts):
        label = raw.strip().strip("\u3000")
        if not label:
            continue  # an empty header cell; a value under it is reported on its row
        column = _BY_HEADER.get(fold_header(raw))
        if column is None:
            unknown.append(label)
            continue
        if column.field in labels:
            raise ValidationError(
                f"{file_name}: the column “{column.header_en}” appears twice "
                f"(“{labels[column.field]}” and “{label}”); keep only one of them.",
                f"{file_name}：“{column.header_zh}”列出现了两次（“{labels[column.field]}”和“{label}”），"
                "请只保留一列。",
                field=column.field,
            )
        labels[column.field] = label
        positions.append((index, column))
        chinese += label == column.header_zh
    if unknown:
        shown = "”, “".join(u[:60] for u in unknown[:5])
        verb = "is not a team column" if len(unknown) == 1 else "are not team columns"
        raise ValidationError(
            f"{file_name}: “{shown}” {verb}. The first row must hold the "
            f"headers {', '.join(c.header_en for c in COLUMNS)} (or the Chinese "
            "headers); get a template with “aitown-cli teams template”.",
            f"{file_name}：“{shown}”不是团队信息的列。第一行应为列名 "
            f"{'、'.join(c.header_zh for c in COLUMNS)}（或英文列名）；"
            "可用“aitown-cli teams template”生成模板。",
        )
    missing = [c for c in COLUMNS if c.required and c.field not in labels]
    if missing:
        raise ValidationError(
            f"{file_name}: the required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(f'“{c.header_en}” ({c.header_zh})' for c in missing)} "
            f"{'are' if len(missing) > 1 else 'is'} missing; add "
            f"{'them' if len(missing) > 1 else 'it'} to the header row.",
            f"{file_name}：缺少必填列{'、'.join(f'“{c.header_zh}”' for c in missing)}，请在第一行添加。",
            field=missing[0].field,
        )
    return HeaderMap(
        positions=tuple(positions),
        labels=labels,
        width=len(texts),
        lang="zh" if chinese * 2 > len(positions) else "en",
    )


def _example_uscc() -> str:
    from stdnum.cn import uscc

    base = "91310104MA1K4D8L0"  # Xuhui (310104); the rest is made up
    return base + uscc.calc_check_digit(base)


# The template's example row carries this code; an import refuses it, so a forgotten example
# row never becomes a team.
EXAMPLE_USCC = _example_uscc()
