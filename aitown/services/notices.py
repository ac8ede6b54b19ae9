"""Issuing official notices: numbered, stored, audited, reprinted, verified, printed in batches.

Issuing a notice is one write transaction: take the next serial of the office's series for the
year, compose the document, compute its verification code (an HMAC with the office's key), render
the PDF, store record + PDF + SHA-256, record the audit event — then commit. Anything that fails
on the way (a character the font cannot print, a decision with no stored result) rolls the whole
transaction back, serial included, so the series has no gaps; two issuers never share a serial
(aitown.notices.numbering). A notice is never edited: a second notice of the same kind for the
same application is refused (reprint the first), and a revocation is a new notice that points at
the one it revokes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import ConflictError, DeskError, NotFound, ValidationError
from aitown.models import APPLICATION_STATUSES, Application, Notice, Office, Team, User, utcnow
from aitown.notices.batch import combine_pdfs
from aitown.notices.compose import (
    AWARD_KINDS,
    AWARD_STATUSES,
    NOTICE_KINDS,
    IssueDetails,
    admission_date_of,
    check_kind,
    compose_admission_notice,
    compose_application_notice,
    issue_details,
    kind_for_application,
    kind_label,
)
from aitown.notices.document import NoticeDocument
from aitown.notices.numbering import format_document_number, next_serial
from aitown.notices.render import render_notice
from aitown.notices.verification import (
    VerificationResult,
    code_matches,
    sha256_hex,
    verification_code,
)
from aitown.notices.verify_read import read_embedded
from aitown.policy.facts import BenefitRequest
from aitown.services.actor import Actor
from aitown.services.audit import record_event

__all__ = [
    "NOTICE_KINDS",
    "NoticeRecord",
    "PrintBatchError",
    "VerificationResult",
    "find_notice",
    "issue_admission_notice",
    "issue_notice",
    "list_notices",
    "notice_file_name",
    "preview_notice",
    "print_notices",
    "reprint_notice",
    "verify_pdf",
]


@dataclass(frozen=True)
class NoticeRecord:
    """An issued notice as the callers see it, with its PDF bytes."""

    id: int
    kind: str
    document_number: str
    year: int
    serial: int
    team_id: int
    application_id: int | None
    revokes_notice_id: int | None
    verification_code: str
    sha256: str
    issued_by: int
    issued_at: dt.datetime
    pdf: bytes = field(repr=False)

    @classmethod
    def of(cls, n: Notice) -> NoticeRecord:
        return cls(
            id=n.id,
            kind=n.kind,
            document_number=n.doc_number,
            year=n.doc_year,
            serial=n.doc_serial,
            team_id=n.team_id,
            application_id=n.application_id,
            revokes_notice_id=n.revokes_notice_id,
            verification_code=n.verification_code,
            sha256=n.sha256,
            issued_by=n.issued_by,
            issued_at=n.issued_at,
            pdf=n.pdf,
        )


# ----- issuing ---------------------------------------------------------------------------------


def issue_notice(
    db: Database,
    actor: Actor,
    application_id: int,
    *,
    issue_date: dt.date | None = None,
    lang_mode: str | None = None,
) -> NoticeRecord:
    """Issue the notice an application's decision calls for (administrators only).

    Approved or disbursed → the benefit's award notice; rejected → the rejection notice with
    every failed rule; revoked → the revocation / repayment notice, pointing at the award notice
    if one was issued. Refuses an undecided application, and a second notice of the same kind
    for the same application (a notice is never issued twice: reprint it).
    """
    return _issue_for_application(
        db, actor, application_id, issue_date=issue_date, lang_mode=lang_mode
    )


def _issue_for_application(
    db: Database,
    actor: Actor,
    application_id: int,
    *,
    issue_date: dt.date | None = None,
    lang_mode: str | None = None,
    expect_kind: str | None = None,
) -> NoticeRecord:
    actor.require("notice.issue")
    with db.write() as s:
        # Locking the application (PostgreSQL; SQLite's write lock does it already) makes a
        # second desk issuing the same notice wait, then find this one and refuse.
        app = s.execute(
            select(Application).where(Application.id == application_id).with_for_update()
        ).scalar_one_or_none()
        if app is None:
            raise NotFound(
                f"There is no application no. {application_id}.",
                f"没有编号为 {application_id} 的申请。",
            )
        office = _office(s, actor, app.office_id)
        kind = kind_for_application(app)
        if expect_kind is not None and kind != expect_kind:
            raise ConflictError(
                f"Application {app.id} is now {app.status}: it calls for a {kind_label(kind)}, "
                f"not a {kind_label(expect_kind)}.",
                f"申请 {app.id} 当前状态为“{app.status}”，应出具{kind_label(kind, 'zh')}，"
                f"而不是{kind_label(expect_kind, 'zh')}。",
            )
        existing = _notice_of(s, app.id, kind)
        if existing is not None:
            raise ConflictError(
                f"Application {app.id} already has its {kind_label(kind)} {existing.doc_number}; "
                "a notice is never issued twice: reprint that one.",
                f"申请 {app.id} 已出具{kind_label(kind, 'zh')}（{existing.doc_number}），"
                "同一通知书不重复出具，请重印该通知书。",
            )
        revokes = _notice_of(s, app.id, app.benefit) if kind == "revocation" else None
        details = issue_details(office, issue_date, lang_mode)
        doc = compose_application_notice(s, app, details, kind=kind, revokes=revokes)
        return _store(
            s,
            actor,
            office,
            doc,
            details,
            kind=kind,
            team_id=app.team_id,
            application_id=app.id,
            revokes_notice_id=revokes.id if revokes else None,
        )


def issue_admission_notice(
    db: Database,
    actor: Actor,
    team_id: int,
    *,
    issue_date: dt.date | None = None,
    lang_mode: str | None = None,
) -> NoticeRecord:
    """Issue the admission notice of an admitted team (administrators only).

    The team must meet the admission rules (§1.1–1.5) as on its admission date, since the notice
    says so; one admission notice per admission (a team admitted again later gets a new one).
    """
    from aitown.services.eligibility import evaluate_request
    from aitown.services.policies import active_policy

    actor.require("notice.issue")
    with db.write() as s:
        team = s.execute(
            select(Team).where(Team.id == team_id).with_for_update()
        ).scalar_one_or_none()
        if team is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        office = _office(s, actor, team.office_id)
        if team.status != "admitted" or team.admitted_on is None:
            raise ConflictError(
                f"{team.name_zh} is {team.status}, not admitted: an admission notice is issued "
                "for an admitted team. Record its admission first.",
                f"{team.name_zh}当前状态为“{team.status}”，不是已入驻：入驻通知只出具给已入驻的团队，请先登记入驻。",
            )
        admitted = team.admitted_on.isoformat()
        for n in s.scalars(
            select(Notice).where(Notice.team_id == team.id, Notice.kind == "admission")
        ):
            if admission_date_of(n.content_json) == admitted:
                raise ConflictError(
                    f"{team.name_zh} already has its admission notice {n.doc_number} for its "
                    f"admission on {admitted}; a notice is never issued twice: reprint that one.",
                    f"{team.name_zh}已有{admitted}入驻的入驻通知（{n.doc_number}），"
                    "同一通知书不重复出具，请重印该通知书。",
                )
        details = issue_details(office, issue_date, lang_mode)
        # The notice states that the team meets §1: check it, as on the admission date.
        result = evaluate_request(
            s,
            team,
            BenefitRequest(benefit="startup_grant", application_date=team.admitted_on),
            today=details.issue_date,
        )
        failed = [r for r in result.rules if r.clause.startswith("1.") and not r.passed]
        if failed:
            raise ValidationError(
                f"{team.name_zh} does not meet the admission rules, so its admission notice "
                "cannot say it does: "
                + "; ".join(f"§{r.clause} {r.reason('en')}" for r in failed)
                + ". Correct the team's record, or do not admit it.",
                f"{team.name_zh}不符合入驻条件，无法出具入驻通知："
                + "；".join(f"第{r.clause}条 {r.reason('zh')}" for r in failed)
                + "。请更正团队信息，或不予入驻。",
            )
        doc = compose_admission_notice(s, team, active_policy(s), details)
        return _store(
            s, actor, office, doc, details, kind="admission", team_id=team.id, application_id=None
        )


def _office(s: Session, actor: Actor, office_id: int) -> Office:
    office = s.get(Office, office_id)
    if office is None or office_id != actor.office_id:
        raise ConflictError(
            "That record belongs to another office; only its own office issues its notices.",
            "该记录属于其他办公室，只能由其所属办公室出具通知书。",
        )
    return office


def _notice_of(s: Session, application_id: int, kind: str) -> Notice | None:
    return s.scalar(
        select(Notice)
        .where(Notice.application_id == application_id, Notice.kind == kind)
        .order_by(Notice.id)
    )


def _store(
    s: Session,
    actor: Actor,
    office: Office,
    doc: NoticeDocument,
    details: IssueDetails,
    *,
    kind: str,
    team_id: int,
    application_id: int | None,
    revokes_notice_id: int | None = None,
) -> NoticeRecord:
    """Number, sign, render and store a composed notice inside the caller's transaction."""
    year = details.issue_date.year
    serial = next_serial(s, office.id, year)
    number = format_document_number(office.doc_prefix, year, serial)
    doc = replace(doc, document_number=number)
    canonical = doc.canonical_json()
    code = verification_code(office.secret_key, canonical)
    doc = replace(doc, verification_code=code)
    # A refusal here (a character the font lacks) rolls back the serial with everything else.
    pdf = render_notice(doc)
    digest = sha256_hex(pdf)
    notice = Notice(
        office_id=office.id,
        kind=kind,
        team_id=team_id,
        application_id=application_id,
        revokes_notice_id=revokes_notice_id,
        doc_year=year,
        doc_serial=serial,
        doc_number=number,
        sha256=digest,
        verification_code=code,
        content_json=canonical,
        pdf=pdf,
        issued_by=actor.user_id,
        issued_at=utcnow(),
    )
    s.add(notice)
    s.flush()
    record_event(
        s,
        actor,
        "notice.issue",
        "notice",
        notice.id,
        after={
            "kind": kind,
            "document_number": number,
            "team_id": team_id,
            "application_id": application_id,
            "revokes_notice_id": revokes_notice_id,
            "issue_date": details.issue_date,
            "amount": doc.main_amount_fen,
            "sha256": digest,
            "verification_code": code,
        },
        office_id=office.id,
    )
    return NoticeRecord.of(notice)


