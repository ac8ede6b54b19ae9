"""Importing a team list: check every row first, then write all good rows in one transaction.

The file is streamed, so 100,000 rows never sit in memory as objects: the check pass reads every
row, looks each chunk of credit codes up in the database, and pickles the checked rows into a
spooled temporary file (memory while small, disk past that); the write pass inserts them from
there in chunks, inside ONE transaction that also holds the single ``team.import`` audit event.
The file is fingerprinted (SHA-256) before and after the check, so what is imported is exactly
what was checked and what the audit event names. Cancelling, a conflict with another desk, or a
killed process leave the database as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any, TypeVar, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aitown.bulk_index import search_index_suspended
from aitown.db import Database
from aitown.enums import TeamStatus
from aitown.errors import ConflictError, DeskError, ValidationError
from aitown.importing import CheckedRow, RowProblem, SourceFile, check_rows, open_rows, open_source
from aitown.importing.columns import HeaderMap
from aitown.importing.reading import file_sha256
from aitown.models import RelatedParty, Team, new_uid, utcnow
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.validation import TeamInput

CHUNK_ROWS = 1000
SPOOL_IN_MEMORY_BYTES = 16 * 1024 * 1024  # about 100,000 checked rows
# Past this many, bad rows are counted but not listed: nobody reads 100,000 identical lines,
# and the list would be the one thing that does not stream.
MAX_LISTED_PROBLEMS = 10_000

T = TypeVar("T")


class ImportCancelled(DeskError):
    """The person cancelled the import; the database is as it was before."""

    def __init__(self) -> None:
        super().__init__("Import cancelled; nothing was imported.", "导入已取消，未导入任何数据。")


@dataclass
class ImportReport:
    """What an import (or a dry run) found and did."""

    file_name: str
    sha256: str
    source: str  # "CSV, GBK" / "XLSX, sheet “Sheet1”"
    header_lang: str  # "en" or "zh": the language of the file's headers
    dry_run: bool
    read: int = 0  # non-blank rows under the header
    valid: int = 0  # rows that passed every check
    imported: int = 0
    skipped: int = 0  # bad rows left out because of skip_invalid
    problems: list[RowProblem] = field(default_factory=list)
    problems_not_listed: int = 0
    first_id: int | None = None
    last_id: int | None = None
    seconds: float = 0.0

    @property
    def bad(self) -> int:
        return len(self.problems) + self.problems_not_listed

    @property
    def ok(self) -> bool:
        """True when the file was imported (or, for a dry run, could be) with no bad row."""
        return self.bad == 0

    def summary(self, lang: str = "en") -> str:
        """One sentence for the person: what was read, imported and left out."""
        zh = lang.startswith("zh")
        if self.dry_run:
            if zh:
                return (
                    f"试运行：{self.file_name}（{self.source}）共 {self.read} 行，"
                    f"{self.valid} 行可导入，{self.bad} 行有问题；未写入任何数据。"
                )
            return (
                f"Dry run: {self.file_name} ({self.source}) has {self.read} rows; {self.valid} "
                f"can be imported, {self.bad} have problems; nothing was written."
            )
        if self.imported == 0 and self.bad:
            if zh:
                return (
                    f"{self.file_name} 共 {self.read} 行，其中 {self.bad} 行有问题，未导入任何数据；"
                    "请修改后重新导入，或使用“跳过无效行”。"
                )
            return (
                f"{self.file_name} has {self.read} rows, {self.bad} with problems; nothing was "
                "imported. Correct them and import again, or skip the invalid rows."
            )
        if zh:
            return (
                f"已从 {self.file_name}（{self.source}）导入 {self.imported} 个团队"
                + (f"，跳过 {self.skipped} 行有问题的行" if self.skipped else "")
                + "。"
            )
        return (
            f"Imported {self.imported} teams from {self.file_name} ({self.source})"
            + (f"; skipped {self.skipped} bad rows" if self.skipped else "")
            + "."
        )


def import_teams(
    db: Database,
    actor: Actor,
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Import the teams of a ``.csv`` or ``.xlsx`` list, all or nothing.

    Every row is checked first. With a bad row, nothing is imported and the report lists every bad
    row (line, column, reason) — unless ``skip_invalid``, which imports the good rows only.
    ``dry_run`` checks and reports without writing. ``progress(done, total)`` is called between
    chunks (each row counts once when checked and once when written; ``total`` is an estimate until
    the file has been read); ``cancel()`` is polled between chunks and, when true, stops with
    :class:`ImportCancelled` and nothing written. A file that cannot be read at all raises a
    :class:`~aitown.errors.ValidationError` naming the file.
    """
    actor.require("team.import")
    started = time.perf_counter()
    today = today or dt.date.today()
    source = open_source(path)
    header, rows = open_rows(source)
    report = ImportReport(
        file_name=source.name,
        sha256=source.sha256,
        source=source.describe(),
        header_lang=header.lang,
        dry_run=dry_run,
    )
    # The checked rows wait here between the passes: in memory while small, on disk past that.
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES) as spool:
        keep = None if dry_run else spool
        _check_pass(db, source, header, rows, report, today, progress, cancel, keep, skip_invalid)
        if report.read == 0:
            raise ValidationError(
                f"{source.name} has a header row but no teams under it; add one row per team.",
                f"{source.name} 只有列名，没有团队数据；请每个团队填写一行。",
            )
        if not _unchanged(source):
            raise _file_changed(source)  # what was checked is not what was fingerprinted
        if dry_run or report.valid == 0 or (report.bad and not skip_invalid):
            if progress:
                progress(report.read, report.read)  # nothing to write: the bar ends here, full
        else:
            spool.seek(0)
            _write_pass(db, actor, source, spool, report, today, progress, cancel)
            report.skipped = report.bad
    report.seconds = time.perf_counter() - started
    return report


