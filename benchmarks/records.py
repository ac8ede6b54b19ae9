"""Rows of a realistic city-scale database, as tuples for ``executemany`` (no database here).

Everything derives from one ``random.Random(seed)``, so the same size and seed give the same data.
Dates are measured back from :data:`REFERENCE_DAY`, not from today, for the same reason; the
benchmarks check eligibility on that day.

What a team gets: ~4 members (founders first, talent tiers, identity-card numbers with valid check
digits), a lease of its own unit when it was ever admitted, ~3 applications of varied benefits and
statuses with amounts in fen, and the notices those decisions issued (admission, grant/voucher/
award letters, rejections, revocations) — each notice holds a small *placeholder* PDF (one empty
page, ~400 bytes), not a rendered letter, so that 300,000 notices stay a few hundred megabytes.
About one team in ten fails an admission rule (registered elsewhere, too old, too small or too big,
off-list AI focus, on the dishonest list, or never checked against it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from stdnum.cn import ric, uscc

from benchmarks import vocabulary as v

REFERENCE_DAY = dt.date(2026, 11, 1)
# "Now" for the rows' time stamps: the morning of the reference day.
GENERATED_AT = dt.datetime.combine(REFERENCE_DAY, dt.time(9, 0))
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
NOTICE_KIND = {
    "rent_waiver": "rent_waiver",
    "startup_grant": "startup_grant",
    "compute_voucher": "voucher_compute",
    "model_voucher": "voucher_model",
    "corpus_voucher": "voucher_corpus",
    "talent_award": "talent_award",
}
# How an application's benefit is chosen (rent waivers need a lease, awards a tiered member).
BENEFIT_WEIGHTS = (
    ("compute_voucher", 30),
    ("model_voucher", 15),
    ("corpus_voucher", 10),
    ("rent_waiver", 15),
    ("startup_grant", 15),
    ("talent_award", 15),
)
STATUS_WEIGHTS = (
    ("draft", 8),
    ("submitted", 17),
    ("approved", 20),
    ("rejected", 15),
    ("disbursed", 35),
    ("revoked", 5),
)
TIER_AWARD_YUAN = {"A": 500_000, "B": 200_000, "C": 100_000}
PER_TEAM_APPLICATIONS = (0, 1, 2, 3, 3, 4, 4, 5, 6)  # mean ≈ 3.1


def day(d: dt.date | None) -> str | None:
    """A date as SQLAlchemy stores it in SQLite."""
    return d.isoformat() if d is not None else None


def stamp(t: dt.datetime | None) -> str | None:
    """A datetime as SQLAlchemy stores it in SQLite."""
    return t.strftime("%Y-%m-%d %H:%M:%S.%f") if t is not None else None


def make_uscc(rng: random.Random, division: str) -> str:
    body = "91" + division + "".join(rng.choices(USCC_ALPHABET, k=9))
    return body + uscc.calc_check_digit(body)


def make_id_number(rng: random.Random, born: dt.date) -> str:
    body = rng.choice(v.ID_REGIONS) + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    # calc_check_digit expects the whole number: the body plus any placeholder check character.
    return body + ric.calc_check_digit(body + "0")


def person_name(rng: random.Random) -> str:
    given = rng.choice(v.GIVEN) + (rng.choice(v.GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(v.SURNAMES) + given


def placeholder_pdf(label: str) -> bytes:
    """A valid one-page empty PDF whose title is ``label`` (ASCII): stands in for a notice."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Title (" + label.encode("ascii") + b") /Producer (aitown benchmarks) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@dataclass
