"""What a district sends the city: its records as plain JSON, keyed by their uids.

Integer ids do not travel (they clash across offices): a reference to another record is its uid
(``team_uid``), a user is their name. A notice travels without its PDF, with the PDF's SHA-256; an attachment (a scan) travels with its
SHA-256, and its file goes into the bundle beside the records.
Identity-card numbers and members' phones do not travel: a member carries ``person_hash``, the
city-wide keyed hash of the number (aitown.sync.keys.person_hash), which is all the city's rules
need. An application carries its team's USCC, the person's hash and its award notice's number,
so that the city can work out city-wide facts without joining.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.material_tables import ApplicationAttachment, ApplicationMaterial, ApplicationReturn
from aitown.models import (
    Application,
    AuditEvent,
    Base,
    Lease,
    Member,
    Notice,
    Office,
    RelatedParty,
    Space,
    Team,
    User,
)
from aitown.payout_tables import PaymentLine, PaymentList, PublicityPeriod
from aitown.sync.keys import person_hash

# In the order the city should read them (a record after the ones it refers to).
ENTITIES: tuple[tuple[str, type[Base]], ...] = (
    ("team", Team),
    ("related_party", RelatedParty),
    ("member", Member),
    ("space", Space),
    ("lease", Lease),
    ("application", Application),
    ("notice", Notice),
    # The application's paper trail (format 2): its checklist marks, its scans (the files travel
    # as ``files/<sha256>`` entries of the bundle), its returns for correction, its publicity
    # periods and the payment lines (with the lists they belong to) that paid it.
    ("application_material", ApplicationMaterial),
    ("application_attachment", ApplicationAttachment),
    ("application_return", ApplicationReturn),
    ("publicity_period", PublicityPeriod),
    ("payment_list", PaymentList),
    ("payment_line", PaymentLine),
    ("audit_event", AuditEvent),
)
# The entity whose records name a stored file (its ``sha256``) that must travel with them.
FILE_ENTITY = "application_attachment"
SKIPPED = frozenset({"id", "office_id", "version", "pdf", "id_number", "phone", "user_id"})
REFERENCES: dict[str, tuple[str, type[Base]]] = {
    "team_id": ("team_uid", Team),
    "space_id": ("space_uid", Space),
    "lease_id": ("lease_uid", Lease),
    "renews_lease_id": ("renews_lease_uid", Lease),  # a renewal (0010): its lease by uid
    "member_id": ("member_uid", Member),
    "application_id": ("application_uid", Application),
    "revokes_notice_id": ("revokes_notice_uid", Notice),
    "list_id": ("list_uid", PaymentList),  # a payment line: its list by uid
}
USER_COLUMNS = frozenset(
    {
        "recorded_by",
        "decided_by",
        "issued_by",
        # the paper trail (0008) and publicity and payments (0009)
        "seen_by",
        "attached_by",
        "returned_by",
        "opened_by",
        "closed_by",
        "created_by",
        "paid_by",
    }
)


def plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _lookup(mapping: dict[int, str]) -> Callable[[Any], str | None]:
    """A converter from an integer id to the uid (or user name) it stands for."""

    def convert(value: Any) -> str | None:
        return mapping.get(value) if value is not None else None

    return convert


def audit_uid(office_code: str, event_id: int) -> str:
    return f"{office_code}.audit.{event_id}"


class RecordReader:
    """Reads every record of this office as ``{"entity", "uid", "data"}`` dicts."""

    def __init__(self, s: Session, office: Office, person_key: str):
        self.s = s
        self.office = office
        self.person_key = person_key
        self.uids: dict[type[Base], dict[int, str]] = {}
        self.users = dict(s.execute(select(User.id, User.name)).all())

    def _uid_map(self, model: type[Base]) -> dict[int, str]:
        cached = self.uids.get(model)
        if cached is None:
            table = model.__table__
            cached = dict(self.s.execute(select(table.c.id, table.c.uid)).all())
            self.uids[model] = cached
        return cached

    def count(self) -> int:
        from sqlalchemy import func

        return sum(
            self.s.scalar(select(func.count()).select_from(model.__table__)) or 0
            for _, model in ENTITIES
        )

    def records(self) -> Iterator[dict[str, Any]]:
        for entity, model in ENTITIES:
            yield from self._records_of(entity, model)

    def _converters(self, model: type[Base]) -> list[tuple[str, str, Callable[[Any], Any]]]:
        out: list[tuple[str, str, Callable[[Any], Any]]] = []
        for col in model.__table__.columns:
            name = str(col.name)
            if name in SKIPPED or name == "uid":
                continue
            if name in REFERENCES:
                key, target = REFERENCES[name]
                out.append((name, key, _lookup(self._uid_map(target))))
            elif name in USER_COLUMNS:
                out.append((name, name, _lookup(self.users)))
            else:
                out.append((name, name, plain))
        return out

    def _records_of(self, entity: str, model: type[Base]) -> Iterator[dict[str, Any]]:
        table = model.__table__
        convert = self._converters(model)
        extra = self._extras(entity)
        result = self.s.execute(select(table).order_by(table.c.id)).mappings()
        for row in result:
            data = {key: fn(row[name]) for name, key, fn in convert}
            if entity == "audit_event":
                uid = audit_uid(self.office.code, row["id"])
            else:
                uid = row["uid"]
            if extra is not None:
                extra(row, data)
            yield {"entity": entity, "uid": uid, "data": data}

    def _extras(self, entity: str) -> Callable[[Any, dict[str, Any]], None] | None:
        if entity == "member":
            key = self.person_key

            def member_extra(row: Any, data: dict[str, Any]) -> None:
                data["person_hash"] = person_hash(key, row["id_number"])

            return member_extra
        if entity == "application":
            usccs = dict(self.s.execute(select(Team.id, Team.uscc)).all())
            ids = dict(self.s.execute(select(Member.id, Member.id_number)).all())
            notices = dict(
                self.s.execute(
                    select(Notice.application_id, Notice.doc_number)
                    .join(Application, Application.id == Notice.application_id)
                    .where(Notice.kind == Application.benefit)
                ).all()
            )
            key = self.person_key

            def application_extra(row: Any, data: dict[str, Any]) -> None:
                data["team_uscc"] = usccs.get(row["team_id"])
                member = row["member_id"]
                data["person_hash"] = (
                    person_hash(key, ids.get(member)) if member is not None else None
                )
                data["notice_number"] = notices.get(row["id"])

            return application_extra
        return None
