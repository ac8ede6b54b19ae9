"""Any list of the desk as a file: .xlsx, .csv or a printable PDF, audited.

A :class:`Table` is rows of typed values under typed :class:`Column` s (money in integer fen, areas
in hundredths of a square metre, dates as dates). :func:`export_tables` writes one or more of them:

- ``.xlsx``: one sheet per table, dates as dates, money and areas as numbers with two decimals,
  a frozen header, column widths, a totals row;
- ``.csv`` (one table): UTF-8 with a BOM (what Excel opens with Chinese intact), plain numbers;
- ``.pdf``: the office's name on every page, the title and what was selected, landscape when the
  columns need it, "page x of y", totals, and the table's chart when it has one.

Text a spreadsheet would run as a formula is neutralised (the team export's guard, reused), and the
table builders (:mod:`aitown.services.list_tables`) mask personal data unless the user may see it.
The file appears only together with its ``list.export`` audit event, written in one transaction.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.importing.columns import neutralise_formula
from aitown.money import format_yuan
from aitown.services.actor import Actor
from aitown.services.audit import record_event

# The formula guard and the cancel error of the team export, in one place.
from aitown.services.team_export import (
    ILLEGAL_CHARACTERS_RE,
    ExportCancelled,
    cannot_write,
    check_export_target,
)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

LIST_FORMATS = (".xlsx", ".csv", ".pdf")
REPORT_FORMATS = (".xlsx", ".pdf")
PROGRESS_EVERY = 500
# Above this many characters of column width a PDF page is turned to landscape.
PORTRAIT_WIDTH_CHARS = 95

__all__ = [
    "Chart",
    "Column",
    "ColumnKind",
    "ExportCancelled",
    "Table",
    "export_tables",
    "print_tables",
    "check_target",
    "render_pdf",
]


class ColumnKind(StrEnum):
    """How a column's values are kept and shown."""

    TEXT = "text"
    INT = "int"
    MONEY = "money"  # integer fen
    AREA = "area"  # integer hundredths of a square metre
    DATE = "date"
    DATETIME = "datetime"
    PERCENT = "percent"  # a Decimal or float share, 0..1


@dataclass(frozen=True)
class Column:
    """One column: its key, headers in both languages, kind, width (characters), whether summed."""

    key: str
    en: str
    zh: str
    kind: ColumnKind = ColumnKind.TEXT
    width: int = 14
    total: bool = False

    def header(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Chart:
    """A bar or line chart drawn under a table in the PDF (the application draws it with QtCharts).

    ``series``: (English label, Chinese label, one number per category)."""

    title_en: str
    title_zh: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, str, tuple[float, ...]], ...]
    kind: str = "bar"  # "bar" or "line"


@dataclass
class Table:
    """A list ready to write: ``rows`` hold one value per column, in the columns' kinds."""

    name: str  # what the audit event names, e.g. "applications"
    title_en: str
    title_zh: str
    columns: Sequence[Column]
    rows: list[list[Any]]
    notes_en: list[str] = field(default_factory=list)  # what was selected, the period…
    notes_zh: list[str] = field(default_factory=list)
    masked: bool = False  # personal data was masked
    totals: bool = True
    charts: tuple[Chart, ...] = ()

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def notes(self, lang: str) -> list[str]:
        return self.notes_zh if lang == "zh" else self.notes_en

    def total_row(self) -> list[Any] | None:
        """The sums of the summed columns ("Total" in the first), or None when nothing is summed."""
        if not self.totals or not any(c.total for c in self.columns):
            return None
        row: list[Any] = []
        for i, col in enumerate(self.columns):
            if col.total:
                row.append(sum(int(r[i] or 0) for r in self.rows))
            else:
                row.append(None)
        return row


def lang_of(lang: str) -> str:
    return "zh" if lang.startswith("zh") else "en"


def check_target(path: str | os.PathLike[str], formats: Sequence[str] = LIST_FORMATS) -> Path:
    """``path`` as a Path when a file of one of ``formats`` may be written there, else a sentence."""
    return check_export_target(path, formats)


