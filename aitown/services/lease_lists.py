"""The leases-ending list as a :class:`~aitown.services.list_export.Table` (export and print)."""

from __future__ import annotations

import datetime as dt

from aitown.db import Database
from aitown.services.actor import Actor
from aitown.services.lease_lifecycle import leases_ending
from aitown.services.list_export import Column, Table
from aitown.services.list_export import ColumnKind as K

ENDING_COLUMNS = (
    Column("lease_id", "Lease no.", "租约编号", K.INT, 7),
    Column("team_name", "Tenant", "租户", width=28),
    Column("team_uscc", "USCC", "统一社会信用代码", width=20),
    Column("building", "Building", "楼宇", width=18),
    Column("unit", "Unit", "单元", width=7),
    Column("start_on", "Lease from", "租期起", K.DATE, 11),
    Column("last_day", "Last day", "租期止", K.DATE, 11),
    Column("days_left", "Days left", "剩余天数", K.INT, 8),
    Column("monthly_rent", "Rent / month (yuan)", "月租金（元）", K.MONEY, 14, total=True),
)


def leases_ending_table(
    db: Database,
    actor: Actor,
    *,
    within_days: int,
    lang: str = "en",
    today: dt.date | None = None,
) -> Table:
    """The leases ending within ``within_days`` (what the Leases ending tab shows)."""
    actor.require("team.view")
    day = today or dt.date.today()
    rows = [
        [getattr(r, c.key) for c in ENDING_COLUMNS]
        for r in leases_ending(db, within_days, today=day)
    ]
    return Table(
        "leases_ending",
        "Leases ending",
        "即将到期的租约",
        ENDING_COLUMNS,
        rows,
        [
            f"Last day from {day.isoformat()} to {(day + dt.timedelta(days=within_days)).isoformat()} (within {within_days} days); renewed leases are left out"
        ],
        [
            f"租期止于 {day.isoformat()} 至 {(day + dt.timedelta(days=within_days)).isoformat()}（{within_days} 天内）；已续租的租约不列入"
        ],
    )