def preview_notice(
    db: Database,
    application_id: int,
    *,
    issue_date: dt.date | None = None,
    lang_mode: str | None = None,
) -> bytes:
    """The notice the application would get now, rendered without a number and stored nowhere
    (for the preview inside the application screen). Anyone may look."""
    with db.read() as s:
        app = s.get(Application, application_id)
        if app is None:
            raise NotFound(
                f"There is no application no. {application_id}.",
                f"没有编号为 {application_id} 的申请。",
            )
        office = s.get(Office, app.office_id)
        assert office is not None
        details = issue_details(office, issue_date, lang_mode)
        doc = compose_application_notice(s, app, details)
        year = details.issue_date.year
        doc = replace(
            doc,
            document_number=f"{office.doc_prefix}〔{year}〕（预览）号",
            verification_code="PREVIEW",
        )
    return render_notice(doc)


# ----- finding, reprinting, listing ------------------------------------------------------------


def _find(s: Session, key: int | str) -> Notice:
    text = str(key).strip()
    notice = None
    if text.isdigit():
        notice = s.get(Notice, int(text))
    if notice is None:
        notice = s.scalar(select(Notice).where(Notice.doc_number == text))
    if notice is None:
        raise NotFound(
            f"There is no notice with the id or document number “{text}”; list them with "
            "“aitown-cli notices list”.",
            f"没有编号或文号为“{text}”的通知书；可用“aitown-cli notices list”列出。",
        )
    return notice


