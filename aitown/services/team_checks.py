"""The facts about a team that the desk checks elsewhere and enters here: its related parties
(POLICY §6.1: a corpus voucher only from an unaffiliated vendor) and whether it is on the list of
seriously dishonest entities (§1.5). Every change needs the right to edit teams and is audited in
the same transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from aitown.db import Database
from aitown.errors import NotFound, ValidationError
from aitown.models import RelatedParty, Team
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.teams import add_related_party, find_team

__all__ = [
    "add_related_party",
    "list_related_parties",
    "RelatedPartyRow",
    "remove_related_party",
    "set_dishonest",
]


@dataclass(frozen=True)
class RelatedPartyRow:
    """One related party of a team (a shareholder or an affiliate, POLICY §1.4)."""

    id: int
    kind: str
    name: str
    uscc: str | None
    legal_rep: str | None


def list_related_parties(db: Database, team_key: str | int) -> list[RelatedPartyRow]:
    """A team's related parties (by team id or USCC), in the order they were entered."""
    team_id = find_team(db, team_key).id
    with db.read() as s:
        return [
            RelatedPartyRow(p.id, p.kind, p.name, p.uscc, p.legal_rep)
            for p in s.scalars(
                select(RelatedParty)
                .where(RelatedParty.team_id == team_id)
                .order_by(RelatedParty.id)
            )
        ]


def remove_related_party(db: Database, actor: Actor, team_id: int, party_id: int) -> None:
    """Take a related party off a team's list (it was entered by mistake or is no longer one)."""
    actor.require("team.edit")
    with db.write() as s:
        party = s.get(RelatedParty, party_id)
        if party is None or party.team_id != team_id:
            raise NotFound(
                f"Team no. {team_id} has no related party no. {party_id}; list them with "
                "“aitown-cli teams related-party list TEAM”.",
                f"编号 {team_id} 的团队没有编号为 {party_id} 的关联方；可用"
                "“aitown-cli teams related-party list TEAM”查看。",
            )
        before = {
            "id": party.id,
            "name": party.name,
            "uscc": party.uscc,
            "kind": party.kind,
            "legal_rep": party.legal_rep,
        }
        s.delete(party)
        record_event(s, actor, "team.related_party.remove", "team", team_id, before=before)


def set_dishonest(
    db: Database, actor: Actor, team_id: int, on_list: bool | None, reason: str = ""
) -> None:
    """Record the §1.5 check: ``True`` the team is on the list of seriously dishonest entities,
    ``False`` it is not, ``None`` nobody has checked. Putting a team on the list or taking it off
    needs the reason (the list's entry, a court decision), kept in the audit log."""
    actor.require("team.edit")
    reason = (reason or "").strip()
    if on_list is not None and not reason:
        raise ValidationError(
            "Give the reason (where the list says so, or why the team is off it); it is kept "
            "in the audit log.",
            "请填写理由（名单出处或移出名单的依据），理由将记入审计日志。",
            field="reason",
        )
    with db.write() as s:
        team = s.get(Team, team_id)
        if team is None:
            raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
        before = team.dishonest
        team.dishonest = on_list
        s.flush()
        record_event(
            s,
            actor,
            "team.dishonest",
            "team",
            team.id,
            before={"dishonest": before},
            after={"dishonest": on_list, "reason": reason},
        )
