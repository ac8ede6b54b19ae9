"""Errors a person can read.

Every refusal in the domain is a :class:`DeskError` whose message is one sentence that names the
problem and says what to do. The GUI shows ``message_for(lang)``; the CLI prints it on one line.
"""

from __future__ import annotations


class DeskError(Exception):
    """A refusal with a sentence for the person, in English and (where given) Chinese."""

    def __init__(self, message: str, message_zh: str | None = None, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh
        self.field = field

    def message_for(self, lang: str) -> str:
        if lang.startswith("zh") and self.message_zh:
            return self.message_zh
        return self.message


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
