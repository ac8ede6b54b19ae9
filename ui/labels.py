"""Words for the values the database keeps as codes, in the language the application runs in.

The words themselves are the one label table of ``aitown.labels`` (the command line, the notices
and the Chinese error messages use the same), so the screens never define their own.
"""

from __future__ import annotations

from aitown import labels
from aitown.labels import AI_FOCUS_LABELS
from ui.i18n import current_language

# The AI focus keys the team form offers, in the policy's order.
AI_FOCUS_TEXT = {key: words.en for key, words in AI_FOCUS_LABELS.items()}


def status_label(value: str | None) -> str:
    return labels.team_status_label(value, current_language())


def focus_label(value: str | None) -> str:
    return labels.focus_label(value, current_language())


def benefit_label(value: str | None) -> str:
    return labels.benefit_label(value, current_language())


def application_status_label(value: str | None) -> str:
    return labels.application_status_label(value, current_language())


def role_label(value: str | None) -> str:
    return labels.role_label(value, current_language())


def rule_status_label(value: str | None) -> str:
    return labels.rule_status_label(value, current_language())


def clause_label(clause: str | None) -> str:
    return labels.clause_label(clause, current_language())


def unit_state_label(value: str | None) -> str:
    return labels.unit_state_label(value, current_language())


def handover_kind_label(value: str | None) -> str:
    return labels.handover_kind_label(value, current_language())
