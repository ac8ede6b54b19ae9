"""Printing notices in a batch: one PDF per notice into a folder, or one combined PDF.

Applications that have no notice yet are issued first, each in its own transaction (through
:mod:`aitown.services.notices`), so a crash or Cancel mid-batch leaves every notice wholly issued
or not, and the document numbers without gaps.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
    check_issue_date,
    check_kind,
    kind_for_application,
)
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.notices import (
    NoticeRecord,
    NoticeRow,
    find_notice,
    issue_admission_notice,
    issue_for_application,
    notice_of,
)
from aitown.services.publicity import publicity_block


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


def notice_file_name(record: NoticeRecord | NoticeRow) -> str:
    """A file name for a notice: its number made safe for every file system, sortable by serial
    (``徐汇AI孵-2026-0017.pdf``)."""
    number, year, serial = record.document_number, record.year, record.serial
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
        if existing is None and wanted == app.benefit and publicity_block(s, app) is not None:
            continue  # its award notice waits for its publicity (issue 13.5): not due yet
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


@dataclass(frozen=True)
class BatchPlan:
    """What a batch would print: how many notices, and how many of them would be issued now
    (each taking the next document number, which cannot be taken back)."""

    total: int
    to_issue: int


def plan_print_batch(
    db: Database, actor: Actor, *, kind: str | None = None, status: str | None = None
) -> BatchPlan:
    """Count what :func:`print_notices` with these filters would print and issue. Reads only."""
    actor.require("notice.view")
    if kind is not None:
        kind = check_kind(kind)
    with db.read() as s:
        targets = _targets(s, kind, status)
    return BatchPlan(len(targets), sum(1 for t in targets if t.notice_id is None))


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
    backdate_reason: str | None = None,
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
        check_issue_date(issue_date, backdate_reason)
    # Where the files go is checked before any notice is issued (and any number spent).
    if combined:
        prepare_output_file(out, force=True)
    else:
        prepare_output_folder(out)
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
            record = _print_one(
                db,
                actor,
                t,
                issue_date=issue_date,
                lang_mode=lang_mode,
                backdate_reason=backdate_reason,
            )
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
    backdate_reason: str | None = None,
) -> NoticeRecord:
    if t.notice_id is not None:
        return find_notice(db, t.notice_id)
    try:
        if t.application_id is None:
            return issue_admission_notice(
                db,
                actor,
                t.team_id,
                issue_date=issue_date,
                lang_mode=lang_mode,
                backdate_reason=backdate_reason,
            )
        return issue_for_application(
            db,
            actor,
            t.application_id,
            issue_date=issue_date,
            lang_mode=lang_mode,
            expect_kind=t.kind,
            backdate_reason=backdate_reason,
        )
    except ConflictError:
        # Another desk may have issued it since the batch was listed: print that one.
        with db.read() as s:
            if t.application_id is not None:
                existing = notice_of(s, t.application_id, t.kind)
                if existing is not None:
                    return NoticeRecord.of(existing)
        raise


def _refuse_output(path: Path, en: str, zh: str) -> ValidationError:
    return ValidationError(
        f"{en} Nothing was issued.",
        f"{zh}未出具任何通知书。",
        field="out",
    )


def prepare_output_folder(folder: Path) -> None:
    """Make sure PDF files can be written into ``folder`` (created if missing), or refuse.

    Called before anything is issued, so that a folder that cannot be written spends no number.
    """
    if folder.exists() and not folder.is_dir():
        raise _refuse_output(
            folder,
            f"{folder} is a file, not a folder: choose a folder for the PDF files.",
            f"{folder} 是文件而不是文件夹：请为 PDF 文件选择一个文件夹。",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # The one sure test: write a file there (permissions, a read-only disk, a full one).
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".aitown-probe-"):
            pass
    except OSError as exc:
        raise _refuse_output(
            folder,
            f"The folder {folder} cannot be written ({exc.strerror or exc}): choose another.",
            f"无法写入文件夹 {folder}（{exc.strerror or exc}）：请另选一个。",
        ) from None


def prepare_output_file(path: Path, *, force: bool) -> None:
    """Make sure a PDF can be written to ``path``, or refuse: the name must end in .pdf, the
    folder must be writable, and an existing file is replaced only with ``force``.

    Called before a notice is issued, so that a bad output spends no number.
    """
    if path.suffix.lower() != ".pdf":
        raise _refuse_output(
            path,
            f"Name the output file with .pdf, not “{path.name}”.",
            f"输出文件名应以 .pdf 结尾，而不是“{path.name}”。",
        )
    if path.is_dir():
        raise _refuse_output(
            path,
            f"{path} is a folder: name the PDF file to write.",
            f"{path} 是文件夹：请写明要输出的 PDF 文件名。",
        )
    if path.exists() and not force:
        raise _refuse_output(
            path,
            f"{path} exists already and was left as it is: choose another name, or replace it "
            "with --force.",
            f"{path} 已存在，未作改动：请另取文件名，或加 --force 覆盖。",
        )
    prepare_output_folder(path.parent)


def write_pdf_file(path: Path, data: bytes) -> None:
    """Write a PDF whole or not at all (a crash leaves no half-written PDF under the name)."""
    _write_atomically(path, data)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a crash leaves no half-written PDF under the name)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
