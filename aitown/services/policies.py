"""The active policy: which policy file decisions use, and loading a new version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import BudgetExceeded, ConflictError
from aitown.labels import benefit_label
from aitown.models import BudgetPool, PolicyVersion
from aitown.policy.loader import default_policy, load_policy, parse_policy
from aitown.policy.model import Policy
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.offices import check_pool_total, role_of
from aitown.sync.tables import Role

_cache: dict[str, Policy] = {}


def active_policy(s: Session) -> Policy:
    """The policy decisions use now (parsed once per text, by its SHA-256)."""
    row = s.scalar(
        select(PolicyVersion)
        .where(PolicyVersion.active.is_(True))
        .order_by(PolicyVersion.id.desc())
    )
    if row is None:
        return default_policy()
    policy = _cache.get(row.sha256)
    if policy is None:
        policy = parse_policy(row.text, source=f"{row.policy_id} {row.version}")
        _cache[row.sha256] = policy
    return policy


def current_policy(db: Database) -> Policy:
    with db.read() as s:
        return active_policy(s)


def load_policy_version(db: Database, actor: Actor, path: str | Path) -> Policy:
    """Check a policy file as a whole and make it the active one (administrators).

    A bad file is refused with the key and line named, and nothing changes. Pool totals follow the
    new file, but never below what a pool has already committed and paid out.
    """
    actor.require("policy.load")
    policy = load_policy(path)
    with db.write() as s:
        if s.scalar(
            select(PolicyVersion.id).where(
                PolicyVersion.policy_id == policy.id,
                PolicyVersion.version == policy.version,
                PolicyVersion.sha256 != policy.sha256,
            )
        ):
            raise ConflictError(
                f"Version {policy.version} of policy {policy.id} was loaded before with different content; "
                "give the changed file a new version number.",
                f"政策 {policy.id} 的 {policy.version} 版本此前已加载且内容不同，请为修改后的文件设置新的版本号。",
            )
        pools = {
            p.kind: p
            for p in s.scalars(select(BudgetPool).where(BudgetPool.office_id == actor.office_id))
        }
        changes = {}
        # A district's pools are its shares, set by the city: a policy file does not change them.
        district = role_of(s) is Role.DISTRICT
        for budget in policy.pools if not district else ():
            pool = pools.get(budget.kind)
            if pool is None:
                s.add(
                    BudgetPool(office_id=actor.office_id, kind=budget.kind, total=budget.total_fen)
                )
                continue
            if budget.total_fen < pool.committed + pool.disbursed:
                raise BudgetExceeded(
                    f"The new total of the {benefit_label(budget.kind)} pool is less than what it has "
                    "already committed and paid; the policy was not loaded.",
                    f"新政策中{benefit_label(budget.kind, 'zh')}资金池总额低于已承诺和已拨付金额，政策未加载。",
                )
            if pool.total != budget.total_fen:
                check_pool_total(s, budget.kind, budget.total_fen)
                changes[budget.kind] = (pool.total, budget.total_fen)
                pool.total = budget.total_fen
        s.execute(update(PolicyVersion).values(active=False))
        existing = s.scalar(
            select(PolicyVersion).where(
                PolicyVersion.policy_id == policy.id, PolicyVersion.version == policy.version
            )
        )
        if existing is not None:
            existing.active = True
        else:
            s.add(
                PolicyVersion(
                    policy_id=policy.id,
                    version=policy.version,
                    sha256=policy.sha256,
                    text=policy.text,
                    active=True,
                    loaded_by=actor.user_id,
                )
            )
        record_event(
            s,
            actor,
            "policy.load",
            "policy",
            f"{policy.id} {policy.version}",
            after={
                "sha256": policy.sha256,
                "source": str(path),
                "pool_totals": {k: {"from": a, "to": b} for k, (a, b) in changes.items()},
            },
        )
    return policy


@dataclass(frozen=True)
class PolicyVersionRow:
    """A policy file loaded into the database (``loaded_at`` in UTC)."""

    policy_id: str
    version: str
    active: bool
    loaded_at: dt.datetime
    sha256: str


def list_policy_versions(db: Database) -> list[PolicyVersionRow]:
    """Every policy version loaded so far, oldest first; one of them is active."""
    with db.read() as s:
        return [
            PolicyVersionRow(p.policy_id, p.version, p.active, p.loaded_at, p.sha256)
            for p in s.scalars(select(PolicyVersion).order_by(PolicyVersion.id))
        ]
