"""Format 2 of the change bundles: an application reaches the city with its paper trail — its
checklist marks, its scans (the files themselves, checked against the signed manifest), its
returns for correction and its publicity period — and a bundle with a missing or altered file
is refused whole. A version-1 bundle (no files) is still read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aitown.db import Database
from aitown.errors import DeskError
from aitown.material_tables import MaterialBlob
from aitown.models import AuditEvent
from aitown.schema import open_database
from aitown.services import applications as apps
from aitown.services import material_files as files
from aitown.services import materials as mat
from aitown.services import notices, sync
from aitown.services import payments as pay
from aitown.services import review_steps as review
from aitown.sync import bundle as fmt
from aitown.sync.tables import SyncRecord
from tests.aitown.makers import pass_publicity
from tests.aitown.services.test_applications import admitted_team
from tests.aitown.sync.cities import Desk, city_state, grant
from tests.aitown.sync.test_city_bundles import BODY, _pd_key, _rewrite, _signed, fund

SCAN_A = b"\x89PNG\r\n\x1a\n" + b"licence, first scan " * 40
SCAN_B = b"%PDF-1.4\n%licence, second scan\n" + b"0" * 500 + b"\n%%EOF\n"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def city_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The city's database in a folder of its own: its scans (SQLite: ``aitown-files`` beside the
    file) must come from the bundle, not from the district's folder next door."""
    if request.param == "sqlite":
        (tmp_path / "city").mkdir()
        db = open_database(tmp_path / "city" / "city.sqlite", create=True)
    else:
        db = open_database(request.getfixturevalue("pg_url"), create=True)
    yield db
    db.dispose()


def paper_trail(pd: Desk) -> int:
    """A start-up grant with a scan and seen marks, returned once for a better scan,
    resubmitted, approved and through publicity; the application's id."""
    team_id = admitted_team(pd.db, pd, body=BODY)
    app_id = apps.record_application(pd.db, pd.admin, team_id, "startup_grant").application_id
    mat.attach_file(pd.db, pd.admin, app_id, "business_licence", SCAN_A, "licence.png")
    mat.mark_seen(pd.db, pd.admin, app_id, "founder_id_card")
    mat.mark_seen(pd.db, pd.admin, app_id, "commitment_letter")
    apps.submit_application(pd.db, pd.admin, app_id)
    review.return_for_correction(pd.db, pd.reviewer, app_id, ["business_licence"], "Blurred.")
    mat.attach_file(pd.db, pd.admin, app_id, "business_licence", SCAN_B, "licence.pdf")
    apps.submit_application(pd.db, pd.admin, app_id)
    apps.approve_application(pd.db, pd.reviewer, app_id, "meets the rules")
    pass_publicity(pd.db, pd.admin)
    notices.issue_notice(pd.db, pd.admin, app_id)
    list_id = pay.build_payment_list(pd.db, pd.admin, "startup_grant")
    pay.pay_payment_list(pd.db, pd.admin, list_id, paid_on=dt.date.today(), reference="ICBC-7")
    return app_id


def carried(city: Desk, entity: str) -> list[dict]:
    with city.db.read() as s:
        rows = s.scalars(
            select(SyncRecord.data_json).where(SyncRecord.entity == entity).order_by(SyncRecord.id)
        ).all()
    return [json.loads(r) for r in rows]


def blobs(city: Desk) -> int:
    with city.db.read() as s:
        return s.scalar(select(func.count()).select_from(MaterialBlob)) or 0


def read_back(city: Desk, sha: str) -> bytes:
    with city.db.read() as s:
        return files.read_blob(city.db, s, sha)


