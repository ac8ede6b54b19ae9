"""Errors a person can read.

Every refusal in the domain is a :class:`DeskError` whose message is one sentence that names the
problem and says what to do. The GUI shows ``message_for(lang)``; the CLI prints it on one line.
"""

from __future__ import annotations

from aitown.text import Text


class DeskError(Exception):
    """A refusal with a sentence for the person, in English and (where given) Chinese.

    ``DeskError("…", "…")`` or ``DeskError(Text("…", "…"))``: the same refusal."""

    def __init__(
        self, message: str | Text, message_zh: str | None = None, *, field: str | None = None
    ):
        if isinstance(message, Text):
            message_zh = message_zh or message.zh
            message = message.en
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh
        self.field = field

    @property
    def text(self) -> Text:
        """The sentence in both languages (the English one where no Chinese was given)."""
        return Text(self.message, self.message_zh or self.message)

    def message_for(self, lang: str) -> str:
        return self.text.get(lang)


class ValidationError(DeskError):
    """Input that cannot be accepted as given (a bad USCC, a fractional fen, a date before founding)."""


class PermissionDenied(DeskError):
    """The acting user's role may not take this action."""


class NotFound(DeskError):
    """The record asked for does not exist."""


class ConflictError(DeskError):
    """The record changed under us (optimistic locking), or a rule about other records is broken."""


class BudgetExceeded(DeskError):
    """An amount does not fit in what is left of its pool."""


class DatabaseError(DeskError):
    """The database cannot be opened or used: not ours, too new, read-only, locked, damaged."""


class AuthenticationError(DeskError):
    """A log-in that did not succeed (wrong name or password, or the account is locked)."""