def _check_pass(
    db: Database,
    source: SourceFile,
    header: HeaderMap,
    rows: Iterator[tuple[int, list[object]]],
    report: ImportReport,
    today: dt.date,
    progress: Progress | None,
    cancel: Cancel | None,
    spool: IO[bytes] | None,
    skip_invalid: bool,
) -> None:
    """Check every row and fill the report; put the good rows, chunk by chunk, in ``spool``."""
    estimate = max(source.estimated_lines - 1, 0)
    with db.read() as s:
        for chunk in _chunks(check_rows(header, rows, today=today), CHUNK_ROWS):
            _poll(cancel)
            good = [r for r in chunk if isinstance(r, CheckedRow)]
            registered = _registered(s, [r.team.uscc for r in good])
            kept: list[TeamInput] = []
            for result in chunk:
                report.read += 1
                if isinstance(result, CheckedRow) and result.team.uscc in registered:
                    result = _already_registered(header, result, *registered[result.team.uscc])
                if isinstance(result, RowProblem):
                    if len(report.problems) < MAX_LISTED_PROBLEMS:
                        report.problems.append(result)
                    else:
                        report.problems_not_listed += 1
                else:
                    report.valid += 1
                    kept.append(result.team)
            # Once a bad row is found, only skip_invalid would still write anything.
            if spool is not None and kept and (skip_invalid or not report.bad):
                pickle.dump(kept, spool, protocol=pickle.HIGHEST_PROTOCOL)
            if progress:
                total = max(estimate, report.read)
                progress(report.read, total if spool is None else 2 * total)


def _spooled_chunks(spool: IO[bytes]) -> Iterator[list[TeamInput]]:
    # Only this process wrote the spool, a moment ago: unpickling it trusts nothing from outside.
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


