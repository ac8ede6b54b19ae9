"""Each list of the desk as a :class:`~aitown.services.list_export.Table`, for the user asking.

One builder per list screen (teams, members, units and leases, applications, budget, notices,
audit log). Each checks the user's right to see the list, selects what the screen selects, and
masks personal data (phones, identity numbers) unless the user may see it. Read only: writing the
file, and its audit event, is :func:`aitown.services.list_export.export_tables`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from aitown import event_text
from aitown.db import Database
from aitown.models import Member, Team
from aitown.policy.facts import BENEFIT_LABELS
from aitown.policy.rules import STATUS_ZH as APPLICATION_STATUS_ZH
from aitown.services import audit_log
from aitown.services.actor import Actor
from aitown.services.application_list import list_applications
from aitown.services.event_lines import event_lines
from aitown.services.leases import list_spaces
from aitown.services.list_export import Column, Table, lang_of
from aitown.services.list_export import ColumnKind as K
from aitown.services.members import mask_id_number, mask_phone
from aitown.services.pools import list_pools
from aitown.services.teams import SORTABLE, TeamQuery, filtered_teams, has_search_index
from aitown.text import Text
from aitown.validation import STATUS_ALIASES

TEAM_STATUS_ZH = {code: label for label, code in STATUS_ALIASES.items()}
NOTICE_KIND_TEXT = {
    "admission": ("admission", "入驻通知"),
    "rejection": ("rejection", "不予批准通知"),
    "revocation": ("revocation", "撤销通知"),
}
AUDIT_LIMIT = 100_000


def benefit_text(kind: str, lang: str) -> str:
    en, zh = BENEFIT_LABELS.get(kind, (kind, kind))
    return zh if lang == "zh" else en


def team_status_text(status: str, lang: str) -> str:
    return TEAM_STATUS_ZH.get(status, status) if lang == "zh" else status


def application_status_text(status: str, lang: str) -> str:
    return APPLICATION_STATUS_ZH.get(status, status) if lang == "zh" else status


def notice_kind_text(kind: str, lang: str) -> str:
    """``admission``, a benefit (its approval notice), ``rejection`` or ``revocation``."""
    if kind in NOTICE_KIND_TEXT:
        en, zh = NOTICE_KIND_TEXT[kind]
        return zh if lang == "zh" else en
    return benefit_text(kind, lang)


def _yes(value: bool, lang: str) -> str:
    if lang == "zh":
        return "是" if value else "否"
    return "yes" if value else "no"


def _selected(parts: list[tuple[str, str, object]], lang: str) -> list[str]:
    """One line naming the filters in force, or nothing when the whole list is exported."""
    chosen = [(en, zh, v) for en, zh, v in parts if v not in (None, "")]
    if not chosen:
        return []
    if lang == "zh":
        return ["筛选：" + "；".join(f"{zh}：{v}" for _en, zh, v in chosen)]
    return ["Selected: " + "; ".join(f"{en}: {v}" for en, _zh, v in chosen)]


TEAM_COLUMNS = (
    Column("name_zh", "Name (Chinese)", "团队名称", width=30),
    Column("name_en", "Name (English)", "英文名称", width=28),
    Column("uscc", "USCC", "统一社会信用代码", width=20),
    Column("legal_rep", "Legal representative", "法定代表人", width=11),
    Column("founded_on", "Founded", "成立日期", K.DATE, 11),
    Column("district", "District", "所在区", width=9),
    Column("headcount", "Headcount", "人数", K.INT, 8, total=True),
    Column("ai_focus", "AI focus", "AI 方向", width=14),
    Column("phone", "Phone", "电话", width=14),
    Column("status", "Status", "状态", width=9),
)


def teams_table(
    db: Database, actor: Actor, query: TeamQuery | None = None, *, lang: str = "en"
) -> Table:
    """The teams as the Teams screen filters and sorts them (every team without a query)."""
    actor.require("team.export")
    lang = lang_of(lang)
    q = query or TeamQuery()
    masked = not actor.can("personal_data.view")
    col = SORTABLE.get(q.sort, Team.id)
    stmt = (
        filtered_teams(q, search_index=has_search_index(db))
        .with_only_columns(*(getattr(Team, c.key) for c in TEAM_COLUMNS))
        .order_by(
            col.desc() if q.descending else col.asc(),
            Team.id.desc() if q.descending else Team.id.asc(),
        )
    )
    rows: list[list[Any]] = []
    with db.read() as s:
        for r in s.execute(stmt):
            row = list(r)
            if masked:
                row[8] = mask_phone(row[8])
            row[9] = team_status_text(row[9], lang)
            rows.append(row)
    notes = _selected(
        [
            ("text", "关键字", q.text.strip()),
            ("status", "状态", team_status_text(q.status, lang) if q.status else None),
            ("district", "所在区", q.district),
            ("AI focus", "AI 方向", q.ai_focus),
        ],
        lang,
    )
    return Table("teams", "Teams", "团队名单", TEAM_COLUMNS, rows, notes, notes, masked)


MEMBER_COLUMNS = (
    Column("team", "Team", "团队", width=26),
    Column("name", "Name", "姓名", width=10),
    Column("role", "Role", "职务", width=12),
    Column("is_founder", "Founder", "创始人", width=7),
    Column("full_time", "Full time", "全职", width=7),
    Column("talent_tier", "Talent tier", "人才层级", width=8),
    Column("joined_on", "Joined", "加入日期", K.DATE, 11),
    Column("left_on", "Left", "离开日期", K.DATE, 11),
    Column("id_number", "Identity number", "身份证号", width=20),
    Column("phone", "Phone", "电话", width=14),
)


def members_table(
    db: Database, actor: Actor, team_id: int | None = None, *, lang: str = "en"
) -> Table:
    """The members of one team (or of every team), identity numbers and phones masked unless the
    user may see personal data."""
    actor.require("team.view")
    lang = lang_of(lang)
    masked = not actor.can("personal_data.view")
    stmt = select(Member, Team.name_zh).join(Team, Team.id == Member.team_id)
    if team_id is not None:
        stmt = stmt.where(Member.team_id == team_id)
    rows: list[list[Any]] = []
    team_name = ""
    with db.read() as s:
        for m, name in s.execute(stmt.order_by(Team.name_zh, Member.id)):
            team_name = name
            rows.append(
                [
                    name,
                    m.name,
                    m.role,
                    _yes(m.is_founder, lang),
                    _yes(m.full_time, lang),
                    m.talent_tier or "",
                    m.joined_on,
                    m.left_on,
                    mask_id_number(m.id_number) if masked else (m.id_number or ""),
                    mask_phone(m.phone) if masked else m.phone,
                ]
            )
    notes = _selected([("team", "团队", team_name if team_id is not None else None)], lang)
    return Table("members", "Members", "团队成员", MEMBER_COLUMNS, rows, notes, notes, masked)


SPACE_COLUMNS = (
    Column("building", "Building", "楼宇", width=20),
    Column("unit", "Unit", "单元", width=7),
    Column("area_hundredths", "Area (m²)", "面积（㎡）", K.AREA, 10, total=True),
    Column("monthly_rent", "Unit rent / month (yuan)", "单元月租金（元）", K.MONEY, 14, total=True),
    Column("team_name", "Tenant", "租户", width=28),
    Column("lease_start", "Lease from", "租期起", K.DATE, 11),
    Column("lease_end", "Lease to", "租期止", K.DATE, 11),
)


def spaces_table(db: Database, actor: Actor, *, lang: str = "en") -> Table:
    """Every unit with today's tenant and lease (what the Units and leases screen shows)."""
    actor.require("team.view")
    rows = [[getattr(r, c.key) for c in SPACE_COLUMNS] for r in list_spaces(db)]
    return Table("spaces", "Units and leases", "楼宇单元与租约", SPACE_COLUMNS, rows)


