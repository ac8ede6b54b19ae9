"""The search indexes of migration 0013 answer exactly what a plain substring scan answers.

Generated teams (names, representatives and credit codes from small alphabets, so that one- and
two-character texts match some teams and not others) go in, are renamed and removed through the
triggers; every text — pieces of the stored values and random ones, one to five characters —
must give the same set of teams from ``search_teams`` / ``search_teams_page`` / ``count_teams``
as a straightforward scan (ASCII case ignored, any part of the four columns), on SQLite and on
PostgreSQL. ``EXACT_UP_TO`` is lowered so the estimated-count path (walking the sort index) is
taken too.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, text, update

from aitown import search_index
from aitown.db import Database
from aitown.models import Office, Team
from aitown.services import team_search
from aitown.services import teams as svc
from tests.conftest import make_staff

ZH = "上海星河宋洋北京云"
EN = "abAB .,%_é"
CODE = "91308GMK"

names_zh = st.text(ZH, min_size=1, max_size=6)
names_en = st.text(EN, min_size=0, max_size=6)
reps = st.text(ZH + "ab", min_size=0, max_size=3)
codes = st.text(CODE, min_size=3, max_size=8)
team_rows = st.lists(st.tuples(names_zh, names_en, reps, codes), min_size=1, max_size=14)


def fold(value: str) -> str:
    return team_search.fold(value)


def reference(rows: dict[int, tuple[str, str, str, str]], typed: str) -> set[int]:
    """The plain scan: any part of the four columns, ASCII case ignored."""
    t = fold(typed)
    return {i for i, fields in rows.items() if any(t in fold(f) for f in fields)}


def _office_id(db: Database) -> int:
    with db.read() as s:
        office = s.scalar(select(Office.id))
    assert office is not None
    return office


def _store(db: Database, made: list[tuple[str, str, str, str]]) -> dict[int, tuple[str, ...]]:
    office = _office_id(db)
    with db.write() as s:
        s.execute(delete(Team))  # through the delete triggers
        stored: dict[int, tuple[str, ...]] = {}
        for n, (zh, en, rep, code) in enumerate(made):
            row = {
                "office_id": office, "name_zh": zh, "name_en": en, "legal_rep": rep,
                "uscc": f"{code}{n:02d}", "founded_on": dt.date(2024, 1, 1), "district": "",
                "status": ("applicant", "admitted")[n % 2],
            }  # fmt: skip
            team_id = s.execute(insert(Team).values(**row).returning(Team.id)).scalar_one()
            stored[team_id] = (zh, en, rep, row["uscc"])
        # Rename every third team (the update trigger), remove every fifth (the delete trigger).
        for n, team_id in enumerate(sorted(stored)):
            zh, en, rep, code = stored[team_id]
            if n % 3 == 1:
                s.execute(update(Team).where(Team.id == team_id).values(name_zh=zh[::-1] + "宋"))
                stored[team_id] = (zh[::-1] + "宋", en, rep, code)
            elif n % 5 == 4:
                s.execute(delete(Team).where(Team.id == team_id))
                del stored[team_id]
    return stored


def _texts(stored: dict[int, tuple[str, ...]], extra: list[str]) -> list[str]:
    found = set(extra)
    for fields in stored.values():
        for value in fields:
            for size in (1, 2, 3, 5):
                found.update(value[i : i + size] for i in range(0, max(1, len(value) - size + 1)))
    return sorted(t for t in found if svc.search_text(t))


def _check(db: Database, stored: dict[int, tuple[str, ...]], texts: list[str]) -> None:
    for typed in texts:
        expected = reference(stored, svc.search_text(typed))
        q = svc.TeamQuery(text=typed, sort="name_zh", limit=500)
        listed = svc.search_teams(db, q)
        assert {r.id for r in listed} == expected, typed
        assert [(r.name_zh, r.id) for r in listed] == sorted((r.name_zh, r.id) for r in listed), (
            typed
        )
        assert svc.count_teams(db, q) == len(expected), typed
        page = svc.search_teams_page(db, svc.TeamQuery(text=typed, sort="name_zh", limit=3))
        assert [r.id for r in page.rows] == [r.id for r in listed[:3]], typed
        if page.exact:
            assert page.count == len(expected), typed
        admitted = svc.search_teams_page(db, svc.TeamQuery(text=typed, status="admitted"))
        assert {r.id for r in admitted.rows} == {r.id for r in listed if r.status == "admitted"}, (
            typed
        )


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team_search, "EXACT_UP_TO", 2)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(made=team_rows, extra=st.lists(st.text(ZH + EN + CODE, min_size=1, max_size=4), max_size=4))
def test_the_indexes_answer_as_a_substring_scan(any_db, any_staff, small_cap, made, extra):
    stored = _store(any_db, made)
    _check(any_db, stored, _texts(stored, extra))


def test_a_credit_code_fragment_is_found_anywhere_in_the_code(any_db, any_staff):
    """Issue 16.6: “8GMKG” finds the team whose code holds it, as a name's middle does."""
    stored = _store(
        any_db,
        [("上海星河", "Galaxy", "宋洋", "9131MA1F8GMKG"), ("北京", "Cloud", "云", "92110")],
    )
    by_code = {fields[3]: team_id for team_id, fields in stored.items()}
    galaxy = by_code["9131MA1F8GMKG00"]
    for typed in ("8GMKG", "8gmkg", "1F8", "8G", "G", "31MA"):
        count, rows = svc.search_teams_counted(any_db, svc.TeamQuery(text=typed))
        assert (count, [r.id for r in rows]) == (1, [galaxy]), typed
    assert svc.count_teams(any_db, svc.TeamQuery(text="9")) == 2


