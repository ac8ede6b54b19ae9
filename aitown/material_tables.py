"""The paper trail of an application (issue 13.1, 13.3): stored files, the checklist marks, the
attachments and every return for correction.

Files are content-addressed: ``material_blob`` holds one row per distinct SHA-256 (its size and
media type; on PostgreSQL also its bytes, on SQLite the bytes live in the ``aitown-files`` folder
beside the database file, see :mod:`aitown.services.material_files`). An attachment points at a
blob; the same scan attached twice is stored once. Nothing here is ever deleted or overwritten:
an attachment a reviewer sent back is kept with ``current = False``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from aitown.models import Base, OfficeOwned, utcnow


class MaterialBlob(Base):
    """One stored file, named by the SHA-256 of its bytes (never changed once written)."""

    __tablename__ = "material_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(40))
    # PostgreSQL keeps the bytes here; on SQLite they are a file beside the database (NULL here).
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ApplicationMaterial(OfficeOwned, Base):
    """One checklist item of one application: whether the desk saw the original."""

    __tablename__ = "application_material"
    __table_args__ = (UniqueConstraint("application_id", "item", name="uq_application_material"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    item: Mapped[str] = mapped_column(String(50))
    seen: Mapped[bool] = mapped_column(Boolean, default=False)
    seen_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class ApplicationAttachment(OfficeOwned, Base):
    """A scan attached to a checklist item. ``current`` is False once a return sent it back."""

    __tablename__ = "application_attachment"
    __table_args__ = (Index("ix_attachment_application", "application_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    item: Mapped[str] = mapped_column(String(50))
    sha256: Mapped[str] = mapped_column(ForeignKey("material_blob.sha256"))
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    attached_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    attached_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ApplicationReturn(OfficeOwned, Base):
    """One round of 退回补正: the items to mend and why; ``resubmitted_at`` once the desk sent it
    back to review."""

    __tablename__ = "application_return"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    items_json: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    returned_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    returned_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    resubmitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
