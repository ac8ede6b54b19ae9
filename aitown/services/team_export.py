"""Exporting the team list to ``.csv`` / ``.xlsx``, and the empty template for an import.

The files have the import's columns and headers (English by default, Chinese with ``lang="zh"``),
so an exported list imports back unchanged. CSV is written as UTF-8 with a BOM, the one encoding
Excel opens with Chinese intact. Text that a spreadsheet would run as a formula gets a leading
apostrophe (OWASP CSV injection). Phones are masked unless the user may see personal data.
Every export is audited; the file appears (atomically) only together with its audit event.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import re
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select

from aitown.db import Database
from aitown.enums import TeamStatus
from aitown.errors import DeskError, ValidationError
from aitown.importing.columns import COLUMNS, EXAMPLE_USCC, neutralise_formula
from aitown.models import Team
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.members import mask_phone
from aitown.services.teams import SORTABLE, TeamQuery, filtered_teams
from aitown.validation import STATUS_ALIASES

FORMATS = (".xlsx", ".csv")
# The control characters an .xlsx (XML) cannot hold; the same as openpyxl's ILLEGAL_CHARACTERS_RE.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
STATUS_ZH = {code: label for label, code in STATUS_ALIASES.items()}
# Column widths of the .xlsx files, in characters, so a printed or opened list is readable at once.
XLSX_WIDTHS = {
    "name_zh": 34,
    "name_en": 36,
    "uscc": 22,
    "legal_rep": 12,
    "founded_on": 12,
    "district": 10,
    "headcount": 8,
    "ai_focus": 16,
    "phone": 16,
    "email": 26,
    "status": 10,
}
# Typed into as text, so that Excel keeps an all-digit credit code or a phone's leading 0.
XLSX_TEXT_COLUMNS = ("uscc", "phone")
YIELD_ROWS = 1000


class ExportCancelled(DeskError):
    """The person cancelled the export; no file was written."""

    def __init__(self) -> None:
        super().__init__("Export cancelled; no file was written.", "导出已取消，未生成文件。")


def export_teams(
    db: Database,
    actor: Actor,
    path: str | os.PathLike[str],
    *,
    query: TeamQuery | None = None,
    lang: str = "en",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the teams (all, or those ``query`` selects, in its order) to ``path``; return the count.

    ``.csv`` or ``.xlsx`` by the file's extension; headers in English or, with ``lang="zh"``, in
    Chinese (statuses then in Chinese too). Records a ``team.export`` audit event.
    """
    actor.require("team.export")
    target = check_export_target(path, FORMATS)
    lang = "zh" if lang.startswith("zh") else "en"
    masked = not actor.can("personal_data.view")
    stmt = _statement(query)
    with db.read() as s:
        total = s.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = (
            _row(r, lang, masked) for r in s.execute(stmt.execution_options(yield_per=YIELD_ROWS))
        )
        tmp, count = _write_atomically(target, lang, _watch(rows, total, progress, cancel))
    _publish(
        db,
        actor,
        tmp,
        target,
        after={
            "file": target.name,
            "format": target.suffix.lower().lstrip("."),
            "lang": lang,
            "count": count,
            "phone_masked": masked,
            "query": _describe(query),
        },
    )
    return count


def write_template(path: str | os.PathLike[str], *, lang: str = "en") -> None:
    """Write an empty team list: the header row and one example row (refused if imported as is)."""
    target = check_export_target(path, FORMATS)
    lang = "zh" if lang.startswith("zh") else "en"
    example = {
        "name_zh": "示例智能科技（上海）有限公司",
        "name_en": "Example Intelligence (Shanghai) Co., Ltd.",
        "uscc": EXAMPLE_USCC,
        "legal_rep": "张三",
        "founded_on": dt.date(2024, 3, 1),
        "district": "徐汇区",
        "headcount": 12,
        # One of the policy's AI focus labels (admission.ai_focus), so rule 1.3 recognises it.
        "ai_focus": "垂类大模型" if lang == "zh" else "vertical models",
        "phone": "021-64000000",
        "email": "contact@example.com",
        "status": STATUS_ZH[TeamStatus.APPLICANT] if lang == "zh" else TeamStatus.APPLICANT,
    }
    row = [_cell(c.field, example[c.field]) for c in COLUMNS]
    tmp, _count = _write_atomically(target, lang, iter([row]))
    try:
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(target, exc) from None