def test_the_application_arrives_with_its_marks_scans_returns_and_publicity(city, pd, tmp_path):
    fund(city, pd, tmp_path)
    paper_trail(pd)
    path = tmp_path / "pd1.zip"
    sync.export_bundle(pd.db, pd.admin, path)
    b = fmt.open_bundle(path)
    assert b.manifest["format_version"] == 2
    sha_a, sha_b = (hashlib.sha256(x).hexdigest() for x in (SCAN_A, SCAN_B))
    assert {(e.sha256, e.size) for e in b.files} == {(sha_a, len(SCAN_A)), (sha_b, len(SCAN_B))}
    with zipfile.ZipFile(path) as z:
        assert z.read(f"files/{sha_a}") == SCAN_A

    sync.import_bundle(city.db, city.admin, path)
    (app,) = carried(city, "application")
    app_uid = app["uid"]
    marks = {m["data"]["item"]: m["data"] for m in carried(city, "application_material")}
    assert marks["founder_id_card"]["seen"] is True
    assert marks["founder_id_card"]["seen_by"] == "admin"
    assert {m["application_uid"] for m in marks.values()} == {app_uid}
    scans = [a["data"] for a in carried(city, "application_attachment")]
    assert [(a["sha256"], a["current"], a["file_name"]) for a in scans] == [
        (sha_a, False, "licence.png"),
        (sha_b, True, "licence.pdf"),
    ]
    (ret,) = [r["data"] for r in carried(city, "application_return")]
    assert (ret["round"], ret["reason"], ret["returned_by"]) == (1, "Blurred.", "reviewer1")
    assert json.loads(ret["items_json"]) == ["business_licence"]
    assert ret["resubmitted_at"] is not None
    (period,) = [p["data"] for p in carried(city, "publicity_period")]
    assert (period["status"], period["application_uid"]) == ("passed", app_uid)
    (plist,) = carried(city, "payment_list")
    assert (plist["data"]["status"], plist["data"]["reference"]) == ("paid", "ICBC-7")
    lines = [line["data"] for line in carried(city, "payment_line")]
    assert {(line["application_uid"], line["list_uid"]) for line in lines} == {
        (app_uid, plist["uid"])
    }
    assert lines[0]["tranche"] == 1 and lines[0]["amount"] > 0
    # The same bytes, read back through the city's materials store (SQLite: aitown-files).
    assert read_back(city, sha_a) == SCAN_A
    assert read_back(city, sha_b) == SCAN_B

    # The same bundle again changes nothing.
    before = (city_state(city.db), blobs(city))
    assert sync.import_bundle(city.db, city.admin, path).already
    assert (city_state(city.db), blobs(city)) == before

    # The next bundle carries the scans again (not acknowledged yet): they are not rewritten.
    if city.db.sqlite_path is not None:
        stored = files.store_folder(city.db.sqlite_path) / sha_a[:2] / sha_a
        stamp = stored.stat().st_mtime_ns
    mat_count = len(carried(city, "application_material"))
    sync.export_bundle(pd.db, pd.admin, tmp_path / "pd2.zip")
    sync.import_bundle(city.db, city.admin, tmp_path / "pd2.zip")
    assert blobs(city) == 2 and len(carried(city, "application_material")) == mat_count
    with city.db.read() as s:
        event = s.scalars(
            select(AuditEvent.after_json).where(AuditEvent.action == "sync.import")
        ).all()[-1]
    assert (json.loads(event)["files"], json.loads(event)["files_stored"]) == (2, 0)
    if city.db.sqlite_path is not None:
        assert stored.stat().st_mtime_ns == stamp


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "tamper, message",
    [
        ("altered", "does not match its signed manifest"),
        ("missing", "its manifest lists is missing"),
        ("unlisted", "files its manifest does not list"),
        ("resigned_without_file", "names the scan"),
    ],
)
def test_a_bundle_with_a_missing_or_altered_file_is_refused_whole(
    city, pd, tmp_path, tamper, message
):
    fund(city, pd, tmp_path)
    paper_trail(pd)
    good = tmp_path / "pd1.zip"
    sync.export_bundle(pd.db, pd.admin, good)
    parts = _entries(good)
    sha_b = hashlib.sha256(SCAN_B).hexdigest()
    name = f"files/{sha_b}"
    if tamper == "altered":  # same size, other bytes
        parts[name] = SCAN_B.replace(b"second", b"forged")
    elif tamper == "missing":
        del parts[name]
    elif tamper == "unlisted":
        parts["files/" + "0" * 64] = b"%PDF-1.4 smuggled"
    else:  # a manifest re-signed by the district itself that drops a file its records name
        del parts[name]
        manifest = json.loads(parts[fmt.MANIFEST])
        manifest["files"] = [f for f in manifest["files"] if f["sha256"] != sha_b]
        parts[fmt.MANIFEST], parts[fmt.SIGNATURE] = _signed(manifest, _pd_key(pd))
    bad = _write(tmp_path / "bad.zip", parts)
    before = (city_state(city.db), blobs(city))
    with pytest.raises(DeskError, match=message) as err:
        sync.import_bundle(city.db, city.admin, bad)
    assert "nothing was imported" in str(err.value)
    assert "未导入任何内容" in err.value.message_zh
    assert (city_state(city.db), blobs(city)) == before
    if city.db.sqlite_path is not None:
        assert not files.store_folder(city.db.sqlite_path).exists()
    sync.import_bundle(city.db, city.admin, good)  # the real one still goes in
    assert read_back(city, sha_b) == SCAN_B


def test_a_version_1_bundle_is_still_read(city, pd, tmp_path):
    fund(city, pd, tmp_path)
    grant(pd, BODY)
    good = tmp_path / "pd1.zip"
    sync.export_bundle(pd.db, pd.admin, good)
    manifest = json.loads(_entries(good)[fmt.MANIFEST])
    assert manifest.pop("files") == []
    manifest["format_version"] = 1
    data, sig = _signed(manifest, _pd_key(pd))
    old = _rewrite(good, tmp_path / "v1.zip", manifest=data, signature=sig)
    result = sync.import_bundle(city.db, city.admin, old)
    assert not result.already and result.records > 0
    (app,) = carried(city, "application")
    assert app["data"]["status"] == "approved"


def test_a_version_1_bundle_with_a_file_entry_is_refused(city, pd, tmp_path):
    good = tmp_path / "pd1.zip"
    sync.export_bundle(pd.db, pd.admin, good)
    parts = _entries(good)
    manifest = json.loads(parts[fmt.MANIFEST])
    manifest["format_version"] = 1
    parts[fmt.MANIFEST], parts[fmt.SIGNATURE] = _signed(manifest, _pd_key(pd))
    parts["files/" + "1" * 64] = b"%PDF-1.4 not in version 1"
    bad = _write(tmp_path / "bad.zip", parts)
    before = city_state(city.db)
    with pytest.raises(DeskError, match="files its manifest does not list"):
        sync.import_bundle(city.db, city.admin, bad)
    assert city_state(city.db) == before
