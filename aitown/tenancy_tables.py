"""The records of unit states and lease hand-overs (migration 0010_lease_handover).

"Leased" and "vacant" are never stored: they follow from the leases on the day asked about. What
the desk sets on a unit is a *hold*: reserved (for a team, until a day) or under repair, each for a
period, so the board can show any date and a lease can be checked against it. Moving in and moving
out are one record each per lease, printed as the hand-over sheet (交接单).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from aitown.db import Money
from aitown.models import Base, OfficeOwned, utcnow


class UnitHold(OfficeOwned, Base):
    """A unit reserved (optionally for a team) or under repair from ``starts_on`` to ``ends_on``
    (inclusive; None = until lifted). Lifting a hold keeps the record (``active`` false)."""

    __tablename__ = "unit_hold"
    __table_args__ = (
        CheckConstraint("kind in ('reserved','repair')", name="ck_unit_hold_kind"),
        CheckConstraint("ends_on is null or ends_on >= starts_on", name="ck_unit_hold_period"),
        Index("ix_unit_hold_space", "space_id", "starts_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id"))
    kind: Mapped[str] = mapped_column(String(16))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), nullable=True)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class LeaseHandover(OfficeOwned, Base):
    """What was handed over when a team moved in or out: keys and cards, the meters, the unit's
    condition and the deposit. Meter readings are hundredths of a kWh / m³; money is fen."""

    __tablename__ = "lease_handover"
    __table_args__ = (
        UniqueConstraint("lease_id", "kind", name="uq_lease_handover_kind"),
        CheckConstraint("kind in ('move_in','move_out')", name="ck_lease_handover_kind"),
        CheckConstraint("keys >= 0 and cards >= 0", name="ck_lease_handover_counts"),
        CheckConstraint(
            "electricity_hundredths >= 0 and water_hundredths >= 0",
            name="ck_lease_handover_meters",
        ),
        CheckConstraint("deposit >= 0 and deducted >= 0", name="ck_lease_handover_money"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lease_id: Mapped[int] = mapped_column(ForeignKey("lease.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    handed_on: Mapped[dt.date] = mapped_column(Date)
    keys: Mapped[int] = mapped_column(Integer, default=0)
    cards: Mapped[int] = mapped_column(Integer, default=0)
    electricity_hundredths: Mapped[int] = mapped_column(Integer, default=0)  # kWh × 100
    water_hundredths: Mapped[int] = mapped_column(Integer, default=0)  # m³ × 100
    condition: Mapped[str] = mapped_column(Text, default="")
    # Move-in: the deposit received. Move-out: the deposit returned, and what was kept back.
    deposit: Mapped[int] = mapped_column(Money, default=0)
    deducted: Mapped[int] = mapped_column(Money, default=0)
    tenant_signatory: Mapped[str] = mapped_column(String(100), default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}
