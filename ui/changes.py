"""The one change bus: after a write, what changed (entity kind and id) is published here, and
every open view that shows that entity reloads itself.

Writes publish through ``ui.ops.run_op`` (after Anki's ``CollectionOp``, whose ``OpChanges`` tell
each screen what to redraw); a view subscribes once in its constructor::

    ctx.changes.changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Entity.TEAM, team_id=self.team_id):
            self.reload()

or, for "reload when any of these kinds changed", ``subscribe(ctx.changes, self, (Entity.TEAM,),
self.refresh)``. A view never needs to know which dialog or screen made the change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal, Slot


class Entity(StrEnum):
    """The kinds of thing a write changes."""

    TEAM = "team"  # a team's own fields or status (a new team, an import)
    MEMBER = "member"
    SPACE = "space"
    LEASE = "lease"
    APPLICATION = "application"
    POOL = "pool"  # a budget pool's money
    NOTICE = "notice"
    USER = "user"
    OFFICE = "office"  # the office settings and the active policy


@dataclass(frozen=True)
class Change:
    """One changed entity: its kind, its id when known, and the team it belongs to when any."""

    kind: Entity
    id: int | None = None
    team_id: int | None = None

    @property
    def team(self) -> int | None:
        """The team this change concerns (None: no one team, e.g. a new space or a pool)."""
        return self.id if self.kind == Entity.TEAM else self.team_id


@dataclass(frozen=True)
class Changes:
    """What one operation changed."""

    items: tuple[Change, ...]

    def touches(self, *kinds: Entity, team_id: int | None = None) -> bool:
        """Whether any change is of one of ``kinds`` (any kind when none is given) and, with
        ``team_id``, concerns that team (a change of no particular team concerns every team)."""
        for change in self.items:
            if kinds and change.kind not in kinds:
                continue
            team = change.team
            if team_id is None or team is None or team == team_id:
                return True
        return False

    def __bool__(self) -> bool:
        return bool(self.items)


class ChangeBus(QObject):
    """Carries ``Changes`` to every view that listens; lives on the GUI thread."""

    changed = Signal(object)  # Changes

    def publish(self, changes: Iterable[Change]) -> None:
        batch = Changes(tuple(changes))
        if batch:
            self.changed.emit(batch)


class _Subscription(QObject):
    """A child of the receiving widget, so that the connection ends when the widget is gone."""

    def __init__(
        self, receiver: QObject, kinds: tuple[Entity, ...], slot: Callable[[], None]
    ) -> None:
        super().__init__(receiver)
        self._kinds = kinds
        self._slot = slot

    @Slot(object)
    def deliver(self, changes: Changes) -> None:
        if changes.touches(*self._kinds):
            self._slot()


def subscribe(
    bus: ChangeBus, receiver: QObject, kinds: Iterable[Entity], slot: Callable[[], None]
) -> None:
    """Call ``slot()`` whenever a change of one of ``kinds`` is published, while ``receiver``
    (the view) exists."""
    subscription = _Subscription(receiver, tuple(kinds), slot)
    bus.changed.connect(subscription.deliver)
