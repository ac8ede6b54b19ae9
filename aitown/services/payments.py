"""Payment lists (拨付清单, issue 13.6): money goes out in lists, not one status change at a time.

The administrator builds a list of one benefit from the awarded applications — approved, their
publicity passed where the policy asks for one, their award notice issued, not yet fully paid and
on no other unpaid list — optionally only those approved up to a date. Each application gets one
line: its next tranche (the policy's ``[payments.tranches]``; one payment when it names none).
Paying the list is ONE transaction: every line gets the date and the bank reference, the pool's
``committed`` money moves to ``disbursed`` by what was paid, a fully paid application becomes
``disbursed``. If any line cannot be paid (the application was revoked since, the pool no longer
holds its commitment) the whole list is refused and nothing is marked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.enums import ApplicationStatus
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import benefit_label
from aitown.models import Application, BudgetPool, Notice, Team, utcnow
from aitown.money import format_yuan
from aitown.payout_tables import PaymentLine, PaymentList, PaymentListStatus
from aitown.policy.payout_rules import PAYABLE_BENEFITS, tranche_amounts
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.paid_amounts import open_list_of, paid_fen
from aitown.services.policies import active_policy
from aitown.services.publicity import publicity_block

RIGHT = "payment.manage"
MAX_REFERENCE = 100


@dataclass(frozen=True)
class LineView:
    """One line of a payment list as printed (money in fen; no personal data)."""

    line_id: int
    application_id: int
    team_name: str
    team_uscc: str
    benefit: str
    tranche: int
    tranches: int
    amount_fen: int
    awarded_fen: int
    paid_on: dt.date | None
    reference: str


@dataclass(frozen=True)
class PaymentListView:
    """A payment list with its lines and total."""

    id: int
    benefit: str
    approved_to: dt.date | None
    status: str
    created_at: dt.datetime
    created_by: str
    paid_on: dt.date | None
    reference: str
    lines: tuple[LineView, ...]

    @property
    def total_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)


def _check_payable(benefit: str) -> None:
    if benefit not in PAYABLE_BENEFITS:
        raise ValidationError(
            f"A {benefit_label(benefit)} is not paid out (it is taken off the rent), so it has "
            f"no payment list; use one of {', '.join(PAYABLE_BENEFITS)}.",
            f"{benefit_label(benefit, 'zh')}不涉及资金拨付（直接减免租金），没有拨付清单；"
            f"请使用 {', '.join(PAYABLE_BENEFITS)} 之一。",
            field="benefit",
        )


def _next_tranche(s: Session, app: Application, parts: tuple[int, ...]) -> tuple[int, int, int]:
    """(tranche number, tranche count, amount) of the next payment of an application."""
    paid_lines = s.scalars(
        select(PaymentLine)
        .join(PaymentList, PaymentList.id == PaymentLine.list_id)
        .where(PaymentLine.application_id == app.id, PaymentList.status == PaymentListStatus.PAID)
        .order_by(PaymentLine.tranche)
    ).all()
    if paid_lines:
        # Keep the split the first payment used, even if the policy changed since.
        count = paid_lines[0].tranches
        if count != len(parts):
            parts = _even_parts(count)
    else:
        count = len(parts)
    amounts = tranche_amounts(app.amount or 0, parts)
    number = len(paid_lines) + 1
    if number > count:
        return number, count, 0
    if number == count:  # the last tranche is whatever is still unpaid, to the fen
        return number, count, (app.amount or 0) - sum(line.amount for line in paid_lines)
    return number, count, amounts[number - 1]


def _even_parts(count: int) -> tuple[int, ...]:
    base, extra = divmod(100, count)
    return tuple(base + (1 if i < extra else 0) for i in range(count))


def payable(
    s: Session, benefit: str, *, approved_to: dt.date | None = None
) -> list[tuple[Application, int, int, int]]:
    """The applications a new list of ``benefit`` would pay: (application, tranche, of, amount)."""
    policy = active_policy(s)
    parts = policy.payments.tranches_of(benefit)
    stmt = (
        select(Application)
        .where(Application.status == ApplicationStatus.APPROVED, Application.benefit == benefit)
        .order_by(Application.decided_at, Application.id)
    )
    if approved_to is not None:
        stmt = stmt.where(
            Application.decided_at < dt.datetime.combine(approved_to, dt.time()) + dt.timedelta(1)
        )
    out: list[tuple[Application, int, int, int]] = []
    for app in s.scalars(stmt):
        if not app.amount or publicity_block(s, app, policy) is not None:
            continue
        if s.scalar(select(Notice.id).where(Notice.application_id == app.id, Notice.kind == app.benefit).limit(1)) is None:  # fmt: skip
            continue  # not awarded yet: the award notice comes before the money
        if open_list_of(s, app.id) is not None:
            continue
        number, count, amount = _next_tranche(s, app, parts)
        if amount > 0:
            out.append((app, number, count, amount))
    return out


def build_payment_list(
    db: Database, actor: Actor, benefit: str, *, approved_to: dt.date | None = None
) -> int:
    """Build a payment list of ``benefit`` from the awarded applications; returns its id.
    Refuses when there is nothing to pay."""
    actor.require(RIGHT)
    _check_payable(benefit)
    with db.write() as s:
        rows = payable(s, benefit, approved_to=approved_to)
        if not rows:
            until = f" approved up to {approved_to}" if approved_to else ""
            until_zh = f"（批准日期截至 {approved_to}）" if approved_to else ""
            raise ConflictError(
                f"No {benefit_label(benefit)} is waiting for payment{until}: an application is "
                "paid once approved, past its publicity where needed and awarded by notice.",
                f"没有待拨付的{benefit_label(benefit, 'zh')}{until_zh}：申请须已批准、"
                "按规定公示期满无异议并已出具通知书后方可拨付。",
            )
        plist = PaymentList(
            office_id=actor.office_id,
            benefit=benefit,
            approved_to=approved_to,
            status=PaymentListStatus.OPEN,
            created_by=actor.user_id,
        )
        s.add(plist)
        s.flush()
        for app, number, count, amount in rows:
            s.add(
                PaymentLine(
                    office_id=app.office_id,
                    list_id=plist.id,
                    application_id=app.id,
                    tranche=number,
                    tranches=count,
                    amount=amount,
                )
            )
        s.flush()
        record_event(
            s,
            actor,
            "payment_list.build",
            "payment_list",
            plist.id,
            after={
                "benefit": benefit,
                "approved_to": approved_to.isoformat() if approved_to else None,
                "lines": len(rows),
                "total": sum(r[3] for r in rows),
                "applications": [r[0].id for r in rows],
            },
        )
        return plist.id


def _load_list(s: Session, list_id: int) -> PaymentList:
    plist = s.get(PaymentList, list_id)
    if plist is None:
        raise NotFound(
            f"There is no payment list no. {list_id}.", f"没有编号为 {list_id} 的拨付清单。"
        )
    return plist


def _line_problem(s: Session, line: PaymentLine) -> tuple[str, str] | None:
    app = s.get(Application, line.application_id)
    assert app is not None
    if app.status != ApplicationStatus.APPROVED:
        return (
            f"application {app.id} is now {app.status}",
            f"申请 {app.id} 当前已不是已批准状态",
        )
    block = publicity_block(s, app)
    if block is not None:
        return block
    if paid_fen(s, app.id) + line.amount > (app.amount or 0):
        return (
            f"application {app.id} would be paid more than its {format_yuan(app.amount or 0)} yuan",
            f"申请 {app.id} 的拨付金额将超过核定的 {format_yuan(app.amount or 0)} 元",
        )
    return None


def pay_payment_list(
    db: Database,
    actor: Actor,
    list_id: int,
    *,
    paid_on: dt.date,
    reference: str,
    line_references: dict[int, str] | None = None,
) -> int:
    """Record the payment of every line of a list (one transaction); returns the total paid (fen).

    ``reference`` is the bank's reference of the transfer; ``line_references`` may give a line
    (by line id) a reference of its own. A future date is refused."""
    actor.require(RIGHT)
    ref = (reference or "").strip()
    if not ref or len(ref) > MAX_REFERENCE:
        raise ValidationError(
            f"Give the bank reference of the payment (1 to {MAX_REFERENCE} characters).",
            f"请填写银行付款流水号（1至{MAX_REFERENCE}个字符）。",
            field="reference",
        )
    if paid_on > dt.date.today():
        raise ValidationError(
            f"The payment date {paid_on} is in the future; record a payment once it is made.",
            f"付款日期 {paid_on} 晚于今天，请在实际付款后登记。",
            field="date",
        )
    with db.write() as s:
        plist = _load_list(s, list_id)
        if plist.status != PaymentListStatus.OPEN:
            raise ConflictError(
                f"Payment list {list_id} is {plist.status}; only an open list can be paid.",
                f"拨付清单 {list_id} 已{'登记付款' if plist.status == PaymentListStatus.PAID else '作废'}，不能再次付款。",
            )
        total = 0
        for line in plist.lines:
            problem = _line_problem(s, line)
            if problem is not None:
                raise ConflictError(
                    f"Payment list {list_id} was not paid — line {line.id}: {problem[0]}. Nothing "
                    "was marked; cancel the list and build a new one.",
                    f"拨付清单 {list_id} 未登记付款——第 {line.id} 行：{problem[1]}。未作任何标记，"
                    "请作废该清单后重新编制。",
                )
            app = s.get(Application, line.application_id)
            assert app is not None
            # Read before this list counts as paid (its status changes once every line is done).
            fully = paid_fen(s, app.id) + line.amount >= (app.amount or 0)
            _move_pool(s, line)
            own = (line_references or {}).get(line.id, "").strip()
            line.paid_on, line.reference = paid_on, own or ref
            total += line.amount
            before = {"status": app.status}
            if fully:
                app.status, app.disbursed_at = ApplicationStatus.DISBURSED, utcnow()
                s.flush()
            record_event(
                s,
                actor,
                "application.pay",
                "application",
                app.id,
                before=before,
                after={
                    "status": app.status,
                    "paid": line.amount,
                    "tranche": f"{line.tranche}/{line.tranches}",
                    "list": plist.id,
                    "paid_on": paid_on.isoformat(),
                    "reference": line.reference,
                },
            )
        plist.status, plist.paid_on, plist.reference, plist.paid_by = (
            PaymentListStatus.PAID,
            paid_on,
            ref,
            actor.user_id,
        )
        s.flush()
        record_event(
            s,
            actor,
            "payment_list.pay",
            "payment_list",
            plist.id,
            before={"status": PaymentListStatus.OPEN},
            after={
                "status": PaymentListStatus.PAID,
                "total": total,
                "paid_on": paid_on.isoformat(),
                "reference": ref,
            },
        )
        return total


def _move_pool(s: Session, line: PaymentLine) -> None:
    """committed → disbursed by the line's amount; refused if the pool does not hold it."""
    app = s.get(Application, line.application_id)
    assert app is not None
    result: CursorResult[Any] = s.execute(  # type: ignore[assignment]  # an UPDATE counts rows
        update(BudgetPool)
        .where(
            BudgetPool.office_id == app.office_id,
            BudgetPool.kind == app.benefit,
            BudgetPool.committed >= line.amount,
        )
        .values(
            committed=BudgetPool.committed - line.amount,
            disbursed=BudgetPool.disbursed + line.amount,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ConflictError(
            f"Payment list {line.list_id} was not paid — line {line.id}: the "
            f"{benefit_label(app.benefit)} pool no longer holds {format_yuan(line.amount)} yuan "
            "committed. Nothing was marked.",
            f"拨付清单 {line.list_id} 未登记付款——第 {line.id} 行：{benefit_label(app.benefit, 'zh')}"
            f"资金池的已承诺金额不足 {format_yuan(line.amount)} 元。未作任何标记。",
        )


def cancel_payment_list(db: Database, actor: Actor, list_id: int, reason: str = "") -> None:
    """Give up an unpaid list (its applications may go on a new one)."""
    actor.require(RIGHT)
    with db.write() as s:
        plist = _load_list(s, list_id)
        if plist.status != PaymentListStatus.OPEN:
            raise ConflictError(
                f"Payment list {list_id} is {plist.status}; only an unpaid list can be cancelled.",
                f"拨付清单 {list_id} 不是待付款状态，不能作废。",
            )
        plist.status = PaymentListStatus.CANCELLED
        record_event(
            s,
            actor,
            "payment_list.cancel",
            "payment_list",
            plist.id,
            before={"status": PaymentListStatus.OPEN},
            after={"status": PaymentListStatus.CANCELLED, "reason": reason},
        )


def _view(s: Session, plist: PaymentList) -> PaymentListView:
    from aitown.models import User

    lines = []
    for line in plist.lines:
        app = s.get(Application, line.application_id)
        assert app is not None
        team = s.get(Team, app.team_id)
        assert team is not None
        lines.append(
            LineView(
                line_id=line.id,
                application_id=app.id,
                team_name=team.name_zh,
                team_uscc=team.uscc,
                benefit=app.benefit,
                tranche=line.tranche,
                tranches=line.tranches,
                amount_fen=line.amount,
                awarded_fen=app.amount or 0,
                paid_on=line.paid_on,
                reference=line.reference,
            )
        )
    creator = s.get(User, plist.created_by)
    return PaymentListView(
        id=plist.id,
        benefit=plist.benefit,
        approved_to=plist.approved_to,
        status=plist.status,
        created_at=plist.created_at,
        created_by=creator.name if creator else "",
        paid_on=plist.paid_on,
        reference=plist.reference,
        lines=tuple(lines),
    )


def get_payment_list(db: Database, list_id: int) -> PaymentListView:
    """One payment list with its lines."""
    with db.read() as s:
        return _view(s, _load_list(s, list_id))


def list_payment_lists(db: Database) -> list[PaymentListView]:
    """Every payment list, newest first."""
    with db.read() as s:
        return [_view(s, p) for p in s.scalars(select(PaymentList).order_by(PaymentList.id.desc()))]