def _write_pass(
    db: Database,
    actor: Actor,
    source: SourceFile,
    spool: IO[bytes],
    report: ImportReport,
    today: dt.date,
    progress: Progress | None,
    cancel: Cancel | None,
) -> None:
    """Insert the checked rows in chunks; one transaction, one audit event."""
    now = utcnow()
    total = report.read + report.valid
    ids: list[int] = []
    parties = 0
    try:
        with db.write() as s, search_index_suspended(s) as index_added:
            for chunk in _spooled_chunks(spool):
                _poll(cancel)
                # Another desk may have registered one of these codes since the check pass.
                registered = _registered(s, [t.uscc for t in chunk])
                if registered:
                    code, (name, team_id) = next(iter(registered.items()))
                    raise ConflictError(
                        f"While importing, another desk registered the credit code {code} "
                        f"(“{name}”, no. {team_id}); nothing was imported. Import the file again.",
                        f"导入期间其他工作站登记了统一社会信用代码 {code}（“{name}”，编号 {team_id}），"
                        "未导入任何数据。请重新导入。",
                    )
                # One Core executemany per chunk: the ORM's bulk insert (and RETURNING in order)
                # splits a chunk into many statements. The ids come back by the credit code.
                s.connection().execute(
                    insert(cast(Table, Team.__table__)),
                    [_team_row(actor, t, today, now) for t in chunk],
                )
                codes = [t.uscc for t in chunk]
                by_code = {
                    code: team_id
                    for code, team_id in s.execute(
                        select(Team.uscc, Team.id).where(Team.uscc.in_(codes))
                    )
                }
                ids.extend(by_code[c] for c in codes)
                # The search index's triggers are suspended for the import: index these rows
                # set-wise (aitown.bulk_index), before anything else touches them.
                index_added(by_code.values())
                parties += _insert_related_parties(s, actor, chunk, by_code)
                if progress:
                    progress(report.read + len(ids), total)
            record_event(
                s,
                actor,
                "team.import",
                "team",
                f"{ids[0]}..{ids[-1]}",
                after={
                    "file": source.name,
                    "sha256": source.sha256,
                    "source": source.describe(),
                    "count": len(ids),
                    "related_parties": parties,
                    "skipped": report.bad,
                    "first_team_id": ids[0],
                    "last_team_id": ids[-1],
                },
            )
    except IntegrityError:
        # The unique index caught what the look-up could not (a race between two importers).
        raise ConflictError(
            "Another desk registered some of these teams while the file was being imported; "
            "nothing was imported. Import the file again.",
            "导入期间其他工作站登记了其中部分团队，未导入任何数据。请重新导入。",
        ) from None
    report.imported = len(ids)
    report.first_id, report.last_id = ids[0], ids[-1]


def _unchanged(source: SourceFile) -> bool:
    try:
        return file_sha256(source.path) == source.sha256
    except OSError:  # moved or deleted meanwhile
        return False


def _file_changed(source: SourceFile) -> ValidationError:
    return ValidationError(
        f"{source.name} changed while it was being read; nothing was imported. Close it in "
        "other programs and import it again.",
        f"{source.name} 在读取过程中被修改，未导入任何数据。请在其他程序中关闭该文件后重新导入。",
    )


def _team_row(actor: Actor, t: TeamInput, today: dt.date, now: dt.datetime) -> dict[str, Any]:
    return {
        "uid": new_uid(),
        "office_id": actor.office_id,
        "name_zh": t.name_zh,
        "name_en": t.name_en,
        "uscc": t.uscc,
        "legal_rep": t.legal_rep,
        "founded_on": t.founded_on,
        "district": t.district,
        "headcount": t.headcount,
        "ai_focus": t.ai_focus,
        "phone": t.phone,
        "email": t.email,
        "status": t.status,
        # As when a team is registered by hand: "admitted" in the list means admitted from today.
        "admitted_on": today if t.status == TeamStatus.ADMITTED else None,
        "left_on": None,
        "dishonest": t.dishonest,
        "notes": "",
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def _insert_related_parties(
    s: Session, actor: Actor, chunk: list[TeamInput], by_code: dict[str, int]
) -> int:
    """The related parties (§6.1) of a chunk's teams, from the list's 关联方 column."""
    rows = [
        {
            "uid": new_uid(),
            "office_id": actor.office_id,
            "team_id": by_code[t.uscc],
            "kind": "shareholder",
            "name": p["name"],
            "uscc": p.get("uscc"),
            "legal_rep": p.get("legal_rep"),
        }
        for t in chunk
        for p in t.related_parties
    ]
    if rows:
        s.connection().execute(insert(RelatedParty), rows)
    return len(rows)


def _registered(s: Session, codes: list[str]) -> dict[str, tuple[str, int]]:
    if not codes:
        return {}
    found = s.execute(select(Team.uscc, Team.name_zh, Team.id).where(Team.uscc.in_(codes)))
    return {code: (name, team_id) for code, name, team_id in found}


def _already_registered(header: HeaderMap, row: CheckedRow, name: str, team_id: int) -> RowProblem:
    code = row.team.uscc
    return RowProblem(
        row.line,
        header.label("uscc"),
        f"A team with the credit code {code} is already registered (“{name}”, no. {team_id}); "
        "remove this row, or edit that team instead.",
        f"统一社会信用代码 {code} 已登记（“{name}”，编号 {team_id}）；请删除此行，或直接修改该团队。",
    )


def _poll(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ImportCancelled()


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