def check_export_target(path: str | os.PathLike[str], formats: Sequence[str]) -> Path:
    """``path`` as a Path when a file of one of ``formats`` may be written there, else a sentence
    (the team export and every list export share it)."""
    target = Path(path)
    names = " or ".join(formats)
    if target.suffix.lower() not in formats:
        raise ValidationError(
            f"Cannot write {target.name}: name the file {names}.",
            f"无法写入 {target.name}：文件名请以 {'、'.join(formats)} 结尾。",
        )
    if target.is_dir():
        raise ValidationError(
            f"{target} is a folder: give a file name ending in {names}.",
            f"{target} 是文件夹：请给出以 {'、'.join(formats)} 结尾的文件名。",
        )
    if not target.parent.is_dir():
        raise ValidationError(
            f"Cannot write {target}: the folder {target.parent} does not exist.",
            f"无法写入 {target}：文件夹 {target.parent} 不存在。",
        )
    return target


def cannot_write(target: Path, exc: OSError) -> ValidationError:
    """The sentence for a file that could not be written (often: open in Excel or WPS)."""
    reason = exc.strerror or str(exc)
    return ValidationError(
        f"Cannot write {target}: {reason}. Close the file if it is open in Excel or WPS, or choose "
        "another folder.",
        f"无法写入 {target}：{reason}。如文件已在 Excel 或 WPS 中打开请先关闭，或换一个文件夹。",
    )


def _statement(query: TeamQuery | None) -> Select[Any]:
    q = query or TeamQuery()
    col = SORTABLE.get(q.sort, Team.id)
    order = [
        col.desc() if q.descending else col.asc(),
        Team.id.desc() if q.descending else Team.id.asc(),
    ]
    columns = [getattr(Team, c.field) for c in COLUMNS]
    return filtered_teams(q).with_only_columns(*columns).order_by(*order)


def _describe(query: TeamQuery | None) -> dict[str, Any] | None:
    if query is None:
        return None
    found = {
        "text": query.text,
        "status": query.status,
        "district": query.district,
        "ai_focus": query.ai_focus,
    }
    return {k: v for k, v in found.items() if v} or None


def _row(record: Any, lang: str, masked: bool) -> list[object]:
    values = dict(zip((c.field for c in COLUMNS), record, strict=True))
    if masked:
        values["phone"] = mask_phone(values["phone"])
    if lang == "zh":
        values["status"] = STATUS_ZH.get(values["status"], values["status"])
    return [_cell(c.field, values[c.field]) for c in COLUMNS]


def _cell(field: str, value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date | int):
        return value  # the csv writer turns them into YYYY-MM-DD / digits; xlsx keeps the type
    # Characters XML cannot hold go first, so that what remains is what the guard looks at.
    return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _watch(
    rows: Iterator[list[object]], total: int, progress: Progress | None, cancel: Cancel | None
) -> Iterator[list[object]]:
    for done, row in enumerate(rows, start=1):
        if done % YIELD_ROWS == 0:
            if cancel is not None and cancel():
                raise ExportCancelled()
            if progress:
                progress(done, total)
        yield row
    if progress:
        progress(total, total)


def _write_atomically(target: Path, lang: str, rows: Iterator[list[object]]) -> tuple[Path, int]:
    """Write to a hidden file beside ``target``; the caller moves it into place. Returns it and
    the number of rows written. A failure or cancel removes it, so no half file is left behind."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    header = [c.header(lang) for c in COLUMNS]
    try:
        if target.suffix.lower() == ".csv":
            count = _write_csv(tmp, header, rows)
        else:
            count = _write_xlsx(tmp, header, rows)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, count


def _write_csv(tmp: Path, header: list[str], rows: Iterator[list[object]]) -> int:
    count = 0
    # utf-8-sig: the BOM is what makes Excel read the file as UTF-8 rather than the ANSI code page.
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in row])
            count += 1
    return count


def _write_xlsx(tmp: Path, header: list[str], rows: Iterator[list[object]]) -> int:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Teams")
    for index, column in enumerate(COLUMNS, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = XLSX_WIDTHS[column.field]
        if column.field in XLSX_TEXT_COLUMNS:
            dimension.number_format = "@"
    ws.freeze_panes = "A2"
    ws.append(header)
    count = 0
    try:
        for row in rows:
            ws.append(row)
            count += 1
    except BaseException:
        # Finish openpyxl's own temporary sheet file now; left open, its writer would fail
        # noisily when garbage-collected.
        with contextlib.suppress(Exception):
            ws.close()
        raise
    wb.save(tmp)
    return count


def _publish(db: Database, actor: Actor, tmp: Path, target: Path, *, after: dict[str, Any]) -> None:
    """Record the audit event and move the file into place: both happen, or neither."""
    moved = False
    try:
        with db.write() as s:
            record_event(s, actor, "team.export", "team", "", after=after)
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