def find_notice(db: Database, key: int | str) -> NoticeRecord:
    """An issued notice by its id or its document number (``徐汇AI孵〔2026〕17号``)."""
    with db.read() as s:
        return NoticeRecord.of(_find(s, key))


def reprint_notice(db: Database, notice_id: int | str) -> bytes:
    """The notice's PDF exactly as it was issued, byte for byte (id or document number)."""
    with db.read() as s:
        notice = _find(s, notice_id)
        if sha256_hex(notice.pdf) != notice.sha256:
            raise ConflictError(
                f"The stored PDF of {notice.doc_number} no longer matches its SHA-256: the "
                "database was changed behind the application's back. Restore a backup.",
                f"{notice.doc_number} 保存的 PDF 与其 SHA-256 不符：数据库被绕过本程序修改，请恢复备份。",
            )
        return notice.pdf


def list_notices(
    db: Database,
    *,
    team_id: int | None = None,
    kind: str | None = None,
    application_id: int | None = None,
) -> list[dict[str, Any]]:
    """Issued notices, newest first, as plain rows for the GUI and the command line."""
    stmt = (
        select(Notice, Team.name_zh, Team.uscc, User.name)
        .join(Team, Team.id == Notice.team_id)
        .join(User, User.id == Notice.issued_by)
        .order_by(Notice.id.desc())
    )
    if team_id is not None:
        stmt = stmt.where(Notice.team_id == team_id)
    if kind:
        stmt = stmt.where(Notice.kind == check_kind(kind))
    if application_id is not None:
        stmt = stmt.where(Notice.application_id == application_id)
    rows = []
    with db.read() as s:
        for n, team_name, uscc, user_name in s.execute(stmt):
            content = json.loads(n.content_json)
            rows.append(
                {
                    "id": n.id,
                    "kind": n.kind,
                    "document_number": n.doc_number,
                    "year": n.doc_year,
                    "serial": n.doc_serial,
                    "team_id": n.team_id,
                    "team_name": team_name,
                    "team_uscc": uscc,
                    "application_id": n.application_id,
                    "revokes_notice_id": n.revokes_notice_id,
                    "title_zh": content.get("title_zh", ""),
                    "title_en": content.get("title_en", ""),
                    "issue_date": content.get("issue_date"),
                    "amount_fen": content.get("main_amount_fen"),
                    "verification_code": n.verification_code,
                    "sha256": n.sha256,
                    "issued_by": user_name,
                    "issued_at": n.issued_at,
                }
            )
    return rows


