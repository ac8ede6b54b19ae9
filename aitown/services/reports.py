"""The reports an office sends upward: summary per benefit, tenants and occupancy, incubator figures.

Each report is a list of :class:`~aitown.services.list_export.Table` s (with their charts) for a
period ``date_from`` … ``date_to`` (both days included), written by
:func:`aitown.services.list_export.export_tables` as .xlsx or .pdf. The figures are plain sums
over the database; docs/reports.md says how each is counted and which fields of the official
yearly incubator form the desk cannot fill.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select

from aitown.db import Database
from aitown.enums import ApplicationStatus, Benefit, TeamStatus
from aitown.errors import ValidationError
from aitown.models import BENEFITS, Application, BudgetPool, Lease, Member, Space, Team
from aitown.notices.numerals import to_chinese_capital
from aitown.services.actor import Actor
from aitown.services.list_export import Chart, Column, Table, lang_of
from aitown.services.list_export import ColumnKind as K
from aitown.services.list_tables import benefit_text
from aitown.services.rent_waivers import HOLDING, rent_waiver_schedules
from aitown.services.unit_board import holds_on


class ReportKind(StrEnum):
    SUMMARY = "summary"
    TENANTS = "tenants"
    INCUBATOR = "incubator"


# Applications that have been decided in favour and still stand (paid or not).
APPROVED = (ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED)


def check_period(date_from: dt.date, date_to: dt.date) -> None:
    if date_to < date_from:
        raise ValidationError(
            f"The period ends ({date_to}) before it begins ({date_from}): give --from before --to.",
            f"报表期间的结束日期（{date_to}）早于开始日期（{date_from}）：请让起始日期在前。",
        )


def _day_end(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def _period_notes(date_from: dt.date, date_to: dt.date, lang: str) -> list[str]:
    if lang == "zh":
        return [f"报表期间：{date_from.isoformat()} 至 {date_to.isoformat()}"]
    return [f"Period: {date_from.isoformat()} to {date_to.isoformat()}"]


def _months(date_from: dt.date, date_to: dt.date) -> list[str]:
    out, y, m = [], date_from.year, date_from.month
    while (y, m) <= (date_to.year, date_to.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# ----- summary (汇总表) -------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryLine:
    """One benefit's figures in the period (money in fen)."""

    benefit: str
    received: int
    approved: int
    rejected: int
    committed: int
    disbursed: int
    pool_left: int | None


def summary_lines(db: Database, date_from: dt.date, date_to: dt.date) -> list[SummaryLine]:
    """Per benefit, of the applications dated in the period: received (every one not a draft),
    approved (approved or paid), rejected, what the approved unpaid ones commit, what was paid;
    and what each pool has left now."""
    check_period(date_from, date_to)
    in_period = Application.applied_on.between(date_from, date_to)
    with db.read() as s:
        counts: dict[tuple[str, str], tuple[int, int]] = {
            (b, st): (n, total or 0)
            for b, st, n, total in s.execute(
                select(
                    Application.benefit,
                    Application.status,
                    func.count(),
                    func.sum(Application.amount),
                )
                .where(in_period)
                .group_by(Application.benefit, Application.status)
            )
        }
        left = {p.kind: p.left for p in s.scalars(select(BudgetPool))}

    def n(benefit: str, *statuses: str) -> int:
        return sum(counts.get((benefit, st), (0, 0))[0] for st in statuses)

    def fen(benefit: str, status: str) -> int:
        return int(counts.get((benefit, status), (0, 0))[1])

    return [
        SummaryLine(
            benefit=b,
            received=n(
                b,
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.RETURNED,  # received, then sent back for correction
                ApplicationStatus.APPROVED,
                ApplicationStatus.REJECTED,
                ApplicationStatus.DISBURSED,
                ApplicationStatus.REVOKED,
            ),
            approved=n(b, *APPROVED),
            rejected=n(b, ApplicationStatus.REJECTED),
            committed=fen(b, ApplicationStatus.APPROVED),
            disbursed=fen(b, ApplicationStatus.DISBURSED),
            pool_left=left.get(b),
        )
        for b in BENEFITS
    ]