class Context:
    """What the rows point at: the office, its users and policy, the notice numbering."""

    office_id: int
    admin_id: int
    desk_id: int
    reviewer_id: int
    doc_prefix: str
    policy_id: str
    policy_version: str
    rng: random.Random
    now: dt.datetime = GENERATED_AT
    serials: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    pool_sums: dict[str, list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0])  # committed, disbursed, released
    )
    used_names: set[str] = field(default_factory=set)
    used_codes: set[str] = field(default_factory=set)
    vendors: list[tuple[str, str, str]] = field(default_factory=list)  # (uscc, name, legal rep)

    def uid(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"


@dataclass
class Rows:
    """The rows of one team and everything that hangs off it, per table."""

    team: list[tuple[object, ...]] = field(default_factory=list)
    related_party: list[tuple[object, ...]] = field(default_factory=list)
    member: list[tuple[object, ...]] = field(default_factory=list)
    space: list[tuple[object, ...]] = field(default_factory=list)
    lease: list[tuple[object, ...]] = field(default_factory=list)
    application: list[tuple[object, ...]] = field(default_factory=list)
    notice: list[tuple[object, ...]] = field(default_factory=list)

    def extend(self, other: Rows) -> None:
        for name in self.__dataclass_fields__:
            getattr(self, name).extend(getattr(other, name))

    def total(self) -> int:
        return sum(len(getattr(self, name)) for name in self.__dataclass_fields__)


COLUMNS: dict[str, tuple[str, ...]] = {
    "team": (
        "id", "uid", "office_id", "name_zh", "name_en", "uscc", "legal_rep", "founded_on",
        "district", "headcount", "ai_focus", "phone", "email", "status", "admitted_on", "left_on",
        "dishonest", "notes", "created_at", "updated_at", "version",
    ),
    "related_party": ("uid", "office_id", "team_id", "kind", "name", "uscc", "legal_rep"),
    "member": (
        "id", "uid", "office_id", "team_id", "name", "id_number", "phone", "role", "is_founder",
        "full_time", "talent_tier", "joined_on", "left_on", "version",
    ),
    "space": (
        "id", "uid", "office_id", "building", "unit", "area_hundredths", "monthly_rent", "active",
        "version",
    ),
    "lease": (
        "id", "uid", "office_id", "team_id", "space_id", "start_on", "end_on", "ended_on",
        "monthly_rent", "version",
    ),
    "application": (
        "id", "uid", "office_id", "team_id", "benefit", "status", "applied_on", "amount",
        "contract_amount", "vendor_uscc", "vendor_name", "vendor_legal_rep", "contract_start",
        "contract_end", "lease_id", "member_id", "recorded_by", "submitted_at", "decided_by",
        "decided_at", "decision_reason", "eligibility_json", "policy_id", "policy_version",
        "disbursed_at", "revoked_at", "repayment_amount", "created_at", "version",
    ),
    "notice": (
        "id", "uid", "office_id", "kind", "team_id", "application_id", "revokes_notice_id",
        "doc_year", "doc_serial", "doc_number", "sha256", "verification_code", "content_json",
        "pdf", "issued_by", "issued_at",
    ),
}  # fmt: skip


class Ids:
    """Next id per table: rows carry explicit ids so that children can point at parents."""

    def __init__(self) -> None:
        self._last: dict[str, int] = defaultdict(int)

    def next(self, table: str) -> int:
        self._last[table] += 1
        return self._last[table]


def team_rows(ctx: Context, ids: Ids, count: int) -> Iterator[Rows]:
    """The rows of ``count`` teams, one :class:`Rows` per team."""
    for _ in range(count):
        yield _one_team(ctx, ids)


def team_name(ctx: Context, city_zh: str, city_en: str) -> tuple[str, str]:
    rng = ctx.rng
    business_zh, business_en = rng.choice(v.BUSINESS)
    for length in (2, 2, 3, 3, 3, 4, 4, 4, 4, 4):
        chars = rng.sample(v.BRAND_CHARS, k=length)  # no repeated character
        brand_zh = "".join(c for c, _ in chars)
        name_zh = f"{city_zh}{brand_zh}{business_zh}"
        if name_zh not in ctx.used_names:
            ctx.used_names.add(name_zh)
            brand_en = "".join(p for _, p in chars).capitalize()
            return name_zh, f"{city_en} {brand_en} {business_en}"
    raise RuntimeError("ran out of team names")  # 60·59·58·57 brands: not at 100,000


def unique_uscc(ctx: Context, division: str) -> str:
    while True:
        code = make_uscc(ctx.rng, division)
        if code not in ctx.used_codes:
            ctx.used_codes.add(code)
            return code


def _one_team(ctx: Context, ids: Ids) -> Rows:
    rng, rows = ctx.rng, Rows()
    team_id = ids.next("team")
    flaw = (
        rng.choice(("elsewhere", "too_old", "size", "focus", "dishonest", "unchecked"))
        if (rng.random() < 0.1)
        else None
    )
    if flaw == "elsewhere":
        division, city_zh, city_en, district = rng.choice(v.ELSEWHERE)
    else:
        division, district = rng.choice(v.SHANGHAI_DISTRICTS)
        city_zh, city_en = "上海", "Shanghai"
    name_zh, name_en = team_name(ctx, city_zh, city_en)
    years = rng.uniform(5.2, 8.0) if flaw == "too_old" else rng.uniform(0.5, 4.8)
    founded = REFERENCE_DAY - dt.timedelta(days=int(years * 365.25))
    headcount = rng.choice((2, 240)) if flaw == "size" else rng.randint(5, 120)
    status = rng.choices(
        ("applicant", "admitted", "graduated", "withdrawn", "expelled"), (15, 65, 10, 7, 3)
    )[0]
    admitted = None
    if status != "applicant":
        earliest = founded + dt.timedelta(days=30)
        admitted = max(earliest, REFERENCE_DAY - dt.timedelta(days=rng.randint(60, 1400)))
        admitted = min(admitted, REFERENCE_DAY - dt.timedelta(days=10))
    left = None
    if status in ("graduated", "withdrawn", "expelled") and admitted is not None:
        left = admitted + dt.timedelta(days=rng.randint(1, max(2, (REFERENCE_DAY - admitted).days)))
    legal_rep = person_name(rng)
    created = ctx.now - dt.timedelta(days=rng.randint(0, 900))
    rows.team.append(
        (
            team_id, ctx.uid(), ctx.office_id, name_zh, name_en, unique_uscc(ctx, division),
            legal_rep, day(founded), district, headcount,
            v.OFF_LIST_FOCUS if flaw == "focus" else rng.choice(v.FOCUS),
            f"021-{rng.randint(50000000, 69999999)}", f"contact{team_id}@{name_en.split()[1].lower()}-ai.cn",
            status, day(admitted), day(left),
            None if flaw == "unchecked" else flaw == "dishonest",
            "", stamp(created), stamp(created), 1,
        )
    )  # fmt: skip
    if rng.random() < 0.2:
        for _ in range(rng.randint(1, 2)):
            rows.related_party.append(
                (ctx.uid(), ctx.office_id, team_id, "shareholder",
                 team_name(ctx, "上海", "Shanghai")[0], unique_uscc(ctx, "310115"),
                 person_name(rng))
            )  # fmt: skip
    members = _members(ctx, ids, rows, team_id, founded, headcount, legal_rep)
    lease = _lease(ctx, ids, rows, team_id, admitted, left) if admitted else None
    for _ in range(rng.choice(PER_TEAM_APPLICATIONS)):
        _application(ctx, ids, rows, team_id, name_zh, founded, members, lease)
    if admitted is not None:
        _notice(ctx, ids, rows, "admission", team_id, name_zh, None, None, admitted)
    return rows


def _members(
    ctx: Context, ids: Ids, rows: Rows, team_id: int, founded: dt.date, headcount: int, rep: str
) -> list[tuple[int, str | None]]:
    """Add the team's members; return (member id, talent tier) of each."""
    rng = ctx.rng
    n = min(headcount, rng.choices((2, 3, 4, 5, 6), (10, 25, 30, 20, 15))[0])
    out = []
    for m in range(n):
        founder = m < 2
        member_id = ids.next("member")
        tier = (
            rng.choice(("A", "B", "C", None, None))
            if founder
            else rng.choice(("B", "C", None, None, None))
        )
        born = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(365 * 32))
        joined = founded if founder else founded + dt.timedelta(
            days=rng.randint(0, max(1, (REFERENCE_DAY - founded).days - 30))
        )  # fmt: skip
        left = (
            joined + dt.timedelta(days=rng.randint(30, 400))
            if not founder and rng.random() < 0.1
            else None
        )
        rows.member.append(
            (
                member_id, ctx.uid(), ctx.office_id, team_id, rep if m == 0 else person_name(rng),
                make_id_number(rng, born), f"139{rng.randint(10000000, 99999999)}",
                v.FOUNDER_ROLES[m] if founder else rng.choice(v.MEMBER_ROLES), founder,
                founder or rng.random() > 0.2, tier, day(joined),
                day(left) if left and left < REFERENCE_DAY else None, 1,
            )
        )  # fmt: skip
        out.append((member_id, tier))
    return out


