"""Pictures of the work done in the phase-B screens, in English and in Chinese.

    .venv/bin/python docs/make_screenshots_b.py [--out docs/screenshots] [--lang en]

docs/make_screenshots.py takes every main screen; this script takes what happens in them: the
reviewer's queue, recording an application, a decision, batch approval with its preview,
issuing a notice, batch printing, the import wizard with bad rows, the audit chain verified.
Index: docs/screenshots/phase-b.md.

Builds the same demo database as docs/make_screenshots.py (whose demo data already records,
submits, approves, rejects and disburses applications through the services), then revokes one,
approves rent waivers that end within 60 days and issues notices as the administrator, so that
the pictures have something to show.
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
sys.path.insert(0, str(ROOT / "docs"))

import make_screenshots as base  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from stdnum.cn import uscc  # noqa: E402

from aitown.db import Database  # noqa: E402
from aitown.errors import DeskError  # noqa: E402
from aitown.services.actor import Actor  # noqa: E402
from aitown.services.materials import mark_all_seen  # noqa: E402

SIZE = base.SIZE
LANGS = base.LANGS


def vendor_code(body: str) -> str:
    return body + uscc.calc_check_digit(body)


VENDORS = (
    ("上海算力云科技有限公司", vendor_code("91310115MA1K4HXX0"), "周强"),
    ("北京模型服务有限公司", vendor_code("91110108MA01AB2C3"), "吴敏"),
    ("上海语料数据有限公司", vendor_code("91310104MA1FQ7R8T"), "郑洁"),
)


def add_phase_b_demo(db: Database, admin: Actor, desk: Actor, reviewer: Actor) -> dict[str, int]:
    """On top of the demo's applications (every state but revoked): a revocation, rent waivers
    ending within the dashboard's 60 days, and issued notices; returns the ids the pictures use."""
    from aitown.policy.dates import add_months
    from aitown.services import applications as apps
    from aitown.services.leases import team_leases
    from aitown.services.teams import TeamQuery, search_teams

    today = dt.date.today()
    ids: dict[str, int] = {}
    by_status = {
        status: [a.id for a in apps.list_applications(db, status=status)]
        for status in ("submitted", "approved", "rejected", "disbursed")
    }
    for n, app_id in enumerate(sorted(by_status["submitted"])[:4]):
        ids[f"to_review_{n + 1}"] = app_id
    if by_status["approved"]:
        revoked = by_status["approved"][-1]
        apps.revoke_application(db, admin, revoked, "the contract was cancelled by the vendor")
        ids["revoked"] = revoked
        by_status["approved"].remove(revoked)

    # Rent waivers ending within 60 days: leases that began about two years ago, whose 24 waived
    # months are nearly over.
    held = {a.team_id for a in apps.list_applications(db, benefit="rent_waiver")}
    for team in search_teams(db, TeamQuery(status="admitted", sort="id", limit=200)):
        if team.id in held:
            continue
        ends = [
            add_months(ls.start_on, 24) - dt.timedelta(days=1) for ls in team_leases(db, team.id)
        ]
        if not any(today <= end <= today + dt.timedelta(days=60) for end in ends):
            continue
        try:
            rec = apps.record_application(db, desk, team.id, "rent_waiver")
            mark_all_seen(db, desk, rec.application_id)  # the originals (issue 13.1)
            apps.submit_application(db, desk, rec.application_id)
            apps.approve_application(db, reviewer, rec.application_id)
        except DeskError:
            continue
        ids.setdefault("waiver_ending", rec.application_id)

    # The demo's approved applications have their notices already; add a refusal's and a
    # revocation's, and leave the other decisions waiting for the issue dialog.
    issue_some_notices(db, admin, [*by_status["rejected"][:1], ids.get("revoked")])
    return ids


def issue_some_notices(db: Database, admin: Actor, app_ids: list[int | None]) -> None:
    from aitown.services.notices import issue_notice

    for app_id in app_ids:
        if app_id is None:
            continue
        try:
            issue_notice(db, admin, app_id)
        except DeskError as exc:
            print(f"notice for application {app_id} not issued: {exc}", file=sys.stderr)


