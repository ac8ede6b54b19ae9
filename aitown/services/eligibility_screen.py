"""The verdict and amount of every team × benefit, fast: the screening path of a whole city.

``check_all_teams`` (aitown.services.bulk_eligibility) gives every rule with its reasons; a list of
100,000 teams × 6 benefits shows only the verdicts and the amounts. Here, chunk by chunk of teams
and through the database driver's own cursor (no ORM rows: the columns are plain values), the
database answers most teams itself: a grouped query finds the teams holding a once-only benefit
(and the application that holds each), and a candidates' query the few that can be eligible at
all — only their facts are read, and decided by :class:`aitown.policy.screening.Screener`. The
answers are those ``check_all_teams`` gives (tests/aitown/services/test_eligibility_screen.py
holds them equal on SQLite and PostgreSQL, each boundary of the two queries included).

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
    COUNTING,
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
# A team screened: (team id, USCC, Chinese name, its verdicts)
Screened = tuple[int, str, str, list[Verdict]]
# (team id, USCC, Chinese name, the team's facts or None — not admitted, holding nothing —,
# leases, tier-A founders, priors)
ChunkRow = tuple[int, str, str, TeamRow | None, list[LeaseRow], list[FounderRow], list[PriorRow]]
PROGRESS_EVERY = 1000
NONE: list[Any] = []  # shared, never changed: a team without leases, founders or priors
NO_CODES: frozenset[str] = frozenset()
_IN_ONCE_ONLY = ", ".join(f"'{b}'" for b in ONCE_ONLY)
_IN_HELD = ", ".join(f"'{s}'" for s in sorted(HELD))
_IN_COUNTING = ", ".join(f"'{s}'" for s in sorted(COUNTING))
_ADMITTED = f"'{TeamStatus.ADMITTED.value}'"
_LEASE_COLUMNS = (
    "l.id, l.start_on, l.end_on, l.monthly_rent, s.area_hundredths, l.ended_on, l.renews_lease_id"
)


def _plus(sqlite: bool) -> str:
    # SQLite, without statistics, would walk the benefit index through every application of the
    # city for each chunk of teams; the unary + keeps it to the team_id range (¼ of the time).
    return "+" if sqlite else ""


def _sql_prior(where: str, *, sqlite: bool) -> str:
    plus = _plus(sqlite)
    return (
        "SELECT a.team_id, a.id, a.benefit, a.status, t.uscc FROM application a "
        f"JOIN team t ON t.id = a.team_id WHERE {where} AND {plus}a.benefit IN ({_IN_ONCE_ONLY}) "
        f"AND {plus}a.status IN ({_IN_HELD}) ORDER BY a.id"
    )


def _sql_held(span: str, *, sqlite: bool) -> str:
    """Per team holding a once-only benefit by its own applications: its code and the first
    application (lowest id) that counts for each of the two benefits (Screener._holds' answer
    when every application is the team's own)."""
    plus = _plus(sqlite)
    first = [
        f"MIN(CASE WHEN a.benefit = '{b}' AND a.status IN ({_IN_COUNTING}) THEN a.id END)"
        for b in ONCE_ONLY
    ]
    return (
        f"SELECT a.team_id, t.uscc, {first[0]}, {first[1]} FROM application a "
        f"JOIN team t ON t.id = a.team_id WHERE a.team_id {span} "
        f"AND {plus}a.benefit IN ({_IN_ONCE_ONLY}) AND {plus}a.status IN ({_IN_HELD}) "
        "GROUP BY a.team_id, t.uscc"
    )


def _sql_candidates(span: str, screener: Screener, *, sqlite: bool) -> str:
    """The teams that can be eligible for the rent waiver or the start-up grant, with their
    leases: admitted, honest, the headcount and the founding date of §1, a current lease, and no
    once-only benefit held by their own applications. Only necessary conditions: every team
    asked is decided by the Screener in full (the USCC, the AI focus, the amounts); every team
    left out is eligible for neither (screen_all_teams' tests compare all with the engine)."""
    plus = _plus(sqlite)
    on = f"'{screener.on.isoformat()}'"
    founded_from = f"'{screener.founded_from.isoformat()}'"
    return (
        "SELECT t.id, t.uscc, t.founded_on, t.headcount, t.ai_focus, t.admitted_on, t.left_on, "
        f"t.dishonest, {_LEASE_COLUMNS} FROM team t JOIN lease l ON l.team_id = t.id "
        f"JOIN space s ON s.id = l.space_id WHERE t.id {span} AND t.status = {_ADMITTED} "
        f"AND NOT t.dishonest AND t.headcount BETWEEN {int(screener.low)} AND "
        f"{int(screener.high)} AND t.founded_on BETWEEN {founded_from} AND {on} "
        "AND EXISTS (SELECT 1 FROM lease c WHERE c.team_id = t.id "
        f"AND c.start_on <= {on} AND c.end_on >= {on} "
        f"AND (c.ended_on IS NULL OR c.ended_on >= {on})) "
        "AND NOT EXISTS (SELECT 1 FROM application a WHERE a.team_id = t.id "
        f"AND {plus}a.benefit IN ({_IN_ONCE_ONLY}) AND {plus}a.status IN ({_IN_HELD})) "
        "ORDER BY t.id, l.start_on, l.id"
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
) -> Iterator[Screened]:
    """Every team's verdicts for ``benefits`` (default all six, in BENEFIT_KINDS order) as on
    ``today``: ``(team id, USCC, Chinese name, verdicts)`` in id order, each verdict the
    ``eligible``, amount and ``held_by`` of ``check_all_teams``'s answer for that team and benefit.

    Needs ``team.view`` (checked at the call); writes nothing. ``progress(done, total)`` now and
    then; when ``cancel()`` answers True the iteration ends.
    """
    actor.require("team.view")
    kinds = tuple(benefit_kinds(benefits))
    return _screen_all(db, today or dt.date.today(), kinds, progress, cancel, chunk)


def _screen_all(
    db: Database,
    day: dt.date,
    kinds: tuple[str, ...],
    progress: Progress | None,
    cancel: Cancel | None,
    chunk: int,
) -> Iterator[Screened]:
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
                screened = _screen_chunk(s, cur, lo, hi, screener, kinds, links, external)
        for row in screened:
            if cancel is not None and cancel():
                return
            yield row
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, max(total, done))
        after = hi
    if progress is not None:
        progress(done, max(total, done))


