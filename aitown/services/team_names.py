"""Teams that already carry a name: a second company of the same name is allowed (names are not
unique, credit codes are) but the desk is asked first, since it is more often a team registered
twice than a namesake."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from aitown.db import Database
from aitown.models import Team
from aitown.services.actor import Actor


@dataclass(frozen=True)
class NamedTeam:
    id: int
    name_zh: str
    name_en: str
    uscc: str


def _normal(name: str) -> str:
    """Spaces trimmed and runs of spaces made one; English compared without regard to case."""
    return " ".join(name.split()).casefold()


def teams_with_name(
    db: Database,
    actor: Actor,
    name_zh: str,
    name_en: str = "",
    *,
    except_id: int | None = None,
) -> list[NamedTeam]:
    """The teams whose Chinese name equals ``name_zh`` or whose English name
    equals ``name_en`` (case and spacing aside), other than ``except_id``. Reads only."""
    actor.require("team.view")
    zh, en = " ".join(name_zh.split()), _normal(name_en)
    if not zh and not en:
        return []
    conditions = []
    if zh:
        conditions.append(Team.name_zh == zh)
    if en:
        conditions.append(func.lower(func.trim(Team.name_en)) == en)
    query = select(Team.id, Team.name_zh, Team.name_en, Team.uscc).where(or_(*conditions))
    if except_id is not None:
        query = query.where(Team.id != except_id)
    with db.read() as s:
        rows = s.execute(query.order_by(Team.id)).all()
    found = []
    for row in rows:
        # SQL lower() folds ASCII only; compare again in Python for the rest, and collapse spaces.
        if (zh and row.name_zh == zh) or (en and _normal(row.name_en or "") == en):
            found.append(NamedTeam(row.id, row.name_zh, row.name_en or "", row.uscc or ""))
    return found
