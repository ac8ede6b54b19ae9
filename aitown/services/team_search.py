"""How a search text becomes SQL, per database, and a page with a cheap count (issue 19).

A team matches a text when the text is part of its Chinese or English name, legal
representative or credit code, ignoring ASCII case — what ``LIKE '%text%'`` over the four
columns answers in SQLite. The indexes of :mod:`aitown.search_index` answer it on both databases
with the same result sets (tests/aitown/services/test_team_search.py compares them with that LIKE
scan on generated teams).

:func:`search_page` is what the Teams screen asks at each keystroke: the first page in the
screen's sort order and the number of matches. Counting a text that most teams contain costs a
read of the whole index, so past :data:`EXACT_UP_TO` matches the count is an estimate (from where
the ``EXACT_UP_TO``-th match lies among the team ids), flagged as such; the rows are exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    TextClause,
    and_,
    column,
    func,
    or_,
    select,
    text,
    true,
    union_all,
)

from aitown.db import Database
from aitown.enums import TeamStatus
from aitown.models import Team
from aitown.search_index import PG_GRAMS, PG_TEXT

# Below this many matches the count is exact and the page is sorted from the matches' ids;
# above it the page walks the sort column's index (at least 1 team in 200 matches then).
EXACT_UP_TO = 5000
MIN_TRIGRAM = 3
_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

_kinds: dict[int, str | None] = {}


def fold(typed: str) -> str:
    """ASCII lower case only (as SQLite's LIKE and lower() see letters)."""
    return typed.translate(_ASCII_FOLD)


def short_token(typed: str) -> str:
    """The token of a one- or two-character text in the short index (hex of its UTF-8)."""
    return fold(typed).encode("utf-8").hex()


def index_kind(db: Database) -> str | None:
    """Which search indexes this database has: "sqlite" (FTS5 tables of migration 0013),
    "postgresql" (its functions and GIN indexes) or None (LIKE scans). Asked once per engine."""
    key = id(db.engine)
    if key not in _kinds:
        found: str | None = None
        with db.read() as s:
            if db.is_sqlite:
                probe = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'team_short'"
                found = "sqlite" if s.execute(text(probe)).first() else None
            elif db.engine.dialect.name == "postgresql":
                probe = "SELECT 1 FROM pg_proc WHERE proname = 'aitown_team_grams'"
                found = "postgresql" if s.execute(text(probe)).first() else None
        _kinds[key] = found
    return _kinds[key]


def _like_all(typed: str, *, ilike_en: bool) -> ColumnElement[bool]:
    """The plain scan: any of the four columns contains the text (autoescape: a typed % or _
    is that character). SQLite's LIKE already ignores ASCII case."""
    name_en = (
        Team.name_en.icontains(typed, autoescape=True)
        if ilike_en
        else Team.name_en.contains(typed, autoescape=True)
    )
    return or_(
        Team.name_zh.contains(typed, autoescape=True),
        name_en,
        Team.legal_rep.contains(typed, autoescape=True),
        Team.uscc.contains(typed.upper() if ilike_en else typed, autoescape=True),
    )


def _has_cased_non_ascii(typed: str) -> bool:
    # The trigram tokenizer folds every letter's case, LIKE only ASCII's: for such letters the
    # index's candidates are checked again with LIKE.
    return any(not c.isascii() and c.lower() != c.upper() for c in typed)


def _pg_escape(typed: str) -> str:
    return typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def pg_like_pattern(typed: str) -> str:
    """The LIKE pattern of a text against ``aitown_team_text(...)`` (folded, escaped)."""
    return "%" + _pg_escape(fold(typed)) + "%"


def pg_like(typed: str) -> TextClause:
    """PostgreSQL: the text is part of one of the four columns, ignoring ASCII case.

    A text without ASCII letters is judged column by column (folding cannot change what it
    matches): at 1,000,000 teams that spares a keystroke of ~16,000 candidates some 10 ms of
    joining and folding each team's four columns. One with letters is judged on the folded
    ``aitown_team_text(...)``, the expression pg_trgm's index holds."""
    if any("a" <= c <= "z" for c in fold(typed)):
        return _pg_folded_like(typed)
    each = " OR ".join(
        f"team.{c} LIKE :pattern ESCAPE '\\'" for c in ("name_zh", "name_en", "legal_rep", "uscc")
    )
    return text(f"({each})").bindparams(pattern=pg_like_pattern(typed))


def _pg_folded_like(typed: str) -> TextClause:
    """LIKE on the folded ``aitown_team_text(...)``: the expression pg_trgm's index holds."""
    return text(f"{PG_TEXT} LIKE :pattern ESCAPE '\\'").bindparams(pattern=pg_like_pattern(typed))


def text_condition(typed: str, kind: str | None) -> ColumnElement[bool] | TextClause:
    """The condition on ``team`` for a (cleaned, non-empty) search text."""
    if kind == "sqlite":
        if len(typed) >= MIN_TRIGRAM:
            phrase = '"' + typed.replace('"', '""') + '"'
            found: ColumnElement[bool] = Team.id.in_(
                text("SELECT rowid FROM team_search WHERE team_search MATCH :phrase").bindparams(
                    phrase=phrase
                )
            )
            if _has_cased_non_ascii(typed):
                found = and_(found, _like_all(typed, ilike_en=False))
            return found
        return Team.id.in_(
            text("SELECT rowid FROM team_short WHERE team_short MATCH :token").bindparams(
                token='"' + short_token(typed) + '"'
            )
        )
    if kind == "postgresql":
        if len(typed) >= MIN_TRIGRAM and typed.isascii():
            # pg_trgm's index (a server in the C locale cuts no trigrams of 汉字)
            return _pg_folded_like(typed)
        # Any other text: the teams holding each of its two-character pieces (then LIKE).
        return pg_grams_match(typed, pg_pieces(typed))
    return _like_all(typed, ilike_en=True)


def pg_pieces(typed: str) -> list[str]:
    """The tokens of ``aitown_team_grams`` a team holding the text holds: the text itself when
    it is one or two characters, else each two-character piece of it."""
    if len(typed) < MIN_TRIGRAM:
        return [short_token(typed)]
    return sorted({short_token(typed[i : i + 2]) for i in range(len(typed) - 1)})


def pg_grams_match(typed: str, pieces: list[str]) -> ColumnElement[bool] | TextClause:
    """PostgreSQL, a text :func:`uses_grams`: the teams whose grams hold ``pieces`` (all of
    :func:`pg_pieces` or some of them), judged by LIKE when the text is longer than a piece.
    Any non-empty choice of pieces gives the same teams: a team the LIKE accepts holds them all."""
    grams = text(f"{PG_GRAMS} @@ CAST(:pieces AS tsquery)").bindparams(pieces=" & ".join(pieces))
    if len(typed) < MIN_TRIGRAM:
        return grams
    return and_(grams, pg_like(typed))


def row_condition(typed: str, kind: str | None) -> ColumnElement[bool] | TextClause:
    """The same condition judged on each row (no index lookup): for walking a sort index
    through a text most teams contain."""
    if kind == "postgresql":
        return pg_like(typed)
    return _like_all(typed, ilike_en=kind is None)


def filters(status: str | None, district: str | None, ai_focus: str | None) -> ColumnElement[bool]:
    conds = [
        c
        for c in (
            Team.status == status if status else None,
            Team.district == district if district else None,
            Team.ai_focus == ai_focus if ai_focus else None,
        )
        if c is not None
    ]
    return and_(true(), *conds) if conds else true()


@dataclass
class MatchProbe:
    """The first ``EXACT_UP_TO + 1`` matching team ids (in id order) and what they tell."""

    ids: list[int]
    max_id: int
    limit: int = 0  # at most this many + 1 were read (0: EXACT_UP_TO)

    @property
    def exact(self) -> bool:
        return len(self.ids) <= (self.limit or EXACT_UP_TO)

    def estimate(self) -> int:
        """The number of matches: exact below the cap, else scaled from the share of the id
        range the first matches covered (rounded to two significant figures, at least what
        was seen)."""
        if self.exact or not self.ids:
            return len(self.ids)
        raw = len(self.ids) * self.max_id / max(1, self.ids[-1])
        digits = max(0, len(str(int(raw))) - 2)
        return max(len(self.ids), int(round(raw, -digits)))


def probe_matches(
    db: Database, typed: str, kind: str | None, where: ColumnElement[bool], *, filtered: bool
) -> MatchProbe:
    """Read at most ``EXACT_UP_TO + 1`` matching ids in id order (the index yields them in that
    order, so a common text stops after a few thousand; a rare one is read whole)."""
    with db.read() as s:
        if kind == "sqlite":
            table, arg = (
                ("team_search", '"' + typed.replace('"', '""') + '"')
                if len(typed) >= MIN_TRIGRAM
                else ("team_short", '"' + short_token(typed) + '"')
            )
            idx = text(f"SELECT rowid AS id FROM {table} WHERE {table} MATCH :m ORDER BY rowid")
            found = idx.bindparams(m=arg).columns(column("id", Integer)).subquery("m")
            stmt = select(found.c.id).join(Team, Team.id == found.c.id)
            if filtered or _has_cased_non_ascii(typed):
                stmt = stmt.where(where)
                if _has_cased_non_ascii(typed):
                    stmt = stmt.where(_like_all(typed, ilike_en=False))
            else:
                stmt = select(found.c.id)
            ids = list(s.scalars(stmt.order_by(found.c.id).limit(EXACT_UP_TO + 1)))
            max_id = s.scalar(select(func.max(Team.id))) or 0
        else:
            stmt = select(Team.id).where(text_condition(typed, kind), where)
            ids = list(s.scalars(stmt.order_by(Team.id).limit(EXACT_UP_TO + 1)))
            max_id = s.scalar(select(func.max(Team.id))) or 0
    return MatchProbe(ids=ids, max_id=max_id)


@dataclass(frozen=True)
class PieceEstimate:
    """What the planner expects of a text's grams (a millisecond, nothing is read)."""

    teams: int  # the teams the filters select
    pieces: dict[str, int]  # each piece: the teams (so filtered) expected to hold it

    @property
    def at_most(self) -> int:
        """The matches expected at most: no more teams hold the text than its rarest piece."""
        return min(self.pieces.values())

    def telling(self, common: float = 0.5) -> list[str]:
        """The pieces worth asking the index for: not those most teams hold (上海 in a Shanghai
        register: its list of ~all teams costs the GIN index more than it sorts out), but
        always the rarest."""
        rarest = min(self.pieces, key=lambda p: (self.pieces[p], p))
        return sorted(p for p, n in self.pieces.items() if p == rarest or n <= common * self.teams)


def pg_piece_estimates(s: Any, pieces: list[str], flt: Any) -> PieceEstimate:
    """The planner's estimates of each piece and of the filtered teams, in one EXPLAIN of a
    UNION ALL. Each piece is estimated alone: the planner takes pieces of one text as
    independent (人工 & 工智 & 智能 all but always come together), so its estimate of the whole
    text can be a hundredth of the matches."""
    branches = [
        select(Team.id).where(
            text(f"{PG_GRAMS} @@ CAST(:p{i} AS tsquery)").bindparams(**{f"p{i}": piece}), flt
        )
        for i, piece in enumerate(pieces)
    ]
    # A parallel plan would estimate each branch per worker: none (nor for the keystroke's
    # queries after this, in the same transaction: see bitmap_only).
    s.execute(text("SELECT set_config('max_parallel_workers_per_gather', '0', true)"))
    if len(pieces) == 1:  # nothing to choose among: the filtered teams' number is not needed
        only = _planned_rows(s, branches[0])
        return PieceEstimate(teams=only, pieces={pieces[0]: only})
    branches.append(select(Team.id).where(flt))  # which pieces are common: of how many teams
    append = _find_node(_plan(s, union_all(*branches)), "Append")
    children = append.get("Plans", []) if append else []
    if len(children) == len(branches):
        rows = [int(child["Plan Rows"]) for child in children]
    else:  # a plan of another shape: each branch asked alone (a millisecond each)
        rows = [_planned_rows(s, branch) for branch in branches]
    return PieceEstimate(teams=rows[-1], pieces=dict(zip(pieces, rows[:-1], strict=True)))


def _plan(s: Any, stmt: Any) -> dict[str, Any]:
    compiled = stmt.compile(dialect=s.get_bind().dialect)
    found = (
        s.connection()
        .exec_driver_sql("EXPLAIN (FORMAT JSON) " + compiled.string, compiled.params)
        .scalar()
    )
    return dict(found[0]["Plan"])


def _planned_rows(s: Any, stmt: Any) -> int:
    return int(_plan(s, stmt)["Plan Rows"])


def _find_node(node: dict[str, Any], kind: str) -> dict[str, Any] | None:
    if node.get("Node Type") == kind:
        return node
    for child in node.get("Plans", []):
        found = _find_node(child, kind)
        if found is not None:
            return found
    return None


def uses_grams(typed: str) -> bool:
    """Whether PostgreSQL answers this text through ``aitown_team_grams`` (short or non-ASCII);
    ASCII of 3+ characters goes through pg_trgm and a plain LIKE the planner may scan with."""
    return len(typed) < MIN_TRIGRAM or not typed.isascii()


def bitmap_only(s: Any) -> None:
    """PostgreSQL, this transaction: find matches through the GIN indexes (a bitmap), never by
    walking another index and computing the indexed function row by row (the pieces of a
    team's four columns cost ~1 ms a row to compute; the index has them)."""
    # Parallel workers cost more to start than a keystroke's bitmap of a few thousand teams.
    # One statement (SET LOCAL, three times over): each round trip is a millisecond or more.
    s.execute(
        text(
            "SELECT set_config('enable_indexscan', 'off', true),"
            " set_config('enable_seqscan', 'off', true),"
            " set_config('max_parallel_workers_per_gather', '0', true)"
        )
    )


@dataclass(frozen=True)
class TeamListRow:
    """One team as the team lists and the search show it (the columns of ``PAGE_COLUMNS`` in
    aitown.services.teams, in that order)."""

    id: int
    name_zh: str
    name_en: str
    uscc: str
    legal_rep: str
    founded_on: dt.date
    district: str
    headcount: int
    ai_focus: str
    status: TeamStatus
    version: int


@dataclass
class CountedPage:
    """A page of teams and how many teams the query selects (``exact`` False: an estimate)."""

    count: int
    exact: bool
    rows: list[TeamListRow]
