"""Realistic sample data for an empty database (``aitown-cli demo``, the GUI's first start).

About 60 teams with Chinese and English names and valid credit codes (most registered in Shanghai,
a few elsewhere), founded 1 to 7 years ago, members with talent tiers, two buildings of units,
leases, a desk user and a reviewer. A handful of teams are made to fail each admission rule so the
eligibility screen has something to explain. Everything is written through the services.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from stdnum.cn import ric, uscc

from aitown.db import Database
from aitown.enums import Role, TeamStatus
from aitown.errors import ConflictError, ValidationError
from aitown.models import Member, Team, User
from aitown.services import leases as lease_service
from aitown.services import members as member_service
from aitown.services import teams as team_service
from aitown.services import users as user_service
from aitown.services.actor import Actor

DEMO_PASSWORD = "demo-pass-1"

SHANGHAI_DISTRICTS = [
    ("310104", "徐汇区"),
    ("310115", "浦东新区"),
    ("310110", "杨浦区"),
    ("310112", "闵行区"),
    ("310106", "静安区"),
    ("310105", "长宁区"),
]
ELSEWHERE = [("110108", "北京市海淀区"), ("440305", "深圳市南山区"), ("330106", "杭州市西湖区")]

NAME_PARTS = [
    ("星河", "Galaxy"),
    ("云图", "CloudMap"),
    ("深蓝", "DeepBlue"),
    ("智源", "WisdomSource"),
    ("灵犀", "Lingxi"),
    ("天枢", "Tianshu"),
    ("墨子", "Mozi"),
    ("启明", "Qiming"),
    ("澜舟", "Lanzhou"),
    ("衡山", "Hengshan"),
    ("玄武", "Xuanwu"),
    ("青鸾", "Qingluan"),
    ("北辰", "Beichen"),
    ("芯动", "ChipMotion"),
    ("数澜", "DataWave"),
    ("知行", "Zhixing"),
    ("极光", "Aurora"),
    ("海豚", "Dolphin"),
    ("松果", "PineCone"),
    ("纵横", "Zongheng"),
]
BUSINESS = [
    ("智能科技有限公司", "Intelligent Technology Co., Ltd."),
    ("人工智能科技有限公司", "AI Technology Co., Ltd."),
    ("数据科技有限公司", "Data Technology Co., Ltd."),
    ("机器人有限公司", "Robotics Co., Ltd."),
    ("信息技术有限公司", "Information Technology Co., Ltd."),
]
FOCUS = [
    "foundation_models",
    "vertical_models",
    "ai_applications",
    "ai_infrastructure",
    "data_services",
    "embodied_intelligence",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "婷",
    "晨",
]
ROLES = [
    ("创始人兼CEO", True),
    ("联合创始人兼CTO", True),
    ("算法工程师", False),
    ("产品经理", False),
    ("数据工程师", False),
    ("研究员", False),
    ("运营", False),
]


def make_uscc(rng: random.Random, division: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + division + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def make_id_number(rng: random.Random, region: str = "310104") -> str:
    birth = dt.date(1975, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 25))
    body = region + birth.strftime("%Y%m%d") + f"{rng.randrange(0, 1000):03d}"
    return body + ric.calc_check_digit(body + "0")


@dataclass
class DemoSummary:
    teams: int
    members: int
    spaces: int
    leases: int
    users: list[str]
    applications: int = 0

    def __str__(self) -> str:
        return (
            f"Loaded demo data: {self.teams} teams, {self.members} members, {self.spaces} units, "
            f"{self.leases} leases, {self.applications} applications. Demo users {', '.join(self.users)} have the password {DEMO_PASSWORD}."
        )


def load_demo(
    db: Database, actor: Actor, *, teams: int = 60, seed: int = 2025, today: dt.date | None = None
) -> DemoSummary:
    """Fill an empty database (no teams yet) with sample data as ``actor`` (an administrator)."""
    actor.require("demo.load")
    today = today or dt.date.today()
    existing_users = _refuse_unless_empty(db)
    rng = random.Random(seed)
    users = _demo_users(db, actor, existing_users)
    spaces = _demo_spaces(db, actor, rng)

    member_count = 0
    lease_count = 0
    used_names: set[str] = set()
    free_spaces = list(spaces)
    rng.shuffle(free_spaces)
    ending_soon: list[int] = []
    for i in range(teams):
        flaw = _flaw(i)
        values, founded, headcount = _team_values(rng, i, flaw, today, used_names)
        try:
            team_id = team_service.create_team(db, actor, values)
        except (ConflictError, ValidationError):
            continue
        if flaw == "dishonest":
            _mark_dishonest(db, actor, team_id)
        member_count += _demo_members(db, actor, rng, team_id, founded, headcount, today)
        # Most Shanghai teams are admitted and lease a unit; a few are still applicants.
        if flaw or rng.random() < 0.15:
            continue
        lease_count += _admit_and_lease(
            db, actor, rng, team_id, founded, today, free_spaces, ending_soon
        )
    applications = _demo_applications(db, rng, today, ending_soon)
    _demo_tenancy(db, today)
    with db.read() as s:
        team_total = s.scalar(select(func.count()).select_from(Team)) or 0
    return DemoSummary(team_total, member_count, len(spaces), lease_count, users, applications)


def _refuse_unless_empty(db: Database) -> set[str]:
    """Refuse a database that holds teams; the names of the users it already has."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Team)):
            raise ConflictError(
                "The database already holds teams; demo data goes only into an empty database.",
                "数据库中已有团队；演示数据只能加载到空数据库。",
            )
        return set(s.scalars(select(User.name)))


