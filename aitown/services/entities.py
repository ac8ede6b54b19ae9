"""Which team records are one entity: those linked by a USCC one of them has or had (POLICY
"Readings settled" §3.3 / §2.4: a team is the same entity under every USCC it has had, and a new
team registered under a code that another team once held is that entity).

Corrections of a code are rare, so the links are read whole (the former codes and the teams that
hold one of them now) and joined into groups; a team outside every link is an entity alone. The
per-team readers (aitown.services.facts) and the bulk reader (aitown.services.bulk_eligibility)
both ask this module, so both see the same entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from aitown.models import Team, TeamFormerUscc


@dataclass(frozen=True)
class Entity:
    """Every USCC an entity has had and every team record that is it."""

    usccs: frozenset[str]
    team_ids: frozenset[int]


@dataclass
class EntityLinks:
    """The groups of team records that share a USCC, current or former."""

    groups: dict[int, Entity] = field(default_factory=dict)  # by team id, linked teams only

    def of(self, team_id: int, uscc: str) -> Entity:
        """The entity of team ``team_id`` (whose current code is ``uscc``)."""
        return self.groups.get(team_id) or Entity(frozenset({uscc}), frozenset({team_id}))


def read_entity_links(s: Session) -> EntityLinks:
    """The links as the database holds them now (two small queries)."""
    former = s.execute(select(TeamFormerUscc.team_id, TeamFormerUscc.uscc)).all()
    if not former:
        return EntityLinks()
    codes = {code for _, code in former}
    ids = {team_id for team_id, _ in former}
    current = s.execute(
        select(Team.id, Team.uscc).where(Team.id.in_(ids) | Team.uscc.in_(codes))
    ).all()
    parent: dict[object, object] = {}

    def find(node: object) -> object:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:
            parent[node], node = root, parent[node]
        return root

    def join(a: object, b: object) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    for team_id, code in (*former, *current):
        parent.setdefault(("team", team_id), ("team", team_id))
        parent.setdefault(("uscc", code), ("uscc", code))
        join(("team", team_id), ("uscc", code))
    members: dict[object, tuple[set[str], set[int]]] = {}
    for node in list(parent):
        kind, value = cast(tuple[str, Any], node)
        usccs, team_ids = members.setdefault(find(node), (set(), set()))
        if kind == "team":
            team_ids.add(value)
        else:
            usccs.add(value)
    links = EntityLinks()
    for usccs, team_ids in members.values():
        entity = Entity(frozenset(usccs), frozenset(team_ids))
        for team_id in team_ids:
            links.groups[team_id] = entity
    return links
