"""City-wide facts in a district's rules, and conflicts across districts: one person's talent
awards (known by the keyed hash of the identity number) and the yearly voucher caps."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

from aitown.services import applications as apps
from aitown.services import members, offices, sync
from aitown.services.bulk_eligibility import check_all_teams
from aitown.services.eligibility import check_team
from aitown.sync import bundle as fmt
from tests.aitown.services.test_applications import PERSON, VENDOR, admitted_team
from tests.aitown.sync.cities import Desk

TODAY = dt.date.today()


def send(frm: Desk, to: Desk, folder, name: str) -> None:
    path = folder / name
    sync.export_bundle(frm.db, frm.admin, path, for_code=to.code if frm.code == "SH" else None)
    sync.import_bundle(to.db, to.admin, path)


def talent_application(desk: Desk, body: str) -> tuple[int, int]:
    team = admitted_team(desk.db, desk, body=body)
    member = members.add_member(
        desk.db,
        desk.admin,
        team,
        {
            "name": "王伟",
            "talent_tier": "B",
            "full_time": True,
            "joined_on": (TODAY - dt.timedelta(days=400)).isoformat(),
            "id_number": PERSON,
        },
    )
    rec = apps.record_application(desk.db, desk.admin, team, "talent_award", member_id=member)
    return team, rec.application_id


def approve(desk: Desk, app_id: int) -> None:
    apps.submit_application(desk.db, desk.admin, app_id)
    apps.approve_application(desk.db, desk.reviewer, app_id, "ok")


def fund(city: Desk, folder, *desks: Desk, kind: str, amount: str) -> None:
    for d in desks:
        offices.share_pool(city.db, city.admin, d.code, kind, amount)
        send(city, d, folder, f"fund-{d.code}-{kind}.zip")


def test_one_person_is_known_across_districts_by_a_keyed_hash(city, pd, xh, tmp_path):
    fund(city, tmp_path, pd, xh, kind="talent_award", amount="1000000")
    _, pd_app = talent_application(pd, "91310104MA1FL3001")
    approve(pd, pd_app)
    bundle = tmp_path / "pd1.zip"
    sync.export_bundle(pd.db, pd.admin, bundle)
    # the identity-card number itself never leaves Pudong
    with zipfile.ZipFile(bundle) as z:
        assert PERSON.encode() not in z.read(fmt.RECORDS)
    sync.import_bundle(city.db, city.admin, bundle)
    send(city, xh, tmp_path, "sh-xh.zip")
    _, xh_app = talent_application(xh, "91310104MA1FL3002")
    app = apps.get_application(xh.db, xh_app)
    assert app.member_id is not None
    rec = apps.record_application(
        xh.db, xh.admin, app.team_id, "talent_award", member_id=app.member_id
    )
    rule = next(r for r in rec.result.rules if r.clause == "7.3")
    assert rule.status == "fail"
    assert "awarded by the Pudong office" in rule.reason("en")
    assert "浦东新区人工智能孵化中心" in rule.reason("zh")


def test_two_talent_awards_of_one_person_in_a_year_are_a_conflict(city, pd, xh, tmp_path):
    fund(city, tmp_path, pd, xh, kind="talent_award", amount="1000000")
    for d, body in ((pd, "91310104MA1FL3003"), (xh, "91310104MA1FL3004")):
        _, app_id = talent_application(d, body)
        approve(d, app_id)  # both offline
        send(d, city, tmp_path, f"{d.code}-1.zip")
    (conflict,) = sync.list_conflicts(city.db, city.admin)
    assert conflict.kind == "talent_award_twice"
    assert str(TODAY.year) in conflict.describe() and "talent award" in conflict.describe()
    assert PERSON not in json.dumps(conflict.details)


def voucher(desk: Desk, team: int, contract: str) -> int:
    rec = apps.record_application(
        desk.db,
        desk.admin,
        team,
        "compute_voucher",
        contract_amount=contract,
        vendor_uscc=VENDOR,
        vendor_legal_rep="钱七",
        contract_start=TODAY,
        contract_end=TODAY + dt.timedelta(days=180),
    )
    assert rec.result.eligible, [r.reason("en") for r in rec.result.failed]
    approve(desk, rec.application_id)
    return rec.application_id


def test_the_yearly_cap_holds_across_the_city(city, pd, xh, tmp_path):
    body = "91310104MA1FL3005"
    fund(city, tmp_path, pd, xh, kind="compute_voucher", amount="20000000")
    voucher(pd, admitted_team(pd.db, pd, body=body, founded_years=4), "20000000")  # 6,000,000
    send(pd, city, tmp_path, "pd-1.zip")
    send(city, xh, tmp_path, "sh-xh-2.zip")
    xh_team = admitted_team(xh.db, xh, body=body, founded_years=4)
    rec = apps.record_application(
        xh.db,
        xh.admin,
        xh_team,
        "compute_voucher",
        contract_amount="20000000",
        vendor_uscc=VENDOR,
        vendor_legal_rep="钱七",
        contract_start=TODAY,
        contract_end=TODAY + dt.timedelta(days=180),
    )
    # Xuhui sees the 6,000,000 Pudong granted this year: only 4,000,000 of the cap is left
    assert rec.amount_fen == 4_000_000_00
    (bulk,) = [r for _, _, _, rs in check_all_teams(xh.db, xh.admin) for r in rs
               if r.benefit == "compute_voucher"]  # fmt: skip
    (single,) = check_team(xh.db, xh_team, ["compute_voucher"])
    assert [r.reason("en") for r in bulk.rules] == [r.reason("en") for r in single.rules]


def test_yearly_caps_exceeded_offline_are_a_conflict(city, pd, xh, tmp_path):
    body = "91310104MA1FL3006"
    fund(city, tmp_path, pd, xh, kind="compute_voucher", amount="20000000")
    for d in (pd, xh):
        voucher(d, admitted_team(d.db, d, body=body, founded_years=4), "20000000")
        send(d, city, tmp_path, f"{d.code}-1.zip")
    (conflict,) = sync.list_conflicts(city.db, city.admin)
    assert conflict.kind == "yearly_cap"
    assert conflict.details["total"] == 12_000_000_00 and conflict.details["cap"] == 10_000_000_00
    assert "past the yearly cap of 10,000,000.00" in conflict.describe()
    assert "超过年度上限" in conflict.describe("zh")
