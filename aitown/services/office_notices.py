"""The office's notice settings: its seal image, the seal position mark, the default 抄送 list.

The seal image is kept in the database (``office.seal_image``), never in a file: a notice names
it by its SHA-256 in the signed content and the renderer gets the bytes. The audit log records
the image's SHA-256 before and after, not the image.
"""

from __future__ import annotations

from dataclasses import dataclass

from aitown.db import Database
from aitown.errors import ValidationError
from aitown.models import Office
from aitown.notices.fonts import check_drawable
from aitown.notices.seal import check_seal_png, seal_sha256
from aitown.services.actor import Actor
from aitown.services.audit import record_event

#: A notice is copied to at most this many offices.
MAX_COPIED_TO = 10
MAX_NAME = 100


@dataclass(frozen=True)
class NoticeSettings:
    """What an office's notices print by default."""

    seal_sha256: str | None
    seal_mark: bool
    copied_to_zh: tuple[str, ...]
    copied_to_en: tuple[str, ...]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def settings_of(office: Office) -> NoticeSettings:
    """The office's notice settings as plain values."""
    zh = _lines(office.copied_to_zh)
    en = _lines(office.copied_to_en)
    # An office that gave no English names prints the Chinese ones in the English part too.
    en = tuple(en[i] if i < len(en) else name for i, name in enumerate(zh))
    return NoticeSettings(
        seal_sha256=seal_sha256(office.seal_image) if office.seal_image else None,
        seal_mark=bool(office.seal_mark),
        copied_to_zh=zh,
        copied_to_en=en,
    )


def notice_settings(db: Database) -> NoticeSettings:
    """The notice settings of this database's office."""
    from aitown.services.office import get_office

    return settings_of(get_office(db))


def parse_copied_to(entries: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``["徐汇区财政局|Xuhui District Finance Bureau", ...]`` as the Chinese and English names.

    The English name after ``|`` is optional (the Chinese one stands in). Refuses empty names,
    too many or too long ones, and characters no notice font can print.
    """
    zh: list[str] = []
    en: list[str] = []
    for entry in entries:
        name_zh, _, name_en = entry.partition("|")
        name_zh, name_en = name_zh.strip(), name_en.strip()
        if not name_zh:
            raise ValidationError(
                f"“{entry}” names no office to copy the notice to: write “中文名称|English "
                "name” (the English name may be left out).",
                f"“{entry}”未写明抄送机关：请写成“中文名称|English name”（英文名称可省略）。",
                field="copied_to",
            )
        for name in (name_zh, name_en):
            if len(name) > MAX_NAME:
                raise ValidationError(
                    f"The copied-to name “{name[:30]}…” is longer than {MAX_NAME} characters.",
                    f"抄送机关名称“{name[:30]}…”超过 {MAX_NAME} 个字符。",
                    field="copied_to",
                )
            check_drawable(name, what="copied_to")
        zh.append(name_zh)
        en.append(name_en or name_zh)
    if len(zh) > MAX_COPIED_TO:
        raise ValidationError(
            f"A notice is copied to at most {MAX_COPIED_TO} offices, not {len(zh)}.",
            f"一份通知书最多抄送 {MAX_COPIED_TO} 个机关，而不是 {len(zh)} 个。",
            field="copied_to",
        )
    return tuple(zh), tuple(en)


def set_seal_image(db: Database, actor: Actor, data: bytes | None) -> str | None:
    """Store the office's seal image (a PNG with transparency), or remove it with ``None``.

    Administrators only. Notices issued from now on carry it over the signature; issued ones
    keep what they were issued with. Returns the image's SHA-256.
    """
    actor.require("office.edit")
    digest = None
    if data is not None:
        check_seal_png(data)
        digest = seal_sha256(data)
    with db.write() as s:
        office = s.get(Office, actor.office_id)
        assert office is not None
        before = seal_sha256(office.seal_image) if office.seal_image else None
        office.seal_image = data
        record_event(
            s,
            actor,
            "office.seal",
            "office",
            office.id,
            before={"seal_sha256": before},
            after={"seal_sha256": digest},
        )
    return digest


def update_notice_settings(
    db: Database,
    actor: Actor,
    *,
    seal_mark: bool | None = None,
    copied_to: list[str] | None = None,
) -> NoticeSettings:
    """Change whether notices mark the seal's place, and the default 抄送 list (administrators).

    ``copied_to`` is a list of ``中文名称|English name`` entries (see :func:`parse_copied_to`).
    """
    actor.require("office.edit")
    parsed = parse_copied_to(copied_to) if copied_to is not None else None
    with db.write() as s:
        office = s.get(Office, actor.office_id)
        assert office is not None
        old = settings_of(office)
        before: dict[str, object] = {}
        after: dict[str, object] = {}
        if seal_mark is not None and seal_mark != old.seal_mark:
            before["seal_mark"], after["seal_mark"] = old.seal_mark, seal_mark
            office.seal_mark = seal_mark
        if parsed is not None and parsed != (old.copied_to_zh, old.copied_to_en):
            before["copied_to"] = [*old.copied_to_zh]
            after["copied_to"] = [*parsed[0]]
            office.copied_to_zh = "\n".join(parsed[0])
            office.copied_to_en = "\n".join(parsed[1])
        if after:
            record_event(
                s, actor, "office.notice_settings", "office", office.id, before=before, after=after
            )
        return settings_of(office)
