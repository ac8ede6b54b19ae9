"""Budget pools: what each holds, and an administrator changing a pool's total."""

from __future__ import annotations

from typing import TypedDict

from sqlalchemy import select

from aitown.db import Database
from aitown.errors import BudgetExceeded, NotFound
from aitown.models import BENEFITS, BudgetPool
from aitown.money import format_yuan, parse_yuan
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.offices import check_pool_total


class PoolRow(TypedDict):
    """One budget pool as the screens and the command line show it (money in fen)."""

    kind: str
    total: int
    committed: int
    disbursed: int
    released: int
    left: int


def list_pools(db: Database) -> list[PoolRow]:
    """Every pool with total, committed, disbursed, released and left (fen), in benefit order."""
    with db.read() as s:
        pools = {p.kind: p for p in s.scalars(select(BudgetPool))}
    order = [k for k in BENEFITS if k in pools] + sorted(set(pools) - set(BENEFITS))
    return [
        PoolRow(
            kind=k,
            total=pools[k].total,
            committed=pools[k].committed,
            disbursed=pools[k].disbursed,
            released=pools[k].released,
            left=pools[k].left,
        )
        for k in order
    ]


def set_pool_total(db: Database, actor: Actor, kind: str, total_yuan: str) -> None:
    """Change a pool's total (administrators); never below what it has committed and paid."""
    actor.require("pool.edit")
    total = parse_yuan(total_yuan, what="pool total")
    with db.write() as s:
        pool = s.scalar(
            select(BudgetPool).where(
                BudgetPool.office_id == actor.office_id, BudgetPool.kind == kind
            )
        )
        if pool is None:
            raise NotFound(f"There is no pool “{kind}”.", f"没有“{kind}”资金池。")
        if total < pool.committed + pool.disbursed:
            raise BudgetExceeded(
                f"The pool has already committed and paid {format_yuan(pool.committed + pool.disbursed)} yuan; "
                "its total cannot be less.",
                f"该资金池已承诺和拨付 {format_yuan(pool.committed + pool.disbursed)} 元，总额不能低于此数。",
                field="total",
            )
        check_pool_total(s, kind, total)  # a district's pools are the city's shares
        before = {"total": pool.total}
        pool.total = total
        record_event(s, actor, "pool.total", "pool", kind, before=before, after={"total": total})
