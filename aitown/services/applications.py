"""Applications for benefits: record, submit, approve / reject inside the pool, disburse, revoke.

The lifecycle is draft → submitted → approved / rejected → disbursed, or revoked after approval or
disbursement. Approval checks eligibility again (§8.3) and stores that result with the decision;
the person who recorded an application never decides it (§8.2). Money moves between a pool's
``committed`` and ``disbursed`` columns by conditional UPDATEs, so two approvals racing for the
last money of a pool — from two processes, on SQLite or PostgreSQL — can never both succeed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from aitown import labels
from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit
from aitown.errors import (
    BudgetExceeded,
    ConflictError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from aitown.labels import application_status_label
from aitown.models import (
    BENEFITS,
    Application,
    AuditEvent,
    BudgetPool,
    Lease,
    Member,
    Team,
    User,
    utcnow,
)
from aitown.money import format_yuan, parse_yuan
from aitown.policy.entitlements import rent_waiver_repayment
from aitown.policy.facts import VOUCHER_KINDS
from aitown.policy.results import EligibilityResult, clause_label
from aitown.policy.rules import POOL_CLAUSE
from aitown.services.actor import Actor
from aitown.services.application_list import ApplicationRow as ApplicationRow  # re-exported
from aitown.services.application_list import list_applications as list_applications
from aitown.services.audit import record_event
from aitown.services.eligibility import evaluate
from aitown.services.facts import lease_facts
from aitown.services.paid_amounts import open_list_of, paid_fen
from aitown.services.policies import active_policy
from aitown.services.publicity import require_publicity_passed
from aitown.validation import normalize_uscc, optional_text, parse_date, parse_optional_date

APP_FIELDS = ("status", "amount", "decided_by", "decision_reason", "repayment_amount")


benefit_label = labels.benefit_label  # where the services and their callers have long found it


def check_benefit(benefit: str) -> str:
    if benefit not in BENEFITS:
        raise ValidationError(
            f"The benefit “{benefit}” is unknown: use one of {', '.join(BENEFITS)}.",
            f"扶持类型“{benefit}”无效：请使用 {', '.join(BENEFITS)} 之一。",
            field="benefit",
        )
    return benefit


def load_application(s: Session, app_id: int) -> Application:
    app = s.get(Application, app_id)
    if app is None:
        raise NotFound(f"There is no application no. {app_id}.", f"没有编号为 {app_id} 的申请。")
    return app


def _require_status(app: Application, *allowed: str, doing: str, doing_zh: str) -> None:
    if app.status not in allowed:
        raise ConflictError(
            f"Application {app.id} is {app.status}; only a {' or '.join(allowed)} application can be {doing}.",
            f"申请 {app.id} 当前状态为“{application_status_label(app.status, 'zh')}”，只有"
            f"“{'/'.join(application_status_label(a, 'zh') for a in allowed)}”状态的申请才能{doing_zh}。",
        )


@dataclass(frozen=True)
class RecordedApplication:
    application_id: int
    amount_fen: int | None
    result: EligibilityResult


def record_application(
    db: Database,
    actor: Actor,
    team_id: int,
    benefit: str,
    *,
    contract_amount: str | None = None,
    vendor_uscc: str | None = None,
    vendor_name: str | None = None,
    vendor_legal_rep: str | None = None,
    contract_start: str | dt.date | None = None,
    contract_end: str | dt.date | None = None,
    member_id: int | None = None,
    lease_id: int | None = None,
    applied_on: str | dt.date | None = None,
) -> RecordedApplication:
    """Record what a team asks for (desk staff), with the amount computed under the active policy.

    An application that the rules would refuse is still recorded — the reviewer rejects it and the
    rejection notice lists why — but its computed amount is empty.
    """
    actor.require("application.record")
    check_benefit(benefit)
    day = (
        parse_optional_date(applied_on, what="application date", field_name="applied_on")
        or dt.date.today()
    )
    if benefit in VOUCHER_KINDS:
        fields = _voucher_fields(
            benefit,
            contract_amount=contract_amount,
            vendor_uscc=vendor_uscc,
            vendor_name=vendor_name,
            vendor_legal_rep=vendor_legal_rep,
            contract_start=contract_start,
            contract_end=contract_end,
        )
    elif any(v not in (None, "") for v in (contract_amount, vendor_uscc)):
        raise ValidationError(
            f"A {benefit_label(benefit)} takes no contract or vendor; leave those empty.",
            f"{benefit_label(benefit, 'zh')}不需要合同或供应商信息，请留空。",
            field="contract_amount",
        )
    else:
        fields = {}
    with db.write() as s:
        team = s.get(Team, team_id)
        if team is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        fields.update(_team_references(s, team_id, benefit, member_id, lease_id, day))
        app = Application(
            office_id=actor.office_id,
            team_id=team_id,
            benefit=benefit,
            status=ApplicationStatus.DRAFT,
            applied_on=day,
            recorded_by=actor.user_id,
            **fields,
        )
        s.add(app)
        s.flush()
        result = _store_first_check(s, actor, app, day)
        return RecordedApplication(app.id, app.amount, result)


def _voucher_fields(
    benefit: str,
    *,
    contract_amount: str | None,
    vendor_uscc: str | None,
    vendor_name: str | None,
    vendor_legal_rep: str | None,
    contract_start: str | dt.date | None,
    contract_end: str | dt.date | None,
) -> dict[str, Any]:
    """A voucher's contract and vendor, checked: the columns of the application."""
    if contract_amount in (None, ""):
        raise ValidationError(
            "A voucher needs the verified contract amount in yuan.",
            "申请券类扶持需填写核定的合同金额（元）。",
            field="contract_amount",
        )
    if not vendor_uscc:
        raise ValidationError(
            "A voucher needs the vendor's unified social credit code.",
            "申请券类扶持需填写供应商的统一社会信用代码。",
            field="vendor_uscc",
        )
    fields: dict[str, Any] = {
        "contract_amount": parse_yuan(contract_amount, what="contract amount", allow_zero=False),
        "vendor_uscc": normalize_uscc(vendor_uscc, field_name="vendor_uscc"),
        "vendor_name": optional_text(
            vendor_name, what="vendor name", what_zh="供应商名称", field_name="vendor_name"
        )
        or None,
        "vendor_legal_rep": optional_text(
            vendor_legal_rep,
            what="vendor's legal representative",
            what_zh="供应商法定代表人",
            field_name="vendor_legal_rep",
            max_len=100,
        )
        or None,
    }
    # Compute vouchers need the contract's months (§4.3 counts them); for the other vouchers
    # the dates are recorded when given.
    start: dt.date | None
    end: dt.date | None
    if benefit == Benefit.COMPUTE_VOUCHER or contract_start or contract_end:
        start = parse_date(contract_start, what="contract start", field_name="contract_start")
        end = parse_date(contract_end, what="contract end", field_name="contract_end")
    else:
        start = end = None
    if start and end and end < start:
        raise ValidationError(
            f"The contract ends ({end}) before it starts ({start}).",
            f"合同结束日期（{end}）早于开始日期（{start}）。",
            field="contract_end",
        )
    fields["contract_start"], fields["contract_end"] = start, end
    return fields