def test_search_index_rebuild_gives_the_same_answers(db, staff):
    """After a bulk write that bypassed the triggers, ``search_index.rebuild`` (all teams, or the
    ids just written) makes the indexes answer as before."""
    stored = _store(
        db, [("上海星河", "Galaxy Ab", "宋洋", "91300"), ("星云", "Cloud", "王", "9M8G")]
    )
    texts = _texts(stored, [])
    with db.engine.begin() as conn:
        for row in conn.exec_driver_sql(
            f"SELECT name_zh, name_en, legal_rep, uscc, {search_index.short_document('team.')} "
            "FROM team"
        ):  # the triggers' SQL and rebuild's Python cut the same pieces
            assert sorted(search_index.short_python_document(row[:4]).split()) == sorted(
                row[4].split()
            )
        search_index.rebuild(conn)
    _check(db, stored, texts)
    office = _office_id(db)
    with db.engine.begin() as conn:
        for name in search_index.TRIGGER_NAMES:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        new_id = conn.execute(
            insert(Team)
            .values(
                office_id=office,
                name_zh="北京宋洋",
                name_en="Peking",
                legal_rep="洋",
                uscc="9K8GMKG",
                founded_on=dt.date(2024, 1, 1),
            )  # fmt: skip
            .returning(Team.id)
        ).scalar_one()
        for trigger in search_index.TRIGGERS:
            conn.exec_driver_sql(trigger)
        search_index.rebuild(conn, [new_id])
        conn.execute(text("INSERT INTO team_search(team_search) VALUES ('integrity-check')"))
    stored[new_id] = ("北京宋洋", "Peking", "洋", "9K8GMKG")
    _check(db, stored, _texts(stored, ["8GMKG"]))


@pytest.mark.parametrize(
    ("bitmap_up_to", "walk_probe", "window"),
    [(10**9, 1000, 2000), (0, 1000, 2000), (0, 1, 10**6), (0, 1, 1)],
    ids=["one-bitmap", "walk-reads-all", "walk-estimates-window", "walk-estimates-bitmap"],
)
def test_every_postgresql_grams_path_gives_the_same_answers(
    any_db, any_staff, small_cap, monkeypatch, bitmap_up_to, walk_probe, window
):
    """PostgreSQL answers a short or Chinese text through one bitmap scan (few expected
    matches), or by walking the primary key (many expected: all of them if the walk reads every
    team, else an estimate and a window of the sort order, or the bitmap when the window holds
    too few); a wrong estimate changes only the time. Forcing each path gives the scan's
    answers (SQLite does not read these settings: its index yields ids in order)."""
    from aitown.services import team_search_pg

    monkeypatch.setattr(team_search_pg, "BITMAP_UP_TO", bitmap_up_to)
    monkeypatch.setattr(team_search_pg, "WALK_PROBE", walk_probe)
    monkeypatch.setattr(team_search_pg, "WINDOW_MIN", window)
    monkeypatch.setattr(team_search_pg, "WINDOW_MAX", window)
    stored = _store(
        any_db,
        [
            ("上海星河", "Galaxy Ab", "宋洋", "9131MA1F8G"),
            ("上海云", "Cloud", "王", "9M8G"),
            ("北京星", "Peking AB", "洋", "91300"),
            ("星河", "ab", "宋", "9K8G"),
            ("上海", "", "", "91308"),
            ("云上星", "Yun", "星", "9X1"),
        ],
    )
    _check(any_db, stored, _texts(stored, ["上海星", "宋洋", "é"]))