def _demo_users(db: Database, actor: Actor, existing_users: set[str]) -> list[str]:
    """The demo desk and reviewer users (password DEMO_PASSWORD), unless they exist already."""
    users = []
    for name, role in (("desk", Role.DESK), ("reviewer", Role.REVIEWER)):
        if name not in existing_users:
            user_service.create_user(db, actor, name, role, DEMO_PASSWORD)
        users.append(name)
    return users


def _demo_spaces(db: Database, actor: Actor, rng: random.Random) -> list[tuple[int, int]]:
    """The units of two buildings: (space id, monthly rent fen) each."""
    spaces: list[tuple[int, int]] = []
    for building, floors in (("张江AI小镇1号楼", 4), ("漕河泾AI小镇2号楼", 3)):
        for floor in range(1, floors + 1):
            for room in range(1, 6):
                area = rng.choice([80, 120, 150, 200, 260, 320, 450])
                rent_per_m2 = rng.choice([120, 150, 180])
                rent = area * rent_per_m2
                sid = lease_service.create_space(
                    db, actor, building, f"{floor}{room:02d}", str(area), str(rent)
                )
                spaces.append((sid, rent * 100))
    return spaces


def _flaw(i: int) -> str | None:
    """Every tenth team is made to fail one admission rule, so "why not?" has answers to show."""
    if i % 10 != 9:
        return None
    return ["elsewhere", "too_old", "too_small", "not_ai", "dishonest", "too_big"][(i // 10) % 6]


NAME_ATTEMPTS = 40
EXTRA_BRAND = "元新智数云创达远恒泰"


def _extra_brand_characters() -> Iterator[str]:
    """ "元", "新", … then "元元", "元新", …: as many distinct additions as a brand may need."""
    for length in itertools.count(1):
        for chars in itertools.product(EXTRA_BRAND, repeat=length):
            yield "".join(chars)


def _team_values(
    rng: random.Random, i: int, flaw: str | None, today: dt.date, used_names: set[str]
) -> tuple[dict[str, Any], dt.date, int]:
    """The registration form of the ``i``-th demo team; its founding date and headcount."""
    division, district = (
        rng.choice(ELSEWHERE) if flaw == "elsewhere" else rng.choice(SHANGHAI_DISTRICTS)
    )
    for attempt in itertools.count():
        zh_part, en_part = rng.choice(NAME_PARTS)
        suffix_zh, suffix_en = rng.choice(BUSINESS)
        city_zh = "上海" if division.startswith("31") else district[:2]
        name_zh = f"{city_zh}{zh_part}{suffix_zh}"
        if attempt >= NAME_ATTEMPTS:
            # The word lists give a few hundred names: past them (a large --teams), a brand
            # takes extra characters, deterministically, until the name is free.
            name_zh = next(
                n
                for extra in _extra_brand_characters()
                if (n := f"{city_zh}{zh_part}{extra}{suffix_zh}") not in used_names
            )
        if name_zh not in used_names:
            used_names.add(name_zh)
            break
        rng.choice("元新智数")  # kept: the draws of the default demo stay as they were
    city_en = (
        "Shanghai"
        if division.startswith("31")
        else {"北京": "Beijing", "深圳": "Shenzhen", "杭州": "Hangzhou"}[district[:2]]
    )
    name_en = f"{city_en} {en_part} {suffix_en}"
    years = rng.uniform(1.0, 4.7) if flaw != "too_old" else rng.uniform(5.3, 7.0)
    founded = today - dt.timedelta(days=int(years * 365.25))
    headcount = rng.randint(5, 80)
    if flaw == "too_small":
        headcount = 2
    elif flaw == "too_big":
        headcount = 260
    focus = "blockchain" if flaw == "not_ai" else rng.choice(FOCUS)
    rep = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN])
    values = {
        "name_zh": name_zh,
        "name_en": name_en,
        "uscc": make_uscc(rng, division),
        "legal_rep": rep,
        "founded_on": founded.isoformat(),
        "district": district,
        "headcount": headcount,
        "ai_focus": focus,
        "phone": f"021-{rng.randint(50000000, 69999999)}",
        "email": f"contact{i + 1}@{en_part.lower()}-ai.cn",
    }
    return values, founded, headcount