def _screen_chunk(
    s: Session,
    cur: Any,
    lo: int,
    hi: int,
    screener: Screener,
    kinds: tuple[str, ...],
    links: Any,
    external: dict[str, list[PriorRow]],
) -> list[Screened]:
    """The verdicts of the teams with ``lo <= id <= hi`` (ints: formatted into the SQL).

    Most of a city's teams are decided by what the database finds for them: a team holding a
    once-only benefit by its own applications is held (the first counting application of each,
    from one grouped query); a team the candidates' query leaves out is eligible for nothing.
    Only the candidates' facts are read and decided by the Screener. A team whose answer
    depends on more than its own rows — linked to other team records by a USCC, matched by other
    offices' grants, or with a code that normalises to nothing — is read and decided in full
    (``_read_teams``)."""
    sqlite = s.get_bind().dialect.name == "sqlite"
    span = f"BETWEEN {int(lo)} AND {int(hi)}"
    cur.execute(f"SELECT id, uscc, name_zh FROM team WHERE id {span} ORDER BY id")
    teams = cur.fetchall()
    nothing = screener.nothing(kinds)
    if not any(kind in ONCE_ONLY for kind in kinds):  # the others are never eligible here
        return [(tid, code or "", name or "", nothing) for tid, code, name in teams]

    whole = {t for t in links.groups if lo <= t <= hi}
    if external:
        for tid, code, _ in teams:
            own = normalize_uscc(code)
            if own and own in external:
                whole.add(tid)
    answers: dict[int, list[Verdict]] = {}
    cur.execute(_sql_held(span, sqlite=sqlite))
    for tid, code, waiver_app, grant_app in cur.fetchall():
        # A code of letters and digits is its own normalised form but for the case: the team's
        # own applications all count (Screener._holds); otherwise it is decided in full.
        if code and code.isalnum() and tid not in whole:
            answers[tid] = screener.held_by(waiver_app, grant_app, kinds)
        else:
            whole.add(tid)

    day = _day_reader(s)
    founders = _founders(cur, span, screener.on, day)
    candidates: dict[int, tuple[TeamRow, list[LeaseRow]]] = {}
    cur.execute(_sql_candidates(span, screener, sqlite=sqlite))
    for row in cur.fetchall():
        tid = row[0]
        lease = row[8:]
        if sqlite:
            lease = (lease[0], day(lease[1]), day(lease[2]), *lease[3:5], day(lease[5]), lease[6])
        found = candidates.get(tid)
        if found is not None:
            found[1].append(lease)
            continue
        founded, admitted, left = row[2], row[5], row[6]
        if sqlite:
            founded, admitted, left = day(founded), day(admitted), day(left)
        dishonest = row[7]
        team = TeamRow(
            tid, row[1], founded, row[3], row[4] or None, TeamStatus.ADMITTED.value,
            admitted, left, None if dishonest is None else bool(dishonest), NO_CODES,
        )  # fmt: skip
        candidates[tid] = (team, [lease])
    for tid, (team, leases) in candidates.items():
        if tid not in whole:
            answers[tid] = screener.screen(team, leases, founders.get(tid, NONE), NONE, kinds)

    if whole:
        for tid, _, _, read, leases, founders_a, priors in _read_teams(
            s, cur, sorted(whole), links, external, founders
        ):
            answers[tid] = (
                screener.nothing(kinds)
                if read is None
                else screener.screen(read, leases, founders_a, priors, kinds)
            )
    get = answers.get
    return [(tid, code or "", name or "", get(tid, nothing)) for tid, code, name in teams]