def _team_references(
    s: Session,
    team_id: int,
    benefit: str,
    member_id: int | None,
    lease_id: int | None,
    day: dt.date,
) -> dict[str, Any]:
    """The member (talent award) or lease (rent waiver) the application is about, of this team."""
    if benefit == Benefit.TALENT_AWARD:
        member = s.get(Member, member_id) if member_id else None
        if member is None or member.team_id != team_id:
            raise ValidationError(
                "A talent award needs the member it is for, chosen from this team's members.",
                "人才奖励需要从该团队成员中选择获奖人。",
                field="member_id",
            )
        return {"member_id": member.id}
    if benefit == Benefit.RENT_WAIVER:
        lease = s.get(Lease, lease_id) if lease_id else _current_lease(s, team_id, day)
        if lease is not None and lease.team_id != team_id:
            raise ValidationError(
                "That lease belongs to another team.", "该租约属于其他团队。", field="lease_id"
            )
        return {"lease_id": lease.id if lease else None}
    return {}


def _store_first_check(
    s: Session, actor: Actor, app: Application, day: dt.date
) -> EligibilityResult:
    """Check the new application, keep the result and its amount (empty when not eligible), and
    record the audit event."""
    result = evaluate(s, app, today=day)
    app.amount = result.amount.amount_fen if (result.eligible and result.amount) else None
    app.eligibility_json = json.dumps(result.to_record(), ensure_ascii=False)
    app.policy_id, app.policy_version = result.policy_id, result.policy_version
    record_event(
        s,
        actor,
        "application.record",
        "application",
        app.id,
        after={
            "team_id": app.team_id,
            "benefit": app.benefit,
            "amount": app.amount,
            "contract_amount": app.contract_amount,
            "vendor_uscc": app.vendor_uscc,
            "eligible": result.eligible,
        },
    )
    return result