def _mark_dishonest(db: Database, actor: Actor, team_id: int) -> None:
    with db.read() as s:
        team = s.get(Team, team_id)
        assert team is not None  # created just before
        version = team.version
    team_service.update_team(db, actor, team_id, version, {"dishonest": True})


def _demo_members(
    db: Database,
    actor: Actor,
    rng: random.Random,
    team_id: int,
    founded: dt.date,
    headcount: int,
    today: dt.date,
) -> int:
    """Members: the founder first; some founders hold talent tier A. How many were added."""
    n_members = min(headcount, rng.randint(3, 6))
    for m in range(n_members):
        role, founder = ROLES[min(m, len(ROLES) - 1)] if m < 2 else rng.choice(ROLES[2:])
        tier = (
            rng.choice(["A", "B", "C", None, None])
            if founder
            else rng.choice(["B", "C", None, None, None])
        )
        joined = founded + dt.timedelta(days=rng.randint(0, max(1, (today - founded).days - 30)))
        member_service.add_member(
            db,
            actor,
            team_id,
            {
                "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]),
                "role": role,
                "is_founder": founder,
                "full_time": founder or rng.random() > 0.2,
                "talent_tier": tier,
                "id_number": make_id_number(rng),
                "joined_on": (founded if founder else joined).isoformat(),
                "phone": f"139{rng.randint(10000000, 99999999)}",
            },
        )
    return n_members


def _admit_and_lease(
    db: Database,
    actor: Actor,
    rng: random.Random,
    team_id: int,
    founded: dt.date,
    today: dt.date,
    free_spaces: list[tuple[int, int]],
    ending_soon: list[int],
) -> int:
    """Admit the team and, mostly, lease it a free unit (1 if a lease was made, else 0)."""
    admitted = max(founded + dt.timedelta(days=30), today - dt.timedelta(days=rng.randint(30, 700)))
    team_service.set_team_status(db, actor, team_id, TeamStatus.ADMITTED, admitted)
    # A few units stay vacant, so occupancy is not always full.
    if not (len(free_spaces) > 3 and rng.random() < 0.9):
        return 0
    space_id, _rent = free_spaces.pop()
    end = (
        admitted.replace(year=admitted.year + 3) - dt.timedelta(days=1)
        if not (admitted.month == 2 and admitted.day == 29)
        else admitted + dt.timedelta(days=3 * 365)
    )
    if len(ending_soon) < 3 and (today - admitted).days > 90:
        # Some leases (and so their rent waivers) end within 60 days.
        end = today + dt.timedelta(days=rng.randint(15, 55))
        ending_soon.append(team_id)
    lease_service.create_lease(db, actor, team_id, space_id, admitted, end)
    return 1


