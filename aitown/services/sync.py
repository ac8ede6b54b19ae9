"""Change bundles between the city and its districts: export, import, status, conflicts.

A district's bundle carries every record that changed since the last bundle the city
acknowledged (keyed by uid), and its pools as they stand; the city's bundle for a district
carries that district's shares, the city-wide facts of every other office, and the active
policy. Importing checks the whole file first (recipient, sender, signature, records, order)
and then applies it in one transaction. See docs/sync.md.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import NotFound, ValidationError
from aitown.models import (
    BENEFITS,
    Application,
    BudgetPool,
    Notice,
    Office,
    PolicyVersion,
    Team,
    utcnow,
)
from aitown.money import format_yuan
from aitown.policy.facts import BENEFIT_LABELS, HELD_STATUSES
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.offices import installation, require_role
from aitown.services.policies import active_policy
from aitown.services.sync_files import file_source, named_file, store_files
from aitown.sync import bundle as fmt
from aitown.sync.conflicts import refresh_conflicts
from aitown.sync.keys import person_hash
from aitown.sync.records import RecordReader
from aitown.sync.tables import (
    BudgetShare,
    CityFact,
    ConflictStatus,
    Direction,
    Installation,
    PeerOffice,
    Role,
    SyncBundle,
    SyncConflict,
    SyncRecord,
    SyncSent,
)

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
BATCH = 2000


@dataclass(frozen=True)
class ExportResult:
    path: Path
    seq: int
    to: str
    records: int
    kept: Path | None = None  # the copy in this computer's data folder (bundles-sent)


@dataclass(frozen=True)
class ImportResult:
    sender: str
    seq: int
    records: int
    already: bool = False
    new_conflicts: int = 0
    resolved_conflicts: int = 0
    warnings: list[str] = field(default_factory=list)


def _standalone() -> ValidationError:
    return ValidationError(
        "This is a standalone office, not part of a city: a city makes itself with "
        "“aitown-cli init --city”, a district with “aitown-cli init --enrol FILE”.",
        "此为独立办公室，不属于任何市级：市级用“aitown-cli init --city”创建，"
        "区级用“aitown-cli init --enrol 文件”创建。",
    )


def _installation(s: Session) -> Installation:
    inst = installation(s)
    if inst is None:
        raise _standalone()
    return inst


def _peer(s: Session, code: str, *, lock: bool = False) -> PeerOffice | None:
    q = select(PeerOffice).where(PeerOffice.code == code)
    if lock:
        q = q.with_for_update()
    return s.scalar(q)


# Export ----------------------------------------------------------------------------------------


def _pool_report(s: Session, office_id: int) -> dict[str, dict[str, int]]:
    return {
        p.kind: {"total": p.total, "committed": p.committed, "disbursed": p.disbursed}
        for p in s.scalars(select(BudgetPool).where(BudgetPool.office_id == office_id))
    }


class _DistrictChanges:
    """The district's records that differ from what the city acknowledged, noting each one sent."""

    def __init__(self, s: Session, inst: Installation, office: Office):
        self.reader = RecordReader(s, office, inst.person_key)
        self.known = {
            (r.entity, r.uid): r.acked_digest
            for r in s.execute(select(SyncSent.entity, SyncSent.uid, SyncSent.acked_digest))
        }
        self.sent: list[dict[str, Any]] = []
        self.files: set[str] = set()  # the scans the records sent name (they travel too)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for record in self.reader.records():
            d = fmt.digest(record["data"])
            key = (record["entity"], record["uid"])
            if key in self.known and self.known[key] == d:
                continue
            self.sent.append(
                {"entity": key[0], "uid": key[1], "digest": d, "new": key not in self.known}
            )
            sha = named_file(record)
            if sha is not None:
                self.files.add(sha)
            yield record


def _fact_record(f: CityFact) -> dict[str, Any]:
    return {
        "entity": "fact",
        "uid": f.uid,
        "data": {
            "office_code": f.office_code,
            "office_name_zh": f.office_name_zh,
            "office_name_en": f.office_name_en,
            "benefit": f.benefit,
            "status": f.status,
            "amount": f.amount,
            "applied_on": f.applied_on.isoformat(),
            "decided_on": f.decided_on.isoformat() if f.decided_on else None,
            "uscc": f.uscc,
            "person_hash": f.person_hash,
            "notice_number": f.notice_number,
        },
    }


