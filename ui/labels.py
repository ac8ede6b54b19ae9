"""Words for the values the database keeps as codes: statuses, AI focus keys, benefits, roles."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from aitown.models import APPLICATION_STATUSES, BENEFITS, ROLES, TEAM_STATUSES

TEAM_STATUS_TEXT = {
    "applicant": QT_TRANSLATE_NOOP("Labels", "applicant"),
    "admitted": QT_TRANSLATE_NOOP("Labels", "admitted"),
    "graduated": QT_TRANSLATE_NOOP("Labels", "graduated"),
    "withdrawn": QT_TRANSLATE_NOOP("Labels", "withdrawn"),
    "expelled": QT_TRANSLATE_NOOP("Labels", "expelled"),
}

# The keys of the policy's AI focus list (POLICY §1.3); the policy file says they never change.
AI_FOCUS_TEXT = {
    "foundation_models": QT_TRANSLATE_NOOP("Labels", "foundation models"),
    "vertical_models": QT_TRANSLATE_NOOP("Labels", "vertical models"),
    "ai_applications": QT_TRANSLATE_NOOP("Labels", "AI applications"),
    "ai_infrastructure": QT_TRANSLATE_NOOP("Labels", "AI infrastructure"),
    "data_services": QT_TRANSLATE_NOOP("Labels", "data services"),
    "embodied_intelligence": QT_TRANSLATE_NOOP("Labels", "embodied intelligence"),
}

BENEFIT_TEXT = {
    "rent_waiver": QT_TRANSLATE_NOOP("Labels", "rent waiver"),
    "startup_grant": QT_TRANSLATE_NOOP("Labels", "start-up grant"),
    "compute_voucher": QT_TRANSLATE_NOOP("Labels", "compute voucher"),
    "model_voucher": QT_TRANSLATE_NOOP("Labels", "model voucher"),
    "corpus_voucher": QT_TRANSLATE_NOOP("Labels", "corpus voucher"),
    "talent_award": QT_TRANSLATE_NOOP("Labels", "talent award"),
}

APPLICATION_STATUS_TEXT = {
    "draft": QT_TRANSLATE_NOOP("Labels", "draft"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "submitted"),
    "approved": QT_TRANSLATE_NOOP("Labels", "approved"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "rejected"),
    "disbursed": QT_TRANSLATE_NOOP("Labels", "disbursed"),
    "revoked": QT_TRANSLATE_NOOP("Labels", "revoked"),
}

ROLE_TEXT = {
    "desk": QT_TRANSLATE_NOOP("Labels", "desk staff"),
    "reviewer": QT_TRANSLATE_NOOP("Labels", "reviewer"),
    "administrator": QT_TRANSLATE_NOOP("Labels", "administrator"),
}

RULE_STATUS_TEXT = {
    "pass": QT_TRANSLATE_NOOP("Labels", "pass"),
    "fail": QT_TRANSLATE_NOOP("Labels", "fail"),
    "unknown": QT_TRANSLATE_NOOP("Labels", "unknown"),
}

assert set(TEAM_STATUS_TEXT) == set(TEAM_STATUSES)
assert set(BENEFIT_TEXT) == set(BENEFITS)
assert set(APPLICATION_STATUS_TEXT) == set(APPLICATION_STATUSES)
assert set(ROLE_TEXT) == set(ROLES)


def _label(table: dict[str, str], value: str | None) -> str:
    if not value:
        return ""
    text = table.get(value)
    return QCoreApplication.translate("Labels", text) if text else value


def status_label(value: str | None) -> str:
    return _label(TEAM_STATUS_TEXT, value)


def focus_label(value: str | None) -> str:
    return _label(AI_FOCUS_TEXT, value)


def benefit_label(value: str | None) -> str:
    return _label(BENEFIT_TEXT, value)


def application_status_label(value: str | None) -> str:
    return _label(APPLICATION_STATUS_TEXT, value)


def role_label(value: str | None) -> str:
    return _label(ROLE_TEXT, value)


def rule_status_label(value: str | None) -> str:
    return _label(RULE_STATUS_TEXT, value)
