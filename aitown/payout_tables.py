"""The records of publicity periods and payment lists (issue 13.5, 13.6; migration
0009_publicity_payments).

An application under publicity stays ``approved``: its publicity is a row here (one per round:
an objection sends the application back to review, and a new approval needs a new period). A
payment list holds one line per application and tranche; the list is paid in one transaction.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from aitown.db import Money
from aitown.models import Base, OfficeOwned, utcnow


class PublicityStatus(StrEnum):
    """Where one publicity period stands."""

    OPEN = "open"  # published, the period runs (or has run and is not closed yet)
    PASSED = "passed"  # closed after its end with no objection
    OBJECTED = "objected"  # an objection was recorded: the application went back to review
    EXEMPT = "exempt"  # approved before publicity existed (migration 0009): needs none


class PaymentListStatus(StrEnum):
    OPEN = "open"  # built and printed, not yet paid
    PAID = "paid"
    CANCELLED = "cancelled"  # given up before payment (a line could not be paid)


class PublicityPeriod(OfficeOwned, Base):
    """One publicity period of one approved application."""

    __tablename__ = "publicity_period"
    __table_args__ = (
        CheckConstraint(
            "status in ('open','passed','objected','exempt')", name="ck_publicity_status"
        ),
        Index("ix_publicity_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=PublicityStatus.OPEN)
    opened_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    working_days: Mapped[int] = mapped_column(Integer, default=0)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    objection: Mapped[str] = mapped_column(Text, default="")
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PaymentList(OfficeOwned, Base):
    """A payment list (拨付清单) of one benefit, built from the awarded applications."""

    __tablename__ = "payment_list"
    __table_args__ = (
        CheckConstraint("status in ('open','paid','cancelled')", name="ck_payment_list_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    benefit: Mapped[str] = mapped_column(String(32))
    approved_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=PaymentListStatus.OPEN)
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    paid_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reference: Mapped[str] = mapped_column(String(100), default="")
    paid_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)

    lines: Mapped[list[PaymentLine]] = relationship(
        back_populates="payment_list", order_by="PaymentLine.id"
    )


class PaymentLine(OfficeOwned, Base):
    """One payment of a list: an application's tranche (1 of 1 for a single payment)."""

    __tablename__ = "payment_line"
    __table_args__ = (
        CheckConstraint("amount > 0", name="ck_payment_line_amount"),
        CheckConstraint("tranche >= 1 and tranche <= tranches", name="ck_payment_line_tranche"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("payment_list.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    tranche: Mapped[int] = mapped_column(Integer, default=1)
    tranches: Mapped[int] = mapped_column(Integer, default=1)
    amount: Mapped[int] = mapped_column(Money)
    paid_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reference: Mapped[str] = mapped_column(String(100), default="")

    payment_list: Mapped[PaymentList] = relationship(back_populates="lines")