APPLICATION_COLUMNS = (
    Column("id", "No.", "编号", K.INT, 6),
    Column("applied_on", "Applied on", "申请日期", K.DATE, 11),
    Column("team_name", "Team", "团队", width=28),
    Column("team_uscc", "USCC", "统一社会信用代码", width=20),
    Column("benefit", "Benefit", "扶持项目", width=14),
    Column("status", "Status", "状态", width=9),
    Column("amount_fen", "Amount (yuan)", "金额（元）", K.MONEY, 14, total=True),
    Column("contract_amount_fen", "Contract (yuan)", "合同金额（元）", K.MONEY, 14, total=True),
    Column("decided_at", "Decided", "决定时间", K.DATETIME, 15),
)


def applications_table(
    db: Database,
    actor: Actor,
    *,
    status: str | None = None,
    benefit: str | None = None,
    team_id: int | None = None,
    text: str = "",
    lang: str = "en",
) -> Table:
    """The applications as the Applications screen filters them, newest first."""
    actor.require("team.view")
    lang = lang_of(lang)
    found = list_applications(db, status=status, benefit=benefit, team_id=team_id, limit=10_000_000)
    typed = text.strip().lower()
    if typed:
        found = [
            r
            for r in found
            if typed in r.team_name.lower() or r.team_uscc.lower().startswith(typed)
        ]
    rows = []
    for r in found:
        row = [getattr(r, c.key) for c in APPLICATION_COLUMNS]
        row[4] = benefit_text(r.benefit, lang)
        row[5] = application_status_text(r.status, lang)
        rows.append(row)
    notes = _selected(
        [
            ("status", "状态", application_status_text(status, lang) if status else None),
            ("benefit", "扶持项目", benefit_text(benefit, lang) if benefit else None),
            ("text", "关键字", typed),
        ],
        lang,
    )
    return Table("applications", "Applications", "申请", APPLICATION_COLUMNS, rows, notes, notes)


