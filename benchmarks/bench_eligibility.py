"""Eligibility of every team for every benefit (6 benefits), as the product answers it.

Measured in the same run:

* the service path, ``check_team`` per team (queries per team and per benefit) — measured on an
  evenly spread sample of teams and extrapolated to all of them, because it takes minutes;
* ``aitown.services.bulk_eligibility.check_all_teams`` (facts read in chunks, one query per table
  per chunk; ``check_all_benefits`` with §1 once a team), one process — what
  ``aitown-cli eligibility --all`` runs;
* the same loop split over two processes (this machine has two cores), each reading and checking
  its half of the team ids (``iter_team_facts`` with an id range + ``check_all_benefits``).

Before the numbers count, the answers of check_all_teams are compared with the service's on the
sample (benefit, eligible, amount, every rule): a fast path that answered differently would be
worthless.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from aitown.models import BENEFITS, Team
from aitown.policy.eligibility import check_all_benefits
from aitown.policy.results import EligibilityResult
from aitown.schema import open_database
from aitown.services import bulk_eligibility
from aitown.services.actor import DESK, Actor
from aitown.services.eligibility import check_team
from aitown.services.policies import active_policy
from benchmarks.measure import Row
from benchmarks.records import REFERENCE_DAY

TARGET_S = 5.0


def _summary(result: EligibilityResult) -> tuple[Any, ...]:
    amount = result.amount.amount_fen if result.amount is not None else None
    return (
        result.benefit,
        result.eligible,
        amount,
        tuple((r.clause, r.status, r.reason_en, r.reason_zh) for r in result.rules),
    )


def _reader(office_id: int) -> Actor:
    # Any desk user may see the teams; built here, not logged in, so that the cached database
    # gets no log-in events (argon2 would also add 0.1 s to every process).
    return Actor(user_id=None, name="benchmark", role=DESK, office_id=office_id)


def _product(path: str, sample: set[int]) -> tuple[Counter[str], float, float, dict[int, Any]]:
    """check_all_teams over every team: eligible counts, seconds in all, seconds in the engine
    (``check_all_benefits``; the rest is reading the facts), and the answers of ``sample``."""
    db = open_database(path)
    engine_s = 0.0
    original = bulk_eligibility.check_all_benefits

    def timed(*args: Any, **kwargs: Any) -> list[EligibilityResult]:
        nonlocal engine_s
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            engine_s += time.perf_counter() - t

    eligible: Counter[str] = Counter()
    kept: dict[int, Any] = {}
    bulk_eligibility.check_all_benefits = timed  # only to split the time; the call is the same
    try:
        with db.read() as s:
            office_id = s.scalar(select(Team.office_id).limit(1))
        started = time.perf_counter()
        for team_id, _, _, results in bulk_eligibility.check_all_teams(
            db, _reader(office_id or 1), today=REFERENCE_DAY
        ):
            eligible["teams"] += 1
            for r in results:
                eligible[r.benefit] += r.eligible
            if team_id in sample:
                kept[team_id] = [_summary(r) for r in results]
        total_s = time.perf_counter() - started
    finally:
        bulk_eligibility.check_all_benefits = original
        db.dispose()
    return eligible, total_s, engine_s, kept


def _half(path: str, first_id: int, last_id: int) -> Counter[str]:
    """check_all_teams's loop over the teams ``first_id..last_id`` (one process's share)."""
    db = open_database(path)
    eligible: Counter[str] = Counter()
    try:
        with db.read() as s:
            policy = active_policy(s)
        for facts in bulk_eligibility.iter_team_facts(
            db, first_id=first_id, last_id=last_id, person_priors=False
        ):
            results = check_all_benefits(
                policy,
                facts.team,
                facts.members,
                facts.leases,
                facts.priors,
                facts.pools,
                REFERENCE_DAY,
            )
            eligible["teams"] += 1
            for r in results:
                eligible[r.benefit] += r.eligible
    finally:
        db.dispose()
    return eligible


def run(path: Path, teams: int, *, sample: int = 300, processes: int = 2) -> list[Row]:
    db = open_database(path)
    try:
        with db.read() as s:
            low, high = s.execute(select(func.min(Team.id), func.max(Team.id))).one()
        step = max(1, (high - low + 1) // sample)
        ids = list(range(low, high + 1, step))[:sample]
        # The service path on the sample.
        started = time.perf_counter()
        service = {i: [_summary(r) for r in check_team(db, i, today=REFERENCE_DAY)] for i in ids}
        service_s = (time.perf_counter() - started) / len(ids) * teams
    finally:
        db.dispose()

    counts, one_s, engine_s, kept = _product(str(path), set(ids))
    for i in ids:
        if kept.get(i) != service[i]:
            raise AssertionError(
                f"check_all_teams answers differently from check_team for team {i}"
            )

    bounds = [low + (high - low + 1) * k // processes for k in range(processes + 1)]
    started = time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes) as pool:
        parts = pool.starmap(
            _half, [(str(path), bounds[k], bounds[k + 1] - 1) for k in range(processes)]
        )
    multi_s = time.perf_counter() - started
    multi_counts: Counter[str] = sum(parts, Counter())
    if multi_counts != counts:
        raise AssertionError("the processes answered differently from the single process")

    checks = counts["teams"] * len(BENEFITS)
    eligible = ", ".join(f"{b} {counts[b]:,}" for b in BENEFITS)
    load_s = one_s - engine_s
    common = f"{checks:,} checks; eligible: {eligible}"
    return [
        Row(
            key="eligibility.bulk",
            title="Eligibility, all teams × 6 benefits: check_all_teams, 1 process",
            teams=teams,
            value=one_s,
            unit="s",
            baseline=service_s,
            baseline_title=f"service path check_team (extrapolated from {len(ids)} teams)",
            target=f"< {TARGET_S:.0f} s",
            met=one_s < TARGET_S,
            notes=f"{common}; of which engine ≈ {engine_s:.1f} s "
            f"({engine_s / checks * 1e6:.0f} µs a check), fact loading ≈ {load_s:.1f} s; "
            f"answers identical to check_team on {len(ids)} sampled teams",
            details={"engine_s": engine_s, "load_s": load_s, "eligible": dict(counts)},
        ),
        Row(
            key="eligibility.bulk_parallel",
            title=f"Eligibility, all teams × 6 benefits: same loop, {processes} processes",
            teams=teams,
            value=multi_s,
            unit="s",
            baseline=service_s,
            baseline_title="service path (extrapolated)",
            target=f"< {TARGET_S:.0f} s",
            met=multi_s < TARGET_S,
            notes=f"each process reads and checks its half of the team ids; {common}",
        ),
    ]
