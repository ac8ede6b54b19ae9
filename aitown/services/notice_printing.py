"""Printing notices in a batch: one PDF per notice into a folder, or one combined PDF.

Applications that have no notice yet are issued first, each in its own transaction (through
:mod:`aitown.services.notices`), so a crash or Cancel mid-batch leaves every notice wholly issued
or not, and the document numbers without gaps.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus, TeamStatus
from aitown.errors import ConflictError, DeskError, ValidationError
from aitown.models import APPLICATION_STATUSES, Application, Notice, Team
from aitown.notices.batch import combine_pdfs
from aitown.notices.compose import (
    AWARD_KINDS,
    AWARD_STATUSES,
    admission_date_of,
    check_kind,
    kind_for_application,
)
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.notices import (
    NoticeRecord,
    find_notice,
    issue_admission_notice,
    issue_for_application,
    notice_of,
)


class PrintBatchError(DeskError):
    """Some notices of a batch could not be issued; the others were written (see ``paths``)."""

    def __init__(
        self, message: str, message_zh: str, *, paths: list[Path], failures: dict[str, str]
    ):
        super().__init__(message, message_zh)
        self.paths = paths
        self.failures = failures


@dataclass(frozen=True)
class _Target:
    label: str  # for messages: "application 12" / "team 91310…"
    kind: str
    application_id: int | None
    team_id: int
    notice_id: int | None  # None: to issue


def notice_file_name(record: NoticeRecord | dict[str, Any]) -> str:
    """A file name for a notice: its number made safe for every file system, sortable by serial
    (``徐汇AI孵-2026-0017.pdf``)."""
    if isinstance(record, NoticeRecord):
        number, year, serial = record.document_number, record.year, record.serial
    else:
        number, year, serial = record["document_number"], record["year"], record["serial"]
    prefix = number.split("〔", 1)[0]
    safe = re.sub(r"[^\w-]+", "_", prefix, flags=re.UNICODE).strip("_") or "notice"
    return f"{safe}-{year}-{serial:04d}.pdf"


def _targets(s: Session, kind: str | None, status: str | None) -> list[_Target]:
    if status is not None and status not in APPLICATION_STATUSES:
        raise ValidationError(
            f"“{status}” is not an application status: use one of {', '.join(APPLICATION_STATUSES)}.",
            f"“{status}”不是申请状态：请使用 {'、'.join(APPLICATION_STATUSES)} 之一。",
            field="status",
        )
    if kind == "admission":
        if status is not None:
            raise ValidationError(
                "--status picks applications; admission notices are for admitted teams: leave it out.",
                "--status 用于筛选申请；入驻通知针对已入驻团队，请去掉该选项。",
                field="status",
            )
        out = []
        for team in s.scalars(
            select(Team).where(Team.status == TeamStatus.ADMITTED).order_by(Team.id)
        ):
            admitted = team.admitted_on.isoformat() if team.admitted_on else None
            issued = next(
                (
                    n.id
                    for n in s.scalars(
                        select(Notice).where(Notice.team_id == team.id, Notice.kind == "admission")
                    )
                    if admission_date_of(n.content_json) == admitted
                ),
                None,
            )
            out.append(_Target(f"team {team.uscc}", "admission", None, team.id, issued))
        return out
    if status is not None:
        statuses: tuple[str, ...] = (status,)
    elif kind in AWARD_KINDS:
        statuses = AWARD_STATUSES
    elif kind == "rejection":
        statuses = (ApplicationStatus.REJECTED,)
    elif kind == "revocation":
        statuses = (ApplicationStatus.REVOKED,)
    else:
        statuses = (*AWARD_STATUSES, ApplicationStatus.REJECTED, ApplicationStatus.REVOKED)
    stmt = select(Application).where(Application.status.in_(statuses)).order_by(Application.id)
    if kind in AWARD_KINDS:
        stmt = stmt.where(Application.benefit == kind)
    out = []
    for app in s.scalars(stmt):
        due = kind_for_application(app)
        wanted = kind or due
        existing = notice_of(s, app.id, wanted)
        if existing is None and wanted != due:
            continue  # e.g. a revoked application that never had its award notice: none to print
        out.append(
            _Target(
                f"application {app.id}",
                wanted,
                app.id,
                app.team_id,
                existing.id if existing else None,
            )
        )
    return out


def print_notices(
    db: Database,
    actor: Actor,
    *,
    kind: str | None = None,
    status: str | None = None,
    out: Path,
    combined: bool,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    issue_date: dt.date | None = None,
    lang_mode: str | None = None,
) -> list[Path]:
    """Print the notices of the applications matching ``kind`` and ``status``, issuing those
    that have none yet (which needs the right to issue). ``kind=None`` takes every decided
    application's notice; ``kind="admission"`` every admitted team's.

    ``combined=False``: one PDF per notice into the folder ``out`` (named by
    :func:`notice_file_name`); ``combined=True``: one PDF file ``out`` holding them all, in order.
    Each notice is issued in its own transaction, so a crash or Cancel leaves each one wholly
    issued or not at all, and the numbers without gaps. ``progress(done, total)`` is called after
    each notice; ``cancel()`` is asked before each. On Cancel, the files written so far stay (a
    combined file is not written). Notices that cannot be issued are skipped; then
    :class:`PrintBatchError` names them after the rest is written. Returns the files written.
    """
    if kind is not None:
        kind = check_kind(kind)
    with db.read() as s:
        targets = _targets(s, kind, status)
    if any(t.notice_id is None for t in targets):
        actor.require("notice.issue")
    if combined:
        if out.suffix.lower() != ".pdf":
            raise ValidationError(
                f"A combined batch is one PDF file: name it with .pdf, not “{out.name}”.",
                f"合并打印输出为一个 PDF 文件：文件名应以 .pdf 结尾，而不是“{out.name}”。",
                field="out",
            )
        out.parent.mkdir(parents=True, exist_ok=True)
    else:
        out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pdfs: list[bytes] = []
    failures: dict[str, str] = {}
    total = len(targets)
    cancelled = False
    for i, t in enumerate(targets):
        if cancel is not None and cancel():
            cancelled = True
            break
        try:
            record = _print_one(db, actor, t, issue_date=issue_date, lang_mode=lang_mode)
        except DeskError as exc:
            failures[t.label] = exc.message
        else:
            if combined:
                pdfs.append(record.pdf)
            else:
                path = out / notice_file_name(record)
                _write_atomically(path, record.pdf)
                written.append(path)
        if progress is not None:
            progress(i + 1, total)
    if combined and pdfs and not cancelled:
        _write_atomically(out, combine_pdfs(pdfs))
        written.append(out)
    if failures:
        listed = "; ".join(f"{label}: {msg}" for label, msg in failures.items())
        raise PrintBatchError(
            f"{len(failures)} of {total} notices could not be issued ({listed}); the others "
            "were written.",
            f"{total} 份通知书中有 {len(failures)} 份未能出具（{listed}）；其余已写出。",
            paths=written,
            failures=failures,
        )
    return written


def _print_one(
    db: Database,
    actor: Actor,
    t: _Target,
    *,
    issue_date: dt.date | None,
    lang_mode: str | None,
) -> NoticeRecord:
    if t.notice_id is not None:
        return find_notice(db, t.notice_id)
    try:
        if t.application_id is None:
            return issue_admission_notice(
                db, actor, t.team_id, issue_date=issue_date, lang_mode=lang_mode
            )
        return issue_for_application(
            db,
            actor,
            t.application_id,
            issue_date=issue_date,
            lang_mode=lang_mode,
            expect_kind=t.kind,
        )
    except ConflictError:
        # Another desk may have issued it since the batch was listed: print that one.
        with db.read() as s:
            if t.application_id is not None:
                existing = notice_of(s, t.application_id, t.kind)
                if existing is not None:
                    return NoticeRecord.of(existing)
        raise


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a crash leaves no half-written PDF under the name)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