def _founders(
    cur: Any, span: str, on: dt.date, day: Callable[[Any], Any]
) -> dict[int, list[FounderRow]]:
    """The founders holding talent tier A of the admitted teams in ``span`` (the start-up grant
    is only decided for admitted teams) who count on ``on`` for §3.2's higher amount: full time,
    joined by then, not left before (the Screener asks the same of each row)."""
    founders: dict[int, list[FounderRow]] = defaultdict(list)
    day_on = f"'{on.isoformat()}'"
    cur.execute(
        "SELECT m.team_id, m.full_time, m.joined_on, m.left_on FROM member m "
        f"JOIN team t ON t.id = m.team_id AND t.status = {_ADMITTED} "
        f"WHERE m.team_id {span} AND m.talent_tier = 'A' AND m.is_founder AND m.full_time "
        f"AND m.joined_on <= {day_on} AND (m.left_on IS NULL OR m.left_on >= {day_on}) "
        "ORDER BY m.id"
    )
    for team_id, full_time, joined, left in cur.fetchall():
        founders[team_id].append((full_time, day(joined), day(left)))
    return founders


def _read_teams(
    s: Session,
    cur: Any,
    ids: list[int],
    links: Any,
    external: dict[str, list[PriorRow]],
    founders: dict[int, list[FounderRow]],
) -> list[ChunkRow]:
    """Every screening fact of the teams ``ids`` (ints: formatted into the SQL), in id order:
    their applications merged with those of the team records linked to them and with other
    offices' grants to their codes."""
    day = _day_reader(s)
    sqlite = s.get_bind().dialect.name == "sqlite"
    leases: dict[int, list[Any]] = defaultdict(list)
    priors: dict[int, list[PriorRow]] = defaultdict(list)
    rows: list[Any] = []
    for start in range(0, len(ids), 500):
        part = "IN (" + ", ".join(str(int(i)) for i in ids[start : start + 500]) + ")"
        # Leases only of admitted teams, the only kind whose dates and leases the screening
        # reads (both benefits it decides need admission).
        cur.execute(
            f"SELECT l.team_id, {_LEASE_COLUMNS} FROM lease l JOIN space s ON s.id = l.space_id "
            f"JOIN team t ON t.id = l.team_id AND t.status = {_ADMITTED} "
            f"WHERE l.team_id {part} ORDER BY l.start_on, l.id"
        )
        for team_id, *lease in cur.fetchall():
            leases[team_id].append(lease)
        cur.execute(_sql_prior(f"a.team_id {part}", sqlite=sqlite))
        for team_id, app_id, benefit, status, team_uscc in cur.fetchall():
            priors[team_id].append((app_id, benefit, status, team_uscc))
        cur.execute(
            "SELECT id, uscc, name_zh, founded_on, headcount, ai_focus, status, admitted_on, "
            f"left_on, dishonest FROM team WHERE id {part}"
        )
        rows += cur.fetchall()
    rows.sort()
    # Every application of the entity: those of the team records linked by a USCC too.
    linked = {t: links.groups[t] for t in ids if t in links.groups}
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
    ) in rows:
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
