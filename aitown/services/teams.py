"""Teams: register, edit, change status, related parties, search (for 100,000 rows), detail."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from aitown.db import Database
from aitown.enums import TeamStatus
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import team_status_label
from aitown.models import Member, RelatedParty, Team, TeamFormerUscc
from aitown.services import team_search
from aitown.services.actor import Actor
from aitown.services.audit import record_event, snapshot
from aitown.services.members import MemberRow, member_row
from aitown.services.team_search import TeamListRow
from aitown.validation import TeamInput, check_team_fields, normalize_uscc, parse_date

TEAM_FIELDS = (
    "name_zh",
    "name_en",
    "uscc",
    "legal_rep",
    "founded_on",
    "district",
    "headcount",
    "ai_focus",
    "phone",
    "email",
    "status",
    "admitted_on",
    "left_on",
    "dishonest",
)

# Which status changes make sense, and which date each sets.
STATUS_MOVES: dict[str, set[str]] = {
    TeamStatus.APPLICANT: {TeamStatus.ADMITTED, TeamStatus.WITHDRAWN},
    TeamStatus.ADMITTED: {TeamStatus.GRADUATED, TeamStatus.WITHDRAWN, TeamStatus.EXPELLED},
    TeamStatus.GRADUATED: set(),
    TeamStatus.WITHDRAWN: {TeamStatus.APPLICANT},
    TeamStatus.EXPELLED: set(),
}

SORTABLE: dict[str, InstrumentedAttribute[Any]] = {
    "id": Team.id,
    "name_zh": Team.name_zh,
    "name_en": Team.name_en,
    "uscc": Team.uscc,
    "legal_rep": Team.legal_rep,
    "founded_on": Team.founded_on,
    "district": Team.district,
    "headcount": Team.headcount,
    "ai_focus": Team.ai_focus,
    "status": Team.status,
}


def _duplicate_uscc(s: Session, code: str, exclude_id: int | None = None) -> Team | None:
    q = select(Team).where(Team.uscc == code)
    if exclude_id is not None:
        q = q.where(Team.id != exclude_id)
    return s.scalar(q)


def _refuse_duplicate(existing: Team) -> ConflictError:
    return ConflictError(
        f"A team with the credit code {existing.uscc} is already registered "
        f"(“{existing.name_zh}”, no. {existing.id}); open that team instead.",
        f"统一社会信用代码 {existing.uscc} 已登记（“{existing.name_zh}”，编号 {existing.id}），请直接打开该团队。",
        field="uscc",
    )


def create_team(db: Database, actor: Actor, values: dict[str, Any] | TeamInput) -> int:
    """Register a team from raw form values (checked here) or a checked TeamInput; returns its id."""
    actor.require("team.edit")
    data = values if isinstance(values, TeamInput) else check_team_fields(values)
    with db.write() as s:
        existing = _duplicate_uscc(s, data.uscc)
        if existing is not None:
            raise _refuse_duplicate(existing)
        team = Team(
            office_id=actor.office_id,
            name_zh=data.name_zh,
            name_en=data.name_en,
            uscc=data.uscc,
            legal_rep=data.legal_rep,
            founded_on=data.founded_on,
            district=data.district,
            headcount=data.headcount,
            ai_focus=data.ai_focus,
            phone=data.phone,
            email=data.email,
            status=data.status,
            admitted_on=dt.date.today() if data.status == TeamStatus.ADMITTED else None,
        )
        for rp in data.related_parties:
            team.related_parties.append(_related_party(actor, rp))
        s.add(team)
        s.flush()
        record_event(s, actor, "team.create", "team", team.id, after=snapshot(team, TEAM_FIELDS))
        return team.id


def update_team(
    db: Database, actor: Actor, team_id: int, expected_version: int, values: dict[str, Any]
) -> int:
    """Save edits to a team. ``expected_version`` is the version the person started from: if another
    desk saved in between, the save is refused and nothing is overwritten. Returns the new version."""
    actor.require("team.edit")
    with db.write() as s:
        team = _get(s, team_id)
        if team.version != expected_version:
            raise _stale(team)
        # Made now: after a failed flush (another desk saved between our check and our UPDATE,
        # which PostgreSQL allows) the session can no longer load the team's name.
        stale = _stale(team)
        merged = {f: getattr(team, f) for f in TEAM_FIELDS}
        merged.update(values)
        data = check_team_fields(merged)
        if data.uscc != team.uscc and (dup := _duplicate_uscc(s, data.uscc, team.id)) is not None:
            raise _refuse_duplicate(dup)
        before = snapshot(team, TEAM_FIELDS)
        if data.uscc != team.uscc:
            keep_former_uscc(s, team)
        for f in (
            "name_zh",
            "name_en",
            "uscc",
            "legal_rep",
            "founded_on",
            "district",
            "headcount",
            "ai_focus",
            "phone",
            "email",
        ):
            setattr(team, f, getattr(data, f))
        if "dishonest" in values:
            team.dishonest = values["dishonest"]
        try:
            s.flush()
        except StaleDataError:
            raise stale from None
        after = snapshot(team, TEAM_FIELDS)
        changed = {k: v for k, v in after.items() if before[k] != v}
        record_event(
            s,
            actor,
            "team.update",
            "team",
            team.id,
            before={k: before[k] for k in changed},
            after=changed,
        )
        return team.version


def set_team_status(
    db: Database,
    actor: Actor,
    team_id: int,
    status: str,
    on: dt.date | str | None = None,
    *,
    reason: str = "",
) -> None:
    """Move a team through applicant → admitted → graduated / withdrawn / expelled, with its date."""
    actor.require("team.status")
    day = parse_date(on, what="date", field_name="date") if on else dt.date.today()
    with db.write() as s:
        change_status_in(s, actor, _get(s, team_id), status, day, reason=reason)


def change_status_in(
    s: Session, actor: Actor, team: Team, status: str, day: dt.date, *, reason: str = ""
) -> None:
    """Change ``team``'s status inside the caller's transaction (the body of
    :func:`set_team_status`; leaving the town does more in the same transaction)."""
    actor.require("team.status")
    if status not in STATUS_MOVES.get(team.status, set()):
        raise ValidationError(
            f"A team that is {team.status} cannot become {status}.",
            f"状态为“{team_status_label(team.status, 'zh')}”的团队"
            f"不能变更为“{team_status_label(status, 'zh')}”。",
            field="status",
        )
    if day < team.founded_on:
        raise ValidationError(
            f"The date {day} is before the team was founded ({team.founded_on}).",
            f"日期 {day} 早于团队成立日期（{team.founded_on}）。",
            field="date",
        )
    before = snapshot(team, ("status", "admitted_on", "left_on"))
    team.status = status
    if status == TeamStatus.ADMITTED:
        team.admitted_on, team.left_on = day, None
    elif status in (TeamStatus.GRADUATED, TeamStatus.WITHDRAWN, TeamStatus.EXPELLED):
        if team.admitted_on and day < team.admitted_on:
            raise ValidationError(
                f"The leaving date {day} is before the admission date {team.admitted_on}.",
                f"离开日期 {day} 早于入驻日期 {team.admitted_on}。",
                field="date",
            )
        team.left_on = day
        # The rent waiver never runs past the day the team leaves (§2.2): the pool holds no more.
        s.flush()
        from aitown.services.lease_end import resize_waivers

        resize_waivers(s, actor, team.id, why=f"team {status} on {day}")
    record_event(
        s,
        actor,
        "team.status",
        "team",
        team.id,
        before=before,
        after={**snapshot(team, ("status", "admitted_on", "left_on")), "reason": reason},
    )


def keep_former_uscc(s: Session, team: Team) -> None:
    """Keep the team's current USCC in its history before it changes (POLICY §3.3: a team is the
    same entity under every USCC it has had, so a corrected code still finds its grants)."""
    known = s.scalar(
        select(TeamFormerUscc.id).where(
            TeamFormerUscc.team_id == team.id, TeamFormerUscc.uscc == team.uscc
        )
    )
    if known is None:
        s.add(TeamFormerUscc(office_id=team.office_id, team_id=team.id, uscc=team.uscc))


def former_usccs(db: Database, team_id: int) -> list[str]:
    """The USCCs the team held before its current one, oldest first."""
    with db.read() as s:
        return list(
            s.scalars(
                select(TeamFormerUscc.uscc)
                .where(TeamFormerUscc.team_id == team_id)
                .order_by(TeamFormerUscc.replaced_at, TeamFormerUscc.id)
            )
        )


def _related_party(actor: Actor, rp: dict[str, Any]) -> RelatedParty:
    name = str(rp.get("name") or "").strip()
    if not name:
        raise ValidationError(
            "A related party needs a name.", "关联方需要填写名称。", field="related_parties"
        )
    code = rp.get("uscc")
    return RelatedParty(
        office_id=actor.office_id,
        kind=str(rp.get("kind") or "shareholder"),
        name=name,
        uscc=normalize_uscc(str(code), field_name="related_parties") if code else None,
        legal_rep=str(rp.get("legal_rep") or "").strip() or None,
    )


def add_related_party(db: Database, actor: Actor, team_id: int, party: dict[str, Any]) -> int:
    """Record a shareholder or affiliate of a team (used by the §6.1 vendor check)."""
    actor.require("team.edit")
    with db.write() as s:
        team = _get(s, team_id)
        rp = _related_party(actor, party)
        team.related_parties.append(rp)
        s.flush()
        record_event(
            s,
            actor,
            "team.related_party",
            "team",
            team.id,
            after={"name": rp.name, "uscc": rp.uscc, "kind": rp.kind, "legal_rep": rp.legal_rep},
        )
        return rp.id


def _get(s: Session, team_id: int) -> Team:
    team = s.get(Team, team_id)
    if team is None:
        raise NotFound(f"There is no team no. {team_id}.", f"没有编号为 {team_id} 的团队。")
    return team


def _stale(team: Team) -> ConflictError:
    return ConflictError(
        f"Someone else saved “{team.name_zh}” while you were editing; your changes were not saved. "
        "Reopen the team to see the current data, then make your change again.",
        f"您编辑期间他人已保存“{team.name_zh}”，您的修改未保存。请重新打开该团队查看最新数据后再修改。",
    )


def find_team(db: Database, key: str | int) -> Team:
    """A team by id or USCC (as the command line takes it), with members and related parties."""
    text = str(key).strip()
    with db.read() as s:
        q = select(Team).options(
            selectinload(Team.members),
            selectinload(Team.related_parties),
            selectinload(Team.leases),
        )
        if text.isdigit() and len(text) < 18:
            team = s.scalar(q.where(Team.id == int(text)))
        else:
            team = s.scalar(q.where(Team.uscc == text.upper()))
        if team is None:
            raise NotFound(
                f"No team has the id or credit code “{text}”; check it, or search by name in the Teams list.",
                f"没有编号或信用代码为“{text}”的团队，请核对，或在团队列表中按名称搜索。",
            )
        return team


@dataclass
class TeamQuery:
    """What the Teams screen asks for: search text, filters, sort and a page."""

    text: str = ""
    status: str | None = None
    district: str | None = None
    ai_focus: str | None = None
    sort: str = "id"
    descending: bool = False
    offset: int = 0
    limit: int = 200
    extra: dict[str, Any] = field(default_factory=dict)


# Substrings of at least this many characters are answered by the trigram index.
MIN_TRIGRAM = team_search.MIN_TRIGRAM


def has_search_index(db: Database) -> bool:
    """Whether this SQLite database has the search indexes (migrations 0003 and 0013)."""
    return team_search.index_kind(db) == "sqlite"


def search_text(raw: str | None) -> str:
    """What was typed into a search box, as something the database can be asked about: control
    characters (NUL among them) and halves of broken surrogate pairs are dropped — no stored name
    holds them — and the ends trimmed."""
    return "".join(c for c in (raw or "") if unicodedata.category(c) not in ("Cc", "Cs")).strip()


def _kind(search_index: bool | str | None) -> str | None:
    if search_index is True:
        return "sqlite"
    return search_index or None


def filtered_teams(q: TeamQuery, *, search_index: bool | str | None = False) -> Select[Any]:
    """The teams a query selects (what the Teams screen and the export show).

    Text matches any part of the Chinese or English name, the legal representative or the credit
    code, ignoring ASCII case. ``search_index`` (True or "sqlite", "postgresql": see
    :func:`team_search.index_kind`) answers it from the indexes instead of scanning; the answers
    are the same.
    """
    stmt = select(Team)
    typed = search_text(q.text)
    if typed:
        stmt = stmt.where(team_search.text_condition(typed, _kind(search_index)))
    return stmt.where(team_search.filters(q.status, q.district, q.ai_focus))


PAGE_COLUMNS = (
    Team.id, Team.name_zh, Team.name_en, Team.uscc, Team.legal_rep, Team.founded_on,
    Team.district, Team.headcount, Team.ai_focus, Team.status, Team.version,
)  # fmt: skip


def page_order(q: TeamQuery, *, use_index: bool = True, table: Any = None) -> list[Any]:
    """The ORDER BY of a Teams page: the sort column, then the id (also used by team_search_pg;
    ``table`` sorts a subquery's columns instead of the team table's)."""
    col: Any = SORTABLE.get(q.sort, Team.id)
    tie: Any = Team.id
    if table is not None:
        col, tie = table.c[col.key], table.c.id
    if not use_index:
        # "+column" keeps SQLite from walking the column's index: after the index found a few
        # matches, sorting them is cheaper than visiting every team in index order.
        col = literal_column(f"+team.{col.key}")
    return [
        col.desc() if q.descending else col.asc(),
        tie.desc() if q.descending else tie.asc(),
    ]


def count_teams(db: Database, q: TeamQuery) -> int:
    """How many teams a query selects (exact: with a text most teams contain, this reads the
    whole index; the Teams screen uses :func:`search_teams_page`'s estimate instead)."""
    kind = team_search.index_kind(db)
    stmt = filtered_teams(q, search_index=kind)
    with db.read() as s:
        typed = search_text(q.text)
        if kind == "postgresql" and typed and team_search.uses_grams(typed):
            team_search.bitmap_only(s)
        return s.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def page_rows(s: Session, stmt: Any) -> list[TeamListRow]:
    """The rows of a ``PAGE_COLUMNS`` select (one object per row: the keystroke path)."""
    return [
        TeamListRow(i, zh, en, uscc, rep, founded, district, heads, focus, TeamStatus(st), v)
        for i, zh, en, uscc, rep, founded, district, heads, focus, st, v in s.execute(stmt)
    ]


# A common text's page is looked for among this many teams in sort order past the offset (an
# index walk); matches bunched elsewhere in the order (names starting 北京 sort after 上海's)
# are then sorted from the index's matches instead.
WALK_WINDOW = 2_000


def _page_by_index(
    s: Session, q: TeamQuery, where: Any, *, flt: Any = None
) -> list[TeamListRow] | None:
    """A page walking the sort column's index. The ids are picked first (an index-only walk,
    however deep the offset), then their rows read: paging to the middle of 1,000,000 teams
    reads index entries, not rows. With ``flt`` (the filters alone; ``where`` judges the text
    too) only ``WALK_WINDOW`` teams past the offset are looked at; None if the page is not full
    within them."""
    col = SORTABLE.get(q.sort, Team.id)
    if flt is None:
        picked = (
            select(Team.id, col)
            .where(where)
            .order_by(*page_order(q))
            .offset(q.offset)
            .limit(q.limit)
            .subquery("picked")
        )
    else:
        window = (
            select(Team.id)
            .where(flt)
            .order_by(*page_order(q))
            .limit(q.offset + WALK_WINDOW)
            .subquery("window")
        )
        picked = (
            select(Team.id, col)
            .join(window, window.c.id == Team.id)
            .where(where)
            .order_by(*page_order(q))
            .offset(q.offset)
            .limit(q.limit)
            .subquery("picked")
        )
    stmt = (
        select(*PAGE_COLUMNS)
        .join(picked, picked.c.id == Team.id)
        .order_by(*page_order(q, table=picked))
    )
    rows = page_rows(s, stmt)
    if flt is not None and len(rows) < q.limit:
        return None
    return rows


def search_teams(db: Database, q: TeamQuery) -> list[TeamListRow]:
    """One page of teams as rows (the database filters, sorts and pages)."""
    return _search(db, q, counted=False).rows


def search_teams_page(db: Database, q: TeamQuery) -> team_search.CountedPage:
    """The count and the page the Teams screen shows at each keystroke, cheaply at any size.

    See :func:`_search`.
    """
    return _search(db, q, counted=True)


def _search(db: Database, q: TeamQuery, *, counted: bool) -> team_search.CountedPage:
    """A page of teams and (``counted``) how many the query selects.

    Without text: an exact count and an index-walked page. With text: the first
    ``EXACT_UP_TO + 1`` matches in id order are read from the index; if that is all of them the
    count is exact and the page is sorted from those ids, else the count is estimated and the
    page walks ``WALK_WINDOW`` teams of the sort index, judging each row (one team in
    ``total / EXACT_UP_TO`` or more matches then, so a page usually fills), falling back to
    sorting the index's matches. The rows are always exactly the query's.
    """
    kind = team_search.index_kind(db)
    typed = search_text(q.text)
    flt = team_search.filters(q.status, q.district, q.ai_focus)
    filtered = bool(q.status or q.district or q.ai_focus)
    if not typed:
        with db.read() as s:
            count = (
                (s.scalar(select(func.count()).select_from(Team).where(flt)) or 0) if counted else 0
            )
            return team_search.CountedPage(count, True, _page_by_index(s, q, flt) or [])
    if kind == "postgresql" and team_search.uses_grams(typed):
        from aitown.services.team_search_pg import grams_page

        return grams_page(db, q, typed, flt)
    probe = team_search.probe_matches(db, typed, kind, flt, filtered=filtered)
    with db.read() as s:
        if not probe.exact:
            where = and_(team_search.row_condition(typed, kind), flt)
            # PostgreSQL's planner walks (or not) by its statistics; a bounded window joined
            # back measured 10× slower there.
            walked = _page_by_index(s, q, where, flt=flt if db.is_sqlite else None)
            if walked is not None:
                return team_search.CountedPage(probe.estimate(), False, walked)
        # Few matches (or bunched away from the walk): the index finds them again and they are
        # sorted, not searched for along the sort index.
        stmt = (
            filtered_teams(q, search_index=kind)
            .with_only_columns(*PAGE_COLUMNS)
            .order_by(*page_order(q, use_index=not db.is_sqlite))
            .offset(q.offset)
            .limit(q.limit)
        )
        count = len(probe.ids) if probe.exact else probe.estimate()
        return team_search.CountedPage(count, probe.exact, page_rows(s, stmt))


def search_teams_counted(db: Database, q: TeamQuery) -> tuple[int, list[TeamListRow]]:
    """How many teams a query selects (exactly), and its page."""
    page = search_teams_page(db, q)
    count = page.count if page.exact else count_teams(db, q)
    return count, page.rows


def distinct_values(db: Database, column: str) -> list[str]:
    """The values a filter can offer (districts, AI focus), in order, empty ones left out.

    Read by hopping along the column's index from one value to the next greater one (a
    recursive query: a lookup per value), not by reading every team: the Teams screen asks at
    start, and at 1,000,000 teams ``SELECT DISTINCT`` read the whole index (a fifth of the
    start) for a dozen values.
    """
    name = {"district": "district", "ai_focus": "ai_focus"}[column]  # never the caller's text
    hop = text(
        f"WITH RECURSIVE v(value) AS ("
        f" SELECT min({name}) FROM team WHERE {name} > ''"
        f" UNION ALL"
        f" SELECT (SELECT min({name}) FROM team WHERE {name} > v.value) FROM v"
        f" WHERE v.value IS NOT NULL"
        f") SELECT value FROM v WHERE value IS NOT NULL"
    )
    with db.read() as s:
        return list(s.scalars(hop))


def team_members(db: Database, team_id: int, *, viewer: Actor) -> list[MemberRow]:
    """The team's members in the order they were added, as ``viewer`` may see them: identity
    numbers and phones masked unless the viewer's role may see personal data."""
    with db.read() as s:
        members = s.scalars(select(Member).where(Member.team_id == team_id).order_by(Member.id))
        return [member_row(m, viewer) for m in members]
