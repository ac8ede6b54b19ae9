"""Pictures of the Sync screen on a city and on a district, and of a district's Dashboard, in
English and in Chinese.

    .venv/bin/python docs/make_screenshots_sync.py [--out docs/screenshots]

Builds a city and two districts (PD, XH) in a temporary folder, gives them start-up grant shares,
has both districts grant the same team's start-up grant offline and sends their bundles to the
city, so that the city shows its districts, their shares and one conflict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stdnum.cn import uscc  # noqa: E402

from aitown.db import Database  # noqa: E402
from aitown.schema import open_database  # noqa: E402
from aitown.services import applications, leases, offices, sync, teams  # noqa: E402
from aitown.services.actor import Actor  # noqa: E402
from aitown.services.materials import mark_all_seen  # noqa: E402
from aitown.services.users import authenticate, create_user  # noqa: E402

PASSWORD = "admin-pass-1"
BODY = "91310115MA1FL5001"


def office_pair(db: Database, admin: Actor) -> tuple[Actor, Actor]:
    create_user(db, admin, "reviewer", "reviewer", PASSWORD)
    return admin, authenticate(db, "reviewer", PASSWORD)


def grant(db: Database, admin: Actor, reviewer: Actor, unit: str) -> None:
    today = dt.date.today()
    team = teams.create_team(
        db,
        admin,
        {
            "name_zh": "上海星图智能科技有限公司",
            "name_en": "Shanghai Xingtu Intelligence",
            "uscc": BODY + uscc.calc_check_digit(BODY),
            "legal_rep": "王伟",
            "founded_on": (today - dt.timedelta(days=900)).isoformat(),
            "district": "浦东新区",
            "headcount": "12",
            "ai_focus": "vertical_models",
        },
    )
    admitted = today - dt.timedelta(days=200)
    teams.set_team_status(db, admin, team, "admitted", admitted)
    space = leases.create_space(db, admin, "1号楼", unit, "150", "20000")
    leases.create_lease(db, admin, team, space, admitted, admitted + dt.timedelta(days=1000))
    rec = applications.record_application(db, admin, team, "startup_grant")
    mark_all_seen(db, admin, rec.application_id)  # the originals (issue 13.1)
    applications.submit_application(db, admin, rec.application_id)
    applications.approve_application(db, reviewer, rec.application_id, "ok")


def build(folder: Path) -> dict[str, tuple[Database, Actor]]:
    city = open_database(folder / "city.sqlite", create=True)
    sh = offices.initialise_city(
        city, code="SH", name_zh="上海市人工智能孵化管理中心", name_en="Shanghai AI Town Office",
        admin_name="admin", admin_password=PASSWORD,
    )  # fmt: skip
    out: dict[str, tuple[Database, Actor]] = {"SH": (city, sh)}
    for code, zh, en in (
        ("PD", "浦东新区人工智能孵化中心", "Pudong office"),
        ("XH", "徐汇区人工智能孵化中心", "Xuhui office"),
    ):
        path = offices.add_district(city, sh, code, name_zh=zh, name_en=en, out=folder / code)
        db = open_database(folder / f"{code}.sqlite", create=True)
        admin = offices.initialise_district(
            db, offices.read_enrolment(path), admin_name="admin", admin_password=PASSWORD
        )
        offices.share_pool(city, sh, code, "startup_grant", "2000000")
        offices.share_pool(city, sh, code, "compute_voucher", "50000000")
        sync.export_bundle(city, sh, folder / f"SH-{code}.zip", for_code=code)
        sync.import_bundle(db, admin, folder / f"SH-{code}.zip")
        out[code] = (db, admin)
    for code in ("PD", "XH"):  # both offline: neither knows the other's grant
        db, admin = out[code]
        grant(db, *office_pair(db, admin), code)
    for code in ("PD", "XH"):
        db, admin = out[code]
        sync.export_bundle(db, admin, folder / f"{code}-SH.zip")
        sync.import_bundle(city, sh, folder / f"{code}-SH.zip")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["AITOWN_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["AITOWN_LOG_DIR"] = str(Path(tmp) / "log")
        from docs.make_screenshots import SIZE, grab
        from ui.app import app_settings, apply_language, make_application
        from ui.context import DeskContext
        from ui.main_window import MainWindow

        app = make_application(["make_screenshots_sync"])
        offices_ = build(Path(tmp))
        try:
            for lang in ("en", "zh_CN"):
                apply_language(app, lang)
                for code, screen in (("SH", "sync"), ("PD", "sync"), ("PD", "dashboard")):
                    db, admin = offices_[code]
                    ctx = DeskContext(db=db, actor=admin, settings=app_settings(), lang=lang)
                    window = MainWindow(ctx)
                    window.show_screen(screen)
                    name = f"{screen}-{'city' if code == 'SH' else 'district'}-{lang}.png"
                    grab(window, args.out / name, SIZE)
                    window.close()
        finally:
            for db, _ in offices_.values():
                db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
