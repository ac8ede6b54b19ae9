"""A city (SQLite and the real PostgreSQL) and two districts on SQLite files: shares, offline
approvals within shares, bundles both ways, city-wide facts in the rules, conflicts, and every
kind of bundle that must be refused with the city unchanged."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from aitown.errors import BudgetExceeded, DeskError
from aitown.models import BudgetPool
from aitown.services import applications as apps
from aitown.services import notices, offices, pools, sync
from aitown.services.eligibility import check_team
from aitown.sync import bundle as fmt
from aitown.sync import keys
from aitown.sync.tables import Installation, SyncRecord
from tests.aitown.services.test_teams import code
from tests.aitown.sync.cities import Desk, city_state, grant

BODY = "91310104MA1FL1001"  # the team both districts know


def send(frm: Desk, to: Desk, folder: Path, *, name: str | None = None) -> Path:
    """Export a bundle on ``frm`` for ``to`` and import it on ``to``."""
    path = folder / (name or f"{frm.code}-to-{to.code}-{frm.code}.zip")
    path.unlink(missing_ok=True)
    sync.export_bundle(frm.db, frm.admin, path, for_code=to.code if frm.code == "SH" else None)
    sync.import_bundle(to.db, to.admin, path)
    return path


def fund(city: Desk, desk: Desk, folder: Path, amount: str = "1000000") -> None:
    """Give the district a start-up grant share and send it the city's bundle."""
    offices.share_pool(city.db, city.admin, desk.code, "startup_grant", amount)
    send(city, desk, folder)


def left(desk: Desk, kind: str) -> int:
    return int({p["kind"]: p for p in pools.list_pools(desk.db)}[kind]["left"])


def test_a_district_holds_no_money_until_the_city_bundle_brings_its_shares(city, pd, tmp_path):
    assert offices.installation_role(pd.db) == "district"
    assert all(p["total"] == 0 for p in pools.list_pools(pd.db))
    offices.share_pool(city.db, city.admin, "PD", "startup_grant", "1000000")
    assert left(pd, "startup_grant") == 0  # not before the bundle arrives
    send(city, pd, tmp_path)
    assert left(pd, "startup_grant") == 1_000_000_00
    assert left(pd, "compute_voucher") == 0


def test_shares_never_exceed_the_total_and_never_drop_below_what_was_committed(
    city, pd, xh, tmp_path
):
    offices.share_pool(city.db, city.admin, "PD", "startup_grant", "20000000")
    with pytest.raises(BudgetExceeded, match="at most 10,000,000.00 yuan"):
        offices.share_pool(city.db, city.admin, "XH", "startup_grant", "10000000.01")
    offices.share_pool(city.db, city.admin, "XH", "startup_grant", "10000000")
    send(city, pd, tmp_path)
    grant(pd, BODY)  # 100,000 yuan committed offline in Pudong
    send(pd, city, tmp_path)
    with pytest.raises(BudgetExceeded, match="committed 100,000.00") as err:
        offices.share_pool(city.db, city.admin, "PD", "startup_grant", "99999")
    assert "nothing was changed" in str(err.value)
    row = next(r for r in offices.list_offices(city.db) if r.code == "PD")
    pool = next(p for p in row.pools if p.kind == "startup_grant")
    assert (pool.share, pool.committed, pool.left) == (
        20_000_000_00,
        100_000_00,
        19_900_000_00,
    )
    offices.share_pool(city.db, city.admin, "PD", "startup_grant", "100000")
    send(city, pd, tmp_path)
    assert left(pd, "startup_grant") == 0


def test_offline_approvals_stay_within_the_share(city, pd, tmp_path):
    offices.share_pool(city.db, city.admin, "PD", "startup_grant", "150000")
    send(city, pd, tmp_path)
    grant(pd, "91310104MA1FL1011")
    team = __import__("tests.aitown.services.test_applications", fromlist=["x"]).admitted_team(
        pd.db, pd, body="91310104MA1FL1012"
    )
    rec = apps.record_application(pd.db, pd.admin, team, "startup_grant")
    apps.submit_application(pd.db, pd.admin, rec.application_id)
    with pytest.raises(BudgetExceeded, match="50,000.00 yuan left"):
        apps.approve_application(pd.db, pd.reviewer, rec.application_id, "ok")


