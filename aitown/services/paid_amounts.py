"""What has been paid of an application through payment lists (issue 13.6), in fen.

Kept apart from aitown.services.payments so that aitown.services.applications (single
disbursement, revocation) can ask without importing the payment lists.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aitown.payout_tables import PaymentLine, PaymentList, PaymentListStatus


def paid_fen(s: Session, app_id: int) -> int:
    """The sum of the paid lines of an application (0 when none)."""
    return int(
        s.scalar(
            select(func.coalesce(func.sum(PaymentLine.amount), 0))
            .join(PaymentList, PaymentList.id == PaymentLine.list_id)
            .where(
                PaymentLine.application_id == app_id,
                PaymentList.status == PaymentListStatus.PAID,
            )
        )
        or 0
    )


def open_list_of(s: Session, app_id: int) -> int | None:
    """The number of the unpaid (open) payment list an application is on, if any."""
    return s.scalar(
        select(PaymentList.id)
        .join(PaymentLine, PaymentLine.list_id == PaymentList.id)
        .where(PaymentLine.application_id == app_id, PaymentList.status == PaymentListStatus.OPEN)
        .order_by(PaymentList.id)
        .limit(1)
    )
