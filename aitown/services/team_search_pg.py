"""PostgreSQL: the count and the page of a text answered through ``aitown_team_grams``.

One- and two-character texts and Chinese ones (pg_trgm in a C-locale server cuts no trigrams of
汉字) are found through the GIN index of every team's 1–2-character pieces. A GIN bitmap yields
all of a text's matches before any of them, so what a keystroke costs depends on how many teams
hold the text — which the planner's statistics of the index tell, in a millisecond, before
anything is read. Each piece of a longer text is estimated alone (the planner's estimate of
人工智能 multiplies its three pieces as if independent: 2,000 for 125,000 matches, and the
bitmap path then took half a second); no more teams hold the text than its rarest piece. Pieces
most teams hold (上海) are not asked of the index at all: LIKE judges the candidates anyway.

* **up to** :data:`BITMAP_UP_TO` expected matches: one bitmap scan gives the sorted page and the
  exact count (``count(*) OVER ()``) together;
* **more**: the count is estimated from the first :data:`WALK_PROBE` matches along the primary
  key (each team judged by LIKE, a microsecond), and the page is looked for among the first teams
  in sort order past the offset (a window sized to the matches' density); matches bunched
  elsewhere in that order (names starting 上海星 sort far from the start) are then sorted from
  the bitmap instead.

A wrong estimate costs time, never answers: a walk that does not reach its limit has read every
team, so its matches are all of them. tests/aitown/services/test_team_search.py compares every
path with a plain scan.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import Integer, and_, any_, bindparam, func, literal_column, select, text
from sqlalchemy.dialects.postgresql import ARRAY

from aitown.db import Database
from aitown.models import Team
from aitown.search_index import PG_TEXT
from aitown.services import team_search
from aitown.services.team_search import CountedPage, MatchProbe, TeamListRow

# teams.py imports this module when it first answers such a text, so teams is loaded by then.
from aitown.services.teams import PAGE_COLUMNS, SORTABLE, page_order, page_rows

BITMAP_UP_TO = 20_000
WALK_PROBE = 1_000
WINDOW_MIN, WINDOW_MAX = 2_000, 60_000


def grams_page(db: Database, q: Any, typed: str, flt: Any) -> CountedPage:
    """The Teams screen's count and page of ``q`` (its text ``typed``, cleaned; its filters
    ``flt``) on PostgreSQL, for a text :func:`team_search.uses_grams` answers."""
    with db.read() as s:
        estimate = team_search.pg_piece_estimates(s, team_search.pg_pieces(typed), flt)
        expected = estimate.at_most
        grams = team_search.pg_grams_match(typed, estimate.telling())
        indexed = select(*PAGE_COLUMNS).where(grams, flt)
        if expected <= BITMAP_UP_TO:
            return _bitmap_page(s, q, indexed, counted=True)
        max_id = s.scalar(select(func.max(Team.id))) or 0
        judged = and_(team_search.row_condition(typed, "postgresql"), flt)
        s.execute(text("SET LOCAL enable_bitmapscan = off"))  # along the primary key
        ids = list(s.scalars(select(Team.id).where(judged).order_by(Team.id).limit(WALK_PROBE + 1)))
        s.execute(text("SET LOCAL enable_bitmapscan = on"))
        probe = MatchProbe(ids, max_id, limit=WALK_PROBE)
        if probe.exact:  # every team was read: these are all the matches
            rows = _page(s, indexed.where(Team.id.in_(ids)), q)
            return CountedPage(len(ids), True, rows)
        count = probe.estimate()
        density = count / max(1, max_id)
        window = min(WINDOW_MAX, max(WINDOW_MIN, math.ceil(3 * q.limit / max(density, 1e-9))))
        walked = _window_page(s, q, flt, team_search.pg_like_pattern(typed), window)
        if walked is not None:
            return CountedPage(count, False, walked)
        page = _bitmap_page(s, q, indexed, counted=False)
        return CountedPage(count, False, page.rows)


def _page(s: Any, stmt: Any, q: Any) -> list[TeamListRow]:
    return page_rows(s, stmt.order_by(*page_order(q)).offset(q.offset).limit(q.limit))


def _bitmap_page(s: Any, q: Any, indexed: Any, *, counted: bool) -> CountedPage:
    """The page sorted from the bitmap of the matches, with their exact count (one scan).

    The scan sorts only each match's id and sort key (and counts them); the page's hundred rows
    are read after by id: carrying every column of ~16,000 matches through the count and the
    sort took a third of the keystroke."""
    team_search.bitmap_only(s)
    keys = indexed.with_only_columns(Team.id)
    if counted:
        keys = keys.add_columns(func.count().over())
    found = s.execute(keys.order_by(*page_order(q)).offset(q.offset).limit(q.limit)).all()
    ids = [row[0] for row in found]
    by_id = Team.id == any_(bindparam("ids", ids, type_=ARRAY(Integer)))
    rows = page_rows(s, select(*PAGE_COLUMNS).where(by_id).order_by(*page_order(q))) if ids else []
    if not counted:
        return CountedPage(0, False, rows)
    if found:
        count = int(found[0][-1])
    else:  # past the end (or nothing): the count alone
        count = s.scalar(select(func.count()).select_from(indexed.subquery())) or 0
    return CountedPage(count, True, rows)


def _window_page(s: Any, q: Any, flt: Any, pattern: str, window: int) -> list[TeamListRow] | None:
    """The page among the first ``offset + window`` teams (filters applied) in sort order, each
    judged by LIKE in the same index walk; None if the page does not fill within them."""
    col = SORTABLE.get(q.sort, Team.id)
    ahead = (
        select(Team.id, col, literal_column(PG_TEXT).label("folded"))
        .where(flt)
        .order_by(*page_order(q))
        .limit(q.offset + window)
        .subquery("ahead")
    )
    picked = (
        select(ahead.c.id, ahead.c[col.key])
        .where(text("ahead.folded LIKE :pattern ESCAPE '\\'").bindparams(pattern=pattern))
        .order_by(*page_order(q, table=ahead))
        .offset(q.offset)
        .limit(q.limit)
        .subquery("picked")
    )
    found = page_rows(
        s,
        select(*PAGE_COLUMNS)
        .join(picked, picked.c.id == Team.id)
        .order_by(*page_order(q, table=picked)),
    )
    return found if len(found) == q.limit else None
