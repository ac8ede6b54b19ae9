"""Audit events ready to read: each with its sentence and its record's name, in both languages.

The History tab, the Audit log screen and ``aitown-cli audit list`` show these lines; the words
come from :mod:`aitown.event_text`, the names (teams, members, units, notices) from here, looked up
for a whole page of events at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from aitown import event_text
from aitown.db import Database
from aitown.labels import benefit_label
from aitown.models import Application, Lease, Member, Notice, Space, Team, User
from aitown.services.audit_log import AuditRow
from aitown.text import Text

# Payload fields that hold the id of another record, and that record's kind.
REFERENCES = {
    "team_id": "team",
    "first_team_id": "team",
    "last_team_id": "team",
    "application_id": "application",
    "revokes_notice_id": "notice",
}


@dataclass(frozen=True)
class EventLine:
    """One audit event as people read it (``what`` and ``record`` in English and Chinese)."""

    event: AuditRow
    what: Text
    record: Text


def _ids(rows: Iterable[AuditRow]) -> dict[str, set[int]]:
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        if row.entity_id.isdigit():
            wanted[row.entity].add(int(row.entity_id))
        for values in (
            event_text.load_values(row.before_json),
            event_text.load_values(row.after_json),
        ):
            for key, kind in REFERENCES.items():
                value = values.get(key)
                if isinstance(value, int) and not isinstance(value, bool):
                    wanted[kind].add(value)
    return wanted


def _team_text(name_zh: str, name_en: str | None) -> Text:
    return Text(name_en or name_zh, name_zh)


def event_names(db: Database, rows: Sequence[AuditRow]) -> dict[tuple[str, str], Text]:
    """The names of the records ``rows`` are about or mention: ``("team", "60")`` → its name."""
    wanted = _ids(rows)
    names: dict[tuple[str, str], Text] = {}
    with db.read() as s:
        apps = wanted.get("application", set())
        if apps:
            q = select(Application.id, Application.benefit, Team.name_zh, Team.name_en).join(
                Team, Team.id == Application.team_id
            )
            for app_id, benefit, zh, en in s.execute(q.where(Application.id.in_(apps))):
                team = _team_text(zh, en)
                names[("application.benefit", str(app_id))] = Text(
                    benefit_label(benefit), benefit_label(benefit, "zh")
                )
                names[("application", str(app_id))] = Text(
                    f"{team.en}, {benefit_label(benefit)}",
                    f"{team.zh} {benefit_label(benefit, 'zh')}",
                )
        teams = wanted.get("team", set())
        if teams:
            q2 = select(Team.id, Team.name_zh, Team.name_en).where(Team.id.in_(teams))
            for team_id, zh, en in s.execute(q2):
                names[("team", str(team_id))] = _team_text(zh, en)
        members = wanted.get("member", set())
        if members:
            q3 = select(Member.id, Member.name, Team.name_zh, Team.name_en).join(
                Team, Team.id == Member.team_id
            )
            for member_id, name, zh, en in s.execute(q3.where(Member.id.in_(members))):
                team = _team_text(zh, en)
                names[("member", str(member_id))] = Text(f"{name}, {team.en}", f"{team.zh} {name}")
        leases = wanted.get("lease", set())
        if leases:
            q4 = (
                select(Lease.id, Space.building, Space.unit, Team.name_zh, Team.name_en)
                .join(Space, Space.id == Lease.space_id)
                .join(Team, Team.id == Lease.team_id)
            )
            for lease_id, building, unit, zh, en in s.execute(q4.where(Lease.id.in_(leases))):
                team = _team_text(zh, en)
                names[("lease", str(lease_id))] = Text(
                    f"{building} {unit}, {team.en}", f"{team.zh} {building} {unit}"
                )
        spaces = wanted.get("space", set())
        if spaces:
            q5 = select(Space.id, Space.building, Space.unit).where(Space.id.in_(spaces))
            for space_id, building, unit in s.execute(q5):
                names[("space", str(space_id))] = Text.same(f"{building} {unit}")
        notices = wanted.get("notice", set())
        if notices:
            q6 = select(Notice.id, Notice.doc_number).where(Notice.id.in_(notices))
            for notice_id, number in s.execute(q6):
                names[("notice", str(notice_id))] = Text.same(number)
        users = wanted.get("user", set())
        if users:
            for user_id, name in s.execute(select(User.id, User.name).where(User.id.in_(users))):
                names[("user", str(user_id))] = Text.same(name)
    return names


def event_lines(db: Database, rows: Sequence[AuditRow]) -> list[EventLine]:
    """``rows`` (from ``list_events`` or ``team_history``) with their sentences and names."""
    names = event_names(db, rows)
    return [
        EventLine(
            row,
            event_text.describe_both(row, names),
            Text(
                event_text.record_words(row, names, "en"),
                event_text.record_words(row, names, "zh"),
            ),
        )
        for row in rows
    ]