def test_the_same_uscc_is_refused_in_the_second_district_once_the_facts_arrived(
    city, pd, xh, tmp_path
):
    for d in (pd, xh):
        offices.share_pool(city.db, city.admin, d.code, "startup_grant", "1000000")
        send(city, d, tmp_path)
    app_id = grant(pd, BODY)
    number = notices.issue_notice(pd.db, pd.admin, app_id).document_number
    send(pd, city, tmp_path)
    send(city, xh, tmp_path)
    team = __import__("tests.aitown.services.test_applications", fromlist=["x"]).admitted_team(
        xh.db, xh, body=BODY
    )
    (answer,) = check_team(xh.db, team, ["startup_grant"])
    assert not answer.eligible
    rule = next(r for r in answer.rules if r.clause == "3.3")
    assert rule.status == "fail"
    assert "awarded by the Pudong office" in rule.reason("en") and number in rule.reason("en")
    assert "浦东新区人工智能孵化中心" in rule.reason("zh") and number in rule.reason("zh")
    # and the rent waiver is refused too (§2.4: not both)
    (waiver,) = check_team(xh.db, team, ["rent_waiver"])
    assert not waiver.eligible
    rec = apps.record_application(xh.db, xh.admin, team, "startup_grant")
    assert not rec.result.eligible


def test_two_districts_granting_offline_is_a_conflict_until_one_revokes(city, pd, xh, tmp_path):
    for d in (pd, xh):
        offices.share_pool(city.db, city.admin, d.code, "startup_grant", "1000000")
        send(city, d, tmp_path)
    grant(pd, BODY)
    xh_app = grant(xh, BODY)  # offline: Xuhui does not know yet
    send(pd, city, tmp_path)
    assert sync.list_conflicts(city.db, city.admin) == []
    path = tmp_path / "xh1.zip"
    sync.export_bundle(xh.db, xh.admin, path)
    result = sync.import_bundle(city.db, city.admin, path)
    assert result.new_conflicts == 1
    (conflict,) = sync.list_conflicts(city.db, city.admin)
    assert conflict.kind == "startup_grant_twice"
    assert {r["office"] for r in conflict.details["records"]} == {"PD", "XH"}
    text = conflict.describe()
    assert code(BODY) in text and "PD" in text and "XH" in text and "revocation notice" in text
    # both records are kept on the city
    with city.db.read() as s:
        offices_with_grant = {
            r.office_code
            for r in s.scalars(select(SyncRecord).where(SyncRecord.entity == "application"))
        }
    assert offices_with_grant == {"PD", "XH"}
    apps.revoke_application(xh.db, xh.admin, xh_app, "granted in Pudong first")
    send(xh, city, tmp_path, name="xh2.zip")
    assert sync.list_conflicts(city.db, city.admin) == []
    assert sync.list_conflicts(city.db, city.admin, include_resolved=True)[0].status == "resolved"


def test_a_bundle_imported_twice_changes_nothing_and_says_so(city, pd, tmp_path):
    grant_free = tmp_path / "pd1.zip"
    sync.export_bundle(pd.db, pd.admin, grant_free)
    first = sync.import_bundle(city.db, city.admin, grant_free)
    assert not first.already and first.records > 0
    before = city_state(city.db)
    again = sync.import_bundle(city.db, city.admin, grant_free)
    assert again.already and again.seq == 1
    assert city_state(city.db) == before


def test_a_missing_bundle_is_refused_with_what_to_do(city, pd, tmp_path):
    sync.export_bundle(pd.db, pd.admin, tmp_path / "pd1.zip")
    sync.export_bundle(pd.db, pd.admin, tmp_path / "pd2.zip")
    before = city_state(city.db)
    with pytest.raises(
        DeskError, match="Bundle 1 from PD is missing; you gave 2: import bundle 1"
    ) as err:
        sync.import_bundle(city.db, city.admin, tmp_path / "pd2.zip")
    assert "bundles-sent/PD-to-SH-1.zip" in str(err.value)
    assert city_state(city.db) == before
    # A lost stick is no dead end: the district keeps a copy of every bundle it wrote.
    (tmp_path / "pd1.zip").unlink()
    kept = tmp_path / "data" / "bundles-sent" / "PD-to-SH-1.zip"
    assert kept.exists()
    sync.import_bundle(city.db, city.admin, kept)
    sync.import_bundle(city.db, city.admin, tmp_path / "pd2.zip")


def test_only_changes_since_the_acknowledged_bundle_travel(city, pd, tmp_path):
    fund(city, pd, tmp_path)
    grant(pd, BODY)
    first = sync.export_bundle(pd.db, pd.admin, tmp_path / "pd1.zip")
    again = sync.export_bundle(pd.db, pd.admin, tmp_path / "pd2.zip")
    # The city has not acknowledged bundle 1 yet: all again, and the audit event of export 1.
    assert again.records == first.records + 1
    sync.import_bundle(city.db, city.admin, tmp_path / "pd1.zip")
    sync.import_bundle(city.db, city.admin, tmp_path / "pd2.zip")
    send(city, pd, tmp_path, name="ack.zip")  # carries the acknowledgement
    # Left to send: only the audit events of export 2 and of the import of the city's bundle.
    assert sync.sync_status(pd.db).waiting == 2
    third = sync.export_bundle(pd.db, pd.admin, tmp_path / "pd3.zip")
    kinds = [r["entity"] for r in fmt.open_bundle(third.path).records()]
    assert kinds == ["audit_event", "audit_event"]


