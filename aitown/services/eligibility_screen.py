"""The verdict and amount of every team × benefit, fast: the screening path of a whole city.

``check_all_teams`` (aitown.services.bulk_eligibility) gives every rule with its reasons; a list of
100,000 teams × 6 benefits shows only the verdicts and the amounts. Here the facts those need are
read set-wise — one query per table per chunk of teams, through the database driver's own cursor
(no ORM rows: the columns are plain values), only the rows that can matter (the founders holding
talent tier A; the rent waivers and start-up grants in a held status) — and decided by
:class:`aitown.policy.screening.Screener`. The answers are those ``check_all_teams`` gives
(tests/aitown/services/test_eligibility_screen.py holds them equal on SQLite and PostgreSQL).

Reading only: no audit event, but the acting user needs the right to see teams.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aitown.collector import collector_paused
from aitown.db import Database
from aitown.enums import TeamStatus
from aitown.models import Team
from aitown.policy.screening import (
    HELD,
    ONCE_ONLY,
    FounderRow,
    LeaseRow,
    PriorRow,
    Screener,
    TeamRow,
    Verdict,
)
from aitown.policy.uscc import normalize_uscc
from aitown.progress import Cancel, Progress
from aitown.services.actor import Actor
from aitown.services.bulk_eligibility import benefit_kinds
from aitown.services.entities import read_entity_links
from aitown.services.policies import active_policy
from aitown.sync.external_facts import external_priors_by_uscc

CHUNK = 20_000
# (team id, USCC, Chinese name, the team's facts or None — not admitted, holding nothing —,
# leases, tier-A founders, priors)
ChunkRow = tuple[int, str, str, TeamRow | None, list[LeaseRow], list[FounderRow], list[PriorRow]]
PROGRESS_EVERY = 1000
NONE: list[Any] = []  # shared, never changed: a team without leases, founders or priors
NO_CODES: frozenset[str] = frozenset()
_IN_ONCE_ONLY = ", ".join(f"'{b}'" for b in ONCE_ONLY)
_IN_HELD = ", ".join(f"'{s}'" for s in sorted(HELD))
_ADMITTED = f"'{TeamStatus.ADMITTED.value}'"


def _sql_prior(where: str, *, sqlite: bool) -> str:
    # SQLite, without statistics, would walk the benefit index through every application of the
    # city for each chunk of teams; the unary + keeps it to the team_id range (¼ of the time).
    plus = "+" if sqlite else ""
    return (
        "SELECT a.team_id, a.id, a.benefit, a.status, t.uscc FROM application a "
        f"JOIN team t ON t.id = a.team_id WHERE {where} AND {plus}a.benefit IN ({_IN_ONCE_ONLY}) "
        f"AND {plus}a.status IN ({_IN_HELD}) ORDER BY a.id"
    )


def _day_reader(s: Session) -> Callable[[Any], Any]:
    """SQLite's driver hands dates back as ISO text; PostgreSQL's as dates."""
    if s.get_bind().dialect.name != "sqlite":
        return lambda v: v
    parse = dt.date.fromisoformat
    return lambda v: parse(v) if v else None


def screen_all_teams(
    db: Database,
    actor: Actor,
    *,
    today: dt.date | None = None,
    benefits: Iterable[str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    chunk: int = CHUNK,
) -> Iterator[tuple[int, str, str, list[Verdict]]]:
    """Every team's verdicts for ``benefits`` (default all six, in BENEFIT_KINDS order) as on
    ``today``: ``(team id, USCC, Chinese name, verdicts)`` in id order, each verdict the
    ``eligible``, amount and ``held_by`` of ``check_all_teams``'s answer for that team and benefit.

    Needs ``team.view`` (checked at the call); writes nothing. ``progress(done, total)`` now and
    then; when ``cancel()`` answers True the iteration ends.
    """
    actor.require("team.view")
    kinds = benefit_kinds(benefits)
    return _screen_all(db, today or dt.date.today(), kinds, progress, cancel, chunk)


def _screen_all(
    db: Database,
    day: dt.date,
    kinds: list[str],
    progress: Progress | None,
    cancel: Cancel | None,
    chunk: int,
) -> Iterator[tuple[int, str, str, list[Verdict]]]:
    with db.read() as s:
        screener = Screener(active_policy(s), day)
        total = s.scalar(select(func.count()).select_from(Team)) or 0
        links = read_entity_links(s)
        # Other offices' once-only grants (none if standalone), by USCC, in the reader's order.
        external: dict[str, list[PriorRow]] = {}
        for code, found in external_priors_by_uscc(s).items():
            held = [
                (p.application_id, p.benefit, p.status, p.team_uscc)
                for p in found
                if p.benefit in ONCE_ONLY and p.status in HELD
            ]
            if held:
                external[code] = held
    done = 0
    if progress is not None:
        progress(0, total)
    after = 0
    while True:
        with db.read() as s:
            cur = s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
            cur.execute(
                "SELECT min(id), max(id) FROM (SELECT id FROM team "
                f"WHERE id > {int(after)} ORDER BY id LIMIT {int(chunk)}) AS part"
            )
            lo, hi = cur.fetchone()
            if lo is None:
                break
            # A chunk's rows become tuples and lists: no cycle among them, and the collector
            # would walk the growing heap again and again (a quarter of the time).
            with collector_paused():
                chunk_rows = _read_chunk(s, cur, lo, hi, links, external)
        nothing = screener.nothing(kinds)
        for team_id, uscc, name, team, leases, founders, priors in chunk_rows:
            if cancel is not None and cancel():
                return
            if team is None:  # not admitted, nothing held: eligible for nothing
                yield team_id, uscc, name, nothing
            else:
                yield team_id, uscc, name, screener.screen(team, leases, founders, priors, kinds)
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, max(total, done))
        after = hi
    if progress is not None:
        progress(done, max(total, done))


def _read_chunk(
    s: Session,
    cur: Any,
    lo: int,
    hi: int,
    links: Any,
    external: dict[str, list[PriorRow]],
) -> list[ChunkRow]:
    """The screening's facts of the teams with ``lo <= id <= hi`` (ints: formatted into the SQL)."""
    day = _day_reader(s)
    span = f"BETWEEN {int(lo)} AND {int(hi)}"

    # Leases and founders only of admitted teams, the only kind whose dates and leases the
    # screening reads (both benefits it decides need admission); their dates become dates only
    # for those teams too.
    leases: dict[int, list[Any]] = defaultdict(list)
    cur.execute(
        "SELECT l.team_id, l.id, l.start_on, l.end_on, l.monthly_rent, s.area_hundredths, "
        "l.ended_on, l.renews_lease_id FROM lease l JOIN space s ON s.id = l.space_id "
        f"JOIN team t ON t.id = l.team_id AND t.status = {_ADMITTED} "
        f"WHERE l.team_id {span} ORDER BY l.start_on, l.id"
    )
    for team_id, lease_id, start, end, rent, area, ended, renews in cur.fetchall():
        leases[team_id].append((lease_id, start, end, rent, area, ended, renews))

    founders: dict[int, list[FounderRow]] = defaultdict(list)
    cur.execute(
        "SELECT m.team_id, m.is_founder, m.full_time, m.joined_on, m.left_on FROM member m "
        f"JOIN team t ON t.id = m.team_id AND t.status = {_ADMITTED} "
        f"WHERE m.team_id {span} AND m.talent_tier = 'A' ORDER BY m.id"
    )
    for team_id, is_founder, full_time, joined, left in cur.fetchall():
        if is_founder:
            founders[team_id].append((full_time, day(joined), day(left)))

    priors: dict[int, list[PriorRow]] = defaultdict(list)
    sqlite = s.get_bind().dialect.name == "sqlite"
    cur.execute(_sql_prior(f"a.team_id {span}", sqlite=sqlite))
    for team_id, app_id, benefit, status, team_uscc in cur.fetchall():
        priors[team_id].append((app_id, benefit, status, team_uscc))
    # Every application of the entity: those of the team records linked by a USCC too.
    linked = {t: e for t, e in links.groups.items() if lo <= t <= hi}
    others = sorted({o for t, e in linked.items() for o in e.team_ids if o != t})
    if others:
        by_team: dict[int, list[PriorRow]] = defaultdict(list)
        for start in range(0, len(others), 500):
            part = ", ".join(str(int(o)) for o in others[start : start + 500])
            cur.execute(_sql_prior(f"a.team_id IN ({part})", sqlite=sqlite))
            for team_id, app_id, benefit, status, team_uscc in cur.fetchall():
                by_team[team_id].append((app_id, benefit, status, team_uscc))
        for team_id, entity in linked.items():
            merged = {p[0]: p for p in priors.get(team_id, ())}
            for other in entity.team_ids - {team_id}:
                merged.update((p[0], p) for p in by_team.get(other, ()))
            priors[team_id] = [merged[k] for k in sorted(merged)]  # type: ignore[type-var]

    cur.execute(
        "SELECT id, uscc, name_zh, founded_on, headcount, ai_focus, status, admitted_on, "
        f"left_on, dishonest FROM team WHERE id {span} ORDER BY id"
    )
    out: list[ChunkRow] = []
    for (
        tid,
        uscc,
        name,
        founded,
        headcount,
        focus,
        status,
        admitted,
        left,
        dishonest,
    ) in cur.fetchall():
        found = priors.get(tid, NONE)
        own = NO_CODES
        if found or external:  # the codes match priors only: not worked out for a team without
            entity = links.groups.get(tid)
            codes = {normalize_uscc(uscc)}
            if entity is not None:
                codes.update(normalize_uscc(c) for c in entity.usccs)
            codes.discard("")
            own = frozenset(codes)
            if external:
                extra = [p for code in sorted(own) for p in external.get(code, ())]
                if extra:
                    found = [*found, *extra]
        flag = None if dishonest is None else bool(dishonest)
        if status != TeamStatus.ADMITTED:
            if not found:
                out.append((tid, uscc or "", name or "", None, NONE, NONE, NONE))
                continue
            team = TeamRow(tid, uscc, None, headcount, focus, status, None, None, flag, own)
            out.append((tid, uscc or "", name or "", team, NONE, NONE, found))
            continue
        team = TeamRow(
            tid,
            uscc,
            day(founded),
            headcount,
            focus or None,
            status,
            day(admitted),
            day(left),
            flag,
            own,
        )
        rented: list[LeaseRow] = [
            (le[0], day(le[1]), day(le[2]), le[3], le[4], day(le[5]), le[6])
            for le in leases.get(tid, NONE)
        ]
        out.append((tid, uscc or "", name or "", team, rented, founders.get(tid, NONE), found))
    return out
