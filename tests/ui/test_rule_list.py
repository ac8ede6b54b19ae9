"""The rule list names each clause as a reader cites it, in the reader's language."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.widgets.rule_list import RuleList

RECORD = {
    "rules": [
        {"clause": "1.1", "status": "pass", "reason_en": "USCC valid", "reason_zh": "信用代码有效"},
        {"clause": "status", "status": "pass", "reason_en": "admitted", "reason_zh": "团队已入驻"},
    ]
}


def test_clauses_are_cited_and_the_status_check_is_named(qtbot: QtBot) -> None:
    english = RuleList("en")
    qtbot.addWidget(english)
    english.show_result(RECORD)
    assert english.texts() == ["§1.1 pass USCC valid", "Team status pass admitted"]

    chinese = RuleList("zh_CN")
    qtbot.addWidget(chinese)
    chinese.show_result(RECORD)
    assert chinese.texts()[0].startswith("第1.1条 ")
    assert chinese.texts()[1].startswith("团队状态 ")
    assert not any("§status" in t for t in english.texts() + chinese.texts())