def _lease(
    ctx: Context, ids: Ids, rows: Rows, team_id: int, start: dt.date, left: dt.date | None
) -> tuple[int, int]:
    """A unit of its own and a three-year lease from admission; returns (lease id, rent fen)."""
    rng = ctx.rng
    space_id = ids.next("space")
    area = rng.choice((60, 80, 120, 150, 200, 260, 320, 450))
    rent = area * rng.choice((120, 150, 180)) * 100  # fen a month
    building = f"{v.BUILDINGS[space_id % len(v.BUILDINGS)]}{space_id // 600 + 1}号楼"
    unit = f"{(space_id % 600) // 20 + 1}{space_id % 20 + 1:02d}"
    rows.space.append(
        (space_id, ctx.uid(), ctx.office_id, building, unit, area * 100, rent, True, 1)
    )
    lease_id = ids.next("lease")
    end = start + dt.timedelta(days=3 * 365 - 1)
    ended = left if left is not None and left < end else None
    rows.lease.append(
        (lease_id, ctx.uid(), ctx.office_id, team_id, space_id, day(start), day(end), day(ended),
         rent, 1)
    )  # fmt: skip
    return lease_id, rent


def _application(
    ctx: Context,
    ids: Ids,
    rows: Rows,
    team_id: int,
    team_name: str,
    founded: dt.date,
    members: list[tuple[int, str | None]],
    lease: tuple[int, int] | None,
) -> None:
    rng = ctx.rng
    benefit = rng.choices(*zip(*BENEFIT_WEIGHTS, strict=True))[0]
    tiered = [(mid, tier) for mid, tier in members if tier]
    if benefit == "rent_waiver" and lease is None or benefit == "talent_award" and not tiered:
        benefit = "compute_voucher"
    status = rng.choices(*zip(*STATUS_WEIGHTS, strict=True))[0]
    applied = max(founded, REFERENCE_DAY - dt.timedelta(days=rng.randint(5, 720)))
    app_id = ids.next("application")
    amount = contract = vendor = start = end = lease_id = member_id = None
    if benefit == "rent_waiver" and lease is not None:
        lease_id, rent = lease
        amount = rent * 12 + rent // 2 * 12  # §2.2: 100 % for a year, then 50 % for a year
    elif benefit == "startup_grant":
        amount = rng.choice((100_000, 200_000, 300_000)) * 100
    elif benefit == "talent_award":
        member_id, tier = rng.choice(tiered)
        amount = TIER_AWARD_YUAN[tier or "C"] * 100
    else:
        contract = rng.randint(50, 5000) * 1000 * 100
        amount = min(contract * 3 // 10, 1_000_000 * 100)
        vendor = rng.choice(ctx.vendors)
        start = applied - dt.timedelta(days=rng.randint(0, 60))
        end = start + dt.timedelta(days=364)
    submitted = decided = disbursed = revoked = None
    decided_by = None
    if status != "draft":
        submitted = dt.datetime.combine(applied, dt.time(10, rng.randint(0, 59)))
    if status in ("approved", "rejected", "disbursed", "revoked"):
        decided = submitted + dt.timedelta(days=rng.randint(3, 40))  # type: ignore[operator]
        decided_by = ctx.reviewer_id
    if status in ("disbursed", "revoked"):
        disbursed = decided + dt.timedelta(days=rng.randint(5, 30))  # type: ignore[operator]
    if status == "revoked":
        revoked = disbursed + dt.timedelta(days=rng.randint(30, 200))  # type: ignore[operator]
    sums = ctx.pool_sums[benefit]
    if status == "approved":
        sums[0] += amount or 0
    elif status == "disbursed":
        sums[1] += amount or 0
    elif status == "revoked":
        sums[2] += amount or 0
    reason = "不符合第1.4条：团队人数不足" if status == "rejected" else ""
    rows.application.append(
        (
            app_id, ctx.uid(), ctx.office_id, team_id, benefit, status, day(applied),
            None if status == "draft" else amount, contract,
            vendor[0] if vendor else None, vendor[1] if vendor else None,
            vendor[2] if vendor else None, day(start), day(end), lease_id, member_id,
            ctx.desk_id, stamp(submitted), decided_by, stamp(decided), reason, None,
            ctx.policy_id, ctx.policy_version, stamp(disbursed), stamp(revoked),
            amount if status == "revoked" else None,
            stamp(dt.datetime.combine(applied, dt.time(9, 30))), 1,
        )
    )  # fmt: skip
    if decided is None:
        return
    if status == "rejected":
        _notice(ctx, ids, rows, "rejection", team_id, team_name, app_id, None, decided.date())
        return
    granted = _notice(
        ctx, ids, rows, NOTICE_KIND[benefit], team_id, team_name, app_id, None, decided.date()
    )
    if revoked is not None:
        _notice(ctx, ids, rows, "revocation", team_id, team_name, app_id, granted, revoked.date())


def _notice(
    ctx: Context,
    ids: Ids,
    rows: Rows,
    kind: str,
    team_id: int,
    team_name: str,
    application_id: int | None,
    revokes: int | None,
    on: dt.date,
) -> int:
    notice_id = ids.next("notice")
    ctx.serials[on.year] += 1
    serial = ctx.serials[on.year]
    number = f"{ctx.doc_prefix}〔{on.year}〕{serial}号"
    pdf = placeholder_pdf(f"AITOWN-{on.year}-{serial:06d}")
    code = "".join(ctx.rng.choices(USCC_ALPHABET[10:], k=12))
    content = json.dumps(
        {"kind": kind, "document_number": number, "addressee_zh": team_name, "issue_date": day(on)},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    rows.notice.append(
        (
            notice_id, ctx.uid(), ctx.office_id, kind, team_id, application_id, revokes, on.year,
            serial, number, hashlib.sha256(pdf).hexdigest(), f"{code[:4]}-{code[4:8]}-{code[8:]}",
            content, pdf, ctx.reviewer_id, stamp(dt.datetime.combine(on, dt.time(15, 0))),
        )
    )  # fmt: skip
    return notice_id