SUMMARY_COLUMNS = (
    Column("benefit", "Benefit", "扶持项目", width=16),
    Column("received", "Received", "受理", K.INT, 8, total=True),
    Column("approved", "Approved", "批准", K.INT, 8, total=True),
    Column("rejected", "Rejected", "驳回", K.INT, 8, total=True),
    Column("committed", "Committed (yuan)", "已承诺（元）", K.MONEY, 15, total=True),
    Column("disbursed", "Disbursed (yuan)", "已拨付（元）", K.MONEY, 15, total=True),
    Column("pool_left", "Pool left (yuan)", "资金池余额（元）", K.MONEY, 16, total=True),
)
CAPITAL_COLUMNS = (
    Column("benefit", "Benefit", "扶持项目", width=14),
    Column("committed", "Committed in capitals", "已承诺（大写）", width=30),
    Column("disbursed", "Disbursed in capitals", "已拨付（大写）", width=30),
    Column("pool_left", "Pool left in capitals", "资金池余额（大写）", width=30),
)
MONTH_COLUMNS = (
    Column("month", "Month", "月份", width=10),
    Column("received", "Applications received", "受理申请数", K.INT, 12, total=True),
    Column("approved_fen", "Approved (yuan)", "批准金额（元）", K.MONEY, 16, total=True),
    Column("disbursed_fen", "Disbursed (yuan)", "拨付金额（元）", K.MONEY, 16, total=True),
)


def monthly_figures(db: Database, date_from: dt.date, date_to: dt.date) -> list[list[Any]]:
    """Per month of the period: applications received (by date applied, not drafts), amount of
    the standing approvals decided that month, amount paid that month."""
    check_period(date_from, date_to)
    months: dict[str, list[Any]] = {m: [m, 0, 0, 0] for m in _months(date_from, date_to)}
    start, end = dt.datetime.combine(date_from, dt.time()), _day_end(date_to)
    with db.read() as s:
        for applied, status, amount, decided, paid in s.execute(
            select(
                Application.applied_on,
                Application.status,
                Application.amount,
                Application.decided_at,
                Application.disbursed_at,
            ).where(
                (Application.applied_on.between(date_from, date_to))
                | (Application.decided_at.between(start, end))
                | (Application.disbursed_at.between(start, end))
            )
        ):
            if date_from <= applied <= date_to and status != ApplicationStatus.DRAFT:
                months[f"{applied:%Y-%m}"][1] += 1
            if decided is not None and start <= decided < end and status in APPROVED:
                months[f"{decided:%Y-%m}"][2] += amount or 0
            if paid is not None and start <= paid < end and status == ApplicationStatus.DISBURSED:
                months[f"{paid:%Y-%m}"][3] += amount or 0
    return list(months.values())


def summary_report(
    db: Database, actor: Actor, date_from: dt.date, date_to: dt.date, *, lang: str = "en"
) -> list[Table]:
    """The summary (汇总表): per benefit, in figures and in capitals, and month by month."""
    actor.require("team.view")
    lang = lang_of(lang)
    lines = summary_lines(db, date_from, date_to)
    notes = _period_notes(date_from, date_to, lang)
    pool_note = (
        "资金池余额为制表当日数。"
        if lang == "zh"
        else "Pool left: as on the day the report is made."
    )
    rows = [
        [
            benefit_text(x.benefit, lang),
            x.received,
            x.approved,
            x.rejected,
            x.committed,
            x.disbursed,
            x.pool_left,
        ]
        for x in lines
    ]
    figures = Table(
        "report_summary",
        "Summary of applications and funds",
        "扶持申请与资金汇总表",
        SUMMARY_COLUMNS,
        rows,
        notes + [pool_note],
        notes + [pool_note],
    )
    totals = figures.total_row() or []
    capitals = [
        [
            benefit_text(x.benefit, lang),
            to_chinese_capital(x.committed),
            to_chinese_capital(x.disbursed),
            to_chinese_capital(x.pool_left) if x.pool_left is not None else "",
        ]
        for x in lines
    ]
    capitals.append(
        [
            "合计" if lang == "zh" else "Total",
            *(to_chinese_capital(int(v or 0)) for v in totals[4:7]),
        ]
    )
    in_capitals = Table(
        "report_summary",
        "Amounts in capitals",
        "金额大写",
        CAPITAL_COLUMNS,
        capitals,
        totals=False,
    )
    months = monthly_figures(db, date_from, date_to)
    by_month = Table(
        "report_summary",
        "Month by month",
        "按月统计",
        MONTH_COLUMNS,
        months,
        charts=(
            Chart(
                "Applications received per month",
                "每月受理申请数",
                tuple(m[0] for m in months),
                (("applications", "申请数", tuple(float(m[1]) for m in months)),),
            ),
            Chart(
                "Pool use per month (yuan)",
                "每月资金使用（元）",
                tuple(m[0] for m in months),
                (
                    ("approved (yuan)", "批准金额（元）", tuple(m[2] / 100 for m in months)),
                    ("disbursed (yuan)", "拨付金额（元）", tuple(m[3] / 100 for m in months)),
                ),
                kind="line",
            ),
        ),
    )
    return [figures, in_capitals, by_month]


