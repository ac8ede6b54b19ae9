"""City and district installations: making a city, enrolling districts, budget shares.

The city generates each district's Ed25519 key pair and writes it, with the city's public key and
the city-wide key of the identity-number hash, into the district's enrolment file. That file is
therefore a secret to hand over in person (USB stick): whoever holds it can sign as the district.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aitown.db import Database
from aitown.errors import BudgetExceeded, ConflictError, NotFound, ValidationError
from aitown.models import BENEFITS, BudgetPool, Office
from aitown.money import format_yuan, parse_yuan
from aitown.services.actor import Actor
from aitown.services.audit import record_event
from aitown.services.office import OFFICE_CODE_RE, default_doc_prefix, initialise_office
from aitown.sync import keys
from aitown.sync.tables import BudgetShare, Installation, PeerOffice, Role

ENROLMENT_FORMAT = "aitown-enrolment"
ENROLMENT_VERSION = 1
MAX_ENROLMENT_BYTES = 64 << 10


def installation(s: Session) -> Installation | None:
    """This database's installation row; None for a standalone office."""
    return s.get(Installation, 1)


def role_of(s: Session) -> Role:
    inst = installation(s)
    return Role(inst.role) if inst is not None else Role.STANDALONE


def installation_role(db: Database) -> Role:
    """Standalone, city or district."""
    with db.read() as s:
        return role_of(s)


def check_pool_total(s: Session, kind: str, total: int) -> None:
    """Refuse a pool total this installation may not set: a district's pools are its shares (the
    city sets them); the city's total may not drop below the shares it gave."""
    role = role_of(s)
    if role is Role.DISTRICT:
        raise ValidationError(
            "This district's pools are its shares of the city's budget: the city changes them "
            "(aitown-cli pools share on the city), and they arrive with its next bundle.",
            "本区的资金池为市级预算中的份额：由市级调整（在市级运行 aitown-cli pools share），"
            "随市级的下一个变更包送达。",
        )
    if role is Role.CITY:
        shares = s.scalar(select(func.sum(BudgetShare.amount)).where(BudgetShare.kind == kind)) or 0
        if total < shares:
            raise BudgetExceeded(
                f"The districts hold shares of {format_yuan(shares)} yuan of the {kind} pool; its "
                "total cannot be less: lower their shares first.",
                f"各区持有{kind}资金池份额 {format_yuan(shares)} 元，总额不能低于此数：请先调低各区份额。",
                field="total",
            )


def require_role(s: Session, role: Role, doing: str, doing_zh: str) -> Installation:
    inst = installation(s)
    current = Role(inst.role) if inst is not None else Role.STANDALONE
    if inst is None or current is not role:
        names = {Role.STANDALONE: "独立办公室", Role.CITY: "市级", Role.DISTRICT: "区级办公室"}
        raise ValidationError(
            f"Only a {role} installation can {doing}; this database is a {current} office.",
            f"只有{names[role]}数据库才能{doing_zh}；此数据库为{names[current]}。",
        )
    return inst


def _check_code(code: str) -> str:
    code = (code or "").strip()
    if not OFFICE_CODE_RE.fullmatch(code):
        raise ValidationError(
            f"The office code “{code}” is not allowed: use 2–32 letters, digits, - or _ (e.g. PD).",
            f"办公室代码“{code}”无效：请使用2–32个字母、数字、- 或 _（例如 PD）。",
            field="code",
        )
    return code


def initialise_city(
    db: Database,
    *,
    code: str,
    name_zh: str,
    admin_name: str,
    admin_password: str,
    name_en: str = "",
) -> Actor:
    """Make a new database the city's: an office holding each pool's total, with its key pair."""
    pair = keys.new_key_pair()

    def setup(s: Session, actor: Actor, office: Office) -> None:
        s.add(
            Installation(
                id=1,
                role=Role.CITY,
                office_code=office.code,
                city_code=office.code,
                private_key=pair.private_hex,
                public_key=pair.public_hex,
                person_key=keys.new_person_key(),
            )
        )
        record_event(
            s, actor, "office.city", "office", office.id, after={"public_key": pair.public_hex}
        )

    return initialise_office(
        db,
        code=code,
        name_zh=name_zh,
        name_en=name_en,
        admin_name=admin_name,
        admin_password=admin_password,
        setup=setup,
    )


@dataclass(frozen=True)
class Enrolment:
    """What an enrolment file holds (see docs/sync.md)."""

    city_code: str
    city_name_zh: str
    city_name_en: str
    city_public_key: str
    code: str
    name_zh: str
    name_en: str
    doc_prefix: str
    private_key: str
    public_key: str
    person_key: str


