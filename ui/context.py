"""What every screen is given: the database, who is logged in, the language and the change bus.

Widgets receive a :class:`DeskContext` in their constructor (no global application object reached
from everywhere). ``changes`` (ui.changes) carries what each write changed to every open view, so
the Teams list shows a team registered from a dialog without each screen knowing the others;
writes publish on it through ``ui.ops.run_op``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QSettings, Signal

from aitown import labels
from aitown.db import Database
from aitown.errors import DeskError
from aitown.services.actor import Actor
from ui.changes import Change, ChangeBus, Entity
from ui.i18n import ENGLISH, error_lang


class DeskEvents(QObject):
    """The old hand-sent "data changed" signals, kept only so that code written against them
    before the change bus still works: each is forwarded to ``DeskContext.changes``. New code
    publishes on the bus through ``ui.ops.run_op`` and listens to the bus; nothing here listens."""

    teams_changed = Signal()
    team_changed = Signal(int)
    spaces_changed = Signal()
    users_changed = Signal()
    applications_changed = Signal()
    notices_changed = Signal()
    office_changed = Signal()

    def forward_to(self, bus: ChangeBus) -> None:
        self.teams_changed.connect(lambda: bus.publish([Change(Entity.TEAM)]))
        self.team_changed.connect(lambda team_id: bus.publish([Change(Entity.TEAM, team_id)]))
        self.spaces_changed.connect(lambda: bus.publish([Change(Entity.SPACE)]))
        self.users_changed.connect(lambda: bus.publish([Change(Entity.USER)]))
        self.applications_changed.connect(lambda: bus.publish([Change(Entity.APPLICATION)]))
        self.notices_changed.connect(lambda: bus.publish([Change(Entity.NOTICE)]))
        self.office_changed.connect(lambda: bus.publish([Change(Entity.OFFICE)]))


@dataclass
class DeskContext:
    db: Database
    actor: Actor
    settings: QSettings
    lang: str = ENGLISH
    changes: ChangeBus = field(default_factory=ChangeBus)
    events: DeskEvents = field(default_factory=DeskEvents)

    def __post_init__(self) -> None:
        self.events.forward_to(self.changes)

    def can(self, right: str) -> bool:
        return self.actor.can(right)

    @property
    def is_chinese(self) -> bool:
        return self.lang.startswith("zh")

    def message(self, exc: DeskError) -> str:
        """The refusal's sentence in the language of the screen."""
        return exc.message_for(error_lang(self.lang))

    def role_label(self) -> str:
        return labels.role_label(self.actor.role, self.lang)

    def pick(self, en: str | None, zh: str | None) -> str:
        """Of a record's English and Chinese texts, the one for this screen (or the other one)."""
        first, second = (zh, en) if self.is_chinese else (en, zh)
        return first or second or ""
