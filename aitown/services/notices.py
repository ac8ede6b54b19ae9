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
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import Benefit, TeamStatus
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import application_status_label, team_status_label
from aitown.models import Application, Notice, Office, Team, User, utcnow
from aitown.notices.compose import (
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
from aitown.notices.verification import sha256_hex, verification_code
from aitown.policy.facts import BenefitRequest
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.notice_verification import VerificationResult, verify_code, verify_pdf
from aitown.services.office_notices import parse_copied_to
from aitown.services.publicity import require_publicity_passed

__all__ = [
    "NOTICE_KINDS",
    "NoticeRecord",
    "VerificationResult",
    "find_notice",
    "issue_admission_notice",
    "issue_notice",
    "list_notices",
    "NoticeRow",
    "preview_notice",
    "reprint_notice",
    "verify_code",
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
    copied_to: list[str] | None = None,
    backdate_reason: str | None = None,
) -> NoticeRecord:
    """Issue the notice an application's decision calls for (administrators only).

    Approved or disbursed → the benefit's award notice; rejected → the rejection notice with
    every failed rule; revoked → the revocation / repayment notice, pointing at the award notice
    if one was issued. Refuses an undecided application, and a second notice of the same kind
    for the same application (a notice is never issued twice: reprint it).

    ``issue_date`` defaults to today; a future date is refused, a past one needs
    ``backdate_reason`` (recorded in the audit event). ``copied_to`` (``中文名称|English name``
    entries, possibly none) replaces the office's default 抄送 list for this notice.
    """
    return issue_for_application(
        db,
        actor,
        application_id,
        issue_date=issue_date,
        lang_mode=lang_mode,
        copied_to=copied_to,
        backdate_reason=backdate_reason,
    )


def issue_for_application(
    db: Database,
    actor: Actor,
    application_id: int,
    *,
    issue_date: dt.date | None = None,
    lang_mode: str | None = None,
    expect_kind: str | None = None,
    copied_to: list[str] | None = None,
    backdate_reason: str | None = None,
) -> NoticeRecord:
    actor.require("notice.issue")
    copied = parse_copied_to(copied_to) if copied_to is not None else None
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
                f"申请 {app.id} 当前状态为“{application_status_label(app.status, 'zh')}”，应出具{kind_label(kind, 'zh')}，"
                f"而不是{kind_label(expect_kind, 'zh')}。",
            )
        existing = notice_of(s, app.id, kind)
        if existing is not None:
            raise ConflictError(
                f"Application {app.id} already has its {kind_label(kind)} {existing.doc_number}; "
                "a notice is never issued twice: reprint that one.",
                f"申请 {app.id} 已出具{kind_label(kind, 'zh')}（{existing.doc_number}），"
                "同一通知书不重复出具，请重印该通知书。",
            )
        if kind == app.benefit:  # an award notice waits for its publicity (issue 13.5)
            require_publicity_passed(s, app, doing="issue the award notice", doing_zh="出具通知书")
        revokes = notice_of(s, app.id, app.benefit) if kind == "revocation" else None
        details = issue_details(
            office, issue_date, lang_mode, copied_to=copied, backdate_reason=backdate_reason
        )
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
    copied_to: list[str] | None = None,
    backdate_reason: str | None = None,
) -> NoticeRecord:
    """Issue the admission notice of an admitted team (administrators only).

    The team must meet the admission rules (§1.1–1.5) as on its admission date, since the notice
    says so; one admission notice per admission (a team admitted again later gets a new one).
    Dates and ``copied_to`` as for :func:`issue_notice`.
    """
    from aitown.services.eligibility import evaluate_request
    from aitown.services.policies import active_policy

    actor.require("notice.issue")
    copied = parse_copied_to(copied_to) if copied_to is not None else None
    with db.write() as s:
        team = s.execute(
            select(Team).where(Team.id == team_id).with_for_update()
        ).scalar_one_or_none()
        if team is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        office = _office(s, actor, team.office_id)
        if team.status != TeamStatus.ADMITTED or team.admitted_on is None:
            raise ConflictError(
                f"{team.name_zh} is {team.status}, not admitted: an admission notice is issued "
                "for an admitted team. Record its admission first.",
                f"{team.name_zh}当前状态为“{team_status_label(team.status, 'zh')}”，不是已入驻：入驻通知只出具给已入驻的团队，请先登记入驻。",
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
        details = issue_details(
            office, issue_date, lang_mode, copied_to=copied, backdate_reason=backdate_reason
        )
        # The notice states that the team meets §1: check it, as on the admission date.
        result = evaluate_request(
            s,
            team,
            BenefitRequest(benefit=Benefit.STARTUP_GRANT, application_date=team.admitted_on),
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


def notice_of(s: Session, application_id: int, kind: str) -> Notice | None:
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
    pdf = _render(doc)
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
            "backdate_reason": details.backdate_reason,
            "copied_to": list(details.copied_to_zh),
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
        details = issue_details(office, issue_date, lang_mode, check_date=False)
        doc = compose_application_notice(s, app, details)
        year = details.issue_date.year
        doc = replace(
            doc,
            document_number=f"{office.doc_prefix}〔{year}〕（预览）号",
            verification_code="PREVIEW",
        )
    return _render(doc)


def _render(doc: NoticeDocument) -> bytes:
    # ReportLab (a sixth of the application's start) is imported when a notice is drawn.
    from aitown.notices.render import render_notice

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


@dataclass(frozen=True)
class NoticeRow:
    """One issued notice as the lists show it (the Notices screen, a team's Notices tab, the
    command line's ``notices list``)."""

    id: int
    kind: str
    document_number: str
    year: int
    serial: int
    team_id: int
    team_name: str
    team_uscc: str
    application_id: int | None
    revokes_notice_id: int | None
    title_zh: str
    title_en: str
    issue_date: str | None  # ISO date, as written on the notice
    amount_fen: int | None
    verification_code: str
    sha256: str
    issued_by: str
    issued_at: dt.datetime


def list_notices(
    db: Database,
    *,
    team_id: int | None = None,
    kind: str | None = None,
    application_id: int | None = None,
) -> list[NoticeRow]:
    """Issued notices, newest first, for the GUI and the command line."""
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
                NoticeRow(
                    id=n.id,
                    kind=n.kind,
                    document_number=n.doc_number,
                    year=n.doc_year,
                    serial=n.doc_serial,
                    team_id=n.team_id,
                    team_name=team_name,
                    team_uscc=uscc,
                    application_id=n.application_id,
                    revokes_notice_id=n.revokes_notice_id,
                    title_zh=content.get("title_zh", ""),
                    title_en=content.get("title_en", ""),
                    issue_date=content.get("issue_date"),
                    amount_fen=content.get("main_amount_fen"),
                    verification_code=n.verification_code,
                    sha256=n.sha256,
                    issued_by=user_name,
                    issued_at=n.issued_at,
                )
            )
    return rows