def add_district(
    db: Database,
    actor: Actor,
    code: str,
    *,
    name_zh: str,
    out: str | os.PathLike[str],
    name_en: str = "",
) -> Path:
    """Enrol a district on the city: its record and key pair, and its enrolment file at ``out``
    (created new, readable by its owner only). The file is written before the commit and
    removed again if the commit fails."""
    actor.require("office.edit")
    code = _check_code(code)
    name_zh = (name_zh or "").strip()
    if not name_zh:
        raise ValidationError(
            "The district office's name is empty: give its full Chinese name with --office-name.",
            "区级办公室名称为空：请用 --office-name 填写中文全称。",
        )
    path = Path(out).expanduser()
    if path.exists():
        raise ValidationError(
            f"{path} already exists; nothing was changed: give a new file name for the enrolment "
            "file (it holds the district's secret key, so no old file is overwritten).",
            f"{path} 已存在，未作更改：请为登记文件指定新文件名（文件含区级办公室的私钥，不覆盖旧文件）。",
        )
    if not path.parent.is_dir():
        raise ValidationError(
            f"The folder {path.parent} does not exist: choose one that does.",
            f"文件夹 {path.parent} 不存在：请选择已存在的文件夹。",
        )
    pair = keys.new_key_pair()
    prefix = default_doc_prefix(name_zh)
    with db.write() as s:
        inst = require_role(s, Role.CITY, "enrol district offices", "登记区级办公室")
        city = s.get(Office, actor.office_id)
        assert city is not None
        taken = s.scalar(select(PeerOffice).where(func.upper(PeerOffice.code) == code.upper()))
        if taken is not None or code.upper() == city.code.upper():
            raise ConflictError(
                f"An office with the code {code} is already enrolled; nothing was changed: choose "
                "another code.",
                f"代码为 {code} 的办公室已登记，未作更改：请选择其他代码。",
            )
        prefixes = {city.doc_prefix, *s.scalars(select(PeerOffice.doc_prefix))}
        if prefix in prefixes:
            raise ConflictError(
                f"The document-number prefix {prefix} (from the name {name_zh}) is already another "
                "office's, so their numbers would clash; nothing was changed: give a name that "
                "starts with the district's own name.",
                f"文号前缀 {prefix}（取自名称 {name_zh}）已被其他办公室使用，文号会重复，"
                "未作更改：请使用以本区名称开头的全称。",
            )
        s.add(
            PeerOffice(
                code=code,
                role=Role.DISTRICT,
                name_zh=name_zh,
                name_en=(name_en or "").strip(),
                doc_prefix=prefix,
                public_key=pair.public_hex,
            )
        )
        record_event(
            s,
            actor,
            "office.enrol",
            "office",
            code,
            after={"name_zh": name_zh, "public_key": pair.public_hex, "file": str(path)},
        )
        body = {
            "format": ENROLMENT_FORMAT,
            "format_version": ENROLMENT_VERSION,
            "city": {
                "code": city.code,
                "name_zh": city.name_zh,
                "name_en": city.name_en,
                "public_key": inst.public_key,
            },
            "office": {
                "code": code,
                "name_zh": name_zh,
                "name_en": (name_en or "").strip(),
                "doc_prefix": prefix,
            },
            "keys": {
                "private_key": pair.private_hex,
                "public_key": pair.public_hex,
                "person_key": inst.person_key,
            },
        }
        data = json.dumps(body, ensure_ascii=False, indent=2).encode() + b"\n"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            s.flush()
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return path


def _bad_enrolment(path: Path, why: str) -> ValidationError:
    return ValidationError(
        f"{path} is not a usable enrolment file ({why}); nothing was changed: ask the city for the "
        "district's enrolment file again.",
        f"{path} 不是可用的登记文件（{why}），未作更改：请向市级重新索取本区的登记文件。",
    )


