"""What every screen is given: the database, who is logged in, the language and the change bus.

Widgets receive a :class:`DeskContext` in their constructor (no global application object reached
from everywhere). ``changes`` (ui.changes) carries what each write changed to every open view, so
the Teams list shows a team registered from a dialog without each screen knowing the others;
writes publish on it through ``ui.ops.run_op``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from aitown import labels
from aitown.db import Database
from aitown.errors import DeskError
from aitown.services.actor import Actor
from ui.changes import ChangeBus
from ui.i18n import ENGLISH, error_lang


@dataclass
class DeskContext:
    db: Database
    actor: Actor
    settings: QSettings
    lang: str = ENGLISH
    changes: ChangeBus = field(default_factory=ChangeBus)

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
