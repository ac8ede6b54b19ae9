"""Pictures of every main screen at 1366×768, in English and in Chinese.

    .venv/bin/python docs/make_screenshots.py [--out docs/screenshots]

Builds a demo database in a temporary folder (aitown.demo, seed 2025, plus a few applications
decided through the services so the screens have something to show), opens each screen of the
main window offscreen as the administrator, and writes ``<screen>-<lang>.png``: the screens of
ui/screens.py, a team's detail tabs, and the team form refusing a bad credit code. Needs no display: it runs on Qt's offscreen
platform with the shipped Chinese font.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from aitown.db import Database  # noqa: E402
from aitown.schema import open_database  # noqa: E402
from aitown.services.actor import Actor  # noqa: E402
from aitown.services.materials import mark_all_seen  # noqa: E402
from aitown.services.office import initialise_office  # noqa: E402
from aitown.services.users import authenticate  # noqa: E402

if TYPE_CHECKING:
    from ui.context import DeskContext

SIZE = (1366, 768)
DETAIL_SIZE = (1100, 720)
LANGS = ("en", "zh_CN")


def build_demo(folder: Path) -> tuple[Database, Actor]:
    from aitown.demo import DEMO_PASSWORD, load_demo

    db = open_database(folder / "demo.sqlite", create=True)
    admin = initialise_office(
        db,
        code="XH01",
        name_zh="徐汇区人工智能孵化中心",
        name_en="Xuhui AI Town Incubation Centre",
        doc_prefix="徐汇AI孵",
        admin_name="admin",
        admin_password="admin-pass-1",
    )
    load_demo(db, admin, teams=60, seed=2025)
    decide_some_applications(db, authenticate(db, "desk", DEMO_PASSWORD),
                             authenticate(db, "reviewer", DEMO_PASSWORD))  # fmt: skip
    issue_some_notices(db, admin)
    make_payment_lists(db, admin)
    return db, admin


def decide_some_applications(db: Database, desk: Actor, reviewer: Actor) -> None:
    """A few rent waivers and start-up grants through the real lifecycle, where eligible."""
    try:
        from aitown.services import applications
    except ImportError:
        return
    from aitown.errors import DeskError
    from aitown.services.teams import TeamQuery, search_teams

    admitted = search_teams(db, TeamQuery(status="admitted", sort="id", limit=40))
    done = 0
    for row in admitted:
        benefit = "rent_waiver" if done % 2 == 0 else "startup_grant"
        try:
            app = applications.record_application(db, desk, row.id, benefit)
            mark_all_seen(db, desk, app.application_id)  # the originals (issue 13.1)
            applications.submit_application(db, desk, app.application_id)
            if app.amount_fen is not None and done < 8:
                applications.approve_application(db, reviewer, app.application_id)
            done += 1
        except DeskError:
            continue
        if done >= 12:
            break


def issue_some_notices(db: Database, admin: Actor) -> None:
    """The award notices of the approved applications, so the Notices screen has some."""
    try:
        from aitown.services import applications, notices
    except ImportError:
        return
    from aitown.errors import DeskError

    for row in applications.list_applications(db, status="approved"):
        try:
            notices.issue_notice(db, admin, row.id)
        except DeskError:
            continue


def make_payment_lists(db: Database, admin: Actor) -> None:
    """A paid payment list and one waiting, from the applications awarded by notice (issue 13)."""
    import datetime as dt

    from aitown.errors import DeskError
    from aitown.policy.payout_rules import PAYABLE_BENEFITS
    from aitown.services import payments

    built: list[int] = []
    for benefit in PAYABLE_BENEFITS:
        try:
            built.append(payments.build_payment_list(db, admin, benefit))
        except DeskError:
            continue
    if len(built) > 1:
        payments.pay_payment_list(
            db, admin, built[0], paid_on=dt.date.today(), reference="ICBC-2025-000183"
        )


def grab(widget: QWidget, path: Path, size: tuple[int, int]) -> None:
    widget.resize(*size)
    widget.show()
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):  # let layouts and lazy models settle before the picture
        app.processEvents()
    widget.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def shoot_language(app: QApplication, db: Database, admin: Actor, lang: str, out: Path) -> None:
    from aitown.services.reports import ReportKind
    from ui.app import app_settings, apply_language
    from ui.context import DeskContext
    from ui.main_window import MainWindow
    from ui.tasks import set_synchronous
    from ui.views.team_detail import TeamDetailWindow

    apply_language(app, lang)
    set_synchronous(True)  # background loads (Reports, matching) finish before each picture
    ctx = DeskContext(db=db, actor=admin, settings=app_settings(), lang=lang)
    window = MainWindow(ctx)
    for screen in window.screens:
        window.show_screen(screen.key)
        grab(window, out / f"{screen.key}-{lang}.png", SIZE)
    # Spaces and leases: the unit board is its first tab; the list and the leases ending too.
    spaces = window.show_screen("spaces")
    pick_unit(spaces.board)
    grab(window, out / f"spaces-{lang}.png", SIZE)
    for tab, name in ((spaces.spaces, "list"), (spaces.ending, "ending")):
        spaces.tabs.setCurrentWidget(tab)
        grab(window, out / f"spaces-{name}-{lang}.png", SIZE)
    spaces.tabs.setCurrentIndex(0)
    # Settings keeps the policy file and the backups on its last tab.
    settings = window.show_screen("settings")
    settings.tabs.setCurrentIndex(settings.tabs.count() - 1)
    grab(window, out / f"settings-policy-backups-{lang}.png", SIZE)
    # Reports: the tenants report with its chart, and policy matching run over every team.
    reports = window.show_screen("reports")
    reports.reports.kind.setCurrentIndex(reports.reports.kind.findData(ReportKind.TENANTS))
    grab(window, out / f"reports-tenants-{lang}.png", SIZE)
    reports.tabs.setCurrentWidget(reports.matching)
    reports.matching.load()
    grab(window, out / f"reports-matching-{lang}.png", SIZE)
    reports.tabs.setCurrentIndex(0)
    reports.reports.kind.setCurrentIndex(0)
    shoot_materials(ctx, out, lang)

    teams = window.show_screen("teams")
    team_id = pick_team(db)
    detail = TeamDetailWindow(ctx, team_id, window)
    names = {
        detail.profile: "profile",
        detail.members: "members",
        detail.leases: "leases",
        detail.rent: "rent",
        detail.applications: "applications",
        detail.eligibility: "eligibility",
        detail.notices: "notices",
        detail.history: "history",
    }
    for tab, name in names.items():
        if tab is None:
            continue
        detail.tabs.setCurrentWidget(tab)
        grab(detail, out / f"team-{name}-{lang}.png", DETAIL_SIZE)
    shoot_leaving(ctx, detail, out, lang)
    detail.close()

    window.new_team()
    form = window.dialog
    assert form is not None and teams is not None
    form.edits["name_zh"].setText("上海示例智能科技有限公司")  # type: ignore[attr-defined]
    form.edits["uscc"].setText("91310104MA1FL8XQ3A")  # type: ignore[attr-defined]
    form.edits["founded_on"].setText("2024-02-30")  # type: ignore[attr-defined]
    form.form.revalidate(show_all=True)  # type: ignore[attr-defined]
    grab(form, out / f"team-form-{lang}.png", (640, 560))
    form.close()
    window.close()


def shoot_materials(ctx: DeskContext, out: Path, lang: str) -> None:
    """The Materials dialog (issue 13) of the application returned for correction, else the
    newest one."""
    from aitown.services.applications import list_applications
    from ui.dialogs.materials import MaterialsDialog

    rows = list_applications(ctx.db, status="returned", limit=1) or list_applications(
        ctx.db, limit=1
    )
    if rows:
        dialog = MaterialsDialog(ctx, rows[0].id)
        grab(dialog, out / f"materials-{lang}.png", (1000, 600))
        dialog.close()


def shoot_leaving(ctx: DeskContext, detail: QWidget, out: Path, lang: str) -> None:
    """The leaving dialog (issue 14) of the team, with its preview."""
    from aitown.enums import TeamStatus
    from ui.dialogs.leave_dialog import LeaveDialog

    dialog = LeaveDialog(ctx, detail.team, TeamStatus.WITHDRAWN, detail)  # type: ignore[attr-defined]
    dialog.reason.setText(
        "迁往外省，主动退出" if lang.startswith("zh") else "Moving out of Shanghai"
    )
    dialog.run_preview()
    grab(dialog, out / f"leave-{lang}.png", (720, 560))
    dialog.close()


def pick_unit(board: QWidget) -> None:
    """Show the timeline of the leased unit with the most entries on the unit board."""
    from aitown.services.unit_board import unit_timeline

    cells = [c for c in board.cells if c.lease_id is not None]  # type: ignore[attr-defined]
    if cells:
        best = max(cells, key=lambda c: (len(unit_timeline(board.ctx.db, c.space_id)), -c.space_id))  # type: ignore[attr-defined]
        board.choose(best.space_id)  # type: ignore[attr-defined]


def pick_team(db: Database) -> int:
    """An admitted team with a lease and a granted rent waiver, if there is one."""
    from aitown.services.rent_waivers import rent_waiver_schedules
    from aitown.services.teams import TeamQuery, search_teams

    rows = search_teams(db, TeamQuery(status="admitted", sort="id", limit=60))
    for row in rows:
        if rent_waiver_schedules(db, row.id):
            return int(row.id)
    return int(rows[0].id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=LANGS, action="append")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["AITOWN_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["AITOWN_LOG_DIR"] = str(Path(tmp) / "log")
        from ui.app import make_application

        app = make_application(["make_screenshots"])
        db, admin = build_demo(Path(tmp))
        try:
            for lang in args.lang or LANGS:
                shoot_language(app, db, admin, lang, args.out)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
