"""Two reviewers deciding one application at the same instant on PostgreSQL: the loser is told who
decided it a moment ago (no PendingRollbackError), and a batch approval goes on past it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from aitown.db import Database
from aitown.errors import ConflictError
from aitown.models import Application, BudgetPool
from aitown.schema import open_database
from aitown.services import applications as svc
from aitown.services import batch_approval
from aitown.services.actor import Actor
from aitown.services.audit import verify_chain
from aitown.services.users import authenticate, create_user
from tests.aitown.services.test_applications import admitted_team
from tests.conftest import STAFF_PASSWORD, Staff, make_staff

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(pg_url: str) -> Iterator[tuple[Database, Database, Staff, Actor]]:
    db = open_database(pg_url, create=True)
    other = Database(db.url)  # the second reviewer's desk: its own engine and connections
    try:
        staff = make_staff(db)
        create_user(db, staff.admin, "reviewer2", "reviewer", STAFF_PASSWORD)
        yield db, other, staff, authenticate(db, "reviewer2", STAFF_PASSWORD)
    finally:
        other.dispose()
        db.dispose()


def _submitted(db: Database, staff: Staff, n: int) -> int:
    team_id = admitted_team(db, staff, body=f"91310104MA1FL{n:04d}")
    app_id = svc.record_application(db, staff.desk, team_id, "startup_grant").application_id
    svc.submit_application(db, staff.desk, app_id)
    return app_id


def _interleave(
    monkeypatch: pytest.MonkeyPatch, when: Callable[[int], bool], other_decides: Callable[[], Any]
) -> None:
    """Make the other reviewer decide between this reviewer's checks and its write — the instant
    two desks both see the application as submitted (PostgreSQL lets both read)."""
    real = svc.evaluate
    calls = {"n": 0}

    def evaluate_then_the_other_desk_decides(s: Any, app: Application, **kw: Any) -> Any:
        calls["n"] += 1
        result = real(s, app, **kw)
        if when(calls["n"]):
            other_decides()
        return result

    monkeypatch.setattr(svc, "evaluate", evaluate_then_the_other_desk_decides)


@pytest.mark.parametrize("how", ["approve", "reject"])
def test_the_loser_of_a_decision_race_is_told_who_decided(
    pg: tuple[Database, Database, Staff, Actor], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    db, other, staff, reviewer2 = pg
    app_id = _submitted(db, staff, 1)
    decided: list[object] = []
    # Only this reviewer's own evaluation lets the other one in (the other's evaluation is call 2).
    _interleave(
        monkeypatch,
        lambda n: n == 1,
        lambda: decided.append(svc.approve_application(other, reviewer2, app_id, "ok")),
    )
    with pytest.raises(ConflictError) as info:
        if how == "approve":
            svc.approve_application(db, staff.reviewer, app_id, "ok too")
        else:
            svc.reject_application(db, staff.reviewer, app_id, "not this one")
    assert len(decided) == 1
    assert info.value.message.startswith(
        f"Application {app_id} was decided by reviewer2 a moment ago"
    )
    with db.read() as s:
        app = s.get(Application, app_id)
        assert app is not None and (app.status, app.decided_by) == ("approved", reviewer2.user_id)
        pool = s.scalar(select(BudgetPool).where(BudgetPool.kind == "startup_grant"))
        assert pool is not None and pool.committed == app.amount  # committed once, not twice
    assert verify_chain(db)[1] == []


def test_a_batch_goes_on_past_an_application_decided_elsewhere(
    pg: tuple[Database, Database, Staff, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, other, staff, reviewer2 = pg
    ids = [_submitted(db, staff, n) for n in (1, 2, 3)]
    # The other reviewer approves the second application while the batch is checking it.
    _interleave(
        monkeypatch,
        lambda n: n == 2,
        lambda: svc.approve_application(other, reviewer2, ids[1], "ok"),
    )
    out = batch_approval.approve_batch(db, staff.reviewer, ids)
    assert out.approved == [ids[0], ids[2]]
    assert list(out.refused) == [ids[1]]
    assert out.refused[ids[1]].startswith(f"Application {ids[1]} was decided by reviewer2")
    with db.read() as s:
        statuses = [s.get(Application, i).status for i in ids]  # type: ignore[union-attr]
    assert statuses == ["approved"] * 3
    assert verify_chain(db)[1] == []
