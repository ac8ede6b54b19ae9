"""What every screen is given: the database, who is logged in, the language and change signals.

Widgets receive a :class:`DeskContext` in their constructor (no global application object reached
from everywhere). ``events`` lets one screen tell the others that data changed, so the Teams list
shows a team registered from a dialog without each screen knowing the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QSettings, Signal

from aitown.db import Database
from aitown.errors import DeskError
from aitown.services.actor import ROLE_LABELS, Actor
from ui.i18n import ENGLISH, error_lang


class DeskEvents(QObject):
    """Signals screens listen to; emitted after a service call changed something."""

    teams_changed = Signal()
    team_changed = Signal(int)  # a team id: its detail should reload
    spaces_changed = Signal()
    users_changed = Signal()
    applications_changed = Signal()
    notices_changed = Signal()
    office_changed = Signal()


@dataclass
class DeskContext:
    db: Database
    actor: Actor
    settings: QSettings
    lang: str = ENGLISH
    events: DeskEvents = field(default_factory=DeskEvents)

    def can(self, right: str) -> bool:
        return self.actor.can(right)

    @property
    def is_chinese(self) -> bool:
        return self.lang.startswith("zh")

    def message(self, exc: DeskError) -> str:
        """The refusal's sentence in the language of the screen."""
        return exc.message_for(error_lang(self.lang))

    def role_label(self) -> str:
        en, zh = ROLE_LABELS.get(self.actor.role, (self.actor.role, self.actor.role))
        return zh if self.is_chinese else en

    def pick(self, en: str | None, zh: str | None) -> str:
        """Of a record's English and Chinese texts, the one for this screen (or the other one)."""
        first, second = (zh, en) if self.is_chinese else (en, zh)
        return first or second or ""
