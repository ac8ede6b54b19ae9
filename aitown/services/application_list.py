"""The applications as lists show them: one typed row per application with its team's name and
credit code (money in fen), newest first — the Applications screen, a team's Applications tab, the
notice picker, ``aitown-cli applications list`` and the exported list read them here.

Kept apart from :mod:`aitown.services.applications` (the lifecycle: record, submit, decide, pay,
revoke), which re-exports both names for the callers that have long found them there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit
from aitown.models import Application, Team


@dataclass(frozen=True)
class ApplicationRow:
    """One application as the lists show it, with its team's name and code (money in fen)."""

    id: int
    team_id: int
    team_name: str
    team_uscc: str
    benefit: Benefit
    status: ApplicationStatus
    amount_fen: int | None
    contract_amount_fen: int | None
    applied_on: dt.date
    recorded_by: int
    decided_by: int | None
    decided_at: dt.datetime | None
    repayment_fen: int | None
    version: int


def list_applications(
    db: Database,
    *,
    status: str | None = None,
    team_id: int | None = None,
    benefit: str | None = None,
    limit: int = 5000,
) -> list[ApplicationRow]:
    """Applications as rows, newest first, with the team's name."""
    stmt = (
        select(Application, Team.name_zh, Team.uscc)
        .join(Team, Team.id == Application.team_id)
        .order_by(Application.id.desc())
        .limit(limit)
    )
    if status:
        stmt = stmt.where(Application.status == status)
    if team_id is not None:
        stmt = stmt.where(Application.team_id == team_id)
    if benefit:
        stmt = stmt.where(Application.benefit == benefit)
    with db.read() as s:
        return [
            ApplicationRow(
                id=a.id,
                team_id=a.team_id,
                team_name=name,
                team_uscc=uscc,
                benefit=Benefit(a.benefit),
                status=ApplicationStatus(a.status),
                amount_fen=a.amount,
                contract_amount_fen=a.contract_amount,
                applied_on=a.applied_on,
                recorded_by=a.recorded_by,
                decided_by=a.decided_by,
                decided_at=a.decided_at,
                repayment_fen=a.repayment_amount,
                version=a.version,
            )
            for a, name, uscc in s.execute(stmt)
        ]
