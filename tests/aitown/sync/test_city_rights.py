"""Who may exchange bundles, enrol districts and give shares: administrators only; desk staff
and reviewers are refused with nothing changed (the city's part of tests/aitown/services/
test_rights.py, which needs a city and its districts)."""

from __future__ import annotations

import pytest

from aitown.errors import PermissionDenied
from aitown.services import offices, sync
from aitown.services.users import authenticate, create_user
from tests.aitown.sync.cities import city_state
from tests.conftest import STAFF_PASSWORD

CALLS = {
    "export_bundle": lambda w, a: sync.export_bundle(w.db, a, w.folder / "x.zip", for_code="PD"),
    "import_bundle": lambda w, a: sync.import_bundle(w.db, a, w.folder / "pd1.zip"),
    "share_pool": lambda w, a: offices.share_pool(w.db, a, "PD", "startup_grant", "1"),
    "add_district": lambda w, a: offices.add_district(
        w.db, a, "QP", name_zh="青浦区人工智能孵化中心", out=w.folder / "qp.enrol"
    ),
}


class World:
    def __init__(self, db, folder):
        self.db, self.folder = db, folder


@pytest.mark.parametrize("role", ["desk", "reviewer"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_only_administrators_exchange_bundles_and_give_shares(city, pd, tmp_path, role, call):
    sync.export_bundle(pd.db, pd.admin, tmp_path / "pd1.zip")
    create_user(city.db, city.admin, f"{role}9", role, STAFF_PASSWORD)
    actor = authenticate(city.db, f"{role}9", STAFF_PASSWORD)
    before = city_state(city.db)
    with pytest.raises(PermissionDenied, match="may not"):
        CALLS[call](World(city.db, tmp_path), actor)
    assert city_state(city.db) == before
    assert not (tmp_path / "x.zip").exists() and not (tmp_path / "qp.enrol").exists()
    CALLS[call](World(city.db, tmp_path), city.admin)  # the control: an administrator may


def test_desk_staff_may_not_read_the_conflicts(city):
    create_user(city.db, city.admin, "desk9", "desk", STAFF_PASSWORD)
    with pytest.raises(PermissionDenied):
        sync.list_conflicts(city.db, authenticate(city.db, "desk9", STAFF_PASSWORD))
    assert sync.list_conflicts(city.db, city.reviewer) == []