def read_enrolment(path: str | os.PathLike[str]) -> Enrolment:
    """Read and check an enrolment file (its keys must match one another)."""
    p = Path(path).expanduser()
    if not p.is_file():
        raise ValidationError(
            f"There is no enrolment file {p}: check the name.", f"没有登记文件 {p}：请检查文件名。"
        )
    if p.stat().st_size > MAX_ENROLMENT_BYTES:
        raise _bad_enrolment(p, "far too large")
    try:
        body: Any = json.loads(p.read_bytes())
        city, office, k = body["city"], body["office"], body["keys"]
        if body.get("format") != ENROLMENT_FORMAT:
            raise _bad_enrolment(p, "not an enrolment file of AI Town Desk")
        if int(body.get("format_version", 0)) > ENROLMENT_VERSION:
            raise ValidationError(
                f"The enrolment file {p} is of a newer format than this program reads; update "
                "AI Town Desk first.",
                f"登记文件 {p} 的格式高于本程序可读取的版本：请先升级AI孵化服务台。",
            )
        enrolment = Enrolment(
            city_code=_check_code(city["code"]),
            city_name_zh=str(city["name_zh"]),
            city_name_en=str(city.get("name_en", "")),
            city_public_key=str(city["public_key"]),
            code=_check_code(office["code"]),
            name_zh=str(office["name_zh"]),
            name_en=str(office.get("name_en", "")),
            doc_prefix=str(office["doc_prefix"]),
            private_key=str(k["private_key"]),
            public_key=str(k["public_key"]),
            person_key=str(k["person_key"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _bad_enrolment(p, "its fields are missing or malformed") from None
    if not all(
        keys.is_key_hex(x)
        for x in (
            enrolment.city_public_key,
            enrolment.private_key,
            enrolment.public_key,
            enrolment.person_key,
        )
    ):
        raise _bad_enrolment(p, "a key is not 64 hexadecimal digits")
    if keys.public_of(enrolment.private_key) != enrolment.public_key:
        raise _bad_enrolment(p, "its private and public keys do not belong together")
    return enrolment


def _district_setup(e: Enrolment) -> Callable[[Session, Actor, Office], None]:
    def setup(s: Session, actor: Actor, office: Office) -> None:
        s.add(
            Installation(
                id=1,
                role=Role.DISTRICT,
                office_code=e.code,
                city_code=e.city_code,
                private_key=e.private_key,
                public_key=e.public_key,
                person_key=e.person_key,
            )
        )
        s.add(
            PeerOffice(
                code=e.city_code,
                role=Role.CITY,
                name_zh=e.city_name_zh,
                name_en=e.city_name_en,
                public_key=e.city_public_key,
            )
        )
        # A district holds no money until the city's first bundle brings its shares.
        for pool in s.scalars(select(BudgetPool).where(BudgetPool.office_id == office.id)):
            pool.total = pool.committed + pool.disbursed
        record_event(
            s,
            actor,
            "office.enrolled",
            "office",
            office.id,
            after={"city": e.city_code, "code": e.code, "public_key": e.public_key},
        )

    return setup


def initialise_district(
    db: Database, enrolment: Enrolment, *, admin_name: str, admin_password: str
) -> Actor:
    """Make a new database a district office from its enrolment file."""
    return initialise_office(
        db,
        code=enrolment.code,
        name_zh=enrolment.name_zh,
        name_en=enrolment.name_en,
        doc_prefix=enrolment.doc_prefix,
        admin_name=admin_name,
        admin_password=admin_password,
        setup=_district_setup(enrolment),
    )


def enrol_standalone(db: Database, actor: Actor, enrolment: Enrolment) -> None:
    """Turn this standalone office into the enrolled district, keeping every record. Its pools keep
    only what they already committed and paid until the city's shares arrive; its next bundle
    carries all its records to the city."""
    actor.require("office.edit")
    with db.write() as s:
        if installation(s) is not None:
            raise ConflictError(
                f"This database is already a {role_of(s)} installation; nothing was changed.",
                "此数据库已是市级或区级办公室，未作更改。",
            )
        office = s.get(Office, actor.office_id)
        assert office is not None
        if office.code.upper() != enrolment.code.upper():
            raise ValidationError(
                f"The enrolment file is for office {enrolment.code}, but this database is office "
                f"{office.code}; nothing was changed: ask the city to enrol {office.code}.",
                f"登记文件属于办公室 {enrolment.code}，而此数据库为办公室 {office.code}，"
                f"未作更改：请市级登记 {office.code}。",
            )
        _district_setup(enrolment)(s, actor, office)


# Budget shares ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictPool:
    kind: str
    share: int
    committed: int | None  # as last reported (None: not reported yet)
    disbursed: int | None

    @property
    def left(self) -> int | None:
        if self.committed is None or self.disbursed is None:
            return None
        return self.share - self.committed - self.disbursed


@dataclass(frozen=True)
class OfficeRow:
    code: str
    role: str
    name_zh: str
    name_en: str
    doc_prefix: str
    public_key: str
    enrolled_at: dt.datetime
    last_received_seq: int
    last_received_at: dt.datetime | None
    last_sent_seq: int
    last_sent_at: dt.datetime | None
    acked_seq: int
    pools: list[DistrictPool] = field(default_factory=list)


def reported_pools(peer: PeerOffice) -> dict[str, dict[str, int]]:
    if not peer.reported_json:
        return {}
    data = json.loads(peer.reported_json)
    return data if isinstance(data, dict) else {}


def list_offices(db: Database) -> list[OfficeRow]:
    """The offices this one exchanges bundles with, with each district's shares and its pools as
    last reported (on a district: the city)."""
    with db.read() as s:
        shares: dict[tuple[str, str], int] = {
            (b.office_code, b.kind): b.amount for b in s.scalars(select(BudgetShare))
        }
        rows = []
        for p in s.scalars(select(PeerOffice).order_by(PeerOffice.code)):
            reported = reported_pools(p)
            pools = []
            for kind in BENEFITS:
                share = shares.get((p.code, kind))
                rep = reported.get(kind)
                if share is None and rep is None:
                    continue
                pools.append(
                    DistrictPool(
                        kind,
                        share or 0,
                        int(rep["committed"]) if rep else None,
                        int(rep["disbursed"]) if rep else None,
                    )
                )
            rows.append(
                OfficeRow(
                    p.code,
                    p.role,
                    p.name_zh,
                    p.name_en,
                    p.doc_prefix,
                    p.public_key,
                    p.enrolled_at,
                    p.last_received_seq,
                    p.last_received_at,
                    p.last_sent_seq,
                    p.last_sent_at,
                    p.acked_seq,
                    pools,
                )
            )
        return rows


def shares_given(db: Database) -> dict[str, int]:
    """On the city: the sum of the districts' shares of each pool."""
    with db.read() as s:
        return dict(
            s.execute(
                select(BudgetShare.kind, func.sum(BudgetShare.amount)).group_by(BudgetShare.kind)
            ).all()
        )


def share_pool(db: Database, actor: Actor, code: str, kind: str, amount_yuan: str) -> int:
    """Give district ``code`` a share of the city's ``kind`` pool (administrators, on the city).

    Refused if the shares would exceed the pool's total (less what the city committed itself),
    or if the share would be less than the district committed and paid as it last reported.
    The district receives it with the city's next bundle for it. Returns the share in fen.
    """
    actor.require("pool.edit")
    if kind not in BENEFITS:
        raise ValidationError(
            f"“{kind}” is not a benefit: use one of {', '.join(BENEFITS)}.",
            f"“{kind}”不是有效的扶持项目：请使用 {'、'.join(BENEFITS)} 之一。",
            field="benefit",
        )
    amount = parse_yuan(amount_yuan, what="share")
    with db.write() as s:
        require_role(s, Role.CITY, "give budget shares", "分配预算份额")
        peer = s.scalar(select(PeerOffice).where(PeerOffice.code == code))
        if peer is None or peer.role != Role.DISTRICT:
            raise NotFound(
                f"No district office {code} is enrolled: see aitown-cli offices list.",
                f"未登记区级办公室 {code}：请查看 aitown-cli offices list。",
            )
        pool = s.scalar(
            select(BudgetPool).where(
                BudgetPool.office_id == actor.office_id, BudgetPool.kind == kind
            )
        )
        if pool is None:
            raise NotFound(f"There is no pool “{kind}”.", f"没有“{kind}”资金池。")
        share = s.scalar(
            select(BudgetShare).where(BudgetShare.office_code == code, BudgetShare.kind == kind)
        )
        others = (
            s.scalar(
                select(func.sum(BudgetShare.amount)).where(
                    BudgetShare.kind == kind, BudgetShare.office_code != code
                )
            )
            or 0
        )
        own = pool.committed + pool.disbursed
        room = pool.total - own - others
        if amount > room:
            raise BudgetExceeded(
                f"The {kind} pool's total is {format_yuan(pool.total)} yuan; other districts hold "
                f"{format_yuan(others)} and the city itself committed {format_yuan(own)}, so "
                f"{code} can be given at most {format_yuan(max(room, 0))} yuan; nothing was changed.",
                f"{kind}资金池总额 {format_yuan(pool.total)} 元，其他区已分配 {format_yuan(others)} 元，"
                f"市级自身已承诺 {format_yuan(own)} 元，{code} 最多可分配 {format_yuan(max(room, 0))} 元，"
                "未作更改。",
                field="amount",
            )
        rep = reported_pools(peer).get(kind) or {}
        committed, disbursed = int(rep.get("committed", 0)), int(rep.get("disbursed", 0))
        used = committed + disbursed
        if amount < used:
            raise BudgetExceeded(
                f"{code} has already committed {format_yuan(committed)} and paid "
                f"{format_yuan(disbursed)} yuan of its {kind} share (as it last "
                f"reported); the share cannot be less than {format_yuan(used)} yuan; nothing was "
                "changed.",
                f"{code} 的{kind}份额已承诺 {format_yuan(committed)} 元、已拨付 "
                f"{format_yuan(disbursed)} 元（据其最近报告），份额不能低于 "
                f"{format_yuan(used)} 元，未作更改。",
                field="amount",
            )
        before = share.amount if share is not None else 0
        if share is None:
            s.add(BudgetShare(office_code=code, kind=kind, amount=amount))
        else:
            share.amount = amount
        record_event(
            s,
            actor,
            "pool.share",
            "pool",
            f"{code}:{kind}",
            before={"share": before},
            after={"share": amount},
        )
    return amount