def _current_lease(s: Session, team_id: int, day: dt.date) -> Lease | None:
    leases = s.scalars(
        select(Lease).where(Lease.team_id == team_id).order_by(Lease.start_on.desc())
    ).all()
    for lease in leases:
        if lease.start_on <= day <= lease.last_day:
            return lease
    return leases[0] if leases else None


def submit_application(db: Database, actor: Actor, app_id: int) -> None:
    """Send a draft (or an application returned for correction) to the reviewers' queue.

    Refused while a required material, or one the return named, is missing (issue 13.1); a
    resubmission evaluates eligibility again and closes the return round (issue 13.3).
    """
    from aitown.services.materials import require_materials_for_submit
    from aitown.services.review_steps import close_return_round, restore_eligibility

    actor.require("application.submit")
    with db.write() as s:
        app = load_application(s, app_id)
        _require_status(
            app,
            ApplicationStatus.DRAFT,
            ApplicationStatus.RETURNED,
            doing=ApplicationStatus.SUBMITTED,
            doing_zh="提交",
        )
        require_materials_for_submit(s, app)
        before = app.status
        after: dict[str, Any] = {"status": ApplicationStatus.SUBMITTED}
        if before == ApplicationStatus.RETURNED:
            result = restore_eligibility(s, app, dt.date.today())
            after.update(
                round=close_return_round(s, app), amount=app.amount, eligible=result.eligible
            )
        app.status, app.submitted_at = ApplicationStatus.SUBMITTED, utcnow()
        _flush(s, app)
        record_event(
            s,
            actor,
            "application.resubmit"
            if before == ApplicationStatus.RETURNED
            else "application.submit",
            "application",
            app.id,
            before={"status": before},
            after=after,
        )


def _flush(s: Session, app: Application) -> None:
    """Write a decision or a step of the lifecycle; if another desk changed the application since it
    was read (PostgreSQL lets two desks read it at once), say who did, not a driver error."""
    app_id = app.id  # read now: after a failed flush the session must not be touched again
    try:
        s.flush()
    except StaleDataError:
        s.rollback()
        raise _changed_elsewhere(s, app_id) from None


def _changed_elsewhere(s: Session, app_id: int) -> ConflictError:
    """The refusal for an application another desk changed a moment ago, naming that person."""
    row = s.execute(
        select(Application.status, User.name)
        .outerjoin(User, User.id == Application.decided_by)
        .where(Application.id == app_id)
    ).first()
    status, decider = (row[0], row[1]) if row is not None else (None, None)
    who = decider or s.scalar(
        select(AuditEvent.user_name)
        .where(AuditEvent.entity == "application", AuditEvent.entity_id == str(app_id))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    if status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED) and decider:
        return ConflictError(
            f"Application {app_id} was decided by {decider} a moment ago (it is now {status}); "
            "nothing was changed.",
            f"申请 {app_id} 刚刚已由 {decider} 审批（当前状态：{application_status_label(status, 'zh')}），未作任何改动。",
        )
    status_zh = f"（当前状态：{application_status_label(status, 'zh')}）" if status else ""
    return ConflictError(
        f"Application {app_id} was changed by {who or 'someone else'} a moment ago"
        f"{f' (it is now {status})' if status else ''}; nothing was changed. Reload it and try again.",
        f"申请 {app_id} 刚刚已被{who or '他人'}修改{status_zh}，未作任何改动，请刷新后重试。",
    )