def own_facts(s: Session, inst: Installation, office: Office) -> list[CityFact]:
    """The benefits this office itself granted, as city facts (not stored)."""
    notices = dict(
        s.execute(
            select(Notice.application_id, Notice.doc_number)
            .join(Application, Application.id == Notice.application_id)
            .where(Notice.kind == Application.benefit)
        ).all()
    )
    rows = s.execute(
        select(Application, Team.uscc)
        .join(Team, Team.id == Application.team_id)
        .where(Application.status.in_(HELD_STATUSES))
        .order_by(Application.id)
    )
    out = []
    for app, uscc in rows:
        number = app.member.id_number if app.member is not None else None
        out.append(
            CityFact(
                uid=app.uid,
                office_code=office.code,
                office_name_zh=office.name_zh,
                office_name_en=office.name_en,
                benefit=app.benefit,
                status=app.status,
                amount=app.amount,
                applied_on=app.applied_on,
                decided_on=app.decided_at.date() if app.decided_at else None,
                uscc=uscc,
                person_hash=person_hash(inst.person_key, number),
                notice_number=notices.get(app.id),
            )
        )
    return out


def _city_records(
    s: Session, inst: Installation, office: Office, peer: PeerOffice
) -> list[dict[str, Any]]:
    shares = {
        b.kind: b.amount
        for b in s.scalars(select(BudgetShare).where(BudgetShare.office_code == peer.code))
    }
    records: list[dict[str, Any]] = [
        {
            "entity": "share",
            "uid": f"{peer.code}:{kind}",
            "data": {"kind": kind, "amount": shares.get(kind, 0)},
        }
        for kind in BENEFITS
    ]
    facts = list(
        s.scalars(select(CityFact).where(CityFact.office_code != peer.code).order_by(CityFact.id))
    )
    records += [_fact_record(f) for f in own_facts(s, inst, office) + facts]
    pv = s.scalar(
        select(PolicyVersion)
        .where(PolicyVersion.active.is_(True))
        .order_by(PolicyVersion.id.desc())
    )
    if pv is not None:
        records.append(
            {
                "entity": "policy",
                "uid": f"{pv.policy_id} {pv.version}",
                "data": {
                    "policy_id": pv.policy_id,
                    "version": pv.version,
                    "sha256": pv.sha256,
                    "text": pv.text,
                    "active": True,
                },
            }
        )
    return records