def _demo_applications(
    db: Database, rng: random.Random, today: dt.date, waived_teams: list[int]
) -> int:
    """Applications in every state: recorded by the demo desk user, decided by the demo reviewer."""
    from aitown.errors import DeskError
    from aitown.services import applications as app_service
    from aitown.services.materials import mark_all_seen

    desk = user_service.authenticate(db, "desk", DEMO_PASSWORD)
    reviewer = user_service.authenticate(db, "reviewer", DEMO_PASSWORD)
    with db.read() as s:
        teams = list(s.execute(select(Team.id, Team.status).order_by(Team.id)))
        founders = {
            m.team_id: m.id
            for m in s.scalars(
                select(Member).where(Member.is_founder.is_(True)).order_by(Member.id.desc())
            )
        }
    vendors = [make_uscc(rng, "310115") for _ in range(5)]
    count = 0
    for n, (team_id, status) in enumerate(teams):
        kinds = (
            ["compute_voucher"]
            if status != "admitted"
            else [
                ("rent_waiver", "startup_grant")[n % 2],
                rng.choice(["compute_voucher", "model_voucher", "corpus_voucher"]),
            ]
        )
        if status == "admitted" and n % 3 == 0 and team_id in founders:
            kinds.append("talent_award")
        if team_id in waived_teams:
            kinds = ["rent_waiver"]
        for kind in kinds:
            fields: dict[str, Any] = {}
            if kind.endswith("_voucher"):
                start = today - dt.timedelta(days=rng.randint(10, 120))
                fields = {
                    "contract_amount": str(
                        rng.choice([80_000, 250_000, 600_000, 1_200_000, 3_500_000])
                    ),
                    "vendor_uscc": rng.choice(vendors),
                    "vendor_name": "上海算力服务有限公司",
                    "vendor_legal_rep": "钱七",
                    "contract_start": start,
                    "contract_end": start + dt.timedelta(days=rng.choice([90, 180, 365])),
                }
            if kind == "talent_award":
                fields = {"member_id": founders[team_id]}
            try:
                rec = app_service.record_application(db, desk, team_id, kind, **fields)
                count += 1
                fate = 0.6 if team_id in waived_teams else rng.random()
                if fate < 0.15:
                    continue  # stays a draft
                # The desk saw every original the policy asks for (issue 13.1).
                mark_all_seen(db, desk, rec.application_id)
                app_service.submit_application(db, desk, rec.application_id)
                if fate < 0.45:
                    continue  # waits for a reviewer
                if rec.amount_fen is None:
                    app_service.reject_application(db, reviewer, rec.application_id, "")
                    continue
                app_service.approve_application(db, reviewer, rec.application_id, "")
                if kind in PUBLICITY_DEMO_KINDS:
                    _publicity(db, rec.application_id, today, passed=fate > 0.6)
                if fate > 0.8:
                    app_service.disburse_application(db, reviewer_admin(db), rec.application_id)
            except DeskError:
                continue
    return count


# The default policy's publicity benefits (issue 13.5): a demo grant or award is under publicity
# (opened today) or has passed it (opened three weeks ago, closed without objection).
PUBLICITY_DEMO_KINDS = ("startup_grant", "talent_award")


def _publicity(db: Database, app_id: int, today: dt.date, *, passed: bool) -> None:
    from aitown.services.publicity import close_publicity, open_publicity

    admin = reviewer_admin(db)
    opened = today - dt.timedelta(days=21) if passed else today
    open_publicity(db, admin, application_id=app_id, on=opened)
    if passed:
        close_publicity(db, admin, application_id=app_id, today=today)


def _demo_tenancy(db: Database, today: dt.date) -> None:
    """Rent paid (a few tenants behind), units held, a return for correction (issues 13, 14)."""
    from aitown import demo_tenancy

    desk = user_service.authenticate(db, "desk", DEMO_PASSWORD)
    demo_tenancy.add_rent_payments(db, desk, today)
    demo_tenancy.add_unit_holds(db, desk, today)
    demo_tenancy.add_review_steps(db, user_service.authenticate(db, "reviewer", DEMO_PASSWORD))


def reviewer_admin(db: Database) -> Actor:
    """The administrator who records payments in the demo (the first administrator)."""
    from aitown.services.users import actor_for

    with db.read() as s:
        admin = s.scalar(select(User).where(User.role == "administrator").order_by(User.id))
        assert admin is not None
        return actor_for(admin)