def _check_decider(actor: Actor, app: Application) -> None:
    actor.require("application.decide")
    if app.recorded_by == actor.user_id:
        raise PermissionDenied(
            f"{actor.name} recorded application {app.id} and so cannot decide it (§8.2); "
            "ask another reviewer.",
            f"{actor.name} 登记了申请 {app.id}，按第8.2条不能审批，请由其他审核人处理。",
        )


def _pool(s: Session, office_id: int, kind: str) -> BudgetPool:
    pool = s.scalar(
        select(BudgetPool).where(BudgetPool.office_id == office_id, BudgetPool.kind == kind)
    )
    if pool is None:
        raise NotFound(
            f"There is no budget pool for {benefit_label(kind)}.",
            f"没有{benefit_label(kind, 'zh')}预算资金池。",
        )
    return pool


def commit_to_pool(s: Session, office_id: int, kind: str, amount: int) -> None:
    """Move ``amount`` into the pool's committed money, or refuse if it does not fit what is left.

    One conditional UPDATE: the check and the change are one statement, so a concurrent approval
    either sees this one's commitment or waits for it (row lock / SQLite write lock).
    """
    pool = _pool(s, office_id, kind)
    # An UPDATE gives a CursorResult, which counts the rows it changed.
    result: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # Session.execute is typed Result
        update(BudgetPool)
        .where(
            BudgetPool.id == pool.id,
            BudgetPool.total - BudgetPool.committed - BudgetPool.disbursed >= amount,
        )
        .values(committed=BudgetPool.committed + amount)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        s.refresh(pool)
        raise BudgetExceeded(
            f"The {benefit_label(kind)} pool has {format_yuan(pool.left)} yuan left, less than the "
            f"{format_yuan(amount)} yuan asked; the application was not approved.",
            f"{benefit_label(kind, 'zh')}资金池仅余 {format_yuan(pool.left)} 元，不足 {format_yuan(amount)} 元，申请未获批准。",
        )
    s.expire(pool)


def approve_application(
    db: Database, actor: Actor, app_id: int, reason: str = "", *, today: dt.date | None = None
) -> EligibilityResult:
    """Approve a submitted application: eligibility again (§8.3), then commit its amount to the pool."""
    with db.write() as s:
        app = load_application(s, app_id)
        _check_decider(actor, app)
        _require_status(
            app, ApplicationStatus.SUBMITTED, doing=ApplicationStatus.APPROVED, doing_zh="批准"
        )
        result = evaluate(s, app, today=today or dt.date.today(), at_approval=True)
        if result.failed and all(r.clause == POOL_CLAUSE for r in result.failed):
            raise BudgetExceeded(
                f"Application {app.id} was not approved: {result.failed[0].reason('en')}.",
                f"申请 {app.id} 未获批准：{result.failed[0].reason('zh')}。",
            )
        if not result.eligible or result.amount is None:
            failed = (
                "; ".join(f"{clause_label(r.clause)} {r.reason('en')}" for r in result.failed)
                or "no amount"
            )
            failed_zh = (
                "；".join(f"{clause_label(r.clause, 'zh')} {r.reason('zh')}" for r in result.failed)
                or "无金额"
            )
            raise ValidationError(
                f"Application {app.id} no longer meets the policy and cannot be approved: {failed}. Reject it instead.",
                f"申请 {app.id} 已不符合政策，不能批准：{failed_zh}。请改为驳回。",
            )
        amount = result.amount.amount_fen
        before = {"status": app.status, "amount": app.amount}
        commit_to_pool(s, app.office_id, app.benefit, amount)
        app.status, app.amount = ApplicationStatus.APPROVED, amount
        app.decided_by, app.decided_at, app.decision_reason = actor.user_id, utcnow(), reason
        app.eligibility_json = json.dumps(result.to_record(), ensure_ascii=False)
        app.policy_id, app.policy_version = result.policy_id, result.policy_version
        _flush(s, app)
        record_event(
            s,
            actor,
            "application.approve",
            "application",
            app.id,
            before=before,
            after={
                "status": ApplicationStatus.APPROVED,
                "amount": amount,
                "policy": f"{result.policy_id} {result.policy_version}",
                "reason": reason,
            },
        )
        return result