def settle(ms: int = 0) -> None:
    """Let events flow (and, for ``ms``, the PDF view's page renderer, which works in a thread)."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()
    if ms:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()


def grab(widget: QWidget, path: Path, size: tuple[int, int]) -> None:
    base.grab(widget, path, size)


def shoot_language(
    app: QApplication, db: Database, ids: dict[str, int], lang: str, out: Path
) -> None:
    from aitown.demo import DEMO_PASSWORD
    from aitown.services.users import authenticate
    from ui.app import app_settings, apply_language
    from ui.context import DeskContext
    from ui.dialogs.application_form import ApplicationFormDialog
    from ui.dialogs.batch_approve import BatchApproveDialog
    from ui.dialogs.batch_print import BatchPrintDialog
    from ui.dialogs.decision import APPROVE, DecisionDialog
    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.issue_notice import IssueNoticeDialog
    from ui.main_window import MainWindow

    apply_language(app, lang)
    admin = authenticate(db, "admin", "admin-pass-1")
    reviewer = authenticate(db, "reviewer", DEMO_PASSWORD)
    desk = authenticate(db, "desk", DEMO_PASSWORD)
    settings = app_settings()
    admin_ctx = DeskContext(db=db, actor=admin, settings=settings, lang=lang)
    reviewer_ctx = DeskContext(db=db, actor=reviewer, settings=settings, lang=lang)
    desk_ctx = DeskContext(db=db, actor=desk, settings=settings, lang=lang)

    # The audit log after "Verify chain".
    window = MainWindow(admin_ctx)
    audit = window.show_screen("audit_log")
    if audit is not None:
        audit.verify()  # type: ignore[attr-defined]
        grab(window, out / f"audit-verify-{lang}.png", SIZE)
    window.close()

    # The reviewer's queue: what is waiting, one selected with its rules.
    window = MainWindow(reviewer_ctx)
    queue = window.show_screen("applications")
    if queue is not None and "to_review_1" in ids:
        queue.select_application(ids["to_review_1"])  # type: ignore[attr-defined]
        grab(window, out / f"applications-review-{lang}.png", SIZE)
        dialog = DecisionDialog(reviewer_ctx, APPROVE, ids["to_review_1"], window)
        grab(dialog, out / f"application-approve-{lang}.png", (860, 640))
        dialog.close()
    waiting = [a for k, a in ids.items() if k.startswith("to_review") or k == "talent"]
    if waiting:
        batch = BatchApproveDialog(reviewer_ctx, sorted(waiting), window)
        grab(batch, out / f"batch-approve-{lang}.png", (1100, 640))
        batch.close()
    window.close()

    # Desk staff records a compute voucher: the amount and the rules, live.
    form = ApplicationFormDialog(desk_ctx, benefit="compute_voucher")
    from aitown.services.teams import TeamQuery, search_teams

    team = search_teams(db, TeamQuery(status="admitted", sort="id", limit=1))[0]
    form.picker.set_team(team.id, team.name_zh)
    form.contract_amount.setText("500000")
    form.vendor_uscc.setText(VENDORS[0][1])
    form.vendor_name.setText(VENDORS[0][0])
    form.update_preview()
    grab(form, out / f"application-form-{lang}.png", (1100, 640))
    form.close()

    issue = IssueNoticeDialog(admin_ctx)
    issue.resize(1200, 720)
    issue.show()
    settle(1500)
    grab(issue, out / f"notice-issue-{lang}.png", (1200, 720))
    issue.close()
    batch_print = BatchPrintDialog(admin_ctx)
    batch_print.out.setText(str(Path.home() / "notices"))
    grab(batch_print, out / f"notices-batch-print-{lang}.png", (700, 300))
    batch_print.close()

    wizard = ImportWizard(desk_ctx)
    bad = ROOT / "tests" / "data" / "import" / "teams_bad_rows.csv"
    wizard.file_page.path.setText(str(bad))
    wizard.show()
    wizard.next()
    settle()
    grab(wizard, out / f"import-wizard-{lang}.png", (1000, 600))
    wizard.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=LANGS, action="append")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["AITOWN_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["AITOWN_LOG_DIR"] = str(Path(tmp) / "log")
        from ui import tasks
        from ui.app import make_application

        app = make_application(["make_screenshots_b"])
        tasks.set_synchronous(True)  # previews and checks finish before each picture
        db, admin = base.build_demo(Path(tmp))
        from aitown.demo import DEMO_PASSWORD
        from aitown.services.users import authenticate

        ids = add_phase_b_demo(
            db,
            admin,
            authenticate(db, "desk", DEMO_PASSWORD),
            authenticate(db, "reviewer", DEMO_PASSWORD),
        )
        print("demo applications:", ids)
        try:
            for lang in args.lang or LANGS:
                shoot_language(app, db, ids, lang, args.out)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
