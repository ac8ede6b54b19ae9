"""Conflicts across offices, found on the city from the city-wide facts: what two offices did
offline that breaks a rule. Both records are kept; the conflict is listed with what to do."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.models import utcnow
from aitown.policy.facts import COUNTING_STATUSES, VOUCHER_KINDS
from aitown.policy.model import Policy
from aitown.sync.tables import CityFact, ConflictStatus, SyncConflict


class ConflictKind(StrEnum):
    STARTUP_GRANT_TWICE = "startup_grant_twice"  # §3.3
    GRANT_AND_WAIVER = "grant_and_waiver"  # §2.4 / §3.4
    YEARLY_CAP = "yearly_cap"  # §4.4, §5.3, §6.3
    TALENT_AWARD_TWICE = "talent_award_twice"  # §7.3


CLAUSES = {
    ConflictKind.STARTUP_GRANT_TWICE: "3.3",
    ConflictKind.GRANT_AND_WAIVER: "3.4",
    ConflictKind.YEARLY_CAP: "4.4/5.3/6.3",
    ConflictKind.TALENT_AWARD_TWICE: "7.3",
}


@dataclass(frozen=True)
class Found:
    kind: ConflictKind
    key: str
    details: dict[str, Any]


def _entry(f: CityFact) -> dict[str, Any]:
    return {
        "office": f.office_code,
        "office_name": f.office_name_zh,
        "uid": f.uid,
        "benefit": f.benefit,
        "status": f.status,
        "amount": f.amount,
        "applied_on": f.applied_on.isoformat(),
        "notice_number": f.notice_number,
        "uscc": f.uscc,
    }


def find_conflicts(facts: Iterable[CityFact], policy: Policy) -> list[Found]:
    """Every rule the granted benefits of all offices together break (approved or paid ones:
    a revoked grant no longer conflicts)."""
    by_uscc: dict[tuple[str, str], list[CityFact]] = defaultdict(list)
    by_year: dict[tuple[str, str, int], list[CityFact]] = defaultdict(list)
    by_person: dict[tuple[str, int], list[CityFact]] = defaultdict(list)
    for f in facts:
        if f.status not in COUNTING_STATUSES:
            continue
        by_uscc[(f.uscc, f.benefit)].append(f)
        if f.benefit in VOUCHER_KINDS:
            by_year[(f.uscc, f.benefit, f.applied_on.year)].append(f)
        if f.benefit == "talent_award" and f.person_hash:
            by_person[(f.person_hash, f.applied_on.year)].append(f)
    found: list[Found] = []
    for (uscc, benefit), rows in sorted(by_uscc.items()):
        if benefit == "startup_grant" and len(rows) > 1:
            found.append(
                Found(
                    ConflictKind.STARTUP_GRANT_TWICE,
                    f"startup_grant:{uscc}",
                    {"uscc": uscc, "records": [_entry(r) for r in rows]},
                )
            )
        if benefit == "startup_grant" and (uscc, "rent_waiver") in by_uscc:
            both = rows + by_uscc[(uscc, "rent_waiver")]
            if len({r.office_code for r in both}) > 1:
                found.append(
                    Found(
                        ConflictKind.GRANT_AND_WAIVER,
                        f"grant_and_waiver:{uscc}",
                        {"uscc": uscc, "records": [_entry(r) for r in both]},
                    )
                )
    for (uscc, kind, year), rows in sorted(by_year.items()):
        cap = policy.voucher(kind).yearly_cap_fen
        total = sum(r.amount or 0 for r in rows)
        if total > cap:
            found.append(
                Found(
                    ConflictKind.YEARLY_CAP,
                    f"cap:{kind}:{uscc}:{year}",
                    {
                        "uscc": uscc,
                        "benefit": kind,
                        "year": year,
                        "cap": cap,
                        "total": total,
                        "records": [_entry(r) for r in rows],
                    },
                )
            )
    for (person, year), rows in sorted(by_person.items()):
        if len(rows) > 1:
            found.append(
                Found(
                    ConflictKind.TALENT_AWARD_TWICE,
                    f"talent:{person}:{year}",
                    {"person_hash": person, "year": year, "records": [_entry(r) for r in rows]},
                )
            )
    return found


def refresh_conflicts(s: Session, facts: Iterable[CityFact], policy: Policy) -> tuple[int, int]:
    """Record new conflicts, update open ones, mark those the data no longer shows resolved.
    Returns (new, resolved)."""
    now = utcnow()
    current = {f.key: f for f in find_conflicts(facts, policy)}
    known = {c.key: c for c in s.scalars(select(SyncConflict))}
    new = resolved = 0
    for key, f in current.items():
        text = json.dumps(f.details, sort_keys=True, ensure_ascii=False)
        row = known.get(key)
        if row is None:
            s.add(
                SyncConflict(kind=f.kind, key=key, details_json=text, found_at=now, updated_at=now)
            )
            new += 1
        elif row.details_json != text or row.status != ConflictStatus.OPEN:
            if row.status != ConflictStatus.OPEN:
                new += 1
            row.details_json, row.status, row.updated_at, row.resolved_at = (
                text,
                ConflictStatus.OPEN,
                now,
                None,
            )
    for key, row in known.items():
        if key not in current and row.status == ConflictStatus.OPEN:
            row.status, row.resolved_at, row.updated_at = ConflictStatus.RESOLVED, now, now
            resolved += 1
    return new, resolved