def reject_application(
    db: Database, actor: Actor, app_id: int, reason: str = "", *, today: dt.date | None = None
) -> EligibilityResult:
    """Reject a submitted application; the eligibility result at that moment is stored with it."""
    with db.write() as s:
        app = load_application(s, app_id)
        _check_decider(actor, app)
        _require_status(
            app, ApplicationStatus.SUBMITTED, doing=ApplicationStatus.REJECTED, doing_zh="驳回"
        )
        result = evaluate(s, app, today=today or dt.date.today())
        if result.eligible and not reason.strip():
            raise ValidationError(
                f"Application {app.id} meets every rule; give the reason for rejecting it.",
                f"申请 {app.id} 符合全部条件，驳回时请填写理由。",
                field="reason",
            )
        if not any(r.status == "fail" for r in result.rules) and not reason.strip():
            # Only facts are missing: the notice lists failed rules only, so it needs a reason.
            missing = ", ".join(m for r in result.rules for m in r.missing)
            raise ValidationError(
                f"Application {app.id} fails no rule; only facts are missing ({missing}). Record "
                "them and check again, or give the reason for rejecting it.",
                f"申请 {app.id} 没有不符合的条件，仅缺少信息（{missing}）。请登记后重新核查，或填写驳回理由。",
                field="reason",
            )
        app.status = ApplicationStatus.REJECTED
        app.decided_by, app.decided_at, app.decision_reason = actor.user_id, utcnow(), reason
        app.eligibility_json = json.dumps(result.to_record(), ensure_ascii=False)
        app.policy_id, app.policy_version = result.policy_id, result.policy_version
        _flush(s, app)
        record_event(
            s,
            actor,
            "application.reject",
            "application",
            app.id,
            before={"status": ApplicationStatus.SUBMITTED},
            after={
                "status": ApplicationStatus.REJECTED,
                "reason": reason,
                "failed": [r.clause for r in result.failed],
            },
        )
        return result


def disburse_application(db: Database, actor: Actor, app_id: int) -> None:
    """Record that an approved amount was paid (or, for a rent waiver, forgone)."""
    actor.require("application.disburse")
    with db.write() as s:
        app = load_application(s, app_id)
        _require_status(
            app, ApplicationStatus.APPROVED, doing=ApplicationStatus.DISBURSED, doing_zh="拨付"
        )
        require_publicity_passed(s, app, doing="pay it", doing_zh="拨付")
        on_list = open_list_of(s, app.id)
        if on_list is not None:
            # Paying it here and then the list would pay it twice (the list would be refused).
            raise ConflictError(
                f"Application {app.id} is on payment list {on_list}, which is not paid yet: "
                f"record the payment on that list, or cancel the list first.",
                f"申请 {app.id} 已列入尚未拨付的拨付清单 {on_list}：请在该清单上登记拨付，"
                f"或先撤销该清单。",
            )
        # What payment lists already paid of it (tranches) moved out of ``committed`` then.
        amount = (app.amount or 0) - paid_fen(s, app.id)
        pool = _pool(s, app.office_id, app.benefit)
        s.execute(
            update(BudgetPool)
            .where(BudgetPool.id == pool.id)
            .values(
                committed=BudgetPool.committed - amount, disbursed=BudgetPool.disbursed + amount
            )
            .execution_options(synchronize_session=False)
        )
        app.status, app.disbursed_at = ApplicationStatus.DISBURSED, utcnow()
        _flush(s, app)
        record_event(
            s,
            actor,
            "application.disburse",
            "application",
            app.id,
            before={"status": ApplicationStatus.APPROVED},
            after={"status": ApplicationStatus.DISBURSED, "amount": amount},
        )


