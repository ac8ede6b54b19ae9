"""Teams: register, edit, change status, related parties, search (for 100,000 rows), detail."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from aitown.db import Database
from aitown.enums import TeamStatus
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import team_status_label
from aitown.models import Member, RelatedParty, Team, TeamFormerUscc
from aitown.services.actor import Actor
from aitown.services.audit import record_event, snapshot
from aitown.services.members import MemberRow, member_row
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


# Substrings of at least this many characters are answered by the trigram index (SQLite).
MIN_TRIGRAM = 3
# A short text (no trigram) is "common" if this many of the first PROBE_ROWS teams in sort order
# match: walking the sort index then fills a page at once. A rare one is found by one scan.
PROBE_ROWS = 2000
DENSE_IN_PROBE = 20

_search_index: dict[int, bool] = {}


def has_search_index(db: Database) -> bool:
    """Whether this database has the trigram index over team names (migration 0003, SQLite)."""
    key = id(db.engine)
    if key not in _search_index:
        found = False
        if db.is_sqlite:
            with db.read() as s:
                found = bool(
                    s.execute(
                        text(
                            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'team_search'"
                        )
                    ).first()
                )
        _search_index[key] = found
    return _search_index[key]


def search_text(raw: str | None) -> str:
    """What was typed into a search box, as something the database can be asked about: control
    characters (NUL among them) and halves of broken surrogate pairs are dropped — no stored name
    holds them — and the ends trimmed."""
    return "".join(c for c in (raw or "") if unicodedata.category(c) not in ("Cc", "Cs")).strip()


def filtered_teams(q: TeamQuery, *, search_index: bool = False) -> Select[Any]:
    """The teams a query selects (what the Teams screen and the export show).

    Text matches any part of the Chinese or English name or the legal representative (ignoring
    ASCII case), or the start of the credit code. With the trigram index, text of three or more
    characters is looked up instead of scanned; the answers are the same.
    """
    stmt = select(Team)
    typed = search_text(q.text)
    if typed:
        # A credit code is typed from its start: a range on its unique index.
        code = typed.upper()
        by_code = and_(Team.uscc >= code, Team.uscc < code + "\U0010ffff")
        if search_index and len(typed) >= MIN_TRIGRAM:
            phrase = '{name_zh name_en legal_rep}: "' + typed.replace('"', '""') + '"'
            matching = text(
                "SELECT rowid FROM team_search WHERE team_search MATCH :phrase"
            ).bindparams(phrase=phrase)
            stmt = stmt.where(or_(Team.id.in_(matching), by_code))
        else:
            # autoescape: a typed % or _ is that character, not a LIKE wildcard.
            # SQLite's LIKE already ignores ASCII case; lower() would cost a quarter of the scan.
            name_en = (
                Team.name_en.contains(typed, autoescape=True)
                if search_index
                else Team.name_en.icontains(typed, autoescape=True)
            )
            stmt = stmt.where(
                or_(
                    Team.name_zh.contains(typed, autoescape=True),
                    name_en,
                    Team.legal_rep.contains(typed, autoescape=True),
                    by_code,
                )
            )
    if q.status:
        stmt = stmt.where(Team.status == q.status)
    if q.district:
        stmt = stmt.where(Team.district == q.district)
    if q.ai_focus:
        stmt = stmt.where(Team.ai_focus == q.ai_focus)
    return stmt


PAGE_COLUMNS = (
    Team.id, Team.name_zh, Team.name_en, Team.uscc, Team.legal_rep, Team.founded_on,
    Team.district, Team.headcount, Team.ai_focus, Team.status, Team.version,
)  # fmt: skip


def _order(q: TeamQuery, *, use_index: bool = True) -> list[Any]:
    col: Any = SORTABLE.get(q.sort, Team.id)
    if not use_index:
        # "+column" keeps SQLite from walking the column's index: after one scan found a few
        # matches, sorting them is cheaper than visiting every team in index order.
        col = literal_column(f"+team.{col.key}")
    return [
        col.desc() if q.descending else col.asc(),
        Team.id.desc() if q.descending else Team.id.asc(),
    ]


def count_teams(db: Database, q: TeamQuery) -> int:
    stmt = filtered_teams(q, search_index=has_search_index(db))
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def search_teams(db: Database, q: TeamQuery) -> list[dict[str, Any]]:
    """One page of teams as plain rows (the database filters, sorts and pages)."""
    stmt = (
        filtered_teams(q, search_index=has_search_index(db))
        .with_only_columns(*PAGE_COLUMNS)
        .order_by(*_order(q))
        .offset(q.offset)
        .limit(q.limit)
    )
    with db.read() as s:
        return [dict(r._mapping) for r in s.execute(stmt)]


def search_teams_counted(db: Database, q: TeamQuery) -> tuple[int, list[dict[str, Any]]]:
    """How many teams a query selects, and its page: what the Teams screen asks at each keystroke.

    A short text (one or two characters, which the trigram index cannot serve) that few teams
    contain is answered by ONE scan that finds, counts and sorts the matches, instead of a count
    scan plus a walk of the whole sort index for a page that never fills.
    """
    index = has_search_index(db)
    typed = search_text(q.text)
    if not (index and typed and len(typed) < MIN_TRIGRAM and q.offset == 0):
        return count_teams(db, q), search_teams(db, q)
    base = filtered_teams(q, search_index=True)
    with db.read() as s:
        first = select(Team.id).order_by(*_order(q)).limit(PROBE_ROWS).subquery()
        probe = (
            s.scalar(
                select(func.count()).select_from(
                    base.where(Team.id.in_(select(first.c.id))).subquery()
                )
            )
            or 0
        )
        if probe >= DENSE_IN_PROBE:
            count = s.scalar(select(func.count()).select_from(base.subquery())) or 0
            page = base.with_only_columns(*PAGE_COLUMNS).order_by(*_order(q)).limit(q.limit)
            return count, [dict(r._mapping) for r in s.execute(page)]
        total = func.count().over().label("_total")
        stmt = (
            base.with_only_columns(*PAGE_COLUMNS, total)
            .order_by(*_order(q, use_index=False))
            .limit(q.limit)
        )
        rows = [dict(r._mapping) for r in s.execute(stmt)]
    count = rows[0]["_total"] if rows else 0
    for row in rows:
        del row["_total"]
    return count, rows


def distinct_values(db: Database, column: str) -> list[str]:
    """The values a filter can offer (districts, AI focus)."""
    col = {"district": Team.district, "ai_focus": Team.ai_focus}[column]
    with db.read() as s:
        return [v for v in s.scalars(select(col).distinct().order_by(col)) if v]


def team_members(db: Database, team_id: int, *, viewer: Actor) -> list[MemberRow]:
    """The team's members in the order they were added, as ``viewer`` may see them: identity
    numbers and phones masked unless the viewer's role may see personal data."""
    with db.read() as s:
        members = s.scalars(select(Member).where(Member.team_id == team_id).order_by(Member.id))
        return [member_row(m, viewer) for m in members]
