"""The materials of an application (issue 13.1): the policy's checklist, "original seen" marks,
attached scans, and the check that stops an application with a required paper missing.

The checklist comes from the active policy's ``[materials.<benefit>]``. An item is *present*
when its original was seen or a scan of it is attached (and not sent back by a return for
correction). Marks and attachments may change while the application is a draft or returned for
correction; once submitted, the paper trail is the reviewer's to judge.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from aitown.db import Database
from aitown.enums import ApplicationStatus
from aitown.errors import ConflictError, NotFound, ValidationError
from aitown.labels import application_status_label
from aitown.material_tables import ApplicationAttachment, ApplicationMaterial, ApplicationReturn
from aitown.models import Application, User, utcnow
from aitown.policy.model import MaterialItem
from aitown.services import material_files as files
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.policies import active_policy

EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    item: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    current: bool
    attached_at: dt.datetime
    attached_by: str


@dataclass(frozen=True)
class MaterialRow:
    """One checklist item of an application, as the desk sees it."""

    key: str
    en: str
    zh: str
    required: bool
    seen: bool
    attachments: tuple[AttachmentRow, ...]
    to_mend: bool  # named by the open return for correction

    @property
    def attached(self) -> bool:
        return any(a.current for a in self.attachments)

    @property
    def present(self) -> bool:
        return self.seen or self.attached

    def label(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ReturnRow:
    round: int
    items: tuple[str, ...]
    reason: str
    returned_at: dt.datetime
    returned_by: str
    resubmitted_at: dt.datetime | None


@dataclass(frozen=True)
class ApplicationMaterials:
    application_id: int
    benefit: str
    status: str
    items: tuple[MaterialRow, ...]
    returns: tuple[ReturnRow, ...]

    @property
    def missing_required(self) -> tuple[MaterialRow, ...]:
        return tuple(m for m in self.items if m.required and not m.present)

    @property
    def missing(self) -> tuple[MaterialRow, ...]:
        return tuple(m for m in self.items if not m.present)

    @property
    def open_return(self) -> ReturnRow | None:
        last = self.returns[-1] if self.returns else None
        return last if last is not None and last.resubmitted_at is None else None


def load_app(s: Session, app_id: int) -> Application:
    app = s.get(Application, app_id)
    if app is None:
        raise NotFound(f"There is no application no. {app_id}.", f"没有编号为 {app_id} 的申请。")
    return app


def checklist(s: Session, app: Application) -> tuple[MaterialItem, ...]:
    return active_policy(s).materials_for(app.benefit)


def _names(s: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {
        uid: name for uid, name in s.execute(select(User.id, User.name).where(User.id.in_(wanted)))
    }


def _returns(s: Session, app_id: int) -> list[ApplicationReturn]:
    return list(
        s.scalars(
            select(ApplicationReturn)
            .where(ApplicationReturn.application_id == app_id)
            .order_by(ApplicationReturn.round)
        )
    )


def materials_of(s: Session, app: Application) -> ApplicationMaterials:
    """The checklist of ``app`` with what was handed in (inside an open session)."""
    marks = {
        m.item: m
        for m in s.scalars(
            select(ApplicationMaterial).where(ApplicationMaterial.application_id == app.id)
        )
    }
    attachments = list(
        s.scalars(
            select(ApplicationAttachment)
            .where(ApplicationAttachment.application_id == app.id)
            .order_by(ApplicationAttachment.id)
        )
    )
    returns = _returns(s, app.id)
    names = _names(s, {a.attached_by for a in attachments} | {r.returned_by for r in returns})
    open_items: set[str] = set()
    if returns and returns[-1].resubmitted_at is None:
        open_items = set(json.loads(returns[-1].items_json))
    rows = []
    for item in checklist(s, app):
        mark = marks.get(item.key)
        rows.append(
            MaterialRow(
                key=item.key,
                en=item.en,
                zh=item.zh,
                required=item.required,
                seen=bool(mark and mark.seen),
                attachments=tuple(
                    AttachmentRow(
                        a.id,
                        a.item,
                        a.file_name,
                        a.media_type,
                        a.size,
                        a.sha256,
                        a.current,
                        a.attached_at,
                        names.get(a.attached_by or 0, ""),
                    )
                    for a in attachments
                    if a.item == item.key
                ),
                to_mend=item.key in open_items,
            )
        )
    return ApplicationMaterials(
        app.id,
        app.benefit,
        app.status,
        tuple(rows),
        tuple(
            ReturnRow(
                r.round,
                tuple(json.loads(r.items_json)),
                r.reason,
                r.returned_at,
                names.get(r.returned_by or 0, ""),
                r.resubmitted_at,
            )
            for r in returns
        ),
    )


def application_materials(db: Database, app_id: int) -> ApplicationMaterials:
    """The checklist of an application with what was seen and attached, and its returns."""
    with db.read() as s:
        return materials_of(s, load_app(s, app_id))


def _item(s: Session, app: Application, key: str) -> MaterialItem:
    items = checklist(s, app)
    for item in items:
        if item.key == key:
            return item
    known = ", ".join(i.key for i in items) or "none"
    raise ValidationError(
        f"“{key}” is not a material of this {app.benefit} application; its materials are: {known}.",
        f"“{key}”不是该申请所需的材料，所需材料为：{known}。",
        field="item",
    )


def _require_editable(app: Application) -> None:
    if app.status not in EDITABLE:
        raise ConflictError(
            f"Application {app.id} is {app.status}; materials change only while it is a draft or "
            "returned for correction.",
            f"申请 {app.id} 当前状态为“{application_status_label(app.status, 'zh')}”，只有草稿或"
            "退回补正的申请才能修改材料。",
        )


# How often a tick is made again on the mark another desk saved first before giving up.
_TICK_ATTEMPTS = 3


def _mark(s: Session, app_id: int, item: str) -> ApplicationMaterial | None:
    """The checklist mark of one item as the database holds it now (not the session's copy)."""
    return s.scalar(
        select(ApplicationMaterial)
        .where(ApplicationMaterial.application_id == app_id, ApplicationMaterial.item == item)
        .execution_options(populate_existing=True)
    )


def _set_seen(
    s: Session, actor: Actor, app: Application, item: str, seen: bool, *, keep_seen: bool = False
) -> bool | None:
    """Set one item's "original seen" mark inside the caller's transaction; returns whether it was
    seen before (None: ``keep_seen`` and another desk had ticked it, so nothing was changed).

    On PostgreSQL two desks can tick the same item at the same moment: both find no mark and both
    insert one (the second breaks ``uq_application_material``), or both change the same mark (the
    second's version check finds it changed). Each change is made in a savepoint; when another
    desk's mark came first, the savepoint is rolled back and the change made again on that mark, so
    the ticks end as if one had come after the other. Only a mark that keeps changing under us
    (never seen in practice) is refused, with nothing written.
    """
    for _attempt in range(_TICK_ATTEMPTS):
        mark = _mark(s, app.id, item)
        before = bool(mark and mark.seen)
        if keep_seen and before:
            return None
        try:
            with s.begin_nested():
                if mark is None:
                    mark = ApplicationMaterial(
                        office_id=app.office_id, application_id=app.id, item=item
                    )
                    s.add(mark)
                mark.seen = seen
                mark.seen_by, mark.seen_at = (actor.user_id, utcnow()) if seen else (None, None)
        except (IntegrityError, StaleDataError):
            continue  # another desk's mark came first: look again and change that one
        return before
    raise ConflictError(
        f"Another desk is changing the materials of application {app.id} at this moment; nothing "
        "was changed. Reopen the application and tick the item again.",
        f"其他工作站正在修改申请 {app.id} 的材料，本次未作任何改动。请重新打开该申请后再勾选。",
    )


def mark_seen(db: Database, actor: Actor, app_id: int, item: str, seen: bool = True) -> None:
    """Tick (or untick) "original seen" for one checklist item (desk staff). Two desks ticking the
    same item at once both succeed (see :func:`_set_seen`)."""
    actor.require("application.record")
    with db.write() as s:
        app = load_app(s, app_id)
        _require_editable(app)
        _item(s, app, item)
        before = _set_seen(s, actor, app, item, seen)
        record_event(
            s,
            actor,
            "application.material_seen",
            "application",
            app.id,
            before={"item": item, "seen": before},
            after={"item": item, "seen": seen},
        )


def mark_all_seen(db: Database, actor: Actor, app_id: int) -> list[str]:
    """Tick "original seen" for every checklist item not yet ticked (one event); returns them.
    An item another desk ticks meanwhile is left as that desk ticked it."""
    actor.require("application.record")
    with db.write() as s:
        app = load_app(s, app_id)
        _require_editable(app)
        ticked = [
            item.key
            for item in checklist(s, app)
            if _set_seen(s, actor, app, item.key, True, keep_seen=True) is not None
        ]
        if ticked:
            record_event(
                s,
                actor,
                "application.material_seen",
                "application",
                app.id,
                after={"items": ticked, "seen": True},
            )
        return ticked


def attach_file(
    db: Database, actor: Actor, app_id: int, item: str, data: bytes, file_name: str
) -> AttachmentRow:
    """Attach a scan (PDF, JPEG or PNG, judged by content) to one checklist item (desk staff).

    Refused above the size limit; the same content already stored is not stored again.
    """
    actor.require("application.record")
    name = Path(file_name).name[:255] or "scan"
    with db.write() as s:
        files.check_size(s, len(data), name)
        media_type = files.media_type_of(data, name)
        app = load_app(s, app_id)
        _require_editable(app)
        _item(s, app, item)
        sha = files.store_blob(db, s, data, media_type)
        row = ApplicationAttachment(
            office_id=app.office_id,
            application_id=app.id,
            item=item,
            sha256=sha,
            file_name=name,
            media_type=media_type,
            size=len(data),
            current=True,
            attached_by=actor.user_id,
            attached_at=utcnow(),
        )
        s.add(row)
        s.flush()
        record_event(
            s,
            actor,
            "application.attach",
            "application",
            app.id,
            after={"item": item, "file": name, "sha256": sha, "bytes": len(data)},
        )
        return AttachmentRow(
            row.id, item, name, media_type, len(data), sha, True, row.attached_at, actor.name
        )


def attach_path(
    db: Database, actor: Actor, app_id: int, item: str, path: str | Path
) -> AttachmentRow:
    """:func:`attach_file` for a file on disk (its size is checked before it is read)."""
    p = Path(path).expanduser()
    try:
        size = p.stat().st_size
        with db.read() as s:
            files.check_size(s, size, p.name)
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"Cannot read {p} ({exc.strerror or exc}).",
            f"无法读取 {p}（{exc.strerror or exc}）。",
            field="file",
        ) from None
    return attach_file(db, actor, app_id, item, data, p.name)