def test_the_postgresql_fold_changes_only_ascii_capitals(pg_url):
    """``aitown_fold`` (since migration 0015 ``lower()`` under the C collation) folds A–Z and
    nothing else, as SQLite's LIKE does; a database upgraded from 0013 gets it in place of the
    translate() it had, with the same answers."""
    from alembic import command

    from aitown.schema import _alembic_config, open_database

    database = open_database(pg_url, create=True)
    try:
        cfg = _alembic_config()
        with database.engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT aitown_fold('ÀBc Σ Ünï')").scalar() == "Àbc Σ Ünï"
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0015_pg_fold-1")
            body = "SELECT prosrc FROM pg_proc WHERE proname = 'aitown_fold'"
            assert "translate" in conn.exec_driver_sql(body).scalar()
            command.upgrade(cfg, "head")
            assert "lower" in conn.exec_driver_sql(body).scalar()
            assert conn.exec_driver_sql("SELECT aitown_fold('ÀBc Σ')").scalar() == "Àbc Σ"
    finally:
        database.dispose()


@pytest.fixture
def pg_db(pg_url):
    """A fresh PostgreSQL database with the schema and an office (the tests below are of
    PostgreSQL's own path: ``any_db`` would run them on SQLite too)."""
    from aitown.schema import open_database

    db = open_database(pg_url, create=True)
    make_staff(db)
    yield db
    db.dispose()


@pytest.mark.postgres
def test_any_choice_of_a_texts_pieces_finds_the_same_teams(pg_db):
    """The keystroke asks the GIN index only for the pieces of a text few teams hold (never for
    上海 in a Shanghai register); LIKE then decides, so any non-empty choice of pieces — each
    alone, all of them — gives the teams a plain scan gives."""
    from itertools import combinations

    stored = _store(
        pg_db,
        [
            ("上海星河", "Galaxy Ab", "宋洋", "9131MA1F8G"),
            ("上海河星", "Cloud", "星河上海", "9M8G"),
            ("北京星", "Peking AB", "上海星", "91300"),
            ("星河上", "ab", "海星", "9K8G"),
            ("上海", "", "", "91308"),
            ("海上星河云", "Yun", "星", "9X1"),
        ],
    )
    for typed in ["上海星", "上海星河", "星河上海", "海星", "河星云", "上海云"]:
        pieces = team_search.pg_pieces(typed)
        expected = reference(stored, typed)
        for size in range(1, len(pieces) + 1):
            for chosen in combinations(pieces, size):
                cond = team_search.pg_grams_match(typed, list(chosen))
                with pg_db.read() as s:
                    found = set(s.scalars(select(Team.id).where(cond)))
                assert found == expected, (typed, chosen)


def test_the_pieces_asked_are_the_rare_ones():
    """Pieces most teams hold are left to LIKE; the rarest is always asked; the matches expected
    are at most the rarest piece's."""
    est = team_search.PieceEstimate(teams=1_000_000, pieces={"sh": 980_000, "hx": 16_133})
    assert est.telling() == ["hx"] and est.at_most == 16_133
    both = team_search.PieceEstimate(teams=1_000_000, pieces={"a": 120_000, "b": 130_000})
    assert both.telling() == ["a", "b"] and both.at_most == 120_000
    common = team_search.PieceEstimate(teams=100, pieces={"x": 90, "y": 99, "z": 90})
    assert common.telling() == ["x"] and common.at_most == 90


@pytest.mark.postgres
def test_the_planner_is_asked_each_piece_alone(pg_db, monkeypatch):
    """The estimate of each piece (one EXPLAIN): a text whose pieces always come together
    (人工智能) is expected as often as its rarest piece, not as the planner's product of them."""
    made = [("上海人工智能科技", "", "", f"91AI{n:03d}") for n in range(300)]
    made += [(f"上海{c}数据", "", "", f"91DB{n:03d}") for n, c in enumerate("云星河" * 100)]
    _store(pg_db, made)
    with pg_db.write() as s:
        s.execute(text("ANALYZE team"))
    everyone = team_search.filters(None, None, None)
    pieces = team_search.pg_pieces("人工智能")
    with pg_db.read() as s:
        est = team_search.pg_piece_estimates(s, pieces, everyone)
        shanghai = team_search.pg_piece_estimates(s, team_search.pg_pieces("上海星"), everyone)
    assert sorted(est.pieces) == pieces
    # _store renames every third team and removes every fifth: ~160 hold 人工智能 still.
    assert 100 <= est.at_most <= 300, est
    assert 400 <= shanghai.teams <= 600, shanghai
    assert shanghai.telling() == [team_search.short_token("海星")], shanghai
    # A plan of another shape (no Append with a child per branch): each branch alone, the same
    # numbers.
    monkeypatch.setattr(team_search, "_find_node", lambda node, kind: None)
    with pg_db.read() as s:
        alone = team_search.pg_piece_estimates(s, pieces, everyone)
    assert alone == est