# ----- tenants and occupancy --------------------------------------------------------------------


@dataclass(frozen=True)
class BuildingLine:
    """One building on a day: units and areas (hundredths of m²), tenants, rent (fen)."""

    building: str
    units: int
    area: int
    units_leased: int
    area_leased: int
    tenants: int
    monthly_rent: int
    rent_waived: int
    units_held: int = 0  # reserved or under repair that day (not leased, not free to let)
    area_held: int = 0

    @property
    def area_vacant(self) -> int:
        return self.area - self.area_leased - self.area_held

    @property
    def vacancy(self) -> float:
        """The share of the area free to let: a reserved unit or one under repair is not vacant
        (the unit board says the same)."""
        return self.area_vacant / self.area if self.area else 0.0


def _current(lease: Lease, day: dt.date) -> bool:
    return lease.start_on <= day <= lease.last_day


def waived_in_period(db: Database, date_from: dt.date, date_to: dt.date) -> dict[int, int]:
    """Rent waived (fen) per lease in the period: the waiver months that begin in it."""
    check_period(date_from, date_to)
    with db.read() as s:
        teams = list(
            s.scalars(
                select(Application.team_id)
                .where(Application.benefit == Benefit.RENT_WAIVER, Application.status.in_(HOLDING))
                .distinct()
            )
        )
    out: dict[int, int] = defaultdict(int)
    for team_id in teams:
        for lease_id, schedule in rent_waiver_schedules(db, team_id).items():
            out[int(lease_id)] += sum(
                r.waived_fen for r in schedule.rows if date_from <= r.period_start <= date_to
            )
    return dict(out)


def building_lines(
    db: Database, date_from: dt.date, date_to: dt.date
) -> tuple[list[BuildingLine], list[list[Any]]]:
    """Per building, as on ``date_to``; and the tenant list (one row per unit leased that day)."""
    waived = waived_in_period(db, date_from, date_to)
    day = date_to
    with db.read() as s:
        spaces = list(s.scalars(select(Space).order_by(Space.building, Space.unit)))
        leases = [
            (lease, name)
            for lease, name in s.execute(
                select(Lease, Team.name_zh)
                .join(Team, Team.id == Lease.team_id)
                .where(Lease.start_on <= day, Lease.end_on >= day)
            )
            if _current(lease, day)
        ]
        by_space = {lease.space_id: (lease, name) for lease, name in leases}
        waived_by_space: dict[int, int] = defaultdict(int)
        for lease_id, space_id in s.execute(
            select(Lease.id, Lease.space_id).where(Lease.id.in_(list(waived)))
        ):
            waived_by_space[space_id] += waived[lease_id]
        # Reserved or under repair that day, as on the unit board (a lease outranks a hold).
        held = set(holds_on(s, day)) - set(by_space)
    grouped: dict[str, list[Space]] = defaultdict(list)
    for sp in spaces:
        grouped[sp.building].append(sp)
    lines, tenants = [], []
    for building, units in grouped.items():
        leased = [sp for sp in units if sp.id in by_space]
        lines.append(
            BuildingLine(
                building=building,
                units=len(units),
                area=sum(sp.area_hundredths for sp in units),
                units_leased=len(leased),
                area_leased=sum(sp.area_hundredths for sp in leased),
                tenants=len({by_space[sp.id][0].team_id for sp in leased}),
                monthly_rent=sum(by_space[sp.id][0].monthly_rent for sp in leased),
                rent_waived=sum(waived_by_space.get(sp.id, 0) for sp in units),
                units_held=sum(1 for sp in units if sp.id in held),
                area_held=sum(sp.area_hundredths for sp in units if sp.id in held),
            )
        )
        for sp in leased:
            lease, name = by_space[sp.id]
            tenants.append(
                [
                    building,
                    sp.unit,
                    name,
                    sp.area_hundredths,
                    lease.start_on,
                    lease.last_day,
                    lease.monthly_rent,
                    waived_by_space.get(sp.id, 0),
                ]
            )
    return lines, tenants