POOL_COLUMNS = (
    Column("kind", "Pool", "资金池", width=16),
    Column("total", "Total (yuan)", "总额（元）", K.MONEY, 16, total=True),
    Column("committed", "Committed (yuan)", "已承诺（元）", K.MONEY, 16, total=True),
    Column("disbursed", "Disbursed (yuan)", "已拨付（元）", K.MONEY, 16, total=True),
    Column("released", "Released (yuan)", "已释放（元）", K.MONEY, 16, total=True),
    Column("left", "Left (yuan)", "余额（元）", K.MONEY, 16, total=True),
)


def budget_table(db: Database, actor: Actor, *, lang: str = "en") -> Table:
    """Every budget pool: total, committed, disbursed, released and left."""
    actor.require("team.view")
    lang = lang_of(lang)
    rows = []
    for p in list_pools(db):
        pool: dict[str, Any] = dict(p)
        row: list[Any] = [pool[c.key] for c in POOL_COLUMNS]
        row[0] = benefit_text(str(p["kind"]), lang)
        rows.append(row)
    return Table("budget", "Budget pools", "预算资金池", POOL_COLUMNS, rows)


NOTICE_COLUMNS = (
    Column("document_number", "Document number", "文号", width=22),
    Column("kind", "Kind", "类型", width=12),
    Column("team_name", "Team", "团队", width=28),
    Column("title", "Title", "标题", width=26),
    Column("issue_date", "Issued on", "出具日期", K.DATE, 11),
    Column("amount_fen", "Amount (yuan)", "金额（元）", K.MONEY, 14, total=True),
    Column("issued_by", "Issued by", "出具人", width=10),
    Column("verification_code", "Verification code", "验证码", width=18),
)


def notices_table(
    db: Database, actor: Actor, *, kind: str | None = None, text: str = "", lang: str = "en"
) -> Table:
    """The issued notices, newest first (of one kind when ``kind`` is given; ``text`` in the
    document number, team name or credit code, as the Notices screen searches)."""
    actor.require("notice.view")
    lang = lang_of(lang)
    typed = text.strip().lower()
    # Imported here: the notice and application services bring ReportLab, pypdf and the rule
    # engine, which the Teams screen the application starts on (it imports this module for its
    # export) does not need.
    from aitown.services.notices import list_notices

    rows = []
    for n in list_notices(db, kind=kind):
        if typed and not any(
            typed in str(v or "").lower() for v in (n.document_number, n.team_name, n.team_uscc)
        ):
            continue
        issued = n.issue_date
        rows.append(
            [
                n.document_number,
                notice_kind_text(n.kind, lang),
                n.team_name,
                n.title_zh if lang == "zh" else (n.title_en or n.title_zh),
                dt.date.fromisoformat(issued) if isinstance(issued, str) else issued,
                n.amount_fen,
                n.issued_by,
                n.verification_code,
            ]
        )
    kind_text = notice_kind_text(kind, lang) if kind else None
    notes = _selected([("kind", "类型", kind_text), ("text", "关键字", typed)], lang)
    return Table("notices", "Notices", "通知书", NOTICE_COLUMNS, rows, notes, notes)


AUDIT_COLUMNS = (
    Column("id", "No.", "序号", K.INT, 7),
    Column("at", "Time (UTC)", "时间（UTC）", K.DATETIME, 16),
    Column("user_name", "User", "用户", width=10),
    Column("action", "Action", "操作", width=18),
    Column("entity", "Record", "对象", width=12),
    Column("entity_id", "Record id", "对象编号", width=10),
    Column("what", "What happened", "经过", width=60),
)


def audit_table(
    db: Database,
    actor: Actor,
    *,
    user: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = AUDIT_LIMIT,
    lang: str = "en",
) -> Table:
    """The audit events as the Audit log screen filters them, newest first (reviewers and
    administrators)."""
    lang = lang_of(lang)
    events = audit_log.list_events(
        db,
        actor,
        limit=limit,
        user=user,
        action=action,
        entity=entity,
        since=since,
        until=until,
    )
    # The sentence of each event, as the Audit log screen shows it (aitown.event_text).
    rows = [
        [
            e.id,
            e.at,
            e.user_name,
            event_text.action_words(e.action, lang),
            event_text.ENTITIES.get(e.entity, Text.same(e.entity)).get(lang),
            e.entity_id,
            line.what.get(lang),
        ]
        for e, line in zip(events, event_lines(db, events), strict=True)
    ]
    notes = _selected(
        [
            ("user", "用户", user),
            ("action", "操作", action),
            ("record", "对象", entity),
            ("from", "起", since.date().isoformat() if since else None),
            ("before", "止", until.date().isoformat() if until else None),
        ],
        lang,
    )
    return Table(
        "audit_log", "Audit log", "审计日志", AUDIT_COLUMNS, rows, notes, notes, totals=False
    )
