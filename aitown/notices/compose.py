"""What each notice says, composed from the database: the office, the team, the application, the
eligibility result stored with its decision (§8.3), the lease, the member, the earlier notice.

The amounts, clauses and reasons come from the stored decision, not from a new check: a notice
states what was decided, even if the policy or the team's facts changed since. Only the
admission notice, which has no application, checks the §1 rules when it is issued.

The functions here read through the caller's session and return a :class:`NoticeDocument` with
the document number and verification code still to be filled in by the issuing service
(aitown.services.notices), which takes the number in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Final

from sqlalchemy.orm import Session

from aitown.enums import ApplicationStatus, NoticeKind
from aitown.errors import ConflictError, ValidationError
from aitown.labels import NOTICE_KIND_LABELS, application_status_label, notice_kind_label
from aitown.models import BENEFITS, Application, Notice, Office, Team
from aitown.notices.compose_awards import (
    rent_waiver_decision,
    startup_grant_letter,
    talent_award_letter,
    voucher_certificate,
)
from aitown.notices.compose_common import (
    DOCUMENT_KINDS,
    NOTICE_GIVEN,
    IssueDetails,
    base_document,
    cite_en,
    cite_zh,
    clauses_en,
    clauses_zh,
    document_kind,
    policy_of,
    policy_row,
    stored_decision,
)
from aitown.notices.compose_outcomes import rejection_notice, revocation_notice
from aitown.notices.document import LANGUAGE_MODES, AmountRow, NoticeDocument
from aitown.notices.formatting import date_en, date_zh
from aitown.policy.facts import VOUCHER_KINDS
from aitown.policy.model import Policy

__all__ = [
    "AWARD_KINDS",
    "AWARD_STATUSES",
    "NOTICE_KINDS",
    "IssueDetails",
    "admission_date_of",
    "check_issue_date",
    "check_kind",
    "compose_admission_notice",
    "compose_application_notice",
    "document_kind",
    "issue_details",
    "kind_for_application",
    "kind_label",
]

#: The kinds of notice, as the database and the command line name them.
NOTICE_KINDS: Final[tuple[str, ...]] = tuple(NoticeKind)
#: An approved (or paid) application's notice is named after its benefit.
AWARD_KINDS: Final[tuple[str, ...]] = BENEFITS
KIND_LABELS: Final = NOTICE_KIND_LABELS
#: Statuses whose application gets a notice, and which.
AWARD_STATUSES: Final = (ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED)


def check_kind(kind: str) -> str:
    """A notice kind as typed (``compute_voucher``; the renderer's ``voucher_compute`` too)."""
    for name, doc_kind in DOCUMENT_KINDS.items():
        if kind == doc_kind:
            return name
    if kind not in NOTICE_KINDS:
        raise ValidationError(
            f"“{kind}” is not a kind of notice: use one of {', '.join(NOTICE_KINDS)}.",
            f"“{kind}”不是通知书类型：请使用 {'、'.join(NOTICE_KINDS)} 之一。",
            field="kind",
        )
    return kind


def kind_label(kind: str, lang: str = "en") -> str:
    return notice_kind_label(kind, lang)


def kind_for_application(app: Application) -> str:
    """The notice an application gets now: its award, a rejection or a revocation.

    Refuses an application still in draft or waiting for its decision.
    """
    if app.status in AWARD_STATUSES:
        return app.benefit
    if app.status == ApplicationStatus.REJECTED:
        return "rejection"
    if app.status == ApplicationStatus.REVOKED:
        return "revocation"
    raise ConflictError(
        f"Application {app.id} is {app.status}, not decided yet: a notice is issued once it is "
        "approved, rejected or revoked. Decide it first.",
        f"申请 {app.id} 当前状态为“{application_status_label(app.status, 'zh')}”，尚未作出决定：申请经批准、驳回或撤销后才能出具通知书，请先作出决定。",
    )


def check_issue_date(
    issue_date: dt.date | None, backdate_reason: str | None, *, today: dt.date | None = None
) -> tuple[dt.date, str | None]:
    """The issue date (today by default) and the back-dating reason kept for the audit log.

    A date in the future is refused; one in the past needs a reason.
    """
    today = today or dt.date.today()
    date = issue_date or today
    reason = (backdate_reason or "").strip() or None
    if date > today:
        raise ValidationError(
            f"The issue date {date.isoformat()} is in the future: a notice is dated the day it "
            "is issued or, with a reason, earlier. Issue it on that day.",
            f"出具日期 {date.isoformat()} 晚于今天：通知书以出具当日为日期，"
            "或注明理由后提前日期。请届时再出具。",
            field="issue_date",
        )
    if date < today and reason is None:
        raise ValidationError(
            f"The issue date {date.isoformat()} is before today: a back-dated notice needs the "
            'reason, which is recorded in the audit log (--reason "…").',
            f"出具日期 {date.isoformat()} 早于今天：倒签日期须写明理由，理由记入审计日志"
            '（--reason "…"）。',
            field="issue_date",
        )
    if date >= today:
        reason = None
    return date, reason


def issue_details(
    office: Office,
    issue_date: dt.date | None,
    language_mode: str | None,
    *,
    copied_to: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
    backdate_reason: str | None = None,
    today: dt.date | None = None,
    check_date: bool = True,
) -> IssueDetails:
    """The issue date (today by default), language mode (the office's setting by default) and
    抄送 (the office's list unless ``copied_to`` gives the notice's own, possibly empty).

    A notice dated in the future is refused; one dated in the past needs ``backdate_reason``,
    which the issuing service records in the audit log (``check_date=False`` for previews).
    """
    mode = language_mode or office.notice_language or LANGUAGE_MODES[0]
    if mode not in LANGUAGE_MODES:
        raise ValidationError(
            f"The notice language “{mode}” is unknown: use “zh+en” (English under the Chinese) "
            "or “en-page” (English on pages of its own).",
            f"通知书语言“{mode}”无效：请使用“zh+en”（中文下附英文）或“en-page”（英文单独成页）。",
            field="language_mode",
        )
    if check_date:
        date, reason = check_issue_date(issue_date, backdate_reason, today=today)
    else:
        date, reason = issue_date or today or dt.date.today(), None
    if copied_to is None:
        from aitown.services.office_notices import settings_of

        settings = settings_of(office)
        copied_to = (settings.copied_to_zh, settings.copied_to_en)
    return IssueDetails(date, mode, copied_to[0], copied_to[1], reason)


# ----- per kind --------------------------------------------------------------------------------


def compose_application_notice(
    s: Session,
    app: Application,
    details: IssueDetails,
    *,
    kind: str | None = None,
    revokes: Notice | None = None,
) -> NoticeDocument:
    """The notice of ``app`` (its award, rejection or revocation), number and code pending.

    ``kind`` defaults to what the application's status calls for; ``revokes`` is the earlier
    notice a revocation points at.
    """
    kind = kind or kind_for_application(app)
    office = s.get(Office, app.office_id)
    team = s.get(Team, app.team_id)
    if office is None or team is None:  # pragma: no cover - foreign keys hold them
        raise ValidationError(
            "The application's office or team is missing.", "申请的办公室或团队缺失。"
        )
    record = stored_decision(app)
    policy = policy_of(s, app.policy_id, app.policy_version)
    if kind == "rejection":
        return rejection_notice(office, team, app, record, policy, details)
    if kind == "revocation":
        return revocation_notice(office, team, app, record, policy, details, revokes)
    if kind == "rent_waiver":
        return rent_waiver_decision(s, office, team, app, record, policy, details)
    if kind == "startup_grant":
        return startup_grant_letter(office, team, app, record, policy, details)
    if kind in VOUCHER_KINDS:
        return voucher_certificate(office, team, app, record, policy, details)
    if kind == "talent_award":
        return talent_award_letter(s, office, team, app, record, policy, details)
    raise ValidationError(  # pragma: no cover - check_kind limits the kinds
        f"An application has no “{kind}” notice.", f"申请没有“{kind}”类通知书。", field="kind"
    )


# ----- admission -------------------------------------------------------------------------------


def compose_admission_notice(
    s: Session, team: Team, policy: Policy, details: IssueDetails
) -> NoticeDocument:
    """The admission notice of an admitted team (the caller has checked the §1 rules)."""
    office = s.get(Office, team.office_id)
    if office is None or team.admitted_on is None:
        raise ValidationError(
            f"Team {team.name_zh} has no admission date: record its admission first.",
            f"团队 {team.name_zh} 没有入驻日期：请先登记入驻。",
        )
    ids = [c.id for c in policy.clauses if c.section == "1"]
    focus = policy.ai_focus(team.ai_focus)
    has_lease = any(lease.last_day >= team.admitted_on for lease in team.leases)
    amounts = [AmountRow("统一社会信用代码", "Unified social credit code", team.uscc)]
    if team.legal_rep:
        amounts.append(AmountRow("法定代表人", "Legal representative", team.legal_rep))
    if focus is not None:
        amounts.append(AmountRow("人工智能方向", "AI focus", f"{focus.zh} / {focus.en}"))
    amounts += [
        AmountRow("入驻日期", ADMITTED_ON_LABEL, team.admitted_on.isoformat()),
        policy_row(policy),
    ]
    return base_document(
        office,
        team,
        "admission",
        details,
        title_zh=f"关于同意{team.name_zh}入驻人工智能小镇的通知",
        title_en="Notice of Admission to the AI Town",
        body_zh=[
            f"经审核，你单位符合{cite_zh(policy)}{clauses_zh(ids)}规定的入驻条件，现同意你单位自"
            f"{date_zh(team.admitted_on)}起入驻人工智能小镇。",
            "你单位可按规定申请租金减免、一次性创业补贴、算力券、模型券、语料券及人才奖励等扶持政策。"
            if has_lease
            else "请你单位与小镇运营方签订房屋租赁合同，并可按规定申请各项扶持政策。",
        ],
        body_en=[
            f"Having reviewed your company's application for admission, we find that it meets the "
            f"admission conditions of {clauses_en(ids)} of {cite_en(policy)}, and admit it to the "
            f"AI Town from {date_en(team.admitted_on)}.",
            "Your company may apply for the town's support measures as the rules provide: rent "
            "waiver, one-time start-up grant, compute, model and corpus vouchers, talent awards."
            if has_lease
            else "Please sign a lease with the town's operator; your company may then apply for "
            "the town's support measures as the rules provide.",
        ],
        closing_zh=[NOTICE_GIVEN[0]],
        closing_en=[NOTICE_GIVEN[1]],
        amounts=amounts,
    )


#: The English label of the admission date row: an issued admission notice is found by it.
ADMITTED_ON_LABEL: Final = "Admitted on"


def admission_date_of(content_json: str) -> str | None:
    """The admission date an issued admission notice states (ISO), from its stored content."""
    try:
        content = json.loads(content_json)
    except ValueError:
        return None
    for row in content.get("amounts", []):
        if row.get("label_en") == ADMITTED_ON_LABEL:
            return str(row.get("value"))
    return None