def export_bundle(
    db: Database,
    actor: Actor,
    out: str | os.PathLike[str],
    *,
    for_code: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the next bundle: a district's changes for the city, or (on the city, ``for_code``)
    the city's shares and facts for that district. Administrators."""
    actor.require("sync.run")
    path = Path(out).expanduser()
    if path.is_dir():
        raise ValidationError(
            f"{path} is a folder: give the bundle's file name, e.g. {path / 'bundle.zip'}.",
            f"{path} 是文件夹：请指定变更包的文件名，例如 {path / 'bundle.zip'}。",
        )
    part = path.with_name(path.name + ".part")
    with db.write() as s:
        inst = _installation(s)
        office = s.get(Office, actor.office_id)
        assert office is not None
        sent: _DistrictChanges | None = None
        if inst.role == Role.DISTRICT:
            if for_code and for_code != inst.city_code:
                raise ValidationError(
                    f"A district sends its bundles to its city {inst.city_code} only; leave out "
                    f"--for {for_code}.",
                    f"区级办公室只向市级 {inst.city_code} 发送变更包：请去掉 --for {for_code}。",
                )
            peer = _peer(s, inst.city_code, lock=True)
            assert peer is not None
            sent = _DistrictChanges(s, inst, office)
            records: Any = sent
            total = sent.reader.count()
            report: dict[str, Any] = {"pools": _pool_report(s, office.id)}
        else:
            if not for_code:
                raise ValidationError(
                    "On the city, name the district the bundle is for: --for CODE "
                    "(see aitown-cli offices list).",
                    "在市级导出时请用 --for 代码 指定接收的区级办公室（见 aitown-cli offices list）。",
                )
            peer = _peer(s, for_code, lock=True)
            if peer is None:
                raise NotFound(
                    f"No district office {for_code} is enrolled: see aitown-cli offices list.",
                    f"未登记区级办公室 {for_code}：请查看 aitown-cli offices list。",
                )
            records = _city_records(s, inst, office, peer)
            total = len(records)
            report = {}
        seq = peer.last_sent_seq + 1
        manifest = {
            "from": inst.office_code,
            "from_role": inst.role,
            "to": peer.code,
            "seq": seq,
            "ack": peer.last_received_seq,
            "created_at": utcnow().replace(microsecond=0).isoformat() + "Z",
            "created_by": actor.name,
            "snapshot": inst.role == Role.CITY,
            **report,
        }
        written = fmt.write_bundle(
            part,
            manifest,
            records,
            inst.private_key,
            total=total,
            progress=progress,
            files=file_source(db, s, sent.files) if sent is not None else None,
        )
        try:
            if sent is not None:
                _note_sent(s, sent.sent, seq)
            peer.last_sent_seq = seq
            peer.last_sent_at = utcnow()
            s.add(
                SyncBundle(
                    direction=Direction.OUT,
                    peer_code=peer.code,
                    seq=seq,
                    sha256=written.sha256,
                    records=written.count,
                    user_name=actor.name,
                )
            )
            record_event(
                s,
                actor,
                "sync.export",
                "bundle",
                f"{peer.code}:{seq}",
                after={"file": str(path), "records": written.count, "sha256": written.sha256},
            )
            s.flush()
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    os.replace(part, path)
    return ExportResult(
        path,
        seq,
        peer.code,
        written.count,
        _keep_copy(path, sent_copy_name(inst.office_code, peer.code, seq)),
    )


def sent_copy_name(sender: str, recipient: str, seq: int) -> str:
    return f"{sender}-to-{recipient}-{seq}.zip"


def sent_copies_dir() -> Path:
    """Where this computer keeps a copy of every bundle it wrote (a lost stick is not a gap)."""
    from aitown.paths import data_dir

    return data_dir() / "bundles-sent"


def _keep_copy(path: Path, name: str) -> Path | None:
    folder = sent_copies_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        shutil.copyfile(path, target)
    except OSError as exc:  # the bundle itself is written; the copy is a convenience
        log.warning("Could not keep a copy of %s in %s: %s", path, folder, exc)
        return None
    return target


def _note_sent(s: Session, sent: list[dict[str, Any]], seq: int) -> None:
    new = [
        {"entity": r["entity"], "uid": r["uid"], "sent_digest": r["digest"], "sent_seq": seq}
        for r in sent
        if r["new"]
    ]
    old = [r for r in sent if not r["new"]]
    if new:
        s.execute(insert(SyncSent), new)
    for r in old:
        s.execute(
            update(SyncSent)
            .where(SyncSent.entity == r["entity"], SyncSent.uid == r["uid"])
            .values(sent_digest=r["digest"], sent_seq=seq)
        )


# Import ----------------------------------------------------------------------------------------


def _check(s: Session, inst: Installation, b: fmt.Bundle) -> PeerOffice:
    name = b.path.name
    if b.recipient != inst.office_code:
        raise fmt.BundleError(
            f"The bundle {name} is for office {b.recipient}, not this office "
            f"({inst.office_code}); nothing was imported: import it on {b.recipient}.",
            f"变更包 {name} 的接收方为 {b.recipient}，不是本办公室（{inst.office_code}），"
            f"未导入任何内容：请在 {b.recipient} 导入。",
        )
    peer = _peer(s, b.sender)
    expected = Role.DISTRICT if inst.role == Role.CITY else Role.CITY
    if peer is None or peer.role != expected:
        raise fmt.BundleError(
            f"The bundle {name} comes from office {b.sender}, which this office does not know; "
            "nothing was imported: only bundles from enrolled offices are accepted.",
            f"变更包 {name} 来自未知办公室 {b.sender}，未导入任何内容：仅接受已登记办公室的变更包。",
        )
    if not b.signed_by(peer.public_key):
        raise fmt.BundleError(
            f"The bundle {name} is not signed with {b.sender}'s key (it was altered, or signed "
            "by someone else); nothing was imported: ask the sending office for a new bundle.",
            f"变更包 {name} 并非以 {b.sender} 的密钥签名（已被改动或由他人签名），"
            "未导入任何内容：请向发送方索取新的变更包。",
        )
    return peer


def _order(s: Session, peer: PeerOffice, b: fmt.Bundle) -> bool:
    inst_code = b.recipient
    """True if this bundle was imported before (the same one); refuses a gap or a different one."""
    if b.seq <= peer.last_received_seq:
        before = s.scalar(
            select(SyncBundle.sha256).where(
                SyncBundle.direction == Direction.IN,
                SyncBundle.peer_code == peer.code,
                SyncBundle.seq == b.seq,
            )
        )
        if before is not None and before != b.sha256:
            raise fmt.BundleError(
                f"A different bundle {b.seq} from {peer.code} was already imported; nothing was "
                f"imported: ask {peer.code} which bundle is right (its newest is what counts).",
                f"已导入过来自 {peer.code} 的另一份第 {b.seq} 号变更包，未导入任何内容："
                f"请与 {peer.code} 核对。",
            )
        return True
    if b.seq > peer.last_received_seq + 1:
        missing = peer.last_received_seq + 1
        raise fmt.BundleError(
            f"Bundle {missing} from {peer.code} is missing; you gave {b.seq}: import bundle "
            f"{missing} first (bundles are imported in order; {peer.code} keeps a copy of each "
            f"bundle it wrote in its data folder, bundles-sent/"
            f"{sent_copy_name(peer.code, inst_code, missing)}); nothing was imported.",
            f"缺少来自 {peer.code} 的第 {missing} 号变更包，您提供的是第 {b.seq} 号："
            f"请先导入第 {missing} 号（变更包须按顺序导入；{peer.code} 在其数据文件夹中保存了所写"
            f"每个变更包的副本：bundles-sent/{sent_copy_name(peer.code, inst_code, missing)}），"
            "未导入任何内容。",
        )
    return False


def check_bundle(db: Database, path: str | os.PathLike[str]) -> fmt.Bundle:
    """Open and check a bundle completely without changing anything."""
    b = fmt.open_bundle(path)
    with db.read() as s:
        inst = _installation(s)
        peer = _check(s, inst, b)
        b.check_records()
        b.check_files()
        _order(s, peer, b)
    return b


def import_bundle(
    db: Database, actor: Actor, path: str | os.PathLike[str], *, progress: Progress | None = None
) -> ImportResult:
    """Import a bundle from the city or a district, in one transaction, after checking the whole
    file. The same bundle a second time changes nothing and says so. Administrators."""
    actor.require("sync.run")
    b = fmt.open_bundle(path)
    with db.read() as s:
        inst = _installation(s)
        _check(s, inst, b)
    b.check_records()  # before anything changes
    b.check_files()
    with db.write() as s:
        inst = _installation(s)
        peer = _check(s, inst, b)
        peer = _peer(s, peer.code, lock=True) or peer
        if _order(s, peer, b):
            return ImportResult(peer.code, b.seq, b.count, already=True)
        needed: set[str] = set()  # the scans the records name: in the bundle or here already
        if inst.role == Role.CITY:
            result = _import_on_city(s, inst, peer, b, progress, needed)
        else:
            result = _import_on_district(s, inst, peer, b, progress)
        stored = store_files(db, s, b, needed)
        peer.last_received_seq = b.seq
        peer.last_received_at = utcnow()
        peer.acked_seq = max(peer.acked_seq, min(b.ack, peer.last_sent_seq))
        s.add(
            SyncBundle(
                direction=Direction.IN,
                peer_code=peer.code,
                seq=b.seq,
                sha256=b.sha256,
                records=b.count,
                user_name=actor.name,
            )
        )
        record_event(
            s,
            actor,
            "sync.import",
            "bundle",
            f"{peer.code}:{b.seq}",
            after={
                "file": str(b.path),
                "records": b.count,
                "sha256": b.sha256,
                "new_conflicts": result.new_conflicts,
                "warnings": result.warnings,
                "files": len(b.files),
                "files_stored": stored,
            },
        )
    return result


def _batches(
    b: fmt.Bundle, progress: Progress | None
) -> Iterator[list[tuple[dict[str, Any], str]]]:
    batch: list[tuple[dict[str, Any], str]] = []
    done = 0
    for item in b.records_with_text():
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            done += len(batch)
            batch = []
            if progress is not None:
                progress(done, b.count)
    if batch:
        yield batch
        done += len(batch)
    if progress is not None:
        progress(done, b.count)


def _date(text: Any) -> dt.date | None:
    return dt.date.fromisoformat(text) if isinstance(text, str) and text else None


def _import_on_city(
    s: Session,
    inst: Installation,
    peer: PeerOffice,
    b: fmt.Bundle,
    progress: Progress | None,
    needed: set[str],
) -> ImportResult:
    code = peer.code
    table = cast(Table, SyncRecord.__table__)
    conn = s.connection()
    for batch in _batches(b, progress):
        keys = {(r["entity"], r["uid"]) for r, _ in batch}
        uids = list({r["uid"] for r, _ in batch})
        existing: dict[tuple[str, str], tuple[int, str]] = {}
        for i in range(0, len(uids), 500):
            for rid, office_code, entity, uid in conn.execute(
                select(table.c.id, table.c.office_code, table.c.entity, table.c.uid).where(
                    table.c.uid.in_(uids[i : i + 500])
                )
            ):
                if (entity, uid) in keys:
                    existing[(entity, uid)] = (rid, office_code)
        new_rows, changed = [], []
        for r, text in batch:
            key = (r["entity"], r["uid"])
            sha = named_file(r)
            if sha is not None:
                needed.add(sha)
            if key in existing:
                rid, owner = existing[key]
                if owner != code:
                    raise fmt.BundleError(
                        f"The bundle {b.path.name} from {code} changes {r['entity']} {r['uid']}, "
                        f"a record of office {owner}; nothing was imported: tell both offices.",
                        f"来自 {code} 的变更包 {b.path.name} 修改了办公室 {owner} 的记录 "
                        f"{r['entity']} {r['uid']}，未导入任何内容：请通知两个办公室。",
                    )
                changed.append({"b_id": rid, "seq": b.seq, "data_json": text})
            else:
                new_rows.append(
                    {
                        "office_code": code,
                        "entity": key[0],
                        "uid": key[1],
                        "seq": b.seq,
                        "data_json": text,
                    }
                )
        if new_rows:
            conn.execute(table.insert(), new_rows)
        if changed:
            conn.execute(table.update().where(table.c.id == bindparam("b_id")), changed)
        apps = [r for r, _ in batch if r["entity"] == "application"]
        if apps:
            _facts_from_applications(s, peer, apps)
    reported = b.manifest.get("pools")
    warnings = []
    if isinstance(reported, dict):
        peer.reported_json = json.dumps(reported, sort_keys=True)
        for kind, pool in sorted(reported.items()):
            share = s.scalar(
                select(BudgetShare.amount).where(
                    BudgetShare.office_code == code, BudgetShare.kind == kind
                )
            )
            used = int(pool.get("committed", 0)) + int(pool.get("disbursed", 0))
            if share is not None and used > share:
                warnings.append(
                    f"{code} has committed and paid {format_yuan(used)} yuan of {kind}, more than "
                    f"its share of {format_yuan(share)}: raise the share or ask {code} to revoke."
                )
    facts = list(s.scalars(select(CityFact)))
    office = s.scalar(select(Office).where(Office.code == inst.office_code))
    assert office is not None
    new, resolved = refresh_conflicts(s, facts + own_facts(s, inst, office), active_policy(s))
    return ImportResult(
        code, b.seq, b.count, new_conflicts=new, resolved_conflicts=resolved, warnings=warnings
    )


def _facts_from_applications(s: Session, peer: PeerOffice, apps: list[dict[str, Any]]) -> None:
    uids = [r["uid"] for r in apps]
    s.execute(delete(CityFact).where(CityFact.uid.in_(uids)))
    rows = []
    for r in apps:
        d = r["data"]
        if d.get("status") not in HELD_STATUSES or not d.get("team_uscc"):
            continue
        applied = _date(d.get("applied_on"))
        if applied is None:
            continue
        decided = d.get("decided_at")
        rows.append(
            {
                "uid": r["uid"],
                "office_code": peer.code,
                "office_name_zh": peer.name_zh,
                "office_name_en": peer.name_en,
                "benefit": str(d.get("benefit")),
                "status": str(d.get("status")),
                "amount": d.get("amount") if isinstance(d.get("amount"), int) else None,
                "applied_on": applied,
                "decided_on": _date(decided[:10]) if isinstance(decided, str) else None,
                "uscc": str(d["team_uscc"])[:18],
                "person_hash": d.get("person_hash"),
                "notice_number": d.get("notice_number"),
            }
        )
    if rows:
        s.execute(insert(CityFact), rows)


def _import_on_district(
    s: Session, inst: Installation, peer: PeerOffice, b: fmt.Bundle, progress: Progress | None
) -> ImportResult:
    office = s.scalar(select(Office).where(Office.code == inst.office_code))
    assert office is not None
    warnings: list[str] = []
    facts: list[dict[str, Any]] = []
    policy: dict[str, Any] | None = None
    shares: dict[str, int] = {}
    for batch in _batches(b, progress):
        for r, _ in batch:
            d = r["data"]
            if r["entity"] == "share" and isinstance(d.get("amount"), int) and d["amount"] >= 0:
                shares[str(d.get("kind"))] = d["amount"]
            elif r["entity"] == "fact":
                applied = _date(d.get("applied_on"))
                if applied is None or d.get("office_code") == inst.office_code:
                    continue
                facts.append(
                    {
                        "uid": r["uid"],
                        "office_code": str(d.get("office_code")),
                        "office_name_zh": str(d.get("office_name_zh") or ""),
                        "office_name_en": str(d.get("office_name_en") or ""),
                        "benefit": str(d.get("benefit")),
                        "status": str(d.get("status")),
                        "amount": d.get("amount") if isinstance(d.get("amount"), int) else None,
                        "applied_on": applied,
                        "decided_on": _date(d.get("decided_on")),
                        "uscc": str(d.get("uscc"))[:18],
                        "person_hash": d.get("person_hash"),
                        "notice_number": d.get("notice_number"),
                    }
                )
            elif r["entity"] == "policy":
                policy = d
    pools = {
        p.kind: p for p in s.scalars(select(BudgetPool).where(BudgetPool.office_id == office.id))
    }
    for kind, amount in shares.items():
        pool = pools.get(kind)
        if pool is None:
            continue
        used = pool.committed + pool.disbursed
        if amount < used:
            warnings.append(
                f"The city's {kind} share is {format_yuan(amount)} yuan, less than the "
                f"{format_yuan(used)} this office already committed and paid: the pool keeps "
                f"{format_yuan(used)} and nothing more can be approved; tell the city."
            )
        pool.total = max(amount, used)
    if b.manifest.get("snapshot"):
        s.execute(delete(CityFact))
    if facts:
        s.execute(insert(CityFact), facts)
    if policy is not None:
        _adopt_policy(s, policy)
    s.execute(
        update(SyncSent)
        .where(SyncSent.sent_seq <= b.ack)
        .values(acked_digest=SyncSent.sent_digest)
        .execution_options(synchronize_session=False)
    )
    return ImportResult(peer.code, b.seq, b.count, warnings=warnings)


def _adopt_policy(s: Session, d: dict[str, Any]) -> None:
    """Make the city's active policy this district's too (added if this office lacks it)."""
    from aitown.policy.loader import parse_policy

    pid, version, text = str(d.get("policy_id")), str(d.get("version")), str(d.get("text"))
    row = s.scalar(
        select(PolicyVersion).where(
            PolicyVersion.policy_id == pid, PolicyVersion.version == version
        )
    )
    if row is None:
        parsed = parse_policy(text, source=f"{pid} {version} (from the city)")
        row = PolicyVersion(
            policy_id=parsed.id,
            version=parsed.version,
            sha256=parsed.sha256,
            text=text,
            active=False,
        )
        s.add(row)
        s.flush()
    if not row.active:
        s.execute(update(PolicyVersion).values(active=False))
        row.active = True


# Status and conflicts --------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncStatus:
    role: Role
    office_code: str
    city_code: str | None
    peers: list[PeerOffice]
    waiting: int | None  # district: records changed since the city's acknowledgement
    open_conflicts: int


def sync_status(db: Database, *, count_waiting: bool = True) -> SyncStatus:
    """This office's role, its peers with the last bundles each way, and what waits to be sent
    (``count_waiting=False`` leaves that out: it reads every record)."""
    with db.read() as s:
        inst = installation(s)
        if inst is None:
            office = s.scalar(select(Office).order_by(Office.id))
            return SyncStatus(Role.STANDALONE, office.code if office else "", None, [], None, 0)
        peers = list(s.scalars(select(PeerOffice).order_by(PeerOffice.code)))
        waiting = None
        if inst.role == Role.DISTRICT and count_waiting:
            office = s.scalar(select(Office).where(Office.code == inst.office_code))
            assert office is not None
            waiting = sum(1 for _ in _DistrictChanges(s, inst, office))
        conflicts = (
            s.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.status == ConflictStatus.OPEN)
            )
            or 0
        )
        return SyncStatus(
            Role(inst.role), inst.office_code, inst.city_code, peers, waiting, conflicts
        )