BUILDING_COLUMNS = (
    Column("building", "Building", "楼宇", width=20),
    Column("units", "Units", "单元数", K.INT, 7, total=True),
    Column("area", "Area (m²)", "总面积（㎡）", K.AREA, 11, total=True),
    Column("units_leased", "Units leased", "已租单元", K.INT, 8, total=True),
    Column("area_leased", "Area leased (m²)", "已租面积（㎡）", K.AREA, 12, total=True),
    Column("area_held", "Reserved / repair (m²)", "预留或维修（㎡）", K.AREA, 12, total=True),
    Column("vacancy", "Vacancy (area)", "空置率（面积）", K.PERCENT, 10),
    Column("tenants", "Tenants", "租户数", K.INT, 7, total=True),
    Column("monthly_rent", "Rent / month (yuan)", "月租金（元）", K.MONEY, 13, total=True),
    Column("rent_waived", "Rent waived (yuan)", "减免租金（元）", K.MONEY, 13, total=True),
)
TENANT_COLUMNS = (
    Column("building", "Building", "楼宇", width=18),
    Column("unit", "Unit", "单元", width=7),
    Column("team", "Tenant", "租户", width=28),
    Column("area", "Area (m²)", "面积（㎡）", K.AREA, 10, total=True),
    Column("start", "Lease from", "租期起", K.DATE, 11),
    Column("end", "Lease to", "租期止", K.DATE, 11),
    Column("rent", "Rent / month (yuan)", "月租金（元）", K.MONEY, 13, total=True),
    Column("waived", "Rent waived (yuan)", "减免租金（元）", K.MONEY, 13, total=True),
)


def tenants_report(
    db: Database, actor: Actor, date_from: dt.date, date_to: dt.date, *, lang: str = "en"
) -> list[Table]:
    """Tenants and occupancy per building as on the last day, with the rent waived in the period."""
    actor.require("team.view")
    lang = lang_of(lang)
    lines, tenants = building_lines(db, date_from, date_to)
    notes = _period_notes(date_from, date_to, lang) + [
        f"租户与面积为 {date_to.isoformat()} 当日数；空置率不含预留或维修中的单元；"
        "减免租金为期间内开始的减免月份之和。"
        if lang == "zh"
        else f"Tenants and areas as on {date_to.isoformat()}; vacancy leaves out units reserved "
        "or under repair; rent waived: the waiver months that begin in the period."
    ]
    rows = [
        [
            x.building,
            x.units,
            x.area,
            x.units_leased,
            x.area_leased,
            x.area_held,
            x.vacancy,
            x.tenants,
            x.monthly_rent,
            x.rent_waived,
        ]
        for x in lines
    ]
    per_building = Table(
        "report_tenants",
        "Tenants and occupancy per building",
        "各楼宇租户与出租情况",
        BUILDING_COLUMNS,
        rows,
        notes,
        notes,
        charts=(
            Chart(
                "Occupancy per building (m²)",
                "各楼宇出租面积（㎡）",
                tuple(x.building for x in lines),
                (
                    ("leased", "已租", tuple(x.area_leased / 100 for x in lines)),
                    ("reserved / repair", "预留或维修", tuple(x.area_held / 100 for x in lines)),
                    ("vacant", "空置", tuple(x.area_vacant / 100 for x in lines)),
                ),
            ),
        ),
    )
    tenant_list = Table("report_tenants", "Tenants", "租户清单", TENANT_COLUMNS, tenants)
    return [per_building, tenant_list]