def _rewrite(
    src: Path,
    dst: Path,
    *,
    records: bytes | None = None,
    manifest: bytes | None = None,
    signature: bytes | None = None,
) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        parts = {n: zin.read(n) for n in zin.namelist()}
        parts[fmt.RECORDS] = records if records is not None else parts[fmt.RECORDS]
        parts[fmt.MANIFEST] = manifest if manifest is not None else parts[fmt.MANIFEST]
        parts[fmt.SIGNATURE] = signature if signature is not None else parts[fmt.SIGNATURE]
        for name, data in parts.items():
            zout.writestr(name, data)
    return dst


def _pd_key(pd: Desk) -> str:
    with pd.db.read() as s:
        inst = s.get(Installation, 1)
        assert inst is not None
        return inst.private_key


def _signed(manifest: dict, private_key: str) -> tuple[bytes, bytes]:
    data = json.dumps(manifest, sort_keys=True, indent=2).encode()
    return data, (keys.sign(private_key, data) + "\n").encode()


@pytest.mark.parametrize(
    "tamper, message",
    [
        ("records", "altered or damaged"),
        ("manifest", "not signed with PD's key"),
        ("wrong_key", "not signed with PD's key"),
        ("unknown_office", "from office QP, which this office does not know"),
        ("other_office", "is for office XH"),
        ("newer_format", "format version 3, newer than this program reads"),
        ("not_a_zip", "not a change bundle"),
        ("bomb", "implausible size"),
    ],
)
def test_bad_bundles_are_refused_and_the_city_is_unchanged(city, pd, tmp_path, tamper, message):
    fund(city, pd, tmp_path)
    grant(pd, BODY)
    good = tmp_path / "pd1.zip"
    sync.export_bundle(pd.db, pd.admin, good)
    with zipfile.ZipFile(good) as z:
        records = z.read(fmt.RECORDS)
        manifest = json.loads(z.read(fmt.MANIFEST))
    bad = tmp_path / "bad.zip"
    if tamper == "records":
        _rewrite(good, bad, records=records.replace(b'"approved"', b'"rejected"', 1))
    elif tamper == "manifest":
        manifest["seq"] = 5
        _rewrite(good, bad, manifest=json.dumps(manifest).encode())
    elif tamper == "wrong_key":
        data, sig = _signed(manifest, keys.new_key_pair().private_hex)
        _rewrite(good, bad, manifest=data, signature=sig)
    elif tamper == "unknown_office":
        manifest["from"] = "QP"
        data, sig = _signed(manifest, keys.new_key_pair().private_hex)
        _rewrite(good, bad, manifest=data, signature=sig)
    elif tamper == "other_office":
        manifest["to"] = "XH"
        data, sig = _signed(manifest, _pd_key(pd))
        _rewrite(good, bad, manifest=data, signature=sig)
    elif tamper == "newer_format":
        manifest["format_version"] = fmt.FORMAT_VERSION + 1
        data, sig = _signed(manifest, _pd_key(pd))
        _rewrite(good, bad, manifest=data, signature=sig)
    elif tamper == "not_a_zip":
        bad.write_bytes(b"PK\x03\x04 not really a zip")
    elif tamper == "bomb":
        _rewrite(good, bad, records=b"\n" * (64 << 20))
    before = city_state(city.db)
    with pytest.raises(DeskError, match=message) as err:
        sync.import_bundle(city.db, city.admin, bad)
    assert "nothing was imported" in str(err.value) or tamper == "bomb"
    assert city_state(city.db) == before
    sync.import_bundle(city.db, city.admin, good)  # the real one still goes in


def test_a_standalone_office_works_as_before_and_can_be_enrolled_keeping_its_records(
    city, staff, db, tmp_path
):
    assert offices.installation_role(db) == "standalone"
    app_id = grant(Desk("XH01", db, staff.admin, staff.reviewer), BODY)
    with pytest.raises(DeskError, match="standalone office"):
        sync.export_bundle(db, staff.admin, tmp_path / "x.zip")
    path = offices.add_district(
        city.db, city.admin, "XH01", name_zh="徐汇区人工智能孵化中心", out=tmp_path / "xh01.enrol"
    )
    offices.enrol_standalone(db, staff.admin, offices.read_enrolment(path))
    assert offices.installation_role(db) == "district"
    assert apps.get_application(db, app_id).status == "approved"
    with db.read() as s:
        pool = s.scalar(select(BudgetPool).where(BudgetPool.kind == "startup_grant"))
        assert pool is not None and pool.total == pool.committed == 100_000_00  # nothing left
    result = sync.export_bundle(db, staff.admin, tmp_path / "xh01-1.zip")
    assert result.records > 0
    sync.import_bundle(city.db, city.admin, tmp_path / "xh01-1.zip")
    with city.db.read() as s:
        assert s.scalar(select(SyncRecord.uid).where(SyncRecord.entity == "application"))


