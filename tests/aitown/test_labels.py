"""The one label table: every code has its words in both languages, and a Chinese refusal names a
status in Chinese (草稿, 已提交), never by its code."""

from __future__ import annotations

import pytest

from aitown import labels
from aitown.enums import ApplicationStatus, Benefit, NoticeKind, Role, RuleStatus, TeamStatus
from aitown.errors import ConflictError
from aitown.services import applications as svc
from tests.aitown.services.test_applications import admitted_team


@pytest.mark.parametrize(
    ("enum", "table"),
    [
        (TeamStatus, labels.TEAM_STATUS_LABELS),
        (Benefit, labels.BENEFIT_LABELS),
        (ApplicationStatus, labels.APPLICATION_STATUS_LABELS),
        (Role, labels.ROLE_LABELS),
        (NoticeKind, labels.NOTICE_KIND_LABELS),
        (RuleStatus, labels.RULE_STATUS_LABELS),
    ],
)
def test_every_code_has_words_in_both_languages(enum, table) -> None:
    assert set(table) == set(enum)
    for code in enum:
        words = table[code]
        assert words.en and words.zh and words.zh != words.en


def test_codes_are_the_stored_strings_and_words_are_looked_up_by_either() -> None:
    assert ApplicationStatus.DRAFT == "draft" and f"{Benefit.STARTUP_GRANT}" == "startup_grant"
    assert labels.application_status_label("draft", "zh") == "草稿"
    assert labels.application_status_label(ApplicationStatus.SUBMITTED, "zh_CN") == "已提交"
    assert labels.benefit_label("startup_grant") == "start-up grant"
    assert labels.clause_label("4.3", "zh") == "第4.3条" and labels.clause_label("4.3") == "§4.3"
    assert labels.team_status_label("unheard_of", "zh") == "unheard_of"  # shown as it is


def test_a_chinese_refusal_names_the_status_in_chinese(db, staff) -> None:
    team_id = admitted_team(db, staff)
    rec = svc.record_application(db, staff.desk, team_id, "startup_grant")
    with pytest.raises(ConflictError) as caught:
        svc.approve_application(db, staff.reviewer, rec.application_id, "")
    zh = caught.value.message_for("zh")
    assert "“草稿”" in zh and "“已提交”" in zh
    assert "draft" not in zh and "submitted" not in zh