# ----- incubator statistics ---------------------------------------------------------------------


@dataclass(frozen=True)
class IncubatorFigures:
    """What the desk's records say of the incubator in a period (counts; areas in hundredths of
    m²; money in fen)."""

    in_incubation: int
    admitted: int
    graduated: int
    graduated_to_date: int
    left: int
    headcount: int
    members: int
    full_time: int
    talents: int
    area_in_use: int
    funded_teams: int
    funding: dict[str, int]

    @property
    def funding_total(self) -> int:
        return sum(self.funding.values())


def incubator_figures(db: Database, date_from: dt.date, date_to: dt.date) -> IncubatorFigures:
    """Teams in incubation on the last day (admitted by then, not left by then, not applicants),
    those admitted, graduated or gone in the period, their headcount and recorded members, the
    area they lease that day, and the money paid to teams in the period by benefit."""
    check_period(date_from, date_to)
    day = date_to
    start, end = dt.datetime.combine(date_from, dt.time()), _day_end(date_to)
    with db.read() as s:
        teams = s.execute(
            select(Team.id, Team.status, Team.admitted_on, Team.left_on, Team.headcount)
        ).all()
        incubated = {
            t.id
            for t in teams
            if t.status != TeamStatus.APPLICANT
            and t.admitted_on is not None
            and t.admitted_on <= day
            and (t.left_on is None or t.left_on > day)
        }
        members = [
            m
            for m in s.execute(
                select(Member.team_id, Member.full_time, Member.talent_tier, Member.left_on).where(
                    Member.joined_on <= day
                )
            )
            if m.team_id in incubated and (m.left_on is None or m.left_on > day)
        ]
        area = sum(
            a
            for lease, a in s.execute(
                select(Lease, Space.area_hundredths)
                .join(Space, Space.id == Lease.space_id)
                .where(Lease.start_on <= day, Lease.end_on >= day)
            )
            if lease.team_id in incubated and _current(lease, day)
        )
        paid = s.execute(
            select(Application.benefit, Application.team_id, Application.amount).where(
                Application.status == ApplicationStatus.DISBURSED,
                Application.disbursed_at.between(start, end),
            )
        ).all()
    funding: dict[str, int] = {str(b): 0 for b in BENEFITS}
    for benefit, _team, amount in paid:
        funding[benefit] = funding.get(benefit, 0) + (amount or 0)

    def left_between(*statuses: str) -> int:
        return sum(
            1
            for t in teams
            if t.status in statuses and t.left_on is not None and date_from <= t.left_on <= day
        )

    return IncubatorFigures(
        in_incubation=len(incubated),
        admitted=sum(
            1
            for t in teams
            if t.status != TeamStatus.APPLICANT
            and t.admitted_on is not None
            and date_from <= t.admitted_on <= day
        ),
        graduated=left_between(TeamStatus.GRADUATED),
        graduated_to_date=sum(
            1 for t in teams if t.status == TeamStatus.GRADUATED and t.left_on and t.left_on <= day
        ),
        left=left_between(TeamStatus.WITHDRAWN, TeamStatus.EXPELLED),
        headcount=sum(t.headcount for t in teams if t.id in incubated),
        members=len(members),
        full_time=sum(1 for m in members if m.full_time),
        talents=sum(1 for m in members if m.talent_tier),
        area_in_use=area,
        funded_teams=len({team for _b, team, _a in paid}),
        funding=funding,
    )


INCUBATOR_COLUMNS = (
    Column("indicator", "Indicator", "指标", width=44),
    Column("value", "Value", "数值", K.INT, 12),
    Column("amount", "Amount (yuan / m²)", "金额（元）/面积（㎡）", K.MONEY, 18),
    Column("source", "How it is counted", "统计口径", width=46),
)


