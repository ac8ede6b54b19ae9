"""Search text as people (and fuzzers) type it: NUL and broken surrogates answer, not raise; % and _
are the characters themselves, not wildcards — with and without the trigram index."""

from __future__ import annotations

import pytest

from aitown.db import Database
from aitown.services import teams as svc
from tests.aitown.makers import team_values, uscc_for
from tests.conftest import Staff

NAMES = [
    ("上海百分百智能科技有限公司", "Hundred 100% AI", "王伟"),
    ("上海下划线数据有限公司", "Under_Score Data", "李娜"),
    ("北京云图科技有限公司", "Beijing CloudMap", "胡琪"),
    ("上海深蓝机器人有限公司", "DeepBlue 1000 Robotics", "王伟明"),
]


@pytest.fixture
def made(any_db: Database, any_staff: Staff) -> dict[str, int]:
    ids = {}
    for i, (zh, en, rep) in enumerate(NAMES):
        ids[en] = svc.create_team(
            any_db, any_staff.desk, team_values(i, name_zh=zh, name_en=en, legal_rep=rep)
        )
    return ids


def _found(db: Database, text: str) -> list[str]:
    count, rows = svc.search_teams_counted(db, svc.TeamQuery(text=text, limit=50))
    listed = svc.search_teams(db, svc.TeamQuery(text=text, limit=50))
    assert count == len(rows) == len(listed) == svc.count_teams(db, svc.TeamQuery(text=text))
    return sorted(r.name_en for r in rows)


LITERAL = [
    ("%", ["Hundred 100% AI"]),
    ("0%", ["Hundred 100% AI"]),
    ("00% ai", ["Hundred 100% AI"]),  # three or more characters: the trigram index (SQLite)
    ("_", ["Under_Score Data"]),
    ("r_s", ["Under_Score Data"]),
    ("%%%", []),
    ("___", []),
    ("1_0", []),
    ("\\", []),
    ("10%", []),  # "100%" holds 00% but not 10%
]
UNREADABLE = ["\x00", "百分\x00百", "\ud800", "云图\udcff", "\ud83d", "Under\x00_Score", "\x00" * 5]


def test_search_text_as_typed(any_db: Database, made: dict[str, int]) -> None:
    # % and _ are the characters themselves, not LIKE wildcards.
    assert [(text, _found(any_db, text)) for text, _ in LITERAL] == LITERAL
    # NUL and halves of surrogate pairs do not raise: what is left once they are dropped is
    # what is searched for.
    for text in UNREADABLE:
        clean = "".join(c for c in text if c != "\x00" and not 0xD800 <= ord(c) <= 0xDFFF)
        expected = _found(any_db, clean) if clean else sorted(n[1] for n in NAMES)
        assert _found(any_db, text) == expected, repr(text)
    assert _found(any_db, uscc_for(2) + "\x00") == ["Beijing CloudMap"]
