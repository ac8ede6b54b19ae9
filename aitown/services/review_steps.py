"""The reviewer's steps before a decision (issue 13.3, 13.4): return an application for correction
(退回补正) and record the verified contract amount (核定合同额).

A return sends a submitted application back to the desk (status ``returned``) with the items to
mend and the reason: the items' "original seen" marks are cleared and their scans set aside (kept,
``current = False``), so the desk must hand each in again. Resubmitting (``submit_application``)
checks the materials, evaluates eligibility again and closes the round. Every round is in the
audit log (``application.return`` / ``application.resubmit``) and in ``application_return``.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus
from aitown.errors import ConflictError, ValidationError
from aitown.labels import application_status_label, benefit_label
from aitown.material_tables import ApplicationAttachment, ApplicationMaterial, ApplicationReturn
from aitown.models import Application, utcnow
from aitown.money import format_yuan, parse_yuan
from aitown.policy.facts import VOUCHER_KINDS
from aitown.policy.results import EligibilityResult
from aitown.services import materials as mat
from aitown.services.actor import Actor
from aitown.services.applications import _check_decider, _flush
from aitown.services.audit import record_event
from aitown.services.eligibility import evaluate


def _require_submitted(app: Application, doing: str, doing_zh: str) -> None:
    if app.status != ApplicationStatus.SUBMITTED:
        raise ConflictError(
            f"Application {app.id} is {app.status}; only a submitted application can be {doing}.",
            f"申请 {app.id} 当前状态为“{application_status_label(app.status, 'zh')}”，只有已提交的申请才能{doing_zh}。",
        )


def _check_reviewer(actor: Actor, app: Application) -> None:
    # The same rule as deciding (§8.2): whoever recorded it does not review it.
    _check_decider(actor, app)


def _reason(reason: str, what_en: str, what_zh: str, field: str = "reason") -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(
            f"Give the reason {what_en}; it is printed for the founder.",
            f"请填写{what_zh}的理由，理由将打印给申请人。",
            field=field,
        )
    if len(text) > 2000:
        raise ValidationError(
            "The reason is longer than 2000 characters.", "理由超过2000个字符。", field=field
        )
    return text


def restore_eligibility(s: Session, app: Application, today: dt.date) -> EligibilityResult:
    """Evaluate ``app`` again and keep the result and its amount (empty when not eligible)."""
    result = evaluate(s, app, today=today)
    app.amount = result.amount.amount_fen if (result.eligible and result.amount) else None
    app.eligibility_json = json.dumps(result.to_record(), ensure_ascii=False)
    app.policy_id, app.policy_version = result.policy_id, result.policy_version
    return result


def return_for_correction(
    db: Database, actor: Actor, app_id: int, items: list[str], reason: str
) -> int:
    """Return a submitted application to the desk with the items to mend; returns the round
    number (1 for the first return). Reviewers; not the person who recorded it."""
    actor.require("application.decide")
    text = _reason(reason, "for returning it", "退回")
    keys = list(dict.fromkeys(i.strip() for i in items if i and i.strip()))
    if not keys:
        raise ValidationError(
            "Name at least one item to mend (--item).",
            "请至少指明一项需补正的材料（--item）。",
            field="items",
        )
    with db.write() as s:
        app = mat.load_app(s, app_id)
        _check_reviewer(actor, app)
        _require_submitted(app, "returned for correction", "退回补正")
        for key in keys:
            mat._item(s, app, key)
        round_no = (
            s.scalar(
                select(func.max(ApplicationReturn.round)).where(
                    ApplicationReturn.application_id == app.id
                )
            )
            or 0
        ) + 1
        s.add(
            ApplicationReturn(
                office_id=app.office_id,
                application_id=app.id,
                round=round_no,
                items_json=json.dumps(keys),
                reason=text,
                returned_by=actor.user_id,
                returned_at=utcnow(),
            )
        )
        s.execute(
            update(ApplicationMaterial)
            .where(ApplicationMaterial.application_id == app.id, ApplicationMaterial.item.in_(keys))
            .values(seen=False, seen_by=None, seen_at=None, version=ApplicationMaterial.version + 1)
            .execution_options(synchronize_session=False)
        )
        s.execute(
            update(ApplicationAttachment)
            .where(
                ApplicationAttachment.application_id == app.id,
                ApplicationAttachment.item.in_(keys),
            )
            .values(current=False)
            .execution_options(synchronize_session=False)
        )
        app.status = ApplicationStatus.RETURNED
        _flush(s, app)
        record_event(
            s,
            actor,
            "application.return",
            "application",
            app.id,
            before={"status": ApplicationStatus.SUBMITTED},
            after={
                "status": ApplicationStatus.RETURNED,
                "round": round_no,
                "items": keys,
                "reason": text,
            },
        )
        return round_no


def close_return_round(s: Session, app: Application) -> int | None:
    """Mark the open return round of ``app`` resubmitted; its number, or None if there was none."""
    last = s.scalar(
        select(ApplicationReturn)
        .where(ApplicationReturn.application_id == app.id)
        .order_by(ApplicationReturn.round.desc())
        .limit(1)
    )
    if last is None or last.resubmitted_at is not None:
        return None
    last.resubmitted_at = utcnow()
    return last.round


def verify_amount(
    db: Database,
    actor: Actor,
    app_id: int,
    amount: str,
    reason: str,
    *,
    today: dt.date | None = None,
) -> EligibilityResult:
    """Record the verified contract amount (核定合同额) of a submitted voucher application where it
    differs from the claimed one, with the reason; the benefit is computed on it from now on.
    Reviewers; not the person who recorded it."""
    actor.require("application.decide")
    text = _reason(reason, "for the verified amount", "核定金额", "verified_reason")
    fen = parse_yuan(amount, what="verified contract amount", allow_zero=False)
    with db.write() as s:
        app = mat.load_app(s, app_id)
        _check_reviewer(actor, app)
        _require_submitted(app, "given a verified amount", "核定金额")
        if app.benefit not in VOUCHER_KINDS or app.contract_amount is None:
            raise ValidationError(
                f"A {benefit_label(app.benefit)} has no contract amount to verify.",
                f"{benefit_label(app.benefit, 'zh')}没有需要核定的合同金额。",
                field="amount",
            )
        if fen == app.contract_amount:
            raise ValidationError(
                f"{format_yuan(fen)} yuan is the claimed contract amount; record a verified "
                "amount only where it differs.",
                f"{format_yuan(fen)} 元即为申报的合同金额，仅在核定金额不同时才需登记。",
                field="amount",
            )
        before = {
            "verified_contract_amount": app.verified_contract_amount,
            "amount": app.amount,
        }
        app.verified_contract_amount, app.verified_reason = fen, text
        result = restore_eligibility(s, app, today or dt.date.today())
        _flush(s, app)
        record_event(
            s,
            actor,
            "application.verify_amount",
            "application",
            app.id,
            before=before,
            after={
                "contract_amount": app.contract_amount,
                "verified_contract_amount": fen,
                "amount": app.amount,
                "reason": text,
            },
        )
        return result