def repayment_due(s: Session, app: Application, on: dt.date) -> int:
    """What a revoked benefit asks back: for a rent waiver of a team leaving within the policy's
    period (§2.5), the rent waived up to the day it left; for paid money, the amount paid."""
    if app.status != ApplicationStatus.DISBURSED and app.benefit != Benefit.RENT_WAIVER:
        return 0
    if app.benefit == Benefit.RENT_WAIVER:
        team = s.get(Team, app.team_id)
        assert team is not None
        facts = lease_facts(s, app.team_id)
        lease = next((lf for lf in facts if lf.lease_id == app.lease_id), None)
        if lease is None:
            return 0
        repayment = rent_waiver_repayment(
            active_policy(s),
            lease,
            left_on=team.left_on or on,
            status=team.status,
            admitted_on=team.admitted_on,
            leases=facts,  # a waiver continued on a renewal (issue 14)
        )
        return repayment.amount_fen if repayment.due else 0
    return app.amount or 0


def revoke_application(
    db: Database, actor: Actor, app_id: int, reason: str, *, today: dt.date | None = None
) -> int:
    """Revoke an approved or disbursed benefit; returns the repayment amount (fen) to state on the
    revocation notice. What the application still held goes back to its pool."""
    actor.require("application.revoke")
    if not (reason or "").strip():
        raise ValidationError(
            "Give the reason for the revocation; it is printed on the notice.",
            "请填写撤销理由，理由将印在通知书上。",
            field="reason",
        )
    with db.write() as s:
        return revoke_in(s, actor, load_application(s, app_id), reason, today or dt.date.today())


def revoke_in(s: Session, actor: Actor, app: Application, reason: str, day: dt.date) -> int:
    """Revoke ``app`` inside the caller's transaction (the body of :func:`revoke_application`;
    a team leaving the town revokes several in one transaction)."""
    actor.require("application.revoke")
    _require_status(
        app,
        ApplicationStatus.APPROVED,
        ApplicationStatus.DISBURSED,
        doing=ApplicationStatus.REVOKED,
        doing_zh="撤销",
    )
    amount = app.amount or 0
    repay = min(repayment_due(s, app, day), amount)
    pool = _pool(s, app.office_id, app.benefit)
    paid = paid_fen(s, app.id) if app.status == ApplicationStatus.APPROVED else 0
    if app.status == ApplicationStatus.APPROVED:
        # A tranche already paid (issue 13.6) is asked back like paid money; the rest of the
        # commitment goes back to the pool.
        repay = max(repay, paid)
        values = {
            "committed": BudgetPool.committed - (amount - paid),
            "disbursed": BudgetPool.disbursed - paid,
            "released": BudgetPool.released + amount,
        }
    else:
        # Paid money comes back to the pool only as far as it is asked back.
        values = {
            "disbursed": BudgetPool.disbursed - repay,
            "released": BudgetPool.released + repay,
        }
    s.execute(
        update(BudgetPool)
        .where(BudgetPool.id == pool.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    before = {"status": app.status}
    app.status, app.revoked_at, app.repayment_amount = (
        ApplicationStatus.REVOKED,
        utcnow(),
        repay,
    )
    app.decision_reason = (
        app.decision_reason + "\n" if app.decision_reason else ""
    ) + f"Revoked: {reason}"
    _flush(s, app)
    record_event(
        s,
        actor,
        "application.revoke",
        "application",
        app.id,
        before=before,
        after={"status": ApplicationStatus.REVOKED, "repayment": repay, "reason": reason},
    )
    return repay


def get_application(db: Database, app_id: int) -> Application:
    with db.read() as s:
        app = load_application(s, app_id)
        _ = app.team, app.member, app.lease
        return app