def incubator_report(
    db: Database, actor: Actor, date_from: dt.date, date_to: dt.date, *, lang: str = "en"
) -> list[Table]:
    """The incubator statistics (孵化器统计) as far as the desk's records hold them."""
    actor.require("team.view")
    lang = lang_of(lang)
    f = incubator_figures(db, date_from, date_to)
    zh = lang == "zh"
    end = date_to.isoformat()

    def line(
        en: str, cn: str, value: int | None, amount: int | None, how_en: str, how_zh: str
    ) -> list[object]:
        return [cn if zh else en, value, amount, how_zh if zh else how_en]

    rows = [
        line("Teams in incubation", "在孵企业数", f.in_incubation, None,
             f"admitted by {end}, not left by then", f"{end} 前已入驻且未离开"),
        line("Newly admitted in the period", "本期新入驻企业", f.admitted, None,
             "admission date in the period", "入驻日期在期间内"),
        line("Graduated in the period", "本期毕业企业", f.graduated, None,
             "status graduated, leaving date in the period", "状态为已毕业且离开日期在期间内"),
        line("Graduated, to date", "累计毕业企业", f.graduated_to_date, None,
             f"status graduated, left by {end}", f"状态为已毕业且 {end} 前离开"),
        line("Withdrawn or expelled in the period", "本期退出或清退企业", f.left, None,
             "leaving date in the period", "离开日期在期间内"),
        line("Headcount of teams in incubation", "在孵企业从业人员", f.headcount, None,
             "the headcount each team declared", "各团队登记的人数之和"),
        line("Members recorded", "登记成员数", f.members, None,
             f"members on {end}", f"{end} 在册成员"),
        line("of whom full time", "其中全职", f.full_time, None, "", ""),
        line("of whom with a talent tier", "其中认定人才", f.talents, None, "tier A, B or C",
             "A、B、C 类人才"),
        line("Area leased by teams in incubation (m²)", "在孵企业使用面积（㎡）", None,
             f.area_in_use, f"units leased on {end}", f"{end} 在租单元面积"),
        line("Teams funded in the period", "本期获得扶持资金企业数", f.funded_teams, None,
             "a payment recorded in the period", "期间内登记拨付"),
        line("Funding paid in the period (yuan)", "本期拨付扶持资金（元）", None, f.funding_total,
             "payments recorded in the period", "期间内登记的拨付金额"),
    ]  # fmt: skip
    for benefit, fen in f.funding.items():
        rows.append(
            line(
                f"  of which {benefit_text(benefit, 'en')}",
                f"  其中{benefit_text(benefit, 'zh')}",
                None,
                fen,
                "",
                "",
            )
        )
    notes = _period_notes(date_from, date_to, lang) + [
        "营业收入、研发投入、知识产权、投融资等项目本系统不记录，见 docs/reports.md。"
        if zh
        else "Revenue, R&D spending, intellectual property, investment and other fields of the "
        "official form are not kept by the desk: see docs/reports.md."
    ]
    return [
        Table(
            "report_incubator",
            "Incubator statistics",
            "孵化器统计表",
            INCUBATOR_COLUMNS,
            rows,
            notes,
            notes,
            totals=False,
            charts=(
                Chart(
                    "Funding paid in the period by benefit (yuan)",
                    "本期各项目拨付资金（元）",
                    tuple(benefit_text(b, lang) for b in f.funding),
                    (("paid (yuan)", "拨付（元）", tuple(v / 100 for v in f.funding.values())),),
                ),
            ),
        )
    ]


BUILDERS = {
    ReportKind.SUMMARY: summary_report,
    ReportKind.TENANTS: tenants_report,
    ReportKind.INCUBATOR: incubator_report,
}


def build_report(
    db: Database,
    actor: Actor,
    kind: ReportKind | str,
    date_from: dt.date,
    date_to: dt.date,
    *,
    lang: str = "en",
) -> list[Table]:
    """The tables of report ``kind`` (summary, tenants, incubator) for the period."""
    try:
        report = ReportKind(kind)
    except ValueError:
        raise ValidationError(
            f"“{kind}” is not a report: use summary, tenants or incubator.",
            f"“{kind}”不是有效的报表：请使用 summary、tenants 或 incubator。",
        ) from None
    check_period(date_from, date_to)
    return BUILDERS[report](db, actor, date_from, date_to, lang=lang)