# ----- verifying -------------------------------------------------------------------------------


def verify_pdf(db: Database, data: bytes) -> VerificationResult:
    """Whether ``data`` is a notice this office issued, unaltered — offline, from the file alone.

    genuine: the embedded content carries this office's code and the file is byte for byte the
    one issued under its number. altered: the number is one of ours but the content or the file
    differs from what was issued. unknown: no notice data, a code that is not this office's, or
    a number this database never issued.
    """
    try:
        embedded = read_embedded(data)
    except ValidationError as exc:
        return VerificationResult("unknown", None, exc.message, exc.message_zh or exc.message)
    if embedded is None:
        return VerificationResult(
            "unknown",
            None,
            "The file carries no AI Town Desk notice data: it is not a notice of this office.",
            "该文件不含 AI Town Desk 通知书数据：不是本办公室出具的通知书。",
        )
    canonical = embedded["canonical_json"]
    code = embedded["verification_code"]
    number = str(embedded["content"].get("document_number") or "")
    with db.read() as s:
        notice = s.scalar(select(Notice).where(Notice.doc_number == number)) if number else None
        offices = [s.get(Office, notice.office_id)] if notice else list(s.scalars(select(Office)))
        revoked_by = (
            s.scalar(select(Notice.doc_number).where(Notice.revokes_notice_id == notice.id))
            if notice
            else None
        )
    signed = any(o is not None and code_matches(o.secret_key, canonical, code) for o in offices)
    if notice is None:
        if signed:
            return VerificationResult(
                "unknown",
                number,
                f"The file carries a valid code of this office, but {number} was not issued from "
                "this database: check that you use the office's current database.",
                f"该文件的核验码属于本办公室，但本数据库中没有出具过 {number}：请确认使用的是本办公室当前的数据库。",
            )
        return VerificationResult(
            "unknown",
            number or None,
            f"The file is not a notice of this office: its number {number or '(none)'} and its "
            "verification code are not ours.",
            f"该文件不是本办公室出具的通知书：其文号 {number or '（无）'} 和核验码均不属于本办公室。",
        )
    if not signed or canonical != notice.content_json:
        return VerificationResult(
            "altered",
            number,
            f"ALTERED: the file claims to be {number}, but its content differs from the notice "
            "issued under that number. Do not accept it; reprint the notice to compare.",
            f"已被篡改：该文件自称 {number}，但其内容与以该文号出具的通知书不同。请勿采信，可重印原件比对。",
            notice.id,
        )
    if sha256_hex(data) != notice.sha256:
        return VerificationResult(
            "altered",
            number,
            f"ALTERED: the content of {number} is as issued, but the file was modified after it "
            "was issued (its bytes differ). Ask for the original file or reprint it.",
            f"已被篡改：{number} 的内容与出具时一致，但文件在出具后被修改（字节不同）。请索取原件或重印。",
            notice.id,
        )
    # The file is authentic either way; a later revocation is worth saying to whoever checks it.
    later_en = f" Note: it was revoked later by {revoked_by}." if revoked_by else ""
    later_zh = f"注意：该通知书已被 {revoked_by} 撤销。" if revoked_by else ""
    return VerificationResult(
        "genuine",
        number,
        f"Genuine: {number} was issued by this office on {notice.issued_at:%Y-%m-%d} and the "
        f"file is unaltered.{later_en}",
        f"真实有效：{number} 由本办公室于 {notice.issued_at:%Y-%m-%d} 出具，文件未被修改。{later_zh}",
        notice.id,
    )


# ----- batch printing --------------------------------------------------------------------------


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
        for team in s.scalars(select(Team).where(Team.status == "admitted").order_by(Team.id)):
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
        statuses = ("rejected",)
    elif kind == "revocation":
        statuses = ("revoked",)
    else:
        statuses = (*AWARD_STATUSES, "rejected", "revoked")
    stmt = select(Application).where(Application.status.in_(statuses)).order_by(Application.id)
    if kind in AWARD_KINDS:
        stmt = stmt.where(Application.benefit == kind)
    out = []
    for app in s.scalars(stmt):
        due = kind_for_application(app)
        wanted = kind or due
        existing = _notice_of(s, app.id, wanted)
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
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
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
        return _issue_for_application(
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
                existing = _notice_of(s, t.application_id, t.kind)
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