def attachment_content(
    db: Database, actor: Actor, attachment_id: int
) -> tuple[AttachmentRow, bytes]:
    """An attachment and its bytes, for the preview (anyone who may see teams)."""
    actor.require("team.view")
    with db.read() as s:
        a = s.get(ApplicationAttachment, attachment_id)
        if a is None:
            raise NotFound(
                f"There is no attachment no. {attachment_id}.",
                f"没有编号为 {attachment_id} 的附件。",
            )
        data = files.read_blob(db, s, a.sha256)
        who = _names(s, {a.attached_by}).get(a.attached_by or 0, "")
        row = AttachmentRow(
            a.id, a.item, a.file_name, a.media_type, a.size, a.sha256, a.current, a.attached_at, who
        )
        return row, data


def require_materials_for_submit(s: Session, app: Application) -> ApplicationMaterials:
    """Refuse to submit ``app`` while a required paper (or one a return named) is missing,
    naming each in both languages."""
    state = materials_of(s, app)
    lacking = [m for m in state.items if not m.present and (m.required or m.to_mend)]
    if lacking:
        en = "; ".join(m.en for m in lacking)
        zh = "；".join(m.zh for m in lacking)
        raise ValidationError(
            f"Application {app.id} cannot be submitted: these materials are missing: {en}. Tick "
            "“original seen” or attach a scan of each.",
            f"申请 {app.id} 不能提交，缺少以下材料：{zh}。请逐项勾选“已核验原件”或附上扫描件。",
            field="materials",
        )
    return state
