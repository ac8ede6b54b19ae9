"""The tables of a notice: amounts (digits and capitals), a rent waiver schedule, failed rules.

Each builder takes ``lang``: ``"both"`` (English under the Chinese in every cell), ``"zh"`` or
``"en"`` (one language, for the two parts of an ``en-page`` notice).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from aitown.money import format_yuan
from aitown.notices import layout
from aitown.notices.document import AmountRow, RejectionRule, ScheduleRow
from aitown.notices.fonts import FONT_NAME
from aitown.notices.formatting import period_en, period_zh, yuan_en, yuan_zh
from aitown.notices.numerals import to_chinese_capital
from aitown.notices.styles import para

Lang = Literal["both", "zh", "en"]
# A TableStyle command: ("GRID", (col, row), (col, row), width, colour) and the like.
TableCommand = tuple[Any, ...]
# One piece of a stacked table: its rows of cells (Flowables or lists of them), its extra style commands, its header rows.
TablePiece = tuple[Sequence[list[Any]], Sequence[TableCommand], int]

_GRID: list[TableCommand] = [
    # Tables name a font for their own text even when every cell is a Paragraph; without this
    # it would be Helvetica, which the PDF does not embed.
    ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
    ("GRID", (0, 0), (-1, -1), 0.5, layout.TABLE_LINE),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]
SPACE_AROUND = 6
KEY_VALUE_WIDTHS = [60 * mm, layout.TEXT_WIDTH - 60 * mm]


def _stack(pieces: Sequence[TablePiece], widths: list[float]) -> list[Flowable]:
    """One visual table made of stacked tables of equal columns.

    The last piece is the table's tail (its total, its main amount or its last row): the notice
    keeps it on the page of the signature, while the rows above may stay on the page before.
    A single Table would have to move to the next page whole.
    """
    tables: list[Flowable] = []
    for data, extra, repeat in pieces:
        if not data:
            continue
        t = Table(data, colWidths=widths, repeatRows=repeat, hAlign="LEFT")
        t.setStyle(TableStyle([*_GRID, *extra]))
        tables.append(t)
    tables[0].spaceBefore = SPACE_AROUND
    tables[-1].spaceAfter = SPACE_AROUND
    return tables


def cell(
    zh: str,
    en: str,
    lang: Lang,
    *,
    zh_style: str = "cell_zh",
    en_style: str = "cell_en",
    en_alone_style: str | None = None,
) -> list[Flowable]:
    """A cell's content in the language(s) asked for."""
    if lang == "zh":
        return [para(zh, zh_style)]
    if lang == "en":
        return [para(en, en_alone_style or zh_style)]
    return [para(zh, zh_style), para(en, en_style)]


def facts_table(rows: tuple[AmountRow, ...], lang: Lang) -> list[Flowable]:
    """Key–value table of the notice's facts (contract, vendor, ratio, person, tier ...)."""
    facts: list[list[Any]] = [
        [cell(row.label_zh, row.label_en, lang), para(row.value, "cell_zh")] for row in rows
    ]
    return _stack([(facts[:-1], [], 0), (facts[-1:], [], 0)], KEY_VALUE_WIDTHS)


def main_amount_table(fen: int, label: tuple[str, str], lang: Lang) -> list[Flowable]:
    """The notice's amount in figures and in Chinese capitals (人民币贰拾万元整)."""
    label_zh, label_en = label
    digits = yuan_en(fen) if lang == "en" else yuan_zh(fen)
    rows: list[list[Any]] = [
        [
            cell(f"{label_zh}（小写）", f"{label_en} (in figures)", lang),
            para(digits, "cell_capital"),
        ],
        [
            cell(f"{label_zh}（大写）", f"{label_en} (in Chinese capitals)", lang),
            para(to_chinese_capital(fen), "cell_capital"),
        ],
    ]
    shade: list[TableCommand] = [("BACKGROUND", (0, 0), (-1, -1), layout.TABLE_HEAD_FILL)]
    # The amount in figures and in capitals are read together: never split across pages.
    return [KeepTogether(_stack([(rows, shade, 0)], KEY_VALUE_WIDTHS))]


SCHEDULE_COLUMNS = (
    ("月次", "Month", 16 * mm),
    ("期间", "Period", 58 * mm),
    ("月租金（元）", "Monthly rent (CNY)", 30 * mm),
    ("减免比例", "Waived", 20 * mm),
    ("减免金额（元）", "Waived (CNY)", 32 * mm),
)


def schedule_table(rows: tuple[ScheduleRow, ...], lang: Lang) -> list[Flowable]:
    """The month-by-month rent waiver schedule with its total; the header repeats on every page."""
    head = [
        cell(zh, en, lang, zh_style="cell_center", en_style="cell_en_center")
        for zh, en, _ in SCHEDULE_COLUMNS
    ]
    months: list[list[Any]] = [head]
    for r in rows:
        period = (period_en if lang == "en" else period_zh)(r.period_start, r.period_end)
        months.append(
            [
                para(str(r.month), "cell_center"),
                para(period, "cell_center"),
                para(format_yuan(r.rent_fen), "cell_num"),
                para(r.waived_percent, "cell_center"),
                para(format_yuan(r.waived_fen), "cell_num"),
            ]
        )
    total_label = {"zh": "合计", "en": "Total", "both": "合计 Total"}[lang]
    total: list[list[Any]] = [
        [
            para(total_label, "cell_center"),
            "",
            para(format_yuan(sum(r.rent_fen for r in rows)), "cell_num"),
            "",
            para(format_yuan(sum(r.waived_fen for r in rows)), "cell_num"),
        ]
    ]
    return _stack(
        [
            (months, [("BACKGROUND", (0, 0), (-1, 0), layout.TABLE_HEAD_FILL)], 1),
            (
                total,
                [
                    ("BACKGROUND", (0, 0), (-1, -1), layout.TABLE_HEAD_FILL),
                    ("SPAN", (0, 0), (1, 0)),
                ],
                0,
            ),
        ],
        [w for _, _, w in SCHEDULE_COLUMNS],
    )


def rules_table(rules: tuple[RejectionRule, ...], lang: Lang) -> list[Flowable]:
    """Every failed rule with its clause and the reason, English under Chinese where asked."""
    head = [
        cell("条款", "Clause", lang, zh_style="cell_center", en_style="cell_en_center"),
        cell("未满足的条件及理由", "Rule not met, and why", lang),
    ]
    data: list[list[Any]] = [head]
    for rule in rules:
        # A rule without a clause is a reviewer's own reason for rejecting (a dash, not 第条).
        clause = cell(
            f"第{rule.clause}条" if rule.clause else "—",
            f"§{rule.clause}" if rule.clause else "—",
            lang,
            zh_style="cell_center",
            en_style="cell_en_center",
        )
        data.append([clause, cell(rule.reason_zh, rule.reason_en, lang)])
    head_fill: list[TableCommand] = [("BACKGROUND", (0, 0), (-1, 0), layout.TABLE_HEAD_FILL)]
    body, tail = (data[:-1], data[-1:]) if len(data) > 2 else (data, [])
    return _stack(
        [(body, head_fill, 1), (tail, [], 0)],
        [24 * mm, layout.TEXT_WIDTH - 24 * mm],
    )