@dataclass(frozen=True)
class ConflictRow:
    id: int
    kind: str
    key: str
    status: str
    found_at: dt.datetime
    resolved_at: dt.datetime | None
    details: dict[str, Any]

    def describe(self, lang: str = "en") -> str:
        """One sentence: what the offices did and what to do."""
        return describe_conflict(self.kind, self.details, lang)


def list_conflicts(
    db: Database, actor: Actor, *, include_resolved: bool = False
) -> list[ConflictRow]:
    """The conflicts found on the city, open ones first (reviewers and administrators)."""
    actor.require("audit.view")
    with db.read() as s:
        require_role(s, Role.CITY, "list conflicts between districts", "列出区级之间的冲突")
        q = select(SyncConflict).order_by(SyncConflict.status, SyncConflict.id)
        if not include_resolved:
            q = q.where(SyncConflict.status == ConflictStatus.OPEN)
        return [
            ConflictRow(
                c.id, c.kind, c.key, c.status, c.found_at, c.resolved_at, json.loads(c.details_json)
            )
            for c in s.scalars(q)
        ]


def _who(records: list[dict[str, Any]], lang: str) -> str:
    parts = []
    for r in records:
        number = r.get("notice_number") or ("no notice yet" if lang == "en" else "尚未出具通知书")
        amount = format_yuan(r["amount"]) if isinstance(r.get("amount"), int) else "?"
        if lang == "en":
            parts.append(f"{r['office']} ({number}, {amount} yuan, {r['status']})")
        else:
            parts.append(f"{r['office']}（{number}，{amount} 元）")
    return ("; " if lang == "en" else "；").join(parts)