def safe_text(value: object) -> str:
    """Text a spreadsheet will show as text: XML-illegal characters dropped, formulas defused."""
    return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def export_tables(
    db: Database,
    actor: Actor | None,
    tables: Sequence[Table],
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    formats: Sequence[str] = LIST_FORMATS,
    office_name: str = "",
    action: str = "list.export",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write ``tables`` to ``path`` (.xlsx, .csv or .pdf by its extension); return the rows written.

    The file is written beside the target under a hidden name and moved into place in the same
    transaction as its audit event (``action``: ``list.export``, ``report.export``…); a failure or Cancel leaves no file behind.
    A .csv holds one table. The tables were built for ``actor`` (their rights already checked);
    ``actor`` None records the event as done by "system" (a public list printed without a user).
    """
    target = check_target(path, formats)
    lang = lang_of(lang)
    suffix = target.suffix.lower()
    if suffix == ".csv" and len(tables) != 1:
        raise ValidationError(
            "A .csv file holds one table: save this report as .xlsx or .pdf.",
            ".csv 文件只能容纳一张表：请将此报表保存为 .xlsx 或 .pdf。",
        )
    watch = _Watch(sum(len(t.rows) for t in tables), progress, cancel)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        if suffix == ".csv":
            _write_csv(tmp, tables[0], lang, watch)
        elif suffix == ".xlsx":
            _write_xlsx(tmp, tables, lang, watch)
        else:
            tmp.write_bytes(
                render_pdf(
                    tables,
                    lang=lang,
                    office_name=office_name,
                    user=actor.name if actor else "system",
                    watch=watch,
                )
            )
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    count = sum(len(t.rows) for t in tables)
    _publish(
        db,
        actor,
        tmp,
        target,
        action=action,
        entity=tables[0].name if tables else "list",
        after={
            "file": target.name,
            "format": suffix.lstrip("."),
            "lang": lang,
            "tables": [t.name for t in tables],
            "count": count,
            "masked": any(t.masked for t in tables),
            "notes": [n for t in tables for n in t.notes_en],
        },
    )
    return count


class _Watch:
    """Progress now and then, and Cancel asked between rows."""

    def __init__(self, total: int, progress: Progress | None, cancel: Cancel | None):
        self.total, self.done = total, 0
        self._progress, self._cancel = progress, cancel

    def step(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            if self._cancel is not None and self._cancel():
                raise ExportCancelled()
            if self._progress is not None:
                self._progress(self.done, self.total)

    def finish(self) -> None:
        if self._cancel is not None and self._cancel():
            raise ExportCancelled()
        if self._progress is not None:
            self._progress(self.total, self.total)


# ----- .csv -------------------------------------------------------------------------------------


def _csv_value(col: Column, value: Any) -> object:
    if value is None or value == "":
        return ""
    if col.kind in (ColumnKind.MONEY, ColumnKind.AREA):
        return format_yuan(int(value), grouping=False)  # hundredths either way: 2 decimals
    if col.kind in (ColumnKind.DATE, ColumnKind.DATETIME):
        return (
            value.isoformat(sep=" ", timespec="minutes")
            if isinstance(value, dt.datetime)
            else value.isoformat()
        )
    if col.kind == ColumnKind.INT:
        return int(value)
    if col.kind == ColumnKind.PERCENT:
        return f"{Decimal(str(value)) * 100:.1f}%"
    return safe_text(value)


def _write_csv(tmp: Path, table: Table, lang: str, watch: _Watch) -> None:
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow([safe_text(c.header(lang)) for c in table.columns])
        for row in table.rows:
            writer.writerow([_csv_value(c, v) for c, v in zip(table.columns, row, strict=True)])
            watch.step()
        total = table.total_row()
        if total is not None:
            cells = [_csv_value(c, v) for c, v in zip(table.columns, total, strict=True)]
            cells[0] = "合计" if lang == "zh" else "Total"
            writer.writerow(cells)
    watch.finish()


# ----- .xlsx ------------------------------------------------------------------------------------

_NUMBER_FORMATS = {
    ColumnKind.MONEY: "#,##0.00",
    ColumnKind.AREA: "#,##0.00",
    ColumnKind.INT: "0",
    ColumnKind.DATE: "yyyy-mm-dd",
    ColumnKind.DATETIME: "yyyy-mm-dd hh:mm",
    ColumnKind.PERCENT: "0.0%",
}


def _xlsx_value(col: Column, value: Any) -> object:
    if value is None or value == "":
        return None
    if col.kind in (ColumnKind.MONEY, ColumnKind.AREA):
        return Decimal(int(value)) / 100  # exact: a Decimal of hundredths, never a float sum
    if col.kind == ColumnKind.INT:
        return int(value)
    if col.kind == ColumnKind.PERCENT:
        return Decimal(str(value))
    if col.kind in (ColumnKind.DATE, ColumnKind.DATETIME):
        return value
    return safe_text(value)


def _sheet_title(name: str, used: set[str]) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    base = name[:28] or "Sheet"
    title, n = base, 2
    while title.lower() in used:
        title, n = f"{base[:25]} ({n})", n + 1
    used.add(title.lower())
    return title


def _typed_cells(
    ws: Any, columns: Sequence[Column], values: Sequence[Any], *, strong: bool = False
) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for col, value in zip(columns, values, strict=True):
        cell = WriteOnlyCell(ws, value=_xlsx_value(col, value))  # type: ignore[arg-type]  # a date or number by column kind
        fmt = _NUMBER_FORMATS.get(col.kind)
        if fmt:
            cell.number_format = fmt
        if strong:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _write_xlsx(tmp: Path, tables: Sequence[Table], lang: str, watch: _Watch) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    try:
        _fill_xlsx(wb, tables, lang, watch)
    except BaseException:
        # Finish openpyxl's temporary sheet files now; left open, their writers would fail
        # noisily when garbage-collected (as in aitown.services.team_export).
        for ws in wb.worksheets:
            with contextlib.suppress(Exception):
                ws.close()
        raise
    wb.save(tmp)


def _fill_xlsx(wb: Any, tables: Sequence[Table], lang: str, watch: _Watch) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    used: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        ws = wb.create_sheet(_sheet_title(table.title(lang), used))
        for index, col in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = col.width
        notes = table.notes(lang)
        header_row = 2 + len(notes) + 1  # title, notes, a blank line, then the header
        ws.freeze_panes = f"A{header_row + 1}"
        title = WriteOnlyCell(ws, value=safe_text(table.title(lang)))
        title.font = Font(bold=True, size=13)
        ws.append([title])
        for note in notes:
            ws.append([safe_text(note)])
        ws.append([])
        header = []
        for col in table.columns:
            cell = WriteOnlyCell(ws, value=safe_text(col.header(lang)))
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(cell)
        ws.append(header)

        for row in table.rows:
            ws.append(_typed_cells(ws, table.columns, row))
            watch.step()
        total = table.total_row()
        if total is not None:
            cells = _typed_cells(ws, table.columns, total, strong=True)
            cells[0].value = "合计" if lang == "zh" else "Total"
            ws.append(cells)
    if not tables:
        wb.create_sheet("Sheet")
    watch.finish()


# ----- .pdf -------------------------------------------------------------------------------------


def cell_text(col: Column, value: Any, lang: str = "en") -> str:
    """A value as a person reads it (money and areas with two decimals and grouping)."""
    if value is None or value == "":
        return ""
    if col.kind in (ColumnKind.MONEY, ColumnKind.AREA):
        return format_yuan(int(value))
    if col.kind == ColumnKind.DATETIME and isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if col.kind == ColumnKind.DATE and isinstance(value, dt.date):
        return value.isoformat()
    if col.kind == ColumnKind.PERCENT:
        return f"{Decimal(str(value)) * 100:.1f}%"
    return str(value)


def render_pdf(
    tables: Sequence[Table],
    *,
    lang: str = "en",
    office_name: str = "",
    user: str = "",
    watch: _Watch | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The tables as a PDF: office header and "page x of y" on every page, landscape when wide."""
    from aitown.services.list_pdf import build_pdf

    return build_pdf(
        tables,
        lang=lang_of(lang),
        office_name=office_name,
        user=user,
        step=watch.step if watch else None,
        today=today or dt.date.today(),
        cell_text=cell_text,
        portrait_chars=PORTRAIT_WIDTH_CHARS,
    )


def print_tables(
    db: Database,
    actor: Actor,
    tables: Sequence[Table],
    *,
    lang: str = "en",
    office_name: str = "",
    cancel: Cancel | None = None,
) -> bytes:
    """The tables as PDF bytes to print, recorded as a ``list.print`` audit event."""
    lang = lang_of(lang)
    watch = _Watch(sum(len(t.rows) for t in tables), None, cancel)
    data = render_pdf(tables, lang=lang, office_name=office_name, user=actor.name, watch=watch)
    with db.write() as s:
        record_event(
            s,
            actor,
            "list.print",
            tables[0].name if tables else "list",
            "",
            after={
                "tables": [t.name for t in tables],
                "lang": lang,
                "count": sum(len(t.rows) for t in tables),
                "masked": any(t.masked for t in tables),
                "notes": [n for t in tables for n in t.notes_en],
            },
        )
    return data


# ----- publishing -------------------------------------------------------------------------------


def _publish(
    db: Database,
    actor: Actor | None,
    tmp: Path,
    target: Path,
    *,
    action: str,
    entity: str,
    after: dict[str, Any],
) -> None:
    """Record the audit event and move the file into place: both happen, or neither."""
    moved = False
    try:
        with db.write() as s:
            record_event(s, actor, action, entity, "", after=after)
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise cannot_write(target, exc) from None
            moved = True
    except BaseException:
        tmp.unlink(missing_ok=True)
        if moved:
            target.unlink(missing_ok=True)  # written but not audited: take it back
        raise


def rows_of(records: Iterable[dict[str, Any]], columns: Sequence[Column]) -> list[list[Any]]:
    """Plain dict rows as table rows, in the columns' order."""
    return [[r.get(c.key) for c in columns] for r in records]
