"""Team members: people, their roles, full-time status, talent tier; identity numbers are masked."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.models import Member, Office, Team
from aitown.services.actor import Actor
from aitown.services.audit import record_event, snapshot
from aitown.validation import (
    normalize_id_number,
    normalize_tier,
    optional_text,
    parse_date,
    parse_optional_date,
    require_text,
)

MEMBER_FIELDS = ("name", "role", "is_founder", "full_time", "talent_tier", "joined_on", "left_on")
PERSONAL_FIELDS = ("id_number", "phone")


def mask_id_number(value: str | None) -> str:
    """310101199001011234 → 3101**********1234 (enough to tell people apart, not to misuse)."""
    if not value:
        return ""
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    if not value:
        return ""
    digits = value.strip()
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "*" * len(digits)


@dataclass(frozen=True)
class MemberRow:
    """A member as the screens show it. ``id_number`` and ``phone`` are masked
    (3101**********1234, 138****5678) unless the viewer may see personal data
    (``personal_data.view``); ``masked`` says which."""

    id: int
    team_id: int
    version: int
    name: str
    role: str | None
    is_founder: bool
    full_time: bool
    talent_tier: str | None
    joined_on: dt.date
    left_on: dt.date | None
    id_number: str
    phone: str
    masked: bool


def member_row(member: Member, viewer: Actor) -> MemberRow:
    """``member`` as ``viewer`` may see it (identity number and phone masked without the right)."""
    masked = not viewer.can("personal_data.view")
    return MemberRow(
        id=member.id,
        team_id=member.team_id,
        version=member.version,
        name=member.name,
        role=member.role,
        is_founder=member.is_founder,
        full_time=member.full_time,
        talent_tier=member.talent_tier,
        joined_on=member.joined_on,
        left_on=member.left_on,
        id_number=mask_id_number(member.id_number) if masked else (member.id_number or ""),
        phone=mask_phone(member.phone) if masked else (member.phone or ""),
        masked=masked,
    )


def personal_fingerprint(secret_key_hex: str, field: str, value: str | None) -> str:
    """A keyed hash of an identity number or phone for the audit log: two different values give
    different fingerprints even where their masks are the same, and without the office's key the
    fingerprint tells nothing about the number."""
    if not value:
        return ""
    key = bytes.fromhex(secret_key_hex) if secret_key_hex else b""
    digest = hmac.new(key, f"{field}\x1f{value}".encode(), hashlib.sha256).hexdigest()
    return digest[:16]


def _masked(field: str, value: str | None) -> str:
    return mask_id_number(value) if field == "id_number" else mask_phone(value)


def personal_changes(
    s: Session, member: Member, old: dict[str, str | None]
) -> tuple[dict[str, str], dict[str, str]]:
    """Before/after audit entries for the identity number and phone that changed: the masked value
    and its keyed fingerprint, so a change always shows (never the same text twice)."""
    office = s.get(Office, member.office_id)
    key = office.secret_key if office is not None else ""
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for field in PERSONAL_FIELDS:
        was, now = old.get(field) or "", getattr(member, field) or ""
        if was == now:
            continue
        before[field] = _masked(field, was)
        after[field] = _masked(field, now)
        before[f"{field}_key"] = personal_fingerprint(key, field, was)
        after[f"{field}_key"] = personal_fingerprint(key, field, now)
    return before, after


def _check(values: dict[str, Any], team: Team) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": require_text(
            values.get("name"),
            what="member's name",
            what_zh="成员姓名",
            field_name="name",
            max_len=100,
        ),
        "role": optional_text(
            values.get("role"), what="role", what_zh="职务", field_name="role", max_len=60
        ),
        "is_founder": bool(values.get("is_founder", False)),
        "full_time": bool(values.get("full_time", True)),
        "talent_tier": normalize_tier(values.get("talent_tier")),
        "id_number": normalize_id_number(values.get("id_number")),
        "phone": (values.get("phone") or "").strip(),
        "joined_on": parse_date(
            values.get("joined_on"), what="joining date", field_name="joined_on"
        ),
        "left_on": parse_optional_date(
            values.get("left_on"), what="leaving date", field_name="left_on"
        ),
    }
    if out["joined_on"] > dt.date.today():
        raise ValidationError(
            "The joining date is in the future.", "加入日期晚于今天。", field="joined_on"
        )
    if out["left_on"] and out["left_on"] < out["joined_on"]:
        raise ValidationError(
            f"The leaving date {out['left_on']} is before the joining date {out['joined_on']}.",
            f"离开日期 {out['left_on']} 早于加入日期 {out['joined_on']}。",
            field="left_on",
        )
    return out


def add_member(db: Database, actor: Actor, team_id: int, values: dict[str, Any]) -> int:
    """Add a person to a team; returns the member's id. An identity number may appear once per team."""
    actor.require("member.edit")
    with db.write() as s:
        team = s.get(Team, team_id)
        if team is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        data = _check(values, team)
        if data["id_number"] and s.scalar(
            select(Member.id).where(
                Member.team_id == team_id, Member.id_number == data["id_number"]
            )
        ):
            raise ConflictError(
                "This person (same identity-card number) is already a member of the team.",
                "此人（身份证号相同）已是该团队成员。",
                field="id_number",
            )
        member = Member(office_id=actor.office_id, team_id=team_id, **data)
        s.add(member)
        s.flush()
        after = snapshot(member, MEMBER_FIELDS) | {"id_number": mask_id_number(member.id_number)}
        record_event(
            s, actor, "member.add", "member", member.id, after=after | {"team_id": team_id}
        )
        return member.id


def update_member(
    db: Database, actor: Actor, member_id: int, expected_version: int, values: dict[str, Any]
) -> None:
    """Edit a member (refused if someone else saved the member in between)."""
    actor.require("member.edit")
    with db.write() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise NotFound(
                f"There is no member no. {member_id}.", f"没有编号为 {member_id} 的成员。"
            )
        if member.version != expected_version:
            raise ConflictError(
                f"Someone else changed {member.name} while you were editing; reopen and try again.",
                f"您编辑期间他人已修改 {member.name}，请重新打开后再试。",
            )
        merged = {
            **{f: getattr(member, f) for f in (*MEMBER_FIELDS, "id_number", "phone")},
            **values,
        }
        data = _check(merged, member.team)
        before = snapshot(member, MEMBER_FIELDS)
        old_personal = {f: getattr(member, f) for f in PERSONAL_FIELDS}
        for k, v in data.items():
            setattr(member, k, v)
        s.flush()
        after = snapshot(member, MEMBER_FIELDS)
        personal_before, personal_after = personal_changes(s, member, old_personal)
        record_event(
            s,
            actor,
            "member.update",
            "member",
            member.id,
            before=before | personal_before,
            after=after | personal_after,
        )
