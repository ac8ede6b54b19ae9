"""Eligibility of every team for every benefit (6 benefits), through the policy engine.

Three ways, measured in the same run:

* the service path, ``check_team`` per team (queries per team and per benefit) — measured on an
  evenly spread sample of teams and extrapolated to all of them, because it takes half an hour;
* facts loaded in bulk (benchmarks/bulk_facts.py) and ``check_all_benefits`` per team, one process;
* the same split over two processes (this machine has two cores), each loading its half;
* the prototype of a proposed engine change (benchmarks/engine_prototype.py: §1 once a team).

Before timing, the bulk answers are compared with the service's on the sample (benefit, eligible,
amount, every rule's status): a fast path that answered differently would be worthless.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from pathlib import Path
from typing import Any

from aitown.models import BENEFITS, Team
from aitown.policy.eligibility import check_all_benefits
from aitown.policy.results import EligibilityResult
from aitown.schema import open_database
from aitown.services.eligibility import check_team
from aitown.services.policies import active_policy
from benchmarks.bulk_facts import check_all_teams, iter_team_facts, office_pools, team_id_range
from benchmarks.engine_prototype import check_all_benefits_once
from benchmarks.measure import Row
from benchmarks.records import REFERENCE_DAY

TARGET_S = 5.0


def _summary(result: EligibilityResult) -> tuple[Any, ...]:
    amount = result.amount.amount_fen if result.amount is not None else None
    return (
        result.benefit,
        result.eligible,
        amount,
        tuple((r.clause, r.status) for r in result.rules),
    )


def _bulk(
    path: str, first_id: int | None, last_id: int | None, prototype: bool = False
) -> tuple[Counter[str], float, float]:
    """Check teams ``first_id..last_id``; returns eligible counts, seconds in the engine, seconds
    in all (the rest is reading the facts). ``prototype``: the proposed engine change."""
    check = check_all_benefits_once if prototype else check_all_benefits
    db = open_database(path)
    eligible: Counter[str] = Counter()
    started = time.perf_counter()
    engine_s = 0.0
    try:
        with db.read() as s:
            policy = active_policy(s)
            office_id = s.query(Team.office_id).limit(1).scalar()
            pools = office_pools(s, office_id)
            for facts in iter_team_facts(s, first_id, last_id):
                t = time.perf_counter()
                results = check(
                    policy, facts.team, facts.members, facts.leases, facts.priors, pools,
                    REFERENCE_DAY,
                )  # fmt: skip
                engine_s += time.perf_counter() - t
                eligible["teams"] += 1
                for r in results:
                    eligible[r.benefit] += r.eligible
    finally:
        db.dispose()
    return eligible, engine_s, time.perf_counter() - started


def run(path: Path, teams: int, *, sample: int = 300, processes: int = 2) -> list[Row]:
    db = open_database(path)
    try:
        with db.read() as s:
            low, high = team_id_range(s)
            policy = active_policy(s)
            office_id = s.query(Team.office_id).limit(1).scalar()
            pools = office_pools(s, office_id)
        step = max(1, (high - low + 1) // sample)
        ids = list(range(low, high + 1, step))[:sample]
        # The service path on the sample.
        started = time.perf_counter()
        service = {i: [_summary(r) for r in check_team(db, i, today=REFERENCE_DAY)] for i in ids}
        service_s = (time.perf_counter() - started) / len(ids) * teams
        # The same teams through the bulk loader must answer the same.
        with db.read() as s:
            for i in ids:
                bulk = next(check_all_teams(s, policy, pools, REFERENCE_DAY, i, i))
                if [_summary(r) for r in bulk] != service[i]:
                    raise AssertionError(f"bulk facts answer differently for team {i}")
                facts = next(iter_team_facts(s, i, i))
                once = check_all_benefits_once(
                    policy, facts.team, facts.members, facts.leases, facts.priors, pools,
                    REFERENCE_DAY,
                )  # fmt: skip
                if [(r.benefit, r.eligible, r.amount, r.rules) for r in once] != [
                    (r.benefit, r.eligible, r.amount, r.rules) for r in bulk
                ]:
                    raise AssertionError(f"the engine prototype answers differently for team {i}")
    finally:
        db.dispose()

    counts, engine_s, one_s = _bulk(str(path), None, None)
    proto_counts, proto_engine_s, proto_s = _bulk(str(path), None, None, prototype=True)
    if proto_counts != counts:
        raise AssertionError("the engine prototype answered differently")
    bounds = [low + (high - low + 1) * k // processes for k in range(processes + 1)]
    started = time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes) as pool:
        parts = pool.starmap(
            _bulk, [(str(path), bounds[k], bounds[k + 1] - 1) for k in range(processes)]
        )
    multi_s = time.perf_counter() - started
    multi_counts: Counter[str] = sum((p[0] for p in parts), Counter())
    if multi_counts != counts:
        raise AssertionError("the processes answered differently from the single process")

    checks = counts["teams"] * len(BENEFITS)
    eligible = ", ".join(f"{b} {counts[b]:,}" for b in BENEFITS)
    load_s = one_s - engine_s
    common = f"{checks:,} checks; eligible: {eligible}"
    return [
        Row(
            key="eligibility.bulk",
            title="Eligibility, all teams × 6 benefits: bulk facts + policy engine, 1 process",
            teams=teams,
            value=one_s,
            unit="s",
            baseline=service_s,
            baseline_title=f"service path check_team (extrapolated from {len(ids)} teams)",
            target=f"< {TARGET_S:.0f} s",
            met=one_s < TARGET_S,
            notes=f"{common}; of which engine ≈ {engine_s:.1f} s "
            f"({engine_s / checks * 1e6:.0f} µs a check), fact loading ≈ {load_s:.1f} s; "
            f"answers identical to the service on {len(ids)} sampled teams",
            details={"engine_s": engine_s, "load_s": load_s, "eligible": dict(counts)},
        ),
        Row(
            key="eligibility.prototype_once",
            title="Eligibility, all teams × 6 benefits: bulk, §1 once a team (prototype), 1 process",
            teams=teams,
            value=proto_s,
            unit="s",
            baseline=one_s,
            baseline_title="bulk facts + check_all_benefits, 1 process",
            target=f"< {TARGET_S:.0f} s",
            met=proto_s < TARGET_S,
            notes=f"benchmarks/engine_prototype.py; engine ≈ {proto_engine_s:.1f} s "
            f"({proto_engine_s / checks * 1e6:.0f} µs a check); same answers",
        ),
        Row(
            key="eligibility.bulk_parallel",
            title=f"Eligibility, all teams × 6 benefits: bulk, {processes} processes",
            teams=teams,
            value=multi_s,
            unit="s",
            baseline=service_s,
            baseline_title="service path (extrapolated)",
            target=f"< {TARGET_S:.0f} s",
            met=multi_s < TARGET_S,
            notes=f"each process loads and checks its half of the teams; {common}",
        ),
    ]