def test_a_district_cannot_give_itself_money_and_the_city_keeps_its_shares_covered(
    city, pd, tmp_path
):
    from aitown.errors import ValidationError
    from aitown.services.policies import load_policy_version

    fund(city, pd, tmp_path, "1000000")
    with pytest.raises(ValidationError, match="district's pools are its shares"):
        pools.set_pool_total(pd.db, pd.admin, "startup_grant", "30000000")
    policy = Path(__file__).resolve().parents[3] / "resources/policies/shanghai-ai-2025.toml"
    changed = tmp_path / "policy.toml"
    changed.write_text(
        policy.read_text("utf-8").replace('version = "', 'version = "9.', 1), "utf-8"
    )
    load_policy_version(pd.db, pd.admin, changed)  # a new policy: the shares stay the totals
    assert left(pd, "startup_grant") == 1_000_000_00 and left(pd, "talent_award") == 0
    with pytest.raises(BudgetExceeded, match="lower their shares first"):
        pools.set_pool_total(city.db, city.admin, "startup_grant", "999999")
    pools.set_pool_total(city.db, city.admin, "startup_grant", "1000000")


def test_another_offices_grant_is_found_under_a_code_the_team_had_before(city, pd, xh, tmp_path):
    """§3.3 across the city follows the USCC history: Xuhui's team corrected its code away from
    the one Pudong granted; the grant is still its own (per team and in the bulk check)."""
    from aitown.services import teams as team_service
    from aitown.services.bulk_eligibility import check_all_teams

    for d in (pd, xh):
        offices.share_pool(city.db, city.admin, d.code, "startup_grant", "1000000")
        send(city, d, tmp_path)
    grant(pd, BODY)
    send(pd, city, tmp_path)
    send(city, xh, tmp_path)
    admitted_team = __import__(
        "tests.aitown.services.test_applications", fromlist=["x"]
    ).admitted_team
    team = admitted_team(xh.db, xh, body=BODY)
    version = team_service.find_team(xh.db, team).version
    team_service.update_team(xh.db, xh.admin, team, version, {"uscc": code("91310104MA1FL1009")})
    (answer,) = check_team(xh.db, team, ["startup_grant"])
    rule = next(r for r in answer.rules if r.clause == "3.3")
    assert rule.status == "fail" and "awarded by the Pudong office" in rule.reason("en")
    bulk = {
        (team_id, r.benefit): r
        for team_id, _uscc, _name, results in check_all_teams(xh.db, xh.admin)
        for r in results
    }
    assert not bulk[(team, "startup_grant")].eligible


def test_the_city_answers_for_a_districts_notice_by_its_code(city, pd, tmp_path):
    """Issue 17.3: a code printed by Pudong is verified on the city's database, which names
    Pudong; a revocation Pudong issued later reaches the city too; a mistyped code is unknown."""
    fund(city, pd, tmp_path)
    app_id = grant(pd, BODY)
    record = notices.issue_notice(pd.db, pd.admin, app_id)
    send(pd, city, tmp_path, name="pd-1.zip")
    answer = notices.verify_code(city.db, record.verification_code)
    assert answer.status == "genuine", answer.message_en
    assert record.document_number in answer.message_en
    assert "Pudong" in answer.message_en and "浦东新区人工智能孵化中心" in answer.message_zh
    assert answer.amount_fen == 100_000_00 and answer.kind == "startup_grant"
    # The QR code's text names the number: another number with this code is an altered paper.
    qr = f"AITOWN-NOTICE|浦东AI孵〔2026〕99号|{record.verification_code}"
    assert notices.verify_code(city.db, qr).status == "altered"
    # One character off: not any office's notice.
    wrong = record.verification_code[:-1] + ("A" if record.verification_code[-1] != "A" else "B")
    assert notices.verify_code(city.db, wrong).status == "unknown"
    apps.revoke_application(pd.db, pd.admin, app_id, "left the town")
    revocation = notices.issue_notice(pd.db, pd.admin, app_id)
    send(pd, city, tmp_path, name="pd-2.zip")
    answer = notices.verify_code(city.db, record.verification_code)
    assert answer.status == "revoked" and answer.revoked_by == revocation.document_number
