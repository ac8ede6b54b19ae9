"""``report``, ``eligibility --all --unclaimed`` (policy matching) and ``--out`` on list commands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence

from aitown.cli import CliError, cli_lang, login, open_db
from aitown.cli.teams import refuse_overwrite
from aitown.db import Database
from aitown.money import format_yuan
from aitown.services.actor import Actor
from aitown.services.list_export import LIST_FORMATS, REPORT_FORMATS, Table, export_tables

OUT_HELP = "write the list to this file (.xlsx, .csv or .pdf) instead of printing it; needs --user"


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    r = sub.add_parser(
        "report",
        parents=[common],
        help="write a report (summary per benefit, tenants and occupancy, incubator statistics) "
        "to .xlsx or .pdf",
    )
    r.add_argument("kind", choices=["summary", "tenants", "incubator"])
    r.add_argument(
        "--from", dest="date_from", required=True, metavar="DATE", help="first day (YYYY-MM-DD)"
    )
    r.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="last day, included")
    r.add_argument("--out", required=True, metavar="FILE", help="the file to write (.xlsx or .pdf)")
    r.add_argument("--force", action="store_true", help="replace the file if it exists")
    r.set_defaults(handler=cmd_report)


def add_out_option(parser: argparse.ArgumentParser) -> None:
    """``--out FILE`` on a list command."""
    parser.add_argument("--out", default=None, metavar="FILE", help=OUT_HELP)
    parser.add_argument(
        "--force", action="store_true", help="with --out: replace the file if it exists"
    )


def office_name(db: Database, lang: str) -> str:
    from aitown.services.office import get_office

    office = get_office(db)
    return office.name_zh if lang == "zh" else (office.name_en or office.name_zh)


def _write(
    db: Database,
    actor: Actor,
    tables: Sequence[Table],
    out: str,
    lang: str,
    *,
    formats: Sequence[str] = LIST_FORMATS,
    action: str = "list.export",
) -> int:
    count = export_tables(
        db,
        actor,
        tables,
        out,
        lang=lang,
        formats=formats,
        office_name=office_name(db, lang),
        action=action,
    )
    rows = "行" if lang == "zh" else "rows"
    print(f"{'已写入' if lang == 'zh' else 'Wrote'} {out} ({count:,} {rows})", file=sys.stderr)
    return count


def write_out(args: argparse.Namespace, build: Callable[[Database, Actor, str], Table]) -> int:
    """A list command's ``--out``: log in, build the table as the user, write it, say so."""
    refuse_overwrite(args.out, args.force)
    if not args.user:
        raise CliError(
            "Writing a list to a file is recorded in the audit log: name the acting user with "
            "--user NAME.",
            "导出名单会记入审计日志：请用 --user NAME 指定操作用户。",
        )
    db = open_db(args)
    try:
        actor = login(db, args)
        lang = cli_lang()
        _write(db, actor, [build(db, actor, lang)], args.out, lang)
    finally:
        db.dispose()
    return 0


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(
            f"{option} “{text}” is not a date: give it as YYYY-MM-DD, e.g. 2026-01-01.",
            f"{option}“{text}”不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2026-01-01。",
        ) from None


def cmd_report(args: argparse.Namespace) -> int:
    from aitown.services.list_export import check_target
    from aitown.services.reports import build_report, check_period

    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    check_period(date_from, date_to)
    check_target(args.out, REPORT_FORMATS)  # before the password prompt
    refuse_overwrite(args.out, args.force)
    if not args.user:
        raise CliError(
            "A report is recorded in the audit log: name the acting user with --user NAME.",
            "报表导出会记入审计日志：请用 --user NAME 指定操作用户。",
        )
    db = open_db(args)
    try:
        actor = login(db, args)
        lang = cli_lang()
        tables = build_report(db, actor, args.kind, date_from, date_to, lang=lang)
        _write(db, actor, tables, args.out, lang, formats=REPORT_FORMATS, action="report.export")
    finally:
        db.dispose()
    return 0


def cmd_unclaimed(args: argparse.Namespace, day: dt.date | None) -> int:
    """``eligibility --all --unclaimed``: one line (or JSON line) per team and benefit it could
    claim and has not; a count on stderr."""
    from aitown.services.policy_matching import unclaimed_matches, verdict_text

    lang = args.lang or cli_lang()
    if not args.user:
        raise CliError(
            "Policy matching reads the whole list of teams: name the acting user with --user NAME.",
            "政策匹配需读取全部团队信息：请用 --user NAME 指定操作用户。",
        )
    from aitown.cli.policy import _progress_on_terminal

    db = open_db(args)
    found = 0
    progress = _progress_on_terminal()
    try:
        actor = login(db, args)
        for m in unclaimed_matches(db, actor, benefit=args.benefit, today=day, progress=progress):
            found += 1
            if args.json:
                print(json.dumps(m.to_json(lang), ensure_ascii=False))
                continue
            from aitown.services.list_tables import benefit_text

            benefit = benefit_text(m.benefit, "zh") if lang == "zh" else m.benefit
            detail = format_yuan(m.amount_fen) if m.amount_fen is not None else ""
            if m.clause:
                detail = f"§{m.clause} {m.reason(lang)}"
            print("\t".join((m.uscc, m.team_name, benefit, verdict_text(m.verdict, lang), detail)))
    finally:
        if progress is not None:
            progress(-1, -1)
        db.dispose()
    if lang == "zh":
        print(f"找到 {found} 项符合条件但尚未申请的扶持。", file=sys.stderr)
    else:
        print(
            f"Found {found:,} benefits a team could claim and has not applied for.", file=sys.stderr
        )
    return 0
