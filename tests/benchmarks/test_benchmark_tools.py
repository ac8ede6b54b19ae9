"""The benchmark tools stay correct (no timings here: the targets live in benchmarks/run.py).

A small generated database must be one the services read as they read their own data, every team
at once (check_all_teams, which the eligibility benchmark times) must answer exactly as check_team
does on it, the raw-SQL baseline exactly as the search service (and the trigram index as the LIKE
scans it replaced), and the bare letter must be a PDF of the same texts.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from stdnum.cn import ric, uscc

from aitown.models import Application, Member, Notice, Team
from aitown.notices.numerals import to_chinese_capital
from aitown.schema import open_database
from aitown.services.actor import DESK, Actor
from aitown.services.bulk_eligibility import check_all_teams
from aitown.services.eligibility import check_team
from aitown.services.teams import TeamQuery, count_teams, search_teams, search_teams_counted
from benchmarks import bench_teams
from benchmarks.bare_letter import bare_letter
from benchmarks.bench_letters import letters
from benchmarks.generate import generate_database
from benchmarks.records import REFERENCE_DAY, placeholder_pdf

TEAMS = 60


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "teams.sqlite"
    counts = generate_database(path, TEAMS, seed=1)
    assert counts["team"] == TEAMS
    assert 3 * TEAMS <= counts["member"] <= 5 * TEAMS
    assert counts["application"] >= 2 * TEAMS
    return path


def test_generated_rows_read_back_through_the_models(generated: Path) -> None:
    db = open_database(generated)
    try:
        with db.read() as s:
            teams = s.query(Team).all()
            assert len(teams) == TEAMS
            assert all(uscc.is_valid(t.uscc) for t in teams)
            assert len({t.name_zh for t in teams}) == TEAMS
            assert all(ric.is_valid(m.id_number) for m in s.query(Member))
            statuses = {a.status for a in s.query(Application)}
            assert {"draft", "submitted", "approved", "disbursed"} <= statuses
            notice = s.query(Notice).first()
            assert notice is not None
            assert len(PdfReader(io.BytesIO(notice.pdf)).pages) == 1
        found = search_teams(db, TeamQuery(text="上海", limit=10))
        assert found and all("上海" in row.name_zh for row in found)
        assert count_teams(db, TeamQuery(text=teams[0].uscc[:12])) >= 1
    finally:
        db.dispose()


def test_check_all_teams_answers_as_check_team_on_generated_data(generated: Path) -> None:
    db = open_database(generated)
    try:
        reader = Actor(user_id=None, name="benchmark", role=DESK, office_id=1)
        bulk = list(check_all_teams(db, reader, today=REFERENCE_DAY, chunk=16))
        assert [row[0] for row in bulk] == list(range(1, TEAMS + 1))
        for team_id, _, _, answers in bulk:
            assert answers == check_team(db, team_id, today=REFERENCE_DAY)
        assert any(r.eligible for *_, answers in bulk for r in answers)
    finally:
        db.dispose()


def test_raw_query_is_the_services_query(generated: Path) -> None:
    db = open_database(generated)
    conn = sqlite3.connect(generated)
    try:
        texts = [*bench_teams.keystrokes(generated), "", "xing", "Co.,", "有限公司", "星", "91"]
        for text in texts:
            q = TeamQuery(text=text, sort=bench_teams.SORT, limit=bench_teams.PAGE)
            count, rows = bench_teams.raw_query(conn, text)
            service_count, service_rows = search_teams_counted(db, q)
            assert count == service_count, text
            assert [r[0] for r in rows] == [r.id for r in service_rows], text
            # and the trigram index answers what the LIKE scans it replaced answered
            before = bench_teams.like_query(conn, text)
            assert before[0] == count, text
            assert [r[0] for r in before[1]] == [r[0] for r in rows], text
    finally:
        conn.close()
        db.dispose()


def test_bare_letter_prints_the_notice_texts() -> None:
    doc = letters(1)[0]
    reader = PdfReader(io.BytesIO(bare_letter(doc)))
    text = "".join(page.extract_text() for page in reader.pages)
    capital = to_chinese_capital(doc.main_amount_fen or 0)
    for expected in (doc.document_number, doc.verification_code, doc.title_en, capital):
        assert expected in text
    assert reader.pages[0].extract_text().count("Page 1 of") == 1


def test_placeholder_pdf_is_a_pdf() -> None:
    reader = PdfReader(io.BytesIO(placeholder_pdf("AITOWN-2026-000001")))
    assert reader.metadata is not None and reader.metadata.title == "AITOWN-2026-000001"


def test_the_bundle_benchmark_imports_every_record_it_exported() -> None:
    from benchmarks import bench_sync

    imported, exported = bench_sync.run(50, repeat=1)
    assert imported.key == "sync.import" and exported.key == "sync.export"
    assert "50" in imported.title or "5" in imported.title  # the teams plus a few audit events
    assert imported.baseline is not None and imported.value > 0


def test_the_goal_table_answers_from_the_rows() -> None:
    """Issue 19's goal table takes the worst case of each goal's rows, per database."""
    from benchmarks.goals import goals_table
    from benchmarks.measure import Row

    def key(i: int, db: str, ms: float, teams: int = 100_000) -> Row:
        title = f"Search keystroke “t{i}” ({db}; count + first page)"
        return Row(f"search.{db.lower()}.keystroke{i}", title, teams, ms, "ms")

    rows = [
        key(1, "SQLite", 12.0),
        key(2, "SQLite", 31.0),
        key(1, "PostgreSQL", 40.0),
        key(2, "PostgreSQL", 75.0),
        Row("letters.batch", "Batch", None, 90.0, "letters/s", baseline=100.0),
    ]
    table = goals_table(rows)
    search = next(line for line in table.splitlines() if line.startswith("| Search keystroke, 100"))
    assert "worst 31.0 ms (t2); 2 cases — met" in search
    assert "worst 75.0 ms (t2); 2 cases — **missed**" in search
    letters = next(line for line in table.splitlines() if line.startswith("| Batch letters"))
    assert "90% of the baseline — met" in letters
    start = next(line for line in table.splitlines() if line.startswith("| Cold start"))
    assert "not measured in this run" in start