def describe_conflict(kind: str, d: dict[str, Any], lang: str = "en") -> str:
    recs = d.get("records", [])
    who = _who(recs, lang)
    zh = lang.startswith("zh")
    if kind == "startup_grant_twice":
        return (
            f"统一社会信用代码{d['uscc']}在多个办公室获批一次性创业补贴（第3.3条）：{who}。"
            "请由其中一个办公室撤销其决定，并由该办公室出具撤销通知书。"
            if zh
            else f"USCC {d['uscc']} was granted the one-time start-up grant by more than one office "
            f"(§3.3): {who}. One of the offices should revoke its decision, with a revocation "
            "notice from its own office."
        )
    if kind == "grant_and_waiver":
        return (
            f"统一社会信用代码{d['uscc']}同时获得租金减免与一次性创业补贴（第2.4/3.4条）：{who}。"
            "请由其中一个办公室撤销并出具撤销通知书。"
            if zh
            else f"USCC {d['uscc']} holds both a rent waiver and the start-up grant (§2.4/§3.4): "
            f"{who}. One office should revoke its decision, with a revocation notice."
        )
    if kind == "yearly_cap":
        en_name, zh_name = BENEFIT_LABELS.get(d["benefit"], (d["benefit"], d["benefit"]))
        return (
            f"统一社会信用代码{d['uscc']}的{zh_name}在{d['year']}年合计 {format_yuan(d['total'])} 元，"
            f"超过年度上限 {format_yuan(d['cap'])} 元：{who}。请由其中一个办公室撤销或减少。"
            if zh
            else f"USCC {d['uscc']}'s {en_name}s of {d['year']} add up to "
            f"{format_yuan(d['total'])} yuan across offices, past the yearly cap of "
            f"{format_yuan(d['cap'])}: {who}. One office should revoke its decision, with a "
            "revocation notice."
        )
    if kind == "talent_award_twice":
        return (
            f"同一人员在{d['year']}年获得多项人才奖励（第7.3条）：{who}。请由其中一个办公室撤销。"
            if zh
            else f"One person received more than one talent award for {d['year']} (§7.3): {who}. "
            "One office should revoke its award, with a revocation notice."
        )
    return f"{kind}: {who}"
