"""The records AI Town Desk keeps (PRODUCT.md "What it keeps"), as SQLAlchemy 2 typed models.

Every record carries its office so that offices can later exchange change bundles; every record
people edit carries ``version`` for optimistic locking (a second desk saving a stale copy is refused).
Money columns are integer fen. Areas are kept in hundredths of a square metre.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from aitown.db import Money
from aitown.enums import ApplicationStatus, Benefit, Role, TeamStatus

# The codes as tuples in their order (aitown.enums; each member equals its stored string).
ROLES: tuple[Role, ...] = tuple(Role)
TEAM_STATUSES: tuple[TeamStatus, ...] = tuple(TeamStatus)
BENEFITS: tuple[Benefit, ...] = tuple(Benefit)
APPLICATION_STATUSES: tuple[ApplicationStatus, ...] = tuple(ApplicationStatus)
TALENT_TIERS = ("A", "B", "C")


def new_uid() -> str:
    """A globally unique id, so records from different offices can be told apart when merged."""
    return uuid.uuid4().hex


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class OfficeOwned:
    """Columns every office-owned record has."""

    uid: Mapped[str] = mapped_column(String(32), default=new_uid, unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)


class Office(Base):
    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    doc_prefix: Mapped[str] = mapped_column(String(40))  # e.g. 徐汇AI孵
    secret_key: Mapped[str] = mapped_column(String(128))  # hex; HMAC key for notice verification
    seal_image: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    notice_language: Mapped[str] = mapped_column(String(8), default="zh+en")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Notices (migration 0007): mark the seal's place when there is no image; default 抄送.
    seal_mark: Mapped[bool] = mapped_column(Boolean, default=False)
    copied_to_zh: Mapped[str] = mapped_column(Text, default="")
    copied_to_en: Mapped[str] = mapped_column(Text, default="")


class User(OfficeOwned, Base):
    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("role in ('desk','reviewer','administrator')", name="ck_user_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    may_see_personal_data: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class Team(OfficeOwned, Base):
    __tablename__ = "team"
    __table_args__ = (
        CheckConstraint("headcount >= 0", name="ck_team_headcount"),
        CheckConstraint(
            "status in ('applicant','admitted','graduated','withdrawn','expelled')",
            name="ck_team_status",
        ),
        Index("ix_team_name_zh", "name_zh"),
        Index("ix_team_name_en", "name_en"),
        Index("ix_team_status", "status"),
        Index("ix_team_district", "district"),
        Index("ix_team_ai_focus", "ai_focus"),
        # Sorting the Teams list by these (migration 0013_search_speed).
        Index("ix_team_founded_on", "founded_on", "id"),
        Index("ix_team_legal_rep", "legal_rep", "id"),
        Index("ix_team_headcount", "headcount", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    uscc: Mapped[str] = mapped_column(String(18), unique=True)
    legal_rep: Mapped[str] = mapped_column(String(100), default="")
    founded_on: Mapped[dt.date] = mapped_column(Date)
    district: Mapped[str] = mapped_column(String(50), default="")
    headcount: Mapped[int] = mapped_column(Integer, default=0)
    ai_focus: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(16), default="applicant")
    admitted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    left_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # None = not yet checked against the list of seriously dishonest entities (POLICY §1.5).
    dishonest: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    members: Mapped[list[Member]] = relationship(back_populates="team", order_by="Member.id")
    related_parties: Mapped[list[RelatedParty]] = relationship(
        back_populates="team", cascade="all, delete-orphan", order_by="RelatedParty.id"
    )
    leases: Mapped[list[Lease]] = relationship(back_populates="team", order_by="Lease.start_on")


class RelatedParty(OfficeOwned, Base):
    """A shareholder or affiliate of a team (POLICY §6.1: vouchers only from unaffiliated vendors)."""

    __tablename__ = "related_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="shareholder")  # shareholder | affiliate
    name: Mapped[str] = mapped_column(String(200))
    uscc: Mapped[str | None] = mapped_column(String(18), nullable=True)
    legal_rep: Mapped[str | None] = mapped_column(String(100), nullable=True)

    team: Mapped[Team] = relationship(back_populates="related_parties")


class TeamFormerUscc(OfficeOwned, Base):
    """A USCC a team held before its current one (POLICY §3.3, §2.4: a team is the same entity
    under every USCC it has had; a corrected code keeps its history). Written when the code changes."""

    __tablename__ = "team_former_uscc"
    __table_args__ = (
        UniqueConstraint("team_id", "uscc", name="uq_team_former_uscc"),
        Index("ix_team_former_uscc_uscc", "uscc"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    uscc: Mapped[str] = mapped_column(String(18))
    replaced_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Member(OfficeOwned, Base):
    __tablename__ = "member"
    __table_args__ = (
        CheckConstraint(
            "talent_tier is null or talent_tier in ('A','B','C')", name="ck_member_tier"
        ),
        Index("ix_member_id_number", "id_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    id_number: Mapped[str | None] = mapped_column(String(18), nullable=True)  # personal data
    phone: Mapped[str] = mapped_column(String(40), default="")  # personal data
    role: Mapped[str] = mapped_column(String(60), default="")
    is_founder: Mapped[bool] = mapped_column(Boolean, default=False)
    full_time: Mapped[bool] = mapped_column(Boolean, default=True)
    talent_tier: Mapped[str | None] = mapped_column(String(1), nullable=True)
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    team: Mapped[Team] = relationship(back_populates="members")


class Space(OfficeOwned, Base):
    __tablename__ = "space"
    __table_args__ = (
        UniqueConstraint("office_id", "building", "unit", name="uq_space_unit"),
        CheckConstraint("area_hundredths > 0", name="ck_space_area"),
        CheckConstraint("monthly_rent >= 0", name="ck_space_rent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    building: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(40))
    area_hundredths: Mapped[int] = mapped_column(Integer)  # m² × 100
    monthly_rent: Mapped[int] = mapped_column(Money)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class Lease(OfficeOwned, Base):
    """One team in one unit for a period. Overlap of leases on a unit is refused by the service."""

    __tablename__ = "lease"
    __table_args__ = (
        CheckConstraint("end_on >= start_on", name="ck_lease_period"),
        CheckConstraint("monthly_rent >= 0", name="ck_lease_rent"),
        Index("ix_lease_space_period", "space_id", "start_on", "end_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id"), index=True)
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # ended early
    monthly_rent: Mapped[int] = mapped_column(Money)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # A renewal (migration 0010): the lease this one follows on from; the waiver continues.
    renews_lease_id: Mapped[int | None] = mapped_column(
        ForeignKey("lease.id"), nullable=True, index=True
    )
    __mapper_args__ = {"version_id_col": version}

    team: Mapped[Team] = relationship(back_populates="leases")
    space: Mapped[Space] = relationship()

    @property
    def last_day(self) -> dt.date:
        return min(self.end_on, self.ended_on) if self.ended_on else self.end_on


class PolicyVersion(Base):
    """A policy file as it was loaded; decisions point at the one they used."""

    __tablename__ = "policy_version"
    __table_args__ = (UniqueConstraint("policy_id", "version", name="uq_policy_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    loaded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)


class BudgetPool(OfficeOwned, Base):
    """One pool per benefit kind. left = total − committed − disbursed.

    ``committed`` is what approved, not yet paid applications hold; ``disbursed`` what was paid;
    ``released`` counts, for the record, what rejections of approved money and revocations gave back.
    """

    __tablename__ = "budget_pool"
    __table_args__ = (
        UniqueConstraint("office_id", "kind", name="uq_pool_kind"),
        CheckConstraint("total >= 0", name="ck_pool_total"),
        CheckConstraint("committed >= 0", name="ck_pool_committed"),
        CheckConstraint("disbursed >= 0", name="ck_pool_disbursed"),
        CheckConstraint("released >= 0", name="ck_pool_released"),
        CheckConstraint("committed + disbursed <= total", name="ck_pool_within_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    total: Mapped[int] = mapped_column(Money)
    committed: Mapped[int] = mapped_column(Money, default=0)
    disbursed: Mapped[int] = mapped_column(Money, default=0)
    released: Mapped[int] = mapped_column(Money, default=0)

    @property
    def left(self) -> int:
        return self.total - self.committed - self.disbursed


class Application(OfficeOwned, Base):
    __tablename__ = "application"
    __table_args__ = (
        CheckConstraint(
            "status in ('draft','submitted','approved','rejected','disbursed','revoked','returned')",
            name="ck_application_status",
        ),
        CheckConstraint("amount is null or amount >= 0", name="ck_application_amount"),
        CheckConstraint(
            "contract_amount is null or contract_amount >= 0", name="ck_application_contract"
        ),
        Index("ix_application_status", "status"),
        Index("ix_application_benefit", "benefit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    benefit: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    applied_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int | None] = mapped_column(Money, nullable=True)
    contract_amount: Mapped[int | None] = mapped_column(Money, nullable=True)
    vendor_uscc: Mapped[str | None] = mapped_column(String(18), nullable=True)
    vendor_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    vendor_legal_rep: Mapped[str | None] = mapped_column(String(100), nullable=True)
    contract_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contract_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    lease_id: Mapped[int | None] = mapped_column(ForeignKey("lease.id"), nullable=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    eligibility_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    policy_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    policy_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    disbursed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    repayment_amount: Mapped[int | None] = mapped_column(Money, nullable=True)
    # The reviewer's verified contract amount (核定合同额, issue 13.4) where it differs from the
    # claimed ``contract_amount``; the benefit is computed on it.
    verified_contract_amount: Mapped[int | None] = mapped_column(Money, nullable=True)
    verified_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}

    team: Mapped[Team] = relationship()
    member: Mapped[Member | None] = relationship()
    lease: Mapped[Lease | None] = relationship()


class DocumentSeries(Base):
    """The last serial used per office and year: one gap-free series of document numbers."""

    __tablename__ = "document_series"

    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class Notice(OfficeOwned, Base):
    """An issued PDF. Never edited; a later revocation notice points back at it."""

    __tablename__ = "notice"
    __table_args__ = (
        UniqueConstraint("office_id", "doc_year", "doc_serial", name="uq_notice_number"),
        Index("ix_notice_kind", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id"), nullable=True, index=True
    )
    revokes_notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id"), nullable=True)
    doc_year: Mapped[int] = mapped_column(Integer)
    doc_serial: Mapped[int] = mapped_column(Integer)
    doc_number: Mapped[str] = mapped_column(String(80), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    verification_code: Mapped[str] = mapped_column(String(32), index=True)
    content_json: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    issued_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    team: Mapped[Team] = relationship()


class AuditEvent(Base):
    """Append-only; each event's hash covers the one before, so an edit behind our back shows."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"), nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    user_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    before_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    after_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The newest event of the chain. Updating this one row serialises writers of the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    last_event_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """Small key/value settings of the installation (backup retention, the current language…)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


__all__ = [
    "Base",
    "Office",
    "User",
    "Team",
    "RelatedParty",
    "TeamFormerUscc",
    "Member",
    "Space",
    "Lease",
    "PolicyVersion",
    "BudgetPool",
    "Application",
    "DocumentSeries",
    "Notice",
    "AuditEvent",
    "AuditHead",
    "Setting",
]

# City and district offices (issue 10), the materials of applications, publicity periods and
# payment lists (issue 13), unit states, hand-over records of leases and the rent account
# (issue 14): their tables live with each feature.
from aitown import material_tables as _material_tables  # noqa: E402, F401
from aitown import payout_tables as _payout_tables  # noqa: E402, F401
from aitown import rent_tables as _rent_tables  # noqa: E402, F401
from aitown import tenancy_tables as _tenancy_tables  # noqa: E402, F401
from aitown.sync import tables as _sync_tables  # noqa: E402, F401
