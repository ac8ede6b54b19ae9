"""The records of city and district installations (migration 0005_city_offices).

A database without an ``installation`` row is a standalone office, exactly as before.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from aitown.db import Money
from aitown.models import Base, utcnow


class Role(StrEnum):
    """What an installation is: today's single office, the city, or one of its districts."""

    STANDALONE = "standalone"
    CITY = "city"
    DISTRICT = "district"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class ConflictStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class Installation(Base):
    """This installation's role and keys (one row, id 1). Keys are hex: Ed25519 raw keys, and the
    city-wide key of the keyed hash of identity-card numbers (the same in every office)."""

    __tablename__ = "installation"
    __table_args__ = (CheckConstraint("role in ('city','district')", name="ck_installation_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    office_code: Mapped[str] = mapped_column(String(32))
    city_code: Mapped[str] = mapped_column(String(32))
    private_key: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(64))
    person_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PeerOffice(Base):
    """Another office this one exchanges bundles with: on the city each district, on a district
    the city. Sequence numbers count bundles each way; ``acked_seq`` is the newest of our bundles
    the peer said it imported. ``reported_json``: the district's pools as it last reported them."""

    __tablename__ = "peer_office"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    doc_prefix: Mapped[str] = mapped_column(String(40), default="")
    public_key: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_received_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_received_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_sent_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    reported_json: Mapped[str | None] = mapped_column(Text, nullable=True)


class BudgetShare(Base):
    """On the city: the part of a pool's total given to a district (its escrow)."""

    __tablename__ = "budget_share"
    __table_args__ = (
        UniqueConstraint("office_code", "kind", name="uq_budget_share"),
        CheckConstraint("amount >= 0", name="ck_budget_share_amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    amount: Mapped[int] = mapped_column(Money)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SyncBundle(Base):
    """Every bundle written or imported: which peer, its sequence number and its manifest hash."""

    __tablename__ = "sync_bundle"
    __table_args__ = (UniqueConstraint("direction", "peer_code", "seq", name="uq_sync_bundle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))
    peer_code: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    records: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(64), default="")


class SyncRecord(Base):
    """On the city: a district's record as its newest bundle carried it, keyed by its uid
    (``data_json`` is the bundle's line: ``{"data", "entity", "uid"}``)."""

    __tablename__ = "sync_record"
    __table_args__ = (
        UniqueConstraint("entity", "uid", name="uq_sync_record"),
        Index("ix_sync_record_office", "office_code", "entity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_code: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    uid: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    data_json: Mapped[str] = mapped_column(Text)


class SyncSent(Base):
    """On a district: what of each record was last sent, and what the city acknowledged."""

    __tablename__ = "sync_sent"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), primary_key=True)
    sent_digest: Mapped[str] = mapped_column(String(64))
    sent_seq: Mapped[int] = mapped_column(Integer)
    acked_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)


class CityFact(Base):
    """A benefit granted by some office of the city (on the city: every district's; on a district:
    the other offices', as the city's last bundle brought them). What the rules need: §2.4/§3.3
    by USCC, the yearly voucher caps by USCC, §7.3 by the keyed hash of the identity number."""

    __tablename__ = "city_fact"
    __table_args__ = (
        Index("ix_city_fact_uscc", "uscc"),
        Index("ix_city_fact_person", "person_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)  # the application's uid
    office_code: Mapped[str] = mapped_column(String(32))
    office_name_zh: Mapped[str] = mapped_column(String(200), default="")
    office_name_en: Mapped[str] = mapped_column(String(200), default="")
    benefit: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int | None] = mapped_column(Money, nullable=True)
    applied_on: Mapped[dt.date] = mapped_column(Date)
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    uscc: Mapped[str] = mapped_column(String(18))
    person_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    notice_number: Mapped[str | None] = mapped_column(String(80), nullable=True)


class SyncConflict(Base):
    """Something two offices did offline that breaks a rule. Kept until the data no longer shows
    it (then resolved, with the date); never resolved by the program choosing a winner."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=ConflictStatus.OPEN)
    details_json: Mapped[str] = mapped_column(Text)
    found_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
