"""One bilingual text type (aitown.text.Text): labels, rights, refusals and rule wording carry
their English and Chinese in it, and read them the same way."""

from __future__ import annotations

import pytest

from aitown import labels
from aitown.errors import DeskError, ValidationError
from aitown.policy.results import FACT_LABELS, RuleResult
from aitown.services.actor import RIGHT_LABELS, RIGHTS, Actor
from aitown.text import Text


def test_get_picks_the_language_and_falls_back_to_english() -> None:
    words = Text("draft", "草稿")
    assert words.get("en") == "draft" and words.get("zh") == "草稿"
    assert words.get("zh_CN") == "草稿" and words.get("zh-Hans") == "草稿"
    assert words.get(None) == "draft" and words.text("zh") == "草稿"  # the older name
    assert Text("only English", "").get("zh") == "only English"
    en, zh = words  # a tuple: older code unpacks it
    assert (en, zh) == ("draft", "草稿")
    assert Text("{n} teams", "{n}个团队").format(n=3) == Text("3 teams", "3个团队")
    assert Text.same("XH01") == Text("XH01", "XH01")


def test_the_label_table_rights_and_facts_are_texts() -> None:
    assert labels.Label is Text
    for table in (labels.APPLICATION_STATUS_LABELS, labels.BENEFIT_LABELS, labels.ROLE_LABELS):
        assert all(isinstance(v, Text) for v in table.values())
    assert all(isinstance(v, Text) for v in RIGHT_LABELS.values())
    # Every right some role lacks has its words (a refusal names it).
    assert set(RIGHT_LABELS) >= {right for right, roles in RIGHTS.items() if len(roles) < 3}
    assert all(isinstance(v, Text) for v in FACT_LABELS.values())


def test_a_refusal_carries_a_text_and_reads_as_before() -> None:
    old = ValidationError("The amount is missing.", "缺少金额。", field="amount")
    new = ValidationError(Text("The amount is missing.", "缺少金额。"), field="amount")
    for exc in (old, new):
        assert exc.message_for("zh_CN") == "缺少金额。" and exc.message_for("en") == exc.message
        assert exc.text == Text("The amount is missing.", "缺少金额。") and exc.field == "amount"
        assert str(exc) == "The amount is missing."
    english_only = DeskError("Only English.")
    assert english_only.message_for("zh") == "Only English."
    assert english_only.text == Text("Only English.", "Only English.")


def test_a_refused_right_names_it_in_both_languages() -> None:
    desk = Actor(1, "desk1", "desk", 1, False)
    with pytest.raises(DeskError) as refused:
        desk.require("application.decide")
    assert "may not approve or reject applications" in refused.value.message
    assert "无权批准或驳回申请" in refused.value.message_for("zh")


def test_a_rules_wording_is_a_text() -> None:
    rule = RuleResult(
        "2.1", "fail", "founded too long ago", "成立时间过早", cure_en="wait", cure_zh="等待"
    )
    assert rule.wording == Text("founded too long ago", "成立时间过早")
    assert rule.founder_reason("zh") == "成立时间过早；等待"
    assert rule.founder_reason("en") == "founded too long ago; wait"
