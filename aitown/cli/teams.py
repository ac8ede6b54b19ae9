"""``teams import``, ``teams export``, ``teams template`` and ``teams leave``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from aitown.cli import CliError, cli_lang, login, open_db

# Below this many rows an import is over before a progress line would help.
PROGRESS_FROM_ROWS = 2000


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    t = sub.add_parser("teams", help="import or export team lists; write an import template")
    ts = t.add_subparsers(dest="teams_command", metavar="ACTION")
    ts.required = True

    i = ts.add_parser(
        "import",
        parents=[common],
        help="import teams from .csv (UTF-8, UTF-8 with BOM, GBK) or .xlsx; all rows or none",
    )
    i.add_argument("file", help="the team list (.csv or .xlsx), English or Chinese headers")
    i.add_argument(
        "--dry-run", action="store_true", help="check every row and report; write nothing"
    )
    i.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the good rows and leave out the bad ones (listed)",
    )
    i.set_defaults(handler=cmd_import)

    e = ts.add_parser("export", parents=[common], help="write the teams to .csv or .xlsx")
    e.add_argument("file", help="the file to write (.csv or .xlsx)")
    e.add_argument("--lang", choices=["en", "zh"], default="en", help="header language")
    e.add_argument("--force", action="store_true", help="replace the file if it exists")
    e.set_defaults(handler=cmd_export)

    tp = ts.add_parser(
        "template",
        parents=[common],
        help="write an empty team list with the headers and one example row",
    )
    tp.add_argument("file", help="the file to write (.csv or .xlsx)")
    tp.add_argument("--lang", choices=["en", "zh"], default="en", help="header language")
    tp.add_argument("--force", action="store_true", help="replace the file if it exists")
    tp.set_defaults(handler=cmd_template)

    lv = ts.add_parser(
        "leave",
        parents=[common],
        help="withdraw or expel a team: end its lease, recompute its rent waiver, ask the §2.5 "
        "repayment, release unpaid commitments (one transaction)",
    )
    lv.add_argument("team", help="the team's USCC or id")
    lv.add_argument("--status", required=True, choices=["withdrawn", "expelled"])
    lv.add_argument("--on", required=True, help="the leaving date (its last day in the town)")
    lv.add_argument("--reason", default="", help="why (recorded, and on the revocation notices)")
    lv.add_argument(
        "--dry-run", action="store_true", help="show what would happen and change nothing"
    )
    lv.add_argument("--json", action="store_true", help="what was done, as JSON (money in fen)")
    lv.set_defaults(handler=cmd_leave)

    from aitown.cli import team_checks

    team_checks.register(ts, common)


def cmd_leave(args: argparse.Namespace) -> int:
    """``teams leave``: the guided leaving step of the GUI, on the command line."""
    import json

    from aitown.services.leaving import leave_town, preview_leaving
    from aitown.services.teams import find_team

    db = open_db(args)
    actor = login(db, args)
    team = find_team(db, args.team)
    step = preview_leaving if args.dry_run else leave_town
    result = step(db, actor, team.id, args.status, args.on, reason=args.reason)
    if args.json:
        print(json.dumps(result.to_record(), ensure_ascii=False, indent=2))
        return 0
    lang = cli_lang()
    for line in result.lines(lang):
        print(line)
    if args.dry_run:
        print("（预览，未作任何改动）" if lang == "zh" else "(preview: nothing was changed)")
    elif result.notice_applications:
        apps = " ".join(str(a) for a in result.notice_applications)
        print(
            f"请出具撤销通知书：aitown-cli notices issue 申请编号（申请 {apps}）"
            if lang == "zh"
            else f"Issue the revocation notices: aitown-cli notices issue APPLICATION_ID (applications {apps})"
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from aitown.services.team_import import import_teams

    db = open_db(args)
    actor = login(db, args)
    lang = cli_lang()
    progress = _progress_on_terminal()
    try:
        report = import_teams(
            db,
            actor,
            args.file,
            dry_run=args.dry_run,
            skip_invalid=args.skip_invalid,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress(-1, -1)
    for problem in report.problems:
        print(problem.render(lang))
    if report.problems_not_listed:
        print(
            f"第 {report.problems[-1].line} 行之后还有 {report.problems_not_listed} 行有问题，未列出。"
            if lang == "zh"
            else f"… and {report.problems_not_listed} more bad rows after line "
            f"{report.problems[-1].line}, not listed."
        )
    if report.bad and (report.dry_run or report.imported == 0):
        # The rows are listed above; the reason for the exit status is one line on stderr.
        raise CliError(report.summary("en"), report.summary("zh"))
    print(report.summary(lang))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from aitown.services.team_export import export_teams

    refuse_overwrite(args.file, args.force)
    db = open_db(args)
    actor = login(db, args)
    count = export_teams(db, actor, args.file, lang=args.lang)
    masked = not actor.can("personal_data.view")
    if cli_lang() == "zh":
        print(f"已导出 {count} 个团队到 {args.file}" + ("（电话已脱敏）。" if masked else "。"))
    else:
        print(f"Exported {count} teams to {args.file}" + (" (phones masked)." if masked else "."))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from aitown.services.team_export import write_template

    refuse_overwrite(args.file, args.force)
    write_template(args.file, lang=args.lang)
    if cli_lang() == "zh":
        print(f"已生成模板 {args.file}：填写团队前请删除示例行。")
    else:
        print(f"Wrote the template {args.file}; replace its example row with your teams.")
    return 0


def refuse_overwrite(file: str, force: bool) -> None:
    """An existing file is replaced only with ``--force``: a mistyped name must not silently
    destroy an earlier export (or someone's spreadsheet)."""
    target = Path(file).expanduser()
    if target.is_file() and not force:
        raise CliError(
            f"{target} already exists; choose another name, or add --force to replace it.",
            f"{target} 已存在：请换一个文件名，或加 --force 替换它。",
        )


def _progress_on_terminal() -> Callable[[int, int], None] | None:
    """A progress line on stderr for big files, only when a person is watching a terminal."""
    if not sys.stderr.isatty():
        return None
    shown = False

    def show(done: int, total: int) -> None:
        nonlocal shown
        if done < 0:  # finished: end the line the progress was drawn on
            if shown:
                sys.stderr.write("\n")
            return
        if total < PROGRESS_FROM_ROWS:
            return
        shown = True
        sys.stderr.write(f"\r{done * 100 // max(total, 1):3d}%")
        sys.stderr.flush()

    return show
