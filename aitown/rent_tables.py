"""The rent account's table: one row per payment received, deposit held or returned, and §2.5
repayment asked of a leaving team (migration 0011_rent_accounts).

What the tenant is charged each month is not stored: it follows from the lease and the rent
waiver's schedule (aitown.services.rent_statements), so an early end or a leaving date changes
the charges and the waiver together. Only what happened outside that arithmetic is a row here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from aitown.db import Money
from aitown.models import Base, OfficeOwned, utcnow


class RentEntry(OfficeOwned, Base):
    """A payment, a deposit movement or a receivable on a team's rent account (amount > 0 fen)."""

    __tablename__ = "rent_entry"
    __table_args__ = (
        CheckConstraint("amount > 0", name="ck_rent_entry_amount"),
        Index("ix_rent_entry_team_day", "team_id", "on_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    lease_id: Mapped[int | None] = mapped_column(ForeignKey("lease.id"), nullable=True)
    # The revoked rent waiver a §2.5 repayment comes from.
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(24))
    on_date: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Money)
    reference: Mapped[str] = mapped_column(String(200), default="")  # bank slip, invoice no.
    # A payment's receipt code (HMAC with the office key, like a notice's): printed on the receipt.
    verification_code: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
